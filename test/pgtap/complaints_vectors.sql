-- Every row of test/vectors/complaints_r1_r4.csv through the R1-R4 kernels
-- (METHODOLOGY §4.4, §10). Tiers and bands come from the methodology
-- catalog of the row's version, so a wrong shipped parameter fails here too.
BEGIN;

CREATE TEMP TABLE complaint_vector (
    id text, kernel text, version text, part bigint, part2 bigint, whole bigint,
    k numeric, scale_factor numeric, clamp text, zero_volume text,
    expected numeric, scale integer, exact boolean, sqlstate text, source text, note text);
\copy complaint_vector FROM 'test/vectors/complaints_r1_r4.csv' WITH (FORMAT csv, HEADER true)

SELECT plan(count(*)::integer) FROM complaint_vector;

-- The SQL call a vector row stands for.
CREATE FUNCTION pg_temp.kernel_call(v complaint_vector) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE v.kernel
        WHEN 'R1' THEN format('perf_eval.complaint_timeliness_score(%s, %s, %s, %s, %L, %L)',
                              v.part, v.whole, v.k, v.scale_factor, v.clamp, v.zero_volume)
        WHEN 'R2' THEN format('perf_eval.complaint_court_score(%s, %s, %s, %s, %L, %L)',
                              v.part, v.whole, v.k, v.scale_factor, v.clamp, v.zero_volume)
        WHEN 'R3' THEN format('perf_eval.complaint_repeat_score(%s, %s, %s, %s, %L, %L)',
                              v.part, v.whole, v.k, v.scale_factor, v.clamp, v.zero_volume)
        WHEN 'R2_2017' THEN format(
            'perf_eval.complaint_court_score_tiered(%s, %s, %s, %s, perf_eval.param_text(%L, %L), %L, %L)',
            v.part, v.part2, v.whole, v.k, v.version, 'complaints.r2.tiers', v.clamp, v.zero_volume)
        WHEN 'R4' THEN format(
            'perf_eval.complaint_internal_control_points(%s, %s, perf_eval.param_text(%L, %L), %L, %L)',
            v.part, v.whole, v.version, 'complaints.r4.bands', v.clamp, v.zero_volume)
    END
$$;

-- Value rows: exact rows compare unrounded, the others at the vector's scale.
-- Error rows: the SQLSTATE.
SELECT CASE
    WHEN v.sqlstate IS NOT NULL THEN
        throws_ok('SELECT ' || pg_temp.kernel_call(v), v.sqlstate, NULL, v.id || ' ' || v.note)
    WHEN v.exact THEN
        results_eq('SELECT ' || pg_temp.kernel_call(v),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' ' || coalesce(v.note, ''))
    ELSE
        results_eq(format('SELECT round(%s, %s)', pg_temp.kernel_call(v), v.scale),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' ' || coalesce(v.note, ''))
    END
FROM complaint_vector AS v
ORDER BY v.id;

SELECT * FROM finish();
ROLLBACK;
