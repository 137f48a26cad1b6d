-- =========================================================================
-- Section: structural forks (METHODOLOGY §2.7; docs/methodology.md §2.8)
--
-- A user methodology (a fork) may change its score tree without code: leave
-- a criterion or a direction out, change a node's maximum or a direction's
-- weight, add a criterion whose value the assessor supplies. The changes are
-- rows of perf_eval.methodology_node_change (22_methodology_editing.sql),
-- written only by the functions below, which refuse (22023) a tree whose
-- maxima or weights no longer add up, naming the nodes. The engine
-- (perf_eval.roll_up_nodes, 56_recalculate.sql) leaves the nodes out and
-- scales the changed maxima; the context digest includes the changes.
-- =========================================================================

-- The nodes that do not count in a version: those it excludes and their
-- descendants, and the criteria other versions added.
CREATE FUNCTION perf_eval.inactive_nodes(methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE gone(code) AS (
        (SELECT c.node FROM perf_eval.methodology_node_change AS c
         WHERE c.methodology = $1 AND c.change = 'exclude'
         UNION
         SELECT n.code FROM perf_eval.score_node AS n
         WHERE n.added_in IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology_node_change AS c
                           WHERE c.methodology = $1 AND c.node = n.code AND c.change = 'add_supplied'))
        UNION
        SELECT n.code FROM gone JOIN perf_eval.score_node AS n ON n.parent = gone.code
    )
    SELECT g.code FROM gone AS g
$$;
COMMENT ON FUNCTION perf_eval.inactive_nodes(text) IS
'The nodes that do not count in a methodology: those its structural changes exclude, with their descendants, and criteria added by other versions (docs/methodology.md §2.8)';

-- A node's maximum as the version's parameters give it, without the
-- version's structural changes.
CREATE FUNCTION perf_eval.node_parameter_maximum(node text, methodology text, kind text)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.value::numeric
    FROM perf_eval.score_node AS n
    JOIN perf_eval.methodology_param AS p ON p.methodology = $2 AND p.key = replace(n.max_key, '{kind}', lower($3))
    WHERE n.code = $1 AND n.added_in IS NULL
$$;
COMMENT ON FUNCTION perf_eval.node_parameter_maximum(text, text, text) IS
'The maximum of a node for a body kind as the methodology''s parameters give it (its max_key), before the structural changes of the version; NULL for a node a fork added or one the version lacks';

-- The factor by which a computed value is scaled when the version changed
-- the node's maximum: new maximum / parameter maximum (NULL: no change).
CREATE FUNCTION perf_eval.node_rescale_factor(node text, methodology text, kind text)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.node_maximum($1, $2, $3) / nullif(perf_eval.node_parameter_maximum($1, $2, $3), 0)
    WHERE EXISTS (SELECT 1 FROM perf_eval.methodology_node_change AS c
                  WHERE c.methodology = $2 AND c.node = $1 AND c.change = 'maximum')
$$;
COMMENT ON FUNCTION perf_eval.node_rescale_factor(text, text, text) IS
'For a node whose maximum a fork changed: new maximum / the parameter maximum, the factor its computed value is scaled by (docs/methodology.md §2.8); NULL otherwise';

