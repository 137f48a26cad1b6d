-- =========================================================================
-- Section: reporting views for the Accounts Committee (METHODOLOGY §9)
-- Ranks use unrounded scores; rounding (half away from zero) happens only
-- here, to the decimals of the display settings (perf_eval.display_setting).
-- =========================================================================

-- Scores of every node of every kind of result (perf_eval.result_score), with
-- scope and restriction; node_result is the default result.
CREATE VIEW perf_eval.result_node_all AS
SELECT cs.year, cs.methodology, cs.body, b.kind, b.name_en, b.name_ru,
       cs.node, n.level, n.block, n.title_en AS node_title,
       cs.value, cs.origin, cs.status, cs.reason,
       perf_eval.scope_status(cs.body, n.block, cs.year) AS scope,
       coalesce((SELECT s.publication_restricted FROM perf_eval.body_scope AS s
                 WHERE s.body = cs.body AND s.block = n.block AND cs.year >= s.year_from
                   AND (cs.year <= s.year_to OR s.year_to IS NULL)), false) AS publication_restricted,
       cs.result_kind, cs.is_default, cs.superseded, cs.explanation
FROM perf_eval.result_score_all AS cs
JOIN perf_eval.body AS b ON b.code = cs.body
JOIN perf_eval.score_node AS n ON n.code = cs.node;
COMMENT ON VIEW perf_eval.result_node_all IS
'Scores of every node of every kind of result, whoever reads them: what ranks, means and zone counts are computed from; read by no role (perf_eval.result_node is what a role may see)';

-- What the current role sees (docs/architecture.md "Visibility model"):
-- results it may see, the values and explanation of a restricted block only
-- if it may.
CREATE VIEW perf_eval.result_node AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.name_ru, r.node, r.level, r.block, r.node_title,
       CASE WHEN v.visible THEN r.value END AS value,
       r.origin, r.status, r.reason, r.scope, r.publication_restricted, r.result_kind, r.is_default, r.superseded,
       CASE WHEN v.visible THEN r.explanation END AS explanation
FROM perf_eval.result_node_all AS r
CROSS JOIN LATERAL (SELECT perf_eval.may_see_values(r.body, r.block, r.year) AS visible) AS v
WHERE perf_eval.may_see_result_kind(r.result_kind, r.block, r.body);
COMMENT ON COLUMN perf_eval.result_node.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_node.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_node.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_node.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.result_node.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.result_node.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.result_node.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.result_node.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.result_node.block IS 'Code of the block the node belongs to: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.result_node.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.result_node.value IS 'Score in points, unrounded (0..100 for a block or direction under the default clamp); NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_node.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_node.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.result_node.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.result_node.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.result_node.publication_restricted IS 'True if the score may be shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.result_node.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_node.is_default IS 'True for the result shown by default (node_result)';
COMMENT ON COLUMN perf_eval.result_node.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.result_node.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON VIEW perf_eval.result_node IS 'Scores of every node of every kind of result (published, final, preliminary, latest) with the body''s kind, scope and publication restriction';

CREATE VIEW perf_eval.node_result AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.name_ru, r.node, r.level, r.block, r.node_title, r.value, r.origin, r.status, r.reason, r.scope, r.publication_restricted, r.result_kind
FROM perf_eval.result_node AS r
WHERE r.is_default;
COMMENT ON COLUMN perf_eval.node_result.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.node_result.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.node_result.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.node_result.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.node_result.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.node_result.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.node_result.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.node_result.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.node_result.block IS 'Code of the block the node belongs to: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.node_result.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.node_result.value IS 'Score in points, unrounded (0..100 for a block or direction under the default clamp); NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.node_result.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.node_result.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.node_result.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.node_result.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.node_result.publication_restricted IS 'True if the score may be shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.node_result.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one)';
COMMENT ON VIEW perf_eval.node_result IS 'Scores shown of every node (per block the published revision where an assessment cycle exists, else the latest successful run) with the body''s kind, scope and publication restriction';

-- A mean over a group holding a restricted score, for a role that may not
-- see it: rounded to the published precision (display setting group_mean,
-- which only an administrator sets), so that
-- the score cannot be worked out from it more precisely than from the
-- published table (docs/architecture.md "Visibility model").
CREATE FUNCTION perf_eval.mean_shown_to_role(mean numeric, group_restricted boolean, methodology text)
RETURNS numeric
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF mean IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'a mean of scores is a finite number, not %', mean
            USING ERRCODE = '22003', HINT = 'Pass the mean of a group''s scores (perf_eval.result_ranking.group_mean).';
    END IF;
    RETURN CASE WHEN group_restricted AND NOT perf_eval.may_see_restricted()
                THEN round(mean, perf_eval.display_decimals('group_mean'))
                ELSE trim_scale(mean) END;
END
$$;
COMMENT ON FUNCTION perf_eval.mean_shown_to_role(numeric, boolean, text) IS
'The mean as the current role may see it: unrounded, or rounded to the display setting group_mean if the group holds a restricted score the role may not see (methodology is not used since the decimals became a display setting); NaN or infinity 22003';

