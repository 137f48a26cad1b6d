/*
 * argument_checks.c: one wording per rule of argument checking; see
 * argument_checks.h. The flags of PeCheckSite choose between the wordings
 * existing kernels already show their users; no other text varies by site.
 */
#include "argument_checks.h"
#include "numeric_ops.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

static const char *
numeric_text(Numeric value)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)));
}

/* "the clause[ and the input rules of the section]": what a hint tells the user to see. */
static const char *
see(const PeCheckSite *site)
{
	if (site->input_rules == NULL)
		return site->clause;
	return psprintf("%s and the input rules of %s", site->clause, site->input_rules);
}

/* "x = 5." or "x is 5." */
static const char *
value_detail(const PeCheckSite *site, const char *argument, const char *value)
{
	return psprintf(site->detail_is ? "%s is %s." : "%s = %s.", argument, value);
}

/* "late count" where the site names counts so, else "late". */
static const char *
count_name(const PeCheckSite *site, const char *argument)
{
	return site->counts_named ? psprintf("%s count", argument) : argument;
}

void
pe_check_finite(Numeric value, const char *argument)
{
	if (numeric_is_nan(value) || numeric_is_inf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", argument),
				 errdetail("NaN and infinity are not valid methodology inputs."),
				 errhint("docs/methodology.md §0.1: every score, ratio and parameter is a finite numeric.")));
}

void
pe_check_nonnegative(Numeric value, const char *argument, const PeCheckSite *site)
{
	const char *detail;
	const char *hint;

	pe_check_finite(value, argument);
	if (!pe_num_is_negative(value))
		return;
	if (site == NULL)
	{
		detail = psprintf("%s is %s.", argument, numeric_text(value));
		hint = "docs/methodology.md §0.7: points and parameters are >= 0.";
	}
	else
	{
		detail = value_detail(site, argument, numeric_text(value));
		hint = site->clause_first
			? psprintf("%s: values are >= 0; use a non-negative scale such as an index with the previous year = 100 (%s).",
					   site->clause, site->input_rules)
			: psprintf("Pass a value of 0 or more for %s; see %s.", argument, see(site));
	}
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s must not be negative", argument),
			 errdetail("%s", detail),
			 errhint("%s", hint)));
}

void
pe_check_points(Numeric value, const char *argument, const PeCheckSite *site)
{
	if (site == NULL || !site->clause_first)
	{
		pe_check_nonnegative(value, argument, site);
		return;
	}
	if (numeric_is_nan(value) || numeric_is_inf(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a finite number", argument),
				 errdetail("%s", value_detail(site, argument, numeric_text(value))),
				 errhint("%s: %s is points, a finite number >= 0 (NaN and infinity are not points).",
						 site->clause, argument)));
	if (pe_num_is_negative(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must not be negative", argument),
				 errdetail("%s", value_detail(site, argument, numeric_text(value))),
				 errhint("%s: %s is points, a finite number >= 0.", site->clause, argument)));
}

void
pe_check_positive(Numeric value, const char *argument, const PeCheckSite *site)
{
	pe_check_finite(value, argument);
	if (pe_num_cmp(value, pe_num_int64(0)) <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be positive", argument),
				 errdetail("%s", value_detail(site, argument, numeric_text(value))),
				 errhint("Pass a value greater than 0 for %s, as the methodology version sets it; see %s.",
						 argument, see(site))));
}

void
pe_check_between(Numeric value, int64 low, int64 high, const char *argument, const PeCheckSite *site)
{
	pe_check_finite(value, argument);
	if (pe_num_cmp(value, pe_num_int64(low)) >= 0 && pe_num_cmp(value, pe_num_int64(high)) <= 0)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s must lie between " INT64_FORMAT " and " INT64_FORMAT, argument, low, high),
			 errdetail("%s", value_detail(site, argument, numeric_text(value))),
			 errhint("%s", site->clause_first
					 ? psprintf("%s: %s are " INT64_FORMAT ".." INT64_FORMAT " (%s).", site->clause,
								low == 0 && high == 100 ? "percentages" : "values", low, high,
								site->input_rules)
					 : psprintf("Pass a value between " INT64_FORMAT " and " INT64_FORMAT " for %s; see %s.",
								low, high, argument, see(site)))));
}

