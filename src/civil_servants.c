/*
 * civil_servants.c: kernels of the assessment of administrative civil
 * servants of corps "B" (METHODOLOGY §6).
 *
 * draft_kef (seed 000 Appendices 3-4, §6.2): per KPI the criteria mean M_i
 * and the efficiency kef_i = M_i (1 + d / divisor); the competency part with
 * the value of "does not meet"; kef_raw = w_kpi kpi_part + w_comp comp_part;
 * the plan-execution gate as bands on P = 100 completed / total.
 * m2018 (§6.1): the KPI grade as bands with labels on the number of KPIs
 * achieved, and the 3/4 competency rule in integers. The commission rules of
 * §6.3 (quorum, open vote with the chair deciding a tie) are kernels too, so
 * the data model and the vectors use one implementation.
 *
 * Every methodology constant (maxima, divisor, weights, bands, ratios) is an
 * argument; the methodology layer (extension/parts/67_civil_servant_computation.sql)
 * reads them from the version. Checks run in the order of §0.7: names and
 * definitions (22023), the domain of each value (22003), consistency (22023).
 */
#include "civil_servants_core.h"
#include "argument_checks.h"
#include "numeric_ops.h"
#include "scale_bands.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(pe_kpi_criteria_mean);
PG_FUNCTION_INFO_V1(pe_kpi_efficiency);
PG_FUNCTION_INFO_V1(pe_kpi_difficulty_level);
PG_FUNCTION_INFO_V1(pe_kpi_completeness);
PG_FUNCTION_INFO_V1(pe_kpi_plan_met);
PG_FUNCTION_INFO_V1(pe_competency_meets);
PG_FUNCTION_INFO_V1(pe_competency_part);
PG_FUNCTION_INFO_V1(pe_efficiency_coefficient_raw);
PG_FUNCTION_INFO_V1(pe_plan_execution_gate);
PG_FUNCTION_INFO_V1(pe_plan_execution_gate_counts);
PG_FUNCTION_INFO_V1(pe_efficiency_coefficient);
PG_FUNCTION_INFO_V1(pe_efficiency_coefficient_gated);
PG_FUNCTION_INFO_V1(pe_m2018_kpi_grade);
PG_FUNCTION_INFO_V1(pe_commission_quorate);
PG_FUNCTION_INFO_V1(pe_commission_decision);

/* Plan execution is a percentage: P = 100 completed / total (seed 000 line 5311). */
#define PERCENT 100

/* M_i averages three criteria: completeness, quality, timeliness (line 5149). */
#define KPI_CRITERIA 3

/* Where the civil-servant kernels check their arguments: the clause names its section. */
#define CS_SITE(where) \
	(&(const PeCheckSite) {.clause = (where)})

#define CLAUSE_CRITERIA "Kef criteria c, q, t, APA 2020 report, chapter 4 conclusions, Table 4.3 (docs/methodology.md §6.2)"
#define CLAUSE_DIFFICULTY "Kef difficulty d = 2*type + mode, APA 2020 report, chapter 4 conclusions, Table 4.3 (docs/methodology.md §6.2)"
#define CLAUSE_COMPLETENESS "Kef completeness from plan and fact, APA 2020 report, chapter 4 conclusions, Table 4.3 (docs/methodology.md §6.2)"
#define CLAUSE_COMPETENCY_PART "Kef competency part, APA 2020 report, Appendix 3 (docs/methodology.md §6.2)"
#define CLAUSE_KEF_RAW "Kef_raw = w_kpi*kpi_part + w_comp*comp_part, APA 2020 report, Appendix 3"
#define CLAUSE_GATE "Kef plan-execution gate, APA 2020 report, Appendix 4, paragraph 28 (docs/methodology.md §6.2)"
#define CLAUSE_GRADE "m2018 KPI grade, APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1)"
#define CLAUSE_COMPETENCY "m2018 competency 3/4 rule, APA 2020 report §4.1 (docs/methodology.md §6.1)"
#define CLAUSE_QUORUM "commission quorum, APA 2020 report, Appendix 4, paragraphs 5, 32 (docs/methodology.md §6.3)"
#define CLAUSE_DECISION "commission decision, APA 2020 report, Appendix 4, paragraphs 34-36 (docs/methodology.md §6.3)"

