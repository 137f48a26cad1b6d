-- Every row of test/vectors/civil_servants.csv (METHODOLOGY §6, §10) through
-- the public API. Part 1: each row's kernel, with the constants of the row's
-- methodology version read from the catalog (a wrong shipped parameter fails
-- here too), and the % shown where the row gives expected_display. Part 2: the
-- rows the data model can express go through real assessment sheets (plans,
-- KPI ratings, 360-degree results, plan execution) and the methodology-bound
-- computation perf_eval.cs_sheet_kef / cs_sheet_grade, under kz2020_apa and a
-- fork whose "does not meet" is the appendix's 0.5.
BEGIN;

CREATE TEMP TABLE cs_vector (
    id text, kernel text, version text, c integer, q integer, t integer, d integer, items text,
    not_meet_value numeric, kpi_part numeric, competency_part numeric, plan_pct numeric, completed bigint,
    total bigint, achieved integer, kpis integer, k integer, n integer, members integer, present integer,
    votes_yes integer, votes_no integer, chair_vote text, expected text, scale integer, exact boolean,
    sqlstate text, expected_display numeric, source text, note text);
\copy cs_vector FROM 'test/vectors/civil_servants.csv' WITH (FORMAT csv, HEADER true)

-- Part 2 rows: how each is built from documents and which result it reads.
CREATE TEMP TABLE sheet_vector (id text PRIMARY KEY, fork boolean, kpis text, competencies text,
                                completed bigint, total bigint, reads text);
INSERT INTO sheet_vector
SELECT v.id, false, format('%s,%s,%s,%s', v.c, v.q, v.t, v.d), '1/1', 1, 1, 'kpi_part'
FROM cs_vector AS v WHERE v.kernel = 'kpi_efficiency' AND v.sqlstate IS NULL;
INSERT INTO sheet_vector VALUES
('K014', true,  '2,3,1,1', '1/1;0/1;1/1;1/1;1/1;0/1', 1, 1, 'competency_part'),
('K015', false, '2,3,1,1', '1/1;0/1;1/1;1/1;1/1;0/1', 1, 1, 'competency_part'),
('K017', false, '2,3,1,1', '1/1', 7499, 10000, 'plan_gate'),
('K018', false, '2,3,1,1', '1/1', 75, 100, 'plan_gate'),
('K019', false, '2,3,1,1', '1/1', 9999, 10000, 'plan_gate'),
('K020', false, '2,3,1,1', '1/1', 1, 1, 'plan_gate'),
('K021', false, '2,3,1,1', '1/1', 0, 1, 'plan_gate'),
('K035', false, '2,2,1,5;1,1,1,2', '1/1;1/1;1/1;1/1;1/1;1/1;1/1;1/1;0/1', 10, 10, 'kef'),
('K036', false, '2,2,1,5;1,1,1,2', '1/1;1/1;1/1;1/1;1/1;1/1;1/1;1/1;0/1', 8, 10, 'kef'),
('K037', false, '2,2,1,5;1,1,1,2', '1/1;1/1;1/1;1/1;1/1;1/1;1/1;1/1;0/1', 7, 10, 'kef');
INSERT INTO sheet_vector
SELECT v.id, false, '2,3,1,1', '1/1', v.completed, v.total, 'plan_gate'
FROM cs_vector AS v WHERE v.kernel = 'plan_gate_counts' AND v.completed <= v.total;
INSERT INTO sheet_vector   -- the KPI's type and mode are the row's words
SELECT v.id, false, '2,3,1,' || replace(v.items, ';', ','), '1/1', 1, 1, 'difficulty'
FROM cs_vector AS v WHERE v.kernel = 'difficulty_level';
INSERT INTO sheet_vector   -- achieved KPIs meet their plan (c = 2), the others fall short
SELECT v.id, false,
       array_to_string(array_cat(array_fill('2,1,1,1'::text, ARRAY[v.achieved]),
                                 array_fill('1,1,1,1'::text, ARRAY[v.kpis - v.achieved])), ';'),
       '1/1', 1, 1, 'grade'
