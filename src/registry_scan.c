/*
 * registry_scan.c: a year's (or any date range's) tallies per body and month
 * read straight from the raw registries (METHODOLOGY §7.1, §7.2).
 *
 * service_tally_agg and complaint_tally_agg run inside the executor: every
 * row is deformed into a slot, its arguments are evaluated, the transition
 * is called through fmgr and the rows are hash-grouped by body. On a
 * national registry (~190 M deliveries a year, §7) that machinery, not the
 * counting, is most of the cost (bench/README.md). These functions read
 * the heap pages themselves: the needed columns at offsets fixed by the
 * table's layout, the body looked up in a small hash table (a few hundred
 * bodies, rows of one body often adjacent), the month from a day -> month
 * table, and the counting by the same pe_core functions as the aggregates,
 * so the tallies are identical. They can run in parallel (a leader and
 * workers each scanning a share of the blocks, as a parallel sequential
 * scan does) and send their partial states to the leader, which adds them:
 * addition of exact int64 counters, so any number of workers gives the same
 * result.
 *
 * Visibility is that of the calling statement's snapshot, as for a SELECT.
 * SELECT privilege is checked; a registry under row-level security is
 * refused, since rows would be read without its policies.
 */
#include "postgres.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/parallel.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/cost.h"
#include "optimizer/paths.h"
#include "parser/parse_relation.h"
#include "pgstat.h"
#include "postmaster/bgworker_internals.h"
#include "storage/bufmgr.h"
#include "storage/shm_mq.h"
#include "storage/shm_toc.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"
#include "utils/typcache.h"

#include "pe_core.h"
#include "registry_block_ranges.h"

/*
 * The direct scan reads PostgreSQL 15's page-at-a-time fields of
 * HeapScanDesc (rs_cbuf, rs_cblock, rs_vistuples, rs_ntuples, rs_cindex),
 * which are heapam's private state and change in later majors (read
 * streams). On any other major it is not compiled: the functions then
 * return the aggregates' tallies (service_tally_agg, complaint_tally_agg
 * grouped by body and month, run through SPI), which the scan equals.
 * Building with -DPE_REGISTRY_SCAN_AGGREGATE takes that path on 15 too
 * (to test it).
 */
#if PG_VERSION_NUM < 150000 || PG_VERSION_NUM >= 160000 || defined(PE_REGISTRY_SCAN_AGGREGATE)
#define PE_REGISTRY_FAST_SCAN 0
#else
#define PE_REGISTRY_FAST_SCAN 1
#endif

PG_FUNCTION_INFO_V1(pe_service_tallies_by_month);
PG_FUNCTION_INFO_V1(pe_complaint_tallies_by_month);
PG_FUNCTION_INFO_V1(pe_month_of);

/*
 * month_of(day): the first day of the month a registry row counts in, i.e.
 * date_trunc('month', day::timestamp)::date (an infinite date is itself).
 * It exists for registries in other databases (bench/README.md, "Registries
 * in their own databases"): postgres_fdw sends a function call to the remote
 * side only if no input is collatable, and date_trunc's 'month' is text, so
 * a query grouped by date_trunc is aggregated locally from every row. This
 * call takes a date only and belongs to perf_eval, which the foreign server
 * names in its extensions option, so the GROUP BY and the aggregate go to
 * the registry.
 */
Datum
pe_month_of(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	int			year,
				month,
				mday;

	if (DATE_NOT_FINITE(day))
		PG_RETURN_DATEADT(day);
	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	PG_RETURN_DATEADT(date2j(year, month, 1) - POSTGRES_EPOCH_JDATE);
}

#if PE_REGISTRY_FAST_SCAN
/* The worker entry point, found by name in this library by parallel.c. */
PGDLLEXPORT void pe_registry_scan_worker(dsm_segment *seg, shm_toc *toc);
#endif

typedef enum RegistryKind
{
	REGISTRY_SERVICE_DELIVERY,
	REGISTRY_COMPLAINT_RECORD
} RegistryKind;

/* Columns read: the counting date, the flags, [deadline], body (last). */
#define MAX_COLUMNS 8

typedef struct RegistryDefinition
{
	const char *table;
	const char *function;
	int			ncounters;
	int			nflags;			/* columns 1..nflags are boolean flags */
	int			ncolumns;
	const char *columns[MAX_COLUMNS];
	Oid			types[MAX_COLUMNS];
} RegistryDefinition;

/*
 * Column 0 is the date that places a row in its month (§7.1: deliveries by
 * delivered_on, complaints by answered_on); the body is the last column.
 */
