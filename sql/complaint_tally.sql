-- complaint_tally_agg over individual complaint records (METHODOLOGY §7).

CREATE TABLE complaint_record (
    body text, deadline date, answered_on date,
    late boolean, court_satisfied boolean, higher_authority_satisfied boolean,
    repeated_satisfied boolean, disciplinary_action boolean);
INSERT INTO complaint_record VALUES
('MF',  '2020-03-01', '2020-02-28', false, false, false, false, false),
('MF',  '2020-03-01', '2020-03-05', true,  false, false, false, true),
('MF',  '2020-03-01', '2020-03-02', true,  true,  false, NULL,  false),
('MF',  '2020-04-01', NULL,         NULL,  false, false, false, false),
('ME',  '2020-05-01', '2020-05-01', false, false, true,  true,  true);

-- One tally per body; NULL flags count as false; late_disciplined needs both.
SELECT body, perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                           repeated_satisfied, disciplinary_action)
FROM complaint_record GROUP BY body ORDER BY body;

-- The dated form derives lateness and skips the unanswered record.
SELECT body, perf_eval.complaint_tally_agg(deadline, answered_on, court_satisfied,
                                           higher_authority_satisfied, repeated_satisfied, disciplinary_action)
FROM complaint_record GROUP BY body ORDER BY body;

-- The tally's fields feed the kernels directly.
SELECT body, (perf_eval.complaint_scores(t, 'kz2020')).*
FROM (SELECT body, perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                                 repeated_satisfied, disciplinary_action) AS t
      FROM complaint_record GROUP BY body) AS s
ORDER BY body;

-- Partial states (e.g. monthly summaries) merge; text is their portable form.
SELECT perf_eval.complaint_tally_merge_agg(t)
FROM (VALUES ('(10,2,1,0,1,1)'::perf_eval.complaint_tally), (NULL), ('(5,1,0,0,0,0)')) AS v(t);
SELECT perf_eval.complaint_tally_merge_agg(t)
FROM (VALUES ('(5,6,0,0,0,0)'::perf_eval.complaint_tally)) AS v(t);
SELECT perf_eval.complaint_tally_merge_agg(t)
FROM (VALUES ('(5,-1,0,0,0,0)'::perf_eval.complaint_tally)) AS v(t);

-- No rows: zero counts, like count(*).
SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)
FROM complaint_record WHERE false;

-- Under forced parallelism the aggregate runs as partial aggregates in workers.
CREATE TABLE complaint_record_large AS
SELECT g % 41 AS body, g % 7 = 0 AS late, g % 1000 = 0 AS court_satisfied, false AS higher_authority_satisfied,
       g % 50 = 0 AS repeated_satisfied, g % 3 = 0 AS disciplinary_action
FROM generate_series(1, 50000) AS g;
ANALYZE complaint_record_large;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF)
SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)
FROM complaint_record_large;
SELECT perf_eval.complaint_tally_agg(late, court_satisfied, higher_authority_satisfied,
                                     repeated_satisfied, disciplinary_action)
FROM complaint_record_large;
RESET ALL;

DROP TABLE complaint_record, complaint_record_large;
