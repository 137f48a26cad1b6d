/*
 * goal_aggregates.c: the aggregates over target-indicator rows
 * (METHODOLOGY §3.2, §7.1, §7.2).
 *
 * goal_coefficient_agg(indicator_result numeric): the exact mean of the
 * non-NULL inputs (NULL = an indicator not taken into account); NULL with no
 * counted input. The state is an exact numeric sum and an int64 count, so
 * combining is addition and serial, parallel and distributed results are
 * identical; the one division happens in the final function.
 *
 * indicator_status_tally_agg(status, overfulfilled, plan_lowered,
 * no_dynamics): the counts the reports show (seed 000 lines 438-442), as
 * int64 counters in the shared tally state (tally_state.c).
 */
#include "numeric_ops.h"
#include "tally_state.h"

#include "fmgr.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(pe_goal_coefficient_transition);
PG_FUNCTION_INFO_V1(pe_goal_coefficient_combine);
PG_FUNCTION_INFO_V1(pe_goal_coefficient_serialize);
PG_FUNCTION_INFO_V1(pe_goal_coefficient_deserialize);
PG_FUNCTION_INFO_V1(pe_goal_coefficient_final);
PG_FUNCTION_INFO_V1(pe_indicator_status_tally_transition);
PG_FUNCTION_INFO_V1(pe_indicator_tally_merge_transition);
PG_FUNCTION_INFO_V1(pe_indicator_tally_final);

#define COEFFICIENT_AGG "goal_coefficient_agg"
#define STATUS_AGG "indicator_status_tally_agg"

/* ---------------------------------------------------------------------
 * goal_coefficient_agg
 * ------------------------------------------------------------------- */

typedef struct GoalMeanState
{
	int64		count;
	Numeric		sum;			/* allocated in the aggregate context */
} GoalMeanState;

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

static GoalMeanState *
new_mean_state(MemoryContext aggcontext, int64 count, Numeric sum)
{
	MemoryContext old = MemoryContextSwitchTo(aggcontext);
	GoalMeanState *state = palloc(sizeof(GoalMeanState));

	state->count = count;
	state->sum = sum ? DatumGetNumericCopy(NumericGetDatum(sum)) : pe_num_int64(0);
	MemoryContextSwitchTo(old);
	return state;
}

/* sum += value, count += count_added, keeping the sum in the aggregate context. */
static void
mean_state_add(MemoryContext aggcontext, GoalMeanState *state, Numeric value, int64 count_added)
{
	MemoryContext old;
	Numeric		sum;

	if (pg_add_s64_overflow(state->count, count_added, &state->count))
		pe_tally_overflow_error(COEFFICIENT_AGG);
	old = MemoryContextSwitchTo(aggcontext);
	sum = pe_num_add(state->sum, value);
	MemoryContextSwitchTo(old);
	pfree(state->sum);
	state->sum = sum;
}

/* (state, indicator_result): NULL results (indicators not taken into account) are skipped. */
Datum
pe_goal_coefficient_transition(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, COEFFICIENT_AGG);
	GoalMeanState *state = PG_ARGISNULL(0) ? NULL : (GoalMeanState *) PG_GETARG_POINTER(0);
	Numeric		value;

	if (PG_ARGISNULL(1))
	{
		if (state == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(state);
	}
	value = PG_GETARG_NUMERIC(1);
	pe_num_require_finite(value, "indicator_result");
	if (pe_num_is_negative(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("indicator result must not be negative"),
				 errdetail("indicator_result = %s.",
						   DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)))),
				 errhint("Goal coefficient, docs/methodology.md §3.2: results lie in [0, achievement cap].")));
	if (state == NULL)
		state = new_mean_state(aggcontext, 0, NULL);
	mean_state_add(aggcontext, state, value, 1);
	PG_RETURN_POINTER(state);
}

/* Non-strict: NULL/NULL, NULL/x, x/NULL and empty states all combine. */
Datum
pe_goal_coefficient_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "goal_coefficient_combine");
	GoalMeanState *left = PG_ARGISNULL(0) ? NULL : (GoalMeanState *) PG_GETARG_POINTER(0);
	GoalMeanState *right = PG_ARGISNULL(1) ? NULL : (GoalMeanState *) PG_GETARG_POINTER(1);

	if (right == NULL)
	{
		if (left == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(left);
	}
	if (left == NULL)
		PG_RETURN_POINTER(new_mean_state(aggcontext, right->count, right->sum));
	mean_state_add(aggcontext, left, right->sum, right->count);
	PG_RETURN_POINTER(left);
}

