-- =========================================================================
-- Section: civil servants of corps "B": the data model of the assessment,
-- its workflow and commission, and the computation (METHODOLOGY §6)
--
-- An HR department keeps each employee's individual work plan (IWP) of KPIs;
-- the direct supervisor fills the assessment sheet; competencies come from
-- the 360-degree survey; the sheet goes through the superior manager to the
-- commission, whose result may be appealed. The database computes Kef under
-- the period's draft_kef version and the grade under its m2018 version.
--
-- Workflow moves are functions (perf_eval.cs_move and the cs_* functions
-- below) that refuse an illegal move with 22023; a trigger enforces the same
-- state machine, the actor of each move and the data constraints on direct
-- writes. Everything runs with the caller's rights: row-level security
-- (the last section of this part) decides what a login sees and changes.
-- Dates of moves are passed in (default: today) so deadlines count working
-- days from a calendar table.
-- =========================================================================

-- The roles of the assessment (perf_eval_cs_employee, _manager, _hr,
-- _commission) are created in 05_roles.sql; what each may see and change is
-- the last section of this part.

-- -------------------------------------------------------------------------
-- Reference data: position tiers, competencies, behavioural indicators
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_position_tier (
    tier       text PRIMARY KEY CHECK (tier ~ '^[a-z][a-z_]*$'),
    tier_order integer NOT NULL UNIQUE,
    title_en   text NOT NULL,
    title_ru   text NOT NULL,
    shipped    boolean NOT NULL DEFAULT false
);
COMMENT ON COLUMN perf_eval.cs_position_tier.tier IS 'Code of the position tier (organisational or managerial level of corps "B" positions)';
COMMENT ON COLUMN perf_eval.cs_position_tier.tier_order IS 'Sort key of the tier (1 first)';
COMMENT ON COLUMN perf_eval.cs_position_tier.title_en IS 'Title of the tier in English';
COMMENT ON COLUMN perf_eval.cs_position_tier.title_ru IS 'Title of the tier in Russian';
COMMENT ON COLUMN perf_eval.cs_position_tier.shipped IS 'True for tiers installed with the extension; false for tiers a user added';
COMMENT ON TABLE perf_eval.cs_position_tier IS
'Organisational and managerial levels of corps "B" positions; competencies have behavioural indicators per tier (APA 2020 report, chapter 4 conclusions, Table 4.3)';
INSERT INTO perf_eval.cs_position_tier VALUES
('senior_management', 1, 'Senior management',  'Руководители высшего звена', true),
('middle_management', 2, 'Middle management',  'Руководители среднего звена', true),
('executive',         3, 'Executive staff',    'Исполнители', true);

CREATE TABLE perf_eval.cs_competency (
    competency       text PRIMARY KEY CHECK (competency ~ '^[a-z][a-z_]*$'),
    competency_block text NOT NULL,
    title_en         text NOT NULL,
    shipped          boolean NOT NULL DEFAULT false
);
COMMENT ON COLUMN perf_eval.cs_competency.competency IS 'Code of the competency, e.g. integrity, initiative';
COMMENT ON COLUMN perf_eval.cs_competency.competency_block IS 'Block of the competency framework: efficiency | serving_the_people | transparency_and_accountability | personal_qualities';
COMMENT ON COLUMN perf_eval.cs_competency.title_en IS 'Title of the competency in English';
COMMENT ON COLUMN perf_eval.cs_competency.shipped IS 'True for competencies installed with the extension; false for competencies a user added';
COMMENT ON TABLE perf_eval.cs_competency IS
'Competencies of the Unified Competence Framework (11 in 4 blocks, APA 2020 report §4.1)';
INSERT INTO perf_eval.cs_competency VALUES
('activity_management',   'efficiency',                       'Activity management', true),
('cooperation',           'efficiency',                       'Cooperation', true),
('decision_making',       'efficiency',                       'Making decisions', true),
('efficiency',            'efficiency',                       'Efficiency', true),
('self_development',      'efficiency',                       'Self-development', true),
('consumer_orientation',  'serving_the_people',               'Orientation to the consumer of services', true),
('consumer_information',  'serving_the_people',               'Informing consumers of services', true),
('integrity',             'transparency_and_accountability',  'Integrity', true),
('responsibility',        'personal_qualities',               'Responsibility', true),
('initiative',            'personal_qualities',               'Initiative', true),
('stress_tolerance',      'personal_qualities',               'Stress tolerance', true);

CREATE TABLE perf_eval.cs_behavioural_indicator (
    competency   text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    tier         text NOT NULL REFERENCES perf_eval.cs_position_tier (tier) ON UPDATE CASCADE,
    indicator_no integer NOT NULL CHECK (indicator_no > 0),
    description  text NOT NULL,
    PRIMARY KEY (competency, tier, indicator_no)
);
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.competency IS 'Code of the competency (perf_eval.cs_competency.competency)';
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.tier IS 'Code of the position tier (perf_eval.cs_position_tier.tier)';
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.indicator_no IS 'Number of the behavioural indicator within the competency and tier (1, 2, ...)';
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.description IS 'What the behavioural indicator describes';
COMMENT ON TABLE perf_eval.cs_behavioural_indicator IS
'Behavioural indicators of a competency for a position tier; their number is n of the 3/4 rule (APA 2020 report §4.1)';