/* A product keeps the scale of its factors (0.84505 x 0 = 0.00000): trim it as quotients are. */
static Numeric
trimmed(Numeric value)
{
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, NumericGetDatum(value)));
}

static const char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/*
 * The numerator and denominator of M_i = (c/mc + q/mq + t/mt) / 3 over the
 * common denominator 3 mc mq mt, after checking every argument.
 */
static void
criteria_fraction(int32 completeness, int32 quality, int32 timeliness,
				  Numeric max_c, Numeric max_q, Numeric max_t,
				  Numeric *numerator, Numeric *denominator)
{
	pe_check_positive(max_c, "max_completeness", CS_SITE(CLAUSE_CRITERIA));
	pe_check_positive(max_q, "max_quality", CS_SITE(CLAUSE_CRITERIA));
	pe_check_positive(max_t, "max_timeliness", CS_SITE(CLAUSE_CRITERIA));
	pe_check_score(completeness, max_c, "completeness", CS_SITE(CLAUSE_CRITERIA));
	pe_check_score(quality, max_q, "quality", CS_SITE(CLAUSE_CRITERIA));
	pe_check_score(timeliness, max_t, "timeliness", CS_SITE(CLAUSE_CRITERIA));

	*numerator = pe_num_add(pe_num_add(pe_num_mul(pe_num_int64(completeness), pe_num_mul(max_q, max_t)),
									   pe_num_mul(pe_num_int64(quality), pe_num_mul(max_c, max_t))),
							pe_num_mul(pe_num_int64(timeliness), pe_num_mul(max_c, max_q)));
	*denominator = pe_num_mul(pe_num_int64(KPI_CRITERIA), pe_num_mul(max_c, pe_num_mul(max_q, max_t)));
}

/* M_i = (c/max_c + q/max_q + t/max_t) / 3, one final division (seed 000 lines 5147-5153). */
Datum
pe_kpi_criteria_mean(PG_FUNCTION_ARGS)
{
	Numeric		numerator;
	Numeric		denominator;

	criteria_fraction(PG_GETARG_INT32(0), PG_GETARG_INT32(1), PG_GETARG_INT32(2),
					  PG_GETARG_NUMERIC(3), PG_GETARG_NUMERIC(4), PG_GETARG_NUMERIC(5),
					  &numerator, &denominator);
	PG_RETURN_NUMERIC(pe_num_quotient(numerator, denominator));
}

/*
 * kef_i = M_i (1 + d / divisor) = num (divisor + d) / (den divisor): 61.11 %
 * at d = 2 gives 81.48 % (seed 000 line 5158; the printed factor "1.3334%"
 * is 4/3, §8 E16). Arguments: c, q, t, d, max_c, max_q, max_t, divisor.
 */
Datum
pe_kpi_efficiency(PG_FUNCTION_ARGS)
{
	int32		difficulty = PG_GETARG_INT32(3);
	Numeric		divisor = PG_GETARG_NUMERIC(7);
	Numeric		numerator;
	Numeric		denominator;

	pe_check_positive(divisor, "difficulty_divisor", CS_SITE(CLAUSE_DIFFICULTY));
	criteria_fraction(PG_GETARG_INT32(0), PG_GETARG_INT32(1), PG_GETARG_INT32(2),
					  PG_GETARG_NUMERIC(4), PG_GETARG_NUMERIC(5), PG_GETARG_NUMERIC(6),
					  &numerator, &denominator);
	if (difficulty < PE_CS_DIFFICULTY_MIN || difficulty > PE_CS_DIFFICULTY_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("difficulty must lie between %d and %d", PE_CS_DIFFICULTY_MIN, PE_CS_DIFFICULTY_MAX),
				 errdetail("difficulty = %d.", difficulty),
				 errhint("Pass a difficulty of %d (technical, normal) to %d (analytical, urgent), as kpi_difficulty_level() gives it; see %s.",
						 PE_CS_DIFFICULTY_MIN, PE_CS_DIFFICULTY_MAX, CLAUSE_DIFFICULTY)));

	PG_RETURN_NUMERIC(pe_num_quotient(pe_num_mul(numerator, pe_num_add(divisor, pe_num_int64(difficulty))),
									  pe_num_mul(denominator, divisor)));
}

