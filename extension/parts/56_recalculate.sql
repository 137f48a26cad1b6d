-- =========================================================================
-- Section: the recalculation (METHODOLOGY §0.6, §1.2, §1.4; ARCHITECTURE §3)
--
-- Node computers (one per direction, registered in perf_eval.node_computer,
-- 50_score_nodes.sql) return raw values of the nodes of one body; the engine
-- iterates the bodies each lists and names a failure once. The engine then
-- works bottom-up, level by level (criterion, direction, block, composite):
--   1. a sum or weighted node is computed from its children,
--   2. a supplied score overrides the computed one (which stays in the
--      explanation; the children are marked superseded),
--   3. the version's clamp policy is applied with the node maximum.
-- =========================================================================

-- ---------------------------------------------------------------------------
-- Input tables that make up a year's inputs (for the inputs digest)
-- ---------------------------------------------------------------------------

CREATE TABLE perf_eval.input_relation (
    relation     regclass PRIMARY KEY,
    year_column  text,
    month_column text,
    CHECK ((year_column IS NULL) <> (month_column IS NULL))
);
COMMENT ON COLUMN perf_eval.input_relation.relation IS 'Table whose rows are inputs of the recalculation';
COMMENT ON COLUMN perf_eval.input_relation.year_column IS 'For tables keyed by year: the integer column holding the assessed year';
COMMENT ON COLUMN perf_eval.input_relation.month_column IS 'For tables keyed by month (the monthly partial states): a date column whose year is the input year';
COMMENT ON TABLE perf_eval.input_relation IS
'Tables whose rows for a year are inputs of its recalculation; their content enters the inputs digest, so an unchanged year is not recomputed';
INSERT INTO perf_eval.input_relation VALUES
('perf_eval.complaint_counts', 'year', NULL),
('perf_eval.supplied_score', 'year', NULL),
('perf_eval.penalty_event', 'year', NULL),
('perf_eval.complaint_tally_monthly', NULL, 'month'),
('perf_eval.service_tally_monthly', NULL, 'month');


