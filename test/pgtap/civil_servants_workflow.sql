-- The workflow of plans, sheets and commission results (METHODOLOGY §6.3):
-- one document in every state, and from each state every action that is not
-- a legal move is refused with 22023 naming the action and the state; the
-- state trigger refuses the same on direct writes; moves with preconditions
-- and deadlines refuse what the methodology forbids.
BEGIN;
\i test/fixtures/civil_servants.sql

CREATE TEMP TABLE doc (entity text, state text, label text, id bigint, PRIMARY KEY (entity, state));
CREATE TEMP TABLE extra (what text PRIMARY KEY, id bigint);

-- A result moved through steps, with the dates of a campaign decided on 27 January 2021.
CREATE FUNCTION pg_temp.result_through(sheet bigint, steps text[]) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    meeting bigint := (SELECT max(m.meeting_id) FROM perf_eval.cs_commission_meeting AS m);
    step text;
BEGIN
    FOREACH step IN ARRAY steps LOOP
        CASE step
            WHEN 'schedule' THEN PERFORM perf_eval.cs_schedule(sheet, meeting, '2021-01-14');
            WHEN 'decide' THEN
                PERFORM pg_temp.vote(meeting, sheet, ARRAY['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
                PERFORM perf_eval.cs_decide(sheet);
            WHEN 'approve_final' THEN PERFORM perf_eval.cs_move('result', sheet, step, '2021-01-28');
            WHEN 'inform' THEN PERFORM perf_eval.cs_move('result', sheet, step, '2021-01-29');
            WHEN 'acknowledge' THEN PERFORM perf_eval.cs_move('result', sheet, step, '2021-02-01');
            WHEN 'record_refusal' THEN
                PERFORM perf_eval.cs_record_refusal(sheet, 'Act No. 1', ARRAY[pg_temp.emp('E39'), pg_temp.emp('E40')],
                                                    '2021-02-01');
            WHEN 'appeal' THEN PERFORM perf_eval.cs_file_appeal(sheet, 'the facts were misread', '2021-02-03');
            WHEN 'decide_appeal' THEN PERFORM perf_eval.cs_decide_appeal(sheet, 'unchanged', '2021-02-10');
            WHEN 'archive' THEN PERFORM perf_eval.cs_move('result', sheet, step, '2021-02-15');
        END CASE;
    END LOOP;
    RETURN sheet;
END
$$;

DO $$
DECLARE
    work_plan bigint;
    sheet bigint;
    meeting bigint;
BEGIN
    -- Plans.
    INSERT INTO doc VALUES ('iwp', 'draft', 'E01', pg_temp.draft_plan('E01'));
    work_plan := pg_temp.draft_plan('E02');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-01-10');
    INSERT INTO doc VALUES ('iwp', 'submitted', 'E02', work_plan);
    work_plan := pg_temp.draft_plan('E03');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-01-10');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'return', '2020-01-13');
    INSERT INTO doc VALUES ('iwp', 'returned', 'E03', work_plan);
    work_plan := pg_temp.draft_plan('E04');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-01-10');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-01-14');
    INSERT INTO doc VALUES ('iwp', 'approved', 'E04', work_plan);
    work_plan := pg_temp.draft_plan('E05');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-01-10');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-01-14');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit_amendment', '2020-07-15');
    INSERT INTO doc VALUES ('iwp', 'amendment_submitted', 'E05', work_plan);
    work_plan := pg_temp.draft_plan('E06');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-01-10');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-01-14');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'close', '2021-01-04');
    INSERT INTO doc VALUES ('iwp', 'closed', 'E06', work_plan);

    -- Sheets.
    INSERT INTO doc VALUES ('sheet', 'draft', 'E07', pg_temp.rated_sheet('E07'));
    sheet := pg_temp.rated_sheet('E08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'sign', '2021-01-08');
    INSERT INTO doc VALUES ('sheet', 'signed_by_direct', 'E08', sheet);
    sheet := pg_temp.rated_sheet('E09');
    PERFORM perf_eval.cs_move('sheet', sheet, 'sign', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'submit', '2021-01-08');
    INSERT INTO doc VALUES ('sheet', 'under_superior_review', 'E09', sheet);
    sheet := pg_temp.rated_sheet('E10');
    PERFORM perf_eval.cs_move('sheet', sheet, 'sign', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'submit', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'return', '2021-01-11');
    INSERT INTO doc VALUES ('sheet', 'returned', 'E10', sheet);
    sheet := pg_temp.rated_sheet('E11');
    PERFORM perf_eval.cs_move('sheet', sheet, 'sign', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'submit', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'agree', '2021-01-11');
    INSERT INTO doc VALUES ('sheet', 'agreed', 'E11', sheet);
    INSERT INTO doc VALUES ('sheet', 'at_commission', 'E12', pg_temp.sheet_at_commission('E12'));
    sheet := pg_temp.rated_sheet('E13');
    PERFORM perf_eval.cs_move('sheet', sheet, 'defer', '2021-01-06');
    INSERT INTO doc VALUES ('sheet', 'deferred', 'E13', sheet);
    -- Appointed on 2 November 2020: under 3 months in the position at the end of the period.
    PERFORM pg_temp.hire('E41', 'Expert', 'MGR', '2020-11-02');
    work_plan := pg_temp.draft_plan('E41');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-11-10');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-11-12');
    INSERT INTO doc VALUES ('sheet', 'exempt', 'E41', perf_eval.cs_open_sheet(pg_temp.period(), pg_temp.emp('E41'), '2021-01-05'));

    -- For the precondition tests: a plan amended once already, a sheet with an unrated KPI.
    work_plan := pg_temp.draft_plan('E24');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit', '2020-01-10');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-01-14');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'submit_amendment', '2020-07-15');
    PERFORM perf_eval.cs_move('iwp', work_plan, 'approve', '2020-07-20');
    INSERT INTO extra VALUES ('amended once', work_plan);
    sheet := pg_temp.rated_sheet('E31');
    DELETE FROM perf_eval.cs_kpi_rating AS r USING perf_eval.cs_kpi AS k
    WHERE r.sheet_id = sheet AND k.kpi_id = r.kpi_id AND k.kpi_no = 2;
    INSERT INTO extra VALUES ('unrated KPI', sheet);

    -- Results: one meeting on 27 January 2021 with all six voting members present.
    meeting := perf_eval.cs_schedule_meeting(pg_temp.commission(), '2021-01-27');
    PERFORM perf_eval.cs_mark_present(meeting, ARRAY(SELECT pg_temp.emp(c) FROM unnest(ARRAY['C1', 'C2', 'C3', 'C4', 'C5', 'C6']) AS c));
    INSERT INTO doc VALUES
    ('result', 'at_commission',  'E14', pg_temp.sheet_at_commission('E14')),
    ('result', 'scheduled',      'E15', pg_temp.result_through(pg_temp.sheet_at_commission('E15'), '{schedule}')),
    ('result', 'decided',        'E16', pg_temp.result_through(pg_temp.sheet_at_commission('E16'), '{schedule,decide}')),
    ('result', 'approved_final', 'E17', pg_temp.result_through(pg_temp.sheet_at_commission('E17'),
                                                               '{schedule,decide,approve_final}')),
    ('result', 'informed',       'E18', pg_temp.result_through(pg_temp.sheet_at_commission('E18'),
                                                               '{schedule,decide,approve_final,inform}')),
    ('result', 'acknowledged',   'E19', pg_temp.result_through(pg_temp.sheet_at_commission('E19'),
                                                               '{schedule,decide,approve_final,inform,acknowledge}')),
    ('result', 'refusal_act',    'E20', pg_temp.result_through(pg_temp.sheet_at_commission('E20'),
                                                               '{schedule,decide,approve_final,inform,record_refusal}')),
    ('result', 'appealed',       'E21', pg_temp.result_through(pg_temp.sheet_at_commission('E21'),
                                                               '{schedule,decide,approve_final,inform,acknowledge,appeal}')),
    ('result', 'appeal_decided', 'E22', pg_temp.result_through(pg_temp.sheet_at_commission('E22'),
                                         '{schedule,decide,approve_final,inform,acknowledge,appeal,decide_appeal}')),
    ('result', 'archived',       'E23', pg_temp.result_through(pg_temp.sheet_at_commission('E23'),
                                         '{schedule,decide,approve_final,inform,acknowledge,archive}'));
    -- An upheld appeal reopens the result (and sends the sheet back to the commission).
    sheet := pg_temp.result_through(pg_temp.sheet_at_commission('E25'),
                                    '{schedule,decide,approve_final,inform,acknowledge,appeal}');
    PERFORM perf_eval.cs_decide_appeal(sheet, 'recommend_revise', '2021-02-10');
    PERFORM perf_eval.cs_reopen(sheet, 'commission', 'revise the timeliness of KPI 2', '2021-02-12');
    INSERT INTO doc VALUES ('result', 'reopened', 'E25', sheet);
