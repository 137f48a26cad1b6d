-- =========================================================================
-- Section: sensitivity of a ranking to the assumed parameters (issue 19,
-- item 3; docs/designing.md §3)
--
-- Every assumed numeric parameter of the shipped versions that is varied
-- alone declares a plausible range (perf_eval.param_range). sensitivity()
-- computes the block's nodes of a year in memory under a scratch fork
-- (76_what_if.sql) once per sample, with the block's node computers and the
-- engine's roll-up (roll_up_nodes), writing no run: each parameter at its low
-- and its high end alone, then all of them jointly at the pseudo-random points of a
-- numbered draw (md5 of draw, sample and key: deterministic, independent of
-- random()). Criterion maxima that must add up and weights that must sum to 1
-- are not varied alone (they have no range here).
-- =========================================================================

CREATE TABLE perf_eval.param_range (
    methodology  text NOT NULL,
    key          text NOT NULL,
    range_low    numeric NOT NULL,
    range_high   numeric NOT NULL,
    range_source text NOT NULL CHECK (range_source <> ''),
    PRIMARY KEY (methodology, key),
    FOREIGN KEY (methodology, key) REFERENCES perf_eval.methodology_param (methodology, key)
        ON UPDATE CASCADE ON DELETE CASCADE,
    CHECK (range_low <= range_high)
);
COMMENT ON COLUMN perf_eval.param_range.methodology IS 'Methodology version (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.param_range.key IS 'Key of an assumed numeric parameter (perf_eval.methodology_param.key)';
COMMENT ON COLUMN perf_eval.param_range.range_low IS 'Lowest plausible value';
COMMENT ON COLUMN perf_eval.param_range.range_high IS 'Highest plausible value';
COMMENT ON COLUMN perf_eval.param_range.range_source IS 'Where the range comes from (document and section, or the rule that set it)';
COMMENT ON TABLE perf_eval.param_range IS
'The plausible range of each assumed numeric parameter that may vary alone, with its source; perf_eval.sensitivity varies the parameters of a block over it (a fork uses its nearest ancestor''s ranges)';

