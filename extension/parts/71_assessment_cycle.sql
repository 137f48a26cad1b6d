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
-- Each is refused with 22023 and a hint when illegal. This part comes after
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

-- One move of a cycle: checks the assessor and the stage, records who and when.
CREATE FUNCTION perf_eval.cycle_move(y integer, b text, v text, from_states text[], to_state text,
                                     next_step text, run bigint DEFAULT NULL, note text DEFAULT NULL,
                                     objection_days integer DEFAULT NULL, deadline date DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle;
    before text;
BEGIN
    IF NOT perf_eval.assesses(b) THEN
        RAISE EXCEPTION 'role % does not assess block %', current_user, b
            USING ERRCODE = '42501', HINT = 'The assessor of a block is mapped in perf_eval.block_assessor (perf_eval_admin when none is).';
    END IF;
    SELECT * INTO c FROM perf_eval.assessment_cycle AS a
    WHERE a.year = y AND a.block = b AND a.methodology = v FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment cycle of block % for % under %', b, y, v
            USING ERRCODE = '22023', HINT = pg_catalog.format('Open it first: SELECT perf_eval.cycle_open(%s, %L).', y, b);
    END IF;
    IF NOT c.state = ANY (from_states) THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % is %, it cannot move to %', b, y, c.state, to_state
            USING ERRCODE = '22023',
                  DETAIL = pg_catalog.format('%s moves only from %s.', to_state, pg_catalog.array_to_string(from_states, ' or ')),
                  HINT = next_step;
    END IF;
    before := c.state;
    UPDATE perf_eval.assessment_cycle AS a
    SET state = to_state,
        preliminary_at = CASE WHEN to_state = 'preliminary' THEN clock_timestamp() ELSE a.preliminary_at END,
        objections_at = CASE WHEN to_state = 'objections' THEN clock_timestamp() ELSE a.objections_at END,
        objection_working_days = coalesce(objection_days, a.objection_working_days),
        objection_deadline = coalesce(deadline, a.objection_deadline),
        final_at = CASE WHEN to_state = 'final' THEN clock_timestamp() ELSE a.final_at END,
        final_run_id = CASE WHEN to_state = 'final' THEN run ELSE a.final_run_id END,
        published_at = coalesce(a.published_at, CASE WHEN to_state = 'published' THEN clock_timestamp() END)
    WHERE a.year = y AND a.block = b AND a.methodology = v
    RETURNING * INTO c;
    INSERT INTO perf_eval.cycle_event (year, block, methodology, from_state, to_state, run_id, note)
    VALUES (y, b, v, before, to_state, coalesce(run, c.final_run_id), note);
    RETURN c;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_move(integer, text, text, text[], text, text, bigint, text, integer, date) IS
'One move of an assessment cycle (used by the cycle_* functions): refuses (42501) a role that does not assess the block and (22023, with next_step as the hint) a cycle missing or in a stage the move does not start from; records the move in cycle_event';

CREATE FUNCTION perf_eval.cycle_open(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    c perf_eval.assessment_cycle;
BEGIN
    IF NOT perf_eval.assesses(block) THEN
        RAISE EXCEPTION 'role % does not assess block %', current_user, block
            USING ERRCODE = '42501', HINT = 'The assessor of a block is mapped in perf_eval.block_assessor (perf_eval_admin when none is).';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM perf_eval.block AS k WHERE k.code = cycle_open.block) THEN
        RAISE EXCEPTION 'no block %', block USING ERRCODE = '22023', HINT = 'The blocks are listed in perf_eval.block.';
    END IF;
    IF EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS a
               WHERE a.year = cycle_open.year AND a.block = cycle_open.block AND a.methodology = v) THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % under % is already open', block, year, v
            USING ERRCODE = '22023', HINT = 'A year and block has one cycle; see its stage in perf_eval.assessment_cycle.';
    END IF;
    INSERT INTO perf_eval.assessment_cycle (year, block, methodology) VALUES (year, block, v) RETURNING * INTO c;
    INSERT INTO perf_eval.cycle_event (year, block, methodology, from_state, to_state)
    VALUES (year, block, v, NULL, 'collecting');
    RETURN c;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_open(integer, text, text) IS
