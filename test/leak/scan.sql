-- Reads, as the current role, every relation of schema perf_eval it may
-- SELECT (the columns it may read) and calls every function of the schema it
-- may EXECUTE whose arguments are only a year, a methodology or a body (and
-- which does not write: not volatile), all found from the catalog. Per
-- relation or function: rows read, rows showing the restricted value
-- (61.23 or more decimals of 61.2345), rows of a preliminary run (a column
-- named like run holding a preliminary run's id, or result_kind preliminary
-- or final), and of those the rows of a body other than :'own_body'.
CREATE FUNCTION public.leak_scan(own_body text)
RETURNS TABLE (kind text, object text, n bigint, restricted_value bigint, preliminary bigint,
               foreign_preliminary bigint, error text, ms numeric)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $f$
DECLARE
    o record;
    t0 timestamptz;
    body_sql text := $$
        SELECT count(*),
               count(*) FILTER (WHERE s.t ~ '(^|[^0-9])61\.23'),
               count(*) FILTER (WHERE s.prelim),
               count(*) FILTER (WHERE s.prelim AND coalesce(s.j ->> 'body', '') <> %L)
        FROM (SELECT x.t, x.j,
                     EXISTS (SELECT 1 FROM jsonb_each_text(x.j) AS e
                             WHERE (e.key ~ 'run' AND e.value IN (SELECT p.run_id::text FROM public.leak_preliminary AS p))
                                OR (e.key = 'result_kind' AND e.value IN ('preliminary', 'final'))) AS prelim
              FROM (SELECT row_to_json(q)::text AS t, to_jsonb(q) AS j FROM (%s) AS q) AS x) AS s$$;
BEGIN
    PERFORM set_config('statement_timeout', '20s', true);
    FOR o IN
        SELECT 'relation' AS kind, c.oid::regclass::text AS object,
               format('SELECT %s FROM %s', string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum), c.oid::regclass) AS query
        FROM pg_class AS c
        JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = 'perf_eval'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
          AND has_column_privilege(c.oid, a.attnum, 'SELECT')
        GROUP BY c.oid
        UNION ALL
        SELECT 'function', p.oid::regprocedure::text,
               format('SELECT * FROM %s(%s)', p.oid::regproc,
                      coalesce((SELECT string_agg(CASE WHEN t.typ = 'integer'::regtype THEN '2020'
                                                       WHEN p.proargnames[t.i] ~ 'methodology|^v$' THEN '''kz2020'''
                                                       ELSE '''MFA''' END, ', ' ORDER BY t.i)
                                FROM unnest(p.proargtypes::regtype[]) WITH ORDINALITY AS t(typ, i)), ''))
        FROM pg_proc AS p
        WHERE p.pronamespace = 'perf_eval'::regnamespace AND p.prokind = 'f' AND p.provolatile <> 'v'
          AND has_function_privilege(p.oid, 'EXECUTE')
          AND p.prorettype NOT IN ('trigger'::regtype, 'event_trigger'::regtype, 'internal'::regtype, 'void'::regtype)
          AND NOT (p.prorettype = 'record'::regtype AND p.proallargtypes IS NULL)
          AND NOT EXISTS (SELECT 1 FROM unnest(p.proargtypes::regtype[]) WITH ORDINALITY AS t(typ, i)
                          WHERE NOT (t.typ IN ('integer'::regtype, 'text'::regtype)
                                     AND coalesce(p.proargnames[t.i], '') ~ '^(year|methodology|body|y|v|b)$'))
        ORDER BY 1, 2
    LOOP
        kind := o.kind; object := o.object; error := NULL; t0 := clock_timestamp();
        BEGIN
            EXECUTE format(body_sql, own_body, o.query) INTO n, restricted_value, preliminary, foreign_preliminary;
        EXCEPTION WHEN OTHERS THEN
            n := 0; restricted_value := 0; preliminary := 0; foreign_preliminary := 0; error := SQLSTATE || ' ' || SQLERRM;
        END;
        ms := round(extract(epoch FROM clock_timestamp() - t0) * 1000);
        RETURN NEXT;
    END LOOP;
END
$f$;
GRANT EXECUTE ON FUNCTION public.leak_scan(text) TO PUBLIC;
CREATE TABLE public.leak_result (role name, kind text, object text, n bigint, restricted_value bigint,
                                 preliminary bigint, foreign_preliminary bigint, error text, ms numeric);
GRANT INSERT ON public.leak_result TO PUBLIC;
