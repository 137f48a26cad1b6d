-- =========================================================================
-- Section: inputs with history (docs/architecture.md "Inputs with history")
--
-- Every change to an input relation is kept: an inserted row version is
-- "added", an updated row is its old version "removed" and its new one
-- "added", a deleted (or truncated) row is "removed". The versions themselves
-- are stored once by content in perf_eval.input_row (54_run_record.sql), so
-- nothing an input table ever held is lost: replacing a body-year by a new
-- file (the accept_* functions) removes the old rows from the table, not
-- from here. Each change says who (session_user, and the role in effect),
-- when (the statement's time and the transaction's id: transactions commit
-- in an order their start times do not give), and why: the setting
-- perf_eval.change_reason (e.g. SET LOCAL perf_eval.change_reason =
-- 'objection'), else load for an insert and correction for an update, a
-- delete or a truncate (the import machinery says load for its replaced rows).
--
-- One statement-level trigger per event reads the transition tables, so a
-- bulk load costs one INSERT ... SELECT, not a trigger call per row
-- (as mark_months_dirty, 44_registries.sql). The triggers are attached by
-- CALL perf_eval.keep_history(relation), to every input relation at the end
-- of the install (74_keep_input_history.sql), and to a relation a user adds
-- to perf_eval.input_relation by its owner.
-- =========================================================================

CREATE TABLE perf_eval.input_history (
    change_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relation    text NOT NULL,
    row_digest  text NOT NULL,
    change      text NOT NULL CHECK (change IN ('added', 'removed')),
    operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    reason      text NOT NULL,
    changed_by  name NOT NULL DEFAULT session_user,
    changed_as  name NOT NULL DEFAULT current_user,
    changed_at  timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
    xact        xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
COMMENT ON COLUMN perf_eval.input_history.change_id IS 'Order of the changes within a transaction (across transactions, commit order is not change_id order)';
COMMENT ON COLUMN perf_eval.input_history.relation IS 'Input relation changed, schema-qualified';
COMMENT ON COLUMN perf_eval.input_history.row_digest IS 'The row version added or removed (perf_eval.input_row.row_digest)';
COMMENT ON COLUMN perf_eval.input_history.change IS 'added (the version entered the table) | removed (it left it: updated, deleted or truncated)';
COMMENT ON COLUMN perf_eval.input_history.operation IS 'The statement that changed it: INSERT | UPDATE | DELETE | TRUNCATE';
COMMENT ON COLUMN perf_eval.input_history.reason IS 'Why: the setting perf_eval.change_reason (load, correction, objection, ...), else load for an insert, correction for the rest';
COMMENT ON COLUMN perf_eval.input_history.changed_by IS 'Session user that made the change';
COMMENT ON COLUMN perf_eval.input_history.changed_as IS 'Role in effect (current_user) when the change was made';
COMMENT ON COLUMN perf_eval.input_history.changed_at IS 'When the changing statement started';
COMMENT ON COLUMN perf_eval.input_history.xact IS 'Transaction that made the change (pg_current_xact_id)';
CREATE INDEX input_history_relation_row ON perf_eval.input_history (relation, row_digest);
COMMENT ON TABLE perf_eval.input_history IS
'Every change to every input relation: the row version added or removed (perf_eval.input_row), who, when, in which transaction, and why (perf_eval.change_reason); nothing an input table held is lost';

SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_history', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_history_change_id_seq', '');

-- A restore of pg_dump's output runs with row_security off, as a role that
-- bypasses row-level security (who else could restore every body's rows):
-- it brings the history as dumped, and the triggers record nothing anew.
CREATE FUNCTION perf_eval.restoring_dump()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.current_setting('row_security') = 'off'
           AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
                       WHERE r.rolname = current_user AND (r.rolsuper OR r.rolbypassrls))
$$;
COMMENT ON FUNCTION perf_eval.restoring_dump() IS
'True in a session restoring a dump (row_security off, as a role that bypasses row-level security): the history triggers record nothing and the dumped history is loaded as is';

-- The history trigger of every input relation (statement level, transition
-- tables new_rows and old_rows; BEFORE TRUNCATE, which has none).
CREATE FUNCTION perf_eval.record_input_changes()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation constant text := TG_RELID::regclass::text;
    reason constant text := coalesce(nullif(current_setting('perf_eval.change_reason', true), ''),
                                     CASE TG_OP WHEN 'INSERT' THEN 'load' ELSE 'correction' END);
    changes text;
