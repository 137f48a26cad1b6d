-- =========================================================================
-- Section: the shipped parameters of kz2017, kz2020, kz2020_apa (METHODOLOGY §2)
-- =========================================================================

INSERT INTO perf_eval.methodology_param (methodology, key, value, value_kind, provenance, source, note) VALUES
('kz2020', 'zone.high_min', '90', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2020', 'zone.medium_min', '70', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2020', 'zone.low_min', '50', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2020', 'policy.clamp', 'floor0_capk', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2020', 'policy.zero_volume', 'full_points', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2020', 'complaints.r1.k', '40', 'number', 'explicit', 'seed 000 line 2045', NULL),
('kz2020', 'complaints.r1.scale', '1000', 'number', 'explicit', 'seed 000 line 2035', NULL),
('kz2020', 'complaints.r2.k', '30', 'number', 'explicit', 'seed 000 line 2061', NULL),
('kz2020', 'complaints.r2.scale', '10000', 'number', 'explicit', 'seed 000 line 2051', NULL),
('kz2020', 'complaints.r2.count_higher_authority', 'false', 'boolean', 'explicit', 'seed 000 line 1343', NULL),
('kz2020', 'complaints.r3.k', '20', 'number', 'explicit', 'seed 000 line 2077', NULL),
('kz2020', 'complaints.r3.scale', '100', 'number', 'explicit', 'seed 000 line 2067', NULL),
('kz2020', 'complaints.r4.bands', 'ge 90 => 10; ge 80 => 8; ge 70 => 6; ge 60 => 4; ge 50 => 1; else => 0', 'bands', 'explicit', 'seed 000 lines 2099-2105', NULL),
('kz2017', 'zone.high_min', '90', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2017', 'zone.medium_min', '70', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2017', 'zone.low_min', '50', 'number', 'explicit', 'seed 000 lines 545, 1273, 2547', NULL),
('kz2017', 'policy.clamp', 'floor0_capk', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2017', 'policy.zero_volume', 'full_points', 'name', 'assumed', 'METHODOLOGY §0.6', NULL),
('kz2017', 'complaints.r1.k', '40', 'number', 'assumed', 'seed 000 line 1341', NULL),
('kz2017', 'complaints.r1.scale', '100', 'number', 'explicit', 'seed 000 line 1341', NULL),
('kz2017', 'complaints.r2.k', '40', 'number', 'explicit', 'seed 000 line 1345', NULL),
('kz2017', 'complaints.r2.tiers', 'ge 5000 => 1000; ge 1000 => 100; ge 10 => 10; else => null', 'bands', 'explicit', 'seed 000 line 1345', NULL),
('kz2017', 'complaints.r2.count_higher_authority', 'true', 'boolean', 'explicit', 'seed 000 line 1343', NULL),
('kz2017', 'complaints.r3.k', '20', 'number', 'assumed', 'seed 000 line 1331', NULL);
