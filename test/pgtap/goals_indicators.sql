-- Target indicators (METHODOLOGY §3.1, §3.2): the 1.25 overfulfilment
-- boundary in both directions, plan = fact = 0, a goal whose indicators are
-- all excluded, and the input validation of §3.6.
BEGIN;
SELECT plan(36);

-- ---------------------------------------------------------------- 1.25, both directions
-- increase: r = F/P; decrease: r = P/F. r = 1.25 exactly is overfulfilled (inclusive, §8 E2).
SELECT results_eq(
    $$SELECT a.overfulfilled, a.result FROM perf_eval.target_indicator_assessment('increase', 100, 125, methodology => 'kz2020') AS a$$,
    $$VALUES (true, 0.8::numeric)$$, 'increase, F/P = 1.25 exactly: overfulfilled, 1 x 0.8');
SELECT results_eq(
    $$SELECT a.overfulfilled, a.result FROM perf_eval.target_indicator_assessment('increase', 100, 124.9999999, methodology => 'kz2020') AS a$$,
    $$VALUES (false, 1::numeric)$$, 'increase, F/P = 1.249999999: not overfulfilled, min(r, 1) = 1');
SELECT results_eq(
    $$SELECT a.overfulfilled, a.result FROM perf_eval.target_indicator_assessment('decrease', 125, 100, methodology => 'kz2020') AS a$$,
    $$VALUES (true, 0.8::numeric)$$, 'decrease, P/F = 1.25 exactly: overfulfilled, 1 x 0.8');
SELECT results_eq(
    $$SELECT a.overfulfilled, a.result FROM perf_eval.target_indicator_assessment('decrease', 125, 100.0000001, methodology => 'kz2020') AS a$$,
    $$VALUES (false, 1::numeric)$$, 'decrease, P/F just below 1.25: not overfulfilled');
-- A boundary the quotient cannot represent: 5/4 written as 1.25 = 3.75/3.
SELECT is(perf_eval.goal_overfulfilment_multiplier('increase', 3, 3.75, 1.25, 0.8, false), 0.8,
          'increase 3.75/3 = 1.25 is compared exactly: factor 0.8');
SELECT is(perf_eval.goal_overfulfilment_multiplier('decrease', 3.75, 3, 1.25, 0.8, false), 0.8,
          'decrease 3.75/3 = 1.25 is compared exactly: factor 0.8');
SELECT is(perf_eval.goal_overfulfilment_multiplier('increase', 3, 3.7499999999, 1.25, 0.8, false), 1::numeric,
          'increase just below 1.25: factor 1');
-- kz2020_apa exempts decrease-is-good only (seed 000 line 847).
SELECT is(perf_eval.goal_overfulfilment_multiplier('decrease', 125, 100, 1.25, 0.8, true), 1::numeric,
          'decrease at 1.25 with the exemption: factor 1');
SELECT is(perf_eval.goal_overfulfilment_multiplier('increase', 100, 125, 1.25, 0.8, true), 0.8,
          'increase at 1.25 with the exemption: still 0.8');
SELECT results_eq(
    $$SELECT v.name, (perf_eval.target_indicator_assessment('decrease', 125, 100, methodology => v.name)).result
      FROM (VALUES ('kz2017'), ('kz2020'), ('kz2020_apa')) AS v(name) ORDER BY 1$$,
    $$VALUES ('kz2017'::text, 1::numeric), ('kz2020', 0.8), ('kz2020_apa', 1)$$,
    'the same decrease-is-good indicator at 1.25: kz2017 1 (no factor), kz2020 0.8, kz2020_apa 1 (exempt)');

-- ---------------------------------------------------------------- plan = fact = 0 and other exclusions
SELECT results_eq(
    $$SELECT a.eligible, a.ratio, a.result, a.status, a.reason, a.overfulfilled
      FROM perf_eval.target_indicator_assessment('increase', 0, 0) AS a$$,
    $$VALUES (false, NULL::numeric, NULL::numeric, 'not_counted'::text, 'plan_fact_zero'::text, false)$$,
    'plan = fact = 0 (increase): not taken into account (seed 000 line 422)');
SELECT results_eq(
    $$SELECT a.eligible, a.result, a.status, a.reason FROM perf_eval.target_indicator_assessment('decrease', 0, 0) AS a$$,
    $$VALUES (false, NULL::numeric, 'not_counted'::text, 'plan_fact_zero'::text)$$,
    'plan = fact = 0 (decrease): not taken into account either');
