-- Who sees what (issue 17; docs/architecture.md §3.8), the acceptance points:
-- on the leak test's dataset (test/leak/setup.sql: the MFA's restricted goals
-- score 61.2345, public 2019 results, preliminary 2020 results), a reader
-- gets NULL, no row or a permission error on every path the issue lists;
-- the back-computation from the group mean gives nothing better than the
-- published precision; a submitter calls the kernels, reads its own
-- preliminary result and explanation and nothing of another body's.
BEGIN;
SELECT plan(15);
\set prefix vis17
\i test/leak/setup.sql
\set ON_ERROR_STOP off

SET ROLE vis17_reader;
SELECT is((SELECT value FROM perf_eval.current_score WHERE year = 2019 AND body = 'MFA' AND node = 'goals'), NULL,
          'reader: current_score.value of the restricted score is NULL');
SELECT is((SELECT value FROM perf_eval.node_result WHERE year = 2019 AND body = 'MFA' AND node = 'goals'), NULL,
          'reader: node_result.value is NULL');
SELECT is_empty($$SELECT 1 FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id)
                  WHERE r.year = 2019 AND s.body = 'MFA' AND s.node LIKE 'goals%'$$, 'reader: no score row of the restricted block');
SELECT is_empty($$SELECT 1 FROM perf_eval.supplied_score WHERE body = 'MFA' AND node LIKE 'goals%'$$,
                'reader: no supplied_score row of the restricted block');
SELECT is((SELECT count(*) FROM perf_eval.body_card WHERE year = 2019 AND body = 'MFA' AND node LIKE 'goals%'
             AND (explanation IS NOT NULL OR score IS NOT NULL OR zone IS NOT NULL)), 0::bigint,
          'reader: body_card shows no score, zone or explanation of any node of the restricted block');
SELECT is_empty($$SELECT 1 FROM perf_eval.goal_results(2019) WHERE body = 'MFA'$$, 'reader: goal_results() has no MFA row');
SELECT is_empty($$SELECT 1 FROM perf_eval.target_indicator WHERE body = 'MFA'$$, 'reader: no MFA target_indicator row');
SELECT ok((SELECT rank IS NOT NULL AND publication_restricted FROM perf_eval.ranking
           WHERE year = 2019 AND block = 'goals' AND body = 'MFA'), 'reader: the rank and the restriction are shown');
-- The back-computation of the issue: no better than half a unit of the
-- mean's last shown decimal times the number ranked.
SELECT ok((SELECT g.group_mean = g.group_mean_shown FROM perf_eval.ranking AS g
           WHERE g.year = 2019 AND g.methodology = 'kz2020' AND g.block = 'goals' AND g.body = 'MFA'),
          'reader: the group mean over the restricted score is the published, rounded one');
SELECT is_empty($$SELECT 1 FROM perf_eval.result_node WHERE year = 2020$$, 'reader: no preliminary result');
RESET ROLE;
SET ROLE vis17_classified;
SELECT ok((SELECT g.group_mean <> g.group_mean_shown FROM perf_eval.ranking AS g
           WHERE g.year = 2019 AND g.methodology = 'kz2020' AND g.block = 'goals' AND g.body = 'MFA'),
          'classified reader: the unrounded group mean');
RESET ROLE;

SET ROLE vis17_submitter;
SELECT is(perf_eval.target_indicator_result('increase', 100, 126) IS NOT NULL, true,
          'submitter: target_indicator_result() works');
SELECT ok((SELECT count(*) > 0 AND bool_and(body = 'MF') FROM perf_eval.my_results WHERE year = 2020 AND result_kind = 'preliminary'),
          'submitter: my_results shows its own preliminary result only');
SELECT ok((SELECT explanation IS NOT NULL FROM perf_eval.my_results
           WHERE year = 2020 AND result_kind = 'preliminary' AND node = 'interaction'),
          'submitter: with its explanation');
SELECT throws_ok($$SELECT * FROM perf_eval.result_node$$, '42501', NULL, 'submitter: no other body''s result (permission denied)');
RESET ROLE;
SELECT * FROM finish();
ROLLBACK;