-- -------------------------------------------------------------------------
-- Working days (METHODOLOGY §6.3): Mon-Fri unless the calendar says otherwise
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_working_calendar (
    day        date PRIMARY KEY,
    is_working boolean NOT NULL,
    note       text
);
COMMENT ON COLUMN perf_eval.cs_working_calendar.day IS 'Calendar date';
COMMENT ON COLUMN perf_eval.cs_working_calendar.is_working IS 'True for a working day (a transferred working day), false for a day off (a public holiday)';
COMMENT ON COLUMN perf_eval.cs_working_calendar.note IS 'Name of the holiday or reason for the transfer';
COMMENT ON TABLE perf_eval.cs_working_calendar IS
'Exceptions to the Mon-Fri working week: public holidays (is_working = false) and transferred working days (true); deadlines count working days (docs/methodology.md §6.3)';

CREATE FUNCTION perf_eval.cs_is_working_day(day date)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT c.is_working FROM perf_eval.cs_working_calendar AS c WHERE c.day = $1),
                    extract(isodow FROM $1) < 6)
$$;
COMMENT ON FUNCTION perf_eval.cs_is_working_day(date) IS
'True on a working day: the calendar row if any, else Monday to Friday (docs/methodology.md §6.3)';

-- The day after the event is day 1 (METHODOLOGY §6.3, assumed): a decision on
-- Monday 18 January 2021 has its 10th working day on Monday 1 February 2021.
CREATE FUNCTION perf_eval.cs_add_working_days(event date, days integer)
RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    result date;
BEGIN
    IF days < 1 THEN
        RAISE EXCEPTION 'a deadline counts at least one working day, not %', days
            USING ERRCODE = '22003', HINT = 'Deadlines in working days, docs/methodology.md §6.3.';
    END IF;
    -- The day-by-day window below grows with days; a deadline of the
    -- assessment is days or weeks, so anything past ten years of working days
    -- (2 600) is a mistake, refused before it takes minutes.
    IF days > 2600 THEN
        RAISE EXCEPTION 'a deadline of % working days is out of range', days
            USING ERRCODE = '22003',
                  DETAIL = 'Deadlines count at most 2600 working days (about ten years).',
                  HINT = 'Pass the number of working days of the deadline, 1 to 2600; deadlines in working days, docs/methodology.md §6.3.';
    END IF;
    -- A window of 3 calendar weeks per 2 working days plus a year of holidays is ample.
    SELECT g.day INTO result
    FROM generate_series(1, days * 3 + 366) AS n(offset_days)
    CROSS JOIN LATERAL (SELECT event + n.offset_days AS day) AS g
    LEFT JOIN perf_eval.cs_working_calendar AS c ON c.day = g.day
    WHERE coalesce(c.is_working, extract(isodow FROM g.day) < 6)
    ORDER BY g.day
    OFFSET days - 1 LIMIT 1;
    IF result IS NULL THEN
        RAISE EXCEPTION 'no % working days within a year after %', days, event
            USING ERRCODE = '22023', HINT = 'The working calendar marks too many days as non-working.';
    END IF;
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_add_working_days(date, integer) IS
'The n-th working day after an event (the day after the event is day 1): the deadline "within n working days" (docs/methodology.md §6.3)';

-- Counted without walking the days, so any two dates take the same time: the
-- weekdays of the range (weekdays_through(d): Mondays to Fridays from Monday
-- 3 January 2000 up to d, negative before it), then the calendar's exceptions
-- inside it, each a transferred working day on a weekend (+1) or a holiday on
-- a weekday (-1).
CREATE FUNCTION perf_eval.cs_working_days_between(after_day date, through_day date)
RETURNS integer
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN $2 <= $1 THEN 0 ELSE (
        (SELECT sum((5 * ((w.n - w.n_mod_7) / 7) + least(w.n_mod_7 + 1, 5)) * w.sign)
         FROM (SELECT x.n, ((x.n % 7) + 7) % 7, x.sign
               FROM (VALUES (($2 - date '2000-01-03')::bigint, 1), (($1 - date '2000-01-03')::bigint, -1)) AS x(n, sign)
              ) AS w(n, n_mod_7, sign))
        + (SELECT count(*) FILTER (WHERE c.is_working AND extract(isodow FROM c.day) >= 6)
                - count(*) FILTER (WHERE NOT c.is_working AND extract(isodow FROM c.day) < 6)
           FROM perf_eval.cs_working_calendar AS c
           WHERE c.day > $1 AND c.day <= $2))::integer
    END
$$;
COMMENT ON FUNCTION perf_eval.cs_working_days_between(date, date) IS
'Working days after the first date up to and including the second (0 if none): how late an overdue step is';