FROM cs_vector AS v WHERE v.kernel = 'm2018_grade' AND v.achieved BETWEEN 0 AND v.kpis;
INSERT INTO sheet_vector
SELECT v.id, false, '2,3,1,1', v.k || '/' || v.n, 1, 1, 'meets'
FROM cs_vector AS v WHERE v.kernel = 'competency_meets';

SELECT plan((SELECT count(*) FROM cs_vector)::integer
            + (SELECT count(expected_display) FROM cs_vector)::integer
            + (SELECT count(*) FROM sheet_vector)::integer);

-- ---------------------------------------------------------------------------
-- Part 1: the kernels
-- ---------------------------------------------------------------------------

CREATE FUNCTION pg_temp.param(version text, key text) RETURNS text
LANGUAGE sql AS $$ SELECT format('perf_eval.param_numeric(%L, %L)', version, key) $$;

CREATE FUNCTION pg_temp.integer_param(version text, key text) RETURNS text
LANGUAGE sql AS $$ SELECT format('perf_eval.cs_param_integer(%L, %L)', version, key) $$;

-- "kpi1 c=1 q=1 t=1 d=2; kpi2 = 0.64; kpi3 = 0.3008; competencies true;false;..." or "...; competencies 8 of 9 meet"
CREATE FUNCTION pg_temp.chain_call(v cs_vector) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    kpi_text text := split_part(v.items, '; competencies ', 1);
    competency_text text := split_part(v.items, '; competencies ', 2);
    item text;
    m text[];
    kpi_values text[] := '{}';
    competency_sql text;
BEGIN
    FOREACH item IN ARRAY string_to_array(kpi_text, '; ') LOOP
        m := regexp_match(item, '^kpi\d+ c=(\d) q=(\d) t=(\d) d=(\d)$');
        IF m IS NOT NULL THEN
            kpi_values := kpi_values || format('perf_eval.kpi_efficiency(%s, %s, %s, %s, %s, %s, %s, %s)', m[1], m[2], m[3], m[4],
                pg_temp.param(v.version, 'cs.kef.max_completeness'), pg_temp.param(v.version, 'cs.kef.max_quality'),
                pg_temp.param(v.version, 'cs.kef.max_timeliness'), pg_temp.param(v.version, 'cs.kef.difficulty_divisor'));
        ELSE
            kpi_values := kpi_values || (regexp_match(item, '^kpi\d+ = ([0-9.]+)$'))[1];
        END IF;
    END LOOP;
    m := regexp_match(competency_text, '^(\d+) of (\d+) meet$');
    competency_sql := CASE WHEN m IS NOT NULL THEN format('perf_eval.competency_part(%s, %s, %s)', m[1], m[2], v.not_meet_value)
                           ELSE format('perf_eval.competency_part(string_to_array(%L, '';'')::boolean[], %s)',
                                       competency_text, v.not_meet_value) END;
    RETURN format('perf_eval.efficiency_coefficient((SELECT perf_eval.kpi_efficiency_mean_agg(x) FROM (VALUES (%s)) AS k(x)), '
                  '%s, %s, %s, %s, perf_eval.param_text(%L, %L))',
                  array_to_string(kpi_values, '), ('), competency_sql, v.plan_pct,
                  pg_temp.param(v.version, 'cs.kef.w_kpi'), pg_temp.param(v.version, 'cs.kef.w_competency'),
                  v.version, 'cs.kef.plan_gate');
END
$$;

