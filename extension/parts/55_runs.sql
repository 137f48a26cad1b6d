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

-- The assessor of a block: the roles mapped to it here; a block without any
-- is assessed by perf_eval_admin. An assessor moves the block's cycles and
-- decides its objections (and, to do so, needs perf_eval_editor's privileges).
CREATE TABLE perf_eval.block_assessor (
    member_role  name NOT NULL,
    block        text NOT NULL REFERENCES perf_eval.block (code),
    PRIMARY KEY (member_role, block)
);
COMMENT ON COLUMN perf_eval.block_assessor.member_role IS 'Role whose members assess the block';
COMMENT ON COLUMN perf_eval.block_assessor.block IS 'Code of the block (perf_eval.block.code)';
COMMENT ON TABLE perf_eval.block_assessor IS
'The assessor of each block (the budget authorities for goals, the civil-service agency for HR, ...): members of member_role move the block''s cycles and decide its objections; a block with no row is assessed by perf_eval_admin';
SELECT pg_catalog.pg_extension_config_dump('perf_eval.block_assessor', '');

CREATE FUNCTION perf_eval.assesses(block text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM perf_eval.block_assessor AS a WHERE a.block = $1)
                THEN EXISTS (SELECT 1 FROM perf_eval.block_assessor AS a
                             WHERE a.block = $1 AND pg_catalog.pg_has_role(current_user, a.member_role, 'MEMBER'))
                ELSE pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER') END
$$;
COMMENT ON FUNCTION perf_eval.assesses(text) IS
'True if the current role assesses the block: a member of a role mapped to it in perf_eval.block_assessor, or of perf_eval_admin when none is';

-- -------------------------------------------------------------------------
-- The results of record (docs/architecture.md §3.7): the assessment cycle of
-- a year, block and methodology (collecting -> preliminary -> objections ->
-- final -> published), its log, and its published revisions. The moves are
-- the functions perf_eval.cycle_* (71_assessment_cycle.sql); here are the
-- records the result views read, and the triggers that hold the rules of
-- every move (below).
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
    moved_at                timestamptz NOT NULL DEFAULT clock_timestamp(),
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
COMMENT ON COLUMN perf_eval.assessment_cycle.moved_at IS 'When the cycle last moved (opened, changed stage, published a revision): the moved_at of its latest cycle_event';
COMMENT ON TABLE perf_eval.assessment_cycle IS
'The assessment cycle of a year, block and methodology: its stage (collecting, preliminary, objections, final, published), the dates of each stage, the objection deadline in working days and the final run; changed only by legal moves, checked by its triggers whether made by the perf_eval.cycle_* functions or directly (docs/architecture.md §3.7)';

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
    FOREIGN KEY (year, block, methodology) REFERENCES perf_eval.assessment_cycle ON UPDATE CASCADE,
    UNIQUE (year, block, methodology, moved_at)
);
COMMENT ON COLUMN perf_eval.cycle_event.event_id IS 'Identifier of the move, increasing with time';
COMMENT ON COLUMN perf_eval.cycle_event.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cycle_event.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.cycle_event.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.cycle_event.from_state IS 'Stage before the move; NULL when the cycle was opened';
COMMENT ON COLUMN perf_eval.cycle_event.to_state IS 'Stage after the move (published again for a new revision)';
COMMENT ON COLUMN perf_eval.cycle_event.run_id IS 'The run the move fixed or published, if any';
COMMENT ON COLUMN perf_eval.cycle_event.note IS 'Deadline, revision or reason of the move';
COMMENT ON COLUMN perf_eval.cycle_event.moved_at IS 'When the move was made (the moved_at it gave the cycle; one event per move)';
COMMENT ON COLUMN perf_eval.cycle_event.moved_by IS 'Session role that made the move';
COMMENT ON TABLE perf_eval.cycle_event IS
'Every move of every assessment cycle: from which stage to which, the run concerned, who and when; written only by the move itself (a trigger of the cycle)';

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

