#!/usr/bin/env bash
# Who sees what, checked from the catalog (docs/architecture.md §3.8): on a
# dataset with a restricted score (the MFA's goals block, 61.2345, published
# for 2019) and the preliminary results of every body (2020), each role reads
# every relation of perf_eval it may SELECT and calls every function it may
# EXECUTE that takes only a year, methodology or body (test/leak/scan.sql:
# found in pg_class and pg_proc, so a new view or function is covered
# without touching this test). Then:
#   - reader, editor and the MF submitter never see the restricted value
#     rendered with two or more decimals; the classified reader and the
#     admin do (the scan can see it);
#   - reader and editor see no preliminary row; the MF submitter none of
#     another body, but its own; the admin and the goals assessor see them.
# Prints TAP, with the number of relations and functions read per role; run
# inside scripts/throwaway-cluster.sh after `make install`.
set -uo pipefail
cd "$(dirname "$0")/.."
db=perf_eval_leak
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
value() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }

createdb "$db" || { echo "Bail out! createdb"; exit 1; }
psql_q -c 'CREATE EXTENSION perf_eval' >/dev/null || { echo "Bail out! CREATE EXTENSION"; exit 1; }
psql_q -f test/leak/setup.sql >/dev/null || { echo "Bail out! dataset (test/leak/setup.sql)"; exit 1; }
psql_q -f test/leak/scan.sql >/dev/null || { echo "Bail out! test/leak/scan.sql"; exit 1; }

roles="leak_reader leak_editor leak_submitter leak_classified leak_assessor leak_admin"
for role in $roles; do
    psql_q -c "SET ROLE $role" \
           -c "INSERT INTO public.leak_result SELECT current_user, s.* FROM public.leak_scan('MF') AS s" \
        || { echo "Bail out! scan as $role"; exit 1; }
done

echo "1..11"
n=0
check() {  # description, SQL returning true
    n=$((n + 1))
    if [[ "$(value "$2")" == t ]]; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi
}
for role in $roles; do
    echo "# $role: $(value "SELECT format('%s relations and %s functions read (%s rows), %s refused or failed',
                               count(*) FILTER (WHERE kind = 'relation' AND error IS NULL),
                               count(*) FILTER (WHERE kind = 'function' AND error IS NULL),
                               sum(n), count(*) FILTER (WHERE error IS NOT NULL))
                        FROM public.leak_result WHERE role = '$role'")"
done
show() {  # rows that fail a check, as TAP comments
    psql -X -A -t -q -d "$db" -c "SELECT '#   ' || role || ' ' || kind || ' ' || object || ': ' || $1
                                   FROM public.leak_result WHERE $2 ORDER BY 1 LIMIT 20"
}
for role in leak_reader leak_editor leak_submitter; do
    check "$role never sees the restricted value" \
        "SELECT coalesce(sum(restricted_value), 0) = 0 FROM public.leak_result WHERE role = '$role'"
    show "restricted_value || ' rows'" "role = '$role' AND restricted_value > 0"
done
for role in leak_classified leak_admin; do
    check "$role sees the restricted value (the scan finds it)" \
        "SELECT sum(restricted_value) > 0 FROM public.leak_result WHERE role = '$role'"
done
for role in leak_reader leak_editor; do
    check "$role sees no preliminary row" \
        "SELECT coalesce(sum(preliminary), 0) = 0 FROM public.leak_result WHERE role = '$role'"
    show "preliminary || ' rows'" "role = '$role' AND preliminary > 0"
done
check "leak_submitter sees no other body's preliminary row" \
    "SELECT coalesce(sum(foreign_preliminary), 0) = 0 FROM public.leak_result WHERE role = 'leak_submitter'"
show "foreign_preliminary || ' rows'" "role = 'leak_submitter' AND foreign_preliminary > 0"
check "leak_submitter sees its own preliminary result (my_results)" \
    "SELECT preliminary > 0 FROM public.leak_result WHERE role = 'leak_submitter' AND object = 'perf_eval.my_results'"
check "leak_admin and leak_assessor see the preliminary rows (the scan finds them)" \
    "SELECT bool_and(p > 0) FROM (SELECT sum(preliminary) AS p FROM public.leak_result
                                  WHERE role IN ('leak_admin', 'leak_assessor') GROUP BY role) AS x"
check "every role read relations and functions" \
    "SELECT count(DISTINCT role) = 6 AND bool_and(k = 2) FROM (SELECT role, count(DISTINCT kind) AS k FROM public.leak_result
                                                             WHERE error IS NULL GROUP BY role) AS x"
echo "# slowest: $(value "SELECT string_agg(role || ' ' || object || ' ' || ms, '; ') FROM (SELECT * FROM public.leak_result ORDER BY ms DESC LIMIT 12) AS x")"
dropdb "$db"
