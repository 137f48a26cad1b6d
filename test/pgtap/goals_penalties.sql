-- Goals penalties (METHODOLOGY §3.4): penalty_event facts x goals.penalty.<kind>,
-- BP result overfulfilment detected from F > 1.05 P (strict), an unknown
-- kind refused at recalculation with 22023, and the block floored at 0.
BEGIN;
SELECT plan(10);

-- MA (CSB): every criterion at its maximum, so the block is 100 - penalties.
INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('MA', 2034, 'G1'), ('ALMATY_REG', 2034, 'T1');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('MA', 2034, 'G1', 'I1', 'increase', 100, 100, true),
('ALMATY_REG', 2034, 'T1', 'I1', 'increase', 100, 100, true);
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('MA', 2034, 'P1', 'current', 100, 100), ('ALMATY_REG', 2034, 'P1', 'development', 100, 100);
INSERT INTO perf_eval.budget_programme_result (body, year, programme_code, result_code, plan, fact) VALUES
('MA', 2034, 'P1', 'R1', 100, 105),      -- exactly 1.05 P: not an overfulfilment
('MA', 2034, 'P1', 'R2', 100, 105.01),   -- above: one fact
('MA', 2034, 'P1', 'R3', 0, 0);
INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient) VALUES ('MA', 2034, 'G1', 1);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance, audited, violations_amount, audited_amount,
                                         ia_analysis, direct_results_achieved, direct_results_total) VALUES
('MA', 2034, 100, NULL, NULL, NULL, NULL, NULL, NULL),
('ALMATY_REG', 2034, 100, true, 0, 10, true, 3, 3);
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note) VALUES
('MA', 2034, 'goals', 'unreliable', 2, 'two unreliable reports'),
('MA', 2034, 'goals', 'incomplete', 1, NULL),
('MA', 2034, 'goals', 'untimely', 1, 'Q1'),
('MA', 2034, 'goals', 'untimely', 2, 'Q3'),
('MA', 2034, 'goals', 'missing_ti_method', 1, NULL),
('MA', 2034, 'orgdev', 'training_violation', 4, 'another block: not a goals penalty'),
('ALMATY_REG', 2034, 'goals', 'ti_overfulfilment', 3, 'already corrected by x0.8'),
('MIID', 2034, 'goals', 'untimely', 1, 'a body with no other goals input'),
('GPO', 2034, 'goals', 'no_such_kind', 1, 'GPO is exempt from the goals block');

SELECT perf_eval.recalculate_within_transaction(2034, 'kz2020') AS run \gset

SELECT results_eq(
    format($$SELECT body, node, value FROM perf_eval.score WHERE run_id = %s AND node IN ('goals', 'goals.penalties')
             AND body IN ('MA', 'ALMATY_REG') ORDER BY 1, 2$$, :run),
    $$VALUES ('ALMATY_REG'::text, 'goals'::text, 100::numeric), ('ALMATY_REG', 'goals.penalties', 0),
             ('MA', 'goals', 95), ('MA', 'goals.penalties', 5)$$,
    'MA: 2 x 1 + 1 x 0.5 + 3 x 0.5 + 1 x 0.5 + 1 detected x 0.5 = 5 -> 95; LEB ti_overfulfilment costs 0 (x0.8 applies)');
