-- Civil servants of corps "B" (METHODOLOGY §6): the demo department's 2020 assessment.
\pset footer off

\echo
\echo '=== Civil servants of corps "B": Ministry of Finance, Budget Policy Department, 2020 ==='
\echo '*** SYNTHETIC DATA: invented employees and results (demo/inputs/40_civil_servants.sql). ***'
\echo 'Two methodologies are shown, each in its own columns: the GRADE is the current rule (m2018, kz2020: the'
\echo 'number of KPIs met decides it); the Kef is the draft standard methodology of the APA 2020 report'
\echo '(kz2020_apa: KPI and competency parts times the plan-execution gate). They answer different questions and'
\echo 'need not agree: an "unsatisfactory" grade (few KPIs met) can go with a high Kef (the KPIs met were far exceeded).'
\echo
\echo '--- Grades under the current rule (m2018, kz2020) ---'
SELECT d.grade, d.employees, d.share_pct AS "share %"
FROM perf_eval.cs_grade_distribution AS d
WHERE d.body = 'MF' AND d.year = 2020
ORDER BY d.grade_order;

\echo
\echo '--- Kef under the draft standard methodology (kz2020_apa) and its plan-execution gate ---'
SELECT k.assessed, k.kef_mean_pct AS "mean %", k.kef_min_pct AS "min %", k.kef_q1_pct AS "q1 %",
       k.kef_median_pct AS "median %", k.kef_q3_pct AS "q3 %", k.kef_max_pct AS "max %",
       k.above_100_pct AS "over 100%", k.plan_fulfilled AS "plan 100%", k.plan_gate_reduced AS "halved",
       k.plan_gate_zero AS "zeroed", k.revised_by_commission AS "revised"
FROM perf_eval.cs_kef_distribution AS k
WHERE k.body = 'MF' AND k.year = 2020;

\echo
\echo '--- One division (Head of Division Yesenov K. R. and his experts) and a sheet the commission revised ---'
\echo '    current rule (m2018): KPIs met -> grade -> decision of the commission'
SELECT r.personnel_no, r.full_name, r.position, r.kpis_achieved AS "KPIs met", r.grade,
       r.decision, r.votes_yes || ':' || r.votes_no AS votes, r.result_state AS state
FROM perf_eval.cs_sheet_result AS r
WHERE r.body = 'MF' AND r.year = 2020 AND r.personnel_no IN ('MF-0111', 'MF-0121', 'MF-0122', 'MF-0123', 'MF-0124', 'MF-0142')
ORDER BY r.personnel_no;
\echo '    draft standard methodology (kz2020_apa): Kef = (0.5 KPI part + 0.5 competency part) x plan gate'
\echo '    (gate 1 with every task of the plan done, 0.5 or 0 below; a Kef of 0 means the gate closed, not a zero result)'
SELECT r.personnel_no, round(100 * r.kpi_part, 2) AS "KPI part %", round(100 * r.competency_part, 2) AS "competency part %",
       r.completed_tasks || '/' || r.total_tasks AS tasks, r.plan_gate AS gate, r.kef_pct AS "Kef %"
FROM perf_eval.cs_sheet_result AS r
WHERE r.body = 'MF' AND r.year = 2020 AND r.personnel_no IN ('MF-0111', 'MF-0121', 'MF-0122', 'MF-0123', 'MF-0124', 'MF-0142')
ORDER BY r.personnel_no;

\echo
\echo '--- Not through the commission, and steps overdue on 20 January 2021 (working days) ---'
SELECT r.personnel_no, r.full_name, r.sheet_state, r.exempt_reason
FROM perf_eval.cs_sheet_result AS r
WHERE r.body = 'MF' AND r.year = 2020 AND r.result_state IS NULL
ORDER BY r.personnel_no;
SELECT d.personnel_no, d.full_name, d.document, d.state, d.since, d.obligation, d.due_on,
       d.working_days_late AS "days late"
FROM perf_eval.cs_deadlines('2021-01-20') AS d
WHERE d.body = 'MF' AND d.overdue
ORDER BY d.due_on, d.personnel_no;

\echo
\echo '--- Per level: grades (current rule) and Kef (draft methodology) side by side, and the consequences decided ---'
SELECT l.tier, l.assessed, l.grades, l.kef_mean_pct AS "mean Kef %", l.kef_zero AS "Kef 0",
       l.kef_above_100 AS "over 100%", l.decisions
FROM perf_eval.cs_level_report AS l
WHERE l.body = 'MF' AND l.year = 2020
ORDER BY l.tier_order;

\echo
\echo '--- Results that look like bugs, explained: a zero Kef and the highest Kef ---'
SELECT x.personnel_no, x.kef_pct AS "Kef %", x.grade, x.why
FROM perf_eval.cs_result_explained AS x
WHERE x.body = 'MF' AND x.year = 2020
  AND x.sheet_id IN ((SELECT sheet_id FROM perf_eval.cs_result_explained WHERE body = 'MF' AND kef_pct = 0 ORDER BY personnel_no LIMIT 1),
                     (SELECT sheet_id FROM perf_eval.cs_result_explained WHERE body = 'MF' ORDER BY kef_pct DESC, personnel_no LIMIT 1))
ORDER BY x.kef_pct;
