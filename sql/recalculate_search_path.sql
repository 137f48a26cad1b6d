-- The recalculation runs as whoever calls it (pg_cron's superuser, often) and
-- commits in the middle, which ends the transaction that pinned its
-- search_path. Functions planted on the caller's path must never run, on the
-- failure path either: the error below is the run's own, not the planted one.
CREATE SCHEMA planted;
CREATE FUNCTION planted.concat_ws(text, text, text) RETURNS text
LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted concat_ws ran'; END $$;
CREATE FUNCTION planted.concat_ws(text, text) RETURNS text
LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted concat_ws ran'; END $$;
CREATE FUNCTION planted.format(text, integer, integer, text) RETURNS text
LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted format ran'; END $$;
CREATE FUNCTION planted.format(text, bigint, integer, text) RETURNS text
LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'planted format ran'; END $$;

SELECT perf_eval.fork_methodology('kz2020', 'planted_path_fork');
UPDATE perf_eval.methodology_param SET value = '0.9'
WHERE methodology = 'planted_path_fork' AND key = 'interaction.csb.w_services';

SET search_path = planted, public;
CALL perf_eval.recalculate(2020, 'planted_path_fork');
RESET search_path;

SELECT methodology, status, error_sqlstate FROM perf_eval.run WHERE methodology = 'planted_path_fork';
DROP SCHEMA planted CASCADE;
