-- The registry scan reads a body code in every form PostgreSQL stores a
-- text in: a 1-byte header (up to 126 bytes), a 4-byte header, compressed
-- inline, and out of line in the TOAST table, compressed or not. A toast
-- pointer also has a 1-byte header; read as a short code its length was -1,
-- and the scan crashed the server (issue 14, item 1). Whatever the form, and
-- serially or with workers, its tallies must equal the aggregates'
-- (METHODOLOGY §7.1, §7.2).
BEGIN;
SELECT plan(17);

-- A registry refuses a body code over 200 characters (23514), which keeps
-- the compressed and out-of-line forms out of it; the scan must read them
-- all the same, so this test lifts the limit (rolled back with the test).
ALTER TABLE perf_eval.complaint_record DROP CONSTRAINT complaint_record_body_code_length;
ALTER TABLE perf_eval.service_delivery DROP CONSTRAINT service_delivery_body_code_length;

-- Codes around the short-header limit, long, compressible, incompressible,
-- multibyte, and long codes that differ only in their last character. The
-- out-of-line ones stay under the 2704 bytes (after compression) that the
-- btree of registry_dirty_month can index.
CREATE TEMP TABLE varlena_body (form text, code text) ON COMMIT DROP;
INSERT INTO varlena_body VALUES
    ('short 1', 'Z'),
    ('short 125', repeat('s', 125)),
    ('short 126', repeat('s', 126)),
    ('4-byte 127', repeat('s', 127)),
    ('4-byte 128', repeat('s', 128)),
    ('multibyte short', 'Қазақстан Республикасы'),
    ('multibyte 4-byte', repeat('Қ', 64)),
    ('compressed inline', repeat('A', 5000)),
    ('compressed inline multibyte', repeat('Ақорда ', 800)),
    ('external', (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 78) AS i)),
    ('external twin', (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 78) AS i) || 'x'),
    ('external twin 2', (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 78) AS i) || 'y'),
    ('external compressed', (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 68) AS i) || repeat('-', 3000)),
    ('external multibyte', (SELECT string_agg(md5(i::text) || 'ә', '') FROM generate_series(1, 64) AS i));

-- 6 000 complaints and 12 000 deliveries in 2020, codes in turn.
INSERT INTO perf_eval.complaint_record (received_on, deadline, court_satisfied, higher_authority_satisfied,
                                        repeated_satisfied, disciplinary_action, answered_on, body)
SELECT d, d + 10, h % 7 = 0, h % 5 = 0, h % 3 = 0, h % 2 = 0, d + (h % 15), b.codes[1 + g % b.n]
FROM (SELECT array_agg(code ORDER BY form) AS codes, count(*)::integer AS n FROM varlena_body) AS b,
     LATERAL (SELECT g, date '2020-01-01' + (g % 350) AS d, hashint4(g) & 2147483647 AS h
              FROM generate_series(1, 6000) AS g) AS r;
INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, unreasonable_refusal, incomplete_package,
                                        extra_documents, electronic, quality_appeal_justified, body, service_code)
SELECT date '2020-01-01' + (g % 366), h % 7 = 0, h % 11 = 0, h % 13 = 0, h % 17 = 0, h % 3 <> 0, h % 19 = 0,
       b.codes[1 + g % b.n], 'S' || (h % 50)
FROM (SELECT array_agg(code ORDER BY form) AS codes, count(*)::integer AS n FROM varlena_body) AS b,
     LATERAL (SELECT g, hashint4(-g) & 2147483647 AS h FROM generate_series(1, 12000) AS g) AS r;

-- Rows with a NULL in their bitmap take the scan's general path.
ALTER TABLE perf_eval.complaint_record ADD COLUMN varlena_test_extra integer;
ALTER TABLE perf_eval.complaint_record DROP COLUMN varlena_test_extra;
INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
SELECT date '2020-05-01', date '2020-05-10', date '2020-05-01' + (g % 20), code
FROM varlena_body, generate_series(1, 3) AS g;

-- The stored forms are the ones meant.
SELECT ok((SELECT bool_and(pg_column_size(body) < octet_length(body)) FROM perf_eval.complaint_record
           WHERE body IN (SELECT code FROM varlena_body WHERE form LIKE 'compressed%')),
          'the compressible long codes are stored compressed');
