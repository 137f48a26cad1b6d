/*
 * orgdev.c: the indicators of the "Organisational development" block
 * (METHODOLOGY §5): net staff turnover and its score, percentage and survey
 * indicators on a scale, training U, the E-kyzmet bonus, the IT criteria
 * (portal, integration, relevance, automation, unused systems) and the HR
 * direction H = K + O + M - W.
 *
 * Every methodology constant (points, thresholds, scales, caps, the points
 * of a body without information systems) is an argument; the methodology
 * layer (perf_eval.hr_criteria, perf_eval.it_criteria) reads them from the
 * version. Checks run in the order of §0.7: names, then the domain of each
 * value (22003), then consistency between values (22023). Quotients are
 * arranged with one final division (§0.1).
 */
#include "argument_checks.h"
#include "numeric_ops.h"
#include "policies.h"
#include "scale_bands.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(pe_net_turnover_ratio);
PG_FUNCTION_INFO_V1(pe_net_turnover_ratio_from_months);
PG_FUNCTION_INFO_V1(pe_net_turnover_score);
PG_FUNCTION_INFO_V1(pe_percentage_points);
PG_FUNCTION_INFO_V1(pe_training_score);
PG_FUNCTION_INFO_V1(pe_ekyzmet_bonus);
PG_FUNCTION_INFO_V1(pe_it_portal_score);
PG_FUNCTION_INFO_V1(pe_it_integration_score);
PG_FUNCTION_INFO_V1(pe_it_relevance_score);
PG_FUNCTION_INFO_V1(pe_it_automation_score);
PG_FUNCTION_INFO_V1(pe_it_unused_deduction);
PG_FUNCTION_INFO_V1(pe_hr_direction_score);

/*
 * The average headcount is "summed up as of the last day of each month and
 * divided by the number of months in a year (12)" (seed 000 lines 3562,
 * 3566): a calendar fact, not a methodology choice.
 */
#define MONTHS_IN_YEAR 12

/* Percentages are 0..100 (METHODOLOGY §5.5). */
#define PERCENT_MAX 100

/* Where the organisational-development kernels check their arguments: the clause is the indicator. */
#define ORGDEV_SITE(where) \
	(&(const PeCheckSite) {.clause = (where), .input_rules = "docs/methodology.md §5.5"})

/* ---------------------------------------------------------------------
 * Checks shared by the kernels
 * ------------------------------------------------------------------- */

static char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

static Numeric
num_min(Numeric a, Numeric b)
{
	return pe_num_cmp(a, b) <= 0 ? a : b;
}

/* pts * part / whole with whole > 0: one division. */
static Numeric
points_of_share(Numeric pts, Numeric part, Numeric whole)
{
	return pe_num_quotient(pe_num_mul(pts, part), whole);
}

/*
 * The elements of a one-dimensional array without NULLs (22023 otherwise);
 * an empty array gives 0 elements.
 */
static int
array_elements(ArrayType *array, Oid element_type, const char *argument,
			   const char *clause, Datum **values)
{
	return pe_array_elements(array, element_type, argument, "null",
							 psprintf("Pass %s as a one-dimensional array; see %s and the input rules of docs/methodology.md §5.5.",
									  argument, clause),
							 psprintf("Give every element of %s a value; see %s and the input rules of docs/methodology.md §5.5.",
									  argument, clause),
							 values);
}

/* ---------------------------------------------------------------------
 * K, personnel potential: C, net turnover (seed 000 lines 3554-3590)
 * ------------------------------------------------------------------- */

static const char *const turnover_clause = "C, net turnover, APA 2020 report, chapter 3 recommendations";

