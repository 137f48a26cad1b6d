-- One bad registry row never blocks a national run: rows that cannot be
-- attributed (a body code missing from perf_eval.body, impossible dates) are
-- left out of the tallies and counted in run_problems and run_health, and the
-- run scores every valid body. An inconsistent monthly state fails the run
-- with an error that names its body and month.
BEGIN;
SELECT plan(18);

-- MF: the 20 000 complaints of the docs/methodology.md §4.4 example (H = 77.9).
INSERT INTO perf_eval.complaint_record (body, received_on, deadline, answered_on, court_satisfied,
                                        higher_authority_satisfied, repeated_satisfied, disciplinary_action)
SELECT 'MF', d - 10, d, CASE WHEN g <= 8 THEN d + 2 ELSE d END, false, false, g <= 21, g <= 6
FROM generate_series(1, 20000) AS g, LATERAL (SELECT date '2020-01-15' + (g % 350) AS d) AS x;
-- The typo of the issue, and rows with impossible dates.
INSERT INTO perf_eval.complaint_record VALUES ('2020-03-01', '2020-03-10', false, false, false, false, '2020-03-05', 'TYPO');
INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, disciplinary_action, body) VALUES
    ('2020-05-20', '2020-06-04', '2020-05-10', true, 'MF'),      -- answered before it was received
    ('2020-05-20', '2020-06-04', '2020-05-11', false, 'MF'),
    ('2020-07-01', '2020-06-01', '2020-07-02', false, 'MF'),     -- deadline before receipt (would be late)
    ('infinity', '2020-08-10', '2020-08-05', false, 'MF'),       -- an infinite date
    ('2020-09-01', '2020-09-10', '2020-09-05', false, 'TYPO2'),  -- impossible-free, unknown body
    ('2020-09-20', '2020-09-10', '2020-09-25', true, 'TYPO2');   -- impossible dates win over the unknown body
INSERT INTO perf_eval.service_delivery (delivered_on, body, service_code)
SELECT '2020-04-02', 'TYPO', 'S1' FROM generate_series(1, 3);

SELECT lives_ok($$SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020')$$,
                'a registry with an unknown body code and impossible dates recalculates');
SELECT max(run_id) AS run FROM perf_eval.run \gset
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :run), 'succeeded', 'the run succeeded');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :run AND body = 'MF' AND node = 'interaction.complaints'),
          77.9::numeric, 'the valid body is scored from its valid rows only (H = 77.9, as without the bad rows)');
SELECT is((SELECT count(*) FROM perf_eval.score WHERE run_id = :run AND body IN ('TYPO', 'TYPO2')), 0::bigint,
          'no score for a code missing from perf_eval.body');
SELECT results_eq(
    $$SELECT registry, body, month, rows, reason FROM perf_eval.run_problems WHERE run_id = $$ || :run || $$
      ORDER BY registry, body, month, reason$$,
    $$VALUES ('complaint_record'::text, 'MF'::text, date '2020-05-01', 2::bigint, 'answered_before_received'::text),
             ('complaint_record', 'MF', date '2020-07-01', 1, 'deadline_before_received'),
             ('complaint_record', 'MF', date '2020-08-01', 1, 'date_not_finite'),
             ('complaint_record', 'TYPO', date '2020-03-01', 1, 'unknown_body'),
             ('complaint_record', 'TYPO2', date '2020-09-01', 1, 'deadline_before_received'),
             ('complaint_record', 'TYPO2', date '2020-09-01', 1, 'unknown_body'),
             ('service_delivery', 'TYPO', date '2020-04-01', 3, 'unknown_body')$$,
    'run_problems counts each unattributable row once, by registry, body code, month and reason');
SELECT is((SELECT (tally).considered FROM perf_eval.complaint_tally_monthly WHERE body = 'MF' AND month = '2020-05-01'),
          (SELECT count(*) FROM perf_eval.complaint_record WHERE body = 'MF' AND answered_on >= '2020-05-01'
                  AND answered_on < '2020-06-01' AND answered_on >= received_on),
          'the monthly state leaves out the rows with impossible dates');
