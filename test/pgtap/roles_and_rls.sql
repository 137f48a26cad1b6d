-- Roles (ARCHITECTURE §3 "Security"): readers read, editors enter inputs,
-- submitters only their own body's inputs (row-level security), admins
-- edit methodologies and recalculate; restricted scores are hidden from
-- readers. No SECURITY DEFINER anywhere, so every check is the caller's.
BEGIN;
SELECT plan(13);

CREATE ROLE test_analyst LOGIN IN ROLE perf_eval_reader;
CREATE ROLE test_clerk LOGIN IN ROLE perf_eval_editor;
CREATE ROLE test_mf_staff LOGIN IN ROLE perf_eval_submitter;
CREATE ROLE test_operator LOGIN IN ROLE perf_eval_admin;
CREATE ROLE test_auditor LOGIN IN ROLE perf_eval_classified_reader;
INSERT INTO perf_eval.body_submitter VALUES ('test_mf_staff', 'MF');

INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('ME', 2020, 15000, 3, 1, 40, 3);
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES ('MFA', 2020, 'goals', 81.5), ('MF', 2020, 'goals', 77);

SET LOCAL ROLE test_operator;
SELECT lives_ok($$SELECT perf_eval.recalculate_within_transaction(2020)$$, 'an admin recalculates');
SELECT lives_ok($$SELECT perf_eval.fork_methodology('kz2020', 'operator_fork')$$, 'an admin forks a methodology');

SET LOCAL ROLE test_analyst;
SELECT results_eq($$SELECT body, score, rank::integer FROM perf_eval.ranking WHERE year = 2020 AND block = 'goals' ORDER BY rank$$,
                  $$VALUES ('MFA'::text, NULL::numeric, 1), ('MF', 77, 2)$$,
                  'a reader sees the ranking, but not the score of the classified MFA strategic plan');
SELECT throws_ok($$INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
                   VALUES ('MF', 2020, 1, 0, 0, 0, 0)$$, '42501', NULL, 'a reader cannot enter inputs');
SELECT throws_ok($$SELECT perf_eval.recalculate_within_transaction(2020)$$, '42501', NULL, 'a reader cannot recalculate');
SELECT throws_ok($$CALL perf_eval.recalculate(2020)$$, '42501', NULL, 'a reader cannot CALL recalculate');

SET LOCAL ROLE test_auditor;
SELECT is((SELECT score FROM perf_eval.ranking WHERE year = 2020 AND block = 'goals' AND body = 'MFA'), 81.5,
          'a classified reader sees the restricted score');

SET LOCAL ROLE test_clerk;
SELECT lives_ok($$INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
                  VALUES ('MH', 2020, 100, 0, 0, 0, 0)$$, 'an editor enters any body''s inputs');
SELECT throws_ok($$UPDATE perf_eval.methodology_param SET value = '0.5' WHERE methodology = 'operator_fork' AND key = 'orgdev.w_hr'$$,
                 '42501', NULL, 'an editor cannot edit a methodology');

SET LOCAL ROLE test_mf_staff;
SELECT lives_ok($$INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
                  VALUES ('MF', 2020, 20000, 8, 0, 21, 6)$$, 'a submitter enters its own body''s inputs');
SELECT throws_ok($$INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
                   VALUES ('MJ', 2020, 100, 0, 0, 0, 0)$$, '42501', NULL, 'a submitter cannot enter another body''s inputs');
SELECT results_eq($$SELECT body FROM perf_eval.complaint_counts ORDER BY body$$, $$VALUES ('MF'::text)$$,
                  'a submitter sees only its own body''s inputs');
SELECT is((SELECT count(*) FROM perf_eval.complaint_counts WHERE body = 'ME' AND year = 2020), 0::bigint,
          'another body''s row is invisible, not merely read-only');

RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
