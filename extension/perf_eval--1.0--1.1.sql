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
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'R1', 'text', 'R1 = k·(p − S·f)/p'),
            'clause', (SELECT p.source FROM perf_eval.methodology_param AS p
                       WHERE p.methodology = v AND p.key = 'complaints.r1.scale'),
            'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r1.k', 'complaints.r1.scale', 'policy.zero_volume']));

    IF tiered THEN
        higher := CASE WHEN perf_eval.param_boolean(v, 'complaints.r2.count_higher_authority')
                       THEN (tally).higher_authority_satisfied ELSE 0 END;
        raw := perf_eval.complaint_court_score_tiered((tally).court_satisfied, higher, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_text(v, 'complaints.r2.tiers'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'R2_2017', 'text', 'R2 = k·(b − S(b)·(a + c))/b'),
                'clause', 'APA 2020 report §2.2, Table 2.3', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r2.k', 'complaints.r2.tiers',
                    'complaints.r2.count_higher_authority', 'policy.zero_volume']));
    ELSE
        raw := perf_eval.complaint_court_score((tally).court_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_numeric(v, 'complaints.r2.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'R2', 'text', 'R2 = k·(p − S·a)/p'),
                'clause', 'APA 2020 report §2.5', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r2.k', 'complaints.r2.scale',
                    'policy.zero_volume']));
    END IF;

    IF has_r3 THEN
        raw := perf_eval.complaint_repeat_score((tally).repeated_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r3.k'), perf_eval.param_numeric(v, 'complaints.r3.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.repeat', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'R3', 'text', 'R3 = k·(m − S·n)/m'),
                'clause', 'APA 2020 report §2.5', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r3.k', 'complaints.r3.scale',
                    'policy.zero_volume']));
    ELSE
        -- kz2017: "share of satisfied complaints", a criterion the seeds do not define: supplied only.
        RETURN QUERY SELECT 'interaction.complaints.repeat', NULL::numeric, 'supplied_only',
            jsonb_build_object('formula', jsonb_build_object('id', 'R3_2017', 'text', 'supplied by the assessor'),
                               'clause', 'APA 2020 report §2.2', 'inputs', inputs,
                               'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r3.k']));
    END IF;

    IF has_r4 THEN
        raw := perf_eval.complaint_internal_control_points((tally).late_disciplined, (tally).late,
                   perf_eval.param_text(v, 'complaints.r4.bands'), 'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.internal_control', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', CASE WHEN apa THEN 'internal_audit' ELSE 'R4' END,
                                              'text', 'R4 = bands(100·d/f)'),
                'clause', 'APA 2020 report §2.5', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r4.bands', 'policy.zero_volume']));
    END IF;

    IF apa THEN
        -- One-time acceptance needs the service-delivery registry (extra documents per 100 000).
        RETURN QUERY SELECT 'interaction.complaints.one_time_acceptance', NULL::numeric, 'no_data',
            jsonb_build_object('formula', jsonb_build_object('id', 'one_time_acceptance',
                                   'text', 'pts·scale(extra-document requests per 100 000 deliveries)'),
                               'clause', 'APA 2020 report, chapter 2 recommendations', 'inputs', inputs,
                               'parameters', perf_eval.param_explanation(v, ARRAY['complaints.one_time_acceptance.pts',
                                   'complaints.one_time_acceptance.scale']));
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_criteria(perf_eval.complaint_tally, text, text) IS
'Raw R1-R4 (and the kz2020_apa criteria) of one complaint tally under a methodology (NULL: the setting perf_eval.methodology, else the default version), with explanations: formula, clause, inputs, parameters with provenance; the tally is checked by checked_tally: a negative count 22003, a part larger than its whole 22023 (docs/methodology.md §4.4, §4.5)';

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

