-- The organisational development block's inputs for 2019 and 2020 (METHODOLOGY
-- §5), so the demo's org-dev ranking is computed from personnel and IT data.
-- Magnitudes from seed 000 (lines 2935-3060):
--   net staff turnover about 7.7 % (CSB 8 %, LEB 7.4 %), exit-interview coverage
--   about 98 %, job satisfaction about 88 % (CSB 87 %, LEB 91 %); criterion means
--   K 17.2 / O 28.2 / M 35.6 of 30 / 30 / 40 and W about 1.7 (lines 2990-3002);
--   MTI: turnover 7.9 %, 17.58 % qualified staff, no HR strategy (line 2941);
--   Almaty region: full training and exit-interview coverage, 41 % women in
--   leadership, three systems fully current (line 2947); Shymkent: no HR
--   strategy, little E-kyzmet use, no systems on the balance, 9 of 91 functions
--   automated (lines 2949-2953); MCS without systems (line 3045); MFA a poorly
--   filled portal, MES and MTI little automation (lines 3043-3047); Nur-Sultan
--   and Mangystau unused systems, Mangystau stale data, Akmola, Mangystau and
--   Shymkent little automation (line 3060).
-- Each body's 2019 draws are centred on its published H and IT (Tables 3.7 and
-- 3.8, test/vectors/orgdev.csv), so the computed ranking resembles the
-- published one without copying it; 2020 drifts from 2019. Every draw is
-- deterministic (demo.fraction). The four files go through the staging tables
-- and their validation report, as an analyst loads them.

-- The generator's row counts come from generate_series over columns, which
-- the planner estimates at 1000 rows a call: it would spend seconds
-- JIT-compiling queries that run in a fraction of one.
SET jit = off;

CREATE TEMP TABLE published_2019 (id text, kernel text, variant text, kind text, body text, t text, a1 text,
    a2 text, b1 text, b2 text, a text, b text, c text, d text, levels text, e1 text, e2 text, e3 text, e4 text,
    n text, n_excluded text, h numeric, it numeric, k text, o text, m text, w text, expected text, scale text,
    exact text, sqlstate text, expected_display text, expected_rank text, expected_zone text, source text, note text);
\copy published_2019 FROM 'test/vectors/orgdev.csv' WITH (FORMAT csv, HEADER true)

-- A quality in 0..1 per body, year and direction: 2019 from the published scores,
-- 2020 from 2019 with a drift, a body new in 2020 drawn.
CREATE TABLE demo.orgdev_profile (body text, year integer, kind text, hr_quality numeric, it_quality numeric,
                                  PRIMARY KEY (body, year));
INSERT INTO demo.orgdev_profile
SELECT a.body, a.year, b.kind,
       greatest(0, least(1, CASE WHEN a.year = 2019 AND p.h IS NOT NULL THEN (p.h - 65) / 30
                                 ELSE coalesce((p.h - 65) / 30, 0.45) + 0.3 * (demo.fraction(a.body || a.year || 'hr drift') - 0.5) END)),
       greatest(0, least(1, CASE WHEN a.year = 2019 AND p.it IS NOT NULL THEN p.it / 100
                                 ELSE coalesce(p.it / 100, 0.6) + 0.3 * (demo.fraction(a.body || a.year || 'it drift') - 0.3) END))
FROM demo.assessed AS a
JOIN perf_eval.body AS b ON b.code = a.body
LEFT JOIN published_2019 AS p ON p.body = a.body AND p.kernel = 'orgdev_block'
WHERE perf_eval.scope_status(a.body, 'orgdev', a.year) <> 'exempt';

-- A draw centred on the body's quality: low + spread * (share * quality + (1 - share) * noise).
CREATE FUNCTION demo.orgdev_draw(label text, quality numeric, low numeric, spread numeric, share numeric DEFAULT 0.6)
RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
    SELECT round($3 + $4 * ($5 * $2 + (1 - $5) * demo.fraction($1)), 2)
$$;

