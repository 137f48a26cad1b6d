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
    nodes_scored    integer NOT NULL
);
COMMENT ON COLUMN perf_eval.scratch_run.run_id IS 'Identifier of the what-if, drawn from the run log''s sequence (never the id of an official run)';
COMMENT ON COLUMN perf_eval.scratch_run.year IS 'Assessed year computed';
COMMENT ON COLUMN perf_eval.scratch_run.methodology IS 'Methodology version the overrides were applied to (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.scratch_run.overrides IS 'The parameter overrides as given: {"key": value, ...}';
COMMENT ON COLUMN perf_eval.scratch_run.parameters IS 'Each overridden parameter with the version''s value and the value used: [{key, value, what_if}, ...]';
COMMENT ON COLUMN perf_eval.scratch_run.note IS 'Free-text note of whoever ran the what-if';
COMMENT ON COLUMN perf_eval.scratch_run.inputs_digest IS 'Digest of the inputs of the year under the version when the what-if was computed (perf_eval.inputs_digest); equal to an official run''s digest means the same inputs';
COMMENT ON COLUMN perf_eval.scratch_run.started_at IS 'When the computation started';
COMMENT ON COLUMN perf_eval.scratch_run.finished_at IS 'When it finished';
COMMENT ON COLUMN perf_eval.scratch_run.started_by IS 'Session role that ran the what-if';
COMMENT ON COLUMN perf_eval.scratch_run.bodies_scored IS 'Number of bodies with at least one score (count)';
COMMENT ON COLUMN perf_eval.scratch_run.nodes_scored IS 'Number of score rows (count)';
COMMENT ON TABLE perf_eval.scratch_run IS
'What-if runs (perf_eval.what_if): a year computed under a methodology with parameter overrides; never official, in no result or published view, removable with perf_eval.drop_what_if';

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
COMMENT ON COLUMN perf_eval.scratch_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4), the overridden parameters marked';
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

CREATE FUNCTION perf_eval.what_if(year integer, methodology text, overrides jsonb, note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    new_run bigint := nextval(pg_get_serial_sequence('perf_eval.run', 'run_id'));
    fork text;
    started timestamptz := clock_timestamp();
BEGIN
    IF year IS NULL THEN
        RAISE EXCEPTION 'a what-if needs a year' USING ERRCODE = '22004', HINT = 'SELECT perf_eval.what_if(2020, ''kz2020'', ''{"key": value}'').';
    END IF;
    fork := perf_eval.scratch_fork(v, overrides, 'what_if_' || new_run);
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.recalculate'), year);
    PERFORM perf_eval.refresh_monthly_tallies(year);
    CALL perf_eval.compute_work(year, fork, perf_eval.param_text(fork, 'policy.clamp'));
    INSERT INTO perf_eval.scratch_run (run_id, year, methodology, overrides, parameters, note, inputs_digest, started_at,
                                       bodies_scored, nodes_scored)
    SELECT new_run, what_if.year, v, overrides,
           (SELECT jsonb_agg(jsonb_build_object('key', o.key, 'value', o.version_value, 'what_if', o.value) ORDER BY o.key)
            FROM perf_eval.checked_overrides(v, overrides) AS o),
           what_if.note, perf_eval.inputs_digest(what_if.year, v), started,
           (SELECT count(DISTINCT w.body) FROM pg_temp.pe_work AS w), (SELECT count(*) FROM pg_temp.pe_work);
    INSERT INTO perf_eval.scratch_score (run_id, body, node, value, raw_value, origin, superseded, status, reason, zone, explanation)
    SELECT new_run, w.body, w.node, trim_scale(w.value), trim_scale(w.raw_value), w.origin, w.superseded,
           CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END, w.reason,
           CASE WHEN n.level = 'block' AND w.value IS NOT NULL THEN perf_eval.efficiency_zone(w.value, fork) END,
           jsonb_build_object('node', w.node, 'body', w.body, 'year', what_if.year, 'methodology', v, 'what_if', new_run,
                              'overrides', overrides)
           || w.explanation
    FROM pg_temp.pe_work AS w JOIN perf_eval.score_node AS n ON n.code = w.node;
    DROP TABLE pg_temp.pe_work;
    PERFORM perf_eval.drop_scratch_fork(fork);
    RETURN new_run;
END
$$;
COMMENT ON FUNCTION perf_eval.what_if(integer, text, jsonb, text) IS
'Computes a year under a methodology (NULL: the default) with parameter overrides {"key": value, ...} as a what-if run that is never official (perf_eval.scratch_run, perf_eval.scratch_score) and returns its run id; the overrides are checked as methodology editing checks a fork (22023 naming the problem); compare it with perf_eval.compare_runs, remove it with perf_eval.drop_what_if';

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
REVOKE EXECUTE ON FUNCTION perf_eval.what_if(integer, text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.what_if(integer, text, jsonb, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.drop_what_if(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.drop_what_if(bigint) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.drop_scratch_fork(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.drop_scratch_fork(text) TO perf_eval_admin;