'Opens the assessment cycle of a year and block (methodology NULL: the default version) in stage collecting; from then on the reporting views show only its published result';

CREATE FUNCTION perf_eval.cycle_preliminary(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.cycle_move($1, $2, perf_eval.resolve_methodology($3), ARRAY['collecting'], 'preliminary',
                                'The cycle goes collecting, preliminary, objections, final, published.')
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
    v text := perf_eval.resolve_methodology(methodology);
    days integer := coalesce(working_days, (SELECT s.value FROM perf_eval.cycle_setting AS s
                                            WHERE s.key = 'objection_working_days'));
    c perf_eval.assessment_cycle;
BEGIN
    IF EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS a
               WHERE a.year = cycle_open_objections.year AND a.block = cycle_open_objections.block
                 AND a.methodology = v AND a.state = 'preliminary')
       AND NOT EXISTS (SELECT 1 FROM perf_eval.result_run AS r
                       WHERE r.year = cycle_open_objections.year AND r.block = cycle_open_objections.block
                         AND r.methodology = v AND r.result_kind = 'preliminary') THEN
        RAISE EXCEPTION 'block % of % has no preliminary run to object to', block, year
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate first: CALL perf_eval.recalculate(%s, %L).', year, v);
    END IF;
    c := perf_eval.cycle_move(year, block, v, ARRAY['preliminary'], 'objections',
                              'Move the cycle to preliminary and recalculate first (perf_eval.cycle_preliminary).',
                              NULL, pg_catalog.format('%s working days from %s', days, opened_on),
                              days, perf_eval.cs_add_working_days(opened_on, days));
    RETURN c;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_open_objections(integer, text, text, integer, date) IS
'Moves a cycle from preliminary to objections (its preliminary run goes to the bodies); the objection deadline is working_days (default cycle_setting objection_working_days) working days after opened_on';

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
CREATE POLICY staff_all ON perf_eval.objection TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY readers_read ON perf_eval.objection FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY submitter_own_body ON perf_eval.objection TO perf_eval_submitter
    USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body));

CREATE FUNCTION perf_eval.file_objection(year integer, body text, node text, claim text, value_asked numeric,
                                         document text, methodology text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = file_objection.node);
    c perf_eval.assessment_cycle;
    id bigint;