-- Personnel: average headcounts (2019, the agency's monitoring) or month-end counts (2020).
CREATE TEMP TABLE staff AS
SELECT p.body, p.year, p.kind, p.hr_quality AS q, p.body || p.year AS label,
       CASE p.kind WHEN 'CSB' THEN 40 + 120 * demo.fraction(p.body || 'management')
                   ELSE 60 + 140 * demo.fraction(p.body || 'management') END AS management,
       CASE p.kind WHEN 'CSB' THEN 150 + 500 * demo.fraction(p.body || 'other')
                   ELSE 350 + 600 * demo.fraction(p.body || 'other') END AS other,
       CASE WHEN p.body = 'MTI' AND p.year = 2019 THEN 0.079
            ELSE 0.095 - 0.04 * p.hr_quality + 0.02 * (demo.fraction(p.body || p.year || 'turnover') - 0.5) END AS t
FROM demo.orgdev_profile AS p;

INSERT INTO perf_eval.orgdev_hr_inputs_staging (body, year, left_management, left_other, average_management,
    average_other, long_tenure_percent, exit_interview_percent, women_leadership_percent, qualified_percent,
    overtime_free_percent, working_conditions_survey_percent, management_survey_percent, advanced_training_due,
    advanced_training_done, retraining_due, retraining_done, hr_strategy_approved, ekyzmet_documents_per_servant,
    observed_competitions_percent, meritocracy_survey_percent, internal_promotion_percent,
    incentives_survey_percent, ethics_survey_percent, source)
SELECT s.body, s.year, round(s.t * s.management * 0.6), round(s.t * (s.management * 0.4 + s.other)),
       CASE WHEN s.year = 2019 THEN round(s.management, 2) END, CASE WHEN s.year = 2019 THEN round(s.other, 2) END,
       demo.orgdev_draw(s.label || 'tenure', s.q, 45, 40),
       CASE WHEN s.body = 'ALMATY_REG' AND s.year = 2019 THEN 100 ELSE demo.orgdev_draw(s.label || 'exit', s.q, 92, 8, 0.5) END,
       CASE WHEN s.body = 'ALMATY_REG' AND s.year = 2019 THEN 41 ELSE demo.orgdev_draw(s.label || 'women', s.q, 15, 30, 0.5) END,
       CASE WHEN s.body = 'MTI' AND s.year = 2019 THEN 17.58 ELSE demo.orgdev_draw(s.label || 'qualified', s.q, 6, 16) END,
       demo.orgdev_draw(s.label || 'overtime', s.q, 80, 19),
       demo.orgdev_draw(s.label || 'conditions', s.q, CASE s.kind WHEN 'CSB' THEN 80 ELSE 84 END, 15),
       demo.orgdev_draw(s.label || 'management', s.q, 76, 20),
       t.due, t.due - t.late, t.retraining_due, t.retraining_due - t.retraining_late,
       CASE WHEN s.body IN ('MTI', 'SHYMKENT_CITY') AND s.year = 2019 THEN 'false'
            ELSE (demo.fraction(s.label || 'strategy') < 0.3 + 0.7 * s.q)::text END,
       CASE WHEN s.body = 'SHYMKENT_CITY' AND s.year = 2019 THEN 2.4 ELSE demo.orgdev_draw(s.label || 'ekyzmet', s.q, 5, 6) END,
       demo.orgdev_draw(s.label || 'observers', s.q, 82, 18),
       demo.orgdev_draw(s.label || 'meritocracy', s.q, 84, 15),
       demo.orgdev_draw(s.label || 'promotion', s.q, 32, 24),
       demo.orgdev_draw(s.label || 'incentives', s.q, 78, 18),
       demo.orgdev_draw(s.label || 'ethics', s.q, 86, 12),
       'demo'
FROM staff AS s
CROSS JOIN LATERAL (
    SELECT round(s.other * (0.08 + 0.07 * demo.fraction(s.label || 'due')))::bigint AS due,
           CASE WHEN s.body = 'ALMATY_REG' AND s.year = 2019 THEN 0
                ELSE floor(3 * (1 - s.q) * demo.fraction(s.label || 'late'))::bigint END AS late,
           floor(6 * demo.fraction(s.label || 'retraining'))::bigint AS retraining_due,
           CASE WHEN s.body = 'ALMATY_REG' AND s.year = 2019 THEN 0
                WHEN demo.fraction(s.label || 'retraining late') < 0.15 THEN 1 ELSE 0 END AS retraining_late
) AS raw
CROSS JOIN LATERAL (SELECT raw.due, least(raw.late, raw.due) AS late, raw.retraining_due,
                           least(raw.retraining_late, raw.retraining_due) AS retraining_late) AS t;

-- 2020 month-end counts: the averages with hiring and leaving through the year.
INSERT INTO perf_eval.orgdev_headcount_month_staging (body, year, month, management, other)
SELECT s.body, s.year, m,
       round(s.management * (0.97 + 0.06 * demo.fraction(s.label || 'management' || m))),
       round(s.other * (0.96 + 0.08 * demo.fraction(s.label || 'other' || m)))
FROM staff AS s CROSS JOIN generate_series(1, 12) AS m
WHERE s.year = 2020;

-- Each servant not trained on time is a violation fact recorded by the agency: 1 point in W
-- (seed 000 line 3620).
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note)
SELECT s.body, s.year::integer, 'orgdev', 'training_violation',
       (s.advanced_training_due::bigint - s.advanced_training_done::bigint)
       + (s.retraining_due::bigint - s.retraining_done::bigint), 'demo: training not on time'
FROM perf_eval.orgdev_hr_inputs_staging AS s
WHERE s.advanced_training_due::bigint > s.advanced_training_done::bigint
   OR s.retraining_due::bigint > s.retraining_done::bigint;

