/*
 * drop_guard.c: dropping the extension never deletes users' data by accident.
 *
 * DROP EXTENSION perf_eval drops every member table with the extension, with
 * or without CASCADE (the tables are members, not dependents), so one
 * careless command would delete every input, run and score. The event
 * trigger perf_eval_drop_guard (extension/parts/75_drop_guard.sql) calls
 * pe_drop_guard before such a command runs; while any table that pg_dump
 * keeps (pg_extension.extconfig, filtered by its extcondition: the users'
 * rows, not the shipped ones) holds a row, the command is refused unless
 * the session deliberately SET perf_eval.allow_drop_with_data = on
 * (perf_eval.c).
 *
 * Why ddl_command_start and C:
 * - sql_drop runs after the drop: the tables can no longer be counted, and
 *   the trigger and its function, members of the extension, are dropped by
 *   the very command, so they would not even fire for it.
 * - At ddl_command_start everything still exists, but only the parse tree
 *   says what the command drops. A PL/pgSQL trigger sees just the tag and
 *   current_query(), whose text is the whole client statement (several
 *   commands, or a function that EXECUTEs the DROP): parsing it is
 *   guesswork. A C trigger reads the DropStmt itself: its object type, its
 *   names and its behaviour.
 *
 * Commands that would drop the extension: DROP EXTENSION naming perf_eval
 * (alone or in a list, IF EXISTS or not, with or without CASCADE); DROP
 * SCHEMA perf_eval CASCADE (without CASCADE it fails on the extension
 * anyway); DROP OWNED BY the extension's owner. DROP DATABASE fires no
 * event trigger; it is never an accident of the same kind.
 *
 * Event triggers do not fire while session_replication_role = replica, nor
 * in single-user mode: both are deliberate acts of a superuser.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "commands/dbcommands.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(pe_drop_guard);

/* perf_eval.allow_drop_with_data, defined in perf_eval.c. */
extern bool pe_allow_drop_with_data;

#define EXTENSION_NAME "perf_eval"

/* Does a list of String names (DropStmt.objects of a schema or extension) hold name? */
static bool
names_include(List *objects, const char *name)
{
	ListCell   *lc;

	foreach(lc, objects)
	{
		Node	   *object = (Node *) lfirst(lc);

		if (IsA(object, String) && strcmp(strVal(object), name) == 0)
			return true;
	}
	return false;
}

/*
 * Would this utility statement drop the extension, which lives in schema
 * nspname and is owned by owner?
 */
static bool
statement_drops_extension(Node *parsetree, const char *nspname, Oid owner)
{
	if (parsetree == NULL)
		return false;
	if (IsA(parsetree, DropStmt))
	{
		DropStmt   *stmt = (DropStmt *) parsetree;

		if (stmt->removeType == OBJECT_EXTENSION)
			return names_include(stmt->objects, EXTENSION_NAME);
		if (stmt->removeType == OBJECT_SCHEMA && stmt->behavior == DROP_CASCADE)
			return names_include(stmt->objects, nspname);
		return false;
	}
	if (IsA(parsetree, DropOwnedStmt))
	{
		DropOwnedStmt *stmt = (DropOwnedStmt *) parsetree;
		ListCell   *lc;

		foreach(lc, stmt->roles)
		{
			if (get_rolespec_oid((RoleSpec *) lfirst(lc), true) == owner)
				return true;
		}
		return false;
	}
	return false;
}

