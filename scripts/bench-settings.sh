# The machine and cluster settings both benches share (sourced by
# scripts/bench.sh and scripts/bench-national.sh, not run): shared buffers,
# huge pages, the pg_virtualenv options and the header lines they print.
# Expects $huge_pages (try, on or off).

# Shared buffers: a quarter of the memory, at most 8 GB, so the generated
# registries are scanned from memory and the bench measures CPU work.
mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)
shared_mb=$((mem_mb / 4))
((shared_mb > 8192)) && shared_mb=8192
((shared_mb < 128)) && shared_mb=128

# Huge pages in use or reserved now; the cluster's share is the growth once
# it has started (PostgreSQL 15 cannot be asked whether it got them).
huge_pages_held() {
    awk '/^HugePages_Total:/ { t = $2 } /^HugePages_Free:/ { f = $2 } /^HugePages_Rsvd:/ { r = $2 }
         END { print t - f + r }' /proc/meminfo
}
huge_page_kb=$(awk '/^Hugepagesize:/ { print $2 }' /proc/meminfo)
huge_page_kb=${huge_page_kb:-2048}
# Enough for the shared buffers and PostgreSQL's other shared memory (+10 %).
huge_pages_needed=$(( shared_mb * 1024 * 11 / 10 / huge_page_kb + 1 ))

cpus=$(nproc)
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)

# The throwaway cluster's settings (pg_virtualenv -o ...).
bench_cluster_options=(
    -o "shared_buffers=${shared_mb}MB" -o "huge_pages=$huge_pages"
    -o max_wal_size=16GB -o checkpoint_timeout=30min
    -o autovacuum=off -o synchronous_commit=off -o full_page_writes=off
    -o max_worker_processes=16 -o max_parallel_workers=8
)

bench_machine_line() {
    echo "  machine:  $cpus CPUs ($cpu_model), ${mem_mb} MB RAM, $(uname -sr)"
}

# Inside the cluster: whether the shared memory got huge pages (needs the
# exported BENCH_HUGE_PAGES_BEFORE, BENCH_HUGE_PAGE_KB, BENCH_SHARED_MB,
# BENCH_HUGE_PAGES_NEEDED and the exported function huge_pages_held).
bench_memory_lines() {
    # Without huge pages every new worker maps the shared buffers it reads in
    # 4 kB pages, a page fault each, which the parallel runs pay.
    local held_mb=$(( ($(huge_pages_held) - BENCH_HUGE_PAGES_BEFORE) * BENCH_HUGE_PAGE_KB / 1024 ))
    if (( held_mb >= BENCH_SHARED_MB )); then
        echo "  memory:   shared memory in huge pages (${held_mb} MB)"
    else
        echo "  memory:   shared memory in 4 kB pages: parallel workers pay a page fault per 4 kB of buffers they read;"
        echo "            as root, sysctl -w vm.nr_hugepages=$BENCH_HUGE_PAGES_NEEDED first gives the cluster huge pages"
    fi
}
