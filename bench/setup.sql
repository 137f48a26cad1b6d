-- Bench database: the extension, the bodies of demo/bodies.csv, the
-- PL/pgSQL aggregates a user would otherwise write, and the timer.
-- Nothing here is part of the extension.
\set ON_ERROR_STOP on

CREATE EXTENSION perf_eval;

CREATE TABLE bench_body (code text PRIMARY KEY, kind text, name_en text, name_ru text);
\copy bench_body FROM 'demo/bodies.csv' WITH (FORMAT csv, HEADER true)

-- The same aggregates written in PL/pgSQL: an array of seven (six) bigint
-- counters, a transition per row and an element-wise combine, so they may
-- run in parallel too.
CREATE FUNCTION bench_plpgsql_service_step(state bigint[], deadline_violated boolean,
        unreasonable_refusal boolean, incomplete_package boolean, extra_documents boolean,
        electronic boolean, quality_appeal_justified boolean)
RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    state[1] := state[1] + 1;
    IF deadline_violated THEN state[2] := state[2] + 1; END IF;
    IF unreasonable_refusal THEN state[3] := state[3] + 1; END IF;
    IF incomplete_package THEN state[4] := state[4] + 1; END IF;
    IF extra_documents THEN state[5] := state[5] + 1; END IF;
    IF electronic THEN state[6] := state[6] + 1; END IF;
    IF quality_appeal_justified THEN state[7] := state[7] + 1; END IF;
    RETURN state;
END $$;

CREATE FUNCTION bench_plpgsql_complaint_step(state bigint[], deadline date, answered_on date,
        court_satisfied boolean, higher_authority_satisfied boolean, repeated_satisfied boolean,
        disciplinary_action boolean)
RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF answered_on IS NULL THEN
        RETURN state;                       -- not yet considered
    END IF;
    state[1] := state[1] + 1;
    IF answered_on > deadline THEN
        state[2] := state[2] + 1;
        IF disciplinary_action THEN state[6] := state[6] + 1; END IF;
    END IF;
    IF court_satisfied THEN state[3] := state[3] + 1; END IF;
    IF higher_authority_satisfied THEN state[4] := state[4] + 1; END IF;
    IF repeated_satisfied THEN state[5] := state[5] + 1; END IF;
    RETURN state;
END $$;

CREATE FUNCTION bench_plpgsql_combine(a bigint[], b bigint[])
RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    sum bigint[] := a;
BEGIN
    FOR i IN 1 .. array_length(a, 1) LOOP
        sum[i] := a[i] + b[i];
    END LOOP;
    RETURN sum;
END $$;

CREATE AGGREGATE bench_plpgsql_service_tally_agg(boolean, boolean, boolean, boolean, boolean, boolean) (
    SFUNC = bench_plpgsql_service_step, STYPE = bigint[], INITCOND = '{0,0,0,0,0,0,0}',
    COMBINEFUNC = bench_plpgsql_combine, PARALLEL = SAFE);
CREATE AGGREGATE bench_plpgsql_complaint_tally_agg(date, date, boolean, boolean, boolean, boolean) (
    SFUNC = bench_plpgsql_complaint_step, STYPE = bigint[], INITCOND = '{0,0,0,0,0,0}',
    COMBINEFUNC = bench_plpgsql_combine, PARALLEL = SAFE);

-- One row per measured variant: the best of its runs, and what it returned
-- (normalised to one text, so every variant of a registry can be compared).
CREATE TABLE bench_result (
    registry  text NOT NULL,
    variant   text NOT NULL,
    mode      text NOT NULL CHECK (mode IN ('serial', 'parallel')),
    seq       integer GENERATED ALWAYS AS IDENTITY,
    row_count bigint NOT NULL,
    best_ms   numeric NOT NULL,
    runs      integer NOT NULL,
    workers   integer NOT NULL,
    result    text NOT NULL,
    PRIMARY KEY (registry, variant, mode)
);

-- Runs query `runs` times, serially (no workers) or in parallel
-- (parallel_workers per gather, parallel plans preferred even for small
-- generated sizes), and keeps the best wall-clock time. EXECUTE ... INTO may
-- use parallel workers (a PL/pgSQL SELECT INTO may not). The plan must match
-- the mode. bench/run.sql calls it once per session, so no measurement
-- inherits a library an earlier one loaded (see bench/README.md).
CREATE FUNCTION bench_time(registry text, variant text, mode text, row_count bigint, query text,
                           runs integer, parallel_workers integer)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    started  timestamptz;
    elapsed  numeric;
    best     numeric;
    result   text;
    plan     text := '';
    line     text;
    workers  integer;
BEGIN
    IF mode = 'serial' THEN
        PERFORM set_config('max_parallel_workers_per_gather', '0', true);
    ELSE
        PERFORM set_config('max_parallel_workers_per_gather', parallel_workers::text, true);
        PERFORM set_config('parallel_setup_cost', '0', true);
        PERFORM set_config('parallel_tuple_cost', '0', true);
        PERFORM set_config('min_parallel_table_scan_size', '0', true);
    END IF;
    IF query LIKE '%_tallies_by_month(%' THEN
        -- The registry scan starts its own workers, as many as a gather
        -- would get (max_parallel_workers_per_gather), so no Gather is planned.
        workers := current_setting('max_parallel_workers_per_gather')::integer;
    ELSE
        FOR line IN EXECUTE 'EXPLAIN ' || query LOOP
            plan := plan || line || E'\n';
        END LOOP;
        workers := coalesce((regexp_match(plan, 'Workers Planned: (\d+)'))[1]::integer, 0);
    END IF;
    IF (mode = 'parallel') <> (workers > 0) THEN
        RAISE EXCEPTION 'bench: % % % planned % workers', registry, variant, mode, workers;
    END IF;
    FOR i IN 1 .. runs LOOP
        started := clock_timestamp();
        EXECUTE query INTO result;
        elapsed := extract(epoch FROM clock_timestamp() - started) * 1000;
        best := least(best, elapsed);
    END LOOP;
    INSERT INTO bench_result (registry, variant, mode, row_count, best_ms, runs, workers, result)
    VALUES (registry, variant, mode, row_count, round(best, 1), runs, workers, result);
    RETURN format('  %-17s %-17s %-8s best of %s: %10s ms', registry, variant, mode, runs, round(best, 1));
END $$;
