-- Every row of test/vectors/interaction_block.csv and complaints_r1_r4.csv
-- through the methodology-bound path (METHODOLOGY §4, §10): inputs in the
-- input tables or supplied direction scores, a methodology (a fork where the
-- row sets policies or constants), recalculate_within_transaction, and the
-- node of the stored score tree. The raw kernels are covered by
-- complaints_vectors.sql; here the engine, the version's parameters and the
-- clamp and zero-volume policies stand between the row and the result.
BEGIN;

CREATE TEMP TABLE interaction_vector (
    id text, kernel text, kind text, version text, s numeric, u numeric, d numeric, h numeric,
    r1 numeric, r2 numeric, r3 numeric, r4 numeric, expected numeric, scale integer, exact boolean,
    sqlstate text, source text, note text);
\copy interaction_vector FROM 'test/vectors/interaction_block.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE complaint_vector (
    id text, kernel text, version text, part bigint, part2 bigint, whole bigint,
    k numeric, scale_factor numeric, clamp text, zero_volume text,
    expected numeric, scale integer, exact boolean, sqlstate text, source text, note text);
\copy complaint_vector FROM 'test/vectors/complaints_r1_r4.csv' WITH (FORMAT csv, HEADER true)

SELECT plan((SELECT count(*)::integer FROM interaction_vector)
            + (SELECT count(*)::integer FROM complaint_vector)
            + (SELECT count(*)::integer FROM complaint_vector
               WHERE sqlstate IS NOT NULL AND clamp <> 'floor1' AND zero_volume <> 'zero')
            + 2);

-- One test body per vector row (V + id), of the row's kind (CSB where the row has none).
INSERT INTO perf_eval.body (code, kind, name_en, name_ru)
SELECT 'V' || v.id, coalesce(v.kind, 'CSB'), 'vector ' || v.id, 'вектор ' || v.id FROM interaction_vector AS v
UNION ALL
SELECT 'V' || v.id, 'CSB', 'vector ' || v.id, 'вектор ' || v.id FROM complaint_vector AS v;

-- A user methodology with the given policies, forked from a shipped version.
CREATE FUNCTION pg_temp.policy_fork(name text, base text, clamp text, zero_volume text) RETURNS text
LANGUAGE sql AS $$
    SELECT perf_eval.fork_methodology(base, name);
    UPDATE perf_eval.methodology_param SET value = clamp WHERE methodology = name AND key = 'policy.clamp';
    UPDATE perf_eval.methodology_param SET value = zero_volume WHERE methodology = name AND key = 'policy.zero_volume';
    SELECT name;
$$;

-- The value of a node in a run.
CREATE FUNCTION pg_temp.node_value(run bigint, body text, node text) RETURNS numeric
LANGUAGE sql AS $$ SELECT s.value FROM perf_eval.score AS s WHERE s.run_id = $1 AND s.body = $2 AND s.node = $3 $$;

-- ---------------------------------------------------------------------------
-- interaction_block.csv, kernel block (I001-I011): the directions are supplied
-- under the row's version; the block is the version's weighted formula.
-- ---------------------------------------------------------------------------
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document)
SELECT 'V' || v.id, 2099, d.node, v.version, d.value, 'interaction_block.csv ' || v.id
FROM interaction_vector AS v
CROSS JOIN LATERAL (VALUES ('interaction.satisfaction', v.s), ('interaction.services', v.u),
                           ('interaction.openness', v.d), ('interaction.complaints', v.h)) AS d(node, value)
WHERE v.kernel = 'block' AND d.value IS NOT NULL;

CREATE TEMP TABLE block_run AS
SELECT m.version, perf_eval.recalculate_within_transaction(2099, m.version) AS run_id
FROM (SELECT DISTINCT version FROM interaction_vector WHERE kernel = 'block') AS m;

SELECT CASE WHEN v.exact THEN
           is(pg_temp.node_value(r.run_id, 'V' || v.id, 'interaction'), v.expected, v.id || ' ' || v.note)
       ELSE
           is(round(pg_temp.node_value(r.run_id, 'V' || v.id, 'interaction'), v.scale), v.expected, v.id || ' ' || v.note)
       END
FROM interaction_vector AS v JOIN block_run AS r USING (version)
WHERE v.kernel = 'block'
ORDER BY v.id;

-- ---------------------------------------------------------------------------
-- interaction_block.csv, kernel complaints_direction (I012-I016): the counts
-- of the row's note in complaint_counts, the row's policies in a fork of its
-- version; R1..R4 and H are the nodes of the run.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE h_case (id text, considered bigint, late bigint, court bigint, repeated bigint, disciplined bigint,
                          clamp text, zero_volume text);
