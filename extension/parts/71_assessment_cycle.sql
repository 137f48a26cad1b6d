-- =========================================================================
-- Section: the assessment cycle and objections (docs/architecture.md §3.7)
-- The moves of a cycle (its records, assessment_cycle, cycle_event and
-- publication, are in 55_runs.sql, which the result views read):
--   cycle_open            -> collecting    reported data are collected
--   cycle_preliminary     -> preliminary   runs started from now on are preliminary
--   cycle_open_objections -> objections    preliminary conclusions go to the bodies
--   cycle_finalise        -> final         the run to publish is fixed
--   cycle_publish         -> published     revision 1, frozen
--   cycle_revise          (published)      a corrected revision with a reason
-- Each is refused with 22023 and a hint when illegal, by the row triggers of
-- those records (55_runs.sql), which hold every rule so that a direct write
-- obeys them too; the functions only write. This part comes after
-- the civil-servant parts because the objection deadline counts working days
-- on their calendar (cs_add_working_days, 65_civil_servant_model.sql).
-- =========================================================================

-- Settings of the cycle with their provenance; the objection period is not
-- stated by the sources (assumed).
CREATE TABLE perf_eval.cycle_setting (
    key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]*$'),
    value       integer NOT NULL CHECK (value > 0),
    provenance  text NOT NULL CHECK (provenance IN ('explicit', 'derived', 'assumed')),
    source      text NOT NULL CHECK (source <> ''),
    note        text
);
COMMENT ON COLUMN perf_eval.cycle_setting.key IS 'Name of the setting: objection_working_days';
COMMENT ON COLUMN perf_eval.cycle_setting.value IS 'Value of the setting (objection_working_days: working days, count)';
COMMENT ON COLUMN perf_eval.cycle_setting.provenance IS 'explicit (stated by a source) | derived | assumed (a decided reading)';
COMMENT ON COLUMN perf_eval.cycle_setting.source IS 'Public document the value comes from, or why it is assumed';
COMMENT ON COLUMN perf_eval.cycle_setting.note IS 'Free-text note on the setting';
COMMENT ON TABLE perf_eval.cycle_setting IS
'Settings of the assessment cycle with their provenance: objection_working_days, the working days a body has to object to its preliminary conclusions (default of perf_eval.cycle_open_objections)';
INSERT INTO perf_eval.cycle_setting VALUES
('objection_working_days', 10, 'assumed',
 'Neither the APA 2020 report nor the joint order of 27/28 January 2020 (No. 32/НҚ, No. 25) states how long a body may object to its preliminary conclusions; ten working days assumed',
 'Counted on the working calendar perf_eval.cs_working_calendar; the day after objections open is day 1');