END
$$;

-- The call an action stands for, with plausible arguments (dates after every state's own).
CREATE FUNCTION pg_temp.call(entity text, id bigint, action text) RETURNS text
LANGUAGE sql AS $$
    SELECT CASE action
        WHEN 'submit_to_commission' THEN format('SELECT perf_eval.cs_submit_to_commission(%s, %L)', id, '2021-06-01')
        WHEN 'schedule' THEN format('SELECT perf_eval.cs_schedule(%s, %s, %L)', id,
                                    (SELECT max(m.meeting_id) FROM perf_eval.cs_commission_meeting AS m), '2021-01-14')
        WHEN 'decide' THEN format('SELECT perf_eval.cs_decide(%s)', id)
        WHEN 'record_refusal' THEN format('SELECT perf_eval.cs_record_refusal(%s, %L, ARRAY[%s, %s]::bigint[], %L)', id,
                                          'Act No. 2', pg_temp.emp('E39'), pg_temp.emp('E40'), '2021-06-01')
        WHEN 'appeal' THEN format('SELECT perf_eval.cs_file_appeal(%s, %L, %L)', id, 'grounds', '2021-02-03')
        WHEN 'decide_appeal' THEN format('SELECT perf_eval.cs_decide_appeal(%s, %L, %L)', id, 'unchanged', '2021-06-01')
        ELSE format('SELECT perf_eval.cs_move(%L, %s, %L, %L)', entity, id, action, '2021-06-01')
    END
$$;

CREATE TEMP VIEW illegal_move AS
SELECT d.entity, d.state, d.label, d.id, a.action
FROM doc AS d
JOIN (SELECT DISTINCT t.entity, t.action FROM perf_eval.cs_workflow_transition AS t) AS a ON a.entity = d.entity
WHERE NOT EXISTS (SELECT 1 FROM perf_eval.cs_workflow_transition AS t
                  WHERE t.entity = d.entity AND t.from_state = d.state AND t.action = a.action);

SELECT plan((SELECT count(*) FROM illegal_move)::integer + 32);

SELECT is((SELECT count(*) FROM perf_eval.cs_workflow_state AS s
           WHERE NOT EXISTS (SELECT 1 FROM doc AS d WHERE d.entity = s.entity AND d.state = s.state)),
          0::bigint, 'every state of a plan, a sheet and a result has a document here');
SELECT results_eq($$SELECT d.entity, d.state FROM doc AS d ORDER BY 1, 2$$,
                  $$SELECT d.entity, coalesce((SELECT i.state FROM perf_eval.cs_iwp AS i WHERE d.entity = 'iwp' AND i.iwp_id = d.id),
                                              (SELECT s.state FROM perf_eval.cs_assessment_sheet AS s WHERE d.entity = 'sheet' AND s.sheet_id = d.id),
                                              (SELECT r.state FROM perf_eval.cs_result AS r WHERE d.entity = 'result' AND r.sheet_id = d.id))
                    FROM doc AS d ORDER BY 1, 2$$,
                  'each document reached its state through legal moves');

-- Every illegal move: 22023 with the action, the document and its state.
SELECT throws_ok(pg_temp.call(m.entity, m.id, m.action), '22023',
                 format('cannot %s %s %s while it is %s', m.action, m.entity, m.id, m.state),
                 format('%s %s (%s): %s is refused', m.entity, m.state, m.label, m.action))
FROM illegal_move AS m
ORDER BY m.entity, m.state, m.action;

-- The state trigger refuses the same on direct writes, and a document must start in an initial state.
SELECT throws_ok(format($$UPDATE perf_eval.cs_result SET state = 'archived' WHERE sheet_id = %s$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'result' AND d.state = 'at_commission')),
                 '22023', NULL, 'a direct UPDATE cannot skip a result from at_commission to archived');
