#!/usr/bin/env bash
# `make demo`: dependencies, build, install, a throwaway cluster, the national
# demo dataset (demo/inputs/*.sql in name order), the recalculation of 2019
# and 2020, the assessment cycle of 2020 through publication, the report the Accounts Committee publishes, and a re-verification of 2020
# that catches a few seeded unreliable reports.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

bash scripts/check-deps.sh
pe_build_and_install
bash scripts/throwaway-cluster.sh bash -c '
    set -euo pipefail
    createdb perf_eval_demo
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/setup.sql
    for input in demo/inputs/*.sql; do
        psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f "$input"
    done
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/recalculate.sql
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/cycle.sql
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/report.sql
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/report_civil_servants.sql
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/reverification.sql
'
