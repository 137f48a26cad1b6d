-- kz2020 against kz2020_apa (and kz2017) on the same inputs (METHODOLOGY
-- §2.1, §4.1): the apa version moves satisfaction into its own direction S,
-- turns T2-T4 into penalties, extends K3 to LEBs, scores the revised Open NLA
-- items rescaled x 25/23, splits R1 20/20 with one-time acceptance, and
-- weighs O' = 0.3S + 0.2U' + 0.3D + 0.2H'. kz2017 computes none of the
-- services and openness directions: they are supplied.
BEGIN;
SELECT plan(15);

-- One ministry: the worked examples of §4.2-§4.4 and the Open NLA items of both versions.
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('MF', 2020, 5000000, 100, 10, 20, 150, 4250000, 5);
INSERT INTO perf_eval.service_indicators (body, year, satisfaction_percent, services_in_register, services_electronic,
                                          downtime_hours, newly_automated)
VALUES ('MF', 2020, 70, 100, 80, 20, 3);
INSERT INTO perf_eval.openness_inputs (body, year, open_data_published, open_data_required, budget_filling_percent,
                                       blog_questions_received, blog_questions_answered, dialogue_indicator_2,
                                       dialogue_indicator_3, dialogue_indicator_4, dialogue_indicator_5,
                                       subordinates_total, subordinates_non_compliant)
VALUES ('MF', 2020, 450, 500, 70, 100, 90, 1, 0.8, 0.6, 1, 12, 3);
INSERT INTO perf_eval.open_nla_fulfilment (body, year, language, item, fulfilment)
SELECT 'MF', 2020, l.language, i.item, i.fulfilment
FROM (VALUES ('kk'), ('ru')) AS l(language)
CROSS JOIN (VALUES ('concepts', 1), ('drafts', 1), ('forms', 0.5), ('monitoring', 0.8), ('notifications', 1),
                   ('analysis', 1), ('recommendations', 1), ('submissions', 0.5), ('user_satisfaction', 1)) AS i(item, fulfilment);
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2020, 20000, 8, 0, 21, 6);

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS kz2020_run \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS apa_run \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2017') AS kz2017_run \gset

-- Values at 6 decimals: the apa Open NLA is 475/23, which does not terminate.
CREATE FUNCTION pg_temp.interaction_nodes(run bigint) RETURNS TABLE (node text, value numeric)
LANGUAGE sql AS $$
    SELECT s.node, round(s.value, 6) FROM perf_eval.score AS s
    WHERE s.run_id = $1 AND s.body = 'MF' AND s.node LIKE 'interaction%' ORDER BY s.node
$$;

SELECT results_eq($$SELECT * FROM pg_temp.interaction_nodes($$ || :kz2020_run || $$)$$,
    $$VALUES ('interaction'::text, 76.83::numeric),
             ('interaction.complaints', 77.9), ('interaction.complaints.court', 30),
             ('interaction.complaints.internal_control', 6), ('interaction.complaints.repeat', 17.9),
             ('interaction.complaints.timeliness', 24),
             ('interaction.openness', 80), ('interaction.openness.open_budget', 17.5),
             ('interaction.openness.open_data', 22.5), ('interaction.openness.open_dialogue', 21.5),
             ('interaction.openness.open_nla', 21), ('interaction.openness.subordinate_deduction', 2.5),
             ('interaction.services', 74.5), ('interaction.services.automation', 15.2),
             ('interaction.services.quality', 34.8), ('interaction.services.satisfaction', 24.5)$$,
    'kz2020: U 74.5, D 80, H 77.9, O = 0.5*74.5 + 0.3*80 + 0.2*77.9 = 76.83');

SELECT results_eq($$SELECT * FROM pg_temp.interaction_nodes($$ || :apa_run || $$)$$,
    $$VALUES ('interaction'::text, 74.570652::numeric),
             ('interaction.complaints', 83.9), ('interaction.complaints.court', 30),
             ('interaction.complaints.internal_control', 6), ('interaction.complaints.one_time_acceptance', 18),
             ('interaction.complaints.repeat', 17.9), ('interaction.complaints.timeliness', 12),
             ('interaction.openness', 79.652174), ('interaction.openness.open_budget', 17.5),
             ('interaction.openness.open_data', 22.5), ('interaction.openness.open_dialogue', 21.5),
             ('interaction.openness.open_nla', 20.652174), ('interaction.openness.subordinate_deduction', 2.5),
             ('interaction.satisfaction', 61.25),
             ('interaction.services', 77.6), ('interaction.services.automation', 15.2),
             ('interaction.services.quality', 62.4)$$,
    'kz2020_apa: S 61.25, U'' 77.6, D 59 + 475/23, H'' 83.9, O'' = 0.3*61.25 + 0.2*77.6 + 0.3*D + 0.2*83.9 = 74.570652...');

