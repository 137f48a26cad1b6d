-- =========================================================================
-- Section: civil servants of corps "B": kernels and the KPI-part aggregate
-- (METHODOLOGY §6.1, §6.2, §6.3; src/civil_servants.c, src/kef_aggregate.c)
--
-- Every methodology constant is an argument: the civil-servant parts
-- (65_civil_servant_model.sql to 68_civil_servant_procedures.sql) read cs.*
-- parameters from the period's versions.
-- Kef and its parts are fractions (0.8148 = 81.48 %); presentation shows
-- them as % with the decimals of the display setting kef_percent.
-- =========================================================================

CREATE FUNCTION perf_eval.kpi_criteria_mean(
    completeness integer, quality integer, timeliness integer,
    max_completeness numeric, max_quality numeric, max_timeliness numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_kpi_criteria_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_criteria_mean(integer, integer, integer, numeric, numeric, numeric) IS
'M_i = (c/max_c + q/max_q + t/max_t)/3, the criteria mean of one KPI: (1/2 + 1/3 + 1/1)/3 = 61.11% (APA 2020 report, Appendix 3, docs/methodology.md §6.2)';

CREATE FUNCTION perf_eval.kpi_efficiency(
    completeness integer, quality integer, timeliness integer, difficulty integer,
    max_completeness numeric, max_quality numeric, max_timeliness numeric, difficulty_divisor numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_efficiency(integer, integer, integer, integer, numeric, numeric, numeric, numeric) IS
'kef_i = M_i*(1 + d/divisor), the efficiency of one KPI adjusted for difficulty d in 1..6: 61.11% at d = 2 gives 81.48% (APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3, docs/methodology.md §6.2)';

CREATE FUNCTION perf_eval.kpi_difficulty_level(work_type text, work_mode text)
RETURNS integer
AS 'MODULE_PATHNAME', 'pe_kpi_difficulty_level'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_difficulty_level(text, text) IS
'd = 2*type + mode: technical 0, organizational 1, analytical 2; normal 1, urgent 2 (analytical urgent = 6, technical normal = 1; APA 2020 report, chapter 4 conclusions, Table 4.3)';

CREATE FUNCTION perf_eval.kpi_completeness(plan numeric, fact numeric, completeness_bands text,
                                           decrease_is_good boolean DEFAULT false)
RETURNS integer
AS 'MODULE_PATHNAME', 'pe_kpi_completeness'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_completeness(numeric, numeric, text, boolean) IS
'Completeness c of a KPI: bands on a = fact/plan (plan/fact when a decrease is expected), ge 1 => 2; ge 0.75 => 1; else => 0 (APA 2020 report, chapter 4 conclusions, Table 4.3); a zero denominator means the plan is met (a = 1)';

CREATE FUNCTION perf_eval.kpi_plan_met(plan numeric, fact numeric, decrease_is_good boolean DEFAULT false)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_kpi_plan_met'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_plan_met(numeric, numeric, boolean) IS
'm2018: a KPI is fully achieved when its fact meets its plan (fact >= plan, or <= when a decrease is expected; APA 2020 report §4.1)';

CREATE FUNCTION perf_eval.competency_meets(manifested integer, defined integer, ratio_num integer, ratio_den integer)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_competency_meets'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.competency_meets(integer, integer, integer, integer) IS
'A competency meets expectations when den*k >= num*n behavioural indicators are manifested (3/4: n = 4 needs 3, n = 3 needs 3; APA 2020 report §4.1, docs/methodology.md §6.1)';

CREATE FUNCTION perf_eval.competency_part(met bigint, assessed bigint, not_meet_value numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_competency_part'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.competency_part(bigint, bigint, numeric) IS
'comp_part = mean of v_j, v_j = 1 if met else not_meet_value: (met + (assessed - met)*not_meet_value)/assessed; 0 by default, 0.5 reproduces 83.33% of the appendix (APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3, docs/methodology.md §8 E13)';

CREATE FUNCTION perf_eval.competency_part(meets boolean[], not_meet_value numeric)
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
COMMENT ON FUNCTION perf_eval.competency_part(boolean[], numeric) IS
'The competency part of Kef from one meets/does-not-meet result per competency (APA 2020 report, Appendix 3)';

CREATE FUNCTION perf_eval.efficiency_coefficient_raw(kpi_part numeric, competency_part numeric,
                                                     w_kpi numeric, w_competency numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_efficiency_coefficient_raw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.efficiency_coefficient_raw(numeric, numeric, numeric, numeric) IS
'kef_raw = w_kpi*kpi_part + w_competency*competency_part (0.5/0.5: "85.68% + 83.33% = 84.51%" is the mean, APA 2020 report, Appendix 3, docs/methodology.md §8 E14)';

CREATE FUNCTION perf_eval.plan_execution_gate(plan_pct numeric, plan_gate text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_plan_execution_gate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.plan_execution_gate(numeric, text) IS
'Plan-execution gate: bands on P in 0..100, lt 75 => 0; lt 100 => 0.5; else => 1 (APA 2020 report, Appendix 4, paragraph 28; "75-99%" read as lt 100, docs/methodology.md §8 E17)';

CREATE FUNCTION perf_eval.plan_execution_gate(completed bigint, total bigint, plan_gate text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_plan_execution_gate_counts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.plan_execution_gate(bigint, bigint, text) IS
'Plan-execution gate on P = 100*completed/total as an exact rational; total = planned + unplanned tasks > 0 (APA 2020 report, Appendix 4, paragraph 28)';

CREATE FUNCTION perf_eval.efficiency_coefficient(kpi_part numeric, competency_part numeric, plan_pct numeric,
                                                 w_kpi numeric, w_competency numeric, plan_gate text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_efficiency_coefficient'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.efficiency_coefficient(numeric, numeric, numeric, numeric, numeric, text) IS
'Kef = kef_raw * gate(P): the gate applies to kef_raw (84.505% at P = 90 gives 42.2525%; the appendix halves the competency part, APA 2020 report, Appendix 3, docs/methodology.md §8 E15)';

CREATE FUNCTION perf_eval.efficiency_coefficient_gated(kef_raw numeric, plan_gate numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_efficiency_coefficient_gated'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.efficiency_coefficient_gated(numeric, numeric) IS
'Kef = kef_raw * gate from a computed kef_raw and plan-execution gate, both >= 0 (APA 2020 report, Appendix 3; Appendix 4, paragraph 28, docs/methodology.md §8 E15)';

CREATE FUNCTION perf_eval.m2018_kpi_grade(achieved integer, kpis integer, kpi_count integer, grade_bands text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_m2018_kpi_grade'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.m2018_kpi_grade(integer, integer, integer, text) IS
'm2018 grade: bands with labels on the KPIs fully achieved out of exactly kpi_count (5): excellent / effective / satisfactory / unsatisfactory (APA 2020 report §4.1; chapter 4 conclusions, docs/methodology.md §6.1)';

CREATE FUNCTION perf_eval.commission_quorate(members integer, present integer, min_members integer,
                                             quorum_num integer, quorum_den integer)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_commission_quorate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.commission_quorate(integer, integer, integer, integer, integer) IS
'Quorum: den*present >= num*members voting members (two thirds), with at least min_members (5) voting members; the secretary does not count (APA 2020 report, Appendix 4, paragraphs 5, 32, 36)';

CREATE FUNCTION perf_eval.commission_decision(yes integer, no integer, chair_in_favour boolean)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_commission_decision'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.commission_decision(integer, integer, boolean) IS
'Open vote: adopted if yes > no, rejected if yes < no, the chair''s vote decides a tie (APA 2020 report, Appendix 4, paragraphs 34-36, docs/methodology.md §6.3)';

-- -------------------------------------------------------------------------
-- The KPI part: the exact mean of a sheet's kef_i (seed 000 line 5160)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.kpi_efficiency_mean_transition(internal, numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.kpi_efficiency_mean_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.kpi_efficiency_mean_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION perf_eval.kpi_efficiency_mean_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- STRICT: with no rows the state is NULL and so is the mean.
CREATE FUNCTION perf_eval.kpi_efficiency_mean_final(internal)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_efficiency_mean_final(internal) IS
'Final function of kpi_efficiency_mean_agg: sum/count of the kef_i, the one division (APA 2020 report, Appendix 3)';

CREATE AGGREGATE perf_eval.kpi_efficiency_mean_agg(kpi_efficiency numeric) (
    SFUNC        = perf_eval.kpi_efficiency_mean_transition,
    STYPE        = internal,
    SSPACE       = 64,
    FINALFUNC    = perf_eval.kpi_efficiency_mean_final,
    COMBINEFUNC  = perf_eval.kpi_efficiency_mean_combine,
    SERIALFUNC   = perf_eval.kpi_efficiency_mean_serialize,
    DESERIALFUNC = perf_eval.kpi_efficiency_mean_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.kpi_efficiency_mean_agg(numeric) IS
'kpi_part = mean of the KPIs'' kef_i, exact (numeric sum and int64 count, one final division); NULLs skipped, NULL with no rows (APA 2020 report, Appendix 3, docs/methodology.md §6.2, §7.2)';
