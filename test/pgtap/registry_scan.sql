-- The registry scan (service_tallies_by_month, complaint_tallies_by_month)
-- reads the heap directly; whatever path a row takes through it (fixed
-- offsets, rows with NULLs or a dropped column, short, long and toast-sized
-- body codes, several workers), its tallies must equal those of the
-- aggregates over the same rows, grouped by body and month
-- (METHODOLOGY §7.1, §7.2).
BEGIN;
SELECT plan(20);

SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;

-- Body codes that exercise every way the scan matches a body: 1-3, 4-7,
-- 8-16 bytes (held as words), 17 bytes (compared byte by byte), codes that
-- differ only in their last byte, and one too long for a 1-byte header.
CREATE TEMP TABLE scan_body (code text) ON COMMIT DROP;
INSERT INTO scan_body VALUES ('MF'), ('A'), ('ABC'), ('ABCD'), ('ABCDEFG'), ('ABCDEFGH'),
    ('ABCDEFGHIJKLMNOP'), ('ABCDEFGHIJKLMNOPQ'), ('ABCDEFGHIJKLMNOPR'), ('ABCDEFGHX'), ('ABCDEFGHY'),
    (repeat('LONG', 50));

-- 120 000 deliveries from mid-December 2019 to mid-January 2021, flags
-- hashed from the row number, bodies in turn.
INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, unreasonable_refusal, incomplete_package,
                                        extra_documents, electronic, quality_appeal_justified, body, service_code)
SELECT date '2019-12-15' + (g % 397), h % 7 = 0, h % 11 = 0, h % 13 = 0, h % 17 = 0, h % 3 <> 0, h % 19 = 0,
       b.codes[1 + g % b.n], 'S' || (h % 50)
FROM (SELECT array_agg(code ORDER BY code) AS codes, count(*)::integer AS n FROM scan_body) AS b,
     LATERAL (SELECT g, hashint4(g) & 2147483647 AS h FROM generate_series(1, 120000) AS g) AS r;

-- 40 000 complaints; every 10th not yet answered, some late.
INSERT INTO perf_eval.complaint_record (received_on, deadline, court_satisfied, higher_authority_satisfied,
                                        repeated_satisfied, disciplinary_action, answered_on, body)
SELECT d, d + 15, h % 23 = 0, h % 29 = 0, h % 5 = 0, h % 2 = 0,
       CASE WHEN g % 10 = 0 THEN NULL ELSE d + (h % 20) END, b.codes[1 + g % b.n]
FROM (SELECT array_agg(code ORDER BY code) AS codes, count(*)::integer AS n FROM scan_body) AS b,
     LATERAL (SELECT g, date '2019-12-01' + (g % 400) AS d, hashint4(-g) & 2147483647 AS h
              FROM generate_series(1, 40000) AS g) AS r;

-- Rows written after a column was added and dropped store a NULL for it,
-- so they go through the scan's general (NULL-aware) path.
ALTER TABLE perf_eval.service_delivery ADD COLUMN scan_test_extra integer;
ALTER TABLE perf_eval.service_delivery DROP COLUMN scan_test_extra;
INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, electronic, body, service_code)
SELECT date '2020-06-01' + (g % 30), g % 2 = 0, true, 'ABCD', 'S1' FROM generate_series(1, 1000) AS g;

-- Deleted rows are not counted (the statement's snapshot decides).
WITH deleted AS (DELETE FROM perf_eval.service_delivery WHERE body = 'ABC' AND delivered_on = date '2020-03-03' RETURNING 1)
SELECT count(*) AS deleted_rows FROM deleted \gset

CREATE TEMP VIEW service_by_aggregate AS
SELECT body, date_trunc('month', delivered_on)::date AS month,
       perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified) AS tally
FROM perf_eval.service_delivery
WHERE delivered_on >= date '2020-01-01' AND delivered_on < date '2021-01-01'
GROUP BY 1, 2;

CREATE TEMP VIEW complaint_by_aggregate AS
SELECT body, date_trunc('month', answered_on)::date AS month,
       perf_eval.complaint_tally_agg(deadline, answered_on, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action) AS tally
FROM perf_eval.complaint_record
WHERE answered_on >= date '2020-01-01' AND answered_on < date '2021-01-01'
GROUP BY 1, 2;

SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01', 0)$$,
              $$SELECT body, month, tally::text FROM service_by_aggregate$$,
              'deliveries: the serial scan equals service_tally_agg grouped by body and month');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01', 2)$$,
              $$SELECT body, month, tally::text FROM service_by_aggregate$$,
              'deliveries: the scan with 2 workers equals the aggregate');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01')$$,
              $$SELECT body, month, tally::text FROM service_by_aggregate$$,
              'deliveries: the scan with the planner''s number of workers equals the aggregate');
