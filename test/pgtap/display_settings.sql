-- Display settings apart from the methodology (issue 19, item 6) and the rank
-- range on the body card (item 3), on the leak test's dataset (2019 public,
-- the MFA's goals score restricted): an admin's change of a display setting
-- changes the decimals the views show, with no run and no methodology change;
-- a reader can change none, and the mean over a restricted score follows the
-- admin's setting, not anything a reader sets; a sensitivity's rank range
-- shows on the block rows of the body card and on the report's body page. The
-- civil-servant views round Kef % and grade shares to the display settings
-- kef_percent and grade_share, and so does a civil servant's explanation;
-- no view or function reads a deprecated display parameter, and no
-- parameter of any methodology only sets decimals but the deprecated ones.
BEGIN;
SELECT plan(31);
\set prefix disp19
\i test/leak/setup.sql
\set ON_ERROR_STOP off

CREATE TEMP TABLE before_change AS
SELECT (SELECT count(*) FROM perf_eval.run) AS runs,
       (SELECT md5(string_agg(p.methodology || p.key || p.value, ',' ORDER BY p.methodology, p.key))
        FROM perf_eval.methodology_param AS p) AS params;
GRANT SELECT ON before_change TO PUBLIC;

-- The shipped settings are the values of the parameters they replace in the
-- shipped versions, so every view shows what it showed (every setting must
-- name the parameter it replaces here; every version that has it). A
-- parameter that no release had (released false) is gone from every
-- methodology.
CREATE TEMP TABLE former_param (setting text PRIMARY KEY, key text NOT NULL, released boolean NOT NULL DEFAULT true);
INSERT INTO former_param (setting, key) VALUES ('block_score', 'present.block_scale'), ('node_score', 'present.node_scale'),
    ('group_mean', 'present.mean_scale'), ('zone_share', 'present.share_scale'),
    ('grade_share', 'present.share_scale'), ('kef_percent', 'cs.present.kef_scale');
INSERT INTO former_param VALUES ('risk_score', 'risk.present_scale', false);
SELECT is_empty($$SELECT s.name FROM perf_eval.display_setting AS s
                  LEFT JOIN pg_temp.former_param AS f ON f.setting = s.name
                  WHERE f.key IS NULL
                     OR f.released AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology_param AS p
                                                   JOIN perf_eval.methodology AS m ON m.name = p.methodology AND m.shipped
                                                   WHERE p.key = f.key)
                     OR f.released AND EXISTS (SELECT 1 FROM perf_eval.methodology_param AS p
                                               JOIN perf_eval.methodology AS m ON m.name = p.methodology AND m.shipped
                                               WHERE p.key = f.key AND p.value::integer <> s.value)
                     OR NOT f.released AND EXISTS (SELECT 1 FROM perf_eval.methodology_param AS p WHERE p.key = f.key)$$,
                'the shipped display settings equal the parameters they replace in the shipped versions; an unreleased one is removed');
SELECT is_empty($$SELECT s.name FROM perf_eval.display_setting AS s WHERE s.value IS DISTINCT FROM s.shipped_value$$,
                'every display setting is shipped, at its shipped value');

-- A parameter that only sets decimals (a present.* key, or a note saying
-- what decimals it shows) is one of the deprecated ones a setting replaced:
-- a new one would be a display setting instead.
CREATE TEMP VIEW display_param AS
SELECT DISTINCT p.key FROM perf_eval.methodology_param AS p
WHERE p.key ~ '(^|\.)present[._]' OR p.note ~* 'decimals (shown|displayed)'
UNION SELECT f.key FROM pg_temp.former_param AS f;
SELECT is_empty($$SELECT d.key FROM pg_temp.display_param AS d
                  WHERE d.key NOT IN (SELECT f.key FROM pg_temp.former_param AS f)$$,
                'every parameter of a methodology that only sets decimals is a deprecated one a display setting replaced');

-- Those parameters are deprecated: no view and no function of the extension
-- reads one (catalog-driven), but present.block_scale, which still decides the
-- zone under zone.basis = display (a methodology choice).
SELECT is_empty($$SELECT v.viewname || ' reads ' || f.key FROM pg_catalog.pg_views AS v
                  CROSS JOIN (SELECT key FROM pg_temp.display_param WHERE key <> 'present.block_scale') AS f
                  WHERE v.schemaname = 'perf_eval' AND v.definition LIKE '%' || f.key || '%'$$,
                'no view reads a deprecated display parameter');
SELECT is_empty($$SELECT p.oid::regprocedure || ' reads ' || f.key FROM pg_catalog.pg_proc AS p
                  CROSS JOIN (SELECT key FROM pg_temp.display_param WHERE key <> 'present.block_scale') AS f
                  WHERE p.pronamespace = 'perf_eval'::regnamespace AND p.prosrc LIKE '%' || f.key || '%'$$,
                'no function reads a deprecated display parameter');
