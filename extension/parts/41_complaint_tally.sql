-- =========================================================================
-- Section: complaint registry aggregate (METHODOLOGY §7; src/complaint_tally.c, src/tally_state.c)
-- =========================================================================

CREATE TYPE perf_eval.complaint_tally AS (
    considered                 bigint,
    late                       bigint,
    court_satisfied            bigint,
    higher_authority_satisfied bigint,
    repeated_satisfied         bigint,
    late_disciplined           bigint
);
COMMENT ON TYPE perf_eval.complaint_tally IS
'Exact counts of complaint records: p = m = considered, f = late, a = court_satisfied, c = higher_authority_satisfied, n = repeated_satisfied, d = late_disciplined; also the partial state of monthly summaries (docs/methodology.md §7.1)';

-- Support functions shared by every tally aggregate (state: int64 counters).
CREATE FUNCTION perf_eval.tally_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_tally_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.tally_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'pe_tally_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION perf_eval.tally_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_tally_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- The one check of a tally from outside (src/tally_state.c), shared by the
-- merge aggregates and every SQL function that takes a tally.
CREATE FUNCTION perf_eval.checked_tally(tally anyelement)
RETURNS anyelement
AS 'MODULE_PATHNAME', 'pe_checked_tally'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.checked_tally(anyelement) IS
'A complaint_tally, service_tally or indicator_tally, returned unchanged once checked as the kernels check their counts: a NULL field 22023, a negative count 22003, a part larger than its whole 22023 (docs/methodology.md §3.6, §4.5, §7.2)';

CREATE FUNCTION perf_eval.complaint_tally_transition(internal, boolean, boolean, boolean, boolean, boolean)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_complaint_tally_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.complaint_tally_transition(internal, date, date, boolean, boolean, boolean, boolean)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_complaint_tally_transition_dated'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.complaint_tally_merge_transition(internal, perf_eval.complaint_tally)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_complaint_tally_merge_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.complaint_tally_final(internal)
RETURNS perf_eval.complaint_tally
AS 'MODULE_PATHNAME', 'pe_complaint_tally_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE perf_eval.complaint_tally_agg(
    late boolean, court_satisfied boolean, higher_authority_satisfied boolean,
    repeated_satisfied boolean, disciplinary_action boolean) (
    SFUNC        = perf_eval.complaint_tally_transition,
    STYPE        = internal,
    SSPACE       = 56,
    FINALFUNC    = perf_eval.complaint_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.complaint_tally_agg(boolean, boolean, boolean, boolean, boolean) IS
'Counts one complaint record per row into a complaint_tally; NULL flags are false; late_disciplined counts rows both late and disciplined (docs/methodology.md §7.1)';

CREATE AGGREGATE perf_eval.complaint_tally_agg(
    deadline date, answered_on date, court_satisfied boolean, higher_authority_satisfied boolean,
    repeated_satisfied boolean, disciplinary_action boolean) (
    SFUNC        = perf_eval.complaint_tally_transition,
    STYPE        = internal,
    SSPACE       = 56,
    FINALFUNC    = perf_eval.complaint_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.complaint_tally_agg(date, date, boolean, boolean, boolean, boolean) IS
'Counts complaint records with late := answered_on > deadline; rows not yet answered (answered_on NULL) are skipped (docs/methodology.md §7.1)';

CREATE AGGREGATE perf_eval.complaint_tally_merge_agg(perf_eval.complaint_tally) (
    SFUNC        = perf_eval.complaint_tally_merge_transition,
    STYPE        = internal,
    SSPACE       = 56,
    FINALFUNC    = perf_eval.complaint_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.complaint_tally_merge_agg(perf_eval.complaint_tally) IS
'Adds stored complaint_tally partial states (e.g. monthly summaries, or partial results of a distributed engine) (docs/methodology.md §7.2)';
