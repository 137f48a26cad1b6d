/*
 * interaction.c: the criteria of the public-services and openness directions
 * of the interaction block (METHODOLOGY §4.2, §4.3).
 *
 * Public services (seed 000 lines 1282-1292; apa lines 1934-1942, 2232-2268):
 *   K1/M1 (and the apa direction S) = P1 + P2: satisfaction level and
 *     justified quality appeals per 100 000 deliveries;
 *   K2/M2 = T1 + T2 + T3 + T4: deadline violations, unreasonable refusals,
 *     incomplete packages, documents not in the standard, per 100 000;
 *   K2' (apa) = T1' - three penalties of up to 5 points, floored at 0;
 *   K3 = transfer + efficiency - downtime penalty + bonus, within [0, pts_k3].
 * Openness (seed 000 lines 1299-1307, 1693, 1991-2005, 2276-2287):
 *   open data, open budget, open NLA (item points per language, the apa
 *   items rescaled x 25/23), open dialogue, and the subordinate-organisation
 *   deduction.
 *
 * Every constant (points, scales, the per-100 000 base, caps) is an argument;
 * the methodology layer (61_interaction_block.sql) reads them from the
 * version. A rate is the exact rational rate_base * count / deliveries, never
 * rounded before the scale reads it. Where a denominator is a volume of
 * cases and it is 0, the indicator follows the zero-volume policy (§0.6):
 * 'null' makes the criterion NULL, 'full_points' gives the indicator its
 * points; deductions and penalties with zero volume are 0.
 *
 * Checks run in the order of §0.7: names (policies, scale definitions),
 * finiteness, the domain of each value (22003), consistency (22023).
 */
#include "argument_checks.h"
#include "numeric_ops.h"
#include "policies.h"
#include "scale_bands.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(pe_service_rate_points);
PG_FUNCTION_INFO_V1(pe_service_satisfaction_points);
PG_FUNCTION_INFO_V1(pe_service_quality_points);
PG_FUNCTION_INFO_V1(pe_service_quality_penalty);
PG_FUNCTION_INFO_V1(pe_service_quality_points_apa);
PG_FUNCTION_INFO_V1(pe_service_automation_points);
PG_FUNCTION_INFO_V1(pe_open_data_points);
PG_FUNCTION_INFO_V1(pe_open_budget_points);
PG_FUNCTION_INFO_V1(pe_open_nla_points);
PG_FUNCTION_INFO_V1(pe_open_dialogue_points);
PG_FUNCTION_INFO_V1(pe_subordinate_openness_deduction);

/* The four quality indicators T1..T4 of K2 (seed 000 line 1288). */
#define QUALITY_INDICATORS 4

/* Where the interaction kernels check their arguments: the clause is the criterion. */
#define INTERACTION_SITE(where) \
	(&(const PeCheckSite) {.clause = (where), .input_rules = "docs/methodology.md §4.5", .counts_named = true, .detail_is = true})

static const char *const quality_count_names[QUALITY_INDICATORS] = {
	"deadline_violations", "unreasonable_refusals", "incomplete_package", "extra_documents"
};
static const char *const quality_scale_names[QUALITY_INDICATORS] = {
	"t1_scale", "t2_scale", "t3_scale", "t4_scale"
};

/* ---------------------------------------------------------------------
 * Checks
 * ------------------------------------------------------------------- */

static char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/* Results without trailing zeros (24.5, not 24.50): the scale of a product is not information. */
static Numeric
trimmed(Numeric value)
{
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, NumericGetDatum(value)));
}

#define PE_RETURN_POINTS(value) PG_RETURN_NUMERIC(trimmed(value))

/* The points of a zero-volume indicator: NULL (not assessable) or trimmed points. */
#define PE_RETURN_POINTS_OR_NULL(value) \
	do { \
		Numeric		points_or_null_ = (value); \
		if (points_or_null_ == NULL) \
			PG_RETURN_NULL(); \
		PE_RETURN_POINTS(points_or_null_); \
	} while (0)

