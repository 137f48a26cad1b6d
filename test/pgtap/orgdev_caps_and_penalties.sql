-- Caps and penalties of the org-dev block (METHODOLOGY §0.6, §5.2, §5.3): bonuses
-- that would push O over 30 or IT over 100 are capped by the clamp policy (the
-- raw value stays in the explanation); W larger than K + O + M floors H at 0;
-- penalty kinds are checked and a failing body is named.
BEGIN;
SELECT plan(12);

CREATE FUNCTION pg_temp.typical_hr(body text, year integer) RETURNS perf_eval.orgdev_hr_inputs
LANGUAGE sql AS $$
    SELECT ROW($1, $2, 2, 5, 20, 80, 60, 95, 45, 12, 80, 90, 70, 10, 10, 4, 4, true, 9,
               80, 75, 30, 70, 85, 'test', current_user, now())::perf_eval.orgdev_hr_inputs
$$;

-- MJ: every O indicator at its maximum plus both bonuses: 10 + 10 + 5 + 5 + 2 + 2 = 34.
INSERT INTO perf_eval.orgdev_hr_inputs SELECT (pg_temp.typical_hr(b, 2031)).* FROM unnest(ARRAY['MJ', 'ME']) AS b;
UPDATE perf_eval.orgdev_hr_inputs SET overtime_free_percent = 100, working_conditions_survey_percent = 100,
                                      management_survey_percent = 100, ekyzmet_documents_per_servant = 12
WHERE body = 'MJ' AND year = 2031;
-- ME: K + O + M = 19.083333 + 27 + 24 = 70.083333 and 75 facts of unreliable reporting (1 point each).
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('ME', 2031, 'orgdev', 'unreliable', 75);

-- AKMOLA: every IT criterion at 25 and the IT-division bonus of an akimat: 105.
INSERT INTO perf_eval.orgdev_it_inputs (body, year, integrations_planned, integrations_implemented,
    functions_subject, functions_non_automatable, functions_own_systems, functions_service_model,
    functions_other_bodies_systems, functions_third_party, has_it_unit, local_content_percent)
VALUES ('AKMOLA', 2031, 6, 6, 50, 0, 50, 5, 0, 0, true, 55);
INSERT INTO perf_eval.orgdev_information_system (body, year, system_code, registered_on_portal, relevance_level, unused)
SELECT 'AKMOLA', 2031, 'IS-' || g, true, 1, false FROM generate_series(1, 4) AS g;

SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS run \gset
CREATE TEMP VIEW scored AS SELECT s.* FROM perf_eval.score AS s WHERE s.run_id = :run;

SELECT results_eq($$SELECT raw_value, value, (explanation -> 'policies' ->> 'maximum')::numeric
                    FROM scored WHERE body = 'MJ' AND node = 'orgdev.hr.labour'$$,
                  $$VALUES (34::numeric, 30::numeric, 30::numeric)$$,
                  'O = 34 with the strategy and E-kyzmet bonuses is capped at its maximum 30 (raw value kept)');
SELECT is((SELECT value FROM scored WHERE body = 'MJ' AND node = 'orgdev.hr'),
          (SELECT sum(value * CASE WHEN node = 'orgdev.hr.penalties' THEN -1 ELSE 1 END) FROM scored
           WHERE body = 'MJ' AND node LIKE 'orgdev.hr.%'),
          'H sums the capped O, not the raw one');
SELECT results_eq($$SELECT raw_value, value FROM scored WHERE body = 'AKMOLA' AND node = 'orgdev.it'$$,
                  $$VALUES (105::numeric, 100::numeric)$$,
                  'IT = 4 × 25 + 5 (IT-division bonus) is capped at 100');
SELECT is((SELECT value FROM scored WHERE body = 'AKMOLA' AND node = 'orgdev.it.automation'), 25::numeric,
          'automation 25·55/50 = 27.5 is capped at 25 (§8 E21)');

SELECT results_eq($$SELECT w.value, h.raw_value < 0, h.value
                    FROM scored AS w JOIN scored AS h ON h.body = w.body AND h.node = 'orgdev.hr'
                    WHERE w.body = 'ME' AND w.node = 'orgdev.hr.penalties'$$,
                  $$VALUES (75::numeric, true, 0::numeric)$$,
                  'W = 75 larger than K + O + M: H is negative raw and 0 under floor0_capk');
SELECT results_eq($$SELECT perf_eval.hr_direction_score(25, 30, 35, 120, 100, 'floor0_capk'),
                           perf_eval.hr_direction_score(25, 30, 35, 120, 100)$$,
                  $$VALUES (0::numeric, -30::numeric)$$,
                  'hr_direction_score: W 120 > K + O + M 90 gives 0 floored, −30 raw');
SELECT is((SELECT s.explanation -> 'inputs' -> 'penalty_facts' -> 0 ->> 'kind' FROM scored AS s
           WHERE s.body = 'ME' AND s.node = 'orgdev.hr.penalties'), 'unreliable',
          'the explanation of W lists the penalty facts by kind');

-- Penalty facts alone: W is computed, K, O and M are not assessable, so H is too unless supplied.
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MF', 2031, 'orgdev', 'incomplete', 2);
SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS run2 \gset
SELECT results_eq($$SELECT node, value, reason FROM perf_eval.current_score
                    WHERE year = 2031 AND methodology = 'kz2020' AND body = 'MF' AND node LIKE 'orgdev.hr%' ORDER BY node$$,
                  $$VALUES ('orgdev.hr', NULL::numeric,
                            'not assessable: orgdev.hr.potential, orgdev.hr.labour, orgdev.hr.meritocracy'),
                           ('orgdev.hr.labour', NULL, 'no_data'), ('orgdev.hr.meritocracy', NULL, 'no_data'),
                           ('orgdev.hr.penalties', 1, NULL), ('orgdev.hr.potential', NULL, 'no_data')$$,
                  'penalty facts without personnel inputs: W = 2 × 0.5, K, O, M and H not assessable');

-- Kinds are penalty parameters of the version; the failing body, year and direction are named.
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count) VALUES ('MF', 2031, 'orgdev', 'late_report', 1);
SELECT throws_ok($$SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020')$$, '22023',
                 'unknown orgdev penalty kind "late_report"', 'an unknown penalty kind is refused');
CREATE FUNCTION pg_temp.error_detail(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE detail text;
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN detail;
END $$;
SELECT is(pg_temp.error_detail($$SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020')$$),
            'Body MF, year 2031, personnel management direction. Methodology kz2020 has no parameter hr.penalty.late_report; known kinds: incomplete, training_violation, unreliable, untimely.',
            'the error names the body, the year, the direction and the known kinds');
UPDATE perf_eval.penalty_event SET kind = 'training_violation' WHERE kind = 'late_report';
SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS run3 \gset
SELECT is((SELECT value FROM perf_eval.current_score WHERE year = 2031 AND methodology = 'kz2020'
           AND body = 'MF' AND node = 'orgdev.hr.penalties'), 2::numeric,
          'a training violation fact costs 1 point (seed 000 line 3620): W = 2 × 0.5 + 1');
SELECT throws_ok($$INSERT INTO perf_eval.penalty_event (body, year, block, kind, count)
                   VALUES ('MF', 2031, 'orgdev', 'unreliable', -1)$$, '23514', NULL,
                 'a negative number of facts violates a check constraint');

SELECT * FROM finish();
ROLLBACK;
