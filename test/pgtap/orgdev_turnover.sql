-- Net turnover C at t = 0.06, 0.07, 0.08, 0.09 under each variant (METHODOLOGY
-- §5.2, §8 E6): the kernel with each variant's parameters, then the recalculation
-- from leavers and headcounts under kz2020 (printed), kz2020_apa (threshold_009,
-- merged with stability: CS = 15·C/10) and a fork of kz2020 set to continuous.
BEGIN;
SELECT plan(12 + 3 + 3);

-- Expected points written from the formulas of §5.2 (10·(upper − t)/denominator between the thresholds).
-- kz2020_apa merges C with stability: CS = 15·C/10 (expected_merged).
CREATE TEMP TABLE turnover_case (t numeric, variant text, expected numeric, expected_merged numeric);
INSERT INTO turnover_case VALUES
(0.06, 'printed', 10, NULL), (0.07, 'printed', 3.333333, NULL), (0.08, 'printed', 0, NULL), (0.09, 'printed', 0, NULL),
(0.06, 'continuous', 10, NULL), (0.07, 'continuous', 5, NULL), (0.08, 'continuous', 0, NULL), (0.09, 'continuous', 0, NULL),
(0.06, 'threshold_009', 10, 15), (0.07, 'threshold_009', 6.666667, 10), (0.08, 'threshold_009', 3.333333, 5),
(0.09, 'threshold_009', 0, 0);

-- 1. The kernel, with kz2020's parameters for printed and continuous and kz2020_apa's for threshold_009.
SELECT is(round(perf_eval.net_turnover_score(c.t, c.variant, perf_eval.param_numeric(p.v, 'hr.turnover.pts'),
                    perf_eval.param_numeric(p.v, 'hr.turnover.lower'), perf_eval.param_numeric(p.v, 'hr.turnover.upper'),
                    perf_eval.param_numeric(p.v, CASE c.variant WHEN 'continuous' THEN 'hr.turnover.denominator_continuous'
                                                               ELSE 'hr.turnover.denominator' END)), 6),
          c.expected, format('kernel: t = %s under %s gives %s', c.t, c.variant, c.expected))
FROM turnover_case AS c
CROSS JOIN LATERAL (SELECT CASE c.variant WHEN 'threshold_009' THEN 'kz2020_apa' ELSE 'kz2020' END AS v) AS p
ORDER BY c.variant, c.t;

-- 2. The recalculation: four ministries whose leavers give t = 0.06 .. 0.09 of 100 average servants.
CREATE FUNCTION pg_temp.typical_hr(body text, year integer) RETURNS perf_eval.orgdev_hr_inputs
LANGUAGE sql AS $$
    SELECT ROW($1, $2, 2, 5, 20, 80, 60, 95, 45, 12, 80, 90, 70, 10, 10, 4, 4, true, 9,
               80, 75, 30, 70, 85, 'test', current_user, now())::perf_eval.orgdev_hr_inputs
$$;
CREATE TEMP TABLE turnover_body (body text, t numeric);
INSERT INTO turnover_body VALUES ('MJ', 0.06), ('ME', 0.07), ('MF', 0.08), ('MH', 0.09);
INSERT INTO perf_eval.orgdev_hr_inputs SELECT (pg_temp.typical_hr(b.body, 2031)).* FROM turnover_body AS b;
UPDATE perf_eval.orgdev_hr_inputs AS i SET left_management = 1, left_other = (b.t * 100)::bigint - 1
FROM turnover_body AS b WHERE b.body = i.body AND i.year = 2031;

SELECT perf_eval.fork_methodology('kz2020', 'kz2020_continuous') AS fork \gset
SELECT perf_eval.set_param('kz2020_continuous', 'hr.turnover.variant', 'continuous') \gset
SELECT count(perf_eval.recalculate_within_transaction(2031, m.v)) AS runs
FROM (VALUES ('kz2020'), ('kz2020_apa'), ('kz2020_continuous')) AS m(v) \gset

-- The turnover indicator of K (its first indicator) in each body's explanation.
CREATE TEMP VIEW turnover_points AS
SELECT s.methodology, b.t, s.explanation -> 'inputs' ->> 't' AS t_input,
       round((s.explanation -> 'indicators' -> 0 ->> 'points')::numeric, 6) AS points
FROM perf_eval.current_score AS s JOIN turnover_body AS b USING (body)
WHERE s.year = 2031 AND s.node = 'orgdev.hr.potential';

SELECT results_eq(
    format($$SELECT t_input::numeric, points FROM turnover_points WHERE methodology = %L ORDER BY t$$, m.v),
    format($$SELECT t, %s FROM turnover_case WHERE variant = %L ORDER BY t$$,
           CASE WHEN m.merged THEN 'expected_merged' ELSE 'expected' END, m.variant),
    format('recalculation under %s: t from leavers and headcounts, C as variant %s%s', m.v, m.variant,
           CASE WHEN m.merged THEN ' merged with stability (CS = 15·C/10)' ELSE '' END))
FROM (VALUES ('kz2020', 'printed', false), ('kz2020_apa', 'threshold_009', true),
             ('kz2020_continuous', 'continuous', false)) AS m(v, variant, merged);

-- 3. The repaired variants promise a continuous score: a fork naming threshold_009 while
-- keeping kz2020's upper 0.08 (slope 0.03) is refused at the run, naming the body.
SELECT perf_eval.fork_methodology('kz2020', 'kz2020_bad_variant') AS fork \gset
SELECT perf_eval.set_param('kz2020_bad_variant', 'hr.turnover.variant', 'threshold_009') \gset
SELECT throws_like($$SELECT perf_eval.recalculate_within_transaction(2031, 'kz2020_bad_variant')$$,
                   'turnover variant threshold_009 needs denominator = upper - lower',
                   'threshold_009 with upper 0.08 and denominator 0.03 is inconsistent (22023)');
SELECT throws_ok($$SELECT perf_eval.net_turnover_score(0.07, 'linear', 10, 0.06, 0.08, 0.03)$$,
                 '22023', 'unknown turnover variant "linear"', 'an unknown variant is refused');
SELECT throws_ok($$SELECT perf_eval.net_turnover_score(-0.01, 'printed', 10, 0.06, 0.08, 0.03)$$,
                 '22003', 't must not be negative', 'a negative ratio is out of range');

SELECT * FROM finish();
ROLLBACK;