/* d = 2 * type_rank + mode_rank: analytical urgent 6 ... technical normal 1 (seed 000 line 4466). */
Datum
pe_kpi_difficulty_level(PG_FUNCTION_ARGS)
{
	char	   *work_type = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *work_mode = text_to_cstring(PG_GETARG_TEXT_PP(1));
	int			type_rank = pe_cs_work_type_rank(work_type);
	int			mode_rank = pe_cs_work_mode_rank(work_mode);

	if (type_rank < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown type of work \"%s\"", work_type),
				 errdetail("Known types are technical, organizational and analytical."),
				 errhint("Pass work_type technical (rank 0), organizational (1) or analytical (2); see %s.",
						 CLAUSE_DIFFICULTY)));
	if (mode_rank < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown mode of work \"%s\"", work_mode),
				 errdetail("Known modes are normal and urgent."),
				 errhint("Pass work_mode normal (rank 0) or urgent (1); see %s.", CLAUSE_DIFFICULTY)));
	PG_RETURN_INT32(pe_cs_difficulty_level(type_rank, mode_rank));
}

/* plan >= 0 and fact >= 0, both finite. */
static void
require_plan_and_fact(Numeric plan, Numeric fact, const char *clause)
{
	pe_check_finite(plan, "plan");
	pe_check_finite(fact, "fact");
	if (pe_num_is_negative(plan) || pe_num_is_negative(fact))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("plan and fact of a KPI must not be negative"),
				 errdetail("plan = %s, fact = %s.", numeric_text(plan), numeric_text(fact)),
				 errhint("Pass a plan and a fact of 0 or more, on a scale where neither is negative; see %s.",
						 clause)));
}

static bool
plan_met(Numeric plan, Numeric fact, bool decrease_is_good)
{
	int			cmp = pe_num_cmp(fact, plan);

	return decrease_is_good ? cmp <= 0 : cmp >= 0;
}

/*
 * Completeness from plan and fact: bands on a = F / P (P / F when a decrease
 * is the expected positive change), by default ge 1 => 2; ge 0.75 => 1;
 * else => 0 ("deviation no more than 25%", seed 000 line 4466). A ratio with
 * a zero denominator (P = 0 on an increase, F = 0 on a decrease) means the
 * fact meets the plan: it is read as a = 1, decided here because the seed is
 * silent.
 */
Datum
pe_kpi_completeness(PG_FUNCTION_ARGS)
{
	Numeric		plan = PG_GETARG_NUMERIC(0);
	Numeric		fact = PG_GETARG_NUMERIC(1);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(2));
	bool		decrease_is_good = PG_GETARG_BOOL(3);
	Numeric		numerator = decrease_is_good ? plan : fact;
	Numeric		denominator = decrease_is_good ? fact : plan;
	PeBands		bands;
	Numeric		value;
	bool		not_integral = false;
	int32		score;

	pe_bands_from_cstring(bands_text, "completeness_bands", &bands);
	require_plan_and_fact(plan, fact, CLAUSE_COMPLETENESS);

	if (pe_num_cmp(denominator, pe_num_int64(0)) == 0)
	{
		numerator = pe_num_int64(1);
		denominator = pe_num_int64(1);
	}
	value = pe_bands_rule_number(&bands, pe_bands_match(&bands, numerator, denominator),
								 "completeness_bands");
	if (value == NULL)
		PG_RETURN_NULL();
	if (pe_num_cmp(value, DatumGetNumeric(DirectFunctionCall2(numeric_trunc, NumericGetDatum(value),
															  Int32GetDatum(0)))) != 0)
		not_integral = true;
	score = not_integral ? 0 : numeric_int4_opt_error(value, &not_integral);
	if (not_integral)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("completeness bands must give whole scores, not %s", numeric_text(value)),
				 errdetail("The bands are \"%s\".", bands_text),
				 errhint("Give every band of completeness_bands a whole score, as in \"ge 1 => 2; ge 0.75 => 1; else => 0\"; see %s.",
						 CLAUSE_COMPLETENESS)));
	PG_RETURN_INT32(score);
}