static const RegistryDefinition registries[] = {
	[REGISTRY_SERVICE_DELIVERY] = {
		"service_delivery", "service_tallies_by_month", PE_SERVICE_NCOUNTERS, 6, 8,
		{"delivered_on", "deadline_violated", "unreasonable_refusal", "incomplete_package",
		 "extra_documents", "electronic", "quality_appeal_justified", "body"},
		{DATEOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID, TEXTOID}},
	[REGISTRY_COMPLAINT_RECORD] = {
		"complaint_record", "complaint_tallies_by_month", PE_COMPLAINT_NCOUNTERS, 4, 7,
		{"answered_on", "court_satisfied", "higher_authority_satisfied", "repeated_satisfied",
		 "disciplinary_action", "deadline", "body"},
		{DATEOID, BOOLOID, BOOLOID, BOOLOID, BOOLOID, DATEOID, TEXTOID}},
};

#define BODY_COLUMN(def) ((def)->ncolumns - 1)

/* What every participant needs to scan; lives in the parallel DSM. */
typedef struct ScanSpec
{
	Oid			relid;
	RegistryKind kind;
	DateADT		from_day;		/* rows with from_day <= date < to_day */
	DateADT		to_day;
	int			nmonths;
	int			nworkers;
} ScanSpec;

/* The day -> month table holds int16 entries: at most a century per call. */
#define MAX_RANGE_DAYS 36525

#if PE_REGISTRY_FAST_SCAN

/* Where each column sits in a tuple without NULLs (offsets from t_hoff). */
typedef struct ColumnLayout
{
	AttrNumber	attnum[MAX_COLUMNS];
	AttrNumber	max_attnum;
	bool		offsets_fixed;	/* fixed-width columns before the body */
	int			offset[MAX_COLUMNS];	/* fixed columns; body: unaligned start */
	char		body_align;
} ColumnLayout;

/*
 * One body's counters: nmonths x ncounters, month-major. A body code of up
 * to 16 bytes is also held as two words, (lo, hi), that with its length
 * identify it, so most rows are matched by comparing three integers.
 */
typedef struct BodyEntry
{
	uint64		lo;
	uint64		hi;
	int			len;
	uint32		hash;
	char	   *key;
	int64	   *counters;
} BodyEntry;

typedef struct BodyTable
{
	MemoryContext cxt;
	int			counters_per_body;
	BodyEntry  *entries;
	int			nentries;
	int			max_entries;
	int		   *slots;			/* open addressing: entry index + 1, 0 = free */
	uint32		mask;
	int			last;			/* entry of the previous row: rows cluster */
} BodyTable;

#define SHORT_KEY_BYTES 16

#define KEY_SCAN_SPEC	UINT64CONST(0x5045000000000001)
#define KEY_BLOCK_CHUNKS	UINT64CONST(0x5045000000000002)
#define KEY_QUEUES		UINT64CONST(0x5045000000000003)
#define QUEUE_SIZE		((Size) 65536)

/*
 * The words of a short key, read with loads inside [key, key + len) only
 * (overlapping when len is not a multiple of the load), so that together
 * with len they determine every byte of the key.
 */
static pg_attribute_always_inline void
short_key_words(const char *key, int len, uint64 *lo, uint64 *hi)
{
	if (len >= 8)
	{
		memcpy(lo, key, 8);
		memcpy(hi, key + len - 8, 8);
	}
	else if (len >= 4)
	{
		uint32		a, b;

		memcpy(&a, key, 4);
		memcpy(&b, key + len - 4, 4);
		*lo = a;
		*hi = b;
	}
	else
	{
		*lo = len > 0 ? ((uint64) (uint8) key[0] << 16) | ((uint64) (uint8) key[len / 2] << 8) |
			(uint8) key[len - 1] : 0;
		*hi = 0;
	}
}

static void
body_table_init(BodyTable *table, int counters_per_body)
{
	table->cxt = CurrentMemoryContext;
	table->counters_per_body = counters_per_body;
	table->max_entries = 64;
	table->entries = palloc(sizeof(BodyEntry) * table->max_entries);
	table->nentries = 0;
	table->mask = 1023;		/* sparse: a probe rarely meets another body */
	table->slots = palloc0(sizeof(int) * (table->mask + 1));
	table->last = -1;
}

static void
body_table_grow(BodyTable *table)
{
	uint32		mask = table->mask * 2 + 1;
	int		   *slots = MemoryContextAllocZero(table->cxt, sizeof(int) * (mask + 1));

	for (int i = 0; i < table->nentries; i++)
	{
		uint32		pos = table->entries[i].hash & mask;

		while (slots[pos] != 0)
			pos = (pos + 1) & mask;
		slots[pos] = i + 1;
	}
	pfree(table->slots);
	table->slots = slots;
	table->mask = mask;
}

static inline bool
entry_matches(const BodyEntry *entry, const char *key, int len, uint64 lo, uint64 hi)
{
	if (entry->len != len)
		return false;
	if (len <= SHORT_KEY_BYTES)
		return entry->lo == lo && entry->hi == hi;
	return memcmp(entry->key, key, len) == 0;
}

