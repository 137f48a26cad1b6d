-- make demo, step 4: the assessment cycle of 2020 for every block, through the
-- cycle functions: preliminary conclusions, two objections of the Ministry of
-- Finance (one accepted, one rejected), final conclusions and publication.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;

-- The Ministry of Finance's staff object through their own login (a submitter of MF).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'demo_mf_staff') THEN
        CREATE ROLE demo_mf_staff LOGIN IN ROLE perf_eval_submitter;
    END IF;
END
$$;
INSERT INTO perf_eval.body_submitter VALUES ('demo_mf_staff', 'MF') ON CONFLICT DO NOTHING;

-- The blocks the 2020 run computed; each gets its cycle.
CREATE TEMP TABLE demo_block AS
SELECT DISTINCT n.block
FROM perf_eval.current_run AS cr
JOIN perf_eval.score AS s USING (run_id)
JOIN perf_eval.score_node AS n ON n.code = s.node
WHERE cr.year = 2020 AND cr.methodology = perf_eval.resolve_methodology(NULL);

\echo
\echo '=== The assessor opens the cycles and issues preliminary conclusions ==='
SELECT (perf_eval.cycle_open(2020, b.block)).block FROM demo_block AS b ORDER BY 1 \g /dev/null
SELECT (perf_eval.cycle_preliminary(2020, b.block)).block FROM demo_block AS b ORDER BY 1 \g /dev/null
CALL perf_eval.recalculate(2020);
SELECT c.block, c.state, c.objection_working_days, c.objection_deadline
FROM demo_block AS b, perf_eval.cycle_open_objections(2020, b.block) AS c ORDER BY c.block;

\echo
\echo '=== The Ministry of Finance objects to two nodes of its preliminary result ==='
SET ROLE demo_mf_staff;
SELECT perf_eval.file_objection(2020, 'MF', 'interaction.openness',
                                'The open data sets of 2020 were published in full on data.egov.kz',
                                30, 'MF letter 01-12/345 of 2021-02-15') AS objection_id;
SELECT perf_eval.file_objection(2020, 'MF', 'interaction.complaints',
                                'Late answers were caused by the quarantine',
                                25, 'MF letter 01-12/346 of 2021-02-15') AS objection_id;
RESET ROLE;

\echo
\echo '=== The assessor decides: one accepted, one rejected ==='
SELECT d.objection_id, d.node, d.decision, d.decision_reason
FROM perf_eval.objection AS o
CROSS JOIN LATERAL perf_eval.decide_objection(o.objection_id,
    CASE WHEN o.node = 'interaction.openness' THEN 'accepted' ELSE 'rejected' END,
    CASE WHEN o.node = 'interaction.openness' THEN 'The open data portal confirms the publication'
         ELSE 'The deadlines of complaints were not suspended in 2020' END) AS d
WHERE o.year = 2020 ORDER BY d.objection_id;
CALL perf_eval.recalculate(2020);

\echo
\echo '=== Final conclusions and publication ==='
SELECT (perf_eval.cycle_finalise(2020, b.block)).block FROM demo_block AS b ORDER BY 1 \g /dev/null
SELECT (perf_eval.cycle_publish(2020, b.block)).block FROM demo_block AS b ORDER BY 1 \g /dev/null
SELECT p.year, p.block, p.methodology, p.revision, p.superseded
FROM perf_eval.published_run AS p WHERE p.year = 2020 ORDER BY p.block;

\echo
\echo '=== Published ranking: interaction, CSB, 2020 ==='
SELECT r.rank, r.body, r.score_shown AS score, r.zone, r.previous_rank AS rank_2019, r.movement, r.result_kind,
       r.assessment, r.missing_inputs
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = perf_eval.resolve_methodology(NULL) AND r.block = 'interaction' AND r.kind = 'CSB'
ORDER BY r.rank NULLS LAST, r.body;

\echo
\echo '=== The explanation of MF''s openness cites the accepted objection ==='
SELECT c.node, c.score_shown, c.origin, c.explanation -> 'supplied' ->> 'document' AS document
FROM perf_eval.body_card AS c
WHERE c.year = 2020 AND c.body = 'MF' AND c.node IN ('interaction', 'interaction.openness') ORDER BY c.node;
