-- =========================================================================
-- Section: raw registries and their monthly partial states (METHODOLOGY §7)
--
--   complaint_record, service_delivery   one row per complaint considered / per delivery
--   complaint_tally_monthly,             one exact partial state per body and month
--   service_tally_monthly
--   registry_dirty_month                 (registry, body, month) pairs changed since
--                                        their partial state was last computed
--   registry_descriptor()                what the code below needs to know of each
--                                        registry (date column, tally type, ...)
--   month_of(date)                       the month a row counts in, as a call
--                                        postgres_fdw sends to a remote registry
--   mark_months_dirty()                  the statement trigger of both registries
--   refresh_monthly_tallies(year)        rescans only the dirty pairs of a year
--   tally_of_year(tally type, body, year), merge the 12 stored states of a year
--   complaint_tally_of_year(body, year),
--   service_tally_of_year(body, year)
--
-- A year of ratings is recomputed from 12 partial states per body instead of
-- 200 M delivery rows (§7); after a change only the changed months are read
-- again. Combining states is addition (§7.2), so this path, the serial and
-- the parallel aggregate all give the same counts bit for bit.
--
-- A registry may live in a database of its own (with perf_eval installed
-- there too): the assessment database then fills the monthly states from a
-- postgres_fdw foreign table with service_tally_agg / complaint_tally_agg
-- grouped by body and month_of(date), which the foreign server (option
-- extensions 'perf_eval') runs on the registry side; one state per (body,
-- month) crosses, through the composite type's text I/O, and the local
-- registries stay empty (bench/README.md, test/federation.sh). Citus is not
-- tested.
-- =========================================================================

-- The body columns name perf_eval.body(code) (25_bodies.sql) but carry no
-- foreign key: a raw registry is loaded as received (rows of a code missing from perf_eval.body
-- are kept, and belong to no assessed body).
--
-- Column order is chosen for the scan (§7): fixed-width columns first and
-- NOT NULL, so the executor finds every flag at a cached offset without
-- walking a null bitmap; the variable-length text columns last. A fact not
-- recorded is false, which is also what the aggregates read a NULL flag as.
-- A body code is at most 200 characters, as perf_eval.body.code is: a longer
-- one can belong to no body. The limit keeps every code well inside the
-- B-tree keys of the change marks and monthly states that each registry row
-- reaches (at most 2704 bytes, else 54000 at the insert or the refresh).

CREATE TABLE perf_eval.complaint_record (
    received_on                 date NOT NULL,
    deadline                    date NOT NULL,
    court_satisfied             boolean NOT NULL DEFAULT false,
    higher_authority_satisfied  boolean NOT NULL DEFAULT false,
    repeated_satisfied          boolean NOT NULL DEFAULT false,
    disciplinary_action         boolean NOT NULL DEFAULT false,
    answered_on                 date,
    body                        text NOT NULL,
    CONSTRAINT complaint_record_body_code_length CHECK (pg_catalog.char_length(body) <= 200)
);
COMMENT ON COLUMN perf_eval.complaint_record.received_on IS 'Date the complaint or application was received';
COMMENT ON COLUMN perf_eval.complaint_record.deadline IS 'Date by which the complaint had to be answered';
COMMENT ON COLUMN perf_eval.complaint_record.court_satisfied IS 'True if a court recognised the complaint as justified (a in R2)';
COMMENT ON COLUMN perf_eval.complaint_record.higher_authority_satisfied IS 'True if a higher authority satisfied the complaint (c in kz2017 R2)';
COMMENT ON COLUMN perf_eval.complaint_record.repeated_satisfied IS 'True if a repeated complaint was satisfied on reconsideration (n in R3)';
COMMENT ON COLUMN perf_eval.complaint_record.disciplinary_action IS 'True if the late answer was followed by disciplinary action (d in R4)';
COMMENT ON COLUMN perf_eval.complaint_record.answered_on IS 'Date the complaint was considered; its month and year place it in the tallies; NULL while pending (not counted); later than deadline means late (f in R1)';
COMMENT ON COLUMN perf_eval.complaint_record.body IS 'Code of the state body that considered the complaint (perf_eval.body.code), at most 200 characters';
COMMENT ON TABLE perf_eval.complaint_record IS
'One complaint or application per row; answered_on NULL: not yet considered (not counted); a complaint counts in the month, and year, of answered_on; late := answered_on > deadline; a row answered before it was received, with a deadline before its receipt or with an infinite date is not counted, and a recalculation lists it in perf_eval.run_problems (docs/methodology.md §7.1, §4.4)';

