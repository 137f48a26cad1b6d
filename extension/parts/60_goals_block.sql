-- =========================================================================
-- Section: the "Achievement of goals" block (METHODOLOGY §3): inputs with
-- validation, per-indicator and per-goal results, the goals node computer
-- (strategic, budget criteria, penalties) and the block in the score tree
-- =========================================================================

-- -------------------------------------------------------------------------
-- Inputs (METHODOLOGY §3.1-§3.4); per body and year
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.goal (
    body       text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year       integer NOT NULL,
    goal_code  text NOT NULL CHECK (goal_code <> ''),
    title      text,
    loaded_by  name NOT NULL DEFAULT current_user,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year, goal_code)
);
COMMENT ON COLUMN perf_eval.goal.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.goal.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.goal.goal_code IS 'Code of the goal within the body''s strategic plan or territorial development programme';
COMMENT ON COLUMN perf_eval.goal.title IS 'Title of the goal';
COMMENT ON COLUMN perf_eval.goal.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.goal.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.goal IS
'Goals of a body''s strategic plan (CSB) or territorial development programme (LEB) in a year; their coefficients come from their target indicators (docs/methodology.md §3.2)';

CREATE TABLE perf_eval.target_indicator (
    body            text NOT NULL,
    year            integer NOT NULL,
    goal_code       text NOT NULL,
    indicator_code  text NOT NULL CHECK (indicator_code <> ''),
    title           text,
    unit            text,
    direction       text NOT NULL,
    plan            numeric NOT NULL,
    plan_original   numeric,
    fact            numeric,
    fact_previous   numeric,
    fact_published  boolean NOT NULL,
    indicator_level text NOT NULL DEFAULT 'national' CHECK (indicator_level IN ('national', 'regional')),
    source          text,
    loaded_by       name NOT NULL DEFAULT current_user,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year, indicator_code),
    FOREIGN KEY (body, year, goal_code) REFERENCES perf_eval.goal (body, year, goal_code)
        ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.target_indicator.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.target_indicator.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.target_indicator.goal_code IS 'Code of the goal the indicator belongs to (perf_eval.goal.goal_code)';
COMMENT ON COLUMN perf_eval.target_indicator.indicator_code IS 'Code of the target indicator, unique per body and year';
COMMENT ON COLUMN perf_eval.target_indicator.title IS 'Title of the target indicator';
COMMENT ON COLUMN perf_eval.target_indicator.unit IS 'Unit of plan and fact as published (e.g. %, tenge, count, index with the previous year = 100)';
COMMENT ON COLUMN perf_eval.target_indicator.direction IS 'Which way is better: increase | decrease';
COMMENT ON COLUMN perf_eval.target_indicator.plan IS 'Final plan P of the year, in the indicator''s unit (>= 0)';
COMMENT ON COLUMN perf_eval.target_indicator.plan_original IS 'First approved plan P0 of the year, in the indicator''s unit; NULL if never changed';
COMMENT ON COLUMN perf_eval.target_indicator.fact IS 'Fact F of the year, in the indicator''s unit (>= 0); NULL if not known';
COMMENT ON COLUMN perf_eval.target_indicator.fact_previous IS 'Fact F-1 of the previous year, in the indicator''s unit; NULL if unknown (no dynamics check)';
COMMENT ON COLUMN perf_eval.target_indicator.fact_published IS 'True if the 12-month value was published at assessment time; false: the indicator is not counted';
COMMENT ON COLUMN perf_eval.target_indicator.indicator_level IS 'Level of the indicator: national | regional';
COMMENT ON COLUMN perf_eval.target_indicator.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.target_indicator.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.target_indicator.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.target_indicator IS
'Target indicators (TI) of a goal in a year: direction increase|decrease (higher or lower is better), plan P (final), plan_original P0 (first approved, NULL if never changed), fact F, fact_previous F-1 (NULL if unknown), fact_published (the 12-month value was published at assessment time), national or regional; values >= 0 (docs/methodology.md §3.1, §3.6). An indicator belongs to one goal; a second row for it is a duplicate';
CREATE INDEX target_indicator_goal ON perf_eval.target_indicator (body, year, goal_code);

CREATE TABLE perf_eval.budget_programme (
    body            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year            integer NOT NULL,
    programme_code  text NOT NULL CHECK (programme_code <> ''),
    title           text,
    programme_type  text NOT NULL,
    achievement     numeric NOT NULL,
    disbursement    numeric NOT NULL,
    loaded_by       name NOT NULL DEFAULT current_user,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    funds           numeric,
    PRIMARY KEY (body, year, programme_code)
);
COMMENT ON COLUMN perf_eval.budget_programme.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.budget_programme.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.budget_programme.programme_code IS 'Code of the budget programme';
COMMENT ON COLUMN perf_eval.budget_programme.title IS 'Title of the budget programme';
COMMENT ON COLUMN perf_eval.budget_programme.programme_type IS 'Type of programme: current | development';
COMMENT ON COLUMN perf_eval.budget_programme.achievement IS 'Achievement A of the programme''s result indicators, % (>= 0, may exceed 100)';
COMMENT ON COLUMN perf_eval.budget_programme.disbursement IS 'Disbursement D of the programme''s funds, % (0..100; 0 excludes the programme)';
COMMENT ON COLUMN perf_eval.budget_programme.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.budget_programme.loaded_at IS 'When the row was loaded';
COMMENT ON COLUMN perf_eval.budget_programme.funds IS 'Budgetary funds provided for the programme in the year, in one currency unit per body and year (>= 0); NULL if not reported. Where the version splits BP efficiency by funds, they weight current against development programmes (docs/methodology.md §3.3)';
COMMENT ON TABLE perf_eval.budget_programme IS
'Budget programmes of a body in a year: programme_type current|development, achievement A = achievement of its result indicators in % (>= 0, may exceed 100), disbursement D in % (0..100; 0 excludes the programme) (docs/methodology.md §3.3)';

