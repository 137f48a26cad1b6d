-- Every row of test/vectors/goals.csv through the public SQL API (METHODOLOGY
-- §3, §10): the kernels with the constants of the row's version, the
-- methodology-bound target_indicator_result(), goal_coefficient_agg, and the
-- worked block fixtures G066-G069 through recalculate_within_transaction.
BEGIN;

CREATE TEMP TABLE goals_vector (
    id text, kernel text, version text, kind text, direction text, plan numeric, fact numeric,
    plan_original numeric, fact_previous numeric, published boolean, "values" text,
    x1 numeric, x2 numeric, x3 numeric, flag text, expected text, scale integer, exact boolean,
    sqlstate text, source text, note text);
\copy goals_vector FROM 'test/vectors/goals.csv' WITH (FORMAT csv, HEADER true)

SELECT plan(count(*)::integer + 1) FROM goals_vector;

-- A flag such as "audited=true;ia_analysis=false" as a boolean.
CREATE FUNCTION pg_temp.flag(flags text, name text) RETURNS boolean LANGUAGE sql AS $$
    SELECT split_part(f, '=', 2)::boolean FROM unnest(string_to_array($1, ';')) AS f
    WHERE split_part(f, '=', 1) = $2
$$;

-- The SQL call a kernel row stands for; constants come from the row's version.
CREATE FUNCTION pg_temp.kernel_call(v goals_vector) RETURNS text LANGUAGE sql AS $$
    SELECT CASE v.kernel
        WHEN 'ratio' THEN format('perf_eval.goal_indicator_ratio(%L, %s, %s)', v.direction, v.plan, v.fact)
        WHEN 'eligible' THEN format('perf_eval.goal_indicator_eligible(%s, %s, %L::boolean)', v.plan, v.fact, v.published)
        -- the kernel with explicit constants, and the methodology-bound function, side by side
        WHEN 'indicator_result' THEN format(
            $f$(perf_eval.goal_indicator_assessment(%1$L, %2$s, %3$s, %4$s, %5$s, %6$s,
                  perf_eval.param_numeric(%7$L, 'goals.overfulfil_threshold'),
                  perf_eval.param_numeric(%7$L, 'goals.overfulfil_multiplier'),
                  perf_eval.param_boolean(%7$L, 'goals.overfulfil_exempt_decrease'),
                  perf_eval.param_numeric(%7$L, 'goals.achievement_cap'),
                  perf_eval.param_numeric(%7$L, 'goals.plan_lowered_multiplier'),
                  perf_eval.param_numeric(%7$L, 'goals.no_dynamics_multiplier'))).result,
                perf_eval.target_indicator_result(%1$L, %2$s, %3$s, %4$s, %5$s, %6$s, %7$L)$f$,
            v.direction, v.plan, v.fact, coalesce(v.plan_original::text, 'NULL'),
            coalesce(v.fact_previous::text, 'NULL'), quote_literal(v.published) || '::boolean', v.version)
        WHEN 'goal_coefficient' THEN format(
            $f$(SELECT perf_eval.goal_coefficient_agg(nullif(r, '')::numeric)
                FROM unnest(string_to_array(%L, ';')) AS r)$f$, v."values")
        WHEN 'leb_violation_points' THEN format(
            $f$perf_eval.leb_violation_points(%s::boolean, %s, %s, %s::boolean,
                  perf_eval.param_numeric(%5$L, 'goals.leb.violations_clean'),
                  perf_eval.param_numeric(%5$L, 'goals.leb.violations_ia_analysis'),
                  perf_eval.param_numeric(%5$L, 'goals.leb.violations_not_audited'),
                  perf_eval.param_text(%5$L, 'goals.leb.violations_bands'))$f$,
            quote_literal(pg_temp.flag(v.flag, 'audited')), coalesce(v.x1::text, 'NULL'), coalesce(v.x2::text, 'NULL'),
            quote_literal(pg_temp.flag(v.flag, 'ia_analysis')), v.version)
        WHEN 'leb_citizens_budget_points' THEN format(
            $f$perf_eval.leb_citizens_budget_points(%s, perf_eval.param_text(%L, 'goals.leb.citizens_budget_bands'))$f$,
            v.x1, v.version)
        WHEN 'ppb_coefficient' THEN format(
            $f$perf_eval.ppb_coefficient(%s, perf_eval.param_text(%L, 'goals.leb.ppb_bands'))$f$, v.x1, v.version)
        WHEN 'bp_efficiency' THEN format('perf_eval.budget_programme_efficiency(%s, %s)', v.x1, v.x2)
    END
$$;

-- Kernel rows. indicator_result rows check both calls at once.
SELECT CASE
    WHEN v.sqlstate IS NOT NULL THEN
        throws_ok('SELECT ' || pg_temp.kernel_call(v), v.sqlstate, NULL, v.id || ' ' || v.note)
    WHEN v.kernel = 'eligible' THEN
        results_eq('SELECT ' || pg_temp.kernel_call(v), format('VALUES (%L::boolean)', v.expected), v.id || ' ' || v.note)
    WHEN v.kernel = 'indicator_result' THEN
        results_eq(format('SELECT %s FROM (SELECT %s) AS c(kernel, bound)',
                          CASE WHEN v.exact THEN 'kernel, bound' ELSE format('round(kernel, %1$s), round(bound, %1$s)', v.scale) END,
                          pg_temp.kernel_call(v)),
                   format('VALUES (%1$L::numeric, %1$L::numeric)', v.expected), v.id || ' ' || v.note)
    WHEN v.exact THEN
        results_eq('SELECT ' || pg_temp.kernel_call(v), format('VALUES (%L::numeric)', v.expected), v.id || ' ' || v.note)
    ELSE
        results_eq(format('SELECT round(%s, %s)', pg_temp.kernel_call(v), v.scale),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' ' || v.note)
    END