void
pe_check_count(int64 value, const char *argument, const PeCheckSite *site)
{
	if (value >= 0)
		return;
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s must not be negative", count_name(site, argument)),
			 errdetail("%s = " INT64_FORMAT ".", argument, value),
			 errhint("%s", site->clause_first
					 ? psprintf("%s: counts are >= 0 (%s).", site->clause, site->input_rules)
					 : psprintf("Pass a count of 0 or more for %s; see %s.", argument, see(site)))));
}

/* Names with spaces ("advanced training done (a)") read badly in "x <= y". */
static bool
is_identifier(const char *name)
{
	return strchr(name, ' ') == NULL;
}

void
pe_check_part_of_whole(int64 part, int64 whole, const char *part_name, const char *whole_name,
					   const PeCheckSite *site)
{
	const char *relation;
	const char *hint;

	if (part <= whole)
		return;
	relation = is_identifier(part_name) && is_identifier(whole_name)
		? psprintf("%s <= %s", part_name, whole_name)
		: "the first is at most the second";
	hint = site->clause_first
		? psprintf("%s: a part cannot exceed its whole (%s).", site->clause, site->input_rules)
		: psprintf("Correct %s or %s so that %s: a part cannot exceed its whole; see %s.",
				   part_name, whole_name, relation, see(site));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must not exceed %s", count_name(site, part_name), count_name(site, whole_name)),
			 errdetail("%s = " INT64_FORMAT ", %s = " INT64_FORMAT ".", part_name, part, whole_name, whole),
			 errhint("%s", hint)));
}

void
pe_check_score(int32 score, Numeric maximum, const char *argument, const PeCheckSite *site)
{
	if (score < 0 || pe_num_cmp(pe_num_int64(score), maximum) > 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s must lie between 0 and %s", argument, numeric_text(maximum)),
				 errdetail("%s = %d.", argument, score),
				 errhint("Pass a score between 0 and %s (the maximum the methodology version sets) for %s; see %s.",
						 numeric_text(maximum), argument, see(site))));
}

/*
 * The two ratio rules report alike: "<argument> <rule>", the detail num/den,
 * the hint "Pass <argument> <how>, e.g. 3/4; see <site>.".
 */
static void
pg_attribute_noreturn()
ratio_error(int sqlstate, const char *rule, const char *how, int32 num, int32 den,
			const char *argument, const PeCheckSite *site)
{
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("%s %s", argument, rule),
			 errdetail("%s = %d/%d.", argument, num, den),
			 errhint("Pass %s %s, e.g. 3/4; see %s.", argument, how, see(site))));
	pg_unreachable();
}

void
pe_check_ratio(int32 num, int32 den, const char *argument, const PeCheckSite *site)
{
	if (num < 0 || den <= 0)
		ratio_error(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE,
					"must have a non-negative numerator and a positive denominator",
					"as a numerator of 0 or more over a denominator of 1 or more", num, den, argument, site);
	if (num > den)
		ratio_error(ERRCODE_INVALID_PARAMETER_VALUE, "must not exceed 1",
					"with a numerator no greater than its denominator", num, den, argument, site);
}

int
pe_array_elements(ArrayType *array, Oid element_type, const char *argument, const char *null_word,
				  const char *dimensions_hint, const char *null_hint, Datum **values)
{
	int16		typlen;
	bool		typbyval;
	char		typalign;
	bool	   *nulls;
	int			n;

	if (ARR_NDIM(array) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a one-dimensional array", argument),
				 errdetail("%s has %d dimensions.", argument, ARR_NDIM(array)),
				 errhint("%s", dimensions_hint)));
	get_typlenbyvalalign(element_type, &typlen, &typbyval, &typalign);
	deconstruct_array(array, element_type, typlen, typbyval, typalign, values, &nulls, &n);
	for (int i = 0; i < n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s must not contain %s", argument, null_word),
					 errdetail("Element %d of %s is %s.", i + 1, argument, null_word),
					 errhint("%s", null_hint)));
	return n;
}
