-- Every row of test/vectors/orgdev.csv through the public API (METHODOLOGY §5, §10):
-- the kernels with the constants of the row's methodology version, and the 33
-- published 2019 block values (O069-O101) through a recalculation of 2019 under
-- kz2020 with their H and IT supplied, compared in perf_eval.ranking (score,
-- shown score, rank within kind, zone).
BEGIN;

CREATE TEMP TABLE orgdev_vector (
    id text, kernel text, variant text, kind text, body text, t numeric, a1 bigint, a2 bigint,
    b1 numeric, b2 numeric, a bigint, b bigint, c bigint, d bigint, levels text,
    e1 bigint, e2 bigint, e3 bigint, e4 bigint, n bigint, n_excluded bigint,
    h numeric, it numeric, k numeric, o numeric, m numeric, w numeric,
    expected numeric, scale integer, exact boolean, sqlstate text,
    expected_display numeric, expected_rank bigint, expected_zone text, source text, note text);
\copy orgdev_vector FROM 'test/vectors/orgdev.csv' WITH (FORMAT csv, HEADER true)

SELECT plan(count(*)::integer) FROM orgdev_vector;

-- The version whose parameters a turnover variant is defined with (METHODOLOGY §2.5):
-- printed and continuous are kz2020's (upper 0.08), threshold_009 is kz2020_apa's (upper 0.09).
CREATE FUNCTION pg_temp.turnover_version(variant text) RETURNS text
LANGUAGE sql AS $$ SELECT CASE $1 WHEN 'threshold_009' THEN 'kz2020_apa' ELSE 'kz2020' END $$;

-- The SQL call a kernel row stands for, with the constants read from the methodology catalog.
CREATE FUNCTION pg_temp.kernel_call(v orgdev_vector) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE v.kernel
        WHEN 'turnover_ratio' THEN format('perf_eval.net_turnover_ratio(%s, %s, %s, %s)', v.a1, v.a2, v.b1, v.b2)
        WHEN 'turnover_score' THEN format(
            'perf_eval.net_turnover_score(%s, %L, perf_eval.param_numeric(%3$L, %4$L), perf_eval.param_numeric(%3$L, %5$L), '
            'perf_eval.param_numeric(%3$L, %6$L), perf_eval.param_numeric(%3$L, %7$L))',
            v.t, v.variant, pg_temp.turnover_version(v.variant), 'hr.turnover.pts', 'hr.turnover.lower',
            'hr.turnover.upper',
            CASE v.variant WHEN 'continuous' THEN 'hr.turnover.denominator_continuous' ELSE 'hr.turnover.denominator' END)
        WHEN 'training' THEN format(
            'perf_eval.training_score(%s, %s, %s, %s, perf_eval.param_numeric(''kz2020'', ''hr.training.k''), '
            'perf_eval.param_numeric(''kz2020'', ''hr.training.w_advanced''), '
            'perf_eval.param_numeric(''kz2020'', ''hr.training.w_retraining''), '
            'perf_eval.param_numeric(''kz2020'', ''hr.training.empty_ratio''))', v.a, v.b, v.c, v.d)
        WHEN 'it_relevance' THEN format(
            'perf_eval.it_relevance_score(string_to_array(%L, '';'')::numeric[], perf_eval.param_numeric(%2$L, %3$L), '
            'perf_eval.param_numeric(%2$L, %4$L))',
            coalesce(v.levels, ''), v.variant, 'it.pts_relevance', 'it.relevance_no_is')
        WHEN 'it_automation' THEN format(
            'perf_eval.it_automation_score(%s, %s, %s, %s, %s, %s, perf_eval.param_numeric(%7$L, %8$L), '
            'perf_eval.param_numeric(%7$L, %9$L), perf_eval.param_boolean(%7$L, %10$L))',
            v.e1, v.e2, v.e3, v.e4, v.n, v.n_excluded, v.variant, 'it.pts_automation', 'it.automation_cap',
            'it.automation_exclude_non_automatable')
        WHEN 'hr_direction' THEN format(
            'perf_eval.hr_direction_score(%s, %s, %s, %s, perf_eval.node_maximum(''orgdev.hr'', ''kz2020''), %L)',
            v.k, v.o, v.m, v.w, v.variant)
    END
$$;

SELECT CASE
    WHEN v.sqlstate IS NOT NULL THEN
        throws_ok('SELECT ' || pg_temp.kernel_call(v), v.sqlstate, NULL, v.id || ' ' || v.note)
    WHEN v.exact THEN
        results_eq('SELECT ' || pg_temp.kernel_call(v),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' ' || v.note)
    ELSE
        results_eq(format('SELECT round(%s, %s)', pg_temp.kernel_call(v), v.scale),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' ' || v.note)
    END
FROM orgdev_vector AS v
WHERE v.kernel <> 'orgdev_block'
ORDER BY v.id;

-- The 2019 block values: H (seed 000 Table 3.7) and IT (Table 3.8) supplied by the
-- assessors for the row's version, the block computed by the engine as 0.5·H + 0.5·IT.
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document)
SELECT v.body, 2019, s.node, v.variant, s.value, v.source
FROM orgdev_vector AS v
CROSS JOIN LATERAL (VALUES ('orgdev.hr', v.h), ('orgdev.it', v.it)) AS s(node, value)
WHERE v.kernel = 'orgdev_block';
SELECT count(perf_eval.recalculate_within_transaction(2019, m.variant)) AS runs_2019
FROM (SELECT DISTINCT variant FROM orgdev_vector WHERE kernel = 'orgdev_block') AS m \gset

SELECT results_eq(
    format($$SELECT r.kind, r.score, r.score_shown, r.rank, r.zone FROM perf_eval.ranking AS r
             WHERE r.year = 2019 AND r.methodology = %L AND r.block = 'orgdev' AND r.body = %L$$, v.variant, v.body),
    format('VALUES (%L, %L::numeric, %L::numeric, %s::bigint, %L)',
           v.kind, v.expected, v.expected_display, v.expected_rank, v.expected_zone),
    v.id || ' ' || v.body || ': ' || v.note)
FROM orgdev_vector AS v
WHERE v.kernel = 'orgdev_block'
ORDER BY v.id;

SELECT * FROM finish();
ROLLBACK;
