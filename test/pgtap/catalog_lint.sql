-- Catalog contracts of ARCHITECTURE.md §3: no SECURITY DEFINER, true
-- volatility and parallel labels, pinned search_path, documented kernels,
-- aggregates that can run in parallel.
BEGIN;
SELECT plan(9);

CREATE TEMP VIEW extension_function AS
SELECT p.oid, p.proname, p.prokind, p.prosecdef, p.proparallel, p.provolatile, p.proconfig,
       l.lanname, p.oid::regprocedure::text AS signature
FROM pg_catalog.pg_proc AS p
JOIN pg_catalog.pg_depend AS d ON d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_catalog.pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'perf_eval'
JOIN pg_catalog.pg_language AS l ON l.oid = p.prolang;

SELECT is((SELECT count(*) FROM extension_function), (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'perf_eval'),
          'every function in schema perf_eval belongs to the extension');

SELECT is_empty($$SELECT signature FROM extension_function WHERE prosecdef$$,
                'no function is SECURITY DEFINER');

-- Functions that write cannot be PARALLEL SAFE; each one is listed with its reason.
CREATE TEMP TABLE parallel_unsafe_allowed (signature text PRIMARY KEY, reason text NOT NULL);
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.fork_methodology(text,text,text,text)',          'inserts a methodology and its parameters'),
('perf_eval.set_param(text,text,text,text,text)',            'updates a parameter'),
('perf_eval.accept_complaint_counts()',                       'moves staging rows into complaint_counts'),
('perf_eval.accept_supplied_scores()',                        'moves staging rows into supplied_score'),
('perf_eval.compute_run(bigint)',                             'writes a run''s score tree'),
('perf_eval.compute_run_steps(bigint)',                       'writes a run''s score tree (through compute_run)'),
('perf_eval.engine_writes(bigint)',                           'reads whether this session''s engine computes the run: backend-local state, parallel restricted'),
('perf_eval.recalculate_within_transaction(integer,text)',    'inserts a run and its score tree'),
('perf_eval.compute_complaint_nodes(integer,text)',           'catches a body''s error to name the body: subtransactions cannot run in parallel workers');

-- Structural forks (53_structural_forks.sql): the tree of a fork is edited.
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.put_node_maximum(text,text,text,numeric,text,text)',   'writes a structural change of a fork'),
('perf_eval.redistribute_maxima(text,text,numeric,text,text)',     'writes the redistributed maxima of a fork'),
('perf_eval.redistribute_weights(text,text,text,text)',            'updates the weight parameters of a fork'),
('perf_eval.fork_exclude_node(text,text,text,boolean)',            'writes a structural change of a fork'),
('perf_eval.fork_set_node_maxima(text,jsonb,text,text)',           'writes structural changes of a fork'),
('perf_eval.fork_set_node_maximum(text,text,numeric,text,text)',   'writes a structural change of a fork'),
('perf_eval.fork_set_node_weights(text,jsonb,text,text)',          'updates the weight parameters of a fork'),
('perf_eval.fork_add_supplied_criterion(text,text,text,text,numeric,text,boolean)', 'inserts a score node and a structural change of a fork');

-- Runs (55_runs.sql): whether a run's session is alive is read from the server's
-- process table (pg_stat_get_activity, itself PARALLEL RESTRICTED).
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.backend_start(integer)',                          'reads pg_stat_get_activity, which is parallel restricted'),
('perf_eval.run_is_abandoned(text,integer,timestamp with time zone)','reads pg_stat_get_activity, which is parallel restricted'),
('perf_eval.mark_abandoned_runs()',                           'marks runs abandoned');

-- Verified values (73_verification.sql): recording one and deriving penalties write inputs.
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.record_verification(regclass,jsonb,text,text,text,text)', 'updates an input row and records the verification'),
('perf_eval.derive_penalty_events(integer)',                  'replaces the derived penalty_event rows of a year');

-- Raw registries (44_registries.sql): the refresh rewrites monthly partial states.
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.refresh_monthly_tallies(integer)',                'rewrites the monthly partial states of changed months'),
('perf_eval.service_tallies_by_month(date,date,integer)',     'starts its own parallel workers, which a parallel worker cannot'),
('perf_eval.complaint_tallies_by_month(date,date,integer)',   'starts its own parallel workers, which a parallel worker cannot');