FROM goals_vector AS v
WHERE v.kernel NOT LIKE '%goals_block'
ORDER BY v.id;

-- -------------------------------------------------------------------------
-- Block fixtures (METHODOLOGY §3.5): the inputs the vector notes describe,
-- loaded for year 2031 into four bodies and recalculated under kz2020.
-- -------------------------------------------------------------------------

CREATE TEMP TABLE fixture_body (id text PRIMARY KEY, body text NOT NULL);
INSERT INTO fixture_body VALUES ('G066', 'MF'), ('G067', 'AKMOLA'), ('G068', 'AKTOBE'), ('G069', 'ATYRAU');

-- G066, CSB: goal1 inc 100/110, inc 100/130, dec 10/12; goal2 inc 50/40, inc 0/0;
-- BPs (75, 63), (90, 100); links 1.0, 0.9; Citizens Budget 80 %; one unreliable fact
-- and one BP result overfulfilled (detected from F = 106 > 1.05 x 100).
INSERT INTO perf_eval.goal (body, year, goal_code, title) VALUES
('MF', 2031, 'G1', 'goal 1'), ('MF', 2031, 'G2', 'goal 2');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('MF', 2031, 'G1', 'I1', 'increase', 100, 110, true),
('MF', 2031, 'G1', 'I2', 'increase', 100, 130, true),
('MF', 2031, 'G1', 'I3', 'decrease', 10, 12, true),
('MF', 2031, 'G2', 'I4', 'increase', 50, 40, true),
('MF', 2031, 'G2', 'I5', 'increase', 0, 0, true);
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('MF', 2031, 'P1', 'current', 75, 63), ('MF', 2031, 'P2', 'current', 90, 100);
INSERT INTO perf_eval.budget_programme_result (body, year, programme_code, result_code, plan, fact) VALUES
('MF', 2031, 'P1', 'R1', 100, 106), ('MF', 2031, 'P2', 'R1', 100, 105);
INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient) VALUES
('MF', 2031, 'G1', 1.0), ('MF', 2031, 'G2', 0.9);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance) VALUES ('MF', 2031, 80);
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MF', 2031, 'goals', 'unreliable', 1);

-- G067 / G068, LEB: results 1, 0.8, 0.7, 0.9, 1; violations 4.5 % audited with an
-- internal-audit analysis; direct results 45/50; BPs (75, 63), (90, 100);
-- Citizens Budget 85 %; PPB share from the vector's x1; two untimely facts.
INSERT INTO perf_eval.goal (body, year, goal_code, title)
SELECT f.body, 2031, 'T1', 'TDP goal' FROM fixture_body AS f WHERE f.id IN ('G067', 'G068', 'G069');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
SELECT f.body, 2031, 'T1', i.code, i.direction, i.plan, i.fact, true
FROM fixture_body AS f
CROSS JOIN (VALUES ('T1.1', 'increase', 100, 100), ('T1.2', 'increase', 100, 130), ('T1.3', 'increase', 100, 70),
                   ('T1.4', 'increase', 100, 90), ('T1.5', 'decrease', 10, 10)) AS i(code, direction, plan, fact)
WHERE f.id IN ('G067', 'G068');
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement)
SELECT f.body, 2031, p.code, 'development', p.a, p.d
FROM fixture_body AS f CROSS JOIN (VALUES ('P1', 75, 63), ('P2', 90, 100)) AS p(code, a, d)
WHERE f.id IN ('G067', 'G068');
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance, audited, violations_amount,
                                         audited_amount, ia_analysis, direct_results_achieved, direct_results_total,
                                         participatory_budget_share)
SELECT f.body, 2031, 85, true, 45, 1000, true, 45, 50, v.x1
FROM fixture_body AS f JOIN goals_vector AS v USING (id) WHERE f.id IN ('G067', 'G068');
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count)
SELECT f.body, 2031, 'goals', 'untimely', 2 FROM fixture_body AS f WHERE f.id IN ('G067', 'G068');

-- G069, LEB: strategic 1.0, every budget criterion at its maximum (10 + 14 + 14 + 2 = 40), PPB 5 %.
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('ATYRAU', 2031, 'T1', 'T1.1', 'increase', 100, 100, true),
('ATYRAU', 2031, 'T1', 'T1.2', 'increase', 50, 60, true);
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('ATYRAU', 2031, 'P1', 'development', 100, 100);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance, audited, violations_amount,
                                         audited_amount, ia_analysis, direct_results_achieved, direct_results_total,
                                         participatory_budget_share)
SELECT 'ATYRAU', 2031, 100, true, 0, 1000, true, 50, 50, v.x1 FROM goals_vector AS v WHERE v.id = 'G069';

SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS fixture_run \gset

SELECT results_eq(
    format('SELECT %s FROM perf_eval.score AS s WHERE s.run_id = %s AND s.body = %L AND s.node = %L',
           CASE WHEN v.exact THEN 's.value' ELSE format('round(s.value, %s)', v.scale) END,
           :fixture_run, f.body, 'goals'),
    format('VALUES (%L::numeric)', v.expected),
    v.id || ' ' || coalesce(nullif(v.note, ''), v."values"))
FROM goals_vector AS v JOIN fixture_body AS f USING (id)
ORDER BY v.id;

SELECT is((SELECT s.raw_value FROM perf_eval.score AS s WHERE s.run_id = :fixture_run AND s.body = 'ATYRAU' AND s.node = 'goals'),
          108::numeric, 'G069 raw block 60 + 1.2 x 40 = 108 before the clamp');

SELECT * FROM finish();
ROLLBACK;