SELECT results_eq(
    format($$SELECT p ->> 'kind', (p ->> 'facts')::bigint, (p ->> 'points')::numeric, p -> 'parameter' ->> 'provenance', p ->> 'source'
             FROM perf_eval.score AS s, jsonb_array_elements(s.explanation #> '{inputs,penalties}') AS p
             WHERE s.run_id = %s AND s.body = 'MA' AND s.node = 'goals.penalties' ORDER BY 1, 5$$, :run),
    $$VALUES ('bp_result_overfulfilment'::text, 1::bigint, 0.5::numeric, 'assumed'::text, 'detected: F > threshold · P'::text),
             ('incomplete', 1, 0.5, 'assumed', 'penalty_event'), ('missing_ti_method', 1, 0.5, 'assumed', 'penalty_event'),
             ('unreliable', 2, 2, 'assumed', 'penalty_event'), ('untimely', 3, 1.5, 'assumed', 'penalty_event')$$,
    'the explanation lists every penalty kind with its facts, points and parameter provenance');
SELECT results_eq(
    format($$SELECT r ->> 'result' FROM perf_eval.score AS s,
             jsonb_array_elements(s.explanation #> '{inputs,penalties}') AS p, jsonb_array_elements(p -> 'results') AS r
             WHERE s.run_id = %s AND s.body = 'MA' AND s.node = 'goals.penalties'$$, :run),
    $$VALUES ('R2'::text)$$,
    'only the result with F > 1.05 P is detected (strict: 105 of 100 is not)');
SELECT results_eq(
    format($$SELECT node, value, reason FROM perf_eval.score WHERE run_id = %s AND body = 'MIID' ORDER BY 1$$, :run),
    $$VALUES ('goals'::text, NULL::numeric, 'not assessable: goals.strategic, goals.budget'::text),
             ('goals.budget', NULL, 'not assessable: goals.budget.bp_efficiency, goals.budget.goal_bp_link, goals.budget.citizens_budget'),
             ('goals.budget.bp_efficiency', NULL, 'no_data'), ('goals.budget.citizens_budget', NULL, 'no_data'),
             ('goals.budget.goal_bp_link', NULL, 'no_data'),
             ('goals.penalties', 0.5, NULL), ('goals.strategic', NULL, 'no_data')$$,
    'a body with penalties only has no block: penalties alone never make a score');
SELECT is((SELECT count(*) FROM perf_eval.score WHERE run_id = :run AND body = 'GPO'), 0::bigint,
          'an exempt body''s penalty facts are not read, so its unknown kind does not fail the run');

-- The block is floored at 0 by policy.clamp (no cap on penalties).
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('ALMATY_REG', 2034, 'goals', 'unreliable', 130);
SELECT perf_eval.recalculate_within_transaction(2034, 'kz2020') AS run_floor \gset
-- Penalties are a direction, so §0.6 clamps them at node.max = 100 before the block sum:
-- §3.4's "no cap" changes nothing once the block is floored (S + B <= 100 here).
SELECT results_eq(
    format($$SELECT node, value, raw_value FROM perf_eval.score WHERE run_id = %s AND body = 'ALMATY_REG'
             AND node IN ('goals', 'goals.penalties') ORDER BY 1$$, :run_floor),
    $$VALUES ('goals'::text, 0::numeric, 0::numeric), ('goals.penalties', 100, 130)$$,
    '130 unreliable facts: penalties 130 (shown 100, the direction maximum), block floored to 0 under floor0_capk');

-- An unknown kind fails the recalculation with 22023, naming body, year, kind and the known kinds.
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MA', 2034, 'goals', 'late_report', 1);
SELECT throws_ok($$SELECT perf_eval.recalculate_within_transaction(2034, 'kz2020')$$, '22023',
                 'unknown goals penalty kind "late_report"', 'an unknown penalty kind is refused at recalculation');
CREATE FUNCTION pg_temp.error_detail(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN detail;
END $$;
SELECT is(pg_temp.error_detail($$SELECT perf_eval.recalculate_within_transaction(2034, 'kz2020')$$),
          'Body MA, year 2034, goals block. 1 penalty fact(s) of kind late_report; methodology kz2020 knows bp_result_overfulfilment, incomplete, missing_ti_method, ti_overfulfilment, unreliable, untimely.',
          'the error detail names body, year, the kind and the kinds the version knows');
DELETE FROM perf_eval.penalty_event WHERE kind = 'late_report';
SELECT throws_ok($$INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MA', 2034, 'goals', 'untimely', -1)$$,
                 '23514', NULL, 'a negative penalty count is refused');
SELECT isnt((SELECT perf_eval.recalculate_within_transaction(2034, 'kz2020')), NULL, 'without the unknown kind the run succeeds again');

SELECT * FROM finish();
ROLLBACK;