BEGIN
    IF b IS NULL THEN
        RAISE EXCEPTION 'no score node %', node USING ERRCODE = '22023', HINT = 'The nodes are listed in perf_eval.score_node.';
    END IF;
    IF NOT perf_eval.submits_for(body) THEN
        RAISE EXCEPTION 'role % does not submit for body %', current_user, body
            USING ERRCODE = '42501', HINT = 'A body objects through its own submitter (perf_eval.body_submitter).';
    END IF;
    -- A body reads the cycles, not the methodology catalogue: without a
    -- methodology, the block's cycle open to objections.
    SELECT * INTO c FROM perf_eval.assessment_cycle AS a
    WHERE a.year = file_objection.year AND a.block = b
      AND (a.methodology = file_objection.methodology OR file_objection.methodology IS NULL)
    ORDER BY a.state = 'objections' DESC, a.methodology LIMIT 1;
    IF NOT FOUND OR c.state <> 'objections' THEN
        RAISE EXCEPTION 'block % of % is not open to objections', b, year
            USING ERRCODE = '22023',
                  DETAIL = pg_catalog.format('The cycle is %s.', coalesce(c.state, 'not open')),
                  HINT = 'Objections are filed between perf_eval.cycle_open_objections and the objection deadline.';
    END IF;
    IF current_date > c.objection_deadline THEN
        RAISE EXCEPTION 'the objection deadline of block % of % was %', b, year, c.objection_deadline
            USING ERRCODE = '22023',
                  HINT = pg_catalog.format('Objections were open for %s working days.', c.objection_working_days);
    END IF;
    INSERT INTO perf_eval.objection (year, block, methodology, body, node, claim, value_asked, document)
    VALUES (year, b, c.methodology, body, node, claim, value_asked, document)
    RETURNING objection_id INTO id;
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
    SELECT * INTO o FROM perf_eval.objection AS x WHERE x.objection_id = decide_objection.objection_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no objection %', objection_id USING ERRCODE = '22023';
    END IF;
    IF NOT perf_eval.assesses(o.block) THEN
        RAISE EXCEPTION 'role % does not assess block %', current_user, o.block
            USING ERRCODE = '42501', HINT = 'The assessor of a block is mapped in perf_eval.block_assessor (perf_eval_admin when none is).';
    END IF;
    IF decision IS NULL OR decision NOT IN ('accepted', 'rejected') OR coalesce(reason, '') = '' THEN
        RAISE EXCEPTION 'an objection is accepted or rejected with a reason'
            USING ERRCODE = '22023', HINT = 'decide_objection(id, ''accepted'' or ''rejected'', reason).';
    END IF;
    IF o.decision IS NOT NULL THEN
        RAISE EXCEPTION 'objection % was already %', objection_id, o.decision USING ERRCODE = '22023';
    END IF;
    IF (SELECT a.state FROM perf_eval.assessment_cycle AS a
        WHERE a.year = o.year AND a.block = o.block AND a.methodology = o.methodology) <> 'objections' THEN
        RAISE EXCEPTION 'objection % can no longer be decided: its cycle left the objection stage', objection_id
            USING ERRCODE = '22023';
    END IF;
    IF decision = 'accepted' AND o.value_asked IS NULL THEN
        RAISE EXCEPTION 'objection % asks for no value to apply', objection_id
            USING ERRCODE = '22023', HINT = 'Reject it, or correct the inputs and reject it with that reason.';
    END IF;
    UPDATE perf_eval.objection AS x
    SET decision = decide_objection.decision, decision_reason = reason, decided_at = clock_timestamp(), decided_by = session_user
    WHERE x.objection_id = o.objection_id
    RETURNING * INTO o;
    IF decision = 'accepted' THEN
        -- Applied as a supplied score whose basis is the objection: the next
        -- preliminary run shows it, its explanation cites the objection.
        INSERT INTO perf_eval.supplied_score AS s (body, year, node, methodology, value, basis_document, note)
        VALUES (o.body, o.year, o.node, o.methodology, o.value_asked,
                pg_catalog.format('objection %s: %s', o.objection_id, o.document),
                pg_catalog.format('Objection %s accepted: %s', o.objection_id, reason))
        ON CONFLICT (body, year, node, methodology) DO UPDATE
        SET value = EXCLUDED.value, basis_document = EXCLUDED.basis_document, note = EXCLUDED.note,
            supplied_by = current_user, supplied_at = now();
    END IF;
    RETURN o;
END
$$;
COMMENT ON FUNCTION perf_eval.decide_objection(bigint, text, text) IS
'The block''s assessor accepts or rejects an objection with a reason, once, while the cycle is in objections; an accepted one becomes a supplied score of the node (value asked, basis "objection N: document") that the next recalculation applies and whose explanation cites';

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
    r perf_eval.run;
    pending bigint;