-- -------------------------------------------------------------------------
-- Methodology parameters of the assessment
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_param_integer(methodology text, key text)
RETURNS integer
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    value numeric := perf_eval.param_numeric(methodology, key);
BEGIN
    IF value <> trunc(value) THEN
        RAISE EXCEPTION 'parameter % of methodology "%" must be a whole number, not %', key, methodology, value
            USING ERRCODE = '22023', HINT = 'Counts, working days and ratio terms are integers (docs/methodology.md §2.6).';
    END IF;
    RETURN value::integer;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_param_integer(text, text) IS
'A whole-number civil-servant parameter (members, working days, ratio terms); 22023 if missing or fractional';

-- The labels of the m2018 grade bands in their order ("eq 5 => excellent; ..." -> excellent 1, ...).
CREATE FUNCTION perf_eval.cs_grade_labels(methodology text)
RETURNS TABLE (grade text, grade_order integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT trim(split_part(r.rule, '=>', 2)), r.ord::integer
    FROM unnest(string_to_array(perf_eval.param_text($1, 'cs.m2018.grade_bands'), ';')) WITH ORDINALITY AS r(rule, ord)
$$;
COMMENT ON FUNCTION perf_eval.cs_grade_labels(text) IS
'The grades of cs.m2018.grade_bands in the order of its rules (best first)';

-- -------------------------------------------------------------------------
-- Organisation: positions, employees, logins
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_position (
    position_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    unit        text NOT NULL,
    title       text NOT NULL,
    tier        text NOT NULL REFERENCES perf_eval.cs_position_tier (tier) ON UPDATE CASCADE,
    UNIQUE (body, unit, title)
);
COMMENT ON COLUMN perf_eval.cs_position.position_id IS 'Identifier of the position';
COMMENT ON COLUMN perf_eval.cs_position.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_position.unit IS 'Structural unit of the position';
COMMENT ON COLUMN perf_eval.cs_position.title IS 'Title of the position';
COMMENT ON COLUMN perf_eval.cs_position.tier IS 'Position tier (perf_eval.cs_position_tier.tier); selects the behavioural indicators';
COMMENT ON TABLE perf_eval.cs_position IS
'Corps "B" positions of a body: structural unit, title and tier (the tier selects the behavioural indicators)';

CREATE TABLE perf_eval.cs_employee (
    employee_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    personnel_no      text NOT NULL,
    full_name         text NOT NULL,
    position_id       bigint NOT NULL REFERENCES perf_eval.cs_position (position_id),
    manager_id        bigint REFERENCES perf_eval.cs_employee (employee_id),
    is_first_head     boolean NOT NULL DEFAULT false,
    in_position_since date NOT NULL,
    probation_until   date,
    UNIQUE (body, personnel_no),
    CHECK (manager_id <> employee_id)
);
COMMENT ON COLUMN perf_eval.cs_employee.employee_id IS 'Identifier of the employee';
COMMENT ON COLUMN perf_eval.cs_employee.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_employee.personnel_no IS 'Personnel number of the employee in the body';
COMMENT ON COLUMN perf_eval.cs_employee.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_employee.position_id IS 'Position the employee holds (perf_eval.cs_position.position_id)';
COMMENT ON COLUMN perf_eval.cs_employee.manager_id IS 'The employee''s direct supervisor (perf_eval.cs_employee.employee_id); NULL for the first head';
COMMENT ON COLUMN perf_eval.cs_employee.is_first_head IS 'True for the first head of the body';
COMMENT ON COLUMN perf_eval.cs_employee.in_position_since IS 'Date the employee took the position (less than 3 months before assessment: exempt)';
COMMENT ON COLUMN perf_eval.cs_employee.probation_until IS 'Last day of probation; NULL if none (on probation at assessment: exempt)';
COMMENT ON TABLE perf_eval.cs_employee IS
'Employees of a body with their position and direct supervisor (manager_id); the superior manager is the supervisor''s supervisor, or the supervisor when that is the first head (APA 2020 report, Appendix 4, paragraphs 2, 12, 23)';
CREATE INDEX cs_employee_manager ON perf_eval.cs_employee (manager_id);

CREATE FUNCTION perf_eval.cs_employee_consistent()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF (SELECT p.body FROM perf_eval.cs_position AS p WHERE p.position_id = NEW.position_id) <> NEW.body THEN
        RAISE EXCEPTION 'the position of employee % belongs to another body', NEW.personnel_no
            USING ERRCODE = '22023', DETAIL = format('body %s, position %s.', NEW.body, NEW.position_id),
                  HINT = 'An employee holds a position of their own body.';
    END IF;
    IF NEW.manager_id IS NOT NULL THEN
        IF (SELECT e.body FROM perf_eval.cs_employee AS e WHERE e.employee_id = NEW.manager_id) <> NEW.body THEN
            RAISE EXCEPTION 'the direct supervisor of employee % works in another body', NEW.personnel_no
                USING ERRCODE = '22023', DETAIL = format('body %s, supervisor %s.', NEW.body, NEW.manager_id),
                      HINT = 'The direct supervisor is in the same body (APA 2020 report, Appendix 4, paragraph 2).';
        END IF;
        IF EXISTS (WITH RECURSIVE chain AS (
                       SELECT e.employee_id, e.manager_id, 1 AS depth FROM perf_eval.cs_employee AS e
                       WHERE e.employee_id = NEW.manager_id
                       UNION ALL
                       SELECT e.employee_id, e.manager_id, c.depth + 1 FROM perf_eval.cs_employee AS e
                       JOIN chain AS c ON e.employee_id = c.manager_id WHERE c.depth < 1000)
                   SELECT 1 FROM chain AS c WHERE c.employee_id = NEW.employee_id) THEN
            RAISE EXCEPTION 'employee % cannot be their own superior', NEW.personnel_no
                USING ERRCODE = '22023', DETAIL = format('body %s, supervisor %s.', NEW.body, NEW.manager_id),
                      HINT = 'The chain of supervisors must not loop.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_employee_consistent BEFORE INSERT OR UPDATE ON perf_eval.cs_employee
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_employee_consistent();

CREATE TABLE perf_eval.cs_login (
    login       name PRIMARY KEY,
    employee_id bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_employee (employee_id) ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.cs_login.login IS 'Login role of the employee';
COMMENT ON COLUMN perf_eval.cs_login.employee_id IS 'The employee the role is (perf_eval.cs_employee.employee_id)';
COMMENT ON TABLE perf_eval.cs_login IS
'Which employee a login role is; row-level security and the actor of each workflow move use it (only editors change it)';

-- Who the current login is. These helpers run with the caller's rights, so
-- they read only tables every assessment role may read without row-level
-- security (cs_login, cs_employee, cs_commission_member): a policy that read
-- a table protected by the same policy would recurse.
CREATE FUNCTION perf_eval.cs_current_employee()
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT l.employee_id FROM perf_eval.cs_login AS l WHERE l.login = current_user $$;
COMMENT ON FUNCTION perf_eval.cs_current_employee() IS 'The employee the current login is (perf_eval.cs_login), or NULL';

CREATE FUNCTION perf_eval.cs_current_body()
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT e.body FROM perf_eval.cs_login AS l JOIN perf_eval.cs_employee AS e USING (employee_id)
    WHERE l.login = current_user
$$;
COMMENT ON FUNCTION perf_eval.cs_current_body() IS 'The body of the current login''s employee, or NULL';

CREATE FUNCTION perf_eval.cs_is_staff()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_editor', 'MEMBER') $$;
COMMENT ON FUNCTION perf_eval.cs_is_staff() IS
'True for perf_eval_editor and perf_eval_admin members (and superusers): they enter data and may make any workflow move on anyone''s behalf';

-- pg_dump's script and pg_restore load data with row_security = off, which only
-- superusers and BYPASSRLS roles can use on these tables (anyone else gets an
-- error). Such a bulk load brings documents in whatever state they had, so
-- the workflow and editing guards let it through instead of replaying the
-- moves; every other write is checked.
CREATE FUNCTION perf_eval.cs_bulk_loading()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT pg_catalog.current_setting('row_security') = 'off' $$;
COMMENT ON FUNCTION perf_eval.cs_bulk_loading() IS
'True while a superuser or BYPASSRLS role loads data with row_security = off (pg_dump, pg_restore): the workflow guards accept documents in any state';

CREATE FUNCTION perf_eval.cs_manages(employee bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE chain AS (
        SELECT e.manager_id, 1 AS depth FROM perf_eval.cs_employee AS e WHERE e.employee_id = $1
        UNION ALL
        SELECT e.manager_id, c.depth + 1 FROM perf_eval.cs_employee AS e
        JOIN chain AS c ON e.employee_id = c.manager_id WHERE c.depth < 1000
    )
    SELECT EXISTS (SELECT 1 FROM chain AS c WHERE c.manager_id = perf_eval.cs_current_employee())
$$;
COMMENT ON FUNCTION perf_eval.cs_manages(bigint) IS
'True if the current login''s employee is above the employee in the chain of supervisors (direct, superior, ...)';

CREATE FUNCTION perf_eval.cs_is_hr_of(body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_cs_hr', 'MEMBER')
       AND $1 = perf_eval.cs_current_body()
$$;
COMMENT ON FUNCTION perf_eval.cs_is_hr_of(text) IS 'True if the current login works in the HR department (perf_eval_cs_hr) of the body';

-- -------------------------------------------------------------------------
-- Assessment periods
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_assessment_period (
    period_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year              integer NOT NULL,
    starts_on         date NOT NULL,
    ends_on           date NOT NULL,
    methodology       text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    grade_methodology text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    UNIQUE (body, year),
    CHECK (starts_on <= ends_on)
);
COMMENT ON COLUMN perf_eval.cs_assessment_period.period_id IS 'Identifier of the assessment period';
COMMENT ON COLUMN perf_eval.cs_assessment_period.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_assessment_period.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_assessment_period.starts_on IS 'First day of the period';
COMMENT ON COLUMN perf_eval.cs_assessment_period.ends_on IS 'Last day of the period';
COMMENT ON COLUMN perf_eval.cs_assessment_period.methodology IS 'Methodology version of the Kef, workflow, commission and deadlines (draft_kef regime)';
COMMENT ON TABLE perf_eval.cs_assessment_period IS
'An assessed period of a body: methodology is the draft_kef version (Kef, workflow, commission, deadlines: APA 2020 report, Appendices 3-4) and grade_methodology the m2018 version of the current grade (docs/methodology.md §6.1-§6.3)';
COMMENT ON COLUMN perf_eval.cs_assessment_period.grade_methodology IS
'No shipped version defines both regimes (kz2020: m2018; kz2020_apa: draft_kef), and the assessment reports both the Kef and the current grade';

CREATE FUNCTION perf_eval.cs_assessment_period_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF perf_eval.param_text(NEW.methodology, 'cs.regime') <> 'draft_kef' THEN
        RAISE EXCEPTION 'methodology "%" does not define the draft Kef regime', NEW.methodology
            USING ERRCODE = '22023', DETAIL = format('body %s, year %s: cs.regime is %s.', NEW.body, NEW.year,
                                                      perf_eval.param_text(NEW.methodology, 'cs.regime')),
                  HINT = 'The period''s methodology has cs.regime = draft_kef (kz2020_apa or a fork; docs/methodology.md §2.6).';
    END IF;
    IF perf_eval.param_text(NEW.grade_methodology, 'cs.regime') <> 'm2018' THEN
        RAISE EXCEPTION 'methodology "%" does not define the m2018 grade', NEW.grade_methodology
            USING ERRCODE = '22023', DETAIL = format('body %s, year %s: cs.regime is %s.', NEW.body, NEW.year,
                                                      perf_eval.param_text(NEW.grade_methodology, 'cs.regime')),
                  HINT = 'The period''s grade_methodology has cs.regime = m2018 (kz2020 or a fork; docs/methodology.md §2.6).';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_assessment_period_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_assessment_period
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_assessment_period_valid();

-- -------------------------------------------------------------------------
-- Individual work plans and their KPIs
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
    commission_id bigint,
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
-- Commissions, meetings, votes, results, appeals
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_commission (
    commission_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id     bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_assessment_period (period_id),
    body          text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    title         text NOT NULL,
    order_ref     text
);
COMMENT ON COLUMN perf_eval.cs_commission.commission_id IS 'Identifier of the commission';
COMMENT ON COLUMN perf_eval.cs_commission.period_id IS 'Assessment period the commission is formed for (perf_eval.cs_assessment_period.period_id)';
COMMENT ON COLUMN perf_eval.cs_commission.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_commission.title IS 'Title of the commission';
COMMENT ON COLUMN perf_eval.cs_commission.order_ref IS 'Reference of the order that formed the commission';
COMMENT ON TABLE perf_eval.cs_commission IS
'The assessment commission a body''s authorised person forms for a period; HR is its working body (APA 2020 report, Appendix 4, paragraph 5)';

ALTER TABLE perf_eval.cs_assessment_sheet
    ADD FOREIGN KEY (commission_id) REFERENCES perf_eval.cs_commission (commission_id);

CREATE TABLE perf_eval.cs_commission_member (
    commission_id bigint NOT NULL REFERENCES perf_eval.cs_commission (commission_id) ON DELETE CASCADE,
    employee_id   bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    role          text NOT NULL CHECK (role IN ('chair', 'member', 'secretary')),
    PRIMARY KEY (commission_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_commission_member.commission_id IS 'Commission (perf_eval.cs_commission.commission_id)';
COMMENT ON COLUMN perf_eval.cs_commission_member.employee_id IS 'Member (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_commission_member.role IS 'Role in the commission: chair | member | secretary (the secretary does not vote)';
CREATE UNIQUE INDEX cs_commission_one_chair ON perf_eval.cs_commission_member (commission_id) WHERE role = 'chair';
CREATE UNIQUE INDEX cs_commission_one_secretary ON perf_eval.cs_commission_member (commission_id) WHERE role = 'secretary';
COMMENT ON TABLE perf_eval.cs_commission_member IS
'Composition: one chair, members, one secretary; the chair and members vote (at least 5 of them, APA 2020 report, Appendix 4, paragraph 5), the secretary is staff and neither votes nor counts (Appendix 4, paragraph 36)';

CREATE FUNCTION perf_eval.cs_sits_on(commission bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.cs_commission_member AS m
                   WHERE m.commission_id = $1 AND m.employee_id = perf_eval.cs_current_employee())
$$;
COMMENT ON FUNCTION perf_eval.cs_sits_on(bigint) IS 'True if the current login''s employee is a member (or the secretary) of the commission';

CREATE TABLE perf_eval.cs_commission_meeting (
    meeting_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    commission_id bigint NOT NULL REFERENCES perf_eval.cs_commission (commission_id),
    meets_on      date NOT NULL,
    UNIQUE (commission_id, meets_on)
);
COMMENT ON COLUMN perf_eval.cs_commission_meeting.meeting_id IS 'Identifier of the meeting';
COMMENT ON COLUMN perf_eval.cs_commission_meeting.commission_id IS 'Commission that meets (perf_eval.cs_commission.commission_id)';
COMMENT ON COLUMN perf_eval.cs_commission_meeting.meets_on IS 'Date of the meeting (employees are notified at least 7 working days before)';
COMMENT ON TABLE perf_eval.cs_commission_meeting IS 'A meeting of the commission (APA 2020 report, Appendix 4, paragraphs 30-38)';

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
                          'archived')),
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
COMMENT ON COLUMN perf_eval.cs_result.state IS 'Workflow state: at_commission | scheduled | decided | approved_final | informed | acknowledged | refusal_act | appealed | appeal_decided | archived';
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
    sheet_id   bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_result (sheet_id),
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

-- -------------------------------------------------------------------------
-- The workflow: legal moves, their actors, and the log
-- -------------------------------------------------------------------------

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

    SELECT t.* INTO move FROM perf_eval.cs_workflow_transition AS t
    WHERE t.entity = doc_kind AND t.from_state = OLD.state AND t.to_state = NEW.state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'illegal move of % % from % to %', doc_kind, entity_id, OLD.state, NEW.state
            USING ERRCODE = '22023',
                  DETAIL = format('%s. From %s the moves are: %s.', context, OLD.state,
                                  coalesce((SELECT string_agg(t.action || ' -> ' || t.to_state, ', ' ORDER BY t.action)
                                            FROM perf_eval.cs_workflow_transition AS t
                                            WHERE t.entity = doc_kind AND t.from_state = OLD.state),
                                           'none (final state)')),
                  HINT = 'Workflow, docs/methodology.md §6.3; perf_eval.cs_workflow_transition lists the legal moves.';
    END IF;
    IF NOT perf_eval.cs_may_act(move.actors, NEW.employee_id, commission) THEN
        RAISE EXCEPTION 'only the % may % this %', array_to_string(move.actors, ' or '), move.action, doc_kind
            USING ERRCODE = '42501',
                  DETAIL = format('%s, %s %s; login %s.', context, doc_kind, entity_id, current_user),
                  HINT = format('Workflow, %s (docs/methodology.md §6.3).', move.clause);
    END IF;
    IF NEW.state_since < OLD.state_since THEN
        RAISE EXCEPTION 'the move % of % % cannot be dated % before its previous move on %',
                        move.action, doc_kind, entity_id, NEW.state_since, OLD.state_since
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = 'Workflow dates only move forward (docs/methodology.md §6.3).';
    END IF;

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
            IF EXISTS (SELECT 1 FROM perf_eval.cs_kpi AS k
                       WHERE k.iwp_id = NEW.iwp_id
                         AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi_rating AS r
                                         WHERE r.sheet_id = NEW.sheet_id AND r.kpi_id = k.kpi_id)) THEN
                RAISE EXCEPTION 'assessment sheet % has unrated KPIs', NEW.sheet_id
                    USING ERRCODE = '22023',
                          DETAIL = format('%s; KPIs without a rating: %s.', context,
                                          (SELECT string_agg(k.kpi_no::text, ', ' ORDER BY k.kpi_no) FROM perf_eval.cs_kpi AS k
                                           WHERE k.iwp_id = NEW.iwp_id
                                             AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi_rating AS r
                                                             WHERE r.sheet_id = NEW.sheet_id AND r.kpi_id = k.kpi_id))),
                          HINT = 'The direct supervisor rates every KPI before signing, APA 2020 report, Appendix 4, paragraph 19.';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = NEW.sheet_id) THEN
                RAISE EXCEPTION 'assessment sheet % has no plan execution', NEW.sheet_id
                    USING ERRCODE = '22023', DETAIL = context || '.',
                          HINT = 'The percentage of plan execution is the first step, APA 2020 report, Appendix 4, paragraph 28.';
            END IF;
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

-- The context of an employee's document for errdetail: "body MF, year 2020, employee 17 (A. Name)".
CREATE FUNCTION perf_eval.cs_context(period bigint, employee bigint)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('body %s, year %s, employee %s (%s)', p.body, p.year, e.personnel_no, e.full_name)
    FROM perf_eval.cs_assessment_period AS p, perf_eval.cs_employee AS e
    WHERE p.period_id = $1 AND e.employee_id = $2
$$;

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
-- The computation (METHODOLOGY §6.1, §6.2)
-- -------------------------------------------------------------------------

CREATE TYPE perf_eval.cs_kef_breakdown AS (
    kpis             integer,
    kpi_part         numeric,
    competencies     integer,
    competencies_met integer,
    competency_part  numeric,
    kef_raw          numeric,
    completed_tasks  bigint,
    total_tasks      bigint,
    plan_gate        numeric,
    kef              numeric,
    explanation      jsonb
);
COMMENT ON TYPE perf_eval.cs_kef_breakdown IS 'Kef of one assessment sheet and every part of it, with the explanation';

CREATE FUNCTION perf_eval.cs_sheet_kef(sheet bigint)
RETURNS perf_eval.cs_kef_breakdown
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s perf_eval.cs_assessment_sheet;
    v text;
    result perf_eval.cs_kef_breakdown;
    kpi_rows jsonb;
    rated integer;
    message text;
    detail text;
    hint text;
    state text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'Sheets are visible to the employee, their managers, HR and the commission.';
    END IF;
    SELECT p.methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = s.period_id;
    BEGIN
        -- KPI part: mean over the plan's KPIs of kef_i (seed 000 lines 5147-5160).
        SELECT count(*), count(r.kpi_id),
               perf_eval.kpi_efficiency_mean_agg(x.kef_i),
               jsonb_agg(jsonb_build_object('kpi', k.kpi_no, 'title', k.title, 'plan', k.plan, 'fact', r.fact,
                                            'decrease_is_good', k.decrease_is_good, 'completeness', x.c,
                                            'quality', r.quality, 'timeliness', r.timeliness, 'difficulty', x.d,
                                            'kpi_efficiency', x.kef_i) ORDER BY k.kpi_no)
          INTO result.kpis, rated, result.kpi_part, kpi_rows
        FROM perf_eval.cs_kpi AS k
        LEFT JOIN perf_eval.cs_kpi_rating AS r ON r.sheet_id = s.sheet_id AND r.kpi_id = k.kpi_id
        CROSS JOIN LATERAL (
            SELECT perf_eval.kpi_completeness(k.plan, r.fact, perf_eval.param_text(v, 'cs.kef.completeness_bands'),
                                              k.decrease_is_good) AS c,
                   perf_eval.kpi_difficulty_level(k.work_type, k.work_mode) AS d) AS cd
        CROSS JOIN LATERAL (
            SELECT cd.c, cd.d,
                   perf_eval.kpi_efficiency(cd.c, r.quality, r.timeliness, cd.d,
                                            perf_eval.param_numeric(v, 'cs.kef.max_completeness'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_quality'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_timeliness'),
                                            perf_eval.param_numeric(v, 'cs.kef.difficulty_divisor')) AS kef_i) AS x
        WHERE k.iwp_id = s.iwp_id;
        IF result.kpis = 0 THEN
            RAISE EXCEPTION 'the individual work plan has no KPIs' USING ERRCODE = '22023',
                  HINT = 'At least one KPI is required (docs/methodology.md §6.2).';
        ELSIF rated < result.kpis THEN
            RAISE EXCEPTION '% of % KPIs have no rating', result.kpis - rated, result.kpis USING ERRCODE = '22023',
                  HINT = 'The direct supervisor rates every KPI (APA 2020 report, Appendix 4, paragraph 19).';
        END IF;

        -- Competency part: v_j = 1 if met else cs.kef.not_meet_value (seed 000 lines 5173-5182).
        SELECT count(*), count(*) FILTER (WHERE perf_eval.competency_meets(
                   c.manifested, c.defined, perf_eval.cs_param_integer(v, 'cs.competency_ratio_num'),
                   perf_eval.cs_param_integer(v, 'cs.competency_ratio_den')))
          INTO result.competencies, result.competencies_met
        FROM perf_eval.cs_competency_rating AS c WHERE c.sheet_id = s.sheet_id;
        result.competency_part := perf_eval.competency_part(result.competencies_met, result.competencies,
                                                            perf_eval.param_numeric(v, 'cs.kef.not_meet_value'));

        SELECT x.completed_tasks, x.planned_tasks + x.unplanned_tasks INTO result.completed_tasks, result.total_tasks
        FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = s.sheet_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no plan execution is recorded' USING ERRCODE = '22023',
                  HINT = 'P = 100*completed/(planned + unplanned), APA 2020 report, Appendix 4, paragraph 28.';
        END IF;
        result.plan_gate := perf_eval.plan_execution_gate(result.completed_tasks, result.total_tasks,
                                                          perf_eval.param_text(v, 'cs.kef.plan_gate'));
        result.kef_raw := perf_eval.efficiency_coefficient_raw(result.kpi_part, result.competency_part,
                                                               perf_eval.param_numeric(v, 'cs.kef.w_kpi'),
                                                               perf_eval.param_numeric(v, 'cs.kef.w_competency'));
        result.kef := trim_scale(result.kef_raw * result.plan_gate);
    EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT,
                                state = RETURNED_SQLSTATE;
        RAISE EXCEPTION 'Kef of assessment sheet %: %', s.sheet_id, message
            USING ERRCODE = state,
                  DETAIL = perf_eval.cs_context(s.period_id, s.employee_id) || coalesce(': ' || nullif(detail, ''), '.'),
                  HINT = coalesce(nullif(hint, ''), 'Kef, docs/methodology.md §6.2.');
    END;

    result.explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'Kef',
            'text', 'Kef = (w_kpi·mean_i M_i·(1 + d_i/divisor) + w_comp·mean_j v_j) × gate(100·completed/total)'),
        'clause', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3; Appendix 4, paragraph 28 (docs/methodology.md §6.2)',
        'inputs', jsonb_build_object('kpis', kpi_rows,
                                     'competencies', result.competencies, 'competencies_met', result.competencies_met,
                                     'completed_tasks', result.completed_tasks, 'total_tasks', result.total_tasks),
        'parts', jsonb_build_object('kpi_part', result.kpi_part, 'competency_part', result.competency_part,
                                    'kef_raw', result.kef_raw, 'plan_gate', result.plan_gate, 'kef', result.kef),
        'methodology', v,
        'parameters', perf_eval.param_explanation(v, ARRAY['cs.kef.max_completeness', 'cs.kef.max_quality',
            'cs.kef.max_timeliness', 'cs.kef.difficulty_divisor', 'cs.kef.completeness_bands',
            'cs.kef.not_meet_value', 'cs.kef.w_kpi', 'cs.kef.w_competency', 'cs.kef.plan_gate',
            'cs.competency_ratio_num', 'cs.competency_ratio_den']));
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_sheet_kef(bigint) IS
'Kef of an assessment sheet under its period''s draft_kef methodology, with every part and a jsonb explanation (docs/methodology.md §6.2); 22023/22003 name the body, year and employee';

