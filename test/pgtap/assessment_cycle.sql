-- The assessment cycle (docs/architecture.md §3.7): every move legal and
-- illegal (22023), objections by the body's own submitter only, an accepted
-- objection applied as a supplied score citing it, the published result
-- frozen against later input changes and recalculations, a corrected
-- revision with the superseded one readable, and a body whose block cannot
-- be computed listed as not assessed.
BEGIN;
SELECT plan(51);

INSERT INTO perf_eval.body (code, kind, name_en, name_ru) VALUES
('CY_A', 'CSB', 'Cycle body A', 'Орган A'),
('CY_B', 'CSB', 'Cycle body B', 'Орган B'),
('CY_C', 'CSB', 'Cycle body C', 'Орган C');
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document) VALUES
('CY_A', 2401, 'interaction', 80, 'assessment_cycle.sql'),
('CY_B', 2401, 'interaction', 70, 'assessment_cycle.sql'),
('CY_C', 2401, 'interaction', 60, 'assessment_cycle.sql'),
('CY_A', 2400, 'interaction', 50, 'assessment_cycle.sql'),
('CY_B', 2400, 'interaction', 70, 'assessment_cycle.sql');
SELECT perf_eval.recalculate_within_transaction(2400, 'kz2020');
SELECT perf_eval.recalculate_within_transaction(2401, 'kz2020');

CREATE ROLE test_cy_a LOGIN IN ROLE perf_eval_submitter;
CREATE ROLE test_cy_b LOGIN IN ROLE perf_eval_submitter;
INSERT INTO perf_eval.body_submitter VALUES ('test_cy_a', 'CY_A'), ('test_cy_b', 'CY_B');

-- Without a cycle: the latest run, as before.
SELECT results_eq($$SELECT body, rank, result_kind FROM perf_eval.ranking
                    WHERE year = 2401 AND methodology = 'kz2020' AND block = 'interaction' AND body LIKE 'CY\_%' ORDER BY rank$$,
                  $$VALUES ('CY_A', 1::bigint, 'latest'), ('CY_B', 2, 'latest'), ('CY_C', 3, 'latest')$$,
                  'a year and block without a cycle shows its latest run');

