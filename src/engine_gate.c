/*
 * engine_gate.c: only the engine writes results (METHODOLOGY §9; issue 16,
 * append-only results).
 *
 * Nothing in perf_eval is SECURITY DEFINER, so the recalculation runs with
 * its caller's rights, and the caller (perf_eval_admin) must be allowed to
 * insert the rows it computes. What keeps the caller from inserting rows of
 * its own making is where the permission lives: row-level security lets a
 * non-owner insert a score, and move a run to succeeded, only while this
 * backend is inside perf_eval.compute_run for that very run. That state is a
 * variable of this library, set only by compute_run (this C function) around
 * the engine's steps and cleared when they end, by error or not; no SQL
 * function sets it. While it is set, only the extension's own code runs: the
 * steps are the owner's functions with a pinned search_path, and the node
 * computers they call are rows of perf_eval.node_computer, which only the
 * owner may write.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"

PG_FUNCTION_INFO_V1(pe_compute_run);
PG_FUNCTION_INFO_V1(pe_engine_writes);

/* The run the engine is computing in this backend; 0: none. */
static int64 engine_run_id = 0;

/*
 * compute_run(run_id): the engine's steps (perf_eval.compute_run_steps) with
 * the right to write that run's results.
 */
Datum
pe_compute_run(PG_FUNCTION_ARGS)
{
	int64		run_id;
	Oid			argtypes[1] = {INT8OID};
	Datum		args[1];
	int			ret;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("run_id must not be null"),
				 errhint("Start a calculation with CALL perf_eval.recalculate(year), which logs the run and computes it.")));
	run_id = PG_GETARG_INT64(0);
	if (engine_run_id != 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("run %lld is being computed in this session", (long long) engine_run_id),
				 errdetail("compute_run cannot be called while it computes a run."),
				 errhint("Recalculate one year at a time.")));
	args[0] = Int64GetDatum(run_id);

	engine_run_id = run_id;
	PG_TRY();
	{
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "compute_run: SPI_connect failed");
		ret = SPI_execute_with_args("SELECT perf_eval.compute_run_steps($1)", 1, argtypes, args, NULL, false, 1);
		if (ret != SPI_OK_SELECT)
			elog(ERROR, "compute_run: the engine's steps failed: %s", SPI_result_code_string(ret));
		SPI_finish();
	}
	PG_FINALLY();
	{
		engine_run_id = 0;
	}
	PG_END_TRY();
	PG_RETURN_VOID();
}

/* engine_writes(run_id): true while this backend's engine computes that run. */
Datum
pe_engine_writes(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!PG_ARGISNULL(0) && engine_run_id != 0 && PG_GETARG_INT64(0) == engine_run_id);
}
