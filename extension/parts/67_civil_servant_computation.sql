-- =========================================================================
-- Section: civil servants of corps "B": the computation of a sheet's Kef and
-- grade (METHODOLOGY §6.1, §6.2)
--
-- Gathers a sheet's ratings and the period's parameters and calls the kernels
-- of 49_civil_servant_kernels.sql; reads only, writes nothing.
-- =========================================================================


CREATE TYPE perf_eval.cs_kef_breakdown AS (
    kpis             integer,
    kpi_part         numeric,
    competencies     integer,
    competencies_met integer,
    competency_part  numeric,
    kef_raw          numeric,
    completed_tasks  bigint,
    total_tasks      bigint,
    plan_gate        numeric,
    kef              numeric,
    explanation      jsonb
);
COMMENT ON TYPE perf_eval.cs_kef_breakdown IS 'Kef of one assessment sheet and every part of it, with the explanation';

CREATE FUNCTION perf_eval.cs_sheet_kef(sheet bigint)
RETURNS perf_eval.cs_kef_breakdown
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s perf_eval.cs_assessment_sheet;
    v text;
    result perf_eval.cs_kef_breakdown;
    kpi_rows jsonb;
    rated integer;
    message text;
    detail text;
    hint text;
    state text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'Sheets are visible to the employee, their managers, HR and the commission.';
    END IF;
    SELECT p.methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = s.period_id;
    BEGIN
        -- KPI part: mean over the plan's KPIs of kef_i (seed 000 lines 5147-5160).
        SELECT count(*), count(r.kpi_id),
               perf_eval.kpi_efficiency_mean_agg(x.kef_i),
               jsonb_agg(jsonb_build_object('kpi', k.kpi_no, 'title', k.title, 'plan', k.plan, 'fact', r.fact,
                                            'decrease_is_good', k.decrease_is_good, 'completeness', x.c,
                                            'quality', r.quality, 'timeliness', r.timeliness, 'difficulty', x.d,
                                            'kpi_efficiency', x.kef_i) ORDER BY k.kpi_no)
          INTO result.kpis, rated, result.kpi_part, kpi_rows
        FROM perf_eval.cs_kpi AS k
        LEFT JOIN perf_eval.cs_kpi_rating AS r ON r.sheet_id = s.sheet_id AND r.kpi_id = k.kpi_id
        CROSS JOIN LATERAL (
            SELECT perf_eval.kpi_completeness(k.plan, r.fact, perf_eval.param_text(v, 'cs.kef.completeness_bands'),
                                              k.decrease_is_good) AS c,
                   perf_eval.kpi_difficulty_level(k.work_type, k.work_mode) AS d) AS cd
        CROSS JOIN LATERAL (
            SELECT cd.c, cd.d,
                   perf_eval.kpi_efficiency(cd.c, r.quality, r.timeliness, cd.d,
                                            perf_eval.param_numeric(v, 'cs.kef.max_completeness'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_quality'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_timeliness'),
                                            perf_eval.param_numeric(v, 'cs.kef.difficulty_divisor')) AS kef_i) AS x
        WHERE k.iwp_id = s.iwp_id;
        IF result.kpis = 0 THEN
            RAISE EXCEPTION 'the individual work plan has no KPIs' USING ERRCODE = '22023',
                  HINT = 'At least one KPI is required (docs/methodology.md §6.2).';
        ELSIF rated < result.kpis THEN
            RAISE EXCEPTION '% of % KPIs have no rating', result.kpis - rated, result.kpis USING ERRCODE = '22023',
                  HINT = 'The direct supervisor rates every KPI (APA 2020 report, Appendix 4, paragraph 19).';
        END IF;

        -- Competency part: v_j = 1 if met else cs.kef.not_meet_value (seed 000 lines 5173-5182).
        SELECT count(*), count(*) FILTER (WHERE perf_eval.competency_meets(
                   c.manifested, c.defined, perf_eval.cs_param_integer(v, 'cs.competency_ratio_num'),
                   perf_eval.cs_param_integer(v, 'cs.competency_ratio_den')))
          INTO result.competencies, result.competencies_met
        FROM perf_eval.cs_competency_rating AS c WHERE c.sheet_id = s.sheet_id;
        result.competency_part := perf_eval.competency_part(result.competencies_met, result.competencies,
                                                            perf_eval.param_numeric(v, 'cs.kef.not_meet_value'));

        SELECT x.completed_tasks, x.planned_tasks + x.unplanned_tasks INTO result.completed_tasks, result.total_tasks
        FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = s.sheet_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no plan execution is recorded' USING ERRCODE = '22023',
                  HINT = 'P = 100*completed/(planned + unplanned), APA 2020 report, Appendix 4, paragraph 28.';
        END IF;
        result.plan_gate := perf_eval.plan_execution_gate(result.completed_tasks, result.total_tasks,
                                                          perf_eval.param_text(v, 'cs.kef.plan_gate'));
        result.kef_raw := perf_eval.efficiency_coefficient_raw(result.kpi_part, result.competency_part,
                                                               perf_eval.param_numeric(v, 'cs.kef.w_kpi'),
                                                               perf_eval.param_numeric(v, 'cs.kef.w_competency'));
        result.kef := perf_eval.efficiency_coefficient_gated(result.kef_raw, result.plan_gate);
    EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT,
                                state = RETURNED_SQLSTATE;
        RAISE EXCEPTION 'Kef of assessment sheet %: %', s.sheet_id, message
            USING ERRCODE = state,
                  DETAIL = perf_eval.cs_context(s.period_id, s.employee_id) || coalesce(': ' || nullif(detail, ''), '.'),
                  HINT = coalesce(nullif(hint, ''), 'Kef, docs/methodology.md §6.2.');
    END;

    result.explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'Kef',
            'text', 'Kef = (w_kpi·mean_i M_i·(1 + d_i/divisor) + w_comp·mean_j v_j) × gate(100·completed/total)'),
        'clause', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3; Appendix 4, paragraph 28 (docs/methodology.md §6.2)',
        'inputs', jsonb_build_object('kpis', kpi_rows,
                                     'competencies', result.competencies, 'competencies_met', result.competencies_met,
                                     'completed_tasks', result.completed_tasks, 'total_tasks', result.total_tasks),
        'parts', jsonb_build_object('kpi_part', result.kpi_part, 'competency_part', result.competency_part,
                                    'kef_raw', result.kef_raw, 'plan_gate', result.plan_gate, 'kef', result.kef),
        'methodology', v,
        'parameters', perf_eval.param_explanation(v, ARRAY['cs.kef.max_completeness', 'cs.kef.max_quality',
            'cs.kef.max_timeliness', 'cs.kef.difficulty_divisor', 'cs.kef.completeness_bands',
            'cs.kef.not_meet_value', 'cs.kef.w_kpi', 'cs.kef.w_competency', 'cs.kef.plan_gate',
            'cs.competency_ratio_num', 'cs.competency_ratio_den']));
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_sheet_kef(bigint) IS
'Kef of an assessment sheet under its period''s draft_kef methodology, with every part and a jsonb explanation (docs/methodology.md §6.2); 22023/22003 name the body, year and employee';

