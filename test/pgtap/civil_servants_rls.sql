-- Row-level security of the assessment (METHODOLOGY §6.3): with login roles
-- created here and mapped to employees, an employee reads only their own
-- sheets, a manager their subordinates', HR their body's, a commission member
-- the sheets before the commission; moves are reserved to their actors. No
-- function is SECURITY DEFINER: the policies' helpers run with the caller's
-- rights.
BEGIN;
\i test/fixtures/civil_servants.sql

SELECT plan(30);

-- Logins: two colleagues, their head of division and director, HR of the
-- Ministry of Energy and of the Ministry of Finance, a commission member, an analyst.
SELECT pg_temp.hire('HR1', 'Expert', 'HEAD') AS hired \gset
INSERT INTO perf_eval.cs_position (body, unit, title, tier) VALUES ('MF', 'Human Resources', 'Expert', 'executive');
INSERT INTO perf_eval.cs_employee (body, personnel_no, full_name, position_id, in_position_since)
SELECT 'MF', 'MF-HR', 'Finance HR', p.position_id, '2015-01-01' FROM perf_eval.cs_position AS p WHERE p.body = 'MF';
DO $$
DECLARE
    login record;
BEGIN
    FOR login IN SELECT * FROM (VALUES
            ('cs_test_colleague_a', 'E01', '{perf_eval_cs_employee}'),
            ('cs_test_colleague_b', 'E02', '{perf_eval_cs_employee}'),
            ('cs_test_head',        'MGR', '{perf_eval_cs_employee,perf_eval_cs_manager}'),
            ('cs_test_director',    'DIR', '{perf_eval_cs_employee,perf_eval_cs_manager}'),
            ('cs_test_hr',          'HR1', '{perf_eval_cs_employee,perf_eval_cs_hr}'),
            ('cs_test_member',      'C3',  '{perf_eval_cs_employee,perf_eval_cs_commission}'),
            ('cs_test_other_hr',    NULL,  '{perf_eval_cs_employee,perf_eval_cs_hr}'),
            ('cs_test_analyst',     NULL,  '{perf_eval_reader}')) AS l(name, label, roles) LOOP
        EXECUTE format('CREATE ROLE %I LOGIN', login.name);
        EXECUTE format('GRANT %s TO %I', array_to_string(login.roles::text[], ', '), login.name);
        IF login.name = 'cs_test_other_hr' THEN
            INSERT INTO perf_eval.cs_login SELECT login.name, e.employee_id FROM perf_eval.cs_employee AS e
            WHERE e.personnel_no = 'MF-HR';
        ELSIF login.label IS NOT NULL THEN
            INSERT INTO perf_eval.cs_login VALUES (login.name, pg_temp.emp(login.label));
        END IF;
    END LOOP;
END
$$;

-- E01's sheet goes through the commission to "informed"; E02's waits for the director's review.
CREATE TEMP TABLE s (label text PRIMARY KEY, id bigint);
DO $$
DECLARE
    meeting bigint;
    sheet bigint := pg_temp.sheet_at_commission('E01');
BEGIN
    INSERT INTO s VALUES ('E01', sheet);
    meeting := perf_eval.cs_schedule_meeting(pg_temp.commission(), '2021-01-27');
    PERFORM perf_eval.cs_mark_present(meeting, ARRAY(SELECT pg_temp.emp(c) FROM unnest(ARRAY['C1', 'C2', 'C3', 'C4']) AS c));
    PERFORM perf_eval.cs_schedule(sheet, meeting, '2021-01-14');
    PERFORM pg_temp.vote(meeting, sheet, ARRAY['C1', 'C2', 'C3', 'C4']);
    PERFORM perf_eval.cs_decide(sheet);
    PERFORM perf_eval.cs_move('result', sheet, 'approve_final', '2021-01-28');
    PERFORM perf_eval.cs_move('result', sheet, 'inform', '2021-01-29');
    sheet := pg_temp.rated_sheet('E02');
    PERFORM perf_eval.cs_move('sheet', sheet, 'sign', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'submit', '2021-01-08');
    INSERT INTO s VALUES ('E02', sheet);
END
$$;
CREATE FUNCTION pg_temp.sheet(label text) RETURNS bigint LANGUAGE sql AS $$ SELECT s.id FROM s WHERE s.label = $1 $$;

