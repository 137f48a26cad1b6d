/*
 * goals.c: the kernels of the "Achievement of goals" block (METHODOLOGY §3).
 *
 * Target indicators (§3.1): the achievement ratio in both directions, the
 * overfulfilment test and factor (with the kz2020_apa exemption of
 * decrease-is-good indicators), the lowered-plan and no-positive-dynamics
 * corrections, eligibility, and the indicator result and status.
 * Budget component (§3.3): BP execution efficiency E = A / D, the Citizens
 * Budget points (CSB scale, LEB bands), the LEB violation points from the
 * audited share, the LEB direct results and the participatory-budget
 * coefficient k_PPB; the exact means the node computer assembles (the
 * strategic component's mean of goal means, the split BP efficiency, the
 * penalty points).
 *
 * Every methodology constant is an argument; perf_eval.target_indicator_*
 * and the goals node computer read them from the version. Ratios are never
 * rounded before a comparison: r >= 1.25 is tested as F >= 1.25 P (or
 * P >= 1.25 F), so the boundary is exact (§8 E2).
 *
 * Checks run in the order of §0.7: names (direction, policy) -> 22023, the
 * domain of each value -> 22003, consistency between values -> 22023.
 */
#include "argument_checks.h"
#include "numeric_ops.h"
#include "policies.h"
#include "scale_bands.h"

#include "access/htup_details.h"
#include "catalog/pg_type_d.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(pe_goal_indicator_ratio);
PG_FUNCTION_INFO_V1(pe_goal_indicator_eligible);
PG_FUNCTION_INFO_V1(pe_goal_overfulfilment_multiplier);
PG_FUNCTION_INFO_V1(pe_goal_plan_lowered);
PG_FUNCTION_INFO_V1(pe_goal_no_dynamics);
PG_FUNCTION_INFO_V1(pe_goal_indicator_assessment);
PG_FUNCTION_INFO_V1(pe_budget_programme_efficiency);
PG_FUNCTION_INFO_V1(pe_csb_citizens_budget_points);
PG_FUNCTION_INFO_V1(pe_leb_citizens_budget_points);
PG_FUNCTION_INFO_V1(pe_ppb_coefficient);
PG_FUNCTION_INFO_V1(pe_leb_violation_share_points);
PG_FUNCTION_INFO_V1(pe_leb_violation_points);
PG_FUNCTION_INFO_V1(pe_direct_results_points);
PG_FUNCTION_INFO_V1(pe_goals_exact_quotient);
PG_FUNCTION_INFO_V1(pe_goals_mean_of_means);
PG_FUNCTION_INFO_V1(pe_bp_efficiency_points);
PG_FUNCTION_INFO_V1(pe_goals_penalty_points);

#define TI_CLAUSE "Target indicators, docs/methodology.md §3.1, APA 2020 report §1.2"
#define LEB_VIOLATIONS_CLAUSE "LEB absence of violations, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2"
#define PERCENT 100

/*
 * The goals kernels' checks, by the rules of argument_checks.c: a value of
 * §3.1 or §3.6 >= 0, a percentage 0..100, points >= 0, each hint naming the
 * component's clause.
 */
#define GOALS_SITE(where) \
	(&(const PeCheckSite) {.clause = (where), .input_rules = "docs/methodology.md §3.6", .clause_first = true})
#define require_nonnegative_value(value, argument, clause) \
	pe_check_nonnegative(value, argument, GOALS_SITE(clause))
#define require_percent(value, argument, clause) \
	pe_check_between(value, 0, PERCENT, argument, GOALS_SITE(clause))
#define require_points(value, argument, clause) \
	pe_check_points(value, argument, GOALS_SITE(clause))
#define require_count(value, argument, clause) \
	pe_check_count(value, argument, GOALS_SITE(clause))

typedef enum GoalDirection
{
	GOAL_INCREASE,				/* higher is better: r = F / P */
	GOAL_DECREASE				/* lower is better: r = P / F */
} GoalDirection;

/* The facts of one target indicator (§3.1); NULL pointers are "not given". */
typedef struct IndicatorInput
{
	GoalDirection direction;
	Numeric		plan;
	Numeric		fact;			/* NULL only when not published */
	Numeric		plan_original;
	Numeric		fact_previous;
	bool		published;
} IndicatorInput;

/* The constants of §2.3 that shape an indicator result. */
typedef struct IndicatorParams
{
	Numeric		overfulfil_threshold;
	Numeric		overfulfil_multiplier;
	bool		overfulfil_exempt_decrease;
	Numeric		achievement_cap;
	Numeric		plan_lowered_multiplier;
	Numeric		no_dynamics_multiplier;
} IndicatorParams;