CREATE FUNCTION perf_eval.cs_sheet_grade(sheet bigint, OUT kpis integer, OUT kpis_achieved integer, OUT grade text)
LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s perf_eval.cs_assessment_sheet;
    v text;
    message text;
    state text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet USING ERRCODE = '22023';
    END IF;
    SELECT p.grade_methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = s.period_id;
    SELECT count(*), count(*) FILTER (WHERE perf_eval.kpi_plan_met(k.plan, r.fact, k.decrease_is_good))
      INTO kpis, kpis_achieved
    FROM perf_eval.cs_kpi AS k
    JOIN perf_eval.cs_kpi_rating AS r ON r.sheet_id = s.sheet_id AND r.kpi_id = k.kpi_id
    WHERE k.iwp_id = s.iwp_id;
    BEGIN
        grade := perf_eval.m2018_kpi_grade(kpis_achieved, kpis, perf_eval.cs_param_integer(v, 'cs.m2018.kpi_count'),
                                           perf_eval.param_text(v, 'cs.m2018.grade_bands'));
    EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, state = RETURNED_SQLSTATE;
        RAISE EXCEPTION 'grade of assessment sheet %: %', s.sheet_id, message
            USING ERRCODE = state,
                  DETAIL = format('%s: %s rated KPIs, %s achieved.', perf_eval.cs_context(s.period_id, s.employee_id),
                                  kpis, kpis_achieved),
                  HINT = 'm2018 grade, APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1).';
    END;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_sheet_grade(bigint) IS
