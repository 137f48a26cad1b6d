-- =========================================================================
-- Section: editing methodologies: forks, edits and the validation of a
-- parameter set (METHODOLOGY §0.5, §2.7); shipped versions are read-only
-- (their triggers are in 20_methodology.sql)
-- =========================================================================

-- Names that a parameter may take (METHODOLOGY §2.7 "policy and variant names are known").
CREATE TABLE perf_eval.param_choice (
    key      text PRIMARY KEY,
    allowed  text[] NOT NULL
);
COMMENT ON COLUMN perf_eval.param_choice.key IS 'Parameter name (methodology_param.key) whose value is a name';
COMMENT ON COLUMN perf_eval.param_choice.allowed IS 'The names the parameter may take';
COMMENT ON TABLE perf_eval.param_choice IS 'The known names of name-valued parameters (docs/methodology.md §2.7)';
INSERT INTO perf_eval.param_choice VALUES
('policy.clamp',                  ARRAY['none', 'floor0', 'floor0_capk']),
('policy.zero_volume',            ARRAY['null', 'full_points']),
('zone.basis',                    ARRAY['unrounded', 'display']),
('goals.bp_split.basis',          ARRAY['fixed', 'funds']),
('hr.turnover.variant',           ARRAY['printed', 'continuous', 'threshold_009']),
('services.mode',                 ARRAY['supplied', 'computed']),
('openness.mode',                 ARRAY['supplied', 'computed']),
('orgdev.mode',                   ARRAY['supplied', 'computed']),
('goals.csb.strategic_basis',     ARRAY['goals', 'indicators']),
('goals.leb.strategic_basis',     ARRAY['goals', 'indicators']),
('goals.leb.ppb_applies_to',      ARRAY['budget_component']),
('cs.regime',                     ARRAY['m2018', 'draft_kef']);

-- Criterion maxima that must add up to their parent's maximum (METHODOLOGY §2.7).
-- A rule applies when the version defines applies_when; 'a|b' takes the first
-- of the keys the version defines; bonuses and deductions are not listed.
CREATE TABLE perf_eval.param_sum_rule (
    rule         text PRIMARY KEY,
    applies_when text NOT NULL,
    parts        text[] NOT NULL,
    total_key    text NOT NULL
);
COMMENT ON COLUMN perf_eval.param_sum_rule.rule IS 'Name of the rule';
COMMENT ON COLUMN perf_eval.param_sum_rule.applies_when IS 'Parameter key whose presence in a version makes the rule apply';
COMMENT ON COLUMN perf_eval.param_sum_rule.parts IS 'Keys of the criterion maxima that must add up (''a|b'' takes the first key the version defines)';
COMMENT ON COLUMN perf_eval.param_sum_rule.total_key IS 'Key of the maximum of the parent direction or block that the parts must equal';
COMMENT ON TABLE perf_eval.param_sum_rule IS 'Criterion maxima that add up to the maximum of their direction or block (docs/methodology.md §2.7)';
INSERT INTO perf_eval.param_sum_rule VALUES
('complaints direction', 'complaints.r1.k',
 ARRAY['complaints.r1.k', 'complaints.one_time_acceptance.pts', 'complaints.r2.k', 'complaints.r3.k',
       'complaints.internal_audit.pts|complaints.r4.max'], 'node.max'),
('goals block (CSB)', 'goals.csb.pts_strategic',
 ARRAY['goals.csb.pts_strategic', 'goals.csb.pts_bp_efficiency', 'goals.csb.pts_goal_bp_link',
       'goals.csb.pts_citizens_budget'], 'node.max'),
('goals block (LEB)', 'goals.leb.pts_strategic',
 ARRAY['goals.leb.pts_strategic', 'goals.leb.pts_violations', 'goals.leb.pts_direct_results',
       'goals.leb.pts_bp_efficiency', 'goals.leb.pts_citizens_budget'], 'node.max'),
('services direction (CSB)', 'services.csb.pts_p1',
 ARRAY['services.csb.pts_p1', 'services.csb.pts_p2', 'services.csb.pts_t1', 'services.csb.pts_t2',
       'services.csb.pts_t3', 'services.csb.pts_t4', 'services.csb.pts_k3'], 'node.max'),
('services direction (LEB)', 'services.leb.pts_p1',
 ARRAY['services.leb.pts_p1', 'services.leb.pts_p2', 'services.leb.pts_t1', 'services.leb.pts_t2',
       'services.leb.pts_t3', 'services.leb.pts_t4'], 'node.max'),
