-- The APA 2020 proposals kz2020_apa computes in the goals block (docs/methodology.md
-- §2.9): the penalty for target indicators not taken into account (APA 2020 report
-- §1.5) and the BP efficiency split weighted by the programmes' funds (chapter 1,
-- recommendations 2)-4)). Every expected value is computed here from the inputs and
-- the version's parameters.
BEGIN;
SELECT plan(10);

-- PAVLODAR (LEB): 2 counted TIs and 3 not taken into account (not published; P = F = 0; P = 0 < F).
-- ALMATY_REG (LEB): 14 not taken into account (more than the cap allows).
-- ME (CSB): 1 not taken into account.
INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('PAVLODAR', 2035, 'T1'), ('ALMATY_REG', 2035, 'T1'), ('ME', 2035, 'G1');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published) VALUES
('PAVLODAR', 2035, 'T1', 'I1', 'increase', 100, 100, true),
('PAVLODAR', 2035, 'T1', 'I2', 'increase', 100, 80, true),
('PAVLODAR', 2035, 'T1', 'I3', 'increase', 100, NULL, false),
('PAVLODAR', 2035, 'T1', 'I4', 'increase', 0, 0, true),
('PAVLODAR', 2035, 'T1', 'I5', 'increase', 0, 5, true),
('ME', 2035, 'G1', 'I1', 'increase', 100, 100, true),
('ME', 2035, 'G1', 'I2', 'increase', 100, NULL, false);
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
SELECT 'ALMATY_REG', 2035, 'T1', 'I' || i, 'increase', 100, NULL, false FROM generate_series(1, 14) AS i;
-- ME's programmes: current (100/100, funds 300) and (80/100, funds 100); development (50/100, funds 100).
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement, funds) VALUES
('ME', 2035, 'P1', 'current', 100, 100, 300), ('ME', 2035, 'P2', 'current', 80, 100, 100),
('ME', 2035, 'P3', 'development', 50, 100, 100);

SELECT perf_eval.recalculate_within_transaction(2035, 'kz2020') AS run_2020 \gset
SELECT perf_eval.recalculate_within_transaction(2035, 'kz2020_apa') AS run_apa \gset

CREATE TEMP VIEW penalty AS
SELECT r.methodology, s.body, s.value, s.explanation
FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id)
WHERE s.run_id IN (:run_2020, :run_apa) AND s.node = 'goals.penalties';
-- Expected: min(uncounted x goals.{kind}.uncounted_ti_penalty, cap), the uncounted TIs
-- counted from the indicator results.
CREATE TEMP VIEW expected_penalty AS
SELECT b.code AS body,
       least(count(*) FILTER (WHERE t.status = 'not_counted')
                 * perf_eval.param_numeric('kz2020_apa', 'goals.' || lower(b.kind) || '.uncounted_ti_penalty'),
             perf_eval.param_numeric('kz2020_apa', 'goals.uncounted_ti_penalty_cap')) AS points,
       count(*) FILTER (WHERE t.status = 'not_counted') AS uncounted
FROM perf_eval.body AS b JOIN perf_eval.target_indicator_results(2035, 'kz2020_apa') AS t ON t.body = b.code
GROUP BY b.code, b.kind;

SELECT is((SELECT uncounted FROM expected_penalty WHERE body = 'PAVLODAR'), 3::bigint,
          'PAVLODAR has three TIs not taken into account (not published, P = F = 0, P = 0 < F)');
SELECT results_eq(
    $$SELECT p.body, p.value FROM penalty AS p WHERE p.methodology = 'kz2020_apa' ORDER BY 1$$,
    $$SELECT e.body, e.points FROM expected_penalty AS e ORDER BY 1$$,
    'kz2020_apa: P = min(uncounted TIs x points of the body''s kind, cap) for a LEB under, a LEB over the cap and a CSB');
SELECT ok((SELECT points FROM expected_penalty WHERE body = 'ALMATY_REG')
              < 14 * perf_eval.param_numeric('kz2020_apa', 'goals.leb.uncounted_ti_penalty')
          AND (SELECT points FROM expected_penalty WHERE body = 'PAVLODAR') > 0,
          'the cases are not trivial: the cap binds for ALMATY_REG, PAVLODAR is penalised');
SELECT results_eq(
    $$SELECT p.body, p.value FROM penalty AS p WHERE p.methodology = 'kz2020' ORDER BY 1$$,
    $$VALUES ('ALMATY_REG'::text, 0::numeric), ('ME', 0), ('PAVLODAR', 0)$$,
    'kz2020 does not penalise TIs not taken into account (the proposal is kz2020_apa''s)');