CREATE TABLE perf_eval.budget_programme_result (
    body            text NOT NULL,
    year            integer NOT NULL,
    programme_code  text NOT NULL,
    result_code     text NOT NULL CHECK (result_code <> ''),
    title           text,
    plan            numeric NOT NULL,
    fact            numeric NOT NULL,
    PRIMARY KEY (body, year, programme_code, result_code),
    FOREIGN KEY (body, year, programme_code) REFERENCES perf_eval.budget_programme (body, year, programme_code)
        ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.budget_programme_result.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.budget_programme_result.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.budget_programme_result.programme_code IS 'Code of the budget programme (perf_eval.budget_programme.programme_code)';
COMMENT ON COLUMN perf_eval.budget_programme_result.result_code IS 'Code of the result indicator within the programme';
COMMENT ON COLUMN perf_eval.budget_programme_result.title IS 'Title of the result indicator';
COMMENT ON COLUMN perf_eval.budget_programme_result.plan IS 'Planned value P of the result indicator, in its own unit';
COMMENT ON COLUMN perf_eval.budget_programme_result.fact IS 'Actual value F of the result indicator, in its own unit';
COMMENT ON TABLE perf_eval.budget_programme_result IS
'Result indicators of a budget programme (optional): one with F > goals.bp_result_overfulfil_threshold x P is a bp_result_overfulfilment penalty fact, detected at recalculation (docs/methodology.md §3.4); record a penalty_event only for facts not loaded here';

CREATE TABLE perf_eval.goal_programme_link (
    body         text NOT NULL,
    year         integer NOT NULL,
    goal_code    text NOT NULL,
    coefficient  numeric NOT NULL,
    assessed_by  text,
    note         text,
    PRIMARY KEY (body, year, goal_code),
    FOREIGN KEY (body, year, goal_code) REFERENCES perf_eval.goal (body, year, goal_code)
        ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.goal_programme_link.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.goal_programme_link.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.goal_programme_link.goal_code IS 'Code of the strategic-plan goal (perf_eval.goal.goal_code)';
COMMENT ON COLUMN perf_eval.goal_programme_link.coefficient IS 'Expert coefficient 0..1 of the goal''s relationship with its budget programmes';
COMMENT ON COLUMN perf_eval.goal_programme_link.assessed_by IS 'Body or expert that assessed the coefficient';
COMMENT ON COLUMN perf_eval.goal_programme_link.note IS 'Free-text note on the assessment';
COMMENT ON TABLE perf_eval.goal_programme_link IS
'CSB: the expert coefficient (0..1) of the relationship of a strategic-plan goal with its budget programmes, supplied by the authorised body (docs/methodology.md §3.3, APA 2020 report §1.2)';

CREATE TABLE perf_eval.budget_assessment (
    body                        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                        integer NOT NULL,
    citizens_budget_compliance  numeric,
    audited                     boolean,
    violations_amount           numeric,
    audited_amount              numeric,
    ia_analysis                 boolean,
    direct_results_achieved     bigint,
    direct_results_total        bigint,
    participatory_budget_share  numeric,
    source                      text,
    loaded_by                   name NOT NULL DEFAULT current_user,
    loaded_at                   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year)
);
COMMENT ON COLUMN perf_eval.budget_assessment.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.budget_assessment.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.budget_assessment.citizens_budget_compliance IS 'Compliance c of the Citizens Budget with the requirements, % (0..100)';
COMMENT ON COLUMN perf_eval.budget_assessment.audited IS 'LEB: true if the body''s spending was audited in the year';
COMMENT ON COLUMN perf_eval.budget_assessment.violations_amount IS 'LEB: amount V of budget violations found, tenge (ineffective spending excluded; <= audited_amount)';
COMMENT ON COLUMN perf_eval.budget_assessment.audited_amount IS 'LEB: amount B covered by the audit, tenge';
COMMENT ON COLUMN perf_eval.budget_assessment.ia_analysis IS 'LEB: true if internal audit analysed the territorial development programme against spending (+2 points)';
COMMENT ON COLUMN perf_eval.budget_assessment.direct_results_achieved IS 'LEB: number of direct-result indicators of development programmes achieved (count)';
COMMENT ON COLUMN perf_eval.budget_assessment.direct_results_total IS 'LEB: number of direct-result indicators of development programmes (count)';
COMMENT ON COLUMN perf_eval.budget_assessment.participatory_budget_share IS 'LEB: share p of the local budget distributed through participatory budgeting, % (0..100); NULL: not practised';
COMMENT ON COLUMN perf_eval.budget_assessment.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.budget_assessment.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.budget_assessment.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.budget_assessment IS
'Budget criteria of a body in a year: Citizens Budget compliance c in % (CSB and LEB); LEB: audited, violations V and audited amount B (V <= B, ineffective spending excluded), ia_analysis (internal-audit analysis of the TDP against spending), direct results achieved/total of development programmes, participatory_budget_share p in % of the local budget (NULL: not practised, k_PPB = 1) (docs/methodology.md §3.3)';

-- -------------------------------------------------------------------------
-- Validation (METHODOLOGY §3.6, §0.7): names 22023, domain 22003,
-- consistency 22023; details name body, year and indicator
-- -------------------------------------------------------------------------

-- Every problem of one target indicator, in the order of §0.7.
CREATE FUNCTION perf_eval.target_indicator_problems(direction text, plan numeric, plan_original numeric,
                                                    fact numeric, fact_previous numeric, fact_published boolean)
RETURNS TABLE (check_order integer, field text, message text, sqlstate text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.check_order, c.field, c.message, c.sqlstate
    FROM (VALUES
        (1, 'direction', CASE WHEN $1 IS NULL THEN 'direction missing'
                              ELSE format('unknown indicator direction "%s" (known: increase, decrease)', $1) END,
         '22023', $1 IS NULL OR $1 NOT IN ('increase', 'decrease')),
        (2, 'plan', 'plan missing', '22023', $2 IS NULL),
        (2, 'fact_published', 'fact_published missing', '22023', $6 IS NULL),
        (3, 'plan', 'plan must be a finite number', '22023', $2 IN ('NaN', 'Infinity', '-Infinity')),
        (3, 'plan_original', 'plan_original must be a finite number', '22023', $3 IN ('NaN', 'Infinity', '-Infinity')),
        (3, 'fact', 'fact must be a finite number', '22023', $4 IN ('NaN', 'Infinity', '-Infinity')),
        (3, 'fact_previous', 'fact_previous must be a finite number', '22023', $5 IN ('NaN', 'Infinity', '-Infinity')),
        (4, 'plan', 'plan must not be negative', '22003', $2 < 0),
        (4, 'plan_original', 'plan_original must not be negative', '22003', $3 < 0),
        (4, 'fact', 'fact must not be negative', '22003', $4 < 0),
        (4, 'fact_previous', 'fact_previous must not be negative', '22003', $5 < 0),
        (5, 'fact', 'fact missing while marked published', '22023', $4 IS NULL AND $6)
    ) AS c(check_order, field, message, sqlstate, failed)
    WHERE c.failed
    ORDER BY c.check_order, c.field
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_problems(text, numeric, numeric, numeric, numeric, boolean) IS
'Every problem of a target indicator''s values with its SQLSTATE, names first, then domain, then consistency: unknown direction, non-finite or negative values (all units: use a non-negative scale such as an index), fact missing while marked published (docs/methodology.md §3.1, §3.6, §0.7)';

CREATE FUNCTION perf_eval.target_indicator_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problem record;
BEGIN
    SELECT * INTO problem
    FROM perf_eval.target_indicator_problems(NEW.direction, NEW.plan, NEW.plan_original, NEW.fact,
                                             NEW.fact_previous, NEW.fact_published)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%', problem.message
            USING ERRCODE = problem.sqlstate,
                  DETAIL = format('Body %s, year %s, indicator %s: direction %s, plan %s, plan_original %s, fact %s, fact_previous %s, fact_published %s.',
                                  NEW.body, NEW.year, NEW.indicator_code, coalesce(NEW.direction, 'NULL'),
                                  coalesce(NEW.plan::text, 'NULL'), coalesce(NEW.plan_original::text, 'NULL'),
                                  coalesce(NEW.fact::text, 'NULL'), coalesce(NEW.fact_previous::text, 'NULL'),
                                  coalesce(NEW.fact_published::text, 'NULL')),
                  HINT = 'Target indicators, docs/methodology.md §3.1 and §3.6, APA 2020 report §1.2.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER target_indicator_valid BEFORE INSERT OR UPDATE ON perf_eval.target_indicator
FOR EACH ROW EXECUTE FUNCTION perf_eval.target_indicator_valid();

-- One numeric input in [minimum, maximum] (NULL bound: open): non-finite 22023, outside 22003.
CREATE FUNCTION perf_eval.goals_check_range(value numeric, field text, minimum numeric, maximum numeric,
                                            context text, clause text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF value IS NULL THEN
        RETURN;
    END IF;
    IF value IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION '% must be a finite number', field
            USING ERRCODE = '22023', DETAIL = format('%s: %s = %s.', context, field, value), HINT = clause;
    END IF;
    IF value < minimum OR value > maximum THEN
        RAISE EXCEPTION '%', CASE WHEN maximum IS NULL THEN format('%s must not be negative', field)
                                  ELSE format('%s must lie between %s and %s', field, minimum, maximum) END
            USING ERRCODE = '22003', DETAIL = format('%s: %s = %s.', context, field, value), HINT = clause;
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_check_range(numeric, text, numeric, numeric, text, text) IS
'Raises 22023 for NaN or infinity and 22003 outside [minimum, maximum] (NULL maximum: no upper bound), naming the field and the context (docs/methodology.md §3.6, §0.7)';

CREATE FUNCTION perf_eval.budget_programme_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    context text := format('Body %s, year %s, budget programme %s', NEW.body, NEW.year, NEW.programme_code);
    clause text := 'BP execution efficiency, docs/methodology.md §3.3 and §3.6.';
BEGIN
    IF NEW.programme_type IS DISTINCT FROM 'current' AND NEW.programme_type IS DISTINCT FROM 'development' THEN
        RAISE EXCEPTION 'unknown budget programme type "%" (known: current, development)', NEW.programme_type
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = clause;
    END IF;
    PERFORM perf_eval.goals_check_range(NEW.achievement, 'achievement', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.disbursement, 'disbursement', 0, 100, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.funds, 'funds', 0, NULL, context, clause);
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_programme_valid BEFORE INSERT OR UPDATE ON perf_eval.budget_programme
FOR EACH ROW EXECUTE FUNCTION perf_eval.budget_programme_valid();

CREATE FUNCTION perf_eval.budget_programme_result_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    context text := format('Body %s, year %s, budget programme %s, result %s',
                           NEW.body, NEW.year, NEW.programme_code, NEW.result_code);
    clause text := 'BP result overfulfilment, docs/methodology.md §3.4 and §3.6.';
BEGIN
    PERFORM perf_eval.goals_check_range(NEW.plan, 'plan', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.fact, 'fact', 0, NULL, context, clause);
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_programme_result_valid BEFORE INSERT OR UPDATE ON perf_eval.budget_programme_result
FOR EACH ROW EXECUTE FUNCTION perf_eval.budget_programme_result_valid();

CREATE FUNCTION perf_eval.goal_programme_link_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.goals_check_range(NEW.coefficient, 'coefficient', 0, 1,
        format('Body %s, year %s, goal %s', NEW.body, NEW.year, NEW.goal_code),
        'Goal-BP link, docs/methodology.md §3.3 and §3.6, APA 2020 report §1.2: an expert coefficient in 0..1.');
    RETURN NEW;
END
$$;
CREATE TRIGGER goal_programme_link_valid BEFORE INSERT OR UPDATE ON perf_eval.goal_programme_link
FOR EACH ROW EXECUTE FUNCTION perf_eval.goal_programme_link_valid();

CREATE FUNCTION perf_eval.budget_assessment_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    context text := format('Body %s, year %s', NEW.body, NEW.year);
    clause text := 'Budget component, docs/methodology.md §3.3 and §3.6, APA 2020 report §1.2, Table 1.2.';
BEGIN
    -- domain of each value
    PERFORM perf_eval.goals_check_range(NEW.citizens_budget_compliance, 'citizens_budget_compliance', 0, 100, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.violations_amount, 'violations_amount', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.audited_amount, 'audited_amount', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.direct_results_achieved, 'direct_results_achieved', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.direct_results_total, 'direct_results_total', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.participatory_budget_share, 'participatory_budget_share', 0, 100, context, clause);
    -- consistency between values
    IF NEW.violations_amount > NEW.audited_amount THEN
        RAISE EXCEPTION 'violation amount must not exceed the amount covered by audit'
            USING ERRCODE = '22023',
                  DETAIL = format('%s: violations_amount = %s, audited_amount = %s.', context,
                                  NEW.violations_amount, NEW.audited_amount),
                  HINT = 'LEB absence of violations, docs/methodology.md §3.3: V <= B.';
    END IF;
    IF NEW.audited AND (NEW.violations_amount IS NULL OR NEW.audited_amount IS NULL) THEN
        RAISE EXCEPTION 'violation and audited amounts missing for an audited body'
            USING ERRCODE = '22023', DETAIL = context || ': audited = true.',
                  HINT = 'LEB absence of violations, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2.';
    END IF;
    IF NEW.direct_results_achieved > NEW.direct_results_total THEN
        RAISE EXCEPTION 'achieved direct results must not exceed the total'
            USING ERRCODE = '22023',
                  DETAIL = format('%s: direct_results_achieved = %s, direct_results_total = %s.', context,
                                  NEW.direct_results_achieved, NEW.direct_results_total),
                  HINT = 'LEB direct results, docs/methodology.md §3.3 and §3.6: achieved <= total.';
    END IF;
    IF (NEW.direct_results_achieved IS NULL) <> (NEW.direct_results_total IS NULL) THEN
        RAISE EXCEPTION 'direct results need both achieved and total'
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = 'LEB direct results, docs/methodology.md §3.3.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_assessment_valid BEFORE INSERT OR UPDATE ON perf_eval.budget_assessment
FOR EACH ROW EXECUTE FUNCTION perf_eval.budget_assessment_valid();

-- -------------------------------------------------------------------------
-- Loading target indicators with a validation report: \copy into the
-- staging table (all text), read the report, accept when it is empty
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.target_indicator_staging (
    line_no          bigint GENERATED ALWAYS AS IDENTITY,
    body             text,
    year             text,
    goal_code        text,
    goal_title       text,
    indicator_code   text,
    indicator_title  text,
    unit             text,
    direction        text,
    plan             text,
    plan_original    text,
    fact             text,
    fact_previous    text,
    fact_published   text,
    indicator_level  text,
    source           text
);
COMMENT ON COLUMN perf_eval.target_indicator_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.target_indicator_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.goal_code IS 'Code of the goal, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.goal_title IS 'Title of the goal, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.indicator_code IS 'Code of the target indicator, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.indicator_title IS 'Title of the target indicator, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.unit IS 'Unit of plan and fact, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.direction IS 'increase | decrease, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.plan IS 'Final plan, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.plan_original IS 'First approved plan, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.fact IS 'Fact, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.fact_previous IS 'Fact of the previous year, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.fact_published IS 'Whether the fact was published (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.indicator_level IS 'national | regional, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.source IS 'Where the values come from, as loaded';
COMMENT ON TABLE perf_eval.target_indicator_staging IS
'Landing table for \copy of target indicators, one row per indicator with its goal: every column is text so no row is rejected by COPY; perf_eval.target_indicator_report() lists every bad row, perf_eval.accept_target_indicators() loads a clean file';

-- Goals are created or retitled from the staged rows before their indicators move.
CREATE PROCEDURE perf_eval.target_indicator_goals_move()
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    INSERT INTO perf_eval.goal AS g (body, year, goal_code, title)
    SELECT DISTINCT ON (trim(s.body), trim(s.year), trim(s.goal_code))
           trim(s.body), trim(s.year)::integer, trim(s.goal_code), s.goal_title
    FROM perf_eval.target_indicator_staging AS s
    ORDER BY trim(s.body), trim(s.year), trim(s.goal_code), (s.goal_title IS NULL), s.line_no
    ON CONFLICT (body, year, goal_code) DO UPDATE
        SET title = coalesce(EXCLUDED.title, g.title), loaded_by = current_user, loaded_at = now();
END
$$;
COMMENT ON PROCEDURE perf_eval.target_indicator_goals_move() IS
'Creates the goals of the staged target indicators or retitles them (a staged title, else the loaded one); run by perf_eval.import_accept before the indicators move';

-- The import machinery (27_import.sql) checks the file; a body-year in it
-- replaces the indicators loaded for it before.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules, before_move) VALUES
('target_indicator', 'target_indicator_report', 'target_indicator_staging has %s problems',
 'perf_eval.target_indicator_rules', 'perf_eval.target_indicator_goals_move');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns, replaces_body_year,
                                      duplicate_reason) VALUES
('target_indicator_staging', 'target_indicator', 1, 'target_indicator', '{body,year,indicator_code}', true,
 'duplicate indicator: same as line %s');
INSERT INTO perf_eval.import_field (staging, field, kind, required, missing_reason, target_column, default_value) VALUES
('target_indicator_staging', 'goal_code', 'code', true, 'goal code missing', NULL, NULL),
('target_indicator_staging', 'indicator_code', 'code', true, 'indicator code missing', NULL, NULL),
('target_indicator_staging', 'indicator_title', 'text', false, NULL, 'title', NULL),
('target_indicator_staging', 'unit', 'text', false, NULL, NULL, NULL),
('target_indicator_staging', 'direction', 'word', false, NULL, NULL, NULL),
('target_indicator_staging', 'plan', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'plan_original', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'fact', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'fact_previous', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'fact_published', 'boolean', false, NULL, NULL, NULL),
('target_indicator_staging', 'indicator_level', 'word', false, NULL, NULL, 'national'),
('target_indicator_staging', 'source', 'text', false, NULL, NULL, NULL);

-- A staged indicator: a known level, and the rules of the table's trigger on the values that parsed.
CREATE FUNCTION perf_eval.target_indicator_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'target_indicator_staging', s.line_no, 'indicator_level',
           format('unknown level "%s" (known: national, regional)', s.indicator_level)
    FROM perf_eval.target_indicator_staging AS s
    WHERE lower(nullif(trim(s.indicator_level), '')) NOT IN ('national', 'regional')
    UNION ALL
    SELECT 'target_indicator_staging', s.line_no, pr.field, pr.message
    FROM perf_eval.target_indicator_staging AS s
    CROSS JOIN LATERAL perf_eval.target_indicator_problems(
        lower(nullif(trim(s.direction), '')), perf_eval.numeric_or_null(s.plan),
        perf_eval.numeric_or_null(s.plan_original), perf_eval.numeric_or_null(s.fact),
        perf_eval.numeric_or_null(s.fact_previous), perf_eval.boolean_or_null(s.fact_published)) AS pr
    -- a value that is there but did not parse is reported by its field's kind, not as missing
    WHERE NOT (pr.message LIKE '%missing%'
               AND nullif(trim(CASE pr.field WHEN 'plan' THEN s.plan WHEN 'fact' THEN s.fact
                                             WHEN 'fact_published' THEN s.fact_published END), '') IS NOT NULL)
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_rules() IS
'The rules of a staged target indicator (known level; direction, non-negative values, fact while published, as the table''s trigger) for perf_eval.import_report (docs/methodology.md §3.6)';

CREATE FUNCTION perf_eval.target_indicator_report()
RETURNS TABLE (line bigint, body text, year text, indicator text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.line, p.body, p.year, s.indicator_code, p.field, p.reason, p.staging_id
    FROM perf_eval.import_report('target_indicator') AS p
    JOIN perf_eval.target_indicator_staging AS s ON s.line_no = p.staging_id
    ORDER BY p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_report() IS
'Every bad row of target_indicator_staging (line = the row''s position in the loaded file) with field and reason: unknown body, bad year, missing codes, non-numbers, unknown direction or level, negative values, fact missing while published, duplicate indicator (docs/methodology.md §3.6); empty when the file can be accepted';

CREATE FUNCTION perf_eval.accept_target_indicators()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('target_indicator', accepted); RETURN accepted; END $$;
COMMENT ON FUNCTION perf_eval.accept_target_indicators() IS
'Moves target_indicator_staging into goal and target_indicator only if the report is empty: each body-year in the file replaces its indicators, goals are created or retitled; returns the indicators accepted';

-- -------------------------------------------------------------------------
-- Results per indicator and per goal, computed from the inputs under a
-- methodology (the node computer and analysts use the same functions)
-- -------------------------------------------------------------------------

-- The assessed indicators, in PL/pgSQL so that its plan is kept for the
-- session: the goals node computer reads them several times per body and
-- sample, and a SQL function is planned again at every call.
CREATE FUNCTION perf_eval.assessed_target_indicators(y integer, m text, b text)
RETURNS TABLE (body text, goal_code text, indicator_code text, title text, unit text, direction text,
               plan numeric, plan_original numeric, fact numeric, fact_previous numeric, fact_published boolean,
               indicator_level text, eligible boolean, ratio numeric, result numeric, status text,
               overfulfilled boolean, plan_lowered boolean, no_dynamics boolean, reason text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- MATERIALIZED, and the kernel in FROM: the parameters are resolved once
    -- per call and the kernel runs once per indicator (an inlined CTE and a
    -- composite in the target list re-evaluate them for every column read).
    RETURN QUERY
    WITH version AS (SELECT perf_eval.resolve_methodology(m) AS name),
    k AS MATERIALIZED (
        SELECT perf_eval.param_numeric(version.name, 'goals.overfulfil_threshold') AS threshold,
               perf_eval.param_numeric(version.name, 'goals.overfulfil_multiplier') AS overfulfil_multiplier,
               perf_eval.param_boolean(version.name, 'goals.overfulfil_exempt_decrease') AS exempt_decrease,
               perf_eval.param_numeric(version.name, 'goals.achievement_cap') AS cap,
               perf_eval.param_numeric(version.name, 'goals.plan_lowered_multiplier') AS plan_lowered_multiplier,
               perf_eval.param_numeric(version.name, 'goals.no_dynamics_multiplier') AS no_dynamics_multiplier
        FROM version
    )
    SELECT t.body, t.goal_code, t.indicator_code, t.title, t.unit, t.direction, t.plan, t.plan_original,
           t.fact, t.fact_previous, t.fact_published, t.indicator_level,
           a.eligible, a.ratio, a.result, a.status,
           a.overfulfilled, a.plan_lowered, a.no_dynamics, a.reason
    FROM perf_eval.target_indicator AS t
    CROSS JOIN k
    CROSS JOIN LATERAL perf_eval.goal_indicator_assessment(
                            t.direction, t.plan, t.fact, t.plan_original, t.fact_previous, t.fact_published,
                            k.threshold, k.overfulfil_multiplier, k.exempt_decrease, k.cap,
                            k.plan_lowered_multiplier, k.no_dynamics_multiplier) AS a
    WHERE t.year = y AND (b IS NULL OR t.body = b)
    ORDER BY t.body, t.goal_code, t.indicator_code;
END
$$;
COMMENT ON FUNCTION perf_eval.assessed_target_indicators(integer, text, text) IS
'The target indicators of a year (of one body, or every body if b is NULL) assessed under a methodology (NULL: the default): perf_eval.target_indicator_results, which reads it (docs/methodology.md §3.1)';

CREATE FUNCTION perf_eval.target_indicator_results(year integer, methodology text DEFAULT NULL, body text DEFAULT NULL)
RETURNS TABLE (body text, goal_code text, indicator_code text, title text, unit text, direction text,
               plan numeric, plan_original numeric, fact numeric, fact_previous numeric, fact_published boolean,
               indicator_level text, eligible boolean, ratio numeric, result numeric, status text,
               overfulfilled boolean, plan_lowered boolean, no_dynamics boolean, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM perf_eval.assessed_target_indicators($1, $2, $3)
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_results(integer, text, text) IS
'Every target indicator of a year (optionally one body) assessed under a methodology: eligibility, ratio, result, status, correction flags and the reason it is not taken into account (docs/methodology.md §3.1)';

-- Goal status from its tally (METHODOLOGY §3.2): counted = achieved + partial + not_achieved.
-- "not_achieved if none is" is read as none achieved even partially (every counted TI
-- has r = 0), the goal-level twin of the TI statuses; a goal of partly achieved TIs is partial.
CREATE FUNCTION perf_eval.goal_status(tally perf_eval.indicator_tally)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN t.achieved + t.partial + t.not_achieved = 0 THEN 'not_counted'
        WHEN t.achieved = t.achieved + t.partial + t.not_achieved THEN 'achieved'
        WHEN t.achieved + t.partial = 0 THEN 'not_achieved'
        ELSE 'partial'
    END
    FROM perf_eval.checked_tally($1) AS t
$$;
COMMENT ON FUNCTION perf_eval.goal_status(perf_eval.indicator_tally) IS
'Status of a goal from its indicator tally: achieved if every counted TI is achieved, not_achieved if no counted TI is achieved even partly, not_counted if no TI is counted, else partial; the tally is checked by checked_tally: a negative count 22003, statuses not adding up to indicators 22023 (docs/methodology.md §3.2, §3.6)';

-- The goals with their results, in PL/pgSQL for the reason given at
-- assessed_target_indicators.
CREATE FUNCTION perf_eval.assessed_goals(y integer, m text, b text)
RETURNS TABLE (body text, goal_code text, title text, coefficient numeric, status text,
               achieved_with_corrections boolean, tally perf_eval.indicator_tally, programme_link numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH r AS (SELECT * FROM perf_eval.assessed_target_indicators(y, m, b)),
    per_goal AS (
        SELECT r.body, r.goal_code,
               perf_eval.goal_coefficient_agg(r.result) AS coefficient,
               perf_eval.indicator_status_tally_agg(r.status, r.overfulfilled, r.plan_lowered, r.no_dynamics) AS tally
        FROM r GROUP BY r.body, r.goal_code
    )
    SELECT g.body, g.goal_code, g.title, pg.coefficient,
           perf_eval.goal_status(coalesce(pg.tally, ROW(0, 0, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally)),
           -- "fully achieved taking into account the corrective parameters" (seed 000 line 438)
           coalesce(perf_eval.goal_status(pg.tally) = 'achieved'
                    AND (pg.tally).overfulfilled + (pg.tally).plan_lowered + (pg.tally).no_dynamics = 0, false),
           coalesce(pg.tally, ROW(0, 0, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally),
           l.coefficient
    FROM perf_eval.goal AS g
    LEFT JOIN per_goal AS pg ON pg.body = g.body AND pg.goal_code = g.goal_code
    LEFT JOIN perf_eval.goal_programme_link AS l ON l.body = g.body AND l.year = g.year AND l.goal_code = g.goal_code
    WHERE g.year = y AND (b IS NULL OR g.body = b)
    ORDER BY g.body, g.goal_code;
END
$$;
COMMENT ON FUNCTION perf_eval.assessed_goals(integer, text, text) IS
'The goals of a year (of one body, or every body if b is NULL) under a methodology with their coefficients, statuses, tallies and goal-BP links: perf_eval.goal_results, which reads it (docs/methodology.md §3.2)';

CREATE FUNCTION perf_eval.goal_results(year integer, methodology text DEFAULT NULL, body text DEFAULT NULL)
RETURNS TABLE (body text, goal_code text, title text, coefficient numeric, status text,
               achieved_with_corrections boolean, tally perf_eval.indicator_tally, programme_link numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM perf_eval.assessed_goals($1, $2, $3)
$$;
COMMENT ON FUNCTION perf_eval.goal_results(integer, text, text) IS
'Every goal of a year (optionally one body) under a methodology: coefficient (goal_coefficient_agg of its TI results; NULL if none counted), status, whether it is achieved with no correction applied, the indicator tally and the goal-BP link coefficient (docs/methodology.md §3.2, APA 2020 report §1.2)';

-- -------------------------------------------------------------------------
-- The goals node computer (METHODOLOGY §3.2-§3.5)
-- -------------------------------------------------------------------------

-- A supplied score of a criterion (a version-specific one over one for every version).
CREATE FUNCTION perf_eval.goals_supplied_value(body text, year integer, node text, methodology text)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.value FROM perf_eval.supplied_score AS s
    WHERE s.body = $1 AND s.year = $2 AND s.node = $3 AND (s.methodology = $4 OR s.methodology IS NULL)
    ORDER BY s.methodology NULLS LAST
    LIMIT 1
$$;
COMMENT ON FUNCTION perf_eval.goals_supplied_value(text, integer, text, text) IS
'The supplied score of a node of a body and year under a methodology, as the engine picks it (version-specific first); NULL if none (docs/methodology.md §1.2)';

-- One parameter as the explanation object {key, value, provenance, source, assumed}.
CREATE FUNCTION perf_eval.goals_param_object(methodology text, key text)
RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- PL/pgSQL for the reason given at param_explanation.
    RETURN (SELECT jsonb_build_object('key', p.key, 'value', p.value, 'provenance', p.provenance, 'source', p.source,
                                      'assumed', p.provenance = 'assumed')
            FROM perf_eval.methodology_param AS p
            WHERE p.methodology = goals_param_object.methodology AND p.key = goals_param_object.key);
END
$$;
COMMENT ON FUNCTION perf_eval.goals_param_object(text, text) IS
'One parameter of a methodology as the explanation object {key, value, provenance, source, assumed} (docs/methodology.md §0.5, §9.4)';

-- The corrections applied to the target indicators of one body, each with the
-- parameter (and its provenance) that made it (METHODOLOGY §3.1 step 3).
CREATE FUNCTION perf_eval.goals_strategic_corrections(body text, year integer, methodology text)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The parameters are read once per call and the texts built only for the
    -- corrections that apply (most indicators have none).
    WITH k AS MATERIALIZED (
        SELECT perf_eval.param_text($3, 'goals.overfulfil_threshold') AS threshold,
               perf_eval.param_boolean($3, 'goals.overfulfil_exempt_decrease') AS exempt_decrease
    ),
    applied AS (
        SELECT r.*, cr.ord, cr.correction, cr.key, cr.test_key
        FROM perf_eval.assessed_target_indicators($2, $3, $1) AS r
        CROSS JOIN k
        CROSS JOIN LATERAL (VALUES
            (1, 'overfulfilled', r.overfulfilled, 'goals.overfulfil_multiplier', 'goals.overfulfil_threshold'),
            (2, 'plan_lowered', r.plan_lowered, 'goals.plan_lowered_multiplier', NULL),
            (3, 'no_dynamics', r.no_dynamics, 'goals.no_dynamics_multiplier', NULL),
            -- kz2020_apa: an overfulfilled decrease-is-good indicator is not corrected (seed 000 line 847);
            -- the multiplier 0 probes r >= threshold exactly.
            (4, 'overfulfilment_exempted',
             r.eligible AND r.result IS NOT NULL AND r.direction = 'decrease' AND NOT r.overfulfilled
                 AND k.exempt_decrease
                 AND perf_eval.goal_overfulfilment_multiplier(r.direction, r.plan, r.fact, k.threshold::numeric, 0, false) = 0,
             'goals.overfulfil_exempt_decrease', 'goals.overfulfil_threshold')
        ) AS cr(ord, correction, applies, key, test_key)
        WHERE cr.applies
    )
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'goal', a.goal_code, 'indicator', a.indicator_code, 'title', a.title,
               'correction', a.correction,
               'condition', CASE a.correction
                   WHEN 'overfulfilled' THEN
                       CASE WHEN a.ratio IS NULL THEN 'decrease-is-good fact 0: best possible, counted as overfulfilled'
                            ELSE format('r = %s >= %s', trim_scale(round(a.ratio, 6)), k.threshold) END
                   WHEN 'plan_lowered' THEN
                       format('plan %s %s originally approved %s (%s is better)', a.plan,
                              CASE a.direction WHEN 'increase' THEN '<' ELSE '>' END, a.plan_original, a.direction)
                   WHEN 'no_dynamics' THEN
                       format('fact %s %s last year''s %s (%s is better)', a.fact,
                              CASE a.direction WHEN 'increase' THEN '<=' ELSE '>=' END, a.fact_previous, a.direction)
                   ELSE 'decrease-is-good indicator overfulfilled: exempt from the overfulfilment factor' END,
               'factor', CASE WHEN a.correction = 'overfulfilment_exempted' THEN 1
                              ELSE perf_eval.param_numeric($3, a.key) END,
               'parameter', perf_eval.goals_param_object($3, a.key),
               'test_parameter', perf_eval.goals_param_object($3, a.test_key))
               ORDER BY a.goal_code, a.indicator_code, a.ord), '[]')
    FROM applied AS a CROSS JOIN k
$$;
COMMENT ON FUNCTION perf_eval.goals_strategic_corrections(text, integer, text) IS
'Every correction applied to the target indicators of a body in a year under a methodology, with the parameter and the test parameter (and their provenance) that made it (docs/methodology.md §3.1)';

-- S = pts_strategic x the mean of goal coefficients (or of every eligible TI
-- result for the basis indicators), one exact fraction (goals_mean_of_means).
CREATE FUNCTION perf_eval.goals_strategic_node(body text, year integer, methodology text, kind text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := body;
    y integer := year;
    v text := methodology;
    k text := lower(kind);
    basis text := perf_eval.param_text(v, 'goals.' || k || '.strategic_basis');
    pts numeric := perf_eval.param_numeric(v, 'goals.' || k || '.pts_strategic');
    sums numeric[];
    counts bigint[];
    raw numeric;
    ti record;
    g record;
BEGIN
    -- One pass over the indicator results: the tally, the explanation's lists
    -- and the groups averaged (each goal with counted TIs for basis goals,
    -- else every TI as one group).
    WITH r AS MATERIALIZED (SELECT * FROM perf_eval.assessed_target_indicators(y, v, b)),
    goal_groups AS (
        SELECT r.goal_code, sum(r.result) AS s, count(r.result) AS n
        FROM r GROUP BY r.goal_code HAVING count(r.result) > 0
    )
    SELECT to_jsonb(perf_eval.indicator_status_tally_agg(r.status, r.overfulfilled, r.plan_lowered, r.no_dynamics)) AS tally,
           count(*) AS n,
           jsonb_agg(jsonb_build_object(
               'goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title, 'level', r.indicator_level,
               'direction', r.direction, 'plan', r.plan, 'plan_original', r.plan_original, 'fact', r.fact,
               'fact_previous', r.fact_previous, 'published', r.fact_published, 'ratio', r.ratio,
               'result', r.result, 'status', r.status, 'reason', r.reason,
               'overfulfilled', r.overfulfilled, 'plan_lowered', r.plan_lowered, 'no_dynamics', r.no_dynamics)
               ORDER BY r.goal_code, r.indicator_code) AS results,
           jsonb_agg(jsonb_build_object('goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title,
                                        'reason', r.reason)
                     ORDER BY r.goal_code, r.indicator_code) FILTER (WHERE r.result IS NULL) AS excluded,
           CASE WHEN basis = 'goals' THEN (SELECT coalesce(array_agg(q.s ORDER BY q.goal_code), '{}') FROM goal_groups AS q)
                ELSE ARRAY[coalesce(sum(r.result), 0)] END AS sums,
           CASE WHEN basis = 'goals' THEN (SELECT coalesce(array_agg(q.n ORDER BY q.goal_code), '{}') FROM goal_groups AS q)
                ELSE ARRAY[count(r.result)] END AS counts
    INTO ti
    FROM r;
    sums := ti.sums;
    counts := ti.counts;

    SELECT count(*) AS goals, count(x.coefficient) AS counted, count(*) FILTER (WHERE x.status = 'achieved') AS achieved,
           count(*) FILTER (WHERE x.achieved_with_corrections) AS achieved_corrected,
           jsonb_agg(jsonb_build_object('goal', x.goal_code, 'title', x.title, 'coefficient', x.coefficient,
                                        'status', x.status, 'achieved_with_corrections', x.achieved_with_corrections,
                                        'tally', to_jsonb(x.tally)) ORDER BY x.goal_code) AS items
    INTO g
    FROM perf_eval.assessed_goals(y, v, b) AS x;

    raw := perf_eval.goals_mean_of_means(pts, sums, counts);
    RETURN ROW(b, 'goals.strategic', raw,
        CASE WHEN raw IS NOT NULL THEN NULL
             WHEN g.goals = 0 AND ti.n = 0 THEN 'no_data'
             ELSE 'no_eligible_indicators' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_strategic', 'text',
                CASE basis WHEN 'goals'
                     THEN 'pts_strategic · S; S = mean of goal coefficients; goal coefficient = mean of the results of its eligible TIs; result = min(r, cap) · factors'
                     ELSE 'pts_strategic · S; S = mean of the results of all eligible TIs of the body; result = min(r, cap) · factors' END),
            'clause', 'docs/methodology.md §3.1-§3.2, APA 2020 report §1.2',
            'inputs', jsonb_build_object(
                'basis', basis, 'strategic_coefficient', perf_eval.goals_mean_of_means(1, sums, counts),
                'points_maximum', pts,
                'goals', g.goals, 'goals_counted', g.counted, 'goals_achieved', g.achieved,
                'goals_achieved_with_corrections', g.achieved_corrected,
                'indicators', ti.tally,
                'goal_coefficients', coalesce(g.items, '[]'),
                'indicator_results', coalesce(ti.results, '[]')),
            'corrections', perf_eval.goals_strategic_corrections(b, y, v),
            'excluded', coalesce(ti.excluded, '[]'),
            'parameters', perf_eval.param_explanation(v, ARRAY[
                'goals.' || k || '.pts_strategic', 'goals.' || k || '.strategic_basis',
                'goals.overfulfil_threshold', 'goals.overfulfil_multiplier', 'goals.overfulfil_exempt_decrease',
                'goals.achievement_cap', 'goals.plan_lowered_multiplier', 'goals.no_dynamics_multiplier'])
        ))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_strategic_node(text, integer, text, text) IS
'The strategic component S of a body in a year under a methodology for its kind (CSB, LEB): pts_strategic x the mean of goal coefficients, or of every eligible TI result (strategic_basis), with every goal coefficient, indicator result, correction and excluded indicator in the explanation (docs/methodology.md §3.1-§3.2)';

-- E: BP execution efficiency, mean of min(A/D, cap); kz2020_apa splits current/development.
CREATE FUNCTION perf_eval.goals_bp_efficiency_node(body text, year integer, methodology text, kind text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    k text := lower(kind);
    split boolean := perf_eval.param_exists(v, 'goals.bp_split.w_current');
    maximum numeric := perf_eval.param_numeric(v, 'goals.' || k || '.pts_bp_efficiency');
    efficiency_cap numeric := perf_eval.param_numeric(v, 'goals.bp_efficiency_cap');
    bp record;
    e_value numeric;
    raw numeric;
    by_funds boolean := false;
    w_current numeric;
    w_development numeric;
BEGIN
    SELECT count(*) AS programmes, count(q.e) AS assessed, coalesce(sum(least(q.e, q.cap)), 0) AS sum_all,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current'), 0) AS sum_current,
           count(q.e) FILTER (WHERE q.programme_type = 'current') AS n_current,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development'), 0) AS sum_development,
           count(q.e) FILTER (WHERE q.programme_type = 'development') AS n_development,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current') AS mean_current,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development') AS mean_development,
           -- Funds of the assessed programmes per type; NULL if an assessed programme has none.
           CASE WHEN bool_and(q.funds IS NOT NULL) FILTER (WHERE q.e IS NOT NULL)
                THEN coalesce(sum(q.funds) FILTER (WHERE q.e IS NOT NULL AND q.programme_type = 'current'), 0) END AS funds_current,
           CASE WHEN bool_and(q.funds IS NOT NULL) FILTER (WHERE q.e IS NOT NULL)
                THEN coalesce(sum(q.funds) FILTER (WHERE q.e IS NOT NULL AND q.programme_type = 'development'), 0) END AS funds_development,
           jsonb_agg(jsonb_build_object('programme', q.programme_code, 'type', q.programme_type,
                                        'A', q.achievement, 'D', q.disbursement, 'E', q.e,
                                        'E_capped', least(q.e, q.cap), 'funds', q.funds) ORDER BY q.programme_code) AS items
    INTO bp
    FROM (SELECT p.*, perf_eval.budget_programme_efficiency(p.achievement, p.disbursement) AS e,
                 efficiency_cap AS cap
          FROM perf_eval.budget_programme AS p WHERE p.body = goals_bp_efficiency_node.body AND p.year = goals_bp_efficiency_node.year) AS q;
    IF split THEN
        -- By funds (seed 000 line 1071) where the version says so and both types have
        -- assessed programmes whose funds are all reported; else the fixed weights.
        by_funds := perf_eval.param_exists(v, 'goals.bp_split.basis')
                    AND perf_eval.param_text(v, 'goals.bp_split.basis') = 'funds'
                    AND bp.n_current > 0 AND bp.n_development > 0 AND bp.funds_current + bp.funds_development > 0;
        w_current := CASE WHEN by_funds THEN bp.funds_current ELSE perf_eval.param_numeric(v, 'goals.bp_split.w_current') END;
        w_development := CASE WHEN by_funds THEN bp.funds_development ELSE perf_eval.param_numeric(v, 'goals.bp_split.w_development') END;
        e_value := perf_eval.bp_efficiency_points(1, bp.sum_current, bp.n_current, bp.sum_development, bp.n_development,
                       w_current, w_development);
        raw := perf_eval.bp_efficiency_points(maximum, bp.sum_current, bp.n_current, bp.sum_development, bp.n_development,
                   w_current, w_development);
        IF by_funds THEN
            -- The funds are the weights: one division by their total, w = F / (F_current + F_development).
            e_value := e_value / (bp.funds_current + bp.funds_development);
            raw := raw / (bp.funds_current + bp.funds_development);
        END IF;
    ELSE
        e_value := perf_eval.goals_mean_of_means(1, ARRAY[bp.sum_all], ARRAY[bp.assessed]);
        raw := perf_eval.goals_mean_of_means(maximum, ARRAY[bp.sum_all], ARRAY[bp.assessed]);
    END IF;
    RETURN ROW(body, 'goals.budget.bp_efficiency', raw,
        CASE WHEN e_value IS NOT NULL THEN NULL WHEN bp.programmes = 0 THEN 'no_data' ELSE 'nothing_disbursed' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'bp_efficiency', 'text',
                CASE WHEN by_funds THEN 'pts · (F_current · mean_current(min(A/D, cap)) + F_development · mean_development(min(A/D, cap))) / (F_current + F_development), F = funds of the assessed programmes of the type'
                     WHEN split THEN 'pts · (w_current · mean_current(min(A/D, cap)) + w_development · mean_development(min(A/D, cap))); one group empty: the other alone'
                     ELSE 'pts · mean(min(A/D, cap)) over programmes with D > 0' END),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.4; chapter 1 recommendations',
            'inputs', jsonb_build_object('programmes', bp.programmes, 'assessed', bp.assessed,
                                         'mean_current', bp.mean_current,
                                         'mean_development', bp.mean_development, 'E', e_value,
                                         'weighted_by_funds', by_funds, 'funds_current', bp.funds_current,
                                         'funds_development', bp.funds_development,
                                         'budget_programmes', coalesce(bp.items, '[]')),
            'parameters', perf_eval.param_explanation(v, ARRAY['goals.' || k || '.pts_bp_efficiency',
                'goals.bp_efficiency_cap', 'goals.bp_split.w_current', 'goals.bp_split.w_development',
                'goals.bp_split.basis']),
            'maximum_for_kind', maximum))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_bp_efficiency_node(text, integer, text, text) IS
'The BP execution efficiency criterion E of a body in a year under a methodology for its kind: pts x the mean of min(A/D, cap) over the programmes with D > 0, split into current and development programmes where the version weights them, by their funds where goals.bp_split.basis is funds and every assessed programme reports them (docs/methodology.md §3.3)';

-- L (CSB): goal-BP link, pts x the mean of the expert coefficients per goal.
CREATE FUNCTION perf_eval.goals_goal_bp_link_node(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW($1, 'goals.budget.goal_bp_link',
        perf_eval.goals_mean_of_means(perf_eval.param_numeric($3, 'goals.csb.pts_goal_bp_link'),
                                      ARRAY[coalesce(sum(l.coefficient), 0)], ARRAY[count(l.coefficient)]),
        CASE WHEN count(l.coefficient) = 0 THEN 'no_data' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goal_bp_link', 'text', 'pts · mean(expert link coefficient per goal)'),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2',
            'inputs', jsonb_build_object('goals_assessed', count(*), 'mean', perf_eval.goal_coefficient_agg(l.coefficient),
                                         'coefficients', coalesce(jsonb_agg(jsonb_build_object('goal', l.goal_code,
                                                                                               'coefficient', l.coefficient)
                                                                            ORDER BY l.goal_code), '[]')),
            'parameters', perf_eval.param_explanation($3, ARRAY['goals.csb.pts_goal_bp_link']),
            'maximum_for_kind', perf_eval.param_numeric($3, 'goals.csb.pts_goal_bp_link')))::perf_eval.node_value
    FROM perf_eval.goal_programme_link AS l
    WHERE l.body = $1 AND l.year = $2
$$;
COMMENT ON FUNCTION perf_eval.goals_goal_bp_link_node(text, integer, text) IS
'The CSB goal-BP link criterion L of a body in a year under a methodology: pts x the mean of the expert coefficients of its goals (docs/methodology.md §3.3, APA 2020 report §1.2)';

-- C: Citizens Budget, pts · scale(c) (CSB) or bands(c) (LEB, from 2020).
CREATE FUNCTION perf_eval.goals_citizens_budget_node(body text, methodology text, kind text, compliance numeric)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- c is shown even where the version has no such criterion: finite, 0..100.
    PERFORM perf_eval.goals_check_range(compliance, 'citizens_budget_compliance', 0, 100, format('Body %s', body),
                                        'Citizens Budget, docs/methodology.md §3.3 and §3.6.');
    RETURN (SELECT ROW($1, 'goals.budget.citizens_budget', x.raw, CASE WHEN x.raw IS NULL THEN 'no_data' END,
        jsonb_build_object(
            'formula', CASE WHEN x.csb
                THEN jsonb_build_object('id', 'citizens_budget_csb', 'text', 'pts · scale(c), c = compliance in %')
                ELSE jsonb_build_object('id', 'citizens_budget_leb', 'text', 'bands(c), c = compliance in %') END,
            'clause', CASE WHEN x.csb THEN 'docs/methodology.md §3.3, APA 2020 report §1.5'
                           ELSE 'docs/methodology.md §3.3, §8 E10, APA 2020 report §1.2, Table 1.2' END,
            'inputs', jsonb_build_object('c', $4),
            'parameters', perf_eval.param_explanation(m.v, CASE WHEN x.csb
                THEN ARRAY['goals.csb.pts_citizens_budget', 'goals.csb.citizens_budget_scale']
                ELSE ARRAY['goals.leb.pts_citizens_budget', 'goals.leb.citizens_budget_bands'] END),
            'maximum_for_kind', x.maximum))::perf_eval.node_value
    FROM (SELECT perf_eval.resolve_methodology($2) AS v, lower($3) = 'csb' AS csb) AS r
    CROSS JOIN LATERAL (SELECT r.v, r.csb,
                               perf_eval.param_numeric(r.v, 'goals.' || lower($3) || '.pts_citizens_budget') AS maximum) AS m
    CROSS JOIN LATERAL (SELECT m.csb, m.maximum,
        CASE WHEN m.csb THEN perf_eval.csb_citizens_budget_points($4, m.maximum,
                                                                  perf_eval.param_text(m.v, 'goals.csb.citizens_budget_scale'))
             ELSE perf_eval.leb_citizens_budget_points($4, perf_eval.param_text(m.v, 'goals.leb.citizens_budget_bands')) END
        AS raw) AS x);
END
$$;
COMMENT ON FUNCTION perf_eval.goals_citizens_budget_node(text, text, text, numeric) IS
'The Citizens Budget criterion C of a body under a methodology for its kind from the compliance c in %: CSB pts x scale(c), LEB bands(c) (docs/methodology.md §3.3, §8 E10)';

-- V (LEB): absence of violations (max 10).
CREATE FUNCTION perf_eval.goals_violations_node(body text, methodology text, audited boolean, violations numeric,
                                                audited_amount numeric, ia_analysis boolean)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    raw numeric;
BEGIN
    -- V and B are shown even when the body was not audited: finite and >= 0.
    PERFORM perf_eval.goals_check_range(violations, 'violations_amount', 0, NULL, format('Body %s', body),
                                        'LEB absence of violations, docs/methodology.md §3.3 and §3.6.');
    PERFORM perf_eval.goals_check_range(audited_amount, 'audited_amount', 0, NULL, format('Body %s', body),
                                        'LEB absence of violations, docs/methodology.md §3.3 and §3.6.');
    raw := perf_eval.leb_violation_points(audited, violations, audited_amount, ia_analysis,
               perf_eval.param_numeric(v, 'goals.leb.violations_clean'),
               perf_eval.param_numeric(v, 'goals.leb.violations_ia_analysis'),
               perf_eval.param_numeric(v, 'goals.leb.violations_not_audited'),
               perf_eval.param_text(v, 'goals.leb.violations_bands'));
    RETURN ROW(body, 'goals.budget.violations', raw, CASE WHEN raw IS NULL THEN 'no_data' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'leb_violations', 'text',
                '(not audited: 5 | audited, V = 0: 8 | else bands(100·V/B)) + 2 with an internal-audit analysis'),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2 (Table 1.2)',
            'inputs', jsonb_build_object('audited', audited, 'V', violations, 'B', audited_amount,
                                         'share_percent', CASE WHEN audited_amount > 0
                                             THEN trim_scale(round(100 * violations / audited_amount, 6)) END,
                                         'ia_analysis', ia_analysis),
            'parameters', perf_eval.param_explanation(v, ARRAY['goals.leb.pts_violations', 'goals.leb.violations_clean',
                'goals.leb.violations_ia_analysis', 'goals.leb.violations_not_audited', 'goals.leb.violations_bands']),
            'maximum_for_kind', perf_eval.param_numeric(v, 'goals.leb.pts_violations')))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_violations_node(text, text, boolean, numeric, numeric, boolean) IS
