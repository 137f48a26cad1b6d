-- =========================================================================
-- Section: civil servants of corps "B": privileges and row-level security
-- (METHODOLOGY §6.3; the roles are in 05_roles.sql)
--
-- An employee sees only their own plans, sheets and results; a manager those
-- of everyone below them in the chain of supervisors; HR those of their body;
-- a commission member the sheets before their commission. Editors (and
-- admins) see and change everything. Readers (analysts) are granted SELECT
-- on every table but have no policy here: personal assessments stay out of
-- their reach.
--
-- Policies call helper functions that run with the caller's rights (no
-- definer's rights). They read only tables whose SELECT policy is a plain
-- "true" for the assessment roles (cs_login, cs_employee, cs_commission,
-- cs_commission_member), and write policies are per command, so a policy
-- never evaluates itself.
-- -------------------------------------------------------------------------

-- Every assessment role reads the reference data, the organisation, the
-- workflow catalog and (under row-level security) the assessments; readers
-- read every table (no policy lets them see personal assessments).
GRANT SELECT ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting, perf_eval.cs_meeting_attendance, perf_eval.cs_workflow_state,
      perf_eval.cs_workflow_transition, perf_eval.cs_iwp, perf_eval.cs_kpi, perf_eval.cs_assessment_sheet,
      perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating, perf_eval.cs_plan_execution, perf_eval.cs_result,
      perf_eval.cs_vote, perf_eval.cs_appeal, perf_eval.cs_workflow_event
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
-- The workflow log is written by the state trigger as the login making the move.
GRANT INSERT ON perf_eval.cs_workflow_event
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- Managers draw up plans and fill sheets of their subordinates.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_kpi, perf_eval.cs_kpi_rating, perf_eval.cs_plan_execution
   TO perf_eval_cs_manager;
GRANT INSERT ON perf_eval.cs_iwp TO perf_eval_cs_manager;
GRANT UPDATE (state, state_since) ON perf_eval.cs_iwp, perf_eval.cs_assessment_sheet TO perf_eval_cs_manager;

-- HR: the body's organisation, commission, plans, sheets and results.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_assessment_period,
      perf_eval.cs_commission, perf_eval.cs_commission_member, perf_eval.cs_commission_meeting,
      perf_eval.cs_kpi, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating, perf_eval.cs_plan_execution
   TO perf_eval_cs_hr;
GRANT INSERT ON perf_eval.cs_iwp, perf_eval.cs_assessment_sheet, perf_eval.cs_result TO perf_eval_cs_hr;
GRANT UPDATE (state, state_since) ON perf_eval.cs_iwp TO perf_eval_cs_hr;
GRANT UPDATE (state, state_since, commission_id) ON perf_eval.cs_assessment_sheet TO perf_eval_cs_hr;
GRANT UPDATE (state, state_since, meeting_id, refusal_act, refusal_witnesses) ON perf_eval.cs_result TO perf_eval_cs_hr;

-- The commission records attendance, votes and decisions.
GRANT INSERT ON perf_eval.cs_meeting_attendance, perf_eval.cs_vote TO perf_eval_cs_commission;
GRANT UPDATE (state, state_since, decision, revised_kef, revised_grade, members_voting, members_present,
              votes_yes, votes_no, chair_in_favour, decided_on) ON perf_eval.cs_result TO perf_eval_cs_commission;

-- Employees propose a plan amendment, acknowledge their result and appeal.
GRANT UPDATE (state, state_since) ON perf_eval.cs_iwp, perf_eval.cs_result TO perf_eval_cs_employee;
GRANT INSERT ON perf_eval.cs_appeal TO perf_eval_cs_employee;

-- Editors: every civil-servant table and its identity sequence.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting, perf_eval.cs_meeting_attendance, perf_eval.cs_iwp, perf_eval.cs_kpi,
      perf_eval.cs_assessment_sheet, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating,
      perf_eval.cs_plan_execution, perf_eval.cs_result, perf_eval.cs_vote, perf_eval.cs_appeal,
      perf_eval.cs_workflow_event
   TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.cs_position_position_id_seq, perf_eval.cs_employee_employee_id_seq,
      perf_eval.cs_assessment_period_period_id_seq, perf_eval.cs_commission_commission_id_seq,
      perf_eval.cs_commission_meeting_meeting_id_seq, perf_eval.cs_iwp_iwp_id_seq, perf_eval.cs_kpi_kpi_id_seq,
      perf_eval.cs_assessment_sheet_sheet_id_seq, perf_eval.cs_appeal_appeal_id_seq,
      perf_eval.cs_workflow_event_event_id_seq
   TO perf_eval_editor;

-- Identity sequences of the tables the assessment roles insert into.
DO $$
DECLARE
    seq text;