/* t = (a1 + a2) / (b1 + b2) from yearly leavers and average headcounts. */
static Numeric
turnover_ratio(int64 left_management, int64 left_other, Numeric staff_numerator,
			   Numeric staff_denominator, Numeric staff_shown)
{
	if (pe_num_cmp(staff_numerator, pe_num_int64(0)) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("average headcount b1 + b2 must be positive"),
				 errdetail("b1 + b2 = %s: the body had no administrative civil servants.",
						   numeric_text(staff_shown)),
				 errhint("Pass average headcounts b1 and b2 whose sum is greater than 0: t = (a1 + a2)/(b1 + b2) is undefined without staff; see %s (docs/methodology.md §5.2 and §5.5).",
						 turnover_clause)));
	/* (a1 + a2) * den / num: the one division of t */
	return pe_num_quotient(pe_num_mul(pe_num_add(pe_num_int64(left_management),
												 pe_num_int64(left_other)),
									  staff_denominator),
						   staff_numerator);
}

/* net_turnover_ratio(a1, a2, b1, b2) with b1, b2 the average headcounts. */
Datum
pe_net_turnover_ratio(PG_FUNCTION_ARGS)
{
	int64		left_management = PG_GETARG_INT64(0);
	int64		left_other = PG_GETARG_INT64(1);
	Numeric		average_management = PG_GETARG_NUMERIC(2);
	Numeric		average_other = PG_GETARG_NUMERIC(3);
	Numeric		staff;

	pe_check_finite(average_management, "b1");
	pe_check_finite(average_other, "b2");
	pe_check_nonnegative(pe_num_int64(left_management), "a1", ORGDEV_SITE(turnover_clause));
	pe_check_nonnegative(pe_num_int64(left_other), "a2", ORGDEV_SITE(turnover_clause));
	pe_check_nonnegative(average_management, "b1", ORGDEV_SITE(turnover_clause));
	pe_check_nonnegative(average_other, "b2", ORGDEV_SITE(turnover_clause));

	staff = pe_num_add(average_management, average_other);
	PG_RETURN_NUMERIC(turnover_ratio(left_management, left_other, staff, pe_num_int64(1), staff));
}

/* Sum of the 12 month-end headcounts of one level (seed 000 lines 3562, 3566). */
static Numeric
month_end_total(ArrayType *months, const char *argument)
{
	Datum	   *values;
	int			n = array_elements(months, INT8OID, argument, turnover_clause, &values);
	Numeric		total = pe_num_int64(0);

	if (n != MONTHS_IN_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must hold the 12 month-end headcounts of the year", argument),
				 errdetail("%s has %d elements.", argument, n),
				 errhint("Pass exactly 12 month-end headcounts in %s, one per month: the average headcount is their sum divided by 12; see %s (docs/methodology.md §5.2).",
						 argument, turnover_clause)));
	for (int i = 0; i < n; i++)
	{
		int64		count = DatumGetInt64(values[i]);

		if (count < 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("month-end headcount must not be negative"),
					 errdetail("Month %d of %s is " INT64_FORMAT ".", i + 1, argument, count),
					 errhint("Give every month-end headcount of %s a value of 0 or more; see %s and the input rules of docs/methodology.md §5.5.",
							 argument, turnover_clause)));
		total = pe_num_add(total, pe_num_int64(count));
	}
	return total;
}

/*
 * net_turnover_ratio_from_months(a1, a2, management[12], other[12]):
 * t = 12 (a1 + a2) / (sum of the month-end counts), so the averages are
 * never rounded before the one division.
 */
Datum
pe_net_turnover_ratio_from_months(PG_FUNCTION_ARGS)
{
	int64		left_management = PG_GETARG_INT64(0);
	int64		left_other = PG_GETARG_INT64(1);
	ArrayType  *management_months = PG_GETARG_ARRAYTYPE_P(2);
	ArrayType  *other_months = PG_GETARG_ARRAYTYPE_P(3);
	Numeric		management_total;
	Numeric		staff_months;

	pe_check_nonnegative(pe_num_int64(left_management), "a1", ORGDEV_SITE(turnover_clause));
	pe_check_nonnegative(pe_num_int64(left_other), "a2", ORGDEV_SITE(turnover_clause));
	/* management first, so the first faulty argument is the one reported */
	management_total = month_end_total(management_months, "management_month_ends");
	staff_months = pe_num_add(management_total, month_end_total(other_months, "other_month_ends"));
	PG_RETURN_NUMERIC(turnover_ratio(left_management, left_other, staff_months,
									 pe_num_int64(MONTHS_IN_YEAR),
									 pe_num_quotient(staff_months, pe_num_int64(MONTHS_IN_YEAR))));
}