CREATE OR REPLACE FUNCTION perf_eval.refresh_monthly_tallies(year integer)
RETURNS integer
LANGUAGE plpgsql
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    first_day     date;
    next_year     date;
    bodies        text[];          -- the dirty pairs of one registry: bodies[i], months[i]
    months        date[];
    dirty_months  date[];          -- the distinct months among them, ascending
    rescanned     integer := 0;
    -- From this many marked months of a registry on, one pass over it
    -- (registry_scan) is cheaper than month by month through the BRIN index.
    full_scan_months integer := perf_eval.refresh_full_scan_months();
    fresh_bodies            text[];
    fresh_months            date[];
    fresh_complaint_tallies perf_eval.complaint_tally[];
    fresh_service_tallies   perf_eval.service_tally[];
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
    -- Under REPEATABLE READ the snapshot may predate the lock below, and a
    -- pair cleared here could lose rows committed just before it.
    IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'refresh_monthly_tallies needs read committed isolation'
            USING ERRCODE = '0A000',
                  DETAIL = format('The transaction runs at %s.', pg_catalog.current_setting('transaction_isolation')),
                  HINT = 'Call it in a READ COMMITTED transaction (the default), e.g. from CALL perf_eval.recalculate.';
    END IF;
    first_day := pg_catalog.make_date(year, 1, 1);
    next_year := pg_catalog.make_date(year + 1, 1, 1);

    -- Writers wait until the refresh commits (and refreshes wait for each
    -- other); every row committed before the lock is read, and every row
    -- written after it marks its pair again. Readers are not blocked.
    LOCK TABLE perf_eval.complaint_record, perf_eval.service_delivery IN SHARE ROW EXCLUSIVE MODE;

    -- For each registry: take the year's marks, drop their states, and
    -- aggregate the rows of the marked months by (body, month), keeping the
    -- marked pairs (the date range lets the BRIN index skip other months). The aggregation is a dynamic SELECT on purpose: a
    -- PL/pgSQL SELECT INTO asks for at most 2 rows and INSERT ... SELECT is
    -- never parallel in PostgreSQL 15, and both would then run in one process.
    -- A pair whose rows are all gone keeps no state (its merge gives zero).

    -- Complaints: by month of answered_on, the dated form of the aggregate.
    WITH cleared AS (
        DELETE FROM perf_eval.registry_dirty_month AS d
        WHERE d.registry = 'complaint_record' AND d.month >= first_day AND d.month < next_year
        RETURNING d.body, d.month)
    SELECT array_agg(p.body ORDER BY p.body, p.month), array_agg(p.month ORDER BY p.body, p.month),
           array_agg(DISTINCT p.month ORDER BY p.month)
    INTO bodies, months, dirty_months
    FROM (SELECT DISTINCT c.body, c.month FROM cleared AS c) AS p;
    IF bodies IS NOT NULL THEN
        DELETE FROM perf_eval.complaint_tally_monthly AS m
        USING unnest(bodies, months) AS p(body, month)
        WHERE m.body = p.body AND m.month = p.month;
        IF pg_catalog.cardinality(dirty_months) >= full_scan_months THEN
            SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
            INTO fresh_bodies, fresh_months, fresh_complaint_tallies
            FROM perf_eval.complaint_tallies_by_month(dirty_months[1],
                     (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date) AS s
            WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest(bodies, months) AS p(body, month));
        ELSE
            EXECUTE $query$
                SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
                FROM (SELECT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month,
                             perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied,
                                                           r.higher_authority_satisfied, r.repeated_satisfied,
                                                           r.disciplinary_action) AS tally
                      FROM perf_eval.complaint_record AS r
                      WHERE r.answered_on >= $4 AND r.answered_on < $5
                        AND pg_catalog.date_trunc('month', r.answered_on::timestamp)::date = ANY ($3)
                      GROUP BY 1, 2) AS s
                WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest($1, $2) AS p(body, month))
            $query$
            INTO fresh_bodies, fresh_months, fresh_complaint_tallies
            USING bodies, months, dirty_months, dirty_months[1],
                  (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date;
        END IF;
        -- Rows with impossible dates (the partial index complaint_record_impossible_dates)
        -- are taken out of the states: the recalculation reports them in run_problems.
        INSERT INTO perf_eval.complaint_tally_monthly (body, month, tally)
        SELECT f.body, f.month,
               CASE WHEN bad.tally IS NULL THEN f.tally
                    ELSE ROW((f.tally).considered - (bad.tally).considered, (f.tally).late - (bad.tally).late,
                             (f.tally).court_satisfied - (bad.tally).court_satisfied,
                             (f.tally).higher_authority_satisfied - (bad.tally).higher_authority_satisfied,
                             (f.tally).repeated_satisfied - (bad.tally).repeated_satisfied,
                             (f.tally).late_disciplined - (bad.tally).late_disciplined)::perf_eval.complaint_tally
               END
        FROM (SELECT fresh_bodies[i] AS body, fresh_months[i] AS month, fresh_complaint_tallies[i] AS tally
              FROM pg_catalog.generate_subscripts(fresh_bodies, 1) AS i) AS f
        LEFT JOIN (SELECT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month,
                          perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied,
                                                        r.higher_authority_satisfied, r.repeated_satisfied,
                                                        r.disciplinary_action) AS tally
                   FROM perf_eval.complaint_record AS r
                   WHERE r.answered_on >= dirty_months[1]
                     AND r.answered_on < (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date
                     AND (r.answered_on < r.received_on OR r.deadline < r.received_on
                          OR NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline))
                   GROUP BY 1, 2) AS bad
               ON bad.body = f.body AND bad.month = f.month
        WHERE bad.tally IS NULL OR (f.tally).considered > (bad.tally).considered;
        rescanned := rescanned + pg_catalog.cardinality(bodies);
    END IF;

    -- Deliveries: by month of delivered_on.
    WITH cleared AS (
        DELETE FROM perf_eval.registry_dirty_month AS d
        WHERE d.registry = 'service_delivery' AND d.month >= first_day AND d.month < next_year
        RETURNING d.body, d.month)
    SELECT array_agg(p.body ORDER BY p.body, p.month), array_agg(p.month ORDER BY p.body, p.month),
           array_agg(DISTINCT p.month ORDER BY p.month)
    INTO bodies, months, dirty_months
    FROM (SELECT DISTINCT c.body, c.month FROM cleared AS c) AS p;
    IF bodies IS NOT NULL THEN
        DELETE FROM perf_eval.service_tally_monthly AS m
        USING unnest(bodies, months) AS p(body, month)
        WHERE m.body = p.body AND m.month = p.month;
        IF pg_catalog.cardinality(dirty_months) >= full_scan_months THEN
            SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
            INTO fresh_bodies, fresh_months, fresh_service_tallies
            FROM perf_eval.service_tallies_by_month(dirty_months[1],
                     (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date) AS s
            WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest(bodies, months) AS p(body, month));
        ELSE
            EXECUTE $query$
                SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
                FROM (SELECT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month,
                             perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal,
                                                         r.incomplete_package, r.extra_documents, r.electronic,
                                                         r.quality_appeal_justified) AS tally
                      FROM perf_eval.service_delivery AS r
                      WHERE r.delivered_on >= $4 AND r.delivered_on < $5
                        AND pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date = ANY ($3)
                      GROUP BY 1, 2) AS s
                WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest($1, $2) AS p(body, month))
            $query$
            INTO fresh_bodies, fresh_months, fresh_service_tallies
            USING bodies, months, dirty_months, dirty_months[1],
                  (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date;
        END IF;
        INSERT INTO perf_eval.service_tally_monthly (body, month, tally)
        SELECT fresh_bodies[i], fresh_months[i], fresh_service_tallies[i]
        FROM pg_catalog.generate_subscripts(fresh_bodies, 1) AS i;
        rescanned := rescanned + pg_catalog.cardinality(bodies);
    END IF;

    RETURN rescanned;
END
$$;
COMMENT ON FUNCTION perf_eval.refresh_monthly_tallies(integer) IS
'Recomputes the monthly partial states of the (registry, body, month) pairs of a year marked in registry_dirty_month, and only those, leaving out complaints with impossible dates (listed by each recalculation in run_problems); returns how many pairs were rescanned (docs/methodology.md §7.2)';

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

CREATE OR REPLACE VIEW perf_eval.run_health AS
WITH last_run AS (
    SELECT DISTINCT ON (r.year, r.methodology) r.*
    FROM perf_eval.run AS r
    ORDER BY r.year, r.methodology, r.run_id DESC
)
SELECT l.year, l.methodology,
       l.run_id AS last_run_id, l.status AS last_status, l.started_at AS last_started_at,
       l.finished_at - l.started_at AS last_duration, l.error_message AS last_error,
       c.run_id AS current_run_id, c.finished_at AS last_success_at,
       CASE
           WHEN l.status = 'failed' THEN 'last run failed'
           WHEN c.run_id IS NULL THEN 'no successful run'
           WHEN c.finished_at < now() - interval '1 day'
                AND (l.status <> 'unchanged' OR l.finished_at < now() - interval '1 day')
               THEN 'last successful run older than a day'
           WHEN l.status = 'running' AND l.started_at < now() - interval '1 hour' THEN 'run in progress for over an hour'
           WHEN p.rows > 0 THEN 'registry rows not attributed (see run_problems)'
       END AS problem,
       coalesce(p.rows, 0) AS unattributed_rows
FROM last_run AS l
LEFT JOIN perf_eval.current_run AS c USING (year, methodology)
LEFT JOIN LATERAL (SELECT sum(rp.rows)::bigint AS rows FROM perf_eval.run_problems AS rp
                   WHERE rp.run_id = c.run_id) AS p ON true;

COMMENT ON COLUMN perf_eval.run_health.problem IS 'What needs attention: last run failed | no successful run | last successful run older than a day | run in progress for over an hour | registry rows not attributed (see run_problems); NULL when healthy';

COMMENT ON COLUMN perf_eval.run_health.unattributed_rows IS 'Registry rows the current run left out of the tallies (unknown body code, impossible dates): sum of perf_eval.run_problems.rows; 0 when none';

COMMENT ON VIEW perf_eval.run_health IS
'Per year and methodology: the last run, the current result, the registry rows it could not attribute, and a problem when the last run failed, the last successful check is older than a day or registry rows were left out';

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

CREATE OR REPLACE FUNCTION perf_eval.compute_run(run_id bigint)
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
    c record;
    lvl text;
    scored_bodies integer;
    scored_nodes integer;
    problems text;
    state record;
    states_ok boolean := true;
    err_state text;
    err_message text;
    err_detail text;
BEGIN
    SELECT * INTO STRICT this_run FROM perf_eval.run AS r WHERE r.run_id = compute_run.run_id;
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
    -- not errors (one typo must not block a national run): complaints with
    -- impossible dates (left out of the monthly states by the refresh, found
    -- through the partial index complaint_record_impossible_dates, whose
    -- predicate is repeated here word for word) and states of body codes
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
      AND (r.answered_on < r.received_on OR r.deadline < r.received_on
           OR NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline))
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
        WHERE r.run_id = compute_run.run_id;
        DROP TABLE pg_temp.pe_problems;
        RETURN;
    END IF;
    INSERT INTO perf_eval.run_problems (run_id, registry, body, month, rows, reason)
    SELECT compute_run.run_id, p.registry, p.body, p.month, p.rows, p.reason FROM pg_temp.pe_problems AS p;
    DROP TABLE pg_temp.pe_problems;

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

    CREATE TEMP TABLE pe_work (
        body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
        superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (body, node)
    ) ON COMMIT DROP;

    -- 1. Node computers.
    FOR c IN SELECT nc.name, nc.computer FROM perf_eval.node_computer AS nc ORDER BY nc.name LOOP
        EXECUTE format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                        SELECT x.body, x.node, x.raw_value, x.reason, x.explanation FROM %s($1, $2) AS x',
                       c.computer)
            USING y, v;
    END LOOP;

    -- Bodies exempt from a block are neither scored nor ranked in it (METHODOLOGY §1.3).
    DELETE FROM pg_temp.pe_work AS w
    USING perf_eval.score_node AS n
    WHERE n.code = w.node AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';

    -- 2. Bottom-up, level by level.
    FOREACH lvl IN ARRAY ARRAY['criterion', 'direction', 'block'] LOOP
        -- a) sum nodes: the signed sum of the children present.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT w.body, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN sum(ch.sign * w.value) END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'sum', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       string_agg(CASE WHEN ch.sign < 0 THEN '− ' ELSE '+ ' END || coalesce(ch.symbol, ch.code), ' '
                                  ORDER BY ch.node_order)),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'sign', ch.sign, 'value', w.value)
                                         ORDER BY ch.node_order))
        FROM perf_eval.score_node AS n
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        JOIN pg_temp.pe_work AS w ON w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'sum'
        GROUP BY w.body, n.code, n.symbol
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

    -- 3. Composite, where the version defines composite weights (kz2017, METHODOLOGY §1.4).
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

    -- 4. Store the score tree with explanations that name methodology, policies and assumptions.
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run.run_id, w.body, w.node, trim_scale(w.value), trim_scale(w.raw_value), w.origin, w.superseded,
           CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END,
           w.reason,
           jsonb_build_object('node', w.node, 'body', w.body, 'year', y, 'methodology', v,
                              'origin', w.origin,
                              'status', CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END)
           || w.explanation
           || jsonb_build_object('policy_parameters', perf_eval.param_explanation(v, ARRAY['policy.clamp', 'policy.zero_volume']))
    FROM pg_temp.pe_work AS w;

    SELECT count(DISTINCT w.body), count(*) INTO scored_bodies, scored_nodes FROM pg_temp.pe_work AS w;
    UPDATE perf_eval.run AS r
    SET status = 'succeeded', finished_at = clock_timestamp(), inputs_digest = digest,
        bodies_scored = scored_bodies, nodes_scored = scored_nodes
    WHERE r.run_id = compute_run.run_id;
    DROP TABLE pg_temp.pe_work;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_run(bigint) IS
