-- Scope and versions of the org-dev block (METHODOLOGY §1.3, §5.4): exempt
-- bodies are neither scored nor ranked even with inputs; an assessed_not_ranked
-- body is scored and shown as advisory; kz2017 computes nothing (H and IT
-- supplied, 2017 maxima K 30 / O 25 / M 45); a body's bad input fails the run
-- naming the body, the year and the direction.
BEGIN;
SELECT plan(11);

CREATE FUNCTION pg_temp.typical_hr(body text, year integer) RETURNS perf_eval.orgdev_hr_inputs
LANGUAGE sql AS $$
    SELECT ROW($1, $2, 2, 5, 20, 80, 60, 95, 45, 12, 80, 90, 70, 10, 10, 4, 4, true, 9,
               80, 75, 30, 70, 85, 'test', current_user, now())::perf_eval.orgdev_hr_inputs
$$;
CREATE FUNCTION pg_temp.typical_it(body text, year integer) RETURNS perf_eval.orgdev_it_inputs
LANGUAGE sql AS $$
    SELECT ROW($1, $2, 10, 8, 50, 5, 40, 3, 2, 0, true, 30, 'test', current_user, now())::perf_eval.orgdev_it_inputs
$$;

-- NB and GPO are exempt from the block, MEMS from 2020; APDC is assessed but not ranked from 2020.
INSERT INTO perf_eval.orgdev_hr_inputs
SELECT (pg_temp.typical_hr(b, 2031)).* FROM unnest(ARRAY['NB', 'GPO', 'MEMS', 'APDC', 'MJ', 'ME']) AS b;
INSERT INTO perf_eval.orgdev_it_inputs
SELECT (pg_temp.typical_it(b, 2031)).* FROM unnest(ARRAY['NB', 'GPO', 'MEMS', 'APDC', 'MJ', 'ME']) AS b;
UPDATE perf_eval.orgdev_hr_inputs SET left_other = 6 WHERE body = 'ME';
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('NB', 2031, 'orgdev', 'unreliable', 1);
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES ('GPO', 2031, 'orgdev.hr', 80);

SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS run \gset

SELECT is_empty($$SELECT body, node FROM perf_eval.current_score
                  WHERE year = 2031 AND methodology = 'kz2020' AND body IN ('NB', 'GPO', 'MEMS') AND node LIKE 'orgdev%'$$,
                'exempt bodies get no org-dev node, even with inputs, penalty facts or a supplied H');
SELECT results_eq($$SELECT body, rank, advisory FROM perf_eval.ranking
                    WHERE year = 2031 AND methodology = 'kz2020' AND block = 'orgdev' AND kind = 'CSB'
                    ORDER BY rank NULLS LAST, body$$,
                  $$VALUES ('MJ', 1::bigint, false), ('ME', 2, false), ('APDC', NULL, true)$$,
                  'the ranking has the assessed bodies, APDC as advisory without rank, no exempt body');
SELECT is((SELECT n FROM perf_eval.zone_counts
           WHERE year = 2031 AND methodology = 'kz2020' AND node = 'orgdev' AND kind = 'CSB'), 2::bigint,
          'zone counts count only the ranked bodies');

-- kz2017: the same inputs compute nothing; H and IT supplied for the version give the block.
SELECT perf_eval.recalculate_within_transaction(2031, 'kz2017') AS run_2017 \gset
SELECT is_empty($$SELECT body, node FROM perf_eval.current_score
                  WHERE year = 2031 AND methodology = 'kz2017' AND node LIKE 'orgdev%'$$,
                'kz2017 (orgdev.mode = supplied): no org-dev node is computed from inputs');
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value)
VALUES ('MJ', 2031, 'orgdev.hr', 'kz2017', 80), ('MJ', 2031, 'orgdev.it', 'kz2017', 70),
       ('MJ', 2031, 'orgdev.hr.labour', 'kz2017', 24);
SELECT perf_eval.recalculate_within_transaction(2031, 'kz2017') AS run_2017 \gset
SELECT results_eq($$SELECT node, value, origin FROM perf_eval.current_score
                    WHERE year = 2031 AND methodology = 'kz2017' AND body = 'MJ' AND node LIKE 'orgdev%' ORDER BY node$$,
                  $$VALUES ('orgdev', 75::numeric, 'computed'::text), ('orgdev.hr', 80, 'supplied'),
                           ('orgdev.hr.labour', 24, 'supplied'), ('orgdev.it', 70, 'supplied')$$,
                  'kz2017: block = 0.5·80 + 0.5·70 from the supplied directions');
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value)
                   VALUES ('ME', 2031, 'orgdev.hr.labour', 'kz2017', 28)$$, '22003', NULL,
                 'kz2017: O above its 2017 maximum 25 is refused');
SELECT lives_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value)
                  VALUES ('ME', 2031, 'orgdev.hr.labour', 'kz2020', 28)$$,
                'kz2020: O = 28 is within its maximum 30');
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value)
                   VALUES ('ME', 2031, 'orgdev.it.portal', 'kz2017', 20)$$, '22023',
                 'node orgdev.it.portal does not exist in methodology kz2017',
                 'kz2017 has no IT criteria to supply');

-- A bad input fails the whole run, naming the body, the year and the direction (§0.7).
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE state text; message text; detail text;
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
    RETURN state || ': ' || message || ' / ' || detail;
END $$;
UPDATE perf_eval.orgdev_it_inputs SET functions_non_automatable = functions_subject WHERE body = 'ME';
SELECT is(pg_temp.error_of($$SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020_apa')$$),
          '22023: no functions subject to automation / Body ME, year 2031, information technology direction. n = 50, non_automatable = 50, excluded: yes.',
          'kz2020_apa without automatable functions: 22023 naming ME, 2031 and the IT direction');
UPDATE perf_eval.orgdev_it_inputs SET functions_non_automatable = 5 WHERE body = 'ME';
UPDATE perf_eval.orgdev_hr_inputs SET average_management = NULL, average_other = NULL WHERE body = 'MJ';
INSERT INTO perf_eval.orgdev_headcount_month (body, year, month, management, other)
SELECT 'MJ', 2031, m, 20, 80 FROM generate_series(1, 11) AS m;
SELECT is(pg_temp.error_of($$SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020')$$),
          '22023: management_month_ends must hold the 12 month-end headcounts of the year / Body MJ, year 2031, personnel management direction. management_month_ends has 11 elements.',
          'eleven month-end counts and no averages: 22023 naming MJ, 2031 and the HR direction');
SELECT is((SELECT count(*) FROM perf_eval.run WHERE year = 2031 AND methodology = 'kz2020'), 1::bigint,
          'the failed recalculations left only the first run of kz2020');

SELECT * FROM finish();
ROLLBACK;
