-- =========================================================================
-- Section: civil servants of corps "B": the workflow moves, the commission
-- and appeal procedures, and the deadlines (METHODOLOGY §6.3)
--
-- Workflow moves are functions (perf_eval.cs_move and the cs_* functions
-- below) that refuse an illegal move with 22023 (42501 for a login that may
-- not make it); the trigger of 66_civil_servant_workflow.sql enforces the
-- same state machine on direct writes. Submitting a sheet to the commission
-- freezes its Kef and grade (67_civil_servant_computation.sql) in the result.
-- Everything runs with the caller's rights. Dates of moves are passed in
-- (default: today) so deadlines count working days from a calendar table.
-- =========================================================================


-- -------------------------------------------------------------------------
-- Workflow moves (22023 for an illegal move; 42501 for a wrong actor)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_entity_table(entity text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN CASE entity WHEN 'iwp' THEN 'cs_iwp' WHEN 'sheet' THEN 'cs_assessment_sheet' WHEN 'result' THEN 'cs_result'
           ELSE NULL END;
END
$$;

-- The move an action makes from the document's current state; 22023 if the
-- entity or action is unknown or the document is not in a state it leaves.
CREATE FUNCTION perf_eval.cs_legal_move(entity text, id bigint, action text)
RETURNS perf_eval.cs_workflow_transition
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    table_name text := perf_eval.cs_entity_table(entity);
    current_state text;
    move perf_eval.cs_workflow_transition;
BEGIN
    IF table_name IS NULL THEN
        RAISE EXCEPTION 'unknown workflow entity "%"', entity
            USING ERRCODE = '22023', DETAIL = 'Entities are iwp, sheet and result.', HINT = 'Pass iwp, sheet or result; perf_eval.cs_workflow_transition lists the moves of each (docs/methodology.md §6.3).';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_workflow_transition AS t
                   WHERE t.entity = cs_legal_move.entity AND t.action = cs_legal_move.action) THEN
        RAISE EXCEPTION 'unknown % action "%"', entity, action
            USING ERRCODE = '22023',
                  DETAIL = format('Actions of a %s: %s.', entity,
                                  (SELECT string_agg(DISTINCT t.action, ', ') FROM perf_eval.cs_workflow_transition AS t
                                   WHERE t.entity = cs_legal_move.entity)),
                  HINT = 'perf_eval.cs_workflow_transition lists the legal moves (docs/methodology.md §6.3).';
    END IF;
    EXECUTE format('SELECT d.state FROM perf_eval.%I AS d WHERE d.%I = $1', table_name,
                   CASE entity WHEN 'iwp' THEN 'iwp_id' ELSE 'sheet_id' END)
        INTO current_state USING id;
    IF current_state IS NULL THEN
        RAISE EXCEPTION 'no % % is visible', entity, id
            USING ERRCODE = '22023', HINT = 'Documents are visible to the employee, their managers, HR and the commission.';
    END IF;
    SELECT t.* INTO move FROM perf_eval.cs_workflow_transition AS t
    WHERE t.entity = cs_legal_move.entity AND t.action = cs_legal_move.action AND t.from_state = current_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cannot % % % while it is %', action, entity, id, current_state
            USING ERRCODE = '22023',
                  DETAIL = format('From %s the moves are: %s.', current_state,
                                  coalesce((SELECT string_agg(t.action || ' -> ' || t.to_state, ', ' ORDER BY t.action)
                                            FROM perf_eval.cs_workflow_transition AS t
                                            WHERE t.entity = cs_legal_move.entity AND t.from_state = current_state),
                                           'none (final state)')),
                  HINT = format('%s: %s (docs/methodology.md §6.3).', entity,
                                (SELECT string_agg(DISTINCT t.from_state || ' -> ' || t.to_state, ', ')
                                 FROM perf_eval.cs_workflow_transition AS t
                                 WHERE t.entity = cs_legal_move.entity AND t.action = cs_legal_move.action));
    END IF;
    RETURN move;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_legal_move(text, bigint, text) IS
'The legal move an action makes on a document now; 22023 naming the state and the moves it allows otherwise';