/* count as int8, then the sum in numeric's binary send format. */
Datum
pe_goal_coefficient_serialize(PG_FUNCTION_ARGS)
{
	GoalMeanState *state = (GoalMeanState *) PG_GETARG_POINTER(0);
	bytea	   *sum_bytes;
	StringInfoData buf;

	sum_bytes = DatumGetByteaPP(DirectFunctionCall1(numeric_send, NumericGetDatum(state->sum)));
	pq_begintypsend(&buf);
	pq_sendint64(&buf, state->count);
	pq_sendbytes(&buf, VARDATA_ANY(sum_bytes), VARSIZE_ANY_EXHDR(sum_bytes));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
pe_goal_coefficient_deserialize(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext = aggregate_context(fcinfo, "goal_coefficient_deserialize");
	bytea	   *bytes = PG_GETARG_BYTEA_PP(0);
	StringInfoData buf;
	int64		count;
	Numeric		sum;

	buf.data = VARDATA_ANY(bytes);
	buf.len = VARSIZE_ANY_EXHDR(bytes);
	buf.maxlen = buf.len;
	buf.cursor = 0;
	if (buf.len < 8)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized goal coefficient state of %d bytes", buf.len)));
	count = pq_getmsgint64(&buf);
	sum = DatumGetNumeric(DirectFunctionCall3(numeric_recv, PointerGetDatum(&buf),
											  ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
	if (count < 0 || numeric_is_nan(sum) || numeric_is_inf(sum) || pe_num_is_negative(sum))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid serialized goal coefficient state")));
	PG_RETURN_POINTER(new_mean_state(aggcontext, count, sum));
}

/* The exact mean; NULL when no indicator was taken into account (§3.2). */
Datum
pe_goal_coefficient_final(PG_FUNCTION_ARGS)
{
	GoalMeanState *state = PG_ARGISNULL(0) ? NULL : (GoalMeanState *) PG_GETARG_POINTER(0);

	if (state == NULL || state->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pe_num_quotient(state->sum, pe_num_int64(state->count)));
}

/* ---------------------------------------------------------------------
 * indicator_status_tally_agg, in the field order of perf_eval.indicator_tally
 * ------------------------------------------------------------------- */

static inline int64
flag_arg(FunctionCallInfo fcinfo, int argno)
{
	return (!PG_ARGISNULL(argno) && PG_GETARG_BOOL(argno)) ? 1 : 0;
}

static PeIndicatorCounter
status_counter(text *status)
{
	char	   *name = text_to_cstring(status);

	if (strcmp(name, "achieved") == 0)
		return PE_INDICATOR_ACHIEVED;
	if (strcmp(name, "partial") == 0)
		return PE_INDICATOR_PARTIAL;
	if (strcmp(name, "not_achieved") == 0)
		return PE_INDICATOR_NOT_ACHIEVED;
	if (strcmp(name, "not_counted") == 0)
		return PE_INDICATOR_NOT_COUNTED;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown indicator status \"%s\"", name),
			 errdetail("Known statuses are achieved, partial, not_achieved and not_counted."),
			 errhint("Indicator status, docs/methodology.md §3.1 step 5.")));
	return PE_INDICATOR_NOT_COUNTED;	/* not reached */
}

/*
 * (state, status, overfulfilled, plan_lowered, no_dynamics): one indicator
 * per row; a NULL flag is false; a row with a NULL status is skipped.
 */
Datum
pe_indicator_status_tally_transition(PG_FUNCTION_ARGS)
{
	PeTallyState *state = pe_tally_state_get(fcinfo, PE_INDICATOR_NCOUNTERS, STATUS_AGG);
	int64		row[PE_MAX_COUNTERS] = {0};

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	row[PE_INDICATOR_INDICATORS] = 1;
	row[status_counter(PG_GETARG_TEXT_PP(1))] = 1;
	row[PE_INDICATOR_OVERFULFILLED] = flag_arg(fcinfo, 2);
	row[PE_INDICATOR_PLAN_LOWERED] = flag_arg(fcinfo, 3);
	row[PE_INDICATOR_NO_DYNAMICS] = flag_arg(fcinfo, 4);
	if (!pe_counters_merge(state->counters, row, PE_INDICATOR_NCOUNTERS))
		pe_tally_overflow_error(STATUS_AGG);
	PG_RETURN_POINTER(state);
}

/* (state, indicator_tally): adds stored partial states, e.g. per-goal tallies into a body's. */
Datum
pe_indicator_tally_merge_transition(PG_FUNCTION_ARGS)
{
	PeTallyState *state = pe_tally_state_get(fcinfo, PE_INDICATOR_NCOUNTERS, "indicator_tally_merge_agg");
	int64		partial[PE_MAX_COUNTERS];

	if (PG_ARGISNULL(1))
		PG_RETURN_POINTER(state);
	pe_tally_read_checked(PG_GETARG_HEAPTUPLEHEADER(1), PE_TALLY_INDICATOR, partial);
	if (!pe_counters_merge(state->counters, partial, PE_INDICATOR_NCOUNTERS))
		pe_tally_overflow_error("indicator_tally_merge_agg");
	PG_RETURN_POINTER(state);
}

/* No rows: a tally of zeros, as count(*) gives 0. */
Datum
pe_indicator_tally_final(PG_FUNCTION_ARGS)
{
	int64		zeros[PE_INDICATOR_NCOUNTERS] = {0};
	const int64 *counters = zeros;

	if (!PG_ARGISNULL(0))
		counters = ((PeTallyState *) PG_GETARG_POINTER(0))->counters;
	PG_RETURN_DATUM(pe_tally_state_to_composite(fcinfo, counters, PE_INDICATOR_NCOUNTERS));
}
