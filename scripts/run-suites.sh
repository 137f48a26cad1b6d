#!/usr/bin/env bash
# Runs inside scripts/throwaway-cluster.sh (PGHOST, PGPORT, PGUSER set): pg_regress, pgTAP
# and isolation suites, and beside them the README's operator steps on a Debian
# cluster of their own. Each writes its raw output into the results folder
# given as $1; scripts/summarize.sh counts them.
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"
results="$1"

# The README's operator steps on a cluster of their own (test/operator_steps.sh,
# TAP): it waits for pg_cron's next minute, so it runs alongside the rest.
bash test/operator_steps.sh >"$results/operator.tap" 2>&1 &
operator_pid=$!

# Who sees what (test/leak_test.sh, TAP): every relation and function each
# role may read, from the catalog, alongside too: on a cluster of its own,
# because CREATE EXTENSION creates the cluster-wide roles if missing, which
# races with the other suites' CREATE EXTENSION in the same cluster.
bash scripts/throwaway-cluster.sh bash test/leak_test.sh >"$results/leak.tap" 2>&1 &
leak_pid=$!

# pg_regress: what a user sees (sql/ -> expected/). `make installcheck` runs
# it and then pgTAP; the two halves run here one by one.
make -s PG_CONFIG="$PG_CONFIG" regress-installcheck >"$results/regress.out" 2>&1
echo $? >"$results/regress.rc"
[[ -f regression.diffs ]] && cp regression.diffs "$results/regress.diffs"

# pgTAP: contracts, vectors, parallel equality. In perf_eval_test, the
# database where the throwaway cluster runs pg_cron.
make -s PG_CONFIG="$PG_CONFIG" PGTAP_DATABASE=perf_eval_test pgtap-installcheck >"$results/pgtap.out" 2>&1
echo $? >"$results/pgtap.rc"

# Dump and restore: users' data survives pg_dump (TAP).
bash test/dump_restore.sh >"$results/dump.tap" 2>&1
echo $? >"$results/dump.rc"

# Release discipline: packaging files, the manifest, frozen released scripts (TAP).
bash test/release_checks.sh >"$results/release.tap" 2>&1
echo $? >"$results/release.rc"

# The upgrade chain: oldest release + demo data, ALTER EXTENSION UPDATE, then
# the same catalog, the same rows and the same results as a fresh install (TAP).
bash test/upgrade.sh >"$results/upgrade.tap" 2>&1
echo $? >"$results/upgrade.rc"

# The library preloaded (shared_preload_libraries), in a cluster of its own (TAP).
bash test/preload.sh >"$results/preload.tap" 2>&1
echo $? >"$results/preload.rc"

# Federated registries: a registry cluster and an assessment cluster of their
# own, the monthly states pulled through postgres_fdw (TAP).
bash test/federation.sh >"$results/federation.tap" 2>&1
echo $? >"$results/federation.rc"

# The README's examples print what the README shows (TAP).
perl test/readme_examples.pl >"$results/readme.tap" 2>&1
echo $? >"$results/readme.rc"

# The demo report in headless Chromium: every page in kk, ru, en at 1280 px,
# numbers against the views (TAP; screenshots in build/test-artifacts/browser).
bash test/browser.sh >"$results/browser.tap" 2>&1
echo $? >"$results/browser.rc"

# SQL-level fuzz: every function and aggregate of the extension, from the
# catalog, with edge values, serial and parallel (TAP, one line per function).
bash test/fuzz.sh >"$results/fuzz.tap" 2>&1
echo $? >"$results/fuzz.rc"

# Isolation specs: concurrent sessions.
if compgen -G "test/isolation/specs/*.spec" >/dev/null; then
    specs=$(cd test/isolation/specs && ls *.spec | sed 's/\.spec$//')
    "$("$PG_CONFIG" --pkglibdir)/pgxs/src/test/isolation/pg_isolation_regress" \
        --inputdir=test/isolation --outputdir="$results/isolation" \
        --load-extension=perf_eval $specs >"$results/isolation.out" 2>&1
    echo $? >"$results/isolation.rc"
fi

wait "$operator_pid"
echo $? >"$results/operator.rc"
wait "$leak_pid"
echo $? >"$results/leak.rc"
exit 0