/*
 * net_turnover_score(t, variant, pts, lower, upper, denominator):
 * pts if t <= lower, 0 if t >= upper, else pts (upper - t) / denominator.
 * The variants (hr.turnover.variant, §5.2 and §8 E6) share the formula and
 * differ in their parameters: printed (kz2020: upper 0.08, denominator 0.03,
 * so the score jumps 10 -> 6.67 just above lower), continuous (upper 0.08,
 * denominator 0.02) and threshold_009 (upper 0.09, denominator 0.03). The
 * two repaired variants promise a continuous score, so they require
 * denominator = upper - lower (22023); printed takes the seed as printed.
 */
Datum
pe_net_turnover_score(PG_FUNCTION_ARGS)
{
	Numeric		t = PG_GETARG_NUMERIC(0);
	char	   *variant = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Numeric		pts = PG_GETARG_NUMERIC(2);
	Numeric		lower = PG_GETARG_NUMERIC(3);
	Numeric		upper = PG_GETARG_NUMERIC(4);
	Numeric		denominator = PG_GETARG_NUMERIC(5);
	bool		printed = strcmp(variant, "printed") == 0;

	if (!printed && strcmp(variant, "continuous") != 0 && strcmp(variant, "threshold_009") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown turnover variant \"%s\"", variant),
				 errdetail("Known variants are printed, continuous and threshold_009."),
				 errhint("Set hr.turnover.variant to printed, continuous or threshold_009; see docs/methodology.md §5.2 and §8 E6.")));
	pe_check_nonnegative(t, "t", ORGDEV_SITE(turnover_clause));
	pe_check_nonnegative(pts, "pts", ORGDEV_SITE(turnover_clause));
	pe_check_nonnegative(lower, "lower", ORGDEV_SITE(turnover_clause));
	pe_check_nonnegative(upper, "upper", ORGDEV_SITE(turnover_clause));
	pe_check_positive(denominator, "denominator", ORGDEV_SITE(turnover_clause));
	if (pe_num_cmp(lower, upper) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("turnover lower threshold must be below the upper threshold"),
				 errdetail("lower = %s, upper = %s.", numeric_text(lower), numeric_text(upper)),
				 errhint("Pass a lower threshold below the upper one, e.g. 0.06 and 0.08; see %s (docs/methodology.md §5.2).",
						 turnover_clause)));
	if (!printed && pe_num_cmp(denominator, pe_num_sub(upper, lower)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("turnover variant %s needs denominator = upper - lower", variant),
				 errdetail("denominator = %s, upper = %s, lower = %s.",
						   numeric_text(denominator), numeric_text(upper), numeric_text(lower)),
				 errhint("Set hr.turnover.denominator to upper - lower, or hr.turnover.variant to printed, the only variant that keeps the jump of the APA 2020 report's formula (docs/methodology.md §8 E6).")));

	if (pe_num_cmp(t, lower) <= 0)
		PG_RETURN_NUMERIC(pts);
	if (pe_num_cmp(t, upper) >= 0)
		PG_RETURN_NUMERIC(pe_num_int64(0));
	PG_RETURN_NUMERIC(pe_num_quotient(pe_num_mul(pts, pe_num_sub(upper, t)), denominator));
}