'The LEB absence-of-violations criterion V of a body under a methodology from its budget assessment: audited, violations V, audited amount B, internal-audit analysis (docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2)';

-- DR (LEB): direct results of development programmes.
CREATE FUNCTION perf_eval.goals_direct_results_node(body text, methodology text, achieved bigint, total bigint)
RETURNS perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW($1, 'goals.budget.direct_results', x.raw,
        CASE WHEN x.raw IS NOT NULL THEN NULL WHEN $4 = 0 THEN 'zero_volume' ELSE 'no_data' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'direct_results', 'text', 'pts · achieved / total'),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2',
            'inputs', jsonb_build_object('achieved', $3, 'total', $4),
            'parameters', perf_eval.param_explanation($2, ARRAY['goals.leb.pts_direct_results', 'policy.zero_volume']),
            'maximum_for_kind', m.maximum))::perf_eval.node_value
    FROM (SELECT perf_eval.param_numeric($2, 'goals.leb.pts_direct_results') AS maximum) AS m
    CROSS JOIN LATERAL (SELECT perf_eval.direct_results_points($3, $4, m.maximum,
                                   perf_eval.param_text($2, 'policy.zero_volume')) AS raw) AS x
$$;
COMMENT ON FUNCTION perf_eval.goals_direct_results_node(text, text, bigint, bigint) IS
'The LEB direct-results criterion DR of a body under a methodology: pts x achieved / total, total = 0 by the zero-volume policy (docs/methodology.md §3.3)';

