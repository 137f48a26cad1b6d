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
-- (56_recalculate.sql); the apa one-time-acceptance criterion, which needs
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
    -- One source per body, as for complaints (complaint_tallies): its yearly
    -- totals where loaded, otherwise the merge of its monthly partial states
    -- of the delivery registry (docs/methodology.md §7.2). States of codes
    -- missing from perf_eval.body are left out (a run lists them in run_problems).
    SELECT c.body, c.deliveries, c.deadline_violations, c.unreasonable_refusals, c.incomplete_package,
           c.extra_documents, c.electronic, c.quality_appeals_justified,
           coalesce(c.source, 'service_counts')
    FROM perf_eval.service_counts AS c
    WHERE c.year = $1
    UNION ALL
    SELECT r.body, (r.tally).deliveries, (r.tally).deadline_violations, (r.tally).unreasonable_refusals,
           (r.tally).incomplete_package, (r.tally).extra_documents, (r.tally).electronic,
           (r.tally).quality_appeals_justified, 'service_delivery (monthly partial states)'
    FROM (SELECT m.body, perf_eval.service_tally_merge_agg(m.tally) AS tally
          FROM perf_eval.service_tally_monthly AS m
          WHERE m.month >= pg_catalog.make_date($1, 1, 1) AND m.month < pg_catalog.make_date($1 + 1, 1, 1)
            AND NOT EXISTS (SELECT 1 FROM perf_eval.service_counts AS c WHERE c.body = m.body AND c.year = $1)
            AND EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body)
          GROUP BY m.body) AS r
    WHERE (r.tally).deliveries > 0
$$;
COMMENT ON FUNCTION perf_eval.service_counts_of_year(integer) IS
'The yearly service counts of each body of perf_eval.body in a year, and their source: perf_eval.service_counts where loaded, else the merge of its monthly partial states of the delivery registry perf_eval.service_delivery (bodies with no delivery in the year are left out; docs/methodology.md §4.2, §7.2)';

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

-- The import machinery (27_import.sql) checks and moves the four files; a
-- staged body-year's Open NLA fulfilment replaces the loaded one.
INSERT INTO perf_eval.import_kind (input_kind, report, refusal, rules) VALUES
('interaction', 'interaction_inputs_report', 'interaction staging tables have %s problems',
 'perf_eval.interaction_input_rules');
