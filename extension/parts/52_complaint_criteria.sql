-- =========================================================================
-- Section: the complaints direction of a body under a methodology
-- (METHODOLOGY §4.4): the criteria with explanations, used by both
-- complaint_scores() and the recalculation's node computer
-- =========================================================================

CREATE FUNCTION perf_eval.complaint_criteria(tally perf_eval.complaint_tally, methodology text DEFAULT NULL,
                                             source text DEFAULT NULL)
RETURNS TABLE (node text, raw_value numeric, reason text, explanation jsonb)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- Which criteria exist is read from the version:
--   kz2020:     R1 + R2 + R3 + R4                          (max 40 + 30 + 20 + 10)
--   kz2017:     R1 (x100) + R2 (tiers, a + c) + R3 supplied (no R4)
--   kz2020_apa: R1 (k 20) + one-time acceptance + R2 + R3 + internal audit (R4 bands by default)
-- Raw values (clamp none) with the version's zero-volume policy; a criterion
-- the counts cannot give is a NULL row with its reason. A NULL methodology
-- is the setting perf_eval.methodology, else the default version.
DECLARE
    v text := perf_eval.resolve_methodology(methodology);
    zero_volume text := perf_eval.param_text(v, 'policy.zero_volume');
    has_r4 boolean := perf_eval.param_exists(v, 'complaints.r4.bands');
    has_r3 boolean := perf_eval.param_exists(v, 'complaints.r3.scale');
    tiered boolean := perf_eval.param_exists(v, 'complaints.r2.tiers');
    apa boolean := perf_eval.param_exists(v, 'complaints.one_time_acceptance.pts');
    inputs jsonb;
    raw numeric;
    higher bigint;