static Numeric
num_min(Numeric a, Numeric b)
{
	return pe_num_cmp(a, b) <= 0 ? a : b;
}

static Numeric
num_floor0(Numeric a)
{
	return pe_num_is_negative(a) ? pe_num_int64(0) : a;
}

/* points * part / whole, whole > 0: the points earned by a share of a volume, one division. */
static Numeric
points_share(Numeric points, int64 part, int64 whole)
{
	return pe_num_quotient(pe_num_mul(points, pe_num_int64(part)), pe_num_int64(whole));
}

/* The indicator's points when its volume is 0 (§0.6); NULL = not assessable. */
static Numeric
zero_volume_points(PeZeroVolumePolicy policy, Numeric points)
{
	return policy == PE_ZERO_VOLUME_FULL_POINTS ? points : NULL;
}

static void
scale_arg(FunctionCallInfo fcinfo, int argno, const char *argument, PeScale *out)
{
	char	   *definition = text_to_cstring(PG_GETARG_TEXT_PP(argno));

	pe_scale_from_cstring(definition, argument, out);
}

/*
 * The rate at which a T2-T4 scale first gives 0 points: the zero_i of the
 * apa penalties 5 * min(1, rate_i / zero_i) (METHODOLOGY §4.2). 22023 if the
 * scale never reaches 0, or reaches it at a rate <= 0.
 */
static Numeric
scale_zero_point(const PeScale *scale, const char *argument)
{
	Numeric		zero = pe_num_int64(0);

	for (int i = 0; i < scale->n; i++)
	{
		if (pe_num_cmp(pe_num_decimal(&scale->y[i]), zero) != 0)
			continue;
		if (pe_num_cmp(pe_num_decimal(&scale->x[i]), zero) <= 0)
			break;
		return pe_num_decimal(&scale->x[i]);
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must reach 0 points at a positive rate", argument),
			 errdetail("A penalty of up to the maximum is proportional to rate / zero, where zero is the first rate the scale gives 0 points."),
			 errhint("Give %s a breakpoint x:0 with x > 0, the rate at which the penalty reaches its maximum; see K2' of kz2020_apa, APA 2020 report §2.5 (docs/methodology.md §4.2).",
					 argument)));
	return NULL;				/* not reached */
}

/* ---------------------------------------------------------------------
 * Rates per 100 000 deliveries
 * ------------------------------------------------------------------- */

/*
 * The checks of one rate's inputs, in the order every rate kernel makes them:
 * rate_base > 0, the count and deliveries >= 0, the count within deliveries.
 */
static void
check_rate_inputs(Numeric rate_base, int64 count, const char *count_name, int64 deliveries,
				  const char *clause)
{
	pe_check_positive(rate_base, "rate_base", INTERACTION_SITE(clause));
	pe_check_count(count, count_name, INTERACTION_SITE(clause));
	pe_check_count(deliveries, "deliveries", INTERACTION_SITE(clause));
	pe_check_part_of_whole(count, deliveries, count_name, "deliveries", INTERACTION_SITE(clause));
}

/* The scales of T1..T4 from argument first_scale on (K2 and K2' read them alike). */
static void
quality_scales_arg(FunctionCallInfo fcinfo, int first_scale, PeScale scales[QUALITY_INDICATORS])
{
	for (int i = 0; i < QUALITY_INDICATORS; i++)
		scale_arg(fcinfo, first_scale + i, quality_scale_names[i], &scales[i]);
}

/*
 * The counts of T1..T4 from arguments 0..3 with deliveries (K2 and K2'
 * alike), checked as check_rate_inputs does but every count before deliveries.
 */
