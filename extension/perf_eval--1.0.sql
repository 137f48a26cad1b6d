-- perf_eval 1.0: operational assessment of the effectiveness of state bodies
-- (Presidential Decree No. 954 of 2010). Formulas and decided readings:
-- METHODOLOGY.md; the shape of the software: ARCHITECTURE.md.
--
-- Every object is schema-qualified; SQL and PL/pgSQL functions pin their
-- search_path; nothing is SECURITY DEFINER. Kernels are IMMUTABLE STRICT
-- PARALLEL SAFE with their methodology constants as arguments; functions that
-- read the methodology catalog are STABLE.

\echo Use "CREATE EXTENSION perf_eval" to load this file. \quit

-- =========================================================================
-- Section: scale and bands mechanisms (METHODOLOGY §0.8; src/scale_bands.c)
-- =========================================================================

CREATE FUNCTION perf_eval.scale_value(x numeric, definition text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_scale_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.scale_value(numeric, text) IS
'scale(x; x1:y1; ...; xn:yn): y1 at or below x1, yn at or above xn, linear in between (METHODOLOGY §0.8)';

CREATE FUNCTION perf_eval.bands_value(x numeric, definition text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_bands_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.bands_value(numeric, text) IS
'bands(x; op b => v; ...; else => v0): the numeric value of the first matching rule; NULL for a null value (METHODOLOGY §0.8)';

CREATE FUNCTION perf_eval.bands_label(x numeric, definition text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_bands_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.bands_label(numeric, text) IS
'bands(x; ...) whose values are labels (e.g. grades): the value of the first matching rule as text (METHODOLOGY §0.8)';

CREATE FUNCTION perf_eval.scale_definition_error(definition text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_scale_definition_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.scale_definition_error(text) IS
'NULL if the scale definition is valid, else the reason (METHODOLOGY §0.8, §2.7)';

CREATE FUNCTION perf_eval.bands_definition_error(definition text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_bands_definition_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.bands_definition_error(text) IS
'NULL if the bands definition is valid, else the reason (METHODOLOGY §0.8, §2.7)';

-- =========================================================================
-- Section: methodology versions and parameters (METHODOLOGY §0.5, §2)
-- =========================================================================

CREATE TABLE perf_eval.methodology (
    name        text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    title       text NOT NULL,
    description text NOT NULL,
    based_on    text REFERENCES perf_eval.methodology (name),
    shipped     boolean NOT NULL DEFAULT false,
    is_default  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  name NOT NULL DEFAULT current_user
);
CREATE UNIQUE INDEX methodology_one_default ON perf_eval.methodology (is_default) WHERE is_default;
COMMENT ON TABLE perf_eval.methodology IS
'Methodology versions: the shipped kz2017, kz2020 (default), kz2020_apa, and users'' forks (METHODOLOGY §2.1)';

CREATE TABLE perf_eval.methodology_param (
    methodology text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    key         text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    value       text NOT NULL,
    value_kind  text NOT NULL CHECK (value_kind IN ('number', 'scale', 'bands', 'name', 'boolean')),
    provenance  text NOT NULL CHECK (provenance IN ('explicit', 'derived', 'assumed')),
    source      text NOT NULL CHECK (source <> ''),
    note        text,
    PRIMARY KEY (methodology, key),
    CHECK (value_kind <> 'number' OR value ~ '^-?[0-9]+(\.[0-9]+)?$'),
    CHECK (value_kind <> 'boolean' OR value IN ('true', 'false')),
    CHECK (value_kind <> 'scale' OR perf_eval.scale_definition_error(value) IS NULL),
    CHECK (value_kind <> 'bands' OR perf_eval.bands_definition_error(value) IS NULL)
);
COMMENT ON TABLE perf_eval.methodology_param IS
'Every methodology constant with its provenance (explicit, derived, assumed) and source (METHODOLOGY §0.5)';

INSERT INTO perf_eval.methodology (name, title, description, shipped, is_default) VALUES
('kz2017', 'Methodology 2017-2019',
 'The 2017-2019 methodology as far as seed 000 states it: old R1 (x100), old R2 with volume tiers, no R4, no x0.8 correction; composite 45/45/10.',
 true, false),
('kz2020', 'Methodology 2020 (current)',
 'The current methodology and the default.',
 true, true),
('kz2020_apa', 'Methodology 2020 with the research report''s proposals',
 'kz2020 plus the recommendations of seed 000 (satisfaction as a direction, R1 split, internal audit, turnover threshold 0.09, ...).',
 true, false);

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source, note) VALUES
('kz2020', 'zone.high_min', '90', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2020', 'zone.medium_min', '70', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2020', 'zone.low_min', '50', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2020', 'policy.clamp', 'floor0_capk', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2020', 'policy.zero_volume', 'full_points', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2020', 'complaints.r1.k', '40', 'number', 'explicit', 'seed 000 line 2045', NULL),
('kz2020', 'complaints.r1.scale', '1000', 'number', 'explicit', 'seed 000 line 2035', NULL),
('kz2020', 'complaints.r2.k', '30', 'number', 'explicit', 'seed 000 line 2061', NULL),
('kz2020', 'complaints.r2.scale', '10000', 'number', 'explicit', 'seed 000 line 2051', NULL),
('kz2020', 'complaints.r2.count_higher_authority', 'false', 'boolean', 'explicit', 'seed 000 line 1343', NULL),
('kz2020', 'complaints.r3.k', '20', 'number', 'explicit', 'seed 000 line 2077', NULL),
('kz2020', 'complaints.r3.scale', '100', 'number', 'explicit', 'seed 000 line 2067', NULL),
('kz2020', 'complaints.r4.bands', 'ge 90 => 10; ge 80 => 8; ge 70 => 6; ge 60 => 4; ge 50 => 1; else => 0', 'bands', 'explicit', 'seed 000 lines 2099-2105', NULL),
('kz2017', 'zone.high_min', '90', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2017', 'zone.medium_min', '70', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2017', 'zone.low_min', '50', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2017', 'policy.clamp', 'floor0_capk', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2017', 'policy.zero_volume', 'full_points', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2017', 'complaints.r1.k', '40', 'number', 'assumed', 'seed 000 line 1341', NULL),
('kz2017', 'complaints.r1.scale', '100', 'number', 'explicit', 'seed 000 line 1341', NULL),
('kz2017', 'complaints.r2.k', '40', 'number', 'explicit', 'seed 000 line 1345', NULL),
('kz2017', 'complaints.r2.tiers', 'ge 5000 => 1000; ge 1000 => 100; ge 10 => 10; else => null', 'bands', 'explicit', 'seed 000 line 1345', NULL),
('kz2017', 'complaints.r2.count_higher_authority', 'true', 'boolean', 'explicit', 'seed 000 line 1343', NULL),
('kz2017', 'complaints.r3.k', '20', 'number', 'assumed', 'seed 000 line 1331', NULL);
-- @@PARAMS@@

CREATE FUNCTION perf_eval.resolve_methodology(methodology text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    resolved text := coalesce(methodology,
                              nullif(current_setting('perf_eval.methodology', true), ''));
BEGIN
    IF resolved IS NULL THEN
        SELECT m.name INTO resolved FROM perf_eval.methodology AS m WHERE m.is_default;
    END IF;
    IF resolved IS NULL OR NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = resolved) THEN
        RAISE EXCEPTION 'unknown methodology "%"', coalesce(resolved, '')
            USING ERRCODE = '22023',
                  DETAIL = 'Known methodologies are listed in perf_eval.methodology.',
                  HINT = 'METHODOLOGY §2.1; set perf_eval.methodology or pass a name.';
    END IF;
    RETURN resolved;
END
$$;
COMMENT ON FUNCTION perf_eval.resolve_methodology(text) IS
'The methodology name to use: the argument, else the setting perf_eval.methodology, else the default version; 22023 if unknown';

CREATE FUNCTION perf_eval.param_exists(methodology text, key text)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.methodology_param AS p
                   WHERE p.methodology = $1 AND p.key = $2)
$$;

CREATE FUNCTION perf_eval.param_text(methodology text, key text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    result text;
BEGIN
    SELECT p.value INTO result FROM perf_eval.methodology_param AS p
    WHERE p.methodology = param_text.methodology AND p.key = param_text.key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'methodology "%" has no parameter "%"', methodology, key
            USING ERRCODE = '22023',
                  HINT = 'METHODOLOGY §2 lists the parameters of each version; add it to the fork.';
    END IF;
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.param_text(text, text) IS
'The value of a methodology parameter as text; 22023 if the version does not define it';

CREATE FUNCTION perf_eval.param_numeric(methodology text, key text)
RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.param_text($1, $2)::numeric $$;

CREATE FUNCTION perf_eval.param_boolean(methodology text, key text)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT perf_eval.param_text($1, $2)::boolean $$;

-- =========================================================================
-- Section: efficiency zones (METHODOLOGY §0.4; src/zones.c)
-- =========================================================================

CREATE TABLE perf_eval.efficiency_zone_label (
    zone       text PRIMARY KEY,
    zone_order integer NOT NULL UNIQUE,
    label_en   text NOT NULL,
    label_ru   text NOT NULL
);
COMMENT ON TABLE perf_eval.efficiency_zone_label IS 'Names of the efficiency zones in English and Russian (METHODOLOGY §0.4)';
INSERT INTO perf_eval.efficiency_zone_label VALUES
('high',        1, 'high degree of efficiency',   'высокая степень эффективности'),
('medium',      2, 'medium degree of efficiency', 'средняя степень эффективности'),
('low',         3, 'low degree of efficiency',    'низкая степень эффективности'),
('ineffective', 4, 'ineffective activity',        'неэффективная деятельность');

CREATE FUNCTION perf_eval.efficiency_zone(score numeric, high_min numeric, medium_min numeric, low_min numeric)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_efficiency_zone'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.efficiency_zone(numeric, numeric, numeric, numeric) IS
'Efficiency zone of an unrounded score with explicit thresholds: high >= high_min > medium >= medium_min > low >= low_min > ineffective (seed 000 lines 545, 1273-1276)';

CREATE FUNCTION perf_eval.efficiency_zone(score numeric, methodology text DEFAULT NULL)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.efficiency_zone(
        $1,
        perf_eval.param_numeric(v.name, 'zone.high_min'),
        perf_eval.param_numeric(v.name, 'zone.medium_min'),
        perf_eval.param_numeric(v.name, 'zone.low_min'))
    FROM (SELECT perf_eval.resolve_methodology($2) AS name) AS v
$$;
COMMENT ON FUNCTION perf_eval.efficiency_zone(numeric, text) IS
'Efficiency zone of an unrounded score under a methodology''s zone.* thresholds (default version if NULL)';

-- =========================================================================
-- Section: complaint-handling coefficients R1-R4 (METHODOLOGY §4.4; src/complaints.c)
-- =========================================================================

CREATE FUNCTION perf_eval.complaint_timeliness_score(
    late bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_timeliness_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_timeliness_score(bigint, bigint, numeric, numeric, text, text) IS
'R1 = k*(p - S*f)/p, compliance with the terms of consideration: S = 1000, k = 40 (kz2020, seed 000 line 2035); S = 100 (kz2017, seed 000 line 1341)';

CREATE FUNCTION perf_eval.complaint_court_score(
    court_satisfied bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_court_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_court_score(bigint, bigint, numeric, numeric, text, text) IS
'R2 = k*(p - S*a)/p, complaints recognised justified by a court: S = 10000, k = 30 (kz2020, seed 000 line 2051)';

CREATE FUNCTION perf_eval.complaint_repeat_score(
    repeated_satisfied bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_repeat_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_repeat_score(bigint, bigint, numeric, numeric, text, text) IS
'R3 = k*(m - S*n)/m, repeated justified complaints: S = 100, k = 20 (seed 000 line 2067)';

CREATE FUNCTION perf_eval.complaint_court_score_tiered(
    court_satisfied bigint, higher_authority_satisfied bigint, considered bigint, k numeric, tiers text,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_court_score_tiered'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_court_score_tiered(bigint, bigint, bigint, numeric, text, text, text) IS
'R2 (kz2017) = k*(b - S(b)*(a + c))/b with volume tiers S(b) as bands on b; a null tier is not assessable (seed 000 lines 1343-1345)';

CREATE FUNCTION perf_eval.complaint_internal_control_points(
    late_disciplined bigint, late bigint, bands text,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_internal_control_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_internal_control_points(bigint, bigint, text, text, text) IS
'R4 = bands(100*d/f), internal control: share of late complaints followed by disciplinary action (seed 000 lines 2099-2105)';

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
'Exact counts of complaint records: p = m = considered, f = late, a = court_satisfied, c = higher_authority_satisfied, n = repeated_satisfied, d = late_disciplined; also the partial state of monthly summaries (METHODOLOGY §7.1)';

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
'Counts one complaint record per row into a complaint_tally; NULL flags are false; late_disciplined counts rows both late and disciplined (METHODOLOGY §7.1)';

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
'Counts complaint records with late := answered_on > deadline; rows not yet answered (answered_on NULL) are skipped (METHODOLOGY §7.1)';

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
'Adds stored complaint_tally partial states (e.g. monthly summaries, or partial results of a distributed engine) (METHODOLOGY §7.2)';

-- =========================================================================
-- Section: complaint direction under a methodology (METHODOLOGY §4.4)
-- =========================================================================

CREATE FUNCTION perf_eval.complaint_scores(
    tally perf_eval.complaint_tally,
    methodology text DEFAULT NULL,
    repeat_supplied numeric DEFAULT NULL,
    one_time_acceptance_supplied numeric DEFAULT NULL,
    OUT version text,
    OUT timeliness numeric,
    OUT court numeric,
    OUT repeat numeric,
    OUT one_time_acceptance numeric,
    OUT internal_control numeric,
    OUT total numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- The complaints direction H of a body from its counts, with the version's
-- constants and policies. Which criteria exist is read from the version:
--   kz2020:     R1 + R2 + R3 + R4                          (max 40 + 30 + 20 + 10)
--   kz2017:     R1 (x100) + R2 (tiers, a + c) + R3 supplied (no R4)
--   kz2020_apa: R1 (k 20) + one-time acceptance + R2 + R3 + internal audit
-- A criterion the counts cannot give (kz2017 R3, apa one-time acceptance) is
-- taken from the *_supplied argument; missing, it makes H NULL (not assessable).
DECLARE
    clamp text;
    zero_volume text;
    r3_max numeric;
BEGIN
    IF tally IS NULL THEN
        RETURN;
    END IF;
    version := perf_eval.resolve_methodology(methodology);
    clamp := perf_eval.param_text(version, 'policy.clamp');
    zero_volume := perf_eval.param_text(version, 'policy.zero_volume');

    timeliness := perf_eval.complaint_timeliness_score(
        tally.late, tally.considered,
        perf_eval.param_numeric(version, 'complaints.r1.k'),
        perf_eval.param_numeric(version, 'complaints.r1.scale'), clamp, zero_volume);

    IF perf_eval.param_exists(version, 'complaints.r2.tiers') THEN
        court := perf_eval.complaint_court_score_tiered(
            tally.court_satisfied,
            CASE WHEN perf_eval.param_boolean(version, 'complaints.r2.count_higher_authority')
                 THEN tally.higher_authority_satisfied ELSE 0 END,
            tally.considered,
            perf_eval.param_numeric(version, 'complaints.r2.k'),
            perf_eval.param_text(version, 'complaints.r2.tiers'), clamp, zero_volume);
    ELSE
        court := perf_eval.complaint_court_score(
            tally.court_satisfied, tally.considered,
            perf_eval.param_numeric(version, 'complaints.r2.k'),
            perf_eval.param_numeric(version, 'complaints.r2.scale'), clamp, zero_volume);
    END IF;

    IF perf_eval.param_exists(version, 'complaints.r3.scale') THEN
        repeat := perf_eval.complaint_repeat_score(
            tally.repeated_satisfied, tally.considered,
            perf_eval.param_numeric(version, 'complaints.r3.k'),
            perf_eval.param_numeric(version, 'complaints.r3.scale'), clamp, zero_volume);
    ELSE
        r3_max := perf_eval.param_numeric(version, 'complaints.r3.k');
        IF repeat_supplied < 0 OR repeat_supplied > r3_max THEN
            RAISE EXCEPTION 'supplied R3 must lie between 0 and %', r3_max
                USING ERRCODE = '22003',
                      DETAIL = format('repeat_supplied = %s under %s.', repeat_supplied, version),
                      HINT = 'METHODOLOGY §1.2: a supplied score lies in [0, node maximum].';
        END IF;
        repeat := repeat_supplied;
    END IF;

    IF perf_eval.param_exists(version, 'complaints.one_time_acceptance.pts') THEN
        one_time_acceptance := one_time_acceptance_supplied;
    END IF;

    IF perf_eval.param_exists(version, 'complaints.r4.bands') THEN
        internal_control := perf_eval.complaint_internal_control_points(
            tally.late_disciplined, tally.late,
            perf_eval.param_text(version, 'complaints.r4.bands'), clamp, zero_volume);
    END IF;

    total := timeliness + court + repeat
             + CASE WHEN perf_eval.param_exists(version, 'complaints.one_time_acceptance.pts')
                    THEN one_time_acceptance ELSE 0 END
             + CASE WHEN perf_eval.param_exists(version, 'complaints.r4.bands')
                    THEN internal_control ELSE 0 END;
    RETURN;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_scores(perf_eval.complaint_tally, text, numeric, numeric) IS
'Complaints direction H and its criteria R1-R4 from a complaint_tally under a methodology version, with the version''s clamp and zero-volume policies (METHODOLOGY §4.4)';