BEGIN
    IF tally IS NULL THEN
        RETURN;
    END IF;
    tally := perf_eval.checked_tally(tally);
    inputs := jsonb_build_object('p', (tally).considered, 'f', (tally).late,
                                 'a', (tally).court_satisfied, 'c', (tally).higher_authority_satisfied,
                                 'n', (tally).repeated_satisfied, 'd', (tally).late_disciplined,
                                 'source', source);

    raw := perf_eval.complaint_timeliness_score((tally).late, (tally).considered,
               perf_eval.param_numeric(v, 'complaints.r1.k'), perf_eval.param_numeric(v, 'complaints.r1.scale'),
               'none', zero_volume);
    RETURN QUERY SELECT 'interaction.complaints.timeliness', raw,
        CASE WHEN raw IS NULL THEN 'zero_volume' END,
        perf_eval.criterion_explanation(v, 'R1', 'R1 = k·(p − S·f)/p',
            (SELECT p.source FROM perf_eval.methodology_param AS p WHERE p.methodology = v AND p.key = 'complaints.r1.scale'),
            inputs, ARRAY['complaints.r1.k', 'complaints.r1.scale', 'policy.zero_volume']);

    IF tiered THEN
        higher := CASE WHEN perf_eval.param_boolean(v, 'complaints.r2.count_higher_authority')
                       THEN (tally).higher_authority_satisfied ELSE 0 END;
        raw := perf_eval.complaint_court_score_tiered((tally).court_satisfied, higher, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_text(v, 'complaints.r2.tiers'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, 'R2_2017', 'R2 = k·(b − S(b)·(a + c))/b',
                'APA 2020 report §2.2, Table 2.3',
                inputs, ARRAY['complaints.r2.k', 'complaints.r2.tiers', 'complaints.r2.count_higher_authority', 'policy.zero_volume']);
    ELSE
        raw := perf_eval.complaint_court_score((tally).court_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r2.k'), perf_eval.param_numeric(v, 'complaints.r2.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.court', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, 'R2', 'R2 = k·(p − S·a)/p',
                'APA 2020 report §2.5',
                inputs, ARRAY['complaints.r2.k', 'complaints.r2.scale', 'policy.zero_volume']);
    END IF;

    IF has_r3 THEN
        raw := perf_eval.complaint_repeat_score((tally).repeated_satisfied, (tally).considered,
                   perf_eval.param_numeric(v, 'complaints.r3.k'), perf_eval.param_numeric(v, 'complaints.r3.scale'),
                   'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.repeat', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, 'R3', 'R3 = k·(m − S·n)/m',
                'APA 2020 report §2.5',
                inputs, ARRAY['complaints.r3.k', 'complaints.r3.scale', 'policy.zero_volume']);
    ELSE
        -- kz2017: "share of satisfied complaints", a criterion the seeds do not define: supplied only.
        RETURN QUERY SELECT 'interaction.complaints.repeat', NULL::numeric, 'supplied_only',
            perf_eval.criterion_explanation(v, 'R3_2017', 'supplied by the assessor',
                'APA 2020 report §2.2', inputs, ARRAY['complaints.r3.k']);
    END IF;

    IF has_r4 THEN
        raw := perf_eval.complaint_internal_control_points((tally).late_disciplined, (tally).late,
                   perf_eval.param_text(v, 'complaints.r4.bands'), 'none', zero_volume);
        RETURN QUERY SELECT 'interaction.complaints.internal_control', raw,
            CASE WHEN raw IS NULL THEN 'zero_volume' END,
            perf_eval.criterion_explanation(v, CASE WHEN apa THEN 'internal_audit' ELSE 'R4' END, 'R4 = bands(100·d/f)',
                'APA 2020 report §2.5', inputs, ARRAY['complaints.r4.bands', 'policy.zero_volume']);
    END IF;

    IF apa THEN
        -- One-time acceptance needs the service-delivery registry (extra documents per 100 000).
        RETURN QUERY SELECT 'interaction.complaints.one_time_acceptance', NULL::numeric, 'no_data',
            perf_eval.criterion_explanation(v, 'one_time_acceptance', 'pts·scale(extra-document requests per 100 000 deliveries)',
                'APA 2020 report, chapter 2 recommendations',
                inputs, ARRAY['complaints.one_time_acceptance.pts', 'complaints.one_time_acceptance.scale']);
    END IF;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_criteria(perf_eval.complaint_tally, text, text) IS
'Raw R1-R4 (and the kz2020_apa criteria) of one complaint tally under a methodology (NULL: the setting perf_eval.methodology, else the default version), with explanations: formula, clause, inputs, parameters with provenance; the tally is checked by checked_tally: a negative count 22003, a part larger than its whole 22023 (docs/methodology.md §4.4, §4.5)';

CREATE FUNCTION perf_eval.complaint_scores(
    tally perf_eval.complaint_tally,
    methodology text DEFAULT NULL,
    repeat_supplied numeric DEFAULT NULL,
    one_time_acceptance_supplied numeric DEFAULT NULL,
    OUT version text,
    OUT timeliness numeric,
    OUT court numeric,
    OUT repeat numeric,
    OUT one_time_acceptance numeric,
    OUT internal_control numeric,
    OUT total numeric)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
-- The complaints direction H of a body from its counts, clamped with the
-- version's policy. A criterion the counts cannot give (kz2017 R3, the apa
-- one-time acceptance) is taken from the *_supplied argument; missing, it
-- makes H NULL (not assessable).
DECLARE
    clamp text;
    c record;
    points numeric;
    maximum numeric;
    sum_points numeric := 0;
    assessable boolean := true;
BEGIN
    IF tally IS NULL THEN
        RETURN;
    END IF;
    version := perf_eval.resolve_methodology(methodology);
    clamp := perf_eval.param_text(version, 'policy.clamp');
    FOR c IN SELECT * FROM perf_eval.complaint_criteria(tally, version) LOOP
        maximum := perf_eval.node_maximum(c.node, version);
        points := perf_eval.clamp_value(c.raw_value, maximum, clamp);
        IF c.raw_value IS NULL THEN
            points := CASE c.node WHEN 'interaction.complaints.repeat' THEN repeat_supplied
                                  WHEN 'interaction.complaints.one_time_acceptance' THEN one_time_acceptance_supplied END;
            IF points < 0 OR points > maximum THEN
                RAISE EXCEPTION 'supplied % must lie between 0 and %', c.node, maximum
                    USING ERRCODE = '22003',
                          DETAIL = format('supplied %s under %s.', points, version),
                          HINT = 'docs/methodology.md §1.2: a supplied score lies in [0, node maximum].';
            END IF;
        END IF;
        CASE c.node
            WHEN 'interaction.complaints.timeliness' THEN timeliness := points;
            WHEN 'interaction.complaints.court' THEN court := points;
            WHEN 'interaction.complaints.repeat' THEN repeat := points;
            WHEN 'interaction.complaints.one_time_acceptance' THEN one_time_acceptance := points;
            WHEN 'interaction.complaints.internal_control' THEN internal_control := points;
        END CASE;
        assessable := assessable AND points IS NOT NULL;
        sum_points := sum_points + coalesce(points, 0);
    END LOOP;
    total := CASE WHEN assessable THEN sum_points END;
