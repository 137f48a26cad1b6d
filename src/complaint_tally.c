/*
 * complaint_tally.c: complaint_tally_agg over individual complaint records
 * (METHODOLOGY §7.1).
 *
 * One row per complaint or application considered. Each row counts once in
 * considered; a NULL flag is false; late_disciplined counts rows both late
 * and followed by disciplinary action, so d <= f. The dated form derives
 * late := answered_on > deadline and skips rows not yet answered.
 * Mapping to the formulas: p = m = considered, f = late, a = court_satisfied,
 * c = higher_authority_satisfied, n = repeated_satisfied, d = late_disciplined.
 */
#include "tally_state.h"

#include "utils/date.h"

PG_FUNCTION_INFO_V1(pe_complaint_tally_transition);
PG_FUNCTION_INFO_V1(pe_complaint_tally_transition_dated);
PG_FUNCTION_INFO_V1(pe_complaint_tally_merge_transition);
PG_FUNCTION_INFO_V1(pe_complaint_tally_final);

#define AGGREGATE_NAME "complaint_tally_agg"

static inline bool
flag_arg(FunctionCallInfo fcinfo, int argno)
{
	return !PG_ARGISNULL(argno) && PG_GETARG_BOOL(argno);
}

/* (state, late, court_satisfied, higher_authority_satisfied, repeated_satisfied, disciplinary_action) */
Datum
pe_complaint_tally_transition(PG_FUNCTION_ARGS)
{
	PeTallyState *state = pe_tally_state_get(fcinfo, PE_COMPLAINT_NCOUNTERS, AGGREGATE_NAME);

	if (!pe_complaint_count_row(state->counters,
								flag_arg(fcinfo, 1), flag_arg(fcinfo, 2), flag_arg(fcinfo, 3),
								flag_arg(fcinfo, 4), flag_arg(fcinfo, 5)))
		pe_tally_overflow_error(AGGREGATE_NAME);
	PG_RETURN_POINTER(state);
}

/* (state, deadline, answered_on, court_satisfied, higher_authority_satisfied, repeated_satisfied, disciplinary_action) */
Datum
pe_complaint_tally_transition_dated(PG_FUNCTION_ARGS)
{
	PeTallyState *state = pe_tally_state_get(fcinfo, PE_COMPLAINT_NCOUNTERS, AGGREGATE_NAME);
	bool		late;

	if (PG_ARGISNULL(2))
		PG_RETURN_POINTER(state);	/* not yet considered: not counted */
	late = !PG_ARGISNULL(1) && PG_GETARG_DATEADT(2) > PG_GETARG_DATEADT(1);
	if (!pe_complaint_count_row(state->counters, late,
								flag_arg(fcinfo, 3), flag_arg(fcinfo, 4),
								flag_arg(fcinfo, 5), flag_arg(fcinfo, 6)))
		pe_tally_overflow_error(AGGREGATE_NAME);
	PG_RETURN_POINTER(state);
}

/* (state, complaint_tally): adds stored partial states, e.g. monthly summaries. */
Datum
pe_complaint_tally_merge_transition(PG_FUNCTION_ARGS)
{
	return pe_tally_merge_transition(fcinfo, PE_TALLY_COMPLAINT, "complaint_tally_merge_agg");
}

/* No rows: a tally of zeros, as count(*) gives 0. */
Datum
pe_complaint_tally_final(PG_FUNCTION_ARGS)
{
	return pe_tally_final(fcinfo, PE_TALLY_COMPLAINT);
}