-- k_PPB (LEB, from 2020): a factor of the budget component; not reported -> 1.
CREATE FUNCTION perf_eval.goals_ppb_node(body text, methodology text, share numeric)
RETURNS perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW($1, 'goals.budget.ppb',
        CASE WHEN $3 IS NULL THEN 1
             ELSE perf_eval.ppb_coefficient($3, perf_eval.param_text(perf_eval.resolve_methodology($2), 'goals.leb.ppb_bands')) END,
        NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'ppb_coefficient', 'text',
                'k_PPB = bands(p), p = % of the local budget distributed through the participatory budget; not reported: 1'),
            'clause', 'docs/methodology.md §3.3, §3.5, §8 E11, APA 2020 report §1.2, Table 1.2',
            'inputs', jsonb_build_object('p', $3, 'reported', $3 IS NOT NULL),
            'parameters', perf_eval.param_explanation(perf_eval.resolve_methodology($2),
                                                      ARRAY['goals.leb.ppb_bands', 'goals.leb.ppb_applies_to'])
        ))::perf_eval.node_value
$$;
COMMENT ON FUNCTION perf_eval.goals_ppb_node(text, text, numeric) IS
'The LEB participatory-budget coefficient k_PPB of a body under a methodology from the share p in % (NULL: not practised, 1); a factor of the budget component (docs/methodology.md §3.3, §3.5, §8 E11)';

