-- The kernels of the interaction and orgdev criteria' own arithmetic (issue 15:
-- formulas in C): the sums K, O, M, the presence bonuses, W, the training
-- shortfall beside W, and what explanations show of rates and headcounts.
BEGIN;
SELECT plan(25);

-- K, O, M: the sum of the indicators' points, exact, NULL if one is missing.
SELECT is(perf_eval.hr_potential_score(12.5, 0, 5, 2.25, 10), 29.75::numeric, 'K = C + S + V + G + P');
SELECT is(perf_eval.hr_potential_score(12.5, 0, 5, 2.25, 10)::text, '29.75', 'K keeps the exact scale');
SELECT is(perf_eval.hr_labour_score(5, 4, 3, 7.5, 2, 1.5), 23.0, 'O = N + T + Y + U + S + E (raw, the clamp caps it)');
SELECT is(perf_eval.hr_meritocracy_score(9, 9, 4.5, 0, 9), 31.5, 'M = A + B + C + D + E');
SELECT is(perf_eval.hr_meritocracy_score(9, NULL, 4.5, 0, 9), NULL, 'M of a missing indicator is NULL (STRICT)');
SELECT throws_ok($$SELECT perf_eval.hr_potential_score('NaN', 0, 0, 0, 0)$$, '22023',
                 'indicator points must be a finite number', 'NaN points: 22023');

-- Bonuses for something present.
SELECT is(perf_eval.presence_bonus(true, 2), 2::numeric, 'present: the bonus');
SELECT is(perf_eval.presence_bonus(false, 2)::text, '0', 'absent: 0');
SELECT is(perf_eval.presence_bonus(NULL, 2), NULL, 'presence_bonus is STRICT');

-- W = sum of facts times the points of their kind.
SELECT is(perf_eval.hr_penalty_points('{2,3}', '{1,0.5}'), 3.5, 'W = 2*1 + 3*0.5');
SELECT is(perf_eval.hr_penalty_points('{}', '{}')::text, '0', 'no facts: W = 0');
SELECT throws_ok($$SELECT perf_eval.hr_penalty_points('{1,2}', '{1}')$$, '22023',
                 'facts and points_each must have the same number of elements', 'one points value per kind');
SELECT throws_ok($$SELECT perf_eval.hr_penalty_points('{-1}', '{1}')$$, '22003',
                 'facts must not be negative', 'negative facts: 22003');
SELECT throws_ok($$SELECT perf_eval.hr_penalty_points('{1,NULL}', '{1,1}')$$, '22023',
                 'facts must not contain null', 'a NULL fact: 22023');

-- The training shortfall beside W.
SELECT is(perf_eval.training_shortfall(8, 10, 1, 4), 5::bigint, '(b - a) + (d - c)');
SELECT throws_ok($$SELECT perf_eval.training_shortfall(11, 10, 1, 4)$$, '22023',
                 'advanced training done (a) must not exceed advanced training due (b)', 'a <= b, as for U');
SELECT throws_ok($$SELECT perf_eval.training_shortfall(0, 9223372036854775807, 0, 9223372036854775807)$$, '22003',
                 NULL, 'an overflowing shortfall: 22003');

-- Average headcounts as shown: sum / 12 to 6 decimals, trailing zeros trimmed.
SELECT is(perf_eval.average_headcount_shown('{10,10,10,10,10,10,10,10,10,10,10,11}')::text, '10.083333',
          'b = 121/12 shown to 6 decimals');
SELECT is(perf_eval.average_headcount_shown('{12,12,12,12,12,12,12,12,12,12,12,18}')::text, '12.5',
          'trailing zeros trimmed');
SELECT throws_ok($$SELECT perf_eval.average_headcount_shown('{1,2}')$$, '22023',
                 'month_ends must hold the 12 month-end headcounts of the year', 'twelve month ends');

-- Service rates as shown: rate_base*count/deliveries to 6 decimals.
SELECT is(perf_eval.service_rate_shown(346, 4963991, 100000)::text, '6.970198', 'a rate per 100 000 deliveries');
SELECT is(perf_eval.service_rate_shown(0, 10, 100000)::text, '0.000000', 'a zero rate keeps 6 decimals');
SELECT is(perf_eval.service_rate_shown(1, 0, 100000), NULL, 'no deliveries: NULL');
SELECT is(perf_eval.service_rates_shown(100000, 3, '{"a": 1, "b": 2}'),
          '{"a": 33333.333333, "b": 66666.666667}'::jsonb, 'service_rates_shown rounds each rate half up');

-- An indicator as explanations list it: finite points only.
SELECT throws_ok($$SELECT perf_eval.indicator_shown('A', 'a', 'NaN', 'pts·scale(%)', 'x')$$, '22023',
                 'points must be a finite number', 'indicator_shown refuses NaN points');

SELECT * FROM finish();
ROLLBACK;
