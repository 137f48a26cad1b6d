-- =========================================================================
-- Section: the annual report as one HTML page (docs/report.md)
-- report_html(year, lang) writes a self-contained document: inline CSS and
-- SVG charts drawn here, no script, no external asset, printable. Every table
-- of the report is first a set-returning function (report_*_rows) read from
-- the public views as the caller (so a reader sees restricted scores as
-- restricted); the HTML is only their rendering, and the same rows are what
-- CSV users copy (README "Reports"). Numbers are the views' shown values.
-- =========================================================================

-- Text made safe for HTML (element content and quoted attributes).
CREATE FUNCTION perf_eval.html_escape(value text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
               $1, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
COMMENT ON FUNCTION perf_eval.html_escape(text) IS
'The text with & < > " and '' replaced by HTML entities, for element content and quoted attributes';

-- A shown number as the report prints it: a true minus sign, NULL as a dash.
CREATE FUNCTION perf_eval.report_number(value numeric)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF value IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'a report prints finite numbers only'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', value),
                  HINT = 'Scores and counts are finite numerics (docs/methodology.md §0.1); pass one, or NULL for a dash.';
    END IF;
    RETURN CASE WHEN value IS NULL THEN '—' WHEN value < 0 THEN '−' || (-value)::text ELSE value::text END;
END
$$;
COMMENT ON FUNCTION perf_eval.report_number(numeric) IS
'A number as the report prints it: its text, with U+2212 for a minus sign and an em dash for NULL; NaN or infinity 22023';

-- The methodology the report reads (the setting perf_eval.methodology, else the default).
CREATE FUNCTION perf_eval.report_methodology()
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.resolve_methodology(NULL) $$;
COMMENT ON FUNCTION perf_eval.report_methodology() IS
'The methodology version the report is read under: perf_eval.resolve_methodology(NULL)';

-- The rankings: one row per body, block and kind of the year.
CREATE FUNCTION perf_eval.report_ranking_rows(year integer, lang text)
RETURNS TABLE (block text, block_title text, kind text, kind_title text, rank bigint, body text, body_name text,
               score_shown numeric, zone text, zone_label text, previous_rank bigint, previous_shown numeric,
               movement text, group_mean_shown numeric, previous_group_mean_shown numeric, advisory boolean,
               restricted boolean, assessment text, score numeric, previous_score numeric, group_mean numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    SELECT r.block, perf_eval.label('block', r.block, language), r.kind, perf_eval.label('body_kind', r.kind, language),
           r.rank, r.body, perf_eval.label('body', r.body, language),
           r.score_shown, x.zone, CASE WHEN x.zone IS NOT NULL THEN perf_eval.label('zone', x.zone, language) END,
           r.previous_rank, r.previous_shown, r.movement, r.group_mean_shown, r.previous_group_mean_shown, r.advisory,
           r.publication_restricted AND r.score IS NULL AND r.assessment = 'assessed', r.assessment,
           r.score, r.previous_score, r.group_mean
    FROM perf_eval.ranking AS r
    JOIN perf_eval.block AS b ON b.code = r.block
    -- The zone of a score the caller may not see would tell the score's range.
    CROSS JOIN LATERAL (SELECT CASE WHEN r.score IS NOT NULL THEN r.zone END AS zone) AS x
    WHERE r.year = report_ranking_rows.year AND r.methodology = version
    ORDER BY b.block_order, r.kind, r.rank NULLS LAST, r.body;
END
$$;
COMMENT ON FUNCTION perf_eval.report_ranking_rows(integer, text) IS
'The report''s ranking tables: perf_eval.ranking of the year under the current methodology with names, titles and zone labels in the language (kk, ru, en); restricted = a score the caller may not see';

-- Zone counts per block and kind.
CREATE FUNCTION perf_eval.report_zone_rows(year integer, lang text)
RETURNS TABLE (block text, block_title text, kind text, kind_title text, n bigint, high bigint, medium bigint, low bigint,
               ineffective bigint, share_high numeric, share_medium numeric, share_low numeric, share_ineffective numeric,
               mean_shown numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    SELECT z.node, perf_eval.label('block', z.node, language), z.kind, perf_eval.label('body_kind', z.kind, language),
           z.n::bigint, z.high::bigint, z.medium::bigint, z.low::bigint, z.ineffective::bigint,
           z.share_high, z.share_medium, z.share_low, z.share_ineffective, z.mean_shown
    FROM perf_eval.zone_counts AS z
    JOIN perf_eval.block AS b ON b.code = z.node
    WHERE z.year = report_zone_rows.year AND z.methodology = version AND z.level = 'block'
    ORDER BY b.block_order, z.kind;
END
$$;
COMMENT ON FUNCTION perf_eval.report_zone_rows(integer, text) IS
'The report''s zone table: perf_eval.zone_counts of the blocks of the year with titles in the language';

-- Every node of every body's card: points with their sign, the maximum shown.
CREATE FUNCTION perf_eval.report_body_rows(year integer, lang text)
RETURNS TABLE (body text, body_name text, kind text, node text, level text, parent text, node_order integer,
               node_title text, points_shown numeric, maximum numeric, not_applicable boolean, restricted boolean,
               status text, reason text, zone text, zone_label text, rank bigint, n_ranked bigint,
               previous_rank bigint, movement text, assumed_parameters jsonb, rank_min bigint, rank_max bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    SELECT c.body, perf_eval.label('body', c.body, language), c.kind, c.node, c.level, n.parent, n.node_order,
           perf_eval.label('node', c.node, language),
           n.sign * c.score_shown, c.maximum, c.maximum = 0,
           c.publication_restricted AND c.score IS NULL AND c.status = 'ok',
           c.status, c.reason, CASE WHEN c.score IS NOT NULL THEN c.zone END,
           CASE WHEN c.zone IS NOT NULL AND c.score IS NOT NULL THEN perf_eval.label('zone', c.zone, language) END,
           c.rank::bigint, c.n_ranked::bigint, c.previous_rank::bigint, c.movement, c.assumed_parameters,
           c.rank_min, c.rank_max
    FROM perf_eval.body_card AS c
    JOIN perf_eval.score_node AS n ON n.code = c.node
    WHERE c.year = report_body_rows.year AND c.methodology = version
    ORDER BY c.body, c.node;
END
$$;
COMMENT ON FUNCTION perf_eval.report_body_rows(integer, text) IS
'The report''s body pages: every node of perf_eval.body_card of the year, points with the node''s sign (penalties negative), the maximum shown (not_applicable when it is 0), titles in the language, and for a block with a sensitivity its rank range (rank_min, rank_max)';

-- Directions and criteria of every body ranked within their kind, with the group mean.
CREATE FUNCTION perf_eval.report_below_block_rows(year integer, lang text)
RETURNS TABLE (node text, node_title text, level text, kind text, kind_title text, rank bigint, body text,
               body_name text, points_shown numeric, maximum numeric, group_mean_shown numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    -- Filtered after reading the year's cards: a filter on score or scope
    -- pushed into body_card makes the planner's choice minutes long.
    WITH card AS MATERIALIZED (
        SELECT c.node, c.level, c.kind, c.body, c.score, c.score_shown, c.maximum, c.methodology, c.scope, c.superseded
        FROM perf_eval.body_card AS c
        WHERE c.year = report_below_block_rows.year AND c.methodology = version
    ),
    cells AS (
        SELECT c.node, c.level, c.kind, c.body, n.sign * c.score AS points, n.sign * c.score_shown AS shown, c.maximum,
               c.methodology
        FROM card AS c
        JOIN perf_eval.score_node AS n ON n.code = c.node
        WHERE c.level IN ('direction', 'criterion') AND c.score IS NOT NULL AND c.scope = 'assessed_ranked'
          AND NOT c.superseded
    ),
    means AS (
        SELECT z.node, z.kind, z.mean_shown FROM perf_eval.zone_counts AS z
        WHERE z.year = report_below_block_rows.year AND z.methodology = version AND z.level = 'direction'
    )
    SELECT x.node, perf_eval.label('node', x.node, language), x.level, x.kind, perf_eval.label('body_kind', x.kind, language),
           rank() OVER (PARTITION BY x.node, x.kind ORDER BY x.points DESC), x.body, perf_eval.label('body', x.body, language),
           x.shown, x.maximum,
           coalesce(m.mean_shown,
                    round(avg(x.points) OVER (PARTITION BY x.node, x.kind),
                          perf_eval.display_decimals('node_score')))
    FROM cells AS x
    LEFT JOIN means AS m ON m.node = x.node AND m.kind = x.kind AND x.level = 'direction'
    ORDER BY x.node, x.kind, 6, x.body;
END
$$;
COMMENT ON FUNCTION perf_eval.report_below_block_rows(integer, text) IS
'The report''s tables below block level: every direction and criterion of every ranked body ranked within its kind, with the group mean (perf_eval.zone_counts for directions, the plain mean of the criterion''s scores rounded to the decimals of the display setting node_score for criteria)';

-- Every year in the database side by side, with the dynamics against the year before.
CREATE FUNCTION perf_eval.report_years_rows(lang text)
RETURNS TABLE (block text, block_title text, kind text, body text, body_name text, year integer, score_shown numeric,
               previous_shown numeric, dynamics text, dynamics_label text, restricted boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    WITH y AS (
        SELECT r.block, r.kind, r.body, r.year, r.score_shown, r.previous_shown,
               CASE WHEN r.score_shown IS NULL OR r.previous_shown IS NULL THEN NULL
                    WHEN r.score_shown > r.previous_shown THEN 'improved'
                    WHEN r.score_shown < r.previous_shown THEN 'worsened'
                    ELSE 'unchanged' END AS dynamics,
               r.publication_restricted AND r.score IS NULL AS restricted
        FROM perf_eval.ranking AS r
        WHERE r.methodology = version AND r.assessment = 'assessed'
    )
    SELECT y.block, perf_eval.label('block', y.block, language), y.kind, y.body, perf_eval.label('body', y.body, language),
           y.year, y.score_shown, y.previous_shown, y.dynamics,
           CASE WHEN y.dynamics IS NOT NULL THEN perf_eval.label('dynamics', y.dynamics, language) END, y.restricted
    FROM y JOIN perf_eval.block AS b ON b.code = y.block
    ORDER BY b.block_order, y.kind, y.body, y.year;
END
$$;
COMMENT ON FUNCTION perf_eval.report_years_rows(text) IS
'The report''s years side by side: every year of perf_eval.ranking under the current methodology per block, kind and body, with the dynamics (improved | worsened | unchanged) of the shown score against the year before';

-- National totals from the registries' monthly tallies, by kind of body and month.
CREATE FUNCTION perf_eval.report_registry_rows(year integer, lang text)
RETURNS TABLE (kind text, kind_title text, month date, complaints_considered numeric, complaints_late numeric,
               late_per_100000 numeric, deliveries numeric, deadline_violations numeric, violations_per_100000 numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    language constant text := perf_eval.report_language(lang);
    scale constant integer := perf_eval.display_decimals('node_score');
BEGIN
    RETURN QUERY
    WITH months AS (
        SELECT b.kind, m.month, sum((c.tally).considered) AS considered, sum((c.tally).late) AS late,
               sum((s.tally).deliveries) AS deliveries, sum((s.tally).deadline_violations) AS violations
        FROM (SELECT t.body, t.month FROM perf_eval.complaint_tally_monthly AS t
              UNION SELECT t.body, t.month FROM perf_eval.service_tally_monthly AS t) AS m
        JOIN perf_eval.body AS b ON b.code = m.body
        LEFT JOIN perf_eval.complaint_tally_monthly AS c ON c.body = m.body AND c.month = m.month
        LEFT JOIN perf_eval.service_tally_monthly AS s ON s.body = m.body AND s.month = m.month
        WHERE m.month >= make_date(report_registry_rows.year, 1, 1) AND m.month < make_date(report_registry_rows.year + 1, 1, 1)
        GROUP BY b.kind, m.month
    )
    SELECT m.kind, perf_eval.label('body_kind', m.kind, language), m.month, m.considered, m.late,
           round(100000 * m.late / nullif(m.considered, 0), scale), m.deliveries, m.violations,
           round(100000 * m.violations / nullif(m.deliveries, 0), scale)
    FROM months AS m
    ORDER BY m.kind, m.month;
END
$$;
COMMENT ON FUNCTION perf_eval.report_registry_rows(integer, text) IS
'The report''s national totals: the registries'' monthly tallies summed by kind of body and month, late answers per 100 000 complaints considered and deadline violations per 100 000 services delivered';

-- ---------------------------------------------------------------------------
-- Rendering. Each function renders one section from the rows above; text is
-- escaped, numbers are the views' shown values.
-- ---------------------------------------------------------------------------

-- The arrow of a movement of rank.
CREATE FUNCTION perf_eval.report_arrow(movement text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE $1 WHEN 'up' THEN '↑' WHEN 'down' THEN '↓' WHEN 'same' THEN '→' WHEN 'new' THEN '★' ELSE '' END $$;
COMMENT ON FUNCTION perf_eval.report_arrow(text) IS
'The arrow the report prints for a movement of rank: up ↑, down ↓, same →, new ★';

-- The bar chart of one block and kind: one bar per ranked body in rank order,
-- coloured by zone, last year's score marked, the group mean as a line; a
-- score the reader may not see is a hatched bar labelled restricted. rows is
-- the jsonb array of report_ranking_rows of that block and kind.
CREATE FUNCTION perf_eval.report_chart_svg(rows jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH bar AS (
        SELECT r.value AS v, (row_number() OVER (ORDER BY (r.value ->> 'rank')::integer, r.value ->> 'body') - 1) AS i
        FROM jsonb_array_elements($1) AS r
        WHERE r.value ->> 'rank' IS NOT NULL
    ),
    geometry AS (SELECT 24 + 20 * count(*) + 10 AS height FROM bar),
    mean AS (SELECT (r.value ->> 'group_mean')::numeric AS mean, (r.value ->> 'group_mean_shown')::numeric AS shown
             FROM jsonb_array_elements($1) AS r WHERE r.value ->> 'group_mean' IS NOT NULL LIMIT 1)
    SELECT format('<svg class="chart" data-block="%s" data-kind="%s" role="img" viewBox="0 0 1000 %s" width="100%%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
                  perf_eval.html_escape($1 -> 0 ->> 'block'), perf_eval.html_escape($1 -> 0 ->> 'kind'), g.height)
        || '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e0e0e0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9e9e9e" stroke-width="3"/></pattern></defs>'
        || coalesce((SELECT string_agg(
               format('<text class="name" x="392" y="%s" text-anchor="end">%s</text>', 24 + 20 * b.i + 14,
                      perf_eval.html_escape(CASE WHEN length(b.v ->> 'body_name') > 46 THEN left(b.v ->> 'body_name', 45) || '…' ELSE b.v ->> 'body_name' END))
               || CASE WHEN (b.v ->> 'restricted')::boolean THEN
                      format('<rect class="bar restricted" data-body="%s" x="400" y="%s" width="500" height="14" fill="url(#hatch)"><title>%s</title></rect><text x="406" y="%s" class="value">%s</text>',
                             perf_eval.html_escape(b.v ->> 'body'), 24 + 20 * b.i + 3, perf_eval.html_escape(b.v ->> 'body_name'),
                             24 + 20 * b.i + 14, perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2)))
                  ELSE
                      format('<rect class="bar zone-%s" data-body="%s" x="400" y="%s" width="%s" height="14"><title>%s: %s</title></rect><text x="%s" y="%s" class="value">%s</text>',
                             perf_eval.html_escape(b.v ->> 'zone'), perf_eval.html_escape(b.v ->> 'body'), 24 + 20 * b.i + 3,
                             round(5 * greatest(0, least(100, (b.v ->> 'score')::numeric)), 2),
                             perf_eval.html_escape(b.v ->> 'body_name'), perf_eval.report_number((b.v ->> 'score_shown')::numeric),
                             round(406 + 5 * greatest(0, least(100, (b.v ->> 'score')::numeric)), 2), 24 + 20 * b.i + 14,
                             perf_eval.report_number((b.v ->> 'score_shown')::numeric))
                  END
               || CASE WHEN b.v ->> 'previous_score' IS NOT NULL THEN
                      format('<line class="prev" x1="%1$s" x2="%1$s" y1="%2$s" y2="%3$s"><title>%4$s</title></line>',
                             round(400 + 5 * greatest(0, least(100, (b.v ->> 'previous_score')::numeric)), 2),
                             24 + 20 * b.i + 1, 24 + 20 * b.i + 19, perf_eval.report_number((b.v ->> 'previous_shown')::numeric))
                  ELSE '' END,
               '' ORDER BY b.i) FROM bar AS b), '')
        || coalesce((SELECT format('<line class="mean" x1="%1$s" x2="%1$s" y1="18" y2="%2$s"/><text class="mean" x="%1$s" y="13" text-anchor="middle">%3$s %4$s</text>',
                                   round(400 + 5 * greatest(0, least(100, m.mean)), 2), g.height - 6,
                                   perf_eval.html_escape(perf_eval.label('heading', 'col.group_mean', $2)), perf_eval.report_number(m.shown))
                     FROM mean AS m), '')
        || '</svg>'
    FROM geometry AS g
$$;
COMMENT ON FUNCTION perf_eval.report_chart_svg(jsonb, text) IS
'SVG bar chart of one block and kind from the jsonb array of its report_ranking_rows: a bar per ranked body coloured by zone, last year''s score marked, the group mean line, restricted scores hatched without value';

-- The header cells of a report table: a <th> per heading label key, in the
-- language, escaped.
CREATE FUNCTION perf_eval.report_header_cells(lang text, VARIADIC keys text[])
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT string_agg(format('<th>%s</th>', perf_eval.html_escape(perf_eval.label('heading', h.key, $1))), '' ORDER BY h.pos)
    FROM unnest($2) WITH ORDINALITY AS h(key, pos)
$$;
COMMENT ON FUNCTION perf_eval.report_header_cells(text, text[]) IS
'The <th> cells of a report table header, one per heading label key in the order given, in the language, HTML-escaped';

-- The ranking table of one block and kind, with movement arrows; the group
-- means are said once, under the table.
CREATE FUNCTION perf_eval.report_ranking_table(rows jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<table class="ranking" data-block="%s" data-kind="%s"><thead><tr>',
                  perf_eval.html_escape($1 -> 0 ->> 'block'), perf_eval.html_escape($1 -> 0 ->> 'kind'))
        || perf_eval.report_header_cells($2, 'col.rank', 'col.body', 'col.score', 'col.zone', 'col.previous_rank', 'col.previous_score', 'col.movement')
        || '</tr></thead><tbody>'
        || (SELECT string_agg(format('<tr data-body="%s" data-movement="%s"><td>%s</td><td>%s</td><td class="num score">%s</td><td><span class="swatch zone-%s"></span>%s</td><td>%s</td><td class="num">%s</td><td class="movement"><span class="arrow">%s</span> %s</td></tr>',
                   perf_eval.html_escape(r.value ->> 'body'), perf_eval.html_escape(coalesce(r.value ->> 'movement', '')),
                   coalesce(r.value ->> 'rank', '—'), perf_eval.html_escape(r.value ->> 'body_name'),
                   CASE WHEN (r.value ->> 'restricted')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2))
                        ELSE perf_eval.report_number((r.value ->> 'score_shown')::numeric) END,
                   perf_eval.html_escape(coalesce(r.value ->> 'zone', 'none')), perf_eval.html_escape(coalesce(r.value ->> 'zone_label', '')),
                   coalesce(r.value ->> 'previous_rank', '—'), perf_eval.report_number((r.value ->> 'previous_shown')::numeric),
                   perf_eval.report_arrow(r.value ->> 'movement'),
                   CASE WHEN r.value ->> 'movement' IS NOT NULL THEN perf_eval.html_escape(perf_eval.label('movement', r.value ->> 'movement', $2))
                        WHEN (r.value ->> 'advisory')::boolean THEN perf_eval.html_escape(perf_eval.label('sentence', 'not_ranked', $2)) ELSE '' END),
                   '' ORDER BY (r.value ->> 'rank')::integer NULLS LAST, r.value ->> 'body')
            FROM jsonb_array_elements($1) AS r)
        || format('</tbody></table><p class="means">%s: %s (%s)</p>',
                  perf_eval.html_escape(perf_eval.label('heading', 'col.group_mean', $2)),
                  perf_eval.report_number(($1 -> 0 ->> 'group_mean_shown')::numeric),
                  perf_eval.html_escape(perf_eval.label('heading', 'col.previous_score', $2)) || ': '
                  || perf_eval.report_number(($1 -> 0 ->> 'previous_group_mean_shown')::numeric))
$$;
COMMENT ON FUNCTION perf_eval.report_ranking_table(jsonb, text) IS
'HTML ranking table of one block and kind from the jsonb array of its report_ranking_rows: rank, body, points, zone, last year''s rank and points, movement arrow; the group means once below';

-- Every block and kind: heading, chart, table.
CREATE FUNCTION perf_eval.report_rankings_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="rankings"><h2 data-label="report.rankings">%s</h2>',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.rankings', $2)))
        || coalesce(string_agg(format('<h3 id="ranking-%s-%s">%s — %s</h3>', perf_eval.html_escape(g.block), perf_eval.html_escape(g.kind),
                                      perf_eval.html_escape(g.block_title), perf_eval.html_escape(g.kind_title))
                               || perf_eval.report_chart_svg(g.rows, $2) || perf_eval.report_ranking_table(g.rows, $2),
                               '' ORDER BY g.block_order, g.kind), '')
        || '</section>'
    FROM (SELECT r.block, r.kind, min(r.block_title) AS block_title, min(r.kind_title) AS kind_title, min(b.block_order) AS block_order,
                 jsonb_agg(to_jsonb(r) ORDER BY r.rank NULLS LAST, r.body) AS rows
          FROM perf_eval.report_ranking_rows($1, $2) AS r JOIN perf_eval.block AS b ON b.code = r.block
          GROUP BY r.block, r.kind) AS g
$$;
COMMENT ON FUNCTION perf_eval.report_rankings_html(integer, text) IS
'The rankings section of the report: per block and kind of body a heading, the bar chart and the ranking table';

-- Zone counts of the blocks.
CREATE FUNCTION perf_eval.report_zones_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="zones"><h2 data-label="report.zones">%s</h2><table class="zones"><thead><tr>',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.zones', $2)))
        || perf_eval.report_header_cells($2, 'col.block', 'col.kind', 'col.n')
        || (SELECT string_agg(format('<th><span class="swatch zone-%s"></span>%s</th>', z.zone, perf_eval.html_escape(perf_eval.label('zone', z.zone, $2))), '' ORDER BY z.zone_order)
            FROM perf_eval.efficiency_zone_label AS z)
        || perf_eval.report_header_cells($2, 'col.group_mean') || '</tr></thead><tbody>'
        || coalesce((SELECT string_agg(format('<tr data-block="%s" data-kind="%s"><td>%s</td><td>%s</td><td class="num">%s</td><td class="num">%s (%s%%)</td><td class="num">%s (%s%%)</td><td class="num">%s (%s%%)</td><td class="num">%s (%s%%)</td><td class="num">%s</td></tr>',
                                              perf_eval.html_escape(r.block), perf_eval.html_escape(r.kind), perf_eval.html_escape(r.block_title),
                                              perf_eval.html_escape(r.kind_title), r.n, r.high, r.share_high, r.medium, r.share_medium,
                                              r.low, r.share_low, r.ineffective, r.share_ineffective, perf_eval.report_number(r.mean_shown)), '')
                     FROM perf_eval.report_zone_rows($1, $2) AS r), '')
        || '</tbody></table></section>'
