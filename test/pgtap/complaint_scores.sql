-- The complaints direction H under a methodology (METHODOLOGY §4.4): the
-- complaints_direction rows of test/vectors/interaction_block.csv from the
-- counts the spec gives, through complaint_scores(), plus kz2017 and errors.
BEGIN;

CREATE TEMP TABLE interaction_vector (
    id text, kernel text, kind text, version text, s numeric, u numeric, d numeric, h numeric,
    r1 numeric, r2 numeric, r3 numeric, r4 numeric, expected numeric, scale integer, exact boolean,
    sqlstate text, source text, note text);
\copy interaction_vector FROM 'test/vectors/interaction_block.csv' WITH (FORMAT csv, HEADER true)

-- The inputs of each complaints_direction vector (METHODOLOGY §4.4 and the vector notes);
-- the expected R1..R4 and H come from the CSV.
CREATE TEMP TABLE h_case (id text, tally perf_eval.complaint_tally, clamp text, zero_volume text);
INSERT INTO h_case VALUES
('I012', '(20000,8,0,0,21,6)', 'floor0_capk', 'full_points'),
('I013', '(1500,0,0,0,0,0)',   'floor0_capk', 'full_points'),
('I014', '(50,3,3,0,3,3)',     'floor0_capk', 'full_points'),
('I015', '(50,3,3,0,3,3)',     'none',        'full_points'),
('I016', '(1500,0,0,0,0,0)',   'floor0_capk', 'null');

SELECT plan((SELECT count(*)::integer FROM interaction_vector WHERE kernel = 'complaints_direction') + 7);

-- A user methodology per policy pair, forked from kz2020 (the shipped one is not changed).
INSERT INTO perf_eval.methodology (name, title, description, based_on)
SELECT DISTINCT 'h_' || clamp || '_' || zero_volume, 'test fork', 'policies under test', 'kz2020' FROM h_case;
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source)
SELECT m.name, p.key,
       CASE p.key WHEN 'policy.clamp' THEN c.clamp WHEN 'policy.zero_volume' THEN c.zero_volume ELSE p.value END,
       p.value_kind, p.provenance, p.source
FROM (SELECT DISTINCT clamp, zero_volume FROM h_case) AS c
JOIN perf_eval.methodology AS m ON m.name = 'h_' || c.clamp || '_' || c.zero_volume
CROSS JOIN perf_eval.methodology_param AS p WHERE p.methodology = 'kz2020';

SELECT results_eq(
    format($$SELECT s.timeliness, s.court, s.repeat, s.internal_control, s.total
             FROM perf_eval.complaint_scores(%L::perf_eval.complaint_tally, %L) AS s$$,
           c.tally, 'h_' || c.clamp || '_' || c.zero_volume),
    format('VALUES (%L::numeric, %L::numeric, %L::numeric, %L::numeric, %L::numeric)',
           v.r1, v.r2, v.r3, v.r4, v.expected),
    v.id || ' ' || v.note)
FROM interaction_vector AS v JOIN h_case AS c USING (id)
WHERE v.kernel = 'complaints_direction'
ORDER BY v.id;

-- Straight from complaint records, under the default methodology (kz2020).
SELECT results_eq(
    $$SELECT s.version, s.total FROM perf_eval.complaint_scores(
          (SELECT perf_eval.complaint_tally_agg(g <= 8, false, false, g <= 21, g <= 6)
           FROM generate_series(1, 20000) AS g)) AS s$$,
    $$VALUES ('kz2020'::text, 77.9::numeric)$$,
    'H = 77.9 from 20 000 complaint records (8 late, 21 repeated, 6 late and disciplined)');

-- kz2017: R1 per 100, R2 with volume tiers counting higher-authority cases, R3 supplied, no R4.
SELECT results_eq(
    $$SELECT s.timeliness, s.court, s.repeat, s.internal_control, s.total
      FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', 'kz2017', 15) AS s$$,
    $$VALUES (20::numeric, 38::numeric, 15::numeric, NULL::numeric, 73::numeric)$$,
    'kz2017: R1 = 20 (1 late of 200 at x100), R2 = 38 (tier 10, a + c = 1), R3 supplied 15, no R4');
SELECT is((SELECT total FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', 'kz2017')), NULL,
          'kz2017 without the supplied R3 is not assessable');
SELECT isnt((SELECT total FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', 'kz2020')),
            (SELECT total FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', 'kz2017', 20)),
            'the same counts rate differently under kz2017 and kz2020');

SELECT throws_ok($$SELECT * FROM perf_eval.complaint_scores('(10,1,0,0,0,0)', 'kz2099')$$,
                 '22023', 'unknown methodology "kz2099"', 'an unknown methodology is refused');
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', 'kz2017', 25)$$,
                 '22003', NULL, 'a supplied R3 above its maximum is refused');
SELECT throws_ok($$SELECT * FROM perf_eval.complaint_scores('(10,11,0,0,0,0)', 'kz2020')$$,
                 '22023', 'inconsistent complaint_tally: a part exceeds its whole', 'inconsistent counts are refused (by checked_tally, as complaint_tally_merge_agg refuses them)');

SELECT * FROM finish();
ROLLBACK;
