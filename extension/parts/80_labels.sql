-- =========================================================================
-- Section: labels in Kazakh, Russian and English (docs/report.md §2)
-- What a report prints in words: body names, block/direction/criterion
-- titles, zone labels, kinds of body, the report's headings and sentence
-- templates. English and Russian names of bodies, English node titles and
-- the zone labels already live in their own tables (perf_eval.body,
-- perf_eval.score_node, perf_eval.block, perf_eval.efficiency_zone_label)
-- and are read from there; perf_eval.label holds the rest. A label unknown
-- in the language asked for is taken from the next language of the
-- fallback order (setting perf_eval_report.language_fallback, default kk,ru,en);
-- perf_eval.missing_labels lists the gaps.
-- =========================================================================

CREATE TABLE perf_eval.label (
    kind   text NOT NULL CHECK (kind IN ('body', 'block', 'node', 'zone', 'body_kind', 'heading', 'sentence', 'movement', 'dynamics')),
    key    text NOT NULL CHECK (key <> ''),
    lang   text NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
    text   text NOT NULL CHECK (text <> ''),
    source text NOT NULL CHECK (source <> ''),
    PRIMARY KEY (kind, key, lang)
);
COMMENT ON COLUMN perf_eval.label.kind IS 'What is labelled: body | block | node | zone | body_kind | heading | sentence | movement | dynamics';
COMMENT ON COLUMN perf_eval.label.key IS 'Code of what is labelled (body code, block or node code, zone, CSB/LEB, heading key)';
COMMENT ON COLUMN perf_eval.label.lang IS 'Language: kk (Kazakh) | ru (Russian) | en (English)';
COMMENT ON COLUMN perf_eval.label.text IS 'The text shown; a sentence template has %s placeholders filled in order';
COMMENT ON COLUMN perf_eval.label.source IS 'Where the text comes from (the public document and its section, or perf_eval''s own wording)';
COMMENT ON TABLE perf_eval.label IS
'Labels of the reports in Kazakh, Russian and English beside those kept with their objects (body names, English node titles, zone labels); perf_eval.label_text is the union, perf_eval.label() resolves one with fallback (docs/report.md §2)';

