-- =========================================================================
-- Section: assessment inputs common to all blocks: complaint counts,
-- supplied scores, penalty events (METHODOLOGY §1.2, §3.4, §4.4)
-- Block-specific inputs live in the block's own part.
-- =========================================================================

-- Yearly complaint counts of a body, when the registry itself is not loaded
-- (the recalculation prefers these; otherwise it merges the monthly tallies).
CREATE TABLE perf_eval.complaint_counts (
    body                        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                        integer NOT NULL,
    considered                  bigint NOT NULL CHECK (considered >= 0),
    late                        bigint NOT NULL CHECK (late >= 0),
    court_satisfied             bigint NOT NULL CHECK (court_satisfied >= 0),
    higher_authority_satisfied  bigint NOT NULL DEFAULT 0 CHECK (higher_authority_satisfied >= 0),
    repeated_satisfied          bigint NOT NULL CHECK (repeated_satisfied >= 0),
    late_disciplined            bigint NOT NULL CHECK (late_disciplined >= 0),
    source                      text,
    loaded_by                   name NOT NULL DEFAULT current_user,
    loaded_at                   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT late_within_considered CHECK (late <= considered),
    CONSTRAINT court_within_considered CHECK (court_satisfied + higher_authority_satisfied <= considered),
    CONSTRAINT repeated_within_considered CHECK (repeated_satisfied <= considered),
    CONSTRAINT disciplined_within_late CHECK (late_disciplined <= late)
);
COMMENT ON COLUMN perf_eval.complaint_counts.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.complaint_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.complaint_counts.considered IS 'Number of complaints considered (p, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.late IS 'Number of complaints considered late (f, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.court_satisfied IS 'Number of complaints recognised as justified by a court (a, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.higher_authority_satisfied IS 'Number of complaints satisfied by a higher authority (c, count; kz2017 only)';
COMMENT ON COLUMN perf_eval.complaint_counts.repeated_satisfied IS 'Number of repeated complaints satisfied on reconsideration (n, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.late_disciplined IS 'Number of late complaints followed by disciplinary action (d, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.source IS 'Where the counts come from (document, registry extract)';
COMMENT ON COLUMN perf_eval.complaint_counts.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.complaint_counts.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.complaint_counts IS
'Complaint counts per body and year: p = considered, f = late, a = court_satisfied, c = higher_authority_satisfied, n = repeated_satisfied, d = late_disciplined (docs/methodology.md §4.4)';

-- A score given by the authorised assessor instead of (or over) the computed one.
CREATE TABLE perf_eval.supplied_score (
    body            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year            integer NOT NULL,
    node            text NOT NULL REFERENCES perf_eval.score_node (code),
    methodology     text REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    value           numeric NOT NULL,
    supplied_by     name NOT NULL DEFAULT current_user,
    supplied_at     timestamptz NOT NULL DEFAULT now(),
    basis_document  text,
    note            text,
    UNIQUE NULLS NOT DISTINCT (body, year, node, methodology)
);
COMMENT ON COLUMN perf_eval.supplied_score.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.supplied_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.supplied_score.node IS 'Code of the score node supplied (perf_eval.score_node.code)';
COMMENT ON COLUMN perf_eval.supplied_score.methodology IS 'Methodology version the score applies to; NULL applies to every version';
COMMENT ON COLUMN perf_eval.supplied_score.value IS 'Supplied score in points, 0..the node''s maximum (100 for a block or direction)';
COMMENT ON COLUMN perf_eval.supplied_score.supplied_by IS 'Database role that supplied the score';
COMMENT ON COLUMN perf_eval.supplied_score.supplied_at IS 'When the score was supplied';
COMMENT ON COLUMN perf_eval.supplied_score.basis_document IS 'Document the supplied score is based on (e.g. the assessor''s conclusion)';
COMMENT ON COLUMN perf_eval.supplied_score.note IS 'Free-text note on the supplied score';
COMMENT ON TABLE perf_eval.supplied_score IS
'Scores supplied by the authorised assessor (e.g. the HR direction from the civil-service agency); methodology NULL applies to every version; the value must lie in [0, node maximum] (docs/methodology.md §1.2)';

CREATE FUNCTION perf_eval.supplied_score_in_range()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version text := perf_eval.resolve_methodology(NEW.methodology);
    maximum numeric := perf_eval.node_maximum(NEW.node, version,
                                              (SELECT b.kind FROM perf_eval.body AS b WHERE b.code = NEW.body));
BEGIN
    IF maximum IS NULL THEN
        RAISE EXCEPTION 'node % does not exist in methodology %', NEW.node, version
            USING ERRCODE = '22023',
                  DETAIL = format('body %s, year %s.', NEW.body, NEW.year),
                  HINT = 'docs/methodology.md §1.1 lists the nodes of each version.';
    END IF;
    IF NEW.value < 0 OR NEW.value > maximum OR NEW.value IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'supplied score of % must lie between 0 and %', NEW.node, maximum
            USING ERRCODE = '22003',
                  DETAIL = format('body %s, year %s, node %s, value %s, methodology %s.',
                                  NEW.body, NEW.year, NEW.node, NEW.value, version),
                  HINT = 'docs/methodology.md §1.2: a supplied score lies in [0, node maximum].';
    END IF;
    NEW.supplied_by := current_user;
    RETURN NEW;
END
$$;
CREATE TRIGGER supplied_score_in_range BEFORE INSERT OR UPDATE ON perf_eval.supplied_score
FOR EACH ROW EXECUTE FUNCTION perf_eval.supplied_score_in_range();

-- Facts that cost penalty points (METHODOLOGY §3.4, §5.2 W).
CREATE TABLE perf_eval.penalty_event (
    penalty_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year        integer NOT NULL,
    block       text NOT NULL REFERENCES perf_eval.block (code),
    kind        text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    count       integer NOT NULL CHECK (count >= 0),
    note        text,
    recorded_by name NOT NULL DEFAULT current_user,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN perf_eval.penalty_event.penalty_id IS 'Identifier of the penalty fact';
COMMENT ON COLUMN perf_eval.penalty_event.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.penalty_event.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.penalty_event.block IS 'Code of the block the penalty is deducted from (goals | orgdev)';
COMMENT ON COLUMN perf_eval.penalty_event.kind IS 'Kind of penalty fact; its points per fact are the parameter <block>.penalty.<kind>, e.g. unreliable, incomplete, untimely';
COMMENT ON COLUMN perf_eval.penalty_event.count IS 'Number of facts of this kind (count)';
COMMENT ON COLUMN perf_eval.penalty_event.note IS 'Free-text description of the facts';
COMMENT ON COLUMN perf_eval.penalty_event.recorded_by IS 'Database role that recorded the facts';
COMMENT ON COLUMN perf_eval.penalty_event.recorded_at IS 'When the facts were recorded';
COMMENT ON TABLE perf_eval.penalty_event IS
'Penalty facts per body, year and block; kind is a penalty parameter of the block (goals.penalty.<kind>, hr.penalty.<kind>), checked at recalculation (docs/methodology.md §3.4)';
CREATE INDEX penalty_event_body_year ON perf_eval.penalty_event (year, body);

-- =========================================================================
-- Loading with a validation report: \copy into a staging table (all text),
-- read the report, accept when it is empty. Nothing is skipped silently.
-- =========================================================================

CREATE TABLE perf_eval.complaint_counts_staging (
    line_no                    bigint GENERATED ALWAYS AS IDENTITY,
    body                       text,
    year                       text,
    considered                 text,
    late                       text,
    court_satisfied            text,
    higher_authority_satisfied text,
    repeated_satisfied         text,
    late_disciplined           text,
    source                     text
);
COMMENT ON COLUMN perf_eval.complaint_counts_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.considered IS 'Number of complaints considered, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.late IS 'Number of complaints considered late, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.court_satisfied IS 'Number recognised justified by a court, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.higher_authority_satisfied IS 'Number satisfied by a higher authority, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.repeated_satisfied IS 'Number of repeated complaints satisfied, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.late_disciplined IS 'Number of late complaints with disciplinary action, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.source IS 'Where the counts come from, as loaded';
COMMENT ON TABLE perf_eval.complaint_counts_staging IS
'Landing table for \copy of complaint counts: every column is text so no row is rejected by COPY; perf_eval.complaint_counts_report() lists every bad row';

CREATE TABLE perf_eval.supplied_score_staging (
    line_no         bigint GENERATED ALWAYS AS IDENTITY,
    body            text,
    year            text,
    node            text,
    methodology     text,
    value           text,
    basis_document  text,
    note            text
);
COMMENT ON COLUMN perf_eval.supplied_score_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.supplied_score_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.supplied_score_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.supplied_score_staging.node IS 'Code of the score node, as loaded';
COMMENT ON COLUMN perf_eval.supplied_score_staging.methodology IS 'Methodology version, as loaded; empty or NULL for every version';
COMMENT ON COLUMN perf_eval.supplied_score_staging.value IS 'Supplied score in points, as loaded (text)';
COMMENT ON COLUMN perf_eval.supplied_score_staging.basis_document IS 'Document the supplied score is based on, as loaded';
COMMENT ON COLUMN perf_eval.supplied_score_staging.note IS 'Free-text note, as loaded';
COMMENT ON TABLE perf_eval.supplied_score_staging IS
'Landing table for \copy of supplied scores; perf_eval.supplied_score_report() lists every bad row';

-- Helpers for reports: a text that is a non-negative integer / a finite numeric.
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

CREATE FUNCTION perf_eval.complaint_counts_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (SELECT row_number() OVER (ORDER BY st.line_no) AS line, st.* FROM perf_eval.complaint_counts_staging AS st),
    field_check AS (
        SELECT s.line, s.body, s.year, f.field, f.value
        FROM s CROSS JOIN LATERAL (VALUES
            ('considered', s.considered), ('late', s.late), ('court_satisfied', s.court_satisfied),
            ('higher_authority_satisfied', coalesce(s.higher_authority_satisfied, '0')),
            ('repeated_satisfied', s.repeated_satisfied), ('late_disciplined', s.late_disciplined)) AS f(field, value)
    ),
    problems AS (
        SELECT s.line, s.body, s.year, 'body'::text AS field, 'unknown body code'::text AS reason
        FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = s.body)
        UNION ALL
        SELECT s.line, s.body, s.year, 'year', 'year must be an integer'
        FROM s WHERE s.year IS NULL OR s.year !~ '^\s*[0-9]{4}\s*$'
        UNION ALL
        SELECT c.line, c.body, c.year, c.field,
               CASE WHEN c.value IS NULL THEN 'missing'
                    WHEN c.value ~ '^\s*-' THEN 'must not be negative'
                    ELSE 'must be a whole number' END
        FROM field_check AS c WHERE c.value IS NULL OR NOT perf_eval.is_count_text(c.value)
        UNION ALL
        SELECT n.line, n.body, n.year, p.field, p.reason
        FROM (SELECT s.line, s.body, s.year,
                     perf_eval.count_or_null(s.considered) AS considered, perf_eval.count_or_null(s.late) AS late,
                     perf_eval.count_or_null(s.court_satisfied) AS court,
                     perf_eval.count_or_null(coalesce(s.higher_authority_satisfied, '0')) AS higher,
                     perf_eval.count_or_null(s.repeated_satisfied) AS repeated,
                     perf_eval.count_or_null(s.late_disciplined) AS disciplined
              FROM s) AS n
        CROSS JOIN LATERAL (VALUES
            ('late', 'late count must not exceed considered count', n.late > n.considered),
            ('court_satisfied', 'court_satisfied plus higher_authority_satisfied must not exceed considered count',
             n.court + n.higher > n.considered),
            ('repeated_satisfied', 'repeated_satisfied count must not exceed considered count', n.repeated > n.considered),
            ('late_disciplined', 'late_disciplined count must not exceed late count', n.disciplined > n.late)
        ) AS p(field, reason, failed)
        WHERE p.failed
        UNION ALL
        SELECT s.line, s.body, s.year, 'body, year', 'duplicate of line ' || min(s2.line)
        FROM s JOIN s AS s2 ON s2.body = s.body AND s2.year = s.year AND s2.line < s.line
        GROUP BY s.line, s.line_no, s.body, s.year
    )
    SELECT p.line, p.body, p.year, p.field, p.reason, s.line_no
    FROM problems AS p JOIN s USING (line)
    ORDER BY p.line, p.field
$$;
COMMENT ON FUNCTION perf_eval.complaint_counts_report() IS
'Every bad row of complaint_counts_staging with its field and reason (docs/methodology.md §4.5); empty when the staging table can be accepted';

CREATE FUNCTION perf_eval.accept_complaint_counts()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems bigint;
    accepted bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.complaint_counts_report();
    IF problems > 0 THEN
        RAISE EXCEPTION 'complaint_counts_staging has % problems', problems
            USING ERRCODE = '22023',
                  HINT = 'SELECT * FROM perf_eval.complaint_counts_report() lists them; nothing was loaded.';
    END IF;
    INSERT INTO perf_eval.complaint_counts AS c (body, year, considered, late, court_satisfied,
        higher_authority_satisfied, repeated_satisfied, late_disciplined, source)
    SELECT s.body, s.year::integer, s.considered::bigint, s.late::bigint, s.court_satisfied::bigint,
           coalesce(s.higher_authority_satisfied, '0')::bigint, s.repeated_satisfied::bigint,
           s.late_disciplined::bigint, s.source
    FROM perf_eval.complaint_counts_staging AS s
    ON CONFLICT (body, year) DO UPDATE
        SET considered = EXCLUDED.considered, late = EXCLUDED.late, court_satisfied = EXCLUDED.court_satisfied,
            higher_authority_satisfied = EXCLUDED.higher_authority_satisfied,
            repeated_satisfied = EXCLUDED.repeated_satisfied, late_disciplined = EXCLUDED.late_disciplined,
            source = EXCLUDED.source, loaded_by = current_user, loaded_at = now();
    GET DIAGNOSTICS accepted = ROW_COUNT;
    DELETE FROM perf_eval.complaint_counts_staging;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_complaint_counts() IS
'Moves complaint_counts_staging into complaint_counts (replacing a body-year already loaded) only if the report is empty; returns the rows accepted';

CREATE FUNCTION perf_eval.supplied_score_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (SELECT row_number() OVER (ORDER BY st.line_no) AS line, st.* FROM perf_eval.supplied_score_staging AS st),
    problems AS (
        SELECT s.line, s.body, s.year, 'body'::text AS field, 'unknown body code'::text AS reason
        FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = s.body)
        UNION ALL
        SELECT s.line, s.body, s.year, 'year', 'year must be an integer'
        FROM s WHERE s.year IS NULL OR s.year !~ '^\s*[0-9]{4}\s*$'
        UNION ALL
        SELECT s.line, s.body, s.year, 'node', 'unknown score node'
        FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.score_node AS n WHERE n.code = s.node)
        UNION ALL
        SELECT s.line, s.body, s.year, 'methodology', 'unknown methodology'
        FROM s WHERE s.methodology IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = s.methodology)
        UNION ALL
        SELECT s.line, s.body, s.year, 'value', 'must be a number'
        FROM s WHERE s.value IS NULL OR NOT perf_eval.is_numeric_text(s.value)
        UNION ALL
        SELECT s.line, s.body, s.year, 'node', 'node does not exist in methodology ' || m.name
        FROM s
        JOIN perf_eval.score_node AS n ON n.code = s.node
        JOIN perf_eval.methodology AS m ON m.name = coalesce(s.methodology, perf_eval.resolve_methodology(NULL))
        JOIN perf_eval.body AS b ON b.code = s.body
        WHERE perf_eval.node_maximum(s.node, m.name, b.kind) IS NULL
        UNION ALL
        SELECT s.line, s.body, s.year, 'value', 'must lie between 0 and ' || perf_eval.node_maximum(s.node, m.name, b.kind)
        FROM s
        JOIN perf_eval.score_node AS n ON n.code = s.node
        JOIN perf_eval.methodology AS m ON m.name = coalesce(s.methodology, perf_eval.resolve_methodology(NULL))
        JOIN perf_eval.body AS b ON b.code = s.body
        CROSS JOIN LATERAL (SELECT CASE WHEN perf_eval.is_numeric_text(s.value) THEN trim(s.value)::numeric END AS v) AS parsed
        WHERE parsed.v < 0 OR parsed.v > perf_eval.node_maximum(s.node, m.name, b.kind)
        UNION ALL
        SELECT s.line, s.body, s.year, 'body, year, node, methodology', 'duplicate of line ' || min(s2.line)
        FROM s JOIN s AS s2 ON s2.body = s.body AND s2.year = s.year AND s2.node = s.node
                           AND s2.methodology IS NOT DISTINCT FROM s.methodology AND s2.line < s.line
        GROUP BY s.line, s.line_no, s.body, s.year
    )
    SELECT p.line, p.body, p.year, p.field, p.reason, s.line_no
    FROM problems AS p JOIN s USING (line)
    ORDER BY p.line, p.field