'Computes the score tree of a running run (the engine behind recalculate); registry rows that cannot be attributed (unknown body code, impossible dates) are left out of the tallies and listed in run_problems; raises on other invalid inputs, leaving nothing behind';

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
    DROP CONSTRAINT run_status_check,
    ADD CONSTRAINT run_status_check CHECK (status IN ('running', 'succeeded', 'failed', 'unchanged', 'abandoned'));
COMMENT ON COLUMN perf_eval.run.status IS 'Run status: running | succeeded | failed | unchanged (inputs identical to same_as_run, nothing recomputed) | abandoned (its session ended before it finished)';
COMMENT ON COLUMN perf_eval.run.backend_pid IS 'Process id of the server process (session) that started the run; with backend_start it tells whether that session is still alive';
COMMENT ON COLUMN perf_eval.run.backend_start IS 'When that server process started (pg_stat_activity.backend_start), so a reused process id is not mistaken for it';
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

-- run_health, with both the abandoned status and the unattributed registry rows.
CREATE OR REPLACE VIEW perf_eval.run_health AS
WITH last_run AS (
    SELECT DISTINCT ON (r.year, r.methodology) r.*
    FROM perf_eval.run AS r
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

-- refresh_monthly_tallies: no lock on the registries, and rows with impossible dates left out.
CREATE OR REPLACE FUNCTION perf_eval.refresh_monthly_tallies(year integer)
RETURNS integer
LANGUAGE plpgsql
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    first_day     date;
    next_year     date;
    marked_months integer;         -- distinct marked months of one registry (chooses the read path)
    mark_tids     tid[];           -- the marks one read consumed: ctid and xmin of each
    mark_xmins    xid[];
    bodies        text[];          -- the pairs they name: bodies[i], months[i]
    months        date[];
    rescanned     integer := 0;
    -- From this many marked months of a registry on, one pass over it
    -- (registry_scan) is cheaper than month by month through the BRIN index.
    full_scan_months integer := perf_eval.refresh_full_scan_months();
    fresh_bodies            text[];
    fresh_months            date[];
    fresh_complaint_tallies perf_eval.complaint_tally[];
    fresh_service_tallies   perf_eval.service_tally[];
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
               array_agg(s.body), array_agg(s.month), array_agg(s.tally)
        FROM ($cte$;
    pairs_only constant text := $q$) AS s
        WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM pairs AS p)$q$;
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

    -- No lock on the registries: writers never wait for a refresh, nor for
    -- the recalculation around it (issue: a one-row insert waited for the
    -- whole run). Correctness rests on the marks instead:
    --  * A writer's statement trigger commits its marks together with its
    --    rows, so a snapshot that sees a mark sees every row of the change
    --    it marks (the trigger reuses only marks of its own transaction).
    --  * For each registry ONE statement (below) reads the year's marks and
    --    the rows of the pairs they name, under the same snapshot, and the
    --    refresh then deletes exactly the marks that statement read (by ctid
    --    and xmin). A change committed after that snapshot keeps its mark and
    --    is read by the next refresh: nothing is lost, and each registry's
    --    states are those of that one snapshot.
    -- Under READ COMMITTED each statement takes a new snapshot, so the two
    -- registries are read at two moments (each exact for its registry); under
    -- REPEATABLE READ both, and the rest of a recalculation, read the
    -- transaction's one snapshot. Writers cannot wait here: the refresh takes
    -- no lock they need (only TRUNCATE, which locks the table exclusively,
    -- waits for readers as it always does).
    --
    -- Refreshes of the same year with work to do take turns (an advisory
    -- lock per year): two that cleared the same pair could otherwise both
    -- write its state. A refresh that sees no mark of the year returns at
    -- once and takes no lock (marks committed later are the next refresh's).
    -- Under REPEATABLE READ a refresh that waited here for another reads the
    -- marks the other cleared, and its delete of them fails with 40001.
    IF NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                   WHERE d.month >= first_day AND d.month < next_year) THEN
        RETURN 0;
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.refresh_monthly_tallies'), year);

    -- For each registry: choose the read path from the marked months, read
    -- marks and rows in one dynamic SELECT (a PL/pgSQL SELECT INTO asks for at
    -- most 2 rows and INSERT ... SELECT is never parallel in PostgreSQL 15,
    -- and both would then run in one process; the date span lets the BRIN
    -- index skip other months), replace the states of the pairs read, and
    -- delete the marks read. A pair whose rows are all gone keeps no state
    -- (its merge gives zero).

    -- Complaints: by month of answered_on, the dated form of the aggregate.
    SELECT count(DISTINCT d.month) INTO marked_months
    FROM perf_eval.registry_dirty_month AS d
    WHERE d.registry = 'complaint_record' AND d.month >= first_day AND d.month < next_year;
    IF marked_months > 0 THEN
        IF marked_months >= full_scan_months THEN
            -- The one-pass scan counts every row; the rows with impossible dates
            -- (found through the partial index complaint_record_impossible_dates)
            -- are taken out in the same statement, hence the same snapshot.
            EXECUTE marked_cte || $query$
                SELECT t.body, t.month,
                       CASE WHEN bad.tally IS NULL THEN t.tally
                            ELSE ROW((t.tally).considered - (bad.tally).considered, (t.tally).late - (bad.tally).late,
                                     (t.tally).court_satisfied - (bad.tally).court_satisfied,
                                     (t.tally).higher_authority_satisfied - (bad.tally).higher_authority_satisfied,
                                     (t.tally).repeated_satisfied - (bad.tally).repeated_satisfied,
                                     (t.tally).late_disciplined - (bad.tally).late_disciplined)::perf_eval.complaint_tally
                       END AS tally
                FROM perf_eval.complaint_tallies_by_month((SELECT sp.lo FROM span AS sp),
                                                          (SELECT sp.hi FROM span AS sp)) AS t
                LEFT JOIN (SELECT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month,
                                  perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied,
                                                                r.higher_authority_satisfied, r.repeated_satisfied,
                                                                r.disciplinary_action) AS tally
                           FROM perf_eval.complaint_record AS r
                           WHERE r.answered_on >= (SELECT sp.lo FROM span AS sp)
                             AND r.answered_on < (SELECT sp.hi FROM span AS sp)
                             AND (r.answered_on < r.received_on OR r.deadline < r.received_on
                                  OR NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline))
                           GROUP BY 1, 2) AS bad
                       ON bad.body = t.body AND bad.month = t.month
                WHERE bad.tally IS NULL OR (t.tally).considered > (bad.tally).considered
            $query$ || pairs_only
            INTO mark_tids, mark_xmins, bodies, months, fresh_bodies, fresh_months, fresh_complaint_tallies
            USING 'complaint_record', first_day, next_year;
        ELSE
            EXECUTE marked_cte || $query$
                SELECT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month,
                       perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied,
                                                     r.higher_authority_satisfied, r.repeated_satisfied,
                                                     r.disciplinary_action) AS tally
                FROM perf_eval.complaint_record AS r
                WHERE r.answered_on >= (SELECT sp.lo FROM span AS sp) AND r.answered_on < (SELECT sp.hi FROM span AS sp)
                  AND pg_catalog.date_trunc('month', r.answered_on::timestamp)::date = ANY ((SELECT sp.months FROM span AS sp)::date[])
                  -- Rows with impossible dates are left out (run_problems lists them).
                  AND NOT (r.answered_on < r.received_on OR r.deadline < r.received_on
                           OR NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline))
                GROUP BY 1, 2
            $query$ || pairs_only
            INTO mark_tids, mark_xmins, bodies, months, fresh_bodies, fresh_months, fresh_complaint_tallies
            USING 'complaint_record', first_day, next_year;
        END IF;
        IF bodies IS NOT NULL THEN
            DELETE FROM perf_eval.complaint_tally_monthly AS m
            USING unnest(bodies, months) AS p(body, month)
            WHERE m.body = p.body AND m.month = p.month;
            INSERT INTO perf_eval.complaint_tally_monthly (body, month, tally)
            SELECT fresh_bodies[i], fresh_months[i], fresh_complaint_tallies[i]
            FROM pg_catalog.generate_subscripts(fresh_bodies, 1) AS i;
            DELETE FROM perf_eval.registry_dirty_month AS d
            USING unnest(mark_tids, mark_xmins) AS c(mark_tid, mark_xmin)
            WHERE d.ctid = c.mark_tid AND d.xmin = c.mark_xmin;
            rescanned := rescanned + pg_catalog.cardinality(bodies);
        END IF;
    END IF;

    -- Deliveries: by month of delivered_on.
    SELECT count(DISTINCT d.month) INTO marked_months
    FROM perf_eval.registry_dirty_month AS d
    WHERE d.registry = 'service_delivery' AND d.month >= first_day AND d.month < next_year;
    IF marked_months > 0 THEN
        IF marked_months >= full_scan_months THEN
            EXECUTE marked_cte || $query$
                SELECT t.body, t.month, t.tally
                FROM perf_eval.service_tallies_by_month((SELECT sp.lo FROM span AS sp),
                                                        (SELECT sp.hi FROM span AS sp)) AS t
            $query$ || pairs_only
            INTO mark_tids, mark_xmins, bodies, months, fresh_bodies, fresh_months, fresh_service_tallies
            USING 'service_delivery', first_day, next_year;
        ELSE
            EXECUTE marked_cte || $query$
                SELECT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month,
                       perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal,
                                                   r.incomplete_package, r.extra_documents, r.electronic,
                                                   r.quality_appeal_justified) AS tally
                FROM perf_eval.service_delivery AS r
                WHERE r.delivered_on >= (SELECT sp.lo FROM span AS sp) AND r.delivered_on < (SELECT sp.hi FROM span AS sp)
                  AND pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date = ANY ((SELECT sp.months FROM span AS sp)::date[])
                GROUP BY 1, 2
            $query$ || pairs_only
            INTO mark_tids, mark_xmins, bodies, months, fresh_bodies, fresh_months, fresh_service_tallies
            USING 'service_delivery', first_day, next_year;
        END IF;
        IF bodies IS NOT NULL THEN
            DELETE FROM perf_eval.service_tally_monthly AS m
            USING unnest(bodies, months) AS p(body, month)
            WHERE m.body = p.body AND m.month = p.month;
            INSERT INTO perf_eval.service_tally_monthly (body, month, tally)
            SELECT fresh_bodies[i], fresh_months[i], fresh_service_tallies[i]
            FROM pg_catalog.generate_subscripts(fresh_bodies, 1) AS i;
            DELETE FROM perf_eval.registry_dirty_month AS d
            USING unnest(mark_tids, mark_xmins) AS c(mark_tid, mark_xmin)
            WHERE d.ctid = c.mark_tid AND d.xmin = c.mark_xmin;
            rescanned := rescanned + pg_catalog.cardinality(bodies);
        END IF;
    END IF;

    RETURN rescanned;