-- Kazakh names of bodies and titles: the Kazakh edition of the APA 2020 report
-- (seed 003): its list of abbreviations (seed 003 lines 172-214), chapter
-- texts and Table 2.5 (seed 003 line 1576: ОМО / ЖАО as the kinds of body).
-- Only what the document contains: bodies it does not name stay missing.
INSERT INTO perf_eval.label (kind, key, lang, text, source) VALUES
('body', 'ACSA',   'kk', 'Қазақстан Республикасының Мемлекеттік қызмет істері агенттігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MIA',    'kk', 'Ішкі істер министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MH',     'kk', 'Денсаулық сақтау министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MFA',    'kk', 'Сыртқы істер министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MIID',   'kk', 'Индустрия және инфрақұрылымды дамыту министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MISD',   'kk', 'Ақпарат және қоғамдық даму министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MCS',    'kk', 'Мәдениет және спорт министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MNE',    'kk', 'Ұлттық экономика министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MD',     'kk', 'Қорғаныс министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MES',    'kk', 'Білім және ғылым министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MA',     'kk', 'Ауыл шаруашылығы министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MTI',    'kk', 'Сауда және интеграция министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MLSPP',  'kk', 'Еңбек және халықты әлеуметтік қорғау министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MF',     'kk', 'Қаржы министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MDDIAI', 'kk', 'Цифрлық даму, инновация және аэроғарыш өнеркәсібі министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'ME',     'kk', 'Энергетика министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MEGNR',  'kk', 'Экология, геология және табиғи ресурстар министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'MJ',     'kk', 'Әділет министрлігі', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'EKO',    'kk', 'Шығыс Қазақстан облысы', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'WKO',    'kk', 'Батыс Қазақстан облысы', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body', 'NKO',    'kk', 'Солтүстік Қазақстан облысы', 'APA 2020 report (Kazakh edition), list of abbreviations'),
('body_kind', 'CSB', 'kk', 'ОМО', 'APA 2020 report (Kazakh edition), Table 2.5'),
('body_kind', 'LEB', 'kk', 'ЖАО', 'APA 2020 report (Kazakh edition), Table 2.5'),
('body_kind', 'CSB', 'en', 'Central state bodies', 'perf_eval'),
('body_kind', 'LEB', 'en', 'Local executive bodies', 'perf_eval'),
('body_kind', 'CSB', 'ru', 'Центральные государственные органы', 'perf_eval'),
('body_kind', 'LEB', 'ru', 'Местные исполнительные органы', 'perf_eval'),
-- seed 003 lines 242, 128, 136 (introduction): the three blocks
('block', 'goals',       'kk', 'Мақсаттарға қол жеткізу', 'APA 2020 report (Kazakh edition), Introduction'),
('block', 'interaction', 'kk', 'Мемлекеттік органның жеке және заңды тұлғалармен өзара байланысы', 'APA 2020 report (Kazakh edition), Introduction'),
('block', 'orgdev',      'kk', 'Ұйымдық даму', 'APA 2020 report (Kazakh edition), Introduction'),
('node', 'goals',        'kk', 'Мақсаттарға қол жеткізу', 'APA 2020 report (Kazakh edition), Introduction'),
('node', 'interaction',  'kk', 'Мемлекеттік органның жеке және заңды тұлғалармен өзара байланысы', 'APA 2020 report (Kazakh edition), Introduction'),
('node', 'orgdev',       'kk', 'Ұйымдық даму', 'APA 2020 report (Kazakh edition), Introduction'),
-- seed 003 lines 1102, 1214, 1298, 1149, 1319 (chapter 2)
('node', 'interaction.openness',   'kk', 'Мемлекеттік органның ашықтығы', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.services',   'kk', 'Мемлекеттік қызметтер көрсету сапасы', 'APA 2020 report (Kazakh edition), §2.2, Table 2.2'),
('node', 'interaction.complaints', 'kk', 'Шағымдар мен өтініштерді қарау сапасы', 'APA 2020 report (Kazakh edition), §2.2, Table 2.3'),
('node', 'interaction.openness.open_data',     'kk', 'Ашық деректер', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.openness.open_dialogue', 'kk', 'Ашық диалог', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.openness.open_nla',      'kk', 'Ашық НҚА', 'APA 2020 report (Kazakh edition), §2.1'),
('node', 'interaction.services.automation',    'kk', 'Мемлекеттік қызметтерді автоматтандыру', 'APA 2020 report (Kazakh edition), §2.2'),
-- seed 003 lines 2331, 2332, 2383, 2385, 2397 (chapter 3)
('node', 'orgdev.hr',             'kk', 'Персоналды басқару', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.it',             'kk', 'Ақпараттық технологияларды қолдану', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.hr.labour',      'kk', 'Еңбекті ұйымдастыру', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.hr.meritocracy', 'kk', 'Меритократия және ұйымдық мәдениет', 'APA 2020 report (Kazakh edition), §3.1'),
('node', 'orgdev.hr.potential',   'kk', 'Мемлекеттік органның кадрлық әлеуеті', 'APA 2020 report (Kazakh edition), §3.1'),
-- seed 003 line 1772 (low), line 2655 (medium, there in the accusative; the nominative here)
('zone', 'low',    'kk', 'тиімділіктің төмен дәрежесі', 'APA 2020 report (Kazakh edition), §2.4'),
('zone', 'medium', 'kk', 'тиімділіктің орташа дәрежесі', 'APA 2020 report (Kazakh edition), §3.2'),
-- seed 003 line 1578, Table 2.5 rows 01 and 02
('heading', 'registry.deliveries', 'kk', 'Көрсетілген мемлекеттік қызметтердің жалпы саны', 'APA 2020 report (Kazakh edition), Table 2.5'),
('heading', 'registry.deadline_violations', 'kk', 'Мемлекеттік қызметтерді көрсету мерзімдерін бұзудың жалпы саны', 'APA 2020 report (Kazakh edition), Table 2.5');

-- The report's own words (perf_eval's wording; Kazakh only where the words
-- are the document's: the rest falls back and is listed in missing_labels).
INSERT INTO perf_eval.label (kind, key, lang, text, source)
SELECT 'heading', h.key, l.lang, l.text, 'perf_eval'
FROM (VALUES
    ('report.title',        'Assessment of the effectiveness of state bodies, %s', 'Оценка эффективности деятельности государственных органов, %s', NULL),
    ('report.contents',     'Contents', 'Содержание', 'Мазмұны'),
    ('report.rankings',     'Rankings by block and kind of body', 'Рейтинги по блокам и видам органов', NULL),
    ('report.zones',        'Efficiency zones', 'Зоны эффективности', NULL),
    ('report.bodies',       'State bodies', 'Государственные органы', NULL),
    ('report.below_block',  'Directions and criteria of every body', 'Направления и критерии каждого органа', NULL),
    ('report.years',        'Years side by side', 'Годы рядом', NULL),
    ('report.registries',   'National totals from the registries', 'Итоги по стране из реестров', NULL),
    ('report.restricted',   'restricted', 'ограниченный доступ', NULL),
    ('report.not_applicable', 'not applicable', 'не применяется', NULL),
    ('report.none',         'none', 'нет', NULL),
    ('report.no_registry',  'The registries hold no monthly tallies for this year.', 'В реестрах нет месячных итогов за этот год.', NULL),
    ('report.synthetic',    'Synthetic data', 'Синтетические данные', NULL),
    ('col.rank',            'Rank', 'Место', NULL),
    ('col.body',            'State body', 'Государственный орган', NULL),
    ('col.score',           'Points', 'Баллы', 'Балл'),
    ('col.zone',            'Zone', 'Зона', NULL),
    ('col.previous_rank',   'Rank last year', 'Место в прошлом году', NULL),
    ('col.previous_score',  'Points last year', 'Баллы в прошлом году', NULL),
    ('col.movement',        'Movement', 'Движение', NULL),
    ('col.group_mean',      'Group mean', 'Среднее по группе', NULL),
    ('col.maximum',         'Maximum', 'Максимум', NULL),
    ('col.node',            'Direction / criterion', 'Направление / критерий', NULL),
    ('col.kind',            'Kind of body', 'Вид органа', NULL),
    ('col.block',           'Block', 'Блок', NULL),
    ('col.n',               'Bodies ranked', 'Органов в рейтинге', NULL),
    ('col.dynamics',        'Dynamics', 'Динамика', NULL),
    ('col.month',           'Month', 'Месяц', NULL),
    ('col.year',            'Year', 'Год', NULL),
    ('body.blocks',         'Blocks', 'Блоки', NULL),
    ('body.breakdown',      'Directions and criteria', 'Направления и критерии', NULL),
    ('body.weakest',        'Weakest indicators', 'Самые слабые показатели', NULL),
    ('body.assumptions',    'Assumptions the score relies on', 'Допущения, на которых основана оценка', NULL),
    ('body.objections',     'Objections and their outcome', 'Возражения и их исход', NULL),
    ('registry.complaints_considered', 'Complaints considered', 'Рассмотрено жалоб', NULL),
    ('registry.complaints_late', 'Complaints answered late', 'Жалоб рассмотрено с нарушением срока', NULL),
    ('registry.deliveries', 'Public services delivered', 'Оказано государственных услуг', NULL),
    ('registry.deadline_violations', 'Violations of service deadlines', 'Нарушений сроков оказания услуг', NULL)
) AS h(key, en, ru, kk)
CROSS JOIN LATERAL (VALUES ('en', h.en), ('ru', h.ru), ('kk', h.kk)) AS l(lang, text)
WHERE l.text IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM perf_eval.label AS x WHERE x.kind = 'heading' AND x.key = h.key AND x.lang = l.lang);

INSERT INTO perf_eval.label (kind, key, lang, text, source) VALUES
('sentence', 'block', 'en', '%s: %s — %s points, %s, %s', 'perf_eval'),
('sentence', 'block', 'ru', '%s: %s — %s баллов, %s, %s', 'perf_eval'),
('sentence', 'ranked', 'en', 'rank %s of %s', 'perf_eval'),
('sentence', 'ranked', 'ru', 'место %s из %s', 'perf_eval'),
('sentence', 'not_ranked', 'en', 'not ranked', 'perf_eval'),
('sentence', 'not_ranked', 'ru', 'вне рейтинга', 'perf_eval'),
('sentence', 'rank_range', 'en', '%s: rank range under the assumptions: %s–%s', 'perf_eval'),
('sentence', 'rank_range', 'ru', '%s: диапазон мест при допущениях: %s–%s', 'perf_eval'),
('sentence', 'rank_range', 'kk', '%s: болжамдар бойынша орын ауқымы: %s–%s', 'perf_eval'),
('movement', 'up', 'en', 'up', 'perf_eval'),
('movement', 'up', 'ru', 'вверх', 'perf_eval'),
('movement', 'down', 'en', 'down', 'perf_eval'),
('movement', 'down', 'ru', 'вниз', 'perf_eval'),
('movement', 'same', 'en', 'unchanged', 'perf_eval'),
('movement', 'same', 'ru', 'без изменений', 'perf_eval'),
('movement', 'new', 'en', 'new', 'perf_eval'),
('movement', 'new', 'ru', 'впервые', 'perf_eval'),
('dynamics', 'improved', 'en', 'improved', 'perf_eval'),
('dynamics', 'improved', 'ru', 'улучшение', 'perf_eval'),
('dynamics', 'worsened', 'en', 'worsened', 'perf_eval'),
('dynamics', 'worsened', 'ru', 'ухудшение', 'perf_eval'),
('dynamics', 'unchanged', 'en', 'unchanged', 'perf_eval'),
('dynamics', 'unchanged', 'ru', 'без изменений', 'perf_eval');

GRANT SELECT ON perf_eval.label TO perf_eval_reader;
GRANT INSERT, UPDATE, DELETE ON perf_eval.label TO perf_eval_editor;

-- Every label, wherever it is kept.
CREATE VIEW perf_eval.label_text AS
SELECT l.kind, l.key, l.lang, l.text, l.source FROM perf_eval.label AS l
UNION ALL
SELECT 'body', b.code, n.lang, n.text, 'perf_eval.body'
FROM perf_eval.body AS b CROSS JOIN LATERAL (VALUES ('en', b.name_en), ('ru', b.name_ru)) AS n(lang, text)
WHERE n.text IS NOT NULL
UNION ALL
SELECT 'block', k.code, 'en', k.title_en, 'perf_eval.block' FROM perf_eval.block AS k
UNION ALL
SELECT 'node', n.code, 'en', n.title_en, 'perf_eval.score_node' FROM perf_eval.score_node AS n
UNION ALL
SELECT 'zone', z.zone, n.lang, n.text, 'perf_eval.efficiency_zone_label'
FROM perf_eval.efficiency_zone_label AS z CROSS JOIN LATERAL (VALUES ('en', z.label_en), ('ru', z.label_ru)) AS n(lang, text);
COMMENT ON COLUMN perf_eval.label_text.kind IS 'What is labelled: body | block | node | zone | body_kind | heading | sentence | movement | dynamics';
COMMENT ON COLUMN perf_eval.label_text.key IS 'Code of what is labelled';
COMMENT ON COLUMN perf_eval.label_text.lang IS 'Language: kk | ru | en';
COMMENT ON COLUMN perf_eval.label_text.text IS 'The text shown';
COMMENT ON COLUMN perf_eval.label_text.source IS 'Where the text comes from: the public document and section, perf_eval (its own wording) or the table it is kept in';
COMMENT ON VIEW perf_eval.label_text IS
'Every label in every language: perf_eval.label and the names kept with their objects (body names in English and Russian, English titles of blocks and nodes, zone labels); perf_eval.label() resolves one';
GRANT SELECT ON perf_eval.label_text TO perf_eval_reader;

-- The fallback order: the setting perf_eval_report.language_fallback, else
-- kk,ru,en. The library reserves the prefix perf_eval. for the settings it
-- defines in C; this one is read by SQL alone (docs/settings.md).
CREATE FUNCTION perf_eval.language_fallback()
RETURNS text[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    setting constant text := coalesce(nullif(pg_catalog.current_setting('perf_eval_report.language_fallback', true), ''), 'kk,ru,en');
    languages constant text[] := pg_catalog.string_to_array(pg_catalog.replace(setting, ' ', ''), ',');
BEGIN
    IF cardinality(languages) = 0 OR NOT languages <@ ARRAY['kk', 'ru', 'en'] THEN
        RAISE EXCEPTION 'invalid language fallback "%"', setting
            USING ERRCODE = '22023', DETAIL = 'The setting perf_eval_report.language_fallback lists languages among kk, ru and en, separated by commas.',
                  HINT = 'SET perf_eval_report.language_fallback = ''kk,ru,en'' (or another order of these), or RESET it.';
    END IF;
    RETURN languages;
END
$$;
COMMENT ON FUNCTION perf_eval.language_fallback() IS
'The order in which languages are tried when a label is missing: the setting perf_eval_report.language_fallback (comma-separated kk, ru, en), default kk,ru,en; 22023 for another code (docs/settings.md)';

-- A language code the reports know; 22023 otherwise.
CREATE FUNCTION perf_eval.report_language(lang text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    chosen constant text := coalesce(lang, (perf_eval.language_fallback())[1], 'kk');
BEGIN
    IF chosen NOT IN ('kk', 'ru', 'en') THEN
        RAISE EXCEPTION 'unknown report language "%"', chosen
            USING ERRCODE = '22023', DETAIL = 'The reports are written in kk (Kazakh), ru (Russian) and en (English).',
                  HINT = 'Pass kk, ru or en, or NULL for the first language of perf_eval_report.language_fallback.';
    END IF;
    RETURN chosen;
END
$$;
COMMENT ON FUNCTION perf_eval.report_language(text) IS
'The language a report is written in: lang, or when NULL the first of perf_eval.language_fallback(); 22023 for a language other than kk, ru, en';

-- The label in the language asked for, else in the next language of the
-- fallback order that has it, else the key itself.
CREATE FUNCTION perf_eval.label(kind text, key text, lang text)
RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT coalesce((SELECT t.text
                     FROM perf_eval.label_text AS t
                     JOIN LATERAL pg_catalog.unnest(ARRAY[perf_eval.report_language($3)] || perf_eval.language_fallback())
                          WITH ORDINALITY AS f(lang, pos) ON f.lang = t.lang
                     WHERE t.kind = $1 AND t.key = $2
                     ORDER BY f.pos LIMIT 1), $2)
$$;
COMMENT ON FUNCTION perf_eval.label(text, text, text) IS
'The text of a label in a language (kk, ru, en), falling back along perf_eval.language_fallback() when missing, else the key itself (docs/report.md §2)';

CREATE VIEW perf_eval.missing_labels AS
WITH known AS (SELECT DISTINCT t.kind, t.key FROM perf_eval.label_text AS t)
SELECT k.kind, k.key, l.lang,
       perf_eval.label(k.kind, k.key, l.lang) AS shown
FROM known AS k
CROSS JOIN (VALUES ('kk'), ('ru'), ('en')) AS l(lang)
WHERE NOT EXISTS (SELECT 1 FROM perf_eval.label_text AS t WHERE t.kind = k.kind AND t.key = k.key AND t.lang = l.lang);
COMMENT ON COLUMN perf_eval.missing_labels.kind IS 'What is labelled: body | block | node | zone | body_kind | heading | sentence | movement | dynamics';
COMMENT ON COLUMN perf_eval.missing_labels.key IS 'Code of what is labelled';
COMMENT ON COLUMN perf_eval.missing_labels.lang IS 'Language the label is missing in: kk | ru | en';
COMMENT ON COLUMN perf_eval.missing_labels.shown IS 'What a report in that language shows instead (the fallback)';
COMMENT ON VIEW perf_eval.missing_labels IS
'Labels known in some language but missing in another, with the text shown instead by the fallback order (perf_eval_report.language_fallback)';
GRANT SELECT ON perf_eval.missing_labels TO perf_eval_reader;