/* m2018: a KPI is achieved when its fact meets its plan (binary; seed 000 lines 3849-3856). */
Datum
pe_kpi_plan_met(PG_FUNCTION_ARGS)
{
	Numeric		plan = PG_GETARG_NUMERIC(0);
	Numeric		fact = PG_GETARG_NUMERIC(1);
	bool		decrease_is_good = PG_GETARG_BOOL(2);

	require_plan_and_fact(plan, fact, CLAUSE_GRADE);
	PG_RETURN_BOOL(plan_met(plan, fact, decrease_is_good));
}

/* meets <=> den k >= num n, in integers (3/4: n = 4 needs 3, n = 3 needs all 3). */
Datum
pe_competency_meets(PG_FUNCTION_ARGS)
{
	int32		manifested = PG_GETARG_INT32(0);
	int32		defined = PG_GETARG_INT32(1);
	int32		ratio_num = PG_GETARG_INT32(2);
	int32		ratio_den = PG_GETARG_INT32(3);

	pe_check_count(manifested, "manifested", CS_SITE(CLAUSE_COMPETENCY));
	pe_check_count(defined, "defined", CS_SITE(CLAUSE_COMPETENCY));
	pe_check_ratio(ratio_num, ratio_den, "competency_ratio", CS_SITE(CLAUSE_COMPETENCY));
	if (defined == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a competency needs at least one behavioural indicator"),
				 errdetail("defined = 0."),
				 errhint("Pass defined of 1 or more, the number of behavioural indicators of the competency; see %s.",
						 CLAUSE_COMPETENCY)));
	pe_check_part_of_whole(manifested, defined, "manifested", "defined", CS_SITE(CLAUSE_COMPETENCY));
	PG_RETURN_BOOL(pe_cs_competency_meets(manifested, defined, ratio_num, ratio_den));
}

/*
 * comp_part = mean_j v_j with v_j = 1 if met else not_meet_value, as one
 * division: (met + (assessed - met) not_meet_value) / assessed.
 * not_meet_value is 0 by default; 0.5 reproduces the appendix (§8 E13).
 */
Datum
pe_competency_part(PG_FUNCTION_ARGS)
{
	int64		met = PG_GETARG_INT64(0);
	int64		assessed = PG_GETARG_INT64(1);
	Numeric		not_meet_value = PG_GETARG_NUMERIC(2);
	Numeric		numerator;

	pe_check_count(met, "met", CS_SITE(CLAUSE_COMPETENCY_PART));
	pe_check_count(assessed, "assessed", CS_SITE(CLAUSE_COMPETENCY_PART));
	pe_check_between(not_meet_value, 0, 1, "not_meet_value", CS_SITE(CLAUSE_COMPETENCY_PART));
	if (assessed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the competency part needs at least one competency"),
				 errdetail("assessed = 0."),
				 errhint("Pass assessed of 1 or more, the number of competencies assessed; see %s.",
						 CLAUSE_COMPETENCY_PART)));
	pe_check_part_of_whole(met, assessed, "met", "assessed", CS_SITE(CLAUSE_COMPETENCY_PART));

	numerator = pe_num_add(pe_num_int64(met),
						   pe_num_mul(pe_num_int64(assessed - met), not_meet_value));
	PG_RETURN_NUMERIC(pe_num_quotient(numerator, pe_num_int64(assessed)));
}

