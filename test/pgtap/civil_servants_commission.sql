-- The assessment commission (METHODOLOGY §6.3): at least five voting members,
-- a quorum of two thirds, an open vote decided by the majority, the chair
-- deciding a tie, a secretary who neither votes nor counts; notice of seven
-- working days; working days from the calendar.
BEGIN;
\i test/fixtures/civil_servants.sql

SELECT plan(29);

-- Sheets before the commission, and two meetings of 27 and 28 January 2021.
CREATE TEMP TABLE s AS
SELECT label, pg_temp.sheet_at_commission(label) AS id
FROM unnest(ARRAY['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09']) AS label;
CREATE FUNCTION pg_temp.sheet(label text) RETURNS bigint LANGUAGE sql AS $$ SELECT s.id FROM s WHERE s.label = $1 $$;
SELECT perf_eval.cs_schedule_meeting(pg_temp.commission(), '2021-01-27') AS thin_meeting \gset
SELECT perf_eval.cs_schedule_meeting(pg_temp.commission(), '2021-01-28') AS meeting \gset

-- Composition: the secretary does not count toward the five voting members.
INSERT INTO perf_eval.cs_assessment_period (body, year, starts_on, ends_on, methodology, grade_methodology)
VALUES ('ME', 2021, '2021-01-01', '2021-12-31', 'kz2020_apa', 'kz2020');
INSERT INTO perf_eval.cs_commission (period_id, body, title)
SELECT p.period_id, 'ME', 'Small commission' FROM perf_eval.cs_assessment_period AS p WHERE p.body = 'ME' AND p.year = 2021;
INSERT INTO perf_eval.cs_commission_member (commission_id, employee_id, role)
SELECT c.commission_id, pg_temp.emp(m.label), m.role
FROM perf_eval.cs_commission AS c, (VALUES ('C1', 'chair'), ('C2', 'member'), ('C3', 'member'), ('C4', 'member'),
                                           ('SEC', 'secretary')) AS m(label, role)
WHERE c.title = 'Small commission';
SELECT throws_ok(format($$SELECT perf_eval.cs_schedule_meeting(%s, '2021-06-01')$$,
                        (SELECT c.commission_id FROM perf_eval.cs_commission AS c WHERE c.title = 'Small commission')),
                 '22023', NULL, 'a commission of 4 voting members and a secretary cannot meet (at least 5 voting members)');
INSERT INTO perf_eval.cs_commission_member (commission_id, employee_id, role)
SELECT c.commission_id, pg_temp.emp('C5'), 'member' FROM perf_eval.cs_commission AS c WHERE c.title = 'Small commission';
SELECT lives_ok(format($$SELECT perf_eval.cs_schedule_meeting(%s, '2021-06-01')$$,
                       (SELECT c.commission_id FROM perf_eval.cs_commission AS c WHERE c.title = 'Small commission')),
                'with a fifth voting member it can');
SELECT throws_ok(format($$INSERT INTO perf_eval.cs_commission_member (commission_id, employee_id, role) VALUES (%s, %s, 'chair')$$,
                        pg_temp.commission(), pg_temp.emp('E40')),
                 '23505', NULL, 'a commission has one chair');

-- Notice: at least 7 working days between the notification and the meeting.
SELECT throws_ok(format($$SELECT perf_eval.cs_schedule(%s, %s, '2021-01-20')$$, pg_temp.sheet('E01'), :meeting),
                 '22023', 'the meeting of 2021-01-28 is less than 7 working days after the notification of 2021-01-20',
                 'notified on Wednesday 20 January, the meeting of Thursday 28 January is the 6th working day: refused');
SELECT lives_ok(format($$SELECT perf_eval.cs_schedule(%s, %s, '2021-01-19')$$, pg_temp.sheet('E01'), :meeting),
                'notified on Tuesday 19 January, the 28th is the 7th working day: in time');
