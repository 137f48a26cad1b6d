-- =========================================================================
-- Section: civil servants of corps "B": the data model of the assessment
-- (METHODOLOGY §6)
--
-- An HR department keeps each employee's individual work plan (IWP) of KPIs;
-- the direct supervisor fills the assessment sheet; competencies come from
-- the 360-degree survey; the sheet goes through the superior manager to the
-- commission, whose result may be appealed. The database computes Kef under
-- the period's draft_kef version and the grade under its m2018 version.
--
-- This part holds the tables of the assessment (reference data, calendar,
-- organisation, periods, plans, sheets, ratings, commissions, results,
-- appeals), the helpers that say who the current login is, and the data
-- checks of the organisation. The computation is 66_civil_servant_computation.sql,
-- the workflow (state machine, moves, deadlines) 67_civil_servant_workflow.sql,
-- the views 68_civil_servant_results.sql. Each part grants its own objects
-- and protects them by row-level security; the visibility model is set out
-- at the end of this part, with the tables' privileges and policies.
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
                            ('cs_commission_meeting', 'meeting_id'), ('cs_appeal', 'appeal_id')) AS s(t, c) LOOP
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
-- The workflow catalog and log (67_civil_servant_workflow.sql) and the views
-- (68_civil_servant_results.sql) are granted and protected in their parts,
-- by the same model.
-- -------------------------------------------------------------------------

-- Every assessment role reads the reference data, the organisation and
-- (under row-level security) the assessments; readers read every table (no
-- policy lets them see personal assessments); editors change every table.
GRANT SELECT ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting, perf_eval.cs_meeting_attendance, perf_eval.cs_iwp, perf_eval.cs_kpi,
      perf_eval.cs_assessment_sheet, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating,
      perf_eval.cs_plan_execution, perf_eval.cs_result, perf_eval.cs_vote, perf_eval.cs_appeal
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting, perf_eval.cs_meeting_attendance, perf_eval.cs_iwp, perf_eval.cs_kpi,
      perf_eval.cs_assessment_sheet, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating,
      perf_eval.cs_plan_execution, perf_eval.cs_result, perf_eval.cs_vote, perf_eval.cs_appeal
   TO perf_eval_editor;
-- Identity sequences of the tables editors and the assessment roles insert into.
GRANT USAGE ON SEQUENCE perf_eval.cs_position_position_id_seq, perf_eval.cs_employee_employee_id_seq,
      perf_eval.cs_assessment_period_period_id_seq, perf_eval.cs_commission_commission_id_seq,
      perf_eval.cs_commission_meeting_meeting_id_seq, perf_eval.cs_iwp_iwp_id_seq, perf_eval.cs_kpi_kpi_id_seq,
      perf_eval.cs_assessment_sheet_sheet_id_seq, perf_eval.cs_appeal_appeal_id_seq
   TO perf_eval_editor, perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

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

-- Row-level security on every table but the reference data and the calendar.
-- The policies are rows, one row set per shape: (table, policy, command,
-- roles, rule), %1$I in a rule standing for the table the policy is on. A
-- policy for ALL or UPDATE checks its rule in USING and WITH CHECK, for
-- SELECT or DELETE in USING, for INSERT in WITH CHECK.
DO $$
DECLARE
    assessors    CONSTANT text := 'perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission';
    organisation CONSTANT text[] := '{cs_position, cs_employee, cs_assessment_period, cs_commission,
                                      cs_commission_member, cs_commission_meeting}';
    protected    CONSTANT text[] := organisation || '{cs_login, cs_meeting_attendance, cs_iwp, cs_kpi, cs_assessment_sheet,
                                                     cs_kpi_rating, cs_competency_rating, cs_plan_execution, cs_result,
                                                     cs_vote, cs_appeal}'::text[];
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
        -- The organisation, which login is which employee (the policies' helpers
        -- need it) and attendance: every assessment role reads all rows.
        SELECT t, 'cs_read', 'SELECT', assessors, 'true'
        FROM unnest(organisation || '{cs_login, cs_meeting_attendance}'::text[]) AS t
        UNION ALL
        -- HR writes its own body's organisation, one policy per command, so
        -- reading never calls cs_is_hr_of.
        SELECT t, 'hr_' || lower(c), c, 'perf_eval_cs_hr',
               CASE WHEN t IN ('cs_commission_member', 'cs_commission_meeting')
                    THEN 'EXISTS (SELECT 1 FROM perf_eval.cs_commission AS c WHERE c.commission_id = '
                         '%1$I.commission_id AND perf_eval.cs_is_hr_of(c.body))'
                    ELSE 'perf_eval.cs_is_hr_of(body)' END
        FROM unnest(organisation) AS t, unnest('{INSERT, UPDATE, DELETE}'::text[]) AS c
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
