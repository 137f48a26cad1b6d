-- A body with zero complaints and zero services (METHODOLOGY §0.6, §4.2,
-- §4.4): every rate and share without a volume follows policy.zero_volume.
-- full_points (the shipped default) gives each such indicator its points;
-- null makes its criterion, direction and block not assessable; deductions
-- and penalties with zero volume are 0; the downtime penalty and automation
-- bonus are not shares and count as they are.
BEGIN;
SELECT plan(14);

-- ACSA considered no complaints and rendered no services; it published nothing
-- because its open-data list is empty and it received no blog questions.
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('ACSA', 2020, 0, 0, 0, 0, 0);
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('ACSA', 2020, 0, 0, 0, 0, 0, 0, 0);
-- No deliveries, no recipients: a satisfaction percentage, if entered, is not read.
INSERT INTO perf_eval.service_indicators (body, year, satisfaction_percent, services_in_register, services_electronic,
                                          downtime_hours, newly_automated)
VALUES ('ACSA', 2020, NULL, 0, 0, 0, 0);
INSERT INTO perf_eval.openness_inputs (body, year, open_data_published, open_data_required, budget_filling_percent,
                                       blog_questions_received, blog_questions_answered, dialogue_indicator_2,
                                       dialogue_indicator_3, dialogue_indicator_4, dialogue_indicator_5)
VALUES ('ACSA', 2020, 0, 0, 60, 0, 0, 1, 1, 1, 1);
INSERT INTO perf_eval.open_nla_fulfilment (body, year, language, item, fulfilment)
SELECT 'ACSA', 2020, l.language, i.item, 1
FROM (VALUES ('kk'), ('ru')) AS l(language)
CROSS JOIN (VALUES ('concepts'), ('drafts'), ('forms'), ('monitoring'), ('notifications'), ('analysis'),
                   ('recommendations'), ('submissions'), ('user_satisfaction')) AS i(item);

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run \gset

SELECT results_eq(
    format($$SELECT o.node, s.value FROM unnest(ARRAY['interaction.complaints.timeliness', 'interaction.complaints.court',
               'interaction.complaints.repeat', 'interaction.complaints.internal_control', 'interaction.complaints'])
               WITH ORDINALITY AS o(node, i)
             LEFT JOIN perf_eval.score AS s ON s.run_id = %s AND s.body = 'ACSA' AND s.node = o.node ORDER BY o.i$$, :run),
    $$VALUES ('interaction.complaints.timeliness', 40::numeric), ('interaction.complaints.court', 30),
             ('interaction.complaints.repeat', 20), ('interaction.complaints.internal_control', 10),
             ('interaction.complaints', 100)$$,
    'zero complaints, full_points: R1 40 + R2 30 + R3 20 + R4 10 = H 100');
SELECT results_eq(
    format($$SELECT o.node, s.value FROM unnest(ARRAY['interaction.services.satisfaction', 'interaction.services.quality',
               'interaction.services.automation', 'interaction.services']) WITH ORDINALITY AS o(node, i)
             LEFT JOIN perf_eval.score AS s ON s.run_id = %s AND s.body = 'ACSA' AND s.node = o.node ORDER BY o.i$$, :run),
    $$VALUES ('interaction.services.satisfaction', 40::numeric), ('interaction.services.quality', 40),
             ('interaction.services.automation', 16), ('interaction.services', 96)$$,
    'zero services, full_points: K1 40, K2 40, K3 = transfer 8 + efficiency 8 (no bonus without automated services), U 96');
SELECT results_eq(
    format($$SELECT o.node, s.value FROM unnest(ARRAY['interaction.openness.open_data', 'interaction.openness.open_budget',
               'interaction.openness.open_nla', 'interaction.openness.open_dialogue',
               'interaction.openness.subordinate_deduction', 'interaction.openness']) WITH ORDINALITY AS o(node, i)
             LEFT JOIN perf_eval.score AS s ON s.run_id = %s AND s.body = 'ACSA' AND s.node = o.node ORDER BY o.i$$, :run),
    $$VALUES ('interaction.openness.open_data', 25::numeric), ('interaction.openness.open_budget', 15),
             ('interaction.openness.open_nla', 25), ('interaction.openness.open_dialogue', 25),
             ('interaction.openness.subordinate_deduction', 0), ('interaction.openness', 90)$$,
    'no required data sets and no blog questions: full points; no subordinates: no deduction; D 90');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :run AND body = 'ACSA' AND node = 'interaction'),
          95::numeric, 'O = 0.5*96 + 0.3*90 + 0.2*100 = 95');
