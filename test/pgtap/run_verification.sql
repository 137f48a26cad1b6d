-- Proof that a run is reproducible (issue 16, item 5; 59_run_verification.sql):
-- every run records the input rows and the parameters it used
-- (54_run_record.sql), and perf_eval.verify_run(run) recomputes it from them
-- with the engine's own steps: no rows for every honest run of the demo,
-- after the inputs changed, a new file was loaded and a fork's parameter was
-- edited, for incremental (copied) and unchanged runs too; the node a
-- superuser altered and the node a forged run changed come back.
BEGIN;
SELECT plan(17);

\i test/fixtures/demo_year.sql

CREATE ROLE test_verify_admin LOGIN IN ROLE perf_eval_admin;
CREATE ROLE test_verify_reader LOGIN IN ROLE perf_eval_reader;

-- The demo's runs, as make demo makes them.
SELECT perf_eval.recalculate_within_transaction(2019, 'kz2020') AS run_2019 \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_a \gset
SELECT cmp_ok((SELECT count(*) FROM perf_eval.body_input_set AS s JOIN perf_eval.run_body AS b USING (inputs_digest)
               WHERE b.run_id = :run_a), '>', 100::bigint, 'a run records the input rows of every body it computed');
SELECT is((SELECT count(*) FROM perf_eval.run_context AS c JOIN perf_eval.run AS r USING (context_digest)
           WHERE r.run_id = :run_a AND c.context -> 'params' IS NOT NULL), 1::bigint,
          'and its context: the methodology''s parameters, the registry, the score tree');

-- After an input changed: the earlier run verifies, and verification changes
-- nothing (it undoes its own substitution, history rows included).
UPDATE perf_eval.complaint_counts SET late = late + 3 WHERE body = 'MF' AND year = 2020;
CREATE TEMP VIEW input_state AS
SELECT (SELECT count(*) FROM perf_eval.input_history) AS history, (SELECT count(*) FROM perf_eval.input_row) AS versions,
       (SELECT md5(string_agg(c::text, ',' ORDER BY c::text)) FROM perf_eval.complaint_counts AS c) AS counts,
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM perf_eval.target_indicator AS t) AS indicators;
CREATE TEMP TABLE before_verify AS SELECT * FROM input_state;
SELECT is_empty(format('SELECT * FROM perf_eval.verify_run(%s)', :run_a),
                'after an input changed, the earlier run still verifies from the rows it used');
SELECT is((SELECT s::text FROM input_state AS s), (SELECT b::text FROM before_verify AS b),
          'verification leaves the inputs and their history as they were');

-- An incremental run: MF recomputed, every other body copied.
SELECT count(*) AS sets_before FROM perf_eval.body_input_set \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_b \gset
SELECT is((SELECT count(*) FROM perf_eval.run_body WHERE run_id = :run_b AND computed_in_run = :run_b), 1::bigint,
          'the next run recomputes the one body whose inputs changed');
SELECT is((SELECT count(*) - :sets_before FROM perf_eval.body_input_set),
          (SELECT count(*) FROM perf_eval.body_input_set AS s JOIN perf_eval.run_body AS b USING (inputs_digest)
           WHERE b.run_id = :run_b AND b.body = 'MF'),
          'and records only that body''s rows anew: the others'' are those of the run they were computed in');
SELECT is_empty(format('SELECT * FROM perf_eval.verify_run(%s)', :run_b),
                'an incremental run verifies, copied bodies included');

-- A new file replaces a body-year of indicators; a fork's parameter is edited after its run.
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
SELECT t.body, t.year::text, t.goal_code, t.indicator_code, t.direction, t.plan::text, (t.fact * 0.5)::text, t.fact_published::text
FROM perf_eval.target_indicator AS t WHERE t.body = 'MJ' AND t.year = 2020;
SELECT perf_eval.accept_target_indicators() AS accepted \gset
SELECT perf_eval.fork_methodology('kz2020', 'verify_fork') AS fork \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'verify_fork') AS run_fork \gset
SELECT perf_eval.set_param('verify_fork', 'complaints.r1.scale', '500', note => 'edited after the run');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_c \gset
SELECT is_empty(format('SELECT * FROM perf_eval.verify_run(%s)', :run_fork),
                'a fork''s run verifies with the parameters it had, though one was edited since');
