#!/usr/bin/env bash
# The SQL-level fuzz (test/fuzz.py) in a database of its own holding the demo
# dataset, so that functions reading registries, sheets and runs meet rows.
# Prints TAP; run inside scripts/throwaway-cluster.sh after `make install`.
set -uo pipefail
cd "$(dirname "$0")/.."
db=perf_eval_fuzz
psql_q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@" >/dev/null; }
createdb "$db" || { echo "Bail out! createdb"; exit 1; }
psql_q -c 'CREATE EXTENSION perf_eval' || { echo "Bail out! CREATE EXTENSION"; exit 1; }
psql_q -f demo/setup.sql && for input in demo/inputs/*.sql; do psql_q -f "$input" || break; done \
    && psql_q -f demo/recalculate.sql || echo "# the demo dataset did not load: fuzzing an empty database"
python3 test/fuzz.py "$db"