-- P: sum of facts x goals.penalty.<kind>, plus the detected BP result overfulfilment (§3.4).
CREATE FUNCTION perf_eval.goals_penalties_node(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := body;
    y integer := year;
    v text := methodology;
    bp_threshold numeric := perf_eval.param_numeric(v, 'goals.bp_result_overfulfil_threshold');
    unknown record;
    items jsonb;
BEGIN
    SELECT e.kind, sum(e.count)::bigint AS facts INTO unknown
    FROM perf_eval.penalty_event AS e
    WHERE e.body = b AND e.year = y AND e.block = 'goals' AND NOT perf_eval.param_exists(v, 'goals.penalty.' || e.kind)
    GROUP BY e.kind ORDER BY e.kind LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown goals penalty kind "%"', unknown.kind
            USING ERRCODE = '22023',
                  DETAIL = format('%s penalty fact(s) of kind %s; methodology %s knows %s.',
                                  unknown.facts, unknown.kind, v,
                                  (SELECT string_agg(substr(p.key, 15), ', ' ORDER BY p.key)
                                   FROM perf_eval.methodology_param AS p
                                   WHERE p.methodology = v AND p.key LIKE 'goals.penalty.%')),
                  HINT = 'Penalties, docs/methodology.md §3.4: the kind is a goals.penalty.<kind> parameter of the version.';
    END IF;

    SELECT jsonb_agg(i.item ORDER BY i.ord, i.item ->> 'kind') INTO items FROM (
        SELECT 1 AS ord, jsonb_build_object(
                   'kind', e.kind, 'facts', sum(e.count)::bigint, 'points_each', perf_eval.param_numeric(v, 'goals.penalty.' || e.kind),
                   'points', perf_eval.goals_penalty_points(sum(e.count)::bigint, perf_eval.param_numeric(v, 'goals.penalty.' || e.kind)),
                   'source', 'penalty_event', 'note', string_agg(e.note, '; ' ORDER BY e.penalty_id),
                   'parameter', perf_eval.goals_param_object(v, 'goals.penalty.' || e.kind)) AS item
        FROM perf_eval.penalty_event AS e
        WHERE e.body = b AND e.year = y AND e.block = 'goals'
        GROUP BY e.kind
        UNION ALL
        -- BP result indicators with F > threshold x P (strict) are detected here.
        SELECT 2, jsonb_build_object(
                   'kind', 'bp_result_overfulfilment', 'facts', count(*),
                   'points_each', perf_eval.param_numeric(v, 'goals.penalty.bp_result_overfulfilment'),
                   'points', perf_eval.goals_penalty_points(count(*), perf_eval.param_numeric(v, 'goals.penalty.bp_result_overfulfilment')),
                   'source', 'detected: F > threshold · P',
                   'results', jsonb_agg(jsonb_build_object('programme', r.programme_code, 'result', r.result_code,
                                                           'plan', r.plan, 'fact', r.fact) ORDER BY r.programme_code, r.result_code),
                   'parameter', perf_eval.goals_param_object(v, 'goals.penalty.bp_result_overfulfilment'),
                   'test_parameter', perf_eval.goals_param_object(v, 'goals.bp_result_overfulfil_threshold'))
        FROM perf_eval.budget_programme_result AS r
        WHERE r.body = b AND r.year = y
          AND r.fact > bp_threshold * r.plan
        HAVING count(*) > 0
        UNION ALL
        -- Target indicators not taken into account (status not_counted), where the version
        -- penalises them (kz2020_apa; seed 000 lines 1003-1005): facts x points, at most the cap.
        SELECT 3, jsonb_build_object(
                   'kind', 'uncounted_ti', 'facts', count(*), 'points_each', u.each,
                   'points', least(perf_eval.goals_penalty_points(count(*), u.each), u.cap),
                   'cap', u.cap, 'source', 'detected: target indicator not taken into account',
                   'indicators', jsonb_agg(jsonb_build_object('goal', t.goal_code, 'indicator', t.indicator_code,
                                                              'reason', t.reason) ORDER BY t.goal_code, t.indicator_code),
                   'parameter', perf_eval.goals_param_object(v, u.key),
                   'cap_parameter', perf_eval.goals_param_object(v, 'goals.uncounted_ti_penalty_cap'))
        FROM (SELECT k.key, perf_eval.param_numeric(v, k.key) AS each,
                     perf_eval.param_numeric(v, 'goals.uncounted_ti_penalty_cap') AS cap
              FROM (SELECT 'goals.' || lower(bd.kind) || '.uncounted_ti_penalty' AS key
                    FROM perf_eval.body AS bd WHERE bd.code = b) AS k
              WHERE perf_eval.param_exists(v, k.key)
              OFFSET 0) AS u
        JOIN perf_eval.assessed_target_indicators(y, v, b) AS t ON t.status = 'not_counted'
        GROUP BY u.key, u.each, u.cap
    ) AS i;

    RETURN ROW(b, 'goals.penalties',
        coalesce((SELECT sum((x ->> 'points')::numeric) FROM jsonb_array_elements(items) AS x), 0), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_penalties', 'text',
                'P = Σ facts · goals.penalty.<kind>; no cap, the block is floored by policy.clamp'
                || CASE WHEN perf_eval.param_exists(v, 'goals.uncounted_ti_penalty_cap')
                        THEN '; + min(uncounted TIs · goals.{kind}.uncounted_ti_penalty, goals.uncounted_ti_penalty_cap)' ELSE '' END),
            'clause', 'docs/methodology.md §3.4, APA 2020 report §1.5',
            'inputs', jsonb_build_object('penalties', coalesce(items, '[]')),
            'parameters', perf_eval.param_explanation(v, ARRAY(
                SELECT p.key FROM perf_eval.methodology_param AS p
                WHERE p.methodology = v AND (p.key LIKE 'goals.penalty.%' OR p.key ~ '^goals\.([a-z]+\.)?uncounted_ti_penalty')))
        ))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_penalties_node(text, integer, text) IS