-- The shipped assumptions: a fifth either way of the assumed value, a factor
-- or cap of at most 1 kept at most 1, a threshold above 1 (overfulfilment)
-- kept at least 1; zero values, presentation scales and
-- the parts of a sum rule or weight group are not varied alone; nor are the
-- weights of the re-verification risk signals, which change no score.
-- The upgrade script inserts the ranges of parameters it adds from here too.
CREATE FUNCTION perf_eval.shipped_param_ranges()
RETURNS TABLE (methodology text, key text, range_low numeric, range_high numeric, range_source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.methodology, p.key,
           trim_scale(CASE WHEN p.key ~ '_threshold$' AND p.value::numeric > 1 THEN greatest(p.value::numeric * 0.8, 1)
                           ELSE p.value::numeric * 0.8 END),
           trim_scale(CASE WHEN p.value::numeric <= 1 THEN least(p.value::numeric * 1.2, 1) ELSE p.value::numeric * 1.2 END),
           'docs/designing.md §3: an assumed value varied by a fifth either way (a factor or cap of at most 1 stays at most 1, a threshold above 1 stays at least 1)'
    FROM perf_eval.methodology_param AS p
    JOIN perf_eval.methodology AS m ON m.name = p.methodology AND m.shipped
    WHERE p.provenance = 'assumed' AND p.value_kind = 'number' AND p.value::numeric > 0
      AND p.key !~ '^present\.' AND p.key !~ '\.w_[a-z_]+$' AND p.key !~ '_from_year$'
      AND p.key !~ '^risk\.'  -- the risk signals choose whom to re-verify; they change no score
      AND NOT EXISTS (SELECT 1 FROM perf_eval.param_sum_rule AS r
                      WHERE p.key = r.total_key
                         OR p.key = ANY (SELECT unnest(string_to_array(part, '|')) FROM unnest(r.parts) AS part))
$$;
COMMENT ON FUNCTION perf_eval.shipped_param_ranges() IS
'The rule that gives the shipped versions'' assumed numeric parameters varied alone their plausible range (perf_eval.param_range): a fifth either way of the value, a factor or cap of at most 1 kept at most 1, a threshold above 1 kept at least 1; presentation scales, weights, start years, risk-signal weights and the parts of a sum rule are not varied alone';
INSERT INTO perf_eval.param_range (methodology, key, range_low, range_high, range_source)
SELECT r.methodology, r.key, r.range_low, r.range_high, r.range_source FROM perf_eval.shipped_param_ranges() AS r;

-- The ranges that apply to a methodology: its own, else its nearest ancestor's.
CREATE FUNCTION perf_eval.ranges_of(methodology text)
RETURNS TABLE (key text, range_low numeric, range_high numeric, range_source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE ancestry AS (
        SELECT m.name, m.based_on, 0 AS depth FROM perf_eval.methodology AS m WHERE m.name = $1
        UNION ALL
        SELECT m.name, m.based_on, a.depth + 1 FROM perf_eval.methodology AS m JOIN ancestry AS a ON m.name = a.based_on
    )
    SELECT DISTINCT ON (r.key) r.key, r.range_low, r.range_high, r.range_source
    FROM ancestry AS a JOIN perf_eval.param_range AS r ON r.methodology = a.name
    JOIN perf_eval.methodology_param AS p ON p.methodology = $1 AND p.key = r.key AND p.provenance = 'assumed'
    ORDER BY r.key, a.depth
$$;
COMMENT ON FUNCTION perf_eval.ranges_of(text) IS
'The plausible ranges of a methodology''s assumed parameters: its own rows of perf_eval.param_range, else those of its nearest ancestor';

-- A deterministic pseudo-random number in [0, 1) for a draw, sample and key.
CREATE FUNCTION perf_eval.uniform_draw(draw bigint, sample integer, key text)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ('x' || substr(md5($1::text || ':' || $2::text || ':' || $3), 1, 8))::bit(32)::bigint / 4294967296.0
$$;
COMMENT ON FUNCTION perf_eval.uniform_draw(bigint, integer, text) IS
'Deterministic pseudo-random number in [0, 1) from the first 32 bits of md5(draw:sample:key): the same draw gives the same sample';

-- The raw rows of the named node computers for a year under methodology v
-- into pg_temp.pe_work (created here ON COMMIT DROP the first time, emptied
-- after), bodies exempt from a block left out, after the rows kept in
-- pg_temp.pe_kept if sensitivity_samples made it: a computer whose rows name
-- no varied parameter is computed once, not once per sample.
CREATE PROCEDURE perf_eval.compute_block_rows(y integer, v text, computers text[])
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    IF pg_catalog.to_regclass('pg_temp.pe_work') IS NULL THEN
        CREATE TEMP TABLE pe_work (
            body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
            superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
            PRIMARY KEY (body, node)
        ) ON COMMIT DROP;
    ELSE
        -- Temporary tables are never vacuumed: emptied, not deleted from, once per sample.
        TRUNCATE pg_temp.pe_work;
    END IF;
    IF pg_catalog.to_regclass('pg_temp.pe_kept') IS NOT NULL THEN
        INSERT INTO pg_temp.pe_work SELECT * FROM pg_temp.pe_kept;
    END IF;
    FOR c IN SELECT nc.name, nc.computer, nc.bodies FROM perf_eval.node_computer AS nc
             WHERE nc.name = ANY (computers) ORDER BY nc.name LOOP
        EXECUTE CASE WHEN c.bodies IS NULL
                     THEN pg_catalog.format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                                             SELECT x.body, x.node, x.raw_value, x.reason,
                                                    x.explanation || jsonb_build_object(''computer'', $3::text)
                                             FROM %s($1, $2) AS x', c.computer)
                     ELSE pg_catalog.format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                                             SELECT b.body, x.node, x.raw_value, x.reason,
                                                    x.explanation || jsonb_build_object(''computer'', $3::text)
                                             FROM %s($1, $2) AS b(body) CROSS JOIN LATERAL %s(b.body, $1, $2) AS x',
                                            c.bodies, c.computer) END
            USING y, v, c.name;
    END LOOP;
    DELETE FROM pg_temp.pe_work AS w USING perf_eval.score_node AS n
    WHERE n.code = w.node AND w.explanation ->> 'computer' = ANY (computers)
      AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_block_rows(integer, text, text[]) IS
'The raw rows of the named node computers (bodies exempt from a block left out) into pg_temp.pe_work (ON COMMIT DROP), after the rows kept in pg_temp.pe_kept if it exists: step 1 of the block-only computation of perf_eval.sensitivity';

-- The block's nodes of a year under methodology v in pg_temp.pe_work: the
-- named computers' rows (compute_block_rows), rolled up as the engine rolls
-- up (roll_up_nodes).
CREATE PROCEDURE perf_eval.compute_block_work(y integer, v text, computers text[])
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CALL perf_eval.compute_block_rows(y, v, computers);
    CALL perf_eval.roll_up_nodes(y, v, perf_eval.param_text(v, 'policy.clamp'));
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_block_work(integer, text, text[]) IS
'The score tree computed by the named node computers only (compute_block_rows; rows kept in pg_temp.pe_kept added), rolled up by roll_up_nodes, into pg_temp.pe_work (ON COMMIT DROP): the block-only computation of perf_eval.sensitivity';

-- One sample: the fork takes the version's values but those of point, the
-- block is computed, and the rank and zone of every body recorded.
CREATE PROCEDURE perf_eval.sensitivity_sample(y integer, blk text, v text, fork text, computers text[],
                                              sample integer, param text, point jsonb)
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    UPDATE perf_eval.methodology_param AS f
    SET value = coalesce(point ->> f.key, o.value)
    FROM perf_eval.methodology_param AS o
    WHERE f.methodology = fork AND o.methodology = v AND o.key = f.key
      AND f.value IS DISTINCT FROM coalesce(point ->> f.key, o.value);
    CALL perf_eval.compute_block_work(y, fork, computers);
    INSERT INTO pg_temp.pe_sensitivity
    SELECT sample, param, k.body, k.kind, k.rank, perf_eval.efficiency_zone(k.value, fork)
    FROM perf_eval.rank_block_scores(ARRAY(
             SELECT ROW(NULL, w.body, b.kind, w.node, w.value, perf_eval.scope_status(w.body, blk, y))::perf_eval.rankable_score
             FROM pg_temp.pe_work AS w JOIN perf_eval.body AS b ON b.code = w.body
             WHERE w.node = blk)) AS k;
END
$$;
COMMENT ON PROCEDURE perf_eval.sensitivity_sample(integer, text, text, text, text[], integer, text, jsonb) IS
'One sample of perf_eval.sensitivity: the scratch fork takes the version''s values but those of point, the block''s nodes are computed by the named computers, and each body''s rank and zone in the block go into pg_temp.pe_sensitivity';

-- The plan after sample 0 (pg_temp.pe_work holds its tree): each ranged
-- parameter the block's explanations name, low and high, then the joint points.
CREATE PROCEDURE perf_eval.plan_sensitivity(blk text, v text, draw bigint, samples integer)
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CREATE TEMP TABLE pe_sensitivity_param ON COMMIT DROP AS
    SELECT r.key, r.range_low, r.range_high
    FROM perf_eval.ranges_of(v) AS r
    WHERE EXISTS (SELECT 1 FROM pg_temp.pe_work AS w
                  JOIN perf_eval.score_node AS n ON n.code = w.node AND n.block = blk
                  CROSS JOIN LATERAL jsonb_array_elements(coalesce(w.explanation -> 'parameters', '[]')) AS e
                  WHERE e.value ->> 'key' = r.key);
    INSERT INTO pg_temp.pe_sensitivity_plan
    SELECT row_number() OVER (ORDER BY p.key, e.side DESC)::integer, p.key,
           jsonb_build_object(p.key, CASE e.side WHEN 'low' THEN p.range_low ELSE p.range_high END)
    FROM pg_temp.pe_sensitivity_param AS p CROSS JOIN (VALUES ('low'), ('high')) AS e(side);
    INSERT INTO pg_temp.pe_sensitivity_plan
    SELECT (SELECT max(q.sample) FROM pg_temp.pe_sensitivity_plan AS q) + i, 'joint',
           (SELECT jsonb_object_agg(p.key, round(p.range_low + (p.range_high - p.range_low)
                                                 * perf_eval.uniform_draw(draw, i, p.key), 6))
            FROM pg_temp.pe_sensitivity_param AS p)
    FROM generate_series(1, samples) AS i
    WHERE EXISTS (SELECT 1 FROM pg_temp.pe_sensitivity_param);
    DROP TABLE pg_temp.pe_sensitivity_param;
END
$$;
COMMENT ON PROCEDURE perf_eval.plan_sensitivity(text, text, bigint, integer) IS
'Adds to pg_temp.pe_sensitivity_plan the samples after sample 0: each ranged parameter (perf_eval.ranges_of) that the explanations of the block''s nodes in pg_temp.pe_work name, at its low and its high end alone, then the joint points of the draw (perf_eval.uniform_draw)';

-- The samples: 0 = the version's values, then each ranged parameter the
-- block's explanations name, low and high alone, then the joint points of
-- the draw; per sample the block's rank and zone of every body, into
-- pg_temp.pe_sensitivity (created here, ON COMMIT DROP). After sample 0 only
-- the block's computers whose rows name a varied parameter are run again;
-- the rows of its other computers are computed once and kept (pg_temp.pe_kept):
-- every explanation lists the parameters its value reads (docs/methodology.md
-- §9.4), so theirs cannot change.
CREATE PROCEDURE perf_eval.sensitivity_samples(y integer, blk text, v text, draw bigint, samples integer)
LANGUAGE plpgsql
AS $$
DECLARE
    fork text := 'sensitivity_' || pg_catalog.nextval(pg_catalog.pg_get_serial_sequence('perf_eval.run', 'run_id'));
    computers text[];
    kept text[];
    s record;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    PERFORM perf_eval.scratch_fork(v, '{}', fork);
    IF pg_catalog.to_regclass('pg_temp.pe_sensitivity') IS NOT NULL THEN
        DROP TABLE pg_temp.pe_sensitivity;
    END IF;
    IF pg_catalog.to_regclass('pg_temp.pe_kept') IS NOT NULL THEN
        DROP TABLE pg_temp.pe_kept;
    END IF;
    -- A pe_work left by the caller (another shape, a trigger or rule on it)
    -- would feed its rows into every sample: compute_block_rows makes its own.
    IF pg_catalog.to_regclass('pg_temp.pe_work') IS NOT NULL THEN
        DROP TABLE pg_temp.pe_work;
    END IF;
    CREATE TEMP TABLE pe_sensitivity (sample integer, param text, body text, kind text, rank bigint, zone text) ON COMMIT DROP;
    CREATE TEMP TABLE pe_sensitivity_plan (sample integer, param text, point jsonb) ON COMMIT DROP;
    SELECT array_agg(nc.name) INTO computers FROM perf_eval.node_computer AS nc;
    CALL perf_eval.sensitivity_sample(y, blk, v, fork, computers, 0, NULL, '{}');
    CALL perf_eval.plan_sensitivity(blk, v, draw, samples);
    -- The block's computers, split by whether their rows name a varied parameter.
    SELECT coalesce(array_agg(c.computer) FILTER (WHERE c.varied), '{}'),
           coalesce(array_agg(c.computer) FILTER (WHERE NOT c.varied), '{}')
    INTO computers, kept
    FROM (SELECT w.explanation ->> 'computer' AS computer,
                 bool_or(EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(w.explanation -> 'parameters', '[]')) AS e
                                 JOIN pg_temp.pe_sensitivity_plan AS p ON p.param = e.value ->> 'key')) AS varied
          FROM pg_temp.pe_work AS w JOIN perf_eval.score_node AS n ON n.code = w.node
          WHERE n.block = blk AND w.explanation ? 'computer'
          GROUP BY 1) AS c;
    CALL perf_eval.compute_block_rows(y, fork, kept);
    CREATE TEMP TABLE pe_kept ON COMMIT DROP AS SELECT * FROM pg_temp.pe_work;
    FOR s IN SELECT * FROM pg_temp.pe_sensitivity_plan ORDER BY sample LOOP
        CALL perf_eval.sensitivity_sample(y, blk, v, fork, computers, s.sample, s.param, s.point);
    END LOOP;
    DROP TABLE pg_temp.pe_work, pg_temp.pe_kept, pg_temp.pe_sensitivity_plan;
    PERFORM perf_eval.drop_scratch_fork(fork);
