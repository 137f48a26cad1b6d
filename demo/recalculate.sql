-- make demo, step 3: both years under the default methodology, as an operator would.
\set ON_ERROR_STOP on
CALL perf_eval.recalculate(2019);
CALL perf_eval.recalculate(2020);
