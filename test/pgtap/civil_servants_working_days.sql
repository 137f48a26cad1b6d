-- Working days between two dates (docs/methodology.md §6.3) are counted
-- without walking the days: the same count as a day-by-day walk over the
-- calendar's exceptions, and any two dates within the same short time.
BEGIN;
SELECT plan(5);

-- Exceptions of every kind: a holiday on a weekday, a "holiday" on a weekend
-- (no change), a transferred working day on a Saturday, a working weekday
-- marked working (no change), and a run of holidays across a year end.
INSERT INTO perf_eval.cs_working_calendar (day, is_working, note) VALUES
('2021-01-25', false, 'a weekday holiday'), ('2021-01-30', false, 'a weekend day off'),
('2021-02-06', true, 'a transferred working Saturday'), ('2021-02-08', true, 'a working Monday'),
('2020-12-31', false, 'year end'), ('2021-01-01', false, 'New Year'), ('2021-01-02', false, 'New Year'),
('2021-01-04', false, 'New Year, transferred'), ('2021-01-03', true, 'a transferred working Sunday');

-- The definition as the days walked one by one.
CREATE FUNCTION pg_temp.walked(after_day date, through_day date) RETURNS integer LANGUAGE sql AS $$
    SELECT count(*)::integer
    FROM generate_series(1, $2 - $1) AS n(offset_days)
    LEFT JOIN perf_eval.cs_working_calendar AS c ON c.day = $1 + n.offset_days
    WHERE coalesce(c.is_working, extract(isodow FROM $1 + n.offset_days) < 6)
$$;

SELECT is((SELECT count(*) FROM generate_series(date '2020-12-20', date '2021-02-20', interval '1 day') AS a(after_day)
           CROSS JOIN generate_series(-3, 60) AS len
           WHERE perf_eval.cs_working_days_between(a.after_day::date, a.after_day::date + len)
                 IS DISTINCT FROM pg_temp.walked(a.after_day::date, a.after_day::date + len)),
          0::bigint, 'every range of up to 60 days around the exceptions counts as the day-by-day walk');
SELECT is((SELECT count(*) FROM generate_series(0, 400) AS i
           CROSS JOIN LATERAL (SELECT date '1899-03-07' + i * 97 AS after_day, i * 37 + 11 AS len) AS r
           WHERE perf_eval.cs_working_days_between(r.after_day, r.after_day + r.len)
                 IS DISTINCT FROM pg_temp.walked(r.after_day, r.after_day + r.len)),
          0::bigint, 'ranges of every length and weekday before and after 2000 count as the day-by-day walk');

-- Extreme dates: once over 20 s of walking, now immediate.
SET LOCAL statement_timeout = '5s';
SELECT is(perf_eval.cs_working_days_between('2021-03-01', '5874897-12-31'), 1532160156,
          'from 2021 to the last date PostgreSQL has: the weekdays (400 Gregorian years are whole weeks), at once');
SELECT is(perf_eval.cs_working_days_between('4714-11-24 BC', '5874897-12-31') > 1500000000, true,
          'from the first date PostgreSQL has to the last, at once and without overflow');
SELECT is(perf_eval.cs_working_days_between('5874897-12-31', '2021-01-01'), 0, 'a range that ends before it starts has none');
RESET statement_timeout;

SELECT * FROM finish();
ROLLBACK;
