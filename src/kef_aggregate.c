/*
 * kef_aggregate.c: kpi_efficiency_mean_agg, the KPI part of the civil-servant
 * efficiency coefficient: the exact mean of a sheet's per-KPI efficiencies
 * kef_i (METHODOLOGY §6.2, seed 000 line 5160: "the obtained CE for
 * individual indicators of the KPI are reduced to the arithmetic mean").
 *
 * The aggregate of exact_mean.c, which goal_coefficient_agg shares: NULL
 * inputs are skipped; with no rows the result is NULL.
 */
#include "exact_mean.h"
#include "argument_checks.h"
#include "numeric_ops.h"

#include "fmgr.h"

PG_FUNCTION_INFO_V1(pe_kpi_efficiency_mean_transition);

#define AGGREGATE_NAME "kpi_efficiency_mean_agg"

/* A kef_i is >= 0 (22003). */
static void
check_kpi_efficiency(Numeric value)
{
	pe_check_nonnegative(value, "kpi_efficiency", NULL);
}

/* (state, kef_i) */
Datum
pe_kpi_efficiency_mean_transition(PG_FUNCTION_ARGS)
{
	return pe_exact_mean_transition(fcinfo, AGGREGATE_NAME, check_kpi_efficiency);
}

/* pe_kpi_efficiency_mean_combine, _serialize, _deserialize and _final. */
PE_EXACT_MEAN_SUPPORT_FUNCTIONS(pe_kpi_efficiency_mean, AGGREGATE_NAME)
