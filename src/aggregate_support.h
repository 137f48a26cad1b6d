/*
 * aggregate_support.h: what every internal-state aggregate of perf_eval
 * needs, whatever its state: the aggregate memory context, and the NULL
 * cases of a non-strict combine (METHODOLOGY §7.2).
 */
#ifndef PE_AGGREGATE_SUPPORT_H
#define PE_AGGREGATE_SUPPORT_H

#include "postgres.h"
#include "fmgr.h"

/* The aggregate memory context; 0A000 when not called as an aggregate. */
extern MemoryContext pe_aggregate_context(FunctionCallInfo fcinfo, const char *function_name);

/*
 * The two states of a combine call. True when one of them is NULL, with
 * *result set to the answer (the other state, or NULL): a combine function
 * returns it and only adds when both are states.
 */
extern bool pe_combine_null_cases(FunctionCallInfo fcinfo, void **left, void **right,
								  Datum *result);

#endif							/* PE_AGGREGATE_SUPPORT_H */
