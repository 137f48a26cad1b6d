-- Structural forks (docs/methodology.md §2.8): a fork leaves a criterion or a
-- direction out, changes maxima and weights, adds a criterion whose value is
-- supplied; the tree is validated (refusals name the nodes) and the engine
-- recalculates with the fork's tree. Expected values are computed here from
-- the inputs with the formulas of docs/methodology.md §4.4, not copied.
BEGIN;
SELECT plan(27);

-- Inputs of one CSB: complaints p = 20 000, f = 8, a = 0, n = 21, d = 6
-- (R1 = 24, R2 = 30, R3 = 17.9, R4 = 6); services and openness supplied.
INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2020, 20000, 8, 0, 21, 6);
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES
    ('MF', 2020, 'interaction.services', 80), ('MF', 2020, 'interaction.openness', 70);
CREATE TEMP VIEW criterion_from_inputs AS
SELECT 'interaction.complaints.timeliness'::text AS node, 40 * (c.considered - 1000.0 * c.late) / c.considered AS points FROM perf_eval.complaint_counts AS c WHERE c.body = 'MF' AND c.year = 2020
UNION ALL SELECT 'interaction.complaints.court', 30 * (c.considered - 10000.0 * c.court_satisfied) / c.considered FROM perf_eval.complaint_counts AS c WHERE c.body = 'MF' AND c.year = 2020
UNION ALL SELECT 'interaction.complaints.repeat', 20 * (c.considered - 100.0 * c.repeated_satisfied) / c.considered FROM perf_eval.complaint_counts AS c WHERE c.body = 'MF' AND c.year = 2020
UNION ALL SELECT 'interaction.complaints.internal_control', 6 FROM perf_eval.complaint_counts AS c WHERE c.body = 'MF' AND c.year = 2020
  AND 100.0 * c.late_disciplined / c.late >= 70 AND 100.0 * c.late_disciplined / c.late < 80;  -- the R4 band "ge 70 => 6"
CREATE TEMP VIEW parameter_maximum AS
SELECT n.code AS node, p.value::numeric AS maximum FROM perf_eval.score_node AS n
JOIN perf_eval.methodology_param AS p ON p.methodology = 'kz2020' AND p.key = n.max_key;
CREATE TEMP VIEW fork_score AS
SELECT s.methodology, s.node, s.value FROM perf_eval.current_score AS s WHERE s.year = 2020 AND s.body = 'MF';

SELECT is((SELECT count(*) FROM criterion_from_inputs), 4::bigint, 'the four criteria are computed from the inputs');

-- A fork that leaves out R4: R1-R3 are scaled to keep H's 100 points.
SELECT perf_eval.fork_methodology('kz2020', 'kz2020_no_r4', 'Without R4');
SELECT lives_ok($$SELECT perf_eval.fork_exclude_node('kz2020_no_r4', 'interaction.complaints.internal_control',
                                                     'proposal: no internal-control criterion')$$,
                'a criterion is left out of a fork');
SELECT is((SELECT sum(maximum) FROM perf_eval.methodology_node_change
           WHERE methodology = 'kz2020_no_r4' AND change = 'maximum' AND kind = 'CSB'), 100::numeric,
          'the maxima of the remaining criteria are redistributed to add up to 100 exactly');
SELECT is_empty($$SELECT * FROM perf_eval.validate_methodology('kz2020_no_r4')$$, 'the fork validates');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_no_r4');
SELECT is_empty($$SELECT node FROM fork_score WHERE methodology = 'kz2020_no_r4' AND node = 'interaction.complaints.internal_control'$$,
                'the excluded criterion is not computed');
SELECT is((SELECT value FROM fork_score WHERE methodology = 'kz2020_no_r4' AND node = 'interaction.complaints'),
          (SELECT sum(i.points * perf_eval.node_maximum(i.node, 'kz2020_no_r4', 'CSB') / m.maximum)
           FROM criterion_from_inputs AS i JOIN parameter_maximum AS m USING (node)
           WHERE i.node <> 'interaction.complaints.internal_control'),
          'H is the sum of the remaining criteria, each scaled to its new maximum');
SELECT is((SELECT value FROM fork_score WHERE methodology = 'kz2020' AND node = 'interaction.complaints'),
          (SELECT sum(points) FROM criterion_from_inputs), 'kz2020 keeps its four criteria');
SELECT isnt((SELECT run_id FROM perf_eval.current_run WHERE year = 2020 AND methodology = 'kz2020_no_r4'), NULL,
            'the fork has its own run');

-- Maxima that no longer add up are refused, naming the nodes.
SELECT throws_like($$SELECT perf_eval.fork_set_node_maximum('kz2020_no_r4', 'interaction.complaints.timeliness', 50, 'draft')$$,
                   '%interaction.complaints (CSB): the maxima of its children (interaction.complaints.court 33.3333, interaction.complaints.repeat 22.2222, interaction.complaints.timeliness 50) sum to 105.5555%',
                   'a maximum that breaks the sum is refused, naming the parent and its children');
SELECT throws_ok($$SELECT perf_eval.fork_set_node_maximum('kz2020_no_r4', 'interaction.complaints.timeliness', 50, 'draft')$$,
                 '22023', NULL, 'with SQLSTATE 22023');
SELECT lives_ok($$SELECT perf_eval.fork_set_node_maxima('kz2020_no_r4',
                  '{"interaction.complaints.timeliness": 50, "interaction.complaints.court": 30, "interaction.complaints.repeat": 20}',
                  'draft: R1 50, R2 30, R3 20')$$,
                'maxima changed together so that they add up are accepted');
