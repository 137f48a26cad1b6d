-- The complaint-handling coefficients R1-R4 (METHODOLOGY §4.4) as an analyst calls them.

-- Table 2.9 of seed 000: raw values (clamp none) on small and large volumes.
SELECT p,
       perf_eval.complaint_timeliness_score(3, p, 40, 1000) AS r1,
       perf_eval.complaint_court_score(3, p, 30, 10000) AS r2,
       perf_eval.complaint_repeat_score(3, p, 20, 100) AS r3
FROM (VALUES (50), (50000)) AS t(p);

-- The same under the rating policies of kz2020 (floor at 0, cap at k; full points on zero volume).
SELECT part, p,
       perf_eval.complaint_timeliness_score(part, p, 40, 1000, 'floor0_capk', 'full_points') AS r1,
       perf_eval.complaint_court_score(part, p, 30, 10000, 'floor0_capk', 'full_points') AS r2,
       perf_eval.complaint_repeat_score(part, p, 20, 100, 'floor0_capk', 'full_points') AS r3
FROM (VALUES (0, 0), (3, 50), (3, 50000)) AS t(part, p);

-- A non-terminating quotient keeps its digits; presentation rounds.
SELECT perf_eval.complaint_timeliness_score(1, 3, 40, 1000) AS r1_raw,
       round(perf_eval.complaint_timeliness_score(1, 3, 40, 1000), 2) AS r1_shown;

-- kz2017 R2 with volume tiers on b (10..999 -> 10, 1000..4999 -> 100, 5000+ -> 1000).
SELECT b, perf_eval.complaint_court_score_tiered(1, 0, b, 40,
          perf_eval.param_text('kz2017', 'complaints.r2.tiers')) AS r2_2017
FROM (VALUES (9), (10), (999), (1000), (5000)) AS t(b);

-- R4: share of late complaints followed by disciplinary action, in bands.
SELECT d, f, perf_eval.complaint_internal_control_points(d, f,
          perf_eval.param_text('kz2020', 'complaints.r4.bands')) AS r4
FROM (VALUES (9, 10), (8999, 10000), (999, 2000), (0, 0)) AS t(d, f);

-- The whole direction of one body under kz2020, from its counts.
SELECT * FROM perf_eval.complaint_scores('(20000,8,0,0,21,6)', 'kz2020');

-- NULL in, NULL out.
SELECT perf_eval.complaint_timeliness_score(NULL, 10, 40, 1000) IS NULL AS strict;

-- Errors: negative count, part over whole, unknown policies, a + c over b, d over f.
SELECT perf_eval.complaint_timeliness_score(-1, 10, 40, 1000);
SELECT perf_eval.complaint_timeliness_score(11, 10, 40, 1000);
SELECT perf_eval.complaint_timeliness_score(1, 10, 40, 1000, 'floor1');
SELECT perf_eval.complaint_timeliness_score(1, 10, 40, 1000, 'none', 'zero');
SELECT perf_eval.complaint_court_score_tiered(6, 5, 10, 40, 'ge 10 => 10; else => null');
SELECT perf_eval.complaint_internal_control_points(3, 2, 'ge 90 => 10; else => 0');
SELECT perf_eval.complaint_repeat_score(1, 10, -20, 100);
