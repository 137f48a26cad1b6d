-- Attacks on what-if runs with parameter and input overrides (76_what_if.sql)
-- and on sensitivity (78_sensitivity.sql): who can call them, read their
-- results, forge them or persist a change through them; SQL in jsonb keys,
-- values, table and column names; pre-created pg_temp tables and a user
-- function named like a node computer; oversized or deeply nested jsonb.
-- The routines are enumerated from pg_proc by name pattern, the roles from
-- pg_roles, the tables from pg_class.
BEGIN;
SELECT plan(48);
\i test/fixtures/demo_year.sql
SET client_min_messages = warning;

CREATE ROLE a19_nobody LOGIN;
CREATE ROLE a19_reader LOGIN IN ROLE perf_eval_reader;
CREATE ROLE a19_classified LOGIN IN ROLE perf_eval_classified_reader;
CREATE ROLE a19_editor LOGIN IN ROLE perf_eval_editor;
CREATE ROLE a19_submitter LOGIN IN ROLE perf_eval_submitter;
CREATE ROLE a19_admin LOGIN IN ROLE perf_eval_admin;
GRANT a19_nobody, a19_reader, a19_classified, a19_editor, a19_submitter, a19_admin TO current_user;

-- The routines of the two features that compute or write (what-if, scratch
-- forks, sensitivity and its steps), by name.
CREATE TEMP VIEW attacked AS
SELECT p.oid, p.oid::regprocedure AS routine, p.provolatile, p.prokind
FROM pg_proc AS p
WHERE p.pronamespace = 'perf_eval'::regnamespace
  AND p.proname ~ '^(what_if|drop_what_if|scratch_fork|drop_scratch_fork|checked_input_overrides|sensitivity.*|compute_block_.*|plan_sensitivity)$';
GRANT SELECT ON attacked TO PUBLIC;

-- 1. Who can call.
SELECT ok((SELECT count(*) FROM attacked) >= 12, 'the name pattern finds the what-if and sensitivity routines (at least 12)');
SELECT hasnt_role('perf_eval_assessor', 'there is no perf_eval_assessor role: assessors are editors');
SELECT is_empty($$SELECT p.oid::regprocedure FROM pg_proc AS p WHERE p.pronamespace = 'perf_eval'::regnamespace AND p.prosecdef$$,
                'no routine of the extension runs with its owner''s rights: every what-if and sensitivity step runs as its caller');
SELECT is_empty($$
    SELECT a.routine, r.rolname FROM attacked AS a
    CROSS JOIN (SELECT rolname FROM pg_roles WHERE rolname ~ '^(perf_eval_|a19_)' UNION ALL SELECT 'public') AS r
    WHERE has_function_privilege(r.rolname, a.oid, 'EXECUTE')
      AND NOT (r.rolname <> 'public' AND pg_has_role(r.rolname, 'perf_eval_admin', 'MEMBER'))$$,
    'every what-if and sensitivity routine is executable by perf_eval_admin members only (not PUBLIC, readers, classified readers, editors, submitters, civil-servant roles)');
SELECT is_empty($$
    SELECT a.routine FROM attacked AS a WHERE NOT has_function_privilege('perf_eval_admin', a.oid, 'EXECUTE')$$,
    'perf_eval_admin can execute every one of them');
SET LOCAL ROLE a19_editor;
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}')$$, '42501', NULL, 'an editor cannot run a what-if');
SELECT throws_ok($$SELECT * FROM perf_eval.sensitivity(2020, 'goals')$$, '42501', NULL, 'an editor cannot run a sensitivity');
RESET ROLE;
SET LOCAL ROLE a19_submitter;
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}')$$, '42501', NULL, 'a submitter cannot run a what-if');
RESET ROLE;
SET LOCAL ROLE a19_nobody;
SELECT throws_ok($$SELECT perf_eval.checked_input_overrides(2020, '{}')$$, '42501', NULL, 'no role: the input-override check is refused');
-- The read helpers left to PUBLIC run with the caller's rights: a role without
-- perf_eval's roles reads no input row through them.
SELECT throws_ok($$SELECT perf_eval.input_row_of('perf_eval.target_indicator', '{"body": "MH"}')$$, '42501', NULL,
                 'no role: input_row_of reads nothing (permission denied)');
