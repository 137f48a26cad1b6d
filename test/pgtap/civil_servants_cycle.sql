-- The whole cycle of corps "B" (issue 22): an upheld appeal reopens the
-- assessment and the sheet gets a new result, the history says who, when and
-- why; 360 degrees per appraiser under row-level security; the graded
-- methodology's levels; consequences allowed by the level's table (22023
-- otherwise); every result explains itself.
BEGIN;
\i test/fixtures/civil_servants.sql

SELECT plan(32);

-- A result decided on 27 January 2021 and acknowledged, for each label.
CREATE FUNCTION pg_temp.acknowledged(label text, completed integer DEFAULT 60) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    sheet bigint := pg_temp.rated_sheet(label);
    meeting bigint := (SELECT max(m.meeting_id) FROM perf_eval.cs_commission_meeting AS m);
BEGIN
    UPDATE perf_eval.cs_plan_execution AS x SET completed_tasks = completed WHERE x.sheet_id = sheet;
    PERFORM perf_eval.cs_move('sheet', sheet, 'sign', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'submit', '2021-01-08');
    PERFORM perf_eval.cs_move('sheet', sheet, 'agree', '2021-01-11');
    PERFORM perf_eval.cs_submit_to_commission(sheet, '2021-01-13');
    PERFORM perf_eval.cs_schedule(sheet, meeting, '2021-01-14');
    PERFORM pg_temp.vote(meeting, sheet, ARRAY['C1', 'C2', 'C3', 'C4']);
    PERFORM perf_eval.cs_decide(sheet);
    PERFORM perf_eval.cs_move('result', sheet, 'approve_final', '2021-01-28');
    PERFORM perf_eval.cs_move('result', sheet, 'inform', '2021-01-29');
    PERFORM perf_eval.cs_move('result', sheet, 'acknowledge', '2021-02-01');
    RETURN sheet;
END
$$;
SELECT perf_eval.cs_schedule_meeting(pg_temp.commission(), '2021-01-27') AS meeting \gset
SELECT perf_eval.cs_mark_present(:meeting, ARRAY(SELECT pg_temp.emp(c) FROM unnest(ARRAY['C1', 'C2', 'C3', 'C4']) AS c));
SELECT pg_temp.acknowledged('E01') AS e01, pg_temp.acknowledged('E05', 40) AS e05 \gset

-- (1) The appeal is upheld; HR reopens the sheet for the direct supervisor.
SELECT perf_eval.cs_file_appeal(:e01, 'quality of KPI 1 was underrated', '2021-02-03');
SELECT perf_eval.cs_decide_appeal(:e01, 'recommend_revise', '2021-02-10');
SELECT throws_ok(format($$SELECT perf_eval.cs_reopen(%s, 'board', 'x', '2021-02-12')$$, :e01), '22023',
                 'unknown stage "board" to reopen the assessment at', 'the stage must be one the commission can name');
SELECT is(perf_eval.cs_reopen(:e01, 'supervisor', 'rate the quality of KPI 1 again, with the minutes of June',
                              '2021-02-12'),
          'returned', 'an upheld appeal returns the sheet to the direct supervisor');
SELECT is((SELECT state FROM perf_eval.cs_result WHERE sheet_id = :e01), 'reopened', 'the result is reopened');
SELECT results_eq(format($$SELECT d.deadline_key, d.due_on, d.working_days_late FROM perf_eval.cs_deadlines('2021-02-17') AS d
                           WHERE d.sheet_id = %s AND d.overdue$$, :e01),
                  $$VALUES ('cs.deadline.resubmit', date '2021-02-16', 1)$$,
                  'the returned sheet is due 2 working days after the reopening (Friday 12 February: Tuesday 16)');
UPDATE perf_eval.cs_kpi_rating SET quality = 3 WHERE sheet_id = :e01;
SELECT perf_eval.cs_move('sheet', :e01, 'submit', '2021-02-15', 'quality re-rated from the minutes of June');
SELECT perf_eval.cs_move('sheet', :e01, 'agree', '2021-02-16');
SELECT is(perf_eval.cs_submit_to_commission(:e01, '2021-02-17'), 'at_commission', 'the revised sheet returns to the commission');
SELECT is((SELECT r.state || ' ' || (r.decision IS NULL) FROM perf_eval.cs_result AS r WHERE r.sheet_id = :e01),
          'at_commission true', 'with the cancelled decision cleared');
SELECT cmp_ok((SELECT computed_kef FROM perf_eval.cs_result WHERE sheet_id = :e01), '>',
              (SELECT (cancelled_result->>'computed_kef')::numeric FROM perf_eval.cs_result_revision WHERE sheet_id = :e01),
              'the new result is computed from the revised ratings, above the cancelled one');