SELECT is((SELECT value FROM perf_eval.methodology_param WHERE methodology = 'verify_fork' AND key = 'complaints.r1.scale'),
          '500', 'and the edited parameter stays edited');

-- An unchanged run verifies as the run whose result it repeats.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_same \gset
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :run_same), 'unchanged', 'an unchanged run is logged');
SELECT is_empty(format('SELECT r.run_id, v.* FROM perf_eval.run AS r CROSS JOIN LATERAL perf_eval.verify_run(r.run_id) AS v
                        WHERE r.run_id >= %s AND r.status IN (%L, %L)', :run_2019, 'succeeded', 'unchanged'),
                'every run of the demo verifies: earlier ones after a new file replaced a body-year, incremental and unchanged ones');

-- An admin verifies (the inputs' row-level security lets staff replace every body's rows); a reader may not.
SET LOCAL ROLE test_verify_admin;
SELECT is_empty(format('SELECT * FROM perf_eval.verify_run(%s)', :run_2019), 'an admin verifies a run');
RESET ROLE;
SET LOCAL ROLE test_verify_reader;
SELECT throws_ok(format('SELECT * FROM perf_eval.verify_run(%s)', :run_a), '42501', NULL, 'a reader cannot');
RESET ROLE;

-- A superuser alters a stored score behind the immutability trigger.
ALTER TABLE perf_eval.score DISABLE TRIGGER score_is_immutable;
UPDATE perf_eval.score SET value = value + 1 WHERE run_id = :run_a AND body = 'MH' AND node = 'interaction';
ALTER TABLE perf_eval.score ENABLE TRIGGER score_is_immutable;
SELECT results_eq(format('SELECT body, node, recorded_value - recomputed_value, difference FROM perf_eval.verify_run(%s)', :run_a),
                  $$VALUES ('MH'::text, 'interaction'::text, 1::numeric, 'value'::text)$$,
                  'verify_run returns the node a superuser altered, and only it');

-- A forged run: the current run's record and scores copied, MH's interaction raised to 99.9.
INSERT INTO perf_eval.run (year, methodology, status, finished_at, inputs_digest, context_digest)
SELECT year, methodology, 'succeeded', clock_timestamp(), inputs_digest, context_digest FROM perf_eval.run WHERE run_id = :run_c
RETURNING run_id AS forged \gset
INSERT INTO perf_eval.run_body (run_id, body, inputs_digest, computed_in_run)
SELECT :forged, body, inputs_digest, :forged FROM perf_eval.run_body WHERE run_id = :run_c;
INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
SELECT :forged, body, node, CASE WHEN body = 'MH' AND node = 'interaction' THEN 99.9 ELSE value END,
       raw_value, origin, superseded, status, reason, explanation
FROM perf_eval.score WHERE run_id = :run_c;
SELECT results_eq(format('SELECT body, node, recorded_value, difference FROM perf_eval.verify_run(%s)', :forged),
                  $$VALUES ('MH'::text, 'interaction'::text, 99.9, 'value'::text)$$,
                  'a forged run with a copied record is caught at the node it changed');
INSERT INTO perf_eval.run (year, methodology, status, finished_at, inputs_digest)
SELECT year, methodology, 'succeeded', clock_timestamp(), inputs_digest FROM perf_eval.run WHERE run_id = :run_c
RETURNING run_id AS bare_forgery \gset
SELECT results_eq(format('SELECT body, node, difference ~ %L FROM perf_eval.verify_run(%s)', 'recorded no inputs', :bare_forgery),
                  $$VALUES (NULL::text, NULL::text, true)$$,
                  'a run with no record of its inputs does not verify');
SELECT throws_ok('SELECT * FROM perf_eval.verify_run(-1)', '22023', 'run -1 has no result to verify',
                 'an unknown run is refused');

SELECT * FROM finish();
ROLLBACK;