typedef struct IndicatorAssessment
{
	bool		eligible;
	Numeric		ratio;			/* NULL when undefined */
	Numeric		result;			/* NULL when not counted */
	const char *status;			/* achieved, partial, not_achieved, not_counted */
	bool		overfulfilled;	/* the overfulfilment factor applies */
	bool		plan_lowered;
	bool		no_dynamics;
	const char *reason;			/* why not counted: not_published, plan_fact_zero, plan_zero */
} IndicatorAssessment;

static const char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

static bool
num_is_zero(Numeric value)
{
	return pe_num_cmp(value, pe_num_int64(0)) == 0;
}

static GoalDirection
direction_from_text(text *direction)
{
	char	   *name = text_to_cstring(direction);

	if (strcmp(name, "increase") == 0)
		return GOAL_INCREASE;
	if (strcmp(name, "decrease") == 0)
		return GOAL_DECREASE;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown indicator direction \"%s\"", name),
			 errdetail("Known directions are increase (higher is better) and decrease (lower is better)."),
			 errhint("%s.", TI_CLAUSE)));
	return GOAL_INCREASE;		/* not reached */
}

static void
require_fact_if_published(const IndicatorInput *in)
{
	if (in->fact == NULL && in->published)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fact missing while marked published"),
				 errdetail("fact_published is true but fact is NULL."),
				 errhint("%s: a published 12-month value has a fact; mark it unpublished otherwise.",
						 TI_CLAUSE)));
}

static void
validate_indicator(const IndicatorInput *in)
{
	require_nonnegative_value(in->plan, "plan", TI_CLAUSE);
	if (in->fact != NULL)
		require_nonnegative_value(in->fact, "fact", TI_CLAUSE);
	if (in->plan_original != NULL)
		require_nonnegative_value(in->plan_original, "plan_original", TI_CLAUSE);
	if (in->fact_previous != NULL)
		require_nonnegative_value(in->fact_previous, "fact_previous", TI_CLAUSE);
}

static void
validate_params(const IndicatorParams *p)
{
	require_nonnegative_value(p->overfulfil_threshold, "overfulfil_threshold", TI_CLAUSE);
	require_nonnegative_value(p->overfulfil_multiplier, "overfulfil_multiplier", TI_CLAUSE);
	require_nonnegative_value(p->achievement_cap, "achievement_cap", TI_CLAUSE);
	require_nonnegative_value(p->plan_lowered_multiplier, "plan_lowered_multiplier", TI_CLAUSE);
	require_nonnegative_value(p->no_dynamics_multiplier, "no_dynamics_multiplier", TI_CLAUSE);
}

/*
 * The achieved and the target side of r: r = achieved / target, F / P for
 * increase-is-good, P / F for decrease-is-good.
 */
static void
ratio_sides(GoalDirection direction, Numeric plan, Numeric fact, Numeric *achieved, Numeric *target)
{
	*achieved = direction == GOAL_INCREASE ? fact : plan;
	*target = direction == GOAL_INCREASE ? plan : fact;
}

/* r >= bound, exactly: achieved >= bound * target (target > 0). */
static bool
ratio_at_least(Numeric achieved, Numeric target, Numeric bound)
{
	return pe_num_cmp(achieved, pe_num_mul(bound, target)) >= 0;
}

/* Overfulfilled: r >= threshold (inclusive, §8 E2); target 0 < achieved is r = infinity. */
static bool
is_overfulfilled(Numeric achieved, Numeric target, Numeric threshold)
{
	if (num_is_zero(target))
		return !num_is_zero(achieved);
	return ratio_at_least(achieved, target, threshold);
}

/* Plan lowered: P < P0 (increase) or P > P0 (decrease); not when P0 is not given. */
static bool
is_plan_lowered(GoalDirection direction, Numeric plan, Numeric plan_original)
{
	int			cmp;

	if (plan_original == NULL)
		return false;
	cmp = pe_num_cmp(plan, plan_original);
	return direction == GOAL_INCREASE ? cmp < 0 : cmp > 0;
}

/* No positive dynamics: F <= F-1 (increase) or F >= F-1 (decrease), equality included. */
static bool
has_no_dynamics(GoalDirection direction, Numeric fact, Numeric fact_previous)
{
	int			cmp;

	if (fact_previous == NULL)
		return false;
	cmp = pe_num_cmp(fact, fact_previous);
	return direction == GOAL_INCREASE ? cmp <= 0 : cmp >= 0;
}

