-- =========================================================================
-- Section: civil servants of corps "B": the organisation and reference data
-- of the assessment (METHODOLOGY §6)
--
-- An HR department keeps each employee's individual work plan (IWP) of KPIs;
-- the direct supervisor fills the assessment sheet; competencies come from
-- the 360-degree survey; the sheet goes through the superior manager to the
-- commission, whose result may be appealed. The database computes Kef under
-- the period's draft_kef version and the grade under its m2018 version.
--
-- This part holds what the assessment documents refer to (reference data,
-- calendar, organisation, logins, periods, commissions and their meetings),
-- the helpers that say who the current login is, and the data checks of the
-- organisation. The assessment documents and their workflow (state machine,
-- data constraints, log) are 66_civil_servant_workflow.sql, the computation
-- 67_civil_servant_computation.sql, the moves, the commission and appeal
-- procedures and the deadlines 68_civil_servant_procedures.sql, the views
-- 69_civil_servant_results.sql. Each part grants its own objects and
-- protects them by row-level security; the visibility model is set out at
-- the end of this part, with the tables' privileges and policies.
-- =========================================================================

-- The roles of the assessment (perf_eval_cs_employee, _manager, _hr,
-- _commission) are created in 05_roles.sql; what each may see and change is
-- at the end of this part.


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
-- Commissions and their meetings
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
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission_member', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission_meeting', '');
-- and the identity sequences, so new rows after a restore do not reuse ids
-- (one call per statement: each call updates the extension's catalog row)
DO $$
DECLARE
    seq record;
BEGIN
    FOR seq IN SELECT pg_catalog.pg_get_serial_sequence('perf_eval.' || s.t, s.c) AS name
               FROM (VALUES ('cs_position', 'position_id'), ('cs_employee', 'employee_id'),
                            ('cs_assessment_period', 'period_id'), ('cs_commission', 'commission_id'),
                            ('cs_commission_meeting', 'meeting_id')) AS s(t, c) LOOP
        PERFORM pg_catalog.pg_extension_config_dump(seq.name, '');
    END LOOP;
END
$$;

-- =========================================================================
-- Privileges and row-level security (METHODOLOGY §6.3; the roles are in
-- 05_roles.sql)
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
--
-- The assessment documents and the workflow catalog and log
-- (66_civil_servant_workflow.sql) and the views (69_civil_servant_results.sql)
-- are granted and protected in their parts, by the same model.
-- -------------------------------------------------------------------------

-- Every assessment role reads the reference data and the organisation, and
-- so do readers; editors change every table.
GRANT SELECT ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting
   TO perf_eval_editor;
-- Identity sequences of the tables editors and the assessment roles insert into.
GRANT USAGE ON SEQUENCE perf_eval.cs_position_position_id_seq, perf_eval.cs_employee_employee_id_seq,
      perf_eval.cs_assessment_period_period_id_seq, perf_eval.cs_commission_commission_id_seq,
      perf_eval.cs_commission_meeting_meeting_id_seq
   TO perf_eval_editor, perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- HR: the body's organisation and commission.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_assessment_period,
      perf_eval.cs_commission, perf_eval.cs_commission_member, perf_eval.cs_commission_meeting
   TO perf_eval_cs_hr;

-- Row-level security on the organisation and the logins (not on the
-- reference data and the calendar): editors change every row; every
-- assessment role reads every row (the policies' helpers need the
-- organisation and which login is which employee); HR writes its own body's
-- organisation, one policy per command, so reading never calls cs_is_hr_of.
DO $$
DECLARE
    assessors    CONSTANT text := 'perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission';
    organisation CONSTANT text[] := '{cs_position, cs_employee, cs_assessment_period, cs_commission,
                                      cs_commission_member, cs_commission_meeting}';
    tab text;
    hr_rule text;