static void
quality_counts_arg(FunctionCallInfo fcinfo, int64 counts[QUALITY_INDICATORS], int64 deliveries,
				   Numeric rate_base, const char *clause)
{
	pe_check_positive(rate_base, "rate_base", INTERACTION_SITE(clause));
	for (int i = 0; i < QUALITY_INDICATORS; i++)
	{
		counts[i] = PG_GETARG_INT64(i);
		pe_check_count(counts[i], quality_count_names[i], INTERACTION_SITE(clause));
	}
	pe_check_count(deliveries, "deliveries", INTERACTION_SITE(clause));
	for (int i = 0; i < QUALITY_INDICATORS; i++)
		pe_check_part_of_whole(counts[i], deliveries, quality_count_names[i], "deliveries", INTERACTION_SITE(clause));
}

/* pts * scale(rate_base * count / deliveries), deliveries > 0. */
static Numeric
rate_points(int64 count, int64 deliveries, Numeric points, const PeScale *scale, Numeric rate_base)
{
	Numeric		y = pe_scale_eval(scale, pe_num_mul(rate_base, pe_num_int64(count)),
								  pe_num_int64(deliveries));

	return pe_num_mul(points, y);
}

/* penalty_max * min(1, rate_base * count / (deliveries * zero)), deliveries > 0. */
static Numeric
rate_penalty(int64 count, int64 deliveries, Numeric penalty_max, Numeric zero, Numeric rate_base)
{
	Numeric		numerator = pe_num_mul(rate_base, pe_num_int64(count));
	Numeric		denominator = pe_num_mul(pe_num_int64(deliveries), zero);

	if (pe_num_cmp(numerator, denominator) >= 0)
		return penalty_max;
	return pe_num_quotient(pe_num_mul(penalty_max, numerator), denominator);
}

/*
 * service_rate_points(count, deliveries, pts, scale, rate_base, zero_volume):
 * one rate-based indicator, pts * scale(rate): P2, T1-T4 and the apa
 * one-time acceptance (seed 000 lines 1286-1288, 2389).
 */
Datum
pe_service_rate_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "rate-based service indicator, APA 2020 report §2.2, Table 2.2";
	int64		count = PG_GETARG_INT64(0);
	int64		deliveries = PG_GETARG_INT64(1);
	Numeric		points = PG_GETARG_NUMERIC(2);
	Numeric		rate_base = PG_GETARG_NUMERIC(4);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 5, clause);
	PeScale		scale;

	scale_arg(fcinfo, 3, "scale", &scale);
	pe_check_points(points, "pts", NULL);
	check_rate_inputs(rate_base, count, "indicator", deliveries, clause);

	PE_RETURN_POINTS_OR_NULL(deliveries == 0 ? zero_volume_points(zero_volume, points)
							 : rate_points(count, deliveries, points, &scale, rate_base));
}

/*
 * K1 / M1 = P1 + P2 (seed 000 line 1286), and the apa direction S with its
 * own points (seed 000 lines 2232-2240):
 *   P1 = pts_satisfaction * scale(satisfaction %),
 *   P2 = pts_appeal * scale(justified quality appeals per 100 000 deliveries).
 * With no deliveries there are no recipients, so both P1 (a share of
 * recipients) and P2 follow the zero-volume policy.
 */
Datum
pe_service_satisfaction_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "K1/M1 and S, APA 2020 report §2.2, Table 2.2; chapter 2 recommendations";
	Numeric		satisfaction = PG_GETARG_NUMERIC(0);
	int64		appeals = PG_GETARG_INT64(1);
	int64		deliveries = PG_GETARG_INT64(2);
	Numeric		pts_satisfaction = PG_GETARG_NUMERIC(3);
	Numeric		pts_appeal = PG_GETARG_NUMERIC(4);
	Numeric		rate_base = PG_GETARG_NUMERIC(7);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 8, clause);
	PeScale		satisfaction_scale;
	PeScale		appeal_scale;
	Numeric		level;

	scale_arg(fcinfo, 5, "satisfaction_scale", &satisfaction_scale);
	scale_arg(fcinfo, 6, "appeal_scale", &appeal_scale);
	pe_check_between(satisfaction, 0, 100, "satisfaction_percent", INTERACTION_SITE(clause));
	pe_check_points(pts_satisfaction, "pts_satisfaction", NULL);
	pe_check_points(pts_appeal, "pts_appeal", NULL);
	check_rate_inputs(rate_base, appeals, "quality_appeals_justified", deliveries, clause);

	if (deliveries == 0)
		PE_RETURN_POINTS_OR_NULL(zero_volume_points(zero_volume, pe_num_add(pts_satisfaction, pts_appeal)));
	level = pe_num_mul(pts_satisfaction,
					   pe_scale_eval(&satisfaction_scale, satisfaction, pe_num_int64(1)));
	PE_RETURN_POINTS(pe_num_add(level, rate_points(appeals, deliveries, pts_appeal,
													&appeal_scale, rate_base)));
}

