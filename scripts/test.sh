#!/usr/bin/env bash
# `make test`: dependencies, a -Werror build, install, then every suite:
# C unit tests (sanitizers, fuzzing) and, in a throwaway cluster, pg_regress,
# pgTAP and isolation specs. The last line is "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

bash scripts/check-deps.sh || exit 1
pe_build_and_install || exit 1

# The suites' fixtures load in transactions that roll back: autovacuum
# analyzing a table that then holds only dead rows records "0 rows in N
# pages", and the next file's plans over that table, full again inside its
# transaction, turn quadratic (minutes instead of seconds, depending on when
# the daemon woke). Without it every test database plans as a fresh one.
export PE_AUTOVACUUM=off

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

started=$SECONDS
bash scripts/run-unit-tests.sh >"$results/unit.tap" 2>"$results/unit.err"
echo $? >"$results/unit.rc"
echo $((SECONDS - started)) >"$results/unit.seconds"

bash scripts/throwaway-cluster.sh bash scripts/run-suites.sh "$results"
echo $? >"$results/cluster.rc"

# Not exec: the EXIT trap must still remove the results folder.
bash scripts/summarize.sh "$results"