SELECT results_eq(
    $$SELECT a.eligible, a.result, a.status, a.reason FROM perf_eval.target_indicator_assessment('increase', 0, 5) AS a$$,
    $$VALUES (true, NULL::numeric, 'not_counted'::text, 'plan_zero'::text)$$,
    'plan 0 < fact (increase): eligible, but r undefined: not counted, reason plan_zero');
SELECT results_eq(
    $$SELECT a.result, a.status, a.overfulfilled FROM perf_eval.target_indicator_assessment('decrease', 10, 0, methodology => 'kz2020') AS a$$,
    $$VALUES (0.8::numeric, 'achieved'::text, true)$$,
    'decrease-is-good reaching 0: achieved, counted as overfulfilled');
SELECT results_eq(
    $$SELECT a.eligible, a.result, a.reason FROM perf_eval.target_indicator_assessment('increase', 100, NULL, NULL, NULL, false) AS a$$,
    $$VALUES (false, NULL::numeric, 'not_published'::text)$$,
    'unpublished 12-month value, no fact: not taken into account');
SELECT is(perf_eval.goal_coefficient_agg(perf_eval.target_indicator_result(d, p, f)), 0.9,
          'goal coefficient skips the 0/0 indicator: mean(1, 0.8) = 0.9')
FROM (VALUES ('increase', 100::numeric, 100::numeric), ('increase', 0, 0), ('increase', 100, 80)) AS t(d, p, f);

-- ---------------------------------------------------------------- status and corrections
SELECT results_eq(
    $$SELECT a.status FROM (VALUES (100, 100), (100, 40), (100, 0)) AS t(p, f)
      CROSS JOIN LATERAL perf_eval.target_indicator_assessment('increase', t.p, t.f) AS a$$,
    $$VALUES ('achieved'::text), ('partial'), ('not_achieved')$$,
    'status: achieved r >= 1, partial 0 < r < 1, not achieved r = 0');
SELECT results_eq(
    $$SELECT perf_eval.goal_plan_lowered('increase', 90, 100), perf_eval.goal_plan_lowered('decrease', 11, 10),
             perf_eval.goal_plan_lowered('increase', 100, 100), perf_eval.goal_no_dynamics('increase', 95, 95),
             perf_eval.goal_no_dynamics('decrease', 9, 10), perf_eval.goal_no_dynamics('decrease', 10, 10)$$,
    $$VALUES (true, true, false, true, false, true)$$,
    'plan lowered: P < P0 (increase), P > P0 (decrease); no dynamics: F <= F-1 (increase), F >= F-1 (decrease), equality included');

-- ---------------------------------------------------------------- a goal whose indicators are all excluded
INSERT INTO perf_eval.goal (body, year, goal_code, title) VALUES
('MJ', 2032, 'G1', 'all indicators excluded'), ('MJ', 2032, 'G2', 'one counted indicator'),
('MH', 2032, 'G1', 'the only goal, all excluded');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('MJ', 2032, 'G1', 'I1', 'increase', 0, 0, true),
('MJ', 2032, 'G1', 'I2', 'increase', 50, NULL, false),
('MJ', 2032, 'G1', 'I3', 'increase', 0, 4, true),
('MJ', 2032, 'G2', 'I4', 'increase', 100, 90, true),
('MH', 2032, 'G1', 'I1', 'decrease', 0, 0, true);
SELECT results_eq(
    $$SELECT g.goal_code, g.coefficient, g.status, (g.tally).indicators, (g.tally).not_counted
      FROM perf_eval.goal_results(2032, 'kz2020', 'MJ') AS g ORDER BY 1$$,
    $$VALUES ('G1'::text, NULL::numeric, 'not_counted'::text, 3::bigint, 3::bigint), ('G2', 0.9, 'partial', 1, 0)$$,
    'a goal whose three indicators are all excluded has no coefficient and status not_counted');
SELECT results_eq(
    $$SELECT n.raw_value, n.reason FROM perf_eval.goal_nodes('MJ', 2032, 'kz2020') AS n WHERE n.node = 'goals.strategic'$$,
    $$VALUES (63::numeric, NULL::text)$$,
    'the excluded goal does not enter S: 70 x mean(0.9) = 63');