-- Illegal moves before the cycle exists.
SELECT throws_ok($$SELECT perf_eval.cycle_preliminary(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'preliminary without an open cycle is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_publish(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'publish without an open cycle is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_open(2401, 'no_such_block', 'kz2020')$$, '22023', NULL,
                 'a cycle of an unknown block is refused');

-- collecting
SELECT is((perf_eval.cycle_open(2401, 'interaction', 'kz2020')).state, 'collecting', 'cycle_open: collecting');
SELECT throws_ok($$SELECT perf_eval.cycle_open(2401, 'interaction', 'kz2020')$$, '22023', NULL, 'a second open is refused');
SELECT is_empty($$SELECT 1 FROM perf_eval.ranking WHERE year = 2401 AND block = 'interaction' AND body LIKE 'CY\_%'$$,
                'a year and block with a cycle shows nothing before publication');
SELECT isnt_empty($$SELECT 1 FROM perf_eval.ranking WHERE year = 2401 AND block = 'goals' OR year = 2400 AND block = 'interaction'$$,
                  'other blocks and years without a cycle still show their latest run');
SELECT throws_ok($$SELECT perf_eval.cycle_open_objections(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'collecting -> objections is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_finalise(2401, 'interaction', NULL, 'kz2020')$$, '22023', NULL,
                 'collecting -> final is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_publish(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'collecting -> published is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_revise(2401, 'interaction', 'why', NULL, 'kz2020')$$, '22023', NULL,
                 'revising an unpublished cycle is refused');

-- preliminary
SELECT is((perf_eval.cycle_preliminary(2401, 'interaction', 'kz2020')).state, 'preliminary', 'collecting -> preliminary');
SELECT throws_ok($$SELECT perf_eval.cycle_preliminary(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'preliminary -> preliminary is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_open_objections(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'objections before a preliminary run are refused');
SELECT perf_eval.recalculate_within_transaction(2401, 'kz2020');
SELECT results_eq($$SELECT body, rank FROM perf_eval.result_ranking
                    WHERE year = 2401 AND block = 'interaction' AND result_kind = 'preliminary' AND body LIKE 'CY\_%' ORDER BY rank$$,
                  $$VALUES ('CY_A', 1::bigint), ('CY_B', 2), ('CY_C', 3)$$,
                  'a recalculation in the preliminary stage is the preliminary result, shown explicitly');
SELECT throws_ok($$SELECT perf_eval.cycle_finalise(2401, 'interaction', NULL, 'kz2020')$$, '22023', NULL,
                 'preliminary -> final is refused');
SELECT throws_ok($$SELECT perf_eval.file_objection(2401, 'CY_B', 'interaction', 'claim', 90, 'doc', 'kz2020')$$, '22023', NULL,
                 'an objection before the objection stage is refused');

-- objections
SELECT is((perf_eval.cycle_open_objections(2401, 'interaction', 'kz2020', 10, date '2024-01-05')).objection_deadline,
          date '2024-01-19', 'preliminary -> objections; the deadline is 10 working days later');
SELECT is((SELECT a.objection_working_days FROM perf_eval.assessment_cycle AS a WHERE a.year = 2401 AND a.block = 'interaction'),
          10, 'the working days are recorded');
UPDATE perf_eval.assessment_cycle SET objection_deadline = current_date WHERE year = 2401 AND block = 'interaction';
SELECT throws_ok($$SELECT perf_eval.cycle_open_objections(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'objections -> objections is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_publish(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'objections -> published is refused');

SET ROLE test_cy_b;
SELECT lives_ok($$SELECT perf_eval.file_objection(2401, 'CY_B', 'interaction', 'Complaints answered in time', 85,
                                                  'letter CY_B-1', 'kz2020')$$,
                'the submitter of a body objects to its own preliminary result');
SELECT lives_ok($$SELECT perf_eval.file_objection(2401, 'CY_B', 'interaction', 'Our survey was ignored', 99,
                                                  'letter CY_B-2', 'kz2020')$$,
                'and files a second objection');
SELECT throws_ok($$SELECT perf_eval.file_objection(2401, 'CY_A', 'interaction', 'claim', 90, 'doc', 'kz2020')$$, '42501', NULL,
                 'the submitter of another body may not object for it');
SELECT throws_ok($$INSERT INTO perf_eval.objection (year, block, methodology, body, node, claim, document)
                   VALUES (2401, 'interaction', 'kz2020', 'CY_A', 'interaction', 'claim', 'doc')$$, '42501', NULL,
                 'nor insert its objection directly');
SELECT is((SELECT count(*) FROM perf_eval.objection WHERE year = 2401), 2::bigint, 'a body sees only its own objections');
SELECT throws_ok($$SELECT perf_eval.decide_objection((SELECT min(objection_id) FROM perf_eval.objection), 'accepted', 'x')$$,
                 '42501', NULL, 'a body does not decide objections');
RESET ROLE;

SELECT throws_ok($$SELECT perf_eval.cycle_finalise(2401, 'interaction', NULL, 'kz2020')$$, '22023', NULL,
                 'finalising with undecided objections is refused');
SELECT is((perf_eval.decide_objection((SELECT min(objection_id) FROM perf_eval.objection WHERE body = 'CY_B'),
                                      'accepted', 'The register confirms the answers')).decision,
          'accepted', 'the assessor accepts one objection');
SELECT is((perf_eval.decide_objection((SELECT max(objection_id) FROM perf_eval.objection WHERE body = 'CY_B'),
                                      'rejected', 'The survey does not meet the requirements')).decision,
          'rejected', 'and rejects the other');
SELECT throws_ok($$SELECT perf_eval.decide_objection((SELECT max(objection_id) FROM perf_eval.objection WHERE body = 'CY_B'),
                                                     'accepted', 'changed my mind')$$, '22023', NULL,
                 'a decision is final');
SELECT throws_ok($$SELECT perf_eval.cycle_finalise(2401, 'interaction', NULL, 'kz2020')$$, '22023', NULL,
                 'finalising a run computed before the accepted objection is refused');
SELECT perf_eval.recalculate_within_transaction(2401, 'kz2020');
SELECT results_eq($$SELECT body, rank FROM perf_eval.result_ranking
                    WHERE year = 2401 AND block = 'interaction' AND result_kind = 'preliminary' AND body LIKE 'CY\_%' ORDER BY rank$$,
                  $$VALUES ('CY_B', 1::bigint), ('CY_A', 2), ('CY_C', 3)$$,
                  'the next preliminary run shows the accepted objection');
SELECT matches((SELECT explanation ->> 'supplied' FROM perf_eval.result_score
                WHERE year = 2401 AND body = 'CY_B' AND node = 'interaction' AND result_kind = 'preliminary'),
               'objection [0-9]+: letter CY_B-1', 'the explanation cites the objection and its document');

-- final
SELECT is((perf_eval.cycle_finalise(2401, 'interaction', NULL, 'kz2020')).state, 'final', 'objections -> final');
SELECT throws_ok($$SELECT perf_eval.cycle_finalise(2401, 'interaction', NULL, 'kz2020')$$, '22023', NULL,
                 'final -> final is refused');
SELECT throws_ok($$SELECT perf_eval.cycle_preliminary(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'final -> preliminary is refused');

-- published
SELECT is((perf_eval.cycle_publish(2401, 'interaction', 'kz2020')).revision, 1, 'final -> published, revision 1');
SELECT throws_ok($$SELECT perf_eval.cycle_publish(2401, 'interaction', 'kz2020')$$, '22023', NULL,
                 'published -> published is refused');
SELECT results_eq($$SELECT body, rank, previous_rank, result_kind FROM perf_eval.ranking
                    WHERE year = 2401 AND block = 'interaction' AND body LIKE 'CY\_%' ORDER BY rank$$,
                  $$VALUES ('CY_B', 1::bigint, 1::bigint, 'published'), ('CY_A', 2, 2, 'published'), ('CY_C', 3, NULL, 'published')$$,
                  'the ranking shows the published result, last year''s as the comparison');

-- Frozen: new inputs and a recalculation change no published view.
CREATE TEMP TABLE before_views AS
SELECT 'ranking' AS v, jsonb_agg(to_jsonb(r) ORDER BY r.body) AS rows FROM perf_eval.ranking AS r WHERE r.year = 2401
UNION ALL SELECT 'zone_counts', jsonb_agg(to_jsonb(z) ORDER BY z.node, z.kind) FROM perf_eval.zone_counts AS z WHERE z.year = 2401
UNION ALL SELECT 'body_card', jsonb_agg(to_jsonb(c) ORDER BY c.body, c.node) FROM perf_eval.body_card AS c WHERE c.year = 2401
UNION ALL SELECT 'current_score', jsonb_agg(to_jsonb(s) ORDER BY s.body, s.node) FROM perf_eval.current_score AS s WHERE s.year = 2401;
UPDATE perf_eval.supplied_score SET value = 10 WHERE year = 2401 AND body = 'CY_B' AND node = 'interaction';
SELECT perf_eval.recalculate_within_transaction(2401, 'kz2020');
SELECT is_empty($$SELECT b.v FROM before_views AS b
                  WHERE b.rows IS DISTINCT FROM CASE b.v
                      WHEN 'ranking' THEN (SELECT jsonb_agg(to_jsonb(r) ORDER BY r.body) FROM perf_eval.ranking AS r WHERE r.year = 2401)
                      WHEN 'zone_counts' THEN (SELECT jsonb_agg(to_jsonb(z) ORDER BY z.node, z.kind) FROM perf_eval.zone_counts AS z WHERE z.year = 2401)
                      WHEN 'body_card' THEN (SELECT jsonb_agg(to_jsonb(c) ORDER BY c.body, c.node) FROM perf_eval.body_card AS c WHERE c.year = 2401)
                      ELSE (SELECT jsonb_agg(to_jsonb(s) ORDER BY s.body, s.node) FROM perf_eval.current_score AS s WHERE s.year = 2401) END$$,
                'after publication, changed inputs and a recalculation change no published view');
SELECT throws_ok($$DELETE FROM perf_eval.run WHERE run_id = (SELECT run_id FROM perf_eval.published_run WHERE year = 2401)$$,
                 '23503', NULL, 'the published run cannot be deleted');
SELECT throws_ok($$UPDATE perf_eval.publication SET run_id = run_id WHERE year = 2401$$, '55000', NULL,
                 'a publication cannot be changed');

-- A corrected revision; the superseded one stays readable.
SELECT throws_ok($$SELECT perf_eval.cycle_revise(2401, 'interaction', '', NULL, 'kz2020')$$, '22023', NULL,
                 'a revision without a reason is refused');
SELECT is((perf_eval.cycle_revise(2401, 'interaction', 'Supplied score of CY_B corrected', NULL, 'kz2020')).revision, 2,
          'a correction is revision 2');
SELECT results_eq($$SELECT revision, superseded FROM perf_eval.published_run WHERE year = 2401 ORDER BY revision$$,
                  $$VALUES (1, true), (2, false)$$, 'revision 1 is superseded and still listed');
SELECT results_eq($$SELECT body FROM perf_eval.ranking
                    WHERE year = 2401 AND block = 'interaction' AND rank = 3 AND body LIKE 'CY\_%'$$,
                  $$VALUES ('CY_B')$$, 'the ranking shows the corrected revision');
SELECT is((SELECT s.value FROM perf_eval.published_run AS p JOIN perf_eval.score AS s USING (run_id)
           WHERE p.year = 2401 AND p.revision = 1 AND s.body = 'CY_B' AND s.node = 'interaction'),
          85::numeric, 'the superseded revision''s scores stay readable');
SELECT is((SELECT count(*) FROM perf_eval.cycle_event WHERE year = 2401 AND block = 'interaction'), 6::bigint,
          'every move is logged with who and when');

-- No silent disappearance: a body with only some directions of a block.
INSERT INTO perf_eval.body (code, kind, name_en, name_ru) VALUES ('CY_D', 'CSB', 'Cycle body D', 'Орган D');
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document) VALUES
('CY_A', 2402, 'interaction', 80, 'assessment_cycle.sql'),
('CY_D', 2402, 'interaction.openness', 20, 'assessment_cycle.sql');
SELECT perf_eval.recalculate_within_transaction(2402, 'kz2020');
SELECT results_eq($$SELECT body, rank, assessment, missing_inputs IS NOT NULL FROM perf_eval.ranking
                    WHERE year = 2402 AND block = 'interaction' AND body LIKE 'CY\_%' ORDER BY body$$,
                  $$VALUES ('CY_A', 1::bigint, 'assessed', false), ('CY_D', NULL, 'not assessed', true)$$,
                  'a body whose block cannot be computed is listed as not assessed with its missing inputs');

SELECT * FROM finish();
ROLLBACK;