-- Applies a legal move (state and date); 42501 when row-level security or the actor rule forbids it.
CREATE FUNCTION perf_eval.cs_apply_move(move perf_eval.cs_workflow_transition, id bigint, on_date date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changed integer;
BEGIN
    IF on_date IS NULL THEN
        RAISE EXCEPTION 'a workflow move needs a date' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('UPDATE perf_eval.%I AS d SET state = $1, state_since = $2 WHERE d.%I = $3 AND d.state = $4',
                   perf_eval.cs_entity_table(move.entity), CASE move.entity WHEN 'iwp' THEN 'iwp_id' ELSE 'sheet_id' END)
        USING move.to_state, on_date, id, move.from_state;
    GET DIAGNOSTICS changed = ROW_COUNT;
    IF changed = 0 THEN
        RAISE EXCEPTION 'login % may not % % %', current_user, move.action, move.entity, id
            USING ERRCODE = '42501', HINT = format('Only the %s may (docs/methodology.md §6.3).', array_to_string(move.actors, ' or '));
    END IF;
    RETURN move.to_state;
END
$$;

CREATE FUNCTION perf_eval.cs_move(entity text, id bigint, action text, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move(entity, id, action);
BEGIN
    IF move.api_function IS NOT NULL THEN
        RAISE EXCEPTION 'the % move of a % needs more than a date: call %()', action, entity, move.api_function
            USING ERRCODE = '22023', HINT = 'Workflow, docs/methodology.md §6.3.';
    END IF;
    RETURN perf_eval.cs_apply_move(move, id, on_date);
END
$$;
COMMENT ON FUNCTION perf_eval.cs_move(text, bigint, text, date) IS
'Makes a workflow move (iwp: submit, return, approve, submit_amendment, close; sheet: sign, submit, return, agree, defer, resume; result: approve_final, inform, acknowledge, archive) dated on_date; returns the new state; 22023 if illegal now, 42501 if the login may not (docs/methodology.md §6.3)';

CREATE FUNCTION perf_eval.cs_open_iwp(period bigint, employee bigint, on_date date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    body text := (SELECT e.body FROM perf_eval.cs_employee AS e WHERE e.employee_id = employee);
    id bigint;
BEGIN
    IF body IS DISTINCT FROM (SELECT p.body FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = period) THEN
        RAISE EXCEPTION 'employee % is not assessed in period %', employee, period
            USING ERRCODE = '22023', HINT = 'An employee is assessed in a period of their own body.';
    END IF;
    INSERT INTO perf_eval.cs_iwp (period_id, employee_id, body, state_since)
    VALUES (period, employee, body, on_date) RETURNING iwp_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_open_iwp(bigint, bigint, date) IS
'Starts an individual work plan (draft) for an employee and period; KPIs are then inserted into perf_eval.cs_kpi (APA 2020 report, Appendix 4, paragraph 11)';

CREATE FUNCTION perf_eval.cs_open_sheet(period bigint, employee bigint, on_date date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p perf_eval.cs_assessment_period;
    e perf_eval.cs_employee;
    plan perf_eval.cs_iwp;
    reason text;
    id bigint;
BEGIN
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x WHERE x.period_id = period;
    SELECT x.* INTO e FROM perf_eval.cs_employee AS x WHERE x.employee_id = employee;
    SELECT x.* INTO plan FROM perf_eval.cs_iwp AS x WHERE x.period_id = period AND x.employee_id = employee;
    IF plan.iwp_id IS NULL OR plan.state NOT IN ('approved', 'closed') THEN
        RAISE EXCEPTION 'employee % has no approved individual work plan for period %', employee, period
            USING ERRCODE = '22023',
                  DETAIL = coalesce(perf_eval.cs_context(period, employee) || format('; plan state %s.', coalesce(plan.state, 'none')), ''),
                  HINT = 'The sheet assesses the KPIs of the approved plan (APA 2020 report, Appendix 4, paragraphs 12, 19).';
    END IF;
    -- Not assessed with under 3 months in the position at the end of the period, or on probation then (seed 000 line 5224).
    IF e.in_position_since > (p.ends_on - make_interval(months => perf_eval.cs_param_integer(p.methodology, 'cs.min_tenure_months')))::date THEN
        reason := format('in the position since %s, under %s months at the end of the period', e.in_position_since,
                         perf_eval.cs_param_integer(p.methodology, 'cs.min_tenure_months'));
    ELSIF e.probation_until >= p.ends_on THEN
        reason := format('on probation until %s', e.probation_until);
    END IF;
    INSERT INTO perf_eval.cs_assessment_sheet (period_id, employee_id, body, iwp_id, state, state_since, exempt_reason)
    VALUES (period, employee, e.body, plan.iwp_id, CASE WHEN reason IS NULL THEN 'draft' ELSE 'exempt' END, on_date, reason)
    RETURNING sheet_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_open_sheet(bigint, bigint, date) IS
'Opens the assessment sheet of an employee with an approved plan: draft, or exempt with the reason when the employee was under cs.min_tenure_months in the position or on probation at the end of the period (APA 2020 report, Appendix 4, paragraph 4)';

CREATE FUNCTION perf_eval.cs_submit_to_commission(sheet bigint, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('sheet', sheet, 'submit_to_commission');
    s perf_eval.cs_assessment_sheet;
    p perf_eval.cs_assessment_period;
    commission bigint;
    kef perf_eval.cs_kef_breakdown;
    kpis integer;
    achieved integer;
    grade text;
    explained jsonb;
    reopened boolean;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x WHERE x.period_id = s.period_id;
    SELECT c.commission_id INTO commission FROM perf_eval.cs_commission AS c WHERE c.period_id = p.period_id;
    IF commission IS NULL THEN
        RAISE EXCEPTION 'period % has no assessment commission', p.period_id
            USING ERRCODE = '22023', DETAIL = format('body %s, year %s.', p.body, p.year),
                  HINT = 'The authorised person forms the commission, APA 2020 report, Appendix 4, paragraph 5.';
    END IF;
    kef := perf_eval.cs_sheet_kef(sheet);
    -- The m2018 grade needs exactly cs.m2018.kpi_count KPIs; a draft_kef plan may have another number.
    SELECT count(*) INTO kpis FROM perf_eval.cs_kpi AS k WHERE k.iwp_id = s.iwp_id;
    IF kpis = perf_eval.cs_param_integer(p.grade_methodology, 'cs.m2018.kpi_count') THEN
        SELECT g.kpis_achieved, g.grade INTO achieved, grade FROM perf_eval.cs_sheet_grade(sheet) AS g;
    ELSE
        SELECT count(*) INTO achieved FROM perf_eval.cs_kpi AS k
        JOIN perf_eval.cs_kpi_rating AS r ON r.kpi_id = k.kpi_id AND r.sheet_id = s.sheet_id
        WHERE k.iwp_id = s.iwp_id AND perf_eval.kpi_plan_met(k.plan, r.fact, k.decrease_is_good);
    END IF;

    explained := kef.explanation || jsonb_build_object('grade', jsonb_build_object(
        'methodology', p.grade_methodology, 'kpis', kpis, 'kpis_achieved', achieved, 'grade', grade,
        'status', CASE WHEN grade IS NULL THEN 'not_assessable' ELSE 'ok' END,
        'reason', CASE WHEN grade IS NULL THEN 'kpi_count' END,
        'clause', 'APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1)',
        'parameters', perf_eval.param_explanation(p.grade_methodology,
                                                  ARRAY['cs.m2018.kpi_count', 'cs.m2018.grade_bands'])));
    reopened := EXISTS (SELECT 1 FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet);

    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_assessment_sheet AS x SET commission_id = commission WHERE x.sheet_id = sheet;
    IF reopened THEN
        -- After an upheld appeal (perf_eval.cs_reopen): computed again, before the commission again.
        PERFORM perf_eval.cs_legal_move('result', sheet, 'resubmit');
        UPDATE perf_eval.cs_result AS x
        SET state = 'at_commission', state_since = on_date, meeting_id = NULL,
            kpis = kef.kpis, kpi_part = kef.kpi_part, competencies = kef.competencies,
            competencies_met = kef.competencies_met, competency_part = kef.competency_part, kef_raw = kef.kef_raw,
            completed_tasks = kef.completed_tasks, total_tasks = kef.total_tasks, plan_gate = kef.plan_gate,
            computed_kef = kef.kef, kpis_achieved = achieved, computed_grade = grade,
            computation = explained, decision = NULL, revised_kef = NULL, revised_grade = NULL,
            members_voting = NULL, members_present = NULL, votes_yes = NULL, votes_no = NULL, chair_in_favour = NULL,
            decided_on = NULL
        WHERE x.sheet_id = sheet AND x.state = 'reopened';
        RETURN move.to_state;
    END IF;
    INSERT INTO perf_eval.cs_result (sheet_id, employee_id, body, commission_id, state, state_since,
                                     kpis, kpi_part, competencies, competencies_met, competency_part, kef_raw,
                                     completed_tasks, total_tasks, plan_gate, computed_kef, kpis_achieved, computed_grade,
                                     computation)
    VALUES (sheet, s.employee_id, s.body, commission, 'at_commission', on_date,
            kef.kpis, kef.kpi_part, kef.competencies, kef.competencies_met, kef.competency_part, kef.kef_raw,
            kef.completed_tasks, kef.total_tasks, kef.plan_gate, kef.kef, achieved, grade, explained);
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_submit_to_commission(bigint, date) IS
'HR submits an agreed sheet to the period''s commission: computes and freezes Kef (draft_kef) and the m2018 grade into perf_eval.cs_result, or computes again a result reopened after an upheld appeal (APA 2020 report, Appendix 4, paragraphs 26, 45, docs/methodology.md §6.2, §6.3)';

CREATE FUNCTION perf_eval.cs_schedule_meeting(commission bigint, meets_on date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := (SELECT p.methodology FROM perf_eval.cs_commission AS c
               JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE c.commission_id = commission);
    voting integer;
    chairs integer;
    id bigint;
BEGIN
    IF v IS NULL THEN
        RAISE EXCEPTION 'no commission % is visible', commission USING ERRCODE = '22023';
    END IF;
    SELECT count(*) FILTER (WHERE m.role IN ('chair', 'member')), count(*) FILTER (WHERE m.role = 'chair')
      INTO voting, chairs
    FROM perf_eval.cs_commission_member AS m WHERE m.commission_id = commission;
    IF voting < perf_eval.cs_param_integer(v, 'cs.commission.min_members') OR chairs <> 1 THEN
        RAISE EXCEPTION 'commission % is not constituted: % voting member(s) and % chair', commission, voting, chairs
            USING ERRCODE = '22023',
                  DETAIL = format('At least %s voting members (the secretary does not count) and one chair are required.',
                                  perf_eval.cs_param_integer(v, 'cs.commission.min_members')),
                  HINT = 'cs.commission.min_members, APA 2020 report, Appendix 4, paragraphs 5, 36.';
    END IF;
    INSERT INTO perf_eval.cs_commission_meeting (commission_id, meets_on) VALUES (commission, meets_on)
    RETURNING meeting_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_schedule_meeting(bigint, date) IS
'Schedules a meeting of a constituted commission (a chair and at least cs.commission.min_members voting members; APA 2020 report, Appendix 4, paragraph 5)';

CREATE FUNCTION perf_eval.cs_schedule(sheet bigint, meeting bigint, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'schedule');
    r perf_eval.cs_result;
    m perf_eval.cs_commission_meeting;
    v text;
    earliest date;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT x.* INTO m FROM perf_eval.cs_commission_meeting AS x WHERE x.meeting_id = meeting;
    IF m.commission_id IS DISTINCT FROM r.commission_id THEN
        RAISE EXCEPTION 'meeting % is not a meeting of commission %', meeting, r.commission_id
            USING ERRCODE = '22023', HINT = 'A sheet goes before its period''s commission (docs/methodology.md §6.3).';
    END IF;
    SELECT p.methodology INTO v FROM perf_eval.cs_commission AS c
    JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE c.commission_id = r.commission_id;
    earliest := perf_eval.cs_add_working_days(on_date, perf_eval.cs_param_integer(v, 'cs.deadline.notify'));
    IF m.meets_on < earliest THEN
        RAISE EXCEPTION 'the meeting of % is less than % working days after the notification of %', m.meets_on,
                        perf_eval.cs_param_integer(v, 'cs.deadline.notify'), on_date
            USING ERRCODE = '22023',
                  DETAIL = format('Sheet %s; notified on %s, the earliest meeting is %s.', sheet, on_date, earliest),
                  HINT = 'cs.deadline.notify, APA 2020 report, Appendix 4, paragraph 31.';
    END IF;
    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_result AS x SET meeting_id = meeting WHERE x.sheet_id = sheet;
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_schedule(bigint, bigint, date) IS
'HR puts a sheet on the agenda of a meeting, notifying on on_date: the meeting must be at least cs.deadline.notify (7) working days later (APA 2020 report, Appendix 4, paragraph 31)';

CREATE FUNCTION perf_eval.cs_mark_present(meeting bigint, members bigint[])
RETURNS integer
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH added AS (
        INSERT INTO perf_eval.cs_meeting_attendance (meeting_id, employee_id)
        SELECT $1, m FROM unnest($2) AS m ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::integer FROM added
$$;
COMMENT ON FUNCTION perf_eval.cs_mark_present(bigint, bigint[]) IS
'Records voting members present at a meeting (22023 for the secretary or a non-member; APA 2020 report, Appendix 4, paragraphs 32, 36)';

CREATE FUNCTION perf_eval.cs_cast_vote(meeting bigint, sheet bigint, member bigint, in_favour boolean)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO perf_eval.cs_vote (meeting_id, sheet_id, employee_id, in_favour) VALUES ($1, $2, $3, $4)
$$;
COMMENT ON FUNCTION perf_eval.cs_cast_vote(bigint, bigint, bigint, boolean) IS
'Records a present member''s open vote on approving a sheet''s results as presented (APA 2020 report, Appendix 4, paragraph 34)';

CREATE FUNCTION perf_eval.cs_decide(sheet bigint, revised_kef numeric DEFAULT NULL, revised_grade text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'decide');
    r perf_eval.cs_result;
    m perf_eval.cs_commission_meeting;
    p perf_eval.cs_assessment_period;
    members integer;
    present integer;
    votes_for integer;
    votes_against integer;
    chair_vote boolean;
    outcome text;
    verdict text;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT x.* INTO m FROM perf_eval.cs_commission_meeting AS x WHERE x.meeting_id = r.meeting_id;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x
    JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = r.commission_id;

    SELECT count(*) INTO members FROM perf_eval.cs_commission_member AS cm
    WHERE cm.commission_id = r.commission_id AND cm.role IN ('chair', 'member');
    SELECT count(*) INTO present FROM perf_eval.cs_meeting_attendance AS a
    JOIN perf_eval.cs_commission_member AS cm ON cm.commission_id = r.commission_id AND cm.employee_id = a.employee_id
    WHERE a.meeting_id = m.meeting_id AND cm.role IN ('chair', 'member');
    IF NOT perf_eval.commission_quorate(members, present,
                                        perf_eval.cs_param_integer(p.methodology, 'cs.commission.min_members'),
                                        perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_num'),
                                        perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_den')) THEN
        RAISE EXCEPTION 'the meeting of % has no quorum: % of % voting members present', m.meets_on, present, members
            USING ERRCODE = '22023',
                  DETAIL = format('%s; sheet %s. A decision needs %s/%s of the voting members present.',
                                  perf_eval.cs_context(p.period_id, r.employee_id), sheet,
                                  perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_num'),
                                  perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_den')),
                  HINT = 'cs.commission.quorum, APA 2020 report, Appendix 4, paragraph 32 (docs/methodology.md §6.3).';
    END IF;

    SELECT count(*) FILTER (WHERE v.in_favour), count(*) FILTER (WHERE NOT v.in_favour),
           bool_or(v.in_favour) FILTER (WHERE cm.role = 'chair')
      INTO votes_for, votes_against, chair_vote
    FROM perf_eval.cs_vote AS v
    JOIN perf_eval.cs_commission_member AS cm ON cm.commission_id = r.commission_id AND cm.employee_id = v.employee_id
    WHERE v.meeting_id = m.meeting_id AND v.sheet_id = sheet;
    IF votes_for = votes_against AND votes_for > 0 AND chair_vote IS NULL THEN
        RAISE EXCEPTION 'the vote on sheet % is tied % to % and the chair has not voted', sheet, votes_for, votes_against
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(p.period_id, r.employee_id) || '.',
                  HINT = 'On a tie the chair''s vote decides, APA 2020 report, Appendix 4, paragraph 35.';
    END IF;
    -- The chair's vote only decides a tie; otherwise any value gives the majority's outcome.
    outcome := perf_eval.commission_decision(votes_for, votes_against, coalesce(chair_vote, votes_for > votes_against));
    verdict := CASE outcome WHEN 'adopted' THEN 'approved' ELSE 'revised' END;

    IF verdict = 'approved' AND (revised_kef IS NOT NULL OR revised_grade IS NOT NULL) THEN
        RAISE EXCEPTION 'the commission approved the results of sheet % as presented: no revision applies', sheet
            USING ERRCODE = '22023', DETAIL = format('yes %s, no %s.', votes_for, votes_against), HINT = 'Pass revised_kef and revised_grade as NULL when the vote approves; the commission revises only when the vote rejects the results as presented (APA 2020 report, Appendix 4, paragraphs 38-39).';
    ELSIF verdict = 'revised' AND revised_kef IS NULL AND revised_grade IS NULL THEN
        RAISE EXCEPTION 'the commission rejected the results of sheet % as presented: give the revised Kef or grade', sheet
            USING ERRCODE = '22023', DETAIL = format('yes %s, no %s.', votes_for, votes_against),
                  HINT = 'The commission corrects the assessment in the protocol, APA 2020 report, Appendix 4, paragraph 39.';
    END IF;
    IF revised_grade IS NOT NULL
       AND revised_grade NOT IN (SELECT g.grade FROM perf_eval.cs_grade_labels(p.grade_methodology) AS g) THEN
        RAISE EXCEPTION 'unknown grade "%"', revised_grade
            USING ERRCODE = '22023',
                  DETAIL = format('Grades: %s.', (SELECT string_agg(g.grade, ', ' ORDER BY g.grade_order)
                                                 FROM perf_eval.cs_grade_labels(p.grade_methodology) AS g)),
                  HINT = 'cs.m2018.grade_bands (docs/methodology.md §6.1).';
    END IF;
    IF revised_kef IS NOT NULL THEN
        PERFORM perf_eval.cs_check_revised_kef(revised_kef);
    END IF;

    UPDATE perf_eval.cs_result AS x
    SET state = move.to_state, state_since = m.meets_on, decision = verdict,
        revised_kef = cs_decide.revised_kef, revised_grade = cs_decide.revised_grade,
        members_voting = members, members_present = present, votes_yes = votes_for, votes_no = votes_against,
        chair_in_favour = chair_vote, decided_on = m.meets_on
    WHERE x.sheet_id = sheet AND x.state = move.from_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'login % may not decide on sheet %', current_user, sheet USING ERRCODE = '42501';
    END IF;
    RETURN verdict;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_decide(bigint, numeric, text) IS
'Records the commission''s decision on a scheduled sheet at its meeting: 22023 without quorum (3*present >= 2*members) or with a tie the chair has not voted on; yes > no approves, no > yes (or the chair on a tie) revises with the revised Kef and/or grade (APA 2020 report, Appendix 4, paragraphs 32-39)';

CREATE FUNCTION perf_eval.cs_check_revised_kef(kef numeric)
RETURNS void
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF kef < 0 OR kef IN ('NaN', 'Infinity') THEN
        RAISE EXCEPTION 'a revised Kef must be a non-negative finite number, not %', kef
            USING ERRCODE = CASE WHEN kef = 'NaN' OR kef = 'Infinity' THEN '22023' ELSE '22003' END,
                  HINT = 'Kef is a fraction (0.8451 = 84.51%) and may exceed 1 (docs/methodology.md §6.2).';
    END IF;
END
$$;

CREATE FUNCTION perf_eval.cs_record_refusal(sheet bigint, act_reference text, witnesses bigint[],
                                            on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'record_refusal');
    r perf_eval.cs_result;
    valid integer;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT count(DISTINCT e.employee_id) INTO valid FROM perf_eval.cs_employee AS e
    WHERE e.employee_id = ANY (witnesses) AND e.body = r.body AND e.employee_id <> r.employee_id;
    IF coalesce(act_reference, '') = '' OR valid < 2 OR cardinality(witnesses) <> valid THEN
        RAISE EXCEPTION 'a refusal act needs a reference and two other employees of the body as witnesses'
            USING ERRCODE = '22023', DETAIL = format('Sheet %s; act %s, witnesses %s.', sheet, act_reference, witnesses),
                  HINT = 'Signed by HR and two employees, APA 2020 report, Appendix 4, paragraph 43.';
    END IF;
    UPDATE perf_eval.cs_result AS x SET state = move.to_state, state_since = on_date,
           refusal_act = act_reference, refusal_witnesses = witnesses
    WHERE x.sheet_id = sheet AND x.state = move.from_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'login % may not record a refusal on sheet %', current_user, sheet USING ERRCODE = '42501';
    END IF;
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_record_refusal(bigint, text, bigint[], date) IS
'Records the act of an employee''s refusal to acknowledge the result, signed by HR and two employees; the result still enters the record (APA 2020 report, Appendix 4, paragraphs 43-44)';

CREATE FUNCTION perf_eval.cs_file_appeal(sheet bigint, grounds text, filed_on date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'appeal');
    r perf_eval.cs_result;
    v text;
    deadline date;
    id bigint;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT p.methodology INTO v FROM perf_eval.cs_commission AS c
    JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE c.commission_id = r.commission_id;
    deadline := perf_eval.cs_add_working_days(r.decided_on, perf_eval.cs_param_integer(v, 'cs.deadline.appeal'));
    IF filed_on > deadline THEN
        RAISE EXCEPTION 'the appeal against the decision of % on sheet % was due by %', r.decided_on, sheet, deadline
            USING ERRCODE = '22023',
                  DETAIL = format('Filed on %s, %s working days late.', filed_on,
                                  perf_eval.cs_working_days_between(deadline, filed_on)),
                  HINT = 'cs.deadline.appeal: within 10 working days of the decision, APA 2020 report, Appendix 4, paragraph 45.';
    END IF;
    PERFORM perf_eval.cs_apply_move_because(move, sheet, filed_on, grounds);
    INSERT INTO perf_eval.cs_appeal (sheet_id, filed_on, grounds) VALUES (sheet, filed_on, grounds)
    RETURNING appeal_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_file_appeal(bigint, text, date) IS
'Files the employee''s appeal to the civil-service authority: 22023 after cs.deadline.appeal (10) working days from the commission''s decision (APA 2020 report, Appendix 4, paragraph 45)';

CREATE FUNCTION perf_eval.cs_decide_appeal(sheet bigint, outcome text, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'decide_appeal');
BEGIN
    IF outcome IS NULL OR outcome NOT IN ('recommend_revise', 'unchanged') THEN
        RAISE EXCEPTION 'unknown appeal outcome "%"', outcome
            USING ERRCODE = '22023', DETAIL = 'Outcomes are recommend_revise and unchanged.', HINT = 'Pass recommend_revise or unchanged (APA 2020 report, Appendix 4, paragraph 45).';
    END IF;
    PERFORM perf_eval.cs_apply_move_because(move, sheet, on_date, 'appeal outcome: ' || outcome);
    UPDATE perf_eval.cs_appeal AS a SET outcome = cs_decide_appeal.outcome, decided_on = on_date
    WHERE a.sheet_id = sheet AND a.decided_on IS NULL;
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_decide_appeal(bigint, text, date) IS
'Records the civil-service authority''s decision on an appeal: recommend_revise (cancel and revise) or unchanged (APA 2020 report, Appendix 4, paragraph 45)';

-- -------------------------------------------------------------------------
-- Deadlines (working days, METHODOLOGY §6.3)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_deadlines(as_of date)
RETURNS TABLE (body text, period_id bigint, year integer, employee_id bigint, personnel_no text, full_name text,
               document text, sheet_id bigint, state text, since date, obligation text, deadline_key text,
               due_on date, overdue boolean, working_days_late integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH pending AS (
        SELECT i.period_id, i.employee_id, 'iwp' AS document, NULL::bigint AS sheet_id, i.state, i.state_since AS since,
               CASE i.state WHEN 'draft' THEN 'draw up and submit the individual work plan'
                            ELSE 'resubmit the returned plan' END AS obligation,
               CASE i.state WHEN 'draft' THEN 'cs.deadline.iwp' ELSE 'cs.deadline.resubmit' END AS deadline_key,
               CASE i.state WHEN 'draft' THEN p.starts_on ELSE i.state_since END AS counted_from
        FROM perf_eval.cs_iwp AS i JOIN perf_eval.cs_assessment_period AS p USING (period_id)
        WHERE i.state IN ('draft', 'returned')
        UNION ALL
        SELECT s.period_id, s.employee_id, 'sheet', s.sheet_id, s.state, s.state_since,
               CASE s.state WHEN 'returned' THEN 'resubmit the returned sheet'
                            WHEN 'agreed' THEN 'submit the sheet to the commission'
                            ELSE 'assess the employee after their return' END,
               CASE s.state WHEN 'returned' THEN 'cs.deadline.resubmit' WHEN 'agreed' THEN 'cs.deadline.to_commission'
                            ELSE 'cs.deadline.deferred' END,
               CASE s.state WHEN 'draft' THEN s.resumed_on ELSE s.state_since END
        FROM perf_eval.cs_assessment_sheet AS s
        WHERE s.state IN ('returned', 'agreed') OR (s.state = 'draft' AND s.resumed_on IS NOT NULL)
        UNION ALL
        SELECT s.period_id, r.employee_id, 'result', r.sheet_id, r.state, r.state_since,
               'inform the employee of the result', 'cs.deadline.inform', r.state_since
        FROM perf_eval.cs_result AS r JOIN perf_eval.cs_assessment_sheet AS s USING (sheet_id)
        WHERE r.state = 'approved_final'
    ),
    due AS (
        SELECT x.*, perf_eval.cs_add_working_days(x.counted_from, perf_eval.cs_param_integer(p.methodology, x.deadline_key))
                    AS due_on
        FROM pending AS x JOIN perf_eval.cs_assessment_period AS p USING (period_id)
    )
    SELECT p.body, d.period_id, p.year, d.employee_id, e.personnel_no, e.full_name, d.document, d.sheet_id, d.state,
           d.since, d.obligation, d.deadline_key, d.due_on, $1 > d.due_on,
           perf_eval.cs_working_days_between(d.due_on, $1)
    FROM due AS d
    JOIN perf_eval.cs_assessment_period AS p USING (period_id)
    JOIN perf_eval.cs_employee AS e ON e.employee_id = d.employee_id
$$;
COMMENT ON FUNCTION perf_eval.cs_deadlines(date) IS
'Every pending step with a deadline in working days as of a date: plans to draw up (cs.deadline.iwp from the period start) or resubmit, sheets to resubmit or send to the commission, deferred assessments, results to communicate; overdue when the date is past due_on (docs/methodology.md §6.3)';

-- -------------------------------------------------------------------------
-- Moves with a reason, and the reopening after an upheld appeal
-- (APA 2020 report, Appendix 4, paragraphs 40, 45)
-- -------------------------------------------------------------------------

-- Applies a legal move and logs why it was made (the state trigger reads the reason).
CREATE FUNCTION perf_eval.cs_apply_move_because(move perf_eval.cs_workflow_transition, id bigint, on_date date,
                                                reason text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    state text;
BEGIN
    PERFORM pg_catalog.set_config('perf_eval_cs.reason', coalesce(reason, ''), true);
    state := perf_eval.cs_apply_move(move, id, on_date);
    PERFORM pg_catalog.set_config('perf_eval_cs.reason', '', true);
    RETURN state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_apply_move_because(perf_eval.cs_workflow_transition, bigint, date, text) IS
'Applies a legal workflow move (perf_eval.cs_apply_move) and records the reason given in the workflow log';

CREATE FUNCTION perf_eval.cs_move(entity text, id bigint, action text, on_date date, reason text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move(entity, id, action);
BEGIN
    IF move.api_function IS NOT NULL THEN
        RAISE EXCEPTION 'the % move of a % needs more than a date: call %()', action, entity, move.api_function
            USING ERRCODE = '22023', HINT = 'Workflow, docs/methodology.md §6.3.';
    END IF;
    RETURN perf_eval.cs_apply_move_because(move, id, on_date, reason);
END
$$;
COMMENT ON FUNCTION perf_eval.cs_move(text, bigint, text, date, text) IS
'perf_eval.cs_move with the reason for the move, kept in the workflow log (why a plan or sheet was returned, for instance); docs/methodology.md §6.3';

-- After the authority recommends cancelling the decision (appeal outcome
-- recommend_revise), HR cancels it and sends the sheet back to the stage the
-- commission names; the cancelled result is kept, and the sheet's deadlines
-- count again from the reopening (cs.deadline.resubmit to the supervisor,
-- cs.deadline.to_commission from agreed). The sheet comes back to the
-- commission through perf_eval.cs_submit_to_commission, which computes the
-- result again.
CREATE FUNCTION perf_eval.cs_reopen(sheet bigint, stage text, reason text, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'reopen');
    sheet_action text := CASE stage WHEN 'supervisor' THEN 'reopen_to_supervisor' WHEN 'superior' THEN 'reopen_to_superior'
                                    WHEN 'commission' THEN 'reopen_to_commission' END;
    r perf_eval.cs_result;
    appeal perf_eval.cs_appeal;
BEGIN
    IF sheet_action IS NULL THEN
        RAISE EXCEPTION 'unknown stage "%" to reopen the assessment at', stage
            USING ERRCODE = '22023', DETAIL = 'Stages are supervisor, superior and commission.',
                  HINT = 'The commission names the stage to revise: the direct supervisor''s rating, the superior''s review, or its own decision (APA 2020 report, Appendix 4, paragraphs 23-26, 40).';
    END IF;
    IF coalesce(reason, '') = '' THEN
        RAISE EXCEPTION 'reopening the assessment of sheet % needs a reason', sheet
            USING ERRCODE = '22023', HINT = 'Say what the commission asks to revise, after the authority''s recommendation.';
    END IF;
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT a.* INTO appeal FROM perf_eval.cs_appeal AS a WHERE a.sheet_id = sheet ORDER BY a.appeal_id DESC LIMIT 1;
    IF appeal.outcome IS DISTINCT FROM 'recommend_revise' THEN
        RAISE EXCEPTION 'the appeal against the result of sheet % was not upheld', sheet
            USING ERRCODE = '22023', DETAIL = format('Appeal outcome: %s.', coalesce(appeal.outcome, 'none')),
                  HINT = 'A decision is cancelled only on the authority''s recommendation (recommend_revise; APA 2020 report, Appendix 4, paragraph 45).';
    END IF;
    INSERT INTO perf_eval.cs_result_revision (sheet_id, revision_no, appeal_id, stage, reason, cancelled_on, cancelled_result)
    SELECT sheet, coalesce(max(v.revision_no), 0) + 1, appeal.appeal_id, cs_reopen.stage, cs_reopen.reason, on_date, to_jsonb(r)
    FROM perf_eval.cs_result_revision AS v WHERE v.sheet_id = sheet;
    PERFORM perf_eval.cs_apply_move_because(move, sheet, on_date, reason);
    RETURN perf_eval.cs_apply_move_because(perf_eval.cs_legal_move('sheet', sheet, sheet_action), sheet, on_date,
                                           format('appeal %s upheld on %s: %s', appeal.appeal_id, appeal.decided_on, reason));
END
$$;
COMMENT ON FUNCTION perf_eval.cs_reopen(bigint, text, text, date) IS
'After an upheld appeal (recommend_revise), cancels the commission''s decision and returns the sheet to the stage named (supervisor: returned; superior: under review; commission: agreed), keeping the cancelled result in perf_eval.cs_result_revision; the deadlines of the stage count from on_date (APA 2020 report, Appendix 4, paragraphs 25-26, 40, 45)';

-- -------------------------------------------------------------------------
-- 360 degrees: the competency results derived from the appraisers' ratings
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_derive_competencies(sheet bigint)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := (SELECT p.methodology FROM perf_eval.cs_assessment_sheet AS s
               JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE s.sheet_id = sheet);
    mixed text;
    derived integer;
BEGIN
    IF v IS NULL THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'HR derives the 360-degree results of its body''s sheets.';
    END IF;
    IF perf_eval.param_text(v, 'cs.360.aggregate') <> 'mean_rounded' THEN
        RAISE EXCEPTION 'unknown 360-degree aggregation "%"', perf_eval.param_text(v, 'cs.360.aggregate')
            USING ERRCODE = '22023', HINT = 'cs.360.aggregate: mean_rounded (docs/methodology.md §6.1).';
    END IF;
    SELECT string_agg(x.competency, ', ') INTO mixed
    FROM (SELECT a.competency FROM perf_eval.cs_appraisal AS a WHERE a.sheet_id = sheet
          GROUP BY a.competency HAVING count(DISTINCT a.defined) > 1) AS x;
    IF mixed IS NOT NULL THEN
        RAISE EXCEPTION 'the appraisers of sheet % count different numbers of behavioural indicators', sheet
            USING ERRCODE = '22023', DETAIL = format('Competencies: %s.', mixed),
                  HINT = 'n is the number of indicators defined for the competency and position tier (APA 2020 report §4.1).';
    END IF;
    INSERT INTO perf_eval.cs_competency_rating AS c (sheet_id, competency, manifested, defined)
    SELECT sheet, a.competency, round(avg(a.manifested))::integer, min(a.defined)
    FROM perf_eval.cs_appraisal AS a WHERE a.sheet_id = sheet GROUP BY a.competency
    ON CONFLICT (sheet_id, competency) DO UPDATE SET manifested = excluded.manifested, defined = excluded.defined;
    GET DIAGNOSTICS derived = ROW_COUNT;
    RETURN derived;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_derive_competencies(bigint) IS
'Derives a sheet''s competency results (perf_eval.cs_competency_rating: k of n) from its 360-degree appraisers'' ratings: k = the appraisers'' mean k rounded half up (cs.360.aggregate, assumed), then the 3/4 rule; returns the competencies derived (APA 2020 report §4.1; Appendix 4, paragraph 27)';

-- -------------------------------------------------------------------------
-- Consequences of a result (APA 2020 report, chapter 4 conclusions, Table 4.3)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_record_consequence(sheet bigint, decision text, basis text,
                                                on_date date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_result AS r WHERE r.sheet_id = sheet) THEN
        RAISE EXCEPTION 'no result of sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'A consequence follows the commission''s approved result.';
    END IF;
    IF coalesce(basis, '') = '' THEN
        RAISE EXCEPTION 'a consequence needs its basis' USING ERRCODE = '22023',
              HINT = 'Name the order or protocol and the reasoning of the decision.';
    END IF;
    IF decision IS NULL OR decision NOT IN ('bonus', 'intangible_incentive', 'advancement', 'development_plan', 'transfer',
                                            'demotion', 'dismissal') THEN
        RAISE EXCEPTION 'unknown consequence "%"', decision
            USING ERRCODE = '22023',
                  DETAIL = 'Consequences: bonus, intangible_incentive, advancement, development_plan, transfer, demotion, dismissal.',
                  HINT = 'APA 2020 report, chapter 4 conclusions, Table 4.3.';
    END IF;
    INSERT INTO perf_eval.cs_consequence (sheet_id, decision, basis, decided_on, tier, negative, kef)
    VALUES (sheet, decision, basis, on_date, '', false, 0) RETURNING consequence_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_record_consequence(bigint, text, text, date) IS
'Records a decision that follows an approved result (bonus, intangible_incentive, advancement, development_plan, transfer, demotion, dismissal) with its basis; 22023 unless the level''s table of consequences allows it for a positive or negative result (cs.level.<tier>.positive | negative; APA 2020 report, chapter 4 conclusions, Table 4.3)';
