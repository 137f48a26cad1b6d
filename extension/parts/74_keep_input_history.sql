-- =========================================================================
-- Section: every input relation keeps its history (57_input_history.sql)
--
-- The last part to run before the drop guard: the parts before it created
-- the input relations and listed them in perf_eval.input_relation; each gets
-- the history triggers here, and the triggers that keep verified values
-- (73_verification.sql). A relation listed later is given them by
-- CALL perf_eval.keep_history('its name') and perf_eval.keep_verified_values.
-- =========================================================================

DO $$
DECLARE
    input regclass;
BEGIN
    FOR input IN SELECT i.relation FROM perf_eval.input_relation AS i ORDER BY i.relation::text LOOP
        CALL perf_eval.keep_history(input);
        CALL perf_eval.keep_verified_values(input);
    END LOOP;
END
$$;
