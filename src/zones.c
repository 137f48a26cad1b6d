/*
 * zones.c: the efficiency zone of a score (METHODOLOGY §0.4).
 *
 * Half-open intervals on the unrounded score: high >= high_min,
 * medium >= medium_min, low >= low_min, otherwise ineffective. Any finite
 * score has a zone (> 100 is high, a negative raw value is ineffective).
 * The thresholds are methodology parameters (zone.*_min, seed 000 lines 545,
 * 1273-1276, 2547-2550) passed in by the caller.
 */
#include "argument_checks.h"
#include "numeric_ops.h"

#include "fmgr.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(pe_efficiency_zone);

Datum
pe_efficiency_zone(PG_FUNCTION_ARGS)
{
	Numeric		score = PG_GETARG_NUMERIC(0);
	Numeric		high_min = PG_GETARG_NUMERIC(1);
	Numeric		medium_min = PG_GETARG_NUMERIC(2);
	Numeric		low_min = PG_GETARG_NUMERIC(3);
	const char *zone;

	pe_check_finite(score, "score");
	pe_check_finite(high_min, "high_min");
	pe_check_finite(medium_min, "medium_min");
	pe_check_finite(low_min, "low_min");
	if (pe_num_cmp(high_min, medium_min) <= 0 || pe_num_cmp(medium_min, low_min) <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("zone thresholds must satisfy high_min > medium_min > low_min"),
				 errhint("Pass strictly decreasing thresholds high_min > medium_min > low_min, by default 90, 70 and 50; see the efficiency zones of docs/methodology.md §0.4 and §2.7.")));

	if (pe_num_cmp(score, high_min) >= 0)
		zone = "high";
	else if (pe_num_cmp(score, medium_min) >= 0)
		zone = "medium";
	else if (pe_num_cmp(score, low_min) >= 0)
		zone = "low";
	else
		zone = "ineffective";
	PG_RETURN_TEXT_P(cstring_to_text(zone));
}