SELECT throws_like($$SELECT perf_eval.fork_set_node_maximum('kz2020_no_r4', 'interaction.complaints.internal_control', 10, 'draft')$$,
                   '%has no node "interaction.complaints.internal_control"%', 'an excluded node cannot be given a maximum');

-- Re-weighting the directions.
SELECT throws_like($$SELECT perf_eval.fork_set_node_weights('kz2020_no_r4', '{"interaction.services": 0.4}', 'draft')$$,
                   '%weights must sum to exactly 1%', 'weights that do not sum to 1 are refused');
SELECT lives_ok($$SELECT perf_eval.fork_set_node_weights('kz2020_no_r4',
                  '{"interaction.services": 0.4, "interaction.openness": 0.3, "interaction.complaints": 0.3}', 'draft weights')$$,
                'directions are re-weighted in one step');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_no_r4');
SELECT is((SELECT value FROM fork_score WHERE methodology = 'kz2020_no_r4' AND node = 'interaction'),
          (SELECT sum(p.value::numeric * d.value) FROM fork_score AS d
           JOIN perf_eval.score_node AS n ON n.code = d.node
           JOIN perf_eval.methodology_param AS p ON p.methodology = 'kz2020_no_r4' AND p.key = replace(n.weight_key, '{kind}', 'csb')
           WHERE d.methodology = 'kz2020_no_r4' AND n.parent = 'interaction'),
          'the block is the re-weighted sum of its directions');
SELECT is((SELECT value FROM fork_score WHERE methodology = 'kz2020_no_r4' AND node = 'interaction.complaints'),
          (SELECT sum(i.points * perf_eval.node_maximum(i.node, 'kz2020_no_r4', 'CSB') / m.maximum)
           FROM criterion_from_inputs AS i JOIN parameter_maximum AS m USING (node)
           WHERE i.node <> 'interaction.complaints.internal_control'),
          'H follows the new maxima 50 / 30 / 20');

-- Leaving out a direction: the other weights are scaled to sum to 1.
SELECT perf_eval.fork_methodology('kz2020', 'kz2020_no_openness');
SELECT throws_like($$SELECT perf_eval.fork_exclude_node('kz2020_no_openness', 'interaction.openness', 'draft', false)$$,
                   '%interaction.openness (interaction.csb.w_openness): excluded but still weighted%',
                   'a direction left out with its weight is refused, naming it');
SELECT lives_ok($$SELECT perf_eval.fork_exclude_node('kz2020_no_openness', 'interaction.openness', 'draft')$$,
                'a direction is left out and the others re-weighted');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_no_openness');
SELECT ok(abs((SELECT value FROM fork_score WHERE methodology = 'kz2020_no_openness' AND node = 'interaction')
              - (SELECT sum(d.value * p.value::numeric / 0.7) FROM fork_score AS d
           JOIN perf_eval.score_node AS n ON n.code = d.node
           JOIN perf_eval.methodology_param AS p ON p.methodology = 'kz2020' AND p.key = replace(n.weight_key, '{kind}', 'csb')
                 WHERE d.methodology = 'kz2020_no_openness' AND n.parent = 'interaction' AND n.code <> 'interaction.openness'))
          < 0.0001,
          'the block weighs services and complaints by 0.5/0.7 and 0.2/0.7 (weights rounded to 6 decimals)');

-- A criterion whose value the assessor supplies.
SELECT perf_eval.fork_methodology('kz2020', 'kz2020_proactive');
SELECT lives_ok($$SELECT perf_eval.fork_add_supplied_criterion('kz2020_proactive', 'interaction.complaints',
                  'interaction.complaints.proactive', 'Proactive handling of applications', 10, 'draft proposal')$$,
                'a supplied criterion is added');
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value)
VALUES ('MF', 2020, 'interaction.complaints.proactive', 'kz2020_proactive', 7);
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value)
                   VALUES ('MF', 2020, 'interaction.complaints.proactive', 'kz2020', 7)$$,
                 '22023', NULL, 'the added criterion does not exist in other versions');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_proactive');
SELECT is((SELECT value FROM fork_score WHERE methodology = 'kz2020_proactive' AND node = 'interaction.complaints'),
          (SELECT 7 + sum(i.points * 0.9) FROM criterion_from_inputs AS i),
          'the supplied value enters H beside the other criteria, scaled to 90 points');

-- Who may change a fork, and the run context.
SELECT isnt(perf_eval.context_digest('kz2020_proactive'), perf_eval.context_digest('kz2020'),
            'the structural changes enter the context digest');
SELECT is((SELECT count(*) FROM jsonb_array_elements(perf_eval.context_record('kz2020_proactive') -> 'node_changes')),
          (SELECT count(*) FROM perf_eval.methodology_node_change WHERE methodology = 'kz2020_proactive'),
          'and the run context records them');
SELECT throws_ok($$SELECT perf_eval.fork_exclude_node('kz2020', 'interaction.complaints.court', 'x')$$,
                 '22023', 'methodology "kz2020" is shipped and read-only', 'a shipped version cannot be changed');
SET LOCAL ROLE perf_eval_editor;
SELECT throws_ok($$SELECT perf_eval.fork_exclude_node('kz2020_proactive', 'interaction.complaints.court', 'x')$$,
                 '42501', NULL, 'only administrators change a fork''s tree');
SET LOCAL ROLE perf_eval_admin;
SELECT throws_ok($$INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, max_key, title_en)
                   VALUES ('interaction.complaints.extra', 'interaction.complaints', 'interaction', 'criterion', 9, 'computed', 'node.max', 'x')$$,
                 '42501', NULL, 'an administrator adds no node to every version''s tree');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