-- The ranking rule, defined here only: the block scores of one result (or
-- run) ranked per block and kind of body among the bodies assessed and
-- ranked in the block, 1 = the highest unrounded score, equal scores share a
-- rank and the next rank skips; bodies exempt from the block and scores that
-- could not be computed are left out, assessed-not-ranked bodies kept
-- without a rank. result_ranking, run_ranking (77_compare.sql) and the
-- sensitivity samples (78_sensitivity.sql) rank by it, each over the rows it
-- may read.
CREATE TYPE perf_eval.rankable_score AS (
    ref   bigint,
    body  text,
    kind  text,
    block text,
    value numeric,
    scope text
);
COMMENT ON TYPE perf_eval.rankable_score IS
'A block score as perf_eval.rank_block_scores takes it: the caller''s reference of the row (returned as given, to join the rank back), body, kind of body (CSB | LEB), block, unrounded value in points, scope of the body in the block (assessed_ranked | assessed_not_ranked | exempt)';

CREATE FUNCTION perf_eval.rank_block_scores(scores perf_eval.rankable_score[])
RETURNS TABLE (ref bigint, body text, kind text, block text, value numeric, scope text, rank bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.ref, s.body, s.kind, s.block, s.value, s.scope,
           CASE WHEN s.scope = 'assessed_ranked' THEN
               rank() OVER (PARTITION BY s.block, s.kind, s.scope = 'assessed_ranked' ORDER BY s.value DESC)
           END
    FROM unnest($1) AS s
    WHERE s.value IS NOT NULL AND s.scope <> 'exempt'
$$;
COMMENT ON FUNCTION perf_eval.rank_block_scores(perf_eval.rankable_score[]) IS
'The ranking rule: the block scores of one result or run ranked per block and kind of body among the bodies assessed and ranked, 1 = highest unrounded score, ties share a rank and the next rank skips; exempt bodies and NULL scores left out, assessed-not-ranked bodies with a NULL rank';

-- The ranking of every kind of result: each kind ranked on its own, last
-- year's comparison always the default (published) result. A body with
-- scores of some of the block's nodes whose block the run could not compute,
-- though it computed it for other bodies of its kind, follows as not assessed with the
-- directions that lack inputs named: nobody in scope disappears silently.
CREATE VIEW perf_eval.result_ranking AS
WITH block_score AS (
    SELECT r.*, row_number() OVER () AS ref FROM perf_eval.result_node_all AS r WHERE r.level = 'block'
),
result_rank AS MATERIALIZED (
    SELECT k.ref, k.rank
    FROM (SELECT s.year, s.methodology, s.result_kind,
                 array_agg(ROW(s.ref, s.body, s.kind, s.node, s.value, s.scope)::perf_eval.rankable_score) AS scores
          FROM block_score AS s GROUP BY s.year, s.methodology, s.result_kind) AS g
    CROSS JOIN LATERAL perf_eval.rank_block_scores(g.scores) AS k
),
ranked AS (
    SELECT r.*,
           r.scope = 'assessed_ranked' AS is_ranked,
           k.rank,
           avg(r.value) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.result_kind, r.node, r.kind) AS group_mean,
           count(*) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.result_kind, r.node, r.kind) AS n_ranked,
           coalesce(bool_or(r.publication_restricted) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.result_kind, r.node, r.kind), false) AS group_restricted,
           perf_eval.may_see_values(r.body, r.block, r.year) AS visible
    FROM block_score AS r
    JOIN result_rank AS k ON k.ref = r.ref
),
previous_group AS (
    SELECT DISTINCT r.year, r.methodology, r.node, r.kind, r.group_mean, r.group_restricted FROM ranked AS r WHERE r.is_ranked AND r.is_default
),
not_assessed AS (
    SELECT rr.year, rr.methodology, rr.block, b.kind, rb.body, b.name_en, b.name_ru, rr.result_kind, rr.is_default,
           x.scope,
           coalesce(s.publication_restricted, false) AS publication_restricted,
           coalesce((SELECT string_agg(n.code || ' (' || coalesce(d.reason, 'no inputs') || ')', ', ' ORDER BY n.node_order)
                     FROM perf_eval.score_node AS n
                     LEFT JOIN perf_eval.score AS d ON d.run_id = rr.run_id AND d.body = rb.body AND d.node = n.code
                     WHERE n.parent = rr.block AND coalesce(d.status, 'missing') <> 'ok'
                       AND EXISTS (SELECT 1 FROM perf_eval.score AS o WHERE o.run_id = rr.run_id AND o.node = n.code
                                                                        AND o.status = 'ok')),
                    (SELECT k.block_reason FROM (SELECT d.reason AS block_reason FROM perf_eval.score AS d
                                                 WHERE d.run_id = rr.run_id AND d.body = rb.body AND d.node = rr.block) AS k),
                    'no inputs') AS missing_inputs
    FROM perf_eval.result_run_all AS rr
    JOIN perf_eval.run_body AS rb ON rb.run_id = rr.run_id
    JOIN perf_eval.body AS b ON b.code = rb.body
    CROSS JOIN LATERAL (SELECT perf_eval.scope_status(rb.body, rr.block, rr.year) AS scope) AS x
    LEFT JOIN perf_eval.body_scope AS s ON s.body = rb.body AND s.block = rr.block AND rr.year >= s.year_from
                                       AND (rr.year <= s.year_to OR s.year_to IS NULL)
    WHERE x.scope <> 'exempt'
      AND NOT EXISTS (SELECT 1 FROM perf_eval.score AS d
                      WHERE d.run_id = rr.run_id AND d.body = rb.body AND d.node = rr.block AND d.status = 'ok')
      AND EXISTS (SELECT 1 FROM perf_eval.score AS d JOIN perf_eval.score_node AS n ON n.code = d.node
                  WHERE d.run_id = rr.run_id AND d.body = rb.body AND n.block = rr.block)
      AND EXISTS (SELECT 1 FROM perf_eval.score AS o JOIN perf_eval.body AS ob ON ob.code = o.body
                  WHERE o.run_id = rr.run_id AND o.node = rr.block AND o.status = 'ok' AND ob.kind = b.kind)
)
SELECT c.year, c.methodology, c.node AS block, c.kind, c.body, c.name_en, c.name_ru,
       CASE WHEN c.visible THEN c.value END AS score,
       CASE WHEN c.visible THEN round(c.value, perf_eval.display_decimals('block_score')) END AS score_shown,
       CASE WHEN p.visible THEN p.value END AS previous_score,
       CASE WHEN p.visible THEN round(p.value, perf_eval.display_decimals('block_score')) END AS previous_shown,
       c.rank,
       p.rank AS previous_rank,
       CASE WHEN NOT c.is_ranked OR pg.year IS NULL THEN NULL
            WHEN p.rank IS NULL THEN 'new'
            WHEN c.rank < p.rank THEN 'up'
            WHEN c.rank > p.rank THEN 'down'
            ELSE 'same' END AS movement,
       CASE WHEN c.visible THEN perf_eval.efficiency_zone(c.value, c.methodology) END AS zone,
       zl.zone_order,
       zl.label_en AS zone_label, zl.label_ru AS zone_label_ru,
       perf_eval.mean_shown_to_role(c.group_mean, c.group_restricted, c.methodology) AS group_mean,
       round(c.group_mean, perf_eval.display_decimals('group_mean')) AS group_mean_shown,
       perf_eval.mean_shown_to_role(pg.group_mean, pg.group_restricted, c.methodology) AS previous_group_mean,
       round(pg.group_mean, perf_eval.display_decimals('group_mean')) AS previous_group_mean_shown,
       c.n_ranked,
       NOT c.is_ranked AS advisory,
       c.origin,
       c.publication_restricted,
       c.result_kind,
       'assessed'::text AS assessment,
       NULL::text AS missing_inputs,
       c.is_default