BEGIN
    FOREACH tab IN ARRAY organisation || '{cs_login}'::text[] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', tab);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I FOR ALL TO perf_eval_editor USING (true) WITH CHECK (true)', tab);
        EXECUTE format('CREATE POLICY cs_read ON perf_eval.%I FOR SELECT TO %s USING (true)', tab, assessors);
    END LOOP;
    FOREACH tab IN ARRAY organisation LOOP
        hr_rule := CASE WHEN tab IN ('cs_commission_member', 'cs_commission_meeting')
                        THEN format('EXISTS (SELECT 1 FROM perf_eval.cs_commission AS c WHERE c.commission_id = '
                                    '%I.commission_id AND perf_eval.cs_is_hr_of(c.body))', tab)
                        ELSE 'perf_eval.cs_is_hr_of(body)' END;
        EXECUTE format('CREATE POLICY hr_insert ON perf_eval.%I FOR INSERT TO perf_eval_cs_hr WITH CHECK (%s)', tab, hr_rule);
        EXECUTE format('CREATE POLICY hr_update ON perf_eval.%I FOR UPDATE TO perf_eval_cs_hr USING (%s) WITH CHECK (%s)',
                       tab, hr_rule, hr_rule);
        EXECUTE format('CREATE POLICY hr_delete ON perf_eval.%I FOR DELETE TO perf_eval_cs_hr USING (%s)', tab, hr_rule);
    END LOOP;
END
$$;

-- =========================================================================
-- The graded methodology (METHODOLOGY §6; APA 2020 report, chapter 4
-- conclusions, Tables 4.3 and 4.4): per level of position (the tiers above)
-- the KPI criteria, the frequency of assessment and monitoring, and the
-- consequences a result may have; per position a competency profile; the
-- finer competency scale. The levels' parameters are kz2020_apa's, keyed
-- cs.level.<tier>.* (shipped with the other parameters, 20_methodology.sql);
-- a fork may change them.
-- =========================================================================

-- A comma-separated list parameter as an array (empty elements dropped).
CREATE FUNCTION perf_eval.cs_param_list(methodology text, key text)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(array_agg(trim(x.item) ORDER BY x.ord) FILTER (WHERE trim(x.item) <> ''), '{}')
    FROM unnest(string_to_array(perf_eval.param_text($1, $2), ',')) WITH ORDINALITY AS x(item, ord)
$$;
COMMENT ON FUNCTION perf_eval.cs_param_list(text, text) IS
'A list parameter (comma-separated names, e.g. cs.level.executive.positive) as an array in its order; 22023 if missing';

-- The competency profile of a position (Table 4.4: "for each position, approve a competency profile").
CREATE TABLE perf_eval.cs_position_competency (
    position_id bigint NOT NULL REFERENCES perf_eval.cs_position (position_id) ON DELETE CASCADE,
    competency  text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    PRIMARY KEY (position_id, competency)
);
COMMENT ON COLUMN perf_eval.cs_position_competency.position_id IS 'Position (perf_eval.cs_position.position_id)';
COMMENT ON COLUMN perf_eval.cs_position_competency.competency IS 'Competency the position is assessed on (perf_eval.cs_competency.competency)';
COMMENT ON TABLE perf_eval.cs_position_competency IS
'Competency profile of a position: the competencies its holder is assessed on by the 360-degree method (APA 2020 report, chapter 4 conclusions, Table 4.4); a position without a profile is assessed on every competency';

-- The level's table of consequences: the decisions a positive or negative result allows.
CREATE FUNCTION perf_eval.cs_allowed_consequences(methodology text, tier text, negative boolean)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.cs_param_list($1, format('cs.level.%s.%s', $2, CASE WHEN $3 THEN 'negative' ELSE 'positive' END))
$$;
COMMENT ON FUNCTION perf_eval.cs_allowed_consequences(text, text, boolean) IS
'Decisions the level''s table of consequences allows after a positive or negative result (cs.level.<tier>.positive | negative; APA 2020 report, chapter 4 conclusions, Table 4.3)';

SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_position_competency', '');
GRANT SELECT ON perf_eval.cs_position_competency
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position_competency TO perf_eval_editor, perf_eval_cs_hr;
ALTER TABLE perf_eval.cs_position_competency ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_position_competency FOR ALL TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY cs_read ON perf_eval.cs_position_competency FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission USING (true);
CREATE POLICY hr_writes ON perf_eval.cs_position_competency FOR ALL TO perf_eval_cs_hr
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_position AS p
                   WHERE p.position_id = cs_position_competency.position_id AND perf_eval.cs_is_hr_of(p.body)))
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_position AS p
                        WHERE p.position_id = cs_position_competency.position_id AND perf_eval.cs_is_hr_of(p.body)));
