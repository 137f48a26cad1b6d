-- =========================================================================
-- Section: risk signals, the re-verification list and its findings
-- (docs/methodology.md §9.5)
--
-- The assessors choose which bodies' reports to re-verify by risk: each
-- signal below is computed from the data of a year, as a value in 0..1 (a
-- share, or 1 when a test fails), and weighted by a methodology parameter
-- risk.weight.<signal> (assumed: no source sets them). A body's risk score
-- is the sum of its signals' points; perf_eval.reverification_candidates
-- ranks the bodies by it, ties by body code, each with the signals that put
-- it there. After re-verification (73_verification.sql),
-- perf_eval.reverification_findings shows per body and year the values
-- changed, the penalty points and the effect on score and rank.
-- =========================================================================

-- The median of numbers (the mean of the two middle ones for an even count), in numeric.
CREATE FUNCTION perf_eval.numeric_median(numbers numeric[])
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM unnest(numbers) AS u(x) WHERE u.x IN ('NaN', 'Infinity', '-Infinity')) THEN
        RAISE EXCEPTION 'a median is taken of finite numbers only'
            USING ERRCODE = '22003', HINT = 'Pass finite numbers (no NaN or Infinity).';
    END IF;
    RETURN (SELECT avg(s.x) FROM (
                SELECT u.x, row_number() OVER (ORDER BY u.x) AS n, count(*) OVER () AS c
                FROM unnest(numbers) AS u(x) WHERE u.x IS NOT NULL) AS s
            WHERE s.n IN ((s.c + 1) / 2, (s.c + 2) / 2));
END
$$;
COMMENT ON FUNCTION perf_eval.numeric_median(numeric[]) IS
'Median of the non-NULL numbers (mean of the two middle ones for an even count), exact in numeric; NULL for none; 22003 for NaN or Infinity';

-- Modified z-score of x against a sample: scale x (x - median) / MAD;
-- NULL when the MAD is 0 (no spread to measure against) or the sample is empty.
CREATE FUNCTION perf_eval.robust_z(x numeric, sample numeric[], scale numeric)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    median numeric;
BEGIN
    IF x IN ('NaN', 'Infinity', '-Infinity') OR scale IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'a robust z-score is taken of finite numbers only'
            USING ERRCODE = '22003', HINT = 'Pass a finite value and scale (no NaN or Infinity).';
    END IF;
    median := perf_eval.numeric_median(sample);
    RETURN scale * (x - median)
           / nullif(perf_eval.numeric_median(ARRAY(SELECT abs(u.x - median) FROM unnest(sample) AS u(x))), 0);
END
$$;
COMMENT ON FUNCTION perf_eval.robust_z(numeric, numeric[], numeric) IS
'Robust (modified) z-score of x against a sample: scale x (x - median) / median absolute deviation, in numeric; NULL when the deviation is 0 or the sample empty; 22003 for NaN or Infinity (docs/methodology.md §9.5)';