FROM ranked AS c
LEFT JOIN ranked AS p ON p.year = c.year - 1 AND p.methodology = c.methodology AND p.node = c.node
                     AND p.body = c.body AND p.is_ranked AND p.is_default
LEFT JOIN previous_group AS pg ON pg.year = c.year - 1 AND pg.methodology = c.methodology
                              AND pg.node = c.node AND pg.kind = c.kind
LEFT JOIN perf_eval.efficiency_zone_label AS zl ON c.visible AND zl.zone = perf_eval.efficiency_zone(c.value, c.methodology)
WHERE perf_eval.may_see_result_kind(c.result_kind, c.node, c.body)
UNION ALL
SELECT m.year, m.methodology, m.block, m.kind, m.body, m.name_en, m.name_ru,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       m.scope <> 'assessed_ranked', NULL, m.publication_restricted, m.result_kind,
       'not assessed', m.missing_inputs, m.is_default
FROM not_assessed AS m
WHERE perf_eval.may_see_result_kind(m.result_kind, m.block, m.body);
COMMENT ON COLUMN perf_eval.result_ranking.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_ranking.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_ranking.block IS 'Code of the block ranked: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.result_ranking.kind IS 'Kind of body: CSB | LEB; each kind is ranked separately';
COMMENT ON COLUMN perf_eval.result_ranking.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_ranking.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.result_ranking.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.result_ranking.score IS 'Block score in points 0..100, unrounded; NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_ranking.score_shown IS 'Block score in points rounded half away from zero to the decimals of the display setting block_score';
COMMENT ON COLUMN perf_eval.result_ranking.previous_score IS 'Last year''s block score in points, unrounded; NULL if the body was not ranked last year';
COMMENT ON COLUMN perf_eval.result_ranking.previous_shown IS 'Last year''s block score rounded as score_shown';
COMMENT ON COLUMN perf_eval.result_ranking.rank IS 'Rank among the bodies of the same kind (1 = best, ties only on equal unrounded scores, the next rank skips); NULL for advisory rows';
COMMENT ON COLUMN perf_eval.result_ranking.previous_rank IS 'Last year''s rank; NULL if not ranked last year';
COMMENT ON COLUMN perf_eval.result_ranking.movement IS 'Change of rank since last year: up | down | same | new; NULL for advisory rows or when no ranking exists for last year';
COMMENT ON COLUMN perf_eval.result_ranking.zone IS 'Efficiency zone of the unrounded score: high | medium | low | ineffective (docs/methodology.md §0.4)';
COMMENT ON COLUMN perf_eval.result_ranking.zone_order IS 'Sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.result_ranking.zone_label IS 'Name of the zone in English';
COMMENT ON COLUMN perf_eval.result_ranking.zone_label_ru IS 'Name of the zone in Russian';
COMMENT ON COLUMN perf_eval.result_ranking.group_mean IS 'Plain mean of the unrounded scores of the ranked bodies of the same kind, points; rounded as group_mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.result_ranking.group_mean_shown IS 'group_mean rounded half away from zero to the decimals of the display setting group_mean';
COMMENT ON COLUMN perf_eval.result_ranking.previous_group_mean IS 'Last year''s group mean, points';
COMMENT ON COLUMN perf_eval.result_ranking.previous_group_mean_shown IS 'Last year''s group mean rounded as group_mean_shown';
COMMENT ON COLUMN perf_eval.result_ranking.n_ranked IS 'Number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.result_ranking.advisory IS 'True for an assessed_not_ranked body: shown after the ranked ones, without a rank';
COMMENT ON COLUMN perf_eval.result_ranking.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_ranking.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.result_ranking.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run); each kind is ranked on its own';
COMMENT ON COLUMN perf_eval.result_ranking.assessment IS 'assessed | not assessed (the body has inputs in the year but its block could not be computed; score and rank NULL)';
COMMENT ON COLUMN perf_eval.result_ranking.missing_inputs IS 'For a body not assessed: the directions of the block without a score and why (no inputs, or the reason given), comma-separated';
COMMENT ON COLUMN perf_eval.result_ranking.is_default IS 'True for the result shown by default (ranking)';
COMMENT ON VIEW perf_eval.result_ranking IS
'The ranking table of every kind of result (published, final, preliminary, latest), each ranked on its own, with last year''s default (published) result as the comparison and the bodies not assessed after the ranked ones; ranking is its default part';
CREATE VIEW perf_eval.ranking AS
SELECT r.year, r.methodology, r.block, r.kind, r.body, r.name_en, r.name_ru, r.score, r.score_shown, r.previous_score, r.previous_shown, r.rank, r.previous_rank, r.movement, r.zone, r.zone_order, r.zone_label, r.zone_label_ru, r.group_mean, r.group_mean_shown, r.previous_group_mean, r.previous_group_mean_shown, r.n_ranked, r.advisory, r.origin, r.publication_restricted,
       r.result_kind, r.assessment, r.missing_inputs