/* The counters of a body, created zeroed on its first row. */
static pg_attribute_always_inline int64 *
body_counters(BodyTable *table, const char *key, int len)
{
	uint64		lo = 0, hi = 0;
	uint32		hash;
	uint32		pos;
	BodyEntry  *entry;

	if (likely(len <= SHORT_KEY_BYTES))
	{
		uint64		mixed;

		short_key_words(key, len, &lo, &hi);
		if (table->last >= 0 && entry_matches(&table->entries[table->last], key, len, lo, hi))
			return table->entries[table->last].counters;
		/* a multiplicative mix: the words and the length decide the slot */
		mixed = (lo * UINT64CONST(0x9E3779B97F4A7C15)) ^ (hi * UINT64CONST(0xC2B2AE3D27D4EB4F)) ^ (uint64) len;
		hash = (uint32) (mixed >> 32) ^ (uint32) mixed;
	}
	else
		hash = hash_bytes((const unsigned char *) key, len);

	for (pos = hash & table->mask; table->slots[pos] != 0; pos = (pos + 1) & table->mask)
	{
		entry = &table->entries[table->slots[pos] - 1];
		if (entry->hash == hash && entry_matches(entry, key, len, lo, hi))
		{
			table->last = table->slots[pos] - 1;
			return entry->counters;
		}
	}
	if (table->nentries == table->max_entries)
	{
		table->max_entries *= 2;
		table->entries = repalloc(table->entries, sizeof(BodyEntry) * table->max_entries);
	}
	entry = &table->entries[table->nentries];
	entry->lo = lo;
	entry->hi = hi;
	entry->hash = hash;
	entry->len = len;
	entry->key = MemoryContextAlloc(table->cxt, len + 1);
	memcpy(entry->key, key, len);
	entry->key[len] = '\0';
	entry->counters = MemoryContextAllocZero(table->cxt,
											 sizeof(int64) * table->counters_per_body);
	table->slots[pos] = ++table->nentries;
	table->last = table->nentries - 1;
	if ((uint32) table->nentries * 8 > table->mask)
		body_table_grow(table);
	return entry->counters;
}

static void
overflow_error(RegistryKind kind)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s: a count exceeds the int64 range", registries[kind].function),
			 errhint("docs/methodology.md §7.2: counts are exact int64.")));
}

/*
 * Resolve the columns by name (so a registry altered with added columns
 * still works) and, when every column before the body has a fixed width,
 * their offsets in a tuple without NULLs: the same arithmetic as the
 * attcacheoff of tuple deforming, done once.
 */
static void
column_layout(Relation rel, RegistryKind kind, ColumnLayout *layout)
{
	const RegistryDefinition *def = &registries[kind];
	TupleDesc	desc = RelationGetDescr(rel);
	int			offset = 0;

	layout->max_attnum = 0;
	for (int c = 0; c < def->ncolumns; c++)
	{
		AttrNumber	attnum = attnameAttNum(rel, def->columns[c], false);

		if (attnum == InvalidAttrNumber ||
			TupleDescAttr(desc, attnum - 1)->atttypid != def->types[c])
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("perf_eval.%s has no column %s of type %s", def->table,
							def->columns[c], format_type_be(def->types[c])),
					 errhint("The registry's columns are defined by the extension (docs/methodology.md §7.1).")));
		layout->attnum[c] = attnum;
		layout->max_attnum = Max(layout->max_attnum, attnum);
	}
	/* Offsets are fixed only if the body is the last column read and every
	 * attribute before it has a fixed width. */
	layout->offsets_fixed = layout->attnum[BODY_COLUMN(def)] == layout->max_attnum;
	for (AttrNumber a = 1; layout->offsets_fixed && a < layout->max_attnum; a++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, a - 1);

		if (att->attlen <= 0)
			layout->offsets_fixed = false;
		else
		{
			offset = att_align_nominal(offset, att->attalign);
			for (int c = 0; c < def->ncolumns; c++)
				if (layout->attnum[c] == a)
					layout->offset[c] = offset;
			offset += att->attlen;
		}
	}
	layout->offset[BODY_COLUMN(def)] = offset;
	layout->body_align = TupleDescAttr(desc, layout->max_attnum - 1)->attalign;
}

/*
 * The columns of one registry row: the counting date (column 0), the flags
 * (columns 1..nflags), the deadline (complaints), and the body's varlena as
 * stored in the tuple (any form: see body_bytes).
 */
typedef struct RegistryRow
{
	DateADT		date;
	bool		date_null;
	DateADT		deadline;
	bool		deadline_null;
	bool		flag[MAX_COLUMNS];
	const struct varlena *body;
} RegistryRow;

#define DEADLINE_COLUMN 5		/* complaints only: after the 4 flags */