/*
 * K2 / M2 = T1 + T2 + T3 + T4 (seed 000 line 1288): Ti = pts_ti *
 * scale(rate_i) for deadline violations, unreasonable refusals, incomplete
 * packages and documents not in the standard.
 */
Datum
pe_service_quality_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "K2/M2, APA 2020 report §2.2, Table 2.2";
	static const char *const points_names[QUALITY_INDICATORS] = {"pts_t1", "pts_t2", "pts_t3", "pts_t4"};
	int64		counts[QUALITY_INDICATORS];
	Numeric		points[QUALITY_INDICATORS];
	PeScale		scales[QUALITY_INDICATORS];
	int64		deliveries = PG_GETARG_INT64(4);
	Numeric		rate_base = PG_GETARG_NUMERIC(13);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 14, clause);
	Numeric		total = pe_num_int64(0);

	quality_scales_arg(fcinfo, 9, scales);
	for (int i = 0; i < QUALITY_INDICATORS; i++)
	{
		points[i] = PG_GETARG_NUMERIC(5 + i);
		pe_check_points(points[i], points_names[i], NULL);
	}
	quality_counts_arg(fcinfo, counts, deliveries, rate_base, clause);

	for (int i = 0; i < QUALITY_INDICATORS; i++)
	{
		Numeric		indicator = deliveries == 0 ? zero_volume_points(zero_volume, points[i])
			: rate_points(counts[i], deliveries, points[i], &scales[i], rate_base);

		if (indicator == NULL)
			PG_RETURN_NULL();
		total = pe_num_add(total, indicator);
	}
	PE_RETURN_POINTS(total);
}

/*
 * service_quality_penalty(count, deliveries, penalty_max, scale, rate_base):
 * one apa penalty, penalty_max * min(1, rate / zero) where zero is the rate
 * at which the indicator's kz2020 scale gives 0 points (seed 000 line 1942:
 * "a 5-point scale" for each of T2-T4). No deliveries, no penalty.
 */
Datum
pe_service_quality_penalty(PG_FUNCTION_ARGS)
{
	static const char *clause = "K2' penalty, APA 2020 report §2.5";
	int64		count = PG_GETARG_INT64(0);
	int64		deliveries = PG_GETARG_INT64(1);
	Numeric		penalty_max = PG_GETARG_NUMERIC(2);
	Numeric		rate_base = PG_GETARG_NUMERIC(4);
	PeScale		scale;
	Numeric		zero;

	scale_arg(fcinfo, 3, "scale", &scale);
	zero = scale_zero_point(&scale, "scale");
	pe_check_points(penalty_max, "penalty_max", NULL);
	check_rate_inputs(rate_base, count, "indicator", deliveries, clause);

	if (deliveries == 0)
		PE_RETURN_POINTS(pe_num_int64(0));
	PE_RETURN_POINTS(rate_penalty(count, deliveries, penalty_max, zero, rate_base));
}

/*
 * K2' (kz2020_apa) = pts_deadlines * scale(rate_T1) - sum over T2..T4 of
 * penalty_max_each * min(1, rate_i / zero_i), floored at 0 (seed 000 lines
 * 1934-1942). The floor is part of the proposal's formula ("penalty
 * points" cannot take the criterion below 0), not the clamp policy.
 */
