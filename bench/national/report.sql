-- The national bench's checks and report (bench/national/run.sh has filled
-- bench_measure and bench_phase_fact). Any check failing fails the bench.
\set ON_ERROR_STOP on
\set QUIET on

SELECT perf_eval.refresh_monthly_tallies(2020) AS refreshed \gset

-- ---------------------------------------------------------------------
-- Checks.
-- ---------------------------------------------------------------------
DO $$
DECLARE
    r record;
BEGIN
    -- Every timed recalculation computed the year (none was 'unchanged' or failed).
    FOR r IN SELECT phase, measure, run, coalesce(result, '(no run)') AS status FROM bench_measure
             WHERE measure LIKE '%recalculation%' AND measure NOT LIKE 'one-row insert%'
               AND result IS DISTINCT FROM 'succeeded' LOOP
        RAISE EXCEPTION 'bench: % run % of % ended %, not succeeded', r.measure, r.run, r.phase, r.status;
    END LOOP;
    -- Plain SQL's counts per body equal perf_eval's year tallies (every run,
    -- both phases: no 2020 row changed after phase 1's plain SQL runs).
    FOR r IN SELECT m.phase, m.measure, m.run FROM bench_measure AS m JOIN bench_query AS q USING (measure)
             WHERE m.measure LIKE 'plain SQL%' AND m.result IS DISTINCT FROM bench_perf_eval_tallies(q.registry) LOOP
        RAISE EXCEPTION 'bench: % (run % of %) differs from perf_eval''s year tallies', r.measure, r.run, r.phase;
    END LOOP;
    IF (SELECT count(*) FROM bench_measure WHERE measure LIKE 'plain SQL%') = 0 THEN
        RAISE EXCEPTION 'bench: plain SQL was not measured';
    END IF;
    -- The bare count(*) of the year's deliveries is perf_eval's total.
    IF EXISTS (SELECT 1 FROM bench_measure WHERE measure = 'count(*): deliveries'
               AND result::bigint <> (SELECT sum(deliveries) FROM perf_eval.service_counts_of_year(2020))) THEN
        RAISE EXCEPTION 'bench: count(*) of the 2020 deliveries differs from perf_eval''s total';
    END IF;
END $$;

-- Best run of each measure, and the year's rows (the count(*) results).
CREATE TEMP VIEW best AS
SELECT m.phase, m.measure, min(m.ms) AS ms, count(*) AS runs,
       round(max(m.vm_hwm_kb) / 1024.0, 1) AS hwm_mb, round(max(m.rss_shmem_kb) / 1024.0, 1) AS shmem_mb,
       round(max(m.rss_anon_kb) / 1024.0, 1) AS anon_mb
FROM bench_measure AS m GROUP BY m.phase, m.measure;
CREATE TEMP VIEW year_rows AS
SELECT phase, max(result::bigint) FILTER (WHERE measure = 'count(*): deliveries') AS deliveries,
       max(result::bigint) FILTER (WHERE measure = 'count(*): complaints') AS complaints
FROM bench_measure WHERE measure LIKE 'count(*)%' GROUP BY phase;
-- The year through perf_eval, plain SQL and count(*), both registries summed.
CREATE TEMP VIEW year_path AS
SELECT b.phase, v.path, v.ms, v.row_count
FROM (SELECT phase, max(ms) FILTER (WHERE measure = 'full recalculation') AS full_ms,
             max(ms) FILTER (WHERE measure = 'refresh: every month') AS refresh_ms,
             sum(ms) FILTER (WHERE measure LIKE 'plain SQL%') AS plain_ms,
             sum(ms) FILTER (WHERE measure LIKE 'count(*)%') AS count_ms
      FROM best GROUP BY phase) AS b
JOIN year_rows AS y USING (phase),
LATERAL (VALUES (1, 'perf_eval: CALL recalculate(2020), full', b.full_ms, y.deliveries + y.complaints),
                (2, 'perf_eval: refresh_monthly_tallies(2020), every month', b.refresh_ms, y.deliveries + y.complaints),
                (3, 'plain SQL: GROUP BY body, both registries', b.plain_ms, y.deliveries + y.complaints),
                (4, 'count(*) of the year''s rows, both registries', b.count_ms, y.deliveries + y.complaints))
        AS v(ord, path, ms, row_count);

\set QUIET off
\pset footer off
\echo
\echo 'Generation and disk'
SELECT phase, fact, value FROM bench_phase_fact ORDER BY phase DESC, fact;

\echo 'The year 2020 (best of 3; M rows/s = million registry rows of 2020 per second of wall clock)'
SELECT p.phase, p.path, p.ms AS "best ms", p.row_count AS "rows",
       round(p.row_count / p.ms / 1000, 2) AS "M rows/s",
       round(p.ms / f.ms, 2) AS "time / count(*)",
       round(p.ms / s.ms, 2) AS "time / plain SQL",
       CASE WHEN p.path LIKE '%recalculate%' THEN '<= 10 s' ELSE '' END AS target
FROM year_path AS p
JOIN year_path AS f ON f.phase = p.phase AND f.path LIKE 'count(*)%'
JOIN year_path AS s ON s.phase = p.phase AND s.path LIKE 'plain SQL%'
ORDER BY p.phase DESC, p.path LIKE 'count%', p.path LIKE 'plain%', p.path LIKE '%refresh%';

\echo 'Each registry alone'
SELECT b.phase, b.measure, b.ms AS "best ms", b.runs,
       CASE WHEN b.measure LIKE '%deliveries' THEN y.deliveries ELSE y.complaints END AS "rows",
       round(CASE WHEN b.measure LIKE '%deliveries' THEN y.deliveries ELSE y.complaints END / b.ms / 1000, 2) AS "M rows/s"
FROM best AS b JOIN year_rows AS y USING (phase)
WHERE b.measure LIKE 'plain SQL%' OR b.measure LIKE 'count(*)%'
ORDER BY b.phase DESC, b.measure;

\echo 'After one body''s month changed (1000 new rows of MF in November 2020)'
SELECT b.measure, b.ms AS "best ms", b.runs,
       round(b.ms / f.ms, 3) AS "time / full recalculation",
       round(b.ms / (r.ms / 12), 2) AS "time / (full refresh / 12)",
       CASE WHEN b.measure LIKE 'recalculation%' THEN '<= 1 s' ELSE 'refresh <= full refresh / 12' END AS target
FROM best AS b
JOIN best AS f ON f.phase = b.phase AND f.measure = 'full recalculation'
JOIN best AS r ON r.phase = b.phase AND r.measure = 'refresh: every month'
WHERE b.phase = '2020 only' AND b.measure LIKE '%+1000%'
ORDER BY b.measure LIKE 'refresh%', b.measure;

\echo 'A one-row registry insert 0.3 s into a full recalculation (lock_timeout 1 s; target: commits within 1 s)'
SELECT i.run, i.ms AS "insert ms", i.result AS "insert", r.ms AS "that recalculation ms"
FROM bench_measure AS i
JOIN bench_measure AS r ON r.phase = i.phase AND r.run = i.run AND r.measure = 'full recalculation with an insert 0.3 s in'
WHERE i.measure = 'one-row insert during the full recalculation'
ORDER BY i.run;

\echo 'A second year in the registry (2021 appended after 2020): the 2020 figures against those with 2020 only'
SELECT p2.path, p1.ms AS "2020 only ms", p2.ms AS "2020 and 2021 ms", round(p2.ms / p1.ms, 2) AS "ratio",
       CASE WHEN p2.path LIKE '%recalculate%' THEN 'about 1' ELSE '' END AS target
FROM year_path AS p1 JOIN year_path AS p2 ON p2.path = p1.path AND p2.phase = '2020 and 2021'
WHERE p1.phase = '2020 only'
ORDER BY p2.path LIKE 'count%', p2.path LIKE 'plain%', p2.path LIKE '%refresh%';

\echo 'Peak memory of the sessions (MB, the largest of the runs; VmHWM includes the shared buffers a session touched, RssShmem)'
SELECT phase, measure, hwm_mb AS "VmHWM", shmem_mb AS "RssShmem", anon_mb AS "RssAnon at end",
       round(hwm_mb - shmem_mb, 1) AS "VmHWM - RssShmem"
FROM best
WHERE measure LIKE '%recalculation%' OR measure LIKE 'refresh: every%' OR measure LIKE 'plain SQL%'
ORDER BY phase DESC, measure;
