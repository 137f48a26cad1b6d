#!/usr/bin/env bash
# The national bench inside its throwaway cluster (started by
# scripts/bench-national.sh, which exports BENCH_DELIVERIES, BENCH_COMPLAINTS,
# BENCH_SECOND_YEAR and BENCH_GEN_SESSIONS). What each step measures:
# bench/README.md, "National scale".
set -euo pipefail
export PGDATABASE=perf_eval_national
psql_q() { psql -X -q -v ON_ERROR_STOP=1 "$@" >/dev/null; }
now() { date +%s.%N; }
runs=3

# ---------------------------------------------------------------------------
# The database: the demo's inputs of every block (as `make demo` loads them),
# then bench/national/setup.sql (registries as the count source, helpers).
# ---------------------------------------------------------------------------
createdb perf_eval_national
psql_q -f demo/setup.sql
for input in demo/inputs/*.sql; do
    psql_q -f "$input"
done
psql_q -f bench/national/setup.sql

fact() {  # phase fact value
    psql_q -c "INSERT INTO bench_phase_fact VALUES ('$1', '$2', $3)
               ON CONFLICT (phase, fact) DO UPDATE SET value = excluded.value"
}

# Year $1's rows appended in date order: its complaints, then its deliveries
# in 24 slices per session, BENCH_GEN_SESSIONS consecutive slices at a time
# in sessions of their own (one session: strictly in date order; more: each
# batch covers about half a month, so the heap stays in date order at the
# granularity of the BRIN ranges); then the change marks,
# VACUUM (FREEZE, ANALYZE), the BRIN summaries and a checkpoint, so no
# measurement pays for hint bits, statistics or a checkpoint.
generate_year() {
    local year=$1 phase=$2 started inserted slices batch k c lo hi pids pid
    started=$(now)
    psql_q -v year="$year" -v total="$BENCH_COMPLAINTS" -f bench/national/complaints.sql
    slices=$((24 * BENCH_GEN_SESSIONS))
    for ((batch = 0; batch < slices; batch += BENCH_GEN_SESSIONS)); do
        pids=()
        for ((k = 0; k < BENCH_GEN_SESSIONS; k++)); do
            c=$((batch + k))
            lo=$((c * BENCH_DELIVERIES / slices + 1))
            hi=$(((c + 1) * BENCH_DELIVERIES / slices))
            ((lo <= hi)) || continue
            psql_q -v year="$year" -v total="$BENCH_DELIVERIES" -v lo="$lo" -v hi="$hi" \
                -f bench/national/deliveries.sql &
            pids+=($!)
        done
        for pid in "${pids[@]}"; do
            wait "$pid"
        done
    done
    inserted=$(now)
    psql_q -c "SELECT bench_mark_year($year)"
    psql_q -c "VACUUM (FREEZE, ANALYZE) perf_eval.service_delivery, perf_eval.complaint_record" \
           -c "SELECT brin_summarize_new_values('perf_eval.service_delivery_delivered_on'),
                      brin_summarize_new_values('perf_eval.complaint_record_answered_on')" \
           -c "CHECKPOINT" >/dev/null
    fact "$phase" "generated $year: seconds, inserts" "$(echo "scale=1; ($inserted - $started) / 1" | bc)"
    fact "$phase" "generated $year: seconds, with vacuum, BRIN and checkpoint" "$(echo "scale=1; ($(now) - $started) / 1" | bc)"
    fact "$phase" "generated $year: rows" "$((BENCH_DELIVERIES + BENCH_COMPLAINTS))"
    fact "$phase" "generated $year: rows per second, inserts" \
         "$(echo "($BENCH_DELIVERIES + $BENCH_COMPLAINTS) / ($inserted - $started)" | bc)"
}

disk() {  # phase
    psql_q -c "INSERT INTO bench_phase_fact
               SELECT '$1', f, v FROM (VALUES
                 ('disk MB: service_delivery', pg_total_relation_size('perf_eval.service_delivery')),
                 ('disk MB: complaint_record', pg_total_relation_size('perf_eval.complaint_record')),
                 ('disk MB: monthly states', pg_total_relation_size('perf_eval.service_tally_monthly')
                                             + pg_total_relation_size('perf_eval.complaint_tally_monthly')),
                 ('disk MB: database', pg_database_size(current_database()))) AS d(f, b),
               LATERAL (SELECT round(b / 1048576.0, 1)) AS x(v)
               ON CONFLICT (phase, fact) DO UPDATE SET value = excluded.value"
}

# One timed statement in a session of its own: wall clock around it,
# measured in the session (connection set-up not included), then the
# session's memory. $4: the statement; it may \gset `result`.
timed() {  # phase measure run statement
    psql_q -v phase="$1" -v measure="$2" -v run="$3" <<SQL
\set result ''
SELECT clock_timestamp() AS t0 \gset
$4
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1) AS ms \gset
SELECT bench_record(:'phase', :'measure', :run, :ms, :'result');
SQL
}
recalculate_timed() {  # phase measure run
    psql_q -v phase="$1" -v measure="$2" -v run="$3" <<'SQL'
SELECT clock_timestamp() AS t0 \gset
CALL perf_eval.recalculate(2020);
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1) AS ms \gset
SELECT status AS result FROM perf_eval.run WHERE year = 2020 ORDER BY run_id DESC LIMIT 1 \gset
SELECT bench_record(:'phase', :'measure', :run, :ms, :'result');
SQL
}
refresh_timed() {  # phase measure run
    timed "$1" "$2" "$3" 'SELECT perf_eval.refresh_monthly_tallies(2020)::text AS result \gset'
}
query_timed() {  # phase measure run (a bench_query, run as it is)
    psql_q -v phase="$1" -v measure="$2" -v run="$3" <<'SQL'
SELECT query AS q FROM bench_query WHERE measure = :'measure' \gset
SELECT clock_timestamp() AS t0 \gset
:q \gset
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1) AS ms \gset
SELECT bench_record(:'phase', :'measure', :run, :ms, :'result');
SQL
}

# Peak memory of the parallel workers: polls the cluster's workers while
# an extra, untimed full recalculation runs (the polling would disturb a
# timed one on a small machine). A worker's VmHWM counts the shared buffers
# it touched (unless in huge pages), RssShmem those it had mapped.
postmaster=$(psql -X -At -c "SELECT split_part(pg_read_file('postmaster.pid'), E'\n', 1)")
worker_memory() {  # phase
    local flag out
    flag=$(mktemp) out=$(mktemp)
    (
        hwm=0 shmem=0
        while [[ -e $flag ]]; do
            for pid in $(ps --ppid "$postmaster" -o pid=,args= | awk '/parallel worker/ { print $1 }'); do
                read -r h s < <(awk '/^VmHWM:/ { h = $2 } /^RssShmem:/ { s = $2 } END { print h + 0, s + 0 }' \
                                    "/proc/$pid/status" 2>/dev/null) || continue
                ((h > hwm)) && hwm=$h shmem=$s
            done
            sleep 0.02
        done
        echo "$hwm $shmem" >"$out"
    ) &
    local sampler=$!
    psql_q -c "SELECT bench_prepare_full(2020)"
    recalculate_timed "$1" "full recalculation (memory run, untimed)" 1
    rm -f "$flag"
    wait "$sampler"
    read -r hwm shmem <"$out"
    rm -f "$out"
    fact "$1" "parallel worker peak VmHWM MB" "$(echo "scale=1; $hwm / 1024" | bc)"
    fact "$1" "parallel worker RssShmem MB at that peak" "$(echo "scale=1; $shmem / 1024" | bc)"
}

# (a) the full recalculation, and the refresh part alone; (c) plain SQL;
# (d) the bare count(*) of the year's rows.
measure_full_year() {  # phase
    local i
    for ((i = 1; i <= runs; i++)); do
        psql_q -c "SELECT bench_prepare_full(2020)"
        recalculate_timed "$1" "full recalculation" "$i"
    done
    worker_memory "$1"
    for ((i = 1; i <= runs; i++)); do
        psql_q -c "SELECT bench_prepare_full(2020)"
        refresh_timed "$1" "refresh: every month" "$i"
    done
    psql_q -c "CALL perf_eval.recalculate(2020)"
}
measure_plain() {  # phase
    local i m
    for m in 'count(*): deliveries' 'count(*): complaints' \
             'plain SQL GROUP BY body: deliveries' 'plain SQL GROUP BY body: complaints'; do
        for ((i = 1; i <= runs; i++)); do
            query_timed "$1" "$m" "$i"
        done
    done
}

# (b) one body's month changed: 1000 new rows of MF in November 2020 (through
# the change triggers, untimed), then the recalculation, or the refresh alone.
measure_incremental() {  # phase
    local i kind
    for kind in complaints deliveries; do
        for ((i = 1; i <= runs; i++)); do
            psql_q -c "SELECT bench_add_$kind(1000, $((i * 1000)))"
            recalculate_timed "$1" "recalculation: +1000 $kind of one body-month" "$i"
        done
        for ((i = 1; i <= runs; i++)); do
            psql_q -c "SELECT bench_add_$kind(1000, $((i * 1000 + 500)))"
            refresh_timed "$1" "refresh: +1000 $kind of one body-month" "$i"
        done
    done
}

# (e) a one-row registry insert 0.3 s into a full recalculation, in another
# session with lock_timeout = 1s: the time to its commit (autocommit).
measure_insert_during_run() {  # phase
    local i recalc
    for ((i = 1; i <= runs; i++)); do
        psql_q -c "SELECT bench_prepare_full(2020)"
        recalculate_timed "$1" "full recalculation with an insert 0.3 s in" "$i" &
        recalc=$!
        sleep 0.3
        psql -X -q -v phase="$1" -v run="$i" >/dev/null <<'SQL'
SET lock_timeout = '1s';
SELECT count(*) AS running FROM pg_stat_activity
WHERE state = 'active' AND query LIKE 'CALL perf_eval.recalculate(%' AND pid <> pg_backend_pid() \gset
SELECT clock_timestamp() AS t0 \gset
INSERT INTO perf_eval.service_delivery (delivered_on, body, service_code) VALUES ('2020-11-20', 'MF', 'S0001');
SELECT :'ERROR' AS failed, round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1) AS ms \gset
SELECT bench_record(:'phase', 'one-row insert during the full recalculation', :run, :ms,
                    CASE WHEN :'failed' THEN 'FAILED (lock_timeout 1 s); ' ELSE 'committed; ' END
                    || CASE WHEN :running > 0 THEN 'recalculation running' ELSE 'recalculation had ended' END);
SQL
        wait "$recalc"
    done
}

phase="2020 only"
psql -X -At -c "SELECT '  bodies:   ' || count(*) FROM perf_eval.body"
echo "  generating 2020: $BENCH_DELIVERIES deliveries, $BENCH_COMPLAINTS complaints..."
generate_year 2020 "$phase"
psql -X -At -c "SELECT '  generated in ' || value || ' s' FROM bench_phase_fact WHERE fact = 'generated 2020: seconds, with vacuum, BRIN and checkpoint'"
echo "  measuring $phase (best of $runs, each run in a session of its own)..."
measure_full_year "$phase"
measure_incremental "$phase"
measure_insert_during_run "$phase"
psql_q -c "SELECT perf_eval.refresh_monthly_tallies(2020)" >/dev/null
measure_plain "$phase"
disk "$phase"

if [[ "$BENCH_SECOND_YEAR" == 1 ]]; then
    phase="2020 and 2021"
    echo "  appending 2021 (the same sizes) after 2020..."
    generate_year 2021 "$phase"
    psql -X -At -c "SELECT '  generated in ' || value || ' s' FROM bench_phase_fact WHERE fact = 'generated 2021: seconds, with vacuum, BRIN and checkpoint'"
    echo "  measuring $phase..."
    measure_full_year "$phase"
    measure_plain "$phase"
    disk "$phase"
fi

psql -X -v ON_ERROR_STOP=1 -f bench/national/report.sql
