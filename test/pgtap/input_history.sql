-- Inputs with history (issue 16, item 4; 57_input_history.sql): every
-- version of every row of every input relation is kept, across a load, a
-- new file replacing it, an update, a delete and a truncate, with who, when
-- and why; the history replays to the table's content; nobody but the owner
-- rewrites it, and only roles that read every input row read it.
BEGIN;
SELECT plan(17);

CREATE ROLE test_history_editor LOGIN IN ROLE perf_eval_editor;
CREATE ROLE test_history_reader LOGIN IN ROLE perf_eval_reader;
CREATE ROLE test_history_mf LOGIN IN ROLE perf_eval_submitter;
CREATE ROLE test_history_admin LOGIN IN ROLE perf_eval_admin;
INSERT INTO perf_eval.body_submitter VALUES ('test_history_mf', 'MF');
GRANT SELECT ON perf_eval.body_submitter TO test_history_editor;

SELECT is_empty($$SELECT i.relation::text FROM perf_eval.input_relation AS i
                  WHERE (SELECT count(*) FROM pg_catalog.pg_trigger AS t
                         WHERE t.tgrelid = i.relation AND t.tgname LIKE 'input_history_%'
                           AND t.tgfoid = 'perf_eval.record_input_changes()'::regprocedure) <> 4$$,
                'every input relation has the four history triggers (insert, update, delete, truncate)');

-- The versions of one relation's rows of 2036, oldest first: change, reason, a row field.
-- The rows one statement changes have no order among themselves (a DELETE
-- may visit them in any order), so within one statement and operation they
-- are listed by the field's value.
CREATE FUNCTION pg_temp.versions(relation text, field text)
RETURNS TABLE (change text, operation text, reason text, value text, by_session name, as_role name)
LANGUAGE sql AS $$
    SELECT h.change, h.operation, h.reason, r.row_data ->> field, h.changed_by, h.changed_as
    FROM perf_eval.input_history AS h JOIN perf_eval.input_row AS r USING (row_digest)
    WHERE h.relation = $1 AND (r.row_data ->> 'year')::integer = 2036
    ORDER BY min(h.change_id) OVER (PARTITION BY h.changed_at, h.operation, h.change), r.row_data ->> field
$$;

-- A file of indicators loaded by an editor, then a second file of the same body-year replacing it.
SET LOCAL ROLE test_history_editor;
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
VALUES ('MF', '2036', 'G1', 'I1', 'increase', '100', '90', 'true'), ('MF', '2036', 'G1', 'I2', 'increase', '100', '80', 'true');
SELECT perf_eval.accept_target_indicators() AS accepted \gset
INSERT INTO perf_eval.target_indicator_staging (body, year, goal_code, indicator_code, direction, plan, fact, fact_published)
VALUES ('MF', '2036', 'G1', 'I1', 'increase', '100', '95', 'true');
SELECT perf_eval.accept_target_indicators() AS accepted \gset
RESET ROLE;
SELECT results_eq($$SELECT change, operation, reason, value FROM pg_temp.versions('perf_eval.target_indicator', 'fact')$$,
                  $$VALUES ('added', 'INSERT', 'load', '80'), ('added', 'INSERT', 'load', '90'),
                           ('removed', 'DELETE', 'load', '80'), ('removed', 'DELETE', 'load', '90'),
                           ('added', 'INSERT', 'load', '95')$$,
                  'a new file replacing a body-year leaves the rows it replaced in the history, as removed by a load');
SELECT is((SELECT count(*) FROM perf_eval.input_row WHERE relation = 'perf_eval.target_indicator'
                                                      AND (row_data ->> 'year')::integer = 2036),
          3::bigint, 'the three versions of the indicators are stored, each once');
SELECT results_eq($$SELECT DISTINCT by_session, as_role FROM pg_temp.versions('perf_eval.target_indicator', 'fact')$$,
                  $$VALUES (session_user, 'test_history_editor'::name)$$,
                  'each change names the session user and the role in effect');
SELECT ok((SELECT bool_and(h.changed_at BETWEEN now() AND statement_timestamp() AND h.xact = pg_current_xact_id())
           FROM perf_eval.input_history AS h WHERE h.relation = 'perf_eval.target_indicator'),
          'and when: the statement''s time and the transaction');

