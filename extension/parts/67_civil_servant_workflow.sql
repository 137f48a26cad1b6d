-- =========================================================================
-- Section: civil servants of corps "B": the workflow of plans, sheets and
-- results (METHODOLOGY §6.3)
--
-- Workflow moves are functions (perf_eval.cs_move and the cs_* functions
-- below) that refuse an illegal move with 22023; a trigger enforces the same
-- state machine, the actor of each move and the data constraints on direct
-- writes. Everything runs with the caller's rights: row-level security
-- (on the tables in 65_civil_servant_model.sql, on the log at the end of
-- this part) decides what a login sees and changes.
-- Dates of moves are passed in (default: today) so deadlines count working
-- days from a calendar table.
-- =========================================================================


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
('result', 'archived',           10, false, 'final; kept for the retention period');

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
('result', 'archive',              'appeal_decided',        'archived',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 10');

CREATE TABLE perf_eval.cs_workflow_event (
    event_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity      text NOT NULL,
    entity_id   bigint NOT NULL,
    action      text NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    on_date     date NOT NULL,
    actor       name NOT NULL DEFAULT current_user,
    recorded_at timestamptz NOT NULL DEFAULT now()
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
COMMENT ON TABLE perf_eval.cs_workflow_event IS
'Every workflow move as it happened: entity (iwp: iwp_id; sheet and result: sheet_id), action, states, the date it counts from, who made it';
CREATE INDEX cs_workflow_event_entity ON perf_eval.cs_workflow_event (entity, entity_id);

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
        INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date)
        VALUES (doc_kind, entity_id, 'open', NULL, NEW.state, NEW.state_since);
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

    INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date)
    VALUES (doc_kind, entity_id, move.action, OLD.state, NEW.state, NEW.state_since);
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

    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_assessment_sheet AS x SET commission_id = commission WHERE x.sheet_id = sheet;
    INSERT INTO perf_eval.cs_result (sheet_id, employee_id, body, commission_id, state, state_since,
                                     kpis, kpi_part, competencies, competencies_met, competency_part, kef_raw,
                                     completed_tasks, total_tasks, plan_gate, computed_kef, kpis_achieved, computed_grade,
                                     computation)
    VALUES (sheet, s.employee_id, s.body, commission, 'at_commission', on_date,
            kef.kpis, kef.kpi_part, kef.competencies, kef.competencies_met, kef.competency_part, kef.kef_raw,
            kef.completed_tasks, kef.total_tasks, kef.plan_gate, kef.kef, achieved, grade,
            kef.explanation || jsonb_build_object('grade', jsonb_build_object(
                'methodology', p.grade_methodology, 'kpis', kpis, 'kpis_achieved', achieved, 'grade', grade,
                'status', CASE WHEN grade IS NULL THEN 'not_assessable' ELSE 'ok' END,
                'reason', CASE WHEN grade IS NULL THEN 'kpi_count' END,
                'clause', 'APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1)',
                'parameters', perf_eval.param_explanation(p.grade_methodology,
                                                          ARRAY['cs.m2018.kpi_count', 'cs.m2018.grade_bands']))));
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_submit_to_commission(bigint, date) IS
'HR submits an agreed sheet to the period''s commission: computes and freezes Kef (draft_kef) and the m2018 grade into perf_eval.cs_result (APA 2020 report, Appendix 4, paragraph 26, docs/methodology.md §6.2, §6.3)';

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
    PERFORM perf_eval.cs_apply_move(move, sheet, filed_on);
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
    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_appeal AS a SET outcome = cs_decide_appeal.outcome, decided_on = on_date WHERE a.sheet_id = sheet;
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

-- pg_dump: the workflow log survives, and its identity sequence, so new rows
-- after a restore do not reuse ids.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_workflow_event', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_workflow_event', 'event_id'), '');

-- -------------------------------------------------------------------------
-- Privileges and row-level security of the workflow catalog and log (the
-- visibility model is set out with the tables' in 65_civil_servant_model.sql)
-- -------------------------------------------------------------------------

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
