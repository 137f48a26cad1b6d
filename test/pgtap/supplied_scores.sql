-- Supplied scores (METHODOLOGY §1.2): a supplied node overrides the computed
-- one, which stays in the explanation; its children are still computed and
-- shown as superseded; the parent uses the supplied value; a supplied score
-- for one version beats one for every version; out-of-range values are refused.
BEGIN;
SELECT plan(12);

INSERT INTO perf_eval.complaint_counts (body, year, considered, late, court_satisfied, repeated_satisfied, late_disciplined)
VALUES ('MF', 2020, 20000, 8, 0, 21, 6);
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document, note) VALUES
    ('MF', 2020, 'interaction.services', 80, 'report 1', NULL),
    ('MF', 2020, 'interaction.openness', 70, 'report 2', NULL),
    ('MF', 2020, 'interaction.complaints', 50, 'appeal decision 7', 'recomputed by the assessor');
INSERT INTO perf_eval.supplied_score (body, year, node, methodology, value, basis_document)
VALUES ('MF', 2020, 'interaction.complaints', 'kz2020', 60, 'kz2020-specific decision');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020');

SELECT results_eq($$SELECT value, origin, explanation #>> '{supplied,document}' FROM perf_eval.current_score
                    WHERE year = 2020 AND body = 'MF' AND node = 'interaction.complaints'$$,
                  $$VALUES (60::numeric, 'supplied'::text, 'kz2020-specific decision'::text)$$,
                  'the version-specific supplied score wins over the one for every version');
SELECT is((SELECT (explanation #>> '{computed,raw_value}')::numeric FROM perf_eval.current_score
           WHERE year = 2020 AND body = 'MF' AND node = 'interaction.complaints'),
          77.9, 'the computed value it overrides stays in the explanation');
SELECT is((SELECT explanation #>> '{supplied,by}' FROM perf_eval.current_score
           WHERE year = 2020 AND body = 'MF' AND node = 'interaction.complaints'),
          current_user::text, 'the explanation records who supplied it');
SELECT results_eq($$SELECT node, value, superseded FROM perf_eval.current_score
                    WHERE year = 2020 AND body = 'MF' AND node LIKE 'interaction.complaints.%' ORDER BY node$$,
                  $$VALUES ('interaction.complaints.court'::text, 30::numeric, true),
                           ('interaction.complaints.internal_control', 6, true),
                           ('interaction.complaints.repeat', 17.9, true),
                           ('interaction.complaints.timeliness', 24, true)$$,
                  'the children are still computed and shown as superseded');
SELECT is((SELECT value FROM perf_eval.current_score WHERE year = 2020 AND body = 'MF' AND node = 'interaction'),
          0.5 * 80 + 0.3 * 70 + 0.2 * 60, 'the parent uses the supplied value');
SELECT is((SELECT count(*) FROM perf_eval.current_score WHERE year = 2020 AND body = 'MF' AND superseded
           AND node NOT LIKE 'interaction.complaints.%'), 0::bigint, 'nothing else is superseded');

-- Under another version the generic supplied score applies.
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_apa');
SELECT is((SELECT value FROM perf_eval.current_score
           WHERE year = 2020 AND methodology = 'kz2020_apa' AND body = 'MF' AND node = 'interaction.complaints'),
          50::numeric, 'a supplied score without a methodology applies under every version');

SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES ('ME', 2020, 'orgdev.hr', 100.5)$$,
                 '22003', NULL, 'a supplied score above the node maximum is refused');
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, value)
                   VALUES ('ME', 2020, 'interaction.complaints.timeliness', 41)$$,
                 '22003', 'supplied score of interaction.complaints.timeliness must lie between 0 and 40',
                 'a criterion''s maximum is its parameter (R1: k = 40)');

-- Maxima that differ between CSBs and LEBs (METHODOLOGY §2.3, §2.4) are checked per kind.
SELECT results_eq($$SELECT perf_eval.node_maximum('goals.strategic', 'kz2020', 'CSB'),
                           perf_eval.node_maximum('goals.strategic', 'kz2020', 'LEB'),
                           perf_eval.node_maximum('interaction.services.satisfaction', 'kz2020', 'CSB'),
                           perf_eval.node_maximum('interaction.services.satisfaction', 'kz2020', 'LEB'),
                           perf_eval.node_maximum('interaction.services.automation', 'kz2020', 'LEB')$$,
                  $$VALUES (70::numeric, 60::numeric, 40::numeric, 50::numeric, NULL::numeric)$$,
                  'node maxima by kind: strategic 70/60, K1 40 / M1 50, no LEB automation under kz2020');
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, value)
                   VALUES ('MF', 2020, 'interaction.services.satisfaction', 45)$$,
                 '22003', 'supplied score of interaction.services.satisfaction must lie between 0 and 40',
                 'a ministry''s K1 above 40 is refused although an akimat''s M1 may reach 50');
SELECT throws_ok($$INSERT INTO perf_eval.supplied_score (body, year, node, value)
                   VALUES ('AKMOLA', 2020, 'interaction.services.automation', 10)$$,
                 '22023', 'node interaction.services.automation does not exist in methodology kz2020',
                 'an akimat has no automation criterion under kz2020 to supply');

SELECT * FROM finish();
ROLLBACK;
