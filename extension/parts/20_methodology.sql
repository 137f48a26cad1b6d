-- =========================================================================
-- Section: methodology versions and parameters (METHODOLOGY §0.5, §2): the
-- tables, the shipped versions with their parameters, and the triggers that
-- keep shipped versions read-only
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

-- -------------------------------------------------------------------------
-- Shipped parameters: civil-servant parameters that METHODOLOGY §2.6 implies but
-- the main list of shipped parameters does not (METHODOLOGY §6.2, §0.2)
--
-- The other keys of §2.6 are shipped there under these names:
--   cs.competency_ratio      -> cs.competency_ratio_num / _den (3/4; kz2020 and kz2020_apa)
--   cs.kef.weights           -> cs.kef.w_kpi / cs.kef.w_competency (0.5 / 0.5; validated to sum to 1)
--   cs.commission.quorum     -> cs.commission.quorum_num / _den (2/3)
--   cs.deadline.*            -> iwp, resubmit, to_commission, notify, inform, appeal, deferred
-- The workflow, commission and deadline keys exist only in kz2020_apa (the
-- draft standard methodology of Appendix 4); the m2018 grade keys only in
-- kz2020. An assessment period therefore names one version of each regime
-- (perf_eval.cs_assessment_period, 65_civil_servant_model.sql).
-- -------------------------------------------------------------------------

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'cs.kef.completeness_bands', 'ge 1 => 2; ge 0.75 => 1; else => 0', 'bands', 'explicit',
 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3',
 'Kef: completeness c from a = fact/plan (plan/fact when a decrease is expected): full implementation 2, deviation no more than 25% 1, more 0 (docs/methodology.md §6.2)'),
('kz2020_apa', 'cs.present.kef_scale', '2', 'number', 'derived',
 'apa2020', 'APA 2020 report, Appendix 3',
 'decimals shown for Kef and its parts as % (84.505% shown 84.51; docs/methodology.md §0.2)');

