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
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    -- kz2020_apa merges C and S: CS = 15*C/10 (seed 000 lines 3538-3546)
    merged boolean := perf_eval.param_exists(v, 'hr.pts_turnover_stability');
    variant text := perf_eval.param_text(v, 'hr.turnover.variant');
    denominator_key text;
    management_months bigint[];
    other_months bigint[];
    staff jsonb;
    t numeric;
    c numeric;
    s numeric;
    exit_interview numeric;
    gender numeric;
    quality numeric;
    normalisation numeric;
    satisfaction numeric;
    management numeric;
    training numeric;
    strategy numeric;
    ekyzmet numeric;
    tender numeric;
    meritocracy numeric;
    career numeric;
    incentives numeric;
    ethics numeric;
    survey text;
    each_m numeric;
    training_shortfall bigint;
    fact record;
    penalty_points numeric := 0;
    penalty_lines jsonb := '[]';
    penalty_keys text[] := '{}';
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
        -- K, C: t from the averages, else from the 12 month-end counts (one division either way).
        IF h.average_management IS NOT NULL THEN
            t := perf_eval.net_turnover_ratio(h.left_management, h.left_other, h.average_management, h.average_other);
            staff := jsonb_build_object('b1', h.average_management, 'b2', h.average_other, 'headcounts', 'averages');
        ELSE
            SELECT array_agg(m.management ORDER BY m.month), array_agg(m.other ORDER BY m.month)
            INTO management_months, other_months
            FROM perf_eval.orgdev_headcount_month AS m
            WHERE m.body = hr_criteria.body AND m.year = hr_criteria.year;
            t := perf_eval.net_turnover_ratio_from_months(h.left_management, h.left_other,
                     coalesce(management_months, '{}'), coalesce(other_months, '{}'));
            staff := jsonb_build_object(
                'b1', trim_scale(round((SELECT sum(x) FROM unnest(management_months) AS x) / 12.0, 6)),
                'b2', trim_scale(round((SELECT sum(x) FROM unnest(other_months) AS x) / 12.0, 6)),
                'headcounts', '12 month-end counts / 12 (b1, b2 shown to 6 decimals)',
                'management_month_ends', to_jsonb(management_months), 'other_month_ends', to_jsonb(other_months));
        END IF;
        denominator_key := CASE WHEN variant = 'continuous' THEN 'hr.turnover.denominator_continuous'
                                ELSE 'hr.turnover.denominator' END;
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

        RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.potential', c + coalesce(s, 0) + exit_interview + gender + quality, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'K', 'text',
                    CASE WHEN merged THEN 'K = CS + V + G + P' ELSE 'K = C + S + V + G + P' END),
                'clause', CASE WHEN merged THEN 'APA 2020 report, chapter 3 recommendations' ELSE 'APA 2020 report §3.1' END,
                'inputs', jsonb_build_object('a1', h.left_management, 'a2', h.left_other, 't', t, 'variant', variant,
                              'long_tenure_percent', h.long_tenure_percent,
                              'exit_interview_percent', h.exit_interview_percent,
                              'women_leadership_percent', h.women_leadership_percent,
                              'qualified_percent', h.qualified_percent) || staff,
                'indicators', jsonb_build_array(
                    jsonb_build_object('symbol', CASE WHEN merged THEN 'CS' ELSE 'C' END,
                        'name', CASE WHEN merged THEN 'net turnover and stability (merged)' ELSE 'net staff turnover' END,
                        'points', c, 'clause', 'APA 2020 report, chapter 3 recommendations',
                        'formula', 't = (a1 + a2)/(b1 + b2); pts if t <= lower, 0 if t >= upper, else pts·(upper − t)/denominator'),
                    jsonb_build_object('symbol', 'S', 'name', 'staff stability (% over 3 years in the body)',
                        'points', s, 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 14; paragraph 8, sub-paragraph 5',
                        'formula', CASE WHEN merged THEN 'merged into CS' ELSE 'pts·scale(%)' END),
                    jsonb_build_object('symbol', 'V', 'name', 'exit interview (% of leavers)', 'points', exit_interview,
                        'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 32'),
                    jsonb_build_object('symbol', 'G', 'name', 'gender composition (% women in leadership)', 'points', gender,
                        'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 8'),
                    jsonb_build_object('symbol', 'P', 'name', 'qualitative composition (% with a degree or foreign education)',
                        'points', quality, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 17; paragraph 8, sub-paragraph 7')),
                'parameters', perf_eval.param_explanation(v, ARRAY['hr.pts_k', 'hr.turnover.variant', 'hr.turnover.pts',
                    'hr.pts_turnover_stability', 'hr.turnover.lower', 'hr.turnover.upper', denominator_key,
                    'hr.pts_stability', 'hr.stability_scale', 'hr.pts_exit_interview', 'hr.exit_interview_scale',
                    'hr.pts_gender', 'hr.gender_scale', 'hr.pts_quality', 'hr.quality_scale'])))::perf_eval.node_value;

        -- O: N + T + Y + U + strategy bonus + E-kyzmet bonus; the clamp caps it at hr.pts_o.
        survey := perf_eval.param_text(v, 'hr.survey_scale');
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
        strategy := CASE WHEN h.hr_strategy_approved THEN perf_eval.param_numeric(v, 'hr.bonus_strategy') ELSE 0 END;
        ekyzmet := perf_eval.ekyzmet_bonus(h.ekyzmet_documents_per_servant, perf_eval.param_numeric(v, 'hr.ekyzmet_target'),
                                           perf_eval.param_numeric(v, 'hr.bonus_ekyzmet'));
        RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.labour',
            normalisation + satisfaction + management + training + strategy + ekyzmet, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'O', 'text', 'O = N + T + Y + U + S + E (capped at the maximum by the clamp)'),
                'clause', 'APA 2020 report §3.1',
                'inputs', jsonb_build_object('overtime_free_percent', h.overtime_free_percent,
                              'working_conditions_survey_percent', h.working_conditions_survey_percent,
                              'management_survey_percent', h.management_survey_percent,
                              'a', h.advanced_training_done, 'b', h.advanced_training_due,
                              'c', h.retraining_done, 'd', h.retraining_due,
                              'hr_strategy_approved', h.hr_strategy_approved,
                              'ekyzmet_documents_per_servant', h.ekyzmet_documents_per_servant),
                'indicators', jsonb_build_array(
                    jsonb_build_object('symbol', 'N', 'name', 'labour normalisation (% without overtime)',
                        'points', normalisation, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 12'),
                    jsonb_build_object('symbol', 'T', 'name', 'satisfaction with working conditions (survey %)',
                        'points', satisfaction, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 11'),
                    jsonb_build_object('symbol', 'Y', 'name', 'management practices (survey %)',
                        'points', management, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 20'),
                    jsonb_build_object('symbol', 'U', 'name', 'training of civil servants', 'points', training,
                        'formula', 'k·(w_a·a/b + w_r·c/d); a/b := 1 if b = 0, c/d := 1 if d = 0',
                        'clause', 'APA 2020 report, chapter 3 recommendations'),
                    jsonb_build_object('symbol', 'S', 'name', 'strategic workforce planning (bonus)', 'points', strategy,
                        'formula', 'bonus if an approved HR strategy exists', 'clause', 'APA 2020 report §3.1; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 29'),
                    jsonb_build_object('symbol', 'E', 'name', 'use of E-kyzmet (bonus)', 'points', ekyzmet,
                        'formula', 'bonus·min(1, documents per servant / target)', 'clause', 'APA 2020 report §3.1; §3.4')),
                'parameters', perf_eval.param_explanation(v, ARRAY['hr.pts_o', 'hr.pts_normalisation', 'hr.normalisation_scale',
                    'hr.pts_satisfaction', 'hr.pts_management', 'hr.survey_scale', 'hr.training.k',
                    'hr.training.w_advanced', 'hr.training.w_retraining', 'hr.training.empty_ratio',
                    'hr.bonus_strategy', 'hr.bonus_ekyzmet', 'hr.ekyzmet_target'])))::perf_eval.node_value;

        -- M: A + B + C + D + E.
        each_m := perf_eval.param_numeric(v, 'hr.pts_m_each');
        tender := perf_eval.percentage_points(h.observed_competitions_percent, each_m, perf_eval.param_text(v, 'hr.tender_scale'));
        meritocracy := perf_eval.percentage_points(h.meritocracy_survey_percent, each_m, survey);
        career := perf_eval.percentage_points(h.internal_promotion_percent, each_m, perf_eval.param_text(v, 'hr.career_scale'));
        incentives := perf_eval.percentage_points(h.incentives_survey_percent, each_m, survey);
        ethics := perf_eval.percentage_points(h.ethics_survey_percent, each_m, survey);
        RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.meritocracy', tender + meritocracy + career + incentives + ethics, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'M', 'text', 'M = A + B + C + D + E'),
                'clause', 'APA 2020 report §3.1',
                'inputs', jsonb_build_object('observed_competitions_percent', h.observed_competitions_percent,
                              'meritocracy_survey_percent', h.meritocracy_survey_percent,
                              'internal_promotion_percent', h.internal_promotion_percent,
                              'incentives_survey_percent', h.incentives_survey_percent,
                              'ethics_survey_percent', h.ethics_survey_percent),
                'indicators', jsonb_build_array(
                    jsonb_build_object('symbol', 'A', 'name', 'transparency of competitions (% with observers)',
                        'points', tender, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 15'),
                    jsonb_build_object('symbol', 'B', 'name', 'compliance with meritocracy (survey %)',
                        'points', meritocracy, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 25'),
                    jsonb_build_object('symbol', 'C', 'name', 'career growth (% of vacancies filled by promotion)',
                        'points', career, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 16'),
                    jsonb_build_object('symbol', 'D', 'name', 'transparency of incentives (survey %)',
                        'points', incentives, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 19'),
                    jsonb_build_object('symbol', 'E', 'name', 'ethics and relations in the team (survey %)',
                        'points', ethics, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 6')),
                'parameters', perf_eval.param_explanation(v, ARRAY['hr.pts_m', 'hr.pts_m_each', 'hr.tender_scale',
                    'hr.career_scale', 'hr.survey_scale'])))::perf_eval.node_value;

        -- Servants due but not trained on time, shown beside W as a cross-check of the violation facts.
        training_shortfall := (h.advanced_training_due - h.advanced_training_done)
                              + (h.retraining_due - h.retraining_done);
    END IF;

    -- W: penalty facts of the block, training violations (seed 000 line 3620) and reporting
    -- penalties (seed 002 lines 71, 113, 115) alike, as positive points (the node's sign is -1).
    -- Each fact is recorded by the assessor; U is not reduced by them.
    FOR fact IN SELECT e.kind, sum(e.count) AS facts FROM perf_eval.penalty_event AS e
                WHERE e.body = hr_criteria.body AND e.year = hr_criteria.year AND e.block = 'orgdev'
                GROUP BY e.kind ORDER BY e.kind LOOP
        IF NOT perf_eval.param_exists(v, 'hr.penalty.' || fact.kind) THEN
            RAISE EXCEPTION 'unknown orgdev penalty kind "%"', fact.kind
                USING ERRCODE = '22023',
                      DETAIL = format('Methodology %s has no parameter hr.penalty.%s; known kinds: %s.', v, fact.kind,
                                      (SELECT string_agg(substr(p.key, 12), ', ' ORDER BY p.key)
                                       FROM perf_eval.methodology_param AS p
                                       WHERE p.methodology = v AND p.key LIKE 'hr.penalty.%')),
                      HINT = 'docs/methodology.md §5.2 W; APA 2020 report, chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31.';
        END IF;
        penalty_points := penalty_points + fact.facts * perf_eval.param_numeric(v, 'hr.penalty.' || fact.kind);
        penalty_lines := penalty_lines || jsonb_build_object('kind', fact.kind, 'facts', fact.facts,
                             'points_each', perf_eval.param_numeric(v, 'hr.penalty.' || fact.kind));
        penalty_keys := penalty_keys || ('hr.penalty.' || fact.kind);
    END LOOP;
    RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.penalties', penalty_points, NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'W', 'text', 'W = Σ penalty facts·points of their kind (deducted from H)'),
            'clause', 'APA 2020 report §3.1; chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31',
            'inputs', jsonb_build_object('penalty_facts', penalty_lines,
                          'training_due_not_done_on_time', training_shortfall),
            'parameters', perf_eval.param_explanation(v, penalty_keys)))::perf_eval.node_value;
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
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'portal', 'text',
                'pts·registered with documentation/systems on the balance; no systems: it.portal_no_is'),
            'clause', 'APA 2020 report §3.2; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 4, 5', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_portal', 'it.portal_no_is'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.integration',
        perf_eval.it_integration_score(i.integrations_implemented, i.integrations_planned,
                                       perf_eval.param_numeric(v, 'it.pts_integration'),
                                       perf_eval.param_numeric(v, 'it.integration_none_planned')), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'integration', 'text',
                'pts·implemented/planned integrations; none planned: it.integration_none_planned'),
            'clause', 'APA 2020 report §3.2; §3.4', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_integration', 'it.integration_none_planned'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.relevance',
        perf_eval.it_relevance_score(levels, perf_eval.param_numeric(v, 'it.pts_relevance'),
                                     perf_eval.param_numeric(v, 'it.relevance_no_is')), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'relevance', 'text', 'C = k·mean(l_i); no systems: it.relevance_no_is'),
            'clause', 'APA 2020 report §3.5', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_relevance', 'it.relevance_no_is'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.unused',
        perf_eval.it_unused_deduction(unused, perf_eval.param_numeric(v, 'it.unused_per_item'),
                                      perf_eval.param_numeric(v, 'it.unused_cap')), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'unused', 'text', 'min(cap, per item·unused systems), deducted from IT'),
            'clause', 'APA 2020 report §3.2', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.unused_per_item', 'it.unused_cap'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.automation',
        perf_eval.it_automation_score(i.functions_own_systems, i.functions_service_model,
                                      i.functions_other_bodies_systems, i.functions_third_party,
                                      i.functions_subject, i.functions_non_automatable,
                                      perf_eval.param_numeric(v, 'it.pts_automation'),
                                      perf_eval.param_numeric(v, 'it.automation_cap'), exclude), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'automation', 'text',
                CASE WHEN exclude THEN 'E = min(cap, k·(E1 + E2 + E3 + E4)/(n − non-automatable))'
                     ELSE 'E = min(cap, k·(E1 + E2 + E3 + E4)/n)' END),
            'clause', CASE WHEN exclude THEN 'APA 2020 report §3.5' ELSE 'APA 2020 report §3.5' END,
            'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_automation', 'it.automation_cap',
                'it.automation_exclude_non_automatable'])))::perf_eval.node_value;

    IF body_kind = 'LEB' THEN
        raw := CASE WHEN i.has_it_unit THEN perf_eval.param_numeric(v, 'it.leb_division_bonus') ELSE 0 END;
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.it_division_bonus', raw, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'it_division_bonus', 'text', 'bonus if the akimat has an IT division'),
                'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['it.leb_division_bonus'])))::perf_eval.node_value;
    END IF;

    IF it_criteria.year >= perf_eval.param_numeric(v, 'it.local_content_from_year') THEN
        raw := perf_eval.percentage_points(i.local_content_percent, perf_eval.param_numeric(v, 'it.pts_local_content'),
                                           perf_eval.param_text(v, 'it.local_content_scale'));
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.local_content', raw,
            CASE WHEN raw IS NULL THEN 'no_data' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'local_content', 'text', 'pts·scale(local content %)'),
                'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2; paragraph 3, sub-paragraph 13', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_local_content', 'it.local_content_scale',
                    'it.local_content_from_year'])))::perf_eval.node_value;
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.it_criteria(text, integer, text) IS
'Raw IT criteria of a body and year from perf_eval.orgdev_it_inputs and its information systems under a methodology: portal, integration, relevance, unused (deduction), automation, the LEB IT-division bonus and local content (from 2020), with explanations (docs/methodology.md §5.3)';

-- ---------------------------------------------------------------------------
-- Node computers: hr_criteria and it_criteria compute one body; the engine
-- (61_recalculate.sql) iterates every non-exempt body with inputs in the year
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
