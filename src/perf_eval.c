/*
 * perf_eval.c: the module's entry point.
 *
 * Each capability lives in its own file (complaints.c, complaint_tally.c,
 * zones.c, scale_bands.c, ...); this file marks the library and defines its
 * settings.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(pe_refresh_full_scan_months);

void		_PG_init(void);

/*
 * refresh_monthly_tallies reads a registry in one pass (the registry scan of
 * registry_scan.c) when at least this many months of a year are marked, and
 * month by month through the BRIN index otherwise. Measured on 20 M
 * deliveries (bench/README.md): a one-pass scan costs about what 3 months
 * cost through the index and the grouping aggregate, so 4 and more months
 * are cheaper in one pass.
 */
#define REFRESH_FULL_SCAN_MONTHS_DEFAULT 4

static int	refresh_full_scan_months = REFRESH_FULL_SCAN_MONTHS_DEFAULT;

void
_PG_init(void)
{
	DefineCustomIntVariable("perf_eval.refresh_full_scan_months",
							"Marked months of a year from which refresh_monthly_tallies reads a registry in one pass.",
							"Fewer marked months are rescanned month by month through the BRIN index on the date; 13 never uses the one-pass scan.",
							&refresh_full_scan_months,
							REFRESH_FULL_SCAN_MONTHS_DEFAULT, 1, 13,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	/*
	 * The prefix is not reserved (MarkGUCPrefixReserved): perf_eval.methodology
	 * is a plain user setting read with current_setting, and reserving the
	 * prefix would make SET perf_eval.methodology fail once this library is
	 * loaded.
	 */
}

/* The setting, for refresh_monthly_tallies (calling it loads the library). */
Datum
pe_refresh_full_scan_months(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(refresh_full_scan_months);
}