SELECT is((SELECT count(*) FROM perf_eval.ranking WHERE year = 2020 AND methodology = 'kz2020'
           AND block = 'interaction' AND body = 'ACSA' AND rank = 1), 1::bigint,
          'the body is ranked on its block');

-- The same body under the null policy: not assessable, with reasons, and not ranked.
SELECT perf_eval.fork_methodology('kz2020', 'zero_is_null');
UPDATE perf_eval.methodology_param SET value = 'null' WHERE methodology = 'zero_is_null' AND key = 'policy.zero_volume';
SELECT perf_eval.recalculate_within_transaction(2020, 'zero_is_null') AS null_run \gset
SELECT results_eq(
    format($$SELECT node, value, reason FROM perf_eval.score WHERE run_id = %s AND body = 'ACSA'
               AND node IN ('interaction.complaints.timeliness', 'interaction.services.satisfaction',
                            'interaction.services.quality', 'interaction.services.automation',
                            'interaction.openness.open_data', 'interaction.openness.open_dialogue',
                            'interaction.openness.subordinate_deduction')
             ORDER BY node$$, :null_run),
    $$VALUES ('interaction.complaints.timeliness'::text, NULL::numeric, 'zero_volume'::text),
             ('interaction.openness.open_data', NULL, 'zero_volume'),
             ('interaction.openness.open_dialogue', NULL, 'zero_volume'),
             ('interaction.openness.subordinate_deduction', 0, NULL),
             ('interaction.services.automation', NULL, 'zero_volume'),
             ('interaction.services.quality', NULL, 'zero_volume'),
             ('interaction.services.satisfaction', NULL, 'zero_volume')$$,
    'zero_volume null: each rate-based criterion is NULL with reason zero_volume; the deduction is still 0');
SELECT results_eq(
    format($$SELECT value, reason FROM perf_eval.score WHERE run_id = %s AND body = 'ACSA' AND node = 'interaction'$$, :null_run),
    $$VALUES (NULL::numeric,
              'not assessable: interaction.services, interaction.openness, interaction.complaints'::text)$$,
    'zero_volume null: the block is not assessable and says why');
SELECT is_empty($$SELECT 1 FROM perf_eval.ranking WHERE year = 2020 AND methodology = 'zero_is_null' AND body = 'ACSA'$$,
                'zero_volume null: the body is not ranked');

-- kz2020_apa on the same inputs.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS apa_run \gset
SELECT results_eq(
    format($$SELECT o.node, s.value FROM unnest(ARRAY['interaction.satisfaction', 'interaction.services.quality',
               'interaction.services.automation', 'interaction.services', 'interaction.complaints.one_time_acceptance',
               'interaction.complaints', 'interaction.openness', 'interaction']) WITH ORDINALITY AS o(node, i)
             LEFT JOIN perf_eval.score AS s ON s.run_id = %s AND s.body = 'ACSA' AND s.node = o.node ORDER BY o.i$$, :apa_run),
    $$VALUES ('interaction.satisfaction', 100::numeric), ('interaction.services.quality', 80),
             ('interaction.services.automation', 16), ('interaction.services', 96),
             ('interaction.complaints.one_time_acceptance', 20), ('interaction.complaints', 100),
             ('interaction.openness', 90), ('interaction', 96.2)$$,
    'kz2020_apa: S 100, K2'' 80 (no penalties without volume), K3 16, one-time acceptance 20, H 100, O'' 96.2');

-- The kernels one by one.
SELECT is(perf_eval.service_satisfaction_points(0, 0, 0, 30, 10, '50:0;90:1', '0:1;2:0', 100000, 'full_points'),
          40::numeric, 'K1 without deliveries: full points');
SELECT is(perf_eval.service_satisfaction_points(95, 0, 0, 30, 10, '50:0;90:1', '0:1;2:0', 100000), NULL,
          'K1 without deliveries under null: NULL, whatever the percentage');
SELECT is(perf_eval.service_quality_points_apa(0, 0, 0, 0, 0, 80, 5, '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0',
                                               100000, 'full_points'), 80::numeric,
          'K2'' without deliveries: full T1'', penalties 0');
SELECT is(perf_eval.service_quality_penalty(0, 0, 5, '0:1;1:0', 100000), 0::numeric,
          'a penalty without deliveries is 0');
SELECT is(perf_eval.service_automation_points(0, 0, 0, 0, 200, 2, 8, 8, 0.05, 5, 1, 4, 20, 'full_points'),
          13::numeric, 'K3 without volumes: 8 + 8 - downtime 5 (capped) + bonus 2 = 13');

SELECT * FROM finish();
ROLLBACK;