END
$$;
COMMENT ON FUNCTION perf_eval.complaint_scores(perf_eval.complaint_tally, text, numeric, numeric) IS
'Complaints direction H and its criteria R1-R4 from a complaint_tally under a methodology version (NULL: the setting perf_eval.methodology, else the default version), with the version''s clamp and zero-volume policies; the tally is checked by checked_tally: a negative count 22003, a part larger than its whole 22023 (docs/methodology.md §4.4, §4.5)';

-- ---------------------------------------------------------------------------
-- Node computer of the complaints direction: R1-R4 of a body (METHODOLOGY §4.4)
-- ---------------------------------------------------------------------------

-- The complaint tally of every body for a year: its yearly counts where loaded,
-- otherwise its 12 monthly partial states of the complaint registry (METHODOLOGY §7.2).
CREATE FUNCTION perf_eval.complaint_tallies(year integer)
RETURNS TABLE (body text, tally perf_eval.complaint_tally, source text)
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.body,
           ROW(c.considered, c.late, c.court_satisfied, c.higher_authority_satisfied,
               c.repeated_satisfied, c.late_disciplined)::perf_eval.complaint_tally,
           'complaint_counts'
    FROM perf_eval.complaint_counts AS c
    WHERE c.year = $1
    UNION ALL
    SELECT m.body, perf_eval.complaint_tally_merge_agg(m.tally), 'complaint_record (monthly partial states)'
    FROM perf_eval.complaint_tally_monthly AS m
    WHERE m.month >= pg_catalog.make_date($1, 1, 1) AND m.month < pg_catalog.make_date($1 + 1, 1, 1)
      AND NOT EXISTS (SELECT 1 FROM perf_eval.complaint_counts AS c WHERE c.body = m.body AND c.year = $1)
      -- A code missing from the body registry is no assessed body: compute_run
      -- lists its rows in run_problems.
      AND EXISTS (SELECT 1 FROM perf_eval.body AS b WHERE b.code = m.body)
    GROUP BY m.body
$$;
COMMENT ON FUNCTION perf_eval.complaint_tallies(integer) IS
'The complaint tally of each body of perf_eval.body in a year: perf_eval.complaint_counts where loaded, else the merge of its monthly partial states of perf_eval.complaint_record (states of codes missing from perf_eval.body are left out; a recalculation lists them in run_problems)';

CREATE FUNCTION perf_eval.complaint_bodies(year integer, methodology text)
RETURNS SETOF text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT t.body FROM perf_eval.complaint_tallies(complaint_bodies.year) AS t ORDER BY t.body
$$;
COMMENT ON FUNCTION perf_eval.complaint_bodies(integer, text) IS
'Bodies the complaints node computer computes in a year: those with a complaint tally (perf_eval.complaint_tallies)';

CREATE FUNCTION perf_eval.complaint_nodes(body text, year integer, methodology text)
RETURNS SETOF perf_eval.node_value
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    -- The kz2020_apa one-time acceptance comes from the service counts: the
    -- interaction computer (61_interaction_block.sql) provides that node.
    SELECT t.body, c.node, c.raw_value, c.reason, c.explanation
    FROM perf_eval.complaint_tallies(complaint_nodes.year) AS t
    CROSS JOIN LATERAL perf_eval.complaint_criteria(t.tally, complaint_nodes.methodology, t.source) AS c
    WHERE t.body = complaint_nodes.body AND c.node <> 'interaction.complaints.one_time_acceptance'
$$;
COMMENT ON FUNCTION perf_eval.complaint_nodes(text, integer, text) IS
'Node computer of the complaints direction: raw R1-R4 (and the kz2020_apa criteria) of a body with complaint counts in the year (docs/methodology.md §4.4)';

INSERT INTO perf_eval.node_computer (name, computer, description, bodies, context, hint) VALUES
('complaints', 'perf_eval.complaint_nodes', 'R1-R4 from complaint counts (docs/methodology.md §4.4)',
 'perf_eval.complaint_bodies', 'complaints direction', NULL);
