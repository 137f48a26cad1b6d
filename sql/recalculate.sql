-- An operator recalculates a year with CALL (as pg_cron does) and reads the
-- run log and the health view (ARCHITECTURE §3 "Scheduling").

INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2020, 20000, 8, 0, 21, 6), ('ME', 2020, 15000, 3, 1, 40, 3);
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES
('MF', 2020, 'interaction.services', 80), ('MF', 2020, 'interaction.openness', 70),
('ME', 2020, 'interaction.services', 75), ('ME', 2020, 'interaction.openness', 90);

CALL perf_eval.recalculate(2020);
SELECT run_id, year, methodology, status, bodies_scored, nodes_scored, error_sqlstate FROM perf_eval.run ORDER BY run_id;
SELECT body, score, rank, zone FROM perf_eval.ranking WHERE year = 2020 AND block = 'interaction' ORDER BY rank;

-- Unchanged inputs: the run is logged as unchanged and the current result stands.
CALL perf_eval.recalculate(2020);
SELECT run_id, status, same_as_run FROM perf_eval.run ORDER BY run_id;

-- Changed inputs: a new run becomes current.
UPDATE perf_eval.complaint_counts SET late = 5 WHERE body = 'ME' AND year = 2020;
CALL perf_eval.recalculate(2020);
SELECT run_id, year, methodology FROM perf_eval.current_run;

-- A failing run: a fork whose weights were broken behind set_param's back.
SELECT perf_eval.fork_methodology('kz2020', 'broken_fork');
UPDATE perf_eval.methodology_param SET value = '0.9' WHERE methodology = 'broken_fork' AND key = 'interaction.csb.w_services';
CALL perf_eval.recalculate(2020, 'broken_fork');
SELECT run_id, methodology, status, error_sqlstate, error_message FROM perf_eval.run WHERE status = 'failed';
SELECT count(*) AS scores_of_failed_run FROM perf_eval.score AS s JOIN perf_eval.run AS r USING (run_id) WHERE r.status = 'failed';

-- A failure after scores were written leaves nothing of the run and keeps the previous result current.
SELECT perf_eval.fork_methodology('kz2020', 'working_fork');
CALL perf_eval.recalculate(2020, 'working_fork');
UPDATE perf_eval.methodology_param SET value = 'ge 90 => 10; else => tenpoints' WHERE methodology = 'working_fork' AND key = 'complaints.r4.bands';
CALL perf_eval.recalculate(2020, 'working_fork');
SELECT r.methodology, r.status, r.error_sqlstate FROM perf_eval.run AS r WHERE r.methodology = 'working_fork' ORDER BY r.run_id;
SELECT c.methodology, c.run_id = (SELECT min(run_id) FROM perf_eval.run WHERE methodology = 'working_fork') AS first_run_still_current
FROM perf_eval.current_run AS c WHERE c.methodology = 'working_fork';

-- The health view flags the failure.
SELECT year, methodology, last_status, problem FROM perf_eval.run_health ORDER BY methodology;

-- A finished run is immutable.
UPDATE perf_eval.score SET value = 100 WHERE run_id = 1 AND body = 'MF' AND node = 'interaction';
DELETE FROM perf_eval.supplied_score;
DELETE FROM perf_eval.complaint_counts;
DELETE FROM perf_eval.run;
DELETE FROM perf_eval.methodology WHERE NOT shipped;
