-- The tables the Accounts Committee publishes (METHODOLOGY §9), from the current runs.
-- The data are synthetic (demo/SYNTHETIC.txt); `make report` draws the same as HTML.
\pset footer off
\echo
\echo '*** SYNTHETIC DATA: no state body''s real results. Inputs drawn by demo/inputs/*.sql with a deterministic'
\echo '*** pseudo-random fraction per body, year and item, scaled to the magnitudes of the APA 2020 report. ***'
-- The version the views are read under, resolved once (the setting
-- perf_eval.methodology, else the default version) and passed as a value.
SELECT perf_eval.resolve_methodology(NULL) AS methodology \gset

\echo
\echo '=== Achievement of goals: CSB, 2020 with 2019 beside ==='
SELECT r.rank, r.name_en AS body, coalesce(r.score_shown::text, 'restricted') AS score_2020, r.zone, r.previous_rank AS rank_2019,
       r.previous_shown AS score_2019, r.movement, CASE WHEN r.advisory THEN 'advisory, not ranked' END AS note
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'goals' AND r.kind = 'CSB'
ORDER BY r.rank NULLS LAST, r.body;
SELECT DISTINCT r.group_mean_shown AS group_mean_2020, r.previous_group_mean_shown AS group_mean_2019
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'goals' AND r.kind = 'CSB' AND r.rank IS NOT NULL;
\echo
\echo '=== Achievement of goals: LEB, 2020 with 2019 beside ==='
SELECT r.rank, r.name_en AS body, coalesce(r.score_shown::text, 'restricted') AS score_2020, r.zone, r.previous_rank AS rank_2019,
       r.previous_shown AS score_2019, r.movement, CASE WHEN r.advisory THEN 'advisory, not ranked' END AS note
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'goals' AND r.kind = 'LEB'
ORDER BY r.rank NULLS LAST, r.body;
SELECT DISTINCT r.group_mean_shown AS group_mean_2020, r.previous_group_mean_shown AS group_mean_2019
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'goals' AND r.kind = 'LEB' AND r.rank IS NOT NULL;
\echo
\echo '=== Interaction with individuals and legal entities: CSB, 2020 with 2019 beside ==='
SELECT r.rank, r.name_en AS body, coalesce(r.score_shown::text, 'restricted') AS score_2020, r.zone, r.previous_rank AS rank_2019,
       r.previous_shown AS score_2019, r.movement, CASE WHEN r.advisory THEN 'advisory, not ranked' END AS note
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'interaction' AND r.kind = 'CSB'
ORDER BY r.rank NULLS LAST, r.body;
SELECT DISTINCT r.group_mean_shown AS group_mean_2020, r.previous_group_mean_shown AS group_mean_2019
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'interaction' AND r.kind = 'CSB' AND r.rank IS NOT NULL;
\echo
\echo '=== Interaction with individuals and legal entities: LEB, 2020 with 2019 beside ==='
SELECT r.rank, r.name_en AS body, coalesce(r.score_shown::text, 'restricted') AS score_2020, r.zone, r.previous_rank AS rank_2019,
       r.previous_shown AS score_2019, r.movement, CASE WHEN r.advisory THEN 'advisory, not ranked' END AS note
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'interaction' AND r.kind = 'LEB'
ORDER BY r.rank NULLS LAST, r.body;
SELECT DISTINCT r.group_mean_shown AS group_mean_2020, r.previous_group_mean_shown AS group_mean_2019
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'interaction' AND r.kind = 'LEB' AND r.rank IS NOT NULL;
\echo
\echo '=== Organisational development: CSB, 2020 with 2019 beside ==='
SELECT r.rank, r.name_en AS body, coalesce(r.score_shown::text, 'restricted') AS score_2020, r.zone, r.previous_rank AS rank_2019,
       r.previous_shown AS score_2019, r.movement, CASE WHEN r.advisory THEN 'advisory, not ranked' END AS note
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'orgdev' AND r.kind = 'CSB'
ORDER BY r.rank NULLS LAST, r.body;
SELECT DISTINCT r.group_mean_shown AS group_mean_2020, r.previous_group_mean_shown AS group_mean_2019
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'orgdev' AND r.kind = 'CSB' AND r.rank IS NOT NULL;
\echo
\echo '=== Organisational development: LEB, 2020 with 2019 beside ==='
SELECT r.rank, r.name_en AS body, coalesce(r.score_shown::text, 'restricted') AS score_2020, r.zone, r.previous_rank AS rank_2019,
       r.previous_shown AS score_2019, r.movement, CASE WHEN r.advisory THEN 'advisory, not ranked' END AS note
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'orgdev' AND r.kind = 'LEB'
ORDER BY r.rank NULLS LAST, r.body;
SELECT DISTINCT r.group_mean_shown AS group_mean_2020, r.previous_group_mean_shown AS group_mean_2019
FROM perf_eval.ranking AS r
WHERE r.year = 2020 AND r.methodology = :'methodology' AND r.block = 'orgdev' AND r.kind = 'LEB' AND r.rank IS NOT NULL;
\echo
\echo '=== Efficiency zones 2020 (ranked bodies; shares in %) ==='
SELECT z.node AS block, z.kind, z.n, z.high, z.medium, z.low, z.ineffective,
       z.share_high, z.share_medium, z.share_low, z.share_ineffective, z.mean_shown AS mean
