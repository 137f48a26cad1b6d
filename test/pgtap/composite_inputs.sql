-- Issue 14, item 5: no silently wrong answers. A tally passed as a value
-- (ROW(...)::perf_eval.complaint_tally, an indicator_tally) is checked as the
-- scalar kernels check their counts, by the one check the merge aggregates
-- use (checked_tally); the points of leb_violation_points are checked like
-- every kernel argument; a NULL methodology is the setting, else the default.
BEGIN;
SELECT plan(27);

-- SQLSTATE, message, detail and hint of the error a statement raises.
CREATE FUNCTION pg_temp.error_of(statement text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
    state text; message text; detail text; hint text;
BEGIN
    EXECUTE statement;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT,
                            detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT;
    RETURN ARRAY[state, message, detail, hint];
END
$$;

-- leb_violation_points: the exact repros returned NaN, Infinity and -4.
SELECT throws_ok($$SELECT perf_eval.leb_violation_points(false, NULL, NULL, false, 10, 2, 'NaN', 'ge 5 => 1; else => 0')$$,
                 '22023', 'not_audited_points must be a finite number', 'NaN not_audited_points is 22023, not NaN');
SELECT throws_ok($$SELECT perf_eval.leb_violation_points(false, NULL, NULL, false, 10, 2, 'Infinity', 'ge 5 => 1; else => 0')$$,
                 '22023', 'not_audited_points must be a finite number', 'infinite not_audited_points is 22023, not Infinity');
SELECT throws_ok($$SELECT perf_eval.leb_violation_points(false, NULL, NULL, true, 10, -7, 3, 'ge 5 => 1; else => 0')$$,
                 '22003', 'ia_analysis_points must not be negative', 'negative ia_analysis_points is 22003, not -4');
SELECT throws_ok($$SELECT perf_eval.leb_violation_points(false, NULL, NULL, false, -1, 2, 3, 'ge 5 => 1; else => 0')$$,
                 '22003', 'clean_points must not be negative', 'points an unused branch would take are checked too');
SELECT throws_ok($$SELECT perf_eval.leb_violation_points(true, 0, 1000, false, 'NaN', 2, 3, 'ge 5 => 1; else => 0')$$,
                 '22023', 'clean_points must be a finite number', 'NaN clean_points of an audited body is 22023');
SELECT is((pg_temp.error_of($$SELECT perf_eval.leb_violation_points(false, NULL, NULL, false, 10, 2, 'NaN', 'ge 5 => 1; else => 0')$$))[3:4],
          ARRAY['not_audited_points = NaN.',
                'LEB absence of violations, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2: not_audited_points is points, a finite number >= 0 (NaN and infinity are not points).'],
          'the detail names the argument, the hint the valid range and the section');
SELECT is((pg_temp.error_of($$SELECT perf_eval.leb_violation_points(false, NULL, NULL, true, 10, -7, 3, 'ge 5 => 1; else => 0')$$))[3:4],
          ARRAY['ia_analysis_points = -7.',
                'LEB absence of violations, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2: ia_analysis_points is points, a finite number >= 0.'],
          'negative points: detail and hint');
SELECT throws_ok($$SELECT perf_eval.leb_violation_points(true, NULL, 1000, false, 10, 2, 3, 'ge 5 => 1; else => 0')$$,
                 '22023', 'violation and audited amounts missing for an audited body', 'an audited body still needs V and B');
SELECT is(perf_eval.leb_violation_points(false, NULL, NULL, true, 10, 2, 3, 'ge 5 => 1; else => 0'), 5::numeric,
          'not audited with an internal-audit analysis: 3 + 2');
SELECT is(perf_eval.leb_violation_points(true, 60, 1000, false, 8, 2, 5, 'ge 5 => 1; else => 0'), 1::numeric,
          'audited: bands on 100 V / B');
SELECT is(perf_eval.leb_violation_points(NULL, NULL, NULL, true, 10, 2, 3, 'ge 5 => 1; else => 0'), NULL::numeric,
          'a NULL other than V and B gives NULL');

-- complaint_criteria: a NULL methodology is the setting, else the default version (as resolve_methodology says).
SELECT results_eq(
    $$SELECT node, raw_value, reason FROM perf_eval.complaint_criteria(ROW(10, 2, 0, 0, 0, 0)::perf_eval.complaint_tally, NULL)$$,
    $$SELECT node, raw_value, reason FROM perf_eval.complaint_criteria(ROW(10, 2, 0, 0, 0, 0)::perf_eval.complaint_tally,
                                                                       perf_eval.resolve_methodology(NULL))$$,
    'complaint_criteria with a NULL methodology computes under the default version');
SELECT is_empty($$SELECT 1 FROM perf_eval.complaint_criteria(ROW(10, 2, 0, 0, 0, 0)::perf_eval.complaint_tally, NULL)
                  WHERE reason = 'zero_volume'$$,
                'a tally of 10 considered is no zero-volume case under a NULL methodology');
SET LOCAL perf_eval.methodology = 'kz2017';
SELECT is((SELECT count(*) FROM perf_eval.complaint_criteria(ROW(10, 2, 0, 0, 0, 0)::perf_eval.complaint_tally)
           WHERE reason = 'supplied_only'), 1::bigint,
          'an omitted methodology follows the setting perf_eval.methodology (kz2017: R3 supplied only)');
RESET perf_eval.methodology;

-- complaint_scores and complaint_criteria: the same checks as the scalar kernels and the merge aggregate.
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_scores(ROW(100, 1, 1, 500, 1, 0)::perf_eval.complaint_tally, 'kz2020')$$,
                 '22023', 'inconsistent complaint_tally: a part exceeds its whole', 'a part larger than its whole is 22023');
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_scores(ROW(100, -1, 0, 0, 0, 0)::perf_eval.complaint_tally, 'kz2020')$$,
                 '22003', 'complaint_tally counts must not be negative', 'a negative count is 22003');
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_scores(ROW(100, 5, 0, 0, 0, 6)::perf_eval.complaint_tally, 'kz2020')$$,
                 '22023', 'inconsistent complaint_tally: a part exceeds its whole', 'late_disciplined > late is 22023');
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_criteria(ROW(100, NULL, 0, 0, 0, 0)::perf_eval.complaint_tally, 'kz2020')$$,
                 '22023', 'complaint_tally field 2 must not be null', 'a NULL field is 22023');
