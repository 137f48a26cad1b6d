-- The goals block through the recalculation (METHODOLOGY §3.2-§3.5): the
-- kz2017 / kz2020 / kz2020_apa difference on the same inputs, explanations
-- naming every corrected indicator and its parameter, supplied overrides
-- and the clamp, and loading indicators through the staging report.
BEGIN;
SELECT plan(17);

-- ---------------------------------------------------------------- the same inputs under three versions
-- ME (CSB): G1 = I1 inc 100/130 (overfulfilled), I2 dec 10/8 (decrease-is-good, r = 1.25),
-- I3 inc 100/90 with the plan lowered from 110 and last year's fact 95 (no dynamics);
-- programmes current (100, 100) x 2 and development (50, 100); link 0.8; Citizens Budget 60 %.
INSERT INTO perf_eval.goal (body, year, goal_code, title) VALUES ('ME', 2033, 'G1', 'energy security');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, title, direction, plan, plan_original,
                                        fact, fact_previous, fact_published) VALUES
('ME', 2033, 'G1', 'I1', 'electricity output', 'increase', 100, NULL, 130, NULL, true),
('ME', 2033, 'G1', 'I2', 'grid losses',        'decrease', 10, NULL, 8, NULL, true),
('ME', 2033, 'G1', 'I3', 'gasification share', 'increase', 100, 110, 90, 95, true);
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('ME', 2033, 'P1', 'current', 100, 100), ('ME', 2033, 'P2', 'current', 100, 100), ('ME', 2033, 'P3', 'development', 50, 100);
INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient) VALUES ('ME', 2033, 'G1', 0.8);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance) VALUES ('ME', 2033, 60);
-- PAVLODAR (LEB): T1 = inc 100/130, inc 100/50; T2 = inc 100/100; audited, no violations, no
-- internal-audit analysis; direct results 9/10; one development programme (100, 100); c = 100 %; p = 5 %.
INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('PAVLODAR', 2033, 'T1'), ('PAVLODAR', 2033, 'T2');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('PAVLODAR', 2033, 'T1', 'I1', 'increase', 100, 130, true),
('PAVLODAR', 2033, 'T1', 'I2', 'increase', 100, 50, true),
('PAVLODAR', 2033, 'T2', 'I3', 'increase', 100, 100, true);
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('PAVLODAR', 2033, 'P1', 'development', 100, 100);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance, audited, violations_amount, audited_amount,
                                         ia_analysis, direct_results_achieved, direct_results_total, participatory_budget_share)
VALUES ('PAVLODAR', 2033, 100, true, 0, 100, false, 9, 10, 5);

SELECT perf_eval.recalculate_within_transaction(2033, 'kz2017') AS run_2017 \gset
SELECT perf_eval.recalculate_within_transaction(2033, 'kz2020') AS run_2020 \gset
SELECT perf_eval.recalculate_within_transaction(2033, 'kz2020_apa') AS run_apa \gset

CREATE TEMP VIEW version_result AS
SELECT r.methodology, s.body, s.node, s.value
FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id)
WHERE s.run_id IN (:run_2017, :run_2020, :run_apa);

-- kz2017: no 0.8 factor: I1 = I2 = 1, I3 = 0.9 x 0.9 x 0.9 = 0.729; S = 0.909667 -> 63.676667;
--         E = mean(1, 1, 0.5) = 0.833333 -> 12.5; L 8; C 3.            Block 87.176667
-- kz2020: I1 = I2 = 0.8; S = 0.776333 -> 54.343333; same budget 23.5. Block 77.843333
-- apa:    I2 exempt (decrease-is-good) = 1; S = 0.843 -> 59.01; E split 0.5 x 1 + 0.5 x 0.5 = 0.75 -> 11.25. Block 81.26
SELECT results_eq(
    $$SELECT methodology, node, round(value, 6) FROM version_result WHERE body = 'ME' AND node IN ('goals', 'goals.strategic', 'goals.budget.bp_efficiency') ORDER BY 1, 2$$,
    $$VALUES ('kz2017'::text, 'goals'::text, 87.176667::numeric), ('kz2017', 'goals.budget.bp_efficiency', 12.5), ('kz2017', 'goals.strategic', 63.676667),
             ('kz2020', 'goals', 77.843333), ('kz2020', 'goals.budget.bp_efficiency', 12.5), ('kz2020', 'goals.strategic', 54.343333),
             ('kz2020_apa', 'goals', 81.26), ('kz2020_apa', 'goals.budget.bp_efficiency', 11.25), ('kz2020_apa', 'goals.strategic', 59.01)$$,
    'CSB on the same inputs: kz2017 87.18 (no x0.8), kz2020 77.84, kz2020_apa 81.26 (decrease-is-good exempt, BP split 50/50)');
