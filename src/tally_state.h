/*
 * tally_state.h: the internal state shared by every registry aggregate.
 *
 * METHODOLOGY §7.2: a state is a fixed number of exact int64 counters; the
 * combine step is addition, so serial, parallel and distributed aggregation
 * give bit-for-bit identical results.
 */
#ifndef PE_TALLY_STATE_H
#define PE_TALLY_STATE_H

#include "postgres.h"
#include "access/htup.h"
#include "fmgr.h"

#include "pe_core.h"

typedef struct PeTallyState
{
	int			ncounters;
	int64		counters[PE_MAX_COUNTERS];
} PeTallyState;

/*
 * The state of argument 0, allocated zeroed in the aggregate memory context
 * on the first row. Raises an error if not called as an aggregate.
 */
extern PeTallyState *pe_tally_state_get(FunctionCallInfo fcinfo, int ncounters,
										const char *aggregate_name);

/* Raise 22003 when a counter would overflow int64. */
extern void pe_tally_overflow_error(const char *aggregate_name) pg_attribute_noreturn();

/* The final value: a composite of the counters typed as the function's result. */
extern Datum pe_tally_state_to_composite(FunctionCallInfo fcinfo, const int64 *counters,
										 int ncounters);

/*
 * Read a composite partial state (the text/binary-I/O tally type) into
 * counters, raising 22023 on NULL fields or a wrong number of fields.
 */
extern void pe_tally_composite_to_counters(HeapTupleHeader tuple, int64 *counters,
										   int ncounters, const char *type_name);

/* The tally types of perf_eval, each a composite of int64 counters. */
typedef enum PeTallyKind
{
	PE_TALLY_COMPLAINT,			/* perf_eval.complaint_tally */
	PE_TALLY_SERVICE,			/* perf_eval.service_tally */
	PE_TALLY_INDICATOR			/* perf_eval.indicator_tally */
} PeTallyKind;

/*
 * The one check of a tally that comes from outside (a stored partial state,
 * a ROW(...) passed to complaint_scores or goal_status), the same as the
 * scalar kernels give their counts: no NULL field (22023), no negative count
 * (22003), no part larger than its whole (22023). Reads the composite into
 * counters (PE_MAX_COUNTERS long).
 */
extern void pe_tally_read_checked(HeapTupleHeader tuple, PeTallyKind kind, int64 *counters);

/*
 * The transition of a merge aggregate (state, tally): adds a stored partial
 * state of the kind, checked by pe_tally_read_checked; a NULL tally is skipped.
 */
extern Datum pe_tally_merge_transition(FunctionCallInfo fcinfo, PeTallyKind kind,
									   const char *aggregate_name);

/* The final function of a tally of the kind: the composite; no rows give zeros. */
extern Datum pe_tally_final(FunctionCallInfo fcinfo, PeTallyKind kind);

/*
 * The bodies of a tally kind's merge transition and final function (declared
 * with PG_FUNCTION_INFO_V1 in the tally's file): every tally's pair is the
 * same two calls, so it is written once.
 */
#define PE_TALLY_MERGE_AND_FINAL(merge_function, final_function, kind, merge_aggregate_name) \
	Datum \
	merge_function(PG_FUNCTION_ARGS) \
	{ \
		return pe_tally_merge_transition(fcinfo, (kind), (merge_aggregate_name)); \
	} \
	Datum \
	final_function(PG_FUNCTION_ARGS) \
	{ \
		return pe_tally_final(fcinfo, (kind)); \
	}

#endif							/* PE_TALLY_STATE_H */
