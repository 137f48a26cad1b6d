-- =========================================================================
-- Section: organisational development inputs per body and year, with a
-- validation report (METHODOLOGY §5.2, §5.3, §5.5; seed 002 lines 145-185)
--
-- Two assessors, two tables (seed 002 lines 131-139): the civil-service
-- agency's personnel data (orgdev_hr_inputs, with month-end headcounts in
-- orgdev_headcount_month when the averages are not given) and the IT
-- authority's data (orgdev_it_inputs, one row per information system or
-- database in orgdev_information_system). Penalty facts of W (training
-- violations, unreliable, incomplete or untimely reporting) are rows of
-- perf_eval.penalty_event with block 'orgdev' and a kind of hr.penalty.<kind>.
-- =========================================================================

CREATE TABLE perf_eval.orgdev_hr_inputs (
    body                              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                              integer NOT NULL,
    -- K, C: net turnover t = (a1 + a2)/(b1 + b2) (seed 000 lines 3558-3568)
    left_management                   bigint NOT NULL CHECK (left_management >= 0),
    left_other                        bigint NOT NULL CHECK (left_other >= 0),
    average_management                numeric CHECK (average_management >= 0 AND average_management < 'Infinity'),
    average_other                     numeric CHECK (average_other >= 0 AND average_other < 'Infinity'),
    -- K: S, V, G, P (% of staff, seed 002 lines 69, 81, 117, 155, 159)
    long_tenure_percent               numeric NOT NULL CHECK (long_tenure_percent BETWEEN 0 AND 100),
    exit_interview_percent            numeric NOT NULL CHECK (exit_interview_percent BETWEEN 0 AND 100),
    women_leadership_percent          numeric NOT NULL CHECK (women_leadership_percent BETWEEN 0 AND 100),
    qualified_percent                 numeric NOT NULL CHECK (qualified_percent BETWEEN 0 AND 100),
    -- O: N, T, Y (seed 002 lines 75, 77, 93), U (seed 000 lines 3598-3622), bonuses
    overtime_free_percent             numeric NOT NULL CHECK (overtime_free_percent BETWEEN 0 AND 100),
    working_conditions_survey_percent numeric NOT NULL CHECK (working_conditions_survey_percent BETWEEN 0 AND 100),
    management_survey_percent         numeric NOT NULL CHECK (management_survey_percent BETWEEN 0 AND 100),
    advanced_training_due             bigint NOT NULL CHECK (advanced_training_due >= 0),
    advanced_training_done            bigint NOT NULL CHECK (advanced_training_done >= 0),
    retraining_due                    bigint NOT NULL CHECK (retraining_due >= 0),
    retraining_done                   bigint NOT NULL CHECK (retraining_done >= 0),
    hr_strategy_approved              boolean NOT NULL,
    ekyzmet_documents_per_servant     numeric NOT NULL
                                      CHECK (ekyzmet_documents_per_servant >= 0 AND ekyzmet_documents_per_servant < 'Infinity'),
    -- M: A-E (seed 002 lines 83, 85, 91, 103; survey appendix 9, line 185)
    observed_competitions_percent     numeric NOT NULL CHECK (observed_competitions_percent BETWEEN 0 AND 100),
    meritocracy_survey_percent        numeric NOT NULL CHECK (meritocracy_survey_percent BETWEEN 0 AND 100),
    internal_promotion_percent        numeric NOT NULL CHECK (internal_promotion_percent BETWEEN 0 AND 100),
    incentives_survey_percent         numeric NOT NULL CHECK (incentives_survey_percent BETWEEN 0 AND 100),
    ethics_survey_percent             numeric NOT NULL CHECK (ethics_survey_percent BETWEEN 0 AND 100),
    source                            text,
    loaded_by                         name NOT NULL DEFAULT current_user,
    loaded_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT averages_both_or_neither CHECK ((average_management IS NULL) = (average_other IS NULL)),
    CONSTRAINT average_headcount_positive CHECK (average_management + average_other > 0),
    CONSTRAINT advanced_training_done_within_due CHECK (advanced_training_done <= advanced_training_due),
    CONSTRAINT retraining_done_within_due CHECK (retraining_done <= retraining_due)
);
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.left_management IS 'Civil servants at management level who left the civil service in the year (a1, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.left_other IS 'Civil servants below management level who left the civil service in the year (a2, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.average_management IS 'Average headcount at management level (b1, persons); NULL: computed from orgdev_headcount_month';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.average_other IS 'Average headcount below management level (b2, persons); NULL: computed from orgdev_headcount_month';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.long_tenure_percent IS 'Staff with more than 3 years of service in the body, % (0..100; S)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.exit_interview_percent IS 'Leavers covered by exit interviews, % (0..100; V)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.women_leadership_percent IS 'Women in leadership positions, % (0..100; G)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.qualified_percent IS 'Staff meeting the qualification indicator P of personnel quality, % (0..100)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.overtime_free_percent IS 'Staff working without overtime, % (0..100; N)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.working_conditions_survey_percent IS 'Positive answers in the working-conditions survey, % (0..100; T)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.management_survey_percent IS 'Positive answers in the survey on management, % (0..100; Y)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.advanced_training_due IS 'Advanced-training courses due in the year (b, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.advanced_training_done IS 'Advanced-training courses done on time (a, count, <= due)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.retraining_due IS 'Retraining courses due in the year (d, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.retraining_done IS 'Retraining courses done on time (c, count, <= due)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.hr_strategy_approved IS 'True if an approved HR strategy exists (+2 points bonus)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.ekyzmet_documents_per_servant IS 'Documents processed automatically in E-kyzmet per civil servant (number per person)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.observed_competitions_percent IS 'Competitions held with observers, % (0..100; meritocracy A)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.meritocracy_survey_percent IS 'Positive answers in the meritocracy survey, % (0..100; B)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.internal_promotion_percent IS 'Vacancies filled by internal promotion, % (0..100; C)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.incentives_survey_percent IS 'Positive answers in the survey on incentives, % (0..100; D)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.ethics_survey_percent IS 'Positive answers in the survey on ethics and culture, % (0..100; E)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.orgdev_hr_inputs IS
'Personnel-management inputs per body and year (docs/methodology.md §5.2): leavers a1/a2 and average headcounts b1/b2 (NULL: from the 12 month-end counts in orgdev_headcount_month), % indicators of K, O and M (0..100), training due/done (a <= b, c <= d; each violation of training terms is a penalty_event of kind training_violation, into W), HR strategy, E-kyzmet documents per servant';

CREATE TABLE perf_eval.orgdev_headcount_month (
    body        text NOT NULL,
    year        integer NOT NULL,
    month       integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    management  bigint NOT NULL CHECK (management >= 0),
    other       bigint NOT NULL CHECK (other >= 0),
    PRIMARY KEY (body, year, month),
    FOREIGN KEY (body, year) REFERENCES perf_eval.orgdev_hr_inputs (body, year) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.month IS 'Month of the year, 1..12';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.management IS 'Month-end headcount of civil servants at management level (persons)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.other IS 'Month-end headcount of civil servants below management level (persons)';
COMMENT ON TABLE perf_eval.orgdev_headcount_month IS
'Month-end headcounts of administrative civil servants at management level (b1) and below (b2); the averages are the sums of the 12 months divided by 12 (APA 2020 report, chapter 3 recommendations), used when orgdev_hr_inputs gives no averages';

CREATE TABLE perf_eval.orgdev_it_inputs (
    body                            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                            integer NOT NULL,
    integrations_planned            bigint NOT NULL CHECK (integrations_planned >= 0),
    integrations_implemented        bigint NOT NULL CHECK (integrations_implemented >= 0),
    functions_subject               bigint NOT NULL CHECK (functions_subject >= 0),
    functions_non_automatable       bigint NOT NULL DEFAULT 0 CHECK (functions_non_automatable >= 0),
    functions_own_systems           bigint NOT NULL CHECK (functions_own_systems >= 0),
    functions_service_model         bigint NOT NULL CHECK (functions_service_model >= 0),
    functions_other_bodies_systems  bigint NOT NULL CHECK (functions_other_bodies_systems >= 0),
    functions_third_party           bigint NOT NULL CHECK (functions_third_party >= 0),
    has_it_unit                     boolean NOT NULL DEFAULT false,
    local_content_percent           numeric CHECK (local_content_percent BETWEEN 0 AND 100),
    source                          text,
    loaded_by                       name NOT NULL DEFAULT current_user,
    loaded_at                       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT implemented_within_planned CHECK (integrations_implemented <= integrations_planned),
    CONSTRAINT non_automatable_within_functions CHECK (functions_non_automatable <= functions_subject)
);
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.integrations_planned IS 'Integrations of information systems planned for the year (count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.integrations_implemented IS 'Integrations implemented (count, <= planned)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_subject IS 'Functions subject to automation, n (count; approved list, else the body''s regulation)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_non_automatable IS 'Functions that cannot be automated (count; subtracted from n under kz2020_apa)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_own_systems IS 'Functions automated by the body''s own systems (E1, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_service_model IS 'Functions automated under the service model (E2, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_other_bodies_systems IS 'Functions automated by other bodies'' systems (E3, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_third_party IS 'Functions automated by third parties (E4, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.has_it_unit IS 'True if the body has an IT unit (LEB bonus)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.local_content_percent IS 'Local content in IT procurement, % (0..100; recorded, 0 points)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.orgdev_it_inputs IS
'Use-of-IT inputs per body and year (docs/methodology.md §5.3): planned and implemented integrations, n functions subject to automation (approved list, else the regulation) with the non-automatable ones, E1-E4 functions automated by own systems, service model, other bodies'' systems, third parties (APA 2020 report §3.5), an IT unit (LEB bonus, Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3), the local-content share (Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2; paragraph 3, sub-paragraph 13)';

CREATE TABLE perf_eval.orgdev_information_system (
    body                  text NOT NULL,
    year                  integer NOT NULL,
    system_code           text NOT NULL CHECK (system_code <> ''),
    registered_on_portal  boolean NOT NULL,
    relevance_level       numeric NOT NULL CHECK (relevance_level BETWEEN 0 AND 1),
    unused                boolean NOT NULL DEFAULT false,
    PRIMARY KEY (body, year, system_code),
    FOREIGN KEY (body, year) REFERENCES perf_eval.orgdev_it_inputs (body, year) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.orgdev_information_system.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_information_system.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_information_system.system_code IS 'Code of the information system or database';
COMMENT ON COLUMN perf_eval.orgdev_information_system.registered_on_portal IS 'True if registered on the architecture portal with documentation';
COMMENT ON COLUMN perf_eval.orgdev_information_system.relevance_level IS 'Relevance level l of the system, 0..1';
COMMENT ON COLUMN perf_eval.orgdev_information_system.unused IS 'True if the system or database is not used (deduction)';
COMMENT ON TABLE perf_eval.orgdev_information_system IS
'Information systems and databases on the balance of a body and its subordinate organisations in a year: registered on the architecture portal with documentation, relevance level l in 0..1 (APA 2020 report §3.5), unused. No rows for a body-year with IT inputs means no systems (a certificate of absence, APA 2020 report §3.5)';

-- Inputs are user data: pg_dump keeps them; they make up a year's inputs digest.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_hr_inputs', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_headcount_month', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_it_inputs', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_information_system', '');
INSERT INTO perf_eval.input_relation VALUES
('perf_eval.orgdev_hr_inputs', 'year'),
('perf_eval.orgdev_headcount_month', 'year'),
('perf_eval.orgdev_it_inputs', 'year'),
('perf_eval.orgdev_information_system', 'year');

-- =========================================================================
-- Loading with a validation report: \copy each file into its staging table
-- (all text), read perf_eval.orgdev_inputs_report(), then
-- perf_eval.accept_orgdev_inputs() moves all four at once if it is empty.
-- =========================================================================

CREATE TABLE perf_eval.orgdev_hr_inputs_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, left_management text, left_other text, average_management text, average_other text,
    long_tenure_percent text, exit_interview_percent text, women_leadership_percent text, qualified_percent text,
    overtime_free_percent text, working_conditions_survey_percent text, management_survey_percent text,
    advanced_training_due text, advanced_training_done text, retraining_due text, retraining_done text,
    hr_strategy_approved text, ekyzmet_documents_per_servant text,
    observed_competitions_percent text, meritocracy_survey_percent text, internal_promotion_percent text,
    incentives_survey_percent text, ethics_survey_percent text, source text
);
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.left_management IS 'Leavers at management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.left_other IS 'Leavers below management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.average_management IS 'Average headcount at management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.average_other IS 'Average headcount below management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.long_tenure_percent IS '% with more than 3 years of service, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.exit_interview_percent IS '% of leavers with exit interviews, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.women_leadership_percent IS '% of women in leadership, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.qualified_percent IS '% qualified, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.overtime_free_percent IS '% working without overtime, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.working_conditions_survey_percent IS 'Working-conditions survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.management_survey_percent IS 'Management survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.advanced_training_due IS 'Advanced training due, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.advanced_training_done IS 'Advanced training done on time, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.retraining_due IS 'Retraining due, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.retraining_done IS 'Retraining done on time, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.hr_strategy_approved IS 'Approved HR strategy (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.ekyzmet_documents_per_servant IS 'E-kyzmet documents per servant, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.observed_competitions_percent IS '% of competitions with observers, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.meritocracy_survey_percent IS 'Meritocracy survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.internal_promotion_percent IS '% of vacancies filled internally, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.incentives_survey_percent IS 'Incentives survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.ethics_survey_percent IS 'Ethics survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.source IS 'Where the values come from, as loaded';
CREATE TABLE perf_eval.orgdev_headcount_month_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, month text, management text, other text
);
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.month IS 'Month 1..12, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.management IS 'Month-end headcount at management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.other IS 'Month-end headcount below management level, as loaded (text)';
CREATE TABLE perf_eval.orgdev_it_inputs_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, integrations_planned text, integrations_implemented text,
    functions_subject text, functions_non_automatable text, functions_own_systems text,
    functions_service_model text, functions_other_bodies_systems text, functions_third_party text,
    has_it_unit text, local_content_percent text, source text
);
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.integrations_planned IS 'Integrations planned, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.integrations_implemented IS 'Integrations implemented, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_subject IS 'Functions subject to automation, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_non_automatable IS 'Non-automatable functions, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_own_systems IS 'Functions automated by own systems, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_service_model IS 'Functions automated under the service model, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_other_bodies_systems IS 'Functions automated by other bodies'' systems, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_third_party IS 'Functions automated by third parties, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.has_it_unit IS 'IT unit (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.local_content_percent IS 'Local content %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.source IS 'Where the values come from, as loaded';
CREATE TABLE perf_eval.orgdev_information_system_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, system_code text, registered_on_portal text, relevance_level text, unused text
);
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.system_code IS 'Code of the information system, as loaded';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.registered_on_portal IS 'Registered on the portal (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.relevance_level IS 'Relevance level 0..1, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.unused IS 'Unused (true/false), as loaded (text)';
COMMENT ON TABLE perf_eval.orgdev_hr_inputs_staging IS
'Landing table for \copy of personnel inputs (columns of orgdev_hr_inputs, all text); perf_eval.orgdev_inputs_report() lists every bad row';
COMMENT ON TABLE perf_eval.orgdev_headcount_month_staging IS
'Landing table for \copy of month-end headcounts (body, year, month, management, other; all text)';
COMMENT ON TABLE perf_eval.orgdev_it_inputs_staging IS
'Landing table for \copy of use-of-IT inputs (columns of orgdev_it_inputs, all text)';
COMMENT ON TABLE perf_eval.orgdev_information_system_staging IS
'Landing table for \copy of information systems (body, year, system_code, registered_on_portal, relevance_level, unused; all text)';

-- The import machinery (27_import.sql) checks and moves the four files; a
-- staged body-year's list of systems replaces the loaded list.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules) VALUES
('orgdev', 'orgdev_inputs_report', 'orgdev staging tables have %s problems', 'perf_eval.orgdev_input_rules');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns, replaces_body_year) VALUES
('orgdev_hr_inputs_staging', 'orgdev', 1, 'orgdev_hr_inputs', '{body,year}', false),
('orgdev_headcount_month_staging', 'orgdev', 2, 'orgdev_headcount_month', '{body,year,month}', false),
('orgdev_it_inputs_staging', 'orgdev', 3, 'orgdev_it_inputs', '{body,year}', false),
('orgdev_information_system_staging', 'orgdev', 4, 'orgdev_information_system', '{body,year,system_code}', true);
INSERT INTO perf_eval.import_field (staging, field, kind, required, default_value) VALUES
('orgdev_hr_inputs_staging', 'left_management', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'left_other', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'average_management', 'nonnegative', false, NULL),
('orgdev_hr_inputs_staging', 'average_other', 'nonnegative', false, NULL),
('orgdev_hr_inputs_staging', 'long_tenure_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'exit_interview_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'women_leadership_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'qualified_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'overtime_free_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'working_conditions_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'management_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'advanced_training_due', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'advanced_training_done', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'retraining_due', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'retraining_done', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'hr_strategy_approved', 'boolean', true, NULL),
('orgdev_hr_inputs_staging', 'ekyzmet_documents_per_servant', 'nonnegative', true, NULL),
('orgdev_hr_inputs_staging', 'observed_competitions_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'meritocracy_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'internal_promotion_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'incentives_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'ethics_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'source', 'text', false, NULL),
('orgdev_headcount_month_staging', 'month', 'month', true, NULL),
('orgdev_headcount_month_staging', 'management', 'count', true, NULL),
('orgdev_headcount_month_staging', 'other', 'count', true, NULL),
('orgdev_it_inputs_staging', 'integrations_planned', 'count', true, NULL),
('orgdev_it_inputs_staging', 'integrations_implemented', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_subject', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_non_automatable', 'count', false, '0'),
('orgdev_it_inputs_staging', 'functions_own_systems', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_service_model', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_other_bodies_systems', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_third_party', 'count', true, NULL),
('orgdev_it_inputs_staging', 'has_it_unit', 'boolean', false, 'false'),
('orgdev_it_inputs_staging', 'local_content_percent', 'percent', false, NULL),
('orgdev_it_inputs_staging', 'source', 'text', false, NULL),
('orgdev_information_system_staging', 'system_code', 'code', true, NULL),
('orgdev_information_system_staging', 'registered_on_portal', 'boolean', true, NULL),
('orgdev_information_system_staging', 'relevance_level', 'fraction', true, NULL),
('orgdev_information_system_staging', 'unused', 'boolean', false, 'false');

-- Month-end counts of a body-year, staged or already loaded (a staged month replaces a loaded one).
CREATE FUNCTION perf_eval.orgdev_staged_month_counts()
RETURNS TABLE (body text, year text, months bigint, staff_months numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT x.body, x.year, count(*), sum(x.management) + sum(x.other)
    FROM (SELECT DISTINCT ON (m.body, m.year, m.month) m.body, m.year, m.month, m.management, m.other
          FROM (SELECT trim(ms.body) AS body, trim(ms.year) AS year, perf_eval.count_or_null(ms.month) AS month,
                       perf_eval.count_or_null(ms.management) AS management, perf_eval.count_or_null(ms.other) AS other,
                       0 AS priority
                FROM perf_eval.orgdev_headcount_month_staging AS ms
                UNION ALL
                SELECT l.body, l.year::text, l.month, l.management, l.other, 1
                FROM perf_eval.orgdev_headcount_month AS l) AS m
          WHERE m.month BETWEEN 1 AND 12
          ORDER BY m.body, m.year, m.month, m.priority) AS x
    GROUP BY x.body, x.year
$$;
COMMENT ON FUNCTION perf_eval.orgdev_staged_month_counts() IS
'Month-end headcounts per body and year, staged or loaded (a staged month replaces a loaded one): the number of months and the sum of both headcounts';

-- The rules between staged orgdev values (METHODOLOGY §5.5).
CREATE FUNCTION perf_eval.orgdev_input_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH hr AS (
        SELECT h.line_no, trim(h.body) AS body, trim(h.year) AS year,
               perf_eval.numeric_or_null(h.average_management) + perf_eval.numeric_or_null(h.average_other) AS b,
               nullif(trim(h.average_management), '') IS NULL AS b1_missing,
               nullif(trim(h.average_other), '') IS NULL AS b2_missing,
               perf_eval.count_or_null(h.advanced_training_due) AS due, perf_eval.count_or_null(h.advanced_training_done) AS done,
               perf_eval.count_or_null(h.retraining_due) AS re_due, perf_eval.count_or_null(h.retraining_done) AS re_done
        FROM perf_eval.orgdev_hr_inputs_staging AS h
    ),
    it AS (
        SELECT i.line_no,
               perf_eval.count_or_null(i.integrations_planned) AS planned,
               perf_eval.count_or_null(i.integrations_implemented) AS implemented,
               perf_eval.count_or_null(i.functions_subject) AS n,
               perf_eval.count_or_null(coalesce(nullif(trim(i.functions_non_automatable), ''), '0')) AS non_automatable,
               nullif(trim(i.local_content_percent), '') IS NULL AS local_content_missing,
               perf_eval.count_or_null(i.year) AS year_number
        FROM perf_eval.orgdev_it_inputs_staging AS i
    ),
    default_version AS (SELECT perf_eval.resolve_methodology(NULL) AS name)
    -- personnel: averages or 12 month-end counts, done <= due
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'average_management, average_other',
           'give both average headcounts or neither (then 12 month-end counts)'
    FROM hr AS t WHERE t.b1_missing <> t.b2_missing
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'average_management, average_other',
           'average headcounts b1 + b2 must be positive'
    FROM hr AS t WHERE t.b = 0
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'average_management, average_other',
           CASE WHEN mc.months IS NULL OR mc.months < 12
                THEN format('no average headcounts and %s of 12 month-end counts', coalesce(mc.months, 0))
                ELSE 'month-end headcounts must not all be 0' END
    FROM hr AS t
    LEFT JOIN perf_eval.orgdev_staged_month_counts() AS mc ON mc.body = t.body AND mc.year = t.year
    WHERE t.b1_missing AND t.b2_missing AND (mc.months IS NULL OR mc.months < 12 OR mc.staff_months = 0)
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'advanced_training_done',
           'advanced training done must not exceed advanced training due'
    FROM hr AS t WHERE t.done > t.due
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'retraining_done', 'retraining done must not exceed retraining due'
    FROM hr AS t WHERE t.re_done > t.re_due
    -- month-end headcounts and systems need their body-year's inputs, staged or loaded
    UNION ALL
    SELECT 'orgdev_headcount_month_staging', m.line_no, 'body, year',
           'no personnel inputs for this body and year (staged or loaded)'
    FROM perf_eval.orgdev_headcount_month_staging AS m
    WHERE NOT EXISTS (SELECT 1 FROM hr AS h WHERE h.body = trim(m.body) AND h.year = trim(m.year))
      AND NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_hr_inputs AS l
                      WHERE l.body = trim(m.body) AND l.year::text = trim(m.year))
    UNION ALL
    SELECT 'orgdev_information_system_staging', s.line_no, 'body, year',
           'no IT inputs for this body and year (staged or loaded)'
    FROM perf_eval.orgdev_information_system_staging AS s
    WHERE NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_it_inputs_staging AS i
                      WHERE trim(i.body) = trim(s.body) AND trim(i.year) = trim(s.year))
      AND NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_it_inputs AS l
                      WHERE l.body = trim(s.body) AND l.year::text = trim(s.year))
    -- information technology: implemented <= planned, non-automatable <= n, n > 0, local content
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'integrations_implemented',
           'implemented integrations must not exceed planned integrations'
    FROM it AS t WHERE t.implemented > t.planned
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'functions_non_automatable',
           'non-automatable functions must not exceed functions subject to automation'
    FROM it AS t WHERE t.non_automatable > t.n
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'functions_subject',
           CASE WHEN t.n = 0 THEN 'must be positive: automation is undefined without functions (n = 0)'
                ELSE 'every function is non-automatable: nothing is left when they are excluded (kz2020_apa)' END
    FROM it AS t WHERE t.n = 0 OR t.n = t.non_automatable
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'local_content_percent',
           format('missing: the local-content criterion applies from %s (%s)',
                  perf_eval.param_text(dv.name, 'it.local_content_from_year'), dv.name)
    FROM it AS t CROSS JOIN default_version AS dv
    WHERE t.local_content_missing AND perf_eval.param_exists(dv.name, 'it.local_content_from_year')
      AND t.year_number >= perf_eval.param_numeric(dv.name, 'it.local_content_from_year')
$$;
COMMENT ON FUNCTION perf_eval.orgdev_input_rules() IS
'The rules between staged orgdev values (averages or 12 month-end counts, done <= due, rows with their body-year, implemented <= planned, non-automatable <= n, n > 0, local content from 2020) for perf_eval.import_report (docs/methodology.md §5.5)';

CREATE FUNCTION perf_eval.orgdev_inputs_report()
RETURNS TABLE (staging text, line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.staging, p.line, p.body, p.year, p.field, p.reason, p.staging_id
    FROM perf_eval.import_report('orgdev') AS p
    ORDER BY p.staging, p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.orgdev_inputs_report() IS
'Every bad row of the four orgdev staging tables with its file (staging table), line, field and reason: unknown body, bad year, counts, percentages 0..100, levels 0..1, booleans, averages or 12 month-end counts, done <= due, implemented <= planned, non-automatable <= n, n > 0, local content from 2020, duplicates, rows without their body-year (docs/methodology.md §5.5); empty when they can be accepted';

CREATE FUNCTION perf_eval.accept_orgdev_inputs()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('orgdev', accepted); RETURN accepted; END $$;
COMMENT ON FUNCTION perf_eval.accept_orgdev_inputs() IS
'Moves the four orgdev staging tables into their tables (a staged body-year replaces a loaded one; a staged list of systems replaces the loaded list) only if perf_eval.orgdev_inputs_report() is empty; returns the rows accepted';

-- Readers read the inputs (under RLS); editors enter every body's inputs;
-- submitters only their own bodies' (row-level security).
GRANT SELECT ON perf_eval.orgdev_hr_inputs, perf_eval.orgdev_headcount_month, perf_eval.orgdev_it_inputs,
      perf_eval.orgdev_information_system
   TO perf_eval_reader;
-- Staged lines are raw rows of a load in progress, outside row-level
-- security: only those who load (editors) read them.
GRANT SELECT ON perf_eval.orgdev_hr_inputs_staging, perf_eval.orgdev_headcount_month_staging, perf_eval.orgdev_it_inputs_staging, perf_eval.orgdev_information_system_staging TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.orgdev_hr_inputs_staging_line_no_seq, perf_eval.orgdev_headcount_month_staging_line_no_seq,
      perf_eval.orgdev_it_inputs_staging_line_no_seq, perf_eval.orgdev_information_system_staging_line_no_seq
   TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.orgdev_hr_inputs, perf_eval.orgdev_headcount_month,
      perf_eval.orgdev_it_inputs, perf_eval.orgdev_information_system,
      perf_eval.orgdev_hr_inputs_staging, perf_eval.orgdev_headcount_month_staging,
      perf_eval.orgdev_it_inputs_staging, perf_eval.orgdev_information_system_staging
   TO perf_eval_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.orgdev_hr_inputs, perf_eval.orgdev_headcount_month,
      perf_eval.orgdev_it_inputs, perf_eval.orgdev_information_system
   TO perf_eval_submitter;

DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['orgdev_hr_inputs', 'orgdev_headcount_month', 'orgdev_it_inputs',
                                       'orgdev_information_system'] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor '
                       'USING (perf_eval.may_see_values(body, ''orgdev'', year)) '
                       'WITH CHECK (perf_eval.may_see_values(body, ''orgdev'', year))', input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader '
                       'USING (perf_eval.may_see_values(body, ''orgdev'', year))', input_table);
        EXECUTE format('CREATE POLICY submitter_own_body ON perf_eval.%I TO perf_eval_submitter '
                       'USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body))', input_table);
    END LOOP;
END
$$;