$$;
COMMENT ON FUNCTION perf_eval.report_zones_html(integer, text) IS
'The zone section of the report: per block and kind the ranked bodies, the count and share in each efficiency zone and the mean';

-- The narrative sentence of a block of a body, in the language.
CREATE FUNCTION perf_eval.report_sentence(row_ jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format(perf_eval.label('sentence', 'block', $2), $1 ->> 'body_name', $1 ->> 'node_title',
                  CASE WHEN ($1 ->> 'restricted')::boolean THEN perf_eval.label('heading', 'report.restricted', $2)
                       ELSE perf_eval.report_number(($1 ->> 'points_shown')::numeric) END,
                  coalesce($1 ->> 'zone_label', '—'),
                  CASE WHEN $1 ->> 'rank' IS NULL THEN perf_eval.label('sentence', 'not_ranked', $2)
                       ELSE format(perf_eval.label('sentence', 'ranked', $2), $1 ->> 'rank', $1 ->> 'n_ranked')
                            || CASE WHEN $1 ->> 'movement' IS NOT NULL
                                    THEN format(' (%s %s%s)', perf_eval.report_arrow($1 ->> 'movement'),
                                                perf_eval.label('movement', $1 ->> 'movement', $2),
                                                CASE WHEN $1 ->> 'previous_rank' IS NOT NULL THEN ', ' || ($1 ->> 'previous_rank') ELSE '' END)
                                    ELSE '' END
                  END)
$$;
COMMENT ON FUNCTION perf_eval.report_sentence(jsonb, text) IS
'The sentence the report prints for a block of a body (points, zone, rank and movement) from its report_body_rows row as jsonb, in the language';

-- The breakdown table of a body: directions and criteria, points and maxima.
CREATE FUNCTION perf_eval.report_breakdown_table(rows jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT '<table class="breakdown"><thead><tr>' || perf_eval.report_header_cells($2, 'col.node', 'col.score', 'col.maximum')
        || '</tr></thead><tbody>'
        || coalesce(string_agg(format('<tr class="%s" data-node="%s"><td>%s</td><td class="num points">%s</td><td class="num">%s</td></tr>',
                                      r.value ->> 'level', perf_eval.html_escape(r.value ->> 'node'), perf_eval.html_escape(r.value ->> 'node_title'),
                                      CASE WHEN (r.value ->> 'restricted')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2))
                                           WHEN (r.value ->> 'not_applicable')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.not_applicable', $2))
                                           ELSE perf_eval.report_number((r.value ->> 'points_shown')::numeric) END,
                                      CASE WHEN (r.value ->> 'not_applicable')::boolean THEN ''
                                           ELSE perf_eval.report_number((r.value ->> 'maximum')::numeric) END),
                               '' ORDER BY r.value ->> 'node'), '')
        || '</tbody></table>'
    FROM jsonb_array_elements($1) AS r
    WHERE r.value ->> 'level' IN ('direction', 'criterion')