CREATE FUNCTION perf_eval.cs_sheet_grade(sheet bigint, OUT kpis integer, OUT kpis_achieved integer, OUT grade text)
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s perf_eval.cs_assessment_sheet;
    v text;
    message text;
    state text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet USING ERRCODE = '22023';
    END IF;
    SELECT p.grade_methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = s.period_id;
    SELECT count(*), count(*) FILTER (WHERE perf_eval.kpi_plan_met(k.plan, r.fact, k.decrease_is_good))
      INTO kpis, kpis_achieved
    FROM perf_eval.cs_kpi AS k
    JOIN perf_eval.cs_kpi_rating AS r ON r.sheet_id = s.sheet_id AND r.kpi_id = k.kpi_id
    WHERE k.iwp_id = s.iwp_id;
    BEGIN
        grade := perf_eval.m2018_kpi_grade(kpis_achieved, kpis, perf_eval.cs_param_integer(v, 'cs.m2018.kpi_count'),
                                           perf_eval.param_text(v, 'cs.m2018.grade_bands'));
    EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, state = RETURNED_SQLSTATE;
        RAISE EXCEPTION 'grade of assessment sheet %: %', s.sheet_id, message
            USING ERRCODE = state,
                  DETAIL = format('%s: %s rated KPIs, %s achieved.', perf_eval.cs_context(s.period_id, s.employee_id),
                                  kpis, kpis_achieved),
                  HINT = 'm2018 grade, APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1).';
    END;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_sheet_grade(bigint) IS