Datum
pe_service_quality_points_apa(PG_FUNCTION_ARGS)
{
	static const char *clause = "K2' (kz2020_apa), APA 2020 report §2.5";
	int64		counts[QUALITY_INDICATORS];
	PeScale		scales[QUALITY_INDICATORS];
	Numeric		zeros[QUALITY_INDICATORS];
	int64		deliveries = PG_GETARG_INT64(4);
	Numeric		pts_deadlines = PG_GETARG_NUMERIC(5);
	Numeric		penalty_max = PG_GETARG_NUMERIC(6);
	Numeric		rate_base = PG_GETARG_NUMERIC(11);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 12, clause);
	Numeric		deadlines;

	quality_scales_arg(fcinfo, 7, scales);
	for (int i = 1; i < QUALITY_INDICATORS; i++)
		zeros[i] = scale_zero_point(&scales[i], quality_scale_names[i]);
	pe_check_points(pts_deadlines, "pts_deadlines", NULL);
	pe_check_points(penalty_max, "penalty_max_each", NULL);
	quality_counts_arg(fcinfo, counts, deliveries, rate_base, clause);

	/* No deliveries: T1' under the zero-volume policy; penalties with zero volume are 0. */
	if (deliveries == 0)
		PE_RETURN_POINTS_OR_NULL(zero_volume_points(zero_volume, pts_deadlines));
	deadlines = rate_points(counts[0], deliveries, pts_deadlines, &scales[0], rate_base);
	for (int i = 1; i < QUALITY_INDICATORS; i++)
		deadlines = pe_num_sub(deadlines, rate_penalty(counts[i], deliveries, penalty_max,
													   zeros[i], rate_base));
	PE_RETURN_POINTS(num_floor0(deadlines));
}

/*
 * K3 = T + V - P + B within [0, pts_k3] (seed 000 line 1290; the bounds are
 * part of the criterion's definition in METHODOLOGY §4.2):
 *   T = pts_transfer * services_electronic / services_in_register,
 *   V = pts_efficiency * deliveries_electronic / deliveries,
 *   P = min(downtime_cap, downtime_per_hour * downtime_hours),
 *   B = min(bonus_cap, bonus_per_service * newly_automated).
 * T and V are shares of a volume: 0 in the register or 0 deliveries follow
 * the zero-volume policy. T + V is arranged over one final division.
 */
