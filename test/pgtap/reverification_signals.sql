-- Risk signals and the re-verification list (docs/methodology.md §9.5), each
-- signal on constructed cases in year 2037 (no other test uses it).
BEGIN;
SELECT plan(17);

-- Four target indicators per body: MA lowers the plans of two of them
-- (half); MH overfulfils one (130 of 100); ME has one unpublished; MD one
-- without positive dynamics; MF none of these.
INSERT INTO perf_eval.goal (body, year, goal_code)
SELECT b, 2037, 'G1' FROM unnest(ARRAY['MA', 'MH', 'ME', 'MD', 'MF']) AS b;
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, plan_original, fact,
                                        fact_previous, fact_published)
SELECT b.b, 2037, 'G1', 'I' || i, 'increase', 100,
       CASE WHEN b.b = 'MA' AND i <= 2 THEN 120 END,
       CASE WHEN b.b = 'MH' AND i = 1 THEN 130 ELSE 100 END,
       CASE WHEN b.b = 'MD' AND i = 1 THEN 100 ELSE 90 END,
       NOT (b.b = 'ME' AND i = 1)
FROM unnest(ARRAY['MA', 'MH', 'ME', 'MD', 'MF']) AS b(b), generate_series(1, 4) AS i;

SELECT results_eq(
    $$SELECT body, signal, value FROM perf_eval.risk_signals(2037, 'kz2020')
      WHERE signal IN ('overfulfilled', 'plans_lowered', 'not_counted', 'no_dynamics') AND value > 0 ORDER BY 1, 2$$,
    $$VALUES ('MA'::text, 'plans_lowered'::text, 0.5::numeric), ('MD', 'no_dynamics', 0.25),
             ('ME', 'not_counted', 0.25), ('MH', 'overfulfilled', 0.25)$$,
    'each target-indicator share is computed on its constructed case, and no other');
SELECT results_eq(
    $$SELECT rank, body, risk_score FROM perf_eval.reverification_candidates(2037, 2, 'kz2020')$$,
    $$VALUES (1::bigint, 'MA'::text, 1::numeric), (2, 'MD', 0.25)$$,
    'a body that lowers half its plans tops the list (2 x 0.5); ties (0.25) are broken by body code');
SELECT is((SELECT signals -> 0 ->> 'signal' FROM perf_eval.reverification_candidates(2037, 1, 'kz2020')),
          'plans_lowered', 'the candidate lists the signal that put it there');
SELECT is((SELECT signals -> 0 -> 'detail' FROM perf_eval.reverification_candidates(2037, 1, 'kz2020')),
          '{"facts": 2, "indicators": 4}'::jsonb, 'with the numbers it comes from');
SELECT is((SELECT count(*) FROM perf_eval.reverification_candidates(2037, 10, 'kz2020') WHERE body = 'MF'), 0::bigint,
          'a body without any risk is not a candidate');
SELECT throws_ok($$SELECT * FROM perf_eval.reverification_candidates(2037, 0)$$, '22023', NULL,
                 'a list of no bodies is refused with 22023');

-- Registry tallies: MF reports 100 complaints considered, the registry has 80
-- (difference 0.25 > 0.05); MH reports 81 of the registry's 80 (0.0125).
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2037, 100, 0, 0, 0, 0), ('MH', 2037, 81, 0, 0, 0, 0);
INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
SELECT date '2037-03-01', date '2037-03-20', date '2037-03-10', b FROM unnest(ARRAY['MF', 'MH']) AS b, generate_series(1, 80);
SELECT perf_eval.refresh_monthly_tallies(2037);
SELECT results_eq(
    $$SELECT body, value, detail #> '{counts,0,reported}', detail #> '{counts,0,registry}'
      FROM perf_eval.risk_signals(2037, 'kz2020') WHERE signal = 'registry_mismatch' ORDER BY 1$$,
    $$VALUES ('MF'::text, 1::numeric, '100'::jsonb, '80'::jsonb), ('MH', 0, '81', '80')$$,
    'reported complaints 25 % off the registry are flagged with both numbers; 1.25 % off (under the 5 % threshold) are not');
SELECT is((SELECT s -> 'detail' -> 'counts' -> 0 ->> 'difference'
           FROM perf_eval.reverification_candidates(2037, 10, 'kz2020') AS c, jsonb_array_elements(c.signals) AS s
           WHERE c.body = 'MF' AND s ->> 'signal' = 'registry_mismatch'),
          '0.25', 'the candidate shows the relative difference');

-- Benford: 31 counts MIA reported, all starting with 9 (deviation far above
-- 0.015): its service counts and 12 month-end headcounts; the other bodies
-- reported fewer than the minimum of 30 counts.
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals, incomplete_package,
                                      extra_documents, electronic, quality_appeals_justified)
VALUES ('MIA', 2037, 9000, 9, 9, 9, 9, 900, 9);
INSERT INTO perf_eval.orgdev_hr_inputs
SELECT * FROM jsonb_populate_record(NULL::perf_eval.orgdev_hr_inputs,
    '{"body": "MIA", "year": 2037, "left_management": 0, "left_other": 0, "long_tenure_percent": 50,
      "exit_interview_percent": 50, "women_leadership_percent": 50, "qualified_percent": 50, "overtime_free_percent": 50,
      "working_conditions_survey_percent": 50, "management_survey_percent": 50, "advanced_training_due": 0,
      "advanced_training_done": 0, "retraining_due": 0, "retraining_done": 0, "hr_strategy_approved": true,
      "ekyzmet_documents_per_servant": 1, "observed_competitions_percent": 50, "meritocracy_survey_percent": 50,
      "internal_promotion_percent": 50, "incentives_survey_percent": 50, "ethics_survey_percent": 50,
      "loaded_by": "test", "loaded_at": "2037-01-01"}');