SELECT ok((SELECT count(*) FROM pg_catalog.pg_views WHERE schemaname = 'perf_eval' AND definition LIKE '%display_decimals(''kef_percent''%') >= 4
          AND (SELECT count(*) FROM pg_catalog.pg_views WHERE schemaname = 'perf_eval' AND definition LIKE '%display_decimals(''grade_share''%') >= 1,
          'the civil-servant views read the display settings kef_percent and grade_share');

SET ROLE disp19_reader;
SELECT is((SELECT scale(score_shown) FROM perf_eval.ranking
           WHERE year = 2019 AND methodology = 'kz2020' AND block = 'interaction' AND body = 'MF'), 1,
          'reader: ranking.score_shown with the shipped block_score decimals');
SELECT throws_ok($$UPDATE perf_eval.display_setting SET value = 4 WHERE name = 'group_mean'$$, '42501', NULL,
                 'reader: may not change a display setting');
SELECT throws_ok($$INSERT INTO perf_eval.display_setting VALUES ('group_mean', 4, 'x', NULL)$$, '42501', NULL,
                 'reader: may not insert one either');
SELECT is((SELECT scale(group_mean) FROM perf_eval.ranking
           WHERE year = 2019 AND methodology = 'kz2020' AND block = 'goals' AND body = 'MFA'), 1,
          'reader: the mean over the restricted score at the group_mean decimals');
RESET ROLE;

SET ROLE disp19_admin;
UPDATE perf_eval.display_setting SET value = 3 WHERE name = 'block_score';
UPDATE perf_eval.display_setting SET value = 3 WHERE name = 'node_score';
UPDATE perf_eval.display_setting SET value = 2 WHERE name = 'group_mean';
RESET ROLE;

SET ROLE disp19_reader;
SELECT is((SELECT scale(score_shown) FROM perf_eval.ranking
           WHERE year = 2019 AND methodology = 'kz2020' AND block = 'interaction' AND body = 'MF'), 3,
          'reader: the admin''s block_score decimals show in ranking at once');
SELECT is((SELECT score_shown FROM perf_eval.body_card
           WHERE year = 2019 AND methodology = 'kz2020' AND node = 'interaction' AND body = 'MF'),
          (SELECT round(score, 3) FROM perf_eval.body_card
           WHERE year = 2019 AND methodology = 'kz2020' AND node = 'interaction' AND body = 'MF'),
          'reader: and in body_card');
SELECT is((SELECT count(*) FROM perf_eval.body_card
           WHERE year = 2019 AND methodology = 'kz2020' AND level <> 'block' AND score IS NOT NULL
             AND score_shown <> round(score, 3)), 0::bigint,
          'reader: every direction and criterion of body_card at the node_score decimals');
SELECT is((SELECT group_mean FROM perf_eval.ranking
           WHERE year = 2019 AND methodology = 'kz2020' AND block = 'goals' AND body = 'MFA'),
          (SELECT group_mean_shown FROM perf_eval.ranking
           WHERE year = 2019 AND methodology = 'kz2020' AND block = 'goals' AND body = 'MFA'),
          'reader: the mean over the restricted score is the shown one, at the admin''s group_mean decimals');
SELECT is((SELECT scale(group_mean_shown) FROM perf_eval.ranking
           WHERE year = 2019 AND methodology = 'kz2020' AND block = 'goals' AND body = 'MFA'), 2,
          'reader: group_mean_shown at 2 decimals');
RESET ROLE;
SELECT ok((SELECT runs = (SELECT count(*) FROM perf_eval.run) FROM before_change), 'no new run');
SELECT ok((SELECT params = (SELECT md5(string_agg(p.methodology || p.key || p.value, ',' ORDER BY p.methodology, p.key))
                            FROM perf_eval.methodology_param AS p) FROM before_change),
          'no methodology parameter changed');

SELECT throws_ok($$SELECT perf_eval.display_decimals('no_such_setting')$$, '22023', NULL,
                 'an unknown display setting is refused');

-- The rank range: NULL before a sensitivity, then on the block rows only.
SELECT is((SELECT count(*) FROM perf_eval.body_card WHERE year = 2019 AND rank_min IS NOT NULL), 0::bigint,
          'no rank range without a sensitivity');
SELECT count(*) FROM perf_eval.sensitivity(2019, 'goals', 'kz2020', 3, 4);
SET ROLE disp19_reader;
SELECT ok((SELECT count(*) > 0 AND bool_and(c.rank_min <= c.rank AND c.rank <= c.rank_max AND c.rank_range_draw = 3)
           FROM perf_eval.body_card AS c
           WHERE c.year = 2019 AND c.methodology = 'kz2020' AND c.node = 'goals' AND c.rank IS NOT NULL),
          'reader: every ranked body''s goals rank range contains its rank (the restricted MFA''s too)');
SELECT is((SELECT count(*) FROM perf_eval.body_card
           WHERE year = 2019 AND rank_min IS NOT NULL AND (level <> 'block' OR node <> 'goals')), 0::bigint,
          'reader: no rank range on other rows');
