-- perf_eval 1.0 -> 1.1 (unreleased: frozen when 1.1 is released).
-- Every change the parts made since 1.0, in the order the parts make it;
-- test/upgrade.sh proves a database updated with this script equals a fresh
-- install of 1.1. See CHANGELOG.md.
\echo Use "ALTER EXTENSION perf_eval UPDATE TO '1.1'" to load this file. \quit

-- recalculate: its failure path re-pins search_path after COMMIT and qualifies
-- every function it calls, so no function planted on the caller's path runs.
CREATE OR REPLACE PROCEDURE perf_eval.recalculate(year integer, methodology text DEFAULT NULL)
LANGUAGE plpgsql
AS $$
-- No SET clause: a procedure with one cannot COMMIT. search_path is pinned
-- with set_config in each transaction instead, and every name is qualified.
DECLARE
    version text;
    new_run bigint;
    failed boolean := false;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    version := perf_eval.resolve_methodology(methodology);
    INSERT INTO perf_eval.run (year, methodology) VALUES (year, version) RETURNING run_id INTO new_run;
    COMMIT;  -- the run is in the log even if the calculation fails

    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    BEGIN
        PERFORM perf_eval.compute_run(new_run);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
        failed := true;
    END;
    IF failed THEN
        -- The calculation's rows were rolled back with its subtransaction; earlier results stay current.
        UPDATE perf_eval.run AS r
        SET status = 'failed', finished_at = clock_timestamp(),
            error_sqlstate = err_state, error_message = err_message, error_detail = nullif(err_detail, '')
        WHERE r.run_id = new_run;
        COMMIT;
        -- COMMIT ended the transaction that pinned search_path: pin it again, so
        -- that nothing on the caller's path (a planted concat_ws) runs here.
        PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
        RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                              DETAIL = pg_catalog.concat_ws(' ', nullif(err_detail, ''),
                                                 pg_catalog.format('Run %s of %s under %s, logged as failed.', new_run, year, version)),
                              HINT = coalesce(nullif(err_hint, ''), 'SELECT * FROM perf_eval.run_health shows the failure.');
    END IF;
    COMMIT;
END
$$;