'The current (m2018) grade of an assessment sheet under its period''s grade_methodology: KPIs whose fact meets the plan, out of exactly 5 (docs/methodology.md §6.1)';

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

-- -------------------------------------------------------------------------
-- pg_dump: users' assessment data survives; shipped reference rows come from CREATE EXTENSION
-- -------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_position_tier', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_competency', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_behavioural_indicator', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_working_calendar', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_position', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_employee', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_login', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_assessment_period', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_iwp', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_kpi', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_assessment_sheet', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_kpi_rating', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_competency_rating', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_plan_execution', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission_member', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission_meeting', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_meeting_attendance', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_result', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_vote', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_appeal', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_workflow_event', '');
-- and the identity sequences, so new rows after a restore do not reuse ids
-- (one call per statement: each call updates the extension's catalog row)
DO $$
DECLARE
    seq record;
BEGIN
    FOR seq IN SELECT pg_catalog.pg_get_serial_sequence('perf_eval.' || s.t, s.c) AS name
               FROM (VALUES ('cs_position', 'position_id'), ('cs_employee', 'employee_id'),
                            ('cs_assessment_period', 'period_id'), ('cs_iwp', 'iwp_id'), ('cs_kpi', 'kpi_id'),
                            ('cs_assessment_sheet', 'sheet_id'), ('cs_commission', 'commission_id'),
                            ('cs_commission_meeting', 'meeting_id'), ('cs_appeal', 'appeal_id'),
                            ('cs_workflow_event', 'event_id')) AS s(t, c) LOOP
        PERFORM pg_catalog.pg_extension_config_dump(seq.name, '');
    END LOOP;
END
$$;

-- -------------------------------------------------------------------------
-- Privileges and row-level security (METHODOLOGY §6.3; the roles are in
-- 05_roles.sql, the grants on the views in 66_civil_servant_views.sql)
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
