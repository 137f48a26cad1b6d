-- =========================================================================
-- Section: civil servants of corps "B": results, views (METHODOLOGY §6, §0.2)
--
-- security_invoker: each view shows what the querying login may see under
-- row-level security (an employee their own sheets, a manager their
-- subordinates', HR their body's, a commission the sheets before it).
-- Kef and its parts are stored as fractions and shown here as % rounded half
-- away from zero to the decimals of the display setting kef_percent, grade
-- shares to grade_share (28_display_settings.sql; presentation, not methodology).
-- =========================================================================

-- One row per assessment sheet with its result (final = the commission's revision if any).
CREATE VIEW perf_eval.cs_sheet_result WITH (security_invoker = true) AS
SELECT s.body, p.period_id, p.year, e.employee_id, e.personnel_no, e.full_name, pos.unit,
       pos.title AS position, pos.tier, s.sheet_id, s.state AS sheet_state, s.exempt_reason,
       r.state AS result_state, r.kpis, r.kpis_achieved, r.kpi_part, r.competencies, r.competencies_met,
       r.competency_part, r.kef_raw, r.completed_tasks, r.total_tasks, r.plan_gate,
       r.computed_kef, r.revised_kef, coalesce(r.revised_kef, r.computed_kef) AS kef,
       round(100 * coalesce(r.revised_kef, r.computed_kef),
             perf_eval.display_decimals('kef_percent')) AS kef_pct,
       r.computed_grade, r.revised_grade, coalesce(r.revised_grade, r.computed_grade) AS grade,
       r.decision, r.decided_on, r.votes_yes, r.votes_no, r.members_present, r.members_voting,
       p.methodology, p.grade_methodology
FROM perf_eval.cs_assessment_sheet AS s
JOIN perf_eval.cs_assessment_period AS p ON p.period_id = s.period_id
JOIN perf_eval.cs_employee AS e ON e.employee_id = s.employee_id
JOIN perf_eval.cs_position AS pos ON pos.position_id = e.position_id
LEFT JOIN perf_eval.cs_result AS r ON r.sheet_id = s.sheet_id;
COMMENT ON COLUMN perf_eval.cs_sheet_result.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_sheet_result.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_sheet_result.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_sheet_result.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_sheet_result.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_result.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_result.unit IS 'Structural unit of the position';
COMMENT ON COLUMN perf_eval.cs_sheet_result.position IS 'Title of the position';
COMMENT ON COLUMN perf_eval.cs_sheet_result.tier IS 'Position tier';
COMMENT ON COLUMN perf_eval.cs_sheet_result.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_sheet_result.sheet_state IS 'Workflow state of the sheet (see cs_assessment_sheet.state)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.exempt_reason IS 'Why the employee is not assessed; NULL unless exempt';
COMMENT ON COLUMN perf_eval.cs_sheet_result.result_state IS 'Workflow state of the result (see cs_result.state); NULL before the commission';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kpis IS 'Number of KPIs rated (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kpis_achieved IS 'KPIs whose fact meets the plan (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kpi_part IS 'KPI part, a fraction 0..2 (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.competencies IS 'Number of competencies rated (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.competencies_met IS 'Competencies that meet expectations (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.competency_part IS 'Competency part, a fraction 0..1';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kef_raw IS 'Kef before the plan gate, a fraction 0..1.5';
COMMENT ON COLUMN perf_eval.cs_sheet_result.completed_tasks IS 'Tasks completed (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.total_tasks IS 'Planned plus unplanned tasks (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.plan_gate IS 'Gate of plan execution: 0, 0.5 or 1';
COMMENT ON COLUMN perf_eval.cs_sheet_result.computed_kef IS 'Kef as computed, a fraction (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.revised_kef IS 'Kef set by the commission, a fraction; NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kef IS 'Final Kef: the commission''s revision if any, else as computed, a fraction (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kef_pct IS 'Final Kef in %, rounded half away from zero to the decimals of the display setting kef_percent';
COMMENT ON COLUMN perf_eval.cs_sheet_result.computed_grade IS 'm2018 grade as computed: excellent | effective | satisfactory | unsatisfactory';
COMMENT ON COLUMN perf_eval.cs_sheet_result.revised_grade IS 'Grade set by the commission; NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_sheet_result.grade IS 'Final m2018 grade: the commission''s revision if any, else as computed';
COMMENT ON COLUMN perf_eval.cs_sheet_result.decision IS 'Commission decision: approved | revised; NULL before the decision';
COMMENT ON COLUMN perf_eval.cs_sheet_result.decided_on IS 'Date of the decision';
COMMENT ON COLUMN perf_eval.cs_sheet_result.votes_yes IS 'Votes for approving the result as computed (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.votes_no IS 'Votes against (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.members_present IS 'Voting members present (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.members_voting IS 'Voting members of the commission (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.methodology IS 'Methodology version of the Kef (draft_kef regime)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.grade_methodology IS 'Methodology version of the m2018 grade';
COMMENT ON VIEW perf_eval.cs_sheet_result IS
'Every visible assessment sheet with its Kef (fraction and % shown) and m2018 grade, computed at submission to the commission and revised by it (docs/methodology.md §6.1-§6.3)';

-- Per competency: k of n behavioural indicators and whether it meets expectations (no aggregate under m2018).
CREATE VIEW perf_eval.cs_competency_result WITH (security_invoker = true) AS
SELECT s.body, s.period_id, s.sheet_id, s.employee_id, c.competency, k.title_en AS competency_title,
       c.manifested, c.defined,
       perf_eval.competency_meets(c.manifested, c.defined,
                                  perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_num'),
                                  perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_den')) AS meets
FROM perf_eval.cs_competency_rating AS c
JOIN perf_eval.cs_assessment_sheet AS s ON s.sheet_id = c.sheet_id
JOIN perf_eval.cs_assessment_period AS p ON p.period_id = s.period_id
JOIN perf_eval.cs_competency AS k ON k.competency = c.competency;
COMMENT ON COLUMN perf_eval.cs_competency_result.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_competency_result.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_competency_result.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_competency_result.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_competency_result.competency IS 'Code of the competency';
COMMENT ON COLUMN perf_eval.cs_competency_result.competency_title IS 'Title of the competency in English';
COMMENT ON COLUMN perf_eval.cs_competency_result.manifested IS 'Behavioural indicators manifested, k (count)';
COMMENT ON COLUMN perf_eval.cs_competency_result.defined IS 'Behavioural indicators defined, n (count)';
COMMENT ON COLUMN perf_eval.cs_competency_result.meets IS 'True if the competency meets expectations (4k >= 3n)';
COMMENT ON VIEW perf_eval.cs_competency_result IS
'Competency results per sheet: meets expectations when 4k >= 3n (APA 2020 report §4.1); they guide development and do not affect bonuses';

-- A body's distribution of grades per period, with the Kef of each grade's employees.
CREATE VIEW perf_eval.cs_grade_distribution WITH (security_invoker = true) AS
WITH results AS (
    SELECT r.body, r.period_id, r.year, r.grade_methodology, r.grade, r.kef
    FROM perf_eval.cs_sheet_result AS r
    WHERE r.result_state IS NOT NULL
),
periods AS (
    SELECT DISTINCT x.body, x.period_id, x.year, x.grade_methodology, count(*) OVER w AS assessed
    FROM results AS x WINDOW w AS (PARTITION BY x.period_id)
),
grades AS (
    SELECT pr.*, g.grade, g.grade_order
    FROM periods AS pr CROSS JOIN LATERAL perf_eval.cs_grade_labels(pr.grade_methodology) AS g
    UNION ALL
    -- a plan with another number of KPIs than m2018's 5 has no grade
    SELECT pr.*, NULL, 1000 FROM periods AS pr
    WHERE EXISTS (SELECT 1 FROM results AS x WHERE x.period_id = pr.period_id AND x.grade IS NULL)
)
SELECT g.body, g.period_id, g.year, coalesce(g.grade, 'not graded') AS grade, g.grade_order,
       count(x.period_id) AS employees, g.assessed,
       round(100.0 * count(x.period_id) / g.assessed,
             perf_eval.display_decimals('grade_share')) AS share_pct,
       round(100 * avg(x.kef), perf_eval.display_decimals('kef_percent')) AS kef_mean_pct,
       round(100 * min(x.kef), perf_eval.display_decimals('kef_percent')) AS kef_min_pct,
       round(100 * max(x.kef), perf_eval.display_decimals('kef_percent')) AS kef_max_pct
FROM grades AS g
LEFT JOIN results AS x ON x.period_id = g.period_id AND x.grade IS NOT DISTINCT FROM g.grade
GROUP BY g.body, g.period_id, g.year, g.grade, g.grade_order, g.assessed;
COMMENT ON COLUMN perf_eval.cs_grade_distribution.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.grade IS 'm2018 grade (excellent | effective | satisfactory | unsatisfactory), or ''not graded''';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.grade_order IS 'Sort key of the grade, best first; ''not graded'' last';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.employees IS 'Employees with the grade (count)';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.assessed IS 'Employees with a result in the period (count)';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.share_pct IS 'Share of the assessed with the grade, %, rounded to the decimals of the display setting grade_share';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.kef_mean_pct IS 'Mean final Kef of the grade''s employees, %, rounded to the decimals of the display setting kef_percent';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.kef_min_pct IS 'Lowest final Kef of the grade''s employees, %';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.kef_max_pct IS 'Highest final Kef of the grade''s employees, %';
COMMENT ON VIEW perf_eval.cs_grade_distribution IS
'Per body and period: employees per m2018 grade (every grade listed, best first), their share of those assessed, and the mean, min and max Kef of each grade in % (docs/methodology.md §6.1, §6.2)';

-- A body's distribution of Kef per period: quartiles and the effect of the plan gate.
CREATE VIEW perf_eval.cs_kef_distribution WITH (security_invoker = true) AS
SELECT r.body, r.period_id, r.year, count(*) AS assessed,
       round(100 * avg(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_mean_pct,
       round(100 * min(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_min_pct,
       round(100 * percentile_disc(0.25) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.display_decimals('kef_percent')) AS kef_q1_pct,
       round(100 * percentile_disc(0.5) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.display_decimals('kef_percent')) AS kef_median_pct,
       round(100 * percentile_disc(0.75) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.display_decimals('kef_percent')) AS kef_q3_pct,
       round(100 * max(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_max_pct,
       count(*) FILTER (WHERE r.kef > 1) AS above_100_pct,
       count(*) FILTER (WHERE r.plan_gate = 1) AS plan_fulfilled,
       count(*) FILTER (WHERE r.plan_gate > 0 AND r.plan_gate < 1) AS plan_gate_reduced,
       count(*) FILTER (WHERE r.plan_gate = 0) AS plan_gate_zero,
       count(*) FILTER (WHERE r.decision = 'revised') AS revised_by_commission
FROM perf_eval.cs_sheet_result AS r
WHERE r.result_state IS NOT NULL
GROUP BY r.body, r.period_id, r.year;
COMMENT ON COLUMN perf_eval.cs_kef_distribution.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.assessed IS 'Employees with a result in the period (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_mean_pct IS 'Mean final Kef, %, rounded to the decimals of the display setting kef_percent';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_min_pct IS 'Lowest final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_q1_pct IS 'First quartile of the final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_median_pct IS 'Median final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_q3_pct IS 'Third quartile of the final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_max_pct IS 'Highest final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.above_100_pct IS 'Employees whose final Kef exceeds 100 % (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.plan_fulfilled IS 'Employees with plan gate 1 (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.plan_gate_reduced IS 'Employees with plan gate 0.5 (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.plan_gate_zero IS 'Employees with plan gate 0 (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.revised_by_commission IS 'Results the commission revised (count)';
COMMENT ON VIEW perf_eval.cs_kef_distribution IS
'Per body and period: Kef of the assessed (mean, min, quartiles, max in %), how many exceed 100 %, and how the plan-execution gate acted (docs/methodology.md §6.2; the APA 2020 report gives no Kef grade thresholds, so none are drawn)';

-- Steps past their deadline today (working days; METHODOLOGY §6.3).
CREATE VIEW perf_eval.cs_overdue_sheets WITH (security_invoker = true) AS
SELECT d.* FROM perf_eval.cs_deadlines(current_date) AS d WHERE d.overdue;
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.employee_id IS 'Employee concerned';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.document IS 'Document whose step is overdue: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.sheet_id IS 'Assessment sheet; NULL for a plan';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.state IS 'Current workflow state of the document';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.since IS 'Date the deadline counts from';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.obligation IS 'What has to be done, in words';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.deadline_key IS 'Methodology parameter that sets the deadline in working days (e.g. cs.deadline.iwp)';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.due_on IS 'Last day to meet the obligation';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.overdue IS 'Always true in this view';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.working_days_late IS 'Working days past due_on (count)';
COMMENT ON VIEW perf_eval.cs_overdue_sheets IS
'Plans, sheets and results whose next step is overdue today, with the obligation, the deadline parameter, the due date and the working days late; perf_eval.cs_deadlines(date) gives the same for any date';

-- Every assessment role reads the views (row-level security of the tables
-- beneath decides which rows), and so do readers.
GRANT SELECT ON perf_eval.cs_sheet_result, perf_eval.cs_competency_result, perf_eval.cs_grade_distribution,
      perf_eval.cs_kef_distribution, perf_eval.cs_overdue_sheets
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;

-- Every move of a sheet, its plan and its result: who, when and why.
CREATE VIEW perf_eval.cs_sheet_history WITH (security_invoker = true) AS
SELECT s.body, s.period_id, s.sheet_id, s.employee_id, e.personnel_no, e.full_name, ev.event_id,
       ev.entity AS document, ev.action, ev.from_state, ev.to_state, ev.on_date, ev.recorded_at, ev.actor,
       who.full_name AS actor_name, ev.reason, t.clause,
       coalesce(ev.reason, t.clause, 'document opened') AS why
FROM perf_eval.cs_assessment_sheet AS s
JOIN perf_eval.cs_employee AS e ON e.employee_id = s.employee_id
JOIN perf_eval.cs_workflow_event AS ev
  ON (ev.entity = 'iwp' AND ev.entity_id = s.iwp_id) OR (ev.entity IN ('sheet', 'result') AND ev.entity_id = s.sheet_id)
LEFT JOIN perf_eval.cs_login AS l ON l.login = ev.actor
LEFT JOIN perf_eval.cs_employee AS who ON who.employee_id = l.employee_id
LEFT JOIN perf_eval.cs_workflow_transition AS t
  ON t.entity = ev.entity AND t.action = ev.action AND t.from_state = ev.from_state;
COMMENT ON COLUMN perf_eval.cs_sheet_history.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_sheet_history.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_sheet_history.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_sheet_history.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_sheet_history.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_history.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_history.event_id IS 'Identifier of the move (order of the moves)';
COMMENT ON COLUMN perf_eval.cs_sheet_history.document IS 'Document moved: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_sheet_history.action IS 'The move (open for the creation)';
COMMENT ON COLUMN perf_eval.cs_sheet_history.from_state IS 'State before the move; NULL at the creation';
COMMENT ON COLUMN perf_eval.cs_sheet_history.to_state IS 'State after the move';
COMMENT ON COLUMN perf_eval.cs_sheet_history.on_date IS 'When: the date the move counts from';
COMMENT ON COLUMN perf_eval.cs_sheet_history.recorded_at IS 'When the move was recorded';
COMMENT ON COLUMN perf_eval.cs_sheet_history.actor IS 'Who: the database role that made the move';
COMMENT ON COLUMN perf_eval.cs_sheet_history.actor_name IS 'Who: the employee that role is (perf_eval.cs_login); NULL for data entry by editors';
COMMENT ON COLUMN perf_eval.cs_sheet_history.reason IS 'The reason the maker gave; NULL if none';
COMMENT ON COLUMN perf_eval.cs_sheet_history.clause IS 'Clause of the assessment rules the move implements';
COMMENT ON COLUMN perf_eval.cs_sheet_history.why IS 'Why: the reason given, else the clause of the move';
COMMENT ON VIEW perf_eval.cs_sheet_history IS
'The history of every visible sheet: each move of its plan, the sheet and its result, including reopenings after an upheld appeal, with who, when and why (docs/methodology.md §6.3)';

-- Every result with its explanation (words and numbers).
CREATE VIEW perf_eval.cs_result_explained WITH (security_invoker = true) AS
SELECT r.body, r.period_id, r.year, r.sheet_id, r.employee_id, r.personnel_no, r.full_name, r.tier, r.result_state,
       r.kef_pct, r.grade, array_to_string(ARRAY(SELECT jsonb_array_elements_text(x.explanation->'why')), ' ') AS why,
       x.explanation
FROM perf_eval.cs_sheet_result AS r
CROSS JOIN LATERAL (SELECT perf_eval.cs_explain_result(r.sheet_id) AS explanation) AS x
WHERE r.result_state IS NOT NULL;
COMMENT ON COLUMN perf_eval.cs_result_explained.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_result_explained.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_result_explained.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_result_explained.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_result_explained.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_result_explained.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_result_explained.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_result_explained.tier IS 'Level of the position';
COMMENT ON COLUMN perf_eval.cs_result_explained.result_state IS 'Workflow state of the result';
COMMENT ON COLUMN perf_eval.cs_result_explained.kef_pct IS 'Final Kef in %';
COMMENT ON COLUMN perf_eval.cs_result_explained.grade IS 'Final m2018 grade';
COMMENT ON COLUMN perf_eval.cs_result_explained.why IS 'The explanation in words: Kef and its parts, the plan gate and band, a zero Kef or one above 100 % with the reason, the grade, a revision';
COMMENT ON COLUMN perf_eval.cs_result_explained.explanation IS 'The explanation as jsonb (perf_eval.cs_explain_result): why, kpis with points and difficulty factor, plan_execution with the band, competencies, methodologies, computation';
COMMENT ON VIEW perf_eval.cs_result_explained IS
'Every visible result with its explanation in words and numbers (docs/methodology.md §6.2)';

-- Per body, period and level: results, grades, Kef and the consequences decided.
CREATE VIEW perf_eval.cs_level_report WITH (security_invoker = true) AS
WITH results AS (
    SELECT r.body, r.period_id, r.year, r.tier, r.sheet_id, r.grade, r.kef
    FROM perf_eval.cs_sheet_result AS r
    WHERE r.result_state IS NOT NULL AND r.result_state <> 'reopened'
),
grades AS (
    SELECT g.period_id, g.tier, jsonb_object_agg(g.grade, g.n) AS grades
    FROM (SELECT x.period_id, x.tier, coalesce(x.grade, 'not graded') AS grade, count(*) AS n
          FROM results AS x GROUP BY 1, 2, 3) AS g
    GROUP BY 1, 2
),
decisions AS (
    SELECT d.period_id, d.tier, jsonb_object_agg(d.decision, d.n) AS decisions, sum(d.n)::bigint AS recorded
    FROM (SELECT x.period_id, x.tier, c.decision, count(*) AS n
          FROM perf_eval.cs_consequence AS c JOIN results AS x USING (sheet_id) GROUP BY 1, 2, 3) AS d
    GROUP BY 1, 2
)
SELECT r.body, r.period_id, r.year, r.tier, t.tier_order, count(*) AS assessed, g.grades,
       round(100 * avg(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_mean_pct,
       round(100 * min(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_min_pct,
       round(100 * max(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_max_pct,
       count(*) FILTER (WHERE r.kef = 0) AS kef_zero, count(*) FILTER (WHERE r.kef > 1) AS kef_above_100,
       coalesce(d.decisions, '{}') AS decisions, coalesce(d.recorded, 0) AS decisions_recorded
FROM results AS r
JOIN perf_eval.cs_position_tier AS t ON t.tier = r.tier
LEFT JOIN grades AS g ON g.period_id = r.period_id AND g.tier = r.tier
LEFT JOIN decisions AS d ON d.period_id = r.period_id AND d.tier = r.tier
GROUP BY r.body, r.period_id, r.year, r.tier, t.tier_order, g.grades, d.decisions, d.recorded;
COMMENT ON COLUMN perf_eval.cs_level_report.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_level_report.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_level_report.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_level_report.tier IS 'Level of the positions (perf_eval.cs_position_tier.tier)';
COMMENT ON COLUMN perf_eval.cs_level_report.tier_order IS 'Sort key of the level (senior management first)';
COMMENT ON COLUMN perf_eval.cs_level_report.assessed IS 'Employees of the level with a result (count; reopened results excluded)';
COMMENT ON COLUMN perf_eval.cs_level_report.grades IS 'Employees per final m2018 grade (jsonb: grade -> count; ''not graded'' when the plan had another number of KPIs)';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_mean_pct IS 'Mean final Kef of the level, %';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_min_pct IS 'Lowest final Kef of the level, %';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_max_pct IS 'Highest final Kef of the level, %';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_zero IS 'Results with Kef 0 (count)';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_above_100 IS 'Results with Kef above 100 % (count)';
COMMENT ON COLUMN perf_eval.cs_level_report.decisions IS 'Consequences decided (jsonb: decision -> count)';
COMMENT ON COLUMN perf_eval.cs_level_report.decisions_recorded IS 'Consequences decided (count)';
COMMENT ON VIEW perf_eval.cs_level_report IS
'Per body, period and level of position: the distribution of grades, Kef and the consequences decided (APA 2020 report, chapter 4 conclusions, Table 4.3)';

GRANT SELECT ON perf_eval.cs_sheet_history, perf_eval.cs_result_explained, perf_eval.cs_level_report
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
