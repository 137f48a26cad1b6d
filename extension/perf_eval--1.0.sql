-- perf_eval 1.0: operational assessment of the effectiveness of state bodies
-- (Presidential Decree No. 954 of 2010). Formulas and decided readings:
-- METHODOLOGY.md; the shape of the software: ARCHITECTURE.md.
--
-- Every object is schema-qualified; SQL and PL/pgSQL functions pin their
-- search_path; no function runs with its definer's rights. Kernels are IMMUTABLE STRICT
-- PARALLEL SAFE with their methodology constants as arguments; functions that
-- read the methodology catalog are STABLE.

\echo Use "CREATE EXTENSION perf_eval" to load this file. \quit
-- =========================================================================
-- Section: roles (ARCHITECTURE §3 "Security"); their privileges are granted at the end (80_privileges.sql) and by each block's part
--
--   perf_eval_reader             analysts, the Accounts Committee: read views and catalogs
--   perf_eval_classified_reader  may also see scores whose publication is restricted
--   perf_eval_submitter          a body's own staff: enter that body's inputs only (RLS)
--   perf_eval_editor             data entry for every body: inputs, supplied scores, penalties
--   perf_eval_admin              methodology editors and operators: versions, recalculation
--
-- Roles are cluster-wide and outlive DROP EXTENSION; they are created only if
-- missing, without LOGIN: grant them to login roles.
-- =========================================================================

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['perf_eval_reader', 'perf_eval_classified_reader', 'perf_eval_submitter',
                                     'perf_eval_editor', 'perf_eval_admin'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;
END
$$;

GRANT perf_eval_reader TO perf_eval_classified_reader, perf_eval_editor;
GRANT perf_eval_editor TO perf_eval_admin;
-- =========================================================================
-- Section: mechanisms: scale, bands (METHODOLOGY §0.8; src/scale_bands.c) and the clamp policy (§0.6; src/policies.c)
-- =========================================================================

CREATE FUNCTION perf_eval.scale_value(x numeric, definition text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_scale_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.scale_value(numeric, text) IS
'scale(x; x1:y1; ...; xn:yn): y1 at or below x1, yn at or above xn, linear in between (docs/methodology.md §0.8)';

CREATE FUNCTION perf_eval.bands_value(x numeric, definition text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_bands_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.bands_value(numeric, text) IS
'bands(x; op b => v; ...; else => v0): the numeric value of the first matching rule; NULL for a null value (docs/methodology.md §0.8)';

CREATE FUNCTION perf_eval.bands_label(x numeric, definition text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_bands_label'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.bands_label(numeric, text) IS
'bands(x; ...) whose values are labels (e.g. grades): the value of the first matching rule as text (docs/methodology.md §0.8)';

CREATE FUNCTION perf_eval.scale_definition_error(definition text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_scale_definition_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.scale_definition_error(text) IS
'NULL if the scale definition is valid, else the reason (docs/methodology.md §0.8, §2.7)';

CREATE FUNCTION perf_eval.bands_definition_error(definition text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_bands_definition_error'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.bands_definition_error(text) IS
'NULL if the bands definition is valid, else the reason (docs/methodology.md §0.8, §2.7)';

CREATE FUNCTION perf_eval.clamp_value(raw numeric, maximum numeric, clamp text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_clamp_value'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.clamp_value(numeric, numeric, text) IS
'The clamp policy of a node: none keeps the raw value, floor0 is max(0, x), floor0_capk is min(maximum, max(0, x)) (docs/methodology.md §0.6)';
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
-- =========================================================================
-- Section: civil-servant parameters that METHODOLOGY §2.6 implies but
-- 21_methodology_params.sql does not ship (METHODOLOGY §6.2, §0.2)
--
-- The other keys of §2.6 are shipped there under these names:
--   cs.competency_ratio      -> cs.competency_ratio_num / _den (3/4; kz2020 and kz2020_apa)
--   cs.kef.weights           -> cs.kef.w_kpi / cs.kef.w_competency (0.5 / 0.5; validated to sum to 1)
--   cs.commission.quorum     -> cs.commission.quorum_num / _den (2/3)
--   cs.deadline.*            -> iwp, resubmit, to_commission, notify, inform, appeal, deferred
-- The workflow, commission and deadline keys exist only in kz2020_apa (the
-- draft standard methodology of Appendix 4); the m2018 grade keys only in
-- kz2020. An assessment period therefore names one version of each regime
-- (perf_eval.cs_assessment_period, 65_civil_servants.sql).
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'cs.kef.completeness_bands', 'ge 1 => 2; ge 0.75 => 1; else => 0', 'bands', 'explicit',
 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3',
 'Kef: completeness c from a = fact/plan (plan/fact when a decrease is expected): full implementation 2, deviation no more than 25% 1, more 0 (docs/methodology.md §6.2)'),
('kz2020_apa', 'cs.present.kef_scale', '2', 'number', 'derived',
 'apa2020', 'APA 2020 report, Appendix 3',
 'decimals shown for Kef and its parts as % (84.505% shown 84.51; docs/methodology.md §0.2)');
-- =========================================================================
-- Section: interaction-block parameters that METHODOLOGY §2.4 implies but
-- 21_methodology_params.sql does not ship (METHODOLOGY §4.2, §4.3)
--
-- * services.rate_base: the unit of every services rate, "per 100 000
--   deliveries" (rate_x = 100000 * count_x / deliveries, §4.2). It belongs to
--   the assumed scales whose x it measures, so it is assumed with them.
-- * services.{csb,leb}.satisfaction_max / quality_max / automation_max: the
--   maxima of the criterion nodes K1/M1, K2/M2 (K2' in kz2020_apa) and K3 per
--   body kind, used by the clamp policy, the checks of supplied scores and the
--   body card (K1 40 vs M1 50, K2 40 vs M2 50; no LEB K3 under kz2020).
--   kz2017 has none: its services direction is supplied (services.mode).
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020', 'services.rate_base', '100000', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2',
 'rates of the services indicators are counts per this many deliveries (rate = rate_base*count/deliveries), the x of the assumed scales'),
('kz2020_apa', 'services.rate_base', '100000', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2',
 'rates of the services indicators and of one-time acceptance are counts per this many deliveries, the x of the assumed scales'),
('kz2020', 'services.csb.satisfaction_max', '40', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K1 = services.csb.pts_p1 + pts_p2 (30 + 10)'),
('kz2020', 'services.leb.satisfaction_max', '50', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of M1 = services.leb.pts_p1 + pts_p2 (40 + 10)'),
('kz2020', 'services.csb.quality_max', '40', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K2 = services.csb.pts_t1..t4 (4 x 10)'),
('kz2020', 'services.leb.quality_max', '50', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of M2 = services.leb.pts_t1 + pts_t2..t4 (20 + 3 x 10)'),
('kz2020', 'services.csb.automation_max', '20', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K3 = services.csb.pts_k3 (LEBs have no K3 under kz2020, APA 2020 report §2.5)'),
('kz2020_apa', 'services.csb.quality_max', '80', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K2'' = services.apa.pts_deadlines (the penalties only subtract)'),
('kz2020_apa', 'services.leb.quality_max', '80', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K2'' = services.apa.pts_deadlines (the penalties only subtract)'),
('kz2020_apa', 'services.csb.automation_max', '20', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K3 = services.csb.pts_k3'),
('kz2020_apa', 'services.leb.automation_max', '20', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K3 for LEBs = services.leb.pts_k3 (apa extends automation to LEBs, APA 2020 report, chapter 2 recommendations)');
-- =========================================================================
-- Section: the shipped parameters of kz2017, kz2020 and kz2020_apa
-- (METHODOLOGY §0.5, §0.6, §0.8, §2.2-§2.6), one scalar per key.
-- Provenance: E and "E (reading)" -> explicit, D -> derived, A -> assumed.
-- A "—" cell of §2 has no row; "=" repeats the column to the left.
-- =========================================================================

-- #########################################################################
-- kz2017 (69 rows)
-- #########################################################################

-- §2.2 General parameters -- kz2017
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2017', 'zone.high_min', '90', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the high zone (s >= 90, unrounded)'),
('kz2017', 'zone.medium_min', '70', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the medium zone (70 <= s < 90)'),
('kz2017', 'zone.low_min', '50', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the low zone (50 <= s < 70); below it the activity is ineffective'),
('kz2017', 'zone.basis', 'unrounded', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.4', 'zones are read on the unrounded score as half-open intervals; assumed because the printed ranges leave gaps (docs/methodology.md §8 E25)'),
('kz2017', 'present.block_scale', '1', 'number', 'derived', 'apa2020', 'APA 2020 report §3.4, Table 3.6', 'decimals shown for block scores and the composite; all 33 values of Table 3.6 reproduce'),
('kz2017', 'present.node_scale', '2', 'number', 'derived', 'apa2020', 'APA 2020 report §3.4, Table 3.7 and Table 3.8', 'decimals shown for direction, criterion and indicator points (Tables 3.7/3.8)'),
('kz2017', 'present.mean_scale', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.2', 'decimals shown for group means; assumed equal to the block scale, the published documents are silent'),
('kz2017', 'present.share_scale', '1', 'number', 'derived', 'apa2020', 'APA 2020 report §1.4, Table 1.4', 'decimals shown for zone shares in % of a group (31.25 printed 31.3)'),
('kz2017', 'policy.clamp', 'floor0_capk', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.6', 'nodes with a maximum are floored at 0 and capped at it (R1-R3 at k); assumed: the published documents print negative raw values and state no floor'),
('kz2017', 'policy.zero_volume', 'full_points', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.6', 'a node whose case volume is below its domain gets its maximum; assumed, the published documents are silent'),
('kz2017', 'composite.w_goals', '0.45', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.1', 'weight of the goals block in the kz2017 composite'),
('kz2017', 'composite.w_interaction', '0.45', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.1', 'weight of the interaction block in the kz2017 composite'),
('kz2017', 'composite.w_orgdev', '0.10', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.1', 'weight of the organisational development block in the kz2017 composite'),
('kz2017', 'node.max', '100', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §0.6', 'maximum of every block and direction score (0..100), used by policy.clamp');

-- §2.3 Goals block parameters (METHODOLOGY §3) -- kz2017
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2017', 'goals.overfulfil_threshold', '1.25', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2', 'a target indicator is overfulfilled when r >= 1.25 ("25% or more", inclusive; docs/methodology.md §8 E2)'),
('kz2017', 'goals.overfulfil_multiplier', '1', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'factor applied to an overfulfilled target indicator; 1 (none) because the APA 2020 report (§1.2) calls the x0.8 factor new'),
('kz2017', 'goals.overfulfil_exempt_decrease', 'false', 'boolean', 'assumed', 'apa2020', 'APA 2020 report §1.4', 'whether decrease-is-good indicators are exempt from the overfulfilment factor; assumed as in kz2020'),
('kz2017', 'goals.achievement_cap', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.1', 'indicator result = min(r, cap) before multipliers; assumed, chapter 1 states no formula'),
('kz2017', 'goals.plan_lowered_multiplier', '0.9', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'factor when the plan was lowered; the factor is named but no value is given (assumed)'),
('kz2017', 'goals.no_dynamics_multiplier', '0.9', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'factor when there is no positive dynamics against the previous fact; named but no value given (assumed)'),
('kz2017', 'goals.csb.strategic_basis', 'goals', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.2', 'CSB strategic coefficient = mean of goal coefficients; assumed, no formula in the published documents'),
('kz2017', 'goals.leb.strategic_basis', 'goals', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.2', 'LEB strategic coefficient = mean of goal coefficients; assumed, no formula in the published documents'),
('kz2017', 'goals.csb.pts_strategic', '70', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for achievement of strategic-plan goals; the published documents give no points (assumed)'),
('kz2017', 'goals.csb.pts_bp_efficiency', '15', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for budget-programme execution efficiency; no points in the published documents (assumed)'),
('kz2017', 'goals.csb.pts_goal_bp_link', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for the goal-budget programme link; no points in the published documents (assumed)'),
('kz2017', 'goals.csb.pts_citizens_budget', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for the Citizens Budget; no points in the published documents (assumed)'),
('kz2017', 'goals.csb.citizens_budget_scale', '0:0;100:1', 'scale', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'CSB Citizens Budget: x = level of compliance in %; the scale is not given (assumed)'),
('kz2017', 'goals.leb.pts_strategic', '60', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'LEB points for achievement of the territorial development programme; no points in the published documents (assumed)'),
('kz2017', 'goals.leb.pts_violations', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB maximum points for absence of budget violations'),
('kz2017', 'goals.leb.pts_direct_results', '15', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §2.3', 'LEB points for direct results of development budget programmes; no points in the published documents (assumed, criteria sum to 100)'),
('kz2017', 'goals.leb.pts_bp_efficiency', '15', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §2.3', 'LEB points for budget-programme execution efficiency; no points in the published documents (assumed, criteria sum to 100)'),
('kz2017', 'goals.leb.pts_citizens_budget', '0', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2', 'LEB Citizens Budget points: 0, the criterion was added in 2020'),
('kz2017', 'goals.leb.violations_clean', '8', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points when audited and no violations found'),
('kz2017', 'goals.leb.violations_ia_analysis', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB points added when the internal audit analysed the budget'),
('kz2017', 'goals.leb.violations_not_audited', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points when the body was not audited'),
('kz2017', 'goals.leb.violations_bands', 'le 5 => 6; lt 10 => 3; lt 15 => 1; else => 0', 'bands', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points by x = 100*V/B (% of audited amount); gaps read as le 5 / lt 10 / lt 15 (docs/methodology.md §8 E9)'),
('kz2017', 'goals.bp_efficiency_cap', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.3', 'cap of E = A/D per budget programme before averaging; assumed'),
('kz2017', 'goals.bp_result_overfulfil_threshold', '1.05', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.4', 'a BP result indicator with F > 1.05*P (strict) is an overfulfilment penalty fact; assumed'),
('kz2017', 'goals.penalty.unreliable', '1', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of unreliable information; categories given, points not (assumed)'),
('kz2017', 'goals.penalty.incomplete', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of incomplete information; points not given (assumed)'),
('kz2017', 'goals.penalty.untimely', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of untimely information; points not given (assumed)'),
('kz2017', 'goals.penalty.bp_result_overfulfilment', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per overfulfilled BP result indicator; points not given (assumed)'),
('kz2017', 'goals.penalty.missing_ti_method', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'CSB goals penalty points per target indicator without a calculation method; points not given (assumed)'),
('kz2017', 'goals.penalty.ti_overfulfilment', '0', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'LEB penalty per overfulfilled target indicator; 0 (assumed) because the x0.8 correction already applies');

-- §2.4 Interaction block parameters (METHODOLOGY §4) -- kz2017
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2017', 'interaction.csb.w_services', '0.5', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.1', 'CSB weight of the public services direction (kz2020 weight assumed for 2017, the published documents give none)'),
('kz2017', 'interaction.csb.w_openness', '0.3', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.1', 'CSB weight of the openness direction (kz2020 weight assumed for 2017, the published documents give none)'),
('kz2017', 'interaction.csb.w_complaints', '0.2', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.1', 'CSB weight of the complaints direction (kz2020 weight assumed for 2017, the published documents give none)'),
('kz2017', 'interaction.leb.w_services', '0.5', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.1', 'LEB weight of the public services direction (kz2020 weight assumed for 2017, the published documents give none)'),
('kz2017', 'interaction.leb.w_openness', '0.3', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.1', 'LEB weight of the openness direction (kz2020 weight assumed for 2017, the published documents give none)'),
('kz2017', 'interaction.leb.w_complaints', '0.2', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.1', 'LEB weight of the complaints direction (kz2020 weight assumed for 2017, the published documents give none)'),
('kz2017', 'services.mode', 'supplied', 'name', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'services direction must be supplied: the 2017 point scales are not given'),
('kz2017', 'openness.mode', 'supplied', 'name', 'assumed', 'apa2020', 'APA 2020 report §2.2', 'openness must be supplied: 2017 had 2 unnamed criteria without a point system'),
('kz2017', 'complaints.r1.k', '40', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.3', 'R1 timeliness: weight k; the old R1 states no k (docs/methodology.md §8 E22), 40 assumed as in 2020'),
('kz2017', 'complaints.r1.scale', '100', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2, Table 2.3', 'R1: late complaints are counted per this many considered (R1 = k*(p - scale*f)/p)'),
('kz2017', 'complaints.r2.k', '40', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2, Table 2.3', 'R2 court: weight k'),
('kz2017', 'complaints.r2.tiers', 'ge 5000 => 1000; ge 1000 => 100; ge 10 => 10; else => null', 'bands', 'explicit', 'apa2020', 'APA 2020 report §2.2, Table 2.3', 'kz2017 R2 scale factor S(b) by volume b: 10 for 10-999, 100 for 1000-4999, 1000 from 5000; b < 10 not assessable (docs/methodology.md §8 E8)'),
('kz2017', 'complaints.r2.count_higher_authority', 'true', 'boolean', 'explicit', 'apa2020', 'APA 2020 report §2.2, Table 2.3', 'whether R2 counts complaints satisfied by a higher authority (a + c in 2017, a only in 2020)'),
('kz2017', 'complaints.r3.k', '20', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2', 'R3 weight k; in kz2017 R3 is the old "share of satisfied complaints", supplied (formula not given), so k is assumed');

-- §2.5 Organisational development parameters (METHODOLOGY §5) -- kz2017
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2017', 'orgdev.w_hr', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'weight of the HR direction in the orgdev block; 2020 weight assumed for 2017'),
('kz2017', 'orgdev.w_it', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'weight of the IT direction in the orgdev block; 2020 weight assumed for 2017'),
('kz2017', 'orgdev.mode', 'supplied', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.4', 'H and IT must be supplied: the 2017 indicator formulas are not given'),
('kz2017', 'hr.pts_k', '30', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.2, Table 3.2', 'maximum of HR criterion K personnel potential'),
('kz2017', 'hr.pts_o', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.2, Table 3.2', 'maximum of HR criterion O labour organisation'),
('kz2017', 'hr.pts_m', '45', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.2, Table 3.2', 'maximum of HR criterion M meritocracy and culture'),
('kz2017', 'hr.turnover.variant', 'threshold_009', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'net-turnover score variant; the 2017 formula is not given, threshold 0.09 assumed'),
('kz2017', 'hr.turnover.pts', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'maximum points of C, net turnover (k)'),
('kz2017', 'hr.turnover.lower', '0.06', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'net turnover t at or below which C gets full points'),
('kz2017', 'hr.turnover.upper', '0.09', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'net turnover t at or above which C gets 0 points; the 2017 value is not given (assumed)'),
('kz2017', 'hr.turnover.denominator', '0.03', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'slope denominator of C = 10*(upper - t)/denominator');

-- §2.6 Civil servants of corps "B" parameters (METHODOLOGY §6) -- kz2017
-- (no parameters in kz2017)

-- #########################################################################
-- kz2020 (158 rows)
-- #########################################################################

-- §2.2 General parameters -- kz2020
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020', 'zone.high_min', '90', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the high zone (s >= 90, unrounded)'),
('kz2020', 'zone.medium_min', '70', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the medium zone (70 <= s < 90)'),
('kz2020', 'zone.low_min', '50', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the low zone (50 <= s < 70); below it the activity is ineffective'),
('kz2020', 'zone.basis', 'unrounded', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.4', 'zones are read on the unrounded score as half-open intervals; assumed because the printed ranges leave gaps (docs/methodology.md §8 E25)'),
('kz2020', 'present.block_scale', '1', 'number', 'derived', 'apa2020', 'APA 2020 report §3.4, Table 3.6', 'decimals shown for block scores and the composite; all 33 values of Table 3.6 reproduce'),
('kz2020', 'present.node_scale', '2', 'number', 'derived', 'apa2020', 'APA 2020 report §3.4, Table 3.7 and Table 3.8', 'decimals shown for direction, criterion and indicator points (Tables 3.7/3.8)'),
('kz2020', 'present.mean_scale', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.2', 'decimals shown for group means; assumed equal to the block scale, the published documents are silent'),
('kz2020', 'present.share_scale', '1', 'number', 'derived', 'apa2020', 'APA 2020 report §1.4, Table 1.4', 'decimals shown for zone shares in % of a group (31.25 printed 31.3)'),
('kz2020', 'policy.clamp', 'floor0_capk', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.6', 'nodes with a maximum are floored at 0 and capped at it (R1-R3 at k); assumed: the published documents print negative raw values and state no floor'),
('kz2020', 'policy.zero_volume', 'full_points', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.6', 'a node whose case volume is below its domain gets its maximum; assumed, the published documents are silent'),
('kz2020', 'node.max', '100', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §0.6', 'maximum of every block and direction score (0..100), used by policy.clamp');

-- §2.3 Goals block parameters (METHODOLOGY §3) -- kz2020
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020', 'goals.overfulfil_threshold', '1.25', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2', 'a target indicator is overfulfilled when r >= 1.25 ("25% or more", inclusive; docs/methodology.md §8 E2)'),
('kz2020', 'goals.overfulfil_multiplier', '0.8', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2', 'factor applied to an overfulfilled target indicator'),
('kz2020', 'goals.overfulfil_exempt_decrease', 'false', 'boolean', 'explicit', 'apa2020', 'APA 2020 report §1.4', 'whether decrease-is-good indicators are exempt from the overfulfilment factor (the apa proposal abolishes it for them, which implies it applies now)'),
('kz2020', 'goals.achievement_cap', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.1', 'indicator result = min(r, cap) before multipliers; assumed, chapter 1 states no formula'),
('kz2020', 'goals.plan_lowered_multiplier', '0.9', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'factor when the plan was lowered; the factor is named but no value is given (assumed)'),
('kz2020', 'goals.no_dynamics_multiplier', '0.9', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'factor when there is no positive dynamics against the previous fact; named but no value given (assumed)'),
('kz2020', 'goals.csb.strategic_basis', 'goals', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.2', 'CSB strategic coefficient = mean of goal coefficients; assumed, no formula in the published documents'),
('kz2020', 'goals.leb.strategic_basis', 'indicators', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.2', 'LEB strategic coefficient = mean over all eligible indicators of the body; assumed, no formula in the published documents'),
('kz2020', 'goals.csb.pts_strategic', '70', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for achievement of strategic-plan goals; the published documents give no points (assumed)'),
('kz2020', 'goals.csb.pts_bp_efficiency', '15', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for budget-programme execution efficiency; no points in the published documents (assumed)'),
('kz2020', 'goals.csb.pts_goal_bp_link', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for the goal-budget programme link; no points in the published documents (assumed)'),
('kz2020', 'goals.csb.pts_citizens_budget', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for the Citizens Budget; no points in the published documents (assumed)'),
('kz2020', 'goals.csb.citizens_budget_scale', '0:0;100:1', 'scale', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'CSB Citizens Budget: x = level of compliance in %; the scale is not given (assumed)'),
('kz2020', 'goals.leb.pts_strategic', '60', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'LEB points for achievement of the territorial development programme; no points in the published documents (assumed)'),
('kz2020', 'goals.leb.pts_violations', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB maximum points for absence of budget violations'),
('kz2020', 'goals.leb.pts_direct_results', '14', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §2.3', 'LEB points for direct results of development budget programmes; no points in the published documents (assumed, criteria sum to 100)'),
('kz2020', 'goals.leb.pts_bp_efficiency', '14', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §2.3', 'LEB points for budget-programme execution efficiency; no points in the published documents (assumed, criteria sum to 100)'),
('kz2020', 'goals.leb.pts_citizens_budget', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB maximum points for the Citizens Budget (criterion added in 2020)'),
('kz2020', 'goals.leb.violations_clean', '8', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points when audited and no violations found'),
('kz2020', 'goals.leb.violations_ia_analysis', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB points added when the internal audit analysed the budget'),
('kz2020', 'goals.leb.violations_not_audited', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points when the body was not audited'),
('kz2020', 'goals.leb.violations_bands', 'le 5 => 6; lt 10 => 3; lt 15 => 1; else => 0', 'bands', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points by x = 100*V/B (% of audited amount); gaps read as le 5 / lt 10 / lt 15 (docs/methodology.md §8 E9)'),
('kz2020', 'goals.leb.citizens_budget_bands', 'ge 100 => 2; ge 80 => 1; else => 0', 'bands', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB Citizens Budget points by compliance %; "up to 80%" read as from 80% (docs/methodology.md §8 E10)'),
('kz2020', 'goals.leb.ppb_bands', 'gt 3 => 1.2; else => 1', 'bands', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB participatory budget coefficient k_PPB by % of the local budget; overlap read as p > 3 (docs/methodology.md §8 E11)'),
('kz2020', 'goals.leb.ppb_applies_to', 'budget_component', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.5', 'k_PPB multiplies the LEB budget component; assumed, the published documents do not say what it multiplies'),
('kz2020', 'goals.bp_efficiency_cap', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.3', 'cap of E = A/D per budget programme before averaging; assumed'),
('kz2020', 'goals.bp_result_overfulfil_threshold', '1.05', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.4', 'a BP result indicator with F > 1.05*P (strict) is an overfulfilment penalty fact; assumed'),
('kz2020', 'goals.penalty.unreliable', '1', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of unreliable information; categories given, points not (assumed)'),
('kz2020', 'goals.penalty.incomplete', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of incomplete information; points not given (assumed)'),
('kz2020', 'goals.penalty.untimely', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of untimely information; points not given (assumed)'),
('kz2020', 'goals.penalty.bp_result_overfulfilment', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per overfulfilled BP result indicator; points not given (assumed)'),
('kz2020', 'goals.penalty.missing_ti_method', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'CSB goals penalty points per target indicator without a calculation method; points not given (assumed)'),
('kz2020', 'goals.penalty.ti_overfulfilment', '0', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'LEB penalty per overfulfilled target indicator; 0 (assumed) because the x0.8 correction already applies');

-- §2.4 Interaction block parameters (METHODOLOGY §4) -- kz2020
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020', 'interaction.csb.w_services', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'CSB weight of the public services direction in the interaction block'),
('kz2020', 'interaction.csb.w_openness', '0.3', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'CSB weight of the openness direction in the interaction block'),
('kz2020', 'interaction.csb.w_complaints', '0.2', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'CSB weight of the complaints direction in the interaction block'),
('kz2020', 'interaction.leb.w_services', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'LEB weight of the public services direction in the interaction block'),
('kz2020', 'interaction.leb.w_openness', '0.3', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'LEB weight of the openness direction in the interaction block'),
('kz2020', 'interaction.leb.w_complaints', '0.2', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'LEB weight of the complaints direction in the interaction block'),
('kz2020', 'services.mode', 'computed', 'name', 'explicit', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'services direction computed from K1/M1, K2/M2, K3 (structure stated; no provenance letter in docs/methodology.md §2.4, read as explicit)'),
('kz2020', 'services.csb.pts_p1', '30', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K1: points of P1 (satisfaction level); points not given (assumed)'),
('kz2020', 'services.csb.pts_p2', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K1: points of P2 (justified quality appeals); points not given (assumed)'),
('kz2020', 'services.leb.pts_p1', '40', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'LEB M1: points of P1 (satisfaction level); points not given (assumed)'),
('kz2020', 'services.leb.pts_p2', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'LEB M1: points of P2 (justified quality appeals); points not given (assumed)'),
('kz2020', 'services.csb.pts_t1', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K2: points of T1 (deadline violations); points not given (assumed)'),
('kz2020', 'services.csb.pts_t2', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K2: points of T2 (unreasonable refusals); points not given (assumed)'),
('kz2020', 'services.csb.pts_t3', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K2: points of T3 (incomplete package); points not given (assumed)'),
('kz2020', 'services.csb.pts_t4', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K2: points of T4 (documents not in the standard); points not given (assumed)'),
('kz2020', 'services.leb.pts_t1', '20', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'LEB M2: points of T1 (deadline violations); points not given (assumed)'),
('kz2020', 'services.leb.pts_t2', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'LEB M2: points of T2 (unreasonable refusals); points not given (assumed)'),
('kz2020', 'services.leb.pts_t3', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'LEB M2: points of T3 (incomplete package); points not given (assumed)'),
('kz2020', 'services.leb.pts_t4', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'LEB M2: points of T4 (documents not in the standard); points not given (assumed)'),
('kz2020', 'services.csb.pts_k3', '20', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K3 automation maximum (K3 = T + V - P + B); points not given (assumed)'),
('kz2020', 'services.satisfaction_scale', '50:0;90:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = % of satisfied service recipients; scale not given (assumed)'),
('kz2020', 'services.appeal_scale', '0:1;2:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = justified quality appeals per 100 000 deliveries; scale not given (assumed)'),
('kz2020', 'services.t1_scale', '0:1;10:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = deadline violations per 100 000 deliveries; scale not given (assumed)'),
('kz2020', 'services.t2_scale', '0:1;1:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = unreasonable refusals per 100 000 deliveries; scale not given (assumed)'),
('kz2020', 'services.t3_scale', '0:1;20:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = incomplete-package deliveries per 100 000 deliveries; scale not given (assumed)'),
('kz2020', 'services.t4_scale', '0:1;30:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = extra-document requests per 100 000 deliveries; scale not given (assumed)'),
('kz2020', 'services.k3.pts_transfer', '8', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 T: points x share of register services available electronically; values not given (assumed)'),
('kz2020', 'services.k3.pts_efficiency', '8', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 V: points x share of deliveries made electronically; values not given (assumed)'),
('kz2020', 'services.k3.downtime_per_hour', '0.05', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 P: penalty points per hour of downtime; values not given (assumed)'),
('kz2020', 'services.k3.downtime_cap', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 P: maximum downtime penalty; values not given (assumed)'),
('kz2020', 'services.k3.bonus_per_service', '1', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 B: bonus points per service automated in the year; values not given (assumed)'),
('kz2020', 'services.k3.bonus_cap', '4', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 B: maximum automation bonus; values not given (assumed)'),
('kz2020', 'openness.mode', 'computed', 'name', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'openness computed from four scored criteria and a deduction (no provenance letter in docs/methodology.md §2.4, read as explicit)'),
('kz2020', 'openness.pts_criterion', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'points of each scored openness criterion (open data, budget, NLA, dialogue; 4 x 25, docs/methodology.md §8 E3)'),
('kz2020', 'openness.subordinate_deduction_max', '10', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.3', 'maximum deduction for non-compliant subordinate organisations; assumed (the APA 2020 report lists it as a fifth 25-point criterion)'),
('kz2020', 'openness.nla.csb.concepts', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'CSB Open NLA points per language: placement of draft concepts of laws'),
('kz2020', 'openness.nla.csb.drafts', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'CSB Open NLA points per language: placement of draft NLA'),
('kz2020', 'openness.nla.csb.forms', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'CSB Open NLA points per language: correct filling of forms'),
('kz2020', 'openness.nla.csb.monitoring', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'CSB Open NLA points per language: monitoring of user comments and RIA results'),
('kz2020', 'openness.nla.csb.notifications', '1.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'CSB Open NLA points per language: notifications of drafts (3 channels x 0.5)'),
('kz2020', 'openness.nla.leb.concepts', '0', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'LEB Open NLA points per language: placement of draft concepts of laws'),
('kz2020', 'openness.nla.leb.drafts', '4', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'LEB Open NLA points per language: placement of draft NLA'),
('kz2020', 'openness.nla.leb.forms', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'LEB Open NLA points per language: correct filling of forms'),
('kz2020', 'openness.nla.leb.monitoring', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'LEB Open NLA points per language: monitoring of user comments and RIA results'),
('kz2020', 'openness.nla.leb.notifications', '1.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'LEB Open NLA points per language: notifications of drafts (3 channels x 0.5)'),
('kz2020', 'openness.nla.languages', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'Open NLA items are scored per language, in 2 languages'),
('kz2020', 'openness.dialogue_count', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.4', 'number of Open dialogue indicators (25 points in total)'),
('kz2020', 'openness.dialogue_pts_each', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.4', 'points of each Open dialogue indicator: blog answers 5 is stated (E), the other four 5 each are assumed, so the row is assumed'),
('kz2020', 'complaints.r1.k', '40', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R1 timeliness: weight k'),
('kz2020', 'complaints.r1.scale', '1000', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R1: late complaints are counted per this many considered (R1 = k*(p - scale*f)/p)'),
('kz2020', 'complaints.r2.k', '30', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R2 court: weight k'),
('kz2020', 'complaints.r2.scale', '10000', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R2: court-satisfied complaints counted per 10 000 considered (R2 = k*(p - 10000*a)/p)'),
('kz2020', 'complaints.r2.count_higher_authority', 'false', 'boolean', 'explicit', 'apa2020', 'APA 2020 report §2.2, Table 2.3', 'whether R2 counts complaints satisfied by a higher authority (a + c in 2017, a only in 2020)'),
('kz2020', 'complaints.r3.k', '20', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R3 repeated complaints: weight k'),
('kz2020', 'complaints.r3.scale', '100', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R3: repeated satisfied complaints counted per 100 considered (R3 = k*(m - 100*n)/m)'),
('kz2020', 'complaints.r4.bands', 'ge 90 => 10; ge 80 => 8; ge 70 => 6; ge 60 => 4; ge 50 => 1; else => 0', 'bands', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R4 internal control: points by x = 100*d/f (% of late complaints followed by disciplinary action); half-open reading (docs/methodology.md §8 E7)'),
('kz2020', 'complaints.r4.max', '10', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §4.4', 'maximum of R4 (the highest band value); full points under zero volume');

-- §2.5 Organisational development parameters (METHODOLOGY §5) -- kz2020
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020', 'orgdev.w_hr', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'weight of the HR direction in the orgdev block; verified on 33 bodies of 2019'),
('kz2020', 'orgdev.w_it', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'weight of the IT direction in the orgdev block; verified on 33 bodies of 2019'),
('kz2020', 'orgdev.mode', 'computed', 'name', 'explicit', 'apa2020', 'APA 2020 report §3.1; §3.5; chapter 3 recommendations', 'H and IT computed from their indicators (formulas stated; no provenance letter in docs/methodology.md §2.5, read as explicit)'),
('kz2020', 'hr.pts_k', '30', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'maximum of HR criterion K personnel potential'),
('kz2020', 'hr.pts_o', '30', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'maximum of HR criterion O labour organisation'),
('kz2020', 'hr.pts_m', '40', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'maximum of HR criterion M meritocracy and culture'),
('kz2020', 'hr.turnover.variant', 'printed', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'net-turnover score variant as printed: zero at 0.08 with slope denominator 0.03 (jump 10 -> 6.67, docs/methodology.md §8 E6)'),
('kz2020', 'hr.turnover.pts', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'maximum points of C, net turnover (k)'),
('kz2020', 'hr.turnover.lower', '0.06', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'net turnover t at or below which C gets full points'),
('kz2020', 'hr.turnover.upper', '0.08', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'net turnover t at or above which C gets 0 points'),
('kz2020', 'hr.turnover.denominator', '0.03', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'slope denominator of C = 10*(upper - t)/denominator'),
('kz2020', 'hr.turnover.denominator_continuous', '0.02', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §8 E6', 'slope denominator used when hr.turnover.variant = continuous (0.08 - 0.06); a repair, assumed'),
('kz2020', 'hr.pts_stability', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'K: S staff stability points; not given (assumed)'),
('kz2020', 'hr.pts_exit_interview', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'K: V exit-interview coverage points; not given (assumed)'),
('kz2020', 'hr.pts_gender', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'K: G women in leadership points; not given (assumed)'),
('kz2020', 'hr.pts_quality', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'K: P staff qualification points; not given (assumed)'),
('kz2020', 'hr.stability_scale', '0:0;100:1', 'scale', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 8, sub-paragraph 5', 'x = % of staff continuously more than 3 years in the body; scale not given (assumed)'),
('kz2020', 'hr.exit_interview_scale', '0:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of leavers interviewed; scale not given (assumed)'),
('kz2020', 'hr.gender_scale', '0:0;30:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of women in leadership positions; scale not given (assumed)'),
('kz2020', 'hr.quality_scale', '0:0;20:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of staff with a scientific degree or foreign education; scale not given (assumed)'),
('kz2020', 'hr.pts_normalisation', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: N labour normalisation points; not given (assumed)'),
('kz2020', 'hr.pts_satisfaction', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: T satisfaction with working conditions points; not given (assumed)'),
('kz2020', 'hr.pts_management', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: Y management practices points; not given (assumed)'),
('kz2020', 'hr.normalisation_scale', '0:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of staff-months without recorded overtime; scale not given (assumed)'),
('kz2020', 'hr.survey_scale', '50:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % positive survey answers (O: T, Y; M: B, D, E); scale not given (assumed)'),
('kz2020', 'hr.training.k', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: k, U = k*(w_advanced*a/b + w_retraining*c/d)'),
('kz2020', 'hr.training.w_advanced', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: weight of advanced training done on time (a/b)'),
('kz2020', 'hr.training.w_retraining', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: weight of retraining done on time (c/d)'),
('kz2020', 'hr.training.empty_ratio', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: a/b := 1 when b = 0 and c/d := 1 when d = 0'),
('kz2020', 'hr.bonus_strategy', '2', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: bonus when an approved HR strategy exists; points not given (assumed)'),
('kz2020', 'hr.bonus_ekyzmet', '2', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: bonus for e-kyzmet use, 2*min(1, documents per servant / target); points assumed'),
('kz2020', 'hr.ekyzmet_target', '9', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.4', 'O: e-kyzmet documents processed automatically per civil servant for the full bonus; marked assumed in docs/methodology.md §2.5'),
('kz2020', 'hr.pts_m_each', '8', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'M: points of each of A, B, C, D, E; not given (assumed)'),
('kz2020', 'hr.tender_scale', '0:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'M A: x = % of competitions with observers; scale not given (assumed)'),
('kz2020', 'hr.career_scale', '0:0;50:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'M C: x = % of vacancies filled by internal promotion; scale not given (assumed)'),
('kz2020', 'hr.penalty.training_violation', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'W: points per training violation (late or not done)'),
('kz2020', 'hr.penalty.unreliable', '1', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'W: points per fact of unreliable information; not given (assumed)'),
('kz2020', 'hr.penalty.incomplete', '0.5', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'W: points per fact of incomplete information; not given (assumed)'),
('kz2020', 'hr.penalty.untimely', '0.5', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'W: points per fact of untimely information; not given (assumed)'),
('kz2020', 'it.pts_portal', '25', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT portal: points x share of IS registered with documentation; not given (assumed)'),
('kz2020', 'it.pts_integration', '25', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT integration: points x implemented/planned integrations; not given (assumed)'),
('kz2020', 'it.pts_relevance', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'IT relevance: k = 25 times the mean relevance level of IS/databases'),
('kz2020', 'it.pts_automation', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'IT automation: k = 25 times automated functions / n'),
('kz2020', 'it.automation_cap', '25', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.5', 'IT automation is capped at 25: the APA 2020 report states no maximum (docs/methodology.md §8 E21); assumed'),
('kz2020', 'it.relevance_no_is', '0', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'IT relevance points for a body without information systems (n = 0)'),
('kz2020', 'it.integration_none_planned', '0', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.4', 'IT integration points when no integration is planned'),
('kz2020', 'it.portal_no_is', '0', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT portal points for a body without information systems; not stated (assumed)'),
('kz2020', 'it.automation_exclude_non_automatable', 'false', 'boolean', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'non-automatable functions stay in n: the proposal to exclude them implies they count now (no provenance letter in docs/methodology.md §2.5, read as explicit)'),
('kz2020', 'it.unused_per_item', '2', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT deduction per unused IS or database; not given (assumed)'),
('kz2020', 'it.unused_cap', '10', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT maximum deduction for unused IS or databases; not given (assumed)'),
('kz2020', 'it.leb_division_bonus', '5', 'number', 'explicit', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3', 'IT bonus for an LEB with an IT division'),
('kz2020', 'it.pts_local_content', '0', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2', 'IT local content criterion (from the 2020 period): 0 points, the points are unknown (assumed); values kept for the card');

-- §2.6 Civil servants of corps "B" parameters (METHODOLOGY §6) -- kz2020
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020', 'cs.regime', 'm2018', 'name', 'explicit', 'apa2020', 'APA 2020 report §4.1', 'civil-servant assessment regime: the current 2018 method (KPI grade and competencies)'),
('kz2020', 'cs.m2018.kpi_count', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions', 'm2018: exactly this many KPIs per individual work plan'),
('kz2020', 'cs.m2018.grade_bands', 'eq 5 => excellent; eq 4 => effective; eq 3 => satisfactory; else => unsatisfactory', 'bands', 'explicit', 'apa2020', 'APA 2020 report §4.1', 'm2018: grade by the number of fully achieved KPIs out of 5'),
('kz2020', 'cs.competency_ratio_num', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report §4.1', 'a competency is met when k/n >= num/den manifested indicators (4k >= 3n): numerator'),
('kz2020', 'cs.competency_ratio_den', '4', 'number', 'explicit', 'apa2020', 'APA 2020 report §4.1', 'a competency is met when k/n >= num/den manifested indicators (4k >= 3n): denominator');

-- #########################################################################
-- kz2020_apa (171 rows)
-- #########################################################################

-- §2.2 General parameters -- kz2020_apa
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'zone.high_min', '90', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the high zone (s >= 90, unrounded)'),
('kz2020_apa', 'zone.medium_min', '70', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the medium zone (70 <= s < 90)'),
('kz2020_apa', 'zone.low_min', '50', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2; §2.2; §3.1', 'lower bound of the low zone (50 <= s < 70); below it the activity is ineffective'),
('kz2020_apa', 'zone.basis', 'unrounded', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.4', 'zones are read on the unrounded score as half-open intervals; assumed because the printed ranges leave gaps (docs/methodology.md §8 E25)'),
('kz2020_apa', 'present.block_scale', '1', 'number', 'derived', 'apa2020', 'APA 2020 report §3.4, Table 3.6', 'decimals shown for block scores and the composite; all 33 values of Table 3.6 reproduce'),
('kz2020_apa', 'present.node_scale', '2', 'number', 'derived', 'apa2020', 'APA 2020 report §3.4, Table 3.7 and Table 3.8', 'decimals shown for direction, criterion and indicator points (Tables 3.7/3.8)'),
('kz2020_apa', 'present.mean_scale', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.2', 'decimals shown for group means; assumed equal to the block scale, the published documents are silent'),
('kz2020_apa', 'present.share_scale', '1', 'number', 'derived', 'apa2020', 'APA 2020 report §1.4, Table 1.4', 'decimals shown for zone shares in % of a group (31.25 printed 31.3)'),
('kz2020_apa', 'policy.clamp', 'floor0_capk', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.6', 'nodes with a maximum are floored at 0 and capped at it (R1-R3 at k); assumed: the published documents print negative raw values and state no floor'),
('kz2020_apa', 'policy.zero_volume', 'full_points', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §0.6', 'a node whose case volume is below its domain gets its maximum; assumed, the published documents are silent'),
('kz2020_apa', 'node.max', '100', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §0.6', 'maximum of every block and direction score (0..100), used by policy.clamp');

-- §2.3 Goals block parameters (METHODOLOGY §3) -- kz2020_apa
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'goals.overfulfil_threshold', '1.25', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2', 'a target indicator is overfulfilled when r >= 1.25 ("25% or more", inclusive; docs/methodology.md §8 E2)'),
('kz2020_apa', 'goals.overfulfil_multiplier', '0.8', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2', 'factor applied to an overfulfilled target indicator'),
('kz2020_apa', 'goals.overfulfil_exempt_decrease', 'true', 'boolean', 'explicit', 'apa2020', 'APA 2020 report §1.4', 'whether decrease-is-good indicators are exempt from the overfulfilment factor (the apa proposal abolishes it for them, which implies it applies now)'),
('kz2020_apa', 'goals.achievement_cap', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.1', 'indicator result = min(r, cap) before multipliers; assumed, chapter 1 states no formula'),
('kz2020_apa', 'goals.plan_lowered_multiplier', '0.9', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'factor when the plan was lowered; the factor is named but no value is given (assumed)'),
('kz2020_apa', 'goals.no_dynamics_multiplier', '0.9', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'factor when there is no positive dynamics against the previous fact; named but no value given (assumed)'),
('kz2020_apa', 'goals.csb.strategic_basis', 'goals', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.2', 'CSB strategic coefficient = mean of goal coefficients; assumed, no formula in the published documents'),
('kz2020_apa', 'goals.leb.strategic_basis', 'indicators', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.2', 'LEB strategic coefficient = mean over all eligible indicators of the body; assumed, no formula in the published documents'),
('kz2020_apa', 'goals.csb.pts_strategic', '70', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for achievement of strategic-plan goals; the published documents give no points (assumed)'),
('kz2020_apa', 'goals.csb.pts_bp_efficiency', '15', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for budget-programme execution efficiency; no points in the published documents (assumed)'),
('kz2020_apa', 'goals.csb.pts_goal_bp_link', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for the goal-budget programme link; no points in the published documents (assumed)'),
('kz2020_apa', 'goals.csb.pts_citizens_budget', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'CSB points for the Citizens Budget; no points in the published documents (assumed)'),
('kz2020_apa', 'goals.csb.citizens_budget_scale', '0:0;100:1', 'scale', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'CSB Citizens Budget: x = level of compliance in %; the scale is not given (assumed)'),
('kz2020_apa', 'goals.leb.pts_strategic', '60', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.2', 'LEB points for achievement of the territorial development programme; no points in the published documents (assumed)'),
('kz2020_apa', 'goals.leb.pts_violations', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB maximum points for absence of budget violations'),
('kz2020_apa', 'goals.leb.pts_direct_results', '14', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §2.3', 'LEB points for direct results of development budget programmes; no points in the published documents (assumed, criteria sum to 100)'),
('kz2020_apa', 'goals.leb.pts_bp_efficiency', '14', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §2.3', 'LEB points for budget-programme execution efficiency; no points in the published documents (assumed, criteria sum to 100)'),
('kz2020_apa', 'goals.leb.pts_citizens_budget', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB maximum points for the Citizens Budget (criterion added in 2020)'),
('kz2020_apa', 'goals.leb.violations_clean', '8', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points when audited and no violations found'),
('kz2020_apa', 'goals.leb.violations_ia_analysis', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB points added when the internal audit analysed the budget'),
('kz2020_apa', 'goals.leb.violations_not_audited', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points when the body was not audited'),
('kz2020_apa', 'goals.leb.violations_bands', 'le 5 => 6; lt 10 => 3; lt 15 => 1; else => 0', 'bands', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB violations base points by x = 100*V/B (% of audited amount); gaps read as le 5 / lt 10 / lt 15 (docs/methodology.md §8 E9)'),
('kz2020_apa', 'goals.leb.citizens_budget_bands', 'ge 100 => 2; ge 80 => 1; else => 0', 'bands', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB Citizens Budget points by compliance %; "up to 80%" read as from 80% (docs/methodology.md §8 E10)'),
('kz2020_apa', 'goals.leb.ppb_bands', 'gt 3 => 1.2; else => 1', 'bands', 'explicit', 'apa2020', 'APA 2020 report §1.2, Table 1.2', 'LEB participatory budget coefficient k_PPB by % of the local budget; overlap read as p > 3 (docs/methodology.md §8 E11)'),
('kz2020_apa', 'goals.leb.ppb_applies_to', 'budget_component', 'name', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.5', 'k_PPB multiplies the LEB budget component; assumed, the published documents do not say what it multiplies'),
('kz2020_apa', 'goals.bp_efficiency_cap', '1', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.3', 'cap of E = A/D per budget programme before averaging; assumed'),
('kz2020_apa', 'goals.bp_split.w_current', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 1 recommendations', 'weight of current budget programmes in BP efficiency (apa split 50/50)'),
('kz2020_apa', 'goals.bp_split.w_development', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 1 recommendations', 'weight of development budget programmes in BP efficiency (apa split 50/50)'),
('kz2020_apa', 'goals.bp_result_overfulfil_threshold', '1.05', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.4', 'a BP result indicator with F > 1.05*P (strict) is an overfulfilment penalty fact; assumed'),
('kz2020_apa', 'goals.penalty.unreliable', '1', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of unreliable information; categories given, points not (assumed)'),
('kz2020_apa', 'goals.penalty.incomplete', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of incomplete information; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.untimely', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of untimely information; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.bp_result_overfulfilment', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per overfulfilled BP result indicator; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.missing_ti_method', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'CSB goals penalty points per target indicator without a calculation method; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.ti_overfulfilment', '0', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'LEB penalty per overfulfilled target indicator; 0 (assumed) because the x0.8 correction already applies');

-- §2.4 Interaction block parameters (METHODOLOGY §4) -- kz2020_apa
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'interaction.csb.w_services', '0.2', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'CSB weight of the public services direction in the interaction block'),
('kz2020_apa', 'interaction.csb.w_openness', '0.3', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'CSB weight of the openness direction in the interaction block'),
('kz2020_apa', 'interaction.csb.w_complaints', '0.2', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'CSB weight of the complaints direction in the interaction block'),
('kz2020_apa', 'interaction.csb.w_satisfaction', '0.3', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'CSB weight of the separate satisfaction direction (apa)'),
('kz2020_apa', 'interaction.leb.w_services', '0.2', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'LEB weight of the public services direction in the interaction block'),
('kz2020_apa', 'interaction.leb.w_openness', '0.3', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'LEB weight of the openness direction in the interaction block'),
('kz2020_apa', 'interaction.leb.w_complaints', '0.2', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'LEB weight of the complaints direction in the interaction block'),
('kz2020_apa', 'interaction.leb.w_satisfaction', '0.3', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'LEB weight of the separate satisfaction direction (apa)'),
('kz2020_apa', 'services.mode', 'computed', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'services computed as S and U''/T'' (proposal structure stated; no provenance letter in docs/methodology.md §2.4, read as explicit)'),
('kz2020_apa', 'services.csb.pts_k3', '20', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'CSB K3 automation maximum (K3 = T + V - P + B); points not given (assumed)'),
('kz2020_apa', 'services.leb.pts_k3', '20', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'LEB K3 automation maximum: LEBs are excluded in kz2020 (APA 2020 report §2.5), the proposal extends K3 to them; points assumed'),
('kz2020_apa', 'services.satisfaction_scale', '50:0;90:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = % of satisfied service recipients; scale not given (assumed)'),
('kz2020_apa', 'services.appeal_scale', '0:1;2:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = justified quality appeals per 100 000 deliveries; scale not given (assumed)'),
('kz2020_apa', 'services.t1_scale', '0:1;10:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = deadline violations per 100 000 deliveries; scale not given (assumed)'),
('kz2020_apa', 'services.t2_scale', '0:1;1:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = unreasonable refusals per 100 000 deliveries; scale not given (assumed)'),
('kz2020_apa', 'services.t3_scale', '0:1;20:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = incomplete-package deliveries per 100 000 deliveries; scale not given (assumed)'),
('kz2020_apa', 'services.t4_scale', '0:1;30:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'x = extra-document requests per 100 000 deliveries; scale not given (assumed)'),
('kz2020_apa', 'services.k3.pts_transfer', '8', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 T: points x share of register services available electronically; values not given (assumed)'),
('kz2020_apa', 'services.k3.pts_efficiency', '8', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 V: points x share of deliveries made electronically; values not given (assumed)'),
('kz2020_apa', 'services.k3.downtime_per_hour', '0.05', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 P: penalty points per hour of downtime; values not given (assumed)'),
('kz2020_apa', 'services.k3.downtime_cap', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 P: maximum downtime penalty; values not given (assumed)'),
('kz2020_apa', 'services.k3.bonus_per_service', '1', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 B: bonus points per service automated in the year; values not given (assumed)'),
('kz2020_apa', 'services.k3.bonus_cap', '4', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.2, Table 2.2', 'K3 B: maximum automation bonus; values not given (assumed)'),
('kz2020_apa', 'services.apa.s_pts_satisfaction', '75', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'apa direction S: points for the satisfaction level; not given (assumed)'),
('kz2020_apa', 'services.apa.s_pts_appeal', '25', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2', 'apa direction S: points for justified quality appeals; not given (assumed)'),
('kz2020_apa', 'services.apa.pts_deadlines', '80', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.5', 'apa K2'': points for deadline compliance (T1); not given (assumed)'),
('kz2020_apa', 'services.apa.penalty_max_each', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'apa K2'': T2-T4 become penalties of up to 5 points each (15 in total)'),
('kz2020_apa', 'openness.mode', 'computed', 'name', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'openness computed from four scored criteria and a deduction (no provenance letter in docs/methodology.md §2.4, read as explicit)'),
('kz2020_apa', 'openness.pts_criterion', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.2', 'points of each scored openness criterion (open data, budget, NLA, dialogue; 4 x 25, docs/methodology.md §8 E3)'),
('kz2020_apa', 'openness.subordinate_deduction_max', '10', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.3', 'maximum deduction for non-compliant subordinate organisations; assumed (the APA 2020 report lists it as a fifth 25-point criterion)'),
('kz2020_apa', 'openness.nla.languages', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8', 'Open NLA items are scored per language, in 2 languages'),
('kz2020_apa', 'openness.nla.apa.analysis', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations', 'apa Open NLA points per language: monitoring and analysis of proposals'),
('kz2020_apa', 'openness.nla.apa.recommendations', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations', 'apa Open NLA points per language: recommendations on the proposals received'),
('kz2020_apa', 'openness.nla.apa.submissions', '4', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations', 'apa Open NLA points per language: submission of proposals to draft NLA'),
('kz2020_apa', 'openness.nla.apa.user_satisfaction', '1.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations', 'apa Open NLA points per language: share of users satisfied with the information'),
('kz2020_apa', 'openness.nla.apa.notifications', '1.0', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations', 'apa Open NLA points per language: notifications of drafts (media 0.3, internet 0.5, newsletters 0.2)'),
('kz2020_apa', 'openness.nla_rescale_to', '25', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §8 E5', 'apa Open NLA earned points rescaled x 25/23: the proposal totals 23 but prints 25 (docs/methodology.md §8 E5); assumed'),
('kz2020_apa', 'openness.dialogue_count', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.4', 'number of Open dialogue indicators (25 points in total)'),
('kz2020_apa', 'openness.dialogue_pts_each', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §2.4', 'points of each Open dialogue indicator: blog answers 5 is stated (E), the other four 5 each are assumed, so the row is assumed'),
('kz2020_apa', 'complaints.r1.k', '20', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'R1 timeliness: weight k; the proposal splits R1''s 40 points 20/20 with one-time acceptance (split assumed)'),
('kz2020_apa', 'complaints.r1.scale', '1000', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R1: late complaints are counted per this many considered (R1 = k*(p - scale*f)/p)'),
('kz2020_apa', 'complaints.r2.k', '30', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R2 court: weight k'),
('kz2020_apa', 'complaints.r2.scale', '10000', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R2: court-satisfied complaints counted per 10 000 considered (R2 = k*(p - 10000*a)/p)'),
('kz2020_apa', 'complaints.r2.count_higher_authority', 'false', 'boolean', 'explicit', 'apa2020', 'APA 2020 report §2.2, Table 2.3', 'whether R2 counts complaints satisfied by a higher authority (a + c in 2017, a only in 2020)'),
('kz2020_apa', 'complaints.r3.k', '20', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R3 repeated complaints: weight k'),
('kz2020_apa', 'complaints.r3.scale', '100', 'number', 'explicit', 'apa2020', 'APA 2020 report §2.5', 'R3: repeated satisfied complaints counted per 100 considered (R3 = k*(m - 100*n)/m)'),
('kz2020_apa', 'complaints.r4.bands', 'ge 90 => 10; ge 80 => 8; ge 70 => 6; ge 60 => 4; ge 50 => 1; else => 0', 'bands', 'assumed', 'apa2020', 'APA 2020 report §2.5', 'R4 bands kept as the default of internal_audit when it is not supplied (the proposal replaces R4 by an internal audit with no scale)'),
('kz2020_apa', 'complaints.r4.max', '10', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §4.4', 'maximum of the R4 bands used as the default of internal_audit'),
('kz2020_apa', 'complaints.internal_audit.pts', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'apa internal audit criterion maximum (replaces R4); supplied, otherwise the R4 bands; points not given (assumed)'),
('kz2020_apa', 'complaints.one_time_acceptance.pts', '20', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 2 recommendations', 'apa one-time acceptance criterion maximum (criterion stated, points assumed: half of R1''s 40)'),
('kz2020_apa', 'complaints.one_time_acceptance.scale', '0:1;30:0', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.4', 'x = extra-document requests per 100 000 deliveries; scale not given (assumed)');

-- §2.5 Organisational development parameters (METHODOLOGY §5) -- kz2020_apa
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'orgdev.w_hr', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'weight of the HR direction in the orgdev block; verified on 33 bodies of 2019'),
('kz2020_apa', 'orgdev.w_it', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'weight of the IT direction in the orgdev block; verified on 33 bodies of 2019'),
('kz2020_apa', 'orgdev.mode', 'computed', 'name', 'explicit', 'apa2020', 'APA 2020 report §3.1; §3.5; chapter 3 recommendations', 'H and IT computed from their indicators (formulas stated; no provenance letter in docs/methodology.md §2.5, read as explicit)'),
('kz2020_apa', 'hr.pts_k', '30', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'maximum of HR criterion K personnel potential'),
('kz2020_apa', 'hr.pts_o', '30', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'maximum of HR criterion O labour organisation'),
('kz2020_apa', 'hr.pts_m', '40', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.1', 'maximum of HR criterion M meritocracy and culture'),
('kz2020_apa', 'hr.turnover.variant', 'threshold_009', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'net-turnover score variant: the proposal returns the 0.09 threshold'),
('kz2020_apa', 'hr.turnover.pts', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'maximum points of C, net turnover (k)'),
('kz2020_apa', 'hr.turnover.lower', '0.06', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'net turnover t at or below which C gets full points'),
('kz2020_apa', 'hr.turnover.upper', '0.09', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'net turnover t at or above which C gets 0 points'),
('kz2020_apa', 'hr.turnover.denominator', '0.03', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'slope denominator of C = 10*(upper - t)/denominator'),
('kz2020_apa', 'hr.pts_turnover_stability', '15', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'apa K: C and S merged, CS = 15*C/10; points assumed'),
('kz2020_apa', 'hr.pts_exit_interview', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'K: V exit-interview coverage points; not given (assumed)'),
('kz2020_apa', 'hr.pts_gender', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'K: G women in leadership points; not given (assumed)'),
('kz2020_apa', 'hr.pts_quality', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'K: P staff qualification points; not given (assumed)'),
('kz2020_apa', 'hr.exit_interview_scale', '0:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of leavers interviewed; scale not given (assumed)'),
('kz2020_apa', 'hr.gender_scale', '0:0;30:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of women in leadership positions; scale not given (assumed)'),
('kz2020_apa', 'hr.quality_scale', '0:0;20:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of staff with a scientific degree or foreign education; scale not given (assumed)'),
('kz2020_apa', 'hr.pts_normalisation', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: N labour normalisation points; not given (assumed)'),
('kz2020_apa', 'hr.pts_satisfaction', '10', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: T satisfaction with working conditions points; not given (assumed)'),
('kz2020_apa', 'hr.pts_management', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: Y management practices points; not given (assumed)'),
('kz2020_apa', 'hr.normalisation_scale', '0:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % of staff-months without recorded overtime; scale not given (assumed)'),
('kz2020_apa', 'hr.survey_scale', '50:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'x = % positive survey answers (O: T, Y; M: B, D, E); scale not given (assumed)'),
('kz2020_apa', 'hr.training.k', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: k, U = k*(w_advanced*a/b + w_retraining*c/d)'),
('kz2020_apa', 'hr.training.w_advanced', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: weight of advanced training done on time (a/b)'),
('kz2020_apa', 'hr.training.w_retraining', '0.5', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: weight of retraining done on time (c/d)'),
('kz2020_apa', 'hr.training.empty_ratio', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'U training: a/b := 1 when b = 0 and c/d := 1 when d = 0'),
('kz2020_apa', 'hr.bonus_strategy', '2', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: bonus when an approved HR strategy exists; points not given (assumed)'),
('kz2020_apa', 'hr.bonus_ekyzmet', '2', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'O: bonus for e-kyzmet use, 2*min(1, documents per servant / target); points assumed'),
('kz2020_apa', 'hr.ekyzmet_target', '9', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.4', 'O: e-kyzmet documents processed automatically per civil servant for the full bonus; marked assumed in docs/methodology.md §2.5'),
('kz2020_apa', 'hr.pts_m_each', '8', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.1', 'M: points of each of A, B, C, D, E; not given (assumed)'),
('kz2020_apa', 'hr.tender_scale', '0:0;100:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'M A: x = % of competitions with observers; scale not given (assumed)'),
('kz2020_apa', 'hr.career_scale', '0:0;50:1', 'scale', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.2', 'M C: x = % of vacancies filled by internal promotion; scale not given (assumed)'),
('kz2020_apa', 'hr.penalty.training_violation', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 3 recommendations', 'W: points per training violation (late or not done)'),
('kz2020_apa', 'hr.penalty.unreliable', '1', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'W: points per fact of unreliable information; not given (assumed)'),
('kz2020_apa', 'hr.penalty.incomplete', '0.5', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'W: points per fact of incomplete information; not given (assumed)'),
('kz2020_apa', 'hr.penalty.untimely', '0.5', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'W: points per fact of untimely information; not given (assumed)'),
('kz2020_apa', 'it.pts_portal', '25', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT portal: points x share of IS registered with documentation; not given (assumed)'),
('kz2020_apa', 'it.pts_integration', '25', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT integration: points x implemented/planned integrations; not given (assumed)'),
('kz2020_apa', 'it.pts_relevance', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'IT relevance: k = 25 times the mean relevance level of IS/databases'),
('kz2020_apa', 'it.pts_automation', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'IT automation: k = 25 times automated functions / n'),
('kz2020_apa', 'it.automation_cap', '25', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.5', 'IT automation is capped at 25: the APA 2020 report states no maximum (docs/methodology.md §8 E21); assumed'),
('kz2020_apa', 'it.relevance_no_is', '25', 'number', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'IT relevance points for a body without information systems (n = 0)'),
('kz2020_apa', 'it.integration_none_planned', '25', 'number', 'assumed', 'apa2020', 'APA 2020 report §3.4', 'IT integration points when none is planned; 25 assumed by analogy with the relevance proposal'),
('kz2020_apa', 'it.portal_no_is', '25', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT portal points for a body without information systems; not stated (assumed)'),
('kz2020_apa', 'it.automation_exclude_non_automatable', 'true', 'boolean', 'explicit', 'apa2020', 'APA 2020 report §3.5', 'non-automatable functions are excluded from n (proposal)'),
('kz2020_apa', 'it.unused_per_item', '2', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT deduction per unused IS or database; not given (assumed)'),
('kz2020_apa', 'it.unused_cap', '10', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §5.3', 'IT maximum deduction for unused IS or databases; not given (assumed)'),
('kz2020_apa', 'it.leb_division_bonus', '5', 'number', 'explicit', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3', 'IT bonus for an LEB with an IT division'),
('kz2020_apa', 'it.pts_local_content', '0', 'number', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2', 'IT local content criterion (from the 2020 period): 0 points, the points are unknown (assumed); values kept for the card');

-- §2.6 Civil servants of corps "B" parameters (METHODOLOGY §6) -- kz2020_apa
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'cs.regime', 'draft_kef', 'name', 'explicit', 'apa2020', 'APA 2020 report, Appendix 3; Appendix 4, paragraph 45', 'civil-servant assessment regime: the draft Kef of Appendices 3-4'),
('kz2020_apa', 'cs.competency_ratio_num', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report §4.1', 'a competency is met when k/n >= num/den manifested indicators (4k >= 3n): numerator'),
('kz2020_apa', 'cs.competency_ratio_den', '4', 'number', 'explicit', 'apa2020', 'APA 2020 report §4.1', 'a competency is met when k/n >= num/den manifested indicators (4k >= 3n): denominator'),
('kz2020_apa', 'cs.kef.max_completeness', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'Kef: maximum completeness score c (0..2)'),
('kz2020_apa', 'cs.kef.max_quality', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'Kef: maximum quality score q (0..3)'),
('kz2020_apa', 'cs.kef.max_timeliness', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'Kef: maximum timeliness score t (0..1)'),
('kz2020_apa', 'cs.kef.difficulty_divisor', '6', 'number', 'derived', 'apa2020', 'APA 2020 report, Appendix 3', 'Kef: difficulty factor 1 + d/6 (61.11% -> 81.48% at d = 2)'),
('kz2020_apa', 'cs.kef.not_meet_value', '0', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'Kef: value of a competency that is not met; the scale says 0, the worked example uses 0.5 (docs/methodology.md §8 E13); assumed'),
('kz2020_apa', 'cs.kef.w_kpi', '0.5', 'number', 'derived', 'apa2020', 'APA 2020 report, Appendix 3', 'Kef: weight of the KPI part in kef_raw'),
('kz2020_apa', 'cs.kef.w_competency', '0.5', 'number', 'derived', 'apa2020', 'APA 2020 report, Appendix 3', 'Kef: weight of the competency part in kef_raw'),
('kz2020_apa', 'cs.kef.plan_gate', 'lt 75 => 0; lt 100 => 0.5; else => 1', 'bands', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 28', 'Kef: gate by P = % of planned and unplanned tasks completed; 99-100 read as lt 100 (docs/methodology.md §8 E17)'),
('kz2020_apa', 'cs.commission.min_members', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 5', 'minimum voting members of the assessment commission'),
('kz2020_apa', 'cs.commission.quorum_num', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 32', 'commission quorum: present/members >= num/den (3*present >= 2*members): numerator'),
('kz2020_apa', 'cs.commission.quorum_den', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 32', 'commission quorum: present/members >= num/den: denominator'),
('kz2020_apa', 'cs.deadline.iwp', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 11', 'working days to draw up the individual work plan after the period start'),
('kz2020_apa', 'cs.deadline.resubmit', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraphs 14, 25', 'working days to resubmit a returned IWP or assessment sheet'),
('kz2020_apa', 'cs.deadline.to_commission', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 26', 'working days for HR to submit the sheet to the commission after the superior signs'),
('kz2020_apa', 'cs.deadline.notify', '7', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 31', 'working days of notice before the assessment meeting'),
('kz2020_apa', 'cs.deadline.inform', '2', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 42', 'working days to inform the employee of the result'),
('kz2020_apa', 'cs.deadline.appeal', '10', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 45', 'working days to appeal after the commission''s decision'),
('kz2020_apa', 'cs.deadline.deferred', '5', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 4', 'working days to assess an employee absent during the campaign, after return'),
('kz2020_apa', 'cs.min_tenure_months', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 4', 'no assessment when tenure in the position is below this many months'),
('kz2020_apa', 'cs.retention_years', '3', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 10', 'assessment documents are retained this many years'),
('kz2020_apa', 'cs.amendments_per_period', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 18', 'at most this many IWP amendments per period');
-- =========================================================================
-- Section: organisational development parameters that METHODOLOGY §2.5
-- implies but 21_methodology_params.sql does not ship (METHODOLOGY §5)
--
-- * hr.turnover.denominator_continuous: the slope denominator of the
--   `continuous` turnover variant. kz2020 ships it (0.02); kz2017 and
--   kz2020_apa get it too, so a fork of them can switch the variant. With
--   their upper threshold 0.09 the continuous slope is 0.09 - 0.06 = 0.03.
-- * it.local_content_scale / it.local_content_from_year: the local-content
--   criterion is worth 0 points (it.pts_local_content, A) and applies from
--   the 2020 period (seed 002 line 51); a share in % is recorded for the
--   card and scored as pts*scale(share) should a fork give it points.
-- Nodes without a maximum of their own (W, penalty points) use node.max:
-- W above 100 cannot change H, since K + O + M <= 100 and H is floored at 0.
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2017', 'hr.turnover.denominator_continuous', '0.03', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §8 E6',
 'slope denominator used when hr.turnover.variant = continuous: upper - lower = 0.09 - 0.06; a repair, assumed'),
('kz2020_apa', 'hr.turnover.denominator_continuous', '0.03', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §8 E6',
 'slope denominator used when hr.turnover.variant = continuous: upper - lower = 0.09 - 0.06; a repair, assumed'),
('kz2020', 'it.local_content_scale', '0:0;100:1', 'scale', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 13',
 'x = % of local content in the body''s information systems; scored as it.pts_local_content*scale(x); scale not given (assumed)'),
('kz2020_apa', 'it.local_content_scale', '0:0;100:1', 'scale', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 13',
 'x = % of local content in the body''s information systems; scored as it.pts_local_content*scale(x); scale not given (assumed)'),
('kz2020', 'it.local_content_from_year', '2020', 'number', 'explicit', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2',
 'the local-content criterion applies to assessment periods from this year'),
('kz2020_apa', 'it.local_content_from_year', '2020', 'number', 'explicit', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2',
 'the local-content criterion applies to assessment periods from this year');
-- =========================================================================
-- Section: editing methodologies: forks, read-only shipped versions and the
-- validation of a parameter set (METHODOLOGY §0.5, §2.7)
-- =========================================================================

-- Names that a parameter may take (METHODOLOGY §2.7 "policy and variant names are known").
CREATE TABLE perf_eval.param_choice (
    key      text PRIMARY KEY,
    allowed  text[] NOT NULL
);
COMMENT ON COLUMN perf_eval.param_choice.key IS 'Parameter name (methodology_param.key) whose value is a name';
COMMENT ON COLUMN perf_eval.param_choice.allowed IS 'The names the parameter may take';
COMMENT ON TABLE perf_eval.param_choice IS 'The known names of name-valued parameters (docs/methodology.md §2.7)';
INSERT INTO perf_eval.param_choice VALUES
('policy.clamp',                  ARRAY['none', 'floor0', 'floor0_capk']),
('policy.zero_volume',            ARRAY['null', 'full_points']),
('zone.basis',                    ARRAY['unrounded', 'display']),
('hr.turnover.variant',           ARRAY['printed', 'continuous', 'threshold_009']),
('services.mode',                 ARRAY['supplied', 'computed']),
('openness.mode',                 ARRAY['supplied', 'computed']),
('orgdev.mode',                   ARRAY['supplied', 'computed']),
('goals.csb.strategic_basis',     ARRAY['goals', 'indicators']),
('goals.leb.strategic_basis',     ARRAY['goals', 'indicators']),
('goals.leb.ppb_applies_to',      ARRAY['budget_component']),
('cs.regime',                     ARRAY['m2018', 'draft_kef']);

-- Criterion maxima that must add up to their parent's maximum (METHODOLOGY §2.7).
-- A rule applies when the version defines applies_when; 'a|b' takes the first
-- of the keys the version defines; bonuses and deductions are not listed.
CREATE TABLE perf_eval.param_sum_rule (
    rule         text PRIMARY KEY,
    applies_when text NOT NULL,
    parts        text[] NOT NULL,
    total_key    text NOT NULL
);
COMMENT ON COLUMN perf_eval.param_sum_rule.rule IS 'Name of the rule';
COMMENT ON COLUMN perf_eval.param_sum_rule.applies_when IS 'Parameter key whose presence in a version makes the rule apply';
COMMENT ON COLUMN perf_eval.param_sum_rule.parts IS 'Keys of the criterion maxima that must add up (''a|b'' takes the first key the version defines)';
COMMENT ON COLUMN perf_eval.param_sum_rule.total_key IS 'Key of the maximum of the parent direction or block that the parts must equal';
COMMENT ON TABLE perf_eval.param_sum_rule IS 'Criterion maxima that add up to the maximum of their direction or block (docs/methodology.md §2.7)';
INSERT INTO perf_eval.param_sum_rule VALUES
('complaints direction', 'complaints.r1.k',
 ARRAY['complaints.r1.k', 'complaints.one_time_acceptance.pts', 'complaints.r2.k', 'complaints.r3.k',
       'complaints.internal_audit.pts|complaints.r4.max'], 'node.max'),
('goals block (CSB)', 'goals.csb.pts_strategic',
 ARRAY['goals.csb.pts_strategic', 'goals.csb.pts_bp_efficiency', 'goals.csb.pts_goal_bp_link',
       'goals.csb.pts_citizens_budget'], 'node.max'),
('goals block (LEB)', 'goals.leb.pts_strategic',
 ARRAY['goals.leb.pts_strategic', 'goals.leb.pts_violations', 'goals.leb.pts_direct_results',
       'goals.leb.pts_bp_efficiency', 'goals.leb.pts_citizens_budget'], 'node.max'),
('services direction (CSB)', 'services.csb.pts_p1',
 ARRAY['services.csb.pts_p1', 'services.csb.pts_p2', 'services.csb.pts_t1', 'services.csb.pts_t2',
       'services.csb.pts_t3', 'services.csb.pts_t4', 'services.csb.pts_k3'], 'node.max'),
('services direction (LEB)', 'services.leb.pts_p1',
 ARRAY['services.leb.pts_p1', 'services.leb.pts_p2', 'services.leb.pts_t1', 'services.leb.pts_t2',
       'services.leb.pts_t3', 'services.leb.pts_t4'], 'node.max'),
('satisfaction direction (apa)', 'services.apa.s_pts_satisfaction',
 ARRAY['services.apa.s_pts_satisfaction', 'services.apa.s_pts_appeal'], 'node.max'),
('services direction (apa)', 'services.apa.pts_deadlines',
 ARRAY['services.apa.pts_deadlines', 'services.csb.pts_k3'], 'node.max'),
('HR direction', 'hr.pts_k',
 ARRAY['hr.pts_k', 'hr.pts_o', 'hr.pts_m'], 'node.max'),
('HR potential K', 'hr.pts_exit_interview',
 ARRAY['hr.pts_turnover_stability|hr.turnover.pts', 'hr.pts_stability', 'hr.pts_exit_interview',
       'hr.pts_gender', 'hr.pts_quality'], 'hr.pts_k'),
('HR labour organisation O', 'hr.pts_normalisation',
 ARRAY['hr.pts_normalisation', 'hr.pts_satisfaction', 'hr.pts_management', 'hr.training.k'], 'hr.pts_o'),
('IT direction', 'it.pts_portal',
 ARRAY['it.pts_portal', 'it.pts_integration', 'it.pts_relevance', 'it.pts_automation'], 'node.max');

CREATE FUNCTION perf_eval.validate_methodology(methodology text)
RETURNS TABLE (key text, problem text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE params AS (
        SELECT p.key, p.value, p.value_kind FROM perf_eval.methodology_param AS p WHERE p.methodology = $1
    ),
    ancestry AS (
        SELECT m.name, m.based_on, m.shipped FROM perf_eval.methodology AS m WHERE m.name = $1
        UNION ALL
        SELECT m.name, m.based_on, m.shipped FROM perf_eval.methodology AS m JOIN ancestry AS a ON m.name = a.based_on
        WHERE NOT a.shipped
    ),
    shipped_root AS (SELECT a.name FROM ancestry AS a WHERE a.shipped LIMIT 1),
    num AS (SELECT p.key, p.value::numeric AS value FROM params AS p WHERE p.value_kind = 'number'),
    weight_group AS (
        SELECT regexp_replace(n.key, '\.w_[a-z_]+$', '') AS prefix, sum(n.value) AS total,
               string_agg(n.key, ', ' ORDER BY n.key) AS keys
        FROM num AS n WHERE n.key ~ '\.w_[a-z_]+$' GROUP BY 1
    ),
    rule_sum AS (
        SELECT r.rule, r.total_key, t.value AS total,
               sum((SELECT n.value FROM unnest(string_to_array(part, '|')) WITH ORDINALITY AS alt(k, i)
                    JOIN num AS n ON n.key = alt.k ORDER BY alt.i LIMIT 1)) AS parts_total
        FROM perf_eval.param_sum_rule AS r
        CROSS JOIN LATERAL unnest(r.parts) AS part
        JOIN num AS t ON t.key = r.total_key
        WHERE EXISTS (SELECT 1 FROM params AS p WHERE p.key = r.applies_when)
        GROUP BY r.rule, r.total_key, t.value
    ),
    problems AS (
        SELECT NULL::text AS key, 'unknown methodology'::text AS problem
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = $1)
        UNION ALL
        SELECT sp.key, 'missing parameter (defined in ' || r.name || ')'
        FROM shipped_root AS r JOIN perf_eval.methodology_param AS sp ON sp.methodology = r.name
        WHERE NOT EXISTS (SELECT 1 FROM params AS p WHERE p.key = sp.key)
        UNION ALL
        SELECT g.keys, format('weights must sum to exactly 1, not %s', g.total)
        FROM weight_group AS g WHERE g.total <> 1
        UNION ALL
        SELECT 'zone.high_min, zone.medium_min, zone.low_min', 'zone thresholds must satisfy high_min > medium_min > low_min'
        FROM num AS h, num AS m, num AS l
        WHERE h.key = 'zone.high_min' AND m.key = 'zone.medium_min' AND l.key = 'zone.low_min'
          AND NOT (h.value > m.value AND m.value > l.value)
        UNION ALL
        SELECT p.key, 'invalid scale: ' || perf_eval.scale_definition_error(p.value)
        FROM params AS p WHERE p.value_kind = 'scale' AND perf_eval.scale_definition_error(p.value) IS NOT NULL
        UNION ALL
        SELECT p.key, 'invalid bands: ' || perf_eval.bands_definition_error(p.value)
        FROM params AS p WHERE p.value_kind = 'bands' AND perf_eval.bands_definition_error(p.value) IS NOT NULL
        UNION ALL
        SELECT n.key, 'must not be negative' FROM num AS n WHERE n.value < 0
        UNION ALL
        SELECT s.rule || ': ' || s.total_key,
               format('criterion maxima sum to %s, not %s', s.parts_total, s.total)
        FROM rule_sum AS s WHERE s.parts_total <> s.total
        UNION ALL
        SELECT p.key, format('unknown name "%s" (known: %s)', p.value, array_to_string(c.allowed, ', '))
        FROM params AS p JOIN perf_eval.param_choice AS c ON c.key = p.key
        WHERE p.value <> ALL (c.allowed)
    )
    SELECT * FROM problems ORDER BY 1, 2
$$;
COMMENT ON FUNCTION perf_eval.validate_methodology(text) IS
'Every problem of a methodology''s parameter set: missing keys (against its shipped ancestor), weights not summing to 1, zone order, invalid scales or bands, negative points, criterion maxima not adding up, unknown names (docs/methodology.md §2.7)';

CREATE FUNCTION perf_eval.check_methodology(methodology text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    first_problem record;
    problems bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.validate_methodology(methodology);
    IF problems = 0 THEN
        RETURN;
    END IF;
    SELECT * INTO first_problem FROM perf_eval.validate_methodology(methodology) LIMIT 1;
    RAISE EXCEPTION 'methodology "%" is invalid: %', methodology,
                    coalesce(first_problem.key || ': ', '') || first_problem.problem
        USING ERRCODE = '22023',
              DETAIL = format('%s problem(s); SELECT * FROM perf_eval.validate_methodology(%L) lists them.',
                              problems, methodology),
              HINT = 'docs/methodology.md §2.7 says what a valid parameter set is.';
END
$$;
COMMENT ON FUNCTION perf_eval.check_methodology(text) IS 'Raises 22023 naming the first problem of an invalid methodology (docs/methodology.md §2.7)';

CREATE FUNCTION perf_eval.fork_methodology(source text, new_name text, title text DEFAULT NULL,
                                           description text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = source) THEN
        RAISE EXCEPTION 'unknown methodology "%"', source USING ERRCODE = '22023';
    END IF;
    INSERT INTO perf_eval.methodology (name, title, description, based_on)
    SELECT new_name, coalesce(fork_methodology.title, m.title || ' (fork)'),
           coalesce(fork_methodology.description, 'Fork of ' || m.name), m.name
    FROM perf_eval.methodology AS m WHERE m.name = source;
    INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note)
    SELECT new_name, p.key, p.value, p.value_kind, p.provenance, p.source_document, p.source, p.note
    FROM perf_eval.methodology_param AS p WHERE p.methodology = fork_methodology.source;
    RETURN new_name;
END
$$;
COMMENT ON FUNCTION perf_eval.fork_methodology(text, text, text, text) IS
'Copies a methodology with all its parameters (and their provenance) under a new name that users may edit (docs/methodology.md §0.5)';

CREATE FUNCTION perf_eval.set_param(methodology text, key text, value text,
                                    source text DEFAULT NULL, note text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE perf_eval.methodology_param AS p
    SET value = set_param.value,
        provenance = 'assumed',
        source_document = NULL,
        source = coalesce(set_param.source, 'edited by ' || current_user || ' on ' || current_date),
        note = coalesce(set_param.note, p.note)
    WHERE p.methodology = set_param.methodology AND p.key = set_param.key;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'methodology "%" has no parameter "%"', methodology, key
            USING ERRCODE = '22023', HINT = 'Fork a version first; parameters are listed in perf_eval.methodology_param.';
    END IF;
    PERFORM perf_eval.check_methodology(methodology);
END
$$;
COMMENT ON FUNCTION perf_eval.set_param(text, text, text, text, text) IS
'Changes a parameter of a user methodology (provenance becomes assumed, the source records who and when, source_document becomes NULL) and rejects the change with 22023 if the set becomes invalid (docs/methodology.md §2.7)';

-- Shipped versions are read-only: fork them to change anything.
CREATE FUNCTION perf_eval.shipped_methodology_is_read_only()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target text;
BEGIN
    IF TG_TABLE_NAME = 'methodology' THEN
        IF OLD.shipped THEN
            target := OLD.name;
        END IF;
    ELSIF EXISTS (SELECT 1 FROM perf_eval.methodology AS m
                  WHERE m.shipped AND m.name IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.methodology END,
                                                 CASE WHEN TG_OP <> 'DELETE' THEN NEW.methodology END)) THEN
        target := coalesce(CASE WHEN TG_OP <> 'DELETE' THEN NEW.methodology END, OLD.methodology);
    END IF;
    IF target IS NOT NULL THEN
        RAISE EXCEPTION 'methodology "%" is shipped and read-only', target
            USING ERRCODE = '22023',
                  HINT = format('Fork it: SELECT perf_eval.fork_methodology(%L, %L);', target, target || '_draft');
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
CREATE TRIGGER shipped_params_read_only BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.methodology_param
FOR EACH ROW EXECUTE FUNCTION perf_eval.shipped_methodology_is_read_only();
CREATE TRIGGER shipped_methodology_read_only BEFORE UPDATE OR DELETE ON perf_eval.methodology
FOR EACH ROW EXECUTE FUNCTION perf_eval.shipped_methodology_is_read_only();

-- Users' versions and edits survive pg_dump and restore; shipped rows come from CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.methodology', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.methodology_param',
    'WHERE methodology NOT IN (SELECT m.name FROM perf_eval.methodology AS m WHERE m.shipped)');
-- =========================================================================
-- Section: efficiency zones (METHODOLOGY §0.4; src/zones.c)
-- =========================================================================

CREATE TABLE perf_eval.efficiency_zone_label (
    zone       text PRIMARY KEY,
    zone_order integer NOT NULL UNIQUE,
    label_en   text NOT NULL,
    label_ru   text NOT NULL
);
COMMENT ON COLUMN perf_eval.efficiency_zone_label.zone IS 'Efficiency zone code: high | medium | low | ineffective (docs/methodology.md §0.4)';
COMMENT ON COLUMN perf_eval.efficiency_zone_label.zone_order IS 'Sort key of the zone in its natural order: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.efficiency_zone_label.label_en IS 'Name of the zone printed in English reports';
COMMENT ON COLUMN perf_eval.efficiency_zone_label.label_ru IS 'Name of the zone printed in Russian reports';
COMMENT ON TABLE perf_eval.efficiency_zone_label IS 'Names of the efficiency zones in English and Russian (docs/methodology.md §0.4)';
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
'Efficiency zone of an unrounded score with explicit thresholds: high >= high_min > medium >= medium_min > low >= low_min > ineffective (APA 2020 report §1.2; §2.2)';

CREATE FUNCTION perf_eval.efficiency_zone(score numeric, methodology text DEFAULT NULL)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- zone.basis: 'unrounded' (the decided reading) or 'display', a user override that
    -- zones the value as shown, rounded to present.block_scale (METHODOLOGY §0.4).
    SELECT perf_eval.efficiency_zone(
        CASE perf_eval.param_text(v.name, 'zone.basis')
            WHEN 'display' THEN round($1, perf_eval.param_numeric(v.name, 'present.block_scale')::integer)
            ELSE $1
        END,
        perf_eval.param_numeric(v.name, 'zone.high_min'),
        perf_eval.param_numeric(v.name, 'zone.medium_min'),
        perf_eval.param_numeric(v.name, 'zone.low_min'))
    FROM (SELECT perf_eval.resolve_methodology($2) AS name) AS v
$$;
COMMENT ON FUNCTION perf_eval.efficiency_zone(numeric, text) IS
'Efficiency zone of a score under a methodology''s zone.* thresholds and zone.basis (default version if NULL): 89.995 is medium on the unrounded basis, high on the display basis';
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
'R1 = k*(p - S*f)/p, compliance with the terms of consideration: S = 1000, k = 40 (kz2020, APA 2020 report §2.5); S = 100 (kz2017, APA 2020 report §2.2, Table 2.3)';

CREATE FUNCTION perf_eval.complaint_court_score(
    court_satisfied bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_court_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_court_score(bigint, bigint, numeric, numeric, text, text) IS
'R2 = k*(p - S*a)/p, complaints recognised justified by a court: S = 10000, k = 30 (kz2020, APA 2020 report §2.5)';

CREATE FUNCTION perf_eval.complaint_repeat_score(
    repeated_satisfied bigint, considered bigint, k numeric, scale_factor numeric,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_repeat_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_repeat_score(bigint, bigint, numeric, numeric, text, text) IS
'R3 = k*(m - S*n)/m, repeated justified complaints: S = 100, k = 20 (APA 2020 report §2.5)';

CREATE FUNCTION perf_eval.complaint_court_score_tiered(
    court_satisfied bigint, higher_authority_satisfied bigint, considered bigint, k numeric, tiers text,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_court_score_tiered'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_court_score_tiered(bigint, bigint, bigint, numeric, text, text, text) IS
'R2 (kz2017) = k*(b - S(b)*(a + c))/b with volume tiers S(b) as bands on b; a null tier is not assessable (APA 2020 report §2.2, Table 2.3)';

CREATE FUNCTION perf_eval.complaint_internal_control_points(
    late_disciplined bigint, late bigint, bands text,
    clamp text DEFAULT 'none', zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_complaint_internal_control_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.complaint_internal_control_points(bigint, bigint, text, text, text) IS
'R4 = bands(100*d/f), internal control: share of late complaints followed by disciplinary action (APA 2020 report §2.5)';
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
-- =========================================================================
-- Section: public-services and openness criteria (METHODOLOGY §4.2, §4.3;
-- src/interaction.c)
--
-- Raw kernels: every constant is an argument (the methodology-bound layer in
-- 63_interaction_block.sql reads them from the version). Rates are
-- rate_base * count / deliveries (rate_base = 100 000, services.rate_base),
-- exact rationals. zero_volume ('null' | 'full_points', default 'null')
-- decides an indicator whose volume is 0 (§0.6).
-- =========================================================================

CREATE FUNCTION perf_eval.service_rate_points(
    count bigint, deliveries bigint, pts numeric, scale text, rate_base numeric,
    zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_rate_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_rate_points(bigint, bigint, numeric, text, numeric, text) IS
'One rate-based service indicator: pts*scale(rate_base*count/deliveries), e.g. P2, T1-T4 (APA 2020 report §2.2, Table 2.2) and the apa one-time acceptance (APA 2020 report, chapter 2 recommendations); deliveries = 0 follows zero_volume';

CREATE FUNCTION perf_eval.service_satisfaction_points(
    satisfaction_percent numeric, quality_appeals_justified bigint, deliveries bigint,
    pts_satisfaction numeric, pts_appeal numeric, satisfaction_scale text, appeal_scale text,
    rate_base numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_satisfaction_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_satisfaction_points(numeric, bigint, bigint, numeric, numeric, text, text, numeric, text) IS
'K1/M1 = P1 + P2 (APA 2020 report §2.2, Table 2.2) and the apa direction S (APA 2020 report, chapter 2 recommendations): pts_satisfaction*scale(satisfaction %) + pts_appeal*scale(justified quality appeals per rate_base deliveries); no deliveries: zero_volume';

CREATE FUNCTION perf_eval.service_quality_points(
    deadline_violations bigint, unreasonable_refusals bigint, incomplete_package bigint, extra_documents bigint,
    deliveries bigint,
    pts_t1 numeric, pts_t2 numeric, pts_t3 numeric, pts_t4 numeric,
    t1_scale text, t2_scale text, t3_scale text, t4_scale text,
    rate_base numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_quality_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_quality_points(bigint, bigint, bigint, bigint, bigint, numeric, numeric, numeric, numeric, text, text, text, text, numeric, text) IS
'K2/M2 = T1 + T2 + T3 + T4 (APA 2020 report §2.2, Table 2.2): Ti = pts_ti*scale(rate_i) for deadline violations, unreasonable refusals, incomplete packages and documents not in the standard per rate_base deliveries';

CREATE FUNCTION perf_eval.service_quality_penalty(
    count bigint, deliveries bigint, penalty_max numeric, scale text, rate_base numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_quality_penalty'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_quality_penalty(bigint, bigint, numeric, text, numeric) IS
'One kz2020_apa penalty of K2'': penalty_max*min(1, rate/zero), zero = the rate at which the indicator''s scale reaches 0 points (APA 2020 report §2.5); 0 without deliveries';

CREATE FUNCTION perf_eval.service_quality_points_apa(
    deadline_violations bigint, unreasonable_refusals bigint, incomplete_package bigint, extra_documents bigint,
    deliveries bigint, pts_deadlines numeric, penalty_max_each numeric,
    t1_scale text, t2_scale text, t3_scale text, t4_scale text,
    rate_base numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_quality_points_apa'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_quality_points_apa(bigint, bigint, bigint, bigint, bigint, numeric, numeric, text, text, text, text, numeric, text) IS
'K2'' (kz2020_apa) = pts_deadlines*scale(rate_T1) - sum over T2-T4 of penalty_max_each*min(1, rate_i/zero_i), floored at 0 (APA 2020 report §2.5)';

CREATE FUNCTION perf_eval.service_automation_points(
    services_electronic bigint, services_in_register bigint, deliveries_electronic bigint, deliveries bigint,
    downtime_hours numeric, newly_automated bigint,
    pts_transfer numeric, pts_efficiency numeric, downtime_per_hour numeric, downtime_cap numeric,
    bonus_per_service numeric, bonus_cap numeric, pts_k3 numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_service_automation_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.service_automation_points(bigint, bigint, bigint, bigint, numeric, bigint, numeric, numeric, numeric, numeric, numeric, numeric, numeric, text) IS
'K3 = T + V - P + B within [0, pts_k3] (APA 2020 report §2.2, Table 2.2): transfer pts_transfer*electronic/register services, efficiency pts_efficiency*electronic/all deliveries, downtime penalty min(cap, per_hour*hours), bonus min(cap, per_service*newly automated)';

CREATE FUNCTION perf_eval.open_data_points(
    published bigint, required bigint, pts numeric, zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_data_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_data_points(bigint, bigint, numeric, text) IS
'Open data = pts*min(1, published/required data sets of the approved list) (APA 2020 report §2.2); required = 0 follows zero_volume';

CREATE FUNCTION perf_eval.open_budget_points(filling_percent numeric, pts numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_budget_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_budget_points(numeric, numeric) IS
'Open budget = pts*filling %/100 (APA 2020 report §2.2; the filling percentage is supplied)';

CREATE FUNCTION perf_eval.open_nla_points(item_points numeric[], fulfilment numeric[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_nla_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_nla_points(numeric[], numeric[]) IS
'Open NLA = sum of item_points[i]*fulfilment[i], one element per language and item of Table 2.8 (APA 2020 report §2.5, Table 2.8, docs/methodology.md §8 E4)';

CREATE FUNCTION perf_eval.open_nla_points(item_points numeric[], fulfilment numeric[], rescale_to numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_nla_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_nla_points(numeric[], numeric[], numeric) IS
'Open NLA rescaled: rescale_to*sum(item_points*fulfilment)/sum(item_points); the kz2020_apa items total 23 and are rescaled x 25/23 (APA 2020 report, chapter 2 recommendations, docs/methodology.md §8 E5)';

CREATE FUNCTION perf_eval.open_dialogue_points(
    blog_answered bigint, blog_received bigint, other_fulfilment numeric[], pts_each numeric,
    zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_open_dialogue_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.open_dialogue_points(bigint, bigint, numeric[], numeric, text) IS
'Open dialogue = pts_each*(answered/received questions on the heads'' blog platform + the other indicators'' fulfilment) (APA 2020 report §2.4); no questions: zero_volume for the first indicator';

CREATE FUNCTION perf_eval.subordinate_openness_deduction(non_compliant bigint, total bigint, deduction_max numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_subordinate_openness_deduction'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.subordinate_openness_deduction(bigint, bigint, numeric) IS
'Deduction for subordinate organisations = deduction_max*non_compliant/total, 0 without subordinates (APA 2020 report §2.2 read as a deduction, docs/methodology.md §4.3, §8 E3); positive points, subtracted by the score tree';
-- =========================================================================
-- Section: raw registries and their monthly partial states (METHODOLOGY §7)
--
--   complaint_record, service_delivery   one row per complaint considered / per delivery
--   complaint_tally_monthly,             one exact partial state per body and month
--   service_tally_monthly
--   registry_dirty_month                 (registry, body, month) pairs changed since
--                                        their partial state was last computed
--   refresh_monthly_tallies(year)        rescans only the dirty pairs of a year
--   complaint_tally_of_year(body, year), merge the 12 stored states of a year
--   service_tally_of_year(body, year)
--
-- A year of ratings is recomputed from 12 partial states per body instead of
-- 200 M delivery rows (§7); after a change only the changed months are read
-- again. Combining states is addition (§7.2), so this path, the serial and
-- the parallel aggregate all give the same counts bit for bit.
--
-- The same composite types are what a distributed engine combines (Citus 13,
-- bench/README.md; not tested here). Distribute the registries and the
-- monthly tables by body. A query grouped by body runs service_tally_agg
-- whole on each worker. Citus ships only partial states it can read, and an
-- internal state is not one of them, so any other grouping is written in
-- two phases: an inner query grouped by body (pushed down) returns one
-- perf_eval.service_tally per body, which crosses nodes through the type's
-- text or binary I/O, and the coordinator adds them with
-- service_tally_merge_agg, exactly as the monthly states are merged here.
-- =========================================================================

-- The body columns name perf_eval.body(code) but carry no foreign key: the
-- body registry is created by a later part (50_bodies.sql), and a raw
-- registry is loaded as received (rows of a code missing from perf_eval.body
-- are kept, and belong to no assessed body).
--
-- Column order is chosen for the scan (§7): fixed-width columns first and
-- NOT NULL, so the executor finds every flag at a cached offset without
-- walking a null bitmap; the variable-length text columns last. A fact not
-- recorded is false, which is also what the aggregates read a NULL flag as.

CREATE TABLE perf_eval.complaint_record (
    received_on                 date NOT NULL,
    deadline                    date NOT NULL,
    court_satisfied             boolean NOT NULL DEFAULT false,
    higher_authority_satisfied  boolean NOT NULL DEFAULT false,
    repeated_satisfied          boolean NOT NULL DEFAULT false,
    disciplinary_action         boolean NOT NULL DEFAULT false,
    answered_on                 date,
    body                        text NOT NULL
);
COMMENT ON COLUMN perf_eval.complaint_record.received_on IS 'Date the complaint or application was received';
COMMENT ON COLUMN perf_eval.complaint_record.deadline IS 'Date by which the complaint had to be answered';
COMMENT ON COLUMN perf_eval.complaint_record.court_satisfied IS 'True if a court recognised the complaint as justified (a in R2)';
COMMENT ON COLUMN perf_eval.complaint_record.higher_authority_satisfied IS 'True if a higher authority satisfied the complaint (c in kz2017 R2)';
COMMENT ON COLUMN perf_eval.complaint_record.repeated_satisfied IS 'True if a repeated complaint was satisfied on reconsideration (n in R3)';
COMMENT ON COLUMN perf_eval.complaint_record.disciplinary_action IS 'True if the late answer was followed by disciplinary action (d in R4)';
COMMENT ON COLUMN perf_eval.complaint_record.answered_on IS 'Date the complaint was considered; its month and year place it in the tallies; NULL while pending (not counted); later than deadline means late (f in R1)';
COMMENT ON COLUMN perf_eval.complaint_record.body IS 'Code of the state body that considered the complaint (perf_eval.body.code)';
COMMENT ON TABLE perf_eval.complaint_record IS
'One complaint or application per row; answered_on NULL: not yet considered (not counted); a complaint counts in the month, and year, of answered_on; late := answered_on > deadline (docs/methodology.md §7.1, §4.4)';

CREATE TABLE perf_eval.service_delivery (
    delivered_on              date NOT NULL,
    deadline_violated         boolean NOT NULL DEFAULT false,
    unreasonable_refusal      boolean NOT NULL DEFAULT false,
    incomplete_package        boolean NOT NULL DEFAULT false,
    extra_documents           boolean NOT NULL DEFAULT false,
    electronic                boolean NOT NULL DEFAULT false,
    quality_appeal_justified  boolean NOT NULL DEFAULT false,
    body                      text NOT NULL,
    service_code              text NOT NULL
);
COMMENT ON COLUMN perf_eval.service_delivery.delivered_on IS 'Date the public service was delivered; its month and year place it in the monthly tallies';
COMMENT ON COLUMN perf_eval.service_delivery.deadline_violated IS 'True if the delivery missed its deadline';
COMMENT ON COLUMN perf_eval.service_delivery.unreasonable_refusal IS 'True if the service was refused without reason';
COMMENT ON COLUMN perf_eval.service_delivery.incomplete_package IS 'True if the delivery was refused or delayed for an incomplete package of documents';
COMMENT ON COLUMN perf_eval.service_delivery.extra_documents IS 'True if documents not in the service standard were requested';
COMMENT ON COLUMN perf_eval.service_delivery.electronic IS 'True if the service was delivered electronically';
COMMENT ON COLUMN perf_eval.service_delivery.quality_appeal_justified IS 'True if an appeal about the quality of this delivery was found justified';
COMMENT ON COLUMN perf_eval.service_delivery.body IS 'Code of the state body that delivered the service (perf_eval.body.code)';
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

-- No unique key on purpose: a pair may be marked twice by concurrent loads
-- (harmless, the refresh reads each pair once), and a restore that replays
-- registry rows through the triggers can still load the dumped marks.
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
-- Change tracking: one statement-level trigger per event, reading the
-- transition tables, so a bulk load of millions of rows marks each changed
-- (body, month) once instead of running a row trigger per row.
-- The month of a date is date_trunc on timestamp (not timestamptz): immutable,
-- and independent of the session time zone.
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.mark_complaint_months_dirty()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Each branch names only the transition tables its event has.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'complaint_record', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month
              FROM new_rows AS r
              WHERE r.answered_on IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'complaint_record' AND d.month = changed.month AND d.body = changed.body);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'complaint_record', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month
              FROM old_rows AS r
              WHERE r.answered_on IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'complaint_record' AND d.month = changed.month AND d.body = changed.body);
    ELSIF TG_OP = 'UPDATE' THEN
        -- Both the month a row leaves and the month it enters change.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'complaint_record', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month
              FROM (SELECT n.body, n.answered_on FROM new_rows AS n UNION ALL SELECT o.body, o.answered_on FROM old_rows AS o) AS r
              WHERE r.answered_on IS NOT NULL) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'complaint_record' AND d.month = changed.month AND d.body = changed.body);
    ELSE
        -- TRUNCATE: every month that had a state now has no rows.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT DISTINCT 'complaint_record', m.body, m.month FROM perf_eval.complaint_tally_monthly AS m;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.mark_complaint_months_dirty() IS
'Statement trigger on complaint_record: marks the (body, month of answered_on) pairs a statement changed for refresh_monthly_tallies; unanswered rows have no month';

CREATE FUNCTION perf_eval.mark_service_months_dirty()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Each branch names only the transition tables its event has.
    IF TG_OP = 'INSERT' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'service_delivery', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month
              FROM new_rows AS r) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'service_delivery' AND d.month = changed.month AND d.body = changed.body);
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'service_delivery', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month
              FROM old_rows AS r) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'service_delivery' AND d.month = changed.month AND d.body = changed.body);
    ELSIF TG_OP = 'UPDATE' THEN
        -- Both the month a row leaves and the month it enters change.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT 'service_delivery', changed.body, changed.month
        FROM (SELECT DISTINCT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month
              FROM (SELECT n.body, n.delivered_on FROM new_rows AS n UNION ALL SELECT o.body, o.delivered_on FROM old_rows AS o) AS r) AS changed
        WHERE NOT EXISTS (SELECT 1 FROM perf_eval.registry_dirty_month AS d
                          WHERE d.registry = 'service_delivery' AND d.month = changed.month AND d.body = changed.body);
    ELSE
        -- TRUNCATE: every month that had a state now has no rows.
        INSERT INTO perf_eval.registry_dirty_month (registry, body, month)
        SELECT DISTINCT 'service_delivery', m.body, m.month FROM perf_eval.service_tally_monthly AS m;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION perf_eval.mark_service_months_dirty() IS
'Statement trigger on service_delivery: marks the (body, month of delivered_on) pairs a statement changed for refresh_monthly_tallies';

CREATE TRIGGER mark_months_dirty_after_insert AFTER INSERT ON perf_eval.complaint_record
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_complaint_months_dirty();
CREATE TRIGGER mark_months_dirty_after_update AFTER UPDATE ON perf_eval.complaint_record
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_complaint_months_dirty();
CREATE TRIGGER mark_months_dirty_after_delete AFTER DELETE ON perf_eval.complaint_record
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_complaint_months_dirty();
CREATE TRIGGER mark_months_dirty_after_truncate AFTER TRUNCATE ON perf_eval.complaint_record
    FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_complaint_months_dirty();

CREATE TRIGGER mark_months_dirty_after_insert AFTER INSERT ON perf_eval.service_delivery
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_service_months_dirty();
CREATE TRIGGER mark_months_dirty_after_update AFTER UPDATE ON perf_eval.service_delivery
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_service_months_dirty();
CREATE TRIGGER mark_months_dirty_after_delete AFTER DELETE ON perf_eval.service_delivery
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_service_months_dirty();
CREATE TRIGGER mark_months_dirty_after_truncate AFTER TRUNCATE ON perf_eval.service_delivery
    FOR EACH STATEMENT EXECUTE FUNCTION perf_eval.mark_service_months_dirty();

-- -------------------------------------------------------------------------
-- Refresh and merge
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.refresh_full_scan_months()
RETURNS integer
AS 'MODULE_PATHNAME', 'pe_refresh_full_scan_months'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.refresh_full_scan_months() IS
'The setting perf_eval.refresh_full_scan_months (default 4): from this many marked months of a year, refresh_monthly_tallies reads a registry in one pass (service_tallies_by_month, complaint_tallies_by_month) instead of month by month through the BRIN index';

CREATE FUNCTION perf_eval.refresh_monthly_tallies(year integer)
RETURNS integer
LANGUAGE plpgsql
PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    first_day     date;
    next_year     date;
    bodies        text[];          -- the dirty pairs of one registry: bodies[i], months[i]
    months        date[];
    dirty_months  date[];          -- the distinct months among them, ascending
    rescanned     integer := 0;
    -- From this many marked months of a registry on, one pass over it
    -- (registry_scan) is cheaper than month by month through the BRIN index.
    full_scan_months integer := perf_eval.refresh_full_scan_months();
    fresh_bodies            text[];
    fresh_months            date[];
    fresh_complaint_tallies perf_eval.complaint_tally[];
    fresh_service_tallies   perf_eval.service_tally[];
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
    -- Under REPEATABLE READ the snapshot may predate the lock below, and a
    -- pair cleared here could lose rows committed just before it.
    IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'refresh_monthly_tallies needs read committed isolation'
            USING ERRCODE = '0A000',
                  DETAIL = format('The transaction runs at %s.', pg_catalog.current_setting('transaction_isolation')),
                  HINT = 'Call it in a READ COMMITTED transaction (the default), e.g. from CALL perf_eval.recalculate.';
    END IF;
    first_day := pg_catalog.make_date(year, 1, 1);
    next_year := pg_catalog.make_date(year + 1, 1, 1);

    -- Writers wait until the refresh commits (and refreshes wait for each
    -- other); every row committed before the lock is read, and every row
    -- written after it marks its pair again. Readers are not blocked.
    LOCK TABLE perf_eval.complaint_record, perf_eval.service_delivery IN SHARE ROW EXCLUSIVE MODE;

    -- For each registry: take the year's marks, drop their states, and
    -- aggregate the rows of the marked months by (body, month), keeping the
    -- marked pairs (the date range lets the BRIN index skip other months). The aggregation is a dynamic SELECT on purpose: a
    -- PL/pgSQL SELECT INTO asks for at most 2 rows and INSERT ... SELECT is
    -- never parallel in PostgreSQL 15, and both would then run in one process.
    -- A pair whose rows are all gone keeps no state (its merge gives zero).

    -- Complaints: by month of answered_on, the dated form of the aggregate.
    WITH cleared AS (
        DELETE FROM perf_eval.registry_dirty_month AS d
        WHERE d.registry = 'complaint_record' AND d.month >= first_day AND d.month < next_year
        RETURNING d.body, d.month)
    SELECT array_agg(p.body ORDER BY p.body, p.month), array_agg(p.month ORDER BY p.body, p.month),
           array_agg(DISTINCT p.month ORDER BY p.month)
    INTO bodies, months, dirty_months
    FROM (SELECT DISTINCT c.body, c.month FROM cleared AS c) AS p;
    IF bodies IS NOT NULL THEN
        DELETE FROM perf_eval.complaint_tally_monthly AS m
        USING unnest(bodies, months) AS p(body, month)
        WHERE m.body = p.body AND m.month = p.month;
        IF pg_catalog.cardinality(dirty_months) >= full_scan_months THEN
            SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
            INTO fresh_bodies, fresh_months, fresh_complaint_tallies
            FROM perf_eval.complaint_tallies_by_month(dirty_months[1],
                     (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date) AS s
            WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest(bodies, months) AS p(body, month));
        ELSE
            EXECUTE $query$
                SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
                FROM (SELECT r.body, pg_catalog.date_trunc('month', r.answered_on::timestamp)::date AS month,
                             perf_eval.complaint_tally_agg(r.deadline, r.answered_on, r.court_satisfied,
                                                           r.higher_authority_satisfied, r.repeated_satisfied,
                                                           r.disciplinary_action) AS tally
                      FROM perf_eval.complaint_record AS r
                      WHERE r.answered_on >= $4 AND r.answered_on < $5
                        AND pg_catalog.date_trunc('month', r.answered_on::timestamp)::date = ANY ($3)
                      GROUP BY 1, 2) AS s
                WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest($1, $2) AS p(body, month))
            $query$
            INTO fresh_bodies, fresh_months, fresh_complaint_tallies
            USING bodies, months, dirty_months, dirty_months[1],
                  (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date;
        END IF;
        INSERT INTO perf_eval.complaint_tally_monthly (body, month, tally)
        SELECT fresh_bodies[i], fresh_months[i], fresh_complaint_tallies[i]
        FROM pg_catalog.generate_subscripts(fresh_bodies, 1) AS i;
        rescanned := rescanned + pg_catalog.cardinality(bodies);
    END IF;

    -- Deliveries: by month of delivered_on.
    WITH cleared AS (
        DELETE FROM perf_eval.registry_dirty_month AS d
        WHERE d.registry = 'service_delivery' AND d.month >= first_day AND d.month < next_year
        RETURNING d.body, d.month)
    SELECT array_agg(p.body ORDER BY p.body, p.month), array_agg(p.month ORDER BY p.body, p.month),
           array_agg(DISTINCT p.month ORDER BY p.month)
    INTO bodies, months, dirty_months
    FROM (SELECT DISTINCT c.body, c.month FROM cleared AS c) AS p;
    IF bodies IS NOT NULL THEN
        DELETE FROM perf_eval.service_tally_monthly AS m
        USING unnest(bodies, months) AS p(body, month)
        WHERE m.body = p.body AND m.month = p.month;
        IF pg_catalog.cardinality(dirty_months) >= full_scan_months THEN
            SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
            INTO fresh_bodies, fresh_months, fresh_service_tallies
            FROM perf_eval.service_tallies_by_month(dirty_months[1],
                     (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date) AS s
            WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest(bodies, months) AS p(body, month));
        ELSE
            EXECUTE $query$
                SELECT array_agg(s.body), array_agg(s.month), array_agg(s.tally)
                FROM (SELECT r.body, pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date AS month,
                             perf_eval.service_tally_agg(r.deadline_violated, r.unreasonable_refusal,
                                                         r.incomplete_package, r.extra_documents, r.electronic,
                                                         r.quality_appeal_justified) AS tally
                      FROM perf_eval.service_delivery AS r
                      WHERE r.delivered_on >= $4 AND r.delivered_on < $5
                        AND pg_catalog.date_trunc('month', r.delivered_on::timestamp)::date = ANY ($3)
                      GROUP BY 1, 2) AS s
                WHERE (s.body, s.month) IN (SELECT p.body, p.month FROM unnest($1, $2) AS p(body, month))
            $query$
            INTO fresh_bodies, fresh_months, fresh_service_tallies
            USING bodies, months, dirty_months, dirty_months[1],
                  (dirty_months[pg_catalog.cardinality(dirty_months)] + interval '1 month')::date;
        END IF;
        INSERT INTO perf_eval.service_tally_monthly (body, month, tally)
        SELECT fresh_bodies[i], fresh_months[i], fresh_service_tallies[i]
        FROM pg_catalog.generate_subscripts(fresh_bodies, 1) AS i;
        rescanned := rescanned + pg_catalog.cardinality(bodies);
    END IF;

    RETURN rescanned;
END
$$;
COMMENT ON FUNCTION perf_eval.refresh_monthly_tallies(integer) IS
'Recomputes the monthly partial states of the (registry, body, month) pairs of a year marked in registry_dirty_month, and only those; returns how many pairs were rescanned (docs/methodology.md §7.2)';

CREATE FUNCTION perf_eval.complaint_tally_of_year(body text, year integer)
RETURNS perf_eval.complaint_tally
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.complaint_tally_merge_agg(m.tally)
    FROM perf_eval.complaint_tally_monthly AS m
    WHERE m.body = complaint_tally_of_year.body
      AND m.month >= pg_catalog.make_date(complaint_tally_of_year.year, 1, 1)
      AND m.month < pg_catalog.make_date(complaint_tally_of_year.year + 1, 1, 1)
$$;
COMMENT ON FUNCTION perf_eval.complaint_tally_of_year(text, integer) IS
'The complaint_tally of a body and year, merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';

CREATE FUNCTION perf_eval.service_tally_of_year(body text, year integer)
RETURNS perf_eval.service_tally
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.service_tally_merge_agg(m.tally)
    FROM perf_eval.service_tally_monthly AS m
    WHERE m.body = service_tally_of_year.body
      AND m.month >= pg_catalog.make_date(service_tally_of_year.year, 1, 1)
      AND m.month < pg_catalog.make_date(service_tally_of_year.year + 1, 1, 1)
$$;
COMMENT ON FUNCTION perf_eval.service_tally_of_year(text, integer) IS
'The service_tally of a body and year, merged from its stored monthly partial states (zero if none); call refresh_monthly_tallies(year) first so changed months are current (docs/methodology.md §7.2)';

-- Editors load the registries; the monthly states and marks are written by
-- the triggers (as the loading user) and by the refresh. Readers get SELECT
-- on every table in 80_privileges.sql.
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON perf_eval.complaint_record, perf_eval.service_delivery TO perf_eval_editor;
GRANT INSERT, DELETE ON perf_eval.registry_dirty_month, perf_eval.complaint_tally_monthly,
      perf_eval.service_tally_monthly TO perf_eval_editor;
REVOKE EXECUTE ON FUNCTION perf_eval.refresh_monthly_tallies(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.refresh_monthly_tallies(integer) TO perf_eval_editor;
-- =========================================================================
-- Section: tallies per body and month read straight from the raw registries
-- (METHODOLOGY §7.1, §7.2; src/registry_scan.c)
-- =========================================================================

-- The aggregates (service_tally_agg, complaint_tally_agg) serve any query;
-- these functions serve the national-scale case: a year of a registry
-- (~190 M deliveries, §7) into per-(body, month) partial states in one pass,
-- reading the heap pages directly instead of through the executor's
-- deforming, expression and hash-grouping machinery, with their own
-- parallel workers. Their tallies equal the aggregates' (the same counting
-- code); bench/README.md measures both.
--
-- PARALLEL UNSAFE: they start parallel workers of their own, which a
-- function running inside a parallel query cannot do.
CREATE FUNCTION perf_eval.service_tallies_by_month(from_day date, to_day date, workers integer DEFAULT NULL)
RETURNS TABLE (body text, month date, tally perf_eval.service_tally)
AS 'MODULE_PATHNAME', 'pe_service_tallies_by_month'
LANGUAGE C STABLE PARALLEL UNSAFE ROWS 500;
COMMENT ON FUNCTION perf_eval.service_tallies_by_month(date, date, integer) IS
'The service_tally of every body and month over the deliveries with from_day <= delivered_on < to_day, read directly from service_delivery (one pass, own parallel workers; workers NULL: as the planner would choose for a scan of the table); equal to service_tally_agg grouped by body and month (docs/methodology.md §7.1, §7.2)';

CREATE FUNCTION perf_eval.complaint_tallies_by_month(from_day date, to_day date, workers integer DEFAULT NULL)
RETURNS TABLE (body text, month date, tally perf_eval.complaint_tally)
AS 'MODULE_PATHNAME', 'pe_complaint_tallies_by_month'
LANGUAGE C STABLE PARALLEL UNSAFE ROWS 500;
COMMENT ON FUNCTION perf_eval.complaint_tallies_by_month(date, date, integer) IS
'The complaint_tally of every body and month over the complaints with from_day <= answered_on < to_day (unanswered ones are not counted), read directly from complaint_record (one pass, own parallel workers; workers NULL: as the planner would choose); equal to complaint_tally_agg grouped by body and month (docs/methodology.md §7.1, §7.2)';
-- =========================================================================
-- Section: organisational development indicators (METHODOLOGY §5; src/orgdev.c)
-- Kernels take every methodology constant as an argument; perf_eval.hr_criteria
-- and perf_eval.it_criteria (64_orgdev_block.sql) read them from the version.
-- =========================================================================

CREATE FUNCTION perf_eval.net_turnover_ratio(
    left_management bigint, left_other bigint, average_management numeric, average_other numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_net_turnover_ratio'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.net_turnover_ratio(bigint, bigint, numeric, numeric) IS
't = (a1 + a2)/(b1 + b2), net staff turnover: a1, a2 = servants at and below management level who left the civil service, b1, b2 = average headcounts; b1 + b2 = 0 is 22023 (APA 2020 report, chapter 3 recommendations, Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 27)';

CREATE FUNCTION perf_eval.net_turnover_ratio_from_months(
    left_management bigint, left_other bigint, management_month_ends bigint[], other_month_ends bigint[])
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_net_turnover_ratio_from_months'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.net_turnover_ratio_from_months(bigint, bigint, bigint[], bigint[]) IS
't = (a1 + a2)/(b1 + b2) with b1, b2 = sum of the 12 month-end headcounts / 12, computed as 12(a1 + a2)/(sum of counts) with one division (APA 2020 report, chapter 3 recommendations)';

CREATE FUNCTION perf_eval.net_turnover_score(
    t numeric, variant text, pts numeric, lower numeric, upper numeric, denominator numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_net_turnover_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.net_turnover_score(numeric, text, numeric, numeric, numeric, numeric) IS
'C, net turnover: pts if t <= lower, 0 if t >= upper, else pts*(upper - t)/denominator; variants printed (kz2020: 0.08, 0.03, APA 2020 report, chapter 3 recommendations), continuous (0.08, 0.02) and threshold_009 (0.09, 0.03, APA 2020 report, chapter 3 recommendations), the last two requiring denominator = upper - lower (docs/methodology.md §5.2, §8 E6)';

CREATE FUNCTION perf_eval.percentage_points(percent numeric, pts numeric, scale text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_percentage_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.percentage_points(numeric, numeric, text) IS
'pts*scale(x) for a percentage or survey indicator, x in 0..100: S, V, G, P of K, N, T, Y of O, A-E of M, local content (docs/methodology.md §5.2, §0.8; the scales are assumed where the published documents are silent)';

CREATE FUNCTION perf_eval.training_score(
    advanced_done bigint, advanced_due bigint, retraining_done bigint, retraining_due bigint,
    k numeric, w_advanced numeric, w_retraining numeric, empty_ratio numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_training_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.training_score(bigint, bigint, bigint, bigint, numeric, numeric, numeric, numeric) IS
'U = k*(w_a*a/b + w_r*c/d), training of civil servants; a/b := empty_ratio (1) when b = 0, c/d likewise when d = 0; a <= b, c <= d (APA 2020 report, chapter 3 recommendations)';

CREATE FUNCTION perf_eval.ekyzmet_bonus(documents_per_servant numeric, target numeric, pts numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_ekyzmet_bonus'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.ekyzmet_bonus(numeric, numeric, numeric) IS
'E-kyzmet bonus of O = pts*min(1, documents processed automatically per civil servant / target) (APA 2020 report §3.1; §3.4; points assumed)';

CREATE FUNCTION perf_eval.it_portal_score(registered bigint, systems bigint, pts numeric, no_systems_points numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_portal_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_portal_score(bigint, bigint, numeric, numeric) IS
'IT portal = pts*registered/systems: share of information systems on the balance registered with documentation on the architecture portal; no systems -> no_systems_points (docs/methodology.md §5.3; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 4, 5)';

CREATE FUNCTION perf_eval.it_integration_score(implemented bigint, planned bigint, pts numeric, none_planned_points numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_integration_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_integration_score(bigint, bigint, numeric, numeric) IS
'IT integration = pts*implemented/planned integrations; none planned -> none_planned_points (0 in kz2020, APA 2020 report §3.4; docs/methodology.md §5.3)';

CREATE FUNCTION perf_eval.it_relevance_score(levels numeric[], pts numeric, no_systems_points numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_relevance_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_relevance_score(numeric[], numeric, numeric) IS
'IT relevance C = pts*mean(l_i), l_i in 0..1 per information system or database; none -> no_systems_points (0 printed, 25 proposed) (APA 2020 report §3.5; docs/methodology.md §8 E20)';

CREATE FUNCTION perf_eval.it_automation_score(
    e1 bigint, e2 bigint, e3 bigint, e4 bigint, n bigint, non_automatable bigint,
    pts numeric, cap numeric, exclude_non_automatable boolean)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_automation_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_automation_score(bigint, bigint, bigint, bigint, bigint, bigint, numeric, numeric, boolean) IS
'IT automation E = min(cap, pts*(E1 + E2 + E3 + E4)/n), n less the non-automatable functions when excluded (kz2020_apa, APA 2020 report §3.5); n = 0 is 22023 (APA 2020 report §3.5; cap docs/methodology.md §8 E21)';

CREATE FUNCTION perf_eval.it_unused_deduction(unused bigint, per_item numeric, cap numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_it_unused_deduction'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.it_unused_deduction(bigint, numeric, numeric) IS
'IT deduction for unused information systems and databases = min(cap, per_item*unused), entering IT with sign -1 (docs/methodology.md §5.3; points assumed)';

CREATE FUNCTION perf_eval.hr_direction_score(k numeric, o numeric, m numeric, w numeric,
                                             maximum numeric, clamp text DEFAULT 'none')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_hr_direction_score'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.hr_direction_score(numeric, numeric, numeric, numeric, numeric, text) IS
'H = K + O + M - W, personnel management, with the clamp policy and the direction maximum (APA 2020 report §3.1; docs/methodology.md §5.2, §0.6)';
-- =========================================================================
-- Section: the registry of assessed bodies and their scope per block (METHODOLOGY §1.1, §1.3)
-- =========================================================================

CREATE TABLE perf_eval.body (
    code     text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    kind     text NOT NULL CHECK (kind IN ('CSB', 'LEB')),
    name_en  text NOT NULL,
    name_ru  text NOT NULL,
    shipped  boolean NOT NULL DEFAULT false
);
COMMENT ON COLUMN perf_eval.body.code IS 'Short code of the state body in upper case, e.g. MF, ACSA, ALMATY';
COMMENT ON COLUMN perf_eval.body.kind IS 'Kind of body: CSB (central state body: ministry, agency) | LEB (local executive body: akimat of a region or city); ranks are per kind';
COMMENT ON COLUMN perf_eval.body.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.body.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.body.shipped IS 'True for bodies installed with the extension; false for bodies a user added';
COMMENT ON TABLE perf_eval.body IS
'Assessed bodies: CSB (central state bodies: ministries, agencies) and LEB (akimats of regions and of Almaty, Nur-Sultan, Shymkent); shipped from data/bodies.csv, users may add their own';

-- The 41 bodies of ../shared/data/bodies.csv (codes are stable across views and vectors).
INSERT INTO perf_eval.body (code, kind, name_en, name_ru, shipped) VALUES
('ACSA', 'CSB', 'Agency for Civil Service Affairs', 'Агентство Республики Казахстан по делам государственной службы', true),
('APDC', 'CSB', 'Agency for Protection and Development of Competition', 'Агентство по защите и развитию конкуренции Республики Казахстан', true),
('ARDFM', 'CSB', 'Agency for Regulation and Development of the Financial Market', 'Агентство Республики Казахстан по регулированию и развитию финансового рынка', true),
('GPO', 'CSB', 'General Prosecutor''s Office', 'Генеральная прокуратура Республики Казахстан', true),
('MA', 'CSB', 'Ministry of Agriculture', 'Министерство сельского хозяйства Республики Казахстан', true),
('MCS', 'CSB', 'Ministry of Culture and Sport', 'Министерство культуры и спорта Республики Казахстан', true),
('MD', 'CSB', 'Ministry of Defence', 'Министерство обороны Республики Казахстан', true),
('MDDIAI', 'CSB', 'Ministry of Digital Development, Innovation and Aerospace Industry', 'Министерство цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан', true),
('ME', 'CSB', 'Ministry of Energy', 'Министерство энергетики Республики Казахстан', true),
('MEGNR', 'CSB', 'Ministry of Ecology, Geology and Natural Resources', 'Министерство экологии, геологии и природных ресурсов Республики Казахстан', true),
('MEMS', 'CSB', 'Ministry of Emergency Situations', 'Министерство по чрезвычайным ситуациям Республики Казахстан', true),
('MES', 'CSB', 'Ministry of Education and Science', 'Министерство образования и науки Республики Казахстан', true),
('MF', 'CSB', 'Ministry of Finance', 'Министерство финансов Республики Казахстан', true),
('MFA', 'CSB', 'Ministry of Foreign Affairs', 'Министерство иностранных дел Республики Казахстан', true),
('MH', 'CSB', 'Ministry of Healthcare', 'Министерство здравоохранения Республики Казахстан', true),
('MIA', 'CSB', 'Ministry of Internal Affairs', 'Министерство внутренних дел Республики Казахстан', true),
('MIID', 'CSB', 'Ministry of Industry and Infrastructure Development', 'Министерство индустрии и инфраструктурного развития Республики Казахстан', true),
('MISD', 'CSB', 'Ministry of Information and Social Development', 'Министерство информации и общественного развития Республики Казахстан', true),
('MJ', 'CSB', 'Ministry of Justice', 'Министерство юстиции Республики Казахстан', true),
('MLSPP', 'CSB', 'Ministry of Labour and Social Protection of the Population', 'Министерство труда и социальной защиты населения Республики Казахстан', true),
('MNE', 'CSB', 'Ministry of National Economy', 'Министерство национальной экономики Республики Казахстан', true),
('MTI', 'CSB', 'Ministry of Trade and Integration', 'Министерство торговли и интеграции Республики Казахстан', true),
('NB', 'CSB', 'National Bank of Kazakhstan', 'Национальный Банк Республики Казахстан', true),
('SCJAD', 'CSB', 'Department for Support of Courts'' Activity at the Supreme Court', 'Департамент по обеспечению деятельности судов при Верховном Суде Республики Казахстан', true),
('AKMOLA', 'LEB', 'Akimat of Akmola region', 'Акимат Акмолинской области', true),
('AKTOBE', 'LEB', 'Akimat of Aktobe region', 'Акимат Актюбинской области', true),
('ALMATY_CITY', 'LEB', 'Akimat of Almaty city', 'Акимат г. Алматы', true),
('ALMATY_REG', 'LEB', 'Akimat of Almaty region', 'Акимат Алматинской области', true),
('ATYRAU', 'LEB', 'Akimat of Atyrau region', 'Акимат Атырауской области', true),
('EKO', 'LEB', 'Akimat of East Kazakhstan region', 'Акимат Восточно-Казахстанской области', true),
('KARAGANDA', 'LEB', 'Akimat of Karaganda region', 'Акимат Карагандинской области', true),
('KOSTANAY', 'LEB', 'Akimat of Kostanay region', 'Акимат Костанайской области', true),
('KYZYLORDA', 'LEB', 'Akimat of Kyzylorda region', 'Акимат Кызылординской области', true),
('MANGYSTAU', 'LEB', 'Akimat of Mangystau region', 'Акимат Мангистауской области', true),
('NKO', 'LEB', 'Akimat of North Kazakhstan region', 'Акимат Северо-Казахстанской области', true),
('NURSULTAN_CITY', 'LEB', 'Akimat of Nur-Sultan city', 'Акимат г. Нур-Султан', true),
('PAVLODAR', 'LEB', 'Akimat of Pavlodar region', 'Акимат Павлодарской области', true),
('SHYMKENT_CITY', 'LEB', 'Akimat of Shymkent city', 'Акимат г. Шымкент', true),
('TURKESTAN', 'LEB', 'Akimat of Turkestan region', 'Акимат Туркестанской области', true),
('WKO', 'LEB', 'Akimat of West Kazakhstan region', 'Акимат Западно-Казахстанской области', true),
('ZHAMBYL', 'LEB', 'Akimat of Zhambyl region', 'Акимат Жамбылской области', true);

CREATE TABLE perf_eval.block (
    code        text PRIMARY KEY,
    block_order integer NOT NULL UNIQUE,
    title_en    text NOT NULL,
    title_ru    text NOT NULL
);
COMMENT ON COLUMN perf_eval.block.code IS 'Code of the assessment block: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.block.block_order IS 'Sort key of the block in report order (1 first)';
COMMENT ON COLUMN perf_eval.block.title_en IS 'Title of the block in English';
COMMENT ON COLUMN perf_eval.block.title_ru IS 'Title of the block in Russian';
COMMENT ON TABLE perf_eval.block IS 'The assessment blocks (docs/methodology.md §1.1); composite exists only where a version defines composite weights (§1.4)';
INSERT INTO perf_eval.block VALUES
('goals',       1, 'Achievement of goals',                                 'Достижение целей'),
('interaction', 2, 'Interaction with individuals and legal entities',      'Взаимодействие с физическими и юридическими лицами'),
('orgdev',      3, 'Organisational development',                           'Организационное развитие'),
('composite',   4, 'Composite score',                                      'Сводная оценка');

CREATE TABLE perf_eval.body_scope (
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    block       text NOT NULL REFERENCES perf_eval.block (code),
    year_from   integer NOT NULL,
    year_to     integer,
    status      text NOT NULL CHECK (status IN ('assessed_ranked', 'assessed_not_ranked', 'exempt')),
    publication_restricted boolean NOT NULL DEFAULT false,
    note        text,
    shipped     boolean NOT NULL DEFAULT false,
    CHECK (year_to IS NULL OR year_to >= year_from),
    PRIMARY KEY (body, block, year_from)
);
COMMENT ON COLUMN perf_eval.body_scope.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.body_scope.block IS 'Code of the block the scope applies to (perf_eval.block.code)';
COMMENT ON COLUMN perf_eval.body_scope.year_from IS 'First assessed year the scope applies to';
COMMENT ON COLUMN perf_eval.body_scope.year_to IS 'Last assessed year the scope applies to; NULL for open-ended';
COMMENT ON COLUMN perf_eval.body_scope.status IS 'Scope: assessed_ranked (computed and ranked) | assessed_not_ranked (computed, shown as advisory, excluded from ranks, means and zone counts) | exempt (not assessed)';
COMMENT ON COLUMN perf_eval.body_scope.publication_restricted IS 'True if the score may be shown only to roles allowed to see restricted scores (the rank is still shown)';
COMMENT ON COLUMN perf_eval.body_scope.note IS 'Reason for the scope (e.g. created during the year, classified strategic plan)';
COMMENT ON COLUMN perf_eval.body_scope.shipped IS 'True for rows installed with the extension; false for rows a user added';
COMMENT ON TABLE perf_eval.body_scope IS
'Scope of a body in a block for a range of years: assessed_ranked (the default when no row applies), assessed_not_ranked (advisory, excluded from ranks, means and zone counts) or exempt (docs/methodology.md §1.3)';

-- Year ranges of one body and block must not overlap: one status per year.
CREATE FUNCTION perf_eval.body_scope_no_overlap()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM perf_eval.body_scope AS s
               WHERE s.body = NEW.body AND s.block = NEW.block AND s.year_from <> NEW.year_from
                 AND int4range(s.year_from, s.year_to, '[]') && int4range(NEW.year_from, NEW.year_to, '[]')) THEN
        RAISE EXCEPTION 'scope of % in block % overlaps another range', NEW.body, NEW.block
            USING ERRCODE = '23P01',
                  DETAIL = format('years %s to %s', NEW.year_from, coalesce(NEW.year_to::text, 'open')),
                  HINT = 'docs/methodology.md §1.3: one scope status per body, block and year.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER body_scope_no_overlap BEFORE INSERT OR UPDATE ON perf_eval.body_scope
FOR EACH ROW EXECUTE FUNCTION perf_eval.body_scope_no_overlap();

-- Known scope at the 2020 assessment (METHODOLOGY §1.3); overridable data.
INSERT INTO perf_eval.body_scope (body, block, year_from, year_to, status, publication_restricted, note, shipped)
SELECT b.code, s.block, s.year_from, NULL, s.status, false, s.note, true
FROM (VALUES
    ('GPO',   'goals',  2017, 'exempt', 'law enforcement: assessed on interaction only'),
    ('GPO',   'orgdev', 2017, 'exempt', 'law enforcement: assessed on interaction only'),
    ('SCJAD', 'goals',  2017, 'exempt', 'court support: assessed on interaction only'),
    ('SCJAD', 'orgdev', 2017, 'exempt', 'court support: assessed on interaction only'),
    ('MIA',   'goals',  2017, 'exempt', 'law enforcement: assessed on interaction only'),
    ('MIA',   'orgdev', 2017, 'exempt', 'law enforcement: assessed on interaction only'),
    ('MD',    'goals',  2017, 'exempt', 'defence: assessed on interaction only'),
    ('MD',    'orgdev', 2017, 'exempt', 'defence: assessed on interaction only'),
    ('NB',    'orgdev', 2017, 'exempt', 'exempt from organisational development'),
    ('ARDFM', 'orgdev', 2017, 'exempt', 'exempt from organisational development'),
    ('APDC',  'interaction', 2020, 'assessed_not_ranked', 'created in the second half of 2020'),
    ('APDC',  'orgdev',      2020, 'assessed_not_ranked', 'created in the second half of 2020'),
    ('APDC',  'goals',       2020, 'exempt',              'created in the second half of 2020'),
    ('MEMS',  'interaction', 2020, 'assessed_not_ranked', 'created in the second half of 2020'),
    ('MEMS',  'goals',       2020, 'exempt',              'created in the second half of 2020'),
    ('MEMS',  'orgdev',      2020, 'exempt',              'created in the second half of 2020')
) AS s(code, block, year_from, status, note)
JOIN perf_eval.body AS b ON b.code = s.code;

INSERT INTO perf_eval.body_scope (body, block, year_from, year_to, status, publication_restricted, note, shipped)
VALUES ('MFA', 'goals', 2017, NULL, 'assessed_ranked', true,
        'the strategic plan is classified: views show the rank, the score only to authorised roles', true);

CREATE FUNCTION perf_eval.scope_status(body text, block text, year integer)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT s.status FROM perf_eval.body_scope AS s
                     WHERE s.body = $1 AND s.block = $2
                       AND $3 >= s.year_from AND ($3 <= s.year_to OR s.year_to IS NULL)),
                    'assessed_ranked')
$$;
COMMENT ON FUNCTION perf_eval.scope_status(text, text, integer) IS
'The scope of a body in a block and year: the applicable body_scope row, else assessed_ranked (docs/methodology.md §1.3)';

-- Users' bodies and scope rows survive pg_dump; shipped ones come from CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.body', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.body_scope', 'WHERE NOT shipped');

-- Which login roles submit for which body.
CREATE TABLE perf_eval.body_submitter (
    member_role name NOT NULL,
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE ON DELETE CASCADE,
    PRIMARY KEY (member_role, body)
);
COMMENT ON COLUMN perf_eval.body_submitter.member_role IS 'Login role that submits data for the body';
COMMENT ON COLUMN perf_eval.body_submitter.body IS 'Code of the state body the role submits for (perf_eval.body.code)';
COMMENT ON TABLE perf_eval.body_submitter IS
'Login roles (members of perf_eval_submitter) allowed to enter the inputs of a body; row-level security on input tables uses it';
SELECT pg_catalog.pg_extension_config_dump('perf_eval.body_submitter', '');

CREATE FUNCTION perf_eval.submits_for(body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.body_submitter AS s
                   WHERE s.body = $1 AND pg_catalog.pg_has_role(current_user, s.member_role, 'MEMBER'))
$$;
COMMENT ON FUNCTION perf_eval.submits_for(text) IS 'True if the current role submits inputs for the body (perf_eval.body_submitter)';
-- =========================================================================
-- Section: the score tree's nodes (METHODOLOGY §1.1, §1.2)
-- =========================================================================

CREATE TABLE perf_eval.score_node (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z_]+(\.[a-z0-9_]+)*$'),
    parent      text REFERENCES perf_eval.score_node (code),
    block       text NOT NULL REFERENCES perf_eval.block (code),
    level       text NOT NULL CHECK (level IN ('block', 'direction', 'criterion')),
    node_order  integer NOT NULL,
    combine     text NOT NULL CHECK (combine IN ('weighted', 'sum', 'computed')),
    sign        integer NOT NULL DEFAULT 1 CHECK (sign IN (-1, 1)),
    weight_key  text,
    max_key     text NOT NULL,
    title_en    text NOT NULL,
    symbol      text,
    CHECK ((level = 'block') = (parent IS NULL))
);
COMMENT ON COLUMN perf_eval.score_node.code IS 'Dotted code of the node, e.g. interaction, interaction.complaints, interaction.complaints.timeliness';
COMMENT ON COLUMN perf_eval.score_node.parent IS 'Code of the parent node; NULL for a block';
COMMENT ON COLUMN perf_eval.score_node.block IS 'Code of the block the node belongs to (perf_eval.block.code)';
COMMENT ON COLUMN perf_eval.score_node.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.score_node.node_order IS 'Sort key among the children of the same parent (1 first)';
COMMENT ON COLUMN perf_eval.score_node.combine IS 'How the node is computed from its children: weighted (weighted sum) | sum | computed (by a formula from inputs)';
COMMENT ON COLUMN perf_eval.score_node.weight_key IS 'Parameter key of the node''s weight in a weighted parent; NULL when the parent sums';
COMMENT ON COLUMN perf_eval.score_node.max_key IS 'Parameter key of the node''s maximum in points';
COMMENT ON COLUMN perf_eval.score_node.title_en IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.score_node.symbol IS 'Symbol of the node in the methodology (e.g. R1, K, IT); NULL if it has none';
COMMENT ON TABLE perf_eval.score_node IS
'Nodes of the score tree: block -> direction -> criterion. combine says how a node is computed from its children when not supplied: weighted (sum of weight_key x child over children whose weight the version defines), sum (sum of sign x child over the children present), computed (by a node computer). weight_key and max_key may contain {kind} (csb/leb); max_key names the parameter holding the node maximum (docs/methodology.md §1.1)';
COMMENT ON COLUMN perf_eval.score_node.sign IS 'How the node enters a sum parent: -1 for deductions and penalties shown as positive points (W, subordinate deduction)';

INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key, title_en, symbol) VALUES
-- blocks
('goals',        NULL, 'goals',       'block', 1, 'computed', 1, 'composite.w_goals',       'node.max', 'Achievement of goals', NULL),
('interaction',  NULL, 'interaction', 'block', 2, 'weighted', 1, 'composite.w_interaction', 'node.max', 'Interaction with individuals and legal entities', 'O / A'),
('orgdev',       NULL, 'orgdev',      'block', 3, 'weighted', 1, 'composite.w_orgdev',      'node.max', 'Organisational development', NULL),
('composite',    NULL, 'composite',   'block', 4, 'weighted', 1, NULL,                      'node.max', 'Composite score (kz2017)', NULL),
-- goals directions (the block formula is in the goals computer, METHODOLOGY §3.5)
('goals.strategic', 'goals', 'goals', 'direction', 1, 'computed', 1, NULL, 'node.max', 'Achievement of strategic goals', 'S'),
('goals.budget',    'goals', 'goals', 'direction', 2, 'computed', 1, NULL, 'node.max', 'Budget component', NULL),
('goals.penalties', 'goals', 'goals', 'direction', 3, 'computed', -1, NULL, 'node.max', 'Penalty points for unreliable, incomplete or late reporting', NULL),
-- interaction directions (METHODOLOGY §4.1)
('interaction.satisfaction', 'interaction', 'interaction', 'direction', 1, 'computed', 1, 'interaction.{kind}.w_satisfaction', 'node.max', 'Satisfaction of service recipients (kz2020_apa)', 'S'),
('interaction.services',     'interaction', 'interaction', 'direction', 2, 'sum',      1, 'interaction.{kind}.w_services',     'node.max', 'Public services', 'U / T'),
('interaction.openness',     'interaction', 'interaction', 'direction', 3, 'sum',      1, 'interaction.{kind}.w_openness',     'node.max', 'Openness', 'D / F'),
('interaction.complaints',   'interaction', 'interaction', 'direction', 4, 'sum',      1, 'interaction.{kind}.w_complaints',   'node.max', 'Quality of handling complaints and applications', 'H'),
-- complaint criteria (METHODOLOGY §4.4)
('interaction.complaints.timeliness',          'interaction.complaints', 'interaction', 'criterion', 1, 'computed', 1, NULL, 'complaints.r1.k', 'Compliance with the terms of consideration', 'R1'),
('interaction.complaints.one_time_acceptance', 'interaction.complaints', 'interaction', 'criterion', 2, 'computed', 1, NULL, 'complaints.one_time_acceptance.pts', 'One-time acceptance of documents (kz2020_apa)', NULL),
('interaction.complaints.court',               'interaction.complaints', 'interaction', 'criterion', 3, 'computed', 1, NULL, 'complaints.r2.k', 'Complaints recognised justified by a court', 'R2'),
('interaction.complaints.repeat',              'interaction.complaints', 'interaction', 'criterion', 4, 'computed', 1, NULL, 'complaints.r3.k', 'Repeated justified complaints', 'R3'),
('interaction.complaints.internal_control',    'interaction.complaints', 'interaction', 'criterion', 5, 'computed', 1, NULL, 'complaints.r4.max', 'Internal control over consideration (kz2020_apa: internal audit)', 'R4'),
-- organisational development directions (METHODOLOGY §5.1)
('orgdev.hr', 'orgdev', 'orgdev', 'direction', 1, 'sum', 1, 'orgdev.w_hr', 'node.max', 'Personnel management', 'H'),
('orgdev.it', 'orgdev', 'orgdev', 'direction', 2, 'sum', 1, 'orgdev.w_it', 'node.max', 'Use of information technology', 'IT');

CREATE FUNCTION perf_eval.node_maximum(node text, methodology text, kind text DEFAULT NULL)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- A max_key may contain {kind}: the maximum then differs between CSBs and
    -- LEBs (e.g. goals.{kind}.pts_strategic, 70 and 60; METHODOLOGY §2.3, §2.4).
    SELECT p.value::numeric
    FROM perf_eval.score_node AS n
    JOIN perf_eval.methodology_param AS p
      ON p.methodology = $2 AND p.key = replace(n.max_key, '{kind}', coalesce(lower($3), '{kind}'))
    WHERE n.code = $1
$$;
COMMENT ON FUNCTION perf_eval.node_maximum(text, text, text) IS
'The maximum points of a node under a methodology for a body kind (CSB, LEB): its max_key parameter, with {kind} replaced; NULL if the node does not exist in that version for that kind';
-- =========================================================================
-- Section: assessment inputs common to all blocks: complaint counts,
-- supplied scores, penalty events (METHODOLOGY §1.2, §3.4, §4.4)
-- Block-specific inputs live in the block's own part.
-- =========================================================================

-- Yearly complaint counts of a body, when the registry itself is not loaded
-- (the recalculation prefers these; otherwise it merges the monthly tallies).
CREATE TABLE perf_eval.complaint_counts (
    body                        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                        integer NOT NULL,
    considered                  bigint NOT NULL CHECK (considered >= 0),
    late                        bigint NOT NULL CHECK (late >= 0),
    court_satisfied             bigint NOT NULL CHECK (court_satisfied >= 0),
    higher_authority_satisfied  bigint NOT NULL DEFAULT 0 CHECK (higher_authority_satisfied >= 0),
    repeated_satisfied          bigint NOT NULL CHECK (repeated_satisfied >= 0),
    late_disciplined            bigint NOT NULL CHECK (late_disciplined >= 0),
    source                      text,
    loaded_by                   name NOT NULL DEFAULT current_user,
    loaded_at                   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT late_within_considered CHECK (late <= considered),
    CONSTRAINT court_within_considered CHECK (court_satisfied + higher_authority_satisfied <= considered),
    CONSTRAINT repeated_within_considered CHECK (repeated_satisfied <= considered),
    CONSTRAINT disciplined_within_late CHECK (late_disciplined <= late)
);
COMMENT ON COLUMN perf_eval.complaint_counts.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.complaint_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.complaint_counts.considered IS 'Number of complaints considered (p, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.late IS 'Number of complaints considered late (f, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.court_satisfied IS 'Number of complaints recognised as justified by a court (a, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.higher_authority_satisfied IS 'Number of complaints satisfied by a higher authority (c, count; kz2017 only)';
COMMENT ON COLUMN perf_eval.complaint_counts.repeated_satisfied IS 'Number of repeated complaints satisfied on reconsideration (n, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.late_disciplined IS 'Number of late complaints followed by disciplinary action (d, count)';
COMMENT ON COLUMN perf_eval.complaint_counts.source IS 'Where the counts come from (document, registry extract)';
COMMENT ON COLUMN perf_eval.complaint_counts.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.complaint_counts.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.complaint_counts IS
'Complaint counts per body and year: p = considered, f = late, a = court_satisfied, c = higher_authority_satisfied, n = repeated_satisfied, d = late_disciplined (docs/methodology.md §4.4)';

-- A score given by the authorised assessor instead of (or over) the computed one.
CREATE TABLE perf_eval.supplied_score (
    body            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year            integer NOT NULL,
    node            text NOT NULL REFERENCES perf_eval.score_node (code),
    methodology     text REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE ON DELETE CASCADE,
    value           numeric NOT NULL,
    supplied_by     name NOT NULL DEFAULT current_user,
    supplied_at     timestamptz NOT NULL DEFAULT now(),
    basis_document  text,
    note            text,
    UNIQUE NULLS NOT DISTINCT (body, year, node, methodology)
);
COMMENT ON COLUMN perf_eval.supplied_score.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.supplied_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.supplied_score.node IS 'Code of the score node supplied (perf_eval.score_node.code)';
COMMENT ON COLUMN perf_eval.supplied_score.methodology IS 'Methodology version the score applies to; NULL applies to every version';
COMMENT ON COLUMN perf_eval.supplied_score.value IS 'Supplied score in points, 0..the node''s maximum (100 for a block or direction)';
COMMENT ON COLUMN perf_eval.supplied_score.supplied_by IS 'Database role that supplied the score';
COMMENT ON COLUMN perf_eval.supplied_score.supplied_at IS 'When the score was supplied';
COMMENT ON COLUMN perf_eval.supplied_score.basis_document IS 'Document the supplied score is based on (e.g. the assessor''s conclusion)';
COMMENT ON COLUMN perf_eval.supplied_score.note IS 'Free-text note on the supplied score';
COMMENT ON TABLE perf_eval.supplied_score IS
'Scores supplied by the authorised assessor (e.g. the HR direction from the civil-service agency); methodology NULL applies to every version; the value must lie in [0, node maximum] (docs/methodology.md §1.2)';

CREATE FUNCTION perf_eval.supplied_score_in_range()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    version text := perf_eval.resolve_methodology(NEW.methodology);
    maximum numeric := perf_eval.node_maximum(NEW.node, version,
                                              (SELECT b.kind FROM perf_eval.body AS b WHERE b.code = NEW.body));
BEGIN
    IF maximum IS NULL THEN
        RAISE EXCEPTION 'node % does not exist in methodology %', NEW.node, version
            USING ERRCODE = '22023',
                  DETAIL = format('body %s, year %s.', NEW.body, NEW.year),
                  HINT = 'docs/methodology.md §1.1 lists the nodes of each version.';
    END IF;
    IF NEW.value < 0 OR NEW.value > maximum OR NEW.value IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'supplied score of % must lie between 0 and %', NEW.node, maximum
            USING ERRCODE = '22003',
                  DETAIL = format('body %s, year %s, node %s, value %s, methodology %s.',
                                  NEW.body, NEW.year, NEW.node, NEW.value, version),
                  HINT = 'docs/methodology.md §1.2: a supplied score lies in [0, node maximum].';
    END IF;
    NEW.supplied_by := current_user;
    RETURN NEW;
END
$$;
CREATE TRIGGER supplied_score_in_range BEFORE INSERT OR UPDATE ON perf_eval.supplied_score
FOR EACH ROW EXECUTE FUNCTION perf_eval.supplied_score_in_range();

-- Facts that cost penalty points (METHODOLOGY §3.4, §5.2 W).
CREATE TABLE perf_eval.penalty_event (
    penalty_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year        integer NOT NULL,
    block       text NOT NULL REFERENCES perf_eval.block (code),
    kind        text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    count       integer NOT NULL CHECK (count >= 0),
    note        text,
    recorded_by name NOT NULL DEFAULT current_user,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN perf_eval.penalty_event.penalty_id IS 'Identifier of the penalty fact';
COMMENT ON COLUMN perf_eval.penalty_event.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.penalty_event.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.penalty_event.block IS 'Code of the block the penalty is deducted from (goals | orgdev)';
COMMENT ON COLUMN perf_eval.penalty_event.kind IS 'Kind of penalty fact; its points per fact are the parameter <block>.penalty.<kind>, e.g. unreliable, incomplete, untimely';
COMMENT ON COLUMN perf_eval.penalty_event.count IS 'Number of facts of this kind (count)';
COMMENT ON COLUMN perf_eval.penalty_event.note IS 'Free-text description of the facts';
COMMENT ON COLUMN perf_eval.penalty_event.recorded_by IS 'Database role that recorded the facts';
COMMENT ON COLUMN perf_eval.penalty_event.recorded_at IS 'When the facts were recorded';
COMMENT ON TABLE perf_eval.penalty_event IS
'Penalty facts per body, year and block; kind is a penalty parameter of the block (goals.penalty.<kind>, hr.penalty.<kind>), checked at recalculation (docs/methodology.md §3.4)';
CREATE INDEX penalty_event_body_year ON perf_eval.penalty_event (year, body);

-- =========================================================================
-- Loading with a validation report: \copy into a staging table (all text),
-- read the report, accept when it is empty. Nothing is skipped silently.
-- =========================================================================

CREATE TABLE perf_eval.complaint_counts_staging (
    line_no                    bigint GENERATED ALWAYS AS IDENTITY,
    body                       text,
    year                       text,
    considered                 text,
    late                       text,
    court_satisfied            text,
    higher_authority_satisfied text,
    repeated_satisfied         text,
    late_disciplined           text,
    source                     text
);
COMMENT ON COLUMN perf_eval.complaint_counts_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.considered IS 'Number of complaints considered, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.late IS 'Number of complaints considered late, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.court_satisfied IS 'Number recognised justified by a court, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.higher_authority_satisfied IS 'Number satisfied by a higher authority, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.repeated_satisfied IS 'Number of repeated complaints satisfied, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.late_disciplined IS 'Number of late complaints with disciplinary action, as loaded (text)';
COMMENT ON COLUMN perf_eval.complaint_counts_staging.source IS 'Where the counts come from, as loaded';
COMMENT ON TABLE perf_eval.complaint_counts_staging IS
'Landing table for \copy of complaint counts: every column is text so no row is rejected by COPY; perf_eval.complaint_counts_report() lists every bad row';

CREATE TABLE perf_eval.supplied_score_staging (
    line_no         bigint GENERATED ALWAYS AS IDENTITY,
    body            text,
    year            text,
    node            text,
    methodology     text,
    value           text,
    basis_document  text,
    note            text
);
COMMENT ON COLUMN perf_eval.supplied_score_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.supplied_score_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.supplied_score_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.supplied_score_staging.node IS 'Code of the score node, as loaded';
COMMENT ON COLUMN perf_eval.supplied_score_staging.methodology IS 'Methodology version, as loaded; empty or NULL for every version';
COMMENT ON COLUMN perf_eval.supplied_score_staging.value IS 'Supplied score in points, as loaded (text)';
COMMENT ON COLUMN perf_eval.supplied_score_staging.basis_document IS 'Document the supplied score is based on, as loaded';
COMMENT ON COLUMN perf_eval.supplied_score_staging.note IS 'Free-text note, as loaded';
COMMENT ON TABLE perf_eval.supplied_score_staging IS
'Landing table for \copy of supplied scores; perf_eval.supplied_score_report() lists every bad row';

-- Helpers for reports: a text that is a non-negative integer / a finite numeric.
CREATE FUNCTION perf_eval.is_count_text(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT $1 ~ '^\s*[0-9]{1,18}\s*$' $$;

CREATE FUNCTION perf_eval.count_or_null(value text)
RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN perf_eval.is_count_text($1) THEN trim($1)::bigint END $$;

CREATE FUNCTION perf_eval.is_numeric_text(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT $1 ~ '^\s*-?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*$' $$;

CREATE FUNCTION perf_eval.complaint_counts_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (SELECT row_number() OVER (ORDER BY st.line_no) AS line, st.* FROM perf_eval.complaint_counts_staging AS st),
    field_check AS (
        SELECT s.line, s.body, s.year, f.field, f.value
        FROM s CROSS JOIN LATERAL (VALUES
            ('considered', s.considered), ('late', s.late), ('court_satisfied', s.court_satisfied),
            ('higher_authority_satisfied', coalesce(s.higher_authority_satisfied, '0')),
            ('repeated_satisfied', s.repeated_satisfied), ('late_disciplined', s.late_disciplined)) AS f(field, value)
    ),
    problems AS (
        SELECT s.line, s.body, s.year, 'body'::text AS field, 'unknown body code'::text AS reason
        FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = s.body)
        UNION ALL
        SELECT s.line, s.body, s.year, 'year', 'year must be an integer'
        FROM s WHERE s.year IS NULL OR s.year !~ '^\s*[0-9]{4}\s*$'
        UNION ALL
        SELECT c.line, c.body, c.year, c.field,
               CASE WHEN c.value IS NULL THEN 'missing'
                    WHEN c.value ~ '^\s*-' THEN 'must not be negative'
                    ELSE 'must be a whole number' END
        FROM field_check AS c WHERE c.value IS NULL OR NOT perf_eval.is_count_text(c.value)
        UNION ALL
        SELECT n.line, n.body, n.year, p.field, p.reason
        FROM (SELECT s.line, s.body, s.year,
                     perf_eval.count_or_null(s.considered) AS considered, perf_eval.count_or_null(s.late) AS late,
                     perf_eval.count_or_null(s.court_satisfied) AS court,
                     perf_eval.count_or_null(coalesce(s.higher_authority_satisfied, '0')) AS higher,
                     perf_eval.count_or_null(s.repeated_satisfied) AS repeated,
                     perf_eval.count_or_null(s.late_disciplined) AS disciplined
              FROM s) AS n
        CROSS JOIN LATERAL (VALUES
            ('late', 'late count must not exceed considered count', n.late > n.considered),
            ('court_satisfied', 'court_satisfied plus higher_authority_satisfied must not exceed considered count',
             n.court + n.higher > n.considered),
            ('repeated_satisfied', 'repeated_satisfied count must not exceed considered count', n.repeated > n.considered),
            ('late_disciplined', 'late_disciplined count must not exceed late count', n.disciplined > n.late)
        ) AS p(field, reason, failed)
        WHERE p.failed
        UNION ALL
        SELECT s.line, s.body, s.year, 'body, year', 'duplicate of line ' || min(s2.line)
        FROM s JOIN s AS s2 ON s2.body = s.body AND s2.year = s.year AND s2.line < s.line
        GROUP BY s.line, s.line_no, s.body, s.year
    )
    SELECT p.line, p.body, p.year, p.field, p.reason, s.line_no
    FROM problems AS p JOIN s USING (line)
    ORDER BY p.line, p.field
$$;
COMMENT ON FUNCTION perf_eval.complaint_counts_report() IS
'Every bad row of complaint_counts_staging with its field and reason (docs/methodology.md §4.5); empty when the staging table can be accepted';

CREATE FUNCTION perf_eval.accept_complaint_counts()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems bigint;
    accepted bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.complaint_counts_report();
    IF problems > 0 THEN
        RAISE EXCEPTION 'complaint_counts_staging has % problems', problems
            USING ERRCODE = '22023',
                  HINT = 'SELECT * FROM perf_eval.complaint_counts_report() lists them; nothing was loaded.';
    END IF;
    INSERT INTO perf_eval.complaint_counts AS c (body, year, considered, late, court_satisfied,
        higher_authority_satisfied, repeated_satisfied, late_disciplined, source)
    SELECT s.body, s.year::integer, s.considered::bigint, s.late::bigint, s.court_satisfied::bigint,
           coalesce(s.higher_authority_satisfied, '0')::bigint, s.repeated_satisfied::bigint,
           s.late_disciplined::bigint, s.source
    FROM perf_eval.complaint_counts_staging AS s
    ON CONFLICT (body, year) DO UPDATE
        SET considered = EXCLUDED.considered, late = EXCLUDED.late, court_satisfied = EXCLUDED.court_satisfied,
            higher_authority_satisfied = EXCLUDED.higher_authority_satisfied,
            repeated_satisfied = EXCLUDED.repeated_satisfied, late_disciplined = EXCLUDED.late_disciplined,
            source = EXCLUDED.source, loaded_by = current_user, loaded_at = now();
    GET DIAGNOSTICS accepted = ROW_COUNT;
    DELETE FROM perf_eval.complaint_counts_staging;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_complaint_counts() IS
'Moves complaint_counts_staging into complaint_counts (replacing a body-year already loaded) only if the report is empty; returns the rows accepted';

CREATE FUNCTION perf_eval.supplied_score_report()
RETURNS TABLE (line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (SELECT row_number() OVER (ORDER BY st.line_no) AS line, st.* FROM perf_eval.supplied_score_staging AS st),
    problems AS (
        SELECT s.line, s.body, s.year, 'body'::text AS field, 'unknown body code'::text AS reason
        FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = s.body)
        UNION ALL
        SELECT s.line, s.body, s.year, 'year', 'year must be an integer'
        FROM s WHERE s.year IS NULL OR s.year !~ '^\s*[0-9]{4}\s*$'
        UNION ALL
        SELECT s.line, s.body, s.year, 'node', 'unknown score node'
        FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.score_node AS n WHERE n.code = s.node)
        UNION ALL
        SELECT s.line, s.body, s.year, 'methodology', 'unknown methodology'
        FROM s WHERE s.methodology IS NOT NULL
                 AND NOT EXISTS (SELECT 1 FROM perf_eval.methodology AS m WHERE m.name = s.methodology)
        UNION ALL
        SELECT s.line, s.body, s.year, 'value', 'must be a number'
        FROM s WHERE s.value IS NULL OR NOT perf_eval.is_numeric_text(s.value)
        UNION ALL
        SELECT s.line, s.body, s.year, 'node', 'node does not exist in methodology ' || m.name
        FROM s
        JOIN perf_eval.score_node AS n ON n.code = s.node
        JOIN perf_eval.methodology AS m ON m.name = coalesce(s.methodology, perf_eval.resolve_methodology(NULL))
        JOIN perf_eval.body AS b ON b.code = s.body
        WHERE perf_eval.node_maximum(s.node, m.name, b.kind) IS NULL
        UNION ALL
        SELECT s.line, s.body, s.year, 'value', 'must lie between 0 and ' || perf_eval.node_maximum(s.node, m.name, b.kind)
        FROM s
        JOIN perf_eval.score_node AS n ON n.code = s.node
        JOIN perf_eval.methodology AS m ON m.name = coalesce(s.methodology, perf_eval.resolve_methodology(NULL))
        JOIN perf_eval.body AS b ON b.code = s.body
        CROSS JOIN LATERAL (SELECT CASE WHEN perf_eval.is_numeric_text(s.value) THEN trim(s.value)::numeric END AS v) AS parsed
        WHERE parsed.v < 0 OR parsed.v > perf_eval.node_maximum(s.node, m.name, b.kind)
        UNION ALL
        SELECT s.line, s.body, s.year, 'body, year, node, methodology', 'duplicate of line ' || min(s2.line)
        FROM s JOIN s AS s2 ON s2.body = s.body AND s2.year = s.year AND s2.node = s.node
                           AND s2.methodology IS NOT DISTINCT FROM s.methodology AND s2.line < s.line
        GROUP BY s.line, s.line_no, s.body, s.year
    )
    SELECT p.line, p.body, p.year, p.field, p.reason, s.line_no
    FROM problems AS p JOIN s USING (line)
    ORDER BY p.line, p.field
$$;
COMMENT ON FUNCTION perf_eval.supplied_score_report() IS
'Every bad row of supplied_score_staging with its field and reason (docs/methodology.md §1.2); empty when it can be accepted';

CREATE FUNCTION perf_eval.accept_supplied_scores()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems bigint;
    accepted bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.supplied_score_report();
    IF problems > 0 THEN
        RAISE EXCEPTION 'supplied_score_staging has % problems', problems
            USING ERRCODE = '22023',
                  HINT = 'SELECT * FROM perf_eval.supplied_score_report() lists them; nothing was loaded.';
    END IF;
    INSERT INTO perf_eval.supplied_score AS t (body, year, node, methodology, value, basis_document, note)
    SELECT s.body, s.year::integer, s.node, s.methodology, s.value::numeric, s.basis_document, s.note
    FROM perf_eval.supplied_score_staging AS s
    ON CONFLICT (body, year, node, methodology) DO UPDATE
        SET value = EXCLUDED.value, basis_document = EXCLUDED.basis_document, note = EXCLUDED.note,
            supplied_at = now();
    GET DIAGNOSTICS accepted = ROW_COUNT;
    DELETE FROM perf_eval.supplied_score_staging;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_supplied_scores() IS
'Moves supplied_score_staging into supplied_score only if the report is empty; returns the rows accepted';

-- Inputs are user data: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.complaint_counts', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.supplied_score', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.penalty_event', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.penalty_event_penalty_id_seq', '');
-- =========================================================================
-- Section: the complaints direction of a body under a methodology
-- (METHODOLOGY §4.4): the criteria with explanations, used by both
-- complaint_scores() and the recalculation's node computer
-- =========================================================================

CREATE FUNCTION perf_eval.complaint_criteria(tally perf_eval.complaint_tally, methodology text,
                                             source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Which criteria exist is read from the version:
--   kz2020:     R1 + R2 + R3 + R4                          (max 40 + 30 + 20 + 10)
--   kz2017:     R1 (x100) + R2 (tiers, a + c) + R3 supplied (no R4)
--   kz2020_apa: R1 (k 20) + one-time acceptance + R2 + R3 + internal audit (R4 bands by default)
-- Raw values (clamp none) with the version's zero-volume policy; a criterion
-- the counts cannot give is a NULL row with its reason.
DECLARE
    v text := methodology;
    zero_volume text := perf_eval.param_text(v, 'policy.zero_volume');
    has_r4 boolean := perf_eval.param_exists(v, 'complaints.r4.bands');
    has_r3 boolean := perf_eval.param_exists(v, 'complaints.r3.scale');
    tiered boolean := perf_eval.param_exists(v, 'complaints.r2.tiers');
    apa boolean := perf_eval.param_exists(v, 'complaints.one_time_acceptance.pts');
    inputs jsonb;
    raw numeric;
    higher bigint;
BEGIN
    IF tally IS NULL THEN
        RETURN;
    END IF;
    inputs := jsonb_build_object('p', (tally).considered, 'f', (tally).late,
                                 'a', (tally).court_satisfied, 'c', (tally).higher_authority_satisfied,
                                 'n', (tally).repeated_satisfied, 'd', (tally).late_disciplined,
                                 'source', source);

    raw := perf_eval.complaint_timeliness_score((tally).late, (tally).considered,
               perf_eval.param_numeric(v, 'complaints.r1.k'), perf_eval.param_numeric(v, 'complaints.r1.scale'),
               'none', zero_volume);
    RETURN QUERY SELECT 'interaction.complaints.timeliness', raw,
        CASE WHEN raw IS NULL THEN 'zero_volume' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'R1', 'text', 'R1 = k·(p − S·f)/p'),
            'clause', (SELECT p.source FROM perf_eval.methodology_param AS p
                       WHERE p.methodology = v AND p.key = 'complaints.r1.scale'),
            'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r1.k', 'complaints.r1.scale', 'policy.zero_volume']));

    IF tiered THEN
        higher := CASE WHEN perf_eval.param_boolean(v, 'complaints.r2.count_higher_authority')
                       THEN (tally).higher_authority_satisfied ELSE 0 END;
        raw := perf_eval.complaint_court_score_tiered((tally).court_satisfied, higher, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_text(v, 'complaints.r2.tiers'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'R2_2017', 'text', 'R2 = k·(b − S(b)·(a + c))/b'),
                'clause', 'APA 2020 report §2.2, Table 2.3', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r2.k', 'complaints.r2.tiers',
                    'complaints.r2.count_higher_authority', 'policy.zero_volume']));
    ELSE
        raw := perf_eval.complaint_court_score((tally).court_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_numeric(v, 'complaints.r2.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'R2', 'text', 'R2 = k·(p − S·a)/p'),
                'clause', 'APA 2020 report §2.5', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r2.k', 'complaints.r2.scale',
                    'policy.zero_volume']));
    END IF;

    IF has_r3 THEN
        raw := perf_eval.complaint_repeat_score((tally).repeated_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r3.k'), perf_eval.param_numeric(v, 'complaints.r3.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.repeat', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'R3', 'text', 'R3 = k·(m − S·n)/m'),
                'clause', 'APA 2020 report §2.5', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r3.k', 'complaints.r3.scale',
                    'policy.zero_volume']));
    ELSE
        -- kz2017: "share of satisfied complaints", a criterion the seeds do not define: supplied only.
        RETURN QUERY SELECT 'interaction.complaints.repeat', NULL::numeric, 'supplied_only',
            jsonb_build_object('formula', jsonb_build_object('id', 'R3_2017', 'text', 'supplied by the assessor'),
                               'clause', 'APA 2020 report §2.2', 'inputs', inputs,
                               'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r3.k']));
    END IF;

    IF has_r4 THEN
        raw := perf_eval.complaint_internal_control_points((tally).late_disciplined, (tally).late,
                   perf_eval.param_text(v, 'complaints.r4.bands'), 'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.internal_control', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', CASE WHEN apa THEN 'internal_audit' ELSE 'R4' END,
                                              'text', 'R4 = bands(100·d/f)'),
                'clause', 'APA 2020 report §2.5', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['complaints.r4.bands', 'policy.zero_volume']));
    END IF;

    IF apa THEN
        -- One-time acceptance needs the service-delivery registry (extra documents per 100 000).
        RETURN QUERY SELECT 'interaction.complaints.one_time_acceptance', NULL::numeric, 'no_data',
            jsonb_build_object('formula', jsonb_build_object('id', 'one_time_acceptance',
                                   'text', 'pts·scale(extra-document requests per 100 000 deliveries)'),
                               'clause', 'APA 2020 report, chapter 2 recommendations', 'inputs', inputs,
                               'parameters', perf_eval.param_explanation(v, ARRAY['complaints.one_time_acceptance.pts',
                                   'complaints.one_time_acceptance.scale']));
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_criteria(perf_eval.complaint_tally, text, text) IS
'Raw R1-R4 (and the kz2020_apa criteria) of one complaint tally under a methodology, with explanations: formula, clause, inputs, parameters with provenance (docs/methodology.md §4.4)';

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
-- The complaints direction H of a body from its counts, clamped with the
-- version's policy. A criterion the counts cannot give (kz2017 R3, the apa
-- one-time acceptance) is taken from the *_supplied argument; missing, it
-- makes H NULL (not assessable).
DECLARE
    clamp text;
    c record;
    points numeric;
    maximum numeric;
    sum_points numeric := 0;
    assessable boolean := true;
BEGIN
    IF tally IS NULL THEN
        RETURN;
    END IF;
    version := perf_eval.resolve_methodology(methodology);
    clamp := perf_eval.param_text(version, 'policy.clamp');
    FOR c IN SELECT * FROM perf_eval.complaint_criteria(tally, version) LOOP
        maximum := perf_eval.node_maximum(c.node, version);
        points := perf_eval.clamp_value(c.raw_value, maximum, clamp);
        IF c.raw_value IS NULL THEN
            points := CASE c.node WHEN 'interaction.complaints.repeat' THEN repeat_supplied
                                  WHEN 'interaction.complaints.one_time_acceptance' THEN one_time_acceptance_supplied END;
            IF points < 0 OR points > maximum THEN
                RAISE EXCEPTION 'supplied % must lie between 0 and %', c.node, maximum
                    USING ERRCODE = '22003',
                          DETAIL = format('supplied %s under %s.', points, version),
                          HINT = 'docs/methodology.md §1.2: a supplied score lies in [0, node maximum].';
            END IF;
        END IF;
        CASE c.node
            WHEN 'interaction.complaints.timeliness' THEN timeliness := points;
            WHEN 'interaction.complaints.court' THEN court := points;
            WHEN 'interaction.complaints.repeat' THEN repeat := points;
            WHEN 'interaction.complaints.one_time_acceptance' THEN one_time_acceptance := points;
            WHEN 'interaction.complaints.internal_control' THEN internal_control := points;
        END CASE;
        assessable := assessable AND points IS NOT NULL;
        sum_points := sum_points + coalesce(points, 0);
    END LOOP;
    total := CASE WHEN assessable THEN sum_points END;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_scores(perf_eval.complaint_tally, text, numeric, numeric) IS
'Complaints direction H and its criteria R1-R4 from a complaint_tally under a methodology version, with the version''s clamp and zero-volume policies (docs/methodology.md §4.4)';
-- =========================================================================
-- Section: recalculation runs and the score tree (METHODOLOGY §1, §9.4;
-- ARCHITECTURE §3 "Scheduling")
-- =========================================================================

CREATE TABLE perf_eval.run (
    run_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year            integer NOT NULL,
    methodology     text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    status          text NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'succeeded', 'failed', 'unchanged')),
    started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at     timestamptz,
    started_by      name NOT NULL DEFAULT session_user,
    inputs_digest   text,
    same_as_run     bigint REFERENCES perf_eval.run (run_id),
    bodies_scored   integer,
    nodes_scored    integer,
    error_sqlstate  text,
    error_message   text,
    error_detail    text,
    CHECK ((status = 'running') = (finished_at IS NULL)),
    CHECK ((status = 'unchanged') = (same_as_run IS NOT NULL)),
    CHECK ((status = 'failed') = (error_sqlstate IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.run.run_id IS 'Identifier of the run, increasing with time';
COMMENT ON COLUMN perf_eval.run.year IS 'Assessed year the run computed';
COMMENT ON COLUMN perf_eval.run.methodology IS 'Methodology version the run used (perf_eval.methodology.name)';
COMMENT ON COLUMN perf_eval.run.status IS 'Run status: running | succeeded | failed | unchanged (inputs identical to same_as_run, nothing recomputed)';
COMMENT ON COLUMN perf_eval.run.started_at IS 'When the run started';
COMMENT ON COLUMN perf_eval.run.finished_at IS 'When the run finished; NULL while running';
COMMENT ON COLUMN perf_eval.run.started_by IS 'Session role that started the run';
COMMENT ON COLUMN perf_eval.run.inputs_digest IS 'Digest of every input row and parameter of the year; equal digests mean unchanged inputs';
COMMENT ON COLUMN perf_eval.run.same_as_run IS 'For an unchanged run: the earlier run whose results still stand';
COMMENT ON COLUMN perf_eval.run.bodies_scored IS 'Number of bodies with at least one score in the run (count)';
COMMENT ON COLUMN perf_eval.run.nodes_scored IS 'Number of score rows the run wrote (count)';
COMMENT ON COLUMN perf_eval.run.error_sqlstate IS 'SQLSTATE of the error of a failed run';
COMMENT ON COLUMN perf_eval.run.error_message IS 'Error message of a failed run';
COMMENT ON COLUMN perf_eval.run.error_detail IS 'Error detail of a failed run (names the body, year and indicator)';
CREATE INDEX run_year_methodology ON perf_eval.run (year, methodology, run_id DESC);
COMMENT ON TABLE perf_eval.run IS
'Every recalculation: who, when, methodology, inputs digest, status (running, succeeded, failed, unchanged = inputs identical to same_as_run) and the error of a failed run';

CREATE TABLE perf_eval.score (
    run_id       bigint NOT NULL REFERENCES perf_eval.run (run_id) ON DELETE CASCADE,
    body         text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    node         text NOT NULL REFERENCES perf_eval.score_node (code),
    value        numeric,
    raw_value    numeric,
    origin       text NOT NULL CHECK (origin IN ('computed', 'supplied')),
    superseded   boolean NOT NULL DEFAULT false,
    status       text NOT NULL CHECK (status IN ('ok', 'not_assessable')),
    reason       text,
    explanation  jsonb NOT NULL,
    PRIMARY KEY (run_id, body, node),
    CHECK ((status = 'ok') = (value IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.score.run_id IS 'Run that computed the score (perf_eval.run.run_id)';
COMMENT ON COLUMN perf_eval.score.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.score.node IS 'Code of the score node (perf_eval.score_node.code)';
COMMENT ON COLUMN perf_eval.score.raw_value IS 'Value before the clamp policy, in points; may be negative or above the maximum';
COMMENT ON COLUMN perf_eval.score.origin IS 'How the value was obtained: computed (from inputs) | supplied (by the authorised assessor)';
COMMENT ON COLUMN perf_eval.score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.score.status IS 'ok (value present) | not_assessable (value NULL, see reason)';
COMMENT ON COLUMN perf_eval.score.reason IS 'Why the node is not assessable, e.g. zero_volume, not_published, plan_zero, no_data';
COMMENT ON COLUMN perf_eval.score.explanation IS 'How the value was obtained (jsonb): formula, clause, inputs, parameters with provenance, policies (docs/methodology.md §9.4)';
COMMENT ON TABLE perf_eval.score IS
'The score tree of a run: one row per body and node; value after the clamp policy, raw_value before it; origin computed or supplied; superseded when a supplied ancestor overrides it; explanation: formula, clause, inputs, parameters with provenance, policies (docs/methodology.md §9.4)';
COMMENT ON COLUMN perf_eval.score.value IS 'Unrounded; presentation views round half away from zero (docs/methodology.md §0.2)';

-- Scores are immutable: a new calculation is a new run. Rows are only ever
-- inserted (by the engine, or by a restore of a dump) and deleted with their run.
CREATE FUNCTION perf_eval.score_is_immutable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'scores of a run are immutable'
        USING ERRCODE = '55000',
              DETAIL = format('run %s, body %s, node %s.', OLD.run_id, OLD.body, OLD.node),
              HINT = 'Recalculate: a new calculation is a new run.';
END
$$;
CREATE TRIGGER score_is_immutable BEFORE UPDATE ON perf_eval.score
FOR EACH ROW EXECUTE FUNCTION perf_eval.score_is_immutable();

CREATE FUNCTION perf_eval.run_finishes_once()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF OLD.status <> 'running' THEN
        RAISE EXCEPTION 'run % is finished and immutable', OLD.run_id USING ERRCODE = '55000';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER run_finishes_once BEFORE UPDATE ON perf_eval.run
FOR EACH ROW EXECUTE FUNCTION perf_eval.run_finishes_once();

-- The current result of a year under a methodology: its latest successful run.
CREATE VIEW perf_eval.current_run AS
SELECT DISTINCT ON (r.year, r.methodology)
       r.run_id, r.year, r.methodology, r.finished_at, r.inputs_digest
FROM perf_eval.run AS r
WHERE r.status = 'succeeded'
ORDER BY r.year, r.methodology, r.run_id DESC;
COMMENT ON COLUMN perf_eval.current_run.run_id IS 'The latest succeeded run of the year and methodology';
COMMENT ON COLUMN perf_eval.current_run.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.current_run.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.current_run.finished_at IS 'When that run finished';
COMMENT ON COLUMN perf_eval.current_run.inputs_digest IS 'Digest of the inputs that run used';
COMMENT ON VIEW perf_eval.current_run IS
'The latest successful run per year and methodology: the current result (docs/methodology.md §9.1)';

CREATE VIEW perf_eval.current_score AS
SELECT c.year, c.methodology, s.*
FROM perf_eval.current_run AS c
JOIN perf_eval.score AS s USING (run_id);
COMMENT ON COLUMN perf_eval.current_score.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.current_score.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.current_score.run_id IS 'Current run of the year and methodology';
COMMENT ON COLUMN perf_eval.current_score.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.current_score.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.current_score.value IS 'Score in points after the clamp policy, unrounded; NULL if not assessable';
COMMENT ON COLUMN perf_eval.current_score.raw_value IS 'Value before the clamp policy, in points';
COMMENT ON COLUMN perf_eval.current_score.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.current_score.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.current_score.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.current_score.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.current_score.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON VIEW perf_eval.current_score IS 'The score tree of the current run of every year and methodology';

CREATE VIEW perf_eval.run_health AS
WITH last_run AS (
    SELECT DISTINCT ON (r.year, r.methodology) r.*
    FROM perf_eval.run AS r
    ORDER BY r.year, r.methodology, r.run_id DESC
)
SELECT l.year, l.methodology,
       l.run_id AS last_run_id, l.status AS last_status, l.started_at AS last_started_at,
       l.finished_at - l.started_at AS last_duration, l.error_message AS last_error,
       c.run_id AS current_run_id, c.finished_at AS last_success_at,
       CASE
           WHEN l.status = 'failed' THEN 'last run failed'
           WHEN c.run_id IS NULL THEN 'no successful run'
           WHEN c.finished_at < now() - interval '1 day'
                AND (l.status <> 'unchanged' OR l.finished_at < now() - interval '1 day')
               THEN 'last successful run older than a day'
           WHEN l.status = 'running' AND l.started_at < now() - interval '1 hour' THEN 'run in progress for over an hour'
       END AS problem
FROM last_run AS l
LEFT JOIN perf_eval.current_run AS c USING (year, methodology);
COMMENT ON COLUMN perf_eval.run_health.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.run_health.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.run_health.last_run_id IS 'The latest run of the year and methodology, whatever its status';
COMMENT ON COLUMN perf_eval.run_health.last_status IS 'Status of the latest run: running | succeeded | failed | unchanged';
COMMENT ON COLUMN perf_eval.run_health.last_started_at IS 'When the latest run started';
COMMENT ON COLUMN perf_eval.run_health.last_duration IS 'How long the latest run took (interval); NULL while running';
COMMENT ON COLUMN perf_eval.run_health.last_error IS 'Error message of the latest run if it failed';
COMMENT ON COLUMN perf_eval.run_health.current_run_id IS 'The latest succeeded run (the one the views show); NULL if none';
COMMENT ON COLUMN perf_eval.run_health.last_success_at IS 'When the current run finished';
COMMENT ON COLUMN perf_eval.run_health.problem IS 'What needs attention: last run failed | no successful run | last successful run older than a day | run in progress for over an hour; NULL when healthy';
COMMENT ON VIEW perf_eval.run_health IS
'Per year and methodology: the last run, the current result, and a problem when the last run failed or the last successful check is older than a day';

-- Runs and their score trees are the record of the assessment: pg_dump keeps them.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.score', '');
-- =========================================================================
-- Section: the recalculation (METHODOLOGY §0.6, §1.2, §1.4; ARCHITECTURE §3)
--
-- Node computers (one per direction, registered in perf_eval.node_computer)
-- return raw values of the nodes they know how to compute. The engine then
-- works bottom-up, level by level (criterion, direction, block, composite):
--   1. a sum or weighted node is computed from its children,
--   2. a supplied score overrides the computed one (which stays in the
--      explanation; the children are marked superseded),
--   3. the version's clamp policy is applied with the node maximum.
-- =========================================================================

CREATE TYPE perf_eval.node_value AS (
    body        text,
    node        text,
    raw_value   numeric,
    reason      text,
    explanation jsonb
);
COMMENT ON TYPE perf_eval.node_value IS
'What a node computer returns: the raw value of a node of a body (NULL = not assessable, with a reason) and its explanation';

CREATE TABLE perf_eval.node_computer (
    name        text PRIMARY KEY,
    computer    regproc NOT NULL,
    description text NOT NULL
);
COMMENT ON COLUMN perf_eval.node_computer.name IS 'Name of the computer (one direction''s nodes)';
COMMENT ON COLUMN perf_eval.node_computer.computer IS 'Function (year integer, methodology text) RETURNS SETOF perf_eval.node_value that computes the nodes';
COMMENT ON COLUMN perf_eval.node_computer.description IS 'What the function computes';
COMMENT ON TABLE perf_eval.node_computer IS
'Functions (year integer, methodology text) RETURNS SETOF perf_eval.node_value that compute the nodes of one direction from its inputs';

-- Every parameter named, with value, provenance and source, for explanations.
CREATE FUNCTION perf_eval.param_explanation(methodology text, keys text[])
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'key', p.key, 'value', p.value, 'provenance', p.provenance, 'source', p.source,
               'assumed', p.provenance = 'assumed') ORDER BY p.key), '[]'::jsonb)
    FROM perf_eval.methodology_param AS p
    WHERE p.methodology = $1 AND p.key = ANY ($2)
$$;
COMMENT ON FUNCTION perf_eval.param_explanation(text, text[]) IS
'The named parameters of a methodology as a jsonb array of {key, value, provenance, source, assumed} (docs/methodology.md §0.5, §9.4)';

-- ---------------------------------------------------------------------------
-- Node computer: the complaints criteria R1-R4 (METHODOLOGY §4.4)
-- ---------------------------------------------------------------------------

-- The complaint tally of every body for a year: its yearly counts where loaded,
-- otherwise its 12 monthly partial states of the complaint registry (METHODOLOGY §7.2).
CREATE FUNCTION perf_eval.complaint_tallies(year integer)
RETURNS TABLE (body text, tally perf_eval.complaint_tally, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.body,
           ROW(c.considered, c.late, c.court_satisfied, c.higher_authority_satisfied,
               c.repeated_satisfied, c.late_disciplined)::perf_eval.complaint_tally,
           'complaint_counts'
    FROM perf_eval.complaint_counts AS c
    WHERE c.year = $1
    UNION ALL
    SELECT m.body, perf_eval.complaint_tally_merge_agg(m.tally), 'complaint_record (monthly partial states)'
    FROM perf_eval.complaint_tally_monthly AS m
    WHERE m.month >= pg_catalog.make_date($1, 1, 1) AND m.month < pg_catalog.make_date($1 + 1, 1, 1)
      AND NOT EXISTS (SELECT 1 FROM perf_eval.complaint_counts AS c WHERE c.body = m.body AND c.year = $1)
    GROUP BY m.body
$$;
COMMENT ON FUNCTION perf_eval.complaint_tallies(integer) IS
'The complaint tally of each body in a year: perf_eval.complaint_counts where loaded, else the merge of its monthly partial states of perf_eval.complaint_record';

CREATE FUNCTION perf_eval.compute_complaint_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    FOR t IN SELECT * FROM perf_eval.complaint_tallies(year) AS ct ORDER BY ct.body LOOP
        BEGIN
            -- The kz2020_apa one-time acceptance comes from the service counts: the
            -- interaction computer (63_interaction_block.sql) provides that node.
            RETURN QUERY SELECT t.body, c.node, c.raw_value, c.reason, c.explanation
                         FROM perf_eval.complaint_criteria(t.tally, methodology, t.source) AS c
                         WHERE c.node <> 'interaction.complaints.one_time_acceptance';
        EXCEPTION WHEN OTHERS THEN
            -- Name the body and year the failure is about (METHODOLOGY §0.7).
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, complaints direction.', t.body, year),
                                   nullif(err_detail, '')),
                HINT = nullif(err_hint, '');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_complaint_nodes(integer, text) IS
'Node computer of the complaints direction: raw R1-R4 (and the kz2020_apa criteria) of every body with complaint counts in the year (docs/methodology.md §4.4)';

INSERT INTO perf_eval.node_computer VALUES
('complaints', 'perf_eval.compute_complaint_nodes', 'R1-R4 from complaint counts (docs/methodology.md §4.4)');

-- ---------------------------------------------------------------------------
-- Input tables that make up a year's inputs (for the inputs digest)
-- ---------------------------------------------------------------------------

CREATE TABLE perf_eval.input_relation (
    relation     regclass PRIMARY KEY,
    year_column  text,
    month_column text,
    CHECK ((year_column IS NULL) <> (month_column IS NULL))
);
COMMENT ON COLUMN perf_eval.input_relation.relation IS 'Table whose rows are inputs of the recalculation';
COMMENT ON COLUMN perf_eval.input_relation.year_column IS 'For tables keyed by year: the integer column holding the assessed year';
COMMENT ON COLUMN perf_eval.input_relation.month_column IS 'For tables keyed by month (the monthly partial states): a date column whose year is the input year';
COMMENT ON TABLE perf_eval.input_relation IS
'Tables whose rows for a year are inputs of its recalculation; their content enters the inputs digest, so an unchanged year is not recomputed';
INSERT INTO perf_eval.input_relation VALUES
('perf_eval.complaint_counts', 'year', NULL),
('perf_eval.supplied_score', 'year', NULL),
('perf_eval.penalty_event', 'year', NULL),
('perf_eval.complaint_tally_monthly', NULL, 'month'),
('perf_eval.service_tally_monthly', NULL, 'month');

CREATE FUNCTION perf_eval.inputs_digest(year integer, methodology text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    part text;
    parts text := '';
BEGIN
    -- The code (extension version), the methodology, the registry and scope.
    parts := (SELECT e.extversion FROM pg_catalog.pg_extension AS e WHERE e.extname = 'perf_eval')
          || '|' || (SELECT coalesce(string_agg(p::text, ',' ORDER BY p.key), '')
                     FROM perf_eval.methodology_param AS p WHERE p.methodology = $2)
          || '|' || (SELECT coalesce(string_agg(b::text, ',' ORDER BY b.code), '') FROM perf_eval.body AS b)
          || '|' || (SELECT coalesce(string_agg(s::text, ',' ORDER BY s.body, s.block, s.year_from), '')
                     FROM perf_eval.body_scope AS s);
    FOR r IN SELECT i.relation, i.year_column, i.month_column FROM perf_eval.input_relation AS i
             ORDER BY i.relation::text LOOP
        IF r.year_column IS NOT NULL THEN
            EXECUTE format('SELECT coalesce(string_agg(t::text, %L ORDER BY t::text), %L) FROM %s AS t WHERE t.%I = $1',
                           ',', '', r.relation, r.year_column)
                INTO part USING $1;
        ELSE
            EXECUTE format('SELECT coalesce(string_agg(t::text, %L ORDER BY t::text), %L) FROM %s AS t
                            WHERE t.%I >= pg_catalog.make_date($1, 1, 1) AND t.%I < pg_catalog.make_date($1 + 1, 1, 1)',
                           ',', '', r.relation, r.month_column, r.month_column)
                INTO part USING $1;
        END IF;
        parts := parts || '|' || r.relation::text || ':' || part;
    END LOOP;
    RETURN md5(parts);
END
$$;
COMMENT ON FUNCTION perf_eval.inputs_digest(integer, text) IS
'md5 of everything a recalculation of the year reads: extension version, the methodology''s parameters, the registry and scope, and the rows of every input relation for the year';

-- ---------------------------------------------------------------------------
-- The engine
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.compute_run(run_id bigint)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    this_run perf_eval.run;
    v text;
    y integer;
    clamp text;
    digest text;
    current_id bigint;
    c record;
    lvl text;
    scored_bodies integer;
    scored_nodes integer;
BEGIN
    SELECT * INTO STRICT this_run FROM perf_eval.run AS r WHERE r.run_id = compute_run.run_id;
    v := this_run.methodology;
    y := this_run.year;

    -- One recalculation of a year at a time; a second one waits for the first.
    PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('perf_eval.recalculate'), y);

    PERFORM perf_eval.check_methodology(v);
    clamp := perf_eval.param_text(v, 'policy.clamp');

    -- Bring the monthly partial states of the raw registries up to date
    -- (only months changed since their last refresh are rescanned, §7.2).
    PERFORM perf_eval.refresh_monthly_tallies(y);

    -- Unchanged inputs: the current result stands (idempotent for pg_cron).
    digest := perf_eval.inputs_digest(y, v);
    SELECT cr.run_id INTO current_id FROM perf_eval.current_run AS cr
    WHERE cr.year = y AND cr.methodology = v AND cr.inputs_digest = digest;
    IF FOUND THEN
        UPDATE perf_eval.run AS r SET status = 'unchanged', same_as_run = current_id, inputs_digest = digest,
                                      finished_at = clock_timestamp()
        WHERE r.run_id = compute_run.run_id;
        RETURN;
    END IF;

    CREATE TEMP TABLE pe_work (
        body text, node text, value numeric, raw_value numeric, origin text NOT NULL DEFAULT 'computed',
        superseded boolean NOT NULL DEFAULT false, reason text, explanation jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (body, node)
    ) ON COMMIT DROP;

    -- 1. Node computers.
    FOR c IN SELECT nc.name, nc.computer FROM perf_eval.node_computer AS nc ORDER BY nc.name LOOP
        EXECUTE format('INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
                        SELECT x.body, x.node, x.raw_value, x.reason, x.explanation FROM %s($1, $2) AS x',
                       c.computer)
            USING y, v;
    END LOOP;

    -- Bodies exempt from a block are neither scored nor ranked in it (METHODOLOGY §1.3).
    DELETE FROM pg_temp.pe_work AS w
    USING perf_eval.score_node AS n
    WHERE n.code = w.node AND perf_eval.scope_status(w.body, n.block, y) = 'exempt';

    -- 2. Bottom-up, level by level.
    FOREACH lvl IN ARRAY ARRAY['criterion', 'direction', 'block'] LOOP
        -- a) sum nodes: the signed sum of the children present.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT w.body, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN sum(ch.sign * w.value) END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'sum', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       string_agg(CASE WHEN ch.sign < 0 THEN '− ' ELSE '+ ' END || coalesce(ch.symbol, ch.code), ' '
                                  ORDER BY ch.node_order)),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'sign', ch.sign, 'value', w.value)
                                         ORDER BY ch.node_order))
        FROM perf_eval.score_node AS n
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        JOIN pg_temp.pe_work AS w ON w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'sum'
        GROUP BY w.body, n.code, n.symbol
        ON CONFLICT (body, node) DO NOTHING;

        -- b) weighted nodes: the weights the version defines for the body's kind.
        INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
        SELECT b.code, n.code,
               CASE WHEN bool_and(w.value IS NOT NULL) THEN sum(p.value::numeric * w.value) END,
               CASE WHEN NOT bool_and(w.value IS NOT NULL) THEN
                   'not assessable: ' || string_agg(ch.code, ', ' ORDER BY ch.node_order) FILTER (WHERE w.value IS NULL)
               END,
               jsonb_build_object(
                   'formula', jsonb_build_object('id', 'weighted', 'text',
                       coalesce(n.symbol, n.code) || ' = ' ||
                       string_agg(p.value || '·' || coalesce(ch.symbol, ch.code), ' + ' ORDER BY ch.node_order)),
                   'children', jsonb_agg(jsonb_build_object('node', ch.code, 'weight', p.value::numeric, 'value', w.value)
                                         ORDER BY ch.node_order),
                   'parameters', perf_eval.param_explanation(v, array_agg(p.key)))
        FROM perf_eval.score_node AS n
        JOIN perf_eval.score_node AS ch ON ch.parent = n.code
        CROSS JOIN perf_eval.body AS b
        JOIN perf_eval.methodology_param AS p
             ON p.methodology = v AND p.key = replace(ch.weight_key, '{kind}', lower(b.kind))
        LEFT JOIN pg_temp.pe_work AS w ON w.body = b.code AND w.node = ch.code
        WHERE n.level = lvl AND n.combine = 'weighted'
          AND perf_eval.scope_status(b.code, n.block, y) <> 'exempt'
        GROUP BY b.code, n.code, n.symbol
        HAVING bool_or(w.body IS NOT NULL)
        ON CONFLICT (body, node) DO NOTHING;

        -- c) supplied scores override (a version-specific one over one for every version).
        INSERT INTO pg_temp.pe_work AS w (body, node, raw_value, origin, reason, explanation)
        SELECT DISTINCT ON (s.body, s.node) s.body, s.node, s.value, 'supplied', NULL,
               jsonb_build_object('supplied', jsonb_build_object(
                   'by', s.supplied_by, 'at', s.supplied_at, 'document', s.basis_document, 'note', s.note,
                   'methodology', s.methodology))
        FROM perf_eval.supplied_score AS s
        JOIN perf_eval.score_node AS n ON n.code = s.node AND n.level = lvl
        WHERE s.year = y AND (s.methodology = v OR s.methodology IS NULL)
          AND perf_eval.scope_status(s.body, n.block, y) <> 'exempt'
        ORDER BY s.body, s.node, s.methodology NULLS LAST
        ON CONFLICT (body, node) DO UPDATE
            SET raw_value = EXCLUDED.raw_value, origin = 'supplied', reason = NULL,
                explanation = EXCLUDED.explanation || jsonb_build_object('computed',
                    w.explanation || jsonb_build_object('raw_value', w.raw_value, 'reason', w.reason));

        -- d) the clamp policy with the node maximum (for the body's kind).
        UPDATE pg_temp.pe_work AS w
        SET value = perf_eval.clamp_value(w.raw_value, m.maximum, clamp),
            explanation = w.explanation || jsonb_build_object('policies', jsonb_build_object(
                'clamp', clamp, 'maximum', m.maximum, 'raw_value', w.raw_value))
        FROM perf_eval.score_node AS n, perf_eval.body AS b,
             LATERAL (SELECT perf_eval.node_maximum(n.code, v, b.kind) AS maximum) AS m
        WHERE n.code = w.node AND b.code = w.body AND n.level = lvl AND w.raw_value IS NOT NULL;
    END LOOP;

    -- Children of a supplied node are shown but superseded (METHODOLOGY §1.2).
    WITH RECURSIVE supplied_descendant AS (
        SELECT w.body, n.code FROM pg_temp.pe_work AS w
        JOIN perf_eval.score_node AS n ON n.parent = w.node
        WHERE w.origin = 'supplied'
        UNION
        SELECT d.body, n.code FROM supplied_descendant AS d JOIN perf_eval.score_node AS n ON n.parent = d.code
    )
    UPDATE pg_temp.pe_work AS w SET superseded = true
    FROM supplied_descendant AS d WHERE d.body = w.body AND d.code = w.node;

    -- 3. Composite, where the version defines composite weights (kz2017, METHODOLOGY §1.4).
    INSERT INTO pg_temp.pe_work (body, node, raw_value, reason, explanation)
    SELECT b.code, 'composite',
           CASE WHEN count(w.value) = count(*) THEN sum(p.value::numeric * w.value) END,
           CASE WHEN count(w.value) < count(*) THEN 'needs all three blocks' END,
           jsonb_build_object('formula', jsonb_build_object('id', 'composite', 'text',
                                  string_agg(p.value || '·' || blk.code, ' + ' ORDER BY blk.node_order)),
                              'clause', 'APA 2020 report §1.1',
                              'parameters', perf_eval.param_explanation(v, array_agg(p.key)))
    FROM perf_eval.body AS b
    CROSS JOIN perf_eval.score_node AS blk
    JOIN perf_eval.methodology_param AS p ON p.methodology = v AND p.key = blk.weight_key
    LEFT JOIN pg_temp.pe_work AS w ON w.body = b.code AND w.node = blk.code
    WHERE blk.level = 'block'
    GROUP BY b.code
    HAVING bool_or(w.body IS NOT NULL);
    UPDATE pg_temp.pe_work AS w
    SET value = perf_eval.clamp_value(w.raw_value, perf_eval.node_maximum('composite', v), clamp)
    WHERE w.node = 'composite' AND w.raw_value IS NOT NULL;

    -- 4. Store the score tree with explanations that name methodology, policies and assumptions.
    INSERT INTO perf_eval.score (run_id, body, node, value, raw_value, origin, superseded, status, reason, explanation)
    SELECT compute_run.run_id, w.body, w.node, trim_scale(w.value), trim_scale(w.raw_value), w.origin, w.superseded,
           CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END,
           w.reason,
           jsonb_build_object('node', w.node, 'body', w.body, 'year', y, 'methodology', v,
                              'origin', w.origin,
                              'status', CASE WHEN w.value IS NULL THEN 'not_assessable' ELSE 'ok' END)
           || w.explanation
           || jsonb_build_object('policy_parameters', perf_eval.param_explanation(v, ARRAY['policy.clamp', 'policy.zero_volume']))
    FROM pg_temp.pe_work AS w;

    SELECT count(DISTINCT w.body), count(*) INTO scored_bodies, scored_nodes FROM pg_temp.pe_work AS w;
    UPDATE perf_eval.run AS r
    SET status = 'succeeded', finished_at = clock_timestamp(), inputs_digest = digest,
        bodies_scored = scored_bodies, nodes_scored = scored_nodes
    WHERE r.run_id = compute_run.run_id;
    DROP TABLE pg_temp.pe_work;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_run(bigint) IS
'Computes the score tree of a running run (the engine behind recalculate); raises on invalid inputs, leaving nothing behind';

CREATE FUNCTION perf_eval.recalculate_within_transaction(year integer, methodology text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    new_run bigint;
BEGIN
    INSERT INTO perf_eval.run (year, methodology)
    VALUES (year, perf_eval.resolve_methodology(methodology))
    RETURNING run_id INTO new_run;
    PERFORM perf_eval.compute_run(new_run);
    RETURN new_run;
END
$$;
COMMENT ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) IS
'Recalculates a year inside the caller''s transaction and returns the run id; a failure aborts the caller''s transaction, log row included. Operators use CALL perf_eval.recalculate(), which keeps failed runs in the log';

CREATE PROCEDURE perf_eval.recalculate(year integer, methodology text DEFAULT NULL)
LANGUAGE plpgsql
AS $$
-- No SET clause: a procedure with one cannot COMMIT. search_path is pinned
-- with set_config in each transaction instead, and every name is qualified.
DECLARE
    version text;
    new_run bigint;
    failed boolean := false;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    version := perf_eval.resolve_methodology(methodology);
    INSERT INTO perf_eval.run (year, methodology) VALUES (year, version) RETURNING run_id INTO new_run;
    COMMIT;  -- the run is in the log even if the calculation fails

    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    BEGIN
        PERFORM perf_eval.compute_run(new_run);
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
        failed := true;
    END;
    IF failed THEN
        -- The calculation's rows were rolled back with its subtransaction; earlier results stay current.
        UPDATE perf_eval.run AS r
        SET status = 'failed', finished_at = clock_timestamp(),
            error_sqlstate = err_state, error_message = err_message, error_detail = nullif(err_detail, '')
        WHERE r.run_id = new_run;
        COMMIT;
        RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                              DETAIL = concat_ws(' ', nullif(err_detail, ''),
                                                 format('Run %s of %s under %s, logged as failed.', new_run, year, version)),
                              HINT = coalesce(nullif(err_hint, ''), 'SELECT * FROM perf_eval.run_health shows the failure.');
    END IF;
    COMMIT;
END
$$;
COMMENT ON PROCEDURE perf_eval.recalculate(integer, text) IS
'Recalculates the ratings of a year under a methodology (default: the current one) as a new run. Call it as a top-level statement (CALL, pg_cron): it commits the run log row first, so a failed run is logged as failed while its partial results are rolled back and the previous run stays current; a second concurrent call for the same year waits for the first; unchanged inputs give a run marked unchanged';
-- =========================================================================
-- Section: goals block kernels and aggregates (METHODOLOGY §3, §7.1, §7.2;
-- src/goals.c, src/goal_aggregates.c): target-indicator ratio, corrections,
-- eligibility and result; budget-component criteria; goal_coefficient_agg
-- and indicator_status_tally_agg; the methodology-bound indicator functions
-- =========================================================================

-- What one target indicator comes to (METHODOLOGY §3.1 steps 1-5).
CREATE TYPE perf_eval.indicator_assessment AS (
    eligible      boolean,   -- published and not plan = fact = 0 (seed 000 line 422)
    ratio         numeric,   -- r = F/P (increase) or P/F (decrease); NULL when undefined
    result        numeric,   -- min(r, cap) x factors; NULL when not taken into account
    status        text,      -- achieved | partial | not_achieved | not_counted
    overfulfilled boolean,   -- the overfulfilment factor applies (r >= threshold, not exempted)
    plan_lowered  boolean,   -- P < P0 (increase) or P > P0 (decrease)
    no_dynamics   boolean,   -- F <= F-1 (increase) or F >= F-1 (decrease)
    reason        text       -- why not counted: not_published | plan_fact_zero | plan_zero
);
COMMENT ON TYPE perf_eval.indicator_assessment IS
'The assessment of one target indicator: eligibility, ratio, result, status, correction flags and the reason it is not taken into account (docs/methodology.md §3.1)';

-- -------------------------------------------------------------------------
-- Target-indicator kernels (every constant an argument)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.goal_indicator_ratio(direction text, plan numeric, fact numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goal_indicator_ratio'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_indicator_ratio(text, numeric, numeric) IS
'Achievement ratio of a target indicator: r = F/P (increase-is-good) or P/F (decrease-is-good); NULL when undefined (P = 0 for increase, F = 0 for decrease); unknown direction 22023, negative values 22003 (docs/methodology.md §3.1 step 2, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_indicator_eligible(plan numeric, fact numeric, fact_published boolean)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_goal_indicator_eligible'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_indicator_eligible(numeric, numeric, boolean) IS
'Whether a target indicator is taken into account: its 12-month value is published and not plan = fact = 0 (docs/methodology.md §3.1 step 1, APA 2020 report §1.2). Not strict: an unpublished indicator may have no fact; a published one without fact is 22023';

CREATE FUNCTION perf_eval.goal_overfulfilment_multiplier(direction text, plan numeric, fact numeric,
                                                         threshold numeric, multiplier numeric,
                                                         exempt_decrease boolean)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goal_overfulfilment_multiplier'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_overfulfilment_multiplier(text, numeric, numeric, numeric, numeric, boolean) IS
'Overfulfilment correction of a target indicator: multiplier (0.8) when r >= threshold (1.25, inclusive, docs/methodology.md §8 E2), unless exempt_decrease and the indicator is decrease-is-good (kz2020_apa, APA 2020 report §1.4); else 1; NULL when r is undefined (docs/methodology.md §3.1 step 3, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_plan_lowered(direction text, plan numeric, plan_original numeric)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_goal_plan_lowered'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_plan_lowered(text, numeric, numeric) IS
'Lowered-plan correction test: P < P0 (increase-is-good) or P > P0 (decrease-is-good) (docs/methodology.md §3.1 step 3, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_no_dynamics(direction text, fact numeric, fact_previous numeric)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_goal_no_dynamics'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_no_dynamics(text, numeric, numeric) IS
'No-positive-dynamics correction test: F <= F-1 (increase-is-good) or F >= F-1 (decrease-is-good), equality included (docs/methodology.md §3.1 step 3, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goal_indicator_assessment(
    direction text, plan numeric, fact numeric, plan_original numeric, fact_previous numeric,
    fact_published boolean, overfulfil_threshold numeric, overfulfil_multiplier numeric,
    overfulfil_exempt_decrease boolean, achievement_cap numeric, plan_lowered_multiplier numeric,
    no_dynamics_multiplier numeric)
RETURNS perf_eval.indicator_assessment
AS 'MODULE_PATHNAME', 'pe_goal_indicator_assessment'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_indicator_assessment(text, numeric, numeric, numeric, numeric, boolean, numeric, numeric, boolean, numeric, numeric, numeric) IS
'A target indicator with explicit constants: eligibility, r, result = min(r, cap) x overfulfilment x lowered-plan x no-dynamics factors, status and flags (docs/methodology.md §3.1, APA 2020 report §1.2). Not strict: plan_original and fact_previous are optional, an unpublished indicator may have no fact; NULL in any other argument gives NULL';

-- -------------------------------------------------------------------------
-- Budget-component kernels (METHODOLOGY §3.3)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.budget_programme_efficiency(achievement numeric, disbursement numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_budget_programme_efficiency'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.budget_programme_efficiency(numeric, numeric) IS
'BP execution efficiency E = A/D of one budget programme: A = achievement of its result indicators in % (>= 0), D = disbursement in % (0..100); D = 0 excludes the programme (NULL); the cap is applied by the caller (docs/methodology.md §3.3, APA 2020 report §1.4)';

CREATE FUNCTION perf_eval.csb_citizens_budget_points(compliance numeric, points numeric, scale text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_csb_citizens_budget_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.csb_citizens_budget_points(numeric, numeric, text) IS
'CSB Citizens Budget points = pts x scale(c), c = compliance in % (0..100, else 22003) (docs/methodology.md §3.3, APA 2020 report §1.5)';

CREATE FUNCTION perf_eval.leb_citizens_budget_points(compliance numeric, bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_leb_citizens_budget_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.leb_citizens_budget_points(numeric, text) IS
'LEB Citizens Budget points = bands(c), c = compliance in % (0..100, else 22003); "up to 80%" read as from 80 % (docs/methodology.md §3.3, §8 E10, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.ppb_coefficient(share numeric, bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_ppb_coefficient'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.ppb_coefficient(numeric, text) IS
'Participatory-budget coefficient k_PPB = bands(p), p = % of the local budget distributed through it (0..100, else 22003); p > 3 -> 1.2 (docs/methodology.md §3.3, §8 E11, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.leb_violation_share_points(violations numeric, audited_amount numeric,
                                                     clean_points numeric, bands text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_leb_violation_share_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.leb_violation_share_points(numeric, numeric, numeric, text) IS
'Base violation points of an audited LEB: clean_points when V = 0, else bands(100 V/B) on the exact share; V > B (also B = 0 < V) is 22023 (docs/methodology.md §3.3, §8 E9, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.leb_violation_points(audited boolean, violations numeric, audited_amount numeric,
                                               ia_analysis boolean, clean_points numeric,
                                               ia_analysis_points numeric, not_audited_points numeric,
                                               bands text)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Absence of violations (LEB, max 10; seed 000 lines 525-534, Table 1.2):
-- base = not_audited_points if not audited, else the audited share points;
-- + ia_analysis_points if the internal audit analysed the TDP against spending.
-- Not strict: V and B are not given for a body that was not audited.
BEGIN
    IF audited IS NULL OR ia_analysis IS NULL OR clean_points IS NULL OR ia_analysis_points IS NULL
       OR not_audited_points IS NULL OR bands IS NULL THEN
        RETURN NULL;
    END IF;
    IF audited AND (violations IS NULL OR audited_amount IS NULL) THEN
        RAISE EXCEPTION 'violation and audited amounts missing for an audited body'
            USING ERRCODE = '22023',
                  DETAIL = format('audited = true, violations = %s, audited_amount = %s.',
                                  coalesce(violations::text, 'NULL'), coalesce(audited_amount::text, 'NULL')),
                  HINT = 'LEB absence of violations, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2: V and B come from the audit.';
    END IF;
    RETURN CASE WHEN audited
                THEN perf_eval.leb_violation_share_points(violations, audited_amount, clean_points, bands)
                ELSE not_audited_points END
         + CASE WHEN ia_analysis THEN ia_analysis_points ELSE 0 END;
END
$$;
COMMENT ON FUNCTION perf_eval.leb_violation_points(boolean, numeric, numeric, boolean, numeric, numeric, numeric, text) IS
'LEB absence of violations: (not audited: not_audited_points; audited: clean_points at V = 0, else bands(100 V/B)) + ia_analysis_points with an internal-audit analysis (docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2)';

CREATE FUNCTION perf_eval.direct_results_points(achieved bigint, total bigint, points numeric,
                                                zero_volume text DEFAULT 'null')
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_direct_results_points'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.direct_results_points(bigint, bigint, numeric, text) IS
'LEB direct results of development budget programmes = pts x achieved/total; total = 0 follows the zero-volume policy; achieved > total is 22023 (docs/methodology.md §3.3, §0.6, APA 2020 report §1.2)';

CREATE FUNCTION perf_eval.goals_exact_quotient(dividend numeric, divisor numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goals_exact_quotient'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goals_exact_quotient(numeric, numeric) IS
'The one final division of a goals formula (e.g. strategic points = pts x sum of results / count): exact where it terminates, else at least 20 significant digits; NULL when the divisor is 0 (docs/methodology.md §0.1, §3.2)';

-- -------------------------------------------------------------------------
-- Aggregates over target-indicator rows (METHODOLOGY §7.1, §7.2)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.goal_coefficient_transition(internal, numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION perf_eval.goal_coefficient_final(internal)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_goal_coefficient_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.goal_coefficient_final(internal) IS
'Final function of goal_coefficient_agg: the exact mean sum/count with one division (docs/methodology.md §3.2, §7.2)';

CREATE AGGREGATE perf_eval.goal_coefficient_agg(indicator_result numeric) (
    SFUNC        = perf_eval.goal_coefficient_transition,
    STYPE        = internal,
    SSPACE       = 48,
    FINALFUNC    = perf_eval.goal_coefficient_final,
    COMBINEFUNC  = perf_eval.goal_coefficient_combine,
    SERIALFUNC   = perf_eval.goal_coefficient_serialize,
    DESERIALFUNC = perf_eval.goal_coefficient_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.goal_coefficient_agg(numeric) IS
'Goal coefficient: the exact mean of the non-NULL indicator results (NULL = not taken into account); NULL when none is counted. State: exact numeric sum and int64 count (docs/methodology.md §3.2, §7.1, §7.2)';

CREATE TYPE perf_eval.indicator_tally AS (
    indicators    bigint,
    achieved      bigint,
    partial       bigint,
    not_achieved  bigint,
    not_counted   bigint,
    overfulfilled bigint,
    plan_lowered  bigint,
    no_dynamics   bigint
);
COMMENT ON TYPE perf_eval.indicator_tally IS
'Counts of target indicators by status and correction (APA 2020 report §1.2); also the partial state of stored per-goal summaries (docs/methodology.md §7.1)';

CREATE FUNCTION perf_eval.indicator_status_tally_transition(internal, text, boolean, boolean, boolean)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_indicator_status_tally_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.indicator_tally_merge_transition(internal, perf_eval.indicator_tally)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_indicator_tally_merge_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.indicator_tally_final(internal)
RETURNS perf_eval.indicator_tally
AS 'MODULE_PATHNAME', 'pe_indicator_tally_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE perf_eval.indicator_status_tally_agg(status text, overfulfilled boolean,
                                                      plan_lowered boolean, no_dynamics boolean) (
    SFUNC        = perf_eval.indicator_status_tally_transition,
    STYPE        = internal,
    SSPACE       = 72,
    FINALFUNC    = perf_eval.indicator_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.indicator_status_tally_agg(text, boolean, boolean, boolean) IS
'Counts target indicators: one per row with a non-NULL status (achieved, partial, not_achieved, not_counted; others 22023), plus the overfulfilled, plan-lowered and no-dynamics flags (NULL = false) (docs/methodology.md §3.1, §7.1)';

CREATE AGGREGATE perf_eval.indicator_tally_merge_agg(perf_eval.indicator_tally) (
    SFUNC        = perf_eval.indicator_tally_merge_transition,
    STYPE        = internal,
    SSPACE       = 72,
    FINALFUNC    = perf_eval.indicator_tally_final,
    COMBINEFUNC  = perf_eval.tally_combine,
    SERIALFUNC   = perf_eval.tally_serialize,
    DESERIALFUNC = perf_eval.tally_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.indicator_tally_merge_agg(perf_eval.indicator_tally) IS
'Adds stored indicator_tally partial states (per-goal tallies into a body''s, or partial results of a distributed engine) (docs/methodology.md §7.2)';

-- -------------------------------------------------------------------------
-- Methodology-bound target-indicator functions: constants from the version
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.target_indicator_assessment(
    direction text, plan numeric, fact numeric, plan_original numeric DEFAULT NULL,
    fact_previous numeric DEFAULT NULL, fact_published boolean DEFAULT true, methodology text DEFAULT NULL)
RETURNS perf_eval.indicator_assessment
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
BEGIN
    RETURN perf_eval.goal_indicator_assessment(direction, plan, fact, plan_original, fact_previous, fact_published,
        perf_eval.param_numeric(v, 'goals.overfulfil_threshold'),
        perf_eval.param_numeric(v, 'goals.overfulfil_multiplier'),
        perf_eval.param_boolean(v, 'goals.overfulfil_exempt_decrease'),
        perf_eval.param_numeric(v, 'goals.achievement_cap'),
        perf_eval.param_numeric(v, 'goals.plan_lowered_multiplier'),
        perf_eval.param_numeric(v, 'goals.no_dynamics_multiplier'));
END
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_assessment(text, numeric, numeric, numeric, numeric, boolean, text) IS
'A target indicator assessed under a methodology (default: the current one): the goals.* constants of docs/methodology.md §2.3 read from the version (docs/methodology.md §3.1)';

CREATE FUNCTION perf_eval.target_indicator_result(
    direction text, plan numeric, fact numeric, plan_original numeric DEFAULT NULL,
    fact_previous numeric DEFAULT NULL, fact_published boolean DEFAULT true, methodology text DEFAULT NULL)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (perf_eval.target_indicator_assessment($1, $2, $3, $4, $5, $6, $7)).result
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_result(text, numeric, numeric, numeric, numeric, boolean, text) IS
'The result of a target indicator under a methodology: min(r, cap) x correction factors, NULL when not taken into account; feed it to goal_coefficient_agg (docs/methodology.md §3.1, §7.2)';
-- =========================================================================
-- Section: the "Achievement of goals" block (METHODOLOGY §3): inputs with
-- validation, per-indicator and per-goal results, the goals node computer
-- (strategic, budget criteria, penalties) and the block in the score tree
-- =========================================================================

-- -------------------------------------------------------------------------
-- Inputs (METHODOLOGY §3.1-§3.4); per body and year
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.goal (
    body       text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year       integer NOT NULL,
    goal_code  text NOT NULL CHECK (goal_code <> ''),
    title      text,
    loaded_by  name NOT NULL DEFAULT current_user,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year, goal_code)
);
COMMENT ON COLUMN perf_eval.goal.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.goal.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.goal.goal_code IS 'Code of the goal within the body''s strategic plan or territorial development programme';
COMMENT ON COLUMN perf_eval.goal.title IS 'Title of the goal';
COMMENT ON COLUMN perf_eval.goal.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.goal.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.goal IS
'Goals of a body''s strategic plan (CSB) or territorial development programme (LEB) in a year; their coefficients come from their target indicators (docs/methodology.md §3.2)';

CREATE TABLE perf_eval.target_indicator (
    body            text NOT NULL,
    year            integer NOT NULL,
    goal_code       text NOT NULL,
    indicator_code  text NOT NULL CHECK (indicator_code <> ''),
    title           text,
    unit            text,
    direction       text NOT NULL,
    plan            numeric NOT NULL,
    plan_original   numeric,
    fact            numeric,
    fact_previous   numeric,
    fact_published  boolean NOT NULL,
    indicator_level text NOT NULL DEFAULT 'national' CHECK (indicator_level IN ('national', 'regional')),
    source          text,
    loaded_by       name NOT NULL DEFAULT current_user,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year, indicator_code),
    FOREIGN KEY (body, year, goal_code) REFERENCES perf_eval.goal (body, year, goal_code)
        ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.target_indicator.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.target_indicator.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.target_indicator.goal_code IS 'Code of the goal the indicator belongs to (perf_eval.goal.goal_code)';
COMMENT ON COLUMN perf_eval.target_indicator.indicator_code IS 'Code of the target indicator, unique per body and year';
COMMENT ON COLUMN perf_eval.target_indicator.title IS 'Title of the target indicator';
COMMENT ON COLUMN perf_eval.target_indicator.unit IS 'Unit of plan and fact as published (e.g. %, tenge, count, index with the previous year = 100)';
COMMENT ON COLUMN perf_eval.target_indicator.direction IS 'Which way is better: increase | decrease';
COMMENT ON COLUMN perf_eval.target_indicator.plan IS 'Final plan P of the year, in the indicator''s unit (>= 0)';
COMMENT ON COLUMN perf_eval.target_indicator.plan_original IS 'First approved plan P0 of the year, in the indicator''s unit; NULL if never changed';
COMMENT ON COLUMN perf_eval.target_indicator.fact IS 'Fact F of the year, in the indicator''s unit (>= 0); NULL if not known';
COMMENT ON COLUMN perf_eval.target_indicator.fact_previous IS 'Fact F-1 of the previous year, in the indicator''s unit; NULL if unknown (no dynamics check)';
COMMENT ON COLUMN perf_eval.target_indicator.fact_published IS 'True if the 12-month value was published at assessment time; false: the indicator is not counted';
COMMENT ON COLUMN perf_eval.target_indicator.indicator_level IS 'Level of the indicator: national | regional';
COMMENT ON COLUMN perf_eval.target_indicator.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.target_indicator.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.target_indicator.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.target_indicator IS
'Target indicators (TI) of a goal in a year: direction increase|decrease (higher or lower is better), plan P (final), plan_original P0 (first approved, NULL if never changed), fact F, fact_previous F-1 (NULL if unknown), fact_published (the 12-month value was published at assessment time), national or regional; values >= 0 (docs/methodology.md §3.1, §3.6). An indicator belongs to one goal; a second row for it is a duplicate';
CREATE INDEX target_indicator_goal ON perf_eval.target_indicator (body, year, goal_code);

CREATE TABLE perf_eval.budget_programme (
    body            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year            integer NOT NULL,
    programme_code  text NOT NULL CHECK (programme_code <> ''),
    title           text,
    programme_type  text NOT NULL,
    achievement     numeric NOT NULL,
    disbursement    numeric NOT NULL,
    loaded_by       name NOT NULL DEFAULT current_user,
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year, programme_code)
);
COMMENT ON COLUMN perf_eval.budget_programme.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.budget_programme.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.budget_programme.programme_code IS 'Code of the budget programme';
COMMENT ON COLUMN perf_eval.budget_programme.title IS 'Title of the budget programme';
COMMENT ON COLUMN perf_eval.budget_programme.programme_type IS 'Type of programme: current | development';
COMMENT ON COLUMN perf_eval.budget_programme.achievement IS 'Achievement A of the programme''s result indicators, % (>= 0, may exceed 100)';
COMMENT ON COLUMN perf_eval.budget_programme.disbursement IS 'Disbursement D of the programme''s funds, % (0..100; 0 excludes the programme)';
COMMENT ON COLUMN perf_eval.budget_programme.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.budget_programme.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.budget_programme IS
'Budget programmes of a body in a year: programme_type current|development, achievement A = achievement of its result indicators in % (>= 0, may exceed 100), disbursement D in % (0..100; 0 excludes the programme) (docs/methodology.md §3.3)';

CREATE TABLE perf_eval.budget_programme_result (
    body            text NOT NULL,
    year            integer NOT NULL,
    programme_code  text NOT NULL,
    result_code     text NOT NULL CHECK (result_code <> ''),
    title           text,
    plan            numeric NOT NULL,
    fact            numeric NOT NULL,
    PRIMARY KEY (body, year, programme_code, result_code),
    FOREIGN KEY (body, year, programme_code) REFERENCES perf_eval.budget_programme (body, year, programme_code)
        ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.budget_programme_result.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.budget_programme_result.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.budget_programme_result.programme_code IS 'Code of the budget programme (perf_eval.budget_programme.programme_code)';
COMMENT ON COLUMN perf_eval.budget_programme_result.result_code IS 'Code of the result indicator within the programme';
COMMENT ON COLUMN perf_eval.budget_programme_result.title IS 'Title of the result indicator';
COMMENT ON COLUMN perf_eval.budget_programme_result.plan IS 'Planned value P of the result indicator, in its own unit';
COMMENT ON COLUMN perf_eval.budget_programme_result.fact IS 'Actual value F of the result indicator, in its own unit';
COMMENT ON TABLE perf_eval.budget_programme_result IS
'Result indicators of a budget programme (optional): one with F > goals.bp_result_overfulfil_threshold x P is a bp_result_overfulfilment penalty fact, detected at recalculation (docs/methodology.md §3.4); record a penalty_event only for facts not loaded here';

CREATE TABLE perf_eval.goal_programme_link (
    body         text NOT NULL,
    year         integer NOT NULL,
    goal_code    text NOT NULL,
    coefficient  numeric NOT NULL,
    assessed_by  text,
    note         text,
    PRIMARY KEY (body, year, goal_code),
    FOREIGN KEY (body, year, goal_code) REFERENCES perf_eval.goal (body, year, goal_code)
        ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.goal_programme_link.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.goal_programme_link.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.goal_programme_link.goal_code IS 'Code of the strategic-plan goal (perf_eval.goal.goal_code)';
COMMENT ON COLUMN perf_eval.goal_programme_link.coefficient IS 'Expert coefficient 0..1 of the goal''s relationship with its budget programmes';
COMMENT ON COLUMN perf_eval.goal_programme_link.assessed_by IS 'Body or expert that assessed the coefficient';
COMMENT ON COLUMN perf_eval.goal_programme_link.note IS 'Free-text note on the assessment';
COMMENT ON TABLE perf_eval.goal_programme_link IS
'CSB: the expert coefficient (0..1) of the relationship of a strategic-plan goal with its budget programmes, supplied by the authorised body (docs/methodology.md §3.3, APA 2020 report §1.2)';

CREATE TABLE perf_eval.budget_assessment (
    body                        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                        integer NOT NULL,
    citizens_budget_compliance  numeric,
    audited                     boolean,
    violations_amount           numeric,
    audited_amount              numeric,
    ia_analysis                 boolean,
    direct_results_achieved     bigint,
    direct_results_total        bigint,
    participatory_budget_share  numeric,
    source                      text,
    loaded_by                   name NOT NULL DEFAULT current_user,
    loaded_at                   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year)
);
COMMENT ON COLUMN perf_eval.budget_assessment.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.budget_assessment.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.budget_assessment.citizens_budget_compliance IS 'Compliance c of the Citizens Budget with the requirements, % (0..100)';
COMMENT ON COLUMN perf_eval.budget_assessment.audited IS 'LEB: true if the body''s spending was audited in the year';
COMMENT ON COLUMN perf_eval.budget_assessment.violations_amount IS 'LEB: amount V of budget violations found, tenge (ineffective spending excluded; <= audited_amount)';
COMMENT ON COLUMN perf_eval.budget_assessment.audited_amount IS 'LEB: amount B covered by the audit, tenge';
COMMENT ON COLUMN perf_eval.budget_assessment.ia_analysis IS 'LEB: true if internal audit analysed the territorial development programme against spending (+2 points)';
COMMENT ON COLUMN perf_eval.budget_assessment.direct_results_achieved IS 'LEB: number of direct-result indicators of development programmes achieved (count)';
COMMENT ON COLUMN perf_eval.budget_assessment.direct_results_total IS 'LEB: number of direct-result indicators of development programmes (count)';
COMMENT ON COLUMN perf_eval.budget_assessment.participatory_budget_share IS 'LEB: share p of the local budget distributed through participatory budgeting, % (0..100); NULL: not practised';
COMMENT ON COLUMN perf_eval.budget_assessment.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.budget_assessment.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.budget_assessment.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.budget_assessment IS
'Budget criteria of a body in a year: Citizens Budget compliance c in % (CSB and LEB); LEB: audited, violations V and audited amount B (V <= B, ineffective spending excluded), ia_analysis (internal-audit analysis of the TDP against spending), direct results achieved/total of development programmes, participatory_budget_share p in % of the local budget (NULL: not practised, k_PPB = 1) (docs/methodology.md §3.3)';

-- -------------------------------------------------------------------------
-- Validation (METHODOLOGY §3.6, §0.7): names 22023, domain 22003,
-- consistency 22023; details name body, year and indicator
-- -------------------------------------------------------------------------

-- Every problem of one target indicator, in the order of §0.7.
CREATE FUNCTION perf_eval.target_indicator_problems(direction text, plan numeric, plan_original numeric,
                                                    fact numeric, fact_previous numeric, fact_published boolean)
RETURNS TABLE (check_order integer, field text, message text, sqlstate text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.check_order, c.field, c.message, c.sqlstate
    FROM (VALUES
        (1, 'direction', CASE WHEN $1 IS NULL THEN 'direction missing'
                              ELSE format('unknown indicator direction "%s" (known: increase, decrease)', $1) END,
         '22023', $1 IS NULL OR $1 NOT IN ('increase', 'decrease')),
        (2, 'plan', 'plan missing', '22023', $2 IS NULL),
        (2, 'fact_published', 'fact_published missing', '22023', $6 IS NULL),
        (3, 'plan', 'plan must be a finite number', '22023', $2 IN ('NaN', 'Infinity', '-Infinity')),
        (3, 'plan_original', 'plan_original must be a finite number', '22023', $3 IN ('NaN', 'Infinity', '-Infinity')),
        (3, 'fact', 'fact must be a finite number', '22023', $4 IN ('NaN', 'Infinity', '-Infinity')),
        (3, 'fact_previous', 'fact_previous must be a finite number', '22023', $5 IN ('NaN', 'Infinity', '-Infinity')),
        (4, 'plan', 'plan must not be negative', '22003', $2 < 0),
        (4, 'plan_original', 'plan_original must not be negative', '22003', $3 < 0),
        (4, 'fact', 'fact must not be negative', '22003', $4 < 0),
        (4, 'fact_previous', 'fact_previous must not be negative', '22003', $5 < 0),
        (5, 'fact', 'fact missing while marked published', '22023', $4 IS NULL AND $6)
    ) AS c(check_order, field, message, sqlstate, failed)
    WHERE c.failed
    ORDER BY c.check_order, c.field
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_problems(text, numeric, numeric, numeric, numeric, boolean) IS
'Every problem of a target indicator''s values with its SQLSTATE, names first, then domain, then consistency: unknown direction, non-finite or negative values (all units: use a non-negative scale such as an index), fact missing while marked published (docs/methodology.md §3.1, §3.6, §0.7)';

CREATE FUNCTION perf_eval.target_indicator_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problem record;
BEGIN
    SELECT * INTO problem
    FROM perf_eval.target_indicator_problems(NEW.direction, NEW.plan, NEW.plan_original, NEW.fact,
                                             NEW.fact_previous, NEW.fact_published)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%', problem.message
            USING ERRCODE = problem.sqlstate,
                  DETAIL = format('Body %s, year %s, indicator %s: direction %s, plan %s, plan_original %s, fact %s, fact_previous %s, fact_published %s.',
                                  NEW.body, NEW.year, NEW.indicator_code, coalesce(NEW.direction, 'NULL'),
                                  coalesce(NEW.plan::text, 'NULL'), coalesce(NEW.plan_original::text, 'NULL'),
                                  coalesce(NEW.fact::text, 'NULL'), coalesce(NEW.fact_previous::text, 'NULL'),
                                  coalesce(NEW.fact_published::text, 'NULL')),
                  HINT = 'Target indicators, docs/methodology.md §3.1 and §3.6, APA 2020 report §1.2.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER target_indicator_valid BEFORE INSERT OR UPDATE ON perf_eval.target_indicator
FOR EACH ROW EXECUTE FUNCTION perf_eval.target_indicator_valid();

-- One numeric input in [minimum, maximum] (NULL bound: open): non-finite 22023, outside 22003.
CREATE FUNCTION perf_eval.goals_check_range(value numeric, field text, minimum numeric, maximum numeric,
                                            context text, clause text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF value IS NULL THEN
        RETURN;
    END IF;
    IF value IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION '% must be a finite number', field
            USING ERRCODE = '22023', DETAIL = format('%s: %s = %s.', context, field, value), HINT = clause;
    END IF;
    IF value < minimum OR value > maximum THEN
        RAISE EXCEPTION '%', CASE WHEN maximum IS NULL THEN format('%s must not be negative', field)
                                  ELSE format('%s must lie between %s and %s', field, minimum, maximum) END
            USING ERRCODE = '22003', DETAIL = format('%s: %s = %s.', context, field, value), HINT = clause;
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.goals_check_range(numeric, text, numeric, numeric, text, text) IS
'Raises 22023 for NaN or infinity and 22003 outside [minimum, maximum] (NULL maximum: no upper bound), naming the field and the context (docs/methodology.md §3.6, §0.7)';

CREATE FUNCTION perf_eval.budget_programme_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    context text := format('Body %s, year %s, budget programme %s', NEW.body, NEW.year, NEW.programme_code);
    clause text := 'BP execution efficiency, docs/methodology.md §3.3 and §3.6.';
BEGIN
    IF NEW.programme_type IS DISTINCT FROM 'current' AND NEW.programme_type IS DISTINCT FROM 'development' THEN
        RAISE EXCEPTION 'unknown budget programme type "%" (known: current, development)', NEW.programme_type
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = clause;
    END IF;
    PERFORM perf_eval.goals_check_range(NEW.achievement, 'achievement', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.disbursement, 'disbursement', 0, 100, context, clause);
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_programme_valid BEFORE INSERT OR UPDATE ON perf_eval.budget_programme
FOR EACH ROW EXECUTE FUNCTION perf_eval.budget_programme_valid();

CREATE FUNCTION perf_eval.budget_programme_result_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    context text := format('Body %s, year %s, budget programme %s, result %s',
                           NEW.body, NEW.year, NEW.programme_code, NEW.result_code);
    clause text := 'BP result overfulfilment, docs/methodology.md §3.4 and §3.6.';
BEGIN
    PERFORM perf_eval.goals_check_range(NEW.plan, 'plan', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.fact, 'fact', 0, NULL, context, clause);
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_programme_result_valid BEFORE INSERT OR UPDATE ON perf_eval.budget_programme_result
FOR EACH ROW EXECUTE FUNCTION perf_eval.budget_programme_result_valid();

CREATE FUNCTION perf_eval.goal_programme_link_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM perf_eval.goals_check_range(NEW.coefficient, 'coefficient', 0, 1,
        format('Body %s, year %s, goal %s', NEW.body, NEW.year, NEW.goal_code),
        'Goal-BP link, docs/methodology.md §3.3 and §3.6, APA 2020 report §1.2: an expert coefficient in 0..1.');
    RETURN NEW;
END
$$;
CREATE TRIGGER goal_programme_link_valid BEFORE INSERT OR UPDATE ON perf_eval.goal_programme_link
FOR EACH ROW EXECUTE FUNCTION perf_eval.goal_programme_link_valid();

CREATE FUNCTION perf_eval.budget_assessment_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    context text := format('Body %s, year %s', NEW.body, NEW.year);
    clause text := 'Budget component, docs/methodology.md §3.3 and §3.6, APA 2020 report §1.2, Table 1.2.';
BEGIN
    -- domain of each value
    PERFORM perf_eval.goals_check_range(NEW.citizens_budget_compliance, 'citizens_budget_compliance', 0, 100, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.violations_amount, 'violations_amount', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.audited_amount, 'audited_amount', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.direct_results_achieved, 'direct_results_achieved', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.direct_results_total, 'direct_results_total', 0, NULL, context, clause);
    PERFORM perf_eval.goals_check_range(NEW.participatory_budget_share, 'participatory_budget_share', 0, 100, context, clause);
    -- consistency between values
    IF NEW.violations_amount > NEW.audited_amount THEN
        RAISE EXCEPTION 'violation amount must not exceed the amount covered by audit'
            USING ERRCODE = '22023',
                  DETAIL = format('%s: violations_amount = %s, audited_amount = %s.', context,
                                  NEW.violations_amount, NEW.audited_amount),
                  HINT = 'LEB absence of violations, docs/methodology.md §3.3: V <= B.';
    END IF;
    IF NEW.audited AND (NEW.violations_amount IS NULL OR NEW.audited_amount IS NULL) THEN
        RAISE EXCEPTION 'violation and audited amounts missing for an audited body'
            USING ERRCODE = '22023', DETAIL = context || ': audited = true.',
                  HINT = 'LEB absence of violations, docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2.';
    END IF;
    IF NEW.direct_results_achieved > NEW.direct_results_total THEN
        RAISE EXCEPTION 'achieved direct results must not exceed the total'
            USING ERRCODE = '22023',
                  DETAIL = format('%s: direct_results_achieved = %s, direct_results_total = %s.', context,
                                  NEW.direct_results_achieved, NEW.direct_results_total),
                  HINT = 'LEB direct results, docs/methodology.md §3.3 and §3.6: achieved <= total.';
    END IF;
    IF (NEW.direct_results_achieved IS NULL) <> (NEW.direct_results_total IS NULL) THEN
        RAISE EXCEPTION 'direct results need both achieved and total'
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = 'LEB direct results, docs/methodology.md §3.3.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER budget_assessment_valid BEFORE INSERT OR UPDATE ON perf_eval.budget_assessment
FOR EACH ROW EXECUTE FUNCTION perf_eval.budget_assessment_valid();

-- -------------------------------------------------------------------------
-- Loading target indicators with a validation report: \copy into the
-- staging table (all text), read the report, accept when it is empty
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.target_indicator_staging (
    line_no          bigint GENERATED ALWAYS AS IDENTITY,
    body             text,
    year             text,
    goal_code        text,
    goal_title       text,
    indicator_code   text,
    indicator_title  text,
    unit             text,
    direction        text,
    plan             text,
    plan_original    text,
    fact             text,
    fact_previous    text,
    fact_published   text,
    indicator_level  text,
    source           text
);
COMMENT ON COLUMN perf_eval.target_indicator_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.target_indicator_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.goal_code IS 'Code of the goal, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.goal_title IS 'Title of the goal, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.indicator_code IS 'Code of the target indicator, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.indicator_title IS 'Title of the target indicator, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.unit IS 'Unit of plan and fact, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.direction IS 'increase | decrease, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.plan IS 'Final plan, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.plan_original IS 'First approved plan, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.fact IS 'Fact, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.fact_previous IS 'Fact of the previous year, as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.fact_published IS 'Whether the fact was published (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.target_indicator_staging.indicator_level IS 'national | regional, as loaded';
COMMENT ON COLUMN perf_eval.target_indicator_staging.source IS 'Where the values come from, as loaded';
COMMENT ON TABLE perf_eval.target_indicator_staging IS
'Landing table for \copy of target indicators, one row per indicator with its goal: every column is text so no row is rejected by COPY; perf_eval.target_indicator_report() lists every bad row, perf_eval.accept_target_indicators() loads a clean file';

CREATE FUNCTION perf_eval.goals_is_boolean_text(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT lower(trim($1)) IN ('true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0') $$;
COMMENT ON FUNCTION perf_eval.goals_is_boolean_text(text) IS
'True if a staged text is a boolean the loader accepts (true/false, t/f, yes/no, y/n, 1/0)';

CREATE FUNCTION perf_eval.target_indicator_report()
RETURNS TABLE (line bigint, body text, year text, indicator text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH s AS (
        SELECT row_number() OVER (ORDER BY st.line_no) AS line, st.*
        FROM perf_eval.target_indicator_staging AS st
    ),
    numbers AS (
        SELECT s.line, f.field, f.value
        FROM s CROSS JOIN LATERAL (VALUES ('plan', s.plan), ('plan_original', s.plan_original),
                                          ('fact', s.fact), ('fact_previous', s.fact_previous)) AS f(field, value)
    ),
    parsed AS (
        SELECT s.line,
               lower(trim(s.direction)) AS direction,
               CASE WHEN perf_eval.is_numeric_text(s.plan) THEN trim(s.plan)::numeric END AS plan,
               CASE WHEN perf_eval.is_numeric_text(s.plan_original) THEN trim(s.plan_original)::numeric END AS plan_original,
               CASE WHEN perf_eval.is_numeric_text(s.fact) THEN trim(s.fact)::numeric END AS fact,
               CASE WHEN perf_eval.is_numeric_text(s.fact_previous) THEN trim(s.fact_previous)::numeric END AS fact_previous,
               CASE WHEN perf_eval.goals_is_boolean_text(s.fact_published) THEN trim(s.fact_published)::boolean END AS fact_published
        FROM s
    ),
    problems AS (
        SELECT s.line, 'body'::text AS field, 'unknown body code'::text AS reason
        FROM s WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = s.body)
        UNION ALL
        SELECT s.line, 'year', 'year must be an integer'
        FROM s WHERE s.year IS NULL OR s.year !~ '^\s*[0-9]{4}\s*$'
        UNION ALL
        SELECT s.line, 'goal_code', 'goal code missing' FROM s WHERE coalesce(trim(s.goal_code), '') = ''
        UNION ALL
        SELECT s.line, 'indicator_code', 'indicator code missing' FROM s WHERE coalesce(trim(s.indicator_code), '') = ''
        UNION ALL
        SELECT n.line, n.field, 'must be a number' FROM numbers AS n
        WHERE n.value IS NOT NULL AND NOT perf_eval.is_numeric_text(n.value)
        UNION ALL
        SELECT s.line, 'fact_published', 'must be true or false' FROM s
        WHERE s.fact_published IS NOT NULL AND NOT perf_eval.goals_is_boolean_text(s.fact_published)
        UNION ALL
        SELECT s.line, 'indicator_level', format('unknown level "%s" (known: national, regional)', s.indicator_level)
        FROM s WHERE s.indicator_level IS NOT NULL AND lower(trim(s.indicator_level)) NOT IN ('national', 'regional')
        UNION ALL
        -- the rules of the table's trigger, on the values that parsed
        SELECT p.line, pr.field, pr.message
        FROM parsed AS p
        JOIN s ON s.line = p.line
        CROSS JOIN LATERAL perf_eval.target_indicator_problems(p.direction, p.plan, p.plan_original, p.fact,
                                                               p.fact_previous, p.fact_published) AS pr
        -- a value that is there but did not parse is reported above, not as missing
        WHERE NOT (pr.message LIKE '%missing%'
                   AND CASE pr.field WHEN 'plan' THEN s.plan WHEN 'fact' THEN s.fact
                                     WHEN 'fact_published' THEN s.fact_published END IS NOT NULL)
        UNION ALL
        SELECT s.line, 'body, year, indicator_code', 'duplicate indicator: same as line ' || min(s2.line)
        FROM s JOIN s AS s2 ON s2.body = s.body AND trim(s2.year) = trim(s.year)
                           AND trim(s2.indicator_code) = trim(s.indicator_code) AND s2.line < s.line
        GROUP BY s.line
    )
    SELECT p.line, s.body, s.year, s.indicator_code, p.field, p.reason, s.line_no
    FROM problems AS p JOIN s USING (line)
    ORDER BY p.line, p.field
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_report() IS
'Every bad row of target_indicator_staging (line = the row''s position in the loaded file) with field and reason: unknown body, bad year, missing codes, non-numbers, unknown direction or level, negative values, fact missing while published, duplicate indicator (docs/methodology.md §3.6); empty when the file can be accepted';

CREATE FUNCTION perf_eval.accept_target_indicators()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems bigint;
    accepted bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.target_indicator_report();
    IF problems > 0 THEN
        RAISE EXCEPTION 'target_indicator_staging has % problems', problems
            USING ERRCODE = '22023',
                  HINT = 'SELECT * FROM perf_eval.target_indicator_report() lists them; nothing was loaded.';
    END IF;
    -- A body-year in the file replaces the indicators loaded for it before.
    DELETE FROM perf_eval.target_indicator AS t
    USING (SELECT DISTINCT s.body, trim(s.year)::integer AS year FROM perf_eval.target_indicator_staging AS s) AS f
    WHERE t.body = f.body AND t.year = f.year;
    INSERT INTO perf_eval.goal AS g (body, year, goal_code, title)
    SELECT DISTINCT ON (s.body, trim(s.year), trim(s.goal_code))
           s.body, trim(s.year)::integer, trim(s.goal_code), s.goal_title
    FROM perf_eval.target_indicator_staging AS s
    ORDER BY s.body, trim(s.year), trim(s.goal_code), (s.goal_title IS NULL), s.line_no
    ON CONFLICT (body, year, goal_code) DO UPDATE
        SET title = coalesce(EXCLUDED.title, g.title), loaded_by = current_user, loaded_at = now();
    INSERT INTO perf_eval.target_indicator (body, year, goal_code, indicator_code, title, unit, direction, plan,
                                            plan_original, fact, fact_previous, fact_published, indicator_level, source)
    SELECT s.body, trim(s.year)::integer, trim(s.goal_code), trim(s.indicator_code), s.indicator_title, s.unit,
           lower(trim(s.direction)), trim(s.plan)::numeric, trim(s.plan_original)::numeric, trim(s.fact)::numeric,
           trim(s.fact_previous)::numeric, trim(s.fact_published)::boolean,
           coalesce(lower(trim(s.indicator_level)), 'national'), s.source
    FROM perf_eval.target_indicator_staging AS s
    ORDER BY s.line_no;
    GET DIAGNOSTICS accepted = ROW_COUNT;
    DELETE FROM perf_eval.target_indicator_staging;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_target_indicators() IS
'Moves target_indicator_staging into goal and target_indicator only if the report is empty: each body-year in the file replaces its indicators, goals are created or retitled; returns the indicators accepted';

-- -------------------------------------------------------------------------
-- Results per indicator and per goal, computed from the inputs under a
-- methodology (the node computer and analysts use the same functions)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.target_indicator_results(year integer, methodology text DEFAULT NULL, body text DEFAULT NULL)
RETURNS TABLE (body text, goal_code text, indicator_code text, title text, unit text, direction text,
               plan numeric, plan_original numeric, fact numeric, fact_previous numeric, fact_published boolean,
               indicator_level text, eligible boolean, ratio numeric, result numeric, status text,
               overfulfilled boolean, plan_lowered boolean, no_dynamics boolean, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH v AS (SELECT perf_eval.resolve_methodology($2) AS name),
    k AS (
        SELECT perf_eval.param_numeric(v.name, 'goals.overfulfil_threshold') AS threshold,
               perf_eval.param_numeric(v.name, 'goals.overfulfil_multiplier') AS overfulfil_multiplier,
               perf_eval.param_boolean(v.name, 'goals.overfulfil_exempt_decrease') AS exempt_decrease,
               perf_eval.param_numeric(v.name, 'goals.achievement_cap') AS cap,
               perf_eval.param_numeric(v.name, 'goals.plan_lowered_multiplier') AS plan_lowered_multiplier,
               perf_eval.param_numeric(v.name, 'goals.no_dynamics_multiplier') AS no_dynamics_multiplier
        FROM v
    )
    SELECT t.body, t.goal_code, t.indicator_code, t.title, t.unit, t.direction, t.plan, t.plan_original,
           t.fact, t.fact_previous, t.fact_published, t.indicator_level,
           (a.x).eligible, (a.x).ratio, (a.x).result, (a.x).status,
           (a.x).overfulfilled, (a.x).plan_lowered, (a.x).no_dynamics, (a.x).reason
    FROM perf_eval.target_indicator AS t
    CROSS JOIN k
    CROSS JOIN LATERAL (SELECT perf_eval.goal_indicator_assessment(
                            t.direction, t.plan, t.fact, t.plan_original, t.fact_previous, t.fact_published,
                            k.threshold, k.overfulfil_multiplier, k.exempt_decrease, k.cap,
                            k.plan_lowered_multiplier, k.no_dynamics_multiplier) AS x) AS a
    WHERE t.year = $1 AND ($3 IS NULL OR t.body = $3)
    ORDER BY t.body, t.goal_code, t.indicator_code
$$;
COMMENT ON FUNCTION perf_eval.target_indicator_results(integer, text, text) IS
'Every target indicator of a year (optionally one body) assessed under a methodology: eligibility, ratio, result, status, correction flags and the reason it is not taken into account (docs/methodology.md §3.1)';

-- Goal status from its tally (METHODOLOGY §3.2): counted = achieved + partial + not_achieved.
-- "not_achieved if none is" is read as none achieved even partially (every counted TI
-- has r = 0), the goal-level twin of the TI statuses; a goal of partly achieved TIs is partial.
CREATE FUNCTION perf_eval.goal_status(tally perf_eval.indicator_tally)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN ($1).achieved + ($1).partial + ($1).not_achieved = 0 THEN 'not_counted'
        WHEN ($1).achieved = ($1).achieved + ($1).partial + ($1).not_achieved THEN 'achieved'
        WHEN ($1).achieved + ($1).partial = 0 THEN 'not_achieved'
        ELSE 'partial'
    END
$$;
COMMENT ON FUNCTION perf_eval.goal_status(perf_eval.indicator_tally) IS
'Status of a goal from its indicator tally: achieved if every counted TI is achieved, not_achieved if no counted TI is achieved even partly, not_counted if no TI is counted, else partial (docs/methodology.md §3.2)';

CREATE FUNCTION perf_eval.goal_results(year integer, methodology text DEFAULT NULL, body text DEFAULT NULL)
RETURNS TABLE (body text, goal_code text, title text, coefficient numeric, status text,
               achieved_with_corrections boolean, tally perf_eval.indicator_tally, programme_link numeric)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH r AS (SELECT * FROM perf_eval.target_indicator_results($1, $2, $3)),
    per_goal AS (
        SELECT r.body, r.goal_code,
               perf_eval.goal_coefficient_agg(r.result) AS coefficient,
               perf_eval.indicator_status_tally_agg(r.status, r.overfulfilled, r.plan_lowered, r.no_dynamics) AS tally
        FROM r GROUP BY r.body, r.goal_code
    )
    SELECT g.body, g.goal_code, g.title, pg.coefficient,
           perf_eval.goal_status(coalesce(pg.tally, ROW(0, 0, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally)),
           -- "fully achieved taking into account the corrective parameters" (seed 000 line 438)
           coalesce(perf_eval.goal_status(pg.tally) = 'achieved'
                    AND (pg.tally).overfulfilled + (pg.tally).plan_lowered + (pg.tally).no_dynamics = 0, false),
           coalesce(pg.tally, ROW(0, 0, 0, 0, 0, 0, 0, 0)::perf_eval.indicator_tally),
           l.coefficient
    FROM perf_eval.goal AS g
    LEFT JOIN per_goal AS pg ON pg.body = g.body AND pg.goal_code = g.goal_code
    LEFT JOIN perf_eval.goal_programme_link AS l ON l.body = g.body AND l.year = g.year AND l.goal_code = g.goal_code
    WHERE g.year = $1 AND ($3 IS NULL OR g.body = $3)
    ORDER BY g.body, g.goal_code
$$;
COMMENT ON FUNCTION perf_eval.goal_results(integer, text, text) IS
'Every goal of a year (optionally one body) under a methodology: coefficient (goal_coefficient_agg of its TI results; NULL if none counted), status, whether it is achieved with no correction applied, the indicator tally and the goal-BP link coefficient (docs/methodology.md §3.2, APA 2020 report §1.2)';

-- -------------------------------------------------------------------------
-- The goals node computer (METHODOLOGY §3.2-§3.5)
-- -------------------------------------------------------------------------

-- A supplied score of a criterion (a version-specific one over one for every version).
CREATE FUNCTION perf_eval.goals_supplied_value(body text, year integer, node text, methodology text)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT s.value FROM perf_eval.supplied_score AS s
    WHERE s.body = $1 AND s.year = $2 AND s.node = $3 AND (s.methodology = $4 OR s.methodology IS NULL)
    ORDER BY s.methodology NULLS LAST
    LIMIT 1
$$;
COMMENT ON FUNCTION perf_eval.goals_supplied_value(text, integer, text, text) IS
'The supplied score of a node of a body and year under a methodology, as the engine picks it (version-specific first); NULL if none (docs/methodology.md §1.2)';

-- One parameter as the explanation object {key, value, provenance, source, assumed}.
CREATE FUNCTION perf_eval.goals_param_object(methodology text, key text)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object('key', p.key, 'value', p.value, 'provenance', p.provenance, 'source', p.source,
                              'assumed', p.provenance = 'assumed')
    FROM perf_eval.methodology_param AS p WHERE p.methodology = $1 AND p.key = $2
$$;
COMMENT ON FUNCTION perf_eval.goals_param_object(text, text) IS
'One parameter of a methodology as the explanation object {key, value, provenance, source, assumed} (docs/methodology.md §0.5, §9.4)';

CREATE FUNCTION perf_eval.goal_nodes(body text, year integer, methodology text DEFAULT NULL)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Raw values of the goals nodes of one body (METHODOLOGY §3):
--   goals.strategic  = pts_strategic x S      (S: mean of goal coefficients, or of
--                                               all eligible TI results for basis indicators)
--   goals.budget.*   = the criteria of §3.3    (CSB: bp_efficiency, goal_bp_link, citizens_budget;
--                                               LEB: violations, direct_results, bp_efficiency,
--                                               citizens_budget [kz2020+], ppb coefficient [kz2020+])
--   goals.budget     = E + L + C (CSB)  |  k_PPB x (V + DR + E + C) (LEB)
--   goals.penalties  = sum of count x goals.penalty.<kind> (+ detected BP result overfulfilment)
-- The engine adds the block G = S + B - P, lets supplied scores override and
-- applies policy.clamp with node.max (METHODOLOGY §3.5).
--
-- goals.budget is computed here from the criteria *as the engine will store
-- them*: a supplied criterion replaces the computed one, and a computed one
-- is clamped with its maximum for the body's kind (score_node.max_key cannot
-- depend on the kind, so bp_efficiency and citizens_budget carry node.max
-- in the catalogue and their kind maxima 15/14 and 5/2 are applied here).
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    b text := body;
    y integer := year;
    body_kind text;
    k text;
    clamp text;
    zero_volume text;
    basis text;
    pts numeric;
    strategic_coefficient numeric;
    s_num numeric;
    s_den numeric;
    common numeric;
    counted integer;
    part record;
    tally_json jsonb;
    indicator_count bigint;
    goals_json jsonb;
    indicators_json jsonb;
    corrections_json jsonb;
    excluded_json jsonb;
    goal_count bigint;
    goals_counted bigint;
    goals_achieved bigint;
    goals_achieved_corrected bigint;
    ba perf_eval.budget_assessment;
    has_assessment boolean;
    criteria jsonb := '[]';
    c record;
    raw numeric;
    maximum numeric;
    effective numeric;
    supplied numeric;
    budget_sum numeric := 0;
    budget_missing text[] := '{}';
    k_ppb numeric := 1;
    k_ppb_origin text := 'not applicable';
    split boolean;
    bp record;
    e_value numeric;
    e_num numeric;
    e_den numeric;
    link record;
    penalty record;
    penalty_total numeric := 0;
    penalty_items jsonb := '[]';
    detected bigint;
    detected_json jsonb;
    per_fact numeric;
BEGIN
    SELECT bd.kind INTO body_kind FROM perf_eval.body AS bd WHERE bd.code = b;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown body "%"', b USING ERRCODE = '22023', HINT = 'Bodies are listed in perf_eval.body.';
    END IF;
    k := lower(body_kind);
    clamp := perf_eval.param_text(v, 'policy.clamp');
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');

    -- ---------------------------------------------------------------- S
    basis := perf_eval.param_text(v, 'goals.' || k || '.strategic_basis');
    pts := perf_eval.param_numeric(v, 'goals.' || k || '.pts_strategic');

    SELECT to_jsonb(perf_eval.indicator_status_tally_agg(r.status, r.overfulfilled, r.plan_lowered, r.no_dynamics)),
           count(*),
           jsonb_agg(jsonb_build_object(
               'goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title, 'level', r.indicator_level,
               'direction', r.direction, 'plan', r.plan, 'plan_original', r.plan_original, 'fact', r.fact,
               'fact_previous', r.fact_previous, 'published', r.fact_published, 'ratio', r.ratio,
               'result', r.result, 'status', r.status, 'reason', r.reason,
               'overfulfilled', r.overfulfilled, 'plan_lowered', r.plan_lowered, 'no_dynamics', r.no_dynamics)
               ORDER BY r.goal_code, r.indicator_code),
           jsonb_agg(jsonb_build_object('goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title,
                                        'reason', r.reason)
                     ORDER BY r.goal_code, r.indicator_code) FILTER (WHERE r.result IS NULL)
    INTO tally_json, indicator_count, indicators_json, excluded_json
    FROM perf_eval.target_indicator_results(y, v, b) AS r;

    -- Every correction applied, with the parameter (and its provenance) that made it.
    SELECT jsonb_agg(jsonb_build_object(
               'goal', r.goal_code, 'indicator', r.indicator_code, 'title', r.title,
               'correction', cr.correction, 'condition', cr.condition,
               'factor', CASE WHEN cr.correction = 'overfulfilment_exempted' THEN 1
                              ELSE perf_eval.param_numeric(v, cr.key) END,
               'parameter', perf_eval.goals_param_object(v, cr.key),
               'test_parameter', perf_eval.goals_param_object(v, cr.test_key))
               ORDER BY r.goal_code, r.indicator_code, cr.ord)
    INTO corrections_json
    FROM perf_eval.target_indicator_results(y, v, b) AS r
    CROSS JOIN LATERAL (VALUES
        (1, 'overfulfilled', r.overfulfilled, 'goals.overfulfil_multiplier', 'goals.overfulfil_threshold',
         CASE WHEN r.ratio IS NULL THEN 'decrease-is-good fact 0: best possible, counted as overfulfilled'
              ELSE format('r = %s >= %s', trim_scale(round(r.ratio, 6)),
                          perf_eval.param_text(v, 'goals.overfulfil_threshold')) END),
        (2, 'plan_lowered', r.plan_lowered, 'goals.plan_lowered_multiplier', NULL,
         format('plan %s %s originally approved %s (%s is better)', r.plan,
                CASE r.direction WHEN 'increase' THEN '<' ELSE '>' END, r.plan_original, r.direction)),
        (3, 'no_dynamics', r.no_dynamics, 'goals.no_dynamics_multiplier', NULL,
         format('fact %s %s last year''s %s (%s is better)', r.fact,
                CASE r.direction WHEN 'increase' THEN '<=' ELSE '>=' END, r.fact_previous, r.direction)),
        -- kz2020_apa: an overfulfilled decrease-is-good indicator is not corrected (seed 000 line 847);
        -- the multiplier 0 probes r >= threshold exactly.
        (4, 'overfulfilment_exempted',
         r.eligible AND r.result IS NOT NULL AND r.direction = 'decrease' AND NOT r.overfulfilled
             AND perf_eval.param_boolean(v, 'goals.overfulfil_exempt_decrease')
             AND perf_eval.goal_overfulfilment_multiplier(r.direction, r.plan, r.fact,
                     perf_eval.param_numeric(v, 'goals.overfulfil_threshold'), 0, false) = 0,
         'goals.overfulfil_exempt_decrease', 'goals.overfulfil_threshold',
         'decrease-is-good indicator overfulfilled: exempt from the overfulfilment factor')
    ) AS cr(ord, correction, applies, key, test_key, condition)
    WHERE cr.applies;

    SELECT count(*), count(g.coefficient), count(*) FILTER (WHERE g.status = 'achieved'),
           count(*) FILTER (WHERE g.achieved_with_corrections),
           jsonb_agg(jsonb_build_object('goal', g.goal_code, 'title', g.title, 'coefficient', g.coefficient,
                                        'status', g.status, 'achieved_with_corrections', g.achieved_with_corrections,
                                        'tally', to_jsonb(g.tally)) ORDER BY g.goal_code)
    INTO goal_count, goals_counted, goals_achieved, goals_achieved_corrected, goals_json
    FROM perf_eval.goal_results(y, v, b) AS g;

    -- S as one exact fraction s_num / s_den, so pts x S has one final division (§0.1):
    -- goals basis: S = (sum over goals of s_g / n_g) / G over a common denominator;
    -- indicators basis: S = sum of results / n.
    IF basis = 'goals' THEN
        s_num := 0;
        s_den := 1;
        counted := 0;
        FOR part IN
            SELECT sum(r.result) AS s, count(r.result)::numeric AS n
            FROM perf_eval.target_indicator_results(y, v, b) AS r
            GROUP BY r.goal_code HAVING count(r.result) > 0
        LOOP
            common := lcm(s_den, part.n);
            s_num := s_num * div(common, s_den) + part.s * div(common, part.n);
            s_den := common;
            counted := counted + 1;
        END LOOP;
        s_den := s_den * counted;
    ELSE
        SELECT coalesce(sum(r.result), 0), count(r.result) INTO s_num, s_den
        FROM perf_eval.target_indicator_results(y, v, b) AS r;
    END IF;
    strategic_coefficient := perf_eval.goals_exact_quotient(s_num, s_den);
    raw := perf_eval.goals_exact_quotient(pts * s_num, s_den);
    RETURN NEXT ROW(b, 'goals.strategic', raw,
        CASE WHEN raw IS NOT NULL THEN NULL
             WHEN goal_count = 0 AND indicator_count = 0 THEN 'no_data'
             ELSE 'no_eligible_indicators' END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_strategic', 'text',
                CASE basis WHEN 'goals'
                     THEN 'pts_strategic · S; S = mean of goal coefficients; goal coefficient = mean of the results of its eligible TIs; result = min(r, cap) · factors'
                     ELSE 'pts_strategic · S; S = mean of the results of all eligible TIs of the body; result = min(r, cap) · factors' END),
            'clause', 'docs/methodology.md §3.1-§3.2, APA 2020 report §1.2',
            'inputs', jsonb_build_object(
                'basis', basis, 'strategic_coefficient', strategic_coefficient, 'points_maximum', pts,
                'goals', goal_count, 'goals_counted', goals_counted, 'goals_achieved', goals_achieved,
                'goals_achieved_with_corrections', goals_achieved_corrected,
                'indicators', tally_json,
                'goal_coefficients', coalesce(goals_json, '[]'),
                'indicator_results', coalesce(indicators_json, '[]')),
            'corrections', coalesce(corrections_json, '[]'),
            'excluded', coalesce(excluded_json, '[]'),
            'parameters', perf_eval.param_explanation(v, ARRAY[
                'goals.' || k || '.pts_strategic', 'goals.' || k || '.strategic_basis',
                'goals.overfulfil_threshold', 'goals.overfulfil_multiplier', 'goals.overfulfil_exempt_decrease',
                'goals.achievement_cap', 'goals.plan_lowered_multiplier', 'goals.no_dynamics_multiplier'])
        ))::perf_eval.node_value;

    -- ---------------------------------------------------------------- budget criteria
    SELECT * INTO ba FROM perf_eval.budget_assessment AS a WHERE a.body = b AND a.year = y;
    has_assessment := FOUND;

    -- E: BP execution efficiency, mean of min(A/D, cap); kz2020_apa splits current/development.
    -- Sums and counts are kept so that pts x E has one final division (§0.1).
    split := perf_eval.param_exists(v, 'goals.bp_split.w_current');
    maximum := perf_eval.param_numeric(v, 'goals.' || k || '.pts_bp_efficiency');
    SELECT count(*) AS programmes, count(q.e) AS assessed,
           coalesce(sum(least(q.e, q.cap)), 0) AS sum_all,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current'), 0) AS sum_current,
           count(q.e) FILTER (WHERE q.programme_type = 'current') AS n_current,
           coalesce(sum(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development'), 0) AS sum_development,
           count(q.e) FILTER (WHERE q.programme_type = 'development') AS n_development,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'current') AS mean_current,
           perf_eval.goal_coefficient_agg(least(q.e, q.cap)) FILTER (WHERE q.programme_type = 'development') AS mean_development,
           jsonb_agg(jsonb_build_object('programme', q.programme_code, 'type', q.programme_type,
                                        'A', q.achievement, 'D', q.disbursement, 'E', q.e,
                                        'E_capped', least(q.e, q.cap)) ORDER BY q.programme_code) AS items
    INTO bp
    FROM (SELECT p.*, perf_eval.budget_programme_efficiency(p.achievement, p.disbursement) AS e,
                 perf_eval.param_numeric(v, 'goals.bp_efficiency_cap') AS cap
          FROM perf_eval.budget_programme AS p WHERE p.body = b AND p.year = y) AS q;
    IF split AND bp.n_current > 0 AND bp.n_development > 0 THEN
        -- w_c x sum_c / n_c + w_d x sum_d / n_d over the common denominator n_c x n_d
        e_num := perf_eval.param_numeric(v, 'goals.bp_split.w_current') * bp.sum_current * bp.n_development
               + perf_eval.param_numeric(v, 'goals.bp_split.w_development') * bp.sum_development * bp.n_current;
        e_den := bp.n_current * bp.n_development;
    ELSE
        -- one group empty under the split: the other alone; without the split: every programme
        e_num := bp.sum_all;
        e_den := bp.assessed;
    END IF;
    e_value := perf_eval.goals_exact_quotient(e_num, e_den);
    criteria := criteria || jsonb_build_object(
        'node', 'goals.budget.bp_efficiency', 'raw', perf_eval.goals_exact_quotient(maximum * e_num, e_den),
        'maximum', maximum,
        'reason', CASE WHEN e_value IS NOT NULL THEN NULL WHEN bp.programmes = 0 THEN 'no_data' ELSE 'nothing_disbursed' END,
        'explanation', jsonb_build_object(
            'formula', jsonb_build_object('id', 'bp_efficiency', 'text',
                CASE WHEN split THEN 'pts · (w_current · mean_current(min(A/D, cap)) + w_development · mean_development(min(A/D, cap))); one group empty: the other alone'
                     ELSE 'pts · mean(min(A/D, cap)) over programmes with D > 0' END),
            'clause', 'docs/methodology.md §3.3, APA 2020 report §1.4; chapter 1 recommendations',
            'inputs', jsonb_build_object('programmes', bp.programmes, 'assessed', bp.assessed,
                                         'mean_current', bp.mean_current,
                                         'mean_development', bp.mean_development, 'E', e_value,
                                         'budget_programmes', coalesce(bp.items, '[]')),
            'parameters', perf_eval.param_explanation(v, ARRAY['goals.' || k || '.pts_bp_efficiency',
                'goals.bp_efficiency_cap', 'goals.bp_split.w_current', 'goals.bp_split.w_development'])));

    IF k = 'csb' THEN
        -- L: goal-BP link, mean of the expert coefficients per goal.
        maximum := perf_eval.param_numeric(v, 'goals.csb.pts_goal_bp_link');
        SELECT count(*) AS goals, perf_eval.goal_coefficient_agg(l.coefficient) AS mean,
               perf_eval.goal_coefficient_agg(maximum * l.coefficient) AS points,
               jsonb_agg(jsonb_build_object('goal', l.goal_code, 'coefficient', l.coefficient) ORDER BY l.goal_code) AS items
        INTO link
        FROM perf_eval.goal_programme_link AS l WHERE l.body = b AND l.year = y;
        criteria := criteria || jsonb_build_object(
            'node', 'goals.budget.goal_bp_link', 'raw', link.points, 'maximum', maximum,
            'reason', CASE WHEN link.mean IS NULL THEN 'no_data' END,
            'explanation', jsonb_build_object(
                'formula', jsonb_build_object('id', 'goal_bp_link', 'text', 'pts · mean(expert link coefficient per goal)'),
                'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2',
                'inputs', jsonb_build_object('goals_assessed', link.goals, 'mean', link.mean,
                                             'coefficients', coalesce(link.items, '[]')),
                'parameters', perf_eval.param_explanation(v, ARRAY['goals.csb.pts_goal_bp_link'])));

        -- C: Citizens Budget, pts · scale(c).
        maximum := perf_eval.param_numeric(v, 'goals.csb.pts_citizens_budget');
        raw := perf_eval.csb_citizens_budget_points(ba.citizens_budget_compliance, maximum,
                                                    perf_eval.param_text(v, 'goals.csb.citizens_budget_scale'));
        criteria := criteria || jsonb_build_object(
            'node', 'goals.budget.citizens_budget', 'raw', raw, 'maximum', maximum,
            'reason', CASE WHEN raw IS NULL THEN 'no_data' END,
            'explanation', jsonb_build_object(
                'formula', jsonb_build_object('id', 'citizens_budget_csb', 'text', 'pts · scale(c), c = compliance in %'),
                'clause', 'docs/methodology.md §3.3, APA 2020 report §1.5',
                'inputs', jsonb_build_object('c', ba.citizens_budget_compliance),
                'parameters', perf_eval.param_explanation(v, ARRAY['goals.csb.pts_citizens_budget',
                                                                   'goals.csb.citizens_budget_scale'])));
    ELSE
        -- V: absence of violations (max 10).
        raw := perf_eval.leb_violation_points(ba.audited, ba.violations_amount, ba.audited_amount, ba.ia_analysis,
                   perf_eval.param_numeric(v, 'goals.leb.violations_clean'),
                   perf_eval.param_numeric(v, 'goals.leb.violations_ia_analysis'),
                   perf_eval.param_numeric(v, 'goals.leb.violations_not_audited'),
                   perf_eval.param_text(v, 'goals.leb.violations_bands'));
        criteria := criteria || jsonb_build_object(
            'node', 'goals.budget.violations', 'raw', raw,
            'maximum', perf_eval.param_numeric(v, 'goals.leb.pts_violations'),
            'reason', CASE WHEN raw IS NULL THEN 'no_data' END,
            'explanation', jsonb_build_object(
                'formula', jsonb_build_object('id', 'leb_violations', 'text',
                    '(not audited: 5 | audited, V = 0: 8 | else bands(100·V/B)) + 2 with an internal-audit analysis'),
                'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2, Table 1.2 (Table 1.2)',
                'inputs', jsonb_build_object('audited', ba.audited, 'V', ba.violations_amount, 'B', ba.audited_amount,
                                             'share_percent', CASE WHEN ba.audited_amount > 0
                                                 THEN trim_scale(round(100 * ba.violations_amount / ba.audited_amount, 6)) END,
                                             'ia_analysis', ba.ia_analysis),
                'parameters', perf_eval.param_explanation(v, ARRAY['goals.leb.pts_violations', 'goals.leb.violations_clean',
                    'goals.leb.violations_ia_analysis', 'goals.leb.violations_not_audited', 'goals.leb.violations_bands'])));

        -- DR: direct results of development programmes.
        maximum := perf_eval.param_numeric(v, 'goals.leb.pts_direct_results');
        raw := perf_eval.direct_results_points(ba.direct_results_achieved, ba.direct_results_total, maximum, zero_volume);
        criteria := criteria || jsonb_build_object(
            'node', 'goals.budget.direct_results', 'raw', raw, 'maximum', maximum,
            'reason', CASE WHEN raw IS NOT NULL THEN NULL WHEN ba.direct_results_total = 0 THEN 'zero_volume' ELSE 'no_data' END,
            'explanation', jsonb_build_object(
                'formula', jsonb_build_object('id', 'direct_results', 'text', 'pts · achieved / total'),
                'clause', 'docs/methodology.md §3.3, APA 2020 report §1.2',
                'inputs', jsonb_build_object('achieved', ba.direct_results_achieved, 'total', ba.direct_results_total),
                'parameters', perf_eval.param_explanation(v, ARRAY['goals.leb.pts_direct_results', 'policy.zero_volume'])));

        -- C: Citizens Budget bands (criterion added in 2020: absent from kz2017).
        IF perf_eval.param_exists(v, 'goals.leb.citizens_budget_bands') THEN
            raw := perf_eval.leb_citizens_budget_points(ba.citizens_budget_compliance,
                                                        perf_eval.param_text(v, 'goals.leb.citizens_budget_bands'));
            criteria := criteria || jsonb_build_object(
                'node', 'goals.budget.citizens_budget', 'raw', raw,
                'maximum', perf_eval.param_numeric(v, 'goals.leb.pts_citizens_budget'),
                'reason', CASE WHEN raw IS NULL THEN 'no_data' END,
                'explanation', jsonb_build_object(
                    'formula', jsonb_build_object('id', 'citizens_budget_leb', 'text', 'bands(c), c = compliance in %'),
                    'clause', 'docs/methodology.md §3.3, §8 E10, APA 2020 report §1.2, Table 1.2',
                    'inputs', jsonb_build_object('c', ba.citizens_budget_compliance),
                    'parameters', perf_eval.param_explanation(v, ARRAY['goals.leb.pts_citizens_budget',
                                                                       'goals.leb.citizens_budget_bands'])));
        END IF;
    END IF;

    -- Each criterion as the engine stores it, and its effective value in the budget component.
    FOR c IN SELECT x.value AS item, x.ordinality FROM jsonb_array_elements(criteria) WITH ORDINALITY AS x LOOP
        raw := (c.item ->> 'raw')::numeric;
        maximum := (c.item ->> 'maximum')::numeric;
        supplied := perf_eval.goals_supplied_value(b, y, c.item ->> 'node', v);
        IF supplied > maximum THEN
            RAISE EXCEPTION 'supplied score of % must lie between 0 and %', c.item ->> 'node', maximum
                USING ERRCODE = '22003',
                      DETAIL = format('Supplied %s = %s under %s (the maximum for a %s).',
                                      c.item ->> 'node', supplied, v, body_kind),
                      HINT = 'docs/methodology.md §1.2: a supplied score lies in [0, node maximum].';
        END IF;
        effective := coalesce(supplied, perf_eval.clamp_value(raw, maximum, clamp));
        IF effective IS NULL THEN
            budget_missing := budget_missing || (c.item ->> 'node');
        ELSE
            budget_sum := budget_sum + effective;
        END IF;
        criteria := jsonb_set(criteria, ARRAY[(c.ordinality - 1)::text, 'value'], coalesce(to_jsonb(effective), 'null'));
        criteria := jsonb_set(criteria, ARRAY[(c.ordinality - 1)::text, 'origin'],
                              to_jsonb(CASE WHEN supplied IS NOT NULL THEN 'supplied' ELSE 'computed' END));
        RETURN NEXT ROW(b, c.item ->> 'node', raw, c.item ->> 'reason',
                        (c.item -> 'explanation') || jsonb_build_object('maximum_for_kind', maximum))::perf_eval.node_value;
    END LOOP;

    -- k_PPB (LEB, from 2020): multiplies the budget component (§3.5); not reported -> 1.
    IF k = 'leb' AND perf_eval.param_exists(v, 'goals.leb.ppb_bands') THEN
        raw := CASE WHEN ba.participatory_budget_share IS NULL THEN 1
                    ELSE perf_eval.ppb_coefficient(ba.participatory_budget_share,
                                                   perf_eval.param_text(v, 'goals.leb.ppb_bands')) END;
        supplied := perf_eval.goals_supplied_value(b, y, 'goals.budget.ppb', v);
        k_ppb := coalesce(supplied, raw);
        k_ppb_origin := CASE WHEN supplied IS NOT NULL THEN 'supplied'
                             WHEN ba.participatory_budget_share IS NULL THEN 'not reported: no participatory budget, 1'
                             ELSE 'computed' END;
        RETURN NEXT ROW(b, 'goals.budget.ppb', raw, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'ppb_coefficient', 'text',
                    'k_PPB = bands(p), p = % of the local budget distributed through the participatory budget; not reported: 1'),
                'clause', 'docs/methodology.md §3.3, §3.5, §8 E11, APA 2020 report §1.2, Table 1.2',
                'inputs', jsonb_build_object('p', ba.participatory_budget_share, 'reported', ba.participatory_budget_share IS NOT NULL),
                'parameters', perf_eval.param_explanation(v, ARRAY['goals.leb.ppb_bands', 'goals.leb.ppb_applies_to'])
            ))::perf_eval.node_value;
    END IF;

    -- ---------------------------------------------------------------- B
    raw := CASE WHEN cardinality(budget_missing) = 0 THEN k_ppb * budget_sum END;
    RETURN NEXT ROW(b, 'goals.budget', raw,
        CASE WHEN raw IS NULL THEN 'not assessable: ' || array_to_string(budget_missing, ', ') END,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_budget_' || k, 'text',
                CASE WHEN k = 'csb' THEN 'B = E + L + C'
                     WHEN perf_eval.param_exists(v, 'goals.leb.ppb_bands') THEN 'B = k_PPB · (V + DR + E + C)'
                     ELSE 'B = V + DR + E' END),
            'clause', 'docs/methodology.md §3.3, §3.5, APA 2020 report §1.2, Table 1.2',
            'children', (SELECT jsonb_agg(jsonb_build_object('node', x.value ->> 'node', 'value', x.value -> 'value',
                                                             'raw_value', x.value -> 'raw', 'maximum_for_kind', x.value -> 'maximum',
                                                             'origin', x.value ->> 'origin'))
                         FROM jsonb_array_elements(criteria) AS x),
            'inputs', jsonb_build_object('criteria_sum', budget_sum, 'k_ppb', k_ppb, 'k_ppb_origin', k_ppb_origin,
                                         'budget_assessment_loaded', has_assessment),
            'parameters', perf_eval.param_explanation(v, ARRAY['goals.leb.ppb_applies_to'])
        ))::perf_eval.node_value;

    -- ---------------------------------------------------------------- P
    FOR penalty IN
        SELECT e.kind, sum(e.count)::bigint AS facts, string_agg(e.note, '; ' ORDER BY e.penalty_id) AS notes
        FROM perf_eval.penalty_event AS e
        WHERE e.body = b AND e.year = y AND e.block = 'goals'
        GROUP BY e.kind ORDER BY e.kind
    LOOP
        IF NOT perf_eval.param_exists(v, 'goals.penalty.' || penalty.kind) THEN
            RAISE EXCEPTION 'unknown goals penalty kind "%"', penalty.kind
                USING ERRCODE = '22023',
                      DETAIL = format('%s penalty fact(s) of kind %s; methodology %s knows %s.',
                                      penalty.facts, penalty.kind, v,
                                      (SELECT string_agg(substr(p.key, 15), ', ' ORDER BY p.key)
                                       FROM perf_eval.methodology_param AS p
                                       WHERE p.methodology = v AND p.key LIKE 'goals.penalty.%')),
                      HINT = 'Penalties, docs/methodology.md §3.4: the kind is a goals.penalty.<kind> parameter of the version.';
        END IF;
        per_fact := perf_eval.param_numeric(v, 'goals.penalty.' || penalty.kind);
        penalty_total := penalty_total + penalty.facts * per_fact;
        penalty_items := penalty_items || jsonb_build_object(
            'kind', penalty.kind, 'facts', penalty.facts, 'points_each', per_fact,
            'points', penalty.facts * per_fact, 'source', 'penalty_event', 'note', penalty.notes,
            'parameter', perf_eval.goals_param_object(v, 'goals.penalty.' || penalty.kind));
    END LOOP;

    -- BP result indicators with F > threshold x P (strict) are detected here (§3.4).
    SELECT count(*), jsonb_agg(jsonb_build_object('programme', r.programme_code, 'result', r.result_code,
                                                  'plan', r.plan, 'fact', r.fact) ORDER BY r.programme_code, r.result_code)
    INTO detected, detected_json
    FROM perf_eval.budget_programme_result AS r
    WHERE r.body = b AND r.year = y
      AND r.fact > perf_eval.param_numeric(v, 'goals.bp_result_overfulfil_threshold') * r.plan;
    IF detected > 0 THEN
        per_fact := perf_eval.param_numeric(v, 'goals.penalty.bp_result_overfulfilment');
        penalty_total := penalty_total + detected * per_fact;
        penalty_items := penalty_items || jsonb_build_object(
            'kind', 'bp_result_overfulfilment', 'facts', detected, 'points_each', per_fact,
            'points', detected * per_fact, 'source', 'detected: F > threshold · P', 'results', detected_json,
            'parameter', perf_eval.goals_param_object(v, 'goals.penalty.bp_result_overfulfilment'),
            'test_parameter', perf_eval.goals_param_object(v, 'goals.bp_result_overfulfil_threshold'));
    END IF;

    RETURN NEXT ROW(b, 'goals.penalties', penalty_total, NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'goals_penalties', 'text',
                'P = Σ facts · goals.penalty.<kind>; no cap, the block is floored by policy.clamp'),
            'clause', 'docs/methodology.md §3.4, APA 2020 report §1.5',
            'inputs', jsonb_build_object('penalties', penalty_items),
            'parameters', perf_eval.param_explanation(v, ARRAY(
                SELECT p.key FROM perf_eval.methodology_param AS p
                WHERE p.methodology = v AND p.key LIKE 'goals.penalty.%'))
        ))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.goal_nodes(text, integer, text) IS
'Raw goals nodes of one body in a year under a methodology, with explanations: goals.strategic (every goal coefficient, every indicator result, the corrections with the parameters that made them, the excluded indicators), the budget criteria and component, the penalties (docs/methodology.md §3.1-§3.5)';

CREATE FUNCTION perf_eval.compute_goal_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    b record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    -- Bodies with goals inputs (or supplied budget criteria) in the year, not exempt from the block.
    FOR b IN
        SELECT DISTINCT x.body FROM (
            SELECT g.body FROM perf_eval.goal AS g WHERE g.year = $1
            UNION SELECT p.body FROM perf_eval.budget_programme AS p WHERE p.year = $1
            UNION SELECT a.body FROM perf_eval.budget_assessment AS a WHERE a.year = $1
            UNION SELECT e.body FROM perf_eval.penalty_event AS e WHERE e.year = $1 AND e.block = 'goals'
            UNION SELECT s.body FROM perf_eval.supplied_score AS s
                  WHERE s.year = $1 AND s.node LIKE 'goals.budget.%' AND (s.methodology = $2 OR s.methodology IS NULL)
        ) AS x
        WHERE perf_eval.scope_status(x.body, 'goals', $1) <> 'exempt'
        ORDER BY x.body
    LOOP
        BEGIN
            RETURN QUERY SELECT * FROM perf_eval.goal_nodes(b.body, $1, $2);
        EXCEPTION WHEN OTHERS THEN
            -- Name the body and year the failure is about (METHODOLOGY §0.7).
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, goals block.', b.body, $1), nullif(err_detail, '')),
                HINT = coalesce(nullif(err_hint, ''), 'Goals block, docs/methodology.md §3.');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_goal_nodes(integer, text) IS
'Node computer of the goals block: perf_eval.goal_nodes() of every body with goals inputs in the year, a failure naming the body and year (docs/methodology.md §3)';

INSERT INTO perf_eval.node_computer VALUES
('goals', 'perf_eval.compute_goal_nodes', 'Goals block: strategic component, budget criteria, penalties (docs/methodology.md §3)');

-- -------------------------------------------------------------------------
-- The goals nodes of the score tree (METHODOLOGY §1.1, §3.5): the block is
-- the signed sum G = S + B - P, so supplied directions and the clamp work
-- as everywhere else; B is computed (k_PPB multiplies it for LEBs)
-- -------------------------------------------------------------------------

UPDATE perf_eval.score_node SET combine = 'sum', symbol = 'G' WHERE code = 'goals';
UPDATE perf_eval.score_node SET symbol = 'S', max_key = 'goals.{kind}.pts_strategic',
       title_en = 'Achievement of strategic-plan / TDP goals (points)'
WHERE code = 'goals.strategic';
UPDATE perf_eval.score_node SET symbol = 'B', title_en = 'Budget component (points)' WHERE code = 'goals.budget';
UPDATE perf_eval.score_node SET symbol = 'P' WHERE code = 'goals.penalties';

-- Criteria whose maximum depends on the body kind name it with {kind} (METHODOLOGY §2.3).
INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key, title_en, symbol) VALUES
('goals.budget.bp_efficiency',   'goals.budget', 'goals', 'criterion', 1, 'computed', 1, NULL, 'goals.{kind}.pts_bp_efficiency',
 'Efficiency of budget programme execution (CSB max 15, LEB max 14)', 'E'),
('goals.budget.goal_bp_link',    'goals.budget', 'goals', 'criterion', 2, 'computed', 1, NULL, 'goals.csb.pts_goal_bp_link',
 'Relationship of strategic-plan goals with budget programmes (CSB)', 'L'),
('goals.budget.citizens_budget', 'goals.budget', 'goals', 'criterion', 3, 'computed', 1, NULL, 'goals.{kind}.pts_citizens_budget',
 'Quality and content of the Citizens Budget publication (CSB max 5, LEB max 2)', 'C'),
('goals.budget.violations',      'goals.budget', 'goals', 'criterion', 4, 'computed', 1, NULL, 'goals.leb.pts_violations',
 'Absence of violations in audits of development programmes (LEB)', 'V'),
('goals.budget.direct_results',  'goals.budget', 'goals', 'criterion', 5, 'computed', 1, NULL, 'goals.leb.pts_direct_results',
 'Direct results of budget development programmes (LEB)', 'DR'),
('goals.budget.ppb',             'goals.budget', 'goals', 'criterion', 6, 'computed', 1, NULL, 'node.max',
 'Participatory budget coefficient k_PPB (LEB, from 2020)', 'k_PPB');

-- -------------------------------------------------------------------------
-- Inputs digest, pg_dump, privileges and row-level security
-- -------------------------------------------------------------------------

INSERT INTO perf_eval.input_relation VALUES
('perf_eval.goal', 'year'),
('perf_eval.target_indicator', 'year'),
('perf_eval.budget_programme', 'year'),
('perf_eval.budget_programme_result', 'year'),
('perf_eval.goal_programme_link', 'year'),
('perf_eval.budget_assessment', 'year');

SELECT pg_catalog.pg_extension_config_dump('perf_eval.goal', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.target_indicator', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.budget_programme', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.budget_programme_result', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.goal_programme_link', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.budget_assessment', '');

-- Editors enter every body's goals inputs; submitters only their own bodies' (RLS).
GRANT INSERT, UPDATE, DELETE ON perf_eval.goal, perf_eval.target_indicator, perf_eval.budget_programme,
      perf_eval.budget_programme_result, perf_eval.goal_programme_link, perf_eval.budget_assessment,
      perf_eval.target_indicator_staging
   TO perf_eval_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.goal, perf_eval.target_indicator, perf_eval.budget_programme,
      perf_eval.budget_programme_result, perf_eval.goal_programme_link, perf_eval.budget_assessment
   TO perf_eval_submitter;

DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['goal', 'target_indicator', 'budget_programme', 'budget_programme_result',
                                       'goal_programme_link', 'budget_assessment'] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor USING (true) WITH CHECK (true)',
                       input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader USING (true)',
                       input_table);
        EXECUTE format('CREATE POLICY submitter_own_body ON perf_eval.%I TO perf_eval_submitter
                        USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body))', input_table);
    END LOOP;
END
$$;
-- =========================================================================
-- Section: the interaction block's public-services, satisfaction (apa) and
-- openness directions: criteria nodes, inputs with a validation report,
-- per-body criteria with explanations, node computers (METHODOLOGY §4)
--
-- Inputs per body and year:
--   service_counts       yearly totals of the delivery registry (the shape
--                        of perf_eval.service_tally, §7.1);
--   service_indicators   what no registry gives: satisfaction %, services in
--                        the register and electronic, downtime, newly
--                        automated services;
--   openness_inputs      open data, budget, dialogue, subordinates;
--   open_nla_fulfilment  Open NLA fulfilment per language and item.
-- The complaints direction (R1-R4) is computed by compute_complaint_nodes
-- (61_recalculate.sql); the apa one-time-acceptance criterion, which needs
-- the extra-document requests of the service counts, is computed here.
-- =========================================================================

-- ---------------------------------------------------------------------------
-- Criteria nodes (METHODOLOGY §1.1)
-- ---------------------------------------------------------------------------

INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key, title_en, symbol) VALUES
('interaction.services.satisfaction', 'interaction.services', 'interaction', 'criterion', 1, 'computed', 1, NULL,
 'services.{kind}.satisfaction_max', 'Satisfaction of service recipients with the quality of public services', 'K1 / M1'),
('interaction.services.quality', 'interaction.services', 'interaction', 'criterion', 2, 'computed', 1, NULL,
 'services.{kind}.quality_max', 'Ensuring the quality of the provision of public services', 'K2 / M2'),
('interaction.services.automation', 'interaction.services', 'interaction', 'criterion', 3, 'computed', 1, NULL,
 'services.{kind}.automation_max', 'Automation of public services', 'K3'),
('interaction.openness.open_data', 'interaction.openness', 'interaction', 'criterion', 1, 'computed', 1, NULL,
 'openness.pts_criterion', 'Open data', NULL),
('interaction.openness.open_budget', 'interaction.openness', 'interaction', 'criterion', 2, 'computed', 1, NULL,
 'openness.pts_criterion', 'Open budget', NULL),
('interaction.openness.open_nla', 'interaction.openness', 'interaction', 'criterion', 3, 'computed', 1, NULL,
 'openness.pts_criterion', 'Open regulatory legal acts', NULL),
('interaction.openness.open_dialogue', 'interaction.openness', 'interaction', 'criterion', 4, 'computed', 1, NULL,
 'openness.pts_criterion', 'Open dialogue', NULL),
('interaction.openness.subordinate_deduction', 'interaction.openness', 'interaction', 'criterion', 5, 'computed', -1, NULL,
 'openness.subordinate_deduction_max', 'Openness of subordinate organisations (deduction)', NULL);

-- ---------------------------------------------------------------------------
-- Input tables
-- ---------------------------------------------------------------------------

CREATE TABLE perf_eval.service_counts (
    body                       text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                       integer NOT NULL,
    deliveries                 bigint NOT NULL CHECK (deliveries >= 0),
    deadline_violations        bigint NOT NULL CHECK (deadline_violations >= 0),
    unreasonable_refusals      bigint NOT NULL CHECK (unreasonable_refusals >= 0),
    incomplete_package         bigint NOT NULL CHECK (incomplete_package >= 0),
    extra_documents            bigint NOT NULL CHECK (extra_documents >= 0),
    electronic                 bigint NOT NULL CHECK (electronic >= 0),
    quality_appeals_justified  bigint NOT NULL CHECK (quality_appeals_justified >= 0),
    source                     text,
    loaded_by                  name NOT NULL DEFAULT current_user,
    loaded_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT deadline_violations_within_deliveries CHECK (deadline_violations <= deliveries),
    CONSTRAINT unreasonable_refusals_within_deliveries CHECK (unreasonable_refusals <= deliveries),
    CONSTRAINT incomplete_package_within_deliveries CHECK (incomplete_package <= deliveries),
    CONSTRAINT extra_documents_within_deliveries CHECK (extra_documents <= deliveries),
    CONSTRAINT electronic_within_deliveries CHECK (electronic <= deliveries),
    CONSTRAINT quality_appeals_within_deliveries CHECK (quality_appeals_justified <= deliveries)
);
COMMENT ON COLUMN perf_eval.service_counts.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.service_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.service_counts.deliveries IS 'Number of public-service deliveries (count)';
COMMENT ON COLUMN perf_eval.service_counts.deadline_violations IS 'Number of deliveries with a deadline violation (count)';
COMMENT ON COLUMN perf_eval.service_counts.unreasonable_refusals IS 'Number of unreasonable refusals (count)';
COMMENT ON COLUMN perf_eval.service_counts.incomplete_package IS 'Number of deliveries refused or delayed for an incomplete package of documents (count)';
COMMENT ON COLUMN perf_eval.service_counts.extra_documents IS 'Number of deliveries with documents requested beyond the service standard (count)';
COMMENT ON COLUMN perf_eval.service_counts.electronic IS 'Number of deliveries made electronically (count)';
COMMENT ON COLUMN perf_eval.service_counts.quality_appeals_justified IS 'Number of justified appeals about service quality (count)';
COMMENT ON COLUMN perf_eval.service_counts.source IS 'Where the counts come from (document, registry extract)';
COMMENT ON COLUMN perf_eval.service_counts.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.service_counts.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.service_counts IS
'Yearly public-service counts of a body, the columns of perf_eval.service_tally (docs/methodology.md §4.2, §7.1): deliveries; deliveries with a deadline violation, an unreasonable refusal, an incomplete package accepted, an extra document requested; electronic deliveries; justified quality appeals. Each part <= deliveries';

CREATE TABLE perf_eval.service_indicators (
    body                   text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                   integer NOT NULL,
    satisfaction_percent   numeric CHECK (satisfaction_percent BETWEEN 0 AND 100),
    services_in_register   bigint CHECK (services_in_register >= 0),
    services_electronic    bigint CHECK (services_electronic >= 0),
    downtime_hours         numeric CHECK (downtime_hours >= 0 AND downtime_hours < 'Infinity'),
    newly_automated        bigint CHECK (newly_automated >= 0),
    source                 text,
    loaded_by              name NOT NULL DEFAULT current_user,
    loaded_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT register_and_electronic_together CHECK ((services_in_register IS NULL) = (services_electronic IS NULL)),
    CONSTRAINT services_electronic_within_register CHECK (services_electronic <= services_in_register)
);
COMMENT ON COLUMN perf_eval.service_indicators.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.service_indicators.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.service_indicators.satisfaction_percent IS 'Recipients satisfied with the quality of public services, % (0..100; a 5-point mean m is entered as 25*(m - 1)); NULL: not reported';
COMMENT ON COLUMN perf_eval.service_indicators.services_in_register IS 'Number of the body''s services in the register of public services (count); NULL: not reported';
COMMENT ON COLUMN perf_eval.service_indicators.services_electronic IS 'Number of those services available electronically (count, <= services_in_register)';
COMMENT ON COLUMN perf_eval.service_indicators.downtime_hours IS 'Downtime of the automated services in the year, hours (>= 0)';
COMMENT ON COLUMN perf_eval.service_indicators.newly_automated IS 'Number of services automated during the year (count)';
COMMENT ON COLUMN perf_eval.service_indicators.source IS 'Where the values come from (document, survey)';
COMMENT ON COLUMN perf_eval.service_indicators.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.service_indicators.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.service_indicators IS
'Public-service inputs no delivery registry gives (docs/methodology.md §4.2): % of satisfied recipients (0..100; a 5-point mean m is entered as 25*(m - 1)), services in the state register and available electronically, hours of downtime of automated services, services automated in the year. NULL = not reported: a criterion that needs it is not assessable';

CREATE TABLE perf_eval.openness_inputs (
    body                        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                        integer NOT NULL,
    open_data_published         bigint NOT NULL CHECK (open_data_published >= 0),
    open_data_required          bigint NOT NULL CHECK (open_data_required >= 0),
    budget_filling_percent      numeric NOT NULL CHECK (budget_filling_percent BETWEEN 0 AND 100),
    blog_questions_received     bigint NOT NULL CHECK (blog_questions_received >= 0),
    blog_questions_answered     bigint NOT NULL CHECK (blog_questions_answered >= 0),
    dialogue_indicator_2        numeric NOT NULL CHECK (dialogue_indicator_2 BETWEEN 0 AND 1),
    dialogue_indicator_3        numeric NOT NULL CHECK (dialogue_indicator_3 BETWEEN 0 AND 1),
    dialogue_indicator_4        numeric NOT NULL CHECK (dialogue_indicator_4 BETWEEN 0 AND 1),
    dialogue_indicator_5        numeric NOT NULL CHECK (dialogue_indicator_5 BETWEEN 0 AND 1),
    subordinates_total          bigint NOT NULL DEFAULT 0 CHECK (subordinates_total >= 0),
    subordinates_non_compliant  bigint NOT NULL DEFAULT 0 CHECK (subordinates_non_compliant >= 0),
    source                      text,
    loaded_by                   name NOT NULL DEFAULT current_user,
    loaded_at                   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT answered_within_received CHECK (blog_questions_answered <= blog_questions_received),
    CONSTRAINT non_compliant_within_subordinates CHECK (subordinates_non_compliant <= subordinates_total)
);
COMMENT ON COLUMN perf_eval.openness_inputs.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.openness_inputs.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.openness_inputs.open_data_published IS 'Number of open data sets published (count)';
COMMENT ON COLUMN perf_eval.openness_inputs.open_data_required IS 'Number of open data sets required by the body''s approved list (count)';
COMMENT ON COLUMN perf_eval.openness_inputs.budget_filling_percent IS 'Filling of the Open budgets portal, % (0..100)';
COMMENT ON COLUMN perf_eval.openness_inputs.blog_questions_received IS 'Number of questions received on the heads'' blog platform (count; dialogue indicator 1)';
COMMENT ON COLUMN perf_eval.openness_inputs.blog_questions_answered IS 'Number of those questions answered (count, <= received)';
COMMENT ON COLUMN perf_eval.openness_inputs.subordinates_total IS 'Number of subordinate organisations (count)';
COMMENT ON COLUMN perf_eval.openness_inputs.subordinates_non_compliant IS 'Number of subordinate organisations not compliant with openness requirements (count; deduction up to 10 points)';
COMMENT ON COLUMN perf_eval.openness_inputs.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.openness_inputs.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.openness_inputs.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.openness_inputs IS
'Openness inputs of a body and year (docs/methodology.md §4.3): open data sets published / required by the approved list; Open budget filling %; questions received and answered on the heads'' blog platform (dialogue indicator 1) and the fulfilment 0..1 of dialogue indicators 2-5 (APA 2020 report §2.4 gives five; §2.5 names Internet conferences and online broadcasts of public meetings); subordinate organisations and those not compliant';
COMMENT ON COLUMN perf_eval.openness_inputs.dialogue_indicator_2 IS 'Fulfilment 0..1, e.g. Internet conferences held (APA 2020 report §2.5)';
COMMENT ON COLUMN perf_eval.openness_inputs.dialogue_indicator_3 IS 'Fulfilment 0..1, e.g. online broadcasts of public meetings (APA 2020 report §2.5)';
COMMENT ON COLUMN perf_eval.openness_inputs.dialogue_indicator_4 IS 'Fulfilment 0..1 of the fourth Open dialogue indicator (not named in the APA 2020 report)';
COMMENT ON COLUMN perf_eval.openness_inputs.dialogue_indicator_5 IS 'Fulfilment 0..1 of the fifth Open dialogue indicator (not named in the APA 2020 report)';

CREATE TABLE perf_eval.open_nla_fulfilment (
    body        text NOT NULL,
    year        integer NOT NULL,
    language    text NOT NULL CHECK (language IN ('kk', 'ru')),
    item        text NOT NULL CHECK (item ~ '^[a-z][a-z_]*$'),
    fulfilment  numeric NOT NULL CHECK (fulfilment BETWEEN 0 AND 1),
    PRIMARY KEY (body, year, language, item),
    FOREIGN KEY (body, year) REFERENCES perf_eval.openness_inputs (body, year) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.open_nla_fulfilment.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment.language IS 'Language of the drafts: kk (state language) | ru';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment.item IS 'Item of the Open NLA assessment, e.g. concepts, drafts, forms, monitoring, notifications (kz2020_apa: analysis, recommendations, submissions, user_satisfaction, notifications)';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment.fulfilment IS 'Share of compliant cases, 0..1';
COMMENT ON TABLE perf_eval.open_nla_fulfilment IS
'Open NLA fulfilment 0..1 (share of compliant cases) per language (kk = state language, ru) and item of Table 2.8 (APA 2020 report §2.5, Table 2.8, docs/methodology.md §8 E4): kz2020 items concepts, drafts, forms, monitoring, notifications; kz2020_apa items analysis, recommendations, submissions, user_satisfaction, notifications (APA 2020 report, chapter 2 recommendations). The items a version scores are its openness.nla.<csb|leb|apa>.<item> parameters';

-- Inputs are user data: pg_dump keeps them; they make up a year's inputs digest.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.service_counts', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.service_indicators', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.openness_inputs', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.open_nla_fulfilment', '');
INSERT INTO perf_eval.input_relation VALUES
('perf_eval.service_counts', 'year'),
('perf_eval.service_indicators', 'year'),
('perf_eval.openness_inputs', 'year'),
('perf_eval.open_nla_fulfilment', 'year');

-- The service counts of every body for a year, in the shape of perf_eval.service_tally.
CREATE FUNCTION perf_eval.service_counts_of_year(year integer)
RETURNS TABLE (body text, deliveries bigint, deadline_violations bigint, unreasonable_refusals bigint,
               incomplete_package bigint, extra_documents bigint, electronic bigint,
               quality_appeals_justified bigint, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- Yearly totals from perf_eval.service_counts. The registry path (the
    -- monthly partial states of the delivery registry merged by
    -- perf_eval.service_tally_of_year(body, year), issue 4) is merged in here
    -- by the lead when it lands: yearly totals where loaded, otherwise the
    -- registry's tally, so every node computer below sees one source.
    SELECT c.body, c.deliveries, c.deadline_violations, c.unreasonable_refusals, c.incomplete_package,
           c.extra_documents, c.electronic, c.quality_appeals_justified,
           coalesce(c.source, 'service_counts')
    FROM perf_eval.service_counts AS c
    WHERE c.year = $1
$$;
COMMENT ON FUNCTION perf_eval.service_counts_of_year(integer) IS
'The public-service counts (columns of perf_eval.service_tally) of each body in a year: from perf_eval.service_counts (docs/methodology.md §4.2, §7.1)';

-- ---------------------------------------------------------------------------
-- Loading with a validation report: \copy each file into its staging table
-- (all text), read perf_eval.interaction_inputs_report(), then
-- perf_eval.accept_interaction_inputs() moves all four at once if it is empty.
-- ---------------------------------------------------------------------------

CREATE TABLE perf_eval.service_counts_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, deliveries text, deadline_violations text, unreasonable_refusals text,
    incomplete_package text, extra_documents text, electronic text, quality_appeals_justified text, source text
);
COMMENT ON COLUMN perf_eval.service_counts_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.service_counts_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.deliveries IS 'Number of deliveries, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.deadline_violations IS 'Number of deadline violations, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.unreasonable_refusals IS 'Number of unreasonable refusals, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.incomplete_package IS 'Number of incomplete-package deliveries, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.extra_documents IS 'Number of extra-document requests, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.electronic IS 'Number of electronic deliveries, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.quality_appeals_justified IS 'Number of justified quality appeals, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_counts_staging.source IS 'Where the counts come from, as loaded';
CREATE TABLE perf_eval.service_indicators_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, satisfaction_percent text, services_in_register text, services_electronic text,
    downtime_hours text, newly_automated text, source text
);
COMMENT ON COLUMN perf_eval.service_indicators_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.service_indicators_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_indicators_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_indicators_staging.satisfaction_percent IS 'Satisfied recipients in %, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_indicators_staging.services_in_register IS 'Services in the register, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_indicators_staging.services_electronic IS 'Services available electronically, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_indicators_staging.downtime_hours IS 'Downtime in hours, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_indicators_staging.newly_automated IS 'Services automated in the year, as loaded (text)';
COMMENT ON COLUMN perf_eval.service_indicators_staging.source IS 'Where the values come from, as loaded';
CREATE TABLE perf_eval.openness_inputs_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, open_data_published text, open_data_required text, budget_filling_percent text,
    blog_questions_received text, blog_questions_answered text, dialogue_indicator_2 text, dialogue_indicator_3 text,
    dialogue_indicator_4 text, dialogue_indicator_5 text, subordinates_total text, subordinates_non_compliant text,
    source text
);
COMMENT ON COLUMN perf_eval.openness_inputs_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.open_data_published IS 'Open data sets published, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.open_data_required IS 'Open data sets required, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.budget_filling_percent IS 'Open budgets filling in %, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.blog_questions_received IS 'Blog questions received, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.blog_questions_answered IS 'Blog questions answered, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.dialogue_indicator_2 IS 'Fulfilment 0..1 of Open dialogue indicator 2, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.dialogue_indicator_3 IS 'Fulfilment 0..1 of Open dialogue indicator 3, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.dialogue_indicator_4 IS 'Fulfilment 0..1 of Open dialogue indicator 4, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.dialogue_indicator_5 IS 'Fulfilment 0..1 of Open dialogue indicator 5, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.subordinates_total IS 'Subordinate organisations, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.subordinates_non_compliant IS 'Non-compliant subordinate organisations, as loaded (text)';
COMMENT ON COLUMN perf_eval.openness_inputs_staging.source IS 'Where the values come from, as loaded';
CREATE TABLE perf_eval.open_nla_fulfilment_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, language text, item text, fulfilment text
);
COMMENT ON COLUMN perf_eval.open_nla_fulfilment_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment_staging.language IS 'kk | ru, as loaded';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment_staging.item IS 'Item of the Open NLA assessment, as loaded';
COMMENT ON COLUMN perf_eval.open_nla_fulfilment_staging.fulfilment IS 'Share of compliant cases 0..1, as loaded (text)';
COMMENT ON TABLE perf_eval.service_counts_staging IS
'Landing table for \copy of yearly service counts (columns of service_counts, all text); perf_eval.interaction_inputs_report() lists every bad row';
COMMENT ON TABLE perf_eval.service_indicators_staging IS
'Landing table for \copy of service indicators (columns of service_indicators, all text; empty = not reported)';
COMMENT ON TABLE perf_eval.openness_inputs_staging IS
'Landing table for \copy of openness inputs (columns of openness_inputs, all text; subordinates empty = 0)';
COMMENT ON TABLE perf_eval.open_nla_fulfilment_staging IS
'Landing table for \copy of Open NLA fulfilment (body, year, language, item, fulfilment; all text)';

CREATE FUNCTION perf_eval.interaction_numeric_or_null(value text)
RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN perf_eval.is_numeric_text($1) THEN trim($1)::numeric END $$;
COMMENT ON FUNCTION perf_eval.interaction_numeric_or_null(text) IS 'A staging text as numeric, NULL if it is not a finite decimal number';

-- The problem of one staging value of a kind, or NULL (METHODOLOGY §4.5).
CREATE FUNCTION perf_eval.interaction_field_problem(value text, kind text, required boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN $1 IS NULL OR trim($1) = '' THEN CASE WHEN $3 THEN 'missing' END
        WHEN $2 = 'count' AND $1 ~ '^\s*-' THEN 'must not be negative'
        WHEN $2 = 'count' AND NOT perf_eval.is_count_text($1) THEN 'must be a whole number'
        WHEN NOT perf_eval.is_numeric_text($1) THEN 'must be a number'
        WHEN $2 = 'percent' AND NOT trim($1)::numeric BETWEEN 0 AND 100 THEN 'must lie between 0 and 100'
        WHEN $2 = 'fulfilment' AND NOT trim($1)::numeric BETWEEN 0 AND 1 THEN 'must lie between 0 and 1'
        WHEN $2 = 'hours' AND trim($1)::numeric < 0 THEN 'must not be negative'
    END
$$;
COMMENT ON FUNCTION perf_eval.interaction_field_problem(text, text, boolean) IS
'The problem of one staging value of a kind (count, percent 0..100, fulfilment 0..1, hours >= 0), or NULL (docs/methodology.md §4.5)';

CREATE FUNCTION perf_eval.interaction_inputs_report()
RETURNS TABLE (staging text, line bigint, body text, year text, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH counts AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.service_counts_staging AS s
    ),
    indicators AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.service_indicators_staging AS s
    ),
    openness AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.openness_inputs_staging AS s
    ),
    nla AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.open_nla_fulfilment_staging AS s
    ),
    keyed AS (
        SELECT 'service_counts_staging'::text AS staging, c.line, c.body, c.year FROM counts AS c
        UNION ALL SELECT 'service_indicators_staging', i.line, i.body, i.year FROM indicators AS i
        UNION ALL SELECT 'openness_inputs_staging', o.line, o.body, o.year FROM openness AS o
        UNION ALL SELECT 'open_nla_fulfilment_staging', n.line, n.body, n.year FROM nla AS n
    ),
    fields AS (
        SELECT 'service_counts_staging'::text AS staging, c.line, c.body, c.year, f.field, f.value, 'count'::text AS kind,
               true AS required
        FROM counts AS c CROSS JOIN LATERAL (VALUES
            ('deliveries', c.deliveries), ('deadline_violations', c.deadline_violations),
            ('unreasonable_refusals', c.unreasonable_refusals), ('incomplete_package', c.incomplete_package),
            ('extra_documents', c.extra_documents), ('electronic', c.electronic),
            ('quality_appeals_justified', c.quality_appeals_justified)) AS f(field, value)
        UNION ALL
        SELECT 'service_indicators_staging', i.line, i.body, i.year, f.field, f.value, f.kind, false
        FROM indicators AS i CROSS JOIN LATERAL (VALUES
            ('satisfaction_percent', i.satisfaction_percent, 'percent'),
            ('services_in_register', i.services_in_register, 'count'),
            ('services_electronic', i.services_electronic, 'count'),
            ('downtime_hours', i.downtime_hours, 'hours'),
            ('newly_automated', i.newly_automated, 'count')) AS f(field, value, kind)
        UNION ALL
        SELECT 'openness_inputs_staging', o.line, o.body, o.year, f.field, f.value, f.kind, f.required
        FROM openness AS o CROSS JOIN LATERAL (VALUES
            ('open_data_published', o.open_data_published, 'count', true),
            ('open_data_required', o.open_data_required, 'count', true),
            ('budget_filling_percent', o.budget_filling_percent, 'percent', true),
            ('blog_questions_received', o.blog_questions_received, 'count', true),
            ('blog_questions_answered', o.blog_questions_answered, 'count', true),
            ('dialogue_indicator_2', o.dialogue_indicator_2, 'fulfilment', true),
            ('dialogue_indicator_3', o.dialogue_indicator_3, 'fulfilment', true),
            ('dialogue_indicator_4', o.dialogue_indicator_4, 'fulfilment', true),
            ('dialogue_indicator_5', o.dialogue_indicator_5, 'fulfilment', true),
            ('subordinates_total', o.subordinates_total, 'count', false),
            ('subordinates_non_compliant', o.subordinates_non_compliant, 'count', false)) AS f(field, value, kind, required)
        UNION ALL
        SELECT 'open_nla_fulfilment_staging', n.line, n.body, n.year, 'fulfilment', n.fulfilment, 'fulfilment', true
        FROM nla AS n
    ),
    counts_typed AS (
        SELECT c.line, c.body, c.year, perf_eval.count_or_null(c.deliveries) AS deliveries, p.field,
               perf_eval.count_or_null(p.value) AS part
        FROM counts AS c CROSS JOIN LATERAL (VALUES
            ('deadline_violations', c.deadline_violations), ('unreasonable_refusals', c.unreasonable_refusals),
            ('incomplete_package', c.incomplete_package), ('extra_documents', c.extra_documents),
            ('electronic', c.electronic), ('quality_appeals_justified', c.quality_appeals_justified)) AS p(field, value)
    ),
    known_item AS (
        SELECT DISTINCT regexp_replace(p.key, '^openness\.nla\.[a-z]+\.', '') AS item
        FROM perf_eval.methodology_param AS p WHERE p.key ~ '^openness\.nla\.(csb|leb|apa)\.'
    ),
    problems AS (
        SELECT k.staging, k.line, k.body, k.year, 'body'::text AS field, 'unknown body code'::text AS reason
        FROM keyed AS k WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = trim(k.body))
        UNION ALL
        SELECT k.staging, k.line, k.body, k.year, 'year', 'year must be an integer'
        FROM keyed AS k WHERE k.year IS NULL OR k.year !~ '^\s*[0-9]{4}\s*$'
        UNION ALL
        SELECT f.staging, f.line, f.body, f.year, f.field, perf_eval.interaction_field_problem(f.value, f.kind, f.required)
        FROM fields AS f WHERE perf_eval.interaction_field_problem(f.value, f.kind, f.required) IS NOT NULL
        -- part <= whole (§4.5)
        UNION ALL
        SELECT 'service_counts_staging', t.line, t.body, t.year, t.field, t.field || ' must not exceed deliveries'
        FROM counts_typed AS t WHERE t.part > t.deliveries
        UNION ALL
        SELECT 'service_indicators_staging', i.line, i.body, i.year, 'services_in_register, services_electronic',
               'give both services_in_register and services_electronic, or neither'
        FROM indicators AS i
        WHERE (nullif(trim(i.services_in_register), '') IS NULL) <> (nullif(trim(i.services_electronic), '') IS NULL)
        UNION ALL
        SELECT 'service_indicators_staging', i.line, i.body, i.year, 'services_electronic',
               'services_electronic must not exceed services_in_register'
        FROM indicators AS i
        WHERE perf_eval.count_or_null(i.services_electronic) > perf_eval.count_or_null(i.services_in_register)
        UNION ALL
        SELECT 'openness_inputs_staging', o.line, o.body, o.year, 'blog_questions_answered',
               'blog_questions_answered must not exceed blog_questions_received'
        FROM openness AS o
        WHERE perf_eval.count_or_null(o.blog_questions_answered) > perf_eval.count_or_null(o.blog_questions_received)
        UNION ALL
        SELECT 'openness_inputs_staging', o.line, o.body, o.year, 'subordinates_non_compliant',
               'subordinates_non_compliant must not exceed subordinates_total'
        FROM openness AS o
        WHERE coalesce(perf_eval.count_or_null(o.subordinates_non_compliant), 0)
              > coalesce(perf_eval.count_or_null(o.subordinates_total), 0)
        UNION ALL
        SELECT 'open_nla_fulfilment_staging', n.line, n.body, n.year, 'language', 'language must be kk or ru'
        FROM nla AS n WHERE n.language IS NULL OR trim(n.language) NOT IN ('kk', 'ru')
        UNION ALL
        SELECT 'open_nla_fulfilment_staging', n.line, n.body, n.year, 'item',
               'unknown Open NLA item (known: ' || (SELECT string_agg(k.item, ', ' ORDER BY k.item) FROM known_item AS k) || ')'
        FROM nla AS n WHERE NOT EXISTS (SELECT 1 FROM known_item AS k WHERE k.item = trim(n.item))
        UNION ALL
        SELECT 'open_nla_fulfilment_staging', n.line, n.body, n.year, 'body, year',
               'no openness inputs for this body and year (staged or loaded)'
        FROM nla AS n
        WHERE NOT EXISTS (SELECT 1 FROM openness AS o WHERE trim(o.body) = trim(n.body) AND trim(o.year) = trim(n.year))
          AND NOT EXISTS (SELECT 1 FROM perf_eval.openness_inputs AS l
                          WHERE l.body = trim(n.body) AND l.year::text = trim(n.year))
        -- duplicates
        UNION ALL
        SELECT 'service_counts_staging', c.line, c.body, c.year, 'body, year', 'duplicate of line ' || min(c2.line)
        FROM counts AS c JOIN counts AS c2 ON trim(c2.body) = trim(c.body) AND trim(c2.year) = trim(c.year) AND c2.line < c.line
        GROUP BY c.line, c.body, c.year
        UNION ALL
        SELECT 'service_indicators_staging', i.line, i.body, i.year, 'body, year', 'duplicate of line ' || min(i2.line)
        FROM indicators AS i JOIN indicators AS i2 ON trim(i2.body) = trim(i.body) AND trim(i2.year) = trim(i.year)
                                                AND i2.line < i.line
        GROUP BY i.line, i.body, i.year
        UNION ALL
        SELECT 'openness_inputs_staging', o.line, o.body, o.year, 'body, year', 'duplicate of line ' || min(o2.line)
        FROM openness AS o JOIN openness AS o2 ON trim(o2.body) = trim(o.body) AND trim(o2.year) = trim(o.year)
                                              AND o2.line < o.line
        GROUP BY o.line, o.body, o.year
        UNION ALL
        SELECT 'open_nla_fulfilment_staging', n.line, n.body, n.year, 'body, year, language, item',
               'duplicate of line ' || min(n2.line)
        FROM nla AS n JOIN nla AS n2 ON trim(n2.body) = trim(n.body) AND trim(n2.year) = trim(n.year)
                                    AND trim(n2.language) = trim(n.language) AND trim(n2.item) = trim(n.item)
                                    AND n2.line < n.line
        GROUP BY n.line, n.body, n.year
    )
    SELECT p.staging, p.line, p.body, p.year, p.field, p.reason
    FROM problems AS p
    ORDER BY p.staging, p.line, p.field
$$;
COMMENT ON FUNCTION perf_eval.interaction_inputs_report() IS
'Every bad row of the four interaction staging tables with its file (staging table), line, field and reason: unknown body, bad year, counts, percentages 0..100, fulfilment 0..1, hours >= 0, part <= whole, register and electronic services together, known Open NLA items and languages, NLA rows without their body-year, duplicates (docs/methodology.md §4.5); empty when they can be accepted';

CREATE FUNCTION perf_eval.accept_interaction_inputs()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems bigint;
    accepted bigint := 0;
    moved bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.interaction_inputs_report();
    IF problems > 0 THEN
        RAISE EXCEPTION 'interaction staging tables have % problems', problems
            USING ERRCODE = '22023',
                  HINT = 'SELECT * FROM perf_eval.interaction_inputs_report() lists them; nothing was loaded.';
    END IF;

    INSERT INTO perf_eval.service_counts AS t (body, year, deliveries, deadline_violations, unreasonable_refusals,
        incomplete_package, extra_documents, electronic, quality_appeals_justified, source)
    SELECT trim(s.body), trim(s.year)::integer, trim(s.deliveries)::bigint, trim(s.deadline_violations)::bigint,
           trim(s.unreasonable_refusals)::bigint, trim(s.incomplete_package)::bigint, trim(s.extra_documents)::bigint,
           trim(s.electronic)::bigint, trim(s.quality_appeals_justified)::bigint, s.source
    FROM perf_eval.service_counts_staging AS s
    ON CONFLICT (body, year) DO UPDATE
        SET deliveries = EXCLUDED.deliveries, deadline_violations = EXCLUDED.deadline_violations,
            unreasonable_refusals = EXCLUDED.unreasonable_refusals, incomplete_package = EXCLUDED.incomplete_package,
            extra_documents = EXCLUDED.extra_documents, electronic = EXCLUDED.electronic,
            quality_appeals_justified = EXCLUDED.quality_appeals_justified,
            source = EXCLUDED.source, loaded_by = current_user, loaded_at = now();
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    INSERT INTO perf_eval.service_indicators AS t (body, year, satisfaction_percent, services_in_register,
        services_electronic, downtime_hours, newly_automated, source)
    SELECT trim(s.body), trim(s.year)::integer, perf_eval.interaction_numeric_or_null(s.satisfaction_percent),
           perf_eval.count_or_null(s.services_in_register), perf_eval.count_or_null(s.services_electronic),
           perf_eval.interaction_numeric_or_null(s.downtime_hours), perf_eval.count_or_null(s.newly_automated), s.source
    FROM perf_eval.service_indicators_staging AS s
    ON CONFLICT (body, year) DO UPDATE
        SET satisfaction_percent = EXCLUDED.satisfaction_percent, services_in_register = EXCLUDED.services_in_register,
            services_electronic = EXCLUDED.services_electronic, downtime_hours = EXCLUDED.downtime_hours,
            newly_automated = EXCLUDED.newly_automated,
            source = EXCLUDED.source, loaded_by = current_user, loaded_at = now();
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    INSERT INTO perf_eval.openness_inputs AS t (body, year, open_data_published, open_data_required,
        budget_filling_percent, blog_questions_received, blog_questions_answered, dialogue_indicator_2,
        dialogue_indicator_3, dialogue_indicator_4, dialogue_indicator_5, subordinates_total,
        subordinates_non_compliant, source)
    SELECT trim(s.body), trim(s.year)::integer, trim(s.open_data_published)::bigint, trim(s.open_data_required)::bigint,
           trim(s.budget_filling_percent)::numeric, trim(s.blog_questions_received)::bigint,
           trim(s.blog_questions_answered)::bigint, trim(s.dialogue_indicator_2)::numeric,
           trim(s.dialogue_indicator_3)::numeric, trim(s.dialogue_indicator_4)::numeric,
           trim(s.dialogue_indicator_5)::numeric, coalesce(perf_eval.count_or_null(s.subordinates_total), 0),
           coalesce(perf_eval.count_or_null(s.subordinates_non_compliant), 0), s.source
    FROM perf_eval.openness_inputs_staging AS s
    ON CONFLICT (body, year) DO UPDATE
        SET open_data_published = EXCLUDED.open_data_published, open_data_required = EXCLUDED.open_data_required,
            budget_filling_percent = EXCLUDED.budget_filling_percent,
            blog_questions_received = EXCLUDED.blog_questions_received,
            blog_questions_answered = EXCLUDED.blog_questions_answered,
            dialogue_indicator_2 = EXCLUDED.dialogue_indicator_2, dialogue_indicator_3 = EXCLUDED.dialogue_indicator_3,
            dialogue_indicator_4 = EXCLUDED.dialogue_indicator_4, dialogue_indicator_5 = EXCLUDED.dialogue_indicator_5,
            subordinates_total = EXCLUDED.subordinates_total,
            subordinates_non_compliant = EXCLUDED.subordinates_non_compliant,
            source = EXCLUDED.source, loaded_by = current_user, loaded_at = now();
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    -- A staged body-year's Open NLA fulfilment replaces the loaded one.
    DELETE FROM perf_eval.open_nla_fulfilment AS l
    USING (SELECT DISTINCT trim(s.body) AS body, trim(s.year)::integer AS year
           FROM perf_eval.open_nla_fulfilment_staging AS s) AS staged
    WHERE l.body = staged.body AND l.year = staged.year;
    INSERT INTO perf_eval.open_nla_fulfilment (body, year, language, item, fulfilment)
    SELECT trim(s.body), trim(s.year)::integer, trim(s.language), trim(s.item), trim(s.fulfilment)::numeric
    FROM perf_eval.open_nla_fulfilment_staging AS s;
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    DELETE FROM perf_eval.service_counts_staging;
    DELETE FROM perf_eval.service_indicators_staging;
    DELETE FROM perf_eval.openness_inputs_staging;
    DELETE FROM perf_eval.open_nla_fulfilment_staging;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_interaction_inputs() IS
'Moves the four interaction staging tables into their tables (a staged body-year replaces a loaded one, its Open NLA list included) only if perf_eval.interaction_inputs_report() is empty; returns the rows accepted';

-- ---------------------------------------------------------------------------
-- Public services of one body under a methodology (METHODOLOGY §4.2)
-- ---------------------------------------------------------------------------

-- The rates an explanation shows: count per rate_base deliveries (display only;
-- the kernels read the exact rationals).
CREATE FUNCTION perf_eval.service_rates_shown(rate_base numeric, deliveries bigint, counts jsonb)
RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce(jsonb_object_agg(c.key, CASE WHEN $2 > 0 THEN round($1 * c.value::numeric / $2, 6) END), '{}')
    FROM jsonb_each($3) AS c
$$;
COMMENT ON FUNCTION perf_eval.service_rates_shown(numeric, bigint, jsonb) IS
'Counts as rates per rate_base deliveries, rounded to 6 decimals for explanations (NULL without deliveries)';

CREATE FUNCTION perf_eval.service_criteria(
    kind text, methodology text,
    deliveries bigint, deadline_violations bigint, unreasonable_refusals bigint, incomplete_package bigint,
    extra_documents bigint, electronic bigint, quality_appeals_justified bigint,
    satisfaction_percent numeric, services_in_register bigint, services_electronic bigint,
    downtime_hours numeric, newly_automated bigint, source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- The criteria of the services direction of one body, raw (clamp none),
-- with the version's zero-volume policy:
--   kz2020      K1/M1 satisfaction + K2/M2 quality (+ K3 automation, CSB only)
--   kz2020_apa  K2' quality + K3 automation (CSB and LEB); satisfaction is
--               the separate direction S (satisfaction_direction)
-- Which criteria exist is read from the version; a criterion whose inputs
-- are missing is a NULL row with reason no_data. The counts are the columns
-- of perf_eval.service_tally, whatever their source.
DECLARE
    v text := methodology;
    k text;
    apa boolean;
    zero_volume text;
    rate_base numeric;
    counts_known boolean := deliveries IS NOT NULL AND deadline_violations IS NOT NULL
        AND unreasonable_refusals IS NOT NULL AND incomplete_package IS NOT NULL AND extra_documents IS NOT NULL
        AND electronic IS NOT NULL AND quality_appeals_justified IS NOT NULL;
    inputs jsonb;
    keys text[];
    raw numeric;
    why text;
    indicators jsonb;
BEGIN
    IF kind IS NULL OR kind NOT IN ('CSB', 'LEB') THEN
        RAISE EXCEPTION 'unknown body kind "%"', coalesce(kind, '')
            USING ERRCODE = '22023', HINT = 'Body kinds are CSB and LEB (docs/methodology.md §1.1).';
    END IF;
    k := lower(kind);
    IF perf_eval.param_text(v, 'services.mode') <> 'computed' THEN
        RETURN;  -- kz2017: the services direction is supplied (METHODOLOGY §2.4)
    END IF;
    apa := perf_eval.param_exists(v, 'services.apa.pts_deadlines');
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');
    rate_base := perf_eval.param_numeric(v, 'services.rate_base');
    inputs := jsonb_build_object(
        'deliveries', deliveries, 'deadline_violations', deadline_violations,
        'unreasonable_refusals', unreasonable_refusals, 'incomplete_package', incomplete_package,
        'extra_documents', extra_documents, 'electronic_deliveries', electronic,
        'quality_appeals_justified', quality_appeals_justified,
        'rates_per_rate_base', CASE WHEN counts_known THEN perf_eval.service_rates_shown(rate_base, deliveries,
            jsonb_build_object('deadline_violations', deadline_violations, 'unreasonable_refusals', unreasonable_refusals,
                               'incomplete_package', incomplete_package, 'extra_documents', extra_documents,
                               'quality_appeals_justified', quality_appeals_justified)) END,
        'satisfaction_percent', satisfaction_percent, 'services_in_register', services_in_register,
        'services_electronic', services_electronic, 'downtime_hours', downtime_hours,
        'newly_automated', newly_automated, 'kind', kind, 'source', source);

    -- K1 / M1 = P1 + P2 (kz2020; in kz2020_apa it is the direction S).
    IF NOT apa THEN
        keys := ARRAY['services.' || k || '.pts_p1', 'services.' || k || '.pts_p2', 'services.satisfaction_scale',
                      'services.appeal_scale', 'services.rate_base', 'policy.zero_volume'];
        raw := NULL;
        indicators := NULL;
        why := CASE WHEN NOT counts_known THEN 'no_data: service counts'
                    WHEN satisfaction_percent IS NULL AND deliveries > 0 THEN 'no_data: satisfaction_percent' END;
        IF why IS NULL THEN
            -- With no deliveries the kernel does not read the percentage (zero volume, §0.6).
            raw := perf_eval.service_satisfaction_points(
                       coalesce(satisfaction_percent, 0), quality_appeals_justified, deliveries,
                       perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                       perf_eval.param_text(v, 'services.satisfaction_scale'), perf_eval.param_text(v, 'services.appeal_scale'),
                       rate_base, zero_volume);
            why := CASE WHEN raw IS NULL THEN 'zero_volume' END;
            indicators := jsonb_build_object(
                'P1', perf_eval.service_satisfaction_points(
                          coalesce(satisfaction_percent, 0), 0, deliveries, perf_eval.param_numeric(v, keys[1]), 0,
                          perf_eval.param_text(v, 'services.satisfaction_scale'),
                          perf_eval.param_text(v, 'services.appeal_scale'), rate_base, zero_volume),
                'P2', perf_eval.service_rate_points(quality_appeals_justified, deliveries,
                          perf_eval.param_numeric(v, keys[2]), perf_eval.param_text(v, 'services.appeal_scale'),
                          rate_base, zero_volume));
        END IF;
        node := 'interaction.services.satisfaction'; raw_value := raw; reason := why;
        explanation := jsonb_build_object(
            'formula', jsonb_build_object('id', CASE k WHEN 'csb' THEN 'K1' ELSE 'M1' END,
                'text', 'P1 + P2 = pts_p1·scale(satisfaction %) + pts_p2·scale(justified quality appeals per 100 000 deliveries)'),
            'clause', 'APA 2020 report §2.2, Table 2.2', 'inputs', inputs, 'indicators', indicators,
            'parameters', perf_eval.param_explanation(v, keys));
        RETURN NEXT;
    END IF;

    -- K2 / M2 = T1 + T2 + T3 + T4, or K2' (kz2020_apa) with T2-T4 as penalties.
    raw := NULL;
    indicators := NULL;
    why := CASE WHEN NOT counts_known THEN 'no_data: service counts' END;
    IF apa THEN
        keys := ARRAY['services.apa.pts_deadlines', 'services.apa.penalty_max_each', 'services.t1_scale',
                      'services.t2_scale', 'services.t3_scale', 'services.t4_scale', 'services.rate_base',
                      'policy.zero_volume'];
        IF why IS NULL THEN
            raw := perf_eval.service_quality_points_apa(
                       deadline_violations, unreasonable_refusals, incomplete_package, extra_documents, deliveries,
                       perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                       perf_eval.param_text(v, keys[3]), perf_eval.param_text(v, keys[4]),
                       perf_eval.param_text(v, keys[5]), perf_eval.param_text(v, keys[6]), rate_base, zero_volume);
            why := CASE WHEN raw IS NULL THEN 'zero_volume' END;
            indicators := jsonb_build_object(
                'T1', perf_eval.service_rate_points(deadline_violations, deliveries, perf_eval.param_numeric(v, keys[1]),
                          perf_eval.param_text(v, keys[3]), rate_base, zero_volume),
                'penalty_T2', perf_eval.service_quality_penalty(unreasonable_refusals, deliveries,
                          perf_eval.param_numeric(v, keys[2]), perf_eval.param_text(v, keys[4]), rate_base),
                'penalty_T3', perf_eval.service_quality_penalty(incomplete_package, deliveries,
                          perf_eval.param_numeric(v, keys[2]), perf_eval.param_text(v, keys[5]), rate_base),
                'penalty_T4', perf_eval.service_quality_penalty(extra_documents, deliveries,
                          perf_eval.param_numeric(v, keys[2]), perf_eval.param_text(v, keys[6]), rate_base));
        END IF;
        node := 'interaction.services.quality'; raw_value := raw; reason := why;
        explanation := jsonb_build_object(
            'formula', jsonb_build_object('id', 'K2''',
                'text', 'max(0, pts_deadlines·scale(rate_T1) − Σ_{i=2..4} penalty_max_each·min(1, rate_i/zero_i))'),
            'clause', 'APA 2020 report §2.5', 'inputs', inputs, 'indicators', indicators,
            'parameters', perf_eval.param_explanation(v, keys));
        RETURN NEXT;
    ELSE
        keys := ARRAY['services.' || k || '.pts_t1', 'services.' || k || '.pts_t2', 'services.' || k || '.pts_t3',
                      'services.' || k || '.pts_t4', 'services.t1_scale', 'services.t2_scale', 'services.t3_scale',
                      'services.t4_scale', 'services.rate_base', 'policy.zero_volume'];
        IF why IS NULL THEN
            raw := perf_eval.service_quality_points(
                       deadline_violations, unreasonable_refusals, incomplete_package, extra_documents, deliveries,
                       perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                       perf_eval.param_numeric(v, keys[3]), perf_eval.param_numeric(v, keys[4]),
                       perf_eval.param_text(v, keys[5]), perf_eval.param_text(v, keys[6]),
                       perf_eval.param_text(v, keys[7]), perf_eval.param_text(v, keys[8]), rate_base, zero_volume);
            why := CASE WHEN raw IS NULL THEN 'zero_volume' END;
            SELECT jsonb_object_agg('T' || t.i, perf_eval.service_rate_points(t.count, deliveries,
                       perf_eval.param_numeric(v, keys[t.i]), perf_eval.param_text(v, keys[4 + t.i]), rate_base, zero_volume))
            INTO indicators
            FROM (VALUES (1, deadline_violations), (2, unreasonable_refusals), (3, incomplete_package),
                         (4, extra_documents)) AS t(i, count);
        END IF;
        node := 'interaction.services.quality'; raw_value := raw; reason := why;
        explanation := jsonb_build_object(
            'formula', jsonb_build_object('id', CASE k WHEN 'csb' THEN 'K2' ELSE 'M2' END,
                'text', 'T1 + T2 + T3 + T4, Ti = pts_ti·scale(count_i per 100 000 deliveries)'),
            'clause', 'APA 2020 report §2.2, Table 2.2', 'inputs', inputs, 'indicators', indicators,
            'parameters', perf_eval.param_explanation(v, keys));
        RETURN NEXT;
    END IF;

    -- K3 = T + V − P + B: CSBs; LEBs only where the version gives them points (kz2020_apa).
    IF perf_eval.param_exists(v, 'services.' || k || '.pts_k3') THEN
        keys := ARRAY['services.k3.pts_transfer', 'services.k3.pts_efficiency', 'services.k3.downtime_per_hour',
                      'services.k3.downtime_cap', 'services.k3.bonus_per_service', 'services.k3.bonus_cap',
                      'services.' || k || '.pts_k3', 'policy.zero_volume'];
        raw := NULL;
        why := CASE WHEN NOT counts_known THEN 'no_data: service counts'
                    WHEN services_in_register IS NULL OR downtime_hours IS NULL OR newly_automated IS NULL THEN
                        'no_data: ' || concat_ws(', ', CASE WHEN services_in_register IS NULL THEN 'services_in_register' END,
                                                 CASE WHEN downtime_hours IS NULL THEN 'downtime_hours' END,
                                                 CASE WHEN newly_automated IS NULL THEN 'newly_automated' END) END;
        IF why IS NULL THEN
            raw := perf_eval.service_automation_points(
                       services_electronic, services_in_register, electronic, deliveries, downtime_hours, newly_automated,
                       perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                       perf_eval.param_numeric(v, keys[3]), perf_eval.param_numeric(v, keys[4]),
                       perf_eval.param_numeric(v, keys[5]), perf_eval.param_numeric(v, keys[6]),
                       perf_eval.param_numeric(v, keys[7]), zero_volume);
            why := CASE WHEN raw IS NULL THEN 'zero_volume' END;
        END IF;
        node := 'interaction.services.automation'; raw_value := raw; reason := why;
        explanation := jsonb_build_object(
            'formula', jsonb_build_object('id', 'K3',
                'text', 'min(pts_k3, max(0, pts_transfer·electronic/register services + pts_efficiency·electronic/all deliveries − min(downtime_cap, downtime_per_hour·hours) + min(bonus_cap, bonus_per_service·newly automated)))'),
            'clause', CASE WHEN k = 'leb' THEN 'APA 2020 report §2.2, Table 2.2; chapter 2 recommendations' ELSE 'APA 2020 report §2.2, Table 2.2' END,
            'inputs', inputs, 'parameters', perf_eval.param_explanation(v, keys));
        RETURN NEXT;
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.service_criteria(text, text, bigint, bigint, bigint, bigint, bigint, bigint, bigint, numeric, bigint, bigint, numeric, bigint, text) IS
'Raw criteria of the public-services direction of one body (kind CSB or LEB) under a methodology, from its service counts (columns of service_tally) and indicators, with explanations: K1/M1, K2/M2, K3 (kz2020; LEBs have no K3) or K2'', K3 (kz2020_apa) (docs/methodology.md §4.2)';

-- S (kz2020_apa): the recipients' satisfaction as a direction of its own.
CREATE FUNCTION perf_eval.satisfaction_direction(
    methodology text, deliveries bigint, quality_appeals_justified bigint, satisfaction_percent numeric,
    source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['services.apa.s_pts_satisfaction', 'services.apa.s_pts_appeal', 'services.satisfaction_scale',
                         'services.appeal_scale', 'services.rate_base', 'policy.zero_volume'];
    zero_volume text;
    rate_base numeric;
BEGIN
    IF NOT perf_eval.param_exists(v, 'services.apa.s_pts_satisfaction')
       OR perf_eval.param_text(v, 'services.mode') <> 'computed' THEN
        RETURN;  -- the direction exists only in kz2020_apa (METHODOLOGY §4.1)
    END IF;
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');
    rate_base := perf_eval.param_numeric(v, 'services.rate_base');
    node := 'interaction.satisfaction';
    reason := CASE WHEN deliveries IS NULL OR quality_appeals_justified IS NULL THEN 'no_data: service counts'
                   WHEN satisfaction_percent IS NULL AND deliveries > 0 THEN 'no_data: satisfaction_percent' END;
    IF reason IS NULL THEN
        -- With no deliveries the kernel does not read the percentage (zero volume, §0.6).
        raw_value := perf_eval.service_satisfaction_points(
                         coalesce(satisfaction_percent, 0), quality_appeals_justified, deliveries,
                         perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                         perf_eval.param_text(v, keys[3]), perf_eval.param_text(v, keys[4]), rate_base, zero_volume);
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    END IF;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'S',
            'text', 's_pts_satisfaction·scale(satisfaction %) + s_pts_appeal·scale(justified quality appeals per 100 000 deliveries)'),
        'clause', 'APA 2020 report, chapter 2 recommendations',
        'inputs', jsonb_build_object('deliveries', deliveries, 'quality_appeals_justified', quality_appeals_justified,
                                     'satisfaction_percent', satisfaction_percent, 'source', source,
                                     'rates_per_rate_base', perf_eval.service_rates_shown(rate_base, deliveries,
                                         jsonb_build_object('quality_appeals_justified', quality_appeals_justified))),
        'parameters', perf_eval.param_explanation(v, keys));
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.satisfaction_direction(text, bigint, bigint, numeric, text) IS
'The kz2020_apa direction S of one body: 75·scale(satisfaction %) + 25·scale(justified quality appeals per 100 000 deliveries), raw, with its explanation; no row under other versions (docs/methodology.md §4.1, §4.2)';

-- One-time acceptance of documents (kz2020_apa complaints criterion, seed 000 line 2389).
CREATE FUNCTION perf_eval.one_time_acceptance_criterion(
    methodology text, deliveries bigint, extra_documents bigint, source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['complaints.one_time_acceptance.pts', 'complaints.one_time_acceptance.scale',
                         'services.rate_base', 'policy.zero_volume'];
    rate_base numeric;
BEGIN
    IF NOT perf_eval.param_exists(v, 'complaints.one_time_acceptance.pts') THEN
        RETURN;
    END IF;
    rate_base := perf_eval.param_numeric(v, 'services.rate_base');
    node := 'interaction.complaints.one_time_acceptance';
    reason := CASE WHEN deliveries IS NULL OR extra_documents IS NULL THEN 'no_data: service counts' END;
    IF reason IS NULL THEN
        raw_value := perf_eval.service_rate_points(extra_documents, deliveries, perf_eval.param_numeric(v, keys[1]),
                         perf_eval.param_text(v, keys[2]), rate_base, perf_eval.param_text(v, 'policy.zero_volume'));
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    END IF;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'one_time_acceptance',
            'text', 'pts·scale(extra-document requests per 100 000 deliveries)'),
        'clause', 'APA 2020 report, chapter 2 recommendations',
        'inputs', jsonb_build_object('deliveries', deliveries, 'extra_documents', extra_documents, 'source', source,
                                     'rates_per_rate_base', perf_eval.service_rates_shown(rate_base, deliveries,
                                         jsonb_build_object('extra_documents', extra_documents))),
        'parameters', perf_eval.param_explanation(v, keys));
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.one_time_acceptance_criterion(text, bigint, bigint, text) IS
'The kz2020_apa complaints criterion one-time acceptance of documents: pts·scale(extra-document requests per 100 000 deliveries), raw, with its explanation; no row under versions without it (docs/methodology.md §4.4)';

-- ---------------------------------------------------------------------------
-- Openness of one body under a methodology (METHODOLOGY §4.3)
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.openness_criteria(body text, year integer, methodology text)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- open data + open budget + open NLA + open dialogue − subordinate deduction,
-- each raw; the direction (a sum node) is clamped by the engine's policy.
DECLARE
    v text := methodology;
    o perf_eval.openness_inputs;
    k text;
    zero_volume text;
    pts numeric;
    prefix text;
    languages numeric;
    missing text;
    surplus text;
    item_points numeric[];
    fulfilment numeric[];
    rescale boolean;
    raw numeric;
    keys text[];
BEGIN
    IF perf_eval.param_text(v, 'openness.mode') <> 'computed' THEN
        RETURN;  -- kz2017: openness is supplied (METHODOLOGY §2.4)
    END IF;
    SELECT * INTO o FROM perf_eval.openness_inputs AS i
    WHERE i.body = openness_criteria.body AND i.year = openness_criteria.year;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT lower(b.kind) INTO k FROM perf_eval.body AS b WHERE b.code = openness_criteria.body;
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');
    pts := perf_eval.param_numeric(v, 'openness.pts_criterion');

    -- open data
    raw := perf_eval.open_data_points(o.open_data_published, o.open_data_required, pts, zero_volume);
    node := 'interaction.openness.open_data'; raw_value := raw;
    reason := CASE WHEN raw IS NULL THEN 'zero_volume' END;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'open_data', 'text', 'pts_criterion·min(1, published/required data sets)'),
        'clause', 'APA 2020 report §2.2',
        'inputs', jsonb_build_object('published', o.open_data_published, 'required', o.open_data_required, 'source', o.source),
        'parameters', perf_eval.param_explanation(v, ARRAY['openness.pts_criterion', 'policy.zero_volume']));
    RETURN NEXT;

    -- open budget
    node := 'interaction.openness.open_budget';
    raw_value := perf_eval.open_budget_points(o.budget_filling_percent, pts);
    reason := NULL;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'open_budget', 'text', 'pts_criterion·filling %/100'),
        'clause', 'APA 2020 report §2.2',
        'inputs', jsonb_build_object('filling_percent', o.budget_filling_percent, 'source', o.source),
        'parameters', perf_eval.param_explanation(v, ARRAY['openness.pts_criterion']));
    RETURN NEXT;

    -- open NLA: the version's items for the body's kind (kz2020) or the apa items.
    prefix := CASE WHEN EXISTS (SELECT 1 FROM perf_eval.methodology_param AS p
                                WHERE p.methodology = v AND starts_with(p.key, 'openness.nla.apa.'))
                   THEN 'openness.nla.apa.' ELSE 'openness.nla.' || k || '.' END;
    languages := perf_eval.param_numeric(v, 'openness.nla.languages');
    rescale := perf_eval.param_exists(v, 'openness.nla_rescale_to');
    WITH item AS (
        SELECT substr(p.key, length(prefix) + 1) AS item, p.value::numeric AS points, p.key
        FROM perf_eval.methodology_param AS p
        WHERE p.methodology = v AND starts_with(p.key, prefix)
    ),
    given AS (
        SELECT i.item, i.points, count(f.language) AS languages_given
        FROM item AS i
        LEFT JOIN perf_eval.open_nla_fulfilment AS f
               ON f.body = openness_criteria.body AND f.year = openness_criteria.year AND f.item = i.item
        GROUP BY i.item, i.points
    )
    SELECT string_agg(g.item, ', ' ORDER BY g.item) FILTER (WHERE g.points > 0 AND g.languages_given < languages),
           string_agg(g.item, ', ' ORDER BY g.item) FILTER (WHERE g.languages_given > languages),
           (SELECT array_agg(p.key ORDER BY p.key) FROM item AS p)
    INTO missing, surplus, keys
    FROM given AS g;
    IF surplus IS NOT NULL THEN
        RAISE EXCEPTION 'open NLA fulfilment has more languages than the version scores'
            USING ERRCODE = '22023',
                  DETAIL = format('Items %s have more than %s languages.', surplus, languages),
                  HINT = 'openness.nla.languages, APA 2020 report §2.5, Table 2.8 (docs/methodology.md §4.3).';
    END IF;
    keys := keys || ARRAY['openness.nla.languages'] || CASE WHEN rescale THEN ARRAY['openness.nla_rescale_to'] ELSE '{}' END;
    node := 'interaction.openness.open_nla';
    raw_value := NULL;
    reason := CASE WHEN missing IS NOT NULL THEN 'no_data: open NLA fulfilment of ' || missing END;
    IF reason IS NULL THEN
        SELECT array_agg(p.value::numeric ORDER BY f.language, f.item), array_agg(f.fulfilment ORDER BY f.language, f.item)
        INTO item_points, fulfilment
        FROM perf_eval.open_nla_fulfilment AS f
        JOIN perf_eval.methodology_param AS p ON p.methodology = v AND p.key = prefix || f.item
        WHERE f.body = openness_criteria.body AND f.year = openness_criteria.year;
        raw_value := CASE WHEN rescale
                          THEN perf_eval.open_nla_points(coalesce(item_points, '{}'), coalesce(fulfilment, '{}'),
                                                         perf_eval.param_numeric(v, 'openness.nla_rescale_to'))
                          ELSE perf_eval.open_nla_points(coalesce(item_points, '{}'), coalesce(fulfilment, '{}')) END;
    END IF;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'open_nla',
            'text', CASE WHEN rescale THEN 'rescale_to·Σ item_points·fulfilment / Σ item_points (per language and item)'
                         ELSE 'Σ item_points·fulfilment (per language and item)' END),
        'clause', CASE WHEN rescale THEN 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations; docs/methodology.md §8 E5'
                       ELSE 'APA 2020 report §2.5, Table 2.8' END,
        'inputs', (SELECT coalesce(jsonb_object_agg(f.language || '.' || f.item, f.fulfilment), '{}')
                   FROM perf_eval.open_nla_fulfilment AS f
                   WHERE f.body = openness_criteria.body AND f.year = openness_criteria.year),
        'parameters', perf_eval.param_explanation(v, keys));
    RETURN NEXT;

    -- open dialogue: the blog-answer share and the four other indicators.
    IF perf_eval.param_numeric(v, 'openness.dialogue_count') <> 5 THEN
        RAISE EXCEPTION 'openness.dialogue_count must be 5'
            USING ERRCODE = '22023',
                  DETAIL = format('Methodology %s has %s; openness_inputs holds the blog answers and dialogue indicators 2-5.',
                                  v, perf_eval.param_text(v, 'openness.dialogue_count')),
                  HINT = 'Open dialogue has 5 indicators, APA 2020 report §2.4 (docs/methodology.md §4.3).';
    END IF;
    node := 'interaction.openness.open_dialogue';
    raw_value := perf_eval.open_dialogue_points(o.blog_questions_answered, o.blog_questions_received,
                     ARRAY[o.dialogue_indicator_2, o.dialogue_indicator_3, o.dialogue_indicator_4, o.dialogue_indicator_5],
                     perf_eval.param_numeric(v, 'openness.dialogue_pts_each'), zero_volume);
    reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'open_dialogue',
            'text', 'pts_each·(answered/received blog questions + indicators 2..5)'),
        'clause', 'APA 2020 report §2.4',
        'inputs', jsonb_build_object('blog_questions_received', o.blog_questions_received,
                                     'blog_questions_answered', o.blog_questions_answered,
                                     'indicators_2_5', jsonb_build_array(o.dialogue_indicator_2, o.dialogue_indicator_3,
                                                                         o.dialogue_indicator_4, o.dialogue_indicator_5),
                                     'source', o.source),
        'parameters', perf_eval.param_explanation(v, ARRAY['openness.dialogue_pts_each', 'openness.dialogue_count',
                                                          'policy.zero_volume']));
    RETURN NEXT;

    -- subordinate organisations: a deduction (sign −1 in the score tree).
    node := 'interaction.openness.subordinate_deduction';
    raw_value := perf_eval.subordinate_openness_deduction(o.subordinates_non_compliant, o.subordinates_total,
                     perf_eval.param_numeric(v, 'openness.subordinate_deduction_max'));
    reason := NULL;
    explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'subordinate_deduction',
            'text', 'deduction_max·non-compliant/total subordinate organisations (0 without subordinates)'),
        'clause', 'APA 2020 report §2.2; docs/methodology.md §8 E3',
        'inputs', jsonb_build_object('subordinates_total', o.subordinates_total,
                                     'subordinates_non_compliant', o.subordinates_non_compliant, 'source', o.source),
        'parameters', perf_eval.param_explanation(v, ARRAY['openness.subordinate_deduction_max']));
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.openness_criteria(text, integer, text) IS
'Raw openness criteria of one body and year under a methodology, from openness_inputs and open_nla_fulfilment, with explanations: open data, open budget, open NLA (kind items, or the apa items rescaled), open dialogue, subordinate deduction (docs/methodology.md §4.3)';

-- ---------------------------------------------------------------------------
-- Node computers: one per direction; a body's error names the body, year
-- and direction (METHODOLOGY §0.7)
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.compute_service_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    FOR t IN
        SELECT b.code AS body, b.kind, c.deliveries, c.deadline_violations, c.unreasonable_refusals,
               c.incomplete_package, c.extra_documents, c.electronic, c.quality_appeals_justified, c.source,
               i.satisfaction_percent, i.services_in_register, i.services_electronic, i.downtime_hours, i.newly_automated
        FROM perf_eval.body AS b
        LEFT JOIN perf_eval.service_counts_of_year(compute_service_nodes.year) AS c ON c.body = b.code
        LEFT JOIN perf_eval.service_indicators AS i ON i.body = b.code AND i.year = compute_service_nodes.year
        WHERE c.body IS NOT NULL OR i.body IS NOT NULL
        ORDER BY b.code
    LOOP
        BEGIN
            RETURN QUERY
                SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
                FROM perf_eval.service_criteria(t.kind, methodology, t.deliveries, t.deadline_violations,
                         t.unreasonable_refusals, t.incomplete_package, t.extra_documents, t.electronic,
                         t.quality_appeals_justified, t.satisfaction_percent, t.services_in_register,
                         t.services_electronic, t.downtime_hours, t.newly_automated, t.source) AS s;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, public services direction.', t.body, year),
                                   nullif(err_detail, '')),
                HINT = nullif(err_hint, '');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_service_nodes(integer, text) IS
'Node computer of the public-services direction: K1/M1, K2/M2, K3 (kz2020) or K2'', K3 (kz2020_apa) of every body with service counts or indicators in the year (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.compute_satisfaction_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    IF NOT perf_eval.param_exists(methodology, 'services.apa.s_pts_satisfaction') THEN
        RETURN;
    END IF;
    FOR t IN
        SELECT b.code AS body, c.deliveries, c.quality_appeals_justified, c.source, i.satisfaction_percent
        FROM perf_eval.body AS b
        LEFT JOIN perf_eval.service_counts_of_year(compute_satisfaction_nodes.year) AS c ON c.body = b.code
        LEFT JOIN perf_eval.service_indicators AS i ON i.body = b.code AND i.year = compute_satisfaction_nodes.year
        WHERE c.body IS NOT NULL OR i.body IS NOT NULL
        ORDER BY b.code
    LOOP
        BEGIN
            RETURN QUERY
                SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
                FROM perf_eval.satisfaction_direction(methodology, t.deliveries, t.quality_appeals_justified,
                                                      t.satisfaction_percent, t.source) AS s;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, satisfaction direction.', t.body, year),
                                   nullif(err_detail, '')),
                HINT = nullif(err_hint, '');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_satisfaction_nodes(integer, text) IS
'Node computer of the kz2020_apa satisfaction direction S of every body with service counts or indicators in the year (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.compute_openness_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    FOR t IN SELECT o.body FROM perf_eval.openness_inputs AS o WHERE o.year = compute_openness_nodes.year ORDER BY o.body
    LOOP
        BEGIN
            RETURN QUERY
                SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
                FROM perf_eval.openness_criteria(t.body, year, methodology) AS s;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, openness direction.', t.body, year),
                                   nullif(err_detail, '')),
                HINT = nullif(err_hint, '');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_openness_nodes(integer, text) IS
'Node computer of the openness direction: open data, open budget, open NLA, open dialogue and the subordinate deduction of every body with openness inputs in the year (docs/methodology.md §4.3)';

CREATE FUNCTION perf_eval.compute_one_time_acceptance_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
-- A criterion of the complaints direction, so it is given to exactly the
-- bodies the complaints computer scores (a body without complaint counts has
-- no H); without service counts it is not assessable (no_data).
DECLARE
    t record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    IF NOT perf_eval.param_exists(methodology, 'complaints.one_time_acceptance.pts') THEN
        RETURN;
    END IF;
    FOR t IN
        SELECT ct.body, c.deliveries, c.extra_documents, c.source
        FROM perf_eval.complaint_tallies(compute_one_time_acceptance_nodes.year) AS ct
        LEFT JOIN perf_eval.service_counts_of_year(compute_one_time_acceptance_nodes.year) AS c ON c.body = ct.body
        ORDER BY ct.body
    LOOP
        BEGIN
            RETURN QUERY
                SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
                FROM perf_eval.one_time_acceptance_criterion(methodology, t.deliveries, t.extra_documents, t.source) AS s;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, complaints direction (one-time acceptance).', t.body, year),
                                   nullif(err_detail, '')),
                HINT = nullif(err_hint, '');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_one_time_acceptance_nodes(integer, text) IS
'Node computer of the kz2020_apa complaints criterion one-time acceptance, from the extra-document requests of the service counts, for every body with complaint counts in the year (docs/methodology.md §4.4)';

INSERT INTO perf_eval.node_computer VALUES
('services', 'perf_eval.compute_service_nodes', 'K1/M1, K2/M2, K3 or K2'', K3 from service counts and indicators (docs/methodology.md §4.2)'),
('satisfaction', 'perf_eval.compute_satisfaction_nodes', 'the kz2020_apa direction S from service counts and indicators (docs/methodology.md §4.2)'),
('openness', 'perf_eval.compute_openness_nodes', 'open data, budget, NLA, dialogue and the subordinate deduction (docs/methodology.md §4.3)'),
('one_time_acceptance', 'perf_eval.compute_one_time_acceptance_nodes', 'the kz2020_apa complaints criterion from extra-document requests (docs/methodology.md §4.4)');

-- ---------------------------------------------------------------------------
-- Privileges and row-level security (the pattern of 80_privileges.sql)
-- ---------------------------------------------------------------------------

-- Editors enter every body's inputs; submitters only their own bodies'.
GRANT INSERT, UPDATE, DELETE ON perf_eval.service_counts, perf_eval.service_indicators, perf_eval.openness_inputs,
      perf_eval.open_nla_fulfilment, perf_eval.service_counts_staging, perf_eval.service_indicators_staging,
      perf_eval.openness_inputs_staging, perf_eval.open_nla_fulfilment_staging
   TO perf_eval_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.service_counts, perf_eval.service_indicators,
      perf_eval.openness_inputs, perf_eval.open_nla_fulfilment
   TO perf_eval_submitter;

DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['service_counts', 'service_indicators', 'openness_inputs',
                                       'open_nla_fulfilment'] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor USING (true) WITH CHECK (true)',
                       input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader USING (true)',
                       input_table);
        EXECUTE format('CREATE POLICY submitter_own_body ON perf_eval.%I TO perf_eval_submitter '
                       'USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body))', input_table);
    END LOOP;
END
$$;
-- =========================================================================
-- Section: organisational development inputs per body and year, with a
-- validation report (METHODOLOGY §5.2, §5.3, §5.5; seed 002 lines 145-185)
--
-- Two assessors, two tables (seed 002 lines 131-139): the civil-service
-- agency's personnel data (orgdev_hr_inputs, with month-end headcounts in
-- orgdev_headcount_month when the averages are not given) and the IT
-- authority's data (orgdev_it_inputs, one row per information system or
-- database in orgdev_information_system). Penalty facts of W (training
-- violations, unreliable, incomplete or untimely reporting) are rows of
-- perf_eval.penalty_event with block 'orgdev' and a kind of hr.penalty.<kind>.
-- =========================================================================

CREATE TABLE perf_eval.orgdev_hr_inputs (
    body                              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                              integer NOT NULL,
    -- K, C: net turnover t = (a1 + a2)/(b1 + b2) (seed 000 lines 3558-3568)
    left_management                   bigint NOT NULL CHECK (left_management >= 0),
    left_other                        bigint NOT NULL CHECK (left_other >= 0),
    average_management                numeric CHECK (average_management >= 0 AND average_management < 'Infinity'),
    average_other                     numeric CHECK (average_other >= 0 AND average_other < 'Infinity'),
    -- K: S, V, G, P (% of staff, seed 002 lines 69, 81, 117, 155, 159)
    long_tenure_percent               numeric NOT NULL CHECK (long_tenure_percent BETWEEN 0 AND 100),
    exit_interview_percent            numeric NOT NULL CHECK (exit_interview_percent BETWEEN 0 AND 100),
    women_leadership_percent          numeric NOT NULL CHECK (women_leadership_percent BETWEEN 0 AND 100),
    qualified_percent                 numeric NOT NULL CHECK (qualified_percent BETWEEN 0 AND 100),
    -- O: N, T, Y (seed 002 lines 75, 77, 93), U (seed 000 lines 3598-3622), bonuses
    overtime_free_percent             numeric NOT NULL CHECK (overtime_free_percent BETWEEN 0 AND 100),
    working_conditions_survey_percent numeric NOT NULL CHECK (working_conditions_survey_percent BETWEEN 0 AND 100),
    management_survey_percent         numeric NOT NULL CHECK (management_survey_percent BETWEEN 0 AND 100),
    advanced_training_due             bigint NOT NULL CHECK (advanced_training_due >= 0),
    advanced_training_done            bigint NOT NULL CHECK (advanced_training_done >= 0),
    retraining_due                    bigint NOT NULL CHECK (retraining_due >= 0),
    retraining_done                   bigint NOT NULL CHECK (retraining_done >= 0),
    hr_strategy_approved              boolean NOT NULL,
    ekyzmet_documents_per_servant     numeric NOT NULL
                                      CHECK (ekyzmet_documents_per_servant >= 0 AND ekyzmet_documents_per_servant < 'Infinity'),
    -- M: A-E (seed 002 lines 83, 85, 91, 103; survey appendix 9, line 185)
    observed_competitions_percent     numeric NOT NULL CHECK (observed_competitions_percent BETWEEN 0 AND 100),
    meritocracy_survey_percent        numeric NOT NULL CHECK (meritocracy_survey_percent BETWEEN 0 AND 100),
    internal_promotion_percent        numeric NOT NULL CHECK (internal_promotion_percent BETWEEN 0 AND 100),
    incentives_survey_percent         numeric NOT NULL CHECK (incentives_survey_percent BETWEEN 0 AND 100),
    ethics_survey_percent             numeric NOT NULL CHECK (ethics_survey_percent BETWEEN 0 AND 100),
    source                            text,
    loaded_by                         name NOT NULL DEFAULT current_user,
    loaded_at                         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT averages_both_or_neither CHECK ((average_management IS NULL) = (average_other IS NULL)),
    CONSTRAINT average_headcount_positive CHECK (average_management + average_other > 0),
    CONSTRAINT advanced_training_done_within_due CHECK (advanced_training_done <= advanced_training_due),
    CONSTRAINT retraining_done_within_due CHECK (retraining_done <= retraining_due)
);
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.left_management IS 'Civil servants at management level who left the civil service in the year (a1, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.left_other IS 'Civil servants below management level who left the civil service in the year (a2, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.average_management IS 'Average headcount at management level (b1, persons); NULL: computed from orgdev_headcount_month';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.average_other IS 'Average headcount below management level (b2, persons); NULL: computed from orgdev_headcount_month';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.long_tenure_percent IS 'Staff with more than 3 years of service in the body, % (0..100; S)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.exit_interview_percent IS 'Leavers covered by exit interviews, % (0..100; V)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.women_leadership_percent IS 'Women in leadership positions, % (0..100; G)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.qualified_percent IS 'Staff meeting the qualification indicator P of personnel quality, % (0..100)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.overtime_free_percent IS 'Staff working without overtime, % (0..100; N)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.working_conditions_survey_percent IS 'Positive answers in the working-conditions survey, % (0..100; T)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.management_survey_percent IS 'Positive answers in the survey on management, % (0..100; Y)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.advanced_training_due IS 'Advanced-training courses due in the year (b, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.advanced_training_done IS 'Advanced-training courses done on time (a, count, <= due)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.retraining_due IS 'Retraining courses due in the year (d, count)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.retraining_done IS 'Retraining courses done on time (c, count, <= due)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.hr_strategy_approved IS 'True if an approved HR strategy exists (+2 points bonus)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.ekyzmet_documents_per_servant IS 'Documents processed automatically in E-kyzmet per civil servant (number per person)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.observed_competitions_percent IS 'Competitions held with observers, % (0..100; meritocracy A)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.meritocracy_survey_percent IS 'Positive answers in the meritocracy survey, % (0..100; B)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.internal_promotion_percent IS 'Vacancies filled by internal promotion, % (0..100; C)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.incentives_survey_percent IS 'Positive answers in the survey on incentives, % (0..100; D)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.ethics_survey_percent IS 'Positive answers in the survey on ethics and culture, % (0..100; E)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.orgdev_hr_inputs IS
'Personnel-management inputs per body and year (docs/methodology.md §5.2): leavers a1/a2 and average headcounts b1/b2 (NULL: from the 12 month-end counts in orgdev_headcount_month), % indicators of K, O and M (0..100), training due/done (a <= b, c <= d; each violation of training terms is a penalty_event of kind training_violation, into W), HR strategy, E-kyzmet documents per servant';

CREATE TABLE perf_eval.orgdev_headcount_month (
    body        text NOT NULL,
    year        integer NOT NULL,
    month       integer NOT NULL CHECK (month BETWEEN 1 AND 12),
    management  bigint NOT NULL CHECK (management >= 0),
    other       bigint NOT NULL CHECK (other >= 0),
    PRIMARY KEY (body, year, month),
    FOREIGN KEY (body, year) REFERENCES perf_eval.orgdev_hr_inputs (body, year) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.month IS 'Month of the year, 1..12';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.management IS 'Month-end headcount of civil servants at management level (persons)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month.other IS 'Month-end headcount of civil servants below management level (persons)';
COMMENT ON TABLE perf_eval.orgdev_headcount_month IS
'Month-end headcounts of administrative civil servants at management level (b1) and below (b2); the averages are the sums of the 12 months divided by 12 (APA 2020 report, chapter 3 recommendations), used when orgdev_hr_inputs gives no averages';

CREATE TABLE perf_eval.orgdev_it_inputs (
    body                            text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year                            integer NOT NULL,
    integrations_planned            bigint NOT NULL CHECK (integrations_planned >= 0),
    integrations_implemented        bigint NOT NULL CHECK (integrations_implemented >= 0),
    functions_subject               bigint NOT NULL CHECK (functions_subject >= 0),
    functions_non_automatable       bigint NOT NULL DEFAULT 0 CHECK (functions_non_automatable >= 0),
    functions_own_systems           bigint NOT NULL CHECK (functions_own_systems >= 0),
    functions_service_model         bigint NOT NULL CHECK (functions_service_model >= 0),
    functions_other_bodies_systems  bigint NOT NULL CHECK (functions_other_bodies_systems >= 0),
    functions_third_party           bigint NOT NULL CHECK (functions_third_party >= 0),
    has_it_unit                     boolean NOT NULL DEFAULT false,
    local_content_percent           numeric CHECK (local_content_percent BETWEEN 0 AND 100),
    source                          text,
    loaded_by                       name NOT NULL DEFAULT current_user,
    loaded_at                       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (body, year),
    CONSTRAINT implemented_within_planned CHECK (integrations_implemented <= integrations_planned),
    CONSTRAINT non_automatable_within_functions CHECK (functions_non_automatable <= functions_subject)
);
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.integrations_planned IS 'Integrations of information systems planned for the year (count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.integrations_implemented IS 'Integrations implemented (count, <= planned)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_subject IS 'Functions subject to automation, n (count; approved list, else the body''s regulation)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_non_automatable IS 'Functions that cannot be automated (count; subtracted from n under kz2020_apa)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_own_systems IS 'Functions automated by the body''s own systems (E1, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_service_model IS 'Functions automated under the service model (E2, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_other_bodies_systems IS 'Functions automated by other bodies'' systems (E3, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.functions_third_party IS 'Functions automated by third parties (E4, count)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.has_it_unit IS 'True if the body has an IT unit (LEB bonus)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.local_content_percent IS 'Local content in IT procurement, % (0..100; recorded, 0 points)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.source IS 'Where the values come from (document, report)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.loaded_by IS 'Database role that loaded the row';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs.loaded_at IS 'When the row was loaded';
COMMENT ON TABLE perf_eval.orgdev_it_inputs IS
'Use-of-IT inputs per body and year (docs/methodology.md §5.3): planned and implemented integrations, n functions subject to automation (approved list, else the regulation) with the non-automatable ones, E1-E4 functions automated by own systems, service model, other bodies'' systems, third parties (APA 2020 report §3.5), an IT unit (LEB bonus, Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3), the local-content share (Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2; paragraph 3, sub-paragraph 13)';

CREATE TABLE perf_eval.orgdev_information_system (
    body                  text NOT NULL,
    year                  integer NOT NULL,
    system_code           text NOT NULL CHECK (system_code <> ''),
    registered_on_portal  boolean NOT NULL,
    relevance_level       numeric NOT NULL CHECK (relevance_level BETWEEN 0 AND 1),
    unused                boolean NOT NULL DEFAULT false,
    PRIMARY KEY (body, year, system_code),
    FOREIGN KEY (body, year) REFERENCES perf_eval.orgdev_it_inputs (body, year) ON UPDATE CASCADE ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.orgdev_information_system.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.orgdev_information_system.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.orgdev_information_system.system_code IS 'Code of the information system or database';
COMMENT ON COLUMN perf_eval.orgdev_information_system.registered_on_portal IS 'True if registered on the architecture portal with documentation';
COMMENT ON COLUMN perf_eval.orgdev_information_system.relevance_level IS 'Relevance level l of the system, 0..1';
COMMENT ON COLUMN perf_eval.orgdev_information_system.unused IS 'True if the system or database is not used (deduction)';
COMMENT ON TABLE perf_eval.orgdev_information_system IS
'Information systems and databases on the balance of a body and its subordinate organisations in a year: registered on the architecture portal with documentation, relevance level l in 0..1 (APA 2020 report §3.5), unused. No rows for a body-year with IT inputs means no systems (a certificate of absence, APA 2020 report §3.5)';

-- Inputs are user data: pg_dump keeps them; they make up a year's inputs digest.
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_hr_inputs', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_headcount_month', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_it_inputs', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.orgdev_information_system', '');
INSERT INTO perf_eval.input_relation VALUES
('perf_eval.orgdev_hr_inputs', 'year'),
('perf_eval.orgdev_headcount_month', 'year'),
('perf_eval.orgdev_it_inputs', 'year'),
('perf_eval.orgdev_information_system', 'year');

-- =========================================================================
-- Loading with a validation report: \copy each file into its staging table
-- (all text), read perf_eval.orgdev_inputs_report(), then
-- perf_eval.accept_orgdev_inputs() moves all four at once if it is empty.
-- =========================================================================

CREATE TABLE perf_eval.orgdev_hr_inputs_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, left_management text, left_other text, average_management text, average_other text,
    long_tenure_percent text, exit_interview_percent text, women_leadership_percent text, qualified_percent text,
    overtime_free_percent text, working_conditions_survey_percent text, management_survey_percent text,
    advanced_training_due text, advanced_training_done text, retraining_due text, retraining_done text,
    hr_strategy_approved text, ekyzmet_documents_per_servant text,
    observed_competitions_percent text, meritocracy_survey_percent text, internal_promotion_percent text,
    incentives_survey_percent text, ethics_survey_percent text, source text
);
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.left_management IS 'Leavers at management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.left_other IS 'Leavers below management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.average_management IS 'Average headcount at management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.average_other IS 'Average headcount below management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.long_tenure_percent IS '% with more than 3 years of service, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.exit_interview_percent IS '% of leavers with exit interviews, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.women_leadership_percent IS '% of women in leadership, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.qualified_percent IS '% qualified, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.overtime_free_percent IS '% working without overtime, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.working_conditions_survey_percent IS 'Working-conditions survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.management_survey_percent IS 'Management survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.advanced_training_due IS 'Advanced training due, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.advanced_training_done IS 'Advanced training done on time, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.retraining_due IS 'Retraining due, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.retraining_done IS 'Retraining done on time, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.hr_strategy_approved IS 'Approved HR strategy (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.ekyzmet_documents_per_servant IS 'E-kyzmet documents per servant, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.observed_competitions_percent IS '% of competitions with observers, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.meritocracy_survey_percent IS 'Meritocracy survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.internal_promotion_percent IS '% of vacancies filled internally, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.incentives_survey_percent IS 'Incentives survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.ethics_survey_percent IS 'Ethics survey %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_hr_inputs_staging.source IS 'Where the values come from, as loaded';
CREATE TABLE perf_eval.orgdev_headcount_month_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, month text, management text, other text
);
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.month IS 'Month 1..12, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.management IS 'Month-end headcount at management level, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_headcount_month_staging.other IS 'Month-end headcount below management level, as loaded (text)';
CREATE TABLE perf_eval.orgdev_it_inputs_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, integrations_planned text, integrations_implemented text,
    functions_subject text, functions_non_automatable text, functions_own_systems text,
    functions_service_model text, functions_other_bodies_systems text, functions_third_party text,
    has_it_unit text, local_content_percent text, source text
);
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.integrations_planned IS 'Integrations planned, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.integrations_implemented IS 'Integrations implemented, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_subject IS 'Functions subject to automation, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_non_automatable IS 'Non-automatable functions, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_own_systems IS 'Functions automated by own systems, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_service_model IS 'Functions automated under the service model, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_other_bodies_systems IS 'Functions automated by other bodies'' systems, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.functions_third_party IS 'Functions automated by third parties, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.has_it_unit IS 'IT unit (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.local_content_percent IS 'Local content %, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_it_inputs_staging.source IS 'Where the values come from, as loaded';
CREATE TABLE perf_eval.orgdev_information_system_staging (
    line_no bigint GENERATED ALWAYS AS IDENTITY,
    body text, year text, system_code text, registered_on_portal text, relevance_level text, unused text
);
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.line_no IS 'Line number of the staged row, in load order';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.body IS 'Code of the state body, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.year IS 'Assessed year, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.system_code IS 'Code of the information system, as loaded';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.registered_on_portal IS 'Registered on the portal (true/false), as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.relevance_level IS 'Relevance level 0..1, as loaded (text)';
COMMENT ON COLUMN perf_eval.orgdev_information_system_staging.unused IS 'Unused (true/false), as loaded (text)';
COMMENT ON TABLE perf_eval.orgdev_hr_inputs_staging IS
'Landing table for \copy of personnel inputs (columns of orgdev_hr_inputs, all text); perf_eval.orgdev_inputs_report() lists every bad row';
COMMENT ON TABLE perf_eval.orgdev_headcount_month_staging IS
'Landing table for \copy of month-end headcounts (body, year, month, management, other; all text)';
COMMENT ON TABLE perf_eval.orgdev_it_inputs_staging IS
'Landing table for \copy of use-of-IT inputs (columns of orgdev_it_inputs, all text)';
COMMENT ON TABLE perf_eval.orgdev_information_system_staging IS
'Landing table for \copy of information systems (body, year, system_code, registered_on_portal, relevance_level, unused; all text)';

-- true/false (also t/f, yes/no, y/n, 1/0) as boolean; NULL if not one of them.
CREATE FUNCTION perf_eval.orgdev_boolean_or_null(value text)
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN lower(trim($1)) IN ('true', 't', 'yes', 'y', '1') THEN true
                WHEN lower(trim($1)) IN ('false', 'f', 'no', 'n', '0') THEN false END
$$;

CREATE FUNCTION perf_eval.orgdev_numeric_or_null(value text)
RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT CASE WHEN perf_eval.is_numeric_text($1) THEN trim($1)::numeric END $$;

-- Whether a value of a staging field is acceptable for its kind (NULL = fine).
CREATE FUNCTION perf_eval.orgdev_field_problem(value text, kind text, required boolean)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE
        WHEN $1 IS NULL OR trim($1) = '' THEN CASE WHEN $3 THEN 'missing' END
        WHEN $2 = 'count' AND $1 ~ '^\s*-' THEN 'must not be negative'
        WHEN $2 = 'count' AND NOT perf_eval.is_count_text($1) THEN 'must be a whole number'
        WHEN $2 IN ('percent', 'level', 'amount') AND NOT perf_eval.is_numeric_text($1) THEN 'must be a number'
        WHEN $2 = 'percent' AND NOT trim($1)::numeric BETWEEN 0 AND 100 THEN 'must lie between 0 and 100'
        WHEN $2 = 'level' AND NOT trim($1)::numeric BETWEEN 0 AND 1 THEN 'must lie between 0 and 1'
        WHEN $2 = 'amount' AND trim($1)::numeric < 0 THEN 'must not be negative'
        WHEN $2 = 'boolean' AND perf_eval.orgdev_boolean_or_null($1) IS NULL THEN 'must be true or false'
    END
$$;
COMMENT ON FUNCTION perf_eval.orgdev_field_problem(text, text, boolean) IS
'The problem of one staging value of a kind (count, percent 0..100, level 0..1, amount >= 0, boolean), or NULL (docs/methodology.md §5.5)';

CREATE FUNCTION perf_eval.orgdev_inputs_report()
RETURNS TABLE (staging text, line bigint, body text, year text, field text, reason text, staging_id bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH hr AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.orgdev_hr_inputs_staging AS s
    ),
    months AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.orgdev_headcount_month_staging AS s
    ),
    it AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.orgdev_it_inputs_staging AS s
    ),
    systems AS (
        SELECT row_number() OVER (ORDER BY s.line_no) AS line, s.* FROM perf_eval.orgdev_information_system_staging AS s
    ),
    -- Every row's body and year, to check them once for all four files.
    keyed AS (
        SELECT 'orgdev_hr_inputs_staging'::text AS staging, h.line, h.line_no, h.body, h.year FROM hr AS h
        UNION ALL SELECT 'orgdev_headcount_month_staging', m.line, m.line_no, m.body, m.year FROM months AS m
        UNION ALL SELECT 'orgdev_it_inputs_staging', i.line, i.line_no, i.body, i.year FROM it AS i
        UNION ALL SELECT 'orgdev_information_system_staging', s.line, s.line_no, s.body, s.year FROM systems AS s
    ),
    -- Every typed field of every row with its kind and whether it is required.
    fields AS (
        SELECT 'orgdev_hr_inputs_staging'::text AS staging, h.line, h.line_no, h.body, h.year, f.field, f.value, f.kind, f.required
        FROM hr AS h CROSS JOIN LATERAL (VALUES
            ('left_management', h.left_management, 'count', true), ('left_other', h.left_other, 'count', true),
            ('average_management', h.average_management, 'amount', false), ('average_other', h.average_other, 'amount', false),
            ('long_tenure_percent', h.long_tenure_percent, 'percent', true),
            ('exit_interview_percent', h.exit_interview_percent, 'percent', true),
            ('women_leadership_percent', h.women_leadership_percent, 'percent', true),
            ('qualified_percent', h.qualified_percent, 'percent', true),
            ('overtime_free_percent', h.overtime_free_percent, 'percent', true),
            ('working_conditions_survey_percent', h.working_conditions_survey_percent, 'percent', true),
            ('management_survey_percent', h.management_survey_percent, 'percent', true),
            ('advanced_training_due', h.advanced_training_due, 'count', true),
            ('advanced_training_done', h.advanced_training_done, 'count', true),
            ('retraining_due', h.retraining_due, 'count', true), ('retraining_done', h.retraining_done, 'count', true),
            ('hr_strategy_approved', h.hr_strategy_approved, 'boolean', true),
            ('ekyzmet_documents_per_servant', h.ekyzmet_documents_per_servant, 'amount', true),
            ('observed_competitions_percent', h.observed_competitions_percent, 'percent', true),
            ('meritocracy_survey_percent', h.meritocracy_survey_percent, 'percent', true),
            ('internal_promotion_percent', h.internal_promotion_percent, 'percent', true),
            ('incentives_survey_percent', h.incentives_survey_percent, 'percent', true),
            ('ethics_survey_percent', h.ethics_survey_percent, 'percent', true)
        ) AS f(field, value, kind, required)
        UNION ALL
        SELECT 'orgdev_headcount_month_staging', m.line, m.line_no, m.body, m.year, f.field, f.value, f.kind, true
        FROM months AS m CROSS JOIN LATERAL (VALUES
            ('management', m.management, 'count'), ('other', m.other, 'count')) AS f(field, value, kind)
        UNION ALL
        SELECT 'orgdev_it_inputs_staging', i.line, i.line_no, i.body, i.year, f.field, f.value, f.kind, f.required
        FROM it AS i CROSS JOIN LATERAL (VALUES
            ('integrations_planned', i.integrations_planned, 'count', true),
            ('integrations_implemented', i.integrations_implemented, 'count', true),
            ('functions_subject', i.functions_subject, 'count', true),
            ('functions_non_automatable', i.functions_non_automatable, 'count', false),
            ('functions_own_systems', i.functions_own_systems, 'count', true),
            ('functions_service_model', i.functions_service_model, 'count', true),
            ('functions_other_bodies_systems', i.functions_other_bodies_systems, 'count', true),
            ('functions_third_party', i.functions_third_party, 'count', true),
            ('has_it_unit', i.has_it_unit, 'boolean', false),
            ('local_content_percent', i.local_content_percent, 'percent', false)
        ) AS f(field, value, kind, required)
        UNION ALL
        SELECT 'orgdev_information_system_staging', s.line, s.line_no, s.body, s.year, f.field, f.value, f.kind, f.required
        FROM systems AS s CROSS JOIN LATERAL (VALUES
            ('registered_on_portal', s.registered_on_portal, 'boolean', true),
            ('relevance_level', s.relevance_level, 'level', true),
            ('unused', s.unused, 'boolean', false)
        ) AS f(field, value, kind, required)
    ),
    hr_typed AS (
        SELECT h.line, h.line_no, h.body, h.year,
               perf_eval.orgdev_numeric_or_null(h.average_management) AS b1,
               perf_eval.orgdev_numeric_or_null(h.average_other) AS b2,
               nullif(trim(h.average_management), '') IS NULL AS b1_missing,
               nullif(trim(h.average_other), '') IS NULL AS b2_missing,
               perf_eval.count_or_null(h.advanced_training_due) AS b, perf_eval.count_or_null(h.advanced_training_done) AS a,
               perf_eval.count_or_null(h.retraining_due) AS d, perf_eval.count_or_null(h.retraining_done) AS c
        FROM hr AS h
    ),
    -- Month-end counts of a body-year, staged or already loaded (a staged month replaces a loaded one).
    month_counts AS (
        SELECT x.body, x.year, count(*) AS months,
               sum(x.management) + sum(x.other) AS staff_months
        FROM (SELECT DISTINCT ON (m.body, m.year, m.month) m.body, m.year, m.month, m.management, m.other
              FROM (SELECT trim(ms.body) AS body, trim(ms.year) AS year, perf_eval.count_or_null(ms.month) AS month,
                           perf_eval.count_or_null(ms.management) AS management, perf_eval.count_or_null(ms.other) AS other,
                           0 AS priority
                    FROM perf_eval.orgdev_headcount_month_staging AS ms
                    UNION ALL
                    SELECT l.body, l.year::text, l.month, l.management, l.other, 1
                    FROM perf_eval.orgdev_headcount_month AS l) AS m
              WHERE m.month BETWEEN 1 AND 12
              ORDER BY m.body, m.year, m.month, m.priority) AS x
        GROUP BY x.body, x.year
    ),
    it_typed AS (
        SELECT i.line, i.line_no, i.body, i.year,
               perf_eval.count_or_null(i.integrations_planned) AS planned,
               perf_eval.count_or_null(i.integrations_implemented) AS implemented,
               perf_eval.count_or_null(i.functions_subject) AS n,
               perf_eval.count_or_null(coalesce(nullif(trim(i.functions_non_automatable), ''), '0')) AS non_automatable,
               nullif(trim(i.local_content_percent), '') IS NULL AS local_content_missing,
               perf_eval.count_or_null(i.year) AS year_number
        FROM it AS i
    ),
    default_version AS (SELECT perf_eval.resolve_methodology(NULL) AS name),
    problems AS (
        SELECT k.staging, k.line, k.line_no, k.body, k.year, 'body'::text AS field, 'unknown body code'::text AS reason
        FROM keyed AS k WHERE NOT EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = k.body)
        UNION ALL
        SELECT k.staging, k.line, k.line_no, k.body, k.year, 'year', 'year must be an integer'
        FROM keyed AS k WHERE k.year IS NULL OR k.year !~ '^\s*[0-9]{4}\s*$'
        UNION ALL
        SELECT f.staging, f.line, f.line_no, f.body, f.year, f.field, perf_eval.orgdev_field_problem(f.value, f.kind, f.required)
        FROM fields AS f WHERE perf_eval.orgdev_field_problem(f.value, f.kind, f.required) IS NOT NULL
        -- personnel: consistency between values (§5.5)
        UNION ALL
        SELECT 'orgdev_hr_inputs_staging', t.line, t.line_no, t.body, t.year, 'average_management, average_other',
               'give both average headcounts or neither (then 12 month-end counts)'
        FROM hr_typed AS t WHERE t.b1_missing <> t.b2_missing
        UNION ALL
        SELECT 'orgdev_hr_inputs_staging', t.line, t.line_no, t.body, t.year, 'average_management, average_other',
               'average headcounts b1 + b2 must be positive'
        FROM hr_typed AS t WHERE t.b1 + t.b2 = 0
        UNION ALL
        SELECT 'orgdev_hr_inputs_staging', t.line, t.line_no, t.body, t.year, 'average_management, average_other',
               CASE WHEN mc.months IS NULL OR mc.months < 12
                    THEN format('no average headcounts and %s of 12 month-end counts', coalesce(mc.months, 0))
                    ELSE 'month-end headcounts must not all be 0' END
        FROM hr_typed AS t
        LEFT JOIN month_counts AS mc ON mc.body = trim(t.body) AND mc.year = trim(t.year)
        WHERE t.b1_missing AND t.b2_missing AND (mc.months IS NULL OR mc.months < 12 OR mc.staff_months = 0)
        UNION ALL
        SELECT 'orgdev_hr_inputs_staging', t.line, t.line_no, t.body, t.year, 'advanced_training_done',
               'advanced training done must not exceed advanced training due'
        FROM hr_typed AS t WHERE t.a > t.b
        UNION ALL
        SELECT 'orgdev_hr_inputs_staging', t.line, t.line_no, t.body, t.year, 'retraining_done',
               'retraining done must not exceed retraining due'
        FROM hr_typed AS t WHERE t.c > t.d
        UNION ALL
        SELECT 'orgdev_hr_inputs_staging', h.line, h.line_no, h.body, h.year, 'body, year', 'duplicate of line ' || min(h2.line)
        FROM hr AS h JOIN hr AS h2 ON h2.body = h.body AND h2.year = h.year AND h2.line < h.line
        GROUP BY h.line, h.line_no, h.body, h.year
        -- month-end headcounts
        UNION ALL
        SELECT 'orgdev_headcount_month_staging', m.line, m.line_no, m.body, m.year, 'month', 'month must be 1 to 12'
        FROM months AS m WHERE NOT coalesce(perf_eval.count_or_null(m.month) BETWEEN 1 AND 12, false)
        UNION ALL
        SELECT 'orgdev_headcount_month_staging', m.line, m.line_no, m.body, m.year, 'body, year',
               'no personnel inputs for this body and year (staged or loaded)'
        FROM months AS m
        WHERE NOT EXISTS (SELECT 1 FROM hr AS h WHERE trim(h.body) = trim(m.body) AND trim(h.year) = trim(m.year))
          AND NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_hr_inputs AS l
                          WHERE l.body = trim(m.body) AND l.year::text = trim(m.year))
        UNION ALL
        SELECT 'orgdev_headcount_month_staging', m.line, m.line_no, m.body, m.year, 'body, year, month',
               'duplicate of line ' || min(m2.line)
        FROM months AS m JOIN months AS m2 ON m2.body = m.body AND m2.year = m.year AND m2.month = m.month AND m2.line < m.line
        GROUP BY m.line, m.line_no, m.body, m.year
        -- information technology
        UNION ALL
        SELECT 'orgdev_it_inputs_staging', t.line, t.line_no, t.body, t.year, 'integrations_implemented',
               'implemented integrations must not exceed planned integrations'
        FROM it_typed AS t WHERE t.implemented > t.planned
        UNION ALL
        SELECT 'orgdev_it_inputs_staging', t.line, t.line_no, t.body, t.year, 'functions_non_automatable',
               'non-automatable functions must not exceed functions subject to automation'
        FROM it_typed AS t WHERE t.non_automatable > t.n
        UNION ALL
        SELECT 'orgdev_it_inputs_staging', t.line, t.line_no, t.body, t.year, 'functions_subject',
               CASE WHEN t.n = 0 THEN 'must be positive: automation is undefined without functions (n = 0)'
                    ELSE 'every function is non-automatable: nothing is left when they are excluded (kz2020_apa)' END
        FROM it_typed AS t WHERE t.n = 0 OR t.n = t.non_automatable
        UNION ALL
        SELECT 'orgdev_it_inputs_staging', t.line, t.line_no, t.body, t.year, 'local_content_percent',
               format('missing: the local-content criterion applies from %s (%s)',
                      perf_eval.param_text(dv.name, 'it.local_content_from_year'), dv.name)
        FROM it_typed AS t CROSS JOIN default_version AS dv
        WHERE t.local_content_missing AND perf_eval.param_exists(dv.name, 'it.local_content_from_year')
          AND t.year_number >= perf_eval.param_numeric(dv.name, 'it.local_content_from_year')
        UNION ALL
        SELECT 'orgdev_it_inputs_staging', i.line, i.line_no, i.body, i.year, 'body, year', 'duplicate of line ' || min(i2.line)
        FROM it AS i JOIN it AS i2 ON i2.body = i.body AND i2.year = i.year AND i2.line < i.line
        GROUP BY i.line, i.line_no, i.body, i.year
        UNION ALL
        SELECT 'orgdev_information_system_staging', s.line, s.line_no, s.body, s.year, 'system_code', 'missing'
        FROM systems AS s WHERE nullif(trim(s.system_code), '') IS NULL
        UNION ALL
        SELECT 'orgdev_information_system_staging', s.line, s.line_no, s.body, s.year, 'body, year',
               'no IT inputs for this body and year (staged or loaded)'
        FROM systems AS s
        WHERE NOT EXISTS (SELECT 1 FROM it AS i WHERE trim(i.body) = trim(s.body) AND trim(i.year) = trim(s.year))
          AND NOT EXISTS (SELECT 1 FROM perf_eval.orgdev_it_inputs AS l
                          WHERE l.body = trim(s.body) AND l.year::text = trim(s.year))
        UNION ALL
        SELECT 'orgdev_information_system_staging', s.line, s.line_no, s.body, s.year, 'body, year, system_code',
               'duplicate of line ' || min(s2.line)
        FROM systems AS s JOIN systems AS s2 ON s2.body = s.body AND s2.year = s.year
                                            AND s2.system_code = s.system_code AND s2.line < s.line
        GROUP BY s.line, s.line_no, s.body, s.year
    )
    SELECT p.staging, p.line, p.body, p.year, p.field, p.reason, p.line_no
    FROM problems AS p
    ORDER BY p.staging, p.line, p.field
$$;
COMMENT ON FUNCTION perf_eval.orgdev_inputs_report() IS
'Every bad row of the four orgdev staging tables with its file (staging table), line, field and reason: unknown body, bad year, counts, percentages 0..100, levels 0..1, booleans, averages or 12 month-end counts, done <= due, implemented <= planned, non-automatable <= n, n > 0, local content from 2020, duplicates, rows without their body-year (docs/methodology.md §5.5); empty when they can be accepted';

CREATE FUNCTION perf_eval.accept_orgdev_inputs()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    problems bigint;
    accepted bigint := 0;
    moved bigint;
BEGIN
    SELECT count(*) INTO problems FROM perf_eval.orgdev_inputs_report();
    IF problems > 0 THEN
        RAISE EXCEPTION 'orgdev staging tables have % problems', problems
            USING ERRCODE = '22023',
                  HINT = 'SELECT * FROM perf_eval.orgdev_inputs_report() lists them; nothing was loaded.';
    END IF;

    INSERT INTO perf_eval.orgdev_hr_inputs AS t (body, year, left_management, left_other, average_management,
        average_other, long_tenure_percent, exit_interview_percent, women_leadership_percent, qualified_percent,
        overtime_free_percent, working_conditions_survey_percent, management_survey_percent,
        advanced_training_due, advanced_training_done, retraining_due, retraining_done, hr_strategy_approved,
        ekyzmet_documents_per_servant, observed_competitions_percent, meritocracy_survey_percent,
        internal_promotion_percent, incentives_survey_percent, ethics_survey_percent, source)
    SELECT trim(s.body), trim(s.year)::integer, trim(s.left_management)::bigint, trim(s.left_other)::bigint,
           perf_eval.orgdev_numeric_or_null(s.average_management), perf_eval.orgdev_numeric_or_null(s.average_other),
           trim(s.long_tenure_percent)::numeric, trim(s.exit_interview_percent)::numeric,
           trim(s.women_leadership_percent)::numeric, trim(s.qualified_percent)::numeric,
           trim(s.overtime_free_percent)::numeric, trim(s.working_conditions_survey_percent)::numeric,
           trim(s.management_survey_percent)::numeric,
           trim(s.advanced_training_due)::bigint, trim(s.advanced_training_done)::bigint,
           trim(s.retraining_due)::bigint, trim(s.retraining_done)::bigint,
           perf_eval.orgdev_boolean_or_null(s.hr_strategy_approved), trim(s.ekyzmet_documents_per_servant)::numeric,
           trim(s.observed_competitions_percent)::numeric, trim(s.meritocracy_survey_percent)::numeric,
           trim(s.internal_promotion_percent)::numeric, trim(s.incentives_survey_percent)::numeric,
           trim(s.ethics_survey_percent)::numeric, s.source
    FROM perf_eval.orgdev_hr_inputs_staging AS s
    ON CONFLICT (body, year) DO UPDATE
        SET left_management = EXCLUDED.left_management, left_other = EXCLUDED.left_other,
            average_management = EXCLUDED.average_management, average_other = EXCLUDED.average_other,
            long_tenure_percent = EXCLUDED.long_tenure_percent, exit_interview_percent = EXCLUDED.exit_interview_percent,
            women_leadership_percent = EXCLUDED.women_leadership_percent, qualified_percent = EXCLUDED.qualified_percent,
            overtime_free_percent = EXCLUDED.overtime_free_percent,
            working_conditions_survey_percent = EXCLUDED.working_conditions_survey_percent,
            management_survey_percent = EXCLUDED.management_survey_percent,
            advanced_training_due = EXCLUDED.advanced_training_due, advanced_training_done = EXCLUDED.advanced_training_done,
            retraining_due = EXCLUDED.retraining_due, retraining_done = EXCLUDED.retraining_done,
            hr_strategy_approved = EXCLUDED.hr_strategy_approved,
            ekyzmet_documents_per_servant = EXCLUDED.ekyzmet_documents_per_servant,
            observed_competitions_percent = EXCLUDED.observed_competitions_percent,
            meritocracy_survey_percent = EXCLUDED.meritocracy_survey_percent,
            internal_promotion_percent = EXCLUDED.internal_promotion_percent,
            incentives_survey_percent = EXCLUDED.incentives_survey_percent,
            ethics_survey_percent = EXCLUDED.ethics_survey_percent,
            source = EXCLUDED.source, loaded_by = current_user, loaded_at = now();
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    INSERT INTO perf_eval.orgdev_headcount_month AS t (body, year, month, management, other)
    SELECT trim(s.body), trim(s.year)::integer, trim(s.month)::integer, trim(s.management)::bigint, trim(s.other)::bigint
    FROM perf_eval.orgdev_headcount_month_staging AS s
    ON CONFLICT (body, year, month) DO UPDATE SET management = EXCLUDED.management, other = EXCLUDED.other;
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    INSERT INTO perf_eval.orgdev_it_inputs AS t (body, year, integrations_planned, integrations_implemented,
        functions_subject, functions_non_automatable, functions_own_systems, functions_service_model,
        functions_other_bodies_systems, functions_third_party, has_it_unit, local_content_percent, source)
    SELECT trim(s.body), trim(s.year)::integer, trim(s.integrations_planned)::bigint,
           trim(s.integrations_implemented)::bigint, trim(s.functions_subject)::bigint,
           coalesce(perf_eval.count_or_null(s.functions_non_automatable), 0),
           trim(s.functions_own_systems)::bigint, trim(s.functions_service_model)::bigint,
           trim(s.functions_other_bodies_systems)::bigint, trim(s.functions_third_party)::bigint,
           coalesce(perf_eval.orgdev_boolean_or_null(s.has_it_unit), false),
           perf_eval.orgdev_numeric_or_null(s.local_content_percent), s.source
    FROM perf_eval.orgdev_it_inputs_staging AS s
    ON CONFLICT (body, year) DO UPDATE
        SET integrations_planned = EXCLUDED.integrations_planned,
            integrations_implemented = EXCLUDED.integrations_implemented,
            functions_subject = EXCLUDED.functions_subject, functions_non_automatable = EXCLUDED.functions_non_automatable,
            functions_own_systems = EXCLUDED.functions_own_systems, functions_service_model = EXCLUDED.functions_service_model,
            functions_other_bodies_systems = EXCLUDED.functions_other_bodies_systems,
            functions_third_party = EXCLUDED.functions_third_party, has_it_unit = EXCLUDED.has_it_unit,
            local_content_percent = EXCLUDED.local_content_percent,
            source = EXCLUDED.source, loaded_by = current_user, loaded_at = now();
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    -- A staged body-year's list of systems replaces the loaded one.
    DELETE FROM perf_eval.orgdev_information_system AS l
    USING (SELECT DISTINCT trim(s.body) AS body, trim(s.year)::integer AS year
           FROM perf_eval.orgdev_information_system_staging AS s) AS staged
    WHERE l.body = staged.body AND l.year = staged.year;
    INSERT INTO perf_eval.orgdev_information_system (body, year, system_code, registered_on_portal, relevance_level, unused)
    SELECT trim(s.body), trim(s.year)::integer, trim(s.system_code), perf_eval.orgdev_boolean_or_null(s.registered_on_portal),
           trim(s.relevance_level)::numeric, coalesce(perf_eval.orgdev_boolean_or_null(s.unused), false)
    FROM perf_eval.orgdev_information_system_staging AS s;
    GET DIAGNOSTICS moved = ROW_COUNT;
    accepted := accepted + moved;

    DELETE FROM perf_eval.orgdev_hr_inputs_staging;
    DELETE FROM perf_eval.orgdev_headcount_month_staging;
    DELETE FROM perf_eval.orgdev_it_inputs_staging;
    DELETE FROM perf_eval.orgdev_information_system_staging;
    RETURN accepted;
END
$$;
COMMENT ON FUNCTION perf_eval.accept_orgdev_inputs() IS
'Moves the four orgdev staging tables into their tables (a staged body-year replaces a loaded one; a staged list of systems replaces the loaded list) only if perf_eval.orgdev_inputs_report() is empty; returns the rows accepted';

-- Editors enter every body's inputs; submitters only their own bodies' (row-level security).
GRANT INSERT, UPDATE, DELETE ON perf_eval.orgdev_hr_inputs, perf_eval.orgdev_headcount_month,
      perf_eval.orgdev_it_inputs, perf_eval.orgdev_information_system,
      perf_eval.orgdev_hr_inputs_staging, perf_eval.orgdev_headcount_month_staging,
      perf_eval.orgdev_it_inputs_staging, perf_eval.orgdev_information_system_staging
   TO perf_eval_editor;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.orgdev_hr_inputs, perf_eval.orgdev_headcount_month,
      perf_eval.orgdev_it_inputs, perf_eval.orgdev_information_system
   TO perf_eval_submitter;

DO $$
DECLARE
    input_table text;
BEGIN
    FOREACH input_table IN ARRAY ARRAY['orgdev_hr_inputs', 'orgdev_headcount_month', 'orgdev_it_inputs',
                                       'orgdev_information_system'] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', input_table);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor USING (true) WITH CHECK (true)',
                       input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader USING (true)',
                       input_table);
        EXECUTE format('CREATE POLICY submitter_own_body ON perf_eval.%I TO perf_eval_submitter '
                       'USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body))', input_table);
    END LOOP;
END
$$;
-- =========================================================================
-- Section: civil servants of corps "B": kernels and the KPI-part aggregate
-- (METHODOLOGY §6.1, §6.2, §6.3; src/civil_servants.c, src/kef_aggregate.c)
--
-- Every methodology constant is an argument: the data model
-- (65_civil_servants.sql) reads cs.* parameters from the period's versions.
-- Kef and its parts are fractions (0.8148 = 81.48 %); presentation shows
-- them as % with cs.present.kef_scale decimals.
-- =========================================================================

CREATE FUNCTION perf_eval.kpi_criteria_mean(
    completeness integer, quality integer, timeliness integer,
    max_completeness numeric, max_quality numeric, max_timeliness numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_kpi_criteria_mean'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_criteria_mean(integer, integer, integer, numeric, numeric, numeric) IS
'M_i = (c/max_c + q/max_q + t/max_t)/3, the criteria mean of one KPI: (1/2 + 1/3 + 1/1)/3 = 61.11% (APA 2020 report, Appendix 3, docs/methodology.md §6.2)';

CREATE FUNCTION perf_eval.kpi_efficiency(
    completeness integer, quality integer, timeliness integer, difficulty integer,
    max_completeness numeric, max_quality numeric, max_timeliness numeric, difficulty_divisor numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_efficiency(integer, integer, integer, integer, numeric, numeric, numeric, numeric) IS
'kef_i = M_i*(1 + d/divisor), the efficiency of one KPI adjusted for difficulty d in 1..6: 61.11% at d = 2 gives 81.48% (APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3, docs/methodology.md §6.2)';

CREATE FUNCTION perf_eval.kpi_difficulty_level(work_type text, work_mode text)
RETURNS integer
AS 'MODULE_PATHNAME', 'pe_kpi_difficulty_level'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_difficulty_level(text, text) IS
'd = 2*type + mode: technical 0, organizational 1, analytical 2; normal 1, urgent 2 (analytical urgent = 6, technical normal = 1; APA 2020 report, chapter 4 conclusions, Table 4.3)';

CREATE FUNCTION perf_eval.kpi_completeness(plan numeric, fact numeric, completeness_bands text,
                                           decrease_is_good boolean DEFAULT false)
RETURNS integer
AS 'MODULE_PATHNAME', 'pe_kpi_completeness'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_completeness(numeric, numeric, text, boolean) IS
'Completeness c of a KPI: bands on a = fact/plan (plan/fact when a decrease is expected), ge 1 => 2; ge 0.75 => 1; else => 0 (APA 2020 report, chapter 4 conclusions, Table 4.3); a zero denominator means the plan is met (a = 1)';

CREATE FUNCTION perf_eval.kpi_plan_met(plan numeric, fact numeric, decrease_is_good boolean DEFAULT false)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_kpi_plan_met'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_plan_met(numeric, numeric, boolean) IS
'm2018: a KPI is fully achieved when its fact meets its plan (fact >= plan, or <= when a decrease is expected; APA 2020 report §4.1)';

CREATE FUNCTION perf_eval.competency_meets(manifested integer, defined integer, ratio_num integer, ratio_den integer)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_competency_meets'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.competency_meets(integer, integer, integer, integer) IS
'A competency meets expectations when den*k >= num*n behavioural indicators are manifested (3/4: n = 4 needs 3, n = 3 needs 3; APA 2020 report §4.1, docs/methodology.md §6.1)';

CREATE FUNCTION perf_eval.competency_part(met bigint, assessed bigint, not_meet_value numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_competency_part'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.competency_part(bigint, bigint, numeric) IS
'comp_part = mean of v_j, v_j = 1 if met else not_meet_value: (met + (assessed - met)*not_meet_value)/assessed; 0 by default, 0.5 reproduces 83.33% of the appendix (APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3, docs/methodology.md §8 E13)';

CREATE FUNCTION perf_eval.competency_part(meets boolean[], not_meet_value numeric)
RETURNS numeric
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF array_position(meets, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'every competency must be rated meets (true) or does not meet (false)'
            USING ERRCODE = '22023',
                  DETAIL = format('meets = %s.', meets),
                  HINT = 'Kef competency part, APA 2020 report, Appendix 3 (docs/methodology.md §6.2).';
    END IF;
    RETURN perf_eval.competency_part(
        (SELECT count(*) FROM unnest(meets) AS m(v) WHERE m.v),
        coalesce(cardinality(meets), 0)::bigint, not_meet_value);
END
$$;
COMMENT ON FUNCTION perf_eval.competency_part(boolean[], numeric) IS
'The competency part of Kef from one meets/does-not-meet result per competency (APA 2020 report, Appendix 3)';

CREATE FUNCTION perf_eval.efficiency_coefficient_raw(kpi_part numeric, competency_part numeric,
                                                     w_kpi numeric, w_competency numeric)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_efficiency_coefficient_raw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.efficiency_coefficient_raw(numeric, numeric, numeric, numeric) IS
'kef_raw = w_kpi*kpi_part + w_competency*competency_part (0.5/0.5: "85.68% + 83.33% = 84.51%" is the mean, APA 2020 report, Appendix 3, docs/methodology.md §8 E14)';

CREATE FUNCTION perf_eval.plan_execution_gate(plan_pct numeric, plan_gate text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_plan_execution_gate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.plan_execution_gate(numeric, text) IS
'Plan-execution gate: bands on P in 0..100, lt 75 => 0; lt 100 => 0.5; else => 1 (APA 2020 report, Appendix 4, paragraph 28; "75-99%" read as lt 100, docs/methodology.md §8 E17)';

CREATE FUNCTION perf_eval.plan_execution_gate(completed bigint, total bigint, plan_gate text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_plan_execution_gate_counts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.plan_execution_gate(bigint, bigint, text) IS
'Plan-execution gate on P = 100*completed/total as an exact rational; total = planned + unplanned tasks > 0 (APA 2020 report, Appendix 4, paragraph 28)';

CREATE FUNCTION perf_eval.efficiency_coefficient(kpi_part numeric, competency_part numeric, plan_pct numeric,
                                                 w_kpi numeric, w_competency numeric, plan_gate text)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_efficiency_coefficient'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.efficiency_coefficient(numeric, numeric, numeric, numeric, numeric, text) IS
'Kef = kef_raw * gate(P): the gate applies to kef_raw (84.505% at P = 90 gives 42.2525%; the appendix halves the competency part, APA 2020 report, Appendix 3, docs/methodology.md §8 E15)';

CREATE FUNCTION perf_eval.m2018_kpi_grade(achieved integer, kpis integer, kpi_count integer, grade_bands text)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_m2018_kpi_grade'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.m2018_kpi_grade(integer, integer, integer, text) IS
'm2018 grade: bands with labels on the KPIs fully achieved out of exactly kpi_count (5): excellent / effective / satisfactory / unsatisfactory (APA 2020 report §4.1; chapter 4 conclusions, docs/methodology.md §6.1)';

CREATE FUNCTION perf_eval.commission_quorate(members integer, present integer, min_members integer,
                                             quorum_num integer, quorum_den integer)
RETURNS boolean
AS 'MODULE_PATHNAME', 'pe_commission_quorate'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.commission_quorate(integer, integer, integer, integer, integer) IS
'Quorum: den*present >= num*members voting members (two thirds), with at least min_members (5) voting members; the secretary does not count (APA 2020 report, Appendix 4, paragraphs 5, 32, 36)';

CREATE FUNCTION perf_eval.commission_decision(yes integer, no integer, chair_in_favour boolean)
RETURNS text
AS 'MODULE_PATHNAME', 'pe_commission_decision'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.commission_decision(integer, integer, boolean) IS
'Open vote: adopted if yes > no, rejected if yes < no, the chair''s vote decides a tie (APA 2020 report, Appendix 4, paragraphs 34-36, docs/methodology.md §6.3)';

-- -------------------------------------------------------------------------
-- The KPI part: the exact mean of a sheet's kef_i (seed 000 line 5160)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.kpi_efficiency_mean_transition(internal, numeric)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_transition'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.kpi_efficiency_mean_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION perf_eval.kpi_efficiency_mean_serialize(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_serialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION perf_eval.kpi_efficiency_mean_deserialize(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_deserialize'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- STRICT: with no rows the state is NULL and so is the mean.
CREATE FUNCTION perf_eval.kpi_efficiency_mean_final(internal)
RETURNS numeric
AS 'MODULE_PATHNAME', 'pe_kpi_efficiency_mean_final'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION perf_eval.kpi_efficiency_mean_final(internal) IS
'Final function of kpi_efficiency_mean_agg: sum/count of the kef_i, the one division (APA 2020 report, Appendix 3)';

CREATE AGGREGATE perf_eval.kpi_efficiency_mean_agg(kpi_efficiency numeric) (
    SFUNC        = perf_eval.kpi_efficiency_mean_transition,
    STYPE        = internal,
    SSPACE       = 64,
    FINALFUNC    = perf_eval.kpi_efficiency_mean_final,
    COMBINEFUNC  = perf_eval.kpi_efficiency_mean_combine,
    SERIALFUNC   = perf_eval.kpi_efficiency_mean_serialize,
    DESERIALFUNC = perf_eval.kpi_efficiency_mean_deserialize,
    PARALLEL     = SAFE
);
COMMENT ON AGGREGATE perf_eval.kpi_efficiency_mean_agg(numeric) IS
'kpi_part = mean of the KPIs'' kef_i, exact (numeric sum and int64 count, one final division); NULLs skipped, NULL with no rows (APA 2020 report, Appendix 3, docs/methodology.md §6.2, §7.2)';
-- =========================================================================
-- Section: the organisational development block in the recalculation
-- (METHODOLOGY §5): the criteria of H and IT, computed per body from
-- perf_eval.orgdev_* inputs by two node computers; the engine sums H =
-- K + O + M - W and IT, clamps each node at its maximum (so bonuses cannot
-- push O over 30 or IT over 100) and weighs the block 0.5*H + 0.5*IT.
-- kz2017 (orgdev.mode = supplied): the computers return nothing; H and IT
-- are supplied (§5.4).
-- =========================================================================

INSERT INTO perf_eval.score_node (code, parent, block, level, node_order, combine, sign, weight_key, max_key, title_en, symbol) VALUES
('orgdev.hr.potential',           'orgdev.hr', 'orgdev', 'criterion', 1, 'computed',  1, NULL, 'hr.pts_k',
 'Personnel potential of the state body', 'K'),
('orgdev.hr.labour',              'orgdev.hr', 'orgdev', 'criterion', 2, 'computed',  1, NULL, 'hr.pts_o',
 'Labour organisation', 'O'),
('orgdev.hr.meritocracy',         'orgdev.hr', 'orgdev', 'criterion', 3, 'computed',  1, NULL, 'hr.pts_m',
 'Meritocracy and organisational culture', 'M'),
('orgdev.hr.penalties',           'orgdev.hr', 'orgdev', 'criterion', 4, 'computed', -1, NULL, 'node.max',
 'Penalty points', 'W'),
('orgdev.it.portal',              'orgdev.it', 'orgdev', 'criterion', 1, 'computed',  1, NULL, 'it.pts_portal',
 'Filling of the architecture portal', NULL),
('orgdev.it.integration',         'orgdev.it', 'orgdev', 'criterion', 2, 'computed',  1, NULL, 'it.pts_integration',
 'Integration of information systems', NULL),
('orgdev.it.relevance',           'orgdev.it', 'orgdev', 'criterion', 3, 'computed',  1, NULL, 'it.pts_relevance',
 'Relevance of data in information systems and databases', NULL),
('orgdev.it.unused',              'orgdev.it', 'orgdev', 'criterion', 4, 'computed', -1, NULL, 'it.unused_cap',
 'Unused information systems and databases (deduction)', NULL),
('orgdev.it.automation',          'orgdev.it', 'orgdev', 'criterion', 5, 'computed',  1, NULL, 'it.automation_cap',
 'Automation of functions', NULL),
('orgdev.it.it_division_bonus',   'orgdev.it', 'orgdev', 'criterion', 6, 'computed',  1, NULL, 'it.leb_division_bonus',
 'IT division of an akimat (bonus, LEB)', NULL),
('orgdev.it.local_content',       'orgdev.it', 'orgdev', 'criterion', 7, 'computed',  1, NULL, 'it.pts_local_content',
 'Local content in information systems (from 2020)', NULL);

-- ---------------------------------------------------------------------------
-- H: K, O, M and W of one body (METHODOLOGY §5.2)
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.hr_criteria(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Raw K, O, M and W of a body and year under a methodology, with
-- explanations (formula, clause, inputs, indicator points, parameters).
-- A body with penalty facts but no personnel inputs gets W and K, O, M not
-- assessable (no_data), which supplied criteria may fill (§1.2).
DECLARE
    v text := methodology;
    h perf_eval.orgdev_hr_inputs;
    -- kz2020_apa merges C and S: CS = 15*C/10 (seed 000 lines 3538-3546)
    merged boolean := perf_eval.param_exists(v, 'hr.pts_turnover_stability');
    variant text := perf_eval.param_text(v, 'hr.turnover.variant');
    denominator_key text;
    management_months bigint[];
    other_months bigint[];
    staff jsonb;
    t numeric;
    c numeric;
    s numeric;
    exit_interview numeric;
    gender numeric;
    quality numeric;
    normalisation numeric;
    satisfaction numeric;
    management numeric;
    training numeric;
    strategy numeric;
    ekyzmet numeric;
    tender numeric;
    meritocracy numeric;
    career numeric;
    incentives numeric;
    ethics numeric;
    survey text;
    each_m numeric;
    training_shortfall bigint;
    fact record;
    penalty_points numeric := 0;
    penalty_lines jsonb := '[]';
    penalty_keys text[] := '{}';
BEGIN
    SELECT * INTO h FROM perf_eval.orgdev_hr_inputs AS i
    WHERE i.body = hr_criteria.body AND i.year = hr_criteria.year;

    IF NOT FOUND THEN
        RETURN QUERY
        SELECT hr_criteria.body, n.code, NULL::numeric, 'no_data',
               jsonb_build_object('formula', jsonb_build_object('id', n.symbol, 'text', 'no personnel inputs'),
                                  'clause', 'docs/methodology.md §5.2',
                                  'inputs', jsonb_build_object('orgdev_hr_inputs', 'missing'))
        FROM perf_eval.score_node AS n
        WHERE n.code IN ('orgdev.hr.potential', 'orgdev.hr.labour', 'orgdev.hr.meritocracy')
        ORDER BY n.node_order;
    ELSE
        -- K, C: t from the averages, else from the 12 month-end counts (one division either way).
        IF h.average_management IS NOT NULL THEN
            t := perf_eval.net_turnover_ratio(h.left_management, h.left_other, h.average_management, h.average_other);
            staff := jsonb_build_object('b1', h.average_management, 'b2', h.average_other, 'headcounts', 'averages');
        ELSE
            SELECT array_agg(m.management ORDER BY m.month), array_agg(m.other ORDER BY m.month)
            INTO management_months, other_months
            FROM perf_eval.orgdev_headcount_month AS m
            WHERE m.body = hr_criteria.body AND m.year = hr_criteria.year;
            t := perf_eval.net_turnover_ratio_from_months(h.left_management, h.left_other,
                     coalesce(management_months, '{}'), coalesce(other_months, '{}'));
            staff := jsonb_build_object(
                'b1', trim_scale(round((SELECT sum(x) FROM unnest(management_months) AS x) / 12.0, 6)),
                'b2', trim_scale(round((SELECT sum(x) FROM unnest(other_months) AS x) / 12.0, 6)),
                'headcounts', '12 month-end counts / 12 (b1, b2 shown to 6 decimals)',
                'management_month_ends', to_jsonb(management_months), 'other_month_ends', to_jsonb(other_months));
        END IF;
        denominator_key := CASE WHEN variant = 'continuous' THEN 'hr.turnover.denominator_continuous'
                                ELSE 'hr.turnover.denominator' END;
        c := perf_eval.net_turnover_score(t, variant,
                 perf_eval.param_numeric(v, CASE WHEN merged THEN 'hr.pts_turnover_stability' ELSE 'hr.turnover.pts' END),
                 perf_eval.param_numeric(v, 'hr.turnover.lower'), perf_eval.param_numeric(v, 'hr.turnover.upper'),
                 perf_eval.param_numeric(v, denominator_key));
        IF NOT merged THEN
            s := perf_eval.percentage_points(h.long_tenure_percent, perf_eval.param_numeric(v, 'hr.pts_stability'),
                                             perf_eval.param_text(v, 'hr.stability_scale'));
        END IF;
        exit_interview := perf_eval.percentage_points(h.exit_interview_percent,
                              perf_eval.param_numeric(v, 'hr.pts_exit_interview'), perf_eval.param_text(v, 'hr.exit_interview_scale'));
        gender := perf_eval.percentage_points(h.women_leadership_percent,
                      perf_eval.param_numeric(v, 'hr.pts_gender'), perf_eval.param_text(v, 'hr.gender_scale'));
        quality := perf_eval.percentage_points(h.qualified_percent,
                       perf_eval.param_numeric(v, 'hr.pts_quality'), perf_eval.param_text(v, 'hr.quality_scale'));

        RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.potential', c + coalesce(s, 0) + exit_interview + gender + quality, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'K', 'text',
                    CASE WHEN merged THEN 'K = CS + V + G + P' ELSE 'K = C + S + V + G + P' END),
                'clause', CASE WHEN merged THEN 'APA 2020 report, chapter 3 recommendations' ELSE 'APA 2020 report §3.1' END,
                'inputs', jsonb_build_object('a1', h.left_management, 'a2', h.left_other, 't', t, 'variant', variant,
                              'long_tenure_percent', h.long_tenure_percent,
                              'exit_interview_percent', h.exit_interview_percent,
                              'women_leadership_percent', h.women_leadership_percent,
                              'qualified_percent', h.qualified_percent) || staff,
                'indicators', jsonb_build_array(
                    jsonb_build_object('symbol', CASE WHEN merged THEN 'CS' ELSE 'C' END,
                        'name', CASE WHEN merged THEN 'net turnover and stability (merged)' ELSE 'net staff turnover' END,
                        'points', c, 'clause', 'APA 2020 report, chapter 3 recommendations',
                        'formula', 't = (a1 + a2)/(b1 + b2); pts if t <= lower, 0 if t >= upper, else pts·(upper − t)/denominator'),
                    jsonb_build_object('symbol', 'S', 'name', 'staff stability (% over 3 years in the body)',
                        'points', s, 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 14; paragraph 8, sub-paragraph 5',
                        'formula', CASE WHEN merged THEN 'merged into CS' ELSE 'pts·scale(%)' END),
                    jsonb_build_object('symbol', 'V', 'name', 'exit interview (% of leavers)', 'points', exit_interview,
                        'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 32'),
                    jsonb_build_object('symbol', 'G', 'name', 'gender composition (% women in leadership)', 'points', gender,
                        'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 8'),
                    jsonb_build_object('symbol', 'P', 'name', 'qualitative composition (% with a degree or foreign education)',
                        'points', quality, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 17; paragraph 8, sub-paragraph 7')),
                'parameters', perf_eval.param_explanation(v, ARRAY['hr.pts_k', 'hr.turnover.variant', 'hr.turnover.pts',
                    'hr.pts_turnover_stability', 'hr.turnover.lower', 'hr.turnover.upper', denominator_key,
                    'hr.pts_stability', 'hr.stability_scale', 'hr.pts_exit_interview', 'hr.exit_interview_scale',
                    'hr.pts_gender', 'hr.gender_scale', 'hr.pts_quality', 'hr.quality_scale'])))::perf_eval.node_value;

        -- O: N + T + Y + U + strategy bonus + E-kyzmet bonus; the clamp caps it at hr.pts_o.
        survey := perf_eval.param_text(v, 'hr.survey_scale');
        normalisation := perf_eval.percentage_points(h.overtime_free_percent,
                             perf_eval.param_numeric(v, 'hr.pts_normalisation'), perf_eval.param_text(v, 'hr.normalisation_scale'));
        satisfaction := perf_eval.percentage_points(h.working_conditions_survey_percent,
                            perf_eval.param_numeric(v, 'hr.pts_satisfaction'), survey);
        management := perf_eval.percentage_points(h.management_survey_percent,
                          perf_eval.param_numeric(v, 'hr.pts_management'), survey);
        training := perf_eval.training_score(h.advanced_training_done, h.advanced_training_due,
                        h.retraining_done, h.retraining_due, perf_eval.param_numeric(v, 'hr.training.k'),
                        perf_eval.param_numeric(v, 'hr.training.w_advanced'),
                        perf_eval.param_numeric(v, 'hr.training.w_retraining'),
                        perf_eval.param_numeric(v, 'hr.training.empty_ratio'));
        strategy := CASE WHEN h.hr_strategy_approved THEN perf_eval.param_numeric(v, 'hr.bonus_strategy') ELSE 0 END;
        ekyzmet := perf_eval.ekyzmet_bonus(h.ekyzmet_documents_per_servant, perf_eval.param_numeric(v, 'hr.ekyzmet_target'),
                                           perf_eval.param_numeric(v, 'hr.bonus_ekyzmet'));
        RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.labour',
            normalisation + satisfaction + management + training + strategy + ekyzmet, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'O', 'text', 'O = N + T + Y + U + S + E (capped at the maximum by the clamp)'),
                'clause', 'APA 2020 report §3.1',
                'inputs', jsonb_build_object('overtime_free_percent', h.overtime_free_percent,
                              'working_conditions_survey_percent', h.working_conditions_survey_percent,
                              'management_survey_percent', h.management_survey_percent,
                              'a', h.advanced_training_done, 'b', h.advanced_training_due,
                              'c', h.retraining_done, 'd', h.retraining_due,
                              'hr_strategy_approved', h.hr_strategy_approved,
                              'ekyzmet_documents_per_servant', h.ekyzmet_documents_per_servant),
                'indicators', jsonb_build_array(
                    jsonb_build_object('symbol', 'N', 'name', 'labour normalisation (% without overtime)',
                        'points', normalisation, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 12'),
                    jsonb_build_object('symbol', 'T', 'name', 'satisfaction with working conditions (survey %)',
                        'points', satisfaction, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 11'),
                    jsonb_build_object('symbol', 'Y', 'name', 'management practices (survey %)',
                        'points', management, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 20'),
                    jsonb_build_object('symbol', 'U', 'name', 'training of civil servants', 'points', training,
                        'formula', 'k·(w_a·a/b + w_r·c/d); a/b := 1 if b = 0, c/d := 1 if d = 0',
                        'clause', 'APA 2020 report, chapter 3 recommendations'),
                    jsonb_build_object('symbol', 'S', 'name', 'strategic workforce planning (bonus)', 'points', strategy,
                        'formula', 'bonus if an approved HR strategy exists', 'clause', 'APA 2020 report §3.1; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 29'),
                    jsonb_build_object('symbol', 'E', 'name', 'use of E-kyzmet (bonus)', 'points', ekyzmet,
                        'formula', 'bonus·min(1, documents per servant / target)', 'clause', 'APA 2020 report §3.1; §3.4')),
                'parameters', perf_eval.param_explanation(v, ARRAY['hr.pts_o', 'hr.pts_normalisation', 'hr.normalisation_scale',
                    'hr.pts_satisfaction', 'hr.pts_management', 'hr.survey_scale', 'hr.training.k',
                    'hr.training.w_advanced', 'hr.training.w_retraining', 'hr.training.empty_ratio',
                    'hr.bonus_strategy', 'hr.bonus_ekyzmet', 'hr.ekyzmet_target'])))::perf_eval.node_value;

        -- M: A + B + C + D + E.
        each_m := perf_eval.param_numeric(v, 'hr.pts_m_each');
        tender := perf_eval.percentage_points(h.observed_competitions_percent, each_m, perf_eval.param_text(v, 'hr.tender_scale'));
        meritocracy := perf_eval.percentage_points(h.meritocracy_survey_percent, each_m, survey);
        career := perf_eval.percentage_points(h.internal_promotion_percent, each_m, perf_eval.param_text(v, 'hr.career_scale'));
        incentives := perf_eval.percentage_points(h.incentives_survey_percent, each_m, survey);
        ethics := perf_eval.percentage_points(h.ethics_survey_percent, each_m, survey);
        RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.meritocracy', tender + meritocracy + career + incentives + ethics, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'M', 'text', 'M = A + B + C + D + E'),
                'clause', 'APA 2020 report §3.1',
                'inputs', jsonb_build_object('observed_competitions_percent', h.observed_competitions_percent,
                              'meritocracy_survey_percent', h.meritocracy_survey_percent,
                              'internal_promotion_percent', h.internal_promotion_percent,
                              'incentives_survey_percent', h.incentives_survey_percent,
                              'ethics_survey_percent', h.ethics_survey_percent),
                'indicators', jsonb_build_array(
                    jsonb_build_object('symbol', 'A', 'name', 'transparency of competitions (% with observers)',
                        'points', tender, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 15'),
                    jsonb_build_object('symbol', 'B', 'name', 'compliance with meritocracy (survey %)',
                        'points', meritocracy, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 25'),
                    jsonb_build_object('symbol', 'C', 'name', 'career growth (% of vacancies filled by promotion)',
                        'points', career, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 16'),
                    jsonb_build_object('symbol', 'D', 'name', 'transparency of incentives (survey %)',
                        'points', incentives, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 19'),
                    jsonb_build_object('symbol', 'E', 'name', 'ethics and relations in the team (survey %)',
                        'points', ethics, 'formula', 'pts·scale(%)', 'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 6')),
                'parameters', perf_eval.param_explanation(v, ARRAY['hr.pts_m', 'hr.pts_m_each', 'hr.tender_scale',
                    'hr.career_scale', 'hr.survey_scale'])))::perf_eval.node_value;

        -- Servants due but not trained on time, shown beside W as a cross-check of the violation facts.
        training_shortfall := (h.advanced_training_due - h.advanced_training_done)
                              + (h.retraining_due - h.retraining_done);
    END IF;

    -- W: penalty facts of the block, training violations (seed 000 line 3620) and reporting
    -- penalties (seed 002 lines 71, 113, 115) alike, as positive points (the node's sign is -1).
    -- Each fact is recorded by the assessor; U is not reduced by them.
    FOR fact IN SELECT e.kind, sum(e.count) AS facts FROM perf_eval.penalty_event AS e
                WHERE e.body = hr_criteria.body AND e.year = hr_criteria.year AND e.block = 'orgdev'
                GROUP BY e.kind ORDER BY e.kind LOOP
        IF NOT perf_eval.param_exists(v, 'hr.penalty.' || fact.kind) THEN
            RAISE EXCEPTION 'unknown orgdev penalty kind "%"', fact.kind
                USING ERRCODE = '22023',
                      DETAIL = format('Methodology %s has no parameter hr.penalty.%s; known kinds: %s.', v, fact.kind,
                                      (SELECT string_agg(substr(p.key, 12), ', ' ORDER BY p.key)
                                       FROM perf_eval.methodology_param AS p
                                       WHERE p.methodology = v AND p.key LIKE 'hr.penalty.%')),
                      HINT = 'docs/methodology.md §5.2 W; APA 2020 report, chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31.';
        END IF;
        penalty_points := penalty_points + fact.facts * perf_eval.param_numeric(v, 'hr.penalty.' || fact.kind);
        penalty_lines := penalty_lines || jsonb_build_object('kind', fact.kind, 'facts', fact.facts,
                             'points_each', perf_eval.param_numeric(v, 'hr.penalty.' || fact.kind));
        penalty_keys := penalty_keys || ('hr.penalty.' || fact.kind);
    END LOOP;
    RETURN NEXT ROW(hr_criteria.body, 'orgdev.hr.penalties', penalty_points, NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'W', 'text', 'W = Σ penalty facts·points of their kind (deducted from H)'),
            'clause', 'APA 2020 report §3.1; chapter 3 recommendations; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31',
            'inputs', jsonb_build_object('penalty_facts', penalty_lines,
                          'training_due_not_done_on_time', training_shortfall),
            'parameters', perf_eval.param_explanation(v, penalty_keys)))::perf_eval.node_value;
END
$$;
COMMENT ON FUNCTION perf_eval.hr_criteria(text, integer, text) IS
'Raw K (C + S + V + G + P; apa: CS + V + G + P), O (N + T + Y + U + bonuses), M (A + B + C + D + E) and W (penalty facts of block orgdev: training violations, reporting penalties) of a body and year from perf_eval.orgdev_hr_inputs under a methodology, with explanations (docs/methodology.md §5.2)';

-- ---------------------------------------------------------------------------
-- IT: the criteria of one body (METHODOLOGY §5.3)
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.it_criteria(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    i perf_eval.orgdev_it_inputs;
    body_kind text;
    systems bigint;
    registered bigint;
    unused bigint;
    levels numeric[];
    exclude boolean := perf_eval.param_boolean(v, 'it.automation_exclude_non_automatable');
    inputs jsonb;
    raw numeric;
BEGIN
    SELECT * INTO i FROM perf_eval.orgdev_it_inputs AS x
    WHERE x.body = it_criteria.body AND x.year = it_criteria.year;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    SELECT b.kind INTO body_kind FROM perf_eval.body AS b WHERE b.code = it_criteria.body;
    SELECT count(*), count(*) FILTER (WHERE s.registered_on_portal), count(*) FILTER (WHERE s.unused),
           coalesce(array_agg(s.relevance_level ORDER BY s.system_code), '{}')
    INTO systems, registered, unused, levels
    FROM perf_eval.orgdev_information_system AS s
    WHERE s.body = it_criteria.body AND s.year = it_criteria.year;

    inputs := jsonb_build_object('systems', systems, 'registered_on_portal', registered, 'unused', unused,
                                 'relevance_levels', to_jsonb(levels),
                                 'integrations_planned', i.integrations_planned,
                                 'integrations_implemented', i.integrations_implemented,
                                 'n', i.functions_subject, 'non_automatable', i.functions_non_automatable,
                                 'e1', i.functions_own_systems, 'e2', i.functions_service_model,
                                 'e3', i.functions_other_bodies_systems, 'e4', i.functions_third_party,
                                 'has_it_unit', i.has_it_unit, 'local_content_percent', i.local_content_percent);

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.portal',
        perf_eval.it_portal_score(registered, systems, perf_eval.param_numeric(v, 'it.pts_portal'),
                                  perf_eval.param_numeric(v, 'it.portal_no_is')), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'portal', 'text',
                'pts·registered with documentation/systems on the balance; no systems: it.portal_no_is'),
            'clause', 'APA 2020 report §3.2; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 4, 5', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_portal', 'it.portal_no_is'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.integration',
        perf_eval.it_integration_score(i.integrations_implemented, i.integrations_planned,
                                       perf_eval.param_numeric(v, 'it.pts_integration'),
                                       perf_eval.param_numeric(v, 'it.integration_none_planned')), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'integration', 'text',
                'pts·implemented/planned integrations; none planned: it.integration_none_planned'),
            'clause', 'APA 2020 report §3.2; §3.4', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_integration', 'it.integration_none_planned'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.relevance',
        perf_eval.it_relevance_score(levels, perf_eval.param_numeric(v, 'it.pts_relevance'),
                                     perf_eval.param_numeric(v, 'it.relevance_no_is')), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'relevance', 'text', 'C = k·mean(l_i); no systems: it.relevance_no_is'),
            'clause', 'APA 2020 report §3.5', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_relevance', 'it.relevance_no_is'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.unused',
        perf_eval.it_unused_deduction(unused, perf_eval.param_numeric(v, 'it.unused_per_item'),
                                      perf_eval.param_numeric(v, 'it.unused_cap')), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'unused', 'text', 'min(cap, per item·unused systems), deducted from IT'),
            'clause', 'APA 2020 report §3.2', 'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.unused_per_item', 'it.unused_cap'])))::perf_eval.node_value;

    RETURN NEXT ROW(it_criteria.body, 'orgdev.it.automation',
        perf_eval.it_automation_score(i.functions_own_systems, i.functions_service_model,
                                      i.functions_other_bodies_systems, i.functions_third_party,
                                      i.functions_subject, i.functions_non_automatable,
                                      perf_eval.param_numeric(v, 'it.pts_automation'),
                                      perf_eval.param_numeric(v, 'it.automation_cap'), exclude), NULL,
        jsonb_build_object(
            'formula', jsonb_build_object('id', 'automation', 'text',
                CASE WHEN exclude THEN 'E = min(cap, k·(E1 + E2 + E3 + E4)/(n − non-automatable))'
                     ELSE 'E = min(cap, k·(E1 + E2 + E3 + E4)/n)' END),
            'clause', CASE WHEN exclude THEN 'APA 2020 report §3.5' ELSE 'APA 2020 report §3.5' END,
            'inputs', inputs,
            'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_automation', 'it.automation_cap',
                'it.automation_exclude_non_automatable'])))::perf_eval.node_value;

    IF body_kind = 'LEB' THEN
        raw := CASE WHEN i.has_it_unit THEN perf_eval.param_numeric(v, 'it.leb_division_bonus') ELSE 0 END;
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.it_division_bonus', raw, NULL,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'it_division_bonus', 'text', 'bonus if the akimat has an IT division'),
                'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 3', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['it.leb_division_bonus'])))::perf_eval.node_value;
    END IF;

    IF it_criteria.year >= perf_eval.param_numeric(v, 'it.local_content_from_year') THEN
        raw := perf_eval.percentage_points(i.local_content_percent, perf_eval.param_numeric(v, 'it.pts_local_content'),
                                           perf_eval.param_text(v, 'it.local_content_scale'));
        RETURN NEXT ROW(it_criteria.body, 'orgdev.it.local_content', raw,
            CASE WHEN raw IS NULL THEN 'no_data' END,
            jsonb_build_object(
                'formula', jsonb_build_object('id', 'local_content', 'text', 'pts·scale(local content %)'),
                'clause', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2; paragraph 3, sub-paragraph 13', 'inputs', inputs,
                'parameters', perf_eval.param_explanation(v, ARRAY['it.pts_local_content', 'it.local_content_scale',
                    'it.local_content_from_year'])))::perf_eval.node_value;
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.it_criteria(text, integer, text) IS
'Raw IT criteria of a body and year from perf_eval.orgdev_it_inputs and its information systems under a methodology: portal, integration, relevance, unused (deduction), automation, the LEB IT-division bonus and local content (from 2020), with explanations (docs/methodology.md §5.3)';

-- ---------------------------------------------------------------------------
-- Node computers: every non-exempt body with inputs in the year; a kernel's
-- error is re-raised naming the body, the year and the direction (§0.7).
-- ---------------------------------------------------------------------------

CREATE FUNCTION perf_eval.compute_orgdev_hr_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    assessed record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    -- kz2017: H is supplied, the seeds do not give the 2017 indicator formulas (METHODOLOGY §5.4).
    IF perf_eval.param_text(methodology, 'orgdev.mode') = 'supplied' THEN
        RETURN;
    END IF;
    FOR assessed IN
        SELECT x.body
        FROM (SELECT i.body FROM perf_eval.orgdev_hr_inputs AS i WHERE i.year = compute_orgdev_hr_nodes.year
              UNION
              SELECT e.body FROM perf_eval.penalty_event AS e
              WHERE e.year = compute_orgdev_hr_nodes.year AND e.block = 'orgdev') AS x
        WHERE perf_eval.scope_status(x.body, 'orgdev', compute_orgdev_hr_nodes.year) <> 'exempt'
        ORDER BY x.body
    LOOP
        BEGIN
            RETURN QUERY SELECT * FROM perf_eval.hr_criteria(assessed.body, compute_orgdev_hr_nodes.year, methodology);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, personnel management direction.',
                                               assessed.body, compute_orgdev_hr_nodes.year),
                                   nullif(err_detail, '')),
                HINT = nullif(err_hint, '');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_orgdev_hr_nodes(integer, text) IS
'Node computer of the personnel-management direction: raw K, O, M, W of every non-exempt body with personnel inputs or orgdev penalty facts in the year; nothing under orgdev.mode = supplied (kz2017) (docs/methodology.md §5.2, §5.4)';

CREATE FUNCTION perf_eval.compute_orgdev_it_nodes(year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    assessed record;
    err_state text;
    err_message text;
    err_detail text;
    err_hint text;
BEGIN
    -- kz2017: IT is supplied (METHODOLOGY §5.4).
    IF perf_eval.param_text(methodology, 'orgdev.mode') = 'supplied' THEN
        RETURN;
    END IF;
    FOR assessed IN
        SELECT i.body FROM perf_eval.orgdev_it_inputs AS i
        WHERE i.year = compute_orgdev_it_nodes.year
          AND perf_eval.scope_status(i.body, 'orgdev', compute_orgdev_it_nodes.year) <> 'exempt'
        ORDER BY i.body
    LOOP
        BEGIN
            RETURN QUERY SELECT * FROM perf_eval.it_criteria(assessed.body, compute_orgdev_it_nodes.year, methodology);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_state = RETURNED_SQLSTATE, err_message = MESSAGE_TEXT,
                                    err_detail = PG_EXCEPTION_DETAIL, err_hint = PG_EXCEPTION_HINT;
            RAISE EXCEPTION USING ERRCODE = err_state, MESSAGE = err_message,
                DETAIL = concat_ws(' ', format('Body %s, year %s, information technology direction.',
                                               assessed.body, compute_orgdev_it_nodes.year),
                                   nullif(err_detail, '')),
                HINT = nullif(err_hint, '');
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION perf_eval.compute_orgdev_it_nodes(integer, text) IS
'Node computer of the information-technology direction: raw IT criteria of every non-exempt body with IT inputs in the year; nothing under orgdev.mode = supplied (kz2017) (docs/methodology.md §5.3, §5.4)';

INSERT INTO perf_eval.node_computer VALUES
('orgdev_hr', 'perf_eval.compute_orgdev_hr_nodes', 'K, O, M, W of the personnel-management direction (docs/methodology.md §5.2)'),
('orgdev_it', 'perf_eval.compute_orgdev_it_nodes', 'Criteria of the information-technology direction (docs/methodology.md §5.3)');
-- =========================================================================
-- Section: civil servants of corps "B": the data model of the assessment,
-- its workflow and commission, and the computation (METHODOLOGY §6)
--
-- An HR department keeps each employee's individual work plan (IWP) of KPIs;
-- the direct supervisor fills the assessment sheet; competencies come from
-- the 360-degree survey; the sheet goes through the superior manager to the
-- commission, whose result may be appealed. The database computes Kef under
-- the period's draft_kef version and the grade under its m2018 version.
--
-- Workflow moves are functions (perf_eval.cs_move and the cs_* functions
-- below) that refuse an illegal move with 22023; a trigger enforces the same
-- state machine, the actor of each move and the data constraints on direct
-- writes. Everything runs with the caller's rights: row-level security
-- (67_civil_servant_security.sql) decides what a login sees and changes.
-- Dates of moves are passed in (default: today) so deadlines count working
-- days from a calendar table.
-- =========================================================================

-- Roles of the assessment (cluster-wide; created only if missing, NOLOGIN:
-- grant them to login roles and map the logins in perf_eval.cs_login).
--   perf_eval_cs_employee    sees their own plans, sheets and results; acknowledges, appeals
--   perf_eval_cs_manager     sees and fills their subordinates' plans and sheets (direct and superior)
--   perf_eval_cs_hr          the HR department: everything of their body's assessment
--   perf_eval_cs_commission  members and secretary: the sheets before their commission
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['perf_eval_cs_employee', 'perf_eval_cs_manager', 'perf_eval_cs_hr',
                                     'perf_eval_cs_commission'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles AS r WHERE r.rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;
END
$$;

-- -------------------------------------------------------------------------
-- Reference data: position tiers, competencies, behavioural indicators
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_position_tier (
    tier       text PRIMARY KEY CHECK (tier ~ '^[a-z][a-z_]*$'),
    tier_order integer NOT NULL UNIQUE,
    title_en   text NOT NULL,
    title_ru   text NOT NULL,
    shipped    boolean NOT NULL DEFAULT false
);
COMMENT ON COLUMN perf_eval.cs_position_tier.tier IS 'Code of the position tier (organisational or managerial level of corps "B" positions)';
COMMENT ON COLUMN perf_eval.cs_position_tier.tier_order IS 'Sort key of the tier (1 first)';
COMMENT ON COLUMN perf_eval.cs_position_tier.title_en IS 'Title of the tier in English';
COMMENT ON COLUMN perf_eval.cs_position_tier.title_ru IS 'Title of the tier in Russian';
COMMENT ON COLUMN perf_eval.cs_position_tier.shipped IS 'True for tiers installed with the extension; false for tiers a user added';
COMMENT ON TABLE perf_eval.cs_position_tier IS
'Organisational and managerial levels of corps "B" positions; competencies have behavioural indicators per tier (APA 2020 report, chapter 4 conclusions, Table 4.3)';
INSERT INTO perf_eval.cs_position_tier VALUES
('senior_management', 1, 'Senior management',  'Руководители высшего звена', true),
('middle_management', 2, 'Middle management',  'Руководители среднего звена', true),
('executive',         3, 'Executive staff',    'Исполнители', true);

CREATE TABLE perf_eval.cs_competency (
    competency       text PRIMARY KEY CHECK (competency ~ '^[a-z][a-z_]*$'),
    competency_block text NOT NULL,
    title_en         text NOT NULL,
    shipped          boolean NOT NULL DEFAULT false
);
COMMENT ON COLUMN perf_eval.cs_competency.competency IS 'Code of the competency, e.g. integrity, initiative';
COMMENT ON COLUMN perf_eval.cs_competency.competency_block IS 'Block of the competency framework: efficiency | serving_the_people | transparency_and_accountability | personal_qualities';
COMMENT ON COLUMN perf_eval.cs_competency.title_en IS 'Title of the competency in English';
COMMENT ON COLUMN perf_eval.cs_competency.shipped IS 'True for competencies installed with the extension; false for competencies a user added';
COMMENT ON TABLE perf_eval.cs_competency IS
'Competencies of the Unified Competence Framework (11 in 4 blocks, APA 2020 report §4.1)';
INSERT INTO perf_eval.cs_competency VALUES
('activity_management',   'efficiency',                       'Activity management', true),
('cooperation',           'efficiency',                       'Cooperation', true),
('decision_making',       'efficiency',                       'Making decisions', true),
('efficiency',            'efficiency',                       'Efficiency', true),
('self_development',      'efficiency',                       'Self-development', true),
('consumer_orientation',  'serving_the_people',               'Orientation to the consumer of services', true),
('consumer_information',  'serving_the_people',               'Informing consumers of services', true),
('integrity',             'transparency_and_accountability',  'Integrity', true),
('responsibility',        'personal_qualities',               'Responsibility', true),
('initiative',            'personal_qualities',               'Initiative', true),
('stress_tolerance',      'personal_qualities',               'Stress tolerance', true);

CREATE TABLE perf_eval.cs_behavioural_indicator (
    competency   text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    tier         text NOT NULL REFERENCES perf_eval.cs_position_tier (tier) ON UPDATE CASCADE,
    indicator_no integer NOT NULL CHECK (indicator_no > 0),
    description  text NOT NULL,
    PRIMARY KEY (competency, tier, indicator_no)
);
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.competency IS 'Code of the competency (perf_eval.cs_competency.competency)';
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.tier IS 'Code of the position tier (perf_eval.cs_position_tier.tier)';
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.indicator_no IS 'Number of the behavioural indicator within the competency and tier (1, 2, ...)';
COMMENT ON COLUMN perf_eval.cs_behavioural_indicator.description IS 'What the behavioural indicator describes';
COMMENT ON TABLE perf_eval.cs_behavioural_indicator IS
'Behavioural indicators of a competency for a position tier; their number is n of the 3/4 rule (APA 2020 report §4.1)';

-- -------------------------------------------------------------------------
-- Working days (METHODOLOGY §6.3): Mon-Fri unless the calendar says otherwise
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_working_calendar (
    day        date PRIMARY KEY,
    is_working boolean NOT NULL,
    note       text
);
COMMENT ON COLUMN perf_eval.cs_working_calendar.day IS 'Calendar date';
COMMENT ON COLUMN perf_eval.cs_working_calendar.is_working IS 'True for a working day (a transferred working day), false for a day off (a public holiday)';
COMMENT ON COLUMN perf_eval.cs_working_calendar.note IS 'Name of the holiday or reason for the transfer';
COMMENT ON TABLE perf_eval.cs_working_calendar IS
'Exceptions to the Mon-Fri working week: public holidays (is_working = false) and transferred working days (true); deadlines count working days (docs/methodology.md §6.3)';

CREATE FUNCTION perf_eval.cs_is_working_day(day date)
RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT c.is_working FROM perf_eval.cs_working_calendar AS c WHERE c.day = $1),
                    extract(isodow FROM $1) < 6)
$$;
COMMENT ON FUNCTION perf_eval.cs_is_working_day(date) IS
'True on a working day: the calendar row if any, else Monday to Friday (docs/methodology.md §6.3)';

-- The day after the event is day 1 (METHODOLOGY §6.3, assumed): a decision on
-- Monday 18 January 2021 has its 10th working day on Monday 1 February 2021.
CREATE FUNCTION perf_eval.cs_add_working_days(event date, days integer)
RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    result date;
BEGIN
    IF days < 1 THEN
        RAISE EXCEPTION 'a deadline counts at least one working day, not %', days
            USING ERRCODE = '22003', HINT = 'Deadlines in working days, docs/methodology.md §6.3.';
    END IF;
    -- A window of 3 calendar weeks per 2 working days plus a year of holidays is ample.
    SELECT g.day INTO result
    FROM generate_series(1, days * 3 + 366) AS n(offset_days)
    CROSS JOIN LATERAL (SELECT event + n.offset_days AS day) AS g
    LEFT JOIN perf_eval.cs_working_calendar AS c ON c.day = g.day
    WHERE coalesce(c.is_working, extract(isodow FROM g.day) < 6)
    ORDER BY g.day
    OFFSET days - 1 LIMIT 1;
    IF result IS NULL THEN
        RAISE EXCEPTION 'no % working days within a year after %', days, event
            USING ERRCODE = '22023', HINT = 'The working calendar marks too many days as non-working.';
    END IF;
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_add_working_days(date, integer) IS
'The n-th working day after an event (the day after the event is day 1): the deadline "within n working days" (docs/methodology.md §6.3)';

CREATE FUNCTION perf_eval.cs_working_days_between(after_day date, through_day date)
RETURNS integer
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT count(*)::integer
    FROM generate_series(1, $2 - $1) AS n(offset_days)
    CROSS JOIN LATERAL (SELECT $1 + n.offset_days AS day) AS g
    LEFT JOIN perf_eval.cs_working_calendar AS c ON c.day = g.day
    WHERE coalesce(c.is_working, extract(isodow FROM g.day) < 6)
$$;
COMMENT ON FUNCTION perf_eval.cs_working_days_between(date, date) IS
'Working days after the first date up to and including the second (0 if none): how late an overdue step is';

-- -------------------------------------------------------------------------
-- Methodology parameters of the assessment
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_param_integer(methodology text, key text)
RETURNS integer
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    value numeric := perf_eval.param_numeric(methodology, key);
BEGIN
    IF value <> trunc(value) THEN
        RAISE EXCEPTION 'parameter % of methodology "%" must be a whole number, not %', key, methodology, value
            USING ERRCODE = '22023', HINT = 'Counts, working days and ratio terms are integers (docs/methodology.md §2.6).';
    END IF;
    RETURN value::integer;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_param_integer(text, text) IS
'A whole-number civil-servant parameter (members, working days, ratio terms); 22023 if missing or fractional';

-- The labels of the m2018 grade bands in their order ("eq 5 => excellent; ..." -> excellent 1, ...).
CREATE FUNCTION perf_eval.cs_grade_labels(methodology text)
RETURNS TABLE (grade text, grade_order integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT trim(split_part(r.rule, '=>', 2)), r.ord::integer
    FROM unnest(string_to_array(perf_eval.param_text($1, 'cs.m2018.grade_bands'), ';')) WITH ORDINALITY AS r(rule, ord)
$$;
COMMENT ON FUNCTION perf_eval.cs_grade_labels(text) IS
'The grades of cs.m2018.grade_bands in the order of its rules (best first)';

-- -------------------------------------------------------------------------
-- Organisation: positions, employees, logins
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_position (
    position_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    unit        text NOT NULL,
    title       text NOT NULL,
    tier        text NOT NULL REFERENCES perf_eval.cs_position_tier (tier) ON UPDATE CASCADE,
    UNIQUE (body, unit, title)
);
COMMENT ON COLUMN perf_eval.cs_position.position_id IS 'Identifier of the position';
COMMENT ON COLUMN perf_eval.cs_position.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_position.unit IS 'Structural unit of the position';
COMMENT ON COLUMN perf_eval.cs_position.title IS 'Title of the position';
COMMENT ON COLUMN perf_eval.cs_position.tier IS 'Position tier (perf_eval.cs_position_tier.tier); selects the behavioural indicators';
COMMENT ON TABLE perf_eval.cs_position IS
'Corps "B" positions of a body: structural unit, title and tier (the tier selects the behavioural indicators)';

CREATE TABLE perf_eval.cs_employee (
    employee_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    personnel_no      text NOT NULL,
    full_name         text NOT NULL,
    position_id       bigint NOT NULL REFERENCES perf_eval.cs_position (position_id),
    manager_id        bigint REFERENCES perf_eval.cs_employee (employee_id),
    is_first_head     boolean NOT NULL DEFAULT false,
    in_position_since date NOT NULL,
    probation_until   date,
    UNIQUE (body, personnel_no),
    CHECK (manager_id <> employee_id)
);
COMMENT ON COLUMN perf_eval.cs_employee.employee_id IS 'Identifier of the employee';
COMMENT ON COLUMN perf_eval.cs_employee.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_employee.personnel_no IS 'Personnel number of the employee in the body';
COMMENT ON COLUMN perf_eval.cs_employee.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_employee.position_id IS 'Position the employee holds (perf_eval.cs_position.position_id)';
COMMENT ON COLUMN perf_eval.cs_employee.manager_id IS 'The employee''s direct supervisor (perf_eval.cs_employee.employee_id); NULL for the first head';
COMMENT ON COLUMN perf_eval.cs_employee.is_first_head IS 'True for the first head of the body';
COMMENT ON COLUMN perf_eval.cs_employee.in_position_since IS 'Date the employee took the position (less than 3 months before assessment: exempt)';
COMMENT ON COLUMN perf_eval.cs_employee.probation_until IS 'Last day of probation; NULL if none (on probation at assessment: exempt)';
COMMENT ON TABLE perf_eval.cs_employee IS
'Employees of a body with their position and direct supervisor (manager_id); the superior manager is the supervisor''s supervisor, or the supervisor when that is the first head (APA 2020 report, Appendix 4, paragraphs 2, 12, 23)';
CREATE INDEX cs_employee_manager ON perf_eval.cs_employee (manager_id);

CREATE FUNCTION perf_eval.cs_employee_consistent()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF (SELECT p.body FROM perf_eval.cs_position AS p WHERE p.position_id = NEW.position_id) <> NEW.body THEN
        RAISE EXCEPTION 'the position of employee % belongs to another body', NEW.personnel_no
            USING ERRCODE = '22023', DETAIL = format('body %s, position %s.', NEW.body, NEW.position_id),
                  HINT = 'An employee holds a position of their own body.';
    END IF;
    IF NEW.manager_id IS NOT NULL THEN
        IF (SELECT e.body FROM perf_eval.cs_employee AS e WHERE e.employee_id = NEW.manager_id) <> NEW.body THEN
            RAISE EXCEPTION 'the direct supervisor of employee % works in another body', NEW.personnel_no
                USING ERRCODE = '22023', DETAIL = format('body %s, supervisor %s.', NEW.body, NEW.manager_id),
                      HINT = 'The direct supervisor is in the same body (APA 2020 report, Appendix 4, paragraph 2).';
        END IF;
        IF EXISTS (WITH RECURSIVE chain AS (
                       SELECT e.employee_id, e.manager_id, 1 AS depth FROM perf_eval.cs_employee AS e
                       WHERE e.employee_id = NEW.manager_id
                       UNION ALL
                       SELECT e.employee_id, e.manager_id, c.depth + 1 FROM perf_eval.cs_employee AS e
                       JOIN chain AS c ON e.employee_id = c.manager_id WHERE c.depth < 1000)
                   SELECT 1 FROM chain AS c WHERE c.employee_id = NEW.employee_id) THEN
            RAISE EXCEPTION 'employee % cannot be their own superior', NEW.personnel_no
                USING ERRCODE = '22023', DETAIL = format('body %s, supervisor %s.', NEW.body, NEW.manager_id),
                      HINT = 'The chain of supervisors must not loop.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_employee_consistent BEFORE INSERT OR UPDATE ON perf_eval.cs_employee
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_employee_consistent();

CREATE TABLE perf_eval.cs_login (
    login       name PRIMARY KEY,
    employee_id bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_employee (employee_id) ON DELETE CASCADE
);
COMMENT ON COLUMN perf_eval.cs_login.login IS 'Login role of the employee';
COMMENT ON COLUMN perf_eval.cs_login.employee_id IS 'The employee the role is (perf_eval.cs_employee.employee_id)';
COMMENT ON TABLE perf_eval.cs_login IS
'Which employee a login role is; row-level security and the actor of each workflow move use it (only editors change it)';

-- Who the current login is. These helpers run with the caller's rights, so
-- they read only tables every assessment role may read without row-level
-- security (cs_login, cs_employee, cs_commission_member): a policy that read
-- a table protected by the same policy would recurse.
CREATE FUNCTION perf_eval.cs_current_employee()
RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT l.employee_id FROM perf_eval.cs_login AS l WHERE l.login = current_user $$;
COMMENT ON FUNCTION perf_eval.cs_current_employee() IS 'The employee the current login is (perf_eval.cs_login), or NULL';

CREATE FUNCTION perf_eval.cs_current_body()
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT e.body FROM perf_eval.cs_login AS l JOIN perf_eval.cs_employee AS e USING (employee_id)
    WHERE l.login = current_user
$$;
COMMENT ON FUNCTION perf_eval.cs_current_body() IS 'The body of the current login''s employee, or NULL';

CREATE FUNCTION perf_eval.cs_is_staff()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_editor', 'MEMBER') $$;
COMMENT ON FUNCTION perf_eval.cs_is_staff() IS
'True for perf_eval_editor and perf_eval_admin members (and superusers): they enter data and may make any workflow move on anyone''s behalf';

-- pg_dump's script and pg_restore load data with row_security = off, which only
-- superusers and BYPASSRLS roles can use on these tables (anyone else gets an
-- error). Such a bulk load brings documents in whatever state they had, so
-- the workflow and editing guards let it through instead of replaying the
-- moves; every other write is checked.
CREATE FUNCTION perf_eval.cs_bulk_loading()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT pg_catalog.current_setting('row_security') = 'off' $$;
COMMENT ON FUNCTION perf_eval.cs_bulk_loading() IS
'True while a superuser or BYPASSRLS role loads data with row_security = off (pg_dump, pg_restore): the workflow guards accept documents in any state';

CREATE FUNCTION perf_eval.cs_manages(employee bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH RECURSIVE chain AS (
        SELECT e.manager_id, 1 AS depth FROM perf_eval.cs_employee AS e WHERE e.employee_id = $1
        UNION ALL
        SELECT e.manager_id, c.depth + 1 FROM perf_eval.cs_employee AS e
        JOIN chain AS c ON e.employee_id = c.manager_id WHERE c.depth < 1000
    )
    SELECT EXISTS (SELECT 1 FROM chain AS c WHERE c.manager_id = perf_eval.cs_current_employee())
$$;
COMMENT ON FUNCTION perf_eval.cs_manages(bigint) IS
'True if the current login''s employee is above the employee in the chain of supervisors (direct, superior, ...)';

CREATE FUNCTION perf_eval.cs_is_hr_of(body text)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_cs_hr', 'MEMBER')
       AND $1 = perf_eval.cs_current_body()
$$;
COMMENT ON FUNCTION perf_eval.cs_is_hr_of(text) IS 'True if the current login works in the HR department (perf_eval_cs_hr) of the body';

-- -------------------------------------------------------------------------
-- Assessment periods
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_assessment_period (
    period_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    year              integer NOT NULL,
    starts_on         date NOT NULL,
    ends_on           date NOT NULL,
    methodology       text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    grade_methodology text NOT NULL REFERENCES perf_eval.methodology (name) ON UPDATE CASCADE,
    UNIQUE (body, year),
    CHECK (starts_on <= ends_on)
);
COMMENT ON COLUMN perf_eval.cs_assessment_period.period_id IS 'Identifier of the assessment period';
COMMENT ON COLUMN perf_eval.cs_assessment_period.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_assessment_period.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_assessment_period.starts_on IS 'First day of the period';
COMMENT ON COLUMN perf_eval.cs_assessment_period.ends_on IS 'Last day of the period';
COMMENT ON COLUMN perf_eval.cs_assessment_period.methodology IS 'Methodology version of the Kef, workflow, commission and deadlines (draft_kef regime)';
COMMENT ON TABLE perf_eval.cs_assessment_period IS
'An assessed period of a body: methodology is the draft_kef version (Kef, workflow, commission, deadlines: APA 2020 report, Appendices 3-4) and grade_methodology the m2018 version of the current grade (docs/methodology.md §6.1-§6.3)';
COMMENT ON COLUMN perf_eval.cs_assessment_period.grade_methodology IS
'No shipped version defines both regimes (kz2020: m2018; kz2020_apa: draft_kef), and the assessment reports both the Kef and the current grade';

CREATE FUNCTION perf_eval.cs_assessment_period_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF perf_eval.param_text(NEW.methodology, 'cs.regime') <> 'draft_kef' THEN
        RAISE EXCEPTION 'methodology "%" does not define the draft Kef regime', NEW.methodology
            USING ERRCODE = '22023', DETAIL = format('body %s, year %s: cs.regime is %s.', NEW.body, NEW.year,
                                                      perf_eval.param_text(NEW.methodology, 'cs.regime')),
                  HINT = 'The period''s methodology has cs.regime = draft_kef (kz2020_apa or a fork; docs/methodology.md §2.6).';
    END IF;
    IF perf_eval.param_text(NEW.grade_methodology, 'cs.regime') <> 'm2018' THEN
        RAISE EXCEPTION 'methodology "%" does not define the m2018 grade', NEW.grade_methodology
            USING ERRCODE = '22023', DETAIL = format('body %s, year %s: cs.regime is %s.', NEW.body, NEW.year,
                                                      perf_eval.param_text(NEW.grade_methodology, 'cs.regime')),
                  HINT = 'The period''s grade_methodology has cs.regime = m2018 (kz2020 or a fork; docs/methodology.md §2.6).';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_assessment_period_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_assessment_period
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_assessment_period_valid();

-- -------------------------------------------------------------------------
-- Individual work plans and their KPIs
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_workflow_state (
    entity      text NOT NULL CHECK (entity IN ('iwp', 'sheet', 'result')),
    state       text NOT NULL,
    state_order integer NOT NULL,
    is_initial  boolean NOT NULL DEFAULT false,
    title_en    text NOT NULL,
    PRIMARY KEY (entity, state)
);
COMMENT ON COLUMN perf_eval.cs_workflow_state.entity IS 'Document the state belongs to: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_workflow_state.state IS 'Code of the state, e.g. draft, submitted, approved (see table comments of cs_iwp, cs_assessment_sheet, cs_result)';
COMMENT ON COLUMN perf_eval.cs_workflow_state.state_order IS 'Sort key of the state in the document''s life cycle (1 first)';
COMMENT ON COLUMN perf_eval.cs_workflow_state.is_initial IS 'True for the state a new document starts in';
COMMENT ON COLUMN perf_eval.cs_workflow_state.title_en IS 'Title of the state in English';
COMMENT ON TABLE perf_eval.cs_workflow_state IS
'States of an individual work plan, an assessment sheet and a commission result (docs/methodology.md §6.3)';
INSERT INTO perf_eval.cs_workflow_state VALUES
('iwp',    'draft',               1, true,  'drawn up by the direct supervisor'),
('iwp',    'submitted',           2, false, 'submitted to the superior manager'),
('iwp',    'returned',            3, false, 'returned for revision'),
('iwp',    'approved',            4, false, 'approved by the superior manager'),
('iwp',    'amendment_submitted', 5, false, 'amendment submitted after the six-month monitoring'),
('iwp',    'closed',              6, false, 'closed at the end of the period'),
('sheet',  'draft',               1, true,  'being filled by the direct supervisor'),
('sheet',  'signed_by_direct',    2, false, 'signed by the direct supervisor'),
('sheet',  'under_superior_review', 3, false, 'under review by the superior manager'),
('sheet',  'returned',            4, false, 'returned for revision'),
('sheet',  'agreed',              5, false, 'agreed and signed by the superior manager'),
('sheet',  'at_commission',       6, false, 'submitted to the commission'),
('sheet',  'deferred',            7, false, 'deferred: absent during the campaign'),
('sheet',  'exempt',              8, true,  'not assessed: under 3 months in the position or on probation'),
('result', 'at_commission',       1, true,  'before the commission'),
('result', 'scheduled',           2, false, 'on the agenda of a meeting'),
('result', 'decided',             3, false, 'approved or revised by the commission'),
('result', 'approved_final',      4, false, 'approved by the authorised person'),
('result', 'informed',            5, false, 'the employee has been informed'),
('result', 'acknowledged',        6, false, 'acknowledged in writing'),
('result', 'refusal_act',         7, false, 'refusal to acknowledge recorded by an act'),
('result', 'appealed',            8, false, 'appealed to the civil-service authority'),
('result', 'appeal_decided',      9, false, 'appeal decided'),
('result', 'archived',           10, false, 'final; kept for the retention period');

CREATE TABLE perf_eval.cs_iwp (
    iwp_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id   bigint NOT NULL REFERENCES perf_eval.cs_assessment_period (period_id),
    employee_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    body        text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    state       text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'returned', 'approved',
                                                             'amendment_submitted', 'closed')),
    state_since date NOT NULL DEFAULT current_date,
    amendments  integer NOT NULL DEFAULT 0 CHECK (amendments >= 0),
    UNIQUE (period_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_iwp.iwp_id IS 'Identifier of the individual work plan';
COMMENT ON COLUMN perf_eval.cs_iwp.period_id IS 'Assessment period (perf_eval.cs_assessment_period.period_id)';
COMMENT ON COLUMN perf_eval.cs_iwp.employee_id IS 'Employee whose plan it is (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_iwp.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_iwp.state IS 'Workflow state: draft | submitted | returned | approved | amendment_submitted | closed';
COMMENT ON COLUMN perf_eval.cs_iwp.state_since IS 'Date the plan entered its current state (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_iwp.amendments IS 'Number of amendments made in the period (count; at most 1)';
COMMENT ON TABLE perf_eval.cs_iwp IS
'Individual work plan of an employee for a period: draft -> submitted -> (returned -> submitted)* -> approved -> (amendment_submitted -> approved)<=1 -> closed (APA 2020 report, Appendix 4, paragraphs 11-18, docs/methodology.md §6.3)';

CREATE TABLE perf_eval.cs_kpi (
    kpi_id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iwp_id           bigint NOT NULL REFERENCES perf_eval.cs_iwp (iwp_id) ON DELETE CASCADE,
    kpi_no           integer NOT NULL CHECK (kpi_no > 0),
    title            text NOT NULL,
    unit             text NOT NULL,
    plan             numeric NOT NULL CHECK (plan >= 0 AND plan < 'Infinity'),
    decrease_is_good boolean NOT NULL DEFAULT false,
    expected_change  text NOT NULL,
    work_type        text NOT NULL,
    work_mode        text NOT NULL,
    UNIQUE (iwp_id, kpi_no)
);
COMMENT ON COLUMN perf_eval.cs_kpi.kpi_id IS 'Identifier of the KPI';
COMMENT ON COLUMN perf_eval.cs_kpi.iwp_id IS 'Individual work plan the KPI belongs to (perf_eval.cs_iwp.iwp_id)';
COMMENT ON COLUMN perf_eval.cs_kpi.kpi_no IS 'Number of the KPI within the plan (1, 2, ...)';
COMMENT ON COLUMN perf_eval.cs_kpi.title IS 'Title of the KPI';
COMMENT ON COLUMN perf_eval.cs_kpi.unit IS 'Unit of plan and fact (e.g. count, %, days)';
COMMENT ON COLUMN perf_eval.cs_kpi.plan IS 'Planned value, in the KPI''s unit (>= 0)';
COMMENT ON COLUMN perf_eval.cs_kpi.decrease_is_good IS 'True if a lower fact is better (the plan is met when fact <= plan)';
COMMENT ON COLUMN perf_eval.cs_kpi.expected_change IS 'Expected positive change the KPI brings';
COMMENT ON COLUMN perf_eval.cs_kpi.work_type IS 'Type of work: technical (0) | organisational (1; organizational also accepted) | analytical (2)';
COMMENT ON COLUMN perf_eval.cs_kpi.work_mode IS 'Mode of work: normal (1) | urgent (2); difficulty d = 2*type + mode, 1..6';
COMMENT ON TABLE perf_eval.cs_kpi IS
'Key target indicators of a plan: the planned value, the direction and expected positive change, and the type and mode of work that set the difficulty d = 2*type + mode (APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 4, paragraph 15)';

-- -------------------------------------------------------------------------
-- Assessment sheets and their ratings
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_assessment_sheet (
    sheet_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id     bigint NOT NULL REFERENCES perf_eval.cs_assessment_period (period_id),
    employee_id   bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    body          text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    iwp_id        bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_iwp (iwp_id),
    state         text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'signed_by_direct', 'under_superior_review',
                                                               'returned', 'agreed', 'at_commission', 'deferred', 'exempt')),
    state_since   date NOT NULL DEFAULT current_date,
    exempt_reason text,
    resumed_on    date,
    commission_id bigint,
    UNIQUE (period_id, employee_id),
    CHECK ((state = 'exempt') = (exempt_reason IS NOT NULL))
);
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.sheet_id IS 'Identifier of the assessment sheet';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.period_id IS 'Assessment period (perf_eval.cs_assessment_period.period_id)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.employee_id IS 'Employee assessed (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.iwp_id IS 'Individual work plan assessed (perf_eval.cs_iwp.iwp_id)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.state IS 'Workflow state: draft | signed_by_direct | under_superior_review | returned | agreed | at_commission | deferred | exempt';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.state_since IS 'Date the sheet entered its current state (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.exempt_reason IS 'Why the employee is not assessed (less than 3 months in the position, probation); set only in state exempt';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.resumed_on IS 'Date a deferred employee returned (assessed within 5 working days)';
COMMENT ON COLUMN perf_eval.cs_assessment_sheet.commission_id IS 'Commission the sheet was submitted to (perf_eval.cs_commission.commission_id)';
COMMENT ON TABLE perf_eval.cs_assessment_sheet IS
'Assessment sheet of an employee for a period: draft -> signed_by_direct -> under_superior_review -> (returned -> under_superior_review)* -> agreed -> at_commission; exempt and deferred aside (APA 2020 report, Appendix 4, paragraphs 4, 19, 26, docs/methodology.md §6.3)';

CREATE TABLE perf_eval.cs_kpi_rating (
    sheet_id   bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    kpi_id     bigint NOT NULL REFERENCES perf_eval.cs_kpi (kpi_id) ON DELETE CASCADE,
    fact       numeric NOT NULL CHECK (fact >= 0 AND fact < 'Infinity'),
    quality    integer NOT NULL,
    timeliness integer NOT NULL,
    PRIMARY KEY (sheet_id, kpi_id)
);
COMMENT ON COLUMN perf_eval.cs_kpi_rating.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.kpi_id IS 'KPI rated (perf_eval.cs_kpi.kpi_id)';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.fact IS 'Actual value, in the KPI''s unit (>= 0); completeness c 0..2 follows from plan and fact';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.quality IS 'Quality q, 0..3';
COMMENT ON COLUMN perf_eval.cs_kpi_rating.timeliness IS 'Timeliness t, 0..1';
COMMENT ON TABLE perf_eval.cs_kpi_rating IS
'The direct supervisor''s rating of one KPI: the fact (completeness c follows from plan and fact), quality q and timeliness t (APA 2020 report, chapter 4 conclusions, Table 4.3)';

CREATE TABLE perf_eval.cs_competency_rating (
    sheet_id   bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    competency text NOT NULL REFERENCES perf_eval.cs_competency (competency) ON UPDATE CASCADE,
    manifested integer NOT NULL,
    defined    integer NOT NULL,
    PRIMARY KEY (sheet_id, competency)
);
COMMENT ON COLUMN perf_eval.cs_competency_rating.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_competency_rating.competency IS 'Competency rated (perf_eval.cs_competency.competency)';
COMMENT ON COLUMN perf_eval.cs_competency_rating.manifested IS 'Behavioural indicators manifested, k (count, <= defined)';
COMMENT ON COLUMN perf_eval.cs_competency_rating.defined IS 'Behavioural indicators defined for the competency and position tier, n (count, > 0)';
COMMENT ON TABLE perf_eval.cs_competency_rating IS
'360-degree result for one competency: k behavioural indicators manifested of the n defined for the position tier; meets when 4k >= 3n (APA 2020 report §4.1; Appendix 4, paragraph 23)';

CREATE TABLE perf_eval.cs_plan_execution (
    sheet_id        bigint PRIMARY KEY REFERENCES perf_eval.cs_assessment_sheet (sheet_id) ON DELETE CASCADE,
    planned_tasks   bigint NOT NULL CHECK (planned_tasks >= 0),
    unplanned_tasks bigint NOT NULL CHECK (unplanned_tasks >= 0),
    completed_tasks bigint NOT NULL CHECK (completed_tasks >= 0),
    CONSTRAINT completed_within_total CHECK (completed_tasks <= planned_tasks + unplanned_tasks)
);
COMMENT ON COLUMN perf_eval.cs_plan_execution.sheet_id IS 'Assessment sheet (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_plan_execution.planned_tasks IS 'Tasks in the individual plan (count)';
COMMENT ON COLUMN perf_eval.cs_plan_execution.unplanned_tasks IS 'Tasks assigned outside the plan (count)';
COMMENT ON COLUMN perf_eval.cs_plan_execution.completed_tasks IS 'Tasks completed (count, <= planned + unplanned); P = 100*completed/total in %';
COMMENT ON TABLE perf_eval.cs_plan_execution IS
'Execution of the individual plan: P = 100*completed/(planned + unplanned) drives the Kef gate (APA 2020 report, Appendix 4, paragraph 28)';

-- -------------------------------------------------------------------------
-- Commissions, meetings, votes, results, appeals
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_commission (
    commission_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    period_id     bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_assessment_period (period_id),
    body          text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    title         text NOT NULL,
    order_ref     text
);
COMMENT ON COLUMN perf_eval.cs_commission.commission_id IS 'Identifier of the commission';
COMMENT ON COLUMN perf_eval.cs_commission.period_id IS 'Assessment period the commission is formed for (perf_eval.cs_assessment_period.period_id)';
COMMENT ON COLUMN perf_eval.cs_commission.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_commission.title IS 'Title of the commission';
COMMENT ON COLUMN perf_eval.cs_commission.order_ref IS 'Reference of the order that formed the commission';
COMMENT ON TABLE perf_eval.cs_commission IS
'The assessment commission a body''s authorised person forms for a period; HR is its working body (APA 2020 report, Appendix 4, paragraph 5)';

ALTER TABLE perf_eval.cs_assessment_sheet
    ADD FOREIGN KEY (commission_id) REFERENCES perf_eval.cs_commission (commission_id);

CREATE TABLE perf_eval.cs_commission_member (
    commission_id bigint NOT NULL REFERENCES perf_eval.cs_commission (commission_id) ON DELETE CASCADE,
    employee_id   bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    role          text NOT NULL CHECK (role IN ('chair', 'member', 'secretary')),
    PRIMARY KEY (commission_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_commission_member.commission_id IS 'Commission (perf_eval.cs_commission.commission_id)';
COMMENT ON COLUMN perf_eval.cs_commission_member.employee_id IS 'Member (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_commission_member.role IS 'Role in the commission: chair | member | secretary (the secretary does not vote)';
CREATE UNIQUE INDEX cs_commission_one_chair ON perf_eval.cs_commission_member (commission_id) WHERE role = 'chair';
CREATE UNIQUE INDEX cs_commission_one_secretary ON perf_eval.cs_commission_member (commission_id) WHERE role = 'secretary';
COMMENT ON TABLE perf_eval.cs_commission_member IS
'Composition: one chair, members, one secretary; the chair and members vote (at least 5 of them, APA 2020 report, Appendix 4, paragraph 5), the secretary is staff and neither votes nor counts (Appendix 4, paragraph 36)';

CREATE FUNCTION perf_eval.cs_sits_on(commission bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.cs_commission_member AS m
                   WHERE m.commission_id = $1 AND m.employee_id = perf_eval.cs_current_employee())
$$;
COMMENT ON FUNCTION perf_eval.cs_sits_on(bigint) IS 'True if the current login''s employee is a member (or the secretary) of the commission';

CREATE TABLE perf_eval.cs_commission_meeting (
    meeting_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    commission_id bigint NOT NULL REFERENCES perf_eval.cs_commission (commission_id),
    meets_on      date NOT NULL,
    UNIQUE (commission_id, meets_on)
);
COMMENT ON COLUMN perf_eval.cs_commission_meeting.meeting_id IS 'Identifier of the meeting';
COMMENT ON COLUMN perf_eval.cs_commission_meeting.commission_id IS 'Commission that meets (perf_eval.cs_commission.commission_id)';
COMMENT ON COLUMN perf_eval.cs_commission_meeting.meets_on IS 'Date of the meeting (employees are notified at least 7 working days before)';
COMMENT ON TABLE perf_eval.cs_commission_meeting IS 'A meeting of the commission (APA 2020 report, Appendix 4, paragraphs 30-38)';

CREATE TABLE perf_eval.cs_meeting_attendance (
    meeting_id  bigint NOT NULL REFERENCES perf_eval.cs_commission_meeting (meeting_id) ON DELETE CASCADE,
    employee_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    PRIMARY KEY (meeting_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_meeting_attendance.meeting_id IS 'Meeting (perf_eval.cs_commission_meeting.meeting_id)';
COMMENT ON COLUMN perf_eval.cs_meeting_attendance.employee_id IS 'Voting member present (perf_eval.cs_employee.employee_id)';
COMMENT ON TABLE perf_eval.cs_meeting_attendance IS
'Voting members present at a meeting; quorum is 3*present >= 2*members (APA 2020 report, Appendix 4, paragraph 32); the secretary is not recorded';

CREATE TABLE perf_eval.cs_result (
    sheet_id          bigint PRIMARY KEY REFERENCES perf_eval.cs_assessment_sheet (sheet_id),
    employee_id       bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    body              text NOT NULL REFERENCES perf_eval.body (code) ON UPDATE CASCADE,
    commission_id     bigint NOT NULL REFERENCES perf_eval.cs_commission (commission_id),
    state             text NOT NULL DEFAULT 'at_commission' CHECK (state IN ('at_commission', 'scheduled', 'decided',
                          'approved_final', 'informed', 'acknowledged', 'refusal_act', 'appealed', 'appeal_decided',
                          'archived')),
    state_since       date NOT NULL DEFAULT current_date,
    -- computed when the sheet reaches the commission (frozen from then on)
    kpis              integer NOT NULL,
    kpi_part          numeric NOT NULL,
    competencies      integer NOT NULL,
    competencies_met  integer NOT NULL,
    competency_part   numeric NOT NULL,
    kef_raw           numeric NOT NULL,
    completed_tasks   bigint NOT NULL,
    total_tasks       bigint NOT NULL,
    plan_gate         numeric NOT NULL,
    computed_kef      numeric NOT NULL,
    kpis_achieved     integer NOT NULL,
    computed_grade    text,
    computation       jsonb NOT NULL,
    -- the commission
    meeting_id        bigint REFERENCES perf_eval.cs_commission_meeting (meeting_id),
    decision          text CHECK (decision IN ('approved', 'revised')),
    revised_kef       numeric CHECK (revised_kef >= 0 AND revised_kef < 'Infinity'),
    revised_grade     text,
    members_voting    integer,
    members_present   integer,
    votes_yes         integer,
    votes_no          integer,
    chair_in_favour   boolean,
    decided_on        date,
    -- after the decision
    refusal_act       text,
    refusal_witnesses bigint[],
    retain_until      date,
    CHECK ((decision = 'revised') = (revised_kef IS NOT NULL OR revised_grade IS NOT NULL)),
    CHECK ((state IN ('at_commission', 'scheduled')) = (decision IS NULL))
);
COMMENT ON COLUMN perf_eval.cs_result.sheet_id IS 'Assessment sheet the result is for (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_result.employee_id IS 'Employee assessed (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_result.body IS 'Code of the state body (perf_eval.body.code)';
COMMENT ON COLUMN perf_eval.cs_result.commission_id IS 'Commission that decides (perf_eval.cs_commission.commission_id)';
COMMENT ON COLUMN perf_eval.cs_result.state IS 'Workflow state: at_commission | scheduled | decided | approved_final | informed | acknowledged | refusal_act | appealed | appeal_decided | archived';
COMMENT ON COLUMN perf_eval.cs_result.state_since IS 'Date the result entered its current state (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_result.kpis IS 'Number of KPIs rated (count)';
COMMENT ON COLUMN perf_eval.cs_result.kpi_part IS 'KPI part: mean of kef_i over the KPIs, a fraction 0..2 (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_result.competencies IS 'Number of competencies rated (count)';
COMMENT ON COLUMN perf_eval.cs_result.competencies_met IS 'Number of competencies that meet expectations (count)';
COMMENT ON COLUMN perf_eval.cs_result.competency_part IS 'Competency part: mean of v_j over the competencies, a fraction 0..1';
COMMENT ON COLUMN perf_eval.cs_result.kef_raw IS 'Kef before the plan gate: 0.5*kpi_part + 0.5*competency_part, a fraction 0..1.5';
COMMENT ON COLUMN perf_eval.cs_result.completed_tasks IS 'Tasks completed (count)';
COMMENT ON COLUMN perf_eval.cs_result.total_tasks IS 'Planned plus unplanned tasks (count)';
COMMENT ON COLUMN perf_eval.cs_result.plan_gate IS 'Gate of plan execution P: 0 (P < 75 %), 0.5 (P < 100 %) or 1';
COMMENT ON COLUMN perf_eval.cs_result.computed_kef IS 'Kef = kef_raw * plan_gate as computed, a fraction (1 = 100 %; may exceed 1)';
COMMENT ON COLUMN perf_eval.cs_result.kpis_achieved IS 'KPIs whose fact meets the plan (count; m2018 grade)';
COMMENT ON COLUMN perf_eval.cs_result.computed_grade IS 'm2018 grade as computed: excellent | effective | satisfactory | unsatisfactory; NULL when the plan does not have exactly 5 KPIs';
COMMENT ON COLUMN perf_eval.cs_result.computation IS 'Every step of the computation (jsonb): per-KPI c, q, t, d, kef_i, per-competency k, n, parameters used';
COMMENT ON COLUMN perf_eval.cs_result.meeting_id IS 'Meeting that decided (perf_eval.cs_commission_meeting.meeting_id)';
COMMENT ON COLUMN perf_eval.cs_result.decision IS 'Commission decision: approved (as computed) | revised';
COMMENT ON COLUMN perf_eval.cs_result.revised_kef IS 'Kef set by the commission, a fraction (1 = 100 %); NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_result.revised_grade IS 'Grade set by the commission; NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_result.members_voting IS 'Voting members of the commission at the decision (count)';
COMMENT ON COLUMN perf_eval.cs_result.members_present IS 'Voting members present (count; quorum 3*present >= 2*members)';
COMMENT ON COLUMN perf_eval.cs_result.votes_yes IS 'Votes for approving the result as computed (count)';
COMMENT ON COLUMN perf_eval.cs_result.votes_no IS 'Votes against (count)';
COMMENT ON COLUMN perf_eval.cs_result.chair_in_favour IS 'The chair''s vote, which decides a tie';
COMMENT ON COLUMN perf_eval.cs_result.decided_on IS 'Date of the decision (the appeal period counts from it)';
COMMENT ON COLUMN perf_eval.cs_result.refusal_act IS 'Reference of the act recording the employee''s refusal to acknowledge the result';
COMMENT ON COLUMN perf_eval.cs_result.refusal_witnesses IS 'Employees who signed the refusal act (employee_id values)';
COMMENT ON COLUMN perf_eval.cs_result.retain_until IS 'Date until which the documents are retained (3 years)';
COMMENT ON TABLE perf_eval.cs_result IS
'The result before the commission: at_commission -> scheduled -> decided (approved | revised) -> approved_final -> informed -> acknowledged | refusal_act -> (appealed -> appeal_decided) -> archived; Kef and grade computed when the sheet arrives, revised values by the commission (APA 2020 report, Appendix 4, paragraphs 26-45, docs/methodology.md §6.3)';

CREATE TABLE perf_eval.cs_vote (
    meeting_id  bigint NOT NULL REFERENCES perf_eval.cs_commission_meeting (meeting_id),
    sheet_id    bigint NOT NULL REFERENCES perf_eval.cs_assessment_sheet (sheet_id),
    employee_id bigint NOT NULL REFERENCES perf_eval.cs_employee (employee_id),
    in_favour   boolean NOT NULL,
    PRIMARY KEY (meeting_id, sheet_id, employee_id)
);
COMMENT ON COLUMN perf_eval.cs_vote.meeting_id IS 'Meeting (perf_eval.cs_commission_meeting.meeting_id)';
COMMENT ON COLUMN perf_eval.cs_vote.sheet_id IS 'Assessment sheet voted on (perf_eval.cs_assessment_sheet.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_vote.employee_id IS 'Voting member (perf_eval.cs_employee.employee_id)';
COMMENT ON COLUMN perf_eval.cs_vote.in_favour IS 'True for a vote to approve the result as presented';
COMMENT ON TABLE perf_eval.cs_vote IS
'Open votes of present voting members on approving a sheet''s results as presented (APA 2020 report, Appendix 4, paragraphs 34-36): yes > no approves, no > yes revises, the chair decides a tie';

CREATE TABLE perf_eval.cs_appeal (
    appeal_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sheet_id   bigint NOT NULL UNIQUE REFERENCES perf_eval.cs_result (sheet_id),
    filed_on   date NOT NULL,
    grounds    text NOT NULL,
    outcome    text CHECK (outcome IN ('recommend_revise', 'unchanged')),
    decided_on date,
    CHECK ((outcome IS NULL) = (decided_on IS NULL))
);
COMMENT ON COLUMN perf_eval.cs_appeal.appeal_id IS 'Identifier of the appeal';
COMMENT ON COLUMN perf_eval.cs_appeal.sheet_id IS 'Result appealed (perf_eval.cs_result.sheet_id)';
COMMENT ON COLUMN perf_eval.cs_appeal.filed_on IS 'Date the appeal was filed (within 10 working days of the decision)';
COMMENT ON COLUMN perf_eval.cs_appeal.grounds IS 'Grounds of the appeal';
COMMENT ON COLUMN perf_eval.cs_appeal.outcome IS 'Outcome: recommend_revise (cancel and revise) | unchanged; NULL while pending';
COMMENT ON COLUMN perf_eval.cs_appeal.decided_on IS 'Date of the outcome; NULL while pending';
COMMENT ON TABLE perf_eval.cs_appeal IS
'Appeal to the civil-service authority within 10 working days of the commission''s decision; outcome recommend_revise (cancel and revise) or unchanged (APA 2020 report, Appendix 4, paragraph 45)';

-- -------------------------------------------------------------------------
-- The workflow: legal moves, their actors, and the log
-- -------------------------------------------------------------------------

CREATE TABLE perf_eval.cs_workflow_transition (
    entity       text NOT NULL,
    action       text NOT NULL CHECK (action ~ '^[a-z_]+$'),
    from_state   text NOT NULL,
    to_state     text NOT NULL,
    actors       text[] NOT NULL CHECK (actors <@ ARRAY['employee', 'direct_manager', 'superior', 'hr',
                                                          'commission', 'authority']),
    api_function text,
    clause       text NOT NULL,
    PRIMARY KEY (entity, action, from_state),
    UNIQUE (entity, from_state, to_state),
    FOREIGN KEY (entity, from_state) REFERENCES perf_eval.cs_workflow_state (entity, state),
    FOREIGN KEY (entity, to_state) REFERENCES perf_eval.cs_workflow_state (entity, state)
);
COMMENT ON COLUMN perf_eval.cs_workflow_transition.entity IS 'Document: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.action IS 'Name of the move, e.g. submit, approve, return';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.from_state IS 'State the move starts from';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.to_state IS 'State the move leads to';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.actors IS 'Who may make the move: employee, direct_manager, superior, hr, commission, authority';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.api_function IS 'Function to call when the move needs more than a date; NULL for perf_eval.cs_move';
COMMENT ON COLUMN perf_eval.cs_workflow_transition.clause IS 'Clause of the assessment rules the move implements';
COMMENT ON TABLE perf_eval.cs_workflow_transition IS
'Every legal workflow move: entity, action, from and to state, who may make it (editors may make any), and the function to call when the move needs more than a date (docs/methodology.md §6.3)';
INSERT INTO perf_eval.cs_workflow_transition VALUES
('iwp',    'submit',               'draft',                 'submitted',             '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraphs 11-12'),
('iwp',    'return',               'submitted',             'returned',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraph 14'),
('iwp',    'submit',               'returned',              'submitted',             '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraph 14'),
('iwp',    'approve',              'submitted',             'approved',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraphs 12-13'),
('iwp',    'submit_amendment',     'approved',              'amendment_submitted',   '{employee}',            NULL, 'APA 2020 report, Appendix 4, paragraph 18'),
('iwp',    'approve',              'amendment_submitted',   'approved',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraph 18'),
('iwp',    'close',                'approved',              'closed',                '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 20'),
('sheet',  'sign',                 'draft',                 'signed_by_direct',      '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraph 19'),
('sheet',  'submit',               'signed_by_direct',      'under_superior_review', '{direct_manager,hr}',   NULL, 'APA 2020 report, Appendix 4, paragraph 21'),
('sheet',  'return',               'under_superior_review', 'returned',              '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraphs 23-24'),
('sheet',  'submit',               'returned',              'under_superior_review', '{direct_manager}',      NULL, 'APA 2020 report, Appendix 4, paragraph 25'),
('sheet',  'agree',                'under_superior_review', 'agreed',                '{superior}',            NULL, 'APA 2020 report, Appendix 4, paragraph 23'),
('sheet',  'submit_to_commission', 'agreed',                'at_commission',         '{hr}',                  'perf_eval.cs_submit_to_commission', 'APA 2020 report, Appendix 4, paragraph 26'),
('sheet',  'defer',                'draft',                 'deferred',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 4'),
('sheet',  'resume',               'deferred',              'draft',                 '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 4'),
('result', 'schedule',             'at_commission',         'scheduled',             '{hr}',                  'perf_eval.cs_schedule', 'APA 2020 report, Appendix 4, paragraphs 30-31'),
('result', 'decide',               'scheduled',             'decided',               '{commission}',          'perf_eval.cs_decide', 'APA 2020 report, Appendix 4, paragraphs 32-40'),
('result', 'approve_final',        'decided',               'approved_final',        '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 41'),
('result', 'inform',               'approved_final',        'informed',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 42'),
('result', 'acknowledge',          'informed',              'acknowledged',          '{employee,hr}',         NULL, 'APA 2020 report, Appendix 4, paragraph 43'),
('result', 'record_refusal',       'informed',              'refusal_act',           '{hr}',                  'perf_eval.cs_record_refusal', 'APA 2020 report, Appendix 4, paragraphs 43-44'),
('result', 'appeal',               'acknowledged',          'appealed',              '{employee}',            'perf_eval.cs_file_appeal', 'APA 2020 report, Appendix 4, paragraph 45'),
('result', 'appeal',               'refusal_act',           'appealed',              '{employee}',            'perf_eval.cs_file_appeal', 'APA 2020 report, Appendix 4, paragraph 45'),
('result', 'decide_appeal',        'appealed',              'appeal_decided',        '{authority}',           'perf_eval.cs_decide_appeal', 'APA 2020 report, Appendix 4, paragraph 45'),
('result', 'archive',              'acknowledged',          'archived',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 10'),
('result', 'archive',              'refusal_act',           'archived',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 10'),
('result', 'archive',              'appeal_decided',        'archived',              '{hr}',                  NULL, 'APA 2020 report, Appendix 4, paragraph 10');

CREATE TABLE perf_eval.cs_workflow_event (
    event_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity      text NOT NULL,
    entity_id   bigint NOT NULL,
    action      text NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    on_date     date NOT NULL,
    actor       name NOT NULL DEFAULT current_user,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN perf_eval.cs_workflow_event.event_id IS 'Identifier of the event, increasing with time';
COMMENT ON COLUMN perf_eval.cs_workflow_event.entity IS 'Document moved: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_workflow_event.entity_id IS 'iwp_id for a plan; sheet_id for a sheet or a result';
COMMENT ON COLUMN perf_eval.cs_workflow_event.action IS 'Name of the move (perf_eval.cs_workflow_transition.action)';
COMMENT ON COLUMN perf_eval.cs_workflow_event.from_state IS 'State before the move; NULL when the document was created';
COMMENT ON COLUMN perf_eval.cs_workflow_event.to_state IS 'State after the move';
COMMENT ON COLUMN perf_eval.cs_workflow_event.on_date IS 'Date the move counts from (deadlines count working days from it)';
COMMENT ON COLUMN perf_eval.cs_workflow_event.actor IS 'Database role that made the move';
COMMENT ON COLUMN perf_eval.cs_workflow_event.recorded_at IS 'When the move was recorded';
COMMENT ON TABLE perf_eval.cs_workflow_event IS
'Every workflow move as it happened: entity (iwp: iwp_id; sheet and result: sheet_id), action, states, the date it counts from, who made it';
CREATE INDEX cs_workflow_event_entity ON perf_eval.cs_workflow_event (entity, entity_id);

-- Whether the current login may act as one of the actors for an employee's document.
CREATE FUNCTION perf_eval.cs_may_act(actors text[], employee bigint, commission bigint)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH me AS (SELECT perf_eval.cs_current_employee() AS id),
    subject AS (
        SELECT e.employee_id, e.body, e.manager_id, m.manager_id AS superior_id,
               coalesce(m.is_first_head, false) AS manager_is_first_head
        FROM perf_eval.cs_employee AS e
        LEFT JOIN perf_eval.cs_employee AS m ON m.employee_id = e.manager_id
        WHERE e.employee_id = $2
    )
    SELECT perf_eval.cs_is_staff() OR EXISTS (
        SELECT 1 FROM subject AS s, me, unnest($1) AS a(actor)
        WHERE (a.actor = 'employee' AND s.employee_id = me.id)
           OR (a.actor = 'direct_manager' AND s.manager_id = me.id)
           -- the superior manager; the first head approves for their own direct reports (seed 000 lines 5256, 5296)
           OR (a.actor = 'superior' AND (s.superior_id = me.id OR (s.manager_is_first_head AND s.manager_id = me.id)))
           OR (a.actor = 'hr' AND perf_eval.cs_is_hr_of(s.body))
           OR (a.actor = 'commission' AND perf_eval.cs_sits_on($3)))
$$;
COMMENT ON FUNCTION perf_eval.cs_may_act(text[], bigint, bigint) IS
'True if the current login may make a move reserved for these actors on the employee''s document: the employee, the direct supervisor, the superior manager, the body''s HR, a member of the commission; editors (the civil-service authority''s data entry) may make any move';

-- The state machine on every write of a state: a legal move, by a permitted
-- actor, not dated before the state it leaves; then its side effects and the
-- log. NEW's fields differ per table, so each table's fields are read in its
-- own branch (PL/pgSQL resolves a field when it first runs a statement).
CREATE FUNCTION perf_eval.cs_workflow_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    doc_kind text := TG_ARGV[0];
    entity_id bigint;
    period perf_eval.cs_assessment_period;
    commission bigint;
    move perf_eval.cs_workflow_transition;
    context text;
    limit_amendments integer;
    appeal_deadline date;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    IF doc_kind = 'iwp' THEN
        entity_id := NEW.iwp_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = NEW.period_id;
    ELSIF doc_kind = 'sheet' THEN
        entity_id := NEW.sheet_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = NEW.period_id;
    ELSE
        entity_id := NEW.sheet_id;
        commission := NEW.commission_id;
        SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p
        JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = NEW.commission_id;
    END IF;
    context := perf_eval.cs_context(period.period_id, NEW.employee_id);

    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_workflow_state AS s
                       WHERE s.entity = doc_kind AND s.state = NEW.state AND s.is_initial) THEN
            RAISE EXCEPTION 'a new % cannot start in state %', doc_kind, NEW.state
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'Workflow, docs/methodology.md §6.3; perf_eval.cs_workflow_state lists the initial states.';
        END IF;
        INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date)
        VALUES (doc_kind, entity_id, 'open', NULL, NEW.state, NEW.state_since);
        RETURN NEW;
    END IF;
    IF NEW.state IS NOT DISTINCT FROM OLD.state THEN
        RETURN NEW;
    END IF;

    SELECT t.* INTO move FROM perf_eval.cs_workflow_transition AS t
    WHERE t.entity = doc_kind AND t.from_state = OLD.state AND t.to_state = NEW.state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'illegal move of % % from % to %', doc_kind, entity_id, OLD.state, NEW.state
            USING ERRCODE = '22023',
                  DETAIL = format('%s. From %s the moves are: %s.', context, OLD.state,
                                  coalesce((SELECT string_agg(t.action || ' -> ' || t.to_state, ', ' ORDER BY t.action)
                                            FROM perf_eval.cs_workflow_transition AS t
                                            WHERE t.entity = doc_kind AND t.from_state = OLD.state),
                                           'none (final state)')),
                  HINT = 'Workflow, docs/methodology.md §6.3; perf_eval.cs_workflow_transition lists the legal moves.';
    END IF;
    IF NOT perf_eval.cs_may_act(move.actors, NEW.employee_id, commission) THEN
        RAISE EXCEPTION 'only the % may % this %', array_to_string(move.actors, ' or '), move.action, doc_kind
            USING ERRCODE = '42501',
                  DETAIL = format('%s, %s %s; login %s.', context, doc_kind, entity_id, current_user),
                  HINT = format('Workflow, %s (docs/methodology.md §6.3).', move.clause);
    END IF;
    IF NEW.state_since < OLD.state_since THEN
        RAISE EXCEPTION 'the move % of % % cannot be dated % before its previous move on %',
                        move.action, doc_kind, entity_id, NEW.state_since, OLD.state_since
            USING ERRCODE = '22023', DETAIL = context || '.', HINT = 'Workflow dates only move forward (docs/methodology.md §6.3).';
    END IF;

    -- Preconditions and side effects of particular moves.
    IF doc_kind = 'iwp' THEN
        IF move.action = 'submit' AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi AS k WHERE k.iwp_id = NEW.iwp_id) THEN
            RAISE EXCEPTION 'individual work plan % has no KPIs', NEW.iwp_id
                USING ERRCODE = '22023', DETAIL = context || '.',
                      HINT = 'KPIs are set in the plan, APA 2020 report, Appendix 4, paragraphs 11, 15.';
        ELSIF move.action = 'submit_amendment' THEN
            limit_amendments := perf_eval.cs_param_integer(period.methodology, 'cs.amendments_per_period');
            IF OLD.amendments >= limit_amendments THEN
                RAISE EXCEPTION 'individual work plan % was already amended % time(s) this period', NEW.iwp_id, OLD.amendments
                    USING ERRCODE = '22023',
                          DETAIL = format('%s; at most %s amendment(s) per period.', context, limit_amendments),
                          HINT = 'cs.amendments_per_period, APA 2020 report, Appendix 4, paragraph 18.';
            END IF;
            NEW.amendments := OLD.amendments + 1;
        END IF;
    ELSIF doc_kind = 'sheet' THEN
        IF move.action = 'sign' THEN
            IF EXISTS (SELECT 1 FROM perf_eval.cs_kpi AS k
                       WHERE k.iwp_id = NEW.iwp_id
                         AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi_rating AS r
                                         WHERE r.sheet_id = NEW.sheet_id AND r.kpi_id = k.kpi_id)) THEN
                RAISE EXCEPTION 'assessment sheet % has unrated KPIs', NEW.sheet_id
                    USING ERRCODE = '22023',
                          DETAIL = format('%s; KPIs without a rating: %s.', context,
                                          (SELECT string_agg(k.kpi_no::text, ', ' ORDER BY k.kpi_no) FROM perf_eval.cs_kpi AS k
                                           WHERE k.iwp_id = NEW.iwp_id
                                             AND NOT EXISTS (SELECT 1 FROM perf_eval.cs_kpi_rating AS r
                                                             WHERE r.sheet_id = NEW.sheet_id AND r.kpi_id = k.kpi_id))),
                          HINT = 'The direct supervisor rates every KPI before signing, APA 2020 report, Appendix 4, paragraph 19.';
            END IF;
            IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = NEW.sheet_id) THEN
                RAISE EXCEPTION 'assessment sheet % has no plan execution', NEW.sheet_id
                    USING ERRCODE = '22023', DETAIL = context || '.',
                          HINT = 'The percentage of plan execution is the first step, APA 2020 report, Appendix 4, paragraph 28.';
            END IF;
        ELSIF move.action = 'resume' THEN
            NEW.resumed_on := NEW.state_since;
        END IF;
    ELSIF move.action = 'archive' THEN
        IF OLD.state <> 'appeal_decided' THEN
            appeal_deadline := perf_eval.cs_add_working_days(OLD.decided_on,
                                   perf_eval.cs_param_integer(period.methodology, 'cs.deadline.appeal'));
            IF NEW.state_since <= appeal_deadline THEN
                RAISE EXCEPTION 'the result of sheet % can be archived only after its appeal window closes on %',
                                NEW.sheet_id, appeal_deadline
                    USING ERRCODE = '22023', DETAIL = format('%s; decided on %s.', context, OLD.decided_on),
                          HINT = 'cs.deadline.appeal, APA 2020 report, Appendix 4, paragraph 45.';
            END IF;
        END IF;
        NEW.retain_until := (NEW.state_since
            + make_interval(years => perf_eval.cs_param_integer(period.methodology, 'cs.retention_years')))::date;
    END IF;

    INSERT INTO perf_eval.cs_workflow_event (entity, entity_id, action, from_state, to_state, on_date)
    VALUES (doc_kind, entity_id, move.action, OLD.state, NEW.state, NEW.state_since);
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_iwp_workflow BEFORE INSERT OR UPDATE ON perf_eval.cs_iwp
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_workflow_guard('iwp');
CREATE TRIGGER cs_sheet_workflow BEFORE INSERT OR UPDATE ON perf_eval.cs_assessment_sheet
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_workflow_guard('sheet');
CREATE TRIGGER cs_result_workflow BEFORE INSERT OR UPDATE ON perf_eval.cs_result
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_workflow_guard('result');

-- -------------------------------------------------------------------------
-- Data constraints on plans, ratings, members, attendance and votes
-- -------------------------------------------------------------------------

-- The context of an employee's document for errdetail: "body MF, year 2020, employee 17 (A. Name)".
CREATE FUNCTION perf_eval.cs_context(period bigint, employee bigint)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT format('body %s, year %s, employee %s (%s)', p.body, p.year, e.personnel_no, e.full_name)
    FROM perf_eval.cs_assessment_period AS p, perf_eval.cs_employee AS e
    WHERE p.period_id = $1 AND e.employee_id = $2
$$;

CREATE FUNCTION perf_eval.cs_kpi_editable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    plan perf_eval.cs_iwp;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    SELECT i.* INTO plan FROM perf_eval.cs_iwp AS i
    WHERE i.iwp_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.iwp_id ELSE NEW.iwp_id END;
    IF plan.state NOT IN ('draft', 'returned', 'amendment_submitted')
       OR (TG_OP = 'UPDATE' AND NEW.iwp_id <> OLD.iwp_id) THEN
        RAISE EXCEPTION 'the KPIs of individual work plan % cannot change while it is %', plan.iwp_id, plan.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(plan.period_id, plan.employee_id) || '.',
                  HINT = 'KPIs change while the plan is a draft, returned for revision, or under amendment (APA 2020 report, Appendix 4, paragraphs 14-18).';
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM perf_eval.kpi_difficulty_level(NEW.work_type, NEW.work_mode);
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$;
CREATE TRIGGER cs_kpi_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_kpi
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_kpi_editable();

-- Ratings change while the sheet is with the direct supervisor; each is
-- checked against the period's methodology at once (22003 with its KPI).
CREATE FUNCTION perf_eval.cs_rating_editable()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sheet perf_eval.cs_assessment_sheet;
    period perf_eval.cs_assessment_period;
    kpi perf_eval.cs_kpi;
    editable text[] := CASE TG_TABLE_NAME WHEN 'cs_competency_rating'
                            -- the 360-degree results may arrive until the sheet goes to the commission
                            THEN ARRAY['draft', 'signed_by_direct', 'under_superior_review', 'returned', 'agreed']
                            ELSE ARRAY['draft', 'returned'] END;
    subject text;
    message text;
    detail text;
    state text;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    SELECT s.* INTO sheet FROM perf_eval.cs_assessment_sheet AS s
    WHERE s.sheet_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.sheet_id ELSE NEW.sheet_id END;
    SELECT p.* INTO period FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = sheet.period_id;
    IF sheet.state <> ALL (editable) OR (TG_OP = 'UPDATE' AND NEW.sheet_id <> OLD.sheet_id) THEN
        RAISE EXCEPTION 'the ratings of assessment sheet % cannot change while it is %', sheet.sheet_id, sheet.state
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(sheet.period_id, sheet.employee_id) || '.',
                  HINT = format('%s change while the sheet is %s (APA 2020 report, Appendix 4, paragraphs 19-25).', TG_TABLE_NAME,
                                array_to_string(editable, ', '));
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;

    BEGIN
        IF TG_TABLE_NAME = 'cs_kpi_rating' THEN
            SELECT k.* INTO kpi FROM perf_eval.cs_kpi AS k WHERE k.kpi_id = NEW.kpi_id;
            subject := format('KPI %s "%s"', kpi.kpi_no, kpi.title);
            IF kpi.iwp_id <> sheet.iwp_id THEN
                RAISE EXCEPTION 'KPI % is not in the individual work plan of sheet %', NEW.kpi_id, sheet.sheet_id
                    USING ERRCODE = '22023', HINT = 'A sheet rates the KPIs of its own plan.';
            END IF;
            PERFORM perf_eval.kpi_efficiency(
                perf_eval.kpi_completeness(kpi.plan, NEW.fact,
                                           perf_eval.param_text(period.methodology, 'cs.kef.completeness_bands'),
                                           kpi.decrease_is_good),
                NEW.quality, NEW.timeliness, perf_eval.kpi_difficulty_level(kpi.work_type, kpi.work_mode),
                perf_eval.param_numeric(period.methodology, 'cs.kef.max_completeness'),
                perf_eval.param_numeric(period.methodology, 'cs.kef.max_quality'),
                perf_eval.param_numeric(period.methodology, 'cs.kef.max_timeliness'),
                perf_eval.param_numeric(period.methodology, 'cs.kef.difficulty_divisor'));
        ELSIF TG_TABLE_NAME = 'cs_competency_rating' THEN
            subject := 'competency ' || NEW.competency;
            PERFORM perf_eval.competency_meets(
                NEW.manifested, NEW.defined,
                perf_eval.cs_param_integer(period.methodology, 'cs.competency_ratio_num'),
                perf_eval.cs_param_integer(period.methodology, 'cs.competency_ratio_den'));
        END IF;
    EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, state = RETURNED_SQLSTATE;
        RAISE EXCEPTION '%', message
            USING ERRCODE = state,
                  DETAIL = format('%s, %s: %s', perf_eval.cs_context(sheet.period_id, sheet.employee_id), subject, detail),
                  HINT = CASE TG_TABLE_NAME WHEN 'cs_kpi_rating' THEN 'Kef criteria, APA 2020 report, chapter 4 conclusions, Table 4.3 (docs/methodology.md §6.2).'
                              ELSE 'Competency 3/4 rule, APA 2020 report §4.1 (docs/methodology.md §6.1).' END;
    END;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_kpi_rating_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_kpi_rating
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_rating_editable();
CREATE TRIGGER cs_competency_rating_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_competency_rating
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_rating_editable();
CREATE TRIGGER cs_plan_execution_editable BEFORE INSERT OR UPDATE OR DELETE ON perf_eval.cs_plan_execution
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_rating_editable();

-- Attendance lists voting members; votes come from members present while the sheet is on the agenda.
CREATE FUNCTION perf_eval.cs_vote_valid()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    meeting perf_eval.cs_commission_meeting;
    role text;
BEGIN
    IF perf_eval.cs_bulk_loading() THEN
        RETURN NEW;
    END IF;
    SELECT m.* INTO meeting FROM perf_eval.cs_commission_meeting AS m WHERE m.meeting_id = NEW.meeting_id;
    SELECT cm.role INTO role FROM perf_eval.cs_commission_member AS cm
    WHERE cm.commission_id = meeting.commission_id AND cm.employee_id = NEW.employee_id;
    IF role IS NULL THEN
        RAISE EXCEPTION 'employee % is not a member of commission %', NEW.employee_id, meeting.commission_id
            USING ERRCODE = '22023', DETAIL = format('meeting of %s.', meeting.meets_on),
                  HINT = 'The composition is set by the authorised person, APA 2020 report, Appendix 4, paragraphs 5, 29.';
    ELSIF role = 'secretary' THEN
        RAISE EXCEPTION 'the secretary of commission % does not vote and does not count toward quorum', meeting.commission_id
            USING ERRCODE = '22023', DETAIL = format('employee %s, meeting of %s.', NEW.employee_id, meeting.meets_on),
                  HINT = 'Mark only the chair and the members present; the secretary is staff (APA 2020 report, Appendix 4, paragraph 36; docs/methodology.md §6.3).';
    END IF;
    IF TG_TABLE_NAME = 'cs_vote' THEN
        IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_meeting_attendance AS a
                       WHERE a.meeting_id = NEW.meeting_id AND a.employee_id = NEW.employee_id) THEN
            RAISE EXCEPTION 'member % is not recorded present at the meeting of %', NEW.employee_id, meeting.meets_on
                USING ERRCODE = '22023', HINT = 'Only members present vote, openly (APA 2020 report, Appendix 4, paragraphs 32-34).';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_result AS r
                       WHERE r.sheet_id = NEW.sheet_id AND r.meeting_id = NEW.meeting_id AND r.state = 'scheduled') THEN
            RAISE EXCEPTION 'assessment sheet % is not awaiting a decision at the meeting of %', NEW.sheet_id, meeting.meets_on
                USING ERRCODE = '22023', HINT = 'Votes are cast on sheets scheduled for the meeting (docs/methodology.md §6.3).';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER cs_attendance_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_meeting_attendance
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_vote_valid();
CREATE TRIGGER cs_vote_valid BEFORE INSERT OR UPDATE ON perf_eval.cs_vote
FOR EACH ROW EXECUTE FUNCTION perf_eval.cs_vote_valid();

-- -------------------------------------------------------------------------
-- The computation (METHODOLOGY §6.1, §6.2)
-- -------------------------------------------------------------------------

CREATE TYPE perf_eval.cs_kef_breakdown AS (
    kpis             integer,
    kpi_part         numeric,
    competencies     integer,
    competencies_met integer,
    competency_part  numeric,
    kef_raw          numeric,
    completed_tasks  bigint,
    total_tasks      bigint,
    plan_gate        numeric,
    kef              numeric,
    explanation      jsonb
);
COMMENT ON TYPE perf_eval.cs_kef_breakdown IS 'Kef of one assessment sheet and every part of it, with the explanation';

CREATE FUNCTION perf_eval.cs_sheet_kef(sheet bigint)
RETURNS perf_eval.cs_kef_breakdown
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s perf_eval.cs_assessment_sheet;
    v text;
    result perf_eval.cs_kef_breakdown;
    kpi_rows jsonb;
    rated integer;
    message text;
    detail text;
    hint text;
    state text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet
            USING ERRCODE = '22023', HINT = 'Sheets are visible to the employee, their managers, HR and the commission.';
    END IF;
    SELECT p.methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = s.period_id;
    BEGIN
        -- KPI part: mean over the plan's KPIs of kef_i (seed 000 lines 5147-5160).
        SELECT count(*), count(r.kpi_id),
               perf_eval.kpi_efficiency_mean_agg(x.kef_i),
               jsonb_agg(jsonb_build_object('kpi', k.kpi_no, 'title', k.title, 'plan', k.plan, 'fact', r.fact,
                                            'decrease_is_good', k.decrease_is_good, 'completeness', x.c,
                                            'quality', r.quality, 'timeliness', r.timeliness, 'difficulty', x.d,
                                            'kpi_efficiency', x.kef_i) ORDER BY k.kpi_no)
          INTO result.kpis, rated, result.kpi_part, kpi_rows
        FROM perf_eval.cs_kpi AS k
        LEFT JOIN perf_eval.cs_kpi_rating AS r ON r.sheet_id = s.sheet_id AND r.kpi_id = k.kpi_id
        CROSS JOIN LATERAL (
            SELECT perf_eval.kpi_completeness(k.plan, r.fact, perf_eval.param_text(v, 'cs.kef.completeness_bands'),
                                              k.decrease_is_good) AS c,
                   perf_eval.kpi_difficulty_level(k.work_type, k.work_mode) AS d) AS cd
        CROSS JOIN LATERAL (
            SELECT cd.c, cd.d,
                   perf_eval.kpi_efficiency(cd.c, r.quality, r.timeliness, cd.d,
                                            perf_eval.param_numeric(v, 'cs.kef.max_completeness'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_quality'),
                                            perf_eval.param_numeric(v, 'cs.kef.max_timeliness'),
                                            perf_eval.param_numeric(v, 'cs.kef.difficulty_divisor')) AS kef_i) AS x
        WHERE k.iwp_id = s.iwp_id;
        IF result.kpis = 0 THEN
            RAISE EXCEPTION 'the individual work plan has no KPIs' USING ERRCODE = '22023',
                  HINT = 'At least one KPI is required (docs/methodology.md §6.2).';
        ELSIF rated < result.kpis THEN
            RAISE EXCEPTION '% of % KPIs have no rating', result.kpis - rated, result.kpis USING ERRCODE = '22023',
                  HINT = 'The direct supervisor rates every KPI (APA 2020 report, Appendix 4, paragraph 19).';
        END IF;

        -- Competency part: v_j = 1 if met else cs.kef.not_meet_value (seed 000 lines 5173-5182).
        SELECT count(*), count(*) FILTER (WHERE perf_eval.competency_meets(
                   c.manifested, c.defined, perf_eval.cs_param_integer(v, 'cs.competency_ratio_num'),
                   perf_eval.cs_param_integer(v, 'cs.competency_ratio_den')))
          INTO result.competencies, result.competencies_met
        FROM perf_eval.cs_competency_rating AS c WHERE c.sheet_id = s.sheet_id;
        result.competency_part := perf_eval.competency_part(result.competencies_met, result.competencies,
                                                            perf_eval.param_numeric(v, 'cs.kef.not_meet_value'));

        SELECT x.completed_tasks, x.planned_tasks + x.unplanned_tasks INTO result.completed_tasks, result.total_tasks
        FROM perf_eval.cs_plan_execution AS x WHERE x.sheet_id = s.sheet_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no plan execution is recorded' USING ERRCODE = '22023',
                  HINT = 'P = 100*completed/(planned + unplanned), APA 2020 report, Appendix 4, paragraph 28.';
        END IF;
        result.plan_gate := perf_eval.plan_execution_gate(result.completed_tasks, result.total_tasks,
                                                          perf_eval.param_text(v, 'cs.kef.plan_gate'));
        result.kef_raw := perf_eval.efficiency_coefficient_raw(result.kpi_part, result.competency_part,
                                                               perf_eval.param_numeric(v, 'cs.kef.w_kpi'),
                                                               perf_eval.param_numeric(v, 'cs.kef.w_competency'));
        result.kef := trim_scale(result.kef_raw * result.plan_gate);
    EXCEPTION WHEN numeric_value_out_of_range OR invalid_parameter_value THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL, hint = PG_EXCEPTION_HINT,
                                state = RETURNED_SQLSTATE;
        RAISE EXCEPTION 'Kef of assessment sheet %: %', s.sheet_id, message
            USING ERRCODE = state,
                  DETAIL = perf_eval.cs_context(s.period_id, s.employee_id) || coalesce(': ' || nullif(detail, ''), '.'),
                  HINT = coalesce(nullif(hint, ''), 'Kef, docs/methodology.md §6.2.');
    END;

    result.explanation := jsonb_build_object(
        'formula', jsonb_build_object('id', 'Kef',
            'text', 'Kef = (w_kpi·mean_i M_i·(1 + d_i/divisor) + w_comp·mean_j v_j) × gate(100·completed/total)'),
        'clause', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 3; Appendix 4, paragraph 28 (docs/methodology.md §6.2)',
        'inputs', jsonb_build_object('kpis', kpi_rows,
                                     'competencies', result.competencies, 'competencies_met', result.competencies_met,
                                     'completed_tasks', result.completed_tasks, 'total_tasks', result.total_tasks),
        'parts', jsonb_build_object('kpi_part', result.kpi_part, 'competency_part', result.competency_part,
                                    'kef_raw', result.kef_raw, 'plan_gate', result.plan_gate, 'kef', result.kef),
        'methodology', v,
        'parameters', perf_eval.param_explanation(v, ARRAY['cs.kef.max_completeness', 'cs.kef.max_quality',
            'cs.kef.max_timeliness', 'cs.kef.difficulty_divisor', 'cs.kef.completeness_bands',
            'cs.kef.not_meet_value', 'cs.kef.w_kpi', 'cs.kef.w_competency', 'cs.kef.plan_gate',
            'cs.competency_ratio_num', 'cs.competency_ratio_den']));
    RETURN result;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_sheet_kef(bigint) IS
'Kef of an assessment sheet under its period''s draft_kef methodology, with every part and a jsonb explanation (docs/methodology.md §6.2); 22023/22003 name the body, year and employee';

CREATE FUNCTION perf_eval.cs_sheet_grade(sheet bigint, OUT kpis integer, OUT kpis_achieved integer, OUT grade text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s perf_eval.cs_assessment_sheet;
    v text;
    message text;
    state text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no assessment sheet % is visible', sheet USING ERRCODE = '22023';
    END IF;
    SELECT p.grade_methodology INTO v FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = s.period_id;
    SELECT count(*), count(*) FILTER (WHERE perf_eval.kpi_plan_met(k.plan, r.fact, k.decrease_is_good))
      INTO kpis, kpis_achieved
    FROM perf_eval.cs_kpi AS k
    JOIN perf_eval.cs_kpi_rating AS r ON r.sheet_id = s.sheet_id AND r.kpi_id = k.kpi_id
    WHERE k.iwp_id = s.iwp_id;
    BEGIN
        grade := perf_eval.m2018_kpi_grade(kpis_achieved, kpis, perf_eval.cs_param_integer(v, 'cs.m2018.kpi_count'),
                                           perf_eval.param_text(v, 'cs.m2018.grade_bands'));
    EXCEPTION WHEN invalid_parameter_value OR numeric_value_out_of_range THEN
        GET STACKED DIAGNOSTICS message = MESSAGE_TEXT, state = RETURNED_SQLSTATE;
        RAISE EXCEPTION 'grade of assessment sheet %: %', s.sheet_id, message
            USING ERRCODE = state,
                  DETAIL = format('%s: %s rated KPIs, %s achieved.', perf_eval.cs_context(s.period_id, s.employee_id),
                                  kpis, kpis_achieved),
                  HINT = 'm2018 grade, APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1).';
    END;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_sheet_grade(bigint) IS
'The current (m2018) grade of an assessment sheet under its period''s grade_methodology: KPIs whose fact meets the plan, out of exactly 5 (docs/methodology.md §6.1)';

-- -------------------------------------------------------------------------
-- Workflow moves (22023 for an illegal move; 42501 for a wrong actor)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_entity_table(entity text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN CASE entity WHEN 'iwp' THEN 'cs_iwp' WHEN 'sheet' THEN 'cs_assessment_sheet' WHEN 'result' THEN 'cs_result'
           ELSE NULL END;
END
$$;

-- The move an action makes from the document's current state; 22023 if the
-- entity or action is unknown or the document is not in a state it leaves.
CREATE FUNCTION perf_eval.cs_legal_move(entity text, id bigint, action text)
RETURNS perf_eval.cs_workflow_transition
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    table_name text := perf_eval.cs_entity_table(entity);
    current_state text;
    move perf_eval.cs_workflow_transition;
BEGIN
    IF table_name IS NULL THEN
        RAISE EXCEPTION 'unknown workflow entity "%"', entity
            USING ERRCODE = '22023', DETAIL = 'Entities are iwp, sheet and result.', HINT = 'Pass iwp, sheet or result; perf_eval.cs_workflow_transition lists the moves of each (docs/methodology.md §6.3).';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM perf_eval.cs_workflow_transition AS t
                   WHERE t.entity = cs_legal_move.entity AND t.action = cs_legal_move.action) THEN
        RAISE EXCEPTION 'unknown % action "%"', entity, action
            USING ERRCODE = '22023',
                  DETAIL = format('Actions of a %s: %s.', entity,
                                  (SELECT string_agg(DISTINCT t.action, ', ') FROM perf_eval.cs_workflow_transition AS t
                                   WHERE t.entity = cs_legal_move.entity)),
                  HINT = 'perf_eval.cs_workflow_transition lists the legal moves (docs/methodology.md §6.3).';
    END IF;
    EXECUTE format('SELECT d.state FROM perf_eval.%I AS d WHERE d.%I = $1', table_name,
                   CASE entity WHEN 'iwp' THEN 'iwp_id' ELSE 'sheet_id' END)
        INTO current_state USING id;
    IF current_state IS NULL THEN
        RAISE EXCEPTION 'no % % is visible', entity, id
            USING ERRCODE = '22023', HINT = 'Documents are visible to the employee, their managers, HR and the commission.';
    END IF;
    SELECT t.* INTO move FROM perf_eval.cs_workflow_transition AS t
    WHERE t.entity = cs_legal_move.entity AND t.action = cs_legal_move.action AND t.from_state = current_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'cannot % % % while it is %', action, entity, id, current_state
            USING ERRCODE = '22023',
                  DETAIL = format('From %s the moves are: %s.', current_state,
                                  coalesce((SELECT string_agg(t.action || ' -> ' || t.to_state, ', ' ORDER BY t.action)
                                            FROM perf_eval.cs_workflow_transition AS t
                                            WHERE t.entity = cs_legal_move.entity AND t.from_state = current_state),
                                           'none (final state)')),
                  HINT = format('%s: %s (docs/methodology.md §6.3).', entity,
                                (SELECT string_agg(DISTINCT t.from_state || ' -> ' || t.to_state, ', ')
                                 FROM perf_eval.cs_workflow_transition AS t
                                 WHERE t.entity = cs_legal_move.entity AND t.action = cs_legal_move.action));
    END IF;
    RETURN move;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_legal_move(text, bigint, text) IS
'The legal move an action makes on a document now; 22023 naming the state and the moves it allows otherwise';

-- Applies a legal move (state and date); 42501 when row-level security or the actor rule forbids it.
CREATE FUNCTION perf_eval.cs_apply_move(move perf_eval.cs_workflow_transition, id bigint, on_date date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    changed integer;
BEGIN
    IF on_date IS NULL THEN
        RAISE EXCEPTION 'a workflow move needs a date' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('UPDATE perf_eval.%I AS d SET state = $1, state_since = $2 WHERE d.%I = $3 AND d.state = $4',
                   perf_eval.cs_entity_table(move.entity), CASE move.entity WHEN 'iwp' THEN 'iwp_id' ELSE 'sheet_id' END)
        USING move.to_state, on_date, id, move.from_state;
    GET DIAGNOSTICS changed = ROW_COUNT;
    IF changed = 0 THEN
        RAISE EXCEPTION 'login % may not % % %', current_user, move.action, move.entity, id
            USING ERRCODE = '42501', HINT = format('Only the %s may (docs/methodology.md §6.3).', array_to_string(move.actors, ' or '));
    END IF;
    RETURN move.to_state;
END
$$;

CREATE FUNCTION perf_eval.cs_move(entity text, id bigint, action text, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move(entity, id, action);
BEGIN
    IF move.api_function IS NOT NULL THEN
        RAISE EXCEPTION 'the % move of a % needs more than a date: call %()', action, entity, move.api_function
            USING ERRCODE = '22023', HINT = 'Workflow, docs/methodology.md §6.3.';
    END IF;
    RETURN perf_eval.cs_apply_move(move, id, on_date);
END
$$;
COMMENT ON FUNCTION perf_eval.cs_move(text, bigint, text, date) IS
'Makes a workflow move (iwp: submit, return, approve, submit_amendment, close; sheet: sign, submit, return, agree, defer, resume; result: approve_final, inform, acknowledge, archive) dated on_date; returns the new state; 22023 if illegal now, 42501 if the login may not (docs/methodology.md §6.3)';

CREATE FUNCTION perf_eval.cs_open_iwp(period bigint, employee bigint, on_date date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    body text := (SELECT e.body FROM perf_eval.cs_employee AS e WHERE e.employee_id = employee);
    id bigint;
BEGIN
    IF body IS DISTINCT FROM (SELECT p.body FROM perf_eval.cs_assessment_period AS p WHERE p.period_id = period) THEN
        RAISE EXCEPTION 'employee % is not assessed in period %', employee, period
            USING ERRCODE = '22023', HINT = 'An employee is assessed in a period of their own body.';
    END IF;
    INSERT INTO perf_eval.cs_iwp (period_id, employee_id, body, state_since)
    VALUES (period, employee, body, on_date) RETURNING iwp_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_open_iwp(bigint, bigint, date) IS
'Starts an individual work plan (draft) for an employee and period; KPIs are then inserted into perf_eval.cs_kpi (APA 2020 report, Appendix 4, paragraph 11)';

CREATE FUNCTION perf_eval.cs_open_sheet(period bigint, employee bigint, on_date date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p perf_eval.cs_assessment_period;
    e perf_eval.cs_employee;
    plan perf_eval.cs_iwp;
    reason text;
    id bigint;
BEGIN
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x WHERE x.period_id = period;
    SELECT x.* INTO e FROM perf_eval.cs_employee AS x WHERE x.employee_id = employee;
    SELECT x.* INTO plan FROM perf_eval.cs_iwp AS x WHERE x.period_id = period AND x.employee_id = employee;
    IF plan.iwp_id IS NULL OR plan.state NOT IN ('approved', 'closed') THEN
        RAISE EXCEPTION 'employee % has no approved individual work plan for period %', employee, period
            USING ERRCODE = '22023',
                  DETAIL = coalesce(perf_eval.cs_context(period, employee) || format('; plan state %s.', coalesce(plan.state, 'none')), ''),
                  HINT = 'The sheet assesses the KPIs of the approved plan (APA 2020 report, Appendix 4, paragraphs 12, 19).';
    END IF;
    -- Not assessed with under 3 months in the position at the end of the period, or on probation then (seed 000 line 5224).
    IF e.in_position_since > (p.ends_on - make_interval(months => perf_eval.cs_param_integer(p.methodology, 'cs.min_tenure_months')))::date THEN
        reason := format('in the position since %s, under %s months at the end of the period', e.in_position_since,
                         perf_eval.cs_param_integer(p.methodology, 'cs.min_tenure_months'));
    ELSIF e.probation_until >= p.ends_on THEN
        reason := format('on probation until %s', e.probation_until);
    END IF;
    INSERT INTO perf_eval.cs_assessment_sheet (period_id, employee_id, body, iwp_id, state, state_since, exempt_reason)
    VALUES (period, employee, e.body, plan.iwp_id, CASE WHEN reason IS NULL THEN 'draft' ELSE 'exempt' END, on_date, reason)
    RETURNING sheet_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_open_sheet(bigint, bigint, date) IS
'Opens the assessment sheet of an employee with an approved plan: draft, or exempt with the reason when the employee was under cs.min_tenure_months in the position or on probation at the end of the period (APA 2020 report, Appendix 4, paragraph 4)';

CREATE FUNCTION perf_eval.cs_submit_to_commission(sheet bigint, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('sheet', sheet, 'submit_to_commission');
    s perf_eval.cs_assessment_sheet;
    p perf_eval.cs_assessment_period;
    commission bigint;
    kef perf_eval.cs_kef_breakdown;
    kpis integer;
    achieved integer;
    grade text;
BEGIN
    SELECT x.* INTO s FROM perf_eval.cs_assessment_sheet AS x WHERE x.sheet_id = sheet;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x WHERE x.period_id = s.period_id;
    SELECT c.commission_id INTO commission FROM perf_eval.cs_commission AS c WHERE c.period_id = p.period_id;
    IF commission IS NULL THEN
        RAISE EXCEPTION 'period % has no assessment commission', p.period_id
            USING ERRCODE = '22023', DETAIL = format('body %s, year %s.', p.body, p.year),
                  HINT = 'The authorised person forms the commission, APA 2020 report, Appendix 4, paragraph 5.';
    END IF;
    kef := perf_eval.cs_sheet_kef(sheet);
    -- The m2018 grade needs exactly cs.m2018.kpi_count KPIs; a draft_kef plan may have another number.
    SELECT count(*) INTO kpis FROM perf_eval.cs_kpi AS k WHERE k.iwp_id = s.iwp_id;
    IF kpis = perf_eval.cs_param_integer(p.grade_methodology, 'cs.m2018.kpi_count') THEN
        SELECT g.kpis_achieved, g.grade INTO achieved, grade FROM perf_eval.cs_sheet_grade(sheet) AS g;
    ELSE
        SELECT count(*) INTO achieved FROM perf_eval.cs_kpi AS k
        JOIN perf_eval.cs_kpi_rating AS r ON r.kpi_id = k.kpi_id AND r.sheet_id = s.sheet_id
        WHERE k.iwp_id = s.iwp_id AND perf_eval.kpi_plan_met(k.plan, r.fact, k.decrease_is_good);
    END IF;

    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_assessment_sheet AS x SET commission_id = commission WHERE x.sheet_id = sheet;
    INSERT INTO perf_eval.cs_result (sheet_id, employee_id, body, commission_id, state, state_since,
                                     kpis, kpi_part, competencies, competencies_met, competency_part, kef_raw,
                                     completed_tasks, total_tasks, plan_gate, computed_kef, kpis_achieved, computed_grade,
                                     computation)
    VALUES (sheet, s.employee_id, s.body, commission, 'at_commission', on_date,
            kef.kpis, kef.kpi_part, kef.competencies, kef.competencies_met, kef.competency_part, kef.kef_raw,
            kef.completed_tasks, kef.total_tasks, kef.plan_gate, kef.kef, achieved, grade,
            kef.explanation || jsonb_build_object('grade', jsonb_build_object(
                'methodology', p.grade_methodology, 'kpis', kpis, 'kpis_achieved', achieved, 'grade', grade,
                'status', CASE WHEN grade IS NULL THEN 'not_assessable' ELSE 'ok' END,
                'reason', CASE WHEN grade IS NULL THEN 'kpi_count' END,
                'clause', 'APA 2020 report §4.1; chapter 4 conclusions (docs/methodology.md §6.1)',
                'parameters', perf_eval.param_explanation(p.grade_methodology,
                                                          ARRAY['cs.m2018.kpi_count', 'cs.m2018.grade_bands']))));
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_submit_to_commission(bigint, date) IS
'HR submits an agreed sheet to the period''s commission: computes and freezes Kef (draft_kef) and the m2018 grade into perf_eval.cs_result (APA 2020 report, Appendix 4, paragraph 26, docs/methodology.md §6.2, §6.3)';

CREATE FUNCTION perf_eval.cs_schedule_meeting(commission bigint, meets_on date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := (SELECT p.methodology FROM perf_eval.cs_commission AS c
               JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE c.commission_id = commission);
    voting integer;
    chairs integer;
    id bigint;
BEGIN
    IF v IS NULL THEN
        RAISE EXCEPTION 'no commission % is visible', commission USING ERRCODE = '22023';
    END IF;
    SELECT count(*) FILTER (WHERE m.role IN ('chair', 'member')), count(*) FILTER (WHERE m.role = 'chair')
      INTO voting, chairs
    FROM perf_eval.cs_commission_member AS m WHERE m.commission_id = commission;
    IF voting < perf_eval.cs_param_integer(v, 'cs.commission.min_members') OR chairs <> 1 THEN
        RAISE EXCEPTION 'commission % is not constituted: % voting member(s) and % chair', commission, voting, chairs
            USING ERRCODE = '22023',
                  DETAIL = format('At least %s voting members (the secretary does not count) and one chair are required.',
                                  perf_eval.cs_param_integer(v, 'cs.commission.min_members')),
                  HINT = 'cs.commission.min_members, APA 2020 report, Appendix 4, paragraphs 5, 36.';
    END IF;
    INSERT INTO perf_eval.cs_commission_meeting (commission_id, meets_on) VALUES (commission, meets_on)
    RETURNING meeting_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_schedule_meeting(bigint, date) IS
'Schedules a meeting of a constituted commission (a chair and at least cs.commission.min_members voting members; APA 2020 report, Appendix 4, paragraph 5)';

CREATE FUNCTION perf_eval.cs_schedule(sheet bigint, meeting bigint, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'schedule');
    r perf_eval.cs_result;
    m perf_eval.cs_commission_meeting;
    v text;
    earliest date;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT x.* INTO m FROM perf_eval.cs_commission_meeting AS x WHERE x.meeting_id = meeting;
    IF m.commission_id IS DISTINCT FROM r.commission_id THEN
        RAISE EXCEPTION 'meeting % is not a meeting of commission %', meeting, r.commission_id
            USING ERRCODE = '22023', HINT = 'A sheet goes before its period''s commission (docs/methodology.md §6.3).';
    END IF;
    SELECT p.methodology INTO v FROM perf_eval.cs_commission AS c
    JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE c.commission_id = r.commission_id;
    earliest := perf_eval.cs_add_working_days(on_date, perf_eval.cs_param_integer(v, 'cs.deadline.notify'));
    IF m.meets_on < earliest THEN
        RAISE EXCEPTION 'the meeting of % is less than % working days after the notification of %', m.meets_on,
                        perf_eval.cs_param_integer(v, 'cs.deadline.notify'), on_date
            USING ERRCODE = '22023',
                  DETAIL = format('Sheet %s; notified on %s, the earliest meeting is %s.', sheet, on_date, earliest),
                  HINT = 'cs.deadline.notify, APA 2020 report, Appendix 4, paragraph 31.';
    END IF;
    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_result AS x SET meeting_id = meeting WHERE x.sheet_id = sheet;
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_schedule(bigint, bigint, date) IS
'HR puts a sheet on the agenda of a meeting, notifying on on_date: the meeting must be at least cs.deadline.notify (7) working days later (APA 2020 report, Appendix 4, paragraph 31)';

CREATE FUNCTION perf_eval.cs_mark_present(meeting bigint, members bigint[])
RETURNS integer
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    WITH added AS (
        INSERT INTO perf_eval.cs_meeting_attendance (meeting_id, employee_id)
        SELECT $1, m FROM unnest($2) AS m ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::integer FROM added
$$;
COMMENT ON FUNCTION perf_eval.cs_mark_present(bigint, bigint[]) IS
'Records voting members present at a meeting (22023 for the secretary or a non-member; APA 2020 report, Appendix 4, paragraphs 32, 36)';

CREATE FUNCTION perf_eval.cs_cast_vote(meeting bigint, sheet bigint, member bigint, in_favour boolean)
RETURNS void
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
AS $$
    INSERT INTO perf_eval.cs_vote (meeting_id, sheet_id, employee_id, in_favour) VALUES ($1, $2, $3, $4)
$$;
COMMENT ON FUNCTION perf_eval.cs_cast_vote(bigint, bigint, bigint, boolean) IS
'Records a present member''s open vote on approving a sheet''s results as presented (APA 2020 report, Appendix 4, paragraph 34)';

CREATE FUNCTION perf_eval.cs_decide(sheet bigint, revised_kef numeric DEFAULT NULL, revised_grade text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'decide');
    r perf_eval.cs_result;
    m perf_eval.cs_commission_meeting;
    p perf_eval.cs_assessment_period;
    members integer;
    present integer;
    votes_for integer;
    votes_against integer;
    chair_vote boolean;
    outcome text;
    verdict text;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT x.* INTO m FROM perf_eval.cs_commission_meeting AS x WHERE x.meeting_id = r.meeting_id;
    SELECT x.* INTO p FROM perf_eval.cs_assessment_period AS x
    JOIN perf_eval.cs_commission AS c USING (period_id) WHERE c.commission_id = r.commission_id;

    SELECT count(*) INTO members FROM perf_eval.cs_commission_member AS cm
    WHERE cm.commission_id = r.commission_id AND cm.role IN ('chair', 'member');
    SELECT count(*) INTO present FROM perf_eval.cs_meeting_attendance AS a
    JOIN perf_eval.cs_commission_member AS cm ON cm.commission_id = r.commission_id AND cm.employee_id = a.employee_id
    WHERE a.meeting_id = m.meeting_id AND cm.role IN ('chair', 'member');
    IF NOT perf_eval.commission_quorate(members, present,
                                        perf_eval.cs_param_integer(p.methodology, 'cs.commission.min_members'),
                                        perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_num'),
                                        perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_den')) THEN
        RAISE EXCEPTION 'the meeting of % has no quorum: % of % voting members present', m.meets_on, present, members
            USING ERRCODE = '22023',
                  DETAIL = format('%s; sheet %s. A decision needs %s/%s of the voting members present.',
                                  perf_eval.cs_context(p.period_id, r.employee_id), sheet,
                                  perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_num'),
                                  perf_eval.cs_param_integer(p.methodology, 'cs.commission.quorum_den')),
                  HINT = 'cs.commission.quorum, APA 2020 report, Appendix 4, paragraph 32 (docs/methodology.md §6.3).';
    END IF;

    SELECT count(*) FILTER (WHERE v.in_favour), count(*) FILTER (WHERE NOT v.in_favour),
           bool_or(v.in_favour) FILTER (WHERE cm.role = 'chair')
      INTO votes_for, votes_against, chair_vote
    FROM perf_eval.cs_vote AS v
    JOIN perf_eval.cs_commission_member AS cm ON cm.commission_id = r.commission_id AND cm.employee_id = v.employee_id
    WHERE v.meeting_id = m.meeting_id AND v.sheet_id = sheet;
    IF votes_for = votes_against AND votes_for > 0 AND chair_vote IS NULL THEN
        RAISE EXCEPTION 'the vote on sheet % is tied % to % and the chair has not voted', sheet, votes_for, votes_against
            USING ERRCODE = '22023', DETAIL = perf_eval.cs_context(p.period_id, r.employee_id) || '.',
                  HINT = 'On a tie the chair''s vote decides, APA 2020 report, Appendix 4, paragraph 35.';
    END IF;
    -- The chair's vote only decides a tie; otherwise any value gives the majority's outcome.
    outcome := perf_eval.commission_decision(votes_for, votes_against, coalesce(chair_vote, votes_for > votes_against));
    verdict := CASE outcome WHEN 'adopted' THEN 'approved' ELSE 'revised' END;

    IF verdict = 'approved' AND (revised_kef IS NOT NULL OR revised_grade IS NOT NULL) THEN
        RAISE EXCEPTION 'the commission approved the results of sheet % as presented: no revision applies', sheet
            USING ERRCODE = '22023', DETAIL = format('yes %s, no %s.', votes_for, votes_against), HINT = 'Pass revised_kef and revised_grade as NULL when the vote approves; the commission revises only when the vote rejects the results as presented (APA 2020 report, Appendix 4, paragraphs 38-39).';
    ELSIF verdict = 'revised' AND revised_kef IS NULL AND revised_grade IS NULL THEN
        RAISE EXCEPTION 'the commission rejected the results of sheet % as presented: give the revised Kef or grade', sheet
            USING ERRCODE = '22023', DETAIL = format('yes %s, no %s.', votes_for, votes_against),
                  HINT = 'The commission corrects the assessment in the protocol, APA 2020 report, Appendix 4, paragraph 39.';
    END IF;
    IF revised_grade IS NOT NULL
       AND revised_grade NOT IN (SELECT g.grade FROM perf_eval.cs_grade_labels(p.grade_methodology) AS g) THEN
        RAISE EXCEPTION 'unknown grade "%"', revised_grade
            USING ERRCODE = '22023',
                  DETAIL = format('Grades: %s.', (SELECT string_agg(g.grade, ', ' ORDER BY g.grade_order)
                                                 FROM perf_eval.cs_grade_labels(p.grade_methodology) AS g)),
                  HINT = 'cs.m2018.grade_bands (docs/methodology.md §6.1).';
    END IF;
    IF revised_kef IS NOT NULL THEN
        PERFORM perf_eval.cs_check_revised_kef(revised_kef);
    END IF;

    UPDATE perf_eval.cs_result AS x
    SET state = move.to_state, state_since = m.meets_on, decision = verdict,
        revised_kef = cs_decide.revised_kef, revised_grade = cs_decide.revised_grade,
        members_voting = members, members_present = present, votes_yes = votes_for, votes_no = votes_against,
        chair_in_favour = chair_vote, decided_on = m.meets_on
    WHERE x.sheet_id = sheet AND x.state = move.from_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'login % may not decide on sheet %', current_user, sheet USING ERRCODE = '42501';
    END IF;
    RETURN verdict;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_decide(bigint, numeric, text) IS
'Records the commission''s decision on a scheduled sheet at its meeting: 22023 without quorum (3*present >= 2*members) or with a tie the chair has not voted on; yes > no approves, no > yes (or the chair on a tie) revises with the revised Kef and/or grade (APA 2020 report, Appendix 4, paragraphs 32-39)';

CREATE FUNCTION perf_eval.cs_check_revised_kef(kef numeric)
RETURNS void
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF kef < 0 OR kef IN ('NaN', 'Infinity') THEN
        RAISE EXCEPTION 'a revised Kef must be a non-negative finite number, not %', kef
            USING ERRCODE = CASE WHEN kef = 'NaN' OR kef = 'Infinity' THEN '22023' ELSE '22003' END,
                  HINT = 'Kef is a fraction (0.8451 = 84.51%) and may exceed 1 (docs/methodology.md §6.2).';
    END IF;
END
$$;

CREATE FUNCTION perf_eval.cs_record_refusal(sheet bigint, act_reference text, witnesses bigint[],
                                            on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'record_refusal');
    r perf_eval.cs_result;
    valid integer;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT count(DISTINCT e.employee_id) INTO valid FROM perf_eval.cs_employee AS e
    WHERE e.employee_id = ANY (witnesses) AND e.body = r.body AND e.employee_id <> r.employee_id;
    IF coalesce(act_reference, '') = '' OR valid < 2 OR cardinality(witnesses) <> valid THEN
        RAISE EXCEPTION 'a refusal act needs a reference and two other employees of the body as witnesses'
            USING ERRCODE = '22023', DETAIL = format('Sheet %s; act %s, witnesses %s.', sheet, act_reference, witnesses),
                  HINT = 'Signed by HR and two employees, APA 2020 report, Appendix 4, paragraph 43.';
    END IF;
    UPDATE perf_eval.cs_result AS x SET state = move.to_state, state_since = on_date,
           refusal_act = act_reference, refusal_witnesses = witnesses
    WHERE x.sheet_id = sheet AND x.state = move.from_state;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'login % may not record a refusal on sheet %', current_user, sheet USING ERRCODE = '42501';
    END IF;
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_record_refusal(bigint, text, bigint[], date) IS
'Records the act of an employee''s refusal to acknowledge the result, signed by HR and two employees; the result still enters the record (APA 2020 report, Appendix 4, paragraphs 43-44)';

CREATE FUNCTION perf_eval.cs_file_appeal(sheet bigint, grounds text, filed_on date DEFAULT current_date)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'appeal');
    r perf_eval.cs_result;
    v text;
    deadline date;
    id bigint;
BEGIN
    SELECT x.* INTO r FROM perf_eval.cs_result AS x WHERE x.sheet_id = sheet;
    SELECT p.methodology INTO v FROM perf_eval.cs_commission AS c
    JOIN perf_eval.cs_assessment_period AS p USING (period_id) WHERE c.commission_id = r.commission_id;
    deadline := perf_eval.cs_add_working_days(r.decided_on, perf_eval.cs_param_integer(v, 'cs.deadline.appeal'));
    IF filed_on > deadline THEN
        RAISE EXCEPTION 'the appeal against the decision of % on sheet % was due by %', r.decided_on, sheet, deadline
            USING ERRCODE = '22023',
                  DETAIL = format('Filed on %s, %s working days late.', filed_on,
                                  perf_eval.cs_working_days_between(deadline, filed_on)),
                  HINT = 'cs.deadline.appeal: within 10 working days of the decision, APA 2020 report, Appendix 4, paragraph 45.';
    END IF;
    PERFORM perf_eval.cs_apply_move(move, sheet, filed_on);
    INSERT INTO perf_eval.cs_appeal (sheet_id, filed_on, grounds) VALUES (sheet, filed_on, grounds)
    RETURNING appeal_id INTO id;
    RETURN id;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_file_appeal(bigint, text, date) IS
'Files the employee''s appeal to the civil-service authority: 22023 after cs.deadline.appeal (10) working days from the commission''s decision (APA 2020 report, Appendix 4, paragraph 45)';

CREATE FUNCTION perf_eval.cs_decide_appeal(sheet bigint, outcome text, on_date date DEFAULT current_date)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    move perf_eval.cs_workflow_transition := perf_eval.cs_legal_move('result', sheet, 'decide_appeal');
BEGIN
    IF outcome IS NULL OR outcome NOT IN ('recommend_revise', 'unchanged') THEN
        RAISE EXCEPTION 'unknown appeal outcome "%"', outcome
            USING ERRCODE = '22023', DETAIL = 'Outcomes are recommend_revise and unchanged.', HINT = 'Pass recommend_revise or unchanged (APA 2020 report, Appendix 4, paragraph 45).';
    END IF;
    PERFORM perf_eval.cs_apply_move(move, sheet, on_date);
    UPDATE perf_eval.cs_appeal AS a SET outcome = cs_decide_appeal.outcome, decided_on = on_date WHERE a.sheet_id = sheet;
    RETURN move.to_state;
END
$$;
COMMENT ON FUNCTION perf_eval.cs_decide_appeal(bigint, text, date) IS
'Records the civil-service authority''s decision on an appeal: recommend_revise (cancel and revise) or unchanged (APA 2020 report, Appendix 4, paragraph 45)';

-- -------------------------------------------------------------------------
-- Deadlines (working days, METHODOLOGY §6.3)
-- -------------------------------------------------------------------------

CREATE FUNCTION perf_eval.cs_deadlines(as_of date)
RETURNS TABLE (body text, period_id bigint, year integer, employee_id bigint, personnel_no text, full_name text,
               document text, sheet_id bigint, state text, since date, obligation text, deadline_key text,
               due_on date, overdue boolean, working_days_late integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH pending AS (
        SELECT i.period_id, i.employee_id, 'iwp' AS document, NULL::bigint AS sheet_id, i.state, i.state_since AS since,
               CASE i.state WHEN 'draft' THEN 'draw up and submit the individual work plan'
                            ELSE 'resubmit the returned plan' END AS obligation,
               CASE i.state WHEN 'draft' THEN 'cs.deadline.iwp' ELSE 'cs.deadline.resubmit' END AS deadline_key,
               CASE i.state WHEN 'draft' THEN p.starts_on ELSE i.state_since END AS counted_from
        FROM perf_eval.cs_iwp AS i JOIN perf_eval.cs_assessment_period AS p USING (period_id)
        WHERE i.state IN ('draft', 'returned')
        UNION ALL
        SELECT s.period_id, s.employee_id, 'sheet', s.sheet_id, s.state, s.state_since,
               CASE s.state WHEN 'returned' THEN 'resubmit the returned sheet'
                            WHEN 'agreed' THEN 'submit the sheet to the commission'
                            ELSE 'assess the employee after their return' END,
               CASE s.state WHEN 'returned' THEN 'cs.deadline.resubmit' WHEN 'agreed' THEN 'cs.deadline.to_commission'
                            ELSE 'cs.deadline.deferred' END,
               CASE s.state WHEN 'draft' THEN s.resumed_on ELSE s.state_since END
        FROM perf_eval.cs_assessment_sheet AS s
        WHERE s.state IN ('returned', 'agreed') OR (s.state = 'draft' AND s.resumed_on IS NOT NULL)
        UNION ALL
        SELECT s.period_id, r.employee_id, 'result', r.sheet_id, r.state, r.state_since,
               'inform the employee of the result', 'cs.deadline.inform', r.state_since
        FROM perf_eval.cs_result AS r JOIN perf_eval.cs_assessment_sheet AS s USING (sheet_id)
        WHERE r.state = 'approved_final'
    ),
    due AS (
        SELECT x.*, perf_eval.cs_add_working_days(x.counted_from, perf_eval.cs_param_integer(p.methodology, x.deadline_key))
                    AS due_on
        FROM pending AS x JOIN perf_eval.cs_assessment_period AS p USING (period_id)
    )
    SELECT p.body, d.period_id, p.year, d.employee_id, e.personnel_no, e.full_name, d.document, d.sheet_id, d.state,
           d.since, d.obligation, d.deadline_key, d.due_on, $1 > d.due_on,
           perf_eval.cs_working_days_between(d.due_on, $1)
    FROM due AS d
    JOIN perf_eval.cs_assessment_period AS p USING (period_id)
    JOIN perf_eval.cs_employee AS e ON e.employee_id = d.employee_id
$$;
COMMENT ON FUNCTION perf_eval.cs_deadlines(date) IS
'Every pending step with a deadline in working days as of a date: plans to draw up (cs.deadline.iwp from the period start) or resubmit, sheets to resubmit or send to the commission, deferred assessments, results to communicate; overdue when the date is past due_on (docs/methodology.md §6.3)';

-- -------------------------------------------------------------------------
-- pg_dump: users' assessment data survives; shipped reference rows come from CREATE EXTENSION
-- -------------------------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_position_tier', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_competency', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_behavioural_indicator', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_working_calendar', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_position', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_employee', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_login', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_assessment_period', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_iwp', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_kpi', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_assessment_sheet', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_kpi_rating', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_competency_rating', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_plan_execution', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission_member', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_commission_meeting', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_meeting_attendance', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_result', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_vote', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_appeal', '');
SELECT pg_catalog.pg_extension_config_dump('perf_eval.cs_workflow_event', '');
-- and the identity sequences, so new rows after a restore do not reuse ids
-- (one call per statement: each call updates the extension's catalog row)
DO $$
DECLARE
    seq record;
BEGIN
    FOR seq IN SELECT pg_catalog.pg_get_serial_sequence('perf_eval.' || s.t, s.c) AS name
               FROM (VALUES ('cs_position', 'position_id'), ('cs_employee', 'employee_id'),
                            ('cs_assessment_period', 'period_id'), ('cs_iwp', 'iwp_id'), ('cs_kpi', 'kpi_id'),
                            ('cs_assessment_sheet', 'sheet_id'), ('cs_commission', 'commission_id'),
                            ('cs_commission_meeting', 'meeting_id'), ('cs_appeal', 'appeal_id'),
                            ('cs_workflow_event', 'event_id')) AS s(t, c) LOOP
        PERFORM pg_catalog.pg_extension_config_dump(seq.name, '');
    END LOOP;
END
$$;
-- =========================================================================
-- Section: civil servants of corps "B": views (METHODOLOGY §6, §0.2)
--
-- security_invoker: each view shows what the querying login may see under
-- row-level security (an employee their own sheets, a manager their
-- subordinates', HR their body's, a commission the sheets before it).
-- Kef and its parts are stored as fractions and shown here as % rounded half
-- away from zero to cs.present.kef_scale decimals; shares to present.share_scale.
-- =========================================================================

-- One row per assessment sheet with its result (final = the commission's revision if any).
CREATE VIEW perf_eval.cs_sheet_result WITH (security_invoker = true) AS
SELECT s.body, p.period_id, p.year, e.employee_id, e.personnel_no, e.full_name, pos.unit,
       pos.title AS position, pos.tier, s.sheet_id, s.state AS sheet_state, s.exempt_reason,
       r.state AS result_state, r.kpis, r.kpis_achieved, r.kpi_part, r.competencies, r.competencies_met,
       r.competency_part, r.kef_raw, r.completed_tasks, r.total_tasks, r.plan_gate,
       r.computed_kef, r.revised_kef, coalesce(r.revised_kef, r.computed_kef) AS kef,
       round(100 * coalesce(r.revised_kef, r.computed_kef),
             perf_eval.cs_param_integer(p.methodology, 'cs.present.kef_scale')) AS kef_pct,
       r.computed_grade, r.revised_grade, coalesce(r.revised_grade, r.computed_grade) AS grade,
       r.decision, r.decided_on, r.votes_yes, r.votes_no, r.members_present, r.members_voting,
       p.methodology, p.grade_methodology
FROM perf_eval.cs_assessment_sheet AS s
JOIN perf_eval.cs_assessment_period AS p ON p.period_id = s.period_id
JOIN perf_eval.cs_employee AS e ON e.employee_id = s.employee_id
JOIN perf_eval.cs_position AS pos ON pos.position_id = e.position_id
LEFT JOIN perf_eval.cs_result AS r ON r.sheet_id = s.sheet_id;
COMMENT ON COLUMN perf_eval.cs_sheet_result.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_sheet_result.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_sheet_result.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_sheet_result.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_sheet_result.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_result.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_sheet_result.unit IS 'Structural unit of the position';
COMMENT ON COLUMN perf_eval.cs_sheet_result.position IS 'Title of the position';
COMMENT ON COLUMN perf_eval.cs_sheet_result.tier IS 'Position tier';
COMMENT ON COLUMN perf_eval.cs_sheet_result.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_sheet_result.sheet_state IS 'Workflow state of the sheet (see cs_assessment_sheet.state)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.exempt_reason IS 'Why the employee is not assessed; NULL unless exempt';
COMMENT ON COLUMN perf_eval.cs_sheet_result.result_state IS 'Workflow state of the result (see cs_result.state); NULL before the commission';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kpis IS 'Number of KPIs rated (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kpis_achieved IS 'KPIs whose fact meets the plan (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kpi_part IS 'KPI part, a fraction 0..2 (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.competencies IS 'Number of competencies rated (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.competencies_met IS 'Competencies that meet expectations (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.competency_part IS 'Competency part, a fraction 0..1';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kef_raw IS 'Kef before the plan gate, a fraction 0..1.5';
COMMENT ON COLUMN perf_eval.cs_sheet_result.completed_tasks IS 'Tasks completed (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.total_tasks IS 'Planned plus unplanned tasks (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.plan_gate IS 'Gate of plan execution: 0, 0.5 or 1';
COMMENT ON COLUMN perf_eval.cs_sheet_result.computed_kef IS 'Kef as computed, a fraction (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.revised_kef IS 'Kef set by the commission, a fraction; NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kef IS 'Final Kef: the commission''s revision if any, else as computed, a fraction (1 = 100 %)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.kef_pct IS 'Final Kef in %, rounded half away from zero to cs.present.kef_scale decimals';
COMMENT ON COLUMN perf_eval.cs_sheet_result.computed_grade IS 'm2018 grade as computed: excellent | effective | satisfactory | unsatisfactory';
COMMENT ON COLUMN perf_eval.cs_sheet_result.revised_grade IS 'Grade set by the commission; NULL unless revised';
COMMENT ON COLUMN perf_eval.cs_sheet_result.grade IS 'Final m2018 grade: the commission''s revision if any, else as computed';
COMMENT ON COLUMN perf_eval.cs_sheet_result.decision IS 'Commission decision: approved | revised; NULL before the decision';
COMMENT ON COLUMN perf_eval.cs_sheet_result.decided_on IS 'Date of the decision';
COMMENT ON COLUMN perf_eval.cs_sheet_result.votes_yes IS 'Votes for approving the result as computed (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.votes_no IS 'Votes against (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.members_present IS 'Voting members present (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.members_voting IS 'Voting members of the commission (count)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.methodology IS 'Methodology version of the Kef (draft_kef regime)';
COMMENT ON COLUMN perf_eval.cs_sheet_result.grade_methodology IS 'Methodology version of the m2018 grade';
COMMENT ON VIEW perf_eval.cs_sheet_result IS
'Every visible assessment sheet with its Kef (fraction and % shown) and m2018 grade, computed at submission to the commission and revised by it (docs/methodology.md §6.1-§6.3)';

-- Per competency: k of n behavioural indicators and whether it meets expectations (no aggregate under m2018).
CREATE VIEW perf_eval.cs_competency_result WITH (security_invoker = true) AS
SELECT s.body, s.period_id, s.sheet_id, s.employee_id, c.competency, k.title_en AS competency_title,
       c.manifested, c.defined,
       perf_eval.competency_meets(c.manifested, c.defined,
                                  perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_num'),
                                  perf_eval.cs_param_integer(p.methodology, 'cs.competency_ratio_den')) AS meets
FROM perf_eval.cs_competency_rating AS c
JOIN perf_eval.cs_assessment_sheet AS s ON s.sheet_id = c.sheet_id
JOIN perf_eval.cs_assessment_period AS p ON p.period_id = s.period_id
JOIN perf_eval.cs_competency AS k ON k.competency = c.competency;
COMMENT ON COLUMN perf_eval.cs_competency_result.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_competency_result.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_competency_result.sheet_id IS 'Assessment sheet';
COMMENT ON COLUMN perf_eval.cs_competency_result.employee_id IS 'Employee assessed';
COMMENT ON COLUMN perf_eval.cs_competency_result.competency IS 'Code of the competency';
COMMENT ON COLUMN perf_eval.cs_competency_result.competency_title IS 'Title of the competency in English';
COMMENT ON COLUMN perf_eval.cs_competency_result.manifested IS 'Behavioural indicators manifested, k (count)';
COMMENT ON COLUMN perf_eval.cs_competency_result.defined IS 'Behavioural indicators defined, n (count)';
COMMENT ON COLUMN perf_eval.cs_competency_result.meets IS 'True if the competency meets expectations (4k >= 3n)';
COMMENT ON VIEW perf_eval.cs_competency_result IS
'Competency results per sheet: meets expectations when 4k >= 3n (APA 2020 report §4.1); they guide development and do not affect bonuses';

-- A body's distribution of grades per period, with the Kef of each grade's employees.
CREATE VIEW perf_eval.cs_grade_distribution WITH (security_invoker = true) AS
WITH results AS (
    SELECT r.body, r.period_id, r.year, r.methodology, r.grade_methodology, r.grade, r.kef
    FROM perf_eval.cs_sheet_result AS r
    WHERE r.result_state IS NOT NULL
),
periods AS (
    SELECT DISTINCT x.body, x.period_id, x.year, x.methodology, x.grade_methodology, count(*) OVER w AS assessed
    FROM results AS x WINDOW w AS (PARTITION BY x.period_id)
),
grades AS (
    SELECT pr.*, g.grade, g.grade_order
    FROM periods AS pr CROSS JOIN LATERAL perf_eval.cs_grade_labels(pr.grade_methodology) AS g
    UNION ALL
    -- a plan with another number of KPIs than m2018's 5 has no grade
    SELECT pr.*, NULL, 1000 FROM periods AS pr
    WHERE EXISTS (SELECT 1 FROM results AS x WHERE x.period_id = pr.period_id AND x.grade IS NULL)
)
SELECT g.body, g.period_id, g.year, coalesce(g.grade, 'not graded') AS grade, g.grade_order,
       count(x.period_id) AS employees, g.assessed,
       round(100.0 * count(x.period_id) / g.assessed,
             perf_eval.cs_param_integer(g.grade_methodology, 'present.share_scale')) AS share_pct,
       round(100 * avg(x.kef), perf_eval.cs_param_integer(g.methodology, 'cs.present.kef_scale')) AS kef_mean_pct,
       round(100 * min(x.kef), perf_eval.cs_param_integer(g.methodology, 'cs.present.kef_scale')) AS kef_min_pct,
       round(100 * max(x.kef), perf_eval.cs_param_integer(g.methodology, 'cs.present.kef_scale')) AS kef_max_pct
FROM grades AS g
LEFT JOIN results AS x ON x.period_id = g.period_id AND x.grade IS NOT DISTINCT FROM g.grade
GROUP BY g.body, g.period_id, g.year, g.grade, g.grade_order, g.assessed, g.methodology, g.grade_methodology;
COMMENT ON COLUMN perf_eval.cs_grade_distribution.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.grade IS 'm2018 grade (excellent | effective | satisfactory | unsatisfactory), or ''not graded''';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.grade_order IS 'Sort key of the grade, best first; ''not graded'' last';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.employees IS 'Employees with the grade (count)';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.assessed IS 'Employees with a result in the period (count)';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.share_pct IS 'Share of the assessed with the grade, %, rounded to present.share_scale decimals';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.kef_mean_pct IS 'Mean final Kef of the grade''s employees, %, rounded to cs.present.kef_scale decimals';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.kef_min_pct IS 'Lowest final Kef of the grade''s employees, %';
COMMENT ON COLUMN perf_eval.cs_grade_distribution.kef_max_pct IS 'Highest final Kef of the grade''s employees, %';
COMMENT ON VIEW perf_eval.cs_grade_distribution IS
'Per body and period: employees per m2018 grade (every grade listed, best first), their share of those assessed, and the mean, min and max Kef of each grade in % (docs/methodology.md §6.1, §6.2)';

-- A body's distribution of Kef per period: quartiles and the effect of the plan gate.
CREATE VIEW perf_eval.cs_kef_distribution WITH (security_invoker = true) AS
SELECT r.body, r.period_id, r.year, count(*) AS assessed,
       round(100 * avg(r.kef), perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_mean_pct,
       round(100 * min(r.kef), perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_min_pct,
       round(100 * percentile_disc(0.25) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_q1_pct,
       round(100 * percentile_disc(0.5) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_median_pct,
       round(100 * percentile_disc(0.75) WITHIN GROUP (ORDER BY r.kef),
             perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_q3_pct,
       round(100 * max(r.kef), perf_eval.cs_param_integer(r.methodology, 'cs.present.kef_scale')) AS kef_max_pct,
       count(*) FILTER (WHERE r.kef > 1) AS above_100_pct,
       count(*) FILTER (WHERE r.plan_gate = 1) AS plan_fulfilled,
       count(*) FILTER (WHERE r.plan_gate > 0 AND r.plan_gate < 1) AS plan_gate_reduced,
       count(*) FILTER (WHERE r.plan_gate = 0) AS plan_gate_zero,
       count(*) FILTER (WHERE r.decision = 'revised') AS revised_by_commission
FROM perf_eval.cs_sheet_result AS r
WHERE r.result_state IS NOT NULL
GROUP BY r.body, r.period_id, r.year, r.methodology;
COMMENT ON COLUMN perf_eval.cs_kef_distribution.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.assessed IS 'Employees with a result in the period (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_mean_pct IS 'Mean final Kef, %, rounded to cs.present.kef_scale decimals';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_min_pct IS 'Lowest final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_q1_pct IS 'First quartile of the final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_median_pct IS 'Median final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_q3_pct IS 'Third quartile of the final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.kef_max_pct IS 'Highest final Kef, %';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.above_100_pct IS 'Employees whose final Kef exceeds 100 % (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.plan_fulfilled IS 'Employees with plan gate 1 (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.plan_gate_reduced IS 'Employees with plan gate 0.5 (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.plan_gate_zero IS 'Employees with plan gate 0 (count)';
COMMENT ON COLUMN perf_eval.cs_kef_distribution.revised_by_commission IS 'Results the commission revised (count)';
COMMENT ON VIEW perf_eval.cs_kef_distribution IS
'Per body and period: Kef of the assessed (mean, min, quartiles, max in %), how many exceed 100 %, and how the plan-execution gate acted (docs/methodology.md §6.2; the APA 2020 report gives no Kef grade thresholds, so none are drawn)';

-- Steps past their deadline today (working days; METHODOLOGY §6.3).
CREATE VIEW perf_eval.cs_overdue_sheets WITH (security_invoker = true) AS
SELECT d.* FROM perf_eval.cs_deadlines(current_date) AS d WHERE d.overdue;
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.period_id IS 'Assessment period';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.employee_id IS 'Employee concerned';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.personnel_no IS 'Personnel number of the employee';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.full_name IS 'Full name of the employee';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.document IS 'Document whose step is overdue: iwp | sheet | result';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.sheet_id IS 'Assessment sheet; NULL for a plan';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.state IS 'Current workflow state of the document';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.since IS 'Date the deadline counts from';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.obligation IS 'What has to be done, in words';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.deadline_key IS 'Methodology parameter that sets the deadline in working days (e.g. cs.deadline.iwp)';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.due_on IS 'Last day to meet the obligation';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.overdue IS 'Always true in this view';
COMMENT ON COLUMN perf_eval.cs_overdue_sheets.working_days_late IS 'Working days past due_on (count)';
COMMENT ON VIEW perf_eval.cs_overdue_sheets IS
'Plans, sheets and results whose next step is overdue today, with the obligation, the deadline parameter, the due date and the working days late; perf_eval.cs_deadlines(date) gives the same for any date';
-- =========================================================================
-- Section: civil servants of corps "B": privileges and row-level security
-- (METHODOLOGY §6.3; roles in 65_civil_servants.sql)
--
-- An employee sees only their own plans, sheets and results; a manager those
-- of everyone below them in the chain of supervisors; HR those of their body;
-- a commission member the sheets before their commission. Editors (and
-- admins) see and change everything. Readers (analysts) are granted SELECT
-- on every table by 80_privileges.sql but have no policy here: personal
-- assessments stay out of their reach.
--
-- Policies call helper functions that run with the caller's rights (no
-- definer's rights). They read only tables whose SELECT policy is a plain
-- "true" for the assessment roles (cs_login, cs_employee, cs_commission,
-- cs_commission_member), and write policies are per command, so a policy
-- never evaluates itself.
-- =========================================================================

GRANT USAGE ON SCHEMA perf_eval
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- What the methodology layer and the registry need to be read.
GRANT SELECT ON perf_eval.methodology, perf_eval.methodology_param, perf_eval.source_document, perf_eval.body
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- Every assessment role reads the reference data, the organisation, the
-- workflow catalog and (under row-level security) the assessments and views.
GRANT SELECT ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting, perf_eval.cs_meeting_attendance, perf_eval.cs_workflow_state,
      perf_eval.cs_workflow_transition, perf_eval.cs_iwp, perf_eval.cs_kpi, perf_eval.cs_assessment_sheet,
      perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating, perf_eval.cs_plan_execution, perf_eval.cs_result,
      perf_eval.cs_vote, perf_eval.cs_appeal, perf_eval.cs_workflow_event,
      perf_eval.cs_sheet_result, perf_eval.cs_competency_result, perf_eval.cs_grade_distribution,
      perf_eval.cs_kef_distribution, perf_eval.cs_overdue_sheets
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;
-- The workflow log is written by the state trigger as the login making the move.
GRANT INSERT ON perf_eval.cs_workflow_event
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- Managers draw up plans and fill sheets of their subordinates.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_kpi, perf_eval.cs_kpi_rating, perf_eval.cs_plan_execution
   TO perf_eval_cs_manager;
GRANT INSERT ON perf_eval.cs_iwp TO perf_eval_cs_manager;
GRANT UPDATE (state, state_since) ON perf_eval.cs_iwp, perf_eval.cs_assessment_sheet TO perf_eval_cs_manager;

-- HR: the body's organisation, commission, plans, sheets and results.
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_assessment_period,
      perf_eval.cs_commission, perf_eval.cs_commission_member, perf_eval.cs_commission_meeting,
      perf_eval.cs_kpi, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating, perf_eval.cs_plan_execution
   TO perf_eval_cs_hr;
GRANT INSERT ON perf_eval.cs_iwp, perf_eval.cs_assessment_sheet, perf_eval.cs_result TO perf_eval_cs_hr;
GRANT UPDATE (state, state_since) ON perf_eval.cs_iwp TO perf_eval_cs_hr;
GRANT UPDATE (state, state_since, commission_id) ON perf_eval.cs_assessment_sheet TO perf_eval_cs_hr;
GRANT UPDATE (state, state_since, meeting_id, refusal_act, refusal_witnesses) ON perf_eval.cs_result TO perf_eval_cs_hr;

-- The commission records attendance, votes and decisions.
GRANT INSERT ON perf_eval.cs_meeting_attendance, perf_eval.cs_vote TO perf_eval_cs_commission;
GRANT UPDATE (state, state_since, decision, revised_kef, revised_grade, members_voting, members_present,
              votes_yes, votes_no, chair_in_favour, decided_on) ON perf_eval.cs_result TO perf_eval_cs_commission;

-- Employees propose a plan amendment, acknowledge their result and appeal.
GRANT UPDATE (state, state_since) ON perf_eval.cs_iwp, perf_eval.cs_result TO perf_eval_cs_employee;
GRANT INSERT ON perf_eval.cs_appeal TO perf_eval_cs_employee;

-- Editors: every civil-servant table (80_privileges.sql grants the sequences).
GRANT INSERT, UPDATE, DELETE ON perf_eval.cs_position_tier, perf_eval.cs_competency, perf_eval.cs_behavioural_indicator,
      perf_eval.cs_working_calendar, perf_eval.cs_position, perf_eval.cs_employee, perf_eval.cs_login,
      perf_eval.cs_assessment_period, perf_eval.cs_commission, perf_eval.cs_commission_member,
      perf_eval.cs_commission_meeting, perf_eval.cs_meeting_attendance, perf_eval.cs_iwp, perf_eval.cs_kpi,
      perf_eval.cs_assessment_sheet, perf_eval.cs_kpi_rating, perf_eval.cs_competency_rating,
      perf_eval.cs_plan_execution, perf_eval.cs_result, perf_eval.cs_vote, perf_eval.cs_appeal,
      perf_eval.cs_workflow_event
   TO perf_eval_editor;

-- Identity sequences of the tables the assessment roles insert into.
DO $$
DECLARE
    seq text;
BEGIN
    FOR seq IN SELECT pg_catalog.pg_get_serial_sequence('perf_eval.' || t, c)
               FROM (VALUES ('cs_position', 'position_id'), ('cs_employee', 'employee_id'),
                            ('cs_assessment_period', 'period_id'), ('cs_commission', 'commission_id'),
                            ('cs_commission_meeting', 'meeting_id'), ('cs_iwp', 'iwp_id'), ('cs_kpi', 'kpi_id'),
                            ('cs_assessment_sheet', 'sheet_id'), ('cs_appeal', 'appeal_id'),
                            ('cs_workflow_event', 'event_id')) AS s(t, c) LOOP
        EXECUTE format('GRANT USAGE ON SEQUENCE %s TO perf_eval_cs_employee, perf_eval_cs_manager, '
                       'perf_eval_cs_hr, perf_eval_cs_commission', seq);
    END LOOP;
END
$$;

-- -------------------------------------------------------------------------
-- Row-level security
-- -------------------------------------------------------------------------

-- Organisation tables: every assessment role reads all rows; HR writes its
-- own body's (one policy per command, so reading never calls cs_is_hr_of);
-- editors write everything.
DO $$
DECLARE
    t record;
    command text;
BEGIN
    FOR t IN SELECT * FROM (VALUES
            ('cs_position',           'perf_eval.cs_is_hr_of(body)'),
            ('cs_employee',           'perf_eval.cs_is_hr_of(body)'),
            ('cs_assessment_period',  'perf_eval.cs_is_hr_of(body)'),
            ('cs_commission',         'perf_eval.cs_is_hr_of(body)'),
            ('cs_commission_member',  'EXISTS (SELECT 1 FROM perf_eval.cs_commission AS c WHERE c.commission_id = '
                                      'cs_commission_member.commission_id AND perf_eval.cs_is_hr_of(c.body))'),
            ('cs_commission_meeting', 'EXISTS (SELECT 1 FROM perf_eval.cs_commission AS c WHERE c.commission_id = '
                                      'cs_commission_meeting.commission_id AND perf_eval.cs_is_hr_of(c.body))')
        ) AS x(name, hr_rule) LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', t.name);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor USING (true) WITH CHECK (true)', t.name);
        EXECUTE format('CREATE POLICY cs_read ON perf_eval.%I FOR SELECT TO perf_eval_cs_employee, perf_eval_cs_manager, '
                       'perf_eval_cs_hr, perf_eval_cs_commission USING (true)', t.name);
        EXECUTE format('CREATE POLICY hr_insert ON perf_eval.%I FOR INSERT TO perf_eval_cs_hr WITH CHECK (%s)', t.name, t.hr_rule);
        FOREACH command IN ARRAY ARRAY['update', 'delete'] LOOP
            EXECUTE format('CREATE POLICY hr_%s ON perf_eval.%I FOR %s TO perf_eval_cs_hr USING (%s)%s',
                           command, t.name, command, t.hr_rule,
                           CASE command WHEN 'update' THEN format(' WITH CHECK (%s)', t.hr_rule) ELSE '' END);
        END LOOP;
    END LOOP;
END
$$;

-- Which login is which employee: read by the assessment roles (the policies' helpers need it), written by editors.
ALTER TABLE perf_eval.cs_login ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_login TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY cs_read ON perf_eval.cs_login FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission USING (true);

-- Attendance: read by the assessment roles, recorded by the commission (its secretary).
ALTER TABLE perf_eval.cs_meeting_attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_meeting_attendance TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY cs_read ON perf_eval.cs_meeting_attendance FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission USING (true);
CREATE POLICY commission_records ON perf_eval.cs_meeting_attendance FOR INSERT TO perf_eval_cs_commission
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_commission_meeting AS m
                        WHERE m.meeting_id = cs_meeting_attendance.meeting_id AND perf_eval.cs_sits_on(m.commission_id)));

-- Plans: the employee, the chain of managers, HR of the body, the commission the sheet is before.
ALTER TABLE perf_eval.cs_iwp ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_iwp TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY employee_own ON perf_eval.cs_iwp FOR SELECT TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee());
CREATE POLICY employee_amends ON perf_eval.cs_iwp FOR UPDATE TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee()) WITH CHECK (employee_id = perf_eval.cs_current_employee());
CREATE POLICY manager_subordinates ON perf_eval.cs_iwp TO perf_eval_cs_manager
    USING (perf_eval.cs_manages(employee_id)) WITH CHECK (perf_eval.cs_manages(employee_id));
CREATE POLICY hr_body ON perf_eval.cs_iwp TO perf_eval_cs_hr
    USING (perf_eval.cs_is_hr_of(body)) WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY commission_before_it ON perf_eval.cs_iwp FOR SELECT TO perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s
                   WHERE s.iwp_id = cs_iwp.iwp_id AND perf_eval.cs_sits_on(s.commission_id)));

-- KPIs follow their plan; managers and HR change them (the plan's state decides when).
ALTER TABLE perf_eval.cs_kpi ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_kpi TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_plan ON perf_eval.cs_kpi FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = cs_kpi.iwp_id));
CREATE POLICY drawn_up ON perf_eval.cs_kpi TO perf_eval_cs_manager, perf_eval_cs_hr
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = cs_kpi.iwp_id
                   AND (perf_eval.cs_manages(i.employee_id) OR perf_eval.cs_is_hr_of(i.body))))
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = cs_kpi.iwp_id
                        AND (perf_eval.cs_manages(i.employee_id) OR perf_eval.cs_is_hr_of(i.body))));

-- Sheets.
ALTER TABLE perf_eval.cs_assessment_sheet ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_assessment_sheet TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY employee_own ON perf_eval.cs_assessment_sheet FOR SELECT TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee());
CREATE POLICY manager_subordinates ON perf_eval.cs_assessment_sheet TO perf_eval_cs_manager
    USING (perf_eval.cs_manages(employee_id)) WITH CHECK (perf_eval.cs_manages(employee_id));
CREATE POLICY hr_body ON perf_eval.cs_assessment_sheet TO perf_eval_cs_hr
    USING (perf_eval.cs_is_hr_of(body)) WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY commission_before_it ON perf_eval.cs_assessment_sheet FOR SELECT TO perf_eval_cs_commission
    USING (perf_eval.cs_sits_on(commission_id));

-- What hangs off a sheet is visible with the sheet; managers and HR fill it.
DO $$
DECLARE
    child text;
BEGIN
    FOREACH child IN ARRAY ARRAY['cs_kpi_rating', 'cs_competency_rating', 'cs_plan_execution'] LOOP
        EXECUTE format('ALTER TABLE perf_eval.%I ENABLE ROW LEVEL SECURITY', child);
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor USING (true) WITH CHECK (true)', child);
        EXECUTE format('CREATE POLICY visible_sheet ON perf_eval.%1$I FOR SELECT '
                       'TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission '
                       'USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id))',
                       child);
        EXECUTE format('CREATE POLICY filled_by ON perf_eval.%1$I TO perf_eval_cs_manager, perf_eval_cs_hr '
                       'USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id '
                       'AND (perf_eval.cs_manages(s.employee_id) OR perf_eval.cs_is_hr_of(s.body)))) '
                       'WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = %1$I.sheet_id '
                       'AND (perf_eval.cs_manages(s.employee_id) OR perf_eval.cs_is_hr_of(s.body))))', child);
    END LOOP;
END
$$;

-- Results: visible with the sheet; HR creates and moves them, the commission decides, the employee acknowledges.
ALTER TABLE perf_eval.cs_result ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_result TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_sheet ON perf_eval.cs_result FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = cs_result.sheet_id));
CREATE POLICY hr_submits ON perf_eval.cs_result FOR INSERT TO perf_eval_cs_hr WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY hr_moves ON perf_eval.cs_result FOR UPDATE TO perf_eval_cs_hr
    USING (perf_eval.cs_is_hr_of(body)) WITH CHECK (perf_eval.cs_is_hr_of(body));
CREATE POLICY commission_decides ON perf_eval.cs_result FOR UPDATE TO perf_eval_cs_commission
    USING (perf_eval.cs_sits_on(commission_id)) WITH CHECK (perf_eval.cs_sits_on(commission_id));
CREATE POLICY employee_acknowledges ON perf_eval.cs_result FOR UPDATE TO perf_eval_cs_employee
    USING (employee_id = perf_eval.cs_current_employee()) WITH CHECK (employee_id = perf_eval.cs_current_employee());

-- Votes: open, visible with the sheet; cast by the commission at its meetings.
ALTER TABLE perf_eval.cs_vote ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_vote TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_sheet ON perf_eval.cs_vote FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = cs_vote.sheet_id));
CREATE POLICY commission_votes ON perf_eval.cs_vote FOR INSERT TO perf_eval_cs_commission
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_commission_meeting AS m
                        WHERE m.meeting_id = cs_vote.meeting_id AND perf_eval.cs_sits_on(m.commission_id)));

-- Appeals: visible with the sheet; filed by the employee; decided by editors (the authority).
ALTER TABLE perf_eval.cs_appeal ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_appeal TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_sheet ON perf_eval.cs_appeal FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = cs_appeal.sheet_id));
CREATE POLICY employee_files ON perf_eval.cs_appeal FOR INSERT TO perf_eval_cs_employee
    WITH CHECK (EXISTS (SELECT 1 FROM perf_eval.cs_result AS r
                        WHERE r.sheet_id = cs_appeal.sheet_id AND r.employee_id = perf_eval.cs_current_employee()));

-- The workflow log: visible with its document; written as the login making the move.
ALTER TABLE perf_eval.cs_workflow_event ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.cs_workflow_event TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY visible_document ON perf_eval.cs_workflow_event FOR SELECT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    USING (CASE entity WHEN 'iwp' THEN EXISTS (SELECT 1 FROM perf_eval.cs_iwp AS i WHERE i.iwp_id = entity_id)
                       ELSE EXISTS (SELECT 1 FROM perf_eval.cs_assessment_sheet AS s WHERE s.sheet_id = entity_id) END);
CREATE POLICY logged_by_mover ON perf_eval.cs_workflow_event FOR INSERT
    TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission
    WITH CHECK (actor = current_user);
-- =========================================================================
-- Section: reporting views for the Accounts Committee (METHODOLOGY §9)
-- Ranks use unrounded scores; rounding (half away from zero) happens only
-- here, to the version's present.* scales.
-- =========================================================================

-- Scores of blocks and directions in the current runs, with scope and restriction.
CREATE VIEW perf_eval.node_result AS
SELECT cs.year, cs.methodology, cs.body, b.kind, b.name_en, b.name_ru,
       cs.node, n.level, n.block, n.title_en AS node_title,
       cs.value, cs.origin, cs.status, cs.reason,
       perf_eval.scope_status(cs.body, n.block, cs.year) AS scope,
       coalesce((SELECT s.publication_restricted FROM perf_eval.body_scope AS s
                 WHERE s.body = cs.body AND s.block = n.block AND cs.year >= s.year_from
                   AND (cs.year <= s.year_to OR s.year_to IS NULL)), false) AS publication_restricted
FROM perf_eval.current_score AS cs
JOIN perf_eval.body AS b ON b.code = cs.body
JOIN perf_eval.score_node AS n ON n.code = cs.node;
COMMENT ON COLUMN perf_eval.node_result.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.node_result.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.node_result.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.node_result.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.node_result.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.node_result.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.node_result.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.node_result.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.node_result.block IS 'Code of the block the node belongs to: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.node_result.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.node_result.value IS 'Score in points, unrounded (0..100 for a block or direction under the default clamp); NULL if not assessable';
COMMENT ON COLUMN perf_eval.node_result.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.node_result.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.node_result.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.node_result.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.node_result.publication_restricted IS 'True if the score may be shown only to roles allowed to see restricted scores';
COMMENT ON VIEW perf_eval.node_result IS 'Current scores of every node with the body''s kind, scope and publication restriction';

-- Whether the current role may see a restricted score (the classified MFA strategic plan, §1.3).
CREATE FUNCTION perf_eval.may_see_restricted()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_classified_reader', 'MEMBER')
        OR pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER')
$$;
COMMENT ON FUNCTION perf_eval.may_see_restricted() IS
'True for members of perf_eval_classified_reader or perf_eval_admin (and superusers): they see scores whose publication is restricted';

CREATE VIEW perf_eval.ranking AS
WITH ranked AS (
    SELECT r.*,
           r.scope = 'assessed_ranked' AS is_ranked,
           CASE WHEN r.scope = 'assessed_ranked' THEN
               rank() OVER (PARTITION BY r.year, r.methodology, r.node, r.kind, r.scope = 'assessed_ranked'
                            ORDER BY r.value DESC)
           END AS rank,
           avg(r.value) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.node, r.kind) AS group_mean,
           count(*) FILTER (WHERE r.scope = 'assessed_ranked')
               OVER (PARTITION BY r.year, r.methodology, r.node, r.kind) AS n_ranked
    FROM perf_eval.node_result AS r
    WHERE r.level = 'block' AND r.value IS NOT NULL AND r.scope <> 'exempt'
),
previous_group AS (
    SELECT DISTINCT r.year, r.methodology, r.node, r.kind, r.group_mean FROM ranked AS r WHERE r.is_ranked
)
SELECT c.year, c.methodology, c.node AS block, c.kind, c.body, c.name_en, c.name_ru,
       CASE WHEN c.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL ELSE c.value END AS score,
       CASE WHEN c.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL
            ELSE round(c.value, perf_eval.param_numeric(c.methodology, 'present.block_scale')::integer) END AS score_shown,
       CASE WHEN p.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL ELSE p.value END AS previous_score,
       CASE WHEN p.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL
            ELSE round(p.value, perf_eval.param_numeric(c.methodology, 'present.block_scale')::integer) END AS previous_shown,
       c.rank,
       p.rank AS previous_rank,
       CASE WHEN NOT c.is_ranked OR pg.year IS NULL THEN NULL
            WHEN p.rank IS NULL THEN 'new'
            WHEN c.rank < p.rank THEN 'up'
            WHEN c.rank > p.rank THEN 'down'
            ELSE 'same' END AS movement,
       perf_eval.efficiency_zone(c.value, c.methodology) AS zone,
       zl.zone_order,
       zl.label_en AS zone_label, zl.label_ru AS zone_label_ru,
       trim_scale(c.group_mean) AS group_mean,
       round(c.group_mean, perf_eval.param_numeric(c.methodology, 'present.mean_scale')::integer) AS group_mean_shown,
       trim_scale(pg.group_mean) AS previous_group_mean,
       round(pg.group_mean, perf_eval.param_numeric(c.methodology, 'present.mean_scale')::integer) AS previous_group_mean_shown,
       c.n_ranked,
       NOT c.is_ranked AS advisory,
       c.origin,
       c.publication_restricted
FROM ranked AS c
LEFT JOIN ranked AS p ON p.year = c.year - 1 AND p.methodology = c.methodology AND p.node = c.node
                     AND p.body = c.body AND p.is_ranked
LEFT JOIN previous_group AS pg ON pg.year = c.year - 1 AND pg.methodology = c.methodology
                              AND pg.node = c.node AND pg.kind = c.kind
LEFT JOIN perf_eval.efficiency_zone_label AS zl ON zl.zone = perf_eval.efficiency_zone(c.value, c.methodology);
COMMENT ON COLUMN perf_eval.ranking.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.ranking.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.ranking.block IS 'Code of the block ranked: goals | interaction | orgdev | composite';
COMMENT ON COLUMN perf_eval.ranking.kind IS 'Kind of body: CSB | LEB; each kind is ranked separately';
COMMENT ON COLUMN perf_eval.ranking.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.ranking.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.ranking.name_ru IS 'Name of the body in Russian';
COMMENT ON COLUMN perf_eval.ranking.score IS 'Block score in points 0..100, unrounded; NULL if restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.ranking.score_shown IS 'Block score in points rounded half away from zero to present.block_scale decimals';
COMMENT ON COLUMN perf_eval.ranking.previous_score IS 'Last year''s block score in points, unrounded; NULL if the body was not ranked last year';
COMMENT ON COLUMN perf_eval.ranking.previous_shown IS 'Last year''s block score rounded as score_shown';
COMMENT ON COLUMN perf_eval.ranking.rank IS 'Rank among the bodies of the same kind (1 = best, ties only on equal unrounded scores, the next rank skips); NULL for advisory rows';
COMMENT ON COLUMN perf_eval.ranking.previous_rank IS 'Last year''s rank; NULL if not ranked last year';
COMMENT ON COLUMN perf_eval.ranking.movement IS 'Change of rank since last year: up | down | same | new; NULL for advisory rows or when no ranking exists for last year';
COMMENT ON COLUMN perf_eval.ranking.zone IS 'Efficiency zone of the unrounded score: high | medium | low | ineffective (docs/methodology.md §0.4)';
COMMENT ON COLUMN perf_eval.ranking.zone_order IS 'Sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.ranking.zone_label IS 'Name of the zone in English';
COMMENT ON COLUMN perf_eval.ranking.zone_label_ru IS 'Name of the zone in Russian';
COMMENT ON COLUMN perf_eval.ranking.group_mean IS 'Plain mean of the unrounded scores of the ranked bodies of the same kind, points';
COMMENT ON COLUMN perf_eval.ranking.group_mean_shown IS 'group_mean rounded half away from zero to present.mean_scale decimals';
COMMENT ON COLUMN perf_eval.ranking.previous_group_mean IS 'Last year''s group mean, points';
COMMENT ON COLUMN perf_eval.ranking.previous_group_mean_shown IS 'Last year''s group mean rounded as group_mean_shown';
COMMENT ON COLUMN perf_eval.ranking.n_ranked IS 'Number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.ranking.advisory IS 'True for an assessed_not_ranked body: shown after the ranked ones, without a rank';
COMMENT ON COLUMN perf_eval.ranking.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.ranking.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON VIEW perf_eval.ranking IS
'The published ranking table per year, methodology, block and body kind: score (unrounded and shown), last year''s, rank and previous rank (ties only on exactly equal unrounded scores), movement up/down/same/new, zone, group mean; assessed_not_ranked bodies follow as advisory with rank NULL (docs/methodology.md §9.1). Order by rank NULLS LAST, body';

CREATE VIEW perf_eval.zone_counts AS
WITH counted AS (
    SELECT r.year, r.methodology, r.node, r.level, r.kind, r.value,
           perf_eval.efficiency_zone(r.value, r.methodology) AS zone
    FROM perf_eval.node_result AS r
    WHERE r.level IN ('block', 'direction') AND r.value IS NOT NULL AND r.scope = 'assessed_ranked'
),
grouped AS (
    SELECT c.year, c.methodology, c.node, c.level, c.kind, count(*) AS n,
           count(*) FILTER (WHERE c.zone = 'high') AS high,
           count(*) FILTER (WHERE c.zone = 'medium') AS medium,
           count(*) FILTER (WHERE c.zone = 'low') AS low,
           count(*) FILTER (WHERE c.zone = 'ineffective') AS ineffective,
           avg(c.value) AS mean
    FROM counted AS c
    GROUP BY c.year, c.methodology, c.node, c.level, c.kind
)
SELECT g.year, g.methodology, g.node, g.level, g.kind, g.n, g.high, g.medium, g.low, g.ineffective,
       round(100.0 * g.high / g.n, s.share_scale) AS share_high,
       round(100.0 * g.medium / g.n, s.share_scale) AS share_medium,
       round(100.0 * g.low / g.n, s.share_scale) AS share_low,
       round(100.0 * g.ineffective / g.n, s.share_scale) AS share_ineffective,
       trim_scale(g.mean) AS mean,
       round(g.mean, s.mean_scale) AS mean_shown
FROM grouped AS g
CROSS JOIN LATERAL (SELECT perf_eval.param_numeric(g.methodology, 'present.share_scale')::integer AS share_scale,
                           perf_eval.param_numeric(g.methodology, 'present.mean_scale')::integer AS mean_scale) AS s;
COMMENT ON COLUMN perf_eval.zone_counts.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.zone_counts.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.zone_counts.node IS 'Code of the block or direction';
COMMENT ON COLUMN perf_eval.zone_counts.level IS 'block | direction';
COMMENT ON COLUMN perf_eval.zone_counts.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.zone_counts.n IS 'Number of ranked bodies with a score (count)';
COMMENT ON COLUMN perf_eval.zone_counts.high IS 'Bodies in zone high (count)';
COMMENT ON COLUMN perf_eval.zone_counts.medium IS 'Bodies in zone medium (count)';
COMMENT ON COLUMN perf_eval.zone_counts.low IS 'Bodies in zone low (count)';
COMMENT ON COLUMN perf_eval.zone_counts.ineffective IS 'Bodies in zone ineffective (count)';
COMMENT ON COLUMN perf_eval.zone_counts.share_high IS 'Share of bodies in zone high, % rounded to present.share_scale decimals';
COMMENT ON COLUMN perf_eval.zone_counts.share_medium IS 'Share of bodies in zone medium, %';
COMMENT ON COLUMN perf_eval.zone_counts.share_low IS 'Share of bodies in zone low, %';
COMMENT ON COLUMN perf_eval.zone_counts.share_ineffective IS 'Share of bodies in zone ineffective, %';
COMMENT ON COLUMN perf_eval.zone_counts.mean IS 'Plain mean of the unrounded scores, points';
COMMENT ON COLUMN perf_eval.zone_counts.mean_shown IS 'mean rounded half away from zero to present.mean_scale decimals';
COMMENT ON VIEW perf_eval.zone_counts IS
'Per year, methodology, block or direction and body kind: the number of ranked bodies, the count and share (%, half away from zero) in each efficiency zone, and the plain mean of the unrounded scores (docs/methodology.md §9.2)';

CREATE VIEW perf_eval.body_card AS
SELECT r.year, r.methodology, r.body, r.kind, r.name_en, r.node, r.level, r.node_title,
       CASE WHEN r.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL ELSE r.value END AS score,
       CASE WHEN r.publication_restricted AND NOT perf_eval.may_see_restricted() THEN NULL
            ELSE round(r.value, perf_eval.param_numeric(r.methodology,
                       CASE WHEN r.level = 'block' THEN 'present.block_scale' ELSE 'present.node_scale' END)::integer)
       END AS score_shown,
       perf_eval.node_maximum(r.node, r.methodology, r.kind) AS maximum,
       r.origin, s.superseded, r.status, r.reason, r.scope, r.publication_restricted,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL THEN perf_eval.efficiency_zone(r.value, r.methodology) END AS zone,
       (SELECT z.zone_order FROM perf_eval.efficiency_zone_label AS z
        WHERE r.level = 'block' AND r.value IS NOT NULL AND z.zone = perf_eval.efficiency_zone(r.value, r.methodology)) AS zone_order,
       k.rank, k.n_ranked, k.previous_rank, k.movement,
       CASE WHEN r.level = 'block' AND r.value IS NOT NULL THEN
           format('%s: %s — %s points, %s, %s', r.name_en, r.node_title,
                  CASE WHEN r.publication_restricted AND NOT perf_eval.may_see_restricted() THEN 'restricted'
                       ELSE round(r.value, perf_eval.param_numeric(r.methodology, 'present.block_scale')::integer)::text END,
                  k.zone_label,
                  CASE WHEN k.rank IS NULL THEN 'not ranked (' || replace(r.scope, '_', ' ') || ')'
                       ELSE format('rank %s of %s', k.rank, k.n_ranked)
                            || CASE WHEN k.movement IN ('up', 'down', 'same') THEN format(' (%s from %s)', k.movement, k.previous_rank)
                                    WHEN k.movement = 'new' THEN ' (new)' ELSE '' END
                  END)
       END AS sentence,
       (SELECT jsonb_agg(DISTINCT e.value ->> 'key')
        FROM jsonb_array_elements(coalesce(s.explanation -> 'parameters', '[]'::jsonb)
                                  || coalesce(s.explanation -> 'policy_parameters', '[]'::jsonb)) AS e
        WHERE (e.value ->> 'assumed')::boolean) AS assumed_parameters,
       s.explanation
FROM perf_eval.node_result AS r
JOIN perf_eval.current_score AS s ON s.year = r.year AND s.methodology = r.methodology AND s.body = r.body AND s.node = r.node
LEFT JOIN perf_eval.ranking AS k ON k.year = r.year AND k.methodology = r.methodology AND k.block = r.node AND k.body = r.body;
COMMENT ON COLUMN perf_eval.body_card.year IS 'Assessed year';
COMMENT ON COLUMN perf_eval.body_card.methodology IS 'Methodology version';
COMMENT ON COLUMN perf_eval.body_card.body IS 'Code of the state body';
COMMENT ON COLUMN perf_eval.body_card.kind IS 'Kind of body: CSB | LEB';
COMMENT ON COLUMN perf_eval.body_card.name_en IS 'Name of the body in English';
COMMENT ON COLUMN perf_eval.body_card.node IS 'Code of the score node';
COMMENT ON COLUMN perf_eval.body_card.level IS 'Level in the score tree: block | direction | criterion';
COMMENT ON COLUMN perf_eval.body_card.node_title IS 'Title of the node in English';
COMMENT ON COLUMN perf_eval.body_card.score IS 'Score in points, unrounded; NULL if not assessable, or restricted and not visible to the role';
COMMENT ON COLUMN perf_eval.body_card.score_shown IS 'Score rounded half away from zero (blocks to present.block_scale, other nodes to present.node_scale decimals)';
COMMENT ON COLUMN perf_eval.body_card.maximum IS 'Maximum of the node in points under the methodology and body kind';
COMMENT ON COLUMN perf_eval.body_card.origin IS 'computed | supplied';
COMMENT ON COLUMN perf_eval.body_card.superseded IS 'True if a supplied ancestor overrides this computed value';
COMMENT ON COLUMN perf_eval.body_card.status IS 'ok | not_assessable';
COMMENT ON COLUMN perf_eval.body_card.reason IS 'Why the node is not assessable (zero_volume, not_published, plan_zero, no_data, ...)';
COMMENT ON COLUMN perf_eval.body_card.scope IS 'Scope of the body in the block: assessed_ranked | assessed_not_ranked | exempt';
COMMENT ON COLUMN perf_eval.body_card.publication_restricted IS 'True if the score is shown only to roles allowed to see restricted scores';
COMMENT ON COLUMN perf_eval.body_card.zone IS 'Blocks only: efficiency zone of the unrounded score: high | medium | low | ineffective';
COMMENT ON COLUMN perf_eval.body_card.zone_order IS 'Blocks only: sort key of the zone: 1 high, 2 medium, 3 low, 4 ineffective';
COMMENT ON COLUMN perf_eval.body_card.rank IS 'Blocks only: rank among the bodies of the same kind; NULL if not ranked';
COMMENT ON COLUMN perf_eval.body_card.n_ranked IS 'Blocks only: number of bodies of the same kind ranked (count)';
COMMENT ON COLUMN perf_eval.body_card.previous_rank IS 'Blocks only: last year''s rank';
COMMENT ON COLUMN perf_eval.body_card.movement IS 'Blocks only: up | down | same | new';
COMMENT ON COLUMN perf_eval.body_card.sentence IS 'Blocks only: the sentence the report prints (score, zone, rank and movement)';
COMMENT ON COLUMN perf_eval.body_card.assumed_parameters IS 'Keys of the assumed parameters the node used (jsonb array)';
COMMENT ON COLUMN perf_eval.body_card.explanation IS 'How the value was obtained (jsonb; docs/methodology.md §9.4)';
COMMENT ON VIEW perf_eval.body_card IS
'One row per node of a body''s current score tree: points and maximum, computed or supplied, zone, rank and movement with the sentence the report prints for blocks, the assumed parameters used, and the explanation (docs/methodology.md §9.3, §9.4)';
-- =========================================================================
-- Section: privileges and row-level security of the common objects
-- (roles are created in 05_roles.sql; each block's part grants on its own tables)
-- =========================================================================

GRANT USAGE ON SCHEMA perf_eval TO perf_eval_reader, perf_eval_submitter, perf_eval_editor, perf_eval_admin;

-- Readers: every table and view (row-level security still applies to inputs).
GRANT SELECT ON ALL TABLES IN SCHEMA perf_eval TO perf_eval_reader;

-- Editors: inputs of every body.
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_counts, perf_eval.supplied_score, perf_eval.penalty_event,
      perf_eval.complaint_counts_staging, perf_eval.supplied_score_staging
   TO perf_eval_editor;
-- Submitters: the registry and their own bodies' inputs (not other bodies', so not readers).
GRANT SELECT ON perf_eval.body, perf_eval.block, perf_eval.score_node, perf_eval.body_submitter TO perf_eval_submitter;
GRANT SELECT, INSERT, UPDATE, DELETE ON perf_eval.complaint_counts TO perf_eval_submitter;

-- Admins: methodology versions, registry, scope, runs.
GRANT INSERT, UPDATE, DELETE ON perf_eval.methodology, perf_eval.methodology_param, perf_eval.body,
      perf_eval.body_scope, perf_eval.body_submitter, perf_eval.run
   TO perf_eval_admin;
-- Scores are written by the recalculation and deleted with their run, never updated.
GRANT INSERT, DELETE ON perf_eval.score TO perf_eval_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA perf_eval TO perf_eval_editor;

REVOKE EXECUTE ON PROCEDURE perf_eval.recalculate(integer, text) FROM PUBLIC;
GRANT EXECUTE ON PROCEDURE perf_eval.recalculate(integer, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.recalculate_within_transaction(integer, text) TO perf_eval_admin;
REVOKE EXECUTE ON FUNCTION perf_eval.compute_run(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION perf_eval.compute_run(bigint) TO perf_eval_admin;

-- Row-level security on a body's inputs: staff see and change every row,
-- readers read, submitters only the bodies they submit for.
ALTER TABLE perf_eval.complaint_counts ENABLE ROW LEVEL SECURITY;
CREATE POLICY staff_all ON perf_eval.complaint_counts TO perf_eval_editor USING (true) WITH CHECK (true);
CREATE POLICY readers_read ON perf_eval.complaint_counts FOR SELECT TO perf_eval_reader USING (true);
CREATE POLICY submitter_own_body ON perf_eval.complaint_counts TO perf_eval_submitter
    USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body));

-- Raw registries (44_registries.sql): editors load records (their statement
-- triggers mark the changed months); the recalculation, run by admins,
-- refreshes the monthly partial states.
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_record, perf_eval.service_delivery TO perf_eval_editor;
GRANT INSERT ON perf_eval.registry_dirty_month TO perf_eval_editor;
GRANT INSERT, UPDATE, DELETE ON perf_eval.complaint_tally_monthly, perf_eval.service_tally_monthly,
      perf_eval.registry_dirty_month TO perf_eval_admin;