FROM perf_eval.result_ranking AS r
WHERE r.is_default;
COMMENT ON COLUMN perf_eval.ranking.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.ranking.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.ranking.block IS 'Code of the block ranked: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.ranking.kind IS 'Kind of body: CSB | LEB; each kind is ranked separately';
COMMENT ON COLUMN perf_eval.ranking.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.ranking.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.ranking.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.ranking.score IS 'Block score in points 0..100, unrounded; NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.ranking.score_shown IS 'Block score in points rounded half away from zero to the decimals of the display setting block_score';
COMMENT ON COLUMN perf_eval.ranking.previous_score IS 'Last year''s block score in points, unrounded; NULL if the body was not ranked last year';
COMMENT ON COLUMN perf_eval.ranking.previous_shown IS 'Last year''s block score rounded as score_shown';
COMMENT ON COLUMN perf_eval.ranking.rank IS 'Rank among the bodies of the same kind (1 = best, ties only on equal unrounded scores, the next rank skips); NULL for advisory rows';
COMMENT ON COLUMN perf_eval.ranking.previous_rank IS 'Last year''s rank; NULL if not ranked last year';
COMMENT ON COLUMN perf_eval.ranking.movement IS 'Change of rank since last year: up | down | same | new; NULL for advisory rows or when no ranking exists for last year';
COMMENT ON COLUMN perf_eval.ranking.zone IS 'Efficiency zone of the unrounded score: high | medium | low | ineffective (docs/methodology.md §0.4)';
COMMENT ON COLUMN perf_eval.ranking.zone_order IS 'Sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.ranking.zone_label IS 'Name of the zone in English';
COMMENT ON COLUMN perf_eval.ranking.zone_label_ru IS 'Name of the zone in Russian';
COMMENT ON COLUMN perf_eval.ranking.group_mean IS 'Plain mean of the unrounded scores of the ranked bodies of the same kind, points; rounded as group_mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.ranking.group_mean_shown IS 'group_mean rounded half away from zero to the decimals of the display setting group_mean';
COMMENT ON COLUMN perf_eval.ranking.previous_group_mean IS 'Last year''s group mean, points';
COMMENT ON COLUMN perf_eval.ranking.previous_group_mean_shown IS 'Last year''s group mean rounded as group_mean_shown';
COMMENT ON COLUMN perf_eval.ranking.n_ranked IS 'Number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.ranking.advisory IS 'True for an assessed_not_ranked body: shown after the ranked ones, without a rank';
COMMENT ON COLUMN perf_eval.ranking.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.ranking.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.ranking.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one: the latest successful run)';
COMMENT ON COLUMN perf_eval.ranking.assessment IS 'assessed | not assessed (the body has inputs in the year but its block could not be computed; score and rank NULL)';
COMMENT ON COLUMN perf_eval.ranking.missing_inputs IS 'For a body not assessed: the directions of the block without a score and why (no inputs, or the reason given), comma-separated';
COMMENT ON VIEW perf_eval.ranking IS
'The published ranking table per year, methodology, block and body kind: score (unrounded and shown), last year''s, rank and previous rank (ties only on exactly equal unrounded scores), movement up/down/same/new, zone, group mean; assessed_not_ranked bodies follow as advisory with rank NULL, bodies whose block could not be computed as not assessed with the missing inputs named (docs/methodology.md §9.1); per block the published revision where an assessment cycle exists, else the latest successful run. Order by rank NULLS LAST, body';

