#!/usr/bin/env bash
# `make demo`: dependencies, build, install, a throwaway cluster, the synthetic
# demo dataset (scripts/demo-load.sh: demo/inputs/*.sql in name order, the
# recalculation of 2019 and 2020, the assessment cycle of 2020 through
# publication), the tables the Accounts Committee publishes, and a
# re-verification of 2020 that catches a few seeded unreliable reports.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

bash scripts/check-deps.sh
pe_build_and_install
bash scripts/throwaway-cluster.sh bash -c '
    set -euo pipefail
    bash scripts/demo-load.sh perf_eval_demo
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/report.sql
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/report_civil_servants.sql
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_demo -f demo/reverification.sql
'
