-- =========================================================================
-- Section: what a run used (docs/architecture.md "Reproducing a run")
--
-- Every version of an input row is stored once, addressed by its content
-- (input_row): the history of the input relations (57_input_history.sql)
-- and the runs refer to it. A run records, per body, the digest of the
-- body's inputs (run_body, 55_runs.sql); body_input_set lists the row
-- versions behind each such digest, so a body whose inputs did not change
-- adds nothing to the record of the next run. run_context keeps, per
-- context digest (perf_eval.run.context_digest), the methodology and its
-- parameters, the body registry and scope, the blocks, the score tree, the
-- node computers and input relations. perf_eval.verify_run
-- (59_run_verification.sql) recomputes a run from these records.
-- =========================================================================

CREATE TABLE perf_eval.input_row (
    row_digest  text PRIMARY KEY,
    relation    text NOT NULL,
    row_data    jsonb NOT NULL,
    CHECK (row_digest = pg_catalog.md5(relation || ':' || row_data::text))
);
COMMENT ON COLUMN perf_eval.input_row.row_digest IS 'md5 of relation, '':'' and the row as jsonb text: the address of the row version';
COMMENT ON COLUMN perf_eval.input_row.relation IS 'Input relation the row belongs to, schema-qualified (perf_eval.input_relation)';
COMMENT ON COLUMN perf_eval.input_row.row_data IS 'Every column of the row (to_jsonb of the row: row_data ->> ''body'' is the body whose input it is), refreshed_at of the monthly states included';
COMMENT ON TABLE perf_eval.input_row IS
'Every version of every input row ever loaded, changed, deleted or used by a run, stored once by its content (row_digest); perf_eval.input_history and perf_eval.body_input_set refer to it';

CREATE TABLE perf_eval.body_input_set (
    inputs_digest  text NOT NULL,
    row_digest     text NOT NULL,
    copies         integer NOT NULL CHECK (copies > 0),
    PRIMARY KEY (inputs_digest, row_digest)
);
COMMENT ON COLUMN perf_eval.body_input_set.inputs_digest IS 'A body''s inputs digest, as perf_eval.run_body.inputs_digest records it';
COMMENT ON COLUMN perf_eval.body_input_set.row_digest IS 'A row version among those inputs (perf_eval.input_row.row_digest)';
COMMENT ON COLUMN perf_eval.body_input_set.copies IS 'How many identical rows of that content the inputs held (count)';
COMMENT ON TABLE perf_eval.body_input_set IS
'The input row versions behind each body inputs digest a run recorded (run_body): with input_row, the exact inputs of every body of every run, kept after the input tables change';

CREATE TABLE perf_eval.run_context (
    context_digest  text PRIMARY KEY,
    recorded_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    extversion      text NOT NULL,
    context         jsonb NOT NULL
);
COMMENT ON COLUMN perf_eval.run_context.context_digest IS 'A context digest runs recorded (perf_eval.run.context_digest)';
COMMENT ON COLUMN perf_eval.run_context.recorded_at IS 'When the first run in this context recorded it';
COMMENT ON COLUMN perf_eval.run_context.extversion IS 'Version of the extension (the code) the runs in this context ran';
COMMENT ON COLUMN perf_eval.run_context.context IS 'jsonb of the rows the context digest covers: methodology, params (its parameters), body, body_scope, block, score_node, node_computer, input_relation, source_document, node_changes (a fork''s structural changes of the score tree) (arrays of rows)';
COMMENT ON TABLE perf_eval.run_context IS
'What every body''s scores depended on besides its own inputs, per context digest of the runs: the methodology and its parameters, the body registry and scope, blocks, score tree, node computers and input relations, as they were';

-- The record of the runs is the record of the assessment: pg_dump keeps it.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_row', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.body_input_set', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_context', '');

-- Whoever writes inputs writes their versions (the history triggers run as
-- that role, ON CONFLICT DO NOTHING for a known one); admins, who
-- recalculate, write the run records. Nobody but the owner updates or
-- deletes a version or a record.
GRANT SELECT ON perf_eval.body_input_set, perf_eval.run_context TO perf_eval_reader;
-- A version's row_data holds a body's values, those of a restricted body's
-- block too (docs/architecture.md "Visibility model"): readers read the
-- addresses of the versions, the roles that may see restricted values the
-- versions themselves.
GRANT SELECT (row_digest, relation) ON perf_eval.input_row TO perf_eval_reader;
GRANT SELECT ON perf_eval.input_row TO perf_eval_classified_reader, perf_eval_admin;
GRANT INSERT ON perf_eval.input_row TO perf_eval_submitter, perf_eval_editor;
GRANT INSERT ON perf_eval.body_input_set, perf_eval.run_context TO perf_eval_admin;