$$;
COMMENT ON FUNCTION perf_eval.supplied_score_report() IS
'Every bad row of supplied_score_staging with its field and reason (docs/methodology.md §1.2); empty when it can be accepted';

CREATE FUNCTION perf_eval.accept_supplied_scores()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems bigint;
    accepted bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.supplied_score_report();
    IF problems > 0 THEN
        RAISE EXCEPTION 'supplied_score_staging has % problems', problems
            USING ERRCODE = '22023',
                  HINT = 'SELECT * FROM perf_eval.supplied_score_report() lists them; nothing was loaded.';
    END IF;
    INSERT INTO perf_eval.supplied_score AS t (body, year, node, methodology, value, basis_document, note)
    SELECT s.body, s.year::integer, s.node, s.methodology, s.value::numeric, s.basis_document, s.note
    FROM perf_eval.supplied_score_staging AS s
    ON CONFLICT (body, year, node, methodology) DO UPDATE
        SET value = EXCLUDED.value, basis_document = EXCLUDED.basis_document, note = EXCLUDED.note,
            supplied_at = now();
    GET DIAGNOSTICS accepted = ROW_COUNT;
    DELETE FROM perf_eval.supplied_score_staging;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_supplied_scores() IS
'Moves supplied_score_staging into supplied_score only if the report is empty; returns the rows accepted';

-- Inputs are user data: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.complaint_counts', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.supplied_score', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.penalty_event', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.penalty_event_penalty_id_seq', '');

-- Readers read every input (row-level security below still applies); editors
-- enter the inputs of every body; submitters only their own bodies'
-- complaint counts.
GRANT SELECT ON perf_eval.complaint_counts, perf_eval.complaint_counts_staging, perf_eval.supplied_score,
      perf_eval.supplied_score_staging, perf_eval.penalty_event
   TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_counts, perf_eval.supplied_score, perf_eval.penalty_event,
      perf_eval.complaint_counts_staging, perf_eval.supplied_score_staging
   TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.complaint_counts_staging_line_no_seq, perf_eval.supplied_score_staging_line_no_seq,
      perf_eval.penalty_event_penalty_id_seq
   TO perf_eval_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.complaint_counts TO perf_eval_submitter;

-- Row-level security on a body's inputs: staff see and change every row,
-- readers read, submitters only the bodies they submit for.
ALTER TABLE perf_eval.complaint_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.complaint_counts TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY readers_read ON perf_eval.complaint_counts FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY submitter_own_body ON perf_eval.complaint_counts TO perf_eval_submitter
    USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body));
