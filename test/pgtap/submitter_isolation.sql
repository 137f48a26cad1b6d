-- Submitter isolation (ARCHITECTURE §3 "Security"): a member of
-- perf_eval_submitter mapped to one body in perf_eval.body_submitter can
-- neither read, insert, update nor delete another body's rows in ANY table
-- whose row-level security policies apply to submitters, and can still do
-- what its grants permit on its own body's rows.
--
-- The tables are enumerated from the catalog (pg_policy), not listed by
-- hand: a new table with a submitter policy and no fixture below FAILS
-- here, so it is never silently skipped. Each fixture is one valid row of
-- its table without the body column; it is inserted for body A (the
-- submitter's) and body B (another body) by the superuser, parents before
-- children (the order comes from the foreign keys).
--
-- For each table, as the submitter of A:
--   - SELECT shows only A's rows;
--   - INSERT of a B row fails with 42501;
--   - UPDATE ... WHERE body = B affects 0 rows (or fails with 42501);
--   - UPDATE without a WHERE clause and reading no column (so that only
--     the UPDATE policy, not the SELECT policy, filters the rows) affects
--     exactly A's rows;
--   - moving A's row to B fails with 42501;
--   - DELETE ... WHERE body = B affects 0 rows (or fails with 42501);
--   - DELETE without a WHERE clause affects exactly A's rows (children
--     first), and A's row can then be entered again;
-- and at the end, as the superuser, B's rows are exactly as they were.
-- Also: every relation with a body column that submitters may write has
-- row-level security enabled.
BEGIN;

CREATE ROLE test_iso_mf LOGIN IN ROLE perf_eval_submitter;
INSERT INTO perf_eval.body_submitter VALUES ('test_iso_mf', 'MF');

-- Tables with a policy that applies to submitters (to the role itself, a
-- role it belongs to, or PUBLIC), with the submitter's privileges and the
-- depth of the table in the foreign-key graph (0: references no other
-- such table).
CREATE TEMP TABLE submitter_table AS
WITH RECURSIVE policed AS (
    SELECT DISTINCT c.oid, c.relname::text AS tbl
    FROM pg_catalog.pg_policy AS p
    JOIN pg_catalog.pg_class AS c ON c.oid = p.polrelid
    WHERE c.relnamespace = 'perf_eval'::regnamespace
      AND EXISTS (SELECT 1 FROM unnest(p.polroles) AS r(oid)
                  WHERE r.oid = 0 OR pg_catalog.pg_has_role('perf_eval_submitter', r.oid, 'MEMBER'))
), depth (oid, depth) AS (
    SELECT oid, 0 FROM policed
    UNION ALL
    SELECT con.conrelid, d.depth + 1
    FROM depth AS d
    JOIN pg_catalog.pg_constraint AS con ON con.confrelid = d.oid AND con.contype = 'f' AND con.conrelid <> con.confrelid
    WHERE d.depth < 20
)
SELECT p.tbl, max(d.depth) AS depth,
       has_table_privilege('perf_eval_submitter', p.oid, 'SELECT') AS may_select,
       has_table_privilege('perf_eval_submitter', p.oid, 'INSERT') AS may_insert,
       has_table_privilege('perf_eval_submitter', p.oid, 'UPDATE') AS may_update,
       has_table_privilege('perf_eval_submitter', p.oid, 'DELETE') AS may_delete,
       EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
               WHERE a.attrelid = p.oid AND a.attname = 'body' AND NOT a.attisdropped) AS has_body
FROM policed AS p JOIN depth AS d USING (oid)
GROUP BY p.oid, p.tbl, d.oid;

-- 9 tests per table, plus 3.
SELECT plan(3 + 9 * (SELECT count(*)::integer FROM submitter_table));

-- One valid row per table, without its body. Keyed by table name: a table
-- with submitter policies that is missing here fails the test.
CREATE TEMP TABLE fixture (tbl text PRIMARY KEY, row_values jsonb NOT NULL);
INSERT INTO fixture VALUES
('complaint_counts', '{"year": 2040, "considered": 10, "late": 1, "court_satisfied": 0, "repeated_satisfied": 0,
                       "late_disciplined": 0}'),
('goal', '{"year": 2040, "goal_code": "G1"}'),
('target_indicator', '{"year": 2040, "goal_code": "G1", "indicator_code": "I1", "direction": "increase", "plan": 100,
                       "fact": 90, "fact_published": true}'),
('budget_programme', '{"year": 2040, "programme_code": "P1", "programme_type": "current", "achievement": 100,
                       "disbursement": 100}'),
('budget_programme_result', '{"year": 2040, "programme_code": "P1", "result_code": "R1", "plan": 100, "fact": 100}'),
('goal_programme_link', '{"year": 2040, "goal_code": "G1", "coefficient": 1}'),
('budget_assessment', '{"year": 2040, "citizens_budget_compliance": 90}'),
('service_counts', '{"year": 2040, "deliveries": 10, "deadline_violations": 0, "unreasonable_refusals": 0,
                     "incomplete_package": 0, "extra_documents": 0, "electronic": 5, "quality_appeals_justified": 0}'),
