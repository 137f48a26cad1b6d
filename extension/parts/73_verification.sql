-- =========================================================================
-- Section: reported and verified values; penalties derived from them and
-- from the submission schedule (docs/methodology.md §3.4, §5.2 W, §3.7)
--
-- A body reports its inputs; an editor or the block's assessor re-verifies
-- some of them on site and records what re-verification found
-- (perf_eval.record_verification): the reported value is kept in
-- perf_eval.input_verification and the input row takes the verified value,
-- with perf_eval.change_reason naming the document, so the input history,
-- the inputs digest and the incremental recalculation all see it and a run
-- uses the verified value. A submitter cannot put the reported value back
-- (perf_eval.verified_values_kept, attached to every input relation).
--
-- Unreliable reporting information is information whose re-verification
-- finds facts inappropriate to reality (Order of 27/28 Jan 2020, paragraph 3,
-- sub-paragraph 9; seed 002 line 71); untimely information is placed after
-- the term of the assessment schedule (sub-paragraph 31; seed 002 line 115).
-- perf_eval.derive_penalty_events(year) turns both into penalty_event rows
-- of origin 'derived' (hand-entered ones are 'manual').
-- =========================================================================

-- Which input relations a body reports, the block that reads them and the
-- prefix of that block's reporting-penalty parameters (NULL: none).
CREATE TABLE perf_eval.reported_relation (
    relation        regclass PRIMARY KEY REFERENCES perf_eval.input_relation (relation),
    block           text NOT NULL REFERENCES perf_eval.block (code),
    penalty_prefix  text CHECK (penalty_prefix ~ '^[a-z_]+\.penalty\.$')
);
COMMENT ON COLUMN perf_eval.reported_relation.relation IS 'Input relation whose values a body reports (perf_eval.input_relation)';
COMMENT ON COLUMN perf_eval.reported_relation.block IS 'Block whose nodes read the relation (perf_eval.block.code)';
COMMENT ON COLUMN perf_eval.reported_relation.penalty_prefix IS 'Prefix of the block''s reporting-penalty parameters (goals.penalty. or hr.penalty.; the penalty_event kinds unreliable and untimely); NULL: the methodology sets no reporting penalty for it';
COMMENT ON TABLE perf_eval.reported_relation IS
'Input relations a body reports: the block that reads each and the prefix of its reporting-penalty parameters (docs/methodology.md §3.4, §5.2); their values can be re-verified and feed the risk signals';
INSERT INTO perf_eval.reported_relation VALUES
('perf_eval.target_indicator', 'goals', 'goals.penalty.'),
('perf_eval.budget_programme', 'goals', 'goals.penalty.'),
('perf_eval.budget_programme_result', 'goals', 'goals.penalty.'),
('perf_eval.complaint_counts', 'interaction', NULL),
('perf_eval.service_counts', 'interaction', NULL),
('perf_eval.service_indicators', 'interaction', NULL),
('perf_eval.openness_inputs', 'interaction', NULL),
('perf_eval.orgdev_hr_inputs', 'orgdev', 'hr.penalty.'),
('perf_eval.orgdev_headcount_month', 'orgdev', 'hr.penalty.'),
('perf_eval.orgdev_it_inputs', 'orgdev', 'hr.penalty.'),
('perf_eval.orgdev_information_system', 'orgdev', 'hr.penalty.');

