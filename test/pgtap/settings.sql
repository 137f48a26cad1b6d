-- The library's settings (docs/settings.md) are defined with descriptions and
-- limits, the prefix perf_eval. is reserved, and SET perf_eval.methodology
-- chooses the version after the library is loaded. The order "SET before the
-- load" needs a fresh session: sql/settings.sql.
BEGIN;
SELECT plan(14);

-- Calling a function of the library loads it (and defines its settings).
SELECT perf_eval.refresh_full_scan_months() AS library_loaded \gset

SELECT results_eq($$SELECT name, vartype, context FROM pg_settings WHERE name LIKE 'perf_eval.%' ORDER BY name$$,
                  $$VALUES ('perf_eval.allow_drop_with_data'::text, 'bool'::text, 'superuser'::text),
                           ('perf_eval.change_reason', 'string', 'user'),
                           ('perf_eval.incremental_recalculation', 'bool', 'user'),
                           ('perf_eval.methodology', 'string', 'user'),
                           ('perf_eval.refresh_full_scan_months', 'integer', 'user')$$,
                  'every perf_eval setting is shown in pg_settings with its type; only the drop override is for superusers');
SELECT is_empty($$SELECT name FROM pg_settings WHERE name LIKE 'perf_eval.%'
                  AND (coalesce(short_desc, '') = '' OR coalesce(extra_desc, '') = '')$$,
                'every perf_eval setting has a short and a long description');
SELECT is_empty($$SELECT name FROM pg_settings WHERE name LIKE 'perf_eval.%'
                  AND (short_desc || extra_desc) ~* 'seed|METHODOLOGY\.md'$$,
                'the descriptions cite no internal source');
SELECT results_eq($$SELECT min_val, max_val, boot_val FROM pg_settings WHERE name = 'perf_eval.refresh_full_scan_months'$$,
                  $$VALUES ('1'::text, '13'::text, '4'::text)$$,
                  'refresh_full_scan_months runs from 1 to 13 months, default 4');
SELECT results_eq($$SELECT min_val, max_val, enumvals, boot_val FROM pg_settings WHERE name = 'perf_eval.methodology'$$,
                  $$VALUES (NULL::text, NULL::text, NULL::text[], ''::text)$$,
                  'methodology is free text (versions are rows), empty by default');

-- The prefix is reserved: a misspelt name is an error.
SELECT throws_ok($$SET LOCAL perf_eval.methodolgy = 'kz2017'$$, '42602',
                 'invalid configuration parameter name "perf_eval.methodolgy"',
                 'SET of a misspelt perf_eval setting is refused');
SELECT throws_ok($$SELECT set_config('perf_eval.methodolgy', 'kz2017', true)$$, '42602', NULL,
                 'set_config of a misspelt perf_eval setting is refused');
SELECT throws_ok($$SELECT current_setting('perf_eval.methodolgy')$$, '42704',
                 'unrecognized configuration parameter "perf_eval.methodolgy"',
                 'reading a misspelt perf_eval setting is refused');

-- Values are checked: the form of a methodology name, the range of months.
SELECT throws_ok($$SET LOCAL perf_eval.methodology = 'KZ2017'$$, '22023',
                 'invalid value for parameter "perf_eval.methodology": "KZ2017"',
                 'a methodology name that cannot be a row is refused by SET');
SELECT throws_ok($$SET LOCAL perf_eval.refresh_full_scan_months = 14$$, '22023', NULL,
                 'refresh_full_scan_months above 13 is refused');

-- After the load the setting chooses the version; empty means the default.
SET LOCAL perf_eval.methodology = 'kz2020_apa';
SELECT is(perf_eval.resolve_methodology(NULL), 'kz2020_apa', 'SET after the load chooses the version');
SELECT is(perf_eval.resolve_methodology('kz2017'), 'kz2017', 'a name passed wins over the setting');
SET LOCAL perf_eval.methodology = '';
SELECT is(perf_eval.resolve_methodology(NULL), 'kz2020', 'an empty setting means the default version');

-- A well-formed name that is not a row is refused when a calculation resolves it.
SET LOCAL perf_eval.methodology = 'kz2099';
SELECT throws_ok($$SELECT perf_eval.resolve_methodology(NULL)$$, '22023', 'unknown methodology "kz2099"',
                 'an unknown version in the setting is refused when resolved');

SELECT * FROM finish();
ROLLBACK;
