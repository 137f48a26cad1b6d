/*
 * argument_checks.h: the checks of kernel arguments, one function and one
 * wording per rule (METHODOLOGY §0.7): finiteness (22023), the domain of a
 * value (22003), a part within its whole (22023). Every error names the
 * argument and its value in the detail, and in the hint what to pass and the
 * methodology clause.
 */
#ifndef PE_ARGUMENT_CHECKS_H
#define PE_ARGUMENT_CHECKS_H

#include "postgres.h"
#include "utils/array.h"
#include "utils/numeric.h"

/* Where a check is made: what its hints cite. */
typedef struct PeCheckSite
{
	const char *clause;			/* the methodology clause, e.g. "R1, APA 2020 report §2.5" */
	const char *input_rules;	/* the section of the input rules ("docs/methodology.md §4.5"), or NULL */

	/*
	 * Wordings that released kernels use and tests fix; a new site leaves
	 * them false.
	 */
	bool		clause_first;	/* hint "<clause>: <rule> (<input_rules>)." (complaint and goal kernels) */
	bool		counts_named;	/* "late count must not exceed considered count" (complaint and service volumes) */
	bool		detail_is;		/* detail "x is 5." rather than "x = 5." (service and openness kernels) */
} PeCheckSite;

/* NaN and +-Infinity: 22023. */
extern void pe_check_finite(Numeric value, const char *argument);

/*
 * A finite value >= 0 (22003). Without a site: a point or parameter of the
 * general rule of docs/methodology.md §0.7.
 */
extern void pe_check_nonnegative(Numeric value, const char *argument, const PeCheckSite *site);

/* Points: finite and >= 0, as pe_check_nonnegative; a clause_first site says "x is points". */
extern void pe_check_points(Numeric value, const char *argument, const PeCheckSite *site);

/* A finite value > 0: a maximum, divisor, rate base or scale factor (22003). */
extern void pe_check_positive(Numeric value, const char *argument, const PeCheckSite *site);

/* A finite value within [low, high]: a percentage, a fraction (22003). */
extern void pe_check_between(Numeric value, int64 low, int64 high, const char *argument,
							 const PeCheckSite *site);

/* A count >= 0 (22003). */
extern void pe_check_count(int64 value, const char *argument, const PeCheckSite *site);

/* part <= whole (22023): a part cannot exceed its whole. */
extern void pe_check_part_of_whole(int64 part, int64 whole, const char *part_name,
								   const char *whole_name, const PeCheckSite *site);

/* An integer score within [0, maximum], the maximum set by the methodology version (22003). */
extern void pe_check_score(int32 score, Numeric maximum, const char *argument, const PeCheckSite *site);

/* A ratio term num/den of the methodology (3/4, 2/3): num >= 0, den > 0 (22003), num <= den (22023). */
extern void pe_check_ratio(int32 num, int32 den, const char *argument, const PeCheckSite *site);

/*
 * The elements of a one-dimensional array argument (22023 for more
 * dimensions or a NULL element). The caller words the element NULL as its
 * released messages do ("NULL" or "null") and gives both hints in full.
 */
extern int	pe_array_elements(ArrayType *array, Oid element_type, const char *argument, const char *null_word,
							  const char *dimensions_hint, const char *null_hint, Datum **values);

#endif							/* PE_ARGUMENT_CHECKS_H */
