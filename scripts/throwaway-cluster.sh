#!/usr/bin/env bash
# Runs a command against a fresh PostgreSQL cluster in a temporary folder and
# removes the cluster afterwards. The server listens only on a Unix socket in
# that folder, so parallel runs never collide and nothing outside is touched.
# The binaries are those of $PG_CONFIG (default: Debian's PostgreSQL 15).
#   usage: scripts/throwaway-cluster.sh COMMAND [ARGS...]
# The command sees PGHOST, PGPORT, PGUSER and PGDATABASE; pg_cron is preloaded
# (database perf_eval_test) so the scheduling test can run, and so are the
# libraries in $PE_EXTRA_PRELOAD (comma-separated; test/preload.sh).
# PE_AUTOVACUUM=off turns autovacuum off (make test: scripts/test.sh says why).
set -euo pipefail
source "$(dirname "$0")/common.sh"

bindir=$("$PG_CONFIG" --bindir)
workdir=$(mktemp -d "${TMPDIR:-/tmp}/perf_eval_cluster.XXXXXX")
chmod 755 "$workdir"

# initdb refuses to run as root: the cluster then belongs to the postgres user.
if [[ $(id -u) -eq 0 ]]; then
    owner=postgres
    as_owner() { runuser -u postgres -- "$@"; }
else
    owner=$(id -un)
    as_owner() { "$@"; }
fi
chown "$owner" "$workdir"

stop_cluster() {
    as_owner "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap stop_cluster EXIT

as_owner "$bindir/initdb" -D "$workdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; exit 1; }
cat >>"$workdir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$workdir'
fsync = off
synchronous_commit = off
full_page_writes = off
autovacuum = ${PE_AUTOVACUUM:-on}
max_worker_processes = 16
max_parallel_workers = 8
shared_preload_libraries = 'pg_cron${PE_EXTRA_PRELOAD:+, $PE_EXTRA_PRELOAD}'
cron.database_name = 'perf_eval_test'
cron.use_background_workers = on
CONF
as_owner "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w start >/dev/null \
    || { cat "$workdir/server.log" >&2; exit 1; }

export PGHOST="$workdir" PGPORT=5432 PGUSER=postgres PGDATABASE=postgres
"$@"
