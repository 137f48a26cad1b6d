-- Contracts of the services and openness kernels (METHODOLOGY §0.1, §0.6,
-- §0.7, §4.5): STRICT NULL handling, the order of checks (names, domain,
-- consistency), the formula bounds of K3 and K2', exact rationals at the
-- scale breakpoints, and extreme inputs that must not crash or overflow.
BEGIN;
SELECT plan(36);

-- NULL in, NULL out.
SELECT is(perf_eval.service_rate_points(NULL, 10, 10, '0:1;10:0', 100000), NULL, 'service_rate_points is STRICT');
SELECT is(perf_eval.service_satisfaction_points(NULL, 0, 10, 30, 10, '50:0;90:1', '0:1;2:0', 100000), NULL,
          'service_satisfaction_points: a NULL percentage gives NULL');
SELECT is(perf_eval.open_nla_points(NULL, '{1}'), NULL, 'open_nla_points is STRICT');

-- Names first (22023), then the domain (22003), then consistency (22023).
SELECT throws_ok($$SELECT perf_eval.service_rate_points(-1, 10, 10, '0:1;10:0', 100000, 'zero')$$, '22023',
                 'unknown zero-volume policy "zero"', 'an unknown policy wins over a negative count');
SELECT throws_ok($$SELECT perf_eval.service_rate_points(-1, 10, 10, '10:0;0:1', 100000)$$, '22023', NULL,
                 'an invalid scale wins over a negative count');
SELECT throws_ok($$SELECT perf_eval.service_rate_points(11, -10, 10, '0:1;10:0', 100000)$$, '22003',
                 'deliveries count must not be negative', 'a negative volume wins over part > whole');
SELECT throws_ok($$SELECT perf_eval.service_rate_points(11, 10, 10, '0:1;10:0', 100000)$$, '22023',
                 'indicator count must not exceed deliveries count', 'part > whole: 22023');
