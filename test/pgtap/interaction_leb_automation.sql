-- LEBs have no automation criterion under kz2020 (seed 000 line 1954:
-- "the assessment of local executive bodies for this indicator is
-- excluded"); kz2020_apa extends K3 to them (line 2268). METHODOLOGY §2.4,
-- §4.2: T = M1 + M2, T' = K2' + K3.
BEGIN;
SELECT plan(11);

-- The same counts and indicators, automation included, for an akimat and a ministry.
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('KARAGANDA', 2020, 5000000, 100, 10, 20, 150, 4250000, 5),
       ('MJ',        2020, 5000000, 100, 10, 20, 150, 4250000, 5),
       ('PAVLODAR',  2020, 5000000, 100, 10, 20, 150, 4250000, 5);
INSERT INTO perf_eval.service_indicators (body, year, satisfaction_percent, services_in_register, services_electronic,
                                          downtime_hours, newly_automated)
VALUES ('KARAGANDA', 2020, 70, 100, 80, 20, 3),
       ('MJ',        2020, 70, 100, 80, 20, 3),
       -- an akimat that reports no automation data at all
       ('PAVLODAR',  2020, 70, NULL, NULL, NULL, NULL);

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS kz2020_run \gset
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa') AS apa_run \gset

SELECT is_empty(format($$SELECT 1 FROM perf_eval.score WHERE run_id = %s AND body IN ('KARAGANDA', 'PAVLODAR')
                          AND node = 'interaction.services.automation'$$, :kz2020_run),
                'kz2020: no LEB has an automation criterion, even with automation inputs');
SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.services.automation' ORDER BY body$$, :kz2020_run),
                  $$VALUES ('MJ'::text, 15.2::numeric)$$,
                  'kz2020: the ministry with the same inputs has K3 = 15.2');
SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.services' ORDER BY body$$, :kz2020_run),
                  $$VALUES ('KARAGANDA'::text, 72.3::numeric), ('MJ', 74.5), ('PAVLODAR', 72.3)$$,
                  'kz2020: T = M1 + M2 = 72.3 with or without automation data; U = K1 + K2 + K3 = 74.5');
SELECT is((SELECT jsonb_path_query_array(explanation, '$.children[*].node') FROM perf_eval.score
           WHERE run_id = :kz2020_run AND body = 'KARAGANDA' AND node = 'interaction.services'),
          '["interaction.services.satisfaction", "interaction.services.quality"]'::jsonb,
          'kz2020: the LEB services direction is the sum of M1 and M2 only');
SELECT is((SELECT explanation #>> '{formula,id}' FROM perf_eval.score
           WHERE run_id = :kz2020_run AND body = 'KARAGANDA' AND node = 'interaction.services.quality'),
          'M2', 'kz2020: the LEB quality criterion is M2 (T1 worth 20 points)');
SELECT is(perf_eval.param_exists('kz2020', 'services.leb.pts_k3'), false,
          'kz2020 defines no LEB automation points (§2.4: "— E")');
SELECT is((SELECT count(*) FROM perf_eval.service_criteria('LEB', 'kz2020', 5000000, 100, 10, 20, 150, 4250000, 5,
                                                            70, 100, 80, 20, 3) AS c
           WHERE c.node = 'interaction.services.automation'),
          0::bigint, 'service_criteria() gives an LEB no automation row under kz2020');

SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.services.automation' ORDER BY body$$, :apa_run),
                  $$VALUES ('KARAGANDA'::text, 15.2::numeric), ('MJ', 15.2), ('PAVLODAR', NULL)$$,
                  'kz2020_apa: K3 extended to LEBs (15.2); without automation data it is not assessable');
SELECT is((SELECT reason FROM perf_eval.score WHERE run_id = :apa_run AND body = 'PAVLODAR'
           AND node = 'interaction.services.automation'),
          'no_data: services_in_register, downtime_hours, newly_automated',
          'kz2020_apa: the reason names the missing automation inputs');
SELECT results_eq(format($$SELECT body, value FROM perf_eval.score WHERE run_id = %s
                           AND node = 'interaction.services' ORDER BY body$$, :apa_run),
                  $$VALUES ('KARAGANDA'::text, 77.6::numeric), ('MJ', 77.6), ('PAVLODAR', NULL)$$,
                  'kz2020_apa: T'' = K2'' + K3 = 77.6 for the akimat as for the ministry');
SELECT is((SELECT explanation #>> '{clause}' FROM perf_eval.score
           WHERE run_id = :apa_run AND body = 'KARAGANDA' AND node = 'interaction.services.automation'),
          'APA 2020 report §2.2, Table 2.2; chapter 2 recommendations', 'kz2020_apa: the LEB K3 cites the proposal that extends it');

SELECT * FROM finish();
ROLLBACK;