SELECT results_eq(
    $$SELECT i ->> 'kind', (i ->> 'facts')::bigint, i -> 'parameter' ->> 'key', i -> 'parameter' ->> 'provenance',
             i -> 'cap_parameter' ->> 'provenance', jsonb_array_length(i -> 'indicators')
      FROM penalty AS p, jsonb_array_elements(p.explanation #> '{inputs,penalties}') AS i
      WHERE p.methodology = 'kz2020_apa' AND p.body = 'PAVLODAR'$$,
    $$VALUES ('uncounted_ti'::text, 3::bigint, 'goals.leb.uncounted_ti_penalty'::text, 'assumed'::text, 'assumed'::text, 3)$$,
    'the explanation names the uncounted indicators and the assumed parameters');

-- BP efficiency weighted by funds: pts x (F_c x mean_c + F_d x mean_d) / (F_c + F_d).
CREATE TEMP VIEW bp AS
SELECT r.methodology, s.value, s.explanation
FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id)
WHERE s.run_id IN (:run_apa) AND s.body = 'ME' AND s.node = 'goals.budget.bp_efficiency';
CREATE TEMP VIEW bp_expected AS
SELECT perf_eval.param_numeric('kz2020_apa', 'goals.csb.pts_bp_efficiency')
       * (sum(funds) FILTER (WHERE programme_type = 'current') * avg(least(achievement / disbursement, 1)) FILTER (WHERE programme_type = 'current')
          + sum(funds) FILTER (WHERE programme_type = 'development') * avg(least(achievement / disbursement, 1)) FILTER (WHERE programme_type = 'development'))
       / sum(funds) AS by_funds,
       perf_eval.param_numeric('kz2020_apa', 'goals.csb.pts_bp_efficiency')
       * (perf_eval.param_numeric('kz2020_apa', 'goals.bp_split.w_current') * avg(least(achievement / disbursement, 1)) FILTER (WHERE programme_type = 'current')
          + perf_eval.param_numeric('kz2020_apa', 'goals.bp_split.w_development') * avg(least(achievement / disbursement, 1)) FILTER (WHERE programme_type = 'development')) AS fixed
FROM perf_eval.budget_programme WHERE body = 'ME' AND year = 2035;

SELECT is((SELECT round(value, 10) FROM bp), (SELECT round(by_funds, 10) FROM bp_expected),
          'kz2020_apa weights current and development programmes by their funds');
SELECT ok((SELECT round(by_funds, 6) <> round(fixed, 6) FROM bp_expected) AND (SELECT (explanation #>> '{inputs,weighted_by_funds}')::boolean FROM bp),
          'the funds weighting differs from the fixed 50/50 here and the explanation says it was used');

-- An assessed programme without funds: the fixed weights apply.
UPDATE perf_eval.budget_programme SET funds = NULL WHERE body = 'ME' AND year = 2035 AND programme_code = 'P2';
SELECT perf_eval.recalculate_within_transaction(2035, 'kz2020_apa') AS run_nofunds \gset
SELECT is((SELECT round(value, 10) FROM perf_eval.score WHERE run_id = :run_nofunds AND body = 'ME' AND node = 'goals.budget.bp_efficiency'),
          (SELECT round(fixed, 10) FROM bp_expected),
          'funds missing for an assessed programme: the fixed weights w_current / w_development apply');

-- A fork that keeps the fixed weights although the funds are reported.
UPDATE perf_eval.budget_programme SET funds = 100 WHERE body = 'ME' AND year = 2035 AND programme_code = 'P2';
SELECT perf_eval.fork_methodology('kz2020_apa', 'apa_fixed_split');
SELECT perf_eval.set_param('apa_fixed_split', 'goals.bp_split.basis', 'fixed');
SELECT perf_eval.recalculate_within_transaction(2035, 'apa_fixed_split') AS run_fixed \gset
SELECT is((SELECT round(value, 10) FROM perf_eval.score WHERE run_id = :run_fixed AND body = 'ME' AND node = 'goals.budget.bp_efficiency'),
          (SELECT round(fixed, 10) FROM bp_expected),
          'goals.bp_split.basis = fixed: the fixed weights, whatever the funds');

SELECT throws_ok($$UPDATE perf_eval.budget_programme SET funds = -1 WHERE body = 'ME' AND year = 2035 AND programme_code = 'P1'$$,
                 '22003', 'funds must not be negative', 'negative funds are refused (22003)');

SELECT * FROM finish();
ROLLBACK;