SELECT throws_ok($$SELECT perf_eval.service_quality_points(1, 2, 3, 11, 10, 10, 10, 10, 10,
                       '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000)$$, '22023',
                 'extra_documents count must not exceed deliveries count', 'K2: each violation count <= deliveries');
SELECT throws_ok($$SELECT perf_eval.service_satisfaction_points(100.5, 0, 10, 30, 10, '50:0;90:1', '0:1;2:0', 100000)$$,
                 '22003', 'satisfaction_percent must lie between 0 and 100', 'a percentage above 100: 22003');
SELECT throws_ok($$SELECT perf_eval.service_satisfaction_points('NaN', 0, 10, 30, 10, '50:0;90:1', '0:1;2:0', 100000)$$,
                 '22023', 'satisfaction_percent must be a finite number', 'NaN: 22023');
SELECT throws_ok($$SELECT perf_eval.service_rate_points(1, 10, 10, '0:1;10:0', 0)$$, '22003',
                 'rate_base must be positive', 'a rate base of 0: 22003');
SELECT throws_ok($$SELECT perf_eval.service_rate_points(1, 10, -10, '0:1;10:0', 100000)$$, '22003',
                 'pts must not be negative', 'negative points: 22003');
SELECT throws_ok($$SELECT perf_eval.service_automation_points(81, 80, 0, 10, 0, 0, 8, 8, 0.05, 5, 1, 4, 20)$$, '22023',
                 'services_electronic count must not exceed services_in_register count',
                 'K3: electronic services <= services in the register');
SELECT throws_ok($$SELECT perf_eval.service_automation_points(8, 80, 11, 10, 0, 0, 8, 8, 0.05, 5, 1, 4, 20)$$, '22023',
                 'deliveries_electronic count must not exceed deliveries count', 'K3: electronic deliveries <= deliveries');
SELECT throws_ok($$SELECT perf_eval.service_automation_points(8, 80, 1, 10, -0.5, 0, 8, 8, 0.05, 5, 1, 4, 20)$$, '22003',
                 'downtime_hours must not be negative', 'K3: negative downtime: 22003');
SELECT throws_ok($$SELECT perf_eval.open_dialogue_points(5, 4, '{1,1,1,1}', 5)$$, '22023',
                 'blog_answered count must not exceed blog_received count', 'dialogue: answered <= received');
SELECT throws_ok($$SELECT perf_eval.open_dialogue_points(1, 4, '{1,1.5,1,1}', 5)$$, '22003',
                 'other_fulfilment must lie between 0 and 1', 'dialogue: a fulfilment above 1: 22003');
SELECT throws_ok($$SELECT perf_eval.open_budget_points(-1, 25)$$, '22003',
                 'filling_percent must lie between 0 and 100', 'budget: a negative percentage: 22003');

-- Open NLA arrays.
SELECT throws_ok($$SELECT perf_eval.open_nla_points('{{1,2},{3,4}}', '{1,1,1,1}')$$, '22023',
                 'item_points must be a one-dimensional array', 'a two-dimensional array: 22023');
SELECT throws_ok($$SELECT perf_eval.open_nla_points('{1,2}', '{1,NULL}')$$, '22023',
                 'fulfilment must not contain NULL', 'a NULL fulfilment: 22023, never a crash');
SELECT throws_ok($$SELECT perf_eval.open_nla_points('{1,2}', '{1}')$$, '22023',
                 'item_points and fulfilment must have the same number of elements', 'lengths differ: 22023');
SELECT throws_ok($$SELECT perf_eval.open_nla_points('{0,0}', '{1,1}', 25)$$, '22023',
                 'item_points must not all be 0 when the points are rescaled', 'rescaling nothing: 22023');
SELECT is(perf_eval.open_nla_points('{}', '{}'), 0::numeric, 'no items: 0 points');

-- The apa penalties need a scale that reaches 0.
SELECT throws_ok($$SELECT perf_eval.service_quality_penalty(1, 10, 5, '0:1;10:0.5', 100000)$$, '22023',
                 'scale must reach 0 points at a positive rate', 'a T2-T4 scale that never reaches 0: 22023');

-- Exact rationals: the rate is never rounded before the scale reads it.
SELECT is(perf_eval.service_rate_points(1, 10000, 10, '0:1;10:0', 100000), 0::numeric,
          '1 violation in 10 000 deliveries is exactly 10 per 100 000: T1 = 0');
SELECT is(round(perf_eval.service_rate_points(1, 10001, 10, '0:1;10:0', 100000), 24),
          round(10::numeric(60, 40) / 10001, 24),
          '1 in 10 001 is just below 10 per 100 000: 10*(1 - 10000/10001) = 10/10001, to 24 decimals');
SELECT is(round(perf_eval.service_rate_points(1, 3, 10, '0:1;300000:0', 100000), 28),
          round(80::numeric(60, 40) / 9, 28),
          'a non-terminating scale value keeps its digits: 10*(1 - (100000/3)/300000) = 80/9, to 28 decimals');
SELECT is(perf_eval.service_quality_penalty(1, 100000, 5, '0:1;1:0', 100000), 5::numeric,
          'a rate at the scale''s zero point costs the full penalty');

-- K3 and K2' bounds belong to their formulas.
SELECT is(perf_eval.service_automation_points(0, 100, 0, 1000, 500, 0, 8, 8, 0.05, 5, 1, 4, 20), 0::numeric,
          'K3 = max(0, 0 + 0 - 5 + 0) = 0, not -5');
SELECT is(perf_eval.service_automation_points(100, 100, 1000, 1000, 0, 9, 8, 8, 0.05, 5, 1, 4, 20), 20::numeric,
          'K3 = 8 + 8 + bonus capped at 4 = 20');
SELECT is(perf_eval.service_automation_points(100, 100, 1000, 1000, 0, 9, 8, 8, 0.05, 5, 1, 10, 20), 20::numeric,
          'K3 is capped at pts_k3 when the bonus cap is raised');
SELECT is(perf_eval.service_quality_points_apa(1000, 1000, 1000, 1000, 1000, 80, 5,
                                               '0:1;10:0', '0:1;1:0', '0:1;20:0', '0:1;30:0', 100000), 0::numeric,
          'K2'' is floored at 0');

-- Extreme inputs: int64 counts, no overflow, no crash.
SELECT is(perf_eval.service_rate_points(9223372036854775807, 9223372036854775807, 10, '0:1;10:0', 100000), 0::numeric,
          'int64 maxima: every delivery violated, T1 = 0');
SELECT is(perf_eval.service_automation_points(9223372036854775807, 9223372036854775807, 9223372036854775807,
                                              9223372036854775807, 0, 9223372036854775807, 8, 8, 0.05, 5, 1, 4, 20),
          20::numeric, 'K3 with int64 volumes: the products stay exact');
SELECT is(perf_eval.open_data_points(9223372036854775807, 1, 25), 25::numeric,
          'more published than required counts as all (min 1)');
SELECT is(round(perf_eval.subordinate_openness_deduction(1, 9223372036854775807, 10), 30),
          round(10::numeric(80, 60) / 9223372036854775807, 30), 'a tiny deduction keeps its digits');

SELECT * FROM finish();
ROLLBACK;
