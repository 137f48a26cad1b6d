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

#endif							/* PE_TALLY_STATE_H */
