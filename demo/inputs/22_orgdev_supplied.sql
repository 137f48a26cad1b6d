-- Personnel management (H) and information technology (IT) directions as the
-- civil-service agency and the IT authority supply them: 2019 as published in
-- seed 000 Tables 3.7 and 3.8 (lines 2958-2976, 3015-3032); 2020 generated.
CREATE TEMP TABLE demo_orgdev_2019 (id text, kernel text, variant text, kind text, body text, t text, a1 text,
    a2 text, b1 text, b2 text, a text, b text, c text, d text, levels text, e1 text, e2 text, e3 text, e4 text,
    n text, n_excluded text, h numeric, it numeric, k text, o text, m text, w text, expected text, scale text,
    exact text, sqlstate text, expected_display text, expected_rank text, expected_zone text, source text, note text);
\copy demo_orgdev_2019 FROM 'test/vectors/orgdev.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT o.body, 2019, d.node, CASE d.node WHEN 'orgdev.hr' THEN o.h ELSE o.it END, o.source
FROM demo_orgdev_2019 AS o
CROSS JOIN (VALUES ('orgdev.hr'), ('orgdev.it')) AS d(node)
WHERE o.kernel = 'orgdev_block';

INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT b.code, 2020, d.node, round(d.low + d.spread * demo.fraction(b.code || 2020 || d.node), 2), 'demo'
FROM perf_eval.body AS b
CROSS JOIN (VALUES ('orgdev.hr', 58, 38), ('orgdev.it', 40, 58)) AS d(node, low, spread)
WHERE perf_eval.scope_status(b.code, 'orgdev', 2020) <> 'exempt';
