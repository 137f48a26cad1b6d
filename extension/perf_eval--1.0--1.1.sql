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
