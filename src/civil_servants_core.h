/*
 * civil_servants_core.h: the integer rules of the civil-servant assessment
 * (METHODOLOGY §6), in plain C99 without postgres.h so they can be
 * unit-tested and fuzzed like the rest of the core (pe_core.h).
 *
 * Every rule is a comparison of integer cross-products, never a division,
 * so 3/4 of 4 indicators is exactly 3 and 2/3 of 5 members is 10/3.
 */
#ifndef PE_CIVIL_SERVANTS_CORE_H
#define PE_CIVIL_SERVANTS_CORE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Difficulty level of a KPI, d = 2 * type_rank + mode_rank (seed 000 line
 * 4466): technical 0, organizational 1, analytical 2; normal 1, urgent 2.
 * This is the seed's classification of work, not a tunable constant: the
 * difficulty factor 1 + d / divisor takes its divisor from the methodology.
 */
#define PE_CS_DIFFICULTY_MIN 1
#define PE_CS_DIFFICULTY_MAX 6

/* Rank of a work type or mode name; -1 if unknown. */
extern int	pe_cs_work_type_rank(const char *name);
extern int	pe_cs_work_mode_rank(const char *name);

/* d from the ranks (both known). */
extern int	pe_cs_difficulty_level(int type_rank, int mode_rank);

/*
 * A competency is met when the manifested share reaches num/den of the
 * behavioural indicators defined: den * k >= num * n (seed 000 lines
 * 3860-3864; 3/4 gives "n = 4 needs 3, n = 3 needs all 3"). Arguments are
 * already checked: k, n, num >= 0, den > 0.
 */
extern bool pe_cs_competency_meets(int64_t manifested, int64_t defined,
								   int64_t ratio_num, int64_t ratio_den);

/*
 * A commission meeting is quorate when present / members >= num / den,
 * i.e. den * present >= num * members (seed 000 line 5345: two thirds).
 */
extern bool pe_cs_quorate(int64_t members, int64_t present, int64_t quorum_num, int64_t quorum_den);

/*
 * An open vote: more yes than no adopts, more no than yes rejects, and on a
 * tie the chair's vote decides (seed 000 lines 5349-5353). True = adopted.
 */
extern bool pe_cs_motion_adopted(int64_t yes, int64_t no, bool chair_in_favour);

#endif							/* PE_CIVIL_SERVANTS_CORE_H */
