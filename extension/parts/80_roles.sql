-- =========================================================================
-- Section: roles, privileges and row-level security (ARCHITECTURE §3 "Security")
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

GRANT USAGE ON SCHEMA perf_eval TO perf_eval_reader, perf_eval_submitter, perf_eval_editor, perf_eval_admin;

-- Readers: every table and view (row-level security still applies to inputs).
GRANT SELECT ON ALL TABLES IN SCHEMA perf_eval TO perf_eval_reader;

-- Which login roles submit for which body.
CREATE TABLE perf_eval.body_submitter (
    member_role name NOT NULL,
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE ON DELETE CASCADE,
    PRIMARY KEY (member_role, body)
);
COMMENT ON TABLE perf_eval.body_submitter IS
'Login roles (members of perf_eval_submitter) allowed to enter the inputs of a body; row-level security on input tables uses it';
GRANT SELECT ON perf_eval.body_submitter TO perf_eval_reader;
SELECT pg_catalog.pg_extension_config_dump('perf_eval.body_submitter', '');

CREATE FUNCTION perf_eval.submits_for(body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.body_submitter AS s
                   WHERE s.body = $1 AND pg_catalog.pg_has_role(current_user, s.member_role, 'MEMBER'))
$$;
COMMENT ON FUNCTION perf_eval.submits_for(text) IS 'True if the current role submits inputs for the body (perf_eval.body_submitter)';

-- Editors: inputs of every body.
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_counts, perf_eval.supplied_score, perf_eval.penalty_event,
      perf_eval.complaint_counts_staging, perf_eval.supplied_score_staging
   TO perf_eval_editor;
-- Submitters: the registry and their own bodies' inputs (not other bodies', so not readers).
GRANT SELECT ON perf_eval.body, perf_eval.block, perf_eval.score_node, perf_eval.body_submitter TO perf_eval_submitter;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.complaint_counts TO perf_eval_submitter;

-- Admins: methodology versions, registry, scope, runs.
GRANT INSERT, UPDATE, DELETE ON perf_eval.methodology, perf_eval.methodology_param, perf_eval.body,
      perf_eval.body_scope, perf_eval.body_submitter, perf_eval.run, perf_eval.score
   TO perf_eval_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA perf_eval TO perf_eval_editor;

REVOKE EXECUTE ON PROCEDURE perf_eval.recalculate(integer, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.recalculate(integer, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.compute_run(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.compute_run(bigint) TO perf_eval_admin;

-- Row-level security on a body's inputs: staff see and change every row,
-- readers read, submitters only the bodies they submit for.
ALTER TABLE perf_eval.complaint_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.complaint_counts TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY readers_read ON perf_eval.complaint_counts FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY submitter_own_body ON perf_eval.complaint_counts TO perf_eval_submitter
    USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body));