('satisfaction direction (apa)', 'services.apa.s_pts_satisfaction',
 ARRAY['services.apa.s_pts_satisfaction', 'services.apa.s_pts_appeal'], 'node.max'),
('services direction (apa)', 'services.apa.pts_deadlines',
 ARRAY['services.apa.pts_deadlines', 'services.csb.pts_k3'], 'node.max'),
('HR direction', 'hr.pts_k',
 ARRAY['hr.pts_k', 'hr.pts_o', 'hr.pts_m'], 'node.max'),
('HR potential K', 'hr.pts_exit_interview',
 ARRAY['hr.pts_turnover_stability|hr.turnover.pts', 'hr.pts_stability', 'hr.pts_exit_interview',
       'hr.pts_gender', 'hr.pts_quality'], 'hr.pts_k'),
('HR labour organisation O', 'hr.pts_normalisation',
 ARRAY['hr.pts_normalisation', 'hr.pts_satisfaction', 'hr.pts_management', 'hr.training.k'], 'hr.pts_o'),
('IT direction', 'it.pts_portal',
 ARRAY['it.pts_portal', 'it.pts_integration', 'it.pts_relevance', 'it.pts_automation'], 'node.max');

-- Structural changes of a fork's score tree (docs/methodology.md §2.8): a
-- node excluded, a node's maximum changed (its computed value is scaled to
-- it), a criterion added whose value the assessor supplies. The nodes are
-- those of perf_eval.score_node (50_score_nodes.sql; the functions that
-- write these rows, 53_structural_forks.sql, check the codes).
CREATE TABLE perf_eval.methodology_node_change (
    methodology  text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    node         text NOT NULL,
    kind         text CHECK (kind IN ('CSB', 'LEB')),
    change       text NOT NULL CHECK (change IN ('exclude', 'maximum', 'add_supplied')),
    maximum      numeric CHECK (maximum >= 0 AND maximum < 'Infinity'),
    source       text NOT NULL CHECK (source <> ''),
    note         text,
    changed_by   name NOT NULL DEFAULT current_user,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (methodology, node, kind),
    CHECK ((change = 'exclude') = (maximum IS NULL)),
    CHECK (change = 'maximum' OR kind IS NULL)
);
COMMENT ON COLUMN perf_eval.methodology_node_change.methodology IS 'The user methodology (fork) whose score tree changes';
COMMENT ON COLUMN perf_eval.methodology_node_change.node IS 'Code of the node (perf_eval.score_node.code)';
COMMENT ON COLUMN perf_eval.methodology_node_change.kind IS 'Body kind (CSB, LEB) a maximum applies to; NULL for every kind';
COMMENT ON COLUMN perf_eval.methodology_node_change.change IS 'exclude (the node and its descendants are not computed, and their parent combines the others) | maximum (the node''s maximum becomes maximum; a computed value is scaled to it) | add_supplied (a criterion added by the fork, worth up to maximum, whose value the assessor supplies)';
COMMENT ON COLUMN perf_eval.methodology_node_change.maximum IS 'The node''s maximum in points under the methodology (NULL for exclude)';
COMMENT ON COLUMN perf_eval.methodology_node_change.source IS 'Why: the document and section the change follows, or who decided it and when';
COMMENT ON COLUMN perf_eval.methodology_node_change.note IS 'Free-text note on the change';
COMMENT ON COLUMN perf_eval.methodology_node_change.changed_by IS 'Database role that made the change';
COMMENT ON COLUMN perf_eval.methodology_node_change.changed_at IS 'When the change was made';
COMMENT ON TABLE perf_eval.methodology_node_change IS
'Structural changes of a user methodology''s score tree: excluded nodes, changed maxima, criteria added with a supplied value (docs/methodology.md §2.8); forks copy them, shipped versions have none';
CREATE TRIGGER shipped_node_changes_read_only BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.methodology_node_change
FOR EACH ROW EXECUTE FUNCTION perf_eval.shipped_methodology_is_read_only();
SELECT pg_catalog.pg_extension_config_dump('perf_eval.methodology_node_change', '');

-- Checks of a methodology beyond its parameters, registered by the parts
-- that own what they check (e.g. the score tree, 53_structural_forks.sql):
-- validate_methodology lists their problems with its own.
CREATE TABLE perf_eval.methodology_checker (
    name         text PRIMARY KEY,
    checker      regproc NOT NULL,
    description  text NOT NULL
);
COMMENT ON COLUMN perf_eval.methodology_checker.name IS 'Name of the check';
COMMENT ON COLUMN perf_eval.methodology_checker.checker IS 'Function (methodology text) RETURNS TABLE (key text, problem text): the problems it finds, none for a valid methodology';
COMMENT ON COLUMN perf_eval.methodology_checker.description IS 'What the check checks';
COMMENT ON TABLE perf_eval.methodology_checker IS
'Checks of a methodology that perf_eval.validate_methodology runs besides its checks of the parameter set (docs/methodology.md §2.7)';