/*
 * §3.1 steps 1-5 for one validated indicator.
 *
 * Decided readings (METHODOLOGY §3.1): decrease-is-good with F = 0 < P is
 * the best outcome, base min(infinity, cap) = cap and overfulfilled; the
 * overfulfilled flag means the factor applies, so an indicator exempted by
 * overfulfil_exempt_decrease (kz2020_apa, seed 000 line 847) is not flagged.
 * A not-counted indicator carries no correction flags.
 */
static void
assess_indicator(const IndicatorInput *in, const IndicatorParams *p, IndicatorAssessment *out)
{
	Numeric		achieved,
				target,
				base,
				result;

	memset(out, 0, sizeof(*out));
	out->status = "not_counted";

	/* 1. Eligibility (seed 000 line 422). */
	if (!in->published)
	{
		out->reason = "not_published";
		return;
	}
	if (num_is_zero(in->plan) && num_is_zero(in->fact))
	{
		out->reason = "plan_fact_zero";
		return;
	}
	out->eligible = true;

	/* 2. Ratio. */
	ratio_sides(in->direction, in->plan, in->fact, &achieved, &target);
	if (num_is_zero(target) && in->direction == GOAL_INCREASE)
	{
		out->reason = "plan_zero";	/* F / 0: undefined, logged */
		return;
	}
	if (num_is_zero(target))
		base = p->achievement_cap;	/* decrease-is-good reached 0 */
	else
	{
		out->ratio = pe_num_quotient(achieved, target);
		base = ratio_at_least(achieved, target, p->achievement_cap) ? p->achievement_cap : out->ratio;
	}

	/* 5. Status, on the exact ratio. */
	if (num_is_zero(target) || pe_num_cmp(achieved, target) >= 0)
		out->status = "achieved";
	else if (num_is_zero(achieved))
		out->status = "not_achieved";
	else
		out->status = "partial";

	/* 3. Corrections (seed 000 lines 424, 426, 440): factors multiply. */
	out->overfulfilled = is_overfulfilled(achieved, target, p->overfulfil_threshold)
		&& !(in->direction == GOAL_DECREASE && p->overfulfil_exempt_decrease);
	out->plan_lowered = is_plan_lowered(in->direction, in->plan, in->plan_original);
	out->no_dynamics = has_no_dynamics(in->direction, in->fact, in->fact_previous);

	/* 4. Result = min(r, cap) x factors. */
	result = base;
	if (out->overfulfilled)
		result = pe_num_mul(result, p->overfulfil_multiplier);
	if (out->plan_lowered)
		result = pe_num_mul(result, p->plan_lowered_multiplier);
	if (out->no_dynamics)
		result = pe_num_mul(result, p->no_dynamics_multiplier);
	out->result = DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, NumericGetDatum(result)));
}

/*
 * goal_indicator_ratio(direction, plan, fact): r = F / P (increase) or
 * P / F (decrease); NULL when the quotient is undefined (P = 0 for increase,
 * F = 0 for decrease, or both 0).
 */
Datum
pe_goal_indicator_ratio(PG_FUNCTION_ARGS)
{
	GoalDirection direction = direction_from_text(PG_GETARG_TEXT_PP(0));
	Numeric		plan = PG_GETARG_NUMERIC(1);
	Numeric		fact = PG_GETARG_NUMERIC(2);
	Numeric		achieved,
				target;

	require_nonnegative_value(plan, "plan", TI_CLAUSE);
	require_nonnegative_value(fact, "fact", TI_CLAUSE);
	ratio_sides(direction, plan, fact, &achieved, &target);
	if (num_is_zero(target))
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(achieved, target));
}

/*
 * goal_indicator_eligible(plan, fact, fact_published): the 12-month value
 * is published and not plan = fact = 0 (seed 000 line 422). Not strict: an
 * unpublished indicator may have no fact.
 */
Datum
pe_goal_indicator_eligible(PG_FUNCTION_ARGS)
{
	IndicatorInput in = {0};

	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	in.plan = PG_GETARG_NUMERIC(0);
	in.fact = PG_ARGISNULL(1) ? NULL : PG_GETARG_NUMERIC(1);
	in.published = PG_GETARG_BOOL(2);
	validate_indicator(&in);
	require_fact_if_published(&in);
	if (!in.published)
		PG_RETURN_BOOL(false);
	PG_RETURN_BOOL(!(num_is_zero(in.plan) && num_is_zero(in.fact)));
}

