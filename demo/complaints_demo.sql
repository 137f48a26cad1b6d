-- make demo: the complaint-handling coefficients R1-R4 of six bodies, computed
-- from individual complaint records under kz2020 and kz2017 (METHODOLOGY §4.4).
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS perf_eval;

CREATE TABLE demo_body (code text PRIMARY KEY, kind text, name_en text, name_ru text);
\copy demo_body FROM 'demo/bodies.csv' WITH (FORMAT csv, HEADER true)

-- Deterministic complaint records: each body has a volume and how often a
-- record is late, satisfied by a court, satisfied by a higher authority or a
-- repeated justified complaint, and how often a late one was disciplined.
CREATE TABLE demo_profile (code text, considered int, late_every int, court_every int,
                           higher_every int, repeat_every int, disciplined_every int);
INSERT INTO demo_profile VALUES
('MF',             48000,  1600, 0,     9000, 400,  1),
('ME',             26000,  2600, 13000, 0,    520,  2),
('MH',             61000,  1017, 30500, 6100, 305,  3),
('ALMATY_CITY',    95000,  4750, 0,     0,    950,  1),
('TURKESTAN',      57000,   950, 19000, 5700, 190,  4),
('NURSULTAN_CITY', 88000,  8800, 44000, 0,    2200, 2);

CREATE TABLE demo_complaint AS
SELECT p.code,
       p.late_every   > 0 AND g % p.late_every   = 0 AS late,
       p.court_every  > 0 AND g % p.court_every  = 0 AS court_satisfied,
       p.higher_every > 0 AND g % p.higher_every = 0 AS higher_authority_satisfied,
       p.repeat_every > 0 AND g % p.repeat_every = 0 AS repeated_satisfied,
       (g / greatest(p.late_every, 1)) % p.disciplined_every = 0 AS disciplinary_action
FROM demo_profile AS p, generate_series(1, p.considered) AS g;

-- One tally per body straight from the records (a parallel-safe aggregate).
CREATE TABLE demo_tally AS
SELECT code, perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                           repeated_satisfied, disciplinary_action) AS tally
FROM demo_complaint GROUP BY code;

\echo
\echo 'Complaint counts per body (p considered, f late, a court, c higher authority, n repeated, d late and disciplined)'
SELECT b.code, b.kind, (t.tally).considered AS p, (t.tally).late AS f, (t.tally).court_satisfied AS a,
       (t.tally).higher_authority_satisfied AS c, (t.tally).repeated_satisfied AS n, (t.tally).late_disciplined AS d
FROM demo_tally AS t JOIN demo_body AS b USING (code)
ORDER BY b.kind, b.code;

\echo
\echo 'Complaints direction H under kz2020: H = R1 + R2 + R3 + R4 (max 40 + 30 + 20 + 10)'
SELECT b.code, b.kind,
       round(s.timeliness, 2) AS r1, round(s.court, 2) AS r2, round(s.repeat, 2) AS r3,
       round(s.internal_control, 2) AS r4, round(s.total, 1) AS h,
       perf_eval.efficiency_zone(s.total, 'kz2020') AS zone
FROM demo_tally AS t JOIN demo_body AS b USING (code)
CROSS JOIN LATERAL perf_eval.complaint_scores(t.tally, 'kz2020') AS s
ORDER BY s.total DESC, b.code;

\echo
\echo 'The same records under kz2017: R1 per 100, R2 with volume tiers counting higher-authority cases, no R4'
\echo '(R3 was a supplied criterion in 2017; without it H is not assessable, so R1 + R2 are shown)'
SELECT b.code, round(s.timeliness, 2) AS r1_2017, round(s.court, 2) AS r2_2017,
       round(s.timeliness + s.court, 1) AS r1_plus_r2
FROM demo_tally AS t JOIN demo_body AS b USING (code)
CROSS JOIN LATERAL perf_eval.complaint_scores(t.tally, 'kz2017') AS s
ORDER BY b.code;
