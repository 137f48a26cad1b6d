-- The "Organisational development" block (METHODOLOGY §5) as an analyst sees it:
-- the indicator kernels, their errors, then one ministry and one akimat loaded
-- through the validation report, recalculated, and read from the body card.

-- Net turnover t = (a1 + a2)/(b1 + b2), from averages or the 12 month-end counts.
SELECT perf_eval.net_turnover_ratio(3, 12, 40, 160) AS t_averages,
       perf_eval.net_turnover_ratio_from_months(2, 5, array_fill(20::bigint, ARRAY[12]),
                                                array_fill(80::bigint, ARRAY[12])) AS t_months;

-- C under the three variants (pts, lower, upper, denominator of each, §2.5).
SELECT t,
       round(perf_eval.net_turnover_score(t, 'printed', 10, 0.06, 0.08, 0.03), 6) AS printed,
       round(perf_eval.net_turnover_score(t, 'continuous', 10, 0.06, 0.08, 0.02), 6) AS continuous,
       round(perf_eval.net_turnover_score(t, 'threshold_009', 10, 0.06, 0.09, 0.03), 6) AS threshold_009
FROM (VALUES (0.05), (0.06), (0.0601), (0.07), (0.08), (0.09)) AS v(t);

-- Percentage and survey indicators on the version's scales (assumed, §2.5).
SELECT perf_eval.percentage_points(60, 5, perf_eval.param_text('kz2020', 'hr.stability_scale')) AS s_60,
       perf_eval.percentage_points(45, 5, perf_eval.param_text('kz2020', 'hr.gender_scale')) AS g_45,
       perf_eval.percentage_points(40, 10, perf_eval.param_text('kz2020', 'hr.survey_scale')) AS t_40,
       perf_eval.percentage_points(75, 10, perf_eval.param_text('kz2020', 'hr.survey_scale')) AS t_75;

-- Training U: the worked ratios, nobody due, nobody due for advanced training only.
SELECT round(perf_eval.training_score(7, 9, 2, 3, 5, 0.5, 0.5, 1), 6) AS u_7_9_2_3,
       perf_eval.training_score(0, 0, 0, 0, 5, 0.5, 0.5, 1) AS u_nobody_due,
       perf_eval.training_score(0, 0, 1, 2, 5, 0.5, 0.5, 1) AS u_retraining_only;

-- E-kyzmet bonus and the IT criteria (kz2020 / kz2020_apa points for a body without systems).
SELECT perf_eval.ekyzmet_bonus(4.5, 9, 2) AS ekyzmet_half, perf_eval.ekyzmet_bonus(12, 9, 2) AS ekyzmet_full,
       perf_eval.it_portal_score(9, 10, 25, 0) AS portal, perf_eval.it_integration_score(0, 0, 25, 0) AS integration_none,
       perf_eval.it_relevance_score('{1, 0.9, 0.8}', 25, 0) AS relevance,
       perf_eval.it_relevance_score('{}', 25, 25) AS relevance_no_is_apa,
       perf_eval.it_unused_deduction(7, 2, 10) AS unused_capped;
SELECT round(perf_eval.it_automation_score(9, 0, 0, 0, 91, 11, 25, 25, false), 6) AS automation_kz2020,
       perf_eval.it_automation_score(9, 0, 0, 0, 91, 11, 25, 25, true) AS automation_apa,
       perf_eval.it_automation_score(50, 5, 0, 0, 50, 0, 25, 25, false) AS automation_capped;

-- H = K + O + M − W, raw and under the rating's clamp.
SELECT perf_eval.hr_direction_score(25, 28, 35, 3, 100, 'floor0_capk') AS h,
       perf_eval.hr_direction_score(25, 30, 35, 120, 100) AS h_raw,
       perf_eval.hr_direction_score(25, 30, 35, 120, 100, 'floor0_capk') AS h_rated;

-- Errors: names (22023), then the domain of each value (22003), then consistency (22023).
\set VERBOSITY default
SELECT perf_eval.net_turnover_score(0.07, 'linear', 10, 0.06, 0.08, 0.03);
SELECT perf_eval.net_turnover_score(-0.01, 'printed', 10, 0.06, 0.08, 0.03);
SELECT perf_eval.net_turnover_score(0.07, 'continuous', 10, 0.06, 0.08, 0.03);
SELECT perf_eval.net_turnover_ratio(1, 1, 0, 0);
SELECT perf_eval.net_turnover_ratio_from_months(1, 1, '{10, 10}', '{}');
SELECT perf_eval.training_score(-1, 10, 0, 0, 5, 0.5, 0.5, 1);
SELECT perf_eval.training_score(11, 10, 0, 0, 5, 0.5, 0.5, 1);
SELECT perf_eval.it_relevance_score('{0.5, 1.2}', 25, 0);
SELECT perf_eval.it_relevance_score('{0.5, NULL}', 25, 0);
SELECT perf_eval.it_automation_score(0, 0, 0, 0, 0, 0, 25, 25, false);
SELECT perf_eval.it_automation_score(1, 0, 0, 0, 5, 6, 25, 25, true);
SELECT perf_eval.percentage_points(101, 5, '0:0;100:1');
SELECT perf_eval.net_turnover_score(NULL, 'printed', 10, 0.06, 0.08, 0.03) IS NULL AS strict;

