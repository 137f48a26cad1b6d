-- The goals block's inputs for 2019 and 2020 (METHODOLOGY §3), so the demo's
-- goals ranking is computed from target indicators, budget programmes, audits
-- and penalties. Magnitudes from seed 000:
--   CSB 2019: 71 goals and 342 target indicators (lines 436-442), about three
--   quarters fully achieved, 12 % partially, a few not achieved, 12 % not taken
--   into account (MNE 11 of 25, MDDIAI half, lines 444, 953); 223 budget
--   programmes with efficiency near 0.97 (lines 446, 953); 76 % of goals with
--   a link coefficient of 1.0 (line 466); Citizens Budget compliance high at
--   MF, ME, MNE, 70-90 % at MJ, MIID, MISD, MEGNR, MCS, 20-60 % at the other
--   seven (line 486); penalty points for false reporting at MA, MES, MH (line 431).
--   LEB: about 40 TDP indicators each (basic list, line 985), audited budget
--   development programmes with the 2019 violation shares of line 625,
--   Citizens Budget full only at Almaty and NKO in 2019 (line 637), the
--   participatory budget only in Almaty (and starting in Nur-Sultan) in 2020
--   (line 1003).
-- Every draw is deterministic (demo.fraction). Indicators go through the
-- staging table and its validation report, as an analyst loads them.

-- The generator's row counts come from generate_series over columns, which
-- the planner estimates at 1000 rows a call: it would spend seconds
-- JIT-compiling queries that run in a fraction of one.
SET jit = off;

-- Goals and indicators per body and year; CSB 2019 adds up to 71 goals and 342 indicators.
CREATE TABLE demo.goals_plan (body text, year integer, goals integer, indicators integer, not_counted_rate numeric,
                              not_achieved_rate numeric DEFAULT 0.009, partial_rate numeric DEFAULT 0.145,
                              partial_floor numeric DEFAULT 0.6, PRIMARY KEY (body, year));
INSERT INTO demo.goals_plan (body, year, goals, indicators, not_counted_rate)
SELECT t.body, 2019, t.goals, t.indicators,
       CASE t.body WHEN 'MNE' THEN 0.44 WHEN 'MDDIAI' THEN 0.5 ELSE 0.07 END
FROM (VALUES ('ACSA', 3, 14), ('MA', 5, 24), ('MCS', 4, 18), ('MDDIAI', 4, 22), ('ME', 5, 21), ('MEGNR', 4, 20),
             ('MES', 6, 30), ('MF', 4, 17), ('MFA', 3, 12), ('MH', 5, 26), ('MIID', 5, 24), ('MISD', 4, 18),
             ('MJ', 3, 15), ('MLSPP', 5, 24), ('MNE', 4, 25), ('MTI', 4, 19), ('NB', 3, 13)) AS t(body, goals, indicators);
-- 2020: the same plans, a few indicators more or fewer; ARDFM is assessed from 2020.
INSERT INTO demo.goals_plan (body, year, goals, indicators, not_counted_rate)
SELECT p.body, 2020, p.goals, p.indicators - 2 + floor(5 * demo.fraction(p.body || '2020 indicators'))::integer,
       CASE p.body WHEN 'MNE' THEN 0.3 WHEN 'MDDIAI' THEN 0.3 ELSE 0.06 END
FROM demo.goals_plan AS p WHERE p.year = 2019
UNION ALL SELECT 'ARDFM', 2020, 3, 12, 0.06;
-- TDP indicators fall short more often (seed 000 line 987: 7 to 20 unmet indicators in an area).
INSERT INTO demo.goals_plan
SELECT b.code, y.year, 6 + floor(4 * demo.fraction(b.code || y.year || 'tdp goals'))::integer,
       36 + floor(9 * demo.fraction(b.code || y.year || 'tdp indicators'))::integer, 0.08, 0.04, 0.35, 0.4
FROM perf_eval.body AS b JOIN demo.assessed AS y ON y.body = b.code
WHERE b.kind = 'LEB';

