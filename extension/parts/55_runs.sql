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

-- -------------------------------------------------------------------------
-- The results of record (docs/architecture.md §3.7): the assessment cycle of
-- a year, block and methodology (collecting -> preliminary -> objections ->
-- final -> published), its log, and its published revisions. The moves are
-- the functions perf_eval.cycle_* (71_assessment_cycle.sql); here are the
-- records the result views read.
-- -------------------------------------------------------------------------
CREATE TABLE perf_eval.assessment_cycle (
    year                    integer NOT NULL,
    block                   text NOT NULL REFERENCES perf_eval.block (code),
    methodology             text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    state                   text NOT NULL DEFAULT 'collecting'
                            CHECK (state IN ('collecting', 'preliminary', 'objections', 'final', 'published')),
    opened_at               timestamptz NOT NULL DEFAULT clock_timestamp(),
    opened_by               name NOT NULL DEFAULT session_user,
    preliminary_at          timestamptz,
    objections_at           timestamptz,
    objection_working_days  integer CHECK (objection_working_days > 0),
    objection_deadline      date,
    final_at                timestamptz,
    final_run_id            bigint REFERENCES perf_eval.run (run_id),
    published_at            timestamptz,
    PRIMARY KEY (year, block, methodology),
    CHECK ((state IN ('final', 'published')) = (final_run_id IS NOT NULL)),
    CHECK ((state IN ('objections', 'final', 'published')) = (objection_deadline IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.assessment_cycle.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.assessment_cycle.block IS 'Code of the block assessed (perf_eval.block.code)';
COMMENT ON COLUMN perf_eval.assessment_cycle.methodology IS 'Methodology version of the assessment (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.assessment_cycle.state IS 'Stage: collecting | preliminary | objections | final | published';
COMMENT ON COLUMN perf_eval.assessment_cycle.opened_at IS 'When the cycle was opened (collecting began)';
COMMENT ON COLUMN perf_eval.assessment_cycle.opened_by IS 'Session role that opened the cycle';
COMMENT ON COLUMN perf_eval.assessment_cycle.preliminary_at IS 'When the preliminary stage began: runs started since are preliminary runs';
COMMENT ON COLUMN perf_eval.assessment_cycle.objections_at IS 'When the preliminary conclusions went to the bodies and objections opened';
COMMENT ON COLUMN perf_eval.assessment_cycle.objection_working_days IS 'Working days the bodies had to object (count)';
COMMENT ON COLUMN perf_eval.assessment_cycle.objection_deadline IS 'Last day an objection may be filed (objection_working_days after the day objections opened)';
COMMENT ON COLUMN perf_eval.assessment_cycle.final_at IS 'When the final conclusions were fixed';
COMMENT ON COLUMN perf_eval.assessment_cycle.final_run_id IS 'The run whose scores of the block are the final conclusions (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.assessment_cycle.published_at IS 'When the first revision was published';
COMMENT ON TABLE perf_eval.assessment_cycle IS
'The assessment cycle of a year, block and methodology: its stage (collecting, preliminary, objections, final, published), the dates of each stage, the objection deadline in working days and the final run; moved only by the perf_eval.cycle_* functions (docs/architecture.md §3.7)';

CREATE TABLE perf_eval.cycle_event (
    event_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year         integer NOT NULL,
    block        text NOT NULL,
    methodology  text NOT NULL,
    from_state   text,
    to_state     text NOT NULL,
    run_id       bigint REFERENCES perf_eval.run (run_id),
    note         text,
    moved_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    moved_by     name NOT NULL DEFAULT session_user,
    FOREIGN KEY (year, block, methodology) REFERENCES perf_eval.assessment_cycle ON UPDATE CASCADE
);
COMMENT ON COLUMN perf_eval.cycle_event.event_id IS 'Identifier of the move, increasing with time';
COMMENT ON COLUMN perf_eval.cycle_event.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cycle_event.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.cycle_event.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.cycle_event.from_state IS 'Stage before the move; NULL when the cycle was opened';
COMMENT ON COLUMN perf_eval.cycle_event.to_state IS 'Stage after the move (published again for a new revision)';
COMMENT ON COLUMN perf_eval.cycle_event.run_id IS 'The run the move fixed or published, if any';
COMMENT ON COLUMN perf_eval.cycle_event.note IS 'Deadline, revision or reason of the move';
COMMENT ON COLUMN perf_eval.cycle_event.moved_at IS 'When the move was made';
COMMENT ON COLUMN perf_eval.cycle_event.moved_by IS 'Session role that made the move';
COMMENT ON TABLE perf_eval.cycle_event IS
'Every move of every assessment cycle: from which stage to which, the run concerned, who and when';

CREATE TABLE perf_eval.publication (
    year          integer NOT NULL,
    block         text NOT NULL,
    methodology   text NOT NULL,
    revision      integer NOT NULL CHECK (revision > 0),
    run_id        bigint NOT NULL REFERENCES perf_eval.run (run_id),
    published_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_by  name NOT NULL DEFAULT session_user,
    reason        text,
    PRIMARY KEY (year, block, methodology, revision),
    FOREIGN KEY (year, block, methodology) REFERENCES perf_eval.assessment_cycle ON UPDATE CASCADE,
    CHECK (revision = 1 OR reason <> '')
);
COMMENT ON COLUMN perf_eval.publication.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.publication.block IS 'Code of the block published';
COMMENT ON COLUMN perf_eval.publication.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.publication.revision IS 'Revision number: 1 is the first publication, each correction adds one';
COMMENT ON COLUMN perf_eval.publication.run_id IS 'The run whose scores of the block are published (perf_eval.run.run_id); it cannot be deleted';
COMMENT ON COLUMN perf_eval.publication.published_at IS 'When the revision was published';
COMMENT ON COLUMN perf_eval.publication.published_by IS 'Session role that published it';
COMMENT ON COLUMN perf_eval.publication.reason IS 'Why a revision corrects the previous one; NULL for revision 1';
COMMENT ON TABLE perf_eval.publication IS
'Published revisions of a year, block and methodology: the run of each, who and when, and the reason of a correction; rows are never changed or deleted';

-- A publication is the record: never updated nor deleted (its run, referenced
-- without cascade, cannot be deleted either).
CREATE FUNCTION perf_eval.publication_is_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'published revisions are immutable'
        USING ERRCODE = '55000',
              DETAIL = pg_catalog.format('%s %s of block %s, revision %s.', OLD.methodology, OLD.year, OLD.block, OLD.revision),
              HINT = 'Publish a corrected revision with perf_eval.cycle_revise(year, block, reason); the superseded one stays readable.';
END
$$;
CREATE TRIGGER publication_is_immutable BEFORE UPDATE OR DELETE ON perf_eval.publication
FOR EACH ROW EXECUTE FUNCTION perf_eval.publication_is_immutable();

CREATE VIEW perf_eval.published_run AS
SELECT p.year, p.block, p.methodology, p.run_id, p.revision, p.published_at, p.published_by,
       p.revision < max(p.revision) OVER (PARTITION BY p.year, p.block, p.methodology) AS superseded,
       p.reason
FROM perf_eval.publication AS p;
COMMENT ON COLUMN perf_eval.published_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.published_run.block IS 'Code of the block published';
COMMENT ON COLUMN perf_eval.published_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.published_run.run_id IS 'The run whose scores of the block the revision publishes';
COMMENT ON COLUMN perf_eval.published_run.revision IS 'Revision number, 1 = first publication';
COMMENT ON COLUMN perf_eval.published_run.published_at IS 'When the revision was published';
COMMENT ON COLUMN perf_eval.published_run.published_by IS 'Session role that published it';
COMMENT ON COLUMN perf_eval.published_run.superseded IS 'True once a later revision corrects it; it stays readable';
COMMENT ON COLUMN perf_eval.published_run.reason IS 'Why the revision corrects the previous one; NULL for revision 1';
COMMENT ON VIEW perf_eval.published_run IS
'Every published revision of a year, block and methodology with its run; the one not superseded is the result of record';

-- Which run each kind of result of a year, block and methodology is:
-- published (the revision not superseded), final (the run fixed for
-- publication), preliminary (the latest run started during the preliminary
-- or objection stage; an unchanged run stands for the run it repeats) and,
-- for a year and block without a cycle, latest (the latest successful run).
-- The default result is published where a cycle exists, latest elsewhere.
CREATE VIEW perf_eval.result_run AS
SELECT p.year, p.block, p.methodology, 'published'::text AS result_kind, p.run_id, true AS is_default
FROM perf_eval.published_run AS p
WHERE NOT p.superseded
UNION ALL
SELECT c.year, c.block, c.methodology, 'final', c.final_run_id, false
FROM perf_eval.assessment_cycle AS c
WHERE c.state IN ('final', 'published')
UNION ALL
SELECT c.year, c.block, c.methodology, 'preliminary', l.run_id, false
FROM perf_eval.assessment_cycle AS c
CROSS JOIN LATERAL (SELECT coalesce(r.same_as_run, r.run_id) AS run_id FROM perf_eval.run AS r
                    WHERE r.year = c.year AND r.methodology = c.methodology
                      AND r.status IN ('succeeded', 'unchanged') AND r.started_at >= c.preliminary_at
                    ORDER BY r.run_id DESC LIMIT 1) AS l
WHERE c.state IN ('preliminary', 'objections')
UNION ALL
SELECT cr.year, b.code, cr.methodology, 'latest', cr.run_id, true
FROM perf_eval.current_run AS cr
CROSS JOIN perf_eval.block AS b
WHERE NOT EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS c
                  WHERE c.year = cr.year AND c.block = b.code AND c.methodology = cr.methodology);
COMMENT ON COLUMN perf_eval.result_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_run.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.result_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_run.result_kind IS 'published (of record) | final (fixed, not yet published) | preliminary (during the preliminary and objection stages) | latest (a year and block without a cycle: its latest successful run)';
COMMENT ON COLUMN perf_eval.result_run.run_id IS 'The run whose scores of the block are that result';
COMMENT ON COLUMN perf_eval.result_run.is_default IS 'True for the result the reporting views show: published where a cycle exists, latest where none does';
COMMENT ON VIEW perf_eval.result_run IS
'Per year, block and methodology: the run of each kind of result (published, final, preliminary, latest) and which one the reporting views show by default (docs/architecture.md §3.7)';

-- The scores of every kind of result, each block from its own run.
CREATE VIEW perf_eval.result_score AS
SELECT rr.year, rr.methodology, s.*, rr.result_kind, rr.is_default
FROM perf_eval.result_run AS rr
JOIN perf_eval.score AS s ON s.run_id = rr.run_id
JOIN perf_eval.score_node AS n ON n.code = s.node AND n.block = rr.block;
COMMENT ON COLUMN perf_eval.result_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_score.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_score.run_id IS 'Run of the result';
COMMENT ON COLUMN perf_eval.result_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.result_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.result_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.result_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.result_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.result_score.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.result_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.result_score.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_score.is_default IS 'True for the result shown by default (current_score)';
COMMENT ON VIEW perf_eval.result_score IS
'The score trees of every kind of result (published, final, preliminary, latest) of every year, block and methodology; current_score is its default part';

-- The default result: a year and block with a cycle shows its published
-- revision only (nothing before publication); one without a cycle shows its
-- latest successful run.
CREATE VIEW perf_eval.current_score AS
SELECT rs.year, rs.methodology, rs.run_id, rs.body, rs.node, rs.value, rs.raw_value, rs.origin, rs.superseded,
       rs.status, rs.reason, rs.explanation, rs.result_kind
FROM perf_eval.result_score AS rs
WHERE rs.is_default;
COMMENT ON COLUMN perf_eval.current_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.current_score.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.current_score.run_id IS 'Run of the shown result of the year, block and methodology (published revision, or the latest successful run where no cycle exists)';
COMMENT ON COLUMN perf_eval.current_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.current_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.current_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.current_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.current_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.current_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.current_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.current_score.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.current_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.current_score.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one: the latest successful run)';
COMMENT ON VIEW perf_eval.current_score IS 'The score tree shown of every year and methodology: per block the published revision where an assessment cycle exists, else the latest successful run (docs/architecture.md §3.7)';

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
SELECT pg_catalog.pg_extension_config_dump('perf_eval.assessment_cycle', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cycle_event', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cycle_event_event_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.publication', '');

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
GRANT SELECT ON perf_eval.assessment_cycle, perf_eval.cycle_event, perf_eval.publication, perf_eval.published_run,
                perf_eval.result_run, perf_eval.result_score
   TO perf_eval_reader;
-- Bodies read the stage and deadline of their cycles (to object in time).
GRANT SELECT ON perf_eval.assessment_cycle TO perf_eval_submitter;
-- The cycle_* functions (run by an assessor, an editor) write the cycle records.
GRANT INSERT, UPDATE ON perf_eval.assessment_cycle TO perf_eval_editor;
GRANT INSERT ON perf_eval.cycle_event, perf_eval.publication TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.cycle_event_event_id_seq TO perf_eval_editor;
GRANT INSERT, UPDATE ON perf_eval.run TO perf_eval_admin;
GRANT INSERT ON perf_eval.score TO perf_eval_admin;
GRANT INSERT ON perf_eval.run_problems, perf_eval.run_body TO perf_eval_admin;
GRANT USAGE ON SEQUENCE perf_eval.run_run_id_seq TO perf_eval_editor;
REVOKE EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() TO perf_eval_admin;
