-- The worked examples of METHODOLOGY §4.2 and §4.3, from their inputs,
-- through the kernels with the version's parameters and through
-- recalculate_within_transaction: U = 74.5 (CSB), T = 72.3 (LEB), S = 61.25
-- and U' = 77.6 (kz2020_apa), D = 80.0.
BEGIN;
SELECT plan(22);

-- §4.2: 5 000 000 deliveries, 100 deadline violations, 10 refusals, 20 incomplete,
-- 150 extra documents, 5 appeals, 70 % satisfied, 80 % of services and 85 % of
-- deliveries electronic, 20 h downtime, 3 newly automated.
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('MF', 2020, 5000000, 100, 10, 20, 150, 4250000, 5),
       ('AKMOLA', 2020, 5000000, 100, 10, 20, 150, 4250000, 5);
INSERT INTO perf_eval.service_indicators (body, year, satisfaction_percent, services_in_register, services_electronic,
                                          downtime_hours, newly_automated)
VALUES ('MF', 2020, 70, 100, 80, 20, 3),
       ('AKMOLA', 2020, 70, 100, 80, 20, 3);
-- §4.3: 450 of 500 data sets; budget 70 %; NLA (CSB) all fulfilled except forms 0.5 and
-- monitoring 0.8 in both languages; dialogue (0.9, 1, 0.8, 0.6, 1); 3 of 12 subordinates.
INSERT INTO perf_eval.openness_inputs (body, year, open_data_published, open_data_required, budget_filling_percent,
                                       blog_questions_received, blog_questions_answered, dialogue_indicator_2,
                                       dialogue_indicator_3, dialogue_indicator_4, dialogue_indicator_5,
                                       subordinates_total, subordinates_non_compliant)
VALUES ('MF', 2020, 450, 500, 70, 100, 90, 1, 0.8, 0.6, 1, 12, 3);
INSERT INTO perf_eval.open_nla_fulfilment (body, year, language, item, fulfilment)
SELECT 'MF', 2020, l.language, i.item, CASE i.item WHEN 'forms' THEN 0.5 WHEN 'monitoring' THEN 0.8 ELSE 1 END
FROM (VALUES ('kk'), ('ru')) AS l(language)
CROSS JOIN (VALUES ('concepts'), ('drafts'), ('forms'), ('monitoring'), ('notifications')) AS i(item);

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS kz2020_run \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS apa_run \gset

CREATE FUNCTION pg_temp.node(run bigint, body text, node text) RETURNS numeric
LANGUAGE sql AS $$ SELECT s.value FROM perf_eval.score AS s WHERE s.run_id = $1 AND s.body = $2 AND s.node = $3 $$;

-- U = K1 + K2 + K3 (CSB, kz2020)
SELECT is(pg_temp.node(:kz2020_run, 'MF', 'interaction.services.satisfaction'), 24.5, 'K1 = P1 15 + P2 9.5 = 24.5');
SELECT is(pg_temp.node(:kz2020_run, 'MF', 'interaction.services.quality'), 34.8, 'K2 = T1 8 + T2 8 + T3 9.8 + T4 9 = 34.8');
SELECT is(pg_temp.node(:kz2020_run, 'MF', 'interaction.services.automation'), 15.2, 'K3 = 6.4 + 6.8 - 1 + 3 = 15.2');
SELECT is(pg_temp.node(:kz2020_run, 'MF', 'interaction.services'), 74.5, 'U = 74.5 (METHODOLOGY §4.2)');
SELECT is((SELECT s.explanation -> 'indicators' FROM perf_eval.score AS s
           WHERE s.run_id = :kz2020_run AND s.body = 'MF' AND s.node = 'interaction.services.satisfaction'),
          '{"P1": 15, "P2": 9.5}'::jsonb, 'the explanation of K1 shows P1 = 15 and P2 = 9.5');
SELECT is((SELECT s.explanation -> 'indicators' FROM perf_eval.score AS s
           WHERE s.run_id = :kz2020_run AND s.body = 'MF' AND s.node = 'interaction.services.quality'),
          '{"T1": 8, "T2": 8, "T3": 9.8, "T4": 9}'::jsonb, 'the explanation of K2 shows T1..T4');

-- T = M1 + M2 (LEB, kz2020: no K3)
SELECT is(pg_temp.node(:kz2020_run, 'AKMOLA', 'interaction.services'), 72.3,
          'T = 20 + 9.5 + 16 + 8 + 9.8 + 9 = 72.3 (METHODOLOGY §4.2)');

-- kz2020_apa: S, K2', U'
SELECT is(pg_temp.node(:apa_run, 'MF', 'interaction.satisfaction'), 61.25, 'S = 75*0.5 + 25*0.95 = 61.25');
SELECT is(pg_temp.node(:apa_run, 'MF', 'interaction.services.quality'), 62.4, 'K2'' = 64 - (1 + 0.1 + 0.5) = 62.4');
SELECT is((SELECT s.explanation -> 'indicators' FROM perf_eval.score AS s
           WHERE s.run_id = :apa_run AND s.body = 'MF' AND s.node = 'interaction.services.quality'),
          '{"T1": 64, "penalty_T2": 1, "penalty_T3": 0.1, "penalty_T4": 0.5}'::jsonb,
          'the explanation of K2'' shows T1'' = 64 and the penalties 1, 0.1, 0.5');
