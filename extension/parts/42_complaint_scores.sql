-- =========================================================================
-- Section: complaint direction under a methodology (METHODOLOGY §4.4)
-- =========================================================================

CREATE FUNCTION perf_eval.complaint_scores(
    tally perf_eval.complaint_tally,
    methodology text DEFAULT NULL,
    repeat_supplied numeric DEFAULT NULL,
    one_time_acceptance_supplied numeric DEFAULT NULL,
    OUT version text,
    OUT timeliness numeric,
    OUT court numeric,
    OUT repeat numeric,
    OUT one_time_acceptance numeric,
    OUT internal_control numeric,
    OUT total numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- The complaints direction H of a body from its counts, with the version's
-- constants and policies. Which criteria exist is read from the version:
--   kz2020:     R1 + R2 + R3 + R4                          (max 40 + 30 + 20 + 10)
--   kz2017:     R1 (x100) + R2 (tiers, a + c) + R3 supplied (no R4)
--   kz2020_apa: R1 (k 20) + one-time acceptance + R2 + R3 + internal audit
-- A criterion the counts cannot give (kz2017 R3, apa one-time acceptance) is
-- taken from the *_supplied argument; missing, it makes H NULL (not assessable).
DECLARE
    clamp text;
    zero_volume text;
    r3_max numeric;
BEGIN
    IF tally IS NULL THEN
        RETURN;
    END IF;
    version := perf_eval.resolve_methodology(methodology);
    clamp := perf_eval.param_text(version, 'policy.clamp');
    zero_volume := perf_eval.param_text(version, 'policy.zero_volume');

    timeliness := perf_eval.complaint_timeliness_score(
        tally.late, tally.considered,
        perf_eval.param_numeric(version, 'complaints.r1.k'),
        perf_eval.param_numeric(version, 'complaints.r1.scale'), clamp, zero_volume);

    IF perf_eval.param_exists(version, 'complaints.r2.tiers') THEN
        court := perf_eval.complaint_court_score_tiered(
            tally.court_satisfied,
            CASE WHEN perf_eval.param_boolean(version, 'complaints.r2.count_higher_authority')
                 THEN tally.higher_authority_satisfied ELSE 0 END,
            tally.considered,
            perf_eval.param_numeric(version, 'complaints.r2.k'),
            perf_eval.param_text(version, 'complaints.r2.tiers'), clamp, zero_volume);
    ELSE
        court := perf_eval.complaint_court_score(
            tally.court_satisfied, tally.considered,
            perf_eval.param_numeric(version, 'complaints.r2.k'),
            perf_eval.param_numeric(version, 'complaints.r2.scale'), clamp, zero_volume);
    END IF;

    IF perf_eval.param_exists(version, 'complaints.r3.scale') THEN
        repeat := perf_eval.complaint_repeat_score(
            tally.repeated_satisfied, tally.considered,
            perf_eval.param_numeric(version, 'complaints.r3.k'),
            perf_eval.param_numeric(version, 'complaints.r3.scale'), clamp, zero_volume);
    ELSE
        r3_max := perf_eval.param_numeric(version, 'complaints.r3.k');
        IF repeat_supplied < 0 OR repeat_supplied > r3_max THEN
            RAISE EXCEPTION 'supplied R3 must lie between 0 and %', r3_max
                USING ERRCODE = '22003',
                      DETAIL = format('repeat_supplied = %s under %s.', repeat_supplied, version),
                      HINT = 'METHODOLOGY §1.2: a supplied score lies in [0, node maximum].';
        END IF;
        repeat := repeat_supplied;
    END IF;

    IF perf_eval.param_exists(version, 'complaints.one_time_acceptance.pts') THEN
        one_time_acceptance := one_time_acceptance_supplied;
    END IF;

    IF perf_eval.param_exists(version, 'complaints.r4.bands') THEN
        internal_control := perf_eval.complaint_internal_control_points(
            tally.late_disciplined, tally.late,
            perf_eval.param_text(version, 'complaints.r4.bands'), clamp, zero_volume);
    END IF;

    total := timeliness + court + repeat
             + CASE WHEN perf_eval.param_exists(version, 'complaints.one_time_acceptance.pts')
                    THEN one_time_acceptance ELSE 0 END
             + CASE WHEN perf_eval.param_exists(version, 'complaints.r4.bands')
                    THEN internal_control ELSE 0 END;
    RETURN;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_scores(perf_eval.complaint_tally, text, numeric, numeric) IS
'Complaints direction H and its criteria R1-R4 from a complaint_tally under a methodology version, with the version''s clamp and zero-volume policies (METHODOLOGY §4.4)';