END
$$;
COMMENT ON FUNCTION perf_eval.refresh_monthly_tallies(integer) IS
'Recomputes the monthly partial states of the (registry, body, month) pairs of a year marked in registry_dirty_month, and only those, leaving out complaints with impossible dates (listed by each recalculation in run_problems); returns how many pairs were rescanned (docs/methodology.md §7.2)';

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

CREATE OR REPLACE FUNCTION perf_eval.inputs_digest(year integer, methodology text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    part text;
    parts text := '';
BEGIN
    -- The code (extension version), the methodology, the registry and scope.
    parts := (SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval')
          || '|' || (SELECT coalesce(string_agg(p::text, ',' ORDER BY p.key), '')
                     FROM perf_eval.methodology_param AS p WHERE p.methodology = $2)
          || '|' || (SELECT coalesce(string_agg(b::text, ',' ORDER BY b.code), '') FROM perf_eval.body AS b)
          || '|' || (SELECT coalesce(string_agg(s::text, ',' ORDER BY s.body, s.block, s.year_from), '')
                     FROM perf_eval.body_scope AS s);
    -- A row enters by its content: refreshed_at (the monthly states) only says
    -- when a state was computed, and a restore, which replays the registries
    -- through their change triggers, recomputes the same states at a new time.
    FOR r IN SELECT i.relation, i.year_column, i.month_column FROM perf_eval.input_relation AS i
             ORDER BY i.relation::text LOOP
        IF r.year_column IS NOT NULL THEN
            EXECUTE format('SELECT coalesce(string_agg(c.row_text, %L ORDER BY c.row_text), %L)
                            FROM (SELECT (pg_catalog.to_jsonb(t) - %L)::text FROM %s AS t WHERE t.%I = $1) AS c(row_text)',
                           ',', '', 'refreshed_at', r.relation, r.year_column)
                INTO part USING $1;
        ELSE
            EXECUTE format('SELECT coalesce(string_agg(c.row_text, %L ORDER BY c.row_text), %L)
                            FROM (SELECT (pg_catalog.to_jsonb(t) - %L)::text FROM %s AS t
                                  WHERE t.%I >= pg_catalog.make_date($1, 1, 1) AND t.%I < pg_catalog.make_date($1 + 1, 1, 1)) AS c(row_text)',
                           ',', '', 'refreshed_at', r.relation, r.month_column, r.month_column)
                INTO part USING $1;
        END IF;
        parts := parts || '|' || r.relation::text || ':' || part;
    END LOOP;
    RETURN md5(parts);
END
$$;
COMMENT ON FUNCTION perf_eval.inputs_digest(integer, text) IS
'md5 of everything a recalculation of the year reads: extension version, the methodology''s parameters, the registry and scope, and the content of every input relation''s rows for the year (not refreshed_at, the time a monthly state was computed)';

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
CREATE OR REPLACE FUNCTION perf_eval.compute_run(run_id bigint)
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
    c record;
    lvl text;
    scored_bodies integer;
    scored_nodes integer;
    problems text;
    state record;
    states_ok boolean := true;
    err_state text;
    err_message text;
    err_detail text;
BEGIN
    SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = compute_run.run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % does not exist', compute_run.run_id
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
    -- not errors (one typo must not block a national run): complaints with
    -- impossible dates (left out of the monthly states by the refresh, found
    -- through the partial index complaint_record_impossible_dates, whose
    -- predicate is repeated here word for word) and states of body codes
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
      AND (r.answered_on < r.received_on OR r.deadline < r.received_on
           OR NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline))
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
        WHERE r.run_id = compute_run.run_id;
        DROP TABLE pg_temp.pe_problems;
        RETURN;
    END IF;
    INSERT INTO perf_eval.run_problems (run_id, registry, body, month, rows, reason)
    SELECT compute_run.run_id, p.registry, p.body, p.month, p.rows, p.reason FROM pg_temp.pe_problems AS p;
    DROP TABLE pg_temp.pe_problems;

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

    CREATE TEMP TABLE pe_work (
        body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
        superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (body, node)
    ) ON COMMIT DROP;

    -- 1. Node computers.
    FOR c IN SELECT nc.name, nc.computer FROM perf_eval.node_computer AS nc ORDER BY nc.name LOOP
        EXECUTE format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                        SELECT x.body, x.node, x.raw_value, x.reason, x.explanation FROM %s($1, $2) AS x',
                       c.computer)
            USING y, v;
    END LOOP;

    -- Bodies exempt from a block are neither scored nor ranked in it (METHODOLOGY §1.3).
    DELETE FROM pg_temp.pe_work AS w
    USING perf_eval.score_node AS n
    WHERE n.code = w.node AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';

    -- 2. Bottom-up, level by level.
    FOREACH lvl IN ARRAY ARRAY['criterion', 'direction', 'block'] LOOP
        -- a) sum nodes: the signed sum of the children present.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT w.body, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN sum(ch.sign * w.value) END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'sum', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       string_agg(CASE WHEN ch.sign < 0 THEN '− ' ELSE '+ ' END || coalesce(ch.symbol, ch.code), ' '
                                  ORDER BY ch.node_order)),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'sign', ch.sign, 'value', w.value)
                                         ORDER BY ch.node_order))
        FROM perf_eval.score_node AS n
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        JOIN pg_temp.pe_work AS w ON w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'sum'
        GROUP BY w.body, n.code, n.symbol
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

    -- 3. Composite, where the version defines composite weights (kz2017, METHODOLOGY §1.4).
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

    -- 4. Store the score tree with explanations that name methodology, policies and assumptions.
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run.run_id, w.body, w.node, trim_scale(w.value), trim_scale(w.raw_value), w.origin, w.superseded,
           CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END,
           w.reason,
           jsonb_build_object('node', w.node, 'body', w.body, 'year', y, 'methodology', v,
                              'origin', w.origin,
                              'status', CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END)
           || w.explanation
           || jsonb_build_object('policy_parameters', perf_eval.param_explanation(v, ARRAY['policy.clamp', 'policy.zero_volume']))
    FROM pg_temp.pe_work AS w;

    SELECT count(DISTINCT w.body), count(*) INTO scored_bodies, scored_nodes FROM pg_temp.pe_work AS w;
    UPDATE perf_eval.run AS r
    SET status = 'succeeded', finished_at = clock_timestamp(), inputs_digest = digest,
        bodies_scored = scored_bodies, nodes_scored = scored_nodes
    WHERE r.run_id = compute_run.run_id;
    DROP TABLE pg_temp.pe_work;
