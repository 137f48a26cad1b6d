-- =========================================================================
-- Section: organisational development indicators (METHODOLOGY §5; src/orgdev.c)
-- Kernels take every methodology constant as an argument; perf_eval.hr_criteria
-- and perf_eval.it_criteria (63_orgdev_block.sql) read them from the version.
-- =========================================================================

CREATE FUNCTION perf_eval.net_turnover_ratio(
    left_management bigint, left_other bigint, average_management numeric, average_other numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_net_turnover_ratio'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.net_turnover_ratio(bigint, bigint, numeric, numeric) IS
't = (a1 + a2)/(b1 + b2), net staff turnover: a1, a2 = servants at and below management level who left the civil service, b1, b2 = average headcounts; b1 + b2 = 0 is 22023 (APA 2020 report, chapter 3 recommendations, Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 27)';

CREATE FUNCTION perf_eval.net_turnover_ratio_from_months(
    left_management bigint, left_other bigint, management_month_ends bigint[], other_month_ends bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_net_turnover_ratio_from_months'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.net_turnover_ratio_from_months(bigint, bigint, bigint[], bigint[]) IS
't = (a1 + a2)/(b1 + b2) with b1, b2 = sum of the 12 month-end headcounts / 12, computed as 12(a1 + a2)/(sum of counts) with one division (APA 2020 report, chapter 3 recommendations)';

CREATE FUNCTION perf_eval.net_turnover_score(
    t numeric, variant text, pts numeric, lower numeric, upper numeric, denominator numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_net_turnover_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.net_turnover_score(numeric, text, numeric, numeric, numeric, numeric) IS
'C, net turnover: pts if t <= lower, 0 if t >= upper, else pts*(upper - t)/denominator; variants printed (kz2020: 0.08, 0.03, APA 2020 report, chapter 3 recommendations), continuous (0.08, 0.02) and threshold_009 (0.09, 0.03, APA 2020 report, chapter 3 recommendations), the last two requiring denominator = upper - lower (docs/methodology.md §5.2, §8 E6)';

CREATE FUNCTION perf_eval.percentage_points(percent numeric, pts numeric, scale text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_percentage_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.percentage_points(numeric, numeric, text) IS
'pts*scale(x) for a percentage or survey indicator, x in 0..100: S, V, G, P of K, N, T, Y of O, A-E of M, local content (docs/methodology.md §5.2, §0.8; the scales are assumed where the published documents are silent)';

CREATE FUNCTION perf_eval.training_score(
    advanced_done bigint, advanced_due bigint, retraining_done bigint, retraining_due bigint,
    k numeric, w_advanced numeric, w_retraining numeric, empty_ratio numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_training_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.training_score(bigint, bigint, bigint, bigint, numeric, numeric, numeric, numeric) IS
'U = k*(w_a*a/b + w_r*c/d), training of civil servants; a/b := empty_ratio (1) when b = 0, c/d likewise when d = 0; a <= b, c <= d (APA 2020 report, chapter 3 recommendations)';

CREATE FUNCTION perf_eval.ekyzmet_bonus(documents_per_servant numeric, target numeric, pts numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_ekyzmet_bonus'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.ekyzmet_bonus(numeric, numeric, numeric) IS
'E-kyzmet bonus of O = pts*min(1, documents processed automatically per civil servant / target) (APA 2020 report §3.1; §3.4; points assumed)';

CREATE FUNCTION perf_eval.it_portal_score(registered bigint, systems bigint, pts numeric, no_systems_points numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_portal_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_portal_score(bigint, bigint, numeric, numeric) IS
'IT portal = pts*registered/systems: share of information systems on the balance registered with documentation on the architecture portal; no systems -> no_systems_points (docs/methodology.md §5.3; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 4, 5)';

CREATE FUNCTION perf_eval.it_integration_score(implemented bigint, planned bigint, pts numeric, none_planned_points numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_integration_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_integration_score(bigint, bigint, numeric, numeric) IS
'IT integration = pts*implemented/planned integrations; none planned -> none_planned_points (0 in kz2020, APA 2020 report §3.4; docs/methodology.md §5.3)';

CREATE FUNCTION perf_eval.it_relevance_score(levels numeric[], pts numeric, no_systems_points numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_relevance_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_relevance_score(numeric[], numeric, numeric) IS
'IT relevance C = pts*mean(l_i), l_i in 0..1 per information system or database; none -> no_systems_points (0 printed, 25 proposed) (APA 2020 report §3.5; docs/methodology.md §8 E20)';

CREATE FUNCTION perf_eval.it_automation_score(
    e1 bigint, e2 bigint, e3 bigint, e4 bigint, n bigint, non_automatable bigint,
    pts numeric, cap numeric, exclude_non_automatable boolean)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_automation_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_automation_score(bigint, bigint, bigint, bigint, bigint, bigint, numeric, numeric, boolean) IS
'IT automation E = min(cap, pts*(E1 + E2 + E3 + E4)/n), n less the non-automatable functions when excluded (kz2020_apa, APA 2020 report §3.5); n = 0 is 22023 (APA 2020 report §3.5; cap docs/methodology.md §8 E21)';

CREATE FUNCTION perf_eval.it_unused_deduction(unused bigint, per_item numeric, cap numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_unused_deduction'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_unused_deduction(bigint, numeric, numeric) IS
'IT deduction for unused information systems and databases = min(cap, per_item*unused), entering IT with sign -1 (docs/methodology.md §5.3; points assumed)';

CREATE FUNCTION perf_eval.hr_direction_score(k numeric, o numeric, m numeric, w numeric,
                                             maximum numeric, clamp text DEFAULT 'none')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_hr_direction_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_direction_score(numeric, numeric, numeric, numeric, numeric, text) IS
'H = K + O + M - W, personnel management, with the clamp policy and the direction maximum (APA 2020 report §3.1; docs/methodology.md §5.2, §0.6)';

CREATE FUNCTION perf_eval.hr_potential_score(c numeric, s numeric, v numeric, g numeric, p numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_indicator_points_sum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_potential_score(numeric, numeric, numeric, numeric, numeric) IS
'K = C + S + V + G + P, personnel potential, from its indicators'' points; kz2020_apa merges C and S into CS, passed as c with s = 0 (APA 2020 report §3.1; chapter 3 recommendations; docs/methodology.md §5.2)';

CREATE FUNCTION perf_eval.hr_labour_score(n numeric, t numeric, y numeric, u numeric,
                                          strategy_bonus numeric, ekyzmet_bonus numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_indicator_points_sum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_labour_score(numeric, numeric, numeric, numeric, numeric, numeric) IS
'O = N + T + Y + U + strategy bonus + E-kyzmet bonus, labour organisation, from its indicators'' points, raw (the score tree caps it at hr.pts_o) (APA 2020 report §3.1; docs/methodology.md §5.2)';

CREATE FUNCTION perf_eval.hr_meritocracy_score(a numeric, b numeric, c numeric, d numeric, e numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_indicator_points_sum'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_meritocracy_score(numeric, numeric, numeric, numeric, numeric) IS
'M = A + B + C + D + E, meritocracy and organisational culture, from its indicators'' points (APA 2020 report §3.1; docs/methodology.md §5.2)';

CREATE FUNCTION perf_eval.presence_bonus(present boolean, pts numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_presence_bonus'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.presence_bonus(boolean, numeric) IS
'A bonus for something present: pts if present, else 0; the HR-strategy bonus of O (APA 2020 report §3.1) and the IT-division bonus of an akimat (Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3) (docs/methodology.md §5.2, §5.3)';

CREATE FUNCTION perf_eval.hr_penalty_points(facts bigint[], points_each numeric[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_hr_penalty_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_penalty_points(bigint[], numeric[]) IS
'W = sum of facts[i]*points_each[i] over the penalty kinds of a body and year, positive points deducted from H (APA 2020 report §3.1; chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31; docs/methodology.md §5.2)';

CREATE FUNCTION perf_eval.training_shortfall(
    advanced_done bigint, advanced_due bigint, retraining_done bigint, retraining_due bigint)
RETURNS bigint
AS 'MODULE_PATHNAME', 'pe_training_shortfall'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.training_shortfall(bigint, bigint, bigint, bigint) IS
'(b - a) + (d - c): civil servants due but not trained on time, shown beside W as a cross-check of the training-violation facts; a <= b, c <= d (APA 2020 report, chapter 3 recommendations; docs/methodology.md §5.2)';

CREATE FUNCTION perf_eval.average_headcount_shown(month_ends bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_average_headcount_shown'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.average_headcount_shown(bigint[]) IS
'An average headcount b1 or b2 as explanations show it: the sum of the 12 month-end headcounts / 12, rounded to 6 decimals (t is computed from the unrounded sum) (APA 2020 report, chapter 3 recommendations; docs/methodology.md §5.2)';