/*
 * goal_overfulfilment_multiplier(direction, plan, fact, threshold,
 * multiplier, exempt_decrease): the factor of the overfulfilment correction,
 * multiplier when r >= threshold (and the indicator is not an exempted
 * decrease-is-good one), else 1; NULL when r is undefined (P = 0 for
 * increase, or plan = fact = 0).
 */
Datum
pe_goal_overfulfilment_multiplier(PG_FUNCTION_ARGS)
{
	GoalDirection direction = direction_from_text(PG_GETARG_TEXT_PP(0));
	Numeric		plan = PG_GETARG_NUMERIC(1);
	Numeric		fact = PG_GETARG_NUMERIC(2);
	Numeric		threshold = PG_GETARG_NUMERIC(3);
	Numeric		multiplier = PG_GETARG_NUMERIC(4);
	bool		exempt_decrease = PG_GETARG_BOOL(5);
	Numeric		achieved,
				target;

	require_nonnegative_value(plan, "plan", TI_CLAUSE);
	require_nonnegative_value(fact, "fact", TI_CLAUSE);
	require_nonnegative_value(threshold, "overfulfil_threshold", TI_CLAUSE);
	require_nonnegative_value(multiplier, "overfulfil_multiplier", TI_CLAUSE);
	ratio_sides(direction, plan, fact, &achieved, &target);
	if (num_is_zero(target) && (direction == GOAL_INCREASE || num_is_zero(achieved)))
		PG_RETURN_NULL();
	if (is_overfulfilled(achieved, target, threshold)
		&& !(direction == GOAL_DECREASE && exempt_decrease))
		PG_RETURN_NUMERIC(multiplier);
	PG_RETURN_NUMERIC(pe_num_int64(1));
}

/* goal_plan_lowered(direction, plan, plan_original): P < P0 (increase) or P > P0 (decrease). */
Datum
pe_goal_plan_lowered(PG_FUNCTION_ARGS)
{
	GoalDirection direction = direction_from_text(PG_GETARG_TEXT_PP(0));
	Numeric		plan = PG_GETARG_NUMERIC(1);
	Numeric		plan_original = PG_GETARG_NUMERIC(2);

	require_nonnegative_value(plan, "plan", TI_CLAUSE);
	require_nonnegative_value(plan_original, "plan_original", TI_CLAUSE);
	PG_RETURN_BOOL(is_plan_lowered(direction, plan, plan_original));
}

/* goal_no_dynamics(direction, fact, fact_previous): F <= F-1 (increase) or F >= F-1 (decrease). */
Datum
pe_goal_no_dynamics(PG_FUNCTION_ARGS)
{
	GoalDirection direction = direction_from_text(PG_GETARG_TEXT_PP(0));
	Numeric		fact = PG_GETARG_NUMERIC(1);
	Numeric		fact_previous = PG_GETARG_NUMERIC(2);

	require_nonnegative_value(fact, "fact", TI_CLAUSE);
	require_nonnegative_value(fact_previous, "fact_previous", TI_CLAUSE);
	PG_RETURN_BOOL(has_no_dynamics(direction, fact, fact_previous));
}

/*
 * goal_indicator_assessment(direction, plan, fact, plan_original,
 * fact_previous, fact_published, overfulfil_threshold, overfulfil_multiplier,
 * overfulfil_exempt_decrease, achievement_cap, plan_lowered_multiplier,
 * no_dynamics_multiplier) -> perf_eval.indicator_assessment.
 *
 * Not strict because plan_original and fact_previous are optional (NULL:
 * never changed / unknown) and an unpublished indicator may have no fact.
 * A NULL in any other argument gives NULL, as a strict function would.
 */