SELECT is((SELECT count(*) FROM perf_eval.cs_result_revision WHERE sheet_id = :e01 AND stage = 'supervisor'), 1::bigint,
          'the cancelled result is kept with the stage and the reason');
SELECT perf_eval.cs_schedule_meeting(pg_temp.commission(), '2021-03-01') AS second \gset
SELECT perf_eval.cs_mark_present(:second, ARRAY(SELECT pg_temp.emp(c) FROM unnest(ARRAY['C1', 'C2', 'C3', 'C4']) AS c));
SELECT perf_eval.cs_schedule(:e01, :second, '2021-02-17');
SELECT pg_temp.vote(:second, :e01, ARRAY['C1', 'C2', 'C3', 'C4']);
SELECT is(perf_eval.cs_decide(:e01), 'approved', 'the commission decides on the new result');
SELECT results_eq(format($$SELECT document, action, actor = current_user, why FROM perf_eval.cs_sheet_history
                           WHERE sheet_id = %s AND action IN ('appeal', 'decide_appeal', 'reopen', 'reopen_to_supervisor', 'submit')
                             AND on_date >= '2021-02-01' ORDER BY event_id$$, :e01),
                  format($$VALUES ('result', 'appeal', true, 'quality of KPI 1 was underrated'),
                                  ('result', 'decide_appeal', true, 'appeal outcome: recommend_revise'),
                                  ('result', 'reopen', true, 'rate the quality of KPI 1 again, with the minutes of June'),
                                  ('sheet', 'reopen_to_supervisor', true,
                                   'appeal %s upheld on 2021-02-10: rate the quality of KPI 1 again, with the minutes of June'),
                                  ('sheet', 'submit', true, 'quality re-rated from the minutes of June')$$,
                         (SELECT appeal_id FROM perf_eval.cs_appeal WHERE sheet_id = :e01)),
                  'the history shows every move with who and why');
SELECT is((SELECT why FROM perf_eval.cs_sheet_history WHERE sheet_id = :e01 AND action = 'agree' ORDER BY event_id DESC LIMIT 1),
          'APA 2020 report, Appendix 4, paragraph 23', 'a move without a reason shows the clause it implements');
SELECT perf_eval.cs_file_appeal(:e05, 'grounds', '2021-02-03');
SELECT perf_eval.cs_decide_appeal(:e05, 'unchanged', '2021-02-10');
SELECT throws_ok(format($$SELECT perf_eval.cs_reopen(%s, 'commission', 'again', '2021-02-12')$$, :e05), '22023',
                 format('the appeal against the result of sheet %s was not upheld', :e05),
                 'an appeal left unchanged does not reopen the assessment');
SELECT throws_ok(format($$UPDATE perf_eval.cs_result SET computed_kef = 1 WHERE sheet_id = %s$$, :e05), '22023', NULL,
                 'a computed result stays frozen outside a reopening');

-- (5) Explained results.
SELECT is_empty($$SELECT sheet_id FROM perf_eval.cs_result_explained
                  WHERE why IS NULL OR why NOT LIKE 'Kef % = (%' OR jsonb_array_length(explanation->'kpis') <> 2
                     OR explanation->'plan_execution'->>'band' IS NULL$$,
                'every result explains its Kef, its KPIs and the band of the plan gate');
SELECT matches((SELECT why FROM perf_eval.cs_result_explained WHERE sheet_id = :e05),
               'Kef is 0 because the plan was executed at 66.67 %, in the band "lt 75 => 0"',
               'a zero Kef says why: the plan gate');
SELECT matches((SELECT why FROM perf_eval.cs_result_explained WHERE sheet_id = :e01),
               'Kef exceeds 100 % because the difficulty factor',
               'a Kef above 100 % says why: the difficulty factor');
SELECT is((SELECT explanation->'kpis'->0->>'difficulty_factor' FROM perf_eval.cs_result_explained WHERE sheet_id = :e01),
          '1.8333', 'each KPI carries its difficulty factor (analytical, normal: 1 + 5/6)');
SELECT is(perf_eval.cs_band_applied(80, 'lt 75 => 0; lt 100 => 0.5; else => 1'), 'lt 100 => 0.5', 'the band applied, as written');

-- (3) The graded methodology.
SELECT is(perf_eval.cs_allowed_consequences('kz2020_apa', 'senior_management', false), '{bonus,intangible_incentive}',
          'senior management: bonuses and intangible incentives after a positive assessment');
SELECT is(perf_eval.cs_allowed_consequences('kz2020_apa', 'middle_management', true), '{development_plan,demotion,transfer}',
          'middle management: development, demotion, transfer after a negative one');
