-- An organisation with no information systems and no planned integrations
-- (METHODOLOGY §5.3; seed 000 lines 3442-3446, 3063): 0 points for portal,
-- integration and relevance as printed (kz2020), the maximum 25 as the report
-- proposes (kz2020_apa); nothing unused to deduct; automation still counts.
BEGIN;
SELECT plan(6);

-- MCS (no systems on the balance in 2019, seed 000 line 3045) and the LEB Shymkent (line 3060).
INSERT INTO perf_eval.orgdev_it_inputs (body, year, integrations_planned, integrations_implemented,
    functions_subject, functions_non_automatable, functions_own_systems, functions_service_model,
    functions_other_bodies_systems, functions_third_party, has_it_unit, local_content_percent)
VALUES ('MCS', 2031, 0, 0, 80, 16, 10, 10, 10, 2, false, 40),
       ('SHYMKENT_CITY', 2031, 0, 0, 120, 0, 20, 10, 0, 0, true, 40);

SELECT count(perf_eval.recalculate_within_transaction(2031, m.v)) AS runs
FROM (VALUES ('kz2020'), ('kz2020_apa')) AS m(v) \gset

CREATE TEMP VIEW it_points AS
SELECT s.methodology, s.body, s.node, s.value FROM perf_eval.current_score AS s
WHERE s.year = 2031 AND s.node LIKE 'orgdev.it%';

-- kz2020: automation 25·32/80 = 10 (non-automatable functions stay in n).
SELECT results_eq($$SELECT node, value FROM it_points WHERE methodology = 'kz2020' AND body = 'MCS' ORDER BY node$$,
                  $$VALUES ('orgdev.it', 10::numeric), ('orgdev.it.automation', 10), ('orgdev.it.integration', 0),
                           ('orgdev.it.local_content', 0), ('orgdev.it.portal', 0), ('orgdev.it.relevance', 0),
                           ('orgdev.it.unused', 0)$$,
                  'kz2020, no systems: portal, integration and relevance 0 as printed; IT = automation 10');
-- kz2020_apa: 25 each, automation 25·32/(80 − 16) = 12.5.
SELECT results_eq($$SELECT node, value FROM it_points WHERE methodology = 'kz2020_apa' AND body = 'MCS' ORDER BY node$$,
                  $$VALUES ('orgdev.it', 87.5::numeric), ('orgdev.it.automation', 12.5), ('orgdev.it.integration', 25),
                           ('orgdev.it.local_content', 0), ('orgdev.it.portal', 25), ('orgdev.it.relevance', 25),
                           ('orgdev.it.unused', 0)$$,
                  'kz2020_apa, no systems: 25 for portal, integration and relevance; non-automatable functions leave n');
-- The LEB with an IT division: + 5, automation 25·30/120 = 6.25.
SELECT results_eq($$SELECT methodology, value FROM it_points
                    WHERE body = 'SHYMKENT_CITY' AND node = 'orgdev.it' ORDER BY methodology$$,
                  $$VALUES ('kz2020', 11.25::numeric), ('kz2020_apa', 86.25)$$,
                  'an akimat without systems: IT = 6.25 + 5 (kz2020), 75 + 6.25 + 5 (kz2020_apa)');
SELECT is((SELECT s.explanation -> 'inputs' ->> 'systems' FROM perf_eval.current_score AS s
           WHERE s.year = 2031 AND s.methodology = 'kz2020' AND s.body = 'MCS' AND s.node = 'orgdev.it.relevance'),
          '0', 'the explanation shows no systems on the balance');

-- The kernels directly: an empty list of levels, no planned integrations.
SELECT results_eq($$SELECT perf_eval.it_relevance_score('{}', 25, 0), perf_eval.it_relevance_score('{}', 25, 25),
                           perf_eval.it_portal_score(0, 0, 25, 0), perf_eval.it_integration_score(0, 0, 25, 25)$$,
                  $$VALUES (0::numeric, 25::numeric, 0::numeric, 25::numeric)$$,
                  'kernels: no systems / none planned give the version''s points for that case');
SELECT throws_ok($$SELECT perf_eval.it_automation_score(0, 0, 0, 0, 16, 16, 25, 25, true)$$, '22023',
                 'no functions subject to automation',
                 'every function non-automatable under kz2020_apa leaves n = 0: 22023');

SELECT * FROM finish();
ROLLBACK;