-- -------------------------------------------------------------------------
-- Who sees results not yet published (docs/architecture.md "Visibility
-- model"): a result of a year and block with an assessment cycle is public
-- once published; before, only the block's assessors, the admins and the
-- submitters of the body it concerns see it. A year and block without a
-- cycle shows its latest run to everyone. The restriction of publication is
-- perf_eval.may_see_values (26_visibility.sql).
-- -------------------------------------------------------------------------
CREATE FUNCTION perf_eval.may_see_unpublished(block text, body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER')
        OR ($1 IS NOT NULL AND perf_eval.assesses($1))
        OR coalesce(perf_eval.submits_for($2), false)
$$;
COMMENT ON FUNCTION perf_eval.may_see_unpublished(text, text) IS
'True if the current role may see a result of the block not yet published that concerns the body: an admin, the block''s assessor or the body''s submitter (a NULL block or body is nobody''s: NULL, NULL is true for admins only)';

-- The run's result of the block is public: the year and block have no
-- cycle, or a revision published that run (a NULL run: any revision).
CREATE FUNCTION perf_eval.is_published_result(year integer, methodology text, block text, run_id bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT NOT EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS c
                       WHERE c.year = $1 AND c.methodology = $2 AND c.block = $3)
        OR EXISTS (SELECT 1 FROM perf_eval.publication AS p
                   WHERE p.year = $1 AND p.methodology = $2 AND p.block = $3 AND ($4 IS NULL OR p.run_id = $4))
$$;
COMMENT ON FUNCTION perf_eval.is_published_result(integer, text, text, bigint) IS
'True if the run''s result of the block in the year and methodology is public: no assessment cycle exists for them, or a revision published the run (a NULL run: any revision)';

CREATE FUNCTION perf_eval.may_see_result(year integer, methodology text, block text, run_id bigint, body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.is_published_result($1, $2, $3, $4) OR perf_eval.may_see_unpublished($3, $5)
$$;
COMMENT ON FUNCTION perf_eval.may_see_result(integer, text, text, bigint, text) IS
'True if the current role may see the run''s result of the block concerning the body: published (or no cycle), or an admin, the block''s assessor or the body''s submitter';

-- The same rule for a kind of result (perf_eval.result_run.result_kind).
CREATE FUNCTION perf_eval.may_see_result_kind(result_kind text, block text, body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1 IN ('published', 'latest') OR perf_eval.may_see_unpublished($2, $3)
$$;
COMMENT ON FUNCTION perf_eval.may_see_result_kind(text, text, text) IS
'True if the current role may see a result of this kind (published | latest: everyone; final | preliminary: an admin, the block''s assessor or the body''s submitter)';

-- A run's record is seen by whoever may see its result of some block (an
-- admin, who sees every one, without asking block by block).
CREATE FUNCTION perf_eval.may_see_run(year integer, methodology text, run_id bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.may_see_unpublished(NULL, NULL)
        OR EXISTS (SELECT 1 FROM perf_eval.block AS b WHERE perf_eval.may_see_result($1, $2, b.code, $3, NULL))
$$;
COMMENT ON FUNCTION perf_eval.may_see_run(integer, text, bigint) IS
'True if the current role may see the run''s record: it may see the run''s result of at least one block';

-- Objections of the bodies to their preliminary conclusions.
CREATE TABLE perf_eval.objection (
    objection_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year            integer NOT NULL,
    block           text NOT NULL REFERENCES perf_eval.block (code),
    methodology     text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    body            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    node            text NOT NULL REFERENCES perf_eval.score_node (code),
    claim           text NOT NULL CHECK (claim <> ''),
    value_asked     numeric,
    document        text NOT NULL CHECK (document <> ''),
    filed_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    filed_by        name NOT NULL DEFAULT session_user,
    decision        text CHECK (decision IN ('accepted', 'rejected')),
    decision_reason text,
    decided_at      timestamptz,
    decided_by      name,
    UNIQUE (year, methodology, body, node, document),
    CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decision_reason IS NULL))
);
COMMENT ON COLUMN perf_eval.objection.objection_id IS 'Identifier of the objection; cited by the explanation of the node it changed';
COMMENT ON COLUMN perf_eval.objection.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.objection.block IS 'Code of the block of the node';
COMMENT ON COLUMN perf_eval.objection.methodology IS 'Methodology version of the cycle';
COMMENT ON COLUMN perf_eval.objection.body IS 'Code of the objecting state body';
COMMENT ON COLUMN perf_eval.objection.node IS 'Code of the score node objected to';
COMMENT ON COLUMN perf_eval.objection.claim IS 'What the body claims';
COMMENT ON COLUMN perf_eval.objection.value_asked IS 'Score of the node the body asks for, in points';
COMMENT ON COLUMN perf_eval.objection.document IS 'Reference of the supporting document';
COMMENT ON COLUMN perf_eval.objection.filed_at IS 'When the objection was filed';
COMMENT ON COLUMN perf_eval.objection.filed_by IS 'Session role that filed it';
COMMENT ON COLUMN perf_eval.objection.decision IS 'accepted | rejected; NULL while pending';
COMMENT ON COLUMN perf_eval.objection.decision_reason IS 'Why the assessor decided so';
COMMENT ON COLUMN perf_eval.objection.decided_at IS 'When it was decided';
COMMENT ON COLUMN perf_eval.objection.decided_by IS 'Session role that decided it';
COMMENT ON TABLE perf_eval.objection IS
'Objections of bodies to their preliminary conclusions: node, claim, value asked, supporting document; the assessor''s decision with its reason. An accepted objection becomes a supplied score whose basis is the objection';
SELECT pg_catalog.pg_extension_config_dump('perf_eval.objection', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.objection_objection_id_seq', '');

ALTER TABLE perf_eval.objection ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.objection TO perf_eval_editor
    USING (perf_eval.may_see_values(body, block, year) AND perf_eval.may_see_unpublished(block, body)) WITH CHECK (true);
CREATE POLICY readers_read ON perf_eval.objection FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, block, year) AND perf_eval.may_see_result(year, methodology, block, NULL, body));
CREATE POLICY submitter_own_body ON perf_eval.objection TO perf_eval_submitter
    USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body));

-- Whether a run verifies (perf_eval.verify_run, when installed, lists the
-- nodes whose recomputation differs; called by name so this part does not
-- depend on the part that defines it).
CREATE FUNCTION perf_eval.refuse_unverified_run(run bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    differing bigint;
BEGIN
    IF pg_catalog.to_regprocedure('perf_eval.verify_run(bigint)') IS NULL THEN
        RETURN;
    END IF;
    EXECUTE 'SELECT count(*) FROM perf_eval.verify_run($1)' INTO differing USING run;
    IF differing > 0 THEN
        RAISE EXCEPTION 'run % does not verify: % nodes differ from a recomputation', run, differing
            USING ERRCODE = '22023', HINT = pg_catalog.format('See SELECT * FROM perf_eval.verify_run(%s); publish a run that verifies.', run);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_unverified_run(bigint) IS
'Refuses (22023) a run for which perf_eval.verify_run returns rows (nodes that a recomputation does not reproduce); does nothing where verify_run is not installed';

-- -------------------------------------------------------------------------
-- The cycle's records are unforgeable (docs/architecture.md §3.7; issue 16,
-- item 6). Every function runs with its caller's rights, so the rules of the moves are
-- row triggers on the records themselves: a direct INSERT or UPDATE by an
-- editor obeys exactly the rules the perf_eval.cycle_* functions obey (those
-- only write). An UPDATE that sets state is a move, checked by cycle_moves;
-- any other change is refused, but for a superuser's correction of a column
-- (unlogged; a superuser could disable the triggers anyway). Every accepted
-- move stamps the cycle's moved_at and writes its cycle_event from an AFTER
-- trigger of the same statement; cycle_event accepts only the first event of
-- the cycle's current move (to_state and moved_at equal to the cycle's,
-- unique per move), so a hand-made event is refused, or makes the move that
-- it anticipates fail. A publication is checked before it is written and
-- then moves its cycle to published.
-- -------------------------------------------------------------------------

