-- =========================================================================
-- Section: tallies per body and month read straight from the raw registries
-- (METHODOLOGY §7.1, §7.2; src/registry_scan.c)
-- =========================================================================

-- The aggregates (service_tally_agg, complaint_tally_agg) serve any query;
-- these functions serve the national-scale case: a year of a registry
-- (~190 M deliveries, §7) into per-(body, month) partial states in one pass,
-- reading the heap pages directly instead of through the executor's
-- deforming, expression and hash-grouping machinery, with their own
-- parallel workers. Their tallies equal the aggregates' (the same counting
-- code); bench/README.md measures both. A registry keeps every year: they
-- read only the blocks that its BRIN index on the date says can hold the
-- range (src/registry_block_ranges.c), all blocks without such an index.
--
-- PARALLEL UNSAFE: they start parallel workers of their own, which a
-- function running inside a parallel query cannot do.
CREATE FUNCTION perf_eval.service_tallies_by_month(from_day date, to_day date, workers integer DEFAULT NULL)
RETURNS TABLE (body text, month date, tally perf_eval.service_tally)
AS 'MODULE_PATHNAME', 'pe_service_tallies_by_month'
LANGUAGE C STABLE PARALLEL UNSAFE ROWS 500;
COMMENT ON FUNCTION perf_eval.service_tallies_by_month(date, date, integer) IS
'The service_tally of every body and month over the deliveries with from_day <= delivered_on < to_day, read directly from service_delivery (one pass over only the blocks its BRIN index on delivered_on gives for the range, own parallel workers; workers NULL: as the planner would choose for a scan of the table); equal to service_tally_agg grouped by body and month (docs/methodology.md §7.1, §7.2)';

CREATE FUNCTION perf_eval.complaint_tallies_by_month(from_day date, to_day date, workers integer DEFAULT NULL)
RETURNS TABLE (body text, month date, tally perf_eval.complaint_tally)
AS 'MODULE_PATHNAME', 'pe_complaint_tallies_by_month'
LANGUAGE C STABLE PARALLEL UNSAFE ROWS 500;
COMMENT ON FUNCTION perf_eval.complaint_tallies_by_month(date, date, integer) IS
'The complaint_tally of every body and month over the complaints with from_day <= answered_on < to_day (unanswered ones are not counted), read directly from complaint_record (one pass over only the blocks its BRIN index on answered_on gives for the range, own parallel workers; workers NULL: as the planner would choose); equal to complaint_tally_agg grouped by body and month (docs/methodology.md §7.1, §7.2)';
