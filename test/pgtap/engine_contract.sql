-- The engine owns the node-computer contract (issue 15): a direction added by
-- a fixture (a score node, its parameter, a per-body function and its
-- node_computer row) is scored and rolled up by the engine, and a failing
-- body is named once, with body, year, computer and SQLSTATE, leaving the
-- earlier result current.
BEGIN;
SELECT plan(9);

\i test/fixtures/extra_direction.sql

INSERT INTO public.extra_direction_input VALUES ('MF', 2096, 3), ('ME', 2096, 4);
SELECT perf_eval.recalculate_within_transaction(2096, 'extra_fork') AS first_run \gset

SELECT results_eq(
    format($$SELECT body, value, status FROM perf_eval.score WHERE run_id = %s AND node = 'interaction.openness.extra' ORDER BY body$$, :first_run),
    $$VALUES ('ME'::text, 4::numeric, 'ok'::text), ('MF', 3, 'ok')$$,
    'the fixture''s criterion is scored for every body the fixture lists');
SELECT results_eq(
    format($$SELECT value, explanation->'children' FROM perf_eval.score WHERE run_id = %s AND body = 'MF' AND node = 'interaction.openness'$$, :first_run),
    $$VALUES (3::numeric, '[{"node": "interaction.openness.extra", "sign": 1, "value": 3}]'::jsonb)$$,
    'the engine rolls the criterion up into its parent direction');
SELECT is(
    (SELECT s.explanation->'parameters'->0->>'provenance' FROM perf_eval.score AS s
     WHERE s.run_id = :first_run AND s.body = 'MF' AND s.node = 'interaction.openness.extra'),
    'assumed', 'the criterion''s explanation names its parameter with provenance');
SELECT is((SELECT count(*) FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id)
           WHERE r.methodology = 'kz2020' AND s.node = 'interaction.openness.extra'), 0::bigint,
          'a version without the parameter computes no such node');

-- A failing body: ME's input turns negative.
UPDATE public.extra_direction_input SET points = -1 WHERE body = 'ME';
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE state text; detail text; hint text;
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN state || ' / ' || detail || ' / ' || hint;
END $$;
SELECT throws_ok($$SELECT perf_eval.recalculate_within_transaction(2096, 'extra_fork')$$, '22003',
                 'extra points must not be negative', 'the computer''s error keeps its SQLSTATE and message');
SELECT is(pg_temp.error_of($$SELECT perf_eval.recalculate_within_transaction(2096, 'extra_fork')$$),
          '22003 / Body ME, year 2096, extra test direction. points = -1. / Extra test direction, test/fixtures/extra_direction.sql.',
          'the failure names the body, the year and the computer once, with the computer''s hint');
SELECT is((SELECT run_id FROM perf_eval.current_run WHERE year = 2096 AND methodology = 'extra_fork'), :first_run::bigint,
          'the earlier run stays current');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :first_run AND body = 'ME' AND node = 'interaction.openness.extra'),
          4::numeric, 'and keeps its scores');

-- A computer registered as in release 1.0 (every body at once, no bodies function) still runs.
UPDATE public.extra_direction_input SET points = 2 WHERE body = 'ME';
CREATE FUNCTION pg_temp.extra_whole_year(year integer, methodology text)
RETURNS SETOF perf_eval.node_value LANGUAGE sql AS $$
    SELECT n.* FROM public.extra_direction_bodies($1, $2) AS b(body), public.extra_direction_nodes(b.body, $1, $2) AS n
$$;
UPDATE perf_eval.node_computer SET computer = 'pg_temp.extra_whole_year', bodies = NULL, context = NULL, hint = NULL
WHERE name = 'extra';
SELECT results_eq(
    format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s AND node = 'interaction.openness.extra' ORDER BY body$$,
           perf_eval.recalculate_within_transaction(2096, 'extra_fork')),
    $$VALUES ('ME'::text, 2::numeric), ('MF', 3)$$,
    'a whole-year computer (year, methodology) of release 1.0 is still called');

SELECT * FROM finish();
ROLLBACK;
