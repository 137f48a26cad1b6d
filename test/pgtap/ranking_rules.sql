-- Ranking rules on the synthetic groups of test/vectors/ranking.csv
-- (METHODOLOGY §0.3, §9.1): ties only on exactly equal unrounded scores, the
-- next rank skips, movement from ranks, "new" bodies, bodies scored last year
-- only, and assessed_not_ranked bodies shown as advisory.
BEGIN;

CREATE TEMP TABLE ranking_vector (
    group_id text, kind text, body text, score_current numeric, score_previous numeric,
    expected_rank_current integer, expected_rank_previous integer, expected_movement text,
    expected_display_current numeric, expected_display_previous numeric, expected_zone_current text,
    expected_group_mean_current numeric, expected_group_mean_previous numeric, source text, note text);
\copy ranking_vector FROM 'test/vectors/ranking.csv' WITH (FORMAT csv, HEADER true)

-- Each synthetic group gets its own pair of years; its bodies are user-registered bodies.
CREATE TEMP TABLE synthetic_group (group_id text PRIMARY KEY, year integer);
INSERT INTO synthetic_group VALUES ('SYN1', 2101), ('SYN2', 2201);
CREATE TEMP VIEW synthetic AS
SELECT v.*, g.year FROM ranking_vector AS v JOIN synthetic_group AS g USING (group_id);

SELECT plan((SELECT count(*)::integer FROM synthetic) + 6);

INSERT INTO perf_eval.body (code, kind, name_en, name_ru)
SELECT DISTINCT 'SYN_' || body, kind, 'Synthetic body ' || body, 'Синтетический орган ' || body FROM synthetic;
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT 'SYN_' || body, year, 'interaction', score_current, 'ranking.csv' FROM synthetic WHERE score_current IS NOT NULL
UNION ALL
SELECT 'SYN_' || body, year - 1, 'interaction', score_previous, 'ranking.csv' FROM synthetic WHERE score_previous IS NOT NULL;
SELECT perf_eval.recalculate_within_transaction(y, 'kz2020') FROM (SELECT DISTINCT year FROM synthetic
                                                                    UNION SELECT year - 1 FROM synthetic) AS t(y);

-- Bodies ranked this year: every column the report prints.
SELECT CASE WHEN v.score_current IS NULL THEN
    -- scored last year only: absent now, ranked in last year's table
    results_eq(format($$SELECT (SELECT count(*) FROM perf_eval.ranking AS r WHERE r.year = %s AND r.body = %L)::integer,
                               (SELECT r.rank::integer FROM perf_eval.ranking AS r WHERE r.year = %s AND r.body = %L)$$,
                      v.year, 'SYN_' || v.body, v.year - 1, 'SYN_' || v.body),
               format('VALUES (0, %s)', v.expected_rank_previous),
               format('%s %s: %s', v.group_id, v.body, v.note))
ELSE
    results_eq(format($$SELECT r.rank::integer, r.previous_rank::integer, r.movement, r.score_shown, r.previous_shown,
                               r.zone, r.group_mean_shown, r.previous_group_mean_shown
                        FROM perf_eval.ranking AS r
                        WHERE r.year = %s AND r.methodology = 'kz2020' AND r.block = 'interaction' AND r.body = %L$$,
                      v.year, 'SYN_' || v.body),
               format($$VALUES (%s::integer, %s::integer, %L::text, %L::numeric, %L::numeric, %L::text, %L::numeric, %L::numeric)$$,
                      v.expected_rank_current, coalesce(v.expected_rank_previous::text, 'NULL'), v.expected_movement,
                      v.expected_display_current, v.expected_display_previous, v.expected_zone_current,
                      v.expected_group_mean_current, v.expected_group_mean_previous),
               format('%s %s: rank %s, %s, shown %s, %s — %s', v.group_id, v.body, v.expected_rank_current,
                      v.expected_movement, v.expected_display_current, v.expected_zone_current, coalesce(v.note, '')))
END
FROM synthetic AS v ORDER BY v.group_id, v.expected_rank_current NULLS LAST, v.body;

-- The number ranked counts only this year's bodies.
SELECT is((SELECT DISTINCT r.n_ranked FROM perf_eval.ranking AS r WHERE r.year = 2101 AND r.kind = 'CSB'
           AND r.body LIKE 'SYN\_%'), 7::bigint, 'SYN1 ranks the 7 bodies scored this year');

-- Advisory bodies: assessed_not_ranked are shown after the ranked ones, without a rank,
-- and do not change ranks, means or zone counts.
INSERT INTO perf_eval.body (code, kind, name_en, name_ru) VALUES ('SYN_NEWCOMER', 'CSB', 'Newcomer', 'Новый орган');
INSERT INTO perf_eval.body_scope (body, block, year_from, status, note)
VALUES ('SYN_NEWCOMER', 'interaction', 2101, 'assessed_not_ranked', 'created during the year');
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES ('SYN_NEWCOMER', 2101, 'interaction', 99);
SELECT perf_eval.recalculate_within_transaction(2101, 'kz2020');
SELECT results_eq($$SELECT r.rank, r.advisory, r.zone FROM perf_eval.ranking AS r WHERE r.year = 2101 AND r.body = 'SYN_NEWCOMER'$$,
                  $$VALUES (NULL::bigint, true, 'high'::text)$$, 'an assessed_not_ranked body is shown as advisory, unranked');
SELECT results_eq($$SELECT r.rank::integer, r.group_mean_shown FROM perf_eval.ranking AS r WHERE r.year = 2101 AND r.body = 'SYN_A'$$,
                  $$VALUES (1, 77.7)$$, 'an advisory body changes neither ranks nor the group mean');
SELECT is((SELECT z.n FROM perf_eval.zone_counts AS z WHERE z.year = 2101 AND z.node = 'interaction' AND z.kind = 'CSB'),
          7::bigint, 'an advisory body is not counted in the zone counts');

-- Exempt bodies are neither scored nor ranked in the block.
INSERT INTO perf_eval.body_scope (body, block, year_from, status) VALUES ('SYN_A', 'goals', 2101, 'exempt');
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES ('SYN_A', 2101, 'goals', 95), ('SYN_B', 2101, 'goals', 90);
SELECT perf_eval.recalculate_within_transaction(2101, 'kz2020');
SELECT results_eq($$SELECT r.body, r.rank::integer FROM perf_eval.ranking AS r WHERE r.year = 2101 AND r.block = 'goals'$$,
                  $$VALUES ('SYN_B'::text, 1)$$, 'an exempt body is not scored or ranked in the block');
SELECT is((SELECT count(*) FROM perf_eval.current_score AS s WHERE s.year = 2101 AND s.body = 'SYN_A' AND s.node = 'goals'),
          0::bigint, 'an exempt body has no score row in the block');

SELECT * FROM finish();
ROLLBACK;
