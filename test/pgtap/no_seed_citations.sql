-- What users read cites public documents (perf_eval.source_document), never the
-- project's working copies of them ("seed 000 line N") or METHODOLOGY.md:
-- parameter sources and notes, comments on every object and column, string
-- literals of SQL and PL/pgSQL bodies (messages, hints, explanation texts),
-- the shipped rows of every table and the C module's string constants.
BEGIN;
SELECT plan(11);

CREATE TEMP VIEW extension_function AS
SELECT p.oid, p.oid::regprocedure::text AS signature, l.lanname, p.prosrc, p.probin
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_depend AS d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'perf_eval'
JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang;

-- A text users see must not cite the working copies.
CREATE TEMP TABLE bad_citation (pattern text NOT NULL, case_insensitive boolean NOT NULL);
INSERT INTO bad_citation VALUES ('seed', true), ('METHODOLOGY\.md', false), ('METHODOLOGY §', false);
CREATE FUNCTION pg_temp.cites_working_copy(t text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM bad_citation AS b
                   WHERE CASE WHEN b.case_insensitive THEN t ~* b.pattern ELSE t ~ b.pattern END)
$$;

SELECT is((SELECT count(*) FROM perf_eval.methodology_param AS p WHERE p.source ~* 'seed' OR p.note ~* 'seed'),
          0::bigint, 'no methodology parameter''s source or note says "seed"');

SELECT is_empty($$SELECT p.methodology, p.key FROM perf_eval.methodology_param AS p
                  WHERE pg_temp.cites_working_copy(p.source) OR pg_temp.cites_working_copy(coalesce(p.note, ''))$$,
                'no methodology parameter cites METHODOLOGY.md');

SELECT is_empty($$SELECT p.methodology, p.key FROM perf_eval.methodology_param AS p
                  JOIN perf_eval.methodology AS m ON m.name = p.methodology
                  WHERE m.shipped AND p.source_document IS NULL$$,
                'every shipped parameter names its source document');

SELECT is_empty($$SELECT p.methodology, p.key, p.source_document, p.source FROM perf_eval.methodology_param AS p
                  WHERE p.source_document IS NOT NULL
                    AND p.source !~ CASE p.source_document
                        WHEN 'apa2020' THEN '^APA 2020 report'
                        WHEN 'order2020_orgdev' THEN '^Order of 27/28 Jan 2020'
                        WHEN 'perf_eval_reference' THEN '^docs/methodology\.md'
                        ELSE '^$' END$$,
                'a parameter''s source locator points into its source document');

SELECT set_eq($$SELECT code FROM perf_eval.source_document$$,
              ARRAY['decree954', 'apa2020', 'order2020_orgdev', 'perf_eval_reference'],
              'the public documents are listed');

SELECT is_empty($$SELECT a.attname FROM pg_catalog.pg_attribute AS a
                  WHERE a.attrelid = 'perf_eval.source_document'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                    AND pg_catalog.col_description(a.attrelid, a.attnum) IS NULL$$,
                'every column of source_document is documented');

-- Comments on the schema's relations and their columns, functions, types.
SELECT is_empty($$SELECT d.classoid::regclass, d.objoid, d.objsubid, d.description
                  FROM pg_catalog.pg_description AS d
                  WHERE pg_temp.cites_working_copy(d.description)
                    AND (   (d.classoid = 'pg_catalog.pg_class'::regclass
                             AND d.objoid IN (SELECT c.oid FROM pg_catalog.pg_class AS c
                                              WHERE c.relnamespace = 'perf_eval'::regnamespace))
                         OR (d.classoid = 'pg_catalog.pg_proc'::regclass
                             AND d.objoid IN (SELECT p.oid FROM pg_catalog.pg_proc AS p
                                              WHERE p.pronamespace = 'perf_eval'::regnamespace))
                         OR (d.classoid = 'pg_catalog.pg_type'::regclass
                             AND d.objoid IN (SELECT t.oid FROM pg_catalog.pg_type AS t
                                              WHERE t.typnamespace = 'perf_eval'::regnamespace))
                         OR (d.classoid = 'pg_catalog.pg_namespace'::regclass
                             AND d.objoid = 'perf_eval'::regnamespace))$$,
                'no comment on an object or column of schema perf_eval cites the working copies');

-- String literals of SQL and PL/pgSQL bodies (comments may cite the seed lines:
-- they are removed first, then every '...' literal is checked).
SELECT is_empty($$WITH body AS (
                      SELECT f.signature,
                             regexp_replace(regexp_replace(f.prosrc, '/\*.*?\*/', '', 'g'),
                                            '--[^\n]*', '', 'g') AS src
                      FROM extension_function AS f WHERE f.lanname IN ('sql', 'plpgsql'))
                  SELECT b.signature, m.lit[1]
                  FROM body AS b, regexp_matches(b.src, '''(?:[^'']|'''')*''', 'g') AS m(lit)
                  WHERE pg_temp.cites_working_copy(m.lit[1])$$,
                'no string literal of an SQL or PL/pgSQL function cites the working copies');

SELECT cmp_ok((SELECT count(*) FROM extension_function AS f, regexp_matches(f.prosrc, 'docs/methodology\.md §', 'g')),
              '>', 0::bigint, 'the function bodies cite docs/methodology.md instead');

-- Shipped rows of every table (workflow transitions, rules, reference data).
CREATE FUNCTION pg_temp.tables_citing_working_copies() RETURNS SETOF regclass LANGUAGE plpgsql AS $$
DECLARE
    r regclass;
    hit boolean;
BEGIN
    FOR r IN SELECT c.oid::regclass FROM pg_catalog.pg_class AS c
             WHERE c.relnamespace = 'perf_eval'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1 LOOP
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s AS t WHERE pg_temp.cites_working_copy(t::text))', r) INTO hit;
        IF hit THEN
            RETURN NEXT r;
        END IF;
    END LOOP;
END
$$;
SELECT is_empty($$SELECT * FROM pg_temp.tables_citing_working_copies()$$,
                'no shipped row of a perf_eval table cites the working copies');

-- The C module's string constants (messages, hints, clause texts). The debug
-- information holds identifiers such as "seed" (pg_prng), so only citation
-- forms are looked for: a word "seed" followed by a space, "seeds", "seed's".
SELECT is((SELECT sum(position(convert_to(w.pattern, 'UTF8') IN m.bytes))
           FROM unnest(ARRAY['seed ', 'Seed ', 'seeds', 'seed''s', 'METHODOLOGY §', 'METHODOLOGY.md']) AS w(pattern), (SELECT pg_catalog.pg_read_binary_file(
                            replace(f.probin, '$libdir', (SELECT setting FROM pg_catalog.pg_config
                                                          WHERE name = 'PKGLIBDIR')) || '.so') AS bytes
                 FROM extension_function AS f WHERE f.lanname = 'c' LIMIT 1) AS m),
          0::bigint, 'no string constant of the C module cites the working copies');

SELECT * FROM finish();
ROLLBACK;