-- The positive terms of a sum node (what its maximum is made of: not
-- deductions, penalties or factors), with their maxima for a kind: as the
-- version has them (counted = true: those that count) and as its parameters
-- alone give them (the shipped tree).
CREATE FUNCTION perf_eval.node_term_maxima(parent text, methodology text, kind text)
RETURNS TABLE (node text, counted boolean, maximum numeric, parameter_maximum numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ch.code, ch.code NOT IN (SELECT perf_eval.inactive_nodes($2)),
           perf_eval.node_maximum(ch.code, $2, $3), perf_eval.node_parameter_maximum(ch.code, $2, $3)
    FROM perf_eval.score_node AS ch
    WHERE ch.parent = $1 AND ch.sign = 1 AND ch.role = 'term'
$$;
COMMENT ON FUNCTION perf_eval.node_term_maxima(text, text, text) IS
'The positive terms of a sum node for a body kind, whether they count in the methodology, their maximum in it and their parameter maximum (docs/methodology.md §2.8)';

-- The score tree of a fork (registered in perf_eval.methodology_checker):
-- every node a change names exists and counts; an excluded child of a
-- weighted node keeps no weight; the maxima of the positive terms of every
-- sum node the version changes keep the relation to its maximum that the
-- parameters give (100 = 40 + 30 + 20 + 10 for H): what a term loses,
-- others or the parent's maximum must lose too.
CREATE FUNCTION perf_eval.validate_methodology_tree(methodology text)
RETURNS TABLE (key text, problem text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH change AS (
        SELECT c.* FROM perf_eval.methodology_node_change AS c WHERE c.methodology = $1
    ),
    inactive AS (SELECT i AS code FROM perf_eval.inactive_nodes($1) AS i),
    kinds(kind) AS (VALUES ('CSB'), ('LEB')),
    touched AS (
        SELECT DISTINCT n.code
        FROM change AS c JOIN perf_eval.score_node AS ch ON ch.code = c.node
        JOIN perf_eval.score_node AS n ON n.code IN (ch.parent, ch.code)
        WHERE n.combine = 'sum' AND n.code NOT IN (SELECT i.code FROM inactive AS i)
    ),
    sums AS (
        SELECT t.code, k.kind,
               sum(m.maximum) FILTER (WHERE m.counted) AS children,
               sum(m.parameter_maximum) AS parameter_children,
               string_agg(m.node || ' ' || m.maximum, ', ' ORDER BY m.node) FILTER (WHERE m.counted) AS listed,
               perf_eval.node_maximum(t.code, $1, k.kind) AS maximum,
               perf_eval.node_parameter_maximum(t.code, $1, k.kind) AS parameter_maximum
        FROM touched AS t CROSS JOIN kinds AS k
        CROSS JOIN LATERAL perf_eval.node_term_maxima(t.code, $1, k.kind) AS m
        GROUP BY t.code, k.kind
    )
    SELECT c.node, 'unknown node (perf_eval.score_node lists the nodes)'
    FROM change AS c WHERE NOT EXISTS (SELECT 1 FROM perf_eval.score_node AS n WHERE n.code = c.node)
    UNION ALL
    SELECT c.node, format('the version changes the maximum of a node it leaves out (%s)', c.change)
    FROM change AS c JOIN inactive AS i ON i.code = c.node WHERE c.change <> 'exclude'
    UNION ALL
    SELECT n.code || ' (' || p.key || ')', format('excluded but still weighted %s; its weight must be 0', p.value)
    FROM change AS c
    JOIN perf_eval.score_node AS n ON n.code = c.node AND c.change = 'exclude'
    JOIN perf_eval.score_node AS parent ON parent.code = n.parent AND parent.combine = 'weighted'
    CROSS JOIN kinds AS k
    JOIN perf_eval.methodology_param AS p ON p.methodology = $1 AND p.key = replace(n.weight_key, '{kind}', lower(k.kind))
    WHERE CASE WHEN p.value_kind = 'number' THEN p.value::numeric END <> 0
    UNION ALL
    SELECT s.code || ' (' || s.kind || ')',
           format('the maxima of its children (%s) sum to %s; with its maximum %s they must sum to %s, as its parameters have them (%s of %s)',
                  coalesce(s.listed, 'none'), coalesce(s.children, 0), s.maximum,
                  s.parameter_children - s.parameter_maximum + s.maximum, s.parameter_children, s.parameter_maximum)
    FROM sums AS s
    WHERE s.maximum IS NOT NULL AND s.parameter_children IS NOT NULL
      AND coalesce(s.children, 0) - s.maximum <> s.parameter_children - s.parameter_maximum
$$;
COMMENT ON FUNCTION perf_eval.validate_methodology_tree(text) IS
'The problems of a methodology''s score tree: changes naming unknown nodes or nodes it leaves out, excluded children of a weighted node still weighted, sum nodes whose counted children''s maxima no longer add up to their maximum as the parameters have them (docs/methodology.md §2.7, §2.8)';

INSERT INTO perf_eval.methodology_checker VALUES
('score tree', 'perf_eval.validate_methodology_tree',
 'Structural changes of a fork: known nodes that count, no weight on an excluded node, maxima that add up (docs/methodology.md §2.8)');

-- ---------------------------------------------------------------------------
-- Editing the tree of a fork
-- ---------------------------------------------------------------------------

-- The node a structural change names, in a user methodology that has it.
CREATE FUNCTION perf_eval.fork_node(methodology text, node text)
RETURNS perf_eval.score_node
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n perf_eval.score_node;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = fork_node.methodology) THEN
        RAISE EXCEPTION 'unknown methodology "%"', methodology
            USING ERRCODE = '22023', HINT = 'The versions are listed in perf_eval.methodology; fork one with perf_eval.fork_methodology.';
    END IF;
    IF (SELECT m.shipped FROM perf_eval.methodology AS m WHERE m.name = fork_node.methodology) THEN
        RAISE EXCEPTION 'methodology "%" is shipped and read-only', methodology
            USING ERRCODE = '22023',
                  HINT = format('Fork it: SELECT perf_eval.fork_methodology(%L, %L);', methodology, methodology || '_draft');
    END IF;
    SELECT * INTO n FROM perf_eval.score_node AS s WHERE s.code = fork_node.node;
    IF NOT FOUND OR fork_node.node IN (SELECT perf_eval.inactive_nodes(fork_node.methodology)) THEN
        RAISE EXCEPTION 'methodology "%" has no node "%"', methodology, node
            USING ERRCODE = '22023',
                  HINT = 'The nodes are listed in perf_eval.score_node; those the version leaves out in perf_eval.methodology_node_change.';
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION perf_eval.fork_node(text, text) IS
'The score node a structural change names, checked: the methodology is a user fork and the node counts in it (22023 otherwise)';

-- Refuses (22023) a fork whose tree or parameters are invalid, naming every
-- offending node of the tree.
CREATE FUNCTION perf_eval.check_methodology_tree(methodology text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    listed text;
BEGIN
    SELECT string_agg(t.key || ': ' || t.problem, '; ' ORDER BY t.key) INTO listed
    FROM perf_eval.validate_methodology_tree(methodology) AS t;
    IF listed IS NOT NULL THEN
        RAISE EXCEPTION 'the score tree of methodology "%" is invalid: %', methodology, listed
            USING ERRCODE = '22023',
                  DETAIL = (SELECT 'Offending nodes: ' || string_agg(DISTINCT split_part(t.key, ' ', 1), ', ')
                            FROM perf_eval.validate_methodology_tree(methodology) AS t) || '.',
                  HINT = 'Change the maxima in the same call (perf_eval.fork_set_node_maxima), or let the change redistribute them; docs/methodology.md §2.8.';
    END IF;
    PERFORM perf_eval.check_methodology(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.check_methodology_tree(text) IS
'Raises 22023 naming every offending node if a methodology''s score tree is invalid (docs/methodology.md §2.8), then checks the whole methodology as perf_eval.check_methodology does';

-- Records a node's maximum for a kind (NULL: every kind).
CREATE FUNCTION perf_eval.put_node_maximum(methodology text, node text, kind text, maximum numeric,
                                           source text, note text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF maximum IS NULL OR maximum < 0 OR maximum IN ('NaN', 'Infinity') THEN
        RAISE EXCEPTION 'the maximum of % must be a number of points of at least 0, not %', node, coalesce(maximum::text, 'NULL')
            USING ERRCODE = '22003', HINT = 'docs/methodology.md §2.8: a maximum is a finite number of points.';
    END IF;
    IF EXISTS (SELECT 1 FROM perf_eval.methodology_node_change AS c
               WHERE c.methodology = put_node_maximum.methodology AND c.node = put_node_maximum.node
                 AND c.change = 'add_supplied') THEN
        UPDATE perf_eval.methodology_node_change AS c
        SET maximum = put_node_maximum.maximum, source = put_node_maximum.source,
            note = coalesce(put_node_maximum.note, c.note), changed_by = current_user, changed_at = now()
        WHERE c.methodology = put_node_maximum.methodology AND c.node = put_node_maximum.node;
        RETURN;
    END IF;
    IF (SELECT n.combine FROM perf_eval.score_node AS n WHERE n.code = put_node_maximum.node) = 'computed'
       AND maximum <> 0 AND EXISTS (SELECT 1 FROM (VALUES ('CSB'), ('LEB')) AS k(kind)
                   WHERE (put_node_maximum.kind IS NULL OR k.kind = put_node_maximum.kind)
                     AND perf_eval.node_parameter_maximum(put_node_maximum.node, put_node_maximum.methodology, k.kind) = 0) THEN
        RAISE EXCEPTION 'the computed node % is worth 0 points: its value cannot be scaled to a new maximum', node
            USING ERRCODE = '22023',
                  HINT = 'Set its points parameter with perf_eval.set_param, or exclude it and add a supplied criterion (docs/methodology.md §2.8).';
    END IF;
    DELETE FROM perf_eval.methodology_node_change AS c
    WHERE c.methodology = put_node_maximum.methodology AND c.node = put_node_maximum.node
      AND (put_node_maximum.kind IS NULL OR c.kind IS NOT DISTINCT FROM put_node_maximum.kind);
    INSERT INTO perf_eval.methodology_node_change (methodology, node, kind, change, maximum, source, note)
    VALUES (methodology, node, kind, 'maximum', maximum, source, note);
END
$$;
COMMENT ON FUNCTION perf_eval.put_node_maximum(text, text, text, numeric, text, text) IS
'Records the maximum of a node of a fork for a body kind (NULL: every kind), unchecked; the fork_* functions check the tree after their changes (docs/methodology.md §2.8)';

-- Scales the counted positive terms of a sum node (but except_node) so
-- that, with a node worth new_maximum beside them, their maxima add up to
-- what all counted terms add up to now, for each kind; rounded to 4
-- decimals, the largest term takes the remainder, so the sum is exact.
CREATE FUNCTION perf_eval.redistribute_maxima(methodology text, parent text, new_maximum numeric,
                                              source text, except_node text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kind_code text;
    total numeric;
    others numeric;
    target numeric;
    t record;
BEGIN
    FOREACH kind_code IN ARRAY ARRAY['CSB', 'LEB'] LOOP
        SELECT sum(m.maximum), sum(m.maximum) FILTER (WHERE m.node IS DISTINCT FROM except_node)
        INTO total, others
        FROM perf_eval.node_term_maxima(parent, methodology, kind_code) AS m WHERE m.counted;
        CONTINUE WHEN coalesce(others, 0) = 0;
        target := total - new_maximum;
        IF target < 0 THEN
            RAISE EXCEPTION 'the criteria of % are worth % points (%), too few to give %', parent, total, kind_code, new_maximum
                USING ERRCODE = '22023', HINT = 'Give the new criterion fewer points (docs/methodology.md §2.8).';
        END IF;
        FOR t IN
            SELECT m.node, CASE WHEN row_number() OVER (ORDER BY m.maximum DESC, m.node) = 1
                                THEN target - sum(round(m.maximum * target / others, 4)) OVER () + round(m.maximum * target / others, 4)
                                ELSE round(m.maximum * target / others, 4) END AS maximum
            FROM perf_eval.node_term_maxima(parent, methodology, kind_code) AS m
            WHERE m.counted AND m.node IS DISTINCT FROM except_node AND m.maximum <> 0
        LOOP
            PERFORM perf_eval.put_node_maximum(methodology, t.node, kind_code, t.maximum, source);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.redistribute_maxima(text, text, numeric, text, text) IS
'Scales the maxima of the counted positive terms of a sum node of a fork (but except_node) proportionally so that, with a node worth new_maximum beside them, they add up to what the counted terms add up to now, per body kind, exactly (docs/methodology.md §2.8)';

-- Scales the weights of the counted children of a weighted node (but one,
-- whose weight becomes 0) so that they sum to 1 again, exactly.
CREATE FUNCTION perf_eval.redistribute_weights(methodology text, parent text, excluded text, source text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kind_code text;
BEGIN
    FOREACH kind_code IN ARRAY ARRAY['csb', 'leb'] LOOP
        WITH w AS (
            SELECT p.key, p.value::numeric AS weight, ch.code = excluded AS dropped
            FROM perf_eval.score_node AS ch
            JOIN perf_eval.methodology_param AS p
              ON p.methodology = redistribute_weights.methodology AND p.key = replace(ch.weight_key, '{kind}', kind_code)
            WHERE ch.parent = redistribute_weights.parent
              AND ch.code NOT IN (SELECT perf_eval.inactive_nodes(redistribute_weights.methodology))
        ), kept AS (
            SELECT w.key, w.weight / nullif(sum(w.weight) OVER (), 0) AS share,
                   row_number() OVER (ORDER BY w.weight DESC, w.key) AS place
            FROM w WHERE NOT w.dropped
        ), target AS (
            SELECT w.key, CASE WHEN w.dropped THEN 0
                               WHEN kp.place = 1 THEN 1 - (SELECT sum(round(x.share, 6)) FROM kept AS x WHERE x.place > 1)
                               ELSE round(kp.share, 6) END AS weight
            FROM w LEFT JOIN kept AS kp ON kp.key = w.key
        )
        UPDATE perf_eval.methodology_param AS p
        SET value = t.weight::text, provenance = 'assumed', source_document = NULL, source = redistribute_weights.source,
            note = 'redistributed after excluding ' || excluded
        FROM target AS t
        WHERE p.methodology = redistribute_weights.methodology AND p.key = t.key AND t.weight IS NOT NULL
          AND CASE WHEN p.value_kind = 'number' THEN p.value::numeric END IS DISTINCT FROM t.weight;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.redistribute_weights(text, text, text, text) IS
'Gives an excluded child of a weighted node of a fork the weight 0 and scales its counted siblings'' weights to sum to 1 per body kind, exactly (docs/methodology.md §2.8)';

CREATE FUNCTION perf_eval.fork_exclude_node(methodology text, node text, reason text, redistribute boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n perf_eval.score_node := perf_eval.fork_node(methodology, node);
    parent_combine text := (SELECT p.combine FROM perf_eval.score_node AS p WHERE p.code = n.parent);
    why text := coalesce(nullif(reason, ''), 'excluded by ' || current_user || ' on ' || current_date);
BEGIN
    IF n.level = 'block' THEN
        RAISE EXCEPTION 'a block cannot be excluded from a methodology (%)', node
            USING ERRCODE = '22023', HINT = 'Leave bodies out of a block with perf_eval.body_scope (docs/methodology.md §1.3).';
    END IF;
    IF redistribute AND parent_combine = 'sum' AND n.sign = 1 AND n.role = 'term' THEN
        PERFORM perf_eval.redistribute_maxima(methodology, n.parent, 0, 'redistributed after excluding ' || node, node);
    ELSIF redistribute AND parent_combine = 'weighted' THEN
        PERFORM perf_eval.redistribute_weights(methodology, n.parent, node, 'redistributed after excluding ' || node);
    END IF;
    DELETE FROM perf_eval.methodology_node_change AS c
    WHERE c.methodology = fork_exclude_node.methodology AND c.node = fork_exclude_node.node;
    INSERT INTO perf_eval.methodology_node_change (methodology, node, change, source)
    VALUES (methodology, node, 'exclude', why);
    DELETE FROM perf_eval.methodology_node_change AS c
    WHERE c.methodology = fork_exclude_node.methodology AND c.change <> 'exclude'
      AND c.node IN (SELECT perf_eval.inactive_nodes(fork_exclude_node.methodology));
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_exclude_node(text, text, text, boolean) IS
'Leaves a criterion or direction (and its descendants) out of a fork; with redistribute, the maxima of its sibling criteria (sum parent) or the weights of its sibling directions (weighted parent) are scaled to keep the parent''s total; refuses (22023) a tree that no longer adds up, naming the nodes (docs/methodology.md §2.8)';

CREATE FUNCTION perf_eval.fork_set_node_maxima(methodology text, maxima jsonb, source text, kind text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    e record;
BEGIN
    IF jsonb_typeof(maxima) IS DISTINCT FROM 'object' OR kind NOT IN ('CSB', 'LEB') THEN
        RAISE EXCEPTION 'maxima must be a jsonb object {"node": points, ...} and kind CSB, LEB or NULL'
            USING ERRCODE = '22023', HINT = 'E.g. perf_eval.fork_set_node_maxima(''my_fork'', ''{"interaction.complaints.timeliness": 50}'', ''why'').';
    END IF;
    FOR e IN SELECT j.key, j.value FROM jsonb_each(maxima) AS j ORDER BY j.key LOOP
        PERFORM perf_eval.fork_node(methodology, e.key);
        IF jsonb_typeof(e.value) <> 'number' THEN
            RAISE EXCEPTION 'the maximum of % must be a number, not %', e.key, e.value
                USING ERRCODE = '22023', HINT = 'Give points as a JSON number (docs/methodology.md §2.8).';
        END IF;
        PERFORM perf_eval.put_node_maximum(methodology, e.key, kind, (e.value #>> '{}')::numeric,
                                           coalesce(nullif(source, ''), 'set by ' || current_user || ' on ' || current_date));
    END LOOP;
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_set_node_maxima(text, jsonb, text, text) IS
'Sets the maxima of nodes of a fork in one step ({"node": points}; kind CSB or LEB, NULL for both); a computed node''s value is scaled to its new maximum; refuses (22023) a tree whose maxima no longer add up, naming the nodes (docs/methodology.md §2.8)';

CREATE FUNCTION perf_eval.fork_set_node_maximum(methodology text, node text, maximum numeric, source text,
                                                kind text DEFAULT NULL)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.fork_set_node_maxima($1, jsonb_build_object($2, $3), $4, $5)
$$;
COMMENT ON FUNCTION perf_eval.fork_set_node_maximum(text, text, numeric, text, text) IS
'Sets the maximum of one node of a fork (perf_eval.fork_set_node_maxima with one node)';

CREATE FUNCTION perf_eval.fork_set_node_weights(methodology text, weights jsonb, source text, kind text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    e record;
    n perf_eval.score_node;
BEGIN
    IF jsonb_typeof(weights) IS DISTINCT FROM 'object' OR kind NOT IN ('CSB', 'LEB') THEN
        RAISE EXCEPTION 'weights must be a jsonb object {"node": weight, ...} and kind CSB, LEB or NULL'
            USING ERRCODE = '22023', HINT = 'E.g. perf_eval.fork_set_node_weights(''my_fork'', ''{"interaction.services": 0.4, "interaction.openness": 0.4}'', ''why'').';
    END IF;
    FOR e IN SELECT j.key, j.value FROM jsonb_each(weights) AS j ORDER BY j.key LOOP
        n := perf_eval.fork_node(methodology, e.key);
        IF n.weight_key IS NULL OR jsonb_typeof(e.value) <> 'number' THEN
            RAISE EXCEPTION 'node % has no weight, or % is not a number', e.key, e.value
                USING ERRCODE = '22023', HINT = 'Weights belong to the directions of a weighted block (docs/methodology.md §4.1, §5.1).';
        END IF;
        UPDATE perf_eval.methodology_param AS p
        SET value = e.value #>> '{}', provenance = 'assumed', source_document = NULL,
            source = coalesce(nullif(fork_set_node_weights.source, ''), 'set by ' || current_user || ' on ' || current_date)
        FROM (VALUES ('csb'), ('leb')) AS k(kind)
        WHERE p.methodology = fork_set_node_weights.methodology
          AND (fork_set_node_weights.kind IS NULL OR k.kind = lower(fork_set_node_weights.kind))
          AND p.key = replace(n.weight_key, '{kind}', k.kind);
    END LOOP;
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_set_node_weights(text, jsonb, text, text) IS
'Re-weights directions of a fork in one step ({"node": weight}, the weight parameters of the nodes for kind CSB or LEB, NULL for both); refuses (22023) weights that do not sum to 1 (docs/methodology.md §2.7, §2.8)';

CREATE FUNCTION perf_eval.fork_add_supplied_criterion(methodology text, parent text, node text, title text,
                                                      maximum numeric, source text, redistribute boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p perf_eval.score_node := perf_eval.fork_node(methodology, parent);
    existing perf_eval.score_node;
BEGIN
    IF p.combine <> 'sum' OR p.level = 'criterion' OR node NOT LIKE parent || '.%' OR coalesce(title, '') = '' THEN
        RAISE EXCEPTION 'criterion % cannot be added under %', node, parent
            USING ERRCODE = '22023',
                  HINT = 'Add a titled node, coded <parent>.<name>, under a block or direction that sums its children (perf_eval.score_node.combine = sum; docs/methodology.md §2.8).';
    END IF;
    IF coalesce(source, '') = '' THEN
        RAISE EXCEPTION 'criterion % needs a source', node
            USING ERRCODE = '22023', HINT = 'Name the document and section the criterion comes from, or who decided it (docs/methodology.md §0.5).';
    END IF;
    SELECT * INTO existing FROM perf_eval.score_node AS s WHERE s.code = fork_add_supplied_criterion.node;
    IF FOUND AND (existing.added_in IS NULL OR existing.parent <> fork_add_supplied_criterion.parent) THEN
        RAISE EXCEPTION 'node % already exists', node
            USING ERRCODE = '23505', HINT = 'Choose another code for the new criterion (perf_eval.score_node lists the codes).';
    ELSIF NOT FOUND THEN
        INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key,
                                          title_en, symbol, role, added_in)
        SELECT node, p.code, p.block, CASE p.level WHEN 'block' THEN 'direction' ELSE 'criterion' END,
               (SELECT coalesce(max(s.node_order), 0) + 1 FROM perf_eval.score_node AS s WHERE s.parent = p.code),
               'computed', 1, NULL, 'node.max', title, NULL, 'term', methodology;
    END IF;
    IF redistribute THEN
        PERFORM perf_eval.redistribute_maxima(methodology, parent, maximum, 'redistributed after adding ' || node);
    END IF;
    INSERT INTO perf_eval.methodology_node_change (methodology, node, change, maximum, source)
    VALUES (methodology, node, 'add_supplied', maximum, source);
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_add_supplied_criterion(text, text, text, text, numeric, text, boolean) IS
'Adds to a fork a criterion worth up to maximum points whose value the assessor supplies (perf_eval.supplied_score for that methodology; a body without one gets no points for it); with redistribute, the maxima of its siblings shrink proportionally to keep the parent''s total; refuses (22023) a tree that no longer adds up (docs/methodology.md §2.8)';

REVOKE EXECUTE ON FUNCTION perf_eval.put_node_maximum(text, text, text, numeric, text, text),
                           perf_eval.redistribute_maxima(text, text, numeric, text, text),
                           perf_eval.redistribute_weights(text, text, text, text),
                           perf_eval.fork_exclude_node(text, text, text, boolean),
                           perf_eval.fork_set_node_maxima(text, jsonb, text, text),
                           perf_eval.fork_set_node_maximum(text, text, numeric, text, text),
                           perf_eval.fork_set_node_weights(text, jsonb, text, text),
                           perf_eval.fork_add_supplied_criterion(text, text, text, text, numeric, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.put_node_maximum(text, text, text, numeric, text, text),
                          perf_eval.redistribute_maxima(text, text, numeric, text, text),
                          perf_eval.redistribute_weights(text, text, text, text),
                          perf_eval.fork_exclude_node(text, text, text, boolean),
                          perf_eval.fork_set_node_maxima(text, jsonb, text, text),
                          perf_eval.fork_set_node_maximum(text, text, numeric, text, text),
                          perf_eval.fork_set_node_weights(text, jsonb, text, text),
                          perf_eval.fork_add_supplied_criterion(text, text, text, text, numeric, text, boolean) TO perf_eval_admin;