/* ---------------------------------------------------------------------
 * Percentage and survey indicators on a scale (S, V, G, P, N, T, Y, M's
 * A-E, local content; §5.2, §0.8): pts * scale(x), x in 0..100
 * ------------------------------------------------------------------- */

Datum
pe_percentage_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "percentage indicator, docs/methodology.md §5.2 and §0.8";
	Numeric		percent = PG_GETARG_NUMERIC(0);
	Numeric		pts = PG_GETARG_NUMERIC(1);
	char	   *scale_text = text_to_cstring(PG_GETARG_TEXT_PP(2));
	PeScale		scale;

	pe_scale_from_cstring(scale_text, "scale", &scale);
	pe_check_between(percent, 0, PERCENT_MAX, "percentage", ORGDEV_SITE(clause));
	pe_check_nonnegative(pts, "pts", ORGDEV_SITE(clause));
	PG_RETURN_NUMERIC(pe_num_mul(pts, pe_scale_eval(&scale, percent, pe_num_int64(1))));
}

/* ---------------------------------------------------------------------
 * O, labour organisation: U, training (seed 000 lines 3598-3622)
 * ------------------------------------------------------------------- */

static const char *const training_clause = "U, training, APA 2020 report, chapter 3 recommendations";

/* a, b, c, d of U are counts of civil servants. */
static void
require_training_counts(int64 advanced_done, int64 advanced_due, int64 retraining_done, int64 retraining_due)
{
	pe_check_nonnegative(pe_num_int64(advanced_done), "a", ORGDEV_SITE(training_clause));
	pe_check_nonnegative(pe_num_int64(advanced_due), "b", ORGDEV_SITE(training_clause));
	pe_check_nonnegative(pe_num_int64(retraining_done), "c", ORGDEV_SITE(training_clause));
	pe_check_nonnegative(pe_num_int64(retraining_due), "d", ORGDEV_SITE(training_clause));
}

/* a <= b and c <= d: no more servants trained than were due. */
static void
require_training_done_within_due(int64 advanced_done, int64 advanced_due, int64 retraining_done,
								 int64 retraining_due)
{
	pe_check_part_of_whole(advanced_done, advanced_due, "advanced training done (a)",
						  "advanced training due (b)", ORGDEV_SITE(training_clause));
	pe_check_part_of_whole(retraining_done, retraining_due, "retraining done (c)",
						  "retraining due (d)", ORGDEV_SITE(training_clause));
}

/*
 * training_score(a, b, c, d, k, w_advanced, w_retraining, empty_ratio):
 * U = k (w_a a/b + w_r c/d), a/b := empty_ratio when b = 0 and c/d :=
 * empty_ratio when d = 0 (lines 3616-3618). With a/b = p/q and c/d = r/s
 * this is k (w_a p s + w_r r q) / (q s): one division.
 */
Datum
pe_training_score(PG_FUNCTION_ARGS)
{
	const char *clause = training_clause;
	int64		advanced_done = PG_GETARG_INT64(0);
	int64		advanced_due = PG_GETARG_INT64(1);
	int64		retraining_done = PG_GETARG_INT64(2);
	int64		retraining_due = PG_GETARG_INT64(3);
	Numeric		k = PG_GETARG_NUMERIC(4);
	Numeric		w_advanced = PG_GETARG_NUMERIC(5);
	Numeric		w_retraining = PG_GETARG_NUMERIC(6);
	Numeric		empty_ratio = PG_GETARG_NUMERIC(7);
	Numeric		p,
				q,
				r,
				s;

	require_training_counts(advanced_done, advanced_due, retraining_done, retraining_due);
	pe_check_nonnegative(k, "k", ORGDEV_SITE(clause));
	pe_check_nonnegative(w_advanced, "w_advanced", ORGDEV_SITE(clause));
	pe_check_nonnegative(w_retraining, "w_retraining", ORGDEV_SITE(clause));
	pe_check_nonnegative(empty_ratio, "empty_ratio", ORGDEV_SITE(clause));
	require_training_done_within_due(advanced_done, advanced_due, retraining_done, retraining_due);

	p = advanced_due == 0 ? empty_ratio : pe_num_int64(advanced_done);
	q = pe_num_int64(advanced_due == 0 ? 1 : advanced_due);
	r = retraining_due == 0 ? empty_ratio : pe_num_int64(retraining_done);
	s = pe_num_int64(retraining_due == 0 ? 1 : retraining_due);
	PG_RETURN_NUMERIC(pe_num_quotient(pe_num_mul(k, pe_num_add(pe_num_mul(w_advanced, pe_num_mul(p, s)),
															   pe_num_mul(w_retraining, pe_num_mul(r, q)))),
									  pe_num_mul(q, s)));
}

