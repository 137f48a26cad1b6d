-- A year merged from the stored monthly partial states equals the aggregate
-- over the registry rows and a plain-SQL count, serially and with a
-- forced-parallel refresh; after a change only the changed (body, month)
-- pairs are rescanned (METHODOLOGY §7.2).
BEGIN;
SELECT plan(17);

-- Two years of both registries over 41 bodies, in date order as they are loaded.
INSERT INTO perf_eval.service_delivery
       (delivered_on, deadline_violated, unreasonable_refusal, incomplete_package, extra_documents,
        electronic, quality_appeal_justified, body, service_code)
SELECT date '2020-01-01' + (g * 731 / 60000), g % 97 = 0, g % 301 = 0, g % 149 = 0, g % 21 = 0,
       g % 7 <> 0, g % 499 = 0, 'B' || lpad((g % 41)::text, 2, '0'), 'S' || (g % 13)
FROM generate_series(0, 59999) AS g;
-- Complaints received up to the last days of 2020 are answered in 2021;
-- every 50th is not answered yet.
INSERT INTO perf_eval.complaint_record
       (received_on, deadline, court_satisfied, higher_authority_satisfied, repeated_satisfied,
        disciplinary_action, answered_on, body)
SELECT r, r + 15, g % 103 = 0, g % 211 = 0, g % 37 = 0, g % 3 = 0,
       CASE WHEN g % 50 = 0 THEN NULL ELSE r + g % 19 END, 'B' || lpad((g % 41)::text, 2, '0')
FROM generate_series(0, 19999) AS g, LATERAL (SELECT date '2020-01-01' + (g * 731 / 20000) AS r) AS d;

-- Plain-SQL oracles of 2020, one text per registry, ordered by body.
CREATE FUNCTION pg_temp.service_oracle() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(format('%s(%s,%s,%s,%s,%s,%s,%s)', body, n, dv, ur, ip, ed, el, qa), ';' ORDER BY body)
    FROM (SELECT body, count(*) AS n, count(*) FILTER (WHERE deadline_violated) AS dv,
                 count(*) FILTER (WHERE unreasonable_refusal) AS ur, count(*) FILTER (WHERE incomplete_package) AS ip,
                 count(*) FILTER (WHERE extra_documents) AS ed, count(*) FILTER (WHERE electronic) AS el,
                 count(*) FILTER (WHERE quality_appeal_justified) AS qa
          FROM perf_eval.service_delivery WHERE delivered_on BETWEEN '2020-01-01' AND '2020-12-31'
          GROUP BY body) AS s
$$;
CREATE FUNCTION pg_temp.complaint_oracle() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(format('%s(%s,%s,%s,%s,%s,%s)', body, p, f, a, c, n, d), ';' ORDER BY body)
    FROM (SELECT body, count(*) AS p, count(*) FILTER (WHERE answered_on > deadline) AS f,
                 count(*) FILTER (WHERE court_satisfied) AS a, count(*) FILTER (WHERE higher_authority_satisfied) AS c,
                 count(*) FILTER (WHERE repeated_satisfied) AS n,
                 count(*) FILTER (WHERE answered_on > deadline AND disciplinary_action) AS d
          FROM perf_eval.complaint_record WHERE answered_on BETWEEN '2020-01-01' AND '2020-12-31'
          GROUP BY body) AS s
$$;
-- The aggregates straight over the rows of 2020.
CREATE FUNCTION pg_temp.service_direct() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(body || t::text, ';' ORDER BY body)
    FROM (SELECT body, perf_eval.service_tally_agg(deadline_violated, unreasonable_refusal, incomplete_package,
                                                   extra_documents, electronic, quality_appeal_justified) AS t
          FROM perf_eval.service_delivery WHERE delivered_on BETWEEN '2020-01-01' AND '2020-12-31'
          GROUP BY body) AS s
$$;
CREATE FUNCTION pg_temp.complaint_direct() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(body || t::text, ';' ORDER BY body)
    FROM (SELECT body, perf_eval.complaint_tally_agg(deadline, answered_on, court_satisfied,
                                                     higher_authority_satisfied, repeated_satisfied,
                                                     disciplinary_action) AS t
          FROM perf_eval.complaint_record WHERE answered_on BETWEEN '2020-01-01' AND '2020-12-31'
          GROUP BY body) AS s
$$;
-- The path the recalculation takes: 12 stored states per body, merged.
CREATE FUNCTION pg_temp.service_from_states() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(b.body || perf_eval.service_tally_of_year(b.body, 2020)::text, ';' ORDER BY b.body)
    FROM (SELECT DISTINCT body FROM perf_eval.service_delivery) AS b
$$;
CREATE FUNCTION pg_temp.complaint_from_states() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(b.body || perf_eval.complaint_tally_of_year(b.body, 2020)::text, ';' ORDER BY b.body)
    FROM (SELECT DISTINCT body FROM perf_eval.complaint_record) AS b
