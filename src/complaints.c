/*
 * complaints.c: the complaint-handling coefficients R1-R4 (METHODOLOGY §4.4).
 *
 * Each kernel takes its methodology constants (k, the per-volume scale
 * factor, tiers or bands, the policies) as explicit arguments; the
 * methodology layer (perf_eval.complaint_scores) reads them from the version.
 * Raw values are unbounded below (R1 = -39 960 at f = p); the clamp and
 * zero-volume policies of §0.6 decide what a rating uses.
 *
 * Checks run in the order of §0.7: policy names, then the domain of each
 * value, then consistency between values.
 */
#include "argument_checks.h"
#include "numeric_ops.h"
#include "policies.h"
#include "scale_bands.h"

#include "fmgr.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(pe_complaint_timeliness_score);
PG_FUNCTION_INFO_V1(pe_complaint_court_score);
PG_FUNCTION_INFO_V1(pe_complaint_repeat_score);
PG_FUNCTION_INFO_V1(pe_complaint_court_score_tiered);
PG_FUNCTION_INFO_V1(pe_complaint_internal_control_points);

/* R4 bands are written on the share in percent: 100 * d / f (§4.4). */
#define PERCENT 100

/* Where the complaint kernels check their arguments: the clause is the coefficient (R1-R4). */
#define COMPLAINT_SITE(where) \
	(&(const PeCheckSite) {.clause = (where), .input_rules = "docs/methodology.md §4.5", .clause_first = true, .counts_named = true})

/* Which formula a per-volume kernel is, for its messages. */
typedef struct PerVolumeFormula
{
	const char *part;			/* argument name of the counted part */
	const char *whole;			/* argument name of the volume */
	const char *clause;			/* methodology symbol and seed line */
} PerVolumeFormula;

/* The node value when the volume is below the formula's domain (§0.6). */
static Datum
zero_volume_result(FunctionCallInfo fcinfo, PeZeroVolumePolicy policy, Numeric maximum)
{
	if (policy == PE_ZERO_VOLUME_FULL_POINTS)
		PG_RETURN_NUMERIC(maximum);
	PG_RETURN_NULL();
}

/*
 * k * (whole - scale * part) / whole: the shape of R1, R2 (kz2020) and R3,
 * arranged with one final division (§0.1).
 */
static Datum
per_volume_score(FunctionCallInfo fcinfo, const PerVolumeFormula *formula)
{
	int64		part = PG_GETARG_INT64(0);
	int64		whole = PG_GETARG_INT64(1);
	Numeric		k = PG_GETARG_NUMERIC(2);
	Numeric		scale_factor = PG_GETARG_NUMERIC(3);
	PeClampPolicy clamp = pe_clamp_policy_arg(fcinfo, 4, formula->clause);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 5, formula->clause);
	Numeric		numerator;
	Numeric		raw;

	pe_check_finite(k, "k");
	pe_check_finite(scale_factor, "scale_factor");
	pe_check_count(part, formula->part, COMPLAINT_SITE(formula->clause));
	pe_check_count(whole, formula->whole, COMPLAINT_SITE(formula->clause));
	pe_check_nonnegative(k, "k", NULL);
	pe_check_positive(scale_factor, "scale_factor", COMPLAINT_SITE(formula->clause));
	pe_check_part_of_whole(part, whole, formula->part, formula->whole, COMPLAINT_SITE(formula->clause));

	if (whole == 0)
		return zero_volume_result(fcinfo, zero_volume, k);

	numerator = pe_num_mul(k, pe_num_sub(pe_num_int64(whole),
										 pe_num_mul(scale_factor, pe_num_int64(part))));
	raw = pe_num_quotient(numerator, pe_num_int64(whole));
	PG_RETURN_NUMERIC(pe_apply_clamp(raw, k, clamp));
}

/* An exported per-volume kernel: per_volume_score with its part, volume and clause. */
#define PER_VOLUME_KERNEL(function, part, whole, clause) \
	Datum \
	function(PG_FUNCTION_ARGS) \
	{ \
		static const PerVolumeFormula formula = {(part), (whole), (clause)}; \
		return per_volume_score(fcinfo, &formula); \
	}

/* R1 = k (p - S f) / p; S = 1000 (kz2020, seed 000 line 2035) or 100 (kz2017, line 1341). */
PER_VOLUME_KERNEL(pe_complaint_timeliness_score, "late", "considered", "R1, APA 2020 report §2.5")

/* R2 (kz2020) = k (p - S a) / p, S = 10000 (seed 000 line 2051). */
PER_VOLUME_KERNEL(pe_complaint_court_score, "court_satisfied", "considered", "R2, APA 2020 report §2.5")