-- -------------------------------------------------------------------------
-- Shipped parameters: interaction-block parameters that METHODOLOGY §2.4 implies but
-- the main list of shipped parameters does not (METHODOLOGY §4.2, §4.3)
--
-- * services.rate_base: the unit of every services rate, "per 100 000
--   deliveries" (rate_x = 100000 * count_x / deliveries, §4.2). It belongs to
--   the assumed scales whose x it measures, so it is assumed with them.
-- * services.{csb,leb}.satisfaction_max / quality_max / automation_max: the
--   maxima of the criterion nodes K1/M1, K2/M2 (K2' in kz2020_apa) and K3 per
--   body kind, used by the clamp policy, the checks of supplied scores and the
--   body card (K1 40 vs M1 50, K2 40 vs M2 50; no LEB K3 under kz2020).
--   kz2017 has none: its services direction is supplied (services.mode).
-- -------------------------------------------------------------------------

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

-- -------------------------------------------------------------------------
-- Shipped parameters: the main list, kz2017, kz2020 and kz2020_apa
-- (METHODOLOGY §0.5, §0.6, §0.8, §2.2-§2.6), one scalar per key.
-- Provenance: E and "E (reading)" -> explicit, D -> derived, A -> assumed.
-- A "—" cell of §2 has no row; "=" repeats the column to the left.
-- -------------------------------------------------------------------------

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
('kz2020_apa', 'goals.bp_split.basis', 'funds', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 1 recommendations, item 4)', 'funds: current and development programmes are weighted by the budgetary funds of their assessed programmes ("it should depend on the amount of budgetary funds"); when a type has no assessed programme or an assessed programme reports no funds, the fixed weights w_current / w_development apply; fixed: always the fixed weights'),
('kz2020_apa', 'goals.bp_result_overfulfil_threshold', '1.05', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §3.4', 'a BP result indicator with F > 1.05*P (strict) is an overfulfilment penalty fact; assumed'),
('kz2020_apa', 'goals.penalty.unreliable', '1', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of unreliable information; categories given, points not (assumed)'),
('kz2020_apa', 'goals.penalty.incomplete', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of incomplete information; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.untimely', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per fact of untimely information; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.bp_result_overfulfilment', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'goals penalty points per overfulfilled BP result indicator; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.missing_ti_method', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5; Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraphs 9, 30, 31', 'CSB goals penalty points per target indicator without a calculation method; points not given (assumed)'),
('kz2020_apa', 'goals.penalty.ti_overfulfilment', '0', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'LEB penalty per overfulfilled target indicator; 0 (assumed) because the x0.8 correction already applies');
-- The proposed penalty for target indicators not taken into account (seed 000 lines 1003-1005).
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'goals.leb.uncounted_ti_penalty', '0.5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'LEB penalty points per target indicator not taken into account in the calculation (status not_counted); the report proposes the penalty for the regions without points (assumed, as the other goals penalties per fact)'),
('kz2020_apa', 'goals.csb.uncounted_ti_penalty', '0', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'CSB penalty points per target indicator not taken into account; 0 (assumed) because the report proposes the penalty for the regions (LEBs) only'),
('kz2020_apa', 'goals.uncounted_ti_penalty_cap', '5', 'number', 'assumed', 'apa2020', 'APA 2020 report §1.5', 'most penalty points for target indicators not taken into account, per body and year; the report gives no cap (assumed, as the 5-point penalties of APA 2020 report §2.5)');

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
('kz2020_apa', 'cs.amendments_per_period', '1', 'number', 'explicit', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 18', 'at most this many IWP amendments per period'),
-- the graded methodology (seed 000 lines 4456-4492, Table 4.3; 4494-4502, Table 4.4; 5278, monitoring; 5309, 360 degrees)
('kz2020_apa', 'cs.assessment_frequency', 'annual', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: every level is assessed once a year'),
('kz2020_apa', 'cs.monitoring_interval_months', '6', 'number', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3; Appendix 4, paragraph 18', 'graded methodology: the direct supervisor monitors the KPIs of the plan every this many months'),
('kz2020_apa', 'cs.level.senior_management.kpi_criteria', 'strategic_goals_achieved, internal_and_hr_management_requirements_met, decisions_timely_and_efficient, innovative_practices_introduced', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: KPI criteria of senior management (the table''s example)'),
('kz2020_apa', 'cs.level.middle_management.kpi_criteria', 'unit_tasks_fulfilled, favourable_working_environment, management_skills_developed, innovative_initiatives_encouraged', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: KPI criteria of middle management (the table''s example)'),
('kz2020_apa', 'cs.level.executive.kpi_criteria', 'performance_requirements_fulfilled, unit_tasks_performed, professional_development_tasks_fulfilled', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'graded methodology: KPI criteria of executive staff (the table''s example)'),
('kz2020_apa', 'cs.level.senior_management.positive', 'bonus, intangible_incentive', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a positive assessment of senior management'),
('kz2020_apa', 'cs.level.middle_management.positive', 'advancement, bonus, intangible_incentive', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a positive assessment of middle management'),
('kz2020_apa', 'cs.level.executive.positive', 'advancement, bonus, intangible_incentive', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a positive assessment of executive staff'),
('kz2020_apa', 'cs.level.senior_management.negative', 'demotion, transfer, dismissal', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a negative assessment of senior management'),
('kz2020_apa', 'cs.level.middle_management.negative', 'development_plan, demotion, transfer', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a negative assessment of middle management'),
('kz2020_apa', 'cs.level.executive.negative', 'development_plan, transfer, dismissal', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3', 'consequences of a negative assessment of executive staff'),
('kz2020_apa', 'cs.consequence.negative_grades', 'unsatisfactory', 'name', 'assumed', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3 (silent on what makes an assessment negative)', 'a result is negative when its final grade is one of these, or its Kef is 0 (plan executed below 75 %: administrative decisions apply, Appendix 4, paragraph 28); positive otherwise; assumed'),
('kz2020_apa', 'cs.competency_scale', 'not_manifested, development, experience, expertise, skill', 'name', 'explicit', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.4', 'the proposed 5-level competency scale, level 1 first'),
('kz2020_apa', 'cs.competency_scale_meets', '3', 'number', 'assumed', 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.4 (silent on the level that meets expectations)', 'on the 5-level scale a competency meets expectations from this level (experience: in all standard situations); assumed'),
('kz2020_apa', 'cs.360.aggregate', 'mean_rounded', 'name', 'assumed', 'apa2020', 'APA 2020 report, Appendix 4, paragraph 27 (silent on combining the appraisers)', 'the 360-degree k of a competency is the appraisers'' mean k rounded half up; the 3/4 rule then applies; assumed');

-- -------------------------------------------------------------------------
-- Shipped parameters: organisational development parameters that METHODOLOGY §2.5
-- implies but the main list of shipped parameters does not (METHODOLOGY §5)
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
-- -------------------------------------------------------------------------

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

-- Risk signals for choosing the bodies whose reports are re-verified
-- (docs/methodology.md §9.5; 79_reverification.sql). No source sets them:
-- every one is assumed, the same in the three versions.
INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note)
SELECT m.name, p.key, p.value, 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §9.5', p.note
FROM (VALUES ('kz2017'), ('kz2020'), ('kz2020_apa')) AS m(name)
CROSS JOIN (VALUES
('risk.weight.overfulfilled', '1', 'risk points for the share of target indicators overfulfilled by 25 % or more; the APA 2020 report §1.5 names such overfulfilment, no weight is given (assumed)'),
('risk.weight.plans_lowered', '2', 'risk points for the share of target indicators whose plan was lowered during the year (assumed)'),
('risk.weight.not_counted', '1', 'risk points for the share of target indicators not taken into account (assumed)'),
('risk.weight.no_dynamics', '1', 'risk points for the share of target indicators without positive dynamics (assumed)'),
('risk.weight.jump_own', '1', 'risk points when a block score jumps against the body''s own earlier years (robust z-score beyond risk.z_threshold; assumed)'),
('risk.weight.jump_peers', '1', 'risk points when the change of a block score since last year is extreme among bodies of the same kind (robust z-score beyond risk.z_threshold; assumed)'),
('risk.weight.registry_mismatch', '2', 'risk points when reported complaint or delivery counts differ from the registry tallies by more than risk.registry_threshold (assumed)'),
('risk.weight.benford', '1', 'risk points when the first digits of the body''s reported numbers deviate from Benford''s law by more than risk.benford_threshold (assumed)'),
('risk.weight.last_findings', '2', 'risk points when last year''s re-verification found values different from the reported ones (assumed)'),
('risk.z_threshold', '3.5', 'a robust (modified) z-score beyond this in absolute value is a jump; 3.5 is the usual outlier limit of the modified z-score (assumed)'),
('risk.z_scale', '0.6745', 'modified z-score = z_scale x (x - median) / MAD; 0.6745 makes the MAD consistent with a normal standard deviation (assumed)'),
('risk.jump_min_values', '3', 'fewest earlier years, or peers, a robust z-score is computed from (assumed)'),
('risk.registry_threshold', '0.05', 'relative difference |reported - registry| / registry above which reported counts disagree with the registry (assumed)'),
('risk.benford_min_count', '30', 'fewest reported numbers of a body and year the first-digit test is made on (assumed)'),
('risk.benford_threshold', '0.015', 'mean absolute deviation of the first-digit shares from Benford''s law above which the digits do not conform (assumed)')
) AS p(key, value, note);

-- -------------------------------------------------------------------------
-- Shipped versions are read-only: fork them to change anything
-- (perf_eval.fork_methodology, 22_methodology_editing.sql). The triggers come
-- after the shipped parameters above, which they would refuse.
-- -------------------------------------------------------------------------
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

-- Everyone reads the methodology; admins keep versions (the triggers above
-- keep the shipped ones read-only); the civil-servant assessment roles read
-- the parameters their computation uses.
GRANT SELECT ON perf_eval.methodology, perf_eval.methodology_param, perf_eval.source_document TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.methodology, perf_eval.methodology_param TO perf_eval_admin;
GRANT SELECT ON perf_eval.methodology, perf_eval.methodology_param, perf_eval.source_document
   TO perf_eval_submitter, perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;

-- Every parameter named, with value, provenance and source, for explanations.
-- PL/pgSQL so that its plan is kept for the session: every node of every
-- body calls it once per computation (a SQL function is planned at every
-- call).
CREATE FUNCTION perf_eval.param_explanation(methodology text, keys text[])
RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN (SELECT coalesce(jsonb_agg(jsonb_build_object(
                       'key', p.key, 'value', p.value, 'provenance', p.provenance, 'source', p.source,
                       'assumed', p.provenance = 'assumed') ORDER BY p.key), '[]'::jsonb)
            FROM perf_eval.methodology_param AS p
            WHERE p.methodology = param_explanation.methodology AND p.key = ANY (param_explanation.keys));
END
$$;
COMMENT ON FUNCTION perf_eval.param_explanation(text, text[]) IS
'The named parameters of a methodology as a jsonb array of {key, value, provenance, source, assumed} (docs/methodology.md §0.5, §9.4)';

-- The explanation of one criterion (docs/methodology.md §9.4): formula,
-- clause, inputs and the version's parameters it reads. The complaints,
-- interaction and organisational development criteria build their explanations with it; a
-- criterion with indicator points adds them (|| {indicators}).
CREATE FUNCTION perf_eval.criterion_explanation(
    methodology text, formula_id text, formula text, clause text, inputs jsonb, parameter_keys text[])
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object('formula', jsonb_build_object('id', $2, 'text', $3), 'clause', $4, 'inputs', $5,
                              'parameters', perf_eval.param_explanation($1, $6))
$$;
COMMENT ON FUNCTION perf_eval.criterion_explanation(text, text, text, text, jsonb, text[]) IS
'The explanation of a criterion: {formula: {id, text}, clause, inputs, parameters (the named parameters of the methodology with provenance)} (docs/methodology.md §9.4)';