-- What changed, node by node.
SELECT is((SELECT round(value, 12) FROM perf_eval.score WHERE run_id = :apa_run AND body = 'MF'
           AND node = 'interaction.openness.open_nla'), round(475::numeric / 23, 12),
          'apa Open NLA: (2 + 3 + 4*0.5 + 1.5 + 1) per language, 19 of 23 in two languages, rescaled x 25/23 = 475/23');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :apa_run AND body = 'MF'
           AND node = 'interaction.complaints.one_time_acceptance'), 18::numeric,
          'apa one-time acceptance: 20 * scale(150 extra documents per 5 000 000 = 3 per 100 000; 0:1;30:0) = 18');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :apa_run AND body = 'MF'
           AND node = 'interaction.complaints.timeliness'), 12::numeric, 'apa R1 with k = 20: 12 instead of 24');
SELECT is_empty(format($$SELECT 1 FROM perf_eval.score WHERE run_id = %s AND node IN
                           ('interaction.satisfaction', 'interaction.complaints.one_time_acceptance')$$, :kz2020_run),
                'kz2020 has no S direction and no one-time acceptance');
SELECT is_empty(format($$SELECT 1 FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.services.satisfaction'$$, :apa_run),
                'kz2020_apa has no K1 criterion: satisfaction is the direction S');
SELECT is((SELECT jsonb_path_query_array(explanation, '$.children[*].weight') FROM perf_eval.score
           WHERE run_id = :apa_run AND body = 'MF' AND node = 'interaction'),
          '[0.3, 0.2, 0.3, 0.2]'::jsonb, 'kz2020_apa block weights S 0.3, U'' 0.2, D 0.3, H'' 0.2');
SELECT is((SELECT jsonb_path_query_array(explanation, '$.children[*].weight') FROM perf_eval.score
           WHERE run_id = :kz2020_run AND body = 'MF' AND node = 'interaction'),
          '[0.5, 0.3, 0.2]'::jsonb, 'kz2020 block weights U 0.5, D 0.3, H 0.2');
SELECT isnt((SELECT value FROM perf_eval.score WHERE run_id = :kz2020_run AND body = 'MF' AND node = 'interaction'),
            (SELECT value FROM perf_eval.score WHERE run_id = :apa_run AND body = 'MF' AND node = 'interaction'),
            'the same inputs rate differently under the two versions');
SELECT ok((SELECT explanation -> 'parameters' @> '[{"key": "openness.nla_rescale_to", "assumed": true}]'
           FROM perf_eval.score WHERE run_id = :apa_run AND body = 'MF' AND node = 'interaction.openness.open_nla'),
          'the apa Open NLA explanation names the assumed rescaling');

-- The one-time acceptance of a body with complaints but no service counts is not assessable.
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MJ', 2020, 1000, 0, 0, 0, 0);
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS apa_run2 \gset
SELECT results_eq(format($$SELECT value, reason FROM perf_eval.score WHERE run_id = %s AND body = 'MJ'
                           AND node IN ('interaction.complaints.one_time_acceptance', 'interaction.complaints')
                           ORDER BY node$$, :apa_run2),
                  $$VALUES (NULL::numeric, 'not assessable: interaction.complaints.one_time_acceptance'::text),
                           (NULL, 'no_data: service counts')$$,
                  'apa: no service counts, no one-time acceptance, no H''');

-- kz2017: the services and openness directions are supplied; complaints computed with the old formulas.
SELECT is_empty(format($$SELECT 1 FROM perf_eval.score WHERE run_id = %s
                           AND (node LIKE 'interaction.services%%' OR node LIKE 'interaction.openness%%'
                                OR node = 'interaction.satisfaction')$$, :kz2017_run),
                'kz2017: no services or openness node is computed (services.mode = openness.mode = supplied)');
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document)
VALUES ('MF', 2020, 'interaction.services', 'kz2017', 70, 'test'),
       ('MF', 2020, 'interaction.openness', 'kz2017', 60, 'test'),
       ('MF', 2020, 'interaction.complaints.repeat', 'kz2017', 15, 'test');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2017') AS kz2017_run2 \gset
SELECT results_eq(format($$SELECT node, value FROM perf_eval.score WHERE run_id = %s AND body = 'MF'
                           AND node IN ('interaction', 'interaction.complaints') ORDER BY node$$, :kz2017_run2),
                  $$VALUES ('interaction'::text, 71.68::numeric), ('interaction.complaints', 93.4)$$,
                  'kz2017: H = R1 (x100) 38.4 + R2 (tier 1000) 40 + R3 supplied 15 = 93.4; O = 0.5*70 + 0.3*60 + 0.2*93.4 = 71.68');
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value)
                   VALUES ('MF', 2020, 'interaction.services.quality', 'kz2017', 30)$$,
                 '22023', NULL, 'kz2017 has no services criteria to supply');

SELECT * FROM finish();
ROLLBACK;
