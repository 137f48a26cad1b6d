-- A canonical text description of everything the extension perf_eval owns in
-- this database, one line per fact, sorted; no OIDs, so two databases compare
-- with diff. Used by test/upgrade.sh: an upgraded database must describe
-- itself exactly as a fresh install of the newest version does.
WITH ext AS (
    SELECT e.oid, e.extnamespace FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval'
), nsp AS (
    SELECT n.oid FROM pg_catalog.pg_namespace AS n WHERE n.nspname = 'perf_eval'
), facts(fact) AS (
    -- Membership: every object the extension owns, by identity.
    SELECT 'member ' || (pg_catalog.pg_identify_object(d.classid, d.objid, 0)).type || ' '
                     || (pg_catalog.pg_identify_object(d.classid, d.objid, 0)).identity
    FROM pg_catalog.pg_depend AS d, ext
    WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
    UNION ALL
    -- The extension itself: version, schema, configuration tables and their filters.
    SELECT 'extension ' || e.extversion || ' schema ' || e.extnamespace::regnamespace::text
           || ' relocatable ' || e.extrelocatable
    FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval'
    UNION ALL
    SELECT 'config table ' || c.cfg::regclass::text || ' filter ' || coalesce(e.extcondition[c.i], '')
    FROM pg_catalog.pg_extension AS e,
         LATERAL pg_catalog.unnest(e.extconfig) WITH ORDINALITY AS c(cfg, i)
    WHERE e.extname = 'perf_eval'
    UNION ALL
    -- Schema privileges and comment.
    SELECT 'schema acl ' || coalesce((SELECT pg_catalog.string_agg(a::text, ',' ORDER BY a::text)
                                      FROM pg_catalog.unnest(n.nspacl) AS a), '-')
           || ' comment ' || coalesce(pg_catalog.obj_description(n.oid, 'pg_namespace'), '-')
    FROM pg_catalog.pg_namespace AS n, nsp WHERE n.oid = nsp.oid
    UNION ALL
    -- Relations: kind, persistence, row security, options, privileges, comment.
    SELECT 'relation ' || c.relname || ' kind ' || c.relkind::text || ' persistence ' || c.relpersistence::text
           || ' rls ' || c.relrowsecurity || '/' || c.relforcerowsecurity
           || ' options ' || coalesce(c.reloptions::text, '-')
           || ' acl ' || coalesce((SELECT pg_catalog.string_agg(a::text, ',' ORDER BY a::text)
                                   FROM pg_catalog.unnest(c.relacl) AS a), '-')
           || ' comment ' || coalesce(pg_catalog.obj_description(c.oid, 'pg_class'), '-')
    FROM pg_catalog.pg_class AS c, nsp WHERE c.relnamespace = nsp.oid
    UNION ALL
    -- Columns, in their order (a column added by ALTER TABLE comes last, so
    -- the full script must put it last too), with type, default, privileges, comment.
    SELECT 'column ' || c.relname || ' #' || pg_catalog.row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)
           || ' ' || a.attname || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
           || coalesce(' default ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), '')
           || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
           || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END
           || coalesce(' collate ' || co.collname, '')
           || ' acl ' || coalesce((SELECT pg_catalog.string_agg(x::text, ',' ORDER BY x::text)
                                   FROM pg_catalog.unnest(a.attacl) AS x), '-')
           || ' comment ' || coalesce(pg_catalog.col_description(c.oid, a.attnum), '-')
    FROM pg_catalog.pg_class AS c
    JOIN nsp ON c.relnamespace = nsp.oid
    JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_catalog.pg_attrdef AS ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
    LEFT JOIN pg_catalog.pg_collation AS co ON co.oid = a.attcollation AND a.attcollation <> 100
    WHERE c.relkind::text <> 'i'
    UNION ALL
    -- Constraints of tables and domains.
    SELECT 'constraint ' || coalesce(cl.relname, ty.typname) || ' ' || k.conname || ' '
           || pg_catalog.pg_get_constraintdef(k.oid, true)
           || CASE WHEN k.condeferrable THEN ' deferrable' ELSE '' END
           || ' comment ' || coalesce(pg_catalog.obj_description(k.oid, 'pg_constraint'), '-')
    FROM pg_catalog.pg_constraint AS k
    JOIN nsp ON k.connamespace = nsp.oid
    LEFT JOIN pg_catalog.pg_class AS cl ON cl.oid = k.conrelid
    LEFT JOIN pg_catalog.pg_type AS ty ON ty.oid = k.contypid
    UNION ALL
    SELECT 'index ' || pg_catalog.pg_get_indexdef(i.indexrelid)
    FROM pg_catalog.pg_index AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.indexrelid
    JOIN nsp ON c.relnamespace = nsp.oid
    UNION ALL
    SELECT 'view ' || c.relname || ' ' || pg_catalog.pg_get_viewdef(c.oid, true)
    FROM pg_catalog.pg_class AS c JOIN nsp ON c.relnamespace = nsp.oid WHERE c.relkind::text IN ('v', 'm')
    UNION ALL
    SELECT 'sequence ' || c.relname || ' ' || s.seqtypid::regtype::text || ' ' || s.seqstart || ' '
           || s.seqincrement || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcache || ' ' || s.seqcycle
    FROM pg_catalog.pg_sequence AS s JOIN pg_catalog.pg_class AS c ON c.oid = s.seqrelid
    JOIN nsp ON c.relnamespace = nsp.oid
    UNION ALL
    SELECT 'trigger ' || pg_catalog.pg_get_triggerdef(t.oid, true) || ' enabled ' || t.tgenabled::text
           || ' comment ' || coalesce(pg_catalog.obj_description(t.oid, 'pg_trigger'), '-')
    FROM pg_catalog.pg_trigger AS t JOIN pg_catalog.pg_class AS c ON c.oid = t.tgrelid
    JOIN nsp ON c.relnamespace = nsp.oid WHERE NOT t.tgisinternal
    UNION ALL
    SELECT 'rule ' || r.rulename || ' ' || pg_catalog.pg_get_ruledef(r.oid, true)
    FROM pg_catalog.pg_rewrite AS r JOIN pg_catalog.pg_class AS c ON c.oid = r.ev_class
    JOIN nsp ON c.relnamespace = nsp.oid WHERE r.rulename <> '_RETURN'
    UNION ALL
    SELECT 'policy ' || p.polname || ' on ' || c.relname || ' cmd ' || p.polcmd::text
           || ' permissive ' || p.polpermissive
           || ' roles ' || (SELECT pg_catalog.string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1)
                            FROM pg_catalog.unnest(p.polroles) AS r)
           || ' using ' || coalesce(pg_catalog.pg_get_expr(p.polqual, p.polrelid), '-')
           || ' check ' || coalesce(pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), '-')
           || ' comment ' || coalesce(pg_catalog.obj_description(p.oid, 'pg_policy'), '-')
    FROM pg_catalog.pg_policy AS p JOIN pg_catalog.pg_class AS c ON c.oid = p.polrelid
    JOIN nsp ON c.relnamespace = nsp.oid
    UNION ALL
    -- Functions, procedures and aggregates: full definition (body, volatility,
    -- parallel safety, strictness, SET clauses), privileges and comment.
    SELECT 'function ' || p.oid::regprocedure::text || ' '
           || CASE WHEN p.prokind = 'a' THEN 'aggregate' ELSE pg_catalog.pg_get_functiondef(p.oid) END
           || ' acl ' || coalesce((SELECT pg_catalog.string_agg(a::text, ',' ORDER BY a::text)
                                   FROM pg_catalog.unnest(p.proacl) AS a), '-')
           || ' volatile ' || p.provolatile::text || ' parallel ' || p.proparallel::text || ' strict ' || p.proisstrict
           || ' comment ' || coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '-')
    FROM pg_catalog.pg_proc AS p JOIN nsp ON p.pronamespace = nsp.oid
    UNION ALL
    SELECT 'aggregate ' || a.aggfnoid::regprocedure::text || ' kind ' || a.aggkind::text
           || ' trans ' || a.aggtransfn::regprocedure::text || ' ' || a.aggtranstype::regtype::text
           || ' final ' || a.aggfinalfn::text || ' ' || a.aggfinalextra || ' ' || a.aggfinalmodify::text
           || ' combine ' || a.aggcombinefn::text || ' serial ' || a.aggserialfn::text
           || ' deserial ' || a.aggdeserialfn::text || ' moving ' || a.aggmtransfn::text
           || ' init ' || coalesce(a.agginitval, '-') || ' space ' || a.aggtransspace
           || ' sortop ' || a.aggsortop::regoperator::text
    FROM pg_catalog.pg_aggregate AS a JOIN pg_catalog.pg_proc AS p ON p.oid = a.aggfnoid
    JOIN nsp ON p.pronamespace = nsp.oid
    UNION ALL
    -- Types: enums with their labels in order, domains, base and composite types.
    SELECT 'type ' || t.typname || ' ' || t.typtype::text || ' ' || t.typcategory::text
           || coalesce(' base ' || NULLIF(t.typbasetype, 0)::regtype::text, '')
           || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
           || coalesce(' default ' || t.typdefault, '')
           || CASE WHEN t.typtype = 'b' THEN ' io ' || t.typinput::text || ' ' || t.typoutput::text || ' '
                   || t.typreceive::text || ' ' || t.typsend::text || ' len ' || t.typlen || ' align ' || t.typalign::text
                   || ' storage ' || t.typstorage::text ELSE '' END
           || coalesce(' labels ' || (SELECT pg_catalog.string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                      FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = t.oid), '')
           || ' acl ' || coalesce((SELECT pg_catalog.string_agg(a::text, ',' ORDER BY a::text)
                                   FROM pg_catalog.unnest(t.typacl) AS a), '-')
           || ' comment ' || coalesce(pg_catalog.obj_description(t.oid, 'pg_type'), '-')
    FROM pg_catalog.pg_type AS t JOIN nsp ON t.typnamespace = nsp.oid
    WHERE t.typtype <> 'c' OR EXISTS (SELECT FROM pg_catalog.pg_class AS c WHERE c.oid = t.typrelid AND c.relkind::text = 'c')
    UNION ALL
    SELECT 'operator ' || o.oid::regoperator::text || ' ' || o.oprcode::text
    FROM pg_catalog.pg_operator AS o JOIN nsp ON o.oprnamespace = nsp.oid
    UNION ALL
    SELECT 'cast ' || c.castsource::regtype::text || ' -> ' || c.casttarget::regtype::text || ' '
           || c.castfunc::regprocedure::text || ' ' || c.castcontext::text || ' ' || c.castmethod::text
    FROM pg_catalog.pg_cast AS c, ext
    WHERE EXISTS (SELECT FROM pg_catalog.pg_depend AS d WHERE d.classid = 'pg_catalog.pg_cast'::regclass
                  AND d.objid = c.oid AND d.refobjid = ext.oid AND d.deptype = 'e')
    UNION ALL
    SELECT 'event trigger ' || t.evtname || ' ' || t.evtevent || ' ' || t.evtfoid::regprocedure::text
           || ' ' || t.evtenabled::text || ' ' || coalesce(t.evttags::text, '-')
    FROM pg_catalog.pg_event_trigger AS t, ext
    WHERE EXISTS (SELECT FROM pg_catalog.pg_depend AS d WHERE d.classid = 'pg_catalog.pg_event_trigger'::regclass
                  AND d.objid = t.oid AND d.refobjid = ext.oid AND d.deptype = 'e')
    UNION ALL
    -- Default privileges the extension set up in its schema.
    SELECT 'default acl ' || d.defaclobjtype::text || ' ' || d.defaclrole::regrole::text || ' '
           || (SELECT pg_catalog.string_agg(a::text, ',' ORDER BY a::text) FROM pg_catalog.unnest(d.defaclacl) AS a)
    FROM pg_catalog.pg_default_acl AS d JOIN nsp ON d.defaclnamespace = nsp.oid
)
SELECT fact FROM facts ORDER BY fact COLLATE "C";
