-- kpi_efficiency_mean_agg (the KPI part of Kef, METHODOLOGY §6.2, §7.2) gives
-- the same exact mean serially, under forced parallelism (workers doing all
-- the work, some with no rows), and as an independent plain-SQL oracle.
BEGIN;
SELECT plan(10);

-- 150 000 KPI efficiencies over 600 sheets: quotients with 28 decimals, some NULL (not rated).
CREATE TABLE parallel_kpi_efficiency AS
SELECT g AS id, g % 600 AS sheet_id,
       CASE WHEN g % 101 = 0 THEN NULL ELSE round((g % 9973)::numeric / 4999, 28) END AS kef_i
FROM generate_series(1, 150000) AS g;
ALTER TABLE parallel_kpi_efficiency SET (parallel_workers = 4);
ANALYZE parallel_kpi_efficiency;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

-- Oracle: the plain-SQL exact sum over the count, compared at 25 decimals.
SELECT round(sum(kef_i) / count(kef_i), 25)::text AS oracle_total FROM parallel_kpi_efficiency \gset
SELECT string_agg(sheet_id || ':' || round(s / n, 25), ';' ORDER BY sheet_id) AS oracle_by_sheet
FROM (SELECT sheet_id, sum(kef_i) AS s, count(kef_i) AS n FROM parallel_kpi_efficiency GROUP BY sheet_id) AS x \gset

SET LOCAL max_parallel_workers_per_gather = 0;
SELECT perf_eval.kpi_efficiency_mean_agg(kef_i)::text AS serial_total FROM parallel_kpi_efficiency \gset
SELECT string_agg(sheet_id || ':' || m, ';' ORDER BY sheet_id) AS serial_by_sheet
FROM (SELECT sheet_id, perf_eval.kpi_efficiency_mean_agg(kef_i) AS m FROM parallel_kpi_efficiency GROUP BY sheet_id) AS x \gset
SELECT perf_eval.kpi_efficiency_mean_agg(kef_i)::text AS serial_sparse FROM parallel_kpi_efficiency WHERE id % 15000000 <= 7 \gset

SET LOCAL max_parallel_workers_per_gather = 4;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;

SELECT perf_eval.kpi_efficiency_mean_agg(kef_i)::text AS parallel_total FROM parallel_kpi_efficiency \gset
SELECT string_agg(sheet_id || ':' || m, ';' ORDER BY sheet_id) AS parallel_by_sheet
FROM (SELECT sheet_id, perf_eval.kpi_efficiency_mean_agg(kef_i) AS m FROM parallel_kpi_efficiency GROUP BY sheet_id) AS x \gset
SELECT perf_eval.kpi_efficiency_mean_agg(kef_i)::text AS parallel_sparse FROM parallel_kpi_efficiency WHERE id % 15000000 <= 7 \gset

SELECT matches(pg_temp.plan_of('SELECT perf_eval.kpi_efficiency_mean_agg(kef_i) FROM parallel_kpi_efficiency'),
               'Workers Launched: [1-9](.|\n)*Partial Aggregate',
               'the mean runs as a partial aggregate in launched workers');
SELECT matches(pg_temp.plan_of('SELECT perf_eval.kpi_efficiency_mean_agg(kef_i) FROM parallel_kpi_efficiency WHERE id % 15000000 <= 7'),
               'Workers Launched: [2-9](.|\n)*Partial Aggregate',
               'the sparse mean (7 rows over 4 workers: most see none) is parallel too');
SELECT is(:'parallel_total'::text, :'serial_total'::text, 'forced-parallel mean equals the serial mean digit for digit');
SELECT is(:'parallel_by_sheet'::text, :'serial_by_sheet'::text, 'forced-parallel means per sheet equal the serial ones');
SELECT is(:'parallel_sparse'::text, :'serial_sparse'::text, 'workers with no rows combine as empty states');
SELECT is(round(:'serial_total'::numeric, 25)::text, :'oracle_total'::text, 'the mean equals sum/count in plain SQL');
SELECT is((SELECT string_agg(sheet_id || ':' || round(m, 25), ';' ORDER BY sheet_id)
           FROM (SELECT sheet_id, perf_eval.kpi_efficiency_mean_agg(kef_i) AS m FROM parallel_kpi_efficiency GROUP BY sheet_id) AS x),
          :'oracle_by_sheet'::text, 'per-sheet means equal sum/count in plain SQL');

-- Edges: no rows (or only unrated KPIs) is NULL; out-of-domain inputs are refused.
SELECT is((SELECT perf_eval.kpi_efficiency_mean_agg(kef_i) FROM parallel_kpi_efficiency WHERE id % 101 = 0), NULL::numeric,
          'only NULL inputs (unrated KPIs) give NULL, as no rows do');
SELECT throws_ok($$SELECT perf_eval.kpi_efficiency_mean_agg(x) FROM (VALUES (0.5), (-0.1)) AS v(x)$$, '22003',
                 'kpi_efficiency must not be negative', 'a negative kef_i is out of range');
SELECT throws_ok($$SELECT perf_eval.kpi_efficiency_mean_agg(x) FROM (VALUES (0.5), ('NaN'::numeric)) AS v(x)$$, '22023',
                 'kpi_efficiency must be a finite number', 'NaN is refused');

SELECT * FROM finish();
ROLLBACK;