static const char *
plural(int64 n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

Datum
pe_drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	MemoryContext caller = CurrentMemoryContext;
	char	   *nspname = NULL;
	Oid			owner = InvalidOid;
	int			save_nestlevel;
	int			ret;
	uint64		ntables;
	uint64		i;
	int64		inputs = 0,
				runs = 0,
				scores = 0,
				forks = 0,
				total = 0;
	StringInfoData per_table;
	char	   *dbname;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("perf_eval.drop_guard() can only be called as an event trigger"),
				 errhint("The event trigger perf_eval_drop_guard calls it before DROP EXTENSION, DROP SCHEMA and DROP OWNED.")));
	trigdata = (EventTriggerData *) fcinfo->context;
	if (strcmp(trigdata->event, "ddl_command_start") != 0)
		PG_RETURN_VOID();

	/*
	 * The extension's schema and owner (PostgreSQL 15 exports no accessor
	 * for either); none when the extension is not in this database.
	 */
	SPI_connect();
	ret = SPI_execute("SELECT n.nspname::text, e.extowner FROM pg_catalog.pg_extension AS e"
					  " JOIN pg_catalog.pg_namespace AS n ON n.oid = e.extnamespace"
					  " WHERE e.extname = '" EXTENSION_NAME "'",
					  true, 1);
	if (ret == SPI_OK_SELECT && SPI_processed == 1)
	{
		bool		isnull;

		/* SPI_finish frees what SPI allocated: copy into the caller's context. */
		nspname = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
		owner = DatumGetObjectId(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	}
	SPI_finish();
	if (nspname == NULL || !statement_drops_extension(trigdata->parsetree, nspname, owner))
		PG_RETURN_VOID();

	/*
	 * Count with a pinned search_path: the extension's row conditions
	 * (extcondition) are SQL text, and nothing on the caller's path (a
	 * superuser's, here) may change what they mean. AtEOXact_GUC restores
	 * the caller's value.
	 */
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);

	SPI_connect();
	/* The tables pg_dump keeps and the row condition of each; sequences hold no rows to lose. */
	ret = SPI_execute("SELECT pg_catalog.format('SELECT pg_catalog.count(*) FROM %I.%I %s', n.nspname, c.relname, t.cond),"
					  "       pg_catalog.format('%I.%I', n.nspname, c.relname), c.relname::text"
					  "  FROM pg_catalog.pg_extension AS e,"
					  "       ROWS FROM (pg_catalog.unnest(e.extconfig), pg_catalog.unnest(e.extcondition)) AS t(relid, cond)"
					  "  JOIN pg_catalog.pg_class AS c ON c.oid = t.relid"
					  "  JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"
					  " WHERE e.extname = '" EXTENSION_NAME "' AND c.relkind IN ('r', 'p')"
					  " ORDER BY 2",
					  true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed reading the configuration tables of extension %s: %s",
			 EXTENSION_NAME, SPI_result_code_string(ret));

	/* The list outlives SPI_finish: the caller's context. */
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);

		initStringInfo(&per_table);
		MemoryContextSwitchTo(spi);
	}
	ntables = SPI_processed;
	{
		/* The outer result is overwritten by each count: keep it. */
		SPITupleTable *tables = SPI_tuptable;

		for (i = 0; i < ntables; i++)
		{
			char	   *query = SPI_getvalue(tables->vals[i], tables->tupdesc, 1);
			char	   *qualified = SPI_getvalue(tables->vals[i], tables->tupdesc, 2);
			char	   *relname = SPI_getvalue(tables->vals[i], tables->tupdesc, 3);
			bool		isnull;
			int64		rows;

			ret = SPI_execute(query, true, 0);
			if (ret != SPI_OK_SELECT || SPI_processed != 1)
				elog(ERROR, "counting the rows of %s failed: %s", qualified, SPI_result_code_string(ret));
			rows = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
			SPI_freetuptable(SPI_tuptable);
			if (rows == 0)
				continue;
			total += rows;
			if (strcmp(relname, "run") == 0)
				runs += rows;
			else if (strcmp(relname, "score") == 0)
				scores += rows;
			else if (strcmp(relname, "methodology") == 0)
				forks += rows;
			else if (strcmp(relname, "run_body") == 0 || strcmp(relname, "run_problems") == 0 ||
					 strcmp(relname, "body_input_set") == 0 || strcmp(relname, "run_context") == 0)
				;				/* part of a run's record, counted with its run */
			else if (strcmp(relname, "input_history") == 0 || strcmp(relname, "input_row") == 0)
				;				/* the versions of the input rows, counted with them */
			else if (strcmp(relname, "methodology_param") != 0)
				inputs += rows; /* a fork's parameters go with the fork */
			appendStringInfo(&per_table, "%s%s %lld", per_table.len > 0 ? ", " : "",
							 qualified, (long long) rows);
		}
	}
	SPI_finish();
	AtEOXact_GUC(true, save_nestlevel);

	if (total == 0)
		PG_RETURN_VOID();

	dbname = get_database_name(MyDatabaseId);
	if (pe_allow_drop_with_data)
	{
		/* Deliberate: say in the server log what went. */
		ereport(WARNING,
				(errmsg("perf_eval.allow_drop_with_data is on: dropping extension %s deletes %lld input %s, %lld %s, %lld %s and %lld methodology %s",
						EXTENSION_NAME,
						(long long) inputs, plural(inputs, "row", "rows"),
						(long long) runs, plural(runs, "run", "runs"),
						(long long) scores, plural(scores, "score", "scores"),
						(long long) forks, plural(forks, "fork", "forks")),
				 errdetail("Rows per table: %s.", per_table.data)));
		PG_RETURN_VOID();
	}

	/*
	 * 2BP01 dependent_objects_still_exist: PostgreSQL's code for a DROP that
	 * is refused because of what would go with the object; here the users'
	 * rows. (55006 object_in_use means other sessions use the object.)
	 */
	ereport(ERROR,
			(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
			 errmsg("cannot drop extension %s because it holds %lld input %s, %lld %s, %lld %s and %lld methodology %s",
					EXTENSION_NAME,
					(long long) inputs, plural(inputs, "row", "rows"),
					(long long) runs, plural(runs, "run", "runs"),
					(long long) scores, plural(scores, "score", "scores"),
					(long long) forks, plural(forks, "fork", "forks")),
			 errdetail("Dropping the extension deletes its tables with every row, with or without CASCADE. Rows per table: %s.",
					   per_table.data),
			 errhint("To keep the data, move to a new version with ALTER EXTENSION %s UPDATE instead, or back it up first with pg_dump (e.g. pg_dump -Fc -f perf_eval.dump %s). To drop anyway, run SET perf_eval.allow_drop_with_data = on in this session and repeat the command (docs/settings.md).",
					 EXTENSION_NAME, dbname ? dbname : "DBNAME")));
	PG_RETURN_VOID();
}