-- The cycle of a year, block and methodology, locked; refused (22023) if none.
CREATE FUNCTION perf_eval.cycle_of(y integer, b text, v text)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle;
BEGIN
    SELECT * INTO c FROM perf_eval.assessment_cycle AS a
    WHERE a.year = y AND a.block = b AND a.methodology = v FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment cycle of block % for % under %', b, y, v
            USING ERRCODE = '22023', HINT = pg_catalog.format('Open it first: SELECT perf_eval.cycle_open(%s, %L).', y, b);
    END IF;
    RETURN c;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_of(integer, text, text) IS
'The assessment cycle of a year, block and methodology, locked for update; refused (22023) when there is none';

CREATE FUNCTION perf_eval.refuse_non_assessor(block text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT perf_eval.assesses(block) THEN
        RAISE EXCEPTION 'role % does not assess block %', current_user, block
            USING ERRCODE = '42501', HINT = 'The assessor of a block is mapped in perf_eval.block_assessor (perf_eval_admin when none is).';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_non_assessor(text) IS
'Refuses (42501) a role that does not assess the block (perf_eval.assesses)';

-- A run that may be fixed or published for a year and methodology.
CREATE FUNCTION perf_eval.refuse_foreign_run(run bigint, y integer, v text, verb text)
RETURNS perf_eval.run
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.run;
BEGIN
    SELECT * INTO r FROM perf_eval.run AS x WHERE x.run_id = run;
    IF NOT FOUND OR r.status <> 'succeeded' OR r.year <> y OR r.methodology <> v THEN
        RAISE EXCEPTION 'run % is not a succeeded run of % under %', coalesce(run::text, '(none)'), y, v
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and %s its run.', y, v, verb);
    END IF;
    RETURN r;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_foreign_run(bigint, integer, text, text) IS
'Refuses (22023) a run that is not a succeeded run of the year and methodology; verb names what to do with a good one (finalise, publish)';

CREATE FUNCTION perf_eval.refuse_illegal_move(y integer, b text, state text, to_state text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    from_state text := CASE to_state WHEN 'preliminary' THEN 'collecting' WHEN 'objections' THEN 'preliminary'
                                     WHEN 'final' THEN 'objections' WHEN 'published' THEN 'final' END;
BEGIN
    RAISE EXCEPTION 'the assessment cycle of block % for % is %, it cannot move to %', b, y, state, to_state
        USING ERRCODE = '22023',
              DETAIL = pg_catalog.format('%s moves only from %s.', to_state, coalesce(from_state, 'nothing: a cycle opens in collecting')),
              HINT = CASE to_state
                         WHEN 'objections' THEN 'Move the cycle to preliminary and recalculate first (perf_eval.cycle_preliminary).'
                         WHEN 'final' THEN 'Open objections first (perf_eval.cycle_open_objections); a published cycle is corrected with perf_eval.cycle_revise.'
                         WHEN 'published' THEN 'Finalise first (perf_eval.cycle_finalise); a published cycle is corrected with perf_eval.cycle_revise.'
                         ELSE 'The cycle goes collecting, preliminary, objections, final, published.' END;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_illegal_move(integer, text, text, text) IS
'Refuses (22023) a move of the cycle of year y and block b, in stage state, to to_state from a stage it does not start from, naming the legal one and the next step';

-- A new cycle: by the block's assessor, in collecting, opened now by the
-- session user.
CREATE FUNCTION perf_eval.cycle_opens()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.refuse_non_assessor(NEW.block);
    IF NOT EXISTS (SELECT 1 FROM perf_eval.block AS k WHERE k.code = NEW.block) THEN
        RAISE EXCEPTION 'no block %', NEW.block USING ERRCODE = '22023', HINT = 'The blocks are listed in perf_eval.block.';
    END IF;
    IF EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS a
               WHERE a.year = NEW.year AND a.block = NEW.block AND a.methodology = NEW.methodology) THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % under % is already open', NEW.block, NEW.year, NEW.methodology
            USING ERRCODE = '22023', HINT = 'A year and block has one cycle; see its stage in perf_eval.assessment_cycle.';
    END IF;
    IF NEW.opened_by IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'a cycle is opened by the session user (%), not %', session_user, NEW.opened_by
            USING ERRCODE = '42501', HINT = 'Leave opened_by to its default.';
    END IF;
    IF NEW.state <> 'collecting' OR num_nonnulls(NEW.preliminary_at, NEW.objections_at, NEW.objection_working_days,
                                                 NEW.objection_deadline, NEW.final_at, NEW.final_run_id, NEW.published_at) > 0 THEN
        RAISE EXCEPTION 'a cycle opens in collecting, without the dates of later stages'
            USING ERRCODE = '22023', HINT = 'Open it with perf_eval.cycle_open(year, block) and move it with the perf_eval.cycle_* functions.';
    END IF;
    NEW.opened_at := clock_timestamp();
    NEW.moved_at := NEW.opened_at;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_opens() IS
'Trigger: a new assessment cycle is opened by the block''s assessor (42501), of a known block, once (22023), in collecting without later dates (22023), by the session user (42501), now';

-- An UPDATE that names state is a move: cycle_move_requested marks it (the
-- triggers fire in name order) for cycle_moves to check.
CREATE FUNCTION perf_eval.cycle_move_requested()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.moved_at := NULL;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_move_requested() IS
'Trigger (BEFORE UPDATE OF state, fires before cycle_moves): marks the change as a move for cycle_moves to check';

-- The run fixed as final: a succeeded run of the year and methodology
-- computed in the preliminary or objection stage (or the run an unchanged
-- one of then repeats), every objection decided, started after the last
-- accepted one.
CREATE FUNCTION perf_eval.refuse_final_run(y integer, b text, v text, preliminary_at timestamptz, run bigint)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.run := perf_eval.refuse_foreign_run(run, y, v, 'finalise');
    pending bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.run AS x
                   WHERE x.year = y AND x.methodology = v AND x.started_at >= refuse_final_run.preliminary_at
                     AND x.status IN ('succeeded', 'unchanged') AND coalesce(x.same_as_run, x.run_id) = run) THEN
        RAISE EXCEPTION 'run % was not computed in the preliminary or objection stage of block % for %', run, b, y
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and finalise its run.', y, v);
    END IF;
    SELECT count(*) INTO pending FROM perf_eval.objection AS o
    WHERE o.year = y AND o.block = b AND o.methodology = v AND o.decision IS NULL;
    IF pending > 0 THEN
        RAISE EXCEPTION '% objections to block % of % are not decided', pending, b, y
            USING ERRCODE = '22023', HINT = 'Decide every objection first (perf_eval.decide_objection).';
    END IF;
    IF r.started_at < (SELECT max(o.decided_at) FROM perf_eval.objection AS o
                       WHERE o.year = y AND o.block = b AND o.methodology = v
                         AND o.decision = 'accepted') THEN
        RAISE EXCEPTION 'run % started before the last accepted objection of block % was applied', run, b
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and finalise the new run.', y, v);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_final_run(integer, text, text, timestamptz, bigint) IS
'Refuses (22023) a final run that is not a succeeded run of the cycle''s year y and methodology v computed in its preliminary or objection stage, or while objections are undecided, or started before the last accepted objection';

