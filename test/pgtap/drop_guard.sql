-- Dropping the extension never deletes users' data by accident (the event
-- trigger perf_eval_drop_guard, src/drop_guard.c): DROP EXTENSION perf_eval,
-- with or without CASCADE, DROP SCHEMA perf_eval CASCADE and DROP OWNED BY
-- its owner are refused (2BP01) while the tables pg_dump keeps hold users'
-- rows; SET perf_eval.allow_drop_with_data = on lets the drop through; a
-- database without users' rows drops as before. Everything rolls back.
BEGIN;
SELECT plan(17);

SELECT is((SELECT evtevent || ' ' || evtfoid::regprocedure::text || ' ' || evtenabled::text || ' ' || evttags::text
           FROM pg_catalog.pg_event_trigger WHERE evtname = 'perf_eval_drop_guard'),
          'ddl_command_start perf_eval.drop_guard() O {"DROP EXTENSION","DROP SCHEMA","DROP OWNED"}',
          'the event trigger perf_eval_drop_guard runs before DROP EXTENSION, DROP SCHEMA and DROP OWNED');

-- The error of a command: SQLSTATE, message, detail, hint (NULL if it succeeds).
CREATE FUNCTION pg_temp.error_of(command text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
    state text; message text; detail text; hint text;
BEGIN
    EXECUTE command;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN ARRAY[state, message, detail, hint];
END
$$;

-- Users' data: one input row, a fork (with its 166 parameters), a run and its scores
-- (and its record of the body it scored and of what it used, counted with the
-- run; the input row's version and its history, counted with the input).
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2020, 20000, 8, 0, 21, 6);
SELECT perf_eval.fork_methodology('kz2020', 'drop_guard_fork') AS fork \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_id \gset
CREATE TEMP TABLE expected AS
SELECT pg_catalog.format('cannot drop extension perf_eval because it holds 1 input row, 1 run, %s scores and 1 methodology fork',
                         (SELECT count(*) FROM perf_eval.score)) AS message,
       pg_catalog.format('Dropping the extension deletes its tables with every row, with or without CASCADE. '
                         'Rows per table: perf_eval.body_input_set 1, perf_eval.complaint_counts 1, perf_eval.input_history 1, '
                         'perf_eval.input_row 1, perf_eval.methodology 1, perf_eval.methodology_param %s, '
                         'perf_eval.run 1, perf_eval.run_body 1, perf_eval.run_context 1, perf_eval.score %s.',
                         (SELECT count(*) FROM perf_eval.methodology_param WHERE methodology = 'drop_guard_fork'),
                         (SELECT count(*) FROM perf_eval.score)) AS detail;

SELECT throws_ok('DROP EXTENSION perf_eval', '2BP01', (SELECT message FROM expected),
                 'DROP EXTENSION perf_eval is refused while it holds inputs, runs, scores and forks');
SELECT throws_ok('DROP EXTENSION perf_eval CASCADE', '2BP01', (SELECT message FROM expected),
                 'DROP EXTENSION perf_eval CASCADE is refused too');
SELECT throws_ok('DROP EXTENSION IF EXISTS no_such_extension, perf_eval RESTRICT', '2BP01', (SELECT message FROM expected),
                 'perf_eval named in a list, with IF EXISTS and RESTRICT, is refused');
SELECT throws_ok('DROP SCHEMA perf_eval CASCADE', '2BP01', (SELECT message FROM expected),
                 'DROP SCHEMA perf_eval CASCADE (which drops the extension) is refused');
SELECT throws_ok('DROP OWNED BY ' || pg_catalog.quote_ident((SELECT extowner::regrole::text FROM pg_catalog.pg_extension
                                                                WHERE extname = 'perf_eval')),
                 '2BP01', (SELECT message FROM expected),
                 'DROP OWNED BY the extension''s owner is refused');
SELECT is((pg_temp.error_of('DROP EXTENSION perf_eval'))[3], (SELECT detail FROM expected),
          'the detail says that CASCADE makes no difference and lists the rows per table');
SELECT matches((pg_temp.error_of('DROP EXTENSION perf_eval'))[4],
               '^To keep the data, move to a new version with ALTER EXTENSION perf_eval UPDATE instead, or back it up first with pg_dump \(e\.g\. pg_dump -Fc -f perf_eval\.dump '
               || pg_catalog.current_database()
               || '\)\. To drop anyway, run SET perf_eval\.allow_drop_with_data = on in this session and repeat the command \(docs/settings\.md\)\.$',
               'the hint says how to keep the data (ALTER EXTENSION UPDATE, pg_dump of this database) and how to drop anyway');
SELECT is((SELECT count(*) FROM perf_eval.run), 1::bigint, 'the refused drops kept the run');

-- Commands that do not drop the extension pass the trigger untouched.
SELECT is(pg_temp.error_of('DROP EXTENSION IF EXISTS no_such_extension'), NULL, 'dropping another extension is not refused');
SELECT is((pg_temp.error_of('DROP SCHEMA perf_eval'))[2], 'cannot drop schema perf_eval because other objects depend on it',
          'DROP SCHEMA perf_eval without CASCADE fails on the extension, as without the guard');

-- The override is a deliberate act of the session: no configuration can set it.
SELECT throws_ok('ALTER ROLE CURRENT_USER SET perf_eval.allow_drop_with_data = on', '22023',
                 'invalid value for parameter "perf_eval.allow_drop_with_data": 1',
                 'perf_eval.allow_drop_with_data cannot be turned on with ALTER ROLE ... SET');
SELECT throws_ok('ALTER DATABASE ' || pg_catalog.quote_ident(pg_catalog.current_database())
                 || ' SET perf_eval.allow_drop_with_data = on', '22023',
                 'invalid value for parameter "perf_eval.allow_drop_with_data": 1',
                 'perf_eval.allow_drop_with_data cannot be turned on with ALTER DATABASE ... SET');

-- With the override the drop goes through (its WARNING lists what went).
SET LOCAL perf_eval.allow_drop_with_data = on;
SET LOCAL client_min_messages = error;
SELECT lives_ok('DROP EXTENSION perf_eval', 'with SET perf_eval.allow_drop_with_data = on the drop succeeds');
SELECT is((SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'perf_eval'), 0::bigint,
          'the extension is gone');

-- A database without users' rows (a fresh install) drops without the override.
RESET perf_eval.allow_drop_with_data;
CREATE EXTENSION perf_eval;
SELECT is(current_setting('perf_eval.allow_drop_with_data'), 'off', 'the override is off again');
SELECT lives_ok('DROP EXTENSION perf_eval', 'a fresh install, without users'' rows, drops without the override');

SELECT * FROM finish();
ROLLBACK;