-- Every indicator: direction, plan, an outcome drawn with the seed's shares, and the corrections' facts.
WITH indicator AS (
    SELECT p.body, p.year, k AS n, ((k - 1) % p.goals) + 1 AS goal_no, p.not_counted_rate,
           p.not_achieved_rate, p.partial_rate, p.partial_floor,
           p.body || p.year || 'TI' || k AS label
    FROM demo.goals_plan AS p CROSS JOIN LATERAL generate_series(1, p.indicators) AS k
),
drawn AS (
    SELECT i.*,
           CASE WHEN demo.fraction(i.label || 'nc') < i.not_counted_rate / 2 THEN 'unpublished'
                WHEN demo.fraction(i.label || 'nc') < i.not_counted_rate THEN 'zero'
                WHEN demo.fraction(i.label || 'outcome') < i.not_achieved_rate THEN 'not_achieved'
                WHEN demo.fraction(i.label || 'outcome') < i.partial_rate THEN 'partial'
                WHEN demo.fraction(i.label || 'outcome') < i.partial_rate + 0.08 THEN 'overfulfilled'
                ELSE 'achieved' END AS outcome,
           round(10 + 990 * demo.fraction(i.label || 'plan'), 1) AS plan,
           demo.fraction(i.label || 'r') AS f_r,
           demo.fraction(i.label || 'plan revised') AS f_revised,
           demo.fraction(i.label || 'last year') AS f_previous
    FROM indicator AS i
),
shaped AS (
    SELECT d.*,
           CASE WHEN d.outcome <> 'not_achieved' AND demo.fraction(d.label || 'direction') < 0.25
                THEN 'decrease' ELSE 'increase' END AS direction,
           CASE d.outcome WHEN 'partial' THEN d.partial_floor + (0.99 - d.partial_floor) * d.f_r
                          WHEN 'overfulfilled' THEN 1.26 + 0.3 * d.f_r
                          WHEN 'achieved' THEN 1 + 0.2 * d.f_r
                          ELSE 0 END AS r
    FROM drawn AS d
),
valued AS (
    SELECT s.*,
           CASE WHEN s.outcome = 'zero' THEN 0 ELSE s.plan END AS plan_value,
           CASE WHEN s.outcome = 'zero' THEN 0
                WHEN s.outcome = 'unpublished' THEN NULL
                WHEN s.direction = 'increase' THEN round(s.plan * s.r, 2)
                ELSE round(s.plan / s.r, 2) END AS fact
    FROM shaped AS s
)
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, goal_title, indicator_code, indicator_title,
                                                unit, direction, plan, plan_original, fact, fact_previous,
                                                fact_published, indicator_level, source)
SELECT v.body, v.year::text, 'G' || v.goal_no,
       CASE WHEN b.kind = 'CSB' THEN 'Strategic goal ' ELSE 'TDP goal ' END || v.goal_no || ' of ' || v.body,
       v.goal_no || '.' || v.n, 'Target indicator ' || v.goal_no || '.' || v.n,
       CASE WHEN demo.fraction(v.label || 'unit') < 0.5 THEN '%' ELSE 'index, previous year = 100' END,
       v.direction, v.plan_value::text,
       -- 6 % had their plan lowered during the year, 8 % raised; the rest never changed it
       CASE WHEN v.outcome = 'zero' OR v.f_revised >= 0.14 THEN NULL
            WHEN v.f_revised < 0.06 THEN round(CASE v.direction WHEN 'increase' THEN v.plan * 1.1 ELSE v.plan / 1.1 END, 1)
            ELSE round(CASE v.direction WHEN 'increase' THEN v.plan / 1.05 ELSE v.plan * 1.05 END, 1) END::text,
       v.fact::text,
       -- last year's fact: unknown for 12 %, no positive dynamics for 9 %, else an improvement of about 5 %
       CASE WHEN v.fact IS NULL OR v.outcome = 'zero' OR v.f_previous < 0.12 THEN NULL
            WHEN v.outcome = 'not_achieved' THEN round(v.plan * 0.5, 2)
            WHEN v.f_previous < 0.21 THEN round(v.fact * CASE v.direction WHEN 'increase' THEN 1.03 ELSE 0.97 END, 2)
            ELSE round(v.fact * CASE v.direction WHEN 'increase' THEN 0.95 ELSE 1.05 END, 2) END::text,
       (v.outcome <> 'unpublished')::text,
       CASE WHEN b.kind = 'LEB' AND demo.fraction(v.label || 'level') < 0.3 THEN 'regional' ELSE 'national' END,
       'demo'
