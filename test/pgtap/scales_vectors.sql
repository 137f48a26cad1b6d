-- Every row of test/vectors/scales.csv through scale_value() and
-- bands_value() (METHODOLOGY §0.8).
BEGIN;

CREATE TEMP TABLE scale_vector (
    id text, mechanism text, x numeric, definition text, expected numeric,
    scale integer, exact boolean, sqlstate text, source text, note text);
\copy scale_vector FROM 'test/vectors/scales.csv' WITH (FORMAT csv, HEADER true)

SELECT plan(count(*)::integer) FROM scale_vector;

CREATE FUNCTION pg_temp.mechanism_call(v scale_vector) RETURNS text
LANGUAGE sql AS $$
    SELECT format('perf_eval.%s(%s::numeric, %L)',
                  CASE v.mechanism WHEN 'scale' THEN 'scale_value' WHEN 'bands' THEN 'bands_value' END,
                  v.x, v.definition)
$$;

SELECT CASE
    WHEN v.sqlstate IS NOT NULL THEN
        throws_ok('SELECT ' || pg_temp.mechanism_call(v), v.sqlstate, NULL, v.id || ' ' || coalesce(v.note, ''))
    WHEN v.exact THEN
        results_eq('SELECT ' || pg_temp.mechanism_call(v), format('VALUES (%L::numeric)', v.expected),
                   v.id || ' ' || coalesce(v.note, ''))
    ELSE
        results_eq(format('SELECT round(%s, %s)', pg_temp.mechanism_call(v), v.scale),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' ' || coalesce(v.note, ''))
    END
FROM scale_vector AS v
ORDER BY v.id;

SELECT * FROM finish();
ROLLBACK;