INSERT INTO perf_eval.import_staging (staging, input_kind, move_order, target, key_columns, replaces_body_year) VALUES
('service_counts_staging', 'interaction', 1, 'service_counts', '{body,year}', false),
('service_indicators_staging', 'interaction', 2, 'service_indicators', '{body,year}', false),
('openness_inputs_staging', 'interaction', 3, 'openness_inputs', '{body,year}', false),
('open_nla_fulfilment_staging', 'interaction', 4, 'open_nla_fulfilment', '{body,year,language,item}', true);
INSERT INTO perf_eval.import_field (staging, field, kind, required, default_value) VALUES
('service_counts_staging', 'deliveries', 'count', true, NULL),
('service_counts_staging', 'deadline_violations', 'count', true, NULL),
('service_counts_staging', 'unreasonable_refusals', 'count', true, NULL),
('service_counts_staging', 'incomplete_package', 'count', true, NULL),
('service_counts_staging', 'extra_documents', 'count', true, NULL),
('service_counts_staging', 'electronic', 'count', true, NULL),
('service_counts_staging', 'quality_appeals_justified', 'count', true, NULL),
('service_counts_staging', 'source', 'text', false, NULL),
('service_indicators_staging', 'satisfaction_percent', 'percent', false, NULL),
('service_indicators_staging', 'services_in_register', 'count', false, NULL),
('service_indicators_staging', 'services_electronic', 'count', false, NULL),
('service_indicators_staging', 'downtime_hours', 'nonnegative', false, NULL),
('service_indicators_staging', 'newly_automated', 'count', false, NULL),
('service_indicators_staging', 'source', 'text', false, NULL),
('openness_inputs_staging', 'open_data_published', 'count', true, NULL),
('openness_inputs_staging', 'open_data_required', 'count', true, NULL),
('openness_inputs_staging', 'budget_filling_percent', 'percent', true, NULL),
('openness_inputs_staging', 'blog_questions_received', 'count', true, NULL),
('openness_inputs_staging', 'blog_questions_answered', 'count', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_2', 'fraction', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_3', 'fraction', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_4', 'fraction', true, NULL),
('openness_inputs_staging', 'dialogue_indicator_5', 'fraction', true, NULL),
('openness_inputs_staging', 'subordinates_total', 'count', false, '0'),
('openness_inputs_staging', 'subordinates_non_compliant', 'count', false, '0'),
('openness_inputs_staging', 'source', 'text', false, NULL),
('open_nla_fulfilment_staging', 'language', 'code', false, NULL),
('open_nla_fulfilment_staging', 'item', 'code', false, NULL),
('open_nla_fulfilment_staging', 'fulfilment', 'fraction', true, NULL);

-- The rules between staged interaction values (METHODOLOGY §4.5): part <= whole,
-- register and electronic services together, known Open NLA languages and items,
-- Open NLA rows only for a body-year with openness inputs.
CREATE FUNCTION perf_eval.interaction_input_rules()
RETURNS TABLE (staging text, staging_id bigint, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    WITH known_item AS (
        SELECT DISTINCT regexp_replace(p.key, '^openness\.nla\.[a-z]+\.', '') AS item
        FROM perf_eval.methodology_param AS p WHERE p.key ~ '^openness\.nla\.(csb|leb|apa)\.'
    )
    SELECT 'service_counts_staging', c.line_no, p.field, p.field || ' must not exceed deliveries'
    FROM perf_eval.service_counts_staging AS c CROSS JOIN LATERAL (VALUES
        ('deadline_violations', c.deadline_violations), ('unreasonable_refusals', c.unreasonable_refusals),
        ('incomplete_package', c.incomplete_package), ('extra_documents', c.extra_documents),
        ('electronic', c.electronic), ('quality_appeals_justified', c.quality_appeals_justified)) AS p(field, value)
    WHERE perf_eval.count_or_null(p.value) > perf_eval.count_or_null(c.deliveries)
    UNION ALL
    SELECT 'service_indicators_staging', i.line_no, 'services_in_register, services_electronic',
           'give both services_in_register and services_electronic, or neither'
    FROM perf_eval.service_indicators_staging AS i
    WHERE (nullif(trim(i.services_in_register), '') IS NULL) <> (nullif(trim(i.services_electronic), '') IS NULL)
    UNION ALL
    SELECT 'service_indicators_staging', i.line_no, 'services_electronic',
           'services_electronic must not exceed services_in_register'
    FROM perf_eval.service_indicators_staging AS i
    WHERE perf_eval.count_or_null(i.services_electronic) > perf_eval.count_or_null(i.services_in_register)
    UNION ALL
    SELECT 'openness_inputs_staging', o.line_no, 'blog_questions_answered',
           'blog_questions_answered must not exceed blog_questions_received'
    FROM perf_eval.openness_inputs_staging AS o
    WHERE perf_eval.count_or_null(o.blog_questions_answered) > perf_eval.count_or_null(o.blog_questions_received)
    UNION ALL
    SELECT 'openness_inputs_staging', o.line_no, 'subordinates_non_compliant',
           'subordinates_non_compliant must not exceed subordinates_total'
    FROM perf_eval.openness_inputs_staging AS o
    WHERE coalesce(perf_eval.count_or_null(o.subordinates_non_compliant), 0)
          > coalesce(perf_eval.count_or_null(o.subordinates_total), 0)
    UNION ALL
    SELECT 'open_nla_fulfilment_staging', n.line_no, 'language', 'language must be kk or ru'
    FROM perf_eval.open_nla_fulfilment_staging AS n WHERE n.language IS NULL OR trim(n.language) NOT IN ('kk', 'ru')
    UNION ALL
    SELECT 'open_nla_fulfilment_staging', n.line_no, 'item',
           'unknown Open NLA item (known: ' || (SELECT string_agg(k.item, ', ' ORDER BY k.item) FROM known_item AS k) || ')'
    FROM perf_eval.open_nla_fulfilment_staging AS n
    WHERE NOT EXISTS (SELECT 1 FROM known_item AS k WHERE k.item = trim(n.item))
    UNION ALL
    SELECT 'open_nla_fulfilment_staging', n.line_no, 'body, year',
           'no openness inputs for this body and year (staged or loaded)'
    FROM perf_eval.open_nla_fulfilment_staging AS n
    WHERE NOT EXISTS (SELECT 1 FROM perf_eval.openness_inputs_staging AS o
                      WHERE trim(o.body) = trim(n.body) AND trim(o.year) = trim(n.year))
      AND NOT EXISTS (SELECT 1 FROM perf_eval.openness_inputs AS l
                      WHERE l.body = trim(n.body) AND l.year::text = trim(n.year))
$$;
COMMENT ON FUNCTION perf_eval.interaction_input_rules() IS
'The rules between staged interaction values (part <= whole, register and electronic services together, known Open NLA languages and items, Open NLA rows with their body-year) for perf_eval.import_report (docs/methodology.md §4.5)';

CREATE FUNCTION perf_eval.interaction_inputs_report()
RETURNS TABLE (staging text, line bigint, body text, year text, field text, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p.staging, p.line, p.body, p.year, p.field, p.reason
    FROM perf_eval.import_report('interaction') AS p
    ORDER BY p.staging, p.line, p.field, p.reason
$$;
COMMENT ON FUNCTION perf_eval.interaction_inputs_report() IS
'Every bad row of the four interaction staging tables with its file (staging table), line, field and reason: unknown body, bad year, counts, percentages 0..100, fulfilment 0..1, hours >= 0, part <= whole, register and electronic services together, known Open NLA items and languages, NLA rows without their body-year, duplicates (docs/methodology.md §4.5); empty when they can be accepted';

CREATE FUNCTION perf_eval.accept_interaction_inputs()
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    accepted bigint;
    refusal text;
    hint text;
BEGIN
    CALL perf_eval.import_accept('interaction', accepted, refusal, hint);
    IF refusal IS NOT NULL THEN
        RAISE EXCEPTION '%', refusal USING ERRCODE = '22023', HINT = hint;
    END IF;
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
    SELECT coalesce(jsonb_object_agg(c.key, CASE WHEN $2 > 0 THEN perf_eval.service_rate_shown(c.value::numeric, $2, $1) END), '{}')
    FROM jsonb_each($3) AS c
$$;
COMMENT ON FUNCTION perf_eval.service_rates_shown(numeric, bigint, jsonb) IS
'Counts as rates per rate_base deliveries, rounded to 6 decimals for explanations (NULL without deliveries)';

-- K1 / M1 = P1 + P2 (kz2020; in kz2020_apa it is the direction S).
CREATE FUNCTION perf_eval.service_satisfaction_criterion(
    k text, methodology text, counts_known boolean, deliveries bigint, quality_appeals_justified bigint,
    satisfaction_percent numeric, rate_base numeric, zero_volume text, inputs jsonb)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['services.' || k || '.pts_p1', 'services.' || k || '.pts_p2', 'services.satisfaction_scale',
                         'services.appeal_scale', 'services.rate_base', 'policy.zero_volume'];
    indicators jsonb;
BEGIN
    node := 'interaction.services.satisfaction';
    reason := CASE WHEN NOT counts_known THEN 'no_data: service counts'
                   WHEN satisfaction_percent IS NULL AND deliveries > 0 THEN 'no_data: satisfaction_percent' END;
    IF reason IS NULL THEN
        SELECT s.raw_value, s.reason INTO raw_value, reason
        FROM perf_eval.service_satisfaction_value(v, keys[1:4], deliveries, quality_appeals_justified,
                                                  satisfaction_percent, rate_base, zero_volume) AS s;
        indicators := jsonb_build_object(
            'P1', perf_eval.service_satisfaction_points(
                      coalesce(satisfaction_percent, 0), 0, deliveries, perf_eval.param_numeric(v, keys[1]), 0,
                      perf_eval.param_text(v, keys[3]), perf_eval.param_text(v, keys[4]), rate_base, zero_volume),
            'P2', perf_eval.service_rate_points(quality_appeals_justified, deliveries, perf_eval.param_numeric(v, keys[2]),
                      perf_eval.param_text(v, keys[4]), rate_base, zero_volume));
    END IF;
    explanation := perf_eval.criterion_explanation(v, CASE k WHEN 'csb' THEN 'K1' ELSE 'M1' END,
                       'P1 + P2 = pts_p1·scale(satisfaction %) + pts_p2·scale(justified quality appeals per 100 000 deliveries)',
                       'APA 2020 report §2.2, Table 2.2', inputs, keys)
                   || jsonb_build_object('indicators', indicators);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.service_satisfaction_criterion(text, text, boolean, bigint, bigint, numeric, numeric, text, jsonb) IS
'K1 (CSB, k = csb) or M1 (LEB, k = leb) of the kz2020 services direction, raw, with its explanation and indicators P1, P2; part of perf_eval.service_criteria (docs/methodology.md §4.2)';

-- pts_satisfaction·scale(satisfaction %) + pts_appeal·scale(appeals per rate_base
-- deliveries) with the parameters named by keys (pts_satisfaction, pts_appeal,
-- satisfaction scale, appeal scale): K1/M1 and the apa direction S.
CREATE FUNCTION perf_eval.service_satisfaction_value(
    methodology text, keys text[], deliveries bigint, quality_appeals_justified bigint, satisfaction_percent numeric,
    rate_base numeric, zero_volume text)
RETURNS TABLE (raw_value numeric, reason text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- With no deliveries the kernel does not read the percentage (zero volume, §0.6).
    SELECT p.points, CASE WHEN p.points IS NULL THEN 'zero_volume' END
    FROM (SELECT perf_eval.service_satisfaction_points(
                     coalesce(satisfaction_percent, 0), quality_appeals_justified, deliveries,
                     perf_eval.param_numeric(methodology, keys[1]), perf_eval.param_numeric(methodology, keys[2]),
                     perf_eval.param_text(methodology, keys[3]), perf_eval.param_text(methodology, keys[4]),
                     rate_base, zero_volume) AS points) AS p
$$;
COMMENT ON FUNCTION perf_eval.service_satisfaction_value(text, text[], bigint, bigint, numeric, numeric, text) IS
'Raw value (NULL with reason zero_volume without deliveries under policy null) of K1/M1 or the apa direction S, the parameters named by keys: pts_satisfaction, pts_appeal, satisfaction scale, appeal scale (docs/methodology.md §4.2)';

-- K2 / M2 = T1 + T2 + T3 + T4 (kz2020), or K2' (kz2020_apa) with T2-T4 as penalties.
CREATE FUNCTION perf_eval.service_quality_criterion(
    k text, methodology text, counts_known boolean, deliveries bigint, deadline_violations bigint,
    unreasonable_refusals bigint, incomplete_package bigint, extra_documents bigint,
    rate_base numeric, zero_volume text, inputs jsonb)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    apa boolean := perf_eval.param_exists(v, 'services.apa.pts_deadlines');
    -- the points, then the scales of T1-T4: keys[s + i] is the scale of Ti
    keys text[] := CASE WHEN apa THEN ARRAY['services.apa.pts_deadlines', 'services.apa.penalty_max_each']
                        ELSE ARRAY['services.' || k || '.pts_t1', 'services.' || k || '.pts_t2',
                                   'services.' || k || '.pts_t3', 'services.' || k || '.pts_t4'] END
                   || ARRAY['services.t1_scale', 'services.t2_scale', 'services.t3_scale', 'services.t4_scale',
                            'services.rate_base', 'policy.zero_volume'];
    s integer := CASE WHEN apa THEN 2 ELSE 4 END;
    indicators jsonb;
BEGIN
    node := 'interaction.services.quality';
    reason := CASE WHEN NOT counts_known THEN 'no_data: service counts' END;
    IF reason IS NULL THEN
        raw_value := CASE WHEN apa
            THEN perf_eval.service_quality_points_apa(
                     deadline_violations, unreasonable_refusals, incomplete_package, extra_documents, deliveries,
                     perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                     perf_eval.param_text(v, keys[3]), perf_eval.param_text(v, keys[4]),
                     perf_eval.param_text(v, keys[5]), perf_eval.param_text(v, keys[6]), rate_base, zero_volume)
            ELSE perf_eval.service_quality_points(
                     deadline_violations, unreasonable_refusals, incomplete_package, extra_documents, deliveries,
                     perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                     perf_eval.param_numeric(v, keys[3]), perf_eval.param_numeric(v, keys[4]),
                     perf_eval.param_text(v, keys[5]), perf_eval.param_text(v, keys[6]),
                     perf_eval.param_text(v, keys[7]), perf_eval.param_text(v, keys[8]), rate_base, zero_volume) END;
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
        -- Ti = pts_ti·scale(rate_i); apa: T1 with the points of deadlines, T2-T4 as penalties.
        SELECT jsonb_object_agg(CASE WHEN apa AND t.i > 1 THEN 'penalty_T' ELSE 'T' END || t.i,
                   CASE WHEN apa AND t.i > 1
                        THEN perf_eval.service_quality_penalty(t.count, deliveries, perf_eval.param_numeric(v, keys[2]),
                                 perf_eval.param_text(v, keys[s + t.i]), rate_base)
                        ELSE perf_eval.service_rate_points(t.count, deliveries, perf_eval.param_numeric(v, keys[t.i]),
                                 perf_eval.param_text(v, keys[s + t.i]), rate_base, zero_volume) END)
        INTO indicators
        FROM (VALUES (1, deadline_violations), (2, unreasonable_refusals), (3, incomplete_package),
                     (4, extra_documents)) AS t(i, count);
    END IF;
    explanation := CASE WHEN apa
        THEN perf_eval.criterion_explanation(v, 'K2''',
                 'max(0, pts_deadlines·scale(rate_T1) − Σ_{i=2..4} penalty_max_each·min(1, rate_i/zero_i))',
                 'APA 2020 report §2.5', inputs, keys)
        ELSE perf_eval.criterion_explanation(v, CASE k WHEN 'csb' THEN 'K2' ELSE 'M2' END,
                 'T1 + T2 + T3 + T4, Ti = pts_ti·scale(count_i per 100 000 deliveries)',
                 'APA 2020 report §2.2, Table 2.2', inputs, keys) END
        || jsonb_build_object('indicators', indicators);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.service_quality_criterion(text, text, boolean, bigint, bigint, bigint, bigint, bigint, numeric, text, jsonb) IS
'K2 (CSB, k = csb) or M2 (LEB, k = leb) of the kz2020 services direction with indicators T1-T4, or K2'' (kz2020_apa) with T1 and the penalties T2-T4, raw, with its explanation; part of perf_eval.service_criteria (docs/methodology.md §4.2)';

-- K3 = T + V − P + B: CSBs; LEBs only where the version gives them points (kz2020_apa).
CREATE FUNCTION perf_eval.service_automation_criterion(
    k text, methodology text, counts_known boolean, deliveries bigint, electronic bigint,
    services_in_register bigint, services_electronic bigint, downtime_hours numeric, newly_automated bigint,
    zero_volume text, inputs jsonb)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    keys text[] := ARRAY['services.k3.pts_transfer', 'services.k3.pts_efficiency', 'services.k3.downtime_per_hour',
                         'services.k3.downtime_cap', 'services.k3.bonus_per_service', 'services.k3.bonus_cap',
                         'services.' || k || '.pts_k3', 'policy.zero_volume'];
BEGIN
    node := 'interaction.services.automation';
    reason := CASE WHEN NOT counts_known THEN 'no_data: service counts'
                   WHEN services_in_register IS NULL OR downtime_hours IS NULL OR newly_automated IS NULL THEN
                       'no_data: ' || concat_ws(', ', CASE WHEN services_in_register IS NULL THEN 'services_in_register' END,
                                                CASE WHEN downtime_hours IS NULL THEN 'downtime_hours' END,
                                                CASE WHEN newly_automated IS NULL THEN 'newly_automated' END) END;
    IF reason IS NULL THEN
        raw_value := perf_eval.service_automation_points(
                         services_electronic, services_in_register, electronic, deliveries, downtime_hours, newly_automated,
                         perf_eval.param_numeric(v, keys[1]), perf_eval.param_numeric(v, keys[2]),
                         perf_eval.param_numeric(v, keys[3]), perf_eval.param_numeric(v, keys[4]),
                         perf_eval.param_numeric(v, keys[5]), perf_eval.param_numeric(v, keys[6]),
                         perf_eval.param_numeric(v, keys[7]), zero_volume);
        reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    END IF;
    explanation := perf_eval.criterion_explanation(v, 'K3',
                       'min(pts_k3, max(0, pts_transfer·electronic/register services + pts_efficiency·electronic/all deliveries − min(downtime_cap, downtime_per_hour·hours) + min(bonus_cap, bonus_per_service·newly automated)))',
                       CASE WHEN k = 'leb' THEN 'APA 2020 report §2.2, Table 2.2; chapter 2 recommendations' ELSE 'APA 2020 report §2.2, Table 2.2' END,
                       inputs, keys);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.service_automation_criterion(text, text, boolean, bigint, bigint, bigint, bigint, numeric, bigint, text, jsonb) IS
'K3 of the services direction (CSBs; LEBs where the version gives them pts_k3), raw, with its explanation; part of perf_eval.service_criteria (docs/methodology.md §4.2)';

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

    IF NOT apa THEN  -- K1 / M1; in kz2020_apa satisfaction is the direction S
        RETURN QUERY SELECT * FROM perf_eval.service_satisfaction_criterion(
            k, v, counts_known, deliveries, quality_appeals_justified, satisfaction_percent, rate_base, zero_volume,
            inputs);
    END IF;
    RETURN QUERY SELECT * FROM perf_eval.service_quality_criterion(
        k, v, counts_known, deliveries, deadline_violations, unreasonable_refusals, incomplete_package,
        extra_documents, rate_base, zero_volume, inputs);
    IF perf_eval.param_exists(v, 'services.' || k || '.pts_k3') THEN
        RETURN QUERY SELECT * FROM perf_eval.service_automation_criterion(
            k, v, counts_known, deliveries, electronic, services_in_register, services_electronic, downtime_hours,
            newly_automated, zero_volume, inputs);
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
    -- Checked here too: without service counts the kernel is not called (issue 14 fuzz).
    IF satisfaction_percent IN ('NaN', 'Infinity', '-Infinity') THEN
        RAISE EXCEPTION 'satisfaction_percent must be a finite number'
            USING ERRCODE = '22023', DETAIL = format('satisfaction_percent = %s.', satisfaction_percent),
                  HINT = 'Satisfaction of service recipients, docs/methodology.md §4.1, §4.2.';
    END IF;
    zero_volume := perf_eval.param_text(v, 'policy.zero_volume');
    rate_base := perf_eval.param_numeric(v, 'services.rate_base');
    node := 'interaction.satisfaction';
    reason := CASE WHEN deliveries IS NULL OR quality_appeals_justified IS NULL THEN 'no_data: service counts'
                   WHEN satisfaction_percent IS NULL AND deliveries > 0 THEN 'no_data: satisfaction_percent' END;
    IF reason IS NULL THEN
        SELECT s.raw_value, s.reason INTO raw_value, reason
        FROM perf_eval.service_satisfaction_value(v, keys[1:4], deliveries, quality_appeals_justified,
                                                  satisfaction_percent, rate_base, zero_volume) AS s;
    END IF;
    explanation := perf_eval.criterion_explanation(v, 'S',
        's_pts_satisfaction·scale(satisfaction %) + s_pts_appeal·scale(justified quality appeals per 100 000 deliveries)',
        'APA 2020 report, chapter 2 recommendations',
        jsonb_build_object('deliveries', deliveries, 'quality_appeals_justified', quality_appeals_justified,
                           'satisfaction_percent', satisfaction_percent, 'source', source,
                           'rates_per_rate_base', perf_eval.service_rates_shown(rate_base, deliveries,
                               jsonb_build_object('quality_appeals_justified', quality_appeals_justified))),
        keys);
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
    explanation := perf_eval.criterion_explanation(v, 'one_time_acceptance',
        'pts·scale(extra-document requests per 100 000 deliveries)', 'APA 2020 report, chapter 2 recommendations',
        jsonb_build_object('deliveries', deliveries, 'extra_documents', extra_documents, 'source', source,
                           'rates_per_rate_base', perf_eval.service_rates_shown(rate_base, deliveries,
                               jsonb_build_object('extra_documents', extra_documents))),
        keys);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.one_time_acceptance_criterion(text, bigint, bigint, text) IS
'The kz2020_apa complaints criterion one-time acceptance of documents: pts·scale(extra-document requests per 100 000 deliveries), raw, with its explanation; no row under versions without it (docs/methodology.md §4.4)';

-- ---------------------------------------------------------------------------
-- Openness of one body under a methodology (METHODOLOGY §4.3)
-- ---------------------------------------------------------------------------

-- Open NLA: the version's items for the body's kind (kz2020) or the apa items,
-- per language.
CREATE FUNCTION perf_eval.open_nla_criterion(body text, year integer, methodology text, k text)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v text := methodology;
    prefix text;
    languages numeric := perf_eval.param_numeric(v, 'openness.nla.languages');
    rescale boolean := perf_eval.param_exists(v, 'openness.nla_rescale_to');
    missing text;
    surplus text;
    item_points numeric[];
    fulfilment numeric[];
    keys text[];
BEGIN
    prefix := CASE WHEN EXISTS (SELECT 1 FROM perf_eval.methodology_param AS p
                                WHERE p.methodology = v AND starts_with(p.key, 'openness.nla.apa.'))
                   THEN 'openness.nla.apa.' ELSE 'openness.nla.' || k || '.' END;
    WITH item AS (
        SELECT substr(p.key, length(prefix) + 1) AS item, p.value::numeric AS points, p.key
        FROM perf_eval.methodology_param AS p
        WHERE p.methodology = v AND starts_with(p.key, prefix)
    ),
    given AS (
        SELECT i.item, i.points, count(f.language) AS languages_given
        FROM item AS i
        LEFT JOIN perf_eval.open_nla_fulfilment AS f
               ON f.body = open_nla_criterion.body AND f.year = open_nla_criterion.year AND f.item = i.item
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
    reason := CASE WHEN missing IS NOT NULL THEN 'no_data: open NLA fulfilment of ' || missing END;
    IF reason IS NULL THEN
        SELECT array_agg(p.value::numeric ORDER BY f.language, f.item), array_agg(f.fulfilment ORDER BY f.language, f.item)
        INTO item_points, fulfilment
        FROM perf_eval.open_nla_fulfilment AS f
        JOIN perf_eval.methodology_param AS p ON p.methodology = v AND p.key = prefix || f.item
        WHERE f.body = open_nla_criterion.body AND f.year = open_nla_criterion.year;
        raw_value := CASE WHEN rescale
                          THEN perf_eval.open_nla_points(coalesce(item_points, '{}'), coalesce(fulfilment, '{}'),
                                                         perf_eval.param_numeric(v, 'openness.nla_rescale_to'))
                          ELSE perf_eval.open_nla_points(coalesce(item_points, '{}'), coalesce(fulfilment, '{}')) END;
    END IF;
    explanation := perf_eval.criterion_explanation(v, 'open_nla',
        CASE WHEN rescale THEN 'rescale_to·Σ item_points·fulfilment / Σ item_points (per language and item)'
             ELSE 'Σ item_points·fulfilment (per language and item)' END,
        CASE WHEN rescale THEN 'APA 2020 report §2.5, Table 2.8; chapter 2 recommendations; docs/methodology.md §8 E5'
             ELSE 'APA 2020 report §2.5, Table 2.8' END,
        (SELECT coalesce(jsonb_object_agg(f.language || '.' || f.item, f.fulfilment), '{}')
         FROM perf_eval.open_nla_fulfilment AS f
         WHERE f.body = open_nla_criterion.body AND f.year = open_nla_criterion.year),
        keys);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.open_nla_criterion(text, integer, text, text) IS
'Open NLA of one body and year (k = csb or leb: the kind''s items, or the apa items rescaled), raw, from open_nla_fulfilment, with its explanation; part of perf_eval.openness_criteria (docs/methodology.md §4.3)';

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

    node := 'interaction.openness.open_data';
    raw_value := perf_eval.open_data_points(o.open_data_published, o.open_data_required, pts, zero_volume);
    reason := CASE WHEN raw_value IS NULL THEN 'zero_volume' END;
    explanation := perf_eval.criterion_explanation(v, 'open_data', 'pts_criterion·min(1, published/required data sets)',
        'APA 2020 report §2.2',
        jsonb_build_object('published', o.open_data_published, 'required', o.open_data_required, 'source', o.source),
        ARRAY['openness.pts_criterion', 'policy.zero_volume']);
    RETURN NEXT;

    node := 'interaction.openness.open_budget';
    raw_value := perf_eval.open_budget_points(o.budget_filling_percent, pts);
    reason := NULL;
    explanation := perf_eval.criterion_explanation(v, 'open_budget', 'pts_criterion·filling %/100', 'APA 2020 report §2.2',
        jsonb_build_object('filling_percent', o.budget_filling_percent, 'source', o.source),
        ARRAY['openness.pts_criterion']);
    RETURN NEXT;

    RETURN QUERY SELECT * FROM perf_eval.open_nla_criterion(openness_criteria.body, openness_criteria.year, v, k);

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
    explanation := perf_eval.criterion_explanation(v, 'open_dialogue',
        'pts_each·(answered/received blog questions + indicators 2..5)', 'APA 2020 report §2.4',
        jsonb_build_object('blog_questions_received', o.blog_questions_received,
                           'blog_questions_answered', o.blog_questions_answered,
                           'indicators_2_5', jsonb_build_array(o.dialogue_indicator_2, o.dialogue_indicator_3,
                                                               o.dialogue_indicator_4, o.dialogue_indicator_5),
                           'source', o.source),
        ARRAY['openness.dialogue_pts_each', 'openness.dialogue_count', 'policy.zero_volume']);
    RETURN NEXT;

    -- subordinate organisations: a deduction (sign −1 in the score tree).
    node := 'interaction.openness.subordinate_deduction';
    raw_value := perf_eval.subordinate_openness_deduction(o.subordinates_non_compliant, o.subordinates_total,
                     perf_eval.param_numeric(v, 'openness.subordinate_deduction_max'));
    reason := NULL;
    explanation := perf_eval.criterion_explanation(v, 'subordinate_deduction',
        'deduction_max·non-compliant/total subordinate organisations (0 without subordinates)',
        'APA 2020 report §2.2; docs/methodology.md §8 E3',
        jsonb_build_object('subordinates_total', o.subordinates_total,
                           'subordinates_non_compliant', o.subordinates_non_compliant, 'source', o.source),
        ARRAY['openness.subordinate_deduction_max']);
    RETURN NEXT;
END
$$;
COMMENT ON FUNCTION perf_eval.openness_criteria(text, integer, text) IS
'Raw openness criteria of one body and year under a methodology, from openness_inputs and open_nla_fulfilment, with explanations: open data, open budget, open NLA (kind items, or the apa items rescaled), open dialogue, subordinate deduction (docs/methodology.md §4.3)';

-- ---------------------------------------------------------------------------
-- Node computers: one per direction, computing one body; the engine
-- (56_recalculate.sql) iterates the bodies listed and names a failing body,
-- the year and the direction (METHODOLOGY §0.7)
-- ---------------------------------------------------------------------------

-- The inputs of the services directions of every body with service counts or
-- indicators in a year.
CREATE FUNCTION perf_eval.service_inputs_of_year(year integer)
RETURNS TABLE (body text, kind text, deliveries bigint, deadline_violations bigint, unreasonable_refusals bigint,
               incomplete_package bigint, extra_documents bigint, electronic bigint,
               quality_appeals_justified bigint, source text, satisfaction_percent numeric,
               services_in_register bigint, services_electronic bigint, downtime_hours numeric,
               newly_automated bigint)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT b.code AS body, b.kind, c.deliveries, c.deadline_violations, c.unreasonable_refusals,
           c.incomplete_package, c.extra_documents, c.electronic, c.quality_appeals_justified, c.source,
           i.satisfaction_percent, i.services_in_register, i.services_electronic, i.downtime_hours, i.newly_automated
    FROM perf_eval.body AS b
    LEFT JOIN perf_eval.service_counts_of_year($1) AS c ON c.body = b.code
    LEFT JOIN perf_eval.service_indicators AS i ON i.body = b.code AND i.year = $1
    WHERE c.body IS NOT NULL OR i.body IS NOT NULL
$$;
COMMENT ON FUNCTION perf_eval.service_inputs_of_year(integer) IS
'Kind, service counts (perf_eval.service_counts_of_year) and service indicators of every body with either in a year: the inputs of the public-services and satisfaction directions (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.service_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body FROM perf_eval.service_inputs_of_year($1) AS t ORDER BY t.body
$$;
COMMENT ON FUNCTION perf_eval.service_bodies(integer, text) IS
'Bodies the public-services and satisfaction node computers compute in a year: those with service counts or indicators';

CREATE FUNCTION perf_eval.service_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
    FROM perf_eval.service_inputs_of_year($2) AS t
    CROSS JOIN LATERAL perf_eval.service_criteria(t.kind, $3, t.deliveries, t.deadline_violations,
             t.unreasonable_refusals, t.incomplete_package, t.extra_documents, t.electronic,
             t.quality_appeals_justified, t.satisfaction_percent, t.services_in_register,
             t.services_electronic, t.downtime_hours, t.newly_automated, t.source) AS s
    WHERE t.body = $1
$$;
COMMENT ON FUNCTION perf_eval.service_nodes(text, integer, text) IS
'Node computer of the public-services direction: K1/M1, K2/M2, K3 (kz2020) or K2'', K3 (kz2020_apa) of a body with service counts or indicators in the year (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.satisfaction_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
    FROM perf_eval.service_inputs_of_year($2) AS t
    CROSS JOIN LATERAL perf_eval.satisfaction_direction($3, t.deliveries, t.quality_appeals_justified,
                                                        t.satisfaction_percent, t.source) AS s
    WHERE t.body = $1 AND perf_eval.param_exists($3, 'services.apa.s_pts_satisfaction')
$$;
COMMENT ON FUNCTION perf_eval.satisfaction_nodes(text, integer, text) IS
'Node computer of the kz2020_apa satisfaction direction S of a body with service counts or indicators in the year; nothing under a version without it (docs/methodology.md §4.2)';

CREATE FUNCTION perf_eval.openness_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT o.body FROM perf_eval.openness_inputs AS o WHERE o.year = $1 ORDER BY o.body
$$;
COMMENT ON FUNCTION perf_eval.openness_bodies(integer, text) IS
'Bodies the openness node computer computes in a year: those with openness inputs';

CREATE FUNCTION perf_eval.openness_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT $1, s.node, s.raw_value, s.reason, s.explanation FROM perf_eval.openness_criteria($1, $2, $3) AS s
$$;
COMMENT ON FUNCTION perf_eval.openness_nodes(text, integer, text) IS
'Node computer of the openness direction: open data, open budget, open NLA, open dialogue and the subordinate deduction of a body with openness inputs in the year (docs/methodology.md §4.3)';

CREATE FUNCTION perf_eval.one_time_acceptance_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- A criterion of the complaints direction, so it is given to exactly the
    -- bodies the complaints computer scores (a body without complaint counts has
    -- no H); without service counts it is not assessable (no_data).
    SELECT t.body, s.node, s.raw_value, s.reason, s.explanation
    FROM (VALUES ($1)) AS t(body)
    LEFT JOIN perf_eval.service_counts_of_year($2) AS c ON c.body = t.body
    CROSS JOIN LATERAL perf_eval.one_time_acceptance_criterion($3, c.deliveries, c.extra_documents, c.source) AS s
    WHERE perf_eval.param_exists($3, 'complaints.one_time_acceptance.pts')
$$;
COMMENT ON FUNCTION perf_eval.one_time_acceptance_nodes(text, integer, text) IS
'Node computer of the kz2020_apa complaints criterion one-time acceptance of a body with complaint counts in the year (perf_eval.complaint_bodies), from the extra-document requests of its service counts; nothing under a version without it (docs/methodology.md §4.4)';

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('services', 'perf_eval.service_nodes', 'K1/M1, K2/M2, K3 or K2'', K3 from service counts and indicators (docs/methodology.md §4.2)',
 'perf_eval.service_bodies', 'public services direction', NULL),
('satisfaction', 'perf_eval.satisfaction_nodes', 'the kz2020_apa direction S from service counts and indicators (docs/methodology.md §4.2)',
 'perf_eval.service_bodies', 'satisfaction direction', NULL),
('openness', 'perf_eval.openness_nodes', 'open data, budget, NLA, dialogue and the subordinate deduction (docs/methodology.md §4.3)',
 'perf_eval.openness_bodies', 'openness direction', NULL),
('one_time_acceptance', 'perf_eval.one_time_acceptance_nodes', 'the kz2020_apa complaints criterion from extra-document requests (docs/methodology.md §4.4)',
 'perf_eval.complaint_bodies', 'complaints direction (one-time acceptance)', NULL);

-- ---------------------------------------------------------------------------
-- Privileges and row-level security (the pattern of 51_inputs.sql)
-- ---------------------------------------------------------------------------

-- Readers read the inputs (under RLS); editors enter every body's inputs;
-- submitters only their own bodies'.
GRANT SELECT ON perf_eval.service_counts, perf_eval.service_indicators, perf_eval.openness_inputs,
      perf_eval.open_nla_fulfilment
   TO perf_eval_reader;
-- Staged lines are raw rows of a load in progress, outside row-level
-- security: only those who load (editors) read them.
GRANT SELECT ON perf_eval.service_counts_staging, perf_eval.service_indicators_staging, perf_eval.openness_inputs_staging, perf_eval.open_nla_fulfilment_staging TO perf_eval_editor;
GRANT USAGE ON SEQUENCE perf_eval.service_counts_staging_line_no_seq, perf_eval.service_indicators_staging_line_no_seq,
      perf_eval.openness_inputs_staging_line_no_seq, perf_eval.open_nla_fulfilment_staging_line_no_seq
   TO perf_eval_editor;
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
        EXECUTE format('CREATE POLICY staff_all ON perf_eval.%I TO perf_eval_editor '
                       'USING (perf_eval.may_see_values(body, ''interaction'', year)) '
                       'WITH CHECK (perf_eval.may_see_values(body, ''interaction'', year))', input_table);
        EXECUTE format('CREATE POLICY readers_read ON perf_eval.%I FOR SELECT TO perf_eval_reader '
                       'USING (perf_eval.may_see_values(body, ''interaction'', year))', input_table);
        EXECUTE format('CREATE POLICY submitter_own_body ON perf_eval.%I TO perf_eval_submitter '
                       'USING (perf_eval.submits_for(body)) WITH CHECK (perf_eval.submits_for(body))', input_table);
    END LOOP;
END
$$;
