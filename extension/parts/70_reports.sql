-- =========================================================================
-- Section: reporting views for the Accounts Committee (METHODOLOGY §9)
-- Ranks use unrounded scores; rounding (half away from zero) happens only
-- here, to the version's present.* scales.
-- =========================================================================

-- Scores of blocks and directions in the current runs, with scope and restriction.
CREATE VIEW perf_eval.node_result AS
SELECT cs.year, cs.methodology, cs.body, b.kind, b.name_en, b.name_ru,
       cs.node, n.level, n.block, n.title_en AS node_title,
       cs.value, cs.origin, cs.status, cs.reason,
       perf_eval.scope_status(cs.body, n.block, cs.year) AS scope,
       coalesce((SELECT s.publication_restricted FROM perf_eval.body_scope AS s
                 WHERE s.body = cs.body AND s.block = n.block AND cs.year >= s.year_from
                   AND (cs.year <= s.year_to OR s.year_to IS NULL)), false) AS publication_restricted
FROM perf_eval.current_score AS cs
JOIN perf_eval.body AS b ON b.code = cs.body
JOIN perf_eval.score_node AS n ON n.code = cs.node;
COMMENT ON VIEW perf_eval.node_result IS 'Current scores of every node with the body''s kind, scope and publication restriction';

-- Whether the current role may see a restricted score (the classified MFA strategic plan, §1.3).
CREATE FUNCTION perf_eval.may_see_restricted()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_classified_reader', 'MEMBER')
        OR pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER')
$$;
COMMENT ON FUNCTION perf_eval.may_see_restricted() IS
'True for members of perf_eval_classified_reader or perf_eval_admin (and superusers): they see scores whose publication is restricted';

CREATE VIEW perf_eval.ranking AS
WITH ranked AS (
    SELECT r.*,
           r.scope = 'assessed_ranked' AS is_ranked,
           CASE WHEN r.scope = 'assessed_ranked' THEN
               rank() OVER (PARTITION BY r.year, r.methodology, r.node, r.kind, r.scope = 'assessed_ranked'
                            ORDER BY r.value DESC)
           END AS rank,
           avg(r.value) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.node, r.kind) AS group_mean,
           count(*) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.node, r.kind) AS n_ranked
    FROM perf_eval.node_result AS r
    WHERE r.level = 'block' AND r.value IS NOT NULL AND r.scope <> 'exempt'
),
previous_group AS (
    SELECT DISTINCT r.year, r.methodology, r.node, r.kind, r.group_mean FROM ranked AS r WHERE r.is_ranked
)
SELECT c.year, c.methodology, c.node AS block, c.kind, c.body, c.name_en, c.name_ru,
       CASE WHEN c.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL ELSE c.value END AS score,
       CASE WHEN c.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL
            ELSE round(c.value, perf_eval.param_numeric(c.methodology, 'present.block_scale')::integer) END AS score_shown,
       CASE WHEN p.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL ELSE p.value END AS previous_score,
       CASE WHEN p.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL
            ELSE round(p.value, perf_eval.param_numeric(c.methodology, 'present.block_scale')::integer) END AS previous_shown,
       c.rank,
       p.rank AS previous_rank,
       CASE WHEN NOT c.is_ranked OR pg.year IS NULL THEN NULL
            WHEN p.rank IS NULL THEN 'new'
            WHEN c.rank < p.rank THEN 'up'
            WHEN c.rank > p.rank THEN 'down'
            ELSE 'same' END AS movement,
       perf_eval.efficiency_zone(c.value, c.methodology) AS zone,
       zl.zone_order,
       zl.label_en AS zone_label, zl.label_ru AS zone_label_ru,
       trim_scale(c.group_mean) AS group_mean,
       round(c.group_mean, perf_eval.param_numeric(c.methodology, 'present.mean_scale')::integer) AS group_mean_shown,
       trim_scale(pg.group_mean) AS previous_group_mean,
       round(pg.group_mean, perf_eval.param_numeric(c.methodology, 'present.mean_scale')::integer) AS previous_group_mean_shown,
       c.n_ranked,
       NOT c.is_ranked AS advisory,
       c.origin,
       c.publication_restricted
FROM ranked AS c
LEFT JOIN ranked AS p ON p.year = c.year - 1 AND p.methodology = c.methodology AND p.node = c.node
                     AND p.body = c.body AND p.is_ranked
LEFT JOIN previous_group AS pg ON pg.year = c.year - 1 AND pg.methodology = c.methodology
                              AND pg.node = c.node AND pg.kind = c.kind
LEFT JOIN perf_eval.efficiency_zone_label AS zl ON zl.zone = perf_eval.efficiency_zone(c.value, c.methodology);
COMMENT ON VIEW perf_eval.ranking IS
'The published ranking table per year, methodology, block and body kind: score (unrounded and shown), last year''s, rank and previous rank (ties only on exactly equal unrounded scores), movement up/down/same/new, zone, group mean; assessed_not_ranked bodies follow as advisory with rank NULL (METHODOLOGY §9.1). Order by rank NULLS LAST, body';