INSERT INTO h_case VALUES
('I012', 20000, 8, 0, 21, 6, 'floor0_capk', 'full_points'),
('I013', 1500,  0, 0, 0,  0, 'floor0_capk', 'full_points'),
('I014', 50,    3, 3, 3,  3, 'floor0_capk', 'full_points'),
('I015', 50,    3, 3, 3,  3, 'none',        'full_points'),
('I016', 1500,  0, 0, 0,  0, 'floor0_capk', 'null');

INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
SELECT 'V' || c.id, 2097, c.considered, c.late, c.court, c.repeated, c.disciplined FROM h_case AS c;

CREATE TEMP TABLE h_run AS
SELECT f.clamp, f.zero_volume,
       perf_eval.recalculate_within_transaction(2097,
           pg_temp.policy_fork('h_' || f.clamp || '_' || f.zero_volume, 'kz2020', f.clamp, f.zero_volume)) AS run_id
FROM (SELECT DISTINCT clamp, zero_volume FROM h_case) AS f;

SELECT results_eq(
    format($$SELECT n.value FROM unnest(ARRAY['interaction.complaints.timeliness', 'interaction.complaints.court',
                                              'interaction.complaints.repeat', 'interaction.complaints.internal_control',
                                              'interaction.complaints']) WITH ORDINALITY AS o(node, i)
             LEFT JOIN perf_eval.score AS n ON n.run_id = %s AND n.body = %L AND n.node = o.node
             ORDER BY o.i$$, r.run_id, 'V' || v.id),
    format('VALUES (%L::numeric), (%L::numeric), (%L::numeric), (%L::numeric), (%L::numeric)',
           v.r1, v.r2, v.r3, v.r4, v.expected),
    v.id || ' ' || v.note)
FROM interaction_vector AS v JOIN h_case AS c USING (id) JOIN h_run AS r USING (clamp, zero_volume)
WHERE v.kernel = 'complaints_direction'
ORDER BY v.id;

-- ---------------------------------------------------------------------------
-- complaints_r1_r4.csv: each value row is one body's complaint counts; rows
-- that share a version, policies and constants share a fork and a year. The
-- fork takes the row's k and scale factor, so the row's constants are used.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE c_group AS
SELECT row_number() OVER (ORDER BY g.version, g.kernel, g.k, g.scale_factor, g.clamp, g.zero_volume) AS g, g.*
FROM (SELECT DISTINCT version, kernel, k, scale_factor, clamp, zero_volume
      FROM complaint_vector WHERE sqlstate IS NULL) AS g;

INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, higher_authority_satisfied,
                                        repeated_satisfied, late_disciplined)
SELECT 'V' || v.id, 3000 + g.g, v.whole,
       CASE v.kernel WHEN 'R1' THEN v.part WHEN 'R4' THEN v.whole ELSE 0 END,
       CASE WHEN v.kernel IN ('R2', 'R2_2017') THEN v.part ELSE 0 END,
       CASE WHEN v.kernel = 'R2_2017' THEN v.part2 ELSE 0 END,
       CASE WHEN v.kernel = 'R3' THEN v.part ELSE 0 END,
       CASE WHEN v.kernel = 'R4' THEN v.part ELSE 0 END
FROM complaint_vector AS v
JOIN c_group AS g ON (g.version, g.kernel, g.clamp, g.zero_volume) = (v.version, v.kernel, v.clamp, v.zero_volume)
                 AND g.k IS NOT DISTINCT FROM v.k AND g.scale_factor IS NOT DISTINCT FROM v.scale_factor
WHERE v.sqlstate IS NULL;

-- The row's constants in its fork (R4 has none: its bands come from the version).
CREATE FUNCTION pg_temp.vector_fork(cg c_group) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    name text := pg_temp.policy_fork('c_' || cg.g, cg.version, cg.clamp, cg.zero_volume);
    prefix text := CASE cg.kernel WHEN 'R1' THEN 'complaints.r1' WHEN 'R3' THEN 'complaints.r3' ELSE 'complaints.r2' END;
BEGIN
    IF cg.kernel <> 'R4' THEN
        UPDATE perf_eval.methodology_param SET value = cg.k::text WHERE methodology = name AND key = prefix || '.k';
    END IF;
    IF cg.kernel IN ('R1', 'R2', 'R3') THEN
        UPDATE perf_eval.methodology_param SET value = cg.scale_factor::text WHERE methodology = name AND key = prefix || '.scale';
    END IF;
    RETURN name;
END
$$;

CREATE TEMP TABLE c_run AS
SELECT cg.g, perf_eval.recalculate_within_transaction((3000 + cg.g)::integer, pg_temp.vector_fork(cg)) AS run_id
FROM c_group AS cg;

