-- pg_cron runs the recalculation on a schedule (README "Scheduling"): the
-- throwaway cluster preloads pg_cron for this database; the job must show up
-- as a successful run in perf_eval.run. Not in a transaction: pg_cron only
-- sees committed jobs. Cron's granularity is one minute, so this waits up to 75 s.
-- Under `make installcheck` on a server of the user's, pg_cron may not be
-- preloaded for this database: then the test is skipped.
\set ON_ERROR_STOP on
SELECT coalesce(current_setting('cron.database_name', true) = current_database(), false)
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity AS a WHERE a.backend_type = 'pg_cron launcher')
       AS cron_here \gset
\if :cron_here
CREATE EXTENSION IF NOT EXISTS pg_cron;
SELECT plan(4);

INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2099, 20000, 8, 0, 21, 6);

SELECT cron.schedule('perf_eval_test_2099', '* * * * *', 'CALL perf_eval.recalculate(2099)') AS job_id \gset

CREATE FUNCTION pg_temp.wait_for_run(for_year integer, seconds integer) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    found_status text;
BEGIN
    FOR i IN 1 .. seconds LOOP
        SELECT r.status INTO found_status FROM perf_eval.run AS r
        WHERE r.year = for_year AND r.status <> 'running' ORDER BY r.run_id LIMIT 1;
        IF found_status IS NOT NULL THEN
            RETURN found_status;
        END IF;
        PERFORM pg_catalog.pg_sleep(1);
    END LOOP;
    RETURN 'no run within ' || seconds || ' s';
END $$;

SELECT is(pg_temp.wait_for_run(2099, 75), 'succeeded', 'pg_cron ran CALL perf_eval.recalculate(2099) successfully');
SELECT is((SELECT r.started_by::text FROM perf_eval.run AS r WHERE r.year = 2099 ORDER BY r.run_id LIMIT 1),
          current_user::text, 'the run log records who ran it (the job''s owner)');
SELECT cmp_ok((SELECT r.nodes_scored FROM perf_eval.run AS r WHERE r.year = 2099 AND r.status = 'succeeded' LIMIT 1),
              '>', 0, 'the scheduled run scored the inputs');
SELECT ok(cron.unschedule(:job_id), 'the job is unscheduled');

DELETE FROM perf_eval.run WHERE year = 2099;
DELETE FROM perf_eval.complaint_counts WHERE year = 2099;
SELECT * FROM finish();
\else
SELECT plan(1);
SELECT skip('pg_cron is not preloaded with cron.database_name = ' || quote_literal(current_database()), 1);
SELECT * FROM finish();
\endif