CREATE TABLE perf_eval.service_delivery (
    delivered_on              date NOT NULL,
    deadline_violated         boolean NOT NULL DEFAULT false,
    unreasonable_refusal      boolean NOT NULL DEFAULT false,
    incomplete_package        boolean NOT NULL DEFAULT false,
    extra_documents           boolean NOT NULL DEFAULT false,
    electronic                boolean NOT NULL DEFAULT false,
    quality_appeal_justified  boolean NOT NULL DEFAULT false,
    body                      text NOT NULL,
    service_code              text NOT NULL,
    CONSTRAINT service_delivery_body_code_length CHECK (pg_catalog.char_length(body) <= 200)
);
COMMENT ON COLUMN perf_eval.service_delivery.delivered_on IS 'Date the public service was delivered; its month and year place it in the monthly tallies';
COMMENT ON COLUMN perf_eval.service_delivery.deadline_violated IS 'True if the delivery missed its deadline';
COMMENT ON COLUMN perf_eval.service_delivery.unreasonable_refusal IS 'True if the service was refused without reason';
COMMENT ON COLUMN perf_eval.service_delivery.incomplete_package IS 'True if the delivery was refused or delayed for an incomplete package of documents';
COMMENT ON COLUMN perf_eval.service_delivery.extra_documents IS 'True if documents not in the service standard were requested';
COMMENT ON COLUMN perf_eval.service_delivery.electronic IS 'True if the service was delivered electronically';
COMMENT ON COLUMN perf_eval.service_delivery.quality_appeal_justified IS 'True if an appeal about the quality of this delivery was found justified';
COMMENT ON COLUMN perf_eval.service_delivery.body IS 'Code of the state body that delivered the service (perf_eval.body.code), at most 200 characters';
COMMENT ON COLUMN perf_eval.service_delivery.service_code IS 'Code of the public service in the register of public services';
COMMENT ON TABLE perf_eval.service_delivery IS
'One public-service delivery per row, counted in the month of delivered_on; unreasonable_refusal marks a refusal found unreasonable (docs/methodology.md §7.1, §4.2)';

-- Registries are appended roughly in date order, so a block-range index on
-- the date lets a rescan of one month read that month's pages only, at a
-- tiny fraction of a B-tree's size and insert cost.
CREATE INDEX complaint_record_answered_on ON perf_eval.complaint_record
    USING brin (answered_on) WITH (autosummarize = on);
CREATE INDEX service_delivery_delivered_on ON perf_eval.service_delivery
    USING brin (delivered_on) WITH (autosummarize = on);

-- A complaint whose dates cannot all be true (received after it was answered,
-- a deadline before its receipt, an infinite date) is not counted in the
-- monthly states; each recalculation lists such rows in perf_eval.run_problems.
-- complaint_dates_impossible is the one definition of such a row (a C
-- function: cheap per row, and immutable, so an index may be built on it).
-- They are rare, so a partial index finds them without reading the registry;
-- a query uses it when its WHERE calls complaint_dates_impossible on the
-- row's own columns, as the index does.
CREATE FUNCTION perf_eval.complaint_dates_impossible(received_on date, answered_on date, deadline date)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_complaint_dates_impossible'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_dates_impossible(date, date, date) IS
'True when a complaint record''s dates cannot all be true: answered_on < received_on OR deadline < received_on OR an infinite received_on or deadline (NULL dates as in that SQL expression); such a row is left out of the monthly states and listed in run_problems (docs/methodology.md §7.1, §4.4)';
CREATE INDEX complaint_record_impossible_dates ON perf_eval.complaint_record (answered_on)
    WHERE perf_eval.complaint_dates_impossible(received_on, answered_on, deadline);