SELECT results_eq(
    $$SELECT last_run_id, problem, unattributed_rows FROM perf_eval.run_health WHERE year = 2020 AND methodology = 'kz2020'$$,
    $$VALUES ($$ || :run || $$::bigint, 'registry rows not attributed (see run_problems)'::text, 10::bigint)$$,
    'run_health shows the rows the current run left out');

-- The same inputs and problems: unchanged. Problems are immutable.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS second \gset
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :second), 'unchanged', 'unchanged inputs give an unchanged run');
SELECT throws_ok($$UPDATE perf_eval.run_problems SET rows = 5$$, '55000', NULL, 'data problems of a run are immutable');

-- Correcting the rows clears the problems.
UPDATE perf_eval.complaint_record SET body = 'MF' WHERE body = 'TYPO';
UPDATE perf_eval.complaint_record SET received_on = answered_on - 10, deadline = answered_on + 5
WHERE body IN ('MF', 'TYPO2') AND (answered_on < received_on OR deadline < received_on OR NOT isfinite(received_on));
DELETE FROM perf_eval.complaint_record WHERE body = 'TYPO2';
DELETE FROM perf_eval.service_delivery WHERE body = 'TYPO';
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS third \gset
SELECT is((SELECT count(*) FROM perf_eval.run_problems WHERE run_id = :third), 0::bigint, 'corrected rows leave no problem');
SELECT is((SELECT (tally).considered FROM perf_eval.complaint_tally_monthly WHERE body = 'MF' AND month = '2020-05-01'),
          (SELECT count(*) FROM perf_eval.complaint_record WHERE body = 'MF' AND answered_on >= '2020-05-01'
                  AND answered_on < '2020-06-01'),
          'the corrected rows are counted again');
SELECT results_eq(
    $$SELECT problem, unattributed_rows FROM perf_eval.run_health WHERE year = 2020 AND methodology = 'kz2020'$$,
    $$VALUES (NULL::text, 0::bigint)$$, 'run_health is clear again');

-- One bad row in one month: the month-by-month refresh (below the full-scan
-- threshold) leaves it out too.
INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
VALUES ('2020-10-20', '2020-11-04', '2020-10-02', 'MF');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS fourth \gset
SELECT results_eq($$SELECT body, month, rows, reason FROM perf_eval.run_problems WHERE run_id = $$ || :fourth,
                  $$VALUES ('MF'::text, date '2020-10-01', 1::bigint, 'answered_before_received'::text)$$,
                  'a single bad row found by the month-by-month refresh is a problem of the run');
SELECT is((SELECT (tally).considered FROM perf_eval.complaint_tally_monthly WHERE body = 'MF' AND month = '2020-10-01'),
          (SELECT count(*) FROM perf_eval.complaint_record WHERE body = 'MF' AND answered_on >= '2020-10-01'
                  AND answered_on < '2020-11-01' AND answered_on >= received_on),
          'and is left out of its month''s state');

-- A monthly state written by hand that is inconsistent: the error names body and month.
INSERT INTO perf_eval.body (code, kind, name_en, name_ru) VALUES ('HAND', 'CSB', 'A body', 'Орган');
INSERT INTO perf_eval.complaint_tally_monthly (body, month, tally) VALUES ('HAND', '2020-06-01', ROW(1, 5, 0, 0, 0, 0));
SELECT throws_like($$SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020')$$,
                   '%inconsistent complaint_tally%', 'an inconsistent monthly state fails the run (22023)');
CREATE FUNCTION pg_temp.error_detail(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE d text; h text;
BEGIN
    EXECUTE query;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL, h = PG_EXCEPTION_HINT;
    RETURN d || ' / ' || h;
END
$$;
SELECT matches(pg_temp.error_detail($$SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020')$$),
               '^Body HAND, month 2020-06, year 2020: monthly partial state of complaint_record',
               'its detail names the body and month');
SELECT matches(pg_temp.error_detail($$SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020')$$),
               'registry_dirty_month', 'its hint says how to recompute the state');

-- The table is described and granted like the run log.
SELECT is((SELECT count(*) FROM pg_catalog.pg_attribute AS a
           WHERE a.attrelid = 'perf_eval.run_problems'::regclass AND a.attnum > 0 AND NOT a.attisdropped
             AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL), 0::bigint,
          'every column of run_problems has a comment');

SELECT * FROM finish();
ROLLBACK;