-- The SQL call a vector row stands for.
CREATE FUNCTION pg_temp.kernel_call(v cs_vector) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE v.kernel
        WHEN 'kpi_criteria_mean' THEN format('perf_eval.kpi_criteria_mean(%s, %s, %s, %s, %s, %s)', v.c, v.q, v.t,
            pg_temp.param(v.version, 'cs.kef.max_completeness'), pg_temp.param(v.version, 'cs.kef.max_quality'),
            pg_temp.param(v.version, 'cs.kef.max_timeliness'))
        WHEN 'kpi_efficiency' THEN format('perf_eval.kpi_efficiency(%s, %s, %s, %s, %s, %s, %s, %s)', v.c, v.q, v.t, v.d,
            pg_temp.param(v.version, 'cs.kef.max_completeness'), pg_temp.param(v.version, 'cs.kef.max_quality'),
            pg_temp.param(v.version, 'cs.kef.max_timeliness'), pg_temp.param(v.version, 'cs.kef.difficulty_divisor'))
        WHEN 'kpi_part' THEN format(
            '(SELECT perf_eval.kpi_efficiency_mean_agg(x::numeric) FROM unnest(string_to_array(%L, '';'')) AS x)', v.items)
        WHEN 'competency_part' THEN format('perf_eval.competency_part(string_to_array(%L, '';'')::boolean[], %s)',
            v.items, v.not_meet_value)
        WHEN 'kef_raw' THEN format('perf_eval.efficiency_coefficient_raw(%s, %s, %s, %s)', v.kpi_part, v.competency_part,
            pg_temp.param(v.version, 'cs.kef.w_kpi'), pg_temp.param(v.version, 'cs.kef.w_competency'))
        WHEN 'plan_gate' THEN format('perf_eval.plan_execution_gate(%s::numeric, perf_eval.param_text(%L, %L))',
            v.plan_pct, v.version, 'cs.kef.plan_gate')
        WHEN 'plan_gate_counts' THEN format('perf_eval.plan_execution_gate(%s::bigint, %s::bigint, perf_eval.param_text(%L, %L))',
            v.completed, v.total, v.version, 'cs.kef.plan_gate')
        WHEN 'kef' THEN format('perf_eval.efficiency_coefficient(%s, %s, %s, %s, %s, perf_eval.param_text(%L, %L))',
            v.kpi_part, v.competency_part, v.plan_pct, pg_temp.param(v.version, 'cs.kef.w_kpi'),
            pg_temp.param(v.version, 'cs.kef.w_competency'), v.version, 'cs.kef.plan_gate')
        WHEN 'kef_chain' THEN pg_temp.chain_call(v)
        WHEN 'difficulty_level' THEN format('perf_eval.kpi_difficulty_level(%L, %L)',
            split_part(v.items, ';', 1), split_part(v.items, ';', 2))
        WHEN 'm2018_grade' THEN format('perf_eval.m2018_kpi_grade(%s, %s, %s, perf_eval.param_text(%L, %L))',
            v.achieved, v.kpis, pg_temp.integer_param(v.version, 'cs.m2018.kpi_count'), v.version, 'cs.m2018.grade_bands')
        WHEN 'competency_meets' THEN format('perf_eval.competency_meets(%s, %s, %s, %s)', v.k, v.n,
            pg_temp.integer_param(v.version, 'cs.competency_ratio_num'),
            pg_temp.integer_param(v.version, 'cs.competency_ratio_den'))
        WHEN 'commission_quorate' THEN format('perf_eval.commission_quorate(%s, %s, %s, %s, %s)', v.members, v.present,
            pg_temp.integer_param(v.version, 'cs.commission.min_members'),
            pg_temp.integer_param(v.version, 'cs.commission.quorum_num'),
            pg_temp.integer_param(v.version, 'cs.commission.quorum_den'))
        WHEN 'commission_decision' THEN format('perf_eval.commission_decision(%s, %s, %L)', v.votes_yes, v.votes_no,
            v.chair_vote = 'yes')
    END
$$;

-- Error rows: the SQLSTATE. Text results (grades, booleans, decisions, d) compare as text.
-- Numbers: exact rows unrounded, the others at the row's scale.
SELECT CASE
    WHEN v.sqlstate IS NOT NULL THEN
        throws_ok('SELECT ' || pg_temp.kernel_call(v), v.sqlstate, NULL, v.id || ' ' || coalesce(v.note, ''))
    WHEN v.kernel IN ('m2018_grade', 'competency_meets', 'commission_quorate', 'commission_decision', 'difficulty_level') THEN
        results_eq(format('SELECT (%s)::text', pg_temp.kernel_call(v)), format('VALUES (%L::text)', v.expected),
                   v.id || ' ' || coalesce(v.note, ''))
    WHEN v.exact THEN
        results_eq('SELECT ' || pg_temp.kernel_call(v), format('VALUES (%L::numeric)', v.expected),
                   v.id || ' ' || coalesce(v.note, ''))
    ELSE
        results_eq(format('SELECT round(%s, %s)', pg_temp.kernel_call(v), v.scale),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' ' || coalesce(v.note, ''))
    END
