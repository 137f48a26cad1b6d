/*
 * goal_aggregates.c: the aggregates over target-indicator rows
 * (METHODOLOGY §3.2, §7.1, §7.2).
 *
 * goal_coefficient_agg(indicator_result numeric): the exact mean of the
 * non-NULL inputs (NULL = an indicator not taken into account); NULL with no
 * counted input; the aggregate of exact_mean.c, which kpi_efficiency_mean_agg
 * shares.
 *
 * indicator_status_tally_agg(status, overfulfilled, plan_lowered,
 * no_dynamics): the counts the reports show (seed 000 lines 438-442), as
 * int64 counters in the shared tally state (tally_state.c).
 */
#include "exact_mean.h"
#include "argument_checks.h"
#include "numeric_ops.h"
#include "tally_state.h"

#include "fmgr.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(pe_goal_coefficient_transition);
PG_FUNCTION_INFO_V1(pe_indicator_status_tally_transition);
PG_FUNCTION_INFO_V1(pe_indicator_tally_merge_transition);
PG_FUNCTION_INFO_V1(pe_indicator_tally_final);

#define COEFFICIENT_AGG "goal_coefficient_agg"
#define STATUS_AGG "indicator_status_tally_agg"

/* ---------------------------------------------------------------------
 * goal_coefficient_agg: the exact mean of exact_mean.c
 * ------------------------------------------------------------------- */

/* An indicator result lies in [0, achievement cap] (§3.2). */
static void
check_indicator_result(Numeric value)
{
	pe_check_finite(value, "indicator_result");
	if (pe_num_is_negative(value))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("indicator result must not be negative"),
				 errdetail("indicator_result = %s.",
						   DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value)))),
				 errhint("Goal coefficient, docs/methodology.md §3.2: results lie in [0, achievement cap].")));
}

/* (state, indicator_result): NULL results (indicators not taken into account) are skipped. */
Datum
pe_goal_coefficient_transition(PG_FUNCTION_ARGS)
{
	return pe_exact_mean_transition(fcinfo, COEFFICIENT_AGG, check_indicator_result);
}

/* pe_goal_coefficient_combine, _serialize, _deserialize and _final. */
PE_EXACT_MEAN_SUPPORT_FUNCTIONS(pe_goal_coefficient, COEFFICIENT_AGG)

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
	return pe_tally_merge_transition(fcinfo, PE_TALLY_INDICATOR, "indicator_tally_merge_agg");
}

/* No rows: a tally of zeros, as count(*) gives 0. */
Datum
pe_indicator_tally_final(PG_FUNCTION_ARGS)
{
	return pe_tally_final(fcinfo, PE_TALLY_INDICATOR);
}
