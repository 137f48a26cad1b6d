-- The "Achievement of goals" block (METHODOLOGY §3) as an analyst uses it.

-- Target indicators: r = F/P (increase-is-good) or P/F (decrease-is-good).
SELECT direction, plan, fact, perf_eval.goal_indicator_ratio(direction, plan, fact) AS ratio,
       round(perf_eval.goal_indicator_ratio(direction, plan, fact), 6) AS ratio_shown
FROM (VALUES ('increase', 100, 110), ('decrease', 10, 8), ('increase', 3, 1), ('increase', 0, 5)) AS t(direction, plan, fact);

-- One indicator each: result = min(r, 1) x corrections, with status, flags and why it is not counted.
SELECT t.note, a.eligible, round(a.ratio, 4) AS ratio, a.result, a.status,
       a.overfulfilled, a.plan_lowered, a.no_dynamics, a.reason
FROM (VALUES ('inc 100 -> 125 (25 % over)',        'increase', 100, 125,  NULL::numeric, NULL::numeric, true),
             ('inc 100 -> 124.99',                 'increase', 100, 124.99, NULL, NULL, true),
             ('dec 10 -> 8 (r = 1.25)',            'decrease', 10, 8,     NULL, NULL, true),
             ('inc 90 -> 95, plan lowered from 100, last year 96', 'increase', 90, 95, 100, 96, true),
             ('inc 100 -> 0',                      'increase', 100, 0,    NULL, NULL, true),
             ('plan = fact = 0',                   'increase', 0, 0,      NULL, NULL, true),
             ('plan 0, fact 5',                    'increase', 0, 5,      NULL, NULL, true),
             ('not published',                     'increase', 100, NULL, NULL, NULL, false))
     AS t(note, direction, plan, fact, plan_original, fact_previous, published)
CROSS JOIN LATERAL perf_eval.target_indicator_assessment(t.direction, t.plan, t.fact, t.plan_original,
                                                         t.fact_previous, t.published, 'kz2020') AS a;

-- The same decrease-is-good indicator at r = 1.25 under the three versions.
SELECT m.name, perf_eval.target_indicator_result('decrease', 10, 8, methodology => m.name) AS result
FROM (VALUES ('kz2017'), ('kz2020'), ('kz2020_apa')) AS m(name);

-- A goal: the coefficient is the exact mean of the counted results; the tally counts statuses and corrections.
SELECT perf_eval.goal_coefficient_agg(perf_eval.target_indicator_result(d, p, f, po, fp)) AS coefficient,
       perf_eval.indicator_status_tally_agg(a.status, a.overfulfilled, a.plan_lowered, a.no_dynamics) AS tally
FROM (VALUES ('increase', 100, 130, NULL::numeric, NULL::numeric), ('increase', 100, 75, NULL, NULL),
             ('decrease', 10, 10, NULL, 9), ('increase', 0, 0, NULL, NULL)) AS t(d, p, f, po, fp)
CROSS JOIN LATERAL perf_eval.target_indicator_assessment(d, p, f, po, fp) AS a;
SELECT perf_eval.goal_coefficient_agg(x) AS no_counted_indicator FROM (VALUES (NULL::numeric)) AS t(x);

-- Budget criteria (§3.3).
SELECT perf_eval.budget_programme_efficiency(75, 63) AS e_75_63,
       perf_eval.budget_programme_efficiency(50, 0) AS nothing_disbursed,
       perf_eval.csb_citizens_budget_points(80, 5, '0:0;100:1') AS csb_citizens_budget,
       perf_eval.leb_citizens_budget_points(80, perf_eval.param_text('kz2020', 'goals.leb.citizens_budget_bands')) AS leb_citizens_budget,
       perf_eval.ppb_coefficient(3.01, perf_eval.param_text('kz2020', 'goals.leb.ppb_bands')) AS k_ppb,
       perf_eval.direct_results_points(45, 50, 14) AS direct_results;
SELECT v, b, perf_eval.leb_violation_points(true, v, b, false, 8, 2, 5,
                                            perf_eval.param_text('kz2020', 'goals.leb.violations_bands')) AS points
FROM (VALUES (0, 1000), (50, 1000), (51, 1000), (149, 1000), (150, 1000)) AS t(v, b);

