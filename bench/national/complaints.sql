-- The :total complaint records of year :year, in date order (received from
-- January to early December, answered within 18 days, 1 in 200 not yet),
-- as bench/generate.sql makes them; triggers off as in deliveries.sql.
\set ON_ERROR_STOP on
SET session_replication_role = replica;
INSERT INTO perf_eval.complaint_record
      (received_on, deadline, court_satisfied, higher_authority_satisfied, repeated_satisfied,
       disciplinary_action, answered_on, body)
SELECT received, received + 15,
       h2 % 997 = 0, h2 % 1201 = 0, h2 % 97 = 0, h1 % 3 = 0,
       CASE WHEN h2 % 200 = 0 THEN NULL ELSE received + (h1 % 16)::integer + (h1 % 50 = 0)::integer * 3 END,
       b.codes[1 + ((h1 % 1000000) * (h1 % 1000000) / 1000000) * b.n / 1000000]
FROM bench_body_code AS b,
     LATERAL (SELECT g, make_date(:year, 1, 1) + ((g - 1) * 340 / :total)::integer AS received,
                     hashint8(g + :year * 10000000000)::bigint & 2147483647 AS h1,
                     hashint8(-g - :year * 10000000000)::bigint & 2147483647 AS h2
              FROM generate_series(1, :total::bigint) AS g) AS r;
