-- Efficiency zones (METHODOLOGY §0.4): half-open bands on the unrounded score.

SELECT score, perf_eval.efficiency_zone(score) AS zone, round(score, 1) AS shown
FROM (VALUES (100), (90), (89.995), (70), (69.995), (50), (49.99), (-2360), (104.16)) AS t(score);

-- With the labels the reports print.
SELECT z.zone, l.label_en, l.label_ru
FROM (SELECT perf_eval.efficiency_zone(81.65) AS zone) AS z
JOIN perf_eval.efficiency_zone_label AS l USING (zone);

-- Explicit thresholds, and what is refused.
SELECT perf_eval.efficiency_zone(92, 95, 70, 50) AS with_high_at_95;
SELECT perf_eval.efficiency_zone(92, 70, 90, 50);
SELECT perf_eval.efficiency_zone('Infinity', 90, 70, 50);
SELECT perf_eval.efficiency_zone(92, 'no_such_version');