-- The problems every registered checker finds.
CREATE FUNCTION perf_eval.registered_methodology_problems(methodology text)
RETURNS TABLE (key text, problem text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT k.checker FROM perf_eval.methodology_checker AS k ORDER BY k.name LOOP
        RETURN QUERY EXECUTE format('SELECT x.key, x.problem FROM %s($1) AS x', c.checker) USING methodology;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.registered_methodology_problems(text) IS
'The problems of a methodology that the checkers of perf_eval.methodology_checker find (e.g. the score tree of a fork: docs/methodology.md §2.7, §2.8)';

CREATE FUNCTION perf_eval.validate_methodology(methodology text)
RETURNS TABLE (key text, problem text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE params AS (
        SELECT p.key, p.value, p.value_kind FROM perf_eval.methodology_param AS p WHERE p.methodology = $1
    ),
    ancestry AS (
        SELECT m.name, m.based_on, m.shipped FROM perf_eval.methodology AS m WHERE m.name = $1
        UNION ALL
        SELECT m.name, m.based_on, m.shipped FROM perf_eval.methodology AS m JOIN ancestry AS a ON m.name = a.based_on
        WHERE NOT a.shipped
    ),
    shipped_root AS (SELECT a.name FROM ancestry AS a WHERE a.shipped LIMIT 1),
    num AS (SELECT p.key, p.value::numeric AS value FROM params AS p WHERE p.value_kind = 'number'),
    weight_group AS (
        SELECT regexp_replace(n.key, '\.w_[a-z_]+$', '') AS prefix, sum(n.value) AS total,
               string_agg(n.key, ', ' ORDER BY n.key) AS keys
        FROM num AS n WHERE n.key ~ '\.w_[a-z_]+$' GROUP BY 1
    ),
    rule_sum AS (
        SELECT r.rule, r.total_key, t.value AS total,
               sum((SELECT n.value FROM unnest(string_to_array(part, '|')) WITH ORDINALITY AS alt(k, i)
                    JOIN num AS n ON n.key = alt.k ORDER BY alt.i LIMIT 1)) AS parts_total
        FROM perf_eval.param_sum_rule AS r
        CROSS JOIN LATERAL unnest(r.parts) AS part
        JOIN num AS t ON t.key = r.total_key
        WHERE EXISTS (SELECT 1 FROM params AS p WHERE p.key = r.applies_when)
        GROUP BY r.rule, r.total_key, t.value
    ),
    problems AS (
        SELECT NULL::text AS key, 'unknown methodology'::text AS problem
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = $1)
        UNION ALL
        SELECT sp.key, 'missing parameter (defined in ' || r.name || ')'
        FROM shipped_root AS r JOIN perf_eval.methodology_param AS sp ON sp.methodology = r.name
        WHERE NOT EXISTS (SELECT 1 FROM params AS p WHERE p.key = sp.key)
        UNION ALL
        SELECT g.keys, format('weights must sum to exactly 1, not %s', g.total)
        FROM weight_group AS g WHERE g.total <> 1
        UNION ALL
        SELECT 'zone.high_min, zone.medium_min, zone.low_min', 'zone thresholds must satisfy high_min > medium_min > low_min'
        FROM num AS h, num AS m, num AS l
        WHERE h.key = 'zone.high_min' AND m.key = 'zone.medium_min' AND l.key = 'zone.low_min'
          AND NOT (h.value > m.value AND m.value > l.value)
        UNION ALL
        SELECT p.key, 'invalid scale: ' || perf_eval.scale_definition_error(p.value)
        FROM params AS p WHERE p.value_kind = 'scale' AND perf_eval.scale_definition_error(p.value) IS NOT NULL
        UNION ALL
        SELECT p.key, 'invalid bands: ' || perf_eval.bands_definition_error(p.value)
        FROM params AS p WHERE p.value_kind = 'bands' AND perf_eval.bands_definition_error(p.value) IS NOT NULL
        UNION ALL
        SELECT n.key, 'must not be negative' FROM num AS n WHERE n.value < 0
        UNION ALL
        SELECT s.rule || ': ' || s.total_key,
               format('criterion maxima sum to %s, not %s', s.parts_total, s.total)
        FROM rule_sum AS s WHERE s.parts_total <> s.total
        UNION ALL
        SELECT p.key, format('unknown name "%s" (known: %s)', p.value, array_to_string(c.allowed, ', '))
        FROM params AS p JOIN perf_eval.param_choice AS c ON c.key = p.key
        WHERE p.value <> ALL (c.allowed)
        UNION ALL
        SELECT x.key, x.problem FROM perf_eval.registered_methodology_problems($1) AS x
        WHERE EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = $1)
    )
    SELECT * FROM problems ORDER BY 1, 2