Datum
pe_goal_indicator_assessment(PG_FUNCTION_ARGS)
{
	static const int required[] = {0, 1, 5, 6, 7, 8, 9, 10, 11};
	IndicatorInput in = {0};
	IndicatorParams p = {0};
	IndicatorAssessment a;
	TupleDesc	tupdesc;
	Datum		values[8];
	bool		nulls[8] = {false};

	for (int i = 0; i < (int) lengthof(required); i++)
		if (PG_ARGISNULL(required[i]))
			PG_RETURN_NULL();

	in.direction = direction_from_text(PG_GETARG_TEXT_PP(0));
	in.plan = PG_GETARG_NUMERIC(1);
	in.fact = PG_ARGISNULL(2) ? NULL : PG_GETARG_NUMERIC(2);
	in.plan_original = PG_ARGISNULL(3) ? NULL : PG_GETARG_NUMERIC(3);
	in.fact_previous = PG_ARGISNULL(4) ? NULL : PG_GETARG_NUMERIC(4);
	in.published = PG_GETARG_BOOL(5);
	p.overfulfil_threshold = PG_GETARG_NUMERIC(6);
	p.overfulfil_multiplier = PG_GETARG_NUMERIC(7);
	p.overfulfil_exempt_decrease = PG_GETARG_BOOL(8);
	p.achievement_cap = PG_GETARG_NUMERIC(9);
	p.plan_lowered_multiplier = PG_GETARG_NUMERIC(10);
	p.no_dynamics_multiplier = PG_GETARG_NUMERIC(11);

	validate_indicator(&in);
	validate_params(&p);
	require_fact_if_published(&in);
	assess_indicator(&in, &p, &a);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("goal_indicator_assessment must return a composite type")));
	tupdesc = BlessTupleDesc(tupdesc);
	if (tupdesc->natts != (int) lengthof(values))
		elog(ERROR, "indicator_assessment has %d fields, expected %d",
			 tupdesc->natts, (int) lengthof(values));

	values[0] = BoolGetDatum(a.eligible);
	values[1] = a.ratio ? NumericGetDatum(a.ratio) : (Datum) 0;
	nulls[1] = a.ratio == NULL;
	values[2] = a.result ? NumericGetDatum(a.result) : (Datum) 0;
	nulls[2] = a.result == NULL;
	values[3] = CStringGetTextDatum(a.status);
	values[4] = BoolGetDatum(a.overfulfilled);
	values[5] = BoolGetDatum(a.plan_lowered);
	values[6] = BoolGetDatum(a.no_dynamics);
	values[7] = a.reason ? CStringGetTextDatum(a.reason) : (Datum) 0;
	nulls[7] = a.reason == NULL;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * budget_programme_efficiency(achievement, disbursement): E = A / D for one
 * budget programme (§3.3; fits seed 000 line 845: 75/63 and 100/84.5 both
 * "1.2"). A >= 0 in % (may exceed 100), D in 0..100; D = 0 (nothing
 * disbursed) excludes the programme: NULL. The cap is applied by the caller.
 */
Datum
pe_budget_programme_efficiency(PG_FUNCTION_ARGS)
{
	static const char *clause = "BP execution efficiency, docs/methodology.md §3.3, APA 2020 report §1.4";
	Numeric		achievement = PG_GETARG_NUMERIC(0);
	Numeric		disbursement = PG_GETARG_NUMERIC(1);

	require_nonnegative_value(achievement, "achievement", clause);
	require_percent(disbursement, "disbursement", clause);
	if (num_is_zero(disbursement))
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(achievement, disbursement));
}

/* csb_citizens_budget_points(compliance, points, scale): pts x scale(c), c in % (§3.3, seed 000 line 971). */
Datum
pe_csb_citizens_budget_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "CSB Citizens Budget, docs/methodology.md §3.3, APA 2020 report §1.5";
	Numeric		compliance = PG_GETARG_NUMERIC(0);
	Numeric		points = PG_GETARG_NUMERIC(1);
	char	   *scale_text = text_to_cstring(PG_GETARG_TEXT_PP(2));
	PeScale		scale;

	pe_scale_from_cstring(scale_text, "scale", &scale);
	require_percent(compliance, "compliance", clause);
	pe_check_nonnegative(points, "points", NULL);
	PG_RETURN_NUMERIC(pe_num_mul(points, pe_scale_eval(&scale, compliance, pe_num_int64(1))));
}

/* The numeric value of bands(x) for a percentage x (22003 outside 0..100). */
static Datum
percent_bands(FunctionCallInfo fcinfo, const char *argument, const char *clause)
{
	Numeric		x = PG_GETARG_NUMERIC(0);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(1));
	PeBands		bands;
	Numeric		value;

	pe_bands_from_cstring(bands_text, "bands", &bands);
	require_percent(x, argument, clause);
	value = pe_bands_rule_number(&bands, pe_bands_match(&bands, x, pe_num_int64(1)), "bands");
	if (value == NULL)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(value);
}

/*
 * leb_citizens_budget_points(compliance, bands): bands(c), c = compliance in %
 * (seed 000 lines 535-538; "up to 80%" read as from 80 %, §8 E10).
 */
Datum
pe_leb_citizens_budget_points(PG_FUNCTION_ARGS)
{
	return percent_bands(fcinfo, "compliance", "LEB Citizens Budget, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2");
}

/*
 * ppb_coefficient(share, bands): k_PPB = bands(p), p = % of the local budget
 * distributed through the participatory budget (seed 000 lines 539-541;
 * p > 3 -> 1.2, §8 E11).
 */
