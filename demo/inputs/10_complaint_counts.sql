-- Complaint counts of every body for 2019 and 2020. Orders of magnitude from
-- seed 000 Table 2.5 (line 1645): 1.3-1.7 million complaints a year
-- nationally, i.e. about 40 000 a body; under one late answer per thousand.
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied,
                                        higher_authority_satisfied, repeated_satisfied, late_disciplined, source)
SELECT c.body, c.year, c.considered, c.late, c.court,
       0, c.repeated, floor(c.late * (0.3 + 0.7 * demo.fraction(c.body || c.year || 'disciplined'))),
       'demo'
FROM (
    SELECT b.code AS body, y.year, v.considered,
           floor(v.considered * 0.0009 * demo.fraction(b.code || y.year || 'late'))::bigint AS late,
           floor(v.considered * 0.00008 * demo.fraction(b.code || y.year || 'court'))::bigint AS court,
           floor(v.considered * 0.008 * demo.fraction(b.code || y.year || 'repeated'))::bigint AS repeated
    FROM perf_eval.body AS b
    JOIN demo.assessed AS y ON y.body = b.code
    CROSS JOIN LATERAL (SELECT (5000 + floor(80000 * demo.fraction(b.code || y.year || 'volume')))::bigint
                        AS considered) AS v
) AS c;