-- Corrections: an update (the reason said), a delete (the default reason), a truncate.
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2036, 1000, 5, 0, 1, 1), ('MJ', 2036, 2000, 7, 0, 2, 1);
SET LOCAL perf_eval.change_reason = 'objection';
UPDATE perf_eval.complaint_counts SET late = 3 WHERE body = 'MF' AND year = 2036;
RESET perf_eval.change_reason;
DELETE FROM perf_eval.complaint_counts WHERE body = 'MJ' AND year = 2036;
SELECT results_eq($$SELECT change, operation, reason, value FROM pg_temp.versions('perf_eval.complaint_counts', 'late')$$,
                  $$VALUES ('added', 'INSERT', 'load', '5'), ('added', 'INSERT', 'load', '7'),
                           ('removed', 'UPDATE', 'objection', '5'), ('added', 'UPDATE', 'objection', '3'),
                           ('removed', 'DELETE', 'correction', '7')$$,
                  'an update keeps the old version and the new, with the reason perf_eval.change_reason gave; a delete keeps the deleted one');
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MF', 2036, 'goals', 'untimely', 2);
TRUNCATE perf_eval.penalty_event;
SELECT results_eq($$SELECT change, operation, reason, value FROM pg_temp.versions('perf_eval.penalty_event', 'count')$$,
                  $$VALUES ('added', 'INSERT', 'load', '2'), ('removed', 'TRUNCATE', 'correction', '2')$$,
                  'a truncate keeps every row it removed');

-- A bulk load goes through one statement of the trigger: every row is there.
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
SELECT b.code, 2037, 100 + g, 1, 0, 0, 0 FROM perf_eval.body AS b CROSS JOIN generate_series(0, 0) AS g;
SELECT is((SELECT count(*) FROM perf_eval.input_history AS h JOIN perf_eval.input_row AS r USING (row_digest)
           WHERE h.relation = 'perf_eval.complaint_counts' AND (r.row_data ->> 'year')::integer = 2037),
          (SELECT count(*) FROM perf_eval.body), 'a bulk insert records one version per row');

-- Replaying the history (added minus removed) gives each table's content.
SELECT is_empty($$WITH replay AS (
                      SELECT h.relation, r.row_data,
                             sum(CASE h.change WHEN 'added' THEN 1 ELSE -1 END) AS copies
                      FROM perf_eval.input_history AS h JOIN perf_eval.input_row AS r USING (row_digest)
                      GROUP BY h.relation, r.row_data HAVING sum(CASE h.change WHEN 'added' THEN 1 ELSE -1 END) <> 0)
                  SELECT row_data FROM replay WHERE relation = 'perf_eval.complaint_counts'
                                                AND (row_data ->> 'year')::integer >= 2036
                  EXCEPT ALL SELECT to_jsonb(c) FROM perf_eval.complaint_counts AS c
                  UNION ALL
                  SELECT to_jsonb(c) FROM perf_eval.complaint_counts AS c
                  WHERE c.year >= 2036
                  EXCEPT ALL SELECT row_data FROM replay WHERE relation = 'perf_eval.complaint_counts'
                                                           AND (row_data ->> 'year')::integer >= 2036$$,
                'replaying the history of complaint_counts gives the rows the table holds');

-- A submitter's own change is recorded; the submitter reads no history.
SET LOCAL ROLE test_history_mf;
UPDATE perf_eval.complaint_counts SET considered = 1001 WHERE body = 'MF' AND year = 2036;
SELECT throws_ok($$SELECT count(*) FROM perf_eval.input_history$$, '42501', NULL,
                 'a submitter, who sees only its own bodies'' inputs, cannot read the history');
RESET ROLE;
SELECT is((SELECT count(*) FROM perf_eval.input_history WHERE changed_as = 'test_history_mf'), 2::bigint,
          'a submitter''s update of its own body''s row is recorded (old and new version)');

-- Readers read every input row, hence the history; nobody writes it by hand.
SET LOCAL ROLE test_history_reader;
SELECT ok((SELECT count(*) FROM perf_eval.input_history) > 0, 'a reader reads the history');
RESET ROLE;
SET LOCAL ROLE test_history_admin;
SELECT throws_ok($$INSERT INTO perf_eval.input_history (relation, row_digest, change, operation, reason)
                   VALUES ('perf_eval.complaint_counts', 'x', 'added', 'INSERT', 'forged')$$, '42501', NULL,
                 'a history row cannot be inserted by hand');
SELECT throws_ok($$UPDATE perf_eval.input_history SET reason = 'forged'$$, '42501', NULL,
                 'an admin cannot rewrite the history');
SELECT throws_ok($$DELETE FROM perf_eval.input_row$$, '42501', NULL, 'nor delete a stored row version');
RESET ROLE;
SELECT throws_ok($$INSERT INTO perf_eval.input_row (row_digest, relation, row_data)
                   VALUES ('0123456789abcdef0123456789abcdef', 'perf_eval.complaint_counts', '{"body": "MF"}')$$,
                 '23514', NULL, 'a stored version is addressed by its content');

-- A relation readers cannot read wholly gets no history readers could read.
CREATE TABLE public.history_secret (body text, year integer);
SELECT throws_ok($$CALL perf_eval.keep_history('public.history_secret')$$, '42501', NULL,
                 'keep_history refuses a relation perf_eval_reader cannot read every row of');

SELECT * FROM finish();
ROLLBACK;
