#!/usr/bin/env bash
# The upgrade chain: a database that installed the oldest released version,
# holds the demo dataset and its recalculated runs, and is then moved to the
# newest version with ALTER EXTENSION perf_eval UPDATE must be
#   (a) the same, object for object, as a fresh install of the newest version
#       (test/upgrade/catalog.sql describes every member object);
#   (b) still holding every row it held: inputs, runs, scores (rows the
#       extension ships may change only as the fresh install has them);
#   (c) computing exactly what a fresh install computes on the same inputs;
#   (d) computing the same score tree (values, status, origin) as the oldest
#       version did on the same inputs, but for the changes a release
#       announces in test/upgrade/score_changes.txt (empty: none).
# Prints TAP; run inside scripts/throwaway-cluster.sh (PGHOST etc. set) after
# `make install`, which installs every released script and the newest one.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

newest=$(sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" perf_eval.control)
# The oldest released version: the released full script with the lowest version.
oldest=$(ls extension/perf_eval--*.sql | sed -n 's|^extension/perf_eval--\([0-9.]*\)\.sql$|\1|p' | sort -V | head -n 1)
oldest=${UPGRADE_FROM:-${oldest:-$newest}}

psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
rows() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -f test/upgrade/table_rows.sql >"$2"; }
catalog() { psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -f test/upgrade/catalog.sql; }
load_demo() {  # the demo dataset and its recalculation, as `make demo` loads them
    psql_q -d "$1" -f demo/setup.sql >/dev/null || return 1
    for input in demo/inputs/*.sql; do psql_q -d "$1" -f "$input" >/dev/null || return 1; done
    psql_q -d "$1" -f demo/recalculate.sql >/dev/null
}
n=0; failed=0
ok() {  # description, command...
    n=$((n + 1))
    if "${@:2}"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failed=$((failed + 1)); fi
}
same() {  # description, file_a, file_b: equal, or print the difference as TAP comments
    n=$((n + 1))
    if [[ -s "$2" && -s "$3" ]] && cmp -s "$2" "$3"; then echo "ok $n - $1"
    else echo "not ok $n - $1"; diff "$2" "$3" | head -40 | sed 's/^/# /'; failed=$((failed + 1)); fi
}

# The upgraded database: the oldest version, the demo inputs and runs.
createdb pe_upgraded
psql_q -d pe_upgraded -c "CREATE EXTENSION perf_eval VERSION '$oldest'" >/dev/null
ok "version $oldest installs" test $? -eq 0
# Each table's columns before the update, so rows are compared on the columns
# they had (empty: all columns); filled once the demo is loaded.
psql_q -d pe_upgraded -c 'CREATE SCHEMA pe_upgrade' -c 'CREATE TABLE pe_upgrade.columns (tab text, col text, ord int)'
ok "the rows version $oldest ships are read" rows pe_upgraded "$work/shipped_old.txt"
load_demo pe_upgraded
ok "the demo dataset loads and recalculates under $oldest" test $? -eq 0
# Remember each table's columns, so rows are compared on the columns they had.
psql_q -d pe_upgraded <<'SQL'
INSERT INTO pe_upgrade.columns
SELECT c.relname AS tab, a.attname AS col, a.attnum AS ord
FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = 'perf_eval' AND c.relkind IN ('r', 'p');
SQL
rows pe_upgraded "$work/before.txt"
# The score tree the oldest version computed: every node of every body of the
# current runs, without explanations (whose wording may grow between releases).
tree() {
    psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" <<'SQL'
SELECT concat_ws(' ', r.year, r.methodology, s.body, s.node, coalesce(s.value::text, 'null'),
                 coalesce(s.raw_value::text, 'null'), s.status, s.origin, s.superseded, coalesce(s.reason, '-'))
FROM perf_eval.current_run AS r JOIN perf_eval.score AS s ON s.run_id = r.run_id
ORDER BY 1;
SQL
}
tree pe_upgraded >"$work/tree_oldest.txt"
ok "the database holds runs and scores before the update" \
    grep -q "^score	" "$work/before.txt"

psql_q -d pe_upgraded -c 'ALTER EXTENSION perf_eval UPDATE' >"$work/update.out" 2>&1
ok "ALTER EXTENSION perf_eval UPDATE from $oldest succeeds" test $? -eq 0
ok "the updated database is at version $newest" \
    test "$(psql -X -A -t -d pe_upgraded -c "SELECT extversion FROM pg_extension WHERE extname = 'perf_eval'")" = "$newest"

# (a) Object for object, the same as a fresh install of the newest version.
createdb pe_fresh
psql_q -d pe_fresh -c 'CREATE EXTENSION perf_eval' >/dev/null
catalog pe_fresh >"$work/catalog_fresh.txt"
catalog pe_upgraded >"$work/catalog_upgraded.txt"
ok "the catalog description is not empty" test "$(wc -l <"$work/catalog_fresh.txt")" -gt 1000
same "every member object (definitions, columns, constraints, indexes, views, triggers, policies, grants, comments) equals a fresh install" \
    "$work/catalog_fresh.txt" "$work/catalog_upgraded.txt"

# (b) Every row kept. Rows the extension ships are those of a fresh install
# of the version in question; all other rows (the user's) must be unchanged.
psql_q -d pe_fresh <<SQL
CREATE SCHEMA pe_upgrade;
CREATE TABLE pe_upgrade.columns (tab text, col text, ord int);
SQL
psql_q -d pe_upgraded -c "COPY pe_upgrade.columns TO STDOUT" | psql_q -d pe_fresh -c "COPY pe_upgrade.columns FROM STDIN"
ok "the rows the newest version ships are read" rows pe_fresh "$work/shipped_new.txt"
ok "the rows of the updated database are read" rows pe_upgraded "$work/after.txt"
# user_rows ROWS SHIPPED: the rows of ROWS (tab, masked, full) whose masked
# form is not a shipped row, in full; shipped_missing SHIPPED ROWS: the shipped
# rows (by masked form) that ROWS lacks.
user_rows() { awk -F'\t' 'FILENAME == ARGV[1] { shipped[$1 FS $2]; next } !(($1 FS $2) in shipped) { print $1 FS $3 }' "$2" "$1" | LC_ALL=C sort; }
shipped_missing() { awk -F'\t' 'FILENAME == ARGV[1] { have[$1 FS $2]; next } !(($1 FS $2) in have) { print $1 FS $2 }' "$2" "$1"; }
user_rows "$work/before.txt" "$work/shipped_old.txt" >"$work/user_before.txt"
user_rows "$work/after.txt" "$work/shipped_new.txt" >"$work/user_after.txt"
same "every input row, run and score held before the update is there, unchanged" \
    "$work/user_before.txt" "$work/user_after.txt"
shipped_missing "$work/shipped_new.txt" "$work/after.txt" >"$work/shipped_missing.txt"
ok "the rows the newest version ships are all there after the update" test ! -s "$work/shipped_missing.txt"
[[ -s "$work/shipped_missing.txt" ]] && head -20 "$work/shipped_missing.txt" | sed 's/^/# missing: /'

# (c) A recalculation after the update gives what a fresh install gives.
createdb pe_fresh_demo
psql_q -d pe_fresh_demo -c 'CREATE EXTENSION perf_eval' >/dev/null
load_demo pe_fresh_demo
ok "the demo dataset loads and recalculates under $newest" test $? -eq 0
psql_q -d pe_upgraded -f demo/recalculate.sql >/dev/null
ok "the updated database recalculates" test $? -eq 0
for db in pe_upgraded pe_fresh_demo; do
    psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$db" >"$work/results_$db.txt" <<'SQL'
SELECT 'score ' || r.year || ' ' || r.methodology || ' ' || s.body || ' ' || s.node || ' '
       || coalesce(s.value::text, 'null') || ' ' || coalesce(s.raw_value::text, 'null') || ' ' || s.origin
       || ' ' || s.explanation::text
FROM perf_eval.current_run AS r JOIN perf_eval.score AS s ON s.run_id = r.run_id
ORDER BY 1;
SQL
done
ok "the recalculated results are not empty" test "$(wc -l <"$work/results_pe_fresh_demo.txt")" -gt 100
same "a recalculation after the update gives exactly what a fresh install gives on the same inputs" \
    "$work/results_pe_fresh_demo.txt" "$work/results_pe_upgraded.txt"

# (d) The same score tree as the oldest version computed, but for the changes
# announced (lines of tree() output, prefixed by - or +, in diff order).
tree pe_upgraded >"$work/tree_newest.txt"
ok "the score tree of the oldest version is not empty" test "$(wc -l <"$work/tree_oldest.txt")" -gt 100
diff "$work/tree_oldest.txt" "$work/tree_newest.txt" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' >"$work/tree_changes.txt"
grep -v '^#' test/upgrade/score_changes.txt >"$work/tree_announced.txt"
n=$((n + 1))
if cmp -s "$work/tree_announced.txt" "$work/tree_changes.txt"; then
    echo "ok $n - a recalculation under $newest gives the score tree $oldest computed, but for the changes test/upgrade/score_changes.txt announces"
else
    echo "not ok $n - a recalculation under $newest gives the score tree $oldest computed, but for the changes test/upgrade/score_changes.txt announces"
    diff "$work/tree_announced.txt" "$work/tree_changes.txt" | head -40 | sed 's/^/# /'; failed=$((failed + 1))
fi

echo "1..$n"
((failed == 0))