-- End to end: a ministry and an akimat through the staging tables and the report,
-- recalculated under kz2020 and read from the body card. Everything is rolled back
-- and the run numbering restored: the suites of this database share it.
SELECT last_value AS run_seq_last, is_called AS run_seq_called FROM perf_eval.run_run_id_seq \gset
BEGIN;
INSERT INTO perf_eval.orgdev_hr_inputs_staging (body, year, left_management, left_other, average_management,
    average_other, long_tenure_percent, exit_interview_percent, women_leadership_percent, qualified_percent,
    overtime_free_percent, working_conditions_survey_percent, management_survey_percent, advanced_training_due,
    advanced_training_done, retraining_due, retraining_done, hr_strategy_approved, ekyzmet_documents_per_servant,
    observed_competitions_percent, meritocracy_survey_percent, internal_promotion_percent,
    incentives_survey_percent, ethics_survey_percent)
VALUES ('MJ',  '2036', '2', '5', '20', '80', '60', '95', '45', '12', '80', '90', '70', '10', '8', '4', '3', 'true', '12',
        '80', '75', '30', '70', '85'),
       ('EKO', '2036', '4', '13', '', '', '70', '88', '38', '9', '100', '100', '100', '25', '25', '0', '0', 'true', '7.2',
        '90', '80', '42', '74', '88');
INSERT INTO perf_eval.orgdev_headcount_month_staging (body, year, month, management, other)
SELECT 'EKO', '2036', m::text, (38 + m % 3)::text, (160 + m % 4)::text FROM generate_series(1, 12) AS m;
INSERT INTO perf_eval.orgdev_it_inputs_staging (body, year, integrations_planned, integrations_implemented,
    functions_subject, functions_non_automatable, functions_own_systems, functions_service_model,
    functions_other_bodies_systems, functions_third_party, has_it_unit, local_content_percent)
VALUES ('MJ', '2036', '10', '8', '50', '0', '40', '3', '2', '0', 'false', '35'),
       ('EKO', '2036', '12', '12', '140', '10', '96', '10', '14', '2', 'true', '28');
INSERT INTO perf_eval.orgdev_information_system_staging (body, year, system_code, registered_on_portal, relevance_level, unused)
SELECT b, '2036', 'IS-' || g, (g <= 9)::text, (ARRAY['1', '1', '1', '1', '1', '0.9', '0.8', '0.8', '0.75', '0.75'])[g],
       (g = 10)::text
FROM generate_series(1, 10) AS g CROSS JOIN (VALUES ('MJ'), ('EKO')) AS x(b);
INSERT INTO perf_eval.orgdev_information_system_staging (body, year, system_code, registered_on_portal, relevance_level)
VALUES ('EKO', '2036', 'IS-11', 'yes', '1.2');
SELECT staging, line, body, field, reason FROM perf_eval.orgdev_inputs_report();
UPDATE perf_eval.orgdev_information_system_staging SET relevance_level = '0.95' WHERE system_code = 'IS-11';
SELECT perf_eval.accept_orgdev_inputs() AS rows_accepted;
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note)
VALUES ('MJ', 2036, 'orgdev', 'untimely', 2, 'two reports after the deadline'),
       ('MJ', 2036, 'orgdev', 'training_violation', 3, 'two advanced trainings, one retraining not on time');
SELECT perf_eval.recalculate_within_transaction(2036, 'kz2020') IS NOT NULL AS recalculated;

SELECT c.body, c.node, c.score_shown AS points, c.maximum, c.status
FROM perf_eval.body_card AS c
WHERE c.year = 2036 AND c.methodology = 'kz2020' AND c.node LIKE 'orgdev%'
ORDER BY c.body, c.node;
SELECT c.sentence FROM perf_eval.body_card AS c
WHERE c.year = 2036 AND c.methodology = 'kz2020' AND c.node = 'orgdev' ORDER BY c.body;
-- The indicators behind K, O and M of the ministry, with the formula of each.
SELECT c.node, i.symbol, round(i.points, 2) AS points, i.formula
FROM perf_eval.body_card AS c
CROSS JOIN LATERAL jsonb_to_recordset(c.explanation -> 'indicators') AS i(symbol text, points numeric, formula text)
WHERE c.year = 2036 AND c.methodology = 'kz2020' AND c.body = 'MJ'
ORDER BY c.node, i.symbol;
-- W with its inputs; the akimat's O (10 + 10 + 5 + 5 + 2 + 1.6) capped at 30 by the clamp.
SELECT c.score AS w, c.explanation -> 'inputs' ->> 'training_due_not_done_on_time' AS training_short,
       c.explanation -> 'inputs' -> 'penalty_facts' AS penalty_facts
FROM perf_eval.body_card AS c
WHERE c.year = 2036 AND c.methodology = 'kz2020' AND c.body = 'MJ' AND c.node = 'orgdev.hr.penalties';
SELECT c.body, c.explanation -> 'policies' AS policies
FROM perf_eval.body_card AS c
WHERE c.year = 2036 AND c.methodology = 'kz2020' AND c.node = 'orgdev.hr.labour' ORDER BY c.body;
ROLLBACK;
SELECT setval('perf_eval.run_run_id_seq', :run_seq_last, :'run_seq_called') \gset
