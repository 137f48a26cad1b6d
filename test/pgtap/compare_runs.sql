-- Comparing runs, what-if runs and sensitivity (issue 19, items 1-3) on the
-- demo year: a run compared with itself; kz2020 against kz2020_apa; a what-if
-- absent from every view of the schema (enumerated from the catalog) and
-- removable while official runs stay undeletable; an input override computed
-- as a recomputation with the input really changed would, persisting nothing
-- to the inputs, their history or the dirty marks; sensitivity deterministic
-- for a draw, its rank ranges containing the official rank.
BEGIN;
SELECT plan(37);
\i test/fixtures/demo_year.sql
SET client_min_messages = warning;

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_a \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS run_b \gset

SELECT is((SELECT count(*) FROM perf_eval.compare_runs(:run_a, :run_a) WHERE difference <> 0 OR rank_change <> 0 OR zone_changed),
          0::bigint, 'a run compared with itself: no difference, no rank change, no zone change');
SELECT ok((SELECT count(*) FROM perf_eval.compare_runs(:run_a, :run_a)) = (SELECT count(*) FROM perf_eval.score WHERE run_id = :run_a),
          'a run compared with itself lists every node of every body');
SELECT ok((SELECT bool_and(spearman = 1) AND count(*) > 0 FROM perf_eval.compare_summary(:run_a, :run_a)),
          'a run compared with itself: Spearman''s correlation 1 in every block and kind');

-- The ranking rule is the ranking views' one: every ranked body of the
-- default result of both runs has the same rank and zone.
SELECT is_empty(format($$
    SELECT k.block, k.body, k.rank, k.zone FROM perf_eval.result_ranking AS k
    WHERE k.year = 2020 AND k.methodology IN ('kz2020', 'kz2020_apa') AND k.is_default AND k.assessment = 'assessed'
      AND k.methodology = 'kz2020'
    EXCEPT
    SELECT r.block, r.body, r.rank, r.zone FROM perf_eval.run_ranking(%1$s) AS r$$, :run_a),
    'run_ranking ranks and zones as result_ranking does');

-- kz2020 against kz2020_apa: the movers, recomputed here from the scores.
SELECT ok((SELECT count(*) FROM perf_eval.compare_runs(:run_a, :run_b) WHERE level = 'block' AND rank_change <> 0) > 0,
          'kz2020 and kz2020_apa rank some bodies differently on the demo');
SELECT is_empty(format($$
    SELECT s.block, s.kind, m.value ->> 'body' FROM perf_eval.compare_summary(%1$s, %2$s) AS s
    CROSS JOIN LATERAL jsonb_array_elements(s.largest_movers) AS m
    WHERE (m.value ->> 'rank_change')::bigint IS DISTINCT FROM
          (SELECT c.rank_a - c.rank_b FROM perf_eval.compare_runs(%1$s, %2$s) AS c
           WHERE c.body = m.value ->> 'body' AND c.node = s.block)$$, :run_a, :run_b),
    'the largest movers are those whose ranks differ, by that much');
SELECT ok((SELECT bool_and(s.spearman < 1 OR NOT EXISTS (SELECT 1 FROM perf_eval.compare_runs(:run_a, :run_b) AS c
                                                        WHERE c.block = s.block AND c.kind = s.kind AND c.rank_change <> 0))
           FROM perf_eval.compare_summary(:run_a, :run_b) AS s),
          'Spearman''s correlation is below 1 exactly where ranks move');
SELECT is((SELECT sum(zone_changes) FROM perf_eval.compare_summary(:run_a, :run_b)),
          (SELECT count(*) FROM perf_eval.compare_runs(:run_a, :run_b) WHERE zone_changed)::numeric,
          'the bodies changing zone are counted per block');
SELECT ok((SELECT count(*) FROM perf_eval.methodology_comparison
           WHERE year = 2020 AND methodology_a = 'kz2020' AND methodology_b = 'kz2020_apa') > 0,
          'methodology_comparison compares the current runs');
SELECT throws_ok('SELECT * FROM perf_eval.compare_runs(-1, 1)', '22023', NULL, 'an unknown run is refused');

