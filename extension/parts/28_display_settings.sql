-- =========================================================================
-- Section: display settings of the views (issue 19, item 6; docs/settings.md
-- "Display settings")
-- How many decimals the views and the report show is a choice of
-- presentation, not of the methodology: one row per setting, kept by the
-- administrators and read by every role that reads the views, so changing
-- one needs neither a fork nor a run. The rounding that protects a restricted
-- score (perf_eval.mean_shown_to_role) reads it as well: only an
-- administrator can make the precision a reader gets finer, never a session
-- setting.
-- =========================================================================

CREATE TABLE perf_eval.display_setting (
    name   text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_]*$'),
    value  integer NOT NULL CHECK (value BETWEEN 0 AND 10),
    source text NOT NULL CHECK (source <> ''),
    note   text,
    shipped_value integer CHECK (shipped_value BETWEEN 0 AND 10)
);
COMMENT ON COLUMN perf_eval.display_setting.name IS 'Name of the setting: block_score | node_score | group_mean | zone_share | grade_share | kef_percent | risk_score';
COMMENT ON COLUMN perf_eval.display_setting.value IS 'Decimals shown (0..10), rounded half away from zero';
COMMENT ON COLUMN perf_eval.display_setting.source IS 'Where the shipped value comes from (the public document and its section or table, or docs/)';
COMMENT ON COLUMN perf_eval.display_setting.note IS 'What the setting rounds';
COMMENT ON COLUMN perf_eval.display_setting.shipped_value IS 'The value the extension ships (NULL for a setting it does not ship); a row whose value differs is the administrators'' and pg_dump keeps it';
COMMENT ON TABLE perf_eval.display_setting IS
'Decimals the views and the report show (perf_eval.display_decimals); kept by perf_eval_admin, read by every role that reads the views; not part of any methodology (docs/settings.md "Display settings")';

-- The shipped values are those the present.* parameters of the shipped
-- versions had, so every view shows what it did; risk_score has the value of
-- risk.present_scale, a parameter of the unreleased 1.1 it replaces.
INSERT INTO perf_eval.display_setting (name, value, source, note, shipped_value)
SELECT s.name, s.value, s.source, s.note, s.value FROM (VALUES
('block_score', 1, 'APA 2020 report §3.4, Table 3.6', 'decimals shown for block scores and the composite; all 33 values of Table 3.6 reproduce'),
('node_score', 2, 'APA 2020 report §3.4, Table 3.7 and Table 3.8', 'decimals shown for direction, criterion and indicator points, and the report''s rates per 100 000'),
('group_mean', 1, 'docs/methodology.md §0.2', 'decimals shown for group means, and the precision to which a role that may not see a restricted score gets a mean over it; the published documents are silent, taken equal to block_score'),
('zone_share', 1, 'APA 2020 report §1.4, Table 1.4', 'decimals shown for zone shares in % of a group (31.25 printed 31.3)'),
('grade_share', 1, 'APA 2020 report §1.4, Table 1.4', 'decimals shown for a civil-servant grade''s share in % of the assessed'),
('kef_percent', 2, 'APA 2020 report, Appendix 3', 'decimals shown for a civil servant''s Kef, its parts and its statistics as % (84.505% shown 84.51)'),
('risk_score', 4, 'docs/methodology.md §9.5', 'decimals shown for the values, points and statistics of the risk signals and the risk score (the ranking uses the exact sums); no source sets it (assumed)')) AS s(name, value, source, note);

-- pg_dump keeps the rows an administrator changed (the users' data the drop
-- guard counts); the restore's rows arrive after CREATE EXTENSION has inserted
-- the shipped ones, so an insert of a name that exists sets its value instead.
CREATE FUNCTION perf_eval.display_setting_upsert()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE perf_eval.display_setting AS s
    SET value = NEW.value, source = NEW.source, note = NEW.note
    WHERE s.name = NEW.name;
    IF FOUND THEN
        RETURN NULL;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION perf_eval.display_setting_upsert() IS
'Trigger of perf_eval.display_setting: inserting a setting that exists sets its value, source and note (what a restore of pg_dump''s copy of the table does)';
CREATE TRIGGER display_setting_upsert BEFORE INSERT ON perf_eval.display_setting
    FOR EACH ROW EXECUTE FUNCTION perf_eval.display_setting_upsert();
SELECT pg_catalog.pg_extension_config_dump('perf_eval.display_setting', 'WHERE value IS DISTINCT FROM shipped_value');

CREATE FUNCTION perf_eval.display_decimals(name text)
RETURNS integer
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    decimals integer;
BEGIN
    SELECT s.value INTO decimals FROM perf_eval.display_setting AS s WHERE s.name = display_decimals.name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no display setting %', display_decimals.name
            USING ERRCODE = '22023', HINT = 'Name a setting of perf_eval.display_setting: SELECT name FROM perf_eval.display_setting;';
    END IF;
    RETURN decimals;
END
$$;
COMMENT ON FUNCTION perf_eval.display_decimals(text) IS
'Decimals the views show for a display setting (perf_eval.display_setting); an unknown name 22023';

GRANT SELECT ON perf_eval.display_setting TO perf_eval_reader, perf_eval_submitter,
      perf_eval_cs_employee, perf_eval_cs_manager, perf_eval_cs_hr, perf_eval_cs_commission;
-- Admins change values; a setting is never removed (every view reads it).
GRANT UPDATE (value, source, note) ON perf_eval.display_setting TO perf_eval_admin;
