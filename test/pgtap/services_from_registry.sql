-- The public-services direction reads the delivery registry (issue 21, item 2):
-- a body's yearly service counts are the merge of its monthly delivery tallies
-- unless yearly counts are loaded for it, and the explanation names the source.
BEGIN;
SELECT plan(7);

-- MF: 200 deliveries in 2033 in the registry, spread over three months.
INSERT INTO perf_eval.service_delivery (delivered_on, deadline_violated, unreasonable_refusal, incomplete_package,
                                        extra_documents, electronic, quality_appeal_justified, body, service_code)
SELECT pg_catalog.make_date(2033, 1 + i % 3, 1 + i % 28), i % 50 = 0, i % 97 = 0, i % 61 = 0, i % 83 = 0,
       i % 4 <> 0, i % 71 = 0, 'MF', 'S' || i % 5
FROM generate_series(1, 200) AS i;
-- A code missing from the body registry: never a body's counts.
INSERT INTO perf_eval.service_delivery (delivered_on, body, service_code) VALUES ('2033-02-01', 'NO_SUCH_BODY', 'S1');
SELECT lives_ok($$SELECT perf_eval.refresh_monthly_tallies(2033)$$, 'the monthly delivery states of 2033 refresh');

SELECT results_eq(
    $$SELECT deliveries, deadline_violations, unreasonable_refusals, incomplete_package, extra_documents,
             electronic, quality_appeals_justified, source
      FROM perf_eval.service_counts_of_year(2033) WHERE body = 'MF'$$,
    $$SELECT count(*), count(*) FILTER (WHERE deadline_violated), count(*) FILTER (WHERE unreasonable_refusal),
             count(*) FILTER (WHERE incomplete_package), count(*) FILTER (WHERE extra_documents),
             count(*) FILTER (WHERE electronic), count(*) FILTER (WHERE quality_appeal_justified),
             'service_delivery (monthly partial states)'::text
      FROM perf_eval.service_delivery WHERE body = 'MF' AND delivered_on >= '2033-01-01' AND delivered_on < '2034-01-01'$$,
    'a body without yearly counts has the registry''s counts of the year, named as their source');
SELECT is_empty($$SELECT 1 FROM perf_eval.service_counts_of_year(2033) WHERE body = 'NO_SUCH_BODY'$$,
                'deliveries of a code missing from the body registry are no body''s counts');

-- MJ: the same counts loaded as yearly totals.
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified, source)
SELECT 'MJ', 2033, deliveries, deadline_violations, unreasonable_refusals, incomplete_package, extra_documents,
       electronic, quality_appeals_justified, 'yearly report'
FROM perf_eval.service_counts_of_year(2033) WHERE body = 'MF';

SELECT perf_eval.recalculate_within_transaction(2033, 'kz2020') AS run_id \gset
SELECT isnt_empty(format($$SELECT 1 FROM perf_eval.score WHERE run_id = %s AND body = 'MF' AND node LIKE 'interaction.services.%%'$$, :run_id),
                  'the recalculation scores the services criteria of a body known only from the registry');
SELECT results_eq(
    format($$SELECT node, raw_value, status FROM perf_eval.score WHERE run_id = %s AND body = 'MF'
             AND node LIKE 'interaction.services%%' ORDER BY node$$, :run_id),
    format($$SELECT node, raw_value, status FROM perf_eval.score WHERE run_id = %s AND body = 'MJ'
             AND node LIKE 'interaction.services%%' ORDER BY node$$, :run_id),
    'registry counts and the same yearly counts give the same services criteria');
SELECT ok((SELECT bool_or(explanation::text LIKE '%service_delivery (monthly partial states)%')
           FROM perf_eval.score WHERE run_id = :run_id AND body = 'MF' AND node LIKE 'interaction.services.%'),
          'the explanation names the delivery registry as the source');

-- Yearly counts, once loaded, are the body's source (as for complaints).
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('MF', 2033, 10, 0, 0, 0, 0, 10, 0);
SELECT results_eq($$SELECT deliveries, source FROM perf_eval.service_counts_of_year(2033) WHERE body = 'MF'$$,
                  $$VALUES (10::bigint, 'service_counts'::text)$$,
                  'loaded yearly counts take precedence over the registry');

SELECT * FROM finish();
ROLLBACK;