-- ---------------------------------------------------------------------------
-- Recomputing only what changed
--
-- A body's scores depend on its own rows of the input relations (a node
-- computer computes one body from that body's inputs: the contract of
-- perf_eval.node_computer) and on a context shared by every body. A run
-- records the context's digest and each body's inputs digest (run_body); the
-- next run in the same context recomputes only the bodies whose digest
-- changed and copies the scores of the others from the current run.
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.context_digest(methodology text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT md5(concat_ws('|',
        (SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval'),
        -- (not created_at: a restore creates the shipped versions anew)
        (SELECT string_agg((pg_catalog.to_jsonb(m) - 'created_at')::text, ',') FROM perf_eval.methodology AS m WHERE m.name = $1),
        (SELECT string_agg(p::text, ',' ORDER BY p.key) FROM perf_eval.methodology_param AS p WHERE p.methodology = $1),
        (SELECT string_agg(d::text, ',' ORDER BY d::text) FROM perf_eval.source_document AS d),
        (SELECT string_agg(b::text, ',' ORDER BY b.code) FROM perf_eval.body AS b),
        (SELECT string_agg(s::text, ',' ORDER BY s::text) FROM perf_eval.body_scope AS s),
        (SELECT string_agg(k::text, ',' ORDER BY k::text) FROM perf_eval.block AS k),
        (SELECT string_agg(n::text, ',' ORDER BY n.code) FROM perf_eval.score_node AS n),
        (SELECT string_agg(c::text, ',' ORDER BY c.name) FROM perf_eval.node_computer AS c),
        (SELECT string_agg(i::text, ',' ORDER BY i.relation::text) FROM perf_eval.input_relation AS i),
        -- the structural changes of a fork (none: nothing, so the digest of a version without any is unchanged)
        (SELECT string_agg((pg_catalog.to_jsonb(c) - 'changed_at')::text, ',' ORDER BY c.node, c.kind)
         FROM perf_eval.methodology_node_change AS c WHERE c.methodology = $1)))
$$;
COMMENT ON FUNCTION perf_eval.context_digest(text) IS
'md5 of what every body''s scores depend on besides its own inputs: extension version, the methodology and its parameters, source documents, the body registry, scope and blocks, the score tree and the version''s structural changes of it, node computers and input relations; a change recomputes every body';

-- Which rows of an input relation (alias t) belong to the year $1: its
-- year column equals it, or its month column lies in it. The one definition
-- the digests, the run record and verify_run read and replace rows by.
CREATE FUNCTION perf_eval.rows_of_year_condition(year_column text, month_column text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN $1 IS NOT NULL THEN pg_catalog.format('t.%I = $1', $1)
                ELSE pg_catalog.format('t.%1$I >= pg_catalog.make_date($1, 1, 1) AND t.%1$I < pg_catalog.make_date($1 + 1, 1, 1)', $2)
           END
$$;
COMMENT ON FUNCTION perf_eval.rows_of_year_condition(text, text) IS
'The WHERE condition (table alias t, the year as parameter $1) selecting the rows of the year of an input relation with this year_column or month_column (perf_eval.input_relation)';

-- Every input relation has a body column: a row belongs to one body.
CREATE FUNCTION perf_eval.body_inputs_digests(year integer)
RETURNS TABLE (body text, inputs_digest text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    rows_of_year text[] := '{}';
BEGIN
    FOR r IN SELECT i.relation, i.year_column, i.month_column FROM perf_eval.input_relation AS i
             ORDER BY i.relation::text LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                       WHERE a.attrelid = r.relation AND a.attname = 'body' AND a.attnum > 0 AND NOT a.attisdropped) THEN
            RAISE EXCEPTION 'input relation % has no column body', r.relation
                USING ERRCODE = '42703',
                      HINT = 'Every table listed in perf_eval.input_relation holds rows of one body each, named by its column body.';
        END IF;
        rows_of_year := rows_of_year || format(
            'SELECT t.body::text AS body, %L AS relation, (pg_catalog.to_jsonb(t) - %L)::text AS row_text FROM %s AS t WHERE %s',
            r.relation::text, 'refreshed_at', r.relation,
            perf_eval.rows_of_year_condition(r.year_column, r.month_column));
    END LOOP;
    IF cardinality(rows_of_year) = 0 THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT u.body, md5(string_agg(u.relation || %L || u.row_text, %L ORDER BY u.relation, u.row_text))
         FROM (%s) AS u GROUP BY u.body', ':', ',', array_to_string(rows_of_year, ' UNION ALL '))
        USING year;
END
$$;
COMMENT ON FUNCTION perf_eval.body_inputs_digests(integer) IS
'Per body with input rows in the year: md5 of its rows of every input relation (not refreshed_at); a body whose digest is unchanged in an unchanged context keeps its scores';

-- The digest of a year's inputs under a methodology: the context and every
-- body's inputs digest (equal digests: nothing to recompute, the run is
-- logged as unchanged).
CREATE FUNCTION perf_eval.inputs_digest(year integer, methodology text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT md5(perf_eval.context_digest($2) || '|'
               || coalesce(string_agg(d.body || ':' || d.inputs_digest, ',' ORDER BY d.body), ''))
    FROM perf_eval.body_inputs_digests($1) AS d
$$;
COMMENT ON FUNCTION perf_eval.inputs_digest(integer, text) IS
'md5 of everything a recalculation of the year reads: the context (context_digest: extension version, the methodology and its parameters, the body registry and scope, the score tree, ...) and every body''s inputs digest (body_inputs_digests: the content of its rows of every input relation for the year, not refreshed_at, the time a monthly state was computed)';

-- Which bodies this run computes: into pg_temp.pe_body_inputs (body,
-- inputs_digest, computed_in_run), computed_in_run set for the bodies whose
-- scores are copied from the current run (same context, same inputs digest),
-- which copy_from returns.
-- The setting perf_eval.incremental_recalculation = off recomputes every body.
CREATE PROCEDURE perf_eval.choose_bodies_to_compute(y integer, v text, context text, INOUT copy_from bigint)
LANGUAGE plpgsql
AS $$
DECLARE
    previous bigint;
BEGIN
    copy_from := NULL;
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CREATE TEMP TABLE pe_body_inputs ON COMMIT DROP AS
    SELECT d.body, d.inputs_digest, NULL::bigint AS computed_in_run FROM perf_eval.body_inputs_digests(y) AS d;
    SELECT cr.run_id INTO previous
    FROM perf_eval.current_run AS cr JOIN perf_eval.run AS r USING (run_id)
    WHERE cr.year = y AND cr.methodology = v AND r.context_digest = context;
    IF previous IS NULL
       OR NOT coalesce(current_setting('perf_eval.incremental_recalculation', true), 'on')::boolean THEN
        RETURN;
    END IF;
    UPDATE pg_temp.pe_body_inputs AS b SET computed_in_run = rb.computed_in_run
    FROM perf_eval.run_body AS rb
    WHERE rb.run_id = previous AND rb.body = b.body AND rb.inputs_digest = b.inputs_digest;
    copy_from := previous;
END
$$;
COMMENT ON PROCEDURE perf_eval.choose_bodies_to_compute(integer, text, text, bigint) IS
'Step 0 of compute_run: the bodies with inputs in the year and their inputs digests, into pg_temp.pe_body_inputs (created here, ON COMMIT DROP); those unchanged since the current run in the same context get the run that computed their scores (computed_in_run), and copy_from returns the current run to copy them from (NULL: every body is computed)';

-- ---------------------------------------------------------------------------
-- What a run used (54_run_record.sql): the context as rows, and each body's
-- input rows behind the inputs digest run_body records.
-- ---------------------------------------------------------------------------

-- The rows context_digest covers, as jsonb (one array of rows per table).
CREATE FUNCTION perf_eval.context_record(methodology text)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'methodology', (SELECT jsonb_agg(m) FROM perf_eval.methodology AS m WHERE m.name = $1),
        'params', (SELECT jsonb_agg(p ORDER BY p.key) FROM perf_eval.methodology_param AS p WHERE p.methodology = $1),
        'source_document', (SELECT jsonb_agg(d ORDER BY d::text) FROM perf_eval.source_document AS d),
        'body', (SELECT jsonb_agg(b ORDER BY b.code) FROM perf_eval.body AS b),
        'body_scope', (SELECT jsonb_agg(s ORDER BY s::text) FROM perf_eval.body_scope AS s),
        'block', (SELECT jsonb_agg(k ORDER BY k::text) FROM perf_eval.block AS k),
        'score_node', (SELECT jsonb_agg(n ORDER BY n.code) FROM perf_eval.score_node AS n),
        'node_computer', (SELECT jsonb_agg(c ORDER BY c.name) FROM perf_eval.node_computer AS c),
        'input_relation', (SELECT jsonb_agg(jsonb_build_object('relation', i.relation::text, 'year_column', i.year_column,
                                                               'month_column', i.month_column) ORDER BY i.relation::text)
                           FROM perf_eval.input_relation AS i),
        'node_changes', (SELECT jsonb_agg(c ORDER BY c.node, c.kind) FROM perf_eval.methodology_node_change AS c
                         WHERE c.methodology = $1))
$$;
COMMENT ON FUNCTION perf_eval.context_record(text) IS
'The rows context_digest covers, as jsonb: methodology, params (its parameters), source_document, body, body_scope, block, score_node, node_computer, input_relation, node_changes (the version''s structural changes) (an array of rows each, NULL for none); what perf_eval.run_context keeps per context digest';

-- The last step of compute_run: the context (once per context digest) and
-- the input rows of the bodies the run computed (and of any body whose
-- digest has no recorded rows yet), read again now. Their digests must be
-- those the run recorded before it computed: an input or the context that
-- changed meanwhile (another session's commit, under READ COMMITTED) fails
-- the run (40001), so a run's record is exactly what it computed from.
CREATE PROCEDURE perf_eval.record_run_inputs(run_id bigint, y integer, v text)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns).
DECLARE
    r record;
    context text;
    bodies text[];
    rows_of_year text[] := '{}';
    changed text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    SELECT x.context_digest INTO context FROM perf_eval.run AS x WHERE x.run_id = record_run_inputs.run_id;
    IF context IS DISTINCT FROM perf_eval.context_digest(v) THEN
        RAISE EXCEPTION 'the methodology, body registry or score tree changed during run %', run_id
            USING ERRCODE = '40001',
                  DETAIL = 'Another session committed a change to what every body''s scores depend on while the run computed.',
                  HINT = 'Recalculate: the run is rolled back.';
    END IF;
    INSERT INTO perf_eval.run_context (context_digest, extversion, context)
    SELECT context, e.extversion, perf_eval.context_record(v)
    FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval'
    ON CONFLICT DO NOTHING;

    SELECT coalesce(array_agg(b.body), '{}') INTO bodies FROM perf_eval.run_body AS b
    WHERE b.run_id = record_run_inputs.run_id
      AND (b.computed_in_run = b.run_id
           OR NOT EXISTS (SELECT 1 FROM perf_eval.body_input_set AS s WHERE s.inputs_digest = b.inputs_digest));
    FOR r IN SELECT i.relation, i.year_column, i.month_column FROM perf_eval.input_relation AS i
             ORDER BY i.relation::text LOOP
        rows_of_year := rows_of_year || format(
            'SELECT t.body::text AS body, %L AS relation, pg_catalog.to_jsonb(t) AS row_data FROM %s AS t
             WHERE t.body::text = ANY ($2) AND %s',
            r.relation::text, r.relation,
            perf_eval.rows_of_year_condition(r.year_column, r.month_column));
    END LOOP;
    IF cardinality(bodies) = 0 OR cardinality(rows_of_year) = 0 THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TEMP TABLE pe_run_rows ON COMMIT DROP AS
                    SELECT u.body, u.relation, u.row_data, pg_catalog.md5(u.relation || %L || u.row_data::text) AS row_digest,
                           (u.row_data - %L)::text AS row_text
                    FROM (%s) AS u', ':', 'refreshed_at', array_to_string(rows_of_year, ' UNION ALL '))
        USING y, bodies;

    -- Each body's digest as body_inputs_digests computes it.
    SELECT string_agg(b.body, ', ' ORDER BY b.body) INTO changed
    FROM perf_eval.run_body AS b
    LEFT JOIN (SELECT x.body, md5(string_agg(x.relation || ':' || x.row_text, ',' ORDER BY x.relation, x.row_text)) AS digest
               FROM pg_temp.pe_run_rows AS x GROUP BY x.body) AS d ON d.body = b.body
    WHERE b.run_id = record_run_inputs.run_id AND b.body = ANY (bodies) AND d.digest IS DISTINCT FROM b.inputs_digest;
    IF changed IS NOT NULL THEN
        RAISE EXCEPTION 'inputs of % changed during run %', changed, run_id
            USING ERRCODE = '40001',
                  DETAIL = 'Another session committed a change to these bodies'' input rows of the year while the run computed.',
                  HINT = 'Recalculate: the run is rolled back.';
    END IF;
    INSERT INTO perf_eval.input_row (row_digest, relation, row_data)
    SELECT DISTINCT ON (x.row_digest) x.row_digest, x.relation, x.row_data FROM pg_temp.pe_run_rows AS x
    ON CONFLICT DO NOTHING;
    INSERT INTO perf_eval.body_input_set (inputs_digest, row_digest, copies)
    SELECT b.inputs_digest, x.row_digest, count(*)
    FROM pg_temp.pe_run_rows AS x
    JOIN perf_eval.run_body AS b ON b.run_id = record_run_inputs.run_id AND b.body = x.body
    GROUP BY b.inputs_digest, x.row_digest
    ON CONFLICT DO NOTHING;
    DROP TABLE pg_temp.pe_run_rows;
END
$$;
COMMENT ON PROCEDURE perf_eval.record_run_inputs(bigint, integer, text) IS
'Last step of compute_run: records the run''s context (perf_eval.run_context, once per context digest) and the input rows behind the inputs digest of every body it computed (input_row, body_input_set); raises 40001, failing the run, if the context or those inputs changed while it computed';

-- ---------------------------------------------------------------------------
-- The engine
-- ---------------------------------------------------------------------------

-- 1. Node computers (perf_eval.node_computer, 50_score_nodes.sql): each
-- computes the leaves of one direction for one body. All bodies of a
-- computer are computed in one statement; only when it fails are they
-- recomputed body by body, to name the first body that fails. This is the
-- one place where a computer's failure is caught and re-raised, naming the
-- body, the year and the computer (its context), keeping the SQLSTATE
-- (METHODOLOGY §0.7). A procedure: it writes pg_temp.pe_work, created by
-- compute_run, and catches errors (subtransactions), so it runs in no query.
CREATE PROCEDURE perf_eval.compute_nodes(y integer, v text, skip_bodies text[] DEFAULT '{}')
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns)
-- and every name is qualified.
DECLARE
    c record;
    insert_rows constant text := 'INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT b.body, x.node, x.raw_value, x.reason, x.explanation
        FROM %s AS b(body) CROSS JOIN LATERAL %s(b.body, $2, $3) AS x
        WHERE b.body <> ALL ($4)';
    failed_body text;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    FOR c IN SELECT nc.name, nc.computer, nc.bodies, nc.context, nc.hint
             FROM perf_eval.node_computer AS nc ORDER BY nc.name LOOP
        IF c.bodies IS NULL THEN
            -- A computer of every body at once (year, methodology), as in release 1.0:
            -- its errors pass unchanged.
            EXECUTE pg_catalog.format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                                       SELECT x.body, x.node, x.raw_value, x.reason, x.explanation FROM %s($1, $2) AS x
                                       WHERE x.body <> ALL ($3)',
                                      c.computer)
                USING y, v, skip_bodies;
            CONTINUE;
        END IF;
        failed_body := NULL;
        BEGIN
            BEGIN
                EXECUTE pg_catalog.format(insert_rows, pg_catalog.format('%s($2, $3)', c.bodies), c.computer)
                    USING NULL::text, y, v, skip_bodies;
            EXCEPTION WHEN OTHERS THEN
                FOR failed_body IN EXECUTE pg_catalog.format('SELECT b.body FROM %s($1, $2) AS b(body)
                                                              WHERE b.body <> ALL ($3) ORDER BY b.body',
                                                             c.bodies) USING y, v, skip_bodies LOOP
                    EXECUTE pg_catalog.format(insert_rows, '(VALUES ($1))', c.computer) USING failed_body, y, v, skip_bodies;
                END LOOP;
                failed_body := NULL;  -- no body fails alone: the first error, naming no body
                RAISE;
            END;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = pg_catalog.concat_ws(' ',
                    CASE WHEN failed_body IS NULL THEN pg_catalog.format('Year %s, %s.', y, c.context)
                         ELSE pg_catalog.format('Body %s, year %s, %s.', failed_body, y, c.context) END,
                    nullif(err_detail, '')),
                HINT = coalesce(nullif(err_hint, ''), c.hint);
        END;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_nodes(integer, text, text[]) IS
