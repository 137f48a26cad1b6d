-- =========================================================================
-- Section: goals block kernels and aggregates (METHODOLOGY §3, §7.1, §7.2;
-- src/goals.c, src/goal_aggregates.c): target-indicator ratio, corrections,
-- eligibility and result; budget-component criteria; goal_coefficient_agg
-- and indicator_status_tally_agg; the methodology-bound indicator functions
-- =========================================================================

-- What one target indicator comes to (METHODOLOGY §3.1 steps 1-5).
CREATE TYPE perf_eval.indicator_assessment AS (
    eligible      boolean,   -- published and not plan = fact = 0 (seed 000 line 422)
    ratio         numeric,   -- r = F/P (increase) or P/F (decrease); NULL when undefined
    result        numeric,   -- min(r, cap) x factors; NULL when not taken into account
    status        text,      -- achieved | partial | not_achieved | not_counted
    overfulfilled boolean,   -- the overfulfilment factor applies (r >= threshold, not exempted)
    plan_lowered  boolean,   -- P < P0 (increase) or P > P0 (decrease)
    no_dynamics   boolean,   -- F <= F-1 (increase) or F >= F-1 (decrease)
    reason        text       -- why not counted: not_published | plan_fact_zero | plan_zero
);
COMMENT ON TYPE perf_eval.indicator_assessment IS
'The assessment of one target indicator: eligibility, ratio, result, status, correction flags and the reason it is not taken into account (docs/methodology.md §3.1)';

-- -------------------------------------------------------------------------
-- Target-indicator kernels (every constant an argument)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.goal_indicator_ratio(direction text, plan numeric, fact numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goal_indicator_ratio'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_indicator_ratio(text, numeric, numeric) IS
'Achievement ratio of a target indicator: r = F/P (increase-is-good) or P/F (decrease-is-good); NULL when undefined (P = 0 for increase, F = 0 for decrease); unknown direction 22023, negative values 22003 (docs/methodology.md §3.1 step 2, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_indicator_eligible(plan numeric, fact numeric, fact_published boolean)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_goal_indicator_eligible'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_indicator_eligible(numeric, numeric, boolean) IS
'Whether a target indicator is taken into account: its 12-month value is published and not plan = fact = 0 (docs/methodology.md §3.1 step 1, APA 2020 report §1.2). Not strict: an unpublished indicator may have no fact; a published one without fact is 22023';

CREATE FUNCTION perf_eval.goal_overfulfilment_multiplier(direction text, plan numeric, fact numeric,
                                                         threshold numeric, multiplier numeric,
                                                         exempt_decrease boolean)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goal_overfulfilment_multiplier'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_overfulfilment_multiplier(text, numeric, numeric, numeric, numeric, boolean) IS
'Overfulfilment correction of a target indicator: multiplier (0.8) when r >= threshold (1.25, inclusive, docs/methodology.md §8 E2), unless exempt_decrease and the indicator is decrease-is-good (kz2020_apa, APA 2020 report §1.4); else 1; NULL when r is undefined (docs/methodology.md §3.1 step 3, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_plan_lowered(direction text, plan numeric, plan_original numeric)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_goal_plan_lowered'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_plan_lowered(text, numeric, numeric) IS
'Lowered-plan correction test: P < P0 (increase-is-good) or P > P0 (decrease-is-good) (docs/methodology.md §3.1 step 3, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_no_dynamics(direction text, fact numeric, fact_previous numeric)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_goal_no_dynamics'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_no_dynamics(text, numeric, numeric) IS
'No-positive-dynamics correction test: F <= F-1 (increase-is-good) or F >= F-1 (decrease-is-good), equality included (docs/methodology.md §3.1 step 3, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_indicator_assessment(
    direction text, plan numeric, fact numeric, plan_original numeric, fact_previous numeric,
    fact_published boolean, overfulfil_threshold numeric, overfulfil_multiplier numeric,
    overfulfil_exempt_decrease boolean, achievement_cap numeric, plan_lowered_multiplier numeric,
    no_dynamics_multiplier numeric)
RETURNS perf_eval.indicator_assessment
AS 'MODULE_PATHNAME', 'pe_goal_indicator_assessment'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_indicator_assessment(text, numeric, numeric, numeric, numeric, boolean, numeric, numeric, boolean, numeric, numeric, numeric) IS
'A target indicator with explicit constants: eligibility, r, result = min(r, cap) x overfulfilment x lowered-plan x no-dynamics factors, status and flags (docs/methodology.md §3.1, APA 2020 report §1.2). Not strict: plan_original and fact_previous are optional, an unpublished indicator may have no fact; NULL in any other argument gives NULL';

