-- The leak test's dataset (test/leak_test.sh): the demo year 2020 and a copy
-- of its inputs as 2019. The MFA's goals block, whose publication is
-- restricted, gets a distinctive supplied score in both years (61.2345).
-- 2019 has no assessment cycle: its results are public, the MFA's goals
-- score among them. 2020 has a cycle for every block, in the
-- preliminary stage: nobody but the assessors, the admins and each body's
-- own submitters may see its results.
\set ON_ERROR_STOP on
\i test/fixtures/demo_year.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT i.relation, i.year_column,
                    (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute AS a
                     WHERE a.attrelid = i.relation AND a.attnum > 0 AND NOT a.attisdropped
                       AND a.attidentity = '' AND a.attgenerated = '') AS cols
             FROM perf_eval.input_relation AS i WHERE i.year_column IS NOT NULL LOOP
        EXECUTE format('INSERT INTO %1$s (%3$s) SELECT %3$s FROM jsonb_populate_recordset(NULL::%1$s, '
                       '(SELECT jsonb_agg(to_jsonb(t) || jsonb_build_object(%2$L, 2019)) FROM %1$s AS t WHERE t.%2$I = 2020)) '
                       'ON CONFLICT DO NOTHING', r.relation, r.year_column, r.cols);
    END LOOP;
END
$$;
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
VALUES ('MFA', 2019, 'goals', 61.2345, 'leak test'), ('MFA', 2020, 'goals', 61.2345, 'leak test');
SELECT perf_eval.recalculate_within_transaction(2019, 'kz2020');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020');
CREATE TEMP TABLE leak_block AS SELECT b.code AS block FROM perf_eval.block AS b;
SELECT count(*) FROM leak_block, perf_eval.cycle_open(2020, leak_block.block) AS c;
SELECT count(*) FROM leak_block, perf_eval.cycle_preliminary(2020, leak_block.block) AS c;
-- A change of an input, so that the preliminary run computes anew.
UPDATE perf_eval.complaint_counts SET considered = considered + 1 WHERE year = 2020 AND body = 'MF';
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020');

-- One login per role, named after :prefix (default leak; roles are
-- cluster-wide, so a test run beside this one uses another); the goals block
-- has an assessor of its own.
\if :{?prefix}
\else
\set prefix leak
\endif
\set r_reader :prefix '_reader'
\set r_classified :prefix '_classified'
\set r_submitter :prefix '_submitter'
\set r_editor :prefix '_editor'
\set r_goals_assessors :prefix '_goals_assessors'
\set r_assessor :prefix '_assessor'
\set r_admin :prefix '_admin'
CREATE ROLE :"r_reader" LOGIN IN ROLE perf_eval_reader;
CREATE ROLE :"r_classified" LOGIN IN ROLE perf_eval_classified_reader;
CREATE ROLE :"r_submitter" LOGIN IN ROLE perf_eval_submitter;
CREATE ROLE :"r_editor" LOGIN IN ROLE perf_eval_editor;
CREATE ROLE :"r_goals_assessors" NOLOGIN;
CREATE ROLE :"r_assessor" LOGIN IN ROLE perf_eval_editor, :"r_goals_assessors";
CREATE ROLE :"r_admin" LOGIN IN ROLE perf_eval_admin;
INSERT INTO perf_eval.body_submitter VALUES (:'r_submitter', 'MF');
INSERT INTO perf_eval.block_assessor VALUES (:'r_goals_assessors', 'goals');

-- What the scan looks for: the preliminary runs.
CREATE TABLE public.leak_preliminary AS
SELECT DISTINCT r.run_id FROM perf_eval.result_run_all AS r WHERE r.result_kind = 'preliminary';
GRANT SELECT ON public.leak_preliminary TO PUBLIC;
