-- =========================================================================
-- Section: the score tree's nodes (METHODOLOGY §1.1, §1.2)
-- =========================================================================

CREATE TABLE perf_eval.score_node (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z_]+(\.[a-z0-9_]+)*$'),
    parent      text REFERENCES perf_eval.score_node (code),
    block       text NOT NULL REFERENCES perf_eval.block (code),
    level       text NOT NULL CHECK (level IN ('block', 'direction', 'criterion')),
    node_order  integer NOT NULL,
    combine     text NOT NULL CHECK (combine IN ('weighted', 'sum', 'computed')),
    sign        integer NOT NULL DEFAULT 1 CHECK (sign IN (-1, 1)),
    weight_key  text,
    max_key     text NOT NULL,
    title_en    text NOT NULL,
    symbol      text,
    role        text NOT NULL DEFAULT 'term' CHECK (role IN ('term', 'factor')),
    CHECK ((level = 'block') = (parent IS NULL)),
    added_in    text REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE
);
COMMENT ON COLUMN perf_eval.score_node.code IS 'Dotted code of the node, e.g. interaction, interaction.complaints, interaction.complaints.timeliness';
COMMENT ON COLUMN perf_eval.score_node.parent IS 'Code of the parent node; NULL for a block';
COMMENT ON COLUMN perf_eval.score_node.block IS 'Code of the block the node belongs to (perf_eval.block.code)';
COMMENT ON COLUMN perf_eval.score_node.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.score_node.node_order IS 'Sort key among the children of the same parent (1 first)';
COMMENT ON COLUMN perf_eval.score_node.combine IS 'How the node is computed from its children: weighted (weighted sum) | sum | computed (by a formula from inputs)';
COMMENT ON COLUMN perf_eval.score_node.weight_key IS 'Parameter key of the node''s weight in a weighted parent; NULL when the parent sums';
COMMENT ON COLUMN perf_eval.score_node.max_key IS 'Parameter key of the node''s maximum in points';
COMMENT ON COLUMN perf_eval.score_node.title_en IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.score_node.symbol IS 'Symbol of the node in the methodology (e.g. R1, K, IT); NULL if it has none';
COMMENT ON TABLE perf_eval.score_node IS
'Nodes of the score tree: block -> direction -> criterion. combine says how a node is computed from its children when not supplied: weighted (sum of weight_key x child over children whose weight the version defines), sum ((sum of sign x child over the term children present) x product of the factor children present), computed (by a node computer). weight_key and max_key may contain {kind} (csb/leb); max_key names the parameter holding the node maximum (docs/methodology.md §1.1)';
COMMENT ON COLUMN perf_eval.score_node.role IS 'How the node enters a sum parent: term (added with its sign) | factor (multiplies the sum of the terms, e.g. k_PPB of the LEB budget component)';
COMMENT ON COLUMN perf_eval.score_node.added_in IS 'NULL for the nodes of the extension; for a criterion a user methodology added (perf_eval.fork_add_supplied_criterion), that methodology: the node counts only in the versions whose perf_eval.methodology_node_change adds it (docs/methodology.md §2.8)';
COMMENT ON COLUMN perf_eval.score_node.sign IS 'How the node enters a sum parent: -1 for deductions and penalties shown as positive points (W, subordinate deduction)';

INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key, title_en, symbol) VALUES
-- blocks
('goals',        NULL, 'goals',       'block', 1, 'sum',      1, 'composite.w_goals',       'node.max', 'Achievement of goals', 'G'),
('interaction',  NULL, 'interaction', 'block', 2, 'weighted', 1, 'composite.w_interaction', 'node.max', 'Interaction with individuals and legal entities', 'O / A'),
('orgdev',       NULL, 'orgdev',      'block', 3, 'weighted', 1, 'composite.w_orgdev',      'node.max', 'Organisational development', NULL),
('composite',    NULL, 'composite',   'block', 4, 'weighted', 1, NULL,                      'node.max', 'Composite score (kz2017)', NULL),
-- goals directions (METHODOLOGY §1.1, §3.5): the block is the signed sum
-- G = S + B - P, so supplied directions and the clamp work as everywhere else;
-- B is the sum of its criteria, times the factor k_PPB for LEBs from 2020
-- (B = k_PPB x (V + DR + E + C)); S's maximum depends on the body kind; the
-- criteria of B are in 60_goals_block.sql
('goals.strategic', 'goals', 'goals', 'direction', 1, 'computed', 1, NULL, 'goals.{kind}.pts_strategic', 'Achievement of strategic-plan / TDP goals (points)', 'S'),
('goals.budget',    'goals', 'goals', 'direction', 2, 'sum',      1, NULL, 'node.max', 'Budget component (points)', 'B'),
('goals.penalties', 'goals', 'goals', 'direction', 3, 'computed', -1, NULL, 'node.max', 'Penalty points for unreliable, incomplete or late reporting', 'P'),
-- interaction directions (METHODOLOGY §4.1)
('interaction.satisfaction', 'interaction', 'interaction', 'direction', 1, 'computed', 1, 'interaction.{kind}.w_satisfaction', 'node.max', 'Satisfaction of service recipients (kz2020_apa)', 'S'),
('interaction.services',     'interaction', 'interaction', 'direction', 2, 'sum',      1, 'interaction.{kind}.w_services',     'node.max', 'Public services', 'U / T'),
('interaction.openness',     'interaction', 'interaction', 'direction', 3, 'sum',      1, 'interaction.{kind}.w_openness',     'node.max', 'Openness', 'D / F'),
('interaction.complaints',   'interaction', 'interaction', 'direction', 4, 'sum',      1, 'interaction.{kind}.w_complaints',   'node.max', 'Quality of handling complaints and applications', 'H'),
-- complaint criteria (METHODOLOGY §4.4)
('interaction.complaints.timeliness',          'interaction.complaints', 'interaction', 'criterion', 1, 'computed', 1, NULL, 'complaints.r1.k', 'Compliance with the terms of consideration', 'R1'),
('interaction.complaints.one_time_acceptance', 'interaction.complaints', 'interaction', 'criterion', 2, 'computed', 1, NULL, 'complaints.one_time_acceptance.pts', 'One-time acceptance of documents (kz2020_apa)', NULL),
('interaction.complaints.court',               'interaction.complaints', 'interaction', 'criterion', 3, 'computed', 1, NULL, 'complaints.r2.k', 'Complaints recognised justified by a court', 'R2'),
('interaction.complaints.repeat',              'interaction.complaints', 'interaction', 'criterion', 4, 'computed', 1, NULL, 'complaints.r3.k', 'Repeated justified complaints', 'R3'),
('interaction.complaints.internal_control',    'interaction.complaints', 'interaction', 'criterion', 5, 'computed', 1, NULL, 'complaints.r4.max', 'Internal control over consideration (kz2020_apa: internal audit)', 'R4'),
-- organisational development directions (METHODOLOGY §5.1)
('orgdev.hr', 'orgdev', 'orgdev', 'direction', 1, 'sum', 1, 'orgdev.w_hr', 'node.max', 'Personnel management', 'H'),
('orgdev.it', 'orgdev', 'orgdev', 'direction', 2, 'sum', 1, 'orgdev.w_it', 'node.max', 'Use of information technology', 'IT');

-- The product of the factor children of a sum node (exact numeric).
CREATE FUNCTION perf_eval.factor_product_step(product numeric, factor numeric)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Not strict: also the combine function, where either partial product may be NULL.
    IF factor IN ('NaN', 'Infinity', '-Infinity') OR product IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'factor must be a finite number'
            USING ERRCODE = '22023', DETAIL = format('product %s, factor %s.', product, factor),
                  HINT = 'docs/methodology.md §0.1, §1.1: a factor node multiplies the sum of its siblings by a finite number.';
    END IF;
    IF factor IS NULL OR product IS NULL THEN
        RETURN coalesce(product, factor);
    END IF;
    RETURN product * factor;
