#!/usr/bin/env bash
# Runs inside scripts/throwaway-cluster.sh (PGHOST, PGPORT, PGUSER set): pg_regress, pgTAP
# and isolation suites, and beside them the README's operator steps on a Debian
# cluster of their own. Each writes its raw output into the results folder
# given as $1, with its exit code (.rc) and wall-clock seconds (.seconds);
# scripts/summarize.sh counts them.
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"
results="$1"

# run_suite NAME OUTPUT COMMAND...: the command's output into $results/OUTPUT,
# its exit code and seconds beside it.
run_suite() {
    local name=$1 output=$2 started=$SECONDS
    shift 2
    "$@" >"$results/$output" 2>&1
    echo $? >"$results/$name.rc"
    echo $((SECONDS - started)) >"$results/$name.seconds"
}

# The README's operator steps on a cluster of their own (test/operator_steps.sh,
# TAP): it waits for pg_cron's next minute, so it runs alongside the rest.
run_suite operator operator.tap bash test/operator_steps.sh &
operator_pid=$!

# Who sees what (test/leak_test.sh, TAP): every relation and function each
# role may read, from the catalog, alongside too: on a cluster of its own,
# because CREATE EXTENSION creates the cluster-wide roles if missing, which
# races with the other suites' CREATE EXTENSION in the same cluster.
run_suite leak leak.tap bash scripts/throwaway-cluster.sh bash test/leak_test.sh &
leak_pid=$!

# pg_regress: what a user sees (sql/ -> expected/). `make installcheck` runs
# it and then pgTAP; the two halves run here one by one.
run_suite regress regress.out make -s PG_CONFIG="$PG_CONFIG" regress-installcheck
[[ -f regression.diffs ]] && cp regression.diffs "$results/regress.diffs"

# pgTAP: contracts, vectors, parallel equality. The scheduling file waits
# for pg_cron's next minute in perf_eval_test, the database where the
# throwaway cluster runs pg_cron, beside the other files in a database of
# their own; its lines are added to pgtap.out.
run_suite pgtap_cron pgtap_cron.out make -s PG_CONFIG="$PG_CONFIG" PGTAP_DATABASE=perf_eval_test \
    PGTAP_FILES=test/pgtap/pg_cron_schedule.sql pgtap-installcheck &
cron_pid=$!
run_suite pgtap pgtap.out make -s PG_CONFIG="$PG_CONFIG" PGTAP_DATABASE=perf_eval_pgtap \
    PGTAP_FILES="$(ls test/pgtap/*.sql | grep -v '/pg_cron_schedule\.sql$' | tr '\n' ' ')" pgtap-installcheck
wait "$cron_pid"
cat "$results/pgtap_cron.out" >>"$results/pgtap.out"
if [[ "$(cat "$results/pgtap_cron.rc")" != 0 ]]; then echo 1 >"$results/pgtap.rc"; fi

# Dump and restore: users' data survives pg_dump (TAP).
run_suite dump dump.tap bash test/dump_restore.sh

# Release discipline: packaging files, the manifest, frozen released scripts (TAP).
run_suite release release.tap bash test/release_checks.sh

# The upgrade chain: oldest release + demo data, ALTER EXTENSION UPDATE, then
# the same catalog, the same rows and the same results as a fresh install (TAP).
run_suite upgrade upgrade.tap bash test/upgrade.sh

# The library preloaded (shared_preload_libraries), in a cluster of its own (TAP).
run_suite preload preload.tap bash test/preload.sh

# Federated registries: a registry cluster and an assessment cluster of their
# own, the monthly states pulled through postgres_fdw (TAP).
run_suite federation federation.tap bash test/federation.sh

# The README's examples print what the README shows (TAP).
run_suite readme readme.tap perl test/readme_examples.pl

# The demo report in headless Chromium: every page in kk, ru, en at 1280 px,
# numbers against the views (TAP; screenshots in build/test-artifacts/browser).
run_suite browser browser.tap bash test/browser.sh

# SQL-level fuzz: every function and aggregate of the extension, from the
# catalog, with edge values, serial and parallel (TAP, one line per function).
run_suite fuzz fuzz.tap bash test/fuzz.sh

# Isolation specs: concurrent sessions.
if compgen -G "test/isolation/specs/*.spec" >/dev/null; then
    specs=$(cd test/isolation/specs && ls *.spec | sed 's/\.spec$//')
    run_suite isolation isolation.out \
        "$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/isolation/pg_isolation_regress" \
        --inputdir=test/isolation --outputdir="$results/isolation" \
        --load-extension=perf_eval $specs
fi

wait "$operator_pid" "$leak_pid"
exit 0