END
$$;
COMMENT ON PROCEDURE perf_eval.sensitivity_samples(integer, text, text, bigint, integer) IS
'Fills pg_temp.pe_sensitivity (ON COMMIT DROP) with the rank and zone of every body in a block of a year under a methodology: sample 0 (its values), each ranged parameter the block''s explanations name at its low and high end alone, and the joint samples of the draw; computes in memory under a scratch fork, writing no run, recomputing after sample 0 only the block''s computers whose explanations name a varied parameter';

CREATE FUNCTION perf_eval.sensitivity(year integer, block text, methodology text DEFAULT NULL,
                                      draw bigint DEFAULT 1, samples integer DEFAULT 200)
RETURNS TABLE (body text, kind text, rank bigint, min_rank bigint, max_rank bigint, zone text,
               zones text[], zone_can_change boolean, moved_by jsonb)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.block AS k WHERE k.code = sensitivity.block) THEN
        RAISE EXCEPTION 'no block %', block USING ERRCODE = '22023', HINT = 'The blocks are listed in perf_eval.block.';
    END IF;
    IF samples IS NULL OR samples < 0 OR draw IS NULL OR year IS NULL THEN
        RAISE EXCEPTION 'sensitivity needs a year, a draw number and a number of joint samples (0 or more)'
            USING ERRCODE = '22023', HINT = 'SELECT * FROM perf_eval.sensitivity(2020, ''goals'', ''kz2020'', 1, 200).';
    END IF;
    CALL perf_eval.sensitivity_samples(year, block, perf_eval.resolve_methodology(methodology), draw, samples);
    DELETE FROM perf_eval.rank_range AS r
    WHERE r.year = sensitivity.year AND r.block = sensitivity.block AND r.methodology = perf_eval.resolve_methodology(sensitivity.methodology);
    INSERT INTO perf_eval.rank_range (year, block, methodology, body, rank, min_rank, max_rank, zone, zone_can_change, draw, samples)
    SELECT sensitivity.year, sensitivity.block, perf_eval.resolve_methodology(sensitivity.methodology), o.body, o.rank,
           min(x.rank), max(x.rank), o.zone, count(DISTINCT x.zone) > 1, sensitivity.draw, sensitivity.samples
    FROM pg_temp.pe_sensitivity AS o JOIN pg_temp.pe_sensitivity AS x ON x.body = o.body
    WHERE o.sample = 0
    GROUP BY o.body, o.rank, o.zone;
    RETURN QUERY
    SELECT o.body, o.kind, o.rank, min(x.rank), max(x.rank), o.zone,
           array_agg(DISTINCT x.zone ORDER BY x.zone),
           count(DISTINCT x.zone) > 1,
           coalesce((SELECT jsonb_object_agg(m.param, m.shift ORDER BY m.param)
                     FROM (SELECT p.param, max(abs(p.rank - o.rank)) AS shift FROM pg_temp.pe_sensitivity AS p
                           WHERE p.body = o.body AND p.param IS NOT NULL AND p.param <> 'joint'
                           GROUP BY p.param HAVING max(abs(p.rank - o.rank)) > 0) AS m), '{}')
    FROM pg_temp.pe_sensitivity AS o
    JOIN pg_temp.pe_sensitivity AS x ON x.body = o.body
    WHERE o.sample = 0
    GROUP BY o.body, o.kind, o.rank, o.zone
    ORDER BY o.kind, o.rank NULLS LAST, o.body;
