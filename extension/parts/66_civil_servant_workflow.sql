-- =========================================================================
-- Section: civil servants of corps "B": the assessment documents and their
-- workflow (METHODOLOGY §6.3)
--
-- The documents of an employee's assessment: the individual work plan and
-- its KPIs, the assessment sheet with its ratings and plan execution, the
-- commission's attendance and votes, the result and the appeal. Plans,
-- sheets and results move through the states of a transition table; a
-- trigger enforces that state machine, the actor of each move and the data
-- constraints on direct writes, and logs every move. The moves themselves
-- are functions (68_civil_servant_procedures.sql). Everything runs with the
-- caller's rights: row-level security (at the end of this part, by the
-- visibility model of 65_civil_servant_model.sql) decides what a login sees
-- and changes. Dates of moves are passed in (default: today) so deadlines
-- count working days from a calendar table.
-- =========================================================================

-- -------------------------------------------------------------------------
-- Individual work plans and their KPIs
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_iwp (
    iwp_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id   bigint NOT NULL REFERENCES perf_eval.cs_assessment_period (period_id),
    employee_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    state       text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'approved',
                                                             'amendment_submitted', 'closed')),
    state_since date NOT NULL DEFAULT current_date,
    amendments  integer NOT NULL DEFAULT 0 CHECK (amendments >= 0),
    UNIQUE (period_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_iwp.iwp_id IS 'Identifier of the individual work plan';
COMMENT ON COLUMN perf_eval.cs_iwp.period_id IS 'Assessment period (perf_eval.cs_assessment_period.period_id)';
COMMENT ON COLUMN perf_eval.cs_iwp.employee_id IS 'Employee whose plan it is (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_iwp.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_iwp.state IS 'Workflow state: draft | submitted | returned | approved | amendment_submitted | closed';
COMMENT ON COLUMN perf_eval.cs_iwp.state_since IS 'Date the plan entered its current state (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_iwp.amendments IS 'Number of amendments made in the period (count; at most 1)';
COMMENT ON TABLE perf_eval.cs_iwp IS
'Individual work plan of an employee for a period: draft -> submitted -> (returned -> submitted)* -> approved -> (amendment_submitted -> approved)<=1 -> closed (APA 2020 report, Appendix 4, paragraphs 11-18, docs/methodology.md §6.3)';

CREATE TABLE perf_eval.cs_kpi (
    kpi_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iwp_id           bigint NOT NULL REFERENCES perf_eval.cs_iwp (iwp_id) ON DELETE CASCADE,
    kpi_no           integer NOT NULL CHECK (kpi_no > 0),
    title            text NOT NULL,
    unit             text NOT NULL,
    plan             numeric NOT NULL CHECK (plan >= 0 AND plan < 'Infinity'),
    decrease_is_good boolean NOT NULL DEFAULT false,
    expected_change  text NOT NULL,
    work_type        text NOT NULL,
    work_mode        text NOT NULL,
    UNIQUE (iwp_id, kpi_no)
);
COMMENT ON COLUMN perf_eval.cs_kpi.kpi_id IS 'Identifier of the KPI';
COMMENT ON COLUMN perf_eval.cs_kpi.iwp_id IS 'Individual work plan the KPI belongs to (perf_eval.cs_iwp.iwp_id)';
COMMENT ON COLUMN perf_eval.cs_kpi.kpi_no IS 'Number of the KPI within the plan (1, 2, ...)';
COMMENT ON COLUMN perf_eval.cs_kpi.title IS 'Title of the KPI';
COMMENT ON COLUMN perf_eval.cs_kpi.unit IS 'Unit of plan and fact (e.g. count, %, days)';
COMMENT ON COLUMN perf_eval.cs_kpi.plan IS 'Planned value, in the KPI''s unit (>= 0)';
COMMENT ON COLUMN perf_eval.cs_kpi.decrease_is_good IS 'True if a lower fact is better (the plan is met when fact <= plan)';
COMMENT ON COLUMN perf_eval.cs_kpi.expected_change IS 'Expected positive change the KPI brings';
COMMENT ON COLUMN perf_eval.cs_kpi.work_type IS 'Type of work: technical (0) | organisational (1; organizational also accepted) | analytical (2)';
COMMENT ON COLUMN perf_eval.cs_kpi.work_mode IS 'Mode of work: normal (1) | urgent (2); difficulty d = 2*type + mode, 1..6';
COMMENT ON TABLE perf_eval.cs_kpi IS
'Key target indicators of a plan: the planned value, the direction and expected positive change, and the type and mode of work that set the difficulty d = 2*type + mode (APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 4, paragraph 15)';

-- -------------------------------------------------------------------------
-- Assessment sheets and their ratings
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_assessment_sheet (
    sheet_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id     bigint NOT NULL REFERENCES perf_eval.cs_assessment_period (period_id),
    employee_id   bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    body          text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    iwp_id        bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_iwp (iwp_id),
    state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'signed_by_direct', 'under_superior_review',
                                                               'returned', 'agreed', 'at_commission', 'deferred', 'exempt')),
    state_since   date NOT NULL DEFAULT current_date,
    exempt_reason text,
    resumed_on    date,
    commission_id bigint REFERENCES perf_eval.cs_commission (commission_id),
    UNIQUE (period_id, employee_id),
    CHECK ((state = 'exempt') = (exempt_reason IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.sheet_id IS 'Identifier of the assessment sheet';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.period_id IS 'Assessment period (perf_eval.cs_assessment_period.period_id)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.employee_id IS 'Employee assessed (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.iwp_id IS 'Individual work plan assessed (perf_eval.cs_iwp.iwp_id)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.state IS 'Workflow state: draft | signed_by_direct | under_superior_review | returned | agreed | at_commission | deferred | exempt';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.state_since IS 'Date the sheet entered its current state (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.exempt_reason IS 'Why the employee is not assessed (less than 3 months in the position, probation); set only in state exempt';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.resumed_on IS 'Date a deferred employee returned (assessed within 5 working days)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.commission_id IS 'Commission the sheet was submitted to (perf_eval.cs_commission.commission_id)';
COMMENT ON TABLE perf_eval.cs_assessment_sheet IS
'Assessment sheet of an employee for a period: draft -> signed_by_direct -> under_superior_review -> (returned -> under_superior_review)* -> agreed -> at_commission; exempt and deferred aside (APA 2020 report, Appendix 4, paragraphs 4, 19, 26, docs/methodology.md §6.3)';

CREATE TABLE perf_eval.cs_kpi_rating (
    sheet_id   bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    kpi_id     bigint NOT NULL REFERENCES perf_eval.cs_kpi (kpi_id) ON DELETE CASCADE,
    fact       numeric NOT NULL CHECK (fact >= 0 AND fact < 'Infinity'),
    quality    integer NOT NULL,
    timeliness integer NOT NULL,
    PRIMARY KEY (sheet_id, kpi_id)
);
COMMENT ON COLUMN perf_eval.cs_kpi_rating.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.kpi_id IS 'KPI rated (perf_eval.cs_kpi.kpi_id)';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.fact IS 'Actual value, in the KPI''s unit (>= 0); completeness c 0..2 follows from plan and fact';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.quality IS 'Quality q, 0..3';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.timeliness IS 'Timeliness t, 0..1';
COMMENT ON TABLE perf_eval.cs_kpi_rating IS
'The direct supervisor''s rating of one KPI: the fact (completeness c follows from plan and fact), quality q and timeliness t (APA 2020 report, chapter 4 conclusions, Table 4.3)';

CREATE TABLE perf_eval.cs_competency_rating (
    sheet_id   bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    competency text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    manifested integer NOT NULL,
    defined    integer NOT NULL,
    PRIMARY KEY (sheet_id, competency)
);
COMMENT ON COLUMN perf_eval.cs_competency_rating.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_competency_rating.competency IS 'Competency rated (perf_eval.cs_competency.competency)';
COMMENT ON COLUMN perf_eval.cs_competency_rating.manifested IS 'Behavioural indicators manifested, k (count, <= defined)';
COMMENT ON COLUMN perf_eval.cs_competency_rating.defined IS 'Behavioural indicators defined for the competency and position tier, n (count, > 0)';
COMMENT ON TABLE perf_eval.cs_competency_rating IS
'360-degree result for one competency: k behavioural indicators manifested of the n defined for the position tier; meets when 4k >= 3n (APA 2020 report §4.1; Appendix 4, paragraph 23)';

CREATE TABLE perf_eval.cs_plan_execution (
    sheet_id        bigint PRIMARY KEY REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    planned_tasks   bigint NOT NULL CHECK (planned_tasks >= 0),
    unplanned_tasks bigint NOT NULL CHECK (unplanned_tasks >= 0),
    completed_tasks bigint NOT NULL CHECK (completed_tasks >= 0),
    CONSTRAINT completed_within_total CHECK (completed_tasks <= planned_tasks + unplanned_tasks)
);
COMMENT ON COLUMN perf_eval.cs_plan_execution.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_plan_execution.planned_tasks IS 'Tasks in the individual plan (count)';
COMMENT ON COLUMN perf_eval.cs_plan_execution.unplanned_tasks IS 'Tasks assigned outside the plan (count)';
COMMENT ON COLUMN perf_eval.cs_plan_execution.completed_tasks IS 'Tasks completed (count, <= planned + unplanned); P = 100*completed/total in %';
COMMENT ON TABLE perf_eval.cs_plan_execution IS
'Execution of the individual plan: P = 100*completed/(planned + unplanned) drives the Kef gate (APA 2020 report, Appendix 4, paragraph 28)';

-- -------------------------------------------------------------------------
-- Before the commission: attendance, votes, results, appeals
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_meeting_attendance (
    meeting_id  bigint NOT NULL REFERENCES perf_eval.cs_commission_meeting (meeting_id) ON DELETE CASCADE,
    employee_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    PRIMARY KEY (meeting_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_meeting_attendance.meeting_id IS 'Meeting (perf_eval.cs_commission_meeting.meeting_id)';
COMMENT ON COLUMN perf_eval.cs_meeting_attendance.employee_id IS 'Voting member present (perf_eval.cs_employee.employee_id)';
COMMENT ON TABLE perf_eval.cs_meeting_attendance IS
'Voting members present at a meeting; quorum is 3*present >= 2*members (APA 2020 report, Appendix 4, paragraph 32); the secretary is not recorded';

CREATE TABLE perf_eval.cs_result (
    sheet_id          bigint PRIMARY KEY REFERENCES perf_eval.cs_assessment_sheet (sheet_id),
    employee_id       bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    body              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    commission_id     bigint NOT NULL REFERENCES perf_eval.cs_commission (commission_id),
    state             text NOT NULL DEFAULT 'at_commission' CHECK (state IN ('at_commission', 'scheduled', 'decided',
                          'approved_final', 'informed', 'acknowledged', 'refusal_act', 'appealed', 'appeal_decided',
                          'archived', 'reopened')),
    state_since       date NOT NULL DEFAULT current_date,
    -- computed when the sheet reaches the commission (frozen from then on)
    kpis              integer NOT NULL,
    kpi_part          numeric NOT NULL,
    competencies      integer NOT NULL,
    competencies_met  integer NOT NULL,
    competency_part   numeric NOT NULL,
    kef_raw           numeric NOT NULL,
    completed_tasks   bigint NOT NULL,
    total_tasks       bigint NOT NULL,
    plan_gate         numeric NOT NULL,
    computed_kef      numeric NOT NULL,
    kpis_achieved     integer NOT NULL,
    computed_grade    text,
    computation       jsonb NOT NULL,
    -- the commission
    meeting_id        bigint REFERENCES perf_eval.cs_commission_meeting (meeting_id),
    decision          text CHECK (decision IN ('approved', 'revised')),
    revised_kef       numeric CHECK (revised_kef >= 0 AND revised_kef < 'Infinity'),
    revised_grade     text,
    members_voting    integer,
    members_present   integer,
    votes_yes         integer,
    votes_no          integer,
    chair_in_favour   boolean,
    decided_on        date,
    -- after the decision
    refusal_act       text,
    refusal_witnesses bigint[],
    retain_until      date,
    CHECK ((decision = 'revised') = (revised_kef IS NOT NULL OR revised_grade IS NOT NULL)),
    CHECK ((state IN ('at_commission', 'scheduled')) = (decision IS NULL))
);
COMMENT ON COLUMN perf_eval.cs_result.sheet_id IS 'Assessment sheet the result is for (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_result.employee_id IS 'Employee assessed (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_result.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_result.commission_id IS 'Commission that decides (perf_eval.cs_commission.commission_id)';
COMMENT ON COLUMN perf_eval.cs_result.state IS 'Workflow state: at_commission | scheduled | decided | approved_final | informed | acknowledged | refusal_act | appealed | appeal_decided | archived | reopened';
COMMENT ON COLUMN perf_eval.cs_result.state_since IS 'Date the result entered its current state (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_result.kpis IS 'Number of KPIs rated (count)';
COMMENT ON COLUMN perf_eval.cs_result.kpi_part IS 'KPI part: mean of kef_i over the KPIs, a fraction 0..2 (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_result.competencies IS 'Number of competencies rated (count)';
COMMENT ON COLUMN perf_eval.cs_result.competencies_met IS 'Number of competencies that meet expectations (count)';
COMMENT ON COLUMN perf_eval.cs_result.competency_part IS 'Competency part: mean of v_j over the competencies, a fraction 0..1';
COMMENT ON COLUMN perf_eval.cs_result.kef_raw IS 'Kef before the plan gate: 0.5*kpi_part + 0.5*competency_part, a fraction 0..1.5';
COMMENT ON COLUMN perf_eval.cs_result.completed_tasks IS 'Tasks completed (count)';
COMMENT ON COLUMN perf_eval.cs_result.total_tasks IS 'Planned plus unplanned tasks (count)';
COMMENT ON COLUMN perf_eval.cs_result.plan_gate IS 'Gate of plan execution P: 0 (P < 75 %), 0.5 (P < 100 %) or 1';
COMMENT ON COLUMN perf_eval.cs_result.computed_kef IS 'Kef = kef_raw * plan_gate as computed, a fraction (1 = 100 %; may exceed 1)';
COMMENT ON COLUMN perf_eval.cs_result.kpis_achieved IS 'KPIs whose fact meets the plan (count; m2018 grade)';
COMMENT ON COLUMN perf_eval.cs_result.computed_grade IS 'm2018 grade as computed: excellent | effective | satisfactory | unsatisfactory; NULL when the plan does not have exactly 5 KPIs';
COMMENT ON COLUMN perf_eval.cs_result.computation IS 'Every step of the computation (jsonb): per-KPI c, q, t, d, kef_i, per-competency k, n, parameters used';
COMMENT ON COLUMN perf_eval.cs_result.meeting_id IS 'Meeting that decided (perf_eval.cs_commission_meeting.meeting_id)';
COMMENT ON COLUMN perf_eval.cs_result.decision IS 'Commission decision: approved (as computed) | revised';
COMMENT ON COLUMN perf_eval.cs_result.revised_kef IS 'Kef set by the commission, a fraction (1 = 100 %); NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_result.revised_grade IS 'Grade set by the commission; NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_result.members_voting IS 'Voting members of the commission at the decision (count)';
COMMENT ON COLUMN perf_eval.cs_result.members_present IS 'Voting members present (count; quorum 3*present >= 2*members)';
COMMENT ON COLUMN perf_eval.cs_result.votes_yes IS 'Votes for approving the result as computed (count)';
COMMENT ON COLUMN perf_eval.cs_result.votes_no IS 'Votes against (count)';
COMMENT ON COLUMN perf_eval.cs_result.chair_in_favour IS 'The chair''s vote, which decides a tie';
COMMENT ON COLUMN perf_eval.cs_result.decided_on IS 'Date of the decision (the appeal period counts from it)';
COMMENT ON COLUMN perf_eval.cs_result.refusal_act IS 'Reference of the act recording the employee''s refusal to acknowledge the result';
COMMENT ON COLUMN perf_eval.cs_result.refusal_witnesses IS 'Employees who signed the refusal act (employee_id values)';
COMMENT ON COLUMN perf_eval.cs_result.retain_until IS 'Date until which the documents are retained (3 years)';
COMMENT ON TABLE perf_eval.cs_result IS
'The result before the commission: at_commission -> scheduled -> decided (approved | revised) -> approved_final -> informed -> acknowledged | refusal_act -> (appealed -> appeal_decided) -> archived; Kef and grade computed when the sheet arrives, revised values by the commission (APA 2020 report, Appendix 4, paragraphs 26-45, docs/methodology.md §6.3)';

CREATE TABLE perf_eval.cs_vote (
    meeting_id  bigint NOT NULL REFERENCES perf_eval.cs_commission_meeting (meeting_id),
    sheet_id    bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id),
    employee_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    in_favour   boolean NOT NULL,
    PRIMARY KEY (meeting_id, sheet_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_vote.meeting_id IS 'Meeting (perf_eval.cs_commission_meeting.meeting_id)';
COMMENT ON COLUMN perf_eval.cs_vote.sheet_id IS 'Assessment sheet voted on (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_vote.employee_id IS 'Voting member (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_vote.in_favour IS 'True for a vote to approve the result as presented';
COMMENT ON TABLE perf_eval.cs_vote IS
'Open votes of present voting members on approving a sheet''s results as presented (APA 2020 report, Appendix 4, paragraphs 34-36): yes > no approves, no > yes revises, the chair decides a tie';

CREATE TABLE perf_eval.cs_appeal (
    appeal_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sheet_id   bigint NOT NULL REFERENCES perf_eval.cs_result (sheet_id),
    filed_on   date NOT NULL,
    grounds    text NOT NULL,
    outcome    text CHECK (outcome IN ('recommend_revise', 'unchanged')),
    decided_on date,
    CHECK ((outcome IS NULL) = (decided_on IS NULL))
);
COMMENT ON COLUMN perf_eval.cs_appeal.appeal_id IS 'Identifier of the appeal';
COMMENT ON COLUMN perf_eval.cs_appeal.sheet_id IS 'Result appealed (perf_eval.cs_result.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_appeal.filed_on IS 'Date the appeal was filed (within 10 working days of the decision)';
COMMENT ON COLUMN perf_eval.cs_appeal.grounds IS 'Grounds of the appeal';
COMMENT ON COLUMN perf_eval.cs_appeal.outcome IS 'Outcome: recommend_revise (cancel and revise) | unchanged; NULL while pending';
COMMENT ON COLUMN perf_eval.cs_appeal.decided_on IS 'Date of the outcome; NULL while pending';
COMMENT ON TABLE perf_eval.cs_appeal IS
'Appeal to the civil-service authority within 10 working days of the commission''s decision; outcome recommend_revise (cancel and revise) or unchanged (APA 2020 report, Appendix 4, paragraph 45)';
-- One pending appeal per result; a result revised after an upheld appeal may be appealed again.
CREATE UNIQUE INDEX cs_appeal_one_pending ON perf_eval.cs_appeal (sheet_id) WHERE decided_on IS NULL;

-- -------------------------------------------------------------------------
-- The workflow: states, legal moves, their actors, and the log
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_workflow_state (
    entity      text NOT NULL CHECK (entity IN ('iwp', 'sheet', 'result')),
    state       text NOT NULL,
    state_order integer NOT NULL,
    is_initial  boolean NOT NULL DEFAULT false,
    title_en    text NOT NULL,
    PRIMARY KEY (entity, state)
);
COMMENT ON COLUMN perf_eval.cs_workflow_state.entity IS 'Document the state belongs to: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_workflow_state.state IS 'Code of the state, e.g. draft, submitted, approved (see table comments of cs_iwp, cs_assessment_sheet, cs_result)';
COMMENT ON COLUMN perf_eval.cs_workflow_state.state_order IS 'Sort key of the state in the document''s life cycle (1 first)';
COMMENT ON COLUMN perf_eval.cs_workflow_state.is_initial IS 'True for the state a new document starts in';
COMMENT ON COLUMN perf_eval.cs_workflow_state.title_en IS 'Title of the state in English';
COMMENT ON TABLE perf_eval.cs_workflow_state IS
'States of an individual work plan, an assessment sheet and a commission result (docs/methodology.md §6.3)';
INSERT INTO perf_eval.cs_workflow_state VALUES
('iwp',    'draft',               1, true,  'drawn up by the direct supervisor'),
('iwp',    'submitted',           2, false, 'submitted to the superior manager'),
('iwp',    'returned',            3, false, 'returned for revision'),
('iwp',    'approved',            4, false, 'approved by the superior manager'),
('iwp',    'amendment_submitted', 5, false, 'amendment submitted after the six-month monitoring'),
('iwp',    'closed',              6, false, 'closed at the end of the period'),
('sheet',  'draft',               1, true,  'being filled by the direct supervisor'),
('sheet',  'signed_by_direct',    2, false, 'signed by the direct supervisor'),
('sheet',  'under_superior_review', 3, false, 'under review by the superior manager'),
('sheet',  'returned',            4, false, 'returned for revision'),
('sheet',  'agreed',              5, false, 'agreed and signed by the superior manager'),
('sheet',  'at_commission',       6, false, 'submitted to the commission'),
('sheet',  'deferred',            7, false, 'deferred: absent during the campaign'),
('sheet',  'exempt',              8, true,  'not assessed: under 3 months in the position or on probation'),
('result', 'at_commission',       1, true,  'before the commission'),
('result', 'scheduled',           2, false, 'on the agenda of a meeting'),
('result', 'decided',             3, false, 'approved or revised by the commission'),
('result', 'approved_final',      4, false, 'approved by the authorised person'),
('result', 'informed',            5, false, 'the employee has been informed'),
('result', 'acknowledged',        6, false, 'acknowledged in writing'),
('result', 'refusal_act',         7, false, 'refusal to acknowledge recorded by an act'),
('result', 'appealed',            8, false, 'appealed to the civil-service authority'),
('result', 'appeal_decided',      9, false, 'appeal decided'),
('result', 'archived',           10, false, 'final; kept for the retention period'),
('result', 'reopened',           11, false, 'decision cancelled after an upheld appeal; the assessment is being revised');

CREATE TABLE perf_eval.cs_workflow_transition (
    entity       text NOT NULL,
    action       text NOT NULL CHECK (action ~ '^[a-z_]+$'),
    from_state   text NOT NULL,
    to_state     text NOT NULL,
    actors       text[] NOT NULL CHECK (actors <@ ARRAY['employee', 'direct_manager', 'superior', 'hr',
                                                          'commission', 'authority']),
    api_function text,
    clause       text NOT NULL,
    PRIMARY KEY (entity, action, from_state),
    UNIQUE (entity, from_state, to_state),
    FOREIGN KEY (entity, from_state) REFERENCES perf_eval.cs_workflow_state (entity, state),
    FOREIGN KEY (entity, to_state) REFERENCES perf_eval.cs_workflow_state (entity, state)
);
COMMENT ON COLUMN perf_eval.cs_workflow_transition.entity IS 'Document: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.action IS 'Name of the move, e.g. submit, approve, return';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.from_state IS 'State the move starts from';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.to_state IS 'State the move leads to';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.actors IS 'Who may make the move: employee, direct_manager, superior, hr, commission, authority';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.api_function IS 'Function to call when the move needs more than a date; NULL for perf_eval.cs_move';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.clause IS 'Clause of the assessment rules the move implements';
COMMENT ON TABLE perf_eval.cs_workflow_transition IS
'Every legal workflow move: entity, action, from and to state, who may make it (editors may make any), and the function to call when the move needs more than a date (docs/methodology.md §6.3)';
INSERT INTO perf_eval.cs_workflow_transition VALUES
('iwp',    'submit',               'draft',                 'submitted',             '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraphs 11-12'),
('iwp',    'return',               'submitted',             'returned',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraph 14'),
('iwp',    'submit',               'returned',              'submitted',             '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraph 14'),
('iwp',    'approve',              'submitted',             'approved',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraphs 12-13'),
('iwp',    'submit_amendment',     'approved',              'amendment_submitted',   '{employee}',            NULL, 'APA 2020 report, Appendix 4, paragraph 18'),
('iwp',    'approve',              'amendment_submitted',   'approved',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraph 18'),
('iwp',    'close',                'approved',              'closed',                '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 20'),
('sheet',  'sign',                 'draft',                 'signed_by_direct',      '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraph 19'),
('sheet',  'submit',               'signed_by_direct',      'under_superior_review', '{direct_manager,hr}',   NULL, 'APA 2020 report, Appendix 4, paragraph 21'),
('sheet',  'return',               'under_superior_review', 'returned',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraphs 23-24'),
('sheet',  'submit',               'returned',              'under_superior_review', '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraph 25'),
('sheet',  'agree',                'under_superior_review', 'agreed',                '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraph 23'),
('sheet',  'submit_to_commission', 'agreed',                'at_commission',         '{hr}',                  'perf_eval.cs_submit_to_commission', 'APA 2020 report, Appendix 4, paragraph 26'),
('sheet',  'defer',                'draft',                 'deferred',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 4'),
('sheet',  'resume',               'deferred',              'draft',                 '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 4'),
('result', 'schedule',             'at_commission',         'scheduled',             '{hr}',                  'perf_eval.cs_schedule', 'APA 2020 report, Appendix 4, paragraphs 30-31'),
('result', 'decide',               'scheduled',             'decided',               '{commission}',          'perf_eval.cs_decide', 'APA 2020 report, Appendix 4, paragraphs 32-40'),
('result', 'approve_final',        'decided',               'approved_final',        '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 41'),
('result', 'inform',               'approved_final',        'informed',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 42'),
('result', 'acknowledge',          'informed',              'acknowledged',          '{employee,hr}',         NULL, 'APA 2020 report, Appendix 4, paragraph 43'),
('result', 'record_refusal',       'informed',              'refusal_act',           '{hr}',                  'perf_eval.cs_record_refusal', 'APA 2020 report, Appendix 4, paragraphs 43-44'),
('result', 'appeal',               'acknowledged',          'appealed',              '{employee}',            'perf_eval.cs_file_appeal', 'APA 2020 report, Appendix 4, paragraph 45'),
('result', 'appeal',               'refusal_act',           'appealed',              '{employee}',            'perf_eval.cs_file_appeal', 'APA 2020 report, Appendix 4, paragraph 45'),
('result', 'decide_appeal',        'appealed',              'appeal_decided',        '{authority}',           'perf_eval.cs_decide_appeal', 'APA 2020 report, Appendix 4, paragraph 45'),
('result', 'archive',              'acknowledged',          'archived',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 10'),
('result', 'archive',              'refusal_act',           'archived',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 10'),
('result', 'archive',              'appeal_decided',        'archived',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 10'),
-- An upheld appeal (recommend_revise): the body cancels the decision and the
-- sheet returns to the stage the commission names (seed 000 lines 5379-5383).
('result', 'reopen',               'appeal_decided',        'reopened',              '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 40, 45'),
('result', 'resubmit',             'reopened',              'at_commission',         '{hr}',                  'perf_eval.cs_submit_to_commission', 'APA 2020 report, Appendix 4, paragraphs 26, 45'),
('sheet',  'reopen_to_supervisor', 'at_commission',         'returned',              '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 24-25, 45'),
('sheet',  'reopen_to_superior',   'at_commission',         'under_superior_review', '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 23, 45'),
('sheet',  'reopen_to_commission', 'at_commission',         'agreed',                '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 26, 45');

CREATE TABLE perf_eval.cs_workflow_event (
    event_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity      text NOT NULL,
    entity_id   bigint NOT NULL,
    action      text NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    on_date     date NOT NULL,
    actor       name NOT NULL DEFAULT current_user,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    reason      text
);
COMMENT ON COLUMN perf_eval.cs_workflow_event.event_id IS 'Identifier of the event, increasing with time';
COMMENT ON COLUMN perf_eval.cs_workflow_event.entity IS 'Document moved: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_workflow_event.entity_id IS 'iwp_id for a plan; sheet_id for a sheet or a result';
COMMENT ON COLUMN perf_eval.cs_workflow_event.action IS 'Name of the move (perf_eval.cs_workflow_transition.action)';
COMMENT ON COLUMN perf_eval.cs_workflow_event.from_state IS 'State before the move; NULL when the document was created';
COMMENT ON COLUMN perf_eval.cs_workflow_event.to_state IS 'State after the move';
COMMENT ON COLUMN perf_eval.cs_workflow_event.on_date IS 'Date the move counts from (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_workflow_event.actor IS 'Database role that made the move';
COMMENT ON COLUMN perf_eval.cs_workflow_event.recorded_at IS 'When the move was recorded';
COMMENT ON COLUMN perf_eval.cs_workflow_event.reason IS 'Why the move was made, as its maker gave it (a return''s shortcoming, an appeal''s grounds, a reopening''s recommendation); NULL when only the rule of the move applies';
COMMENT ON TABLE perf_eval.cs_workflow_event IS
'Every workflow move as it happened: entity (iwp: iwp_id; sheet and result: sheet_id), action, states, the date it counts from, who made it';
CREATE INDEX cs_workflow_event_entity ON perf_eval.cs_workflow_event (entity, entity_id);

-- Why the current move is made: the move functions set perf_eval_cs.reason
-- around the statement that moves the document, and the state trigger logs it.
CREATE FUNCTION perf_eval.cs_move_reason()
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT nullif(pg_catalog.current_setting('perf_eval_cs.reason', true), '') $$;
COMMENT ON FUNCTION perf_eval.cs_move_reason() IS
'The reason given for the workflow move being made (setting perf_eval_cs.reason, set by the move functions), or NULL';

-- Whether the current login may act as one of the actors for an employee's document.
CREATE FUNCTION perf_eval.cs_may_act(actors text[], employee bigint, commission bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH me AS (SELECT perf_eval.cs_current_employee() AS id),
    subject AS (
        SELECT e.employee_id, e.body, e.manager_id, m.manager_id AS superior_id,
               coalesce(m.is_first_head, false) AS manager_is_first_head
        FROM perf_eval.cs_employee AS e
        LEFT JOIN perf_eval.cs_employee AS m ON m.employee_id = e.manager_id
        WHERE e.employee_id = $2
    )
    SELECT perf_eval.cs_is_staff() OR EXISTS (
        SELECT 1 FROM subject AS s, me, unnest($1) AS a(actor)
        WHERE (a.actor = 'employee' AND s.employee_id = me.id)
           OR (a.actor = 'direct_manager' AND s.manager_id = me.id)
           -- the superior manager; the first head approves for their own direct reports (seed 000 lines 5256, 5296)
           OR (a.actor = 'superior' AND (s.superior_id = me.id OR (s.manager_is_first_head AND s.manager_id = me.id)))
           OR (a.actor = 'hr' AND perf_eval.cs_is_hr_of(s.body))
           OR (a.actor = 'commission' AND perf_eval.cs_sits_on($3)))
$$;
COMMENT ON FUNCTION perf_eval.cs_may_act(text[], bigint, bigint) IS
'True if the current login may make a move reserved for these actors on the employee''s document: the employee, the direct supervisor, the superior manager, the body''s HR, a member of the commission; editors (the civil-service authority''s data entry) may make any move';

-- The move a write of a document's state makes: a legal transition, by a
-- permitted actor, not dated before the state it leaves (22023, 42501).
CREATE FUNCTION perf_eval.cs_checked_move(doc_kind text, entity_id bigint, old_state text, new_state text,
                                          old_since date, new_since date, employee bigint, commission bigint,
                                          context text)
RETURNS perf_eval.cs_workflow_transition
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition;
BEGIN
    SELECT t.* INTO move FROM perf_eval.cs_workflow_transition AS t
    WHERE t.entity = doc_kind AND t.from_state = old_state AND t.to_state = new_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'illegal move of % % from % to %', doc_kind, entity_id, old_state, new_state
            USING ERRCODE = '22023',
                  DETAIL = format('%s. From %s the moves are: %s.', context, old_state,
                                  coalesce((SELECT string_agg(t.action || ' -> ' || t.to_state, ', ' ORDER BY t.action)
                                            FROM perf_eval.cs_workflow_transition AS t
                                            WHERE t.entity = doc_kind AND t.from_state = old_state),
                                           'none (final state)')),
                  HINT = 'Workflow, docs/methodology.md §6.3; perf_eval.cs_workflow_transition lists the legal moves.';
    END IF;
    IF NOT perf_eval.cs_may_act(move.actors, employee, commission) THEN
        RAISE EXCEPTION 'only the % may % this %', array_to_string(move.actors, ' or '), move.action, doc_kind
            USING ERRCODE = '42501',
                  DETAIL = format('%s, %s %s; login %s.', context, doc_kind, entity_id, current_user),
                  HINT = format('Workflow, %s (docs/methodology.md §6.3).', move.clause);
    END IF;
    IF new_since < old_since THEN
        RAISE EXCEPTION 'the move % of % % cannot be dated % before its previous move on %',
                        move.action, doc_kind, entity_id, new_since, old_since
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = 'Workflow dates only move forward (docs/methodology.md §6.3).';
    END IF;
    RETURN move;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_checked_move(text, bigint, text, text, date, date, bigint, bigint, text) IS
'The workflow move from one state of a plan, sheet or result to another, checked: a legal transition (22023), by a permitted actor (42501), not dated before the previous move (22023); docs/methodology.md §6.3';

-- A sheet is signed once every KPI of its plan is rated and the plan execution is recorded.
CREATE FUNCTION perf_eval.cs_check_sheet_signable(sheet bigint, iwp bigint, context text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unrated text := (SELECT string_agg(k.kpi_no::text, ', ' ORDER BY k.kpi_no) FROM perf_eval.cs_kpi AS k
                     WHERE k.iwp_id = iwp
                       AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi_rating AS r
                                       WHERE r.sheet_id = sheet AND r.kpi_id = k.kpi_id));
BEGIN
    IF unrated IS NOT NULL THEN
        RAISE EXCEPTION 'assessment sheet % has unrated KPIs', sheet
            USING ERRCODE = '22023', DETAIL = format('%s; KPIs without a rating: %s.', context, unrated),
                  HINT = 'The direct supervisor rates every KPI before signing, APA 2020 report, Appendix 4, paragraph 19.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = sheet) THEN
        RAISE EXCEPTION 'assessment sheet % has no plan execution', sheet
            USING ERRCODE = '22023', DETAIL = context || '.',
                  HINT = 'The percentage of plan execution is the first step, APA 2020 report, Appendix 4, paragraph 28.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_check_sheet_signable(bigint, bigint, text) IS
'22023 unless every KPI of the plan has a rating on the sheet and the sheet records the plan execution: what signing a sheet needs (APA 2020 report, Appendix 4, paragraphs 19, 28)';

-- The state machine on every write of a state: a legal move, by a permitted
-- actor, not dated before the state it leaves; then its side effects and the
-- log. NEW's fields differ per table, so each table's fields are read in its
-- own branch (PL/pgSQL resolves a field when it first runs a statement).
CREATE FUNCTION perf_eval.cs_workflow_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    doc_kind text := TG_ARGV[0];
    entity_id bigint;
    period perf_eval.cs_assessment_period;
    commission bigint;
    move perf_eval.cs_workflow_transition;
    context text;
    limit_amendments integer;
    appeal_deadline date;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    IF doc_kind = 'iwp' THEN
        entity_id := NEW.iwp_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = NEW.period_id;
    ELSIF doc_kind = 'sheet' THEN
        entity_id := NEW.sheet_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = NEW.period_id;
    ELSE
        entity_id := NEW.sheet_id;
        commission := NEW.commission_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p
        JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = NEW.commission_id;
    END IF;
    context := perf_eval.cs_context(period.period_id, NEW.employee_id);

    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_workflow_state AS s
                       WHERE s.entity = doc_kind AND s.state = NEW.state AND s.is_initial) THEN
            RAISE EXCEPTION 'a new % cannot start in state %', doc_kind, NEW.state
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'Workflow, docs/methodology.md §6.3; perf_eval.cs_workflow_state lists the initial states.';
        END IF;
        INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date, reason)
        VALUES (doc_kind, entity_id, 'open', NULL, NEW.state, NEW.state_since, perf_eval.cs_move_reason());
        RETURN NEW;
    END IF;
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;

    move := perf_eval.cs_checked_move(doc_kind, entity_id, OLD.state, NEW.state, OLD.state_since, NEW.state_since,
                                      NEW.employee_id, commission, context);

    -- Preconditions and side effects of particular moves.
    IF doc_kind = 'iwp' THEN
        IF move.action = 'submit' AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi AS k WHERE k.iwp_id = NEW.iwp_id) THEN
            RAISE EXCEPTION 'individual work plan % has no KPIs', NEW.iwp_id
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'KPIs are set in the plan, APA 2020 report, Appendix 4, paragraphs 11, 15.';
        ELSIF move.action = 'submit_amendment' THEN
            limit_amendments := perf_eval.cs_param_integer(period.methodology, 'cs.amendments_per_period');
            IF OLD.amendments >= limit_amendments THEN
                RAISE EXCEPTION 'individual work plan % was already amended % time(s) this period', NEW.iwp_id, OLD.amendments
                    USING ERRCODE = '22023',
                          DETAIL = format('%s; at most %s amendment(s) per period.', context, limit_amendments),
                          HINT = 'cs.amendments_per_period, APA 2020 report, Appendix 4, paragraph 18.';
            END IF;
            NEW.amendments := OLD.amendments + 1;
        END IF;
    ELSIF doc_kind = 'sheet' THEN
        IF move.action = 'sign' THEN
            PERFORM perf_eval.cs_check_sheet_signable(NEW.sheet_id, NEW.iwp_id, context);
        ELSIF move.action = 'resume' THEN
            NEW.resumed_on := NEW.state_since;
        ELSIF move.action LIKE 'reopen%' AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_result AS r
                                                         WHERE r.sheet_id = NEW.sheet_id AND r.state = 'reopened') THEN
            RAISE EXCEPTION 'assessment sheet % is reopened only when its result is', NEW.sheet_id
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'perf_eval.cs_reopen() reopens the result after an upheld appeal, then the sheet (APA 2020 report, Appendix 4, paragraph 45).';
        END IF;
    ELSIF move.action = 'archive' THEN
        IF OLD.state <> 'appeal_decided' THEN
            appeal_deadline := perf_eval.cs_add_working_days(OLD.decided_on,
                                   perf_eval.cs_param_integer(period.methodology, 'cs.deadline.appeal'));
            IF NEW.state_since <= appeal_deadline THEN
                RAISE EXCEPTION 'the result of sheet % can be archived only after its appeal window closes on %',
                                NEW.sheet_id, appeal_deadline
                    USING ERRCODE = '22023', DETAIL = format('%s; decided on %s.', context, OLD.decided_on),
                          HINT = 'cs.deadline.appeal, APA 2020 report, Appendix 4, paragraph 45.';
            END IF;
        END IF;
        NEW.retain_until := (NEW.state_since
            + make_interval(years => perf_eval.cs_param_integer(period.methodology, 'cs.retention_years')))::date;
    END IF;

    INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date, reason)
    VALUES (doc_kind, entity_id, move.action, OLD.state, NEW.state, NEW.state_since, perf_eval.cs_move_reason());
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_iwp_workflow BEFORE INSERT OR UPDATE ON perf_eval.cs_iwp
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_workflow_guard('iwp');
CREATE TRIGGER cs_sheet_workflow BEFORE INSERT OR UPDATE ON perf_eval.cs_assessment_sheet
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_workflow_guard('sheet');
CREATE TRIGGER cs_result_workflow BEFORE INSERT OR UPDATE ON perf_eval.cs_result
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_workflow_guard('result');

-- -------------------------------------------------------------------------
-- Data constraints on plans, ratings, members, attendance and votes
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_kpi_editable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    plan perf_eval.cs_iwp;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    SELECT i.* INTO plan FROM perf_eval.cs_iwp AS i
    WHERE i.iwp_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.iwp_id ELSE NEW.iwp_id END;
    IF plan.state NOT IN ('draft', 'returned', 'amendment_submitted')
       OR (TG_OP = 'UPDATE' AND NEW.iwp_id <> OLD.iwp_id) THEN
        RAISE EXCEPTION 'the KPIs of individual work plan % cannot change while it is %', plan.iwp_id, plan.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(plan.period_id, plan.employee_id) || '.',
                  HINT = 'KPIs change while the plan is a draft, returned for revision, or under amendment (APA 2020 report, Appendix 4, paragraphs 14-18).';
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM perf_eval.kpi_difficulty_level(NEW.work_type, NEW.work_mode);
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER cs_kpi_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_kpi
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_kpi_editable();

-- Ratings change while the sheet is with the direct supervisor; each is
-- checked against the period's methodology at once (22003 with its KPI).
CREATE FUNCTION perf_eval.cs_rating_editable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sheet perf_eval.cs_assessment_sheet;
    period perf_eval.cs_assessment_period;
    kpi perf_eval.cs_kpi;
    editable text[] := CASE TG_TABLE_NAME WHEN 'cs_competency_rating'
                            -- the 360-degree results may arrive until the sheet goes to the commission
                            THEN ARRAY['draft', 'signed_by_direct', 'under_superior_review', 'returned', 'agreed']
                            ELSE ARRAY['draft', 'returned'] END;
    subject text;
    message text;
    detail text;
    state text;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    SELECT s.* INTO sheet FROM perf_eval.cs_assessment_sheet AS s
    WHERE s.sheet_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.sheet_id ELSE NEW.sheet_id END;
    SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = sheet.period_id;
    IF sheet.state <> ALL (editable) OR (TG_OP = 'UPDATE' AND NEW.sheet_id <> OLD.sheet_id) THEN
        RAISE EXCEPTION 'the ratings of assessment sheet % cannot change while it is %', sheet.sheet_id, sheet.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(sheet.period_id, sheet.employee_id) || '.',
                  HINT = format('%s change while the sheet is %s (APA 2020 report, Appendix 4, paragraphs 19-25).', TG_TABLE_NAME,
                                array_to_string(editable, ', '));
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;

    BEGIN
        IF TG_TABLE_NAME = 'cs_kpi_rating' THEN
            SELECT k.* INTO kpi FROM perf_eval.cs_kpi AS k WHERE k.kpi_id = NEW.kpi_id;
            subject := format('KPI %s "%s"', kpi.kpi_no, kpi.title);
            IF kpi.iwp_id <> sheet.iwp_id THEN
                RAISE EXCEPTION 'KPI % is not in the individual work plan of sheet %', NEW.kpi_id, sheet.sheet_id
                    USING ERRCODE = '22023', HINT = 'A sheet rates the KPIs of its own plan.';
            END IF;
            PERFORM perf_eval.kpi_efficiency(
                perf_eval.kpi_completeness(kpi.plan, NEW.fact,
                                           perf_eval.param_text(period.methodology, 'cs.kef.completeness_bands'),
                                           kpi.decrease_is_good),
                NEW.quality, NEW.timeliness, perf_eval.kpi_difficulty_level(kpi.work_type, kpi.work_mode),
                perf_eval.param_numeric(period.methodology, 'cs.kef.max_completeness'),
                perf_eval.param_numeric(period.methodology, 'cs.kef.max_quality'),
                perf_eval.param_numeric(period.methodology, 'cs.kef.max_timeliness'),
                perf_eval.param_numeric(period.methodology, 'cs.kef.difficulty_divisor'));
        ELSIF TG_TABLE_NAME = 'cs_competency_rating' THEN
            subject := 'competency ' || NEW.competency;
            PERFORM perf_eval.competency_meets(
                NEW.manifested, NEW.defined,
                perf_eval.cs_param_integer(period.methodology, 'cs.competency_ratio_num'),
                perf_eval.cs_param_integer(period.methodology, 'cs.competency_ratio_den'));
        END IF;
    EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, state = RETURNED_SQLSTATE;
        RAISE EXCEPTION '%', message
            USING ERRCODE = state,
                  DETAIL = format('%s, %s: %s', perf_eval.cs_context(sheet.period_id, sheet.employee_id), subject, detail),
                  HINT = CASE TG_TABLE_NAME WHEN 'cs_kpi_rating' THEN 'Kef criteria, APA 2020 report, chapter 4 conclusions, Table 4.3 (docs/methodology.md §6.2).'
                              ELSE 'Competency 3/4 rule, APA 2020 report §4.1 (docs/methodology.md §6.1).' END;
    END;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_kpi_rating_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_kpi_rating
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_rating_editable();
CREATE TRIGGER cs_competency_rating_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_competency_rating
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_rating_editable();
CREATE TRIGGER cs_plan_execution_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_plan_execution
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_rating_editable();

-- Attendance lists voting members; votes come from members present while the sheet is on the agenda.
CREATE FUNCTION perf_eval.cs_vote_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    meeting perf_eval.cs_commission_meeting;
    role text;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT m.* INTO meeting FROM perf_eval.cs_commission_meeting AS m WHERE m.meeting_id = NEW.meeting_id;
    SELECT cm.role INTO role FROM perf_eval.cs_commission_member AS cm
    WHERE cm.commission_id = meeting.commission_id AND cm.employee_id = NEW.employee_id;
    IF role IS NULL THEN
        RAISE EXCEPTION 'employee % is not a member of commission %', NEW.employee_id, meeting.commission_id
            USING ERRCODE = '22023', DETAIL = format('meeting of %s.', meeting.meets_on),
                  HINT = 'The composition is set by the authorised person, APA 2020 report, Appendix 4, paragraphs 5, 29.';
    ELSIF role = 'secretary' THEN
        RAISE EXCEPTION 'the secretary of commission % does not vote and does not count toward quorum', meeting.commission_id
            USING ERRCODE = '22023', DETAIL = format('employee %s, meeting of %s.', NEW.employee_id, meeting.meets_on),
                  HINT = 'Mark only the chair and the members present; the secretary is staff (APA 2020 report, Appendix 4, paragraph 36; docs/methodology.md §6.3).';
    END IF;
    IF TG_TABLE_NAME = 'cs_vote' THEN
        IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_meeting_attendance AS a
                       WHERE a.meeting_id = NEW.meeting_id AND a.employee_id = NEW.employee_id) THEN
            RAISE EXCEPTION 'member % is not recorded present at the meeting of %', NEW.employee_id, meeting.meets_on
                USING ERRCODE = '22023', HINT = 'Only members present vote, openly (APA 2020 report, Appendix 4, paragraphs 32-34).';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_result AS r
                       WHERE r.sheet_id = NEW.sheet_id AND r.meeting_id = NEW.meeting_id AND r.state = 'scheduled') THEN
            RAISE EXCEPTION 'assessment sheet % is not awaiting a decision at the meeting of %', NEW.sheet_id, meeting.meets_on
                USING ERRCODE = '22023', HINT = 'Votes are cast on sheets scheduled for the meeting (docs/methodology.md §6.3).';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_attendance_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_meeting_attendance
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_vote_valid();
CREATE TRIGGER cs_vote_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_vote
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_vote_valid();
-- -------------------------------------------------------------------------
-- pg_dump: users' assessment documents and the workflow log survive, and
-- their identity sequences, so new rows after a restore do not reuse ids
-- (one call per statement: each call updates the extension's catalog row)
-- -------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_iwp', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_kpi', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_assessment_sheet', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_kpi_rating', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_competency_rating', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_plan_execution', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_meeting_attendance', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_result', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_vote', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_appeal', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_workflow_event', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_iwp', 'iwp_id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_kpi', 'kpi_id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_assessment_sheet', 'sheet_id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_appeal', 'appeal_id'), '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_workflow_event', 'event_id'), '');

-- -------------------------------------------------------------------------
-- Privileges and row-level security of the documents and the workflow
-- catalog and log (the visibility model is set out with the organisation's
-- in 65_civil_servant_model.sql)
-- -------------------------------------------------------------------------

-- Every assessment role reads (under row-level security) the assessment
-- documents, and so do readers (no policy lets them see personal
-- assessments); editors change every table.
GRANT SELECT ON perf_eval.cs_meeting_attendance, perf_eval.cs_iwp, perf_eval.cs_kpi,
      perf_eval.cs_assessment_sheet, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating,
      perf_eval.cs_plan_execution, perf_eval.cs_result, perf_eval.cs_vote, perf_eval.cs_appeal
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_meeting_attendance, perf_eval.cs_iwp, perf_eval.cs_kpi,
      perf_eval.cs_assessment_sheet, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating,
      perf_eval.cs_plan_execution, perf_eval.cs_result, perf_eval.cs_vote, perf_eval.cs_appeal
   TO perf_eval_editor;
-- Identity sequences of the tables editors and the assessment roles insert into.
GRANT USAGE ON SEQUENCE perf_eval.cs_iwp_iwp_id_seq, perf_eval.cs_kpi_kpi_id_seq,
      perf_eval.cs_assessment_sheet_sheet_id_seq, perf_eval.cs_appeal_appeal_id_seq
   TO perf_eval_editor, perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- Managers draw up plans and fill sheets of their subordinates.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_kpi, perf_eval.cs_kpi_rating, perf_eval.cs_plan_execution
   TO perf_eval_cs_manager;
GRANT INSERT ON perf_eval.cs_iwp TO perf_eval_cs_manager;
GRANT UPDATE (state, state_since) ON perf_eval.cs_iwp, perf_eval.cs_assessment_sheet TO perf_eval_cs_manager;

-- HR: the body's plans, sheets and results.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_kpi, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating,
      perf_eval.cs_plan_execution
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

-- Row-level security on every document. The policies are rows, one row set
-- per shape: (table, policy, command, roles, rule), %1$I in a rule standing
-- for the table the policy is on. A policy for ALL or UPDATE checks its rule
-- in USING and WITH CHECK, for SELECT or DELETE in USING, for INSERT in WITH
-- CHECK.
DO $$
DECLARE
    assessors    CONSTANT text := 'perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission';
    protected    CONSTANT text[] := '{cs_meeting_attendance, cs_iwp, cs_kpi, cs_assessment_sheet, cs_kpi_rating,
                                     cs_competency_rating, cs_plan_execution, cs_result, cs_vote, cs_appeal}';
    own          CONSTANT text := 'employee_id = perf_eval.cs_current_employee()';
    at_meeting   CONSTANT text := 'EXISTS (SELECT 1 FROM perf_eval.cs_commission_meeting AS m '
                                  'WHERE m.meeting_id = %1$I.meeting_id AND perf_eval.cs_sits_on(m.commission_id))';
    protected_table text;
    p record;
BEGIN
    FOREACH protected_table IN ARRAY protected LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', protected_table);
    END LOOP;
    FOR p IN
        -- Editors: everything.
        SELECT t AS tab, 'staff_all' AS name, 'ALL' AS command, 'perf_eval_editor' AS roles, 'true' AS rule
        FROM unnest(protected) AS t
        UNION ALL
        -- Attendance: every assessment role reads all rows.
        SELECT 'cs_meeting_attendance', 'cs_read', 'SELECT', assessors, 'true'
        UNION ALL
        -- Plans and sheets: the employee reads their own, the chain of
        -- managers and HR of the body read and write theirs.
        SELECT t, x.name, x.command, x.roles, x.rule
        FROM unnest('{cs_iwp, cs_assessment_sheet}'::text[]) AS t,
             (VALUES ('employee_own', 'SELECT', 'perf_eval_cs_employee', own),
                     ('manager_subordinates', 'ALL', 'perf_eval_cs_manager', 'perf_eval.cs_manages(employee_id)'),
                     ('hr_body', 'ALL', 'perf_eval_cs_hr', 'perf_eval.cs_is_hr_of(body)')) AS x(name, command, roles, rule)
        UNION ALL
        -- What hangs off a plan or a sheet is visible with it; the managers
        -- and HR who see it fill KPIs and ratings.
        SELECT d.tab, n.name, n.command, n.roles,
               format('EXISTS (SELECT 1 FROM perf_eval.%s AS %s WHERE %2$s.%s = %%1$I.%3$s%s)',
                      d.parent, d.alias, d.parent_key, n.also)
        FROM (VALUES ('cs_kpi', 'cs_iwp', 'i', 'iwp_id', 'visible_plan', 'drawn_up'),
                     ('cs_kpi_rating', 'cs_assessment_sheet', 's', 'sheet_id', 'visible_sheet', 'filled_by'),
                     ('cs_competency_rating', 'cs_assessment_sheet', 's', 'sheet_id', 'visible_sheet', 'filled_by'),
                     ('cs_plan_execution', 'cs_assessment_sheet', 's', 'sheet_id', 'visible_sheet', 'filled_by'),
                     ('cs_result', 'cs_assessment_sheet', 's', 'sheet_id', 'visible_sheet', NULL),
                     ('cs_vote', 'cs_assessment_sheet', 's', 'sheet_id', 'visible_sheet', NULL),
                     ('cs_appeal', 'cs_assessment_sheet', 's', 'sheet_id', 'visible_sheet', NULL))
               AS d(tab, parent, alias, parent_key, visible, filled),
             LATERAL (VALUES (d.visible, 'SELECT', assessors, ''),
                             (d.filled, 'ALL', 'perf_eval_cs_manager, perf_eval_cs_hr',
                              format(' AND (perf_eval.cs_manages(%1$s.employee_id) OR perf_eval.cs_is_hr_of(%1$s.body))',
                                     d.alias))) AS n(name, command, roles, also)
        WHERE n.name IS NOT NULL
        UNION ALL
        -- One of a kind.
        SELECT * FROM (VALUES
            ('cs_meeting_attendance', 'commission_records', 'INSERT', 'perf_eval_cs_commission', at_meeting),
            ('cs_vote', 'commission_votes', 'INSERT', 'perf_eval_cs_commission', at_meeting),
            ('cs_iwp', 'employee_amends', 'UPDATE', 'perf_eval_cs_employee', own),
            ('cs_iwp', 'commission_before_it', 'SELECT', 'perf_eval_cs_commission',
             'EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s '
             'WHERE s.iwp_id = cs_iwp.iwp_id AND perf_eval.cs_sits_on(s.commission_id))'),
            ('cs_assessment_sheet', 'commission_before_it', 'SELECT', 'perf_eval_cs_commission',
             'perf_eval.cs_sits_on(commission_id)'),
            -- Results: HR creates and moves them, the commission decides, the employee acknowledges.
            ('cs_result', 'hr_submits', 'INSERT', 'perf_eval_cs_hr', 'perf_eval.cs_is_hr_of(body)'),
            ('cs_result', 'hr_moves', 'UPDATE', 'perf_eval_cs_hr', 'perf_eval.cs_is_hr_of(body)'),
            ('cs_result', 'commission_decides', 'UPDATE', 'perf_eval_cs_commission', 'perf_eval.cs_sits_on(commission_id)'),
            ('cs_result', 'employee_acknowledges', 'UPDATE', 'perf_eval_cs_employee', own),
            -- Appeals are filed by the employee and decided by editors (the authority).
            ('cs_appeal', 'employee_files', 'INSERT', 'perf_eval_cs_employee',
             'EXISTS (SELECT 1 FROM perf_eval.cs_result AS r '
             'WHERE r.sheet_id = cs_appeal.sheet_id AND r.employee_id = perf_eval.cs_current_employee())')
        ) AS x(tab, name, command, roles, rule)
    LOOP
        EXECUTE format('CREATE POLICY %I ON perf_eval.%I FOR %s TO %s', p.name, p.tab, p.command, p.roles)
             || CASE WHEN p.command <> 'INSERT' THEN format(' USING (%s)', format(p.rule, p.tab)) ELSE '' END
             || CASE WHEN p.command IN ('ALL', 'UPDATE', 'INSERT') THEN format(' WITH CHECK (%s)', format(p.rule, p.tab))
                     ELSE '' END;
    END LOOP;
END
$$;

-- Every assessment role reads the workflow catalog and (under row-level
-- security) the log, and so do readers; editors change the log.
GRANT SELECT ON perf_eval.cs_workflow_state, perf_eval.cs_workflow_transition, perf_eval.cs_workflow_event
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_workflow_event TO perf_eval_editor;
-- The workflow log is written by the state trigger as the login making the move.
GRANT INSERT ON perf_eval.cs_workflow_event
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;
GRANT USAGE ON SEQUENCE perf_eval.cs_workflow_event_event_id_seq
   TO perf_eval_editor, perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- The log: visible with its document; written as the login making the move.
ALTER TABLE perf_eval.cs_workflow_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_workflow_event TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_document ON perf_eval.cs_workflow_event FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (CASE entity WHEN 'iwp' THEN EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = entity_id)
                       ELSE EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = entity_id) END);
CREATE POLICY logged_by_mover ON perf_eval.cs_workflow_event FOR INSERT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    WITH CHECK (actor = current_user);

-- =========================================================================
-- After the decision, and around the sheet: the revisions an upheld appeal
-- causes, the 360-degree appraisers and their ratings, the six-monthly
-- monitoring of a plan, and the consequences of a result (APA 2020 report,
-- Appendix 4, paragraphs 18, 27, 45; chapter 4 conclusions, Tables 4.3-4.4)
-- =========================================================================

CREATE TABLE perf_eval.cs_result_revision (
    sheet_id         bigint NOT NULL REFERENCES perf_eval.cs_result (sheet_id),
    revision_no      integer NOT NULL CHECK (revision_no > 0),
    appeal_id        bigint NOT NULL REFERENCES perf_eval.cs_appeal (appeal_id),
    stage            text NOT NULL CHECK (stage IN ('supervisor', 'superior', 'commission')),
    reason           text NOT NULL CHECK (reason <> ''),
    cancelled_on     date NOT NULL,
    cancelled_by     name NOT NULL DEFAULT current_user,
    cancelled_result jsonb NOT NULL,
    PRIMARY KEY (sheet_id, revision_no)
);
COMMENT ON COLUMN perf_eval.cs_result_revision.sheet_id IS 'Result reopened (perf_eval.cs_result.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_result_revision.revision_no IS 'Number of the reopening of this result (1, 2, ...)';
COMMENT ON COLUMN perf_eval.cs_result_revision.appeal_id IS 'The upheld appeal (outcome recommend_revise) the reopening follows (perf_eval.cs_appeal.appeal_id)';
COMMENT ON COLUMN perf_eval.cs_result_revision.stage IS 'Stage the sheet returned to: supervisor (re-rated by the direct supervisor) | superior (reviewed again) | commission (decided again)';
COMMENT ON COLUMN perf_eval.cs_result_revision.reason IS 'Why: what the commission asks to revise, after the authority''s recommendation';
COMMENT ON COLUMN perf_eval.cs_result_revision.cancelled_on IS 'Date the commission''s decision was cancelled';
COMMENT ON COLUMN perf_eval.cs_result_revision.cancelled_by IS 'Database role that reopened the result';
COMMENT ON COLUMN perf_eval.cs_result_revision.cancelled_result IS 'The cancelled result as it was (every column of perf_eval.cs_result, jsonb)';
COMMENT ON TABLE perf_eval.cs_result_revision IS
'Each cancellation of a commission decision after an upheld appeal, with the result it cancelled; the sheet goes back to the stage named and comes to the commission again (APA 2020 report, Appendix 4, paragraphs 40, 45)';

CREATE TABLE perf_eval.cs_appraiser (
    sheet_id    bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    appraiser_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    role        text NOT NULL CHECK (role IN ('self', 'manager', 'peer', 'subordinate', 'consumer')),
    chosen_by   name NOT NULL DEFAULT current_user,
    chosen_on   date NOT NULL,
    PRIMARY KEY (sheet_id, appraiser_id)
);
COMMENT ON COLUMN perf_eval.cs_appraiser.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_appraiser.appraiser_id IS 'Employee who appraises (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_appraiser.role IS 'Side of the 360 degrees: self | manager | peer | subordinate | consumer';
COMMENT ON COLUMN perf_eval.cs_appraiser.chosen_by IS 'Database role that recorded the choice (for the head of the body)';
COMMENT ON COLUMN perf_eval.cs_appraiser.chosen_on IS 'Date the head of the body chose the appraiser';
COMMENT ON TABLE perf_eval.cs_appraiser IS
'Appraisers of an employee''s competencies by the 360-degree method, chosen by the head of the body (APA 2020 report, Appendix 4, paragraph 27); the employee assessed does not see them';

CREATE TABLE perf_eval.cs_appraisal (
    sheet_id     bigint NOT NULL,
    appraiser_id bigint NOT NULL,
    competency   text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    manifested   integer NOT NULL,
    defined      integer NOT NULL,
    level        integer,
    PRIMARY KEY (sheet_id, appraiser_id, competency),
    FOREIGN KEY (sheet_id, appraiser_id) REFERENCES perf_eval.cs_appraiser (sheet_id, appraiser_id) ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.cs_appraisal.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_appraisal.appraiser_id IS 'Appraiser (perf_eval.cs_appraiser.appraiser_id)';
COMMENT ON COLUMN perf_eval.cs_appraisal.competency IS 'Competency rated (perf_eval.cs_competency.competency)';
COMMENT ON COLUMN perf_eval.cs_appraisal.manifested IS 'Behavioural indicators the appraiser saw manifested, k (count, <= defined)';
COMMENT ON COLUMN perf_eval.cs_appraisal.defined IS 'Behavioural indicators defined for the competency and position tier, n (count, > 0)';
COMMENT ON COLUMN perf_eval.cs_appraisal.level IS 'Level on the proposed 5-level scale (cs.competency_scale, 1 first); NULL when not rated on it';
COMMENT ON TABLE perf_eval.cs_appraisal IS
'One appraiser''s rating of one competency; only the appraiser, HR and editors read it, and the sheet''s competency result (perf_eval.cs_competency_rating) is derived from all of them (APA 2020 report §4.1; Appendix 4, paragraph 27)';

CREATE TABLE perf_eval.cs_monitoring (
    iwp_id          bigint NOT NULL REFERENCES perf_eval.cs_iwp (iwp_id) ON DELETE CASCADE,
    monitored_on    date NOT NULL,
    kpis_on_track   integer NOT NULL CHECK (kpis_on_track >= 0),
    recommendations text NOT NULL CHECK (recommendations <> ''),
    acquainted_on   date,
    PRIMARY KEY (iwp_id, monitored_on),
    CHECK (acquainted_on >= monitored_on)
);
COMMENT ON COLUMN perf_eval.cs_monitoring.iwp_id IS 'Individual work plan monitored (perf_eval.cs_iwp.iwp_id)';
COMMENT ON COLUMN perf_eval.cs_monitoring.monitored_on IS 'Date of the monitoring (at least cs.monitoring_interval_months after the period start)';
COMMENT ON COLUMN perf_eval.cs_monitoring.kpis_on_track IS 'KPIs on track to be achieved (count)';
COMMENT ON COLUMN perf_eval.cs_monitoring.recommendations IS 'The direct supervisor''s written recommendations';
COMMENT ON COLUMN perf_eval.cs_monitoring.acquainted_on IS 'Date HR acquainted the employee with them; NULL until then';
COMMENT ON TABLE perf_eval.cs_monitoring IS
'Six-monthly monitoring of a plan''s KPIs by the direct supervisor, with written recommendations; an amendment may follow (APA 2020 report, Appendix 4, paragraph 18; chapter 4 conclusions, Table 4.3)';

CREATE TABLE perf_eval.cs_consequence (
    consequence_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sheet_id       bigint NOT NULL REFERENCES perf_eval.cs_result (sheet_id),
    decision       text NOT NULL CHECK (decision IN ('bonus', 'intangible_incentive', 'advancement', 'development_plan',
                                                     'transfer', 'demotion', 'dismissal')),
    basis          text NOT NULL CHECK (basis <> ''),
    decided_on     date NOT NULL,
    decided_by     name NOT NULL DEFAULT current_user,
    tier           text NOT NULL,
    negative       boolean NOT NULL,
    kef            numeric NOT NULL,
    grade          text,
    UNIQUE (sheet_id, decision)
);
COMMENT ON COLUMN perf_eval.cs_consequence.consequence_id IS 'Identifier of the decision';
COMMENT ON COLUMN perf_eval.cs_consequence.sheet_id IS 'Result the decision follows (perf_eval.cs_result.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_consequence.decision IS 'bonus | intangible_incentive | advancement | development_plan | transfer | demotion | dismissal';
COMMENT ON COLUMN perf_eval.cs_consequence.basis IS 'Basis of the decision (order, protocol, reasoning)';
COMMENT ON COLUMN perf_eval.cs_consequence.decided_on IS 'Date of the decision';
COMMENT ON COLUMN perf_eval.cs_consequence.decided_by IS 'Database role that recorded it';
COMMENT ON COLUMN perf_eval.cs_consequence.tier IS 'Level of the employee''s position when decided (perf_eval.cs_position_tier.tier)';
COMMENT ON COLUMN perf_eval.cs_consequence.negative IS 'True if the result was negative (final grade in cs.consequence.negative_grades, or Kef 0)';
COMMENT ON COLUMN perf_eval.cs_consequence.kef IS 'Final Kef of the result when decided, a fraction (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_consequence.grade IS 'Final m2018 grade of the result when decided';
COMMENT ON TABLE perf_eval.cs_consequence IS
'Decisions that follow an approved result, each allowed by the level''s table of consequences for a positive or negative result (cs.level.<tier>.positive | negative; APA 2020 report, chapter 4 conclusions, Table 4.3), with its basis';

-- 360-degree ratings change while the sheet's competencies may (until it goes
-- to the commission), within the position's competency profile and the
-- period's scale; each one checked by the 3/4 rule's kernel at once.
CREATE FUNCTION perf_eval.cs_appraisal_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sheet perf_eval.cs_assessment_sheet;
    v text;
    profile text[];
    scale integer;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT s.* INTO sheet FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = NEW.sheet_id;
    SELECT p.methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = sheet.period_id;
    IF sheet.state NOT IN ('draft', 'signed_by_direct', 'under_superior_review', 'returned', 'agreed') THEN
        RAISE EXCEPTION 'the 360-degree ratings of assessment sheet % cannot change while it is %', sheet.sheet_id, sheet.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(sheet.period_id, sheet.employee_id) || '.',
                  HINT = 'Competencies are rated until the sheet goes to the commission (APA 2020 report, Appendix 4, paragraphs 26-27).';
    END IF;
    SELECT array_agg(pc.competency) INTO profile FROM perf_eval.cs_position_competency AS pc
    JOIN perf_eval.cs_employee AS e ON e.position_id = pc.position_id WHERE e.employee_id = sheet.employee_id;
    IF NEW.competency <> ALL (profile) THEN
        RAISE EXCEPTION 'competency % is not in the competency profile of the position', NEW.competency
            USING ERRCODE = '22023',
                  DETAIL = format('%s; profile: %s.', perf_eval.cs_context(sheet.period_id, sheet.employee_id),
                                  array_to_string(profile, ', ')),
                  HINT = 'A position is assessed on the competencies of its profile (APA 2020 report, chapter 4 conclusions, Table 4.4).';
    END IF;
    scale := cardinality(perf_eval.cs_param_list(v, 'cs.competency_scale'));
    IF NEW.level NOT BETWEEN 1 AND scale THEN
        RAISE EXCEPTION 'a level on the competency scale lies between 1 and %, not %', scale, NEW.level
            USING ERRCODE = '22003', HINT = 'cs.competency_scale (APA 2020 report, chapter 4 conclusions, Table 4.4).';
    END IF;
    PERFORM perf_eval.competency_meets(NEW.manifested, NEW.defined,
                                       perf_eval.cs_param_integer(v, 'cs.competency_ratio_num'),
                                       perf_eval.cs_param_integer(v, 'cs.competency_ratio_den'));
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_appraisal_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_appraisal
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_appraisal_valid();

-- Monitoring: of an approved plan, not before the first interval has passed.
CREATE FUNCTION perf_eval.cs_monitoring_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    plan perf_eval.cs_iwp;
    p perf_eval.cs_assessment_period;
    earliest date;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT i.* INTO plan FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = NEW.iwp_id;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x WHERE x.period_id = plan.period_id;
    earliest := (p.starts_on + make_interval(months => perf_eval.cs_param_integer(p.methodology,
                                                                                 'cs.monitoring_interval_months')))::date;
    IF plan.state NOT IN ('approved', 'amendment_submitted') OR NEW.monitored_on < earliest OR NEW.monitored_on > p.ends_on THEN
        RAISE EXCEPTION 'individual work plan % cannot be monitored on % while it is %', plan.iwp_id, NEW.monitored_on, plan.state
            USING ERRCODE = '22023',
                  DETAIL = format('%s; monitoring from %s to %s, of an approved plan.',
                                  perf_eval.cs_context(plan.period_id, plan.employee_id), earliest, p.ends_on),
                  HINT = 'cs.monitoring_interval_months: every six months (APA 2020 report, Appendix 4, paragraph 18; Table 4.3).';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_monitoring_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_monitoring
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_monitoring_valid();

-- A consequence follows an approved result and is one the level's table allows.
CREATE FUNCTION perf_eval.cs_consequence_allowed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.cs_result;
    p perf_eval.cs_assessment_period;
    allowed text[];
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = NEW.sheet_id;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x
    JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = r.commission_id;
    IF r.state NOT IN ('approved_final', 'informed', 'acknowledged', 'refusal_act', 'appealed', 'appeal_decided', 'archived') THEN
        RAISE EXCEPTION 'the result of sheet % is %: consequences follow an approved result', r.sheet_id, r.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(p.period_id, r.employee_id) || '.',
                  HINT = 'The authorised person approves the result first (APA 2020 report, Appendix 4, paragraph 41).';
    END IF;
    NEW.tier := (SELECT pos.tier FROM perf_eval.cs_employee AS e JOIN perf_eval.cs_position AS pos USING (position_id)
                 WHERE e.employee_id = r.employee_id);
    NEW.kef := coalesce(r.revised_kef, r.computed_kef);
    NEW.grade := coalesce(r.revised_grade, r.computed_grade);
    NEW.negative := NEW.kef = 0 OR NEW.grade = ANY (perf_eval.cs_param_list(p.methodology, 'cs.consequence.negative_grades'));
    allowed := perf_eval.cs_allowed_consequences(p.methodology, NEW.tier, NEW.negative);
    IF NEW.decision <> ALL (allowed) THEN
        RAISE EXCEPTION '% is not a consequence of a % assessment of %', NEW.decision,
                        CASE WHEN NEW.negative THEN 'negative' ELSE 'positive' END, replace(NEW.tier, '_', ' ')
            USING ERRCODE = '22023',
                  DETAIL = format('%s; Kef %s, grade %s; allowed: %s.', perf_eval.cs_context(p.period_id, r.employee_id),
                                  round(100 * NEW.kef, perf_eval.display_decimals('kef_percent')) || ' %',
                                  coalesce(NEW.grade, 'none'), array_to_string(allowed, ', ')),
                  HINT = format('cs.level.%s.%s (APA 2020 report, chapter 4 conclusions, Table 4.3).', NEW.tier,
                                CASE WHEN NEW.negative THEN 'negative' ELSE 'positive' END);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_consequence_allowed BEFORE INSERT OR UPDATE ON perf_eval.cs_consequence
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_consequence_allowed();

-- A result's computation is frozen from the commission's first look; only a
-- result reopened after an upheld appeal is computed again, as it returns.
CREATE FUNCTION perf_eval.cs_result_frozen()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT perf_eval.cs_bulk_loading()
       AND (OLD.kpis, OLD.kpi_part, OLD.competencies, OLD.competencies_met, OLD.competency_part, OLD.kef_raw,
            OLD.completed_tasks, OLD.total_tasks, OLD.plan_gate, OLD.computed_kef, OLD.kpis_achieved, OLD.computed_grade,
            OLD.computation)
           IS DISTINCT FROM
           (NEW.kpis, NEW.kpi_part, NEW.competencies, NEW.competencies_met, NEW.competency_part, NEW.kef_raw,
            NEW.completed_tasks, NEW.total_tasks, NEW.plan_gate, NEW.computed_kef, NEW.kpis_achieved, NEW.computed_grade,
            NEW.computation)
       AND NOT (OLD.state = 'reopened' AND NEW.state = 'at_commission') THEN
        RAISE EXCEPTION 'the computed result of sheet % cannot change while it is %', OLD.sheet_id, OLD.state
            USING ERRCODE = '22023',
                  HINT = 'Kef and grade are computed when the sheet goes to the commission, and again only after an upheld appeal reopens it (perf_eval.cs_reopen; APA 2020 report, Appendix 4, paragraphs 26, 45).';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_result_frozen BEFORE UPDATE ON perf_eval.cs_result
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_result_frozen();

SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_result_revision', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_appraiser', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_appraisal', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_monitoring', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_consequence', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_consequence', 'consequence_id'), '');

-- Privileges and row-level security: revisions, monitoring and consequences
-- are visible with their sheet or plan; an individual appraiser's ratings only
-- to that appraiser, HR of the body and editors (the employee assessed sees
-- the derived perf_eval.cs_competency_rating, never who rated what).
GRANT SELECT ON perf_eval.cs_result_revision, perf_eval.cs_appraiser, perf_eval.cs_appraisal, perf_eval.cs_monitoring,
      perf_eval.cs_consequence
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_result_revision, perf_eval.cs_appraiser, perf_eval.cs_appraisal,
      perf_eval.cs_monitoring, perf_eval.cs_consequence
   TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.cs_consequence_consequence_id_seq TO perf_eval_editor, perf_eval_cs_hr;
GRANT INSERT ON perf_eval.cs_result_revision, perf_eval.cs_consequence TO perf_eval_cs_hr;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_appraiser, perf_eval.cs_monitoring TO perf_eval_cs_hr, perf_eval_cs_manager;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_appraisal TO perf_eval_cs_hr, perf_eval_cs_employee;
-- A reopened result is computed again when the sheet returns to the commission.
GRANT UPDATE (kpis, kpi_part, competencies, competencies_met, competency_part, kef_raw, completed_tasks, total_tasks,
              plan_gate, computed_kef, kpis_achieved, computed_grade, computation, decision, revised_kef, revised_grade,
              members_voting, members_present, votes_yes, votes_no, chair_in_favour, decided_on)
   ON perf_eval.cs_result TO perf_eval_cs_hr;

DO $$
DECLARE
    assessors CONSTANT text := 'perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission';
    sheet_hr  CONSTANT text := 'EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s '
                               'WHERE s.sheet_id = %1$I.sheet_id AND perf_eval.cs_is_hr_of(s.body))';
    visible   CONSTANT text := 'EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id)';
    tab text;
    p record;
BEGIN
    FOREACH tab IN ARRAY '{cs_result_revision, cs_appraiser, cs_appraisal, cs_monitoring, cs_consequence}'::text[] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', tab);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I FOR ALL TO perf_eval_editor USING (true) WITH CHECK (true)', tab);
    END LOOP;
    FOR p IN SELECT * FROM (VALUES
        ('cs_result_revision', 'visible_sheet', 'SELECT', assessors, visible),
        ('cs_result_revision', 'hr_reopens', 'INSERT', 'perf_eval_cs_hr', sheet_hr),
        ('cs_consequence', 'visible_sheet', 'SELECT', assessors, visible),
        ('cs_consequence', 'hr_decides', 'INSERT', 'perf_eval_cs_hr', sheet_hr),
        ('cs_monitoring', 'visible_plan', 'SELECT', assessors,
         'EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = %1$I.iwp_id)'),
        ('cs_monitoring', 'monitored_by', 'ALL', 'perf_eval_cs_manager, perf_eval_cs_hr',
         'EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = %1$I.iwp_id '
         'AND (perf_eval.cs_manages(i.employee_id) OR perf_eval.cs_is_hr_of(i.body)))'),
        -- The head of the body (a manager up the chain) or HR chooses appraisers; an appraiser sees their own choice.
        ('cs_appraiser', 'chosen_by', 'ALL', 'perf_eval_cs_manager, perf_eval_cs_hr',
         'EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id '
         'AND (perf_eval.cs_manages(s.employee_id) OR perf_eval.cs_is_hr_of(s.body)))'),
        ('cs_appraiser', 'appraiser_own', 'SELECT', assessors, 'appraiser_id = perf_eval.cs_current_employee()'),
        -- Individual ratings: the appraiser and HR only.
        ('cs_appraisal', 'appraiser_own', 'ALL', assessors, 'appraiser_id = perf_eval.cs_current_employee()'),
        ('cs_appraisal', 'hr_body', 'ALL', 'perf_eval_cs_hr', sheet_hr)
    ) AS x(tab, name, command, roles, rule) LOOP
        EXECUTE format('CREATE POLICY %I ON perf_eval.%I FOR %s TO %s', p.name, p.tab, p.command, p.roles)
             || CASE WHEN p.command <> 'INSERT' THEN format(' USING (%s)', format(p.rule, p.tab)) ELSE '' END
             || CASE WHEN p.command IN ('ALL', 'UPDATE', 'INSERT') THEN format(' WITH CHECK (%s)', format(p.rule, p.tab))
                     ELSE '' END;
    END LOOP;
END
$$;
