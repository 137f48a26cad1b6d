-- The measurements of `make bench` (scripts/bench.sh), on the rows that
-- bench/generate.sql loaded into perf_eval's registries. Every variant runs
-- serially (no workers) and in parallel (:parallel_workers workers per gather,
-- set by scripts/bench.sh); the best of 5 runs counts (of 3 for the slow
-- PL/pgSQL variants). Results are compared at the end: any difference fails.
\set ON_ERROR_STOP on
\set QUIET on

SELECT count(*) AS deliveries FROM perf_eval.service_delivery \gset
SELECT count(*) AS complaints FROM perf_eval.complaint_record \gset

-- Each variant returns one text: body(counters);... in body order.
CREATE TABLE bench_variant (registry text, variant text, row_count bigint, query text, runs integer);
INSERT INTO bench_variant VALUES
('service_delivery', 'count(*) scan', :deliveries,
 $q$SELECT count(*)::text FROM perf_eval.service_delivery$q$, 5),
('service_delivery', 'count(*) by body', :deliveries,
 $q$SELECT string_agg(body || '(' || n || ')', ';' ORDER BY body)
    FROM (SELECT body, count(*) AS n FROM perf_eval.service_delivery GROUP BY body) AS s$q$, 5),
('service_delivery', 'perf_eval aggregate', :deliveries,
 $q$SELECT string_agg(body || t::text, ';' ORDER BY body)
    FROM (SELECT body, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                                   extra_documents, electronic, quality_appeal_justified) AS t
          FROM perf_eval.service_delivery GROUP BY body) AS s$q$, 5),
-- The registry scan: the same tallies per body and month in one pass over
-- the heap with its own workers, merged to the year per body.
('service_delivery', 'perf_eval scan', :deliveries,
 $q$SELECT string_agg(body || t::text, ';' ORDER BY body)
    FROM (SELECT body, perf_eval.service_tally_merge_agg(tally) AS t
          FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01') GROUP BY body) AS s$q$, 5),
('service_delivery', 'plain SQL', :deliveries,
 $q$SELECT string_agg(body || format('(%s,%s,%s,%s,%s,%s,%s)', n, dv, ur, ip, ed, el, qa), ';' ORDER BY body)
    FROM (SELECT body, count(*) AS n, count(*) FILTER (WHERE deadline_violated) AS dv,
                 count(*) FILTER (WHERE unreasonable_refusal) AS ur, count(*) FILTER (WHERE incomplete_package) AS ip,
                 count(*) FILTER (WHERE extra_documents) AS ed, count(*) FILTER (WHERE electronic) AS el,
                 count(*) FILTER (WHERE quality_appeal_justified) AS qa
          FROM perf_eval.service_delivery GROUP BY body) AS s$q$, 5),
('service_delivery', 'PL/pgSQL', :deliveries,
 $q$SELECT string_agg(body || '(' || array_to_string(t, ',') || ')', ';' ORDER BY body)
    FROM (SELECT body, bench_plpgsql_service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                                       extra_documents, electronic, quality_appeal_justified) AS t
          FROM perf_eval.service_delivery GROUP BY body) AS s$q$, 3),
-- The national total (no grouping) isolates the aggregate from the hash
-- grouping by body, which costs every grouped variant the same.
('service_delivery', 'perf_eval aggregate total', :deliveries,
 $q$SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                      extra_documents, electronic, quality_appeal_justified)::text
    FROM perf_eval.service_delivery$q$, 5),
('service_delivery', 'plain SQL total', :deliveries,
 $q$SELECT format('(%s,%s,%s,%s,%s,%s,%s)', count(*), count(*) FILTER (WHERE deadline_violated),
                 count(*) FILTER (WHERE unreasonable_refusal), count(*) FILTER (WHERE incomplete_package),
                 count(*) FILTER (WHERE extra_documents), count(*) FILTER (WHERE electronic),
                 count(*) FILTER (WHERE quality_appeal_justified))
    FROM perf_eval.service_delivery$q$, 5),
('service_delivery', 'PL/pgSQL total', :deliveries,
 $q$SELECT '(' || array_to_string(bench_plpgsql_service_tally_agg(deadline_violated, unreasonable_refusal,
                  incomplete_package, extra_documents, electronic, quality_appeal_justified), ',') || ')'
    FROM perf_eval.service_delivery$q$, 3),