-- One move of a cycle: its rules are the triggers of perf_eval.assessment_cycle
-- (cycle_moves, 55_runs.sql), which also log it.
CREATE FUNCTION perf_eval.cycle_move(y integer, b text, v text, to_state text, run bigint DEFAULT NULL,
                                     objection_days integer DEFAULT NULL, deadline date DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle := perf_eval.cycle_of(y, b, v);
BEGIN
    UPDATE perf_eval.assessment_cycle AS a
    SET state = to_state,
        objection_working_days = CASE WHEN to_state = 'objections' THEN objection_days ELSE a.objection_working_days END,
        objection_deadline = CASE WHEN to_state = 'objections' THEN deadline ELSE a.objection_deadline END,
        final_run_id = CASE WHEN to_state = 'final' THEN run ELSE a.final_run_id END
    WHERE a.year = c.year AND a.block = c.block AND a.methodology = c.methodology
    RETURNING * INTO c;
    RETURN c;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_move(integer, text, text, text, bigint, integer, date) IS
'One move of an assessment cycle (used by the cycle_* functions): refused (22023) when the cycle is missing; the triggers of perf_eval.assessment_cycle check the move (42501, 22023) and log it in cycle_event';

CREATE FUNCTION perf_eval.cycle_open(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO perf_eval.assessment_cycle (year, block, methodology)
    VALUES ($1, $2, perf_eval.resolve_methodology($3))
    RETURNING *
$$;
COMMENT ON FUNCTION perf_eval.cycle_open(integer, text, text) IS
'Opens the assessment cycle of a year and block (methodology NULL: the default version) in stage collecting; from then on the reporting views show only its published result';

CREATE FUNCTION perf_eval.cycle_preliminary(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.cycle_move($1, $2, perf_eval.resolve_methodology($3), 'preliminary')
$$;
COMMENT ON FUNCTION perf_eval.cycle_preliminary(integer, text, text) IS
'Moves a cycle from collecting to preliminary: the recalculations started from now on are its preliminary runs';

CREATE FUNCTION perf_eval.cycle_open_objections(year integer, block text, methodology text DEFAULT NULL,
                                                working_days integer DEFAULT NULL, opened_on date DEFAULT current_date)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    days integer := coalesce(working_days, (SELECT s.value FROM perf_eval.cycle_setting AS s
                                            WHERE s.key = 'objection_working_days'));
BEGIN
    RETURN perf_eval.cycle_move(year, block, perf_eval.resolve_methodology(methodology), 'objections', NULL,
                                days, perf_eval.cs_add_working_days(opened_on, days));
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_open_objections(integer, text, text, integer, date) IS
'Moves a cycle from preliminary to objections (its preliminary run goes to the bodies); the objection deadline is working_days (default cycle_setting objection_working_days) working days after opened_on';

CREATE FUNCTION perf_eval.file_objection(year integer, body text, node text, claim text, value_asked numeric,
                                         document text, methodology text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = file_objection.node);
    v text;
    id bigint;
BEGIN
    -- A body reads the cycles, not the methodology catalogue: without a
    -- methodology, the block's cycle open to objections. The rules of filing
    -- are the triggers objection_filed and objection_in_time (55_runs.sql).
    SELECT a.methodology INTO v FROM perf_eval.assessment_cycle AS a
    WHERE a.year = file_objection.year AND a.block = b
      AND (a.methodology = file_objection.methodology OR file_objection.methodology IS NULL)
    ORDER BY a.state = 'objections' DESC, a.methodology LIMIT 1;
    INSERT INTO perf_eval.objection (year, block, methodology, body, node, claim, value_asked, document)
    VALUES (year, b, coalesce(v, file_objection.methodology), body, node, claim, value_asked, document)
    RETURNING objection_id INTO id;
    -- Also for a superuser, whose direct inserts the trigger lets through.
    PERFORM perf_eval.refuse_objection_out_of_time(year, b, coalesce(v, file_objection.methodology));
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.file_objection(integer, text, text, text, numeric, text, text) IS
'A body''s submitter objects to its preliminary score of a node: claim, value asked, supporting document (methodology NULL: the block''s cycle open to objections); only for its own body (42501), only while the block''s cycle is in objections and before the deadline (22023); returns the objection id';

CREATE FUNCTION perf_eval.decide_objection(objection_id bigint, decision text, reason text)
RETURNS perf_eval.objection
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o perf_eval.objection;
BEGIN
    -- The rules are the trigger objection_decided; an accepted objection is
    -- applied by the trigger objection_applied (55_runs.sql).
    UPDATE perf_eval.objection AS x
    SET decision = decide_objection.decision, decision_reason = reason
    WHERE x.objection_id = decide_objection.objection_id
    RETURNING * INTO o;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no objection %', objection_id USING ERRCODE = '22023';
    END IF;
    RETURN o;
END
$$;
COMMENT ON FUNCTION perf_eval.decide_objection(bigint, text, text) IS
'The block''s assessor accepts or rejects an objection with a reason, once, while the cycle is in objections; an accepted one becomes a supplied score of the node (value asked, basis "objection N: document") that the next recalculation applies and whose explanation cites';

CREATE FUNCTION perf_eval.cycle_finalise(year integer, block text, run_id bigint DEFAULT NULL, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    run bigint := coalesce(run_id, (SELECT r.run_id FROM perf_eval.result_run AS r
                                    WHERE r.year = cycle_finalise.year AND r.block = cycle_finalise.block
                                      AND r.methodology = v AND r.result_kind = 'preliminary'));
BEGIN
    -- The rules of the final run are the cycle's trigger (refuse_final_run).
    RETURN perf_eval.cycle_move(year, block, v, 'final', run);
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_finalise(integer, text, bigint, text) IS
'Moves a cycle from objections to final, fixing the run to publish (default: its latest preliminary run): every objection decided, the run succeeded and started after the last accepted objection';

CREATE FUNCTION perf_eval.cycle_publish(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.published_run
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    p perf_eval.published_run;
BEGIN
    -- The publication's triggers check it (publication_checked: the final
    -- run, verified) and move the cycle to published (publication_moves_cycle).
    INSERT INTO perf_eval.publication (year, block, methodology, revision) VALUES (year, block, v, 1);
    SELECT * INTO p FROM perf_eval.published_run AS r
    WHERE r.year = cycle_publish.year AND r.block = cycle_publish.block AND r.methodology = v AND r.revision = 1;
    RETURN p;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_publish(integer, text, text) IS
'Moves a cycle from final to published: its final run becomes revision 1 of the published result, which no later recalculation changes; refused (22023) if perf_eval.verify_run finds nodes the run does not reproduce';

CREATE FUNCTION perf_eval.cycle_revise(year integer, block text, reason text, run_id bigint DEFAULT NULL,
                                       methodology text DEFAULT NULL)
RETURNS perf_eval.published_run
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    run bigint := coalesce(run_id, (SELECT cr.run_id FROM perf_eval.current_run AS cr
                                    WHERE cr.year = cycle_revise.year AND cr.methodology = v));
    n integer;
    p perf_eval.published_run;
BEGIN
    -- The publication's triggers number and check the revision and move the cycle.
    INSERT INTO perf_eval.publication (year, block, methodology, run_id, reason)
    VALUES (year, block, v, run, reason)
    RETURNING revision INTO n;
    SELECT * INTO p FROM perf_eval.published_run AS x
    WHERE x.year = cycle_revise.year AND x.block = cycle_revise.block AND x.methodology = v AND x.revision = n;
    RETURN p;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_revise(integer, text, text, bigint, text) IS
'Publishes a corrected revision of a published cycle with a reason: the run (default: the latest successful run of the year) becomes the result of record, the superseded revision stays readable in published_run';

GRANT SELECT ON perf_eval.cycle_setting TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cycle_setting TO perf_eval_admin;