END
$$;
COMMENT ON FUNCTION perf_eval.sensitivity(integer, text, text, bigint, integer) IS
'How much a block''s ranking of a year depends on the assumed parameters (kept in perf_eval.rank_range): per body its rank and zone under the methodology''s values, the lowest and highest rank and every zone over all samples (each ranged parameter at its low and high end alone, and samples joint points drawn deterministically by the numbered draw), whether the zone can change, and moved_by: the parameters that move the body alone, with by how many ranks at most';

CREATE FUNCTION perf_eval.sensitivity_parameters(year integer, block text, methodology text DEFAULT NULL)
RETURNS TABLE (key text, range_low numeric, range_high numeric, range_source text, max_rank_shift bigint,
               bodies_moved bigint, zone_changes bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.block AS k WHERE k.code = sensitivity_parameters.block) THEN
        RAISE EXCEPTION 'no block %', block USING ERRCODE = '22023', HINT = 'The blocks are listed in perf_eval.block.';
    END IF;
    CALL perf_eval.sensitivity_samples(year, block, v, 1, 0);
    RETURN QUERY
    SELECT r.key, r.range_low, r.range_high, r.range_source, coalesce(max(abs(p.rank - o.rank)), 0),
           count(DISTINCT p.body) FILTER (WHERE p.rank <> o.rank),
           count(DISTINCT p.body) FILTER (WHERE p.zone <> o.zone)
    FROM perf_eval.ranges_of(v) AS r
    JOIN pg_temp.pe_sensitivity AS p ON p.param = r.key
    JOIN pg_temp.pe_sensitivity AS o ON o.sample = 0 AND o.body = p.body
    GROUP BY r.key, r.range_low, r.range_high, r.range_source
    ORDER BY 5 DESC, r.key;
END
$$;
COMMENT ON FUNCTION perf_eval.sensitivity_parameters(integer, text, text) IS
'Per ranged assumed parameter that a block''s explanations name: its range and source, by how many ranks it moves a body at most when set alone to either end, how many bodies it moves and how many change zone (no joint samples)';

-- Sensitivity computes as its caller (forks, monthly tallies): administrators.
GRANT SELECT ON perf_eval.param_range TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.param_range TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.sensitivity(integer, text, text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.sensitivity(integer, text, text, bigint, integer) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.sensitivity_parameters(integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.sensitivity_parameters(integer, text, text) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.sensitivity_samples(integer, text, text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.sensitivity_samples(integer, text, text, bigint, integer) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.sensitivity_sample(integer, text, text, text, text[], integer, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.sensitivity_sample(integer, text, text, text, text[], integer, text, jsonb) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.plan_sensitivity(text, text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.plan_sensitivity(text, text, bigint, integer) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.compute_block_rows(integer, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_block_rows(integer, text, text[]) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.compute_block_work(integer, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_block_work(integer, text, text[]) TO perf_eval_admin;