/* kpi_part >= 0, comp_part in [0, 1], weights >= 0 summing to exactly 1. */
static Numeric
kef_raw_checked(Numeric kpi_part, Numeric competency_part, Numeric w_kpi, Numeric w_competency)
{
	pe_check_finite(kpi_part, "kpi_part");
	pe_check_finite(competency_part, "competency_part");
	pe_check_finite(w_kpi, "w_kpi");
	pe_check_finite(w_competency, "w_competency");
	if (pe_num_is_negative(kpi_part))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kpi_part must not be negative"),
				 errdetail("kpi_part = %s.", numeric_text(kpi_part)),
				 errhint("Pass a kpi_part of 0 or more, the mean of the KPI efficiencies; see %s (docs/methodology.md §6.2).",
						 CLAUSE_KEF_RAW)));
	pe_check_between(competency_part, 0, 1, "competency_part", CS_SITE(CLAUSE_KEF_RAW));
	pe_check_nonnegative(w_kpi, "w_kpi", NULL);
	pe_check_nonnegative(w_competency, "w_competency", NULL);
	if (pe_num_cmp(pe_num_add(w_kpi, w_competency), pe_num_int64(1)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("Kef weights must sum to exactly 1"),
				 errdetail("w_kpi = %s, w_competency = %s.", numeric_text(w_kpi), numeric_text(w_competency)),
				 errhint("Pass w_kpi and w_competency that sum to exactly 1, e.g. 0.5 and 0.5; see %s (docs/methodology.md §6.2 and §2.7).",
						 CLAUSE_KEF_RAW)));
	return trimmed(pe_num_add(pe_num_mul(w_kpi, kpi_part), pe_num_mul(w_competency, competency_part)));
}

/*
 * kef_raw = 0.5 kpi_part + 0.5 comp_part: the arithmetic mean the appendix
 * prints as "85.68% + 83.33% = 84.51%" (seed 000 line 5186, §8 E14).
 */
Datum
pe_efficiency_coefficient_raw(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(kef_raw_checked(PG_GETARG_NUMERIC(0), PG_GETARG_NUMERIC(1),
									  PG_GETARG_NUMERIC(2), PG_GETARG_NUMERIC(3)));
}

/* The gate for P = numerator / denominator (%), 0 <= P <= 100 already checked. */
static Datum
gate_value(FunctionCallInfo fcinfo, const PeBands *bands, Numeric numerator, Numeric denominator)
{
	Numeric		gate = pe_bands_rule_number(bands, pe_bands_match(bands, numerator, denominator),
											"plan_gate");

	if (gate == NULL)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(gate);
}

static void
require_percentage(Numeric plan_pct, const char *clause)
{
	pe_check_finite(plan_pct, "plan_pct");
	if (pe_num_is_negative(plan_pct) || pe_num_cmp(plan_pct, pe_num_int64(PERCENT)) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("plan execution must lie between 0 and 100 percent"),
				 errdetail("plan_pct = %s.", numeric_text(plan_pct)),
				 errhint("Pass a plan_pct between 0 and 100, that is 100 * completed / total tasks; see %s.",
						 clause)));
}

/*
 * gate = bands(P; lt 75 => 0; lt 100 => 0.5; else => 1): below 75 % the
 * coefficient is zero, 75-99 % halves it, 100 % keeps it (seed 000 lines
 * 5311-5317; "75-99%" read as lt 100, §8 E17).
 */
Datum
pe_plan_execution_gate(PG_FUNCTION_ARGS)
{
	Numeric		plan_pct = PG_GETARG_NUMERIC(0);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(1));
	PeBands		bands;

	pe_bands_from_cstring(bands_text, "plan_gate", &bands);
	require_percentage(plan_pct, CLAUSE_GATE);
	return gate_value(fcinfo, &bands, plan_pct, pe_num_int64(1));
}