INSERT INTO perf_eval.orgdev_headcount_month (body, year, month, management, other)
SELECT 'MIA', 2037, m, 90 + m, 900 + m FROM generate_series(1, 12) AS m;
SELECT results_eq(
    $$SELECT body, value, (detail ->> 'counts')::integer FROM perf_eval.risk_signals(2037, 'kz2020') WHERE signal = 'benford'$$,
    $$VALUES ('MIA'::text, 1::numeric, 31)$$,
    'first digits all 9 fail the Benford test; bodies with fewer than risk.benford_min_count counts are not tested');
-- The numbers behind a signal are shown at the display setting risk_score's
-- decimals (presentation, not methodology): an administrator's change shows
-- at once, no run.
SELECT is((SELECT scale((detail ->> 'mean_absolute_deviation')::numeric) FROM perf_eval.risk_signals(2037, 'kz2020')
           WHERE signal = 'benford'), perf_eval.display_decimals('risk_score'),
          'the deviation is shown at the display setting risk_score''s decimals');
UPDATE perf_eval.display_setting SET value = value + 1 WHERE name = 'risk_score';
SELECT is((SELECT scale((detail ->> 'mean_absolute_deviation')::numeric) FROM perf_eval.risk_signals(2037, 'kz2020')
           WHERE signal = 'benford'), (SELECT shipped_value + 1 FROM perf_eval.display_setting WHERE name = 'risk_score'),
          'a changed risk_score changes the decimals shown');
UPDATE perf_eval.display_setting SET value = shipped_value WHERE name = 'risk_score';

-- Last year's findings: a verification of MH's 2036 fact that changed it.
INSERT INTO perf_eval.goal (body, year, goal_code) VALUES ('MH', 2036, 'G1');
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
VALUES ('MH', 2036, 'G1', 'I1', 'increase', 100, 100, true);
SELECT perf_eval.record_verification('perf_eval.target_indicator', '{"body": "MH", "year": 2036, "indicator_code": "I1"}',
                                     'fact', '70', 'act 2037/1');
SELECT results_eq(
    $$SELECT body, value, detail FROM perf_eval.risk_signals(2037, 'kz2020') WHERE signal = 'last_findings'$$,
    $$VALUES ('MH'::text, 1::numeric, '{"year": 2036, "values_changed": 1}'::jsonb)$$,
    'a body whose last year''s values re-verification changed is flagged');

-- Robust z-scores in numeric: median and MAD of the sample.
SELECT is(perf_eval.numeric_median(ARRAY[1, 2, 3, 10]::numeric[]), 2.5::numeric, 'median of an even count: the middle two''s mean');
SELECT is(perf_eval.robust_z(10, ARRAY[1, 2, 3, 4, 5]::numeric[], 0.6745), 0.6745 * 7 / 1::numeric,
          'modified z-score = 0.6745 (x - median) / MAD');
SELECT is(perf_eval.robust_z(10, ARRAY[3, 3, 3]::numeric[], 0.6745), NULL, 'no spread (MAD 0): no z-score');

-- Jumps: four CSB bodies' goals blocks over 2041-2044 (one run a year); MA
-- drops from a fact of 100 to 50 in 2044, the others move by a point or two.
CREATE TEMP TABLE jump_fact (body text, year integer, fact numeric);
INSERT INTO jump_fact VALUES
('MA', 2041, 96), ('MA', 2042, 98), ('MA', 2043, 100), ('MA', 2044, 50),
('MF', 2041, 90), ('MF', 2042, 91), ('MF', 2043, 93), ('MF', 2044, 92),
('MH', 2041, 80), ('MH', 2042, 82), ('MH', 2043, 81), ('MH', 2044, 83),
('ME', 2041, 70), ('ME', 2042, 71), ('ME', 2043, 73), ('ME', 2044, 74);
INSERT INTO perf_eval.goal (body, year, goal_code) SELECT body, year, 'G1' FROM jump_fact;
INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
SELECT body, year, 'G1', 'I1', 'increase', 100, fact, true FROM jump_fact;
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement)
SELECT body, year, 'P1', 'current', 100, 100 FROM jump_fact;
INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient) SELECT body, year, 'G1', 1 FROM jump_fact;
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance) SELECT body, year, 100 FROM jump_fact;
SELECT perf_eval.recalculate_within_transaction(y, 'kz2020') FROM generate_series(2041, 2044) AS y;
SELECT results_eq(
    $$SELECT body, signal, value FROM perf_eval.risk_signals(2044, 'kz2020') WHERE signal LIKE 'jump%' ORDER BY 1, 2$$,
    $$VALUES ('MA'::text, 'jump_own'::text, 1::numeric), ('MA', 'jump_peers', 1), ('ME', 'jump_own', 0), ('ME', 'jump_peers', 0),
             ('MF', 'jump_own', 0), ('MF', 'jump_peers', 0), ('MH', 'jump_own', 0), ('MH', 'jump_peers', 0)$$,
    'a drop of the goals score is a jump against the body''s own history and against its peers; small moves are not');
SELECT is((SELECT (detail #>> '{blocks,0,z}')::numeric < -3.5 FROM perf_eval.risk_signals(2044, 'kz2020')
           WHERE body = 'MA' AND signal = 'jump_peers'), true, 'the signal shows the robust z-score');

ROLLBACK;
