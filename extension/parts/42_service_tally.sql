-- =========================================================================
-- Section: public-service registry aggregate (METHODOLOGY §7.1, inputs of §4.2; src/service_tally.c, src/tally_state.c)
-- =========================================================================

CREATE TYPE perf_eval.service_tally AS (
    deliveries                bigint,
    deadline_violations       bigint,
    unreasonable_refusals     bigint,
    incomplete_package        bigint,
    extra_documents           bigint,
    electronic                bigint,
    quality_appeals_justified bigint
);
COMMENT ON TYPE perf_eval.service_tally IS
'Exact counts of public-service deliveries: every part <= deliveries; the inputs of rate_x = 100000*count_x/deliveries (docs/methodology.md §4.2); also the partial state of monthly summaries and of distributed aggregation (docs/methodology.md §7.2)';

-- The combine, serialize and deserialize functions are the shared tally ones
-- (41_complaint_tally.sql): the internal state is the same int64 counters.
-- COST: one call does the work of the seven count(*) FILTER transitions it
-- replaces (measured: about five count(*) calls, bench/README.md). With the
-- default of 1 the planner underrates a registry scan and leaves the JIT
-- optimiser off at sizes where it pays (~10 M rows and more).
CREATE FUNCTION perf_eval.service_tally_transition(internal, boolean, boolean, boolean, boolean, boolean, boolean)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_service_tally_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE COST 5;

CREATE FUNCTION perf_eval.service_tally_merge_transition(internal, perf_eval.service_tally)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_service_tally_merge_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.service_tally_final(internal)
RETURNS perf_eval.service_tally
AS 'MODULE_PATHNAME', 'pe_service_tally_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE perf_eval.service_tally_agg(
    deadline_violated boolean, unreasonable_refusal boolean, incomplete_package boolean,
    extra_documents boolean, electronic boolean, quality_appeal_justified boolean) (
    SFUNC        = perf_eval.service_tally_transition,
    STYPE        = internal,
    SSPACE       = 72,
    FINALFUNC    = perf_eval.service_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.service_tally_agg(boolean, boolean, boolean, boolean, boolean, boolean) IS
'Counts one public-service delivery per row into a service_tally; NULL flags are false; unreasonable_refusal marks refusals found unreasonable (docs/methodology.md §7.1)';

CREATE AGGREGATE perf_eval.service_tally_merge_agg(perf_eval.service_tally) (
    SFUNC        = perf_eval.service_tally_merge_transition,
    STYPE        = internal,
    SSPACE       = 72,
    FINALFUNC    = perf_eval.service_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.service_tally_merge_agg(perf_eval.service_tally) IS
'Adds stored service_tally partial states (monthly summaries, or the per-node results of a distributed engine); a state with a negative count or a part above deliveries is refused (docs/methodology.md §7.2)';