END
$$;

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

-- The corrections applied to the target indicators of one body, each with the
-- parameter (and its provenance) that made it (METHODOLOGY §3.1 step 3).
CREATE FUNCTION perf_eval.goals_strategic_corrections(body text, year integer, methodology text)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title,
               'correction', cr.correction, 'condition', cr.condition,
               'factor', CASE WHEN cr.correction = 'overfulfilment_exempted' THEN 1
                              ELSE perf_eval.param_numeric($3, cr.key) END,
               'parameter', perf_eval.goals_param_object($3, cr.key),
               'test_parameter', perf_eval.goals_param_object($3, cr.test_key))
               ORDER BY r.goal_code, r.indicator_code, cr.ord), '[]')
    FROM perf_eval.target_indicator_results($2, $3, $1) AS r
    CROSS JOIN LATERAL (VALUES
        (1, 'overfulfilled', r.overfulfilled, 'goals.overfulfil_multiplier', 'goals.overfulfil_threshold',
         CASE WHEN r.ratio IS NULL THEN 'decrease-is-good fact 0: best possible, counted as overfulfilled'
              ELSE format('r = %s >= %s', trim_scale(round(r.ratio, 6)),
                          perf_eval.param_text($3, 'goals.overfulfil_threshold')) END),
        (2, 'plan_lowered', r.plan_lowered, 'goals.plan_lowered_multiplier', NULL,
         format('plan %s %s originally approved %s (%s is better)', r.plan,
                CASE r.direction WHEN 'increase' THEN '<' ELSE '>' END, r.plan_original, r.direction)),
        (3, 'no_dynamics', r.no_dynamics, 'goals.no_dynamics_multiplier', NULL,
         format('fact %s %s last year''s %s (%s is better)', r.fact,
                CASE r.direction WHEN 'increase' THEN '<=' ELSE '>=' END, r.fact_previous, r.direction)),
        -- kz2020_apa: an overfulfilled decrease-is-good indicator is not corrected (seed 000 line 847);
        -- the multiplier 0 probes r >= threshold exactly.
        (4, 'overfulfilment_exempted',
         r.eligible AND r.result IS NOT NULL AND r.direction = 'decrease' AND NOT r.overfulfilled
             AND perf_eval.param_boolean($3, 'goals.overfulfil_exempt_decrease')
             AND perf_eval.goal_overfulfilment_multiplier(r.direction, r.plan, r.fact,
                     perf_eval.param_numeric($3, 'goals.overfulfil_threshold'), 0, false) = 0,
         'goals.overfulfil_exempt_decrease', 'goals.overfulfil_threshold',
         'decrease-is-good indicator overfulfilled: exempt from the overfulfilment factor')
    ) AS cr(ord, correction, applies, key, test_key, condition)
    WHERE cr.applies
