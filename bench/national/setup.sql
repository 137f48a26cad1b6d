-- National bench, after the demo's setup and inputs (demo/setup.sql,
-- demo/inputs/*.sql, loaded as `make demo` loads them): the registries become
-- the source of the complaint and service counts, and the bench's own tables
-- and helpers. Nothing here is part of the extension.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

-- The demo supplies yearly complaint and service counts; a body's loaded
-- counts win over its registry rows, so they go: every body's counts of
-- 2020 (and 2021) are then merged from the monthly states of the generated
-- registries. Every other input of every block stays as the demo loads it.
DELETE FROM perf_eval.complaint_counts WHERE year >= 2020;
DELETE FROM perf_eval.service_counts WHERE year >= 2020;
TRUNCATE perf_eval.service_delivery, perf_eval.complaint_record,
         perf_eval.service_tally_monthly, perf_eval.complaint_tally_monthly, perf_eval.registry_dirty_month;

-- The bodies rows are generated for: every body of the registry, in code order.
CREATE TABLE bench_body_code AS
SELECT array_agg(code ORDER BY code) AS codes, count(*)::integer AS n FROM perf_eval.body;

-- One row per timed run. ms: wall clock of the statement in its own session;
-- the memory columns: /proc/<backend>/status of that session afterwards
-- (VmHWM is the peak resident set, shared buffers it touched included;
-- RssShmem the shared memory mapped by then, RssAnon its private memory).
CREATE TABLE bench_measure (
    phase        text NOT NULL,
    measure      text NOT NULL,
    run          integer NOT NULL,
    ms           numeric NOT NULL,
    result       text,
    vm_hwm_kb    bigint,
    rss_shmem_kb bigint,
    rss_anon_kb  bigint,
    PRIMARY KEY (phase, measure, run)
);
-- Generation, disk and peak memory of the parallel workers, per phase.
CREATE TABLE bench_phase_fact (phase text NOT NULL, fact text NOT NULL, value numeric NOT NULL,
                               PRIMARY KEY (phase, fact));

CREATE FUNCTION bench_proc_status(field text) RETURNS bigint LANGUAGE sql AS $$
    SELECT (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'), field || ':\s+(\d+) kB'))[1]::bigint
$$;

CREATE FUNCTION bench_record(phase text, measure text, run integer, ms numeric, result text DEFAULT NULL)
RETURNS void LANGUAGE sql AS $$
    INSERT INTO bench_measure
    VALUES (phase, measure, run, ms, nullif(result, ''),
            bench_proc_status('VmHWM'), bench_proc_status('RssShmem'), bench_proc_status('RssAnon'))
$$;

-- Every (registry, body, month) of a year marked changed: what a load of the
-- year's rows marks (the generator runs without the change triggers).
CREATE FUNCTION bench_mark_year(year integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
    SELECT r.registry, b.code, make_date(year, m, 1)
    FROM (VALUES ('service_delivery'), ('complaint_record')) AS r(registry),
         perf_eval.body AS b, generate_series(1, 12) AS m
$$;

-- The state before a full recalculation: the year was never calculated (no
-- run, so none to be "unchanged" against) and no monthly state of it exists,
-- every one of its (registry, body, month) pairs is marked. The recalculation
-- then refreshes every month of both registries and computes every block.
CREATE FUNCTION bench_prepare_full(year integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM perf_eval.run AS r WHERE r.year = bench_prepare_full.year;
    DELETE FROM perf_eval.service_tally_monthly AS m
    WHERE m.month >= make_date(year, 1, 1) AND m.month < make_date(year + 1, 1, 1);
    DELETE FROM perf_eval.complaint_tally_monthly AS m
    WHERE m.month >= make_date(year, 1, 1) AND m.month < make_date(year + 1, 1, 1);
    DELETE FROM perf_eval.registry_dirty_month AS d
    WHERE d.month >= make_date(year, 1, 1) AND d.month < make_date(year + 1, 1, 1);
    PERFORM bench_mark_year(year);
END $$;

-- :n new rows of one body (MF) in one month (November 2020), through the
-- registries' change triggers as a load would; seeded by :seed so every
-- call adds different rows.
CREATE FUNCTION bench_add_deliveries(n integer, seed integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, electronic, body, service_code)
    SELECT date '2020-11-01' + (g + seed) % 30, (g + seed) % 97 = 0, (g + seed) % 5 <> 0, 'MF', 'S0001'
    FROM generate_series(1, n) AS g
$$;
CREATE FUNCTION bench_add_complaints(n integer, seed integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO perf_eval.complaint_record (received_on, deadline, repeated_satisfied, answered_on, body)
    SELECT date '2020-11-01' + (g + seed) % 10, date '2020-11-16' + (g + seed) % 10, (g + seed) % 89 = 0,
           date '2020-11-05' + (g + seed) % 20, 'MF'
    FROM generate_series(1, n) AS g
$$;

-- The queries timed against the recalculation, each returning one text
-- column `result`, run as they are (a PL/pgSQL SELECT INTO would never use
-- parallel workers; these may, as the planner chooses):
--   plain SQL: what a user would otherwise write, the year's counts per body
--              in the text form of perf_eval's tallies (compared with them);
--   count(*):  the bare scan of the year's rows, the floor.
CREATE TABLE bench_query (measure text PRIMARY KEY, registry text NOT NULL, query text NOT NULL);
INSERT INTO bench_query VALUES
('plain SQL GROUP BY body: deliveries', 'service_delivery',
 $q$SELECT string_agg(body || format('(%s,%s,%s,%s,%s,%s,%s)', n, dv, ur, ip, ed, el, qa), ';' ORDER BY body) AS result
    FROM (SELECT body, count(*) AS n, count(*) FILTER (WHERE deadline_violated) AS dv,
                 count(*) FILTER (WHERE unreasonable_refusal) AS ur, count(*) FILTER (WHERE incomplete_package) AS ip,
                 count(*) FILTER (WHERE extra_documents) AS ed, count(*) FILTER (WHERE electronic) AS el,
                 count(*) FILTER (WHERE quality_appeal_justified) AS qa
          FROM perf_eval.service_delivery
          WHERE delivered_on >= '2020-01-01' AND delivered_on < '2021-01-01'
          GROUP BY body) AS s$q$),
('plain SQL GROUP BY body: complaints', 'complaint_record',
 $q$SELECT string_agg(body || format('(%s,%s,%s,%s,%s,%s)', p, f, a, c, n, d), ';' ORDER BY body) AS result
    FROM (SELECT body, count(*) AS p, count(*) FILTER (WHERE answered_on > deadline) AS f,
                 count(*) FILTER (WHERE court_satisfied) AS a, count(*) FILTER (WHERE higher_authority_satisfied) AS c,
                 count(*) FILTER (WHERE repeated_satisfied) AS n,
                 count(*) FILTER (WHERE answered_on > deadline AND disciplinary_action) AS d
          FROM perf_eval.complaint_record
          WHERE answered_on >= '2020-01-01' AND answered_on < '2021-01-01'
          GROUP BY body) AS s$q$),
('count(*): deliveries', 'service_delivery',
 $q$SELECT count(*)::text AS result FROM perf_eval.service_delivery
    WHERE delivered_on >= '2020-01-01' AND delivered_on < '2021-01-01'$q$),
('count(*): complaints', 'complaint_record',
 $q$SELECT count(*)::text AS result FROM perf_eval.complaint_record
    WHERE answered_on >= '2020-01-01' AND answered_on < '2021-01-01'$q$);

-- perf_eval's year tallies of 2020, in the same text form (after a refresh).
CREATE FUNCTION bench_perf_eval_tallies(registry text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE registry
           WHEN 'service_delivery' THEN
               (SELECT string_agg(c.body || format('(%s,%s,%s,%s,%s,%s,%s)', c.deliveries, c.deadline_violations,
                                                   c.unreasonable_refusals, c.incomplete_package, c.extra_documents,
                                                   c.electronic, c.quality_appeals_justified), ';' ORDER BY c.body)
                FROM perf_eval.service_counts_of_year(2020) AS c)
           ELSE (SELECT string_agg(t.body || t.tally::text, ';' ORDER BY t.body) FROM perf_eval.complaint_tallies(2020) AS t)
           END
$$;