Datum
pe_ppb_coefficient(PG_FUNCTION_ARGS)
{
	return percent_bands(fcinfo, "share", "Participatory budget, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2");
}

/*
 * The base points of an audited LEB (seed 000 lines 525-534): clean_points
 * when V = 0, else bands(100 V / B) on the exact share (§8 E9); NULL when the
 * matching band is null. V <= B; so B = 0 < V is refused.
 */
static Numeric
violation_share_points(Numeric violations, Numeric audited_amount, Numeric clean_points,
					   const PeBands *bands)
{
	require_nonnegative_value(violations, "violations", LEB_VIOLATIONS_CLAUSE);
	require_nonnegative_value(audited_amount, "audited_amount", LEB_VIOLATIONS_CLAUSE);
	if (pe_num_cmp(violations, audited_amount) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("violation amount must not exceed the amount covered by audit"),
				 errdetail("violations = %s, audited_amount = %s.",
						   numeric_text(violations), numeric_text(audited_amount)),
				 errhint("%s: V <= B.", LEB_VIOLATIONS_CLAUSE)));
	if (num_is_zero(violations))
		return clean_points;
	return pe_bands_rule_number(bands,
								pe_bands_match(bands, pe_num_mul(pe_num_int64(PERCENT), violations),
											   audited_amount),
								"bands");
}

/* leb_violation_share_points(violations, audited_amount, clean_points, bands). */
Datum
pe_leb_violation_share_points(PG_FUNCTION_ARGS)
{
	Numeric		violations = PG_GETARG_NUMERIC(0);
	Numeric		audited_amount = PG_GETARG_NUMERIC(1);
	Numeric		clean_points = PG_GETARG_NUMERIC(2);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(3));
	PeBands		bands;
	Numeric		points;

	pe_bands_from_cstring(bands_text, "bands", &bands);
	require_points(clean_points, "clean_points", LEB_VIOLATIONS_CLAUSE);
	points = violation_share_points(violations, audited_amount, clean_points, &bands);
	if (points == NULL)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(points);
}

/*
 * leb_violation_points(audited, violations, audited_amount, ia_analysis,
 * clean_points, ia_analysis_points, not_audited_points, bands): absence of
 * violations of a LEB (max 10; seed 000 lines 525-534, Table 1.2): base =
 * not_audited_points if not audited, else the audited share points; plus
 * ia_analysis_points if the internal audit analysed the TDP against spending.
 *
 * Not strict: V and B are not given for a body that was not audited. A NULL
 * in any other argument gives NULL, as a strict function would. Every points
 * argument is checked whichever branch uses it.
 */
Datum
pe_leb_violation_points(PG_FUNCTION_ARGS)
{
	static const int required[] = {0, 3, 4, 5, 6, 7};
	bool		audited;
	Numeric		clean_points;
	Numeric		ia_analysis_points;
	Numeric		not_audited_points;
	PeBands		bands;
	Numeric		base;

	for (int i = 0; i < (int) lengthof(required); i++)
		if (PG_ARGISNULL(required[i]))
			PG_RETURN_NULL();
	audited = PG_GETARG_BOOL(0);
	clean_points = PG_GETARG_NUMERIC(4);
	ia_analysis_points = PG_GETARG_NUMERIC(5);
	not_audited_points = PG_GETARG_NUMERIC(6);

	pe_bands_from_cstring(text_to_cstring(PG_GETARG_TEXT_PP(7)), "bands", &bands);
	require_points(clean_points, "clean_points", LEB_VIOLATIONS_CLAUSE);
	require_points(ia_analysis_points, "ia_analysis_points", LEB_VIOLATIONS_CLAUSE);
	require_points(not_audited_points, "not_audited_points", LEB_VIOLATIONS_CLAUSE);
	if (audited && (PG_ARGISNULL(1) || PG_ARGISNULL(2)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("violation and audited amounts missing for an audited body"),
				 errdetail("audited = true, violations = %s, audited_amount = %s.",
						   PG_ARGISNULL(1) ? "NULL" : numeric_text(PG_GETARG_NUMERIC(1)),
						   PG_ARGISNULL(2) ? "NULL" : numeric_text(PG_GETARG_NUMERIC(2))),
				 errhint("%s: V and B come from the audit.", LEB_VIOLATIONS_CLAUSE)));

	if (audited)
		base = violation_share_points(PG_GETARG_NUMERIC(1), PG_GETARG_NUMERIC(2), clean_points, &bands);
	else
		base = not_audited_points;
	if (base == NULL)
		PG_RETURN_NULL();
	if (PG_GETARG_BOOL(3))
		base = pe_num_add(base, ia_analysis_points);
	PG_RETURN_NUMERIC(base);
}

