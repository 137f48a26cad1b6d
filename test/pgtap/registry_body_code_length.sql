-- A body code in a registry is at most 200 characters, as perf_eval.body.code
-- is: a longer one can belong to no body. It is refused at the insert with
-- 23514 naming the limit; before, an incompressible code over ~2.7 kB was
-- refused by the change-tracking trigger with 54000 (index row size), and a
-- compressible one was stored. Unknown codes within the limit are kept.
BEGIN;
SELECT plan(8);

CREATE TEMP TABLE code AS
SELECT (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 100) AS i) AS incompressible,
       repeat('A', 5000) AS compressible,
       repeat('Ж', 200) AS longest;

SELECT throws_ok($$INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
                   SELECT '2020-05-01', '2020-05-10', '2020-05-02', c.incompressible FROM code AS c$$,
                 '23514', 'new row for relation "complaint_record" violates check constraint "complaint_record_body_code_length"',
                 'an incompressible 3.2 kB body code is refused at the complaint insert by the length limit');
SELECT throws_ok($$INSERT INTO perf_eval.service_delivery (delivered_on, body, service_code)
                   SELECT '2020-05-01', c.incompressible, 'S1' FROM code AS c$$,
                 '23514', 'new row for relation "service_delivery" violates check constraint "service_delivery_body_code_length"',
                 'an incompressible 3.2 kB body code is refused at the delivery insert by the length limit');
SELECT throws_ok($$INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
                   SELECT '2020-05-01', '2020-05-10', '2020-05-02', c.compressible FROM code AS c$$,
                 '23514', NULL, 'a compressible 5 000-character body code is refused too');
SELECT throws_ok($$INSERT INTO perf_eval.body (code, kind, name_en, name_ru)
                   VALUES (repeat('B', 201), 'CSB', 'Too long', 'Слишком длинный')$$,
                 '23514', 'new row for relation "body" violates check constraint "body_code_length"',
                 'a body code of 201 characters is refused in the body registry');
SELECT lives_ok($$INSERT INTO perf_eval.body (code, kind, name_en, name_ru)
                  VALUES (repeat('B', 200), 'CSB', 'Longest', 'Самый длинный')$$,
                'a body code of 200 characters is accepted');

-- An unknown code within the limit (200 two-byte characters) is stored and
-- gets its monthly states like any other.
SELECT lives_ok($$INSERT INTO perf_eval.complaint_record (received_on, deadline, answered_on, body)
                  SELECT '2020-05-01', '2020-05-10', '2020-05-02', c.longest FROM code AS c;
                  INSERT INTO perf_eval.service_delivery (delivered_on, body, service_code)
                  SELECT '2020-05-01', c.longest, 'S1' FROM code AS c$$,
                'a 200-character body code no body has is kept in both registries');
SELECT cmp_ok(perf_eval.refresh_monthly_tallies(2020), '>=', 2, 'the refresh rescans its marked months');
SELECT is((SELECT (SELECT (m.tally).considered FROM perf_eval.complaint_tally_monthly AS m, code AS c
                   WHERE m.body = c.longest AND m.month = '2020-05-01')
                  + (SELECT (m.tally).deliveries FROM perf_eval.service_tally_monthly AS m, code AS c
                     WHERE m.body = c.longest AND m.month = '2020-05-01')),
          2::bigint, 'its monthly states count its complaint and its delivery');

SELECT * FROM finish();
ROLLBACK;