/*
 * ekyzmet_bonus(documents_per_servant, target, pts) = pts min(1, x / target):
 * the E-kyzmet bonus of O (seed 000 line 2509; the target of nine documents
 * per civil servant at line 3130).
 */
Datum
pe_ekyzmet_bonus(PG_FUNCTION_ARGS)
{
	static const char *clause = "E-kyzmet bonus, APA 2020 report §3.1; §3.4";
	Numeric		per_servant = PG_GETARG_NUMERIC(0);
	Numeric		target = PG_GETARG_NUMERIC(1);
	Numeric		pts = PG_GETARG_NUMERIC(2);

	pe_check_nonnegative(per_servant, "documents_per_servant", ORGDEV_SITE(clause));
	pe_check_positive(target, "target", ORGDEV_SITE(clause));
	pe_check_nonnegative(pts, "pts", ORGDEV_SITE(clause));
	if (pe_num_cmp(per_servant, target) >= 0)
		PG_RETURN_NUMERIC(pts);
	PG_RETURN_NUMERIC(points_of_share(pts, per_servant, target));
}

/* ---------------------------------------------------------------------
 * IT criteria (§5.3)
 * ------------------------------------------------------------------- */

/* pts * part / whole, or empty_points when whole = 0 (portal, integration). */
static Datum
share_of_whole_points(FunctionCallInfo fcinfo, const char *part_name, const char *whole_name,
					  const char *clause)
{
	int64		part = PG_GETARG_INT64(0);
	int64		whole = PG_GETARG_INT64(1);
	Numeric		pts = PG_GETARG_NUMERIC(2);
	Numeric		empty_points = PG_GETARG_NUMERIC(3);

	pe_check_nonnegative(pe_num_int64(part), part_name, ORGDEV_SITE(clause));
	pe_check_nonnegative(pe_num_int64(whole), whole_name, ORGDEV_SITE(clause));
	pe_check_nonnegative(pts, "pts", ORGDEV_SITE(clause));
	pe_check_nonnegative(empty_points, "empty_points", ORGDEV_SITE(clause));
	pe_check_part_of_whole(part, whole, part_name, whole_name, ORGDEV_SITE(clause));
	if (whole == 0)
		PG_RETURN_NUMERIC(empty_points);
	PG_RETURN_NUMERIC(points_of_share(pts, pe_num_int64(part), pe_num_int64(whole)));
}

/*
 * it_portal_score(registered, systems, pts, no_systems_points): pts times the
 * share of information systems on the balance registered on the
 * architecture portal with their documentation (seed 002 lines 61-63).
 */
Datum
pe_it_portal_score(PG_FUNCTION_ARGS)
{
	return share_of_whole_points(fcinfo, "registered systems", "systems on the balance",
								 "IT portal, docs/methodology.md §5.3");
}

/*
 * it_integration_score(implemented, planned, pts, none_planned_points): pts
 * times the share of planned integrations implemented (seed 000 line 3063).
 */
Datum
pe_it_integration_score(PG_FUNCTION_ARGS)
{
	return share_of_whole_points(fcinfo, "implemented integrations", "planned integrations",
								 "IT integration, APA 2020 report §3.4");
}

