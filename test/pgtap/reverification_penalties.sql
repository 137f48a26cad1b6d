-- Reported and verified values, derived penalties and the findings view
-- (docs/methodology.md §3.4, §9.5): a verified value changes the score and
-- produces the unreliable-information penalty; an input entered after its
-- deadline produces the lateness penalty; submitters cannot undo a
-- verification; everything in year 2038 (no other test uses it).
BEGIN;
SELECT plan(21);

-- MA and MF (CSB) with a complete goals block; MA reports fact 100 of plan 100.
INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('MA', 2038, 'G1'), ('MF', 2038, 'G1');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('MA', 2038, 'G1', 'I1', 'increase', 100, 100, true),
('MF', 2038, 'G1', 'I1', 'increase', 100, 90, true);
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('MA', 2038, 'P1', 'current', 100, 100), ('MF', 2038, 'P1', 'current', 100, 100);
INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient) VALUES ('MA', 2038, 'G1', 1), ('MF', 2038, 'G1', 1);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance) VALUES ('MA', 2038, 100), ('MF', 2038, 100);

SELECT perf_eval.recalculate_within_transaction(2038, 'kz2020') AS run_before \gset
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :run_before AND body = 'MA' AND node = 'goals'), 100::numeric,
          'as reported, MA''s goals block is 100');

-- Re-verification finds fact 80: the row takes it, the reported 100 is kept.
SELECT ok(perf_eval.record_verification('perf_eval.target_indicator', '{"body": "MA", "year": 2038, "indicator_code": "I1"}',
                                        'fact', '80', 'act 2039/7', 'on-site check') > 0, 'the verification is recorded');
SELECT results_eq(
    $$SELECT reported_value, verified_value, row_key, document, verified_by FROM perf_eval.input_verification WHERE year = 2038$$,
    $$VALUES ('100'::jsonb, '80'::jsonb, '{"body": "MA", "year": 2038, "indicator_code": "I1"}'::jsonb,
              'act 2039/7'::text, current_user::name)$$,
    'both values are kept with the row''s key, the document and who verified');
SELECT is((SELECT fact FROM perf_eval.target_indicator WHERE body = 'MA' AND year = 2038), 80::numeric,
          'the input row holds the verified value');
SELECT is((SELECT reason FROM perf_eval.input_history AS h JOIN perf_eval.input_row AS r USING (row_digest)
           WHERE h.relation = 'perf_eval.target_indicator' AND r.row_data ->> 'year' = '2038' AND (r.row_data ->> 'fact')::numeric = 80),
          'verification: act 2039/7', 'the input history says why: the verification''s document');
SELECT perf_eval.record_verification('perf_eval.target_indicator', '{"body": "MA", "year": 2038, "indicator_code": "I1"}',
                                     'fact', '85', 'act 2039/8');
SELECT results_eq($$SELECT reported_value, verified_value, document FROM perf_eval.input_verification WHERE year = 2038$$,
                  $$VALUES ('100'::jsonb, '85'::jsonb, 'act 2039/8'::text)$$,
                  'verified again: the first reported value stays, the new finding replaces the old one');

SELECT results_eq($$SELECT body, block, kind, parameter FROM perf_eval.derive_penalty_events(2038)$$,
                  $$VALUES ('MA'::text, 'goals'::text, 'unreliable'::text, 'goals.penalty.unreliable'::text)$$,
                  'the difference is a derived unreliable-information penalty with its parameter');
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note) VALUES ('MF', 2038, 'goals', 'incomplete', 1, 'by hand');
SELECT perf_eval.derive_penalty_events(2038);
SELECT results_eq($$SELECT body, kind, origin FROM perf_eval.penalty_event WHERE year = 2038 ORDER BY 1$$,
                  $$VALUES ('MA'::text, 'unreliable'::text, 'derived'::text), ('MF', 'incomplete', 'manual')$$,
                  'deriving again replaces the derived facts only; the hand-entered one stays, marked manual');

SELECT perf_eval.recalculate_within_transaction(2038, 'kz2020') AS run_after \gset
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :run_after AND body = 'MA' AND node = 'goals.penalties'),
          1::numeric, 'the run deducts 1 point for the unreliable report');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :run_after AND body = 'MA' AND node = 'goals.strategic'),
          0.85 * (SELECT value FROM perf_eval.score WHERE run_id = :run_before AND body = 'MA' AND node = 'goals.strategic'),
          'the run uses the verified fact: 85 of plan 100 gives 0.85 of the strategic points');