'Step 1 of compute_run: the raw values of every node computer''s nodes for the bodies it lists but skip_bodies, into pg_temp.pe_work; a failure is re-raised with its SQLSTATE, the detail starting "Body <code>, year <year>, <the computer''s context>."';

-- 3. The composite score, where the version defines composite weights
-- (kz2017, METHODOLOGY §1.4): the weighted sum of the three blocks of
-- pg_temp.pe_work, clamped with its maximum.
CREATE PROCEDURE perf_eval.roll_up_composite(v text, clamp text)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns).
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
    SELECT b.code, 'composite',
           CASE WHEN count(w.value) = count(*) THEN sum(p.value::numeric * w.value) END,
           CASE WHEN count(w.value) < count(*) THEN 'needs all three blocks' END,
           jsonb_build_object('formula', jsonb_build_object('id', 'composite', 'text',
                                  string_agg(p.value || '·' || blk.code, ' + ' ORDER BY blk.node_order)),
                              'clause', 'APA 2020 report §1.1',
                              'parameters', perf_eval.param_explanation(v, array_agg(p.key)))
    FROM perf_eval.body AS b
    CROSS JOIN perf_eval.score_node AS blk
    JOIN perf_eval.methodology_param AS p ON p.methodology = v AND p.key = blk.weight_key
    LEFT JOIN pg_temp.pe_work AS w ON w.body = b.code AND w.node = blk.code
    WHERE blk.level = 'block'
    GROUP BY b.code
    HAVING bool_or(w.body IS NOT NULL);
    UPDATE pg_temp.pe_work AS w
    SET value = perf_eval.clamp_value(w.raw_value, perf_eval.node_maximum('composite', v), clamp)
    WHERE w.node = 'composite' AND w.raw_value IS NOT NULL;
