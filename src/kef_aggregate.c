/*
 * kef_aggregate.c: kpi_efficiency_mean_agg, the KPI part of the civil-servant
 * efficiency coefficient: the exact mean of a sheet's per-KPI efficiencies
 * kef_i (METHODOLOGY §6.2, seed 000 line 5160: "the obtained CE for
 * individual indicators of the KPI are reduced to the arithmetic mean").
 *
 * The state is an exact numeric sum and an int64 count (as §7.2 asks of the
 * goal coefficient): numeric addition is exact and associative, so serial,
 * parallel and distributed aggregation give the same result digit for digit,
 * and the one division happens in the final function. NULL inputs are
 * skipped; with no rows the result is NULL. A kef_i is >= 0 (22003).
 */
#include "numeric_ops.h"

#include "common/int.h"
#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/fmgrprotos.h"

PG_FUNCTION_INFO_V1(pe_kpi_efficiency_mean_transition);
PG_FUNCTION_INFO_V1(pe_kpi_efficiency_mean_combine);
PG_FUNCTION_INFO_V1(pe_kpi_efficiency_mean_serialize);
PG_FUNCTION_INFO_V1(pe_kpi_efficiency_mean_deserialize);
PG_FUNCTION_INFO_V1(pe_kpi_efficiency_mean_final);

#define AGGREGATE_NAME "kpi_efficiency_mean_agg"

typedef struct KpiEfficiencyMeanState
{
	int64		count;
	Numeric		sum;			/* allocated in the aggregate memory context */
} KpiEfficiencyMeanState;

static MemoryContext
aggregate_context(FunctionCallInfo fcinfo, const char *function_name)
{
	MemoryContext aggcontext;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in a non-aggregate context", function_name)));
	return aggcontext;
}

/* A copy of value in context (the result of an addition lives in the per-row context). */
static Numeric
numeric_copy_in(MemoryContext context, Numeric value)
{
	MemoryContext old = MemoryContextSwitchTo(context);
	Numeric		copy = DatumGetNumeric(datumCopy(NumericGetDatum(value), false, -1));

	MemoryContextSwitchTo(old);
	return copy;
}

static KpiEfficiencyMeanState *
new_state(MemoryContext context, int64 count, Numeric sum)
{
	KpiEfficiencyMeanState *state = MemoryContextAllocZero(context, sizeof(KpiEfficiencyMeanState));

	state->count = count;
	state->sum = numeric_copy_in(context, sum);
	return state;
}

/* state.sum += value; state.count += count, replacing the stored sum. */
static void
state_add(MemoryContext context, KpiEfficiencyMeanState *state, Numeric value, int64 count)
{
	Numeric		old_sum = state->sum;

	if (pg_add_s64_overflow(state->count, count, &state->count))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s counter out of range", AGGREGATE_NAME),
				 errhint("Aggregate fewer rows per group, for example one body and year at a time: the row counter is an exact int64 (docs/methodology.md §7.2).")));
	state->sum = numeric_copy_in(context, pe_num_add(old_sum, value));
	pfree(old_sum);
}

/* (state, kef_i) */
Datum
pe_kpi_efficiency_mean_transition(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, AGGREGATE_NAME);
	KpiEfficiencyMeanState *state = PG_ARGISNULL(0) ? NULL : (KpiEfficiencyMeanState *) PG_GETARG_POINTER(0);
	Numeric		value;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	value = PG_GETARG_NUMERIC(1);
	pe_num_require_nonnegative(value, "kpi_efficiency");
	if (state == NULL)
		PG_RETURN_POINTER(new_state(aggcontext, 1, value));
	state_add(aggcontext, state, value, 1);
	PG_RETURN_POINTER(state);
}

/* Non-strict: NULL/NULL, NULL/x, x/NULL all combine (METHODOLOGY §7.2). */
Datum
pe_kpi_efficiency_mean_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "kpi_efficiency_mean_combine");
	KpiEfficiencyMeanState *left = PG_ARGISNULL(0) ? NULL : (KpiEfficiencyMeanState *) PG_GETARG_POINTER(0);
	KpiEfficiencyMeanState *right = PG_ARGISNULL(1) ? NULL : (KpiEfficiencyMeanState *) PG_GETARG_POINTER(1);

	if (right == NULL)
	{
		if (left == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(left);
	}
	if (left == NULL)
		PG_RETURN_POINTER(new_state(aggcontext, right->count, right->sum));
	state_add(aggcontext, left, right->sum, right->count);
	PG_RETURN_POINTER(left);
}

/* count as int8, then the sum in numeric's binary send format. */
Datum
pe_kpi_efficiency_mean_serialize(PG_FUNCTION_ARGS)
{
	KpiEfficiencyMeanState *state = (KpiEfficiencyMeanState *) PG_GETARG_POINTER(0);
	bytea	   *sum_bytes = DatumGetByteaPP(DirectFunctionCall1(numeric_send, NumericGetDatum(state->sum)));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->count);
	pq_sendbytes(&buf, VARDATA_ANY(sum_bytes), VARSIZE_ANY_EXHDR(sum_bytes));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
pe_kpi_efficiency_mean_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "kpi_efficiency_mean_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int64		count;
	Numeric		sum;

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, VARDATA_ANY(bytes), VARSIZE_ANY_EXHDR(bytes));
	count = pq_getmsgint64(&buf);
	sum = DatumGetNumeric(DirectFunctionCall3(numeric_recv, PointerGetDatum(&buf),
											  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	pq_getmsgend(&buf);
	if (count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized %s state: negative count", AGGREGATE_NAME)));
	PG_RETURN_POINTER(new_state(aggcontext, count, sum));
}

/* The one division: sum / count; NULL when no KPI was aggregated. */
Datum
pe_kpi_efficiency_mean_final(PG_FUNCTION_ARGS)
{
	KpiEfficiencyMeanState *state;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	state = (KpiEfficiencyMeanState *) PG_GETARG_POINTER(0);
	if (state->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(state->sum, pe_num_int64(state->count)));
}