SELECT results_eq(
    $$SELECT jsonb_agg(e ->> 'indicator' || ':' || (e ->> 'reason') ORDER BY e ->> 'indicator')
      FROM perf_eval.goal_nodes('MJ', 2032, 'kz2020') AS n, jsonb_array_elements(n.explanation -> 'excluded') AS e
      WHERE n.node = 'goals.strategic'$$,
    $$VALUES ('["I1:plan_fact_zero", "I2:not_published", "I3:plan_zero"]'::jsonb)$$,
    'the explanation lists every excluded indicator with its reason');
SELECT results_eq(
    $$SELECT n.raw_value, n.reason FROM perf_eval.goal_nodes('MH', 2032, 'kz2020') AS n WHERE n.node = 'goals.strategic'$$,
    $$VALUES (NULL::numeric, 'no_eligible_indicators'::text)$$,
    'a body whose only goal is all excluded has no strategic component (not assessable)');
SELECT perf_eval.recalculate_within_transaction(2032, 'kz2020') AS run_2032 \gset
SELECT results_eq(
    format($$SELECT s.value, s.status, s.reason FROM perf_eval.score AS s WHERE s.run_id = %s AND s.body = 'MH' AND s.node = 'goals'$$, :run_2032),
    $$VALUES (NULL::numeric, 'not_assessable'::text, 'not assessable: goals.strategic, goals.budget'::text)$$,
    'its block is not assessable (NULL, not 0), so it is not ranked');

-- ---------------------------------------------------------------- validation (§3.6)
SELECT throws_ok($$INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
                   VALUES ('MJ', 2032, 'G2', 'X1', 'sideways', 1, 1, true)$$,
                 '22023', 'unknown indicator direction "sideways" (known: increase, decrease)', 'unknown direction: 22023');
SELECT throws_ok($$INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
                   VALUES ('MJ', 2032, 'G2', 'X1', 'increase', -5, 1, true)$$,
                 '22003', 'plan must not be negative', 'negative plan: 22003');
SELECT throws_ok($$INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
                   VALUES ('MJ', 2032, 'G2', 'X1', 'increase', 5, NULL, true)$$,
                 '22023', 'fact missing while marked published', 'fact missing while marked published: 22023');
SELECT throws_ok($$INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
                   VALUES ('MJ', 2032, 'G2', 'I4', 'increase', 5, 5, true)$$,
                 '23505', NULL, 'duplicate indicator of a body and year: 23505');
SELECT throws_ok($$INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
                   VALUES ('MJ', 2032, 'G2', 'X1', 'increase', 'NaN', 5, true)$$,
                 '22023', 'plan must be a finite number', 'NaN plan: 22023');
-- The detail names body, year and indicator.
CREATE FUNCTION pg_temp.error_detail(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN detail;
END $$;
SELECT matches(pg_temp.error_detail($$INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code,
                                       direction, plan, fact, fact_published) VALUES ('MJ', 2032, 'G2', 'X9', 'increase', -1, 1, true)$$),
               '^Body MJ, year 2032, indicator X9:', 'the error detail names body, year and indicator');
SELECT throws_ok($$SELECT perf_eval.goal_indicator_ratio('increase', 1, -1)$$, '22003', 'fact must not be negative',
                 'kernel: negative fact 22003');
SELECT throws_ok($$SELECT perf_eval.goal_indicator_eligible(5, NULL, true)$$, '22023', 'fact missing while marked published',
                 'kernel: fact missing while published 22023');
SELECT throws_ok($$SELECT perf_eval.goal_indicator_ratio('Increase', 1, 1)$$, '22023', NULL, 'direction names are exact: 22023');
SELECT throws_ok($$INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement)
                   VALUES ('MJ', 2032, 'P1', 'current', 90, 101)$$,
                 '22003', 'disbursement must lie between 0 and 100', 'disbursement above 100 %: 22003');
SELECT throws_ok($$INSERT INTO perf_eval.budget_assessment (body, year, audited, violations_amount, audited_amount)
                   VALUES ('ALMATY_CITY', 2032, true, 1200, 1000)$$,
                 '22023', 'violation amount must not exceed the amount covered by audit', 'V > B: 22023');
SELECT throws_ok($$INSERT INTO perf_eval.budget_assessment (body, year, direct_results_achieved, direct_results_total)
                   VALUES ('ALMATY_CITY', 2032, 51, 50)$$,
                 '22023', 'achieved direct results must not exceed the total', 'achieved > total: 22023');
SELECT throws_ok($$INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient) VALUES ('MJ', 2032, 'G1', 1.1)$$,
                 '22003', 'coefficient must lie between 0 and 1', 'link coefficient above 1: 22003');

SELECT * FROM finish();
ROLLBACK;
