-- Public services and openness directions as supplied scores, until their
-- computation lands; the complaints direction is computed from the counts.
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT b.code, y.year, d.node, round(d.low + d.spread * demo.fraction(b.code || y.year || d.node), 2), 'demo'
FROM perf_eval.body AS b
JOIN demo.assessed AS y ON y.body = b.code
CROSS JOIN (VALUES ('interaction.services', 62, 36), ('interaction.openness', 55, 42)) AS d(node, low, spread)
WHERE perf_eval.scope_status(b.code, 'interaction', y.year) <> 'exempt';