-- Zone counts of every kind of result; zone_counts is the default one.
CREATE VIEW perf_eval.result_zone_counts AS
WITH counted AS (
    SELECT r.year, r.methodology, r.node, r.level, r.block, r.kind, r.value, r.result_kind, r.is_default,
           r.publication_restricted, perf_eval.efficiency_zone(r.value, r.methodology) AS zone
    FROM perf_eval.result_node_all AS r
    WHERE r.level IN ('block', 'direction') AND r.value IS NOT NULL AND r.scope = 'assessed_ranked'
),
grouped AS (
    SELECT c.year, c.methodology, c.node, c.level, c.block, c.kind, c.result_kind, c.is_default, count(*) AS n,
           bool_or(c.publication_restricted) AS has_restricted,
           count(*) FILTER (WHERE c.zone = 'high') AS high,
           count(*) FILTER (WHERE c.zone = 'medium') AS medium,
           count(*) FILTER (WHERE c.zone = 'low') AS low,
           count(*) FILTER (WHERE c.zone = 'ineffective') AS ineffective,
           avg(c.value) AS mean
    FROM counted AS c
    GROUP BY c.year, c.methodology, c.node, c.level, c.block, c.kind, c.result_kind, c.is_default
)
SELECT g.year, g.methodology, g.node, g.level, g.kind, g.n, g.high, g.medium, g.low, g.ineffective,
       round(100.0 * g.high / g.n, s.share_scale) AS share_high,
       round(100.0 * g.medium / g.n, s.share_scale) AS share_medium,
       round(100.0 * g.low / g.n, s.share_scale) AS share_low,
       round(100.0 * g.ineffective / g.n, s.share_scale) AS share_ineffective,
       perf_eval.mean_shown_to_role(g.mean, g.has_restricted, g.methodology) AS mean,
       round(g.mean, s.mean_scale) AS mean_shown,
       g.result_kind, g.is_default
FROM grouped AS g
CROSS JOIN LATERAL (SELECT perf_eval.display_decimals('zone_share') AS share_scale,
                           perf_eval.display_decimals('group_mean') AS mean_scale) AS s