$$;
COMMENT ON FUNCTION perf_eval.report_breakdown_table(jsonb, text) IS
'HTML table of a body''s directions and criteria with points (penalties negative, restricted or not applicable in words) and maxima, from its report_body_rows as a jsonb array';

-- The page of one body: blocks with last year, breakdown, weakest
-- indicators, assumptions, objections, narrative sentences.
CREATE FUNCTION perf_eval.report_body_page(year integer, lang text, body text, rows jsonb, ranking jsonb)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<article class="body" id="body-%s"><h3>%s</h3>', perf_eval.html_escape($3), perf_eval.html_escape($4 -> 0 ->> 'body_name'))
        || coalesce((SELECT string_agg(format('<p class="sentence">%s</p>', perf_eval.html_escape(perf_eval.report_sentence(r.value, $2))), '' ORDER BY r.value ->> 'node')
                     FROM jsonb_array_elements($4) AS r WHERE r.value ->> 'level' = 'block' AND r.value ->> 'status' = 'ok'), '')
        || coalesce((SELECT string_agg(format('<p class="rank-range" data-node="%s">%s</p>', perf_eval.html_escape(r.value ->> 'node'),
                                              perf_eval.html_escape(format(perf_eval.label('sentence', 'rank_range', $2), r.value ->> 'node_title',
                                                                           r.value ->> 'rank_min', r.value ->> 'rank_max'))), '' ORDER BY r.value ->> 'node')
                     FROM jsonb_array_elements($4) AS r WHERE r.value ->> 'level' = 'block' AND r.value ->> 'rank_min' IS NOT NULL), '')
        || format('<h4>%s</h4><table class="blocks"><thead><tr>', perf_eval.html_escape(perf_eval.label('heading', 'body.blocks', $2)))
        || perf_eval.report_header_cells($2, 'col.block', 'col.score', 'col.zone', 'col.rank', 'col.previous_score', 'col.previous_rank')
        || '</tr></thead><tbody>'
        || coalesce((SELECT string_agg(format('<tr data-node="%s"><td>%s</td><td class="num points">%s</td><td>%s</td><td>%s</td><td class="num">%s</td><td>%s</td></tr>',
                                              perf_eval.html_escape(r.value ->> 'node'), perf_eval.html_escape(r.value ->> 'node_title'),
                                              CASE WHEN (r.value ->> 'restricted')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2))
                                                   ELSE perf_eval.report_number((r.value ->> 'points_shown')::numeric) END,
                                              perf_eval.html_escape(coalesce(r.value ->> 'zone_label', '—')),
                                              coalesce((r.value ->> 'rank') || ' / ' || (r.value ->> 'n_ranked'), '—'),
                                              perf_eval.report_number((SELECT (k.value ->> 'previous_shown')::numeric FROM jsonb_array_elements($5) AS k
                                                                      WHERE k.value ->> 'block' = r.value ->> 'node' LIMIT 1)),
                                              coalesce(r.value ->> 'previous_rank', '—')), '' ORDER BY r.value ->> 'node')
                     FROM jsonb_array_elements($4) AS r WHERE r.value ->> 'level' = 'block'), '')
        || '</tbody></table>'
        || format('<h4>%s</h4>', perf_eval.html_escape(perf_eval.label('heading', 'body.breakdown', $2))) || perf_eval.report_breakdown_table($4, $2)
        || format('<h4>%s</h4><ul class="weakest">', perf_eval.html_escape(perf_eval.label('heading', 'body.weakest', $2)))
        || coalesce((SELECT string_agg(format('<li>%s: %s / %s</li>', perf_eval.html_escape(w.value ->> 'node_title'),
                                              perf_eval.report_number((w.value ->> 'points_shown')::numeric), perf_eval.report_number((w.value ->> 'maximum')::numeric)),
                                       '' ORDER BY w.ratio, w.value ->> 'node')
                     FROM (SELECT r.value, (r.value ->> 'points_shown')::numeric / (r.value ->> 'maximum')::numeric AS ratio,
                                  row_number() OVER (ORDER BY (r.value ->> 'points_shown')::numeric / (r.value ->> 'maximum')::numeric, r.value ->> 'node') AS n
                           FROM jsonb_array_elements($4) AS r
                           WHERE r.value ->> 'level' = 'criterion' AND (r.value ->> 'maximum')::numeric > 0
                             AND (r.value ->> 'points_shown')::numeric >= 0) AS w
                     WHERE w.n <= 3), '<li>' || perf_eval.html_escape(perf_eval.label('heading', 'report.none', $2)) || '</li>')
        || format('</ul><h4>%s</h4><ul class="assumptions">', perf_eval.html_escape(perf_eval.label('heading', 'body.assumptions', $2)))
        || coalesce((SELECT string_agg(format('<li><code>%s</code>: %s</li>', perf_eval.html_escape(a.key),
                                              perf_eval.html_escape(coalesce(p.note, p.source))), '' ORDER BY a.key)
                     FROM (SELECT DISTINCT k.key FROM jsonb_array_elements($4) AS r,
                                                     jsonb_array_elements_text(coalesce(r.value -> 'assumed_parameters', '[]')) AS k(key)) AS a
                     LEFT JOIN perf_eval.methodology_param AS p ON p.methodology = perf_eval.report_methodology() AND p.key = a.key),
                    '<li>' || perf_eval.html_escape(perf_eval.label('heading', 'report.none', $2)) || '</li>')
        || '</ul>'
        || coalesce((SELECT format('<h4>%s</h4><ul class="objections">', perf_eval.html_escape(perf_eval.label('heading', 'body.objections', $2)))
                            || string_agg(format('<li>%s: %s (%s) — %s%s</li>', perf_eval.html_escape(perf_eval.label('node', o.node, $2)),
                                                 perf_eval.html_escape(o.claim), perf_eval.html_escape(o.document),
                                                 perf_eval.html_escape(coalesce(o.decision, '…')),
                                                 coalesce(': ' || perf_eval.html_escape(o.decision_reason), '')), '' ORDER BY o.objection_id)
                            || '</ul>'
                     FROM perf_eval.objection AS o WHERE o.year = $1 AND o.body = $3), '')
        || '</article>'
