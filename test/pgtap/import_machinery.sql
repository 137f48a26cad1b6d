-- One import machinery (METHODOLOGY §4.5): every input kind checks its staged
-- rows through perf_eval.import_report and its declared fields, so an unknown
-- body, a missing required field and a bad number are reported the same way
-- and in the same row shape (perf_eval.import_problem) by every kind; the
-- public reports are projections of it and every accept refuses alike.
BEGIN;
SELECT plan(15);

SELECT has_type('perf_eval', 'import_problem', 'the one report row shape exists');
SELECT is((SELECT array_agg(input_kind ORDER BY input_kind) FROM perf_eval.import_kind),
          ARRAY['complaint_counts', 'interaction', 'orgdev', 'supplied_score', 'target_indicator'],
          'the five input kinds are declared');
SELECT is_empty($$SELECT st.staging FROM perf_eval.import_staging AS st
                  WHERE to_regclass('perf_eval.' || st.staging) IS NULL OR to_regclass('perf_eval.' || st.target) IS NULL
                  UNION ALL
                  SELECT f.staging || '.' || f.field FROM perf_eval.import_field AS f
                  WHERE NOT EXISTS (SELECT 1 FROM pg_attribute AS a
                                    WHERE a.attrelid = ('perf_eval.' || f.staging)::regclass AND a.attname = f.field)$$,
                'every declared staging table, target and field exists');

-- Line 1 of every staging table: an unknown body, nothing else given.
-- Line 2: a known body, and 'abc' in every checked field.
DO $$
DECLARE
    st record;
BEGIN
    FOR st IN SELECT s.staging FROM perf_eval.import_staging AS s LOOP
        EXECUTE format('INSERT INTO perf_eval.%I (body, year) VALUES (''NO_SUCH_BODY'', ''2020'')', st.staging);
        EXECUTE format('INSERT INTO perf_eval.%I (body, year%s) VALUES (''MF'', ''2020''%s)', st.staging,
                       (SELECT string_agg(', ' || quote_ident(f.field), '') FROM perf_eval.import_field AS f
                        WHERE f.staging = st.staging AND f.kind NOT IN ('code', 'word', 'text')),
                       (SELECT string_agg(', ''abc''', '') FROM perf_eval.import_field AS f
                        WHERE f.staging = st.staging AND f.kind NOT IN ('code', 'word', 'text')));
    END LOOP;
END
$$;

CREATE TEMP TABLE reported AS
SELECT k.input_kind, p.* FROM perf_eval.import_kind AS k CROSS JOIN LATERAL perf_eval.import_report(k.input_kind) AS p;

SELECT set_has($$SELECT staging, line, body, field, reason FROM reported$$,
               $$SELECT s.staging, 1::bigint AS line, 'NO_SUCH_BODY'::text AS body, 'body'::text AS field, 'unknown body code'::text AS reason
                 FROM perf_eval.import_staging AS s$$,
               'every staging table reports an unknown body the same way');
SELECT set_has($$SELECT staging, line, field, reason FROM reported$$,
               $$SELECT f.staging, 1::bigint AS line, f.field, coalesce(f.missing_reason, 'missing') AS reason
                 FROM perf_eval.import_field AS f WHERE f.required$$,
               'every required field reports its absence the same way (missing, or its declared wording)');
SELECT set_has($$SELECT staging, line, field, reason FROM reported$$,
               $$SELECT f.staging, 2::bigint AS line, f.field,
                        CASE f.kind WHEN 'count' THEN 'must be a whole number' WHEN 'month' THEN 'month must be 1 to 12'
                                    WHEN 'boolean' THEN 'must be true or false' ELSE 'must be a number' END AS reason
                 FROM perf_eval.import_field AS f WHERE f.kind NOT IN ('code', 'word', 'text')$$,
               'every checked field reports a bad value by its kind, with one message per rule');
SELECT is_empty($$SELECT staging FROM reported WHERE staging_id IS NULL OR line IS NULL OR field IS NULL OR reason IS NULL$$,
                'every problem names its staging table, line, staging id, field and reason');

-- The public reports are projections of the generic one.
SELECT is((SELECT count(*) FROM perf_eval.complaint_counts_report()),
          (SELECT count(*) FROM reported WHERE input_kind = 'complaint_counts'), 'complaint_counts_report() is import_report');
SELECT is((SELECT count(*) FROM perf_eval.supplied_score_report()),
          (SELECT count(*) FROM reported WHERE input_kind = 'supplied_score'), 'supplied_score_report() is import_report');
SELECT is((SELECT count(*) FROM perf_eval.target_indicator_report()),
          (SELECT count(*) FROM reported WHERE input_kind = 'target_indicator'), 'target_indicator_report() is import_report');
SELECT is((SELECT count(*) FROM perf_eval.interaction_inputs_report()),
          (SELECT count(*) FROM reported WHERE input_kind = 'interaction'), 'interaction_inputs_report() is import_report');
SELECT is((SELECT count(*) FROM perf_eval.orgdev_inputs_report()),
          (SELECT count(*) FROM reported WHERE input_kind = 'orgdev'), 'orgdev_inputs_report() is import_report');

-- Every accept refuses the same way and loads nothing.
SELECT throws_ok($$SELECT perf_eval.accept_complaint_counts() UNION ALL SELECT perf_eval.accept_supplied_scores()
                   UNION ALL SELECT perf_eval.accept_target_indicators() UNION ALL SELECT perf_eval.accept_interaction_inputs()
                   UNION ALL SELECT perf_eval.accept_orgdev_inputs()$$,
                 '22023', format('complaint_counts_staging has %s problems',
                                 (SELECT count(*) FROM reported WHERE input_kind = 'complaint_counts')),
                 'an accept is refused while its report has rows');
SELECT is((SELECT array_agg(r.message || ' / ' || r.hint ORDER BY r.message) FROM perf_eval.import_kind AS k
           CROSS JOIN LATERAL perf_eval.import_refusal(k.input_kind) AS r)::text[],
          (SELECT array_agg(format(k.refusal, (SELECT count(*) FROM reported AS p WHERE p.input_kind = k.input_kind))
                            || ' / SELECT * FROM perf_eval.' || k.report || '() lists them; nothing was loaded.'
                            ORDER BY format(k.refusal, 0))
           FROM perf_eval.import_kind AS k),
          'every kind is refused with its count of problems and its report named in the hint');
SELECT throws_ok($$SELECT * FROM perf_eval.import_report('no_such_kind')$$, '22023', 'unknown input kind no_such_kind',
                 'an unknown input kind is an error');

SELECT * FROM finish();
ROLLBACK;