WHERE perf_eval.may_see_result_kind(g.result_kind, g.block, NULL);
COMMENT ON COLUMN perf_eval.result_zone_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_zone_counts.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_zone_counts.node IS 'Code of the block or direction';
COMMENT ON COLUMN perf_eval.result_zone_counts.level IS 'block | direction';
COMMENT ON COLUMN perf_eval.result_zone_counts.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.result_zone_counts.n IS 'Number of ranked bodies with a score (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.high IS 'Bodies in zone high (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.medium IS 'Bodies in zone medium (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.low IS 'Bodies in zone low (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.ineffective IS 'Bodies in zone ineffective (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_high IS 'Share of bodies in zone high, % rounded to the decimals of the display setting zone_share';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_medium IS 'Share of bodies in zone medium, %';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_low IS 'Share of bodies in zone low, %';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_ineffective IS 'Share of bodies in zone ineffective, %';
COMMENT ON COLUMN perf_eval.result_zone_counts.mean IS 'Plain mean of the unrounded scores, points; rounded as mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.result_zone_counts.mean_shown IS 'mean rounded half away from zero to the decimals of the display setting group_mean';
COMMENT ON COLUMN perf_eval.result_zone_counts.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_zone_counts.is_default IS 'True for the result shown by default (zone_counts)';
COMMENT ON VIEW perf_eval.result_zone_counts IS
'Zone counts and shares of every kind of result (published, final, preliminary, latest); zone_counts is its default part';
CREATE VIEW perf_eval.zone_counts AS
SELECT z.year, z.methodology, z.node, z.level, z.kind, z.n, z.high, z.medium, z.low, z.ineffective, z.share_high, z.share_medium, z.share_low, z.share_ineffective, z.mean, z.mean_shown, z.result_kind
FROM perf_eval.result_zone_counts AS z
WHERE z.is_default;
COMMENT ON COLUMN perf_eval.zone_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.zone_counts.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.zone_counts.node IS 'Code of the block or direction';
COMMENT ON COLUMN perf_eval.zone_counts.level IS 'block | direction';
COMMENT ON COLUMN perf_eval.zone_counts.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.zone_counts.n IS 'Number of ranked bodies with a score (count)';
COMMENT ON COLUMN perf_eval.zone_counts.high IS 'Bodies in zone high (count)';
COMMENT ON COLUMN perf_eval.zone_counts.medium IS 'Bodies in zone medium (count)';
COMMENT ON COLUMN perf_eval.zone_counts.low IS 'Bodies in zone low (count)';
COMMENT ON COLUMN perf_eval.zone_counts.ineffective IS 'Bodies in zone ineffective (count)';
COMMENT ON COLUMN perf_eval.zone_counts.share_high IS 'Share of bodies in zone high, % rounded to the decimals of the display setting zone_share';
COMMENT ON COLUMN perf_eval.zone_counts.share_medium IS 'Share of bodies in zone medium, %';
COMMENT ON COLUMN perf_eval.zone_counts.share_low IS 'Share of bodies in zone low, %';
COMMENT ON COLUMN perf_eval.zone_counts.share_ineffective IS 'Share of bodies in zone ineffective, %';
COMMENT ON COLUMN perf_eval.zone_counts.mean IS 'Plain mean of the unrounded scores, points; rounded as mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.zone_counts.mean_shown IS 'mean rounded half away from zero to the decimals of the display setting group_mean';
COMMENT ON COLUMN perf_eval.zone_counts.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one)';
COMMENT ON VIEW perf_eval.zone_counts IS
'Per year, methodology, block or direction and body kind: the number of ranked bodies, the count and share (%, half away from zero) in each efficiency zone, and the plain mean of the unrounded scores (docs/methodology.md §9.2); per block the published revision where an assessment cycle exists, else the latest successful run';

-- The latest sensitivity of each year, block and methodology, per body:
-- what the body card shows as a rank range (perf_eval.sensitivity, 78_sensitivity.sql,
-- keeps it).
CREATE TABLE perf_eval.rank_range (
    year             integer NOT NULL,
    block            text NOT NULL REFERENCES perf_eval.block (code),
    methodology      text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    body             text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE ON DELETE CASCADE,
    rank             bigint,
    min_rank         bigint,
    max_rank         bigint,
    zone             text,
    zone_can_change  boolean NOT NULL,
    draw             bigint NOT NULL,
    samples          integer NOT NULL,
    computed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    computed_by      name NOT NULL DEFAULT session_user,
    PRIMARY KEY (year, block, methodology, body)
);
COMMENT ON COLUMN perf_eval.rank_range.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.rank_range.block IS 'Code of the block ranked';
COMMENT ON COLUMN perf_eval.rank_range.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.rank_range.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.rank_range.rank IS 'Rank under the version''s values (as the ranking views rank); NULL if not ranked';
COMMENT ON COLUMN perf_eval.rank_range.min_rank IS 'Best rank over every sample of the assumed parameters';
COMMENT ON COLUMN perf_eval.rank_range.max_rank IS 'Worst rank over every sample';
COMMENT ON COLUMN perf_eval.rank_range.zone IS 'Zone under the version''s values';
COMMENT ON COLUMN perf_eval.rank_range.zone_can_change IS 'True if some sample puts the body in another zone';
COMMENT ON COLUMN perf_eval.rank_range.draw IS 'Number of the draw of the joint samples (the same draw gives the same samples)';
COMMENT ON COLUMN perf_eval.rank_range.samples IS 'Number of joint samples (count)';
COMMENT ON COLUMN perf_eval.rank_range.computed_at IS 'When perf_eval.sensitivity computed it';
COMMENT ON COLUMN perf_eval.rank_range.computed_by IS 'Session role that computed it';
COMMENT ON TABLE perf_eval.rank_range IS
'Per year, block, methodology and body: the range of ranks (and whether the zone can change) over the assumed parameters'' plausible ranges, as the latest perf_eval.sensitivity computed it; the body card''s rank range';
GRANT SELECT ON perf_eval.rank_range TO perf_eval_reader;
GRANT INSERT, DELETE ON perf_eval.rank_range TO perf_eval_admin;
-- Ranks are public in the ranking views (only restricted scores are masked).
ALTER TABLE perf_eval.rank_range ENABLE ROW LEVEL SECURITY;
-- A rank range carries the zones a body can reach: readers see it as they see
-- the body's zone (not for a restricted block, nor before publication).
CREATE POLICY rank_range_readable ON perf_eval.rank_range FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, block, year) AND perf_eval.may_see_result(year, methodology, block, NULL, body));
CREATE POLICY rank_range_kept_by_admins ON perf_eval.rank_range TO perf_eval_admin USING (true) WITH CHECK (true);