CREATE FUNCTION perf_eval.cycle_moves()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    expected perf_eval.assessment_cycle := OLD;
BEGIN
    IF NEW.moved_at IS NOT NULL THEN
        -- Not a move: a superuser's correction, or the rename of the
        -- cycle's methodology cascading; nothing else.
        IF (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
            RETURN NEW;
        END IF;
        expected.methodology := NEW.methodology;
        IF NEW IS NOT DISTINCT FROM expected
           AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = OLD.methodology) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'an assessment cycle changes only by a move of its stage'
            USING ERRCODE = '22023', DETAIL = pg_catalog.format('Block %s of %s under %s.', OLD.block, OLD.year, OLD.methodology),
                  HINT = 'Move it with the perf_eval.cycle_* functions.';
    END IF;
    PERFORM perf_eval.refuse_non_assessor(OLD.block);
    IF NOT (OLD.state, NEW.state) IN (('collecting', 'preliminary'), ('preliminary', 'objections'), ('objections', 'final'),
                                      ('final', 'published'), ('published', 'published')) THEN
        PERFORM perf_eval.refuse_illegal_move(OLD.year, OLD.block, OLD.state, NEW.state);
    END IF;
    expected.state := NEW.state;
    expected.moved_at := NULL;
    IF NEW.state = 'objections' THEN
        IF NOT EXISTS (SELECT 1 FROM perf_eval.result_run AS r
                       WHERE r.year = OLD.year AND r.block = OLD.block AND r.methodology = OLD.methodology
                         AND r.result_kind = 'preliminary') THEN
            RAISE EXCEPTION 'block % of % has no preliminary run to object to', OLD.block, OLD.year
                USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate first: CALL perf_eval.recalculate(%s, %L).', OLD.year, OLD.methodology);
        END IF;
        IF NEW.objection_working_days IS NULL OR NEW.objection_deadline IS NULL THEN
            RAISE EXCEPTION 'objections open with their working days and deadline' USING ERRCODE = '22023',
                HINT = 'perf_eval.cycle_open_objections(year, block[, methodology, working_days, opened_on]).';
        END IF;
        expected.objection_working_days := NEW.objection_working_days;
        expected.objection_deadline := NEW.objection_deadline;
    ELSIF NEW.state = 'final' THEN
        PERFORM perf_eval.refuse_final_run(OLD.year, OLD.block, OLD.methodology, OLD.preliminary_at, NEW.final_run_id);
        expected.final_run_id := NEW.final_run_id;
    ELSIF NEW.state = 'published' AND NOT EXISTS (
              SELECT 1 FROM perf_eval.publication AS p
              WHERE p.year = OLD.year AND p.block = OLD.block AND p.methodology = OLD.methodology
                AND p.published_at > OLD.moved_at AND (p.revision > 1 OR p.run_id = OLD.final_run_id)) THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % is published by publishing a revision', OLD.block, OLD.year
            USING ERRCODE = '22023', HINT = 'perf_eval.cycle_publish(year, block) publishes the final run; perf_eval.cycle_revise(year, block, reason) a correction.';
    END IF;
    IF NEW IS DISTINCT FROM expected THEN
        RAISE EXCEPTION 'a move of an assessment cycle changes only its stage and what the stage records'
            USING ERRCODE = '22023',
                  DETAIL = 'The dates are set by the move; the working days and deadline only when objections open, the final run only when it is fixed.',
                  HINT = 'Move it with the perf_eval.cycle_* functions.';
    END IF;
    NEW.moved_at := clock_timestamp();
    CASE NEW.state
        WHEN 'preliminary' THEN NEW.preliminary_at := NEW.moved_at;
        WHEN 'objections' THEN NEW.objections_at := NEW.moved_at;
        WHEN 'final' THEN NEW.final_at := NEW.moved_at;
        ELSE NEW.published_at := coalesce(OLD.published_at, NEW.moved_at);
    END CASE;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_moves() IS
'Trigger: a change of an assessment cycle is a legal move (collecting, preliminary, objections, final, published; published again for a revision) by the block''s assessor (42501), changing only its stage, the working days and deadline when objections open and the final run when it is fixed (22023), each with the rules of its cycle_* function; the trigger stamps the dates. Other changes are refused (22023) but for a superuser''s correction and the rename of the methodology';

