#!/usr/bin/env bash
# Counts every suite's results and prints one line per suite, then the
# closing "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
results="$1"
total_passed=0
total_failed=0

count() { grep -cE "$1" "$2" 2>/dev/null || true; }
rc() { [[ -f "$results/$1.rc" ]] && cat "$results/$1.rc" || echo 1; }
seconds() { [[ -f "$results/$1.seconds" ]] && echo ", $(cat "$results/$1.seconds") s"; }

report() {   # suite passed failed exit_code log [note]
    local suite=$1 passed=$2 failed=$3 code=$4 log=$5 note=${6:-}
    if ((code != 0 && failed == 0)); then
        failed=1   # the runner failed without naming a test (crash, bad plan, setup)
    fi
    printf '%-12s %4d passed, %d failed%s%s\n' "$suite:" "$passed" "$failed" "$(seconds "$suite")" "${note:+ ($note)}"
    if ((failed > 0)) && [[ -f "$log" ]]; then
        grep -E 'not ok|FAILED|failed|Error|ERROR|#' "$log" | head -40 | sed 's/^/    /'
    fi
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
}

report unit "$(count '^ok' "$results/unit.tap")" "$(count '^not ok' "$results/unit.tap")" \
    "$(rc unit)" "$results/unit.tap"
[[ -s "$results/unit.err" ]] && sed 's/^/    unit: /' "$results/unit.err" | head -20

if [[ "$(rc cluster)" != 0 ]]; then
    report cluster 0 1 1 /dev/null
fi

report regress "$(count '\.\.\. +ok' "$results/regress.out")" \
    "$(count '\.\.\. +FAILED|\.\.\. +failed' "$results/regress.out")" \
    "$(rc regress)" "$results/regress.out"
[[ -f "$results/regress.diffs" ]] && head -60 "$results/regress.diffs" | sed 's/^/    /'

report pgtap "$(count '^ *ok [0-9]' "$results/pgtap.out")" "$(count '^ *not ok [0-9]' "$results/pgtap.out")" \
    "$(rc pgtap)" "$results/pgtap.out"

report dump "$(count '^ok' "$results/dump.tap")" "$(count '^not ok' "$results/dump.tap")" \
    "$(rc dump)" "$results/dump.tap"

report release "$(count '^ok' "$results/release.tap")" "$(count '^not ok' "$results/release.tap")" \
    "$(rc release)" "$results/release.tap"

report upgrade "$(count '^ok' "$results/upgrade.tap")" "$(count '^not ok' "$results/upgrade.tap")" \
    "$(rc upgrade)" "$results/upgrade.tap"

report preload "$(count '^ok' "$results/preload.tap")" "$(count '^not ok' "$results/preload.tap")" \
    "$(rc preload)" "$results/preload.tap"

report federation "$(count '^ok' "$results/federation.tap")" "$(count '^not ok' "$results/federation.tap")" \
    "$(rc federation)" "$results/federation.tap"

report readme "$(count '^ok' "$results/readme.tap")" "$(count '^not ok' "$results/readme.tap")" \
    "$(rc readme)" "$results/readme.tap"

report browser "$(count '^ok' "$results/browser.tap")" "$(count '^not ok' "$results/browser.tap")" \
    "$(rc browser)" "$results/browser.tap"

report operator "$(count '^ok' "$results/operator.tap")" "$(count '^not ok' "$results/operator.tap")" \
    "$(rc operator)" "$results/operator.tap"

report leak "$(count '^ok' "$results/leak.tap")" "$(count '^not ok' "$results/leak.tap")" \
    "$(rc leak)" "$results/leak.tap"

# The fuzz line also says how many calls were made and how they ended.
report fuzz "$(count '^ok' "$results/fuzz.tap")" "$(count '^not ok' "$results/fuzz.tap")" \
    "$(rc fuzz)" "$results/fuzz.tap" \
    "$(sed -n 's/^# fuzz: \([0-9]* calls, [0-9]* crashes, [0-9]* internal errors\).*/\1/p' "$results/fuzz.tap" 2>/dev/null)"

if [[ -f "$results/isolation.out" ]]; then
    report isolation "$(count '\.\.\. +ok' "$results/isolation.out")" \
        "$(count '\.\.\. +FAILED|\.\.\. +failed' "$results/isolation.out")" \
        "$(rc isolation)" "$results/isolation.out"
fi

echo "${total_passed} passed, ${total_failed} failed"
((total_failed == 0))
