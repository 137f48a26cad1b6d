-- Bench data: :deliveries service deliveries and :complaints complaint
-- records of the year 2020 over the bodies of demo/bodies.csv (loaded into
-- bench_body by scripts/bench.sh), into the extension's own registries, so
-- every variant reads the same rows with the same layout.
--
-- Rows come in date order, as a registry is loaded, all in 2020 (complaints
-- are received by early December and answered within 18 days). Bodies are
-- skewed (the largest has about 13 times the rows of the smallest) and flags
-- are hashed from the row number: reproducible, and unpredictable for the
-- branch predictor, as real flags are. Rates are higher than real ones so
-- every counter is non-zero for every body at the default sizes.
\set ON_ERROR_STOP on

CREATE TEMP TABLE bench_body_code AS
SELECT array_agg(code ORDER BY code) AS codes, count(*)::integer AS n FROM bench_body;

-- h1, h2: two independent 31-bit hashes of the row number.
INSERT INTO perf_eval.service_delivery
      (delivered_on, deadline_violated, unreasonable_refusal, incomplete_package, extra_documents,
       electronic, quality_appeal_justified, body, service_code)
SELECT date '2020-01-01' + (g::bigint * 366 / (:deliveries + 1))::integer,
       h2 % 500 = 0, h2 % 3001 = 0, h2 % 1499 = 0, h2 % 211 = 0,
       h1 % 100 < 85, h2 % 4999 = 0,
       b.codes[1 + ((h1 % 1000000) * (h1 % 1000000) / 1000000) * b.n / 1000000],
       'S' || lpad((h2 % 700)::text, 4, '0')
FROM bench_body_code AS b,
     LATERAL (SELECT g, hashint8(g)::bigint & 2147483647 AS h1, hashint8(-g)::bigint & 2147483647 AS h2
              FROM generate_series(1, :deliveries) AS g) AS r;

INSERT INTO perf_eval.complaint_record
      (received_on, deadline, court_satisfied, higher_authority_satisfied, repeated_satisfied,
       disciplinary_action, answered_on, body)
SELECT received, received + 15,
       h2 % 997 = 0, h2 % 1201 = 0, h2 % 97 = 0, h1 % 3 = 0,
       -- 1 in 200 not yet answered; about 1 in 50 answered after the deadline
       CASE WHEN h2 % 200 = 0 THEN NULL ELSE received + (h1 % 16)::integer + (h1 % 50 = 0)::integer * 3 END,
       b.codes[1 + ((h1 % 1000000) * (h1 % 1000000) / 1000000) * b.n / 1000000]
FROM bench_body_code AS b,
     LATERAL (SELECT g, date '2020-01-01' + (g::bigint * 340 / (:complaints + 1))::integer AS received,
                     hashint8(g)::bigint & 2147483647 AS h1, hashint8(-g)::bigint & 2147483647 AS h2
              FROM generate_series(1, :complaints) AS g) AS r;

-- Hint bits, visibility map and statistics, so no variant pays for them.
VACUUM (FREEZE, ANALYZE) perf_eval.service_delivery, perf_eval.complaint_record;
