-- The scale and bands mechanisms (METHODOLOGY §0.8), as a methodology editor uses them.

-- A scale is flat outside its breakpoints and linear in between.
SELECT x, perf_eval.scale_value(x, '50:0;90:1') AS p1_share
FROM (VALUES (40), (50), (69.8), (90), (97)) AS t(x);

-- Three breakpoints; breakpoints may be written with spaces.
SELECT perf_eval.scale_value(75, '0:0; 50:0.5; 100:1') AS three_points;

-- Bands: the first matching rule wins; the R4 bands of kz2020 on the printed gaps.
SELECT share, perf_eval.bands_value(share, 'ge 90 => 10; ge 80 => 8; ge 70 => 6; ge 60 => 4; ge 50 => 1; else => 0') AS r4
FROM (VALUES (100), (90), (89.99), (80), (50), (49.95), (0)) AS t(share);

-- Bands may give labels (grades) or null (not assessable).
SELECT perf_eval.bands_label(4, 'eq 5 => excellent; eq 4 => effective; eq 3 => satisfactory; else => unsatisfactory') AS grade,
       perf_eval.bands_value(9, 'ge 5000 => 1000; ge 1000 => 100; ge 10 => 10; else => null') AS tier_of_9;

-- Validation: NULL when valid, else the reason; used by the parameter catalog.
SELECT definition, perf_eval.scale_definition_error(definition) AS problem
FROM (VALUES ('50:0;90:1'), ('10:0;0:1'), ('0:1'), ('50:zero;90:1')) AS t(definition);
SELECT definition, perf_eval.bands_definition_error(definition) AS problem
FROM (VALUES ('ge 90 => 10; else => 0'), ('ge 80 => 8; ge 90 => 10; else => 0'),
             ('ge 90 => 10'), ('gt 3 => 1.2; lt 1 => 0; else => 1')) AS t(definition);

-- Errors name the argument and the rule.
SELECT perf_eval.scale_value(5, '10:0;0:1');
SELECT perf_eval.bands_value(5, 'le 5 => 6; lt 10 => 3');
SELECT perf_eval.bands_value(4, 'eq 4 => effective; else => unsatisfactory');
SELECT perf_eval.scale_value('NaN', '0:0;1:1');
