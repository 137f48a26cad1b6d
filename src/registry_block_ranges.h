/*
 * registry_block_ranges.h: which blocks of a registry can hold the rows of a
 * date range, and a dispenser that hands them out to the participants of a
 * scan (src/registry_block_ranges.c).
 */
#ifndef PE_REGISTRY_BLOCK_RANGES_H
#define PE_REGISTRY_BLOCK_RANGES_H

#include "postgres.h"

#include "port/atomics.h"
#include "storage/block.h"
#include "utils/date.h"
#include "utils/relcache.h"
#include "utils/snapshot.h"

/* Consecutive blocks a participant scans at a time. */
typedef struct BlockChunk
{
	BlockNumber start;
	BlockNumber nblocks;
} BlockChunk;

/*
 * The chunks of one scan, taken in turn by its participants (leader and
 * workers) through next; lives in the parallel DSM when there are workers.
 */
typedef struct BlockChunkDispenser
{
	pg_atomic_uint32 next;
	uint32		nchunks;
	BlockNumber nblocks;		/* blocks in all chunks */
	bool		pruned;			/* an index excluded some of the table's blocks */
	BlockChunk	chunks[FLEXIBLE_ARRAY_MEMBER];
} BlockChunkDispenser;

#define BlockChunkDispenserSize(nchunks) \
	(offsetof(BlockChunkDispenser, chunks) + sizeof(BlockChunk) * (nchunks))

/*
 * The blocks of rel that may hold a row with from_day <= date < to_day of
 * its column date_attnum, as chunks (palloc'd in the current context).
 */
extern BlockChunkDispenser *registry_block_chunks(Relation rel, AttrNumber date_attnum,
												  DateADT from_day, DateADT to_day,
												  Snapshot snapshot);

/* The next chunk for this participant; false when none is left. */
static inline bool
block_chunk_next(BlockChunkDispenser *dispenser, BlockChunk *chunk)
{
	uint32		i = pg_atomic_fetch_add_u32(&dispenser->next, 1);

	if (i >= dispenser->nchunks)
		return false;
	*chunk = dispenser->chunks[i];
	return true;
}

#endif							/* PE_REGISTRY_BLOCK_RANGES_H */
