-- =========================================================================
-- Section: roles (ARCHITECTURE §3 "Security"); their privileges are granted at the end (80_privileges.sql) and by each block's part
--
--   perf_eval_reader             analysts, the Accounts Committee: read views and catalogs
--   perf_eval_classified_reader  may also see scores whose publication is restricted
--   perf_eval_submitter          a body's own staff: enter that body's inputs only (RLS)
--   perf_eval_editor             data entry for every body: inputs, supplied scores, penalties
--   perf_eval_admin              methodology editors and operators: versions, recalculation
--
-- Roles are cluster-wide and outlive DROP EXTENSION; they are created only if
-- missing, without LOGIN: grant them to login roles.
-- =========================================================================

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['perf_eval_reader', 'perf_eval_classified_reader', 'perf_eval_submitter',
                                     'perf_eval_editor', 'perf_eval_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;
END
$$;

GRANT perf_eval_reader TO perf_eval_classified_reader, perf_eval_editor;
GRANT perf_eval_editor TO perf_eval_admin;