BEGIN
    FOR seq IN SELECT pg_catalog.pg_get_serial_sequence('perf_eval.' || t, c)
               FROM (VALUES ('cs_position', 'position_id'), ('cs_employee', 'employee_id'),
                            ('cs_assessment_period', 'period_id'), ('cs_commission', 'commission_id'),
                            ('cs_commission_meeting', 'meeting_id'), ('cs_iwp', 'iwp_id'), ('cs_kpi', 'kpi_id'),
                            ('cs_assessment_sheet', 'sheet_id'), ('cs_appeal', 'appeal_id'),
                            ('cs_workflow_event', 'event_id')) AS s(t, c) LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO perf_eval_cs_employee, perf_eval_cs_manager, '
                       'perf_eval_cs_hr, perf_eval_cs_commission', seq);
    END LOOP;
END
$$;

-- -------------------------------------------------------------------------
-- Row-level security
-- -------------------------------------------------------------------------

-- Organisation tables: every assessment role reads all rows; HR writes its
-- own body's (one policy per command, so reading never calls cs_is_hr_of);
-- editors write everything.
DO $$
DECLARE
    t record;
    command text;
BEGIN
    FOR t IN SELECT * FROM (VALUES
            ('cs_position',           'perf_eval.cs_is_hr_of(body)'),
            ('cs_employee',           'perf_eval.cs_is_hr_of(body)'),
            ('cs_assessment_period',  'perf_eval.cs_is_hr_of(body)'),
            ('cs_commission',         'perf_eval.cs_is_hr_of(body)'),
            ('cs_commission_member',  'EXISTS (SELECT 1 FROM perf_eval.cs_commission AS c WHERE c.commission_id = '
                                      'cs_commission_member.commission_id AND perf_eval.cs_is_hr_of(c.body))'),
            ('cs_commission_meeting', 'EXISTS (SELECT 1 FROM perf_eval.cs_commission AS c WHERE c.commission_id = '
                                      'cs_commission_meeting.commission_id AND perf_eval.cs_is_hr_of(c.body))')
        ) AS x(name, hr_rule) LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', t.name);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor USING (true) WITH CHECK (true)', t.name);
        EXECUTE format('CREATE POLICY cs_read ON perf_eval.%I FOR SELECT TO perf_eval_cs_employee, perf_eval_cs_manager, '
                       'perf_eval_cs_hr, perf_eval_cs_commission USING (true)', t.name);
        EXECUTE format('CREATE POLICY hr_insert ON perf_eval.%I FOR INSERT TO perf_eval_cs_hr WITH CHECK (%s)', t.name, t.hr_rule);
        FOREACH command IN ARRAY ARRAY['update', 'delete'] LOOP
            EXECUTE format('CREATE POLICY hr_%s ON perf_eval.%I FOR %s TO perf_eval_cs_hr USING (%s)%s',
                           command, t.name, command, t.hr_rule,
                           CASE command WHEN 'update' THEN format(' WITH CHECK (%s)', t.hr_rule) ELSE '' END);
        END LOOP;
    END LOOP;
END
$$;

-- Which login is which employee: read by the assessment roles (the policies' helpers need it), written by editors.
ALTER TABLE perf_eval.cs_login ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_login TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY cs_read ON perf_eval.cs_login FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission USING (true);

-- Attendance: read by the assessment roles, recorded by the commission (its secretary).
ALTER TABLE perf_eval.cs_meeting_attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_meeting_attendance TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY cs_read ON perf_eval.cs_meeting_attendance FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission USING (true);
CREATE POLICY commission_records ON perf_eval.cs_meeting_attendance FOR INSERT TO perf_eval_cs_commission
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_commission_meeting AS m
                        WHERE m.meeting_id = cs_meeting_attendance.meeting_id AND perf_eval.cs_sits_on(m.commission_id)));

-- Plans: the employee, the chain of managers, HR of the body, the commission the sheet is before.
ALTER TABLE perf_eval.cs_iwp ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_iwp TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY employee_own ON perf_eval.cs_iwp FOR SELECT TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee());
CREATE POLICY employee_amends ON perf_eval.cs_iwp FOR UPDATE TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee()) WITH CHECK (employee_id = perf_eval.cs_current_employee());
CREATE POLICY manager_subordinates ON perf_eval.cs_iwp TO perf_eval_cs_manager
    USING (perf_eval.cs_manages(employee_id)) WITH CHECK (perf_eval.cs_manages(employee_id));
CREATE POLICY hr_body ON perf_eval.cs_iwp TO perf_eval_cs_hr
    USING (perf_eval.cs_is_hr_of(body)) WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY commission_before_it ON perf_eval.cs_iwp FOR SELECT TO perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s
                   WHERE s.iwp_id = cs_iwp.iwp_id AND perf_eval.cs_sits_on(s.commission_id)));

