-- Interaction block inputs of every body for 2019 and 2020: public-service
-- counts and indicators, openness inputs and Open NLA fulfilment, so the
-- services, openness (and, under kz2020_apa, satisfaction and one-time
-- acceptance) directions are computed (METHODOLOGY §4.2, §4.3).
-- Orders of magnitude from seed 000 Table 2.5 (lines 1620-1645):
--   deliveries 60.7-83.0 million per body kind a year, so 0.5-8 million a body;
--   per 100 000 deliveries: deadline violations ~2 (CSB) to ~4 (LEB),
--   unreasonable refusals ~0.2, incomplete packages ~0.5 (CSB) to ~9 (LEB),
--   extra documents ~6 (CSB) to ~15 (LEB), justified quality appeals ~0.15-0.2;
--   satisfaction 66-73 %; open data: 1 086 of 1 076 sets (CSB), 1 557 of 1 420 (LEB).

-- Yearly counts, the columns of perf_eval.service_tally (a registry would give the same).
INSERT INTO perf_eval.service_counts (body, year, deliveries, deadline_violations, unreasonable_refusals,
                                      incomplete_package, extra_documents, electronic, quality_appeals_justified, source)
SELECT c.body, c.year, c.deliveries,
       floor(c.deliveries * c.deadline_rate / 100000)::bigint,
       floor(c.deliveries * c.refusal_rate / 100000)::bigint,
       floor(c.deliveries * c.incomplete_rate / 100000)::bigint,
       floor(c.deliveries * c.extra_rate / 100000)::bigint,
       floor(c.deliveries * c.electronic_share)::bigint,
       floor(c.deliveries * c.appeal_rate / 100000)::bigint,
       'demo'
FROM (
    SELECT b.code AS body, y.year,
           CASE b.kind WHEN 'CSB' THEN 500000 + floor(7500000 * demo.fraction(b.code || y.year || 'deliveries'))
                       ELSE 2000000 + floor(6000000 * demo.fraction(b.code || y.year || 'deliveries')) END::bigint AS deliveries,
           CASE b.kind WHEN 'CSB' THEN 5 ELSE 9 END * demo.fraction(b.code || y.year || 'deadline') AS deadline_rate,
           0.6 * demo.fraction(b.code || y.year || 'refusal') AS refusal_rate,
           CASE b.kind WHEN 'CSB' THEN 2 ELSE 18 END * demo.fraction(b.code || y.year || 'incomplete') AS incomplete_rate,
           CASE b.kind WHEN 'CSB' THEN 12 ELSE 28 END * demo.fraction(b.code || y.year || 'extra') AS extra_rate,
           0.70 + 0.25 * demo.fraction(b.code || y.year || 'electronic') AS electronic_share,
           0.6 * demo.fraction(b.code || y.year || 'appeal') AS appeal_rate
    FROM perf_eval.body AS b
    JOIN demo.assessed AS y ON y.body = b.code
    WHERE perf_eval.scope_status(b.code, 'interaction', y.year) <> 'exempt'
) AS c;

-- Survey and automation: what no registry gives.
INSERT INTO perf_eval.service_indicators (body, year, satisfaction_percent, services_in_register, services_electronic,
                                          downtime_hours, newly_automated, source)
SELECT s.body, s.year, s.satisfaction, s.register, floor(s.register * s.electronic_share)::bigint,
       s.downtime, s.newly_automated, 'demo'
FROM (
    SELECT b.code AS body, y.year,
           round(60 + 25 * demo.fraction(b.code || y.year || 'satisfaction'), 1) AS satisfaction,
           CASE b.kind WHEN 'CSB' THEN 20 + floor(180 * demo.fraction(b.code || y.year || 'register'))
                       ELSE 150 + floor(150 * demo.fraction(b.code || y.year || 'register')) END::bigint AS register,
           0.6 + 0.35 * demo.fraction(b.code || y.year || 'e-services') AS electronic_share,
           round(60 * demo.fraction(b.code || y.year || 'downtime'), 1) AS downtime,
           floor(6 * demo.fraction(b.code || y.year || 'automated'))::bigint AS newly_automated
    FROM perf_eval.body AS b
    JOIN demo.assessed AS y ON y.body = b.code
    WHERE perf_eval.scope_status(b.code, 'interaction', y.year) <> 'exempt'
) AS s;

-- Openness: open data, budget, dialogue, subordinate organisations.
INSERT INTO perf_eval.openness_inputs (body, year, open_data_published, open_data_required, budget_filling_percent,
                                       blog_questions_received, blog_questions_answered, dialogue_indicator_2,
                                       dialogue_indicator_3, dialogue_indicator_4, dialogue_indicator_5,
                                       subordinates_total, subordinates_non_compliant, source)
SELECT o.body, o.year, floor(o.required * o.published_share)::bigint, o.required, o.budget,
       o.received, floor(o.received * o.answered_share)::bigint,
       o.d2, o.d3, o.d4, o.d5, o.subordinates, floor(o.subordinates * o.non_compliant_share)::bigint, 'demo'
FROM (
    SELECT b.code AS body, y.year,
           (20 + floor(70 * demo.fraction(b.code || y.year || 'data sets')))::bigint AS required,
           0.7 + 0.3 * demo.fraction(b.code || y.year || 'published') AS published_share,
           round(50 + 50 * demo.fraction(b.code || y.year || 'budget'), 1) AS budget,
           (200 + floor(2800 * demo.fraction(b.code || y.year || 'blog')))::bigint AS received,
           0.85 + 0.15 * demo.fraction(b.code || y.year || 'answered') AS answered_share,
           round(0.5 + 0.5 * demo.fraction(b.code || y.year || 'dialogue 2'), 2) AS d2,
           round(0.5 + 0.5 * demo.fraction(b.code || y.year || 'dialogue 3'), 2) AS d3,
           round(0.5 + 0.5 * demo.fraction(b.code || y.year || 'dialogue 4'), 2) AS d4,
           round(0.5 + 0.5 * demo.fraction(b.code || y.year || 'dialogue 5'), 2) AS d5,
           floor(31 * demo.fraction(b.code || y.year || 'subordinates'))::bigint AS subordinates,
           0.25 * demo.fraction(b.code || y.year || 'non-compliant') AS non_compliant_share
    FROM perf_eval.body AS b
    JOIN demo.assessed AS y ON y.body = b.code
    WHERE perf_eval.scope_status(b.code, 'interaction', y.year) <> 'exempt'
) AS o;

-- Open NLA fulfilment in both languages for the items of kz2020 and of kz2020_apa.
INSERT INTO perf_eval.open_nla_fulfilment (body, year, language, item, fulfilment)
SELECT o.body, o.year, l.language, i.item,
       round(0.6 + 0.4 * demo.fraction(o.body || o.year || l.language || i.item), 2)
FROM perf_eval.openness_inputs AS o
CROSS JOIN (VALUES ('kk'), ('ru')) AS l(language)
CROSS JOIN (VALUES ('concepts'), ('drafts'), ('forms'), ('monitoring'), ('notifications'), ('analysis'),
                   ('recommendations'), ('submissions'), ('user_satisfaction')) AS i(item)
WHERE o.source = 'demo';