-- Errors: names first (22023), then the domain (22003), then consistency (22023).
SELECT perf_eval.goal_indicator_ratio('sideways', 1, 1);
SELECT perf_eval.goal_indicator_ratio('increase', -1, 1);
SELECT perf_eval.goal_indicator_eligible(5, NULL, true);
SELECT perf_eval.leb_citizens_budget_points(100.1, 'ge 100 => 2; else => 0');
SELECT perf_eval.leb_violation_share_points(1200, 1000, 8, 'le 5 => 6; else => 0');
SELECT perf_eval.direct_results_points(51, 50, 14);
SELECT perf_eval.goal_coefficient_agg(x) FROM (VALUES (0.5), (-0.1)) AS t(x);
SELECT perf_eval.indicator_status_tally_agg(s, false, false, false) FROM (VALUES ('done')) AS t(s);

-- End to end for one ministry: load its indicators through the staging report, add the budget inputs,
-- recalculate, and read the block with its explanation. (The run numbering is restored at the end:
-- other suites of this database count runs from where they find them.)
SELECT last_value AS run_seq_last, is_called AS run_seq_called FROM perf_eval.run_run_id_seq \gset
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, goal_title, indicator_code, indicator_title,
                                                direction, plan, plan_original, fact, fact_previous, fact_published) VALUES
('MTI', '2035', 'G1', 'export growth', 'G1.1', 'non-commodity exports, index', 'increase', '104', '106', '107', '103', 'true'),
('MTI', '2035', 'G1', 'export growth', 'G1.2', 'export share of SMEs, %',      'increase', '20',  NULL,  '26',  '19',  'true'),
('MTI', '2035', 'G2', 'trade',         'G2.1', 'trade margin, %',              'decrease', '30',  NULL,  '31',  '31',  'true'),
('MTI', '2035', 'G2', 'trade',         'G2.2', 'online retail share, %',       'increase', '0',   NULL,  '0',   NULL,  'true'),
('MTI', '2035', 'G2', 'trade',         'G2.3', 'trade centres built',          'increase', '5',   NULL,  NULL,  NULL,  'TRUE');
SELECT line, indicator, field, reason FROM perf_eval.target_indicator_report();
UPDATE perf_eval.target_indicator_staging SET fact_published = 'false' WHERE indicator_code = 'G2.3';
SELECT perf_eval.accept_target_indicators() AS indicators_loaded;
INSERT INTO perf_eval.budget_programme (body, year, programme_code, programme_type, achievement, disbursement) VALUES
('MTI', 2035, '001', 'current', 98, 99.5), ('MTI', 2035, '004', 'development', 80, 100);
INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient) VALUES
('MTI', 2035, 'G1', 1), ('MTI', 2035, 'G2', 0.95);
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance) VALUES ('MTI', 2035, 70);
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note) VALUES ('MTI', 2035, 'goals', 'untimely', 1, 'Q2 report late');
CALL perf_eval.recalculate(2035, 'kz2020');

SELECT goal_code, round(coefficient, 4) AS coefficient, status, achieved_with_corrections, tally
FROM perf_eval.goal_results(2035, 'kz2020', 'MTI');
SELECT c.node, c.score_shown AS points, c.origin, c.status, c.reason
FROM perf_eval.body_card AS c
WHERE c.year = 2035 AND c.methodology = 'kz2020' AND c.body = 'MTI' AND c.node LIKE 'goals%'
ORDER BY c.node;
-- Which indicators were corrected, and by which parameter (with provenance).
SELECT e ->> 'indicator' AS indicator, e ->> 'correction' AS correction, e ->> 'condition' AS condition,
       e -> 'parameter' ->> 'key' AS parameter, e -> 'parameter' ->> 'value' AS value,
       e -> 'parameter' ->> 'provenance' AS provenance, e -> 'parameter' ->> 'source' AS source
FROM perf_eval.body_card AS c, jsonb_array_elements(c.explanation -> 'corrections') AS e
WHERE c.year = 2035 AND c.methodology = 'kz2020' AND c.body = 'MTI' AND c.node = 'goals.strategic';
-- Which were not taken into account, and why.
SELECT e ->> 'indicator' AS indicator, e ->> 'reason' AS reason
FROM perf_eval.body_card AS c, jsonb_array_elements(c.explanation -> 'excluded') AS e
WHERE c.year = 2035 AND c.methodology = 'kz2020' AND c.body = 'MTI' AND c.node = 'goals.strategic';

-- Clean up: the regression database is shared by the suites.
DELETE FROM perf_eval.run WHERE year = 2035;
DELETE FROM perf_eval.penalty_event WHERE year = 2035;
DELETE FROM perf_eval.budget_assessment WHERE year = 2035;
DELETE FROM perf_eval.budget_programme WHERE year = 2035;
DELETE FROM perf_eval.goal WHERE year = 2035;
SELECT setval('perf_eval.run_run_id_seq', :run_seq_last, :'run_seq_called') \gset
