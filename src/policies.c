/*
 * policies.c: the clamp and zero-volume policies at the SQL boundary.
 *
 * METHODOLOGY §0.6: kernels return raw values by default (clamp none,
 * zero volume null); the methodology version decides what the rating uses.
 */
#include "argument_checks.h"
#include "numeric_ops.h"
#include "policies.h"

#include "utils/builtins.h"

/* Both policy kinds reject an unknown name alike: the kind, its known names, where to read. */
static void
pg_attribute_noreturn()
unknown_policy_error(const char *kind, const char *name, const char *known, const char *choices,
					 const char *clause)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown %s policy \"%s\"", kind, name),
			 errdetail("Known %s policies are %s.", kind, known),
			 errhint("Pass a %s policy of %s; see %s and the policies of docs/methodology.md §0.6.",
					 kind, choices, clause)));
	pg_unreachable();
}

PeClampPolicy
pe_clamp_policy_arg(FunctionCallInfo fcinfo, int argno, const char *clause)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	PeClampPolicy policy;

	if (!pe_clamp_policy_parse(name, &policy))
		unknown_policy_error("clamp", name, "none, floor0 and floor0_capk", "none, floor0 or floor0_capk", clause);
	return policy;
}

PeZeroVolumePolicy
pe_zero_volume_policy_arg(FunctionCallInfo fcinfo, int argno, const char *clause)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	PeZeroVolumePolicy policy;

	if (!pe_zero_volume_policy_parse(name, &policy))
		unknown_policy_error("zero-volume", name, "null and full_points", "null or full_points", clause);
	return policy;
}

Numeric
pe_apply_clamp(Numeric raw, Numeric maximum, PeClampPolicy clamp)
{
	Numeric		zero = pe_num_int64(0);

	if (clamp == PE_CLAMP_NONE)
		return raw;
	if (pe_num_cmp(raw, zero) < 0)
		return zero;
	if (clamp == PE_CLAMP_FLOOR0_CAPK && pe_num_cmp(raw, maximum) > 0)
		return maximum;
	return raw;
}

PG_FUNCTION_INFO_V1(pe_clamp_value);

/* clamp_value(raw, maximum, clamp): the clamp policy of §0.6 on one node. */
Datum
pe_clamp_value(PG_FUNCTION_ARGS)
{
	Numeric		raw = PG_GETARG_NUMERIC(0);
	Numeric		maximum = PG_GETARG_NUMERIC(1);
	PeClampPolicy clamp = pe_clamp_policy_arg(fcinfo, 2, "policy.clamp");

	pe_check_finite(raw, "raw");
	pe_check_nonnegative(maximum, "maximum", NULL);
	PG_RETURN_NUMERIC(pe_apply_clamp(raw, maximum, clamp));
}
