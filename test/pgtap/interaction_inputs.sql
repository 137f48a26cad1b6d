-- Interaction inputs: the staging files and their validation report, accept
-- that loads all or nothing, row-level security for submitters, input tables
-- in the inputs digest, and a run that meets a bad input names the body,
-- the year and the direction (METHODOLOGY §0.7, §4.5).
BEGIN;
SELECT plan(13);

-- A bad file of each kind.
INSERT INTO perf_eval.service_counts_staging (body, year, deliveries, deadline_violations, unreasonable_refusals,
    incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('MF', '2020', '1000', '10', '1', '2', '1001', '900', '1'),
       ('XX', '20x0', '-5', '1', '1', '1', '1', '1', ''),
       ('MF', '2020', '1000', '10', '1', '2', '3', '900', '1');
INSERT INTO perf_eval.service_indicators_staging (body, year, satisfaction_percent, services_in_register,
    services_electronic, downtime_hours, newly_automated)
VALUES ('MF', '2020', '101', '10', '', '-1', '2.5');
INSERT INTO perf_eval.openness_inputs_staging (body, year, open_data_published, open_data_required, budget_filling_percent,
    blog_questions_received, blog_questions_answered, dialogue_indicator_2, dialogue_indicator_3, dialogue_indicator_4,
    dialogue_indicator_5)
VALUES ('MF', '2020', '10', '12', '70', '5', '6', '1', '1.2', '1', '1');
INSERT INTO perf_eval.open_nla_fulfilment_staging (body, year, language, item, fulfilment)
VALUES ('MF', '2020', 'en', 'drafts', '1'), ('MF', '2020', 'kk', 'flyers', '0.5'), ('MJ', '2020', 'kk', 'drafts', '1');

SELECT results_eq($$SELECT staging, line, field, reason FROM perf_eval.interaction_inputs_report()$$,
    $$VALUES
      ('open_nla_fulfilment_staging'::text, 1::bigint, 'language'::text, 'language must be kk or ru'::text),
      ('open_nla_fulfilment_staging', 2, 'item', 'unknown Open NLA item (known: analysis, concepts, drafts, forms, monitoring, notifications, recommendations, submissions, user_satisfaction)'),
      ('open_nla_fulfilment_staging', 3, 'body, year', 'no openness inputs for this body and year (staged or loaded)'),
      ('openness_inputs_staging', 1, 'blog_questions_answered', 'blog_questions_answered must not exceed blog_questions_received'),
      ('openness_inputs_staging', 1, 'dialogue_indicator_3', 'must lie between 0 and 1'),
      ('service_counts_staging', 1, 'extra_documents', 'extra_documents must not exceed deliveries'),
      ('service_counts_staging', 2, 'body', 'unknown body code'),
      ('service_counts_staging', 2, 'deliveries', 'must not be negative'),
      ('service_counts_staging', 2, 'quality_appeals_justified', 'missing'),
      ('service_counts_staging', 2, 'year', 'year must be an integer'),
      ('service_counts_staging', 3, 'body, year', 'duplicate of line 1'),
      ('service_indicators_staging', 1, 'downtime_hours', 'must not be negative'),
      ('service_indicators_staging', 1, 'newly_automated', 'must be a whole number'),
      ('service_indicators_staging', 1, 'satisfaction_percent', 'must lie between 0 and 100'),
      ('service_indicators_staging', 1, 'services_in_register, services_electronic',
       'give both services_in_register and services_electronic, or neither')$$,
    'the report lists every bad value with its file, line, field and reason');
SELECT throws_ok($$SELECT perf_eval.accept_interaction_inputs()$$, '22023', 'interaction staging tables have 15 problems',
                 'accept refuses a staging set with problems');
SELECT is((SELECT count(*) FROM perf_eval.service_counts), 0::bigint, 'nothing was loaded');

-- Corrected files load all at once.
DELETE FROM perf_eval.service_counts_staging;
DELETE FROM perf_eval.service_indicators_staging;
DELETE FROM perf_eval.openness_inputs_staging;
DELETE FROM perf_eval.open_nla_fulfilment_staging;
INSERT INTO perf_eval.service_counts_staging (body, year, deliveries, deadline_violations, unreasonable_refusals,
    incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES (' MF', '2020', '5000000', '100', '10', '20', '150', '4250000', '5');
INSERT INTO perf_eval.service_indicators_staging (body, year, satisfaction_percent, services_in_register,
    services_electronic, downtime_hours, newly_automated)
VALUES ('MF', '2020', '70', '100', '80', '20', '3');
INSERT INTO perf_eval.openness_inputs_staging (body, year, open_data_published, open_data_required, budget_filling_percent,
    blog_questions_received, blog_questions_answered, dialogue_indicator_2, dialogue_indicator_3, dialogue_indicator_4,
    dialogue_indicator_5, subordinates_total, subordinates_non_compliant)
VALUES ('MF', '2020', '450', '500', '70', '100', '90', '1', '0.8', '0.6', '1', '12', '3');
INSERT INTO perf_eval.open_nla_fulfilment_staging (body, year, language, item, fulfilment)
SELECT 'MF', '2020', l, i, CASE i WHEN 'forms' THEN '0.5' WHEN 'monitoring' THEN '0.8' ELSE '1' END
FROM unnest(ARRAY['kk', 'ru']) AS l, unnest(ARRAY['concepts', 'drafts', 'forms', 'monitoring', 'notifications']) AS i;
SELECT is_empty($$SELECT * FROM perf_eval.interaction_inputs_report()$$, 'the corrected files have no problems');
SELECT is(perf_eval.accept_interaction_inputs(), 13::bigint, 'accept loads 1 + 1 + 1 + 10 rows');
SELECT is((SELECT count(*) FROM perf_eval.open_nla_fulfilment_staging), 0::bigint, 'and empties the staging tables');

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS run \gset
SELECT results_eq(format($$SELECT node, value FROM perf_eval.score WHERE run_id = %s AND body = 'MF'
                           AND node IN ('interaction.services', 'interaction.openness') ORDER BY node$$, :run),
                  $$VALUES ('interaction.openness'::text, 80::numeric), ('interaction.services', 74.5)$$,
                  'the loaded files give U = 74.5 and D = 80');

-- The input tables are in the inputs digest: a changed input is a new calculation.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS same_run \gset
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :same_run), 'unchanged', 'unchanged inputs: run marked unchanged');
UPDATE perf_eval.open_nla_fulfilment SET fulfilment = 1 WHERE body = 'MF' AND item = 'forms';
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS changed_run \gset
SELECT results_eq(format($$SELECT r.status, s.value FROM perf_eval.run AS r JOIN perf_eval.score AS s USING (run_id)
                           WHERE r.run_id = %s AND s.body = 'MF' AND s.node = 'interaction.openness'$$, :changed_run),
                  $$VALUES ('succeeded'::text, 82::numeric)$$,
                  'a changed Open NLA fulfilment is recalculated: D = 82');

