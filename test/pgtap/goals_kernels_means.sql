-- The goals block's mean kernels (goals_mean_of_means, bp_efficiency_points,
-- goals_penalty_points), the engine's factor_product, and goals.budget rolled
-- up by the engine as a sum node with the factor k_PPB (METHODOLOGY §0.1,
-- §1.1, §3.2-§3.5).
BEGIN;
SELECT plan(27);

-- ---------------------------------------------------------------- goals_mean_of_means
SELECT is(perf_eval.goals_mean_of_means(70, '{1.7, 2.613}', '{2, 3}'), 60.235,
          'S: goals with means 0.85 and 0.871 average 0.8605; x 70 = 60.235');
SELECT is(perf_eval.goals_mean_of_means(1, '{1}', '{3}'), perf_eval.goals_exact_quotient(1, 3),
          'one final division: 1/3 with at least 20 significant digits');
SELECT is(perf_eval.goals_mean_of_means(3, '{1, 1}', '{3, 2}'), 1.25,
          '3 x (1/3 + 1/2) / 2 = 1.25 exactly, over lcm(3, 2) x 2');
SELECT is(perf_eval.goals_mean_of_means(10, '{0, 3}', '{0, 2}'), 15::numeric,
          'a group with count 0 is not counted');
SELECT is(perf_eval.goals_mean_of_means(10, '{0}', '{0}'), NULL, 'no group counted: NULL');
SELECT is(perf_eval.goals_mean_of_means(10, '{}', '{}'), NULL, 'no group: NULL');
SELECT throws_ok($$SELECT perf_eval.goals_mean_of_means(1, '{1}', '{1, 2}')$$, '22023',
                 'sums and counts must have the same number of elements', 'unequal lengths: 22023');
SELECT throws_ok($$SELECT perf_eval.goals_mean_of_means(1, '{-1}', '{1}')$$, '22003', NULL, 'a negative sum: 22003');
SELECT throws_ok($$SELECT perf_eval.goals_mean_of_means(1, '{1}', '{-1}')$$, '22003', NULL, 'a negative count: 22003');
SELECT throws_ok($$SELECT perf_eval.goals_mean_of_means(1, '{1}', '{0}')$$, '22023',
                 'sums element must be 0 when counts element is 0', 'a sum over no element is 0: 22023');
SELECT throws_ok($$SELECT perf_eval.goals_mean_of_means(1, '{NULL}', '{1}')$$, '22023',
                 'sums must not contain NULL', 'a NULL element: 22023');
SELECT throws_ok($$SELECT perf_eval.goals_mean_of_means(1, '{{1}}', '{1}')$$, '22023',
                 'sums must be a one-dimensional array', 'a 2-D array: 22023');
SELECT throws_ok($$SELECT perf_eval.goals_mean_of_means('NaN', '{1}', '{1}')$$, '22023', NULL, 'NaN points: 22023');

-- ---------------------------------------------------------------- bp_efficiency_points (kz2020_apa split)
SELECT is(perf_eval.bp_efficiency_points(15, 2.4, 2, 0.8, 1, 0.7, 0.3), 16.2,
          '15 x (0.7 x 1.2 + 0.3 x 0.8) = 16.2');
SELECT is(perf_eval.bp_efficiency_points(15, 2.4, 2, 0, 0, 0.7, 0.3), 18::numeric,
          'no development programme: the current ones alone, 15 x 1.2');
SELECT is(perf_eval.bp_efficiency_points(15, 0, 0, 0, 0, 0.7, 0.3), NULL, 'nothing assessed: NULL');
SELECT throws_ok($$SELECT perf_eval.bp_efficiency_points(15, 1, 0, 0, 0, 0.7, 0.3)$$, '22023',
                 'current_sum must be 0 when current_count is 0', 'a sum without programmes: 22023');
SELECT throws_ok($$SELECT perf_eval.bp_efficiency_points(15, 1, 1, 0, 0, -0.7, 0.3)$$, '22003', NULL,
                 'a negative weight: 22003');

-- ---------------------------------------------------------------- goals_penalty_points
SELECT is(perf_eval.goals_penalty_points(3, 0.5), 1.5, '3 facts x 0.5');
SELECT throws_ok($$SELECT perf_eval.goals_penalty_points(-1, 0.5)$$, '22003', 'facts must not be negative',
                 'negative facts: 22003');
SELECT throws_ok($$SELECT perf_eval.goals_penalty_points(1, 'Infinity')$$, '22023', 'points_each must be a finite number',
                 'infinite points: 22023');

-- ---------------------------------------------------------------- factor_product
SELECT is((SELECT perf_eval.factor_product(x) FROM (VALUES (1.2), (NULL), (2)) AS t(x)), 2.4,
          'the exact product of the non-NULL factors');
SELECT is((SELECT perf_eval.factor_product(x) FROM (VALUES (1.2)) AS t(x) WHERE false), 1::numeric,
          'no factor: 1');
SELECT throws_ok($$SELECT perf_eval.factor_product(x) FROM (VALUES (1.2), ('NaN')) AS t(x)$$, '22023',
                 'factor must be a finite number', 'a NaN factor: 22023');

-- ---------------------------------------------------------------- goals.budget rolled up by the engine
SELECT is((SELECT combine || '/' || role FROM perf_eval.score_node WHERE code = 'goals.budget'), 'sum/term',
          'goals.budget is a sum node');
INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('ALMATY_REG', 2041, 'T1');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('ALMATY_REG', 2041, 'T1', 'I1', 'increase', 100, 100, true);
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('ALMATY_REG', 2041, 'P1', 'development', 90, 100);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance, audited, violations_amount, audited_amount,
                                         ia_analysis, direct_results_achieved, direct_results_total, participatory_budget_share) VALUES
('ALMATY_REG', 2041, 100, true, 0, 10, false, 2, 3, 5);
SELECT perf_eval.recalculate_within_transaction(2041, 'kz2020') AS run \gset
SELECT results_eq(
    format($$SELECT b.value = f.value * sum(t.value), b.explanation #>> '{formula,text}',
                    b.explanation #>> '{factors,0,node}'
             FROM perf_eval.score AS b
             JOIN perf_eval.score AS f ON f.run_id = b.run_id AND f.body = b.body AND f.node = 'goals.budget.ppb'
             JOIN perf_eval.score AS t ON t.run_id = b.run_id AND t.body = b.body
                                      AND t.node LIKE 'goals.budget.%%' AND t.node <> 'goals.budget.ppb'
             WHERE b.run_id = %s AND b.body = 'ALMATY_REG' AND b.node = 'goals.budget'
             GROUP BY b.value, f.value, b.explanation$$, :run),
    $$VALUES (true, 'B = k_PPB · (E + C + V + DR)'::text, 'goals.budget.ppb'::text)$$,
    'LEB kz2020: B = k_PPB x the sum of its criteria, the factor named in the formula and listed');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :run AND body = 'ALMATY_REG' AND node = 'goals.budget.ppb'),
          1.2, 'p = 5 %: k_PPB = 1.2');

SELECT * FROM finish();
ROLLBACK;