CREATE TABLE perf_eval.input_verification (
    verification_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relation         regclass NOT NULL REFERENCES perf_eval.input_relation (relation),
    row_key          jsonb NOT NULL,
    field            text NOT NULL,
    body             text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year             integer NOT NULL,
    reported_value   jsonb,
    verified_value   jsonb,
    verified_by      name NOT NULL DEFAULT current_user,
    verified_at      timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    document         text NOT NULL CHECK (document <> ''),
    note             text,
    UNIQUE (body, relation, row_key, field)
);
COMMENT ON COLUMN perf_eval.input_verification.verification_id IS 'Identifier of the verification';
COMMENT ON COLUMN perf_eval.input_verification.relation IS 'Input relation of the verified value (perf_eval.input_relation)';
COMMENT ON COLUMN perf_eval.input_verification.row_key IS 'Primary key of the verified row, as jsonb (column: value)';
COMMENT ON COLUMN perf_eval.input_verification.field IS 'Column whose value was verified';
COMMENT ON COLUMN perf_eval.input_verification.body IS 'Code of the state body the row belongs to';
COMMENT ON COLUMN perf_eval.input_verification.year IS 'Assessed year of the row';
COMMENT ON COLUMN perf_eval.input_verification.reported_value IS 'Value the body reported (jsonb), kept from the first verification of the field';
COMMENT ON COLUMN perf_eval.input_verification.verified_value IS 'Value re-verification found (jsonb); the input row holds it';
COMMENT ON COLUMN perf_eval.input_verification.verified_by IS 'Database role that recorded the verification';
COMMENT ON COLUMN perf_eval.input_verification.verified_at IS 'When the verification was recorded';
COMMENT ON COLUMN perf_eval.input_verification.document IS 'Document of the re-verification (act, protocol) the verified value comes from';
COMMENT ON COLUMN perf_eval.input_verification.note IS 'Free-text note';
COMMENT ON TABLE perf_eval.input_verification IS
'Reported and verified values of inputs: a re-verification''s finding per row and column, who recorded it, when and on which document; the input row holds the verified value (perf_eval.record_verification). A verified value different from the reported one is a fact of unreliable reporting information (docs/methodology.md §3.4)';
CREATE INDEX input_verification_year_body ON perf_eval.input_verification (year, body);

-- The term of each input kind's reports: deadline = working_days working
-- days after opens_on (cs_add_working_days: the day after is day 1).
CREATE TABLE perf_eval.submission_schedule (
    input_kind    text NOT NULL REFERENCES perf_eval.import_kind (input_kind),
    year          integer NOT NULL,
    block         text NOT NULL REFERENCES perf_eval.block (code),
    opens_on      date NOT NULL,
    working_days  integer NOT NULL CHECK (working_days BETWEEN 1 AND 2600),
    PRIMARY KEY (input_kind, year)
);
COMMENT ON COLUMN perf_eval.submission_schedule.input_kind IS 'Input kind reported (perf_eval.import_kind); its rows are those of its staging tables'' target tables';
COMMENT ON COLUMN perf_eval.submission_schedule.year IS 'Assessed year of the reports';
COMMENT ON COLUMN perf_eval.submission_schedule.block IS 'Block whose untimely-reporting penalty applies (goals: goals.penalty.untimely; orgdev: hr.penalty.untimely)';
COMMENT ON COLUMN perf_eval.submission_schedule.opens_on IS 'Date the term is counted from';
COMMENT ON COLUMN perf_eval.submission_schedule.working_days IS 'Working days of the term after opens_on (count)';
COMMENT ON TABLE perf_eval.submission_schedule IS
'The schedule of assessment: per input kind and year, the term of the reports in working days after a date; a body whose first rows of the kind entered after it reported untimely (docs/methodology.md §3.4)';

CREATE FUNCTION perf_eval.submission_deadline(opens_on date, working_days integer)
RETURNS date
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.cs_add_working_days(opens_on, working_days) $$;
COMMENT ON FUNCTION perf_eval.submission_deadline(date, integer) IS
'Last day of a report''s term: the working_days-th working day after opens_on on the working calendar (perf_eval.cs_add_working_days)';

SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_verification', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_verification_verification_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.submission_schedule', '');

-- The primary-key columns of a relation.
CREATE FUNCTION perf_eval.key_columns(relation regclass)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_agg(a.attname::text ORDER BY k.ord)
    FROM pg_catalog.pg_index AS i
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = $1 AND i.indisprimary
$$;
COMMENT ON FUNCTION perf_eval.key_columns(regclass) IS 'Names of the primary-key columns of a table, in key order';

-- Who records verifications: editors (and so assessors and admins).
CREATE FUNCTION perf_eval.refuse_non_verifier()
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_catalog.pg_has_role(current_user, 'perf_eval_editor', 'MEMBER') THEN
        RAISE EXCEPTION 'only editors and assessors record verified values'
            USING ERRCODE = '42501',
                  HINT = 'Ask a member of perf_eval_editor (an editor, the block''s assessor or an admin) to record the re-verification''s finding.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_non_verifier() IS
'Refuses (42501) a role that is not a member of perf_eval_editor: only editors, assessors and admins record verified values';

