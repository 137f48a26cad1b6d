-- The cycle's records cannot be forged by writing them directly (issue 16,
-- item 6): as perf_eval_admin (an editor and the default assessor), a direct
-- INSERT or UPDATE of assessment_cycle, cycle_event, publication or objection
-- is refused exactly where the cycle_* function would be, with the same
-- SQLSTATE; the normal flow through the functions still works.
BEGIN;
SELECT plan(23);

INSERT INTO perf_eval.body (code, kind, name_en, name_ru) VALUES
('DW_A', 'CSB', 'Direct body A', 'Орган A'), ('DW_B', 'CSB', 'Direct body B', 'Орган B');
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document) VALUES
('DW_A', 2411, 'interaction', 80, 'direct_writes.sql'), ('DW_B', 2411, 'interaction', 70, 'direct_writes.sql'),
('DW_A', 2410, 'interaction', 60, 'direct_writes.sql');
CREATE ROLE test_dw_b LOGIN IN ROLE perf_eval_submitter;
INSERT INTO perf_eval.body_submitter VALUES ('test_dw_b', 'DW_B');
GRANT test_dw_b TO perf_eval_admin;
SET ROLE perf_eval_admin;
SELECT perf_eval.recalculate_within_transaction(2410, 'kz2020') AS other_year_run \gset

SELECT throws_ok($$INSERT INTO perf_eval.assessment_cycle (year, block, methodology, state) VALUES (2411, 'interaction', 'kz2020', 'final')$$,
                 '22023', NULL, 'a cycle cannot be inserted in a later stage');
SELECT throws_ok($$INSERT INTO perf_eval.assessment_cycle (year, block, methodology, opened_by) VALUES (2411, 'interaction', 'kz2020', 'someone')$$,
                 '42501', NULL, 'nor opened in someone else''s name');
SELECT lives_ok($$INSERT INTO perf_eval.assessment_cycle (year, block, methodology) VALUES (2411, 'interaction', 'kz2020')$$,
                'a direct insert opens a cycle as cycle_open would');
SELECT is((SELECT count(*) FROM perf_eval.cycle_event WHERE year = 2411 AND to_state = 'collecting' AND moved_by = session_user),
          1::bigint, 'and logs the opening itself');
SELECT throws_ok($$UPDATE perf_eval.assessment_cycle SET state = 'objections', objection_working_days = 10, objection_deadline = current_date + 20
                   WHERE year = 2411 AND block = 'interaction'$$, '22023', NULL, 'a stage cannot be skipped');
SELECT throws_ok($$UPDATE perf_eval.assessment_cycle SET opened_at = now() - interval '1 year' WHERE year = 2411 AND block = 'interaction'$$,
                 '22023', NULL, 'nor a date changed without a move');
SELECT throws_ok($$UPDATE perf_eval.assessment_cycle SET state = 'preliminary', preliminary_at = now() - interval '1 year'
                   WHERE year = 2411 AND block = 'interaction'$$, '22023', NULL, 'nor a stage''s date supplied with the move');
SELECT throws_ok($$INSERT INTO perf_eval.cycle_event (year, block, methodology, from_state, to_state) VALUES (2411, 'interaction', 'kz2020', 'collecting', 'preliminary')$$,
                 '42501', NULL, 'an event cannot be inserted by hand');
SELECT throws_ok($$INSERT INTO perf_eval.cycle_event (year, block, methodology, from_state, to_state, moved_at)
                   SELECT year, block, methodology, NULL, state, moved_at FROM perf_eval.assessment_cycle WHERE year = 2411$$,
                 '42501', NULL, 'not even a copy of the current move''s event');
SELECT lives_ok($$UPDATE perf_eval.assessment_cycle SET state = 'preliminary' WHERE year = 2411 AND block = 'interaction'$$,
                'a legal move made directly is accepted');