END
$$;
COMMENT ON PROCEDURE perf_eval.roll_up_composite(text, text) IS
'Step 3 of compute_run: the composite score of each body in pg_temp.pe_work, where the version weights the blocks (docs/methodology.md §1.4), clamped with its maximum';

-- 2.-3. The bottom-up roll-up of pg_temp.pe_work: sum and weighted nodes,
-- supplied scores, the clamp policy, superseded children, the composite.
CREATE PROCEDURE perf_eval.roll_up_nodes(y integer, v text, clamp text)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns).
DECLARE
    lvl text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    -- 1b. The version's structural changes (docs/methodology.md §2.8): the
    -- nodes it leaves out are dropped; a computed node whose maximum it
    -- changed is scaled to the new maximum.
    DELETE FROM pg_temp.pe_work AS w WHERE w.node IN (SELECT perf_eval.inactive_nodes(v));
    UPDATE pg_temp.pe_work AS w
    SET raw_value = w.raw_value * perf_eval.node_rescale_factor(w.node, v, b.kind),
        explanation = w.explanation || jsonb_build_object('rescaled', jsonb_build_object(
            'factor', perf_eval.node_rescale_factor(w.node, v, b.kind), 'raw_value', w.raw_value,
            'maximum', perf_eval.node_maximum(w.node, v, b.kind),
            'source', (SELECT c.source FROM perf_eval.methodology_node_change AS c
                       WHERE c.methodology = v AND c.node = w.node AND (c.kind = b.kind OR c.kind IS NULL)
                       ORDER BY c.kind NULLS LAST LIMIT 1)))
    FROM perf_eval.body AS b
    WHERE b.code = w.body AND w.raw_value IS NOT NULL AND perf_eval.node_rescale_factor(w.node, v, b.kind) IS NOT NULL
      AND w.node IN (SELECT c.node FROM perf_eval.methodology_node_change AS c
                     WHERE c.methodology = v AND c.change = 'maximum');

    -- 2. Bottom-up, level by level.
    FOREACH lvl IN ARRAY ARRAY['criterion', 'direction', 'block'] LOOP
        -- a) sum nodes: (the signed sum of the term children present) x the
        --    product of the factor children present (score_node.role). A sum
        --    with factors shows each term's origin and lists its factors.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT w.body, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN
                   CASE WHEN bool_or(ch.role = 'factor')
                        THEN coalesce(sum(ch.sign * w.value) FILTER (WHERE ch.role = 'term'), 0)
                             * perf_eval.factor_product(w.value) FILTER (WHERE ch.role = 'factor')
                        ELSE sum(ch.sign * w.value) END
               END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'sum', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       CASE WHEN bool_or(ch.role = 'factor')
                            THEN string_agg(coalesce(ch.symbol, ch.code), ' · ' ORDER BY ch.node_order)
                                     FILTER (WHERE ch.role = 'factor')
                                 || ' · (' || regexp_replace(string_agg(CASE WHEN ch.sign < 0 THEN '− ' ELSE '+ ' END
                                                                        || coalesce(ch.symbol, ch.code), ' '
                                                                        ORDER BY ch.node_order) FILTER (WHERE ch.role = 'term'),
                                                             '^\+ ', '') || ')'
                            ELSE string_agg(CASE WHEN ch.sign < 0 THEN '− ' ELSE '+ ' END || coalesce(ch.symbol, ch.code), ' '
                                            ORDER BY ch.node_order) END),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'sign', ch.sign, 'value', w.value)
                                         || CASE WHEN scaled.any_factor THEN jsonb_build_object('origin', w.origin)
                                                 ELSE '{}' END
                                         ORDER BY ch.node_order) FILTER (WHERE ch.role = 'term'))
               || CASE WHEN bool_or(ch.role = 'factor') THEN jsonb_build_object('factors',
                      jsonb_agg(jsonb_build_object('node', ch.code, 'value', w.value, 'origin', w.origin)
                                ORDER BY ch.node_order) FILTER (WHERE ch.role = 'factor'))
                  ELSE '{}' END
        FROM perf_eval.score_node AS n
        CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM perf_eval.score_node AS f
                                           WHERE f.parent = n.code AND f.role = 'factor') AS any_factor) AS scaled
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        JOIN pg_temp.pe_work AS w ON w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'sum'
        GROUP BY w.body, n.code, n.symbol, scaled.any_factor
        ON CONFLICT (body, node) DO NOTHING;

        -- b) weighted nodes: the weights the version defines for the body's kind.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT b.code, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN sum(p.value::numeric * w.value) END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'weighted', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       string_agg(p.value || '·' || coalesce(ch.symbol, ch.code), ' + ' ORDER BY ch.node_order)),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'weight', p.value::numeric, 'value', w.value)
                                         ORDER BY ch.node_order),
                   'parameters', perf_eval.param_explanation(v, array_agg(p.key)))
        FROM perf_eval.score_node AS n
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        CROSS JOIN perf_eval.body AS b
        JOIN perf_eval.methodology_param AS p
             ON p.methodology = v AND p.key = replace(ch.weight_key, '{kind}', lower(b.kind))
        LEFT JOIN pg_temp.pe_work AS w ON w.body = b.code AND w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'weighted'
          AND perf_eval.scope_status(b.code, n.block, y) <> 'exempt'
          AND ch.code NOT IN (SELECT perf_eval.inactive_nodes(v))
        GROUP BY b.code, n.code, n.symbol
        HAVING bool_or(w.body IS NOT NULL)
        ON CONFLICT (body, node) DO NOTHING;

        -- c) supplied scores override (a version-specific one over one for every version).
        INSERT INTO pg_temp.pe_work AS w (body, node, raw_value, origin, reason, explanation)
        SELECT DISTINCT ON (s.body, s.node) s.body, s.node, s.value, 'supplied', NULL,
               jsonb_build_object('supplied', jsonb_build_object(
                   'by', s.supplied_by, 'at', s.supplied_at, 'document', s.basis_document, 'note', s.note,
                   'methodology', s.methodology))
        FROM perf_eval.supplied_score AS s
        JOIN perf_eval.score_node AS n ON n.code = s.node AND n.level = lvl
        WHERE s.year = y AND (s.methodology = v OR s.methodology IS NULL)
          AND perf_eval.scope_status(s.body, n.block, y) <> 'exempt'
          AND s.node NOT IN (SELECT perf_eval.inactive_nodes(v))
        ORDER BY s.body, s.node, s.methodology NULLS LAST
        ON CONFLICT (body, node) DO UPDATE
            SET raw_value = EXCLUDED.raw_value, origin = 'supplied', reason = NULL,
                explanation = EXCLUDED.explanation || jsonb_build_object('computed',
                    w.explanation || jsonb_build_object('raw_value', w.raw_value, 'reason', w.reason));

        -- d) the clamp policy with the node maximum (for the body's kind).
        UPDATE pg_temp.pe_work AS w
        SET value = perf_eval.clamp_value(w.raw_value, m.maximum, clamp),
            explanation = w.explanation || jsonb_build_object('policies', jsonb_build_object(
                'clamp', clamp, 'maximum', m.maximum, 'raw_value', w.raw_value))
        FROM perf_eval.score_node AS n, perf_eval.body AS b,
             LATERAL (SELECT perf_eval.node_maximum(n.code, v, b.kind) AS maximum) AS m
        WHERE n.code = w.node AND b.code = w.body AND n.level = lvl AND w.raw_value IS NOT NULL;
    END LOOP;

    -- Children of a supplied node are shown but superseded (METHODOLOGY §1.2).
    WITH RECURSIVE supplied_descendant AS (
        SELECT w.body, n.code FROM pg_temp.pe_work AS w
        JOIN perf_eval.score_node AS n ON n.parent = w.node
        WHERE w.origin = 'supplied'
        UNION
        SELECT d.body, n.code FROM supplied_descendant AS d JOIN perf_eval.score_node AS n ON n.parent = d.code
    )
    UPDATE pg_temp.pe_work AS w SET superseded = true
    FROM supplied_descendant AS d WHERE d.body = w.body AND d.code = w.node;

    -- 3. Composite, where the version defines composite weights.
    CALL perf_eval.roll_up_composite(v, clamp);
END
$$;
COMMENT ON PROCEDURE perf_eval.roll_up_nodes(integer, text, text) IS
'Steps 2-3 of compute_run: applies the version''s structural changes to pg_temp.pe_work (nodes left out, computed values scaled to a changed maximum), rolls it up the score tree level by level (sum and weighted nodes, supplied scores, the clamp policy with the node maximum, superseded children) and computes the composite where the version weights the blocks';

-- 1.-3. The score tree of the bodies into pg_temp.pe_work (created here,
-- ON COMMIT DROP): the node computers, bodies exempt from a block left out,
-- the roll-up. compute_run computes a run with it and perf_eval.verify_run
-- (59_run_verification.sql) recomputes one.
CREATE PROCEDURE perf_eval.compute_work(y integer, v text, clamp text, skip_bodies text[] DEFAULT '{}')
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when the caller returns).
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CREATE TEMP TABLE pe_work (
        body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
        superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (body, node)
    ) ON COMMIT DROP;

    -- 1. Node computers.
    CALL perf_eval.compute_nodes(y, v, skip_bodies);

    -- Bodies exempt from a block are neither scored nor ranked in it (METHODOLOGY §1.3).
    DELETE FROM pg_temp.pe_work AS w
    USING perf_eval.score_node AS n
    WHERE n.code = w.node AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';

    -- 2.-3. Bottom-up, level by level, then the composite.
    CALL perf_eval.roll_up_nodes(y, v, clamp);
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_work(integer, text, text, text[]) IS
'Steps 1-3 of compute_run: creates pg_temp.pe_work (ON COMMIT DROP) and fills it with the score tree of every body with inputs in the year but skip_bodies (node computers, bodies exempt from a block left out, the roll-up up to the composite)';