/*
 * direct_results_points(achieved, total, points, zero_volume): pts x
 * achieved / total for the direct results of LEB development programmes
 * (§3.3); total = 0 is a zero-volume case (§0.6).
 */
Datum
pe_direct_results_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "LEB direct results, docs/methodology.md §3.3, APA 2020 report §1.2";
	int64		achieved = PG_GETARG_INT64(0);
	int64		total = PG_GETARG_INT64(1);
	Numeric		points = PG_GETARG_NUMERIC(2);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 3, clause);

	if (achieved < 0 || total < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("direct result counts must not be negative"),
				 errdetail("achieved = " INT64_FORMAT ", total = " INT64_FORMAT ".", achieved, total),
				 errhint("%s: counts are >= 0 (docs/methodology.md §3.6).", clause)));
	pe_check_nonnegative(points, "points", NULL);
	if (achieved > total)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("achieved direct results must not exceed the total"),
				 errdetail("achieved = " INT64_FORMAT ", total = " INT64_FORMAT ".", achieved, total),
				 errhint("%s: achieved <= total (docs/methodology.md §3.6).", clause)));
	if (total == 0)
	{
		if (zero_volume == PE_ZERO_VOLUME_FULL_POINTS)
			PG_RETURN_NUMERIC(points);
		PG_RETURN_NULL();
	}
	PG_RETURN_NUMERIC(pe_num_quotient(pe_num_mul(points, pe_num_int64(achieved)),
									  pe_num_int64(total)));
}

/*
 * goals_exact_quotient(dividend, divisor): the one final division of a goals
 * formula evaluated at the SQL boundary (METHODOLOGY §0.1), e.g. the
 * strategic points pts x sum / n: exact where the quotient terminates, else
 * carried with at least 20 significant digits (pe_num_quotient). Division
 * by zero gives NULL: there is nothing to average.
 */
Datum
pe_goals_exact_quotient(PG_FUNCTION_ARGS)
{
	Numeric		dividend = PG_GETARG_NUMERIC(0);
	Numeric		divisor = PG_GETARG_NUMERIC(1);

	pe_check_finite(dividend, "dividend");
	pe_check_finite(divisor, "divisor");
	if (num_is_zero(divisor))
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(dividend, divisor));
}

/* ---------------------------------------------------------------------
 * Exact means the goals node computer assembles (§0.1: one final division)
 * ------------------------------------------------------------------- */

#define MEANS_CLAUSE "Goals block means, docs/methodology.md §0.1, §3.2, §3.3"

/* A sum over no element is 0: a non-zero sum with count 0 is inconsistent (22023). */
static void
require_sum_of_count(Numeric sum, int64 count, const char *sum_name, const char *count_name)
{
	if (count == 0 && !num_is_zero(sum))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be 0 when %s is 0", sum_name, count_name),
				 errdetail("%s = %s, %s = 0.", sum_name, numeric_text(sum), count_name),
				 errhint("%s: a sum over no element is 0.", MEANS_CLAUSE)));
}

/* The elements of a one-dimensional array argument without NULLs (22023 otherwise). */
static int
array_arg(FunctionCallInfo fcinfo, int argno, Oid element_type, const char *argument, Datum **values)
{
	return pe_array_elements(PG_GETARG_ARRAYTYPE_P(argno), element_type, argument, "NULL",
							 psprintf("%s: one element per group.", MEANS_CLAUSE),
							 psprintf("%s: leave a group without counted elements out, or give it sum 0 and count 0.",
									  MEANS_CLAUSE),
							 values);
}

/*
 * goals_mean_of_means(points, sums, counts): points x the mean over the
 * groups g with counts[g] > 0 of sums[g] / counts[g], as one exact fraction
 * over L x G (L = lcm of the counts, G = groups counted), so there is one
 * final division (§0.1). The strategic component (§3.2): groups are goals
 * (basis goals) or one group of every indicator (basis indicators); the
 * goal-BP link and the unsplit BP efficiency (§3.3) are one group. NULL
 * when no group is counted.
 */
