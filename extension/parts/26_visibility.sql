-- =========================================================================
-- Section: who sees which values (docs/architecture.md "Visibility model")
--
-- The one definition of the restriction of publication (docs/methodology.md
-- §1.3: the MFA strategic plan is classified): row-level security of the
-- input and result tables and the masking in the reporting views all call
-- these functions. The rule for results not yet published (the assessment
-- cycle) is perf_eval.may_see_unpublished in 55_runs.sql, beside the cycle.
-- =========================================================================

-- Whether the current role may see a restricted score (the classified MFA strategic plan, §1.3).
CREATE FUNCTION perf_eval.may_see_restricted()
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT pg_catalog.pg_has_role(current_user, 'perf_eval_classified_reader', 'MEMBER')
        OR pg_catalog.pg_has_role(current_user, 'perf_eval_admin', 'MEMBER')
$$;
COMMENT ON FUNCTION perf_eval.may_see_restricted() IS
'True for members of perf_eval_classified_reader or perf_eval_admin (and superusers): they see scores whose publication is restricted';

-- A body's block is restricted in a year when its scope says so; its
-- composite score (which, with the other blocks shown, gives the restricted
-- block back by arithmetic) whenever any of its blocks is. A NULL block or
-- year means any.
CREATE FUNCTION perf_eval.publication_restricted(body text, block text, year integer)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM perf_eval.body_scope AS s
                   WHERE s.body = $1 AND s.publication_restricted
                     AND ($2 IS NULL OR $2 = 'composite' OR s.block = $2)
                     AND ($3 IS NULL OR ($3 >= s.year_from AND ($3 <= s.year_to OR s.year_to IS NULL))))
$$;
COMMENT ON FUNCTION perf_eval.publication_restricted(text, text, integer) IS
'True if the publication of the body''s scores and inputs of the block (composite: of any block) in the year is restricted (perf_eval.body_scope); a NULL block or year means any';

-- Who may see the values (scores, explanations, inputs) of a body's block in
-- a year: everyone unless restricted; then the classified readers, the
-- admins and the body's own submitters.
CREATE FUNCTION perf_eval.may_see_values(body text, block text, year integer)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT perf_eval.may_see_restricted()
        OR NOT perf_eval.publication_restricted($1, $2, $3)
        OR perf_eval.submits_for($1)
$$;
COMMENT ON FUNCTION perf_eval.may_see_values(text, text, integer) IS
'True if the current role may see the values (scores, explanations, inputs) of the body''s block in the year: not restricted, or a classified reader, an admin or the body''s own submitter (docs/architecture.md "Visibility model")';
