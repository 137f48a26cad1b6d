-- =========================================================================
-- Section: civil servants of corps "B": views (METHODOLOGY §6, §0.2)
--
-- security_invoker: each view shows what the querying login may see under
-- row-level security (an employee their own sheets, a manager their
-- subordinates', HR their body's, a commission the sheets before it).
-- Kef and its parts are stored as fractions and shown here as % rounded half
-- away from zero to cs.present.kef_scale decimals; shares to present.share_scale.
-- =========================================================================

-- One row per assessment sheet with its result (final = the commission's revision if any).
CREATE VIEW perf_eval.cs_sheet_result WITH (security_invoker = true) AS
SELECT s.body, p.period_id, p.year, e.employee_id, e.personnel_no, e.full_name, pos.unit,
       pos.title AS position, pos.tier, s.sheet_id, s.state AS sheet_state, s.exempt_reason,
       r.state AS result_state, r.kpis, r.kpis_achieved, r.kpi_part, r.competencies, r.competencies_met,
       r.competency_part, r.kef_raw, r.completed_tasks, r.total_tasks, r.plan_gate,
       r.computed_kef, r.revised_kef, coalesce(r.revised_kef, r.computed_kef) AS kef,
       round(100 * coalesce(r.revised_kef, r.computed_kef),
             perf_eval.cs_param_integer(p.methodology, 'cs.present.kef_scale')) AS kef_pct,
       r.computed_grade, r.revised_grade, coalesce(r.revised_grade, r.computed_grade) AS grade,
       r.decision, r.decided_on, r.votes_yes, r.votes_no, r.members_present, r.members_voting,
       p.methodology, p.grade_methodology
FROM perf_eval.cs_assessment_sheet AS s
JOIN perf_eval.cs_assessment_period AS p ON p.period_id = s.period_id
JOIN perf_eval.cs_employee AS e ON e.employee_id = s.employee_id
JOIN perf_eval.cs_position AS pos ON pos.position_id = e.position_id
LEFT JOIN perf_eval.cs_result AS r ON r.sheet_id = s.sheet_id;
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
COMMENT ON VIEW perf_eval.cs_competency_result IS
'Competency results per sheet: meets expectations when 4k >= 3n (APA 2020 report §4.1); they guide development and do not affect bonuses';

-- A body's distribution of grades per period, with the Kef of each grade's employees.
CREATE VIEW perf_eval.cs_grade_distribution WITH (security_invoker = true) AS
WITH results AS (
    SELECT r.body, r.period_id, r.year, r.methodology, r.grade_methodology, r.grade, r.kef
    FROM perf_eval.cs_sheet_result AS r
    WHERE r.result_state IS NOT NULL
),
periods AS (
    SELECT DISTINCT x.body, x.period_id, x.year, x.methodology, x.grade_methodology, count(*) OVER w AS assessed
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
             perf_eval.cs_param_integer(g.grade_methodology, 'present.share_scale')) AS share_pct,
       round(100 * avg(x.kef), perf_eval.cs_param_integer(g.methodology, 'cs.present.kef_scale')) AS kef_mean_pct,
       round(100 * min(x.kef), perf_eval.cs_param_integer(g.methodology, 'cs.present.kef_scale')) AS kef_min_pct,
       round(100 * max(x.kef), perf_eval.cs_param_integer(g.methodology, 'cs.present.kef_scale')) AS kef_max_pct
FROM grades AS g
LEFT JOIN results AS x ON x.period_id = g.period_id AND x.grade IS NOT DISTINCT FROM g.grade
GROUP BY g.body, g.period_id, g.year, g.grade, g.grade_order, g.assessed, g.methodology, g.grade_methodology;
COMMENT ON VIEW perf_eval.cs_grade_distribution IS
'Per body and period: employees per m2018 grade (every grade listed, best first), their share of those assessed, and the mean, min and max Kef of each grade in % (docs/methodology.md §6.1, §6.2)';

-- A body's distribution of Kef per period: quartiles and the effect of the plan gate.
CREATE VIEW perf_eval.cs_kef_distribution WITH (security_invoker = true) AS
SELECT r.body, r.period_id, r.year, count(*) AS assessed,
       round(100 * avg(r.kef), perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_mean_pct,
       round(100 * min(r.kef), perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_min_pct,
       round(100 * percentile_disc(0.25) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_q1_pct,
       round(100 * percentile_disc(0.5) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_median_pct,
       round(100 * percentile_disc(0.75) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_q3_pct,
       round(100 * max(r.kef), perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_max_pct,
       count(*) FILTER (WHERE r.kef > 1) AS above_100_pct,
       count(*) FILTER (WHERE r.plan_gate = 1) AS plan_fulfilled,
       count(*) FILTER (WHERE r.plan_gate > 0 AND r.plan_gate < 1) AS plan_gate_reduced,
       count(*) FILTER (WHERE r.plan_gate = 0) AS plan_gate_zero,
       count(*) FILTER (WHERE r.decision = 'revised') AS revised_by_commission
FROM perf_eval.cs_sheet_result AS r
WHERE r.result_state IS NOT NULL
GROUP BY r.body, r.period_id, r.year, r.methodology;
COMMENT ON VIEW perf_eval.cs_kef_distribution IS
'Per body and period: Kef of the assessed (mean, min, quartiles, max in %), how many exceed 100 %, and how the plan-execution gate acted (docs/methodology.md §6.2; the APA 2020 report gives no Kef grade thresholds, so none are drawn)';

-- Steps past their deadline today (working days; METHODOLOGY §6.3).
CREATE VIEW perf_eval.cs_overdue_sheets WITH (security_invoker = true) AS
SELECT d.* FROM perf_eval.cs_deadlines(current_date) AS d WHERE d.overdue;
COMMENT ON VIEW perf_eval.cs_overdue_sheets IS
'Plans, sheets and results whose next step is overdue today, with the obligation, the deadline parameter, the due date and the working days late; perf_eval.cs_deadlines(date) gives the same for any date';