$$;
COMMENT ON FUNCTION perf_eval.goals_strategic_corrections(text, integer, text) IS
'Every correction applied to the target indicators of a body in a year under a methodology, with the parameter and the test parameter (and their provenance) that made it (docs/methodology.md §3.1)';

-- S = pts_strategic x the mean of goal coefficients (or of every eligible TI
-- result for the basis indicators), one exact fraction (goals_mean_of_means).
CREATE FUNCTION perf_eval.goals_strategic_node(body text, year integer, methodology text, kind text)
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
                     ORDER BY r.goal_code, r.indicator_code) FILTER (WHERE r.result IS NULL) AS excluded
    INTO ti
    FROM perf_eval.target_indicator_results(y, v, b) AS r;

    SELECT count(*) AS goals, count(x.coefficient) AS counted, count(*) FILTER (WHERE x.status = 'achieved') AS achieved,
           count(*) FILTER (WHERE x.achieved_with_corrections) AS achieved_corrected,
           jsonb_agg(jsonb_build_object('goal', x.goal_code, 'title', x.title, 'coefficient', x.coefficient,
                                        'status', x.status, 'achieved_with_corrections', x.achieved_with_corrections,
                                        'tally', to_jsonb(x.tally)) ORDER BY x.goal_code) AS items
    INTO g
    FROM perf_eval.goal_results(y, v, b) AS x;

    -- The groups averaged: each goal with counted TIs (basis goals), or every TI as one group.
    IF basis = 'goals' THEN
        SELECT coalesce(array_agg(q.s ORDER BY q.goal_code), '{}'), coalesce(array_agg(q.n ORDER BY q.goal_code), '{}')
        INTO sums, counts
        FROM (SELECT r.goal_code, sum(r.result) AS s, count(r.result) AS n
              FROM perf_eval.target_indicator_results(y, v, b) AS r
              GROUP BY r.goal_code HAVING count(r.result) > 0) AS q;
    ELSE
        SELECT ARRAY[coalesce(sum(r.result), 0)], ARRAY[count(r.result)] INTO sums, counts
        FROM perf_eval.target_indicator_results(y, v, b) AS r;
    END IF;
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
CREATE FUNCTION perf_eval.goals_bp_efficiency_node(body text, year integer, methodology text, kind text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    k text := lower(kind);
    split boolean := perf_eval.param_exists(v, 'goals.bp_split.w_current');
    maximum numeric := perf_eval.param_numeric(v, 'goals.' || k || '.pts_bp_efficiency');
    bp record;
    e_value numeric;
    raw numeric;
BEGIN
    SELECT count(*) AS programmes, count(q.e) AS assessed, coalesce(sum(least(q.e, q.cap)), 0) AS sum_all,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current'), 0) AS sum_current,
           count(q.e) FILTER (WHERE q.programme_type = 'current') AS n_current,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development'), 0) AS sum_development,
           count(q.e) FILTER (WHERE q.programme_type = 'development') AS n_development,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current') AS mean_current,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development') AS mean_development,
           jsonb_agg(jsonb_build_object('programme', q.programme_code, 'type', q.programme_type,
                                        'A', q.achievement, 'D', q.disbursement, 'E', q.e,
                                        'E_capped', least(q.e, q.cap)) ORDER BY q.programme_code) AS items
    INTO bp
    FROM (SELECT p.*, perf_eval.budget_programme_efficiency(p.achievement, p.disbursement) AS e,
                 perf_eval.param_numeric(v, 'goals.bp_efficiency_cap') AS cap
          FROM perf_eval.budget_programme AS p WHERE p.body = goals_bp_efficiency_node.body AND p.year = goals_bp_efficiency_node.year) AS q;
    IF split THEN
        e_value := perf_eval.bp_efficiency_points(1, bp.sum_current, bp.n_current, bp.sum_development, bp.n_development,
                       perf_eval.param_numeric(v, 'goals.bp_split.w_current'),
                       perf_eval.param_numeric(v, 'goals.bp_split.w_development'));
        raw := perf_eval.bp_efficiency_points(maximum, bp.sum_current, bp.n_current, bp.sum_development, bp.n_development,
                   perf_eval.param_numeric(v, 'goals.bp_split.w_current'),
                   perf_eval.param_numeric(v, 'goals.bp_split.w_development'));
    ELSE
        e_value := perf_eval.goals_mean_of_means(1, ARRAY[bp.sum_all], ARRAY[bp.assessed]);
        raw := perf_eval.goals_mean_of_means(maximum, ARRAY[bp.sum_all], ARRAY[bp.assessed]);
    END IF;
    RETURN ROW(body, 'goals.budget.bp_efficiency', raw,
        CASE WHEN e_value IS NOT NULL THEN NULL WHEN bp.programmes = 0 THEN 'no_data' ELSE 'nothing_disbursed' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'bp_efficiency', 'text',
                CASE WHEN split THEN 'pts · (w_current · mean_current(min(A/D, cap)) + w_development · mean_development(min(A/D, cap))); one group empty: the other alone'
                     ELSE 'pts · mean(min(A/D, cap)) over programmes with D > 0' END),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.4; chapter 1 recommendations',
            'inputs', jsonb_build_object('programmes', bp.programmes, 'assessed', bp.assessed,
                                         'mean_current', bp.mean_current,
                                         'mean_development', bp.mean_development, 'E', e_value,
                                         'budget_programmes', coalesce(bp.items, '[]')),
            'parameters', perf_eval.param_explanation(v, ARRAY['goals.' || k || '.pts_bp_efficiency',
                'goals.bp_efficiency_cap', 'goals.bp_split.w_current', 'goals.bp_split.w_development']),
            'maximum_for_kind', maximum))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_bp_efficiency_node(text, integer, text, text) IS