FROM valued AS v JOIN perf_eval.body AS b ON b.code = v.body
ORDER BY v.body, v.year, v.goal_no, v.n;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM perf_eval.target_indicator_report()) THEN
        RAISE EXCEPTION 'demo target indicators do not validate: %',
            (SELECT string_agg(format('line %s %s: %s', r.line, r.field, r.reason), '; ')
             FROM perf_eval.target_indicator_report() AS r);
    END IF;
END
$$;
SELECT perf_eval.accept_target_indicators() IS NOT NULL AS loaded \gset

-- Budget programmes: about 13 per CSB (223 in 2019), three quarters current; LEB development programmes.
INSERT INTO perf_eval.budget_programme (body, year, programme_code, title, programme_type, achievement, disbursement)
SELECT p.body, p.year, lpad((100 + k)::text, 3, '0'), 'Budget programme ' || (100 + k),
       CASE WHEN b.kind = 'LEB' OR demo.fraction(p.body || p.year || k || 'type') < 0.25 THEN 'development' ELSE 'current' END,
       round(82 + 23 * demo.fraction(p.body || p.year || k || 'A'), 1),
       CASE WHEN demo.fraction(p.body || p.year || k || 'not disbursed') < 0.01 THEN 0
            ELSE round(88 + 12 * demo.fraction(p.body || p.year || k || 'D'), 1) END
FROM demo.goals_plan AS p
JOIN perf_eval.body AS b ON b.code = p.body
CROSS JOIN LATERAL generate_series(1, CASE WHEN b.kind = 'CSB' THEN 11 + floor(5 * demo.fraction(p.body || p.year || 'bps'))::integer
                                           ELSE 12 + floor(6 * demo.fraction(p.body || p.year || 'bps'))::integer END) AS k;
-- Three result indicators a programme; about 2.5 % exceed the plan by more than 5 % (a penalty fact, §3.4).
INSERT INTO perf_eval.budget_programme_result (body, year, programme_code, result_code, title, plan, fact)
SELECT p.body, p.year, p.programme_code, 'R' || k, 'Direct result ' || k, q.plan,
       round(q.plan * CASE WHEN demo.fraction(p.body || p.year || p.programme_code || k || 'over') < 0.025 THEN 1.08
                           ELSE 0.85 + 0.19 * demo.fraction(p.body || p.year || p.programme_code || k || 'fact') END, 1)
FROM perf_eval.budget_programme AS p
CROSS JOIN generate_series(1, 3) AS k
CROSS JOIN LATERAL (SELECT round(10 + 490 * demo.fraction(p.body || p.year || p.programme_code || k || 'plan'))::numeric AS plan) AS q
WHERE p.year IN (2019, 2020);

-- Goal-BP link coefficients of CSB goals: 1.0 for about three goals in four (seed 000 line 466).
INSERT INTO perf_eval.goal_programme_link (body, year, goal_code, coefficient, assessed_by)
SELECT g.body, g.year, g.goal_code,
       CASE WHEN demo.fraction(g.body || g.year || g.goal_code || 'link') < 0.76 THEN 1
            ELSE round(0.85 + 0.14 * demo.fraction(g.body || g.year || g.goal_code || 'link value'), 2) END,
       'demo'
FROM perf_eval.goal AS g JOIN perf_eval.body AS b ON b.code = g.body
WHERE b.kind = 'CSB' AND g.year IN (2019, 2020);

-- Citizens Budget compliance, audits, direct results and the participatory budget.
INSERT INTO perf_eval.budget_assessment (body, year, citizens_budget_compliance, audited, violations_amount,
                                         audited_amount, ia_analysis, direct_results_achieved, direct_results_total,
                                         participatory_budget_share, source)
