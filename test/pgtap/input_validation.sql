-- A data editor loads a year's complaint counts with \copy into the staging
-- table and gets a report of every bad row instead of a silent skip
-- (METHODOLOGY §4.5); nothing is loaded until the report is empty.
BEGIN;
SELECT plan(8);

\copy perf_eval.complaint_counts_staging (body, year, considered, late, court_satisfied, higher_authority_satisfied, repeated_satisfied, late_disciplined, source) FROM 'test/data/complaint_counts_with_errors.csv' WITH (FORMAT csv, HEADER true)

SELECT is((SELECT count(*) FROM perf_eval.complaint_counts_staging), 10::bigint, 'COPY lands every line, good or bad');

SELECT results_eq(
    $$SELECT line::integer, body, year, field, reason FROM perf_eval.complaint_counts_report() ORDER BY line, field$$,
    $$VALUES (3, 'XX'::text, '2020'::text, 'body'::text, 'unknown body code'::text),
             (4, 'MH', '20x0', 'year', 'year must be an integer'),
             (5, 'MJ', '2020', 'considered', 'must not be negative'),
             (6, 'MA', '2020', 'late', 'late count must not exceed considered count'),
             (7, 'MCS', '2020', 'late_disciplined', 'late_disciplined count must not exceed late count'),
             (8, 'MES', '2020', 'late', 'must be a whole number'),
             (9, 'MF', '2020', 'body, year', 'duplicate of line 1'),
             (10, 'MTI', '2020', 'late', 'missing')$$,
    'the report lists every bad row with body, year, field and reason');

SELECT throws_ok($$SELECT perf_eval.accept_complaint_counts()$$, '22023', 'complaint_counts_staging has 8 problems',
                 'accepting is refused while the report is not empty');
SELECT is((SELECT count(*) FROM perf_eval.complaint_counts WHERE year = 2020), 0::bigint, 'nothing was loaded');

-- The editor removes the bad lines and accepts the rest.
DELETE FROM perf_eval.complaint_counts_staging AS s
WHERE s.line_no IN (SELECT r.staging_id FROM perf_eval.complaint_counts_report() AS r);
SELECT is(perf_eval.accept_complaint_counts(), 2::bigint, 'the two good rows are accepted');
SELECT results_eq($$SELECT body, considered, late, late_disciplined FROM perf_eval.complaint_counts WHERE year = 2020 ORDER BY body$$,
                  $$VALUES ('ME'::text, 15000::bigint, 20::bigint, 20::bigint), ('MF', 20000, 8, 6)$$,
                  'the accepted counts are typed and constrained');

-- A second load into the emptied staging table numbers its lines from 1 again.
\copy perf_eval.complaint_counts_staging (body, year, considered, late, court_satisfied, higher_authority_satisfied, repeated_satisfied, late_disciplined, source) FROM 'test/data/complaint_counts_with_errors.csv' WITH (FORMAT csv, HEADER true)
SELECT is((SELECT min(line) FROM perf_eval.complaint_counts_report()), 3::bigint,
          'report lines are the file''s data lines, whatever was loaded before');
DELETE FROM perf_eval.complaint_counts_staging;

-- Supplied scores go through the same kind of report.
INSERT INTO perf_eval.supplied_score_staging (body, year, node, methodology, value) VALUES
    ('MF', '2020', 'orgdev.hr', NULL, '87.72'), ('MF', '2020', 'orgdev.hr', 'kz2020', '101'),
    ('MF', '2020', 'no.such.node', NULL, '5'), ('MF', '2020', 'interaction.complaints.one_time_acceptance', 'kz2020', '5');
SELECT results_eq($$SELECT field, reason FROM perf_eval.supplied_score_report() ORDER BY line, field$$,
                  $$VALUES ('value'::text, 'must lie between 0 and 100'::text), ('node', 'unknown score node'),
                           ('node', 'node does not exist in methodology kz2020')$$,
                  'supplied scores: out of range, unknown node, node absent from the version');

SELECT * FROM finish();
ROLLBACK;