-- The body card of every kind of result; body_card is the default one.
CREATE VIEW perf_eval.result_body_card AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.node, r.level, r.node_title,
       CASE WHEN NOT v.visible THEN NULL ELSE r.value END AS score,
       CASE WHEN NOT v.visible THEN NULL
            ELSE round(r.value, perf_eval.display_decimals(CASE WHEN r.level = 'block' THEN 'block_score' ELSE 'node_score' END))
       END AS score_shown,
       perf_eval.node_maximum_shown(r.node, r.methodology, r.kind) AS maximum,
       r.origin, r.superseded, r.status, r.reason, r.scope, r.publication_restricted,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL AND v.visible THEN perf_eval.efficiency_zone(r.value, r.methodology) END AS zone,
       (SELECT z.zone_order FROM perf_eval.efficiency_zone_label AS z
        WHERE r.level = 'block' AND r.value IS NOT NULL AND v.visible AND z.zone = perf_eval.efficiency_zone(r.value, r.methodology)) AS zone_order,
       k.rank, k.n_ranked, k.previous_rank, k.movement,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL THEN
           format('%s: %s — %s points, %s, %s', r.name_en, r.node_title,
                  CASE WHEN NOT v.visible THEN 'restricted'
                       ELSE round(r.value, perf_eval.display_decimals('block_score'))::text END,
                  k.zone_label,
                  CASE WHEN k.rank IS NULL THEN 'not ranked (' || replace(r.scope, '_', ' ') || ')'
                       ELSE format('rank %s of %s', k.rank, k.n_ranked)
                            || CASE WHEN k.movement IN ('up', 'down', 'same') THEN format(' (%s from %s)', k.movement, k.previous_rank)
                                    WHEN k.movement = 'new' THEN ' (new)' ELSE '' END
                  END)
       END AS sentence,
       (SELECT jsonb_agg(DISTINCT e.value ->> 'key')
        FROM jsonb_array_elements(coalesce(r.explanation -> 'parameters', '[]'::jsonb)
                                  || coalesce(r.explanation -> 'policy_parameters', '[]'::jsonb)) AS e
        WHERE (e.value ->> 'assumed')::boolean) AS assumed_parameters,
       CASE WHEN v.visible THEN r.explanation END AS explanation,
       r.result_kind, r.is_default,
       CASE WHEN v.visible THEN rr.min_rank END AS rank_min, CASE WHEN v.visible THEN rr.max_rank END AS rank_max,
       CASE WHEN v.visible THEN rr.draw END AS rank_range_draw
FROM perf_eval.result_node_all AS r
CROSS JOIN LATERAL (SELECT perf_eval.may_see_values(r.body, r.block, r.year) AS visible) AS v
LEFT JOIN perf_eval.result_ranking AS k ON k.year = r.year AND k.methodology = r.methodology AND k.block = r.node AND k.body = r.body
                                       AND k.result_kind = r.result_kind
LEFT JOIN perf_eval.rank_range AS rr ON r.level = 'block' AND rr.year = r.year AND rr.block = r.node
                                    AND rr.methodology = r.methodology AND rr.body = r.body
WHERE perf_eval.may_see_result_kind(r.result_kind, r.block, r.body);
COMMENT ON COLUMN perf_eval.result_body_card.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_body_card.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_body_card.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_body_card.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.result_body_card.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.result_body_card.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.result_body_card.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.result_body_card.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.result_body_card.score IS 'Score in points, unrounded; NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_body_card.score_shown IS 'Score rounded half away from zero (blocks to the decimals of the display setting block_score, other nodes to node_score)';
COMMENT ON COLUMN perf_eval.result_body_card.maximum IS 'Maximum of the node in points under the methodology and body kind (node_maximum_shown: NULL for a penalty without a cap)';
COMMENT ON COLUMN perf_eval.result_body_card.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_body_card.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.result_body_card.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.result_body_card.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.result_body_card.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.result_body_card.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.result_body_card.zone IS 'Blocks only: efficiency zone of the unrounded score: high | medium | low | ineffective';
COMMENT ON COLUMN perf_eval.result_body_card.zone_order IS 'Blocks only: sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.result_body_card.rank IS 'Blocks only: rank among the bodies of the same kind; NULL if not ranked';
COMMENT ON COLUMN perf_eval.result_body_card.n_ranked IS 'Blocks only: number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.result_body_card.previous_rank IS 'Blocks only: last year''s rank';
COMMENT ON COLUMN perf_eval.result_body_card.movement IS 'Blocks only: up | down | same | new';
COMMENT ON COLUMN perf_eval.result_body_card.sentence IS 'Blocks only: the sentence the report prints (score, zone, rank and movement)';
COMMENT ON COLUMN perf_eval.result_body_card.assumed_parameters IS 'Keys of the assumed parameters the node used (jsonb array)';
COMMENT ON COLUMN perf_eval.result_body_card.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4); NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_body_card.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_body_card.is_default IS 'True for the result shown by default (body_card)';
COMMENT ON COLUMN perf_eval.result_body_card.rank_min IS 'Blocks only: best rank over the assumed parameters'' plausible ranges (perf_eval.rank_range, as the latest perf_eval.sensitivity of the year, block and methodology computed it); NULL without one, or if restricted and not visible to the role (as the rank range itself)';
COMMENT ON COLUMN perf_eval.result_body_card.rank_max IS 'Blocks only: worst rank over the assumed parameters'' plausible ranges (perf_eval.rank_range); NULL without a sensitivity, or if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_body_card.rank_range_draw IS 'Blocks only: number of the draw of the sensitivity that gave rank_min and rank_max';
COMMENT ON VIEW perf_eval.result_body_card IS
'The body card of every kind of result (published, final, preliminary, latest): a body reads its preliminary conclusions here (result_kind = ''preliminary''); body_card is its default part';
CREATE VIEW perf_eval.body_card AS
SELECT c.year, c.methodology, c.body, c.kind, c.name_en, c.node, c.level, c.node_title, c.score, c.score_shown, c.maximum, c.origin, c.superseded, c.status, c.reason, c.scope, c.publication_restricted, c.zone, c.zone_order, c.rank, c.n_ranked, c.previous_rank, c.movement, c.sentence, c.assumed_parameters, c.explanation, c.result_kind,
       c.rank_min, c.rank_max, c.rank_range_draw