static pg_attribute_always_inline bool
read_row(HeapTuple tuple, TupleDesc desc, const ColumnLayout *layout,
		 const RegistryKind kind, RegistryRow *row)
{
	const RegistryDefinition *def = &registries[kind];
	HeapTupleHeader header = tuple->t_data;
	const int	body = BODY_COLUMN(def);

	if (likely(layout->offsets_fixed && !HeapTupleHasNulls(tuple) &&
			   HeapTupleHeaderGetNatts(header) >= layout->max_attnum))
	{
		const char *data = (const char *) header + header->t_hoff;
		int			body_offset;

		row->date = *(const DateADT *) (data + layout->offset[0]);
		row->date_null = false;
		for (int c = 1; c <= def->nflags; c++)
			row->flag[c] = *(const bool *) (data + layout->offset[c]);
		if (kind == REGISTRY_COMPLAINT_RECORD)
		{
			row->deadline = *(const DateADT *) (data + layout->offset[DEADLINE_COLUMN]);
			row->deadline_null = false;
		}
		/*
		 * A varlena with a 1-byte header (short, or a toast pointer) is not
		 * aligned; a 4-byte one is.
		 */
		body_offset = att_align_pointer(layout->offset[body], layout->body_align, -1,
										data + layout->offset[body]);
		row->body = (const struct varlena *) (data + body_offset);
	}
	else
	{
		bool		isnull;
		Datum		body_datum;

		row->date = DatumGetDateADT(heap_getattr(tuple, layout->attnum[0], desc, &row->date_null));
		for (int c = 1; c <= def->nflags; c++)
		{
			/* a NULL flag is false, as in the aggregates (§7.1) */
			row->flag[c] = DatumGetBool(heap_getattr(tuple, layout->attnum[c], desc, &isnull));
			row->flag[c] &= !isnull;
		}
		if (kind == REGISTRY_COMPLAINT_RECORD)
			row->deadline = DatumGetDateADT(heap_getattr(tuple, layout->attnum[DEADLINE_COLUMN],
														 desc, &row->deadline_null));
		body_datum = heap_getattr(tuple, layout->attnum[body], desc, &isnull);
		if (isnull)
			return false;		/* NOT NULL in the extension's table */
		row->body = (const struct varlena *) DatumGetPointer(body_datum);
	}
	return true;
}

/*
 * The bytes of a body code in whichever form the tuple stores it. The test
 * for a 1-byte header is true of a toast pointer too (its first byte is
 * 0x01 or 0x80), so a short code is recognised only when the value is not
 * external; a plain 4-byte-header code is read in place; a compressed or
 * out-of-line one (a code above about 2 kB, or a row the toaster compressed)
 * is detoasted by PostgreSQL into detoast_cxt, which the caller resets once
 * the code is matched to its body (*detoasted is set then).
 */
static pg_attribute_always_inline const char *
body_bytes(const struct varlena *value, int *len, MemoryContext detoast_cxt, bool *detoasted)
{
	if (likely(VARATT_IS_SHORT(value) && !VARATT_IS_EXTERNAL(value)))
	{
		*len = VARSIZE_SHORT(value) - VARHDRSZ_SHORT;
		return VARDATA_SHORT(value);
	}
	if (!VARATT_IS_EXTENDED(value))
	{
		*len = VARSIZE(value) - VARHDRSZ;
		return VARDATA(value);
	}
	else
	{
		MemoryContext caller_cxt = MemoryContextSwitchTo(detoast_cxt);
		struct varlena *plain = pg_detoast_datum_packed((struct varlena *) value);

		MemoryContextSwitchTo(caller_cxt);
		*detoasted = true;
		*len = VARSIZE_ANY_EXHDR(plain);
		return VARDATA_ANY(plain);
	}
}

/* Count one row into table, unless its date lies outside the range. */
static pg_attribute_always_inline void
count_row(HeapTuple tuple, TupleDesc desc, const ColumnLayout *layout, const ScanSpec *spec,
		  const int16 *month_of_day, BodyTable *table, MemoryContext detoast_cxt,
		  const RegistryKind kind)
{
	RegistryRow row;
	const char *body;
	int			body_len;
	bool		detoasted = false;
	int64	   *counters;
	bool		counted;

	if (!read_row(tuple, desc, layout, kind, &row) || row.date_null)
		return;					/* complaints not yet answered are not counted */
	if (row.date < spec->from_day || row.date >= spec->to_day)
		return;
	body = body_bytes(row.body, &body_len, detoast_cxt, &detoasted);
	counters = body_counters(table, body, body_len)
		+ month_of_day[row.date - spec->from_day] * registries[kind].ncounters;
	/* body_counters copied a new body's code: the detoasted bytes can go */
	if (unlikely(detoasted))
		MemoryContextReset(detoast_cxt);
	if (kind == REGISTRY_SERVICE_DELIVERY)
		counted = pe_service_count_row(counters, row.flag[1], row.flag[2], row.flag[3],
									   row.flag[4], row.flag[5], row.flag[6]);
	else
		/* late := answered_on > deadline, as complaint_tally_agg's dated form */
		counted = pe_complaint_count_row(counters,
										 !row.deadline_null && row.date > row.deadline,
										 row.flag[1], row.flag[2], row.flag[3], row.flag[4]);
	if (unlikely(!counted))
		overflow_error(kind);
}

