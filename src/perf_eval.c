/*
 * perf_eval.c: the module's entry point.
 *
 * Each capability lives in its own file (complaints.c, complaint_tally.c,
 * zones.c, scale_bands.c, ...); this file marks the library and defines its
 * settings (docs/settings.md).
 *
 * _PG_init must not touch the catalog: the library can be preloaded
 * (shared_preload_libraries, session_preload_libraries), and in the
 * postmaster there is no database to read.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(pe_refresh_full_scan_months);
PG_FUNCTION_INFO_V1(pe_methodology_setting);

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
/* Read by compute_run through current_setting (56_recalculate.sql). */
static bool incremental_recalculation = true;

/*
 * perf_eval.change_reason: why the inputs change (load, correction,
 * objection, ...), recorded with every row version in perf_eval.input_history
 * (57_input_history.sql); empty: load for an insert, correction for an update,
 * a delete or a truncate. Read by the history triggers with current_setting.
 */
static char *change_reason_setting = NULL;

/*
 * perf_eval.methodology: the version resolve_methodology uses when a call
 * passes none; empty means the version marked is_default. Versions are rows
 * of the table perf_eval.methodology, which a check hook cannot read (it
 * also runs where there is no transaction or database), so the hook checks
 * only the form of a name (the table's CHECK on methodology.name) and
 * resolve_methodology refuses a well-formed name that is not a row.
 */
static char *methodology_setting = NULL;

/*
 * True while _PG_init defines the settings. Values SET (or configured)
 * before the library was loaded were stored as placeholders without any
 * check; PostgreSQL applies them to the new definition with a WARNING on
 * failure and then drops them, which would silently compute under the
 * default version instead of the one the user asked for. They are accepted
 * as they are instead, and resolve_methodology refuses them with an error
 * that names the setting.
 */
static bool defining_settings = false;

/*
 * perf_eval.allow_drop_with_data: the deliberate override of the drop guard
 * (drop_guard.c). It is on only where a superuser turned it on for the one
 * session that drops: with SET (SET LOCAL, set_config) or in the options of
 * that connection (PGOPTIONS='-c perf_eval.allow_drop_with_data=on', for
 * pg_restore --clean, which cannot SET). A value from postgresql.conf,
 * ALTER SYSTEM or ALTER DATABASE/ROLE ... SET would disarm the guard for
 * every later session, so the check hook refuses on from those sources.
 */
bool		pe_allow_drop_with_data = false;

static bool
check_allow_drop_with_data(bool *newval, void **extra, GucSource source)
{
	if (!*newval || source == PGC_S_SESSION || source == PGC_S_CLIENT)
		return true;
	GUC_check_errdetail("perf_eval.allow_drop_with_data can be turned on only for the session that drops the extension (SET, or the connection's options), not in a configuration file, ALTER SYSTEM, ALTER DATABASE or ALTER ROLE.");
	GUC_check_errhint("Back up with pg_dump, then run SET perf_eval.allow_drop_with_data = on right before DROP EXTENSION perf_eval.");
	return false;
}

static bool
methodology_name_well_formed(const char *name)
{
	const char *c;

	if (name[0] == '\0')
		return true;
	if (!(name[0] >= 'a' && name[0] <= 'z'))
		return false;
	for (c = name + 1; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
	return true;
}

static bool
check_methodology_setting(char **newval, void **extra, GucSource source)
{
	if (*newval == NULL || defining_settings || methodology_name_well_formed(*newval))
		return true;
	GUC_check_errdetail("A methodology name is a lower-case letter followed by lower-case letters, digits or underscores.");
	GUC_check_errhint("Use a name listed in the table perf_eval.methodology, e.g. kz2020, or an empty string for the default version.");
	return false;
}

void
_PG_init(void)
{
	defining_settings = true;

	DefineCustomStringVariable("perf_eval.methodology",
							   "Methodology version used when a call names none.",
							   "A name from the table perf_eval.methodology (e.g. kz2017, kz2020, kz2020_apa or a fork); empty means the version marked is_default. An unknown name is refused when a calculation resolves it.",
							   &methodology_setting,
							   "",
							   PGC_USERSET, 0,
							   check_methodology_setting, NULL, NULL);

	DefineCustomIntVariable("perf_eval.refresh_full_scan_months",
							"Marked months of a year from which refresh_monthly_tallies reads a registry in one pass.",
							"Fewer marked months are rescanned month by month through the BRIN index on the date; 13 never uses the one-pass scan.",
							&refresh_full_scan_months,
							REFRESH_FULL_SCAN_MONTHS_DEFAULT, 1, 13,
							PGC_USERSET, 0,
							NULL, NULL, NULL);

	DefineCustomBoolVariable("perf_eval.incremental_recalculation",
							 "Lets a recalculation recompute only the bodies whose inputs changed since the current run.",
							 "On: a body whose own input rows are unchanged, in an unchanged context (methodology, body registry, score tree), keeps the scores the current run has, copied into the new run; off: every body is recomputed. The results are the same either way.",
							 &incremental_recalculation,
							 true,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);

	DefineCustomStringVariable("perf_eval.change_reason",
							   "Why the inputs change, recorded with every row version in perf_eval.input_history.",
							   "Free text such as load, correction or objection (SET LOCAL for one transaction); empty means load for an inserted row and correction for an updated, deleted or truncated one.",
							   &change_reason_setting,
							   "",
							   PGC_USERSET, 0,
							   NULL, NULL, NULL);

	DefineCustomBoolVariable("perf_eval.allow_drop_with_data",
							 "Lets DROP EXTENSION perf_eval delete the inputs, runs and scores the extension holds.",
							 "Off: dropping the extension (DROP EXTENSION, DROP SCHEMA perf_eval CASCADE, DROP OWNED BY its owner) is refused while it holds users' rows. Only a superuser can turn it on, only for the dropping session (SET or connection options).",
							 &pe_allow_drop_with_data,
							 false,
							 PGC_SUSET, 0,
							 check_allow_drop_with_data, NULL, NULL);

	defining_settings = false;

	/*
	 * Every perf_eval.* setting is defined above, so a misspelt one (SET
	 * perf_eval.methodolgy = ...) is an error from now on; placeholders SET
	 * before the load under the prefix that name no setting are dropped
	 * with a WARNING.
	 */
	MarkGUCPrefixReserved("perf_eval");
}

/* The setting, for refresh_monthly_tallies (calling it loads the library). */
Datum
pe_refresh_full_scan_months(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(refresh_full_scan_months);
}

/*
 * The setting perf_eval.methodology, NULL when empty, for
 * resolve_methodology. Reading it here rather than with current_setting
 * loads the library on the first resolution, so a misspelt perf_eval.*
 * setting is an error in the rest of the session.
 */
Datum
pe_methodology_setting(PG_FUNCTION_ARGS)
{
	if (methodology_setting == NULL || methodology_setting[0] == '\0')
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(methodology_setting));
}