SELECT throws_ok(format($$UPDATE perf_eval.cs_iwp SET state = 'approved' WHERE iwp_id = %s$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'iwp' AND d.state = 'draft')),
                 '22023', NULL, 'a direct UPDATE cannot approve a plan that was never submitted');
SELECT throws_ok(format($$UPDATE perf_eval.cs_assessment_sheet SET state = 'draft' WHERE sheet_id = %s$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'sheet' AND d.state = 'exempt')),
                 '22023', NULL, 'an exempt sheet cannot be brought back into the workflow');
SELECT throws_ok(format($$INSERT INTO perf_eval.cs_iwp (period_id, employee_id, body, state) VALUES (%s, %s, 'ME', 'approved')$$,
                        pg_temp.period(), pg_temp.emp('E30')),
                 '22023', 'a new iwp cannot start in state approved', 'a plan cannot be created approved');

-- pg_dump and pg_restore load with row_security = off (superusers and BYPASSRLS roles only): documents come back as they were.
SELECT lives_ok(format($q$DO $load$ BEGIN
                             SET LOCAL row_security = off;
                             INSERT INTO perf_eval.cs_iwp (period_id, employee_id, body, state, state_since)
                             VALUES (%s, %s, 'ME', 'approved', '2020-01-14');
                             SET LOCAL row_security = on;
                         END $load$$q$, pg_temp.period(), pg_temp.emp('E36')),
                'a bulk load (row_security off, as pg_restore runs) brings an approved plan back as it was');