('service_indicators', '{"year": 2040, "satisfaction_percent": 80}'),
('openness_inputs', '{"year": 2040, "open_data_published": 10, "open_data_required": 12, "budget_filling_percent": 70,
                      "blog_questions_received": 6, "blog_questions_answered": 5, "dialogue_indicator_2": 1,
                      "dialogue_indicator_3": 1, "dialogue_indicator_4": 1, "dialogue_indicator_5": 1}'),
('open_nla_fulfilment', '{"year": 2040, "language": "kk", "item": "drafts", "fulfilment": 1}'),
('orgdev_hr_inputs', '{"year": 2040, "left_management": 0, "left_other": 0, "long_tenure_percent": 50,
                       "exit_interview_percent": 50, "women_leadership_percent": 50, "qualified_percent": 50,
                       "overtime_free_percent": 50, "working_conditions_survey_percent": 50,
                       "management_survey_percent": 50, "advanced_training_due": 0, "advanced_training_done": 0,
                       "retraining_due": 0, "retraining_done": 0, "hr_strategy_approved": true,
                       "ekyzmet_documents_per_servant": 1, "observed_competitions_percent": 50,
                       "meritocracy_survey_percent": 50, "internal_promotion_percent": 50,
                       "incentives_survey_percent": 50, "ethics_survey_percent": 50}'),
('orgdev_headcount_month', '{"year": 2040, "month": 1, "management": 20, "other": 80}'),
('orgdev_it_inputs', '{"year": 2040, "integrations_planned": 1, "integrations_implemented": 1, "functions_subject": 10,
                       "functions_own_systems": 5, "functions_service_model": 0, "functions_other_bodies_systems": 0,
                       "functions_third_party": 0}'),
('orgdev_information_system', '{"year": 2040, "system_code": "S1", "registered_on_portal": true, "relevance_level": 1}'),
('input_verification', '{"year": 2040, "relation": "perf_eval.complaint_counts", "row_key": {"year": 2040},
                         "field": "considered", "reported_value": 12, "verified_value": 10, "document": "act 1"}'),
('objection', '{"year": 2040, "block": "interaction", "methodology": "kz2020", "node": "interaction",
                "claim": "The complaints were answered in time", "value_asked": 90, "document": "letter 1"}');