-- -------------------------------------------------------------------------
-- Budget-component kernels (METHODOLOGY §3.3)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.budget_programme_efficiency(achievement numeric, disbursement numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_budget_programme_efficiency'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.budget_programme_efficiency(numeric, numeric) IS
'BP execution efficiency E = A/D of one budget programme: A = achievement of its result indicators in % (>= 0), D = disbursement in % (0..100); D = 0 excludes the programme (NULL); the cap is applied by the caller (docs/methodology.md §3.3, APA 2020 report §1.4)';

CREATE FUNCTION perf_eval.csb_citizens_budget_points(compliance numeric, points numeric, scale text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_csb_citizens_budget_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.csb_citizens_budget_points(numeric, numeric, text) IS
'CSB Citizens Budget points = pts x scale(c), c = compliance in % (0..100, else 22003) (docs/methodology.md §3.3, APA 2020 report §1.5)';

CREATE FUNCTION perf_eval.leb_citizens_budget_points(compliance numeric, bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_leb_citizens_budget_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.leb_citizens_budget_points(numeric, text) IS
'LEB Citizens Budget points = bands(c), c = compliance in % (0..100, else 22003); "up to 80%" read as from 80 % (docs/methodology.md §3.3, §8 E10, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.ppb_coefficient(share numeric, bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_ppb_coefficient'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.ppb_coefficient(numeric, text) IS
'Participatory-budget coefficient k_PPB = bands(p), p = % of the local budget distributed through it (0..100, else 22003); p > 3 -> 1.2 (docs/methodology.md §3.3, §8 E11, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.leb_violation_share_points(violations numeric, audited_amount numeric,
                                                     clean_points numeric, bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_leb_violation_share_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.leb_violation_share_points(numeric, numeric, numeric, text) IS
'Base violation points of an audited LEB: clean_points when V = 0, else bands(100 V/B) on the exact share; V > B (also B = 0 < V) is 22023 (docs/methodology.md §3.3, §8 E9, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.leb_violation_points(audited boolean, violations numeric, audited_amount numeric,
                                               ia_analysis boolean, clean_points numeric,
                                               ia_analysis_points numeric, not_audited_points numeric,
                                               bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_leb_violation_points'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.leb_violation_points(boolean, numeric, numeric, boolean, numeric, numeric, numeric, text) IS
'LEB absence of violations: (not audited: not_audited_points; audited: clean_points at V = 0, else bands(100 V/B)) + ia_analysis_points with an internal-audit analysis; every points argument finite (else 22023) and >= 0 (else 22003); not strict: V and B may be NULL for a body that was not audited, an audited one without them is 22023 (docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.direct_results_points(achieved bigint, total bigint, points numeric,
                                                zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_direct_results_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.direct_results_points(bigint, bigint, numeric, text) IS
'LEB direct results of development budget programmes = pts x achieved/total; total = 0 follows the zero-volume policy; achieved > total is 22023 (docs/methodology.md §3.3, §0.6, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goals_exact_quotient(dividend numeric, divisor numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goals_exact_quotient'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goals_exact_quotient(numeric, numeric) IS
'The one final division of a goals formula (e.g. strategic points = pts x sum of results / count): exact where it terminates, else at least 20 significant digits; NULL when the divisor is 0 (docs/methodology.md §0.1, §3.2)';

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

-- -------------------------------------------------------------------------
-- Aggregates over target-indicator rows (METHODOLOGY §7.1, §7.2)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.goal_coefficient_transition(internal, numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_final(internal)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_coefficient_final(internal) IS
'Final function of goal_coefficient_agg: the exact mean sum/count with one division (docs/methodology.md §3.2, §7.2)';

CREATE AGGREGATE perf_eval.goal_coefficient_agg(indicator_result numeric) (
    SFUNC        = perf_eval.goal_coefficient_transition,
    STYPE        = internal,
    SSPACE       = 48,
    FINALFUNC    = perf_eval.goal_coefficient_final,
    COMBINEFUNC  = perf_eval.goal_coefficient_combine,
    SERIALFUNC   = perf_eval.goal_coefficient_serialize,
    DESERIALFUNC = perf_eval.goal_coefficient_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.goal_coefficient_agg(numeric) IS
'Goal coefficient: the exact mean of the non-NULL indicator results (NULL = not taken into account); NULL when none is counted. State: exact numeric sum and int64 count (docs/methodology.md §3.2, §7.1, §7.2)';

CREATE TYPE perf_eval.indicator_tally AS (
    indicators    bigint,
    achieved      bigint,
    partial       bigint,
    not_achieved  bigint,
    not_counted   bigint,
    overfulfilled bigint,
    plan_lowered  bigint,
    no_dynamics   bigint
);
COMMENT ON TYPE perf_eval.indicator_tally IS
'Counts of target indicators by status and correction (APA 2020 report §1.2); also the partial state of stored per-goal summaries (docs/methodology.md §7.1)';

CREATE FUNCTION perf_eval.indicator_status_tally_transition(internal, text, boolean, boolean, boolean)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_indicator_status_tally_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.indicator_tally_merge_transition(internal, perf_eval.indicator_tally)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_indicator_tally_merge_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.indicator_tally_final(internal)
RETURNS perf_eval.indicator_tally
AS 'MODULE_PATHNAME', 'pe_indicator_tally_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE perf_eval.indicator_status_tally_agg(status text, overfulfilled boolean,
                                                      plan_lowered boolean, no_dynamics boolean) (
    SFUNC        = perf_eval.indicator_status_tally_transition,
    STYPE        = internal,
    SSPACE       = 72,
    FINALFUNC    = perf_eval.indicator_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.indicator_status_tally_agg(text, boolean, boolean, boolean) IS
'Counts target indicators: one per row with a non-NULL status (achieved, partial, not_achieved, not_counted; others 22023), plus the overfulfilled, plan-lowered and no-dynamics flags (NULL = false) (docs/methodology.md §3.1, §7.1)';

CREATE AGGREGATE perf_eval.indicator_tally_merge_agg(perf_eval.indicator_tally) (
    SFUNC        = perf_eval.indicator_tally_merge_transition,
    STYPE        = internal,
    SSPACE       = 72,
    FINALFUNC    = perf_eval.indicator_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.indicator_tally_merge_agg(perf_eval.indicator_tally) IS
'Adds stored indicator_tally partial states (per-goal tallies into a body''s, or partial results of a distributed engine) (docs/methodology.md §7.2)';

-- -------------------------------------------------------------------------
-- Methodology-bound target-indicator functions: constants from the version
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.target_indicator_assessment(
    direction text, plan numeric, fact numeric, plan_original numeric DEFAULT NULL,
    fact_previous numeric DEFAULT NULL, fact_published boolean DEFAULT true, methodology text DEFAULT NULL)
RETURNS perf_eval.indicator_assessment
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
BEGIN
    RETURN perf_eval.goal_indicator_assessment(direction, plan, fact, plan_original, fact_previous, fact_published,
        perf_eval.param_numeric(v, 'goals.overfulfil_threshold'),
        perf_eval.param_numeric(v, 'goals.overfulfil_multiplier'),
        perf_eval.param_boolean(v, 'goals.overfulfil_exempt_decrease'),
        perf_eval.param_numeric(v, 'goals.achievement_cap'),
        perf_eval.param_numeric(v, 'goals.plan_lowered_multiplier'),
        perf_eval.param_numeric(v, 'goals.no_dynamics_multiplier'));
END
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_assessment(text, numeric, numeric, numeric, numeric, boolean, text) IS
'A target indicator assessed under a methodology (default: the current one): the goals.* constants of docs/methodology.md §2.3 read from the version (docs/methodology.md §3.1)';

CREATE FUNCTION perf_eval.target_indicator_result(
    direction text, plan numeric, fact numeric, plan_original numeric DEFAULT NULL,
    fact_previous numeric DEFAULT NULL, fact_published boolean DEFAULT true, methodology text DEFAULT NULL)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (perf_eval.target_indicator_assessment($1, $2, $3, $4, $5, $6, $7)).result
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_result(text, numeric, numeric, numeric, numeric, boolean, text) IS
'The result of a target indicator under a methodology: min(r, cap) x correction factors, NULL when not taken into account; feed it to goal_coefficient_agg (docs/methodology.md §3.1, §7.2)';
