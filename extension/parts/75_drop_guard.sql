
-- -------------------------------------------------------------------------
-- The drop guard: DROP EXTENSION perf_eval (and DROP SCHEMA perf_eval
-- CASCADE, DROP OWNED BY its owner) is refused while the extension holds
-- users' rows, i.e. rows of the tables pg_dump keeps (pg_extension.extconfig
-- under its row conditions): inputs, runs, scores, forks, users' bodies.
-- SET perf_eval.allow_drop_with_data = on in the dropping session lets it
-- through (docs/settings.md). Why an event trigger at ddl_command_start
-- with a C function (src/drop_guard.c): sql_drop fires after the tables are
-- gone, and the trigger and its function, members of the extension, are
-- dropped by the very command; before the command only the parse tree,
-- which C reads and PL/pgSQL cannot, says reliably what it drops.
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.drop_guard()
RETURNS event_trigger
AS 'MODULE_PATHNAME', 'pe_drop_guard'
LANGUAGE C;
COMMENT ON FUNCTION perf_eval.drop_guard() IS
'Event trigger function of perf_eval_drop_guard: refuses (2BP01) a command that would drop extension perf_eval while it holds users'' rows, saying how many inputs, runs, scores and forks would be lost, unless the session SET perf_eval.allow_drop_with_data = on (docs/settings.md)';

CREATE EVENT TRIGGER perf_eval_drop_guard ON ddl_command_start
WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA', 'DROP OWNED')
EXECUTE FUNCTION perf_eval.drop_guard();
COMMENT ON EVENT TRIGGER perf_eval_drop_guard IS
'Keeps DROP EXTENSION perf_eval from deleting users'' inputs, runs and scores by accident (perf_eval.drop_guard(); override: perf_eval.allow_drop_with_data)';
