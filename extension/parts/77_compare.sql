-- =========================================================================
-- Section: comparing two runs (issue 19, item 1; docs/designing.md §1)
--
-- Any two runs, official (perf_eval.run) or what-if (perf_eval.scratch_run),
-- of the same or different methodologies and years: per body and node both
-- values, the difference, both ranks and zones; per block and kind of body
-- Spearman's rank correlation, the bodies that change zone and the largest
-- movers. Ranks follow the ranking rule of the ranking views,
-- perf_eval.rank_block_scores (70_reports.sql); zones are those of the
-- unrounded score under the run's own parameters.
-- =========================================================================

-- The score tree of a run, official or what-if; restricted marks a score
-- whose publication is restricted (masked by compare_runs for roles that may
-- not see it). Readers see no what-if (scratch_score is the admins').
CREATE FUNCTION perf_eval.run_scores(run_id bigint)
RETURNS TABLE (run_id bigint, year integer, methodology text, run_kind text, body text, node text, level text,
               block text, value numeric, zone text, restricted boolean)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT r.run_id, r.year, r.methodology, 'official'::text AS run_kind, x.body, x.node, x.value,
               CASE WHEN n.level = 'block' AND x.value IS NOT NULL THEN perf_eval.efficiency_zone(x.value, r.methodology) END AS zone
        FROM perf_eval.run AS r
        JOIN perf_eval.score AS x ON x.run_id = coalesce(r.same_as_run, r.run_id)
        JOIN perf_eval.score_node AS n ON n.code = x.node
        WHERE r.run_id = $1 AND r.status IN ('succeeded', 'unchanged')
        UNION ALL
        SELECT w.run_id, w.year, w.methodology, 'what-if', x.body, x.node, x.value, x.zone
        FROM perf_eval.scratch_run AS w
        JOIN perf_eval.scratch_score AS x ON x.run_id = w.run_id
        WHERE w.run_id = $1
    )
    SELECT s.run_id, s.year, s.methodology, s.run_kind, s.body, s.node, n.level, n.block, s.value, s.zone,
           coalesce((SELECT bs.publication_restricted FROM perf_eval.body_scope AS bs
                     WHERE bs.body = s.body AND bs.block = n.block AND s.year >= bs.year_from
                       AND (s.year <= bs.year_to OR bs.year_to IS NULL)), false)
    FROM s JOIN perf_eval.score_node AS n ON n.code = s.node
$$;
COMMENT ON FUNCTION perf_eval.run_scores(bigint) IS
'The score tree of a run, official (succeeded or unchanged) or what-if: year, methodology, run_kind (official | what-if), body, node, level, block, unrounded value, zone of a block score under the run''s parameters, and whether its publication is restricted';

-- The ranking of a run's block scores, by the rule of the ranking views.
CREATE FUNCTION perf_eval.run_ranking(run_id bigint)
RETURNS TABLE (body text, kind text, block text, value numeric, scope text, rank bigint, zone text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT row_number() OVER () AS ref, s.body, b.kind, s.node, s.value, s.zone,
               perf_eval.scope_status(s.body, s.block, s.year) AS scope
        FROM perf_eval.run_scores($1) AS s
        JOIN perf_eval.body AS b ON b.code = s.body
        WHERE s.level = 'block'
    )
    SELECT k.body, k.kind, k.block, k.value, k.scope, k.rank, s.zone
    FROM perf_eval.rank_block_scores(ARRAY(SELECT ROW(s.ref, s.body, s.kind, s.node, s.value, s.scope)::perf_eval.rankable_score
                                           FROM s)) AS k
    JOIN s ON s.ref = k.ref
$$;
COMMENT ON FUNCTION perf_eval.run_ranking(bigint) IS
'The block scores of a run ranked as the ranking views rank them: per block and kind of body, among the bodies assessed and ranked, 1 = highest unrounded score, ties share a rank (NULL rank for assessed-not-ranked bodies); with scope and zone';

