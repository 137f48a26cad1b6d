-- The recalculation reads the raw complaint registry when a body has no
-- yearly counts: the monthly partial states are refreshed at the start of the
-- run and merged, giving exactly what the same counts give (METHODOLOGY §7.2).
BEGIN;
SELECT plan(6);

-- MF: 20 000 complaints answered in 2020 (8 late, 21 repeated, 6 late and disciplined),
-- the counts of the §4.4 example; ME gets the same as yearly counts.
INSERT INTO perf_eval.complaint_record (body, received_on, deadline, answered_on, court_satisfied,
                                        higher_authority_satisfied, repeated_satisfied, disciplinary_action)
SELECT 'MF', d - 10, d, CASE WHEN g <= 8 THEN d + 2 ELSE d END, false, false, g <= 21, g <= 6
FROM generate_series(1, 20000) AS g, LATERAL (SELECT date '2020-01-15' + (g % 350) AS d) AS x;
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('ME', 2020, 20000, 8, 0, 21, 6);

SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS first_run \gset
SELECT results_eq($$SELECT body, value FROM perf_eval.current_score
                    WHERE year = 2020 AND node = 'interaction.complaints' ORDER BY body$$,
                  $$VALUES ('ME'::text, 77.9::numeric), ('MF', 77.9)$$,
                  'H from 20 000 registry records equals H from the same yearly counts (77.9)');
SELECT is((SELECT explanation #>> '{inputs,source}' FROM perf_eval.current_score
           WHERE year = 2020 AND body = 'MF' AND node = 'interaction.complaints.timeliness'),
          'complaint_record (monthly partial states)', 'the explanation says the counts came from the registry');
SELECT is((SELECT count(*) FROM perf_eval.complaint_tally_monthly WHERE body = 'MF'), 12::bigint,
          'the run refreshed the 12 monthly partial states of MF');

-- Unchanged registry: the next run is 'unchanged'.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS second_run \gset
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :second_run), 'unchanged',
          'an unchanged registry gives an unchanged run');

-- One more late answer in March: only that month changes, and the next run sees it.
UPDATE perf_eval.complaint_record SET answered_on = deadline + 1
WHERE body = 'MF' AND answered_on = deadline AND answered_on >= date '2020-03-01' AND answered_on < date '2020-04-01'
  AND ctid = (SELECT min(ctid) FROM perf_eval.complaint_record WHERE body = 'MF' AND answered_on = deadline
              AND answered_on >= date '2020-03-01' AND answered_on < date '2020-04-01');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020') AS third_run \gset
SELECT is((SELECT status FROM perf_eval.run WHERE run_id = :third_run), 'succeeded', 'a changed month gives a new run');
SELECT is((SELECT value FROM perf_eval.current_score WHERE year = 2020 AND body = 'MF' AND node = 'interaction.complaints.timeliness'),
          22::numeric, 'R1 counts the ninth late answer: 40·(20000 − 9000)/20000 = 22');

SELECT * FROM finish();
ROLLBACK;
