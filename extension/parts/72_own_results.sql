-- =========================================================================
-- Section: a body's own view of its results (docs/architecture.md
-- "Visibility model"): its submitters read every node of its preliminary,
-- final and published results (and the latest where no cycle exists) with
-- the explanation, what is missing and the objections still open.
-- =========================================================================
CREATE VIEW perf_eval.my_results AS
SELECT c.year, c.methodology, c.body, c.result_kind, c.node, c.level, c.node_title,
       c.score, c.score_shown, c.maximum, c.status, c.reason,
       CASE WHEN c.level = 'block' THEN
           (SELECT k.missing_inputs FROM perf_eval.result_ranking AS k
            WHERE k.year = c.year AND k.methodology = c.methodology AND k.block = c.node AND k.body = c.body
              AND k.result_kind = c.result_kind)
       END AS missing_inputs,
       c.zone, c.zone_order, c.rank, c.n_ranked, c.explanation,
       (SELECT jsonb_agg(jsonb_build_object('objection_id', o.objection_id, 'claim', o.claim, 'value_asked', o.value_asked,
                                            'document', o.document, 'filed_at', o.filed_at) ORDER BY o.objection_id)
        FROM perf_eval.objection AS o
        WHERE o.year = c.year AND o.methodology = c.methodology AND o.body = c.body AND o.node = c.node
          AND o.decision IS NULL) AS open_objections
FROM perf_eval.result_body_card AS c
WHERE perf_eval.submits_for(c.body);
COMMENT ON COLUMN perf_eval.my_results.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.my_results.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.my_results.body IS 'Code of a state body the current role submits for';
COMMENT ON COLUMN perf_eval.my_results.result_kind IS 'published | final | preliminary | latest (perf_eval.result_run)';
COMMENT ON COLUMN perf_eval.my_results.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.my_results.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.my_results.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.my_results.score IS 'Score in points, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.my_results.score_shown IS 'Score rounded half away from zero (blocks to the decimals of the display setting block_score, other nodes to node_score)';
COMMENT ON COLUMN perf_eval.my_results.maximum IS 'Maximum of the node in points under the methodology and body kind';
COMMENT ON COLUMN perf_eval.my_results.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.my_results.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...): what is missing';
COMMENT ON COLUMN perf_eval.my_results.missing_inputs IS 'Blocks only, for a block not assessed: the directions without a score and why, comma-separated';
COMMENT ON COLUMN perf_eval.my_results.zone IS 'Blocks only: efficiency zone of the unrounded score: high | medium | low | ineffective';
COMMENT ON COLUMN perf_eval.my_results.zone_order IS 'Blocks only: sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.my_results.rank IS 'Blocks only: rank among the bodies of the same kind in this result; NULL if not ranked';
COMMENT ON COLUMN perf_eval.my_results.n_ranked IS 'Blocks only: number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.my_results.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.my_results.open_objections IS 'The body''s objections to the node not yet decided (jsonb array: objection_id, claim, value_asked, document, filed_at)';
COMMENT ON VIEW perf_eval.my_results IS
'A body''s own results, for its submitters (perf_eval.body_submitter): every node of its preliminary, final and published results (and the latest where no assessment cycle exists) with the explanation, what is missing and its open objections';

GRANT SELECT ON perf_eval.my_results TO perf_eval_submitter, perf_eval_reader;