-- What-if.
SELECT perf_eval.what_if(2020, 'kz2020', '{"goals.plan_lowered_multiplier": 0.8, "goals.no_dynamics_multiplier": 0.8}') AS scratch \gset
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{"complaints.r1.k": 30}')$$, '22023', NULL,
                 'an override that breaks the criterion maxima is refused');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{"no.such.key": 1}')$$, '22023', NULL, 'an unknown key is refused');
SELECT ok(NOT EXISTS (SELECT 1 FROM perf_eval.methodology WHERE name ~ '^(what_if|sensitivity)_')
          AND NOT EXISTS (SELECT 1 FROM perf_eval.run WHERE run_id = :scratch),
          'a what-if leaves no methodology and no official run behind');
-- Every view of the schema that has a run_id column: none shows the what-if.
CREATE TEMP TABLE views_with_run AS
SELECT c.oid::regclass AS v FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attname IN ('run_id', 'current_run_id', 'last_run_id')
WHERE c.relnamespace = 'perf_eval'::regnamespace AND c.relkind = 'v';
SELECT is((SELECT count(*) FROM views_with_run AS w
           CROSS JOIN LATERAL (SELECT (xpath('/row/n/text()',
                                   query_to_xml(format('SELECT count(*) AS n FROM %s AS t WHERE %s = %s', w.v,
                                                       (SELECT a.attname FROM pg_catalog.pg_attribute AS a
                                                        WHERE a.attrelid = w.v AND a.attname IN ('run_id', 'current_run_id', 'last_run_id')
                                                        LIMIT 1), :scratch), false, false, '')))[1]::text::bigint AS n) AS x
           WHERE x.n > 0), 0::bigint, 'no view of perf_eval shows the what-if run');
SELECT perf_eval.drop_what_if(:scratch);
SELECT throws_ok(format('SELECT perf_eval.drop_what_if(%s)', :run_a), '22023', NULL, 'an official run is not removable');

-- What-if with an input override: MH's first target indicator of 2020 with
-- its fact halved. Everything a write to the inputs could leave behind is
-- counted before and after.
SELECT jsonb_build_object('body', body, 'year', year, 'indicator_code', indicator_code) AS ti_key,
       indicator_code AS ti_code, fact AS ti_fact, round(fact / 2, 2) AS ti_new
FROM perf_eval.target_indicator WHERE body = 'MH' AND year = 2020 AND fact > 0 ORDER BY indicator_code LIMIT 1 \gset
CREATE TEMP VIEW traces AS
SELECT jsonb_build_object(
    'inputs_digest', perf_eval.inputs_digest(2020, 'kz2020'),
    'input_history', (SELECT count(*) FROM perf_eval.input_history),
    'input_row', (SELECT count(*) FROM perf_eval.input_row),
    'registry_dirty_month', (SELECT count(*) FROM perf_eval.registry_dirty_month),
    'penalty_event', (SELECT count(*) FROM perf_eval.penalty_event),
    'input_verification', (SELECT count(*) FROM perf_eval.input_verification),
    'run', (SELECT count(*) FROM perf_eval.run),
    'run_body', (SELECT count(*) FROM perf_eval.run_body),
    'methodology', (SELECT count(*) FROM perf_eval.methodology)) AS t;
-- A dirty mark pending, so that its consumption would show.
INSERT INTO perf_eval.registry_dirty_month (registry, body, month) VALUES ('complaint_record', 'MH', '2020-03-01');
SELECT t AS traces_before FROM traces \gset
SELECT perf_eval.what_if(2020, 'kz2020', inputs => jsonb_build_object('target_indicator', jsonb_build_array(
           jsonb_build_object('key', :'ti_key'::jsonb, 'set', jsonb_build_object('fact', :ti_new))))) AS wi \gset
SELECT is((SELECT t FROM traces), :'traces_before'::jsonb,
          'an input override persists nothing: inputs digest, input history, dirty marks, penalties, verifications, runs unchanged');
SELECT is((SELECT fact FROM perf_eval.target_indicator WHERE body = 'MH' AND year = 2020 AND indicator_code = :'ti_code'),
          :ti_fact::numeric, 'the overridden input row keeps its value');
SELECT is((SELECT inputs FROM perf_eval.scratch_run WHERE run_id = :wi),
          jsonb_build_array(jsonb_build_object('relation', 'perf_eval.target_indicator', 'key', :'ti_key'::jsonb, 'body', 'MH',
                                               'field', 'fact', 'value', :ti_fact, 'what_if', :ti_new)),
          'scratch_run records the input override with the value before and the value used');