/*
 * it_relevance_score(levels, pts, no_systems_points) = pts mean(l_i), l_i in
 * 0..1 per information system or database (seed 000 lines 3430-3444; the
 * index missing in the seed's sum, §8 E20); no systems -> no_systems_points
 * (0 printed at line 3442, 25 proposed at line 3446).
 */
Datum
pe_it_relevance_score(PG_FUNCTION_ARGS)
{
	static const char *clause = "IT relevance, APA 2020 report §3.5";
	ArrayType  *levels = PG_GETARG_ARRAYTYPE_P(0);
	Numeric		pts = PG_GETARG_NUMERIC(1);
	Numeric		no_systems_points = PG_GETARG_NUMERIC(2);
	Datum	   *values;
	int			n = array_elements(levels, NUMERICOID, "levels", clause, &values);
	Numeric		total = pe_num_int64(0);

	for (int i = 0; i < n; i++)
		pe_check_finite(DatumGetNumeric(values[i]), "relevance level");
	for (int i = 0; i < n; i++)
	{
		Numeric		level = DatumGetNumeric(values[i]);

		pe_check_between(level, 0, 1, "relevance level", ORGDEV_SITE(clause));
		total = pe_num_add(total, level);
	}
	pe_check_nonnegative(pts, "pts", ORGDEV_SITE(clause));
	pe_check_nonnegative(no_systems_points, "no_systems_points", ORGDEV_SITE(clause));
	if (n == 0)
		PG_RETURN_NUMERIC(no_systems_points);
	PG_RETURN_NUMERIC(points_of_share(pts, total, pe_num_int64(n)));
}

/*
 * it_automation_score(e1, e2, e3, e4, n, non_automatable, pts, cap,
 * exclude_non_automatable) = min(cap, pts (E1 + E2 + E3 + E4) / n') with
 * n' = n, or n - non_automatable when the version excludes functions that
 * cannot be automated (kz2020_apa, seed 000 line 3472). The seed states no
 * maximum (§8 E21): the cap is a parameter. n' = 0 -> 22023.
 */
Datum
pe_it_automation_score(PG_FUNCTION_ARGS)
{
	static const char *clause = "IT automation, APA 2020 report §3.5";
	static const char *const names[] = {"e1", "e2", "e3", "e4"};
	int64		functions = PG_GETARG_INT64(4);
	int64		non_automatable = PG_GETARG_INT64(5);
	Numeric		pts = PG_GETARG_NUMERIC(6);
	Numeric		cap = PG_GETARG_NUMERIC(7);
	bool		exclude = PG_GETARG_BOOL(8);
	Numeric		automated = pe_num_int64(0);
	int64		subject;

	for (int i = 0; i < 4; i++)
	{
		pe_check_nonnegative(pe_num_int64(PG_GETARG_INT64(i)), names[i], ORGDEV_SITE(clause));
		automated = pe_num_add(automated, pe_num_int64(PG_GETARG_INT64(i)));
	}
	pe_check_nonnegative(pe_num_int64(functions), "n", ORGDEV_SITE(clause));
	pe_check_nonnegative(pe_num_int64(non_automatable), "non_automatable", ORGDEV_SITE(clause));
	pe_check_nonnegative(pts, "pts", ORGDEV_SITE(clause));
	pe_check_nonnegative(cap, "cap", ORGDEV_SITE(clause));
	pe_check_part_of_whole(non_automatable, functions, "non-automatable functions", "functions subject to automation (n)", ORGDEV_SITE(clause));

	subject = exclude ? functions - non_automatable : functions;
	if (subject == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("no functions subject to automation"),
				 errdetail("n = " INT64_FORMAT ", non_automatable = " INT64_FORMAT ", excluded: %s.",
						   functions, non_automatable, exclude ? "yes" : "no"),
				 errhint("Pass n greater than non_automatable when those are excluded (n of 1 or more otherwise), taking n from the approved list, else from the body's regulation; see %s (docs/methodology.md §5.3).",
						 clause)));
	PG_RETURN_NUMERIC(num_min(cap, points_of_share(pts, automated, pe_num_int64(subject))));
}