SELECT lives_ok(format($$SELECT perf_eval.cs_schedule(s.id, %s, '2021-01-18') FROM s WHERE s.label <> 'E01' AND s.label <> 'E08'$$, :meeting),
                'the other sheets join the agenda of 28 January');
SELECT lives_ok(format($$SELECT perf_eval.cs_schedule(%s, %s, '2021-01-18')$$, pg_temp.sheet('E08'), :thin_meeting),
                'one sheet goes to the meeting of 27 January');

-- Attendance: voting members only.
SELECT throws_ok(format($$SELECT perf_eval.cs_mark_present(%s, ARRAY[%s])$$, :meeting, pg_temp.emp('SEC')),
                 '22023', format('the secretary of commission %s does not vote and does not count toward quorum', pg_temp.commission()),
                 'the secretary is not recorded as a voting member present');
SELECT throws_ok(format($$SELECT perf_eval.cs_mark_present(%s, ARRAY[%s])$$, :meeting, pg_temp.emp('E40')),
                 '22023', NULL, 'an employee who is not a member is not recorded present');
SELECT is(perf_eval.cs_mark_present(:thin_meeting, ARRAY[pg_temp.emp('C1'), pg_temp.emp('C2'), pg_temp.emp('C3')]), 3,
          '27 January: 3 of 6 voting members present');
SELECT is(perf_eval.cs_mark_present(:meeting, ARRAY[pg_temp.emp('C1'), pg_temp.emp('C2'), pg_temp.emp('C3'), pg_temp.emp('C4')]), 4,
          '28 January: 4 of 6 voting members present');

-- Quorum: 3*present >= 2*members.
SELECT pg_temp.vote(:thin_meeting, pg_temp.sheet('E08'), ARRAY['C1', 'C2', 'C3']) AS voted \gset
SELECT throws_ok(format($$SELECT perf_eval.cs_decide(%s)$$, pg_temp.sheet('E08')),
                 '22023', 'the meeting of 2021-01-27 has no quorum: 3 of 6 voting members present',
                 'a decision without quorum is refused, even unanimous');
SELECT is((SELECT r.state FROM perf_eval.cs_result AS r WHERE r.sheet_id = pg_temp.sheet('E08')), 'scheduled',
          'the refused decision left the result scheduled');

-- Votes: present voting members only.
SELECT throws_ok(format($$SELECT perf_eval.cs_cast_vote(%s, %s, %s, true)$$, :meeting, pg_temp.sheet('E01'), pg_temp.emp('SEC')),
                 '22023', NULL, 'the secretary does not vote');
SELECT throws_ok(format($$SELECT perf_eval.cs_cast_vote(%s, %s, %s, true)$$, :meeting, pg_temp.sheet('E01'), pg_temp.emp('C6')),
                 '22023', NULL, 'an absent member does not vote');
SELECT throws_ok(format($$SELECT perf_eval.cs_cast_vote(%s, %s, %s, true)$$, :thin_meeting, pg_temp.sheet('E01'), pg_temp.emp('C1')),
                 '22023', NULL, 'a vote on a sheet that is not on the meeting''s agenda is refused');

-- Majority: 3 to 1 approves; 1 to 3 rejects, and the commission must give the revision.
SELECT pg_temp.vote(:meeting, pg_temp.sheet('E01'), ARRAY['C1', 'C2', 'C3'], ARRAY['C4']) AS voted \gset
SELECT is(perf_eval.cs_decide(pg_temp.sheet('E01')), 'approved', 'yes 3, no 1: the results are approved');
SELECT pg_temp.vote(:meeting, pg_temp.sheet('E02'), ARRAY['C1'], ARRAY['C2', 'C3', 'C4']) AS voted \gset
SELECT throws_ok(format($$SELECT perf_eval.cs_decide(%s)$$, pg_temp.sheet('E02')), '22023', NULL,
                 'yes 1, no 3: rejected, so a decision without the revised result is refused');
SELECT is(perf_eval.cs_decide(pg_temp.sheet('E02'), revised_grade => 'satisfactory'), 'revised',
          'yes 1, no 3: the commission revises the grade');
