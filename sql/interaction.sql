-- The public-services and openness directions (METHODOLOGY §4.2, §4.3) as an
-- analyst meets them: the kernels on the worked examples, the zero-volume
-- policy, one body's criteria under a methodology, the score tree after a
-- recalculation, and the errors. Everything that writes is rolled back and
-- the run numbering restored, so later files start from a clean catalog.
SELECT last_value AS run_seq_last, is_called AS run_seq_called FROM perf_eval.run_run_id_seq \gset

-- §4.2 example: 5 000 000 deliveries, 100 deadline violations, 10 refusals,
-- 20 incomplete, 150 extra documents, 5 appeals, 70 % satisfied, 80 of 100
-- services and 85 % of deliveries electronic, 20 h downtime, 3 newly automated.
SELECT perf_eval.service_satisfaction_points(70, 5, 5000000, 30, 10, '50:0;90:1', '0:1;2:0', 100000) AS k1,
       perf_eval.service_quality_points(100, 10, 20, 150, 5000000, 10, 10, 10, 10,
                                        '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000) AS k2,
       perf_eval.service_automation_points(80, 100, 4250000, 5000000, 20, 3, 8, 8, 0.05, 5, 1, 4, 20) AS k3;

-- The same counts under kz2020_apa: S and K2' (T2-T4 as penalties of up to 5).
SELECT perf_eval.service_satisfaction_points(70, 5, 5000000, 75, 25, '50:0;90:1', '0:1;2:0', 100000) AS s,
       perf_eval.service_quality_points_apa(100, 10, 20, 150, 5000000, 80, 5,
                                            '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000) AS k2_apa,
       perf_eval.service_quality_penalty(10, 5000000, 5, '0:1;1:0', 100000) AS penalty_t2;

-- One indicator at a time: a rate per 100 000 is an exact rational.
SELECT count, deliveries, perf_eval.service_rate_points(count, deliveries, 10, '0:1;10:0', 100000) AS t1
FROM (VALUES (0, 1000), (1, 20000), (1, 10000), (3, 10000)) AS t(count, deliveries);

-- §4.3 example: open data 450 of 500, budget 70 %, NLA (CSB) with forms 0.5 and
-- monitoring 0.8 in both languages, dialogue (0.9, 1, 0.8, 0.6, 1), 3 of 12 subordinates.
SELECT perf_eval.open_data_points(450, 500, 25) AS open_data,
       perf_eval.open_budget_points(70, 25) AS open_budget,
       perf_eval.open_nla_points('{1,3,2,5,1.5,1,3,2,5,1.5}', '{1,1,0.5,0.8,1,1,1,0.5,0.8,1}') AS open_nla,
       perf_eval.open_dialogue_points(90, 100, '{1,0.8,0.6,1}', 5) AS open_dialogue,
       perf_eval.subordinate_openness_deduction(3, 12, 10) AS deduction;

-- kz2020_apa Open NLA: the proposal's items total 23 per two languages, rescaled to 25.
SELECT round(perf_eval.open_nla_points('{2,3,4,1.5,1,2,3,4,1.5,1}', '{1,1,0.5,1,1,1,1,0.5,1,1}', 25), 2) AS open_nla_apa;

-- Zero volume: null (the kernels' default) or full_points (the shipped rating policy).
SELECT perf_eval.service_quality_points(0, 0, 0, 0, 0, 10, 10, 10, 10,
                                        '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000) IS NULL AS k2_null,
       perf_eval.service_quality_points(0, 0, 0, 0, 0, 10, 10, 10, 10,
                                        '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000, 'full_points') AS k2_full,
       perf_eval.open_data_points(0, 0, 25, 'full_points') AS open_data_full,
       perf_eval.subordinate_openness_deduction(0, 0, 10) AS no_subordinates;

-- One body's services criteria under a methodology: LEBs have no K3 under kz2020.
SELECT c.node, c.raw_value, c.reason, c.explanation #>> '{formula,id}' AS formula
FROM perf_eval.service_criteria('LEB', 'kz2020', 5000000, 100, 10, 20, 150, 4250000, 5, 70, 100, 80, 20, 3) AS c;
SELECT c.node, c.raw_value, c.reason, c.explanation #>> '{formula,id}' AS formula
FROM perf_eval.service_criteria('LEB', 'kz2020_apa', 5000000, 100, 10, 20, 150, 4250000, 5, 70, 100, 80, 20, NULL) AS c;

-- Inputs in the tables, a recalculation, and the score tree of the block.
BEGIN;
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
SELECT 'MF', 2020, l, i, CASE i WHEN 'forms' THEN 0.5 WHEN 'monitoring' THEN 0.8 ELSE 1 END
FROM unnest(ARRAY['kk', 'ru']) AS l,
     unnest(ARRAY['concepts', 'drafts', 'forms', 'monitoring', 'notifications',
                  'analysis', 'recommendations', 'submissions', 'user_satisfaction']) AS i;
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2020, 20000, 8, 0, 21, 6);
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS kz2020_run \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS apa_run \gset

SELECT r.methodology, s.node, round(s.value, 2) AS points, s.origin, s.status
FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id)
WHERE s.run_id IN (:kz2020_run, :apa_run) AND s.body = 'MF' AND s.node LIKE 'interaction%'
ORDER BY r.methodology, s.node;

-- What an explanation says about K3: its clause and every parameter, assumed ones flagged.
SELECT s.explanation ->> 'clause' AS clause, p ->> 'key' AS parameter, p ->> 'value' AS value, p ->> 'assumed' AS assumed
FROM perf_eval.score AS s CROSS JOIN LATERAL jsonb_array_elements(s.explanation -> 'parameters') AS p
WHERE s.run_id = :kz2020_run AND s.body = 'MF' AND s.node = 'interaction.services.automation'
ORDER BY p ->> 'key';
ROLLBACK;

-- Loading a file: the staging table, its report, and accept.
BEGIN;
INSERT INTO perf_eval.service_counts_staging (body, year, deliveries, deadline_violations, unreasonable_refusals,
    incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('MF', '2020', '1000', '10', '1', '2', '1001', '900', '1'), ('MJ', '2020', '-3', '0', '0', '0', '0', '0', '0');
SELECT staging, line, body, field, reason FROM perf_eval.interaction_inputs_report();
SELECT perf_eval.accept_interaction_inputs();
ROLLBACK;

-- Errors: a negative count, a part above its whole, an unknown policy, a
-- percentage out of range, an Open NLA array with a hole, a scale that
-- never reaches 0 for an apa penalty.
SELECT perf_eval.service_rate_points(-1, 10, 10, '0:1;10:0', 100000);
SELECT perf_eval.service_quality_points(1, 11, 0, 0, 10, 10, 10, 10, 10,
                                        '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000);
SELECT perf_eval.open_data_points(1, 2, 25, 'all_points');
SELECT perf_eval.service_satisfaction_points(120, 0, 10, 30, 10, '50:0;90:1', '0:1;2:0', 100000);
SELECT perf_eval.open_nla_points('{1,3}', '{1,NULL}');
SELECT perf_eval.service_quality_penalty(1, 10, 5, '0:1;1:0.5', 100000);

-- NULL in, NULL out.
SELECT perf_eval.open_budget_points(NULL, 25) IS NULL AS strict;

SELECT setval('perf_eval.run_run_id_seq', :run_seq_last, :'run_seq_called') IS NOT NULL AS run_numbering_restored;