SELECT p.body, p.year,
       CASE WHEN b.kind = 'CSB' THEN
                CASE WHEN p.body IN ('MF', 'ME', 'MNE') THEN 92 + 8 * f.cb
                     WHEN p.body IN ('MJ', 'MIID', 'MISD', 'MEGNR', 'MCS') THEN 70 + 20 * f.cb
                     WHEN p.body IN ('MES', 'MDDIAI', 'MTI', 'MH', 'MLSPP', 'MA', 'ACSA') THEN 20 + 40 * f.cb + 15 * (p.year - 2019)
                     ELSE 60 + 35 * f.cb END
            WHEN p.year = 2019 THEN
                CASE WHEN p.body IN ('ALMATY_CITY', 'NKO') THEN 100
                     WHEN p.body IN ('PAVLODAR', 'AKTOBE', 'KARAGANDA', 'TURKESTAN') THEN 80 + 19 * f.cb
                     ELSE 20 + 59 * f.cb END
            ELSE CASE WHEN f.cb < 0.3 THEN 100 WHEN f.cb < 0.65 THEN 80 + 19 * f.cb ELSE 40 + 39 * f.cb END
       END::numeric(5, 1),
       CASE WHEN b.kind = 'LEB' THEN NOT (p.year = 2020 AND p.body IN ('MANGYSTAU', 'ZHAMBYL')) END,
       CASE WHEN b.kind = 'LEB' AND NOT (p.year = 2020 AND p.body IN ('MANGYSTAU', 'ZHAMBYL'))
            THEN round(a.audited_amount * a.share / 100, 1) END,
       CASE WHEN b.kind = 'LEB' AND NOT (p.year = 2020 AND p.body IN ('MANGYSTAU', 'ZHAMBYL')) THEN a.audited_amount END,
       CASE WHEN b.kind = 'LEB' THEN demo.fraction(p.body || p.year || 'internal audit') < 0.5 END,
       CASE WHEN b.kind = 'LEB' THEN floor(d.total * (0.85 + 0.15 * demo.fraction(p.body || p.year || 'dr achieved')))::bigint END,
       CASE WHEN b.kind = 'LEB' THEN d.total END,
       CASE WHEN p.year = 2020 AND p.body = 'ALMATY_CITY' THEN 4.2
            WHEN p.year = 2020 AND p.body = 'NURSULTAN_CITY' THEN 0.8 END,
       'demo'
FROM demo.goals_plan AS p
JOIN perf_eval.body AS b ON b.code = p.body
CROSS JOIN LATERAL (SELECT demo.fraction(p.body || p.year || 'citizens budget') AS cb) AS f
CROSS JOIN LATERAL (SELECT (40 + floor(60 * demo.fraction(p.body || p.year || 'dr total')))::bigint AS total) AS d
CROSS JOIN LATERAL (
    -- thousand tenge; 2019 LEB total 287 443 702.8 covered by audit (seed 000 line 625)
    SELECT round(12000000 + 10000000 * demo.fraction(p.body || p.year || 'audited'), 1) AS audited_amount,
           CASE WHEN p.year = 2019 THEN
               CASE p.body WHEN 'ALMATY_CITY' THEN 0.002 WHEN 'PAVLODAR' THEN 0.64 WHEN 'AKTOBE' THEN 0.89
                           WHEN 'TURKESTAN' THEN 2.03 WHEN 'SHYMKENT_CITY' THEN 9.32 WHEN 'NKO' THEN 76.42
                           WHEN 'KOSTANAY' THEN 67.83 WHEN 'AKMOLA' THEN 48.85 WHEN 'WKO' THEN 44.87
                           ELSE round(5 + 35 * demo.fraction(p.body || '2019 violations'), 2) END
           ELSE round(40 * power(demo.fraction(p.body || '2020 violations'), 2), 2) END AS share
) AS a;

-- Penalty facts: false reporting at MA, MES and MH in 2019; late and incomplete reports here and there.
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note)
SELECT t.body, 2019, 'goals', 'unreliable', 1, 'false reporting information (seed 000 line 431)'
FROM (VALUES ('MA'), ('MES'), ('MH')) AS t(body)
UNION ALL
SELECT p.body, p.year, 'goals', k.kind, 1, 'demo'
FROM demo.goals_plan AS p
CROSS JOIN (VALUES ('untimely', 0.3), ('incomplete', 0.15)) AS k(kind, rate)
WHERE demo.fraction(p.body || p.year || k.kind) < k.rate;
