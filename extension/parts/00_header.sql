-- perf_eval, the full script of the newest version (built from the parts
-- listed in extension/parts.manifest): operational assessment of the
-- effectiveness of state bodies (Presidential Decree No. 954 of 2010).
-- Formulas and decided readings: docs/methodology.md; the shape of the
-- software: docs/architecture.md.
--
-- Every object is schema-qualified; SQL and PL/pgSQL functions pin their
-- search_path; no function runs with its definer's rights. Kernels are IMMUTABLE STRICT
-- PARALLEL SAFE with their methodology constants as arguments; functions that
-- read the methodology catalog are STABLE.

\echo Use "CREATE EXTENSION perf_eval" to load this file. \quit
