/*
 * registry_block_ranges.c: the blocks of a registry that can hold the rows of
 * a date range (METHODOLOGY §7.2).
 *
 * Registries keep every year, appended roughly in date order, and carry a
 * block-range (BRIN) index on the date a row is counted by. A year's scan,
 * or a changed month's, asks that index which block ranges may hold its
 * dates and reads only those: the cost of a year does not grow with the
 * years kept beside it, and a month costs about its share of the year.
 * Without such an index (dropped by an operator) every block is read, and
 * the date test of each row (registry_scan.c) still decides what counts, so
 * pruning only ever skips blocks whose summaries exclude the range.
 * Ranges not yet summarised are always read (BRIN reports them as matching).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/relscan.h"
#include "access/stratnum.h"
#include "catalog/pg_am.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "nodes/tidbitmap.h"
#include "storage/bufmgr.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

#include "registry_block_ranges.h"

/*
 * Blocks per chunk: large enough that a participant's setup per chunk is
 * negligible (8 MB of heap), small enough that the participants of a
 * national scan (about 1.4 M blocks a year) share the work evenly.
 */
#define CHUNK_BLOCKS 1024

/*
 * A valid BRIN index without predicate whose first column is the date and
 * whose operator family orders dates (minmax, minmax-multi; not bloom).
 */
static Oid
date_block_range_index(Relation rel, AttrNumber date_attnum)
{
	List	   *indexes = RelationGetIndexList(rel);
	ListCell   *lc;
	Oid			found = InvalidOid;

	foreach(lc, indexes)
	{
		Relation	index = index_open(lfirst_oid(lc), AccessShareLock);
		Oid			opfamily = index->rd_opfamily[0];

		if (index->rd_rel->relam == BRIN_AM_OID &&
			index->rd_index->indisvalid &&
			index->rd_index->indkey.values[0] == date_attnum &&
			heap_attisnull(index->rd_indextuple, Anum_pg_index_indpred, NULL) &&
			OidIsValid(get_opfamily_member(opfamily, DATEOID, DATEOID, BTGreaterEqualStrategyNumber)) &&
			OidIsValid(get_opfamily_member(opfamily, DATEOID, DATEOID, BTLessStrategyNumber)))
			found = RelationGetRelid(index);
		index_close(index, AccessShareLock);
		if (OidIsValid(found))
			break;
	}
	list_free(indexes);
	return found;
}

/* Append block to the chunks, extending the last chunk when it follows it. */
static BlockChunkDispenser *
add_block(BlockChunkDispenser *d, uint32 *capacity, BlockNumber block)
{
	if (d->nchunks > 0)
	{
		BlockChunk *last = &d->chunks[d->nchunks - 1];

		if (last->start + last->nblocks == block && last->nblocks < CHUNK_BLOCKS)
		{
			last->nblocks++;
			d->nblocks++;
			return d;
		}
	}
	if (d->nchunks == *capacity)
	{
		*capacity *= 2;
		d = repalloc(d, BlockChunkDispenserSize(*capacity));
	}
	d->chunks[d->nchunks].start = block;
	d->chunks[d->nchunks].nblocks = 1;
	d->nchunks++;
	d->nblocks++;
	return d;
}

BlockChunkDispenser *
registry_block_chunks(Relation rel, AttrNumber date_attnum, DateADT from_day, DateADT to_day,
					  Snapshot snapshot)
{
	BlockNumber table_blocks = RelationGetNumberOfBlocks(rel);
	uint32		capacity = 64;
	BlockChunkDispenser *d = palloc0(BlockChunkDispenserSize(capacity));
	Oid			indexoid = date_block_range_index(rel, date_attnum);

	if (OidIsValid(indexoid))
	{
		Relation	index = index_open(indexoid, AccessShareLock);
		ScanKeyData keys[2];
		IndexScanDesc scan;
		TIDBitmap  *bitmap = tbm_create(work_mem * 1024L, NULL);
		TBMIterator *pages;
		TBMIterateResult *page;

		/* sk_subtype names the right-hand type, as the planner's keys do. */
		ScanKeyEntryInitialize(&keys[0], 0, 1, BTGreaterEqualStrategyNumber, DATEOID,
							   InvalidOid, F_DATE_GE, DateADTGetDatum(from_day));
		ScanKeyEntryInitialize(&keys[1], 0, 1, BTLessStrategyNumber, DATEOID,
							   InvalidOid, F_DATE_LT, DateADTGetDatum(to_day));
		scan = index_beginscan_bitmap(index, snapshot, 2);
		index_rescan(scan, keys, 2, NULL, 0);
		index_getbitmap(scan, bitmap);
		index_endscan(scan);
		index_close(index, AccessShareLock);

		/* Pages come in block order (lossy pages: BRIN marks whole ranges). */
		pages = tbm_begin_iterate(bitmap);
		while ((page = tbm_iterate(pages)) != NULL)
		{
			CHECK_FOR_INTERRUPTS();
			if (page->blockno < table_blocks)
				d = add_block(d, &capacity, page->blockno);
		}
		tbm_end_iterate(pages);
		tbm_free(bitmap);
		d->pruned = d->nblocks < table_blocks;
	}
	else
	{
		for (BlockNumber start = 0; start < table_blocks; start += CHUNK_BLOCKS)
		{
			if (d->nchunks == capacity)
			{
				capacity *= 2;
				d = repalloc(d, BlockChunkDispenserSize(capacity));
			}
			d->chunks[d->nchunks].start = start;
			d->chunks[d->nchunks].nblocks = Min(CHUNK_BLOCKS, table_blocks - start);
			d->nchunks++;
		}
		d->nblocks = table_blocks;
		d->pruned = false;
	}
	pg_atomic_init_u32(&d->next, 0);
	return d;
}