SELECT pg_temp.vote(:meeting, pg_temp.sheet('E07'), ARRAY['C1'], ARRAY['C2', 'C3', 'C4']) AS voted \gset
SELECT throws_ok(format($$SELECT perf_eval.cs_decide(%s, revised_grade => 'outstanding')$$, pg_temp.sheet('E07')),
                 '22023', 'unknown grade "outstanding"', 'a revised grade must be a grade of the m2018 bands');
SELECT pg_temp.vote(:meeting, pg_temp.sheet('E06'), ARRAY['C1', 'C2', 'C3', 'C4']) AS voted \gset
SELECT throws_ok(format($$SELECT perf_eval.cs_decide(%s, revised_kef => 0.7)$$, pg_temp.sheet('E06')), '22023',
                 format('the commission approved the results of sheet %s as presented: no revision applies', pg_temp.sheet('E06')),
                 'an approval takes no revision');

-- Ties: the chair's vote decides.
SELECT pg_temp.vote(:meeting, pg_temp.sheet('E03'), ARRAY['C1', 'C2'], ARRAY['C3', 'C4']) AS voted \gset
SELECT is(perf_eval.cs_decide(pg_temp.sheet('E03')), 'approved', 'a 2:2 tie with the chair in favour approves');
SELECT pg_temp.vote(:meeting, pg_temp.sheet('E04'), ARRAY['C2', 'C3'], ARRAY['C1', 'C4']) AS voted \gset
SELECT is(perf_eval.cs_decide(pg_temp.sheet('E04'), revised_kef => 0.5), 'revised',
          'a 2:2 tie with the chair against rejects: the commission revises Kef');
SELECT pg_temp.vote(:meeting, pg_temp.sheet('E05'), ARRAY['C2'], ARRAY['C3']) AS voted \gset
SELECT throws_ok(format($$SELECT perf_eval.cs_decide(%s)$$, pg_temp.sheet('E05')), '22023',
                 format('the vote on sheet %s is tied 1 to 1 and the chair has not voted', pg_temp.sheet('E05')),
                 'a tie without the chair''s vote cannot be decided');
SELECT results_eq(format($$SELECT r.decision, r.votes_yes, r.votes_no, r.chair_in_favour, r.members_present, r.members_voting,
                                  r.revised_kef, r.decided_on
                           FROM perf_eval.cs_result AS r WHERE r.sheet_id IN (%s, %s) ORDER BY r.sheet_id$$,
                         pg_temp.sheet('E03'), pg_temp.sheet('E04')),
                  $$VALUES ('approved', 2, 2, true, 4, 6, NULL::numeric, date '2021-01-28'),
                           ('revised', 2, 2, false, 4, 6, 0.5, date '2021-01-28')$$,
                  'the protocol keeps the open vote, the chair''s vote, attendance and the revision');
SELECT throws_ok(format($$SELECT perf_eval.cs_decide(%s)$$, pg_temp.sheet('E09')),
                 '22023', 'a decision needs at least one vote', 'no votes, no decision');

-- Working days (METHODOLOGY §6.3): the day after the event is day 1.
SELECT is(perf_eval.cs_add_working_days('2021-01-18', 10), date '2021-02-01',
          'a decision on Monday 18 January 2021 with no holidays: the appeal is due on Monday 1 February');
INSERT INTO perf_eval.cs_working_calendar (day, is_working, note) VALUES ('2021-01-25', false, 'a holiday'),
                                                                       ('2021-01-30', true, 'a transferred working Saturday');
SELECT is(perf_eval.cs_add_working_days('2021-01-18', 10), date '2021-02-01',
          'a holiday and a working Saturday in the window cancel out');
SELECT is(perf_eval.cs_working_days_between('2021-01-22', '2021-02-01'), 6,
          'working days after Friday 22 January up to Monday 1 February: 26, 27, 28, 29, 30 (Saturday) and 1');

SELECT * FROM finish();
ROLLBACK;