-- A bad parameter met in a run names the body, the year and the direction.
SELECT perf_eval.fork_methodology('kz2020_apa', 'bad_scale');
UPDATE perf_eval.methodology_param SET value = '0:1;10:0.5' WHERE methodology = 'bad_scale' AND key = 'services.t2_scale';
SELECT throws_like($$SELECT perf_eval.recalculate_within_transaction(2020, 'bad_scale')$$,
                   't2_scale must reach 0 points at a positive rate', 'the run fails with the kernel''s message');
CREATE FUNCTION pg_temp.error_detail(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
    EXECUTE query;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN detail;
END $$;
SELECT alike(pg_temp.error_detail($$SELECT perf_eval.recalculate_within_transaction(2020, 'bad_scale')$$),
            'Body MF, year 2020, public services direction. %', 'the error detail names the body, year and direction');

-- Submitters see and change only their own body's inputs.
CREATE ROLE interaction_test_submitter;
GRANT perf_eval_submitter TO interaction_test_submitter;
INSERT INTO perf_eval.body_submitter (member_role, body) VALUES ('interaction_test_submitter', 'MJ');
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified)
VALUES ('MJ', 2020, 10, 0, 0, 0, 0, 0, 0);
SET LOCAL ROLE interaction_test_submitter;
SELECT results_eq($$SELECT body FROM perf_eval.service_counts ORDER BY body$$, $$VALUES ('MJ'::text)$$,
                  'a submitter sees only the bodies it submits for');
SELECT throws_ok($$INSERT INTO perf_eval.service_indicators (body, year, satisfaction_percent) VALUES ('MF', 2020, 80)$$,
                 '42501', NULL, 'a submitter cannot enter another body''s inputs');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