-- KPIs follow their plan; managers and HR change them (the plan's state decides when).
ALTER TABLE perf_eval.cs_kpi ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_kpi TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_plan ON perf_eval.cs_kpi FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = cs_kpi.iwp_id));
CREATE POLICY drawn_up ON perf_eval.cs_kpi TO perf_eval_cs_manager, perf_eval_cs_hr
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = cs_kpi.iwp_id
                   AND (perf_eval.cs_manages(i.employee_id) OR perf_eval.cs_is_hr_of(i.body))))
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = cs_kpi.iwp_id
                        AND (perf_eval.cs_manages(i.employee_id) OR perf_eval.cs_is_hr_of(i.body))));

-- Sheets.
ALTER TABLE perf_eval.cs_assessment_sheet ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_assessment_sheet TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY employee_own ON perf_eval.cs_assessment_sheet FOR SELECT TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee());
CREATE POLICY manager_subordinates ON perf_eval.cs_assessment_sheet TO perf_eval_cs_manager
    USING (perf_eval.cs_manages(employee_id)) WITH CHECK (perf_eval.cs_manages(employee_id));
CREATE POLICY hr_body ON perf_eval.cs_assessment_sheet TO perf_eval_cs_hr
    USING (perf_eval.cs_is_hr_of(body)) WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY commission_before_it ON perf_eval.cs_assessment_sheet FOR SELECT TO perf_eval_cs_commission
    USING (perf_eval.cs_sits_on(commission_id));

-- What hangs off a sheet is visible with the sheet; managers and HR fill it.
DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['cs_kpi_rating', 'cs_competency_rating', 'cs_plan_execution'] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', child);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor USING (true) WITH CHECK (true)', child);
        EXECUTE format('CREATE POLICY visible_sheet ON perf_eval.%1$I FOR SELECT '
                       'TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission '
                       'USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id))',
                       child);
        EXECUTE format('CREATE POLICY filled_by ON perf_eval.%1$I TO perf_eval_cs_manager, perf_eval_cs_hr '
                       'USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id '
                       'AND (perf_eval.cs_manages(s.employee_id) OR perf_eval.cs_is_hr_of(s.body)))) '
                       'WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id '
                       'AND (perf_eval.cs_manages(s.employee_id) OR perf_eval.cs_is_hr_of(s.body))))', child);
    END LOOP;
END
$$;

-- Results: visible with the sheet; HR creates and moves them, the commission decides, the employee acknowledges.
ALTER TABLE perf_eval.cs_result ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_result TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_sheet ON perf_eval.cs_result FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = cs_result.sheet_id));
CREATE POLICY hr_submits ON perf_eval.cs_result FOR INSERT TO perf_eval_cs_hr WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY hr_moves ON perf_eval.cs_result FOR UPDATE TO perf_eval_cs_hr
    USING (perf_eval.cs_is_hr_of(body)) WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY commission_decides ON perf_eval.cs_result FOR UPDATE TO perf_eval_cs_commission
    USING (perf_eval.cs_sits_on(commission_id)) WITH CHECK (perf_eval.cs_sits_on(commission_id));
CREATE POLICY employee_acknowledges ON perf_eval.cs_result FOR UPDATE TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee()) WITH CHECK (employee_id = perf_eval.cs_current_employee());

-- Votes: open, visible with the sheet; cast by the commission at its meetings.
ALTER TABLE perf_eval.cs_vote ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_vote TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_sheet ON perf_eval.cs_vote FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = cs_vote.sheet_id));
CREATE POLICY commission_votes ON perf_eval.cs_vote FOR INSERT TO perf_eval_cs_commission
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_commission_meeting AS m
                        WHERE m.meeting_id = cs_vote.meeting_id AND perf_eval.cs_sits_on(m.commission_id)));

-- Appeals: visible with the sheet; filed by the employee; decided by editors (the authority).
ALTER TABLE perf_eval.cs_appeal ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_appeal TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_sheet ON perf_eval.cs_appeal FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = cs_appeal.sheet_id));
CREATE POLICY employee_files ON perf_eval.cs_appeal FOR INSERT TO perf_eval_cs_employee
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_result AS r
                        WHERE r.sheet_id = cs_appeal.sheet_id AND r.employee_id = perf_eval.cs_current_employee()));

-- The workflow log: visible with its document; written as the login making the move.
ALTER TABLE perf_eval.cs_workflow_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_workflow_event TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_document ON perf_eval.cs_workflow_event FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (CASE entity WHEN 'iwp' THEN EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = entity_id)
                       ELSE EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = entity_id) END);
CREATE POLICY logged_by_mover ON perf_eval.cs_workflow_event FOR INSERT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    WITH CHECK (actor = current_user);

-- Every assessment role reads the views (row-level security of the tables
-- beneath decides which rows), and so do readers.
GRANT SELECT ON perf_eval.cs_sheet_result, perf_eval.cs_competency_result, perf_eval.cs_grade_distribution,
      perf_eval.cs_kef_distribution, perf_eval.cs_overdue_sheets
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