-- Names and the form of a move.
SELECT throws_ok(format($$SELECT perf_eval.cs_move('iwp', %s, 'sign')$$, (SELECT d.id FROM doc AS d WHERE d.entity = 'iwp' AND d.state = 'draft')),
                 '22023', 'unknown iwp action "sign"', 'an action of another entity is unknown');
SELECT throws_ok($$SELECT perf_eval.cs_move('memo', 1, 'submit')$$, '22023', 'unknown workflow entity "memo"',
                 'an unknown entity is refused');
SELECT throws_ok(format($$SELECT perf_eval.cs_move('result', %s, 'decide')$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'result' AND d.state = 'scheduled')),
                 '22023', 'the decide move of a result needs more than a date: call perf_eval.cs_decide()',
                 'a move that needs data is made by its own function');
SELECT throws_ok(format($$SELECT perf_eval.cs_move('iwp', %s, 'approve', '2020-01-09')$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'iwp' AND d.state = 'submitted')),
                 '22023', NULL, 'a move cannot be dated before the move it follows');
SELECT throws_ok(format($$SELECT perf_eval.cs_move('result', 999999, 'inform')$$), '22023', 'no result 999999 is visible',
                 'a document that does not exist (or is not visible) is named');

-- Preconditions.
SELECT throws_ok(format($$SELECT perf_eval.cs_move('iwp', %s, 'submit', '2020-01-10')$$,
                        perf_eval.cs_open_iwp(pg_temp.period(), pg_temp.emp('E30'), '2020-01-03')),
                 '22023', NULL, 'a plan without KPIs cannot be submitted');