BEGIN
    IF perf_eval.restoring_dump() THEN
        RETURN NULL;
    END IF;
    changes := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT ''added'' AS change, pg_catalog.to_jsonb(n) AS row_data FROM new_rows AS n'
        WHEN 'UPDATE' THEN 'SELECT ''removed'' AS change, pg_catalog.to_jsonb(o) AS row_data FROM old_rows AS o
                            UNION ALL SELECT ''added'', pg_catalog.to_jsonb(n) FROM new_rows AS n'
        WHEN 'DELETE' THEN 'SELECT ''removed'' AS change, pg_catalog.to_jsonb(o) AS row_data FROM old_rows AS o'
        ELSE format('SELECT %L AS change, pg_catalog.to_jsonb(t) AS row_data FROM %s AS t', 'removed', TG_RELID::regclass)
    END;
    EXECUTE format('WITH c AS MATERIALIZED (SELECT c.change, c.row_data, pg_catalog.md5(%L || c.row_data::text) AS row_digest
                                            FROM (%s) AS c),
                         stored AS (INSERT INTO perf_eval.input_row (row_digest, relation, row_data)
                                    SELECT DISTINCT ON (c.row_digest) c.row_digest, %L, c.row_data FROM c
                                    ON CONFLICT DO NOTHING)
                    INSERT INTO perf_eval.input_history (relation, row_digest, change, operation, reason)
                    SELECT %L, c.row_digest, c.change, %L, %L FROM c',
                   relation || ':', changes, relation, relation, TG_OP, reason);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.record_input_changes() IS
'Statement-level trigger of the input relations (perf_eval.keep_history): stores the row versions the statement added and removed (perf_eval.input_row) and logs each change in perf_eval.input_history with who, when and why (perf_eval.change_reason)';

-- History rows are written by the history triggers only (or a restore):
-- a direct INSERT is refused. Nobody but the owner may update or delete one
-- (no privilege is granted).
CREATE FUNCTION perf_eval.input_history_from_triggers()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_catalog.pg_trigger_depth() < 2 AND NOT perf_eval.restoring_dump() THEN
        RAISE EXCEPTION 'perf_eval.input_history is written by the history triggers of the input relations only'
            USING ERRCODE = '42501',
                  HINT = 'Change the input table itself; its trigger records the change (SET LOCAL perf_eval.change_reason to say why).';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER input_history_from_triggers BEFORE INSERT ON perf_eval.input_history
FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.input_history_from_triggers();

-- Attach the history triggers to an input relation. Its history is read by
-- perf_eval_reader, so the relation must let perf_eval_reader read every
-- row (SELECT, and under row-level security a permissive policy USING
-- (true) for it) but those whose values it may not see (a policy USING
-- perf_eval.may_see_values(...); readers read no version's values,
-- 54_run_record.sql): the history never shows more than the table does.
CREATE PROCEDURE perf_eval.keep_history(relation regclass)
LANGUAGE plpgsql
AS $$
DECLARE
    event text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    IF NOT pg_catalog.has_table_privilege('perf_eval_reader', relation, 'SELECT')
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c WHERE c.oid = relation AND c.relrowsecurity
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p
                                  WHERE p.polrelid = c.oid AND p.polpermissive AND p.polcmd IN ('r', '*')
                                    AND (pg_catalog.pg_get_expr(p.polqual, p.polrelid) = 'true'
                                         OR pg_catalog.pg_get_expr(p.polqual, p.polrelid) LIKE 'perf_eval.may_see_values(%')
                                    AND (0::oid = ANY (p.polroles)
                                         OR (SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname = 'perf_eval_reader')
                                            = ANY (p.polroles)))) THEN
        RAISE EXCEPTION 'perf_eval_reader cannot read every row of %', relation
            USING ERRCODE = '42501',
                  DETAIL = 'perf_eval_reader reads perf_eval.input_history and perf_eval.input_row, which would show every version of every row.',
                  HINT = 'GRANT SELECT on it to perf_eval_reader, with a policy FOR SELECT TO perf_eval_reader USING (true) under row-level security.';
    END IF;
    FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER %s ON %s REFERENCING %s FOR EACH STATEMENT
                        EXECUTE FUNCTION perf_eval.record_input_changes()',
                       'input_history_' || lower(event), event, relation,
                       CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
                                  ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END);
    END LOOP;
    EXECUTE format('CREATE OR REPLACE TRIGGER input_history_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT
                    EXECUTE FUNCTION perf_eval.record_input_changes()', relation);
END
$$;
COMMENT ON PROCEDURE perf_eval.keep_history(regclass) IS
'Keeps every version of the rows of an input relation: attaches the statement-level history triggers (perf_eval.record_input_changes) to it; refused (42501) unless perf_eval_reader may read every row of it';

GRANT SELECT ON perf_eval.input_history TO perf_eval_reader;
GRANT INSERT ON perf_eval.input_history TO perf_eval_submitter, perf_eval_editor;
REVOKE EXECUTE ON PROCEDURE perf_eval.keep_history(regclass) FROM PUBLIC;