-- Every move is logged by the statement that makes it.
CREATE FUNCTION perf_eval.cycle_logs_move()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p perf_eval.publication;
BEGIN
    SELECT * INTO p FROM perf_eval.publication AS x
    WHERE NEW.state = 'published' AND x.year = NEW.year AND x.block = NEW.block AND x.methodology = NEW.methodology
    ORDER BY x.revision DESC LIMIT 1;
    INSERT INTO perf_eval.cycle_event (year, block, methodology, from_state, to_state, run_id, note, moved_at)
    VALUES (NEW.year, NEW.block, NEW.methodology, CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END, NEW.state,
            coalesce(p.run_id, NEW.final_run_id),
            CASE NEW.state
                WHEN 'objections' THEN pg_catalog.format('%s working days, until %s', NEW.objection_working_days, NEW.objection_deadline)
                WHEN 'published' THEN coalesce(p.reason, 'revision ' || p.revision) END,
            NEW.moved_at);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_logs_move() IS
'Trigger (AFTER INSERT, and AFTER UPDATE that moves): records the move in cycle_event with the run fixed or published and the deadline, revision or reason';

CREATE FUNCTION perf_eval.cycle_event_of_a_move()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS a
                   WHERE a.year = NEW.year AND a.block = NEW.block AND a.methodology = NEW.methodology
                     AND a.state = NEW.to_state AND a.moved_at = NEW.moved_at)
       OR NEW.moved_by IS DISTINCT FROM session_user
       OR EXISTS (SELECT 1 FROM perf_eval.cycle_event AS e
                  WHERE e.year = NEW.year AND e.block = NEW.block AND e.methodology = NEW.methodology
                    AND e.moved_at = NEW.moved_at) THEN
        RAISE EXCEPTION 'the log of an assessment cycle is written by its moves'
            USING ERRCODE = '42501',
                  HINT = 'Move the cycle with the perf_eval.cycle_* functions; each move records its event.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_event_of_a_move() IS
'Trigger: a cycle_event is accepted (else 42501) only as the first record of the cycle''s current move (its stage and moved_at) by the session user: the one the move writes itself';

-- A publication: revision 1 of the final run of a final cycle, or the next
-- revision, with a reason, of a published one; by the assessor, now, of a
-- run that verifies. It then moves its cycle (publication_moves_cycle).
CREATE FUNCTION perf_eval.publication_checked()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle := perf_eval.cycle_of(NEW.year, NEW.block, NEW.methodology);
    n integer;
BEGIN
    PERFORM perf_eval.refuse_non_assessor(c.block);
    SELECT coalesce(max(x.revision), 0) + 1 INTO n FROM perf_eval.publication AS x
    WHERE x.year = c.year AND x.block = c.block AND x.methodology = c.methodology;
    IF c.state = 'final' AND coalesce(NEW.revision, 1) = 1 THEN
        IF NEW.run_id IS DISTINCT FROM c.final_run_id AND NEW.run_id IS NOT NULL OR NEW.reason IS NOT NULL THEN
            RAISE EXCEPTION 'revision 1 of block % for % publishes its final run %, without a reason', c.block, c.year, c.final_run_id
                USING ERRCODE = '22023', HINT = 'Publish it with perf_eval.cycle_publish(year, block); another run is a corrected revision (perf_eval.cycle_revise).';
        END IF;
        NEW.run_id := c.final_run_id;
    ELSIF c.state = 'published' AND NEW.revision IS DISTINCT FROM 1 THEN
        IF coalesce(NEW.reason, '') = '' THEN
            RAISE EXCEPTION 'a corrected revision needs a reason' USING ERRCODE = '22023',
                HINT = 'perf_eval.cycle_revise(year, block, reason[, run_id]).';
        END IF;
        PERFORM perf_eval.refuse_foreign_run(NEW.run_id, c.year, c.methodology, 'publish');
    ELSIF NEW.revision IS DISTINCT FROM 1 THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % is %, it cannot be revised', c.block, c.year, c.state
            USING ERRCODE = '22023', HINT = 'Only a published cycle is revised; publish it first (perf_eval.cycle_publish).';
    ELSE
        PERFORM perf_eval.refuse_illegal_move(c.year, c.block, c.state, 'published');
    END IF;
    IF coalesce(NEW.revision, n) <> n THEN
        RAISE EXCEPTION 'the next revision of block % for % is %', c.block, c.year, n USING ERRCODE = '22023';
    END IF;
    IF NEW.published_by IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'a revision is published by the session user (%), not %', session_user, NEW.published_by
            USING ERRCODE = '42501', HINT = 'Leave published_by to its default.';
    END IF;
    PERFORM perf_eval.refuse_unverified_run(NEW.run_id);
    NEW.revision := n;
    NEW.published_at := clock_timestamp();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.publication_checked() IS
'Trigger: a publication is revision 1 of the final run of a final cycle, or the next revision (with a reason, of a succeeded run of the year and methodology) of a published one (22023); by the block''s assessor and the session user (42501), now, of a run perf_eval.verify_run does not dispute (22023)';

CREATE FUNCTION perf_eval.publication_moves_cycle()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE perf_eval.assessment_cycle AS a SET state = 'published'
    WHERE a.year = NEW.year AND a.block = NEW.block AND a.methodology = NEW.methodology;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.publication_moves_cycle() IS
'Trigger (AFTER INSERT): moves the publication''s cycle to published (a logged move; again for a corrected revision)';

-- An objection: filed by the body's own submitter while its block's cycle is
-- open to objections, undecided; decided once by the block's assessor.
CREATE FUNCTION perf_eval.objection_filed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = NEW.node);
BEGIN
    IF b IS NULL THEN
        RAISE EXCEPTION 'no score node %', NEW.node USING ERRCODE = '22023', HINT = 'The nodes are listed in perf_eval.score_node.';
    END IF;
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
        RETURN NEW;   -- a superuser's fixture or correction
    END IF;
    IF NOT perf_eval.submits_for(NEW.body) THEN
        RAISE EXCEPTION 'role % does not submit for body %', current_user, NEW.body
            USING ERRCODE = '42501', HINT = 'A body objects through its own submitter (perf_eval.body_submitter).';
    END IF;
    IF NEW.block IS DISTINCT FROM b THEN
        RAISE EXCEPTION 'node % is of block %, not %', NEW.node, b, NEW.block USING ERRCODE = '22023';
    END IF;
    IF NEW.filed_by IS DISTINCT FROM session_user OR num_nonnulls(NEW.decision, NEW.decision_reason, NEW.decided_at, NEW.decided_by) > 0 THEN
        RAISE EXCEPTION 'an objection is filed undecided, by the session user' USING ERRCODE = '42501',
            HINT = 'perf_eval.file_objection(year, body, node, claim, value_asked, document).';
    END IF;
    NEW.filed_at := clock_timestamp();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_filed() IS
