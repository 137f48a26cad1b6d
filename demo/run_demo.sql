-- make demo: the national dataset (every body of the registry, 2019 and 2020),
-- recalculated under the default methodology, then the published tables.
\set ON_ERROR_STOP on
\pset footer off
SET client_min_messages = warning;

CREATE EXTENSION IF NOT EXISTS perf_eval;

-- A deterministic "random" fraction in [0, 1) per label, so every run of the
-- demo prints the same numbers.
CREATE FUNCTION pg_temp.demo_fraction(label text) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
    SELECT ('x' || substr(md5(label), 1, 8))::bit(32)::bigint / 4294967296.0
$$;

-- Bodies first assessed for 2020 (METHODOLOGY §1.3): APDC and MEMS were
-- created in the second half of 2020, ARDFM is assessed from 2020.
CREATE TEMP TABLE demo_assessed (body text, year integer);
INSERT INTO demo_assessed
SELECT b.code, y.year FROM perf_eval.body AS b CROSS JOIN (VALUES (2019), (2020)) AS y(year)
WHERE b.shipped AND NOT (y.year = 2019 AND b.code IN ('APDC', 'MEMS', 'ARDFM'));

-- Inputs, one file per source (in name order). A block whose inputs are
-- computed ships a NN_<block>_inputs.sql file; until then its directions are
-- supplied, as the assessors publish them.
\ir inputs/10_complaint_counts.sql
\ir inputs/20_goals_supplied.sql
\ir inputs/21_interaction_supplied.sql
\ir inputs/22_orgdev_supplied.sql

CALL perf_eval.recalculate(2019);
CALL perf_eval.recalculate(2020);

\ir report.sql
