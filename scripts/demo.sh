#!/usr/bin/env bash
# `make demo`: dependencies, build, install, a throwaway cluster, the demo
# dataset, and the report it prints.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

bash scripts/check-deps.sh
pe_build_and_install
bash scripts/throwaway-cluster.sh bash -c '
    createdb perf_eval_demo
    psql -X -q -d perf_eval_demo -f demo/run_demo.sql
'