'Trigger: an objection is filed by the body''s own submitter (42501), for a node of its block (22023), undecided, by the session user (42501), now (objection_in_time then checks the stage); a superuser''s insert is not checked';

-- After the row (so that a duplicate is reported as such first): the
-- block's cycle is open to objections and the deadline has not passed.
CREATE FUNCTION perf_eval.refuse_objection_out_of_time(y integer, b text, v text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle;
BEGIN
    SELECT * INTO c FROM perf_eval.assessment_cycle AS a WHERE a.year = y AND a.block = b AND a.methodology = v;
    IF NOT FOUND OR c.state <> 'objections' THEN
        RAISE EXCEPTION 'block % of % is not open to objections', b, y
            USING ERRCODE = '22023',
                  DETAIL = pg_catalog.format('The cycle is %s.', coalesce(c.state, 'not open')),
                  HINT = 'Objections are filed between perf_eval.cycle_open_objections and the objection deadline.';
    END IF;
    IF current_date > c.objection_deadline THEN
        RAISE EXCEPTION 'the objection deadline of block % of % was %', b, y, c.objection_deadline
            USING ERRCODE = '22023',
                  HINT = pg_catalog.format('Objections were open for %s working days.', c.objection_working_days);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_objection_out_of_time(integer, text, text) IS
'Refuses (22023) an objection to block b of year y under v unless its cycle is in objections and the deadline has not passed';

-- After the row (so that a duplicate is reported as such first).
CREATE FUNCTION perf_eval.objection_in_time()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
        PERFORM perf_eval.refuse_objection_out_of_time(NEW.year, NEW.block, NEW.methodology);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_in_time() IS
'Trigger (AFTER INSERT): an objection is filed while its block''s cycle is in objections and before the deadline (22023); a superuser''s direct insert is not checked';

CREATE FUNCTION perf_eval.objection_decided()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.refuse_non_assessor(OLD.block);
    IF NEW.decision IS NULL OR NEW.decision NOT IN ('accepted', 'rejected') OR coalesce(NEW.decision_reason, '') = '' THEN
        RAISE EXCEPTION 'an objection is accepted or rejected with a reason'
            USING ERRCODE = '22023', HINT = 'decide_objection(id, ''accepted'' or ''rejected'', reason).';
    END IF;
    IF OLD.decision IS NOT NULL THEN
        RAISE EXCEPTION 'objection % was already %', OLD.objection_id, OLD.decision USING ERRCODE = '22023';
    END IF;
    IF (SELECT a.state FROM perf_eval.assessment_cycle AS a
        WHERE a.year = OLD.year AND a.block = OLD.block AND a.methodology = OLD.methodology) <> 'objections' THEN
        RAISE EXCEPTION 'objection % can no longer be decided: its cycle left the objection stage', OLD.objection_id
            USING ERRCODE = '22023';
    END IF;
    IF NEW.decision = 'accepted' AND OLD.value_asked IS NULL THEN
        RAISE EXCEPTION 'objection % asks for no value to apply', OLD.objection_id
            USING ERRCODE = '22023', HINT = 'Reject it, or correct the inputs and reject it with that reason.';
    END IF;
    IF (NEW.objection_id, NEW.year, NEW.block, NEW.methodology, NEW.body, NEW.node, NEW.claim, NEW.value_asked, NEW.document,
        NEW.filed_at, NEW.filed_by, NEW.decided_at, NEW.decided_by)
       IS DISTINCT FROM
       (OLD.objection_id, OLD.year, OLD.block, OLD.methodology, OLD.body, OLD.node, OLD.claim, OLD.value_asked, OLD.document,
        OLD.filed_at, OLD.filed_by, OLD.decided_at, OLD.decided_by) THEN
        RAISE EXCEPTION 'only the decision and its reason of objection % change', OLD.objection_id
            USING ERRCODE = '22023', HINT = 'decide_objection(id, ''accepted'' or ''rejected'', reason); who and when are recorded.';
    END IF;
    NEW.decided_at := clock_timestamp();
    NEW.decided_by := session_user;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_decided() IS
'Trigger: an objection is decided once (22023), by the block''s assessor (42501), accepted (with a value asked) or rejected with a reason, while its cycle is in objections; only the decision and reason change, who and when are set';

-- An accepted objection is applied as a supplied score whose basis is the
-- objection: the next preliminary run shows it, its explanation cites it.
CREATE FUNCTION perf_eval.objection_applied()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO perf_eval.supplied_score AS s (body, year, node, methodology, value, basis_document, note)
    VALUES (NEW.body, NEW.year, NEW.node, NEW.methodology, NEW.value_asked,
            pg_catalog.format('objection %s: %s', NEW.objection_id, NEW.document),
            pg_catalog.format('Objection %s accepted: %s', NEW.objection_id, NEW.decision_reason))
    ON CONFLICT (body, year, node, methodology) DO UPDATE
    SET value = EXCLUDED.value, basis_document = EXCLUDED.basis_document, note = EXCLUDED.note,
        supplied_by = current_user, supplied_at = now();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_applied() IS
'Trigger (AFTER UPDATE to accepted): applies the objection as a supplied score of the node (value asked, basis "objection N: document")';

CREATE TRIGGER cycle_opens BEFORE INSERT ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_opens();
CREATE TRIGGER cycle_move_requested BEFORE UPDATE OF state ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_move_requested();
CREATE TRIGGER cycle_moves BEFORE UPDATE ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_moves();
CREATE TRIGGER cycle_logs_opening AFTER INSERT ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_logs_move();
CREATE TRIGGER cycle_logs_move AFTER UPDATE ON perf_eval.assessment_cycle
FOR EACH ROW WHEN (OLD.moved_at IS DISTINCT FROM NEW.moved_at) EXECUTE FUNCTION perf_eval.cycle_logs_move();
CREATE TRIGGER cycle_event_of_a_move BEFORE INSERT ON perf_eval.cycle_event
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_event_of_a_move();
CREATE TRIGGER publication_checked BEFORE INSERT ON perf_eval.publication
FOR EACH ROW EXECUTE FUNCTION perf_eval.publication_checked();
CREATE TRIGGER publication_moves_cycle AFTER INSERT ON perf_eval.publication
FOR EACH ROW EXECUTE FUNCTION perf_eval.publication_moves_cycle();
CREATE TRIGGER objection_filed BEFORE INSERT ON perf_eval.objection
FOR EACH ROW EXECUTE FUNCTION perf_eval.objection_filed();
CREATE TRIGGER objection_in_time AFTER INSERT ON perf_eval.objection
FOR EACH ROW EXECUTE FUNCTION perf_eval.objection_in_time();
CREATE TRIGGER objection_decided BEFORE UPDATE ON perf_eval.objection
FOR EACH ROW EXECUTE FUNCTION perf_eval.objection_decided();
CREATE TRIGGER objection_applied AFTER UPDATE ON perf_eval.objection
FOR EACH ROW WHEN (NEW.decision = 'accepted' AND OLD.decision IS NULL) EXECUTE FUNCTION perf_eval.objection_applied();


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

-- The current result of a year under a methodology: its latest successful run.
CREATE VIEW perf_eval.current_run AS
SELECT DISTINCT ON (r.year, r.methodology)
       r.run_id, r.year, r.methodology, r.finished_at, r.inputs_digest
FROM perf_eval.run AS r
WHERE r.status = 'succeeded' AND perf_eval.may_see_run(r.year, r.methodology, r.run_id)
ORDER BY r.year, r.methodology, r.run_id DESC;
COMMENT ON COLUMN perf_eval.current_run.run_id IS 'The latest succeeded run of the year and methodology';
COMMENT ON COLUMN perf_eval.current_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.current_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.current_run.finished_at IS 'When that run finished';
COMMENT ON COLUMN perf_eval.current_run.inputs_digest IS 'Digest of the inputs that run used';
COMMENT ON VIEW perf_eval.current_run IS
'The latest successful run per year and methodology: the current result (docs/methodology.md §9.1)';

-- Which run each kind of result of a year, block and methodology is:
-- published (the revision not superseded), final (the run fixed for
-- publication), preliminary (the latest run started during the preliminary
-- or objection stage; an unchanged run stands for the run it repeats) and,
-- for a year and block without a cycle, latest (the latest successful run).
-- The default result is published where a cycle exists, latest elsewhere.
CREATE VIEW perf_eval.result_run_all AS
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
-- What the current role sees of it: results not yet published only if it
-- may (perf_eval.may_see_result_kind); result_run_all, which the result
-- views compute from, is read by no role.
CREATE VIEW perf_eval.result_run AS
SELECT a.year, a.block, a.methodology, a.result_kind, a.run_id, a.is_default
FROM perf_eval.result_run_all AS a
WHERE perf_eval.may_see_result_kind(a.result_kind, a.block, NULL);
COMMENT ON COLUMN perf_eval.result_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_run.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.result_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_run.result_kind IS 'published (of record) | final (fixed, not yet published) | preliminary (during the preliminary and objection stages) | latest (a year and block without a cycle: its latest successful run)';
COMMENT ON COLUMN perf_eval.result_run.run_id IS 'The run whose scores of the block are that result';
COMMENT ON COLUMN perf_eval.result_run.is_default IS 'True for the result the reporting views show: published where a cycle exists, latest where none does';
COMMENT ON VIEW perf_eval.result_run IS
'Per year, block and methodology: the run of each kind of result (published, final, preliminary, latest) and which one the reporting views show by default (docs/architecture.md §3.7)';

-- The scores of every kind of result, each block from its own run.
CREATE VIEW perf_eval.result_score_all AS
SELECT rr.year, rr.methodology, s.run_id, s.body, s.node, s.value, s.raw_value, s.origin, s.superseded, s.status,
       s.reason, s.explanation, rr.result_kind, rr.is_default, rr.block
FROM perf_eval.result_run_all AS rr
JOIN perf_eval.score AS s ON s.run_id = rr.run_id
JOIN perf_eval.score_node AS n ON n.code = s.node AND n.block = rr.block;
COMMENT ON VIEW perf_eval.result_score_all IS
'The score trees of every kind of result, whoever reads them: what the result views compute ranks and means from; read by no role (perf_eval.result_score is what a role may see)';
COMMENT ON COLUMN perf_eval.result_score_all.block IS 'Code of the block of the node';

-- What the current role sees: results it may see (perf_eval.may_see_result_kind),
-- the values of a restricted block only if it may (perf_eval.may_see_values).
CREATE VIEW perf_eval.result_score AS
SELECT a.year, a.methodology, a.run_id, a.body, a.node,
       CASE WHEN v.visible THEN a.value END AS value,
       CASE WHEN v.visible THEN a.raw_value END AS raw_value,
       a.origin, a.superseded, a.status, a.reason,
       CASE WHEN v.visible THEN a.explanation END AS explanation,
       a.result_kind, a.is_default
FROM perf_eval.result_score_all AS a
CROSS JOIN LATERAL (SELECT perf_eval.may_see_values(a.body, a.block, a.year) AS visible) AS v
WHERE perf_eval.may_see_result_kind(a.result_kind, a.block, a.body);
COMMENT ON COLUMN perf_eval.result_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_score.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_score.run_id IS 'Run of the result';
COMMENT ON COLUMN perf_eval.result_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.result_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable, or restricted and not visible to the role';
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
COMMENT ON COLUMN perf_eval.current_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.current_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.current_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.current_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.current_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.current_score.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.current_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.current_score.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one: the latest successful run)';
COMMENT ON VIEW perf_eval.current_score IS 'The score tree shown of every year and methodology: per block the published revision where an assessment cycle exists, else the latest successful run (docs/architecture.md §3.7)';