CREATE VIEW perf_eval.zone_counts AS
WITH counted AS (
    SELECT r.year, r.methodology, r.node, r.level, r.kind, r.value,
           perf_eval.efficiency_zone(r.value, r.methodology) AS zone
    FROM perf_eval.node_result AS r
    WHERE r.level IN ('block', 'direction') AND r.value IS NOT NULL AND r.scope = 'assessed_ranked'
),
grouped AS (
    SELECT c.year, c.methodology, c.node, c.level, c.kind, count(*) AS n,
           count(*) FILTER (WHERE c.zone = 'high') AS high,
           count(*) FILTER (WHERE c.zone = 'medium') AS medium,
           count(*) FILTER (WHERE c.zone = 'low') AS low,
           count(*) FILTER (WHERE c.zone = 'ineffective') AS ineffective,
           avg(c.value) AS mean
    FROM counted AS c
    GROUP BY c.year, c.methodology, c.node, c.level, c.kind
)
SELECT g.year, g.methodology, g.node, g.level, g.kind, g.n, g.high, g.medium, g.low, g.ineffective,
       round(100.0 * g.high / g.n, s.share_scale) AS share_high,
       round(100.0 * g.medium / g.n, s.share_scale) AS share_medium,
       round(100.0 * g.low / g.n, s.share_scale) AS share_low,
       round(100.0 * g.ineffective / g.n, s.share_scale) AS share_ineffective,
       trim_scale(g.mean) AS mean,
       round(g.mean, s.mean_scale) AS mean_shown
FROM grouped AS g
CROSS JOIN LATERAL (SELECT perf_eval.param_numeric(g.methodology, 'present.share_scale')::integer AS share_scale,
                           perf_eval.param_numeric(g.methodology, 'present.mean_scale')::integer AS mean_scale) AS s;
COMMENT ON VIEW perf_eval.zone_counts IS
'Per year, methodology, block or direction and body kind: the number of ranked bodies, the count and share (%, half away from zero) in each efficiency zone, and the plain mean of the unrounded scores (METHODOLOGY §9.2)';

CREATE VIEW perf_eval.body_card AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.node, r.level, r.node_title,
       CASE WHEN r.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL ELSE r.value END AS score,
       CASE WHEN r.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL
            ELSE round(r.value, perf_eval.param_numeric(r.methodology,
                       CASE WHEN r.level = 'block' THEN 'present.block_scale' ELSE 'present.node_scale' END)::integer)
       END AS score_shown,
       perf_eval.node_maximum(r.node, r.methodology, r.kind) AS maximum,
       r.origin, s.superseded, r.status, r.reason, r.scope, r.publication_restricted,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL THEN perf_eval.efficiency_zone(r.value, r.methodology) END AS zone,
       (SELECT z.zone_order FROM perf_eval.efficiency_zone_label AS z
        WHERE r.level = 'block' AND r.value IS NOT NULL AND z.zone = perf_eval.efficiency_zone(r.value, r.methodology)) AS zone_order,
       k.rank, k.n_ranked, k.previous_rank, k.movement,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL THEN
           format('%s: %s — %s points, %s, %s', r.name_en, r.node_title,
                  CASE WHEN r.publication_restricted AND NOT perf_eval.may_see_restricted() THEN 'restricted'
                       ELSE round(r.value, perf_eval.param_numeric(r.methodology, 'present.block_scale')::integer)::text END,
                  k.zone_label,
                  CASE WHEN k.rank IS NULL THEN 'not ranked (' || replace(r.scope, '_', ' ') || ')'
                       ELSE format('rank %s of %s', k.rank, k.n_ranked)
                            || CASE WHEN k.movement IN ('up', 'down', 'same') THEN format(' (%s from %s)', k.movement, k.previous_rank)
                                    WHEN k.movement = 'new' THEN ' (new)' ELSE '' END
                  END)
       END AS sentence,
       (SELECT jsonb_agg(DISTINCT e.value ->> 'key')
        FROM jsonb_array_elements(coalesce(s.explanation -> 'parameters', '[]'::jsonb)
                                  || coalesce(s.explanation -> 'policy_parameters', '[]'::jsonb)) AS e
        WHERE (e.value ->> 'assumed')::boolean) AS assumed_parameters,
       s.explanation
FROM perf_eval.node_result AS r
JOIN perf_eval.current_score AS s ON s.year = r.year AND s.methodology = r.methodology AND s.body = r.body AND s.node = r.node
LEFT JOIN perf_eval.ranking AS k ON k.year = r.year AND k.methodology = r.methodology AND k.block = r.node AND k.body = r.body;
COMMENT ON VIEW perf_eval.body_card IS
'One row per node of a body''s current score tree: points and maximum, computed or supplied, zone, rank and movement with the sentence the report prints for blocks, the assumed parameters used, and the explanation (METHODOLOGY §9.3, §9.4)';