SELECT CASE
    WHEN v.expected IS NULL THEN
        results_eq(format($$SELECT s.value, s.status FROM perf_eval.score AS s
                            WHERE s.run_id = %s AND s.body = %L AND s.node = %L$$, r.run_id, 'V' || v.id, n.node),
                   $$VALUES (NULL::numeric, 'not_assessable'::text)$$, v.id || ' ' || v.note)
    WHEN v.exact THEN
        is(pg_temp.node_value(r.run_id, 'V' || v.id, n.node), v.expected, v.id || ' ' || v.note)
    ELSE
        is(round(pg_temp.node_value(r.run_id, 'V' || v.id, n.node), v.scale), v.expected, v.id || ' ' || v.note)
    END
FROM complaint_vector AS v
JOIN c_group AS g ON (g.version, g.kernel, g.clamp, g.zero_volume) = (v.version, v.kernel, v.clamp, v.zero_volume)
                 AND g.k IS NOT DISTINCT FROM v.k AND g.scale_factor IS NOT DISTINCT FROM v.scale_factor
JOIN c_run AS r USING (g)
CROSS JOIN LATERAL (SELECT CASE v.kernel WHEN 'R1' THEN 'interaction.complaints.timeliness'
                                         WHEN 'R3' THEN 'interaction.complaints.repeat'
                                         WHEN 'R4' THEN 'interaction.complaints.internal_control'
                                         ELSE 'interaction.complaints.court' END AS node) AS n
WHERE v.sqlstate IS NULL
ORDER BY v.id;

-- Error rows. Bad counts: complaint_scores() of the tally under the row's
-- version gives the row's SQLSTATE, and the input table refuses the counts
-- (23514) so a run never sees them. Bad policy names: the run refuses the fork.
CREATE FUNCTION pg_temp.error_tally(v complaint_vector) RETURNS text
LANGUAGE sql AS $$
    SELECT format('(%s,%s,%s,%s,%s,%s)', v.whole,
                  CASE v.kernel WHEN 'R1' THEN v.part WHEN 'R4' THEN v.whole ELSE 0 END,
                  CASE WHEN v.kernel IN ('R2', 'R2_2017') THEN v.part ELSE 0 END,
                  CASE WHEN v.kernel = 'R2_2017' THEN v.part2 ELSE 0 END,
                  CASE WHEN v.kernel = 'R3' THEN v.part ELSE 0 END,
                  CASE WHEN v.kernel = 'R4' THEN v.part ELSE 0 END)
$$;

SELECT CASE
    WHEN v.clamp = 'floor1' OR v.zero_volume = 'zero' THEN
        throws_ok(format('SELECT perf_eval.recalculate_within_transaction(2096, %L)',
                         pg_temp.policy_fork('e_' || lower(v.id), v.version, v.clamp, v.zero_volume)),
                  v.sqlstate, NULL, v.id || ' ' || v.note || ' (the run refuses the methodology)')
    ELSE
        throws_ok(format('SELECT * FROM perf_eval.complaint_scores(%L::perf_eval.complaint_tally, %L)',
                         pg_temp.error_tally(v), v.version),
                  v.sqlstate, NULL, v.id || ' ' || v.note || ' (complaint_scores)')
    END
FROM complaint_vector AS v
WHERE v.sqlstate IS NOT NULL
ORDER BY v.id;

SELECT throws_ok(format($$INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied,
                              higher_authority_satisfied, repeated_satisfied, late_disciplined)
                          SELECT %L, 2095, (t).considered, (t).late, (t).court_satisfied, (t).higher_authority_satisfied,
                                 (t).repeated_satisfied, (t).late_disciplined
                          FROM (SELECT %L::perf_eval.complaint_tally AS t) AS x$$, 'V' || v.id, pg_temp.error_tally(v)),
                 '23514', NULL, v.id || ' the input table refuses the counts')
FROM complaint_vector AS v
WHERE v.sqlstate IS NOT NULL AND v.clamp <> 'floor1' AND v.zero_volume <> 'zero'
ORDER BY v.id;

-- The shipped constants are the vectors' constants: the shipped versions give the same values.
SELECT is((SELECT count(*) FROM complaint_vector AS v
           WHERE v.sqlstate IS NULL AND v.kernel IN ('R1', 'R2', 'R3', 'R2_2017')
             AND v.k <> perf_eval.param_numeric(v.version,
                     CASE v.kernel WHEN 'R1' THEN 'complaints.r1.k' WHEN 'R3' THEN 'complaints.r3.k' ELSE 'complaints.r2.k' END)),
          0::bigint, 'every vector k is the shipped k of its version');
SELECT is((SELECT count(*) FROM complaint_vector AS v
           WHERE v.sqlstate IS NULL AND v.kernel IN ('R1', 'R2', 'R3')
             AND v.scale_factor <> perf_eval.param_numeric(v.version,
                     CASE v.kernel WHEN 'R1' THEN 'complaints.r1.scale' WHEN 'R3' THEN 'complaints.r3.scale'
                                   ELSE 'complaints.r2.scale' END)),
          0::bigint, 'every vector scale factor is the shipped one of its version');

SELECT * FROM finish();
ROLLBACK;