-- The internal views carry the comments of the columns they share with the
-- views every role reads (one description per column).
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT i.relname AS internal, a.attname, pg_catalog.col_description(p.oid, pa.attnum) AS description
             FROM (VALUES ('result_run_all', 'result_run'), ('result_score_all', 'result_score')) AS m(internal, public)
             JOIN pg_catalog.pg_class AS i ON i.relname = m.internal AND i.relnamespace = 'perf_eval'::regnamespace
             JOIN pg_catalog.pg_class AS p ON p.relname = m.public AND p.relnamespace = 'perf_eval'::regnamespace
             JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.oid AND a.attnum > 0
             JOIN pg_catalog.pg_attribute AS pa ON pa.attrelid = p.oid AND pa.attname = a.attname
             WHERE pg_catalog.col_description(i.oid, a.attnum) IS NULL LOOP
        EXECUTE format('COMMENT ON COLUMN perf_eval.%I.%I IS %L', c.internal, c.attname, c.description);
    END LOOP;
END
$$;
COMMENT ON VIEW perf_eval.result_run_all IS
'Per year, block and methodology: the run of each kind of result, whoever reads it; read by no role (perf_eval.result_run is what a role may see)';

CREATE VIEW perf_eval.run_health AS
WITH last_run AS (
    SELECT DISTINCT ON (r.year, r.methodology) r.*
    FROM perf_eval.run AS r
    WHERE perf_eval.may_see_run(r.year, r.methodology, r.run_id)
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
-- §3.4, "Who writes results"). Every function runs with its caller's rights, so the
-- recalculation inserts as its caller; row-level security admits
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