-- The one input row a key names (22023 if the relation is no input relation,
-- P0002 if no row, 21000 if several).
CREATE FUNCTION perf_eval.input_row_of(relation regclass, row_key jsonb)
RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found_rows bigint;
    result jsonb;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.input_relation AS i WHERE i.relation = input_row_of.relation) THEN
        RAISE EXCEPTION '% is not an input relation', relation
            USING ERRCODE = '22023', HINT = 'perf_eval.input_relation lists the tables whose values can be verified.';
    END IF;
    EXECUTE pg_catalog.format('SELECT count(*), min(pg_catalog.to_jsonb(t)::text)::jsonb FROM %s AS t
                               WHERE pg_catalog.to_jsonb(t) @> $1', relation)
    INTO found_rows, result USING row_key;
    IF found_rows <> 1 THEN
        RAISE EXCEPTION '% rows of % match the key %', found_rows, relation, row_key
            USING ERRCODE = CASE WHEN found_rows = 0 THEN 'P0002' ELSE '21000' END,
                  HINT = pg_catalog.format('Name one row by its key columns (%s) as jsonb, e.g. {"body": "MA", "year": 2020, ...}.',
                                           pg_catalog.array_to_string(perf_eval.key_columns(relation), ', '));
    END IF;
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.input_row_of(regclass, jsonb) IS
'The one row of an input relation whose jsonb contains the key, as jsonb; 22023 if the relation is not an input relation, P0002 if no row matches, 21000 if several do';

-- Where an input row stands: its key (the relation's key columns) and its
-- year (the year column, or the year of the month column).
CREATE FUNCTION perf_eval.input_row_place(relation regclass, input_row jsonb)
RETURNS TABLE (row_key jsonb, year integer)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (SELECT pg_catalog.jsonb_object_agg(c, $2 -> c) FROM unnest(perf_eval.key_columns($1)) AS c),
           coalesce(($2 ->> i.year_column)::integer, extract(year FROM ($2 ->> i.month_column)::date)::integer)
    FROM perf_eval.input_relation AS i WHERE i.relation = $1
$$;
COMMENT ON FUNCTION perf_eval.input_row_place(regclass, jsonb) IS
'The key (its key columns, as jsonb) and the year (its year column, or the year of its month column) of a row of an input relation given as jsonb; no row if the relation is not an input relation';

-- The type of a value column of an input relation: a column a verification
-- or a what-if may change. Not a key column, not the body or the year or
-- month column that place the row, not a generated or identity column, not
-- who or when loaded it (loaded_by, loaded_at, refreshed_at: a name ending in
-- _by or _at). 42703 otherwise, listing the value columns.
CREATE FUNCTION perf_eval.input_value_column(relation regclass, field text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    field_type text;
    value_columns text;
BEGIN
    WITH value_column AS (
        SELECT a.attname::text AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnum
        FROM pg_catalog.pg_attribute AS a
        LEFT JOIN perf_eval.input_relation AS i ON i.relation = input_value_column.relation
        WHERE a.attrelid = input_value_column.relation AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attgenerated = '' AND a.attidentity = '' AND a.attname !~ '_(by|at)$'
          AND a.attname <> ALL (coalesce(perf_eval.key_columns(input_value_column.relation), '{}')
                                || ARRAY['body', coalesce(i.year_column, ''), coalesce(i.month_column, '')]))
    SELECT (SELECT c.type FROM value_column AS c WHERE c.name = input_value_column.field),
           (SELECT pg_catalog.string_agg(c.name, ', ' ORDER BY c.attnum) FROM value_column AS c)
    INTO field_type, value_columns;
    IF field_type IS NULL THEN
        RAISE EXCEPTION '% has no value column "%"', relation, coalesce(field, '(none)')
            USING ERRCODE = '42703',
                  HINT = pg_catalog.format('Name a value column of the row: %s (not a key column, not the body, year or month, not who or when loaded it).',
                                           coalesce(value_columns, 'none'));
    END IF;
    RETURN field_type;
END
$$;
COMMENT ON FUNCTION perf_eval.input_value_column(regclass, text) IS
'The type of a value column of an input relation, the columns perf_eval.record_verification and perf_eval.what_if may change: 42703 for a key column, the body, the year or month column, a generated or identity column, a column of who or when (name ending in _by or _at) or no column at all, listing the value columns';

-- Records what re-verification found: keeps the reported value, puts the
-- verified one into the input row (the history says why: the document).
CREATE FUNCTION perf_eval.record_verification(relation regclass, row_key jsonb, field text, verified_value text,
                                              document text, note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    input_row jsonb;
    field_type text;
    place record;
    previous_reason text := pg_catalog.current_setting('perf_eval.change_reason', true);
    id bigint;
BEGIN
    PERFORM perf_eval.refuse_non_verifier();
    IF coalesce(pg_catalog.btrim(document), '') = '' THEN
        RAISE EXCEPTION 'a verification names its document'
            USING ERRCODE = '22023', HINT = 'Pass the act or protocol of the re-verification as document.';
    END IF;
    input_row := perf_eval.input_row_of(relation, row_key);
    field_type := perf_eval.input_value_column(relation, field);
    SELECT p.row_key, p.year INTO place FROM perf_eval.input_row_place(relation, input_row) AS p;

    PERFORM pg_catalog.set_config('perf_eval.change_reason', 'verification: ' || document, true);
    EXECUTE pg_catalog.format('UPDATE %s AS t SET %I = $1::%s WHERE pg_catalog.to_jsonb(t) @> $2', relation, field, field_type)
    USING verified_value, place.row_key;
    PERFORM pg_catalog.set_config('perf_eval.change_reason', coalesce(previous_reason, ''), true);

    INSERT INTO perf_eval.input_verification AS v (relation, row_key, field, body, year, reported_value, verified_value,
                                                   document, note)
    VALUES (relation, place.row_key, field, input_row ->> 'body', place.year,
            input_row -> field, perf_eval.input_row_of(relation, place.row_key) -> field, document, note)
    ON CONFLICT ON CONSTRAINT input_verification_body_relation_row_key_field_key DO UPDATE
    SET verified_value = EXCLUDED.verified_value, document = EXCLUDED.document, note = EXCLUDED.note,
        verified_by = current_user, verified_at = pg_catalog.clock_timestamp()
    RETURNING v.verification_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.record_verification(regclass, jsonb, text, text, text, text) IS
'Records what re-verification found for one value of an input row (named by its key as jsonb): keeps the reported value (the first one, if verified again) in perf_eval.input_verification and puts the verified value into the row, with perf_eval.change_reason ''verification: <document>'' in the input history, so the next run uses it. Editors, assessors and admins only (42501); returns the verification''s id';

-- A submitter cannot put back a value re-verification corrected: a row it
-- inserts or updates must hold the verified value of every verified column.
CREATE FUNCTION perf_eval.verified_values_kept()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    hit record;
BEGIN
    IF pg_catalog.pg_has_role(current_user, 'perf_eval_editor', 'MEMBER') OR perf_eval.restoring_dump()
       OR NOT EXISTS (SELECT 1 FROM perf_eval.input_verification AS v WHERE v.relation = TG_RELID) THEN
        RETURN NULL;
    END IF;
    SELECT v.verification_id, v.field, v.row_key, v.verified_value, v.document, pg_catalog.to_jsonb(n) -> v.field AS given
    INTO hit
    FROM perf_eval.input_verification AS v JOIN new_rows AS n ON pg_catalog.to_jsonb(n) @> v.row_key
    WHERE v.relation = TG_RELID AND (pg_catalog.to_jsonb(n) -> v.field) IS DISTINCT FROM v.verified_value
    ORDER BY v.verification_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% of % % was verified as %', hit.field, TG_RELID::regclass, hit.row_key, hit.verified_value
            USING ERRCODE = '42501',
                  DETAIL = pg_catalog.format('The change would set it to %s; verification %s, document %s.',
                                             coalesce(hit.given::text, 'NULL'), hit.verification_id, hit.document),
                  HINT = 'A verified value is changed only by an editor or assessor (perf_eval.record_verification); file an objection if the verification is wrong.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.verified_values_kept() IS
'Statement-level trigger of the input relations (transition table new_rows): refuses (42501) a role that is not an editor when a row it writes holds another value than the verified one of a verified column';

CREATE PROCEDURE perf_eval.keep_verified_values(relation regclass)
LANGUAGE plpgsql
AS $$
DECLARE
    event text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE'] LOOP
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER %I AFTER %s ON %s REFERENCING NEW TABLE AS new_rows
                                   FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.verified_values_kept()',
                                  'verified_values_kept_' || pg_catalog.lower(event), event, relation);
    END LOOP;
END
$$;
COMMENT ON PROCEDURE perf_eval.keep_verified_values(regclass) IS
'Attaches the triggers that keep verified values (perf_eval.verified_values_kept) to an input relation; done for every input relation at install (74_keep_input_history.sql), by its owner for a relation listed later';
REVOKE EXECUTE ON PROCEDURE perf_eval.keep_verified_values(regclass) FROM PUBLIC;


-- The facts of unreliable and untimely reporting of a year, each with the
-- penalty parameter that prices it.
CREATE FUNCTION perf_eval.reporting_penalty_facts(year integer)
RETURNS TABLE (body text, block text, kind text, parameter text, note text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT v.body, r.block, 'unreliable', r.penalty_prefix || 'unreliable',
           pg_catalog.format('derived: %s %s %s reported %s, verified %s (%s)',
                             v.relation, v.row_key, v.field, v.reported_value, v.verified_value, v.document)
    FROM perf_eval.input_verification AS v
    JOIN perf_eval.reported_relation AS r ON r.relation = v.relation
    WHERE v.year = $1 AND r.penalty_prefix IS NOT NULL AND v.reported_value IS DISTINCT FROM v.verified_value
    UNION ALL
    SELECT f.body, s.block, 'untimely', CASE s.block WHEN 'goals' THEN 'goals.penalty.untimely' ELSE 'hr.penalty.untimely' END,
           pg_catalog.format('derived: %s of %s first entered %s, after the deadline %s (%s working days after %s)',
                             s.input_kind, $1, f.first_entered::date, d.deadline, s.working_days, s.opens_on)
    FROM perf_eval.submission_schedule AS s
    CROSS JOIN LATERAL (SELECT perf_eval.submission_deadline(s.opens_on, s.working_days) AS deadline) AS d
    CROSS JOIN LATERAL (
        SELECT r.row_data ->> 'body' AS body, min(h.changed_at) AS first_entered
        FROM perf_eval.import_staging AS st
        JOIN perf_eval.input_history AS h ON h.relation = 'perf_eval.' || st.target AND h.change = 'added'
        JOIN perf_eval.input_row AS r ON r.row_digest = h.row_digest
        WHERE st.input_kind = s.input_kind AND (r.row_data ->> 'year')::integer = $1
        GROUP BY r.row_data ->> 'body') AS f
    WHERE s.year = $1 AND s.block IN ('goals', 'orgdev') AND f.first_entered::date > d.deadline
    ORDER BY 1, 3, 5
$$;
COMMENT ON FUNCTION perf_eval.reporting_penalty_facts(integer) IS
'The reporting penalty facts of a year found in the data: each verified value different from the reported one in a relation with reporting penalties (unreliable), each body whose first rows of an input kind entered after the kind''s deadline in perf_eval.submission_schedule (untimely); with the parameter that prices the fact (docs/methodology.md §3.4, §5.2)';

CREATE FUNCTION perf_eval.derive_penalty_events(year integer)
RETURNS TABLE (penalty_id bigint, body text, block text, kind text, parameter text, note text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    previous_reason constant text := pg_catalog.current_setting('perf_eval.change_reason', true);
BEGIN
    IF year IS NULL THEN
        RAISE EXCEPTION 'derive_penalty_events needs a year' USING ERRCODE = '22004', HINT = 'Pass the assessed year.';
    END IF;
    PERFORM pg_catalog.set_config('perf_eval.change_reason', 'derived penalties', true);
    DELETE FROM perf_eval.penalty_event AS e WHERE e.year = derive_penalty_events.year AND e.origin = 'derived';
    RETURN QUERY
    WITH facts AS (SELECT f.* FROM perf_eval.reporting_penalty_facts(derive_penalty_events.year) AS f),
         added AS (
        INSERT INTO perf_eval.penalty_event AS e (body, year, block, kind, count, note, origin)
        SELECT f.body, derive_penalty_events.year, f.block, f.kind, 1, f.note || '; parameter ' || f.parameter, 'derived'
        FROM facts AS f
        RETURNING e.penalty_id, e.body, e.block, e.kind, e.note)
    SELECT a.penalty_id, a.body, a.block, a.kind,
           CASE a.block WHEN 'goals' THEN 'goals.penalty.' ELSE 'hr.penalty.' END || a.kind, a.note
    FROM added AS a ORDER BY a.penalty_id;
    PERFORM pg_catalog.set_config('perf_eval.change_reason', coalesce(previous_reason, ''), true);
END
$$;
COMMENT ON FUNCTION perf_eval.derive_penalty_events(integer) IS
'Replaces the derived penalty facts of a year (penalty_event rows of origin derived; manual ones stay) by those the data shows now (perf_eval.reporting_penalty_facts): one fact per unreliable value and per untimely report, priced at the next run by the parameter named in the note (input history reason: derived penalties); returns them. Run it again after new verifications: it is idempotent';

-- Both values beside each other, per body, year and block (the explanation layer).
CREATE FUNCTION perf_eval.verified_inputs(body text, year integer, block text DEFAULT NULL)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'relation', v.relation::text, 'key', v.row_key, 'field', v.field,
               'reported', v.reported_value, 'verified', v.verified_value,
               'verified_by', v.verified_by, 'verified_at', v.verified_at, 'document', v.document)
           ORDER BY v.relation::text, v.row_key::text, v.field)
    FROM perf_eval.input_verification AS v
    LEFT JOIN perf_eval.reported_relation AS r ON r.relation = v.relation
    WHERE v.body = $1 AND v.year = $2 AND ($3 IS NULL OR r.block = $3 OR $3 = 'composite')
$$;
COMMENT ON FUNCTION perf_eval.verified_inputs(text, integer, text) IS
'The verified inputs of a body and year (of one block, or all when NULL or composite) as a jsonb array: relation, key, field, reported and verified value, who, when, document; NULL if none';

CREATE VIEW perf_eval.result_node_verified WITH (security_invoker = true) AS
SELECT r.year, r.methodology, r.body, r.node, r.block, r.result_kind, r.is_default, r.value,
       r.explanation || pg_catalog.jsonb_build_object('verified_inputs', perf_eval.verified_inputs(r.body, r.year, r.block))
           AS explanation
FROM perf_eval.result_node AS r
WHERE r.level = 'block'
  AND EXISTS (SELECT 1 FROM perf_eval.input_verification AS v WHERE v.body = r.body AND v.year = r.year);
COMMENT ON COLUMN perf_eval.result_node_verified.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_node_verified.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_node_verified.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_node_verified.node IS 'Code of the block node';
COMMENT ON COLUMN perf_eval.result_node_verified.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.result_node_verified.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_node_verified.is_default IS 'True for the result shown by default';
COMMENT ON COLUMN perf_eval.result_node_verified.value IS 'Block score in points, unrounded';
COMMENT ON COLUMN perf_eval.result_node_verified.explanation IS 'The explanation of the block with verified_inputs: each reported value beside its verified one (jsonb)';
COMMENT ON VIEW perf_eval.result_node_verified IS
'Block scores of the bodies with verified inputs, the explanation extended by verified_inputs: every reported value beside its verified one (perf_eval.verified_inputs), which the run used';

-- Readers read (row-level security as for the inputs); submitters only their
-- bodies' verifications and schedule; editors, assessors and admins record.
GRANT SELECT ON perf_eval.reported_relation, perf_eval.submission_schedule, perf_eval.input_verification,
      perf_eval.result_node_verified TO perf_eval_reader;
GRANT SELECT ON perf_eval.input_verification, perf_eval.submission_schedule, perf_eval.reported_relation
   TO perf_eval_submitter;
GRANT INSERT, UPDATE, DELETE ON perf_eval.input_verification, perf_eval.submission_schedule TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.input_verification_verification_id_seq TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.reported_relation TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.record_verification(regclass, jsonb, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.record_verification(regclass, jsonb, text, text, text, text) TO perf_eval_editor;
REVOKE EXECUTE ON FUNCTION perf_eval.derive_penalty_events(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.derive_penalty_events(integer) TO perf_eval_editor;

ALTER TABLE perf_eval.input_verification ENABLE ROW LEVEL SECURITY;
-- A verification carries the body's values: restricted as the block's inputs are.
CREATE POLICY staff_all ON perf_eval.input_verification TO perf_eval_editor
    USING (perf_eval.may_see_values(body, (SELECT r.block FROM perf_eval.reported_relation AS r WHERE r.relation = input_verification.relation), year))
    WITH CHECK (perf_eval.may_see_values(body, (SELECT r.block FROM perf_eval.reported_relation AS r WHERE r.relation = input_verification.relation), year));
CREATE POLICY readers_read ON perf_eval.input_verification FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, (SELECT r.block FROM perf_eval.reported_relation AS r WHERE r.relation = input_verification.relation), year));
CREATE POLICY submitter_own_body ON perf_eval.input_verification FOR SELECT TO perf_eval_submitter
    USING (perf_eval.submits_for(body));
