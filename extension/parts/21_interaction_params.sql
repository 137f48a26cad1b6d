-- =========================================================================
-- Section: interaction-block parameters that METHODOLOGY §2.4 implies but
-- 21_methodology_params.sql does not ship (METHODOLOGY §4.2, §4.3)
--
-- * services.rate_base: the unit of every services rate, "per 100 000
--   deliveries" (rate_x = 100000 * count_x / deliveries, §4.2). It belongs to
--   the assumed scales whose x it measures, so it is assumed with them.
-- * services.satisfaction_max / quality_max / automation_max: the maxima of
--   the criterion nodes K1/M1, K2/M2 (K2' in kz2020_apa) and K3, used by the
--   clamp policy and shown on the body card. A node maximum is per version,
--   not per kind, so where CSB and LEB differ (K1 40 vs M1 50, K2 40 vs M2
--   50) it is the larger one; the kernels never exceed the kind's own
--   maximum (their scales give 0..1 of each indicator's points). kz2017 has
--   none: its services direction is supplied (services.mode).
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source, note) VALUES
('kz2020', 'services.rate_base', '100000', 'number', 'assumed', 'METHODOLOGY §4.2',
 'rates of the services indicators are counts per this many deliveries (rate = rate_base*count/deliveries), the x of the assumed scales'),
('kz2020_apa', 'services.rate_base', '100000', 'number', 'assumed', 'METHODOLOGY §4.2',
 'rates of the services indicators and of one-time acceptance are counts per this many deliveries, the x of the assumed scales'),
('kz2020', 'services.satisfaction_max', '50', 'number', 'derived', 'METHODOLOGY §2.4',
 'maximum of the K1/M1 node: the larger of CSB pts_p1 + pts_p2 (40) and LEB (50); a node maximum is per version, not per kind'),
('kz2020', 'services.quality_max', '50', 'number', 'derived', 'METHODOLOGY §2.4',
 'maximum of the K2/M2 node: the larger of CSB pts_t1..t4 (40) and LEB (50); a node maximum is per version, not per kind'),
('kz2020_apa', 'services.quality_max', '80', 'number', 'derived', 'METHODOLOGY §2.4',
 'maximum of the K2'' node = services.apa.pts_deadlines (the penalties only subtract)'),
('kz2020', 'services.automation_max', '20', 'number', 'derived', 'METHODOLOGY §2.4',
 'maximum of the K3 node = services.csb.pts_k3 (LEBs have no K3 under kz2020)'),
('kz2020_apa', 'services.automation_max', '20', 'number', 'derived', 'METHODOLOGY §2.4',
 'maximum of the K3 node: the larger of services.csb.pts_k3 and services.leb.pts_k3 (both 20)');
