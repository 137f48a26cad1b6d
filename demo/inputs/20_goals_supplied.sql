-- The goals block as the assessor publishes it, until its computation lands:
-- 2019 LEB values of seed 000 Table 1.4 (lines 647-664); others generated.
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT t.body, 2019, 'goals', t.value, 'seed 000 Table 1.4'
FROM (VALUES ('NURSULTAN_CITY', 81.65), ('ALMATY_CITY', 87.84), ('SHYMKENT_CITY', 79.66), ('AKMOLA', 65.15),
             ('AKTOBE', 81.43), ('ALMATY_REG', 80.37), ('ATYRAU', 63.56), ('EKO', 84.21), ('ZHAMBYL', 74.10),
             ('WKO', 76.43), ('KARAGANDA', 74.74), ('KOSTANAY', 77.36), ('KYZYLORDA', 77.57), ('MANGYSTAU', 67.09),
             ('PAVLODAR', 79.43), ('NKO', 64.74), ('TURKESTAN', 78.39)) AS t(body, value);

INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT b.code, y.year, 'goals', round(58 + 38 * demo.fraction(b.code || y.year || 'goals'), 2), 'demo'
FROM perf_eval.body AS b
JOIN demo.assessed AS y ON y.body = b.code
WHERE perf_eval.scope_status(b.code, 'goals', y.year) <> 'exempt'
  AND NOT (b.kind = 'LEB' AND y.year = 2019);