/*
 * Scan this participant's share of the registry's blocks (the chunks it
 * takes from the dispenser; all of them when it scans alone) into table.
 *
 * heap_getnext returns the first visible tuple of each page; in page-at-a-
 * time mode the heap has already listed the page's visible tuples
 * (rs_vistuples, visibility checked under the snapshot), so the rest of the
 * page is read from that list in a tight loop, prefetching a few tuples
 * ahead, and the scan is then moved to the page's last tuple. This uses
 * PostgreSQL 15's page-at-a-time fields of HeapScanDesc (rs_cbuf,
 * rs_vistuples, rs_ntuples, rs_cindex); a port to a release whose heap scan
 * reads through read streams must revisit it.
 */
#define PREFETCH_TUPLES_AHEAD 16

static pg_attribute_always_inline void
scan_registry_of_kind(Relation rel, BlockChunkDispenser *chunks, const ScanSpec *spec, BodyTable *table,
					  const RegistryKind kind)
{
	/* No synchronised start: each chunk's limits set where the scan begins. */
	TableScanDesc scan = table_beginscan_strat(rel, GetActiveSnapshot(), 0, NULL, true, false);
	HeapScanDesc heap_scan = (HeapScanDesc) scan;
	BlockChunk	chunk;
	TupleDesc	desc = RelationGetDescr(rel);
	ColumnLayout layout;
	int			ndays = spec->to_day - spec->from_day;
	int16	   *month_of_day = palloc(sizeof(int16) * ndays);
	bool		page_at_a_time = (scan->rs_flags & SO_ALLOW_PAGEMODE) != 0;
	HeapTuple	tuple;
	int			year, month, day;
	/* Detoasted body codes, reset after each row that needed one. */
	MemoryContext detoast_cxt = AllocSetContextCreate(CurrentMemoryContext,
													  "perf_eval registry scan detoast",
													  ALLOCSET_SMALL_SIZES);

	column_layout(rel, kind, &layout);

	/* Day -> month index, so no calendar arithmetic per row. */
	j2date(spec->from_day + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	for (int d = 0; d < ndays; d++)
	{
		int			y, m, dd;

		j2date(spec->from_day + d + POSTGRES_EPOCH_JDATE, &y, &m, &dd);
		month_of_day[d] = (int16) ((y - year) * MONTHS_PER_YEAR + (m - month));
	}

	/* The chunks this participant takes in turn, each scanned like a table. */
	while (block_chunk_next(chunks, &chunk))
	{
		table_rescan(scan, NULL);
		heap_setscanlimits(scan, chunk.start, chunk.nblocks);
		while ((tuple = heap_getnext(scan, ForwardScanDirection)) != NULL)
		{
			CHECK_FOR_INTERRUPTS();
			count_row(tuple, desc, &layout, spec, month_of_day, table, detoast_cxt, kind);
			if (page_at_a_time)
			{
				Page		page = BufferGetPage(heap_scan->rs_cbuf);
				const OffsetNumber *visible = heap_scan->rs_vistuples;
				int			ntuples = heap_scan->rs_ntuples;

				for (int i = heap_scan->rs_cindex + 1; i < ntuples; i++)
				{
					ItemId		item = PageGetItemId(page, visible[i]);
					HeapTupleData rest;

					if (i + PREFETCH_TUPLES_AHEAD < ntuples)
						__builtin_prefetch(PageGetItem(page, PageGetItemId(page, visible[i + PREFETCH_TUPLES_AHEAD])));
					rest.t_data = (HeapTupleHeader) PageGetItem(page, item);
					rest.t_len = ItemIdGetLength(item);
					rest.t_tableOid = RelationGetRelid(rel);
					ItemPointerSet(&rest.t_self, heap_scan->rs_cblock, visible[i]);
					count_row(&rest, desc, &layout, spec, month_of_day, table, detoast_cxt, kind);
					pgstat_count_heap_getnext(rel);
				}
				heap_scan->rs_cindex = Max(ntuples - 1, heap_scan->rs_cindex);
			}
		}
	}
	table_endscan(scan);
	MemoryContextDelete(detoast_cxt);
	pfree(month_of_day);
}

/* One copy of the row loop per registry, with its columns known at compile time. */
static void
scan_registry(Relation rel, BlockChunkDispenser *chunks, const ScanSpec *spec, BodyTable *table)
{
	if (spec->kind == REGISTRY_SERVICE_DELIVERY)
		scan_registry_of_kind(rel, chunks, spec, table, REGISTRY_SERVICE_DELIVERY);
	else
		scan_registry_of_kind(rel, chunks, spec, table, REGISTRY_COMPLAINT_RECORD);
}

/* Add a participant's counters for one body into table. */
static void
merge_body(BodyTable *table, const ScanSpec *spec, const char *key, int len,
		   const int64 *counters)
{
	int			ncounters = registries[spec->kind].ncounters;
	int64	   *into = body_counters(table, key, len);

	for (int m = 0; m < spec->nmonths; m++)
		if (!pe_counters_merge(into + m * ncounters, counters + m * ncounters, ncounters))
			overflow_error(spec->kind);
}

/*
 * Worker: scan a share of the blocks, then send each body as one message:
 * int32 key length, the key, the counters.
 */
void
pe_registry_scan_worker(dsm_segment *seg, shm_toc *toc)
{
	ScanSpec   *spec = shm_toc_lookup(toc, KEY_SCAN_SPEC, false);
	BlockChunkDispenser *chunks = shm_toc_lookup(toc, KEY_BLOCK_CHUNKS, false);
	char	   *queues = shm_toc_lookup(toc, KEY_QUEUES, false);
	shm_mq	   *mq = (shm_mq *) (queues + ParallelWorkerNumber * QUEUE_SIZE);
	shm_mq_handle *mqh;
	Relation	rel;
	BodyTable	table;
	Size		counters_size;

	shm_mq_set_sender(mq, MyProc);
	mqh = shm_mq_attach(mq, seg, NULL);

	/* The active snapshot is the leader's, restored by parallel.c. */
	rel = table_open(spec->relid, AccessShareLock);
	body_table_init(&table, spec->nmonths * registries[spec->kind].ncounters);
	scan_registry(rel, chunks, spec, &table);
	table_close(rel, AccessShareLock);

	counters_size = sizeof(int64) * table.counters_per_body;
	for (int i = 0; i < table.nentries; i++)
	{
		BodyEntry  *entry = &table.entries[i];
		int32		len = entry->len;
		shm_mq_iovec iov[3] = {
			{(const char *) &len, sizeof(len)},
			{entry->key, len},
			{(const char *) entry->counters, counters_size}};

		if (shm_mq_sendv(mqh, iov, 3, false, true) != SHM_MQ_SUCCESS)
			break;				/* the leader is gone: it is ending with an error */
	}
	shm_mq_detach(mqh);
}

/* As many workers as the planner gives a sequential scan of this many pages. */
static int
default_workers(Relation rel, BlockNumber pages)
{
	int			workers = RelationGetParallelWorkers(rel, -1);
	double		threshold = Max(min_parallel_table_scan_size, 1);

	if (workers < 0)
	{
		workers = 0;
		while (pages >= threshold)
		{
			workers++;
			threshold *= 3;
		}
	}
	return Min(workers, max_parallel_workers_per_gather);
}

static void
scan_in_parallel(Relation rel, ScanSpec *spec, const BlockChunkDispenser *chunks, BodyTable *table)
{
	ParallelContext *pcxt;
	Size		chunks_size = BlockChunkDispenserSize(chunks->nchunks);
	ScanSpec   *shared_spec;
	BlockChunkDispenser *shared_chunks;
	char	   *queues;
	shm_mq_handle **readers;
	Size		message_size = sizeof(int32) + sizeof(int64) * table->counters_per_body;
	int64	   *counters = palloc(sizeof(int64) * table->counters_per_body);

	EnterParallelMode();
	pcxt = CreateParallelContext("$libdir/perf_eval", "pe_registry_scan_worker", spec->nworkers);
	shm_toc_estimate_chunk(&pcxt->estimator, sizeof(ScanSpec));
	shm_toc_estimate_chunk(&pcxt->estimator, chunks_size);
	shm_toc_estimate_chunk(&pcxt->estimator, QUEUE_SIZE * spec->nworkers);
	shm_toc_estimate_keys(&pcxt->estimator, 3);
	InitializeParallelDSM(pcxt);

	shared_spec = shm_toc_allocate(pcxt->toc, sizeof(ScanSpec));
	*shared_spec = *spec;
	shm_toc_insert(pcxt->toc, KEY_SCAN_SPEC, shared_spec);
	shared_chunks = shm_toc_allocate(pcxt->toc, chunks_size);
	memcpy(shared_chunks, chunks, chunks_size);
	pg_atomic_init_u32(&shared_chunks->next, 0);
	shm_toc_insert(pcxt->toc, KEY_BLOCK_CHUNKS, shared_chunks);
	queues = shm_toc_allocate(pcxt->toc, QUEUE_SIZE * spec->nworkers);
	shm_toc_insert(pcxt->toc, KEY_QUEUES, queues);
	readers = palloc0(sizeof(shm_mq_handle *) * spec->nworkers);
	for (int i = 0; i < spec->nworkers; i++)
	{
		shm_mq	   *mq = shm_mq_create(queues + i * QUEUE_SIZE, QUEUE_SIZE);

		shm_mq_set_receiver(mq, MyProc);
		readers[i] = shm_mq_attach(mq, pcxt->seg, NULL);
	}

	LaunchParallelWorkers(pcxt);
	ereport(DEBUG1,
			(errmsg_internal("%s: %d of %d parallel workers launched",
							 registries[spec->kind].function, pcxt->nworkers_launched, spec->nworkers)));
	for (int i = 0; i < pcxt->nworkers_launched; i++)
		shm_mq_set_handle(readers[i], pcxt->worker[i].bgwhandle);

	/* The leader scans too; with no worker started it takes every chunk. */
	scan_registry(rel, shared_chunks, spec, table);

	for (int i = 0; i < pcxt->nworkers_launched; i++)
	{
		Size		nbytes;
		void	   *data;

		while (shm_mq_receive(readers[i], &nbytes, &data, false) == SHM_MQ_SUCCESS)
		{
			int32		len;

			memcpy(&len, data, sizeof(len));
			if (nbytes != message_size + len)
				elog(ERROR, "perf_eval registry scan: message of %zu bytes, expected %zu",
					 nbytes, message_size + len);
			/* Counters follow the key unaligned: copy before adding. */
			memcpy(counters, (char *) data + sizeof(int32) + len,
				   sizeof(int64) * table->counters_per_body);
			merge_body(table, spec, (char *) data + sizeof(int32), len, counters);
		}
	}
	/* Raises a worker's error, if one failed; until then nothing is returned. */
	WaitForParallelWorkersToFinish(pcxt);
	DestroyParallelContext(pcxt);
	ExitParallelMode();
}

#endif							/* PE_REGISTRY_FAST_SCAN */

static DateADT
date_argument(FunctionCallInfo fcinfo, int argno, const char *name, const char *function)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s: %s must not be null", function, name)));
	if (DATE_NOT_FINITE(PG_GETARG_DATEADT(argno)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: %s must be a finite date", function, name)));
	return PG_GETARG_DATEADT(argno);
}

#if PE_REGISTRY_FAST_SCAN

/* The registry read directly (one pass, own workers) into the result set. */
static void
tallies_by_scan(FunctionCallInfo fcinfo, Relation rel, ScanSpec *spec, int requested_workers)
{
	const RegistryDefinition *def = &registries[spec->kind];
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	BodyTable	table;
	TupleDesc	tally_desc;
	BlockChunkDispenser *chunks;
	int			year, month, day;

	if (rel->rd_tableam != GetHeapamTableAmRoutine())
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s reads heap tables only", def->function)));
	j2date(spec->from_day + POSTGRES_EPOCH_JDATE, &year, &month, &day);

	/* Only the blocks that can hold the date range (a year among many, a month). */
	chunks = registry_block_chunks(rel, attnameAttNum(rel, def->columns[0], false),
								   spec->from_day, spec->to_day, GetActiveSnapshot());
	ereport(DEBUG1,
			(errmsg_internal("%s: %u of %u blocks to read", def->function,
							 chunks->nblocks, RelationGetNumberOfBlocks(rel))));
	spec->nworkers = requested_workers >= 0 ? requested_workers : default_workers(rel, chunks->nblocks);
	/* Already inside parallel work (or a standalone backend): scan alone. */
	if (IsInParallelMode() || !IsUnderPostmaster)
		spec->nworkers = 0;

	body_table_init(&table, spec->nmonths * def->ncounters);
	if (spec->nworkers > 0)
		scan_in_parallel(rel, spec, chunks, &table);
	else
		scan_registry(rel, chunks, spec, &table);

	InitMaterializedSRF(fcinfo, 0);
	tally_desc = lookup_rowtype_tupdesc_copy(TupleDescAttr(rsinfo->setDesc, 2)->atttypid, -1);
	tally_desc = BlessTupleDesc(tally_desc);
	if (tally_desc->natts != def->ncounters)
		elog(ERROR, "%s: tally type has %d fields, expected %d", def->function,
			 tally_desc->natts, def->ncounters);
	for (int i = 0; i < table.nentries; i++)
	{
		BodyEntry  *entry = &table.entries[i];

		for (int m = 0; m < spec->nmonths; m++)
		{
			const int64 *counters = entry->counters + m * def->ncounters;
			Datum		tally_values[PE_MAX_COUNTERS];
			bool		tally_nulls[PE_MAX_COUNTERS] = {false};
			Datum		values[3];
			bool		nulls[3] = {false, false, false};
			int			y = year + (month - 1 + m) / MONTHS_PER_YEAR;
			int			mm = (month - 1 + m) % MONTHS_PER_YEAR + 1;

			if (counters[0] == 0)
				continue;		/* no row of this body in this month */
			for (int c = 0; c < def->ncounters; c++)
				tally_values[c] = Int64GetDatum(counters[c]);
			values[0] = PointerGetDatum(cstring_to_text_with_len(entry->key, entry->len));
			values[1] = DateADTGetDatum(date2j(y, mm, 1) - POSTGRES_EPOCH_JDATE);
			values[2] = HeapTupleGetDatum(heap_form_tuple(tally_desc, tally_values, tally_nulls));
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
}

#else							/* !PE_REGISTRY_FAST_SCAN */

/*
 * The aggregate path: the same tallies from service_tally_agg or
 * complaint_tally_agg grouped by body and month, through the executor (and
 * its parallel plans; workers is not used). Every name is qualified.
 */
static void
tallies_by_aggregate(FunctionCallInfo fcinfo, const ScanSpec *spec)
{
	static const char *const queries[] = {
		[REGISTRY_SERVICE_DELIVERY] =
		"SELECT r.body, pg_catalog.date_trunc('month', r.delivered_on::pg_catalog.timestamp)::pg_catalog.date,"
		" perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal, r.incomplete_package,"
		" r.extra_documents, r.electronic, r.quality_appeal_justified)"
		" FROM perf_eval.service_delivery AS r"
		" WHERE r.delivered_on OPERATOR(pg_catalog.>=) $1 AND r.delivered_on OPERATOR(pg_catalog.<) $2"
		" GROUP BY 1, 2",
		[REGISTRY_COMPLAINT_RECORD] =
		"SELECT r.body, pg_catalog.date_trunc('month', r.answered_on::pg_catalog.timestamp)::pg_catalog.date,"
		" perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied,"
		" r.higher_authority_satisfied, r.repeated_satisfied, r.disciplinary_action)"
		" FROM perf_eval.complaint_record AS r"
		" WHERE r.answered_on OPERATOR(pg_catalog.>=) $1 AND r.answered_on OPERATOR(pg_catalog.<) $2"
		" GROUP BY 1, 2"};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			argtypes[2] = {DATEOID, DATEOID};
	Datum		args[2] = {DateADTGetDatum(spec->from_day), DateADTGetDatum(spec->to_day)};
	int			ret;

	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "%s: SPI_connect failed", registries[spec->kind].function);
	ret = SPI_execute_with_args(queries[spec->kind], 2, argtypes, args, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "%s: aggregate query failed: %s", registries[spec->kind].function,
			 SPI_result_code_string(ret));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		values[3];
		bool		nulls[3];

		for (int c = 0; c < 3; c++)
			values[c] = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, c + 1, &nulls[c]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
}

#endif							/* PE_REGISTRY_FAST_SCAN */

/* (from_day date, to_day date, workers integer) -> (body, month, tally) */
static Datum
tallies_by_month(FunctionCallInfo fcinfo, RegistryKind kind)
{
	const RegistryDefinition *def = &registries[kind];
	ScanSpec	spec = {0};
	Relation	rel;
	AclResult	acl;
	int			year, month, day;
	int			requested_workers = PG_ARGISNULL(2) ? -1 : PG_GETARG_INT32(2);

	spec.kind = kind;
	spec.from_day = date_argument(fcinfo, 0, "from_day", def->function);
	spec.to_day = date_argument(fcinfo, 1, "to_day", def->function);
	if (spec.to_day <= spec.from_day || spec.to_day - spec.from_day > MAX_RANGE_DAYS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: to_day must follow from_day by 1 day to 100 years", def->function),
				 errdetail("Rows are counted when from_day <= date < to_day.")));
	if (!PG_ARGISNULL(2) && (requested_workers < 0 || requested_workers > MAX_PARALLEL_WORKER_LIMIT))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: workers must be between 0 and %d, or NULL for the planner's choice",
						def->function, MAX_PARALLEL_WORKER_LIMIT)));
	{
		int			last_year, last_month;

		j2date(spec.to_day - 1 + POSTGRES_EPOCH_JDATE, &last_year, &last_month, &day);
		j2date(spec.from_day + POSTGRES_EPOCH_JDATE, &year, &month, &day);
		spec.nmonths = (last_year - year) * MONTHS_PER_YEAR + (last_month - month) + 1;
	}

	rel = table_openrv(makeRangeVar("perf_eval", (char *) def->table, -1), AccessShareLock);
	spec.relid = RelationGetRelid(rel);
	acl = pg_class_aclcheck(spec.relid, GetUserId(), ACL_SELECT);
	if (acl != ACLCHECK_OK)
		aclcheck_error(acl, OBJECT_TABLE, RelationGetRelationName(rel));
	if (check_enable_rls(spec.relid, InvalidOid, false) == RLS_ENABLED)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s reads perf_eval.%s directly and cannot apply its row-level security",
						def->function, def->table),
				 errhint("Aggregate with %s_agg in a query instead.",
						 kind == REGISTRY_SERVICE_DELIVERY ? "service_tally" : "complaint_tally")));

#if PE_REGISTRY_FAST_SCAN
	tallies_by_scan(fcinfo, rel, &spec, requested_workers);
#else
	(void) requested_workers;
	tallies_by_aggregate(fcinfo, &spec);
#endif
	table_close(rel, AccessShareLock);
	return (Datum) 0;
}

Datum
pe_service_tallies_by_month(PG_FUNCTION_ARGS)
{
	return tallies_by_month(fcinfo, REGISTRY_SERVICE_DELIVERY);
}

Datum
pe_complaint_tallies_by_month(PG_FUNCTION_ARGS)
{
	return tallies_by_month(fcinfo, REGISTRY_COMPLAINT_RECORD);
}
