-- =========================================================================
-- Section: civil-servant parameters that METHODOLOGY §2.6 implies but
-- 21_methodology_params.sql does not ship (METHODOLOGY §6.2, §0.2)
--
-- The other keys of §2.6 are shipped there under these names:
--   cs.competency_ratio      -> cs.competency_ratio_num / _den (3/4; kz2020 and kz2020_apa)
--   cs.kef.weights           -> cs.kef.w_kpi / cs.kef.w_competency (0.5 / 0.5; validated to sum to 1)
--   cs.commission.quorum     -> cs.commission.quorum_num / _den (2/3)
--   cs.deadline.*            -> iwp, resubmit, to_commission, notify, inform, appeal, deferred
-- The workflow, commission and deadline keys exist only in kz2020_apa (the
-- draft standard methodology of Appendix 4); the m2018 grade keys only in
-- kz2020. An assessment period therefore names one version of each regime
-- (perf_eval.cs_assessment_period, 65_civil_servants.sql).
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source_document, source, note) VALUES
('kz2020_apa', 'cs.kef.completeness_bands', 'ge 1 => 2; ge 0.75 => 1; else => 0', 'bands', 'explicit',
 'apa2020', 'APA 2020 report, chapter 4 conclusions, Table 4.3',
 'Kef: completeness c from a = fact/plan (plan/fact when a decrease is expected): full implementation 2, deviation no more than 25% 1, more 0 (docs/methodology.md §6.2)'),
('kz2020_apa', 'cs.present.kef_scale', '2', 'number', 'derived',
 'apa2020', 'APA 2020 report, Appendix 3',
 'decimals shown for Kef and its parts as % (84.505% shown 84.51; docs/methodology.md §0.2)');