'The goals penalties P of a body in a year under a methodology: Σ facts x goals.penalty.<kind> over its penalty events, plus the BP result overfulfilment detected from F > threshold x P, plus, where the version has goals.{kind}.uncounted_ti_penalty, its points per target indicator not taken into account up to goals.uncounted_ti_penalty_cap; an unknown kind is 22023 (docs/methodology.md §3.4, §2.9)';

CREATE FUNCTION perf_eval.goal_nodes(body text, year integer, methodology text DEFAULT NULL)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Raw values of the goals nodes of one body (METHODOLOGY §3), each from its
-- own function:
--   goals.strategic  = pts_strategic x S   (goals_strategic_node)
--   goals.budget.*   = the criteria of §3.3: CSB bp_efficiency, goal_bp_link,
--                      citizens_budget; LEB violations, direct_results,
--                      bp_efficiency, citizens_budget [kz2020+], the factor
--                      ppb [kz2020+]
--   goals.penalties  = sum of facts x goals.penalty.<kind> (goals_penalties_node)
-- goals.budget itself is not computed here: it is a sum node of the tree, and
-- the engine rolls it up from the criteria as it stores them (supplied ones
-- override computed ones, each clamped with its maximum for the body's kind,
-- the max_key of the criterion with {kind}): B = E + L + C (CSB) |
-- k_PPB x (V + DR + E + C) (LEB; ppb is a factor child). The engine also adds
-- the block G = S + B - P and applies policy.clamp with node.max (§3.5).
DECLARE
    b text := body;
    y integer := year;
    v text := perf_eval.resolve_methodology(methodology);
    k text;
    ba perf_eval.budget_assessment;
