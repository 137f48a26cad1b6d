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
    recorded_at timestamptz NOT NULL DEFAULT now(),
    -- Added in 1.1 (at the end, as ALTER TABLE ADD COLUMN puts it on update).
    origin      text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'derived'))
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
COMMENT ON COLUMN perf_eval.penalty_event.origin IS 'manual (entered by hand) | derived (by perf_eval.derive_penalty_events from verified values and the submission schedule; replaced when derived again)';
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

-- The import machinery (27_import.sql) checks and moves both staging tables.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules) VALUES
('complaint_counts', 'complaint_counts_report', 'complaint_counts_staging has %s problems', 'perf_eval.complaint_counts_rules'),
('supplied_score', 'supplied_score_report', 'supplied_score_staging has %s problems', 'perf_eval.supplied_score_rules');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns) VALUES
('complaint_counts_staging', 'complaint_counts', 1, 'complaint_counts', '{body,year}'),
('supplied_score_staging', 'supplied_score', 1, 'supplied_score', '{body,year,node,methodology}');
INSERT INTO perf_eval.import_field (staging, field, kind, required, default_value) VALUES
('complaint_counts_staging', 'considered', 'count', true, NULL),
('complaint_counts_staging', 'late', 'count', true, NULL),
('complaint_counts_staging', 'court_satisfied', 'count', true, NULL),
('complaint_counts_staging', 'higher_authority_satisfied', 'count', false, '0'),
('complaint_counts_staging', 'repeated_satisfied', 'count', true, NULL),
('complaint_counts_staging', 'late_disciplined', 'count', true, NULL),
('complaint_counts_staging', 'source', 'text', false, NULL),
('supplied_score_staging', 'node', 'code', false, NULL),
('supplied_score_staging', 'methodology', 'code', false, NULL),
('supplied_score_staging', 'value', 'number', true, NULL),
('supplied_score_staging', 'basis_document', 'text', false, NULL),
('supplied_score_staging', 'note', 'text', false, NULL);

-- Complaint counts: a part must not exceed its whole.
CREATE FUNCTION perf_eval.complaint_counts_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'complaint_counts_staging', n.line_no, p.field, p.reason
    FROM (SELECT s.line_no,
                 perf_eval.count_or_null(s.considered) AS considered, perf_eval.count_or_null(s.late) AS late,
                 perf_eval.count_or_null(s.court_satisfied) AS court,
                 CASE WHEN nullif(trim(s.higher_authority_satisfied), '') IS NULL THEN 0
                      ELSE perf_eval.count_or_null(s.higher_authority_satisfied) END AS higher,
                 perf_eval.count_or_null(s.repeated_satisfied) AS repeated,
                 perf_eval.count_or_null(s.late_disciplined) AS disciplined
          FROM perf_eval.complaint_counts_staging AS s) AS n
    CROSS JOIN LATERAL (VALUES
        ('late', 'late count must not exceed considered count', n.late > n.considered),
        ('court_satisfied', 'court_satisfied plus higher_authority_satisfied must not exceed considered count',
         n.court + n.higher > n.considered),
        ('repeated_satisfied', 'repeated_satisfied count must not exceed considered count', n.repeated > n.considered),
        ('late_disciplined', 'late_disciplined count must not exceed late count', n.disciplined > n.late)
    ) AS p(field, reason, failed)
    WHERE p.failed
$$;
COMMENT ON FUNCTION perf_eval.complaint_counts_rules() IS
'The rules between the staged complaint counts (late, court plus higher authority, repeated <= considered; disciplined <= late) for perf_eval.import_report (docs/methodology.md §4.5)';

CREATE FUNCTION perf_eval.complaint_counts_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM perf_eval.import_report_by_line('complaint_counts') $$;
COMMENT ON FUNCTION perf_eval.complaint_counts_report() IS
'Every bad row of complaint_counts_staging with its field and reason (docs/methodology.md §4.5); empty when the staging table can be accepted';

