#!/usr/bin/env bash
# The README's operator steps work as written on a stock Debian cluster. As
# root: creates a cluster with pg_createcluster (Debian's own pg_hba.conf, where
# TCP needs a password), runs the README blocks marked "<!-- operator-steps"
# (the install block in bash, the pg_cron block in psql as postgres in the
# database of cron.database_name), makes the README's job run every minute (or
# every second with pg_cron 1.5+), waits for 'succeeded' in
# cron.job_run_details, and drops the cluster. Prints TAP; `make test` runs it
# from scripts/run-suites.sh alongside the other suites (its own cluster and
# port). In the install block, the apt-get and make lines are not run: `make
# test` has done them (scripts/check-deps.sh, then the build and install).
set -uo pipefail
cd "$(dirname "$0")/.."
readme="$PWD/README.md"
major=15
cluster=pe_operator_test
wait_seconds=90

if [[ $(id -u) -ne 0 ]]; then
    echo "1..0 # SKIP needs root (pg_createcluster, files in /etc/postgresql)"
    exit 0
fi

echo "1..7"
# Not the throwaway cluster of the other suites: no libpq variables (PGHOST, PGPORT, ...).
unset $(compgen -e | grep '^PG')
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; printf '%s\n' "$@" | sed 's/^/#   /'; }
bail() { echo "Bail out! $*"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/perf_eval_operator.XXXXXX")
chmod 755 "$work"
drop_cluster() {
    pg_dropcluster --stop "$major" "$cluster" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap drop_cluster EXIT

# The code blocks that follow a marker line, each as "LANG" then its text in $work/block.N.
blocks=$(awk -v dir="$work" '
    /^<!-- operator-steps/ { marked = 1; next }
    marked && /^```/ { lang = $0; sub(/^```/, "", lang); sub(/ .*/, "", lang); k++;
                       file = dir "/block." k; print lang > (dir "/lang." k); inblock = 1; marked = 0; next }
    inblock && /^```/ { inblock = 0; close(file); next }
    inblock { print > file }
    END { print k + 0 }' "$readme")
if [[ "$blocks" == 2 && "$(cat "$work/lang.1")" == sh && "$(cat "$work/lang.2")" == sql ]]; then
    ok "README.md marks the install block (sh) and the pg_cron block (sql)"
else
    not_ok "README.md marks the install block (sh) and the pg_cron block (sql)" "found $blocks marked blocks"
    bail "nothing to run"
fi
database=$(sed -n "s/^cron\.database_name *= *'\([^']*\)'.*/\1/p" "$work/block.1")
[[ -n "$database" ]] || bail "the install block sets no cron.database_name"

# A free port: no cluster configured on it, nothing listening.
port_free() {
    ! grep -qsE "^port *= *$1\b" /etc/postgresql/*/*/postgresql.conf &&
        [[ ! -e /var/run/postgresql/.s.PGSQL.$1 ]] &&
        ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
port=5480
while ! port_free "$port"; do port=$((port + 1)); done

# A cluster left by an interrupted run goes first.
pg_dropcluster --stop "$major" "$cluster" >/dev/null 2>&1 || true
if ! command -v pg_createcluster >/dev/null; then
    not_ok "pg_createcluster $major $cluster --port $port --start" "pg_createcluster missing: install postgresql-$major"
    bail "no cluster"
fi
if pg_createcluster "$major" "$cluster" --port "$port" --start >"$work/create.log" 2>&1 &&
    grep -qE '^host +all +all +127\.0\.0\.1/32 +scram-sha-256' "/etc/postgresql/$major/$cluster/pg_hba.conf"; then
    ok "pg_createcluster $major $cluster --port $port --start (stock pg_hba.conf: TCP needs a password)"
else
    not_ok "pg_createcluster $major $cluster --port $port --start (stock pg_hba.conf: TCP needs a password)" \
        "$(cat "$work/create.log")"
    bail "no cluster"
fi
export PGCLUSTER="$major/$cluster"   # Debian's psql, createdb and pg_ctlcluster find the cluster by it

# The install block, for this cluster instead of "15 main"; `sudo -u USER` runs as USER.
{
    echo 'set -euo pipefail'
    echo 'sudo() { if [[ $1 == -u ]]; then local user=$2; shift 2; runuser -u "$user" -- "$@"; else "$@"; fi; }'
    sed -E -e '/^sudo apt-get /s/^/: not run: /' -e '/^make /s/^/: not run: /' \
        -e "s#/$major/main/#/$major/$cluster/#g" -e "s/ $major main( |\$)/ $major $cluster\1/g" "$work/block.1"
} >"$work/install.sh"
if (cd "$work" && bash "$work/install.sh") >"$work/install.log" 2>&1; then
    ok "the README's install block runs (apt-get and make lines left to make test)"
else
    not_ok "the README's install block runs (apt-get and make lines left to make test)" \
        "$(cat "$work/install.sh")" "output:" "$(cat "$work/install.log")"
fi

as_postgres() { (cd "$work" && runuser -u postgres -- psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$database" "$@"); }
settings=$(as_postgres -c "SELECT concat_ws(' ', current_setting('port'), current_setting('shared_preload_libraries'),
                                            current_setting('cron.use_background_workers', true),
                                            (SELECT extversion FROM pg_extension WHERE extname = 'perf_eval'))" 2>&1)
if [[ "$settings" =~ ^$port\ (.*,)?pg_cron(,.*)?\ on\ [0-9] ]]; then
    ok "after the README's restart: pg_cron preloaded, background workers on, perf_eval in $database (port $port)"
else
    not_ok "after the README's restart: pg_cron preloaded, background workers on, perf_eval in $database (port $port)" \
        "port, preload, workers, perf_eval: $settings"
fi

if as_postgres -f "$work/block.2" >"$work/cron.log" 2>&1; then
    ok "the README's pg_cron block runs in $database as postgres"
else
    not_ok "the README's pg_cron block runs in $database as postgres" "$(cat "$work/cron.log")"
fi

# The README's job, as scheduled, made to run at once: every second (pg_cron 1.5+) or every minute.
cron_version=$(as_postgres -c "SELECT extversion FROM pg_extension WHERE extname = 'pg_cron'" 2>/dev/null)
schedule='* * * * *'
if [[ "$cron_version" =~ ^([0-9]+)\.([0-9]+) ]] &&
    ((BASH_REMATCH[1] > 1 || (BASH_REMATCH[1] == 1 && BASH_REMATCH[2] >= 5))); then
    schedule='1 seconds'
fi
as_postgres -c "SELECT cron.alter_job(jobid, schedule => '$schedule') FROM cron.job" >/dev/null 2>&1
status=''
for ((i = 0; i < wait_seconds; i++)); do
    status=$(as_postgres -c "SELECT status || ': ' || coalesce(return_message, '') FROM cron.job_run_details
                             WHERE status IN ('succeeded', 'failed') ORDER BY runid LIMIT 1" 2>&1)
    [[ -n "$status" ]] && break
    sleep 1
done
if [[ "$status" == succeeded:* ]]; then
    ok "pg_cron $cron_version ran the README's job ('$schedule'): $status"
else
    not_ok "pg_cron $cron_version ran the README's job ('$schedule') within $wait_seconds s" \
        "job_run_details: ${status:-no run}" "server log:" \
        "$(tail -20 "/var/log/postgresql/postgresql-$major-$cluster.log" 2>/dev/null)"
fi

run=$(as_postgres -c "SELECT status FROM perf_eval.run ORDER BY run_id DESC LIMIT 1" 2>&1)
if [[ "$run" == succeeded || "$run" == unchanged ]]; then
    ok "the job's recalculation is in perf_eval.run ($run)"
else
    not_ok "the job's recalculation is in perf_eval.run" "${run:-no run}"
fi

((failed == 0))