-- Reporting penalties (1 point unreliable, 0.5 incomplete or untimely, §2.5): a few bodies a year.
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note)
SELECT p.body, p.year, 'orgdev', k.kind, 1, 'demo: ' || k.kind || ' report'
FROM demo.orgdev_profile AS p
CROSS JOIN (VALUES ('untimely', 0.25), ('incomplete', 0.12), ('unreliable', 0.05)) AS k(kind, rate)
WHERE demo.fraction(p.body || p.year || k.kind) < k.rate * (1.5 - p.hr_quality);

-- Information technology: integrations, functions and systems on the balance.
CREATE TEMP TABLE it_profile AS
SELECT p.body, p.year, p.kind, p.it_quality AS q, p.body || p.year || 'it' AS label,
       CASE WHEN p.body IN ('MCS', 'SHYMKENT_CITY') AND p.year = 2019 OR p.body = 'MCS' THEN 0
            WHEN p.body = 'ALMATY_REG' AND p.year = 2019 THEN 3
            ELSE 3 + floor(CASE p.kind WHEN 'CSB' THEN 20 ELSE 15 END * demo.fraction(p.body || 'systems'))::integer
       END AS systems,
       CASE WHEN p.body IN ('MCS', 'SHYMKENT_CITY') AND p.year = 2019 THEN 0
            ELSE 2 + floor(12 * demo.fraction(p.body || p.year || 'integrations'))::integer END AS planned,
       CASE WHEN p.body = 'SHYMKENT_CITY' AND p.year = 2019 THEN 91
            ELSE 60 + floor(120 * demo.fraction(p.body || 'functions'))::integer END AS functions,
       CASE WHEN p.body = 'SHYMKENT_CITY' AND p.year = 2019 THEN 9.0 / 91
            WHEN p.body IN ('MES', 'MTI', 'AKMOLA', 'MANGYSTAU') THEN 0.12 + 0.15 * demo.fraction(p.body || p.year || 'automated')
            ELSE 0.1 + 0.9 * (0.85 * p.it_quality + 0.15 * demo.fraction(p.body || p.year || 'automated')) END AS automated_share
FROM demo.orgdev_profile AS p;

INSERT INTO perf_eval.orgdev_it_inputs_staging (body, year, integrations_planned, integrations_implemented,
    functions_subject, functions_non_automatable, functions_own_systems, functions_service_model,
    functions_other_bodies_systems, functions_third_party, has_it_unit, local_content_percent, source)
SELECT i.body, i.year, i.planned,
       round(i.planned * (0.2 + 0.8 * (0.8 * i.q + 0.2 * demo.fraction(i.label || 'implemented')))),
       i.functions, floor(0.1 * i.functions * demo.fraction(i.label || 'non-automatable')),
       round(0.7 * a.automated), round(0.1 * a.automated), round(0.15 * a.automated),
       a.automated - round(0.7 * a.automated) - round(0.1 * a.automated) - round(0.15 * a.automated),
       (i.kind = 'LEB' AND demo.fraction(i.body || 'it unit') > 0.15)::text,
       CASE WHEN i.year >= 2020 THEN round(15 + 45 * demo.fraction(i.label || 'local content'), 1) END,
       'demo'
FROM it_profile AS i
CROSS JOIN LATERAL (SELECT round(i.functions * i.automated_share)::bigint AS automated) AS a;

INSERT INTO perf_eval.orgdev_information_system_staging (body, year, system_code, registered_on_portal,
                                                        relevance_level, unused)
SELECT i.body, i.year, i.body || '-IS-' || lpad(g::text, 2, '0'),
       (demo.fraction(i.label || 'portal' || g) < CASE WHEN i.body = 'MFA' THEN 0.3
                                                      ELSE 0.1 + 0.9 * i.q END)::text,
       CASE WHEN i.body = 'ALMATY_REG' AND i.year = 2019 THEN 1
            WHEN i.body = 'MANGYSTAU' THEN round(0.2 + 0.3 * demo.fraction(i.label || 'relevance' || g), 2)
            ELSE round(least(1, 0.3 + 0.75 * (0.8 * i.q + 0.2 * demo.fraction(i.label || 'relevance' || g))), 2) END,
       (g <= CASE WHEN i.body IN ('NURSULTAN_CITY', 'MANGYSTAU') THEN 3
                  WHEN i.q < 0.5 THEN 2
                  WHEN demo.fraction(i.label || 'unused') < 0.2 THEN 1 ELSE 0 END)::text
FROM it_profile AS i CROSS JOIN LATERAL generate_series(1, i.systems) AS g;

-- The report must be empty; accept loads all four files at once.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM perf_eval.orgdev_inputs_report()) THEN
        RAISE EXCEPTION 'demo org-dev inputs have problems: %',
            (SELECT string_agg(format('%s line %s %s: %s', r.staging, r.line, r.field, r.reason), '; ')
             FROM perf_eval.orgdev_inputs_report() AS r);
    END IF;
END
$$;
SELECT perf_eval.accept_orgdev_inputs() AS orgdev_rows_loaded \gset