/*
 * The gate from task counts: P = 100 completed / total, total = planned +
 * unplanned tasks (seed 000 line 5311), compared as an exact rational.
 */
Datum
pe_plan_execution_gate_counts(PG_FUNCTION_ARGS)
{
	int64		completed = PG_GETARG_INT64(0);
	int64		total = PG_GETARG_INT64(1);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(2));
	PeBands		bands;

	pe_bands_from_cstring(bands_text, "plan_gate", &bands);
	pe_check_count(completed, "completed", CS_SITE(CLAUSE_GATE));
	pe_check_count(total, "total", CS_SITE(CLAUSE_GATE));
	if (total == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("plan execution needs at least one planned or unplanned task"),
				 errdetail("completed = " INT64_FORMAT ", total = 0.", completed),
				 errhint("Pass a total of 1 or more, the planned plus unplanned tasks of the year; see %s.",
						 CLAUSE_GATE)));
	pe_check_part_of_whole(completed, total, "completed", "total", CS_SITE(CLAUSE_GATE));
	return gate_value(fcinfo, &bands,
					  pe_num_mul(pe_num_int64(PERCENT), pe_num_int64(completed)),
					  pe_num_int64(total));
}

/*
 * Kef = kef_raw x gate: the gate applies to kef_raw, not to the competency
 * part the appendix halves (seed 000 lines 5192-5196, §8 E15): 84.505 % at
 * P = 90 gives 42.2525 %.
 */
Datum
pe_efficiency_coefficient(PG_FUNCTION_ARGS)
{
	Numeric		kpi_part = PG_GETARG_NUMERIC(0);
	Numeric		competency_part = PG_GETARG_NUMERIC(1);
	Numeric		plan_pct = PG_GETARG_NUMERIC(2);
	Numeric		w_kpi = PG_GETARG_NUMERIC(3);
	Numeric		w_competency = PG_GETARG_NUMERIC(4);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(5));
	PeBands		bands;
	Numeric		raw;
	Numeric		gate;

	pe_bands_from_cstring(bands_text, "plan_gate", &bands);
	require_percentage(plan_pct, CLAUSE_GATE);
	raw = kef_raw_checked(kpi_part, competency_part, w_kpi, w_competency);
	gate = pe_bands_rule_number(&bands, pe_bands_match(&bands, plan_pct, pe_num_int64(1)), "plan_gate");
	if (gate == NULL)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(trimmed(pe_num_mul(raw, gate)));
}

/* kef_raw or the gate a band gave: finite and not negative (22003). */
static void
require_nonnegative(Numeric value, const char *name, const char *clause)
{
	pe_check_finite(value, name);
	if (pe_num_is_negative(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must not be negative", name),
				 errdetail("%s = %s.", name, numeric_text(value)),
				 errhint("Pass a value of 0 or more for %s; see %s.", name, clause)));
}

/*
 * Kef = kef_raw x gate from the two parts a sheet's computation already has
 * (kef_raw from efficiency_coefficient_raw, the gate from
 * plan_execution_gate on the task counts; seed 000 lines 5192-5196, §8 E15).
 */
Datum
pe_efficiency_coefficient_gated(PG_FUNCTION_ARGS)
{
	Numeric		kef_raw = PG_GETARG_NUMERIC(0);
	Numeric		gate = PG_GETARG_NUMERIC(1);

	require_nonnegative(kef_raw, "kef_raw", CLAUSE_GATE);
	require_nonnegative(gate, "plan_gate", CLAUSE_GATE);
	PG_RETURN_NUMERIC(trimmed(pe_num_mul(kef_raw, gate)));
}

/*
 * m2018 grade: bands with labels on the number of KPIs fully achieved out of
 * exactly kpi_count (5): eq 5 => excellent; eq 4 => effective; eq 3 =>
 * satisfactory; else => unsatisfactory (seed 000 lines 3849-3856, 4432).
 */
