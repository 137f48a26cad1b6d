-- goal_coefficient_agg and indicator_status_tally_agg give the same exact
-- results serially, under forced parallelism (workers doing all the work),
-- and as an independent plain-SQL computation (METHODOLOGY §7.2).
BEGIN;
SELECT plan(12);

-- 90 000 indicator rows over 41 bodies and 900 goals; results of various scales,
-- every 7th not taken into account (NULL result, status not_counted).
CREATE TABLE parallel_indicator AS
SELECT g AS id, 'B' || lpad((g % 41)::text, 2, '0') AS body, g % 900 AS goal,
       CASE WHEN g % 7 = 0 THEN NULL
            WHEN g % 5 = 0 THEN (g % 1009)::numeric / 1009
            ELSE (g % 100)::numeric / 100 END AS result,
       CASE WHEN g % 7 = 0 THEN 'not_counted' WHEN g % 100 = 0 THEN 'not_achieved'
            WHEN g % 3 = 0 THEN 'achieved' ELSE 'partial' END AS status,
       g % 11 = 0 AS overfulfilled,
       CASE WHEN g % 13 = 0 THEN NULL ELSE g % 17 = 0 END AS plan_lowered,
       g % 19 = 0 AS no_dynamics
FROM generate_series(1, 90000) AS g;
ALTER TABLE parallel_indicator SET (parallel_workers = 4);
ANALYZE parallel_indicator;

CREATE FUNCTION pg_temp.plan_of(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

-- Independent oracle: exact sums and counts, one division.
SELECT perf_eval.goals_exact_quotient(sum(result), count(result))::text AS oracle_mean,
       format('(%s,%s,%s,%s,%s,%s,%s,%s)', count(*), count(*) FILTER (WHERE status = 'achieved'),
              count(*) FILTER (WHERE status = 'partial'), count(*) FILTER (WHERE status = 'not_achieved'),
              count(*) FILTER (WHERE status = 'not_counted'), count(*) FILTER (WHERE overfulfilled),
              count(*) FILTER (WHERE plan_lowered), count(*) FILTER (WHERE no_dynamics)) AS oracle_tally
FROM parallel_indicator \gset
SELECT string_agg(goal || ':' || perf_eval.goals_exact_quotient(s, n), ';' ORDER BY goal) AS oracle_by_goal
FROM (SELECT goal, sum(result) AS s, count(result) AS n FROM parallel_indicator GROUP BY goal) AS q \gset

-- Serial.
SET LOCAL max_parallel_workers_per_gather = 0;
SELECT perf_eval.goal_coefficient_agg(result)::text AS serial_mean,
       perf_eval.indicator_status_tally_agg(status, overfulfilled, plan_lowered, no_dynamics)::text AS serial_tally
FROM parallel_indicator \gset
SELECT string_agg(goal || ':' || c, ';' ORDER BY goal) AS serial_by_goal
FROM (SELECT goal, perf_eval.goal_coefficient_agg(result) AS c FROM parallel_indicator GROUP BY goal) AS q \gset
SELECT string_agg(body || t::text, ';' ORDER BY body) AS serial_tally_by_body
FROM (SELECT body, perf_eval.indicator_status_tally_agg(status, overfulfilled, plan_lowered, no_dynamics) AS t
      FROM parallel_indicator GROUP BY body) AS q \gset
SELECT coalesce(perf_eval.goal_coefficient_agg(result)::text, 'NULL') AS serial_sparse
FROM parallel_indicator WHERE id <= 10 \gset

-- Forced parallel: every plan is parallel and the leader does not scan.
SET LOCAL max_parallel_workers_per_gather = 4;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;

SELECT perf_eval.goal_coefficient_agg(result)::text AS parallel_mean,
       perf_eval.indicator_status_tally_agg(status, overfulfilled, plan_lowered, no_dynamics)::text AS parallel_tally
FROM parallel_indicator \gset
SELECT string_agg(goal || ':' || c, ';' ORDER BY goal) AS parallel_by_goal
FROM (SELECT goal, perf_eval.goal_coefficient_agg(result) AS c FROM parallel_indicator GROUP BY goal) AS q \gset
SELECT string_agg(body || t::text, ';' ORDER BY body) AS parallel_tally_by_body
FROM (SELECT body, perf_eval.indicator_status_tally_agg(status, overfulfilled, plan_lowered, no_dynamics) AS t
      FROM parallel_indicator GROUP BY body) AS q \gset
SELECT coalesce(perf_eval.goal_coefficient_agg(result)::text, 'NULL') AS parallel_sparse
FROM parallel_indicator WHERE id <= 10 \gset

SELECT matches(pg_temp.plan_of($$SELECT perf_eval.goal_coefficient_agg(result) FROM parallel_indicator$$),
               'Workers Launched: [1-9](.|\n)*Partial Aggregate',
               'goal_coefficient_agg runs as a partial aggregate in launched workers');
SELECT matches(pg_temp.plan_of($$SELECT perf_eval.indicator_status_tally_agg(status, overfulfilled, plan_lowered, no_dynamics)
                                 FROM parallel_indicator$$),
               'Workers Launched: [1-9](.|\n)*Partial Aggregate',
               'indicator_status_tally_agg runs as a partial aggregate in launched workers');

SELECT is(:'serial_mean'::text, :'oracle_mean'::text, 'serial mean equals the exact sum / count');
SELECT is(:'parallel_mean'::text, :'serial_mean'::text, 'forced-parallel mean equals the serial one, digit for digit');
SELECT is(:'serial_by_goal'::text, :'oracle_by_goal'::text, 'serial per-goal coefficients equal sum / count');
SELECT is(:'parallel_by_goal'::text, :'serial_by_goal'::text, 'forced-parallel per-goal coefficients equal the serial ones');
SELECT is(:'serial_tally'::text, :'oracle_tally'::text, 'serial tally equals plain-SQL counts');
SELECT is(:'parallel_tally'::text, :'serial_tally'::text, 'forced-parallel tally equals the serial tally');
SELECT is(:'parallel_tally_by_body'::text, :'serial_tally_by_body'::text, 'forced-parallel per-body tallies equal the serial ones');
SELECT is(:'parallel_sparse'::text, :'serial_sparse'::text, 'workers with no rows combine as empty states');

-- Stored per-goal tallies merge back into the whole, also after a text round trip.
SELECT is((SELECT perf_eval.indicator_tally_merge_agg(t::text::perf_eval.indicator_tally)::text
           FROM (SELECT perf_eval.indicator_status_tally_agg(status, overfulfilled, plan_lowered, no_dynamics) AS t
                 FROM parallel_indicator GROUP BY goal) AS q),
          :'serial_tally'::text, 'per-goal tallies merge into the whole tally');
SELECT throws_ok($$SELECT perf_eval.indicator_tally_merge_agg('(3,1,1,0,0,0,0,0)'::perf_eval.indicator_tally)$$,
                 '22023', NULL, 'a partial state whose statuses do not add up is refused');

SELECT * FROM finish();
ROLLBACK;
