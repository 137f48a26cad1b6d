#!/usr/bin/env bash
# The sensitivity line of `make bench` (docs/designing.md §3): on the demo year,
# perf_eval.sensitivity(2020, block, 'kz2020', 1, samples) per block, timed:
# the joint samples plus each assumed parameter's low and high end alone.
# Runs in a throwaway cluster; the extension must be installed.
#   BENCH_SENSITIVITY_SAMPLES  joint samples (default 200)
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$PE_ROOT"
samples="${BENCH_SENSITIVITY_SAMPLES:-200}"
if ! [[ "$samples" =~ ^[0-9]{1,5}$ ]]; then
    pe_say "perf_eval bench: BENCH_SENSITIVITY_SAMPLES must be a number of samples (got '$samples')"
    exit 2
fi
export BENCH_SENSITIVITY_SAMPLES="$samples"
bash scripts/throwaway-cluster.sh bash -c '
    set -euo pipefail
    createdb perf_eval_sensitivity
    psql -X -q -v ON_ERROR_STOP=1 -d perf_eval_sensitivity -f test/fixtures/demo_year.sql >/dev/null
    for block in goals interaction orgdev; do
        started=$(date +%s%N)
        params=$(psql -X -At -v ON_ERROR_STOP=1 -d perf_eval_sensitivity -c "
            SELECT count(DISTINCT k.key) FROM perf_eval.sensitivity(2020, '\''$block'\'', '\''kz2020'\'', 1, $BENCH_SENSITIVITY_SAMPLES) AS s
            LEFT JOIN LATERAL jsonb_object_keys(s.moved_by) AS k(key) ON true")
        ms=$(( ($(date +%s%N) - started) / 1000000 ))
        printf "  sensitivity: %-11s 2020 kz2020, %s joint samples + each assumed parameter low and high (%s move a rank): %d.%01d s\n" \
            "$block" "$BENCH_SENSITIVITY_SAMPLES" "$params" $((ms / 1000)) $(((ms % 1000) / 100))
    done
'
