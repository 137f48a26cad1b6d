#!/usr/bin/env bash
# `BENCH_NATIONAL=1 make bench`: a national year end to end (bench/README.md,
# "National scale"). The demo's inputs of every block, the registries filled
# with a generated year in date order, then, timed side by side in one run:
# the full recalculation of 2020, the recalculation after one body's month
# changed, the same year through plain SQL GROUP BY and a bare count(*), a
# registry insert during the recalculation; then, with a second year
# appended, the full recalculation of 2020 again. In a throwaway
# pg_virtualenv cluster with the settings of `make bench`; not part of
# `make test`.
#   BENCH_DELIVERIES     deliveries per year (default 190000000)
#   BENCH_COMPLAINTS     complaint records per year (default 1500000)
#   BENCH_SECOND_YEAR    1 (default): append 2021, the same sizes, and measure 2020 again; 0: 2020 only
#   BENCH_GEN_SESSIONS   sessions generating deliveries side by side (default 1: strict date order;
#                        on a shared 2-CPU machine 2 sessions were not faster)
#   BENCH_HUGE_PAGES     the cluster's huge_pages: try (default), on or off
#   BENCH_NO_INSTALL=1   use the installed extension (build and install it first yourself)
# Fails (non-zero exit) if plain SQL's counts differ from perf_eval's tallies
# or a recalculation does not compute the year.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

deliveries="${BENCH_DELIVERIES:-190000000}"
complaints="${BENCH_COMPLAINTS:-1500000}"
second_year="${BENCH_SECOND_YEAR:-1}"
sessions="${BENCH_GEN_SESSIONS:-1}"
huge_pages="${BENCH_HUGE_PAGES:-try}"
for n in "$deliveries" "$complaints"; do
    if ! [[ "$n" =~ ^[1-9][0-9]{0,9}$ ]]; then
        pe_say "perf_eval bench: BENCH_DELIVERIES and BENCH_COMPLAINTS must be positive integers (got '$n')"
        exit 2
    fi
done
if ! [[ "$second_year" =~ ^[01]$ ]]; then
    pe_say "perf_eval bench: BENCH_SECOND_YEAR must be 0 or 1 (got '$second_year')"
    exit 2
fi
if ! [[ "$sessions" =~ ^[1-8]$ ]]; then
    pe_say "perf_eval bench: BENCH_GEN_SESSIONS must be 1 to 8 (got '$sessions')"
    exit 2
fi
if ! [[ "$huge_pages" =~ ^(try|on|off)$ ]]; then
    pe_say "perf_eval bench: BENCH_HUGE_PAGES must be try, on or off (got '$huge_pages')"
    exit 2
fi

bash scripts/check-deps.sh
if [[ "${BENCH_NO_INSTALL:-}" != 1 ]]; then
    pe_build_and_install
fi

source scripts/bench-settings.sh

echo "perf_eval national bench"
echo "  command:  BENCH_NATIONAL=1 BENCH_DELIVERIES=$deliveries BENCH_COMPLAINTS=$complaints BENCH_SECOND_YEAR=$second_year BENCH_GEN_SESSIONS=$sessions make bench"
bench_machine_line
echo "  cluster:  pg_virtualenv, shared_buffers=${shared_mb}MB, huge_pages=$huge_pages, max_wal_size=16GB, synchronous_commit=off,"
echo "            full_page_writes=off, autovacuum=off, jit and planner costs default (the recalculation's scan"
echo "            picks its workers as the planner would); each timed run in a session of its own"
echo "  rows:     $deliveries service deliveries and $complaints complaint records a year over the bodies of the demo,"
echo "            its other inputs of every block (demo/inputs/*.sql); year 2020$( ((second_year)) && echo ", then 2021 appended")"

export BENCH_DELIVERIES="$deliveries" BENCH_COMPLAINTS="$complaints" BENCH_SECOND_YEAR="$second_year" \
    BENCH_GEN_SESSIONS="$sessions" BENCH_SHARED_MB="$shared_mb" \
    BENCH_HUGE_PAGE_KB="$huge_page_kb" BENCH_HUGE_PAGES_NEEDED="$huge_pages_needed" \
    BENCH_HUGE_PAGES_BEFORE="$(huge_pages_held)"
export -f huge_pages_held bench_memory_lines
status=0
pg_virtualenv -t -v "$PE_PG_MAJOR" "${bench_cluster_options[@]}" \
    bash -c '
    set -euo pipefail
    echo "  server:   $(psql -X -At -c "SHOW server_version")"
    bench_memory_lines
    bash bench/national/run.sh
' || status=$?

if ((status != 0)); then
    echo "perf_eval national bench FAILED (exit $status): see the error above" >&2
fi
exit "$status"
