-- =========================================================================
-- Section: the organisational development block in the recalculation
-- (METHODOLOGY §5): the criteria of H and IT, computed per body from
-- perf_eval.orgdev_* inputs by two node computers; the engine sums H =
-- K + O + M - W and IT, clamps each node at its maximum (so bonuses cannot
-- push O over 30 or IT over 100) and weighs the block 0.5*H + 0.5*IT.
-- kz2017 (orgdev.mode = supplied): the computers return nothing; H and IT
-- are supplied (§5.4).
-- =========================================================================

INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key, title_en, symbol) VALUES
('orgdev.hr.potential',           'orgdev.hr', 'orgdev', 'criterion', 1, 'computed',  1, NULL, 'hr.pts_k',
 'Personnel potential of the state body', 'K'),
('orgdev.hr.labour',              'orgdev.hr', 'orgdev', 'criterion', 2, 'computed',  1, NULL, 'hr.pts_o',
 'Labour organisation', 'O'),
('orgdev.hr.meritocracy',         'orgdev.hr', 'orgdev', 'criterion', 3, 'computed',  1, NULL, 'hr.pts_m',
 'Meritocracy and organisational culture', 'M'),
('orgdev.hr.penalties',           'orgdev.hr', 'orgdev', 'criterion', 4, 'computed', -1, NULL, 'node.max',
 'Penalty points', 'W'),
('orgdev.it.portal',              'orgdev.it', 'orgdev', 'criterion', 1, 'computed',  1, NULL, 'it.pts_portal',
 'Filling of the architecture portal', NULL),
('orgdev.it.integration',         'orgdev.it', 'orgdev', 'criterion', 2, 'computed',  1, NULL, 'it.pts_integration',
 'Integration of information systems', NULL),
('orgdev.it.relevance',           'orgdev.it', 'orgdev', 'criterion', 3, 'computed',  1, NULL, 'it.pts_relevance',
 'Relevance of data in information systems and databases', NULL),
('orgdev.it.unused',              'orgdev.it', 'orgdev', 'criterion', 4, 'computed', -1, NULL, 'it.unused_cap',
 'Unused information systems and databases (deduction)', NULL),
('orgdev.it.automation',          'orgdev.it', 'orgdev', 'criterion', 5, 'computed',  1, NULL, 'it.automation_cap',
 'Automation of functions', NULL),
('orgdev.it.it_division_bonus',   'orgdev.it', 'orgdev', 'criterion', 6, 'computed',  1, NULL, 'it.leb_division_bonus',
 'IT division of an akimat (bonus, LEB)', NULL),
('orgdev.it.local_content',       'orgdev.it', 'orgdev', 'criterion', 7, 'computed',  1, NULL, 'it.pts_local_content',
 'Local content in information systems (from 2020)', NULL);

-- ---------------------------------------------------------------------------
-- H: K, O, M and W of one body (METHODOLOGY §5.2)
-- ---------------------------------------------------------------------------

-- One indicator of a criterion as its explanation lists it.
CREATE FUNCTION perf_eval.indicator_shown(symbol text, name text, points numeric, formula text, clause text)
RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF points IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'points must be a finite number'
            USING ERRCODE = '22023', DETAIL = 'NaN and infinity are not valid methodology inputs.',
                  HINT = 'docs/methodology.md §0.1: every score, ratio and parameter is a finite numeric.';
    END IF;
    RETURN jsonb_build_object('symbol', symbol, 'name', name, 'points', points, 'formula', formula, 'clause', clause);
END
$$;
COMMENT ON FUNCTION perf_eval.indicator_shown(text, text, numeric, text, text) IS
'One indicator of a criterion as an explanation lists it: {symbol, name, points, formula, clause} (docs/methodology.md §9.4)';