SELECT is(pg_temp.node(:apa_run, 'MF', 'interaction.services'), 77.6, 'U'' = K2'' + K3 = 77.6 (METHODOLOGY §4.2)');
SELECT is(pg_temp.node(:apa_run, 'AKMOLA', 'interaction.services'), 77.6, 'T'' = U'' for the same counts: K3 extended to LEBs');

-- D (CSB, kz2020)
SELECT results_eq(
    format($$SELECT o.node, s.value FROM unnest(ARRAY['interaction.openness.open_data', 'interaction.openness.open_budget',
               'interaction.openness.open_nla', 'interaction.openness.open_dialogue',
               'interaction.openness.subordinate_deduction', 'interaction.openness']) WITH ORDINALITY AS o(node, i)
             LEFT JOIN perf_eval.score AS s ON s.run_id = %s AND s.body = 'MF' AND s.node = o.node ORDER BY o.i$$,
           :kz2020_run),
    $$VALUES ('interaction.openness.open_data', 22.5::numeric), ('interaction.openness.open_budget', 17.5),
             ('interaction.openness.open_nla', 21), ('interaction.openness.open_dialogue', 21.5),
             ('interaction.openness.subordinate_deduction', 2.5), ('interaction.openness', 80)$$,
    'D = 22.5 + 17.5 + 21 + 21.5 - 2.5 = 80.0 (METHODOLOGY §4.3)');
SELECT is((SELECT round(s.value, 1)::text FROM perf_eval.score AS s
           WHERE s.run_id = :kz2020_run AND s.body = 'MF' AND s.node = 'interaction.openness'), '80.0',
          'D is shown as 80.0');

-- The same numbers straight from the kernels with the shipped parameters.
SELECT is(perf_eval.service_satisfaction_points(70, 5, 5000000,
              perf_eval.param_numeric('kz2020', 'services.csb.pts_p1'), perf_eval.param_numeric('kz2020', 'services.csb.pts_p2'),
              perf_eval.param_text('kz2020', 'services.satisfaction_scale'), perf_eval.param_text('kz2020', 'services.appeal_scale'),
              perf_eval.param_numeric('kz2020', 'services.rate_base'))
          + perf_eval.service_quality_points(100, 10, 20, 150, 5000000,
              10, 10, 10, 10, perf_eval.param_text('kz2020', 'services.t1_scale'), perf_eval.param_text('kz2020', 'services.t2_scale'),
              perf_eval.param_text('kz2020', 'services.t3_scale'), perf_eval.param_text('kz2020', 'services.t4_scale'), 100000)
          + perf_eval.service_automation_points(80, 100, 4250000, 5000000, 20, 3, 8, 8, 0.05, 5, 1, 4, 20),
          74.5, 'kernels: K1 + K2 + K3 = 74.5');
SELECT is(perf_eval.service_satisfaction_points(70, 5, 5000000, 40, 10, '50:0;90:1', '0:1;2:0', 100000)
          + perf_eval.service_quality_points(100, 10, 20, 150, 5000000, 20, 10, 10, 10,
                                             '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000),
          72.3, 'kernels: M1 + M2 = 72.3');
SELECT is(perf_eval.service_satisfaction_points(70, 5, 5000000, 75, 25, '50:0;90:1', '0:1;2:0', 100000), 61.25,
          'kernels: S = 61.25');
SELECT is(perf_eval.service_quality_points_apa(100, 10, 20, 150, 5000000, 80, 5,
                                               '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000)
          + perf_eval.service_automation_points(80, 100, 4250000, 5000000, 20, 3, 8, 8, 0.05, 5, 1, 4, 20),
          77.6, 'kernels: U'' = K2'' + K3 = 77.6');
SELECT is(perf_eval.open_data_points(450, 500, 25) + perf_eval.open_budget_points(70, 25)
          + perf_eval.open_nla_points('{1,3,2,5,1.5,1,3,2,5,1.5}', '{1,1,0.5,0.8,1,1,1,0.5,0.8,1}')
          + perf_eval.open_dialogue_points(90, 100, '{1,0.8,0.6,1}', 5)
          - perf_eval.subordinate_openness_deduction(3, 12, 10),
          80.0, 'kernels: D = 80.0');

-- Explanations name the assumed parameters they used.
SELECT ok((SELECT bool_and((p ->> 'assumed')::boolean) FROM perf_eval.score AS s,
                  jsonb_array_elements(s.explanation -> 'parameters') AS p
           WHERE s.run_id = :kz2020_run AND s.body = 'MF' AND s.node = 'interaction.services.automation'),
          'every K3 parameter is flagged assumed in the explanation');
SELECT is((SELECT s.explanation -> 'clause' FROM perf_eval.score AS s
           WHERE s.run_id = :kz2020_run AND s.body = 'MF' AND s.node = 'interaction.services.quality'),
          '"APA 2020 report §2.2, Table 2.2"'::jsonb, 'the explanation of K2 cites its clause');
SELECT is((SELECT s.explanation #>> '{inputs,rates_per_rate_base,deadline_violations}' FROM perf_eval.score AS s
           WHERE s.run_id = :kz2020_run AND s.body = 'MF' AND s.node = 'interaction.services.quality'),
          '2.000000', 'the explanation shows the rate per 100 000 deliveries');

SELECT * FROM finish();
ROLLBACK;
