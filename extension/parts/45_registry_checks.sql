-- =========================================================================
-- Section: checks of the raw registries before a recalculation reads them
-- (METHODOLOGY §7.2), called by the engine (compute_run, 56_recalculate.sql):
-- rows that cannot be attributed are the run's data problems; a monthly
-- partial state written by hand must be consistent.
-- Procedures: they create a temporary table or catch errors, so they run in
-- no query; search_path is pinned with set_config (restored when compute_run
-- returns) and every name is qualified.
-- =========================================================================

CREATE PROCEDURE perf_eval.collect_registry_problems(y integer)
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    -- Registry rows that cannot be attributed are data problems of the run,
    -- not errors (one typo must not block a national run): complaints with
    -- impossible dates (left out of the monthly states by the refresh, found
    -- through the partial index complaint_record_impossible_dates on the
    -- same predicate, complaint_dates_impossible) and states of body codes
    -- missing from perf_eval.body (left out by complaint_tallies).
    CREATE TEMP TABLE pe_problems (
        registry text NOT NULL, body text NOT NULL, month date NOT NULL, rows bigint NOT NULL, reason text NOT NULL
    ) ON COMMIT DROP;
    INSERT INTO pg_temp.pe_problems (registry, body, month, rows, reason)
    SELECT 'complaint_record', r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date, count(*),
           CASE WHEN NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline) THEN 'date_not_finite'
                WHEN r.answered_on < r.received_on THEN 'answered_before_received'
                ELSE 'deadline_before_received'
           END
    FROM perf_eval.complaint_record AS r
    WHERE r.answered_on >= pg_catalog.make_date(y, 1, 1) AND r.answered_on < pg_catalog.make_date(y + 1, 1, 1)
      AND perf_eval.complaint_dates_impossible(r.received_on, r.answered_on, r.deadline)
    GROUP BY 2, 3, 5;
    INSERT INTO pg_temp.pe_problems (registry, body, month, rows, reason)
    SELECT 'complaint_record', m.body, m.month, (m.tally).considered, 'unknown_body'
    FROM perf_eval.complaint_tally_monthly AS m
    WHERE m.month >= pg_catalog.make_date(y, 1, 1) AND m.month < pg_catalog.make_date(y + 1, 1, 1)
      AND (m.tally).considered > 0
      AND NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body)
    UNION ALL
    SELECT 'service_delivery', m.body, m.month, (m.tally).deliveries, 'unknown_body'
    FROM perf_eval.service_tally_monthly AS m
    WHERE m.month >= pg_catalog.make_date(y, 1, 1) AND m.month < pg_catalog.make_date(y + 1, 1, 1)
      AND (m.tally).deliveries > 0
      AND NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body);
END
$$;
COMMENT ON PROCEDURE perf_eval.collect_registry_problems(integer) IS
'Lists in pg_temp.pe_problems (created here, ON COMMIT DROP) the registry rows of a year that cannot be attributed: complaints with impossible dates and monthly states of body codes missing from perf_eval.body (registry, body, month, rows, reason); compute_run stores them in run_problems';

CREATE PROCEDURE perf_eval.check_monthly_states(y integer)
LANGUAGE plpgsql
AS $$
DECLARE
    state record;
    states_ok boolean := true;
    err_state text;
    err_message text;
    err_detail text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    -- A monthly state is computed from the registry and consistent; one written
    -- by hand may not be. Name the body and month of the first inconsistent one
    -- (the merge in complaint_tallies would not).
    BEGIN
        PERFORM count(perf_eval.checked_tally(m.tally))
        FROM perf_eval.complaint_tally_monthly AS m
        WHERE m.month >= pg_catalog.make_date(y, 1, 1) AND m.month < pg_catalog.make_date(y + 1, 1, 1)
          AND EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body);
    EXCEPTION WHEN OTHERS THEN
        states_ok := false;
    END;
    IF NOT states_ok THEN
        FOR state IN SELECT m.body, m.month, m.tally FROM perf_eval.complaint_tally_monthly AS m
                     WHERE m.month >= pg_catalog.make_date(y, 1, 1) AND m.month < pg_catalog.make_date(y + 1, 1, 1)
                       AND EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body)
                     ORDER BY m.body, m.month LOOP
            BEGIN
                PERFORM perf_eval.checked_tally(state.tally);
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                        err_detail = PG_EXCEPTION_DETAIL;
                RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                    DETAIL = concat_ws(' ', format('Body %s, month %s, year %s: monthly partial state of complaint_record (perf_eval.complaint_tally_monthly).',
                                                   state.body, to_char(state.month, 'YYYY-MM'), y),
                                       nullif(err_detail, '')),
                    HINT = format('Recompute it from the registry: INSERT INTO perf_eval.registry_dirty_month (registry, body, month) VALUES (%L, %L, %L), then recalculate.',
                                  'complaint_record', state.body, state.month);
            END;
        END LOOP;
    END IF;
END
$$;
COMMENT ON PROCEDURE perf_eval.check_monthly_states(integer) IS
'Checks every monthly partial state of complaint_record of a year (perf_eval.checked_tally); the first inconsistent one raises its error naming body and month, with a hint to recompute it from the registry';

REVOKE EXECUTE ON PROCEDURE perf_eval.collect_registry_problems(integer) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.collect_registry_problems(integer) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.check_monthly_states(integer) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.check_monthly_states(integer) TO perf_eval_admin;