SELECT ok((SELECT pg_relation_size(reltoastrelid) > 0 FROM pg_class WHERE oid = 'perf_eval.complaint_record'::regclass)
          AND (SELECT pg_relation_size(reltoastrelid) > 0 FROM pg_class WHERE oid = 'perf_eval.service_delivery'::regclass)
          AND (SELECT bool_and(pg_column_size(body) < octet_length(body)) FROM perf_eval.complaint_record
               WHERE body = (SELECT code FROM varlena_body WHERE form = 'external compressed')),
          'the longest codes are stored out of line, in the TOAST tables, one of them compressed');

CREATE TEMP VIEW complaint_by_aggregate AS
SELECT body, date_trunc('month', answered_on)::date AS month,
       perf_eval.complaint_tally_agg(deadline, answered_on, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)::text AS tally
FROM perf_eval.complaint_record
WHERE answered_on >= date '2020-01-01' AND answered_on < date '2021-01-01'
GROUP BY 1, 2;

CREATE TEMP VIEW service_by_aggregate AS
SELECT body, date_trunc('month', delivered_on)::date AS month,
       perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)::text AS tally
FROM perf_eval.service_delivery
WHERE delivered_on >= date '2020-01-01' AND delivered_on < date '2021-01-01'
GROUP BY 1, 2;

-- The issue's reproduction: one out-of-line code crashed the serial scan.
SELECT lives_ok($$SELECT count(*) FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 0)$$,
                'complaints with out-of-line codes: the serial scan runs');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 0)$$,
              $$SELECT body, month, tally FROM complaint_by_aggregate$$,
              'complaints, codes of every stored form: the serial scan equals complaint_tally_agg');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01', 0)$$,
              $$SELECT body, month, tally FROM service_by_aggregate$$,
              'deliveries, codes of every stored form: the serial scan equals service_tally_agg');
SELECT is((SELECT count(DISTINCT body) FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 0)),
          (SELECT count(*) FROM varlena_body), 'every code is its own body, the long twins told apart');
SELECT set_eq($$SELECT DISTINCT body FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 0)$$,
              $$SELECT code FROM varlena_body$$,
              'each code comes back whole, byte for byte');

-- With workers: each scans a share of the blocks and detoasts its own rows.
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 2)$$,
              $$SELECT body, month, tally FROM complaint_by_aggregate$$,
              'complaints: the scan with 2 workers equals the (parallel) aggregate');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01')$$,
              $$SELECT body, month, tally FROM complaint_by_aggregate$$,
              'complaints: the scan with the planner''s number of workers equals the aggregate');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01', 2)$$,
              $$SELECT body, month, tally FROM service_by_aggregate$$,
              'deliveries: the scan with 2 workers equals the (parallel) aggregate');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tallies_by_month('2020-01-01', '2021-01-01')$$,
              $$SELECT body, month, tally FROM service_by_aggregate$$,
              'deliveries: the scan with the planner''s number of workers equals the aggregate');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tallies_by_month('2020-01-01', '2021-01-01', 0)$$,
              $$SELECT body, month, tally FROM complaint_by_aggregate$$,
              'complaints: the serial scan still equals the aggregate under forced parallel settings');

-- A part of the year only: rows outside the range are skipped before their
-- code is detoasted, and those inside still counted.
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tallies_by_month('2020-05-01', '2020-06-01', 2)$$,
              $$SELECT body, month, tally FROM complaint_by_aggregate WHERE month = date '2020-05-01'$$,
              'complaints: a month with workers equals the aggregate');

-- A rescan in one pass (refresh_monthly_tallies) stores the aggregate's states.
SET LOCAL perf_eval.refresh_full_scan_months = 1;
SELECT ok(perf_eval.refresh_monthly_tallies(2020) > 0, 'refresh in one pass over codes of every form runs');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.complaint_tally_monthly
                WHERE month >= '2020-01-01' AND month < '2021-01-01'$$,
              $$SELECT body, month, tally FROM complaint_by_aggregate$$,
              'the stored complaint states equal the aggregate');
SELECT set_eq($$SELECT body, month, tally::text FROM perf_eval.service_tally_monthly
                WHERE month >= '2020-01-01' AND month < '2021-01-01'$$,
              $$SELECT body, month, tally FROM service_by_aggregate$$,
              'the stored delivery states equal the aggregate');

-- The session survived every scan above.
SELECT is((SELECT count(*) FROM perf_eval.complaint_tallies_by_month('2020-05-01', '2020-06-01', 2)
           WHERE body = (SELECT code FROM varlena_body WHERE form = 'external')), 1::bigint,
          'the issue''s out-of-line code is one body of May 2020');

SELECT * FROM finish();
ROLLBACK;
