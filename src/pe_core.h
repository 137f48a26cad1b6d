/*
 * pe_core.h: the pure-C core of perf_eval (no postgres.h).
 *
 * Everything here is plain C99 so it can be unit-tested and fuzzed under
 * AddressSanitizer and UndefinedBehaviorSanitizer without a server
 * (test/unit). The PostgreSQL-facing files turn these results into numeric
 * values and ereport()s.
 */
#ifndef PE_CORE_H
#define PE_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------------
 * Decimal literals (decimal_text.c)
 *
 * Definitions of scales and bands (METHODOLOGY §0.8) are text written by
 * methodology editors. Their numbers are kept as validated decimal literals
 * and compared exactly, digit by digit, so validation never goes through a
 * binary float.
 * ------------------------------------------------------------------- */
#define PE_DECIMAL_MAX_LEN 40

typedef struct PeDecimal
{
	char		text[PE_DECIMAL_MAX_LEN + 1];	/* canonical: [-]digits[.digits] */
} PeDecimal;

/* Parses s[0..len) as [+-]digits[.digits] or [+-].digits; false if malformed or too long. */
extern bool pe_decimal_parse(const char *s, size_t len, PeDecimal *out);

/* <0, 0, >0 as a is less than, equal to or greater than b (exact). */
extern int	pe_decimal_compare(const PeDecimal *a, const PeDecimal *b);

/* ---------------------------------------------------------------------
 * Scale and bands definitions (definitions.c), METHODOLOGY §0.8
 * ------------------------------------------------------------------- */
#define PE_DEFINITION_MAX_ITEMS 32
#define PE_LABEL_MAX_LEN 32
#define PE_ERROR_MAX_LEN 160

typedef struct PeScale
{
	int			n;				/* number of breakpoints, >= 2 */
	PeDecimal	x[PE_DEFINITION_MAX_ITEMS];	/* strictly increasing */
	PeDecimal	y[PE_DEFINITION_MAX_ITEMS];
} PeScale;

typedef enum PeBandOp
{
	PE_BAND_LT,
	PE_BAND_LE,
	PE_BAND_GT,
	PE_BAND_GE,
	PE_BAND_EQ,
	PE_BAND_ELSE
} PeBandOp;

typedef enum PeBandValueKind
{
	PE_BAND_VALUE_NUMBER,
	PE_BAND_VALUE_LABEL,
	PE_BAND_VALUE_NULL
} PeBandValueKind;

typedef struct PeBandRule
{
	PeBandOp	op;
	PeDecimal	bound;			/* unused for PE_BAND_ELSE */
	PeBandValueKind kind;
	PeDecimal	number;			/* kind == NUMBER */
	char		label[PE_LABEL_MAX_LEN + 1];	/* kind == LABEL */
} PeBandRule;

typedef struct PeBands
{
	int			n;				/* rules including the final else */
	PeBandRule	rule[PE_DEFINITION_MAX_ITEMS];
} PeBands;

/*
 * Parse and validate a definition. On failure return false and write a
 * lower-case message without a final period into err (errlen bytes).
 */
extern bool pe_scale_parse(const char *text, PeScale *out, char *err, size_t errlen);
extern bool pe_bands_parse(const char *text, PeBands *out, char *err, size_t errlen);

/* Index of the rule with the largest numeric value, or -1 if none is numeric. */
extern int	pe_bands_max_number_rule(const PeBands *bands);

/* ---------------------------------------------------------------------
 * Policies (policies_core.c), METHODOLOGY §0.6
 * ------------------------------------------------------------------- */
typedef enum PeClampPolicy
{
	PE_CLAMP_NONE,
	PE_CLAMP_FLOOR0,
	PE_CLAMP_FLOOR0_CAPK
} PeClampPolicy;

typedef enum PeZeroVolumePolicy
{
	PE_ZERO_VOLUME_NULL,
	PE_ZERO_VOLUME_FULL_POINTS
} PeZeroVolumePolicy;

extern bool pe_clamp_policy_parse(const char *name, PeClampPolicy *out);
extern bool pe_zero_volume_policy_parse(const char *name, PeZeroVolumePolicy *out);

/* ---------------------------------------------------------------------
 * Exact counters (counters.c), METHODOLOGY §7.2
 *
 * A tally is a fixed array of non-negative int64 counters. Merging is
 * addition, so serial, parallel and distributed results are identical.
 * ------------------------------------------------------------------- */
#define PE_MAX_COUNTERS 8

/* into[i] += from[i]; false (into unchanged) if any sum would overflow. */
extern bool pe_counters_merge(int64_t *into, const int64_t *from, int n);

/* n counters as 8-byte big-endian integers: exactly 8*n bytes. */
extern void pe_counters_encode(const int64_t *counters, int n, unsigned char *out);

/* Decode 8*n bytes; false if len is wrong or any counter is negative. */
extern bool pe_counters_decode(const unsigned char *in, size_t len, int64_t *counters, int n);