-- The month a registry row counts in, as a call postgres_fdw can send to a
-- registry in another database: date_trunc('month', ...) takes the field as
-- text, and postgres_fdw ships no call with a collatable input, so a pull
-- grouped by it would fetch every row (bench/README.md, "Registries in their
-- own databases").
CREATE FUNCTION perf_eval.month_of(day date)
RETURNS date
AS 'MODULE_PATHNAME', 'pe_month_of'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.month_of(date) IS
'The first day of the month of a date, as date_trunc(''month'', day::timestamp)::date (an infinite date is itself): the month a registry row counts in; a date-only call that postgres_fdw sends to a registry in another database, where date_trunc is not sent (docs/architecture.md §3.6)';

CREATE TABLE perf_eval.complaint_tally_monthly (
    body          text NOT NULL,
    month         date NOT NULL CHECK (extract(day FROM month) = 1),
    tally         perf_eval.complaint_tally NOT NULL,
    refreshed_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (body, month)
);
COMMENT ON COLUMN perf_eval.complaint_tally_monthly.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.complaint_tally_monthly.month IS 'First day of the calendar month the partial state covers';
COMMENT ON COLUMN perf_eval.complaint_tally_monthly.tally IS 'Exact partial counts of the month''s complaints (considered, late, court, higher authority, repeated, disciplined), merged by complaint_tally_merge_agg';
COMMENT ON COLUMN perf_eval.complaint_tally_monthly.refreshed_at IS 'When the partial state was last computed from complaint_record';
COMMENT ON TABLE perf_eval.complaint_tally_monthly IS
'Partial state of complaint_record per body and month of answered_on (month = its first day), kept by refresh_monthly_tallies (docs/methodology.md §7.2)';

CREATE TABLE perf_eval.service_tally_monthly (
    body          text NOT NULL,
    month         date NOT NULL CHECK (extract(day FROM month) = 1),
    tally         perf_eval.service_tally NOT NULL,
    refreshed_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (body, month)
);
COMMENT ON COLUMN perf_eval.service_tally_monthly.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.service_tally_monthly.month IS 'First day of the calendar month the partial state covers';
COMMENT ON COLUMN perf_eval.service_tally_monthly.tally IS 'Exact partial counts of the month''s deliveries (deliveries, violations, electronic, justified appeals), merged by service_tally_merge_agg';
COMMENT ON COLUMN perf_eval.service_tally_monthly.refreshed_at IS 'When the partial state was last computed from service_delivery';
COMMENT ON TABLE perf_eval.service_tally_monthly IS
'Partial state of service_delivery per body and month of delivered_on (month = its first day), kept by refresh_monthly_tallies (docs/methodology.md §7.2)';

-- No unique key on purpose: a pair is marked once per changing transaction
-- (the refresh reads each pair once, however many marks name it), and a
-- restore that replays registry rows through the triggers can still load the
-- dumped marks.
CREATE TABLE perf_eval.registry_dirty_month (
    registry   text NOT NULL CHECK (registry IN ('complaint_record', 'service_delivery')),
    body       text NOT NULL,
    month      date NOT NULL CHECK (extract(day FROM month) = 1),
    marked_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON COLUMN perf_eval.registry_dirty_month.registry IS 'Which registry changed: complaint_record | service_delivery';
COMMENT ON COLUMN perf_eval.registry_dirty_month.body IS 'Code of the state body whose rows changed';
COMMENT ON COLUMN perf_eval.registry_dirty_month.month IS 'First day of the changed calendar month';
COMMENT ON COLUMN perf_eval.registry_dirty_month.marked_at IS 'When the change was marked';
COMMENT ON TABLE perf_eval.registry_dirty_month IS
'(registry, body, month) pairs whose rows changed since the monthly partial state was computed; marked by statement triggers, cleared by refresh_monthly_tallies; insert a pair by hand to force its rescan';
CREATE INDEX registry_dirty_month_pair ON perf_eval.registry_dirty_month (registry, month, body);

-- Users' data: kept by pg_dump (the registries, the states and the pending marks).
SELECT pg_catalog.pg_extension_config_dump('perf_eval.complaint_record', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.service_delivery', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.complaint_tally_monthly', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.service_tally_monthly', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.registry_dirty_month', '');

-- -------------------------------------------------------------------------
-- The registries, described once: what the change marks, the refresh and the
-- yearly merge need to know of each. row_tally and excluded_rows are SQL
-- expressions over a registry row named r; excluded_rows picks the rows the
-- monthly states leave out (false: none).
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.registry_descriptor()
RETURNS TABLE (registry text, date_column text, tally_type text, row_tally text, excluded_rows text,
               scan_function text, merge_aggregate text, monthly_table text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    VALUES
    ('complaint_record', 'answered_on', 'perf_eval.complaint_tally',
     'perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied, r.higher_authority_satisfied, '
     'r.repeated_satisfied, r.disciplinary_action)',
     'perf_eval.complaint_dates_impossible(r.received_on, r.answered_on, r.deadline)',
     'perf_eval.complaint_tallies_by_month', 'perf_eval.complaint_tally_merge_agg', 'perf_eval.complaint_tally_monthly'),
    ('service_delivery', 'delivered_on', 'perf_eval.service_tally',
     'perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal, r.incomplete_package, '
     'r.extra_documents, r.electronic, r.quality_appeal_justified)',
     'false',
     'perf_eval.service_tallies_by_month', 'perf_eval.service_tally_merge_agg', 'perf_eval.service_tally_monthly')
$$;
COMMENT ON FUNCTION perf_eval.registry_descriptor() IS
'One row per raw registry (complaint_record, service_delivery): its date column (the month a row counts in), tally type, per-row aggregate, the rows left out of its monthly states, its one-pass scan, merge aggregate and monthly-state table; read by mark_months_dirty, refresh_monthly_tallies and tally_of_year (docs/methodology.md §7.2)';

-- -------------------------------------------------------------------------
-- Change tracking: one statement-level trigger per event, reading the
-- transition tables, so a bulk load of millions of rows marks each changed
-- (body, month) once instead of running a row trigger per row.
-- The month of a date is date_trunc on timestamp (not timestamptz): immutable,
-- and independent of the session time zone.
-- A statement reuses a mark only if its own transaction wrote it (xmin and
-- marked_at = now() both of this transaction), never another's: a committed
-- mark of another transaction may be consumed by a refresh whose snapshot
-- does not see this transaction's rows, and they would then be lost. Each
-- changing transaction commits its own marks with its rows, which is what
-- lets refresh_monthly_tallies run without locking writers out. (A mark made
-- in a subtransaction has the subtransaction's xmin and is not reused: one
-- more mark, never a lost one.)
-- One function serves both registries: the date column and the monthly
-- table come from registry_descriptor, so its one statement per triggering
-- statement is dynamic (planned once per statement, never per row).
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.mark_months_dirty()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    registry      record;          -- this registry's row of registry_descriptor()
    changed_rows  text;            -- (body, day) of the rows the statement changed
BEGIN
    SELECT d.date_column, d.monthly_table INTO registry
    FROM perf_eval.registry_descriptor() AS d
    WHERE d.registry = TG_TABLE_NAME;
    IF TG_OP = 'TRUNCATE' THEN
        -- Every month that had a state now has no rows.
        EXECUTE format('INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
                        SELECT DISTINCT $1, m.body, m.month FROM %s AS m', registry.monthly_table)
        USING TG_TABLE_NAME::text;
        RETURN NULL;
    END IF;
    -- The transition tables the event has; an update changes both the month
    -- a row leaves and the month it enters.
    SELECT string_agg(format('SELECT t.body, t.%I AS day FROM %I AS t', registry.date_column, transition),
                      ' UNION ALL ')
    INTO changed_rows
    FROM unnest(CASE TG_OP WHEN 'INSERT' THEN ARRAY['new_rows'] WHEN 'DELETE' THEN ARRAY['old_rows']
                           ELSE ARRAY['new_rows', 'old_rows'] END) AS transition;
    -- A row without a date (a complaint not yet answered) has no month.
    EXECUTE format($query$
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT $1, changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.day::timestamp)::date AS month
              FROM (%s) AS r
              WHERE r.day IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = $1 AND d.month = changed.month AND d.body = changed.body
                            AND d.xmin = pg_catalog.xid(pg_catalog.pg_current_xact_id()) AND d.marked_at = pg_catalog.now())
        $query$, changed_rows)
    USING TG_TABLE_NAME::text;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.mark_months_dirty() IS
'Statement trigger on complaint_record and service_delivery: marks the (body, month of the registry''s date column) pairs a statement changed for refresh_monthly_tallies; rows without a date (unanswered complaints) have no month';

CREATE TRIGGER mark_months_dirty_after_insert AFTER INSERT ON perf_eval.complaint_record
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_insert AFTER INSERT ON perf_eval.service_delivery
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_update AFTER UPDATE ON perf_eval.complaint_record
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_update AFTER UPDATE ON perf_eval.service_delivery
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_delete AFTER DELETE ON perf_eval.complaint_record
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_delete AFTER DELETE ON perf_eval.service_delivery
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_truncate AFTER TRUNCATE ON perf_eval.complaint_record
    FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
CREATE TRIGGER mark_months_dirty_after_truncate AFTER TRUNCATE ON perf_eval.service_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_months_dirty();
-- -------------------------------------------------------------------------
-- Refresh and merge
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.refresh_full_scan_months()
RETURNS integer
AS 'MODULE_PATHNAME', 'pe_refresh_full_scan_months'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.refresh_full_scan_months() IS
'The setting perf_eval.refresh_full_scan_months (default 4): from this many marked months of a year, or when the marked months are consecutive (unless the setting is 13), refresh_monthly_tallies reads a registry in one pass over the blocks of their span (service_tallies_by_month, complaint_tallies_by_month) instead of month by month through the BRIN index';

-- A tally less a part of it, field by field (every tally type is a composite
-- of exact bigint counters): the one-pass refresh takes the rows a registry
-- leaves out of its states off the scan's counts. Read through jsonb (exact
-- numbers) so that one definition serves every tally type; it runs once per
-- (body, month) that has such rows, never per row.
CREATE FUNCTION perf_eval.tally_difference(whole anyelement, part anyelement)
RETURNS anyelement
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.jsonb_populate_record(whole,
               pg_catalog.jsonb_object_agg(w.key, w.value::bigint - (pg_catalog.to_jsonb(part) ->> w.key)::bigint))
    FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(whole)) AS w