-- K = C + S + V + G + P (kz2020_apa: CS + V + G + P).
CREATE FUNCTION perf_eval.hr_potential_criterion(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    -- kz2020_apa merges C and S: CS = 15*C/10 (seed 000 lines 3538-3546)
    merged boolean := perf_eval.param_exists(v, 'hr.pts_turnover_stability');
    variant text := perf_eval.param_text(v, 'hr.turnover.variant');
    denominator_key text := CASE WHEN variant = 'continuous' THEN 'hr.turnover.denominator_continuous'
                                 ELSE 'hr.turnover.denominator' END;
    management_months bigint[];
    other_months bigint[];
    staff jsonb;
    t numeric;
    c numeric;
    s numeric;
    exit_interview numeric;
    gender numeric;
    quality numeric;
BEGIN
    -- hr_criteria calls it for a body and year with personnel inputs.
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_potential_criterion.body AND i.year = hr_potential_criterion.year;
    -- C: t from the averages, else from the 12 month-end counts (one division either way).
    IF h.average_management IS NOT NULL THEN
        t := perf_eval.net_turnover_ratio(h.left_management, h.left_other, h.average_management, h.average_other);
        staff := jsonb_build_object('b1', h.average_management, 'b2', h.average_other, 'headcounts', 'averages');
    ELSE
        SELECT array_agg(m.management ORDER BY m.month), array_agg(m.other ORDER BY m.month)
        INTO management_months, other_months
        FROM perf_eval.orgdev_headcount_month AS m
        WHERE m.body = h.body AND m.year = h.year;
        t := perf_eval.net_turnover_ratio_from_months(h.left_management, h.left_other,
                 coalesce(management_months, '{}'), coalesce(other_months, '{}'));
        staff := jsonb_build_object(
            'b1', perf_eval.average_headcount_shown(management_months),
            'b2', perf_eval.average_headcount_shown(other_months),
            'headcounts', '12 month-end counts / 12 (b1, b2 shown to 6 decimals)',
            'management_month_ends', to_jsonb(management_months), 'other_month_ends', to_jsonb(other_months));
    END IF;
    c := perf_eval.net_turnover_score(t, variant,
             perf_eval.param_numeric(v, CASE WHEN merged THEN 'hr.pts_turnover_stability' ELSE 'hr.turnover.pts' END),
             perf_eval.param_numeric(v, 'hr.turnover.lower'), perf_eval.param_numeric(v, 'hr.turnover.upper'),
             perf_eval.param_numeric(v, denominator_key));
    IF NOT merged THEN
        s := perf_eval.percentage_points(h.long_tenure_percent, perf_eval.param_numeric(v, 'hr.pts_stability'),
                                         perf_eval.param_text(v, 'hr.stability_scale'));
    END IF;
    exit_interview := perf_eval.percentage_points(h.exit_interview_percent,
                          perf_eval.param_numeric(v, 'hr.pts_exit_interview'), perf_eval.param_text(v, 'hr.exit_interview_scale'));
    gender := perf_eval.percentage_points(h.women_leadership_percent,
                  perf_eval.param_numeric(v, 'hr.pts_gender'), perf_eval.param_text(v, 'hr.gender_scale'));
    quality := perf_eval.percentage_points(h.qualified_percent,
                   perf_eval.param_numeric(v, 'hr.pts_quality'), perf_eval.param_text(v, 'hr.quality_scale'));

    RETURN ROW(h.body, 'orgdev.hr.potential', perf_eval.hr_potential_score(c, coalesce(s, 0), exit_interview, gender, quality),
        NULL,
        perf_eval.criterion_explanation(v, 'K', CASE WHEN merged THEN 'K = CS + V + G + P' ELSE 'K = C + S + V + G + P' END,
            CASE WHEN merged THEN 'APA 2020 report, chapter 3 recommendations' ELSE 'APA 2020 report §3.1' END,
            jsonb_build_object('a1', h.left_management, 'a2', h.left_other, 't', t, 'variant', variant,
                               'long_tenure_percent', h.long_tenure_percent,
                               'exit_interview_percent', h.exit_interview_percent,
                               'women_leadership_percent', h.women_leadership_percent,
                               'qualified_percent', h.qualified_percent) || staff,
            ARRAY['hr.pts_k', 'hr.turnover.variant', 'hr.turnover.pts', 'hr.pts_turnover_stability', 'hr.turnover.lower',
                  'hr.turnover.upper', denominator_key, 'hr.pts_stability', 'hr.stability_scale', 'hr.pts_exit_interview',
                  'hr.exit_interview_scale', 'hr.pts_gender', 'hr.gender_scale', 'hr.pts_quality', 'hr.quality_scale'])
        || jsonb_build_object('indicators', jsonb_build_array(
            perf_eval.indicator_shown(CASE WHEN merged THEN 'CS' ELSE 'C' END,
                CASE WHEN merged THEN 'net turnover and stability (merged)' ELSE 'net staff turnover' END, c,
                't = (a1 + a2)/(b1 + b2); pts if t <= lower, 0 if t >= upper, else pts·(upper − t)/denominator',
                'APA 2020 report, chapter 3 recommendations'),
            perf_eval.indicator_shown('S', 'staff stability (% over 3 years in the body)', s,
                CASE WHEN merged THEN 'merged into CS' ELSE 'pts·scale(%)' END,
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 14; paragraph 8, sub-paragraph 5'),
            perf_eval.indicator_shown('V', 'exit interview (% of leavers)', exit_interview, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 32'),
            perf_eval.indicator_shown('G', 'gender composition (% women in leadership)', gender, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 8'),
            perf_eval.indicator_shown('P', 'qualitative composition (% with a degree or foreign education)', quality,
                'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 17; paragraph 8, sub-paragraph 7'))))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_potential_criterion(text, integer, text) IS
'Raw K = C + S + V + G + P (kz2020_apa: CS + V + G + P) of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with its explanation and indicators; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

-- O = N + T + Y + U + strategy bonus + E-kyzmet bonus; the clamp caps it at hr.pts_o.
CREATE FUNCTION perf_eval.hr_labour_criterion(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    survey text := perf_eval.param_text(v, 'hr.survey_scale');
    normalisation numeric;
    satisfaction numeric;
    management numeric;
    training numeric;
    strategy numeric;
    ekyzmet numeric;
BEGIN
    -- hr_criteria calls it for a body and year with personnel inputs.
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_labour_criterion.body AND i.year = hr_labour_criterion.year;
    normalisation := perf_eval.percentage_points(h.overtime_free_percent,
                         perf_eval.param_numeric(v, 'hr.pts_normalisation'), perf_eval.param_text(v, 'hr.normalisation_scale'));
    satisfaction := perf_eval.percentage_points(h.working_conditions_survey_percent,
                        perf_eval.param_numeric(v, 'hr.pts_satisfaction'), survey);
    management := perf_eval.percentage_points(h.management_survey_percent,
                      perf_eval.param_numeric(v, 'hr.pts_management'), survey);
    training := perf_eval.training_score(h.advanced_training_done, h.advanced_training_due,
                    h.retraining_done, h.retraining_due, perf_eval.param_numeric(v, 'hr.training.k'),
                    perf_eval.param_numeric(v, 'hr.training.w_advanced'),
                    perf_eval.param_numeric(v, 'hr.training.w_retraining'),
                    perf_eval.param_numeric(v, 'hr.training.empty_ratio'));
    strategy := perf_eval.presence_bonus(h.hr_strategy_approved, perf_eval.param_numeric(v, 'hr.bonus_strategy'));
    ekyzmet := perf_eval.ekyzmet_bonus(h.ekyzmet_documents_per_servant, perf_eval.param_numeric(v, 'hr.ekyzmet_target'),
                                       perf_eval.param_numeric(v, 'hr.bonus_ekyzmet'));
    RETURN ROW(h.body, 'orgdev.hr.labour',
        perf_eval.hr_labour_score(normalisation, satisfaction, management, training, strategy, ekyzmet), NULL,
        perf_eval.criterion_explanation(v, 'O', 'O = N + T + Y + U + S + E (capped at the maximum by the clamp)',
            'APA 2020 report §3.1',
            jsonb_build_object('overtime_free_percent', h.overtime_free_percent,
                               'working_conditions_survey_percent', h.working_conditions_survey_percent,
                               'management_survey_percent', h.management_survey_percent,
                               'a', h.advanced_training_done, 'b', h.advanced_training_due,
                               'c', h.retraining_done, 'd', h.retraining_due,
                               'hr_strategy_approved', h.hr_strategy_approved,
                               'ekyzmet_documents_per_servant', h.ekyzmet_documents_per_servant),
            ARRAY['hr.pts_o', 'hr.pts_normalisation', 'hr.normalisation_scale', 'hr.pts_satisfaction', 'hr.pts_management',
                  'hr.survey_scale', 'hr.training.k', 'hr.training.w_advanced', 'hr.training.w_retraining',
                  'hr.training.empty_ratio', 'hr.bonus_strategy', 'hr.bonus_ekyzmet', 'hr.ekyzmet_target'])
        || jsonb_build_object('indicators', jsonb_build_array(
            perf_eval.indicator_shown('N', 'labour normalisation (% without overtime)', normalisation, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 12'),
            perf_eval.indicator_shown('T', 'satisfaction with working conditions (survey %)', satisfaction, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 11'),
            perf_eval.indicator_shown('Y', 'management practices (survey %)', management, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 20'),
            perf_eval.indicator_shown('U', 'training of civil servants', training,
                'k·(w_a·a/b + w_r·c/d); a/b := 1 if b = 0, c/d := 1 if d = 0', 'APA 2020 report, chapter 3 recommendations'),
            perf_eval.indicator_shown('S', 'strategic workforce planning (bonus)', strategy,
                'bonus if an approved HR strategy exists',
                'APA 2020 report §3.1; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 29'),
            perf_eval.indicator_shown('E', 'use of E-kyzmet (bonus)', ekyzmet,
                'bonus·min(1, documents per servant / target)', 'APA 2020 report §3.1; §3.4'))))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_labour_criterion(text, integer, text) IS
'Raw O = N + T + Y + U + strategy bonus + E-kyzmet bonus of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with its explanation and indicators; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

-- M = A + B + C + D + E.
CREATE FUNCTION perf_eval.hr_meritocracy_criterion(body text, year integer, methodology text)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    survey text := perf_eval.param_text(v, 'hr.survey_scale');
    each_m numeric := perf_eval.param_numeric(v, 'hr.pts_m_each');
    tender numeric;
    meritocracy numeric;
    career numeric;
    incentives numeric;
    ethics numeric;
BEGIN
    -- hr_criteria calls it for a body and year with personnel inputs.
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_meritocracy_criterion.body AND i.year = hr_meritocracy_criterion.year;
    tender := perf_eval.percentage_points(h.observed_competitions_percent, each_m, perf_eval.param_text(v, 'hr.tender_scale'));
    meritocracy := perf_eval.percentage_points(h.meritocracy_survey_percent, each_m, survey);
    career := perf_eval.percentage_points(h.internal_promotion_percent, each_m, perf_eval.param_text(v, 'hr.career_scale'));
    incentives := perf_eval.percentage_points(h.incentives_survey_percent, each_m, survey);
    ethics := perf_eval.percentage_points(h.ethics_survey_percent, each_m, survey);
    RETURN ROW(h.body, 'orgdev.hr.meritocracy',
        perf_eval.hr_meritocracy_score(tender, meritocracy, career, incentives, ethics), NULL,
        perf_eval.criterion_explanation(v, 'M', 'M = A + B + C + D + E', 'APA 2020 report §3.1',
            jsonb_build_object('observed_competitions_percent', h.observed_competitions_percent,
                               'meritocracy_survey_percent', h.meritocracy_survey_percent,
                               'internal_promotion_percent', h.internal_promotion_percent,
                               'incentives_survey_percent', h.incentives_survey_percent,
                               'ethics_survey_percent', h.ethics_survey_percent),
            ARRAY['hr.pts_m', 'hr.pts_m_each', 'hr.tender_scale', 'hr.career_scale', 'hr.survey_scale'])
        || jsonb_build_object('indicators', jsonb_build_array(
            perf_eval.indicator_shown('A', 'transparency of competitions (% with observers)', tender, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 15'),
            perf_eval.indicator_shown('B', 'compliance with meritocracy (survey %)', meritocracy, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 25'),
            perf_eval.indicator_shown('C', 'career growth (% of vacancies filled by promotion)', career, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 16'),
            perf_eval.indicator_shown('D', 'transparency of incentives (survey %)', incentives, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 19'),
            perf_eval.indicator_shown('E', 'ethics and relations in the team (survey %)', ethics, 'pts·scale(%)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 6'))))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_meritocracy_criterion(text, integer, text) IS
'Raw M = A + B + C + D + E of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with its explanation and indicators; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

-- W: penalty facts of the block, training violations (seed 000 line 3620) and reporting
-- penalties (seed 002 lines 71, 113, 115) alike, as positive points (the node's sign is -1).
-- Each fact is recorded by the assessor; U is not reduced by them.
CREATE FUNCTION perf_eval.hr_penalty_criterion(body text, year integer, methodology text, training_shortfall bigint)
RETURNS perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    unknown text;
    facts bigint[];
    points_each numeric[];
    penalty_lines jsonb;
    penalty_keys text[];
BEGIN
    SELECT min(e.kind) INTO unknown FROM perf_eval.penalty_event AS e
    WHERE e.body = hr_penalty_criterion.body AND e.year = hr_penalty_criterion.year AND e.block = 'orgdev'
      AND NOT perf_eval.param_exists(v, 'hr.penalty.' || e.kind);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'unknown orgdev penalty kind "%"', unknown
            USING ERRCODE = '22023',
                  DETAIL = format('Methodology %s has no parameter hr.penalty.%s; known kinds: %s.', v, unknown,
                                  (SELECT string_agg(substr(p.key, 12), ', ' ORDER BY p.key)
                                   FROM perf_eval.methodology_param AS p
                                   WHERE p.methodology = v AND p.key LIKE 'hr.penalty.%')),
                  HINT = 'docs/methodology.md §5.2 W; APA 2020 report, chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31.';
    END IF;
    SELECT coalesce(array_agg(f.facts ORDER BY f.kind), '{}'), coalesce(array_agg(f.points ORDER BY f.kind), '{}'),
           coalesce(jsonb_agg(jsonb_build_object('kind', f.kind, 'facts', f.facts, 'points_each', f.points)
                              ORDER BY f.kind), '[]'),
           coalesce(array_agg('hr.penalty.' || f.kind ORDER BY f.kind), '{}')
    INTO facts, points_each, penalty_lines, penalty_keys
    FROM (SELECT e.kind, sum(e.count) AS facts, perf_eval.param_numeric(v, 'hr.penalty.' || e.kind) AS points
          FROM perf_eval.penalty_event AS e
          WHERE e.body = hr_penalty_criterion.body AND e.year = hr_penalty_criterion.year AND e.block = 'orgdev'
          GROUP BY e.kind) AS f;
    RETURN ROW(hr_penalty_criterion.body, 'orgdev.hr.penalties', perf_eval.hr_penalty_points(facts, points_each), NULL,
        perf_eval.criterion_explanation(v, 'W', 'W = Σ penalty facts·points of their kind (deducted from H)',
            'APA 2020 report §3.1; chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31',
            jsonb_build_object('penalty_facts', penalty_lines, 'training_due_not_done_on_time', training_shortfall),
            penalty_keys))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_penalty_criterion(text, integer, text, bigint) IS
'Raw W = sum of the penalty facts of block orgdev of a body and year times the points of their kind (training violations, reporting penalties), with its explanation showing training_shortfall beside them; part of perf_eval.hr_criteria (docs/methodology.md §5.2)';

CREATE FUNCTION perf_eval.hr_criteria(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Raw K, O, M and W of a body and year under a methodology, with
-- explanations (formula, clause, inputs, indicator points, parameters).
-- A body with penalty facts but no personnel inputs gets W and K, O, M not
-- assessable (no_data), which supplied criteria may fill (§1.2).
DECLARE
    h perf_eval.orgdev_hr_inputs;
BEGIN
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_criteria.body AND i.year = hr_criteria.year;

    IF NOT FOUND THEN
        RETURN QUERY
        SELECT hr_criteria.body, n.code, NULL::numeric, 'no_data',
               jsonb_build_object('formula', jsonb_build_object('id', n.symbol, 'text', 'no personnel inputs'),
                                  'clause', 'docs/methodology.md §5.2',
                                  'inputs', jsonb_build_object('orgdev_hr_inputs', 'missing'))
        FROM perf_eval.score_node AS n
        WHERE n.code IN ('orgdev.hr.potential', 'orgdev.hr.labour', 'orgdev.hr.meritocracy')
        ORDER BY n.node_order;
    ELSE
        RETURN NEXT perf_eval.hr_potential_criterion(hr_criteria.body, hr_criteria.year, methodology);
        RETURN NEXT perf_eval.hr_labour_criterion(hr_criteria.body, hr_criteria.year, methodology);
        RETURN NEXT perf_eval.hr_meritocracy_criterion(hr_criteria.body, hr_criteria.year, methodology);
    END IF;
    -- Servants due but not trained on time are shown beside W as a cross-check of the violation facts.
    RETURN NEXT perf_eval.hr_penalty_criterion(hr_criteria.body, hr_criteria.year, methodology,
        perf_eval.training_shortfall(h.advanced_training_done, h.advanced_training_due,
                                     h.retraining_done, h.retraining_due));
END
$$;
COMMENT ON FUNCTION perf_eval.hr_criteria(text, integer, text) IS
'Raw K (C + S + V + G + P; apa: CS + V + G + P), O (N + T + Y + U + bonuses), M (A + B + C + D + E) and W (penalty facts of block orgdev: training violations, reporting penalties) of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with explanations (docs/methodology.md §5.2)';

-- ---------------------------------------------------------------------------
-- IT: the criteria of one body (METHODOLOGY §5.3)
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.it_criteria(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    i perf_eval.orgdev_it_inputs;
    body_kind text;
    systems bigint;
    registered bigint;
    unused bigint;
    levels numeric[];
    exclude boolean := perf_eval.param_boolean(v, 'it.automation_exclude_non_automatable');
    inputs jsonb;
    raw numeric;
BEGIN
    SELECT * INTO i FROM perf_eval.orgdev_it_inputs AS x
    WHERE x.body = it_criteria.body AND x.year = it_criteria.year;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT b.kind INTO body_kind FROM perf_eval.body AS b WHERE b.code = it_criteria.body;
    SELECT count(*), count(*) FILTER (WHERE s.registered_on_portal), count(*) FILTER (WHERE s.unused),
           coalesce(array_agg(s.relevance_level ORDER BY s.system_code), '{}')
    INTO systems, registered, unused, levels
    FROM perf_eval.orgdev_information_system AS s
    WHERE s.body = it_criteria.body AND s.year = it_criteria.year;

    inputs := jsonb_build_object('systems', systems, 'registered_on_portal', registered, 'unused', unused,
                                 'relevance_levels', to_jsonb(levels),
                                 'integrations_planned', i.integrations_planned,
                                 'integrations_implemented', i.integrations_implemented,
                                 'n', i.functions_subject, 'non_automatable', i.functions_non_automatable,
                                 'e1', i.functions_own_systems, 'e2', i.functions_service_model,
                                 'e3', i.functions_other_bodies_systems, 'e4', i.functions_third_party,
                                 'has_it_unit', i.has_it_unit, 'local_content_percent', i.local_content_percent);

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.portal',
        perf_eval.it_portal_score(registered, systems, perf_eval.param_numeric(v, 'it.pts_portal'),
                                  perf_eval.param_numeric(v, 'it.portal_no_is')), NULL,
        perf_eval.criterion_explanation(v, 'portal',
            'pts·registered with documentation/systems on the balance; no systems: it.portal_no_is',
            'APA 2020 report §3.2; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 4, 5',
            inputs, ARRAY['it.pts_portal', 'it.portal_no_is']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.integration',
        perf_eval.it_integration_score(i.integrations_implemented, i.integrations_planned,
                                       perf_eval.param_numeric(v, 'it.pts_integration'),
                                       perf_eval.param_numeric(v, 'it.integration_none_planned')), NULL,
        perf_eval.criterion_explanation(v, 'integration',
            'pts·implemented/planned integrations; none planned: it.integration_none_planned', 'APA 2020 report §3.2; §3.4',
            inputs, ARRAY['it.pts_integration', 'it.integration_none_planned']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.relevance',
        perf_eval.it_relevance_score(levels, perf_eval.param_numeric(v, 'it.pts_relevance'),
                                     perf_eval.param_numeric(v, 'it.relevance_no_is')), NULL,
        perf_eval.criterion_explanation(v, 'relevance', 'C = k·mean(l_i); no systems: it.relevance_no_is',
            'APA 2020 report §3.5', inputs, ARRAY['it.pts_relevance', 'it.relevance_no_is']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.unused',
        perf_eval.it_unused_deduction(unused, perf_eval.param_numeric(v, 'it.unused_per_item'),
                                      perf_eval.param_numeric(v, 'it.unused_cap')), NULL,
        perf_eval.criterion_explanation(v, 'unused', 'min(cap, per item·unused systems), deducted from IT',
            'APA 2020 report §3.2', inputs, ARRAY['it.unused_per_item', 'it.unused_cap']))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.automation',
        perf_eval.it_automation_score(i.functions_own_systems, i.functions_service_model,
                                      i.functions_other_bodies_systems, i.functions_third_party,
                                      i.functions_subject, i.functions_non_automatable,
                                      perf_eval.param_numeric(v, 'it.pts_automation'),
                                      perf_eval.param_numeric(v, 'it.automation_cap'), exclude), NULL,
        perf_eval.criterion_explanation(v, 'automation',
            CASE WHEN exclude THEN 'E = min(cap, k·(E1 + E2 + E3 + E4)/(n − non-automatable))'
                 ELSE 'E = min(cap, k·(E1 + E2 + E3 + E4)/n)' END,
            'APA 2020 report §3.5', inputs,
            ARRAY['it.pts_automation', 'it.automation_cap', 'it.automation_exclude_non_automatable']))::perf_eval.node_value;

    IF body_kind = 'LEB' THEN
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.it_division_bonus',
            perf_eval.presence_bonus(i.has_it_unit, perf_eval.param_numeric(v, 'it.leb_division_bonus')), NULL,
            perf_eval.criterion_explanation(v, 'it_division_bonus', 'bonus if the akimat has an IT division',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3', inputs,
                ARRAY['it.leb_division_bonus']))::perf_eval.node_value;
    END IF;

    IF it_criteria.year >= perf_eval.param_numeric(v, 'it.local_content_from_year') THEN
        raw := perf_eval.percentage_points(i.local_content_percent, perf_eval.param_numeric(v, 'it.pts_local_content'),
                                           perf_eval.param_text(v, 'it.local_content_scale'));
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.local_content', raw, CASE WHEN raw IS NULL THEN 'no_data' END,
            perf_eval.criterion_explanation(v, 'local_content', 'pts·scale(local content %)',
                'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2; paragraph 3, sub-paragraph 13',
                inputs, ARRAY['it.pts_local_content', 'it.local_content_scale', 'it.local_content_from_year']))::perf_eval.node_value;
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.it_criteria(text, integer, text) IS
'Raw IT criteria of a body and year from perf_eval.orgdev_it_inputs and its information systems under a methodology: portal, integration, relevance, unused (deduction), automation, the LEB IT-division bonus and local content (from 2020), with explanations (docs/methodology.md §5.3)';

-- ---------------------------------------------------------------------------
-- Node computers: hr_criteria and it_criteria compute one body; the engine
-- (56_recalculate.sql) iterates every non-exempt body with inputs in the year
-- and re-raises a kernel's error naming the body, the year and the direction (§0.7).
-- ---------------------------------------------------------------------------

-- kz2017: H and IT are supplied, the seeds do not give the 2017 indicator
-- formulas (METHODOLOGY §5.4): no body is computed under orgdev.mode = supplied.
CREATE FUNCTION perf_eval.orgdev_hr_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT x.body
    FROM (SELECT i.body FROM perf_eval.orgdev_hr_inputs AS i WHERE i.year = $1
          UNION
          SELECT e.body FROM perf_eval.penalty_event AS e WHERE e.year = $1 AND e.block = 'orgdev') AS x
    WHERE perf_eval.param_text($2, 'orgdev.mode') IS DISTINCT FROM 'supplied'
      AND perf_eval.scope_status(x.body, 'orgdev', $1) <> 'exempt'
    ORDER BY x.body
$$;
COMMENT ON FUNCTION perf_eval.orgdev_hr_bodies(integer, text) IS
'Bodies the personnel-management node computer (perf_eval.hr_criteria) computes in a year: every non-exempt body with personnel inputs or orgdev penalty facts; none under orgdev.mode = supplied (kz2017) (docs/methodology.md §5.2, §5.4)';

CREATE FUNCTION perf_eval.orgdev_it_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT i.body FROM perf_eval.orgdev_it_inputs AS i
    WHERE i.year = $1
      AND perf_eval.param_text($2, 'orgdev.mode') IS DISTINCT FROM 'supplied'
      AND perf_eval.scope_status(i.body, 'orgdev', $1) <> 'exempt'
    ORDER BY i.body
$$;
COMMENT ON FUNCTION perf_eval.orgdev_it_bodies(integer, text) IS
'Bodies the information-technology node computer (perf_eval.it_criteria) computes in a year: every non-exempt body with IT inputs; none under orgdev.mode = supplied (kz2017) (docs/methodology.md §5.3, §5.4)';

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('orgdev_hr', 'perf_eval.hr_criteria', 'K, O, M, W of the personnel-management direction (docs/methodology.md §5.2)',
 'perf_eval.orgdev_hr_bodies', 'personnel management direction', NULL),
('orgdev_it', 'perf_eval.it_criteria', 'Criteria of the information-technology direction (docs/methodology.md §5.3)',
 'perf_eval.orgdev_it_bodies', 'information technology direction', NULL);