/*
 * it_unused_deduction(unused, per_item, cap) = min(cap, per_item * unused):
 * points deducted for unused information systems and databases (§5.3; the
 * node enters IT with sign -1).
 */
Datum
pe_it_unused_deduction(PG_FUNCTION_ARGS)
{
	static const char *clause = "IT unused systems, docs/methodology.md §5.3";
	int64		unused = PG_GETARG_INT64(0);
	Numeric		per_item = PG_GETARG_NUMERIC(1);
	Numeric		cap = PG_GETARG_NUMERIC(2);

	pe_check_nonnegative(pe_num_int64(unused), "unused", ORGDEV_SITE(clause));
	pe_check_nonnegative(per_item, "per_item", ORGDEV_SITE(clause));
	pe_check_nonnegative(cap, "cap", ORGDEV_SITE(clause));
	PG_RETURN_NUMERIC(num_min(cap, pe_num_mul(per_item, pe_num_int64(unused))));
}

/* ---------------------------------------------------------------------
 * H = K + O + M - W (seed 000 line 2535)
 * ------------------------------------------------------------------- */

/* hr_direction_score(k, o, m, w, maximum, clamp): the clamp policy of §0.6. */
Datum
pe_hr_direction_score(PG_FUNCTION_ARGS)
{
	static const char *clause = "H, APA 2020 report §3.1";
	static const char *const names[] = {"K", "O", "M", "W"};
	Numeric		maximum = PG_GETARG_NUMERIC(4);
	PeClampPolicy clamp = pe_clamp_policy_arg(fcinfo, 5, clause);
	Numeric		raw;

	for (int i = 0; i < 4; i++)
		pe_check_nonnegative(PG_GETARG_NUMERIC(i), names[i], ORGDEV_SITE(clause));
	pe_check_nonnegative(maximum, "maximum", ORGDEV_SITE(clause));
	raw = pe_num_sub(pe_num_add(pe_num_add(PG_GETARG_NUMERIC(0), PG_GETARG_NUMERIC(1)),
								PG_GETARG_NUMERIC(2)),
					 PG_GETARG_NUMERIC(3));
	PG_RETURN_NUMERIC(pe_apply_clamp(raw, maximum, clamp));
}

/* ---------------------------------------------------------------------
 * The criteria of H from their indicators (seed 000 lines 2497-2535):
 * K = C + S + V + G + P (apa: CS + V + G + P), O = N + T + Y + U + S + E,
 * M = A + B + C + D + E, the bonuses, W; and what an explanation shows of
 * them (the training shortfall beside W, the average headcounts b1, b2).
 * ------------------------------------------------------------------- */

PG_FUNCTION_INFO_V1(pe_indicator_points_sum);
PG_FUNCTION_INFO_V1(pe_presence_bonus);
PG_FUNCTION_INFO_V1(pe_hr_penalty_points);
PG_FUNCTION_INFO_V1(pe_training_shortfall);
PG_FUNCTION_INFO_V1(pe_average_headcount_shown);

/*
 * hr_potential_score, hr_labour_score, hr_meritocracy_score: a criterion as
 * the sum of its indicators' points, each computed (and checked) by its own
 * kernel; the cap at the criterion's maximum is the engine's clamp.
 */
Datum
pe_indicator_points_sum(PG_FUNCTION_ARGS)
{
	Numeric		sum = PG_GETARG_NUMERIC(0);

	pe_check_finite(sum, "indicator points");
	for (int i = 1; i < PG_NARGS(); i++)
	{
		pe_check_finite(PG_GETARG_NUMERIC(i), "indicator points");
		sum = pe_num_add(sum, PG_GETARG_NUMERIC(i));
	}
	PG_RETURN_NUMERIC(sum);
}