('complaint_record', 'count(*) scan', :complaints,
 $q$SELECT count(*)::text FROM perf_eval.complaint_record$q$, 5),
('complaint_record', 'count(*) by body', :complaints,
 $q$SELECT string_agg(body || '(' || n || ')', ';' ORDER BY body)
    FROM (SELECT body, count(*) AS n FROM perf_eval.complaint_record GROUP BY body) AS s$q$, 5),
('complaint_record', 'perf_eval aggregate', :complaints,
 $q$SELECT string_agg(body || t::text, ';' ORDER BY body)
    FROM (SELECT body, perf_eval.complaint_tally_agg(deadline, answered_on, court_satisfied,
                                                     higher_authority_satisfied, repeated_satisfied,
                                                     disciplinary_action) AS t
          FROM perf_eval.complaint_record GROUP BY body) AS s$q$, 5),
('complaint_record', 'perf_eval scan', :complaints,
 $q$SELECT string_agg(body || t::text, ';' ORDER BY body)
    FROM (SELECT body, perf_eval.complaint_tally_merge_agg(tally) AS t
          FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01') GROUP BY body) AS s$q$, 5),
('complaint_record', 'plain SQL', :complaints,
 $q$SELECT string_agg(body || format('(%s,%s,%s,%s,%s,%s)', p, f, a, c, n, d), ';' ORDER BY body)
    FROM (SELECT body, count(*) AS p, count(*) FILTER (WHERE answered_on > deadline) AS f,
                 count(*) FILTER (WHERE court_satisfied) AS a, count(*) FILTER (WHERE higher_authority_satisfied) AS c,
                 count(*) FILTER (WHERE repeated_satisfied) AS n,
                 count(*) FILTER (WHERE answered_on > deadline AND disciplinary_action) AS d
          FROM perf_eval.complaint_record WHERE answered_on IS NOT NULL GROUP BY body) AS s$q$, 5),
('complaint_record', 'PL/pgSQL', :complaints,
 $q$SELECT string_agg(body || '(' || array_to_string(t, ',') || ')', ';' ORDER BY body)
    FROM (SELECT body, bench_plpgsql_complaint_tally_agg(deadline, answered_on, court_satisfied,
                                                         higher_authority_satisfied, repeated_satisfied,
                                                         disciplinary_action) AS t
          FROM perf_eval.complaint_record GROUP BY body) AS s$q$, 3);

-- One measurement per session (and so per transaction): a session keeps
-- every library it has loaded, and a parallel worker loads them all again
-- before it starts. Once a 20-million-row query has been JIT-compiled, each
-- later parallel start in that session would also load llvmjit (measured:
-- a 2-million-complaint parallel scan took 40 ms instead of 33).
-- The statements are written to :measure_script and run from there.
\pset tuples_only on
\pset format unaligned
SELECT format(E'\\connect\nSELECT bench_time(%L, %L, %L, %s, %L, %s, %s);',
              registry, variant, mode, row_count, query, runs, :parallel_workers)
FROM bench_variant, (VALUES ('serial'), ('parallel')) AS m(mode)
ORDER BY registry DESC, mode DESC, array_position(ARRAY['count(*) scan', 'count(*) by body', 'perf_eval scan', 'perf_eval aggregate', 'plain SQL', 'PL/pgSQL', 'perf_eval aggregate total', 'plain SQL total', 'PL/pgSQL total'], variant)
\g :measure_script
\i :measure_script
\pset tuples_only off
\pset format aligned

-- ---------------------------------------------------------------------
-- Partial states. bench/generate.sql's loads marked every (body, month);
-- the first refresh builds all monthly states of 2020.
-- ---------------------------------------------------------------------
CREATE TABLE bench_partial_state (measure text PRIMARY KEY, best_ms numeric, runs integer, rescanned text);
CREATE TABLE bench_year_from_states (registry text PRIMARY KEY, result text);

DO $$
DECLARE
    started timestamptz := clock_timestamp();
    pairs   integer := perf_eval.refresh_monthly_tallies(2020);
BEGIN
    INSERT INTO bench_partial_state
    VALUES ('refresh: whole year, every month marked', round(extract(epoch FROM clock_timestamp() - started) * 1000, 1), 1,
            pairs);
END $$;

-- A year recomputed from the 12 stored states of every body, both registries.
DO $$
DECLARE
    started timestamptz;
    best    numeric;
    service_result text;
    complaint_result text;
BEGIN
    FOR i IN 1 .. 3 LOOP
        started := clock_timestamp();
        SELECT string_agg(b.code || s.t::text, ';' ORDER BY b.code) INTO service_result
        FROM bench_body AS b, LATERAL (SELECT perf_eval.service_tally_of_year(b.code, 2020) AS t) AS s
        WHERE (s.t).deliveries > 0;
        SELECT string_agg(b.code || c.t::text, ';' ORDER BY b.code) INTO complaint_result
        FROM bench_body AS b, LATERAL (SELECT perf_eval.complaint_tally_of_year(b.code, 2020) AS t) AS c
        WHERE (c.t).considered > 0;
        best := least(best, extract(epoch FROM clock_timestamp() - started) * 1000);
    END LOOP;
    INSERT INTO bench_partial_state VALUES ('year from 12 monthly states, both registries, all bodies (target < 1000 ms)', round(best, 1), 3, NULL);
    INSERT INTO bench_year_from_states VALUES ('service_delivery', service_result), ('complaint_record', complaint_result);
END $$;

-- Re-touching one body's rows of one day (values unchanged) marks one
-- (body, month) pair per registry; the refresh rescans those months only.
CREATE FUNCTION pg_temp.touch_one_month() RETURNS void LANGUAGE sql AS $$
    UPDATE perf_eval.service_delivery SET electronic = electronic WHERE body = 'MF' AND delivered_on = '2020-11-17';
    UPDATE perf_eval.complaint_record SET repeated_satisfied = repeated_satisfied WHERE body = 'MF' AND answered_on = '2020-11-17';
$$;
DO $$
DECLARE
    started timestamptz;
    best    numeric;
    pairs   integer;
BEGIN
    FOR i IN 1 .. 3 LOOP
        PERFORM pg_temp.touch_one_month();
        started := clock_timestamp();
        pairs := perf_eval.refresh_monthly_tallies(2020);
        best := least(best, extract(epoch FROM clock_timestamp() - started) * 1000);
    END LOOP;
    INSERT INTO bench_partial_state VALUES ('refresh: one body''s month changed', round(best, 1), 3, pairs);
END $$;

-- ---------------------------------------------------------------------
-- Identical results, or the bench fails.
-- ---------------------------------------------------------------------
DO $$
DECLARE
    r record;
BEGIN
    -- Every tally variant, serial and parallel, returns the same text.
    FOR r IN SELECT registry, count(DISTINCT result) AS distinct_results,
                    string_agg(variant || ' ' || mode, ', ') AS variants
             FROM bench_result WHERE variant IN ('perf_eval scan', 'perf_eval aggregate', 'plain SQL', 'PL/pgSQL') GROUP BY registry
             UNION ALL
             SELECT registry || ' (total)', count(DISTINCT result), string_agg(variant || ' ' || mode, ', ')
             FROM bench_result WHERE variant LIKE '% total' GROUP BY registry LOOP
        IF r.distinct_results <> 1 THEN
            RAISE EXCEPTION 'bench: % variants returned different results (%)', r.registry, r.variants;
        END IF;
    END LOOP;
    -- Serial and parallel count(*) agree.
    IF EXISTS (SELECT 1 FROM bench_result WHERE variant LIKE 'count(*)%'
               GROUP BY registry, variant HAVING count(DISTINCT result) <> 1) THEN
        RAISE EXCEPTION 'bench: serial and parallel count(*) differ';
    END IF;
    -- Deliveries per body equal count(*) per body; their sum is the scanned rows.
    IF (SELECT string_agg(body || '(' || split_part(tally, ',', 1) || ')', ';' ORDER BY body)
        FROM (SELECT split_part(x, '(', 1) AS body, substr(x, strpos(x, '(') + 1) AS tally
              FROM bench_result, unnest(string_to_array(result, ';')) AS x
              WHERE registry = 'service_delivery' AND variant = 'perf_eval scan' AND mode = 'serial') AS s)
       IS DISTINCT FROM
       (SELECT result FROM bench_result WHERE registry = 'service_delivery' AND variant = 'count(*) by body' AND mode = 'serial') THEN
        RAISE EXCEPTION 'bench: deliveries per body differ from count(*) per body';
    END IF;
    -- The year from monthly partial states equals the aggregate over the rows.
    FOR r IN SELECT y.registry FROM bench_year_from_states AS y
             JOIN bench_result AS b ON b.registry = y.registry AND b.variant = 'perf_eval aggregate' AND b.mode = 'serial'
             WHERE y.result IS DISTINCT FROM b.result LOOP
        RAISE EXCEPTION 'bench: % year from monthly states differs from the aggregate over the rows', r.registry;
    END LOOP;
    IF (SELECT count(*) FROM bench_year_from_states) <> 2 THEN
        RAISE EXCEPTION 'bench: the year from monthly states was not computed';
    END IF;
END $$;

-- ---------------------------------------------------------------------
-- The report.
-- ---------------------------------------------------------------------
\set QUIET off
\pset footer off
\echo
\echo 'Throughput (best of 5 runs, PL/pgSQL of 3; M rows/s = million registry rows scanned per second)'
SELECT s.registry, s.variant,
       round(s.row_count / s.best_ms / 1000, 2) AS "serial M rows/s",
       round(p.row_count / p.best_ms / 1000, 2) AS "parallel M rows/s",
       s.best_ms AS "serial ms", p.best_ms AS "parallel ms", p.workers AS "workers",
       round(s.best_ms / p.best_ms, 2) AS "parallel/serial"
FROM bench_result AS s JOIN bench_result AS p USING (registry, variant)
WHERE s.mode = 'serial' AND p.mode = 'parallel'
ORDER BY s.registry DESC, array_position(ARRAY['count(*) scan', 'count(*) by body', 'perf_eval scan', 'perf_eval aggregate', 'plain SQL', 'PL/pgSQL', 'perf_eval aggregate total', 'plain SQL total', 'PL/pgSQL total'], s.variant);

\echo 'Ratios of throughput, perf_eval against each alternative on the same rows (grouped by body; "total": no grouping)'
WITH t AS (SELECT registry, variant, mode, row_count / best_ms AS speed FROM bench_result),
     pair(ours, against, target) AS (VALUES
        ('perf_eval scan', 'count(*) scan', '>= 0.75'),
        ('perf_eval scan', 'count(*) by body', ''),
        ('perf_eval scan', 'plain SQL', '>= 1.2'),
        ('perf_eval scan', 'PL/pgSQL', '>= 10 serial'),
        ('perf_eval aggregate', 'count(*) scan', ''),
        ('perf_eval aggregate', 'count(*) by body', ''),
        ('perf_eval aggregate', 'plain SQL', ''),
        ('perf_eval aggregate', 'PL/pgSQL', ''),
        ('perf_eval aggregate total', 'count(*) scan', ''),
        ('perf_eval aggregate total', 'plain SQL total', ''),
        ('perf_eval aggregate total', 'PL/pgSQL total', ''))
SELECT o.registry, p.ours || ' / ' || p.against AS ratio,
       round(max(o.speed / a.speed) FILTER (WHERE o.mode = 'serial'), 2) AS serial,
       round(max(o.speed / a.speed) FILTER (WHERE o.mode = 'parallel'), 2) AS parallel,
       p.target
FROM pair AS p JOIN t AS o ON o.variant = p.ours JOIN t AS a ON a.variant = p.against AND a.registry = o.registry AND a.mode = o.mode
GROUP BY o.registry, p.ours, p.against, p.target
ORDER BY o.registry DESC, array_position(ARRAY['perf_eval scan', 'perf_eval aggregate', 'perf_eval aggregate total'], min(p.ours)), array_position(ARRAY['count(*) scan', 'count(*) by body', 'plain SQL', 'PL/pgSQL',
                                                           'plain SQL total', 'PL/pgSQL total'], p.against);

\echo 'Parallel (workers per gather: ':parallel_workers', and the leader) over serial, perf_eval'
SELECT registry, variant, round(s.best_ms / p.best_ms, 2) AS "parallel/serial",
       CASE variant WHEN 'perf_eval scan' THEN '>= 1.8' ELSE '' END AS target
FROM bench_result AS s JOIN bench_result AS p USING (registry, variant)
WHERE s.mode = 'serial' AND p.mode = 'parallel' AND variant LIKE 'perf_eval%'
ORDER BY registry DESC, variant;

\echo 'Monthly partial states (year 2020, all bodies; refreshes use up to 2 workers)'
SELECT measure, best_ms AS "best ms", runs, coalesce(rescanned, '') AS "pairs rescanned"
FROM bench_partial_state ORDER BY best_ms DESC;
\echo 'Every variant returned identical results (serial, parallel, plain SQL, PL/pgSQL, monthly partial states).'