$$;
CREATE FUNCTION pg_temp.all_states() RETURNS text LANGUAGE sql AS $$
    SELECT string_agg(x, ';' ORDER BY x)
    FROM (SELECT 's' || body || month || tally::text FROM perf_eval.service_tally_monthly
          UNION ALL SELECT 'c' || body || month || tally::text FROM perf_eval.complaint_tally_monthly) AS t(x)
$$;

SELECT is(perf_eval.refresh_monthly_tallies(2020),
          (SELECT count(DISTINCT (body, date_trunc('month', delivered_on)))::integer FROM perf_eval.service_delivery
           WHERE delivered_on < '2021-01-01')
          + (SELECT count(DISTINCT (body, date_trunc('month', answered_on)))::integer FROM perf_eval.complaint_record
             WHERE answered_on < '2021-01-01'),
          'the first refresh rescans every (body, month) pair of 2020 that has rows, once');
SELECT is((SELECT count(*) FROM perf_eval.registry_dirty_month WHERE month < '2021-01-01'), 0::bigint,
          'no pair of 2020 is left marked');
SELECT ok((SELECT count(*) FROM perf_eval.registry_dirty_month WHERE month >= '2021-01-01') > 0,
          'the pairs of 2021 stay marked until 2021 is refreshed');

SELECT is(pg_temp.service_direct(), pg_temp.service_oracle(), 'deliveries: the direct aggregate equals plain SQL');
SELECT is(pg_temp.service_from_states(), pg_temp.service_direct(),
          'deliveries: merging the monthly states equals the direct aggregate, for every body');
SELECT is(pg_temp.complaint_direct(), pg_temp.complaint_oracle(), 'complaints: the direct aggregate equals plain SQL');
SELECT is(pg_temp.complaint_from_states(), pg_temp.complaint_direct(),
          'complaints: merging the monthly states equals the direct aggregate (month of answered_on)');
SELECT is(perf_eval.refresh_monthly_tallies(2020), 0, 'a refresh with no change rescans nothing');

-- Change one body's June: only that pair is marked and rescanned.
UPDATE perf_eval.service_delivery SET electronic = NOT electronic, deadline_violated = true
WHERE body = 'B07' AND delivered_on BETWEEN '2020-06-10' AND '2020-06-20';
SELECT is((SELECT string_agg(registry || ' ' || body || ' ' || to_char(month, 'YYYY-MM-DD'), ', ') FROM perf_eval.registry_dirty_month
           WHERE month < '2021-01-01'), 'service_delivery B07 2020-06-01', 'the update marked exactly its pair');
SELECT is(perf_eval.refresh_monthly_tallies(2020), 1, 'the refresh rescans exactly that one pair');
SELECT is(pg_temp.service_from_states(), pg_temp.service_oracle(), 'after the change the merged states still equal plain SQL');

-- Late answers for one body land in one month of complaints.
INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, disciplinary_action, body)
SELECT '2020-09-01', '2020-09-16', '2020-09-30', g % 2 = 0, 'B11' FROM generate_series(1, 25) AS g;
SELECT is(perf_eval.refresh_monthly_tallies(2020), 1, 'a load into one (body, month) rescans that pair only');
SELECT is(pg_temp.complaint_from_states(), pg_temp.complaint_oracle(), 'after the load the merged complaint states equal plain SQL');

-- A full rescan of the year under forced parallelism gives the same states.
SELECT pg_temp.all_states() AS serial_states \gset
INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
SELECT 'service_delivery', body, month FROM perf_eval.service_tally_monthly
UNION ALL SELECT 'complaint_record', body, month FROM perf_eval.complaint_tally_monthly;
SET LOCAL max_parallel_workers_per_gather = 4;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_leader_participation = off;
SELECT is(perf_eval.refresh_monthly_tallies(2020), (SELECT count(*)::integer FROM perf_eval.service_tally_monthly)
          + (SELECT count(*)::integer FROM perf_eval.complaint_tally_monthly), 'a year marked by hand is rescanned whole');
SELECT is(pg_temp.all_states(), :'serial_states'::text, 'the forced-parallel refresh stores the same states');
RESET max_parallel_workers_per_gather;

-- Removing one body's rows of a month removes that state.
DELETE FROM perf_eval.service_delivery WHERE body = 'B03' AND delivered_on BETWEEN '2020-04-01' AND '2020-04-30';
SELECT is(perf_eval.refresh_monthly_tallies(2020), 1, 'the delete rescans its one pair');
SELECT is(pg_temp.service_from_states(), pg_temp.service_oracle(), 'after a delete the merged states equal plain SQL');

SELECT * FROM finish();
ROLLBACK;
