-- Comparing runs, what-if runs and sensitivity (issue 19, items 1-3) on the
-- demo year: a run compared with itself; kz2020 against kz2020_apa; a what-if
-- absent from every view of the schema (enumerated from the catalog) and
-- removable while official runs stay undeletable; sensitivity deterministic
-- for a draw, its rank ranges containing the official rank.
BEGIN;
SELECT plan(21);
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
