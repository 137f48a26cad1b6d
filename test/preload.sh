#!/usr/bin/env bash
# The library can be preloaded (shared_preload_libraries = 'perf_eval', see
# docs/settings.md): the server starts with it (its _PG_init reads no
# catalog), every session shows its settings and refuses a misspelt one from
# the first statement, and the settings work in ALTER DATABASE ... SET.
# Prints TAP. Starts a cluster of its own (scripts/throwaway-cluster.sh), so
# it runs outside or inside the suites' cluster alike.
set -uo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" != --inside ]]; then
    out=$(PE_EXTRA_PRELOAD=perf_eval bash scripts/throwaway-cluster.sh bash test/preload.sh --inside 2>&1)
    rc=$?
    printf '%s\n' "$out"
    ((rc == 0)) || echo "not ok - the cluster with perf_eval preloaded did not start or the checks did not finish"
    ((rc == 0)) && ! grep -q '^not ok' <<<"$out"
    exit
fi

n=0; failed=0
check() {  # description, expected, actual
    n=$((n + 1))
    if [[ "$2" == "$3" ]]; then echo "ok $n - $1"
    else echo "not ok $n - $1"; echo "#   expected: $2"; echo "#   got:      $3"; failed=$((failed + 1)); fi
}
sql() { psql -X -A -t -q -d preload "$@" 2>&1; }

check "the server starts with shared_preload_libraries = 'perf_eval'" \
    "pg_cron, perf_eval" "$(psql -X -A -t -c 'SHOW shared_preload_libraries')"
createdb preload
check "a fresh session shows the settings before any perf_eval function is called" \
    "perf_eval.allow_drop_with_data|perf_eval.change_reason|perf_eval.incremental_recalculation|perf_eval.methodology|perf_eval.refresh_full_scan_months" \
    "$(sql -c "SELECT string_agg(name, '|' ORDER BY name) FROM pg_settings WHERE name LIKE 'perf_eval.%'")"
check "a misspelt perf_eval setting is refused from the first statement" \
    'ERROR:  invalid configuration parameter name "perf_eval.methodolgy"' \
    "$(sql -c "SET perf_eval.methodolgy = 'kz2017'" | head -1)"
sql -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION perf_eval' >/dev/null
check "SET perf_eval.methodology chooses the version in a preloaded session" \
    "kz2017" "$(sql -c "SET perf_eval.methodology = 'kz2017'" -c 'SELECT perf_eval.resolve_methodology(NULL)')"
sql -c "ALTER DATABASE preload SET perf_eval.methodology = 'kz2020_apa'" >/dev/null
check "ALTER DATABASE ... SET perf_eval.methodology applies to new sessions" \
    "kz2020_apa" "$(sql -c 'SELECT perf_eval.resolve_methodology(NULL)')"
check "ALTER DATABASE ... SET of a misspelt perf_eval setting is refused" \
    'ERROR:  invalid configuration parameter name "perf_eval.methodolgy"' \
    "$(sql -c "ALTER DATABASE preload SET perf_eval.methodolgy = 'kz2017'" | head -1)"

echo "1..$n"
