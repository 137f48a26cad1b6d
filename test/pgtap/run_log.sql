-- The run log (README "Health", ARCHITECTURE §3 "Scheduling"): a failed run is
-- logged with its status, SQLSTATE and message exactly; a run cancelled by
-- statement_timeout is logged as failed with 57014; a run records its session,
-- and a running run whose session is gone is abandoned (run_health at once,
-- the run log at the next recalculation). Killing a real session is in
-- test/isolation/specs/abandoned_run.spec.
-- Not in a transaction: recalculate commits. Year 2097 and the forks are
-- this file's own and are deleted at the end.
\set ON_ERROR_STOP on
SELECT plan(14);

INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2097, 20000, 8, 0, 21, 6);

-- A run records the session that runs it.
SELECT perf_eval.recalculate_within_transaction(2097) AS live_run \gset
SELECT results_eq(
    format($$SELECT backend_pid, backend_start FROM perf_eval.run WHERE run_id = %s$$, :live_run),
    $$SELECT pid, backend_start FROM pg_catalog.pg_stat_activity WHERE pid = pg_catalog.pg_backend_pid()$$,
    'a run records the process id and start time of its session');

-- Whether a run is abandoned.
SELECT is(perf_eval.run_is_abandoned('running', pg_catalog.pg_backend_pid(),
                                     perf_eval.backend_start(pg_catalog.pg_backend_pid())),
          false, 'a running run of a live session is not abandoned');
SELECT is(perf_eval.run_is_abandoned('running', pg_catalog.pg_backend_pid(), '2000-01-01 00:00+00'),
          true, 'a running run whose process id now belongs to a later session is abandoned');
SELECT is(perf_eval.run_is_abandoned('succeeded', pg_catalog.pg_backend_pid(), '2000-01-01 00:00+00'),
          false, 'a finished run is never abandoned');
SELECT is(perf_eval.run_is_abandoned('running', NULL, NULL),
          false, 'a run logged before sessions were recorded is not judged');

-- A run whose session is gone (here: the pid of this session with another start time).
INSERT INTO perf_eval.run (year, methodology, backend_pid, backend_start)
VALUES (2097, 'kz2020', pg_catalog.pg_backend_pid(), '2000-01-01 00:00+00')
RETURNING run_id AS dead_run \gset
SELECT results_eq(
    $$SELECT last_status, problem FROM perf_eval.run_health WHERE year = 2097 AND methodology = 'kz2020'$$,
    $$VALUES ('abandoned'::text, 'last run abandoned'::text)$$,
    'run_health shows a running run whose session is gone as abandoned at once');
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :dead_run), 'running',
          'the run log still says running before the next recalculation');
CALL perf_eval.recalculate(2097);
SELECT results_eq(
    format($$SELECT status, finished_at IS NOT NULL FROM perf_eval.run WHERE run_id = %s$$, :dead_run),
    $$VALUES ('abandoned'::text, true)$$,
    'the next recalculation logs the run as abandoned, with its finish time');
SELECT is((SELECT last_status FROM perf_eval.run_health WHERE year = 2097 AND methodology = 'kz2020'), 'unchanged',
          'after it, run_health shows the new run');

-- A failed run: a fork whose weights were broken behind set_param's back.
SELECT perf_eval.fork_methodology('kz2020', 'run_log_broken') IS NOT NULL AS forked \gset
UPDATE perf_eval.methodology_param SET value = '0.9'
WHERE methodology = 'run_log_broken' AND key = 'interaction.csb.w_services';
\set ON_ERROR_STOP off
CALL perf_eval.recalculate(2097, 'run_log_broken');
\set ON_ERROR_STOP on
SELECT results_eq(
    $$SELECT status, error_sqlstate, error_message, finished_at IS NOT NULL
      FROM perf_eval.run WHERE methodology = 'run_log_broken'$$,
    $$VALUES ('failed'::text, '22023'::text,
              'methodology "run_log_broken" is invalid: interaction.csb.w_complaints, interaction.csb.w_openness, interaction.csb.w_services: weights must sum to exactly 1, not 1.4'::text,
              true)$$,
    'a failed run is logged as failed with its SQLSTATE and message');
SELECT is((SELECT count(*) FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id)
           WHERE r.methodology = 'run_log_broken'), 0::bigint, 'a failed run leaves no scores');

-- A cancelled run: statement_timeout strikes inside the calculation (a slow
-- node computer registered for this test only).
CREATE FUNCTION pg_temp.run_log_slow_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.pg_sleep(60);
END $$;
INSERT INTO perf_eval.node_computer VALUES ('zz_run_log_slow', 'pg_temp.run_log_slow_nodes'::regproc, 'test only');
SELECT perf_eval.fork_methodology('kz2020', 'run_log_slow') IS NOT NULL AS forked \gset
SET statement_timeout = '1s';
\set ON_ERROR_STOP off
CALL perf_eval.recalculate(2097, 'run_log_slow');
\set ON_ERROR_STOP on
RESET statement_timeout;
DELETE FROM perf_eval.node_computer WHERE name = 'zz_run_log_slow';
SELECT results_eq(
    $$SELECT status, error_sqlstate, error_message, finished_at IS NOT NULL
      FROM perf_eval.run WHERE methodology = 'run_log_slow'$$,
    $$VALUES ('failed'::text, '57014'::text, 'canceling statement due to statement timeout'::text, true)$$,
    'a run cancelled by statement_timeout is logged as failed with 57014, not left running');
SELECT results_eq(
    $$SELECT last_status, problem FROM perf_eval.run_health WHERE year = 2097 AND methodology = 'run_log_slow'$$,
    $$VALUES ('failed'::text, 'last run failed'::text)$$,
    'run_health reports the cancelled run as failed');
SELECT is((SELECT count(*) FROM perf_eval.run WHERE year = 2097 AND status = 'running'), 0::bigint,
          'no run of the year is left running');

DELETE FROM perf_eval.run WHERE year = 2097;
DELETE FROM perf_eval.methodology WHERE name IN ('run_log_broken', 'run_log_slow');
DELETE FROM perf_eval.complaint_counts WHERE year = 2097;
SELECT * FROM finish();
