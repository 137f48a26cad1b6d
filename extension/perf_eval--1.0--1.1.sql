-- perf_eval 1.0 -> 1.1 (unreleased: frozen when 1.1 is released).
-- Every change the parts made since 1.0, in the order the parts make it;
-- test/upgrade.sh proves a database updated with this script equals a fresh
-- install of 1.1. See CHANGELOG.md.
\echo Use "ALTER EXTENSION perf_eval UPDATE TO '1.1'" to load this file. \quit

-- recalculate: its failure path re-pins search_path after COMMIT and qualifies
-- every function it calls, so no function planted on the caller's path runs.

-- Tallies from outside get the kernels' checks: one C check (checked_tally,
-- shared with the merge aggregates) in complaint_criteria and goal_status; a
-- NULL methodology of complaint_criteria is the setting, else the default;
-- leb_violation_points is a C kernel that checks every points argument.
CREATE FUNCTION perf_eval.checked_tally(tally anyelement)
RETURNS anyelement
AS 'MODULE_PATHNAME', 'pe_checked_tally'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.checked_tally(anyelement) IS
'A complaint_tally, service_tally or indicator_tally, returned unchanged once checked as the kernels check their counts: a NULL field 22023, a negative count 22003, a part larger than its whole 22023 (docs/methodology.md §3.6, §4.5, §7.2)';

COMMENT ON FUNCTION perf_eval.complaint_scores(perf_eval.complaint_tally, text, numeric, numeric) IS
'Complaints direction H and its criteria R1-R4 from a complaint_tally under a methodology version (NULL: the setting perf_eval.methodology, else the default version), with the version''s clamp and zero-volume policies; the tally is checked by checked_tally: a negative count 22003, a part larger than its whole 22023 (docs/methodology.md §4.4, §4.5)';

CREATE OR REPLACE FUNCTION perf_eval.leb_violation_points(audited boolean, violations numeric, audited_amount numeric,
                                               ia_analysis boolean, clean_points numeric,
                                               ia_analysis_points numeric, not_audited_points numeric,
                                               bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_leb_violation_points'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.leb_violation_points(boolean, numeric, numeric, boolean, numeric, numeric, numeric, text) IS
'LEB absence of violations: (not audited: not_audited_points; audited: clean_points at V = 0, else bands(100 V/B)) + ia_analysis_points with an internal-audit analysis; every points argument finite (else 22023) and >= 0 (else 22003); not strict: V and B may be NULL for a body that was not audited, an audited one without them is 22023 (docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2)';

CREATE OR REPLACE FUNCTION perf_eval.goal_status(tally perf_eval.indicator_tally)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN t.achieved + t.partial + t.not_achieved = 0 THEN 'not_counted'
        WHEN t.achieved = t.achieved + t.partial + t.not_achieved THEN 'achieved'
        WHEN t.achieved + t.partial = 0 THEN 'not_achieved'
        ELSE 'partial'
    END
    FROM perf_eval.checked_tally($1) AS t
$$;
COMMENT ON FUNCTION perf_eval.goal_status(perf_eval.indicator_tally) IS
'Status of a goal from its indicator tally: achieved if every counted TI is achieved, not_achieved if no counted TI is achieved even partly, not_counted if no TI is counted, else partial; the tally is checked by checked_tally: a negative count 22003, statuses not adding up to indicators 22023 (docs/methodology.md §3.2, §3.6)';


-- Registry rows that cannot be attributed (unknown body code, impossible dates)
-- are data problems of a run, listed in the new table run_problems and in
-- run_health, instead of failing the whole year; an inconsistent monthly state
-- names its body and month.

CREATE INDEX complaint_record_impossible_dates ON perf_eval.complaint_record (answered_on)
    WHERE answered_on < received_on OR deadline < received_on
          OR NOT pg_catalog.isfinite(received_on) OR NOT pg_catalog.isfinite(deadline);

COMMENT ON TABLE perf_eval.complaint_record IS
'One complaint or application per row; answered_on NULL: not yet considered (not counted); a complaint counts in the month, and year, of answered_on; late := answered_on > deadline; a row answered before it was received, with a deadline before its receipt or with an infinite date is not counted, and a recalculation lists it in perf_eval.run_problems (docs/methodology.md §7.1, §4.4)';

CREATE TABLE perf_eval.run_problems (
    run_id    bigint NOT NULL REFERENCES perf_eval.run (run_id) ON DELETE CASCADE,
    registry  text NOT NULL CHECK (registry IN ('complaint_record', 'service_delivery')),
    body      text NOT NULL,
    month     date NOT NULL CHECK (extract(day FROM month) = 1),
    rows      bigint NOT NULL CHECK (rows > 0),
    reason    text NOT NULL CHECK (reason IN ('unknown_body', 'answered_before_received',
                                              'deadline_before_received', 'date_not_finite')),
    PRIMARY KEY (run_id, registry, body, month, reason)
);
COMMENT ON COLUMN perf_eval.run_problems.run_id IS 'Run that found the rows (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.run_problems.registry IS 'Registry holding the rows: complaint_record | service_delivery';
COMMENT ON COLUMN perf_eval.run_problems.body IS 'Body code as written in the registry rows (may be missing from perf_eval.body)';
COMMENT ON COLUMN perf_eval.run_problems.month IS 'First day of the month the rows fall in (month of answered_on or delivered_on)';
COMMENT ON COLUMN perf_eval.run_problems.rows IS 'Number of registry rows left out of the tallies (count)';
COMMENT ON COLUMN perf_eval.run_problems.reason IS 'Why they were left out: unknown_body (code not in perf_eval.body) | answered_before_received (answered_on < received_on) | deadline_before_received (deadline < received_on) | date_not_finite (received_on or deadline infinite)';
COMMENT ON TABLE perf_eval.run_problems IS
'Registry rows of the run''s year that could not be attributed (unknown body code, impossible dates): counted per registry, body code, month and reason, left out of every tally; the run scores every valid body. Correct the rows and recalculate';

-- Problems are part of the run's record: immutable like its scores.
CREATE FUNCTION perf_eval.run_problem_is_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'data problems of a run are immutable'
        USING ERRCODE = '55000',
              DETAIL = pg_catalog.format('run %s, %s, body %s, month %s.', OLD.run_id, OLD.registry, OLD.body, OLD.month),
              HINT = 'Correct the registry rows and recalculate: a new calculation is a new run.';
END
$$;
CREATE TRIGGER run_problem_is_immutable BEFORE UPDATE ON perf_eval.run_problems
FOR EACH ROW EXECUTE FUNCTION perf_eval.run_problem_is_immutable();

SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_problems', '');

GRANT SELECT ON perf_eval.run_problems TO perf_eval_reader;
GRANT INSERT, DELETE ON perf_eval.run_problems TO perf_eval_admin;
-- run_health shows them (unattributed_rows); it is defined once, with the
-- abandoned status below, after the visibility functions it calls (issue 17).

CREATE OR REPLACE FUNCTION perf_eval.complaint_tallies(year integer)
RETURNS TABLE (body text, tally perf_eval.complaint_tally, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.body,
           ROW(c.considered, c.late, c.court_satisfied, c.higher_authority_satisfied,
               c.repeated_satisfied, c.late_disciplined)::perf_eval.complaint_tally,
           'complaint_counts'
    FROM perf_eval.complaint_counts AS c
    WHERE c.year = $1
    UNION ALL
    SELECT m.body, perf_eval.complaint_tally_merge_agg(m.tally), 'complaint_record (monthly partial states)'
    FROM perf_eval.complaint_tally_monthly AS m
    WHERE m.month >= pg_catalog.make_date($1, 1, 1) AND m.month < pg_catalog.make_date($1 + 1, 1, 1)
      AND NOT EXISTS (SELECT 1 FROM perf_eval.complaint_counts AS c WHERE c.body = m.body AND c.year = $1)
      -- A code missing from the body registry is no assessed body: compute_run
      -- lists its rows in run_problems.
      AND EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body)
    GROUP BY m.body
$$;
COMMENT ON FUNCTION perf_eval.complaint_tallies(integer) IS
'The complaint tally of each body of perf_eval.body in a year: perf_eval.complaint_counts where loaded, else the merge of its monthly partial states of perf_eval.complaint_record (states of codes missing from perf_eval.body are left out; a recalculation lists them in run_problems)';

-- States computed by 1.0 still count complaints with impossible dates: mark
-- their months, so the next refresh recomputes them without those rows.
INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
SELECT DISTINCT 'complaint_record', r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date
FROM perf_eval.complaint_record AS r
WHERE pg_catalog.isfinite(r.answered_on)
  AND (r.answered_on < r.received_on OR r.deadline < r.received_on
       OR NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline));

-- Abandoned runs: a run records its session (backend_pid, backend_start); a
-- running run whose session is gone shows as abandoned in run_health at once
-- and is logged as abandoned by the next recalculation; a cancelled run
-- (statement_timeout) is logged as failed with 57014.
CREATE FUNCTION perf_eval.backend_start(pid integer)
RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT a.backend_start FROM pg_catalog.pg_stat_get_activity($1) AS a WHERE a.pid = $1
$$;
COMMENT ON FUNCTION perf_eval.backend_start(integer) IS
'When the server process with this process id started (pg_stat_activity.backend_start); NULL if there is none or the caller may not see it';

ALTER TABLE perf_eval.run
    ADD COLUMN backend_pid integer DEFAULT pg_catalog.pg_backend_pid(),
    ADD COLUMN backend_start timestamptz DEFAULT perf_eval.backend_start(pg_catalog.pg_backend_pid()),
    ADD COLUMN context_digest text,
    DROP CONSTRAINT run_status_check,
    ADD CONSTRAINT run_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'unchanged', 'abandoned'));
COMMENT ON COLUMN perf_eval.run.status IS 'Run status: running | succeeded | failed | unchanged (inputs identical to same_as_run, nothing recomputed) | abandoned (its session ended before it finished)';
COMMENT ON COLUMN perf_eval.run.backend_pid IS 'Process id of the server process (session) that started the run; with backend_start it tells whether that session is still alive';
COMMENT ON COLUMN perf_eval.run.backend_start IS 'When that server process started (pg_stat_activity.backend_start), so a reused process id is not mistaken for it';
COMMENT ON COLUMN perf_eval.run.context_digest IS 'Digest of what every body''s scores depend on besides its own inputs (extension version, methodology and parameters, body registry and scope, score tree, node computers, input relations); a later run in the same context recomputes only the bodies whose inputs changed';
COMMENT ON TABLE perf_eval.run IS
'Every recalculation: who, when, methodology, inputs digest, status (running, succeeded, failed, unchanged = inputs identical to same_as_run, abandoned = its session ended before it finished) and the error of a failed run';

-- A running run is abandoned when the session that started it is gone: no
-- live server process has its pid and start time (a session's advisory locks,
-- the recalculation's included, end with it). A caller who may not see that
-- process's start time (another role's session) matches on the pid alone, so
-- a live run is never called abandoned. Runs logged before 1.1 have no pid
-- and are never judged.
CREATE FUNCTION perf_eval.run_is_abandoned(status text, backend_pid integer, backend_start timestamptz)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1 = 'running' AND $2 IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_get_activity($2) AS a
                           WHERE a.pid = $2
                             AND (a.backend_start IS NULL OR $3 IS NULL OR a.backend_start = $3))
$$;
COMMENT ON FUNCTION perf_eval.run_is_abandoned(text, integer, timestamptz) IS
'True for a running run (status, backend_pid, backend_start of perf_eval.run) whose session is gone: it can never finish';

-- The next recalculation logs every abandoned run as such (finished now).
CREATE FUNCTION perf_eval.mark_abandoned_runs()
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    marked integer;
BEGIN
    UPDATE perf_eval.run AS r SET status = 'abandoned', finished_at = clock_timestamp()
    WHERE r.status = 'running' AND perf_eval.run_is_abandoned(r.status, r.backend_pid, r.backend_start);
    GET DIAGNOSTICS marked = ROW_COUNT;
    RETURN marked;
END
$$;
COMMENT ON FUNCTION perf_eval.mark_abandoned_runs() IS
'Marks every running run whose session is gone as abandoned (finished_at now) and returns how many; every recalculation calls it first';

REVOKE EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.mark_abandoned_runs() TO perf_eval_admin;

CREATE OR REPLACE FUNCTION perf_eval.recalculate_within_transaction(year integer, methodology text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_run bigint;
BEGIN
    PERFORM perf_eval.mark_abandoned_runs();
    INSERT INTO perf_eval.run (year, methodology)
    VALUES (year, perf_eval.resolve_methodology(methodology))
    RETURNING run_id INTO new_run;
    PERFORM perf_eval.compute_run(new_run);
    RETURN new_run;
END
$$;

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
    -- Runs whose session died are logged as abandoned; this run records its
    -- own session (backend_pid, backend_start) by the columns' defaults.
    PERFORM perf_eval.mark_abandoned_runs();
    INSERT INTO perf_eval.run (year, methodology) VALUES (year, version) RETURNING run_id INTO new_run;
    COMMIT;  -- the run is in the log even if the calculation fails

    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    BEGIN
        PERFORM perf_eval.compute_run(new_run);
    -- A cancel (statement_timeout, pg_cancel_backend) is logged too, then re-raised.
    EXCEPTION WHEN OTHERS OR query_canceled THEN
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
COMMENT ON PROCEDURE perf_eval.recalculate(integer, text) IS
'Recalculates the ratings of a year under a methodology (default: the current one) as a new run. Call it as a top-level statement (CALL, pg_cron): it commits the run log row first, so a failed run is logged as failed (a cancelled one too, e.g. by statement_timeout: 57014) while its partial results are rolled back and the previous run stays current; a run whose session died is logged as abandoned by the next recalculation; a second concurrent call for the same year waits for the first; unchanged inputs give a run marked unchanged';

-- Registry writers are not blocked by a running recalculation: the refresh of the monthly
-- tallies takes no lock on the registries, reads marks and rows under one snapshot and clears
-- only the marks it read; a trigger reuses only marks of its own transaction.

CREATE OR REPLACE FUNCTION perf_eval.mark_complaint_months_dirty()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Each branch names only the transition tables its event has.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'complaint_record', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month
              FROM new_rows AS r
              WHERE r.answered_on IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'complaint_record' AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now());
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'complaint_record', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month
              FROM old_rows AS r
              WHERE r.answered_on IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'complaint_record' AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now());
    ELSIF TG_OP = 'UPDATE' THEN
        -- Both the month a row leaves and the month it enters change.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'complaint_record', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month
              FROM (SELECT n.body, n.answered_on FROM new_rows AS n UNION ALL SELECT o.body, o.answered_on FROM old_rows AS o) AS r
              WHERE r.answered_on IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'complaint_record' AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now());
    ELSE
        -- TRUNCATE: every month that had a state now has no rows.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT DISTINCT 'complaint_record', m.body, m.month FROM perf_eval.complaint_tally_monthly AS m;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION perf_eval.mark_service_months_dirty()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Each branch names only the transition tables its event has.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'service_delivery', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month
              FROM new_rows AS r) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'service_delivery' AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now());
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'service_delivery', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month
              FROM old_rows AS r) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'service_delivery' AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now());
    ELSIF TG_OP = 'UPDATE' THEN
        -- Both the month a row leaves and the month it enters change.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'service_delivery', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month
              FROM (SELECT n.body, n.delivered_on FROM new_rows AS n UNION ALL SELECT o.body, o.delivered_on FROM old_rows AS o) AS r) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'service_delivery' AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now());
    ELSE
        -- TRUNCATE: every month that had a state now has no rows.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT DISTINCT 'service_delivery', m.body, m.month FROM perf_eval.service_tally_monthly AS m;
    END IF;
    RETURN NULL;
END
$$;

-- Smaller hardening fixes: a body code is at most 200 characters (in the
-- registries and in perf_eval.body); working days counted without walking the
-- days; the inputs digest reads the content of rows, not refreshed_at.
-- A registry or body row with a longer code makes this update fail with 23514
-- naming the constraint: correct or delete such rows first (none can belong
-- to a body). Adding the constraints reads each registry once.
ALTER TABLE perf_eval.complaint_record
    ADD CONSTRAINT complaint_record_body_code_length CHECK (pg_catalog.char_length(body) <= 200);
ALTER TABLE perf_eval.service_delivery
    ADD CONSTRAINT service_delivery_body_code_length CHECK (pg_catalog.char_length(body) <= 200);
ALTER TABLE perf_eval.body
    ADD CONSTRAINT body_code_length CHECK (pg_catalog.char_length(code) <= 200);
COMMENT ON COLUMN perf_eval.complaint_record.body IS 'Code of the state body that considered the complaint (perf_eval.body.code), at most 200 characters';
COMMENT ON COLUMN perf_eval.service_delivery.body IS 'Code of the state body that delivered the service (perf_eval.body.code), at most 200 characters';
COMMENT ON COLUMN perf_eval.body.code IS 'Short code of the state body in upper case, at most 200 characters, e.g. MF, ACSA, ALMATY';

CREATE OR REPLACE FUNCTION perf_eval.cs_working_days_between(after_day date, through_day date)
RETURNS integer
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN $2 <= $1 THEN 0 ELSE (
        (SELECT sum((5 * ((w.n - w.n_mod_7) / 7) + least(w.n_mod_7 + 1, 5)) * w.sign)
         FROM (SELECT x.n, ((x.n % 7) + 7) % 7, x.sign
               FROM (VALUES (($2 - date '2000-01-03')::bigint, 1), (($1 - date '2000-01-03')::bigint, -1)) AS x(n, sign)
              ) AS w(n, n_mod_7, sign))
        + (SELECT count(*) FILTER (WHERE c.is_working AND extract(isodow FROM c.day) >= 6)
                - count(*) FILTER (WHERE NOT c.is_working AND extract(isodow FROM c.day) < 6)
           FROM perf_eval.cs_working_calendar AS c
           WHERE c.day > $1 AND c.day <= $2))::integer
    END
$$;
COMMENT ON FUNCTION perf_eval.cs_working_days_between(date, date) IS
'Working days after the first date up to and including the second (0 if none): how late an overdue step is';


-- Fuzz findings: a 2-D competency array is refused with 22023 (it failed with
-- 0A000); cs_sheet_kef and cs_sheet_grade catch kernel errors in a
-- subtransaction, which a parallel worker cannot start, so they are
-- PARALLEL RESTRICTED; compute_run names an unknown run (it failed with P0002).
CREATE OR REPLACE FUNCTION perf_eval.competency_part(meets boolean[], not_meet_value numeric)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- One result per competency: a list, not a matrix (array_position would
    -- fail on one with 0A000).
    IF array_ndims(meets) > 1 THEN
        RAISE EXCEPTION 'competency results must be a one-dimensional array'
            USING ERRCODE = '22023',
                  DETAIL = format('meets has %s dimensions.', array_ndims(meets)),
                  HINT = 'Pass one meets (true) or does-not-meet (false) per competency, e.g. ARRAY[true, false, true]; Kef competency part, APA 2020 report, Appendix 3 (docs/methodology.md §6.2).';
    END IF;
    IF array_position(meets, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'every competency must be rated meets (true) or does not meet (false)'
            USING ERRCODE = '22023',
                  DETAIL = format('meets = %s.', meets),
                  HINT = 'Rate every competency true (meets) or false (does not meet), with no NULL; Kef competency part, APA 2020 report, Appendix 3 (docs/methodology.md §6.2).';
    END IF;
    RETURN perf_eval.competency_part(
        (SELECT count(*) FROM unnest(meets) AS m(v) WHERE m.v),
        coalesce(cardinality(meets), 0)::bigint, not_meet_value);
END
$$;

ALTER FUNCTION perf_eval.cs_sheet_kef(bigint) PARALLEL RESTRICTED;
ALTER FUNCTION perf_eval.cs_sheet_grade(bigint) PARALLEL RESTRICTED;

-- The drop guard (issue: DROP EXTENSION perf_eval silently deleted every input, run and score).
-- -------------------------------------------------------------------------
-- The drop guard: DROP EXTENSION perf_eval (and DROP SCHEMA perf_eval
-- CASCADE, DROP OWNED BY its owner) is refused while the extension holds
-- users' rows, i.e. rows of the tables pg_dump keeps (pg_extension.extconfig
-- under its row conditions): inputs, runs, scores, forks, users' bodies.
-- SET perf_eval.allow_drop_with_data = on in the dropping session lets it
-- through (docs/settings.md). Why an event trigger at ddl_command_start
-- with a C function (src/drop_guard.c): sql_drop fires after the tables are
-- gone, and the trigger and its function, members of the extension, are
-- dropped by the very command; before the command only the parse tree,
-- which C reads and PL/pgSQL cannot, says reliably what it drops.
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.drop_guard()
RETURNS event_trigger
AS 'MODULE_PATHNAME', 'pe_drop_guard'
LANGUAGE C;
COMMENT ON FUNCTION perf_eval.drop_guard() IS
'Event trigger function of perf_eval_drop_guard: refuses (2BP01) a command that would drop extension perf_eval while it holds users'' rows, saying how many inputs, runs, scores and forks would be lost, unless the session SET perf_eval.allow_drop_with_data = on (docs/settings.md)';

CREATE EVENT TRIGGER perf_eval_drop_guard ON ddl_command_start
WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA', 'DROP OWNED')
EXECUTE FUNCTION perf_eval.drop_guard();
COMMENT ON EVENT TRIGGER perf_eval_drop_guard IS
'Keeps DROP EXTENSION perf_eval from deleting users'' inputs, runs and scores by accident (perf_eval.drop_guard(); override: perf_eval.allow_drop_with_data)';

-- cs_add_working_days refuses a deadline past ten years of working days (it
-- walked millions of days before failing or answering).
CREATE OR REPLACE FUNCTION perf_eval.cs_add_working_days(event date, days integer)
RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    result date;
BEGIN
    IF days < 1 THEN
        RAISE EXCEPTION 'a deadline counts at least one working day, not %', days
            USING ERRCODE = '22003', HINT = 'Deadlines in working days, docs/methodology.md §6.3.';
    END IF;
    -- The day-by-day window below grows with days; a deadline of the
    -- assessment is days or weeks, so anything past ten years of working days
    -- (2 600) is a mistake, refused before it takes minutes.
    IF days > 2600 THEN
        RAISE EXCEPTION 'a deadline of % working days is out of range', days
            USING ERRCODE = '22003',
                  DETAIL = 'Deadlines count at most 2600 working days (about ten years).',
                  HINT = 'Pass the number of working days of the deadline, 1 to 2600; deadlines in working days, docs/methodology.md §6.3.';
    END IF;
    -- A window of 3 calendar weeks per 2 working days plus a year of holidays is ample.
    SELECT g.day INTO result
    FROM generate_series(1, days * 3 + 366) AS n(offset_days)
    CROSS JOIN LATERAL (SELECT event + n.offset_days AS day) AS g
    LEFT JOIN perf_eval.cs_working_calendar AS c ON c.day = g.day
    WHERE coalesce(c.is_working, extract(isodow FROM g.day) < 6)
    ORDER BY g.day
    OFFSET days - 1 LIMIT 1;
    IF result IS NULL THEN
        RAISE EXCEPTION 'no % working days within a year after %', days, event
            USING ERRCODE = '22023', HINT = 'The working calendar marks too many days as non-working.';
    END IF;
    RETURN result;
END
$$;

-- Issue 15, civil servants: the Kef gate product is a C kernel; the workflow guard
-- checks a move and a signable sheet in two helpers (each PL/pgSQL function <= 120 lines).
CREATE FUNCTION perf_eval.efficiency_coefficient_gated(kef_raw numeric, plan_gate numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_efficiency_coefficient_gated'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.efficiency_coefficient_gated(numeric, numeric) IS
'Kef = kef_raw * gate from a computed kef_raw and plan-execution gate, both >= 0 (APA 2020 report, Appendix 3; Appendix 4, paragraph 28, docs/methodology.md §8 E15)';

CREATE OR REPLACE FUNCTION perf_eval.cs_sheet_kef(sheet bigint)
RETURNS perf_eval.cs_kef_breakdown
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s perf_eval.cs_assessment_sheet;
    v text;
    result perf_eval.cs_kef_breakdown;
    kpi_rows jsonb;
    rated integer;
    message text;
    detail text;
    hint text;
    state text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'Sheets are visible to the employee, their managers, HR and the commission.';
    END IF;
    SELECT p.methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = s.period_id;
    BEGIN
        -- KPI part: mean over the plan's KPIs of kef_i (seed 000 lines 5147-5160).
        SELECT count(*), count(r.kpi_id),
               perf_eval.kpi_efficiency_mean_agg(x.kef_i),
               jsonb_agg(jsonb_build_object('kpi', k.kpi_no, 'title', k.title, 'plan', k.plan, 'fact', r.fact,
                                            'decrease_is_good', k.decrease_is_good, 'completeness', x.c,
                                            'quality', r.quality, 'timeliness', r.timeliness, 'difficulty', x.d,
                                            'kpi_efficiency', x.kef_i) ORDER BY k.kpi_no)
          INTO result.kpis, rated, result.kpi_part, kpi_rows
        FROM perf_eval.cs_kpi AS k
        LEFT JOIN perf_eval.cs_kpi_rating AS r ON r.sheet_id = s.sheet_id AND r.kpi_id = k.kpi_id
        CROSS JOIN LATERAL (
            SELECT perf_eval.kpi_completeness(k.plan, r.fact, perf_eval.param_text(v, 'cs.kef.completeness_bands'),
                                              k.decrease_is_good) AS c,
                   perf_eval.kpi_difficulty_level(k.work_type, k.work_mode) AS d) AS cd
        CROSS JOIN LATERAL (
            SELECT cd.c, cd.d,
                   perf_eval.kpi_efficiency(cd.c, r.quality, r.timeliness, cd.d,
                                            perf_eval.param_numeric(v, 'cs.kef.max_completeness'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_quality'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_timeliness'),
                                            perf_eval.param_numeric(v, 'cs.kef.difficulty_divisor')) AS kef_i) AS x
        WHERE k.iwp_id = s.iwp_id;
        IF result.kpis = 0 THEN
            RAISE EXCEPTION 'the individual work plan has no KPIs' USING ERRCODE = '22023',
                  HINT = 'At least one KPI is required (docs/methodology.md §6.2).';
        ELSIF rated < result.kpis THEN
            RAISE EXCEPTION '% of % KPIs have no rating', result.kpis - rated, result.kpis USING ERRCODE = '22023',
                  HINT = 'The direct supervisor rates every KPI (APA 2020 report, Appendix 4, paragraph 19).';
        END IF;

        -- Competency part: v_j = 1 if met else cs.kef.not_meet_value (seed 000 lines 5173-5182).
        SELECT count(*), count(*) FILTER (WHERE perf_eval.competency_meets(
                   c.manifested, c.defined, perf_eval.cs_param_integer(v, 'cs.competency_ratio_num'),
                   perf_eval.cs_param_integer(v, 'cs.competency_ratio_den')))
          INTO result.competencies, result.competencies_met
        FROM perf_eval.cs_competency_rating AS c WHERE c.sheet_id = s.sheet_id;
        result.competency_part := perf_eval.competency_part(result.competencies_met, result.competencies,
                                                            perf_eval.param_numeric(v, 'cs.kef.not_meet_value'));

        SELECT x.completed_tasks, x.planned_tasks + x.unplanned_tasks INTO result.completed_tasks, result.total_tasks
        FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = s.sheet_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no plan execution is recorded' USING ERRCODE = '22023',
                  HINT = 'P = 100*completed/(planned + unplanned), APA 2020 report, Appendix 4, paragraph 28.';
        END IF;
        result.plan_gate := perf_eval.plan_execution_gate(result.completed_tasks, result.total_tasks,
                                                          perf_eval.param_text(v, 'cs.kef.plan_gate'));
        result.kef_raw := perf_eval.efficiency_coefficient_raw(result.kpi_part, result.competency_part,
                                                               perf_eval.param_numeric(v, 'cs.kef.w_kpi'),
                                                               perf_eval.param_numeric(v, 'cs.kef.w_competency'));
        result.kef := perf_eval.efficiency_coefficient_gated(result.kef_raw, result.plan_gate);
    EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT,
                                state = RETURNED_SQLSTATE;
        RAISE EXCEPTION 'Kef of assessment sheet %: %', s.sheet_id, message
            USING ERRCODE = state,
                  DETAIL = perf_eval.cs_context(s.period_id, s.employee_id) || coalesce(': ' || nullif(detail, ''), '.'),
                  HINT = coalesce(nullif(hint, ''), 'Kef, docs/methodology.md §6.2.');
    END;

    result.explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'Kef',
            'text', 'Kef = (w_kpi·mean_i M_i·(1 + d_i/divisor) + w_comp·mean_j v_j) × gate(100·completed/total)'),
        'clause', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3; Appendix 4, paragraph 28 (docs/methodology.md §6.2)',
        'inputs', jsonb_build_object('kpis', kpi_rows,
                                     'competencies', result.competencies, 'competencies_met', result.competencies_met,
                                     'completed_tasks', result.completed_tasks, 'total_tasks', result.total_tasks),
        'parts', jsonb_build_object('kpi_part', result.kpi_part, 'competency_part', result.competency_part,
                                    'kef_raw', result.kef_raw, 'plan_gate', result.plan_gate, 'kef', result.kef),
        'methodology', v,
        'parameters', perf_eval.param_explanation(v, ARRAY['cs.kef.max_completeness', 'cs.kef.max_quality',
            'cs.kef.max_timeliness', 'cs.kef.difficulty_divisor', 'cs.kef.completeness_bands',
            'cs.kef.not_meet_value', 'cs.kef.w_kpi', 'cs.kef.w_competency', 'cs.kef.plan_gate',
            'cs.competency_ratio_num', 'cs.competency_ratio_den']));
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_sheet_kef(bigint) IS
'Kef of an assessment sheet under its period''s draft_kef methodology, with every part and a jsonb explanation (docs/methodology.md §6.2); 22023/22003 name the body, year and employee';

CREATE FUNCTION perf_eval.cs_checked_move(doc_kind text, entity_id bigint, old_state text, new_state text,
                                          old_since date, new_since date, employee bigint, commission bigint,
                                          context text)
RETURNS perf_eval.cs_workflow_transition
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition;
BEGIN
    SELECT t.* INTO move FROM perf_eval.cs_workflow_transition AS t
    WHERE t.entity = doc_kind AND t.from_state = old_state AND t.to_state = new_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'illegal move of % % from % to %', doc_kind, entity_id, old_state, new_state
            USING ERRCODE = '22023',
                  DETAIL = format('%s. From %s the moves are: %s.', context, old_state,
                                  coalesce((SELECT string_agg(t.action || ' -> ' || t.to_state, ', ' ORDER BY t.action)
                                            FROM perf_eval.cs_workflow_transition AS t
                                            WHERE t.entity = doc_kind AND t.from_state = old_state),
                                           'none (final state)')),
                  HINT = 'Workflow, docs/methodology.md §6.3; perf_eval.cs_workflow_transition lists the legal moves.';
    END IF;
    IF NOT perf_eval.cs_may_act(move.actors, employee, commission) THEN
        RAISE EXCEPTION 'only the % may % this %', array_to_string(move.actors, ' or '), move.action, doc_kind
            USING ERRCODE = '42501',
                  DETAIL = format('%s, %s %s; login %s.', context, doc_kind, entity_id, current_user),
                  HINT = format('Workflow, %s (docs/methodology.md §6.3).', move.clause);
    END IF;
    IF new_since < old_since THEN
        RAISE EXCEPTION 'the move % of % % cannot be dated % before its previous move on %',
                        move.action, doc_kind, entity_id, new_since, old_since
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = 'Workflow dates only move forward (docs/methodology.md §6.3).';
    END IF;
    RETURN move;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_checked_move(text, bigint, text, text, date, date, bigint, bigint, text) IS
'The workflow move from one state of a plan, sheet or result to another, checked: a legal transition (22023), by a permitted actor (42501), not dated before the previous move (22023); docs/methodology.md §6.3';

CREATE FUNCTION perf_eval.cs_check_sheet_signable(sheet bigint, iwp bigint, context text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    unrated text := (SELECT string_agg(k.kpi_no::text, ', ' ORDER BY k.kpi_no) FROM perf_eval.cs_kpi AS k
                     WHERE k.iwp_id = iwp
                       AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi_rating AS r
                                       WHERE r.sheet_id = sheet AND r.kpi_id = k.kpi_id));
BEGIN
    IF unrated IS NOT NULL THEN
        RAISE EXCEPTION 'assessment sheet % has unrated KPIs', sheet
            USING ERRCODE = '22023', DETAIL = format('%s; KPIs without a rating: %s.', context, unrated),
                  HINT = 'The direct supervisor rates every KPI before signing, APA 2020 report, Appendix 4, paragraph 19.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = sheet) THEN
        RAISE EXCEPTION 'assessment sheet % has no plan execution', sheet
            USING ERRCODE = '22023', DETAIL = context || '.',
                  HINT = 'The percentage of plan execution is the first step, APA 2020 report, Appendix 4, paragraph 28.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_check_sheet_signable(bigint, bigint, text) IS
'22023 unless every KPI of the plan has a rating on the sheet and the sheet records the plan execution: what signing a sheet needs (APA 2020 report, Appendix 4, paragraphs 19, 28)';

CREATE OR REPLACE FUNCTION perf_eval.cs_workflow_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    doc_kind text := TG_ARGV[0];
    entity_id bigint;
    period perf_eval.cs_assessment_period;
    commission bigint;
    move perf_eval.cs_workflow_transition;
    context text;
    limit_amendments integer;
    appeal_deadline date;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    IF doc_kind = 'iwp' THEN
        entity_id := NEW.iwp_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = NEW.period_id;
    ELSIF doc_kind = 'sheet' THEN
        entity_id := NEW.sheet_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = NEW.period_id;
    ELSE
        entity_id := NEW.sheet_id;
        commission := NEW.commission_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p
        JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = NEW.commission_id;
    END IF;
    context := perf_eval.cs_context(period.period_id, NEW.employee_id);

    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_workflow_state AS s
                       WHERE s.entity = doc_kind AND s.state = NEW.state AND s.is_initial) THEN
            RAISE EXCEPTION 'a new % cannot start in state %', doc_kind, NEW.state
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'Workflow, docs/methodology.md §6.3; perf_eval.cs_workflow_state lists the initial states.';
        END IF;
        INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date, reason)
        VALUES (doc_kind, entity_id, 'open', NULL, NEW.state, NEW.state_since, perf_eval.cs_move_reason());
        RETURN NEW;
    END IF;
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;

    move := perf_eval.cs_checked_move(doc_kind, entity_id, OLD.state, NEW.state, OLD.state_since, NEW.state_since,
                                      NEW.employee_id, commission, context);

    -- Preconditions and side effects of particular moves.
    IF doc_kind = 'iwp' THEN
        IF move.action = 'submit' AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi AS k WHERE k.iwp_id = NEW.iwp_id) THEN
            RAISE EXCEPTION 'individual work plan % has no KPIs', NEW.iwp_id
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'KPIs are set in the plan, APA 2020 report, Appendix 4, paragraphs 11, 15.';
        ELSIF move.action = 'submit_amendment' THEN
            limit_amendments := perf_eval.cs_param_integer(period.methodology, 'cs.amendments_per_period');
            IF OLD.amendments >= limit_amendments THEN
                RAISE EXCEPTION 'individual work plan % was already amended % time(s) this period', NEW.iwp_id, OLD.amendments
                    USING ERRCODE = '22023',
                          DETAIL = format('%s; at most %s amendment(s) per period.', context, limit_amendments),
                          HINT = 'cs.amendments_per_period, APA 2020 report, Appendix 4, paragraph 18.';
            END IF;
            NEW.amendments := OLD.amendments + 1;
        END IF;
    ELSIF doc_kind = 'sheet' THEN
        IF move.action = 'sign' THEN
            PERFORM perf_eval.cs_check_sheet_signable(NEW.sheet_id, NEW.iwp_id, context);
        ELSIF move.action = 'resume' THEN
            NEW.resumed_on := NEW.state_since;
        ELSIF move.action LIKE 'reopen%' AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_result AS r
                                                         WHERE r.sheet_id = NEW.sheet_id AND r.state = 'reopened') THEN
            RAISE EXCEPTION 'assessment sheet % is reopened only when its result is', NEW.sheet_id
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'perf_eval.cs_reopen() reopens the result after an upheld appeal, then the sheet (APA 2020 report, Appendix 4, paragraph 45).';
        END IF;
    ELSIF move.action = 'archive' THEN
        IF OLD.state <> 'appeal_decided' THEN
            appeal_deadline := perf_eval.cs_add_working_days(OLD.decided_on,
                                   perf_eval.cs_param_integer(period.methodology, 'cs.deadline.appeal'));
            IF NEW.state_since <= appeal_deadline THEN
                RAISE EXCEPTION 'the result of sheet % can be archived only after its appeal window closes on %',
                                NEW.sheet_id, appeal_deadline
                    USING ERRCODE = '22023', DETAIL = format('%s; decided on %s.', context, OLD.decided_on),
                          HINT = 'cs.deadline.appeal, APA 2020 report, Appendix 4, paragraph 45.';
            END IF;
        END IF;
        NEW.retain_until := (NEW.state_since
            + make_interval(years => perf_eval.cs_param_integer(period.methodology, 'cs.retention_years')))::date;
    END IF;

    INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date, reason)
    VALUES (doc_kind, entity_id, move.action, OLD.state, NEW.state, NEW.state_since, perf_eval.cs_move_reason());
    RETURN NEW;
END
$$;

-- Issue 15, the engine owns the node-computer contract: a block registers a
-- per-body function (body, year, methodology) with the function listing its
-- bodies and the phrase naming it in an error; the engine iterates and names a
-- failure once. The compute_*_nodes wrappers go; compute_run is split into the
-- registry checks (45_registry_checks.sql), compute_nodes and roll_up_nodes.
ALTER TABLE perf_eval.node_computer
    ADD COLUMN bodies regproc,
    ADD COLUMN context text,
    ADD COLUMN hint text,
    ADD CONSTRAINT node_computer_per_body_context CHECK ((bodies IS NULL) = (context IS NULL));

COMMENT ON COLUMN perf_eval.node_computer.name IS 'Name of the computer (one direction''s nodes)';
COMMENT ON COLUMN perf_eval.node_computer.computer IS 'Function (body text, year integer, methodology text) RETURNS SETOF perf_eval.node_value that computes the nodes of one body (the engine takes the body from bodies); with bodies NULL, a function (year integer, methodology text) computing every body at once (release 1.0)';
COMMENT ON COLUMN perf_eval.node_computer.description IS 'What the function computes';
COMMENT ON COLUMN perf_eval.node_computer.bodies IS 'Function (year integer, methodology text) RETURNS SETOF text: the bodies the computer computes in the year (those with inputs); NULL for a release-1.0 computer of every body at once';
COMMENT ON COLUMN perf_eval.node_computer.context IS 'How a failure names the computer: the error detail starts "Body <code>, year <year>, <context>." (e.g. public services direction)';
COMMENT ON COLUMN perf_eval.node_computer.hint IS 'Hint of a failure that gives none (NULL: none)';
COMMENT ON TABLE perf_eval.node_computer IS
'Node computers: functions (body text, year integer, methodology text) RETURNS SETOF perf_eval.node_value that compute the nodes of one direction of one body from its inputs, with the function listing the bodies; the engine iterates the bodies and re-raises a failure naming body, year and computer with its SQLSTATE';

CREATE FUNCTION perf_eval.complaint_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body FROM perf_eval.complaint_tallies(complaint_bodies.year) AS t ORDER BY t.body
$$;
COMMENT ON FUNCTION perf_eval.complaint_bodies(integer, text) IS
'Bodies the complaints node computer computes in a year: those with a complaint tally (perf_eval.complaint_tallies)';

CREATE FUNCTION perf_eval.complaint_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The kz2020_apa one-time acceptance comes from the service counts: the
    -- interaction computer (61_interaction_block.sql) provides that node.
    SELECT t.body, c.node, c.raw_value, c.reason, c.explanation
    FROM perf_eval.complaint_tallies(complaint_nodes.year) AS t
    CROSS JOIN LATERAL perf_eval.complaint_criteria(t.tally, complaint_nodes.methodology, t.source) AS c
    WHERE t.body = complaint_nodes.body AND c.node <> 'interaction.complaints.one_time_acceptance'
$$;
COMMENT ON FUNCTION perf_eval.complaint_nodes(text, integer, text) IS
'Node computer of the complaints direction: raw R1-R4 (and the kz2020_apa criteria) of a body with complaint counts in the year (docs/methodology.md §4.4)';

CREATE FUNCTION perf_eval.goal_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Bodies with goals inputs (or supplied budget criteria) in the year, not exempt from the block.
    SELECT DISTINCT x.body FROM (
        SELECT g.body FROM perf_eval.goal AS g WHERE g.year = $1
        UNION SELECT p.body FROM perf_eval.budget_programme AS p WHERE p.year = $1
        UNION SELECT a.body FROM perf_eval.budget_assessment AS a WHERE a.year = $1
        UNION SELECT e.body FROM perf_eval.penalty_event AS e WHERE e.year = $1 AND e.block = 'goals'
        UNION SELECT s.body FROM perf_eval.supplied_score AS s
              WHERE s.year = $1 AND s.node LIKE 'goals.budget.%' AND (s.methodology = $2 OR s.methodology IS NULL)
    ) AS x
    WHERE perf_eval.scope_status(x.body, 'goals', $1) <> 'exempt'
    ORDER BY x.body
$$;
COMMENT ON FUNCTION perf_eval.goal_bodies(integer, text) IS
'Bodies the goals node computer (perf_eval.goal_nodes) computes in a year: those with goals inputs, goals penalty facts or supplied budget criteria, not exempt from the block (docs/methodology.md §3)';

CREATE FUNCTION perf_eval.service_inputs_of_year(year integer)
RETURNS TABLE (body text, kind text, deliveries bigint, deadline_violations bigint, unreasonable_refusals bigint,
               incomplete_package bigint, extra_documents bigint, electronic bigint,
               quality_appeals_justified bigint, source text, satisfaction_percent numeric,
               services_in_register bigint, services_electronic bigint, downtime_hours numeric,
               newly_automated bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT b.code AS body, b.kind, c.deliveries, c.deadline_violations, c.unreasonable_refusals,
           c.incomplete_package, c.extra_documents, c.electronic, c.quality_appeals_justified, c.source,
           i.satisfaction_percent, i.services_in_register, i.services_electronic, i.downtime_hours, i.newly_automated
    FROM perf_eval.body AS b
    LEFT JOIN perf_eval.service_counts_of_year($1) AS c ON c.body = b.code
    LEFT JOIN perf_eval.service_indicators AS i ON i.body = b.code AND i.year = $1
    WHERE c.body IS NOT NULL OR i.body IS NOT NULL
$$;
COMMENT ON FUNCTION perf_eval.service_inputs_of_year(integer) IS
'Kind, service counts (perf_eval.service_counts_of_year) and service indicators of every body with either in a year: the inputs of the public-services and satisfaction directions (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.service_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body FROM perf_eval.service_inputs_of_year($1) AS t ORDER BY t.body
$$;
COMMENT ON FUNCTION perf_eval.service_bodies(integer, text) IS
'Bodies the public-services and satisfaction node computers compute in a year: those with service counts or indicators';

CREATE FUNCTION perf_eval.service_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
    FROM perf_eval.service_inputs_of_year($2) AS t
    CROSS JOIN LATERAL perf_eval.service_criteria(t.kind, $3, t.deliveries, t.deadline_violations,
             t.unreasonable_refusals, t.incomplete_package, t.extra_documents, t.electronic,
             t.quality_appeals_justified, t.satisfaction_percent, t.services_in_register,
             t.services_electronic, t.downtime_hours, t.newly_automated, t.source) AS s
    WHERE t.body = $1
$$;
COMMENT ON FUNCTION perf_eval.service_nodes(text, integer, text) IS
'Node computer of the public-services direction: K1/M1, K2/M2, K3 (kz2020) or K2'', K3 (kz2020_apa) of a body with service counts or indicators in the year (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.satisfaction_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
    FROM perf_eval.service_inputs_of_year($2) AS t
    CROSS JOIN LATERAL perf_eval.satisfaction_direction($3, t.deliveries, t.quality_appeals_justified,
                                                        t.satisfaction_percent, t.source) AS s
    WHERE t.body = $1 AND perf_eval.param_exists($3, 'services.apa.s_pts_satisfaction')
$$;
COMMENT ON FUNCTION perf_eval.satisfaction_nodes(text, integer, text) IS
'Node computer of the kz2020_apa satisfaction direction S of a body with service counts or indicators in the year; nothing under a version without it (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.openness_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT o.body FROM perf_eval.openness_inputs AS o WHERE o.year = $1 ORDER BY o.body
$$;
COMMENT ON FUNCTION perf_eval.openness_bodies(integer, text) IS
'Bodies the openness node computer computes in a year: those with openness inputs';

CREATE FUNCTION perf_eval.openness_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1, s.node, s.raw_value, s.reason, s.explanation FROM perf_eval.openness_criteria($1, $2, $3) AS s
$$;
COMMENT ON FUNCTION perf_eval.openness_nodes(text, integer, text) IS
'Node computer of the openness direction: open data, open budget, open NLA, open dialogue and the subordinate deduction of a body with openness inputs in the year (docs/methodology.md §4.3)';

CREATE FUNCTION perf_eval.one_time_acceptance_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- A criterion of the complaints direction, so it is given to exactly the
    -- bodies the complaints computer scores (a body without complaint counts has
    -- no H); without service counts it is not assessable (no_data).
    SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
    FROM (VALUES ($1)) AS t(body)
    LEFT JOIN perf_eval.service_counts_of_year($2) AS c ON c.body = t.body
    CROSS JOIN LATERAL perf_eval.one_time_acceptance_criterion($3, c.deliveries, c.extra_documents, c.source) AS s
    WHERE perf_eval.param_exists($3, 'complaints.one_time_acceptance.pts')
$$;
COMMENT ON FUNCTION perf_eval.one_time_acceptance_nodes(text, integer, text) IS
'Node computer of the kz2020_apa complaints criterion one-time acceptance of a body with complaint counts in the year (perf_eval.complaint_bodies), from the extra-document requests of its service counts; nothing under a version without it (docs/methodology.md §4.4)';

CREATE FUNCTION perf_eval.orgdev_hr_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT x.body
    FROM (SELECT i.body FROM perf_eval.orgdev_hr_inputs AS i WHERE i.year = $1
          UNION
          SELECT e.body FROM perf_eval.penalty_event AS e WHERE e.year = $1 AND e.block = 'orgdev') AS x
    WHERE perf_eval.param_text($2, 'orgdev.mode') IS DISTINCT FROM 'supplied'
      AND perf_eval.scope_status(x.body, 'orgdev', $1) <> 'exempt'
    ORDER BY x.body
$$;
COMMENT ON FUNCTION perf_eval.orgdev_hr_bodies(integer, text) IS
'Bodies the personnel-management node computer (perf_eval.hr_criteria) computes in a year: every non-exempt body with personnel inputs or orgdev penalty facts; none under orgdev.mode = supplied (kz2017) (docs/methodology.md §5.2, §5.4)';

CREATE FUNCTION perf_eval.orgdev_it_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT i.body FROM perf_eval.orgdev_it_inputs AS i
    WHERE i.year = $1
      AND perf_eval.param_text($2, 'orgdev.mode') IS DISTINCT FROM 'supplied'
      AND perf_eval.scope_status(i.body, 'orgdev', $1) <> 'exempt'
    ORDER BY i.body
$$;
COMMENT ON FUNCTION perf_eval.orgdev_it_bodies(integer, text) IS
'Bodies the information-technology node computer (perf_eval.it_criteria) computes in a year: every non-exempt body with IT inputs; none under orgdev.mode = supplied (kz2017) (docs/methodology.md §5.3, §5.4)';

DELETE FROM perf_eval.node_computer
WHERE name IN ('complaints', 'goals', 'services', 'satisfaction', 'openness', 'one_time_acceptance', 'orgdev_hr', 'orgdev_it');

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('complaints', 'perf_eval.complaint_nodes', 'R1-R4 from complaint counts (docs/methodology.md §4.4)',
 'perf_eval.complaint_bodies', 'complaints direction', NULL);

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('goals', 'perf_eval.goal_nodes', 'Goals block: strategic component, budget criteria, penalties (docs/methodology.md §3)',
 'perf_eval.goal_bodies', 'goals block', 'Goals block, docs/methodology.md §3.');

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('services', 'perf_eval.service_nodes', 'K1/M1, K2/M2, K3 or K2'', K3 from service counts and indicators (docs/methodology.md §4.2)',
 'perf_eval.service_bodies', 'public services direction', NULL),
('satisfaction', 'perf_eval.satisfaction_nodes', 'the kz2020_apa direction S from service counts and indicators (docs/methodology.md §4.2)',
 'perf_eval.service_bodies', 'satisfaction direction', NULL),
('openness', 'perf_eval.openness_nodes', 'open data, budget, NLA, dialogue and the subordinate deduction (docs/methodology.md §4.3)',
 'perf_eval.openness_bodies', 'openness direction', NULL),
('one_time_acceptance', 'perf_eval.one_time_acceptance_nodes', 'the kz2020_apa complaints criterion from extra-document requests (docs/methodology.md §4.4)',
 'perf_eval.complaint_bodies', 'complaints direction (one-time acceptance)', NULL);

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('orgdev_hr', 'perf_eval.hr_criteria', 'K, O, M, W of the personnel-management direction (docs/methodology.md §5.2)',
 'perf_eval.orgdev_hr_bodies', 'personnel management direction', NULL),
('orgdev_it', 'perf_eval.it_criteria', 'Criteria of the information-technology direction (docs/methodology.md §5.3)',
 'perf_eval.orgdev_it_bodies', 'information technology direction', NULL);

DROP FUNCTION perf_eval.compute_complaint_nodes(integer, text);
DROP FUNCTION perf_eval.compute_goal_nodes(integer, text);
DROP FUNCTION perf_eval.compute_service_nodes(integer, text);
DROP FUNCTION perf_eval.compute_satisfaction_nodes(integer, text);
DROP FUNCTION perf_eval.compute_openness_nodes(integer, text);
DROP FUNCTION perf_eval.compute_one_time_acceptance_nodes(integer, text);
DROP FUNCTION perf_eval.compute_orgdev_hr_nodes(integer, text);
DROP FUNCTION perf_eval.compute_orgdev_it_nodes(integer, text);

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

CREATE PROCEDURE perf_eval.compute_nodes(y integer, v text, skip_bodies text[] DEFAULT '{}')
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns)
-- and every name is qualified.
DECLARE
    c record;
    insert_rows constant text := 'INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT b.body, x.node, x.raw_value, x.reason, x.explanation
        FROM %s AS b(body) CROSS JOIN LATERAL %s(b.body, $2, $3) AS x
        WHERE b.body <> ALL ($4)';
    failed_body text;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    FOR c IN SELECT nc.name, nc.computer, nc.bodies, nc.context, nc.hint
             FROM perf_eval.node_computer AS nc ORDER BY nc.name LOOP
        IF c.bodies IS NULL THEN
            -- A computer of every body at once (year, methodology), as in release 1.0:
            -- its errors pass unchanged.
            EXECUTE pg_catalog.format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                                       SELECT x.body, x.node, x.raw_value, x.reason, x.explanation FROM %s($1, $2) AS x
                                       WHERE x.body <> ALL ($3)',
                                      c.computer)
                USING y, v, skip_bodies;
            CONTINUE;
        END IF;
        failed_body := NULL;
        BEGIN
            BEGIN
                EXECUTE pg_catalog.format(insert_rows, pg_catalog.format('%s($2, $3)', c.bodies), c.computer)
                    USING NULL::text, y, v, skip_bodies;
            EXCEPTION WHEN OTHERS THEN
                FOR failed_body IN EXECUTE pg_catalog.format('SELECT b.body FROM %s($1, $2) AS b(body)
                                                              WHERE b.body <> ALL ($3) ORDER BY b.body',
                                                             c.bodies) USING y, v, skip_bodies LOOP
                    EXECUTE pg_catalog.format(insert_rows, '(VALUES ($1))', c.computer) USING failed_body, y, v, skip_bodies;
                END LOOP;
                failed_body := NULL;  -- no body fails alone: the first error, naming no body
                RAISE;
            END;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = pg_catalog.concat_ws(' ',
                    CASE WHEN failed_body IS NULL THEN pg_catalog.format('Year %s, %s.', y, c.context)
                         ELSE pg_catalog.format('Body %s, year %s, %s.', failed_body, y, c.context) END,
                    nullif(err_detail, '')),
                HINT = coalesce(nullif(err_hint, ''), c.hint);
        END;
    END LOOP;
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_nodes(integer, text, text[]) IS
'Step 1 of compute_run: the raw values of every node computer''s nodes for the bodies it lists but skip_bodies, into pg_temp.pe_work; a failure is re-raised with its SQLSTATE, the detail starting "Body <code>, year <year>, <the computer''s context>."';

CREATE OR REPLACE PROCEDURE perf_eval.roll_up_nodes(y integer, v text, clamp text)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns).
DECLARE
    lvl text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    -- 1b. The version's structural changes (docs/methodology.md §2.8): the
    -- nodes it leaves out are dropped; a computed node whose maximum it
    -- changed is scaled to the new maximum.
    DELETE FROM pg_temp.pe_work AS w WHERE w.node IN (SELECT perf_eval.inactive_nodes(v));
    UPDATE pg_temp.pe_work AS w
    SET raw_value = w.raw_value * perf_eval.node_rescale_factor(w.node, v, b.kind),
        explanation = w.explanation || jsonb_build_object('rescaled', jsonb_build_object(
            'factor', perf_eval.node_rescale_factor(w.node, v, b.kind), 'raw_value', w.raw_value,
            'maximum', perf_eval.node_maximum(w.node, v, b.kind),
            'source', (SELECT c.source FROM perf_eval.methodology_node_change AS c
                       WHERE c.methodology = v AND c.node = w.node AND (c.kind = b.kind OR c.kind IS NULL)
                       ORDER BY c.kind NULLS LAST LIMIT 1)))
    FROM perf_eval.body AS b
    WHERE b.code = w.body AND w.raw_value IS NOT NULL AND perf_eval.node_rescale_factor(w.node, v, b.kind) IS NOT NULL
      AND w.node IN (SELECT c.node FROM perf_eval.methodology_node_change AS c
                     WHERE c.methodology = v AND c.change = 'maximum');

    -- 2. Bottom-up, level by level.
    FOREACH lvl IN ARRAY ARRAY['criterion', 'direction', 'block'] LOOP
        -- a) sum nodes: (the signed sum of the term children present) x the
        --    product of the factor children present (score_node.role). A sum
        --    with factors shows each term's origin and lists its factors.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT w.body, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN
                   CASE WHEN bool_or(ch.role = 'factor')
                        THEN coalesce(sum(ch.sign * w.value) FILTER (WHERE ch.role = 'term'), 0)
                             * perf_eval.factor_product(w.value) FILTER (WHERE ch.role = 'factor')
                        ELSE sum(ch.sign * w.value) END
               END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'sum', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       CASE WHEN bool_or(ch.role = 'factor')
                            THEN string_agg(coalesce(ch.symbol, ch.code), ' · ' ORDER BY ch.node_order)
                                     FILTER (WHERE ch.role = 'factor')
                                 || ' · (' || regexp_replace(string_agg(CASE WHEN ch.sign < 0 THEN '− ' ELSE '+ ' END
                                                                        || coalesce(ch.symbol, ch.code), ' '
                                                                        ORDER BY ch.node_order) FILTER (WHERE ch.role = 'term'),
                                                             '^\+ ', '') || ')'
                            ELSE string_agg(CASE WHEN ch.sign < 0 THEN '− ' ELSE '+ ' END || coalesce(ch.symbol, ch.code), ' '
                                            ORDER BY ch.node_order) END),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'sign', ch.sign, 'value', w.value)
                                         || CASE WHEN scaled.any_factor THEN jsonb_build_object('origin', w.origin)
                                                 ELSE '{}' END
                                         ORDER BY ch.node_order) FILTER (WHERE ch.role = 'term'))
               || CASE WHEN bool_or(ch.role = 'factor') THEN jsonb_build_object('factors',
                      jsonb_agg(jsonb_build_object('node', ch.code, 'value', w.value, 'origin', w.origin)
                                ORDER BY ch.node_order) FILTER (WHERE ch.role = 'factor'))
                  ELSE '{}' END
        FROM perf_eval.score_node AS n
        CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM perf_eval.score_node AS f
                                           WHERE f.parent = n.code AND f.role = 'factor') AS any_factor) AS scaled
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        JOIN pg_temp.pe_work AS w ON w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'sum'
        GROUP BY w.body, n.code, n.symbol, scaled.any_factor
        ON CONFLICT (body, node) DO NOTHING;

        -- b) weighted nodes: the weights the version defines for the body's kind.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT b.code, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN sum(p.value::numeric * w.value) END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'weighted', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       string_agg(p.value || '·' || coalesce(ch.symbol, ch.code), ' + ' ORDER BY ch.node_order)),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'weight', p.value::numeric, 'value', w.value)
                                         ORDER BY ch.node_order),
                   'parameters', perf_eval.param_explanation(v, array_agg(p.key)))
        FROM perf_eval.score_node AS n
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        CROSS JOIN perf_eval.body AS b
        JOIN perf_eval.methodology_param AS p
             ON p.methodology = v AND p.key = replace(ch.weight_key, '{kind}', lower(b.kind))
        LEFT JOIN pg_temp.pe_work AS w ON w.body = b.code AND w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'weighted'
          AND perf_eval.scope_status(b.code, n.block, y) <> 'exempt'
          AND ch.code NOT IN (SELECT perf_eval.inactive_nodes(v))
        GROUP BY b.code, n.code, n.symbol
        HAVING bool_or(w.body IS NOT NULL)
        ON CONFLICT (body, node) DO NOTHING;

        -- c) supplied scores override (a version-specific one over one for every version).
        INSERT INTO pg_temp.pe_work AS w (body, node, raw_value, origin, reason, explanation)
        SELECT DISTINCT ON (s.body, s.node) s.body, s.node, s.value, 'supplied', NULL,
               jsonb_build_object('supplied', jsonb_build_object(
                   'by', s.supplied_by, 'at', s.supplied_at, 'document', s.basis_document, 'note', s.note,
                   'methodology', s.methodology))
        FROM perf_eval.supplied_score AS s
        JOIN perf_eval.score_node AS n ON n.code = s.node AND n.level = lvl
        WHERE s.year = y AND (s.methodology = v OR s.methodology IS NULL)
          AND perf_eval.scope_status(s.body, n.block, y) <> 'exempt'
          AND s.node NOT IN (SELECT perf_eval.inactive_nodes(v))
        ORDER BY s.body, s.node, s.methodology NULLS LAST
        ON CONFLICT (body, node) DO UPDATE
            SET raw_value = EXCLUDED.raw_value, origin = 'supplied', reason = NULL,
                explanation = EXCLUDED.explanation || jsonb_build_object('computed',
                    w.explanation || jsonb_build_object('raw_value', w.raw_value, 'reason', w.reason));

        -- d) the clamp policy with the node maximum (for the body's kind).
        UPDATE pg_temp.pe_work AS w
        SET value = perf_eval.clamp_value(w.raw_value, m.maximum, clamp),
            explanation = w.explanation || jsonb_build_object('policies', jsonb_build_object(
                'clamp', clamp, 'maximum', m.maximum, 'raw_value', w.raw_value))
        FROM perf_eval.score_node AS n, perf_eval.body AS b,
             LATERAL (SELECT perf_eval.node_maximum(n.code, v, b.kind) AS maximum) AS m
        WHERE n.code = w.node AND b.code = w.body AND n.level = lvl AND w.raw_value IS NOT NULL;
    END LOOP;

    -- Children of a supplied node are shown but superseded (METHODOLOGY §1.2).
    WITH RECURSIVE supplied_descendant AS (
        SELECT w.body, n.code FROM pg_temp.pe_work AS w
        JOIN perf_eval.score_node AS n ON n.parent = w.node
        WHERE w.origin = 'supplied'
        UNION
        SELECT d.body, n.code FROM supplied_descendant AS d JOIN perf_eval.score_node AS n ON n.parent = d.code
    )
    UPDATE pg_temp.pe_work AS w SET superseded = true
    FROM supplied_descendant AS d WHERE d.body = w.body AND d.code = w.node;

    -- 3. Composite, where the version defines composite weights.
    CALL perf_eval.roll_up_composite(v, clamp);
END
$$;

REVOKE EXECUTE ON PROCEDURE perf_eval.compute_nodes(integer, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_nodes(integer, text, text[]) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.roll_up_nodes(integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.roll_up_nodes(integer, text, text) TO perf_eval_admin;

-- ---------------------------------------------------------------------------
-- One import machinery (issue 15): the staging tables' field checks and the
-- report row shape declared once (27_import.sql); the five reports are
-- projections of perf_eval.import_report, the accepts call perf_eval.import_accept.
-- ---------------------------------------------------------------------------
CREATE FUNCTION perf_eval.numeric_or_null(value text)
RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN perf_eval.is_numeric_text($1) THEN trim($1)::numeric END $$;
COMMENT ON FUNCTION perf_eval.numeric_or_null(text) IS
'A staged text as numeric, NULL if it is not a finite decimal number';

CREATE FUNCTION perf_eval.boolean_or_null(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN lower(trim($1)) IN ('true', 't', 'yes', 'y', '1') THEN true
                WHEN lower(trim($1)) IN ('false', 'f', 'no', 'n', '0') THEN false END
$$;
COMMENT ON FUNCTION perf_eval.boolean_or_null(text) IS
'A staged text as boolean (true/false, t/f, yes/no, y/n, 1/0), NULL if it is none of them';

-- The kinds of staged field and their one message per rule.
CREATE FUNCTION perf_eval.import_value_problem(value text, kind text, required boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN $1 IS NULL OR trim($1) = '' THEN CASE WHEN $3 THEN 'missing' END
        WHEN $2 = 'month' THEN CASE WHEN NOT coalesce(perf_eval.count_or_null($1) BETWEEN 1 AND 12, false)
                                    THEN 'month must be 1 to 12' END
        WHEN $2 = 'count' AND $1 ~ '^\s*-' THEN 'must not be negative'
        WHEN $2 = 'count' AND NOT perf_eval.is_count_text($1) THEN 'must be a whole number'
        WHEN $2 = 'boolean' THEN CASE WHEN perf_eval.boolean_or_null($1) IS NULL THEN 'must be true or false' END
        WHEN $2 NOT IN ('number', 'percent', 'fraction', 'nonnegative') THEN NULL
        WHEN NOT perf_eval.is_numeric_text($1) THEN 'must be a number'
        WHEN $2 = 'percent' AND NOT trim($1)::numeric BETWEEN 0 AND 100 THEN 'must lie between 0 and 100'
        WHEN $2 = 'fraction' AND NOT trim($1)::numeric BETWEEN 0 AND 1 THEN 'must lie between 0 and 1'
        WHEN $2 = 'nonnegative' AND trim($1)::numeric < 0 THEN 'must not be negative'
    END
$$;
COMMENT ON FUNCTION perf_eval.import_value_problem(text, text, boolean) IS
'The problem of one staged value of a field kind, or NULL: missing (if required); count (whole, >= 0), number, percent (0..100), fraction (0..1), nonnegative (>= 0), boolean, month (1..12); code, word and text are free (docs/methodology.md §4.5)';

-- The one row shape of every import report.
CREATE TYPE perf_eval.import_problem AS (
    staging     text,
    line        bigint,
    body        text,
    year        text,
    field       text,
    reason      text,
    staging_id  bigint
);
COMMENT ON TYPE perf_eval.import_problem IS
'One problem of a staged row: staging table, line (position of the row in the loaded file), body and year as loaded, field, reason, staging_id (the row''s line_no)';

CREATE TABLE perf_eval.import_kind (
    input_kind  text PRIMARY KEY CHECK (input_kind ~ '^[a-z_]+$'),
    report      text NOT NULL,
    refusal     text NOT NULL,
    rules       text,
    before_move text
);
COMMENT ON COLUMN perf_eval.import_kind.input_kind IS 'Name of the input kind, e.g. complaint_counts, interaction';
COMMENT ON COLUMN perf_eval.import_kind.report IS 'Public report function of the kind (its name in perf_eval), named in the refusal''s hint';
COMMENT ON COLUMN perf_eval.import_kind.refusal IS 'Message of a refused accept; %s is the number of problems';
COMMENT ON COLUMN perf_eval.import_kind.rules IS 'Function (qualified name) returning (staging, staging_id, field, reason) for the rules between values of the kind; NULL: none';
COMMENT ON COLUMN perf_eval.import_kind.before_move IS 'Procedure (qualified name) called after the checks and before the rows move; NULL: none';
COMMENT ON TABLE perf_eval.import_kind IS
'Input kinds loaded through staging tables, their report, refusal message, rules and preparation (docs/methodology.md §4.5)';

CREATE TABLE perf_eval.import_staging (
    staging             text PRIMARY KEY,
    input_kind          text NOT NULL REFERENCES perf_eval.import_kind,
    move_order          integer NOT NULL,
    target              text NOT NULL,
    key_columns         text[] NOT NULL,
    replaces_body_year  boolean NOT NULL DEFAULT false,
    duplicate_reason    text NOT NULL DEFAULT 'duplicate of line %s'
);
COMMENT ON COLUMN perf_eval.import_staging.staging IS 'Staging table in perf_eval (columns line_no, body, year and text fields)';
COMMENT ON COLUMN perf_eval.import_staging.input_kind IS 'Input kind the staging table belongs to';
COMMENT ON COLUMN perf_eval.import_staging.move_order IS 'Order in which accept moves the staging tables of a kind (a referenced table first)';
COMMENT ON COLUMN perf_eval.import_staging.target IS 'Table in perf_eval the rows move into';
COMMENT ON COLUMN perf_eval.import_staging.key_columns IS 'Key of a row: a later row with the same (trimmed) key is a duplicate; also the conflict target of the move';
COMMENT ON COLUMN perf_eval.import_staging.replaces_body_year IS 'True: a staged body-year replaces every loaded row of it; false: a staged row replaces the loaded row of its key';
COMMENT ON COLUMN perf_eval.import_staging.duplicate_reason IS 'Reason of a duplicate; %s is the line it repeats';
COMMENT ON TABLE perf_eval.import_staging IS
'Staging tables of the input kinds: key, target table, how a staged row replaces loaded ones (docs/methodology.md §4.5)';

CREATE TABLE perf_eval.import_field (
    staging         text NOT NULL REFERENCES perf_eval.import_staging,
    field           text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('count', 'number', 'percent', 'fraction', 'nonnegative', 'boolean',
                                                  'month', 'code', 'word', 'text')),
    required        boolean NOT NULL DEFAULT false,
    missing_reason  text,
    target_column   text,
    default_value   text,
    PRIMARY KEY (staging, field)
);
COMMENT ON COLUMN perf_eval.import_field.staging IS 'Staging table of the field';
COMMENT ON COLUMN perf_eval.import_field.field IS 'Column of the staging table (body and year are checked for every table and not listed)';
COMMENT ON COLUMN perf_eval.import_field.kind IS 'count | number | percent | fraction | nonnegative | boolean | month: checked and typed; code (trimmed), word (trimmed, lower case), text (as loaded): not checked';
COMMENT ON COLUMN perf_eval.import_field.required IS 'True if an empty value is a problem';
COMMENT ON COLUMN perf_eval.import_field.missing_reason IS 'Reason reported for a missing required value; NULL: missing';
COMMENT ON COLUMN perf_eval.import_field.target_column IS 'Column of the target table; NULL: the same name';
COMMENT ON COLUMN perf_eval.import_field.default_value IS 'Value loaded for an empty optional field; NULL: NULL';
COMMENT ON TABLE perf_eval.import_field IS
'Every field of every staging table moved or checked by the import machinery, with its kind (docs/methodology.md §4.5)';

GRANT SELECT ON perf_eval.import_kind, perf_eval.import_staging, perf_eval.import_field TO perf_eval_reader;

-- Every problem of the staged rows of an input kind, in no particular order.
CREATE FUNCTION perf_eval.import_report(input_kind text)
RETURNS SETOF perf_eval.import_problem
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    staged text;
    rules text;
BEGIN
    SELECT string_agg(format('SELECT %L::text AS staging, row_number() OVER (ORDER BY s.line_no) AS line, s.line_no,'
                             ' s.body, s.year, to_jsonb(s) AS fields FROM perf_eval.%I AS s', st.staging, st.staging),
                      ' UNION ALL ' ORDER BY st.staging),
           min(k.rules)
    INTO staged, rules
    FROM perf_eval.import_staging AS st JOIN perf_eval.import_kind AS k ON k.input_kind = st.input_kind
    WHERE st.input_kind = $1;
    IF staged IS NULL THEN
        RAISE EXCEPTION 'unknown input kind %', coalesce($1, 'NULL')
            USING ERRCODE = '22023', HINT = 'perf_eval.import_kind lists the input kinds.';
    END IF;
    RETURN QUERY EXECUTE format($query$
        WITH staged AS (%s),
        keyed AS (
            SELECT s.staging, s.line,
                   array_to_string(st.key_columns, ', ') AS key_field, st.duplicate_reason,
                   min(s.line) OVER (PARTITION BY s.staging, k.key) AS first_line
            FROM staged AS s
            JOIN perf_eval.import_staging AS st ON st.staging = s.staging
            CROSS JOIN LATERAL (SELECT array_agg(trim(s.fields ->> c.name) ORDER BY c.n) AS key
                                FROM unnest(st.key_columns) WITH ORDINALITY AS c(name, n)) AS k
        ),
        problems AS (
            SELECT s.staging, s.line, 'body'::text AS field, 'unknown body code'::text AS reason
            FROM staged AS s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = trim(s.body))
            UNION ALL
            SELECT s.staging, s.line, 'year', 'year must be an integer'
            FROM staged AS s WHERE s.year IS NULL OR s.year !~ '^\s*[0-9]{4}\s*$'
            UNION ALL
            SELECT s.staging, s.line, f.field,
                   CASE WHEN p.reason = 'missing' THEN coalesce(f.missing_reason, p.reason) ELSE p.reason END
            FROM staged AS s
            JOIN perf_eval.import_field AS f ON f.staging = s.staging
            CROSS JOIN LATERAL (SELECT perf_eval.import_value_problem(s.fields ->> f.field, f.kind, f.required)
                                       AS reason) AS p
            WHERE p.reason IS NOT NULL
            UNION ALL
            SELECT d.staging, d.line, d.key_field, format(d.duplicate_reason, d.first_line)
            FROM keyed AS d WHERE d.first_line < d.line
            %s
        )
        SELECT p.staging, p.line, s.body, s.year, p.field, p.reason, s.line_no
        FROM problems AS p JOIN staged AS s ON s.staging = p.staging AND s.line = p.line
    $query$, staged,
    CASE WHEN rules IS NOT NULL
         THEN format('UNION ALL SELECT r.staging, s.line, r.field, r.reason FROM %s() AS r'
                     ' JOIN staged AS s ON s.staging = r.staging AND s.line_no = r.staging_id', rules)
         ELSE '' END);
END
$$;
COMMENT ON FUNCTION perf_eval.import_report(text) IS
'Every problem of the staged rows of an input kind (perf_eval.import_kind) as perf_eval.import_problem rows: unknown body, bad year, each declared field by its kind, duplicates of a key, then the kind''s rules (docs/methodology.md §4.5); empty when the staged rows can be accepted';

-- The refusal of an accept while the kind's report has rows: no row when it is empty.
CREATE FUNCTION perf_eval.import_refusal(input_kind text)
RETURNS TABLE (message text, hint text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format(k.refusal, n.problems),
           format('SELECT * FROM perf_eval.%s() lists them; nothing was loaded.', k.report)
    FROM perf_eval.import_kind AS k
    CROSS JOIN LATERAL (SELECT count(*) AS problems FROM perf_eval.import_report(k.input_kind)) AS n
    WHERE k.input_kind = $1 AND n.problems > 0
$$;
COMMENT ON FUNCTION perf_eval.import_refusal(text) IS
'The message and hint of a refused accept of an input kind while its report has rows; no row when it is empty';

-- The statement that moves one staging table's rows into its target table.
CREATE FUNCTION perf_eval.import_move_statement(staging text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH st AS (SELECT * FROM perf_eval.import_staging AS i WHERE i.staging = $1),
    moved AS (
        SELECT 'body' AS target_column, 'trim(s.body)' AS expression, 0 AS n
        UNION ALL SELECT 'year', 'trim(s.year)::integer', 0
        UNION ALL
        SELECT coalesce(f.target_column, f.field),
               CASE WHEN f.default_value IS NULL THEN e.expression
                    ELSE format('coalesce(%s, %L)', e.expression, f.default_value) END, 1
        FROM perf_eval.import_field AS f
        CROSS JOIN LATERAL (SELECT CASE
            WHEN f.kind IN ('count', 'month') THEN format('nullif(trim(s.%I), '''')::bigint', f.field)
            WHEN f.kind = 'boolean' THEN format('nullif(trim(s.%I), '''')::boolean', f.field)
            WHEN f.kind = 'code' THEN format('nullif(trim(s.%I), '''')', f.field)
            WHEN f.kind = 'word' THEN format('lower(nullif(trim(s.%I), ''''))', f.field)
            WHEN f.kind = 'text' THEN format('s.%I', f.field)
            ELSE format('nullif(trim(s.%I), '''')::numeric', f.field) END AS expression) AS e
        WHERE f.staging = $1
    ),
    -- on a conflict, the loaded row takes the staged values and its defaults (loaded_by, loaded_at)
    refreshed AS (
        SELECT format('%1$I = EXCLUDED.%1$I', m.target_column) AS assignment, m.n, m.target_column
        FROM moved AS m, st WHERE m.target_column <> ALL (st.key_columns)
        UNION ALL
        SELECT format('%I = DEFAULT', a.attname), 2, a.attname
        FROM st
        JOIN pg_catalog.pg_attribute AS a ON a.attrelid = format('perf_eval.%I', st.target)::regclass
        JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
          AND a.attname NOT IN (SELECT m.target_column FROM moved AS m)
    )
    SELECT format('INSERT INTO perf_eval.%I (%s) SELECT %s FROM perf_eval.%I AS s ORDER BY s.line_no',
                  st.target,
                  (SELECT string_agg(quote_ident(m.target_column), ', ' ORDER BY m.n, m.target_column) FROM moved AS m),
                  (SELECT string_agg(m.expression, ', ' ORDER BY m.n, m.target_column) FROM moved AS m), st.staging)
           || CASE WHEN st.replaces_body_year THEN ''
                   ELSE format(' ON CONFLICT (%s) DO UPDATE SET %s',
                               (SELECT string_agg(quote_ident(c), ', ') FROM unnest(st.key_columns) AS c),
                               (SELECT string_agg(r.assignment, ', ' ORDER BY r.n, r.target_column) FROM refreshed AS r))
              END
    FROM st
$$;
COMMENT ON FUNCTION perf_eval.import_move_statement(text) IS
'The INSERT that moves a staging table''s rows into its target table, typed by the fields'' kinds (an empty optional value: its default), replacing the loaded row of the same key unless the staging table replaces whole body-years';

-- Accept an input kind: refused (message and hint returned, nothing moved)
-- while its report has rows; otherwise a staged body-year or key replaces
-- the loaded one, and the staging tables are emptied. A procedure: it
-- writes, and is no part of a query.
CREATE OR REPLACE PROCEDURE perf_eval.import_accept(input_kind text, INOUT accepted bigint,
                                         INOUT refusal text DEFAULT NULL, INOUT hint text DEFAULT NULL)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    st record;
    preparation text;
    moved bigint;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    SELECT r.message, r.hint INTO refusal, hint FROM perf_eval.import_refusal(input_kind) AS r;
    IF refusal IS NOT NULL THEN
        RETURN;
    END IF;
    SELECT k.before_move INTO preparation FROM perf_eval.import_kind AS k WHERE k.input_kind = import_accept.input_kind;
    IF preparation IS NOT NULL THEN
        EXECUTE format('CALL %s()', preparation);
    END IF;
    accepted := 0;
    -- The rows a load replaces leave with the reason load in the inputs'
    -- history unless the caller says why (perf_eval.change_reason; the SET
    -- clause restores it on return).
    PERFORM pg_catalog.set_config('perf_eval.change_reason',
                                  coalesce(nullif(pg_catalog.current_setting('perf_eval.change_reason', true), ''), 'load'), true);
    FOR st IN SELECT i.staging, i.target, i.replaces_body_year FROM perf_eval.import_staging AS i
              WHERE i.input_kind = import_accept.input_kind ORDER BY i.move_order LOOP
        IF st.replaces_body_year THEN
            EXECUTE format('DELETE FROM perf_eval.%I AS t USING (SELECT DISTINCT trim(s.body) AS body,'
                           ' trim(s.year)::integer AS year FROM perf_eval.%I AS s) AS f'
                           ' WHERE t.body = f.body AND t.year = f.year', st.target, st.staging);
        END IF;
        EXECUTE perf_eval.import_move_statement(st.staging);
        GET DIAGNOSTICS moved = ROW_COUNT;
        accepted := accepted + moved;
    END LOOP;
    FOR st IN SELECT i.staging FROM perf_eval.import_staging AS i WHERE i.input_kind = import_accept.input_kind LOOP
        EXECUTE format('DELETE FROM perf_eval.%I', st.staging);
    END LOOP;
END
$$;
COMMENT ON PROCEDURE perf_eval.import_accept(text, bigint, text, text) IS
'Accepts the staged rows of an input kind: while perf_eval.import_report(kind) has rows, returns the refusal''s message and hint and moves nothing; otherwise moves every staging table into its target (a staged key or body-year replaces the loaded one), empties them and returns the rows moved';

-- The import machinery (27_import.sql) checks and moves both staging tables.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules) VALUES
('complaint_counts', 'complaint_counts_report', 'complaint_counts_staging has %s problems', 'perf_eval.complaint_counts_rules'),
('supplied_score', 'supplied_score_report', 'supplied_score_staging has %s problems', 'perf_eval.supplied_score_rules');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns) VALUES
('complaint_counts_staging', 'complaint_counts', 1, 'complaint_counts', '{body,year}'),
('supplied_score_staging', 'supplied_score', 1, 'supplied_score', '{body,year,node,methodology}');
INSERT INTO perf_eval.import_field (staging, field, kind, required, default_value) VALUES
('complaint_counts_staging', 'considered', 'count', true, NULL),
('complaint_counts_staging', 'late', 'count', true, NULL),
('complaint_counts_staging', 'court_satisfied', 'count', true, NULL),
('complaint_counts_staging', 'higher_authority_satisfied', 'count', false, '0'),
('complaint_counts_staging', 'repeated_satisfied', 'count', true, NULL),
('complaint_counts_staging', 'late_disciplined', 'count', true, NULL),
('complaint_counts_staging', 'source', 'text', false, NULL),
('supplied_score_staging', 'node', 'code', false, NULL),
('supplied_score_staging', 'methodology', 'code', false, NULL),
('supplied_score_staging', 'value', 'number', true, NULL),
('supplied_score_staging', 'basis_document', 'text', false, NULL),
('supplied_score_staging', 'note', 'text', false, NULL);

-- Complaint counts: a part must not exceed its whole.
CREATE FUNCTION perf_eval.complaint_counts_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'complaint_counts_staging', n.line_no, p.field, p.reason
    FROM (SELECT s.line_no,
                 perf_eval.count_or_null(s.considered) AS considered, perf_eval.count_or_null(s.late) AS late,
                 perf_eval.count_or_null(s.court_satisfied) AS court,
                 CASE WHEN nullif(trim(s.higher_authority_satisfied), '') IS NULL THEN 0
                      ELSE perf_eval.count_or_null(s.higher_authority_satisfied) END AS higher,
                 perf_eval.count_or_null(s.repeated_satisfied) AS repeated,
                 perf_eval.count_or_null(s.late_disciplined) AS disciplined
          FROM perf_eval.complaint_counts_staging AS s) AS n
    CROSS JOIN LATERAL (VALUES
        ('late', 'late count must not exceed considered count', n.late > n.considered),
        ('court_satisfied', 'court_satisfied plus higher_authority_satisfied must not exceed considered count',
         n.court + n.higher > n.considered),
        ('repeated_satisfied', 'repeated_satisfied count must not exceed considered count', n.repeated > n.considered),
        ('late_disciplined', 'late_disciplined count must not exceed late count', n.disciplined > n.late)
    ) AS p(field, reason, failed)
    WHERE p.failed
$$;
COMMENT ON FUNCTION perf_eval.complaint_counts_rules() IS
'The rules between the staged complaint counts (late, court plus higher authority, repeated <= considered; disciplined <= late) for perf_eval.import_report (docs/methodology.md §4.5)';

-- Supplied scores: a known node of the version, a known version, a value in [0, node maximum].
CREATE FUNCTION perf_eval.supplied_score_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT st.line_no, trim(st.body) AS body, nullif(trim(st.node), '') AS node,
               nullif(trim(st.methodology), '') AS methodology, perf_eval.numeric_or_null(st.value) AS value
        FROM perf_eval.supplied_score_staging AS st
    ),
    known AS (
        SELECT s.line_no, s.value, perf_eval.node_maximum(s.node, m.name, b.kind) AS maximum, m.name
        FROM s
        JOIN perf_eval.score_node AS n ON n.code = s.node
        JOIN perf_eval.methodology AS m ON m.name = coalesce(s.methodology, perf_eval.resolve_methodology(NULL))
        JOIN perf_eval.body AS b ON b.code = s.body
    )
    SELECT 'supplied_score_staging', s.line_no, 'node', 'unknown score node'
    FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.score_node AS n WHERE n.code = s.node)
    UNION ALL
    SELECT 'supplied_score_staging', s.line_no, 'methodology', 'unknown methodology'
    FROM s WHERE s.methodology IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = s.methodology)
    UNION ALL
    SELECT 'supplied_score_staging', k.line_no, 'node', 'node does not exist in methodology ' || k.name
    FROM known AS k WHERE k.maximum IS NULL
    UNION ALL
    SELECT 'supplied_score_staging', k.line_no, 'value', 'must lie between 0 and ' || k.maximum
    FROM known AS k WHERE k.value < 0 OR k.value > k.maximum
$$;
COMMENT ON FUNCTION perf_eval.supplied_score_rules() IS
'The rules of a staged supplied score (known node of the version, known version, value in [0, node maximum]) for perf_eval.import_report (docs/methodology.md §1.2)';

-- Goals are created or retitled from the staged rows before their indicators move.
CREATE PROCEDURE perf_eval.target_indicator_goals_move()
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    INSERT INTO perf_eval.goal AS g (body, year, goal_code, title)
    SELECT DISTINCT ON (trim(s.body), trim(s.year), trim(s.goal_code))
           trim(s.body), trim(s.year)::integer, trim(s.goal_code), s.goal_title
    FROM perf_eval.target_indicator_staging AS s
    ORDER BY trim(s.body), trim(s.year), trim(s.goal_code), (s.goal_title IS NULL), s.line_no
    ON CONFLICT (body, year, goal_code) DO UPDATE
        SET title = coalesce(EXCLUDED.title, g.title), loaded_by = current_user, loaded_at = now();
END
$$;
COMMENT ON PROCEDURE perf_eval.target_indicator_goals_move() IS
'Creates the goals of the staged target indicators or retitles them (a staged title, else the loaded one); run by perf_eval.import_accept before the indicators move';

-- The import machinery (27_import.sql) checks the file; a body-year in it
-- replaces the indicators loaded for it before.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules, before_move) VALUES
('target_indicator', 'target_indicator_report', 'target_indicator_staging has %s problems',
 'perf_eval.target_indicator_rules', 'perf_eval.target_indicator_goals_move');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns, replaces_body_year,
                                      duplicate_reason) VALUES
('target_indicator_staging', 'target_indicator', 1, 'target_indicator', '{body,year,indicator_code}', true,
 'duplicate indicator: same as line %s');
INSERT INTO perf_eval.import_field (staging, field, kind, required, missing_reason, target_column, default_value) VALUES
('target_indicator_staging', 'goal_code', 'code', true, 'goal code missing', NULL, NULL),
('target_indicator_staging', 'indicator_code', 'code', true, 'indicator code missing', NULL, NULL),
('target_indicator_staging', 'indicator_title', 'text', false, NULL, 'title', NULL),
('target_indicator_staging', 'unit', 'text', false, NULL, NULL, NULL),
('target_indicator_staging', 'direction', 'word', false, NULL, NULL, NULL),
('target_indicator_staging', 'plan', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'plan_original', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'fact', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'fact_previous', 'number', false, NULL, NULL, NULL),
('target_indicator_staging', 'fact_published', 'boolean', false, NULL, NULL, NULL),
('target_indicator_staging', 'indicator_level', 'word', false, NULL, NULL, 'national'),
('target_indicator_staging', 'source', 'text', false, NULL, NULL, NULL);

-- A staged indicator: a known level, and the rules of the table's trigger on the values that parsed.
CREATE FUNCTION perf_eval.target_indicator_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT 'target_indicator_staging', s.line_no, 'indicator_level',
           format('unknown level "%s" (known: national, regional)', s.indicator_level)
    FROM perf_eval.target_indicator_staging AS s
    WHERE lower(nullif(trim(s.indicator_level), '')) NOT IN ('national', 'regional')
    UNION ALL
    SELECT 'target_indicator_staging', s.line_no, pr.field, pr.message
    FROM perf_eval.target_indicator_staging AS s
    CROSS JOIN LATERAL perf_eval.target_indicator_problems(
        lower(nullif(trim(s.direction), '')), perf_eval.numeric_or_null(s.plan),
        perf_eval.numeric_or_null(s.plan_original), perf_eval.numeric_or_null(s.fact),
        perf_eval.numeric_or_null(s.fact_previous), perf_eval.boolean_or_null(s.fact_published)) AS pr
    -- a value that is there but did not parse is reported by its field's kind, not as missing
    WHERE NOT (pr.message LIKE '%missing%'
               AND nullif(trim(CASE pr.field WHEN 'plan' THEN s.plan WHEN 'fact' THEN s.fact
                                             WHEN 'fact_published' THEN s.fact_published END), '') IS NOT NULL)
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_rules() IS
'The rules of a staged target indicator (known level; direction, non-negative values, fact while published, as the table''s trigger) for perf_eval.import_report (docs/methodology.md §3.6)';

CREATE OR REPLACE FUNCTION perf_eval.target_indicator_report()
RETURNS TABLE (line bigint, body text, year text, indicator text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.line, p.body, p.year, s.indicator_code, p.field, p.reason, p.staging_id
    FROM perf_eval.import_report('target_indicator') AS p
    JOIN perf_eval.target_indicator_staging AS s ON s.line_no = p.staging_id
    ORDER BY p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_report() IS
'Every bad row of target_indicator_staging (line = the row''s position in the loaded file) with field and reason: unknown body, bad year, missing codes, non-numbers, unknown direction or level, negative values, fact missing while published, duplicate indicator (docs/methodology.md §3.6); empty when the file can be accepted';

-- The import machinery (27_import.sql) checks and moves the four files; a
-- staged body-year's Open NLA fulfilment replaces the loaded one.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules) VALUES
('interaction', 'interaction_inputs_report', 'interaction staging tables have %s problems',
 'perf_eval.interaction_input_rules');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns, replaces_body_year) VALUES
('service_counts_staging', 'interaction', 1, 'service_counts', '{body,year}', false),
('service_indicators_staging', 'interaction', 2, 'service_indicators', '{body,year}', false),
('openness_inputs_staging', 'interaction', 3, 'openness_inputs', '{body,year}', false),
('open_nla_fulfilment_staging', 'interaction', 4, 'open_nla_fulfilment', '{body,year,language,item}', true);
INSERT INTO perf_eval.import_field (staging, field, kind, required, default_value) VALUES
('service_counts_staging', 'deliveries', 'count', true, NULL),
('service_counts_staging', 'deadline_violations', 'count', true, NULL),
('service_counts_staging', 'unreasonable_refusals', 'count', true, NULL),
('service_counts_staging', 'incomplete_package', 'count', true, NULL),
('service_counts_staging', 'extra_documents', 'count', true, NULL),
('service_counts_staging', 'electronic', 'count', true, NULL),
('service_counts_staging', 'quality_appeals_justified', 'count', true, NULL),
('service_counts_staging', 'source', 'text', false, NULL),
('service_indicators_staging', 'satisfaction_percent', 'percent', false, NULL),
('service_indicators_staging', 'services_in_register', 'count', false, NULL),
('service_indicators_staging', 'services_electronic', 'count', false, NULL),
('service_indicators_staging', 'downtime_hours', 'nonnegative', false, NULL),
('service_indicators_staging', 'newly_automated', 'count', false, NULL),
('service_indicators_staging', 'source', 'text', false, NULL),
('openness_inputs_staging', 'open_data_published', 'count', true, NULL),
('openness_inputs_staging', 'open_data_required', 'count', true, NULL),
('openness_inputs_staging', 'budget_filling_percent', 'percent', true, NULL),
('openness_inputs_staging', 'blog_questions_received', 'count', true, NULL),
('openness_inputs_staging', 'blog_questions_answered', 'count', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_2', 'fraction', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_3', 'fraction', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_4', 'fraction', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_5', 'fraction', true, NULL),
('openness_inputs_staging', 'subordinates_total', 'count', false, '0'),
('openness_inputs_staging', 'subordinates_non_compliant', 'count', false, '0'),
('openness_inputs_staging', 'source', 'text', false, NULL),
('open_nla_fulfilment_staging', 'language', 'code', false, NULL),
('open_nla_fulfilment_staging', 'item', 'code', false, NULL),
('open_nla_fulfilment_staging', 'fulfilment', 'fraction', true, NULL);

-- The rules between staged interaction values (METHODOLOGY §4.5): part <= whole,
-- register and electronic services together, known Open NLA languages and items,
-- Open NLA rows only for a body-year with openness inputs.
CREATE FUNCTION perf_eval.interaction_input_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH known_item AS (
        SELECT DISTINCT regexp_replace(p.key, '^openness\.nla\.[a-z]+\.', '') AS item
        FROM perf_eval.methodology_param AS p WHERE p.key ~ '^openness\.nla\.(csb|leb|apa)\.'
    )
    SELECT 'service_counts_staging', c.line_no, p.field, p.field || ' must not exceed deliveries'
    FROM perf_eval.service_counts_staging AS c CROSS JOIN LATERAL (VALUES
        ('deadline_violations', c.deadline_violations), ('unreasonable_refusals', c.unreasonable_refusals),
        ('incomplete_package', c.incomplete_package), ('extra_documents', c.extra_documents),
        ('electronic', c.electronic), ('quality_appeals_justified', c.quality_appeals_justified)) AS p(field, value)
    WHERE perf_eval.count_or_null(p.value) > perf_eval.count_or_null(c.deliveries)
    UNION ALL
    SELECT 'service_indicators_staging', i.line_no, 'services_in_register, services_electronic',
           'give both services_in_register and services_electronic, or neither'
    FROM perf_eval.service_indicators_staging AS i
    WHERE (nullif(trim(i.services_in_register), '') IS NULL) <> (nullif(trim(i.services_electronic), '') IS NULL)
    UNION ALL
    SELECT 'service_indicators_staging', i.line_no, 'services_electronic',
           'services_electronic must not exceed services_in_register'
    FROM perf_eval.service_indicators_staging AS i
    WHERE perf_eval.count_or_null(i.services_electronic) > perf_eval.count_or_null(i.services_in_register)
    UNION ALL
    SELECT 'openness_inputs_staging', o.line_no, 'blog_questions_answered',
           'blog_questions_answered must not exceed blog_questions_received'
    FROM perf_eval.openness_inputs_staging AS o
    WHERE perf_eval.count_or_null(o.blog_questions_answered) > perf_eval.count_or_null(o.blog_questions_received)
    UNION ALL
    SELECT 'openness_inputs_staging', o.line_no, 'subordinates_non_compliant',
           'subordinates_non_compliant must not exceed subordinates_total'
    FROM perf_eval.openness_inputs_staging AS o
    WHERE coalesce(perf_eval.count_or_null(o.subordinates_non_compliant), 0)
          > coalesce(perf_eval.count_or_null(o.subordinates_total), 0)
    UNION ALL
    SELECT 'open_nla_fulfilment_staging', n.line_no, 'language', 'language must be kk or ru'
    FROM perf_eval.open_nla_fulfilment_staging AS n WHERE n.language IS NULL OR trim(n.language) NOT IN ('kk', 'ru')
    UNION ALL
    SELECT 'open_nla_fulfilment_staging', n.line_no, 'item',
           'unknown Open NLA item (known: ' || (SELECT string_agg(k.item, ', ' ORDER BY k.item) FROM known_item AS k) || ')'
    FROM perf_eval.open_nla_fulfilment_staging AS n
    WHERE NOT EXISTS (SELECT 1 FROM known_item AS k WHERE k.item = trim(n.item))
    UNION ALL
    SELECT 'open_nla_fulfilment_staging', n.line_no, 'body, year',
           'no openness inputs for this body and year (staged or loaded)'
    FROM perf_eval.open_nla_fulfilment_staging AS n
    WHERE NOT EXISTS (SELECT 1 FROM perf_eval.openness_inputs_staging AS o
                      WHERE trim(o.body) = trim(n.body) AND trim(o.year) = trim(n.year))
      AND NOT EXISTS (SELECT 1 FROM perf_eval.openness_inputs AS l
                      WHERE l.body = trim(n.body) AND l.year::text = trim(n.year))
$$;
COMMENT ON FUNCTION perf_eval.interaction_input_rules() IS
'The rules between staged interaction values (part <= whole, register and electronic services together, known Open NLA languages and items, Open NLA rows with their body-year) for perf_eval.import_report (docs/methodology.md §4.5)';

CREATE OR REPLACE FUNCTION perf_eval.interaction_inputs_report()
RETURNS TABLE (staging text, line bigint, body text, year text, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.staging, p.line, p.body, p.year, p.field, p.reason
    FROM perf_eval.import_report('interaction') AS p
    ORDER BY p.staging, p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.interaction_inputs_report() IS
'Every bad row of the four interaction staging tables with its file (staging table), line, field and reason: unknown body, bad year, counts, percentages 0..100, fulfilment 0..1, hours >= 0, part <= whole, register and electronic services together, known Open NLA items and languages, NLA rows without their body-year, duplicates (docs/methodology.md §4.5); empty when they can be accepted';

CREATE OR REPLACE FUNCTION perf_eval.accept_interaction_inputs()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    accepted bigint;
    refusal text;
    hint text;
BEGIN
    CALL perf_eval.import_accept('interaction', accepted, refusal, hint);
    IF refusal IS NOT NULL THEN
        RAISE EXCEPTION '%', refusal USING ERRCODE = '22023', HINT = hint;
    END IF;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_interaction_inputs() IS
'Moves the four interaction staging tables into their tables (a staged body-year replaces a loaded one, its Open NLA list included) only if perf_eval.interaction_inputs_report() is empty; returns the rows accepted';

-- The import machinery (27_import.sql) checks and moves the four files; a
-- staged body-year's list of systems replaces the loaded list.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules) VALUES
('orgdev', 'orgdev_inputs_report', 'orgdev staging tables have %s problems', 'perf_eval.orgdev_input_rules');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns, replaces_body_year) VALUES
('orgdev_hr_inputs_staging', 'orgdev', 1, 'orgdev_hr_inputs', '{body,year}', false),
('orgdev_headcount_month_staging', 'orgdev', 2, 'orgdev_headcount_month', '{body,year,month}', false),
('orgdev_it_inputs_staging', 'orgdev', 3, 'orgdev_it_inputs', '{body,year}', false),
('orgdev_information_system_staging', 'orgdev', 4, 'orgdev_information_system', '{body,year,system_code}', true);
INSERT INTO perf_eval.import_field (staging, field, kind, required, default_value) VALUES
('orgdev_hr_inputs_staging', 'left_management', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'left_other', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'average_management', 'nonnegative', false, NULL),
('orgdev_hr_inputs_staging', 'average_other', 'nonnegative', false, NULL),
('orgdev_hr_inputs_staging', 'long_tenure_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'exit_interview_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'women_leadership_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'qualified_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'overtime_free_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'working_conditions_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'management_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'advanced_training_due', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'advanced_training_done', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'retraining_due', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'retraining_done', 'count', true, NULL),
('orgdev_hr_inputs_staging', 'hr_strategy_approved', 'boolean', true, NULL),
('orgdev_hr_inputs_staging', 'ekyzmet_documents_per_servant', 'nonnegative', true, NULL),
('orgdev_hr_inputs_staging', 'observed_competitions_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'meritocracy_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'internal_promotion_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'incentives_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'ethics_survey_percent', 'percent', true, NULL),
('orgdev_hr_inputs_staging', 'source', 'text', false, NULL),
('orgdev_headcount_month_staging', 'month', 'month', true, NULL),
('orgdev_headcount_month_staging', 'management', 'count', true, NULL),
('orgdev_headcount_month_staging', 'other', 'count', true, NULL),
('orgdev_it_inputs_staging', 'integrations_planned', 'count', true, NULL),
('orgdev_it_inputs_staging', 'integrations_implemented', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_subject', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_non_automatable', 'count', false, '0'),
('orgdev_it_inputs_staging', 'functions_own_systems', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_service_model', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_other_bodies_systems', 'count', true, NULL),
('orgdev_it_inputs_staging', 'functions_third_party', 'count', true, NULL),
('orgdev_it_inputs_staging', 'has_it_unit', 'boolean', false, 'false'),
('orgdev_it_inputs_staging', 'local_content_percent', 'percent', false, NULL),
('orgdev_it_inputs_staging', 'source', 'text', false, NULL),
('orgdev_information_system_staging', 'system_code', 'code', true, NULL),
('orgdev_information_system_staging', 'registered_on_portal', 'boolean', true, NULL),
('orgdev_information_system_staging', 'relevance_level', 'fraction', true, NULL),
('orgdev_information_system_staging', 'unused', 'boolean', false, 'false');

-- Month-end counts of a body-year, staged or already loaded (a staged month replaces a loaded one).
CREATE FUNCTION perf_eval.orgdev_staged_month_counts()
RETURNS TABLE (body text, year text, months bigint, staff_months numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT x.body, x.year, count(*), sum(x.management) + sum(x.other)
    FROM (SELECT DISTINCT ON (m.body, m.year, m.month) m.body, m.year, m.month, m.management, m.other
          FROM (SELECT trim(ms.body) AS body, trim(ms.year) AS year, perf_eval.count_or_null(ms.month) AS month,
                       perf_eval.count_or_null(ms.management) AS management, perf_eval.count_or_null(ms.other) AS other,
                       0 AS priority
                FROM perf_eval.orgdev_headcount_month_staging AS ms
                UNION ALL
                SELECT l.body, l.year::text, l.month, l.management, l.other, 1
                FROM perf_eval.orgdev_headcount_month AS l) AS m
          WHERE m.month BETWEEN 1 AND 12
          ORDER BY m.body, m.year, m.month, m.priority) AS x
    GROUP BY x.body, x.year
$$;
COMMENT ON FUNCTION perf_eval.orgdev_staged_month_counts() IS
'Month-end headcounts per body and year, staged or loaded (a staged month replaces a loaded one): the number of months and the sum of both headcounts';

-- The rules between staged orgdev values (METHODOLOGY §5.5).
CREATE FUNCTION perf_eval.orgdev_input_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH hr AS (
        SELECT h.line_no, trim(h.body) AS body, trim(h.year) AS year,
               perf_eval.numeric_or_null(h.average_management) + perf_eval.numeric_or_null(h.average_other) AS b,
               nullif(trim(h.average_management), '') IS NULL AS b1_missing,
               nullif(trim(h.average_other), '') IS NULL AS b2_missing,
               perf_eval.count_or_null(h.advanced_training_due) AS due, perf_eval.count_or_null(h.advanced_training_done) AS done,
               perf_eval.count_or_null(h.retraining_due) AS re_due, perf_eval.count_or_null(h.retraining_done) AS re_done
        FROM perf_eval.orgdev_hr_inputs_staging AS h
    ),
    it AS (
        SELECT i.line_no,
               perf_eval.count_or_null(i.integrations_planned) AS planned,
               perf_eval.count_or_null(i.integrations_implemented) AS implemented,
               perf_eval.count_or_null(i.functions_subject) AS n,
               perf_eval.count_or_null(coalesce(nullif(trim(i.functions_non_automatable), ''), '0')) AS non_automatable,
               nullif(trim(i.local_content_percent), '') IS NULL AS local_content_missing,
               perf_eval.count_or_null(i.year) AS year_number
        FROM perf_eval.orgdev_it_inputs_staging AS i
    ),
    default_version AS (SELECT perf_eval.resolve_methodology(NULL) AS name)
    -- personnel: averages or 12 month-end counts, done <= due
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'average_management, average_other',
           'give both average headcounts or neither (then 12 month-end counts)'
    FROM hr AS t WHERE t.b1_missing <> t.b2_missing
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'average_management, average_other',
           'average headcounts b1 + b2 must be positive'
    FROM hr AS t WHERE t.b = 0
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'average_management, average_other',
           CASE WHEN mc.months IS NULL OR mc.months < 12
                THEN format('no average headcounts and %s of 12 month-end counts', coalesce(mc.months, 0))
                ELSE 'month-end headcounts must not all be 0' END
    FROM hr AS t
    LEFT JOIN perf_eval.orgdev_staged_month_counts() AS mc ON mc.body = t.body AND mc.year = t.year
    WHERE t.b1_missing AND t.b2_missing AND (mc.months IS NULL OR mc.months < 12 OR mc.staff_months = 0)
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'advanced_training_done',
           'advanced training done must not exceed advanced training due'
    FROM hr AS t WHERE t.done > t.due
    UNION ALL
    SELECT 'orgdev_hr_inputs_staging', t.line_no, 'retraining_done', 'retraining done must not exceed retraining due'
    FROM hr AS t WHERE t.re_done > t.re_due
    -- month-end headcounts and systems need their body-year's inputs, staged or loaded
    UNION ALL
    SELECT 'orgdev_headcount_month_staging', m.line_no, 'body, year',
           'no personnel inputs for this body and year (staged or loaded)'
    FROM perf_eval.orgdev_headcount_month_staging AS m
    WHERE NOT EXISTS (SELECT 1 FROM hr AS h WHERE h.body = trim(m.body) AND h.year = trim(m.year))
      AND NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_hr_inputs AS l
                      WHERE l.body = trim(m.body) AND l.year::text = trim(m.year))
    UNION ALL
    SELECT 'orgdev_information_system_staging', s.line_no, 'body, year',
           'no IT inputs for this body and year (staged or loaded)'
    FROM perf_eval.orgdev_information_system_staging AS s
    WHERE NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_it_inputs_staging AS i
                      WHERE trim(i.body) = trim(s.body) AND trim(i.year) = trim(s.year))
      AND NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_it_inputs AS l
                      WHERE l.body = trim(s.body) AND l.year::text = trim(s.year))
    -- information technology: implemented <= planned, non-automatable <= n, n > 0, local content
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'integrations_implemented',
           'implemented integrations must not exceed planned integrations'
    FROM it AS t WHERE t.implemented > t.planned
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'functions_non_automatable',
           'non-automatable functions must not exceed functions subject to automation'
    FROM it AS t WHERE t.non_automatable > t.n
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'functions_subject',
           CASE WHEN t.n = 0 THEN 'must be positive: automation is undefined without functions (n = 0)'
                ELSE 'every function is non-automatable: nothing is left when they are excluded (kz2020_apa)' END
    FROM it AS t WHERE t.n = 0 OR t.n = t.non_automatable
    UNION ALL
    SELECT 'orgdev_it_inputs_staging', t.line_no, 'local_content_percent',
           format('missing: the local-content criterion applies from %s (%s)',
                  perf_eval.param_text(dv.name, 'it.local_content_from_year'), dv.name)
    FROM it AS t CROSS JOIN default_version AS dv
    WHERE t.local_content_missing AND perf_eval.param_exists(dv.name, 'it.local_content_from_year')
      AND t.year_number >= perf_eval.param_numeric(dv.name, 'it.local_content_from_year')
$$;
COMMENT ON FUNCTION perf_eval.orgdev_input_rules() IS
'The rules between staged orgdev values (averages or 12 month-end counts, done <= due, rows with their body-year, implemented <= planned, non-automatable <= n, n > 0, local content from 2020) for perf_eval.import_report (docs/methodology.md §5.5)';

CREATE OR REPLACE FUNCTION perf_eval.orgdev_inputs_report()
RETURNS TABLE (staging text, line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.staging, p.line, p.body, p.year, p.field, p.reason, p.staging_id
    FROM perf_eval.import_report('orgdev') AS p
    ORDER BY p.staging, p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.orgdev_inputs_report() IS
'Every bad row of the four orgdev staging tables with its file (staging table), line, field and reason: unknown body, bad year, counts, percentages 0..100, levels 0..1, booleans, averages or 12 month-end counts, done <= due, implemented <= planned, non-automatable <= n, n > 0, local content from 2020, duplicates, rows without their body-year (docs/methodology.md §5.5); empty when they can be accepted';

-- The per-block helpers the machinery replaces.
DROP FUNCTION perf_eval.goals_is_boolean_text(text);
DROP FUNCTION perf_eval.interaction_numeric_or_null(text);
DROP FUNCTION perf_eval.interaction_field_problem(text, text, boolean);
DROP FUNCTION perf_eval.orgdev_boolean_or_null(text);
DROP FUNCTION perf_eval.orgdev_numeric_or_null(text);
DROP FUNCTION perf_eval.orgdev_field_problem(text, text, boolean);

-- Issue 15: the interaction and orgdev criteria split into functions of at most 120 lines;
-- their arithmetic (criterion sums, bonuses, W, rates and headcounts shown) in C kernels.

CREATE OR REPLACE FUNCTION perf_eval.service_rate_shown(count numeric, deliveries bigint, rate_base numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_rate_shown'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_rate_shown(numeric, bigint, numeric) IS
'A service rate as explanations show it: rate_base*count/deliveries rounded to 6 decimals; NULL without deliveries (the criteria kernels read the exact rational; docs/methodology.md §4.2)';

CREATE OR REPLACE FUNCTION perf_eval.hr_potential_score(c numeric, s numeric, v numeric, g numeric, p numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_indicator_points_sum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_potential_score(numeric, numeric, numeric, numeric, numeric) IS
'K = C + S + V + G + P, personnel potential, from its indicators'' points; kz2020_apa merges C and S into CS, passed as c with s = 0 (APA 2020 report §3.1; chapter 3 recommendations; docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.hr_labour_score(n numeric, t numeric, y numeric, u numeric,
                                          strategy_bonus numeric, ekyzmet_bonus numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_indicator_points_sum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_labour_score(numeric, numeric, numeric, numeric, numeric, numeric) IS
'O = N + T + Y + U + strategy bonus + E-kyzmet bonus, labour organisation, from its indicators'' points, raw (the score tree caps it at hr.pts_o) (APA 2020 report §3.1; docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.hr_meritocracy_score(a numeric, b numeric, c numeric, d numeric, e numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_indicator_points_sum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_meritocracy_score(numeric, numeric, numeric, numeric, numeric) IS
'M = A + B + C + D + E, meritocracy and organisational culture, from its indicators'' points (APA 2020 report §3.1; docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.presence_bonus(present boolean, pts numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_presence_bonus'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.presence_bonus(boolean, numeric) IS
'A bonus for something present: pts if present, else 0; the HR-strategy bonus of O (APA 2020 report §3.1) and the IT-division bonus of an akimat (Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3) (docs/methodology.md §5.2, §5.3)';

CREATE OR REPLACE FUNCTION perf_eval.hr_penalty_points(facts bigint[], points_each numeric[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_hr_penalty_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_penalty_points(bigint[], numeric[]) IS
'W = sum of facts[i]*points_each[i] over the penalty kinds of a body and year, positive points deducted from H (APA 2020 report §3.1; chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31; docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.training_shortfall(
    advanced_done bigint, advanced_due bigint, retraining_done bigint, retraining_due bigint)
RETURNS bigint
AS 'MODULE_PATHNAME', 'pe_training_shortfall'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.training_shortfall(bigint, bigint, bigint, bigint) IS
'(b - a) + (d - c): civil servants due but not trained on time, shown beside W as a cross-check of the training-violation facts; a <= b, c <= d (APA 2020 report, chapter 3 recommendations; docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.average_headcount_shown(month_ends bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_average_headcount_shown'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.average_headcount_shown(bigint[]) IS
'An average headcount b1 or b2 as explanations show it: the sum of the 12 month-end headcounts / 12, rounded to 6 decimals (t is computed from the unrounded sum) (APA 2020 report, chapter 3 recommendations; docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.criterion_explanation(
    methodology text, formula_id text, formula text, clause text, inputs jsonb, parameter_keys text[])
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object('formula', jsonb_build_object('id', $2, 'text', $3), 'clause', $4, 'inputs', $5,
                              'parameters', perf_eval.param_explanation($1, $6))
$$;
COMMENT ON FUNCTION perf_eval.criterion_explanation(text, text, text, text, jsonb, text[]) IS
'The explanation of a criterion: {formula: {id, text}, clause, inputs, parameters (the named parameters of the methodology with provenance)} (docs/methodology.md §9.4)';

CREATE OR REPLACE FUNCTION perf_eval.service_rates_shown(rate_base numeric, deliveries bigint, counts jsonb)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(jsonb_object_agg(c.key, CASE WHEN $2 > 0 THEN perf_eval.service_rate_shown(c.value::numeric, $2, $1) END), '{}')
    FROM jsonb_each($3) AS c
$$;
COMMENT ON FUNCTION perf_eval.service_rates_shown(numeric, bigint, jsonb) IS
'Counts as rates per rate_base deliveries, rounded to 6 decimals for explanations (NULL without deliveries)';

CREATE OR REPLACE FUNCTION perf_eval.service_satisfaction_criterion(
    k text, methodology text, counts_known boolean, deliveries bigint, quality_appeals_justified bigint,
    satisfaction_percent numeric, rate_base numeric, zero_volume text, inputs jsonb)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['services.' || k || '.pts_p1', 'services.' || k || '.pts_p2', 'services.satisfaction_scale',
                         'services.appeal_scale', 'services.rate_base', 'policy.zero_volume'];
    indicators jsonb;
BEGIN
    node := 'interaction.services.satisfaction';
    reason := CASE WHEN NOT counts_known THEN 'no_data: service counts'
                   WHEN satisfaction_percent IS NULL AND deliveries > 0 THEN 'no_data: satisfaction_percent' END;
    IF reason IS NULL THEN
        SELECT s.raw_value, s.reason INTO raw_value, reason
        FROM perf_eval.service_satisfaction_value(v, keys[1:4], deliveries, quality_appeals_justified,
                                                  satisfaction_percent, rate_base, zero_volume) AS s;
        indicators := jsonb_build_object(
            'P1', perf_eval.service_satisfaction_points(
                      coalesce(satisfaction_percent, 0), 0, deliveries, perf_eval.param_numeric(v, keys[1]), 0,
                      perf_eval.param_text(v, keys[3]), perf_eval.param_text(v, keys[4]), rate_base, zero_volume),
            'P2', perf_eval.service_rate_points(quality_appeals_justified, deliveries, perf_eval.param_numeric(v, keys[2]),
                      perf_eval.param_text(v, keys[4]), rate_base, zero_volume));
    END IF;
    explanation := perf_eval.criterion_explanation(v, CASE k WHEN 'csb' THEN 'K1' ELSE 'M1' END,
                       'P1 + P2 = pts_p1·scale(satisfaction %) + pts_p2·scale(justified quality appeals per 100 000 deliveries)',
                       'APA 2020 report §2.2, Table 2.2', inputs, keys)
                   || jsonb_build_object('indicators', indicators);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.service_satisfaction_criterion(text, text, boolean, bigint, bigint, numeric, numeric, text, jsonb) IS
'K1 (CSB, k = csb) or M1 (LEB, k = leb) of the kz2020 services direction, raw, with its explanation and indicators P1, P2; part of perf_eval.service_criteria (docs/methodology.md §4.2)';

CREATE OR REPLACE FUNCTION perf_eval.service_satisfaction_value(
    methodology text, keys text[], deliveries bigint, quality_appeals_justified bigint, satisfaction_percent numeric,
    rate_base numeric, zero_volume text)
RETURNS TABLE (raw_value numeric, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- With no deliveries the kernel does not read the percentage (zero volume, §0.6).
    SELECT p.points, CASE WHEN p.points IS NULL THEN 'zero_volume' END
    FROM (SELECT perf_eval.service_satisfaction_points(
                     coalesce(satisfaction_percent, 0), quality_appeals_justified, deliveries,
                     perf_eval.param_numeric(methodology, keys[1]), perf_eval.param_numeric(methodology, keys[2]),
                     perf_eval.param_text(methodology, keys[3]), perf_eval.param_text(methodology, keys[4]),
                     rate_base, zero_volume) AS points) AS p
$$;
COMMENT ON FUNCTION perf_eval.service_satisfaction_value(text, text[], bigint, bigint, numeric, numeric, text) IS
'Raw value (NULL with reason zero_volume without deliveries under policy null) of K1/M1 or the apa direction S, the parameters named by keys: pts_satisfaction, pts_appeal, satisfaction scale, appeal scale (docs/methodology.md §4.2)';

CREATE OR REPLACE FUNCTION perf_eval.service_quality_criterion(
    k text, methodology text, counts_known boolean, deliveries bigint, deadline_violations bigint,
    unreasonable_refusals bigint, incomplete_package bigint, extra_documents bigint,
    rate_base numeric, zero_volume text, inputs jsonb)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    apa boolean := perf_eval.param_exists(v, 'services.apa.pts_deadlines');
    -- the points, then the scales of T1-T4: keys[s + i] is the scale of Ti
    keys text[] := CASE WHEN apa THEN ARRAY['services.apa.pts_deadlines', 'services.apa.penalty_max_each']
                        ELSE ARRAY['services.' || k || '.pts_t1', 'services.' || k || '.pts_t2',
                                   'services.' || k || '.pts_t3', 'services.' || k || '.pts_t4'] END
                   || ARRAY['services.t1_scale', 'services.t2_scale', 'services.t3_scale', 'services.t4_scale',
                            'services.rate_base', 'policy.zero_volume'];
    s integer := CASE WHEN apa THEN 2 ELSE 4 END;
    indicators jsonb;
BEGIN
    node := 'interaction.services.quality';
    reason := CASE WHEN NOT counts_known THEN 'no_data: service counts' END;
    IF reason IS NULL THEN
        raw_value := CASE WHEN apa
            THEN perf_eval.service_quality_points_apa(
                     deadline_violations, unreasonable_refusals, incomplete_package, extra_documents, deliveries,
                     perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                     perf_eval.param_text(v, keys[3]), perf_eval.param_text(v, keys[4]),
                     perf_eval.param_text(v, keys[5]), perf_eval.param_text(v, keys[6]), rate_base, zero_volume)
            ELSE perf_eval.service_quality_points(
                     deadline_violations, unreasonable_refusals, incomplete_package, extra_documents, deliveries,
                     perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                     perf_eval.param_numeric(v, keys[3]), perf_eval.param_numeric(v, keys[4]),
                     perf_eval.param_text(v, keys[5]), perf_eval.param_text(v, keys[6]),
                     perf_eval.param_text(v, keys[7]), perf_eval.param_text(v, keys[8]), rate_base, zero_volume) END;
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
        -- Ti = pts_ti·scale(rate_i); apa: T1 with the points of deadlines, T2-T4 as penalties.
        SELECT jsonb_object_agg(CASE WHEN apa AND t.i > 1 THEN 'penalty_T' ELSE 'T' END || t.i,
                   CASE WHEN apa AND t.i > 1
                        THEN perf_eval.service_quality_penalty(t.count, deliveries, perf_eval.param_numeric(v, keys[2]),
                                 perf_eval.param_text(v, keys[s + t.i]), rate_base)
                        ELSE perf_eval.service_rate_points(t.count, deliveries, perf_eval.param_numeric(v, keys[t.i]),
                                 perf_eval.param_text(v, keys[s + t.i]), rate_base, zero_volume) END)
        INTO indicators
        FROM (VALUES (1, deadline_violations), (2, unreasonable_refusals), (3, incomplete_package),
                     (4, extra_documents)) AS t(i, count);
    END IF;
    explanation := CASE WHEN apa
        THEN perf_eval.criterion_explanation(v, 'K2''',
                 'max(0, pts_deadlines·scale(rate_T1) − Σ_{i=2..4} penalty_max_each·min(1, rate_i/zero_i))',
                 'APA 2020 report §2.5', inputs, keys)
        ELSE perf_eval.criterion_explanation(v, CASE k WHEN 'csb' THEN 'K2' ELSE 'M2' END,
                 'T1 + T2 + T3 + T4, Ti = pts_ti·scale(count_i per 100 000 deliveries)',
                 'APA 2020 report §2.2, Table 2.2', inputs, keys) END
        || jsonb_build_object('indicators', indicators);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.service_quality_criterion(text, text, boolean, bigint, bigint, bigint, bigint, bigint, numeric, text, jsonb) IS
'K2 (CSB, k = csb) or M2 (LEB, k = leb) of the kz2020 services direction with indicators T1-T4, or K2'' (kz2020_apa) with T1 and the penalties T2-T4, raw, with its explanation; part of perf_eval.service_criteria (docs/methodology.md §4.2)';

CREATE OR REPLACE FUNCTION perf_eval.service_automation_criterion(
    k text, methodology text, counts_known boolean, deliveries bigint, electronic bigint,
    services_in_register bigint, services_electronic bigint, downtime_hours numeric, newly_automated bigint,
    zero_volume text, inputs jsonb)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['services.k3.pts_transfer', 'services.k3.pts_efficiency', 'services.k3.downtime_per_hour',
                         'services.k3.downtime_cap', 'services.k3.bonus_per_service', 'services.k3.bonus_cap',
                         'services.' || k || '.pts_k3', 'policy.zero_volume'];
BEGIN
    node := 'interaction.services.automation';
    reason := CASE WHEN NOT counts_known THEN 'no_data: service counts'
                   WHEN services_in_register IS NULL OR downtime_hours IS NULL OR newly_automated IS NULL THEN
                       'no_data: ' || concat_ws(', ', CASE WHEN services_in_register IS NULL THEN 'services_in_register' END,
                                                CASE WHEN downtime_hours IS NULL THEN 'downtime_hours' END,
                                                CASE WHEN newly_automated IS NULL THEN 'newly_automated' END) END;
    IF reason IS NULL THEN
        raw_value := perf_eval.service_automation_points(
                         services_electronic, services_in_register, electronic, deliveries, downtime_hours, newly_automated,
                         perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                         perf_eval.param_numeric(v, keys[3]), perf_eval.param_numeric(v, keys[4]),
                         perf_eval.param_numeric(v, keys[5]), perf_eval.param_numeric(v, keys[6]),
                         perf_eval.param_numeric(v, keys[7]), zero_volume);
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    END IF;
    explanation := perf_eval.criterion_explanation(v, 'K3',
                       'min(pts_k3, max(0, pts_transfer·electronic/register services + pts_efficiency·electronic/all deliveries − min(downtime_cap, downtime_per_hour·hours) + min(bonus_cap, bonus_per_service·newly automated)))',
                       CASE WHEN k = 'leb' THEN 'APA 2020 report §2.2, Table 2.2; chapter 2 recommendations' ELSE 'APA 2020 report §2.2, Table 2.2' END,
                       inputs, keys);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.service_automation_criterion(text, text, boolean, bigint, bigint, bigint, bigint, numeric, bigint, text, jsonb) IS
'K3 of the services direction (CSBs; LEBs where the version gives them pts_k3), raw, with its explanation; part of perf_eval.service_criteria (docs/methodology.md §4.2)';

CREATE OR REPLACE FUNCTION perf_eval.service_criteria(
    kind text, methodology text,
    deliveries bigint, deadline_violations bigint, unreasonable_refusals bigint, incomplete_package bigint,
    extra_documents bigint, electronic bigint, quality_appeals_justified bigint,
    satisfaction_percent numeric, services_in_register bigint, services_electronic bigint,
    downtime_hours numeric, newly_automated bigint, source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- The criteria of the services direction of one body, raw (clamp none),
-- with the version's zero-volume policy:
--   kz2020      K1/M1 satisfaction + K2/M2 quality (+ K3 automation, CSB only)
--   kz2020_apa  K2' quality + K3 automation (CSB and LEB); satisfaction is
--               the separate direction S (satisfaction_direction)
-- Which criteria exist is read from the version; a criterion whose inputs
-- are missing is a NULL row with reason no_data. The counts are the columns
-- of perf_eval.service_tally, whatever their source.
DECLARE
    v text := methodology;
    k text;
    apa boolean;
    zero_volume text;
    rate_base numeric;
    counts_known boolean := deliveries IS NOT NULL AND deadline_violations IS NOT NULL
        AND unreasonable_refusals IS NOT NULL AND incomplete_package IS NOT NULL AND extra_documents IS NOT NULL
        AND electronic IS NOT NULL AND quality_appeals_justified IS NOT NULL;
    inputs jsonb;
BEGIN
    IF kind IS NULL OR kind NOT IN ('CSB', 'LEB') THEN
        RAISE EXCEPTION 'unknown body kind "%"', coalesce(kind, '')
            USING ERRCODE = '22023', HINT = 'Body kinds are CSB and LEB (docs/methodology.md §1.1).';
    END IF;
    k := lower(kind);
    IF perf_eval.param_text(v, 'services.mode') <> 'computed' THEN
        RETURN;  -- kz2017: the services direction is supplied (METHODOLOGY §2.4)
    END IF;
    apa := perf_eval.param_exists(v, 'services.apa.pts_deadlines');
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');
    rate_base := perf_eval.param_numeric(v, 'services.rate_base');
    inputs := jsonb_build_object(
        'deliveries', deliveries, 'deadline_violations', deadline_violations,
        'unreasonable_refusals', unreasonable_refusals, 'incomplete_package', incomplete_package,
        'extra_documents', extra_documents, 'electronic_deliveries', electronic,
        'quality_appeals_justified', quality_appeals_justified,
        'rates_per_rate_base', CASE WHEN counts_known THEN perf_eval.service_rates_shown(rate_base, deliveries,
            jsonb_build_object('deadline_violations', deadline_violations, 'unreasonable_refusals', unreasonable_refusals,
                               'incomplete_package', incomplete_package, 'extra_documents', extra_documents,
                               'quality_appeals_justified', quality_appeals_justified)) END,
        'satisfaction_percent', satisfaction_percent, 'services_in_register', services_in_register,
        'services_electronic', services_electronic, 'downtime_hours', downtime_hours,
        'newly_automated', newly_automated, 'kind', kind, 'source', source);

    IF NOT apa THEN  -- K1 / M1; in kz2020_apa satisfaction is the direction S
        RETURN QUERY SELECT * FROM perf_eval.service_satisfaction_criterion(
            k, v, counts_known, deliveries, quality_appeals_justified, satisfaction_percent, rate_base, zero_volume,
            inputs);
    END IF;
    RETURN QUERY SELECT * FROM perf_eval.service_quality_criterion(
        k, v, counts_known, deliveries, deadline_violations, unreasonable_refusals, incomplete_package,
        extra_documents, rate_base, zero_volume, inputs);
    IF perf_eval.param_exists(v, 'services.' || k || '.pts_k3') THEN
        RETURN QUERY SELECT * FROM perf_eval.service_automation_criterion(
            k, v, counts_known, deliveries, electronic, services_in_register, services_electronic, downtime_hours,
            newly_automated, zero_volume, inputs);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.service_criteria(text, text, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, numeric, bigint, text) IS
'Raw criteria of the public-services direction of one body (kind CSB or LEB) under a methodology, from its service counts (columns of service_tally) and indicators, with explanations: K1/M1, K2/M2, K3 (kz2020; LEBs have no K3) or K2'', K3 (kz2020_apa) (docs/methodology.md §4.2)';

CREATE OR REPLACE FUNCTION perf_eval.one_time_acceptance_criterion(
    methodology text, deliveries bigint, extra_documents bigint, source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['complaints.one_time_acceptance.pts', 'complaints.one_time_acceptance.scale',
                         'services.rate_base', 'policy.zero_volume'];
    rate_base numeric;
BEGIN
    IF NOT perf_eval.param_exists(v, 'complaints.one_time_acceptance.pts') THEN
        RETURN;
    END IF;
    rate_base := perf_eval.param_numeric(v, 'services.rate_base');
    node := 'interaction.complaints.one_time_acceptance';
    reason := CASE WHEN deliveries IS NULL OR extra_documents IS NULL THEN 'no_data: service counts' END;
    IF reason IS NULL THEN
        raw_value := perf_eval.service_rate_points(extra_documents, deliveries, perf_eval.param_numeric(v, keys[1]),
                         perf_eval.param_text(v, keys[2]), rate_base, perf_eval.param_text(v, 'policy.zero_volume'));
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    END IF;
    explanation := perf_eval.criterion_explanation(v, 'one_time_acceptance',
        'pts·scale(extra-document requests per 100 000 deliveries)', 'APA 2020 report, chapter 2 recommendations',
        jsonb_build_object('deliveries', deliveries, 'extra_documents', extra_documents, 'source', source,
                           'rates_per_rate_base', perf_eval.service_rates_shown(rate_base, deliveries,
                               jsonb_build_object('extra_documents', extra_documents))),
        keys);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.one_time_acceptance_criterion(text, bigint, bigint, text) IS
'The kz2020_apa complaints criterion one-time acceptance of documents: pts·scale(extra-document requests per 100 000 deliveries), raw, with its explanation; no row under versions without it (docs/methodology.md §4.4)';

CREATE OR REPLACE FUNCTION perf_eval.open_nla_criterion(body text, year integer, methodology text, k text)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    prefix text;
    languages numeric := perf_eval.param_numeric(v, 'openness.nla.languages');
    rescale boolean := perf_eval.param_exists(v, 'openness.nla_rescale_to');
    missing text;
    surplus text;
    item_points numeric[];
    fulfilment numeric[];
    keys text[];
BEGIN
    prefix := CASE WHEN EXISTS (SELECT 1 FROM perf_eval.methodology_param AS p
                                WHERE p.methodology = v AND starts_with(p.key, 'openness.nla.apa.'))
                   THEN 'openness.nla.apa.' ELSE 'openness.nla.' || k || '.' END;
    WITH item AS (
        SELECT substr(p.key, length(prefix) + 1) AS item, p.value::numeric AS points, p.key
        FROM perf_eval.methodology_param AS p
        WHERE p.methodology = v AND starts_with(p.key, prefix)
    ),
    given AS (
        SELECT i.item, i.points, count(f.language) AS languages_given
        FROM item AS i
        LEFT JOIN perf_eval.open_nla_fulfilment AS f
               ON f.body = open_nla_criterion.body AND f.year = open_nla_criterion.year AND f.item = i.item
        GROUP BY i.item, i.points
    )
    SELECT string_agg(g.item, ', ' ORDER BY g.item) FILTER (WHERE g.points > 0 AND g.languages_given < languages),
           string_agg(g.item, ', ' ORDER BY g.item) FILTER (WHERE g.languages_given > languages),
           (SELECT array_agg(p.key ORDER BY p.key) FROM item AS p)
    INTO missing, surplus, keys
    FROM given AS g;
    IF surplus IS NOT NULL THEN
        RAISE EXCEPTION 'open NLA fulfilment has more languages than the version scores'
            USING ERRCODE = '22023',
                  DETAIL = format('Items %s have more than %s languages.', surplus, languages),
                  HINT = 'openness.nla.languages, APA 2020 report §2.5, Table 2.8 (docs/methodology.md §4.3).';
    END IF;
    keys := keys || ARRAY['openness.nla.languages'] || CASE WHEN rescale THEN ARRAY['openness.nla_rescale_to'] ELSE '{}' END;
    node := 'interaction.openness.open_nla';
    reason := CASE WHEN missing IS NOT NULL THEN 'no_data: open NLA fulfilment of ' || missing END;
    IF reason IS NULL THEN
        SELECT array_agg(p.value::numeric ORDER BY f.language, f.item), array_agg(f.fulfilment ORDER BY f.language, f.item)
        INTO item_points, fulfilment
        FROM perf_eval.open_nla_fulfilment AS f
        JOIN perf_eval.methodology_param AS p ON p.methodology = v AND p.key = prefix || f.item
        WHERE f.body = open_nla_criterion.body AND f.year = open_nla_criterion.year;
        raw_value := CASE WHEN rescale
                          THEN perf_eval.open_nla_points(coalesce(item_points, '{}'), coalesce(fulfilment, '{}'),
                                                         perf_eval.param_numeric(v, 'openness.nla_rescale_to'))
                          ELSE perf_eval.open_nla_points(coalesce(item_points, '{}'), coalesce(fulfilment, '{}')) END;
    END IF;
    explanation := perf_eval.criterion_explanation(v, 'open_nla',
        CASE WHEN rescale THEN 'rescale_to·Σ item_points·fulfilment / Σ item_points (per language and item)'
             ELSE 'Σ item_points·fulfilment (per language and item)' END,
        CASE WHEN rescale THEN 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations; docs/methodology.md §8 E5'
             ELSE 'APA 2020 report §2.5, Table 2.8' END,
        (SELECT coalesce(jsonb_object_agg(f.language || '.' || f.item, f.fulfilment), '{}')
         FROM perf_eval.open_nla_fulfilment AS f
         WHERE f.body = open_nla_criterion.body AND f.year = open_nla_criterion.year),
        keys);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.open_nla_criterion(text, integer, text, text) IS
'Open NLA of one body and year (k = csb or leb: the kind''s items, or the apa items rescaled), raw, from open_nla_fulfilment, with its explanation; part of perf_eval.openness_criteria (docs/methodology.md §4.3)';

CREATE OR REPLACE FUNCTION perf_eval.openness_criteria(body text, year integer, methodology text)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- open data + open budget + open NLA + open dialogue − subordinate deduction,
-- each raw; the direction (a sum node) is clamped by the engine's policy.
DECLARE
    v text := methodology;
    o perf_eval.openness_inputs;
    k text;
    zero_volume text;
    pts numeric;
BEGIN
    IF perf_eval.param_text(v, 'openness.mode') <> 'computed' THEN
        RETURN;  -- kz2017: openness is supplied (METHODOLOGY §2.4)
    END IF;
    SELECT * INTO o FROM perf_eval.openness_inputs AS i
    WHERE i.body = openness_criteria.body AND i.year = openness_criteria.year;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT lower(b.kind) INTO k FROM perf_eval.body AS b WHERE b.code = openness_criteria.body;
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');
    pts := perf_eval.param_numeric(v, 'openness.pts_criterion');

    node := 'interaction.openness.open_data';
    raw_value := perf_eval.open_data_points(o.open_data_published, o.open_data_required, pts, zero_volume);
    reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    explanation := perf_eval.criterion_explanation(v, 'open_data', 'pts_criterion·min(1, published/required data sets)',
        'APA 2020 report §2.2',
        jsonb_build_object('published', o.open_data_published, 'required', o.open_data_required, 'source', o.source),
        ARRAY['openness.pts_criterion', 'policy.zero_volume']);
    RETURN NEXT;

    node := 'interaction.openness.open_budget';
    raw_value := perf_eval.open_budget_points(o.budget_filling_percent, pts);
    reason := NULL;
    explanation := perf_eval.criterion_explanation(v, 'open_budget', 'pts_criterion·filling %/100', 'APA 2020 report §2.2',
        jsonb_build_object('filling_percent', o.budget_filling_percent, 'source', o.source),
        ARRAY['openness.pts_criterion']);
    RETURN NEXT;

    RETURN QUERY SELECT * FROM perf_eval.open_nla_criterion(openness_criteria.body, openness_criteria.year, v, k);

    -- open dialogue: the blog-answer share and the four other indicators.
    IF perf_eval.param_numeric(v, 'openness.dialogue_count') <> 5 THEN
        RAISE EXCEPTION 'openness.dialogue_count must be 5'
            USING ERRCODE = '22023',
                  DETAIL = format('Methodology %s has %s; openness_inputs holds the blog answers and dialogue indicators 2-5.',
                                  v, perf_eval.param_text(v, 'openness.dialogue_count')),
                  HINT = 'Open dialogue has 5 indicators, APA 2020 report §2.4 (docs/methodology.md §4.3).';
    END IF;
    node := 'interaction.openness.open_dialogue';
    raw_value := perf_eval.open_dialogue_points(o.blog_questions_answered, o.blog_questions_received,
                     ARRAY[o.dialogue_indicator_2, o.dialogue_indicator_3, o.dialogue_indicator_4, o.dialogue_indicator_5],
                     perf_eval.param_numeric(v, 'openness.dialogue_pts_each'), zero_volume);
    reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    explanation := perf_eval.criterion_explanation(v, 'open_dialogue',
        'pts_each·(answered/received blog questions + indicators 2..5)', 'APA 2020 report §2.4',
        jsonb_build_object('blog_questions_received', o.blog_questions_received,
                           'blog_questions_answered', o.blog_questions_answered,
                           'indicators_2_5', jsonb_build_array(o.dialogue_indicator_2, o.dialogue_indicator_3,
                                                               o.dialogue_indicator_4, o.dialogue_indicator_5),
                           'source', o.source),
        ARRAY['openness.dialogue_pts_each', 'openness.dialogue_count', 'policy.zero_volume']);
    RETURN NEXT;

    -- subordinate organisations: a deduction (sign −1 in the score tree).
    node := 'interaction.openness.subordinate_deduction';
    raw_value := perf_eval.subordinate_openness_deduction(o.subordinates_non_compliant, o.subordinates_total,
                     perf_eval.param_numeric(v, 'openness.subordinate_deduction_max'));
    reason := NULL;
    explanation := perf_eval.criterion_explanation(v, 'subordinate_deduction',
        'deduction_max·non-compliant/total subordinate organisations (0 without subordinates)',
        'APA 2020 report §2.2; docs/methodology.md §8 E3',
        jsonb_build_object('subordinates_total', o.subordinates_total,
                           'subordinates_non_compliant', o.subordinates_non_compliant, 'source', o.source),
        ARRAY['openness.subordinate_deduction_max']);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.openness_criteria(text, integer, text) IS
'Raw openness criteria of one body and year under a methodology, from openness_inputs and open_nla_fulfilment, with explanations: open data, open budget, open NLA (kind items, or the apa items rescaled), open dialogue, subordinate deduction (docs/methodology.md §4.3)';

CREATE OR REPLACE FUNCTION perf_eval.indicator_shown(symbol text, name text, points numeric, formula text, clause text)
RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF points IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'points must be a finite number'
            USING ERRCODE = '22023', DETAIL = 'NaN and infinity are not valid methodology inputs.',
                  HINT = 'docs/methodology.md §0.1: every score, ratio and parameter is a finite numeric.';
    END IF;
    RETURN jsonb_build_object('symbol', symbol, 'name', name, 'points', points, 'formula', formula, 'clause', clause);
END
$$;
COMMENT ON FUNCTION perf_eval.indicator_shown(text, text, numeric, text, text) IS
'One indicator of a criterion as an explanation lists it: {symbol, name, points, formula, clause} (docs/methodology.md §9.4)';

CREATE OR REPLACE FUNCTION perf_eval.hr_potential_criterion(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    -- kz2020_apa merges C and S: CS = 15*C/10 (seed 000 lines 3538-3546)
    merged boolean := perf_eval.param_exists(v, 'hr.pts_turnover_stability');
    variant text := perf_eval.param_text(v, 'hr.turnover.variant');
    denominator_key text := CASE WHEN variant = 'continuous' THEN 'hr.turnover.denominator_continuous'
                                 ELSE 'hr.turnover.denominator' END;
    management_months bigint[];
    other_months bigint[];
    staff jsonb;
    t numeric;
    c numeric;
    s numeric;
    exit_interview numeric;
    gender numeric;
    quality numeric;
BEGIN
    -- hr_criteria calls it for a body and year with personnel inputs.
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_potential_criterion.body AND i.year = hr_potential_criterion.year;
    -- C: t from the averages, else from the 12 month-end counts (one division either way).
    IF h.average_management IS NOT NULL THEN
        t := perf_eval.net_turnover_ratio(h.left_management, h.left_other, h.average_management, h.average_other);
        staff := jsonb_build_object('b1', h.average_management, 'b2', h.average_other, 'headcounts', 'averages');
    ELSE
        SELECT array_agg(m.management ORDER BY m.month), array_agg(m.other ORDER BY m.month)
        INTO management_months, other_months
        FROM perf_eval.orgdev_headcount_month AS m
        WHERE m.body = h.body AND m.year = h.year;
        t := perf_eval.net_turnover_ratio_from_months(h.left_management, h.left_other,
                 coalesce(management_months, '{}'), coalesce(other_months, '{}'));
        staff := jsonb_build_object(
            'b1', perf_eval.average_headcount_shown(management_months),
            'b2', perf_eval.average_headcount_shown(other_months),
            'headcounts', '12 month-end counts / 12 (b1, b2 shown to 6 decimals)',
            'management_month_ends', to_jsonb(management_months), 'other_month_ends', to_jsonb(other_months));
    END IF;
    c := perf_eval.net_turnover_score(t, variant,
             perf_eval.param_numeric(v, CASE WHEN merged THEN 'hr.pts_turnover_stability' ELSE 'hr.turnover.pts' END),
             perf_eval.param_numeric(v, 'hr.turnover.lower'), perf_eval.param_numeric(v, 'hr.turnover.upper'),
             perf_eval.param_numeric(v, denominator_key));
    IF NOT merged THEN
        s := perf_eval.percentage_points(h.long_tenure_percent, perf_eval.param_numeric(v, 'hr.pts_stability'),
                                         perf_eval.param_text(v, 'hr.stability_scale'));
    END IF;
    exit_interview := perf_eval.percentage_points(h.exit_interview_percent,
                          perf_eval.param_numeric(v, 'hr.pts_exit_interview'), perf_eval.param_text(v, 'hr.exit_interview_scale'));
    gender := perf_eval.percentage_points(h.women_leadership_percent,
                  perf_eval.param_numeric(v, 'hr.pts_gender'), perf_eval.param_text(v, 'hr.gender_scale'));
    quality := perf_eval.percentage_points(h.qualified_percent,
                   perf_eval.param_numeric(v, 'hr.pts_quality'), perf_eval.param_text(v, 'hr.quality_scale'));

    RETURN ROW(h.body, 'orgdev.hr.potential', perf_eval.hr_potential_score(c, coalesce(s, 0), exit_interview, gender, quality),
        NULL,
        perf_eval.criterion_explanation(v, 'K', CASE WHEN merged THEN 'K = CS + V + G + P' ELSE 'K = C + S + V + G + P' END,
            CASE WHEN merged THEN 'APA 2020 report, chapter 3 recommendations' ELSE 'APA 2020 report §3.1' END,
            jsonb_build_object('a1', h.left_management, 'a2', h.left_other, 't', t, 'variant', variant,
                               'long_tenure_percent', h.long_tenure_percent,
                               'exit_interview_percent', h.exit_interview_percent,
                               'women_leadership_percent', h.women_leadership_percent,
                               'qualified_percent', h.qualified_percent) || staff,
            ARRAY['hr.pts_k', 'hr.turnover.variant', 'hr.turnover.pts', 'hr.pts_turnover_stability', 'hr.turnover.lower',
                  'hr.turnover.upper', denominator_key, 'hr.pts_stability', 'hr.stability_scale', 'hr.pts_exit_interview',
                  'hr.exit_interview_scale', 'hr.pts_gender', 'hr.gender_scale', 'hr.pts_quality', 'hr.quality_scale'])
        || jsonb_build_object('indicators', jsonb_build_array(
            perf_eval.indicator_shown(CASE WHEN merged THEN 'CS' ELSE 'C' END,
                CASE WHEN merged THEN 'net turnover and stability (merged)' ELSE 'net staff turnover' END, c,
                't = (a1 + a2)/(b1 + b2); pts if t <= lower, 0 if t >= upper, else pts·(upper − t)/denominator',
                'APA 2020 report, chapter 3 recommendations'),
            perf_eval.indicator_shown('S', 'staff stability (% over 3 years in the body)', s,
                CASE WHEN merged THEN 'merged into CS' ELSE 'pts·scale(%)' END,
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 14; paragraph 8, sub-paragraph 5'),
            perf_eval.indicator_shown('V', 'exit interview (% of leavers)', exit_interview, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 32'),
            perf_eval.indicator_shown('G', 'gender composition (% women in leadership)', gender, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 8'),
            perf_eval.indicator_shown('P', 'qualitative composition (% with a degree or foreign education)', quality,
                'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 17; paragraph 8, sub-paragraph 7'))))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_potential_criterion(text, integer, text) IS
'Raw K = C + S + V + G + P (kz2020_apa: CS + V + G + P) of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with its explanation and indicators; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.hr_labour_criterion(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    survey text := perf_eval.param_text(v, 'hr.survey_scale');
    normalisation numeric;
    satisfaction numeric;
    management numeric;
    training numeric;
    strategy numeric;
    ekyzmet numeric;
BEGIN
    -- hr_criteria calls it for a body and year with personnel inputs.
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_labour_criterion.body AND i.year = hr_labour_criterion.year;
    normalisation := perf_eval.percentage_points(h.overtime_free_percent,
                         perf_eval.param_numeric(v, 'hr.pts_normalisation'), perf_eval.param_text(v, 'hr.normalisation_scale'));
    satisfaction := perf_eval.percentage_points(h.working_conditions_survey_percent,
                        perf_eval.param_numeric(v, 'hr.pts_satisfaction'), survey);
    management := perf_eval.percentage_points(h.management_survey_percent,
                      perf_eval.param_numeric(v, 'hr.pts_management'), survey);
    training := perf_eval.training_score(h.advanced_training_done, h.advanced_training_due,
                    h.retraining_done, h.retraining_due, perf_eval.param_numeric(v, 'hr.training.k'),
                    perf_eval.param_numeric(v, 'hr.training.w_advanced'),
                    perf_eval.param_numeric(v, 'hr.training.w_retraining'),
                    perf_eval.param_numeric(v, 'hr.training.empty_ratio'));
    strategy := perf_eval.presence_bonus(h.hr_strategy_approved, perf_eval.param_numeric(v, 'hr.bonus_strategy'));
    ekyzmet := perf_eval.ekyzmet_bonus(h.ekyzmet_documents_per_servant, perf_eval.param_numeric(v, 'hr.ekyzmet_target'),
                                       perf_eval.param_numeric(v, 'hr.bonus_ekyzmet'));
    RETURN ROW(h.body, 'orgdev.hr.labour',
        perf_eval.hr_labour_score(normalisation, satisfaction, management, training, strategy, ekyzmet), NULL,
        perf_eval.criterion_explanation(v, 'O', 'O = N + T + Y + U + S + E (capped at the maximum by the clamp)',
            'APA 2020 report §3.1',
            jsonb_build_object('overtime_free_percent', h.overtime_free_percent,
                               'working_conditions_survey_percent', h.working_conditions_survey_percent,
                               'management_survey_percent', h.management_survey_percent,
                               'a', h.advanced_training_done, 'b', h.advanced_training_due,
                               'c', h.retraining_done, 'd', h.retraining_due,
                               'hr_strategy_approved', h.hr_strategy_approved,
                               'ekyzmet_documents_per_servant', h.ekyzmet_documents_per_servant),
            ARRAY['hr.pts_o', 'hr.pts_normalisation', 'hr.normalisation_scale', 'hr.pts_satisfaction', 'hr.pts_management',
                  'hr.survey_scale', 'hr.training.k', 'hr.training.w_advanced', 'hr.training.w_retraining',
                  'hr.training.empty_ratio', 'hr.bonus_strategy', 'hr.bonus_ekyzmet', 'hr.ekyzmet_target'])
        || jsonb_build_object('indicators', jsonb_build_array(
            perf_eval.indicator_shown('N', 'labour normalisation (% without overtime)', normalisation, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 12'),
            perf_eval.indicator_shown('T', 'satisfaction with working conditions (survey %)', satisfaction, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 11'),
            perf_eval.indicator_shown('Y', 'management practices (survey %)', management, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 20'),
            perf_eval.indicator_shown('U', 'training of civil servants', training,
                'k·(w_a·a/b + w_r·c/d); a/b := 1 if b = 0, c/d := 1 if d = 0', 'APA 2020 report, chapter 3 recommendations'),
            perf_eval.indicator_shown('S', 'strategic workforce planning (bonus)', strategy,
                'bonus if an approved HR strategy exists',
                'APA 2020 report §3.1; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 29'),
            perf_eval.indicator_shown('E', 'use of E-kyzmet (bonus)', ekyzmet,
                'bonus·min(1, documents per servant / target)', 'APA 2020 report §3.1; §3.4'))))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_labour_criterion(text, integer, text) IS
'Raw O = N + T + Y + U + strategy bonus + E-kyzmet bonus of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with its explanation and indicators; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.hr_meritocracy_criterion(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    survey text := perf_eval.param_text(v, 'hr.survey_scale');
    each_m numeric := perf_eval.param_numeric(v, 'hr.pts_m_each');
    tender numeric;
    meritocracy numeric;
    career numeric;
    incentives numeric;
    ethics numeric;
BEGIN
    -- hr_criteria calls it for a body and year with personnel inputs.
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_meritocracy_criterion.body AND i.year = hr_meritocracy_criterion.year;
    tender := perf_eval.percentage_points(h.observed_competitions_percent, each_m, perf_eval.param_text(v, 'hr.tender_scale'));
    meritocracy := perf_eval.percentage_points(h.meritocracy_survey_percent, each_m, survey);
    career := perf_eval.percentage_points(h.internal_promotion_percent, each_m, perf_eval.param_text(v, 'hr.career_scale'));
    incentives := perf_eval.percentage_points(h.incentives_survey_percent, each_m, survey);
    ethics := perf_eval.percentage_points(h.ethics_survey_percent, each_m, survey);
    RETURN ROW(h.body, 'orgdev.hr.meritocracy',
        perf_eval.hr_meritocracy_score(tender, meritocracy, career, incentives, ethics), NULL,
        perf_eval.criterion_explanation(v, 'M', 'M = A + B + C + D + E', 'APA 2020 report §3.1',
            jsonb_build_object('observed_competitions_percent', h.observed_competitions_percent,
                               'meritocracy_survey_percent', h.meritocracy_survey_percent,
                               'internal_promotion_percent', h.internal_promotion_percent,
                               'incentives_survey_percent', h.incentives_survey_percent,
                               'ethics_survey_percent', h.ethics_survey_percent),
            ARRAY['hr.pts_m', 'hr.pts_m_each', 'hr.tender_scale', 'hr.career_scale', 'hr.survey_scale'])
        || jsonb_build_object('indicators', jsonb_build_array(
            perf_eval.indicator_shown('A', 'transparency of competitions (% with observers)', tender, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 15'),
            perf_eval.indicator_shown('B', 'compliance with meritocracy (survey %)', meritocracy, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 25'),
            perf_eval.indicator_shown('C', 'career growth (% of vacancies filled by promotion)', career, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 16'),
            perf_eval.indicator_shown('D', 'transparency of incentives (survey %)', incentives, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 19'),
            perf_eval.indicator_shown('E', 'ethics and relations in the team (survey %)', ethics, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 6'))))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_meritocracy_criterion(text, integer, text) IS
'Raw M = A + B + C + D + E of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with its explanation and indicators; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.hr_penalty_criterion(body text, year integer, methodology text, training_shortfall bigint)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    unknown text;
    facts bigint[];
    points_each numeric[];
    penalty_lines jsonb;
    penalty_keys text[];
BEGIN
    SELECT min(e.kind) INTO unknown FROM perf_eval.penalty_event AS e
    WHERE e.body = hr_penalty_criterion.body AND e.year = hr_penalty_criterion.year AND e.block = 'orgdev'
      AND NOT perf_eval.param_exists(v, 'hr.penalty.' || e.kind);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'unknown orgdev penalty kind "%"', unknown
            USING ERRCODE = '22023',
                  DETAIL = format('Methodology %s has no parameter hr.penalty.%s; known kinds: %s.', v, unknown,
                                  (SELECT string_agg(substr(p.key, 12), ', ' ORDER BY p.key)
                                   FROM perf_eval.methodology_param AS p
                                   WHERE p.methodology = v AND p.key LIKE 'hr.penalty.%')),
                  HINT = 'docs/methodology.md §5.2 W; APA 2020 report, chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31.';
    END IF;
    SELECT coalesce(array_agg(f.facts ORDER BY f.kind), '{}'), coalesce(array_agg(f.points ORDER BY f.kind), '{}'),
           coalesce(jsonb_agg(jsonb_build_object('kind', f.kind, 'facts', f.facts, 'points_each', f.points)
                              ORDER BY f.kind), '[]'),
           coalesce(array_agg('hr.penalty.' || f.kind ORDER BY f.kind), '{}')
    INTO facts, points_each, penalty_lines, penalty_keys
    FROM (SELECT e.kind, sum(e.count) AS facts, perf_eval.param_numeric(v, 'hr.penalty.' || e.kind) AS points
          FROM perf_eval.penalty_event AS e
          WHERE e.body = hr_penalty_criterion.body AND e.year = hr_penalty_criterion.year AND e.block = 'orgdev'
          GROUP BY e.kind) AS f;
    RETURN ROW(hr_penalty_criterion.body, 'orgdev.hr.penalties', perf_eval.hr_penalty_points(facts, points_each), NULL,
        perf_eval.criterion_explanation(v, 'W', 'W = Σ penalty facts·points of their kind (deducted from H)',
            'APA 2020 report §3.1; chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31',
            jsonb_build_object('penalty_facts', penalty_lines, 'training_due_not_done_on_time', training_shortfall),
            penalty_keys))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_penalty_criterion(text, integer, text, bigint) IS
'Raw W = sum of the penalty facts of block orgdev of a body and year times the points of their kind (training violations, reporting penalties), with its explanation showing training_shortfall beside them; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.hr_criteria(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Raw K, O, M and W of a body and year under a methodology, with
-- explanations (formula, clause, inputs, indicator points, parameters).
-- A body with penalty facts but no personnel inputs gets W and K, O, M not
-- assessable (no_data), which supplied criteria may fill (§1.2).
DECLARE
    h perf_eval.orgdev_hr_inputs;
BEGIN
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_criteria.body AND i.year = hr_criteria.year;

    IF NOT FOUND THEN
        RETURN QUERY
        SELECT hr_criteria.body, n.code, NULL::numeric, 'no_data',
               jsonb_build_object('formula', jsonb_build_object('id', n.symbol, 'text', 'no personnel inputs'),
                                  'clause', 'docs/methodology.md §5.2',
                                  'inputs', jsonb_build_object('orgdev_hr_inputs', 'missing'))
        FROM perf_eval.score_node AS n
        WHERE n.code IN ('orgdev.hr.potential', 'orgdev.hr.labour', 'orgdev.hr.meritocracy')
        ORDER BY n.node_order;
    ELSE
        RETURN NEXT perf_eval.hr_potential_criterion(hr_criteria.body, hr_criteria.year, methodology);
        RETURN NEXT perf_eval.hr_labour_criterion(hr_criteria.body, hr_criteria.year, methodology);
        RETURN NEXT perf_eval.hr_meritocracy_criterion(hr_criteria.body, hr_criteria.year, methodology);
    END IF;
    -- Servants due but not trained on time are shown beside W as a cross-check of the violation facts.
    RETURN NEXT perf_eval.hr_penalty_criterion(hr_criteria.body, hr_criteria.year, methodology,
        perf_eval.training_shortfall(h.advanced_training_done, h.advanced_training_due,
                                     h.retraining_done, h.retraining_due));
END
$$;
COMMENT ON FUNCTION perf_eval.hr_criteria(text, integer, text) IS
'Raw K (C + S + V + G + P; apa: CS + V + G + P), O (N + T + Y + U + bonuses), M (A + B + C + D + E) and W (penalty facts of block orgdev: training violations, reporting penalties) of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with explanations (docs/methodology.md §5.2)';

CREATE OR REPLACE FUNCTION perf_eval.it_criteria(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    i perf_eval.orgdev_it_inputs;
    body_kind text;
    systems bigint;
    registered bigint;
    unused bigint;
    levels numeric[];
    exclude boolean := perf_eval.param_boolean(v, 'it.automation_exclude_non_automatable');
    inputs jsonb;
    raw numeric;
BEGIN
    SELECT * INTO i FROM perf_eval.orgdev_it_inputs AS x
    WHERE x.body = it_criteria.body AND x.year = it_criteria.year;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT b.kind INTO body_kind FROM perf_eval.body AS b WHERE b.code = it_criteria.body;
    SELECT count(*), count(*) FILTER (WHERE s.registered_on_portal), count(*) FILTER (WHERE s.unused),
           coalesce(array_agg(s.relevance_level ORDER BY s.system_code), '{}')
    INTO systems, registered, unused, levels
    FROM perf_eval.orgdev_information_system AS s
    WHERE s.body = it_criteria.body AND s.year = it_criteria.year;

    inputs := jsonb_build_object('systems', systems, 'registered_on_portal', registered, 'unused', unused,
                                 'relevance_levels', to_jsonb(levels),
                                 'integrations_planned', i.integrations_planned,
                                 'integrations_implemented', i.integrations_implemented,
                                 'n', i.functions_subject, 'non_automatable', i.functions_non_automatable,
                                 'e1', i.functions_own_systems, 'e2', i.functions_service_model,
                                 'e3', i.functions_other_bodies_systems, 'e4', i.functions_third_party,
                                 'has_it_unit', i.has_it_unit, 'local_content_percent', i.local_content_percent);

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.portal',
        perf_eval.it_portal_score(registered, systems, perf_eval.param_numeric(v, 'it.pts_portal'),
                                  perf_eval.param_numeric(v, 'it.portal_no_is')), NULL,
        perf_eval.criterion_explanation(v, 'portal',
            'pts·registered with documentation/systems on the balance; no systems: it.portal_no_is',
            'APA 2020 report §3.2; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 4, 5',
            inputs, ARRAY['it.pts_portal', 'it.portal_no_is']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.integration',
        perf_eval.it_integration_score(i.integrations_implemented, i.integrations_planned,
                                       perf_eval.param_numeric(v, 'it.pts_integration'),
                                       perf_eval.param_numeric(v, 'it.integration_none_planned')), NULL,
        perf_eval.criterion_explanation(v, 'integration',
            'pts·implemented/planned integrations; none planned: it.integration_none_planned', 'APA 2020 report §3.2; §3.4',
            inputs, ARRAY['it.pts_integration', 'it.integration_none_planned']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.relevance',
        perf_eval.it_relevance_score(levels, perf_eval.param_numeric(v, 'it.pts_relevance'),
                                     perf_eval.param_numeric(v, 'it.relevance_no_is')), NULL,
        perf_eval.criterion_explanation(v, 'relevance', 'C = k·mean(l_i); no systems: it.relevance_no_is',
            'APA 2020 report §3.5', inputs, ARRAY['it.pts_relevance', 'it.relevance_no_is']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.unused',
        perf_eval.it_unused_deduction(unused, perf_eval.param_numeric(v, 'it.unused_per_item'),
                                      perf_eval.param_numeric(v, 'it.unused_cap')), NULL,
        perf_eval.criterion_explanation(v, 'unused', 'min(cap, per item·unused systems), deducted from IT',
            'APA 2020 report §3.2', inputs, ARRAY['it.unused_per_item', 'it.unused_cap']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.automation',
        perf_eval.it_automation_score(i.functions_own_systems, i.functions_service_model,
                                      i.functions_other_bodies_systems, i.functions_third_party,
                                      i.functions_subject, i.functions_non_automatable,
                                      perf_eval.param_numeric(v, 'it.pts_automation'),
                                      perf_eval.param_numeric(v, 'it.automation_cap'), exclude), NULL,
        perf_eval.criterion_explanation(v, 'automation',
            CASE WHEN exclude THEN 'E = min(cap, k·(E1 + E2 + E3 + E4)/(n − non-automatable))'
                 ELSE 'E = min(cap, k·(E1 + E2 + E3 + E4)/n)' END,
            'APA 2020 report §3.5', inputs,
            ARRAY['it.pts_automation', 'it.automation_cap', 'it.automation_exclude_non_automatable']))::perf_eval.node_value;

    IF body_kind = 'LEB' THEN
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.it_division_bonus',
            perf_eval.presence_bonus(i.has_it_unit, perf_eval.param_numeric(v, 'it.leb_division_bonus')), NULL,
            perf_eval.criterion_explanation(v, 'it_division_bonus', 'bonus if the akimat has an IT division',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3', inputs,
                ARRAY['it.leb_division_bonus']))::perf_eval.node_value;
    END IF;

    IF it_criteria.year >= perf_eval.param_numeric(v, 'it.local_content_from_year') THEN
        raw := perf_eval.percentage_points(i.local_content_percent, perf_eval.param_numeric(v, 'it.pts_local_content'),
                                           perf_eval.param_text(v, 'it.local_content_scale'));
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.local_content', raw, CASE WHEN raw IS NULL THEN 'no_data' END,
            perf_eval.criterion_explanation(v, 'local_content', 'pts·scale(local content %)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2; paragraph 3, sub-paragraph 13',
                inputs, ARRAY['it.pts_local_content', 'it.local_content_scale', 'it.local_content_from_year']))::perf_eval.node_value;
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.it_criteria(text, integer, text) IS
'Raw IT criteria of a body and year from perf_eval.orgdev_it_inputs and its information systems under a methodology: portal, integration, relevance, unused (deduction), automation, the LEB IT-division bonus and local content (from 2020), with explanations (docs/methodology.md §5.3)';

-- =========================================================================
-- Issue 15 (registries): each registry described once (registry_descriptor),
-- one change-marking trigger function (mark_months_dirty) for both
-- registries, one refresh path for both, one tally_of_year, and the
-- impossible-dates predicate defined once (complaint_dates_impossible), the
-- predicate of the partial index complaint_record_impossible_dates.
-- =========================================================================
CREATE FUNCTION perf_eval.complaint_dates_impossible(received_on date, answered_on date, deadline date)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_complaint_dates_impossible'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_dates_impossible(date, date, date) IS
'True when a complaint record''s dates cannot all be true: answered_on < received_on OR deadline < received_on OR an infinite received_on or deadline (NULL dates as in that SQL expression); such a row is left out of the monthly states and listed in run_problems (docs/methodology.md §7.1, §4.4)';
DROP INDEX perf_eval.complaint_record_impossible_dates;
CREATE INDEX complaint_record_impossible_dates ON perf_eval.complaint_record (answered_on)
    WHERE perf_eval.complaint_dates_impossible(received_on, answered_on, deadline);

CREATE FUNCTION perf_eval.registry_descriptor()
RETURNS TABLE (registry text, date_column text, tally_type text, row_tally text, excluded_rows text,
               scan_function text, merge_aggregate text, monthly_table text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    VALUES
    ('complaint_record', 'answered_on', 'perf_eval.complaint_tally',
     'perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied, r.higher_authority_satisfied, '
     'r.repeated_satisfied, r.disciplinary_action)',
     'perf_eval.complaint_dates_impossible(r.received_on, r.answered_on, r.deadline)',
     'perf_eval.complaint_tallies_by_month', 'perf_eval.complaint_tally_merge_agg', 'perf_eval.complaint_tally_monthly'),
    ('service_delivery', 'delivered_on', 'perf_eval.service_tally',
     'perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal, r.incomplete_package, '
     'r.extra_documents, r.electronic, r.quality_appeal_justified)',
     'false',
     'perf_eval.service_tallies_by_month', 'perf_eval.service_tally_merge_agg', 'perf_eval.service_tally_monthly')
$$;
COMMENT ON FUNCTION perf_eval.registry_descriptor() IS
'One row per raw registry (complaint_record, service_delivery): its date column (the month a row counts in), tally type, per-row aggregate, the rows left out of its monthly states, its one-pass scan, merge aggregate and monthly-state table; read by mark_months_dirty, refresh_monthly_tallies and tally_of_year (docs/methodology.md §7.2)';

CREATE FUNCTION perf_eval.mark_months_dirty()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    registry      record;          -- this registry's row of registry_descriptor()
    changed_rows  text;            -- (body, day) of the rows the statement changed
BEGIN
    SELECT d.date_column, d.monthly_table INTO registry
    FROM perf_eval.registry_descriptor() AS d
    WHERE d.registry = TG_TABLE_NAME;
    IF TG_OP = 'TRUNCATE' THEN
        -- Every month that had a state now has no rows.
        EXECUTE format('INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
                        SELECT DISTINCT $1, m.body, m.month FROM %s AS m', registry.monthly_table)
        USING TG_TABLE_NAME::text;
        RETURN NULL;
    END IF;
    -- The transition tables the event has; an update changes both the month
    -- a row leaves and the month it enters.
    SELECT string_agg(format('SELECT t.body, t.%I AS day FROM %I AS t', registry.date_column, transition),
                      ' UNION ALL ')
    INTO changed_rows
    FROM unnest(CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
                           ELSE ARRAY['new_rows', 'old_rows'] END) AS transition;
    -- A row without a date (a complaint not yet answered) has no month.
    EXECUTE format($query$
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT $1, changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.day::timestamp)::date AS month
              FROM (%s) AS r
              WHERE r.day IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = $1 AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now())
        $query$, changed_rows)
    USING TG_TABLE_NAME::text;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.mark_months_dirty() IS
'Statement trigger on complaint_record and service_delivery: marks the (body, month of the registry''s date column) pairs a statement changed for refresh_monthly_tallies; rows without a date (unanswered complaints) have no month';

DROP TRIGGER mark_months_dirty_after_insert ON perf_eval.complaint_record;
DROP TRIGGER mark_months_dirty_after_insert ON perf_eval.service_delivery;
DROP TRIGGER mark_months_dirty_after_update ON perf_eval.complaint_record;
DROP TRIGGER mark_months_dirty_after_update ON perf_eval.service_delivery;
DROP TRIGGER mark_months_dirty_after_delete ON perf_eval.complaint_record;
DROP TRIGGER mark_months_dirty_after_delete ON perf_eval.service_delivery;
DROP TRIGGER mark_months_dirty_after_truncate ON perf_eval.complaint_record;
DROP TRIGGER mark_months_dirty_after_truncate ON perf_eval.service_delivery;
CREATE TRIGGER mark_months_dirty_after_insert AFTER INSERT ON perf_eval.complaint_record
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_insert AFTER INSERT ON perf_eval.service_delivery
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_update AFTER UPDATE ON perf_eval.complaint_record
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_update AFTER UPDATE ON perf_eval.service_delivery
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_delete AFTER DELETE ON perf_eval.complaint_record
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_delete AFTER DELETE ON perf_eval.service_delivery
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_truncate AFTER TRUNCATE ON perf_eval.complaint_record
    FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_truncate AFTER TRUNCATE ON perf_eval.service_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
-- -------------------------------------------------------------------------
-- Refresh and merge
-- -------------------------------------------------------------------------
DROP FUNCTION perf_eval.mark_complaint_months_dirty();
DROP FUNCTION perf_eval.mark_service_months_dirty();

CREATE FUNCTION perf_eval.tally_difference(whole anyelement, part anyelement)
RETURNS anyelement
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.jsonb_populate_record(whole,
               pg_catalog.jsonb_object_agg(w.key, w.value::bigint - (pg_catalog.to_jsonb(part) ->> w.key)::bigint))
    FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(whole)) AS w
$$;
COMMENT ON FUNCTION perf_eval.tally_difference(anyelement, anyelement) IS
'A complaint_tally or service_tally less another of the same type, counter by counter (the second a part of the first); used by refresh_monthly_tallies to take left-out rows off a one-pass scan (docs/methodology.md §7.2)';

CREATE OR REPLACE FUNCTION perf_eval.refresh_monthly_tallies(year integer)
RETURNS integer
LANGUAGE plpgsql
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    first_day     date;
    next_year     date;
    registry      record;          -- one row of registry_descriptor()
    marked_months integer;         -- distinct marked months of one registry (choose the read path)
    span_months   integer;         -- months from its first to its last marked month
    mark_tids     tid[];           -- the marks one read consumed: ctid and xmin of each
    mark_xmins    xid[];
    bodies        text[];          -- the pairs they name: bodies[i], months[i]
    months        date[];
    fresh_bodies  text[];          -- the states read: fresh_bodies[i], fresh_months[i], fresh_tallies[i]
    fresh_months  date[];
    fresh_tallies text[];          -- as text, one variable for every tally type
    rescanned     integer := 0;
    -- One pass (registry_scan) reads only the blocks the BRIN index gives for
    -- the span of the marked months, many times faster per row than the
    -- executor: it is the path when the marked months are consecutive (one
    -- changed month costs its share of a year), or from this many marked
    -- months on (13: never); scattered months are read month by month.
    full_scan_months integer := perf_eval.refresh_full_scan_months();
    -- The marks of a registry and year ($1 registry, $2 first day, $3 next
    -- year), the pairs they name and the span of their months.
    marked_cte constant text := $cte$
        WITH marked AS MATERIALIZED (
            SELECT d.ctid AS mark_tid, d.xmin AS mark_xmin, d.body, d.month
            FROM perf_eval.registry_dirty_month AS d
            WHERE d.registry = $1 AND d.month >= $2 AND d.month < $3),
        pairs AS MATERIALIZED (SELECT DISTINCT m.body, m.month FROM marked AS m),
        span AS MATERIALIZED (
            SELECT min(m.month) AS lo, (max(m.month) + interval '1 month')::date AS hi,
                   array_agg(DISTINCT m.month) AS months
            FROM marked AS m)
        SELECT (SELECT array_agg(m.mark_tid) FROM marked AS m), (SELECT array_agg(m.mark_xmin) FROM marked AS m),
               (SELECT array_agg(p.body ORDER BY p.body, p.month) FROM pairs AS p),
               (SELECT array_agg(p.month ORDER BY p.body, p.month) FROM pairs AS p),
               array_agg(s.body), array_agg(s.month), array_agg(s.tally::text)
        FROM ($cte$;
    pairs_only constant text := $q$) AS s
        WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM pairs AS p)$q$;
    -- The rows of registry %1$I in the span, the month (of date column %2$I)
    -- and tally (%3$s) of each, and which of them are read (%4$s).
    span_rows constant text := $q$
        SELECT r.body, pg_catalog.date_trunc('month', r.%2$I::timestamp)::date AS month, %3$s AS tally
        FROM perf_eval.%1$I AS r
        WHERE r.%2$I >= (SELECT sp.lo FROM span AS sp) AND r.%2$I < (SELECT sp.hi FROM span AS sp)
          AND (%4$s)$q$;
    -- One pass (scan function %1$s) less the left-out rows (%2$s: span_rows).
    one_pass constant text := $q$
        SELECT t.body, t.month,
               CASE WHEN bad.tally IS NULL THEN t.tally ELSE perf_eval.tally_difference(t.tally, bad.tally) END AS tally
        FROM %1$s((SELECT sp.lo FROM span AS sp), (SELECT sp.hi FROM span AS sp)) AS t
        LEFT JOIN (%2$s GROUP BY 1, 2) AS bad ON bad.body = t.body AND bad.month = t.month
        WHERE bad.tally IS NULL OR t.tally <> bad.tally$q$;
    -- Month by month (%1$s: span_rows without the left-out rows): the marked
    -- months of date column %2$I only.
    by_month constant text := $q$%1$s
          AND pg_catalog.date_trunc('month', r.%2$I::timestamp)::date = ANY ((SELECT sp.months FROM span AS sp)::date[])
        GROUP BY 1, 2$q$;
BEGIN
    IF year IS NULL THEN
        RAISE EXCEPTION 'year must not be null'
            USING ERRCODE = '22023',
                  HINT = 'refresh_monthly_tallies(year) rescans the changed months of one year (docs/methodology.md §7.2).';
    END IF;
    IF year < 1 OR year > 9998 THEN
        RAISE EXCEPTION 'year % out of range', year
            USING ERRCODE = '22003',
                  DETAIL = 'A registry year lies between 1 and 9998.',
                  HINT = 'docs/methodology.md §7: registries hold one row per complaint or delivery of a calendar year.';
    END IF;
    first_day := pg_catalog.make_date(year, 1, 1);
    next_year := pg_catalog.make_date(year + 1, 1, 1);
    IF NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                   WHERE d.month >= first_day AND d.month < next_year) THEN
        RETURN 0;
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.refresh_monthly_tallies'), year);

    FOR registry IN SELECT * FROM perf_eval.registry_descriptor() AS r ORDER BY r.registry LOOP
        SELECT count(DISTINCT d.month),
               extract(month FROM max(d.month))::integer - extract(month FROM min(d.month))::integer + 1
        INTO marked_months, span_months
        FROM perf_eval.registry_dirty_month AS d
        WHERE d.registry = registry.registry AND d.month >= first_day AND d.month < next_year;
        CONTINUE WHEN marked_months = 0;
        EXECUTE marked_cte
                || CASE WHEN marked_months >= full_scan_months OR (marked_months = span_months AND full_scan_months <= 12)
                        THEN format(one_pass, registry.scan_function,
                                    format(span_rows, registry.registry, registry.date_column, registry.row_tally,
                                           registry.excluded_rows))
                        ELSE format(by_month,
                                    format(span_rows, registry.registry, registry.date_column, registry.row_tally,
                                           'NOT ' || registry.excluded_rows),
                                    registry.date_column)
                   END
                || pairs_only
        INTO mark_tids, mark_xmins, bodies, months, fresh_bodies, fresh_months, fresh_tallies
        USING registry.registry, first_day, next_year;
        CONTINUE WHEN bodies IS NULL;
        EXECUTE format('DELETE FROM %s AS m USING unnest($1, $2) AS p(body, month)
                        WHERE m.body = p.body AND m.month = p.month', registry.monthly_table)
        USING bodies, months;
        EXECUTE format('INSERT INTO %s (body, month, tally)
                        SELECT f.body, f.month, f.tally::%s FROM unnest($1, $2, $3) AS f(body, month, tally)',
                       registry.monthly_table, registry.tally_type)
        USING fresh_bodies, fresh_months, fresh_tallies;
        DELETE FROM perf_eval.registry_dirty_month AS d
        USING unnest(mark_tids, mark_xmins) AS c(mark_tid, mark_xmin)
        WHERE d.ctid = c.mark_tid AND d.xmin = c.mark_xmin;
        rescanned := rescanned + pg_catalog.cardinality(bodies);
    END LOOP;
    RETURN rescanned;
END
$$;
COMMENT ON FUNCTION perf_eval.refresh_monthly_tallies(integer) IS
'Recomputes the monthly partial states of the (registry, body, month) pairs of a year marked in registry_dirty_month, and only those, leaving out complaints with impossible dates (listed by each recalculation in run_problems); returns how many pairs were rescanned (docs/methodology.md §7.2)';

CREATE FUNCTION perf_eval.tally_of_year(tally anyelement, body text, year integer)
RETURNS anyelement
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    registry  record;              -- the registry_descriptor() row of the tally type
BEGIN
    SELECT d.merge_aggregate, d.monthly_table INTO registry
    FROM perf_eval.registry_descriptor() AS d
    WHERE d.tally_type::regtype = pg_catalog.pg_typeof(tally);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tally_of_year takes a complaint_tally or service_tally, not %', pg_catalog.pg_typeof(tally)
            USING ERRCODE = '42804',
                  HINT = 'Pass a NULL of the tally type, e.g. NULL::perf_eval.complaint_tally (docs/methodology.md §7.2).';
    END IF;
    IF body IS NULL OR year IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT (s.merged).* FROM (SELECT %s(m.tally) AS merged FROM %s AS m
                    WHERE m.body = $1 AND m.month >= $2 AND m.month < $3) AS s',
                   registry.merge_aggregate, registry.monthly_table)
    INTO tally
    USING body, pg_catalog.make_date(year, 1, 1), pg_catalog.make_date(year + 1, 1, 1);
    RETURN tally;
END
$$;
COMMENT ON FUNCTION perf_eval.tally_of_year(anyelement, text, integer) IS
'The tally of a body and year (NULL body or year: NULL) of the registry whose tally type is that of the first argument (NULL::perf_eval.complaint_tally or NULL::perf_eval.service_tally), merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';

CREATE OR REPLACE FUNCTION perf_eval.complaint_tally_of_year(body text, year integer) RETURNS perf_eval.complaint_tally
LANGUAGE sql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.tally_of_year(NULL::perf_eval.complaint_tally, body, year) $$;
COMMENT ON FUNCTION perf_eval.complaint_tally_of_year(text, integer) IS
'The complaint_tally of a body and year, merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';
CREATE OR REPLACE FUNCTION perf_eval.service_tally_of_year(body text, year integer) RETURNS perf_eval.service_tally
LANGUAGE sql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.tally_of_year(NULL::perf_eval.service_tally, body, year) $$;
COMMENT ON FUNCTION perf_eval.service_tally_of_year(text, integer) IS
'The service_tally of a body and year, merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';

-- -------------------------------------------------------------------------
-- Issue 15, goals block: goals.budget is a sum node the engine rolls up
-- (score_node.role: a factor child such as k_PPB multiplies the sum of the
-- terms); goal_nodes is assembled from one function per node; the formula
-- arithmetic is in C kernels (goals_mean_of_means, bp_efficiency_points,
-- goals_penalty_points).
-- -------------------------------------------------------------------------
ALTER TABLE perf_eval.score_node ADD COLUMN role text NOT NULL DEFAULT 'term' CHECK (role IN ('term', 'factor'));
COMMENT ON COLUMN perf_eval.score_node.role IS 'How the node enters a sum parent: term (added with its sign) | factor (multiplies the sum of the terms, e.g. k_PPB of the LEB budget component)';
COMMENT ON TABLE perf_eval.score_node IS
'Nodes of the score tree: block -> direction -> criterion. combine says how a node is computed from its children when not supplied: weighted (sum of weight_key x child over children whose weight the version defines), sum ((sum of sign x child over the term children present) x product of the factor children present), computed (by a node computer). weight_key and max_key may contain {kind} (csb/leb); max_key names the parameter holding the node maximum (docs/methodology.md §1.1)';
UPDATE perf_eval.score_node SET combine = 'sum' WHERE code = 'goals.budget';
UPDATE perf_eval.score_node SET role = 'factor' WHERE code = 'goals.budget.ppb';

-- The product of the factor children of a sum node (exact numeric).
CREATE FUNCTION perf_eval.factor_product_step(product numeric, factor numeric)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Not strict: also the combine function, where either partial product may be NULL.
    IF factor IN ('NaN', 'Infinity', '-Infinity') OR product IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'factor must be a finite number'
            USING ERRCODE = '22023', DETAIL = format('product %s, factor %s.', product, factor),
                  HINT = 'docs/methodology.md §0.1, §1.1: a factor node multiplies the sum of its siblings by a finite number.';
    END IF;
    IF factor IS NULL OR product IS NULL THEN
        RETURN coalesce(product, factor);
    END IF;
    RETURN product * factor;
END
$$;
COMMENT ON FUNCTION perf_eval.factor_product_step(numeric, numeric) IS
'Transition and combine function of factor_product: product x factor, exact; a NULL side is skipped; NaN or infinity 22023 (docs/methodology.md §0.1, §1.1)';

CREATE AGGREGATE perf_eval.factor_product(numeric) (
    SFUNC       = perf_eval.factor_product_step,
    STYPE       = numeric,
    INITCOND    = '1',
    COMBINEFUNC = perf_eval.factor_product_step,
    PARALLEL    = SAFE
);
COMMENT ON AGGREGATE perf_eval.factor_product(numeric) IS
'The exact product of the non-NULL values (1 over none): the factor children of a sum node of the score tree (docs/methodology.md §1.1)';

CREATE FUNCTION perf_eval.goals_mean_of_means(points numeric, sums numeric[], counts bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goals_mean_of_means'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goals_mean_of_means(numeric, numeric[], bigint[]) IS
'points x the mean over the groups with counts > 0 of sums / counts, as one exact fraction over lcm(counts) x groups (one final division): the strategic component (groups: goals, or one group of every TI), the goal-BP link and the unsplit BP efficiency (one group); NULL when no group is counted; NaN, infinity, NULL elements or unequal lengths 22023, negative values 22003 (docs/methodology.md §0.1, §3.2, §3.3)';

CREATE FUNCTION perf_eval.bp_efficiency_points(points numeric, current_sum numeric, current_count bigint,
                                               development_sum numeric, development_count bigint,
                                               w_current numeric, w_development numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_bp_efficiency_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.bp_efficiency_points(numeric, numeric, bigint, numeric, bigint, numeric, numeric) IS
'BP execution efficiency points split by programme type (kz2020_apa) from the sums and counts of the capped E = A/D of current and development programmes: pts x (w_current x mean_current + w_development x mean_development) with one final division; one group empty: the other alone; NULL when none is assessed; unsplit versions use goals_mean_of_means (docs/methodology.md §3.3, APA 2020 report §1.4)';

CREATE FUNCTION perf_eval.goals_penalty_points(facts bigint, points_each numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goals_penalty_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goals_penalty_points(bigint, numeric) IS
'Penalty points of one goals penalty kind: facts x points_each; negative facts or points 22003, non-finite points 22023 (docs/methodology.md §3.4, APA 2020 report §1.5)';

-- The goals computer reads the assessed indicators and goals through PL/pgSQL
-- functions (plans kept for the session); the released SQL functions read them.
-- The assessed indicators, in PL/pgSQL so that its plan is kept for the
-- session: the goals node computer reads them several times per body and
-- sample, and a SQL function is planned again at every call.
CREATE FUNCTION perf_eval.assessed_target_indicators(y integer, m text, b text)
RETURNS TABLE (body text, goal_code text, indicator_code text, title text, unit text, direction text,
               plan numeric, plan_original numeric, fact numeric, fact_previous numeric, fact_published boolean,
               indicator_level text, eligible boolean, ratio numeric, result numeric, status text,
               overfulfilled boolean, plan_lowered boolean, no_dynamics boolean, reason text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- MATERIALIZED, and the kernel in FROM: the parameters are resolved once
    -- per call and the kernel runs once per indicator (an inlined CTE and a
    -- composite in the target list re-evaluate them for every column read).
    RETURN QUERY
    WITH version AS (SELECT perf_eval.resolve_methodology(m) AS name),
    k AS MATERIALIZED (
        SELECT perf_eval.param_numeric(version.name, 'goals.overfulfil_threshold') AS threshold,
               perf_eval.param_numeric(version.name, 'goals.overfulfil_multiplier') AS overfulfil_multiplier,
               perf_eval.param_boolean(version.name, 'goals.overfulfil_exempt_decrease') AS exempt_decrease,
               perf_eval.param_numeric(version.name, 'goals.achievement_cap') AS cap,
               perf_eval.param_numeric(version.name, 'goals.plan_lowered_multiplier') AS plan_lowered_multiplier,
               perf_eval.param_numeric(version.name, 'goals.no_dynamics_multiplier') AS no_dynamics_multiplier
        FROM version
    )
    SELECT t.body, t.goal_code, t.indicator_code, t.title, t.unit, t.direction, t.plan, t.plan_original,
           t.fact, t.fact_previous, t.fact_published, t.indicator_level,
           a.eligible, a.ratio, a.result, a.status,
           a.overfulfilled, a.plan_lowered, a.no_dynamics, a.reason
    FROM perf_eval.target_indicator AS t
    CROSS JOIN k
    CROSS JOIN LATERAL perf_eval.goal_indicator_assessment(
                            t.direction, t.plan, t.fact, t.plan_original, t.fact_previous, t.fact_published,
                            k.threshold, k.overfulfil_multiplier, k.exempt_decrease, k.cap,
                            k.plan_lowered_multiplier, k.no_dynamics_multiplier) AS a
    WHERE t.year = y AND (b IS NULL OR t.body = b)
    ORDER BY t.body, t.goal_code, t.indicator_code;
END
$$;
COMMENT ON FUNCTION perf_eval.assessed_target_indicators(integer, text, text) IS
'The target indicators of a year (of one body, or every body if b is NULL) assessed under a methodology (NULL: the default): perf_eval.target_indicator_results, which reads it (docs/methodology.md §3.1)';

-- The goals with their results, in PL/pgSQL for the reason given at
-- assessed_target_indicators.
CREATE FUNCTION perf_eval.assessed_goals(y integer, m text, b text)
RETURNS TABLE (body text, goal_code text, title text, coefficient numeric, status text,
               achieved_with_corrections boolean, tally perf_eval.indicator_tally, programme_link numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    WITH r AS (SELECT * FROM perf_eval.assessed_target_indicators(y, m, b)),
    per_goal AS (
        SELECT r.body, r.goal_code,
               perf_eval.goal_coefficient_agg(r.result) AS coefficient,
               perf_eval.indicator_status_tally_agg(r.status, r.overfulfilled, r.plan_lowered, r.no_dynamics) AS tally
        FROM r GROUP BY r.body, r.goal_code
    )
    SELECT g.body, g.goal_code, g.title, pg.coefficient,
           perf_eval.goal_status(coalesce(pg.tally, ROW(0, 0, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally)),
           -- "fully achieved taking into account the corrective parameters" (seed 000 line 438)
           coalesce(perf_eval.goal_status(pg.tally) = 'achieved'
                    AND (pg.tally).overfulfilled + (pg.tally).plan_lowered + (pg.tally).no_dynamics = 0, false),
           coalesce(pg.tally, ROW(0, 0, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally),
           l.coefficient
    FROM perf_eval.goal AS g
    LEFT JOIN per_goal AS pg ON pg.body = g.body AND pg.goal_code = g.goal_code
    LEFT JOIN perf_eval.goal_programme_link AS l ON l.body = g.body AND l.year = g.year AND l.goal_code = g.goal_code
    WHERE g.year = y AND (b IS NULL OR g.body = b)
    ORDER BY g.body, g.goal_code;
END
$$;
COMMENT ON FUNCTION perf_eval.assessed_goals(integer, text, text) IS
'The goals of a year (of one body, or every body if b is NULL) under a methodology with their coefficients, statuses, tallies and goal-BP links: perf_eval.goal_results, which reads it (docs/methodology.md §3.2)';

CREATE OR REPLACE FUNCTION perf_eval.goal_results(year integer, methodology text DEFAULT NULL, body text DEFAULT NULL)
RETURNS TABLE (body text, goal_code text, title text, coefficient numeric, status text,
               achieved_with_corrections boolean, tally perf_eval.indicator_tally, programme_link numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM perf_eval.assessed_goals($1, $2, $3)
$$;
COMMENT ON FUNCTION perf_eval.goal_results(integer, text, text) IS
'Every goal of a year (optionally one body) under a methodology: coefficient (goal_coefficient_agg of its TI results; NULL if none counted), status, whether it is achieved with no correction applied, the indicator tally and the goal-BP link coefficient (docs/methodology.md §3.2, APA 2020 report §1.2)';

-- The corrections applied to the target indicators of one body, each with the
-- parameter (and its provenance) that made it (METHODOLOGY §3.1 step 3).
CREATE OR REPLACE FUNCTION perf_eval.goals_strategic_corrections(body text, year integer, methodology text)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The parameters are read once per call and the texts built only for the
    -- corrections that apply (most indicators have none).
    WITH k AS MATERIALIZED (
        SELECT perf_eval.param_text($3, 'goals.overfulfil_threshold') AS threshold,
               perf_eval.param_boolean($3, 'goals.overfulfil_exempt_decrease') AS exempt_decrease
    ),
    applied AS (
        SELECT r.*, cr.ord, cr.correction, cr.key, cr.test_key
        FROM perf_eval.assessed_target_indicators($2, $3, $1) AS r
        CROSS JOIN k
        CROSS JOIN LATERAL (VALUES
            (1, 'overfulfilled', r.overfulfilled, 'goals.overfulfil_multiplier', 'goals.overfulfil_threshold'),
            (2, 'plan_lowered', r.plan_lowered, 'goals.plan_lowered_multiplier', NULL),
            (3, 'no_dynamics', r.no_dynamics, 'goals.no_dynamics_multiplier', NULL),
            -- kz2020_apa: an overfulfilled decrease-is-good indicator is not corrected (seed 000 line 847);
            -- the multiplier 0 probes r >= threshold exactly.
            (4, 'overfulfilment_exempted',
             r.eligible AND r.result IS NOT NULL AND r.direction = 'decrease' AND NOT r.overfulfilled
                 AND k.exempt_decrease
                 AND perf_eval.goal_overfulfilment_multiplier(r.direction, r.plan, r.fact, k.threshold::numeric, 0, false) = 0,
             'goals.overfulfil_exempt_decrease', 'goals.overfulfil_threshold')
        ) AS cr(ord, correction, applies, key, test_key)
        WHERE cr.applies
    )
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'goal', a.goal_code, 'indicator', a.indicator_code, 'title', a.title,
               'correction', a.correction,
               'condition', CASE a.correction
                   WHEN 'overfulfilled' THEN
                       CASE WHEN a.ratio IS NULL THEN 'decrease-is-good fact 0: best possible, counted as overfulfilled'
                            ELSE format('r = %s >= %s', trim_scale(round(a.ratio, 6)), k.threshold) END
                   WHEN 'plan_lowered' THEN
                       format('plan %s %s originally approved %s (%s is better)', a.plan,
                              CASE a.direction WHEN 'increase' THEN '<' ELSE '>' END, a.plan_original, a.direction)
                   WHEN 'no_dynamics' THEN
                       format('fact %s %s last year''s %s (%s is better)', a.fact,
                              CASE a.direction WHEN 'increase' THEN '<=' ELSE '>=' END, a.fact_previous, a.direction)
                   ELSE 'decrease-is-good indicator overfulfilled: exempt from the overfulfilment factor' END,
               'factor', CASE WHEN a.correction = 'overfulfilment_exempted' THEN 1
                              ELSE perf_eval.param_numeric($3, a.key) END,
               'parameter', perf_eval.goals_param_object($3, a.key),
               'test_parameter', perf_eval.goals_param_object($3, a.test_key))
               ORDER BY a.goal_code, a.indicator_code, a.ord), '[]')
    FROM applied AS a CROSS JOIN k
$$;
COMMENT ON FUNCTION perf_eval.goals_strategic_corrections(text, integer, text) IS
'Every correction applied to the target indicators of a body in a year under a methodology, with the parameter and the test parameter (and their provenance) that made it (docs/methodology.md §3.1)';

-- S = pts_strategic x the mean of goal coefficients (or of every eligible TI
-- result for the basis indicators), one exact fraction (goals_mean_of_means).
CREATE OR REPLACE FUNCTION perf_eval.goals_strategic_node(body text, year integer, methodology text, kind text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := body;
    y integer := year;
    v text := methodology;
    k text := lower(kind);
    basis text := perf_eval.param_text(v, 'goals.' || k || '.strategic_basis');
    pts numeric := perf_eval.param_numeric(v, 'goals.' || k || '.pts_strategic');
    sums numeric[];
    counts bigint[];
    raw numeric;
    ti record;
    g record;
BEGIN
    -- One pass over the indicator results: the tally, the explanation's lists
    -- and the groups averaged (each goal with counted TIs for basis goals,
    -- else every TI as one group).
    WITH r AS MATERIALIZED (SELECT * FROM perf_eval.assessed_target_indicators(y, v, b)),
    goal_groups AS (
        SELECT r.goal_code, sum(r.result) AS s, count(r.result) AS n
        FROM r GROUP BY r.goal_code HAVING count(r.result) > 0
    )
    SELECT to_jsonb(perf_eval.indicator_status_tally_agg(r.status, r.overfulfilled, r.plan_lowered, r.no_dynamics)) AS tally,
           count(*) AS n,
           jsonb_agg(jsonb_build_object(
               'goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title, 'level', r.indicator_level,
               'direction', r.direction, 'plan', r.plan, 'plan_original', r.plan_original, 'fact', r.fact,
               'fact_previous', r.fact_previous, 'published', r.fact_published, 'ratio', r.ratio,
               'result', r.result, 'status', r.status, 'reason', r.reason,
               'overfulfilled', r.overfulfilled, 'plan_lowered', r.plan_lowered, 'no_dynamics', r.no_dynamics)
               ORDER BY r.goal_code, r.indicator_code) AS results,
           jsonb_agg(jsonb_build_object('goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title,
                                        'reason', r.reason)
                     ORDER BY r.goal_code, r.indicator_code) FILTER (WHERE r.result IS NULL) AS excluded,
           CASE WHEN basis = 'goals' THEN (SELECT coalesce(array_agg(q.s ORDER BY q.goal_code), '{}') FROM goal_groups AS q)
                ELSE ARRAY[coalesce(sum(r.result), 0)] END AS sums,
           CASE WHEN basis = 'goals' THEN (SELECT coalesce(array_agg(q.n ORDER BY q.goal_code), '{}') FROM goal_groups AS q)
                ELSE ARRAY[count(r.result)] END AS counts
    INTO ti
    FROM r;
    sums := ti.sums;
    counts := ti.counts;

    SELECT count(*) AS goals, count(x.coefficient) AS counted, count(*) FILTER (WHERE x.status = 'achieved') AS achieved,
           count(*) FILTER (WHERE x.achieved_with_corrections) AS achieved_corrected,
           jsonb_agg(jsonb_build_object('goal', x.goal_code, 'title', x.title, 'coefficient', x.coefficient,
                                        'status', x.status, 'achieved_with_corrections', x.achieved_with_corrections,
                                        'tally', to_jsonb(x.tally)) ORDER BY x.goal_code) AS items
    INTO g
    FROM perf_eval.assessed_goals(y, v, b) AS x;

    raw := perf_eval.goals_mean_of_means(pts, sums, counts);
    RETURN ROW(b, 'goals.strategic', raw,
        CASE WHEN raw IS NOT NULL THEN NULL
             WHEN g.goals = 0 AND ti.n = 0 THEN 'no_data'
             ELSE 'no_eligible_indicators' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_strategic', 'text',
                CASE basis WHEN 'goals'
                     THEN 'pts_strategic · S; S = mean of goal coefficients; goal coefficient = mean of the results of its eligible TIs; result = min(r, cap) · factors'
                     ELSE 'pts_strategic · S; S = mean of the results of all eligible TIs of the body; result = min(r, cap) · factors' END),
            'clause', 'docs/methodology.md §3.1-§3.2, APA 2020 report §1.2',
            'inputs', jsonb_build_object(
                'basis', basis, 'strategic_coefficient', perf_eval.goals_mean_of_means(1, sums, counts),
                'points_maximum', pts,
                'goals', g.goals, 'goals_counted', g.counted, 'goals_achieved', g.achieved,
                'goals_achieved_with_corrections', g.achieved_corrected,
                'indicators', ti.tally,
                'goal_coefficients', coalesce(g.items, '[]'),
                'indicator_results', coalesce(ti.results, '[]')),
            'corrections', perf_eval.goals_strategic_corrections(b, y, v),
            'excluded', coalesce(ti.excluded, '[]'),
            'parameters', perf_eval.param_explanation(v, ARRAY[
                'goals.' || k || '.pts_strategic', 'goals.' || k || '.strategic_basis',
                'goals.overfulfil_threshold', 'goals.overfulfil_multiplier', 'goals.overfulfil_exempt_decrease',
                'goals.achievement_cap', 'goals.plan_lowered_multiplier', 'goals.no_dynamics_multiplier'])
        ))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_strategic_node(text, integer, text, text) IS
'The strategic component S of a body in a year under a methodology for its kind (CSB, LEB): pts_strategic x the mean of goal coefficients, or of every eligible TI result (strategic_basis), with every goal coefficient, indicator result, correction and excluded indicator in the explanation (docs/methodology.md §3.1-§3.2)';

-- E: BP execution efficiency, mean of min(A/D, cap); kz2020_apa splits current/development.
CREATE OR REPLACE FUNCTION perf_eval.goals_bp_efficiency_node(body text, year integer, methodology text, kind text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    k text := lower(kind);
    split boolean := perf_eval.param_exists(v, 'goals.bp_split.w_current');
    maximum numeric := perf_eval.param_numeric(v, 'goals.' || k || '.pts_bp_efficiency');
    efficiency_cap numeric := perf_eval.param_numeric(v, 'goals.bp_efficiency_cap');
    bp record;
    e_value numeric;
    raw numeric;
    by_funds boolean := false;
    w_current numeric;
    w_development numeric;
BEGIN
    SELECT count(*) AS programmes, count(q.e) AS assessed, coalesce(sum(least(q.e, q.cap)), 0) AS sum_all,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current'), 0) AS sum_current,
           count(q.e) FILTER (WHERE q.programme_type = 'current') AS n_current,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development'), 0) AS sum_development,
           count(q.e) FILTER (WHERE q.programme_type = 'development') AS n_development,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current') AS mean_current,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development') AS mean_development,
           -- Funds of the assessed programmes per type; NULL if an assessed programme has none.
           CASE WHEN bool_and(q.funds IS NOT NULL) FILTER (WHERE q.e IS NOT NULL)
                THEN coalesce(sum(q.funds) FILTER (WHERE q.e IS NOT NULL AND q.programme_type = 'current'), 0) END AS funds_current,
           CASE WHEN bool_and(q.funds IS NOT NULL) FILTER (WHERE q.e IS NOT NULL)
                THEN coalesce(sum(q.funds) FILTER (WHERE q.e IS NOT NULL AND q.programme_type = 'development'), 0) END AS funds_development,
           jsonb_agg(jsonb_build_object('programme', q.programme_code, 'type', q.programme_type,
                                        'A', q.achievement, 'D', q.disbursement, 'E', q.e,
                                        'E_capped', least(q.e, q.cap), 'funds', q.funds) ORDER BY q.programme_code) AS items
    INTO bp
    FROM (SELECT p.*, perf_eval.budget_programme_efficiency(p.achievement, p.disbursement) AS e,
                 efficiency_cap AS cap
          FROM perf_eval.budget_programme AS p WHERE p.body = goals_bp_efficiency_node.body AND p.year = goals_bp_efficiency_node.year) AS q;
    IF split THEN
        -- By funds (seed 000 line 1071) where the version says so and both types have
        -- assessed programmes whose funds are all reported; else the fixed weights.
        by_funds := perf_eval.param_exists(v, 'goals.bp_split.basis')
                    AND perf_eval.param_text(v, 'goals.bp_split.basis') = 'funds'
                    AND bp.n_current > 0 AND bp.n_development > 0 AND bp.funds_current + bp.funds_development > 0;
        w_current := CASE WHEN by_funds THEN bp.funds_current ELSE perf_eval.param_numeric(v, 'goals.bp_split.w_current') END;
        w_development := CASE WHEN by_funds THEN bp.funds_development ELSE perf_eval.param_numeric(v, 'goals.bp_split.w_development') END;
        e_value := perf_eval.bp_efficiency_points(1, bp.sum_current, bp.n_current, bp.sum_development, bp.n_development,
                       w_current, w_development);
        raw := perf_eval.bp_efficiency_points(maximum, bp.sum_current, bp.n_current, bp.sum_development, bp.n_development,
                   w_current, w_development);
        IF by_funds THEN
            -- The funds are the weights: one division by their total, w = F / (F_current + F_development).
            e_value := e_value / (bp.funds_current + bp.funds_development);
            raw := raw / (bp.funds_current + bp.funds_development);
        END IF;
    ELSE
        e_value := perf_eval.goals_mean_of_means(1, ARRAY[bp.sum_all], ARRAY[bp.assessed]);
        raw := perf_eval.goals_mean_of_means(maximum, ARRAY[bp.sum_all], ARRAY[bp.assessed]);
    END IF;
    RETURN ROW(body, 'goals.budget.bp_efficiency', raw,
        CASE WHEN e_value IS NOT NULL THEN NULL WHEN bp.programmes = 0 THEN 'no_data' ELSE 'nothing_disbursed' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'bp_efficiency', 'text',
                CASE WHEN by_funds THEN 'pts · (F_current · mean_current(min(A/D, cap)) + F_development · mean_development(min(A/D, cap))) / (F_current + F_development), F = funds of the assessed programmes of the type'
                     WHEN split THEN 'pts · (w_current · mean_current(min(A/D, cap)) + w_development · mean_development(min(A/D, cap))); one group empty: the other alone'
                     ELSE 'pts · mean(min(A/D, cap)) over programmes with D > 0' END),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.4; chapter 1 recommendations',
            'inputs', jsonb_build_object('programmes', bp.programmes, 'assessed', bp.assessed,
                                         'mean_current', bp.mean_current,
                                         'mean_development', bp.mean_development, 'E', e_value,
                                         'weighted_by_funds', by_funds, 'funds_current', bp.funds_current,
                                         'funds_development', bp.funds_development,
                                         'budget_programmes', coalesce(bp.items, '[]')),
            'parameters', perf_eval.param_explanation(v, ARRAY['goals.' || k || '.pts_bp_efficiency',
                'goals.bp_efficiency_cap', 'goals.bp_split.w_current', 'goals.bp_split.w_development',
                'goals.bp_split.basis']),
            'maximum_for_kind', maximum))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_bp_efficiency_node(text, integer, text, text) IS
'The BP execution efficiency criterion E of a body in a year under a methodology for its kind: pts x the mean of min(A/D, cap) over the programmes with D > 0, split into current and development programmes where the version weights them, by their funds where goals.bp_split.basis is funds and every assessed programme reports them (docs/methodology.md §3.3)';

-- L (CSB): goal-BP link, pts x the mean of the expert coefficients per goal.
CREATE FUNCTION perf_eval.goals_goal_bp_link_node(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW($1, 'goals.budget.goal_bp_link',
        perf_eval.goals_mean_of_means(perf_eval.param_numeric($3, 'goals.csb.pts_goal_bp_link'),
                                      ARRAY[coalesce(sum(l.coefficient), 0)], ARRAY[count(l.coefficient)]),
        CASE WHEN count(l.coefficient) = 0 THEN 'no_data' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goal_bp_link', 'text', 'pts · mean(expert link coefficient per goal)'),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2',
            'inputs', jsonb_build_object('goals_assessed', count(*), 'mean', perf_eval.goal_coefficient_agg(l.coefficient),
                                         'coefficients', coalesce(jsonb_agg(jsonb_build_object('goal', l.goal_code,
                                                                                               'coefficient', l.coefficient)
                                                                            ORDER BY l.goal_code), '[]')),
            'parameters', perf_eval.param_explanation($3, ARRAY['goals.csb.pts_goal_bp_link']),
            'maximum_for_kind', perf_eval.param_numeric($3, 'goals.csb.pts_goal_bp_link')))::perf_eval.node_value
    FROM perf_eval.goal_programme_link AS l
    WHERE l.body = $1 AND l.year = $2
$$;
COMMENT ON FUNCTION perf_eval.goals_goal_bp_link_node(text, integer, text) IS
'The CSB goal-BP link criterion L of a body in a year under a methodology: pts x the mean of the expert coefficients of its goals (docs/methodology.md §3.3, APA 2020 report §1.2)';

-- C: Citizens Budget, pts · scale(c) (CSB) or bands(c) (LEB, from 2020).
CREATE FUNCTION perf_eval.goals_citizens_budget_node(body text, methodology text, kind text, compliance numeric)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- c is shown even where the version has no such criterion: finite, 0..100.
    PERFORM perf_eval.goals_check_range(compliance, 'citizens_budget_compliance', 0, 100, format('Body %s', body),
                                        'Citizens Budget, docs/methodology.md §3.3 and §3.6.');
    RETURN (SELECT ROW($1, 'goals.budget.citizens_budget', x.raw, CASE WHEN x.raw IS NULL THEN 'no_data' END,
        jsonb_build_object(
            'formula', CASE WHEN x.csb
                THEN jsonb_build_object('id', 'citizens_budget_csb', 'text', 'pts · scale(c), c = compliance in %')
                ELSE jsonb_build_object('id', 'citizens_budget_leb', 'text', 'bands(c), c = compliance in %') END,
            'clause', CASE WHEN x.csb THEN 'docs/methodology.md §3.3, APA 2020 report §1.5'
                           ELSE 'docs/methodology.md §3.3, §8 E10, APA 2020 report §1.2, Table 1.2' END,
            'inputs', jsonb_build_object('c', $4),
            'parameters', perf_eval.param_explanation(m.v, CASE WHEN x.csb
                THEN ARRAY['goals.csb.pts_citizens_budget', 'goals.csb.citizens_budget_scale']
                ELSE ARRAY['goals.leb.pts_citizens_budget', 'goals.leb.citizens_budget_bands'] END),
            'maximum_for_kind', x.maximum))::perf_eval.node_value
    FROM (SELECT perf_eval.resolve_methodology($2) AS v, lower($3) = 'csb' AS csb) AS r
    CROSS JOIN LATERAL (SELECT r.v, r.csb,
                               perf_eval.param_numeric(r.v, 'goals.' || lower($3) || '.pts_citizens_budget') AS maximum) AS m
    CROSS JOIN LATERAL (SELECT m.csb, m.maximum,
        CASE WHEN m.csb THEN perf_eval.csb_citizens_budget_points($4, m.maximum,
                                                                  perf_eval.param_text(m.v, 'goals.csb.citizens_budget_scale'))
             ELSE perf_eval.leb_citizens_budget_points($4, perf_eval.param_text(m.v, 'goals.leb.citizens_budget_bands')) END
        AS raw) AS x);
END
$$;
COMMENT ON FUNCTION perf_eval.goals_citizens_budget_node(text, text, text, numeric) IS
'The Citizens Budget criterion C of a body under a methodology for its kind from the compliance c in %: CSB pts x scale(c), LEB bands(c) (docs/methodology.md §3.3, §8 E10)';

-- V (LEB): absence of violations (max 10).
CREATE FUNCTION perf_eval.goals_violations_node(body text, methodology text, audited boolean, violations numeric,
                                                audited_amount numeric, ia_analysis boolean)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    raw numeric;
BEGIN
    -- V and B are shown even when the body was not audited: finite and >= 0.
    PERFORM perf_eval.goals_check_range(violations, 'violations_amount', 0, NULL, format('Body %s', body),
                                        'LEB absence of violations, docs/methodology.md §3.3 and §3.6.');
    PERFORM perf_eval.goals_check_range(audited_amount, 'audited_amount', 0, NULL, format('Body %s', body),
                                        'LEB absence of violations, docs/methodology.md §3.3 and §3.6.');
    raw := perf_eval.leb_violation_points(audited, violations, audited_amount, ia_analysis,
               perf_eval.param_numeric(v, 'goals.leb.violations_clean'),
               perf_eval.param_numeric(v, 'goals.leb.violations_ia_analysis'),
               perf_eval.param_numeric(v, 'goals.leb.violations_not_audited'),
               perf_eval.param_text(v, 'goals.leb.violations_bands'));
    RETURN ROW(body, 'goals.budget.violations', raw, CASE WHEN raw IS NULL THEN 'no_data' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'leb_violations', 'text',
                '(not audited: 5 | audited, V = 0: 8 | else bands(100·V/B)) + 2 with an internal-audit analysis'),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2 (Table 1.2)',
            'inputs', jsonb_build_object('audited', audited, 'V', violations, 'B', audited_amount,
                                         'share_percent', CASE WHEN audited_amount > 0
                                             THEN trim_scale(round(100 * violations / audited_amount, 6)) END,
                                         'ia_analysis', ia_analysis),
            'parameters', perf_eval.param_explanation(v, ARRAY['goals.leb.pts_violations', 'goals.leb.violations_clean',
                'goals.leb.violations_ia_analysis', 'goals.leb.violations_not_audited', 'goals.leb.violations_bands']),
            'maximum_for_kind', perf_eval.param_numeric(v, 'goals.leb.pts_violations')))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_violations_node(text, text, boolean, numeric, numeric, boolean) IS
'The LEB absence-of-violations criterion V of a body under a methodology from its budget assessment: audited, violations V, audited amount B, internal-audit analysis (docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2)';

-- DR (LEB): direct results of development programmes.
CREATE FUNCTION perf_eval.goals_direct_results_node(body text, methodology text, achieved bigint, total bigint)
RETURNS perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW($1, 'goals.budget.direct_results', x.raw,
        CASE WHEN x.raw IS NOT NULL THEN NULL WHEN $4 = 0 THEN 'zero_volume' ELSE 'no_data' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'direct_results', 'text', 'pts · achieved / total'),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2',
            'inputs', jsonb_build_object('achieved', $3, 'total', $4),
            'parameters', perf_eval.param_explanation($2, ARRAY['goals.leb.pts_direct_results', 'policy.zero_volume']),
            'maximum_for_kind', m.maximum))::perf_eval.node_value
    FROM (SELECT perf_eval.param_numeric($2, 'goals.leb.pts_direct_results') AS maximum) AS m
    CROSS JOIN LATERAL (SELECT perf_eval.direct_results_points($3, $4, m.maximum,
                                   perf_eval.param_text($2, 'policy.zero_volume')) AS raw) AS x
$$;
COMMENT ON FUNCTION perf_eval.goals_direct_results_node(text, text, bigint, bigint) IS
'The LEB direct-results criterion DR of a body under a methodology: pts x achieved / total, total = 0 by the zero-volume policy (docs/methodology.md §3.3)';

-- k_PPB (LEB, from 2020): a factor of the budget component; not reported -> 1.
CREATE FUNCTION perf_eval.goals_ppb_node(body text, methodology text, share numeric)
RETURNS perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ROW($1, 'goals.budget.ppb',
        CASE WHEN $3 IS NULL THEN 1
             ELSE perf_eval.ppb_coefficient($3, perf_eval.param_text(perf_eval.resolve_methodology($2), 'goals.leb.ppb_bands')) END,
        NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'ppb_coefficient', 'text',
                'k_PPB = bands(p), p = % of the local budget distributed through the participatory budget; not reported: 1'),
            'clause', 'docs/methodology.md §3.3, §3.5, §8 E11, APA 2020 report §1.2, Table 1.2',
            'inputs', jsonb_build_object('p', $3, 'reported', $3 IS NOT NULL),
            'parameters', perf_eval.param_explanation(perf_eval.resolve_methodology($2),
                                                      ARRAY['goals.leb.ppb_bands', 'goals.leb.ppb_applies_to'])
        ))::perf_eval.node_value
$$;
COMMENT ON FUNCTION perf_eval.goals_ppb_node(text, text, numeric) IS
'The LEB participatory-budget coefficient k_PPB of a body under a methodology from the share p in % (NULL: not practised, 1); a factor of the budget component (docs/methodology.md §3.3, §3.5, §8 E11)';

-- P: sum of facts x goals.penalty.<kind>, plus the detected BP result overfulfilment (§3.4).
CREATE OR REPLACE FUNCTION perf_eval.goals_penalties_node(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := body;
    y integer := year;
    v text := methodology;
    bp_threshold numeric := perf_eval.param_numeric(v, 'goals.bp_result_overfulfil_threshold');
    unknown record;
    items jsonb;
BEGIN
    SELECT e.kind, sum(e.count)::bigint AS facts INTO unknown
    FROM perf_eval.penalty_event AS e
    WHERE e.body = b AND e.year = y AND e.block = 'goals' AND NOT perf_eval.param_exists(v, 'goals.penalty.' || e.kind)
    GROUP BY e.kind ORDER BY e.kind LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown goals penalty kind "%"', unknown.kind
            USING ERRCODE = '22023',
                  DETAIL = format('%s penalty fact(s) of kind %s; methodology %s knows %s.',
                                  unknown.facts, unknown.kind, v,
                                  (SELECT string_agg(substr(p.key, 15), ', ' ORDER BY p.key)
                                   FROM perf_eval.methodology_param AS p
                                   WHERE p.methodology = v AND p.key LIKE 'goals.penalty.%')),
                  HINT = 'Penalties, docs/methodology.md §3.4: the kind is a goals.penalty.<kind> parameter of the version.';
    END IF;

    SELECT jsonb_agg(i.item ORDER BY i.ord, i.item ->> 'kind') INTO items FROM (
        SELECT 1 AS ord, jsonb_build_object(
                   'kind', e.kind, 'facts', sum(e.count)::bigint, 'points_each', perf_eval.param_numeric(v, 'goals.penalty.' || e.kind),
                   'points', perf_eval.goals_penalty_points(sum(e.count)::bigint, perf_eval.param_numeric(v, 'goals.penalty.' || e.kind)),
                   'source', 'penalty_event', 'note', string_agg(e.note, '; ' ORDER BY e.penalty_id),
                   'parameter', perf_eval.goals_param_object(v, 'goals.penalty.' || e.kind)) AS item
        FROM perf_eval.penalty_event AS e
        WHERE e.body = b AND e.year = y AND e.block = 'goals'
        GROUP BY e.kind
        UNION ALL
        -- BP result indicators with F > threshold x P (strict) are detected here.
        SELECT 2, jsonb_build_object(
                   'kind', 'bp_result_overfulfilment', 'facts', count(*),
                   'points_each', perf_eval.param_numeric(v, 'goals.penalty.bp_result_overfulfilment'),
                   'points', perf_eval.goals_penalty_points(count(*), perf_eval.param_numeric(v, 'goals.penalty.bp_result_overfulfilment')),
                   'source', 'detected: F > threshold · P',
                   'results', jsonb_agg(jsonb_build_object('programme', r.programme_code, 'result', r.result_code,
                                                           'plan', r.plan, 'fact', r.fact) ORDER BY r.programme_code, r.result_code),
                   'parameter', perf_eval.goals_param_object(v, 'goals.penalty.bp_result_overfulfilment'),
                   'test_parameter', perf_eval.goals_param_object(v, 'goals.bp_result_overfulfil_threshold'))
        FROM perf_eval.budget_programme_result AS r
        WHERE r.body = b AND r.year = y
          AND r.fact > bp_threshold * r.plan
        HAVING count(*) > 0
        UNION ALL
        -- Target indicators not taken into account (status not_counted), where the version
        -- penalises them (kz2020_apa; seed 000 lines 1003-1005): facts x points, at most the cap.
        SELECT 3, jsonb_build_object(
                   'kind', 'uncounted_ti', 'facts', count(*), 'points_each', u.each,
                   'points', least(perf_eval.goals_penalty_points(count(*), u.each), u.cap),
                   'cap', u.cap, 'source', 'detected: target indicator not taken into account',
                   'indicators', jsonb_agg(jsonb_build_object('goal', t.goal_code, 'indicator', t.indicator_code,
                                                              'reason', t.reason) ORDER BY t.goal_code, t.indicator_code),
                   'parameter', perf_eval.goals_param_object(v, u.key),
                   'cap_parameter', perf_eval.goals_param_object(v, 'goals.uncounted_ti_penalty_cap'))
        FROM (SELECT k.key, perf_eval.param_numeric(v, k.key) AS each,
                     perf_eval.param_numeric(v, 'goals.uncounted_ti_penalty_cap') AS cap
              FROM (SELECT 'goals.' || lower(bd.kind) || '.uncounted_ti_penalty' AS key
                    FROM perf_eval.body AS bd WHERE bd.code = b) AS k
              WHERE perf_eval.param_exists(v, k.key)
              OFFSET 0) AS u
        JOIN perf_eval.assessed_target_indicators(y, v, b) AS t ON t.status = 'not_counted'
        GROUP BY u.key, u.each, u.cap
    ) AS i;

    RETURN ROW(b, 'goals.penalties',
        coalesce((SELECT sum((x ->> 'points')::numeric) FROM jsonb_array_elements(items) AS x), 0), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_penalties', 'text',
                'P = Σ facts · goals.penalty.<kind>; no cap, the block is floored by policy.clamp'
                || CASE WHEN perf_eval.param_exists(v, 'goals.uncounted_ti_penalty_cap')
                        THEN '; + min(uncounted TIs · goals.{kind}.uncounted_ti_penalty, goals.uncounted_ti_penalty_cap)' ELSE '' END),
            'clause', 'docs/methodology.md §3.4, APA 2020 report §1.5',
            'inputs', jsonb_build_object('penalties', coalesce(items, '[]')),
            'parameters', perf_eval.param_explanation(v, ARRAY(
                SELECT p.key FROM perf_eval.methodology_param AS p
                WHERE p.methodology = v AND (p.key LIKE 'goals.penalty.%' OR p.key ~ '^goals\.([a-z]+\.)?uncounted_ti_penalty')))
        ))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_penalties_node(text, integer, text) IS
'The goals penalties P of a body in a year under a methodology: Σ facts x goals.penalty.<kind> over its penalty events, plus the BP result overfulfilment detected from F > threshold x P, plus, where the version has goals.{kind}.uncounted_ti_penalty, its points per target indicator not taken into account up to goals.uncounted_ti_penalty_cap; an unknown kind is 22023 (docs/methodology.md §3.4, §2.9)';

CREATE OR REPLACE FUNCTION perf_eval.goal_nodes(body text, year integer, methodology text DEFAULT NULL)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Raw values of the goals nodes of one body (METHODOLOGY §3), each from its
-- own function:
--   goals.strategic  = pts_strategic x S   (goals_strategic_node)
--   goals.budget.*   = the criteria of §3.3: CSB bp_efficiency, goal_bp_link,
--                      citizens_budget; LEB violations, direct_results,
--                      bp_efficiency, citizens_budget [kz2020+], the factor
--                      ppb [kz2020+]
--   goals.penalties  = sum of facts x goals.penalty.<kind> (goals_penalties_node)
-- goals.budget itself is not computed here: it is a sum node of the tree, and
-- the engine rolls it up from the criteria as it stores them (supplied ones
-- override computed ones, each clamped with its maximum for the body's kind,
-- the max_key of the criterion with {kind}): B = E + L + C (CSB) |
-- k_PPB x (V + DR + E + C) (LEB; ppb is a factor child). The engine also adds
-- the block G = S + B - P and applies policy.clamp with node.max (§3.5).
DECLARE
    b text := body;
    y integer := year;
    v text := perf_eval.resolve_methodology(methodology);
    k text;
    ba perf_eval.budget_assessment;
BEGIN
    SELECT lower(bd.kind) INTO k FROM perf_eval.body AS bd WHERE bd.code = b;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown body "%"', b USING ERRCODE = '22023', HINT = 'Bodies are listed in perf_eval.body.';
    END IF;
    SELECT * INTO ba FROM perf_eval.budget_assessment AS a WHERE a.body = b AND a.year = y;

    RETURN NEXT perf_eval.goals_strategic_node(b, y, v, k);
    RETURN NEXT perf_eval.goals_bp_efficiency_node(b, y, v, k);
    IF k = 'csb' THEN
        RETURN NEXT perf_eval.goals_goal_bp_link_node(b, y, v);
        RETURN NEXT perf_eval.goals_citizens_budget_node(b, v, k, ba.citizens_budget_compliance);
    ELSE
        RETURN NEXT perf_eval.goals_violations_node(b, v, ba.audited, ba.violations_amount, ba.audited_amount,
                                                      ba.ia_analysis);
        RETURN NEXT perf_eval.goals_direct_results_node(b, v, ba.direct_results_achieved, ba.direct_results_total);
        -- Criteria added in 2020: absent from kz2017.
        IF perf_eval.param_exists(v, 'goals.leb.citizens_budget_bands') THEN
            RETURN NEXT perf_eval.goals_citizens_budget_node(b, v, k, ba.citizens_budget_compliance);
        END IF;
        IF perf_eval.param_exists(v, 'goals.leb.ppb_bands') THEN
            RETURN NEXT perf_eval.goals_ppb_node(b, v, ba.participatory_budget_share);
        END IF;
    END IF;
    RETURN NEXT perf_eval.goals_penalties_node(b, y, v);
END
$$;
COMMENT ON FUNCTION perf_eval.goal_nodes(text, integer, text) IS
'Raw goals nodes of one body in a year under a methodology, with explanations: goals.strategic (every goal coefficient, every indicator result, the corrections with the parameters that made them, the excluded indicators), the budget criteria (the engine rolls goals.budget up from them), the penalties (docs/methodology.md §3.1-§3.5)';

-- compute_run after the engine split, the factor roll-up and the registry checks (issue 15).
-- The engine's steps; compute_run (now in C, src/engine_gate.c) runs them with the
-- right to write the run's results.
CREATE OR REPLACE FUNCTION perf_eval.compute_run_steps(run_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    this_run perf_eval.run;
    v text;
    y integer;
    clamp text;
    digest text;
    current_id bigint;
    scored_bodies integer;
    scored_nodes integer;
    problems text;
    context text;
    copy_from bigint;
    skip text[];
BEGIN
    SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = compute_run_steps.run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % does not exist', compute_run_steps.run_id
            USING ERRCODE = '22023',
                  DETAIL = 'perf_eval.run has no row with this run_id.',
                  HINT = 'Start a calculation with CALL perf_eval.recalculate(year), which logs the run and computes it.';
    END IF;
    v := this_run.methodology;
    y := this_run.year;

    -- One recalculation of a year at a time; a second one waits for the first.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.recalculate'), y);

    PERFORM perf_eval.check_methodology(v);
    clamp := perf_eval.param_text(v, 'policy.clamp');

    -- Bring the monthly partial states of the raw registries up to date
    -- (only months changed since their last refresh are rescanned, §7.2).
    PERFORM perf_eval.refresh_monthly_tallies(y);
    -- Registry rows that cannot be attributed are data problems of the run,
    -- not errors: listed in pg_temp.pe_problems (45_registry_checks.sql).
    CALL perf_eval.collect_registry_problems(y);
    SELECT coalesce(string_agg(concat_ws('|', p.registry, p.body, p.month, p.rows, p.reason), ','
                               ORDER BY p.registry, p.body, p.month, p.reason), '')
    INTO problems FROM pg_temp.pe_problems AS p;

    -- Unchanged inputs (and the same data problems): the current result stands
    -- (idempotent for pg_cron).
    digest := perf_eval.inputs_digest(y, v);
    SELECT cr.run_id INTO current_id FROM perf_eval.current_run AS cr
    WHERE cr.year = y AND cr.methodology = v AND cr.inputs_digest = digest;
    IF FOUND AND problems = (SELECT coalesce(string_agg(concat_ws('|', p.registry, p.body, p.month, p.rows, p.reason), ','
                                                        ORDER BY p.registry, p.body, p.month, p.reason), '')
                             FROM perf_eval.run_problems AS p WHERE p.run_id = current_id) THEN
        UPDATE perf_eval.run AS r SET status = 'unchanged', same_as_run = current_id, inputs_digest = digest,
                                      finished_at = clock_timestamp()
        WHERE r.run_id = compute_run_steps.run_id;
        DROP TABLE pg_temp.pe_problems;
        RETURN;
    END IF;
    INSERT INTO perf_eval.run_problems (run_id, registry, body, month, rows, reason)
    SELECT compute_run_steps.run_id, p.registry, p.body, p.month, p.rows, p.reason FROM pg_temp.pe_problems AS p;
    DROP TABLE pg_temp.pe_problems;

    -- A monthly state written by hand may be inconsistent: named, body and month.
    CALL perf_eval.check_monthly_states(y);

    -- 0. Bodies whose own inputs are unchanged since the current run, in the
    -- same context, keep their scores: they are copied, not recomputed.
    context := perf_eval.context_digest(v);
    CALL perf_eval.choose_bodies_to_compute(y, v, context, copy_from);
    SELECT coalesce(array_agg(b.body), '{}') INTO skip FROM pg_temp.pe_body_inputs AS b WHERE b.computed_in_run IS NOT NULL;

    -- 1.-3. Node computers, bottom-up level by level, then the composite.
    CALL perf_eval.compute_work(y, v, clamp, skip);
    -- The roll-up also took in supplied scores of skipped bodies: theirs are copied.
    DELETE FROM pg_temp.pe_work AS w WHERE w.body = ANY (skip);

    -- 4. Store the score tree with explanations that name methodology, policies and assumptions.
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run_steps.run_id, w.body, w.node, trim_scale(w.value), trim_scale(w.raw_value), w.origin, w.superseded,
           CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END,
           w.reason,
           jsonb_build_object('node', w.node, 'body', w.body, 'year', y, 'methodology', v,
                              'origin', w.origin,
                              'status', CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END)
           || w.explanation
           || jsonb_build_object('policy_parameters', perf_eval.param_explanation(v, ARRAY['policy.clamp', 'policy.zero_volume']))
    FROM pg_temp.pe_work AS w;
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run_steps.run_id, s.body, s.node, s.value, s.raw_value, s.origin, s.superseded, s.status, s.reason, s.explanation
    FROM perf_eval.score AS s
    WHERE s.run_id = copy_from AND s.body = ANY (skip);
    INSERT INTO perf_eval.run_body (run_id, body, inputs_digest, computed_in_run)
    SELECT compute_run_steps.run_id, b.body, b.inputs_digest, coalesce(b.computed_in_run, compute_run_steps.run_id)
    FROM pg_temp.pe_body_inputs AS b;

    SELECT count(DISTINCT s.body), count(*) INTO scored_bodies, scored_nodes
    FROM perf_eval.score AS s WHERE s.run_id = compute_run_steps.run_id;
    UPDATE perf_eval.run AS r
    SET status = 'succeeded', finished_at = clock_timestamp(), inputs_digest = digest, context_digest = context,
        bodies_scored = scored_bodies, nodes_scored = scored_nodes
    WHERE r.run_id = compute_run_steps.run_id;
    CALL perf_eval.record_run_inputs(compute_run_steps.run_id, y, v);  -- what it used, for verify_run
    DROP TABLE pg_temp.pe_work;
    DROP TABLE pg_temp.pe_body_inputs;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_run_steps(bigint) IS
'The steps of compute_run: computes the score tree of a running run, recomputing only the bodies whose inputs changed since the current run in the same context (run_body; the setting perf_eval.incremental_recalculation = off recomputes all) and copying the others'' scores; registry rows that cannot be attributed (unknown body code, impossible dates) are left out of the tallies and listed in run_problems; raises on other invalid inputs, leaving nothing behind';

CREATE OR REPLACE FUNCTION perf_eval.compute_run(run_id bigint)
RETURNS void
AS 'MODULE_PATHNAME', 'pe_compute_run'
LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION perf_eval.compute_run(bigint) IS
'Computes the score tree of a running run (the engine behind recalculate; the only way to write a run''s results: perf_eval.engine_writes), recomputing only the bodies whose inputs changed since the current run in the same context (run_body; the setting perf_eval.incremental_recalculation = off recomputes all) and copying the others'' scores; registry rows that cannot be attributed (unknown body code, impossible dates) are left out of the tallies and listed in run_problems; raises on other invalid inputs, leaving nothing behind';


-- The composite step of the roll-up is its own procedure (no PL/pgSQL routine over 120 lines).
-- 3. The composite score, where the version defines composite weights
-- (kz2017, METHODOLOGY §1.4): the weighted sum of the three blocks of
-- pg_temp.pe_work, clamped with its maximum.
CREATE PROCEDURE perf_eval.roll_up_composite(v text, clamp text)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns).
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
    SELECT b.code, 'composite',
           CASE WHEN count(w.value) = count(*) THEN sum(p.value::numeric * w.value) END,
           CASE WHEN count(w.value) < count(*) THEN 'needs all three blocks' END,
           jsonb_build_object('formula', jsonb_build_object('id', 'composite', 'text',
                                  string_agg(p.value || '·' || blk.code, ' + ' ORDER BY blk.node_order)),
                              'clause', 'APA 2020 report §1.1',
                              'parameters', perf_eval.param_explanation(v, array_agg(p.key)))
    FROM perf_eval.body AS b
    CROSS JOIN perf_eval.score_node AS blk
    JOIN perf_eval.methodology_param AS p ON p.methodology = v AND p.key = blk.weight_key
    LEFT JOIN pg_temp.pe_work AS w ON w.body = b.code AND w.node = blk.code
    WHERE blk.level = 'block'
    GROUP BY b.code
    HAVING bool_or(w.body IS NOT NULL);
    UPDATE pg_temp.pe_work AS w
    SET value = perf_eval.clamp_value(w.raw_value, perf_eval.node_maximum('composite', v), clamp)
    WHERE w.node = 'composite' AND w.raw_value IS NOT NULL;
END
$$;
COMMENT ON PROCEDURE perf_eval.roll_up_composite(text, text) IS
'Step 3 of compute_run: the composite score of each body in pg_temp.pe_work, where the version weights the blocks (docs/methodology.md §1.4), clamped with its maximum';
COMMENT ON PROCEDURE perf_eval.roll_up_nodes(integer, text, text) IS
'Steps 2-3 of compute_run: applies the version''s structural changes to pg_temp.pe_work (nodes left out, computed values scaled to a changed maximum), rolls it up the score tree level by level (sum and weighted nodes, supplied scores, the clamp policy with the node maximum, superseded children) and computes the composite where the version weights the blocks';

REVOKE EXECUTE ON PROCEDURE perf_eval.roll_up_composite(text, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.roll_up_composite(text, text) TO perf_eval_admin;

-- Issue 15, import wrappers and complaint explanations described once: one procedure
-- accepts an input kind or raises its refusal (import_accept_or_raise), one function
-- gives a one-table kind's report in line order (import_report_by_line), and the
-- complaint criteria build their explanations with criterion_explanation.

CREATE FUNCTION perf_eval.import_report_by_line(input_kind text)
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.line, p.body, p.year, p.field, p.reason, p.staging_id
    FROM perf_eval.import_report($1) AS p
    ORDER BY p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.import_report_by_line(text) IS
'The problems of an input kind with one staging table (line, body, year, field, reason, staging_id) ordered by line, field and reason; the row shape of complaint_counts_report() and supplied_score_report()';

CREATE PROCEDURE perf_eval.import_accept_or_raise(input_kind text, INOUT accepted bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    refusal text;
    hint text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CALL perf_eval.import_accept(input_kind, accepted, refusal, hint);
    IF refusal IS NOT NULL THEN
        RAISE EXCEPTION '%', refusal USING ERRCODE = '22023', HINT = hint;
    END IF;
END
$$;
COMMENT ON PROCEDURE perf_eval.import_accept_or_raise(text, bigint) IS
'Accepts the staged rows of an input kind as perf_eval.import_accept does, but raises its refusal (SQLSTATE 22023, the hint naming the report to read) instead of returning it; returns the rows moved';

CREATE OR REPLACE FUNCTION perf_eval.complaint_counts_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM perf_eval.import_report_by_line('complaint_counts') $$;
COMMENT ON FUNCTION perf_eval.complaint_counts_report() IS
'Every bad row of complaint_counts_staging with its field and reason (docs/methodology.md §4.5); empty when the staging table can be accepted';

CREATE OR REPLACE FUNCTION perf_eval.accept_complaint_counts()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('complaint_counts', accepted); RETURN accepted; END $$;
COMMENT ON FUNCTION perf_eval.accept_complaint_counts() IS
'Moves complaint_counts_staging into complaint_counts (replacing a body-year already loaded) only if the report is empty; returns the rows accepted';

CREATE OR REPLACE FUNCTION perf_eval.supplied_score_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT * FROM perf_eval.import_report_by_line('supplied_score') $$;
COMMENT ON FUNCTION perf_eval.supplied_score_report() IS
'Every bad row of supplied_score_staging with its field and reason (docs/methodology.md §1.2); empty when it can be accepted';

CREATE OR REPLACE FUNCTION perf_eval.accept_supplied_scores()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('supplied_score', accepted); RETURN accepted; END $$;
COMMENT ON FUNCTION perf_eval.accept_supplied_scores() IS
'Moves supplied_score_staging into supplied_score only if the report is empty; returns the rows accepted';

CREATE OR REPLACE FUNCTION perf_eval.accept_target_indicators()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('target_indicator', accepted); RETURN accepted; END $$;
COMMENT ON FUNCTION perf_eval.accept_target_indicators() IS
'Moves target_indicator_staging into goal and target_indicator only if the report is empty: each body-year in the file replaces its indicators, goals are created or retitled; returns the indicators accepted';

CREATE OR REPLACE FUNCTION perf_eval.accept_orgdev_inputs()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$ DECLARE accepted bigint; BEGIN CALL perf_eval.import_accept_or_raise('orgdev', accepted); RETURN accepted; END $$;
COMMENT ON FUNCTION perf_eval.accept_orgdev_inputs() IS
'Moves the four orgdev staging tables into their tables (a staged body-year replaces a loaded one; a staged list of systems replaces the loaded list) only if perf_eval.orgdev_inputs_report() is empty; returns the rows accepted';

CREATE OR REPLACE FUNCTION perf_eval.complaint_criteria(tally perf_eval.complaint_tally, methodology text DEFAULT NULL,
                                             source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Which criteria exist is read from the version:
--   kz2020:     R1 + R2 + R3 + R4                          (max 40 + 30 + 20 + 10)
--   kz2017:     R1 (x100) + R2 (tiers, a + c) + R3 supplied (no R4)
--   kz2020_apa: R1 (k 20) + one-time acceptance + R2 + R3 + internal audit (R4 bands by default)
-- Raw values (clamp none) with the version's zero-volume policy; a criterion
-- the counts cannot give is a NULL row with its reason. A NULL methodology
-- is the setting perf_eval.methodology, else the default version.
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    zero_volume text := perf_eval.param_text(v, 'policy.zero_volume');
    has_r4 boolean := perf_eval.param_exists(v, 'complaints.r4.bands');
    has_r3 boolean := perf_eval.param_exists(v, 'complaints.r3.scale');
    tiered boolean := perf_eval.param_exists(v, 'complaints.r2.tiers');
    apa boolean := perf_eval.param_exists(v, 'complaints.one_time_acceptance.pts');
    inputs jsonb;
    raw numeric;
    higher bigint;
BEGIN
    IF tally IS NULL THEN
        RETURN;
    END IF;
    tally := perf_eval.checked_tally(tally);
    inputs := jsonb_build_object('p', (tally).considered, 'f', (tally).late,
                                 'a', (tally).court_satisfied, 'c', (tally).higher_authority_satisfied,
                                 'n', (tally).repeated_satisfied, 'd', (tally).late_disciplined,
                                 'source', source);

    raw := perf_eval.complaint_timeliness_score((tally).late, (tally).considered,
               perf_eval.param_numeric(v, 'complaints.r1.k'), perf_eval.param_numeric(v, 'complaints.r1.scale'),
               'none', zero_volume);
    RETURN QUERY SELECT 'interaction.complaints.timeliness', raw,
        CASE WHEN raw IS NULL THEN 'zero_volume' END,
        perf_eval.criterion_explanation(v, 'R1', 'R1 = k·(p − S·f)/p',
            (SELECT p.source FROM perf_eval.methodology_param AS p WHERE p.methodology = v AND p.key = 'complaints.r1.scale'),
            inputs, ARRAY['complaints.r1.k', 'complaints.r1.scale', 'policy.zero_volume']);

    IF tiered THEN
        higher := CASE WHEN perf_eval.param_boolean(v, 'complaints.r2.count_higher_authority')
                       THEN (tally).higher_authority_satisfied ELSE 0 END;
        raw := perf_eval.complaint_court_score_tiered((tally).court_satisfied, higher, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_text(v, 'complaints.r2.tiers'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, 'R2_2017', 'R2 = k·(b − S(b)·(a + c))/b',
                'APA 2020 report §2.2, Table 2.3',
                inputs, ARRAY['complaints.r2.k', 'complaints.r2.tiers', 'complaints.r2.count_higher_authority', 'policy.zero_volume']);
    ELSE
        raw := perf_eval.complaint_court_score((tally).court_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_numeric(v, 'complaints.r2.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, 'R2', 'R2 = k·(p − S·a)/p',
                'APA 2020 report §2.5',
                inputs, ARRAY['complaints.r2.k', 'complaints.r2.scale', 'policy.zero_volume']);
    END IF;

    IF has_r3 THEN
        raw := perf_eval.complaint_repeat_score((tally).repeated_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r3.k'), perf_eval.param_numeric(v, 'complaints.r3.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.repeat', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, 'R3', 'R3 = k·(m − S·n)/m',
                'APA 2020 report §2.5',
                inputs, ARRAY['complaints.r3.k', 'complaints.r3.scale', 'policy.zero_volume']);
    ELSE
        -- kz2017: "share of satisfied complaints", a criterion the seeds do not define: supplied only.
        RETURN QUERY SELECT 'interaction.complaints.repeat', NULL::numeric, 'supplied_only',
            perf_eval.criterion_explanation(v, 'R3_2017', 'supplied by the assessor',
                'APA 2020 report §2.2', inputs, ARRAY['complaints.r3.k']);
    END IF;

    IF has_r4 THEN
        raw := perf_eval.complaint_internal_control_points((tally).late_disciplined, (tally).late,
                   perf_eval.param_text(v, 'complaints.r4.bands'), 'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.internal_control', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, CASE WHEN apa THEN 'internal_audit' ELSE 'R4' END, 'R4 = bands(100·d/f)',
                'APA 2020 report §2.5', inputs, ARRAY['complaints.r4.bands', 'policy.zero_volume']);
    END IF;

    IF apa THEN
        -- One-time acceptance needs the service-delivery registry (extra documents per 100 000).
        RETURN QUERY SELECT 'interaction.complaints.one_time_acceptance', NULL::numeric, 'no_data',
            perf_eval.criterion_explanation(v, 'one_time_acceptance', 'pts·scale(extra-document requests per 100 000 deliveries)',
                'APA 2020 report, chapter 2 recommendations',
                inputs, ARRAY['complaints.one_time_acceptance.pts', 'complaints.one_time_acceptance.scale']);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_criteria(perf_eval.complaint_tally, text, text) IS
'Raw R1-R4 (and the kz2020_apa criteria) of one complaint tally under a methodology (NULL: the setting perf_eval.methodology, else the default version), with explanations: formula, clause, inputs, parameters with provenance; the tally is checked by checked_tally: a negative count 22003, a part larger than its whole 22023 (docs/methodology.md §4.4, §4.5)';


-- Final definitions after merging parallel changes (issue 15).
CREATE OR REPLACE FUNCTION perf_eval.satisfaction_direction(
    methodology text, deliveries bigint, quality_appeals_justified bigint, satisfaction_percent numeric,
    source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['services.apa.s_pts_satisfaction', 'services.apa.s_pts_appeal', 'services.satisfaction_scale',
                         'services.appeal_scale', 'services.rate_base', 'policy.zero_volume'];
    zero_volume text;
    rate_base numeric;
BEGIN
    IF NOT perf_eval.param_exists(v, 'services.apa.s_pts_satisfaction')
       OR perf_eval.param_text(v, 'services.mode') <> 'computed' THEN
        RETURN;  -- the direction exists only in kz2020_apa (METHODOLOGY §4.1)
    END IF;
    -- Checked here too: without service counts the kernel is not called (issue 14 fuzz).
    IF satisfaction_percent IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'satisfaction_percent must be a finite number'
            USING ERRCODE = '22023', DETAIL = format('satisfaction_percent = %s.', satisfaction_percent),
                  HINT = 'Satisfaction of service recipients, docs/methodology.md §4.1, §4.2.';
    END IF;
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');
    rate_base := perf_eval.param_numeric(v, 'services.rate_base');
    node := 'interaction.satisfaction';
    reason := CASE WHEN deliveries IS NULL OR quality_appeals_justified IS NULL THEN 'no_data: service counts'
                   WHEN satisfaction_percent IS NULL AND deliveries > 0 THEN 'no_data: satisfaction_percent' END;
    IF reason IS NULL THEN
        SELECT s.raw_value, s.reason INTO raw_value, reason
        FROM perf_eval.service_satisfaction_value(v, keys[1:4], deliveries, quality_appeals_justified,
                                                  satisfaction_percent, rate_base, zero_volume) AS s;
    END IF;
    explanation := perf_eval.criterion_explanation(v, 'S',
        's_pts_satisfaction·scale(satisfaction %) + s_pts_appeal·scale(justified quality appeals per 100 000 deliveries)',
        'APA 2020 report, chapter 2 recommendations',
        jsonb_build_object('deliveries', deliveries, 'quality_appeals_justified', quality_appeals_justified,
                           'satisfaction_percent', satisfaction_percent, 'source', source,
                           'rates_per_rate_base', perf_eval.service_rates_shown(rate_base, deliveries,
                               jsonb_build_object('quality_appeals_justified', quality_appeals_justified))),
        keys);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.satisfaction_direction(text, bigint, bigint, numeric, text) IS
'The kz2020_apa direction S of one body: 75·scale(satisfaction %) + 25·scale(justified quality appeals per 100 000 deliveries), raw, with its explanation; no row under other versions (docs/methodology.md §4.1, §4.2)';


-- The services direction reads the delivery registry: yearly counts where loaded, else the merge of the body's monthly delivery states (issue 21, item 2).
CREATE OR REPLACE FUNCTION perf_eval.service_counts_of_year(year integer)
RETURNS TABLE (body text, deliveries bigint, deadline_violations bigint, unreasonable_refusals bigint,
               incomplete_package bigint, extra_documents bigint, electronic bigint,
               quality_appeals_justified bigint, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- One source per body, as for complaints (complaint_tallies): its yearly
    -- totals where loaded, otherwise the merge of its monthly partial states
    -- of the delivery registry (docs/methodology.md §7.2). States of codes
    -- missing from perf_eval.body are left out (a run lists them in run_problems).
    SELECT c.body, c.deliveries, c.deadline_violations, c.unreasonable_refusals, c.incomplete_package,
           c.extra_documents, c.electronic, c.quality_appeals_justified,
           coalesce(c.source, 'service_counts')
    FROM perf_eval.service_counts AS c
    WHERE c.year = $1
    UNION ALL
    SELECT r.body, (r.tally).deliveries, (r.tally).deadline_violations, (r.tally).unreasonable_refusals,
           (r.tally).incomplete_package, (r.tally).extra_documents, (r.tally).electronic,
           (r.tally).quality_appeals_justified, 'service_delivery (monthly partial states)'
    FROM (SELECT m.body, perf_eval.service_tally_merge_agg(m.tally) AS tally
          FROM perf_eval.service_tally_monthly AS m
          WHERE m.month >= pg_catalog.make_date($1, 1, 1) AND m.month < pg_catalog.make_date($1 + 1, 1, 1)
            AND NOT EXISTS (SELECT 1 FROM perf_eval.service_counts AS c WHERE c.body = m.body AND c.year = $1)
            AND EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body)
          GROUP BY m.body) AS r
    WHERE (r.tally).deliveries > 0
$$;
COMMENT ON FUNCTION perf_eval.service_counts_of_year(integer) IS
'The yearly service counts of each body of perf_eval.body in a year, and their source: perf_eval.service_counts where loaded, else the merge of its monthly partial states of the delivery registry perf_eval.service_delivery (bodies with no delivery in the year are left out; docs/methodology.md §4.2, §7.2)';


-- target_indicator_results resolves its parameters once per call and runs the kernel once per indicator (issue 21: 40 parameter lookups per indicator row before).
CREATE OR REPLACE FUNCTION perf_eval.target_indicator_results(year integer, methodology text DEFAULT NULL, body text DEFAULT NULL)
RETURNS TABLE (body text, goal_code text, indicator_code text, title text, unit text, direction text,
               plan numeric, plan_original numeric, fact numeric, fact_previous numeric, fact_published boolean,
               indicator_level text, eligible boolean, ratio numeric, result numeric, status text,
               overfulfilled boolean, plan_lowered boolean, no_dynamics boolean, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT * FROM perf_eval.assessed_target_indicators($1, $2, $3)
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_results(integer, text, text) IS
'Every target indicator of a year (optionally one body) assessed under a methodology: eligibility, ratio, result, status, correction flags and the reason it is not taken into account (docs/methodology.md §3.1)';


-- Consecutive marked months are refreshed in one pass over the blocks of their span (issue 21).
COMMENT ON FUNCTION perf_eval.refresh_full_scan_months() IS
'The setting perf_eval.refresh_full_scan_months (default 4): from this many marked months of a year, or when the marked months are consecutive (unless the setting is 13), refresh_monthly_tallies reads a registry in one pass over the blocks of their span (service_tallies_by_month, complaint_tallies_by_month) instead of month by month through the BRIN index';

-- The one-pass scans read only the blocks a BRIN index on the date gives for the range (issue 21).
COMMENT ON FUNCTION perf_eval.service_tallies_by_month(date, date, integer) IS
'The service_tally of every body and month over the deliveries with from_day <= delivered_on < to_day, read directly from service_delivery (one pass over only the blocks its BRIN index on delivered_on gives for the range, own parallel workers; workers NULL: as the planner would choose for a scan of the table); equal to service_tally_agg grouped by body and month (docs/methodology.md §7.1, §7.2)';
COMMENT ON FUNCTION perf_eval.complaint_tallies_by_month(date, date, integer) IS
'The complaint_tally of every body and month over the complaints with from_day <= answered_on < to_day (unanswered ones are not counted), read directly from complaint_record (one pass over only the blocks its BRIN index on answered_on gives for the range, own parallel workers; workers NULL: as the planner would choose); equal to complaint_tally_agg grouped by body and month (docs/methodology.md §7.1, §7.2)';

-- Incremental recalculation (issue 21): each run records its context digest
-- and each body's inputs digest; a run in the same context recomputes only
-- the bodies whose inputs changed and copies the others' scores.
-- The bodies of a run: the digest of each body's own inputs and the run
-- whose computation its scores are. A recalculation in the same context
-- (run.context_digest) recomputes only the bodies whose digest changed and
-- copies the others' scores from the current run, naming the run that
-- computed them (docs/architecture.md §3.4).
CREATE TABLE perf_eval.run_body (
    run_id           bigint NOT NULL REFERENCES perf_eval.run (run_id) ON DELETE CASCADE,
    body             text NOT NULL,
    inputs_digest    text NOT NULL,
    computed_in_run  bigint REFERENCES perf_eval.run (run_id) ON DELETE SET NULL,
    PRIMARY KEY (run_id, body)
);
COMMENT ON COLUMN perf_eval.run_body.run_id IS 'Run (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.run_body.body IS 'Code of a body with inputs in the run''s year';
COMMENT ON COLUMN perf_eval.run_body.inputs_digest IS 'Digest of the body''s own rows of every input relation for the year';
COMMENT ON COLUMN perf_eval.run_body.computed_in_run IS 'The run that computed the body''s scores: this run, or an earlier one from which they were copied unchanged; NULL once that run was deleted (the next recalculation then recomputes the body)';
COMMENT ON TABLE perf_eval.run_body IS
'Per run and body: the digest of the body''s own inputs and the run that computed its scores; a recalculation recomputes only bodies whose inputs changed since the current run (same context_digest) and copies the scores of the others';
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_body', '');
GRANT SELECT ON perf_eval.run_body TO perf_eval_reader;
GRANT INSERT ON perf_eval.run_body TO perf_eval_admin;
-- perf_eval.context_digest (new) and perf_eval.inputs_digest, which calls it, are
-- defined once, after the structural changes of a fork they cover (issue 19, item 4).

-- Every input relation has a body column: a row belongs to one body.
CREATE OR REPLACE FUNCTION perf_eval.body_inputs_digests(year integer)
RETURNS TABLE (body text, inputs_digest text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    rows_of_year text[] := '{}';
BEGIN
    FOR r IN SELECT i.relation, i.year_column, i.month_column FROM perf_eval.input_relation AS i
             ORDER BY i.relation::text LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                       WHERE a.attrelid = r.relation AND a.attname = 'body' AND a.attnum > 0 AND NOT a.attisdropped) THEN
            RAISE EXCEPTION 'input relation % has no column body', r.relation
                USING ERRCODE = '42703',
                      HINT = 'Every table listed in perf_eval.input_relation holds rows of one body each, named by its column body.';
        END IF;
        rows_of_year := rows_of_year || format(
            'SELECT t.body::text AS body, %L AS relation, (pg_catalog.to_jsonb(t) - %L)::text AS row_text FROM %s AS t WHERE %s',
            r.relation::text, 'refreshed_at', r.relation,
            perf_eval.rows_of_year_condition(r.year_column, r.month_column));
    END LOOP;
    IF cardinality(rows_of_year) = 0 THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT u.body, md5(string_agg(u.relation || %L || u.row_text, %L ORDER BY u.relation, u.row_text))
         FROM (%s) AS u GROUP BY u.body', ':', ',', array_to_string(rows_of_year, ' UNION ALL '))
        USING year;
END
$$;
COMMENT ON FUNCTION perf_eval.body_inputs_digests(integer) IS
'Per body with input rows in the year: md5 of its rows of every input relation (not refreshed_at); a body whose digest is unchanged in an unchanged context keeps its scores';

-- Which bodies this run computes: into pg_temp.pe_body_inputs (body,
-- inputs_digest, computed_in_run), computed_in_run set for the bodies whose
-- scores are copied from the current run (same context, same inputs digest),
-- which copy_from returns.
-- The setting perf_eval.incremental_recalculation = off recomputes every body.
CREATE PROCEDURE perf_eval.choose_bodies_to_compute(y integer, v text, context text, INOUT copy_from bigint)
LANGUAGE plpgsql
AS $$
DECLARE
    previous bigint;
BEGIN
    copy_from := NULL;
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CREATE TEMP TABLE pe_body_inputs ON COMMIT DROP AS
    SELECT d.body, d.inputs_digest, NULL::bigint AS computed_in_run FROM perf_eval.body_inputs_digests(y) AS d;
    SELECT cr.run_id INTO previous
    FROM perf_eval.current_run AS cr JOIN perf_eval.run AS r USING (run_id)
    WHERE cr.year = y AND cr.methodology = v AND r.context_digest = context;
    IF previous IS NULL
       OR NOT coalesce(current_setting('perf_eval.incremental_recalculation', true), 'on')::boolean THEN
        RETURN;
    END IF;
    UPDATE pg_temp.pe_body_inputs AS b SET computed_in_run = rb.computed_in_run
    FROM perf_eval.run_body AS rb
    WHERE rb.run_id = previous AND rb.body = b.body AND rb.inputs_digest = b.inputs_digest;
    copy_from := previous;
END
$$;
COMMENT ON PROCEDURE perf_eval.choose_bodies_to_compute(integer, text, text, bigint) IS
'Step 0 of compute_run: the bodies with inputs in the year and their inputs digests, into pg_temp.pe_body_inputs (created here, ON COMMIT DROP); those unchanged since the current run in the same context get the run that computed their scores (computed_in_run), and copy_from returns the current run to copy them from (NULL: every body is computed)';
REVOKE EXECUTE ON PROCEDURE perf_eval.choose_bodies_to_compute(integer, text, text, bigint) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.choose_bodies_to_compute(integer, text, text, bigint) TO perf_eval_admin;

-- Federated registries (issue 21, item 5): month_of, a date-only month that
-- postgres_fdw sends to a registry in another database.
CREATE FUNCTION perf_eval.month_of(day date)
RETURNS date
AS 'MODULE_PATHNAME', 'pe_month_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.month_of(date) IS
'The first day of the month of a date, as date_trunc(''month'', day::timestamp)::date (an infinite date is itself): the month a registry row counts in; a date-only call that postgres_fdw sends to a registry in another database, where date_trunc is not sent (docs/architecture.md §3.6)';

-- Results are append-only and written by the engine alone (issue 16, item 6):
-- row-level security admits a non-owner's writes of a run's results only while
-- compute_run computes that run; nobody but the owner deletes results.
CREATE FUNCTION perf_eval.engine_writes(run_id bigint)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_engine_writes'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION perf_eval.engine_writes(bigint) IS
'True while perf_eval.compute_run computes this run in the current session: the condition under which row-level security lets a non-owner write the run''s results';

ALTER TABLE perf_eval.run ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_logged_running ON perf_eval.run FOR INSERT TO perf_eval_admin
    WITH CHECK (status = 'running' AND started_by = session_user AND finished_at IS NULL
                AND inputs_digest IS NULL AND context_digest IS NULL AND same_as_run IS NULL
                AND bodies_scored IS NULL AND nodes_scored IS NULL
                AND backend_pid IS NOT DISTINCT FROM pg_catalog.pg_backend_pid());
CREATE POLICY run_finished_by_the_engine ON perf_eval.run FOR UPDATE TO perf_eval_admin
    USING (true)
    WITH CHECK (status IN ('running', 'failed', 'abandoned') OR perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.score ENABLE ROW LEVEL SECURITY;
CREATE POLICY score_written_by_the_engine ON perf_eval.score FOR INSERT TO perf_eval_admin WITH CHECK (perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.run_problems ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_problems_written_by_the_engine ON perf_eval.run_problems FOR INSERT TO perf_eval_admin
    WITH CHECK (perf_eval.engine_writes(run_id));
ALTER TABLE perf_eval.run_body ENABLE ROW LEVEL SECURITY;
CREATE POLICY run_body_written_by_the_engine ON perf_eval.run_body FOR INSERT TO perf_eval_admin
    WITH CHECK (perf_eval.engine_writes(run_id));
REVOKE DELETE ON perf_eval.run, perf_eval.score, perf_eval.run_problems FROM perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.compute_run_steps(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.compute_run_steps(bigint) TO perf_eval_admin;


-- Issue 16: the assessment cycle and results of record (55_runs.sql: the cycle,
-- its log and publications, published_run, result_run, result_score; current_score
-- shows the published revision; 70_reports.sql: result_* views, the released
-- views their default part, not-assessed bodies in the ranking; 71_assessment_cycle.sql).
-- -------------------------------------------------------------------------
-- The results of record (docs/architecture.md §3.7): the assessment cycle of
-- a year, block and methodology (collecting -> preliminary -> objections ->
-- final -> published), its log, and its published revisions. The moves are
-- the functions perf_eval.cycle_* (71_assessment_cycle.sql); here are the
-- records the result views read.
-- -------------------------------------------------------------------------
CREATE TABLE perf_eval.assessment_cycle (
    year                    integer NOT NULL,
    block                   text NOT NULL REFERENCES perf_eval.block (code),
    methodology             text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    state                   text NOT NULL DEFAULT 'collecting'
                            CHECK (state IN ('collecting', 'preliminary', 'objections', 'final', 'published')),
    opened_at               timestamptz NOT NULL DEFAULT clock_timestamp(),
    opened_by               name NOT NULL DEFAULT session_user,
    preliminary_at          timestamptz,
    objections_at           timestamptz,
    objection_working_days  integer CHECK (objection_working_days > 0),
    objection_deadline      date,
    final_at                timestamptz,
    final_run_id            bigint REFERENCES perf_eval.run (run_id),
    published_at            timestamptz,
    moved_at                timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (year, block, methodology),
    CHECK ((state IN ('final', 'published')) = (final_run_id IS NOT NULL)),
    CHECK ((state IN ('objections', 'final', 'published')) = (objection_deadline IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.assessment_cycle.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.assessment_cycle.block IS 'Code of the block assessed (perf_eval.block.code)';
COMMENT ON COLUMN perf_eval.assessment_cycle.methodology IS 'Methodology version of the assessment (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.assessment_cycle.state IS 'Stage: collecting | preliminary | objections | final | published';
COMMENT ON COLUMN perf_eval.assessment_cycle.opened_at IS 'When the cycle was opened (collecting began)';
COMMENT ON COLUMN perf_eval.assessment_cycle.opened_by IS 'Session role that opened the cycle';
COMMENT ON COLUMN perf_eval.assessment_cycle.preliminary_at IS 'When the preliminary stage began: runs started since are preliminary runs';
COMMENT ON COLUMN perf_eval.assessment_cycle.objections_at IS 'When the preliminary conclusions went to the bodies and objections opened';
COMMENT ON COLUMN perf_eval.assessment_cycle.objection_working_days IS 'Working days the bodies had to object (count)';
COMMENT ON COLUMN perf_eval.assessment_cycle.objection_deadline IS 'Last day an objection may be filed (objection_working_days after the day objections opened)';
COMMENT ON COLUMN perf_eval.assessment_cycle.final_at IS 'When the final conclusions were fixed';
COMMENT ON COLUMN perf_eval.assessment_cycle.final_run_id IS 'The run whose scores of the block are the final conclusions (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.assessment_cycle.published_at IS 'When the first revision was published';
COMMENT ON COLUMN perf_eval.assessment_cycle.moved_at IS 'When the cycle last moved (opened, changed stage, published a revision): the moved_at of its latest cycle_event';
COMMENT ON TABLE perf_eval.assessment_cycle IS
'The assessment cycle of a year, block and methodology: its stage (collecting, preliminary, objections, final, published), the dates of each stage, the objection deadline in working days and the final run; changed only by legal moves, checked by its triggers whether made by the perf_eval.cycle_* functions or directly (docs/architecture.md §3.7)';

CREATE TABLE perf_eval.cycle_event (
    event_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year         integer NOT NULL,
    block        text NOT NULL,
    methodology  text NOT NULL,
    from_state   text,
    to_state     text NOT NULL,
    run_id       bigint REFERENCES perf_eval.run (run_id),
    note         text,
    moved_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    moved_by     name NOT NULL DEFAULT session_user,
    FOREIGN KEY (year, block, methodology) REFERENCES perf_eval.assessment_cycle ON UPDATE CASCADE,
    UNIQUE (year, block, methodology, moved_at)
);
COMMENT ON COLUMN perf_eval.cycle_event.event_id IS 'Identifier of the move, increasing with time';
COMMENT ON COLUMN perf_eval.cycle_event.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cycle_event.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.cycle_event.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.cycle_event.from_state IS 'Stage before the move; NULL when the cycle was opened';
COMMENT ON COLUMN perf_eval.cycle_event.to_state IS 'Stage after the move (published again for a new revision)';
COMMENT ON COLUMN perf_eval.cycle_event.run_id IS 'The run the move fixed or published, if any';
COMMENT ON COLUMN perf_eval.cycle_event.note IS 'Deadline, revision or reason of the move';
COMMENT ON COLUMN perf_eval.cycle_event.moved_at IS 'When the move was made (the moved_at it gave the cycle; one event per move)';
COMMENT ON COLUMN perf_eval.cycle_event.moved_by IS 'Session role that made the move';
COMMENT ON TABLE perf_eval.cycle_event IS
'Every move of every assessment cycle: from which stage to which, the run concerned, who and when; written only by the move itself (a trigger of the cycle)';

CREATE TABLE perf_eval.publication (
    year          integer NOT NULL,
    block         text NOT NULL,
    methodology   text NOT NULL,
    revision      integer NOT NULL CHECK (revision > 0),
    run_id        bigint NOT NULL REFERENCES perf_eval.run (run_id),
    published_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_by  name NOT NULL DEFAULT session_user,
    reason        text,
    PRIMARY KEY (year, block, methodology, revision),
    FOREIGN KEY (year, block, methodology) REFERENCES perf_eval.assessment_cycle ON UPDATE CASCADE,
    CHECK (revision = 1 OR reason <> '')
);
COMMENT ON COLUMN perf_eval.publication.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.publication.block IS 'Code of the block published';
COMMENT ON COLUMN perf_eval.publication.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.publication.revision IS 'Revision number: 1 is the first publication, each correction adds one';
COMMENT ON COLUMN perf_eval.publication.run_id IS 'The run whose scores of the block are published (perf_eval.run.run_id); it cannot be deleted';
COMMENT ON COLUMN perf_eval.publication.published_at IS 'When the revision was published';
COMMENT ON COLUMN perf_eval.publication.published_by IS 'Session role that published it';
COMMENT ON COLUMN perf_eval.publication.reason IS 'Why a revision corrects the previous one; NULL for revision 1';
COMMENT ON TABLE perf_eval.publication IS
'Published revisions of a year, block and methodology: the run of each, who and when, and the reason of a correction; rows are never changed or deleted';

-- A publication is the record: never updated nor deleted (its run, referenced
-- without cascade, cannot be deleted either).
CREATE FUNCTION perf_eval.publication_is_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'published revisions are immutable'
        USING ERRCODE = '55000',
              DETAIL = pg_catalog.format('%s %s of block %s, revision %s.', OLD.methodology, OLD.year, OLD.block, OLD.revision),
              HINT = 'Publish a corrected revision with perf_eval.cycle_revise(year, block, reason); the superseded one stays readable.';
END
$$;
CREATE TRIGGER publication_is_immutable BEFORE UPDATE OR DELETE ON perf_eval.publication
FOR EACH ROW EXECUTE FUNCTION perf_eval.publication_is_immutable();

CREATE VIEW perf_eval.published_run AS
SELECT p.year, p.block, p.methodology, p.run_id, p.revision, p.published_at, p.published_by,
       p.revision < max(p.revision) OVER (PARTITION BY p.year, p.block, p.methodology) AS superseded,
       p.reason
FROM perf_eval.publication AS p;
COMMENT ON COLUMN perf_eval.published_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.published_run.block IS 'Code of the block published';
COMMENT ON COLUMN perf_eval.published_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.published_run.run_id IS 'The run whose scores of the block the revision publishes';
COMMENT ON COLUMN perf_eval.published_run.revision IS 'Revision number, 1 = first publication';
COMMENT ON COLUMN perf_eval.published_run.published_at IS 'When the revision was published';
COMMENT ON COLUMN perf_eval.published_run.published_by IS 'Session role that published it';
COMMENT ON COLUMN perf_eval.published_run.superseded IS 'True once a later revision corrects it; it stays readable';
COMMENT ON COLUMN perf_eval.published_run.reason IS 'Why the revision corrects the previous one; NULL for revision 1';
COMMENT ON VIEW perf_eval.published_run IS
'Every published revision of a year, block and methodology with its run; the one not superseded is the result of record';

SELECT pg_catalog.pg_extension_config_dump('perf_eval.assessment_cycle', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cycle_event', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cycle_event_event_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.publication', '');
GRANT SELECT ON perf_eval.assessment_cycle, perf_eval.cycle_event, perf_eval.publication, perf_eval.published_run
   TO perf_eval_reader;
-- Bodies read the stage and deadline of their cycles (to object in time).
GRANT SELECT ON perf_eval.assessment_cycle TO perf_eval_submitter;
-- The cycle_* functions (run by an assessor, an editor) write the cycle records.
GRANT INSERT, UPDATE ON perf_eval.assessment_cycle TO perf_eval_editor;
GRANT INSERT ON perf_eval.cycle_event, perf_eval.publication TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.cycle_event_event_id_seq TO perf_eval_editor;
-- The result views are defined once each, in their final form, where what
-- they read exists: result_run, result_score (with current_score), result_node
-- (with node_result) after the visibility functions (issue 17); result_ranking,
-- result_zone_counts, result_body_card (with ranking, zone_counts, body_card and
-- my_results) after the display settings (issue 19, item 6).

-- The ranking rule, defined here only: the block scores of one result (or
-- run) ranked per block and kind of body among the bodies assessed and
-- ranked in the block, 1 = the highest unrounded score, equal scores share a
-- rank and the next rank skips; bodies exempt from the block and scores that
-- could not be computed are left out, assessed-not-ranked bodies kept
-- without a rank. result_ranking, run_ranking (77_compare.sql) and the
-- sensitivity samples (78_sensitivity.sql) rank by it, each over the rows it
-- may read.
CREATE TYPE perf_eval.rankable_score AS (
    ref   bigint,
    body  text,
    kind  text,
    block text,
    value numeric,
    scope text
);
COMMENT ON TYPE perf_eval.rankable_score IS
'A block score as perf_eval.rank_block_scores takes it: the caller''s reference of the row (returned as given, to join the rank back), body, kind of body (CSB | LEB), block, unrounded value in points, scope of the body in the block (assessed_ranked | assessed_not_ranked | exempt)';

CREATE FUNCTION perf_eval.rank_block_scores(scores perf_eval.rankable_score[])
RETURNS TABLE (ref bigint, body text, kind text, block text, value numeric, scope text, rank bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.ref, s.body, s.kind, s.block, s.value, s.scope,
           CASE WHEN s.scope = 'assessed_ranked' THEN
               rank() OVER (PARTITION BY s.block, s.kind, s.scope = 'assessed_ranked' ORDER BY s.value DESC)
           END
    FROM unnest($1) AS s
    WHERE s.value IS NOT NULL AND s.scope <> 'exempt'
$$;
COMMENT ON FUNCTION perf_eval.rank_block_scores(perf_eval.rankable_score[]) IS
'The ranking rule: the block scores of one result or run ranked per block and kind of body among the bodies assessed and ranked, 1 = highest unrounded score, ties share a rank and the next rank skips; exempt bodies and NULL scores left out, assessed-not-ranked bodies with a NULL rank';
-- =========================================================================
-- Section: the assessment cycle and objections (docs/architecture.md §3.7)
-- The moves of a cycle (its records, assessment_cycle, cycle_event and
-- publication, are in 55_runs.sql, which the result views read):
--   cycle_open            -> collecting    reported data are collected
--   cycle_preliminary     -> preliminary   runs started from now on are preliminary
--   cycle_open_objections -> objections    preliminary conclusions go to the bodies
--   cycle_finalise        -> final         the run to publish is fixed
--   cycle_publish         -> published     revision 1, frozen
--   cycle_revise          (published)      a corrected revision with a reason
-- Each is refused with 22023 and a hint when illegal. This part comes after
-- the civil-servant parts because the objection deadline counts working days
-- on their calendar (cs_add_working_days, 65_civil_servant_model.sql).
-- =========================================================================

-- Settings of the cycle with their provenance; the objection period is not
-- stated by the sources (assumed).
CREATE TABLE perf_eval.cycle_setting (
    key         text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]*$'),
    value       integer NOT NULL CHECK (value > 0),
    provenance  text NOT NULL CHECK (provenance IN ('explicit', 'derived', 'assumed')),
    source      text NOT NULL CHECK (source <> ''),
    note        text
);
COMMENT ON COLUMN perf_eval.cycle_setting.key IS 'Name of the setting: objection_working_days';
COMMENT ON COLUMN perf_eval.cycle_setting.value IS 'Value of the setting (objection_working_days: working days, count)';
COMMENT ON COLUMN perf_eval.cycle_setting.provenance IS 'explicit (stated by a source) | derived | assumed (a decided reading)';
COMMENT ON COLUMN perf_eval.cycle_setting.source IS 'Public document the value comes from, or why it is assumed';
COMMENT ON COLUMN perf_eval.cycle_setting.note IS 'Free-text note on the setting';
COMMENT ON TABLE perf_eval.cycle_setting IS
'Settings of the assessment cycle with their provenance: objection_working_days, the working days a body has to object to its preliminary conclusions (default of perf_eval.cycle_open_objections)';
INSERT INTO perf_eval.cycle_setting VALUES
('objection_working_days', 10, 'assumed',
 'Neither the APA 2020 report nor the joint order of 27/28 January 2020 (No. 32/НҚ, No. 25) states how long a body may object to its preliminary conclusions; ten working days assumed',
 'Counted on the working calendar perf_eval.cs_working_calendar; the day after objections open is day 1');

-- The assessor of a block: the roles mapped to it here; a block without any
-- is assessed by perf_eval_admin. An assessor moves the block's cycles and
-- decides its objections (and, to do so, needs perf_eval_editor's privileges).
CREATE TABLE perf_eval.block_assessor (
    member_role  name NOT NULL,
    block        text NOT NULL REFERENCES perf_eval.block (code),
    PRIMARY KEY (member_role, block)
);
COMMENT ON COLUMN perf_eval.block_assessor.member_role IS 'Role whose members assess the block';
COMMENT ON COLUMN perf_eval.block_assessor.block IS 'Code of the block (perf_eval.block.code)';
COMMENT ON TABLE perf_eval.block_assessor IS
'The assessor of each block (the budget authorities for goals, the civil-service agency for HR, ...): members of member_role move the block''s cycles and decide its objections; a block with no row is assessed by perf_eval_admin';
SELECT pg_catalog.pg_extension_config_dump('perf_eval.block_assessor', '');

CREATE FUNCTION perf_eval.assesses(block text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN EXISTS (SELECT 1 FROM perf_eval.block_assessor AS a WHERE a.block = $1)
                THEN EXISTS (SELECT 1 FROM perf_eval.block_assessor AS a
                             WHERE a.block = $1 AND pg_catalog.pg_has_role(current_user, a.member_role, 'MEMBER'))
                ELSE pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER') END
$$;
COMMENT ON FUNCTION perf_eval.assesses(text) IS
'True if the current role assesses the block: a member of a role mapped to it in perf_eval.block_assessor, or of perf_eval_admin when none is';

-- One move of a cycle: checks the assessor and the stage, records who and when.
CREATE OR REPLACE FUNCTION perf_eval.cycle_move(y integer, b text, v text, to_state text, run bigint DEFAULT NULL,
                                     objection_days integer DEFAULT NULL, deadline date DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle := perf_eval.cycle_of(y, b, v);
BEGIN
    UPDATE perf_eval.assessment_cycle AS a
    SET state = to_state,
        objection_working_days = CASE WHEN to_state = 'objections' THEN objection_days ELSE a.objection_working_days END,
        objection_deadline = CASE WHEN to_state = 'objections' THEN deadline ELSE a.objection_deadline END,
        final_run_id = CASE WHEN to_state = 'final' THEN run ELSE a.final_run_id END
    WHERE a.year = c.year AND a.block = c.block AND a.methodology = c.methodology
    RETURNING * INTO c;
    RETURN c;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_move(integer, text, text, text, bigint, integer, date) IS
'One move of an assessment cycle (used by the cycle_* functions): refused (22023) when the cycle is missing; the triggers of perf_eval.assessment_cycle check the move (42501, 22023) and log it in cycle_event';

CREATE OR REPLACE FUNCTION perf_eval.cycle_open(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO perf_eval.assessment_cycle (year, block, methodology)
    VALUES ($1, $2, perf_eval.resolve_methodology($3))
    RETURNING *
$$;
COMMENT ON FUNCTION perf_eval.cycle_open(integer, text, text) IS
'Opens the assessment cycle of a year and block (methodology NULL: the default version) in stage collecting; from then on the reporting views show only its published result';

CREATE OR REPLACE FUNCTION perf_eval.cycle_preliminary(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.cycle_move($1, $2, perf_eval.resolve_methodology($3), 'preliminary')
$$;
COMMENT ON FUNCTION perf_eval.cycle_preliminary(integer, text, text) IS
'Moves a cycle from collecting to preliminary: the recalculations started from now on are its preliminary runs';

CREATE OR REPLACE FUNCTION perf_eval.cycle_open_objections(year integer, block text, methodology text DEFAULT NULL,
                                                working_days integer DEFAULT NULL, opened_on date DEFAULT current_date)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    days integer := coalesce(working_days, (SELECT s.value FROM perf_eval.cycle_setting AS s
                                            WHERE s.key = 'objection_working_days'));
BEGIN
    RETURN perf_eval.cycle_move(year, block, perf_eval.resolve_methodology(methodology), 'objections', NULL,
                                days, perf_eval.cs_add_working_days(opened_on, days));
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_open_objections(integer, text, text, integer, date) IS
'Moves a cycle from preliminary to objections (its preliminary run goes to the bodies); the objection deadline is working_days (default cycle_setting objection_working_days) working days after opened_on';

-- Objections of the bodies to their preliminary conclusions.
CREATE TABLE perf_eval.objection (
    objection_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year            integer NOT NULL,
    block           text NOT NULL REFERENCES perf_eval.block (code),
    methodology     text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    body            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    node            text NOT NULL REFERENCES perf_eval.score_node (code),
    claim           text NOT NULL CHECK (claim <> ''),
    value_asked     numeric,
    document        text NOT NULL CHECK (document <> ''),
    filed_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    filed_by        name NOT NULL DEFAULT session_user,
    decision        text CHECK (decision IN ('accepted', 'rejected')),
    decision_reason text,
    decided_at      timestamptz,
    decided_by      name,
    UNIQUE (year, methodology, body, node, document),
    CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decision_reason IS NULL))
);
COMMENT ON COLUMN perf_eval.objection.objection_id IS 'Identifier of the objection; cited by the explanation of the node it changed';
COMMENT ON COLUMN perf_eval.objection.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.objection.block IS 'Code of the block of the node';
COMMENT ON COLUMN perf_eval.objection.methodology IS 'Methodology version of the cycle';
COMMENT ON COLUMN perf_eval.objection.body IS 'Code of the objecting state body';
COMMENT ON COLUMN perf_eval.objection.node IS 'Code of the score node objected to';
COMMENT ON COLUMN perf_eval.objection.claim IS 'What the body claims';
COMMENT ON COLUMN perf_eval.objection.value_asked IS 'Score of the node the body asks for, in points';
COMMENT ON COLUMN perf_eval.objection.document IS 'Reference of the supporting document';
COMMENT ON COLUMN perf_eval.objection.filed_at IS 'When the objection was filed';
COMMENT ON COLUMN perf_eval.objection.filed_by IS 'Session role that filed it';
COMMENT ON COLUMN perf_eval.objection.decision IS 'accepted | rejected; NULL while pending';
COMMENT ON COLUMN perf_eval.objection.decision_reason IS 'Why the assessor decided so';
COMMENT ON COLUMN perf_eval.objection.decided_at IS 'When it was decided';
COMMENT ON COLUMN perf_eval.objection.decided_by IS 'Session role that decided it';
COMMENT ON TABLE perf_eval.objection IS
'Objections of bodies to their preliminary conclusions: node, claim, value asked, supporting document; the assessor''s decision with its reason. An accepted objection becomes a supplied score whose basis is the objection';
SELECT pg_catalog.pg_extension_config_dump('perf_eval.objection', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.objection_objection_id_seq', '');

ALTER TABLE perf_eval.objection ENABLE ROW LEVEL SECURITY;
CREATE POLICY submitter_own_body ON perf_eval.objection TO perf_eval_submitter
    USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body));

CREATE OR REPLACE FUNCTION perf_eval.file_objection(year integer, body text, node text, claim text, value_asked numeric,
                                         document text, methodology text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = file_objection.node);
    v text;
    id bigint;
BEGIN
    -- A body reads the cycles, not the methodology catalogue: without a
    -- methodology, the block's cycle open to objections. The rules of filing
    -- are the triggers objection_filed and objection_in_time (55_runs.sql).
    SELECT a.methodology INTO v FROM perf_eval.assessment_cycle AS a
    WHERE a.year = file_objection.year AND a.block = b
      AND (a.methodology = file_objection.methodology OR file_objection.methodology IS NULL)
    ORDER BY a.state = 'objections' DESC, a.methodology LIMIT 1;
    INSERT INTO perf_eval.objection (year, block, methodology, body, node, claim, value_asked, document)
    VALUES (year, b, coalesce(v, file_objection.methodology), body, node, claim, value_asked, document)
    RETURNING objection_id INTO id;
    -- Also for a superuser, whose direct inserts the trigger lets through.
    PERFORM perf_eval.refuse_objection_out_of_time(year, b, coalesce(v, file_objection.methodology));
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.file_objection(integer, text, text, text, numeric, text, text) IS
'A body''s submitter objects to its preliminary score of a node: claim, value asked, supporting document (methodology NULL: the block''s cycle open to objections); only for its own body (42501), only while the block''s cycle is in objections and before the deadline (22023); returns the objection id';

CREATE OR REPLACE FUNCTION perf_eval.decide_objection(objection_id bigint, decision text, reason text)
RETURNS perf_eval.objection
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o perf_eval.objection;
BEGIN
    -- The rules are the trigger objection_decided; an accepted objection is
    -- applied by the trigger objection_applied (55_runs.sql).
    UPDATE perf_eval.objection AS x
    SET decision = decide_objection.decision, decision_reason = reason
    WHERE x.objection_id = decide_objection.objection_id
    RETURNING * INTO o;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no objection %', objection_id USING ERRCODE = '22023';
    END IF;
    RETURN o;
END
$$;
COMMENT ON FUNCTION perf_eval.decide_objection(bigint, text, text) IS
'The block''s assessor accepts or rejects an objection with a reason, once, while the cycle is in objections; an accepted one becomes a supplied score of the node (value asked, basis "objection N: document") that the next recalculation applies and whose explanation cites';

-- Whether a run verifies (perf_eval.verify_run, when installed, lists the
-- nodes whose recomputation differs; called by name so this part does not
-- depend on the part that defines it).
CREATE FUNCTION perf_eval.refuse_unverified_run(run bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    differing bigint;
BEGIN
    IF pg_catalog.to_regprocedure('perf_eval.verify_run(bigint)') IS NULL THEN
        RETURN;
    END IF;
    EXECUTE 'SELECT count(*) FROM perf_eval.verify_run($1)' INTO differing USING run;
    IF differing > 0 THEN
        RAISE EXCEPTION 'run % does not verify: % nodes differ from a recomputation', run, differing
            USING ERRCODE = '22023', HINT = pg_catalog.format('See SELECT * FROM perf_eval.verify_run(%s); publish a run that verifies.', run);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_unverified_run(bigint) IS
'Refuses (22023) a run for which perf_eval.verify_run returns rows (nodes that a recomputation does not reproduce); does nothing where verify_run is not installed';

CREATE OR REPLACE FUNCTION perf_eval.cycle_finalise(year integer, block text, run_id bigint DEFAULT NULL, methodology text DEFAULT NULL)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    run bigint := coalesce(run_id, (SELECT r.run_id FROM perf_eval.result_run AS r
                                    WHERE r.year = cycle_finalise.year AND r.block = cycle_finalise.block
                                      AND r.methodology = v AND r.result_kind = 'preliminary'));
BEGIN
    -- The rules of the final run are the cycle's trigger (refuse_final_run).
    RETURN perf_eval.cycle_move(year, block, v, 'final', run);
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_finalise(integer, text, bigint, text) IS
'Moves a cycle from objections to final, fixing the run to publish (default: its latest preliminary run): every objection decided, the run succeeded and started after the last accepted objection';

CREATE OR REPLACE FUNCTION perf_eval.cycle_publish(year integer, block text, methodology text DEFAULT NULL)
RETURNS perf_eval.published_run
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    p perf_eval.published_run;
BEGIN
    -- The publication's triggers check it (publication_checked: the final
    -- run, verified) and move the cycle to published (publication_moves_cycle).
    INSERT INTO perf_eval.publication (year, block, methodology, revision) VALUES (year, block, v, 1);
    SELECT * INTO p FROM perf_eval.published_run AS r
    WHERE r.year = cycle_publish.year AND r.block = cycle_publish.block AND r.methodology = v AND r.revision = 1;
    RETURN p;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_publish(integer, text, text) IS
'Moves a cycle from final to published: its final run becomes revision 1 of the published result, which no later recalculation changes; refused (22023) if perf_eval.verify_run finds nodes the run does not reproduce';

CREATE OR REPLACE FUNCTION perf_eval.cycle_revise(year integer, block text, reason text, run_id bigint DEFAULT NULL,
                                       methodology text DEFAULT NULL)
RETURNS perf_eval.published_run
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    run bigint := coalesce(run_id, (SELECT cr.run_id FROM perf_eval.current_run AS cr
                                    WHERE cr.year = cycle_revise.year AND cr.methodology = v));
    n integer;
    p perf_eval.published_run;
BEGIN
    -- The publication's triggers number and check the revision and move the cycle.
    INSERT INTO perf_eval.publication (year, block, methodology, run_id, reason)
    VALUES (year, block, v, run, reason)
    RETURNING revision INTO n;
    SELECT * INTO p FROM perf_eval.published_run AS x
    WHERE x.year = cycle_revise.year AND x.block = cycle_revise.block AND x.methodology = v AND x.revision = n;
    RETURN p;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_revise(integer, text, text, bigint, text) IS
'Publishes a corrected revision of a published cycle with a reason: the run (default: the latest successful run of the year) becomes the result of record, the superseded revision stays readable in published_run';

GRANT SELECT ON perf_eval.cycle_setting, perf_eval.block_assessor, perf_eval.objection TO perf_eval_reader;
GRANT SELECT, INSERT ON perf_eval.objection TO perf_eval_submitter;
GRANT USAGE ON SEQUENCE perf_eval.objection_objection_id_seq TO perf_eval_submitter, perf_eval_editor;
GRANT SELECT, INSERT, UPDATE ON perf_eval.objection TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cycle_setting, perf_eval.block_assessor TO perf_eval_admin;

-- Issue 16, item 6: the cycle's records are unforgeable (55_runs.sql: row triggers of assessment_cycle, cycle_event, publication and objection check every direct write as the cycle_* functions would)
CREATE OR REPLACE FUNCTION perf_eval.cycle_of(y integer, b text, v text)
RETURNS perf_eval.assessment_cycle
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle;
BEGIN
    SELECT * INTO c FROM perf_eval.assessment_cycle AS a
    WHERE a.year = y AND a.block = b AND a.methodology = v FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment cycle of block % for % under %', b, y, v
            USING ERRCODE = '22023', HINT = pg_catalog.format('Open it first: SELECT perf_eval.cycle_open(%s, %L).', y, b);
    END IF;
    RETURN c;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_of(integer, text, text) IS
'The assessment cycle of a year, block and methodology, locked for update; refused (22023) when there is none';
CREATE OR REPLACE FUNCTION perf_eval.refuse_non_assessor(block text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT perf_eval.assesses(block) THEN
        RAISE EXCEPTION 'role % does not assess block %', current_user, block
            USING ERRCODE = '42501', HINT = 'The assessor of a block is mapped in perf_eval.block_assessor (perf_eval_admin when none is).';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_non_assessor(text) IS
'Refuses (42501) a role that does not assess the block (perf_eval.assesses)';
CREATE OR REPLACE FUNCTION perf_eval.refuse_foreign_run(run bigint, y integer, v text, verb text)
RETURNS perf_eval.run
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.run;
BEGIN
    SELECT * INTO r FROM perf_eval.run AS x WHERE x.run_id = run;
    IF NOT FOUND OR r.status <> 'succeeded' OR r.year <> y OR r.methodology <> v THEN
        RAISE EXCEPTION 'run % is not a succeeded run of % under %', coalesce(run::text, '(none)'), y, v
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and %s its run.', y, v, verb);
    END IF;
    RETURN r;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_foreign_run(bigint, integer, text, text) IS
'Refuses (22023) a run that is not a succeeded run of the year and methodology; verb names what to do with a good one (finalise, publish)';
CREATE OR REPLACE FUNCTION perf_eval.refuse_illegal_move(y integer, b text, state text, to_state text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    from_state text := CASE to_state WHEN 'preliminary' THEN 'collecting' WHEN 'objections' THEN 'preliminary'
                                     WHEN 'final' THEN 'objections' WHEN 'published' THEN 'final' END;
BEGIN
    RAISE EXCEPTION 'the assessment cycle of block % for % is %, it cannot move to %', b, y, state, to_state
        USING ERRCODE = '22023',
              DETAIL = pg_catalog.format('%s moves only from %s.', to_state, coalesce(from_state, 'nothing: a cycle opens in collecting')),
              HINT = CASE to_state
                         WHEN 'objections' THEN 'Move the cycle to preliminary and recalculate first (perf_eval.cycle_preliminary).'
                         WHEN 'final' THEN 'Open objections first (perf_eval.cycle_open_objections); a published cycle is corrected with perf_eval.cycle_revise.'
                         WHEN 'published' THEN 'Finalise first (perf_eval.cycle_finalise); a published cycle is corrected with perf_eval.cycle_revise.'
                         ELSE 'The cycle goes collecting, preliminary, objections, final, published.' END;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_illegal_move(integer, text, text, text) IS
'Refuses (22023) a move of the cycle of year y and block b, in stage state, to to_state from a stage it does not start from, naming the legal one and the next step';
CREATE OR REPLACE FUNCTION perf_eval.cycle_opens()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.refuse_non_assessor(NEW.block);
    IF NOT EXISTS (SELECT 1 FROM perf_eval.block AS k WHERE k.code = NEW.block) THEN
        RAISE EXCEPTION 'no block %', NEW.block USING ERRCODE = '22023', HINT = 'The blocks are listed in perf_eval.block.';
    END IF;
    IF EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS a
               WHERE a.year = NEW.year AND a.block = NEW.block AND a.methodology = NEW.methodology) THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % under % is already open', NEW.block, NEW.year, NEW.methodology
            USING ERRCODE = '22023', HINT = 'A year and block has one cycle; see its stage in perf_eval.assessment_cycle.';
    END IF;
    IF NEW.opened_by IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'a cycle is opened by the session user (%), not %', session_user, NEW.opened_by
            USING ERRCODE = '42501', HINT = 'Leave opened_by to its default.';
    END IF;
    IF NEW.state <> 'collecting' OR num_nonnulls(NEW.preliminary_at, NEW.objections_at, NEW.objection_working_days,
                                                 NEW.objection_deadline, NEW.final_at, NEW.final_run_id, NEW.published_at) > 0 THEN
        RAISE EXCEPTION 'a cycle opens in collecting, without the dates of later stages'
            USING ERRCODE = '22023', HINT = 'Open it with perf_eval.cycle_open(year, block) and move it with the perf_eval.cycle_* functions.';
    END IF;
    NEW.opened_at := clock_timestamp();
    NEW.moved_at := NEW.opened_at;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_opens() IS
'Trigger: a new assessment cycle is opened by the block''s assessor (42501), of a known block, once (22023), in collecting without later dates (22023), by the session user (42501), now';
CREATE OR REPLACE FUNCTION perf_eval.cycle_move_requested()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.moved_at := NULL;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_move_requested() IS
'Trigger (BEFORE UPDATE OF state, fires before cycle_moves): marks the change as a move for cycle_moves to check';
CREATE OR REPLACE FUNCTION perf_eval.refuse_final_run(y integer, b text, v text, preliminary_at timestamptz, run bigint)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.run := perf_eval.refuse_foreign_run(run, y, v, 'finalise');
    pending bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.run AS x
                   WHERE x.year = y AND x.methodology = v AND x.started_at >= refuse_final_run.preliminary_at
                     AND x.status IN ('succeeded', 'unchanged') AND coalesce(x.same_as_run, x.run_id) = run) THEN
        RAISE EXCEPTION 'run % was not computed in the preliminary or objection stage of block % for %', run, b, y
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and finalise its run.', y, v);
    END IF;
    SELECT count(*) INTO pending FROM perf_eval.objection AS o
    WHERE o.year = y AND o.block = b AND o.methodology = v AND o.decision IS NULL;
    IF pending > 0 THEN
        RAISE EXCEPTION '% objections to block % of % are not decided', pending, b, y
            USING ERRCODE = '22023', HINT = 'Decide every objection first (perf_eval.decide_objection).';
    END IF;
    IF r.started_at < (SELECT max(o.decided_at) FROM perf_eval.objection AS o
                       WHERE o.year = y AND o.block = b AND o.methodology = v
                         AND o.decision = 'accepted') THEN
        RAISE EXCEPTION 'run % started before the last accepted objection of block % was applied', run, b
            USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate (CALL perf_eval.recalculate(%s, %L)) and finalise the new run.', y, v);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_final_run(integer, text, text, timestamptz, bigint) IS
'Refuses (22023) a final run that is not a succeeded run of the cycle''s year y and methodology v computed in its preliminary or objection stage, or while objections are undecided, or started before the last accepted objection';
CREATE OR REPLACE FUNCTION perf_eval.cycle_moves()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    expected perf_eval.assessment_cycle := OLD;
BEGIN
    IF NEW.moved_at IS NOT NULL THEN
        -- Not a move: a superuser's correction, or the rename of the
        -- cycle's methodology cascading; nothing else.
        IF (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
            RETURN NEW;
        END IF;
        expected.methodology := NEW.methodology;
        IF NEW IS NOT DISTINCT FROM expected
           AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = OLD.methodology) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'an assessment cycle changes only by a move of its stage'
            USING ERRCODE = '22023', DETAIL = pg_catalog.format('Block %s of %s under %s.', OLD.block, OLD.year, OLD.methodology),
                  HINT = 'Move it with the perf_eval.cycle_* functions.';
    END IF;
    PERFORM perf_eval.refuse_non_assessor(OLD.block);
    IF NOT (OLD.state, NEW.state) IN (('collecting', 'preliminary'), ('preliminary', 'objections'), ('objections', 'final'),
                                      ('final', 'published'), ('published', 'published')) THEN
        PERFORM perf_eval.refuse_illegal_move(OLD.year, OLD.block, OLD.state, NEW.state);
    END IF;
    expected.state := NEW.state;
    expected.moved_at := NULL;
    IF NEW.state = 'objections' THEN
        IF NOT EXISTS (SELECT 1 FROM perf_eval.result_run AS r
                       WHERE r.year = OLD.year AND r.block = OLD.block AND r.methodology = OLD.methodology
                         AND r.result_kind = 'preliminary') THEN
            RAISE EXCEPTION 'block % of % has no preliminary run to object to', OLD.block, OLD.year
                USING ERRCODE = '22023', HINT = pg_catalog.format('Recalculate first: CALL perf_eval.recalculate(%s, %L).', OLD.year, OLD.methodology);
        END IF;
        IF NEW.objection_working_days IS NULL OR NEW.objection_deadline IS NULL THEN
            RAISE EXCEPTION 'objections open with their working days and deadline' USING ERRCODE = '22023',
                HINT = 'perf_eval.cycle_open_objections(year, block[, methodology, working_days, opened_on]).';
        END IF;
        expected.objection_working_days := NEW.objection_working_days;
        expected.objection_deadline := NEW.objection_deadline;
    ELSIF NEW.state = 'final' THEN
        PERFORM perf_eval.refuse_final_run(OLD.year, OLD.block, OLD.methodology, OLD.preliminary_at, NEW.final_run_id);
        expected.final_run_id := NEW.final_run_id;
    ELSIF NEW.state = 'published' AND NOT EXISTS (
              SELECT 1 FROM perf_eval.publication AS p
              WHERE p.year = OLD.year AND p.block = OLD.block AND p.methodology = OLD.methodology
                AND p.published_at > OLD.moved_at AND (p.revision > 1 OR p.run_id = OLD.final_run_id)) THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % is published by publishing a revision', OLD.block, OLD.year
            USING ERRCODE = '22023', HINT = 'perf_eval.cycle_publish(year, block) publishes the final run; perf_eval.cycle_revise(year, block, reason) a correction.';
    END IF;
    IF NEW IS DISTINCT FROM expected THEN
        RAISE EXCEPTION 'a move of an assessment cycle changes only its stage and what the stage records'
            USING ERRCODE = '22023',
                  DETAIL = 'The dates are set by the move; the working days and deadline only when objections open, the final run only when it is fixed.',
                  HINT = 'Move it with the perf_eval.cycle_* functions.';
    END IF;
    NEW.moved_at := clock_timestamp();
    CASE NEW.state
        WHEN 'preliminary' THEN NEW.preliminary_at := NEW.moved_at;
        WHEN 'objections' THEN NEW.objections_at := NEW.moved_at;
        WHEN 'final' THEN NEW.final_at := NEW.moved_at;
        ELSE NEW.published_at := coalesce(OLD.published_at, NEW.moved_at);
    END CASE;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_moves() IS
'Trigger: a change of an assessment cycle is a legal move (collecting, preliminary, objections, final, published; published again for a revision) by the block''s assessor (42501), changing only its stage, the working days and deadline when objections open and the final run when it is fixed (22023), each with the rules of its cycle_* function; the trigger stamps the dates. Other changes are refused (22023) but for a superuser''s correction and the rename of the methodology';
CREATE OR REPLACE FUNCTION perf_eval.cycle_logs_move()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p perf_eval.publication;
BEGIN
    SELECT * INTO p FROM perf_eval.publication AS x
    WHERE NEW.state = 'published' AND x.year = NEW.year AND x.block = NEW.block AND x.methodology = NEW.methodology
    ORDER BY x.revision DESC LIMIT 1;
    INSERT INTO perf_eval.cycle_event (year, block, methodology, from_state, to_state, run_id, note, moved_at)
    VALUES (NEW.year, NEW.block, NEW.methodology, CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END, NEW.state,
            coalesce(p.run_id, NEW.final_run_id),
            CASE NEW.state
                WHEN 'objections' THEN pg_catalog.format('%s working days, until %s', NEW.objection_working_days, NEW.objection_deadline)
                WHEN 'published' THEN coalesce(p.reason, 'revision ' || p.revision) END,
            NEW.moved_at);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_logs_move() IS
'Trigger (AFTER INSERT, and AFTER UPDATE that moves): records the move in cycle_event with the run fixed or published and the deadline, revision or reason';
CREATE OR REPLACE FUNCTION perf_eval.cycle_event_of_a_move()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS a
                   WHERE a.year = NEW.year AND a.block = NEW.block AND a.methodology = NEW.methodology
                     AND a.state = NEW.to_state AND a.moved_at = NEW.moved_at)
       OR NEW.moved_by IS DISTINCT FROM session_user
       OR EXISTS (SELECT 1 FROM perf_eval.cycle_event AS e
                  WHERE e.year = NEW.year AND e.block = NEW.block AND e.methodology = NEW.methodology
                    AND e.moved_at = NEW.moved_at) THEN
        RAISE EXCEPTION 'the log of an assessment cycle is written by its moves'
            USING ERRCODE = '42501',
                  HINT = 'Move the cycle with the perf_eval.cycle_* functions; each move records its event.';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.cycle_event_of_a_move() IS
'Trigger: a cycle_event is accepted (else 42501) only as the first record of the cycle''s current move (its stage and moved_at) by the session user: the one the move writes itself';
CREATE OR REPLACE FUNCTION perf_eval.publication_checked()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle := perf_eval.cycle_of(NEW.year, NEW.block, NEW.methodology);
    n integer;
BEGIN
    PERFORM perf_eval.refuse_non_assessor(c.block);
    SELECT coalesce(max(x.revision), 0) + 1 INTO n FROM perf_eval.publication AS x
    WHERE x.year = c.year AND x.block = c.block AND x.methodology = c.methodology;
    IF c.state = 'final' AND coalesce(NEW.revision, 1) = 1 THEN
        IF NEW.run_id IS DISTINCT FROM c.final_run_id AND NEW.run_id IS NOT NULL OR NEW.reason IS NOT NULL THEN
            RAISE EXCEPTION 'revision 1 of block % for % publishes its final run %, without a reason', c.block, c.year, c.final_run_id
                USING ERRCODE = '22023', HINT = 'Publish it with perf_eval.cycle_publish(year, block); another run is a corrected revision (perf_eval.cycle_revise).';
        END IF;
        NEW.run_id := c.final_run_id;
    ELSIF c.state = 'published' AND NEW.revision IS DISTINCT FROM 1 THEN
        IF coalesce(NEW.reason, '') = '' THEN
            RAISE EXCEPTION 'a corrected revision needs a reason' USING ERRCODE = '22023',
                HINT = 'perf_eval.cycle_revise(year, block, reason[, run_id]).';
        END IF;
        PERFORM perf_eval.refuse_foreign_run(NEW.run_id, c.year, c.methodology, 'publish');
    ELSIF NEW.revision IS DISTINCT FROM 1 THEN
        RAISE EXCEPTION 'the assessment cycle of block % for % is %, it cannot be revised', c.block, c.year, c.state
            USING ERRCODE = '22023', HINT = 'Only a published cycle is revised; publish it first (perf_eval.cycle_publish).';
    ELSE
        PERFORM perf_eval.refuse_illegal_move(c.year, c.block, c.state, 'published');
    END IF;
    IF coalesce(NEW.revision, n) <> n THEN
        RAISE EXCEPTION 'the next revision of block % for % is %', c.block, c.year, n USING ERRCODE = '22023';
    END IF;
    IF NEW.published_by IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'a revision is published by the session user (%), not %', session_user, NEW.published_by
            USING ERRCODE = '42501', HINT = 'Leave published_by to its default.';
    END IF;
    PERFORM perf_eval.refuse_unverified_run(NEW.run_id);
    NEW.revision := n;
    NEW.published_at := clock_timestamp();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.publication_checked() IS
'Trigger: a publication is revision 1 of the final run of a final cycle, or the next revision (with a reason, of a succeeded run of the year and methodology) of a published one (22023); by the block''s assessor and the session user (42501), now, of a run perf_eval.verify_run does not dispute (22023)';
CREATE OR REPLACE FUNCTION perf_eval.publication_moves_cycle()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE perf_eval.assessment_cycle AS a SET state = 'published'
    WHERE a.year = NEW.year AND a.block = NEW.block AND a.methodology = NEW.methodology;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.publication_moves_cycle() IS
'Trigger (AFTER INSERT): moves the publication''s cycle to published (a logged move; again for a corrected revision)';
CREATE OR REPLACE FUNCTION perf_eval.objection_filed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = NEW.node);
BEGIN
    IF b IS NULL THEN
        RAISE EXCEPTION 'no score node %', NEW.node USING ERRCODE = '22023', HINT = 'The nodes are listed in perf_eval.score_node.';
    END IF;
    IF (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
        RETURN NEW;   -- a superuser's fixture or correction
    END IF;
    IF NOT perf_eval.submits_for(NEW.body) THEN
        RAISE EXCEPTION 'role % does not submit for body %', current_user, NEW.body
            USING ERRCODE = '42501', HINT = 'A body objects through its own submitter (perf_eval.body_submitter).';
    END IF;
    IF NEW.block IS DISTINCT FROM b THEN
        RAISE EXCEPTION 'node % is of block %, not %', NEW.node, b, NEW.block USING ERRCODE = '22023';
    END IF;
    IF NEW.filed_by IS DISTINCT FROM session_user OR num_nonnulls(NEW.decision, NEW.decision_reason, NEW.decided_at, NEW.decided_by) > 0 THEN
        RAISE EXCEPTION 'an objection is filed undecided, by the session user' USING ERRCODE = '42501',
            HINT = 'perf_eval.file_objection(year, body, node, claim, value_asked, document).';
    END IF;
    NEW.filed_at := clock_timestamp();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_filed() IS
'Trigger: an objection is filed by the body''s own submitter (42501), for a node of its block (22023), undecided, by the session user (42501), now (objection_in_time then checks the stage); a superuser''s insert is not checked';
CREATE OR REPLACE FUNCTION perf_eval.objection_decided()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.refuse_non_assessor(OLD.block);
    IF NEW.decision IS NULL OR NEW.decision NOT IN ('accepted', 'rejected') OR coalesce(NEW.decision_reason, '') = '' THEN
        RAISE EXCEPTION 'an objection is accepted or rejected with a reason'
            USING ERRCODE = '22023', HINT = 'decide_objection(id, ''accepted'' or ''rejected'', reason).';
    END IF;
    IF OLD.decision IS NOT NULL THEN
        RAISE EXCEPTION 'objection % was already %', OLD.objection_id, OLD.decision USING ERRCODE = '22023';
    END IF;
    IF (SELECT a.state FROM perf_eval.assessment_cycle AS a
        WHERE a.year = OLD.year AND a.block = OLD.block AND a.methodology = OLD.methodology) <> 'objections' THEN
        RAISE EXCEPTION 'objection % can no longer be decided: its cycle left the objection stage', OLD.objection_id
            USING ERRCODE = '22023';
    END IF;
    IF NEW.decision = 'accepted' AND OLD.value_asked IS NULL THEN
        RAISE EXCEPTION 'objection % asks for no value to apply', OLD.objection_id
            USING ERRCODE = '22023', HINT = 'Reject it, or correct the inputs and reject it with that reason.';
    END IF;
    IF (NEW.objection_id, NEW.year, NEW.block, NEW.methodology, NEW.body, NEW.node, NEW.claim, NEW.value_asked, NEW.document,
        NEW.filed_at, NEW.filed_by, NEW.decided_at, NEW.decided_by)
       IS DISTINCT FROM
       (OLD.objection_id, OLD.year, OLD.block, OLD.methodology, OLD.body, OLD.node, OLD.claim, OLD.value_asked, OLD.document,
        OLD.filed_at, OLD.filed_by, OLD.decided_at, OLD.decided_by) THEN
        RAISE EXCEPTION 'only the decision and its reason of objection % change', OLD.objection_id
            USING ERRCODE = '22023', HINT = 'decide_objection(id, ''accepted'' or ''rejected'', reason); who and when are recorded.';
    END IF;
    NEW.decided_at := clock_timestamp();
    NEW.decided_by := session_user;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_decided() IS
'Trigger: an objection is decided once (22023), by the block''s assessor (42501), accepted (with a value asked) or rejected with a reason, while its cycle is in objections; only the decision and reason change, who and when are set';
CREATE OR REPLACE FUNCTION perf_eval.objection_applied()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO perf_eval.supplied_score AS s (body, year, node, methodology, value, basis_document, note)
    VALUES (NEW.body, NEW.year, NEW.node, NEW.methodology, NEW.value_asked,
            pg_catalog.format('objection %s: %s', NEW.objection_id, NEW.document),
            pg_catalog.format('Objection %s accepted: %s', NEW.objection_id, NEW.decision_reason))
    ON CONFLICT (body, year, node, methodology) DO UPDATE
    SET value = EXCLUDED.value, basis_document = EXCLUDED.basis_document, note = EXCLUDED.note,
        supplied_by = current_user, supplied_at = now();
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_applied() IS
'Trigger (AFTER UPDATE to accepted): applies the objection as a supplied score of the node (value asked, basis "objection N: document")';

CREATE OR REPLACE FUNCTION perf_eval.refuse_objection_out_of_time(y integer, b text, v text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c perf_eval.assessment_cycle;
BEGIN
    SELECT * INTO c FROM perf_eval.assessment_cycle AS a WHERE a.year = y AND a.block = b AND a.methodology = v;
    IF NOT FOUND OR c.state <> 'objections' THEN
        RAISE EXCEPTION 'block % of % is not open to objections', b, y
            USING ERRCODE = '22023',
                  DETAIL = pg_catalog.format('The cycle is %s.', coalesce(c.state, 'not open')),
                  HINT = 'Objections are filed between perf_eval.cycle_open_objections and the objection deadline.';
    END IF;
    IF current_date > c.objection_deadline THEN
        RAISE EXCEPTION 'the objection deadline of block % of % was %', b, y, c.objection_deadline
            USING ERRCODE = '22023',
                  HINT = pg_catalog.format('Objections were open for %s working days.', c.objection_working_days);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_objection_out_of_time(integer, text, text) IS
'Refuses (22023) an objection to block b of year y under v unless its cycle is in objections and the deadline has not passed';
CREATE OR REPLACE FUNCTION perf_eval.objection_in_time()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user) THEN
        PERFORM perf_eval.refuse_objection_out_of_time(NEW.year, NEW.block, NEW.methodology);
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.objection_in_time() IS
'Trigger (AFTER INSERT): an objection is filed while its block''s cycle is in objections and before the deadline (22023); a superuser''s direct insert is not checked';
CREATE TRIGGER cycle_opens BEFORE INSERT ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_opens();
CREATE TRIGGER cycle_move_requested BEFORE UPDATE OF state ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_move_requested();
CREATE TRIGGER cycle_moves BEFORE UPDATE ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_moves();
CREATE TRIGGER cycle_logs_opening AFTER INSERT ON perf_eval.assessment_cycle
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_logs_move();
CREATE TRIGGER cycle_logs_move AFTER UPDATE ON perf_eval.assessment_cycle
FOR EACH ROW WHEN (OLD.moved_at IS DISTINCT FROM NEW.moved_at) EXECUTE FUNCTION perf_eval.cycle_logs_move();
CREATE TRIGGER cycle_event_of_a_move BEFORE INSERT ON perf_eval.cycle_event
FOR EACH ROW EXECUTE FUNCTION perf_eval.cycle_event_of_a_move();
CREATE TRIGGER publication_checked BEFORE INSERT ON perf_eval.publication
FOR EACH ROW EXECUTE FUNCTION perf_eval.publication_checked();
CREATE TRIGGER publication_moves_cycle AFTER INSERT ON perf_eval.publication
FOR EACH ROW EXECUTE FUNCTION perf_eval.publication_moves_cycle();
CREATE TRIGGER objection_filed BEFORE INSERT ON perf_eval.objection
FOR EACH ROW EXECUTE FUNCTION perf_eval.objection_filed();
CREATE TRIGGER objection_in_time AFTER INSERT ON perf_eval.objection
FOR EACH ROW EXECUTE FUNCTION perf_eval.objection_in_time();
CREATE TRIGGER objection_decided BEFORE UPDATE ON perf_eval.objection
FOR EACH ROW EXECUTE FUNCTION perf_eval.objection_decided();
CREATE TRIGGER objection_applied AFTER UPDATE ON perf_eval.objection
FOR EACH ROW WHEN (NEW.decision = 'accepted' AND OLD.decision IS NULL) EXECUTE FUNCTION perf_eval.objection_applied();

-- Issue 16, items 4-5: inputs with history (every version of every input row,
-- who, when, why), what a run used (its input rows and context), verify_run.
CREATE TABLE perf_eval.input_row (
    row_digest  text PRIMARY KEY,
    relation    text NOT NULL,
    row_data    jsonb NOT NULL,
    CHECK (row_digest = pg_catalog.md5(relation || ':' || row_data::text))
);
COMMENT ON COLUMN perf_eval.input_row.row_digest IS 'md5 of relation, '':'' and the row as jsonb text: the address of the row version';
COMMENT ON COLUMN perf_eval.input_row.relation IS 'Input relation the row belongs to, schema-qualified (perf_eval.input_relation)';
COMMENT ON COLUMN perf_eval.input_row.row_data IS 'Every column of the row (to_jsonb of the row: row_data ->> ''body'' is the body whose input it is), refreshed_at of the monthly states included';
COMMENT ON TABLE perf_eval.input_row IS
'Every version of every input row ever loaded, changed, deleted or used by a run, stored once by its content (row_digest); perf_eval.input_history and perf_eval.body_input_set refer to it';

CREATE TABLE perf_eval.body_input_set (
    inputs_digest  text NOT NULL,
    row_digest     text NOT NULL,
    copies         integer NOT NULL CHECK (copies > 0),
    PRIMARY KEY (inputs_digest, row_digest)
);
COMMENT ON COLUMN perf_eval.body_input_set.inputs_digest IS 'A body''s inputs digest, as perf_eval.run_body.inputs_digest records it';
COMMENT ON COLUMN perf_eval.body_input_set.row_digest IS 'A row version among those inputs (perf_eval.input_row.row_digest)';
COMMENT ON COLUMN perf_eval.body_input_set.copies IS 'How many identical rows of that content the inputs held (count)';
COMMENT ON TABLE perf_eval.body_input_set IS
'The input row versions behind each body inputs digest a run recorded (run_body): with input_row, the exact inputs of every body of every run, kept after the input tables change';

CREATE TABLE perf_eval.run_context (
    context_digest  text PRIMARY KEY,
    recorded_at     timestamptz NOT NULL DEFAULT pg_catalog.now(),
    extversion      text NOT NULL,
    context         jsonb NOT NULL
);
COMMENT ON COLUMN perf_eval.run_context.context_digest IS 'A context digest runs recorded (perf_eval.run.context_digest)';
COMMENT ON COLUMN perf_eval.run_context.recorded_at IS 'When the first run in this context recorded it';
COMMENT ON COLUMN perf_eval.run_context.extversion IS 'Version of the extension (the code) the runs in this context ran';
COMMENT ON TABLE perf_eval.run_context IS
'What every body''s scores depended on besides its own inputs, per context digest of the runs: the methodology and its parameters, the body registry and scope, blocks, score tree, node computers and input relations, as they were';

-- The record of the runs is the record of the assessment: pg_dump keeps it.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_row', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.body_input_set', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_context', '');

-- Readers read every input row (the input relations' policies give
-- perf_eval_reader every row; 57_input_history.sql refuses to keep the
-- history of a relation where they would not), so they read the versions.
-- Whoever writes inputs writes their versions (the history triggers run as
-- that role, ON CONFLICT DO NOTHING for a known one); admins, who
-- recalculate, write the run records. Nobody but the owner updates or
-- deletes a version or a record.
GRANT SELECT ON perf_eval.input_row, perf_eval.body_input_set, perf_eval.run_context TO perf_eval_reader;
GRANT INSERT ON perf_eval.input_row TO perf_eval_submitter, perf_eval_editor;
GRANT INSERT ON perf_eval.body_input_set, perf_eval.run_context TO perf_eval_admin;
-- perf_eval.context_record (new) is defined once, with context_digest (issue 19, item 4).

CREATE OR REPLACE PROCEDURE perf_eval.record_run_inputs(run_id bigint, y integer, v text)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when compute_run returns).
DECLARE
    r record;
    context text;
    bodies text[];
    rows_of_year text[] := '{}';
    changed text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    SELECT x.context_digest INTO context FROM perf_eval.run AS x WHERE x.run_id = record_run_inputs.run_id;
    IF context IS DISTINCT FROM perf_eval.context_digest(v) THEN
        RAISE EXCEPTION 'the methodology, body registry or score tree changed during run %', run_id
            USING ERRCODE = '40001',
                  DETAIL = 'Another session committed a change to what every body''s scores depend on while the run computed.',
                  HINT = 'Recalculate: the run is rolled back.';
    END IF;
    INSERT INTO perf_eval.run_context (context_digest, extversion, context)
    SELECT context, e.extversion, perf_eval.context_record(v)
    FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval'
    ON CONFLICT DO NOTHING;

    SELECT coalesce(array_agg(b.body), '{}') INTO bodies FROM perf_eval.run_body AS b
    WHERE b.run_id = record_run_inputs.run_id
      AND (b.computed_in_run = b.run_id
           OR NOT EXISTS (SELECT 1 FROM perf_eval.body_input_set AS s WHERE s.inputs_digest = b.inputs_digest));
    FOR r IN SELECT i.relation, i.year_column, i.month_column FROM perf_eval.input_relation AS i
             ORDER BY i.relation::text LOOP
        rows_of_year := rows_of_year || format(
            'SELECT t.body::text AS body, %L AS relation, pg_catalog.to_jsonb(t) AS row_data FROM %s AS t
             WHERE t.body::text = ANY ($2) AND %s',
            r.relation::text, r.relation,
            perf_eval.rows_of_year_condition(r.year_column, r.month_column));
    END LOOP;
    IF cardinality(bodies) = 0 OR cardinality(rows_of_year) = 0 THEN
        RETURN;
    END IF;
    EXECUTE format('CREATE TEMP TABLE pe_run_rows ON COMMIT DROP AS
                    SELECT u.body, u.relation, u.row_data, pg_catalog.md5(u.relation || %L || u.row_data::text) AS row_digest,
                           (u.row_data - %L)::text AS row_text
                    FROM (%s) AS u', ':', 'refreshed_at', array_to_string(rows_of_year, ' UNION ALL '))
        USING y, bodies;

    -- Each body's digest as body_inputs_digests computes it.
    SELECT string_agg(b.body, ', ' ORDER BY b.body) INTO changed
    FROM perf_eval.run_body AS b
    LEFT JOIN (SELECT x.body, md5(string_agg(x.relation || ':' || x.row_text, ',' ORDER BY x.relation, x.row_text)) AS digest
               FROM pg_temp.pe_run_rows AS x GROUP BY x.body) AS d ON d.body = b.body
    WHERE b.run_id = record_run_inputs.run_id AND b.body = ANY (bodies) AND d.digest IS DISTINCT FROM b.inputs_digest;
    IF changed IS NOT NULL THEN
        RAISE EXCEPTION 'inputs of % changed during run %', changed, run_id
            USING ERRCODE = '40001',
                  DETAIL = 'Another session committed a change to these bodies'' input rows of the year while the run computed.',
                  HINT = 'Recalculate: the run is rolled back.';
    END IF;
    INSERT INTO perf_eval.input_row (row_digest, relation, row_data)
    SELECT DISTINCT ON (x.row_digest) x.row_digest, x.relation, x.row_data FROM pg_temp.pe_run_rows AS x
    ON CONFLICT DO NOTHING;
    INSERT INTO perf_eval.body_input_set (inputs_digest, row_digest, copies)
    SELECT b.inputs_digest, x.row_digest, count(*)
    FROM pg_temp.pe_run_rows AS x
    JOIN perf_eval.run_body AS b ON b.run_id = record_run_inputs.run_id AND b.body = x.body
    GROUP BY b.inputs_digest, x.row_digest
    ON CONFLICT DO NOTHING;
    DROP TABLE pg_temp.pe_run_rows;
END
$$;
COMMENT ON PROCEDURE perf_eval.record_run_inputs(bigint, integer, text) IS
'Last step of compute_run: records the run''s context (perf_eval.run_context, once per context digest) and the input rows behind the inputs digest of every body it computed (input_row, body_input_set); raises 40001, failing the run, if the context or those inputs changed while it computed';


CREATE OR REPLACE PROCEDURE perf_eval.compute_work(y integer, v text, clamp text, skip_bodies text[] DEFAULT '{}')
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when the caller returns).
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CREATE TEMP TABLE pe_work (
        body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
        superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (body, node)
    ) ON COMMIT DROP;

    -- 1. Node computers.
    CALL perf_eval.compute_nodes(y, v, skip_bodies);

    -- Bodies exempt from a block are neither scored nor ranked in it (METHODOLOGY §1.3).
    DELETE FROM pg_temp.pe_work AS w
    USING perf_eval.score_node AS n
    WHERE n.code = w.node AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';

    -- 2.-3. Bottom-up, level by level, then the composite.
    CALL perf_eval.roll_up_nodes(y, v, clamp);
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_work(integer, text, text, text[]) IS
'Steps 1-3 of compute_run: creates pg_temp.pe_work (ON COMMIT DROP) and fills it with the score tree of every body with inputs in the year but skip_bodies (node computers, bodies exempt from a block left out, the roll-up up to the composite)';

REVOKE EXECUTE ON PROCEDURE perf_eval.compute_work(integer, text, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_work(integer, text, text, text[]) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.record_run_inputs(bigint, integer, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.record_run_inputs(bigint, integer, text) TO perf_eval_admin;

CREATE TABLE perf_eval.input_history (
    change_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relation    text NOT NULL,
    row_digest  text NOT NULL,
    change      text NOT NULL CHECK (change IN ('added', 'removed')),
    operation   text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    reason      text NOT NULL,
    changed_by  name NOT NULL DEFAULT session_user,
    changed_as  name NOT NULL DEFAULT current_user,
    changed_at  timestamptz NOT NULL DEFAULT pg_catalog.statement_timestamp(),
    xact        xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id()
);
COMMENT ON COLUMN perf_eval.input_history.change_id IS 'Order of the changes within a transaction (across transactions, commit order is not change_id order)';
COMMENT ON COLUMN perf_eval.input_history.relation IS 'Input relation changed, schema-qualified';
COMMENT ON COLUMN perf_eval.input_history.row_digest IS 'The row version added or removed (perf_eval.input_row.row_digest)';
COMMENT ON COLUMN perf_eval.input_history.change IS 'added (the version entered the table) | removed (it left it: updated, deleted or truncated)';
COMMENT ON COLUMN perf_eval.input_history.operation IS 'The statement that changed it: INSERT | UPDATE | DELETE | TRUNCATE';
COMMENT ON COLUMN perf_eval.input_history.reason IS 'Why: the setting perf_eval.change_reason (load, correction, objection, ...), else load for an insert, correction for the rest';
COMMENT ON COLUMN perf_eval.input_history.changed_by IS 'Session user that made the change';
COMMENT ON COLUMN perf_eval.input_history.changed_as IS 'Role in effect (current_user) when the change was made';
COMMENT ON COLUMN perf_eval.input_history.changed_at IS 'When the changing statement started';
COMMENT ON COLUMN perf_eval.input_history.xact IS 'Transaction that made the change (pg_current_xact_id)';
CREATE INDEX input_history_relation_row ON perf_eval.input_history (relation, row_digest);
COMMENT ON TABLE perf_eval.input_history IS
'Every change to every input relation: the row version added or removed (perf_eval.input_row), who, when, in which transaction, and why (perf_eval.change_reason); nothing an input table held is lost';

SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_history', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_history_change_id_seq', '');

-- A restore of pg_dump's output runs with row_security off, as a role that
-- bypasses row-level security (who else could restore every body's rows):
-- it brings the history as dumped, and the triggers record nothing anew.
CREATE FUNCTION perf_eval.restoring_dump()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.current_setting('row_security') = 'off'
           AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r
                       WHERE r.rolname = current_user AND (r.rolsuper OR r.rolbypassrls))
$$;
COMMENT ON FUNCTION perf_eval.restoring_dump() IS
'True in a session restoring a dump (row_security off, as a role that bypasses row-level security): the history triggers record nothing and the dumped history is loaded as is';

-- The history trigger of every input relation (statement level, transition
-- tables new_rows and old_rows; BEFORE TRUNCATE, which has none).
CREATE FUNCTION perf_eval.record_input_changes()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    relation constant text := TG_RELID::regclass::text;
    reason constant text := coalesce(nullif(current_setting('perf_eval.change_reason', true), ''),
                                     CASE TG_OP WHEN 'INSERT' THEN 'load' ELSE 'correction' END);
    changes text;
BEGIN
    IF perf_eval.restoring_dump() THEN
        RETURN NULL;
    END IF;
    changes := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT ''added'' AS change, pg_catalog.to_jsonb(n) AS row_data FROM new_rows AS n'
        WHEN 'UPDATE' THEN 'SELECT ''removed'' AS change, pg_catalog.to_jsonb(o) AS row_data FROM old_rows AS o
                            UNION ALL SELECT ''added'', pg_catalog.to_jsonb(n) FROM new_rows AS n'
        WHEN 'DELETE' THEN 'SELECT ''removed'' AS change, pg_catalog.to_jsonb(o) AS row_data FROM old_rows AS o'
        ELSE format('SELECT %L AS change, pg_catalog.to_jsonb(t) AS row_data FROM %s AS t', 'removed', TG_RELID::regclass)
    END;
    EXECUTE format('WITH c AS MATERIALIZED (SELECT c.change, c.row_data, pg_catalog.md5(%L || c.row_data::text) AS row_digest
                                            FROM (%s) AS c),
                         stored AS (INSERT INTO perf_eval.input_row (row_digest, relation, row_data)
                                    SELECT DISTINCT ON (c.row_digest) c.row_digest, %L, c.row_data FROM c
                                    ON CONFLICT DO NOTHING)
                    INSERT INTO perf_eval.input_history (relation, row_digest, change, operation, reason)
                    SELECT %L, c.row_digest, c.change, %L, %L FROM c',
                   relation || ':', changes, relation, relation, TG_OP, reason);
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.record_input_changes() IS
'Statement-level trigger of the input relations (perf_eval.keep_history): stores the row versions the statement added and removed (perf_eval.input_row) and logs each change in perf_eval.input_history with who, when and why (perf_eval.change_reason)';

-- History rows are written by the history triggers only (or a restore):
-- a direct INSERT is refused. Nobody but the owner may update or delete one
-- (no privilege is granted).
CREATE FUNCTION perf_eval.input_history_from_triggers()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_catalog.pg_trigger_depth() < 2 AND NOT perf_eval.restoring_dump() THEN
        RAISE EXCEPTION 'perf_eval.input_history is written by the history triggers of the input relations only'
            USING ERRCODE = '42501',
                  HINT = 'Change the input table itself; its trigger records the change (SET LOCAL perf_eval.change_reason to say why).';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER input_history_from_triggers BEFORE INSERT ON perf_eval.input_history
FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.input_history_from_triggers();

-- Attach the history triggers to an input relation. Its history is read by
-- perf_eval_reader, so the relation must let perf_eval_reader read every
-- row (SELECT, and under row-level security a permissive policy USING
-- (true) for it): the history never shows more than the table does.
CREATE PROCEDURE perf_eval.keep_history(relation regclass)
LANGUAGE plpgsql
AS $$
DECLARE
    event text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    IF NOT pg_catalog.has_table_privilege('perf_eval_reader', relation, 'SELECT')
       OR EXISTS (SELECT 1 FROM pg_catalog.pg_class AS c WHERE c.oid = relation AND c.relrowsecurity
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy AS p
                                  WHERE p.polrelid = c.oid AND p.polpermissive AND p.polcmd IN ('r', '*')
                                    AND (pg_catalog.pg_get_expr(p.polqual, p.polrelid) = 'true'
                                         OR pg_catalog.pg_get_expr(p.polqual, p.polrelid) LIKE 'perf_eval.may_see_values(%')
                                    AND (0::oid = ANY (p.polroles)
                                         OR (SELECT r.oid FROM pg_catalog.pg_roles AS r WHERE r.rolname = 'perf_eval_reader')
                                            = ANY (p.polroles)))) THEN
        RAISE EXCEPTION 'perf_eval_reader cannot read every row of %', relation
            USING ERRCODE = '42501',
                  DETAIL = 'perf_eval_reader reads perf_eval.input_history and perf_eval.input_row, which would show every version of every row.',
                  HINT = 'GRANT SELECT on it to perf_eval_reader, with a policy FOR SELECT TO perf_eval_reader USING (true) under row-level security.';
    END IF;
    FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER %s ON %s REFERENCING %s FOR EACH STATEMENT
                        EXECUTE FUNCTION perf_eval.record_input_changes()',
                       'input_history_' || lower(event), event, relation,
                       CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
                                  ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END);
    END LOOP;
    EXECUTE format('CREATE OR REPLACE TRIGGER input_history_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT
                    EXECUTE FUNCTION perf_eval.record_input_changes()', relation);
END
$$;
COMMENT ON PROCEDURE perf_eval.keep_history(regclass) IS
'Keeps every version of the rows of an input relation: attaches the statement-level history triggers (perf_eval.record_input_changes) to it; refused (42501) unless perf_eval_reader may read every row of it';

GRANT SELECT ON perf_eval.input_history TO perf_eval_reader;
GRANT INSERT ON perf_eval.input_history TO perf_eval_submitter, perf_eval_editor;
REVOKE EXECUTE ON PROCEDURE perf_eval.keep_history(regclass) FROM PUBLIC;

CREATE OR REPLACE PROCEDURE perf_eval.substitute_run_inputs(run_id bigint, recorded jsonb, INOUT changed text DEFAULT NULL)
LANGUAGE plpgsql
AS $$
-- search_path is pinned with set_config (restored when verify_run returns).
DECLARE
    this_run perf_eval.run;
    r record;
    now_context jsonb;
    differing text[] := '{}';
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    SELECT * INTO this_run FROM perf_eval.run AS x WHERE x.run_id = substitute_run_inputs.run_id;
    now_context := perf_eval.context_record(this_run.methodology);
    IF now_context -> 'params' IS DISTINCT FROM recorded -> 'params' THEN
        IF (SELECT m.shipped FROM perf_eval.methodology AS m WHERE m.name = this_run.methodology) THEN
            differing := differing || format('the parameters of the shipped version %s', this_run.methodology);
        ELSE
            DELETE FROM perf_eval.methodology_param AS p WHERE p.methodology = this_run.methodology;
            INSERT INTO perf_eval.methodology_param
            SELECT (jsonb_populate_record(NULL::perf_eval.methodology_param, e.p)).*
            FROM jsonb_array_elements(recorded -> 'params') AS e(p);
        END IF;
    END IF;
    -- A fork's structural changes (docs/methodology.md §2.8) are put back likewise.
    IF now_context -> 'node_changes' IS DISTINCT FROM recorded -> 'node_changes'
       AND NOT (SELECT m.shipped FROM perf_eval.methodology AS m WHERE m.name = this_run.methodology) THEN
        DELETE FROM perf_eval.methodology_node_change AS c WHERE c.methodology = this_run.methodology;
        INSERT INTO perf_eval.methodology_node_change
        SELECT (jsonb_populate_record(NULL::perf_eval.methodology_node_change, e.c)).*
        FROM jsonb_array_elements(coalesce(recorded -> 'node_changes', '[]')) AS e(c);
        now_context := perf_eval.context_record(this_run.methodology);
    END IF;
    SELECT differing || coalesce(array_agg(k.key ORDER BY k.key), '{}') INTO differing
    FROM jsonb_object_keys(recorded) AS k(key)
    WHERE k.key NOT IN ('params') AND now_context -> k.key IS DISTINCT FROM recorded -> k.key;

    -- Input relations by depth: the longest chain of foreign keys to other input relations.
    CREATE TEMP TABLE pe_input_depth ON COMMIT DROP AS
    WITH RECURSIVE fk AS (
        SELECT c.conrelid AS child, c.confrelid AS parent FROM pg_catalog.pg_constraint AS c
        WHERE c.contype = 'f' AND c.conrelid <> c.confrelid
          AND c.conrelid IN (SELECT i.relation FROM perf_eval.input_relation AS i)
          AND c.confrelid IN (SELECT i.relation FROM perf_eval.input_relation AS i)
    ), chain AS (
        SELECT i.relation::oid AS relation, 0 AS depth FROM perf_eval.input_relation AS i
        UNION ALL
        SELECT fk.child, chain.depth + 1 FROM chain JOIN fk ON fk.parent = chain.relation WHERE chain.depth < 20
    )
    SELECT i.relation, i.year_column, i.month_column, max(chain.depth) AS depth
    FROM perf_eval.input_relation AS i JOIN chain ON chain.relation = i.relation::oid
    GROUP BY i.relation, i.year_column, i.month_column;
    FOR r IN SELECT * FROM pg_temp.pe_input_depth AS d ORDER BY d.depth DESC, d.relation::text LOOP
        EXECUTE format('DELETE FROM %s AS t WHERE %s', r.relation,
                       perf_eval.rows_of_year_condition(r.year_column, r.month_column))
            USING this_run.year;
    END LOOP;
    FOR r IN SELECT * FROM pg_temp.pe_input_depth AS d ORDER BY d.depth, d.relation::text LOOP
        EXECUTE format('INSERT INTO %1$s OVERRIDING SYSTEM VALUE
                        SELECT (pg_catalog.jsonb_populate_record(NULL::%1$s, x.row_data)).*
                        FROM perf_eval.run_body AS b
                        JOIN perf_eval.body_input_set AS s ON s.inputs_digest = b.inputs_digest
                        JOIN perf_eval.input_row AS x ON x.row_digest = s.row_digest
                        CROSS JOIN LATERAL pg_catalog.generate_series(1, s.copies) AS copy
                        WHERE b.run_id = $1 AND x.relation = $2', r.relation)
            USING this_run.run_id, r.relation::text;
    END LOOP;
    DROP TABLE pg_temp.pe_input_depth;
    changed := nullif(array_to_string(differing, ', '), '');
END
$$;
COMMENT ON PROCEDURE perf_eval.substitute_run_inputs(bigint, jsonb, text) IS
'Inside perf_eval.verify_run''s subtransaction only: replaces the year''s rows of every input relation by the rows the run used and a fork''s parameters and structural changes by those recorded in its context (jsonb of perf_eval.run_context); returns in changed the parts of the context that differ and were not put back, or NULL';

CREATE FUNCTION perf_eval.verify_run(run_id bigint)
RETURNS TABLE (body text, node text, recorded_value numeric, recomputed_value numeric,
               recorded_raw numeric, recomputed_raw numeric, recorded_status text, recomputed_status text,
               recorded_origin text, recomputed_origin text, difference text, changed_since text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    this_run perf_eval.run;
    recorded jsonb;
    changed text;
    differences jsonb;
BEGIN
    SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = verify_run.run_id;
    IF NOT FOUND OR this_run.status NOT IN ('succeeded', 'unchanged') THEN
        RAISE EXCEPTION 'run % has no result to verify', verify_run.run_id
            USING ERRCODE = '22023',
                  DETAIL = coalesce(format('Its status is %s.', this_run.status), 'perf_eval.run has no row with this run_id.'),
                  HINT = 'Verify a succeeded or unchanged run: SELECT run_id FROM perf_eval.run WHERE status IN (''succeeded'', ''unchanged'').';
    END IF;
    IF this_run.status = 'unchanged' THEN  -- its result is the earlier run's
        SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = this_run.same_as_run;
    END IF;
    SELECT c.context INTO recorded FROM perf_eval.run_context AS c WHERE c.context_digest = this_run.context_digest;
    IF recorded IS NULL THEN
        RETURN QUERY SELECT NULL::text, NULL::text, NULL::numeric, NULL::numeric, NULL::numeric, NULL::numeric,
                            NULL::text, NULL::text, NULL::text, NULL::text,
                            'the run recorded no inputs and parameters (a run made before release 1.1 recorded them, or not by the engine): it cannot be recomputed'::text,
                            NULL::text;
        RETURN;
    END IF;
    BEGIN
        CALL perf_eval.substitute_run_inputs(this_run.run_id, recorded, changed);
        CALL perf_eval.compute_work(this_run.year, this_run.methodology,
                                    perf_eval.param_text(this_run.methodology, 'policy.clamp'));
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'body', coalesce(s.body, w.body), 'node', coalesce(s.node, w.node),
                   'recorded_value', s.value, 'recomputed_value', trim_scale(w.value),
                   'recorded_raw', s.raw_value, 'recomputed_raw', trim_scale(w.raw_value),
                   'recorded_status', s.status,
                   'recomputed_status', CASE WHEN w.body IS NOT NULL THEN
                                            CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END END,
                   'recorded_origin', s.origin, 'recomputed_origin', w.origin,
                   'difference', CASE WHEN w.body IS NULL THEN 'not recomputed'
                                      WHEN s.body IS NULL THEN 'missing from the run'
                                      ELSE concat_ws(', ', CASE WHEN s.value IS DISTINCT FROM w.value THEN 'value' END,
                                                     CASE WHEN s.raw_value IS DISTINCT FROM w.raw_value THEN 'raw value' END,
                                                     CASE WHEN s.origin IS DISTINCT FROM w.origin THEN 'origin' END,
                                                     CASE WHEN s.superseded IS DISTINCT FROM w.superseded THEN 'superseded' END,
                                                     CASE WHEN s.reason IS DISTINCT FROM w.reason THEN 'reason' END) END)
                   ORDER BY coalesce(s.body, w.body), coalesce(s.node, w.node)), '[]')
        INTO differences
        FROM (SELECT * FROM perf_eval.score AS x WHERE x.run_id = this_run.run_id) AS s
        FULL JOIN pg_temp.pe_work AS w ON w.body = s.body AND w.node = s.node
        WHERE s.body IS NULL OR w.body IS NULL
           OR s.value IS DISTINCT FROM w.value OR s.raw_value IS DISTINCT FROM w.raw_value
           OR s.origin IS DISTINCT FROM w.origin OR s.superseded IS DISTINCT FROM w.superseded
           OR s.reason IS DISTINCT FROM w.reason;
        -- Undo the substitution and the recomputation (and the history rows they wrote).
        RAISE EXCEPTION USING ERRCODE = 'PEV01';
    EXCEPTION
        WHEN SQLSTATE 'PEV01' THEN
            NULL;
        WHEN OTHERS THEN
            differences := jsonb_build_array(jsonb_build_object('difference', 'the recomputation failed: ' || SQLERRM));
    END;
    RETURN QUERY
    SELECT d.body, d.node, d.recorded_value, d.recomputed_value, d.recorded_raw, d.recomputed_raw,
           d.recorded_status, d.recomputed_status, d.recorded_origin, d.recomputed_origin, d.difference, changed
    FROM jsonb_to_recordset(differences) AS d(body text, node text, recorded_value numeric, recomputed_value numeric,
                                              recorded_raw numeric, recomputed_raw numeric, recorded_status text,
                                              recomputed_status text, recorded_origin text, recomputed_origin text,
                                              difference text);
END
$$;
COMMENT ON FUNCTION perf_eval.verify_run(bigint) IS
'Recomputes a succeeded run (an unchanged one: the run whose result it repeats) from the input rows and the parameters it recorded, with the engine''s own steps, inside a subtransaction that is rolled back, and returns every node whose value, raw value, origin, superseded mark or reason differs from the stored score, or that is on one side only; none for an honest run. changed_since names the parts of the context (body registry, scope, score tree, a shipped version''s parameters) that changed since the run and could not be put back';

-- Verification writes the input tables inside its subtransaction: admins only.
REVOKE EXECUTE ON PROCEDURE perf_eval.substitute_run_inputs(bigint, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.substitute_run_inputs(bigint, jsonb, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.verify_run(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.verify_run(bigint) TO perf_eval_admin;

DO $$
DECLARE
    input regclass;
BEGIN
    FOR input IN SELECT i.relation FROM perf_eval.input_relation AS i ORDER BY i.relation::text LOOP
        CALL perf_eval.keep_history(input);
    END LOOP;
END
$$;

-- -------------------------------------------------------------------------
-- Issue 22: civil servants of corps "B": an upheld appeal reopens the
-- assessment, the sheet history says who, when and why, 360 degrees per
-- appraiser, the graded methodology, consequences, explained results.
-- -------------------------------------------------------------------------
ALTER TABLE perf_eval.cs_result DROP CONSTRAINT cs_result_state_check;
ALTER TABLE perf_eval.cs_result ADD CONSTRAINT cs_result_state_check CHECK (state IN ('at_commission', 'scheduled', 'decided',
                          'approved_final', 'informed', 'acknowledged', 'refusal_act', 'appealed', 'appeal_decided',
                          'archived', 'reopened'));
COMMENT ON COLUMN perf_eval.cs_result.state IS 'Workflow state: at_commission | scheduled | decided | approved_final | informed | acknowledged | refusal_act | appealed | appeal_decided | archived | reopened';
ALTER TABLE perf_eval.cs_appeal DROP CONSTRAINT cs_appeal_sheet_id_key;
-- One pending appeal per result; a result revised after an upheld appeal may be appealed again.
CREATE UNIQUE INDEX cs_appeal_one_pending ON perf_eval.cs_appeal (sheet_id) WHERE decided_on IS NULL;
ALTER TABLE perf_eval.cs_workflow_event ADD COLUMN reason text;
COMMENT ON COLUMN perf_eval.cs_workflow_event.reason IS 'Why the move was made, as its maker gave it (a return''s shortcoming, an appeal''s grounds, a reopening''s recommendation); NULL when only the rule of the move applies';
INSERT INTO perf_eval.cs_workflow_state VALUES
('result', 'reopened',           11, false, 'decision cancelled after an upheld appeal; the assessment is being revised');
-- An upheld appeal (recommend_revise): the body cancels the decision and the
-- sheet returns to the stage the commission names (seed 000 lines 5379-5383).
INSERT INTO perf_eval.cs_workflow_transition VALUES
('result', 'reopen',               'appeal_decided',        'reopened',              '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 40, 45'),
('result', 'resubmit',             'reopened',              'at_commission',         '{hr}',                  'perf_eval.cs_submit_to_commission', 'APA 2020 report, Appendix 4, paragraphs 26, 45'),
('sheet',  'reopen_to_supervisor', 'at_commission',         'returned',              '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 24-25, 45'),
('sheet',  'reopen_to_superior',   'at_commission',         'under_superior_review', '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 23, 45'),
('sheet',  'reopen_to_commission', 'at_commission',         'agreed',                '{hr}',                  'perf_eval.cs_reopen', 'APA 2020 report, Appendix 4, paragraphs 26, 45');
-- Why the current move is made: the move functions set perf_eval_cs.reason
-- around the statement that moves the document, and the state trigger logs it.
CREATE FUNCTION perf_eval.cs_move_reason()
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT nullif(pg_catalog.current_setting('perf_eval_cs.reason', true), '') $$;
COMMENT ON FUNCTION perf_eval.cs_move_reason() IS
'The reason given for the workflow move being made (setting perf_eval_cs.reason, set by the move functions), or NULL';

-- =========================================================================
-- The graded methodology (METHODOLOGY §6; APA 2020 report, chapter 4
-- conclusions, Tables 4.3 and 4.4): per level of position (the tiers above)
-- the KPI criteria, the frequency of assessment and monitoring, and the
-- consequences a result may have; per position a competency profile; the
-- finer competency scale. The levels' parameters are kz2020_apa's, keyed
-- cs.level.<tier>.* (shipped with the other parameters, 20_methodology.sql);
-- a fork may change them.
-- =========================================================================

-- Shipped parameters are read-only to users; the update adds kz2020_apa's new ones.
ALTER TABLE perf_eval.methodology_param DISABLE TRIGGER shipped_params_read_only;
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'cs.assessment_frequency', 'annual', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: every level is assessed once a year'),
('kz2020_apa', 'cs.monitoring_interval_months', '6', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 4, paragraph 18', 'graded methodology: the direct supervisor monitors the KPIs of the plan every this many months'),
('kz2020_apa', 'cs.level.senior_management.kpi_criteria', 'strategic_goals_achieved, internal_and_hr_management_requirements_met, decisions_timely_and_efficient, innovative_practices_introduced', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: KPI criteria of senior management (the table''s example)'),
('kz2020_apa', 'cs.level.middle_management.kpi_criteria', 'unit_tasks_fulfilled, favourable_working_environment, management_skills_developed, innovative_initiatives_encouraged', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: KPI criteria of middle management (the table''s example)'),
('kz2020_apa', 'cs.level.executive.kpi_criteria', 'performance_requirements_fulfilled, unit_tasks_performed, professional_development_tasks_fulfilled', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: KPI criteria of executive staff (the table''s example)'),
('kz2020_apa', 'cs.level.senior_management.positive', 'bonus, intangible_incentive', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a positive assessment of senior management'),
('kz2020_apa', 'cs.level.middle_management.positive', 'advancement, bonus, intangible_incentive', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a positive assessment of middle management'),
('kz2020_apa', 'cs.level.executive.positive', 'advancement, bonus, intangible_incentive', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a positive assessment of executive staff'),
('kz2020_apa', 'cs.level.senior_management.negative', 'demotion, transfer, dismissal', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a negative assessment of senior management'),
('kz2020_apa', 'cs.level.middle_management.negative', 'development_plan, demotion, transfer', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a negative assessment of middle management'),
('kz2020_apa', 'cs.level.executive.negative', 'development_plan, transfer, dismissal', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a negative assessment of executive staff'),
('kz2020_apa', 'cs.consequence.negative_grades', 'unsatisfactory', 'name', 'assumed', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3 (silent on what makes an assessment negative)', 'a result is negative when its final grade is one of these, or its Kef is 0 (plan executed below 75 %: administrative decisions apply, Appendix 4, paragraph 28); positive otherwise; assumed'),
('kz2020_apa', 'cs.competency_scale', 'not_manifested, development, experience, expertise, skill', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.4', 'the proposed 5-level competency scale, level 1 first'),
('kz2020_apa', 'cs.competency_scale_meets', '3', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.4 (silent on the level that meets expectations)', 'on the 5-level scale a competency meets expectations from this level (experience: in all standard situations); assumed'),
('kz2020_apa', 'cs.360.aggregate', 'mean_rounded', 'name', 'assumed', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 27 (silent on combining the appraisers)', 'the 360-degree k of a competency is the appraisers'' mean k rounded half up; the 3/4 rule then applies; assumed');

ALTER TABLE perf_eval.methodology_param ENABLE TRIGGER shipped_params_read_only;

-- A comma-separated list parameter as an array (empty elements dropped).
CREATE FUNCTION perf_eval.cs_param_list(methodology text, key text)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(array_agg(trim(x.item) ORDER BY x.ord) FILTER (WHERE trim(x.item) <> ''), '{}')
    FROM unnest(string_to_array(perf_eval.param_text($1, $2), ',')) WITH ORDINALITY AS x(item, ord)
$$;
COMMENT ON FUNCTION perf_eval.cs_param_list(text, text) IS
'A list parameter (comma-separated names, e.g. cs.level.executive.positive) as an array in its order; 22023 if missing';

-- The competency profile of a position (Table 4.4: "for each position, approve a competency profile").
CREATE TABLE perf_eval.cs_position_competency (
    position_id bigint NOT NULL REFERENCES perf_eval.cs_position (position_id) ON DELETE CASCADE,
    competency  text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    PRIMARY KEY (position_id, competency)
);
COMMENT ON COLUMN perf_eval.cs_position_competency.position_id IS 'Position (perf_eval.cs_position.position_id)';
COMMENT ON COLUMN perf_eval.cs_position_competency.competency IS 'Competency the position is assessed on (perf_eval.cs_competency.competency)';
COMMENT ON TABLE perf_eval.cs_position_competency IS
'Competency profile of a position: the competencies its holder is assessed on by the 360-degree method (APA 2020 report, chapter 4 conclusions, Table 4.4); a position without a profile is assessed on every competency';

-- The level's table of consequences: the decisions a positive or negative result allows.
CREATE FUNCTION perf_eval.cs_allowed_consequences(methodology text, tier text, negative boolean)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.cs_param_list($1, format('cs.level.%s.%s', $2, CASE WHEN $3 THEN 'negative' ELSE 'positive' END))
$$;
COMMENT ON FUNCTION perf_eval.cs_allowed_consequences(text, text, boolean) IS
'Decisions the level''s table of consequences allows after a positive or negative result (cs.level.<tier>.positive | negative; APA 2020 report, chapter 4 conclusions, Table 4.3)';

SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_position_competency', '');
GRANT SELECT ON perf_eval.cs_position_competency
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position_competency TO perf_eval_editor, perf_eval_cs_hr;
ALTER TABLE perf_eval.cs_position_competency ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_position_competency FOR ALL TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY cs_read ON perf_eval.cs_position_competency FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission USING (true);
CREATE POLICY hr_writes ON perf_eval.cs_position_competency FOR ALL TO perf_eval_cs_hr
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_position AS p
                   WHERE p.position_id = cs_position_competency.position_id AND perf_eval.cs_is_hr_of(p.body)))
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_position AS p
                        WHERE p.position_id = cs_position_competency.position_id AND perf_eval.cs_is_hr_of(p.body)));

-- =========================================================================
-- After the decision, and around the sheet: the revisions an upheld appeal
-- causes, the 360-degree appraisers and their ratings, the six-monthly
-- monitoring of a plan, and the consequences of a result (APA 2020 report,
-- Appendix 4, paragraphs 18, 27, 45; chapter 4 conclusions, Tables 4.3-4.4)
-- =========================================================================

CREATE TABLE perf_eval.cs_result_revision (
    sheet_id         bigint NOT NULL REFERENCES perf_eval.cs_result (sheet_id),
    revision_no      integer NOT NULL CHECK (revision_no > 0),
    appeal_id        bigint NOT NULL REFERENCES perf_eval.cs_appeal (appeal_id),
    stage            text NOT NULL CHECK (stage IN ('supervisor', 'superior', 'commission')),
    reason           text NOT NULL CHECK (reason <> ''),
    cancelled_on     date NOT NULL,
    cancelled_by     name NOT NULL DEFAULT current_user,
    cancelled_result jsonb NOT NULL,
    PRIMARY KEY (sheet_id, revision_no)
);
COMMENT ON COLUMN perf_eval.cs_result_revision.sheet_id IS 'Result reopened (perf_eval.cs_result.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_result_revision.revision_no IS 'Number of the reopening of this result (1, 2, ...)';
COMMENT ON COLUMN perf_eval.cs_result_revision.appeal_id IS 'The upheld appeal (outcome recommend_revise) the reopening follows (perf_eval.cs_appeal.appeal_id)';
COMMENT ON COLUMN perf_eval.cs_result_revision.stage IS 'Stage the sheet returned to: supervisor (re-rated by the direct supervisor) | superior (reviewed again) | commission (decided again)';
COMMENT ON COLUMN perf_eval.cs_result_revision.reason IS 'Why: what the commission asks to revise, after the authority''s recommendation';
COMMENT ON COLUMN perf_eval.cs_result_revision.cancelled_on IS 'Date the commission''s decision was cancelled';
COMMENT ON COLUMN perf_eval.cs_result_revision.cancelled_by IS 'Database role that reopened the result';
COMMENT ON COLUMN perf_eval.cs_result_revision.cancelled_result IS 'The cancelled result as it was (every column of perf_eval.cs_result, jsonb)';
COMMENT ON TABLE perf_eval.cs_result_revision IS
'Each cancellation of a commission decision after an upheld appeal, with the result it cancelled; the sheet goes back to the stage named and comes to the commission again (APA 2020 report, Appendix 4, paragraphs 40, 45)';

CREATE TABLE perf_eval.cs_appraiser (
    sheet_id    bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    appraiser_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    role        text NOT NULL CHECK (role IN ('self', 'manager', 'peer', 'subordinate', 'consumer')),
    chosen_by   name NOT NULL DEFAULT current_user,
    chosen_on   date NOT NULL,
    PRIMARY KEY (sheet_id, appraiser_id)
);
COMMENT ON COLUMN perf_eval.cs_appraiser.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_appraiser.appraiser_id IS 'Employee who appraises (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_appraiser.role IS 'Side of the 360 degrees: self | manager | peer | subordinate | consumer';
COMMENT ON COLUMN perf_eval.cs_appraiser.chosen_by IS 'Database role that recorded the choice (for the head of the body)';
COMMENT ON COLUMN perf_eval.cs_appraiser.chosen_on IS 'Date the head of the body chose the appraiser';
COMMENT ON TABLE perf_eval.cs_appraiser IS
'Appraisers of an employee''s competencies by the 360-degree method, chosen by the head of the body (APA 2020 report, Appendix 4, paragraph 27); the employee assessed does not see them';

CREATE TABLE perf_eval.cs_appraisal (
    sheet_id     bigint NOT NULL,
    appraiser_id bigint NOT NULL,
    competency   text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    manifested   integer NOT NULL,
    defined      integer NOT NULL,
    level        integer,
    PRIMARY KEY (sheet_id, appraiser_id, competency),
    FOREIGN KEY (sheet_id, appraiser_id) REFERENCES perf_eval.cs_appraiser (sheet_id, appraiser_id) ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.cs_appraisal.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_appraisal.appraiser_id IS 'Appraiser (perf_eval.cs_appraiser.appraiser_id)';
COMMENT ON COLUMN perf_eval.cs_appraisal.competency IS 'Competency rated (perf_eval.cs_competency.competency)';
COMMENT ON COLUMN perf_eval.cs_appraisal.manifested IS 'Behavioural indicators the appraiser saw manifested, k (count, <= defined)';
COMMENT ON COLUMN perf_eval.cs_appraisal.defined IS 'Behavioural indicators defined for the competency and position tier, n (count, > 0)';
COMMENT ON COLUMN perf_eval.cs_appraisal.level IS 'Level on the proposed 5-level scale (cs.competency_scale, 1 first); NULL when not rated on it';
COMMENT ON TABLE perf_eval.cs_appraisal IS
'One appraiser''s rating of one competency; only the appraiser, HR and editors read it, and the sheet''s competency result (perf_eval.cs_competency_rating) is derived from all of them (APA 2020 report §4.1; Appendix 4, paragraph 27)';

CREATE TABLE perf_eval.cs_monitoring (
    iwp_id          bigint NOT NULL REFERENCES perf_eval.cs_iwp (iwp_id) ON DELETE CASCADE,
    monitored_on    date NOT NULL,
    kpis_on_track   integer NOT NULL CHECK (kpis_on_track >= 0),
    recommendations text NOT NULL CHECK (recommendations <> ''),
    acquainted_on   date,
    PRIMARY KEY (iwp_id, monitored_on),
    CHECK (acquainted_on >= monitored_on)
);
COMMENT ON COLUMN perf_eval.cs_monitoring.iwp_id IS 'Individual work plan monitored (perf_eval.cs_iwp.iwp_id)';
COMMENT ON COLUMN perf_eval.cs_monitoring.monitored_on IS 'Date of the monitoring (at least cs.monitoring_interval_months after the period start)';
COMMENT ON COLUMN perf_eval.cs_monitoring.kpis_on_track IS 'KPIs on track to be achieved (count)';
COMMENT ON COLUMN perf_eval.cs_monitoring.recommendations IS 'The direct supervisor''s written recommendations';
COMMENT ON COLUMN perf_eval.cs_monitoring.acquainted_on IS 'Date HR acquainted the employee with them; NULL until then';
COMMENT ON TABLE perf_eval.cs_monitoring IS
'Six-monthly monitoring of a plan''s KPIs by the direct supervisor, with written recommendations; an amendment may follow (APA 2020 report, Appendix 4, paragraph 18; chapter 4 conclusions, Table 4.3)';

CREATE TABLE perf_eval.cs_consequence (
    consequence_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sheet_id       bigint NOT NULL REFERENCES perf_eval.cs_result (sheet_id),
    decision       text NOT NULL CHECK (decision IN ('bonus', 'intangible_incentive', 'advancement', 'development_plan',
                                                     'transfer', 'demotion', 'dismissal')),
    basis          text NOT NULL CHECK (basis <> ''),
    decided_on     date NOT NULL,
    decided_by     name NOT NULL DEFAULT current_user,
    tier           text NOT NULL,
    negative       boolean NOT NULL,
    kef            numeric NOT NULL,
    grade          text,
    UNIQUE (sheet_id, decision)
);
COMMENT ON COLUMN perf_eval.cs_consequence.consequence_id IS 'Identifier of the decision';
COMMENT ON COLUMN perf_eval.cs_consequence.sheet_id IS 'Result the decision follows (perf_eval.cs_result.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_consequence.decision IS 'bonus | intangible_incentive | advancement | development_plan | transfer | demotion | dismissal';
COMMENT ON COLUMN perf_eval.cs_consequence.basis IS 'Basis of the decision (order, protocol, reasoning)';
COMMENT ON COLUMN perf_eval.cs_consequence.decided_on IS 'Date of the decision';
COMMENT ON COLUMN perf_eval.cs_consequence.decided_by IS 'Database role that recorded it';
COMMENT ON COLUMN perf_eval.cs_consequence.tier IS 'Level of the employee''s position when decided (perf_eval.cs_position_tier.tier)';
COMMENT ON COLUMN perf_eval.cs_consequence.negative IS 'True if the result was negative (final grade in cs.consequence.negative_grades, or Kef 0)';
COMMENT ON COLUMN perf_eval.cs_consequence.kef IS 'Final Kef of the result when decided, a fraction (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_consequence.grade IS 'Final m2018 grade of the result when decided';
COMMENT ON TABLE perf_eval.cs_consequence IS
'Decisions that follow an approved result, each allowed by the level''s table of consequences for a positive or negative result (cs.level.<tier>.positive | negative; APA 2020 report, chapter 4 conclusions, Table 4.3), with its basis';

-- 360-degree ratings change while the sheet's competencies may (until it goes
-- to the commission), within the position's competency profile and the
-- period's scale; each one checked by the 3/4 rule's kernel at once.
CREATE FUNCTION perf_eval.cs_appraisal_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sheet perf_eval.cs_assessment_sheet;
    v text;
    profile text[];
    scale integer;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT s.* INTO sheet FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = NEW.sheet_id;
    SELECT p.methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = sheet.period_id;
    IF sheet.state NOT IN ('draft', 'signed_by_direct', 'under_superior_review', 'returned', 'agreed') THEN
        RAISE EXCEPTION 'the 360-degree ratings of assessment sheet % cannot change while it is %', sheet.sheet_id, sheet.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(sheet.period_id, sheet.employee_id) || '.',
                  HINT = 'Competencies are rated until the sheet goes to the commission (APA 2020 report, Appendix 4, paragraphs 26-27).';
    END IF;
    SELECT array_agg(pc.competency) INTO profile FROM perf_eval.cs_position_competency AS pc
    JOIN perf_eval.cs_employee AS e ON e.position_id = pc.position_id WHERE e.employee_id = sheet.employee_id;
    IF NEW.competency <> ALL (profile) THEN
        RAISE EXCEPTION 'competency % is not in the competency profile of the position', NEW.competency
            USING ERRCODE = '22023',
                  DETAIL = format('%s; profile: %s.', perf_eval.cs_context(sheet.period_id, sheet.employee_id),
                                  array_to_string(profile, ', ')),
                  HINT = 'A position is assessed on the competencies of its profile (APA 2020 report, chapter 4 conclusions, Table 4.4).';
    END IF;
    scale := cardinality(perf_eval.cs_param_list(v, 'cs.competency_scale'));
    IF NEW.level NOT BETWEEN 1 AND scale THEN
        RAISE EXCEPTION 'a level on the competency scale lies between 1 and %, not %', scale, NEW.level
            USING ERRCODE = '22003', HINT = 'cs.competency_scale (APA 2020 report, chapter 4 conclusions, Table 4.4).';
    END IF;
    PERFORM perf_eval.competency_meets(NEW.manifested, NEW.defined,
                                       perf_eval.cs_param_integer(v, 'cs.competency_ratio_num'),
                                       perf_eval.cs_param_integer(v, 'cs.competency_ratio_den'));
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_appraisal_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_appraisal
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_appraisal_valid();

-- Monitoring: of an approved plan, not before the first interval has passed.
CREATE FUNCTION perf_eval.cs_monitoring_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    plan perf_eval.cs_iwp;
    p perf_eval.cs_assessment_period;
    earliest date;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT i.* INTO plan FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = NEW.iwp_id;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x WHERE x.period_id = plan.period_id;
    earliest := (p.starts_on + make_interval(months => perf_eval.cs_param_integer(p.methodology,
                                                                                 'cs.monitoring_interval_months')))::date;
    IF plan.state NOT IN ('approved', 'amendment_submitted') OR NEW.monitored_on < earliest OR NEW.monitored_on > p.ends_on THEN
        RAISE EXCEPTION 'individual work plan % cannot be monitored on % while it is %', plan.iwp_id, NEW.monitored_on, plan.state
            USING ERRCODE = '22023',
                  DETAIL = format('%s; monitoring from %s to %s, of an approved plan.',
                                  perf_eval.cs_context(plan.period_id, plan.employee_id), earliest, p.ends_on),
                  HINT = 'cs.monitoring_interval_months: every six months (APA 2020 report, Appendix 4, paragraph 18; Table 4.3).';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_monitoring_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_monitoring
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_monitoring_valid();

-- A consequence follows an approved result and is one the level's table allows.
CREATE OR REPLACE FUNCTION perf_eval.cs_consequence_allowed()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.cs_result;
    p perf_eval.cs_assessment_period;
    allowed text[];
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = NEW.sheet_id;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x
    JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = r.commission_id;
    IF r.state NOT IN ('approved_final', 'informed', 'acknowledged', 'refusal_act', 'appealed', 'appeal_decided', 'archived') THEN
        RAISE EXCEPTION 'the result of sheet % is %: consequences follow an approved result', r.sheet_id, r.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(p.period_id, r.employee_id) || '.',
                  HINT = 'The authorised person approves the result first (APA 2020 report, Appendix 4, paragraph 41).';
    END IF;
    NEW.tier := (SELECT pos.tier FROM perf_eval.cs_employee AS e JOIN perf_eval.cs_position AS pos USING (position_id)
                 WHERE e.employee_id = r.employee_id);
    NEW.kef := coalesce(r.revised_kef, r.computed_kef);
    NEW.grade := coalesce(r.revised_grade, r.computed_grade);
    NEW.negative := NEW.kef = 0 OR NEW.grade = ANY (perf_eval.cs_param_list(p.methodology, 'cs.consequence.negative_grades'));
    allowed := perf_eval.cs_allowed_consequences(p.methodology, NEW.tier, NEW.negative);
    IF NEW.decision <> ALL (allowed) THEN
        RAISE EXCEPTION '% is not a consequence of a % assessment of %', NEW.decision,
                        CASE WHEN NEW.negative THEN 'negative' ELSE 'positive' END, replace(NEW.tier, '_', ' ')
            USING ERRCODE = '22023',
                  DETAIL = format('%s; Kef %s, grade %s; allowed: %s.', perf_eval.cs_context(p.period_id, r.employee_id),
                                  round(100 * NEW.kef, perf_eval.display_decimals('kef_percent')) || ' %',
                                  coalesce(NEW.grade, 'none'), array_to_string(allowed, ', ')),
                  HINT = format('cs.level.%s.%s (APA 2020 report, chapter 4 conclusions, Table 4.3).', NEW.tier,
                                CASE WHEN NEW.negative THEN 'negative' ELSE 'positive' END);
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_consequence_allowed BEFORE INSERT OR UPDATE ON perf_eval.cs_consequence
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_consequence_allowed();

-- A result's computation is frozen from the commission's first look; only a
-- result reopened after an upheld appeal is computed again, as it returns.
CREATE FUNCTION perf_eval.cs_result_frozen()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT perf_eval.cs_bulk_loading()
       AND (OLD.kpis, OLD.kpi_part, OLD.competencies, OLD.competencies_met, OLD.competency_part, OLD.kef_raw,
            OLD.completed_tasks, OLD.total_tasks, OLD.plan_gate, OLD.computed_kef, OLD.kpis_achieved, OLD.computed_grade,
            OLD.computation)
           IS DISTINCT FROM
           (NEW.kpis, NEW.kpi_part, NEW.competencies, NEW.competencies_met, NEW.competency_part, NEW.kef_raw,
            NEW.completed_tasks, NEW.total_tasks, NEW.plan_gate, NEW.computed_kef, NEW.kpis_achieved, NEW.computed_grade,
            NEW.computation)
       AND NOT (OLD.state = 'reopened' AND NEW.state = 'at_commission') THEN
        RAISE EXCEPTION 'the computed result of sheet % cannot change while it is %', OLD.sheet_id, OLD.state
            USING ERRCODE = '22023',
                  HINT = 'Kef and grade are computed when the sheet goes to the commission, and again only after an upheld appeal reopens it (perf_eval.cs_reopen; APA 2020 report, Appendix 4, paragraphs 26, 45).';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_result_frozen BEFORE UPDATE ON perf_eval.cs_result
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_result_frozen();

SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_result_revision', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_appraiser', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_appraisal', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_monitoring', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_consequence', '');
SELECT pg_catalog.pg_extension_config_dump(pg_catalog.pg_get_serial_sequence('perf_eval.cs_consequence', 'consequence_id'), '');

-- Privileges and row-level security: revisions, monitoring and consequences
-- are visible with their sheet or plan; an individual appraiser's ratings only
-- to that appraiser, HR of the body and editors (the employee assessed sees
-- the derived perf_eval.cs_competency_rating, never who rated what).
GRANT SELECT ON perf_eval.cs_result_revision, perf_eval.cs_appraiser, perf_eval.cs_appraisal, perf_eval.cs_monitoring,
      perf_eval.cs_consequence
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_result_revision, perf_eval.cs_appraiser, perf_eval.cs_appraisal,
      perf_eval.cs_monitoring, perf_eval.cs_consequence
   TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.cs_consequence_consequence_id_seq TO perf_eval_editor, perf_eval_cs_hr;
GRANT INSERT ON perf_eval.cs_result_revision, perf_eval.cs_consequence TO perf_eval_cs_hr;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_appraiser, perf_eval.cs_monitoring TO perf_eval_cs_hr, perf_eval_cs_manager;
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_appraisal TO perf_eval_cs_hr, perf_eval_cs_employee;
-- A reopened result is computed again when the sheet returns to the commission.
GRANT UPDATE (kpis, kpi_part, competencies, competencies_met, competency_part, kef_raw, completed_tasks, total_tasks,
              plan_gate, computed_kef, kpis_achieved, computed_grade, computation, decision, revised_kef, revised_grade,
              members_voting, members_present, votes_yes, votes_no, chair_in_favour, decided_on)
   ON perf_eval.cs_result TO perf_eval_cs_hr;

DO $$
DECLARE
    assessors CONSTANT text := 'perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission';
    sheet_hr  CONSTANT text := 'EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s '
                               'WHERE s.sheet_id = %1$I.sheet_id AND perf_eval.cs_is_hr_of(s.body))';
    visible   CONSTANT text := 'EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id)';
    tab text;
    p record;
BEGIN
    FOREACH tab IN ARRAY '{cs_result_revision, cs_appraiser, cs_appraisal, cs_monitoring, cs_consequence}'::text[] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', tab);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I FOR ALL TO perf_eval_editor USING (true) WITH CHECK (true)', tab);
    END LOOP;
    FOR p IN SELECT * FROM (VALUES
        ('cs_result_revision', 'visible_sheet', 'SELECT', assessors, visible),
        ('cs_result_revision', 'hr_reopens', 'INSERT', 'perf_eval_cs_hr', sheet_hr),
        ('cs_consequence', 'visible_sheet', 'SELECT', assessors, visible),
        ('cs_consequence', 'hr_decides', 'INSERT', 'perf_eval_cs_hr', sheet_hr),
        ('cs_monitoring', 'visible_plan', 'SELECT', assessors,
         'EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = %1$I.iwp_id)'),
        ('cs_monitoring', 'monitored_by', 'ALL', 'perf_eval_cs_manager, perf_eval_cs_hr',
         'EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = %1$I.iwp_id '
         'AND (perf_eval.cs_manages(i.employee_id) OR perf_eval.cs_is_hr_of(i.body)))'),
        -- The head of the body (a manager up the chain) or HR chooses appraisers; an appraiser sees their own choice.
        ('cs_appraiser', 'chosen_by', 'ALL', 'perf_eval_cs_manager, perf_eval_cs_hr',
         'EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id '
         'AND (perf_eval.cs_manages(s.employee_id) OR perf_eval.cs_is_hr_of(s.body)))'),
        ('cs_appraiser', 'appraiser_own', 'SELECT', assessors, 'appraiser_id = perf_eval.cs_current_employee()'),
        -- Individual ratings: the appraiser and HR only.
        ('cs_appraisal', 'appraiser_own', 'ALL', assessors, 'appraiser_id = perf_eval.cs_current_employee()'),
        ('cs_appraisal', 'hr_body', 'ALL', 'perf_eval_cs_hr', sheet_hr)
    ) AS x(tab, name, command, roles, rule) LOOP
        EXECUTE format('CREATE POLICY %I ON perf_eval.%I FOR %s TO %s', p.name, p.tab, p.command, p.roles)
             || CASE WHEN p.command <> 'INSERT' THEN format(' USING (%s)', format(p.rule, p.tab)) ELSE '' END
             || CASE WHEN p.command IN ('ALL', 'UPDATE', 'INSERT') THEN format(' WITH CHECK (%s)', format(p.rule, p.tab))
                     ELSE '' END;
    END LOOP;
END
$$;

-- =========================================================================
-- Explained results (METHODOLOGY §6.2): every result says in words how its
-- Kef and grade came about: each KPI's points and difficulty factor, the plan
-- gate and the band applied, the competencies, the methodology, and why a
-- Kef is above 100 % or zero.
-- =========================================================================

-- The rule of a bands definition that applies to x ("lt 100 => 0.5"): the
-- same parser (bands_value) picks the rule's number from a copy of the
-- definition whose values are the rules' numbers.
CREATE FUNCTION perf_eval.cs_band_applied(x numeric, definition text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH rules AS (
        SELECT trim(r.rule) AS rule, r.ord
        FROM unnest(string_to_array($2, ';')) WITH ORDINALITY AS r(rule, ord)
    )
    SELECT rl.rule FROM rules AS rl
    WHERE rl.ord = perf_eval.bands_value($1, (SELECT string_agg(split_part(r.rule, '=>', 1) || '=> ' || r.ord, '; '
                                                                ORDER BY r.ord) FROM rules AS r))
$$;
COMMENT ON FUNCTION perf_eval.cs_band_applied(numeric, text) IS
'The rule of a bands definition (op b => v; ...; else => v0) that applies to x, as written (docs/methodology.md §0.8)';

CREATE OR REPLACE FUNCTION perf_eval.cs_explain_result(sheet bigint)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.cs_result;
    p perf_eval.cs_assessment_period;
    plan_pct numeric;
    band text;
    kpis jsonb;
    mean_factor numeric;
    competencies jsonb;
    kef_decimals constant integer := perf_eval.display_decimals('kef_percent');
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x
    JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = r.commission_id;
    plan_pct := 100.0 * r.completed_tasks / nullif(r.total_tasks, 0);
    band := perf_eval.cs_band_applied(plan_pct, perf_eval.param_text(p.methodology, 'cs.kef.plan_gate'));
    -- Each KPI as frozen in the computation, with its points and difficulty factor.
    SELECT jsonb_agg(k || jsonb_build_object(
               'difficulty_factor', round(1 + (k->>'difficulty')::numeric
                                            / perf_eval.param_numeric(p.methodology, 'cs.kef.difficulty_divisor'), 4),
               'kpi_efficiency_pct', round(100 * (k->>'kpi_efficiency')::numeric, kef_decimals),
               'plan_met', perf_eval.kpi_plan_met((k->>'plan')::numeric, (k->>'fact')::numeric,
                                                  (k->>'decrease_is_good')::boolean)) ORDER BY (k->>'kpi')::integer),
           avg(1 + (k->>'difficulty')::numeric / perf_eval.param_numeric(p.methodology, 'cs.kef.difficulty_divisor'))
      INTO kpis, mean_factor
    FROM jsonb_array_elements(r.computation->'inputs'->'kpis') AS k;
    SELECT jsonb_agg(jsonb_build_object('competency', c.competency, 'manifested', c.manifested, 'defined', c.defined,
                                        'meets', perf_eval.competency_meets(c.manifested, c.defined,
                                            perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_num'),
                                            perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_den')))
                     ORDER BY c.competency)
      INTO competencies
    FROM perf_eval.cs_competency_rating AS c WHERE c.sheet_id = sheet;
    RETURN jsonb_build_object(
        'kef_pct', round(100 * coalesce(r.revised_kef, r.computed_kef), kef_decimals),
        'computed_kef_pct', round(100 * r.computed_kef, kef_decimals),
        'grade', coalesce(r.revised_grade, r.computed_grade),
        'why', to_jsonb(perf_eval.cs_result_reasons(r, p.methodology, p.grade_methodology, plan_pct, band, mean_factor)),
        'kpis', kpis,
        'plan_execution', jsonb_build_object('completed_tasks', r.completed_tasks, 'total_tasks', r.total_tasks,
                                             'plan_pct', round(plan_pct, 2), 'band', band, 'gate', r.plan_gate),
        'competencies', coalesce(competencies, '[]'),
        'methodology', p.methodology, 'grade_methodology', p.grade_methodology,
        'clause', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendices 3-4 (docs/methodology.md §6.1, §6.2)',
        'computation', r.computation);
END
$$;
COMMENT ON FUNCTION perf_eval.cs_explain_result(bigint) IS
'A result explained (Kef, its parts and each KPI''s efficiency in % at the display setting kef_percent''s decimals): the sentences (why), each KPI''s points, difficulty factor and whether it met its plan, the plan gate with the band applied, the competencies, the methodologies and the frozen computation; NULL if the sheet has no visible result (docs/methodology.md §6.2)';

-- -------------------------------------------------------------------------
-- Moves with a reason, and the reopening after an upheld appeal
-- (APA 2020 report, Appendix 4, paragraphs 40, 45)
-- -------------------------------------------------------------------------

-- Applies a legal move and logs why it was made (the state trigger reads the reason).
CREATE FUNCTION perf_eval.cs_apply_move_because(move perf_eval.cs_workflow_transition, id bigint, on_date date,
                                                reason text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    state text;
BEGIN
    PERFORM pg_catalog.set_config('perf_eval_cs.reason', coalesce(reason, ''), true);
    state := perf_eval.cs_apply_move(move, id, on_date);
    PERFORM pg_catalog.set_config('perf_eval_cs.reason', '', true);
    RETURN state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_apply_move_because(perf_eval.cs_workflow_transition, bigint, date, text) IS
'Applies a legal workflow move (perf_eval.cs_apply_move) and records the reason given in the workflow log';

CREATE FUNCTION perf_eval.cs_move(entity text, id bigint, action text, on_date date, reason text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move(entity, id, action);
BEGIN
    IF move.api_function IS NOT NULL THEN
        RAISE EXCEPTION 'the % move of a % needs more than a date: call %()', action, entity, move.api_function
            USING ERRCODE = '22023', HINT = 'Workflow, docs/methodology.md §6.3.';
    END IF;
    RETURN perf_eval.cs_apply_move_because(move, id, on_date, reason);
END
$$;
COMMENT ON FUNCTION perf_eval.cs_move(text, bigint, text, date, text) IS
'perf_eval.cs_move with the reason for the move, kept in the workflow log (why a plan or sheet was returned, for instance); docs/methodology.md §6.3';

-- After the authority recommends cancelling the decision (appeal outcome
-- recommend_revise), HR cancels it and sends the sheet back to the stage the
-- commission names; the cancelled result is kept, and the sheet's deadlines
-- count again from the reopening (cs.deadline.resubmit to the supervisor,
-- cs.deadline.to_commission from agreed). The sheet comes back to the
-- commission through perf_eval.cs_submit_to_commission, which computes the
-- result again.
CREATE FUNCTION perf_eval.cs_reopen(sheet bigint, stage text, reason text, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'reopen');
    sheet_action text := CASE stage WHEN 'supervisor' THEN 'reopen_to_supervisor' WHEN 'superior' THEN 'reopen_to_superior'
                                    WHEN 'commission' THEN 'reopen_to_commission' END;
    r perf_eval.cs_result;
    appeal perf_eval.cs_appeal;
BEGIN
    IF sheet_action IS NULL THEN
        RAISE EXCEPTION 'unknown stage "%" to reopen the assessment at', stage
            USING ERRCODE = '22023', DETAIL = 'Stages are supervisor, superior and commission.',
                  HINT = 'The commission names the stage to revise: the direct supervisor''s rating, the superior''s review, or its own decision (APA 2020 report, Appendix 4, paragraphs 23-26, 40).';
    END IF;
    IF coalesce(reason, '') = '' THEN
        RAISE EXCEPTION 'reopening the assessment of sheet % needs a reason', sheet
            USING ERRCODE = '22023', HINT = 'Say what the commission asks to revise, after the authority''s recommendation.';
    END IF;
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT a.* INTO appeal FROM perf_eval.cs_appeal AS a WHERE a.sheet_id = sheet ORDER BY a.appeal_id DESC LIMIT 1;
    IF appeal.outcome IS DISTINCT FROM 'recommend_revise' THEN
        RAISE EXCEPTION 'the appeal against the result of sheet % was not upheld', sheet
            USING ERRCODE = '22023', DETAIL = format('Appeal outcome: %s.', coalesce(appeal.outcome, 'none')),
                  HINT = 'A decision is cancelled only on the authority''s recommendation (recommend_revise; APA 2020 report, Appendix 4, paragraph 45).';
    END IF;
    INSERT INTO perf_eval.cs_result_revision (sheet_id, revision_no, appeal_id, stage, reason, cancelled_on, cancelled_result)
    SELECT sheet, coalesce(max(v.revision_no), 0) + 1, appeal.appeal_id, cs_reopen.stage, cs_reopen.reason, on_date, to_jsonb(r)
    FROM perf_eval.cs_result_revision AS v WHERE v.sheet_id = sheet;
    PERFORM perf_eval.cs_apply_move_because(move, sheet, on_date, reason);
    RETURN perf_eval.cs_apply_move_because(perf_eval.cs_legal_move('sheet', sheet, sheet_action), sheet, on_date,
                                           format('appeal %s upheld on %s: %s', appeal.appeal_id, appeal.decided_on, reason));
END
$$;
COMMENT ON FUNCTION perf_eval.cs_reopen(bigint, text, text, date) IS
'After an upheld appeal (recommend_revise), cancels the commission''s decision and returns the sheet to the stage named (supervisor: returned; superior: under review; commission: agreed), keeping the cancelled result in perf_eval.cs_result_revision; the deadlines of the stage count from on_date (APA 2020 report, Appendix 4, paragraphs 25-26, 40, 45)';

-- -------------------------------------------------------------------------
-- 360 degrees: the competency results derived from the appraisers' ratings
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_derive_competencies(sheet bigint)
RETURNS integer
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := (SELECT p.methodology FROM perf_eval.cs_assessment_sheet AS s
               JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE s.sheet_id = sheet);
    mixed text;
    derived integer;
BEGIN
    IF v IS NULL THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'HR derives the 360-degree results of its body''s sheets.';
    END IF;
    IF perf_eval.param_text(v, 'cs.360.aggregate') <> 'mean_rounded' THEN
        RAISE EXCEPTION 'unknown 360-degree aggregation "%"', perf_eval.param_text(v, 'cs.360.aggregate')
            USING ERRCODE = '22023', HINT = 'cs.360.aggregate: mean_rounded (docs/methodology.md §6.1).';
    END IF;
    SELECT string_agg(x.competency, ', ') INTO mixed
    FROM (SELECT a.competency FROM perf_eval.cs_appraisal AS a WHERE a.sheet_id = sheet
          GROUP BY a.competency HAVING count(DISTINCT a.defined) > 1) AS x;
    IF mixed IS NOT NULL THEN
        RAISE EXCEPTION 'the appraisers of sheet % count different numbers of behavioural indicators', sheet
            USING ERRCODE = '22023', DETAIL = format('Competencies: %s.', mixed),
                  HINT = 'n is the number of indicators defined for the competency and position tier (APA 2020 report §4.1).';
    END IF;
    INSERT INTO perf_eval.cs_competency_rating AS c (sheet_id, competency, manifested, defined)
    SELECT sheet, a.competency, round(avg(a.manifested))::integer, min(a.defined)
    FROM perf_eval.cs_appraisal AS a WHERE a.sheet_id = sheet GROUP BY a.competency
    ON CONFLICT (sheet_id, competency) DO UPDATE SET manifested = excluded.manifested, defined = excluded.defined;
    GET DIAGNOSTICS derived = ROW_COUNT;
    RETURN derived;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_derive_competencies(bigint) IS
'Derives a sheet''s competency results (perf_eval.cs_competency_rating: k of n) from its 360-degree appraisers'' ratings: k = the appraisers'' mean k rounded half up (cs.360.aggregate, assumed), then the 3/4 rule; returns the competencies derived (APA 2020 report §4.1; Appendix 4, paragraph 27)';

-- -------------------------------------------------------------------------
-- Consequences of a result (APA 2020 report, chapter 4 conclusions, Table 4.3)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_record_consequence(sheet bigint, decision text, basis text,
                                                on_date date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    id bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_result AS r WHERE r.sheet_id = sheet) THEN
        RAISE EXCEPTION 'no result of sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'A consequence follows the commission''s approved result.';
    END IF;
    IF coalesce(basis, '') = '' THEN
        RAISE EXCEPTION 'a consequence needs its basis' USING ERRCODE = '22023',
              HINT = 'Name the order or protocol and the reasoning of the decision.';
    END IF;
    IF decision IS NULL OR decision NOT IN ('bonus', 'intangible_incentive', 'advancement', 'development_plan', 'transfer',
                                            'demotion', 'dismissal') THEN
        RAISE EXCEPTION 'unknown consequence "%"', decision
            USING ERRCODE = '22023',
                  DETAIL = 'Consequences: bonus, intangible_incentive, advancement, development_plan, transfer, demotion, dismissal.',
                  HINT = 'APA 2020 report, chapter 4 conclusions, Table 4.3.';
    END IF;
    INSERT INTO perf_eval.cs_consequence (sheet_id, decision, basis, decided_on, tier, negative, kef)
    VALUES (sheet, decision, basis, on_date, '', false, 0) RETURNING consequence_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_record_consequence(bigint, text, text, date) IS
'Records a decision that follows an approved result (bonus, intangible_incentive, advancement, development_plan, transfer, demotion, dismissal) with its basis; 22023 unless the level''s table of consequences allows it for a positive or negative result (cs.level.<tier>.positive | negative; APA 2020 report, chapter 4 conclusions, Table 4.3)';

-- Every move of a sheet, its plan and its result: who, when and why.
CREATE VIEW perf_eval.cs_sheet_history WITH (security_invoker = true) AS
SELECT s.body, s.period_id, s.sheet_id, s.employee_id, e.personnel_no, e.full_name, ev.event_id,
       ev.entity AS document, ev.action, ev.from_state, ev.to_state, ev.on_date, ev.recorded_at, ev.actor,
       who.full_name AS actor_name, ev.reason, t.clause,
       coalesce(ev.reason, t.clause, 'document opened') AS why
FROM perf_eval.cs_assessment_sheet AS s
JOIN perf_eval.cs_employee AS e ON e.employee_id = s.employee_id
JOIN perf_eval.cs_workflow_event AS ev
  ON (ev.entity = 'iwp' AND ev.entity_id = s.iwp_id) OR (ev.entity IN ('sheet', 'result') AND ev.entity_id = s.sheet_id)
LEFT JOIN perf_eval.cs_login AS l ON l.login = ev.actor
LEFT JOIN perf_eval.cs_employee AS who ON who.employee_id = l.employee_id
LEFT JOIN perf_eval.cs_workflow_transition AS t
  ON t.entity = ev.entity AND t.action = ev.action AND t.from_state = ev.from_state;
COMMENT ON COLUMN perf_eval.cs_sheet_history.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_sheet_history.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_sheet_history.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_sheet_history.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_sheet_history.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_history.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_history.event_id IS 'Identifier of the move (order of the moves)';
COMMENT ON COLUMN perf_eval.cs_sheet_history.document IS 'Document moved: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_sheet_history.action IS 'The move (open for the creation)';
COMMENT ON COLUMN perf_eval.cs_sheet_history.from_state IS 'State before the move; NULL at the creation';
COMMENT ON COLUMN perf_eval.cs_sheet_history.to_state IS 'State after the move';
COMMENT ON COLUMN perf_eval.cs_sheet_history.on_date IS 'When: the date the move counts from';
COMMENT ON COLUMN perf_eval.cs_sheet_history.recorded_at IS 'When the move was recorded';
COMMENT ON COLUMN perf_eval.cs_sheet_history.actor IS 'Who: the database role that made the move';
COMMENT ON COLUMN perf_eval.cs_sheet_history.actor_name IS 'Who: the employee that role is (perf_eval.cs_login); NULL for data entry by editors';
COMMENT ON COLUMN perf_eval.cs_sheet_history.reason IS 'The reason the maker gave; NULL if none';
COMMENT ON COLUMN perf_eval.cs_sheet_history.clause IS 'Clause of the assessment rules the move implements';
COMMENT ON COLUMN perf_eval.cs_sheet_history.why IS 'Why: the reason given, else the clause of the move';
COMMENT ON VIEW perf_eval.cs_sheet_history IS
'The history of every visible sheet: each move of its plan, the sheet and its result, including reopenings after an upheld appeal, with who, when and why (docs/methodology.md §6.3)';

-- Every result with its explanation (words and numbers).
CREATE VIEW perf_eval.cs_result_explained WITH (security_invoker = true) AS
SELECT r.body, r.period_id, r.year, r.sheet_id, r.employee_id, r.personnel_no, r.full_name, r.tier, r.result_state,
       r.kef_pct, r.grade, array_to_string(ARRAY(SELECT jsonb_array_elements_text(x.explanation->'why')), ' ') AS why,
       x.explanation
FROM perf_eval.cs_sheet_result AS r
CROSS JOIN LATERAL (SELECT perf_eval.cs_explain_result(r.sheet_id) AS explanation) AS x
WHERE r.result_state IS NOT NULL;
COMMENT ON COLUMN perf_eval.cs_result_explained.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_result_explained.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_result_explained.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_result_explained.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_result_explained.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_result_explained.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_result_explained.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_result_explained.tier IS 'Level of the position';
COMMENT ON COLUMN perf_eval.cs_result_explained.result_state IS 'Workflow state of the result';
COMMENT ON COLUMN perf_eval.cs_result_explained.kef_pct IS 'Final Kef in %';
COMMENT ON COLUMN perf_eval.cs_result_explained.grade IS 'Final m2018 grade';
COMMENT ON COLUMN perf_eval.cs_result_explained.why IS 'The explanation in words: Kef and its parts, the plan gate and band, a zero Kef or one above 100 % with the reason, the grade, a revision';
COMMENT ON COLUMN perf_eval.cs_result_explained.explanation IS 'The explanation as jsonb (perf_eval.cs_explain_result): why, kpis with points and difficulty factor, plan_execution with the band, competencies, methodologies, computation';
COMMENT ON VIEW perf_eval.cs_result_explained IS
'Every visible result with its explanation in words and numbers (docs/methodology.md §6.2)';

-- cs_level_report (per body, period and level) is defined with the display
-- settings it reads (issue 19, item 6).
GRANT SELECT ON perf_eval.cs_sheet_history, perf_eval.cs_result_explained
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;

-- Issue 22: changed civil-servant routines
CREATE OR REPLACE FUNCTION perf_eval.cs_submit_to_commission(sheet bigint, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('sheet', sheet, 'submit_to_commission');
    s perf_eval.cs_assessment_sheet;
    p perf_eval.cs_assessment_period;
    commission bigint;
    kef perf_eval.cs_kef_breakdown;
    kpis integer;
    achieved integer;
    grade text;
    explained jsonb;
    reopened boolean;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x WHERE x.period_id = s.period_id;
    SELECT c.commission_id INTO commission FROM perf_eval.cs_commission AS c WHERE c.period_id = p.period_id;
    IF commission IS NULL THEN
        RAISE EXCEPTION 'period % has no assessment commission', p.period_id
            USING ERRCODE = '22023', DETAIL = format('body %s, year %s.', p.body, p.year),
                  HINT = 'The authorised person forms the commission, APA 2020 report, Appendix 4, paragraph 5.';
    END IF;
    kef := perf_eval.cs_sheet_kef(sheet);
    -- The m2018 grade needs exactly cs.m2018.kpi_count KPIs; a draft_kef plan may have another number.
    SELECT count(*) INTO kpis FROM perf_eval.cs_kpi AS k WHERE k.iwp_id = s.iwp_id;
    IF kpis = perf_eval.cs_param_integer(p.grade_methodology, 'cs.m2018.kpi_count') THEN
        SELECT g.kpis_achieved, g.grade INTO achieved, grade FROM perf_eval.cs_sheet_grade(sheet) AS g;
    ELSE
        SELECT count(*) INTO achieved FROM perf_eval.cs_kpi AS k
        JOIN perf_eval.cs_kpi_rating AS r ON r.kpi_id = k.kpi_id AND r.sheet_id = s.sheet_id
        WHERE k.iwp_id = s.iwp_id AND perf_eval.kpi_plan_met(k.plan, r.fact, k.decrease_is_good);
    END IF;

    explained := kef.explanation || jsonb_build_object('grade', jsonb_build_object(
        'methodology', p.grade_methodology, 'kpis', kpis, 'kpis_achieved', achieved, 'grade', grade,
        'status', CASE WHEN grade IS NULL THEN 'not_assessable' ELSE 'ok' END,
        'reason', CASE WHEN grade IS NULL THEN 'kpi_count' END,
        'clause', 'APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1)',
        'parameters', perf_eval.param_explanation(p.grade_methodology,
                                                  ARRAY['cs.m2018.kpi_count', 'cs.m2018.grade_bands'])));
    reopened := EXISTS (SELECT 1 FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet);

    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_assessment_sheet AS x SET commission_id = commission WHERE x.sheet_id = sheet;
    IF reopened THEN
        -- After an upheld appeal (perf_eval.cs_reopen): computed again, before the commission again.
        PERFORM perf_eval.cs_legal_move('result', sheet, 'resubmit');
        UPDATE perf_eval.cs_result AS x
        SET state = 'at_commission', state_since = on_date, meeting_id = NULL,
            kpis = kef.kpis, kpi_part = kef.kpi_part, competencies = kef.competencies,
            competencies_met = kef.competencies_met, competency_part = kef.competency_part, kef_raw = kef.kef_raw,
            completed_tasks = kef.completed_tasks, total_tasks = kef.total_tasks, plan_gate = kef.plan_gate,
            computed_kef = kef.kef, kpis_achieved = achieved, computed_grade = grade,
            computation = explained, decision = NULL, revised_kef = NULL, revised_grade = NULL,
            members_voting = NULL, members_present = NULL, votes_yes = NULL, votes_no = NULL, chair_in_favour = NULL,
            decided_on = NULL
        WHERE x.sheet_id = sheet AND x.state = 'reopened';
        RETURN move.to_state;
    END IF;
    INSERT INTO perf_eval.cs_result (sheet_id, employee_id, body, commission_id, state, state_since,
                                     kpis, kpi_part, competencies, competencies_met, competency_part, kef_raw,
                                     completed_tasks, total_tasks, plan_gate, computed_kef, kpis_achieved, computed_grade,
                                     computation)
    VALUES (sheet, s.employee_id, s.body, commission, 'at_commission', on_date,
            kef.kpis, kef.kpi_part, kef.competencies, kef.competencies_met, kef.competency_part, kef.kef_raw,
            kef.completed_tasks, kef.total_tasks, kef.plan_gate, kef.kef, achieved, grade, explained);
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_submit_to_commission(bigint, date) IS
'HR submits an agreed sheet to the period''s commission: computes and freezes Kef (draft_kef) and the m2018 grade into perf_eval.cs_result, or computes again a result reopened after an upheld appeal (APA 2020 report, Appendix 4, paragraphs 26, 45, docs/methodology.md §6.2, §6.3)';
CREATE OR REPLACE FUNCTION perf_eval.cs_file_appeal(sheet bigint, grounds text, filed_on date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'appeal');
    r perf_eval.cs_result;
    v text;
    deadline date;
    id bigint;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT p.methodology INTO v FROM perf_eval.cs_commission AS c
    JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE c.commission_id = r.commission_id;
    deadline := perf_eval.cs_add_working_days(r.decided_on, perf_eval.cs_param_integer(v, 'cs.deadline.appeal'));
    IF filed_on > deadline THEN
        RAISE EXCEPTION 'the appeal against the decision of % on sheet % was due by %', r.decided_on, sheet, deadline
            USING ERRCODE = '22023',
                  DETAIL = format('Filed on %s, %s working days late.', filed_on,
                                  perf_eval.cs_working_days_between(deadline, filed_on)),
                  HINT = 'cs.deadline.appeal: within 10 working days of the decision, APA 2020 report, Appendix 4, paragraph 45.';
    END IF;
    PERFORM perf_eval.cs_apply_move_because(move, sheet, filed_on, grounds);
    INSERT INTO perf_eval.cs_appeal (sheet_id, filed_on, grounds) VALUES (sheet, filed_on, grounds)
    RETURNING appeal_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_file_appeal(bigint, text, date) IS
'Files the employee''s appeal to the civil-service authority: 22023 after cs.deadline.appeal (10) working days from the commission''s decision (APA 2020 report, Appendix 4, paragraph 45)';
CREATE OR REPLACE FUNCTION perf_eval.cs_decide_appeal(sheet bigint, outcome text, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'decide_appeal');
BEGIN
    IF outcome IS NULL OR outcome NOT IN ('recommend_revise', 'unchanged') THEN
        RAISE EXCEPTION 'unknown appeal outcome "%"', outcome
            USING ERRCODE = '22023', DETAIL = 'Outcomes are recommend_revise and unchanged.', HINT = 'Pass recommend_revise or unchanged (APA 2020 report, Appendix 4, paragraph 45).';
    END IF;
    PERFORM perf_eval.cs_apply_move_because(move, sheet, on_date, 'appeal outcome: ' || outcome);
    UPDATE perf_eval.cs_appeal AS a SET outcome = cs_decide_appeal.outcome, decided_on = on_date
    WHERE a.sheet_id = sheet AND a.decided_on IS NULL;
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_decide_appeal(bigint, text, date) IS
'Records the civil-service authority''s decision on an appeal: recommend_revise (cancel and revise) or unchanged (APA 2020 report, Appendix 4, paragraph 45)';

-- One definition of the rows of a year of an input relation (rows_of_year_condition), read by the digests, the run record and verify_run
CREATE OR REPLACE FUNCTION perf_eval.rows_of_year_condition(year_column text, month_column text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN $1 IS NOT NULL THEN pg_catalog.format('t.%I = $1', $1)
                ELSE pg_catalog.format('t.%1$I >= pg_catalog.make_date($1, 1, 1) AND t.%1$I < pg_catalog.make_date($1 + 1, 1, 1)', $2)
           END
$$;
COMMENT ON FUNCTION perf_eval.rows_of_year_condition(text, text) IS
'The WHERE condition (table alias t, the year as parameter $1) selecting the rows of the year of an input relation with this year_column or month_column (perf_eval.input_relation)';

-- Issue 19 item 4: structural forks (a fork's score tree: nodes left out, maxima and weights changed, supplied criteria added)
CREATE TABLE perf_eval.methodology_node_change (
    methodology  text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    node         text NOT NULL,
    kind         text CHECK (kind IN ('CSB', 'LEB')),
    change       text NOT NULL CHECK (change IN ('exclude', 'maximum', 'add_supplied')),
    maximum      numeric CHECK (maximum >= 0 AND maximum < 'Infinity'),
    source       text NOT NULL CHECK (source <> ''),
    note         text,
    changed_by   name NOT NULL DEFAULT current_user,
    changed_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (methodology, node, kind),
    CHECK ((change = 'exclude') = (maximum IS NULL)),
    CHECK (change = 'maximum' OR kind IS NULL)
);
COMMENT ON COLUMN perf_eval.methodology_node_change.methodology IS 'The user methodology (fork) whose score tree changes';
COMMENT ON COLUMN perf_eval.methodology_node_change.node IS 'Code of the node (perf_eval.score_node.code)';
COMMENT ON COLUMN perf_eval.methodology_node_change.kind IS 'Body kind (CSB, LEB) a maximum applies to; NULL for every kind';
COMMENT ON COLUMN perf_eval.methodology_node_change.change IS 'exclude (the node and its descendants are not computed, and their parent combines the others) | maximum (the node''s maximum becomes maximum; a computed value is scaled to it) | add_supplied (a criterion added by the fork, worth up to maximum, whose value the assessor supplies)';
COMMENT ON COLUMN perf_eval.methodology_node_change.maximum IS 'The node''s maximum in points under the methodology (NULL for exclude)';
COMMENT ON COLUMN perf_eval.methodology_node_change.source IS 'Why: the document and section the change follows, or who decided it and when';
COMMENT ON COLUMN perf_eval.methodology_node_change.note IS 'Free-text note on the change';
COMMENT ON COLUMN perf_eval.methodology_node_change.changed_by IS 'Database role that made the change';
COMMENT ON COLUMN perf_eval.methodology_node_change.changed_at IS 'When the change was made';
COMMENT ON TABLE perf_eval.methodology_node_change IS
'Structural changes of a user methodology''s score tree: excluded nodes, changed maxima, criteria added with a supplied value (docs/methodology.md §2.8); forks copy them, shipped versions have none';
CREATE TRIGGER shipped_node_changes_read_only BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.methodology_node_change
FOR EACH ROW EXECUTE FUNCTION perf_eval.shipped_methodology_is_read_only();
SELECT pg_catalog.pg_extension_config_dump('perf_eval.methodology_node_change', '');

-- Checks of a methodology beyond its parameters, registered by the parts
-- that own what they check (e.g. the score tree, 53_structural_forks.sql):
-- validate_methodology lists their problems with its own.
CREATE TABLE perf_eval.methodology_checker (
    name         text PRIMARY KEY,
    checker      regproc NOT NULL,
    description  text NOT NULL
);
COMMENT ON COLUMN perf_eval.methodology_checker.name IS 'Name of the check';
COMMENT ON COLUMN perf_eval.methodology_checker.checker IS 'Function (methodology text) RETURNS TABLE (key text, problem text): the problems it finds, none for a valid methodology';
COMMENT ON COLUMN perf_eval.methodology_checker.description IS 'What the check checks';
COMMENT ON TABLE perf_eval.methodology_checker IS
'Checks of a methodology that perf_eval.validate_methodology runs besides its checks of the parameter set (docs/methodology.md §2.7)';

CREATE OR REPLACE FUNCTION perf_eval.registered_methodology_problems(methodology text)
RETURNS TABLE (key text, problem text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT k.checker FROM perf_eval.methodology_checker AS k ORDER BY k.name LOOP
        RETURN QUERY EXECUTE format('SELECT x.key, x.problem FROM %s($1) AS x', c.checker) USING methodology;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.registered_methodology_problems(text) IS
'The problems of a methodology that the checkers of perf_eval.methodology_checker find (e.g. the score tree of a fork: docs/methodology.md §2.7, §2.8)';
CREATE OR REPLACE FUNCTION perf_eval.validate_methodology(methodology text)
RETURNS TABLE (key text, problem text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE params AS (
        SELECT p.key, p.value, p.value_kind FROM perf_eval.methodology_param AS p WHERE p.methodology = $1
    ),
    ancestry AS (
        SELECT m.name, m.based_on, m.shipped FROM perf_eval.methodology AS m WHERE m.name = $1
        UNION ALL
        SELECT m.name, m.based_on, m.shipped FROM perf_eval.methodology AS m JOIN ancestry AS a ON m.name = a.based_on
        WHERE NOT a.shipped
    ),
    shipped_root AS (SELECT a.name FROM ancestry AS a WHERE a.shipped LIMIT 1),
    num AS (SELECT p.key, p.value::numeric AS value FROM params AS p WHERE p.value_kind = 'number'),
    weight_group AS (
        SELECT regexp_replace(n.key, '\.w_[a-z_]+$', '') AS prefix, sum(n.value) AS total,
               string_agg(n.key, ', ' ORDER BY n.key) AS keys
        FROM num AS n WHERE n.key ~ '\.w_[a-z_]+$' GROUP BY 1
    ),
    rule_sum AS (
        SELECT r.rule, r.total_key, t.value AS total,
               sum((SELECT n.value FROM unnest(string_to_array(part, '|')) WITH ORDINALITY AS alt(k, i)
                    JOIN num AS n ON n.key = alt.k ORDER BY alt.i LIMIT 1)) AS parts_total
        FROM perf_eval.param_sum_rule AS r
        CROSS JOIN LATERAL unnest(r.parts) AS part
        JOIN num AS t ON t.key = r.total_key
        WHERE EXISTS (SELECT 1 FROM params AS p WHERE p.key = r.applies_when)
        GROUP BY r.rule, r.total_key, t.value
    ),
    problems AS (
        SELECT NULL::text AS key, 'unknown methodology'::text AS problem
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = $1)
        UNION ALL
        SELECT sp.key, 'missing parameter (defined in ' || r.name || ')'
        FROM shipped_root AS r JOIN perf_eval.methodology_param AS sp ON sp.methodology = r.name
        WHERE NOT EXISTS (SELECT 1 FROM params AS p WHERE p.key = sp.key)
        UNION ALL
        SELECT g.keys, format('weights must sum to exactly 1, not %s', g.total)
        FROM weight_group AS g WHERE g.total <> 1
        UNION ALL
        SELECT 'zone.high_min, zone.medium_min, zone.low_min', 'zone thresholds must satisfy high_min > medium_min > low_min'
        FROM num AS h, num AS m, num AS l
        WHERE h.key = 'zone.high_min' AND m.key = 'zone.medium_min' AND l.key = 'zone.low_min'
          AND NOT (h.value > m.value AND m.value > l.value)
        UNION ALL
        SELECT p.key, 'invalid scale: ' || perf_eval.scale_definition_error(p.value)
        FROM params AS p WHERE p.value_kind = 'scale' AND perf_eval.scale_definition_error(p.value) IS NOT NULL
        UNION ALL
        SELECT p.key, 'invalid bands: ' || perf_eval.bands_definition_error(p.value)
        FROM params AS p WHERE p.value_kind = 'bands' AND perf_eval.bands_definition_error(p.value) IS NOT NULL
        UNION ALL
        SELECT n.key, 'must not be negative' FROM num AS n WHERE n.value < 0
        UNION ALL
        SELECT s.rule || ': ' || s.total_key,
               format('criterion maxima sum to %s, not %s', s.parts_total, s.total)
        FROM rule_sum AS s WHERE s.parts_total <> s.total
        UNION ALL
        SELECT p.key, format('unknown name "%s" (known: %s)', p.value, array_to_string(c.allowed, ', '))
        FROM params AS p JOIN perf_eval.param_choice AS c ON c.key = p.key
        WHERE p.value <> ALL (c.allowed)
        UNION ALL
        SELECT x.key, x.problem FROM perf_eval.registered_methodology_problems($1) AS x
        WHERE EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = $1)
    )
    SELECT * FROM problems ORDER BY 1, 2
$$;
COMMENT ON FUNCTION perf_eval.validate_methodology(text) IS
'Every problem of a methodology''s parameter set: missing keys (against its shipped ancestor), weights not summing to 1, zone order, invalid scales or bands, negative points, criterion maxima not adding up, unknown names; and those of the registered checkers (perf_eval.methodology_checker: a fork''s score tree) (docs/methodology.md §2.7, §2.8)';
CREATE OR REPLACE FUNCTION perf_eval.fork_methodology(source text, new_name text, title text DEFAULT NULL,
                                           description text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = source) THEN
        RAISE EXCEPTION 'unknown methodology "%"', source USING ERRCODE = '22023';
    END IF;
    INSERT INTO perf_eval.methodology (name, title, description, based_on)
    SELECT new_name, coalesce(fork_methodology.title, m.title || ' (fork)'),
           coalesce(fork_methodology.description, 'Fork of ' || m.name), m.name
    FROM perf_eval.methodology AS m WHERE m.name = source;
    INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note)
    SELECT new_name, p.key, p.value, p.value_kind, p.provenance, p.source_document, p.source, p.note
    FROM perf_eval.methodology_param AS p WHERE p.methodology = fork_methodology.source;
    INSERT INTO perf_eval.methodology_node_change (methodology, node, kind, change, maximum, source, note, changed_by, changed_at)
    SELECT new_name, c.node, c.kind, c.change, c.maximum, c.source, c.note, c.changed_by, c.changed_at
    FROM perf_eval.methodology_node_change AS c WHERE c.methodology = fork_methodology.source;
    RETURN new_name;
END
$$;
COMMENT ON FUNCTION perf_eval.fork_methodology(text, text, text, text) IS
'Copies a methodology with all its parameters (and their provenance) and the structural changes of its score tree under a new name that users may edit (docs/methodology.md §0.5, §2.8)';
GRANT SELECT ON perf_eval.methodology_node_change, perf_eval.methodology_checker TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.methodology_node_change TO perf_eval_admin;
ALTER TABLE perf_eval.score_node ADD COLUMN added_in text REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE;
COMMENT ON COLUMN perf_eval.score_node.added_in IS 'NULL for the nodes of the extension; for a criterion a user methodology added (perf_eval.fork_add_supplied_criterion), that methodology: the node counts only in the versions whose perf_eval.methodology_node_change adds it (docs/methodology.md §2.8)';
SELECT pg_catalog.pg_extension_config_dump('perf_eval.score_node', 'WHERE added_in IS NOT NULL');
GRANT INSERT ON perf_eval.score_node TO perf_eval_admin;
CREATE FUNCTION perf_eval.score_node_added_by_a_fork()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.added_in IS NULL
       AND NOT pg_catalog.pg_has_role(current_user,
                                      (SELECT c.relowner FROM pg_catalog.pg_class AS c WHERE c.oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'score node % would change the tree of every version', NEW.code
            USING ERRCODE = '42501',
                  HINT = 'Add a criterion to a fork with perf_eval.fork_add_supplied_criterion (docs/methodology.md §2.8).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.score_node_added_by_a_fork() IS
'Trigger: a score node inserted by anyone but the extension''s owner must belong to the fork that adds it (added_in; docs/methodology.md §2.8)';
CREATE TRIGGER score_node_added_by_a_fork BEFORE INSERT ON perf_eval.score_node
FOR EACH ROW EXECUTE FUNCTION perf_eval.score_node_added_by_a_fork();
CREATE OR REPLACE FUNCTION perf_eval.node_maximum(node text, methodology text, kind text DEFAULT NULL)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- A max_key may contain {kind}: the maximum then differs between CSBs and
    -- LEBs (e.g. goals.{kind}.pts_strategic, 70 and 60; METHODOLOGY §2.3, §2.4).
    -- A fork may change a node's maximum, for one kind or every kind, or add
    -- a criterion with its maximum (methodology_node_change, METHODOLOGY §2.8).
    SELECT coalesce(
        (SELECT c.maximum FROM perf_eval.methodology_node_change AS c
         WHERE c.methodology = $2 AND c.node = $1 AND c.change <> 'exclude'
           AND (c.kind = upper($3) OR c.kind IS NULL)
         ORDER BY c.kind NULLS LAST LIMIT 1),
        (SELECT p.value::numeric
         FROM perf_eval.score_node AS n
         JOIN perf_eval.methodology_param AS p
           ON p.methodology = $2 AND p.key = replace(n.max_key, '{kind}', coalesce(lower($3), '{kind}'))
         WHERE n.code = $1 AND n.added_in IS NULL))
$$;
COMMENT ON FUNCTION perf_eval.node_maximum(text, text, text) IS
'The maximum points of a node under a methodology for a body kind (CSB, LEB): the maximum a fork set for it (perf_eval.methodology_node_change), else its max_key parameter, with {kind} replaced; NULL if the node does not exist in that version for that kind';
-- =========================================================================
-- Section: structural forks (METHODOLOGY §2.7; docs/methodology.md §2.8)
--
-- A user methodology (a fork) may change its score tree without code: leave
-- a criterion or a direction out, change a node's maximum or a direction's
-- weight, add a criterion whose value the assessor supplies. The changes are
-- rows of perf_eval.methodology_node_change (22_methodology_editing.sql),
-- written only by the functions below, which refuse (22023) a tree whose
-- maxima or weights no longer add up, naming the nodes. The engine
-- (perf_eval.roll_up_nodes, 56_recalculate.sql) leaves the nodes out and
-- scales the changed maxima; the context digest includes the changes.
-- =========================================================================

-- The nodes that do not count in a version: those it excludes and their
-- descendants, and the criteria other versions added.
CREATE FUNCTION perf_eval.inactive_nodes(methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE gone(code) AS (
        (SELECT c.node FROM perf_eval.methodology_node_change AS c
         WHERE c.methodology = $1 AND c.change = 'exclude'
         UNION
         SELECT n.code FROM perf_eval.score_node AS n
         WHERE n.added_in IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology_node_change AS c
                           WHERE c.methodology = $1 AND c.node = n.code AND c.change = 'add_supplied'))
        UNION
        SELECT n.code FROM gone JOIN perf_eval.score_node AS n ON n.parent = gone.code
    )
    SELECT g.code FROM gone AS g
$$;
COMMENT ON FUNCTION perf_eval.inactive_nodes(text) IS
'The nodes that do not count in a methodology: those its structural changes exclude, with their descendants, and criteria added by other versions (docs/methodology.md §2.8)';

-- A node's maximum as the version's parameters give it, without the
-- version's structural changes.
CREATE FUNCTION perf_eval.node_parameter_maximum(node text, methodology text, kind text)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.value::numeric
    FROM perf_eval.score_node AS n
    JOIN perf_eval.methodology_param AS p ON p.methodology = $2 AND p.key = replace(n.max_key, '{kind}', lower($3))
    WHERE n.code = $1 AND n.added_in IS NULL
$$;
COMMENT ON FUNCTION perf_eval.node_parameter_maximum(text, text, text) IS
'The maximum of a node for a body kind as the methodology''s parameters give it (its max_key), before the structural changes of the version; NULL for a node a fork added or one the version lacks';

-- The factor by which a computed value is scaled when the version changed
-- the node's maximum: new maximum / parameter maximum (NULL: no change).
CREATE FUNCTION perf_eval.node_rescale_factor(node text, methodology text, kind text)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.node_maximum($1, $2, $3) / nullif(perf_eval.node_parameter_maximum($1, $2, $3), 0)
    WHERE EXISTS (SELECT 1 FROM perf_eval.methodology_node_change AS c
                  WHERE c.methodology = $2 AND c.node = $1 AND c.change = 'maximum')
$$;
COMMENT ON FUNCTION perf_eval.node_rescale_factor(text, text, text) IS
'For a node whose maximum a fork changed: new maximum / the parameter maximum, the factor its computed value is scaled by (docs/methodology.md §2.8); NULL otherwise';

-- The positive terms of a sum node (what its maximum is made of: not
-- deductions, penalties or factors), with their maxima for a kind: as the
-- version has them (counted = true: those that count) and as its parameters
-- alone give them (the shipped tree).
CREATE FUNCTION perf_eval.node_term_maxima(parent text, methodology text, kind text)
RETURNS TABLE (node text, counted boolean, maximum numeric, parameter_maximum numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ch.code, ch.code NOT IN (SELECT perf_eval.inactive_nodes($2)),
           perf_eval.node_maximum(ch.code, $2, $3), perf_eval.node_parameter_maximum(ch.code, $2, $3)
    FROM perf_eval.score_node AS ch
    WHERE ch.parent = $1 AND ch.sign = 1 AND ch.role = 'term'
$$;
COMMENT ON FUNCTION perf_eval.node_term_maxima(text, text, text) IS
'The positive terms of a sum node for a body kind, whether they count in the methodology, their maximum in it and their parameter maximum (docs/methodology.md §2.8)';

-- The score tree of a fork (registered in perf_eval.methodology_checker):
-- every node a change names exists and counts; an excluded child of a
-- weighted node keeps no weight; the maxima of the positive terms of every
-- sum node the version changes keep the relation to its maximum that the
-- parameters give (100 = 40 + 30 + 20 + 10 for H): what a term loses,
-- others or the parent's maximum must lose too.
CREATE FUNCTION perf_eval.validate_methodology_tree(methodology text)
RETURNS TABLE (key text, problem text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH change AS (
        SELECT c.* FROM perf_eval.methodology_node_change AS c WHERE c.methodology = $1
    ),
    inactive AS (SELECT i AS code FROM perf_eval.inactive_nodes($1) AS i),
    kinds(kind) AS (VALUES ('CSB'), ('LEB')),
    touched AS (
        SELECT DISTINCT n.code
        FROM change AS c JOIN perf_eval.score_node AS ch ON ch.code = c.node
        JOIN perf_eval.score_node AS n ON n.code IN (ch.parent, ch.code)
        WHERE n.combine = 'sum' AND n.code NOT IN (SELECT i.code FROM inactive AS i)
    ),
    sums AS (
        SELECT t.code, k.kind,
               sum(m.maximum) FILTER (WHERE m.counted) AS children,
               sum(m.parameter_maximum) AS parameter_children,
               string_agg(m.node || ' ' || m.maximum, ', ' ORDER BY m.node) FILTER (WHERE m.counted) AS listed,
               perf_eval.node_maximum(t.code, $1, k.kind) AS maximum,
               perf_eval.node_parameter_maximum(t.code, $1, k.kind) AS parameter_maximum
        FROM touched AS t CROSS JOIN kinds AS k
        CROSS JOIN LATERAL perf_eval.node_term_maxima(t.code, $1, k.kind) AS m
        GROUP BY t.code, k.kind
    )
    SELECT c.node, 'unknown node (perf_eval.score_node lists the nodes)'
    FROM change AS c WHERE NOT EXISTS (SELECT 1 FROM perf_eval.score_node AS n WHERE n.code = c.node)
    UNION ALL
    SELECT c.node, format('the version changes the maximum of a node it leaves out (%s)', c.change)
    FROM change AS c JOIN inactive AS i ON i.code = c.node WHERE c.change <> 'exclude'
    UNION ALL
    SELECT n.code || ' (' || p.key || ')', format('excluded but still weighted %s; its weight must be 0', p.value)
    FROM change AS c
    JOIN perf_eval.score_node AS n ON n.code = c.node AND c.change = 'exclude'
    JOIN perf_eval.score_node AS parent ON parent.code = n.parent AND parent.combine = 'weighted'
    CROSS JOIN kinds AS k
    JOIN perf_eval.methodology_param AS p ON p.methodology = $1 AND p.key = replace(n.weight_key, '{kind}', lower(k.kind))
    WHERE CASE WHEN p.value_kind = 'number' THEN p.value::numeric END <> 0
    UNION ALL
    SELECT s.code || ' (' || s.kind || ')',
           format('the maxima of its children (%s) sum to %s; with its maximum %s they must sum to %s, as its parameters have them (%s of %s)',
                  coalesce(s.listed, 'none'), coalesce(s.children, 0), s.maximum,
                  s.parameter_children - s.parameter_maximum + s.maximum, s.parameter_children, s.parameter_maximum)
    FROM sums AS s
    WHERE s.maximum IS NOT NULL AND s.parameter_children IS NOT NULL
      AND coalesce(s.children, 0) - s.maximum <> s.parameter_children - s.parameter_maximum
$$;
COMMENT ON FUNCTION perf_eval.validate_methodology_tree(text) IS
'The problems of a methodology''s score tree: changes naming unknown nodes or nodes it leaves out, excluded children of a weighted node still weighted, sum nodes whose counted children''s maxima no longer add up to their maximum as the parameters have them (docs/methodology.md §2.7, §2.8)';

INSERT INTO perf_eval.methodology_checker VALUES
('score tree', 'perf_eval.validate_methodology_tree',
 'Structural changes of a fork: known nodes that count, no weight on an excluded node, maxima that add up (docs/methodology.md §2.8)');

-- ---------------------------------------------------------------------------
-- Editing the tree of a fork
-- ---------------------------------------------------------------------------

-- The node a structural change names, in a user methodology that has it.
CREATE FUNCTION perf_eval.fork_node(methodology text, node text)
RETURNS perf_eval.score_node
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n perf_eval.score_node;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = fork_node.methodology) THEN
        RAISE EXCEPTION 'unknown methodology "%"', methodology
            USING ERRCODE = '22023', HINT = 'The versions are listed in perf_eval.methodology; fork one with perf_eval.fork_methodology.';
    END IF;
    IF (SELECT m.shipped FROM perf_eval.methodology AS m WHERE m.name = fork_node.methodology) THEN
        RAISE EXCEPTION 'methodology "%" is shipped and read-only', methodology
            USING ERRCODE = '22023',
                  HINT = format('Fork it: SELECT perf_eval.fork_methodology(%L, %L);', methodology, methodology || '_draft');
    END IF;
    SELECT * INTO n FROM perf_eval.score_node AS s WHERE s.code = fork_node.node;
    IF NOT FOUND OR fork_node.node IN (SELECT perf_eval.inactive_nodes(fork_node.methodology)) THEN
        RAISE EXCEPTION 'methodology "%" has no node "%"', methodology, node
            USING ERRCODE = '22023',
                  HINT = 'The nodes are listed in perf_eval.score_node; those the version leaves out in perf_eval.methodology_node_change.';
    END IF;
    RETURN n;
END
$$;
COMMENT ON FUNCTION perf_eval.fork_node(text, text) IS
'The score node a structural change names, checked: the methodology is a user fork and the node counts in it (22023 otherwise)';

-- Refuses (22023) a fork whose tree or parameters are invalid, naming every
-- offending node of the tree.
CREATE FUNCTION perf_eval.check_methodology_tree(methodology text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    listed text;
BEGIN
    SELECT string_agg(t.key || ': ' || t.problem, '; ' ORDER BY t.key) INTO listed
    FROM perf_eval.validate_methodology_tree(methodology) AS t;
    IF listed IS NOT NULL THEN
        RAISE EXCEPTION 'the score tree of methodology "%" is invalid: %', methodology, listed
            USING ERRCODE = '22023',
                  DETAIL = (SELECT 'Offending nodes: ' || string_agg(DISTINCT split_part(t.key, ' ', 1), ', ')
                            FROM perf_eval.validate_methodology_tree(methodology) AS t) || '.',
                  HINT = 'Change the maxima in the same call (perf_eval.fork_set_node_maxima), or let the change redistribute them; docs/methodology.md §2.8.';
    END IF;
    PERFORM perf_eval.check_methodology(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.check_methodology_tree(text) IS
'Raises 22023 naming every offending node if a methodology''s score tree is invalid (docs/methodology.md §2.8), then checks the whole methodology as perf_eval.check_methodology does';

-- Records a node's maximum for a kind (NULL: every kind).
CREATE FUNCTION perf_eval.put_node_maximum(methodology text, node text, kind text, maximum numeric,
                                           source text, note text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF maximum IS NULL OR maximum < 0 OR maximum IN ('NaN', 'Infinity') THEN
        RAISE EXCEPTION 'the maximum of % must be a number of points of at least 0, not %', node, coalesce(maximum::text, 'NULL')
            USING ERRCODE = '22003', HINT = 'docs/methodology.md §2.8: a maximum is a finite number of points.';
    END IF;
    IF EXISTS (SELECT 1 FROM perf_eval.methodology_node_change AS c
               WHERE c.methodology = put_node_maximum.methodology AND c.node = put_node_maximum.node
                 AND c.change = 'add_supplied') THEN
        UPDATE perf_eval.methodology_node_change AS c
        SET maximum = put_node_maximum.maximum, source = put_node_maximum.source,
            note = coalesce(put_node_maximum.note, c.note), changed_by = current_user, changed_at = now()
        WHERE c.methodology = put_node_maximum.methodology AND c.node = put_node_maximum.node;
        RETURN;
    END IF;
    IF (SELECT n.combine FROM perf_eval.score_node AS n WHERE n.code = put_node_maximum.node) = 'computed'
       AND maximum <> 0 AND EXISTS (SELECT 1 FROM (VALUES ('CSB'), ('LEB')) AS k(kind)
                   WHERE (put_node_maximum.kind IS NULL OR k.kind = put_node_maximum.kind)
                     AND perf_eval.node_parameter_maximum(put_node_maximum.node, put_node_maximum.methodology, k.kind) = 0) THEN
        RAISE EXCEPTION 'the computed node % is worth 0 points: its value cannot be scaled to a new maximum', node
            USING ERRCODE = '22023',
                  HINT = 'Set its points parameter with perf_eval.set_param, or exclude it and add a supplied criterion (docs/methodology.md §2.8).';
    END IF;
    DELETE FROM perf_eval.methodology_node_change AS c
    WHERE c.methodology = put_node_maximum.methodology AND c.node = put_node_maximum.node
      AND (put_node_maximum.kind IS NULL OR c.kind IS NOT DISTINCT FROM put_node_maximum.kind);
    INSERT INTO perf_eval.methodology_node_change (methodology, node, kind, change, maximum, source, note)
    VALUES (methodology, node, kind, 'maximum', maximum, source, note);
END
$$;
COMMENT ON FUNCTION perf_eval.put_node_maximum(text, text, text, numeric, text, text) IS
'Records the maximum of a node of a fork for a body kind (NULL: every kind), unchecked; the fork_* functions check the tree after their changes (docs/methodology.md §2.8)';

-- Scales the counted positive terms of a sum node (but except_node) so
-- that, with a node worth new_maximum beside them, their maxima add up to
-- what all counted terms add up to now, for each kind; rounded to 4
-- decimals, the largest term takes the remainder, so the sum is exact.
CREATE FUNCTION perf_eval.redistribute_maxima(methodology text, parent text, new_maximum numeric,
                                              source text, except_node text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kind_code text;
    total numeric;
    others numeric;
    target numeric;
    t record;
BEGIN
    FOREACH kind_code IN ARRAY ARRAY['CSB', 'LEB'] LOOP
        SELECT sum(m.maximum), sum(m.maximum) FILTER (WHERE m.node IS DISTINCT FROM except_node)
        INTO total, others
        FROM perf_eval.node_term_maxima(parent, methodology, kind_code) AS m WHERE m.counted;
        CONTINUE WHEN coalesce(others, 0) = 0;
        target := total - new_maximum;
        IF target < 0 THEN
            RAISE EXCEPTION 'the criteria of % are worth % points (%), too few to give %', parent, total, kind_code, new_maximum
                USING ERRCODE = '22023', HINT = 'Give the new criterion fewer points (docs/methodology.md §2.8).';
        END IF;
        FOR t IN
            SELECT m.node, CASE WHEN row_number() OVER (ORDER BY m.maximum DESC, m.node) = 1
                                THEN target - sum(round(m.maximum * target / others, 4)) OVER () + round(m.maximum * target / others, 4)
                                ELSE round(m.maximum * target / others, 4) END AS maximum
            FROM perf_eval.node_term_maxima(parent, methodology, kind_code) AS m
            WHERE m.counted AND m.node IS DISTINCT FROM except_node AND m.maximum <> 0
        LOOP
            PERFORM perf_eval.put_node_maximum(methodology, t.node, kind_code, t.maximum, source);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.redistribute_maxima(text, text, numeric, text, text) IS
'Scales the maxima of the counted positive terms of a sum node of a fork (but except_node) proportionally so that, with a node worth new_maximum beside them, they add up to what the counted terms add up to now, per body kind, exactly (docs/methodology.md §2.8)';

-- Scales the weights of the counted children of a weighted node (but one,
-- whose weight becomes 0) so that they sum to 1 again, exactly.
CREATE FUNCTION perf_eval.redistribute_weights(methodology text, parent text, excluded text, source text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    kind_code text;
BEGIN
    FOREACH kind_code IN ARRAY ARRAY['csb', 'leb'] LOOP
        WITH w AS (
            SELECT p.key, p.value::numeric AS weight, ch.code = excluded AS dropped
            FROM perf_eval.score_node AS ch
            JOIN perf_eval.methodology_param AS p
              ON p.methodology = redistribute_weights.methodology AND p.key = replace(ch.weight_key, '{kind}', kind_code)
            WHERE ch.parent = redistribute_weights.parent
              AND ch.code NOT IN (SELECT perf_eval.inactive_nodes(redistribute_weights.methodology))
        ), kept AS (
            SELECT w.key, w.weight / nullif(sum(w.weight) OVER (), 0) AS share,
                   row_number() OVER (ORDER BY w.weight DESC, w.key) AS place
            FROM w WHERE NOT w.dropped
        ), target AS (
            SELECT w.key, CASE WHEN w.dropped THEN 0
                               WHEN kp.place = 1 THEN 1 - (SELECT sum(round(x.share, 6)) FROM kept AS x WHERE x.place > 1)
                               ELSE round(kp.share, 6) END AS weight
            FROM w LEFT JOIN kept AS kp ON kp.key = w.key
        )
        UPDATE perf_eval.methodology_param AS p
        SET value = t.weight::text, provenance = 'assumed', source_document = NULL, source = redistribute_weights.source,
            note = 'redistributed after excluding ' || excluded
        FROM target AS t
        WHERE p.methodology = redistribute_weights.methodology AND p.key = t.key AND t.weight IS NOT NULL
          AND CASE WHEN p.value_kind = 'number' THEN p.value::numeric END IS DISTINCT FROM t.weight;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.redistribute_weights(text, text, text, text) IS
'Gives an excluded child of a weighted node of a fork the weight 0 and scales its counted siblings'' weights to sum to 1 per body kind, exactly (docs/methodology.md §2.8)';

CREATE FUNCTION perf_eval.fork_exclude_node(methodology text, node text, reason text, redistribute boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n perf_eval.score_node := perf_eval.fork_node(methodology, node);
    parent_combine text := (SELECT p.combine FROM perf_eval.score_node AS p WHERE p.code = n.parent);
    why text := coalesce(nullif(reason, ''), 'excluded by ' || current_user || ' on ' || current_date);
BEGIN
    IF n.level = 'block' THEN
        RAISE EXCEPTION 'a block cannot be excluded from a methodology (%)', node
            USING ERRCODE = '22023', HINT = 'Leave bodies out of a block with perf_eval.body_scope (docs/methodology.md §1.3).';
    END IF;
    IF redistribute AND parent_combine = 'sum' AND n.sign = 1 AND n.role = 'term' THEN
        PERFORM perf_eval.redistribute_maxima(methodology, n.parent, 0, 'redistributed after excluding ' || node, node);
    ELSIF redistribute AND parent_combine = 'weighted' THEN
        PERFORM perf_eval.redistribute_weights(methodology, n.parent, node, 'redistributed after excluding ' || node);
    END IF;
    DELETE FROM perf_eval.methodology_node_change AS c
    WHERE c.methodology = fork_exclude_node.methodology AND c.node = fork_exclude_node.node;
    INSERT INTO perf_eval.methodology_node_change (methodology, node, change, source)
    VALUES (methodology, node, 'exclude', why);
    DELETE FROM perf_eval.methodology_node_change AS c
    WHERE c.methodology = fork_exclude_node.methodology AND c.change <> 'exclude'
      AND c.node IN (SELECT perf_eval.inactive_nodes(fork_exclude_node.methodology));
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_exclude_node(text, text, text, boolean) IS
'Leaves a criterion or direction (and its descendants) out of a fork; with redistribute, the maxima of its sibling criteria (sum parent) or the weights of its sibling directions (weighted parent) are scaled to keep the parent''s total; refuses (22023) a tree that no longer adds up, naming the nodes (docs/methodology.md §2.8)';

CREATE FUNCTION perf_eval.fork_set_node_maxima(methodology text, maxima jsonb, source text, kind text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    e record;
BEGIN
    IF jsonb_typeof(maxima) IS DISTINCT FROM 'object' OR kind NOT IN ('CSB', 'LEB') THEN
        RAISE EXCEPTION 'maxima must be a jsonb object {"node": points, ...} and kind CSB, LEB or NULL'
            USING ERRCODE = '22023', HINT = 'E.g. perf_eval.fork_set_node_maxima(''my_fork'', ''{"interaction.complaints.timeliness": 50}'', ''why'').';
    END IF;
    FOR e IN SELECT j.key, j.value FROM jsonb_each(maxima) AS j ORDER BY j.key LOOP
        PERFORM perf_eval.fork_node(methodology, e.key);
        IF jsonb_typeof(e.value) <> 'number' THEN
            RAISE EXCEPTION 'the maximum of % must be a number, not %', e.key, e.value
                USING ERRCODE = '22023', HINT = 'Give points as a JSON number (docs/methodology.md §2.8).';
        END IF;
        PERFORM perf_eval.put_node_maximum(methodology, e.key, kind, (e.value #>> '{}')::numeric,
                                           coalesce(nullif(source, ''), 'set by ' || current_user || ' on ' || current_date));
    END LOOP;
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_set_node_maxima(text, jsonb, text, text) IS
'Sets the maxima of nodes of a fork in one step ({"node": points}; kind CSB or LEB, NULL for both); a computed node''s value is scaled to its new maximum; refuses (22023) a tree whose maxima no longer add up, naming the nodes (docs/methodology.md §2.8)';

CREATE FUNCTION perf_eval.fork_set_node_maximum(methodology text, node text, maximum numeric, source text,
                                                kind text DEFAULT NULL)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.fork_set_node_maxima($1, jsonb_build_object($2, $3), $4, $5)
$$;
COMMENT ON FUNCTION perf_eval.fork_set_node_maximum(text, text, numeric, text, text) IS
'Sets the maximum of one node of a fork (perf_eval.fork_set_node_maxima with one node)';

CREATE FUNCTION perf_eval.fork_set_node_weights(methodology text, weights jsonb, source text, kind text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    e record;
    n perf_eval.score_node;
BEGIN
    IF jsonb_typeof(weights) IS DISTINCT FROM 'object' OR kind NOT IN ('CSB', 'LEB') THEN
        RAISE EXCEPTION 'weights must be a jsonb object {"node": weight, ...} and kind CSB, LEB or NULL'
            USING ERRCODE = '22023', HINT = 'E.g. perf_eval.fork_set_node_weights(''my_fork'', ''{"interaction.services": 0.4, "interaction.openness": 0.4}'', ''why'').';
    END IF;
    FOR e IN SELECT j.key, j.value FROM jsonb_each(weights) AS j ORDER BY j.key LOOP
        n := perf_eval.fork_node(methodology, e.key);
        IF n.weight_key IS NULL OR jsonb_typeof(e.value) <> 'number' THEN
            RAISE EXCEPTION 'node % has no weight, or % is not a number', e.key, e.value
                USING ERRCODE = '22023', HINT = 'Weights belong to the directions of a weighted block (docs/methodology.md §4.1, §5.1).';
        END IF;
        UPDATE perf_eval.methodology_param AS p
        SET value = e.value #>> '{}', provenance = 'assumed', source_document = NULL,
            source = coalesce(nullif(fork_set_node_weights.source, ''), 'set by ' || current_user || ' on ' || current_date)
        FROM (VALUES ('csb'), ('leb')) AS k(kind)
        WHERE p.methodology = fork_set_node_weights.methodology
          AND (fork_set_node_weights.kind IS NULL OR k.kind = lower(fork_set_node_weights.kind))
          AND p.key = replace(n.weight_key, '{kind}', k.kind);
    END LOOP;
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_set_node_weights(text, jsonb, text, text) IS
'Re-weights directions of a fork in one step ({"node": weight}, the weight parameters of the nodes for kind CSB or LEB, NULL for both); refuses (22023) weights that do not sum to 1 (docs/methodology.md §2.7, §2.8)';

CREATE FUNCTION perf_eval.fork_add_supplied_criterion(methodology text, parent text, node text, title text,
                                                      maximum numeric, source text, redistribute boolean DEFAULT true)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p perf_eval.score_node := perf_eval.fork_node(methodology, parent);
    existing perf_eval.score_node;
BEGIN
    IF p.combine <> 'sum' OR p.level = 'criterion' OR node NOT LIKE parent || '.%' OR coalesce(title, '') = '' THEN
        RAISE EXCEPTION 'criterion % cannot be added under %', node, parent
            USING ERRCODE = '22023',
                  HINT = 'Add a titled node, coded <parent>.<name>, under a block or direction that sums its children (perf_eval.score_node.combine = sum; docs/methodology.md §2.8).';
    END IF;
    IF coalesce(source, '') = '' THEN
        RAISE EXCEPTION 'criterion % needs a source', node
            USING ERRCODE = '22023', HINT = 'Name the document and section the criterion comes from, or who decided it (docs/methodology.md §0.5).';
    END IF;
    SELECT * INTO existing FROM perf_eval.score_node AS s WHERE s.code = fork_add_supplied_criterion.node;
    IF FOUND AND (existing.added_in IS NULL OR existing.parent <> fork_add_supplied_criterion.parent) THEN
        RAISE EXCEPTION 'node % already exists', node
            USING ERRCODE = '23505', HINT = 'Choose another code for the new criterion (perf_eval.score_node lists the codes).';
    ELSIF NOT FOUND THEN
        INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key,
                                          title_en, symbol, role, added_in)
        SELECT node, p.code, p.block, CASE p.level WHEN 'block' THEN 'direction' ELSE 'criterion' END,
               (SELECT coalesce(max(s.node_order), 0) + 1 FROM perf_eval.score_node AS s WHERE s.parent = p.code),
               'computed', 1, NULL, 'node.max', title, NULL, 'term', methodology;
    END IF;
    IF redistribute THEN
        PERFORM perf_eval.redistribute_maxima(methodology, parent, maximum, 'redistributed after adding ' || node);
    END IF;
    INSERT INTO perf_eval.methodology_node_change (methodology, node, change, maximum, source)
    VALUES (methodology, node, 'add_supplied', maximum, source);
    PERFORM perf_eval.check_methodology_tree(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.fork_add_supplied_criterion(text, text, text, text, numeric, text, boolean) IS
'Adds to a fork a criterion worth up to maximum points whose value the assessor supplies (perf_eval.supplied_score for that methodology; a body without one gets no points for it); with redistribute, the maxima of its siblings shrink proportionally to keep the parent''s total; refuses (22023) a tree that no longer adds up (docs/methodology.md §2.8)';

REVOKE EXECUTE ON FUNCTION perf_eval.put_node_maximum(text, text, text, numeric, text, text),
                           perf_eval.redistribute_maxima(text, text, numeric, text, text),
                           perf_eval.redistribute_weights(text, text, text, text),
                           perf_eval.fork_exclude_node(text, text, text, boolean),
                           perf_eval.fork_set_node_maxima(text, jsonb, text, text),
                           perf_eval.fork_set_node_maximum(text, text, numeric, text, text),
                           perf_eval.fork_set_node_weights(text, jsonb, text, text),
                           perf_eval.fork_add_supplied_criterion(text, text, text, text, numeric, text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.put_node_maximum(text, text, text, numeric, text, text),
                          perf_eval.redistribute_maxima(text, text, numeric, text, text),
                          perf_eval.redistribute_weights(text, text, text, text),
                          perf_eval.fork_exclude_node(text, text, text, boolean),
                          perf_eval.fork_set_node_maxima(text, jsonb, text, text),
                          perf_eval.fork_set_node_maximum(text, text, numeric, text, text),
                          perf_eval.fork_set_node_weights(text, jsonb, text, text),
                          perf_eval.fork_add_supplied_criterion(text, text, text, text, numeric, text, boolean) TO perf_eval_admin;

-- The context of a run (issue 21) includes the structural changes of its
-- version: context_digest, inputs_digest (which calls it) and context_record
-- are defined here, once, after perf_eval.methodology_node_change.
CREATE OR REPLACE FUNCTION perf_eval.context_digest(methodology text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT md5(concat_ws('|',
        (SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval'),
        -- (not created_at: a restore creates the shipped versions anew)
        (SELECT string_agg((pg_catalog.to_jsonb(m) - 'created_at')::text, ',') FROM perf_eval.methodology AS m WHERE m.name = $1),
        (SELECT string_agg(p::text, ',' ORDER BY p.key) FROM perf_eval.methodology_param AS p WHERE p.methodology = $1),
        (SELECT string_agg(d::text, ',' ORDER BY d::text) FROM perf_eval.source_document AS d),
        (SELECT string_agg(b::text, ',' ORDER BY b.code) FROM perf_eval.body AS b),
        (SELECT string_agg(s::text, ',' ORDER BY s::text) FROM perf_eval.body_scope AS s),
        (SELECT string_agg(k::text, ',' ORDER BY k::text) FROM perf_eval.block AS k),
        (SELECT string_agg(n::text, ',' ORDER BY n.code) FROM perf_eval.score_node AS n),
        (SELECT string_agg(c::text, ',' ORDER BY c.name) FROM perf_eval.node_computer AS c),
        (SELECT string_agg(i::text, ',' ORDER BY i.relation::text) FROM perf_eval.input_relation AS i),
        -- the structural changes of a fork (none: nothing, so the digest of a version without any is unchanged)
        (SELECT string_agg((pg_catalog.to_jsonb(c) - 'changed_at')::text, ',' ORDER BY c.node, c.kind)
         FROM perf_eval.methodology_node_change AS c WHERE c.methodology = $1)))
$$;
COMMENT ON FUNCTION perf_eval.context_digest(text) IS
'md5 of what every body''s scores depend on besides its own inputs: extension version, the methodology and its parameters, source documents, the body registry, scope and blocks, the score tree and the version''s structural changes of it, node computers and input relations; a change recomputes every body';

-- The inputs digest is the context and every body's inputs digest (issue 21).
CREATE OR REPLACE FUNCTION perf_eval.inputs_digest(year integer, methodology text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT md5(perf_eval.context_digest($2) || '|'
               || coalesce(string_agg(d.body || ':' || d.inputs_digest, ',' ORDER BY d.body), ''))
    FROM perf_eval.body_inputs_digests($1) AS d
$$;
COMMENT ON FUNCTION perf_eval.inputs_digest(integer, text) IS
'md5 of everything a recalculation of the year reads: the context (context_digest: extension version, the methodology and its parameters, the body registry and scope, the score tree, ...) and every body''s inputs digest (body_inputs_digests: the content of its rows of every input relation for the year, not refreshed_at, the time a monthly state was computed)';
CREATE OR REPLACE FUNCTION perf_eval.context_record(methodology text)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'methodology', (SELECT jsonb_agg(m) FROM perf_eval.methodology AS m WHERE m.name = $1),
        'params', (SELECT jsonb_agg(p ORDER BY p.key) FROM perf_eval.methodology_param AS p WHERE p.methodology = $1),
        'source_document', (SELECT jsonb_agg(d ORDER BY d::text) FROM perf_eval.source_document AS d),
        'body', (SELECT jsonb_agg(b ORDER BY b.code) FROM perf_eval.body AS b),
        'body_scope', (SELECT jsonb_agg(s ORDER BY s::text) FROM perf_eval.body_scope AS s),
        'block', (SELECT jsonb_agg(k ORDER BY k::text) FROM perf_eval.block AS k),
        'score_node', (SELECT jsonb_agg(n ORDER BY n.code) FROM perf_eval.score_node AS n),
        'node_computer', (SELECT jsonb_agg(c ORDER BY c.name) FROM perf_eval.node_computer AS c),
        'input_relation', (SELECT jsonb_agg(jsonb_build_object('relation', i.relation::text, 'year_column', i.year_column,
                                                               'month_column', i.month_column) ORDER BY i.relation::text)
                           FROM perf_eval.input_relation AS i),
        'node_changes', (SELECT jsonb_agg(c ORDER BY c.node, c.kind) FROM perf_eval.methodology_node_change AS c
                         WHERE c.methodology = $1))
$$;
COMMENT ON FUNCTION perf_eval.context_record(text) IS
'The rows context_digest covers, as jsonb: methodology, params (its parameters), source_document, body, body_scope, block, score_node, node_computer, input_relation, node_changes (the version''s structural changes) (an array of rows each, NULL for none); what perf_eval.run_context keeps per context digest';
COMMENT ON COLUMN perf_eval.run_context.context IS 'jsonb of the rows the context digest covers: methodology, params (its parameters), body, body_scope, block, score_node, node_computer, input_relation, source_document, node_changes (a fork''s structural changes of the score tree) (arrays of rows)';

-- Issue 19, items 1-3: what-if runs (76_what_if.sql), comparing runs (77_compare.sql),
-- sensitivity to the assumed parameters (78_sensitivity.sql): new objects only.
-- =========================================================================
-- Section: what-if runs (issue 19, item 2; docs/designing.md §2)
--
-- A what-if computes a year under a methodology with some parameters
-- changed, without ever becoming an official run: the parameters are applied
-- to a scratch fork that exists only inside the computing transaction (it is
-- validated as methodology editing validates a fork, then deleted), the
-- engine's own steps (compute_work) compute the score tree, and the tree is
-- kept in perf_eval.scratch_run / perf_eval.scratch_score, apart from the
-- run log. So a what-if is in no run, current_run, result_* or published
-- view, no cycle and no incremental reuse, and it is removed by deleting its
-- scratch rows: the append-only record of official runs is never touched.
-- Its identifier is drawn from the run log's sequence, so a run id names
-- either an official run or a what-if (perf_eval.compare_runs takes both).
-- =========================================================================

CREATE TABLE perf_eval.scratch_run (
    run_id          bigint PRIMARY KEY,
    year            integer NOT NULL,
    methodology     text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    overrides       jsonb NOT NULL CHECK (jsonb_typeof(overrides) = 'object'),
    parameters      jsonb NOT NULL,
    note            text,
    inputs_digest   text NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    started_by      name NOT NULL DEFAULT session_user,
    bodies_scored   integer NOT NULL,
    nodes_scored    integer NOT NULL
);
COMMENT ON COLUMN perf_eval.scratch_run.run_id IS 'Identifier of the what-if, drawn from the run log''s sequence (never the id of an official run)';
COMMENT ON COLUMN perf_eval.scratch_run.year IS 'Assessed year computed';
COMMENT ON COLUMN perf_eval.scratch_run.methodology IS 'Methodology version the overrides were applied to (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.scratch_run.overrides IS 'The parameter overrides as given: {"key": value, ...}';
COMMENT ON COLUMN perf_eval.scratch_run.parameters IS 'Each overridden parameter with the version''s value and the value used: [{key, value, what_if}, ...]';
COMMENT ON COLUMN perf_eval.scratch_run.note IS 'Free-text note of whoever ran the what-if';
COMMENT ON COLUMN perf_eval.scratch_run.started_at IS 'When the computation started';
COMMENT ON COLUMN perf_eval.scratch_run.finished_at IS 'When it finished';
COMMENT ON COLUMN perf_eval.scratch_run.started_by IS 'Session role that ran the what-if';
COMMENT ON COLUMN perf_eval.scratch_run.bodies_scored IS 'Number of bodies with at least one score (count)';
COMMENT ON COLUMN perf_eval.scratch_run.nodes_scored IS 'Number of score rows (count)';

CREATE TABLE perf_eval.scratch_score (
    run_id       bigint NOT NULL REFERENCES perf_eval.scratch_run (run_id) ON DELETE CASCADE,
    body         text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE ON DELETE CASCADE,
    node         text NOT NULL REFERENCES perf_eval.score_node (code),
    value        numeric,
    raw_value    numeric,
    origin       text NOT NULL CHECK (origin IN ('computed', 'supplied')),
    superseded   boolean NOT NULL,
    status       text NOT NULL CHECK (status IN ('ok', 'not_assessable')),
    reason       text,
    zone         text REFERENCES perf_eval.efficiency_zone_label (zone),
    explanation  jsonb NOT NULL,
    PRIMARY KEY (run_id, body, node),
    CHECK ((status = 'ok') = (value IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.scratch_score.run_id IS 'What-if run (perf_eval.scratch_run.run_id)';
COMMENT ON COLUMN perf_eval.scratch_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.scratch_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.scratch_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.scratch_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.scratch_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.scratch_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.scratch_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.scratch_score.reason IS 'Why the node is not assessable';
COMMENT ON COLUMN perf_eval.scratch_score.zone IS 'Blocks only: efficiency zone of the unrounded value under the what-if''s parameters (zone thresholds may be overridden too)';
COMMENT ON TABLE perf_eval.scratch_score IS
'The score tree of a what-if run: one row per body and node, as perf_eval.score is for an official run';

-- The overrides as a set of (key, value) after the checks methodology
-- editing applies to a single value: the key is a parameter of the version,
-- the value a JSON scalar of the parameter's kind.
CREATE FUNCTION perf_eval.checked_overrides(methodology text, overrides jsonb)
RETURNS TABLE (key text, version_value text, value text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o record;
    p perf_eval.methodology_param;
    problem text;
BEGIN
    IF overrides IS NULL OR jsonb_typeof(overrides) <> 'object' THEN
        RAISE EXCEPTION 'the overrides must be a JSON object of parameter keys and values'
            USING ERRCODE = '22023', HINT = 'For example ''{"goals.plan_lowered_multiplier": 0.8}''.';
    END IF;
    FOR o IN SELECT e.key, e.value FROM jsonb_each(overrides) AS e ORDER BY e.key LOOP
        SELECT * INTO p FROM perf_eval.methodology_param AS m WHERE m.methodology = checked_overrides.methodology AND m.key = o.key;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'methodology "%" has no parameter "%"', methodology, o.key
                USING ERRCODE = '22023',
                      HINT = format('Its parameters are listed by SELECT key, value FROM perf_eval.methodology_param WHERE methodology = %L.', methodology);
        END IF;
        value := o.value #>> '{}';
        problem := CASE
            WHEN jsonb_typeof(o.value) NOT IN ('string', 'number', 'boolean') THEN 'must be a JSON string, number or boolean'
            WHEN p.value_kind = 'number' AND value !~ '^-?[0-9]+(\.[0-9]+)?$' THEN 'must be a number'
            WHEN p.value_kind = 'boolean' AND value NOT IN ('true', 'false') THEN 'must be true or false'
            WHEN p.value_kind = 'scale' THEN perf_eval.scale_definition_error(value)
            WHEN p.value_kind = 'bands' THEN perf_eval.bands_definition_error(value)
        END;
        IF problem IS NOT NULL THEN
            RAISE EXCEPTION 'override of "%": %', o.key, problem
                USING ERRCODE = '22023', DETAIL = format('Given %s; the parameter is a %s, now %s.', o.value, p.value_kind, p.value),
                      HINT = 'docs/methodology.md §0.8 says how each kind of value is written.';
        END IF;
        key := o.key;
        version_value := p.value;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.checked_overrides(text, jsonb) IS
'The overrides {"key": value} of a methodology''s parameters as rows (key, the version''s value, the value given), refused (22023) when a key is not a parameter of the version or a value is not of its kind';

-- A scratch fork of a version with overrides applied, valid as a whole
-- (validate_methodology); created in the caller's transaction, which deletes
-- it (drop_scratch_fork) before it ends.
CREATE FUNCTION perf_eval.scratch_fork(methodology text, overrides jsonb, fork text)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems text;
    n bigint;
BEGIN
    PERFORM perf_eval.fork_methodology(methodology, fork, 'what-if scratch of ' || methodology,
                                       'Scratch copy with parameter overrides; deleted by the transaction that made it.');
    UPDATE perf_eval.methodology_param AS m
    SET value = o.value, provenance = 'assumed', source_document = NULL,
        source = 'what-if override by ' || session_user
    FROM perf_eval.checked_overrides(scratch_fork.methodology, scratch_fork.overrides) AS o
    WHERE m.methodology = scratch_fork.fork AND m.key = o.key;
    SELECT string_agg(coalesce(v.key || ': ', '') || v.problem, '; '), count(*) INTO problems, n
    FROM perf_eval.validate_methodology(fork) AS v;
    IF n > 0 THEN
        RAISE EXCEPTION 'the overrides make methodology "%" invalid: %', methodology, problems
            USING ERRCODE = '22023', DETAIL = format('%s problem(s) with the overrides %s.', n, overrides),
                  HINT = 'Override the related parameters together (criterion maxima must still add up, weights sum to 1); docs/methodology.md §2.7 says what a valid parameter set is.';
    END IF;
    RETURN fork;
END
$$;
COMMENT ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) IS
'Forks a methodology under the name fork with the overrides applied (checked as perf_eval.checked_overrides checks them) and refuses (22023) a parameter set that validate_methodology finds invalid, naming every problem; the caller deletes the fork with perf_eval.drop_scratch_fork';

CREATE FUNCTION perf_eval.drop_scratch_fork(fork text)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    DELETE FROM perf_eval.methodology AS m WHERE m.name = $1 AND m.name ~ '^(what_if|sensitivity)_[0-9]+$' AND NOT m.shipped
$$;
COMMENT ON FUNCTION perf_eval.drop_scratch_fork(text) IS
'Deletes a scratch fork made by perf_eval.scratch_fork (with its parameters); only a name what_if_N or sensitivity_N, never a user''s fork';

-- perf_eval.what_if itself is defined once, with its input overrides (issue 19, item 2, below).
CREATE FUNCTION perf_eval.drop_what_if(run_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM perf_eval.scratch_run AS s WHERE s.run_id = drop_what_if.run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % is not a what-if run', coalesce(run_id::text, '(none)')
            USING ERRCODE = '22023',
                  HINT = 'perf_eval.scratch_run lists the what-if runs; official runs (perf_eval.run) are never deleted.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.drop_what_if(bigint) IS
'Deletes a what-if run and its scores; refuses (22023) any other run id: official runs are append-only';

-- What-ifs are a design tool of the administrators: they read inputs of
-- every body (restricted ones included) and change no official record.
ALTER TABLE perf_eval.scratch_run ENABLE ROW LEVEL SECURITY;
CREATE POLICY scratch_run_admin ON perf_eval.scratch_run TO perf_eval_admin USING (true) WITH CHECK (true);
ALTER TABLE perf_eval.scratch_score ENABLE ROW LEVEL SECURITY;
CREATE POLICY scratch_score_admin ON perf_eval.scratch_score TO perf_eval_admin USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, DELETE ON perf_eval.scratch_run, perf_eval.scratch_score TO perf_eval_admin;
-- Readers may name the tables (perf_eval.compare_runs reads them) but see no row.
GRANT SELECT ON perf_eval.scratch_run, perf_eval.scratch_score TO perf_eval_reader;
REVOKE EXECUTE ON FUNCTION perf_eval.drop_what_if(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.drop_what_if(bigint) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.scratch_fork(text, jsonb, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.drop_scratch_fork(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.drop_scratch_fork(text) TO perf_eval_admin;
-- =========================================================================
-- Section: comparing two runs (issue 19, item 1; docs/designing.md §1)
--
-- Any two runs, official (perf_eval.run) or what-if (perf_eval.scratch_run),
-- of the same or different methodologies and years: per body and node both
-- values, the difference, both ranks and zones; per block and kind of body
-- Spearman's rank correlation, the bodies that change zone and the largest
-- movers. Ranks follow the ranking rule of the ranking views,
-- perf_eval.rank_block_scores (70_reports.sql); zones are those of the
-- unrounded score under the run's own parameters.
-- =========================================================================

-- The score tree of a run, official or what-if; restricted marks a score
-- whose publication is restricted (masked by compare_runs for roles that may
-- not see it). Readers see no what-if (scratch_score is the admins').
CREATE FUNCTION perf_eval.run_scores(run_id bigint)
RETURNS TABLE (run_id bigint, year integer, methodology text, run_kind text, body text, node text, level text,
               block text, value numeric, zone text, restricted boolean)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT r.run_id, r.year, r.methodology, 'official'::text AS run_kind, x.body, x.node, x.value,
               CASE WHEN n.level = 'block' AND x.value IS NOT NULL THEN perf_eval.efficiency_zone(x.value, r.methodology) END AS zone
        FROM perf_eval.run AS r
        JOIN perf_eval.score AS x ON x.run_id = coalesce(r.same_as_run, r.run_id)
        JOIN perf_eval.score_node AS n ON n.code = x.node
        WHERE r.run_id = $1 AND r.status IN ('succeeded', 'unchanged')
        UNION ALL
        SELECT w.run_id, w.year, w.methodology, 'what-if', x.body, x.node, x.value, x.zone
        FROM perf_eval.scratch_run AS w
        JOIN perf_eval.scratch_score AS x ON x.run_id = w.run_id
        WHERE w.run_id = $1
    )
    SELECT s.run_id, s.year, s.methodology, s.run_kind, s.body, s.node, n.level, n.block, s.value, s.zone,
           coalesce((SELECT bs.publication_restricted FROM perf_eval.body_scope AS bs
                     WHERE bs.body = s.body AND bs.block = n.block AND s.year >= bs.year_from
                       AND (s.year <= bs.year_to OR bs.year_to IS NULL)), false)
    FROM s JOIN perf_eval.score_node AS n ON n.code = s.node
$$;
COMMENT ON FUNCTION perf_eval.run_scores(bigint) IS
'The score tree of a run, official (succeeded or unchanged) or what-if: year, methodology, run_kind (official | what-if), body, node, level, block, unrounded value, zone of a block score under the run''s parameters, and whether its publication is restricted';

-- The ranking of a run's block scores, by the rule of the ranking views.
CREATE OR REPLACE FUNCTION perf_eval.run_ranking(run_id bigint)
RETURNS TABLE (body text, kind text, block text, value numeric, scope text, rank bigint, zone text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT row_number() OVER () AS ref, s.body, b.kind, s.node, s.value, s.zone,
               perf_eval.scope_status(s.body, s.block, s.year) AS scope
        FROM perf_eval.run_scores($1) AS s
        JOIN perf_eval.body AS b ON b.code = s.body
        WHERE s.level = 'block'
    )
    SELECT k.body, k.kind, k.block, k.value, k.scope, k.rank, s.zone
    FROM perf_eval.rank_block_scores(ARRAY(SELECT ROW(s.ref, s.body, s.kind, s.node, s.value, s.scope)::perf_eval.rankable_score
                                           FROM s)) AS k
    JOIN s ON s.ref = k.ref
$$;
COMMENT ON FUNCTION perf_eval.run_ranking(bigint) IS
'The block scores of a run ranked as the ranking views rank them: per block and kind of body, among the bodies assessed and ranked, 1 = highest unrounded score, ties share a rank (NULL rank for assessed-not-ranked bodies); with scope and zone';

CREATE FUNCTION perf_eval.refuse_unknown_run(run_id bigint)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF run_id IS NULL
       OR NOT (EXISTS (SELECT 1 FROM perf_eval.run AS r
                       WHERE r.run_id = refuse_unknown_run.run_id AND r.status IN ('succeeded', 'unchanged'))
               OR EXISTS (SELECT 1 FROM perf_eval.scratch_run AS s WHERE s.run_id = refuse_unknown_run.run_id)) THEN
        RAISE EXCEPTION 'run % is neither a succeeded run nor a what-if run', coalesce(run_id::text, '(none)')
            USING ERRCODE = '22023',
                  HINT = 'Compare runs listed in perf_eval.current_run or perf_eval.run (succeeded, unchanged) or, as an administrator, in perf_eval.scratch_run.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_unknown_run(bigint) IS
'Refuses (22023) a run id that is neither a succeeded (or unchanged) official run nor a what-if run the role may read';

CREATE FUNCTION perf_eval.compare_runs(run_a bigint, run_b bigint)
RETURNS TABLE (body text, kind text, node text, level text, block text, value_a numeric, value_b numeric,
               difference numeric, rank_a bigint, rank_b bigint, rank_change bigint,
               zone_a text, zone_b text, zone_changed boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.refuse_unknown_run(run_a);
    PERFORM perf_eval.refuse_unknown_run(run_b);
    RETURN QUERY
    WITH a AS (SELECT * FROM perf_eval.run_scores(run_a)),
         b AS (SELECT * FROM perf_eval.run_scores(run_b)),
         j AS (SELECT coalesce(a.body, b.body) AS body, coalesce(a.node, b.node) AS node,
                      a.value AS va, b.value AS vb, a.zone AS za, b.zone AS zb,
                      (coalesce(a.restricted, false) OR coalesce(b.restricted, false))
                          AND NOT perf_eval.may_see_restricted() AS masked
               FROM a FULL JOIN b ON b.body = a.body AND b.node = a.node)
    SELECT j.body, bo.kind, j.node, n.level, n.block,
           CASE WHEN j.masked THEN NULL ELSE j.va END,
           CASE WHEN j.masked THEN NULL ELSE j.vb END,
           CASE WHEN j.masked THEN NULL ELSE j.vb - j.va END,
           ra.rank, rb.rank, ra.rank - rb.rank,
           j.za, j.zb,
           CASE WHEN j.za IS NOT NULL AND j.zb IS NOT NULL THEN j.za <> j.zb END
    FROM j
    JOIN perf_eval.body AS bo ON bo.code = j.body
    JOIN perf_eval.score_node AS n ON n.code = j.node
    LEFT JOIN perf_eval.run_ranking(run_a) AS ra ON ra.body = j.body AND ra.block = j.node
    LEFT JOIN perf_eval.run_ranking(run_b) AS rb ON rb.body = j.body AND rb.block = j.node
    ORDER BY n.block, bo.kind, j.body, n.node_order;
END
$$;
COMMENT ON FUNCTION perf_eval.compare_runs(bigint, bigint) IS
'Two runs side by side (official or what-if, any methodologies and years): per body and node both unrounded values, the difference (b - a), for blocks both ranks (the ranking views'' rule), rank_change (rank_a - rank_b: positive = higher in b), both zones and whether the zone changes; a node present in one run only has NULL on the other side; values masked where publication is restricted and the role may not see them';

-- Spearman's rank correlation of the bodies ranked in both runs: the
-- Pearson correlation of their ranks among themselves, ties given their
-- average rank, in exact numeric arithmetic (rounded to 12 decimals).
CREATE FUNCTION perf_eval.compare_summary(run_a bigint, run_b bigint)
RETURNS TABLE (block text, kind text, ranked_a bigint, ranked_b bigint, ranked_both bigint, spearman numeric,
               zone_changes bigint, bodies_changing_zone text[], largest_movers jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH c AS (SELECT * FROM perf_eval.compare_runs($1, $2) AS x WHERE x.level = 'block'),
    both_ranked AS (
        SELECT c.block, c.kind, c.body,
               rank() OVER (PARTITION BY c.block, c.kind ORDER BY c.rank_a)
                   + (count(*) OVER (PARTITION BY c.block, c.kind, c.rank_a) - 1) / 2.0 AS xa,
               rank() OVER (PARTITION BY c.block, c.kind ORDER BY c.rank_b)
                   + (count(*) OVER (PARTITION BY c.block, c.kind, c.rank_b) - 1) / 2.0 AS xb
        FROM c WHERE c.rank_a IS NOT NULL AND c.rank_b IS NOT NULL
    ),
    sums AS (
        SELECT r.block, r.kind, count(*)::numeric AS n, sum(r.xa) AS sa, sum(r.xb) AS sb,
               sum(r.xa * r.xb) AS sab, sum(r.xa * r.xa) AS saa, sum(r.xb * r.xb) AS sbb
        FROM both_ranked AS r GROUP BY r.block, r.kind
    ),
    movers AS (
        SELECT c.block, c.kind,
               jsonb_agg(jsonb_build_object('body', c.body, 'rank_a', c.rank_a, 'rank_b', c.rank_b, 'rank_change', c.rank_change,
                                            'zone_a', c.zone_a, 'zone_b', c.zone_b)
                         ORDER BY abs(c.rank_change) DESC, c.body) AS movers
        FROM (SELECT c.*, row_number() OVER (PARTITION BY c.block, c.kind ORDER BY abs(c.rank_change) DESC, c.body) AS i
              FROM c WHERE c.rank_change <> 0) AS c
        WHERE c.i <= 5
        GROUP BY c.block, c.kind
    )
    SELECT c.block, c.kind, count(c.rank_a), count(c.rank_b), count(c.rank_a) FILTER (WHERE c.rank_b IS NOT NULL),
           (SELECT trim_scale(round((s.n * s.sab - s.sa * s.sb)
                                    / sqrt((s.n * s.saa - s.sa * s.sa) * (s.n * s.sbb - s.sb * s.sb)), 12))
            FROM sums AS s
            WHERE s.block = c.block AND s.kind = c.kind
              AND (s.n * s.saa - s.sa * s.sa) > 0 AND (s.n * s.sbb - s.sb * s.sb) > 0),
           count(*) FILTER (WHERE c.zone_changed),
           coalesce(array_agg(c.body ORDER BY c.body) FILTER (WHERE c.zone_changed), '{}'),
           coalesce((SELECT m.movers FROM movers AS m WHERE m.block = c.block AND m.kind = c.kind), '[]')
    FROM c
    GROUP BY c.block, c.kind
    ORDER BY c.block, c.kind
$$;
COMMENT ON FUNCTION perf_eval.compare_summary(bigint, bigint) IS
'Per block and kind of body, two runs compared: bodies ranked in a, in b, in both; Spearman''s rank correlation over the bodies ranked in both (ties by average ranks, exact numeric, 12 decimals; NULL under two bodies or without variation); how many and which bodies change zone; the five largest movers (jsonb: body, rank_a, rank_b, rank_change, zone_a, zone_b)';

-- The current runs of two methodologies of a year.
CREATE FUNCTION perf_eval.compare_methodologies(year integer, methodology_a text, methodology_b text)
RETURNS TABLE (run_a bigint, run_b bigint, body text, kind text, node text, level text, block text,
               value_a numeric, value_b numeric, difference numeric, rank_a bigint, rank_b bigint, rank_change bigint,
               zone_a text, zone_b text, zone_changed boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ra bigint;
    rb bigint;
    v text;
BEGIN
    FOREACH v IN ARRAY ARRAY[perf_eval.resolve_methodology(methodology_a), perf_eval.resolve_methodology(methodology_b)] LOOP
        IF NOT EXISTS (SELECT 1 FROM perf_eval.current_run AS c WHERE c.year = compare_methodologies.year AND c.methodology = v) THEN
            RAISE EXCEPTION 'no succeeded run of % under %', year, v
                USING ERRCODE = '22023', HINT = format('Recalculate it first: CALL perf_eval.recalculate(%s, %L).', year, v);
        END IF;
    END LOOP;
    SELECT c.run_id INTO ra FROM perf_eval.current_run AS c
    WHERE c.year = compare_methodologies.year AND c.methodology = perf_eval.resolve_methodology(methodology_a);
    SELECT c.run_id INTO rb FROM perf_eval.current_run AS c
    WHERE c.year = compare_methodologies.year AND c.methodology = perf_eval.resolve_methodology(methodology_b);
    RETURN QUERY SELECT ra, rb, x.* FROM perf_eval.compare_runs(ra, rb) AS x;
END
$$;
COMMENT ON FUNCTION perf_eval.compare_methodologies(integer, text, text) IS
'perf_eval.compare_runs of the current runs (perf_eval.current_run) of a year under two methodologies; 22023 when either has no succeeded run';

CREATE VIEW perf_eval.methodology_comparison AS
SELECT a.year, a.methodology AS methodology_a, b.methodology AS methodology_b, a.run_id AS run_a, b.run_id AS run_b,
       c.body, c.kind, c.node, c.level, c.block, c.value_a, c.value_b, c.difference, c.rank_a, c.rank_b, c.rank_change,
       c.zone_a, c.zone_b, c.zone_changed
FROM perf_eval.current_run AS a
JOIN perf_eval.current_run AS b ON b.year = a.year AND b.methodology <> a.methodology
CROSS JOIN LATERAL perf_eval.compare_runs(a.run_id, b.run_id) AS c;
COMMENT ON COLUMN perf_eval.methodology_comparison.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.methodology_comparison.methodology_a IS 'First methodology version';
COMMENT ON COLUMN perf_eval.methodology_comparison.methodology_b IS 'Second methodology version';
COMMENT ON COLUMN perf_eval.methodology_comparison.run_a IS 'Current run of the year under methodology_a (perf_eval.current_run)';
COMMENT ON COLUMN perf_eval.methodology_comparison.run_b IS 'Current run of the year under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.methodology_comparison.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.methodology_comparison.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.methodology_comparison.level IS 'block | direction | criterion';
COMMENT ON COLUMN perf_eval.methodology_comparison.block IS 'Block of the node';
COMMENT ON COLUMN perf_eval.methodology_comparison.value_a IS 'Unrounded value under methodology_a, points; NULL if absent, not assessable or masked';
COMMENT ON COLUMN perf_eval.methodology_comparison.value_b IS 'Unrounded value under methodology_b, points';
COMMENT ON COLUMN perf_eval.methodology_comparison.difference IS 'value_b - value_a, points';
COMMENT ON COLUMN perf_eval.methodology_comparison.rank_a IS 'Blocks only: rank under methodology_a (the ranking views'' rule)';
COMMENT ON COLUMN perf_eval.methodology_comparison.rank_b IS 'Blocks only: rank under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.rank_change IS 'rank_a - rank_b: positive = higher under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.zone_a IS 'Blocks only: zone under methodology_a';
COMMENT ON COLUMN perf_eval.methodology_comparison.zone_b IS 'Blocks only: zone under methodology_b';
COMMENT ON COLUMN perf_eval.methodology_comparison.zone_changed IS 'Blocks only: true if the zones differ';
COMMENT ON VIEW perf_eval.methodology_comparison IS
'Per year, every ordered pair of methodologies with a current run: perf_eval.compare_runs of their current runs (filter by year, methodology_a and methodology_b)';

GRANT SELECT ON perf_eval.methodology_comparison TO perf_eval_reader;
-- =========================================================================
-- Section: sensitivity of a ranking to the assumed parameters (issue 19,
-- item 3; docs/designing.md §3)
--
-- Every assumed numeric parameter of the shipped versions that is varied
-- alone declares a plausible range (perf_eval.param_range). sensitivity()
-- computes the block's nodes of a year in memory under a scratch fork
-- (76_what_if.sql) once per sample, with the block's node computers and the
-- engine's roll-up (roll_up_nodes), writing no run: each parameter at its low
-- and its high end alone, then all of them jointly at the pseudo-random points of a
-- numbered draw (md5 of draw, sample and key: deterministic, independent of
-- random()). Criterion maxima that must add up and weights that must sum to 1
-- are not varied alone (they have no range here).
-- =========================================================================

CREATE TABLE perf_eval.param_range (
    methodology  text NOT NULL,
    key          text NOT NULL,
    range_low    numeric NOT NULL,
    range_high   numeric NOT NULL,
    range_source text NOT NULL CHECK (range_source <> ''),
    PRIMARY KEY (methodology, key),
    FOREIGN KEY (methodology, key) REFERENCES perf_eval.methodology_param (methodology, key)
        ON UPDATE CASCADE ON DELETE CASCADE,
    CHECK (range_low <= range_high)
);
COMMENT ON COLUMN perf_eval.param_range.methodology IS 'Methodology version (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.param_range.key IS 'Key of an assumed numeric parameter (perf_eval.methodology_param.key)';
COMMENT ON COLUMN perf_eval.param_range.range_low IS 'Lowest plausible value';
COMMENT ON COLUMN perf_eval.param_range.range_high IS 'Highest plausible value';
COMMENT ON COLUMN perf_eval.param_range.range_source IS 'Where the range comes from (document and section, or the rule that set it)';
COMMENT ON TABLE perf_eval.param_range IS
'The plausible range of each assumed numeric parameter that may vary alone, with its source; perf_eval.sensitivity varies the parameters of a block over it (a fork uses its nearest ancestor''s ranges)';

-- The shipped assumptions: a fifth either way of the assumed value, a factor
-- or cap of at most 1 kept at most 1, a threshold above 1 (overfulfilment)
-- kept at least 1; zero values, presentation scales and
-- the parts of a sum rule or weight group are not varied alone; nor are the
-- weights of the re-verification risk signals, which change no score.
-- The upgrade script inserts the ranges of parameters it adds from here too.
CREATE FUNCTION perf_eval.shipped_param_ranges()
RETURNS TABLE (methodology text, key text, range_low numeric, range_high numeric, range_source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.methodology, p.key,
           trim_scale(CASE WHEN p.key ~ '_threshold$' AND p.value::numeric > 1 THEN greatest(p.value::numeric * 0.8, 1)
                           ELSE p.value::numeric * 0.8 END),
           trim_scale(CASE WHEN p.value::numeric <= 1 THEN least(p.value::numeric * 1.2, 1) ELSE p.value::numeric * 1.2 END),
           'docs/designing.md §3: an assumed value varied by a fifth either way (a factor or cap of at most 1 stays at most 1, a threshold above 1 stays at least 1)'
    FROM perf_eval.methodology_param AS p
    JOIN perf_eval.methodology AS m ON m.name = p.methodology AND m.shipped
    WHERE p.provenance = 'assumed' AND p.value_kind = 'number' AND p.value::numeric > 0
      AND p.key !~ '^present\.' AND p.key !~ '\.w_[a-z_]+$' AND p.key !~ '_from_year$'
      AND p.key !~ '^risk\.'  -- the risk signals choose whom to re-verify; they change no score
      AND NOT EXISTS (SELECT 1 FROM perf_eval.param_sum_rule AS r
                      WHERE p.key = r.total_key
                         OR p.key = ANY (SELECT unnest(string_to_array(part, '|')) FROM unnest(r.parts) AS part))
$$;
COMMENT ON FUNCTION perf_eval.shipped_param_ranges() IS
'The rule that gives the shipped versions'' assumed numeric parameters varied alone their plausible range (perf_eval.param_range): a fifth either way of the value, a factor or cap of at most 1 kept at most 1, a threshold above 1 kept at least 1; presentation scales, weights, start years, risk-signal weights and the parts of a sum rule are not varied alone';
INSERT INTO perf_eval.param_range (methodology, key, range_low, range_high, range_source)
SELECT r.methodology, r.key, r.range_low, r.range_high, r.range_source FROM perf_eval.shipped_param_ranges() AS r;

-- The ranges that apply to a methodology: its own, else its nearest ancestor's.
CREATE FUNCTION perf_eval.ranges_of(methodology text)
RETURNS TABLE (key text, range_low numeric, range_high numeric, range_source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE ancestry AS (
        SELECT m.name, m.based_on, 0 AS depth FROM perf_eval.methodology AS m WHERE m.name = $1
        UNION ALL
        SELECT m.name, m.based_on, a.depth + 1 FROM perf_eval.methodology AS m JOIN ancestry AS a ON m.name = a.based_on
    )
    SELECT DISTINCT ON (r.key) r.key, r.range_low, r.range_high, r.range_source
    FROM ancestry AS a JOIN perf_eval.param_range AS r ON r.methodology = a.name
    JOIN perf_eval.methodology_param AS p ON p.methodology = $1 AND p.key = r.key AND p.provenance = 'assumed'
    ORDER BY r.key, a.depth
$$;
COMMENT ON FUNCTION perf_eval.ranges_of(text) IS
'The plausible ranges of a methodology''s assumed parameters: its own rows of perf_eval.param_range, else those of its nearest ancestor';

-- A deterministic pseudo-random number in [0, 1) for a draw, sample and key.
CREATE FUNCTION perf_eval.uniform_draw(draw bigint, sample integer, key text)
RETURNS numeric
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ('x' || substr(md5($1::text || ':' || $2::text || ':' || $3), 1, 8))::bit(32)::bigint / 4294967296.0
$$;
COMMENT ON FUNCTION perf_eval.uniform_draw(bigint, integer, text) IS
'Deterministic pseudo-random number in [0, 1) from the first 32 bits of md5(draw:sample:key): the same draw gives the same sample';

-- The raw rows of the named node computers for a year under methodology v
-- into pg_temp.pe_work (created here ON COMMIT DROP the first time, emptied
-- after), bodies exempt from a block left out, after the rows kept in
-- pg_temp.pe_kept if sensitivity_samples made it: a computer whose rows name
-- no varied parameter is computed once, not once per sample.
CREATE OR REPLACE PROCEDURE perf_eval.compute_block_rows(y integer, v text, computers text[])
LANGUAGE plpgsql
AS $$
DECLARE
    c record;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    IF pg_catalog.to_regclass('pg_temp.pe_work') IS NULL THEN
        CREATE TEMP TABLE pe_work (
            body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
            superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
            PRIMARY KEY (body, node)
        ) ON COMMIT DROP;
    ELSE
        -- Temporary tables are never vacuumed: emptied, not deleted from, once per sample.
        TRUNCATE pg_temp.pe_work;
    END IF;
    IF pg_catalog.to_regclass('pg_temp.pe_kept') IS NOT NULL THEN
        INSERT INTO pg_temp.pe_work SELECT * FROM pg_temp.pe_kept;
    END IF;
    FOR c IN SELECT nc.name, nc.computer, nc.bodies FROM perf_eval.node_computer AS nc
             WHERE nc.name = ANY (computers) ORDER BY nc.name LOOP
        EXECUTE CASE WHEN c.bodies IS NULL
                     THEN pg_catalog.format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                                             SELECT x.body, x.node, x.raw_value, x.reason,
                                                    x.explanation || jsonb_build_object(''computer'', $3::text)
                                             FROM %s($1, $2) AS x', c.computer)
                     ELSE pg_catalog.format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                                             SELECT b.body, x.node, x.raw_value, x.reason,
                                                    x.explanation || jsonb_build_object(''computer'', $3::text)
                                             FROM %s($1, $2) AS b(body) CROSS JOIN LATERAL %s(b.body, $1, $2) AS x',
                                            c.bodies, c.computer) END
            USING y, v, c.name;
    END LOOP;
    DELETE FROM pg_temp.pe_work AS w USING perf_eval.score_node AS n
    WHERE n.code = w.node AND w.explanation ->> 'computer' = ANY (computers)
      AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_block_rows(integer, text, text[]) IS
'The raw rows of the named node computers (bodies exempt from a block left out) into pg_temp.pe_work (ON COMMIT DROP), after the rows kept in pg_temp.pe_kept if it exists: step 1 of the block-only computation of perf_eval.sensitivity';

-- The block's nodes of a year under methodology v in pg_temp.pe_work: the
-- named computers' rows (compute_block_rows), rolled up as the engine rolls
-- up (roll_up_nodes).
CREATE OR REPLACE PROCEDURE perf_eval.compute_block_work(y integer, v text, computers text[])
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CALL perf_eval.compute_block_rows(y, v, computers);
    CALL perf_eval.roll_up_nodes(y, v, perf_eval.param_text(v, 'policy.clamp'));
END
$$;
COMMENT ON PROCEDURE perf_eval.compute_block_work(integer, text, text[]) IS
'The score tree computed by the named node computers only (compute_block_rows; rows kept in pg_temp.pe_kept added), rolled up by roll_up_nodes, into pg_temp.pe_work (ON COMMIT DROP): the block-only computation of perf_eval.sensitivity';

-- One sample: the fork takes the version's values but those of point, the
-- block is computed, and the rank and zone of every body recorded.
CREATE OR REPLACE PROCEDURE perf_eval.sensitivity_sample(y integer, blk text, v text, fork text, computers text[],
                                              sample integer, param text, point jsonb)
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    UPDATE perf_eval.methodology_param AS f
    SET value = coalesce(point ->> f.key, o.value)
    FROM perf_eval.methodology_param AS o
    WHERE f.methodology = fork AND o.methodology = v AND o.key = f.key
      AND f.value IS DISTINCT FROM coalesce(point ->> f.key, o.value);
    CALL perf_eval.compute_block_work(y, fork, computers);
    INSERT INTO pg_temp.pe_sensitivity
    SELECT sample, param, k.body, k.kind, k.rank, perf_eval.efficiency_zone(k.value, fork)
    FROM perf_eval.rank_block_scores(ARRAY(
             SELECT ROW(NULL, w.body, b.kind, w.node, w.value, perf_eval.scope_status(w.body, blk, y))::perf_eval.rankable_score
             FROM pg_temp.pe_work AS w JOIN perf_eval.body AS b ON b.code = w.body
             WHERE w.node = blk)) AS k;
END
$$;
COMMENT ON PROCEDURE perf_eval.sensitivity_sample(integer, text, text, text, text[], integer, text, jsonb) IS
'One sample of perf_eval.sensitivity: the scratch fork takes the version''s values but those of point, the block''s nodes are computed by the named computers, and each body''s rank and zone in the block go into pg_temp.pe_sensitivity';

-- The plan after sample 0 (pg_temp.pe_work holds its tree): each ranged
-- parameter the block's explanations name, low and high, then the joint points.
CREATE PROCEDURE perf_eval.plan_sensitivity(blk text, v text, draw bigint, samples integer)
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    CREATE TEMP TABLE pe_sensitivity_param ON COMMIT DROP AS
    SELECT r.key, r.range_low, r.range_high
    FROM perf_eval.ranges_of(v) AS r
    WHERE EXISTS (SELECT 1 FROM pg_temp.pe_work AS w
                  JOIN perf_eval.score_node AS n ON n.code = w.node AND n.block = blk
                  CROSS JOIN LATERAL jsonb_array_elements(coalesce(w.explanation -> 'parameters', '[]')) AS e
                  WHERE e.value ->> 'key' = r.key);
    INSERT INTO pg_temp.pe_sensitivity_plan
    SELECT row_number() OVER (ORDER BY p.key, e.side DESC)::integer, p.key,
           jsonb_build_object(p.key, CASE e.side WHEN 'low' THEN p.range_low ELSE p.range_high END)
    FROM pg_temp.pe_sensitivity_param AS p CROSS JOIN (VALUES ('low'), ('high')) AS e(side);
    INSERT INTO pg_temp.pe_sensitivity_plan
    SELECT (SELECT max(q.sample) FROM pg_temp.pe_sensitivity_plan AS q) + i, 'joint',
           (SELECT jsonb_object_agg(p.key, round(p.range_low + (p.range_high - p.range_low)
                                                 * perf_eval.uniform_draw(draw, i, p.key), 6))
            FROM pg_temp.pe_sensitivity_param AS p)
    FROM generate_series(1, samples) AS i
    WHERE EXISTS (SELECT 1 FROM pg_temp.pe_sensitivity_param);
    DROP TABLE pg_temp.pe_sensitivity_param;
END
$$;
COMMENT ON PROCEDURE perf_eval.plan_sensitivity(text, text, bigint, integer) IS
'Adds to pg_temp.pe_sensitivity_plan the samples after sample 0: each ranged parameter (perf_eval.ranges_of) that the explanations of the block''s nodes in pg_temp.pe_work name, at its low and its high end alone, then the joint points of the draw (perf_eval.uniform_draw)';

-- The samples: 0 = the version's values, then each ranged parameter the
-- block's explanations name, low and high alone, then the joint points of
-- the draw; per sample the block's rank and zone of every body, into
-- pg_temp.pe_sensitivity (created here, ON COMMIT DROP).
CREATE OR REPLACE PROCEDURE perf_eval.sensitivity_samples(y integer, blk text, v text, draw bigint, samples integer)
LANGUAGE plpgsql
AS $$
DECLARE
    fork text := 'sensitivity_' || pg_catalog.nextval(pg_catalog.pg_get_serial_sequence('perf_eval.run', 'run_id'));
    computers text[];
    kept text[];
    s record;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    PERFORM perf_eval.scratch_fork(v, '{}', fork);
    IF pg_catalog.to_regclass('pg_temp.pe_sensitivity') IS NOT NULL THEN
        DROP TABLE pg_temp.pe_sensitivity;
    END IF;
    IF pg_catalog.to_regclass('pg_temp.pe_kept') IS NOT NULL THEN
        DROP TABLE pg_temp.pe_kept;
    END IF;
    -- A pe_work left by the caller (another shape, a trigger or rule on it)
    -- would feed its rows into every sample: compute_block_rows makes its own.
    IF pg_catalog.to_regclass('pg_temp.pe_work') IS NOT NULL THEN
        DROP TABLE pg_temp.pe_work;
    END IF;
    CREATE TEMP TABLE pe_sensitivity (sample integer, param text, body text, kind text, rank bigint, zone text) ON COMMIT DROP;
    CREATE TEMP TABLE pe_sensitivity_plan (sample integer, param text, point jsonb) ON COMMIT DROP;
    SELECT array_agg(nc.name) INTO computers FROM perf_eval.node_computer AS nc;
    CALL perf_eval.sensitivity_sample(y, blk, v, fork, computers, 0, NULL, '{}');
    CALL perf_eval.plan_sensitivity(blk, v, draw, samples);
    -- The block's computers, split by whether their rows name a varied parameter.
    SELECT coalesce(array_agg(c.computer) FILTER (WHERE c.varied), '{}'),
           coalesce(array_agg(c.computer) FILTER (WHERE NOT c.varied), '{}')
    INTO computers, kept
    FROM (SELECT w.explanation ->> 'computer' AS computer,
                 bool_or(EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(w.explanation -> 'parameters', '[]')) AS e
                                 JOIN pg_temp.pe_sensitivity_plan AS p ON p.param = e.value ->> 'key')) AS varied
          FROM pg_temp.pe_work AS w JOIN perf_eval.score_node AS n ON n.code = w.node
          WHERE n.block = blk AND w.explanation ? 'computer'
          GROUP BY 1) AS c;
    CALL perf_eval.compute_block_rows(y, fork, kept);
    CREATE TEMP TABLE pe_kept ON COMMIT DROP AS SELECT * FROM pg_temp.pe_work;
    FOR s IN SELECT * FROM pg_temp.pe_sensitivity_plan ORDER BY sample LOOP
        CALL perf_eval.sensitivity_sample(y, blk, v, fork, computers, s.sample, s.param, s.point);
    END LOOP;
    DROP TABLE pg_temp.pe_work, pg_temp.pe_kept, pg_temp.pe_sensitivity_plan;
    PERFORM perf_eval.drop_scratch_fork(fork);
END
$$;
COMMENT ON PROCEDURE perf_eval.sensitivity_samples(integer, text, text, bigint, integer) IS
'Fills pg_temp.pe_sensitivity (ON COMMIT DROP) with the rank and zone of every body in a block of a year under a methodology: sample 0 (its values), each ranged parameter the block''s explanations name at its low and high end alone, and the joint samples of the draw; computes in memory under a scratch fork, writing no run, recomputing after sample 0 only the block''s computers whose explanations name a varied parameter';

-- The latest sensitivity of each year, block and methodology, per body:
-- what the body card shows as a rank range (perf_eval.sensitivity keeps it).
CREATE TABLE perf_eval.rank_range (
    year             integer NOT NULL,
    block            text NOT NULL REFERENCES perf_eval.block (code),
    methodology      text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    body             text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE ON DELETE CASCADE,
    rank             bigint,
    min_rank         bigint,
    max_rank         bigint,
    zone             text,
    zone_can_change  boolean NOT NULL,
    draw             bigint NOT NULL,
    samples          integer NOT NULL,
    computed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    computed_by      name NOT NULL DEFAULT session_user,
    PRIMARY KEY (year, block, methodology, body)
);
COMMENT ON COLUMN perf_eval.rank_range.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.rank_range.block IS 'Code of the block ranked';
COMMENT ON COLUMN perf_eval.rank_range.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.rank_range.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.rank_range.rank IS 'Rank under the version''s values (as the ranking views rank); NULL if not ranked';
COMMENT ON COLUMN perf_eval.rank_range.min_rank IS 'Best rank over every sample of the assumed parameters';
COMMENT ON COLUMN perf_eval.rank_range.max_rank IS 'Worst rank over every sample';
COMMENT ON COLUMN perf_eval.rank_range.zone IS 'Zone under the version''s values';
COMMENT ON COLUMN perf_eval.rank_range.zone_can_change IS 'True if some sample puts the body in another zone';
COMMENT ON COLUMN perf_eval.rank_range.draw IS 'Number of the draw of the joint samples (the same draw gives the same samples)';
COMMENT ON COLUMN perf_eval.rank_range.samples IS 'Number of joint samples (count)';
COMMENT ON COLUMN perf_eval.rank_range.computed_at IS 'When perf_eval.sensitivity computed it';
COMMENT ON COLUMN perf_eval.rank_range.computed_by IS 'Session role that computed it';
COMMENT ON TABLE perf_eval.rank_range IS
'Per year, block, methodology and body: the range of ranks (and whether the zone can change) over the assumed parameters'' plausible ranges, as the latest perf_eval.sensitivity computed it; the body card''s rank range';

CREATE FUNCTION perf_eval.sensitivity(year integer, block text, methodology text DEFAULT NULL,
                                      draw bigint DEFAULT 1, samples integer DEFAULT 200)
RETURNS TABLE (body text, kind text, rank bigint, min_rank bigint, max_rank bigint, zone text,
               zones text[], zone_can_change boolean, moved_by jsonb)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.block AS k WHERE k.code = sensitivity.block) THEN
        RAISE EXCEPTION 'no block %', block USING ERRCODE = '22023', HINT = 'The blocks are listed in perf_eval.block.';
    END IF;
    IF samples IS NULL OR samples < 0 OR draw IS NULL OR year IS NULL THEN
        RAISE EXCEPTION 'sensitivity needs a year, a draw number and a number of joint samples (0 or more)'
            USING ERRCODE = '22023', HINT = 'SELECT * FROM perf_eval.sensitivity(2020, ''goals'', ''kz2020'', 1, 200).';
    END IF;
    CALL perf_eval.sensitivity_samples(year, block, perf_eval.resolve_methodology(methodology), draw, samples);
    DELETE FROM perf_eval.rank_range AS r
    WHERE r.year = sensitivity.year AND r.block = sensitivity.block AND r.methodology = perf_eval.resolve_methodology(sensitivity.methodology);
    INSERT INTO perf_eval.rank_range (year, block, methodology, body, rank, min_rank, max_rank, zone, zone_can_change, draw, samples)
    SELECT sensitivity.year, sensitivity.block, perf_eval.resolve_methodology(sensitivity.methodology), o.body, o.rank,
           min(x.rank), max(x.rank), o.zone, count(DISTINCT x.zone) > 1, sensitivity.draw, sensitivity.samples
    FROM pg_temp.pe_sensitivity AS o JOIN pg_temp.pe_sensitivity AS x ON x.body = o.body
    WHERE o.sample = 0
    GROUP BY o.body, o.rank, o.zone;
    RETURN QUERY
    SELECT o.body, o.kind, o.rank, min(x.rank), max(x.rank), o.zone,
           array_agg(DISTINCT x.zone ORDER BY x.zone),
           count(DISTINCT x.zone) > 1,
           coalesce((SELECT jsonb_object_agg(m.param, m.shift ORDER BY m.param)
                     FROM (SELECT p.param, max(abs(p.rank - o.rank)) AS shift FROM pg_temp.pe_sensitivity AS p
                           WHERE p.body = o.body AND p.param IS NOT NULL AND p.param <> 'joint'
                           GROUP BY p.param HAVING max(abs(p.rank - o.rank)) > 0) AS m), '{}')
    FROM pg_temp.pe_sensitivity AS o
    JOIN pg_temp.pe_sensitivity AS x ON x.body = o.body
    WHERE o.sample = 0
    GROUP BY o.body, o.kind, o.rank, o.zone
    ORDER BY o.kind, o.rank NULLS LAST, o.body;
END
$$;
COMMENT ON FUNCTION perf_eval.sensitivity(integer, text, text, bigint, integer) IS
'How much a block''s ranking of a year depends on the assumed parameters (kept in perf_eval.rank_range): per body its rank and zone under the methodology''s values, the lowest and highest rank and every zone over all samples (each ranged parameter at its low and high end alone, and samples joint points drawn deterministically by the numbered draw), whether the zone can change, and moved_by: the parameters that move the body alone, with by how many ranks at most';

CREATE FUNCTION perf_eval.sensitivity_parameters(year integer, block text, methodology text DEFAULT NULL)
RETURNS TABLE (key text, range_low numeric, range_high numeric, range_source text, max_rank_shift bigint,
               bodies_moved bigint, zone_changes bigint)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.block AS k WHERE k.code = sensitivity_parameters.block) THEN
        RAISE EXCEPTION 'no block %', block USING ERRCODE = '22023', HINT = 'The blocks are listed in perf_eval.block.';
    END IF;
    CALL perf_eval.sensitivity_samples(year, block, v, 1, 0);
    RETURN QUERY
    SELECT r.key, r.range_low, r.range_high, r.range_source, coalesce(max(abs(p.rank - o.rank)), 0),
           count(DISTINCT p.body) FILTER (WHERE p.rank <> o.rank),
           count(DISTINCT p.body) FILTER (WHERE p.zone <> o.zone)
    FROM perf_eval.ranges_of(v) AS r
    JOIN pg_temp.pe_sensitivity AS p ON p.param = r.key
    JOIN pg_temp.pe_sensitivity AS o ON o.sample = 0 AND o.body = p.body
    GROUP BY r.key, r.range_low, r.range_high, r.range_source
    ORDER BY 5 DESC, r.key;
END
$$;
COMMENT ON FUNCTION perf_eval.sensitivity_parameters(integer, text, text) IS
'Per ranged assumed parameter that a block''s explanations name: its range and source, by how many ranks it moves a body at most when set alone to either end, how many bodies it moves and how many change zone (no joint samples)';

-- Sensitivity computes as its caller (forks, monthly tallies): administrators.
GRANT SELECT ON perf_eval.param_range, perf_eval.rank_range TO perf_eval_reader;
GRANT INSERT, DELETE ON perf_eval.rank_range TO perf_eval_admin;
-- Ranks are public in the ranking views (only restricted scores are masked).
ALTER TABLE perf_eval.rank_range ENABLE ROW LEVEL SECURITY;
CREATE POLICY rank_range_kept_by_admins ON perf_eval.rank_range TO perf_eval_admin USING (true) WITH CHECK (true);
GRANT INSERT, UPDATE, DELETE ON perf_eval.param_range TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.sensitivity(integer, text, text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.sensitivity(integer, text, text, bigint, integer) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.sensitivity_parameters(integer, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.sensitivity_parameters(integer, text, text) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.sensitivity_samples(integer, text, text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.sensitivity_samples(integer, text, text, bigint, integer) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.sensitivity_sample(integer, text, text, text, text[], integer, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.sensitivity_sample(integer, text, text, text, text[], integer, text, jsonb) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.plan_sensitivity(text, text, bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.plan_sensitivity(text, text, bigint, integer) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.compute_block_rows(integer, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_block_rows(integer, text, text[]) TO perf_eval_admin;
REVOKE EXECUTE ON PROCEDURE perf_eval.compute_block_work(integer, text, text[]) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.compute_block_work(integer, text, text[]) TO perf_eval_admin;

-- Issue 17: who sees what (docs/architecture.md "Visibility model"): one set of visibility
-- functions; row-level security of results and inputs and the result views call them
CREATE OR REPLACE FUNCTION perf_eval.may_see_restricted()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_classified_reader', 'MEMBER')
        OR pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER')
$$;
COMMENT ON FUNCTION perf_eval.may_see_restricted() IS
'True for members of perf_eval_classified_reader or perf_eval_admin (and superusers): they see scores whose publication is restricted';
CREATE OR REPLACE FUNCTION perf_eval.publication_restricted(body text, block text, year integer)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.body_scope AS s
                   WHERE s.body = $1 AND s.publication_restricted
                     AND ($2 IS NULL OR $2 = 'composite' OR s.block = $2)
                     AND ($3 IS NULL OR ($3 >= s.year_from AND ($3 <= s.year_to OR s.year_to IS NULL))))
$$;
COMMENT ON FUNCTION perf_eval.publication_restricted(text, text, integer) IS
'True if the publication of the body''s scores and inputs of the block (composite: of any block) in the year is restricted (perf_eval.body_scope); a NULL block or year means any';
CREATE OR REPLACE FUNCTION perf_eval.may_see_values(body text, block text, year integer)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.may_see_restricted()
        OR NOT perf_eval.publication_restricted($1, $2, $3)
        OR perf_eval.submits_for($1)
$$;
COMMENT ON FUNCTION perf_eval.may_see_values(text, text, integer) IS
'True if the current role may see the values (scores, explanations, inputs) of the body''s block in the year: not restricted, or a classified reader, an admin or the body''s own submitter (docs/architecture.md "Visibility model")';
CREATE OR REPLACE FUNCTION perf_eval.may_see_unpublished(block text, body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER')
        OR ($1 IS NOT NULL AND perf_eval.assesses($1))
        OR coalesce(perf_eval.submits_for($2), false)
$$;
COMMENT ON FUNCTION perf_eval.may_see_unpublished(text, text) IS
'True if the current role may see a result of the block not yet published that concerns the body: an admin, the block''s assessor or the body''s submitter (a NULL block or body is nobody''s: NULL, NULL is true for admins only)';
CREATE OR REPLACE FUNCTION perf_eval.is_published_result(year integer, methodology text, block text, run_id bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT NOT EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS c
                       WHERE c.year = $1 AND c.methodology = $2 AND c.block = $3)
        OR EXISTS (SELECT 1 FROM perf_eval.publication AS p
                   WHERE p.year = $1 AND p.methodology = $2 AND p.block = $3 AND ($4 IS NULL OR p.run_id = $4))
$$;
COMMENT ON FUNCTION perf_eval.is_published_result(integer, text, text, bigint) IS
'True if the run''s result of the block in the year and methodology is public: no assessment cycle exists for them, or a revision published the run (a NULL run: any revision)';
CREATE OR REPLACE FUNCTION perf_eval.may_see_result(year integer, methodology text, block text, run_id bigint, body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.is_published_result($1, $2, $3, $4) OR perf_eval.may_see_unpublished($3, $5)
$$;
COMMENT ON FUNCTION perf_eval.may_see_result(integer, text, text, bigint, text) IS
'True if the current role may see the run''s result of the block concerning the body: published (or no cycle), or an admin, the block''s assessor or the body''s submitter';
CREATE OR REPLACE FUNCTION perf_eval.may_see_result_kind(result_kind text, block text, body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1 IN ('published', 'latest') OR perf_eval.may_see_unpublished($2, $3)
$$;
COMMENT ON FUNCTION perf_eval.may_see_result_kind(text, text, text) IS
'True if the current role may see a result of this kind (published | latest: everyone; final | preliminary: an admin, the block''s assessor or the body''s submitter)';
CREATE OR REPLACE FUNCTION perf_eval.may_see_run(year integer, methodology text, run_id bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.may_see_unpublished(NULL, NULL)
        OR EXISTS (SELECT 1 FROM perf_eval.block AS b WHERE perf_eval.may_see_result($1, $2, b.code, $3, NULL))
$$;
COMMENT ON FUNCTION perf_eval.may_see_run(integer, text, bigint) IS
'True if the current role may see the run''s record: it may see the run''s result of at least one block';
CREATE OR REPLACE FUNCTION perf_eval.may_see_run_id(run_id bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.run AS r WHERE r.run_id = $1)
$$;
COMMENT ON FUNCTION perf_eval.may_see_run_id(bigint) IS
'True if the current role may see the run''s record (perf_eval.may_see_run, through the run''s row-level security)';
CREATE OR REPLACE FUNCTION perf_eval.may_see_score(run_id bigint, body text, node text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.may_see_unpublished(NULL, NULL) AND perf_eval.may_see_restricted()
        OR coalesce((SELECT perf_eval.may_see_values($2, n.block, r.year)
                            AND perf_eval.may_see_result(r.year, r.methodology, n.block, r.run_id, $2)
                     FROM perf_eval.run AS r
                     JOIN perf_eval.score_node AS n ON n.code = $3
                     WHERE r.run_id = $1), false)
$$;
COMMENT ON FUNCTION perf_eval.may_see_score(bigint, text, text) IS
'True if the current role may see the score of the body''s node in the run: its values (perf_eval.may_see_values) and the run''s result of the node''s block (perf_eval.may_see_result)';
CREATE OR REPLACE FUNCTION perf_eval.mean_shown_to_role(mean numeric, group_restricted boolean, methodology text)
RETURNS numeric
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF mean IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'a mean of scores is a finite number, not %', mean
            USING ERRCODE = '22003', HINT = 'Pass the mean of a group''s scores (perf_eval.result_ranking.group_mean).';
    END IF;
    RETURN CASE WHEN group_restricted AND NOT perf_eval.may_see_restricted()
                THEN round(mean, perf_eval.display_decimals('group_mean'))
                ELSE trim_scale(mean) END;
END
$$;
COMMENT ON FUNCTION perf_eval.mean_shown_to_role(numeric, boolean, text) IS
'The mean as the current role may see it: unrounded, or rounded to the display setting group_mean if the group holds a restricted score the role may not see (methodology is not used since the decimals became a display setting); NaN or infinity 22003';
GRANT SELECT ON perf_eval.body_scope TO perf_eval_submitter;
GRANT SELECT ON perf_eval.methodology, perf_eval.methodology_param, perf_eval.source_document TO perf_eval_submitter;
GRANT SELECT ON perf_eval.param_choice, perf_eval.param_sum_rule TO perf_eval_submitter;
GRANT SELECT ON perf_eval.efficiency_zone_label TO perf_eval_submitter;
GRANT SELECT ON perf_eval.publication, perf_eval.block_assessor TO perf_eval_submitter;
REVOKE SELECT ON perf_eval.input_row FROM perf_eval_reader;
GRANT SELECT (row_digest, relation) ON perf_eval.input_row TO perf_eval_reader;
GRANT SELECT ON perf_eval.input_row TO perf_eval_classified_reader, perf_eval_admin;
CREATE POLICY staff_all ON perf_eval.objection TO perf_eval_editor
    USING (perf_eval.may_see_values(body, block, year) AND perf_eval.may_see_unpublished(block, body)) WITH CHECK (true);
CREATE POLICY readers_read ON perf_eval.objection FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, block, year) AND perf_eval.may_see_result(year, methodology, block, NULL, body));
CREATE POLICY run_readable ON perf_eval.run FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_run(year, methodology, run_id));
CREATE POLICY score_readable ON perf_eval.score FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_score(run_id, body, node));
CREATE POLICY run_problems_readable ON perf_eval.run_problems FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_run_id(run_id));
CREATE POLICY run_body_readable ON perf_eval.run_body FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_run_id(run_id));
-- Visibility model: a rank range carries the zones a body can reach; readers
-- see it as they see the body's zone (not for a restricted block, nor before
-- publication).
CREATE POLICY rank_range_readable ON perf_eval.rank_range FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, block, year) AND perf_eval.may_see_result(year, methodology, block, NULL, body));
DROP POLICY staff_all ON perf_eval.complaint_counts;
DROP POLICY readers_read ON perf_eval.complaint_counts;
CREATE POLICY staff_all ON perf_eval.complaint_counts TO perf_eval_editor
    USING (perf_eval.may_see_values(body, 'interaction', year)) WITH CHECK (perf_eval.may_see_values(body, 'interaction', year));
CREATE POLICY readers_read ON perf_eval.complaint_counts FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, 'interaction', year));
ALTER TABLE perf_eval.supplied_score ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.supplied_score TO perf_eval_editor
    USING (perf_eval.may_see_values(body, (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = node), year))
    WITH CHECK (perf_eval.may_see_values(body, (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = node), year));
CREATE POLICY readers_read ON perf_eval.supplied_score FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, (SELECT n.block FROM perf_eval.score_node AS n WHERE n.code = node), year));
ALTER TABLE perf_eval.penalty_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.penalty_event TO perf_eval_editor
    USING (perf_eval.may_see_values(body, block, year)) WITH CHECK (perf_eval.may_see_values(body, block, year));
CREATE POLICY readers_read ON perf_eval.penalty_event FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, block, year));
DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['goal', 'target_indicator', 'budget_programme', 'budget_programme_result', 'goal_programme_link', 'budget_assessment'] LOOP
        EXECUTE format('DROP POLICY staff_all ON perf_eval.%I', input_table);
        EXECUTE format('DROP POLICY readers_read ON perf_eval.%I', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor '
                       'USING (perf_eval.may_see_values(body, ''goals'', year)) '
                       'WITH CHECK (perf_eval.may_see_values(body, ''goals'', year))', input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader '
                       'USING (perf_eval.may_see_values(body, ''goals'', year))', input_table);
    END LOOP;
END
$$;
DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['service_counts', 'service_indicators', 'openness_inputs', 'open_nla_fulfilment'] LOOP
        EXECUTE format('DROP POLICY staff_all ON perf_eval.%I', input_table);
        EXECUTE format('DROP POLICY readers_read ON perf_eval.%I', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor '
                       'USING (perf_eval.may_see_values(body, ''interaction'', year)) '
                       'WITH CHECK (perf_eval.may_see_values(body, ''interaction'', year))', input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader '
                       'USING (perf_eval.may_see_values(body, ''interaction'', year))', input_table);
    END LOOP;
END
$$;
DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['orgdev_hr_inputs', 'orgdev_headcount_month', 'orgdev_it_inputs', 'orgdev_information_system'] LOOP
        EXECUTE format('DROP POLICY staff_all ON perf_eval.%I', input_table);
        EXECUTE format('DROP POLICY readers_read ON perf_eval.%I', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor '
                       'USING (perf_eval.may_see_values(body, ''orgdev'', year)) '
                       'WITH CHECK (perf_eval.may_see_values(body, ''orgdev'', year))', input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader '
                       'USING (perf_eval.may_see_values(body, ''orgdev'', year))', input_table);
    END LOOP;
END
$$;
CREATE OR REPLACE VIEW perf_eval.current_run AS
SELECT DISTINCT ON (r.year, r.methodology)
       r.run_id, r.year, r.methodology, r.finished_at, r.inputs_digest
FROM perf_eval.run AS r
WHERE r.status = 'succeeded' AND perf_eval.may_see_run(r.year, r.methodology, r.run_id)
ORDER BY r.year, r.methodology, r.run_id DESC;

-- run_health, with the abandoned status, the unattributed registry rows and
-- only the runs the role may see.
CREATE OR REPLACE VIEW perf_eval.run_health AS
WITH last_run AS (
    SELECT DISTINCT ON (r.year, r.methodology) r.*
    FROM perf_eval.run AS r
    WHERE perf_eval.may_see_run(r.year, r.methodology, r.run_id)
    ORDER BY r.year, r.methodology, r.run_id DESC
)
SELECT l.year, l.methodology,
       l.run_id AS last_run_id, a.status AS last_status, l.started_at AS last_started_at,
       l.finished_at - l.started_at AS last_duration, l.error_message AS last_error,
       c.run_id AS current_run_id, c.finished_at AS last_success_at,
       CASE
           WHEN l.status = 'failed' THEN 'last run failed'
           WHEN a.status = 'abandoned' THEN 'last run abandoned'
           WHEN c.run_id IS NULL THEN 'no successful run'
           WHEN c.finished_at < now() - interval '1 day'
                AND (l.status <> 'unchanged' OR l.finished_at < now() - interval '1 day')
               THEN 'last successful run older than a day'
           WHEN l.status = 'running' AND l.started_at < now() - interval '1 hour' THEN 'run in progress for over an hour'
           WHEN p.rows > 0 THEN 'registry rows not attributed (see run_problems)'
       END AS problem,
       coalesce(p.rows, 0) AS unattributed_rows
FROM last_run AS l
-- A running run whose session is gone shows as abandoned at once (the next
-- recalculation logs it so).
CROSS JOIN LATERAL (SELECT CASE WHEN perf_eval.run_is_abandoned(l.status, l.backend_pid, l.backend_start)
                                THEN 'abandoned' ELSE l.status END AS status) AS a
LEFT JOIN perf_eval.current_run AS c USING (year, methodology)
LEFT JOIN LATERAL (SELECT sum(rp.rows)::bigint AS rows FROM perf_eval.run_problems AS rp
                   WHERE rp.run_id = c.run_id) AS p ON true;
COMMENT ON COLUMN perf_eval.run_health.last_status IS 'Status of the latest run: running | succeeded | failed | unchanged | abandoned (its session is gone, though the log may still say running)';
COMMENT ON COLUMN perf_eval.run_health.problem IS 'What needs attention: last run failed | last run abandoned | no successful run | last successful run older than a day | run in progress for over an hour | registry rows not attributed (see run_problems); NULL when healthy';
COMMENT ON COLUMN perf_eval.run_health.unattributed_rows IS 'Registry rows the current run left out of the tallies (unknown body code, impossible dates): sum of perf_eval.run_problems.rows; 0 when none';
COMMENT ON VIEW perf_eval.run_health IS
'Per year and methodology: the last run, the current result, the registry rows it could not attribute, and a problem when the last run failed or was abandoned, the last successful check is older than a day or registry rows were left out';
-- The result views of issue 16 that read the visibility functions above: each
-- kind of result whoever reads it (*_all), and what a role may see of it.
CREATE VIEW perf_eval.result_run_all AS
SELECT p.year, p.block, p.methodology, 'published'::text AS result_kind, p.run_id, true AS is_default
FROM perf_eval.published_run AS p
WHERE NOT p.superseded
UNION ALL
SELECT c.year, c.block, c.methodology, 'final', c.final_run_id, false
FROM perf_eval.assessment_cycle AS c
WHERE c.state IN ('final', 'published')
UNION ALL
SELECT c.year, c.block, c.methodology, 'preliminary', l.run_id, false
FROM perf_eval.assessment_cycle AS c
CROSS JOIN LATERAL (SELECT coalesce(r.same_as_run, r.run_id) AS run_id FROM perf_eval.run AS r
                    WHERE r.year = c.year AND r.methodology = c.methodology
                      AND r.status IN ('succeeded', 'unchanged') AND r.started_at >= c.preliminary_at
                    ORDER BY r.run_id DESC LIMIT 1) AS l
WHERE c.state IN ('preliminary', 'objections')
UNION ALL
SELECT cr.year, b.code, cr.methodology, 'latest', cr.run_id, true
FROM perf_eval.current_run AS cr
CROSS JOIN perf_eval.block AS b
WHERE NOT EXISTS (SELECT 1 FROM perf_eval.assessment_cycle AS c
                  WHERE c.year = cr.year AND c.block = b.code AND c.methodology = cr.methodology);

-- Which run each kind of result of a year, block and methodology is:
-- published (the revision not superseded), final (the run fixed for
-- publication), preliminary (the latest run started during the preliminary
-- or objection stage; an unchanged run stands for the run it repeats) and,
-- for a year and block without a cycle, latest (the latest successful run).
-- The default result is published where a cycle exists, latest elsewhere.
CREATE VIEW perf_eval.result_run AS
SELECT a.year, a.block, a.methodology, a.result_kind, a.run_id, a.is_default
FROM perf_eval.result_run_all AS a
WHERE perf_eval.may_see_result_kind(a.result_kind, a.block, NULL);
COMMENT ON COLUMN perf_eval.result_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_run.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.result_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_run.result_kind IS 'published (of record) | final (fixed, not yet published) | preliminary (during the preliminary and objection stages) | latest (a year and block without a cycle: its latest successful run)';
COMMENT ON COLUMN perf_eval.result_run.run_id IS 'The run whose scores of the block are that result';
COMMENT ON COLUMN perf_eval.result_run.is_default IS 'True for the result the reporting views show: published where a cycle exists, latest where none does';
COMMENT ON VIEW perf_eval.result_run IS
'Per year, block and methodology: the run of each kind of result (published, final, preliminary, latest) and which one the reporting views show by default (docs/architecture.md §3.7)';
CREATE VIEW perf_eval.result_score_all AS
SELECT rr.year, rr.methodology, s.run_id, s.body, s.node, s.value, s.raw_value, s.origin, s.superseded, s.status,
       s.reason, s.explanation, rr.result_kind, rr.is_default, rr.block
FROM perf_eval.result_run_all AS rr
JOIN perf_eval.score AS s ON s.run_id = rr.run_id
JOIN perf_eval.score_node AS n ON n.code = s.node AND n.block = rr.block;
COMMENT ON VIEW perf_eval.result_score_all IS
'The score trees of every kind of result, whoever reads them: what the result views compute ranks and means from; read by no role (perf_eval.result_score is what a role may see)';
COMMENT ON COLUMN perf_eval.result_score_all.block IS 'Code of the block of the node';

-- The scores of every kind of result, each block from its own run.
CREATE VIEW perf_eval.result_score AS
SELECT a.year, a.methodology, a.run_id, a.body, a.node,
       CASE WHEN v.visible THEN a.value END AS value,
       CASE WHEN v.visible THEN a.raw_value END AS raw_value,
       a.origin, a.superseded, a.status, a.reason,
       CASE WHEN v.visible THEN a.explanation END AS explanation,
       a.result_kind, a.is_default
FROM perf_eval.result_score_all AS a
CROSS JOIN LATERAL (SELECT perf_eval.may_see_values(a.body, a.block, a.year) AS visible) AS v
WHERE perf_eval.may_see_result_kind(a.result_kind, a.block, a.body);
COMMENT ON COLUMN perf_eval.result_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_score.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_score.run_id IS 'Run of the result';
COMMENT ON COLUMN perf_eval.result_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.result_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.result_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.result_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.result_score.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.result_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.result_score.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_score.is_default IS 'True for the result shown by default (current_score)';
COMMENT ON VIEW perf_eval.result_score IS
'The score trees of every kind of result (published, final, preliminary, latest) of every year, block and methodology; current_score is its default part';
COMMENT ON COLUMN perf_eval.result_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable, or restricted and not visible to the role';

-- The default result: a year and block with a cycle shows its published
-- revision only (nothing before publication); one without a cycle shows its
-- latest successful run.
CREATE OR REPLACE VIEW perf_eval.current_score AS
SELECT rs.year, rs.methodology, rs.run_id, rs.body, rs.node, rs.value, rs.raw_value, rs.origin, rs.superseded,
       rs.status, rs.reason, rs.explanation, rs.result_kind
FROM perf_eval.result_score AS rs
WHERE rs.is_default;
COMMENT ON COLUMN perf_eval.current_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.current_score.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.current_score.run_id IS 'Run of the shown result of the year, block and methodology (published revision, or the latest successful run where no cycle exists)';
COMMENT ON COLUMN perf_eval.current_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.current_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.current_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.current_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.current_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.current_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.current_score.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.current_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.current_score.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one: the latest successful run)';
COMMENT ON VIEW perf_eval.current_score IS 'The score tree shown of every year and methodology: per block the published revision where an assessment cycle exists, else the latest successful run (docs/architecture.md §3.7)';
COMMENT ON COLUMN perf_eval.current_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable, or restricted and not visible to the role';
-- The internal views carry the comments of the columns they share with the
-- views every role reads (one description per column).
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT i.relname AS internal, a.attname, pg_catalog.col_description(p.oid, pa.attnum) AS description
             FROM (VALUES ('result_run_all', 'result_run'), ('result_score_all', 'result_score')) AS m(internal, public)
             JOIN pg_catalog.pg_class AS i ON i.relname = m.internal AND i.relnamespace = 'perf_eval'::regnamespace
             JOIN pg_catalog.pg_class AS p ON p.relname = m.public AND p.relnamespace = 'perf_eval'::regnamespace
             JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.oid AND a.attnum > 0
             JOIN pg_catalog.pg_attribute AS pa ON pa.attrelid = p.oid AND pa.attname = a.attname
             WHERE pg_catalog.col_description(i.oid, a.attnum) IS NULL LOOP
        EXECUTE format('COMMENT ON COLUMN perf_eval.%I.%I IS %L', c.internal, c.attname, c.description);
    END LOOP;
END
$$;
COMMENT ON VIEW perf_eval.result_run_all IS
'Per year, block and methodology: the run of each kind of result, whoever reads it; read by no role (perf_eval.result_run is what a role may see)';
CREATE VIEW perf_eval.result_node_all AS
SELECT cs.year, cs.methodology, cs.body, b.kind, b.name_en, b.name_ru,
       cs.node, n.level, n.block, n.title_en AS node_title,
       cs.value, cs.origin, cs.status, cs.reason,
       perf_eval.scope_status(cs.body, n.block, cs.year) AS scope,
       coalesce((SELECT s.publication_restricted FROM perf_eval.body_scope AS s
                 WHERE s.body = cs.body AND s.block = n.block AND cs.year >= s.year_from
                   AND (cs.year <= s.year_to OR s.year_to IS NULL)), false) AS publication_restricted,
       cs.result_kind, cs.is_default, cs.superseded, cs.explanation
FROM perf_eval.result_score_all AS cs
JOIN perf_eval.body AS b ON b.code = cs.body
JOIN perf_eval.score_node AS n ON n.code = cs.node;
COMMENT ON VIEW perf_eval.result_node_all IS
'Scores of every node of every kind of result, whoever reads them: what ranks, means and zone counts are computed from; read by no role (perf_eval.result_node is what a role may see)';

-- Scores of every node of every kind of result (perf_eval.result_score), with
-- scope and restriction; node_result is the default result.
CREATE VIEW perf_eval.result_node AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.name_ru, r.node, r.level, r.block, r.node_title,
       CASE WHEN v.visible THEN r.value END AS value,
       r.origin, r.status, r.reason, r.scope, r.publication_restricted, r.result_kind, r.is_default, r.superseded,
       CASE WHEN v.visible THEN r.explanation END AS explanation
FROM perf_eval.result_node_all AS r
CROSS JOIN LATERAL (SELECT perf_eval.may_see_values(r.body, r.block, r.year) AS visible) AS v
WHERE perf_eval.may_see_result_kind(r.result_kind, r.block, r.body);
COMMENT ON COLUMN perf_eval.result_node.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_node.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_node.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_node.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.result_node.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.result_node.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.result_node.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.result_node.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.result_node.block IS 'Code of the block the node belongs to: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.result_node.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.result_node.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_node.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.result_node.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.result_node.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.result_node.publication_restricted IS 'True if the score may be shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.result_node.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_node.is_default IS 'True for the result shown by default (node_result)';
COMMENT ON COLUMN perf_eval.result_node.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.result_node.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON VIEW perf_eval.result_node IS 'Scores of every node of every kind of result (published, final, preliminary, latest) with the body''s kind, scope and publication restriction';
COMMENT ON COLUMN perf_eval.result_node.value IS 'Score in points, unrounded (0..100 for a block or direction under the default clamp); NULL if not assessable, or restricted and not visible to the role';

CREATE OR REPLACE VIEW perf_eval.node_result AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.name_ru, r.node, r.level, r.block, r.node_title, r.value, r.origin, r.status, r.reason, r.scope, r.publication_restricted, r.result_kind
FROM perf_eval.result_node AS r
WHERE r.is_default;
COMMENT ON COLUMN perf_eval.node_result.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.node_result.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.node_result.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.node_result.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.node_result.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.node_result.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.node_result.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.node_result.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.node_result.block IS 'Code of the block the node belongs to: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.node_result.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.node_result.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.node_result.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.node_result.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.node_result.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.node_result.publication_restricted IS 'True if the score may be shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.node_result.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one)';
COMMENT ON VIEW perf_eval.node_result IS 'Scores shown of every node (per block the published revision where an assessment cycle exists, else the latest successful run) with the body''s kind, scope and publication restriction';
COMMENT ON COLUMN perf_eval.node_result.value IS 'Score in points, unrounded (0..100 for a block or direction under the default clamp); NULL if not assessable, or restricted and not visible to the role';
GRANT SELECT ON perf_eval.result_run, perf_eval.result_score, perf_eval.result_node TO perf_eval_reader;
-- result_node_all carries the comments of the columns it shares with
-- result_node (one description per column).
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT a.attname, pg_catalog.col_description('perf_eval.result_node'::regclass, pa.attnum) AS description
             FROM pg_catalog.pg_attribute AS a
             JOIN pg_catalog.pg_attribute AS pa ON pa.attrelid = 'perf_eval.result_node'::regclass AND pa.attname = a.attname
             WHERE a.attrelid = 'perf_eval.result_node_all'::regclass AND a.attnum > 0 LOOP
        EXECUTE format('COMMENT ON COLUMN perf_eval.result_node_all.%I IS %L', c.attname, c.description);
    END LOOP;
END
$$;

-- Merge of the visibility model with structural forks: submitters read the
-- structural changes of a version as they read its parameters.
GRANT SELECT ON perf_eval.methodology_node_change, perf_eval.methodology_checker TO perf_eval_submitter;

-- =========================================================================
-- Reliable data (issue 20): reported and verified values, derived penalties,
-- risk signals, the re-verification list and its findings
-- (73_verification.sql, 79_reverification.sql)
-- =========================================================================
ALTER TABLE perf_eval.penalty_event
    ADD COLUMN origin text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'derived'));
COMMENT ON COLUMN perf_eval.penalty_event.origin IS 'manual (entered by hand) | derived (by perf_eval.derive_penalty_events from verified values and the submission schedule; replaced when derived again)';

-- Shipped parameters are read-only to users; the update adds the risk-signal ones.
ALTER TABLE perf_eval.methodology_param DISABLE TRIGGER shipped_params_read_only;
-- Risk signals for choosing the bodies whose reports are re-verified
-- (docs/methodology.md §9.5; 79_reverification.sql). No source sets them:
-- every one is assumed, the same in the three versions.
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note)
SELECT m.name, p.key, p.value, 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §9.5', p.note
FROM (VALUES ('kz2017'), ('kz2020'), ('kz2020_apa')) AS m(name)
CROSS JOIN (VALUES
('risk.weight.overfulfilled', '1', 'risk points for the share of target indicators overfulfilled by 25 % or more; the APA 2020 report §1.5 names such overfulfilment, no weight is given (assumed)'),
('risk.weight.plans_lowered', '2', 'risk points for the share of target indicators whose plan was lowered during the year (assumed)'),
('risk.weight.not_counted', '1', 'risk points for the share of target indicators not taken into account (assumed)'),
('risk.weight.no_dynamics', '1', 'risk points for the share of target indicators without positive dynamics (assumed)'),
('risk.weight.jump_own', '1', 'risk points when a block score jumps against the body''s own earlier years (robust z-score beyond risk.z_threshold; assumed)'),
('risk.weight.jump_peers', '1', 'risk points when the change of a block score since last year is extreme among bodies of the same kind (robust z-score beyond risk.z_threshold; assumed)'),
('risk.weight.registry_mismatch', '2', 'risk points when reported complaint or delivery counts differ from the registry tallies by more than risk.registry_threshold (assumed)'),
('risk.weight.benford', '1', 'risk points when the first digits of the body''s reported numbers deviate from Benford''s law by more than risk.benford_threshold (assumed)'),
('risk.weight.last_findings', '2', 'risk points when last year''s re-verification found values different from the reported ones (assumed)'),
('risk.z_threshold', '3.5', 'a robust (modified) z-score beyond this in absolute value is a jump; 3.5 is the usual outlier limit of the modified z-score (assumed)'),
('risk.z_scale', '0.6745', 'modified z-score = z_scale x (x - median) / MAD; 0.6745 makes the MAD consistent with a normal standard deviation (assumed)'),
('risk.jump_min_values', '3', 'fewest earlier years, or peers, a robust z-score is computed from (assumed)'),
('risk.registry_threshold', '0.05', 'relative difference |reported - registry| / registry above which reported counts disagree with the registry (assumed)'),
('risk.benford_min_count', '30', 'fewest reported numbers of a body and year the first-digit test is made on (assumed)'),
('risk.benford_threshold', '0.015', 'mean absolute deviation of the first-digit shares from Benford''s law above which the digits do not conform (assumed)')
) AS p(key, value, note);
ALTER TABLE perf_eval.methodology_param ENABLE TRIGGER shipped_params_read_only;

-- =========================================================================
-- Section: reported and verified values; penalties derived from them and
-- from the submission schedule (docs/methodology.md §3.4, §5.2 W, §3.7)
--
-- A body reports its inputs; an editor or the block's assessor re-verifies
-- some of them on site and records what re-verification found
-- (perf_eval.record_verification): the reported value is kept in
-- perf_eval.input_verification and the input row takes the verified value,
-- with perf_eval.change_reason naming the document, so the input history,
-- the inputs digest and the incremental recalculation all see it and a run
-- uses the verified value. A submitter cannot put the reported value back
-- (perf_eval.verified_values_kept, attached to every input relation).
--
-- Unreliable reporting information is information whose re-verification
-- finds facts inappropriate to reality (Order of 27/28 Jan 2020, paragraph 3,
-- sub-paragraph 9; seed 002 line 71); untimely information is placed after
-- the term of the assessment schedule (sub-paragraph 31; seed 002 line 115).
-- perf_eval.derive_penalty_events(year) turns both into penalty_event rows
-- of origin 'derived' (hand-entered ones are 'manual').
-- =========================================================================

-- Which input relations a body reports, the block that reads them and the
-- prefix of that block's reporting-penalty parameters (NULL: none).
CREATE TABLE perf_eval.reported_relation (
    relation        regclass PRIMARY KEY REFERENCES perf_eval.input_relation (relation),
    block           text NOT NULL REFERENCES perf_eval.block (code),
    penalty_prefix  text CHECK (penalty_prefix ~ '^[a-z_]+\.penalty\.$')
);
COMMENT ON COLUMN perf_eval.reported_relation.relation IS 'Input relation whose values a body reports (perf_eval.input_relation)';
COMMENT ON COLUMN perf_eval.reported_relation.block IS 'Block whose nodes read the relation (perf_eval.block.code)';
COMMENT ON COLUMN perf_eval.reported_relation.penalty_prefix IS 'Prefix of the block''s reporting-penalty parameters (goals.penalty. or hr.penalty.; the penalty_event kinds unreliable and untimely); NULL: the methodology sets no reporting penalty for it';
COMMENT ON TABLE perf_eval.reported_relation IS
'Input relations a body reports: the block that reads each and the prefix of its reporting-penalty parameters (docs/methodology.md §3.4, §5.2); their values can be re-verified and feed the risk signals';
INSERT INTO perf_eval.reported_relation VALUES
('perf_eval.target_indicator', 'goals', 'goals.penalty.'),
('perf_eval.budget_programme', 'goals', 'goals.penalty.'),
('perf_eval.budget_programme_result', 'goals', 'goals.penalty.'),
('perf_eval.complaint_counts', 'interaction', NULL),
('perf_eval.service_counts', 'interaction', NULL),
('perf_eval.service_indicators', 'interaction', NULL),
('perf_eval.openness_inputs', 'interaction', NULL),
('perf_eval.orgdev_hr_inputs', 'orgdev', 'hr.penalty.'),
('perf_eval.orgdev_headcount_month', 'orgdev', 'hr.penalty.'),
('perf_eval.orgdev_it_inputs', 'orgdev', 'hr.penalty.'),
('perf_eval.orgdev_information_system', 'orgdev', 'hr.penalty.');

CREATE TABLE perf_eval.input_verification (
    verification_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    relation         regclass NOT NULL REFERENCES perf_eval.input_relation (relation),
    row_key          jsonb NOT NULL,
    field            text NOT NULL,
    body             text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year             integer NOT NULL,
    reported_value   jsonb,
    verified_value   jsonb,
    verified_by      name NOT NULL DEFAULT current_user,
    verified_at      timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
    document         text NOT NULL CHECK (document <> ''),
    note             text,
    UNIQUE (body, relation, row_key, field)
);
COMMENT ON COLUMN perf_eval.input_verification.verification_id IS 'Identifier of the verification';
COMMENT ON COLUMN perf_eval.input_verification.relation IS 'Input relation of the verified value (perf_eval.input_relation)';
COMMENT ON COLUMN perf_eval.input_verification.row_key IS 'Primary key of the verified row, as jsonb (column: value)';
COMMENT ON COLUMN perf_eval.input_verification.field IS 'Column whose value was verified';
COMMENT ON COLUMN perf_eval.input_verification.body IS 'Code of the state body the row belongs to';
COMMENT ON COLUMN perf_eval.input_verification.year IS 'Assessed year of the row';
COMMENT ON COLUMN perf_eval.input_verification.reported_value IS 'Value the body reported (jsonb), kept from the first verification of the field';
COMMENT ON COLUMN perf_eval.input_verification.verified_value IS 'Value re-verification found (jsonb); the input row holds it';
COMMENT ON COLUMN perf_eval.input_verification.verified_by IS 'Database role that recorded the verification';
COMMENT ON COLUMN perf_eval.input_verification.verified_at IS 'When the verification was recorded';
COMMENT ON COLUMN perf_eval.input_verification.document IS 'Document of the re-verification (act, protocol) the verified value comes from';
COMMENT ON COLUMN perf_eval.input_verification.note IS 'Free-text note';
COMMENT ON TABLE perf_eval.input_verification IS
'Reported and verified values of inputs: a re-verification''s finding per row and column, who recorded it, when and on which document; the input row holds the verified value (perf_eval.record_verification). A verified value different from the reported one is a fact of unreliable reporting information (docs/methodology.md §3.4)';
CREATE INDEX input_verification_year_body ON perf_eval.input_verification (year, body);

-- The term of each input kind's reports: deadline = working_days working
-- days after opens_on (cs_add_working_days: the day after is day 1).
CREATE TABLE perf_eval.submission_schedule (
    input_kind    text NOT NULL REFERENCES perf_eval.import_kind (input_kind),
    year          integer NOT NULL,
    block         text NOT NULL REFERENCES perf_eval.block (code),
    opens_on      date NOT NULL,
    working_days  integer NOT NULL CHECK (working_days BETWEEN 1 AND 2600),
    PRIMARY KEY (input_kind, year)
);
COMMENT ON COLUMN perf_eval.submission_schedule.input_kind IS 'Input kind reported (perf_eval.import_kind); its rows are those of its staging tables'' target tables';
COMMENT ON COLUMN perf_eval.submission_schedule.year IS 'Assessed year of the reports';
COMMENT ON COLUMN perf_eval.submission_schedule.block IS 'Block whose untimely-reporting penalty applies (goals: goals.penalty.untimely; orgdev: hr.penalty.untimely)';
COMMENT ON COLUMN perf_eval.submission_schedule.opens_on IS 'Date the term is counted from';
COMMENT ON COLUMN perf_eval.submission_schedule.working_days IS 'Working days of the term after opens_on (count)';
COMMENT ON TABLE perf_eval.submission_schedule IS
'The schedule of assessment: per input kind and year, the term of the reports in working days after a date; a body whose first rows of the kind entered after it reported untimely (docs/methodology.md §3.4)';

CREATE FUNCTION perf_eval.submission_deadline(opens_on date, working_days integer)
RETURNS date
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.cs_add_working_days(opens_on, working_days) $$;
COMMENT ON FUNCTION perf_eval.submission_deadline(date, integer) IS
'Last day of a report''s term: the working_days-th working day after opens_on on the working calendar (perf_eval.cs_add_working_days)';

SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_verification', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.input_verification_verification_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.submission_schedule', '');

-- The primary-key columns of a relation.
CREATE FUNCTION perf_eval.key_columns(relation regclass)
RETURNS text[]
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_agg(a.attname::text ORDER BY k.ord)
    FROM pg_catalog.pg_index AS i
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = $1 AND i.indisprimary
$$;
COMMENT ON FUNCTION perf_eval.key_columns(regclass) IS 'Names of the primary-key columns of a table, in key order';

-- Where an input row stands: its key (the relation's key columns) and its
-- year (the year column, or the year of the month column).
CREATE FUNCTION perf_eval.input_row_place(relation regclass, input_row jsonb)
RETURNS TABLE (row_key jsonb, year integer)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (SELECT pg_catalog.jsonb_object_agg(c, $2 -> c) FROM unnest(perf_eval.key_columns($1)) AS c),
           coalesce(($2 ->> i.year_column)::integer, extract(year FROM ($2 ->> i.month_column)::date)::integer)
    FROM perf_eval.input_relation AS i WHERE i.relation = $1
$$;
COMMENT ON FUNCTION perf_eval.input_row_place(regclass, jsonb) IS
'The key (its key columns, as jsonb) and the year (its year column, or the year of its month column) of a row of an input relation given as jsonb; no row if the relation is not an input relation';

-- Who records verifications: editors (and so assessors and admins).
CREATE FUNCTION perf_eval.refuse_non_verifier()
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_catalog.pg_has_role(current_user, 'perf_eval_editor', 'MEMBER') THEN
        RAISE EXCEPTION 'only editors and assessors record verified values'
            USING ERRCODE = '42501',
                  HINT = 'Ask a member of perf_eval_editor (an editor, the block''s assessor or an admin) to record the re-verification''s finding.';
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.refuse_non_verifier() IS
'Refuses (42501) a role that is not a member of perf_eval_editor: only editors, assessors and admins record verified values';

-- The one input row a key names (22023 if the relation is no input relation,
-- P0002 if no row, 21000 if several).
CREATE FUNCTION perf_eval.input_row_of(relation regclass, row_key jsonb)
RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found_rows bigint;
    result jsonb;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.input_relation AS i WHERE i.relation = input_row_of.relation) THEN
        RAISE EXCEPTION '% is not an input relation', relation
            USING ERRCODE = '22023', HINT = 'perf_eval.input_relation lists the tables whose values can be verified.';
    END IF;
    EXECUTE pg_catalog.format('SELECT count(*), min(pg_catalog.to_jsonb(t)::text)::jsonb FROM %s AS t
                               WHERE pg_catalog.to_jsonb(t) @> $1', relation)
    INTO found_rows, result USING row_key;
    IF found_rows <> 1 THEN
        RAISE EXCEPTION '% rows of % match the key %', found_rows, relation, row_key
            USING ERRCODE = CASE WHEN found_rows = 0 THEN 'P0002' ELSE '21000' END,
                  HINT = pg_catalog.format('Name one row by its key columns (%s) as jsonb, e.g. {"body": "MA", "year": 2020, ...}.',
                                           pg_catalog.array_to_string(perf_eval.key_columns(relation), ', '));
    END IF;
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.input_row_of(regclass, jsonb) IS
'The one row of an input relation whose jsonb contains the key, as jsonb; 22023 if the relation is not an input relation, P0002 if no row matches, 21000 if several do';

-- Records what re-verification found: keeps the reported value, puts the
-- verified one into the input row (the history says why: the document).
CREATE OR REPLACE FUNCTION perf_eval.record_verification(relation regclass, row_key jsonb, field text, verified_value text,
                                              document text, note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    input_row jsonb;
    field_type text;
    place record;
    previous_reason text := pg_catalog.current_setting('perf_eval.change_reason', true);
    id bigint;
BEGIN
    PERFORM perf_eval.refuse_non_verifier();
    IF coalesce(pg_catalog.btrim(document), '') = '' THEN
        RAISE EXCEPTION 'a verification names its document'
            USING ERRCODE = '22023', HINT = 'Pass the act or protocol of the re-verification as document.';
    END IF;
    input_row := perf_eval.input_row_of(relation, row_key);
    field_type := perf_eval.input_value_column(relation, field);
    SELECT p.row_key, p.year INTO place FROM perf_eval.input_row_place(relation, input_row) AS p;

    PERFORM pg_catalog.set_config('perf_eval.change_reason', 'verification: ' || document, true);
    EXECUTE pg_catalog.format('UPDATE %s AS t SET %I = $1::%s WHERE pg_catalog.to_jsonb(t) @> $2', relation, field, field_type)
    USING verified_value, place.row_key;
    PERFORM pg_catalog.set_config('perf_eval.change_reason', coalesce(previous_reason, ''), true);

    INSERT INTO perf_eval.input_verification AS v (relation, row_key, field, body, year, reported_value, verified_value,
                                                   document, note)
    VALUES (relation, place.row_key, field, input_row ->> 'body', place.year,
            input_row -> field, perf_eval.input_row_of(relation, place.row_key) -> field, document, note)
    ON CONFLICT ON CONSTRAINT input_verification_body_relation_row_key_field_key DO UPDATE
    SET verified_value = EXCLUDED.verified_value, document = EXCLUDED.document, note = EXCLUDED.note,
        verified_by = current_user, verified_at = pg_catalog.clock_timestamp()
    RETURNING v.verification_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.record_verification(regclass, jsonb, text, text, text, text) IS
'Records what re-verification found for one value of an input row (named by its key as jsonb): keeps the reported value (the first one, if verified again) in perf_eval.input_verification and puts the verified value into the row, with perf_eval.change_reason ''verification: <document>'' in the input history, so the next run uses it. Editors, assessors and admins only (42501); returns the verification''s id';

-- A submitter cannot put back a value re-verification corrected: a row it
-- inserts or updates must hold the verified value of every verified column.
CREATE FUNCTION perf_eval.verified_values_kept()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    hit record;
BEGIN
    IF pg_catalog.pg_has_role(current_user, 'perf_eval_editor', 'MEMBER') OR perf_eval.restoring_dump()
       OR NOT EXISTS (SELECT 1 FROM perf_eval.input_verification AS v WHERE v.relation = TG_RELID) THEN
        RETURN NULL;
    END IF;
    SELECT v.verification_id, v.field, v.row_key, v.verified_value, v.document, pg_catalog.to_jsonb(n) -> v.field AS given
    INTO hit
    FROM perf_eval.input_verification AS v JOIN new_rows AS n ON pg_catalog.to_jsonb(n) @> v.row_key
    WHERE v.relation = TG_RELID AND (pg_catalog.to_jsonb(n) -> v.field) IS DISTINCT FROM v.verified_value
    ORDER BY v.verification_id LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% of % % was verified as %', hit.field, TG_RELID::regclass, hit.row_key, hit.verified_value
            USING ERRCODE = '42501',
                  DETAIL = pg_catalog.format('The change would set it to %s; verification %s, document %s.',
                                             coalesce(hit.given::text, 'NULL'), hit.verification_id, hit.document),
                  HINT = 'A verified value is changed only by an editor or assessor (perf_eval.record_verification); file an objection if the verification is wrong.';
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.verified_values_kept() IS
'Statement-level trigger of the input relations (transition table new_rows): refuses (42501) a role that is not an editor when a row it writes holds another value than the verified one of a verified column';

CREATE PROCEDURE perf_eval.keep_verified_values(relation regclass)
LANGUAGE plpgsql
AS $$
DECLARE
    event text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE'] LOOP
        EXECUTE pg_catalog.format('CREATE OR REPLACE TRIGGER %I AFTER %s ON %s REFERENCING NEW TABLE AS new_rows
                                   FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.verified_values_kept()',
                                  'verified_values_kept_' || pg_catalog.lower(event), event, relation);
    END LOOP;
END
$$;
COMMENT ON PROCEDURE perf_eval.keep_verified_values(regclass) IS
'Attaches the triggers that keep verified values (perf_eval.verified_values_kept) to an input relation; done for every input relation at install (74_keep_input_history.sql), by its owner for a relation listed later';
REVOKE EXECUTE ON PROCEDURE perf_eval.keep_verified_values(regclass) FROM PUBLIC;


-- The facts of unreliable and untimely reporting of a year, each with the
-- penalty parameter that prices it.
CREATE FUNCTION perf_eval.reporting_penalty_facts(year integer)
RETURNS TABLE (body text, block text, kind text, parameter text, note text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT v.body, r.block, 'unreliable', r.penalty_prefix || 'unreliable',
           pg_catalog.format('derived: %s %s %s reported %s, verified %s (%s)',
                             v.relation, v.row_key, v.field, v.reported_value, v.verified_value, v.document)
    FROM perf_eval.input_verification AS v
    JOIN perf_eval.reported_relation AS r ON r.relation = v.relation
    WHERE v.year = $1 AND r.penalty_prefix IS NOT NULL AND v.reported_value IS DISTINCT FROM v.verified_value
    UNION ALL
    SELECT f.body, s.block, 'untimely', CASE s.block WHEN 'goals' THEN 'goals.penalty.untimely' ELSE 'hr.penalty.untimely' END,
           pg_catalog.format('derived: %s of %s first entered %s, after the deadline %s (%s working days after %s)',
                             s.input_kind, $1, f.first_entered::date, d.deadline, s.working_days, s.opens_on)
    FROM perf_eval.submission_schedule AS s
    CROSS JOIN LATERAL (SELECT perf_eval.submission_deadline(s.opens_on, s.working_days) AS deadline) AS d
    CROSS JOIN LATERAL (
        SELECT r.row_data ->> 'body' AS body, min(h.changed_at) AS first_entered
        FROM perf_eval.import_staging AS st
        JOIN perf_eval.input_history AS h ON h.relation = 'perf_eval.' || st.target AND h.change = 'added'
        JOIN perf_eval.input_row AS r ON r.row_digest = h.row_digest
        WHERE st.input_kind = s.input_kind AND (r.row_data ->> 'year')::integer = $1
        GROUP BY r.row_data ->> 'body') AS f
    WHERE s.year = $1 AND s.block IN ('goals', 'orgdev') AND f.first_entered::date > d.deadline
    ORDER BY 1, 3, 5
$$;
COMMENT ON FUNCTION perf_eval.reporting_penalty_facts(integer) IS
'The reporting penalty facts of a year found in the data: each verified value different from the reported one in a relation with reporting penalties (unreliable), each body whose first rows of an input kind entered after the kind''s deadline in perf_eval.submission_schedule (untimely); with the parameter that prices the fact (docs/methodology.md §3.4, §5.2)';

CREATE FUNCTION perf_eval.derive_penalty_events(year integer)
RETURNS TABLE (penalty_id bigint, body text, block text, kind text, parameter text, note text)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    previous_reason constant text := pg_catalog.current_setting('perf_eval.change_reason', true);
BEGIN
    IF year IS NULL THEN
        RAISE EXCEPTION 'derive_penalty_events needs a year' USING ERRCODE = '22004', HINT = 'Pass the assessed year.';
    END IF;
    PERFORM pg_catalog.set_config('perf_eval.change_reason', 'derived penalties', true);
    DELETE FROM perf_eval.penalty_event AS e WHERE e.year = derive_penalty_events.year AND e.origin = 'derived';
    RETURN QUERY
    WITH facts AS (SELECT f.* FROM perf_eval.reporting_penalty_facts(derive_penalty_events.year) AS f),
         added AS (
        INSERT INTO perf_eval.penalty_event AS e (body, year, block, kind, count, note, origin)
        SELECT f.body, derive_penalty_events.year, f.block, f.kind, 1, f.note || '; parameter ' || f.parameter, 'derived'
        FROM facts AS f
        RETURNING e.penalty_id, e.body, e.block, e.kind, e.note)
    SELECT a.penalty_id, a.body, a.block, a.kind,
           CASE a.block WHEN 'goals' THEN 'goals.penalty.' ELSE 'hr.penalty.' END || a.kind, a.note
    FROM added AS a ORDER BY a.penalty_id;
    PERFORM pg_catalog.set_config('perf_eval.change_reason', coalesce(previous_reason, ''), true);
END
$$;
COMMENT ON FUNCTION perf_eval.derive_penalty_events(integer) IS
'Replaces the derived penalty facts of a year (penalty_event rows of origin derived; manual ones stay) by those the data shows now (perf_eval.reporting_penalty_facts): one fact per unreliable value and per untimely report, priced at the next run by the parameter named in the note (input history reason: derived penalties); returns them. Run it again after new verifications: it is idempotent';

-- Both values beside each other, per body, year and block (the explanation layer).
CREATE FUNCTION perf_eval.verified_inputs(body text, year integer, block text DEFAULT NULL)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'relation', v.relation::text, 'key', v.row_key, 'field', v.field,
               'reported', v.reported_value, 'verified', v.verified_value,
               'verified_by', v.verified_by, 'verified_at', v.verified_at, 'document', v.document)
           ORDER BY v.relation::text, v.row_key::text, v.field)
    FROM perf_eval.input_verification AS v
    LEFT JOIN perf_eval.reported_relation AS r ON r.relation = v.relation
    WHERE v.body = $1 AND v.year = $2 AND ($3 IS NULL OR r.block = $3 OR $3 = 'composite')
$$;
COMMENT ON FUNCTION perf_eval.verified_inputs(text, integer, text) IS
'The verified inputs of a body and year (of one block, or all when NULL or composite) as a jsonb array: relation, key, field, reported and verified value, who, when, document; NULL if none';

CREATE VIEW perf_eval.result_node_verified WITH (security_invoker = true) AS
SELECT r.year, r.methodology, r.body, r.node, r.block, r.result_kind, r.is_default, r.value,
       r.explanation || pg_catalog.jsonb_build_object('verified_inputs', perf_eval.verified_inputs(r.body, r.year, r.block))
           AS explanation
FROM perf_eval.result_node AS r
WHERE r.level = 'block'
  AND EXISTS (SELECT 1 FROM perf_eval.input_verification AS v WHERE v.body = r.body AND v.year = r.year);
COMMENT ON COLUMN perf_eval.result_node_verified.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_node_verified.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_node_verified.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_node_verified.node IS 'Code of the block node';
COMMENT ON COLUMN perf_eval.result_node_verified.block IS 'Code of the block';
COMMENT ON COLUMN perf_eval.result_node_verified.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_node_verified.is_default IS 'True for the result shown by default';
COMMENT ON COLUMN perf_eval.result_node_verified.value IS 'Block score in points, unrounded';
COMMENT ON COLUMN perf_eval.result_node_verified.explanation IS 'The explanation of the block with verified_inputs: each reported value beside its verified one (jsonb)';
COMMENT ON VIEW perf_eval.result_node_verified IS
'Block scores of the bodies with verified inputs, the explanation extended by verified_inputs: every reported value beside its verified one (perf_eval.verified_inputs), which the run used';

-- Readers read (row-level security as for the inputs); submitters only their
-- bodies' verifications and schedule; editors, assessors and admins record.
GRANT SELECT ON perf_eval.reported_relation, perf_eval.submission_schedule, perf_eval.input_verification,
      perf_eval.result_node_verified TO perf_eval_reader;
GRANT SELECT ON perf_eval.input_verification, perf_eval.submission_schedule, perf_eval.reported_relation
   TO perf_eval_submitter;
GRANT INSERT, UPDATE, DELETE ON perf_eval.input_verification, perf_eval.submission_schedule TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.input_verification_verification_id_seq TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.reported_relation TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.record_verification(regclass, jsonb, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.record_verification(regclass, jsonb, text, text, text, text) TO perf_eval_editor;
REVOKE EXECUTE ON FUNCTION perf_eval.derive_penalty_events(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.derive_penalty_events(integer) TO perf_eval_editor;

ALTER TABLE perf_eval.input_verification ENABLE ROW LEVEL SECURITY;
-- A verification carries the body's values: restricted as the block's inputs are.
CREATE POLICY staff_all ON perf_eval.input_verification TO perf_eval_editor
    USING (perf_eval.may_see_values(body, (SELECT r.block FROM perf_eval.reported_relation AS r WHERE r.relation = input_verification.relation), year))
    WITH CHECK (perf_eval.may_see_values(body, (SELECT r.block FROM perf_eval.reported_relation AS r WHERE r.relation = input_verification.relation), year));
CREATE POLICY readers_read ON perf_eval.input_verification FOR SELECT TO perf_eval_reader
    USING (perf_eval.may_see_values(body, (SELECT r.block FROM perf_eval.reported_relation AS r WHERE r.relation = input_verification.relation), year));
CREATE POLICY submitter_own_body ON perf_eval.input_verification FOR SELECT TO perf_eval_submitter
    USING (perf_eval.submits_for(body));

-- Every existing input relation keeps its verified values (a fresh install does it in 74_keep_input_history.sql).
DO $$
DECLARE
    input regclass;
BEGIN
    FOR input IN SELECT i.relation FROM perf_eval.input_relation AS i ORDER BY i.relation::text LOOP
        CALL perf_eval.keep_verified_values(input);
    END LOOP;
END
$$;

-- =========================================================================
-- Section: risk signals, the re-verification list and its findings
-- (docs/methodology.md §9.5)
--
-- The assessors choose which bodies' reports to re-verify by risk: each
-- signal below is computed from the data of a year, as a value in 0..1 (a
-- share, or 1 when a test fails), and weighted by a methodology parameter
-- risk.weight.<signal> (assumed: no source sets them). A body's risk score
-- is the sum of its signals' points; perf_eval.reverification_candidates
-- ranks the bodies by it, ties by body code, each with the signals that put
-- it there. After re-verification (73_verification.sql),
-- perf_eval.reverification_findings shows per body and year the values
-- changed, the penalty points and the effect on score and rank.
-- =========================================================================

-- The median of numbers (the mean of the two middle ones for an even count), in numeric.
CREATE FUNCTION perf_eval.numeric_median(numbers numeric[])
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM unnest(numbers) AS u(x) WHERE u.x IN ('NaN', 'Infinity', '-Infinity')) THEN
        RAISE EXCEPTION 'a median is taken of finite numbers only'
            USING ERRCODE = '22003', HINT = 'Pass finite numbers (no NaN or Infinity).';
    END IF;
    RETURN (SELECT avg(s.x) FROM (
                SELECT u.x, row_number() OVER (ORDER BY u.x) AS n, count(*) OVER () AS c
                FROM unnest(numbers) AS u(x) WHERE u.x IS NOT NULL) AS s
            WHERE s.n IN ((s.c + 1) / 2, (s.c + 2) / 2));
END
$$;
COMMENT ON FUNCTION perf_eval.numeric_median(numeric[]) IS
'Median of the non-NULL numbers (mean of the two middle ones for an even count), exact in numeric; NULL for none; 22003 for NaN or Infinity';

-- Modified z-score of x against a sample: scale x (x - median) / MAD;
-- NULL when the MAD is 0 (no spread to measure against) or the sample is empty.
CREATE FUNCTION perf_eval.robust_z(x numeric, sample numeric[], scale numeric)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    median numeric;
BEGIN
    IF x IN ('NaN', 'Infinity', '-Infinity') OR scale IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'a robust z-score is taken of finite numbers only'
            USING ERRCODE = '22003', HINT = 'Pass a finite value and scale (no NaN or Infinity).';
    END IF;
    median := perf_eval.numeric_median(sample);
    RETURN scale * (x - median)
           / nullif(perf_eval.numeric_median(ARRAY(SELECT abs(u.x - median) FROM unnest(sample) AS u(x))), 0);
END
$$;
COMMENT ON FUNCTION perf_eval.robust_z(numeric, numeric[], numeric) IS
'Robust (modified) z-score of x against a sample: scale x (x - median) / median absolute deviation, in numeric; NULL when the deviation is 0 or the sample empty; 22003 for NaN or Infinity (docs/methodology.md §9.5)';

-- Shares of a body's target indicators: overfulfilled (r >= goals.overfulfil_threshold),
-- plan lowered, not taken into account, without positive dynamics.
CREATE FUNCTION perf_eval.risk_indicator_shares(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.body, s.signal, s.facts::numeric / c.n,
           pg_catalog.jsonb_build_object('indicators', c.n, 'facts', s.facts)
    FROM (SELECT t.body, count(*) AS n,
                 count(*) FILTER (WHERE x.counted AND (x.ratio >= perf_eval.param_numeric($2, 'goals.overfulfil_threshold')
                                                       OR (t.direction = 'decrease' AND t.fact = 0))) AS overfulfilled,
                 count(*) FILTER (WHERE t.plan_original IS NOT NULL
                                    AND perf_eval.goal_plan_lowered(t.direction, t.plan, t.plan_original)) AS plans_lowered,
                 count(*) FILTER (WHERE NOT x.counted) AS not_counted,
                 count(*) FILTER (WHERE x.counted AND t.fact_previous IS NOT NULL
                                    AND perf_eval.goal_no_dynamics(t.direction, t.fact, t.fact_previous)) AS no_dynamics
          FROM perf_eval.target_indicator AS t
          CROSS JOIN LATERAL (SELECT perf_eval.goal_indicator_ratio(t.direction, t.plan, t.fact) AS ratio) AS r
          CROSS JOIN LATERAL (SELECT t.fact_published AND t.fact IS NOT NULL AND NOT (t.plan = 0 AND t.fact = 0)
                                     AND (r.ratio IS NOT NULL OR t.direction = 'decrease') AS counted,
                                     r.ratio) AS x
          WHERE t.year = $1
          GROUP BY t.body) AS c
    CROSS JOIN LATERAL (VALUES ('overfulfilled', c.overfulfilled), ('plans_lowered', c.plans_lowered),
                               ('not_counted', c.not_counted), ('no_dynamics', c.no_dynamics)) AS s(signal, facts)
$$;
COMMENT ON FUNCTION perf_eval.risk_indicator_shares(integer, text) IS
'Risk signals from a body''s target indicators of a year: the shares overfulfilled (r >= goals.overfulfil_threshold, before any exemption), plans lowered, not taken into account, and (of those counted with a previous fact) without positive dynamics (docs/methodology.md §3.1, §9.5)';

-- The block scores of every body in the latest run of each year up to y.
CREATE FUNCTION perf_eval.block_score_history(year integer, methodology text)
RETURNS TABLE (year integer, body text, kind text, block text, score numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT l.year, s.body, b.kind, s.node, s.value
    FROM (SELECT DISTINCT ON (r.year) r.year, coalesce(r.same_as_run, r.run_id) AS run_id
          FROM perf_eval.run AS r
          WHERE r.methodology = $2 AND r.year <= $1 AND r.status IN ('succeeded', 'unchanged')
          ORDER BY r.year, r.run_id DESC) AS l
    JOIN perf_eval.score AS s ON s.run_id = l.run_id AND s.value IS NOT NULL
    JOIN perf_eval.score_node AS n ON n.code = s.node AND n.level = 'block'
    JOIN perf_eval.body AS b ON b.code = s.body
$$;
COMMENT ON FUNCTION perf_eval.block_score_history(integer, text) IS
'The block scores (and the composite, where the version has one) of every body in the latest finished run of each year up to the given one, under a methodology';

-- Every count a body reported for a year (the whole-number value columns of the reported relations).
CREATE FUNCTION perf_eval.reported_counts(year integer)
RETURNS TABLE (body text, relation text, field text, value numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT i.relation, i.year_column, i.month_column,
                    ARRAY(SELECT a.attname::text FROM pg_catalog.pg_attribute AS a
                          WHERE a.attrelid = i.relation AND a.attnum > 0 AND NOT a.attisdropped
                            AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
                            AND a.attname <> ALL (perf_eval.key_columns(i.relation))
                            AND a.attname IS DISTINCT FROM i.year_column) AS counts
             FROM perf_eval.reported_relation AS rr JOIN perf_eval.input_relation AS i ON i.relation = rr.relation
             ORDER BY i.relation::text LOOP
        RETURN QUERY EXECUTE pg_catalog.format(
            'SELECT t.body, %L::text, e.key, e.value::text::numeric
             FROM %s AS t CROSS JOIN LATERAL pg_catalog.jsonb_each(pg_catalog.to_jsonb(t)) AS e
             WHERE %s AND e.key = ANY ($2) AND pg_catalog.jsonb_typeof(e.value) = ''number''',
            r.relation::text, r.relation, perf_eval.rows_of_year_condition(r.year_column, r.month_column))
        USING year, r.counts;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.reported_counts(integer) IS
'Every count the bodies reported for a year: the whole-number value columns (not key columns) of the rows of the year of the reported relations (perf_eval.reported_relation)';

CREATE FUNCTION perf_eval.risk_last_findings(year integer)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT v.body, 'last_findings', 1::numeric,
           pg_catalog.jsonb_build_object('year', $1 - 1, 'values_changed', count(*))
    FROM perf_eval.input_verification AS v
    WHERE v.year = $1 - 1 AND v.reported_value IS DISTINCT FROM v.verified_value
    GROUP BY v.body
$$;
COMMENT ON FUNCTION perf_eval.risk_last_findings(integer) IS
'Risk signal last_findings: 1 for a body whose reported values of the previous year re-verification found different (docs/methodology.md §9.5)';

-- The score and rank (among the bodies of its kind) of a body's block in a run.
CREATE FUNCTION perf_eval.block_standing(run_id bigint, body text, block text)
RETURNS TABLE (score numeric, rank bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT x.value, x.rank FROM (
        SELECT s.body, s.value, rank() OVER (ORDER BY s.value DESC) AS rank
        FROM perf_eval.score AS s JOIN perf_eval.body AS b ON b.code = s.body
        WHERE s.run_id = $1 AND s.node = $3 AND s.value IS NOT NULL
          AND b.kind = (SELECT o.kind FROM perf_eval.body AS o WHERE o.code = $2)) AS x
    WHERE x.body = $2
$$;
COMMENT ON FUNCTION perf_eval.block_standing(bigint, text, text) IS
'The score of a body''s block in a run and its rank among the bodies of its kind with a score of that block in the run (1 = best, ties share a rank)';

CREATE VIEW perf_eval.reverification_findings WITH (security_invoker = true) AS
WITH found AS (
    SELECT v.body, v.year, r.block, min(v.verified_at) AS first_verified, max(v.verified_at) AS last_verified,
           count(*) FILTER (WHERE v.reported_value IS DISTINCT FROM v.verified_value) AS values_changed,
           pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('relation', v.relation::text, 'key', v.row_key, 'field', v.field,
                                                              'reported', v.reported_value, 'verified', v.verified_value,
                                                              'document', v.document)
                                ORDER BY v.relation::text, v.row_key::text, v.field) AS changes
    FROM perf_eval.input_verification AS v
    JOIN perf_eval.reported_relation AS r ON r.relation = v.relation
    GROUP BY v.body, v.year, r.block)
SELECT f.body, f.year, f.block, m.methodology, f.values_changed, f.changes,
       p.facts AS penalty_facts, p.points AS penalty_points,
       bf.run AS run_before, sb.score AS score_before, sb.rank AS rank_before,
       af.run AS run_after, sa.score AS score_after, sa.rank AS rank_after,
       sa.score - sb.score AS score_change, sa.rank - sb.rank AS rank_change
FROM found AS f
JOIN (SELECT DISTINCT r.year, r.methodology FROM perf_eval.run AS r WHERE r.status IN ('succeeded', 'unchanged')) AS m
  ON m.year = f.year
CROSS JOIN LATERAL (
    SELECT coalesce(sum(e.count), 0) AS facts,
           coalesce(sum(e.count * perf_eval.param_numeric(m.methodology, r.penalty_prefix || e.kind)), 0) AS points
    FROM perf_eval.penalty_event AS e
    JOIN (SELECT DISTINCT rr.block, rr.penalty_prefix FROM perf_eval.reported_relation AS rr
          WHERE rr.penalty_prefix IS NOT NULL) AS r ON r.block = e.block
    WHERE e.body = f.body AND e.year = f.year AND e.block = f.block AND e.origin = 'derived'
      AND perf_eval.param_exists(m.methodology, r.penalty_prefix || e.kind)) AS p
LEFT JOIN LATERAL (SELECT coalesce(r.same_as_run, r.run_id) AS run FROM perf_eval.run AS r
                   WHERE r.year = f.year AND r.methodology = m.methodology AND r.status IN ('succeeded', 'unchanged')
                     AND r.finished_at < f.first_verified
                   ORDER BY r.run_id DESC LIMIT 1) AS bf ON true
LEFT JOIN LATERAL (SELECT coalesce(r.same_as_run, r.run_id) AS run FROM perf_eval.run AS r
                   WHERE r.year = f.year AND r.methodology = m.methodology AND r.status IN ('succeeded', 'unchanged')
                     AND r.started_at > f.last_verified
                   ORDER BY r.run_id DESC LIMIT 1) AS af ON true
LEFT JOIN LATERAL perf_eval.block_standing(bf.run, f.body, f.block) AS sb ON true
LEFT JOIN LATERAL perf_eval.block_standing(af.run, f.body, f.block) AS sa ON true;
COMMENT ON COLUMN perf_eval.reverification_findings.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.reverification_findings.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.reverification_findings.block IS 'Block whose inputs were verified (perf_eval.reported_relation.block)';
COMMENT ON COLUMN perf_eval.reverification_findings.methodology IS 'Methodology version of the runs compared';
COMMENT ON COLUMN perf_eval.reverification_findings.values_changed IS 'Number of verified values different from the reported ones (count)';
COMMENT ON COLUMN perf_eval.reverification_findings.changes IS 'Every verified value: relation, key, field, reported, verified, document (jsonb array)';
COMMENT ON COLUMN perf_eval.reverification_findings.penalty_facts IS 'Derived penalty facts of the body, year and block (count)';
COMMENT ON COLUMN perf_eval.reverification_findings.penalty_points IS 'Their points under the methodology (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.run_before IS 'Last run finished before the first verification';
COMMENT ON COLUMN perf_eval.reverification_findings.score_before IS 'Block score in that run (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.rank_before IS 'Rank among the bodies of its kind in that run';
COMMENT ON COLUMN perf_eval.reverification_findings.run_after IS 'Last run started after the last verification';
COMMENT ON COLUMN perf_eval.reverification_findings.score_after IS 'Block score in that run (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.rank_after IS 'Rank among the bodies of its kind in that run';
COMMENT ON COLUMN perf_eval.reverification_findings.score_change IS 'score_after - score_before (points)';
COMMENT ON COLUMN perf_eval.reverification_findings.rank_change IS 'rank_after - rank_before (positive: lower in the ranking)';
COMMENT ON VIEW perf_eval.reverification_findings IS
'What re-verification found per body, year, block and methodology (with runs): the values changed (reported and verified, with the document), the derived penalty facts of the block and their points under the methodology, and the block score and rank in the last run finished before the first verification and in the last run started after the last one, with their changes (docs/methodology.md §9.5)';

GRANT SELECT ON perf_eval.reverification_findings TO perf_eval_reader;
REVOKE EXECUTE ON FUNCTION perf_eval.reported_counts(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.reported_counts(integer) TO perf_eval_editor;

-- Issue 18, reports: the maximum shown beside a node (node_maximum_shown) in the body card
-- The maximum a report shows beside a node's points: a sum direction whose
-- max_key is the generic node.max (e.g. the budget component B, out of 30 for
-- a CSB, not 100) is out of the sum of its added children's maxima; a
-- penalty (sign -1 with the generic maximum) has no maximum to reach (NULL),
-- a capped deduction shows its cap; the engine's clamp keeps node_maximum.
CREATE FUNCTION perf_eval.node_maximum_shown(node text, methodology text, kind text DEFAULT NULL)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- A child belongs to the other kind when its parameter key names it
    -- (goals.leb.pts_violations, it.leb_division_bonus, goals.csb.pts_goal_bp_link).
    WITH children AS (
        SELECT perf_eval.node_maximum(c.code, $2, $3) AS maximum
        FROM perf_eval.score_node AS c
        WHERE c.parent = $1 AND c.role = 'term' AND c.sign = 1
          AND ($3 IS NULL OR c.max_key !~ ('(^|[._])' || CASE lower($3) WHEN 'csb' THEN 'leb' ELSE 'csb' END || '[._]'))
    )
    SELECT CASE WHEN n.sign = -1 AND n.max_key = 'node.max' THEN NULL
                WHEN n.level <> 'block' AND n.combine = 'sum' AND n.max_key = 'node.max'
                     AND EXISTS (SELECT 1 FROM children AS c WHERE c.maximum IS NOT NULL)
                THEN least((SELECT sum(c.maximum) FROM children AS c), perf_eval.node_maximum(n.code, $2, $3))
                ELSE perf_eval.node_maximum(n.code, $2, $3) END
    FROM perf_eval.score_node AS n
    WHERE n.code = $1
$$;
COMMENT ON FUNCTION perf_eval.node_maximum_shown(text, text, text) IS
'The maximum shown beside a node''s points: for a sum direction with the generic maximum the sum of its added children''s maxima, NULL for a penalty without a cap of its own, else node_maximum (docs/report.md §4)';

-- Issue 18, reports: labels in kk, ru, en (80_labels.sql)
-- =========================================================================
-- Section: labels in Kazakh, Russian and English (docs/report.md §2)
-- What a report prints in words: body names, block/direction/criterion
-- titles, zone labels, kinds of body, the report's headings and sentence
-- templates. English and Russian names of bodies, English node titles and
-- the zone labels already live in their own tables (perf_eval.body,
-- perf_eval.score_node, perf_eval.block, perf_eval.efficiency_zone_label)
-- and are read from there; perf_eval.label holds the rest. A label unknown
-- in the language asked for is taken from the next language of the
-- fallback order (setting perf_eval_report.language_fallback, default kk,ru,en);
-- perf_eval.missing_labels lists the gaps.
-- =========================================================================

CREATE TABLE perf_eval.label (
    kind   text NOT NULL CHECK (kind IN ('body', 'block', 'node', 'zone', 'body_kind', 'heading', 'sentence', 'movement', 'dynamics')),
    key    text NOT NULL CHECK (key <> ''),
    lang   text NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    text   text NOT NULL CHECK (text <> ''),
    source text NOT NULL CHECK (source <> ''),
    PRIMARY KEY (kind, key, lang)
);
COMMENT ON COLUMN perf_eval.label.kind IS 'What is labelled: body | block | node | zone | body_kind | heading | sentence | movement | dynamics';
COMMENT ON COLUMN perf_eval.label.key IS 'Code of what is labelled (body code, block or node code, zone, CSB/LEB, heading key)';
COMMENT ON COLUMN perf_eval.label.lang IS 'Language: kk (Kazakh) | ru (Russian) | en (English)';
COMMENT ON COLUMN perf_eval.label.text IS 'The text shown; a sentence template has %s placeholders filled in order';
COMMENT ON COLUMN perf_eval.label.source IS 'Where the text comes from (the public document and its section, or perf_eval''s own wording)';
COMMENT ON TABLE perf_eval.label IS
'Labels of the reports in Kazakh, Russian and English beside those kept with their objects (body names, English node titles, zone labels); perf_eval.label_text is the union, perf_eval.label() resolves one with fallback (docs/report.md §2)';

-- Kazakh names of bodies and titles: the Kazakh edition of the APA 2020 report
-- (seed 003): its list of abbreviations (seed 003 lines 172-214), chapter
-- texts and Table 2.5 (seed 003 line 1576: ОМО / ЖАО as the kinds of body).
-- Only what the document contains: bodies it does not name stay missing.
INSERT INTO perf_eval.label (kind, key, lang, text, source) VALUES
('body', 'ACSA',   'kk', 'Қазақстан Республикасының Мемлекеттік қызмет істері агенттігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MIA',    'kk', 'Ішкі істер министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MH',     'kk', 'Денсаулық сақтау министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MFA',    'kk', 'Сыртқы істер министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MIID',   'kk', 'Индустрия және инфрақұрылымды дамыту министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MISD',   'kk', 'Ақпарат және қоғамдық даму министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MCS',    'kk', 'Мәдениет және спорт министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MNE',    'kk', 'Ұлттық экономика министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MD',     'kk', 'Қорғаныс министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MES',    'kk', 'Білім және ғылым министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MA',     'kk', 'Ауыл шаруашылығы министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MTI',    'kk', 'Сауда және интеграция министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MLSPP',  'kk', 'Еңбек және халықты әлеуметтік қорғау министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MF',     'kk', 'Қаржы министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MDDIAI', 'kk', 'Цифрлық даму, инновация және аэроғарыш өнеркәсібі министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'ME',     'kk', 'Энергетика министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MEGNR',  'kk', 'Экология, геология және табиғи ресурстар министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MJ',     'kk', 'Әділет министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'EKO',    'kk', 'Шығыс Қазақстан облысы', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'WKO',    'kk', 'Батыс Қазақстан облысы', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'NKO',    'kk', 'Солтүстік Қазақстан облысы', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body_kind', 'CSB', 'kk', 'ОМО', 'APA 2020 report (Kazakh edition), Table 2.5'),
('body_kind', 'LEB', 'kk', 'ЖАО', 'APA 2020 report (Kazakh edition), Table 2.5'),
('body_kind', 'CSB', 'en', 'Central state bodies', 'perf_eval'),
('body_kind', 'LEB', 'en', 'Local executive bodies', 'perf_eval'),
('body_kind', 'CSB', 'ru', 'Центральные государственные органы', 'perf_eval'),
('body_kind', 'LEB', 'ru', 'Местные исполнительные органы', 'perf_eval'),
-- seed 003 lines 242, 128, 136 (introduction): the three blocks
('block', 'goals',       'kk', 'Мақсаттарға қол жеткізу', 'APA 2020 report (Kazakh edition), Introduction'),
('block', 'interaction', 'kk', 'Мемлекеттік органның жеке және заңды тұлғалармен өзара байланысы', 'APA 2020 report (Kazakh edition), Introduction'),
('block', 'orgdev',      'kk', 'Ұйымдық даму', 'APA 2020 report (Kazakh edition), Introduction'),
('node', 'goals',        'kk', 'Мақсаттарға қол жеткізу', 'APA 2020 report (Kazakh edition), Introduction'),
('node', 'interaction',  'kk', 'Мемлекеттік органның жеке және заңды тұлғалармен өзара байланысы', 'APA 2020 report (Kazakh edition), Introduction'),
('node', 'orgdev',       'kk', 'Ұйымдық даму', 'APA 2020 report (Kazakh edition), Introduction'),
-- seed 003 lines 1102, 1214, 1298, 1149, 1319 (chapter 2)
('node', 'interaction.openness',   'kk', 'Мемлекеттік органның ашықтығы', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.services',   'kk', 'Мемлекеттік қызметтер көрсету сапасы', 'APA 2020 report (Kazakh edition), §2.2, Table 2.2'),
('node', 'interaction.complaints', 'kk', 'Шағымдар мен өтініштерді қарау сапасы', 'APA 2020 report (Kazakh edition), §2.2, Table 2.3'),
('node', 'interaction.openness.open_data',     'kk', 'Ашық деректер', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.openness.open_dialogue', 'kk', 'Ашық диалог', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.openness.open_nla',      'kk', 'Ашық НҚА', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.services.automation',    'kk', 'Мемлекеттік қызметтерді автоматтандыру', 'APA 2020 report (Kazakh edition), §2.2'),
-- seed 003 lines 2331, 2332, 2383, 2385, 2397 (chapter 3)
('node', 'orgdev.hr',             'kk', 'Персоналды басқару', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.it',             'kk', 'Ақпараттық технологияларды қолдану', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.hr.labour',      'kk', 'Еңбекті ұйымдастыру', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.hr.meritocracy', 'kk', 'Меритократия және ұйымдық мәдениет', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.hr.potential',   'kk', 'Мемлекеттік органның кадрлық әлеуеті', 'APA 2020 report (Kazakh edition), §3.1'),
-- seed 003 line 1772 (low), line 2655 (medium, there in the accusative; the nominative here)
('zone', 'low',    'kk', 'тиімділіктің төмен дәрежесі', 'APA 2020 report (Kazakh edition), §2.4'),
('zone', 'medium', 'kk', 'тиімділіктің орташа дәрежесі', 'APA 2020 report (Kazakh edition), §3.2'),
-- seed 003 line 1578, Table 2.5 rows 01 and 02
('heading', 'registry.deliveries', 'kk', 'Көрсетілген мемлекеттік қызметтердің жалпы саны', 'APA 2020 report (Kazakh edition), Table 2.5'),
('heading', 'registry.deadline_violations', 'kk', 'Мемлекеттік қызметтерді көрсету мерзімдерін бұзудың жалпы саны', 'APA 2020 report (Kazakh edition), Table 2.5');

-- The report's own words (perf_eval's wording; Kazakh only where the words
-- are the document's: the rest falls back and is listed in missing_labels).
INSERT INTO perf_eval.label (kind, key, lang, text, source)
SELECT 'heading', h.key, l.lang, l.text, 'perf_eval'
FROM (VALUES
    ('report.title',        'Assessment of the effectiveness of state bodies, %s', 'Оценка эффективности деятельности государственных органов, %s', NULL),
    ('report.contents',     'Contents', 'Содержание', 'Мазмұны'),
    ('report.rankings',     'Rankings by block and kind of body', 'Рейтинги по блокам и видам органов', NULL),
    ('report.zones',        'Efficiency zones', 'Зоны эффективности', NULL),
    ('report.bodies',       'State bodies', 'Государственные органы', NULL),
    ('report.below_block',  'Directions and criteria of every body', 'Направления и критерии каждого органа', NULL),
    ('report.years',        'Years side by side', 'Годы рядом', NULL),
    ('report.registries',   'National totals from the registries', 'Итоги по стране из реестров', NULL),
    ('report.restricted',   'restricted', 'ограниченный доступ', NULL),
    ('report.not_applicable', 'not applicable', 'не применяется', NULL),
    ('report.none',         'none', 'нет', NULL),
    ('report.no_registry',  'The registries hold no monthly tallies for this year.', 'В реестрах нет месячных итогов за этот год.', NULL),
    ('report.synthetic',    'Synthetic data', 'Синтетические данные', NULL),
    ('col.rank',            'Rank', 'Место', NULL),
    ('col.body',            'State body', 'Государственный орган', NULL),
    ('col.score',           'Points', 'Баллы', 'Балл'),
    ('col.zone',            'Zone', 'Зона', NULL),
    ('col.previous_rank',   'Rank last year', 'Место в прошлом году', NULL),
    ('col.previous_score',  'Points last year', 'Баллы в прошлом году', NULL),
    ('col.movement',        'Movement', 'Движение', NULL),
    ('col.group_mean',      'Group mean', 'Среднее по группе', NULL),
    ('col.maximum',         'Maximum', 'Максимум', NULL),
    ('col.node',            'Direction / criterion', 'Направление / критерий', NULL),
    ('col.kind',            'Kind of body', 'Вид органа', NULL),
    ('col.block',           'Block', 'Блок', NULL),
    ('col.n',               'Bodies ranked', 'Органов в рейтинге', NULL),
    ('col.dynamics',        'Dynamics', 'Динамика', NULL),
    ('col.month',           'Month', 'Месяц', NULL),
    ('col.year',            'Year', 'Год', NULL),
    ('body.blocks',         'Blocks', 'Блоки', NULL),
    ('body.breakdown',      'Directions and criteria', 'Направления и критерии', NULL),
    ('body.weakest',        'Weakest indicators', 'Самые слабые показатели', NULL),
    ('body.assumptions',    'Assumptions the score relies on', 'Допущения, на которых основана оценка', NULL),
    ('body.objections',     'Objections and their outcome', 'Возражения и их исход', NULL),
    ('registry.complaints_considered', 'Complaints considered', 'Рассмотрено жалоб', NULL),
    ('registry.complaints_late', 'Complaints answered late', 'Жалоб рассмотрено с нарушением срока', NULL),
    ('registry.deliveries', 'Public services delivered', 'Оказано государственных услуг', NULL),
    ('registry.deadline_violations', 'Violations of service deadlines', 'Нарушений сроков оказания услуг', NULL)
) AS h(key, en, ru, kk)
CROSS JOIN LATERAL (VALUES ('en', h.en), ('ru', h.ru), ('kk', h.kk)) AS l(lang, text)
WHERE l.text IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM perf_eval.label AS x WHERE x.kind = 'heading' AND x.key = h.key AND x.lang = l.lang);

INSERT INTO perf_eval.label (kind, key, lang, text, source) VALUES
('sentence', 'block', 'en', '%s: %s — %s points, %s, %s', 'perf_eval'),
('sentence', 'block', 'ru', '%s: %s — %s баллов, %s, %s', 'perf_eval'),
('sentence', 'ranked', 'en', 'rank %s of %s', 'perf_eval'),
('sentence', 'ranked', 'ru', 'место %s из %s', 'perf_eval'),
('sentence', 'not_ranked', 'en', 'not ranked', 'perf_eval'),
('sentence', 'not_ranked', 'ru', 'вне рейтинга', 'perf_eval'),
('movement', 'up', 'en', 'up', 'perf_eval'),
('movement', 'up', 'ru', 'вверх', 'perf_eval'),
('movement', 'down', 'en', 'down', 'perf_eval'),
('movement', 'down', 'ru', 'вниз', 'perf_eval'),
('movement', 'same', 'en', 'unchanged', 'perf_eval'),
('movement', 'same', 'ru', 'без изменений', 'perf_eval'),
('movement', 'new', 'en', 'new', 'perf_eval'),
('movement', 'new', 'ru', 'впервые', 'perf_eval'),
('dynamics', 'improved', 'en', 'improved', 'perf_eval'),
('dynamics', 'improved', 'ru', 'улучшение', 'perf_eval'),
('dynamics', 'worsened', 'en', 'worsened', 'perf_eval'),
('dynamics', 'worsened', 'ru', 'ухудшение', 'perf_eval'),
('dynamics', 'unchanged', 'en', 'unchanged', 'perf_eval'),
('dynamics', 'unchanged', 'ru', 'без изменений', 'perf_eval');

GRANT SELECT ON perf_eval.label TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.label TO perf_eval_editor;

-- Every label, wherever it is kept.
CREATE VIEW perf_eval.label_text AS
SELECT l.kind, l.key, l.lang, l.text, l.source FROM perf_eval.label AS l
UNION ALL
SELECT 'body', b.code, n.lang, n.text, 'perf_eval.body'
FROM perf_eval.body AS b CROSS JOIN LATERAL (VALUES ('en', b.name_en), ('ru', b.name_ru)) AS n(lang, text)
WHERE n.text IS NOT NULL
UNION ALL
SELECT 'block', k.code, 'en', k.title_en, 'perf_eval.block' FROM perf_eval.block AS k
UNION ALL
SELECT 'node', n.code, 'en', n.title_en, 'perf_eval.score_node' FROM perf_eval.score_node AS n
UNION ALL
SELECT 'zone', z.zone, n.lang, n.text, 'perf_eval.efficiency_zone_label'
FROM perf_eval.efficiency_zone_label AS z CROSS JOIN LATERAL (VALUES ('en', z.label_en), ('ru', z.label_ru)) AS n(lang, text);
COMMENT ON COLUMN perf_eval.label_text.kind IS 'What is labelled: body | block | node | zone | body_kind | heading | sentence | movement | dynamics';
COMMENT ON COLUMN perf_eval.label_text.key IS 'Code of what is labelled';
COMMENT ON COLUMN perf_eval.label_text.lang IS 'Language: kk | ru | en';
COMMENT ON COLUMN perf_eval.label_text.text IS 'The text shown';
COMMENT ON COLUMN perf_eval.label_text.source IS 'Where the text comes from: the public document and section, perf_eval (its own wording) or the table it is kept in';
COMMENT ON VIEW perf_eval.label_text IS
'Every label in every language: perf_eval.label and the names kept with their objects (body names in English and Russian, English titles of blocks and nodes, zone labels); perf_eval.label() resolves one';
GRANT SELECT ON perf_eval.label_text TO perf_eval_reader;

-- The fallback order: the setting perf_eval_report.language_fallback, else
-- kk,ru,en. The library reserves the prefix perf_eval. for the settings it
-- defines in C; this one is read by SQL alone (docs/settings.md).
CREATE FUNCTION perf_eval.language_fallback()
RETURNS text[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    setting constant text := coalesce(nullif(pg_catalog.current_setting('perf_eval_report.language_fallback', true), ''), 'kk,ru,en');
    languages constant text[] := pg_catalog.string_to_array(pg_catalog.replace(setting, ' ', ''), ',');
BEGIN
    IF cardinality(languages) = 0 OR NOT languages <@ ARRAY['kk', 'ru', 'en'] THEN
        RAISE EXCEPTION 'invalid language fallback "%"', setting
            USING ERRCODE = '22023', DETAIL = 'The setting perf_eval_report.language_fallback lists languages among kk, ru and en, separated by commas.',
                  HINT = 'SET perf_eval_report.language_fallback = ''kk,ru,en'' (or another order of these), or RESET it.';
    END IF;
    RETURN languages;
END
$$;
COMMENT ON FUNCTION perf_eval.language_fallback() IS
'The order in which languages are tried when a label is missing: the setting perf_eval_report.language_fallback (comma-separated kk, ru, en), default kk,ru,en; 22023 for another code (docs/settings.md)';

-- A language code the reports know; 22023 otherwise.
CREATE FUNCTION perf_eval.report_language(lang text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    chosen constant text := coalesce(lang, (perf_eval.language_fallback())[1], 'kk');
BEGIN
    IF chosen NOT IN ('kk', 'ru', 'en') THEN
        RAISE EXCEPTION 'unknown report language "%"', chosen
            USING ERRCODE = '22023', DETAIL = 'The reports are written in kk (Kazakh), ru (Russian) and en (English).',
                  HINT = 'Pass kk, ru or en, or NULL for the first language of perf_eval_report.language_fallback.';
    END IF;
    RETURN chosen;
END
$$;
COMMENT ON FUNCTION perf_eval.report_language(text) IS
'The language a report is written in: lang, or when NULL the first of perf_eval.language_fallback(); 22023 for a language other than kk, ru, en';

-- The label in the language asked for, else in the next language of the
-- fallback order that has it, else the key itself.
CREATE FUNCTION perf_eval.label(kind text, key text, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT t.text
                     FROM perf_eval.label_text AS t
                     JOIN LATERAL pg_catalog.unnest(ARRAY[perf_eval.report_language($3)] || perf_eval.language_fallback())
                          WITH ORDINALITY AS f(lang, pos) ON f.lang = t.lang
                     WHERE t.kind = $1 AND t.key = $2
                     ORDER BY f.pos LIMIT 1), $2)
$$;
COMMENT ON FUNCTION perf_eval.label(text, text, text) IS
'The text of a label in a language (kk, ru, en), falling back along perf_eval.language_fallback() when missing, else the key itself (docs/report.md §2)';

CREATE VIEW perf_eval.missing_labels AS
WITH known AS (SELECT DISTINCT t.kind, t.key FROM perf_eval.label_text AS t)
SELECT k.kind, k.key, l.lang,
       perf_eval.label(k.kind, k.key, l.lang) AS shown
FROM known AS k
CROSS JOIN (VALUES ('kk'), ('ru'), ('en')) AS l(lang)
WHERE NOT EXISTS (SELECT 1 FROM perf_eval.label_text AS t WHERE t.kind = k.kind AND t.key = k.key AND t.lang = l.lang);
COMMENT ON COLUMN perf_eval.missing_labels.kind IS 'What is labelled: body | block | node | zone | body_kind | heading | sentence | movement | dynamics';
COMMENT ON COLUMN perf_eval.missing_labels.key IS 'Code of what is labelled';
COMMENT ON COLUMN perf_eval.missing_labels.lang IS 'Language the label is missing in: kk | ru | en';
COMMENT ON COLUMN perf_eval.missing_labels.shown IS 'What a report in that language shows instead (the fallback)';
COMMENT ON VIEW perf_eval.missing_labels IS
'Labels known in some language but missing in another, with the text shown instead by the fallback order (perf_eval_report.language_fallback)';
GRANT SELECT ON perf_eval.missing_labels TO perf_eval_reader;

-- Issue 18, reports: the annual report as HTML (81_report_html.sql)
-- =========================================================================
-- Section: the annual report as one HTML page (docs/report.md)
-- report_html(year, lang) writes a self-contained document: inline CSS and
-- SVG charts drawn here, no script, no external asset, printable. Every table
-- of the report is first a set-returning function (report_*_rows) read from
-- the public views as the caller (so a reader sees restricted scores as
-- restricted); the HTML is only their rendering, and the same rows are what
-- CSV users copy (README "Reports"). Numbers are the views' shown values.
-- =========================================================================

-- Text made safe for HTML (element content and quoted attributes).
CREATE FUNCTION perf_eval.html_escape(value text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
               $1, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
COMMENT ON FUNCTION perf_eval.html_escape(text) IS
'The text with & < > " and '' replaced by HTML entities, for element content and quoted attributes';

-- A shown number as the report prints it: a true minus sign, NULL as a dash.
CREATE FUNCTION perf_eval.report_number(value numeric)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF value IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'a report prints finite numbers only'
            USING ERRCODE = '22023', DETAIL = format('The value is %s.', value),
                  HINT = 'Scores and counts are finite numerics (docs/methodology.md §0.1); pass one, or NULL for a dash.';
    END IF;
    RETURN CASE WHEN value IS NULL THEN '—' WHEN value < 0 THEN '−' || (-value)::text ELSE value::text END;
END
$$;
COMMENT ON FUNCTION perf_eval.report_number(numeric) IS
'A number as the report prints it: its text, with U+2212 for a minus sign and an em dash for NULL; NaN or infinity 22023';

-- The methodology the report reads (the setting perf_eval.methodology, else the default).
CREATE FUNCTION perf_eval.report_methodology()
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.resolve_methodology(NULL) $$;
COMMENT ON FUNCTION perf_eval.report_methodology() IS
'The methodology version the report is read under: perf_eval.resolve_methodology(NULL)';

-- The rankings: one row per body, block and kind of the year.
CREATE FUNCTION perf_eval.report_ranking_rows(year integer, lang text)
RETURNS TABLE (block text, block_title text, kind text, kind_title text, rank bigint, body text, body_name text,
               score_shown numeric, zone text, zone_label text, previous_rank bigint, previous_shown numeric,
               movement text, group_mean_shown numeric, previous_group_mean_shown numeric, advisory boolean,
               restricted boolean, assessment text, score numeric, previous_score numeric, group_mean numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    SELECT r.block, perf_eval.label('block', r.block, language), r.kind, perf_eval.label('body_kind', r.kind, language),
           r.rank, r.body, perf_eval.label('body', r.body, language),
           r.score_shown, x.zone, CASE WHEN x.zone IS NOT NULL THEN perf_eval.label('zone', x.zone, language) END,
           r.previous_rank, r.previous_shown, r.movement, r.group_mean_shown, r.previous_group_mean_shown, r.advisory,
           r.publication_restricted AND r.score IS NULL AND r.assessment = 'assessed', r.assessment,
           r.score, r.previous_score, r.group_mean
    FROM perf_eval.ranking AS r
    JOIN perf_eval.block AS b ON b.code = r.block
    -- The zone of a score the caller may not see would tell the score's range.
    CROSS JOIN LATERAL (SELECT CASE WHEN r.score IS NOT NULL THEN r.zone END AS zone) AS x
    WHERE r.year = report_ranking_rows.year AND r.methodology = version
    ORDER BY b.block_order, r.kind, r.rank NULLS LAST, r.body;
END
$$;
COMMENT ON FUNCTION perf_eval.report_ranking_rows(integer, text) IS
'The report''s ranking tables: perf_eval.ranking of the year under the current methodology with names, titles and zone labels in the language (kk, ru, en); restricted = a score the caller may not see';

-- Zone counts per block and kind.
CREATE FUNCTION perf_eval.report_zone_rows(year integer, lang text)
RETURNS TABLE (block text, block_title text, kind text, kind_title text, n bigint, high bigint, medium bigint, low bigint,
               ineffective bigint, share_high numeric, share_medium numeric, share_low numeric, share_ineffective numeric,
               mean_shown numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    SELECT z.node, perf_eval.label('block', z.node, language), z.kind, perf_eval.label('body_kind', z.kind, language),
           z.n::bigint, z.high::bigint, z.medium::bigint, z.low::bigint, z.ineffective::bigint,
           z.share_high, z.share_medium, z.share_low, z.share_ineffective, z.mean_shown
    FROM perf_eval.zone_counts AS z
    JOIN perf_eval.block AS b ON b.code = z.node
    WHERE z.year = report_zone_rows.year AND z.methodology = version AND z.level = 'block'
    ORDER BY b.block_order, z.kind;
END
$$;
COMMENT ON FUNCTION perf_eval.report_zone_rows(integer, text) IS
'The report''s zone table: perf_eval.zone_counts of the blocks of the year with titles in the language';

-- Every node of every body's card: points with their sign, the maximum shown.
CREATE OR REPLACE FUNCTION perf_eval.report_body_rows(year integer, lang text)
RETURNS TABLE (body text, body_name text, kind text, node text, level text, parent text, node_order integer,
               node_title text, points_shown numeric, maximum numeric, not_applicable boolean, restricted boolean,
               status text, reason text, zone text, zone_label text, rank bigint, n_ranked bigint,
               previous_rank bigint, movement text, assumed_parameters jsonb, rank_min bigint, rank_max bigint)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    SELECT c.body, perf_eval.label('body', c.body, language), c.kind, c.node, c.level, n.parent, n.node_order,
           perf_eval.label('node', c.node, language),
           n.sign * c.score_shown, c.maximum, c.maximum = 0,
           c.publication_restricted AND c.score IS NULL AND c.status = 'ok',
           c.status, c.reason, CASE WHEN c.score IS NOT NULL THEN c.zone END,
           CASE WHEN c.zone IS NOT NULL AND c.score IS NOT NULL THEN perf_eval.label('zone', c.zone, language) END,
           c.rank::bigint, c.n_ranked::bigint, c.previous_rank::bigint, c.movement, c.assumed_parameters,
           c.rank_min, c.rank_max
    FROM perf_eval.body_card AS c
    JOIN perf_eval.score_node AS n ON n.code = c.node
    WHERE c.year = report_body_rows.year AND c.methodology = version
    ORDER BY c.body, c.node;
END
$$;
COMMENT ON FUNCTION perf_eval.report_body_rows(integer, text) IS
'The report''s body pages: every node of perf_eval.body_card of the year, points with the node''s sign (penalties negative), the maximum shown (not_applicable when it is 0), titles in the language, and for a block with a sensitivity its rank range (rank_min, rank_max)';

-- Directions and criteria of every body ranked within their kind, with the group mean.
CREATE OR REPLACE FUNCTION perf_eval.report_below_block_rows(year integer, lang text)
RETURNS TABLE (node text, node_title text, level text, kind text, kind_title text, rank bigint, body text,
               body_name text, points_shown numeric, maximum numeric, group_mean_shown numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    -- Filtered after reading the year's cards: a filter on score or scope
    -- pushed into body_card makes the planner's choice minutes long.
    WITH card AS MATERIALIZED (
        SELECT c.node, c.level, c.kind, c.body, c.score, c.score_shown, c.maximum, c.methodology, c.scope, c.superseded
        FROM perf_eval.body_card AS c
        WHERE c.year = report_below_block_rows.year AND c.methodology = version
    ),
    cells AS (
        SELECT c.node, c.level, c.kind, c.body, n.sign * c.score AS points, n.sign * c.score_shown AS shown, c.maximum,
               c.methodology
        FROM card AS c
        JOIN perf_eval.score_node AS n ON n.code = c.node
        WHERE c.level IN ('direction', 'criterion') AND c.score IS NOT NULL AND c.scope = 'assessed_ranked'
          AND NOT c.superseded
    ),
    means AS (
        SELECT z.node, z.kind, z.mean_shown FROM perf_eval.zone_counts AS z
        WHERE z.year = report_below_block_rows.year AND z.methodology = version AND z.level = 'direction'
    )
    SELECT x.node, perf_eval.label('node', x.node, language), x.level, x.kind, perf_eval.label('body_kind', x.kind, language),
           rank() OVER (PARTITION BY x.node, x.kind ORDER BY x.points DESC), x.body, perf_eval.label('body', x.body, language),
           x.shown, x.maximum,
           coalesce(m.mean_shown,
                    round(avg(x.points) OVER (PARTITION BY x.node, x.kind),
                          perf_eval.display_decimals('node_score')))
    FROM cells AS x
    LEFT JOIN means AS m ON m.node = x.node AND m.kind = x.kind AND x.level = 'direction'
    ORDER BY x.node, x.kind, 6, x.body;
END
$$;
COMMENT ON FUNCTION perf_eval.report_below_block_rows(integer, text) IS
'The report''s tables below block level: every direction and criterion of every ranked body ranked within its kind, with the group mean (perf_eval.zone_counts for directions, the plain mean of the criterion''s scores rounded to the decimals of the display setting node_score for criteria)';

-- Every year in the database side by side, with the dynamics against the year before.
CREATE FUNCTION perf_eval.report_years_rows(lang text)
RETURNS TABLE (block text, block_title text, kind text, body text, body_name text, year integer, score_shown numeric,
               previous_shown numeric, dynamics text, dynamics_label text, restricted boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version constant text := perf_eval.report_methodology();
    language constant text := perf_eval.report_language(lang);
BEGIN
    RETURN QUERY
    WITH y AS (
        SELECT r.block, r.kind, r.body, r.year, r.score_shown, r.previous_shown,
               CASE WHEN r.score_shown IS NULL OR r.previous_shown IS NULL THEN NULL
                    WHEN r.score_shown > r.previous_shown THEN 'improved'
                    WHEN r.score_shown < r.previous_shown THEN 'worsened'
                    ELSE 'unchanged' END AS dynamics,
               r.publication_restricted AND r.score IS NULL AS restricted
        FROM perf_eval.ranking AS r
        WHERE r.methodology = version AND r.assessment = 'assessed'
    )
    SELECT y.block, perf_eval.label('block', y.block, language), y.kind, y.body, perf_eval.label('body', y.body, language),
           y.year, y.score_shown, y.previous_shown, y.dynamics,
           CASE WHEN y.dynamics IS NOT NULL THEN perf_eval.label('dynamics', y.dynamics, language) END, y.restricted
    FROM y JOIN perf_eval.block AS b ON b.code = y.block
    ORDER BY b.block_order, y.kind, y.body, y.year;
END
$$;
COMMENT ON FUNCTION perf_eval.report_years_rows(text) IS
'The report''s years side by side: every year of perf_eval.ranking under the current methodology per block, kind and body, with the dynamics (improved | worsened | unchanged) of the shown score against the year before';

-- National totals from the registries' monthly tallies, by kind of body and month.
CREATE OR REPLACE FUNCTION perf_eval.report_registry_rows(year integer, lang text)
RETURNS TABLE (kind text, kind_title text, month date, complaints_considered numeric, complaints_late numeric,
               late_per_100000 numeric, deliveries numeric, deadline_violations numeric, violations_per_100000 numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    language constant text := perf_eval.report_language(lang);
    scale constant integer := perf_eval.display_decimals('node_score');
BEGIN
    RETURN QUERY
    WITH months AS (
        SELECT b.kind, m.month, sum((c.tally).considered) AS considered, sum((c.tally).late) AS late,
               sum((s.tally).deliveries) AS deliveries, sum((s.tally).deadline_violations) AS violations
        FROM (SELECT t.body, t.month FROM perf_eval.complaint_tally_monthly AS t
              UNION SELECT t.body, t.month FROM perf_eval.service_tally_monthly AS t) AS m
        JOIN perf_eval.body AS b ON b.code = m.body
        LEFT JOIN perf_eval.complaint_tally_monthly AS c ON c.body = m.body AND c.month = m.month
        LEFT JOIN perf_eval.service_tally_monthly AS s ON s.body = m.body AND s.month = m.month
        WHERE m.month >= make_date(report_registry_rows.year, 1, 1) AND m.month < make_date(report_registry_rows.year + 1, 1, 1)
        GROUP BY b.kind, m.month
    )
    SELECT m.kind, perf_eval.label('body_kind', m.kind, language), m.month, m.considered, m.late,
           round(100000 * m.late / nullif(m.considered, 0), scale), m.deliveries, m.violations,
           round(100000 * m.violations / nullif(m.deliveries, 0), scale)
    FROM months AS m
    ORDER BY m.kind, m.month;
END
$$;
COMMENT ON FUNCTION perf_eval.report_registry_rows(integer, text) IS
'The report''s national totals: the registries'' monthly tallies summed by kind of body and month, late answers per 100 000 complaints considered and deadline violations per 100 000 services delivered';

-- ---------------------------------------------------------------------------
-- Rendering. Each function renders one section from the rows above; text is
-- escaped, numbers are the views' shown values.
-- ---------------------------------------------------------------------------

-- The arrow of a movement of rank.
CREATE FUNCTION perf_eval.report_arrow(movement text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE $1 WHEN 'up' THEN '↑' WHEN 'down' THEN '↓' WHEN 'same' THEN '→' WHEN 'new' THEN '★' ELSE '' END $$;
COMMENT ON FUNCTION perf_eval.report_arrow(text) IS
'The arrow the report prints for a movement of rank: up ↑, down ↓, same →, new ★';

-- The bar chart of one block and kind: one bar per ranked body in rank order,
-- coloured by zone, last year's score marked, the group mean as a line; a
-- score the reader may not see is a hatched bar labelled restricted. rows is
-- the jsonb array of report_ranking_rows of that block and kind.
CREATE FUNCTION perf_eval.report_chart_svg(rows jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH bar AS (
        SELECT r.value AS v, (row_number() OVER (ORDER BY (r.value ->> 'rank')::integer, r.value ->> 'body') - 1) AS i
        FROM jsonb_array_elements($1) AS r
        WHERE r.value ->> 'rank' IS NOT NULL
    ),
    geometry AS (SELECT 24 + 20 * count(*) + 10 AS height FROM bar),
    mean AS (SELECT (r.value ->> 'group_mean')::numeric AS mean, (r.value ->> 'group_mean_shown')::numeric AS shown
             FROM jsonb_array_elements($1) AS r WHERE r.value ->> 'group_mean' IS NOT NULL LIMIT 1)
    SELECT format('<svg class="chart" data-block="%s" data-kind="%s" role="img" viewBox="0 0 1000 %s" width="100%%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">',
                  perf_eval.html_escape($1 -> 0 ->> 'block'), perf_eval.html_escape($1 -> 0 ->> 'kind'), g.height)
        || '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#e0e0e0"/><line x1="0" y1="0" x2="0" y2="6" stroke="#9e9e9e" stroke-width="3"/></pattern></defs>'
        || coalesce((SELECT string_agg(
               format('<text class="name" x="392" y="%s" text-anchor="end">%s</text>', 24 + 20 * b.i + 14,
                      perf_eval.html_escape(CASE WHEN length(b.v ->> 'body_name') > 46 THEN left(b.v ->> 'body_name', 45) || '…' ELSE b.v ->> 'body_name' END))
               || CASE WHEN (b.v ->> 'restricted')::boolean THEN
                      format('<rect class="bar restricted" data-body="%s" x="400" y="%s" width="500" height="14" fill="url(#hatch)"><title>%s</title></rect><text x="406" y="%s" class="value">%s</text>',
                             perf_eval.html_escape(b.v ->> 'body'), 24 + 20 * b.i + 3, perf_eval.html_escape(b.v ->> 'body_name'),
                             24 + 20 * b.i + 14, perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2)))
                  ELSE
                      format('<rect class="bar zone-%s" data-body="%s" x="400" y="%s" width="%s" height="14"><title>%s: %s</title></rect><text x="%s" y="%s" class="value">%s</text>',
                             perf_eval.html_escape(b.v ->> 'zone'), perf_eval.html_escape(b.v ->> 'body'), 24 + 20 * b.i + 3,
                             round(5 * greatest(0, least(100, (b.v ->> 'score')::numeric)), 2),
                             perf_eval.html_escape(b.v ->> 'body_name'), perf_eval.report_number((b.v ->> 'score_shown')::numeric),
                             round(406 + 5 * greatest(0, least(100, (b.v ->> 'score')::numeric)), 2), 24 + 20 * b.i + 14,
                             perf_eval.report_number((b.v ->> 'score_shown')::numeric))
                  END
               || CASE WHEN b.v ->> 'previous_score' IS NOT NULL THEN
                      format('<line class="prev" x1="%1$s" x2="%1$s" y1="%2$s" y2="%3$s"><title>%4$s</title></line>',
                             round(400 + 5 * greatest(0, least(100, (b.v ->> 'previous_score')::numeric)), 2),
                             24 + 20 * b.i + 1, 24 + 20 * b.i + 19, perf_eval.report_number((b.v ->> 'previous_shown')::numeric))
                  ELSE '' END,
               '' ORDER BY b.i) FROM bar AS b), '')
        || coalesce((SELECT format('<line class="mean" x1="%1$s" x2="%1$s" y1="18" y2="%2$s"/><text class="mean" x="%1$s" y="13" text-anchor="middle">%3$s %4$s</text>',
                                   round(400 + 5 * greatest(0, least(100, m.mean)), 2), g.height - 6,
                                   perf_eval.html_escape(perf_eval.label('heading', 'col.group_mean', $2)), perf_eval.report_number(m.shown))
                     FROM mean AS m), '')
        || '</svg>'
    FROM geometry AS g
$$;
COMMENT ON FUNCTION perf_eval.report_chart_svg(jsonb, text) IS
'SVG bar chart of one block and kind from the jsonb array of its report_ranking_rows: a bar per ranked body coloured by zone, last year''s score marked, the group mean line, restricted scores hatched without value';

-- The header cells of a report table: a <th> per heading label key, in the
-- language, escaped.
CREATE FUNCTION perf_eval.report_header_cells(lang text, VARIADIC keys text[])
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT string_agg(format('<th>%s</th>', perf_eval.html_escape(perf_eval.label('heading', h.key, $1))), '' ORDER BY h.pos)
    FROM unnest($2) WITH ORDINALITY AS h(key, pos)
$$;
COMMENT ON FUNCTION perf_eval.report_header_cells(text, text[]) IS
'The <th> cells of a report table header, one per heading label key in the order given, in the language, HTML-escaped';

-- The ranking table of one block and kind, with movement arrows; the group
-- means are said once, under the table.
CREATE OR REPLACE FUNCTION perf_eval.report_ranking_table(rows jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<table class="ranking" data-block="%s" data-kind="%s"><thead><tr>',
                  perf_eval.html_escape($1 -> 0 ->> 'block'), perf_eval.html_escape($1 -> 0 ->> 'kind'))
        || perf_eval.report_header_cells($2, 'col.rank', 'col.body', 'col.score', 'col.zone', 'col.previous_rank', 'col.previous_score', 'col.movement')
        || '</tr></thead><tbody>'
        || (SELECT string_agg(format('<tr data-body="%s" data-movement="%s"><td>%s</td><td>%s</td><td class="num score">%s</td><td><span class="swatch zone-%s"></span>%s</td><td>%s</td><td class="num">%s</td><td class="movement"><span class="arrow">%s</span> %s</td></tr>',
                   perf_eval.html_escape(r.value ->> 'body'), perf_eval.html_escape(coalesce(r.value ->> 'movement', '')),
                   coalesce(r.value ->> 'rank', '—'), perf_eval.html_escape(r.value ->> 'body_name'),
                   CASE WHEN (r.value ->> 'restricted')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2))
                        ELSE perf_eval.report_number((r.value ->> 'score_shown')::numeric) END,
                   perf_eval.html_escape(coalesce(r.value ->> 'zone', 'none')), perf_eval.html_escape(coalesce(r.value ->> 'zone_label', '')),
                   coalesce(r.value ->> 'previous_rank', '—'), perf_eval.report_number((r.value ->> 'previous_shown')::numeric),
                   perf_eval.report_arrow(r.value ->> 'movement'),
                   CASE WHEN r.value ->> 'movement' IS NOT NULL THEN perf_eval.html_escape(perf_eval.label('movement', r.value ->> 'movement', $2))
                        WHEN (r.value ->> 'advisory')::boolean THEN perf_eval.html_escape(perf_eval.label('sentence', 'not_ranked', $2)) ELSE '' END),
                   '' ORDER BY (r.value ->> 'rank')::integer NULLS LAST, r.value ->> 'body')
            FROM jsonb_array_elements($1) AS r)
        || format('</tbody></table><p class="means">%s: %s (%s)</p>',
                  perf_eval.html_escape(perf_eval.label('heading', 'col.group_mean', $2)),
                  perf_eval.report_number(($1 -> 0 ->> 'group_mean_shown')::numeric),
                  perf_eval.html_escape(perf_eval.label('heading', 'col.previous_score', $2)) || ': '
                  || perf_eval.report_number(($1 -> 0 ->> 'previous_group_mean_shown')::numeric))
$$;
COMMENT ON FUNCTION perf_eval.report_ranking_table(jsonb, text) IS
'HTML ranking table of one block and kind from the jsonb array of its report_ranking_rows: rank, body, points, zone, last year''s rank and points, movement arrow; the group means once below';

-- Every block and kind: heading, chart, table.
CREATE FUNCTION perf_eval.report_rankings_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="rankings"><h2 data-label="report.rankings">%s</h2>',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.rankings', $2)))
        || coalesce(string_agg(format('<h3 id="ranking-%s-%s">%s — %s</h3>', perf_eval.html_escape(g.block), perf_eval.html_escape(g.kind),
                                      perf_eval.html_escape(g.block_title), perf_eval.html_escape(g.kind_title))
                               || perf_eval.report_chart_svg(g.rows, $2) || perf_eval.report_ranking_table(g.rows, $2),
                               '' ORDER BY g.block_order, g.kind), '')
        || '</section>'
    FROM (SELECT r.block, r.kind, min(r.block_title) AS block_title, min(r.kind_title) AS kind_title, min(b.block_order) AS block_order,
                 jsonb_agg(to_jsonb(r) ORDER BY r.rank NULLS LAST, r.body) AS rows
          FROM perf_eval.report_ranking_rows($1, $2) AS r JOIN perf_eval.block AS b ON b.code = r.block
          GROUP BY r.block, r.kind) AS g
$$;
COMMENT ON FUNCTION perf_eval.report_rankings_html(integer, text) IS
'The rankings section of the report: per block and kind of body a heading, the bar chart and the ranking table';

-- Zone counts of the blocks.
CREATE OR REPLACE FUNCTION perf_eval.report_zones_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="zones"><h2 data-label="report.zones">%s</h2><table class="zones"><thead><tr>',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.zones', $2)))
        || perf_eval.report_header_cells($2, 'col.block', 'col.kind', 'col.n')
        || (SELECT string_agg(format('<th><span class="swatch zone-%s"></span>%s</th>', z.zone, perf_eval.html_escape(perf_eval.label('zone', z.zone, $2))), '' ORDER BY z.zone_order)
            FROM perf_eval.efficiency_zone_label AS z)
        || perf_eval.report_header_cells($2, 'col.group_mean') || '</tr></thead><tbody>'
        || coalesce((SELECT string_agg(format('<tr data-block="%s" data-kind="%s"><td>%s</td><td>%s</td><td class="num">%s</td><td class="num">%s (%s%%)</td><td class="num">%s (%s%%)</td><td class="num">%s (%s%%)</td><td class="num">%s (%s%%)</td><td class="num">%s</td></tr>',
                                              perf_eval.html_escape(r.block), perf_eval.html_escape(r.kind), perf_eval.html_escape(r.block_title),
                                              perf_eval.html_escape(r.kind_title), r.n, r.high, r.share_high, r.medium, r.share_medium,
                                              r.low, r.share_low, r.ineffective, r.share_ineffective, perf_eval.report_number(r.mean_shown)), '')
                     FROM perf_eval.report_zone_rows($1, $2) AS r), '')
        || '</tbody></table></section>'
$$;
COMMENT ON FUNCTION perf_eval.report_zones_html(integer, text) IS
'The zone section of the report: per block and kind the ranked bodies, the count and share in each efficiency zone and the mean';

-- The narrative sentence of a block of a body, in the language.
CREATE FUNCTION perf_eval.report_sentence(row_ jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format(perf_eval.label('sentence', 'block', $2), $1 ->> 'body_name', $1 ->> 'node_title',
                  CASE WHEN ($1 ->> 'restricted')::boolean THEN perf_eval.label('heading', 'report.restricted', $2)
                       ELSE perf_eval.report_number(($1 ->> 'points_shown')::numeric) END,
                  coalesce($1 ->> 'zone_label', '—'),
                  CASE WHEN $1 ->> 'rank' IS NULL THEN perf_eval.label('sentence', 'not_ranked', $2)
                       ELSE format(perf_eval.label('sentence', 'ranked', $2), $1 ->> 'rank', $1 ->> 'n_ranked')
                            || CASE WHEN $1 ->> 'movement' IS NOT NULL
                                    THEN format(' (%s %s%s)', perf_eval.report_arrow($1 ->> 'movement'),
                                                perf_eval.label('movement', $1 ->> 'movement', $2),
                                                CASE WHEN $1 ->> 'previous_rank' IS NOT NULL THEN ', ' || ($1 ->> 'previous_rank') ELSE '' END)
                                    ELSE '' END
                  END)
$$;
COMMENT ON FUNCTION perf_eval.report_sentence(jsonb, text) IS
'The sentence the report prints for a block of a body (points, zone, rank and movement) from its report_body_rows row as jsonb, in the language';

-- The breakdown table of a body: directions and criteria, points and maxima.
CREATE OR REPLACE FUNCTION perf_eval.report_breakdown_table(rows jsonb, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT '<table class="breakdown"><thead><tr>' || perf_eval.report_header_cells($2, 'col.node', 'col.score', 'col.maximum')
        || '</tr></thead><tbody>'
        || coalesce(string_agg(format('<tr class="%s" data-node="%s"><td>%s</td><td class="num points">%s</td><td class="num">%s</td></tr>',
                                      r.value ->> 'level', perf_eval.html_escape(r.value ->> 'node'), perf_eval.html_escape(r.value ->> 'node_title'),
                                      CASE WHEN (r.value ->> 'restricted')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2))
                                           WHEN (r.value ->> 'not_applicable')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.not_applicable', $2))
                                           ELSE perf_eval.report_number((r.value ->> 'points_shown')::numeric) END,
                                      CASE WHEN (r.value ->> 'not_applicable')::boolean THEN ''
                                           ELSE perf_eval.report_number((r.value ->> 'maximum')::numeric) END),
                               '' ORDER BY r.value ->> 'node'), '')
        || '</tbody></table>'
    FROM jsonb_array_elements($1) AS r
    WHERE r.value ->> 'level' IN ('direction', 'criterion')
$$;
COMMENT ON FUNCTION perf_eval.report_breakdown_table(jsonb, text) IS
'HTML table of a body''s directions and criteria with points (penalties negative, restricted or not applicable in words) and maxima, from its report_body_rows as a jsonb array';

-- The page of one body: blocks with last year, breakdown, weakest
-- indicators, assumptions, objections, narrative sentences.
CREATE OR REPLACE FUNCTION perf_eval.report_body_page(year integer, lang text, body text, rows jsonb, ranking jsonb)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<article class="body" id="body-%s"><h3>%s</h3>', perf_eval.html_escape($3), perf_eval.html_escape($4 -> 0 ->> 'body_name'))
        || coalesce((SELECT string_agg(format('<p class="sentence">%s</p>', perf_eval.html_escape(perf_eval.report_sentence(r.value, $2))), '' ORDER BY r.value ->> 'node')
                     FROM jsonb_array_elements($4) AS r WHERE r.value ->> 'level' = 'block' AND r.value ->> 'status' = 'ok'), '')
        || coalesce((SELECT string_agg(format('<p class="rank-range" data-node="%s">%s</p>', perf_eval.html_escape(r.value ->> 'node'),
                                              perf_eval.html_escape(format(perf_eval.label('sentence', 'rank_range', $2), r.value ->> 'node_title',
                                                                           r.value ->> 'rank_min', r.value ->> 'rank_max'))), '' ORDER BY r.value ->> 'node')
                     FROM jsonb_array_elements($4) AS r WHERE r.value ->> 'level' = 'block' AND r.value ->> 'rank_min' IS NOT NULL), '')
        || format('<h4>%s</h4><table class="blocks"><thead><tr>', perf_eval.html_escape(perf_eval.label('heading', 'body.blocks', $2)))
        || perf_eval.report_header_cells($2, 'col.block', 'col.score', 'col.zone', 'col.rank', 'col.previous_score', 'col.previous_rank')
        || '</tr></thead><tbody>'
        || coalesce((SELECT string_agg(format('<tr data-node="%s"><td>%s</td><td class="num points">%s</td><td>%s</td><td>%s</td><td class="num">%s</td><td>%s</td></tr>',
                                              perf_eval.html_escape(r.value ->> 'node'), perf_eval.html_escape(r.value ->> 'node_title'),
                                              CASE WHEN (r.value ->> 'restricted')::boolean THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $2))
                                                   ELSE perf_eval.report_number((r.value ->> 'points_shown')::numeric) END,
                                              perf_eval.html_escape(coalesce(r.value ->> 'zone_label', '—')),
                                              coalesce((r.value ->> 'rank') || ' / ' || (r.value ->> 'n_ranked'), '—'),
                                              perf_eval.report_number((SELECT (k.value ->> 'previous_shown')::numeric FROM jsonb_array_elements($5) AS k
                                                                      WHERE k.value ->> 'block' = r.value ->> 'node' LIMIT 1)),
                                              coalesce(r.value ->> 'previous_rank', '—')), '' ORDER BY r.value ->> 'node')
                     FROM jsonb_array_elements($4) AS r WHERE r.value ->> 'level' = 'block'), '')
        || '</tbody></table>'
        || format('<h4>%s</h4>', perf_eval.html_escape(perf_eval.label('heading', 'body.breakdown', $2))) || perf_eval.report_breakdown_table($4, $2)
        || format('<h4>%s</h4><ul class="weakest">', perf_eval.html_escape(perf_eval.label('heading', 'body.weakest', $2)))
        || coalesce((SELECT string_agg(format('<li>%s: %s / %s</li>', perf_eval.html_escape(w.value ->> 'node_title'),
                                              perf_eval.report_number((w.value ->> 'points_shown')::numeric), perf_eval.report_number((w.value ->> 'maximum')::numeric)),
                                       '' ORDER BY w.ratio, w.value ->> 'node')
                     FROM (SELECT r.value, (r.value ->> 'points_shown')::numeric / (r.value ->> 'maximum')::numeric AS ratio,
                                  row_number() OVER (ORDER BY (r.value ->> 'points_shown')::numeric / (r.value ->> 'maximum')::numeric, r.value ->> 'node') AS n
                           FROM jsonb_array_elements($4) AS r
                           WHERE r.value ->> 'level' = 'criterion' AND (r.value ->> 'maximum')::numeric > 0
                             AND (r.value ->> 'points_shown')::numeric >= 0) AS w
                     WHERE w.n <= 3), '<li>' || perf_eval.html_escape(perf_eval.label('heading', 'report.none', $2)) || '</li>')
        || format('</ul><h4>%s</h4><ul class="assumptions">', perf_eval.html_escape(perf_eval.label('heading', 'body.assumptions', $2)))
        || coalesce((SELECT string_agg(format('<li><code>%s</code>: %s</li>', perf_eval.html_escape(a.key),
                                              perf_eval.html_escape(coalesce(p.note, p.source))), '' ORDER BY a.key)
                     FROM (SELECT DISTINCT k.key FROM jsonb_array_elements($4) AS r,
                                                     jsonb_array_elements_text(coalesce(r.value -> 'assumed_parameters', '[]')) AS k(key)) AS a
                     LEFT JOIN perf_eval.methodology_param AS p ON p.methodology = perf_eval.report_methodology() AND p.key = a.key),
                    '<li>' || perf_eval.html_escape(perf_eval.label('heading', 'report.none', $2)) || '</li>')
        || '</ul>'
        || coalesce((SELECT format('<h4>%s</h4><ul class="objections">', perf_eval.html_escape(perf_eval.label('heading', 'body.objections', $2)))
                            || string_agg(format('<li>%s: %s (%s) — %s%s</li>', perf_eval.html_escape(perf_eval.label('node', o.node, $2)),
                                                 perf_eval.html_escape(o.claim), perf_eval.html_escape(o.document),
                                                 perf_eval.html_escape(coalesce(o.decision, '…')),
                                                 coalesce(': ' || perf_eval.html_escape(o.decision_reason), '')), '' ORDER BY o.objection_id)
                            || '</ul>'
                     FROM perf_eval.objection AS o WHERE o.year = $1 AND o.body = $3), '')
        || '</article>'
$$;
COMMENT ON FUNCTION perf_eval.report_body_page(integer, text, text, jsonb, jsonb) IS
'The page of one body: narrative sentences, the rank range of each block with a sensitivity (perf_eval.rank_range), its blocks with last year, the direction and criterion breakdown, the three weakest criteria, the assumed parameters its score relies on and its objections with their outcome';

CREATE FUNCTION perf_eval.report_bodies_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH card AS (
        SELECT r.body, min(r.body_name) AS body_name, min(r.kind) AS kind, jsonb_agg(to_jsonb(r) ORDER BY r.node) AS rows
        FROM perf_eval.report_body_rows($1, $2) AS r GROUP BY r.body
    ),
    ranking AS (
        SELECT r.body, jsonb_agg(jsonb_build_object('block', r.block, 'previous_shown', r.previous_shown)) AS rows
        FROM perf_eval.report_ranking_rows($1, $2) AS r GROUP BY r.body
    )
    SELECT format('<section id="bodies"><h2 data-label="report.bodies">%s</h2><nav class="bodies">',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.bodies', $2)))
        || coalesce(string_agg(format('<a href="#body-%s">%s</a>', perf_eval.html_escape(c.body), perf_eval.html_escape(c.body_name)), ' · ' ORDER BY c.kind, c.body_name), '')
        || '</nav>'
        || coalesce(string_agg(perf_eval.report_body_page($1, $2, c.body, c.rows, coalesce(k.rows, '[]')), '' ORDER BY c.kind, c.body_name), '')
        || '</section>'
    FROM card AS c LEFT JOIN ranking AS k ON k.body = c.body
$$;
COMMENT ON FUNCTION perf_eval.report_bodies_html(integer, text) IS
'The body pages of the report, one article per body with a body_card in the year, with an index of links';

-- Directions and criteria of every body ranked, with group means.
CREATE OR REPLACE FUNCTION perf_eval.report_below_block_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="below-block"><h2 data-label="report.below_block">%s</h2>',
                  perf_eval.html_escape(perf_eval.label('heading', 'report.below_block', $2)))
        || coalesce(string_agg(format('<h3>%s — %s</h3><table class="below" data-node="%s" data-kind="%s"><thead><tr>%s</tr></thead><tbody>%s</tbody></table><p class="means">%s: %s</p>',
                                      perf_eval.html_escape(g.node_title), perf_eval.html_escape(g.kind_title), perf_eval.html_escape(g.node), perf_eval.html_escape(g.kind),
                                      perf_eval.report_header_cells($2, 'col.rank', 'col.body', 'col.score', 'col.maximum'),
                                      g.body_rows, perf_eval.html_escape(perf_eval.label('heading', 'col.group_mean', $2)), perf_eval.report_number(g.mean)),
                               '' ORDER BY g.node, g.kind), '')
        || '</section>'
    FROM (SELECT r.node, r.kind, min(r.node_title) AS node_title, min(r.kind_title) AS kind_title, min(r.group_mean_shown) AS mean,
                 string_agg(format('<tr data-body="%s"><td>%s</td><td>%s</td><td class="num points">%s</td><td class="num">%s</td></tr>',
                                   perf_eval.html_escape(r.body), r.rank, perf_eval.html_escape(r.body_name),
                                   perf_eval.report_number(r.points_shown), perf_eval.report_number(r.maximum)), '' ORDER BY r.rank, r.body) AS body_rows
          FROM perf_eval.report_below_block_rows($1, $2) AS r GROUP BY r.node, r.kind) AS g
$$;
COMMENT ON FUNCTION perf_eval.report_below_block_html(integer, text) IS
'The section below block level: per direction and criterion and kind of body every ranked body ranked, with the group mean';

-- Years side by side: a column per year, the dynamics against the year before.
CREATE OR REPLACE FUNCTION perf_eval.report_years_html(lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH y AS (SELECT * FROM perf_eval.report_years_rows($1)),
         years AS (SELECT DISTINCT y.year FROM y)
    SELECT format('<section id="years"><h2 data-label="report.years">%s</h2>', perf_eval.html_escape(perf_eval.label('heading', 'report.years', $1)))
        || coalesce(string_agg(format('<h3>%s — %s</h3><table class="years"><thead><tr>%s%s</tr></thead><tbody>%s</tbody></table>',
                                      perf_eval.html_escape(g.block_title), perf_eval.html_escape(perf_eval.label('body_kind', g.kind, $1)),
                                      perf_eval.report_header_cells($1, 'col.body'),
                                      (SELECT string_agg(format('<th>%s</th>', x.year), '' ORDER BY x.year) FROM years AS x), g.body_rows),
                               '' ORDER BY g.block_order, g.kind), '')
        || '</section>'
    FROM (SELECT b.block, b.kind, min(b.block_title) AS block_title, min(k.block_order) AS block_order,
                 string_agg(format('<tr data-body="%s"><td>%s</td>%s</tr>', perf_eval.html_escape(b.body), perf_eval.html_escape(b.body_name),
                                   (SELECT string_agg(format('<td class="num">%s%s</td>',
                                                             CASE WHEN c.restricted THEN perf_eval.html_escape(perf_eval.label('heading', 'report.restricted', $1))
                                                                  ELSE perf_eval.report_number(c.score_shown) END,
                                                             coalesce(' <span class="dynamics ' || c.dynamics || '">' || perf_eval.html_escape(c.dynamics_label) || '</span>', '')),
                                                      '' ORDER BY x.year)
                                    FROM years AS x LEFT JOIN y AS c ON c.year = x.year AND c.block = b.block AND c.kind = b.kind AND c.body = b.body)),
                            '' ORDER BY b.body_name) AS body_rows
          FROM (SELECT DISTINCT y.block, y.block_title, y.kind, y.body, y.body_name FROM y) AS b
          JOIN perf_eval.block AS k ON k.code = b.block
          GROUP BY b.block, b.kind) AS g
$$;
COMMENT ON FUNCTION perf_eval.report_years_html(text) IS
'The years section of the report: per block and kind every body with its shown score in every year and the dynamics label against the year before';

CREATE OR REPLACE FUNCTION perf_eval.report_registries_html(year integer, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('<section id="registries"><h2 data-label="report.registries">%s</h2>', perf_eval.html_escape(perf_eval.label('heading', 'report.registries', $2)))
        || coalesce((SELECT '<table class="registries"><thead><tr>'
                            || perf_eval.report_header_cells($2, 'col.kind', 'col.month', 'registry.complaints_considered', 'registry.complaints_late')
                            || '<th>‰₀₀</th>' || perf_eval.report_header_cells($2, 'registry.deliveries', 'registry.deadline_violations')
                            || '<th>‰₀₀</th></tr></thead><tbody>'
                            || string_agg(format('<tr><td>%s</td><td>%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td><td class="num">%s</td></tr>',
                                                 perf_eval.html_escape(r.kind_title), to_char(r.month, 'YYYY-MM'), perf_eval.report_number(r.complaints_considered),
                                                 perf_eval.report_number(r.complaints_late), perf_eval.report_number(r.late_per_100000),
                                                 perf_eval.report_number(r.deliveries), perf_eval.report_number(r.deadline_violations),
                                                 perf_eval.report_number(r.violations_per_100000)), '' ORDER BY r.kind, r.month)
                            || '</tbody></table>'
                     FROM perf_eval.report_registry_rows($1, $2) AS r HAVING count(*) > 0),
                    '<p>' || perf_eval.html_escape(perf_eval.label('heading', 'report.no_registry', $2)) || '</p>')
        || '</section>'
$$;
COMMENT ON FUNCTION perf_eval.report_registries_html(integer, text) IS
'The national totals section of the report: the registries'' monthly tallies by kind of body and month, per 100 000';

-- The style sheet of the report: readable on screen at any width, printable.
CREATE FUNCTION perf_eval.report_css()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT
'body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:14px;color:#212121;margin:0 auto;max-width:1200px;padding:0 16px;overflow-wrap:anywhere}'
'table{border-collapse:collapse;width:100%;margin:6px 0 4px}th,td{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}'
'th{background:#f5f5f5}td.num{text-align:right;white-space:nowrap}tr.criterion td:first-child{padding-left:24px}'
'.banner{border:2px solid #c62828;background:#ffebee;padding:8px 12px;margin:12px 0}'
'.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}'
'.zone-high{fill:#2e7d32;background:#2e7d32}.zone-medium{fill:#f9a825;background:#f9a825}'
'.zone-low{fill:#ef6c00;background:#ef6c00}.zone-ineffective{fill:#c62828;background:#c62828}'
'svg.chart{display:block;max-width:1000px;font-size:12px}svg .prev{stroke:#000;stroke-width:2}'
'svg .mean{stroke:#1565c0;stroke-dasharray:4 3;fill:#1565c0}svg text.value{fill:#212121}'
'.arrow{font-weight:bold}.dynamics.improved{color:#2e7d32}.dynamics.worsened{color:#c62828}'
'nav a{margin-right:4px}p.means{color:#555;margin:0 0 16px}'
'@media print{nav.toc{display:none}section,article.body{break-before:page}body{max-width:none}}'
$$;
COMMENT ON FUNCTION perf_eval.report_css() IS 'The inline style sheet of perf_eval.report_html: zone colours, tables, charts, print page breaks';

-- The whole report: one self-contained HTML document.
CREATE FUNCTION perf_eval.report_html(year integer, lang text DEFAULT NULL, note text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    language constant text := perf_eval.report_language(lang);
    title constant text := format(perf_eval.label('heading', 'report.title', language), year);
BEGIN
    RETURN format('<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
                  '<title>%s</title><style>%s</style></head><body><h1>%s</h1>',
                  language, perf_eval.html_escape(title), perf_eval.report_css(), perf_eval.html_escape(title))
        || coalesce(format('<div class="banner" role="note"><strong>%s.</strong> %s</div>',
                           perf_eval.html_escape(perf_eval.label('heading', 'report.synthetic', language)), perf_eval.html_escape(note)), '')
        || format('<nav class="toc"><h2 data-label="report.contents">%s</h2><ul>', perf_eval.html_escape(perf_eval.label('heading', 'report.contents', language)))
        || (SELECT string_agg(format('<li><a href="#%s">%s</a></li>', s.anchor, perf_eval.html_escape(perf_eval.label('heading', s.key, language))), '' ORDER BY s.pos)
            FROM (VALUES (1, 'rankings', 'report.rankings'), (2, 'zones', 'report.zones'), (3, 'bodies', 'report.bodies'),
                         (4, 'below-block', 'report.below_block'), (5, 'years', 'report.years'), (6, 'registries', 'report.registries')) AS s(pos, anchor, key))
        || '</ul></nav>'
        || perf_eval.report_rankings_html(year, language)
        || perf_eval.report_zones_html(year, language)
        || perf_eval.report_bodies_html(year, language)
        || perf_eval.report_below_block_html(year, language)
        || perf_eval.report_years_html(language)
        || perf_eval.report_registries_html(year, language)
        || '</body></html>';
END
$$;
COMMENT ON FUNCTION perf_eval.report_html(integer, text, text) IS
'The annual report of a year as one self-contained HTML document in kk, ru or en (NULL: the first of perf_eval.language_fallback): rankings with SVG charts, zone counts, a page per body, directions and criteria ranked, years side by side, national registry totals; only what the caller may see; note, if given, is printed as a banner (docs/report.md)';

GRANT EXECUTE ON FUNCTION perf_eval.report_html(integer, text, text), perf_eval.report_ranking_rows(integer, text),
      perf_eval.report_zone_rows(integer, text), perf_eval.report_body_rows(integer, text),
      perf_eval.report_below_block_rows(integer, text), perf_eval.report_years_rows(text),
      perf_eval.report_registry_rows(integer, text) TO perf_eval_reader;


-- Issue 19, item 5: APA 2020 proposals computed in kz2020_apa (penalty for
-- uncounted target indicators; BP efficiency split weighted by funds)
ALTER TABLE perf_eval.budget_programme ADD COLUMN funds numeric;
COMMENT ON COLUMN perf_eval.budget_programme.funds IS 'Budgetary funds provided for the programme in the year, in one currency unit per body and year (>= 0); NULL if not reported. Where the version splits BP efficiency by funds, they weight current against development programmes (docs/methodology.md §3.3)';
INSERT INTO perf_eval.param_choice VALUES
('goals.bp_split.basis',          ARRAY['fixed', 'funds']);
ALTER TABLE perf_eval.methodology_param DISABLE TRIGGER shipped_params_read_only;
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'goals.bp_split.basis', 'funds', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 1 recommendations, item 4)', 'funds: current and development programmes are weighted by the budgetary funds of their assessed programmes ("it should depend on the amount of budgetary funds"); when a type has no assessed programme or an assessed programme reports no funds, the fixed weights w_current / w_development apply; fixed: always the fixed weights');
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'goals.leb.uncounted_ti_penalty', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'LEB penalty points per target indicator not taken into account in the calculation (status not_counted); the report proposes the penalty for the regions without points (assumed, as the other goals penalties per fact)'),
('kz2020_apa', 'goals.csb.uncounted_ti_penalty', '0', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'CSB penalty points per target indicator not taken into account; 0 (assumed) because the report proposes the penalty for the regions (LEBs) only'),
('kz2020_apa', 'goals.uncounted_ti_penalty_cap', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'most penalty points for target indicators not taken into account, per body and year; the report gives no cap (assumed, as the 5-point penalties of APA 2020 report §2.5)');
ALTER TABLE perf_eval.methodology_param ENABLE TRIGGER shipped_params_read_only;
-- Their sensitivity ranges, by the rule of 78_sensitivity.sql (perf_eval.shipped_param_ranges).
INSERT INTO perf_eval.param_range (methodology, key, range_low, range_high, range_source)
SELECT r.methodology, r.key, r.range_low, r.range_high, r.range_source FROM perf_eval.shipped_param_ranges() AS r
WHERE r.methodology = 'kz2020_apa'
  AND r.key IN ('goals.leb.uncounted_ti_penalty', 'goals.csb.uncounted_ti_penalty', 'goals.uncounted_ti_penalty_cap');

-- Changed routines
CREATE OR REPLACE FUNCTION perf_eval.budget_programme_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    context text := format('Body %s, year %s, budget programme %s', NEW.body, NEW.year, NEW.programme_code);
    clause text := 'BP execution efficiency, docs/methodology.md §3.3 and §3.6.';
BEGIN
    IF NEW.programme_type IS DISTINCT FROM 'current' AND NEW.programme_type IS DISTINCT FROM 'development' THEN
        RAISE EXCEPTION 'unknown budget programme type "%" (known: current, development)', NEW.programme_type
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = clause;
    END IF;
    PERFORM perf_eval.goals_check_range(NEW.achievement, 'achievement', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.disbursement, 'disbursement', 0, 100, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.funds, 'funds', 0, NULL, context, clause);
    RETURN NEW;
END
$$;

-- Visibility model: staged lines are raw rows of a load in progress, outside
-- row-level security: only those who load (editors) read them.
REVOKE SELECT ON perf_eval.complaint_counts_staging, perf_eval.supplied_score_staging, perf_eval.target_indicator_staging, perf_eval.service_counts_staging, perf_eval.service_indicators_staging, perf_eval.openness_inputs_staging, perf_eval.open_nla_fulfilment_staging, perf_eval.orgdev_hr_inputs_staging, perf_eval.orgdev_headcount_month_staging, perf_eval.orgdev_it_inputs_staging, perf_eval.orgdev_information_system_staging FROM perf_eval_reader;
GRANT SELECT ON perf_eval.complaint_counts_staging, perf_eval.supplied_score_staging, perf_eval.target_indicator_staging, perf_eval.service_counts_staging, perf_eval.service_indicators_staging, perf_eval.openness_inputs_staging, perf_eval.open_nla_fulfilment_staging, perf_eval.orgdev_hr_inputs_staging, perf_eval.orgdev_headcount_month_staging, perf_eval.orgdev_it_inputs_staging, perf_eval.orgdev_information_system_staging TO perf_eval_editor;

-- Issue 19, item 6: display settings apart from the methodology (28_display_settings.sql: decimals the views
-- and the report show, kept by admins; the views and mean_shown_to_role read them, not present.*), and the
-- rank range of perf_eval.rank_range on the body card and the report's body page
CREATE TABLE perf_eval.display_setting (
    name   text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    value  integer NOT NULL CHECK (value BETWEEN 0 AND 10),
    source text NOT NULL CHECK (source <> ''),
    note   text,
    shipped_value integer CHECK (shipped_value BETWEEN 0 AND 10)
);
COMMENT ON COLUMN perf_eval.display_setting.value IS 'Decimals shown (0..10), rounded half away from zero';
COMMENT ON COLUMN perf_eval.display_setting.source IS 'Where the shipped value comes from (the public document and its section or table, or docs/)';
COMMENT ON COLUMN perf_eval.display_setting.note IS 'What the setting rounds';
COMMENT ON COLUMN perf_eval.display_setting.shipped_value IS 'The value the extension ships (NULL for a setting it does not ship); a row whose value differs is the administrators'' and pg_dump keeps it';
COMMENT ON TABLE perf_eval.display_setting IS
'Decimals the views and the report show (perf_eval.display_decimals); kept by perf_eval_admin, read by every role that reads the views; not part of any methodology (docs/settings.md "Display settings")';

-- The shipped values are those the present.* parameters of the shipped
-- versions had, so every view shows what it did.
INSERT INTO perf_eval.display_setting (name, value, source, note, shipped_value)
SELECT s.name, s.value, s.source, s.note, s.value FROM (VALUES
('block_score', 1, 'APA 2020 report §3.4, Table 3.6', 'decimals shown for block scores and the composite; all 33 values of Table 3.6 reproduce'),
('node_score', 2, 'APA 2020 report §3.4, Table 3.7 and Table 3.8', 'decimals shown for direction, criterion and indicator points, and the report''s rates per 100 000'),
('group_mean', 1, 'docs/methodology.md §0.2', 'decimals shown for group means, and the precision to which a role that may not see a restricted score gets a mean over it; the published documents are silent, taken equal to block_score'),
('zone_share', 1, 'APA 2020 report §1.4, Table 1.4', 'decimals shown for zone shares in % of a group (31.25 printed 31.3)')) AS s(name, value, source, note);

-- pg_dump keeps the rows an administrator changed (the users' data the drop
-- guard counts); the restore's rows arrive after CREATE EXTENSION has inserted
-- the shipped ones, so an insert of a name that exists sets its value instead.
CREATE FUNCTION perf_eval.display_setting_upsert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE perf_eval.display_setting AS s
    SET value = NEW.value, source = NEW.source, note = NEW.note
    WHERE s.name = NEW.name;
    IF FOUND THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.display_setting_upsert() IS
'Trigger of perf_eval.display_setting: inserting a setting that exists sets its value, source and note (what a restore of pg_dump''s copy of the table does)';
CREATE TRIGGER display_setting_upsert BEFORE INSERT ON perf_eval.display_setting
    FOR EACH ROW EXECUTE FUNCTION perf_eval.display_setting_upsert();
SELECT pg_catalog.pg_extension_config_dump('perf_eval.display_setting', 'WHERE value IS DISTINCT FROM shipped_value');

CREATE OR REPLACE FUNCTION perf_eval.display_decimals(name text)
RETURNS integer
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    decimals integer;
BEGIN
    SELECT s.value INTO decimals FROM perf_eval.display_setting AS s WHERE s.name = display_decimals.name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no display setting %', display_decimals.name
            USING ERRCODE = '22023', HINT = 'Name a setting of perf_eval.display_setting: SELECT name FROM perf_eval.display_setting;';
    END IF;
    RETURN decimals;
END
$$;
COMMENT ON FUNCTION perf_eval.display_decimals(text) IS
'Decimals the views show for a display setting (perf_eval.display_setting); an unknown name 22023';

GRANT SELECT ON perf_eval.display_setting TO perf_eval_reader, perf_eval_submitter;
-- Admins change values; a setting is never removed (every view reads it).
GRANT UPDATE (value, source, note) ON perf_eval.display_setting TO perf_eval_admin;
INSERT INTO perf_eval.label (kind, key, lang, text, source) VALUES
('sentence', 'rank_range', 'en', '%s: rank range under the assumptions: %s–%s', 'perf_eval'),
('sentence', 'rank_range', 'ru', '%s: диапазон мест при допущениях: %s–%s', 'perf_eval'),
('sentence', 'rank_range', 'kk', '%s: болжамдар бойынша орын ауқымы: %s–%s', 'perf_eval');

-- The result views of issue 16 that read the display settings, each defined
-- once here in its final form (the visibility model of issue 17, the maximum
-- shown of issue 18 and the rank range of 78_sensitivity.sql included),
-- with the released views that are their default part.
-- The ranking of every kind of result: each kind ranked on its own, last
-- year's comparison always the default (published) result. A body with
-- scores of some of the block's nodes whose block the run could not compute,
-- though it computed it for other bodies of its kind, follows as not assessed with the
-- directions that lack inputs named: nobody in scope disappears silently.
CREATE VIEW perf_eval.result_ranking AS
WITH block_score AS (
    SELECT r.*, row_number() OVER () AS ref FROM perf_eval.result_node_all AS r WHERE r.level = 'block'
),
result_rank AS MATERIALIZED (
    SELECT k.ref, k.rank
    FROM (SELECT s.year, s.methodology, s.result_kind,
                 array_agg(ROW(s.ref, s.body, s.kind, s.node, s.value, s.scope)::perf_eval.rankable_score) AS scores
          FROM block_score AS s GROUP BY s.year, s.methodology, s.result_kind) AS g
    CROSS JOIN LATERAL perf_eval.rank_block_scores(g.scores) AS k
),
ranked AS (
    SELECT r.*,
           r.scope = 'assessed_ranked' AS is_ranked,
           k.rank,
           avg(r.value) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.result_kind, r.node, r.kind) AS group_mean,
           count(*) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.result_kind, r.node, r.kind) AS n_ranked,
           coalesce(bool_or(r.publication_restricted) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.result_kind, r.node, r.kind), false) AS group_restricted,
           perf_eval.may_see_values(r.body, r.block, r.year) AS visible
    FROM block_score AS r
    JOIN result_rank AS k ON k.ref = r.ref
),
previous_group AS (
    SELECT DISTINCT r.year, r.methodology, r.node, r.kind, r.group_mean, r.group_restricted FROM ranked AS r WHERE r.is_ranked AND r.is_default
),
not_assessed AS (
    SELECT rr.year, rr.methodology, rr.block, b.kind, rb.body, b.name_en, b.name_ru, rr.result_kind, rr.is_default,
           x.scope,
           coalesce(s.publication_restricted, false) AS publication_restricted,
           coalesce((SELECT string_agg(n.code || ' (' || coalesce(d.reason, 'no inputs') || ')', ', ' ORDER BY n.node_order)
                     FROM perf_eval.score_node AS n
                     LEFT JOIN perf_eval.score AS d ON d.run_id = rr.run_id AND d.body = rb.body AND d.node = n.code
                     WHERE n.parent = rr.block AND coalesce(d.status, 'missing') <> 'ok'
                       AND EXISTS (SELECT 1 FROM perf_eval.score AS o WHERE o.run_id = rr.run_id AND o.node = n.code
                                                                        AND o.status = 'ok')),
                    (SELECT k.block_reason FROM (SELECT d.reason AS block_reason FROM perf_eval.score AS d
                                                 WHERE d.run_id = rr.run_id AND d.body = rb.body AND d.node = rr.block) AS k),
                    'no inputs') AS missing_inputs
    FROM perf_eval.result_run_all AS rr
    JOIN perf_eval.run_body AS rb ON rb.run_id = rr.run_id
    JOIN perf_eval.body AS b ON b.code = rb.body
    CROSS JOIN LATERAL (SELECT perf_eval.scope_status(rb.body, rr.block, rr.year) AS scope) AS x
    LEFT JOIN perf_eval.body_scope AS s ON s.body = rb.body AND s.block = rr.block AND rr.year >= s.year_from
                                       AND (rr.year <= s.year_to OR s.year_to IS NULL)
    WHERE x.scope <> 'exempt'
      AND NOT EXISTS (SELECT 1 FROM perf_eval.score AS d
                      WHERE d.run_id = rr.run_id AND d.body = rb.body AND d.node = rr.block AND d.status = 'ok')
      AND EXISTS (SELECT 1 FROM perf_eval.score AS d JOIN perf_eval.score_node AS n ON n.code = d.node
                  WHERE d.run_id = rr.run_id AND d.body = rb.body AND n.block = rr.block)
      AND EXISTS (SELECT 1 FROM perf_eval.score AS o JOIN perf_eval.body AS ob ON ob.code = o.body
                  WHERE o.run_id = rr.run_id AND o.node = rr.block AND o.status = 'ok' AND ob.kind = b.kind)
)
SELECT c.year, c.methodology, c.node AS block, c.kind, c.body, c.name_en, c.name_ru,
       CASE WHEN c.visible THEN c.value END AS score,
       CASE WHEN c.visible THEN round(c.value, perf_eval.display_decimals('block_score')) END AS score_shown,
       CASE WHEN p.visible THEN p.value END AS previous_score,
       CASE WHEN p.visible THEN round(p.value, perf_eval.display_decimals('block_score')) END AS previous_shown,
       c.rank,
       p.rank AS previous_rank,
       CASE WHEN NOT c.is_ranked OR pg.year IS NULL THEN NULL
            WHEN p.rank IS NULL THEN 'new'
            WHEN c.rank < p.rank THEN 'up'
            WHEN c.rank > p.rank THEN 'down'
            ELSE 'same' END AS movement,
       CASE WHEN c.visible THEN perf_eval.efficiency_zone(c.value, c.methodology) END AS zone,
       zl.zone_order,
       zl.label_en AS zone_label, zl.label_ru AS zone_label_ru,
       perf_eval.mean_shown_to_role(c.group_mean, c.group_restricted, c.methodology) AS group_mean,
       round(c.group_mean, perf_eval.display_decimals('group_mean')) AS group_mean_shown,
       perf_eval.mean_shown_to_role(pg.group_mean, pg.group_restricted, c.methodology) AS previous_group_mean,
       round(pg.group_mean, perf_eval.display_decimals('group_mean')) AS previous_group_mean_shown,
       c.n_ranked,
       NOT c.is_ranked AS advisory,
       c.origin,
       c.publication_restricted,
       c.result_kind,
       'assessed'::text AS assessment,
       NULL::text AS missing_inputs,
       c.is_default
FROM ranked AS c
LEFT JOIN ranked AS p ON p.year = c.year - 1 AND p.methodology = c.methodology AND p.node = c.node
                     AND p.body = c.body AND p.is_ranked AND p.is_default
LEFT JOIN previous_group AS pg ON pg.year = c.year - 1 AND pg.methodology = c.methodology
                              AND pg.node = c.node AND pg.kind = c.kind
LEFT JOIN perf_eval.efficiency_zone_label AS zl ON c.visible AND zl.zone = perf_eval.efficiency_zone(c.value, c.methodology)
WHERE perf_eval.may_see_result_kind(c.result_kind, c.node, c.body)
UNION ALL
SELECT m.year, m.methodology, m.block, m.kind, m.body, m.name_en, m.name_ru,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       m.scope <> 'assessed_ranked', NULL, m.publication_restricted, m.result_kind,
       'not assessed', m.missing_inputs, m.is_default
FROM not_assessed AS m
WHERE perf_eval.may_see_result_kind(m.result_kind, m.block, m.body);
COMMENT ON COLUMN perf_eval.result_ranking.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_ranking.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_ranking.block IS 'Code of the block ranked: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.result_ranking.kind IS 'Kind of body: CSB | LEB; each kind is ranked separately';
COMMENT ON COLUMN perf_eval.result_ranking.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_ranking.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.result_ranking.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.result_ranking.score IS 'Block score in points 0..100, unrounded; NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_ranking.previous_score IS 'Last year''s block score in points, unrounded; NULL if the body was not ranked last year';
COMMENT ON COLUMN perf_eval.result_ranking.previous_shown IS 'Last year''s block score rounded as score_shown';
COMMENT ON COLUMN perf_eval.result_ranking.rank IS 'Rank among the bodies of the same kind (1 = best, ties only on equal unrounded scores, the next rank skips); NULL for advisory rows';
COMMENT ON COLUMN perf_eval.result_ranking.previous_rank IS 'Last year''s rank; NULL if not ranked last year';
COMMENT ON COLUMN perf_eval.result_ranking.movement IS 'Change of rank since last year: up | down | same | new; NULL for advisory rows or when no ranking exists for last year';
COMMENT ON COLUMN perf_eval.result_ranking.zone IS 'Efficiency zone of the unrounded score: high | medium | low | ineffective (docs/methodology.md §0.4)';
COMMENT ON COLUMN perf_eval.result_ranking.zone_order IS 'Sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.result_ranking.zone_label IS 'Name of the zone in English';
COMMENT ON COLUMN perf_eval.result_ranking.zone_label_ru IS 'Name of the zone in Russian';
COMMENT ON COLUMN perf_eval.result_ranking.previous_group_mean IS 'Last year''s group mean, points';
COMMENT ON COLUMN perf_eval.result_ranking.previous_group_mean_shown IS 'Last year''s group mean rounded as group_mean_shown';
COMMENT ON COLUMN perf_eval.result_ranking.n_ranked IS 'Number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.result_ranking.advisory IS 'True for an assessed_not_ranked body: shown after the ranked ones, without a rank';
COMMENT ON COLUMN perf_eval.result_ranking.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_ranking.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.result_ranking.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run); each kind is ranked on its own';
COMMENT ON COLUMN perf_eval.result_ranking.assessment IS 'assessed | not assessed (the body has inputs in the year but its block could not be computed; score and rank NULL)';
COMMENT ON COLUMN perf_eval.result_ranking.missing_inputs IS 'For a body not assessed: the directions of the block without a score and why (no inputs, or the reason given), comma-separated';
COMMENT ON COLUMN perf_eval.result_ranking.is_default IS 'True for the result shown by default (ranking)';
COMMENT ON VIEW perf_eval.result_ranking IS
'The ranking table of every kind of result (published, final, preliminary, latest), each ranked on its own, with last year''s default (published) result as the comparison and the bodies not assessed after the ranked ones; ranking is its default part';
COMMENT ON COLUMN perf_eval.result_ranking.group_mean IS 'Plain mean of the unrounded scores of the ranked bodies of the same kind, points; rounded as group_mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.result_ranking.score_shown IS 'Block score in points rounded half away from zero to the decimals of the display setting block_score';
COMMENT ON COLUMN perf_eval.result_ranking.group_mean_shown IS 'group_mean rounded half away from zero to the decimals of the display setting group_mean';
CREATE OR REPLACE VIEW perf_eval.ranking AS
SELECT r.year, r.methodology, r.block, r.kind, r.body, r.name_en, r.name_ru, r.score, r.score_shown, r.previous_score, r.previous_shown, r.rank, r.previous_rank, r.movement, r.zone, r.zone_order, r.zone_label, r.zone_label_ru, r.group_mean, r.group_mean_shown, r.previous_group_mean, r.previous_group_mean_shown, r.n_ranked, r.advisory, r.origin, r.publication_restricted,
       r.result_kind, r.assessment, r.missing_inputs
FROM perf_eval.result_ranking AS r
WHERE r.is_default;
COMMENT ON COLUMN perf_eval.ranking.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.ranking.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.ranking.block IS 'Code of the block ranked: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.ranking.kind IS 'Kind of body: CSB | LEB; each kind is ranked separately';
COMMENT ON COLUMN perf_eval.ranking.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.ranking.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.ranking.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.ranking.score IS 'Block score in points 0..100, unrounded; NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.ranking.previous_score IS 'Last year''s block score in points, unrounded; NULL if the body was not ranked last year';
COMMENT ON COLUMN perf_eval.ranking.previous_shown IS 'Last year''s block score rounded as score_shown';
COMMENT ON COLUMN perf_eval.ranking.rank IS 'Rank among the bodies of the same kind (1 = best, ties only on equal unrounded scores, the next rank skips); NULL for advisory rows';
COMMENT ON COLUMN perf_eval.ranking.previous_rank IS 'Last year''s rank; NULL if not ranked last year';
COMMENT ON COLUMN perf_eval.ranking.movement IS 'Change of rank since last year: up | down | same | new; NULL for advisory rows or when no ranking exists for last year';
COMMENT ON COLUMN perf_eval.ranking.zone IS 'Efficiency zone of the unrounded score: high | medium | low | ineffective (docs/methodology.md §0.4)';
COMMENT ON COLUMN perf_eval.ranking.zone_order IS 'Sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.ranking.zone_label IS 'Name of the zone in English';
COMMENT ON COLUMN perf_eval.ranking.zone_label_ru IS 'Name of the zone in Russian';
COMMENT ON COLUMN perf_eval.ranking.previous_group_mean IS 'Last year''s group mean, points';
COMMENT ON COLUMN perf_eval.ranking.previous_group_mean_shown IS 'Last year''s group mean rounded as group_mean_shown';
COMMENT ON COLUMN perf_eval.ranking.n_ranked IS 'Number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.ranking.advisory IS 'True for an assessed_not_ranked body: shown after the ranked ones, without a rank';
COMMENT ON COLUMN perf_eval.ranking.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.ranking.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.ranking.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one: the latest successful run)';
COMMENT ON COLUMN perf_eval.ranking.assessment IS 'assessed | not assessed (the body has inputs in the year but its block could not be computed; score and rank NULL)';
COMMENT ON COLUMN perf_eval.ranking.missing_inputs IS 'For a body not assessed: the directions of the block without a score and why (no inputs, or the reason given), comma-separated';
COMMENT ON VIEW perf_eval.ranking IS
'The published ranking table per year, methodology, block and body kind: score (unrounded and shown), last year''s, rank and previous rank (ties only on exactly equal unrounded scores), movement up/down/same/new, zone, group mean; assessed_not_ranked bodies follow as advisory with rank NULL, bodies whose block could not be computed as not assessed with the missing inputs named (docs/methodology.md §9.1); per block the published revision where an assessment cycle exists, else the latest successful run. Order by rank NULLS LAST, body';
COMMENT ON COLUMN perf_eval.ranking.group_mean IS 'Plain mean of the unrounded scores of the ranked bodies of the same kind, points; rounded as group_mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.ranking.score_shown IS 'Block score in points rounded half away from zero to the decimals of the display setting block_score';
COMMENT ON COLUMN perf_eval.ranking.group_mean_shown IS 'group_mean rounded half away from zero to the decimals of the display setting group_mean';

-- Zone counts of every kind of result; zone_counts is the default one.
CREATE VIEW perf_eval.result_zone_counts AS
WITH counted AS (
    SELECT r.year, r.methodology, r.node, r.level, r.block, r.kind, r.value, r.result_kind, r.is_default,
           r.publication_restricted, perf_eval.efficiency_zone(r.value, r.methodology) AS zone
    FROM perf_eval.result_node_all AS r
    WHERE r.level IN ('block', 'direction') AND r.value IS NOT NULL AND r.scope = 'assessed_ranked'
),
grouped AS (
    SELECT c.year, c.methodology, c.node, c.level, c.block, c.kind, c.result_kind, c.is_default, count(*) AS n,
           bool_or(c.publication_restricted) AS has_restricted,
           count(*) FILTER (WHERE c.zone = 'high') AS high,
           count(*) FILTER (WHERE c.zone = 'medium') AS medium,
           count(*) FILTER (WHERE c.zone = 'low') AS low,
           count(*) FILTER (WHERE c.zone = 'ineffective') AS ineffective,
           avg(c.value) AS mean
    FROM counted AS c
    GROUP BY c.year, c.methodology, c.node, c.level, c.block, c.kind, c.result_kind, c.is_default
)
SELECT g.year, g.methodology, g.node, g.level, g.kind, g.n, g.high, g.medium, g.low, g.ineffective,
       round(100.0 * g.high / g.n, s.share_scale) AS share_high,
       round(100.0 * g.medium / g.n, s.share_scale) AS share_medium,
       round(100.0 * g.low / g.n, s.share_scale) AS share_low,
       round(100.0 * g.ineffective / g.n, s.share_scale) AS share_ineffective,
       perf_eval.mean_shown_to_role(g.mean, g.has_restricted, g.methodology) AS mean,
       round(g.mean, s.mean_scale) AS mean_shown,
       g.result_kind, g.is_default
FROM grouped AS g
CROSS JOIN LATERAL (SELECT perf_eval.display_decimals('zone_share') AS share_scale,
                           perf_eval.display_decimals('group_mean') AS mean_scale) AS s
WHERE perf_eval.may_see_result_kind(g.result_kind, g.block, NULL);
COMMENT ON COLUMN perf_eval.result_zone_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_zone_counts.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_zone_counts.node IS 'Code of the block or direction';
COMMENT ON COLUMN perf_eval.result_zone_counts.level IS 'block | direction';
COMMENT ON COLUMN perf_eval.result_zone_counts.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.result_zone_counts.n IS 'Number of ranked bodies with a score (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.high IS 'Bodies in zone high (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.medium IS 'Bodies in zone medium (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.low IS 'Bodies in zone low (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.ineffective IS 'Bodies in zone ineffective (count)';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_medium IS 'Share of bodies in zone medium, %';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_low IS 'Share of bodies in zone low, %';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_ineffective IS 'Share of bodies in zone ineffective, %';
COMMENT ON COLUMN perf_eval.result_zone_counts.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_zone_counts.is_default IS 'True for the result shown by default (zone_counts)';
COMMENT ON VIEW perf_eval.result_zone_counts IS
'Zone counts and shares of every kind of result (published, final, preliminary, latest); zone_counts is its default part';
COMMENT ON COLUMN perf_eval.result_zone_counts.mean IS 'Plain mean of the unrounded scores, points; rounded as mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.result_zone_counts.share_high IS 'Share of bodies in zone high, % rounded to the decimals of the display setting zone_share';
COMMENT ON COLUMN perf_eval.result_zone_counts.mean_shown IS 'mean rounded half away from zero to the decimals of the display setting group_mean';
CREATE OR REPLACE VIEW perf_eval.zone_counts AS
SELECT z.year, z.methodology, z.node, z.level, z.kind, z.n, z.high, z.medium, z.low, z.ineffective, z.share_high, z.share_medium, z.share_low, z.share_ineffective, z.mean, z.mean_shown, z.result_kind
FROM perf_eval.result_zone_counts AS z
WHERE z.is_default;
COMMENT ON COLUMN perf_eval.zone_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.zone_counts.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.zone_counts.node IS 'Code of the block or direction';
COMMENT ON COLUMN perf_eval.zone_counts.level IS 'block | direction';
COMMENT ON COLUMN perf_eval.zone_counts.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.zone_counts.n IS 'Number of ranked bodies with a score (count)';
COMMENT ON COLUMN perf_eval.zone_counts.high IS 'Bodies in zone high (count)';
COMMENT ON COLUMN perf_eval.zone_counts.medium IS 'Bodies in zone medium (count)';
COMMENT ON COLUMN perf_eval.zone_counts.low IS 'Bodies in zone low (count)';
COMMENT ON COLUMN perf_eval.zone_counts.ineffective IS 'Bodies in zone ineffective (count)';
COMMENT ON COLUMN perf_eval.zone_counts.share_medium IS 'Share of bodies in zone medium, %';
COMMENT ON COLUMN perf_eval.zone_counts.share_low IS 'Share of bodies in zone low, %';
COMMENT ON COLUMN perf_eval.zone_counts.share_ineffective IS 'Share of bodies in zone ineffective, %';
COMMENT ON COLUMN perf_eval.zone_counts.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one)';
COMMENT ON VIEW perf_eval.zone_counts IS
'Per year, methodology, block or direction and body kind: the number of ranked bodies, the count and share (%, half away from zero) in each efficiency zone, and the plain mean of the unrounded scores (docs/methodology.md §9.2); per block the published revision where an assessment cycle exists, else the latest successful run';
COMMENT ON COLUMN perf_eval.zone_counts.mean IS 'Plain mean of the unrounded scores, points; rounded as mean_shown for a role that may not see a restricted score among them';
COMMENT ON COLUMN perf_eval.zone_counts.share_high IS 'Share of bodies in zone high, % rounded to the decimals of the display setting zone_share';
COMMENT ON COLUMN perf_eval.zone_counts.mean_shown IS 'mean rounded half away from zero to the decimals of the display setting group_mean';

-- The body card of every kind of result; body_card is the default one.
CREATE VIEW perf_eval.result_body_card AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.node, r.level, r.node_title,
       CASE WHEN NOT v.visible THEN NULL ELSE r.value END AS score,
       CASE WHEN NOT v.visible THEN NULL
            ELSE round(r.value, perf_eval.display_decimals(CASE WHEN r.level = 'block' THEN 'block_score' ELSE 'node_score' END))
       END AS score_shown,
       perf_eval.node_maximum_shown(r.node, r.methodology, r.kind) AS maximum,
       r.origin, r.superseded, r.status, r.reason, r.scope, r.publication_restricted,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL AND v.visible THEN perf_eval.efficiency_zone(r.value, r.methodology) END AS zone,
       (SELECT z.zone_order FROM perf_eval.efficiency_zone_label AS z
        WHERE r.level = 'block' AND r.value IS NOT NULL AND v.visible AND z.zone = perf_eval.efficiency_zone(r.value, r.methodology)) AS zone_order,
       k.rank, k.n_ranked, k.previous_rank, k.movement,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL THEN
           format('%s: %s — %s points, %s, %s', r.name_en, r.node_title,
                  CASE WHEN NOT v.visible THEN 'restricted'
                       ELSE round(r.value, perf_eval.display_decimals('block_score'))::text END,
                  k.zone_label,
                  CASE WHEN k.rank IS NULL THEN 'not ranked (' || replace(r.scope, '_', ' ') || ')'
                       ELSE format('rank %s of %s', k.rank, k.n_ranked)
                            || CASE WHEN k.movement IN ('up', 'down', 'same') THEN format(' (%s from %s)', k.movement, k.previous_rank)
                                    WHEN k.movement = 'new' THEN ' (new)' ELSE '' END
                  END)
       END AS sentence,
       (SELECT jsonb_agg(DISTINCT e.value ->> 'key')
        FROM jsonb_array_elements(coalesce(r.explanation -> 'parameters', '[]'::jsonb)
                                  || coalesce(r.explanation -> 'policy_parameters', '[]'::jsonb)) AS e
        WHERE (e.value ->> 'assumed')::boolean) AS assumed_parameters,
       CASE WHEN v.visible THEN r.explanation END AS explanation,
       r.result_kind, r.is_default,
       CASE WHEN v.visible THEN rr.min_rank END AS rank_min, CASE WHEN v.visible THEN rr.max_rank END AS rank_max,
       CASE WHEN v.visible THEN rr.draw END AS rank_range_draw
FROM perf_eval.result_node_all AS r
CROSS JOIN LATERAL (SELECT perf_eval.may_see_values(r.body, r.block, r.year) AS visible) AS v
LEFT JOIN perf_eval.result_ranking AS k ON k.year = r.year AND k.methodology = r.methodology AND k.block = r.node AND k.body = r.body
                                       AND k.result_kind = r.result_kind
LEFT JOIN perf_eval.rank_range AS rr ON r.level = 'block' AND rr.year = r.year AND rr.block = r.node
                                    AND rr.methodology = r.methodology AND rr.body = r.body
WHERE perf_eval.may_see_result_kind(r.result_kind, r.block, r.body);
COMMENT ON COLUMN perf_eval.result_body_card.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.result_body_card.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.result_body_card.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.result_body_card.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.result_body_card.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.result_body_card.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.result_body_card.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.result_body_card.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.result_body_card.score IS 'Score in points, unrounded; NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_body_card.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.result_body_card.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.result_body_card.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.result_body_card.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.result_body_card.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.result_body_card.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.result_body_card.zone IS 'Blocks only: efficiency zone of the unrounded score: high | medium | low | ineffective';
COMMENT ON COLUMN perf_eval.result_body_card.zone_order IS 'Blocks only: sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.result_body_card.rank IS 'Blocks only: rank among the bodies of the same kind; NULL if not ranked';
COMMENT ON COLUMN perf_eval.result_body_card.n_ranked IS 'Blocks only: number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.result_body_card.previous_rank IS 'Blocks only: last year''s rank';
COMMENT ON COLUMN perf_eval.result_body_card.movement IS 'Blocks only: up | down | same | new';
COMMENT ON COLUMN perf_eval.result_body_card.sentence IS 'Blocks only: the sentence the report prints (score, zone, rank and movement)';
COMMENT ON COLUMN perf_eval.result_body_card.assumed_parameters IS 'Keys of the assumed parameters the node used (jsonb array)';
COMMENT ON COLUMN perf_eval.result_body_card.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.result_body_card.is_default IS 'True for the result shown by default (body_card)';
COMMENT ON VIEW perf_eval.result_body_card IS
'The body card of every kind of result (published, final, preliminary, latest): a body reads its preliminary conclusions here (result_kind = ''preliminary''); body_card is its default part';
COMMENT ON COLUMN perf_eval.result_body_card.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4); NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_body_card.maximum IS 'Maximum of the node in points under the methodology and body kind (node_maximum_shown: NULL for a penalty without a cap)';
COMMENT ON COLUMN perf_eval.result_body_card.score_shown IS 'Score rounded half away from zero (blocks to the decimals of the display setting block_score, other nodes to node_score)';
COMMENT ON COLUMN perf_eval.result_body_card.rank_min IS 'Blocks only: best rank over the assumed parameters'' plausible ranges (perf_eval.rank_range, as the latest perf_eval.sensitivity of the year, block and methodology computed it); NULL without one, or if restricted and not visible to the role (as the rank range itself)';
COMMENT ON COLUMN perf_eval.result_body_card.rank_max IS 'Blocks only: worst rank over the assumed parameters'' plausible ranges (perf_eval.rank_range); NULL without a sensitivity, or if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.result_body_card.rank_range_draw IS 'Blocks only: number of the draw of the sensitivity that gave rank_min and rank_max';
CREATE OR REPLACE VIEW perf_eval.body_card AS
SELECT c.year, c.methodology, c.body, c.kind, c.name_en, c.node, c.level, c.node_title, c.score, c.score_shown, c.maximum, c.origin, c.superseded, c.status, c.reason, c.scope, c.publication_restricted, c.zone, c.zone_order, c.rank, c.n_ranked, c.previous_rank, c.movement, c.sentence, c.assumed_parameters, c.explanation, c.result_kind,
       c.rank_min, c.rank_max, c.rank_range_draw
FROM perf_eval.result_body_card AS c
WHERE c.is_default;
COMMENT ON COLUMN perf_eval.body_card.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.body_card.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.body_card.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.body_card.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.body_card.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.body_card.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.body_card.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.body_card.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.body_card.score IS 'Score in points, unrounded; NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.body_card.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.body_card.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.body_card.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.body_card.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.body_card.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.body_card.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.body_card.zone IS 'Blocks only: efficiency zone of the unrounded score: high | medium | low | ineffective';
COMMENT ON COLUMN perf_eval.body_card.zone_order IS 'Blocks only: sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.body_card.rank IS 'Blocks only: rank among the bodies of the same kind; NULL if not ranked';
COMMENT ON COLUMN perf_eval.body_card.n_ranked IS 'Blocks only: number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.body_card.previous_rank IS 'Blocks only: last year''s rank';
COMMENT ON COLUMN perf_eval.body_card.movement IS 'Blocks only: up | down | same | new';
COMMENT ON COLUMN perf_eval.body_card.sentence IS 'Blocks only: the sentence the report prints (score, zone, rank and movement)';
COMMENT ON COLUMN perf_eval.body_card.assumed_parameters IS 'Keys of the assumed parameters the node used (jsonb array)';
COMMENT ON COLUMN perf_eval.body_card.result_kind IS 'published (a year and block with an assessment cycle) | latest (without one)';
COMMENT ON VIEW perf_eval.body_card IS
'One row per node of a body''s current score tree: points and maximum, computed or supplied, zone, rank and movement with the sentence the report prints for blocks, the assumed parameters used, and the explanation (docs/methodology.md §9.3, §9.4); per block the published revision where an assessment cycle exists, else the latest successful run';
COMMENT ON COLUMN perf_eval.body_card.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4); NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.body_card.maximum IS 'Maximum of the node in points under the methodology and body kind (node_maximum_shown: NULL for a penalty without a cap)';
COMMENT ON COLUMN perf_eval.body_card.score_shown IS 'Score rounded half away from zero (blocks to the decimals of the display setting block_score, other nodes to node_score)';
COMMENT ON COLUMN perf_eval.body_card.rank_min IS 'Blocks only: best rank over the assumed parameters'' plausible ranges (perf_eval.rank_range, as the latest perf_eval.sensitivity of the year, block and methodology computed it); NULL without one, or if restricted and not visible to the role (as the rank range itself)';
COMMENT ON COLUMN perf_eval.body_card.rank_max IS 'Blocks only: worst rank over the assumed parameters'' plausible ranges (perf_eval.rank_range); NULL without a sensitivity, or if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.body_card.rank_range_draw IS 'Blocks only: number of the draw of the sensitivity that gave rank_min and rank_max';
GRANT SELECT ON perf_eval.result_ranking, perf_eval.result_zone_counts, perf_eval.result_body_card
   TO perf_eval_reader;
CREATE VIEW perf_eval.my_results AS
SELECT c.year, c.methodology, c.body, c.result_kind, c.node, c.level, c.node_title,
       c.score, c.score_shown, c.maximum, c.status, c.reason,
       CASE WHEN c.level = 'block' THEN
           (SELECT k.missing_inputs FROM perf_eval.result_ranking AS k
            WHERE k.year = c.year AND k.methodology = c.methodology AND k.block = c.node AND k.body = c.body
              AND k.result_kind = c.result_kind)
       END AS missing_inputs,
       c.zone, c.zone_order, c.rank, c.n_ranked, c.explanation,
       (SELECT jsonb_agg(jsonb_build_object('objection_id', o.objection_id, 'claim', o.claim, 'value_asked', o.value_asked,
                                            'document', o.document, 'filed_at', o.filed_at) ORDER BY o.objection_id)
        FROM perf_eval.objection AS o
        WHERE o.year = c.year AND o.methodology = c.methodology AND o.body = c.body AND o.node = c.node
          AND o.decision IS NULL) AS open_objections
FROM perf_eval.result_body_card AS c
WHERE perf_eval.submits_for(c.body);
COMMENT ON COLUMN perf_eval.my_results.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.my_results.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.my_results.body IS 'Code of a state body the current role submits for';
COMMENT ON COLUMN perf_eval.my_results.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.my_results.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.my_results.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.my_results.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.my_results.score IS 'Score in points, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.my_results.maximum IS 'Maximum of the node in points under the methodology and body kind';
COMMENT ON COLUMN perf_eval.my_results.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.my_results.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...): what is missing';
COMMENT ON COLUMN perf_eval.my_results.missing_inputs IS 'Blocks only, for a block not assessed: the directions without a score and why, comma-separated';
COMMENT ON COLUMN perf_eval.my_results.zone IS 'Blocks only: efficiency zone of the unrounded score: high | medium | low | ineffective';
COMMENT ON COLUMN perf_eval.my_results.zone_order IS 'Blocks only: sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.my_results.rank IS 'Blocks only: rank among the bodies of the same kind in this result; NULL if not ranked';
COMMENT ON COLUMN perf_eval.my_results.n_ranked IS 'Blocks only: number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.my_results.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.my_results.open_objections IS 'The body''s objections to the node not yet decided (jsonb array: objection_id, claim, value_asked, document, filed_at)';
COMMENT ON VIEW perf_eval.my_results IS
'A body''s own results, for its submitters (perf_eval.body_submitter): every node of its preliminary, final and published results (and the latest where no assessment cycle exists) with the explanation, what is missing and its open objections';
COMMENT ON COLUMN perf_eval.my_results.score_shown IS 'Score rounded half away from zero (blocks to the decimals of the display setting block_score, other nodes to node_score)';

GRANT SELECT ON perf_eval.my_results TO perf_eval_submitter, perf_eval_reader;

-- Issue 19, item 6 (civil servants): the Kef % and grade shares of the civil-servant views are
-- display settings (kef_percent, grade_share; shipped as cs.present.kef_scale and present.share_scale),
-- read with perf_eval.display_decimals, no longer the methodology parameters
INSERT INTO perf_eval.display_setting (name, value, source, note, shipped_value)
SELECT s.name, s.value, s.source, s.note, s.value FROM (VALUES
('grade_share', 1, 'APA 2020 report §1.4, Table 1.4', 'decimals shown for a civil-servant grade''s share in % of the assessed'),
('kef_percent', 2, 'APA 2020 report, Appendix 3', 'decimals shown for a civil servant''s Kef and its statistics as % (84.505% shown 84.51)')) AS s(name, value, source, note);
GRANT SELECT ON perf_eval.display_setting TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;
CREATE OR REPLACE VIEW perf_eval.cs_sheet_result WITH (security_invoker = true) AS
SELECT s.body, p.period_id, p.year, e.employee_id, e.personnel_no, e.full_name, pos.unit,
       pos.title AS position, pos.tier, s.sheet_id, s.state AS sheet_state, s.exempt_reason,
       r.state AS result_state, r.kpis, r.kpis_achieved, r.kpi_part, r.competencies, r.competencies_met,
       r.competency_part, r.kef_raw, r.completed_tasks, r.total_tasks, r.plan_gate,
       r.computed_kef, r.revised_kef, coalesce(r.revised_kef, r.computed_kef) AS kef,
       round(100 * coalesce(r.revised_kef, r.computed_kef),
             perf_eval.display_decimals('kef_percent')) AS kef_pct,
       r.computed_grade, r.revised_grade, coalesce(r.revised_grade, r.computed_grade) AS grade,
       r.decision, r.decided_on, r.votes_yes, r.votes_no, r.members_present, r.members_voting,
       p.methodology, p.grade_methodology
FROM perf_eval.cs_assessment_sheet AS s
JOIN perf_eval.cs_assessment_period AS p ON p.period_id = s.period_id
JOIN perf_eval.cs_employee AS e ON e.employee_id = s.employee_id
JOIN perf_eval.cs_position AS pos ON pos.position_id = e.position_id
LEFT JOIN perf_eval.cs_result AS r ON r.sheet_id = s.sheet_id;
CREATE OR REPLACE VIEW perf_eval.cs_grade_distribution WITH (security_invoker = true) AS
WITH results AS (
    SELECT r.body, r.period_id, r.year, r.grade_methodology, r.grade, r.kef
    FROM perf_eval.cs_sheet_result AS r
    WHERE r.result_state IS NOT NULL
),
periods AS (
    SELECT DISTINCT x.body, x.period_id, x.year, x.grade_methodology, count(*) OVER w AS assessed
    FROM results AS x WINDOW w AS (PARTITION BY x.period_id)
),
grades AS (
    SELECT pr.*, g.grade, g.grade_order
    FROM periods AS pr CROSS JOIN LATERAL perf_eval.cs_grade_labels(pr.grade_methodology) AS g
    UNION ALL
    -- a plan with another number of KPIs than m2018's 5 has no grade
    SELECT pr.*, NULL, 1000 FROM periods AS pr
    WHERE EXISTS (SELECT 1 FROM results AS x WHERE x.period_id = pr.period_id AND x.grade IS NULL)
)
SELECT g.body, g.period_id, g.year, coalesce(g.grade, 'not graded') AS grade, g.grade_order,
       count(x.period_id) AS employees, g.assessed,
       round(100.0 * count(x.period_id) / g.assessed,
             perf_eval.display_decimals('grade_share')) AS share_pct,
       round(100 * avg(x.kef), perf_eval.display_decimals('kef_percent')) AS kef_mean_pct,
       round(100 * min(x.kef), perf_eval.display_decimals('kef_percent')) AS kef_min_pct,
       round(100 * max(x.kef), perf_eval.display_decimals('kef_percent')) AS kef_max_pct
FROM grades AS g
LEFT JOIN results AS x ON x.period_id = g.period_id AND x.grade IS NOT DISTINCT FROM g.grade
GROUP BY g.body, g.period_id, g.year, g.grade, g.grade_order, g.assessed;
CREATE OR REPLACE VIEW perf_eval.cs_kef_distribution WITH (security_invoker = true) AS
SELECT r.body, r.period_id, r.year, count(*) AS assessed,
       round(100 * avg(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_mean_pct,
       round(100 * min(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_min_pct,
       round(100 * percentile_disc(0.25) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.display_decimals('kef_percent')) AS kef_q1_pct,
       round(100 * percentile_disc(0.5) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.display_decimals('kef_percent')) AS kef_median_pct,
       round(100 * percentile_disc(0.75) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.display_decimals('kef_percent')) AS kef_q3_pct,
       round(100 * max(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_max_pct,
       count(*) FILTER (WHERE r.kef > 1) AS above_100_pct,
       count(*) FILTER (WHERE r.plan_gate = 1) AS plan_fulfilled,
       count(*) FILTER (WHERE r.plan_gate > 0 AND r.plan_gate < 1) AS plan_gate_reduced,
       count(*) FILTER (WHERE r.plan_gate = 0) AS plan_gate_zero,
       count(*) FILTER (WHERE r.decision = 'revised') AS revised_by_commission
FROM perf_eval.cs_sheet_result AS r
WHERE r.result_state IS NOT NULL
GROUP BY r.body, r.period_id, r.year;

-- Per body, period and level: results, grades, Kef and the consequences decided.
CREATE VIEW perf_eval.cs_level_report WITH (security_invoker = true) AS
WITH results AS (
    SELECT r.body, r.period_id, r.year, r.tier, r.sheet_id, r.grade, r.kef
    FROM perf_eval.cs_sheet_result AS r
    WHERE r.result_state IS NOT NULL AND r.result_state <> 'reopened'
),
grades AS (
    SELECT g.period_id, g.tier, jsonb_object_agg(g.grade, g.n) AS grades
    FROM (SELECT x.period_id, x.tier, coalesce(x.grade, 'not graded') AS grade, count(*) AS n
          FROM results AS x GROUP BY 1, 2, 3) AS g
    GROUP BY 1, 2
),
decisions AS (
    SELECT d.period_id, d.tier, jsonb_object_agg(d.decision, d.n) AS decisions, sum(d.n)::bigint AS recorded
    FROM (SELECT x.period_id, x.tier, c.decision, count(*) AS n
          FROM perf_eval.cs_consequence AS c JOIN results AS x USING (sheet_id) GROUP BY 1, 2, 3) AS d
    GROUP BY 1, 2
)
SELECT r.body, r.period_id, r.year, r.tier, t.tier_order, count(*) AS assessed, g.grades,
       round(100 * avg(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_mean_pct,
       round(100 * min(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_min_pct,
       round(100 * max(r.kef), perf_eval.display_decimals('kef_percent')) AS kef_max_pct,
       count(*) FILTER (WHERE r.kef = 0) AS kef_zero, count(*) FILTER (WHERE r.kef > 1) AS kef_above_100,
       coalesce(d.decisions, '{}') AS decisions, coalesce(d.recorded, 0) AS decisions_recorded
FROM results AS r
JOIN perf_eval.cs_position_tier AS t ON t.tier = r.tier
LEFT JOIN grades AS g ON g.period_id = r.period_id AND g.tier = r.tier
LEFT JOIN decisions AS d ON d.period_id = r.period_id AND d.tier = r.tier
GROUP BY r.body, r.period_id, r.year, r.tier, t.tier_order, g.grades, d.decisions, d.recorded;
COMMENT ON COLUMN perf_eval.cs_level_report.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_level_report.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_level_report.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_level_report.tier IS 'Level of the positions (perf_eval.cs_position_tier.tier)';
COMMENT ON COLUMN perf_eval.cs_level_report.tier_order IS 'Sort key of the level (senior management first)';
COMMENT ON COLUMN perf_eval.cs_level_report.assessed IS 'Employees of the level with a result (count; reopened results excluded)';
COMMENT ON COLUMN perf_eval.cs_level_report.grades IS 'Employees per final m2018 grade (jsonb: grade -> count; ''not graded'' when the plan had another number of KPIs)';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_mean_pct IS 'Mean final Kef of the level, %';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_min_pct IS 'Lowest final Kef of the level, %';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_max_pct IS 'Highest final Kef of the level, %';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_zero IS 'Results with Kef 0 (count)';
COMMENT ON COLUMN perf_eval.cs_level_report.kef_above_100 IS 'Results with Kef above 100 % (count)';
COMMENT ON COLUMN perf_eval.cs_level_report.decisions IS 'Consequences decided (jsonb: decision -> count)';
COMMENT ON COLUMN perf_eval.cs_level_report.decisions_recorded IS 'Consequences decided (count)';
COMMENT ON VIEW perf_eval.cs_level_report IS
'Per body, period and level of position: the distribution of grades, Kef and the consequences decided (APA 2020 report, chapter 4 conclusions, Table 4.3)';
GRANT SELECT ON perf_eval.cs_level_report
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission, perf_eval_reader;
COMMENT ON COLUMN perf_eval.cs_sheet_result.kef_pct IS 'Final Kef in %, rounded half away from zero to the decimals of the display setting kef_percent';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.share_pct IS 'Share of the assessed with the grade, %, rounded to the decimals of the display setting grade_share';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.kef_mean_pct IS 'Mean final Kef of the grade''s employees, %, rounded to the decimals of the display setting kef_percent';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_mean_pct IS 'Mean final Kef, %, rounded to the decimals of the display setting kef_percent';

-- Issue 19, item 2: input overrides of a what-if (76_what_if.sql; the value columns shared with
-- record_verification, 73_verification.sql). what_if (new in 1.1) is defined here only, with
-- inputs jsonb.
ALTER TABLE perf_eval.scratch_run ADD COLUMN inputs jsonb CHECK (jsonb_typeof(inputs) = 'array');
COMMENT ON COLUMN perf_eval.scratch_run.inputs IS 'Each overridden input value with the value the table held and the value used: [{relation, key, body, field, value, what_if}, ...]; NULL: no input override (the inputs were never changed)';
COMMENT ON COLUMN perf_eval.scratch_run.inputs_digest IS 'Digest of the inputs of the year under the version that the what-if computed, its input overrides applied (perf_eval.inputs_digest); equal to an official run''s digest means the same inputs';
COMMENT ON COLUMN perf_eval.scratch_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4), the overridden parameters marked (overrides) and, on every node of a body whose inputs were overridden, its input overrides (input_overrides)';
COMMENT ON TABLE perf_eval.scratch_run IS
'What-if runs (perf_eval.what_if): a year computed under a methodology with parameter and input overrides; never official, in no result or published view, removable with perf_eval.drop_what_if';
CREATE FUNCTION perf_eval.input_value_column(relation regclass, field text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    field_type text;
    value_columns text;
BEGIN
    WITH value_column AS (
        SELECT a.attname::text AS name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, a.attnum
        FROM pg_catalog.pg_attribute AS a
        LEFT JOIN perf_eval.input_relation AS i ON i.relation = input_value_column.relation
        WHERE a.attrelid = input_value_column.relation AND a.attnum > 0 AND NOT a.attisdropped
          AND a.attgenerated = '' AND a.attidentity = '' AND a.attname !~ '_(by|at)$'
          AND a.attname <> ALL (coalesce(perf_eval.key_columns(input_value_column.relation), '{}')
                                || ARRAY['body', coalesce(i.year_column, ''), coalesce(i.month_column, '')]))
    SELECT (SELECT c.type FROM value_column AS c WHERE c.name = input_value_column.field),
           (SELECT pg_catalog.string_agg(c.name, ', ' ORDER BY c.attnum) FROM value_column AS c)
    INTO field_type, value_columns;
    IF field_type IS NULL THEN
        RAISE EXCEPTION '% has no value column "%"', relation, coalesce(field, '(none)')
            USING ERRCODE = '42703',
                  HINT = pg_catalog.format('Name a value column of the row: %s (not a key column, not the body, year or month, not who or when loaded it).',
                                           coalesce(value_columns, 'none'));
    END IF;
    RETURN field_type;
END
$$;
COMMENT ON FUNCTION perf_eval.input_value_column(regclass, text) IS
'The type of a value column of an input relation, the columns perf_eval.record_verification and perf_eval.what_if may change: 42703 for a key column, the body, the year or month column, a generated or identity column, a column of who or when (name ending in _by or _at) or no column at all, listing the value columns';
CREATE OR REPLACE FUNCTION perf_eval.checked_input_overrides(year integer, inputs jsonb)
RETURNS TABLE (relation regclass, row_key jsonb, body text, field text, field_type text,
               value jsonb, what_if jsonb, what_if_text text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    example constant text := 'For example ''{"target_indicator": [{"key": {"body": "MH", "year": 2020, "indicator_code": "TI1"}, "set": {"fact": 120}}]}''; perf_eval.input_relation lists the input tables, perf_eval.key_columns(table) their keys.';
    t record;
    o jsonb;
    s record;
    input_row jsonb;
    row_year integer;
    seen text[] := '{}';
BEGIN
    IF inputs IS NULL THEN
        RETURN;
    END IF;
    IF jsonb_typeof(inputs) <> 'object' THEN
        RAISE EXCEPTION 'the input overrides must be a JSON object of input tables and the rows to change'
            USING ERRCODE = '22023', HINT = example;
    END IF;
    FOR t IN SELECT e.key, e.value FROM jsonb_each(inputs) AS e ORDER BY e.key LOOP
        BEGIN
            relation := pg_catalog.to_regclass(CASE WHEN t.key LIKE '%.%' THEN t.key ELSE 'perf_eval.' || t.key END);
        EXCEPTION WHEN invalid_name OR syntax_error THEN  -- "a.b.c.d", an unclosed quote: no such table either
            relation := NULL;
        END;
        IF relation IS NULL OR perf_eval.key_columns(relation) IS NULL OR jsonb_typeof(t.value) <> 'array' THEN
            RAISE EXCEPTION 'input override of "%": %', t.key,
                            CASE WHEN relation IS NULL THEN 'no such table'
                                 WHEN perf_eval.key_columns(relation) IS NULL THEN 'the table has no primary key to name a row by'
                                 ELSE 'the rows to change must be a JSON array' END
                USING ERRCODE = '22023', HINT = example;
        END IF;
        FOR o IN SELECT e.value FROM jsonb_array_elements(t.value) AS e LOOP
            IF jsonb_typeof(o) <> 'object' OR jsonb_typeof(o -> 'key') IS DISTINCT FROM 'object'
               OR jsonb_typeof(o -> 'set') IS DISTINCT FROM 'object' OR o - 'key' - 'set' <> '{}' OR o -> 'set' = '{}' THEN
                RAISE EXCEPTION 'input override of %: % is not {"key": {...}, "set": {...}}', relation, o
                    USING ERRCODE = '22023', HINT = example;
            END IF;
            input_row := perf_eval.input_row_of(relation, o -> 'key');
            SELECT p.row_key, p.year INTO row_key, row_year FROM perf_eval.input_row_place(relation, input_row) AS p;
            IF row_year IS DISTINCT FROM checked_input_overrides.year THEN
                RAISE EXCEPTION 'input override of % %: the row is of %, not of the what-if''s year %', relation, o -> 'key', row_year, year
                    USING ERRCODE = '22023', HINT = 'Name a row of the year the what-if computes.';
            END IF;
            body := input_row ->> 'body';
            FOR s IN SELECT e.key, e.value FROM jsonb_each(o -> 'set') AS e ORDER BY e.key LOOP
                field := s.key;
                field_type := perf_eval.input_value_column(relation, field);
                IF format('%s %s %s', relation, row_key, field) = ANY (seen) OR jsonb_typeof(s.value) NOT IN ('string', 'number', 'boolean', 'null') THEN
                    RAISE EXCEPTION 'input override of % % %: %', relation, row_key, field,
                                    CASE WHEN jsonb_typeof(s.value) NOT IN ('string', 'number', 'boolean', 'null')
                                         THEN 'the value must be a JSON string, number, boolean or null' ELSE 'given twice' END
                        USING ERRCODE = '22023', HINT = example;
                END IF;
                seen := seen || format('%s %s %s', relation, row_key, field);
                value := input_row -> field;
                what_if_text := s.value #>> '{}';
                BEGIN
                    EXECUTE format('SELECT pg_catalog.to_jsonb($1::%s)', field_type) INTO what_if USING what_if_text;
                EXCEPTION WHEN data_exception THEN
                    RAISE EXCEPTION 'input override of % % %: % is not a value of type %', relation, row_key, field, s.value, field_type
                        USING ERRCODE = '22023', DETAIL = SQLERRM, HINT = format('Give a value of type %s (now %s).', field_type, value);
                END;
                what_if := coalesce(what_if, 'null');
                RETURN NEXT;
            END LOOP;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.checked_input_overrides(integer, jsonb) IS
'The input overrides of a what-if {"<input table>": [{"key": {<key columns>}, "set": {<column>: value}}, ...]} as one row per value (relation, the row''s key, body, column and type, the value the row holds, the value given as jsonb and as text), checked as perf_eval.record_verification checks a verification: 22023 for a table that is not an input relation or has no primary key, a malformed override, a row of another year, a value given twice or not of the column''s type; P0002 (21000) when the key names no row (several rows); 42703 when the column is not a value column (perf_eval.input_value_column)';
CREATE FUNCTION perf_eval.what_if(year integer, methodology text, overrides jsonb DEFAULT '{}', note text DEFAULT NULL,
                                  inputs jsonb DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    new_run bigint := nextval(pg_get_serial_sequence('perf_eval.run', 'run_id'));
    fork text;
    started timestamptz := clock_timestamp();
    input_changes jsonb;
    o record;
    digest text;
    tree jsonb;
    computed boolean := false;
BEGIN
    IF year IS NULL THEN
        RAISE EXCEPTION 'a what-if needs a year' USING ERRCODE = '22004', HINT = 'SELECT perf_eval.what_if(2020, ''kz2020'', ''{"key": value}'').';
    END IF;
    SELECT jsonb_agg(jsonb_build_object('relation', c.relation::text, 'key', c.row_key, 'body', c.body, 'field', c.field,
                                        'field_type', c.field_type, 'value', c.value, 'what_if', c.what_if, 'what_if_text', c.what_if_text)
                     ORDER BY c.relation::text, c.row_key::text, c.field)
    INTO input_changes FROM perf_eval.checked_input_overrides(year, inputs) AS c;
    fork := perf_eval.scratch_fork(v, overrides, 'what_if_' || new_run);
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.recalculate'), year);
    -- The monthly states brought up to date, the input overrides and the
    -- computation, undone together (the registries' dirty marks stay): the
    -- tree leaves the subtransaction in a variable; PEW01 is raised here only.
    BEGIN
        PERFORM perf_eval.refresh_monthly_tallies(year);
        -- One update per row, so that the table's checks see its values together.
        FOR o IN SELECT c.relation, c.key, string_agg(format('%I = %L::%s', c.field, c.what_if_text, c.field_type), ', ') AS sets
                 FROM jsonb_to_recordset(coalesce(input_changes, '[]'))
                      AS c(relation regclass, key jsonb, field text, field_type text, what_if_text text)
                 GROUP BY c.relation, c.key LOOP
            EXECUTE format('UPDATE %s AS t SET %s WHERE pg_catalog.to_jsonb(t) @> $1', o.relation, o.sets) USING o.key;
        END LOOP;
        digest := perf_eval.inputs_digest(what_if.year, v);
        CALL perf_eval.compute_work(year, fork, perf_eval.param_text(fork, 'policy.clamp'));
        SELECT jsonb_agg(jsonb_build_object('body', w.body, 'node', w.node, 'value', trim_scale(w.value),
                                            'raw_value', trim_scale(w.raw_value), 'origin', w.origin, 'superseded', w.superseded,
                                            'reason', w.reason, 'explanation', w.explanation,
                                            'zone', CASE WHEN n.level = 'block' AND w.value IS NOT NULL
                                                         THEN perf_eval.efficiency_zone(w.value, fork) END))
        INTO tree FROM pg_temp.pe_work AS w JOIN perf_eval.score_node AS n ON n.code = w.node;
        computed := true;
        RAISE EXCEPTION 'what-if % computed', new_run
            USING ERRCODE = 'PEW01', HINT = 'Raised and caught inside perf_eval.what_if to undo its input overrides.';
    EXCEPTION WHEN SQLSTATE 'PEW01' THEN
        IF NOT computed THEN
            RAISE;
        END IF;
    END;
    INSERT INTO perf_eval.scratch_run (run_id, year, methodology, overrides, parameters, note, inputs_digest, started_at,
                                       bodies_scored, nodes_scored, inputs)
    SELECT new_run, what_if.year, v, overrides,
           (SELECT coalesce(jsonb_agg(jsonb_build_object('key', c.key, 'value', c.version_value, 'what_if', c.value) ORDER BY c.key), '[]')
            FROM perf_eval.checked_overrides(v, overrides) AS c),
           what_if.note, digest, started,
           (SELECT count(DISTINCT t.body) FROM jsonb_to_recordset(tree) AS t(body text)), coalesce(jsonb_array_length(tree), 0),
           (SELECT jsonb_agg(c - 'field_type' - 'what_if_text') FROM jsonb_array_elements(input_changes) AS c);
    INSERT INTO perf_eval.scratch_score (run_id, body, node, value, raw_value, origin, superseded, status, reason, zone, explanation)
    SELECT new_run, t.body, t.node, t.value, t.raw_value, t.origin, t.superseded,
           CASE WHEN t.value IS NULL THEN 'not_assessable' ELSE 'ok' END, t.reason, t.zone,
           jsonb_build_object('node', t.node, 'body', t.body, 'year', what_if.year, 'methodology', v, 'what_if', new_run,
                              'overrides', overrides)
           || coalesce((SELECT jsonb_build_object('input_overrides', jsonb_agg(c - 'body' - 'field_type' - 'what_if_text'))
                        FROM jsonb_array_elements(input_changes) AS c WHERE c ->> 'body' = t.body HAVING count(*) > 0), '{}')
           || t.explanation
    FROM jsonb_to_recordset(tree) AS t(body text, node text, value numeric, raw_value numeric, origin text, superseded boolean,
                                       reason text, zone text, explanation jsonb);
    PERFORM perf_eval.drop_scratch_fork(fork);
    RETURN new_run;
END
$$;
COMMENT ON FUNCTION perf_eval.what_if(integer, text, jsonb, text, jsonb) IS
'Computes a year under a methodology (NULL: the default) with parameter overrides {"key": value, ...} and input overrides {"<input table>": [{"key": {<key columns>}, "set": {<column>: value}}, ...]} as a what-if run that is never official (perf_eval.scratch_run, perf_eval.scratch_score) and returns its run id; the overrides are checked as methodology editing checks a fork, the input overrides as a verification is (perf_eval.checked_input_overrides), 22023 naming the problem; the input rows are changed only inside a subtransaction that is rolled back once the tree is computed, so no input, input history row or registry dirty mark changes; compare it with perf_eval.compare_runs, remove it with perf_eval.drop_what_if';
REVOKE EXECUTE ON FUNCTION perf_eval.what_if(integer, text, jsonb, text, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.what_if(integer, text, jsonb, text, jsonb) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.checked_input_overrides(integer, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.checked_input_overrides(integer, jsonb) TO perf_eval_admin;


-- Issue 19 item 6: a civil servant's explanation and the risk signals on
-- display settings (kef_percent; risk_score replaces the unreleased
-- parameter risk.present_scale). The SQL functions below read
-- perf_eval.display_decimals, so they are created here, after the
-- display-settings section, rather than where 1.1 first defined them.
INSERT INTO perf_eval.display_setting (name, value, source, note, shipped_value) VALUES
('risk_score', 4, 'docs/methodology.md §9.5', 'decimals shown for the values, points and statistics of the risk signals and the risk score (the ranking uses the exact sums); no source sets it (assumed)', 4);
UPDATE perf_eval.display_setting
SET note = 'decimals shown for a civil servant''s Kef, its parts and its statistics as % (84.505% shown 84.51)'
WHERE name = 'kef_percent';
COMMENT ON COLUMN perf_eval.display_setting.name IS 'Name of the setting: block_score | node_score | group_mean | zone_share | grade_share | kef_percent | risk_score';
CREATE OR REPLACE FUNCTION perf_eval.cs_result_reasons(r perf_eval.cs_result, v text, grade_v text, plan_pct numeric, band text,
                                            mean_factor numeric)
RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_remove(ARRAY[
        format('Kef %s %% = (%s × KPI part %s %% + %s × competency part %s %%) × plan gate %s, under %s.',
               round(100 * r.computed_kef, d.kef), perf_eval.param_numeric(v, 'cs.kef.w_kpi'), round(100 * r.kpi_part, d.kef),
               perf_eval.param_numeric(v, 'cs.kef.w_competency'), round(100 * r.competency_part, d.kef), r.plan_gate, v),
        format('KPI part %s %%: the mean over %s KPIs of (c/2 + q/3 + t/1)/3 × difficulty factor (1 + d/6); the mean factor is %s.',
               round(100 * r.kpi_part, d.kef), r.kpis, round(mean_factor, 4)),
        format('Competency part %s %%: %s of %s competencies meet expectations (3/4 of their behavioural indicators or more); one that does not counts %s.',
               round(100 * r.competency_part, d.kef), r.competencies_met, r.competencies,
               perf_eval.param_numeric(v, 'cs.kef.not_meet_value')),
        format('Plan executed: %s of %s tasks = %s %%; the band "%s" of cs.kef.plan_gate gives the gate %s.',
               r.completed_tasks, r.total_tasks, round(plan_pct, 2), band, r.plan_gate),
        CASE WHEN r.computed_kef = 0 AND r.plan_gate = 0 THEN
            format('Kef is 0 because the plan was executed at %s %%, in the band "%s": below it the efficiency ratio is zero whatever the KPIs and competencies, and administrative decisions apply (APA 2020 report, Appendix 4, paragraph 28).',
                   round(plan_pct, 2), band)
             WHEN r.computed_kef = 0 THEN
            'Kef is 0 because every KPI and every competency scored 0.' END,
        CASE WHEN r.computed_kef > 1 THEN
            format('Kef exceeds 100 %% because the difficulty factor (1 + d/6, up to 2) multiplies each KPI''s score: with a mean factor of %s the KPI part reaches %s %%, and the draft methodology caps neither the KPI part nor Kef (APA 2020 report, Appendix 3).',
                   round(mean_factor, 4), round(100 * r.kpi_part, d.kef)) END,
        CASE WHEN r.computed_grade IS NULL THEN
            format('No m2018 grade: the rule of %s needs exactly %s KPIs and the plan has %s.', grade_v,
                   perf_eval.param_numeric(grade_v, 'cs.m2018.kpi_count'), r.kpis)
             ELSE
            format('Grade %s: %s of %s KPIs met their plan (the current rule of %s counts only that); Kef follows the draft methodology, which also weighs quality, timeliness, difficulty, competencies and plan execution, so the two may disagree.',
                   r.computed_grade, r.kpis_achieved, r.kpis, grade_v) END,
        CASE WHEN r.decision = 'revised' THEN
            format('The commission revised the result (votes %s:%s): %s.', r.votes_yes, r.votes_no,
                   concat_ws(', ', 'Kef ' || round(100 * r.revised_kef, d.kef) || ' %', 'grade ' || r.revised_grade)) END
    ], NULL)
    FROM (SELECT perf_eval.display_decimals('kef_percent') AS kef) AS d
$$;
COMMENT ON FUNCTION perf_eval.cs_result_reasons(perf_eval.cs_result, text, text, numeric, text, numeric) IS
'The sentences that explain a result: Kef, KPI part, competency part (in % at the display setting kef_percent''s decimals), plan gate and band, a zero Kef or one above 100 % with the reason, the grade, the commission''s revision';
CREATE OR REPLACE FUNCTION perf_eval.risk_score_jumps(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH h AS (SELECT * FROM perf_eval.block_score_history($1, $2)),
    cur AS (SELECT h.body, h.kind, h.block, h.score,
                   ARRAY(SELECT e.score FROM h AS e WHERE e.body = h.body AND e.block = h.block AND e.year < $1
                         ORDER BY e.year) AS own,
                   h.score - (SELECT p.score FROM h AS p WHERE p.body = h.body AND p.block = h.block AND p.year = $1 - 1)
                       AS change
            FROM h WHERE h.year = $1),
    z AS (SELECT c.body, c.block, 'jump_own' AS signal, c.score AS x, cardinality(c.own) AS n,
                 perf_eval.robust_z(c.score, c.own, perf_eval.param_numeric($2, 'risk.z_scale')) AS z
          FROM cur AS c WHERE cardinality(c.own) >= perf_eval.param_numeric($2, 'risk.jump_min_values')
          UNION ALL
          SELECT c.body, c.block, 'jump_peers', c.change, cardinality(p.changes),
                 perf_eval.robust_z(c.change, p.changes, perf_eval.param_numeric($2, 'risk.z_scale'))
          FROM cur AS c
          CROSS JOIN LATERAL (SELECT ARRAY(SELECT o.change FROM cur AS o
                                           WHERE o.kind = c.kind AND o.block = c.block AND o.change IS NOT NULL) AS changes) AS p
          WHERE c.change IS NOT NULL AND cardinality(p.changes) >= perf_eval.param_numeric($2, 'risk.jump_min_values'))
    SELECT z.body, z.signal,
           max(CASE WHEN abs(z.z) >= perf_eval.param_numeric($2, 'risk.z_threshold') THEN 1 ELSE 0 END)::numeric,
           pg_catalog.jsonb_build_object(
               'blocks', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                   'block', z.block, CASE z.signal WHEN 'jump_own' THEN 'score' ELSE 'change' END, z.x,
                   'z', round(z.z, perf_eval.display_decimals('risk_score')), 'compared_with', z.n) ORDER BY z.block),
               'threshold', perf_eval.param_numeric($2, 'risk.z_threshold'))
    FROM z WHERE z.z IS NOT NULL
    GROUP BY z.body, z.signal
$$;
COMMENT ON FUNCTION perf_eval.risk_score_jumps(integer, text) IS
'Risk signals jump_own (a block score against the body''s own earlier years) and jump_peers (its change since last year against the changes of the bodies of its kind): 1 when the robust z-score of any block reaches risk.z_threshold in absolute value, computed from at least risk.jump_min_values values (docs/methodology.md §9.5)';
CREATE OR REPLACE FUNCTION perf_eval.risk_registry_mismatch(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH pairs AS (
        SELECT c.body, 'complaints considered' AS count, c.considered AS reported,
               (perf_eval.complaint_tally_of_year(c.body, $1)).considered AS registry
        FROM perf_eval.complaint_counts AS c
        WHERE c.year = $1 AND EXISTS (SELECT 1 FROM perf_eval.complaint_tally_monthly AS m
                                      WHERE m.body = c.body AND m.month >= make_date($1, 1, 1) AND m.month < make_date($1 + 1, 1, 1))
        UNION ALL
        SELECT s.body, 'service deliveries', s.deliveries, (perf_eval.service_tally_of_year(s.body, $1)).deliveries
        FROM perf_eval.service_counts AS s
        WHERE s.year = $1 AND EXISTS (SELECT 1 FROM perf_eval.service_tally_monthly AS m
                                      WHERE m.body = s.body AND m.month >= make_date($1, 1, 1) AND m.month < make_date($1 + 1, 1, 1))),
    judged AS (
        SELECT p.*, abs(p.reported - p.registry)::numeric / nullif(p.registry, 0) AS difference,
               coalesce(abs(p.reported - p.registry)::numeric / nullif(p.registry, 0)
                            > perf_eval.param_numeric($2, 'risk.registry_threshold'),
                        p.reported <> p.registry) AS disagrees
        FROM pairs AS p)
    SELECT j.body, 'registry_mismatch', max(CASE WHEN j.disagrees THEN 1 ELSE 0 END)::numeric,
           pg_catalog.jsonb_build_object('counts', pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
               'count', j.count, 'reported', j.reported, 'registry', j.registry,
               'difference', trim_scale(round(j.difference, perf_eval.display_decimals('risk_score'))), 'disagrees', j.disagrees) ORDER BY j.count),
               'threshold', perf_eval.param_numeric($2, 'risk.registry_threshold'))
    FROM judged AS j GROUP BY j.body
$$;
COMMENT ON FUNCTION perf_eval.risk_registry_mismatch(integer, text) IS
'Risk signal registry_mismatch: a body''s reported complaints considered and service deliveries against the tallies of the registries'' stored monthly states (where the registry has any for the body-year; refresh_monthly_tallies first), 1 when |reported - registry| / registry exceeds risk.registry_threshold; both numbers shown (docs/methodology.md §9.5)';
CREATE OR REPLACE FUNCTION perf_eval.risk_benford(year integer, methodology text)
RETURNS TABLE (body text, signal text, value numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH digits AS (
        SELECT n.body, substr(regexp_replace(abs(n.value)::text, '^[0.]+', ''), 1, 1)::integer AS digit
        FROM perf_eval.reported_counts($1) AS n WHERE n.value <> 0),
    counts AS (SELECT d.body, count(*) AS n FROM digits AS d GROUP BY d.body
               HAVING count(*) >= perf_eval.param_numeric($2, 'risk.benford_min_count')),
    deviation AS (
        SELECT c.body, c.n,
               avg(abs((SELECT count(*) FROM digits AS d WHERE d.body = c.body AND d.digit = g.digit)::numeric / c.n
                       - log(1 + 1 / g.digit::numeric))) AS mad
        FROM counts AS c CROSS JOIN generate_series(1, 9) AS g(digit)
        GROUP BY c.body, c.n)
    SELECT v.body, 'benford',
           CASE WHEN v.mad > perf_eval.param_numeric($2, 'risk.benford_threshold') THEN 1 ELSE 0 END::numeric,
           pg_catalog.jsonb_build_object('counts', v.n, 'mean_absolute_deviation', round(v.mad, perf_eval.display_decimals('risk_score')),
                                         'threshold', perf_eval.param_numeric($2, 'risk.benford_threshold'))
    FROM deviation AS v
$$;
COMMENT ON FUNCTION perf_eval.risk_benford(integer, text) IS
'Risk signal benford: the mean absolute deviation of the first-digit shares of a body''s reported non-zero counts of a year from Benford''s law log10(1 + 1/d), where there are at least risk.benford_min_count of them; 1 when it exceeds risk.benford_threshold (docs/methodology.md §9.5)';
CREATE OR REPLACE FUNCTION perf_eval.risk_signals(year integer, methodology text DEFAULT NULL)
RETURNS TABLE (body text, signal text, value numeric, weight numeric, points numeric, detail jsonb)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.body, s.signal, s.value, w.weight, s.value * w.weight, s.detail
    FROM (SELECT perf_eval.resolve_methodology($2) AS v) AS m
    CROSS JOIN LATERAL (
        SELECT * FROM perf_eval.risk_indicator_shares($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_score_jumps($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_registry_mismatch($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_benford($1, m.v)
        UNION ALL SELECT * FROM perf_eval.risk_last_findings($1)) AS s
    CROSS JOIN LATERAL (SELECT perf_eval.param_numeric(m.v, 'risk.weight.' || s.signal) AS weight) AS w
    ORDER BY s.body, s.signal
$$;
COMMENT ON FUNCTION perf_eval.risk_signals(integer, text) IS
'Every risk signal of every body in a year: its value (a share, or 1/0 for a test), the weight risk.weight.<signal> of the methodology (NULL: the default) and the points value x weight, with the numbers it comes from (docs/methodology.md §9.5)';
CREATE OR REPLACE FUNCTION perf_eval.reverification_candidates(year integer, n integer, methodology text DEFAULT NULL)
RETURNS TABLE (rank bigint, body text, name_en text, risk_score numeric, signals jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v constant text := perf_eval.resolve_methodology(methodology);
    shown integer;
BEGIN
    IF year IS NULL OR n IS NULL OR n < 1 THEN
        RAISE EXCEPTION 'reverification_candidates needs a year and a number of bodies of at least 1'
            USING ERRCODE = '22023', HINT = 'e.g. SELECT * FROM perf_eval.reverification_candidates(2020, 5);';
    END IF;
    shown := perf_eval.display_decimals('risk_score');
    RETURN QUERY
    SELECT row_number() OVER (ORDER BY x.score DESC, x.body), x.body, b.name_en, trim_scale(round(x.score, shown)), x.signals
    FROM (SELECT s.body, sum(s.points) AS score,
                 pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
                     'signal', s.signal, 'value', trim_scale(round(s.value, shown)), 'weight', s.weight,
                     'points', trim_scale(round(s.points, shown)), 'detail', s.detail)
                     ORDER BY s.points DESC, s.signal) FILTER (WHERE s.points > 0) AS signals
          FROM perf_eval.risk_signals(year, v) AS s
          GROUP BY s.body HAVING sum(s.points) > 0) AS x
    JOIN perf_eval.body AS b ON b.code = x.body
    ORDER BY x.score DESC, x.body
    LIMIT n;
END
$$;
COMMENT ON FUNCTION perf_eval.reverification_candidates(integer, integer, text) IS
'The n bodies of a year whose reports to re-verify first: ranked by risk score (the exact sum of their weighted risk signals, perf_eval.risk_signals; shown rounded to the display setting risk_score''s decimals), ties by body code; each with the signals that put it there (value, weight, points, the numbers behind it). Bodies without risk are not listed (docs/methodology.md §9.5)';
REVOKE EXECUTE ON FUNCTION perf_eval.risk_signals(integer, text), perf_eval.reverification_candidates(integer, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.risk_signals(integer, text), perf_eval.reverification_candidates(integer, integer, text) TO perf_eval_editor;

-- Explanations read their parameters through PL/pgSQL functions (plans kept for the session)
CREATE OR REPLACE FUNCTION perf_eval.param_explanation(methodology text, keys text[])
RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'key', p.key, 'value', p.value, 'provenance', p.provenance, 'source', p.source,
                       'assumed', p.provenance = 'assumed') ORDER BY p.key), '[]'::jsonb)
            FROM perf_eval.methodology_param AS p
            WHERE p.methodology = param_explanation.methodology AND p.key = ANY (param_explanation.keys));
END
$$;
COMMENT ON FUNCTION perf_eval.param_explanation(text, text[]) IS
'The named parameters of a methodology as a jsonb array of {key, value, provenance, source, assumed} (docs/methodology.md §0.5, §9.4)';
CREATE OR REPLACE FUNCTION perf_eval.goals_param_object(methodology text, key text)
RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- PL/pgSQL for the reason given at param_explanation.
    RETURN (SELECT jsonb_build_object('key', p.key, 'value', p.value, 'provenance', p.provenance, 'source', p.source,
                                      'assumed', p.provenance = 'assumed')
            FROM perf_eval.methodology_param AS p
            WHERE p.methodology = goals_param_object.methodology AND p.key = goals_param_object.key);
END
$$;
COMMENT ON FUNCTION perf_eval.goals_param_object(text, text) IS
'One parameter of a methodology as the explanation object {key, value, provenance, source, assumed} (docs/methodology.md §0.5, §9.4)';
