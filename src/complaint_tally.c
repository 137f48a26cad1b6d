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
PG_FUNCTION_INFO_V1(pe_complaint_dates_impossible);

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

/*
 * (state, complaint_tally): adds stored partial states, e.g. monthly
 * summaries; the final function gives a tally of zeros for no rows, as
 * count(*) gives 0.
 */
PE_TALLY_MERGE_AND_FINAL(pe_complaint_tally_merge_transition, pe_complaint_tally_final,
						 PE_TALLY_COMPLAINT, "complaint_tally_merge_agg")

/*
 * (received_on, answered_on, deadline): true when the dates of a complaint
 * record cannot all be true: answered before it was received, a deadline
 * before its receipt, or an infinite date of receipt or deadline. The one
 * definition of the rows the monthly states leave out and each recalculation
 * lists in run_problems (METHODOLOGY §7.1, §4.4). Not strict: it is
 *   answered_on < received_on OR deadline < received_on
 *   OR NOT isfinite(received_on) OR NOT isfinite(deadline)
 * with SQL's three-valued OR (a NULL date makes its own terms unknown), so a
 * partial index on it keeps the rows the expression kept.
 */
Datum
pe_complaint_dates_impossible(PG_FUNCTION_ARGS)
{
	bool		received_null = PG_ARGISNULL(0);
	bool		answered_null = PG_ARGISNULL(1);
	bool		deadline_null = PG_ARGISNULL(2);
	DateADT		received_on = received_null ? 0 : PG_GETARG_DATEADT(0);
	DateADT		answered_on = answered_null ? 0 : PG_GETARG_DATEADT(1);
	DateADT		deadline = deadline_null ? 0 : PG_GETARG_DATEADT(2);
	bool		unknown = false;

	/* answered_on < received_on */
	if (answered_null || received_null)
		unknown = true;
	else if (answered_on < received_on)
		PG_RETURN_BOOL(true);
	/* deadline < received_on */
	if (deadline_null || received_null)
		unknown = true;
	else if (deadline < received_on)
		PG_RETURN_BOOL(true);
	/* NOT isfinite(received_on), NOT isfinite(deadline) */
	if (!received_null && DATE_NOT_FINITE(received_on))
		PG_RETURN_BOOL(true);
	if (!deadline_null && DATE_NOT_FINITE(deadline))
		PG_RETURN_BOOL(true);
	if (unknown)
		PG_RETURN_NULL();
	PG_RETURN_BOOL(false);
}