-- Runs a query as a login (SET ROLE) and returns its first value, or the error as "ERROR <sqlstate>: <message>".
CREATE FUNCTION pg_temp.as_login(login name, query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE format('SET ROLE %I', login);
    BEGIN
        EXECUTE query INTO result;
    EXCEPTION WHEN OTHERS THEN
        result := 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
    END;
    RESET ROLE;
    RETURN result;
END
$$;

-- What each login reads.
CREATE FUNCTION pg_temp.sheets_seen(login name) RETURNS text
LANGUAGE sql AS $$
    SELECT pg_temp.as_login(login, $q$SELECT coalesce(string_agg(e.personnel_no, ',' ORDER BY e.personnel_no), 'none')
                                      FROM perf_eval.cs_assessment_sheet AS s
                                      JOIN perf_eval.cs_employee AS e USING (employee_id)$q$)
$$;

SELECT is(pg_temp.sheets_seen('cs_test_colleague_a'), 'E01', 'an employee reads their own sheet only');
SELECT is(pg_temp.sheets_seen('cs_test_colleague_b'), 'E02', 'their colleague reads only theirs');
SELECT is(pg_temp.sheets_seen('cs_test_head'), 'E01,E02', 'the head of division reads the sheets of his experts');
SELECT is(pg_temp.sheets_seen('cs_test_director'), 'E01,E02', 'the director (their superior manager) reads them too');
SELECT is(pg_temp.sheets_seen('cs_test_hr'), 'E01,E02', 'HR reads every sheet of its body');
SELECT is(pg_temp.sheets_seen('cs_test_other_hr'), 'none', 'HR of another body reads none of them');
SELECT is(pg_temp.sheets_seen('cs_test_member'), 'E01', 'a commission member reads the sheets before the commission only');
SELECT is(pg_temp.sheets_seen('cs_test_analyst'), 'none', 'an analyst (perf_eval_reader) reads no personal assessment');

-- The colleague's sheet is unreachable in every form for an employee, readable for HR.
SELECT is(pg_temp.as_login('cs_test_colleague_a',
          format('SELECT count(*) FROM perf_eval.cs_kpi_rating WHERE sheet_id = %s', pg_temp.sheet('E02'))), '0',
          'an employee cannot read a colleague''s KPI ratings');
SELECT is(pg_temp.as_login('cs_test_hr',
          format('SELECT count(*) FROM perf_eval.cs_kpi_rating WHERE sheet_id = %s', pg_temp.sheet('E02'))), '2',
          'HR reads them');
SELECT is(pg_temp.as_login('cs_test_colleague_a',
          format('SELECT count(*) FROM perf_eval.cs_kpi AS k JOIN perf_eval.cs_iwp AS i USING (iwp_id) WHERE i.employee_id = %s',
                 pg_temp.emp('E02'))), '0', 'an employee cannot read a colleague''s work plan');
SELECT is(pg_temp.as_login('cs_test_colleague_a',
          format('SELECT (perf_eval.cs_sheet_kef(%s)).kef', pg_temp.sheet('E02'))),
          format('ERROR 22023: no assessment sheet %s is visible', pg_temp.sheet('E02')),
          'an employee cannot compute a colleague''s Kef');
SELECT is(pg_temp.as_login('cs_test_hr', format('SELECT (perf_eval.cs_sheet_kef(%s)).kef', pg_temp.sheet('E02'))),
          (SELECT ((perf_eval.cs_sheet_kef(pg_temp.sheet('E02'))).kef)::text),
          'HR computes it, as the superuser does');
SELECT is(pg_temp.as_login('cs_test_colleague_a', 'SELECT string_agg(personnel_no || '':'' || kef_pct, '','') FROM perf_eval.cs_sheet_result'),
          (SELECT 'E01:' || r.kef_pct FROM perf_eval.cs_sheet_result AS r WHERE r.sheet_id = pg_temp.sheet('E01')),
          'the sheet view shows an employee their own result only');
SELECT is(pg_temp.as_login('cs_test_colleague_b',
          format('SELECT count(*) FROM perf_eval.cs_workflow_event WHERE entity <> ''iwp'' AND entity_id = %s', pg_temp.sheet('E01'))),
          '0', 'nor can a colleague read the history of another''s sheet');
SELECT is(pg_temp.as_login('cs_test_hr', 'SELECT sum(employees) FROM perf_eval.cs_grade_distribution WHERE body = ''ME'''),
          '1', 'HR''s grade distribution counts its body''s results');
SELECT is(pg_temp.as_login('cs_test_other_hr', 'SELECT count(*) FROM perf_eval.cs_grade_distribution WHERE body = ''ME'''),
          '0', 'another body''s HR sees no distribution of it');
SELECT is(pg_temp.as_login('cs_test_analyst', 'SELECT count(*) FROM perf_eval.cs_competency'), '11',
          'the reference data stays readable to analysts');

-- Writes and moves are reserved to their actors.
SELECT matches(pg_temp.as_login('cs_test_colleague_a',
               format('UPDATE perf_eval.cs_kpi_rating SET quality = 3 WHERE sheet_id = %s', pg_temp.sheet('E01'))),
               '^ERROR 42501', 'an employee cannot change the ratings of their own sheet');
SELECT matches(pg_temp.as_login('cs_test_colleague_a',
               format('UPDATE perf_eval.cs_result SET computed_kef = 2 WHERE sheet_id = %s', pg_temp.sheet('E01'))),
               '^ERROR 42501', 'nor the computed Kef of their result');
SELECT matches(pg_temp.as_login('cs_test_head',
               format('SELECT perf_eval.cs_move(''sheet'', %s, ''agree'', ''2021-01-11'')', pg_temp.sheet('E02'))),
               '^ERROR 42501: only the superior may agree this sheet', 'the direct supervisor cannot agree the sheet he filled');
SELECT is(pg_temp.as_login('cs_test_director',
          format('SELECT perf_eval.cs_move(''sheet'', %s, ''agree'', ''2021-01-11'')', pg_temp.sheet('E02'))),
          'agreed', 'the superior manager agrees it');
SELECT is((SELECT e.actor::text FROM perf_eval.cs_workflow_event AS e
           WHERE e.entity = 'sheet' AND e.entity_id = pg_temp.sheet('E02') AND e.action = 'agree'),
          'cs_test_director', 'the log names the login that made the move');
SELECT matches(pg_temp.as_login('cs_test_colleague_a',
               format('SELECT perf_eval.cs_submit_to_commission(%s, ''2021-01-12'')', pg_temp.sheet('E02'))),
               '^ERROR 22023: no sheet [0-9]+ is visible', 'an employee cannot move a colleague''s sheet');
SELECT is(pg_temp.as_login('cs_test_hr', format('SELECT perf_eval.cs_submit_to_commission(%s, ''2021-01-12'')', pg_temp.sheet('E02'))),
          'at_commission', 'HR submits it to the commission, which computes Kef with HR''s rights');
SELECT is(pg_temp.sheets_seen('cs_test_member'), 'E01,E02', 'now the commission member reads it too');
SELECT matches(pg_temp.as_login('cs_test_colleague_b',
               format('SELECT perf_eval.cs_move(''result'', %s, ''acknowledge'', ''2021-02-01'')', pg_temp.sheet('E01'))),
               '^ERROR 22023: no result [0-9]+ is visible', 'an employee cannot acknowledge a colleague''s result');
SELECT is(pg_temp.as_login('cs_test_colleague_a',
          format('SELECT perf_eval.cs_move(''result'', %s, ''acknowledge'', ''2021-02-01'')', pg_temp.sheet('E01'))),
          'acknowledged', 'the employee acknowledges their own result');
SELECT is(pg_temp.as_login('cs_test_colleague_a',
          format('SELECT perf_eval.cs_file_appeal(%s, ''the quality of KPI 2 was underrated'', ''2021-02-03'') > 0',
                 pg_temp.sheet('E01'))),
          'true', 'and appeals against it within 10 working days');
SELECT matches(pg_temp.as_login('cs_test_member',
               format('SELECT perf_eval.cs_cast_vote(m.meeting_id, %s, %s, true) FROM perf_eval.cs_commission_meeting AS m',
                      pg_temp.sheet('E02'), pg_temp.emp('C3'))),
               '^ERROR 22023: assessment sheet [0-9]+ is not awaiting a decision',
               'a member votes only on sheets on the agenda (the data rules hold under row-level security)');

SELECT * FROM finish();
ROLLBACK;
