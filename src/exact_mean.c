/*
 * exact_mean.c: the exact mean sum / count as an internal-state aggregate
 * (METHODOLOGY §7.2); see exact_mean.h.
 */
#include "aggregate_support.h"
#include "exact_mean.h"
#include "numeric_ops.h"
#include "tally_state.h"

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

typedef struct ExactMeanState
{
	int64		count;
	Numeric		sum;			/* allocated in the aggregate memory context */
} ExactMeanState;

static ExactMeanState *
new_state(MemoryContext context, int64 count, Numeric sum)
{
	MemoryContext old = MemoryContextSwitchTo(context);
	ExactMeanState *state = palloc(sizeof(ExactMeanState));

	state->count = count;
	state->sum = DatumGetNumericCopy(NumericGetDatum(sum));
	MemoryContextSwitchTo(old);
	return state;
}

/* sum += value, count += count_added, the new sum in the aggregate context. */
static void
state_add(MemoryContext context, const char *aggregate_name, ExactMeanState *state,
		  Numeric value, int64 count_added)
{
	MemoryContext old;
	Numeric		sum;

	if (pg_add_s64_overflow(state->count, count_added, &state->count))
		pe_tally_overflow_error(aggregate_name);
	old = MemoryContextSwitchTo(context);
	sum = pe_num_add(state->sum, value);
	MemoryContextSwitchTo(old);
	pfree(state->sum);
	state->sum = sum;
}

Datum
pe_exact_mean_transition(FunctionCallInfo fcinfo, const char *aggregate_name,
						 void (*check_input) (Numeric value))
{
	MemoryContext aggcontext = pe_aggregate_context(fcinfo, aggregate_name);
	ExactMeanState *state = PG_ARGISNULL(0) ? NULL : (ExactMeanState *) PG_GETARG_POINTER(0);
	Numeric		value;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	value = PG_GETARG_NUMERIC(1);
	check_input(value);
	if (state == NULL)
		PG_RETURN_POINTER(new_state(aggcontext, 1, value));
	state_add(aggcontext, aggregate_name, state, value, 1);
	PG_RETURN_POINTER(state);
}

Datum
pe_exact_mean_combine(FunctionCallInfo fcinfo, const char *aggregate_name)
{
	MemoryContext aggcontext = pe_aggregate_context(fcinfo, aggregate_name);
	void	   *left;
	void	   *right;
	Datum		result;

	if (pe_combine_null_cases(fcinfo, &left, &right, &result))
		return result;
	if (left == NULL)
		PG_RETURN_POINTER(new_state(aggcontext, ((ExactMeanState *) right)->count,
									((ExactMeanState *) right)->sum));
	state_add(aggcontext, aggregate_name, left, ((ExactMeanState *) right)->sum,
			  ((ExactMeanState *) right)->count);
	PG_RETURN_POINTER(left);
}

/* count as int8, then the sum in numeric's binary send format. */
Datum
pe_exact_mean_serialize(FunctionCallInfo fcinfo)
{
	ExactMeanState *state = (ExactMeanState *) PG_GETARG_POINTER(0);
	bytea	   *sum_bytes = DatumGetByteaPP(DirectFunctionCall1(numeric_send, NumericGetDatum(state->sum)));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->count);
	pq_sendbytes(&buf, VARDATA_ANY(sum_bytes), VARSIZE_ANY_EXHDR(sum_bytes));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Refuses what serialize cannot have written: a short state, a negative count or sum, NaN, infinity. */
Datum
pe_exact_mean_deserialize(FunctionCallInfo fcinfo, const char *aggregate_name)
{
	MemoryContext aggcontext = pe_aggregate_context(fcinfo, aggregate_name);
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int64		count;
	Numeric		sum;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes));
	if (buf.len < 8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized %s state of %d bytes", aggregate_name, buf.len)));
	count = pq_getmsgint64(&buf);
	sum = DatumGetNumeric(DirectFunctionCall3(numeric_recv, PointerGetDatum(&buf),
											  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	pq_getmsgend(&buf);
	if (count < 0 || numeric_is_nan(sum) || numeric_is_inf(sum) || pe_num_is_negative(sum))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized %s state", aggregate_name)));
	PG_RETURN_POINTER(new_state(aggcontext, count, sum));
}

/* The one division: sum / count; NULL when nothing was aggregated. */
Datum
pe_exact_mean_final(FunctionCallInfo fcinfo)
{
	ExactMeanState *state = PG_ARGISNULL(0) ? NULL : (ExactMeanState *) PG_GETARG_POINTER(0);

	if (state == NULL || state->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(state->sum, pe_num_int64(state->count)));
}
