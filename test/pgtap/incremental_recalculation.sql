-- A recalculation recomputes only the bodies whose own inputs changed since
-- the current run, in the same context, and copies the others' scores
-- (issue 21, item 3): the result equals a full recalculation of the same
-- inputs, and run_body says which run computed each body.
BEGIN;
SELECT plan(9);

\i test/fixtures/demo_year.sql

-- The score rows of a run as a comparable set.
CREATE FUNCTION pg_temp.scores_of(run bigint)
RETURNS TABLE (body text, node text, value numeric, raw_value numeric, origin text, superseded boolean,
               status text, reason text, explanation jsonb)
LANGUAGE sql AS $$
    SELECT s.body, s.node, s.value, s.raw_value, s.origin, s.superseded, s.status, s.reason, s.explanation
    FROM perf_eval.score AS s WHERE s.run_id = run
$$;

-- Inputs A, every body computed.
SET LOCAL perf_eval.incremental_recalculation = off;
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS full_a \gset
-- Inputs B: one more late answer for MF; every body computed again.
UPDATE perf_eval.complaint_counts SET late = late + 1 WHERE body = 'MF' AND year = 2020;
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS full_b \gset
SELECT is((SELECT count(*) FROM perf_eval.run_body WHERE run_id = :full_b AND computed_in_run <> :full_b), 0::bigint,
          'with incremental_recalculation off every body is computed');

-- Back to inputs A, incrementally: only MF is recomputed, the rest copied from B.
SET LOCAL perf_eval.incremental_recalculation = on;
UPDATE perf_eval.complaint_counts SET late = late - 1 WHERE body = 'MF' AND year = 2020;
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS incremental_a \gset
SELECT results_eq(
    format('SELECT body FROM perf_eval.run_body WHERE run_id = %s AND computed_in_run = %s', :incremental_a, :incremental_a),
    $$VALUES ('MF'::text)$$,
    'after one body''s input changed, only that body is computed');
SELECT is((SELECT count(*) FROM perf_eval.run_body WHERE run_id = :incremental_a AND computed_in_run = :full_b),
          (SELECT count(*) - 1 FROM perf_eval.run_body WHERE run_id = :full_b),
          'every other body names the run that computed its scores');
SELECT cmp_ok((SELECT count(*) FROM pg_temp.scores_of(:full_a)), '>', 1000::bigint, 'the full run scored the demo year');
SELECT is_empty(format('SELECT * FROM pg_temp.scores_of(%s) EXCEPT ALL SELECT * FROM pg_temp.scores_of(%s)
                        UNION ALL
                        SELECT * FROM pg_temp.scores_of(%s) EXCEPT ALL SELECT * FROM pg_temp.scores_of(%s)',
                       :incremental_a, :full_a, :full_a, :incremental_a),
                'the incremental run equals the full run of the same inputs, row for row (explanations included)');
SELECT is((SELECT (bodies_scored, nodes_scored) FROM perf_eval.run WHERE run_id = :incremental_a),
          (SELECT (bodies_scored, nodes_scored) FROM perf_eval.run WHERE run_id = :full_a),
          'and reports the same counts of bodies and scores');

-- A registry change of one body and month: that body only.
INSERT INTO perf_eval.complaint_record (body, received_on, deadline, answered_on)
SELECT 'MJ', date '2020-05-02', date '2020-05-20', date '2020-05-10' + g % 15 FROM generate_series(1, 1000) AS g;
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS after_registry \gset
SELECT results_eq(
    format('SELECT body FROM perf_eval.run_body WHERE run_id = %s AND computed_in_run = %s', :after_registry, :after_registry),
    $$VALUES ('MJ'::text)$$,
    '1 000 complaints of one body in one month recompute that body only');

-- A change of the context (the body registry): every body.
UPDATE perf_eval.body SET name_en = name_en || ' ' WHERE code = 'MH';
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS after_context \gset
SELECT is((SELECT count(*) FROM perf_eval.run_body WHERE run_id = :after_context AND computed_in_run <> :after_context),
          0::bigint, 'a change of what every body depends on (the body registry) recomputes every body');

-- An input relation without a body column cannot be split by body: refused.
CREATE TABLE public.bodiless_input (year integer);
INSERT INTO perf_eval.input_relation (relation, year_column) VALUES ('public.bodiless_input', 'year');
SELECT throws_ok($$SELECT * FROM perf_eval.body_inputs_digests(2020)$$, '42703', 'input relation public.bodiless_input has no column body',
                 'an input relation must name the body of each row');

SELECT * FROM finish();
ROLLBACK;