$$;
COMMENT ON FUNCTION perf_eval.tally_difference(anyelement, anyelement) IS
'A complaint_tally or service_tally less another of the same type, counter by counter (the second a part of the first); used by refresh_monthly_tallies to take left-out rows off a one-pass scan (docs/methodology.md §7.2)';

-- The refresh takes no lock on the registries: writers never wait for a
-- refresh, nor for the recalculation around it (issue: a one-row insert
-- waited for the whole run). Correctness rests on the marks instead:
--  * A writer's statement trigger commits its marks together with its
--    rows, so a snapshot that sees a mark sees every row of the change
--    it marks (the trigger reuses only marks of its own transaction).
--  * For each registry ONE statement reads the year's marks and the rows
--    of the pairs they name, under the same snapshot, and the refresh then
--    deletes exactly the marks that statement read (by ctid and xmin). A
--    change committed after that snapshot keeps its mark and is read by
--    the next refresh: nothing is lost, and each registry's states are
--    those of that one snapshot.
-- Under READ COMMITTED each statement takes a new snapshot, so the two
-- registries are read at two moments (each exact for its registry); under
-- REPEATABLE READ both, and the rest of a recalculation, read the
-- transaction's one snapshot. Writers cannot wait here: the refresh takes
-- no lock they need (only TRUNCATE, which locks the table exclusively,
-- waits for readers as it always does).
--
-- Refreshes of the same year with work to do take turns (an advisory lock
-- per year): two that cleared the same pair could otherwise both write its
-- state. A refresh that sees no mark of the year returns at once and takes
-- no lock (marks committed later are the next refresh's). Under REPEATABLE
-- READ a refresh that waited for another reads the marks the other
-- cleared, and its delete of them fails with 40001.
--
-- For each registry of registry_descriptor(): choose the read path from the
-- marked months, read marks and rows in one dynamic SELECT (a PL/pgSQL
-- SELECT INTO asks for at most 2 rows and INSERT ... SELECT is never
-- parallel in PostgreSQL 15, and both would then run in one process; the
-- date span lets the BRIN index skip other months), replace the states of
-- the pairs read, and delete the marks read. A pair whose rows are all gone
-- keeps no state (its merge gives zero). The rows excluded_rows names (the
-- complaints with impossible dates) are left out: month by month they are
-- filtered out; the one-pass scan counts every row, and their tally (found
-- through the partial index complaint_record_impossible_dates) is taken out
-- in the same statement, hence the same snapshot.
CREATE FUNCTION perf_eval.refresh_monthly_tallies(year integer)
RETURNS integer
LANGUAGE plpgsql
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    first_day     date;
    next_year     date;
    registry      record;          -- one row of registry_descriptor()
    marked_months integer;         -- distinct marked months of one registry (choose the read path)
    span_months   integer;         -- months from its first to its last marked month
    mark_tids     tid[];           -- the marks one read consumed: ctid and xmin of each
    mark_xmins    xid[];
    bodies        text[];          -- the pairs they name: bodies[i], months[i]
    months        date[];
    fresh_bodies  text[];          -- the states read: fresh_bodies[i], fresh_months[i], fresh_tallies[i]
    fresh_months  date[];
    fresh_tallies text[];          -- as text, one variable for every tally type
    rescanned     integer := 0;
    -- One pass (registry_scan) reads only the blocks the BRIN index gives for
    -- the span of the marked months, many times faster per row than the
    -- executor: it is the path when the marked months are consecutive (one
    -- changed month costs its share of a year), or from this many marked
    -- months on (13: never); scattered months are read month by month.
    full_scan_months integer := perf_eval.refresh_full_scan_months();
    -- The marks of a registry and year ($1 registry, $2 first day, $3 next
    -- year), the pairs they name and the span of their months.
    marked_cte constant text := $cte$
        WITH marked AS MATERIALIZED (
            SELECT d.ctid AS mark_tid, d.xmin AS mark_xmin, d.body, d.month
            FROM perf_eval.registry_dirty_month AS d
            WHERE d.registry = $1 AND d.month >= $2 AND d.month < $3),
        pairs AS MATERIALIZED (SELECT DISTINCT m.body, m.month FROM marked AS m),
        span AS MATERIALIZED (
            SELECT min(m.month) AS lo, (max(m.month) + interval '1 month')::date AS hi,
                   array_agg(DISTINCT m.month) AS months
            FROM marked AS m)
        SELECT (SELECT array_agg(m.mark_tid) FROM marked AS m), (SELECT array_agg(m.mark_xmin) FROM marked AS m),
               (SELECT array_agg(p.body ORDER BY p.body, p.month) FROM pairs AS p),
               (SELECT array_agg(p.month ORDER BY p.body, p.month) FROM pairs AS p),
               array_agg(s.body), array_agg(s.month), array_agg(s.tally::text)
        FROM ($cte$;
    pairs_only constant text := $q$) AS s
        WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM pairs AS p)$q$;
    -- The rows of registry %1$I in the span, the month (of date column %2$I)
    -- and tally (%3$s) of each, and which of them are read (%4$s).
    span_rows constant text := $q$
        SELECT r.body, pg_catalog.date_trunc('month', r.%2$I::timestamp)::date AS month, %3$s AS tally
        FROM perf_eval.%1$I AS r
        WHERE r.%2$I >= (SELECT sp.lo FROM span AS sp) AND r.%2$I < (SELECT sp.hi FROM span AS sp)
          AND (%4$s)$q$;
    -- One pass (scan function %1$s) less the left-out rows (%2$s: span_rows).
    one_pass constant text := $q$
        SELECT t.body, t.month,
               CASE WHEN bad.tally IS NULL THEN t.tally ELSE perf_eval.tally_difference(t.tally, bad.tally) END AS tally
        FROM %1$s((SELECT sp.lo FROM span AS sp), (SELECT sp.hi FROM span AS sp)) AS t
        LEFT JOIN (%2$s GROUP BY 1, 2) AS bad ON bad.body = t.body AND bad.month = t.month
        WHERE bad.tally IS NULL OR t.tally <> bad.tally$q$;
    -- Month by month (%1$s: span_rows without the left-out rows): the marked
    -- months of date column %2$I only.
    by_month constant text := $q$%1$s
          AND pg_catalog.date_trunc('month', r.%2$I::timestamp)::date = ANY ((SELECT sp.months FROM span AS sp)::date[])
        GROUP BY 1, 2$q$;
