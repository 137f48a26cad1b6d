-- Results are append-only and written only by the code that owns them (issue
-- 16, item 6). The records of results are enumerated from the catalog:
-- perf_eval.run and every table with a foreign key to it (scores, problems,
-- bodies of a run; the assessment cycle, its events, publications). For every
-- perf_eval role and every such table: no DELETE or TRUNCATE; UPDATE only
-- where a row trigger checks every change (the run log's status, the cycle's
-- stage); INSERT only where either row-level security ties every write to the
-- engine (engine_writes) or a row trigger checks every new row. Then the
-- forgery of the issue is replayed as perf_eval_admin.
BEGIN;
SELECT plan(16);

CREATE TEMP TABLE results_table AS
SELECT 'perf_eval.run'::regclass AS rel
UNION
SELECT c.conrelid::regclass FROM pg_catalog.pg_constraint AS c
WHERE c.contype = 'f' AND c.confrelid = 'perf_eval.run'::regclass;
CREATE TEMP TABLE perf_eval_role AS
SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE r.rolname LIKE 'perf\_eval\_%';
-- Row triggers that fire before an event (tgtype bits: 1 row, 2 before, 4 insert, 16 update).
CREATE TEMP TABLE guarded AS
SELECT t.tgrelid AS rel,
       bool_or(t.tgtype & 1 = 1 AND t.tgtype & 2 = 2 AND t.tgtype & 4 = 4) AS insert_checked,
       bool_or(t.tgtype & 1 = 1 AND t.tgtype & 2 = 2 AND t.tgtype & 16 = 16) AS update_checked
FROM pg_catalog.pg_trigger AS t WHERE NOT t.tgisinternal GROUP BY t.tgrelid;
-- Tables whose every write policy needs the engine (a run is logged only as running).
CREATE TEMP TABLE engine_only AS
SELECT t.rel FROM results_table AS t JOIN pg_catalog.pg_class AS c ON c.oid = t.rel
WHERE c.relrowsecurity
  AND EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p WHERE p.polrelid = t.rel AND p.polcmd IN ('a', '*'))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p
                  WHERE p.polrelid = t.rel AND p.polcmd IN ('a', 'w', '*')
                    AND pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) !~ 'engine_writes'
                    AND NOT (t.rel = 'perf_eval.run'::regclass AND p.polcmd = 'a'
                             AND pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) ~ 'status = ''running'''));

SELECT cmp_ok((SELECT count(*) FROM results_table), '>=', 4::bigint,
              'the run log and the tables of its results (scores, problems, bodies, ...) are found in the catalog');
SELECT is_empty($$SELECT r.rolname, t.rel, p.privilege FROM perf_eval_role AS r CROSS JOIN results_table AS t
                  CROSS JOIN (VALUES ('DELETE'), ('TRUNCATE')) AS p(privilege)
                  WHERE pg_catalog.has_table_privilege(r.rolname, t.rel, p.privilege)$$,
                'no perf_eval role may delete or truncate a record of results');
SELECT is_empty($$SELECT r.rolname, t.rel FROM perf_eval_role AS r CROSS JOIN results_table AS t
                  LEFT JOIN guarded AS g ON g.rel = t.rel
                  WHERE pg_catalog.has_table_privilege(r.rolname, t.rel, 'UPDATE')
                    AND NOT coalesce(g.update_checked, false)$$,
                'a role may update a record of results only where a row trigger checks every change');
SELECT is_empty($$SELECT r.rolname, t.rel FROM perf_eval_role AS r CROSS JOIN results_table AS t
                  LEFT JOIN guarded AS g ON g.rel = t.rel
                  WHERE pg_catalog.has_table_privilege(r.rolname, t.rel, 'INSERT')
                    AND t.rel NOT IN (SELECT e.rel FROM engine_only AS e)
                    AND NOT coalesce(g.insert_checked, false)$$,
                'a role may insert a record of results only through the engine (row-level security) or past a row trigger that checks it');

-- A real recalculation by perf_eval_admin still writes its results.
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2091, 20000, 8, 0, 21, 6), ('MH', 2091, 20000, 40, 0, 21, 6);
SET LOCAL ROLE perf_eval_admin;
SELECT perf_eval.recalculate_within_transaction(2091, 'kz2020') AS honest_run \gset
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :honest_run), 'succeeded',
          'the engine, run by perf_eval_admin, writes its run');
SELECT is((SELECT started_by FROM perf_eval.run WHERE run_id = :honest_run), session_user,
          'a run is started by the session user');

-- The forgery of the issue: a succeeded run with copied scores, one raised.
SELECT throws_ok(format($$INSERT INTO perf_eval.run (year, methodology, status, finished_at, inputs_digest)
                          VALUES (2091, 'kz2020', 'succeeded', clock_timestamp(), %L)$$,
                        (SELECT inputs_digest FROM perf_eval.run WHERE run_id = :honest_run)),
                 '42501', NULL, 'perf_eval_admin cannot log a finished run');
SELECT throws_ok($$INSERT INTO perf_eval.run (year, methodology, started_by) VALUES (2091, 'kz2020', 'someone_else')$$,
                 '42501', NULL, 'nor a run started by someone else');
INSERT INTO perf_eval.run (year, methodology) VALUES (2091, 'kz2020');
SELECT max(run_id) AS forged_run FROM perf_eval.run \gset
SELECT throws_ok(format($$INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
                          SELECT %s, body, node, CASE WHEN node = 'interaction.complaints' THEN 99.9 ELSE value END, raw_value, origin,
                                 superseded, status, reason, explanation
                          FROM perf_eval.score WHERE run_id = %s$$, :forged_run, :honest_run),
                 '42501', NULL, 'nor insert scores outside the engine');
SELECT throws_ok(format($$UPDATE perf_eval.run SET status = 'succeeded', finished_at = clock_timestamp(),
                          inputs_digest = %L WHERE run_id = %s$$,
                        (SELECT inputs_digest FROM perf_eval.run WHERE run_id = :honest_run), :forged_run),
                 '42501', NULL, 'nor move a run to succeeded');
SELECT throws_ok(format('SELECT perf_eval.compute_run_steps(%s)', :forged_run), '42501', NULL,
                 'calling the engine''s steps directly cannot store results either');
SELECT throws_ok(format('DELETE FROM perf_eval.score WHERE run_id = %s', :honest_run), '42501', NULL,
                 'nor delete scores');
SELECT throws_ok(format('DELETE FROM perf_eval.run WHERE run_id = %s', :honest_run), '42501', NULL,
                 'nor delete a run');
SELECT lives_ok(format($$UPDATE perf_eval.run SET status = 'failed', finished_at = clock_timestamp(),
                         error_sqlstate = 'XX000', error_message = 'abandoned by hand' WHERE run_id = %s$$, :forged_run),
                'a running run may still be logged as failed (as recalculate does after an error)');
SELECT is((SELECT run_id FROM perf_eval.current_run WHERE year = 2091 AND methodology = 'kz2020'), :honest_run::bigint,
          'the honest run stays current');
RESET ROLE;
SELECT is((SELECT value FROM perf_eval.current_score WHERE year = 2091 AND body = 'MH' AND node = 'interaction.complaints'),
          (SELECT value FROM perf_eval.score WHERE run_id = :honest_run AND body = 'MH' AND node = 'interaction.complaints'),
          'and its scores are the engine''s');

SELECT * FROM finish();
ROLLBACK;