CREATE FUNCTION perf_eval.accept_complaint_counts()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('complaint_counts', accepted); RETURN accepted; END $$;
COMMENT ON FUNCTION perf_eval.accept_complaint_counts() IS
'Moves complaint_counts_staging into complaint_counts (replacing a body-year already loaded) only if the report is empty; returns the rows accepted';

-- Supplied scores: a known node of the version, a known version, a value in [0, node maximum].
CREATE FUNCTION perf_eval.supplied_score_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT st.line_no, trim(st.body) AS body, nullif(trim(st.node), '') AS node,
               nullif(trim(st.methodology), '') AS methodology, perf_eval.numeric_or_null(st.value) AS value
        FROM perf_eval.supplied_score_staging AS st
    ),
    known AS (
        SELECT s.line_no, s.value, perf_eval.node_maximum(s.node, m.name, b.kind) AS maximum, m.name
        FROM s
        JOIN perf_eval.score_node AS n ON n.code = s.node
        JOIN perf_eval.methodology AS m ON m.name = coalesce(s.methodology, perf_eval.resolve_methodology(NULL))
        JOIN perf_eval.body AS b ON b.code = s.body
    )
    SELECT 'supplied_score_staging', s.line_no, 'node', 'unknown score node'
    FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.score_node AS n WHERE n.code = s.node)
    UNION ALL
    SELECT 'supplied_score_staging', s.line_no, 'methodology', 'unknown methodology'
    FROM s WHERE s.methodology IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = s.methodology)
    UNION ALL
    SELECT 'supplied_score_staging', k.line_no, 'node', 'node does not exist in methodology ' || k.name
    FROM known AS k WHERE k.maximum IS NULL
    UNION ALL
    SELECT 'supplied_score_staging', k.line_no, 'value', 'must lie between 0 and ' || k.maximum
    FROM known AS k WHERE k.value < 0 OR k.value > k.maximum
$$;
COMMENT ON FUNCTION perf_eval.supplied_score_rules() IS
'The rules of a staged supplied score (known node of the version, known version, value in [0, node maximum]) for perf_eval.import_report (docs/methodology.md §1.2)';

CREATE FUNCTION perf_eval.supplied_score_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM perf_eval.import_report_by_line('supplied_score') $$;
COMMENT ON FUNCTION perf_eval.supplied_score_report() IS
'Every bad row of supplied_score_staging with its field and reason (docs/methodology.md §1.2); empty when it can be accepted';

CREATE FUNCTION perf_eval.accept_supplied_scores()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('supplied_score', accepted); RETURN accepted; END $$;
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
GRANT SELECT ON perf_eval.complaint_counts, perf_eval.supplied_score, perf_eval.penalty_event
   TO perf_eval_reader;
-- Staged lines are raw rows of a load in progress, outside row-level
-- security: only those who load (editors) read them.
GRANT SELECT ON perf_eval.complaint_counts_staging, perf_eval.supplied_score_staging TO perf_eval_editor;
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
CREATE POLICY staff_all ON perf_eval.complaint_counts TO perf_eval_editor
    USING (perf_eval.may_see_values(body, 'interaction', year)) WITH CHECK (perf_eval.may_see_values(body, 'interaction', year));
CREATE POLICY readers_read ON perf_eval.complaint_counts FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, 'interaction', year));
-- Supplied scores and penalties are values of a body's block: shown and
-- entered only by who may see that block's values (docs/architecture.md
-- "Visibility model").
ALTER TABLE perf_eval.supplied_score ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.supplied_score TO perf_eval_editor
    USING (perf_eval.may_see_values(body, (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = node), year))
    WITH CHECK (perf_eval.may_see_values(body, (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = node), year));
CREATE POLICY readers_read ON perf_eval.supplied_score FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = node), year));
ALTER TABLE perf_eval.penalty_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.penalty_event TO perf_eval_editor
    USING (perf_eval.may_see_values(body, block, year)) WITH CHECK (perf_eval.may_see_values(body, block, year));
CREATE POLICY readers_read ON perf_eval.penalty_event FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, block, year));
CREATE POLICY submitter_own_body ON perf_eval.complaint_counts TO perf_eval_submitter
    USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body));