SELECT ok((SELECT bool_and((explanation -> 'input_overrides' -> 0 ->> 'what_if')::numeric = :ti_new) FROM perf_eval.scratch_score
           WHERE run_id = :wi AND body = 'MH')
          AND NOT EXISTS (SELECT 1 FROM perf_eval.scratch_score WHERE run_id = :wi AND body <> 'MH' AND explanation ? 'input_overrides'),
          'the explanation of every node of MH marks the input override, of no other body');
SELECT isnt((SELECT value FROM perf_eval.scratch_score WHERE run_id = :wi AND body = 'MH' AND node = 'goals'),
            (SELECT value FROM perf_eval.score WHERE run_id = :run_a AND body = 'MH' AND node = 'goals'),
            'the override changes MH''s goals score');
-- The expectation: the input really changed, and the engine's official recalculation.
UPDATE perf_eval.target_indicator SET fact = :ti_new WHERE body = 'MH' AND year = 2020 AND indicator_code = :'ti_code';
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run_c \gset
SELECT is_empty(format($$
    (SELECT body, node, value, origin, superseded, reason FROM perf_eval.scratch_score WHERE run_id = %1$s
     EXCEPT SELECT body, node, value, origin, superseded, reason FROM perf_eval.score WHERE run_id = %2$s)
    UNION ALL
    (SELECT body, node, value, origin, superseded, reason FROM perf_eval.score WHERE run_id = %2$s
     EXCEPT SELECT body, node, value, origin, superseded, reason FROM perf_eval.scratch_score WHERE run_id = %1$s)$$, :wi, :run_c),
    'the what-if''s tree is the one a recalculation with the input really changed computes');
SELECT is((SELECT inputs_digest FROM perf_eval.scratch_run WHERE run_id = :wi), perf_eval.inputs_digest(2020, 'kz2020'),
          'its inputs digest is that of the inputs really changed');
UPDATE perf_eval.target_indicator SET fact = :ti_fact WHERE body = 'MH' AND year = 2020 AND indicator_code = :'ti_code';

-- Refused input overrides, each naming the problem.
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"no_such_table": [{"key": {"body": "MH"}, "set": {"fact": 1}}]}')$$,
                 '22023', NULL, 'an unknown table is refused');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"methodology_param": [{"key": {"methodology": "kz2020", "key": "policy.clamp"}, "set": {"value": "x"}}]}')$$,
                 '22023', NULL, 'a table that is not an input relation is refused');
SELECT throws_ok(format($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"target_indicator": [{"key": %s, "set": {"year": 2019}}]}')$$, :'ti_key'),
                 '42703', NULL, 'a key column is not overridden');
SELECT throws_ok(format($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"target_indicator": [{"key": %s, "set": {"loaded_by": "x"}}]}')$$, :'ti_key'),
                 '42703', NULL, 'an audit column is not overridden');
SELECT throws_ok(format($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"target_indicator": [{"key": %s, "set": {"fact": "many"}}]}')$$, :'ti_key'),
                 '22023', NULL, 'a value not of the column''s type is refused');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"target_indicator": [{"key": {"body": "MH", "year": 2020, "indicator_code": "none"}, "set": {"fact": 1}}]}')$$,
                 'P0002', NULL, 'a key naming no row is refused');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"complaint_counts": [{"key": {"body": "MH", "year": 2019}, "set": {"considered": 1}}]}')$$,
                 '22023', NULL, 'a row of another year is refused');
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{"complaint_counts": [{"row": {"body": "MH"}}]}')$$,
                 '22023', NULL, 'a malformed override is refused');
SET LOCAL ROLE perf_eval_editor;
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', inputs => '{}')$$, '42501', NULL, 'an editor runs no what-if');
RESET ROLE;

-- Sensitivity: deterministic for a draw; the ranges contain the official rank.
CREATE TEMP TABLE sens AS SELECT * FROM perf_eval.sensitivity(2020, 'orgdev', 'kz2020', 7, 10);
SELECT is_empty($$SELECT * FROM sens EXCEPT SELECT * FROM perf_eval.sensitivity(2020, 'orgdev', 'kz2020', 7, 10)$$,
                'sensitivity is deterministic for a draw');
