-- =========================================================================
-- Section: what-if runs (issue 19, item 2; docs/designing.md §2)
--
-- A what-if computes a year under a methodology with some parameters
-- changed, without ever becoming an official run: the parameters are applied
-- to a scratch fork that exists only inside the computing transaction (it is
-- validated as methodology editing validates a fork, then deleted), the
-- engine's own steps (compute_work) compute the score tree, and the tree is
-- kept in perf_eval.scratch_run / perf_eval.scratch_score, apart from the
-- run log. So a what-if is in no run, current_run, result_* or published
-- view, no cycle and no incremental reuse, and it is removed by deleting its
-- scratch rows: the append-only record of official runs is never touched.
-- Its identifier is drawn from the run log's sequence, so a run id names
-- either an official run or a what-if (perf_eval.compare_runs takes both).
--
-- Input overrides ("what if body MH's indicator had fact 120") change
-- existing rows of the input relations (perf_eval.input_relation) inside a
-- subtransaction that also computes the tree; the tree is copied into a
-- variable and the subtransaction is rolled back by an error only this code
-- raises (as verify_run does, 59_run_verification.sql), so the changed rows,
-- the history rows their triggers wrote, and the work table are all undone
-- before anything is stored. The changes are made with the caller's rights
-- (row-level security, grants and every trigger of the input relation apply
-- as to any update) and nothing that disables a guard is set: an update a
-- guard refuses makes the what-if fail with the guard's error.
-- =========================================================================

CREATE TABLE perf_eval.scratch_run (
    run_id          bigint PRIMARY KEY,
    year            integer NOT NULL,
    methodology     text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    overrides       jsonb NOT NULL CHECK (jsonb_typeof(overrides) = 'object'),
    parameters      jsonb NOT NULL,
    note            text,
    inputs_digest   text NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    started_by      name NOT NULL DEFAULT session_user,
    bodies_scored   integer NOT NULL,
    nodes_scored    integer NOT NULL,
    inputs          jsonb CHECK (jsonb_typeof(inputs) = 'array')
);
COMMENT ON COLUMN perf_eval.scratch_run.run_id IS 'Identifier of the what-if, drawn from the run log''s sequence (never the id of an official run)';
COMMENT ON COLUMN perf_eval.scratch_run.year IS 'Assessed year computed';
COMMENT ON COLUMN perf_eval.scratch_run.methodology IS 'Methodology version the overrides were applied to (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.scratch_run.overrides IS 'The parameter overrides as given: {"key": value, ...}';
COMMENT ON COLUMN perf_eval.scratch_run.parameters IS 'Each overridden parameter with the version''s value and the value used: [{key, value, what_if}, ...]';
COMMENT ON COLUMN perf_eval.scratch_run.note IS 'Free-text note of whoever ran the what-if';
COMMENT ON COLUMN perf_eval.scratch_run.inputs_digest IS 'Digest of the inputs of the year under the version that the what-if computed, its input overrides applied (perf_eval.inputs_digest); equal to an official run''s digest means the same inputs';
COMMENT ON COLUMN perf_eval.scratch_run.started_at IS 'When the computation started';
COMMENT ON COLUMN perf_eval.scratch_run.finished_at IS 'When it finished';
COMMENT ON COLUMN perf_eval.scratch_run.started_by IS 'Session role that ran the what-if';
COMMENT ON COLUMN perf_eval.scratch_run.bodies_scored IS 'Number of bodies with at least one score (count)';
COMMENT ON COLUMN perf_eval.scratch_run.nodes_scored IS 'Number of score rows (count)';
COMMENT ON COLUMN perf_eval.scratch_run.inputs IS 'Each overridden input value with the value the table held and the value used: [{relation, key, body, field, value, what_if}, ...]; NULL: no input override (the inputs were never changed)';
COMMENT ON TABLE perf_eval.scratch_run IS
'What-if runs (perf_eval.what_if): a year computed under a methodology with parameter and input overrides; never official, in no result or published view, removable with perf_eval.drop_what_if';