Datum
pe_service_automation_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "K3, APA 2020 report §2.2, Table 2.2";
	int64		services_electronic = PG_GETARG_INT64(0);
	int64		services_in_register = PG_GETARG_INT64(1);
	int64		deliveries_electronic = PG_GETARG_INT64(2);
	int64		deliveries = PG_GETARG_INT64(3);
	Numeric		downtime_hours = PG_GETARG_NUMERIC(4);
	int64		newly_automated = PG_GETARG_INT64(5);
	Numeric		pts_transfer = PG_GETARG_NUMERIC(6);
	Numeric		pts_efficiency = PG_GETARG_NUMERIC(7);
	Numeric		downtime_per_hour = PG_GETARG_NUMERIC(8);
	Numeric		downtime_cap = PG_GETARG_NUMERIC(9);
	Numeric		bonus_per_service = PG_GETARG_NUMERIC(10);
	Numeric		bonus_cap = PG_GETARG_NUMERIC(11);
	Numeric		pts_k3 = PG_GETARG_NUMERIC(12);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 13, clause);
	Numeric		shares;
	Numeric		penalty;
	Numeric		bonus;
	Numeric		raw;

	pe_check_points(pts_transfer, "pts_transfer", NULL);
	pe_check_points(pts_efficiency, "pts_efficiency", NULL);
	pe_check_points(downtime_per_hour, "downtime_per_hour", NULL);
	pe_check_points(downtime_cap, "downtime_cap", NULL);
	pe_check_points(bonus_per_service, "bonus_per_service", NULL);
	pe_check_points(bonus_cap, "bonus_cap", NULL);
	pe_check_points(pts_k3, "pts_k3", NULL);
	pe_check_finite(downtime_hours, "downtime_hours");
	if (pe_num_is_negative(downtime_hours))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("downtime_hours must not be negative"),
				 errdetail("downtime_hours is %s.", numeric_text(downtime_hours)),
				 errhint("Pass downtime_hours of 0 or more; see %s and the input rules of docs/methodology.md §4.5.", clause)));
	pe_check_count(services_electronic, "services_electronic", INTERACTION_SITE(clause));
	pe_check_count(services_in_register, "services_in_register", INTERACTION_SITE(clause));
	pe_check_count(deliveries_electronic, "deliveries_electronic", INTERACTION_SITE(clause));
	pe_check_count(deliveries, "deliveries", INTERACTION_SITE(clause));
	pe_check_count(newly_automated, "newly_automated", INTERACTION_SITE(clause));
	pe_check_part_of_whole(services_electronic, services_in_register, "services_electronic", "services_in_register", INTERACTION_SITE(clause));
	pe_check_part_of_whole(deliveries_electronic, deliveries, "deliveries_electronic", "deliveries", INTERACTION_SITE(clause));

	if (services_in_register > 0 && deliveries > 0)
	{
		/* (pt * se * d + pe * de * sr) / (sr * d) */
		Numeric		sr = pe_num_int64(services_in_register);
		Numeric		d = pe_num_int64(deliveries);
		Numeric		numerator = pe_num_add(
										   pe_num_mul(pe_num_mul(pts_transfer, pe_num_int64(services_electronic)), d),
										   pe_num_mul(pe_num_mul(pts_efficiency, pe_num_int64(deliveries_electronic)), sr));

		shares = pe_num_quotient(numerator, pe_num_mul(sr, d));
	}
	else
	{
		Numeric		transfer = services_in_register == 0
			? zero_volume_points(zero_volume, pts_transfer)
			: points_share(pts_transfer, services_electronic, services_in_register);
		Numeric		efficiency = deliveries == 0
			? zero_volume_points(zero_volume, pts_efficiency)
			: points_share(pts_efficiency, deliveries_electronic, deliveries);

		if (transfer == NULL || efficiency == NULL)
			PG_RETURN_NULL();
		shares = pe_num_add(transfer, efficiency);
	}
	penalty = num_min(downtime_cap, pe_num_mul(downtime_per_hour, downtime_hours));
	bonus = num_min(bonus_cap, pe_num_mul(bonus_per_service, pe_num_int64(newly_automated)));
	raw = pe_num_add(pe_num_sub(shares, penalty), bonus);
	PE_RETURN_POINTS(num_min(pts_k3, num_floor0(raw)));
}

/* ---------------------------------------------------------------------
 * Openness (METHODOLOGY §4.3)
 * ------------------------------------------------------------------- */

/*
 * open_data = pts * min(1, published / required) (seed 000 line 1307;
 * required = the body's approved list; 0 follows the zero-volume policy).
 */
Datum
pe_open_data_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "open data, APA 2020 report §2.2";
	int64		published = PG_GETARG_INT64(0);
	int64		required = PG_GETARG_INT64(1);
	Numeric		points = PG_GETARG_NUMERIC(2);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 3, clause);

	pe_check_points(points, "pts", NULL);
	pe_check_count(published, "published", INTERACTION_SITE(clause));
	pe_check_count(required, "required", INTERACTION_SITE(clause));

	if (required == 0)
		PE_RETURN_POINTS_OR_NULL(zero_volume_points(zero_volume, points));
	if (published >= required)
		PE_RETURN_POINTS(points);
	PE_RETURN_POINTS(points_share(points, published, required));
}

