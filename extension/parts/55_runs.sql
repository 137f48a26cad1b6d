-- =========================================================================
-- Section: recalculation runs and the score tree (METHODOLOGY §1, §9.4;
-- ARCHITECTURE §3 "Scheduling")
-- =========================================================================

-- A run records the server process that runs it (its pid and start time), so
-- that a run whose session died (pg_terminate_backend, a crash, kill -9) is
-- recognised as abandoned rather than left "running" forever.
CREATE FUNCTION perf_eval.backend_start(pid integer)
RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.backend_start FROM pg_catalog.pg_stat_get_activity($1) AS a WHERE a.pid = $1
$$;
COMMENT ON FUNCTION perf_eval.backend_start(integer) IS
'When the server process with this process id started (pg_stat_activity.backend_start); NULL if there is none or the caller may not see it';

CREATE TABLE perf_eval.run (
    run_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year            integer NOT NULL,
    methodology     text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    status          text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'succeeded', 'failed', 'unchanged', 'abandoned')),
    started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at     timestamptz,
    started_by      name NOT NULL DEFAULT session_user,
    inputs_digest   text,
    same_as_run     bigint REFERENCES perf_eval.run (run_id),
    bodies_scored   integer,
    nodes_scored    integer,
    error_sqlstate  text,
    error_message   text,
    error_detail    text,
    -- Added in 1.1 (at the end, as ALTER TABLE ADD COLUMN puts them on update).
    backend_pid     integer DEFAULT pg_catalog.pg_backend_pid(),
    backend_start   timestamptz DEFAULT perf_eval.backend_start(pg_catalog.pg_backend_pid()),
    context_digest  text,
    CHECK ((status = 'running') = (finished_at IS NULL)),
    CHECK ((status = 'unchanged') = (same_as_run IS NOT NULL)),
    CHECK ((status = 'failed') = (error_sqlstate IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.run.run_id IS 'Identifier of the run, increasing with time';
COMMENT ON COLUMN perf_eval.run.year IS 'Assessed year the run computed';
COMMENT ON COLUMN perf_eval.run.methodology IS 'Methodology version the run used (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.run.status IS 'Run status: running | succeeded | failed | unchanged (inputs identical to same_as_run, nothing recomputed) | abandoned (its session ended before it finished)';
COMMENT ON COLUMN perf_eval.run.started_at IS 'When the run started';
COMMENT ON COLUMN perf_eval.run.finished_at IS 'When the run finished; NULL while running';
COMMENT ON COLUMN perf_eval.run.started_by IS 'Session role that started the run';
COMMENT ON COLUMN perf_eval.run.inputs_digest IS 'Digest of every input row and parameter of the year; equal digests mean unchanged inputs';
COMMENT ON COLUMN perf_eval.run.same_as_run IS 'For an unchanged run: the earlier run whose results still stand';
COMMENT ON COLUMN perf_eval.run.bodies_scored IS 'Number of bodies with at least one score in the run (count)';
COMMENT ON COLUMN perf_eval.run.nodes_scored IS 'Number of score rows the run wrote (count)';
COMMENT ON COLUMN perf_eval.run.error_sqlstate IS 'SQLSTATE of the error of a failed run';
COMMENT ON COLUMN perf_eval.run.error_message IS 'Error message of a failed run';
COMMENT ON COLUMN perf_eval.run.error_detail IS 'Error detail of a failed run (names the body, year and indicator)';
COMMENT ON COLUMN perf_eval.run.backend_pid IS 'Process id of the server process (session) that started the run; with backend_start it tells whether that session is still alive';
COMMENT ON COLUMN perf_eval.run.backend_start IS 'When that server process started (pg_stat_activity.backend_start), so a reused process id is not mistaken for it';
COMMENT ON COLUMN perf_eval.run.context_digest IS 'Digest of what every body''s scores depend on besides its own inputs (extension version, methodology and parameters, body registry and scope, score tree, node computers, input relations); a later run in the same context recomputes only the bodies whose inputs changed';
CREATE INDEX run_year_methodology ON perf_eval.run (year, methodology, run_id DESC);
COMMENT ON TABLE perf_eval.run IS
'Every recalculation: who, when, methodology, inputs digest, status (running, succeeded, failed, unchanged = inputs identical to same_as_run, abandoned = its session ended before it finished) and the error of a failed run';

CREATE TABLE perf_eval.score (
    run_id       bigint NOT NULL REFERENCES perf_eval.run (run_id) ON DELETE CASCADE,
    body         text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    node         text NOT NULL REFERENCES perf_eval.score_node (code),
    value        numeric,
    raw_value    numeric,
    origin       text NOT NULL CHECK (origin IN ('computed', 'supplied')),
    superseded   boolean NOT NULL DEFAULT false,
    status       text NOT NULL CHECK (status IN ('ok', 'not_assessable')),
    reason       text,
    explanation  jsonb NOT NULL,
    PRIMARY KEY (run_id, body, node),
    CHECK ((status = 'ok') = (value IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.score.run_id IS 'Run that computed the score (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.score.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.score.node IS 'Code of the score node (perf_eval.score_node.code)';
COMMENT ON COLUMN perf_eval.score.raw_value IS 'Value before the clamp policy, in points; may be negative or above the maximum';
COMMENT ON COLUMN perf_eval.score.origin IS 'How the value was obtained: computed (from inputs) | supplied (by the authorised assessor)';
COMMENT ON COLUMN perf_eval.score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.score.status IS 'ok (value present) | not_assessable (value NULL, see reason)';
COMMENT ON COLUMN perf_eval.score.reason IS 'Why the node is not assessable, e.g. zero_volume, not_published, plan_zero, no_data';
COMMENT ON COLUMN perf_eval.score.explanation IS 'How the value was obtained (jsonb): formula, clause, inputs, parameters with provenance, policies (docs/methodology.md §9.4)';
COMMENT ON TABLE perf_eval.score IS
'The score tree of a run: one row per body and node; value after the clamp policy, raw_value before it; origin computed or supplied; superseded when a supplied ancestor overrides it; explanation: formula, clause, inputs, parameters with provenance, policies (docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.score.value IS 'Unrounded; presentation views round half away from zero (docs/methodology.md §0.2)';

-- Scores are immutable: a new calculation is a new run. Rows are only ever
-- inserted (by the engine, or by a restore of a dump) and deleted with their run.
CREATE FUNCTION perf_eval.score_is_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'scores of a run are immutable'
        USING ERRCODE = '55000',
              DETAIL = format('run %s, body %s, node %s.', OLD.run_id, OLD.body, OLD.node),
              HINT = 'Recalculate: a new calculation is a new run.';
END
$$;
CREATE TRIGGER score_is_immutable BEFORE UPDATE ON perf_eval.score
FOR EACH ROW EXECUTE FUNCTION perf_eval.score_is_immutable();

CREATE FUNCTION perf_eval.run_finishes_once()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF OLD.status <> 'running' THEN
        RAISE EXCEPTION 'run % is finished and immutable', OLD.run_id USING ERRCODE = '55000';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER run_finishes_once BEFORE UPDATE ON perf_eval.run
FOR EACH ROW EXECUTE FUNCTION perf_eval.run_finishes_once();

-- Registry rows a run could not attribute to an assessed body and month: left
-- out of the tallies and counted here, so one typo never blocks a national run.
CREATE TABLE perf_eval.run_problems (
    run_id    bigint NOT NULL REFERENCES perf_eval.run (run_id) ON DELETE CASCADE,
    registry  text NOT NULL CHECK (registry IN ('complaint_record', 'service_delivery')),
    body      text NOT NULL,
    month     date NOT NULL CHECK (extract(day FROM month) = 1),
    rows      bigint NOT NULL CHECK (rows > 0),
    reason    text NOT NULL CHECK (reason IN ('unknown_body', 'answered_before_received',
                                              'deadline_before_received', 'date_not_finite')),
    PRIMARY KEY (run_id, registry, body, month, reason)
);
COMMENT ON COLUMN perf_eval.run_problems.run_id IS 'Run that found the rows (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.run_problems.registry IS 'Registry holding the rows: complaint_record | service_delivery';
COMMENT ON COLUMN perf_eval.run_problems.body IS 'Body code as written in the registry rows (may be missing from perf_eval.body)';
COMMENT ON COLUMN perf_eval.run_problems.month IS 'First day of the month the rows fall in (month of answered_on or delivered_on)';
COMMENT ON COLUMN perf_eval.run_problems.rows IS 'Number of registry rows left out of the tallies (count)';
COMMENT ON COLUMN perf_eval.run_problems.reason IS 'Why they were left out: unknown_body (code not in perf_eval.body) | answered_before_received (answered_on < received_on) | deadline_before_received (deadline < received_on) | date_not_finite (received_on or deadline infinite)';
COMMENT ON TABLE perf_eval.run_problems IS
'Registry rows of the run''s year that could not be attributed (unknown body code, impossible dates): counted per registry, body code, month and reason, left out of every tally; the run scores every valid body. Correct the rows and recalculate';

-- Problems are part of the run's record: immutable like its scores.
CREATE FUNCTION perf_eval.run_problem_is_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'data problems of a run are immutable'
        USING ERRCODE = '55000',
              DETAIL = pg_catalog.format('run %s, %s, body %s, month %s.', OLD.run_id, OLD.registry, OLD.body, OLD.month),
              HINT = 'Correct the registry rows and recalculate: a new calculation is a new run.';
END
$$;
CREATE TRIGGER run_problem_is_immutable BEFORE UPDATE ON perf_eval.run_problems
FOR EACH ROW EXECUTE FUNCTION perf_eval.run_problem_is_immutable();

-- The bodies of a run: the digest of each body's own inputs and the run
-- whose computation its scores are. A recalculation in the same context
-- (run.context_digest) recomputes only the bodies whose digest changed and
-- copies the others' scores from the current run, naming the run that
-- computed them (docs/architecture.md §3.4).
CREATE TABLE perf_eval.run_body (
    run_id           bigint NOT NULL REFERENCES perf_eval.run (run_id) ON DELETE CASCADE,
    body             text NOT NULL,
    inputs_digest    text NOT NULL,
    computed_in_run  bigint REFERENCES perf_eval.run (run_id) ON DELETE SET NULL,
    PRIMARY KEY (run_id, body)
);
COMMENT ON COLUMN perf_eval.run_body.run_id IS 'Run (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.run_body.body IS 'Code of a body with inputs in the run''s year';
COMMENT ON COLUMN perf_eval.run_body.inputs_digest IS 'Digest of the body''s own rows of every input relation for the year';
COMMENT ON COLUMN perf_eval.run_body.computed_in_run IS 'The run that computed the body''s scores: this run, or an earlier one from which they were copied unchanged; NULL once that run was deleted (the next recalculation then recomputes the body)';
COMMENT ON TABLE perf_eval.run_body IS
'Per run and body: the digest of the body''s own inputs and the run that computed its scores; a recalculation recomputes only bodies whose inputs changed since the current run (same context_digest) and copies the scores of the others';

-- A running run is abandoned when the session that started it is gone: no
-- live server process has its pid and start time (a session's advisory locks,
-- the recalculation's included, end with it). A caller who may not see that
-- process's start time (another role's session) matches on the pid alone, so
-- a live run is never called abandoned. Runs logged before 1.1 have no pid
-- and are never judged.
CREATE FUNCTION perf_eval.run_is_abandoned(status text, backend_pid integer, backend_start timestamptz)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1 = 'running' AND $2 IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_get_activity($2) AS a
                           WHERE a.pid = $2
                             AND (a.backend_start IS NULL OR $3 IS NULL OR a.backend_start = $3))
$$;
COMMENT ON FUNCTION perf_eval.run_is_abandoned(text, integer, timestamptz) IS
'True for a running run (status, backend_pid, backend_start of perf_eval.run) whose session is gone: it can never finish';

-- The next recalculation logs every abandoned run as such (finished now).
CREATE FUNCTION perf_eval.mark_abandoned_runs()
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    marked integer;
BEGIN
    UPDATE perf_eval.run AS r SET status = 'abandoned', finished_at = clock_timestamp()
    WHERE r.status = 'running' AND perf_eval.run_is_abandoned(r.status, r.backend_pid, r.backend_start);
    GET DIAGNOSTICS marked = ROW_COUNT;
    RETURN marked;
END
$$;
COMMENT ON FUNCTION perf_eval.mark_abandoned_runs() IS
'Marks every running run whose session is gone as abandoned (finished_at now) and returns how many; every recalculation calls it first';

-- The current result of a year under a methodology: its latest successful run.
CREATE VIEW perf_eval.current_run AS
SELECT DISTINCT ON (r.year, r.methodology)
       r.run_id, r.year, r.methodology, r.finished_at, r.inputs_digest
FROM perf_eval.run AS r
WHERE r.status = 'succeeded'
ORDER BY r.year, r.methodology, r.run_id DESC;
COMMENT ON COLUMN perf_eval.current_run.run_id IS 'The latest succeeded run of the year and methodology';
COMMENT ON COLUMN perf_eval.current_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.current_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.current_run.finished_at IS 'When that run finished';
COMMENT ON COLUMN perf_eval.current_run.inputs_digest IS 'Digest of the inputs that run used';
COMMENT ON VIEW perf_eval.current_run IS
'The latest successful run per year and methodology: the current result (docs/methodology.md §9.1)';

CREATE VIEW perf_eval.current_score AS
SELECT c.year, c.methodology, s.*
FROM perf_eval.current_run AS c
JOIN perf_eval.score AS s USING (run_id);
COMMENT ON COLUMN perf_eval.current_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.current_score.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.current_score.run_id IS 'Current run of the year and methodology';
COMMENT ON COLUMN perf_eval.current_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.current_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.current_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.current_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.current_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.current_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.current_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.current_score.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.current_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON VIEW perf_eval.current_score IS 'The score tree of the current run of every year and methodology';

CREATE VIEW perf_eval.run_health AS
WITH last_run AS (
    SELECT DISTINCT ON (r.year, r.methodology) r.*
    FROM perf_eval.run AS r
    ORDER BY r.year, r.methodology, r.run_id DESC
)
SELECT l.year, l.methodology,
       l.run_id AS last_run_id, a.status AS last_status, l.started_at AS last_started_at,
       l.finished_at - l.started_at AS last_duration, l.error_message AS last_error,
       c.run_id AS current_run_id, c.finished_at AS last_success_at,
       CASE
           WHEN l.status = 'failed' THEN 'last run failed'
           WHEN a.status = 'abandoned' THEN 'last run abandoned'
           WHEN c.run_id IS NULL THEN 'no successful run'
           WHEN c.finished_at < now() - interval '1 day'
                AND (l.status <> 'unchanged' OR l.finished_at < now() - interval '1 day')
               THEN 'last successful run older than a day'
           WHEN l.status = 'running' AND l.started_at < now() - interval '1 hour' THEN 'run in progress for over an hour'
           WHEN p.rows > 0 THEN 'registry rows not attributed (see run_problems)'
       END AS problem,
       coalesce(p.rows, 0) AS unattributed_rows
FROM last_run AS l
-- A running run whose session is gone shows as abandoned at once (the next
-- recalculation logs it so).
CROSS JOIN LATERAL (SELECT CASE WHEN perf_eval.run_is_abandoned(l.status, l.backend_pid, l.backend_start)
                                THEN 'abandoned' ELSE l.status END AS status) AS a
LEFT JOIN perf_eval.current_run AS c USING (year, methodology)
LEFT JOIN LATERAL (SELECT sum(rp.rows)::bigint AS rows FROM perf_eval.run_problems AS rp
                   WHERE rp.run_id = c.run_id) AS p ON true;
COMMENT ON COLUMN perf_eval.run_health.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.run_health.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.run_health.last_run_id IS 'The latest run of the year and methodology, whatever its status';
COMMENT ON COLUMN perf_eval.run_health.last_status IS 'Status of the latest run: running | succeeded | failed | unchanged | abandoned (its session is gone, though the log may still say running)';
COMMENT ON COLUMN perf_eval.run_health.last_started_at IS 'When the latest run started';
COMMENT ON COLUMN perf_eval.run_health.last_duration IS 'How long the latest run took (interval); NULL while running';
COMMENT ON COLUMN perf_eval.run_health.last_error IS 'Error message of the latest run if it failed';
COMMENT ON COLUMN perf_eval.run_health.current_run_id IS 'The latest succeeded run (the one the views show); NULL if none';
COMMENT ON COLUMN perf_eval.run_health.last_success_at IS 'When the current run finished';
COMMENT ON COLUMN perf_eval.run_health.problem IS 'What needs attention: last run failed | last run abandoned | no successful run | last successful run older than a day | run in progress for over an hour | registry rows not attributed (see run_problems); NULL when healthy';
COMMENT ON COLUMN perf_eval.run_health.unattributed_rows IS 'Registry rows the current run left out of the tallies (unknown body code, impossible dates): sum of perf_eval.run_problems.rows; 0 when none';
COMMENT ON VIEW perf_eval.run_health IS
'Per year and methodology: the last run, the current result, the registry rows it could not attribute, and a problem when the last run failed or was abandoned, the last successful check is older than a day or registry rows were left out';

-- Runs and their score trees are the record of the assessment: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.score', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_problems', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_body', '');

-- ---------------------------------------------------------------------------
-- Results are append-only and written by the engine alone (docs/architecture.md
-- §3.4, "Who writes results"). No function is SECURITY DEFINER, so the
-- recalculation inserts with its caller's rights; row-level security admits
-- a non-owner's insert of a score (of run_problems, run_body) and its moving a
-- run to succeeded or unchanged only while this backend's engine computes
-- that run (engine_writes, src/engine_gate.c: a state only compute_run sets).
-- A run is logged only as running, by the session's own user. Nobody but the
-- owner deletes results.
-- ---------------------------------------------------------------------------
CREATE FUNCTION perf_eval.engine_writes(run_id bigint)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_engine_writes'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION perf_eval.engine_writes(bigint) IS
'True while perf_eval.compute_run computes this run in the current session: the condition under which row-level security lets a non-owner write the run''s results';

ALTER TABLE perf_eval.run ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_readable ON perf_eval.run FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY run_logged_running ON perf_eval.run FOR INSERT TO perf_eval_admin
    WITH CHECK (status = 'running' AND started_by = session_user AND finished_at IS NULL
                AND inputs_digest IS NULL AND context_digest IS NULL AND same_as_run IS NULL
                AND bodies_scored IS NULL AND nodes_scored IS NULL
                AND backend_pid IS NOT DISTINCT FROM pg_catalog.pg_backend_pid());
CREATE POLICY run_finished_by_the_engine ON perf_eval.run FOR UPDATE TO perf_eval_admin
    USING (true)
    WITH CHECK (status IN ('running', 'failed', 'abandoned') OR perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.score ENABLE ROW LEVEL SECURITY;
CREATE POLICY score_readable ON perf_eval.score FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY score_written_by_the_engine ON perf_eval.score FOR INSERT TO perf_eval_admin WITH CHECK (perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.run_problems ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_problems_readable ON perf_eval.run_problems FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY run_problems_written_by_the_engine ON perf_eval.run_problems FOR INSERT TO perf_eval_admin
    WITH CHECK (perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.run_body ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_body_readable ON perf_eval.run_body FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY run_body_written_by_the_engine ON perf_eval.run_body FOR INSERT TO perf_eval_admin
    WITH CHECK (perf_eval.engine_writes(run_id));

-- Readers read runs and scores; admins start runs (the recalculation). Scores
-- are written by the recalculation and deleted with their run, never updated.
GRANT SELECT ON perf_eval.run, perf_eval.score, perf_eval.current_run, perf_eval.current_score, perf_eval.run_health
   TO perf_eval_reader;
GRANT SELECT ON perf_eval.run_problems, perf_eval.run_body TO perf_eval_reader;
GRANT INSERT, UPDATE ON perf_eval.run TO perf_eval_admin;
GRANT INSERT ON perf_eval.score TO perf_eval_admin;
GRANT INSERT ON perf_eval.run_problems, perf_eval.run_body TO perf_eval_admin;
GRANT USAGE ON SEQUENCE perf_eval.run_run_id_seq TO perf_eval_editor;
REVOKE EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() TO perf_eval_admin;
