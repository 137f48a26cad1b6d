/*
 * perf_eval.c: the module's entry point.
 *
 * Each capability lives in its own file (complaints.c, complaint_tally.c,
 * zones.c, scale_bands.c, ...); this file only marks the library.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
