-- Civil servants of corps "B" (METHODOLOGY §6): the Budget Policy Department
-- of the Ministry of Finance assessed for 2020, from the individual work
-- plans of January 2020 to the commission's meeting of 27 January 2021.
-- Kef under kz2020_apa (draft standard methodology, seed 000 Appendices 3-4),
-- the grade under kz2020 (m2018). Values are generated deterministically with
-- demo.fraction; every step goes through the workflow functions, as HR would.
SET client_min_messages = warning;
-- The generator's row counts come from generate_series over columns, which
-- the planner estimates at 1000 rows a call: it would spend seconds
-- JIT-compiling queries that run in a fraction of one.
SET jit = off;

-- Public holidays of 2020 and January-February 2021 (the Mon-Fri week is the default).
INSERT INTO perf_eval.cs_working_calendar (day, is_working, note) VALUES
('2020-01-01', false, 'New Year'), ('2020-01-02', false, 'New Year'), ('2020-01-07', false, 'Orthodox Christmas'),
('2020-03-09', false, 'International Women''s Day (transferred)'), ('2020-03-23', false, 'Nauryz'),
('2020-03-24', false, 'Nauryz (transferred)'), ('2020-03-25', false, 'Nauryz (transferred)'),
('2020-05-01', false, 'Unity Day'), ('2020-05-07', false, 'Defender of the Fatherland Day'),
('2020-05-11', false, 'Victory Day (transferred)'), ('2020-07-06', false, 'Capital Day'),
('2020-08-31', false, 'Constitution Day (transferred)'), ('2020-12-01', false, 'First President Day'),
('2020-12-16', false, 'Independence Day'), ('2020-12-17', false, 'Independence Day'),
('2021-01-01', false, 'New Year'), ('2021-01-04', false, 'New Year (transferred)'),
('2021-01-07', false, 'Orthodox Christmas');

