/*
 * tally_state.c: combine, serialize and deserialize for the registry
 * aggregates (complaint_tally_agg, and the other tallies of METHODOLOGY §7).
 *
 * One set of support functions serves every tally: the state records how
 * many counters it has, so the serialized form is self-describing (8 bytes a
 * counter, big-endian) and a corrupt or foreign state is refused.
 */
#include "tally_state.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(pe_tally_combine);
PG_FUNCTION_INFO_V1(pe_tally_serialize);
PG_FUNCTION_INFO_V1(pe_tally_deserialize);

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

static PeTallyState *
new_state(MemoryContext context, int ncounters)
{
	PeTallyState *state = MemoryContextAllocZero(context, sizeof(PeTallyState));

	state->ncounters = ncounters;
	return state;
}

PeTallyState *
pe_tally_state_get(FunctionCallInfo fcinfo, int ncounters, const char *aggregate_name)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, aggregate_name);

	if (PG_ARGISNULL(0))
		return new_state(aggcontext, ncounters);
	return (PeTallyState *) PG_GETARG_POINTER(0);
}

void
pe_tally_overflow_error(const char *aggregate_name)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s counter out of range", aggregate_name),
			 errdetail("A count exceeded the bigint range."),
			 errhint("Counters are exact int64 (docs/methodology.md §7.2).")));
}

Datum
pe_tally_state_to_composite(FunctionCallInfo fcinfo, const int64 *counters, int ncounters)
{
	TupleDesc	tupdesc;
	Datum		values[PE_MAX_COUNTERS];
	bool		nulls[PE_MAX_COUNTERS] = {false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("tally final function must return a composite type")));
	tupdesc = BlessTupleDesc(tupdesc);
	if (tupdesc->natts != ncounters)
		elog(ERROR, "tally type has %d fields, expected %d", tupdesc->natts, ncounters);
	for (int i = 0; i < ncounters; i++)
		values[i] = Int64GetDatum(counters[i]);
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

void
pe_tally_composite_to_counters(HeapTupleHeader tuple, int64 *counters, int ncounters,
							   const char *type_name)
{
	if (HeapTupleHeaderGetNatts(tuple) != ncounters)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s value has %d fields, expected %d", type_name,
						HeapTupleHeaderGetNatts(tuple), ncounters)));
	for (int i = 0; i < ncounters; i++)
	{
		bool		isnull;
		Datum		d = GetAttributeByNum(tuple, (AttrNumber) (i + 1), &isnull);

		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s field %d must not be null", type_name, i + 1),
					 errhint("A partial state holds counts; write 0 for none (docs/methodology.md §7.2).")));
		counters[i] = DatumGetInt64(d);
	}
}

/* Non-strict: NULL/NULL, NULL/x, x/NULL and empty states all combine. */
Datum
pe_tally_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "tally_combine");
	PeTallyState *left = PG_ARGISNULL(0) ? NULL : (PeTallyState *) PG_GETARG_POINTER(0);
	PeTallyState *right = PG_ARGISNULL(1) ? NULL : (PeTallyState *) PG_GETARG_POINTER(1);

	if (right == NULL)
	{
		if (left == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(left);
	}
	if (left == NULL)
	{
		left = new_state(aggcontext, right->ncounters);
		memcpy(left->counters, right->counters, sizeof(left->counters));
		PG_RETURN_POINTER(left);
	}
	if (left->ncounters != right->ncounters)
		elog(ERROR, "cannot combine tallies of %d and %d counters",
			 left->ncounters, right->ncounters);
	if (!pe_counters_merge(left->counters, right->counters, left->ncounters))
		pe_tally_overflow_error("tally");
	PG_RETURN_POINTER(left);
}

Datum
pe_tally_serialize(PG_FUNCTION_ARGS)
{
	PeTallyState *state = (PeTallyState *) PG_GETARG_POINTER(0);
	Size		len = (Size) state->ncounters * 8;
	bytea	   *result = palloc(VARHDRSZ + len);

	SET_VARSIZE(result, VARHDRSZ + len);
	pe_counters_encode(state->counters, state->ncounters, (unsigned char *) VARDATA(result));
	PG_RETURN_BYTEA_P(result);
}

Datum
pe_tally_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "tally_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	Size		len = VARSIZE_ANY_EXHDR(bytes);
	int			ncounters = (int) (len / 8);
	PeTallyState *state;

	if (len % 8 != 0 || ncounters > PE_MAX_COUNTERS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized tally of %zu bytes", (size_t) len)));
	state = new_state(aggcontext, ncounters);
	if (!pe_counters_decode((const unsigned char *) VARDATA_ANY(bytes), len,
							state->counters, ncounters))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized tally: negative counter")));
	PG_RETURN_POINTER(state);
}
