-- Civil servants of corps "B" (METHODOLOGY §6) as an analyst calls the kernels.

-- The draft_kef parameters of kz2020_apa and the m2018 ones of kz2020, with provenance.
SELECT p.methodology, p.key, p.value, p.provenance
FROM perf_eval.methodology_param AS p
WHERE p.key LIKE 'cs.%' AND p.key NOT LIKE 'cs.deadline.%' AND p.methodology IN ('kz2020', 'kz2020_apa')
ORDER BY p.methodology, p.key;

-- Appendix 3, step 1: completeness 1 of 2, quality 1 of 3, timeliness 1 of 1 -> 61.11 %;
-- difficulty 2 (technical, urgent) -> x 4/3 -> 81.48 %.
SELECT perf_eval.kpi_difficulty_level('technical', 'urgent') AS d,
       round(100 * perf_eval.kpi_criteria_mean(1, 1, 1, 2, 3, 1), 2) AS criteria_mean_pct,
       round(100 * perf_eval.kpi_efficiency(1, 1, 1, 2, 2, 3, 1, 6), 2) AS kpi_efficiency_pct;

-- Completeness from plan and fact (a = F/P; P/F when a decrease is expected).
SELECT plan, fact, decrease_is_good,
       perf_eval.kpi_completeness(plan, fact, perf_eval.param_text('kz2020_apa', 'cs.kef.completeness_bands'),
                                  decrease_is_good) AS c,
       perf_eval.kpi_plan_met(plan, fact, decrease_is_good) AS met
FROM (VALUES (40, 40, false), (40, 30, false), (40, 29, false), (5, 4.2, true), (5, 7, true), (0, 0, false)) AS t(plan, fact, decrease_is_good);

-- Step 1 (end): the KPI part is the exact mean of the kef_i; the appendix's 85.68 % is a slip (§8 E12).
SELECT perf_eval.kpi_efficiency_mean_agg(x) AS kpi_part FROM (VALUES (0.8148), (0.64), (0.3008)) AS v(x);

-- Step 2: six competencies, two not met: 83.33 % as printed (does not meet = 0.5), 66.67 % as decided (0).
SELECT round(100 * perf_eval.competency_part(ARRAY[true, false, true, true, true, false], 0.5), 2) AS as_printed,
       round(100 * perf_eval.competency_part(4, 6, perf_eval.param_numeric('kz2020_apa', 'cs.kef.not_meet_value')), 2) AS as_decided;

-- Steps 3-4: kef_raw is the mean (84.505 % shows 84.51); the gate halves kef_raw, not the competency part.
SELECT perf_eval.efficiency_coefficient_raw(0.8568, 0.8333, 0.5, 0.5) AS kef_raw,
       pct, perf_eval.efficiency_coefficient(0.8568, 0.8333, pct, 0.5, 0.5,
                                             perf_eval.param_text('kz2020_apa', 'cs.kef.plan_gate')) AS kef,
       round(100 * perf_eval.efficiency_coefficient(0.8568, 0.8333, pct, 0.5, 0.5,
                                                    perf_eval.param_text('kz2020_apa', 'cs.kef.plan_gate')), 2) AS kef_shown
FROM (VALUES (100), (90), (60)) AS t(pct);

-- The gate at its boundaries, from a percentage and from task counts (planned + unplanned).
SELECT pct, perf_eval.plan_execution_gate(pct, 'lt 75 => 0; lt 100 => 0.5; else => 1') AS gate
FROM (VALUES (74.99), (75), (99.99), (100)) AS t(pct);
SELECT completed, total, perf_eval.plan_execution_gate(completed, total, 'lt 75 => 0; lt 100 => 0.5; else => 1') AS gate
FROM (VALUES (149, 200), (15, 20), (199, 200), (20, 20)) AS t(completed, total);

-- m2018: the grade by KPIs achieved out of 5, and the 3/4 rule per competency.
SELECT achieved, perf_eval.m2018_kpi_grade(achieved, 5, 5, perf_eval.param_text('kz2020', 'cs.m2018.grade_bands')) AS grade
FROM generate_series(5, 0, -1) AS achieved;
SELECT k, n, perf_eval.competency_meets(k, n, 3, 4) AS meets
FROM (VALUES (3, 4), (2, 4), (2, 3), (3, 3), (4, 5), (3, 5)) AS t(k, n);

-- The commission: quorum of two thirds of at least 5 voting members; majority; the chair decides a tie.
SELECT members, present, perf_eval.commission_quorate(members, present, 5, 2, 3) AS quorate
FROM (VALUES (5, 4), (5, 3), (7, 5), (7, 4)) AS t(members, present);
SELECT yes, no, chair, perf_eval.commission_decision(yes, no, chair) AS decision
FROM (VALUES (3, 2, false), (2, 2, true), (2, 2, false), (1, 3, true)) AS t(yes, no, chair);

-- Working days: the day after the event is day 1 (Monday 18 January 2021 + 10 = Monday 1 February).
SELECT perf_eval.cs_add_working_days('2021-01-18', 10) AS appeal_due,
       perf_eval.cs_working_days_between('2021-01-18', '2021-02-01') AS working_days;

-- Errors: names (22023), domains (22003), consistency (22023).
SELECT perf_eval.kpi_difficulty_level('managerial', 'normal');
SELECT perf_eval.kpi_efficiency(3, 1, 1, 2, 2, 3, 1, 6);
SELECT perf_eval.kpi_efficiency(1, 1, 1, 0, 2, 3, 1, 6);
SELECT perf_eval.plan_execution_gate(100.01, 'lt 75 => 0; lt 100 => 0.5; else => 1');
SELECT perf_eval.plan_execution_gate(21, 20, 'lt 75 => 0; lt 100 => 0.5; else => 1');
SELECT perf_eval.plan_execution_gate(0, 0, 'lt 75 => 0; lt 100 => 0.5; else => 1');
SELECT perf_eval.m2018_kpi_grade(4, 4, 5, 'eq 5 => excellent; else => other');
SELECT perf_eval.competency_meets(5, 4, 3, 4);
SELECT perf_eval.commission_quorate(4, 4, 5, 2, 3);
SELECT perf_eval.competency_part(ARRAY[true, NULL], 0);
SELECT perf_eval.efficiency_coefficient_raw(0.8, 0.8, 0.6, 0.5);
SELECT perf_eval.kpi_completeness(-1, 10, 'ge 1 => 2; else => 0');

-- NULL in, NULL out.
SELECT perf_eval.kpi_efficiency(NULL, 1, 1, 2, 2, 3, 1, 6) IS NULL AS strict;