-- LEB: kz2017 basis goals mean(mean(1, 0.5), 1) = 0.875 -> 52.5, budget 8 + 15 x 0.9 + 15 = 36.5, no Citizens Budget or PPB: 89
--      kz2020 basis indicators mean(0.8, 0.5, 1) -> 46, budget 1.2 x (8 + 12.6 + 14 + 2) = 43.92: 89.92
SELECT results_eq(
    $$SELECT methodology, node, value FROM version_result WHERE body = 'PAVLODAR' AND node IN ('goals', 'goals.strategic', 'goals.budget') ORDER BY 1, 2$$,
    $$VALUES ('kz2017'::text, 'goals'::text, 89::numeric), ('kz2017', 'goals.budget', 36.5), ('kz2017', 'goals.strategic', 52.5),
             ('kz2020', 'goals', 89.92), ('kz2020', 'goals.budget', 43.92), ('kz2020', 'goals.strategic', 46),
             ('kz2020_apa', 'goals', 89.92), ('kz2020_apa', 'goals.budget', 43.92), ('kz2020_apa', 'goals.strategic', 46)$$,
    'LEB on the same inputs: kz2017 89 (goal basis, 15/15 points, no Citizens Budget, no k_PPB), kz2020 and apa 89.92');
SELECT is((SELECT count(*) FROM version_result WHERE methodology = 'kz2017' AND node IN ('goals.budget.citizens_budget', 'goals.budget.ppb') AND body = 'PAVLODAR'),
          0::bigint, 'kz2017 has no LEB Citizens Budget criterion and no participatory-budget coefficient');
SELECT is((SELECT value FROM version_result WHERE methodology = 'kz2020' AND body = 'PAVLODAR' AND node = 'goals.budget.ppb'),
          1.2, 'kz2020: k_PPB = 1.2 at p = 5 %');

-- ---------------------------------------------------------------- explanations
CREATE TEMP VIEW correction AS
SELECT r.methodology, c ->> 'indicator' AS indicator, c ->> 'correction' AS correction,
       c -> 'parameter' ->> 'key' AS parameter, c -> 'parameter' ->> 'provenance' AS provenance,
       c -> 'parameter' ->> 'source' AS source, (c ->> 'factor')::numeric AS factor
FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id),
     jsonb_array_elements(s.explanation -> 'corrections') AS c
WHERE s.run_id IN (:run_2020, :run_apa) AND s.body = 'ME' AND s.node = 'goals.strategic';
SELECT results_eq(
    $$SELECT indicator, correction, parameter, provenance, source, factor FROM correction WHERE methodology = 'kz2020' ORDER BY 1, 2$$,
    $$VALUES ('I1'::text, 'overfulfilled'::text, 'goals.overfulfil_multiplier'::text, 'explicit'::text, 'APA 2020 report §1.2'::text, 0.8::numeric),
             ('I2', 'overfulfilled', 'goals.overfulfil_multiplier', 'explicit', 'APA 2020 report §1.2', 0.8),
             ('I3', 'no_dynamics', 'goals.no_dynamics_multiplier', 'assumed', 'APA 2020 report §1.2', 0.9),
             ('I3', 'plan_lowered', 'goals.plan_lowered_multiplier', 'assumed', 'APA 2020 report §1.2', 0.9)$$,
    'kz2020: the explanation names every corrected indicator with the parameter, its provenance and source');