$$;
COMMENT ON FUNCTION perf_eval.report_body_page(integer, text, text, jsonb, jsonb) IS
'The page of one body: narrative sentences, the rank range of each block with a sensitivity (perf_eval.rank_range), its blocks with last year, the direction and criterion breakdown, the three weakest criteria, the assumed parameters its score relies on and its objections with their outcome';

CREATE FUNCTION perf_eval.report_bodies_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH card AS (
        SELECT r.body, min(r.body_name) AS body_name, min(r.kind) AS kind, jsonb_agg(to_jsonb(r) ORDER BY r.node) AS rows
        FROM perf_eval.report_body_rows($1, $2) AS r GROUP BY r.body
    ),
    ranking AS (
        SELECT r.body, jsonb_agg(jsonb_build_object('block', r.block, 'previous_shown', r.previous_shown)) AS rows
        FROM perf_eval.report_ranking_rows($1, $2) AS r GROUP BY r.body
    )
    SELECT format('<section id="bodies"><h2 data-label="report.bodies">%s</h2><nav class="bodies">',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.bodies', $2)))
        || coalesce(string_agg(format('<a href="#body-%s">%s</a>', perf_eval.html_escape(c.body), perf_eval.html_escape(c.body_name)), ' · ' ORDER BY c.kind, c.body_name), '')
        || '</nav>'
        || coalesce(string_agg(perf_eval.report_body_page($1, $2, c.body, c.rows, coalesce(k.rows, '[]')), '' ORDER BY c.kind, c.body_name), '')
        || '</section>'
    FROM card AS c LEFT JOIN ranking AS k ON k.body = c.body
$$;
COMMENT ON FUNCTION perf_eval.report_bodies_html(integer, text) IS
'The body pages of the report, one article per body with a body_card in the year, with an index of links';

-- Directions and criteria of every body ranked, with group means.
CREATE FUNCTION perf_eval.report_below_block_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="below-block"><h2 data-label="report.below_block">%s</h2>',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.below_block', $2)))
        || coalesce(string_agg(format('<h3>%s — %s</h3><table class="below" data-node="%s" data-kind="%s"><thead><tr>%s</tr></thead><tbody>%s</tbody></table><p class="means">%s: %s</p>',
                                      perf_eval.html_escape(g.node_title), perf_eval.html_escape(g.kind_title), perf_eval.html_escape(g.node), perf_eval.html_escape(g.kind),
                                      perf_eval.report_header_cells($2, 'col.rank', 'col.body', 'col.score', 'col.maximum'),
                                      g.body_rows, perf_eval.html_escape(perf_eval.label('heading', 'col.group_mean', $2)), perf_eval.report_number(g.mean)),
                               '' ORDER BY g.node, g.kind), '')
        || '</section>'
    FROM (SELECT r.node, r.kind, min(r.node_title) AS node_title, min(r.kind_title) AS kind_title, min(r.group_mean_shown) AS mean,
                 string_agg(format('<tr data-body="%s"><td>%s</td><td>%s</td><td class="num points">%s</td><td class="num">%s</td></tr>',
                                   perf_eval.html_escape(r.body), r.rank, perf_eval.html_escape(r.body_name),
                                   perf_eval.report_number(r.points_shown), perf_eval.report_number(r.maximum)), '' ORDER BY r.rank, r.body) AS body_rows
          FROM perf_eval.report_below_block_rows($1, $2) AS r GROUP BY r.node, r.kind) AS g