-- Shares of a body's target indicators: overfulfilled (r >= goals.overfulfil_threshold),
-- plan lowered, not taken into account, without positive dynamics.
CREATE FUNCTION perf_eval.risk_indicator_shares(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.body, s.signal, s.facts::numeric / c.n,
           pg_catalog.jsonb_build_object('indicators', c.n, 'facts', s.facts)
    FROM (SELECT t.body, count(*) AS n,
                 count(*) FILTER (WHERE x.counted AND (x.ratio >= perf_eval.param_numeric($2, 'goals.overfulfil_threshold')
                                                       OR (t.direction = 'decrease' AND t.fact = 0))) AS overfulfilled,
                 count(*) FILTER (WHERE t.plan_original IS NOT NULL
                                    AND perf_eval.goal_plan_lowered(t.direction, t.plan, t.plan_original)) AS plans_lowered,
                 count(*) FILTER (WHERE NOT x.counted) AS not_counted,
                 count(*) FILTER (WHERE x.counted AND t.fact_previous IS NOT NULL
                                    AND perf_eval.goal_no_dynamics(t.direction, t.fact, t.fact_previous)) AS no_dynamics
          FROM perf_eval.target_indicator AS t
          CROSS JOIN LATERAL (SELECT perf_eval.goal_indicator_ratio(t.direction, t.plan, t.fact) AS ratio) AS r
          CROSS JOIN LATERAL (SELECT t.fact_published AND t.fact IS NOT NULL AND NOT (t.plan = 0 AND t.fact = 0)
                                     AND (r.ratio IS NOT NULL OR t.direction = 'decrease') AS counted,
                                     r.ratio) AS x
          WHERE t.year = $1
          GROUP BY t.body) AS c
    CROSS JOIN LATERAL (VALUES ('overfulfilled', c.overfulfilled), ('plans_lowered', c.plans_lowered),
                               ('not_counted', c.not_counted), ('no_dynamics', c.no_dynamics)) AS s(signal, facts)
$$;
COMMENT ON FUNCTION perf_eval.risk_indicator_shares(integer, text) IS
'Risk signals from a body''s target indicators of a year: the shares overfulfilled (r >= goals.overfulfil_threshold, before any exemption), plans lowered, not taken into account, and (of those counted with a previous fact) without positive dynamics (docs/methodology.md §3.1, §9.5)';

-- The block scores of every body in the latest run of each year up to y.
CREATE FUNCTION perf_eval.block_score_history(year integer, methodology text)
RETURNS TABLE (year integer, body text, kind text, block text, score numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT l.year, s.body, b.kind, s.node, s.value
    FROM (SELECT DISTINCT ON (r.year) r.year, coalesce(r.same_as_run, r.run_id) AS run_id
          FROM perf_eval.run AS r
          WHERE r.methodology = $2 AND r.year <= $1 AND r.status IN ('succeeded', 'unchanged')
          ORDER BY r.year, r.run_id DESC) AS l
    JOIN perf_eval.score AS s ON s.run_id = l.run_id AND s.value IS NOT NULL
    JOIN perf_eval.score_node AS n ON n.code = s.node AND n.level = 'block'
    JOIN perf_eval.body AS b ON b.code = s.body
$$;
COMMENT ON FUNCTION perf_eval.block_score_history(integer, text) IS
'The block scores (and the composite, where the version has one) of every body in the latest finished run of each year up to the given one, under a methodology';

-- A jump of a block score: against the body's own earlier years, and its
-- change since last year against the changes of the bodies of its kind.
CREATE FUNCTION perf_eval.risk_score_jumps(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH h AS (SELECT * FROM perf_eval.block_score_history($1, $2)),
    cur AS (SELECT h.body, h.kind, h.block, h.score,
                   ARRAY(SELECT e.score FROM h AS e WHERE e.body = h.body AND e.block = h.block AND e.year < $1
                         ORDER BY e.year) AS own,
                   h.score - (SELECT p.score FROM h AS p WHERE p.body = h.body AND p.block = h.block AND p.year = $1 - 1)
                       AS change
            FROM h WHERE h.year = $1),
    z AS (SELECT c.body, c.block, 'jump_own' AS signal, c.score AS x, cardinality(c.own) AS n,
                 perf_eval.robust_z(c.score, c.own, perf_eval.param_numeric($2, 'risk.z_scale')) AS z
          FROM cur AS c WHERE cardinality(c.own) >= perf_eval.param_numeric($2, 'risk.jump_min_values')
          UNION ALL
          SELECT c.body, c.block, 'jump_peers', c.change, cardinality(p.changes),
                 perf_eval.robust_z(c.change, p.changes, perf_eval.param_numeric($2, 'risk.z_scale'))
          FROM cur AS c
          CROSS JOIN LATERAL (SELECT ARRAY(SELECT o.change FROM cur AS o
                                           WHERE o.kind = c.kind AND o.block = c.block AND o.change IS NOT NULL) AS changes) AS p
          WHERE c.change IS NOT NULL AND cardinality(p.changes) >= perf_eval.param_numeric($2, 'risk.jump_min_values'))
    SELECT z.body, z.signal,
           max(CASE WHEN abs(z.z) >= perf_eval.param_numeric($2, 'risk.z_threshold') THEN 1 ELSE 0 END)::numeric,
           pg_catalog.jsonb_build_object(
               'blocks', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                   'block', z.block, CASE z.signal WHEN 'jump_own' THEN 'score' ELSE 'change' END, z.x,
                   'z', round(z.z, perf_eval.display_decimals('risk_score')), 'compared_with', z.n) ORDER BY z.block),
               'threshold', perf_eval.param_numeric($2, 'risk.z_threshold'))
    FROM z WHERE z.z IS NOT NULL
    GROUP BY z.body, z.signal
$$;
COMMENT ON FUNCTION perf_eval.risk_score_jumps(integer, text) IS
'Risk signals jump_own (a block score against the body''s own earlier years) and jump_peers (its change since last year against the changes of the bodies of its kind): 1 when the robust z-score of any block reaches risk.z_threshold in absolute value, computed from at least risk.jump_min_values values (docs/methodology.md §9.5)';

-- Reported complaint and delivery counts against the registries' tallies.
CREATE FUNCTION perf_eval.risk_registry_mismatch(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH pairs AS (
        SELECT c.body, 'complaints considered' AS count, c.considered AS reported,
               (perf_eval.complaint_tally_of_year(c.body, $1)).considered AS registry
        FROM perf_eval.complaint_counts AS c
        WHERE c.year = $1 AND EXISTS (SELECT 1 FROM perf_eval.complaint_tally_monthly AS m
                                      WHERE m.body = c.body AND m.month >= make_date($1, 1, 1) AND m.month < make_date($1 + 1, 1, 1))
        UNION ALL
        SELECT s.body, 'service deliveries', s.deliveries, (perf_eval.service_tally_of_year(s.body, $1)).deliveries
        FROM perf_eval.service_counts AS s
        WHERE s.year = $1 AND EXISTS (SELECT 1 FROM perf_eval.service_tally_monthly AS m
                                      WHERE m.body = s.body AND m.month >= make_date($1, 1, 1) AND m.month < make_date($1 + 1, 1, 1))),
    judged AS (
        SELECT p.*, abs(p.reported - p.registry)::numeric / nullif(p.registry, 0) AS difference,
               coalesce(abs(p.reported - p.registry)::numeric / nullif(p.registry, 0)
                            > perf_eval.param_numeric($2, 'risk.registry_threshold'),
                        p.reported <> p.registry) AS disagrees
        FROM pairs AS p)
    SELECT j.body, 'registry_mismatch', max(CASE WHEN j.disagrees THEN 1 ELSE 0 END)::numeric,
           pg_catalog.jsonb_build_object('counts', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'count', j.count, 'reported', j.reported, 'registry', j.registry,
               'difference', trim_scale(round(j.difference, perf_eval.display_decimals('risk_score'))), 'disagrees', j.disagrees) ORDER BY j.count),
               'threshold', perf_eval.param_numeric($2, 'risk.registry_threshold'))
    FROM judged AS j GROUP BY j.body
