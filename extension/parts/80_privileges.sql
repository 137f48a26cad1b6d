-- =========================================================================
-- Section: privileges and row-level security of the common objects
-- (roles are created in 05_roles.sql; each block's part grants on its own tables)
-- =========================================================================

GRANT USAGE ON SCHEMA perf_eval TO perf_eval_reader, perf_eval_submitter, perf_eval_editor, perf_eval_admin;

-- Readers: every table and view (row-level security still applies to inputs).
GRANT SELECT ON ALL TABLES IN SCHEMA perf_eval TO perf_eval_reader;

-- Editors: inputs of every body.
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_counts, perf_eval.supplied_score, perf_eval.penalty_event,
      perf_eval.complaint_counts_staging, perf_eval.supplied_score_staging
   TO perf_eval_editor;
-- Submitters: the registry and their own bodies' inputs (not other bodies', so not readers).
GRANT SELECT ON perf_eval.body, perf_eval.block, perf_eval.score_node, perf_eval.body_submitter TO perf_eval_submitter;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.complaint_counts TO perf_eval_submitter;

-- Admins: methodology versions, registry, scope, runs.
GRANT INSERT, UPDATE, DELETE ON perf_eval.methodology, perf_eval.methodology_param, perf_eval.body,
      perf_eval.body_scope, perf_eval.body_submitter, perf_eval.run
   TO perf_eval_admin;
-- Scores are written by the recalculation and deleted with their run, never updated.
GRANT INSERT, DELETE ON perf_eval.score TO perf_eval_admin;
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

-- Raw registries (44_registries.sql): editors load records (their statement
-- triggers mark the changed months); the recalculation, run by admins,
-- refreshes the monthly partial states.
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_record, perf_eval.service_delivery TO perf_eval_editor;
GRANT INSERT ON perf_eval.registry_dirty_month TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_tally_monthly, perf_eval.service_tally_monthly,
      perf_eval.registry_dirty_month TO perf_eval_admin;