BEGIN
    SELECT * INTO r FROM perf_eval.run AS x WHERE x.run_id = run;
    IF NOT FOUND OR r.status <> 'succeeded' OR r.year <> cycle_finalise.year OR r.methodology <> v THEN
        RAISE EXCEPTION 'run % is not a succeeded run of % under %', coalesce(run::text, '(none)'), year, v
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and finalise its run.', year, v);
    END IF;
    SELECT count(*) INTO pending FROM perf_eval.objection AS o
    WHERE o.year = cycle_finalise.year AND o.block = cycle_finalise.block AND o.methodology = v AND o.decision IS NULL;
    IF pending > 0 THEN
        RAISE EXCEPTION '% objections to block % of % are not decided', pending, block, year
            USING ERRCODE = '22023', HINT = 'Decide every objection first (perf_eval.decide_objection).';
    END IF;
    IF r.started_at < (SELECT max(o.decided_at) FROM perf_eval.objection AS o
                       WHERE o.year = cycle_finalise.year AND o.block = cycle_finalise.block AND o.methodology = v
                         AND o.decision = 'accepted') THEN
        RAISE EXCEPTION 'run % started before the last accepted objection of block % was applied', run, block
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and finalise the new run.', year, v);
    END IF;
    RETURN perf_eval.cycle_move(year, block, v, ARRAY['objections'], 'final',
                                'Open objections first (perf_eval.cycle_open_objections); a published cycle is corrected with perf_eval.cycle_revise.',
                                run);
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
    c perf_eval.assessment_cycle;
    p perf_eval.published_run;
BEGIN
    PERFORM perf_eval.refuse_unverified_run((SELECT a.final_run_id FROM perf_eval.assessment_cycle AS a
                                             WHERE a.year = cycle_publish.year AND a.block = cycle_publish.block
                                               AND a.methodology = v AND a.state = 'final'));
    c := perf_eval.cycle_move(year, block, v, ARRAY['final'], 'published',
                              'Finalise first (perf_eval.cycle_finalise); a published cycle is corrected with perf_eval.cycle_revise.',
                              NULL, 'revision 1');
    INSERT INTO perf_eval.publication (year, block, methodology, revision, run_id)
    VALUES (year, block, v, 1, c.final_run_id);
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
    r perf_eval.run;
    n integer;
    p perf_eval.published_run;
BEGIN
    IF coalesce(reason, '') = '' THEN
        RAISE EXCEPTION 'a corrected revision needs a reason' USING ERRCODE = '22023',
            HINT = 'perf_eval.cycle_revise(year, block, reason[, run_id]).';
    END IF;
    SELECT * INTO r FROM perf_eval.run AS x WHERE x.run_id = run;
    IF NOT FOUND OR r.status <> 'succeeded' OR r.year <> cycle_revise.year OR r.methodology <> v THEN
        RAISE EXCEPTION 'run % is not a succeeded run of % under %', coalesce(run::text, '(none)'), year, v
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and publish its run.', year, v);
    END IF;
    PERFORM perf_eval.refuse_unverified_run(run);
    PERFORM perf_eval.cycle_move(year, block, v, ARRAY['published'], 'published',
                                 'Only a published cycle is revised; publish it first (perf_eval.cycle_publish).', run,
                                 reason);
    SELECT coalesce(max(x.revision), 0) + 1 INTO n FROM perf_eval.publication AS x
    WHERE x.year = cycle_revise.year AND x.block = cycle_revise.block AND x.methodology = v;
    INSERT INTO perf_eval.publication (year, block, methodology, revision, run_id, reason)
    VALUES (year, block, v, n, run, reason);
    SELECT * INTO p FROM perf_eval.published_run AS x
    WHERE x.year = cycle_revise.year AND x.block = cycle_revise.block AND x.methodology = v AND x.revision = n;
    RETURN p;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_revise(integer, text, text, bigint, text) IS
'Publishes a corrected revision of a published cycle with a reason: the run (default: the latest successful run of the year) becomes the result of record, the superseded revision stays readable in published_run';

GRANT SELECT ON perf_eval.cycle_setting, perf_eval.block_assessor, perf_eval.objection TO perf_eval_reader;
GRANT SELECT, INSERT ON perf_eval.objection TO perf_eval_submitter;
GRANT USAGE ON SEQUENCE perf_eval.objection_objection_id_seq TO perf_eval_submitter, perf_eval_editor;
GRANT SELECT, INSERT, UPDATE ON perf_eval.objection TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cycle_setting, perf_eval.block_assessor TO perf_eval_admin;