END
$$;
COMMENT ON FUNCTION perf_eval.factor_product_step(numeric, numeric) IS
'Transition and combine function of factor_product: product x factor, exact; a NULL side is skipped; NaN or infinity 22023 (docs/methodology.md §0.1, §1.1)';

CREATE AGGREGATE perf_eval.factor_product(numeric) (
    SFUNC       = perf_eval.factor_product_step,
    STYPE       = numeric,
    INITCOND    = '1',
    COMBINEFUNC = perf_eval.factor_product_step,
    PARALLEL    = SAFE
);
COMMENT ON AGGREGATE perf_eval.factor_product(numeric) IS
'The exact product of the non-NULL values (1 over none): the factor children of a sum node of the score tree (docs/methodology.md §1.1)';

CREATE FUNCTION perf_eval.node_maximum(node text, methodology text, kind text DEFAULT NULL)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- A max_key may contain {kind}: the maximum then differs between CSBs and
    -- LEBs (e.g. goals.{kind}.pts_strategic, 70 and 60; METHODOLOGY §2.3, §2.4).
    -- A fork may change a node's maximum, for one kind or every kind, or add
    -- a criterion with its maximum (methodology_node_change, METHODOLOGY §2.8).
    SELECT coalesce(
        (SELECT c.maximum FROM perf_eval.methodology_node_change AS c
         WHERE c.methodology = $2 AND c.node = $1 AND c.change <> 'exclude'
           AND (c.kind = upper($3) OR c.kind IS NULL)
         ORDER BY c.kind NULLS LAST LIMIT 1),
        (SELECT p.value::numeric
         FROM perf_eval.score_node AS n
         JOIN perf_eval.methodology_param AS p
           ON p.methodology = $2 AND p.key = replace(n.max_key, '{kind}', coalesce(lower($3), '{kind}'))
         WHERE n.code = $1 AND n.added_in IS NULL))
$$;
COMMENT ON FUNCTION perf_eval.node_maximum(text, text, text) IS
'The maximum points of a node under a methodology for a body kind (CSB, LEB): the maximum a fork set for it (perf_eval.methodology_node_change), else its max_key parameter, with {kind} replaced; NULL if the node does not exist in that version for that kind';

-- The maximum a report shows beside a node's points: a sum direction whose
-- max_key is the generic node.max (e.g. the budget component B, out of 30 for
-- a CSB, not 100) is out of the sum of its added children's maxima; a
-- penalty (sign -1 with the generic maximum) has no maximum to reach (NULL),
-- a capped deduction shows its cap; the engine's clamp keeps node_maximum.
CREATE FUNCTION perf_eval.node_maximum_shown(node text, methodology text, kind text DEFAULT NULL)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- A child belongs to the other kind when its parameter key names it
    -- (goals.leb.pts_violations, it.leb_division_bonus, goals.csb.pts_goal_bp_link).
    WITH children AS (
        SELECT perf_eval.node_maximum(c.code, $2, $3) AS maximum
        FROM perf_eval.score_node AS c
        WHERE c.parent = $1 AND c.role = 'term' AND c.sign = 1
          AND ($3 IS NULL OR c.max_key !~ ('(^|[._])' || CASE lower($3) WHEN 'csb' THEN 'leb' ELSE 'csb' END || '[._]'))
    )
    SELECT CASE WHEN n.sign = -1 AND n.max_key = 'node.max' THEN NULL
                WHEN n.level <> 'block' AND n.combine = 'sum' AND n.max_key = 'node.max'
                     AND EXISTS (SELECT 1 FROM children AS c WHERE c.maximum IS NOT NULL)
                THEN least((SELECT sum(c.maximum) FROM children AS c), perf_eval.node_maximum(n.code, $2, $3))
                ELSE perf_eval.node_maximum(n.code, $2, $3) END
    FROM perf_eval.score_node AS n
    WHERE n.code = $1
