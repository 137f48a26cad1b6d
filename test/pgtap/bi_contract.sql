-- The contract a BI tool reads from the catalog: every table and view of
-- schema perf_eval and every one of their columns has a comment (what it
-- holds, its unit, the values of codes), and efficiency zones sort in their
-- natural order high, medium, low, ineffective by zone_order, which every
-- reporting view with a zone column carries beside it.
-- Tables made at run time (temporary work tables) live outside the schema;
-- the demo's recalculation adds no relation to it.
BEGIN;
SELECT plan(8);

CREATE TEMP VIEW perf_eval_relation AS
SELECT c.oid, c.relname, c.relkind
FROM pg_catalog.pg_class AS c
JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
WHERE n.nspname = 'perf_eval' AND c.relkind IN ('r', 'v', 'p', 'm', 'f');

SELECT cmp_ok((SELECT count(*) FROM perf_eval_relation WHERE relkind IN ('r', 'v')), '>', 0::bigint,
              'the catalog lists the tables and views of perf_eval');

SELECT is_empty($$SELECT r.relname || '.' || a.attname
                  FROM perf_eval_relation AS r
                  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                  WHERE pg_catalog.col_description(r.oid, a.attnum) IS NULL
                  ORDER BY 1$$,
                'every column of every table and view in perf_eval has a comment');

SELECT is_empty($$SELECT r.relname FROM perf_eval_relation AS r
                  WHERE pg_catalog.obj_description(r.oid, 'pg_class') IS NULL ORDER BY 1$$,
                'every table and view in perf_eval has a comment');

-- Zones in their natural order.
SELECT results_eq($$SELECT zone FROM perf_eval.efficiency_zone_label ORDER BY zone_order$$,
                  $$VALUES ('high'), ('medium'), ('low'), ('ineffective')$$,
                  'ordering the zones by zone_order gives high, medium, low, ineffective');

SELECT is_empty($$SELECT r.relname FROM perf_eval_relation AS r
                  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = r.oid AND a.attname = 'zone'
                  WHERE r.relkind = 'v'
                    AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS o
                                    WHERE o.attrelid = r.oid AND o.attname = 'zone_order' AND o.attnum = a.attnum + 1)$$,
                'every view with a zone column has zone_order right after it');

-- Four bodies, one per zone, whose codes sort the other way round.
INSERT INTO perf_eval.body (code, kind, name_en, name_ru) VALUES
('BI_A', 'CSB', 'Zone order body A', 'Орган A'),
('BI_B', 'CSB', 'Zone order body B', 'Орган B'),
('BI_C', 'CSB', 'Zone order body C', 'Орган C'),
('BI_D', 'CSB', 'Zone order body D', 'Орган D');
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document) VALUES
('BI_A', 2301, 'interaction', 45, 'bi_contract.sql'),
('BI_B', 2301, 'interaction', 60, 'bi_contract.sql'),
('BI_C', 2301, 'interaction', 89.995, 'bi_contract.sql'),
('BI_D', 2301, 'interaction', 95, 'bi_contract.sql');
SELECT perf_eval.recalculate_within_transaction(2301, 'kz2020');

SELECT results_eq($$SELECT r.body, r.zone, r.zone_order FROM perf_eval.ranking AS r
                    WHERE r.year = 2301 AND r.methodology = 'kz2020' AND r.block = 'interaction' AND r.body LIKE 'BI\_%'
                    ORDER BY r.zone_order$$,
                  $$VALUES ('BI_D', 'high', 1), ('BI_C', 'medium', 2), ('BI_B', 'low', 3), ('BI_A', 'ineffective', 4)$$,
                  'ranking ordered by zone_order: high, medium, low, ineffective');

SELECT results_eq($$SELECT c.body, c.zone, c.zone_order FROM perf_eval.body_card AS c
                    WHERE c.year = 2301 AND c.methodology = 'kz2020' AND c.level = 'block' AND c.body LIKE 'BI\_%'
                    ORDER BY c.zone_order$$,
                  $$VALUES ('BI_D', 'high', 1), ('BI_C', 'medium', 2), ('BI_B', 'low', 3), ('BI_A', 'ineffective', 4)$$,
                  'body cards ordered by zone_order: high, medium, low, ineffective');

SELECT is_empty($$SELECT c.body, c.node FROM perf_eval.body_card AS c
                  WHERE c.year = 2301 AND (c.zone IS NULL) <> (c.zone_order IS NULL)$$,
                'a body card row has zone_order exactly when it has a zone');

SELECT * FROM finish();
ROLLBACK;
