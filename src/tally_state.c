/*
 * tally_state.c: combine, serialize and deserialize for the registry
 * aggregates (complaint_tally_agg, and the other tallies of METHODOLOGY §7).
 *
 * One set of support functions serves every tally: the state records how
 * many counters it has, so the serialized form is self-describing (8 bytes a
 * counter, big-endian) and a corrupt or foreign state is refused.
 */
#include "aggregate_support.h"
#include "tally_state.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(pe_checked_tally);
PG_FUNCTION_INFO_V1(pe_tally_combine);
PG_FUNCTION_INFO_V1(pe_tally_serialize);
PG_FUNCTION_INFO_V1(pe_tally_deserialize);

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
	MemoryContext aggcontext = pe_aggregate_context(fcinfo, aggregate_name);

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

/* What distinguishes one tally type from another for reading and checking. */
typedef struct TallyType
{
	const char *name;			/* the composite type in schema perf_eval */
	int			ncounters;
	int			(*inconsistency) (const int64_t *counters);
	const char *negative_hint;	/* the section that says counts are >= 0 */
} TallyType;

static const TallyType tally_types[] = {
	[PE_TALLY_COMPLAINT] = {"complaint_tally", PE_COMPLAINT_NCOUNTERS, pe_complaint_tally_inconsistency,
	"docs/methodology.md §4.5: every count is >= 0."},
	[PE_TALLY_SERVICE] = {"service_tally", PE_SERVICE_NCOUNTERS, pe_service_tally_inconsistency,
	"docs/methodology.md §4.5: every count is >= 0."},
	[PE_TALLY_INDICATOR] = {"indicator_tally", PE_INDICATOR_NCOUNTERS, pe_indicator_tally_inconsistency,
	"docs/methodology.md §3.6: every count is >= 0."},
};

StaticAssertDecl(PE_COMPLAINT_NCOUNTERS <= PE_MAX_COUNTERS, "complaint tally exceeds the tally state");
StaticAssertDecl(PE_SERVICE_NCOUNTERS <= PE_MAX_COUNTERS, "service tally exceeds the tally state");
StaticAssertDecl(PE_INDICATOR_NCOUNTERS <= PE_MAX_COUNTERS, "indicator tally exceeds the tally state");

/* A part larger than its whole, with the whole each tally type measures parts against. */
static void
inconsistent_tally_error(PeTallyKind kind, const int64 *c, int bad)
{
	int64		statuses = 0;

	switch (kind)
	{
		case PE_TALLY_COMPLAINT:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("inconsistent complaint_tally: a part exceeds its whole"),
					 errdetail("Field %d is " INT64_FORMAT "; every part must be <= considered and late_disciplined <= late.",
							   bad + 1, c[bad]),
					 errhint("docs/methodology.md §4.5: f, a, c, n <= p; d <= f.")));
			break;
		case PE_TALLY_SERVICE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("inconsistent service_tally: a part exceeds its whole"),
					 errdetail("Field %d is " INT64_FORMAT " and deliveries is " INT64_FORMAT "; every part must be <= deliveries.",
							   bad + 1, c[bad], c[PE_SERVICE_DELIVERIES]),
					 errhint("docs/methodology.md §4.5: each service violation count <= deliveries; electronic <= deliveries.")));
			break;
		case PE_TALLY_INDICATOR:
			for (int i = PE_INDICATOR_ACHIEVED; i <= PE_INDICATOR_NOT_COUNTED; i++)
				if (pg_add_s64_overflow(statuses, c[i], &statuses))
					statuses = PG_INT64_MAX;
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("inconsistent indicator_tally: statuses must add up to indicators"),
					 errdetail("indicators = " INT64_FORMAT ", achieved + partial + not_achieved + not_counted = " INT64_FORMAT ".",
							   c[PE_INDICATOR_INDICATORS], statuses),
					 errhint("docs/methodology.md §3.1 step 5: every indicator has one status; a flag counts at most every indicator.")));
			break;
	}
}

void
pe_tally_read_checked(HeapTupleHeader tuple, PeTallyKind kind, int64 *counters)
{
	const TallyType *type = &tally_types[kind];
	int			bad;

	pe_tally_composite_to_counters(tuple, counters, type->ncounters, type->name);
	bad = type->inconsistency(counters);
	if (bad < 0)
		return;
	if (counters[bad] < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s counts must not be negative", type->name),
				 errdetail("Field %d is " INT64_FORMAT ".", bad + 1, counters[bad]),
				 errhint("%s", type->negative_hint)));
	inconsistent_tally_error(kind, counters, bad);
}

/* What every merge aggregate does with a row: check the stored partial state, then add it. */
Datum
pe_tally_merge_transition(FunctionCallInfo fcinfo, PeTallyKind kind, const char *aggregate_name)
{
	int			ncounters = tally_types[kind].ncounters;
	PeTallyState *state = pe_tally_state_get(fcinfo, ncounters, aggregate_name);
	int64		partial[PE_MAX_COUNTERS];

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	pe_tally_read_checked(PG_GETARG_HEAPTUPLEHEADER(1), kind, partial);
	if (!pe_counters_merge(state->counters, partial, ncounters))
		pe_tally_overflow_error(aggregate_name);
	PG_RETURN_POINTER(state);
}

/* No rows: a tally of zeros, as count(*) gives 0. */
Datum
pe_tally_final(FunctionCallInfo fcinfo, PeTallyKind kind)
{
	int64		zeros[PE_MAX_COUNTERS] = {0};
	const int64 *counters = zeros;

	if (!PG_ARGISNULL(0))
		counters = ((PeTallyState *) PG_GETARG_POINTER(0))->counters;
	return pe_tally_state_to_composite(fcinfo, counters, tally_types[kind].ncounters);
}

/*
 * checked_tally(tally): the tally itself once pe_tally_read_checked accepts
 * it, so that SQL functions taking a tally (complaint_criteria, goal_status)
 * check it exactly as the merge aggregates do. The tally type is that of the
 * argument; any other type is refused.
 */
Datum
pe_checked_tally(PG_FUNCTION_ARGS)
{
	Oid			type_oid = get_fn_expr_argtype(fcinfo->flinfo, 0);
	Oid			relid = OidIsValid(type_oid) ? get_typ_typrelid(type_oid) : InvalidOid;
	char	   *name = OidIsValid(relid) ? get_rel_name(relid) : NULL;
	Oid			namespace = OidIsValid(relid) ? get_rel_namespace(relid) : InvalidOid;
	int64		counters[PE_MAX_COUNTERS];

	for (int kind = 0; kind < (int) lengthof(tally_types); kind++)
	{
		if (name != NULL && strcmp(name, tally_types[kind].name) == 0
			&& namespace == get_func_namespace(fcinfo->flinfo->fn_oid))
		{
			pe_tally_read_checked(PG_GETARG_HEAPTUPLEHEADER(0), (PeTallyKind) kind, counters);
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATATYPE_MISMATCH),
			 errmsg("checked_tally takes a complaint_tally, service_tally or indicator_tally, not %s",
					OidIsValid(type_oid) ? format_type_be(type_oid) : "an unknown type")));
	PG_RETURN_NULL();			/* not reached */
}

/* Non-strict: NULL/NULL, NULL/x, x/NULL and empty states all combine. */
Datum
pe_tally_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = pe_aggregate_context(fcinfo, "tally_combine");
	PeTallyState *left;
	PeTallyState *right;
	Datum		result;

	if (pe_combine_null_cases(fcinfo, (void **) &left, (void **) &right, &result))
		return result;
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
	MemoryContext aggcontext = pe_aggregate_context(fcinfo, "tally_deserialize");
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
