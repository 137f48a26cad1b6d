-- Training U (METHODOLOGY §5.2; seed 000 lines 3598-3622): nobody due gives the
-- full 5 points (a/b := 1, c/d := 1); a body whose servants were not all trained
-- on time gets U from the ratios, and each violation fact recorded by the
-- assessor (penalty_event kind training_violation) costs 1 point in W.
BEGIN;
SELECT plan(9);

CREATE FUNCTION pg_temp.typical_hr(body text, year integer) RETURNS perf_eval.orgdev_hr_inputs
LANGUAGE sql AS $$
    SELECT ROW($1, $2, 2, 5, 20, 80, 60, 95, 45, 12, 80, 90, 70, 10, 10, 4, 4, true, 9,
               80, 75, 30, 70, 85, 'test', current_user, now())::perf_eval.orgdev_hr_inputs
$$;

-- Kernel: nobody due at all, nobody due for advanced training only, the worked ratios.
SELECT is(perf_eval.training_score(0, 0, 0, 0, 5, 0.5, 0.5, 1), 5::numeric,
          'nobody due for advanced training or retraining: U = 5·(0.5·1 + 0.5·1) = 5');
SELECT is(perf_eval.training_score(0, 0, 2, 4, 5, 0.5, 0.5, 1), 3.75,
          'nobody due for advanced training, 2 of 4 retrained: U = 5·(0.5·1 + 0.5·0.5) = 3.75');
SELECT is(perf_eval.training_score(0, 0, 0, 0, 5, 0.5, 0.5, 0.5), 2.5,
          'the a/b := 1 rule is the parameter hr.training.empty_ratio: 0.5 in a fork gives 2.5');

-- Recalculation: MJ had nobody due; ME had 10 due for advanced training (7 on time) and 4 for retraining (3).
INSERT INTO perf_eval.orgdev_hr_inputs SELECT (pg_temp.typical_hr(b, 2031)).* FROM unnest(ARRAY['MJ', 'ME']) AS b;
UPDATE perf_eval.orgdev_hr_inputs SET advanced_training_due = 0, advanced_training_done = 0,
                                      retraining_due = 0, retraining_done = 0
WHERE body = 'MJ' AND year = 2031;
UPDATE perf_eval.orgdev_hr_inputs SET advanced_training_due = 10, advanced_training_done = 7,
                                      retraining_due = 4, retraining_done = 3
WHERE body = 'ME' AND year = 2031;
INSERT INTO perf_eval.penalty_event (body, year, block, kind, count, note)
VALUES ('ME', 2031, 'orgdev', 'training_violation', 3, 'advanced training not on time'),
       ('ME', 2031, 'orgdev', 'training_violation', 1, 'retraining not on time');
SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020') AS run \gset

CREATE TEMP VIEW training AS
SELECT s.body, u.value ->> 'points' AS u_points, s.raw_value AS o_raw,
       (w.explanation -> 'inputs' ->> 'training_due_not_done_on_time')::integer AS shortfall, w.value AS w
FROM perf_eval.score AS s
CROSS JOIN LATERAL jsonb_array_elements(s.explanation -> 'indicators') AS u
JOIN perf_eval.score AS w ON w.run_id = s.run_id AND w.body = s.body AND w.node = 'orgdev.hr.penalties'
WHERE s.run_id = :run AND s.node = 'orgdev.hr.labour' AND u.value ->> 'symbol' = 'U';

SELECT results_eq($$SELECT u_points::numeric, shortfall, w FROM training WHERE body = 'MJ'$$,
                  $$VALUES (5::numeric, 0, 0::numeric)$$,
                  'nobody due: U = 5 in O, nobody short, W = 0');
-- O = N 8 + T 8 + Y 2 + U 5 + strategy 2 + E-kyzmet 2 (typical inputs, §2.5 scales)
SELECT is((SELECT o_raw FROM training WHERE body = 'MJ'), 27::numeric, 'MJ: O = 8 + 8 + 2 + 5 + 2 + 2 = 27');
SELECT results_eq($$SELECT round(u_points::numeric, 6), shortfall, w FROM training WHERE body = 'ME'$$,
                  $$VALUES (3.625::numeric, 4, 4::numeric)$$,
                  'ME: U = 5·(0.5·7/10 + 0.5·3/4) = 3.625; 3 + 1 violation facts: W = 4 (the 4 short shown beside)');
SELECT is((SELECT value FROM perf_eval.score WHERE run_id = :run AND body = 'ME' AND node = 'orgdev.hr'),
          (SELECT 19.083333333333333333333333333333 + 25.625 + 24 - 4),
          'ME: H = K + O + M − W with W from the training violations');

-- Done above due is refused by the table and by the kernel.
SELECT throws_ok($$UPDATE perf_eval.orgdev_hr_inputs SET advanced_training_done = 11 WHERE body = 'ME' AND year = 2031$$,
                 '23514', NULL, 'advanced training done above due violates a check constraint');
SELECT throws_ok($$SELECT perf_eval.training_score(11, 10, 0, 0, 5, 0.5, 0.5, 1)$$,
                 '22023', 'advanced training done (a) must not exceed advanced training due (b)',
                 'the kernel refuses a > b with 22023');

SELECT * FROM finish();
ROLLBACK;
