-- =========================================================================
-- Section: organisational development parameters that METHODOLOGY §2.5
-- implies but 21_methodology_params.sql does not ship (METHODOLOGY §5)
--
-- * hr.turnover.denominator_continuous: the slope denominator of the
--   `continuous` turnover variant. kz2020 ships it (0.02); kz2017 and
--   kz2020_apa get it too, so a fork of them can switch the variant. With
--   their upper threshold 0.09 the continuous slope is 0.09 - 0.06 = 0.03.
-- * it.local_content_scale / it.local_content_from_year: the local-content
--   criterion is worth 0 points (it.pts_local_content, A) and applies from
--   the 2020 period (seed 002 line 51); a share in % is recorded for the
--   card and scored as pts*scale(share) should a fork give it points.
-- Nodes without a maximum of their own (W, penalty points) use node.max:
-- W above 100 cannot change H, since K + O + M <= 100 and H is floored at 0.
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2017', 'hr.turnover.denominator_continuous', '0.03', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §8 E6',
 'slope denominator used when hr.turnover.variant = continuous: upper - lower = 0.09 - 0.06; a repair, assumed'),
('kz2020_apa', 'hr.turnover.denominator_continuous', '0.03', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §8 E6',
 'slope denominator used when hr.turnover.variant = continuous: upper - lower = 0.09 - 0.06; a repair, assumed'),
('kz2020', 'it.local_content_scale', '0:0;100:1', 'scale', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 13',
 'x = % of local content in the body''s information systems; scored as it.pts_local_content*scale(x); scale not given (assumed)'),
('kz2020_apa', 'it.local_content_scale', '0:0;100:1', 'scale', 'assumed', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 3, sub-paragraph 13',
 'x = % of local content in the body''s information systems; scored as it.pts_local_content*scale(x); scale not given (assumed)'),
('kz2020', 'it.local_content_from_year', '2020', 'number', 'explicit', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2',
 'the local-content criterion applies to assessment periods from this year'),
('kz2020_apa', 'it.local_content_from_year', '2020', 'number', 'explicit', 'order2020_orgdev', 'Order of 27/28 Jan 2020 on organisational development, Methodology paragraph 2',
 'the local-content criterion applies to assessment periods from this year');