$$;
COMMENT ON FUNCTION perf_eval.report_below_block_html(integer, text) IS
'The section below block level: per direction and criterion and kind of body every ranked body ranked, with the group mean';

-- Years side by side: a column per year, the dynamics against the year before.
CREATE FUNCTION perf_eval.report_years_html(lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH y AS (SELECT * FROM perf_eval.report_years_rows($1)),
         years AS (SELECT DISTINCT y.year FROM y)
    SELECT format('<section id="years"><h2 data-label="report.years">%s</h2>', perf_eval.html_escape(perf_eval.label('heading', 'report.years', $1)))
        || coalesce(string_agg(format('<h3>%s — %s</h3><table class="years"><thead><tr>%s%s</tr></thead><tbody>%s</tbody></table>',
                                      perf_eval.html_escape(g.block_title), perf_eval.html_escape(perf_eval.label('body_kind', g.kind, $1)),
                                      perf_eval.report_header_cells($1, 'col.body'),
                                      (SELECT string_agg(format('<th>%s</th>', x.year), '' ORDER BY x.year) FROM years AS x), g.body_rows),
                               '' ORDER BY g.block_order, g.kind), '')
        || '</section>'
    FROM (SELECT b.block, b.kind, min(b.block_title) AS block_title, min(k.block_order) AS block_order,
                 string_agg(format('<tr data-body="%s"><td>%s</td>%s</tr>', perf_eval.html_escape(b.body), perf_eval.html_escape(b.body_name),
                                   (SELECT string_agg(format('<td class="num">%s%s</td>',
                                                             CASE WHEN c.restricted THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $1))
                                                                  ELSE perf_eval.report_number(c.score_shown) END,
                                                             coalesce(' <span class="dynamics ' || c.dynamics || '">' || perf_eval.html_escape(c.dynamics_label) || '</span>', '')),
                                                      '' ORDER BY x.year)
                                    FROM years AS x LEFT JOIN y AS c ON c.year = x.year AND c.block = b.block AND c.kind = b.kind AND c.body = b.body)),
                            '' ORDER BY b.body_name) AS body_rows
          FROM (SELECT DISTINCT y.block, y.block_title, y.kind, y.body, y.body_name FROM y) AS b
          JOIN perf_eval.block AS k ON k.code = b.block
          GROUP BY b.block, b.kind) AS g
