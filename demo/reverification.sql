-- make demo, step 6: the assessor's re-verification of 2020 (docs/methodology.md §9.5).
-- A few unreliable reports are seeded: MH and KARAGANDA reported the facts of
-- three target indicators each 40 % above what their documents show. The
-- risk list flags them, re-verification puts the documented facts back, the
-- penalties are derived, and the findings show the effect on score and rank.
\set ON_ERROR_STOP on

CREATE TEMP TABLE documented AS
SELECT t.body, t.year, t.indicator_code, t.fact
FROM (SELECT t.*, row_number() OVER (PARTITION BY t.body ORDER BY t.indicator_code) AS n
      FROM perf_eval.target_indicator AS t
      WHERE t.year = 2020 AND t.body IN ('MH', 'KARAGANDA') AND t.fact_published AND t.fact > 0
        AND t.fact < t.plan AND t.direction = 'increase') AS t
WHERE t.n <= 3;

BEGIN;
SET LOCAL perf_eval.change_reason = 'load';
UPDATE perf_eval.target_indicator AS t SET fact = round(d.fact * 1.4, 2)
FROM documented AS d
WHERE t.body = d.body AND t.year = d.year AND t.indicator_code = d.indicator_code;
COMMIT;
CALL perf_eval.recalculate(2020);

\echo 'The bodies to re-verify first in 2020, with the signals that put them there:'
SELECT c.rank, c.body, c.risk_score,
       (SELECT string_agg(s ->> 'signal' || ' ' || (s ->> 'points'), ', ') FROM jsonb_array_elements(c.signals) AS s) AS signals
FROM perf_eval.reverification_candidates(2020, 8) AS c;

\echo 'Re-verification on site finds the documented facts:'
SELECT d.body, d.indicator_code,
       perf_eval.record_verification('perf_eval.target_indicator',
                                     jsonb_build_object('body', d.body, 'year', d.year, 'indicator_code', d.indicator_code),
                                     'fact', d.fact::text, 'Re-verification act 2021/' || d.body) > 0 AS recorded
FROM documented AS d ORDER BY 1, 2;
SELECT body, block, kind, parameter FROM perf_eval.derive_penalty_events(2020);
CALL perf_eval.recalculate(2020);

\echo 'What re-verification found, and its effect:'
SELECT body, block, methodology, values_changed, penalty_points, round(score_before, 2) AS score_before,
       round(score_after, 2) AS score_after, rank_before, rank_after
FROM perf_eval.reverification_findings WHERE year = 2020 ORDER BY body, block;