'The BP execution efficiency criterion E of a body in a year under a methodology for its kind: pts x the mean of min(A/D, cap) over the programmes with D > 0, split into current and development programmes where the version weights them (docs/methodology.md §3.3)';

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
CREATE FUNCTION perf_eval.goals_penalties_node(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b text := body;
    y integer := year;
    v text := methodology;
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
          AND r.fact > perf_eval.param_numeric(v, 'goals.bp_result_overfulfil_threshold') * r.plan
        HAVING count(*) > 0
    ) AS i;

    RETURN ROW(b, 'goals.penalties',
        coalesce((SELECT sum((x ->> 'points')::numeric) FROM jsonb_array_elements(items) AS x), 0), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_penalties', 'text',
                'P = Σ facts · goals.penalty.<kind>; no cap, the block is floored by policy.clamp'),
            'clause', 'docs/methodology.md §3.4, APA 2020 report §1.5',
            'inputs', jsonb_build_object('penalties', coalesce(items, '[]')),
            'parameters', perf_eval.param_explanation(v, ARRAY(
                SELECT p.key FROM perf_eval.methodology_param AS p
                WHERE p.methodology = v AND p.key LIKE 'goals.penalty.%'))
        ))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_penalties_node(text, integer, text) IS
'The goals penalties P of a body in a year under a methodology: Σ facts x goals.penalty.<kind> over its penalty events, plus the BP result overfulfilment detected from F > threshold x P; an unknown kind is 22023 (docs/methodology.md §3.4)';

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