SELECT is((SELECT count(DISTINCT body) FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01', 0)),
          12::bigint, 'all 12 body codes are told apart, whatever their length');
SELECT is((SELECT (tally).deliveries FROM perf_eval.service_tallies_by_month('2020-06-01', '2020-07-01', 0)
           WHERE body = 'ABCD'),
          (SELECT count(*) FROM perf_eval.service_delivery WHERE body = 'ABCD'
             AND delivered_on >= date '2020-06-01' AND delivered_on < date '2020-07-01'),
          'rows with a dropped column''s NULL are counted');
SELECT ok(:deleted_rows > 0 AND NOT EXISTS (SELECT 1 FROM perf_eval.service_tallies_by_month('2020-03-03', '2020-03-04', 0)
                                             WHERE body = 'ABC'),
          'rows deleted in this transaction are not counted');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tallies_by_month('2020-02-10', '2020-02-20', 1)$$,
              $$SELECT body, date_trunc('month', delivered_on)::date,
                       perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                                   extra_documents, electronic, quality_appeal_justified)::text
                FROM perf_eval.service_delivery
                WHERE delivered_on >= date '2020-02-10' AND delivered_on < date '2020-02-20' GROUP BY 1, 2$$,
              'a range inside a month counts only its days');
SELECT is((SELECT count(DISTINCT month) FROM perf_eval.service_tallies_by_month('2019-12-20', '2021-01-05', 0)),
          14::bigint, 'a range across years yields each of its months (December 2019 to January 2021)');

SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 0)$$,
              $$SELECT body, month, tally::text FROM complaint_by_aggregate$$,
              'complaints: the serial scan equals complaint_tally_agg (unanswered rows skipped, late derived)');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 2)$$,
              $$SELECT body, month, tally::text FROM complaint_by_aggregate$$,
              'complaints: the scan with 2 workers equals the aggregate');

-- Bad input: clear errors with standard SQLSTATEs.
SELECT throws_ok($$SELECT * FROM perf_eval.service_tallies_by_month(NULL, '2021-01-01')$$, '22004', NULL,
                 'a NULL from_day is refused (22004)');
SELECT throws_ok($$SELECT * FROM perf_eval.service_tallies_by_month('2020-01-01', '2020-01-01')$$, '22023', NULL,
                 'an empty range is refused (22023)');
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_tallies_by_month('2020-01-01', 'infinity')$$, '22023', NULL,
                 'an infinite date is refused (22023)');
SELECT throws_ok($$SELECT * FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01', -1)$$, '22023', NULL,
                 'a negative number of workers is refused (22023)');

-- It reads the table directly, so it checks what the executor would.
SET LOCAL ROLE perf_eval_submitter;
SELECT throws_ok($$SELECT * FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01')$$, '42501', NULL,
                 'a role without SELECT on the registry is refused (42501)');
RESET ROLE;
ALTER TABLE perf_eval.complaint_record ENABLE ROW LEVEL SECURITY;
SET LOCAL ROLE perf_eval_reader;
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01')$$, '0A000', NULL,
                 'a registry under row-level security is refused rather than read without its policies (0A000)');
RESET ROLE;
ALTER TABLE perf_eval.complaint_record DISABLE ROW LEVEL SECURITY;

-- refresh_monthly_tallies reads in one pass from perf_eval.refresh_full_scan_months
-- marked months on; both paths store the same monthly states.
SELECT count(DISTINCT (registry, body, month)) AS marked_pairs FROM perf_eval.registry_dirty_month
WHERE month >= date '2020-01-01' AND month < date '2021-01-01' \gset
SET LOCAL perf_eval.refresh_full_scan_months = 13;
SELECT is(perf_eval.refresh_monthly_tallies(2020), :marked_pairs, 'refresh month by month (BRIN path) rescans every marked pair');
CREATE TEMP TABLE states_by_month ON COMMIT DROP AS
SELECT 'service' AS registry, body, month, tally::text AS tally FROM perf_eval.service_tally_monthly
UNION ALL SELECT 'complaint', body, month, tally::text FROM perf_eval.complaint_tally_monthly;
UPDATE perf_eval.service_delivery SET electronic = electronic;
UPDATE perf_eval.complaint_record SET court_satisfied = court_satisfied;
SET LOCAL perf_eval.refresh_full_scan_months = 1;
SELECT is(perf_eval.refresh_monthly_tallies(2020), :marked_pairs, 'refresh in one pass rescans the same pairs');
SELECT set_eq($$SELECT 'service', body, month, tally::text FROM perf_eval.service_tally_monthly
                UNION ALL SELECT 'complaint', body, month, tally::text FROM perf_eval.complaint_tally_monthly$$,
              $$SELECT registry, body, month, tally FROM states_by_month$$,
              'refresh in one pass (registry scan) stores the same monthly states as month by month');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tally_monthly WHERE month >= '2020-01-01' AND month < '2021-01-01'$$,
              $$SELECT body, month, tally::text FROM service_by_aggregate$$,
              'the stored monthly states equal the aggregate over the rows');

SELECT * FROM finish();
ROLLBACK;
