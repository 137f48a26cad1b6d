-- The openness deduction for subordinate organisations (METHODOLOGY §4.3,
-- §8 E3): 10 * non_compliant / total, 0 without subordinates, subtracted
-- from the four 25-point criteria; the direction is clamped by the policy.
BEGIN;
SELECT plan(14);

-- Four ministries with the §4.3 openness inputs, differing only in their subordinates.
INSERT INTO perf_eval.openness_inputs (body, year, open_data_published, open_data_required, budget_filling_percent,
                                       blog_questions_received, blog_questions_answered, dialogue_indicator_2,
                                       dialogue_indicator_3, dialogue_indicator_4, dialogue_indicator_5,
                                       subordinates_total, subordinates_non_compliant)
VALUES ('MF',  2020, 450, 500, 70, 100, 90, 1, 0.8, 0.6, 1, 12, 3),
       ('MJ',  2020, 450, 500, 70, 100, 90, 1, 0.8, 0.6, 1, 0, 0),
       ('ME',  2020, 450, 500, 70, 100, 90, 1, 0.8, 0.6, 1, 12, 12),
       -- nothing open at all and every subordinate non-compliant: raw D = -10
       ('MNE', 2020, 0, 500, 0, 100, 0, 0, 0, 0, 0, 4, 4);
INSERT INTO perf_eval.open_nla_fulfilment (body, year, language, item, fulfilment)
SELECT b.body, 2020, l.language, i.item,
       CASE WHEN b.body = 'MNE' THEN 0 WHEN i.item = 'forms' THEN 0.5 WHEN i.item = 'monitoring' THEN 0.8 ELSE 1 END
FROM (VALUES ('MF'), ('MJ'), ('ME'), ('MNE')) AS b(body)
CROSS JOIN (VALUES ('kk'), ('ru')) AS l(language)
CROSS JOIN (VALUES ('concepts'), ('drafts'), ('forms'), ('monitoring'), ('notifications')) AS i(item);

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run \gset

SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.openness.subordinate_deduction' ORDER BY body$$, :run),
                  $$VALUES ('ME'::text, 10::numeric), ('MF', 2.5), ('MJ', 0), ('MNE', 10)$$,
                  'deduction = 10 * non-compliant / total: 12 of 12 -> 10, 3 of 12 -> 2.5, no subordinates -> 0');
SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.openness' AND body <> 'MNE' ORDER BY body$$, :run),
                  $$VALUES ('ME'::text, 72.5::numeric), ('MF', 80), ('MJ', 82.5)$$,
                  'D = 82.5 - deduction: 72.5, 80 (the §4.3 example), 82.5');
SELECT is((SELECT explanation -> 'children' -> 4 FROM perf_eval.score
           WHERE run_id = :run AND body = 'MF' AND node = 'interaction.openness'),
          '{"node": "interaction.openness.subordinate_deduction", "sign": -1, "value": 2.5}'::jsonb,
          'the openness sum shows the deduction with sign -1');
SELECT ok((SELECT explanation #>> '{formula,text}' FROM perf_eval.score
           WHERE run_id = :run AND body = 'MF' AND node = 'interaction.openness') LIKE '%− interaction.openness.subordinate_deduction',
          'the openness formula subtracts the deduction');
SELECT results_eq(format($$SELECT value, raw_value FROM perf_eval.score WHERE run_id = %s
                           AND body = 'MNE' AND node = 'interaction.openness'$$, :run),
                  $$VALUES (0::numeric, -10::numeric)$$,
                  'a deduction larger than the points: raw D = -10, floored at 0 by floor0_capk');
SELECT is((SELECT explanation -> 'inputs' FROM perf_eval.score
           WHERE run_id = :run AND body = 'MF' AND node = 'interaction.openness.subordinate_deduction'),
          '{"source": null, "subordinates_total": 12, "subordinates_non_compliant": 3}'::jsonb,
          'the deduction explains its inputs');

-- Under clamp none the negative direction stays (a fork; shipped versions are read-only).
SELECT perf_eval.fork_methodology('kz2020', 'no_clamp');
UPDATE perf_eval.methodology_param SET value = 'none' WHERE methodology = 'no_clamp' AND key = 'policy.clamp';
SELECT perf_eval.recalculate_within_transaction(2020, 'no_clamp') AS no_clamp_run \gset
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :no_clamp_run AND body = 'MNE' AND node = 'interaction.openness'),
          -10::numeric, 'clamp none: D = -10');

-- kz2020_apa deducts the same way.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS apa_run \gset
SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.openness.subordinate_deduction' ORDER BY body$$, :apa_run),
                  $$VALUES ('ME'::text, 10::numeric), ('MF', 2.5), ('MJ', 0), ('MNE', 10)$$,
                  'kz2020_apa: the same deductions');

-- The kernel and its limits.
SELECT is(perf_eval.subordinate_openness_deduction(1, 3, 10), 3.333333333333333333333333333333,
          'a non-terminating share keeps 30 decimals: 10/3');
SELECT is(perf_eval.subordinate_openness_deduction(0, 0, 10), 0::numeric, 'no subordinates: no deduction');
SELECT throws_ok($$SELECT perf_eval.subordinate_openness_deduction(5, 4, 10)$$, '22023',
                 'non_compliant count must not exceed total count', 'more non-compliant than subordinates: 22023');
SELECT throws_ok($$SELECT perf_eval.subordinate_openness_deduction(-1, 4, 10)$$, '22003',
                 'non_compliant count must not be negative', 'a negative count: 22003');
SELECT throws_ok($$UPDATE perf_eval.openness_inputs SET subordinates_non_compliant = 13 WHERE body = 'MF' AND year = 2020$$,
                 '23514', NULL, 'the input table refuses more non-compliant than subordinates');
INSERT INTO perf_eval.openness_inputs_staging (body, year, open_data_published, open_data_required, budget_filling_percent,
    blog_questions_received, blog_questions_answered, dialogue_indicator_2, dialogue_indicator_3, dialogue_indicator_4,
    dialogue_indicator_5, subordinates_total, subordinates_non_compliant)
VALUES ('MH', '2020', '10', '10', '50', '0', '0', '1', '1', '1', '1', '4', '5');
SELECT results_eq($$SELECT field, reason FROM perf_eval.interaction_inputs_report()$$,
                  $$VALUES ('subordinates_non_compliant'::text,
                            'subordinates_non_compliant must not exceed subordinates_total'::text)$$,
                  'the validation report names the inconsistent subordinates');

SELECT * FROM finish();
ROLLBACK;