-- Civil servants of corps "B" (67_civil_servant_computation.sql, 68_civil_servant_procedures.sql): the workflow moves write.
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.cs_sheet_kef(bigint)',                           'catches a kernel''s error to name the body, year and employee: subtransactions cannot run in parallel'),
('perf_eval.cs_sheet_grade(bigint)',                         'catches a kernel''s error to name the body, year and employee: subtransactions cannot run in parallel'),
('perf_eval.cs_apply_move(perf_eval.cs_workflow_transition,bigint,date)', 'updates the state of a plan, sheet or result'),
('perf_eval.cs_move(text,bigint,text,date)',                  'makes a workflow move (updates a state)'),
('perf_eval.cs_open_iwp(bigint,bigint,date)',                 'inserts an individual work plan'),
('perf_eval.cs_open_sheet(bigint,bigint,date)',               'inserts an assessment sheet'),
('perf_eval.cs_submit_to_commission(bigint,date)',            'moves a sheet and inserts its computed result'),
('perf_eval.cs_schedule_meeting(bigint,date)',                'inserts a commission meeting'),
('perf_eval.cs_schedule(bigint,bigint,date)',                 'puts a result on a meeting''s agenda'),
('perf_eval.cs_mark_present(bigint,bigint[])',                'inserts meeting attendance'),
('perf_eval.cs_cast_vote(bigint,bigint,bigint,boolean)',      'inserts a vote'),
('perf_eval.cs_decide(bigint,numeric,text)',                  'records a commission decision'),
('perf_eval.cs_record_refusal(bigint,text,bigint[],date)',    'records a refusal act'),
('perf_eval.cs_file_appeal(bigint,text,date)',                'inserts an appeal'),
('perf_eval.cs_decide_appeal(bigint,text,date)',              'records an appeal decision'),
('perf_eval.cs_apply_move_because(perf_eval.cs_workflow_transition,bigint,date,text)', 'makes a workflow move with its reason'),
('perf_eval.cs_move(text,bigint,text,date,text)',             'makes a workflow move with its reason'),
('perf_eval.cs_reopen(bigint,text,text,date)',                'reopens a result after an upheld appeal'),
('perf_eval.cs_derive_competencies(bigint)',                  'writes the competency results derived from the 360-degree ratings'),
('perf_eval.cs_record_consequence(bigint,text,text,date)',    'inserts a consequence of a result');

-- Goals block (60_goals_block.sql).
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.accept_target_indicators()',                      'moves staging rows into goal and target_indicator'),
('perf_eval.compute_goal_nodes(integer,text)',                'catches a body''s error to name the body: subtransactions cannot run in parallel workers');

-- Organisational development block (62_orgdev_inputs.sql, 63_orgdev_block.sql).
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.accept_orgdev_inputs()',                          'moves the orgdev staging rows into their input tables'),
('perf_eval.compute_orgdev_hr_nodes(integer,text)',           'catches a body''s error to name the body: subtransactions cannot run in parallel workers'),
('perf_eval.compute_orgdev_it_nodes(integer,text)',           'catches a body''s error to name the body: subtransactions cannot run in parallel workers');

-- Interaction block (61_interaction_block.sql).
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.accept_interaction_inputs()',                     'moves staging rows into the service and openness input tables'),
('perf_eval.compute_service_nodes(integer,text)',             'catches a body''s error to name the body: subtransactions cannot run in parallel workers'),
('perf_eval.compute_satisfaction_nodes(integer,text)',        'catches a body''s error to name the body: subtransactions cannot run in parallel workers'),
('perf_eval.compute_openness_nodes(integer,text)',            'catches a body''s error to name the body: subtransactions cannot run in parallel workers'),
('perf_eval.compute_one_time_acceptance_nodes(integer,text)', 'catches a body''s error to name the body: subtransactions cannot run in parallel workers'),
-- 71_assessment_cycle.sql: the moves of the assessment cycle and the objections
('perf_eval.cycle_move(integer,text,text,text,bigint,integer,date)', 'updates the cycle (its triggers log the move)'),
('perf_eval.cycle_of(integer,text,text)',                     'locks the cycle (SELECT ... FOR UPDATE)'),
('perf_eval.cycle_open(integer,text,text)',                   'inserts a cycle'),
('perf_eval.cycle_preliminary(integer,text,text)',            'moves a cycle'),
('perf_eval.cycle_open_objections(integer,text,text,integer,date)', 'moves a cycle'),
('perf_eval.cycle_finalise(integer,text,bigint,text)',        'moves a cycle'),
('perf_eval.cycle_publish(integer,text,text)',                'inserts a publication'),
('perf_eval.cycle_revise(integer,text,text,bigint,text)',     'inserts a publication'),
('perf_eval.file_objection(integer,text,text,text,numeric,text,text)', 'inserts an objection'),
('perf_eval.decide_objection(bigint,text,text)',              'records a decision and a supplied score'),
('perf_eval.refuse_unverified_run(bigint)',                   'runs perf_eval.verify_run, which recomputes the run');