-- Row-level security of the results reads the run under the caller's own
-- row-level security (perf_eval.may_see_run): a score, problem or run_body
-- row is seen with its run, a score only if its values and its result may be
-- (docs/architecture.md "Visibility model").
CREATE FUNCTION perf_eval.may_see_run_id(run_id bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.run AS r WHERE r.run_id = $1)
$$;
COMMENT ON FUNCTION perf_eval.may_see_run_id(bigint) IS
'True if the current role may see the run''s record (perf_eval.may_see_run, through the run''s row-level security)';

CREATE FUNCTION perf_eval.may_see_score(run_id bigint, body text, node text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.may_see_unpublished(NULL, NULL) AND perf_eval.may_see_restricted()
        OR coalesce((SELECT perf_eval.may_see_values($2, n.block, r.year)
                            AND perf_eval.may_see_result(r.year, r.methodology, n.block, r.run_id, $2)
                     FROM perf_eval.run AS r
                     JOIN perf_eval.score_node AS n ON n.code = $3
                     WHERE r.run_id = $1), false)
$$;
COMMENT ON FUNCTION perf_eval.may_see_score(bigint, text, text) IS
'True if the current role may see the score of the body''s node in the run: its values (perf_eval.may_see_values) and the run''s result of the node''s block (perf_eval.may_see_result)';

ALTER TABLE perf_eval.run ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_readable ON perf_eval.run FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_run(year, methodology, run_id));
CREATE POLICY run_logged_running ON perf_eval.run FOR INSERT TO perf_eval_admin
    WITH CHECK (status = 'running' AND started_by = session_user AND finished_at IS NULL
                AND inputs_digest IS NULL AND context_digest IS NULL AND same_as_run IS NULL
                AND bodies_scored IS NULL AND nodes_scored IS NULL
                AND backend_pid IS NOT DISTINCT FROM pg_catalog.pg_backend_pid());
CREATE POLICY run_finished_by_the_engine ON perf_eval.run FOR UPDATE TO perf_eval_admin
    USING (true)
    WITH CHECK (status IN ('running', 'failed', 'abandoned') OR perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.score ENABLE ROW LEVEL SECURITY;
CREATE POLICY score_readable ON perf_eval.score FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_score(run_id, body, node));
CREATE POLICY score_written_by_the_engine ON perf_eval.score FOR INSERT TO perf_eval_admin WITH CHECK (perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.run_problems ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_problems_readable ON perf_eval.run_problems FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_run_id(run_id));
CREATE POLICY run_problems_written_by_the_engine ON perf_eval.run_problems FOR INSERT TO perf_eval_admin
    WITH CHECK (perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.run_body ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_body_readable ON perf_eval.run_body FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_run_id(run_id));
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
-- The visibility functions (may_see_result) read the cycle's publications and assessors.
GRANT SELECT ON perf_eval.publication, perf_eval.block_assessor TO perf_eval_submitter;
-- The cycle_* functions (run by an assessor, an editor) write the cycle
-- records, past the triggers that check every row.
GRANT INSERT, UPDATE ON perf_eval.assessment_cycle TO perf_eval_editor;
GRANT INSERT ON perf_eval.cycle_event, perf_eval.publication TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.cycle_event_event_id_seq TO perf_eval_editor;
GRANT SELECT ON perf_eval.block_assessor, perf_eval.objection TO perf_eval_reader;
GRANT SELECT, INSERT ON perf_eval.objection TO perf_eval_submitter;
GRANT USAGE ON SEQUENCE perf_eval.objection_objection_id_seq TO perf_eval_submitter, perf_eval_editor;
GRANT SELECT, INSERT, UPDATE ON perf_eval.objection TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.block_assessor TO perf_eval_admin;
GRANT INSERT, UPDATE ON perf_eval.run TO perf_eval_admin;
GRANT INSERT ON perf_eval.score TO perf_eval_admin;
GRANT INSERT ON perf_eval.run_problems, perf_eval.run_body TO perf_eval_admin;
GRANT USAGE ON SEQUENCE perf_eval.run_run_id_seq TO perf_eval_editor;
REVOKE EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() TO perf_eval_admin;