/* The complaint tally, in the order of perf_eval.complaint_tally (§7.1). */
typedef enum PeComplaintCounter
{
	PE_COMPLAINT_CONSIDERED,
	PE_COMPLAINT_LATE,
	PE_COMPLAINT_COURT_SATISFIED,
	PE_COMPLAINT_HIGHER_AUTHORITY_SATISFIED,
	PE_COMPLAINT_REPEATED_SATISFIED,
	PE_COMPLAINT_LATE_DISCIPLINED,
	PE_COMPLAINT_NCOUNTERS
} PeComplaintCounter;

/*
 * Count one complaint record: branch-free additions of the flags, with
 * late_disciplined counted only for rows both late and disciplined (so
 * d <= f by construction). False if the considered counter is full.
 */
static inline bool
pe_complaint_count_row(int64_t *tally, bool late, bool court_satisfied,
					   bool higher_authority_satisfied, bool repeated_satisfied,
					   bool disciplinary_action)
{
	/* Every other counter is <= considered, so checking it covers them all. */
	if (tally[PE_COMPLAINT_CONSIDERED] == INT64_MAX)
		return false;
	tally[PE_COMPLAINT_CONSIDERED] += 1;
	tally[PE_COMPLAINT_LATE] += late;
	tally[PE_COMPLAINT_COURT_SATISFIED] += court_satisfied;
	tally[PE_COMPLAINT_HIGHER_AUTHORITY_SATISFIED] += higher_authority_satisfied;
	tally[PE_COMPLAINT_REPEATED_SATISFIED] += repeated_satisfied;
	tally[PE_COMPLAINT_LATE_DISCIPLINED] += (late & disciplinary_action);
	return true;
}

/*
 * Check the invariants of a complaint tally that came from outside (text
 * input of the partial-state type): every part <= considered and
 * late_disciplined <= late. Returns the index of the first offending
 * counter, or -1 if consistent. Negative counters are reported as well.
 */
extern int	pe_complaint_tally_inconsistency(const int64_t *tally);


/* The service tally, in the order of perf_eval.service_tally (§7.1). */
typedef enum PeServiceCounter
{
	PE_SERVICE_DELIVERIES,
	PE_SERVICE_DEADLINE_VIOLATIONS,
	PE_SERVICE_UNREASONABLE_REFUSALS,
	PE_SERVICE_INCOMPLETE_PACKAGE,
	PE_SERVICE_EXTRA_DOCUMENTS,
	PE_SERVICE_ELECTRONIC,
	PE_SERVICE_QUALITY_APPEALS_JUSTIFIED,
	PE_SERVICE_NCOUNTERS
} PeServiceCounter;

/*
 * Count one public-service delivery: each row adds 1 to deliveries and each
 * flag adds itself to its counter, without branches (the registry scan of
 * §7 calls this once per row, hence inline). False (tally unchanged) if
 * deliveries is full.
 */
static inline bool
pe_service_count_row(int64_t *tally, bool deadline_violated, bool unreasonable_refusal,
					 bool incomplete_package, bool extra_documents, bool electronic,
					 bool quality_appeal_justified)
{
	/* Every other counter is <= deliveries, so checking it covers them all. */
	if (tally[PE_SERVICE_DELIVERIES] == INT64_MAX)
		return false;
	tally[PE_SERVICE_DELIVERIES] += 1;
	tally[PE_SERVICE_DEADLINE_VIOLATIONS] += deadline_violated;
	tally[PE_SERVICE_UNREASONABLE_REFUSALS] += unreasonable_refusal;
	tally[PE_SERVICE_INCOMPLETE_PACKAGE] += incomplete_package;
	tally[PE_SERVICE_EXTRA_DOCUMENTS] += extra_documents;
	tally[PE_SERVICE_ELECTRONIC] += electronic;
	tally[PE_SERVICE_QUALITY_APPEALS_JUSTIFIED] += quality_appeal_justified;
	return true;
}

/*
 * Check the invariants of a service tally that came from outside: no
 * negative counter and every part <= deliveries (§4.5). Returns the index of
 * the first offending counter, or -1 if consistent.
 */
extern int	pe_service_tally_inconsistency(const int64_t *tally);


/* The indicator tally, in the order of perf_eval.indicator_tally (§3.1, §7.1). */
typedef enum PeIndicatorCounter
{
	PE_INDICATOR_INDICATORS,
	PE_INDICATOR_ACHIEVED,
	PE_INDICATOR_PARTIAL,
	PE_INDICATOR_NOT_ACHIEVED,
	PE_INDICATOR_NOT_COUNTED,
	PE_INDICATOR_OVERFULFILLED,
	PE_INDICATOR_PLAN_LOWERED,
	PE_INDICATOR_NO_DYNAMICS,
	PE_INDICATOR_NCOUNTERS
} PeIndicatorCounter;

/*
 * Check the invariants of an indicator tally that came from outside: no
 * negative counter, the four statuses add up to indicators and every flag
 * <= indicators (§3.1 step 5). Returns the index of the first offending
 * counter (PE_INDICATOR_INDICATORS when the statuses do not add up), or -1.
 */
extern int	pe_indicator_tally_inconsistency(const int64_t *tally);

#endif							/* PE_CORE_H */