SELECT ok((SELECT value FROM perf_eval.score WHERE run_id = :run_after AND body = 'MA' AND node = 'goals')
          < (SELECT value FROM perf_eval.score WHERE run_id = :run_before AND body = 'MA' AND node = 'goals'),
          'the verified value lowers the goals score');
SELECT is((SELECT (explanation #> '{verified_inputs,0}') - 'verified_at'::text - 'verified_by'::text FROM perf_eval.result_node_verified
           WHERE body = 'MA' AND year = 2038 AND node = 'goals' AND result_kind = 'latest'),
          '{"relation": "perf_eval.target_indicator", "key": {"body": "MA", "year": 2038, "indicator_code": "I1"},
            "field": "fact", "reported": 100, "verified": 85, "document": "act 2039/8"}'::jsonb,
          'the explanation shows the reported value beside the verified one');
SELECT results_eq(
    $$SELECT block, values_changed, penalty_facts, penalty_points, score_before, rank_before, rank_after
      FROM perf_eval.reverification_findings WHERE body = 'MA' AND year = 2038 AND methodology = 'kz2020'$$,
    format($$VALUES ('goals'::text, 1::bigint, 1::bigint, 1::numeric, 100::numeric, 1::bigint, 2::bigint)$$),
    'the findings: one value changed, one penalty point, score before 100 and rank 1 -> 2');
SELECT is((SELECT score_change FROM perf_eval.reverification_findings WHERE body = 'MA' AND year = 2038),
          (SELECT a.value - b.value FROM perf_eval.score AS a, perf_eval.score AS b
           WHERE a.run_id = :run_after AND b.run_id = :run_before AND a.body = 'MA' AND b.body = 'MA'
             AND a.node = 'goals' AND b.node = 'goals'),
          'the effect on the score is the difference of the runs before and after');

-- Lateness: the target-indicator reports of 2038 were due 5 working days
-- after 1 January 2020 (long past): every body that reported them is late.
INSERT INTO perf_eval.submission_schedule VALUES ('target_indicator', 2038, 'goals', date '2020-01-01', 5);
SELECT results_eq(
    $$SELECT body, kind, note ~ 'after the deadline 2020-01-08' FROM perf_eval.derive_penalty_events(2038) ORDER BY 1, 2$$,
    $$VALUES ('MA'::text, 'unreliable'::text, false), ('MA', 'untimely', true), ('MF', 'untimely', true)$$,
    'an input entered after its deadline (in working days) produces the untimely penalty');
UPDATE perf_eval.submission_schedule SET opens_on = current_date WHERE year = 2038;
SELECT results_eq($$SELECT body, kind FROM perf_eval.derive_penalty_events(2038)$$,
                  $$VALUES ('MA'::text, 'unreliable'::text)$$,
                  'entered before the deadline: no untimely penalty');

-- Security: submitters see their bodies' verifications only and cannot undo one.
CREATE ROLE test_rel_ma LOGIN IN ROLE perf_eval_submitter;
INSERT INTO perf_eval.body_submitter VALUES ('test_rel_ma', 'MA');
SELECT perf_eval.record_verification('perf_eval.target_indicator', '{"body": "MF", "year": 2038, "indicator_code": "I1"}',
                                     'plan', '100', 'act 2039/9');
SET LOCAL ROLE test_rel_ma;
SELECT results_eq($$SELECT body FROM perf_eval.input_verification WHERE year = 2038$$, $$VALUES ('MA'::text)$$,
                  'a submitter sees only its bodies'' verifications');
SELECT throws_ok($$UPDATE perf_eval.target_indicator SET fact = 100 WHERE body = 'MA' AND year = 2038$$, '42501',
                 'fact of perf_eval.target_indicator {"body": "MA", "year": 2038, "indicator_code": "I1"} was verified as 85',
                 'a submitter cannot put the reported value back');
SELECT lives_ok($$UPDATE perf_eval.target_indicator SET title = 'Exports' WHERE body = 'MA' AND year = 2038$$,
                'a submitter still changes what was not verified');
SELECT throws_ok($$SELECT perf_eval.record_verification('perf_eval.target_indicator', '{"body": "MA"}', 'fact', '1', 'x')$$,
                 '42501', NULL, 'only editors and assessors record verifications');
RESET ROLE;
SELECT throws_ok($$SELECT perf_eval.record_verification('perf_eval.target_indicator', '{"body": "MA"}', 'nonsense', '1', 'x')$$,
                 '42703', NULL, 'an unknown column is refused with 42703');

ROLLBACK;
