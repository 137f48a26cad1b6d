-- Roles on the goals inputs (ARCHITECTURE §3 "Security"): submitters enter
-- and see only their own body's goals inputs (row-level security), editors
-- load any body's through the staging report, readers read, admins
-- recalculate with every body's inputs visible.
BEGIN;
SELECT plan(8);

CREATE ROLE test_goals_reader LOGIN IN ROLE perf_eval_reader;
CREATE ROLE test_goals_editor LOGIN IN ROLE perf_eval_editor;
CREATE ROLE test_goals_mf LOGIN IN ROLE perf_eval_submitter;
CREATE ROLE test_goals_admin LOGIN IN ROLE perf_eval_admin;
INSERT INTO perf_eval.body_submitter VALUES ('test_goals_mf', 'MF');

SET LOCAL ROLE test_goals_editor;
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
VALUES ('ME', '2036', 'G1', 'I1', 'increase', '100', '90', 'true');
SELECT is(perf_eval.accept_target_indicators(), 1::bigint, 'an editor loads any body''s indicators through the staging report');

SET LOCAL ROLE test_goals_mf;
SELECT lives_ok($$INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('MF', 2036, 'G1');
                  INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
                  VALUES ('MF', 2036, 'G1', 'I1', 'increase', 100, 100, true);
                  INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance) VALUES ('MF', 2036, 90)$$,
                'a submitter enters its own body''s goals, indicators and budget criteria');
SELECT throws_ok($$INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('MJ', 2036, 'G1')$$, '42501', NULL,
                 'a submitter cannot enter another body''s goals');
SELECT results_eq($$SELECT body, indicator_code FROM perf_eval.target_indicator WHERE year = 2036$$,
                  $$VALUES ('MF'::text, 'I1'::text)$$, 'a submitter sees only its own body''s indicators');

SET LOCAL ROLE test_goals_reader;
SELECT results_eq($$SELECT body, status FROM perf_eval.target_indicator_results(2036, 'kz2020') ORDER BY 1$$,
                  $$VALUES ('ME'::text, 'partial'::text), ('MF', 'achieved')$$, 'a reader reads every body''s indicator results');
SELECT throws_ok($$INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement)
                   VALUES ('MF', 2036, 'P1', 'current', 100, 100)$$, '42501', NULL, 'a reader cannot enter goals inputs');

SET LOCAL ROLE test_goals_admin;
SELECT perf_eval.recalculate_within_transaction(2036, 'kz2020') AS run \gset
SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s AND node = 'goals.strategic' ORDER BY 1$$, :run),
                  $$VALUES ('ME'::text, 63::numeric), ('MF', 70)$$, 'an admin''s recalculation reads every body''s goals inputs');
SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s AND node = 'goals.budget.citizens_budget' ORDER BY 1$$, :run),
                  $$VALUES ('ME'::text, NULL::numeric), ('MF', 4.5)$$, 'including the budget criteria a submitter entered');

RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
