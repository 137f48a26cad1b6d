#!/usr/bin/env bash
# `make demo`: dependencies, build, install, a throwaway cluster, the demo
# dataset, and the report it prints.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

bash scripts/check-deps.sh
pe_build_and_install
pg_virtualenv -v "$PE_PG_MAJOR" bash -c '
    createdb perf_eval_demo
    psql -X -q -d perf_eval_demo -f demo/complaints_demo.sql
' 2>&1 | grep -v -e '^Creating new PostgreSQL cluster' -e '^Dropping cluster'
