-- The published tables reproduce through the public API: block and direction
-- scores loaded as supplied scores, recalculated, read from the ranking and
-- zone_counts views (METHODOLOGY §1.2, §9). Sources: seed 000 Table 1.4 (goals,
-- LEB, 2016-2019, via ranking.csv) and Tables 3.6-3.8 (org. development 2019,
-- H and IT of 33 bodies, via orgdev.csv).
BEGIN;

CREATE TEMP TABLE ranking_vector (
    group_id text, kind text, body text, score_current numeric, score_previous numeric,
    expected_rank_current integer, expected_rank_previous integer, expected_movement text,
    expected_display_current numeric, expected_display_previous numeric, expected_zone_current text,
    expected_group_mean_current numeric, expected_group_mean_previous numeric, source text, note text);
\copy ranking_vector FROM 'test/vectors/ranking.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE orgdev_vector (
    id text, kernel text, variant text, kind text, body text, t numeric, a1 numeric, a2 numeric, b1 numeric,
    b2 numeric, a numeric, b numeric, c numeric, d numeric, levels text, e1 numeric, e2 numeric, e3 numeric,
    e4 numeric, n numeric, n_excluded numeric, h numeric, it numeric, k numeric, o numeric, m numeric, w numeric,
    expected numeric, scale integer, exact boolean, sqlstate text, expected_display numeric,
    expected_rank integer, expected_zone text, source text, note text);
\copy orgdev_vector FROM 'test/vectors/orgdev.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP TABLE summary_vector (
    id text, group_id text, kind text, n integer, high integer, medium integer, low integer, ineffective integer,
    share_high numeric, share_medium numeric, share_low numeric, share_ineffective numeric,
    mean numeric, mean_display numeric, source text, note text);
\copy summary_vector FROM 'test/vectors/group_summary.csv' WITH (FORMAT csv, HEADER true)

CREATE TEMP VIEW table_1_4 AS
SELECT v.*, substr(v.group_id, length(v.group_id) - 3)::integer AS year
FROM ranking_vector AS v WHERE v.group_id LIKE 'GOALS_LEB_%';

CREATE TEMP VIEW orgdev_2019 AS SELECT * FROM orgdev_vector WHERE kernel = 'orgdev_block';

SELECT plan((SELECT count(*)::integer FROM table_1_4) + (SELECT count(*)::integer FROM orgdev_2019)
            + (SELECT count(*)::integer FROM summary_vector) + 3);

-- Table 1.4: goals block of the LEBs, each year and the year before it, as supplied scores.
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT DISTINCT ON (body, year) body, year, 'goals', value, 'seed 000 Table 1.4'
FROM (SELECT body, year, score_current AS value FROM table_1_4
      UNION ALL
      SELECT body, year - 1, score_previous FROM table_1_4 WHERE score_previous IS NOT NULL) AS s
ORDER BY body, year;

-- Tables 3.7 and 3.8: H and IT of 2019 as supplied direction scores.
INSERT INTO perf_eval.supplied_score (body, year, node, value, basis_document)
SELECT o.body, 2019, d.node, CASE d.node WHEN 'orgdev.hr' THEN o.h ELSE o.it END, o.source
FROM orgdev_2019 AS o CROSS JOIN (VALUES ('orgdev.hr'), ('orgdev.it')) AS d(node);

SELECT perf_eval.recalculate_within_transaction(y, 'kz2020') FROM generate_series(2016, 2019) AS y;

-- Every row of Table 1.4 through the ranking view.
SELECT results_eq(
    format($$SELECT r.rank::integer, r.previous_rank::integer, r.movement, r.score_shown, r.previous_shown, r.zone,
                    r.group_mean_shown, r.previous_group_mean_shown
             FROM perf_eval.ranking AS r
             WHERE r.year = %s AND r.methodology = 'kz2020' AND r.block = 'goals' AND r.body = %L$$, v.year, v.body),
    format($$VALUES (%s::integer, %s::integer, %L::text, %L::numeric, %L::numeric, %L::text, %L::numeric, %L::numeric)$$,
           v.expected_rank_current, coalesce(v.expected_rank_previous::text, 'NULL'), v.expected_movement,
           v.expected_display_current, v.expected_display_previous, v.expected_zone_current,
           v.expected_group_mean_current, v.expected_group_mean_previous),
    format('%s %s: rank %s (was %s), %s, shown %s, %s', v.group_id, v.body, v.expected_rank_current,
           v.expected_rank_previous, v.expected_movement, v.expected_display_current, v.expected_zone_current))
