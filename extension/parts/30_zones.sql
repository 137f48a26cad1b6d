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

GRANT SELECT ON perf_eval.efficiency_zone_label TO perf_eval_reader, perf_eval_submitter;
