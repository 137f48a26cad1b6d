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
            EXECUTE marked_cte || $query$
                SELECT t.body, t.month, t.tally
                FROM perf_eval.complaint_tallies_by_month((SELECT sp.lo FROM span AS sp),
                                                          (SELECT sp.hi FROM span AS sp)) AS t
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
