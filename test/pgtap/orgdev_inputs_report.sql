-- Loading org-dev inputs (METHODOLOGY §5.5): the four staging tables, one
-- validation report naming file, line, field and reason, acceptance only when
-- the report is empty, and row-level security for a body's own submitters.
BEGIN;
SELECT plan(7);

INSERT INTO perf_eval.orgdev_hr_inputs_staging (body, year, left_management, left_other, average_management,
    average_other, long_tenure_percent, exit_interview_percent, women_leadership_percent, qualified_percent,
    overtime_free_percent, working_conditions_survey_percent, management_survey_percent, advanced_training_due,
    advanced_training_done, retraining_due, retraining_done, hr_strategy_approved, ekyzmet_documents_per_servant,
    observed_competitions_percent, meritocracy_survey_percent, internal_promotion_percent,
    incentives_survey_percent, ethics_survey_percent, source)
VALUES
('MJ', '2031', '2', '5', '20', '80', '60', '95', '45', '12', '80', '90', '70', '10', '10', '4', '4', 'yes', '9',
 '80', '75', '30', '70', '85', 'line 1: valid, averages given'),
('ME', '2031', '1', '6', '', '', '60', '95', '45', '12', '80', '90', '70', '10', '9', '4', '4', 'no', '9',
 '80', '75', '30', '70', '85', 'line 2: valid, 12 month-end counts staged'),
('MF', '2031', '-1', '6', '', '', '120', '95', '45', '12', '80', '90', '70', '10', '11', '4', '4', 'maybe', '9',
 '80', '75', '30', '70', '85', 'line 3: a1 negative, 120 %, done > due, no boolean, no counts');
INSERT INTO perf_eval.orgdev_headcount_month_staging (body, year, month, management, other)
SELECT 'ME', '2031', m::text, '20', '90' FROM generate_series(1, 12) AS m
UNION ALL SELECT 'MH', '2031', '13', '20', '80';
INSERT INTO perf_eval.orgdev_it_inputs_staging (body, year, integrations_planned, integrations_implemented,
    functions_subject, functions_non_automatable, functions_own_systems, functions_service_model,
    functions_other_bodies_systems, functions_third_party, has_it_unit, local_content_percent, source)
VALUES ('MJ', '2031', '10', '8', '50', '', '40', '3', '2', '0', 'false', '30', 'line 1: valid'),
       ('XX', '2031', '10', '11', '0', '', '0', '0', '0', '0', '', '', 'line 2: unknown body, 11 of 10, n = 0, no local content');
INSERT INTO perf_eval.orgdev_information_system_staging (body, year, system_code, registered_on_portal, relevance_level, unused)
VALUES ('MJ', '2031', 'IS-1', 'true', '0.9', 'false'),
       ('MJ', '2031', 'IS-2', 'true', '1.5', ''),
       ('MH', '2031', 'IS-1', 'false', '0.5', 'true');

SELECT results_eq(
    $$SELECT staging, line, field, reason FROM perf_eval.orgdev_inputs_report()$$,
    $$VALUES
      ('orgdev_headcount_month_staging', 13::bigint, 'body, year', 'no personnel inputs for this body and year (staged or loaded)'),
      ('orgdev_headcount_month_staging', 13, 'month', 'month must be 1 to 12'),
      ('orgdev_hr_inputs_staging', 3, 'advanced_training_done', 'advanced training done must not exceed advanced training due'),
      ('orgdev_hr_inputs_staging', 3, 'average_management, average_other', 'no average headcounts and 0 of 12 month-end counts'),
      ('orgdev_hr_inputs_staging', 3, 'hr_strategy_approved', 'must be true or false'),
      ('orgdev_hr_inputs_staging', 3, 'left_management', 'must not be negative'),
      ('orgdev_hr_inputs_staging', 3, 'long_tenure_percent', 'must lie between 0 and 100'),
      ('orgdev_information_system_staging', 2, 'relevance_level', 'must lie between 0 and 1'),
      ('orgdev_information_system_staging', 3, 'body, year', 'no IT inputs for this body and year (staged or loaded)'),
      ('orgdev_it_inputs_staging', 2, 'body', 'unknown body code'),
      ('orgdev_it_inputs_staging', 2, 'functions_subject', 'must be positive: automation is undefined without functions (n = 0)'),
      ('orgdev_it_inputs_staging', 2, 'integrations_implemented', 'implemented integrations must not exceed planned integrations'),
      ('orgdev_it_inputs_staging', 2, 'local_content_percent', 'missing: the local-content criterion applies from 2020 (kz2020)')$$,
    'the report lists every bad value with its file, line, field and reason');
SELECT throws_ok($$SELECT perf_eval.accept_orgdev_inputs()$$, '22023', 'orgdev staging tables have 13 problems',
                 'nothing is accepted while the report has problems');
SELECT is((SELECT count(*) FROM perf_eval.orgdev_hr_inputs), 0::bigint, 'nothing was loaded');

-- Without the bad lines the four files are accepted together.
DELETE FROM perf_eval.orgdev_hr_inputs_staging WHERE body = 'MF';
DELETE FROM perf_eval.orgdev_headcount_month_staging WHERE body = 'MH';
DELETE FROM perf_eval.orgdev_it_inputs_staging WHERE body = 'XX';
DELETE FROM perf_eval.orgdev_information_system_staging WHERE body = 'MH' OR relevance_level = '1.5';
SELECT is(perf_eval.accept_orgdev_inputs(), 2 + 12 + 1 + 1::bigint, 'two personnel rows, 12 months, one IT row, one system');
SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS run \gset
SELECT results_eq($$SELECT body, round(value, 6) FROM perf_eval.current_score
                    WHERE year = 2031 AND methodology = 'kz2020' AND node = 'orgdev.hr.potential' ORDER BY body$$,
                  $$VALUES ('ME', 21.204545::numeric), ('MJ', 19.083333)$$,
                  'accepted inputs are scored: ME from its month-end counts (t = 7/110, C = 5.454545), MJ from averages');

-- Row-level security: a submitter enters its own body's inputs only.
CREATE ROLE orgdev_test_submitter NOLOGIN IN ROLE perf_eval_submitter;
INSERT INTO perf_eval.body_submitter VALUES ('orgdev_test_submitter', 'MJ');
SET LOCAL ROLE orgdev_test_submitter;
SELECT results_eq($$SELECT body FROM perf_eval.orgdev_hr_inputs ORDER BY body$$, $$VALUES ('MJ'::text)$$,
                  'a submitter sees only the inputs of its own body');
SELECT throws_ok($$UPDATE perf_eval.orgdev_it_inputs SET body = 'ME' WHERE body = 'MJ'$$, '42501', NULL,
                 'a submitter cannot move inputs to another body');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