-- The engine's steps; compute_run runs them with the right to write the
-- run's results (src/engine_gate.c). Called directly, they cannot store.
CREATE FUNCTION perf_eval.compute_run_steps(run_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    this_run perf_eval.run;
    v text;
    y integer;
    clamp text;
    digest text;
    current_id bigint;
    scored_bodies integer;
    scored_nodes integer;
    problems text;
    context text;
    copy_from bigint;
    skip text[];
BEGIN
    SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = compute_run_steps.run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % does not exist', compute_run_steps.run_id
            USING ERRCODE = '22023',
                  DETAIL = 'perf_eval.run has no row with this run_id.',
                  HINT = 'Start a calculation with CALL perf_eval.recalculate(year), which logs the run and computes it.';
    END IF;
    v := this_run.methodology;
    y := this_run.year;

    -- One recalculation of a year at a time; a second one waits for the first.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.recalculate'), y);

    PERFORM perf_eval.check_methodology(v);
    clamp := perf_eval.param_text(v, 'policy.clamp');

    -- Bring the monthly partial states of the raw registries up to date
    -- (only months changed since their last refresh are rescanned, §7.2).
    PERFORM perf_eval.refresh_monthly_tallies(y);
    -- Registry rows that cannot be attributed are data problems of the run,
    -- not errors: listed in pg_temp.pe_problems (45_registry_checks.sql).
    CALL perf_eval.collect_registry_problems(y);
    SELECT coalesce(string_agg(concat_ws('|', p.registry, p.body, p.month, p.rows, p.reason), ','
                               ORDER BY p.registry, p.body, p.month, p.reason), '')
    INTO problems FROM pg_temp.pe_problems AS p;

    -- Unchanged inputs (and the same data problems): the current result stands
    -- (idempotent for pg_cron).
    digest := perf_eval.inputs_digest(y, v);
    SELECT cr.run_id INTO current_id FROM perf_eval.current_run AS cr
    WHERE cr.year = y AND cr.methodology = v AND cr.inputs_digest = digest;
    IF FOUND AND problems = (SELECT coalesce(string_agg(concat_ws('|', p.registry, p.body, p.month, p.rows, p.reason), ','
                                                        ORDER BY p.registry, p.body, p.month, p.reason), '')
                             FROM perf_eval.run_problems AS p WHERE p.run_id = current_id) THEN
        UPDATE perf_eval.run AS r SET status = 'unchanged', same_as_run = current_id, inputs_digest = digest,
                                      finished_at = clock_timestamp()
        WHERE r.run_id = compute_run_steps.run_id;
        DROP TABLE pg_temp.pe_problems;
        RETURN;
    END IF;
    INSERT INTO perf_eval.run_problems (run_id, registry, body, month, rows, reason)
    SELECT compute_run_steps.run_id, p.registry, p.body, p.month, p.rows, p.reason FROM pg_temp.pe_problems AS p;
    DROP TABLE pg_temp.pe_problems;

    -- A monthly state written by hand may be inconsistent: named, body and month.
    CALL perf_eval.check_monthly_states(y);

    -- 0. Bodies whose own inputs are unchanged since the current run, in the
    -- same context, keep their scores: they are copied, not recomputed.
    context := perf_eval.context_digest(v);
    CALL perf_eval.choose_bodies_to_compute(y, v, context, copy_from);
    SELECT coalesce(array_agg(b.body), '{}') INTO skip FROM pg_temp.pe_body_inputs AS b WHERE b.computed_in_run IS NOT NULL;

    -- 1.-3. Node computers, bottom-up level by level, then the composite.
    CALL perf_eval.compute_work(y, v, clamp, skip);
    -- The roll-up also took in supplied scores of skipped bodies: theirs are copied.
    DELETE FROM pg_temp.pe_work AS w WHERE w.body = ANY (skip);

    -- 4. Store the score tree with explanations that name methodology, policies and assumptions.
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run_steps.run_id, w.body, w.node, trim_scale(w.value), trim_scale(w.raw_value), w.origin, w.superseded,
           CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END,
           w.reason,
           jsonb_build_object('node', w.node, 'body', w.body, 'year', y, 'methodology', v,
                              'origin', w.origin,
                              'status', CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END)
           || w.explanation
           || jsonb_build_object('policy_parameters', perf_eval.param_explanation(v, ARRAY['policy.clamp', 'policy.zero_volume']))
    FROM pg_temp.pe_work AS w;
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run_steps.run_id, s.body, s.node, s.value, s.raw_value, s.origin, s.superseded, s.status, s.reason, s.explanation
    FROM perf_eval.score AS s
    WHERE s.run_id = copy_from AND s.body = ANY (skip);
    INSERT INTO perf_eval.run_body (run_id, body, inputs_digest, computed_in_run)
    SELECT compute_run_steps.run_id, b.body, b.inputs_digest, coalesce(b.computed_in_run, compute_run_steps.run_id)
    FROM pg_temp.pe_body_inputs AS b;

    SELECT count(DISTINCT s.body), count(*) INTO scored_bodies, scored_nodes
    FROM perf_eval.score AS s WHERE s.run_id = compute_run_steps.run_id;
    UPDATE perf_eval.run AS r
    SET status = 'succeeded', finished_at = clock_timestamp(), inputs_digest = digest, context_digest = context,
        bodies_scored = scored_bodies, nodes_scored = scored_nodes
    WHERE r.run_id = compute_run_steps.run_id;
    CALL perf_eval.record_run_inputs(compute_run_steps.run_id, y, v);  -- what it used, for verify_run
    DROP TABLE pg_temp.pe_work;
    DROP TABLE pg_temp.pe_body_inputs;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_run_steps(bigint) IS
'The steps of compute_run: computes the score tree of a running run, recomputing only the bodies whose inputs changed since the current run in the same context (run_body; the setting perf_eval.incremental_recalculation = off recomputes all) and copying the others'' scores; registry rows that cannot be attributed (unknown body code, impossible dates) are left out of the tallies and listed in run_problems; raises on other invalid inputs, leaving nothing behind';

CREATE FUNCTION perf_eval.compute_run(run_id bigint)
RETURNS void
AS 'MODULE_PATHNAME', 'pe_compute_run'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION perf_eval.compute_run(bigint) IS
'Computes the score tree of a running run (the engine behind recalculate; the only way to write a run''s results: perf_eval.engine_writes), recomputing only the bodies whose inputs changed since the current run in the same context (run_body; the setting perf_eval.incremental_recalculation = off recomputes all) and copying the others'' scores; registry rows that cannot be attributed (unknown body code, impossible dates) are left out of the tallies and listed in run_problems; raises on other invalid inputs, leaving nothing behind';

CREATE FUNCTION perf_eval.recalculate_within_transaction(year integer, methodology text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_run bigint;
BEGIN
    PERFORM perf_eval.mark_abandoned_runs();
    INSERT INTO perf_eval.run (year, methodology)
    VALUES (year, perf_eval.resolve_methodology(methodology))
    RETURNING run_id INTO new_run;
    PERFORM perf_eval.compute_run(new_run);
    RETURN new_run;
END
$$;
COMMENT ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) IS
'Recalculates a year inside the caller''s transaction and returns the run id; a failure aborts the caller''s transaction, log row included. Operators use CALL perf_eval.recalculate(), which keeps failed runs in the log';

CREATE PROCEDURE perf_eval.recalculate(year integer, methodology text DEFAULT NULL)
LANGUAGE plpgsql
AS $$
-- No SET clause: a procedure with one cannot COMMIT. search_path is pinned
-- with set_config in each transaction instead, and every name is qualified.
DECLARE
    version text;
    new_run bigint;
    failed boolean := false;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    version := perf_eval.resolve_methodology(methodology);
    -- Runs whose session died are logged as abandoned; this run records its
    -- own session (backend_pid, backend_start) by the columns' defaults.
    PERFORM perf_eval.mark_abandoned_runs();
    INSERT INTO perf_eval.run (year, methodology) VALUES (year, version) RETURNING run_id INTO new_run;
    COMMIT;  -- the run is in the log even if the calculation fails

    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    BEGIN
        PERFORM perf_eval.compute_run(new_run);
    -- A cancel (statement_timeout, pg_cancel_backend) is logged too, then re-raised.
    EXCEPTION WHEN OTHERS OR query_canceled THEN
        GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
        failed := true;
    END;
    IF failed THEN
        -- The calculation's rows were rolled back with its subtransaction; earlier results stay current.
        UPDATE perf_eval.run AS r
        SET status = 'failed', finished_at = clock_timestamp(),
            error_sqlstate = err_state, error_message = err_message, error_detail = nullif(err_detail, '')
        WHERE r.run_id = new_run;
        COMMIT;
        -- COMMIT ended the transaction that pinned search_path: pin it again, so
        -- that nothing on the caller's path (a planted concat_ws) runs here.
        PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
        RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                              DETAIL = pg_catalog.concat_ws(' ', nullif(err_detail, ''),
                                                 pg_catalog.format('Run %s of %s under %s, logged as failed.', new_run, year, version)),
                              HINT = coalesce(nullif(err_hint, ''), 'SELECT * FROM perf_eval.run_health shows the failure.');
    END IF;
    COMMIT;
END
$$;
COMMENT ON PROCEDURE perf_eval.recalculate(integer, text) IS
'Recalculates the ratings of a year under a methodology (default: the current one) as a new run. Call it as a top-level statement (CALL, pg_cron): it commits the run log row first, so a failed run is logged as failed (a cancelled one too, e.g. by statement_timeout: 57014) while its partial results are rolled back and the previous run stays current; a run whose session died is logged as abandoned by the next recalculation; a second concurrent call for the same year waits for the first; unchanged inputs give a run marked unchanged';

GRANT SELECT ON perf_eval.input_relation TO perf_eval_reader;

-- Only admins recalculate.
REVOKE EXECUTE ON PROCEDURE perf_eval.recalculate(integer, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.recalculate(integer, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.compute_run(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.compute_run(bigint) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.compute_run_steps(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.compute_run_steps(bigint) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.compute_nodes(integer, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_nodes(integer, text, text[]) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.choose_bodies_to_compute(integer, text, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.choose_bodies_to_compute(integer, text, text, bigint) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.roll_up_nodes(integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.roll_up_nodes(integer, text, text) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.roll_up_composite(text, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.roll_up_composite(text, text) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.compute_work(integer, text, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_work(integer, text, text, text[]) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.record_run_inputs(bigint, integer, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.record_run_inputs(bigint, integer, text) TO perf_eval_admin;