-- Behavioural indicators per competency and tier: 3 to 5 each (their texts are the framework's; numbered here).
INSERT INTO perf_eval.cs_behavioural_indicator (competency, tier, indicator_no, description)
SELECT c.competency, t.tier, n, format('%s, %s: behavioural indicator %s', c.title_en, t.title_en, n)
FROM perf_eval.cs_competency AS c
CROSS JOIN perf_eval.cs_position_tier AS t
CROSS JOIN LATERAL generate_series(1, 3 + floor(3 * demo.fraction(c.competency || t.tier))::integer) AS n;

-- The department: director, two deputies, four divisions; the responsible
-- secretary approves for the director (first head for corps "B"); HR and
-- other directors sit on the commission.
INSERT INTO perf_eval.cs_position (body, unit, title, tier) VALUES
('MF', 'Apparatus',                     'Responsible Secretary',                 'senior_management'),
('MF', 'Budget Policy Department',      'Director',                              'senior_management'),
('MF', 'Budget Policy Department',      'Deputy Director',                       'middle_management'),
('MF', 'Budget Policy Department',      'Head of Division',                      'middle_management'),
('MF', 'Budget Policy Department',      'Chief Expert',                          'executive'),
('MF', 'Budget Policy Department',      'Expert',                                'executive'),
('MF', 'Human Resources Department',    'Director',                              'senior_management'),
('MF', 'Human Resources Department',    'Chief Expert',                          'executive'),
('MF', 'Legal Department',              'Director',                              'senior_management'),
('MF', 'Internal Audit Department',     'Director',                              'senior_management'),
('MF', 'Budget Legislation Department', 'Director',                              'senior_management'),
('MF', 'State Assets Department',       'Director',                              'senior_management'),
('MF', 'Treasury Committee',            'Deputy Chairman',                       'senior_management');

CREATE TEMP TABLE demo_staff (personnel_no text, full_name text, unit text, title text, manager_no text,
                              first_head boolean, since date, probation date);
INSERT INTO demo_staff VALUES
('MF-0001', 'Sultanov A. B.',    'Apparatus',                     'Responsible Secretary', NULL,      true,  '2017-03-01', NULL),
('MF-0101', 'Akhmetova G. S.',   'Budget Policy Department',      'Director',              'MF-0001', false, '2018-06-11', NULL),
('MF-0102', 'Bekov D. T.',       'Budget Policy Department',      'Deputy Director',       'MF-0101', false, '2019-02-04', NULL),
('MF-0103', 'Dzhaksybekova A. M.', 'Budget Policy Department',    'Deputy Director',       'MF-0101', false, '2016-09-12', NULL),
('MF-0111', 'Yesenov K. R.',     'Budget Policy Department',      'Head of Division',      'MF-0102', false, '2017-01-16', NULL),
('MF-0112', 'Ivanova O. V.',     'Budget Policy Department',      'Head of Division',      'MF-0102', false, '2019-11-01', NULL),
('MF-0113', 'Kassymov N. Zh.',   'Budget Policy Department',      'Head of Division',      'MF-0103', false, '2015-04-20', NULL),
('MF-0114', 'Lee S. Ch.',        'Budget Policy Department',      'Head of Division',      'MF-0103', false, '2020-02-03', NULL),
('MF-0121', 'Mukanova A. E.',    'Budget Policy Department',      'Chief Expert',          'MF-0111', false, '2018-01-08', NULL),
('MF-0122', 'Nurlanov B. S.',    'Budget Policy Department',      'Chief Expert',          'MF-0111', false, '2019-05-13', NULL),
('MF-0123', 'Omarova Zh. K.',    'Budget Policy Department',      'Expert',                'MF-0111', false, '2020-03-02', NULL),
('MF-0124', 'Petrov I. A.',      'Budget Policy Department',      'Chief Expert',          'MF-0111', false, '2016-10-03', NULL),
('MF-0131', 'Rakhimov T. U.',    'Budget Policy Department',      'Chief Expert',          'MF-0112', false, '2017-07-17', NULL),
('MF-0132', 'Sadykova M. N.',    'Budget Policy Department',      'Expert',                'MF-0112', false, '2019-09-02', NULL),
('MF-0133', 'Tokhtarov E. O.',   'Budget Policy Department',      'Chief Expert',          'MF-0112', false, '2018-12-10', NULL),
('MF-0134', 'Utegenova D. B.',   'Budget Policy Department',      'Expert',                'MF-0112', false, '2020-10-19', '2021-04-19'),
('MF-0141', 'Valiev R. F.',      'Budget Policy Department',      'Chief Expert',          'MF-0113', false, '2015-08-24', NULL),
('MF-0142', 'Zhunusova A. A.',   'Budget Policy Department',      'Chief Expert',          'MF-0113', false, '2019-03-11', NULL),
('MF-0143', 'Abenov S. K.',      'Budget Policy Department',      'Expert',                'MF-0113', false, '2020-01-13', NULL),
('MF-0144', 'Baimukhanova L. T.', 'Budget Policy Department',     'Chief Expert',          'MF-0113', false, '2017-11-06', NULL),
('MF-0151', 'Chernov P. G.',     'Budget Policy Department',      'Chief Expert',          'MF-0114', false, '2016-02-15', NULL),
('MF-0152', 'Dauletova K. Zh.',  'Budget Policy Department',      'Expert',                'MF-0114', false, '2018-04-23', NULL),
('MF-0153', 'Ermekov A. N.',     'Budget Policy Department',      'Chief Expert',          'MF-0114', false, '2019-06-17', NULL),
('MF-0154', 'Faizullina R. I.',  'Budget Policy Department',      'Expert',                'MF-0114', false, '2020-05-04', NULL),
('MF-0155', 'Gabdullin M. S.',   'Budget Policy Department',      'Expert',                'MF-0114', false, '2018-08-13', NULL),
('MF-0201', 'Ismailova Sh. R.',  'Human Resources Department',    'Director',              'MF-0001', false, '2016-05-16', NULL),
('MF-0202', 'Kenzhebaeva A. O.', 'Human Resources Department',    'Chief Expert',          'MF-0201', false, '2018-02-19', NULL),
('MF-0301', 'Maratov Ye. B.',    'Legal Department',              'Director',              'MF-0001', false, '2015-10-05', NULL),
('MF-0401', 'Nugmanova S. T.',   'Internal Audit Department',     'Director',              'MF-0001', false, '2017-09-18', NULL),
('MF-0501', 'Orazbayev T. K.',   'Budget Legislation Department', 'Director',              'MF-0001', false, '2019-01-21', NULL),
('MF-0601', 'Pak V. D.',         'State Assets Department',       'Director',              'MF-0001', false, '2018-07-02', NULL),
('MF-0701', 'Rysbekov B. M.',    'Treasury Committee',            'Deputy Chairman',       'MF-0001', false, '2016-12-05', NULL);

-- In hierarchy order, so each supervisor exists before their reports.
INSERT INTO perf_eval.cs_employee (body, personnel_no, full_name, position_id, manager_id, is_first_head,
                                   in_position_since, probation_until)
SELECT 'MF', s.personnel_no, s.full_name, p.position_id, NULL, s.first_head, s.since, s.probation
FROM demo_staff AS s JOIN perf_eval.cs_position AS p ON p.body = 'MF' AND p.unit = s.unit AND p.title = s.title
ORDER BY s.personnel_no;
UPDATE perf_eval.cs_employee AS e SET manager_id = m.employee_id
FROM demo_staff AS s JOIN perf_eval.cs_employee AS m ON m.body = 'MF' AND m.personnel_no = s.manager_no
WHERE e.body = 'MF' AND e.personnel_no = s.personnel_no;

CREATE FUNCTION demo.mf_employee(personnel_no text) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT e.employee_id FROM perf_eval.cs_employee AS e WHERE e.body = 'MF' AND e.personnel_no = $1
$$;

INSERT INTO perf_eval.cs_assessment_period (body, year, starts_on, ends_on, methodology, grade_methodology)
VALUES ('MF', 2020, '2020-01-01', '2020-12-31', 'kz2020_apa', 'kz2020');

INSERT INTO perf_eval.cs_commission (period_id, body, title, order_ref)
SELECT p.period_id, 'MF', 'Assessment commission for corps "B" of the Ministry of Finance', 'Order No. 14 of 6 January 2021'
FROM perf_eval.cs_assessment_period AS p WHERE p.body = 'MF' AND p.year = 2020;
INSERT INTO perf_eval.cs_commission_member (commission_id, employee_id, role)
SELECT c.commission_id, demo.mf_employee(m.no), m.role
FROM perf_eval.cs_commission AS c
CROSS JOIN (VALUES ('MF-0001', 'chair'), ('MF-0201', 'member'), ('MF-0301', 'member'), ('MF-0401', 'member'),
                   ('MF-0501', 'member'), ('MF-0601', 'member'), ('MF-0202', 'secretary')) AS m(no, role)
WHERE c.body = 'MF';

-- The whole campaign, step by step through the workflow functions.
DO $$
DECLARE
    period bigint := (SELECT p.period_id FROM perf_eval.cs_assessment_period AS p WHERE p.body = 'MF' AND p.year = 2020);
    commission bigint := (SELECT c.commission_id FROM perf_eval.cs_commission AS c WHERE c.period_id = period);
    e record;
    work_plan bigint;
    sheet bigint;
    meeting bigint;
    opened date;
    f numeric;
    planned integer;
    unplanned integer;
    present bigint[];
    member record;
BEGIN
    -- January 2020: individual work plans with five KPIs, approved by the superior.
    FOR e IN SELECT x.* FROM perf_eval.cs_employee AS x JOIN perf_eval.cs_position AS p USING (position_id)
             WHERE p.unit = 'Budget Policy Department' ORDER BY x.personnel_no LOOP
        -- Plans are drawn up in January, or when an employee takes up the position later.
        opened := greatest(date '2020-01-03', e.in_position_since);
        work_plan := perf_eval.cs_open_iwp(period, e.employee_id, opened);
        INSERT INTO perf_eval.cs_kpi (iwp_id, kpi_no, title, unit, plan, decrease_is_good, expected_change, work_type, work_mode)
        SELECT work_plan, k.n, k.title, k.unit, k.plan, k.decrease, k.change,
               (ARRAY['technical', 'organizational', 'analytical'])[1 + floor(3 * demo.fraction(e.personnel_no || k.n || 'type'))::integer],
               CASE WHEN demo.fraction(e.personnel_no || k.n || 'mode') < 0.3 THEN 'urgent' ELSE 'normal' END
        FROM (VALUES
            (1, 'Draft budget-programme conclusions prepared', 'conclusions', 40 + floor(40 * demo.fraction(e.personnel_no || 'p1')), false, 'all programmes of the assigned bodies reviewed'),
            (2, 'Share of requests answered late', '%', 5, true, 'fewer late answers than in 2019'),
            (3, 'Budget requests analysed', 'requests', 60 + floor(60 * demo.fraction(e.personnel_no || 'p3')), false, 'every request of the assigned bodies analysed'),
            (4, 'Methodological proposals adopted', 'proposals', 2 + floor(4 * demo.fraction(e.personnel_no || 'p4')), false, 'proposals reflected in the budget rules'),
            (5, 'Training hours completed', 'hours', 36, false, 'qualification maintained')
        ) AS k(n, title, unit, plan, decrease, change);
        PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', opened + 10);
        IF demo.fraction(e.personnel_no || 'iwp returned') < 0.15 THEN
            PERFORM perf_eval.cs_move('iwp', work_plan, 'return', opened + 11);
            PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', opened + 12);
        END IF;
        PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', opened + 14);
        -- July: after the six-month monitoring some plans are amended (the pandemic cut field work).
        IF demo.fraction(e.personnel_no || 'amended') < 0.2 AND opened + 14 < date '2020-07-15' THEN
            PERFORM perf_eval.cs_move('iwp', work_plan, 'submit_amendment', '2020-07-15');
            UPDATE perf_eval.cs_kpi AS k SET plan = round(k.plan * 0.8) WHERE k.iwp_id = work_plan AND k.kpi_no = 3;
            PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-07-20');
        END IF;
        PERFORM perf_eval.cs_move('iwp', work_plan, 'close', '2021-01-05');
    END LOOP;

    -- January 2021: sheets, filled by the direct supervisor, with the 360-degree results.
    FOR e IN SELECT x.*, p.tier FROM perf_eval.cs_employee AS x JOIN perf_eval.cs_position AS p USING (position_id)
             WHERE p.unit = 'Budget Policy Department' ORDER BY x.personnel_no LOOP
        sheet := perf_eval.cs_open_sheet(period, e.employee_id, '2021-01-05');
        CONTINUE WHEN (SELECT s.state FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = sheet) = 'exempt';
        INSERT INTO perf_eval.cs_kpi_rating (sheet_id, kpi_id, fact, quality, timeliness)
        SELECT sheet, k.kpi_id,
               -- about three KPIs in four meet their plan
               CASE WHEN k.decrease_is_good THEN round(k.plan * (0.5 + 0.67 * demo.fraction(e.personnel_no || k.kpi_no || 'fact')), 1)
                    ELSE round(k.plan * (0.92 + 0.32 * demo.fraction(e.personnel_no || k.kpi_no || 'fact'))) END,
               floor(1 + 3 * demo.fraction(e.personnel_no || k.kpi_no || 'quality'))::integer,
               CASE WHEN demo.fraction(e.personnel_no || k.kpi_no || 'late') < 0.85 THEN 1 ELSE 0 END
        FROM perf_eval.cs_kpi AS k JOIN perf_eval.cs_iwp AS i USING (iwp_id)
        WHERE i.period_id = period AND i.employee_id = e.employee_id;
        planned := 40 + floor(80 * demo.fraction(e.personnel_no || 'planned'));
        unplanned := 5 + floor(25 * demo.fraction(e.personnel_no || 'unplanned'));
        f := demo.fraction(e.personnel_no || 'execution');
        INSERT INTO perf_eval.cs_plan_execution (sheet_id, planned_tasks, unplanned_tasks, completed_tasks)
        VALUES (sheet, planned, unplanned,
                CASE WHEN f < 0.6 THEN planned + unplanned
                     WHEN f < 0.95 THEN floor((planned + unplanned) * (0.80 + 0.19 * demo.fraction(e.personnel_no || 'p')))
                     ELSE floor((planned + unplanned) * 0.7) END);
        INSERT INTO perf_eval.cs_competency_rating (sheet_id, competency, manifested, defined)
        SELECT sheet, b.competency,
               greatest(0, count(*) - floor(2.0 * demo.fraction(e.personnel_no || b.competency))::integer), count(*)
        FROM perf_eval.cs_behavioural_indicator AS b WHERE b.tier = e.tier
        GROUP BY b.competency;

        PERFORM perf_eval.cs_move('sheet', sheet, 'sign', '2021-01-08');
        PERFORM perf_eval.cs_move('sheet', sheet, 'submit', '2021-01-08');
        IF e.personnel_no = 'MF-0153' THEN
            -- returned for revision and not yet resubmitted: overdue in the report
            PERFORM perf_eval.cs_move('sheet', sheet, 'return', '2021-01-11');
            CONTINUE;
        END IF;
        IF demo.fraction(e.personnel_no || 'sheet returned') < 0.2 THEN
            PERFORM perf_eval.cs_move('sheet', sheet, 'return', '2021-01-11');
            UPDATE perf_eval.cs_kpi_rating AS r SET quality = greatest(0, r.quality - 1)
            WHERE r.sheet_id = sheet AND r.quality = 3;
            PERFORM perf_eval.cs_move('sheet', sheet, 'submit', '2021-01-12');
        END IF;
        PERFORM perf_eval.cs_move('sheet', sheet, 'agree', '2021-01-13');
        CONTINUE WHEN e.personnel_no = 'MF-0132';   -- agreed, HR has not sent it on: overdue in the report
        PERFORM perf_eval.cs_submit_to_commission(sheet, '2021-01-14');
    END LOOP;

    -- The commission meets on 27 January 2021, notified on 14 January (7 working days).
    meeting := perf_eval.cs_schedule_meeting(commission, '2021-01-27');
    -- One member is away: 5 of 6 voting members present (quorum 2/3 is 4).
    SELECT array_agg(m.employee_id) INTO present FROM perf_eval.cs_commission_member AS m
    WHERE m.commission_id = commission AND m.role IN ('chair', 'member') AND m.employee_id <> demo.mf_employee('MF-0601');
    PERFORM perf_eval.cs_mark_present(meeting, present);

    FOR e IN SELECT r.sheet_id, x.personnel_no FROM perf_eval.cs_result AS r
             JOIN perf_eval.cs_employee AS x USING (employee_id) ORDER BY x.personnel_no LOOP
        PERFORM perf_eval.cs_schedule(e.sheet_id, meeting, '2021-01-14');
        FOR member IN SELECT m.employee_id, m.role FROM perf_eval.cs_commission_member AS m
                      WHERE m.employee_id = ANY (present) ORDER BY m.employee_id LOOP
            -- Two sheets are disputed. MF-0124: one member does not vote and the other four split
            -- 2 to 2; the chair votes to approve, which decides the tie. MF-0142: only the chair
            -- votes to approve, so the commission revises the result.
            CONTINUE WHEN e.personnel_no = 'MF-0124' AND member.employee_id = demo.mf_employee('MF-0501');
            PERFORM perf_eval.cs_cast_vote(meeting, e.sheet_id, member.employee_id,
                CASE e.personnel_no
                    WHEN 'MF-0124' THEN member.role = 'chair' OR member.employee_id = demo.mf_employee('MF-0201')
                    WHEN 'MF-0142' THEN member.role = 'chair'
                    ELSE true END);
        END LOOP;
        IF e.personnel_no = 'MF-0142' THEN
            -- The commission finds the evidence of timeliness insufficient and revises the grade.
            PERFORM perf_eval.cs_decide(e.sheet_id, revised_grade => 'satisfactory');
        ELSE
            PERFORM perf_eval.cs_decide(e.sheet_id);
        END IF;
        PERFORM perf_eval.cs_move('result', e.sheet_id, 'approve_final', '2021-01-28');
        PERFORM perf_eval.cs_move('result', e.sheet_id, 'inform', '2021-01-29');
        IF e.personnel_no = 'MF-0155' THEN
            PERFORM perf_eval.cs_record_refusal(e.sheet_id, 'Act No. 1 of 1 February 2021',
                ARRAY[demo.mf_employee('MF-0202'), demo.mf_employee('MF-0154')], '2021-02-01');
            PERFORM perf_eval.cs_move('result', e.sheet_id, 'archive', '2021-02-15');
        ELSE
            PERFORM perf_eval.cs_move('result', e.sheet_id, 'acknowledge', '2021-02-01');
            IF e.personnel_no = 'MF-0142' THEN
                PERFORM perf_eval.cs_file_appeal(e.sheet_id, 'the delays were caused by late data from the bodies',
                                                 '2021-02-05');
                PERFORM perf_eval.cs_decide_appeal(e.sheet_id, 'unchanged', '2021-02-26');
                PERFORM perf_eval.cs_move('result', e.sheet_id, 'archive', '2021-03-01');
            ELSE
                PERFORM perf_eval.cs_move('result', e.sheet_id, 'archive', '2021-02-15');
            END IF;
        END IF;
    END LOOP;
END
$$;

-- Since 1.1 (issue 22): the consequences decided after the results, each one
-- the level's table of consequences allows (the upgrade test loads this
-- dataset under 1.0 too, which has no consequences).
SELECT extversion <> '1.0' AS cs_consequences FROM pg_extension WHERE extname = 'perf_eval' \gset
\if :cs_consequences
SELECT count(perf_eval.cs_record_consequence(r.sheet_id,
           CASE WHEN r.kef = 0 OR r.grade = 'unsatisfactory' THEN 'development_plan' ELSE 'bonus' END,
           'Order No. 31 of 3 March 2021 on the results of the 2020 assessment', '2021-03-03')) AS consequences
FROM perf_eval.cs_sheet_result AS r
WHERE r.body = 'MF' AND r.year = 2020 AND r.result_state = 'archived'
  AND (r.kef = 0 OR r.grade IN ('unsatisfactory', 'excellent')) AND r.tier <> 'senior_management' \gset
\endif
