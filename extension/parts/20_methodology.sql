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

CREATE FUNCTION perf_eval.methodology_setting()
RETURNS text
AS 'MODULE_PATHNAME', 'pe_methodology_setting'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.methodology_setting() IS
'The setting perf_eval.methodology, NULL when empty (docs/settings.md); reading it loads the library, so misspelt perf_eval.* settings are errors from then on';

CREATE FUNCTION perf_eval.resolve_methodology(methodology text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    resolved text := coalesce(methodology, perf_eval.methodology_setting());
BEGIN
    IF resolved IS NULL THEN
        SELECT m.name INTO resolved FROM perf_eval.methodology AS m WHERE m.is_default;
        IF resolved IS NULL THEN
            RAISE EXCEPTION 'no methodology named and none is the default'
                USING ERRCODE = '22023',
                      HINT = 'Pass a name, SET perf_eval.methodology, or mark one row of perf_eval.methodology is_default (docs/methodology.md §2.1).';
        END IF;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = resolved) THEN
        IF methodology IS NULL THEN
            RAISE EXCEPTION 'unknown methodology "%"', resolved
                USING ERRCODE = '22023',
                      DETAIL = 'The name comes from the setting perf_eval.methodology; known methodologies are listed in the table perf_eval.methodology.',
                      HINT = 'SET perf_eval.methodology to one of them, or RESET it for the default version (docs/methodology.md §2.1).';
        END IF;
        RAISE EXCEPTION 'unknown methodology "%"', resolved
            USING ERRCODE = '22023',
                  DETAIL = 'Known methodologies are listed in the table perf_eval.methodology.',
                  HINT = 'Pass one of them, or NULL for the setting perf_eval.methodology or else the default version (docs/methodology.md §2.1).';
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