Datum
pe_goals_mean_of_means(PG_FUNCTION_ARGS)
{
	Numeric		points = PG_GETARG_NUMERIC(0);
	Datum	   *sums;
	Datum	   *counts;
	int			n_sums = array_arg(fcinfo, 1, NUMERICOID, "sums", &sums);
	int			n_counts = array_arg(fcinfo, 2, INT8OID, "counts", &counts);
	Numeric		common = pe_num_int64(1);
	Numeric		numerator = pe_num_int64(0);
	int64		groups = 0;

	require_points(points, "points", MEANS_CLAUSE);
	if (n_sums != n_counts)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sums and counts must have the same number of elements"),
				 errdetail("sums has %d elements, counts %d.", n_sums, n_counts),
				 errhint("%s: one sum and one count per group.", MEANS_CLAUSE)));
	for (int i = 0; i < n_sums; i++)
	{
		require_nonnegative_value(DatumGetNumeric(sums[i]), "sums element", MEANS_CLAUSE);
		require_count(DatumGetInt64(counts[i]), "counts element", MEANS_CLAUSE);
		require_sum_of_count(DatumGetNumeric(sums[i]), DatumGetInt64(counts[i]),
							 "sums element", "counts element");
	}
	for (int i = 0; i < n_counts; i++)
		if (DatumGetInt64(counts[i]) > 0)
			common = DatumGetNumeric(DirectFunctionCall2(numeric_lcm, NumericGetDatum(common),
														 NumericGetDatum(pe_num_int64(DatumGetInt64(counts[i])))));
	for (int i = 0; i < n_sums; i++)
	{
		Numeric		count = pe_num_int64(DatumGetInt64(counts[i]));

		if (num_is_zero(count))
			continue;
		numerator = pe_num_add(numerator,
							   pe_num_mul(DatumGetNumeric(sums[i]),
										  DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc,
																			  NumericGetDatum(common),
																			  NumericGetDatum(count)))));
		groups++;
	}
	if (groups == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(pe_num_mul(points, numerator),
									  pe_num_mul(common, pe_num_int64(groups))));
}

/*
 * bp_efficiency_points(points, current_sum, current_count, development_sum,
 * development_count, w_current, w_development): the BP execution efficiency
 * criterion split by programme type (kz2020_apa, §3.3, APA 2020 report
 * §1.4) from the sums and counts of the capped E = A / D of the current and
 * the development programmes: points x (w_c x s_c / n_c + w_d x s_d / n_d)
 * over n_c x n_d; one group empty: the other alone, points x (s_c + s_d) /
 * (n_c + n_d). NULL when no programme is assessed. Unsplit versions average
 * every programme with goals_mean_of_means.
 */
Datum
pe_bp_efficiency_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "BP execution efficiency, docs/methodology.md §3.3, APA 2020 report §1.4";
	Numeric		points = PG_GETARG_NUMERIC(0);
	Numeric		current_sum = PG_GETARG_NUMERIC(1);
	int64		current_count = PG_GETARG_INT64(2);
	Numeric		development_sum = PG_GETARG_NUMERIC(3);
	int64		development_count = PG_GETARG_INT64(4);
	Numeric		w_current = PG_GETARG_NUMERIC(5);
	Numeric		w_development = PG_GETARG_NUMERIC(6);
	Numeric		numerator;

	require_points(points, "points", clause);
	require_nonnegative_value(current_sum, "current_sum", clause);
	require_count(current_count, "current_count", clause);
	require_nonnegative_value(development_sum, "development_sum", clause);
	require_count(development_count, "development_count", clause);
	require_nonnegative_value(w_current, "w_current", clause);
	require_nonnegative_value(w_development, "w_development", clause);
	require_sum_of_count(current_sum, current_count, "current_sum", "current_count");
	require_sum_of_count(development_sum, development_count, "development_sum", "development_count");

	if (current_count > 0 && development_count > 0)
	{
		numerator = pe_num_add(pe_num_mul(pe_num_mul(w_current, current_sum), pe_num_int64(development_count)),
							   pe_num_mul(pe_num_mul(w_development, development_sum), pe_num_int64(current_count)));
		PG_RETURN_NUMERIC(pe_num_quotient(pe_num_mul(points, numerator),
										  pe_num_mul(pe_num_int64(current_count),
													 pe_num_int64(development_count))));
	}
	if (current_count == 0 && development_count == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(pe_num_mul(points, pe_num_add(current_sum, development_sum)),
									  pe_num_add(pe_num_int64(current_count), pe_num_int64(development_count))));
}

/* goals_penalty_points(facts, points_each): facts x points of one penalty kind (§3.4). */
Datum
pe_goals_penalty_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "Goals penalties, docs/methodology.md §3.4, APA 2020 report §1.5";
	int64		facts = PG_GETARG_INT64(0);
	Numeric		points_each = PG_GETARG_NUMERIC(1);

	require_count(facts, "facts", clause);
	require_points(points_each, "points_each", clause);
	PG_RETURN_NUMERIC(pe_num_mul(pe_num_int64(facts), points_each));
}
