/*
 * service_tally.c: service_tally_agg over individual public-service
 * deliveries, and service_tally_merge_agg over stored partial states
 * (METHODOLOGY §7.1, inputs of §4.2).
 *
 * One row per delivery: each row counts once in deliveries and each flag
 * adds itself to its counter; a NULL flag is false, so every part is
 * <= deliveries by construction. The state, combine, serialize and
 * deserialize are those of every tally (tally_state.c).
 *
 * This transition function runs once per delivery, up to 200 M rows a year
 * (§7), so it does no palloc after the first row, does not re-check the
 * aggregate context on every row, and counts without branches.
 */
#include "tally_state.h"

PG_FUNCTION_INFO_V1(pe_service_tally_transition);
PG_FUNCTION_INFO_V1(pe_service_tally_merge_transition);
PG_FUNCTION_INFO_V1(pe_service_tally_final);

#define AGGREGATE_NAME "service_tally_agg"
#define MERGE_AGGREGATE_NAME "service_tally_merge_agg"

/* A NULL flag is false (§7.1); computed without a branch. */
static inline bool
flag_arg(FunctionCallInfo fcinfo, int argno)
{
	return (!fcinfo->args[argno].isnull) & DatumGetBool(fcinfo->args[argno].value);
}

/*
 * The state of argument 0. Only the first row of a group allocates it (and
 * checks that we run as an aggregate); later rows get the pointer back.
 */
static inline PeTallyState *
service_state(FunctionCallInfo fcinfo, const char *aggregate_name)
{
	if (likely(!PG_ARGISNULL(0)))
		return (PeTallyState *) PG_GETARG_POINTER(0);
	return pe_tally_state_get(fcinfo, PE_SERVICE_NCOUNTERS, aggregate_name);
}

/*
 * (state, deadline_violated, unreasonable_refusal, incomplete_package,
 *  extra_documents, electronic, quality_appeal_justified)
 */
Datum
pe_service_tally_transition(PG_FUNCTION_ARGS)
{
	PeTallyState *state = service_state(fcinfo, AGGREGATE_NAME);

	if (unlikely(!pe_service_count_row(state->counters,
									   flag_arg(fcinfo, 1), flag_arg(fcinfo, 2),
									   flag_arg(fcinfo, 3), flag_arg(fcinfo, 4),
									   flag_arg(fcinfo, 5), flag_arg(fcinfo, 6))))
		pe_tally_overflow_error(AGGREGATE_NAME);
	PG_RETURN_POINTER(state);
}

/*
 * (state, service_tally): adds stored partial states (monthly summaries, or
 * the partial results of a distributed engine). A state from outside is
 * checked like any input: counts >= 0 (22003), parts <= deliveries (22023).
 */
PE_TALLY_MERGE_AND_FINAL(pe_service_tally_merge_transition, pe_service_tally_final,
						 PE_TALLY_SERVICE, MERGE_AGGREGATE_NAME)
