-- service_tally_agg gives the same exact counts serially, under forced
-- parallelism (workers doing all the work, most of them seeing no rows in
-- the sparse case), from stored monthly partial states, after a text round
-- trip of those states, and as an independent plain-SQL count (METHODOLOGY §7.2).
BEGIN;
SELECT plan(15);

-- 1 000 000 deliveries over 41 bodies and 12 months; some flags NULL (counted as false).
CREATE TABLE parallel_service_deliveries AS
SELECT g AS id,
       'B' || lpad((g % 41)::text, 2, '0') AS body,
       1 + g % 12 AS month,
       CASE WHEN g % 13 = 0 THEN NULL ELSE g % 97 = 0 END AS deadline_violated,
       g % 3001 = 0 AS unreasonable_refusal,
       CASE WHEN g % 17 = 0 THEN NULL ELSE g % 1499 = 0 END AS incomplete_package,
       g % 211 = 0 AS extra_documents,
       CASE WHEN g % 19 = 0 THEN NULL ELSE g % 7 <> 0 END AS electronic,
       g % 4999 = 0 AS quality_appeal_justified
FROM generate_series(1, 1000000) AS g;
ALTER TABLE parallel_service_deliveries SET (parallel_workers = 4);
ANALYZE parallel_service_deliveries;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

-- Independent oracle: plain SQL counts per body; the total is their sum.
CREATE TEMP TABLE oracle AS
SELECT body, count(*) AS n, count(*) FILTER (WHERE deadline_violated) AS dv,
       count(*) FILTER (WHERE unreasonable_refusal) AS ur, count(*) FILTER (WHERE incomplete_package) AS ip,
       count(*) FILTER (WHERE extra_documents) AS ed, count(*) FILTER (WHERE electronic) AS el,
       count(*) FILTER (WHERE quality_appeal_justified) AS qa
FROM parallel_service_deliveries GROUP BY body;
SELECT format('(%s,%s,%s,%s,%s,%s,%s)', sum(n), sum(dv), sum(ur), sum(ip), sum(ed), sum(el), sum(qa)) AS oracle_total,
       string_agg(format('%s(%s,%s,%s,%s,%s,%s,%s)', body, n, dv, ur, ip, ed, el, qa), ';' ORDER BY body) AS oracle_by_body
FROM oracle \gset

-- Serial.
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)::text AS serial_total
FROM parallel_service_deliveries \gset
SELECT string_agg(body || t::text, ';' ORDER BY body) AS serial_by_body
FROM (SELECT body, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                               extra_documents, electronic, quality_appeal_justified) AS t
      FROM parallel_service_deliveries GROUP BY body) AS s \gset
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)::text AS serial_sparse
FROM parallel_service_deliveries WHERE id % 100000000 <= 10 \gset

-- Monthly partial states, kept as their composite type.
CREATE TABLE parallel_monthly_service_states AS
SELECT body, month, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                                extra_documents, electronic, quality_appeal_justified) AS tally
FROM parallel_service_deliveries GROUP BY body, month;

-- Forced parallel: every plan is parallel and the leader does not scan.
SET LOCAL max_parallel_workers_per_gather = 4;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;

SELECT string_agg(body || t::text, ';' ORDER BY body) AS parallel_by_body
FROM (SELECT body, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                               extra_documents, electronic, quality_appeal_justified) AS t
      FROM parallel_service_deliveries GROUP BY body) AS s \gset

SELECT matches(pg_temp.plan_of($$SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal,
                  incomplete_package, extra_documents, electronic, quality_appeal_justified)
                  FROM parallel_service_deliveries$$),
               'Workers Launched: [1-9](.|\n)*Partial Aggregate',
               'the whole-table tally runs as a partial aggregate in launched workers');
SELECT matches(pg_temp.plan_of($$SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal,
                  incomplete_package, extra_documents, electronic, quality_appeal_justified)
                  FROM parallel_service_deliveries WHERE id % 100000000 <= 10$$),
               'Workers Launched: [2-9](.|\n)*Partial Aggregate',
               'the sparse tally (10 rows, all in the first page, over 4 workers: most see none) is parallel too');
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)::text AS parallel_total
FROM parallel_service_deliveries \gset
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)::text AS parallel_sparse
FROM parallel_service_deliveries WHERE id % 100000000 <= 10 \gset

SELECT is(:'serial_total'::text, :'oracle_total'::text, 'serial tally of 1 000 000 rows equals plain-SQL counts');
SELECT is(:'parallel_total'::text, :'serial_total'::text, 'forced-parallel tally equals the serial tally');
SELECT is(:'serial_by_body'::text, :'oracle_by_body'::text, 'serial per-body tallies equal plain-SQL counts');
SELECT is(:'parallel_by_body'::text, :'serial_by_body'::text, 'forced-parallel per-body tallies equal the serial ones');
SELECT is(:'parallel_sparse'::text, :'serial_sparse'::text, 'workers with no rows combine as empty states');
SELECT is(:'serial_sparse'::text,
          (SELECT format('(%s,%s,%s,%s,%s,%s,%s)', count(*), count(*) FILTER (WHERE deadline_violated),
                         count(*) FILTER (WHERE unreasonable_refusal), count(*) FILTER (WHERE incomplete_package),
                         count(*) FILTER (WHERE extra_documents), count(*) FILTER (WHERE electronic),
                         count(*) FILTER (WHERE quality_appeal_justified))
           FROM parallel_service_deliveries WHERE id <= 10),
          'the sparse case counts exactly its 10 rows');

-- Merging the 12 monthly states of each body gives the yearly tallies, in parallel too.
SELECT is((SELECT perf_eval.service_tally_merge_agg(tally)::text FROM parallel_monthly_service_states), :'serial_total'::text,
          'merging the monthly partial states gives the yearly tally');
SELECT is((SELECT string_agg(body || t::text, ';' ORDER BY body)
           FROM (SELECT body, perf_eval.service_tally_merge_agg(tally) AS t FROM parallel_monthly_service_states GROUP BY body) AS s),
          :'serial_by_body'::text, 'merging 12 monthly states per body gives each body''s yearly tally');
SELECT is((SELECT count(*) FROM parallel_monthly_service_states), 41 * 12::bigint, 'there are 12 monthly states per body');
SELECT is((SELECT perf_eval.service_tally_merge_agg(tally::text::perf_eval.service_tally)::text FROM parallel_monthly_service_states),
          :'serial_total'::text, 'partial states survive a text round trip');
SELECT is((SELECT count(*) FROM parallel_monthly_service_states WHERE tally::text::perf_eval.service_tally IS DISTINCT FROM tally), 0::bigint,
          'every partial state reads back equal to itself from its text');

-- No rows: a zero tally, like count(*); an inconsistent state is refused.
SELECT is((SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                              extra_documents, electronic, quality_appeal_justified)::text
           FROM parallel_service_deliveries WHERE false), '(0,0,0,0,0,0,0)', 'an empty input gives a zero tally');
SELECT throws_ok($$SELECT perf_eval.service_tally_merge_agg(t) FROM (VALUES ('(5,0,6,0,0,0,0)'::perf_eval.service_tally)) AS v(t)$$,
                 '22023', NULL, 'a partial state with a part above deliveries is refused');

SELECT * FROM finish();
ROLLBACK;