$$;
COMMENT ON FUNCTION perf_eval.report_years_html(text) IS
'The years section of the report: per block and kind every body with its shown score in every year and the dynamics label against the year before';

CREATE FUNCTION perf_eval.report_registries_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="registries"><h2 data-label="report.registries">%s</h2>', perf_eval.html_escape(perf_eval.label('heading', 'report.registries', $2)))
        || coalesce((SELECT '<table class="registries"><thead><tr>'
                            || perf_eval.report_header_cells($2, 'col.kind', 'col.month', 'registry.complaints_considered', 'registry.complaints_late')
                            || '<th>‰₀₀</th>' || perf_eval.report_header_cells($2, 'registry.deliveries', 'registry.deadline_violations')
                            || '<th>‰₀₀</th></tr></thead><tbody>'
                            || string_agg(format('<tr><td>%s</td><td>%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td></tr>',
                                                 perf_eval.html_escape(r.kind_title), to_char(r.month, 'YYYY-MM'), perf_eval.report_number(r.complaints_considered),
                                                 perf_eval.report_number(r.complaints_late), perf_eval.report_number(r.late_per_100000),
                                                 perf_eval.report_number(r.deliveries), perf_eval.report_number(r.deadline_violations),
                                                 perf_eval.report_number(r.violations_per_100000)), '' ORDER BY r.kind, r.month)
                            || '</tbody></table>'
                     FROM perf_eval.report_registry_rows($1, $2) AS r HAVING count(*) > 0),
                    '<p>' || perf_eval.html_escape(perf_eval.label('heading', 'report.no_registry', $2)) || '</p>')
        || '</section>'