CREATE OR REPLACE FUNCTION perf_eval.compute_run(run_id bigint)
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
    c record;
    lvl text;
    scored_bodies integer;
    scored_nodes integer;
    problems text;
    state record;
    states_ok boolean := true;
    err_state text;
    err_message text;
    err_detail text;
BEGIN
    SELECT * INTO this_run FROM perf_eval.run AS r WHERE r.run_id = compute_run.run_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'run % does not exist', compute_run.run_id
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
    -- not errors (one typo must not block a national run): complaints with
    -- impossible dates (left out of the monthly states by the refresh, found
    -- through the partial index complaint_record_impossible_dates, whose
    -- predicate is repeated here word for word) and states of body codes
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
      AND (r.answered_on < r.received_on OR r.deadline < r.received_on
           OR NOT pg_catalog.isfinite(r.received_on) OR NOT pg_catalog.isfinite(r.deadline))
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
        WHERE r.run_id = compute_run.run_id;
        DROP TABLE pg_temp.pe_problems;
        RETURN;
    END IF;
    INSERT INTO perf_eval.run_problems (run_id, registry, body, month, rows, reason)
    SELECT compute_run.run_id, p.registry, p.body, p.month, p.rows, p.reason FROM pg_temp.pe_problems AS p;
    DROP TABLE pg_temp.pe_problems;

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

    CREATE TEMP TABLE pe_work (
        body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
        superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (body, node)
    ) ON COMMIT DROP;

    -- 1. Node computers.
    FOR c IN SELECT nc.name, nc.computer FROM perf_eval.node_computer AS nc ORDER BY nc.name LOOP
        EXECUTE format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                        SELECT x.body, x.node, x.raw_value, x.reason, x.explanation FROM %s($1, $2) AS x',
                       c.computer)
            USING y, v;
    END LOOP;

    -- Bodies exempt from a block are neither scored nor ranked in it (METHODOLOGY §1.3).
    DELETE FROM pg_temp.pe_work AS w
    USING perf_eval.score_node AS n
    WHERE n.code = w.node AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';

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

    -- 3. Composite, where the version defines composite weights (kz2017, METHODOLOGY §1.4).
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

    -- 4. Store the score tree with explanations that name methodology, policies and assumptions.
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run.run_id, w.body, w.node, trim_scale(w.value), trim_scale(w.raw_value), w.origin, w.superseded,
           CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END,
           w.reason,
           jsonb_build_object('node', w.node, 'body', w.body, 'year', y, 'methodology', v,
                              'origin', w.origin,
                              'status', CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END)
           || w.explanation
           || jsonb_build_object('policy_parameters', perf_eval.param_explanation(v, ARRAY['policy.clamp', 'policy.zero_volume']))
    FROM pg_temp.pe_work AS w;

    SELECT count(DISTINCT w.body), count(*) INTO scored_bodies, scored_nodes FROM pg_temp.pe_work AS w;
    UPDATE perf_eval.run AS r
    SET status = 'succeeded', finished_at = clock_timestamp(), inputs_digest = digest,
        bodies_scored = scored_bodies, nodes_scored = scored_nodes
    WHERE r.run_id = compute_run.run_id;
    DROP TABLE pg_temp.pe_work;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_run(bigint) IS
'Computes the score tree of a running run (the engine behind recalculate); registry rows that cannot be attributed (unknown body code, impossible dates) are left out of the tallies and listed in run_problems; raises on other invalid inputs, leaving nothing behind';


-- satisfaction_direction refuses a non-finite satisfaction_percent also when
-- the service counts are missing (it returned NaN in the explanation).
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
        -- With no deliveries the kernel does not read the percentage (zero volume, §0.6).
        raw_value := perf_eval.service_satisfaction_points(
                         coalesce(satisfaction_percent, 0), quality_appeals_justified, deliveries,
                         perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                         perf_eval.param_text(v, keys[3]), perf_eval.param_text(v, keys[4]), rate_base, zero_volume);
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    END IF;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'S',
            'text', 's_pts_satisfaction·scale(satisfaction %) + s_pts_appeal·scale(justified quality appeals per 100 000 deliveries)'),
        'clause', 'APA 2020 report, chapter 2 recommendations',
        'inputs', jsonb_build_object('deliveries', deliveries, 'quality_appeals_justified', quality_appeals_justified,
                                     'satisfaction_percent', satisfaction_percent, 'source', source,
                                     'rates_per_rate_base', perf_eval.service_rates_shown(rate_base, deliveries,
                                         jsonb_build_object('quality_appeals_justified', quality_appeals_justified))),
        'parameters', perf_eval.param_explanation(v, keys));
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.satisfaction_direction(text, bigint, bigint, numeric, text) IS
'The kz2020_apa direction S of one body: 75·scale(satisfaction %) + 25·scale(justified quality appeals per 100 000 deliveries), raw, with its explanation; no row under other versions (docs/methodology.md §4.1, §4.2)';