Datum
pe_m2018_kpi_grade(PG_FUNCTION_ARGS)
{
	int32		achieved = PG_GETARG_INT32(0);
	int32		kpis = PG_GETARG_INT32(1);
	int32		kpi_count = PG_GETARG_INT32(2);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(3));
	PeBands		bands;
	text	   *grade;

	pe_bands_from_cstring(bands_text, "grade_bands", &bands);
	pe_check_count(achieved, "achieved", CS_SITE(CLAUSE_GRADE));
	pe_check_count(kpis, "kpis", CS_SITE(CLAUSE_GRADE));
	if (kpi_count <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("kpi_count must be positive"),
				 errdetail("kpi_count = %d.", kpi_count),
				 errhint("Pass a kpi_count of 1 or more, 5 under m2018; see %s.", CLAUSE_GRADE)));
	if (kpis != kpi_count)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("an individual work plan must have exactly %d KPIs under m2018", kpi_count),
				 errdetail("kpis = %d.", kpis),
				 errhint("Give the individual work plan exactly %d KPIs, or pass kpis equal to kpi_count; see %s.",
						 kpi_count, CLAUSE_GRADE)));
	pe_check_part_of_whole(achieved, kpis, "achieved", "kpis", CS_SITE(CLAUSE_GRADE));

	grade = pe_bands_rule_text(&bands, pe_bands_match(&bands, pe_num_int64(achieved), pe_num_int64(1)));
	if (grade == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(grade);
}

/*
 * A meeting is quorate when 3 present >= 2 members (two thirds, seed 000
 * line 5345). members are the voting members (chair and members; the
 * secretary is staff and does not count, line 5353); a commission has at
 * least min_members of them (line 5230).
 */
Datum
pe_commission_quorate(PG_FUNCTION_ARGS)
{
	int32		members = PG_GETARG_INT32(0);
	int32		present = PG_GETARG_INT32(1);
	int32		min_members = PG_GETARG_INT32(2);
	int32		quorum_num = PG_GETARG_INT32(3);
	int32		quorum_den = PG_GETARG_INT32(4);

	pe_check_count(members, "members", CS_SITE(CLAUSE_QUORUM));
	pe_check_count(present, "present", CS_SITE(CLAUSE_QUORUM));
	pe_check_count(min_members, "min_members", CS_SITE(CLAUSE_QUORUM));
	pe_check_ratio(quorum_num, quorum_den, "quorum", CS_SITE(CLAUSE_QUORUM));
	if (members < min_members)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a commission needs at least %d voting members", min_members),
				 errdetail("members = %d (the secretary does not count).", members),
				 errhint("Pass members of at least %d, counting the chair and the members but not the secretary; see %s.",
						 min_members, CLAUSE_QUORUM)));
	pe_check_part_of_whole(present, members, "present", "members", CS_SITE(CLAUSE_QUORUM));
	PG_RETURN_BOOL(pe_cs_quorate(members, present, quorum_num, quorum_den));
}

/*
 * The outcome of an open vote: yes > no adopts, yes < no rejects, a tie is
 * decided by the chair's vote (seed 000 lines 5349-5353). The chair's
 * vote only matters on a tie.
 */
Datum
pe_commission_decision(PG_FUNCTION_ARGS)
{
	int32		yes = PG_GETARG_INT32(0);
	int32		no = PG_GETARG_INT32(1);
	bool		chair_in_favour = PG_GETARG_BOOL(2);

	pe_check_count(yes, "yes", CS_SITE(CLAUSE_DECISION));
	pe_check_count(no, "no", CS_SITE(CLAUSE_DECISION));
	if (yes == 0 && no == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a decision needs at least one vote"),
				 errhint("Pass yes and no counts whose sum is 1 or more; see %s.", CLAUSE_DECISION)));
	PG_RETURN_TEXT_P(cstring_to_text(pe_cs_motion_adopted(yes, no, chair_in_favour)
									 ? "adopted" : "rejected"));
}
