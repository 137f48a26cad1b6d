-- Every row of every table of perf_eval, as "table<TAB>masked row<TAB>row",
-- restricted to the columns listed in pe_upgrade.columns (the columns the
-- table had before the upgrade) when that table exists, else all columns.
-- The masked row blanks the columns filled with the time of insertion, so a
-- row the extension ships can be recognised in two installs made at other
-- times. Used by test/upgrade.sh.
DO $$
DECLARE
    t record;
    cols text;
    masked text;
BEGIN
    CREATE TEMP TABLE pe_rows (tab text, masked_text text, row_text text);
    FOR t IN SELECT c.oid, c.relname FROM pg_catalog.pg_class AS c
             JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
             WHERE n.nspname = 'perf_eval' AND c.relkind IN ('r', 'p') ORDER BY c.relname LOOP
        SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ',' ORDER BY a.attnum),
               pg_catalog.string_agg(CASE WHEN pg_catalog.pg_get_expr(d.adbin, d.adrelid)
                                               ~* '(now|timestamp)\(\)|current_timestamp'
                                          THEN 'NULL' ELSE pg_catalog.quote_ident(a.attname) END,
                                     ',' ORDER BY a.attnum)
        INTO cols, masked
        FROM pg_catalog.pg_attribute AS a
        LEFT JOIN pg_catalog.pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
          AND (pg_catalog.to_regclass('pe_upgrade.columns') IS NULL
               OR a.attname::text IN (SELECT u.col FROM pe_upgrade.columns AS u WHERE u.tab = t.relname::text)
               OR NOT EXISTS (SELECT FROM pe_upgrade.columns AS u WHERE u.tab = t.relname::text));
        EXECUTE pg_catalog.format('INSERT INTO pe_rows SELECT %L, ROW(%s)::text, ROW(%s)::text FROM perf_eval.%I',
                                  t.relname, masked, cols, t.relname);
    END LOOP;
END
$$;
SELECT tab || E'\t' || masked_text || E'\t' || row_text FROM pe_rows ORDER BY tab, row_text;