BEGIN
    SELECT lower(bd.kind) INTO k FROM perf_eval.body AS bd WHERE bd.code = b;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown body "%"', b USING ERRCODE = '22023', HINT = 'Bodies are listed in perf_eval.body.';
    END IF;
    SELECT * INTO ba FROM perf_eval.budget_assessment AS a WHERE a.body = b AND a.year = y;

    RETURN NEXT perf_eval.goals_strategic_node(b, y, v, k);
    RETURN NEXT perf_eval.goals_bp_efficiency_node(b, y, v, k);
    IF k = 'csb' THEN
        RETURN NEXT perf_eval.goals_goal_bp_link_node(b, y, v);
        RETURN NEXT perf_eval.goals_citizens_budget_node(b, v, k, ba.citizens_budget_compliance);
    ELSE
        RETURN NEXT perf_eval.goals_violations_node(b, v, ba.audited, ba.violations_amount, ba.audited_amount,
                                                      ba.ia_analysis);
        RETURN NEXT perf_eval.goals_direct_results_node(b, v, ba.direct_results_achieved, ba.direct_results_total);
        -- Criteria added in 2020: absent from kz2017.
        IF perf_eval.param_exists(v, 'goals.leb.citizens_budget_bands') THEN
            RETURN NEXT perf_eval.goals_citizens_budget_node(b, v, k, ba.citizens_budget_compliance);
        END IF;
        IF perf_eval.param_exists(v, 'goals.leb.ppb_bands') THEN
            RETURN NEXT perf_eval.goals_ppb_node(b, v, ba.participatory_budget_share);
        END IF;
    END IF;
    RETURN NEXT perf_eval.goals_penalties_node(b, y, v);
