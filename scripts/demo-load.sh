#!/usr/bin/env bash
# Loads the synthetic demo dataset into database $1 of the running cluster
# (PGHOST etc. set, e.g. inside scripts/throwaway-cluster.sh): the extension,
# demo/inputs/*.sql in name order, the recalculation of 2019 and 2020 and the
# assessment cycle of 2020 through publication. `make demo` and `make report` share it.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"
db="$1"
createdb "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f demo/setup.sql
for input in demo/inputs/*.sql; do
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$input"
done
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f demo/recalculate.sql
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f demo/cycle.sql