SELECT throws_ok(format($$INSERT INTO perf_eval.cs_kpi (iwp_id, kpi_no, title, unit, plan, expected_change, work_type, work_mode)
                          VALUES (%s, 9, 'late KPI', 'units', 1, 'more', 'technical', 'normal')$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'iwp' AND d.state = 'approved')),
                 '22023', NULL, 'the KPIs of an approved plan cannot change outside an amendment');
SELECT throws_ok(format($$INSERT INTO perf_eval.cs_kpi (iwp_id, kpi_no, title, unit, plan, expected_change, work_type, work_mode)
                          VALUES (%s, 9, 'KPI', 'units', 1, 'more', 'managerial', 'normal')$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'iwp' AND d.state = 'draft')),
                 '22023', 'unknown type of work "managerial"', 'a KPI''s type of work must be known');
SELECT lives_ok(format($$UPDATE perf_eval.cs_kpi SET plan = 8 WHERE iwp_id = %s AND kpi_no = 1$$,
                       (SELECT d.id FROM doc AS d WHERE d.entity = 'iwp' AND d.state = 'amendment_submitted')),
                'an amendment may change the plan''s KPIs');
SELECT throws_ok(format($$SELECT perf_eval.cs_move('iwp', %s, 'submit_amendment', '2020-09-01')$$,
                        (SELECT x.id FROM extra AS x WHERE x.what = 'amended once')),
                 '22023', NULL, 'a second amendment in the period is refused (cs.amendments_per_period = 1)');
SELECT throws_ok(format($$SELECT perf_eval.cs_open_sheet(%s, %s, '2021-01-05')$$, pg_temp.period(), pg_temp.emp('E02')),
                 '22023', NULL, 'no sheet without an approved plan');
SELECT throws_ok(format($$UPDATE perf_eval.cs_kpi_rating SET quality = 3 WHERE sheet_id = %s$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'sheet' AND d.state = 'agreed')),
                 '22023', NULL, 'the ratings of an agreed sheet cannot change');
SELECT throws_ok(format($$UPDATE perf_eval.cs_kpi_rating SET quality = 4 WHERE sheet_id = %s$$,
                        (SELECT d.id FROM doc AS d WHERE d.entity = 'sheet' AND d.state = 'draft')),
                 '22003', 'quality must lie between 0 and 3', 'a quality score above the methodology''s maximum 3 is out of range');
SELECT throws_ok(format($$SELECT perf_eval.cs_move('sheet', %s, 'sign', '2021-01-08')$$,
                        (SELECT x.id FROM extra AS x WHERE x.what = 'unrated KPI')),
                 '22023', format('assessment sheet %s has unrated KPIs', (SELECT x.id FROM extra AS x WHERE x.what = 'unrated KPI')),
                 'a sheet with an unrated KPI cannot be signed');
SELECT is((SELECT s.exempt_reason FROM perf_eval.cs_assessment_sheet AS s
           WHERE s.sheet_id = (SELECT d.id FROM doc AS d WHERE d.entity = 'sheet' AND d.state = 'exempt')),
          'in the position since 2020-11-02, under 3 months at the end of the period',
          'an employee under 3 months in the position is exempt, with the reason');
SELECT throws_ok(format($$SELECT perf_eval.cs_record_refusal(%s, 'Act No. 3', ARRAY[%s]::bigint[], '2021-02-01')$$,
                        pg_temp.result_through(pg_temp.sheet_at_commission('E32'), '{schedule,decide,approve_final,inform}'),
                        pg_temp.emp('E39')),
                 '22023', 'a refusal act needs a reference and two other employees of the body as witnesses',
                 'a refusal act needs two witnesses');

-- Deadlines: archiving waits for the appeal window; an appeal after it is refused; the last day is in time.
SELECT throws_ok(format($$SELECT perf_eval.cs_move('result', %s, 'archive', '2021-02-10')$$,
                        pg_temp.result_through(pg_temp.sheet_at_commission('E33'),
                                               '{schedule,decide,approve_final,inform,acknowledge}')),
                 '22023', NULL, 'a result is not archived before its appeal window closes (10 working days after 27 January: 10 February)');