/*
 * presence_bonus(present, pts) = pts if present, else 0: the strategic
 * workforce planning bonus of O (seed 000 line 2507) and the IT-division
 * bonus of an akimat (seed 002 paragraph 3, sub-paragraph 3).
 */
Datum
pe_presence_bonus(PG_FUNCTION_ARGS)
{
	bool		present = PG_GETARG_BOOL(0);
	Numeric		pts = PG_GETARG_NUMERIC(1);

	pe_check_finite(pts, "pts");
	PG_RETURN_NUMERIC(present ? pts : pe_num_int64(0));
}

/*
 * hr_penalty_points(facts[], points_each[]) = sum of facts[i] * points_each[i]
 * over the penalty kinds of a body and year: W, training violations (seed 000
 * line 3620) and reporting penalties (seed 002 lines 71, 113, 115).
 */
Datum
pe_hr_penalty_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "W, penalty points, APA 2020 report, chapter 3 recommendations";
	Datum	   *facts;
	Datum	   *points;
	int			n = array_elements(PG_GETARG_ARRAYTYPE_P(0), INT8OID, "facts", clause, &facts);
	int			m = array_elements(PG_GETARG_ARRAYTYPE_P(1), NUMERICOID, "points_each", clause, &points);
	Numeric		sum = pe_num_int64(0);

	if (n != m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("facts and points_each must have the same number of elements"),
				 errdetail("facts has %d elements, points_each has %d.", n, m),
				 errhint("Pass one number of facts and one points value per penalty kind; see %s (docs/methodology.md §5.2).", clause)));
	for (int i = 0; i < n; i++)
	{
		pe_check_nonnegative(pe_num_int64(DatumGetInt64(facts[i])), "facts", ORGDEV_SITE(clause));
		pe_check_finite(DatumGetNumeric(points[i]), "points_each");
		sum = pe_num_add(sum, pe_num_mul(pe_num_int64(DatumGetInt64(facts[i])), DatumGetNumeric(points[i])));
	}
	PG_RETURN_NUMERIC(sum);
}

/*
 * training_shortfall(a, b, c, d) = (b - a) + (d - c): servants due but not
 * trained on time, shown beside W as a cross-check of the violation facts
 * (seed 000 line 3620); a <= b, c <= d as for U.
 */
Datum
pe_training_shortfall(PG_FUNCTION_ARGS)
{
	int64		advanced_done = PG_GETARG_INT64(0);
	int64		advanced_due = PG_GETARG_INT64(1);
	int64		retraining_done = PG_GETARG_INT64(2);
	int64		retraining_due = PG_GETARG_INT64(3);
	int64		shortfall;

	require_training_counts(advanced_done, advanced_due, retraining_done, retraining_due);
	require_training_done_within_due(advanced_done, advanced_due, retraining_done, retraining_due);
	if (pg_add_s64_overflow(advanced_due - advanced_done, retraining_due - retraining_done, &shortfall))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bigint out of range")));
	PG_RETURN_INT64(shortfall);
}

/*
 * average_headcount_shown(month_ends[12]) = sum / 12 rounded to 6 decimals,
 * trailing zeros trimmed: b1 or b2 as an explanation shows it; t itself is
 * computed from the unrounded sum (net_turnover_ratio_from_months).
 */
Datum
pe_average_headcount_shown(PG_FUNCTION_ARGS)
{
	Numeric		average = pe_num_quotient(month_end_total(PG_GETARG_ARRAYTYPE_P(0), "month_ends"),
										  pe_num_int64(MONTHS_IN_YEAR));
	Datum		rounded = DirectFunctionCall2(numeric_round, NumericGetDatum(average), Int32GetDatum(6));

	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, rounded));
}
