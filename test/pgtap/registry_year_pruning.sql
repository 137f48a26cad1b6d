-- A registry keeps every year; the one-pass scan of a year (or of a changed
-- month) reads only the blocks its block-range index says can hold those
-- dates (issue 21, item 4), and counts exactly what the aggregate counts.
-- Blocks read are measured by the tuples the scan visits
-- (pg_stat_get_xact_tuples_returned), serially (workers => 0) so that every
-- visit is this backend's.
BEGIN;
SELECT plan(9);

-- Two years appended in date order, as registries are: 2041 first, then 2042,
-- 400 deliveries a day over three bodies, into an empty heap (earlier tests'
-- rolled-back rows leave free space that a vacuum would hand to these rows
-- out of date order).
TRUNCATE perf_eval.service_delivery;
INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, electronic, quality_appeal_justified,
                                        body, service_code)
SELECT date '2041-01-01' + i / 400, i % 11 = 0, i % 3 <> 0, i % 97 = 0,
       (ARRAY['MF', 'MJ', 'MH'])[1 + i % 3], 'S' || i % 7
FROM generate_series(0, 730 * 400 - 1) AS i;
SELECT cmp_ok(pg_catalog.brin_summarize_new_values('perf_eval.service_delivery_delivered_on'), '>', 0,
              'the block-range index summarises the two years');

CREATE TEMP TABLE visits (label text PRIMARY KEY, tuples bigint);
CREATE TEMP TABLE scanned (label text, body text, month date, tally perf_eval.service_tally);
CREATE FUNCTION pg_temp.tuples_visited(from_day date, to_day date, label text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    before bigint := pg_catalog.pg_stat_get_xact_tuples_returned('perf_eval.service_delivery'::regclass);
BEGIN
    INSERT INTO scanned SELECT label, t.* FROM perf_eval.service_tallies_by_month(from_day, to_day, 0) AS t;
    INSERT INTO visits VALUES (label, pg_catalog.pg_stat_get_xact_tuples_returned('perf_eval.service_delivery'::regclass) - before);
END
$$;
SELECT pg_temp.tuples_visited('2042-01-01', '2043-01-01', 'year 2042');
SELECT pg_temp.tuples_visited('2042-03-01', '2042-04-01', 'March 2042');

SELECT results_eq(
    $$SELECT body, month, tally FROM scanned WHERE label IN ('year 2042', 'March 2042') ORDER BY body, month$$,
    $$SELECT body, month, tally FROM (
          SELECT r.body, date_trunc('month', r.delivered_on::timestamp)::date AS month,
                 perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal, r.incomplete_package,
                                             r.extra_documents, r.electronic, r.quality_appeal_justified) AS tally
          FROM perf_eval.service_delivery AS r
          WHERE r.delivered_on >= '2042-01-01' AND r.delivered_on < '2043-01-01' GROUP BY 1, 2
          UNION ALL
          SELECT r.body, date_trunc('month', r.delivered_on::timestamp)::date,
                 perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal, r.incomplete_package,
                                             r.extra_documents, r.electronic, r.quality_appeal_justified)
          FROM perf_eval.service_delivery AS r
          WHERE r.delivered_on >= '2042-03-01' AND r.delivered_on < '2042-04-01' GROUP BY 1, 2) AS a
      ORDER BY body, month$$,
    'the pruned scans of a year and of a month count what the aggregate counts');

-- What a scan must at least visit, and what the whole registry holds.
CREATE TEMP TABLE extent AS
SELECT count(*) FILTER (WHERE delivered_on >= '2042-01-01' AND delivered_on < '2043-01-01') AS year_rows,
       count(*) FILTER (WHERE delivered_on >= '2042-03-01' AND delivered_on < '2042-04-01') AS month_rows,
       count(*) AS all_rows
FROM perf_eval.service_delivery;

SELECT cmp_ok((SELECT tuples FROM visits WHERE label = 'year 2042'), '>=', (SELECT year_rows FROM extent),
              'the year''s scan visits every row of the year');
SELECT cmp_ok((SELECT tuples FROM visits WHERE label = 'year 2042')::numeric / (SELECT all_rows FROM extent), '<', 0.6,
              'the year''s scan skips the other year''s blocks (visits little more than half of two years)');
SELECT cmp_ok((SELECT tuples FROM visits WHERE label = 'March 2042'), '>=', (SELECT month_rows FROM extent),
              'a month''s scan visits every row of the month');
SELECT cmp_ok((SELECT tuples FROM visits WHERE label = 'March 2042')::numeric / (SELECT year_rows FROM extent), '<', 0.2,
              'a month''s scan costs about its share of the year, not the year');

-- In parallel the participants share the same chunks: the same tallies.
SELECT results_eq(
    $$SELECT body, month, tally FROM perf_eval.service_tallies_by_month('2042-01-01', '2043-01-01', 2) ORDER BY 1, 2$$,
    $$SELECT body, month, tally FROM perf_eval.service_tallies_by_month('2042-01-01', '2043-01-01', 0) ORDER BY 1, 2$$,
    'two workers and the leader count what one backend counts');

-- Without the index every block is read (and the tallies stay the same).
DROP INDEX perf_eval.service_delivery_delivered_on;
SELECT pg_temp.tuples_visited('2042-01-01', '2043-01-01', 'year 2042, no index');
SELECT is((SELECT tuples FROM visits WHERE label = 'year 2042, no index'), (SELECT all_rows FROM extent),
          'without a block-range index on the date the scan reads every row');
SELECT results_eq(
    $$SELECT body, month, tally FROM scanned WHERE label = 'year 2042, no index' ORDER BY 1, 2$$,
    $$SELECT body, month, tally FROM scanned WHERE label = 'year 2042' ORDER BY 1, 2$$,
    'and counts what the pruned scan counted');

SELECT * FROM finish();
ROLLBACK;