/* open_budget = pts * filling % / 100 (seed 000 line 1307; the % is supplied). */
Datum
pe_open_budget_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "open budget, APA 2020 report §2.2";
	Numeric		filling = PG_GETARG_NUMERIC(0);
	Numeric		points = PG_GETARG_NUMERIC(1);

	pe_check_between(filling, 0, 100, "filling_percent", INTERACTION_SITE(clause));
	pe_check_points(points, "pts", NULL);
	PE_RETURN_POINTS(pe_num_quotient(pe_num_mul(points, filling), pe_num_int64(100)));
}

/* A one-dimensional numeric[] without NULLs; 22023 otherwise. */
static int
numeric_array_arg(FunctionCallInfo fcinfo, int argno, const char *argument,
				  const char *clause, Numeric **values)
{
	Datum	   *elements;
	int			n = pe_array_elements(PG_GETARG_ARRAYTYPE_P(argno), NUMERICOID, argument, "NULL",
									  psprintf("Pass %s as a one-dimensional array, one element per language and item; see %s (docs/methodology.md §4.3).",
											   argument, clause),
									  psprintf("Give every element of %s a number; if an item is not assessable, leave the whole criterion NULL instead; see %s (docs/methodology.md §4.3).",
											   argument, clause),
									  &elements);

	*values = palloc(sizeof(Numeric) * (n > 0 ? n : 1));
	for (int i = 0; i < n; i++)
		(*values)[i] = DatumGetNumeric(elements[i]);
	return n;
}

/*
 * open_nla = sum of item_points[i] * fulfilment[i] over the items of Table
 * 2.8 in both languages (seed 000 lines 1995-2004; one element per language
 * and item, §8 E4). With rescale_to, the earned points are rescaled to it
 * over one final division: rescale_to * earned / sum(item_points) (the apa
 * items total 23 but print 25, §8 E5).
 */
Datum
pe_open_nla_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "open NLA, APA 2020 report §2.5, Table 2.8";
	Numeric    *points;
	Numeric    *fulfilment;
	int			n_points = numeric_array_arg(fcinfo, 0, "item_points", clause, &points);
	int			n_fulfilment = numeric_array_arg(fcinfo, 1, "fulfilment", clause, &fulfilment);
	bool		rescale = PG_NARGS() > 2;
	Numeric		rescale_to = rescale ? PG_GETARG_NUMERIC(2) : NULL;
	Numeric		earned = pe_num_int64(0);
	Numeric		possible = pe_num_int64(0);

	for (int i = 0; i < n_points; i++)
		pe_check_points(points[i], "item_points", NULL);
	for (int i = 0; i < n_fulfilment; i++)
		pe_check_between(fulfilment[i], 0, 1, "fulfilment", INTERACTION_SITE(clause));
	if (rescale)
		pe_check_points(rescale_to, "rescale_to", NULL);
	if (n_points != n_fulfilment)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("item_points and fulfilment must have the same number of elements"),
				 errdetail("item_points has %d, fulfilment has %d.", n_points, n_fulfilment),
				 errhint("Pass item_points and fulfilment with one element per language and item each; see %s (docs/methodology.md §4.3 and §8 E4).",
						 clause)));

	for (int i = 0; i < n_points; i++)
	{
		earned = pe_num_add(earned, pe_num_mul(points[i], fulfilment[i]));
		possible = pe_num_add(possible, points[i]);
	}
	if (!rescale)
		PE_RETURN_POINTS(earned);
	if (pe_num_cmp(possible, pe_num_int64(0)) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("item_points must not all be 0 when the points are rescaled"),
				 errhint("Give at least one item positive points in item_points, or omit rescale_to; see open NLA rescaling, docs/methodology.md §4.3 and §8 E5.")));
	PE_RETURN_POINTS(pe_num_quotient(pe_num_mul(rescale_to, earned), possible));
}

/*
 * open_dialogue = pts_each * (answered / received + sum of the other
 * indicators' fulfilment) over one final division (seed 000 line 1693:
 * 5 indicators, 25 points; the first is the share of questions answered on
 * the heads' blog platform). No questions: the zero-volume policy.
 */
