-- =========================================================================
-- Section: roles (ARCHITECTURE §3 "Security") and their use of the schema;
-- every other privilege is granted by the part that creates the object
--
--   perf_eval_reader             analysts, the Accounts Committee: read views and catalogs
--   perf_eval_classified_reader  may also see scores whose publication is restricted
--   perf_eval_submitter          a body's own staff: enter that body's inputs only (RLS)
--   perf_eval_editor             data entry for every body: inputs, supplied scores, penalties
--   perf_eval_admin              methodology editors and operators: versions, recalculation
--
-- The roles of the civil-servant assessment (METHODOLOGY §6.3; their tables
-- and their row-level security are in 65_civil_servant_model.sql and
-- 66_civil_servant_workflow.sql):
--   perf_eval_cs_employee    sees their own plans, sheets and results; acknowledges, appeals
--   perf_eval_cs_manager     sees and fills their subordinates' plans and sheets (direct and superior)
--   perf_eval_cs_hr          the HR department: everything of their body's assessment
--   perf_eval_cs_commission  members and secretary: the sheets before their commission
--
-- Roles are cluster-wide and outlive DROP EXTENSION; they are created only if
-- missing, without LOGIN: grant them to login roles (an assessment login is
-- also mapped to its employee in perf_eval.cs_login).
-- =========================================================================

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['perf_eval_reader', 'perf_eval_classified_reader', 'perf_eval_submitter',
                                     'perf_eval_editor', 'perf_eval_admin',
                                     'perf_eval_cs_employee', 'perf_eval_cs_manager', 'perf_eval_cs_hr',
                                     'perf_eval_cs_commission'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;
END
$$;

GRANT perf_eval_reader TO perf_eval_classified_reader, perf_eval_editor;
GRANT perf_eval_editor TO perf_eval_admin;

-- The schema comes with CREATE EXTENSION (the control file), not from a part.
GRANT USAGE ON SCHEMA perf_eval TO perf_eval_reader, perf_eval_submitter, perf_eval_editor, perf_eval_admin;
GRANT USAGE ON SCHEMA perf_eval
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;
