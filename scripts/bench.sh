#!/usr/bin/env bash
# `make bench`: perf_eval's registry aggregates side by side with a bare
# count(*) scan, the best plain SQL and PL/pgSQL on the same rows, serial and
# parallel, plus the monthly partial-state path (bench/README.md). Runs in a
# throwaway pg_virtualenv cluster; not part of `make test`.
#   BENCH_DELIVERIES  service deliveries to generate (default 20000000)
#   BENCH_COMPLAINTS  complaint records to generate (default 2000000)
# Fails (non-zero exit) if any two variants return different counts.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

deliveries="${BENCH_DELIVERIES:-20000000}"
complaints="${BENCH_COMPLAINTS:-2000000}"
for n in "$deliveries" "$complaints"; do
    if ! [[ "$n" =~ ^[1-9][0-9]{0,9}$ ]]; then
        pe_say "perf_eval bench: BENCH_DELIVERIES and BENCH_COMPLAINTS must be positive integers (got '$n')"
        exit 2
    fi
done

bash scripts/check-deps.sh
pe_build_and_install

# Shared buffers: a quarter of the memory, at most 8 GB, so the generated
# registries are scanned from memory and the bench measures CPU work.
mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
shared_mb=$((mem_mb / 4))
((shared_mb > 8192)) && shared_mb=8192
((shared_mb < 128)) && shared_mb=128

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo "perf_eval bench"
echo "  command:  BENCH_DELIVERIES=$deliveries BENCH_COMPLAINTS=$complaints make bench"
echo "  machine:  $(nproc) CPUs ($cpu_model), ${mem_mb} MB RAM, $(uname -sr)"
echo "  cluster:  pg_virtualenv, shared_buffers=${shared_mb}MB, jit and planner costs default;"
echo "            serial = no workers; parallel = 2 workers per gather, parallel plans preferred"
echo "  rows:     $deliveries service deliveries, $complaints complaint records, year 2020, 41 bodies of demo/bodies.csv"

export BENCH_DELIVERIES="$deliveries" BENCH_COMPLAINTS="$complaints"
status=0
pg_virtualenv -t -v "$PE_PG_MAJOR" \
    -o "shared_buffers=${shared_mb}MB" -o max_wal_size=16GB -o checkpoint_timeout=30min \
    -o autovacuum=off -o synchronous_commit=off -o full_page_writes=off \
    -o max_worker_processes=16 -o max_parallel_workers=8 \
    bash -c '
    set -euo pipefail
    psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
    echo "  server:   $(psql -X -At -c "SHOW server_version")"
    createdb perf_eval_bench
    psql_q -d perf_eval_bench -f bench/setup.sql
    started=$(date +%s)
    psql_q -d perf_eval_bench -v deliveries="$BENCH_DELIVERIES" -v complaints="$BENCH_COMPLAINTS" -f bench/generate.sql
    echo "  generated and vacuumed in $(( $(date +%s) - started )) s; measuring (best of 3 runs each)..."
    psql -X -v ON_ERROR_STOP=1 -d perf_eval_bench -f bench/run.sql
' || status=$?

if ((status != 0)); then
    echo "perf_eval bench FAILED (exit $status): see the error above" >&2
fi
exit "$status"