END
$$;
COMMENT ON FUNCTION perf_eval.goal_nodes(text, integer, text) IS
'Raw goals nodes of one body in a year under a methodology, with explanations: goals.strategic (every goal coefficient, every indicator result, the corrections with the parameters that made them, the excluded indicators), the budget criteria (the engine rolls goals.budget up from them), the penalties (docs/methodology.md §3.1-§3.5)';

CREATE FUNCTION perf_eval.goal_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Bodies with goals inputs (or supplied budget criteria) in the year, not exempt from the block.
    SELECT DISTINCT x.body FROM (
        SELECT g.body FROM perf_eval.goal AS g WHERE g.year = $1
        UNION SELECT p.body FROM perf_eval.budget_programme AS p WHERE p.year = $1
        UNION SELECT a.body FROM perf_eval.budget_assessment AS a WHERE a.year = $1
        UNION SELECT e.body FROM perf_eval.penalty_event AS e WHERE e.year = $1 AND e.block = 'goals'
        UNION SELECT s.body FROM perf_eval.supplied_score AS s
              WHERE s.year = $1 AND s.node LIKE 'goals.budget.%' AND (s.methodology = $2 OR s.methodology IS NULL)
    ) AS x
    WHERE perf_eval.scope_status(x.body, 'goals', $1) <> 'exempt'
    ORDER BY x.body
$$;
COMMENT ON FUNCTION perf_eval.goal_bodies(integer, text) IS
'Bodies the goals node computer (perf_eval.goal_nodes) computes in a year: those with goals inputs, goals penalty facts or supplied budget criteria, not exempt from the block (docs/methodology.md §3)';

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('goals', 'perf_eval.goal_nodes', 'Goals block: strategic component, budget criteria, penalties (docs/methodology.md §3)',
 'perf_eval.goal_bodies', 'goals block', 'Goals block, docs/methodology.md §3.');

-- -------------------------------------------------------------------------
-- The criteria of the budget component B (METHODOLOGY §1.1, §3.5); the block
-- and its directions S, B, P are in 50_score_nodes.sql
-- -------------------------------------------------------------------------

-- Criteria whose maximum depends on the body kind name it with {kind} (METHODOLOGY §2.3).
-- goals.budget sums the criteria present; ppb is a factor multiplying that sum.
INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key, title_en, symbol, role) VALUES
('goals.budget.bp_efficiency',   'goals.budget', 'goals', 'criterion', 1, 'computed', 1, NULL, 'goals.{kind}.pts_bp_efficiency',
 'Efficiency of budget programme execution (CSB max 15, LEB max 14)', 'E', 'term'),
('goals.budget.goal_bp_link',    'goals.budget', 'goals', 'criterion', 2, 'computed', 1, NULL, 'goals.csb.pts_goal_bp_link',
 'Relationship of strategic-plan goals with budget programmes (CSB)', 'L', 'term'),
('goals.budget.citizens_budget', 'goals.budget', 'goals', 'criterion', 3, 'computed', 1, NULL, 'goals.{kind}.pts_citizens_budget',
 'Quality and content of the Citizens Budget publication (CSB max 5, LEB max 2)', 'C', 'term'),
('goals.budget.violations',      'goals.budget', 'goals', 'criterion', 4, 'computed', 1, NULL, 'goals.leb.pts_violations',
 'Absence of violations in audits of development programmes (LEB)', 'V', 'term'),
('goals.budget.direct_results',  'goals.budget', 'goals', 'criterion', 5, 'computed', 1, NULL, 'goals.leb.pts_direct_results',
 'Direct results of budget development programmes (LEB)', 'DR', 'term'),
('goals.budget.ppb',             'goals.budget', 'goals', 'criterion', 6, 'computed', 1, NULL, 'node.max',
 'Participatory budget coefficient k_PPB (LEB, from 2020)', 'k_PPB', 'factor');

-- -------------------------------------------------------------------------
-- Inputs digest, pg_dump, privileges and row-level security
-- -------------------------------------------------------------------------

INSERT INTO perf_eval.input_relation VALUES
('perf_eval.goal', 'year'),
('perf_eval.target_indicator', 'year'),
('perf_eval.budget_programme', 'year'),
('perf_eval.budget_programme_result', 'year'),
('perf_eval.goal_programme_link', 'year'),
('perf_eval.budget_assessment', 'year');

SELECT pg_catalog.pg_extension_config_dump('perf_eval.goal', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.target_indicator', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.budget_programme', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.budget_programme_result', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.goal_programme_link', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.budget_assessment', '');

-- Readers read the inputs (under RLS); editors enter every body's goals
-- inputs; submitters only their own bodies' (RLS).
GRANT SELECT ON perf_eval.goal, perf_eval.target_indicator, perf_eval.budget_programme,
      perf_eval.budget_programme_result, perf_eval.goal_programme_link, perf_eval.budget_assessment
   TO perf_eval_reader;
-- Staged lines are raw rows of a load in progress, outside row-level
-- security: only those who load (editors) read them.
GRANT SELECT ON perf_eval.target_indicator_staging TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.target_indicator_staging_line_no_seq TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.goal, perf_eval.target_indicator, perf_eval.budget_programme,
      perf_eval.budget_programme_result, perf_eval.goal_programme_link, perf_eval.budget_assessment,
      perf_eval.target_indicator_staging
   TO perf_eval_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.goal, perf_eval.target_indicator, perf_eval.budget_programme,
      perf_eval.budget_programme_result, perf_eval.goal_programme_link, perf_eval.budget_assessment
   TO perf_eval_submitter;

DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['goal', 'target_indicator', 'budget_programme', 'budget_programme_result',
                                       'goal_programme_link', 'budget_assessment'] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor '
                       'USING (perf_eval.may_see_values(body, ''goals'', year)) '
                       'WITH CHECK (perf_eval.may_see_values(body, ''goals'', year))', input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader '
                       'USING (perf_eval.may_see_values(body, ''goals'', year))', input_table);
        EXECUTE format('CREATE POLICY submitter_own_body ON perf_eval.%I TO perf_eval_submitter
                        USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body))', input_table);
    END LOOP;
END
$$;
