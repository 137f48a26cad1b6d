-- The library's settings (docs/settings.md): perf_eval.methodology,
-- perf_eval.refresh_full_scan_months and perf_eval.allow_drop_with_data
-- (tested with the drop guard: test/pgtap/drop_guard.sql). The prefix perf_eval. is reserved once
-- the library is loaded, so a misspelt setting is an error; SET works before
-- and after the load.

-- pg_regress starts this file in a fresh session: the library is not loaded
-- yet, so PostgreSQL knows no perf_eval setting.
SELECT count(*) AS settings_shown FROM pg_settings WHERE name LIKE 'perf_eval.%';

-- Before the load, PostgreSQL keeps any perf_eval.* value as it is given.
SET perf_eval.methodology = 'kz2017';
SET perf_eval.methodolgy = 'kz2020';

-- The first calculation loads the library: the misspelt setting is dropped
-- with a warning, the methodology set before the load stays and is used.
SELECT total FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', NULL, 20);
SELECT total FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', 'kz2017', 20) AS total_kz2017;
SELECT total FROM perf_eval.complaint_scores('(200,1,0,1,0,0)', 'kz2020', 20) AS total_kz2020;
SHOW perf_eval.methodology;
SELECT perf_eval.resolve_methodology(NULL);

SELECT name, setting, vartype, context, min_val, max_val, boot_val
FROM pg_settings WHERE name LIKE 'perf_eval.%' ORDER BY name;

-- After the load: a misspelt name is refused, a malformed methodology name
-- is refused, a well-formed one that is not a row is refused when used.
SET perf_eval.methodolgy = 'kz2017';
SHOW perf_eval.methodolgy;
SET perf_eval.methodology = 'KZ2017';
SET perf_eval.methodology = 'kz2099';
SELECT perf_eval.resolve_methodology(NULL);
SET perf_eval.methodology = 'kz2020_apa';
SELECT perf_eval.resolve_methodology(NULL);
RESET perf_eval.methodology;
SELECT perf_eval.resolve_methodology(NULL);
SET perf_eval.refresh_full_scan_months = 14;

-- A new session (not loaded): a malformed value set before the load is kept
-- rather than replaced by the default version, and refused when used.
\c
SET perf_eval.methodology = 'KZ2017';
SELECT perf_eval.resolve_methodology(NULL);
SHOW perf_eval.methodology;

-- A session that preloads the library (session_preload_libraries): the
-- settings are shown at once and a misspelt one is refused from the start.
\c -reuse-previous=on "options='-c session_preload_libraries=perf_eval'"
SELECT name FROM pg_settings WHERE name LIKE 'perf_eval.%' ORDER BY name;
SET perf_eval.methodolgy = 'kz2017';
SET perf_eval.methodology = 'kz2017';
SELECT perf_eval.resolve_methodology(NULL);