$$;
COMMENT ON FUNCTION perf_eval.risk_registry_mismatch(integer, text) IS
'Risk signal registry_mismatch: a body''s reported complaints considered and service deliveries against the tallies of the registries'' stored monthly states (where the registry has any for the body-year; refresh_monthly_tallies first), 1 when |reported - registry| / registry exceeds risk.registry_threshold; both numbers shown (docs/methodology.md §9.5)';

-- Every count a body reported for a year (the whole-number value columns of the reported relations).
CREATE FUNCTION perf_eval.reported_counts(year integer)
RETURNS TABLE (body text, relation text, field text, value numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT i.relation, i.year_column, i.month_column,
                    ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute AS a
                          WHERE a.attrelid = i.relation AND a.attnum > 0 AND NOT a.attisdropped
                            AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
                            AND a.attname <> ALL (perf_eval.key_columns(i.relation))
                            AND a.attname IS DISTINCT FROM i.year_column) AS counts
             FROM perf_eval.reported_relation AS rr JOIN perf_eval.input_relation AS i ON i.relation = rr.relation
             ORDER BY i.relation::text LOOP
        RETURN QUERY EXECUTE pg_catalog.format(
            'SELECT t.body, %L::text, e.key, e.value::text::numeric
             FROM %s AS t CROSS JOIN LATERAL pg_catalog.jsonb_each(pg_catalog.to_jsonb(t)) AS e
             WHERE %s AND e.key = ANY ($2) AND pg_catalog.jsonb_typeof(e.value) = ''number''',
            r.relation::text, r.relation, perf_eval.rows_of_year_condition(r.year_column, r.month_column))
        USING year, r.counts;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.reported_counts(integer) IS
'Every count the bodies reported for a year: the whole-number value columns (not key columns) of the rows of the year of the reported relations (perf_eval.reported_relation)';

-- First-digit (Benford) test of a body's reported counts.
CREATE FUNCTION perf_eval.risk_benford(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH digits AS (
        SELECT n.body, substr(regexp_replace(abs(n.value)::text, '^[0.]+', ''), 1, 1)::integer AS digit
        FROM perf_eval.reported_counts($1) AS n WHERE n.value <> 0),
    counts AS (SELECT d.body, count(*) AS n FROM digits AS d GROUP BY d.body
               HAVING count(*) >= perf_eval.param_numeric($2, 'risk.benford_min_count')),
    deviation AS (
        SELECT c.body, c.n,
               avg(abs((SELECT count(*) FROM digits AS d WHERE d.body = c.body AND d.digit = g.digit)::numeric / c.n
                       - log(1 + 1 / g.digit::numeric))) AS mad
        FROM counts AS c CROSS JOIN generate_series(1, 9) AS g(digit)
        GROUP BY c.body, c.n)
    SELECT v.body, 'benford',
           CASE WHEN v.mad > perf_eval.param_numeric($2, 'risk.benford_threshold') THEN 1 ELSE 0 END::numeric,
           pg_catalog.jsonb_build_object('counts', v.n, 'mean_absolute_deviation', round(v.mad, perf_eval.display_decimals('risk_score')),
                                         'threshold', perf_eval.param_numeric($2, 'risk.benford_threshold'))
    FROM deviation AS v
$$;
COMMENT ON FUNCTION perf_eval.risk_benford(integer, text) IS
'Risk signal benford: the mean absolute deviation of the first-digit shares of a body''s reported non-zero counts of a year from Benford''s law log10(1 + 1/d), where there are at least risk.benford_min_count of them; 1 when it exceeds risk.benford_threshold (docs/methodology.md §9.5)';

CREATE FUNCTION perf_eval.risk_last_findings(year integer)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT v.body, 'last_findings', 1::numeric,
           pg_catalog.jsonb_build_object('year', $1 - 1, 'values_changed', count(*))
    FROM perf_eval.input_verification AS v
    WHERE v.year = $1 - 1 AND v.reported_value IS DISTINCT FROM v.verified_value
    GROUP BY v.body
$$;
COMMENT ON FUNCTION perf_eval.risk_last_findings(integer) IS
'Risk signal last_findings: 1 for a body whose reported values of the previous year re-verification found different (docs/methodology.md §9.5)';

CREATE FUNCTION perf_eval.risk_signals(year integer, methodology text DEFAULT NULL)
RETURNS TABLE (body text, signal text, value numeric, weight numeric, points numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.body, s.signal, s.value, w.weight, s.value * w.weight, s.detail
    FROM (SELECT perf_eval.resolve_methodology($2) AS v) AS m
    CROSS JOIN LATERAL (
        SELECT * FROM perf_eval.risk_indicator_shares($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_score_jumps($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_registry_mismatch($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_benford($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_last_findings($1)) AS s
    CROSS JOIN LATERAL (SELECT perf_eval.param_numeric(m.v, 'risk.weight.' || s.signal) AS weight) AS w
    ORDER BY s.body, s.signal
$$;
COMMENT ON FUNCTION perf_eval.risk_signals(integer, text) IS
'Every risk signal of every body in a year: its value (a share, or 1/0 for a test), the weight risk.weight.<signal> of the methodology (NULL: the default) and the points value x weight, with the numbers it comes from (docs/methodology.md §9.5)';

CREATE FUNCTION perf_eval.reverification_candidates(year integer, n integer, methodology text DEFAULT NULL)
RETURNS TABLE (rank bigint, body text, name_en text, risk_score numeric, signals jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v constant text := perf_eval.resolve_methodology(methodology);
    shown integer;
BEGIN
    IF year IS NULL OR n IS NULL OR n < 1 THEN
        RAISE EXCEPTION 'reverification_candidates needs a year and a number of bodies of at least 1'
            USING ERRCODE = '22023', HINT = 'e.g. SELECT * FROM perf_eval.reverification_candidates(2020, 5);';
    END IF;
    shown := perf_eval.display_decimals('risk_score');
    RETURN QUERY
    SELECT row_number() OVER (ORDER BY x.score DESC, x.body), x.body, b.name_en, trim_scale(round(x.score, shown)), x.signals
    FROM (SELECT s.body, sum(s.points) AS score,
                 pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                     'signal', s.signal, 'value', trim_scale(round(s.value, shown)), 'weight', s.weight,
                     'points', trim_scale(round(s.points, shown)), 'detail', s.detail)
                     ORDER BY s.points DESC, s.signal) FILTER (WHERE s.points > 0) AS signals
          FROM perf_eval.risk_signals(year, v) AS s
          GROUP BY s.body HAVING sum(s.points) > 0) AS x
    JOIN perf_eval.body AS b ON b.code = x.body
    ORDER BY x.score DESC, x.body
    LIMIT n;
END
$$;
COMMENT ON FUNCTION perf_eval.reverification_candidates(integer, integer, text) IS
'The n bodies of a year whose reports to re-verify first: ranked by risk score (the exact sum of their weighted risk signals, perf_eval.risk_signals; shown rounded to the display setting risk_score''s decimals), ties by body code; each with the signals that put it there (value, weight, points, the numbers behind it). Bodies without risk are not listed (docs/methodology.md §9.5)';

-- The score and rank (among the bodies of its kind) of a body's block in a run.
CREATE FUNCTION perf_eval.block_standing(run_id bigint, body text, block text)
RETURNS TABLE (score numeric, rank bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT x.value, x.rank FROM (
        SELECT s.body, s.value, rank() OVER (ORDER BY s.value DESC) AS rank
        FROM perf_eval.score AS s JOIN perf_eval.body AS b ON b.code = s.body
        WHERE s.run_id = $1 AND s.node = $3 AND s.value IS NOT NULL
          AND b.kind = (SELECT o.kind FROM perf_eval.body AS o WHERE o.code = $2)) AS x
    WHERE x.body = $2
$$;
COMMENT ON FUNCTION perf_eval.block_standing(bigint, text, text) IS
'The score of a body''s block in a run and its rank among the bodies of its kind with a score of that block in the run (1 = best, ties share a rank)';

CREATE VIEW perf_eval.reverification_findings WITH (security_invoker = true) AS
WITH found AS (
    SELECT v.body, v.year, r.block, min(v.verified_at) AS first_verified, max(v.verified_at) AS last_verified,
           count(*) FILTER (WHERE v.reported_value IS DISTINCT FROM v.verified_value) AS values_changed,
           pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('relation', v.relation::text, 'key', v.row_key, 'field', v.field,
                                                              'reported', v.reported_value, 'verified', v.verified_value,
                                                              'document', v.document)
                                ORDER BY v.relation::text, v.row_key::text, v.field) AS changes
    FROM perf_eval.input_verification AS v
    JOIN perf_eval.reported_relation AS r ON r.relation = v.relation
    GROUP BY v.body, v.year, r.block)
SELECT f.body, f.year, f.block, m.methodology, f.values_changed, f.changes,
       p.facts AS penalty_facts, p.points AS penalty_points,
       bf.run AS run_before, sb.score AS score_before, sb.rank AS rank_before,
       af.run AS run_after, sa.score AS score_after, sa.rank AS rank_after,
       sa.score - sb.score AS score_change, sa.rank - sb.rank AS rank_change
FROM found AS f
JOIN (SELECT DISTINCT r.year, r.methodology FROM perf_eval.run AS r WHERE r.status IN ('succeeded', 'unchanged')) AS m
  ON m.year = f.year
CROSS JOIN LATERAL (
    SELECT coalesce(sum(e.count), 0) AS facts,
           coalesce(sum(e.count * perf_eval.param_numeric(m.methodology, r.penalty_prefix || e.kind)), 0) AS points
    FROM perf_eval.penalty_event AS e
    JOIN (SELECT DISTINCT rr.block, rr.penalty_prefix FROM perf_eval.reported_relation AS rr
          WHERE rr.penalty_prefix IS NOT NULL) AS r ON r.block = e.block
    WHERE e.body = f.body AND e.year = f.year AND e.block = f.block AND e.origin = 'derived'
      AND perf_eval.param_exists(m.methodology, r.penalty_prefix || e.kind)) AS p
LEFT JOIN LATERAL (SELECT coalesce(r.same_as_run, r.run_id) AS run FROM perf_eval.run AS r
                   WHERE r.year = f.year AND r.methodology = m.methodology AND r.status IN ('succeeded', 'unchanged')
                     AND r.finished_at < f.first_verified
                   ORDER BY r.run_id DESC LIMIT 1) AS bf ON true
LEFT JOIN LATERAL (SELECT coalesce(r.same_as_run, r.run_id) AS run FROM perf_eval.run AS r
                   WHERE r.year = f.year AND r.methodology = m.methodology AND r.status IN ('succeeded', 'unchanged')
                     AND r.started_at > f.last_verified
                   ORDER BY r.run_id DESC LIMIT 1) AS af ON true
LEFT JOIN LATERAL perf_eval.block_standing(bf.run, f.body, f.block) AS sb ON true
LEFT JOIN LATERAL perf_eval.block_standing(af.run, f.body, f.block) AS sa ON true;
COMMENT ON COLUMN perf_eval.reverification_findings.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.reverification_findings.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.reverification_findings.block IS 'Block whose inputs were verified (perf_eval.reported_relation.block)';
COMMENT ON COLUMN perf_eval.reverification_findings.methodology IS 'Methodology version of the runs compared';
COMMENT ON COLUMN perf_eval.reverification_findings.values_changed IS 'Number of verified values different from the reported ones (count)';
COMMENT ON COLUMN perf_eval.reverification_findings.changes IS 'Every verified value: relation, key, field, reported, verified, document (jsonb array)';
COMMENT ON COLUMN perf_eval.reverification_findings.penalty_facts IS 'Derived penalty facts of the body, year and block (count)';
COMMENT ON COLUMN perf_eval.reverification_findings.penalty_points IS 'Their points under the methodology (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.run_before IS 'Last run finished before the first verification';
COMMENT ON COLUMN perf_eval.reverification_findings.score_before IS 'Block score in that run (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.rank_before IS 'Rank among the bodies of its kind in that run';
COMMENT ON COLUMN perf_eval.reverification_findings.run_after IS 'Last run started after the last verification';
COMMENT ON COLUMN perf_eval.reverification_findings.score_after IS 'Block score in that run (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.rank_after IS 'Rank among the bodies of its kind in that run';
COMMENT ON COLUMN perf_eval.reverification_findings.score_change IS 'score_after - score_before (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.rank_change IS 'rank_after - rank_before (positive: lower in the ranking)';
COMMENT ON VIEW perf_eval.reverification_findings IS
'What re-verification found per body, year, block and methodology (with runs): the values changed (reported and verified, with the document), the derived penalty facts of the block and their points under the methodology, and the block score and rank in the last run finished before the first verification and in the last run started after the last one, with their changes (docs/methodology.md §9.5)';

GRANT SELECT ON perf_eval.reverification_findings TO perf_eval_reader;
REVOKE EXECUTE ON FUNCTION perf_eval.risk_signals(integer, text), perf_eval.reverification_candidates(integer, integer, text),
       perf_eval.reported_counts(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.risk_signals(integer, text), perf_eval.reverification_candidates(integer, integer, text),
      perf_eval.reported_counts(integer) TO perf_eval_editor;
