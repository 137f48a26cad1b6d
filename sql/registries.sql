-- Raw registries, monthly partial states and the incremental refresh (METHODOLOGY §7).

-- Three months of 2020 for two bodies, and one delivery of 2021.
INSERT INTO perf_eval.service_delivery
       (delivered_on, deadline_violated, unreasonable_refusal, incomplete_package, extra_documents,
        electronic, quality_appeal_justified, body, service_code)
SELECT date '2020-01-01' + (g % 90), g % 10 = 0, g % 50 = 0, g % 25 = 0, g % 20 = 0, g % 4 <> 0, g % 100 = 0,
       CASE WHEN g % 3 = 0 THEN 'ME' ELSE 'MF' END, 'S' || (g % 7)
FROM generate_series(1, 900) AS g;
INSERT INTO perf_eval.service_delivery (delivered_on, electronic, body, service_code)
VALUES ('2021-01-15', true, 'MF', 'S1');

-- A complaint counts in the month it was answered; unanswered ones have no month.
INSERT INTO perf_eval.complaint_record
       (received_on, deadline, answered_on, court_satisfied, repeated_satisfied, disciplinary_action, body)
VALUES ('2020-01-10', '2020-01-25', '2020-01-20', false, false, false, 'MF'),
       ('2020-01-20', '2020-02-04', '2020-02-10', true,  false, true,  'MF'),
       ('2020-02-01', '2020-02-16', '2020-02-16', false, true,  false, 'MF'),
       ('2020-03-01', '2020-03-16', NULL,         false, false, false, 'MF'),
       ('2020-12-20', '2021-01-04', '2021-01-05', false, false, true,  'ME');

-- Each statement marked the (registry, body, month) pairs it touched.
SELECT registry, month, count(*) AS bodies
FROM perf_eval.registry_dirty_month GROUP BY registry, month ORDER BY registry, month;

-- The first refresh of 2020 rescans every marked pair of 2020; 2021 stays marked.
SELECT perf_eval.refresh_monthly_tallies(2020) AS pairs_rescanned;
SELECT registry, body, month FROM perf_eval.registry_dirty_month ORDER BY 1, 2, 3;
SELECT body, month, tally FROM perf_eval.service_tally_monthly ORDER BY body, month;
SELECT body, month, tally FROM perf_eval.complaint_tally_monthly ORDER BY body, month;

-- Nothing changed: nothing is rescanned.
SELECT perf_eval.refresh_monthly_tallies(2020) AS pairs_rescanned;

-- A year is the merge of its 12 stored states, equal to the aggregate over the rows.
SELECT body, perf_eval.service_tally_of_year(body, 2020) AS from_monthly_states,
       (SELECT perf_eval.service_tally_agg(d.deadline_violated, d.unreasonable_refusal, d.incomplete_package,
                                           d.extra_documents, d.electronic, d.quality_appeal_justified)
        FROM perf_eval.service_delivery AS d
        WHERE d.body = b.body AND d.delivered_on BETWEEN '2020-01-01' AND '2020-12-31') AS from_rows
FROM (VALUES ('ME'), ('MF')) AS b(body) ORDER BY body;
SELECT perf_eval.complaint_tally_of_year('MF', 2020);

-- An absent body or year gives a zero tally; a NULL argument gives NULL.
SELECT perf_eval.service_tally_of_year('NOBODY', 2020), perf_eval.complaint_tally_of_year('MF', 1999);
SELECT perf_eval.service_tally_of_year(NULL, 2020) IS NULL AS null_in_null_out;

-- Correcting rows of one body and month marks only that pair, and only it is rescanned.
UPDATE perf_eval.service_delivery SET deadline_violated = true
WHERE body = 'ME' AND delivered_on BETWEEN '2020-02-01' AND '2020-02-05';
SELECT registry, body, month FROM perf_eval.registry_dirty_month WHERE month < '2021-01-01';
SELECT perf_eval.refresh_monthly_tallies(2020) AS pairs_rescanned;
SELECT body, month, tally FROM perf_eval.service_tally_monthly WHERE body = 'ME' ORDER BY month;

-- A complaint answered later moves into the month it was answered in.
UPDATE perf_eval.complaint_record SET answered_on = '2020-03-20' WHERE received_on = '2020-03-01';
SELECT perf_eval.refresh_monthly_tallies(2020) AS pairs_rescanned;
SELECT perf_eval.complaint_tally_of_year('MF', 2020);

-- Deleting every row of a pair removes its state (the year merges what is left).
DELETE FROM perf_eval.complaint_record WHERE body = 'MF' AND answered_on >= '2020-03-01';
SELECT perf_eval.refresh_monthly_tallies(2020) AS pairs_rescanned;
SELECT month FROM perf_eval.complaint_tally_monthly WHERE body = 'MF' ORDER BY month;

-- 2021 has its own marks.
SELECT perf_eval.refresh_monthly_tallies(2021) AS pairs_rescanned;
SELECT perf_eval.service_tally_of_year('MF', 2021), perf_eval.complaint_tally_of_year('ME', 2021);

-- Bad calls (errors without the PL/pgSQL line numbers).
\set SHOW_CONTEXT never
SELECT perf_eval.refresh_monthly_tallies(NULL);
SELECT perf_eval.refresh_monthly_tallies(0);
-- Under REPEATABLE READ the refresh reads the transaction's one snapshot.
BEGIN ISOLATION LEVEL REPEATABLE READ;
INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
VALUES ('2020-06-01', '2020-06-10', '2020-06-02', 'MF');
SELECT perf_eval.refresh_monthly_tallies(2020) AS pairs_rescanned;
ROLLBACK;

-- TRUNCATE marks every month that had a state; the refresh then clears them.
TRUNCATE perf_eval.service_delivery, perf_eval.complaint_record;
SELECT perf_eval.refresh_monthly_tallies(2020) + perf_eval.refresh_monthly_tallies(2021) AS pairs_rescanned;
SELECT (SELECT count(*) FROM perf_eval.service_tally_monthly) AS service_states,
       (SELECT count(*) FROM perf_eval.complaint_tally_monthly) AS complaint_states,
       (SELECT count(*) FROM perf_eval.registry_dirty_month) AS marks;
