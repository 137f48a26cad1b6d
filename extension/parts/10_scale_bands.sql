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