Datum
pe_open_dialogue_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "open dialogue, APA 2020 report §2.4";
	int64		answered = PG_GETARG_INT64(0);
	int64		received = PG_GETARG_INT64(1);
	Numeric    *others;
	int			n_others = numeric_array_arg(fcinfo, 2, "other_fulfilment", clause, &others);
	Numeric		points = PG_GETARG_NUMERIC(3);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 4, clause);
	Numeric		others_sum = pe_num_int64(0);
	Numeric		blog;

	for (int i = 0; i < n_others; i++)
		pe_check_between(others[i], 0, 1, "other_fulfilment", INTERACTION_SITE(clause));
	pe_check_points(points, "pts_each", NULL);
	pe_check_count(answered, "blog_answered", INTERACTION_SITE(clause));
	pe_check_count(received, "blog_received", INTERACTION_SITE(clause));
	pe_check_part_of_whole(answered, received, "blog_answered", "blog_received", INTERACTION_SITE(clause));

	for (int i = 0; i < n_others; i++)
		others_sum = pe_num_add(others_sum, others[i]);
	if (received == 0)
	{
		blog = zero_volume_points(zero_volume, points);
		if (blog == NULL)
			PG_RETURN_NULL();
		PE_RETURN_POINTS(pe_num_add(blog, pe_num_mul(points, others_sum)));
	}
	/* pts * (answered + received * others) / received */
	PE_RETURN_POINTS(pe_num_quotient(
									  pe_num_mul(points, pe_num_add(pe_num_int64(answered),
																	pe_num_mul(pe_num_int64(received), others_sum))),
									  pe_num_int64(received)));
}

/*
 * subordinate_deduction = deduction_max * non_compliant / total subordinate
 * organisations, 0 if there are none (METHODOLOGY §4.3, §8 E3: the fifth
 * "25-point" criterion read as a deduction). Returned as positive points;
 * the score tree subtracts it.
 */
Datum
pe_subordinate_openness_deduction(PG_FUNCTION_ARGS)
{
	static const char *clause = "subordinate-organisation openness, APA 2020 report §2.2";
	int64		non_compliant = PG_GETARG_INT64(0);
	int64		total = PG_GETARG_INT64(1);
	Numeric		deduction_max = PG_GETARG_NUMERIC(2);

	pe_check_points(deduction_max, "deduction_max", NULL);
	pe_check_count(non_compliant, "non_compliant", INTERACTION_SITE(clause));
	pe_check_count(total, "total", INTERACTION_SITE(clause));
	pe_check_part_of_whole(non_compliant, total, "non_compliant", "total", INTERACTION_SITE(clause));

	if (total == 0)
		PE_RETURN_POINTS(pe_num_int64(0));
	PE_RETURN_POINTS(points_share(deduction_max, non_compliant, total));
}

PG_FUNCTION_INFO_V1(pe_service_rate_shown);

/*
 * service_rate_shown(count, deliveries, rate_base) = rate_base * count /
 * deliveries rounded to 6 decimals, NULL without deliveries: a rate as an
 * explanation shows it (the kernels above read the exact rational).
 */
Datum
pe_service_rate_shown(PG_FUNCTION_ARGS)
{
	Numeric		count = PG_GETARG_NUMERIC(0);
	int64		deliveries = PG_GETARG_INT64(1);
	Numeric		rate_base = PG_GETARG_NUMERIC(2);
	Datum		rate;

	pe_check_finite(count, "count");
	pe_check_finite(rate_base, "rate_base");
	if (deliveries <= 0)
		PG_RETURN_NULL();
	rate = DirectFunctionCall2(numeric_div, NumericGetDatum(pe_num_mul(rate_base, count)),
							   NumericGetDatum(pe_num_int64(deliveries)));
	PG_RETURN_DATUM(DirectFunctionCall2(numeric_round, rate, Int32GetDatum(6)));
}