SELECT is((SELECT total FROM perf_eval.complaint_scores(ROW(100, 1, 1, 5, 1, 0)::perf_eval.complaint_tally, 'kz2020')) IS NOT NULL,
          true, 'a consistent tally is still scored');
SELECT is((pg_temp.error_of($$SELECT * FROM perf_eval.complaint_scores(ROW(100, 1, 1, 500, 1, 0)::perf_eval.complaint_tally, 'kz2020')$$))[2:4],
          (pg_temp.error_of($$SELECT perf_eval.complaint_tally_merge_agg(t) FROM (VALUES (ROW(100, 1, 1, 500, 1, 0)::perf_eval.complaint_tally)) AS v(t)$$))[2:4],
          'complaint_scores and complaint_tally_merge_agg raise the same error: one check');

-- goal_status: negative tallies were accepted.
SELECT throws_ok($$SELECT perf_eval.goal_status(ROW(-1, 0, 0, 0, -1, 0, 0, 0)::perf_eval.indicator_tally)$$,
                 '22003', 'indicator_tally counts must not be negative', 'goal_status refuses a negative count');
SELECT throws_ok($$SELECT perf_eval.goal_status(ROW(3, 5, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally)$$,
                 '22023', 'inconsistent indicator_tally: statuses must add up to indicators', 'goal_status refuses statuses that do not add up');
SELECT is(perf_eval.goal_status(ROW(3, 1, 2, 0, 0, 1, 0, 0)::perf_eval.indicator_tally), 'partial', 'a consistent tally still has a status');
SELECT is(perf_eval.goal_status(ROW(0, 0, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally), 'not_counted', 'the empty tally is not_counted');

-- The shared check refuses what is no tally.
SELECT throws_ok($$SELECT perf_eval.checked_tally(42)$$, '42804', NULL,
                 'checked_tally takes only the tally types');
SELECT is(perf_eval.checked_tally(ROW(7, 1, 0, 0, 0, 0, 0)::perf_eval.service_tally),
          ROW(7, 1, 0, 0, 0, 0, 0)::perf_eval.service_tally, 'a consistent tally comes back unchanged');

-- Every function taking a perf_eval composite as input is one of these. The
-- tally takers go through checked_tally (directly or via complaint_criteria);
-- a new one must be added here, with its check.
SELECT set_eq(
    $$SELECT p.oid::regprocedure::text
      FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace
      WHERE n.nspname = 'perf_eval'
        AND EXISTS (SELECT 1 FROM unnest(p.proargtypes::oid[]) AS a(t) JOIN pg_type AS ty ON ty.oid = a.t
                    JOIN pg_namespace AS tn ON tn.oid = ty.typnamespace
                    WHERE tn.nspname = 'perf_eval' AND ty.typtype = 'c')$$,
    $$VALUES ('perf_eval.complaint_tally_merge_transition(internal,perf_eval.complaint_tally)'),  -- pe_tally_read_checked
             ('perf_eval.complaint_tally_merge_agg(perf_eval.complaint_tally)'),
             ('perf_eval.service_tally_merge_transition(internal,perf_eval.service_tally)'),      -- pe_tally_read_checked
             ('perf_eval.service_tally_merge_agg(perf_eval.service_tally)'),
             ('perf_eval.indicator_tally_merge_transition(internal,perf_eval.indicator_tally)'),  -- pe_tally_read_checked
             ('perf_eval.indicator_tally_merge_agg(perf_eval.indicator_tally)'),
             ('perf_eval.complaint_criteria(perf_eval.complaint_tally,text,text)'),               -- checked_tally
             ('perf_eval.complaint_scores(perf_eval.complaint_tally,text,numeric,numeric)'),      -- via complaint_criteria
             ('perf_eval.goal_status(perf_eval.indicator_tally)'),                                -- checked_tally
             ('perf_eval.cs_apply_move(perf_eval.cs_workflow_transition,bigint,date)'),          -- a row of cs_legal_move, no counts
             ('perf_eval.cs_apply_move_because(perf_eval.cs_workflow_transition,bigint,date,text)'), -- the same, with a reason
             ('perf_eval.cs_result_reasons(perf_eval.cs_result,text,text,numeric,text,numeric)')     -- a stored result, words only
    $$,
    'every function taking a perf_eval composite is listed with its check');

SELECT * FROM finish();
ROLLBACK;
