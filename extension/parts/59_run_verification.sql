-- =========================================================================
-- Section: proof that a run is reproducible (docs/architecture.md
-- "Reproducing a run")
--
-- perf_eval.verify_run(run) recomputes a run from what it recorded
-- (54_run_record.sql): inside a subtransaction, the year's rows of every
-- input relation are replaced by the rows the run used, the parameters of a
-- fork by those it had, and the engine's own steps (compute_work,
-- 56_recalculate.sql) compute the score tree again; the differences from
-- the run's stored scores are kept in a variable and the subtransaction is
-- rolled back (history rows the substitution wrote included). Nothing
-- changes; an honest run returns no rows.
-- =========================================================================

-- Inside verify_run's subtransaction: the year's input rows become those
-- run_id used, parents before the relations whose foreign keys name them;
-- the parameters of a fork become those of the run's context. Returns what
-- could not be put back as it was (a shipped version's parameters, which
-- only an extension update changes; the rest of the context) in changed.
CREATE PROCEDURE perf_eval.substitute_run_inputs(run_id bigint, recorded jsonb, INOUT changed text DEFAULT NULL)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when verify_run returns).
DECLARE
    this_run perf_eval.run;
    r record;
    now_context jsonb;
    differing text[] := '{}';
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    SELECT * INTO this_run FROM perf_eval.run AS x WHERE x.run_id = substitute_run_inputs.run_id;
    now_context := perf_eval.context_record(this_run.methodology);
    IF now_context -> 'params' IS DISTINCT FROM recorded -> 'params' THEN
        IF (SELECT m.shipped FROM perf_eval.methodology AS m WHERE m.name = this_run.methodology) THEN
            differing := differing || format('the parameters of the shipped version %s', this_run.methodology);
        ELSE
            DELETE FROM perf_eval.methodology_param AS p WHERE p.methodology = this_run.methodology;
            INSERT INTO perf_eval.methodology_param
            SELECT (jsonb_populate_record(NULL::perf_eval.methodology_param, e.p)).*
            FROM jsonb_array_elements(recorded -> 'params') AS e(p);
        END IF;
    END IF;
    -- A fork's structural changes (docs/methodology.md §2.8) are put back likewise.
    IF now_context -> 'node_changes' IS DISTINCT FROM recorded -> 'node_changes'
       AND NOT (SELECT m.shipped FROM perf_eval.methodology AS m WHERE m.name = this_run.methodology) THEN
        DELETE FROM perf_eval.methodology_node_change AS c WHERE c.methodology = this_run.methodology;
        INSERT INTO perf_eval.methodology_node_change
        SELECT (jsonb_populate_record(NULL::perf_eval.methodology_node_change, e.c)).*
        FROM jsonb_array_elements(coalesce(recorded -> 'node_changes', '[]')) AS e(c);
        now_context := perf_eval.context_record(this_run.methodology);
    END IF;
    SELECT differing || coalesce(array_agg(k.key ORDER BY k.key), '{}') INTO differing
    FROM jsonb_object_keys(recorded) AS k(key)
    WHERE k.key NOT IN ('params') AND now_context -> k.key IS DISTINCT FROM recorded -> k.key;

    -- Input relations by depth: the longest chain of foreign keys to other input relations.
    CREATE TEMP TABLE pe_input_depth ON COMMIT DROP AS
    WITH RECURSIVE fk AS (
        SELECT c.conrelid AS child, c.confrelid AS parent FROM pg_catalog.pg_constraint AS c
        WHERE c.contype = 'f' AND c.conrelid <> c.confrelid
          AND c.conrelid IN (SELECT i.relation FROM perf_eval.input_relation AS i)
          AND c.confrelid IN (SELECT i.relation FROM perf_eval.input_relation AS i)
    ), chain AS (
        SELECT i.relation::oid AS relation, 0 AS depth FROM perf_eval.input_relation AS i
        UNION ALL
        SELECT fk.child, chain.depth + 1 FROM chain JOIN fk ON fk.parent = chain.relation WHERE chain.depth < 20
    )
    SELECT i.relation, i.year_column, i.month_column, max(chain.depth) AS depth
    FROM perf_eval.input_relation AS i JOIN chain ON chain.relation = i.relation::oid
    GROUP BY i.relation, i.year_column, i.month_column;
    FOR r IN SELECT * FROM pg_temp.pe_input_depth AS d ORDER BY d.depth DESC, d.relation::text LOOP
        EXECUTE format('DELETE FROM %s AS t WHERE %s', r.relation,
                       perf_eval.rows_of_year_condition(r.year_column, r.month_column))
            USING this_run.year;
    END LOOP;
    FOR r IN SELECT * FROM pg_temp.pe_input_depth AS d ORDER BY d.depth, d.relation::text LOOP
        EXECUTE format('INSERT INTO %1$s OVERRIDING SYSTEM VALUE
                        SELECT (pg_catalog.jsonb_populate_record(NULL::%1$s, x.row_data)).*
                        FROM perf_eval.run_body AS b
                        JOIN perf_eval.body_input_set AS s ON s.inputs_digest = b.inputs_digest
                        JOIN perf_eval.input_row AS x ON x.row_digest = s.row_digest
                        CROSS JOIN LATERAL pg_catalog.generate_series(1, s.copies) AS copy
                        WHERE b.run_id = $1 AND x.relation = $2', r.relation)
            USING this_run.run_id, r.relation::text;
    END LOOP;
    DROP TABLE pg_temp.pe_input_depth;
    changed := nullif(array_to_string(differing, ', '), '');
END
$$;
COMMENT ON PROCEDURE perf_eval.substitute_run_inputs(bigint, jsonb, text) IS
'Inside perf_eval.verify_run''s subtransaction only: replaces the year''s rows of every input relation by the rows the run used and a fork''s parameters and structural changes by those recorded in its context (jsonb of perf_eval.run_context); returns in changed the parts of the context that differ and were not put back, or NULL';

CREATE FUNCTION perf_eval.verify_run(run_id bigint)
RETURNS TABLE (body text, node text, recorded_value numeric, recomputed_value numeric,
               recorded_raw numeric, recomputed_raw numeric, recorded_status text, recomputed_status text,
               recorded_origin text, recomputed_origin text, difference text, changed_since text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    this_run perf_eval.run;
    recorded jsonb;
    changed text;
    differences jsonb;
BEGIN
    SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = verify_run.run_id;
    IF NOT FOUND OR this_run.status NOT IN ('succeeded', 'unchanged') THEN
        RAISE EXCEPTION 'run % has no result to verify', verify_run.run_id
            USING ERRCODE = '22023',
                  DETAIL = coalesce(format('Its status is %s.', this_run.status), 'perf_eval.run has no row with this run_id.'),
                  HINT = 'Verify a succeeded or unchanged run: SELECT run_id FROM perf_eval.run WHERE status IN (''succeeded'', ''unchanged'').';
    END IF;
    IF this_run.status = 'unchanged' THEN  -- its result is the earlier run's
        SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = this_run.same_as_run;
    END IF;
    SELECT c.context INTO recorded FROM perf_eval.run_context AS c WHERE c.context_digest = this_run.context_digest;
    IF recorded IS NULL THEN
        RETURN QUERY SELECT NULL::text, NULL::text, NULL::numeric, NULL::numeric, NULL::numeric, NULL::numeric,
                            NULL::text, NULL::text, NULL::text, NULL::text,
                            'the run recorded no inputs and parameters (a run made before release 1.1 recorded them, or not by the engine): it cannot be recomputed'::text,
                            NULL::text;
        RETURN;
    END IF;
    BEGIN
        CALL perf_eval.substitute_run_inputs(this_run.run_id, recorded, changed);
        CALL perf_eval.compute_work(this_run.year, this_run.methodology,
                                    perf_eval.param_text(this_run.methodology, 'policy.clamp'));
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'body', coalesce(s.body, w.body), 'node', coalesce(s.node, w.node),
                   'recorded_value', s.value, 'recomputed_value', trim_scale(w.value),
                   'recorded_raw', s.raw_value, 'recomputed_raw', trim_scale(w.raw_value),
                   'recorded_status', s.status,
                   'recomputed_status', CASE WHEN w.body IS NOT NULL THEN
                                            CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END END,
                   'recorded_origin', s.origin, 'recomputed_origin', w.origin,
                   'difference', CASE WHEN w.body IS NULL THEN 'not recomputed'
                                      WHEN s.body IS NULL THEN 'missing from the run'
                                      ELSE concat_ws(', ', CASE WHEN s.value IS DISTINCT FROM w.value THEN 'value' END,
                                                     CASE WHEN s.raw_value IS DISTINCT FROM w.raw_value THEN 'raw value' END,
                                                     CASE WHEN s.origin IS DISTINCT FROM w.origin THEN 'origin' END,
                                                     CASE WHEN s.superseded IS DISTINCT FROM w.superseded THEN 'superseded' END,
                                                     CASE WHEN s.reason IS DISTINCT FROM w.reason THEN 'reason' END) END)
                   ORDER BY coalesce(s.body, w.body), coalesce(s.node, w.node)), '[]')
        INTO differences
        FROM (SELECT * FROM perf_eval.score AS x WHERE x.run_id = this_run.run_id) AS s
        FULL JOIN pg_temp.pe_work AS w ON w.body = s.body AND w.node = s.node
        WHERE s.body IS NULL OR w.body IS NULL
           OR s.value IS DISTINCT FROM w.value OR s.raw_value IS DISTINCT FROM w.raw_value
           OR s.origin IS DISTINCT FROM w.origin OR s.superseded IS DISTINCT FROM w.superseded
           OR s.reason IS DISTINCT FROM w.reason;
        -- Undo the substitution and the recomputation (and the history rows they wrote).
        RAISE EXCEPTION USING ERRCODE = 'PEV01';
    EXCEPTION
        WHEN SQLSTATE 'PEV01' THEN
            NULL;
        WHEN OTHERS THEN
            differences := jsonb_build_array(jsonb_build_object('difference', 'the recomputation failed: ' || SQLERRM));
    END;
    RETURN QUERY
    SELECT d.body, d.node, d.recorded_value, d.recomputed_value, d.recorded_raw, d.recomputed_raw,
           d.recorded_status, d.recomputed_status, d.recorded_origin, d.recomputed_origin, d.difference, changed
    FROM jsonb_to_recordset(differences) AS d(body text, node text, recorded_value numeric, recomputed_value numeric,
                                              recorded_raw numeric, recomputed_raw numeric, recorded_status text,
                                              recomputed_status text, recorded_origin text, recomputed_origin text,
                                              difference text);
END
$$;
COMMENT ON FUNCTION perf_eval.verify_run(bigint) IS
'Recomputes a succeeded run (an unchanged one: the run whose result it repeats) from the input rows and the parameters it recorded, with the engine''s own steps, inside a subtransaction that is rolled back, and returns every node whose value, raw value, origin, superseded mark or reason differs from the stored score, or that is on one side only; none for an honest run. changed_since names the parts of the context (body registry, scope, score tree, a shipped version''s parameters) that changed since the run and could not be put back';

-- Verification writes the input tables inside its subtransaction: admins only.
REVOKE EXECUTE ON PROCEDURE perf_eval.substitute_run_inputs(bigint, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.substitute_run_inputs(bigint, jsonb, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.verify_run(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.verify_run(bigint) TO perf_eval_admin;