SELECT ok(perf_eval.report_bodies_html(2019, 'en') LIKE '%<p class="rank-range" data-node="goals">%: rank range under the assumptions: %–%</p>%',
          'the report''s body page prints the rank range');
RESET ROLE;

-- The civil-servant views: Kef % and grade shares at the display settings'
-- decimals (shipped: those of cs.present.kef_scale and present.share_scale);
-- an admin's change shows at once.
\i test/fixtures/civil_servants.sql
SELECT count(pg_temp.sheet_at_commission(e)) FROM unnest(ARRAY['E01', 'E02', 'E03']) AS e;
SELECT ok((SELECT count(*) = 3 AND bool_and(scale(kef_pct) = perf_eval.param_numeric('kz2020_apa', 'cs.present.kef_scale'))
           FROM perf_eval.cs_sheet_result WHERE result_state IS NOT NULL),
          'cs_sheet_result.kef_pct as shipped: the decimals cs.present.kef_scale gave');
SELECT ok((SELECT count(*) > 0 AND bool_and(scale(share_pct) = perf_eval.param_numeric('kz2020', 'present.share_scale'))
           FROM perf_eval.cs_grade_distribution WHERE body = 'ME'),
          'cs_grade_distribution.share_pct as shipped: the decimals present.share_scale gave');
-- A civil servant's explanation shows Kef as the views do: in its numbers
-- and in its words (the first sentence starts with the computed Kef in %).
CREATE TEMP VIEW explained_kef AS
SELECT e.sheet_id, e.kef_pct, (e.explanation ->> 'kef_pct')::numeric AS explained_pct,
       (e.explanation ->> 'computed_kef_pct')::numeric AS computed_pct, e.explanation -> 'why' ->> 0 AS first_reason,
       r.computed_kef
FROM perf_eval.cs_result_explained AS e JOIN perf_eval.cs_result AS r USING (sheet_id);
SELECT ok((SELECT count(*) = 3 AND bool_and(explained_pct = kef_pct AND scale(explained_pct) = scale(kef_pct)
                                            AND scale(computed_pct) = perf_eval.display_decimals('kef_percent')
                                            AND first_reason LIKE 'Kef ' || round(100 * computed_kef, perf_eval.display_decimals('kef_percent'))
                                                                         || ' \% = %')
           FROM pg_temp.explained_kef),
          'cs_result_explained: the explanation''s Kef % (numbers and words) at the shipped kef_percent decimals, equal to kef_pct');
SET ROLE disp19_admin;
UPDATE perf_eval.display_setting SET value = 4 WHERE name = 'kef_percent';
UPDATE perf_eval.display_setting SET value = 3 WHERE name = 'grade_share';
RESET ROLE;
SELECT ok((SELECT count(*) = 3 AND bool_and(kef_pct = round(100 * kef, 4) AND scale(kef_pct) = 4)
           FROM perf_eval.cs_sheet_result WHERE result_state IS NOT NULL),
          'cs_sheet_result.kef_pct at the admin''s kef_percent decimals');
SELECT ok((SELECT count(*) = 3 AND bool_and(scale(kef_pct) = 4)
           FROM perf_eval.cs_result_explained),
          'cs_result_explained.kef_pct too');
SELECT ok((SELECT count(*) = 3 AND bool_and(explained_pct = kef_pct AND scale(explained_pct) = 4 AND scale(computed_pct) = 4
                                            AND first_reason LIKE 'Kef ' || round(100 * computed_kef, 4) || ' \% = %')
           FROM pg_temp.explained_kef),
          'a changed kef_percent changes the decimals of the explanation''s Kef % in its numbers and its words');
SELECT ok((SELECT count(*) > 0 AND bool_and(scale(share_pct) = 3 AND (kef_mean_pct IS NULL OR scale(kef_mean_pct) = 4))
           FROM perf_eval.cs_grade_distribution WHERE body = 'ME'),
          'cs_grade_distribution: share_pct at grade_share, kef_mean_pct at kef_percent decimals');
SELECT ok((SELECT count(*) = 1 AND bool_and(scale(kef_mean_pct) = 4 AND scale(kef_min_pct) = 4 AND scale(kef_q1_pct) = 4
                                            AND scale(kef_median_pct) = 4 AND scale(kef_q3_pct) = 4 AND scale(kef_max_pct) = 4)
           FROM perf_eval.cs_kef_distribution WHERE body = 'ME'),
          'cs_kef_distribution: every Kef statistic at kef_percent decimals');
SELECT ok((SELECT count(*) > 0 AND bool_and(scale(kef_mean_pct) = 4 AND scale(kef_min_pct) = 4 AND scale(kef_max_pct) = 4)
           FROM perf_eval.cs_level_report WHERE body = 'ME'),
          'cs_level_report: Kef at kef_percent decimals');

SELECT * FROM finish();
ROLLBACK;