$$;
COMMENT ON FUNCTION perf_eval.validate_methodology(text) IS
'Every problem of a methodology''s parameter set: missing keys (against its shipped ancestor), weights not summing to 1, zone order, invalid scales or bands, negative points, criterion maxima not adding up, unknown names; and those of the registered checkers (perf_eval.methodology_checker: a fork''s score tree) (docs/methodology.md §2.7, §2.8)';

CREATE FUNCTION perf_eval.check_methodology(methodology text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    first_problem record;
    problems bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.validate_methodology(methodology);
    IF problems = 0 THEN
        RETURN;
    END IF;
    SELECT * INTO first_problem FROM perf_eval.validate_methodology(methodology) LIMIT 1;
    RAISE EXCEPTION 'methodology "%" is invalid: %', methodology,
                    coalesce(first_problem.key || ': ', '') || first_problem.problem
        USING ERRCODE = '22023',
              DETAIL = format('%s problem(s); SELECT * FROM perf_eval.validate_methodology(%L) lists them.',
                              problems, methodology),
              HINT = 'docs/methodology.md §2.7 says what a valid parameter set is.';
END
$$;
COMMENT ON FUNCTION perf_eval.check_methodology(text) IS 'Raises 22023 naming the first problem of an invalid methodology (docs/methodology.md §2.7)';

CREATE FUNCTION perf_eval.fork_methodology(source text, new_name text, title text DEFAULT NULL,
                                           description text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = source) THEN
        RAISE EXCEPTION 'unknown methodology "%"', source USING ERRCODE = '22023';
    END IF;
    INSERT INTO perf_eval.methodology (name, title, description, based_on)
    SELECT new_name, coalesce(fork_methodology.title, m.title || ' (fork)'),
           coalesce(fork_methodology.description, 'Fork of ' || m.name), m.name
    FROM perf_eval.methodology AS m WHERE m.name = source;
    INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note)
    SELECT new_name, p.key, p.value, p.value_kind, p.provenance, p.source_document, p.source, p.note
    FROM perf_eval.methodology_param AS p WHERE p.methodology = fork_methodology.source;
    INSERT INTO perf_eval.methodology_node_change (methodology, node, kind, change, maximum, source, note, changed_by, changed_at)
    SELECT new_name, c.node, c.kind, c.change, c.maximum, c.source, c.note, c.changed_by, c.changed_at
    FROM perf_eval.methodology_node_change AS c WHERE c.methodology = fork_methodology.source;
    RETURN new_name;
END
$$;
COMMENT ON FUNCTION perf_eval.fork_methodology(text, text, text, text) IS
'Copies a methodology with all its parameters (and their provenance) and the structural changes of its score tree under a new name that users may edit (docs/methodology.md §0.5, §2.8)';

CREATE FUNCTION perf_eval.set_param(methodology text, key text, value text,
                                    source text DEFAULT NULL, note text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE perf_eval.methodology_param AS p
    SET value = set_param.value,
        provenance = 'assumed',
        source_document = NULL,
        source = coalesce(set_param.source, 'edited by ' || current_user || ' on ' || current_date),
        note = coalesce(set_param.note, p.note)
    WHERE p.methodology = set_param.methodology AND p.key = set_param.key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'methodology "%" has no parameter "%"', methodology, key
            USING ERRCODE = '22023', HINT = 'Fork a version first; parameters are listed in perf_eval.methodology_param.';
    END IF;
    PERFORM perf_eval.check_methodology(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.set_param(text, text, text, text, text) IS
'Changes a parameter of a user methodology (provenance becomes assumed, the source records who and when, source_document becomes NULL) and rejects the change with 22023 if the set becomes invalid (docs/methodology.md §2.7)';

GRANT SELECT ON perf_eval.param_choice, perf_eval.param_sum_rule TO perf_eval_reader, perf_eval_submitter;
GRANT SELECT ON perf_eval.methodology_node_change, perf_eval.methodology_checker TO perf_eval_reader, perf_eval_submitter;
GRANT INSERT, UPDATE, DELETE ON perf_eval.methodology_node_change TO perf_eval_admin;