SELECT throws_ok(format($$SELECT perf_eval.cs_file_appeal(%s, 'late', '2021-02-11')$$,
                        pg_temp.result_through(pg_temp.sheet_at_commission('E34'),
                                               '{schedule,decide,approve_final,inform,acknowledge}')),
                 '22023', NULL, 'an appeal on the 11th working day after the decision is refused');
SELECT lives_ok(format($$SELECT perf_eval.cs_file_appeal(%s, 'in time', '2021-02-10')$$,
                       pg_temp.result_through(pg_temp.sheet_at_commission('E35'),
                                              '{schedule,decide,approve_final,inform,record_refusal}')),
                'an appeal on the 10th working day is in time, after a refusal act too');
SELECT results_eq(format($$SELECT e.action FROM perf_eval.cs_workflow_event AS e
                           WHERE e.entity = 'result' AND e.entity_id = %s ORDER BY e.event_id$$,
                         (SELECT d.id FROM doc AS d WHERE d.entity = 'result' AND d.state = 'archived')),
                  $$VALUES ('open'), ('schedule'), ('decide'), ('approve_final'), ('inform'), ('acknowledge'), ('archive')$$,
                  'the log holds every move of a result, in order');
SELECT is((SELECT r.retain_until FROM perf_eval.cs_result AS r
           WHERE r.sheet_id = (SELECT d.id FROM doc AS d WHERE d.entity = 'result' AND d.state = 'archived')),
          date '2024-02-15', 'an archived result is retained 3 years (cs.retention_years)');

-- Working-day deadlines: a plan drawn up 10 working days after 1 January 2020 (no holidays
-- here) is due on 15 January; a sheet returned on Monday 11 January 2021 is due on the 13th;
-- a deferred employee back on 18 January is assessed by the 25th.
SELECT perf_eval.cs_move('sheet', (SELECT d.id FROM doc AS d WHERE d.entity = 'sheet' AND d.state = 'deferred'),
                         'resume', '2021-01-18') AS resumed \gset
SELECT results_eq($$SELECT d.personnel_no, d.document, d.deadline_key, d.due_on, d.working_days_late
                    FROM perf_eval.cs_deadlines('2021-01-27') AS d
                    WHERE d.overdue AND d.personnel_no IN ('E10', 'E11', 'E13') ORDER BY 1$$,
                  $$VALUES ('E10', 'sheet', 'cs.deadline.resubmit', date '2021-01-13', 10),
                           ('E11', 'sheet', 'cs.deadline.to_commission', date '2021-01-13', 10),
                           ('E13', 'sheet', 'cs.deadline.deferred', date '2021-01-25', 2)$$,
                  'overdue sheets with their deadlines and working days late');
SELECT results_eq($$SELECT d.personnel_no, d.deadline_key, d.due_on, d.working_days_late
                    FROM perf_eval.cs_deadlines('2020-01-16') AS d
                    WHERE d.overdue AND d.personnel_no IN ('E01', 'E03') ORDER BY 1$$,
                  $$VALUES ('E01', 'cs.deadline.iwp', date '2020-01-15', 1),
                           ('E03', 'cs.deadline.resubmit', date '2020-01-15', 1)$$,
                  'a plan is due 10 working days after the period starts; a returned one 2 working days after its return');
SELECT is((SELECT count(*) FROM perf_eval.cs_deadlines('2021-01-13') AS d WHERE d.overdue AND d.personnel_no IN ('E10', 'E11')),
          0::bigint, 'on the due day itself nothing is overdue');
-- As of the last date PostgreSQL has, at once (once over 20 s of walking the days).
SET LOCAL statement_timeout = '5s';
SELECT is((SELECT d.working_days_late FROM perf_eval.cs_deadlines('5874897-12-31') AS d
           WHERE d.overdue AND d.personnel_no = 'E10'),
          1532160189, 'deadlines as of the year 5874897: the weekdays since the due day, at once');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;