CREATE TABLE perf_eval.scratch_score (
    run_id       bigint NOT NULL REFERENCES perf_eval.scratch_run (run_id) ON DELETE CASCADE,
    body         text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE ON DELETE CASCADE,
    node         text NOT NULL REFERENCES perf_eval.score_node (code),
    value        numeric,
    raw_value    numeric,
    origin       text NOT NULL CHECK (origin IN ('computed', 'supplied')),
    superseded   boolean NOT NULL,
    status       text NOT NULL CHECK (status IN ('ok', 'not_assessable')),
    reason       text,
    zone         text REFERENCES perf_eval.efficiency_zone_label (zone),
    explanation  jsonb NOT NULL,
    PRIMARY KEY (run_id, body, node),
    CHECK ((status = 'ok') = (value IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.scratch_score.run_id IS 'What-if run (perf_eval.scratch_run.run_id)';
COMMENT ON COLUMN perf_eval.scratch_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.scratch_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.scratch_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.scratch_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.scratch_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.scratch_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.scratch_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.scratch_score.reason IS 'Why the node is not assessable';
COMMENT ON COLUMN perf_eval.scratch_score.zone IS 'Blocks only: efficiency zone of the unrounded value under the what-if''s parameters (zone thresholds may be overridden too)';
COMMENT ON COLUMN perf_eval.scratch_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4), the overridden parameters marked (overrides) and, on every node of a body whose inputs were overridden, its input overrides (input_overrides)';
COMMENT ON TABLE perf_eval.scratch_score IS
'The score tree of a what-if run: one row per body and node, as perf_eval.score is for an official run';

-- The overrides as a set of (key, value) after the checks methodology
-- editing applies to a single value: the key is a parameter of the version,
-- the value a JSON scalar of the parameter's kind.
CREATE FUNCTION perf_eval.checked_overrides(methodology text, overrides jsonb)
RETURNS TABLE (key text, version_value text, value text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o record;
    p perf_eval.methodology_param;
    problem text;
BEGIN
    IF overrides IS NULL OR jsonb_typeof(overrides) <> 'object' THEN
        RAISE EXCEPTION 'the overrides must be a JSON object of parameter keys and values'
            USING ERRCODE = '22023', HINT = 'For example ''{"goals.plan_lowered_multiplier": 0.8}''.';
    END IF;
    FOR o IN SELECT e.key, e.value FROM jsonb_each(overrides) AS e ORDER BY e.key LOOP
        SELECT * INTO p FROM perf_eval.methodology_param AS m WHERE m.methodology = checked_overrides.methodology AND m.key = o.key;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'methodology "%" has no parameter "%"', methodology, o.key
                USING ERRCODE = '22023',
                      HINT = format('Its parameters are listed by SELECT key, value FROM perf_eval.methodology_param WHERE methodology = %L.', methodology);
        END IF;
        value := o.value #>> '{}';
        problem := CASE
            WHEN jsonb_typeof(o.value) NOT IN ('string', 'number', 'boolean') THEN 'must be a JSON string, number or boolean'
            WHEN p.value_kind = 'number' AND value !~ '^-?[0-9]+(\.[0-9]+)?$' THEN 'must be a number'
            WHEN p.value_kind = 'boolean' AND value NOT IN ('true', 'false') THEN 'must be true or false'
            WHEN p.value_kind = 'scale' THEN perf_eval.scale_definition_error(value)
            WHEN p.value_kind = 'bands' THEN perf_eval.bands_definition_error(value)
        END;
        IF problem IS NOT NULL THEN
            RAISE EXCEPTION 'override of "%": %', o.key, problem
                USING ERRCODE = '22023', DETAIL = format('Given %s; the parameter is a %s, now %s.', o.value, p.value_kind, p.value),
                      HINT = 'docs/methodology.md §0.8 says how each kind of value is written.';
        END IF;
        key := o.key;
        version_value := p.value;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.checked_overrides(text, jsonb) IS
'The overrides {"key": value} of a methodology''s parameters as rows (key, the version''s value, the value given), refused (22023) when a key is not a parameter of the version or a value is not of its kind';

-- A scratch fork of a version with overrides applied, valid as a whole
-- (validate_methodology); created in the caller's transaction, which deletes
-- it (drop_scratch_fork) before it ends.
CREATE FUNCTION perf_eval.scratch_fork(methodology text, overrides jsonb, fork text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems text;
    n bigint;
BEGIN
    PERFORM perf_eval.fork_methodology(methodology, fork, 'what-if scratch of ' || methodology,
                                       'Scratch copy with parameter overrides; deleted by the transaction that made it.');
    UPDATE perf_eval.methodology_param AS m
    SET value = o.value, provenance = 'assumed', source_document = NULL,
        source = 'what-if override by ' || session_user
    FROM perf_eval.checked_overrides(scratch_fork.methodology, scratch_fork.overrides) AS o
    WHERE m.methodology = scratch_fork.fork AND m.key = o.key;
    SELECT string_agg(coalesce(v.key || ': ', '') || v.problem, '; '), count(*) INTO problems, n
    FROM perf_eval.validate_methodology(fork) AS v;
    IF n > 0 THEN
        RAISE EXCEPTION 'the overrides make methodology "%" invalid: %', methodology, problems
            USING ERRCODE = '22023', DETAIL = format('%s problem(s) with the overrides %s.', n, overrides),
                  HINT = 'Override the related parameters together (criterion maxima must still add up, weights sum to 1); docs/methodology.md §2.7 says what a valid parameter set is.';
    END IF;
    RETURN fork;
END
$$;
COMMENT ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) IS
'Forks a methodology under the name fork with the overrides applied (checked as perf_eval.checked_overrides checks them) and refuses (22023) a parameter set that validate_methodology finds invalid, naming every problem; the caller deletes the fork with perf_eval.drop_scratch_fork';

CREATE FUNCTION perf_eval.drop_scratch_fork(fork text)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    DELETE FROM perf_eval.methodology AS m WHERE m.name = $1 AND m.name ~ '^(what_if|sensitivity)_[0-9]+$' AND NOT m.shipped
$$;
COMMENT ON FUNCTION perf_eval.drop_scratch_fork(text) IS
'Deletes a scratch fork made by perf_eval.scratch_fork (with its parameters); only a name what_if_N or sensitivity_N, never a user''s fork';

-- The input overrides {"<input table>": [{"key": {...}, "set": {"<column>": value}}, ...]}
-- as one row per changed value, checked as a verification is
-- (73_verification.sql): the table is an input relation, the key names one
-- row of it (perf_eval.input_row_of), that row is of the year, the column is
-- one of its value columns (perf_eval.input_value_column) and the value
-- casts to the column's type. Reads with the caller's rights; changes nothing.
CREATE FUNCTION perf_eval.checked_input_overrides(year integer, inputs jsonb)
RETURNS TABLE (relation regclass, row_key jsonb, body text, field text, field_type text,
               value jsonb, what_if jsonb, what_if_text text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    example constant text := 'For example ''{"target_indicator": [{"key": {"body": "MH", "year": 2020, "indicator_code": "TI1"}, "set": {"fact": 120}}]}''; perf_eval.input_relation lists the input tables, perf_eval.key_columns(table) their keys.';
    t record;
    o jsonb;
    s record;
    input_row jsonb;
    row_year integer;
    seen text[] := '{}';
BEGIN
    IF inputs IS NULL THEN
        RETURN;
    END IF;
    IF jsonb_typeof(inputs) <> 'object' THEN
        RAISE EXCEPTION 'the input overrides must be a JSON object of input tables and the rows to change'
            USING ERRCODE = '22023', HINT = example;
    END IF;
    FOR t IN SELECT e.key, e.value FROM jsonb_each(inputs) AS e ORDER BY e.key LOOP
        BEGIN
            relation := pg_catalog.to_regclass(CASE WHEN t.key LIKE '%.%' THEN t.key ELSE 'perf_eval.' || t.key END);
        EXCEPTION WHEN invalid_name OR syntax_error THEN  -- "a.b.c.d", an unclosed quote: no such table either
            relation := NULL;
        END;
        IF relation IS NULL OR perf_eval.key_columns(relation) IS NULL OR jsonb_typeof(t.value) <> 'array' THEN
            RAISE EXCEPTION 'input override of "%": %', t.key,
                            CASE WHEN relation IS NULL THEN 'no such table'
                                 WHEN perf_eval.key_columns(relation) IS NULL THEN 'the table has no primary key to name a row by'
                                 ELSE 'the rows to change must be a JSON array' END
                USING ERRCODE = '22023', HINT = example;
        END IF;
        FOR o IN SELECT e.value FROM jsonb_array_elements(t.value) AS e LOOP
            IF jsonb_typeof(o) <> 'object' OR jsonb_typeof(o -> 'key') IS DISTINCT FROM 'object'
               OR jsonb_typeof(o -> 'set') IS DISTINCT FROM 'object' OR o - 'key' - 'set' <> '{}' OR o -> 'set' = '{}' THEN
                RAISE EXCEPTION 'input override of %: % is not {"key": {...}, "set": {...}}', relation, o
                    USING ERRCODE = '22023', HINT = example;
            END IF;
            input_row := perf_eval.input_row_of(relation, o -> 'key');
            SELECT p.row_key, p.year INTO row_key, row_year FROM perf_eval.input_row_place(relation, input_row) AS p;
            IF row_year IS DISTINCT FROM checked_input_overrides.year THEN
                RAISE EXCEPTION 'input override of % %: the row is of %, not of the what-if''s year %', relation, o -> 'key', row_year, year
                    USING ERRCODE = '22023', HINT = 'Name a row of the year the what-if computes.';
            END IF;
            body := input_row ->> 'body';
            FOR s IN SELECT e.key, e.value FROM jsonb_each(o -> 'set') AS e ORDER BY e.key LOOP
                field := s.key;
                field_type := perf_eval.input_value_column(relation, field);
                IF format('%s %s %s', relation, row_key, field) = ANY (seen) OR jsonb_typeof(s.value) NOT IN ('string', 'number', 'boolean', 'null') THEN
                    RAISE EXCEPTION 'input override of % % %: %', relation, row_key, field,
                                    CASE WHEN jsonb_typeof(s.value) NOT IN ('string', 'number', 'boolean', 'null')
                                         THEN 'the value must be a JSON string, number, boolean or null' ELSE 'given twice' END
                        USING ERRCODE = '22023', HINT = example;
                END IF;
                seen := seen || format('%s %s %s', relation, row_key, field);
                value := input_row -> field;
                what_if_text := s.value #>> '{}';
                BEGIN
                    EXECUTE format('SELECT pg_catalog.to_jsonb($1::%s)', field_type) INTO what_if USING what_if_text;
                EXCEPTION WHEN data_exception THEN
                    RAISE EXCEPTION 'input override of % % %: % is not a value of type %', relation, row_key, field, s.value, field_type
                        USING ERRCODE = '22023', DETAIL = SQLERRM, HINT = format('Give a value of type %s (now %s).', field_type, value);
                END;
                what_if := coalesce(what_if, 'null');
                RETURN NEXT;
            END LOOP;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.checked_input_overrides(integer, jsonb) IS
'The input overrides of a what-if {"<input table>": [{"key": {<key columns>}, "set": {<column>: value}}, ...]} as one row per value (relation, the row''s key, body, column and type, the value the row holds, the value given as jsonb and as text), checked as perf_eval.record_verification checks a verification: 22023 for a table that is not an input relation or has no primary key, a malformed override, a row of another year, a value given twice or not of the column''s type; P0002 (21000) when the key names no row (several rows); 42703 when the column is not a value column (perf_eval.input_value_column)';

CREATE FUNCTION perf_eval.what_if(year integer, methodology text, overrides jsonb DEFAULT '{}', note text DEFAULT NULL,
                                  inputs jsonb DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    new_run bigint := nextval(pg_get_serial_sequence('perf_eval.run', 'run_id'));
    fork text;
    started timestamptz := clock_timestamp();
    input_changes jsonb;
    o record;
    digest text;
    tree jsonb;
    computed boolean := false;
BEGIN
    IF year IS NULL THEN
        RAISE EXCEPTION 'a what-if needs a year' USING ERRCODE = '22004', HINT = 'SELECT perf_eval.what_if(2020, ''kz2020'', ''{"key": value}'').';
    END IF;
    SELECT jsonb_agg(jsonb_build_object('relation', c.relation::text, 'key', c.row_key, 'body', c.body, 'field', c.field,
                                        'field_type', c.field_type, 'value', c.value, 'what_if', c.what_if, 'what_if_text', c.what_if_text)
                     ORDER BY c.relation::text, c.row_key::text, c.field)
    INTO input_changes FROM perf_eval.checked_input_overrides(year, inputs) AS c;
    fork := perf_eval.scratch_fork(v, overrides, 'what_if_' || new_run);
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.recalculate'), year);
    -- The monthly states brought up to date, the input overrides and the
    -- computation, undone together (the registries' dirty marks stay): the
    -- tree leaves the subtransaction in a variable; PEW01 is raised here only.
    BEGIN
        PERFORM perf_eval.refresh_monthly_tallies(year);
        -- One update per row, so that the table's checks see its values together.
        FOR o IN SELECT c.relation, c.key, string_agg(format('%I = %L::%s', c.field, c.what_if_text, c.field_type), ', ') AS sets
                 FROM jsonb_to_recordset(coalesce(input_changes, '[]'))
                      AS c(relation regclass, key jsonb, field text, field_type text, what_if_text text)
                 GROUP BY c.relation, c.key LOOP
            EXECUTE format('UPDATE %s AS t SET %s WHERE pg_catalog.to_jsonb(t) @> $1', o.relation, o.sets) USING o.key;
        END LOOP;
        digest := perf_eval.inputs_digest(what_if.year, v);
        CALL perf_eval.compute_work(year, fork, perf_eval.param_text(fork, 'policy.clamp'));
        SELECT jsonb_agg(jsonb_build_object('body', w.body, 'node', w.node, 'value', trim_scale(w.value),
                                            'raw_value', trim_scale(w.raw_value), 'origin', w.origin, 'superseded', w.superseded,
                                            'reason', w.reason, 'explanation', w.explanation,
                                            'zone', CASE WHEN n.level = 'block' AND w.value IS NOT NULL
                                                         THEN perf_eval.efficiency_zone(w.value, fork) END))
        INTO tree FROM pg_temp.pe_work AS w JOIN perf_eval.score_node AS n ON n.code = w.node;
        computed := true;
        RAISE EXCEPTION 'what-if % computed', new_run
            USING ERRCODE = 'PEW01', HINT = 'Raised and caught inside perf_eval.what_if to undo its input overrides.';
    EXCEPTION WHEN SQLSTATE 'PEW01' THEN
        IF NOT computed THEN
            RAISE;
        END IF;
    END;
    INSERT INTO perf_eval.scratch_run (run_id, year, methodology, overrides, parameters, note, inputs_digest, started_at,
                                       bodies_scored, nodes_scored, inputs)
    SELECT new_run, what_if.year, v, overrides,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('key', c.key, 'value', c.version_value, 'what_if', c.value) ORDER BY c.key), '[]')
            FROM perf_eval.checked_overrides(v, overrides) AS c),
           what_if.note, digest, started,
           (SELECT count(DISTINCT t.body) FROM jsonb_to_recordset(tree) AS t(body text)), coalesce(jsonb_array_length(tree), 0),
           (SELECT jsonb_agg(c - 'field_type' - 'what_if_text') FROM jsonb_array_elements(input_changes) AS c);
    INSERT INTO perf_eval.scratch_score (run_id, body, node, value, raw_value, origin, superseded, status, reason, zone, explanation)
    SELECT new_run, t.body, t.node, t.value, t.raw_value, t.origin, t.superseded,
           CASE WHEN t.value IS NULL THEN 'not_assessable' ELSE 'ok' END, t.reason, t.zone,
           jsonb_build_object('node', t.node, 'body', t.body, 'year', what_if.year, 'methodology', v, 'what_if', new_run,
                              'overrides', overrides)
           || coalesce((SELECT jsonb_build_object('input_overrides', jsonb_agg(c - 'body' - 'field_type' - 'what_if_text'))
                        FROM jsonb_array_elements(input_changes) AS c WHERE c ->> 'body' = t.body HAVING count(*) > 0), '{}')
           || t.explanation
    FROM jsonb_to_recordset(tree) AS t(body text, node text, value numeric, raw_value numeric, origin text, superseded boolean,
                                       reason text, zone text, explanation jsonb);
    PERFORM perf_eval.drop_scratch_fork(fork);
    RETURN new_run;
END
$$;
COMMENT ON FUNCTION perf_eval.what_if(integer, text, jsonb, text, jsonb) IS
'Computes a year under a methodology (NULL: the default) with parameter overrides {"key": value, ...} and input overrides {"<input table>": [{"key": {<key columns>}, "set": {<column>: value}}, ...]} as a what-if run that is never official (perf_eval.scratch_run, perf_eval.scratch_score) and returns its run id; the overrides are checked as methodology editing checks a fork, the input overrides as a verification is (perf_eval.checked_input_overrides), 22023 naming the problem; the input rows are changed only inside a subtransaction that is rolled back once the tree is computed, so no input, input history row or registry dirty mark changes; compare it with perf_eval.compare_runs, remove it with perf_eval.drop_what_if';

CREATE FUNCTION perf_eval.drop_what_if(run_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM perf_eval.scratch_run AS s WHERE s.run_id = drop_what_if.run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % is not a what-if run', coalesce(run_id::text, '(none)')
            USING ERRCODE = '22023',
                  HINT = 'perf_eval.scratch_run lists the what-if runs; official runs (perf_eval.run) are never deleted.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.drop_what_if(bigint) IS
'Deletes a what-if run and its scores; refuses (22023) any other run id: official runs are append-only';

-- What-ifs are a design tool of the administrators: they read inputs of
-- every body (restricted ones included) and change no official record.
ALTER TABLE perf_eval.scratch_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY scratch_run_admin ON perf_eval.scratch_run TO perf_eval_admin USING (true) WITH CHECK (true);
ALTER TABLE perf_eval.scratch_score ENABLE ROW LEVEL SECURITY;
CREATE POLICY scratch_score_admin ON perf_eval.scratch_score TO perf_eval_admin USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON perf_eval.scratch_run, perf_eval.scratch_score TO perf_eval_admin;
-- Readers may name the tables (perf_eval.compare_runs reads them) but see no row.
GRANT SELECT ON perf_eval.scratch_run, perf_eval.scratch_score TO perf_eval_reader;
REVOKE EXECUTE ON FUNCTION perf_eval.what_if(integer, text, jsonb, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.what_if(integer, text, jsonb, text, jsonb) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.checked_input_overrides(integer, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.checked_input_overrides(integer, jsonb) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.drop_what_if(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.drop_what_if(bigint) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.drop_scratch_fork(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.drop_scratch_fork(text) TO perf_eval_admin;