RESET ROLE;

-- 2. Restricted values (may_see_values): a reader does not find a restricted
-- input row through input_row_of, which an admin finds.
SELECT body AS r_body, jsonb_build_object('body', body, 'year', year, 'indicator_code', indicator_code) AS r_key
FROM perf_eval.target_indicator AS t
WHERE year = 2020 AND perf_eval.publication_restricted(body, 'goals', 2020) ORDER BY indicator_code LIMIT 1 \gset
SET LOCAL ROLE a19_reader;
SELECT throws_ok(format($$SELECT perf_eval.input_row_of('perf_eval.target_indicator', %L)$$, :'r_key'), 'P0002', NULL,
                 'a reader does not find a restricted body''s input row through input_row_of');
RESET ROLE;
SET LOCAL ROLE a19_admin;
SELECT lives_ok(format($$SELECT perf_eval.input_row_of('perf_eval.target_indicator', %L)$$, :'r_key'),
                'an admin finds it');
RESET ROLE;

-- 3. Nothing persists but the what-if's own rows: every table of the schema
-- (enumerated from pg_class) is unchanged but scratch_run and scratch_score,
-- after a what-if with parameter overrides and input overrides of two tables,
-- one a verified value, another a text column given a quote.
CREATE FUNCTION pg_temp.table_digests() RETURNS TABLE (rel regclass, digest text)
LANGUAGE plpgsql AS $f$
DECLARE r regclass;
BEGIN
    FOR r IN SELECT c.oid::regclass FROM pg_class AS c
             WHERE c.relnamespace = 'perf_eval'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1 LOOP
        rel := r;
        EXECUTE format('SELECT md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '''')) FROM %s AS t', r) INTO digest;
        RETURN NEXT;
    END LOOP;
END
$f$;
SELECT jsonb_build_object('body', body, 'year', year, 'indicator_code', indicator_code) AS ti_key, fact AS ti_fact
FROM perf_eval.target_indicator WHERE year = 2020 AND NOT perf_eval.publication_restricted(body, 'goals', 2020)
ORDER BY body, indicator_code LIMIT 1 \gset
SELECT jsonb_build_object('body', body, 'year', year) AS cc_key FROM perf_eval.complaint_counts WHERE year = 2020 ORDER BY body LIMIT 1 \gset
SET LOCAL ROLE a19_admin;
SELECT perf_eval.record_verification('perf_eval.target_indicator', :'ti_key', 'fact', (:ti_fact + 1)::text, 'act 1') IS NOT NULL AS verified \gset
RESET ROLE;
CREATE TEMP TABLE digests_before AS SELECT * FROM pg_temp.table_digests();
SET LOCAL ROLE a19_admin;
SELECT perf_eval.what_if(2020, 'kz2020', '{"goals.plan_lowered_multiplier": 0.8}', 'attack',
    jsonb_build_object('target_indicator', jsonb_build_array(jsonb_build_object('key', :'ti_key'::jsonb, 'set', '{"fact": 1}'::jsonb)),
                       'complaint_counts', jsonb_build_array(jsonb_build_object('key', :'cc_key'::jsonb,
                                                                                'set', '{"source": "x''); DROP TABLE perf_eval.body; --"}'::jsonb)))) AS wi \gset
RESET ROLE;
SELECT set_eq($$SELECT b.rel::text FROM digests_before AS b JOIN pg_temp.table_digests() AS a USING (rel) WHERE a.digest IS DISTINCT FROM b.digest$$,
              ARRAY['perf_eval.scratch_run', 'perf_eval.scratch_score'],
              'a what-if with input overrides changes no table of the schema but scratch_run and scratch_score (inputs, history, verifications, dirty marks, methodologies, runs)');
SELECT is((SELECT c ->> 'what_if' FROM perf_eval.scratch_run AS s, jsonb_array_elements(s.inputs) AS c
           WHERE s.run_id = :wi AND c ->> 'field' = 'source'),
          'x''); DROP TABLE perf_eval.body; --', 'SQL in an input override value is a value (kept literally), not SQL');
SELECT is((SELECT count(*) FROM perf_eval.methodology WHERE name ~ '^(what_if|sensitivity)_[0-9]+$'), 0::bigint,
          'no scratch fork is left behind');

-- 4. Injection through jsonb keys, values, table and column names: each
-- refused with 22023 (or 42703 for a column), nothing executed.
SET LOCAL ROLE a19_admin;
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{"policy.clamp''; DROP TABLE perf_eval.body; --": 1}')$$, '22023', NULL,
                 'SQL in a parameter key is an unknown key');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{"policy.clamp": "x''); DROP TABLE perf_eval.body; --"}')$$, '22023', NULL,
                 'SQL in a name parameter''s value is an unknown name (validate_methodology)');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{"goals.plan_lowered_multiplier": "0.8; DROP TABLE perf_eval.body"}')$$, '22023', NULL,
                 'SQL in a number parameter''s value is not a number');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"target_indicator; DROP TABLE perf_eval.body": [{"key": {"body": "MH"}, "set": {"fact": 1}}]}')$$,
                 '22023', NULL, 'SQL in an input table name is no such table');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"a.b.c.d": [{"key": {"body": "MH"}, "set": {"fact": 1}}]}')$$,
                 '22023', NULL, 'a table name with too many dots is no such table (22023, not a syntax error)');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"perf_eval.\"target": [{"key": {"body": "MH"}, "set": {"fact": 1}}]}')$$,
                 '22023', NULL, 'a table name with an unclosed quote is no such table');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"pg_catalog.pg_authid": [{"key": {"rolname": "postgres"}, "set": {"rolsuper": false}}]}')$$,
                 '22023', NULL, 'a catalog table is not an input relation');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"run": [{"key": {"run_id": 1}, "set": {"status": "failed"}}]}')$$,
                 '22023', NULL, 'a run table is not an input relation');
SELECT throws_ok(format($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"target_indicator": [{"key": %s, "set": {"fact = 0, body = ''X'' --": 1}}]}')$$, :'ti_key'),
                 '42703', NULL, 'SQL in a column name is no value column');
SELECT throws_ok(format($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"target_indicator": [{"key": %s, "set": {"fact": "1); DROP TABLE perf_eval.body; --"}}]}')$$, :'ti_key'),
                 '22023', NULL, 'SQL in a numeric value is not a number');
RESET ROLE;

-- 5. Oversized and deeply nested jsonb: refused with 22023 before any work.
SET LOCAL ROLE a19_admin;
SELECT throws_ok(format($$SELECT perf_eval.what_if(2020, 'kz2020', '{"goals.plan_lowered_multiplier": %s}')$$,
                        repeat('[', 1000) || '1' || repeat(']', 1000)), '22023', NULL, 'a parameter value nested 1000 deep is refused');
SELECT throws_ok(format($$SELECT perf_eval.what_if(2020, 'kz2020', '{}', NULL, '{"target_indicator": [{"key": %s, "set": {"fact": %s}}]}')$$,
                        :'ti_key', repeat('{"a":', 1000) || '1' || repeat('}', 1000)), '22023', NULL, 'an input value nested 1000 deep is refused');
SELECT throws_ok((SELECT format('SELECT perf_eval.what_if(2020, %L, %L)', 'kz2020', jsonb_object_agg('no.such.key.' || i, i))
                  FROM generate_series(1, 20000) AS i), '22023', NULL, '20000 unknown parameter keys are refused');
SELECT throws_ok((SELECT format('SELECT perf_eval.what_if(2020, %L, %L, NULL, %L)', 'kz2020', '{}',
                                jsonb_build_object('target_indicator', jsonb_agg(jsonb_build_object('key', :'ti_key'::jsonb, 'set', '{"fact": 1}'::jsonb))))
                  FROM generate_series(1, 20000) AS i), '22023', NULL, '20000 overrides of one value: refused as given twice');
SELECT throws_ok($$SELECT * FROM perf_eval.sensitivity(2020, 'goals', 'kz2020', 1, -1)$$, '22023', NULL, 'negative joint samples are refused');
SELECT throws_ok($$SELECT * FROM perf_eval.sensitivity(2020, 'goals; DROP TABLE perf_eval.body', 'kz2020', 1, 0)$$, '22023', NULL,
                 'SQL in a block name is no block');
RESET ROLE;

-- 6. Reading results: readers name the what-if tables but see no row, and
-- compare_runs does not know a what-if for them.
SET LOCAL ROLE a19_classified;
SELECT is((SELECT count(*) FROM perf_eval.scratch_run) + (SELECT count(*) FROM perf_eval.scratch_score), 0::bigint,
          'a classified reader sees no what-if row');
SELECT throws_ok(format('SELECT * FROM perf_eval.compare_runs(%s, %s)', :wi, :wi), '22023', NULL,
                 'compare_runs refuses a what-if to a reader');
SELECT throws_ok(format('INSERT INTO perf_eval.scratch_run (run_id, year, methodology, overrides, parameters, inputs_digest, bodies_scored, nodes_scored) VALUES (-1, 2020, %L, %L, %L, %L, 0, 0)', 'kz2020', '{}', '[]', 'x'),
                 '42501', NULL, 'a reader cannot forge a what-if');
SELECT throws_ok($$INSERT INTO perf_eval.rank_range (year, block, methodology, body, rank, min_rank, max_rank, zone, zone_can_change, draw, samples)
                   VALUES (2020, 'goals', 'kz2020', 'MH', 1, 1, 1, 'high', false, 1, 0)$$, '42501', NULL, 'a reader cannot forge a rank range');
RESET ROLE;
SET LOCAL ROLE a19_editor;
SELECT throws_ok(format('SELECT perf_eval.drop_what_if(%s)', :wi), '42501', NULL, 'an editor cannot remove a what-if');
SELECT throws_ok($$DELETE FROM perf_eval.rank_range$$, '42501', NULL, 'an editor cannot delete rank ranges');
RESET ROLE;

-- 7. Pre-created pg_temp tables and a user function named like a computer
-- (in public, first on the caller's search_path).
CREATE FUNCTION public.goal_nodes(body text, year integer, methodology text) RETURNS SETOF perf_eval.node_value
LANGUAGE sql AS $f$ SELECT NULL::perf_eval.node_value WHERE false $f$;
SET LOCAL ROLE a19_admin;
CREATE TEMP TABLE honest AS SELECT body, rank, min_rank, max_rank, zone FROM perf_eval.sensitivity(2020, 'goals', 'kz2020', 1, 0);
CREATE TEMP TABLE fired (what text);
CREATE FUNCTION pg_temp.forge() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    INSERT INTO pg_temp.fired VALUES (TG_TABLE_NAME);
    IF TG_TABLE_NAME = 'pe_work' AND NEW.raw_value IS NOT NULL THEN NEW.raw_value := NEW.raw_value * 100; END IF;
    IF TG_TABLE_NAME = 'pe_sensitivity' THEN NEW.rank := 1; END IF;
    RETURN NEW;
END
$f$;
CREATE TEMP TABLE pe_work (
    body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
    superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}', PRIMARY KEY (body, node));
CREATE TRIGGER forge BEFORE INSERT ON pg_temp.pe_work FOR EACH ROW EXECUTE FUNCTION pg_temp.forge();
CREATE TEMP TABLE pe_kept AS SELECT * FROM pg_temp.pe_work;
INSERT INTO pg_temp.pe_kept (body, node, raw_value) SELECT code, 'goals', 1000 FROM perf_eval.body;
DROP TABLE IF EXISTS pg_temp.pe_sensitivity;  -- the honest one's
CREATE TEMP TABLE pe_sensitivity (sample integer, param text, body text, kind text, rank bigint, zone text);
CREATE TRIGGER forge BEFORE INSERT ON pg_temp.pe_sensitivity FOR EACH ROW EXECUTE FUNCTION pg_temp.forge();
SET LOCAL search_path = public, perf_eval, pg_catalog;
SELECT set_eq($$SELECT body, rank, min_rank, max_rank, zone FROM perf_eval.sensitivity(2020, 'goals', 'kz2020', 1, 0)$$,
              $$SELECT body, rank, min_rank, max_rank, zone FROM honest$$,
              'a caller''s pg_temp.pe_work, pe_kept and pe_sensitivity with forging triggers and rows, and a public.goal_nodes, change no rank range');
RESET search_path;
SELECT is((SELECT count(*) FROM pg_temp.fired), 0::bigint, 'none of the caller''s triggers fired');
SELECT set_eq($$SELECT body, rank, min_rank, max_rank, zone FROM perf_eval.rank_range WHERE year = 2020 AND block = 'goals' AND methodology = 'kz2020'$$,
              $$SELECT body, rank, min_rank, max_rank, zone FROM honest$$, 'the kept rank ranges are the honest ones');
CREATE TEMP TABLE pe_work (x integer);
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}')$$, '42P07', NULL,
                 'a what-if refuses to compute into a caller''s pg_temp.pe_work');
DROP TABLE pg_temp.pe_work;
CREATE TEMP TABLE pe_sensitivity_plan (sample integer, param text, point jsonb);
SELECT throws_ok($$SELECT * FROM perf_eval.sensitivity(2020, 'goals', 'kz2020', 1, 0)$$, '42P07', NULL,
                 'a sensitivity refuses to plan into a caller''s pg_temp.pe_sensitivity_plan');
DROP TABLE pg_temp.pe_sensitivity_plan;
RESET ROLE;
SELECT is_empty($$SELECT nc.name FROM perf_eval.node_computer AS nc
                  WHERE nc.computer::oid <> to_regproc(nc.computer::text)::oid
                     OR (SELECT n.nspname FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace WHERE p.oid = nc.computer) <> 'perf_eval'
                     OR (nc.bodies IS NOT NULL AND (SELECT n.nspname FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace WHERE p.oid = nc.bodies) <> 'perf_eval')$$,
                'every node computer and body list is a perf_eval function, stored by oid (regproc): a name cannot be hijacked');
SELECT is_empty($$SELECT r.rolname FROM pg_roles AS r WHERE r.rolname ~ '^perf_eval_'
                    AND (has_table_privilege(r.rolname, 'perf_eval.node_computer', 'INSERT')
                         OR has_table_privilege(r.rolname, 'perf_eval.node_computer', 'UPDATE'))$$,
                'no role of the extension may register or change a node computer');

-- 8. A restricted block's rank range: hidden from a reader in the table and
-- in the body card (masked as its score is), shown to a classified reader.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_a \gset
SET LOCAL ROLE a19_reader;
SELECT is((SELECT count(*) FROM perf_eval.rank_range WHERE body = :'r_body' AND block = 'goals'), 0::bigint,
          'a reader sees no rank range of a restricted block');
SELECT is((SELECT row(score, rank_min, rank_max, rank_range_draw)::text FROM perf_eval.result_body_card
           WHERE year = 2020 AND methodology = 'kz2020' AND body = :'r_body' AND node = 'goals' AND is_default),
          '(,,,)', 'nor in the body card: its score and rank range are masked');
SELECT ok((SELECT count(*) FROM perf_eval.result_body_card
           WHERE year = 2020 AND methodology = 'kz2020' AND node = 'goals' AND is_default AND rank_min IS NOT NULL) > 0,
          'a reader sees the rank ranges of the bodies that are not restricted');
RESET ROLE;
SET LOCAL ROLE a19_classified;
SELECT isnt((SELECT rank_min FROM perf_eval.result_body_card
             WHERE year = 2020 AND methodology = 'kz2020' AND body = :'r_body' AND node = 'goals' AND is_default),
            NULL, 'a classified reader sees the restricted block''s rank range');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
