-- make demo, step 1: the extension and the helpers the input files share.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS perf_eval;
CREATE SCHEMA demo;

-- A deterministic "random" fraction in [0, 1) per label, so every run of the
-- demo prints the same numbers.
CREATE FUNCTION demo.fraction(label text) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
    SELECT ('x' || substr(md5(label), 1, 8))::bit(32)::bigint / 4294967296.0
$$;

-- Body-years of the dataset. APDC and MEMS were created in the second half
-- of 2020 and ARDFM is assessed from 2020 (METHODOLOGY §1.3).
CREATE TABLE demo.assessed (body text, year integer, PRIMARY KEY (body, year));
INSERT INTO demo.assessed
SELECT b.code, y.year FROM perf_eval.body AS b CROSS JOIN (VALUES (2019), (2020)) AS y(year)
WHERE b.shipped AND NOT (y.year = 2019 AND b.code IN ('APDC', 'MEMS', 'ARDFM'));