SELECT is((SELECT array_agg(cardinality(perf_eval.cs_param_list('kz2020_apa', format('cs.level.%s.kpi_criteria', t.tier)))
                            ORDER BY t.tier_order) FROM perf_eval.cs_position_tier AS t),
          '{4,4,3}', 'each level has its KPI criteria of Table 4.3');
SELECT is((SELECT provenance FROM perf_eval.methodology_param WHERE methodology = 'kz2020_apa' AND key = 'cs.360.aggregate'),
          'assumed', 'where the source is silent the parameter is assumed');
SELECT throws_ok(format($$INSERT INTO perf_eval.cs_monitoring (iwp_id, monitored_on, kpis_on_track, recommendations)
                          VALUES (%s, '2020-03-01', 2, 'on track')$$, (SELECT iwp_id FROM perf_eval.cs_assessment_sheet WHERE sheet_id = :e05)),
                 '22023', NULL, 'monitoring comes every six months: not in March');

-- (4) Consequences.
SELECT ok(perf_eval.cs_record_consequence(:e05, 'development_plan', 'Order No. 7 of 1 March 2021', '2021-03-01') > 0,
          'a negative result of an expert: a development plan');
SELECT throws_ok(format($$SELECT perf_eval.cs_record_consequence(%s, 'demotion', 'Order No. 8', '2021-03-01')$$, :e05),
                 '22023', 'demotion is not a consequence of a negative assessment of executive',
                 'executive staff are not demoted (Table 4.3): refused');
SELECT throws_ok(format($$SELECT perf_eval.cs_record_consequence(%s, 'bonus', 'Order No. 9', '2021-03-01')$$, :e05),
                 '22023', NULL, 'no bonus after a Kef of 0');
SELECT results_eq($$SELECT tier, assessed, decisions FROM perf_eval.cs_level_report WHERE body = 'ME'$$,
                  $$VALUES ('executive', 2::bigint, '{"development_plan": 1}'::jsonb)$$,
                  'the report per level counts results and decisions');

-- (2) 360 degrees: appraisers chosen by the head; a servant sees the aggregate, never an individual rating.
CREATE ROLE cs22_subject LOGIN;
CREATE ROLE cs22_peer LOGIN;
GRANT perf_eval_cs_employee TO cs22_subject, cs22_peer;
INSERT INTO perf_eval.cs_login VALUES ('cs22_subject', pg_temp.emp('E02')), ('cs22_peer', pg_temp.emp('E03'));
SELECT pg_temp.rated_sheet('E02') AS e02 \gset
INSERT INTO perf_eval.cs_appraiser (sheet_id, appraiser_id, role, chosen_on)
SELECT :e02, pg_temp.emp(a.label), a.role, '2021-01-05'
FROM (VALUES ('E02', 'self'), ('E03', 'peer'), ('MGR', 'manager')) AS a(label, role);
INSERT INTO perf_eval.cs_appraisal (sheet_id, appraiser_id, competency, manifested, defined)
SELECT :e02, pg_temp.emp(a.label), 'integrity', a.k, 4 FROM (VALUES ('E02', 4), ('E03', 2), ('MGR', 3)) AS a(label, k);
SET ROLE cs22_subject;
SELECT count(*) AS own_seen, count(*) FILTER (WHERE appraiser_id <> perf_eval.cs_current_employee()) AS others_seen
FROM perf_eval.cs_appraisal \gset
SELECT count(*) AS appraisers_seen FROM perf_eval.cs_appraiser \gset
RESET ROLE;
SET ROLE cs22_peer;
SELECT string_agg(manifested::text, ',') AS peer_seen FROM perf_eval.cs_appraisal \gset
RESET ROLE;
SELECT is(:others_seen::integer, 0, 'the servant reads no other appraiser''s rating');
SELECT is(:'own_seen'::text || '/' || :'appraisers_seen', '1/1', 'only their own self-rating and their own role as appraiser');
SELECT is(:'peer_seen'::text, '2', 'a peer reads only the rating they gave');
SELECT is(perf_eval.cs_derive_competencies(:e02), 1, 'the competency result is derived from the appraisers');
SET ROLE cs22_subject;
SELECT manifested || '/' || defined AS aggregate FROM perf_eval.cs_competency_rating
WHERE sheet_id = :e02 AND competency = 'integrity' \gset
RESET ROLE;
SELECT is(:'aggregate'::text, '3/4', 'the servant sees the aggregate: the mean k (4, 2, 3) is 3 of 4, which meets the 3/4 rule');

SELECT * FROM finish();
ROLLBACK;