FROM perf_eval.zone_counts AS z
WHERE z.year = 2020 AND z.methodology = :'methodology' AND z.level = 'block'
ORDER BY (SELECT b.block_order FROM perf_eval.block AS b WHERE b.code = z.node), z.kind;

\echo
\echo '=== Complaint handling 2020: R1-R4 and H of the first six bodies (kz2020) ==='
SELECT min(c.name_en) AS body,
       max(c.score_shown) FILTER (WHERE c.node = 'interaction.complaints.timeliness') AS r1,
       max(c.score_shown) FILTER (WHERE c.node = 'interaction.complaints.court') AS r2,
       max(c.score_shown) FILTER (WHERE c.node = 'interaction.complaints.repeat') AS r3,
       max(c.score_shown) FILTER (WHERE c.node = 'interaction.complaints.internal_control') AS r4,
       max(c.score_shown) FILTER (WHERE c.node = 'interaction.complaints') AS h,
       perf_eval.efficiency_zone(max(c.score) FILTER (WHERE c.node = 'interaction.complaints')) AS zone_of_h
FROM perf_eval.body_card AS c
WHERE c.year = 2020 AND c.methodology = :'methodology'
  AND c.body IN ('MF', 'ME', 'MH', 'ALMATY_CITY', 'TURKESTAN', 'NURSULTAN_CITY')
GROUP BY c.body ORDER BY h DESC, c.body;

\echo
\echo '=== Body card: Ministry of Finance, 2020 ==='
SELECT c.sentence FROM perf_eval.body_card AS c
WHERE c.year = 2020 AND c.methodology = :'methodology' AND c.body = 'MF' AND c.level = 'block'
ORDER BY (SELECT b.block_order FROM perf_eval.block AS b WHERE b.code = c.node);
SELECT c.node, c.node_title AS title,
       CASE WHEN c.maximum = 0 THEN 'not applicable' ELSE (n.sign * c.score_shown)::text END AS points,
       CASE WHEN n.sign = -1 THEN 'deduction' WHEN c.maximum = 0 THEN '' ELSE c.maximum::text END AS maximum, c.origin, c.status
FROM perf_eval.body_card AS c
JOIN perf_eval.score_node AS n ON n.code = c.node
WHERE c.year = 2020 AND c.methodology = :'methodology' AND c.body = 'MF' AND c.level <> 'block'
ORDER BY c.node;

\echo
\echo '=== Achievement of goals 2020, Ministry of Education and Science: why the strategic component is what it is ==='
SELECT c.score_shown AS points, c.explanation #>> '{inputs,points_maximum}' AS maximum,
       round((c.explanation #>> '{inputs,strategic_coefficient}')::numeric, 4) AS strategic_coefficient,
       c.explanation #>> '{inputs,goals}' AS goals,
       c.explanation #>> '{inputs,indicators,indicators}' AS indicators,
       c.explanation #>> '{inputs,indicators,achieved}' AS achieved,
       c.explanation #>> '{inputs,indicators,partial}' AS partial,
       c.explanation #>> '{inputs,indicators,not_achieved}' AS not_achieved,
       c.explanation #>> '{inputs,indicators,not_counted}' AS not_counted
FROM perf_eval.body_card AS c
WHERE c.year = 2020 AND c.methodology = :'methodology' AND c.body = 'MES' AND c.node = 'goals.strategic';
SELECT e ->> 'indicator' AS indicator, e ->> 'correction' AS correction, e ->> 'condition' AS condition,
       e -> 'parameter' ->> 'key' AS parameter, e -> 'parameter' ->> 'value' AS factor,
       e -> 'parameter' ->> 'provenance' AS provenance, e -> 'parameter' ->> 'source' AS source
FROM perf_eval.body_card AS c, jsonb_array_elements(c.explanation -> 'corrections') AS e
WHERE c.year = 2020 AND c.methodology = :'methodology' AND c.body = 'MES' AND c.node = 'goals.strategic';
SELECT e ->> 'indicator' AS not_taken_into_account, e ->> 'reason' AS reason
FROM perf_eval.body_card AS c, jsonb_array_elements(c.explanation -> 'excluded') AS e
WHERE c.year = 2020 AND c.methodology = :'methodology' AND c.body = 'MES' AND c.node = 'goals.strategic';