CREATE FUNCTION perf_eval.refuse_unknown_run(run_id bigint)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF run_id IS NULL
       OR NOT (EXISTS (SELECT 1 FROM perf_eval.run AS r
                       WHERE r.run_id = refuse_unknown_run.run_id AND r.status IN ('succeeded', 'unchanged'))
               OR EXISTS (SELECT 1 FROM perf_eval.scratch_run AS s WHERE s.run_id = refuse_unknown_run.run_id)) THEN
        RAISE EXCEPTION 'run % is neither a succeeded run nor a what-if run', coalesce(run_id::text, '(none)')
            USING ERRCODE = '22023',
                  HINT = 'Compare runs listed in perf_eval.current_run or perf_eval.run (succeeded, unchanged) or, as an administrator, in perf_eval.scratch_run.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_unknown_run(bigint) IS
'Refuses (22023) a run id that is neither a succeeded (or unchanged) official run nor a what-if run the role may read';

CREATE FUNCTION perf_eval.compare_runs(run_a bigint, run_b bigint)
RETURNS TABLE (body text, kind text, node text, level text, block text, value_a numeric, value_b numeric,
               difference numeric, rank_a bigint, rank_b bigint, rank_change bigint,
               zone_a text, zone_b text, zone_changed boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.refuse_unknown_run(run_a);
    PERFORM perf_eval.refuse_unknown_run(run_b);
    RETURN QUERY
    WITH a AS (SELECT * FROM perf_eval.run_scores(run_a)),
         b AS (SELECT * FROM perf_eval.run_scores(run_b)),
         j AS (SELECT coalesce(a.body, b.body) AS body, coalesce(a.node, b.node) AS node,
                      a.value AS va, b.value AS vb, a.zone AS za, b.zone AS zb,
                      (coalesce(a.restricted, false) OR coalesce(b.restricted, false))
                          AND NOT perf_eval.may_see_restricted() AS masked
               FROM a FULL JOIN b ON b.body = a.body AND b.node = a.node)
    SELECT j.body, bo.kind, j.node, n.level, n.block,
           CASE WHEN j.masked THEN NULL ELSE j.va END,
           CASE WHEN j.masked THEN NULL ELSE j.vb END,
           CASE WHEN j.masked THEN NULL ELSE j.vb - j.va END,
           ra.rank, rb.rank, ra.rank - rb.rank,
           j.za, j.zb,
           CASE WHEN j.za IS NOT NULL AND j.zb IS NOT NULL THEN j.za <> j.zb END
    FROM j
    JOIN perf_eval.body AS bo ON bo.code = j.body
    JOIN perf_eval.score_node AS n ON n.code = j.node
    LEFT JOIN perf_eval.run_ranking(run_a) AS ra ON ra.body = j.body AND ra.block = j.node
    LEFT JOIN perf_eval.run_ranking(run_b) AS rb ON rb.body = j.body AND rb.block = j.node
    ORDER BY n.block, bo.kind, j.body, n.node_order;
END
$$;
COMMENT ON FUNCTION perf_eval.compare_runs(bigint, bigint) IS
'Two runs side by side (official or what-if, any methodologies and years): per body and node both unrounded values, the difference (b - a), for blocks both ranks (the ranking views'' rule), rank_change (rank_a - rank_b: positive = higher in b), both zones and whether the zone changes; a node present in one run only has NULL on the other side; values masked where publication is restricted and the role may not see them';

-- Spearman's rank correlation of the bodies ranked in both runs: the
-- Pearson correlation of their ranks among themselves, ties given their
-- average rank, in exact numeric arithmetic (rounded to 12 decimals).
CREATE FUNCTION perf_eval.compare_summary(run_a bigint, run_b bigint)
RETURNS TABLE (block text, kind text, ranked_a bigint, ranked_b bigint, ranked_both bigint, spearman numeric,
               zone_changes bigint, bodies_changing_zone text[], largest_movers jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH c AS (SELECT * FROM perf_eval.compare_runs($1, $2) AS x WHERE x.level = 'block'),
    both_ranked AS (
        SELECT c.block, c.kind, c.body,
               rank() OVER (PARTITION BY c.block, c.kind ORDER BY c.rank_a)
                   + (count(*) OVER (PARTITION BY c.block, c.kind, c.rank_a) - 1) / 2.0 AS xa,
               rank() OVER (PARTITION BY c.block, c.kind ORDER BY c.rank_b)
                   + (count(*) OVER (PARTITION BY c.block, c.kind, c.rank_b) - 1) / 2.0 AS xb
        FROM c WHERE c.rank_a IS NOT NULL AND c.rank_b IS NOT NULL
    ),
    sums AS (
        SELECT r.block, r.kind, count(*)::numeric AS n, sum(r.xa) AS sa, sum(r.xb) AS sb,
               sum(r.xa * r.xb) AS sab, sum(r.xa * r.xa) AS saa, sum(r.xb * r.xb) AS sbb
        FROM both_ranked AS r GROUP BY r.block, r.kind
    ),
    movers AS (
        SELECT c.block, c.kind,
               jsonb_agg(jsonb_build_object('body', c.body, 'rank_a', c.rank_a, 'rank_b', c.rank_b, 'rank_change', c.rank_change,
                                            'zone_a', c.zone_a, 'zone_b', c.zone_b)
                         ORDER BY abs(c.rank_change) DESC, c.body) AS movers
        FROM (SELECT c.*, row_number() OVER (PARTITION BY c.block, c.kind ORDER BY abs(c.rank_change) DESC, c.body) AS i
              FROM c WHERE c.rank_change <> 0) AS c
        WHERE c.i <= 5
        GROUP BY c.block, c.kind
    )
    SELECT c.block, c.kind, count(c.rank_a), count(c.rank_b), count(c.rank_a) FILTER (WHERE c.rank_b IS NOT NULL),
           (SELECT trim_scale(round((s.n * s.sab - s.sa * s.sb)
                                    / sqrt((s.n * s.saa - s.sa * s.sa) * (s.n * s.sbb - s.sb * s.sb)), 12))
            FROM sums AS s
            WHERE s.block = c.block AND s.kind = c.kind
              AND (s.n * s.saa - s.sa * s.sa) > 0 AND (s.n * s.sbb - s.sb * s.sb) > 0),
           count(*) FILTER (WHERE c.zone_changed),
           coalesce(array_agg(c.body ORDER BY c.body) FILTER (WHERE c.zone_changed), '{}'),
           coalesce((SELECT m.movers FROM movers AS m WHERE m.block = c.block AND m.kind = c.kind), '[]')
    FROM c
    GROUP BY c.block, c.kind
    ORDER BY c.block, c.kind
$$;
COMMENT ON FUNCTION perf_eval.compare_summary(bigint, bigint) IS
'Per block and kind of body, two runs compared: bodies ranked in a, in b, in both; Spearman''s rank correlation over the bodies ranked in both (ties by average ranks, exact numeric, 12 decimals; NULL under two bodies or without variation); how many and which bodies change zone; the five largest movers (jsonb: body, rank_a, rank_b, rank_change, zone_a, zone_b)';

-- The current runs of two methodologies of a year.
CREATE FUNCTION perf_eval.compare_methodologies(year integer, methodology_a text, methodology_b text)
RETURNS TABLE (run_a bigint, run_b bigint, body text, kind text, node text, level text, block text,
               value_a numeric, value_b numeric, difference numeric, rank_a bigint, rank_b bigint, rank_change bigint,
               zone_a text, zone_b text, zone_changed boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ra bigint;
    rb bigint;
    v text;
BEGIN
    FOREACH v IN ARRAY ARRAY[perf_eval.resolve_methodology(methodology_a), perf_eval.resolve_methodology(methodology_b)] LOOP
        IF NOT EXISTS (SELECT 1 FROM perf_eval.current_run AS c WHERE c.year = compare_methodologies.year AND c.methodology = v) THEN
            RAISE EXCEPTION 'no succeeded run of % under %', year, v
                USING ERRCODE = '22023', HINT = format('Recalculate it first: CALL perf_eval.recalculate(%s, %L).', year, v);
        END IF;
    END LOOP;
    SELECT c.run_id INTO ra FROM perf_eval.current_run AS c
    WHERE c.year = compare_methodologies.year AND c.methodology = perf_eval.resolve_methodology(methodology_a);
    SELECT c.run_id INTO rb FROM perf_eval.current_run AS c
    WHERE c.year = compare_methodologies.year AND c.methodology = perf_eval.resolve_methodology(methodology_b);
    RETURN QUERY SELECT ra, rb, x.* FROM perf_eval.compare_runs(ra, rb) AS x;
END
$$;
COMMENT ON FUNCTION perf_eval.compare_methodologies(integer, text, text) IS
'perf_eval.compare_runs of the current runs (perf_eval.current_run) of a year under two methodologies; 22023 when either has no succeeded run';

CREATE VIEW perf_eval.methodology_comparison AS
SELECT a.year, a.methodology AS methodology_a, b.methodology AS methodology_b, a.run_id AS run_a, b.run_id AS run_b,
       c.body, c.kind, c.node, c.level, c.block, c.value_a, c.value_b, c.difference, c.rank_a, c.rank_b, c.rank_change,
       c.zone_a, c.zone_b, c.zone_changed
FROM perf_eval.current_run AS a
JOIN perf_eval.current_run AS b ON b.year = a.year AND b.methodology <> a.methodology
CROSS JOIN LATERAL perf_eval.compare_runs(a.run_id, b.run_id) AS c;
COMMENT ON COLUMN perf_eval.methodology_comparison.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.methodology_comparison.methodology_a IS 'First methodology version';
COMMENT ON COLUMN perf_eval.methodology_comparison.methodology_b IS 'Second methodology version';
COMMENT ON COLUMN perf_eval.methodology_comparison.run_a IS 'Current run of the year under methodology_a (perf_eval.current_run)';
COMMENT ON COLUMN perf_eval.methodology_comparison.run_b IS 'Current run of the year under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.methodology_comparison.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.methodology_comparison.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.methodology_comparison.level IS 'block | direction | criterion';
COMMENT ON COLUMN perf_eval.methodology_comparison.block IS 'Block of the node';
COMMENT ON COLUMN perf_eval.methodology_comparison.value_a IS 'Unrounded value under methodology_a, points; NULL if absent, not assessable or masked';
COMMENT ON COLUMN perf_eval.methodology_comparison.value_b IS 'Unrounded value under methodology_b, points';
COMMENT ON COLUMN perf_eval.methodology_comparison.difference IS 'value_b - value_a, points';
COMMENT ON COLUMN perf_eval.methodology_comparison.rank_a IS 'Blocks only: rank under methodology_a (the ranking views'' rule)';
COMMENT ON COLUMN perf_eval.methodology_comparison.rank_b IS 'Blocks only: rank under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.rank_change IS 'rank_a - rank_b: positive = higher under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.zone_a IS 'Blocks only: zone under methodology_a';
COMMENT ON COLUMN perf_eval.methodology_comparison.zone_b IS 'Blocks only: zone under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.zone_changed IS 'Blocks only: true if the zones differ';
COMMENT ON VIEW perf_eval.methodology_comparison IS
'Per year, every ordered pair of methodologies with a current run: perf_eval.compare_runs of their current runs (filter by year, methodology_a and methodology_b)';

GRANT SELECT ON perf_eval.methodology_comparison TO perf_eval_reader;
