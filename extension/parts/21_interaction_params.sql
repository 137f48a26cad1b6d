-- =========================================================================
-- Section: interaction-block parameters that METHODOLOGY §2.4 implies but
-- 21_methodology_params.sql does not ship (METHODOLOGY §4.2, §4.3)
--
-- * services.rate_base: the unit of every services rate, "per 100 000
--   deliveries" (rate_x = 100000 * count_x / deliveries, §4.2). It belongs to
--   the assumed scales whose x it measures, so it is assumed with them.
-- * services.{csb,leb}.satisfaction_max / quality_max / automation_max: the
--   maxima of the criterion nodes K1/M1, K2/M2 (K2' in kz2020_apa) and K3 per
--   body kind, used by the clamp policy, the checks of supplied scores and the
--   body card (K1 40 vs M1 50, K2 40 vs M2 50; no LEB K3 under kz2020).
--   kz2017 has none: its services direction is supplied (services.mode).
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020', 'services.rate_base', '100000', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2',
 'rates of the services indicators are counts per this many deliveries (rate = rate_base*count/deliveries), the x of the assumed scales'),
('kz2020_apa', 'services.rate_base', '100000', 'number', 'assumed', 'perf_eval_reference', 'docs/methodology.md §4.2',
 'rates of the services indicators and of one-time acceptance are counts per this many deliveries, the x of the assumed scales'),
('kz2020', 'services.csb.satisfaction_max', '40', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K1 = services.csb.pts_p1 + pts_p2 (30 + 10)'),
('kz2020', 'services.leb.satisfaction_max', '50', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of M1 = services.leb.pts_p1 + pts_p2 (40 + 10)'),
('kz2020', 'services.csb.quality_max', '40', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K2 = services.csb.pts_t1..t4 (4 x 10)'),
('kz2020', 'services.leb.quality_max', '50', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of M2 = services.leb.pts_t1 + pts_t2..t4 (20 + 3 x 10)'),
('kz2020', 'services.csb.automation_max', '20', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K3 = services.csb.pts_k3 (LEBs have no K3 under kz2020, APA 2020 report §2.5)'),
('kz2020_apa', 'services.csb.quality_max', '80', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K2'' = services.apa.pts_deadlines (the penalties only subtract)'),
('kz2020_apa', 'services.leb.quality_max', '80', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K2'' = services.apa.pts_deadlines (the penalties only subtract)'),
('kz2020_apa', 'services.csb.automation_max', '20', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K3 = services.csb.pts_k3'),
('kz2020_apa', 'services.leb.automation_max', '20', 'number', 'derived', 'perf_eval_reference', 'docs/methodology.md §2.4',
 'maximum of K3 for LEBs = services.leb.pts_k3 (apa extends automation to LEBs, APA 2020 report, chapter 2 recommendations)');