SELECT is_empty(format($$SELECT r.body FROM perf_eval.run_ranking(%s) AS r JOIN sens AS s USING (body)
                         WHERE r.block = 'orgdev' AND (r.rank IS DISTINCT FROM s.rank OR r.rank NOT BETWEEN s.min_rank AND s.max_rank)$$, :run_a),
                'the rank range of every body contains its official rank');

SELECT is_empty($$SELECT s.body, s.rank, s.min_rank, s.max_rank, s.zone_can_change FROM sens AS s
                  EXCEPT SELECT r.body, r.rank, r.min_rank, r.max_rank, r.zone_can_change FROM perf_eval.rank_range AS r
                  WHERE r.year = 2020 AND r.block = 'orgdev' AND r.methodology = 'kz2020' AND r.draw = 7$$,
                'rank_range keeps the latest sensitivity of each body');
-- Sensitivity computes a computer once when its rows name no ranged
-- parameter: that rests on every explanation naming the parameters its value
-- reads. Every ranged parameter of kz2020 at its low end, then at its high
-- end: the rows of those computers do not change; the others' do.
SELECT perf_eval.scratch_fork('kz2020', '{}', 'sensitivity_900001') AS fork \gset
SELECT array_agg(name)::text AS every_computer FROM perf_eval.node_computer \gset
CALL perf_eval.compute_block_rows(2020, :'fork'::text, :'every_computer'::text[]);
CREATE TEMP TABLE rows_at (point text, computer text, body text, node text, raw_value numeric, reason text, names_ranged boolean);
INSERT INTO rows_at
SELECT 'version', w.explanation ->> 'computer', w.body, w.node, w.raw_value, w.reason,
       EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(w.explanation -> 'parameters', '[]')) AS e
               JOIN perf_eval.ranges_of('kz2020') AS r ON r.key = e.value ->> 'key')
FROM pg_temp.pe_work AS w;
UPDATE perf_eval.methodology_param AS p SET value = r.range_low
FROM perf_eval.ranges_of('kz2020') AS r WHERE p.methodology = :'fork' AND p.key = r.key;
CALL perf_eval.compute_block_rows(2020, :'fork'::text, :'every_computer'::text[]);
INSERT INTO rows_at SELECT 'low', w.explanation ->> 'computer', w.body, w.node, w.raw_value, w.reason, NULL FROM pg_temp.pe_work AS w;
UPDATE perf_eval.methodology_param AS p SET value = r.range_high
FROM perf_eval.ranges_of('kz2020') AS r WHERE p.methodology = :'fork' AND p.key = r.key;
CALL perf_eval.compute_block_rows(2020, :'fork'::text, :'every_computer'::text[]);
INSERT INTO rows_at SELECT 'high', w.explanation ->> 'computer', w.body, w.node, w.raw_value, w.reason, NULL FROM pg_temp.pe_work AS w;
DROP TABLE pg_temp.pe_work;
SELECT perf_eval.drop_scratch_fork(:'fork');
RESET search_path;  -- the procedures pin it for the transaction
CREATE TEMP TABLE kept_computers AS
SELECT computer FROM rows_at WHERE point = 'version' GROUP BY computer HAVING NOT bool_or(names_ranged);
SELECT ok((SELECT count(*) FROM kept_computers) > 0 AND (SELECT count(DISTINCT computer) FROM rows_at) > (SELECT count(*) FROM kept_computers),
          'some computers name no ranged parameter, others do');
SELECT is_empty($$
    SELECT a.point, a.computer, a.body, a.node FROM rows_at AS a JOIN kept_computers USING (computer)
    WHERE a.point <> 'version' AND NOT EXISTS (
        SELECT 1 FROM rows_at AS o WHERE o.point = 'version' AND o.body = a.body AND o.node = a.node
          AND o.raw_value IS NOT DISTINCT FROM a.raw_value AND o.reason IS NOT DISTINCT FROM a.reason)$$,
    'a computer whose rows name no ranged parameter gives the same rows at both ends of every range');

SET LOCAL ROLE perf_eval_reader;
SELECT throws_ok($$SELECT perf_eval.what_if(2020, 'kz2020', '{}')$$, '42501', NULL, 'a reader runs no what-if');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
