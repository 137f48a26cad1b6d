-- =========================================================================
-- Section: complaint-handling coefficients R1-R4 (METHODOLOGY §4.4; src/complaints.c)
-- =========================================================================

CREATE FUNCTION perf_eval.complaint_timeliness_score(
    late bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_timeliness_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_timeliness_score(bigint, bigint, numeric, numeric, text, text) IS
'R1 = k*(p - S*f)/p, compliance with the terms of consideration: S = 1000, k = 40 (kz2020, APA 2020 report §2.5); S = 100 (kz2017, APA 2020 report §2.2, Table 2.3)';

CREATE FUNCTION perf_eval.complaint_court_score(
    court_satisfied bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_court_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_court_score(bigint, bigint, numeric, numeric, text, text) IS
'R2 = k*(p - S*a)/p, complaints recognised justified by a court: S = 10000, k = 30 (kz2020, APA 2020 report §2.5)';

CREATE FUNCTION perf_eval.complaint_repeat_score(
    repeated_satisfied bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_repeat_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_repeat_score(bigint, bigint, numeric, numeric, text, text) IS
'R3 = k*(m - S*n)/m, repeated justified complaints: S = 100, k = 20 (APA 2020 report §2.5)';

CREATE FUNCTION perf_eval.complaint_court_score_tiered(
    court_satisfied bigint, higher_authority_satisfied bigint, considered bigint, k numeric, tiers text,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_court_score_tiered'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_court_score_tiered(bigint, bigint, bigint, numeric, text, text, text) IS
'R2 (kz2017) = k*(b - S(b)*(a + c))/b with volume tiers S(b) as bands on b; a null tier is not assessable (APA 2020 report §2.2, Table 2.3)';

CREATE FUNCTION perf_eval.complaint_internal_control_points(
    late_disciplined bigint, late bigint, bands text,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_internal_control_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_internal_control_points(bigint, bigint, text, text, text) IS
'R4 = bands(100*d/f), internal control: share of late complaints followed by disciplinary action (APA 2020 report §2.5)';