$$;
COMMENT ON FUNCTION perf_eval.report_registries_html(integer, text) IS
'The national totals section of the report: the registries'' monthly tallies by kind of body and month, per 100 000';

-- The style sheet of the report: readable on screen at any width, printable.
CREATE FUNCTION perf_eval.report_css()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT
'body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:14px;color:#212121;margin:0 auto;max-width:1200px;padding:0 16px;overflow-wrap:anywhere}'
'table{border-collapse:collapse;width:100%;margin:6px 0 4px}th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}'
'th{background:#f5f5f5}td.num{text-align:right;white-space:nowrap}tr.criterion td:first-child{padding-left:24px}'
'.banner{border:2px solid #c62828;background:#ffebee;padding:8px 12px;margin:12px 0}'
'.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}'
'.zone-high{fill:#2e7d32;background:#2e7d32}.zone-medium{fill:#f9a825;background:#f9a825}'
'.zone-low{fill:#ef6c00;background:#ef6c00}.zone-ineffective{fill:#c62828;background:#c62828}'
'svg.chart{display:block;max-width:1000px;font-size:12px}svg .prev{stroke:#000;stroke-width:2}'
'svg .mean{stroke:#1565c0;stroke-dasharray:4 3;fill:#1565c0}svg text.value{fill:#212121}'
'.arrow{font-weight:bold}.dynamics.improved{color:#2e7d32}.dynamics.worsened{color:#c62828}'
'nav a{margin-right:4px}p.means{color:#555;margin:0 0 16px}'
'@media print{nav.toc{display:none}section,article.body{break-before:page}body{max-width:none}}'
$$;
COMMENT ON FUNCTION perf_eval.report_css() IS 'The inline style sheet of perf_eval.report_html: zone colours, tables, charts, print page breaks';