$$;
COMMENT ON FUNCTION perf_eval.node_maximum_shown(text, text, text) IS
'The maximum shown beside a node''s points: for a sum direction with the generic maximum the sum of its added children''s maxima, NULL for a penalty without a cap of its own, else node_maximum (docs/report.md §4)';

GRANT SELECT ON perf_eval.score_node TO perf_eval_reader, perf_eval_submitter;
-- Criteria added by users' forks survive pg_dump and restore; the others come from CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.score_node', 'WHERE added_in IS NOT NULL');
GRANT INSERT ON perf_eval.score_node TO perf_eval_admin;

-- Administrators insert only the criteria a fork adds (added_in set, by
-- perf_eval.fork_add_supplied_criterion); the extension's own nodes come
-- from its owner's install script.
CREATE FUNCTION perf_eval.score_node_added_by_a_fork()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.added_in IS NULL
       AND NOT pg_catalog.pg_has_role(current_user,
                                      (SELECT c.relowner FROM pg_catalog.pg_class AS c WHERE c.oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'score node % would change the tree of every version', NEW.code
            USING ERRCODE = '42501',
                  HINT = 'Add a criterion to a fork with perf_eval.fork_add_supplied_criterion (docs/methodology.md §2.8).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.score_node_added_by_a_fork() IS
'Trigger: a score node inserted by anyone but the extension''s owner must belong to the fork that adds it (added_in; docs/methodology.md §2.8)';
CREATE TRIGGER score_node_added_by_a_fork BEFORE INSERT ON perf_eval.score_node
FOR EACH ROW EXECUTE FUNCTION perf_eval.score_node_added_by_a_fork();

-- ---------------------------------------------------------------------------
-- What computes the tree's leaves: node computers (docs/architecture.md).
-- A block registers, per direction, a function that computes the nodes of ONE
-- body and a function that lists the bodies with inputs in a year; the engine
-- (56_recalculate.sql) iterates the bodies and names a failure once.
-- ---------------------------------------------------------------------------

CREATE TYPE perf_eval.node_value AS (
    body        text,
    node        text,
    raw_value   numeric,
    reason      text,
    explanation jsonb
);
COMMENT ON TYPE perf_eval.node_value IS
'What a node computer returns: the raw value of a node of a body (NULL = not assessable, with a reason) and its explanation';

CREATE TABLE perf_eval.node_computer (
    name        text PRIMARY KEY,
    computer    regproc NOT NULL,
    description text NOT NULL,
    bodies      regproc,
    context     text,
    hint        text,
    CONSTRAINT node_computer_per_body_context CHECK ((bodies IS NULL) = (context IS NULL))
);
COMMENT ON COLUMN perf_eval.node_computer.name IS 'Name of the computer (one direction''s nodes)';
COMMENT ON COLUMN perf_eval.node_computer.computer IS 'Function (body text, year integer, methodology text) RETURNS SETOF perf_eval.node_value that computes the nodes of one body (the engine takes the body from bodies); with bodies NULL, a function (year integer, methodology text) computing every body at once (release 1.0)';
COMMENT ON COLUMN perf_eval.node_computer.description IS 'What the function computes';
COMMENT ON COLUMN perf_eval.node_computer.bodies IS 'Function (year integer, methodology text) RETURNS SETOF text: the bodies the computer computes in the year (those with inputs); NULL for a release-1.0 computer of every body at once';
COMMENT ON COLUMN perf_eval.node_computer.context IS 'How a failure names the computer: the error detail starts "Body <code>, year <year>, <context>." (e.g. public services direction)';
COMMENT ON COLUMN perf_eval.node_computer.hint IS 'Hint of a failure that gives none (NULL: none)';
COMMENT ON TABLE perf_eval.node_computer IS
'Node computers: functions (body text, year integer, methodology text) RETURNS SETOF perf_eval.node_value that compute the nodes of one direction of one body from its inputs, with the function listing the bodies; the engine iterates the bodies and re-raises a failure naming body, year and computer with its SQLSTATE';

GRANT SELECT ON perf_eval.node_computer TO perf_eval_reader;