-- Reproducing a run (59_run_verification.sql).
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.verify_run(bigint)',                              'recomputes a run inside a subtransaction it rolls back, after replacing the inputs');

-- What-if runs and sensitivity (76_what_if.sql, 78_sensitivity.sql): scratch forks, their scores and ranges.
INSERT INTO parallel_unsafe_allowed VALUES
('perf_eval.scratch_fork(text,jsonb,text)',                    'inserts a scratch fork of a methodology'),
('perf_eval.drop_scratch_fork(text)',                          'deletes a scratch fork'),
('perf_eval.what_if(integer,text,jsonb,text,jsonb)',           'computes and inserts a what-if run'),
('perf_eval.checked_input_overrides(integer,jsonb)',           'catches a cast error to name the override: subtransactions cannot run in parallel workers'),
('perf_eval.drop_what_if(bigint)',                             'deletes a what-if run'),
('perf_eval.sensitivity(integer,text,text,bigint,integer)',    'computes under a scratch fork and keeps rank_range'),
('perf_eval.sensitivity_parameters(integer,text,text)',        'computes under a scratch fork');

SELECT is_empty($$SELECT f.signature FROM extension_function AS f JOIN pg_proc AS p ON p.oid = f.oid
                  WHERE f.proparallel <> 's' AND f.prokind <> 'p' AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype)
                    AND f.signature NOT IN (SELECT signature FROM parallel_unsafe_allowed)$$,
                'every function and aggregate is PARALLEL SAFE, except the listed writers, triggers and event triggers');

SELECT is_empty($$SELECT signature FROM extension_function
                  WHERE lanname IN ('sql', 'plpgsql') AND prokind <> 'p'
                    AND NOT coalesce(proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)$$,
                'every SQL and PL/pgSQL function pins search_path to pg_catalog, pg_temp');

-- A procedure that commits cannot have a SET clause: it pins search_path with set_config instead.
SELECT is_empty($$SELECT f.signature FROM extension_function AS f
                  WHERE f.prokind = 'p'
                    AND pg_catalog.pg_get_functiondef(f.oid) !~ 'set_config\(''search_path'', ''pg_catalog, pg_temp'', true\)'$$,
                'every procedure pins search_path with set_config in its body');

-- Kernels (C functions with a numeric or text result) are IMMUTABLE STRICT;
-- methodology_setting() is no kernel but reads a setting, which changes within a session (STABLE);
-- leb_violation_points is not strict because V and B are not given for a body that was not audited
-- (any other NULL argument gives NULL, as strictness would).
SELECT is_empty($$SELECT f.signature FROM extension_function AS f JOIN pg_proc AS p ON p.oid = f.oid
                  WHERE f.lanname = 'c' AND p.prorettype IN ('numeric'::regtype, 'text'::regtype)
                    AND f.signature <> 'perf_eval.methodology_setting()'
                    AND NOT (p.provolatile = 'i'
                             AND (p.proisstrict OR f.signature = 'perf_eval.leb_violation_points(boolean,numeric,numeric,boolean,numeric,numeric,numeric,text)'))$$,
                'every C kernel is IMMUTABLE STRICT (leb_violation_points: IMMUTABLE, not strict)');

SELECT is_empty($$SELECT f.signature FROM extension_function AS f JOIN pg_proc AS p ON p.oid = f.oid
                  WHERE f.lanname = 'c' AND p.prorettype IN ('numeric'::regtype, 'text'::regtype)
                    AND pg_catalog.obj_description(f.oid, 'pg_proc') IS NULL$$,
                'every C kernel has a COMMENT naming its formula and clause');

SELECT is_empty($$SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a
                  JOIN extension_function AS f ON f.oid = a.aggfnoid
                  WHERE a.aggcombinefn = 0 OR (a.aggtranstype = 'internal'::regtype
                        AND (a.aggserialfn = 0 OR a.aggdeserialfn = 0))$$,
                'every aggregate has combine, serialize and deserialize functions');

-- Combine functions must be non-strict to take empty partial states.
SELECT is_empty($$SELECT DISTINCT a.aggcombinefn::regprocedure::text FROM pg_aggregate AS a
                  JOIN extension_function AS f ON f.oid = a.aggfnoid
                  JOIN pg_proc AS c ON c.oid = a.aggcombinefn
                  WHERE c.proisstrict$$,
                'combine functions are non-strict (NULL/NULL, NULL/x, x/NULL)');

SELECT * FROM finish();
ROLLBACK;