-- The whole report: one self-contained HTML document.
CREATE FUNCTION perf_eval.report_html(year integer, lang text DEFAULT NULL, note text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    language constant text := perf_eval.report_language(lang);
    title constant text := format(perf_eval.label('heading', 'report.title', language), year);
BEGIN
    RETURN format('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
                  '<title>%s</title><style>%s</style></head><body><h1>%s</h1>',
                  language, perf_eval.html_escape(title), perf_eval.report_css(), perf_eval.html_escape(title))
        || coalesce(format('<div class="banner" role="note"><strong>%s.</strong> %s</div>',
                           perf_eval.html_escape(perf_eval.label('heading', 'report.synthetic', language)), perf_eval.html_escape(note)), '')
        || format('<nav class="toc"><h2 data-label="report.contents">%s</h2><ul>', perf_eval.html_escape(perf_eval.label('heading', 'report.contents', language)))
        || (SELECT string_agg(format('<li><a href="#%s">%s</a></li>', s.anchor, perf_eval.html_escape(perf_eval.label('heading', s.key, language))), '' ORDER BY s.pos)
            FROM (VALUES (1, 'rankings', 'report.rankings'), (2, 'zones', 'report.zones'), (3, 'bodies', 'report.bodies'),
                         (4, 'below-block', 'report.below_block'), (5, 'years', 'report.years'), (6, 'registries', 'report.registries')) AS s(pos, anchor, key))
        || '</ul></nav>'
        || perf_eval.report_rankings_html(year, language)
        || perf_eval.report_zones_html(year, language)
        || perf_eval.report_bodies_html(year, language)
        || perf_eval.report_below_block_html(year, language)
        || perf_eval.report_years_html(language)
        || perf_eval.report_registries_html(year, language)
        || '</body></html>';
END
$$;
COMMENT ON FUNCTION perf_eval.report_html(integer, text, text) IS
'The annual report of a year as one self-contained HTML document in kk, ru or en (NULL: the first of perf_eval.language_fallback): rankings with SVG charts, zone counts, a page per body, directions and criteria ranked, years side by side, national registry totals; only what the caller may see; note, if given, is printed as a banner (docs/report.md)';

GRANT EXECUTE ON FUNCTION perf_eval.report_html(integer, text, text), perf_eval.report_ranking_rows(integer, text),
      perf_eval.report_zone_rows(integer, text), perf_eval.report_body_rows(integer, text),
      perf_eval.report_below_block_rows(integer, text), perf_eval.report_years_rows(text),
      perf_eval.report_registry_rows(integer, text) TO perf_eval_reader;
