#!/usr/bin/env bash
# `make report`: dependencies, build, install, a throwaway cluster with the
# synthetic demo dataset (scripts/demo-load.sh), then the annual report of
# every year in kk, ru and en as self-contained HTML in build/report/
# (scripts/report-render.sh, read as a perf_eval_reader login).
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"

bash scripts/check-deps.sh
pe_build_and_install
out="$PE_ROOT/build/report"
rm -rf "$out"
mkdir -p "$out"
bash scripts/throwaway-cluster.sh bash -c '
    set -euo pipefail
    bash scripts/demo-load.sh perf_eval_demo >/dev/null
    bash scripts/report-render.sh perf_eval_demo "$1"
' report "$out"
pe_say "perf_eval: the report is in $out (open $out/index.html)"
ls "$out"