BEGIN
    IF year IS NULL THEN
        RAISE EXCEPTION 'year must not be null'
            USING ERRCODE = '22023',
                  HINT = 'refresh_monthly_tallies(year) rescans the changed months of one year (docs/methodology.md §7.2).';
    END IF;
    IF year < 1 OR year > 9998 THEN
        RAISE EXCEPTION 'year % out of range', year
            USING ERRCODE = '22003',
                  DETAIL = 'A registry year lies between 1 and 9998.',
                  HINT = 'docs/methodology.md §7: registries hold one row per complaint or delivery of a calendar year.';
    END IF;
    first_day := pg_catalog.make_date(year, 1, 1);
    next_year := pg_catalog.make_date(year + 1, 1, 1);
    IF NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                   WHERE d.month >= first_day AND d.month < next_year) THEN
        RETURN 0;
    END IF;
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.refresh_monthly_tallies'), year);

    FOR registry IN SELECT * FROM perf_eval.registry_descriptor() AS r ORDER BY r.registry LOOP
        SELECT count(DISTINCT d.month),
               extract(month FROM max(d.month))::integer - extract(month FROM min(d.month))::integer + 1
        INTO marked_months, span_months
        FROM perf_eval.registry_dirty_month AS d
        WHERE d.registry = registry.registry AND d.month >= first_day AND d.month < next_year;
        CONTINUE WHEN marked_months = 0;
        EXECUTE marked_cte
                || CASE WHEN marked_months >= full_scan_months OR (marked_months = span_months AND full_scan_months <= 12)
                        THEN format(one_pass, registry.scan_function,
                                    format(span_rows, registry.registry, registry.date_column, registry.row_tally,
                                           registry.excluded_rows))
                        ELSE format(by_month,
                                    format(span_rows, registry.registry, registry.date_column, registry.row_tally,
                                           'NOT ' || registry.excluded_rows),
                                    registry.date_column)
                   END
                || pairs_only
        INTO mark_tids, mark_xmins, bodies, months, fresh_bodies, fresh_months, fresh_tallies
        USING registry.registry, first_day, next_year;
        CONTINUE WHEN bodies IS NULL;
        EXECUTE format('DELETE FROM %s AS m USING unnest($1, $2) AS p(body, month)
                        WHERE m.body = p.body AND m.month = p.month', registry.monthly_table)
        USING bodies, months;
        EXECUTE format('INSERT INTO %s (body, month, tally)
                        SELECT f.body, f.month, f.tally::%s FROM unnest($1, $2, $3) AS f(body, month, tally)',
                       registry.monthly_table, registry.tally_type)
        USING fresh_bodies, fresh_months, fresh_tallies;
        DELETE FROM perf_eval.registry_dirty_month AS d
        USING unnest(mark_tids, mark_xmins) AS c(mark_tid, mark_xmin)
        WHERE d.ctid = c.mark_tid AND d.xmin = c.mark_xmin;
        rescanned := rescanned + pg_catalog.cardinality(bodies);
    END LOOP;
    RETURN rescanned;
END
$$;
COMMENT ON FUNCTION perf_eval.refresh_monthly_tallies(integer) IS
'Recomputes the monthly partial states of the (registry, body, month) pairs of a year marked in registry_dirty_month, and only those, leaving out complaints with impossible dates (listed by each recalculation in run_problems); returns how many pairs were rescanned (docs/methodology.md §7.2)';

-- The tally of a body and year, merged from the stored monthly states of the
-- registry whose tally type is that of the first argument (a NULL of the
-- type, e.g. NULL::perf_eval.complaint_tally, which also receives the result).
CREATE FUNCTION perf_eval.tally_of_year(tally anyelement, body text, year integer)
RETURNS anyelement
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    registry  record;              -- the registry_descriptor() row of the tally type
BEGIN
    SELECT d.merge_aggregate, d.monthly_table INTO registry
    FROM perf_eval.registry_descriptor() AS d
    WHERE d.tally_type::regtype = pg_catalog.pg_typeof(tally);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'tally_of_year takes a complaint_tally or service_tally, not %', pg_catalog.pg_typeof(tally)
            USING ERRCODE = '42804',
                  HINT = 'Pass a NULL of the tally type, e.g. NULL::perf_eval.complaint_tally (docs/methodology.md §7.2).';
    END IF;
    IF body IS NULL OR year IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format('SELECT (s.merged).* FROM (SELECT %s(m.tally) AS merged FROM %s AS m
                    WHERE m.body = $1 AND m.month >= $2 AND m.month < $3) AS s',
                   registry.merge_aggregate, registry.monthly_table)
    INTO tally
    USING body, pg_catalog.make_date(year, 1, 1), pg_catalog.make_date(year + 1, 1, 1);
    RETURN tally;
