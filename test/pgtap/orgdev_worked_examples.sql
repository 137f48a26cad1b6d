-- The worked examples of METHODOLOGY §5.2 and §5.3 through the recalculation:
-- K = 19.083333 from leavers, month-end headcounts and percentages; H = 85 from
-- K 25, O 28, M 35 (supplied by the assessor) and W 3 (three facts of
-- unreliable reporting); IT = 85.5 for a ministry and 90.5 for an akimat with
-- an IT division; the block 0.5·H + 0.5·IT.
BEGIN;
SELECT plan(8);

CREATE FUNCTION pg_temp.typical_hr(body text, year integer) RETURNS perf_eval.orgdev_hr_inputs
LANGUAGE sql AS $$
    SELECT ROW($1, $2, 2, 5, 20, 80, 60, 95, 45, 12, 80, 90, 70, 10, 10, 4, 4, true, 9,
               80, 75, 30, 70, 85, 'test', current_user, now())::perf_eval.orgdev_hr_inputs
$$;

-- §5.2: t = 0.07 (7 leavers, 100 servants on average), 60 % long-tenured, 95 % coverage,
-- 45 % women in leadership, 12 % qualified. EKO from month-end counts, MH from averages.
INSERT INTO perf_eval.orgdev_hr_inputs SELECT (pg_temp.typical_hr(b, 2031)).* FROM unnest(ARRAY['EKO', 'MH']) AS b;
UPDATE perf_eval.orgdev_hr_inputs SET average_management = NULL, average_other = NULL WHERE body = 'EKO';
INSERT INTO perf_eval.orgdev_headcount_month (body, year, month, management, other)
SELECT 'EKO', 2031, m, 18 + m % 5, 82 - m % 5 FROM generate_series(1, 12) AS m;  -- 100 servants every month

-- §5.2: K 25, O 28, M 35 supplied for MJ, W from 3 facts of unreliable reporting (1 point each).
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document)
VALUES ('MJ', 2031, 'orgdev.hr.potential', 'kz2020', 25, 'METHODOLOGY §5.2 example'),
       ('MJ', 2031, 'orgdev.hr.labour', 'kz2020', 28, 'METHODOLOGY §5.2 example'),
       ('MJ', 2031, 'orgdev.hr.meritocracy', 'kz2020', 35, 'METHODOLOGY §5.2 example');
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MJ', 2031, 'orgdev', 'unreliable', 3);

-- §5.3: 90 % of systems on the portal (9 of 10), 8 of 10 integrations, relevance averaging 0.9
-- (1, 0.9, 0.8 in the example; here ten systems, as the portal share needs ten), 45 of 50
-- functions automated, 1 unused system.
INSERT INTO perf_eval.orgdev_it_inputs (body, year, integrations_planned, integrations_implemented,
    functions_subject, functions_non_automatable, functions_own_systems, functions_service_model,
    functions_other_bodies_systems, functions_third_party, has_it_unit, local_content_percent)
VALUES ('MJ', 2031, 10, 8, 50, 0, 40, 3, 2, 0, false, 30),
       ('EKO', 2031, 10, 8, 50, 0, 40, 3, 2, 0, true, 30);
INSERT INTO perf_eval.orgdev_information_system (body, year, system_code, registered_on_portal, relevance_level, unused)
SELECT b, 2031, 'IS-' || lpad(g::text, 2, '0'), g <= 9, (ARRAY[1, 1, 1, 1, 1, 0.9, 0.8, 0.8, 0.75, 0.75])[g], g = 10
FROM generate_series(1, 10) AS g CROSS JOIN unnest(ARRAY['MJ', 'EKO']) AS b;

SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS run \gset
CREATE TEMP VIEW scored AS SELECT s.* FROM perf_eval.score AS s WHERE s.run_id = :run;

SELECT results_eq($$SELECT body, round(value, 6) FROM scored WHERE node = 'orgdev.hr.potential' AND origin = 'computed'
                    ORDER BY body$$,
                  $$VALUES ('EKO', 19.083333), ('MH', 19.083333)$$,
                  'K = 3.333333 + 3 + 4.75 + 5 + 3 = 19.083333, from month-end counts (EKO) and from averages (MH)');
SELECT is((SELECT (explanation -> 'inputs' ->> 't')::numeric FROM scored WHERE body = 'EKO' AND node = 'orgdev.hr.potential'),
          0.07, 't = 12·7/(sum of the 24 month-end counts) = 0.07 exactly');
SELECT results_eq($$SELECT h.value, w.value, w.origin FROM scored AS h JOIN scored AS w ON w.body = h.body
                    WHERE h.body = 'MJ' AND h.node = 'orgdev.hr' AND w.node = 'orgdev.hr.penalties'$$,
                  $$VALUES (85::numeric, 3::numeric, 'computed'::text)$$,
                  'H = K 25 + O 28 + M 35 − W 3 = 85 (criteria supplied, W computed from penalty facts)');
SELECT results_eq($$SELECT body, value FROM scored WHERE node = 'orgdev.it' ORDER BY body$$,
                  $$VALUES ('EKO', 90.5::numeric), ('MJ', 85.5::numeric)$$,
                  'IT = 22.5 + 20 + 22.5 + 22.5 − 2 = 85.5 (CSB); + 5 for the IT division = 90.5 (LEB)');
SELECT results_eq($$SELECT node, value FROM scored WHERE body = 'MJ' AND node LIKE 'orgdev.it.%' ORDER BY node$$,
                  $$VALUES ('orgdev.it.automation', 22.5::numeric), ('orgdev.it.integration', 20),
                           ('orgdev.it.local_content', 0), ('orgdev.it.portal', 22.5), ('orgdev.it.relevance', 22.5),
                           ('orgdev.it.unused', 2)$$,
                  'the IT criteria of the example: no IT-division bonus for a ministry');
SELECT results_eq($$SELECT value, perf_eval.efficiency_zone(value) FROM scored WHERE body = 'MJ' AND node = 'orgdev'$$,
                  $$VALUES (85.25::numeric, 'medium'::text)$$,
                  'block = 0.5·85 + 0.5·85.5 = 85.25, medium');
SELECT is((SELECT value FROM scored WHERE body = 'EKO' AND node = 'orgdev'),
          (SELECT 0.5 * h.value + 0.5 * i.value FROM scored AS h, scored AS i
           WHERE h.body = 'EKO' AND h.node = 'orgdev.hr' AND i.body = 'EKO' AND i.node = 'orgdev.it'),
          'the akimat''s block is 0.5·H + 0.5·IT of its computed directions');
-- The card shows the assumed parameters the example relies on (§0.5).
SELECT ok((SELECT c.assumed_parameters ? 'it.pts_portal' FROM perf_eval.body_card AS c
           WHERE c.year = 2031 AND c.methodology = 'kz2020' AND c.body = 'MJ' AND c.node = 'orgdev.it.portal'),
          'the body card flags the assumed portal points');

SELECT * FROM finish();
ROLLBACK;
