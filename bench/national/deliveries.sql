-- Rows :lo to :hi of the :total service deliveries of year :year (run by
-- bench/national/run.sh, several slices at a time in sessions of their own).
-- Row g's values depend on g and the year only, so the rows are the same
-- however they are sliced. Dates grow with g: slices loaded in order append
-- the year in date order, as a registry is loaded. Bodies are skewed (the
-- largest has about 13 times the rows of the smallest), flags hashed from the
-- row number, as in bench/generate.sql.
-- The change triggers are off (session_replication_role = replica): run.sh
-- marks every (registry, body, month) of the year itself, which is what
-- they would mark, without a transition table of millions of rows.
\set ON_ERROR_STOP on
SET session_replication_role = replica;
INSERT INTO perf_eval.service_delivery
      (delivered_on, deadline_violated, unreasonable_refusal, incomplete_package, extra_documents,
       electronic, quality_appeal_justified, body, service_code)
SELECT make_date(:year, 1, 1) + ((g - 1) * (make_date(:year + 1, 1, 1) - make_date(:year, 1, 1)) / :total)::integer,
       h2 % 500 = 0, h2 % 3001 = 0, h2 % 1499 = 0, h2 % 211 = 0,
       h1 % 100 < 85, h2 % 4999 = 0,
       b.codes[1 + ((h1 % 1000000) * (h1 % 1000000) / 1000000) * b.n / 1000000],
       'S' || lpad((h2 % 700)::text, 4, '0')
FROM bench_body_code AS b,
     LATERAL (SELECT g, hashint8(g + :year * 10000000000)::bigint & 2147483647 AS h1,
                     hashint8(-g - :year * 10000000000)::bigint & 2147483647 AS h2
              FROM generate_series(:lo::bigint, :hi::bigint) AS g) AS r;
