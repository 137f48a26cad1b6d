-- complaint_tally_agg gives the same exact counts serially, under forced
-- parallelism (workers doing all the work), from stored partial states, and
-- as an independent plain-SQL count (METHODOLOGY §7.2).
BEGIN;
SELECT plan(14);

-- 120 000 complaint records over 41 bodies; some flags NULL (counted as false).
CREATE TABLE parallel_complaint_records AS
SELECT g AS id,
       'B' || lpad((g % 41)::text, 2, '0') AS body,
       date '2020-01-01' + (g % 366) AS deadline,
       CASE WHEN g % 97 = 0 THEN NULL ELSE date '2020-01-01' + (g % 366) + (g % 11) - 8 END AS answered_on,
       CASE WHEN g % 13 = 0 THEN NULL ELSE g % 11 > 8 END AS late,
       g % 1009 = 0 AS court_satisfied,
       g % 757 = 0 AS higher_authority_satisfied,
       CASE WHEN g % 17 = 0 THEN NULL ELSE g % 53 = 0 END AS repeated_satisfied,
       g % 3 = 0 AS disciplinary_action
FROM generate_series(1, 120000) AS g;
ALTER TABLE parallel_complaint_records SET (parallel_workers = 4);
ANALYZE parallel_complaint_records;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

-- Independent oracle: plain SQL counts.
SELECT format('(%s,%s,%s,%s,%s,%s)',
              count(*), count(*) FILTER (WHERE late), count(*) FILTER (WHERE court_satisfied),
              count(*) FILTER (WHERE higher_authority_satisfied), count(*) FILTER (WHERE repeated_satisfied),
              count(*) FILTER (WHERE late AND disciplinary_action)) AS oracle_total
FROM parallel_complaint_records \gset
SELECT string_agg(format('%s(%s,%s,%s,%s,%s,%s)', body,
              n, f, a, c, r, d), ';' ORDER BY body) AS oracle_by_body
FROM (SELECT body, count(*) AS n, count(*) FILTER (WHERE late) AS f,
             count(*) FILTER (WHERE court_satisfied) AS a, count(*) FILTER (WHERE higher_authority_satisfied) AS c,
             count(*) FILTER (WHERE repeated_satisfied) AS r, count(*) FILTER (WHERE late AND disciplinary_action) AS d
      FROM parallel_complaint_records GROUP BY body) AS s \gset

-- Serial.
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)::text AS serial_total
FROM parallel_complaint_records \gset
SELECT string_agg(body || t::text, ';' ORDER BY body) AS serial_by_body
FROM (SELECT body, perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                                 repeated_satisfied, disciplinary_action) AS t
      FROM parallel_complaint_records GROUP BY body) AS s \gset
SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)::text AS serial_sparse
FROM parallel_complaint_records WHERE id % 12000000 <= 10 \gset
SELECT perf_eval.complaint_tally_agg(deadline, answered_on, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)::text AS serial_dated
FROM parallel_complaint_records \gset

-- Forced parallel: every plan is parallel and the leader does not scan.
SET LOCAL max_parallel_workers_per_gather = 4;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;

SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)::text AS parallel_total
FROM parallel_complaint_records \gset
SELECT string_agg(body || t::text, ';' ORDER BY body) AS parallel_by_body
FROM (SELECT body, perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                                 repeated_satisfied, disciplinary_action) AS t
      FROM parallel_complaint_records GROUP BY body) AS s \gset
SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)::text AS parallel_sparse
FROM parallel_complaint_records WHERE id % 12000000 <= 10 \gset
SELECT perf_eval.complaint_tally_agg(deadline, answered_on, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)::text AS parallel_dated
FROM parallel_complaint_records \gset

SELECT matches(pg_temp.plan_of($$SELECT perf_eval.complaint_tally_agg(late, court_satisfied,
                  higher_authority_satisfied, repeated_satisfied, disciplinary_action) FROM parallel_complaint_records$$),
               'Workers Launched: [1-9](.|\n)*Partial Aggregate',
               'the whole-table tally runs as a partial aggregate in launched workers');
SELECT matches(pg_temp.plan_of($$SELECT perf_eval.complaint_tally_agg(late, court_satisfied,
                  higher_authority_satisfied, repeated_satisfied, disciplinary_action)
                  FROM parallel_complaint_records WHERE id % 12000000 <= 10$$),
               'Workers Launched: [2-9](.|\n)*Partial Aggregate',
               'the sparse tally (10 rows, all in the first page, over 4 workers: most see none) is parallel too');

SELECT is(:'serial_total'::text, :'oracle_total'::text, 'serial tally equals plain-SQL counts');
SELECT is(:'parallel_total'::text, :'serial_total'::text, 'forced-parallel tally equals the serial tally');
SELECT is(:'serial_by_body'::text, :'oracle_by_body'::text, 'serial per-body tallies equal plain-SQL counts');
SELECT is(:'parallel_by_body'::text, :'serial_by_body'::text, 'forced-parallel per-body tallies equal the serial ones');
SELECT is(:'parallel_sparse'::text, :'serial_sparse'::text, 'workers with no rows combine as empty states');
SELECT is(:'serial_sparse'::text,
          (SELECT format('(%s,%s,%s,%s,%s,%s)', count(*), count(*) FILTER (WHERE late),
                         count(*) FILTER (WHERE court_satisfied), count(*) FILTER (WHERE higher_authority_satisfied),
                         count(*) FILTER (WHERE repeated_satisfied), count(*) FILTER (WHERE late AND disciplinary_action))
           FROM parallel_complaint_records WHERE id <= 10),
          'the sparse case counts exactly its 10 rows');
SELECT is(:'parallel_dated'::text, :'serial_dated'::text, 'dated form: forced-parallel equals serial');

-- Dated form: answered_on > deadline is late, unanswered rows are skipped.
SELECT is(:'serial_dated'::text,
          (SELECT format('(%s,%s,%s,%s,%s,%s)', count(*), count(*) FILTER (WHERE answered_on > deadline),
                         count(*) FILTER (WHERE court_satisfied), count(*) FILTER (WHERE higher_authority_satisfied),
                         count(*) FILTER (WHERE repeated_satisfied),
                         count(*) FILTER (WHERE answered_on > deadline AND disciplinary_action))
           FROM parallel_complaint_records WHERE answered_on IS NOT NULL),
          'dated form counts answered rows, late when answered after the deadline');

-- Monthly partial states merge back to the yearly tally, serially and in parallel.
CREATE TABLE parallel_monthly_tallies AS
SELECT body, extract(month FROM deadline) AS month,
       perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action) AS tally
FROM parallel_complaint_records GROUP BY 1, 2;
SELECT is((SELECT perf_eval.complaint_tally_merge_agg(tally)::text FROM parallel_monthly_tallies), :'serial_total'::text,
          'merging 12 monthly partial states per body gives the yearly tally');
SELECT is((SELECT perf_eval.complaint_tally_merge_agg(tally::text::perf_eval.complaint_tally)::text FROM parallel_monthly_tallies),
          :'serial_total'::text, 'partial states survive a text round trip');

-- No rows: a zero tally, like count(*).
SELECT is((SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                                repeated_satisfied, disciplinary_action)::text
           FROM parallel_complaint_records WHERE false), '(0,0,0,0,0,0)', 'an empty input gives a zero tally');
SELECT throws_ok($$SELECT perf_eval.complaint_tally_merge_agg(t) FROM (VALUES ('(5,6,0,0,0,0)'::perf_eval.complaint_tally)) AS v(t)$$,
                 '22023', NULL, 'a partial state with late > considered is refused');

SELECT * FROM finish();
ROLLBACK;