SELECT results_eq(
    $$SELECT indicator, correction, parameter, provenance FROM correction WHERE methodology = 'kz2020_apa' AND indicator = 'I2'$$,
    $$VALUES ('I2'::text, 'overfulfilment_exempted'::text, 'goals.overfulfil_exempt_decrease'::text, 'explicit'::text)$$,
    'kz2020_apa: the decrease-is-good indicator is named as exempted, with the exempting parameter');
SELECT results_eq(
    $$SELECT s.explanation #>> '{inputs,goal_coefficients,0,status}', round((s.explanation #>> '{inputs,goal_coefficients,0,coefficient}')::numeric, 6),
             s.explanation #>> '{inputs,indicators,overfulfilled}', s.explanation #>> '{inputs,indicators,plan_lowered}'
      FROM perf_eval.score AS s WHERE s.run_id = $$ || :run_2020 || $$ AND s.body = 'ME' AND s.node = 'goals.strategic'$$,
    $$VALUES ('partial'::text, 0.776333::numeric, '2'::text, '1'::text)$$,
    'the strategic explanation carries each goal''s status and coefficient and the indicator counts');
SELECT results_eq(
    $$SELECT c ->> 'node', (c ->> 'value')::numeric, c ->> 'origin'
      FROM perf_eval.score AS s, jsonb_array_elements(s.explanation -> 'children') AS c
      WHERE s.run_id = $$ || :run_2020 || $$ AND s.body = 'PAVLODAR' AND s.node = 'goals.budget' ORDER BY 1$$,
    $$VALUES ('goals.budget.bp_efficiency'::text, 14::numeric, 'computed'::text), ('goals.budget.citizens_budget', 2, 'computed'),
             ('goals.budget.direct_results', 12.6, 'computed'), ('goals.budget.violations', 8, 'computed')$$,
    'the budget component explains each criterion it adds');

-- ---------------------------------------------------------------- supplied scores and the clamp (§1.2, §3.5)
-- A supplied criterion enters the budget component; a supplied direction enters the block.
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document) VALUES
('ME', 2033, 'goals.budget.citizens_budget', 'kz2020', 1, 'test'),
('ME', 2033, 'goals.strategic', 'kz2020', 60, 'test');
SELECT perf_eval.recalculate_within_transaction(2033, 'kz2020') AS run_supplied \gset
SELECT results_eq(
    format($$SELECT node, value, origin FROM perf_eval.score WHERE run_id = %s AND body = 'ME'
             AND node IN ('goals', 'goals.strategic', 'goals.budget', 'goals.budget.citizens_budget') ORDER BY 1$$, :run_supplied),
    $$VALUES ('goals'::text, 81.5::numeric, 'computed'::text), ('goals.budget', 21.5, 'computed'),
             ('goals.budget.citizens_budget', 1, 'supplied'), ('goals.strategic', 60, 'supplied')$$,
    'supplied Citizens Budget 1 (computed 3) gives B = 12.5 + 8 + 1 = 21.5; supplied S = 60; block 60 + 21.5 = 81.5');
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document) VALUES
('ME', 2033, 'goals', 'kz2020', 70.25, 'test');
SELECT perf_eval.recalculate_within_transaction(2033, 'kz2020') AS run_block \gset
SELECT results_eq(
    format($$SELECT value, origin, (explanation #>> '{computed,raw_value}')::numeric FROM perf_eval.score
             WHERE run_id = %s AND body = 'ME' AND node = 'goals'$$, :run_block),
    $$VALUES (70.25::numeric, 'supplied'::text, 81.5::numeric)$$,
    'a supplied block overrides the computed one, which stays in the explanation');
SELECT results_eq(
    format($$SELECT bool_and(superseded) FROM perf_eval.score WHERE run_id = %s AND body = 'ME' AND node LIKE 'goals.%%'$$, :run_block),
    $$VALUES (true)$$, 'its directions and criteria are shown as superseded');
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document)
                   VALUES ('PAVLODAR', 2033, 'goals.budget.citizens_budget', 'kz2020', 4, 'test')$$, '22003',
                 'supplied score of goals.budget.citizens_budget must lie between 0 and 2',
                 'a supplied LEB Citizens Budget above its LEB maximum of 2 is refused when supplied');
DELETE FROM perf_eval.supplied_score WHERE body = 'PAVLODAR';

