-- service_tally_agg over individual public-service deliveries (METHODOLOGY §7.1, §4.2).

CREATE TABLE delivery (
    body text, deadline_violated boolean, unreasonable_refusal boolean, incomplete_package boolean,
    extra_documents boolean, electronic boolean, quality_appeal_justified boolean);
INSERT INTO delivery VALUES
('MF', false, false, false, false, true,  false),
('MF', true,  false, true,  false, true,  false),
('MF', true,  true,  false, true,  false, true),
('MF', NULL,  NULL,  NULL,  NULL,  NULL,  NULL),
('ME', false, false, false, true,  true,  false);

-- One tally per body: each row counts once in deliveries; NULL flags are false.
SELECT body, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                         extra_documents, electronic, quality_appeal_justified)
FROM delivery GROUP BY body ORDER BY body;

-- The fields by name: the inputs of rate_x = 100000 * count_x / deliveries (§4.2).
SELECT body, (t).deliveries, (t).deadline_violations, (t).electronic,
       round(100000 * (t).deadline_violations / (t).deliveries::numeric, 1) AS deadline_rate
FROM (SELECT body, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                               extra_documents, electronic, quality_appeal_justified) AS t
      FROM delivery GROUP BY body) AS s
ORDER BY body;

-- No rows: zero counts, like count(*).
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)
FROM delivery WHERE false;

-- Partial states (monthly summaries, a distributed engine's per-node results)
-- merge; text is their portable form; a NULL state is skipped.
SELECT perf_eval.service_tally_merge_agg(t)
FROM (VALUES ('(1000,3,1,0,2,850,0)'::perf_eval.service_tally), (NULL), ('(500,1,0,1,0,400,1)')) AS v(t);
SELECT '(1000,3,1,0,2,850,0)'::perf_eval.service_tally::text;
SELECT perf_eval.service_tally_merge_agg(t) FROM (VALUES (NULL::perf_eval.service_tally)) AS v(t) WHERE false;

-- A state from outside is checked: parts <= deliveries (22023), counts >= 0 (22003).
SELECT perf_eval.service_tally_merge_agg(t)
FROM (VALUES ('(10,0,0,0,0,11,0)'::perf_eval.service_tally)) AS v(t);
SELECT perf_eval.service_tally_merge_agg(t)
FROM (VALUES ('(10,-1,0,0,0,0,0)'::perf_eval.service_tally)) AS v(t);
SELECT perf_eval.service_tally_merge_agg(t)
FROM (VALUES ('(10,0,0,0,0,0,)'::perf_eval.service_tally)) AS v(t);

-- Counters are exact bigint: a sum past the range is an error, not a wrap.
SELECT perf_eval.service_tally_merge_agg(t)
FROM (VALUES ('(9223372036854775807,0,0,0,0,0,0)'::perf_eval.service_tally), ('(1,0,0,0,0,0,0)')) AS v(t);

-- Under forced parallelism the aggregate runs as partial aggregates in
-- workers, whose states are serialized and combined by the leader.
CREATE TABLE delivery_large AS
SELECT 'B' || (g % 41) AS body, g % 500 = 0 AS deadline_violated, g % 3001 = 0 AS unreasonable_refusal,
       g % 1499 = 0 AS incomplete_package, g % 211 = 0 AS extra_documents, g % 7 <> 0 AS electronic,
       g % 4999 = 0 AS quality_appeal_justified
FROM generate_series(1, 50000) AS g;
ANALYZE delivery_large;
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF)
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)
FROM delivery_large;
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)
FROM delivery_large;
EXPLAIN (COSTS OFF)
SELECT body, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                         extra_documents, electronic, quality_appeal_justified)
FROM delivery_large GROUP BY body;
RESET ALL;
-- The same counts serially.
SET max_parallel_workers_per_gather = 0;
SELECT perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                   extra_documents, electronic, quality_appeal_justified)
FROM delivery_large;
RESET ALL;

DROP TABLE delivery, delivery_large;
