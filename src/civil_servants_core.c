/*
 * civil_servants_core.c: integer rules of the civil-servant assessment
 * (METHODOLOGY §6); see civil_servants_core.h.
 */
#include "civil_servants_core.h"

#include <string.h>

typedef struct NamedRank
{
	const char *name;
	int			rank;
} NamedRank;

/*
 * Seed 000 line 4466 spells "organizational"; METHODOLOGY §6.2 writes
 * "organisational". Both name the same type of work.
 */
static const NamedRank work_types[] = {
	{"technical", 0},
	{"organizational", 1},
	{"organisational", 1},
	{"analytical", 2},
};

static const NamedRank work_modes[] = {
	{"normal", 1},
	{"urgent", 2},
};

static int
rank_of(const char *name, const NamedRank *table, size_t n)
{
	if (name == NULL)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, table[i].name) == 0)
			return table[i].rank;
	return -1;
}

int
pe_cs_work_type_rank(const char *name)
{
	return rank_of(name, work_types, sizeof(work_types) / sizeof(work_types[0]));
}

int
pe_cs_work_mode_rank(const char *name)
{
	return rank_of(name, work_modes, sizeof(work_modes) / sizeof(work_modes[0]));
}

int
pe_cs_difficulty_level(int type_rank, int mode_rank)
{
	return 2 * type_rank + mode_rank;
}

/*
 * The callers pass values that fit in int32 (counts of indicators and
 * members, ratio terms), so the int64 cross-products cannot overflow.
 */
bool
pe_cs_competency_meets(int64_t manifested, int64_t defined, int64_t ratio_num, int64_t ratio_den)
{
	return ratio_den * manifested >= ratio_num * defined;
}

bool
pe_cs_quorate(int64_t members, int64_t present, int64_t quorum_num, int64_t quorum_den)
{
	return quorum_den * present >= quorum_num * members;
}

bool
pe_cs_motion_adopted(int64_t yes, int64_t no, bool chair_in_favour)
{
	if (yes != no)
		return yes > no;
	return chair_in_favour;
}