/* R3 = k (m - S n) / m, S = 100 (seed 000 line 2067). */
PER_VOLUME_KERNEL(pe_complaint_repeat_score, "repeated_satisfied", "considered", "R3, APA 2020 report §2.5")

/*
 * R2 (kz2017) = k (b - S(b) (a + c)) / b with the volume tiers S(b) given as
 * bands on b (seed 000 lines 1343-1345); a tier value of null means the
 * volume is below the formula's domain (b < 10, §8 E8).
 */
Datum
pe_complaint_court_score_tiered(PG_FUNCTION_ARGS)
{
	static const char *clause = "R2 (kz2017), APA 2020 report §2.2, Table 2.3";
	int64		court = PG_GETARG_INT64(0);
	int64		higher = PG_GETARG_INT64(1);
	int64		considered = PG_GETARG_INT64(2);
	Numeric		k = PG_GETARG_NUMERIC(3);
	char	   *tiers_text = text_to_cstring(PG_GETARG_TEXT_PP(4));
	PeClampPolicy clamp = pe_clamp_policy_arg(fcinfo, 5, clause);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 6, clause);
	PeBands		tiers;
	Numeric		scale_factor;
	Numeric		numerator;

	pe_bands_from_cstring(tiers_text, "tiers", &tiers);
	pe_check_finite(k, "k");
	pe_check_count(court, "court_satisfied", COMPLAINT_SITE(clause));
	pe_check_count(higher, "higher_authority_satisfied", COMPLAINT_SITE(clause));
	pe_check_count(considered, "considered", COMPLAINT_SITE(clause));
	pe_check_nonnegative(k, "k", NULL);
	/* a + c <= b without overflowing int64 */
	if (court > considered || higher > considered - court)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("court_satisfied plus higher_authority_satisfied count must not exceed considered count"),
				 errdetail("court_satisfied = " INT64_FORMAT ", higher_authority_satisfied = " INT64_FORMAT ", considered = " INT64_FORMAT ".",
						   court, higher, considered),
				 errhint("%s: a + c <= b (docs/methodology.md §4.5).", clause)));

	scale_factor = pe_bands_rule_number(&tiers,
										pe_bands_match(&tiers, pe_num_int64(considered), pe_num_int64(1)),
										"tiers");
	if (scale_factor == NULL || considered == 0)
		return zero_volume_result(fcinfo, zero_volume, k);

	numerator = pe_num_mul(k, pe_num_sub(pe_num_int64(considered),
										 pe_num_mul(scale_factor, pe_num_int64(court + higher))));
	PG_RETURN_NUMERIC(pe_apply_clamp(pe_num_quotient(numerator, pe_num_int64(considered)),
									 k, clamp));
}

/*
 * R4 = bands(100 d / f): points for the share of late complaints followed by
 * disciplinary action (seed 000 lines 2099-2105, read as half-open bands,
 * §8 E7). The share is compared as an exact rational, never rounded.
 */
Datum
pe_complaint_internal_control_points(PG_FUNCTION_ARGS)
{
	static const char *clause = "R4, APA 2020 report §2.5";
	int64		disciplined = PG_GETARG_INT64(0);
	int64		late = PG_GETARG_INT64(1);
	char	   *bands_text = text_to_cstring(PG_GETARG_TEXT_PP(2));
	PeClampPolicy clamp = pe_clamp_policy_arg(fcinfo, 3, clause);
	PeZeroVolumePolicy zero_volume = pe_zero_volume_policy_arg(fcinfo, 4, clause);
	PeBands		bands;
	Numeric		maximum;
	Numeric		points;

	pe_bands_from_cstring(bands_text, "bands", &bands);
	maximum = pe_bands_max_number(&bands, "bands");
	pe_check_count(disciplined, "late_disciplined", COMPLAINT_SITE(clause));
	pe_check_count(late, "late", COMPLAINT_SITE(clause));
	pe_check_part_of_whole(disciplined, late, "late_disciplined", "late", COMPLAINT_SITE(clause));

	if (late == 0)
		return zero_volume_result(fcinfo, zero_volume, maximum);

	points = pe_bands_rule_number(&bands,
								  pe_bands_match(&bands,
												 pe_num_mul(pe_num_int64(PERCENT), pe_num_int64(disciplined)),
												 pe_num_int64(late)),
								  "bands");
	if (points == NULL)
		return zero_volume_result(fcinfo, zero_volume, maximum);
	PG_RETURN_NUMERIC(pe_apply_clamp(points, maximum, clamp));
}