-- The INSERT of a table's fixture row for a body.
CREATE FUNCTION pg_temp.fixture_insert(tbl text, body text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT format('INSERT INTO perf_eval.%I (body, %s) SELECT %L, %s FROM jsonb_populate_record(NULL::perf_eval.%I, %L::jsonb) AS r',
                  $1, string_agg(format('%I', k), ', ' ORDER BY k), $2, string_agg(format('r.%I', k), ', ' ORDER BY k),
                  $1, f.row_values)
    FROM fixture AS f, jsonb_object_keys(f.row_values) AS k
    WHERE f.tbl = $1
    GROUP BY f.row_values
$$;

-- What a statement did: the number of rows it affected, or its SQLSTATE
-- (its effects then undone).
CREATE FUNCTION pg_temp.outcome(statement text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    affected bigint;
BEGIN
    EXECUTE statement;
    GET DIAGNOSTICS affected = ROW_COUNT;
    RETURN affected::text;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END
$$;

-- B's rows of a table, as they are now.
CREATE FUNCTION pg_temp.rows_of(tbl text, body text) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
    result jsonb;
BEGIN
    EXECUTE format('SELECT jsonb_agg(to_jsonb(t) ORDER BY to_jsonb(t)::text) FROM perf_eval.%I AS t WHERE t.body = $1', tbl)
       INTO result USING body;
    RETURN result;
END
$$;

GRANT SELECT ON submitter_table, fixture TO test_iso_mf;

-- The tables testable here: with a fixture and a body column.
CREATE TEMP VIEW testable AS
SELECT s.* FROM submitter_table AS s JOIN fixture AS f USING (tbl) WHERE s.has_body;
GRANT SELECT ON testable TO test_iso_mf;

SELECT ok((SELECT count(*) FROM submitter_table) > 0,
          'the catalog lists tables with row-level security policies for submitters');

SELECT is_empty($$SELECT tbl FROM fixture EXCEPT SELECT tbl FROM submitter_table$$,
                'every fixture belongs to a table with submitter policies');

SELECT is_empty($$SELECT c.relname
                  FROM pg_catalog.pg_class AS c
                  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attname = 'body' AND NOT a.attisdropped
                  WHERE c.relnamespace = 'perf_eval'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                    AND (has_table_privilege('perf_eval_submitter', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
                         OR has_any_column_privilege('perf_eval_submitter', c.oid, 'INSERT, UPDATE'))
                    AND NOT (c.relkind IN ('r', 'p') AND c.relrowsecurity)$$,
                'every relation with a body column that submitters may write is a table under row-level security');

-- Untestable tables fail, and the rest of their tests are skipped.
SELECT CASE WHEN f.tbl IS NULL
            THEN fail(format('%s has row-level security policies for submitters but no fixture in this test', s.tbl))
            ELSE fail(format('%s has row-level security policies for submitters but no body column', s.tbl))
       END || E'\n' || skip(format('no fixture row for %s', s.tbl), 8)
FROM submitter_table AS s LEFT JOIN fixture AS f USING (tbl)
WHERE f.tbl IS NULL OR NOT s.has_body
ORDER BY s.tbl;

-- Body A (MF, the submitter's) and body B (MJ) each get one row in every table.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT tbl FROM testable ORDER BY depth, tbl LOOP
        EXECUTE pg_temp.fixture_insert(t.tbl, 'MF');
        EXECUTE pg_temp.fixture_insert(t.tbl, 'MJ');
    END LOOP;
END
$$;
CREATE TEMP TABLE b_before AS SELECT tbl, pg_temp.rows_of(tbl, 'MJ') AS rows FROM testable;

-- All the submitter's attempts, table by table, in an order that respects
-- the foreign keys.
CREATE FUNCTION pg_temp.submitter_attempts() RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
    t record;
    got text;
    expected text;
    what text;
BEGIN
    SET LOCAL ROLE test_iso_mf;

    FOR t IN SELECT * FROM testable ORDER BY depth, tbl LOOP
        IF t.may_select THEN
            RETURN NEXT results_eq(format('SELECT body, count(*) FROM perf_eval.%I GROUP BY body', t.tbl),
                                   $v$VALUES ('MF'::text, 1::bigint)$v$,
                                   format('%s: a submitter sees its own body''s rows and no other body''s', t.tbl));
        ELSE
            RETURN NEXT throws_ok(format('SELECT * FROM perf_eval.%I', t.tbl), '42501', NULL,
                                  format('%s: a submitter without SELECT sees nothing', t.tbl));
        END IF;

        RETURN NEXT is(pg_temp.outcome(pg_temp.fixture_insert(t.tbl, 'MJ')), '42501',
                       format('%s: a submitter cannot insert another body''s row', t.tbl));

        got := pg_temp.outcome(format('UPDATE perf_eval.%I SET body = body WHERE body = %L', t.tbl, 'MJ'));
        what := format('%s: a submitter''s UPDATE of another body''s rows affects none (got %s)', t.tbl, got);
        RETURN NEXT ok(got IN ('0', '42501'), what);

        -- Reads no column, so only the UPDATE policy chooses the rows.
        expected := CASE WHEN t.may_update THEN '1' ELSE '42501' END;
        RETURN NEXT is(pg_temp.outcome(format('UPDATE perf_eval.%I SET body = %L', t.tbl, 'MF')), expected,
                       format('%s: a submitter''s UPDATE without WHERE reaches only its own body''s row', t.tbl));

        RETURN NEXT is(pg_temp.outcome(format('UPDATE perf_eval.%I SET body = %L WHERE body = %L', t.tbl, 'MJ', 'MF')),
                       '42501', format('%s: a submitter cannot hand its row over to another body', t.tbl));

        got := pg_temp.outcome(format('DELETE FROM perf_eval.%I WHERE body = %L', t.tbl, 'MJ'));
        what := format('%s: a submitter''s DELETE of another body''s rows affects none (got %s)', t.tbl, got);
        RETURN NEXT ok(got IN ('0', '42501'), what);
    END LOOP;

    -- Children before parents, so that only the policy limits the DELETE.
    FOR t IN SELECT * FROM testable ORDER BY depth DESC, tbl LOOP
        expected := CASE WHEN t.may_delete THEN '1' ELSE '42501' END;
        RETURN NEXT is(pg_temp.outcome(format('DELETE FROM perf_eval.%I', t.tbl)), expected,
                       format('%s: a submitter''s DELETE without WHERE reaches only its own body''s row', t.tbl));
    END LOOP;

    FOR t IN SELECT * FROM testable ORDER BY depth, tbl LOOP
        expected := CASE WHEN NOT t.may_insert THEN '42501' WHEN NOT t.may_delete THEN '23505' ELSE '1' END;
        RETURN NEXT is(pg_temp.outcome(pg_temp.fixture_insert(t.tbl, 'MF')), expected,
                       format('%s: a submitter enters its own body''s row', t.tbl));
    END LOOP;

    RESET ROLE;
END
$$;

SELECT * FROM pg_temp.submitter_attempts();

SELECT is(pg_temp.rows_of(b.tbl, 'MJ'), b.rows, format('%s: the other body''s rows are untouched', b.tbl))
FROM b_before AS b
ORDER BY b.tbl;

SELECT * FROM finish();
ROLLBACK;