FROM table_1_4 AS v ORDER BY v.group_id, v.expected_rank_current, v.body;

-- The 33 published org-development blocks of 2019: 0.5·H + 0.5·IT, shown, ranked within kind, zoned.
SELECT results_eq(
    format($$SELECT r.score, r.score_shown, r.rank::integer, r.zone
             FROM perf_eval.ranking AS r
             WHERE r.year = 2019 AND r.methodology = 'kz2020' AND r.block = 'orgdev' AND r.body = %L$$, v.body),
    format($$VALUES (%L::numeric, %L::numeric, %s::integer, %L::text)$$,
           v.expected, v.expected_display, v.expected_rank, v.expected_zone),
    format('%s %s %s: block %s shown %s, rank %s, %s', v.id, v.kind, v.body, v.expected, v.expected_display,
           v.expected_rank, v.expected_zone))
FROM orgdev_2019 AS v ORDER BY v.id;

-- Zone counts, shares and means per group through the zone_counts view.
SELECT results_eq(
    format($$SELECT z.n::integer, z.high::integer, z.medium::integer, z.low::integer, z.ineffective::integer,
                    z.share_high, z.share_medium, z.share_low, z.share_ineffective, round(z.mean, 6), z.mean_shown
             FROM perf_eval.zone_counts AS z
             WHERE z.year = %s AND z.methodology = 'kz2020' AND z.node = %L AND z.kind = %L$$,
           substr(v.group_id, length(v.group_id) - 3),
           CASE split_part(v.group_id, '_', 1) WHEN 'goals' THEN 'goals' WHEN 'orgdev' THEN 'orgdev' WHEN 'it' THEN 'orgdev.it' END,
           v.kind),
    format($$VALUES (%s, %s, %s, %s, %s, %L::numeric, %L::numeric, %L::numeric, %L::numeric, %L::numeric, %L::numeric)$$,
           v.n, v.high, v.medium, v.low, v.ineffective, v.share_high, v.share_medium, v.share_low,
           v.share_ineffective, v.mean, v.mean_display),
    format('%s %s %s: n %s, zones %s/%s/%s/%s, mean %s', v.id, v.group_id, v.kind, v.n, v.high, v.medium, v.low,
           v.ineffective, v.mean_display))
FROM summary_vector AS v ORDER BY v.id;

-- The ranked order of 2019 org. development equals the published order (seed 000 Table 3.6).
SELECT results_eq(
    $$SELECT r.body FROM perf_eval.ranking AS r WHERE r.year = 2019 AND r.block = 'orgdev' AND r.methodology = 'kz2020'
      ORDER BY r.kind, r.rank, r.body$$,
    $$SELECT v.body FROM orgdev_vector AS v WHERE v.kernel = 'orgdev_block' ORDER BY v.kind, v.expected_rank, v.body$$,
    '2019 org. development: the order of Table 3.6 within each kind');

-- The block values are computed, the directions supplied, and the explanation says so.
SELECT is((SELECT count(*) FROM perf_eval.body_card AS c
           WHERE c.year = 2019 AND c.methodology = 'kz2020' AND c.node = 'orgdev' AND c.origin = 'computed'),
          33::bigint, 'the 33 org. development blocks of 2019 are computed from the supplied H and IT');
SELECT results_eq(
    $$SELECT c.explanation #>> '{formula,text}', jsonb_path_query_array(c.explanation, '$.parameters[*].key'),
             (SELECT d.origin || ' by ' || (d.explanation #>> '{supplied,document}') FROM perf_eval.body_card AS d
              WHERE d.year = c.year AND d.methodology = c.methodology AND d.body = c.body AND d.node = 'orgdev.hr')
      FROM perf_eval.body_card AS c
      WHERE c.year = 2019 AND c.methodology = 'kz2020' AND c.node = 'orgdev' AND c.body = 'MJ'$$,
    $$VALUES ('orgdev = 0.5·H + 0.5·IT', '["orgdev.w_hr", "orgdev.w_it"]'::jsonb,
              'supplied by seed 000 lines 2958 (H), 3016 (IT), 2888 (block 92.9)')$$,
    'the explanation of a computed block names its formula and weights; the supplied H names its basis');

SELECT * FROM finish();
ROLLBACK;
