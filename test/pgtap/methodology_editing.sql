-- A methodology editor lists versions and provenance, forks kz2020, edits
-- a parameter, recalculates under the fork without touching kz2020, and
-- invalid parameter sets are refused (METHODOLOGY §0.5, §2.7).
BEGIN;
SELECT plan(21);

SELECT results_eq($$SELECT name FROM perf_eval.methodology WHERE shipped ORDER BY name$$,
                  $$VALUES ('kz2017'::text), ('kz2020'), ('kz2020_apa')$$, 'the three shipped versions are listed');
SELECT is((SELECT name FROM perf_eval.methodology WHERE is_default), 'kz2020', 'kz2020 is the default version');
SELECT is_empty($$SELECT methodology, key FROM perf_eval.methodology_param
                  WHERE provenance NOT IN ('explicit', 'derived', 'assumed') OR source IS NULL OR source = ''$$,
                'every shipped parameter has a provenance and a source');
SELECT results_eq($$SELECT provenance, source_document, source FROM perf_eval.methodology_param
                    WHERE methodology = 'kz2020' AND key = 'complaints.r1.scale'$$,
                  $$VALUES ('explicit'::text, 'apa2020'::text, 'APA 2020 report §2.5'::text)$$,
                  'R1 scale 1000 is explicit, APA 2020 report §2.5 (seed 000 line 2035)');
SELECT is((SELECT provenance FROM perf_eval.methodology_param WHERE methodology = 'kz2020' AND key = 'policy.clamp'),
          'assumed', 'the clamp policy is an assumption and says so');
SELECT is_empty($$SELECT m.name, v.key, v.problem FROM perf_eval.methodology AS m,
                  LATERAL perf_eval.validate_methodology(m.name) AS v WHERE m.shipped$$,
                'the shipped versions are valid');

-- Shipped versions are read-only.
SELECT throws_ok($$UPDATE perf_eval.methodology_param SET value = '35' WHERE methodology = 'kz2020' AND key = 'complaints.r1.k'$$,
                 '22023', 'methodology "kz2020" is shipped and read-only', 'a shipped parameter cannot be edited');
SELECT throws_ok($$DELETE FROM perf_eval.methodology WHERE name = 'kz2020'$$,
                 '22023', NULL, 'a shipped version cannot be deleted');

-- Fork, edit, recalculate.
SELECT is(perf_eval.fork_methodology('kz2020', 'kz2020_ministry_draft', 'Ministry draft'), 'kz2020_ministry_draft',
          'kz2020 forks into kz2020_ministry_draft');
SELECT is((SELECT count(*) FROM perf_eval.methodology_param WHERE methodology = 'kz2020_ministry_draft'),
          (SELECT count(*) FROM perf_eval.methodology_param WHERE methodology = 'kz2020'), 'the fork has every parameter');
SELECT is_empty($$SELECT key, source_document FROM perf_eval.methodology_param WHERE methodology = 'kz2020_ministry_draft'
                  EXCEPT
                  SELECT key, source_document FROM perf_eval.methodology_param WHERE methodology = 'kz2020'$$,
                'the fork keeps every parameter''s source document');
-- Weights of the interaction block 0.4 / 0.3 / 0.3: changed one at a time, the set is invalid in between,
-- so the editor changes the set in one statement and validates it.
UPDATE perf_eval.methodology_param SET value = CASE key WHEN 'interaction.csb.w_services' THEN '0.4' ELSE '0.3' END,
       provenance = 'assumed', source = 'ministry draft'
WHERE methodology = 'kz2020_ministry_draft' AND key IN ('interaction.csb.w_services', 'interaction.csb.w_complaints');
SELECT is_empty($$SELECT * FROM perf_eval.validate_methodology('kz2020_ministry_draft')$$, 'the edited fork is valid');
SELECT lives_ok($$SELECT perf_eval.set_param('kz2020_ministry_draft', 'complaints.r4.bands',
                  'ge 95 => 10; ge 80 => 8; ge 70 => 6; ge 60 => 4; ge 50 => 1; else => 0')$$,
                'set_param accepts a valid change');
SELECT is((SELECT provenance || ' / ' || source LIKE 'assumed / edited by %' AND source_document IS NULL
           FROM perf_eval.methodology_param
           WHERE methodology = 'kz2020_ministry_draft' AND key = 'complaints.r4.bands'), true,
          'an edited parameter becomes assumed, records who edited it and no longer names a source document');

INSERT INTO perf_eval.complaint_counts VALUES ('MF', 2020, 20000, 8, 0, 0, 21, 6);
INSERT INTO perf_eval.supplied_score (body, year, node, value) VALUES
    ('MF', 2020, 'interaction.services', 80), ('MF', 2020, 'interaction.openness', 70);
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020');
SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_ministry_draft');
SELECT results_eq($$SELECT methodology, value FROM perf_eval.current_score
                    WHERE year = 2020 AND body = 'MF' AND node = 'interaction' ORDER BY methodology$$,
                  $$VALUES ('kz2020'::text, 76.58::numeric), ('kz2020_ministry_draft', 76.37)$$,
                  'the fork rates with its own weights (0.4·80 + 0.3·70 + 0.3·77.9); kz2020 keeps 76.58');

-- Invalid parameter sets are refused.
SELECT throws_ok($$SELECT perf_eval.set_param('kz2020_ministry_draft', 'orgdev.w_it', '0.6')$$,
                 '22023', NULL, 'weights that do not sum to 1 are refused');
SELECT throws_ok($$SELECT perf_eval.set_param('kz2020_ministry_draft', 'zone.medium_min', '95')$$,
                 '22023', NULL, 'overlapping zone bands are refused');
SELECT throws_ok($$SELECT perf_eval.set_param('kz2020_ministry_draft', 'policy.clamp', 'floor1')$$,
                 '22023', NULL, 'an unknown policy name is refused');
DELETE FROM perf_eval.methodology_param WHERE methodology = 'kz2020_ministry_draft' AND key = 'complaints.r2.k';
SELECT results_eq($$SELECT key, problem FROM perf_eval.validate_methodology('kz2020_ministry_draft') ORDER BY 1$$,
                  $$VALUES ('complaints direction: node.max'::text, 'criterion maxima sum to 70, not 100'::text),
                           ('complaints.r2.k', 'missing parameter (defined in kz2020)')$$,
                  'a missing parameter is reported, with the sum rule it breaks');
SELECT throws_ok($$SELECT perf_eval.recalculate_within_transaction(2020, 'kz2020_ministry_draft')$$,
                 '22023', NULL, 'a recalculation under an invalid version is refused at the start');

-- The default version comes from the user setting perf_eval.methodology;
-- it must stay settable once the library (and its own settings) is loaded.
SELECT perf_eval.refresh_full_scan_months() AS library_loaded \gset
SET LOCAL perf_eval.methodology = 'kz2017';
SELECT is(perf_eval.resolve_methodology(NULL), 'kz2017',
          'SET perf_eval.methodology chooses the default version after the library is loaded');

SELECT * FROM finish();
ROLLBACK;