FROM cs_vector AS v
ORDER BY v.id;

-- What a person sees: % with cs.present.kef_scale decimals, half away from zero, never rounded before.
SELECT results_eq(format('SELECT round(100 * %s, perf_eval.cs_param_integer(%L, %L))', pg_temp.kernel_call(v),
                         'kz2020_apa', 'cs.present.kef_scale'),
                  format('VALUES (%L::numeric)', v.expected_display),
                  v.id || ' shown as ' || v.expected_display || '%')
FROM cs_vector AS v
WHERE v.expected_display IS NOT NULL
ORDER BY v.id;

-- ---------------------------------------------------------------------------
-- Part 2: the same rows through assessment sheets
-- ---------------------------------------------------------------------------

DO $$
BEGIN
    PERFORM perf_eval.fork_methodology('kz2020_apa', 'cs_appendix_literal', 'Appendix 3 as printed');
    PERFORM perf_eval.set_param('cs_appendix_literal', 'cs.kef.not_meet_value', '0.5', 'seed 000 line 5177',
                                'the worked example counts "does not meet" as 50%');
END
$$;
INSERT INTO perf_eval.cs_position (body, unit, title, tier) VALUES
('MF', 'Vector Department', 'Expert', 'executive'), ('MJ', 'Vector Department', 'Expert', 'executive');
INSERT INTO perf_eval.cs_assessment_period (body, year, starts_on, ends_on, methodology, grade_methodology) VALUES
('MF', 2020, '2020-01-01', '2020-12-31', 'kz2020_apa', 'kz2020'),
('MJ', 2020, '2020-01-01', '2020-12-31', 'cs_appendix_literal', 'kz2020');

-- A sheet with KPIs "c,q,t,d" or "c,q,t,type,mode" (plan 100; fact 100, 80 or 50 gives c = 2, 1, 0),
-- competencies "k/n;..." (the first ones of the framework) and tasks completed of total.
CREATE FUNCTION pg_temp.vector_sheet(label text, fork boolean, kpis text, competencies text, completed bigint, total bigint)
RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    vector_body text := CASE WHEN fork THEN 'MJ' ELSE 'MF' END;
    period bigint := (SELECT p.period_id FROM perf_eval.cs_assessment_period AS p WHERE p.body = vector_body AND p.year = 2020);
    employee bigint;
    work_plan bigint;
    sheet bigint;
    spec text[];
    kpi_no integer := 0;
    work_type text;
    work_mode text;
    kn text;
    competency_no integer := 0;
