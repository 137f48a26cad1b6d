-- =========================================================================
-- Section: the registry of assessed bodies and their scope per block (METHODOLOGY §1.1, §1.3)
-- =========================================================================

CREATE TABLE perf_eval.body (
    code     text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
    kind     text NOT NULL CHECK (kind IN ('CSB', 'LEB')),
    name_en  text NOT NULL,
    name_ru  text NOT NULL,
    shipped  boolean NOT NULL DEFAULT false,
    CONSTRAINT body_code_length CHECK (pg_catalog.char_length(code) <= 200)
);
COMMENT ON COLUMN perf_eval.body.code IS 'Short code of the state body in upper case, at most 200 characters, e.g. MF, ACSA, ALMATY';
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

-- Readers read the registry; submitters too (not the inputs of other
-- bodies, so they are not readers); admins keep it; the civil-servant
-- assessment roles read the bodies.
GRANT SELECT ON perf_eval.block, perf_eval.body, perf_eval.body_scope, perf_eval.body_submitter TO perf_eval_reader;
GRANT SELECT ON perf_eval.body, perf_eval.block, perf_eval.body_submitter, perf_eval.body_scope TO perf_eval_submitter;
GRANT INSERT, UPDATE, DELETE ON perf_eval.body, perf_eval.body_scope, perf_eval.body_submitter TO perf_eval_admin;
GRANT SELECT ON perf_eval.body
   TO perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;