'The current (m2018) grade of an assessment sheet under its period''s grade_methodology: KPIs whose fact meets the plan, out of exactly 5 (docs/methodology.md §6.1)';

-- -------------------------------------------------------------------------
-- =========================================================================
-- Explained results (METHODOLOGY §6.2): every result says in words how its
-- Kef and grade came about: each KPI's points and difficulty factor, the plan
-- gate and the band applied, the competencies, the methodology, and why a
-- Kef is above 100 % or zero.
-- =========================================================================

-- The rule of a bands definition that applies to x ("lt 100 => 0.5"): the
-- same parser (bands_value) picks the rule's number from a copy of the
-- definition whose values are the rules' numbers.
CREATE FUNCTION perf_eval.cs_band_applied(x numeric, definition text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH rules AS (
        SELECT trim(r.rule) AS rule, r.ord
        FROM unnest(string_to_array($2, ';')) WITH ORDINALITY AS r(rule, ord)
    )
    SELECT rl.rule FROM rules AS rl
    WHERE rl.ord = perf_eval.bands_value($1, (SELECT string_agg(split_part(r.rule, '=>', 1) || '=> ' || r.ord, '; '
                                                                ORDER BY r.ord) FROM rules AS r))
$$;
COMMENT ON FUNCTION perf_eval.cs_band_applied(numeric, text) IS
'The rule of a bands definition (op b => v; ...; else => v0) that applies to x, as written (docs/methodology.md §0.8)';

-- The words of a result: one sentence per part (a text array, in order).
-- Kef and its parts in % at the display setting kef_percent's decimals, as
-- the civil-servant views show them (28_display_settings.sql).
CREATE FUNCTION perf_eval.cs_result_reasons(r perf_eval.cs_result, v text, grade_v text, plan_pct numeric, band text,
                                            mean_factor numeric)
RETURNS text[]
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT array_remove(ARRAY[
        format('Kef %s %% = (%s × KPI part %s %% + %s × competency part %s %%) × plan gate %s, under %s.',
               round(100 * r.computed_kef, d.kef), perf_eval.param_numeric(v, 'cs.kef.w_kpi'), round(100 * r.kpi_part, d.kef),
               perf_eval.param_numeric(v, 'cs.kef.w_competency'), round(100 * r.competency_part, d.kef), r.plan_gate, v),
        format('KPI part %s %%: the mean over %s KPIs of (c/2 + q/3 + t/1)/3 × difficulty factor (1 + d/6); the mean factor is %s.',
               round(100 * r.kpi_part, d.kef), r.kpis, round(mean_factor, 4)),
        format('Competency part %s %%: %s of %s competencies meet expectations (3/4 of their behavioural indicators or more); one that does not counts %s.',
               round(100 * r.competency_part, d.kef), r.competencies_met, r.competencies,
               perf_eval.param_numeric(v, 'cs.kef.not_meet_value')),
        format('Plan executed: %s of %s tasks = %s %%; the band "%s" of cs.kef.plan_gate gives the gate %s.',
               r.completed_tasks, r.total_tasks, round(plan_pct, 2), band, r.plan_gate),
        CASE WHEN r.computed_kef = 0 AND r.plan_gate = 0 THEN
            format('Kef is 0 because the plan was executed at %s %%, in the band "%s": below it the efficiency ratio is zero whatever the KPIs and competencies, and administrative decisions apply (APA 2020 report, Appendix 4, paragraph 28).',
                   round(plan_pct, 2), band)
             WHEN r.computed_kef = 0 THEN
            'Kef is 0 because every KPI and every competency scored 0.' END,
        CASE WHEN r.computed_kef > 1 THEN
            format('Kef exceeds 100 %% because the difficulty factor (1 + d/6, up to 2) multiplies each KPI''s score: with a mean factor of %s the KPI part reaches %s %%, and the draft methodology caps neither the KPI part nor Kef (APA 2020 report, Appendix 3).',
                   round(mean_factor, 4), round(100 * r.kpi_part, d.kef)) END,
        CASE WHEN r.computed_grade IS NULL THEN
            format('No m2018 grade: the rule of %s needs exactly %s KPIs and the plan has %s.', grade_v,
                   perf_eval.param_numeric(grade_v, 'cs.m2018.kpi_count'), r.kpis)
             ELSE
            format('Grade %s: %s of %s KPIs met their plan (the current rule of %s counts only that); Kef follows the draft methodology, which also weighs quality, timeliness, difficulty, competencies and plan execution, so the two may disagree.',
                   r.computed_grade, r.kpis_achieved, r.kpis, grade_v) END,
        CASE WHEN r.decision = 'revised' THEN
            format('The commission revised the result (votes %s:%s): %s.', r.votes_yes, r.votes_no,
                   concat_ws(', ', 'Kef ' || round(100 * r.revised_kef, d.kef) || ' %', 'grade ' || r.revised_grade)) END
    ], NULL)
    FROM (SELECT perf_eval.display_decimals('kef_percent') AS kef) AS d
$$;
COMMENT ON FUNCTION perf_eval.cs_result_reasons(perf_eval.cs_result, text, text, numeric, text, numeric) IS
'The sentences that explain a result: Kef, KPI part, competency part (in % at the display setting kef_percent''s decimals), plan gate and band, a zero Kef or one above 100 % with the reason, the grade, the commission''s revision';

CREATE FUNCTION perf_eval.cs_explain_result(sheet bigint)
RETURNS jsonb
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r perf_eval.cs_result;
    p perf_eval.cs_assessment_period;
    plan_pct numeric;
    band text;
    kpis jsonb;
    mean_factor numeric;
    competencies jsonb;
    kef_decimals constant integer := perf_eval.display_decimals('kef_percent');
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x
    JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = r.commission_id;
    plan_pct := 100.0 * r.completed_tasks / nullif(r.total_tasks, 0);
    band := perf_eval.cs_band_applied(plan_pct, perf_eval.param_text(p.methodology, 'cs.kef.plan_gate'));
    -- Each KPI as frozen in the computation, with its points and difficulty factor.
    SELECT jsonb_agg(k || jsonb_build_object(
               'difficulty_factor', round(1 + (k->>'difficulty')::numeric
                                            / perf_eval.param_numeric(p.methodology, 'cs.kef.difficulty_divisor'), 4),
               'kpi_efficiency_pct', round(100 * (k->>'kpi_efficiency')::numeric, kef_decimals),
               'plan_met', perf_eval.kpi_plan_met((k->>'plan')::numeric, (k->>'fact')::numeric,
                                                  (k->>'decrease_is_good')::boolean)) ORDER BY (k->>'kpi')::integer),
           avg(1 + (k->>'difficulty')::numeric / perf_eval.param_numeric(p.methodology, 'cs.kef.difficulty_divisor'))
      INTO kpis, mean_factor
    FROM jsonb_array_elements(r.computation->'inputs'->'kpis') AS k;
    SELECT jsonb_agg(jsonb_build_object('competency', c.competency, 'manifested', c.manifested, 'defined', c.defined,
                                        'meets', perf_eval.competency_meets(c.manifested, c.defined,
                                            perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_num'),
                                            perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_den')))
                     ORDER BY c.competency)
      INTO competencies
    FROM perf_eval.cs_competency_rating AS c WHERE c.sheet_id = sheet;
    RETURN jsonb_build_object(
        'kef_pct', round(100 * coalesce(r.revised_kef, r.computed_kef), kef_decimals),
        'computed_kef_pct', round(100 * r.computed_kef, kef_decimals),
        'grade', coalesce(r.revised_grade, r.computed_grade),
        'why', to_jsonb(perf_eval.cs_result_reasons(r, p.methodology, p.grade_methodology, plan_pct, band, mean_factor)),
        'kpis', kpis,
        'plan_execution', jsonb_build_object('completed_tasks', r.completed_tasks, 'total_tasks', r.total_tasks,
                                             'plan_pct', round(plan_pct, 2), 'band', band, 'gate', r.plan_gate),
        'competencies', coalesce(competencies, '[]'),
        'methodology', p.methodology, 'grade_methodology', p.grade_methodology,
        'clause', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendices 3-4 (docs/methodology.md §6.1, §6.2)',
        'computation', r.computation);
END
$$;
COMMENT ON FUNCTION perf_eval.cs_explain_result(bigint) IS
'A result explained (Kef, its parts and each KPI''s efficiency in % at the display setting kef_percent''s decimals): the sentences (why), each KPI''s points, difficulty factor and whether it met its plan, the plan gate with the band applied, the competencies, the methodologies and the frozen computation; NULL if the sheet has no visible result (docs/methodology.md §6.2)';