-- floor0_capk: raw above 100 is capped, below 0 floored; a fork with clamp none keeps the raw value.
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('PAVLODAR', 2033, 'goals', 'unreliable', 95);
SELECT perf_eval.fork_methodology('kz2020', 'kz2020_raw') IS NOT NULL AS forked \gset
SELECT perf_eval.set_param('kz2020_raw', 'policy.clamp', 'none');
SELECT perf_eval.recalculate_within_transaction(2033, 'kz2020') AS run_floor \gset
SELECT perf_eval.recalculate_within_transaction(2033, 'kz2020_raw') AS run_raw \gset
SELECT results_eq(
    format($$SELECT run_id = %s, value, raw_value FROM perf_eval.score WHERE run_id IN (%s, %s) AND body = 'PAVLODAR' AND node = 'goals' ORDER BY 1 DESC$$,
           :run_floor, :run_floor, :run_raw),
    $$VALUES (true, 0::numeric, -5.08::numeric), (false, -5.08, -5.08)$$,
    '95 unreliable facts: 89.92 - 95 = -5.08 is floored to 0 under floor0_capk, kept under clamp none');

-- ---------------------------------------------------------------- loading through the staging report
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, goal_title, indicator_code, direction, plan,
                                                plan_original, fact, fact_previous, fact_published, indicator_level) VALUES
('MCS', '2033', 'G1', 'culture', 'I1', 'increase', '100', NULL, '104', '99', 'true', 'national'),
('MCS', '2033', 'G1', 'culture', 'I2', 'sideways', '10', NULL, '9', NULL, 'true', NULL),
('MCS', '2033', 'G1', 'culture', 'I3', 'increase', '-10', NULL, 'x', NULL, 'true', NULL),
('MCS', '2033', 'G1', 'culture', 'I4', 'decrease', '10', NULL, NULL, NULL, 'true', 'district'),
('MCS', '2033', 'G1', 'culture', 'I1', 'increase', '100', NULL, '100', NULL, 'false', NULL),
('XYZ', '20x3', NULL, NULL, NULL, 'increase', '1', NULL, '1', NULL, 'maybe', NULL);
SELECT results_eq(
    $$SELECT line, field, reason FROM perf_eval.target_indicator_report()$$,
    $$VALUES (2::bigint, 'direction'::text, 'unknown indicator direction "sideways" (known: increase, decrease)'::text),
             (3, 'fact', 'must be a number'), (3, 'plan', 'plan must not be negative'),
             (4, 'fact', 'fact missing while marked published'), (4, 'indicator_level', 'unknown level "district" (known: national, regional)'),
             (5, 'body, year, indicator_code', 'duplicate indicator: same as line 1'),
             (6, 'body', 'unknown body code'), (6, 'fact_published', 'must be true or false'), (6, 'goal_code', 'goal code missing'),
             (6, 'indicator_code', 'indicator code missing'), (6, 'year', 'year must be an integer')$$,
    'the report lists every bad row: direction, non-number, negative plan, fact missing while published, level, duplicate, codes');
SELECT throws_ok($$SELECT perf_eval.accept_target_indicators()$$, '22023', 'target_indicator_staging has 11 problems',
                 'a file with problems is not loaded');
DELETE FROM perf_eval.target_indicator_staging WHERE line_no NOT IN (SELECT min(line_no) FROM perf_eval.target_indicator_staging);
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, goal_title, indicator_code, direction, plan, fact, fact_published)
VALUES ('MCS', '2033', 'G2', 'sport', 'I2', 'decrease', '10', '12.5', 'yes');
SELECT is(perf_eval.accept_target_indicators(), 2::bigint, 'a clean file is accepted');
SELECT results_eq(
    $$SELECT g.goal_code, g.title, g.coefficient, g.status FROM perf_eval.goal_results(2033, 'kz2020', 'MCS') AS g$$,
    $$VALUES ('G1'::text, 'culture'::text, 1::numeric, 'achieved'::text), ('G2', 'sport', 0.8, 'partial')$$,
    'the accepted goals and indicators are assessed');

SELECT * FROM finish();
ROLLBACK;