SELECT perf_eval.recalculate_within_transaction(2411, 'kz2020') AS first_run \gset
SELECT perf_eval.cycle_open_objections(2411, 'interaction', 'kz2020') \g /dev/null
SET ROLE test_dw_b;
SELECT throws_ok($$INSERT INTO perf_eval.objection (year, block, methodology, body, node, claim, value_asked, document, filed_by)
                   VALUES (2411, 'interaction', 'kz2020', 'DW_B', 'interaction', 'claim', 90, 'doc', 'someone')$$,
                 '42501', NULL, 'an objection cannot be filed in someone else''s name');
SELECT perf_eval.file_objection(2411, 'DW_B', 'interaction', 'claim', 90, 'letter DW_B-1', 'kz2020') AS objection \gset
SET ROLE perf_eval_admin;
SELECT throws_ok($$UPDATE perf_eval.objection SET claim = 'another claim' WHERE year = 2411$$, '22023', NULL,
                 'an objection''s claim cannot be changed');
SELECT throws_ok($$UPDATE perf_eval.assessment_cycle SET state = 'final', final_run_id = $$ || :other_year_run || $$ WHERE year = 2411 AND block = 'interaction'$$,
                 '22023', NULL, 'finalising with a run of another year is refused');
SELECT throws_ok($$UPDATE perf_eval.assessment_cycle SET state = 'final', final_run_id = $$ || :first_run || $$ WHERE year = 2411 AND block = 'interaction'$$,
                 '22023', NULL, 'as is finalising with an objection undecided');
UPDATE perf_eval.objection SET decision = 'rejected', decision_reason = 'no basis' WHERE objection_id = :objection;
SELECT is((SELECT decided_by FROM perf_eval.objection WHERE objection_id = :objection), session_user,
          'a direct decision records who and when, as decide_objection');
SELECT throws_ok($$INSERT INTO perf_eval.publication (year, block, methodology, revision, run_id) VALUES (2411, 'interaction', 'kz2020', 1, $$ || :first_run || ')',
                 '22023', NULL, 'a cycle not final cannot be published directly');
SELECT perf_eval.recalculate_within_transaction(2411, 'kz2020') AS second_run \gset
SELECT perf_eval.cycle_finalise(2411, 'interaction', :first_run, 'kz2020') \g /dev/null
SELECT throws_ok($$INSERT INTO perf_eval.publication (year, block, methodology, revision, run_id) VALUES (2411, 'interaction', 'kz2020', 1, $$ || :second_run || ')',
                 '22023', NULL, 'a run that is not the final one cannot be published');
SELECT throws_ok($$UPDATE perf_eval.assessment_cycle SET state = 'published' WHERE year = 2411 AND block = 'interaction'$$,
                 '22023', NULL, 'nor the cycle marked published without its publication');
SELECT lives_ok($$INSERT INTO perf_eval.publication (year, block, methodology, revision, run_id) VALUES (2411, 'interaction', 'kz2020', 1, $$ || :first_run || ')',
                'publishing the final run directly is accepted');
SELECT results_eq($$SELECT c.state, p.run_id, p.published_by FROM perf_eval.assessment_cycle AS c JOIN perf_eval.publication AS p USING (year, block, methodology)
                    WHERE c.year = 2411 AND c.block = 'interaction'$$,
                  format('VALUES (%L, %s::bigint, %L::name)', 'published', :first_run, session_user),
                  'and moves the cycle to published, consistently');
SELECT throws_ok($$INSERT INTO perf_eval.publication (year, block, methodology, run_id) VALUES (2411, 'interaction', 'kz2020', $$ || :second_run || ')',
                 '22023', NULL, 'a revision without a reason is refused');
SELECT throws_ok($$INSERT INTO perf_eval.publication (year, block, methodology, run_id, reason, published_by)
                   VALUES (2411, 'interaction', 'kz2020', $$ || :first_run || $$, 'corrected', 'someone')$$,
                 '42501', NULL, 'nor published in someone else''s name');
SELECT throws_ok($$UPDATE perf_eval.publication SET published_by = 'someone' WHERE year = 2411$$, '42501', NULL,
                 'nor a publication''s publisher changed afterwards');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
