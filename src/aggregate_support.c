/*
 * aggregate_support.c: the aggregate memory context and the NULL cases of a
 * non-strict combine, shared by the tallies and the exact means.
 */
#include "aggregate_support.h"

MemoryContext
pe_aggregate_context(FunctionCallInfo fcinfo, const char *function_name)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in a non-aggregate context", function_name)));
	return aggcontext;
}

/* NULL/NULL gives NULL, x/NULL gives x; NULL/x is left to the caller, who copies x into its context. */
bool
pe_combine_null_cases(FunctionCallInfo fcinfo, void **left, void **right, Datum *result)
{
	*left = PG_ARGISNULL(0) ? NULL : PG_GETARG_POINTER(0);
	*right = PG_ARGISNULL(1) ? NULL : PG_GETARG_POINTER(1);
	if (*right != NULL)
		return false;
	fcinfo->isnull = (*left == NULL);
	*result = PointerGetDatum(*left);
	return true;
}
