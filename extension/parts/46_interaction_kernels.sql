-- =========================================================================
-- Section: public-services and openness criteria (METHODOLOGY §4.2, §4.3;
-- src/interaction.c)
--
-- Raw kernels: every constant is an argument (the methodology-bound layer in
-- 61_interaction_block.sql reads them from the version). Rates are
-- rate_base * count / deliveries (rate_base = 100 000, services.rate_base),
-- exact rationals. zero_volume ('null' | 'full_points', default 'null')
-- decides an indicator whose volume is 0 (§0.6).
-- =========================================================================

CREATE FUNCTION perf_eval.service_rate_points(
    count bigint, deliveries bigint, pts numeric, scale text, rate_base numeric,
    zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_rate_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_rate_points(bigint, bigint, numeric, text, numeric, text) IS
'One rate-based service indicator: pts*scale(rate_base*count/deliveries), e.g. P2, T1-T4 (APA 2020 report §2.2, Table 2.2) and the apa one-time acceptance (APA 2020 report, chapter 2 recommendations); deliveries = 0 follows zero_volume';

CREATE FUNCTION perf_eval.service_satisfaction_points(
    satisfaction_percent numeric, quality_appeals_justified bigint, deliveries bigint,
    pts_satisfaction numeric, pts_appeal numeric, satisfaction_scale text, appeal_scale text,
    rate_base numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_satisfaction_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_satisfaction_points(numeric, bigint, bigint, numeric, numeric, text, text, numeric, text) IS
'K1/M1 = P1 + P2 (APA 2020 report §2.2, Table 2.2) and the apa direction S (APA 2020 report, chapter 2 recommendations): pts_satisfaction*scale(satisfaction %) + pts_appeal*scale(justified quality appeals per rate_base deliveries); no deliveries: zero_volume';

CREATE FUNCTION perf_eval.service_quality_points(
    deadline_violations bigint, unreasonable_refusals bigint, incomplete_package bigint, extra_documents bigint,
    deliveries bigint,
    pts_t1 numeric, pts_t2 numeric, pts_t3 numeric, pts_t4 numeric,
    t1_scale text, t2_scale text, t3_scale text, t4_scale text,
    rate_base numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_quality_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_quality_points(bigint, bigint, bigint, bigint, bigint, numeric, numeric, numeric, numeric, text, text, text, text, numeric, text) IS
'K2/M2 = T1 + T2 + T3 + T4 (APA 2020 report §2.2, Table 2.2): Ti = pts_ti*scale(rate_i) for deadline violations, unreasonable refusals, incomplete packages and documents not in the standard per rate_base deliveries';

CREATE FUNCTION perf_eval.service_quality_penalty(
    count bigint, deliveries bigint, penalty_max numeric, scale text, rate_base numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_quality_penalty'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_quality_penalty(bigint, bigint, numeric, text, numeric) IS
'One kz2020_apa penalty of K2'': penalty_max*min(1, rate/zero), zero = the rate at which the indicator''s scale reaches 0 points (APA 2020 report §2.5); 0 without deliveries';

CREATE FUNCTION perf_eval.service_quality_points_apa(
    deadline_violations bigint, unreasonable_refusals bigint, incomplete_package bigint, extra_documents bigint,
    deliveries bigint, pts_deadlines numeric, penalty_max_each numeric,
    t1_scale text, t2_scale text, t3_scale text, t4_scale text,
    rate_base numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_quality_points_apa'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_quality_points_apa(bigint, bigint, bigint, bigint, bigint, numeric, numeric, text, text, text, text, numeric, text) IS
'K2'' (kz2020_apa) = pts_deadlines*scale(rate_T1) - sum over T2-T4 of penalty_max_each*min(1, rate_i/zero_i), floored at 0 (APA 2020 report §2.5)';

CREATE FUNCTION perf_eval.service_automation_points(
    services_electronic bigint, services_in_register bigint, deliveries_electronic bigint, deliveries bigint,
    downtime_hours numeric, newly_automated bigint,
    pts_transfer numeric, pts_efficiency numeric, downtime_per_hour numeric, downtime_cap numeric,
    bonus_per_service numeric, bonus_cap numeric, pts_k3 numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_automation_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_automation_points(bigint, bigint, bigint, bigint, numeric, bigint, numeric, numeric, numeric, numeric, numeric, numeric, numeric, text) IS
'K3 = T + V - P + B within [0, pts_k3] (APA 2020 report §2.2, Table 2.2): transfer pts_transfer*electronic/register services, efficiency pts_efficiency*electronic/all deliveries, downtime penalty min(cap, per_hour*hours), bonus min(cap, per_service*newly automated)';

CREATE FUNCTION perf_eval.open_data_points(
    published bigint, required bigint, pts numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_data_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_data_points(bigint, bigint, numeric, text) IS
'Open data = pts*min(1, published/required data sets of the approved list) (APA 2020 report §2.2); required = 0 follows zero_volume';

CREATE FUNCTION perf_eval.open_budget_points(filling_percent numeric, pts numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_budget_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_budget_points(numeric, numeric) IS
'Open budget = pts*filling %/100 (APA 2020 report §2.2; the filling percentage is supplied)';

CREATE FUNCTION perf_eval.open_nla_points(item_points numeric[], fulfilment numeric[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_nla_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_nla_points(numeric[], numeric[]) IS
'Open NLA = sum of item_points[i]*fulfilment[i], one element per language and item of Table 2.8 (APA 2020 report §2.5, Table 2.8, docs/methodology.md §8 E4)';

CREATE FUNCTION perf_eval.open_nla_points(item_points numeric[], fulfilment numeric[], rescale_to numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_nla_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_nla_points(numeric[], numeric[], numeric) IS
'Open NLA rescaled: rescale_to*sum(item_points*fulfilment)/sum(item_points); the kz2020_apa items total 23 and are rescaled x 25/23 (APA 2020 report, chapter 2 recommendations, docs/methodology.md §8 E5)';

CREATE FUNCTION perf_eval.open_dialogue_points(
    blog_answered bigint, blog_received bigint, other_fulfilment numeric[], pts_each numeric,
    zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_dialogue_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_dialogue_points(bigint, bigint, numeric[], numeric, text) IS
'Open dialogue = pts_each*(answered/received questions on the heads'' blog platform + the other indicators'' fulfilment) (APA 2020 report §2.4); no questions: zero_volume for the first indicator';

CREATE FUNCTION perf_eval.subordinate_openness_deduction(non_compliant bigint, total bigint, deduction_max numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_subordinate_openness_deduction'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.subordinate_openness_deduction(bigint, bigint, numeric) IS
'Deduction for subordinate organisations = deduction_max*non_compliant/total, 0 without subordinates (APA 2020 report §2.2 read as a deduction, docs/methodology.md §4.3, §8 E3); positive points, subtracted by the score tree';

CREATE FUNCTION perf_eval.service_rate_shown(count numeric, deliveries bigint, rate_base numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_rate_shown'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_rate_shown(numeric, bigint, numeric) IS
'A service rate as explanations show it: rate_base*count/deliveries rounded to 6 decimals; NULL without deliveries (the criteria kernels read the exact rational; docs/methodology.md §4.2)';
