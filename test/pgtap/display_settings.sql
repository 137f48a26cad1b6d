-- Display settings apart from the methodology (issue 19, item 6) and the rank
-- range on the body card (item 3), on the leak test's dataset (2019 public,
-- the MFA's goals score restricted): an admin's change of a display setting
-- changes the decimals the views show, with no run and no methodology change;
-- a reader can change none, and the mean over a restricted score follows the
-- admin's setting, not anything a reader sets; a sensitivity's rank range
-- shows on the block rows of the body card and on the report's body page.
BEGIN;
SELECT plan(17);
\set prefix disp19
\i test/leak/setup.sql
\set ON_ERROR_STOP off

CREATE TEMP TABLE before_change AS
SELECT (SELECT count(*) FROM perf_eval.run) AS runs,
       (SELECT md5(string_agg(p.methodology || p.key || p.value, ',' ORDER BY p.methodology, p.key))
        FROM perf_eval.methodology_param AS p) AS params;
GRANT SELECT ON before_change TO PUBLIC;

-- The shipped settings are the present.* values of the shipped versions, so
-- every view shows what it showed (catalog-driven: every setting, every version).
SELECT is_empty($$SELECT s.name FROM perf_eval.display_setting AS s
                  JOIN perf_eval.methodology_param AS p ON p.key = 'present.' || CASE s.name WHEN 'block_score' THEN 'block_scale'
                        WHEN 'node_score' THEN 'node_scale' WHEN 'group_mean' THEN 'mean_scale' ELSE 'share_scale' END
                  JOIN perf_eval.methodology AS m ON m.name = p.methodology AND m.shipped
                  WHERE p.value::integer <> s.value$$,
                'the shipped display settings equal the present.* parameters of the shipped versions');

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

SELECT * FROM finish();
ROLLBACK;