FROM perf_eval.result_body_card AS c
WHERE c.is_default;
COMMENT ON COLUMN perf_eval.body_card.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.body_card.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.body_card.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.body_card.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.body_card.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.body_card.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.body_card.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.body_card.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.body_card.score IS 'Score in points, unrounded; NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.body_card.score_shown IS 'Score rounded half away from zero (blocks to the decimals of the display setting block_score, other nodes to node_score)';
COMMENT ON COLUMN perf_eval.body_card.maximum IS 'Maximum of the node in points under the methodology and body kind (node_maximum_shown: NULL for a penalty without a cap)';
COMMENT ON COLUMN perf_eval.body_card.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.body_card.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.body_card.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.body_card.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.body_card.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.body_card.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.body_card.zone IS 'Blocks only: efficiency zone of the unrounded score: high | medium | low | ineffective';
COMMENT ON COLUMN perf_eval.body_card.zone_order IS 'Blocks only: sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.body_card.rank IS 'Blocks only: rank among the bodies of the same kind; NULL if not ranked';
COMMENT ON COLUMN perf_eval.body_card.n_ranked IS 'Blocks only: number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.body_card.previous_rank IS 'Blocks only: last year''s rank';
COMMENT ON COLUMN perf_eval.body_card.movement IS 'Blocks only: up | down | same | new';
COMMENT ON COLUMN perf_eval.body_card.sentence IS 'Blocks only: the sentence the report prints (score, zone, rank and movement)';
COMMENT ON COLUMN perf_eval.body_card.assumed_parameters IS 'Keys of the assumed parameters the node used (jsonb array)';
COMMENT ON COLUMN perf_eval.body_card.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4); NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.body_card.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one)';
COMMENT ON COLUMN perf_eval.body_card.rank_min IS 'Blocks only: best rank over the assumed parameters'' plausible ranges (perf_eval.rank_range, as the latest perf_eval.sensitivity of the year, block and methodology computed it); NULL without one, or if restricted and not visible to the role (as the rank range itself)';
COMMENT ON COLUMN perf_eval.body_card.rank_max IS 'Blocks only: worst rank over the assumed parameters'' plausible ranges (perf_eval.rank_range); NULL without a sensitivity, or if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.body_card.rank_range_draw IS 'Blocks only: number of the draw of the sensitivity that gave rank_min and rank_max';
COMMENT ON VIEW perf_eval.body_card IS
'One row per node of a body''s current score tree: points and maximum, computed or supplied, zone, rank and movement with the sentence the report prints for blocks, the assumed parameters used, and the explanation (docs/methodology.md §9.3, §9.4); per block the published revision where an assessment cycle exists, else the latest successful run';

GRANT SELECT ON perf_eval.node_result, perf_eval.ranking, perf_eval.zone_counts, perf_eval.body_card TO perf_eval_reader;
GRANT SELECT ON perf_eval.result_node, perf_eval.result_ranking, perf_eval.result_zone_counts, perf_eval.result_body_card
   TO perf_eval_reader;

-- result_node_all carries the comments of the columns it shares with
-- result_node (one description per column).
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT a.attname, pg_catalog.col_description('perf_eval.result_node'::regclass, pa.attnum) AS description
             FROM pg_catalog.pg_attribute AS a
             JOIN pg_catalog.pg_attribute AS pa ON pa.attrelid = 'perf_eval.result_node'::regclass AND pa.attname = a.attname
             WHERE a.attrelid = 'perf_eval.result_node_all'::regclass AND a.attnum > 0 LOOP
        EXECUTE format('COMMENT ON COLUMN perf_eval.result_node_all.%I IS %L', c.attname, c.description);
    END LOOP;
END
$$;
