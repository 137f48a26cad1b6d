-- Every row of test/vectors/zones.csv through efficiency_zone() under the
-- default methodology's zone.* parameters (METHODOLOGY §0.4).
BEGIN;

CREATE TEMP TABLE zone_vector (id text, score numeric, expected_zone text, source text, note text);
\copy zone_vector FROM 'test/vectors/zones.csv' WITH (FORMAT csv, HEADER true)

SELECT plan(count(*)::integer + 3) FROM zone_vector;

SELECT results_eq(format('SELECT perf_eval.efficiency_zone(%s::numeric)', v.score),
                  format('VALUES (%L::text)', v.expected_zone),
                  v.id || ' score ' || v.score || ' is ' || v.expected_zone)
FROM zone_vector AS v
ORDER BY v.id;

-- Every zone the vectors name has a label in both languages.
SELECT is((SELECT count(*) FROM zone_vector AS v
           LEFT JOIN perf_eval.efficiency_zone_label AS l ON l.zone = v.expected_zone
           WHERE l.label_en IS NULL OR l.label_ru IS NULL),
          0::bigint, 'every zone of the vectors has an English and a Russian label');

-- The thresholds are parameters: a user methodology with other bands zones differently.
INSERT INTO perf_eval.methodology (name, title, description) VALUES ('zone_probe', 'probe', 'test');
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source)
SELECT 'zone_probe', key, CASE key WHEN 'zone.high_min' THEN '95' ELSE value END, value_kind, provenance, source
FROM perf_eval.methodology_param WHERE methodology = 'kz2020' AND key LIKE 'zone.%';
SELECT is(perf_eval.efficiency_zone(92, 'zone_probe'), 'medium',
          'zone thresholds are read from the methodology: 92 is medium when high starts at 95');

-- zone.basis = display (a user override) zones the value as shown, 1 decimal.
UPDATE perf_eval.methodology_param SET value = CASE key WHEN 'zone.basis' THEN 'display' ELSE '90' END
WHERE methodology = 'zone_probe' AND key IN ('zone.basis', 'zone.high_min');
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source)
SELECT 'zone_probe', key, value, value_kind, provenance, source
FROM perf_eval.methodology_param WHERE methodology = 'kz2020' AND key = 'present.block_scale';
SELECT results_eq($$SELECT perf_eval.efficiency_zone(89.95, 'zone_probe'), perf_eval.efficiency_zone(89.94, 'zone_probe'),
                           perf_eval.efficiency_zone(89.95, 'kz2020')$$,
                  $$VALUES ('high'::text, 'medium'::text, 'medium'::text)$$,
                  'zone.basis display: 89.95 shows 90.0 and is high; on the unrounded basis it is medium');

SELECT * FROM finish();
ROLLBACK;
