-- =========================================================================
-- Section: one import machinery for every input kind (METHODOLOGY §4.5)
--
-- A file is \copy'd into its staging table (every column text, line_no in
-- load order). The part of an input kind declares, once, its staging tables
-- (perf_eval.import_staging: key, target table, order of the move) and their
-- typed fields (perf_eval.import_field: kind, required), plus a rules
-- function for what relates values to each other. perf_eval.import_report()
-- checks every kind the same way (body, year, each field by its kind,
-- duplicates, then the kind's rules) and returns one row shape,
-- perf_eval.import_problem; perf_eval.import_accept() refuses while that
-- report has rows, moves the rows and empties the staging tables.
-- Uses perf_eval.body (25_bodies.sql) when it runs.
-- =========================================================================

-- Texts of staged values: a non-negative integer, a finite decimal, a boolean.
CREATE FUNCTION perf_eval.is_count_text(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT $1 ~ '^\s*[0-9]{1,18}\s*$' $$;

CREATE FUNCTION perf_eval.count_or_null(value text)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN perf_eval.is_count_text($1) THEN trim($1)::bigint END $$;

CREATE FUNCTION perf_eval.is_numeric_text(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT $1 ~ '^\s*-?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$' $$;

CREATE FUNCTION perf_eval.numeric_or_null(value text)
RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN perf_eval.is_numeric_text($1) THEN trim($1)::numeric END $$;
COMMENT ON FUNCTION perf_eval.numeric_or_null(text) IS
'A staged text as numeric, NULL if it is not a finite decimal number';

CREATE FUNCTION perf_eval.boolean_or_null(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN lower(trim($1)) IN ('true', 't', 'yes', 'y', '1') THEN true
                WHEN lower(trim($1)) IN ('false', 'f', 'no', 'n', '0') THEN false END
$$;
COMMENT ON FUNCTION perf_eval.boolean_or_null(text) IS
'A staged text as boolean (true/false, t/f, yes/no, y/n, 1/0), NULL if it is none of them';

-- The kinds of staged field and their one message per rule.
CREATE FUNCTION perf_eval.import_value_problem(value text, kind text, required boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN $1 IS NULL OR trim($1) = '' THEN CASE WHEN $3 THEN 'missing' END
        WHEN $2 = 'month' THEN CASE WHEN NOT coalesce(perf_eval.count_or_null($1) BETWEEN 1 AND 12, false)
                                    THEN 'month must be 1 to 12' END
        WHEN $2 = 'count' AND $1 ~ '^\s*-' THEN 'must not be negative'
        WHEN $2 = 'count' AND NOT perf_eval.is_count_text($1) THEN 'must be a whole number'
        WHEN $2 = 'boolean' THEN CASE WHEN perf_eval.boolean_or_null($1) IS NULL THEN 'must be true or false' END
        WHEN $2 NOT IN ('number', 'percent', 'fraction', 'nonnegative') THEN NULL
        WHEN NOT perf_eval.is_numeric_text($1) THEN 'must be a number'
        WHEN $2 = 'percent' AND NOT trim($1)::numeric BETWEEN 0 AND 100 THEN 'must lie between 0 and 100'
        WHEN $2 = 'fraction' AND NOT trim($1)::numeric BETWEEN 0 AND 1 THEN 'must lie between 0 and 1'
        WHEN $2 = 'nonnegative' AND trim($1)::numeric < 0 THEN 'must not be negative'
    END
$$;
COMMENT ON FUNCTION perf_eval.import_value_problem(text, text, boolean) IS
'The problem of one staged value of a field kind, or NULL: missing (if required); count (whole, >= 0), number, percent (0..100), fraction (0..1), nonnegative (>= 0), boolean, month (1..12); code, word and text are free (docs/methodology.md §4.5)';

-- The one row shape of every import report.
CREATE TYPE perf_eval.import_problem AS (
    staging     text,
    line        bigint,
    body        text,
    year        text,
    field       text,
    reason      text,
    staging_id  bigint
);
COMMENT ON TYPE perf_eval.import_problem IS
'One problem of a staged row: staging table, line (position of the row in the loaded file), body and year as loaded, field, reason, staging_id (the row''s line_no)';

CREATE TABLE perf_eval.import_kind (
    input_kind  text PRIMARY KEY CHECK (input_kind ~ '^[a-z_]+$'),
    report      text NOT NULL,
    refusal     text NOT NULL,
    rules       text,
    before_move text
);
COMMENT ON COLUMN perf_eval.import_kind.input_kind IS 'Name of the input kind, e.g. complaint_counts, interaction';
COMMENT ON COLUMN perf_eval.import_kind.report IS 'Public report function of the kind (its name in perf_eval), named in the refusal''s hint';
COMMENT ON COLUMN perf_eval.import_kind.refusal IS 'Message of a refused accept; %s is the number of problems';
COMMENT ON COLUMN perf_eval.import_kind.rules IS 'Function (qualified name) returning (staging, staging_id, field, reason) for the rules between values of the kind; NULL: none';
COMMENT ON COLUMN perf_eval.import_kind.before_move IS 'Procedure (qualified name) called after the checks and before the rows move; NULL: none';
COMMENT ON TABLE perf_eval.import_kind IS
'Input kinds loaded through staging tables, their report, refusal message, rules and preparation (docs/methodology.md §4.5)';

CREATE TABLE perf_eval.import_staging (
    staging             text PRIMARY KEY,
    input_kind          text NOT NULL REFERENCES perf_eval.import_kind,
    move_order          integer NOT NULL,
    target              text NOT NULL,
    key_columns         text[] NOT NULL,
    replaces_body_year  boolean NOT NULL DEFAULT false,
    duplicate_reason    text NOT NULL DEFAULT 'duplicate of line %s'
);
COMMENT ON COLUMN perf_eval.import_staging.staging IS 'Staging table in perf_eval (columns line_no, body, year and text fields)';
COMMENT ON COLUMN perf_eval.import_staging.input_kind IS 'Input kind the staging table belongs to';
COMMENT ON COLUMN perf_eval.import_staging.move_order IS 'Order in which accept moves the staging tables of a kind (a referenced table first)';
COMMENT ON COLUMN perf_eval.import_staging.target IS 'Table in perf_eval the rows move into';
COMMENT ON COLUMN perf_eval.import_staging.key_columns IS 'Key of a row: a later row with the same (trimmed) key is a duplicate; also the conflict target of the move';
COMMENT ON COLUMN perf_eval.import_staging.replaces_body_year IS 'True: a staged body-year replaces every loaded row of it; false: a staged row replaces the loaded row of its key';
COMMENT ON COLUMN perf_eval.import_staging.duplicate_reason IS 'Reason of a duplicate; %s is the line it repeats';
COMMENT ON TABLE perf_eval.import_staging IS
'Staging tables of the input kinds: key, target table, how a staged row replaces loaded ones (docs/methodology.md §4.5)';

CREATE TABLE perf_eval.import_field (
    staging         text NOT NULL REFERENCES perf_eval.import_staging,
    field           text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('count', 'number', 'percent', 'fraction', 'nonnegative', 'boolean',
                                                  'month', 'code', 'word', 'text')),
    required        boolean NOT NULL DEFAULT false,
    missing_reason  text,
    target_column   text,
    default_value   text,
    PRIMARY KEY (staging, field)
);
COMMENT ON COLUMN perf_eval.import_field.staging IS 'Staging table of the field';
COMMENT ON COLUMN perf_eval.import_field.field IS 'Column of the staging table (body and year are checked for every table and not listed)';
COMMENT ON COLUMN perf_eval.import_field.kind IS 'count | number | percent | fraction | nonnegative | boolean | month: checked and typed; code (trimmed), word (trimmed, lower case), text (as loaded): not checked';
COMMENT ON COLUMN perf_eval.import_field.required IS 'True if an empty value is a problem';
COMMENT ON COLUMN perf_eval.import_field.missing_reason IS 'Reason reported for a missing required value; NULL: missing';
COMMENT ON COLUMN perf_eval.import_field.target_column IS 'Column of the target table; NULL: the same name';
COMMENT ON COLUMN perf_eval.import_field.default_value IS 'Value loaded for an empty optional field; NULL: NULL';
COMMENT ON TABLE perf_eval.import_field IS
'Every field of every staging table moved or checked by the import machinery, with its kind (docs/methodology.md §4.5)';

GRANT SELECT ON perf_eval.import_kind, perf_eval.import_staging, perf_eval.import_field TO perf_eval_reader;

-- Every problem of the staged rows of an input kind, in no particular order.
CREATE FUNCTION perf_eval.import_report(input_kind text)
RETURNS SETOF perf_eval.import_problem
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    staged text;
    rules text;
BEGIN
    SELECT string_agg(format('SELECT %L::text AS staging, row_number() OVER (ORDER BY s.line_no) AS line, s.line_no,'
                             ' s.body, s.year, to_jsonb(s) AS fields FROM perf_eval.%I AS s', st.staging, st.staging),
                      ' UNION ALL ' ORDER BY st.staging),
           min(k.rules)
    INTO staged, rules
    FROM perf_eval.import_staging AS st JOIN perf_eval.import_kind AS k ON k.input_kind = st.input_kind
    WHERE st.input_kind = $1;
    IF staged IS NULL THEN
        RAISE EXCEPTION 'unknown input kind %', coalesce($1, 'NULL')
            USING ERRCODE = '22023', HINT = 'perf_eval.import_kind lists the input kinds.';
    END IF;
    RETURN QUERY EXECUTE format($query$
        WITH staged AS (%s),
        keyed AS (
            SELECT s.staging, s.line,
                   array_to_string(st.key_columns, ', ') AS key_field, st.duplicate_reason,
                   min(s.line) OVER (PARTITION BY s.staging, k.key) AS first_line
            FROM staged AS s
            JOIN perf_eval.import_staging AS st ON st.staging = s.staging
            CROSS JOIN LATERAL (SELECT array_agg(trim(s.fields ->> c.name) ORDER BY c.n) AS key
                                FROM unnest(st.key_columns) WITH ORDINALITY AS c(name, n)) AS k
        ),
        problems AS (
            SELECT s.staging, s.line, 'body'::text AS field, 'unknown body code'::text AS reason
            FROM staged AS s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = trim(s.body))
            UNION ALL
            SELECT s.staging, s.line, 'year', 'year must be an integer'
            FROM staged AS s WHERE s.year IS NULL OR s.year !~ '^\s*[0-9]{4}\s*$'
            UNION ALL
            SELECT s.staging, s.line, f.field,
                   CASE WHEN p.reason = 'missing' THEN coalesce(f.missing_reason, p.reason) ELSE p.reason END
            FROM staged AS s
            JOIN perf_eval.import_field AS f ON f.staging = s.staging
            CROSS JOIN LATERAL (SELECT perf_eval.import_value_problem(s.fields ->> f.field, f.kind, f.required)
                                       AS reason) AS p
            WHERE p.reason IS NOT NULL
            UNION ALL
            SELECT d.staging, d.line, d.key_field, format(d.duplicate_reason, d.first_line)
            FROM keyed AS d WHERE d.first_line < d.line
            %s
        )
        SELECT p.staging, p.line, s.body, s.year, p.field, p.reason, s.line_no
        FROM problems AS p JOIN staged AS s ON s.staging = p.staging AND s.line = p.line
    $query$, staged,
    CASE WHEN rules IS NOT NULL
         THEN format('UNION ALL SELECT r.staging, s.line, r.field, r.reason FROM %s() AS r'
                     ' JOIN staged AS s ON s.staging = r.staging AND s.line_no = r.staging_id', rules)
         ELSE '' END);
END
$$;
COMMENT ON FUNCTION perf_eval.import_report(text) IS
'Every problem of the staged rows of an input kind (perf_eval.import_kind) as perf_eval.import_problem rows: unknown body, bad year, each declared field by its kind, duplicates of a key, then the kind''s rules (docs/methodology.md §4.5); empty when the staged rows can be accepted';

-- The report of a kind with one staging table, in line order: the body of its *_report().
CREATE FUNCTION perf_eval.import_report_by_line(input_kind text)
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.line, p.body, p.year, p.field, p.reason, p.staging_id
    FROM perf_eval.import_report($1) AS p
    ORDER BY p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.import_report_by_line(text) IS
'The problems of an input kind with one staging table (line, body, year, field, reason, staging_id) ordered by line, field and reason; the row shape of complaint_counts_report() and supplied_score_report()';

-- The refusal of an accept while the kind's report has rows: no row when it is empty.
CREATE FUNCTION perf_eval.import_refusal(input_kind text)
RETURNS TABLE (message text, hint text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format(k.refusal, n.problems),
           format('SELECT * FROM perf_eval.%s() lists them; nothing was loaded.', k.report)
    FROM perf_eval.import_kind AS k
    CROSS JOIN LATERAL (SELECT count(*) AS problems FROM perf_eval.import_report(k.input_kind)) AS n
    WHERE k.input_kind = $1 AND n.problems > 0
$$;
COMMENT ON FUNCTION perf_eval.import_refusal(text) IS
'The message and hint of a refused accept of an input kind while its report has rows; no row when it is empty';

-- The statement that moves one staging table's rows into its target table.
CREATE FUNCTION perf_eval.import_move_statement(staging text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH st AS (SELECT * FROM perf_eval.import_staging AS i WHERE i.staging = $1),
    moved AS (
        SELECT 'body' AS target_column, 'trim(s.body)' AS expression, 0 AS n
        UNION ALL SELECT 'year', 'trim(s.year)::integer', 0
        UNION ALL
        SELECT coalesce(f.target_column, f.field),
               CASE WHEN f.default_value IS NULL THEN e.expression
                    ELSE format('coalesce(%s, %L)', e.expression, f.default_value) END, 1
        FROM perf_eval.import_field AS f
        CROSS JOIN LATERAL (SELECT CASE
            WHEN f.kind IN ('count', 'month') THEN format('nullif(trim(s.%I), '''')::bigint', f.field)
            WHEN f.kind = 'boolean' THEN format('nullif(trim(s.%I), '''')::boolean', f.field)
            WHEN f.kind = 'code' THEN format('nullif(trim(s.%I), '''')', f.field)
            WHEN f.kind = 'word' THEN format('lower(nullif(trim(s.%I), ''''))', f.field)
            WHEN f.kind = 'text' THEN format('s.%I', f.field)
            ELSE format('nullif(trim(s.%I), '''')::numeric', f.field) END AS expression) AS e
        WHERE f.staging = $1
    ),
    -- on a conflict, the loaded row takes the staged values and its defaults (loaded_by, loaded_at)
    refreshed AS (
        SELECT format('%1$I = EXCLUDED.%1$I', m.target_column) AS assignment, m.n, m.target_column
        FROM moved AS m, st WHERE m.target_column <> ALL (st.key_columns)
        UNION ALL
        SELECT format('%I = DEFAULT', a.attname), 2, a.attname
        FROM st
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = format('perf_eval.%I', st.target)::regclass
        JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
          AND a.attname NOT IN (SELECT m.target_column FROM moved AS m)
    )
    SELECT format('INSERT INTO perf_eval.%I (%s) SELECT %s FROM perf_eval.%I AS s ORDER BY s.line_no',
                  st.target,
                  (SELECT string_agg(quote_ident(m.target_column), ', ' ORDER BY m.n, m.target_column) FROM moved AS m),
                  (SELECT string_agg(m.expression, ', ' ORDER BY m.n, m.target_column) FROM moved AS m), st.staging)
           || CASE WHEN st.replaces_body_year THEN ''
                   ELSE format(' ON CONFLICT (%s) DO UPDATE SET %s',
                               (SELECT string_agg(quote_ident(c), ', ') FROM unnest(st.key_columns) AS c),
                               (SELECT string_agg(r.assignment, ', ' ORDER BY r.n, r.target_column) FROM refreshed AS r))
              END
    FROM st
$$;
COMMENT ON FUNCTION perf_eval.import_move_statement(text) IS
'The INSERT that moves a staging table''s rows into its target table, typed by the fields'' kinds (an empty optional value: its default), replacing the loaded row of the same key unless the staging table replaces whole body-years';

-- Accept an input kind: refused (message and hint returned, nothing moved)
-- while its report has rows; otherwise a staged body-year or key replaces
-- the loaded one, and the staging tables are emptied. A procedure: it
-- writes, and is no part of a query.
CREATE PROCEDURE perf_eval.import_accept(input_kind text, INOUT accepted bigint,
                                         INOUT refusal text DEFAULT NULL, INOUT hint text DEFAULT NULL)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    st record;
    preparation text;
    moved bigint;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    SELECT r.message, r.hint INTO refusal, hint FROM perf_eval.import_refusal(input_kind) AS r;
    IF refusal IS NOT NULL THEN
        RETURN;
    END IF;
    SELECT k.before_move INTO preparation FROM perf_eval.import_kind AS k WHERE k.input_kind = import_accept.input_kind;
    IF preparation IS NOT NULL THEN
        EXECUTE format('CALL %s()', preparation);
    END IF;
    accepted := 0;
    -- The rows a load replaces leave with the reason load in the inputs'
    -- history unless the caller says why (perf_eval.change_reason; the SET
    -- clause restores it on return).
    PERFORM pg_catalog.set_config('perf_eval.change_reason',
                                  coalesce(nullif(pg_catalog.current_setting('perf_eval.change_reason', true), ''), 'load'), true);
    FOR st IN SELECT i.staging, i.target, i.replaces_body_year FROM perf_eval.import_staging AS i
              WHERE i.input_kind = import_accept.input_kind ORDER BY i.move_order LOOP
        IF st.replaces_body_year THEN
            EXECUTE format('DELETE FROM perf_eval.%I AS t USING (SELECT DISTINCT trim(s.body) AS body,'
                           ' trim(s.year)::integer AS year FROM perf_eval.%I AS s) AS f'
                           ' WHERE t.body = f.body AND t.year = f.year', st.target, st.staging);
        END IF;
        EXECUTE perf_eval.import_move_statement(st.staging);
        GET DIAGNOSTICS moved = ROW_COUNT;
        accepted := accepted + moved;
    END LOOP;
    FOR st IN SELECT i.staging FROM perf_eval.import_staging AS i WHERE i.input_kind = import_accept.input_kind LOOP
        EXECUTE format('DELETE FROM perf_eval.%I', st.staging);
    END LOOP;
END
$$;
COMMENT ON PROCEDURE perf_eval.import_accept(text, bigint, text, text) IS
'Accepts the staged rows of an input kind: while perf_eval.import_report(kind) has rows, returns the refusal''s message and hint and moves nothing; otherwise moves every staging table into its target (a staged key or body-year replaces the loaded one), empties them and returns the rows moved';

-- Accept an input kind or raise its refusal: the body of the kinds' accept_*() functions.
CREATE PROCEDURE perf_eval.import_accept_or_raise(input_kind text, INOUT accepted bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    refusal text;
    hint text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CALL perf_eval.import_accept(input_kind, accepted, refusal, hint);
    IF refusal IS NOT NULL THEN
        RAISE EXCEPTION '%', refusal USING ERRCODE = '22023', HINT = hint;
    END IF;
END
$$;
COMMENT ON PROCEDURE perf_eval.import_accept_or_raise(text, bigint) IS
'Accepts the staged rows of an input kind as perf_eval.import_accept does, but raises its refusal (SQLSTATE 22023, the hint naming the report to read) instead of returning it; returns the rows moved';