END
$$;
COMMENT ON FUNCTION perf_eval.tally_of_year(anyelement, text, integer) IS
'The tally of a body and year (NULL body or year: NULL) of the registry whose tally type is that of the first argument (NULL::perf_eval.complaint_tally or NULL::perf_eval.service_tally), merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';

CREATE FUNCTION perf_eval.complaint_tally_of_year(body text, year integer) RETURNS perf_eval.complaint_tally
LANGUAGE sql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.tally_of_year(NULL::perf_eval.complaint_tally, body, year) $$;
COMMENT ON FUNCTION perf_eval.complaint_tally_of_year(text, integer) IS
'The complaint_tally of a body and year, merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';

CREATE FUNCTION perf_eval.service_tally_of_year(body text, year integer) RETURNS perf_eval.service_tally
LANGUAGE sql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.tally_of_year(NULL::perf_eval.service_tally, body, year) $$;
COMMENT ON FUNCTION perf_eval.service_tally_of_year(text, integer) IS
'The service_tally of a body and year, merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';

-- Readers read everything. Editors load the registries; the monthly states
-- and marks are written by the triggers (as the loading user) and by the
-- refresh, which the recalculation, run by admins, calls.
GRANT SELECT ON perf_eval.complaint_record, perf_eval.service_delivery, perf_eval.complaint_tally_monthly,
      perf_eval.service_tally_monthly, perf_eval.registry_dirty_month
   TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON perf_eval.complaint_record, perf_eval.service_delivery TO perf_eval_editor;
GRANT INSERT, DELETE ON perf_eval.registry_dirty_month, perf_eval.complaint_tally_monthly,
      perf_eval.service_tally_monthly TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_tally_monthly, perf_eval.service_tally_monthly,
      perf_eval.registry_dirty_month TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.refresh_monthly_tallies(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.refresh_monthly_tallies(integer) TO perf_eval_editor;
