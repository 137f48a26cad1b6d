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
COMMENT ON COLUMN perf_eval.methodology.name IS 'Code of the methodology version (lower case): kz2017, kz2020, kz2020_apa or a user''s fork';
COMMENT ON COLUMN perf_eval.methodology.title IS 'Short title of the version';
COMMENT ON COLUMN perf_eval.methodology.description IS 'What the version is and where it comes from';
COMMENT ON COLUMN perf_eval.methodology.based_on IS 'Code of the version this one was forked from; NULL for a shipped original';
COMMENT ON COLUMN perf_eval.methodology.shipped IS 'True for versions installed with the extension (read-only); false for user forks';
COMMENT ON COLUMN perf_eval.methodology.is_default IS 'True for the one version used when a function is called without a methodology';
COMMENT ON COLUMN perf_eval.methodology.created_at IS 'When the version was created (timestamp with time zone)';
COMMENT ON COLUMN perf_eval.methodology.created_by IS 'Database role that created the version';
CREATE UNIQUE INDEX methodology_one_default ON perf_eval.methodology (is_default) WHERE is_default;
COMMENT ON TABLE perf_eval.methodology IS
'Methodology versions: the shipped kz2017, kz2020 (default), kz2020_apa, and users'' forks (docs/methodology.md §2.1)';

-- The public documents that parameters, explanations and hints cite by code.
CREATE TABLE perf_eval.source_document (
    code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    title      text NOT NULL CHECK (title <> ''),
    issuer     text NOT NULL CHECK (issuer <> ''),
    year       integer NOT NULL CHECK (year BETWEEN 1991 AND 2100),
    identifier text,
    url        text
);
COMMENT ON TABLE perf_eval.source_document IS
'The public documents a methodology parameter''s source can be looked up in: the decree that sets up the assessment, the research report and the order whose sections, tables and paragraphs the sources name, and this project''s methodology reference for decided readings and assumptions';
COMMENT ON COLUMN perf_eval.source_document.code IS
'Short name that perf_eval.methodology_param.source_document refers to (decree954, apa2020, order2020_orgdev, perf_eval_reference)';
COMMENT ON COLUMN perf_eval.source_document.title IS 'Title of the document (in English)';
COMMENT ON COLUMN perf_eval.source_document.issuer IS 'Who issued or wrote the document';
COMMENT ON COLUMN perf_eval.source_document.year IS 'Year the document was issued';
COMMENT ON COLUMN perf_eval.source_document.identifier IS 'Official number or path of the document, NULL if it has none';
COMMENT ON COLUMN perf_eval.source_document.url IS 'Where the document can be read, NULL if no stable address is known';

INSERT INTO perf_eval.source_document (code, title, issuer, year, identifier, url) VALUES
('decree954',
 'On the System of Annual Assessment of the Effectiveness of Central State and Local Executive Bodies of Oblasts, the City of Republican Significance and the Capital',
 'President of the Republic of Kazakhstan', 2010, 'Decree No. 954 of 19 March 2010', NULL),
('apa2020',
 'Improving the system for assessing the effectiveness of the activities of administrative civil servants and state bodies (research report)',
 'Academy of Public Administration under the President of the Republic of Kazakhstan', 2020, NULL, NULL),
('order2020_orgdev',
 'On approval of the Methodology of operational assessment of the activities of state bodies for the "Organisational development of a state body" block',
 'Minister of Digital Development, Innovations and Aerospace Industry and Chairman of the Agency for Civil Service Affairs of the Republic of Kazakhstan (joint order)',
 2020, 'Joint order of 27 January 2020 No. 32/НҚ and 28 January 2020 No. 25', NULL),
('perf_eval_reference',
 'perf_eval methodology reference: formulas, decided readings of the published documents and assumptions',
 'perf_eval project', 2026, 'docs/methodology.md', NULL);

CREATE TABLE perf_eval.methodology_param (
    methodology text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    key         text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    value       text NOT NULL,
    value_kind  text NOT NULL CHECK (value_kind IN ('number', 'scale', 'bands', 'name', 'boolean')),
    provenance  text NOT NULL CHECK (provenance IN ('explicit', 'derived', 'assumed')),
    source_document text REFERENCES perf_eval.source_document (code),
    source      text NOT NULL CHECK (source <> ''),
    note        text,
    PRIMARY KEY (methodology, key),
    CHECK (value_kind <> 'number' OR value ~ '^-?[0-9]+(\.[0-9]+)?$'),
    CHECK (value_kind <> 'boolean' OR value IN ('true', 'false')),
    CHECK (value_kind <> 'scale' OR perf_eval.scale_definition_error(value) IS NULL),
    CHECK (value_kind <> 'bands' OR perf_eval.bands_definition_error(value) IS NULL)
);
COMMENT ON COLUMN perf_eval.methodology_param.methodology IS 'Code of the methodology version (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.methodology_param.key IS 'Dotted parameter name, e.g. zone.high_min, policy.clamp, goals.pts_strategic (docs/methodology.md §2)';
COMMENT ON COLUMN perf_eval.methodology_param.value IS 'Parameter value as text, read according to value_kind';
COMMENT ON COLUMN perf_eval.methodology_param.value_kind IS 'How value is read: number | scale | bands | name | boolean (docs/methodology.md §0.8)';
COMMENT ON COLUMN perf_eval.methodology_param.provenance IS 'Where the value comes from: explicit (stated by the source document) | derived (computed from published figures) | assumed (a decided reading, flagged in explanations)';
COMMENT ON COLUMN perf_eval.methodology_param.source IS 'Public document, chapter and table the value comes from, or the reason it is assumed';
COMMENT ON COLUMN perf_eval.methodology_param.note IS 'Free-text note on the parameter (meaning, unit, example)';
COMMENT ON TABLE perf_eval.methodology_param IS
'Every methodology constant with its provenance (explicit, derived, assumed) and source (docs/methodology.md §0.5)';
COMMENT ON COLUMN perf_eval.methodology_param.source_document IS
'The document the source locator points into (perf_eval.source_document); NULL for a value a user set';
COMMENT ON COLUMN perf_eval.methodology_param.source IS
'Where in the source document the value is stated or decided: section, table or paragraph, e.g. "APA 2020 report §2.5"; for a user edit, who changed it and when';

INSERT INTO perf_eval.methodology (name, title, description, shipped, is_default) VALUES
('kz2017', 'Methodology 2017-2019',
 'The 2017-2019 methodology as far as the APA 2020 report states it: old R1 (x100), old R2 with volume tiers, no R4, no x0.8 correction; composite 45/45/10.',
 true, false),
('kz2020', 'Methodology 2020 (current)',
 'The current methodology and the default.',
 true, true),
('kz2020_apa', 'Methodology 2020 with the research report''s proposals',
 'kz2020 plus the recommendations of the APA 2020 report (satisfaction as a direction, R1 split, internal audit, turnover threshold 0.09, ...).',
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
                  HINT = 'docs/methodology.md §2 lists the parameters of each version; add it to the fork.';
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
