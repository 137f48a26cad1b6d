/*
 * exact_mean.h: the one exact-mean aggregate of perf_eval (METHODOLOGY §7.2),
 * serving goal_coefficient_agg (§3.2) and kpi_efficiency_mean_agg (§6.2).
 *
 * The state is an exact numeric sum and an int64 count: numeric addition is
 * exact and associative, so serial, parallel and distributed aggregation give
 * the same result digit for digit; the one division happens in the final
 * function. NULL inputs are skipped; with no input the mean is NULL.
 */
#ifndef PE_EXACT_MEAN_H
#define PE_EXACT_MEAN_H

#include "postgres.h"
#include "fmgr.h"
#include "utils/numeric.h"

/*
 * The transition (state, value): check_input refuses a value the aggregate
 * does not take (each aggregate names its own input); aggregate_name goes
 * into the errors.
 */
extern Datum pe_exact_mean_transition(FunctionCallInfo fcinfo, const char *aggregate_name,
									  void (*check_input) (Numeric value));
extern Datum pe_exact_mean_combine(FunctionCallInfo fcinfo, const char *aggregate_name);
extern Datum pe_exact_mean_serialize(FunctionCallInfo fcinfo);
extern Datum pe_exact_mean_deserialize(FunctionCallInfo fcinfo, const char *aggregate_name);
extern Datum pe_exact_mean_final(FunctionCallInfo fcinfo);

/*
 * The combine, serialize, deserialize and final entry points PREFIX_combine,
 * PREFIX_serialize, PREFIX_deserialize and PREFIX_final of one exact-mean
 * aggregate. Each aggregate keeps its own symbols because released scripts
 * name them (perf_eval--1.0.sql).
 */
#define PE_EXACT_MEAN_SUPPORT_FUNCTIONS(prefix, aggregate_name) \
	PG_FUNCTION_INFO_V1(prefix##_combine); \
	PG_FUNCTION_INFO_V1(prefix##_serialize); \
	PG_FUNCTION_INFO_V1(prefix##_deserialize); \
	PG_FUNCTION_INFO_V1(prefix##_final); \
	Datum prefix##_combine(PG_FUNCTION_ARGS) { return pe_exact_mean_combine(fcinfo, aggregate_name); } \
	Datum prefix##_serialize(PG_FUNCTION_ARGS) { return pe_exact_mean_serialize(fcinfo); } \
	Datum prefix##_deserialize(PG_FUNCTION_ARGS) { return pe_exact_mean_deserialize(fcinfo, aggregate_name); } \
	Datum prefix##_final(PG_FUNCTION_ARGS) { return pe_exact_mean_final(fcinfo); }

#endif							/* PE_EXACT_MEAN_H */