BEGIN
    INSERT INTO perf_eval.cs_employee (body, personnel_no, full_name, position_id, in_position_since)
    SELECT vector_body, label, 'Vector ' || label, p.position_id, '2015-01-01'
    FROM perf_eval.cs_position AS p WHERE p.body = vector_body AND p.unit = 'Vector Department'
    RETURNING employee_id INTO employee;
    work_plan := perf_eval.cs_open_iwp(period, employee, '2020-01-03');
    FOREACH kn IN ARRAY string_to_array(kpis, ';') LOOP
        kpi_no := kpi_no + 1;
        spec := string_to_array(kn, ',');
        IF cardinality(spec) = 4 THEN   -- d -> the seed's classification (line 4466)
            work_type := (ARRAY['technical', 'organizational', 'analytical'])[(spec[4]::integer + 1) / 2];
            work_mode := CASE WHEN spec[4]::integer % 2 = 1 THEN 'normal' ELSE 'urgent' END;
        ELSE
            work_type := spec[4];
            work_mode := spec[5];
        END IF;
        INSERT INTO perf_eval.cs_kpi (iwp_id, kpi_no, title, unit, plan, expected_change, work_type, work_mode)
        VALUES (work_plan, kpi_no, 'KPI ' || kpi_no, 'units', 100, 'more', work_type, work_mode);
    END LOOP;
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-01-10');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-01-14');
    sheet := perf_eval.cs_open_sheet(period, employee, '2021-01-05');
    INSERT INTO perf_eval.cs_kpi_rating (sheet_id, kpi_id, fact, quality, timeliness)
    SELECT sheet, k.kpi_id, (ARRAY[50, 80, 100])[split_part(s.spec, ',', 1)::integer + 1],
           split_part(s.spec, ',', 2)::integer, split_part(s.spec, ',', 3)::integer
    FROM unnest(string_to_array(kpis, ';')) WITH ORDINALITY AS s(spec, kpi_no)
    JOIN perf_eval.cs_kpi AS k ON k.iwp_id = work_plan AND k.kpi_no = s.kpi_no;
    FOREACH kn IN ARRAY string_to_array(competencies, ';') LOOP
        competency_no := competency_no + 1;
        INSERT INTO perf_eval.cs_competency_rating (sheet_id, competency, manifested, defined)
        SELECT sheet, c.competency, split_part(kn, '/', 1)::integer, split_part(kn, '/', 2)::integer
        FROM perf_eval.cs_competency AS c ORDER BY c.competency OFFSET competency_no - 1 LIMIT 1;
    END LOOP;
    INSERT INTO perf_eval.cs_plan_execution (sheet_id, planned_tasks, unplanned_tasks, completed_tasks)
    VALUES (sheet, total, 0, completed);
    RETURN sheet;
END
$$;

CREATE TEMP TABLE built AS
SELECT s.id, pg_temp.vector_sheet(s.id, s.fork, s.kpis, s.competencies, s.completed, s.total) AS sheet_id
FROM sheet_vector AS s
WHERE s.id NOT IN (SELECT v.id FROM cs_vector AS v WHERE v.kernel = 'competency_meets' AND v.sqlstate IS NOT NULL);

CREATE FUNCTION pg_temp.sheet_read(reads text, sheet bigint) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE reads
        WHEN 'grade' THEN format('SELECT (perf_eval.cs_sheet_grade(%s)).grade', sheet)
        WHEN 'meets' THEN format('SELECT r.meets::text FROM perf_eval.cs_competency_result AS r WHERE r.sheet_id = %s', sheet)
        WHEN 'difficulty' THEN format('SELECT (perf_eval.cs_sheet_kef(%s)).explanation #>> ''{inputs,kpis,0,difficulty}''', sheet)
        ELSE format('SELECT (perf_eval.cs_sheet_kef(%s)).%I', sheet, reads)
    END
$$;

SELECT CASE
    WHEN v.sqlstate IS NOT NULL AND b.sheet_id IS NULL THEN   -- refused when the rating is recorded
        throws_ok(format('SELECT pg_temp.vector_sheet(%L, %L, %L, %L, %s, %s)', s.id, s.fork, s.kpis, s.competencies,
                         s.completed, s.total),
                  v.sqlstate, NULL, v.id || ' through a sheet: the rating is refused')
    WHEN v.sqlstate IS NOT NULL THEN
        throws_ok(pg_temp.sheet_read(s.reads, b.sheet_id), v.sqlstate, NULL, v.id || ' through a sheet: refused')
    WHEN s.reads IN ('grade', 'meets', 'difficulty') THEN
        results_eq(pg_temp.sheet_read(s.reads, b.sheet_id), format('VALUES (%L::text)', v.expected),
                   v.id || ' through a sheet (' || s.reads || ')')
    WHEN v.exact THEN
        results_eq(pg_temp.sheet_read(s.reads, b.sheet_id), format('VALUES (%L::numeric)', v.expected),
                   v.id || ' through a sheet (' || s.reads || ')')
    ELSE
        results_eq(format('SELECT round((%s), %s)', pg_temp.sheet_read(s.reads, b.sheet_id), v.scale),
                   format('VALUES (%L::numeric)', v.expected), v.id || ' through a sheet (' || s.reads || ')')
    END
FROM sheet_vector AS s
JOIN cs_vector AS v USING (id)
LEFT JOIN built AS b USING (id)
ORDER BY s.id;

SELECT * FROM finish();
ROLLBACK;
