#!/usr/bin/env bash
# `make bench`: perf_eval's registry aggregates side by side with a bare
# count(*) scan, the best plain SQL and PL/pgSQL on the same rows, serial and
# parallel, plus the monthly partial-state path (bench/README.md). Runs in a
# throwaway pg_virtualenv cluster; not part of `make test`.
#   BENCH_DELIVERIES  service deliveries to generate (default 20000000)
#   BENCH_COMPLAINTS  complaint records to generate (default 2000000)
#   BENCH_WORKERS     workers per gather in the parallel runs (default: CPUs - 1,
#                     at least 1, so the leader and its workers fill the CPUs)
#   BENCH_HUGE_PAGES  the cluster's huge_pages: try (default), on or off
#   BENCH_NATIONAL=1  the national-scale scenario instead (scripts/bench-national.sh)
#   BENCH_SENSITIVITY_SAMPLES  joint samples of the sensitivity line (scripts/bench-sensitivity.sh)
# Fails (non-zero exit) if any two variants return different counts.
set -euo pipefail
if [[ "${BENCH_NATIONAL:-}" == 1 ]]; then
    exec bash "$(dirname "$0")/bench-national.sh"
fi
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

deliveries="${BENCH_DELIVERIES:-20000000}"
complaints="${BENCH_COMPLAINTS:-2000000}"
cpus=$(nproc)
workers="${BENCH_WORKERS:-$((cpus > 1 ? cpus - 1 : 1))}"
huge_pages="${BENCH_HUGE_PAGES:-try}"
for n in "$deliveries" "$complaints"; do
    if ! [[ "$n" =~ ^[1-9][0-9]{0,9}$ ]]; then
        pe_say "perf_eval bench: BENCH_DELIVERIES and BENCH_COMPLAINTS must be positive integers (got '$n')"
        exit 2
    fi
done
if ! [[ "$workers" =~ ^[1-8]$ ]]; then
    pe_say "perf_eval bench: BENCH_WORKERS must be 1 to 8, the cluster's max_parallel_workers (got '$workers')"
    exit 2
fi
if ! [[ "$huge_pages" =~ ^(try|on|off)$ ]]; then
    pe_say "perf_eval bench: BENCH_HUGE_PAGES must be try, on or off (got '$huge_pages')"
    exit 2
fi

bash scripts/check-deps.sh
pe_build_and_install

source scripts/bench-settings.sh

echo "perf_eval bench"
echo "  command:  BENCH_DELIVERIES=$deliveries BENCH_COMPLAINTS=$complaints BENCH_WORKERS=$workers make bench"
bench_machine_line
echo "  cluster:  pg_virtualenv, shared_buffers=${shared_mb}MB, huge_pages=$huge_pages, jit and planner costs default;"
echo "            serial = no workers; parallel = $workers per gather and the leader, parallel plans preferred;"
echo "            each measurement in a session of its own"
echo "  rows:     $deliveries service deliveries, $complaints complaint records, year 2020, 41 bodies of demo/bodies.csv"

measure_script=$(mktemp "${TMPDIR:-/tmp}/perf_eval_bench.XXXXXX.sql")
trap 'rm -f "$measure_script"' EXIT

export BENCH_DELIVERIES="$deliveries" BENCH_COMPLAINTS="$complaints" BENCH_WORKERS="$workers" \
    BENCH_MEASURE_SCRIPT="$measure_script" BENCH_SHARED_MB="$shared_mb" \
    BENCH_HUGE_PAGE_KB="$huge_page_kb" BENCH_HUGE_PAGES_NEEDED="$huge_pages_needed" \
    BENCH_HUGE_PAGES_BEFORE="$(huge_pages_held)"
export -f huge_pages_held bench_memory_lines
status=0
pg_virtualenv -t -v "$PE_PG_MAJOR" "${bench_cluster_options[@]}" \
    bash -c '
    set -euo pipefail
    psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
    echo "  server:   $(psql -X -At -c "SHOW server_version")"
    bench_memory_lines
    createdb perf_eval_bench
    psql_q -d perf_eval_bench -f bench/setup.sql
    started=$(date +%s)
    psql_q -d perf_eval_bench -v deliveries="$BENCH_DELIVERIES" -v complaints="$BENCH_COMPLAINTS" -f bench/generate.sql
    echo "  generated and vacuumed in $(( $(date +%s) - started )) s; measuring (best of 5 runs, PL/pgSQL of 3)..."
    psql -X -v ON_ERROR_STOP=1 -v parallel_workers="$BENCH_WORKERS" -v measure_script="$BENCH_MEASURE_SCRIPT" \
        -d perf_eval_bench -f bench/run.sql
' || status=$?

# The sensitivity of a block's ranking to the assumed parameters (docs/designing.md §3).
if ((status == 0)); then
    bash scripts/bench-sensitivity.sh || status=$?
fi

if ((status != 0)); then
    echo "perf_eval bench FAILED (exit $status): see the error above" >&2
fi
exit "$status"
