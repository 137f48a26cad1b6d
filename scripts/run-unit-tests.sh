#!/usr/bin/env bash
# C unit tests of the pure core (src/pe_core.h) under AddressSanitizer and
# UndefinedBehaviorSanitizer, then a bounded libFuzzer run of the definition
# parsers when clang is available.
#
# stdout: TAP lines of every test/unit/test_*.c program (each with its "1..N" plan), then
# one "ok - fuzz_definitions: ..." / "not ok - ..." line when the fuzzer
# runs. Callers count the ^ok / ^not ok lines. Diagnostics go to stderr.
# Exit status: non-zero if anything failed or could not be built.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CORE_SOURCES=(src/decimal_text.c src/definitions.c src/counters.c src/policies_core.c src/civil_servants_core.c)
FUZZ_RUNS=200000

work=$(mktemp -d "${TMPDIR:-/tmp}/pe-unit.XXXXXX")
trap 'rm -rf "$work"' EXIT

failed=0
cc=${CC:-cc}

# ---------------------------------------------------------------- unit tests
# Every test/unit/test_*.c is one TAP program built with the whole pure core.
leaks=1
run_unit_test() {   # name
    local name=$1 rc=0
    if ! "$cc" -std=c99 -Wall -Wextra -Werror -g -O1 \
            -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
            -Isrc -Itest/unit -o "$work/$name" "test/unit/$name.c" "${CORE_SOURCES[@]}" 2>"$work/build.err"; then
        cat "$work/build.err" >&2
        echo "not ok - $name: build failed"
        failed=1
        return
    fi
    run_binary() {
        ASAN_OPTIONS="detect_leaks=$leaks:abort_on_error=0:halt_on_error=1" \
        UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
            "$work/$name" >"$work/$name.out" 2>"$work/$name.err"
    }
    run_binary || rc=$?
    # LeakSanitizer cannot run under ptrace (e.g. some sandboxes); detect that
    # and rerun without leak detection rather than report a spurious failure.
    if ((rc != 0)) && grep -qE 'LeakSanitizer (does not work under ptrace|has encountered a fatal error)' "$work/$name.err"; then
        echo "# run-unit-tests: LeakSanitizer cannot run here (ptrace); rerunning with detect_leaks=0" >&2
        leaks=0
        rc=0
        run_binary || rc=$?
    fi
    cat "$work/$name.out"
    [[ -s "$work/$name.err" ]] && cat "$work/$name.err" >&2
    if ((rc != 0)); then
        failed=1
        # A crash before the plan leaves no TAP failure line: name it.
        grep -q '^not ok' "$work/$name.out" || echo "not ok - $name: exited with status $rc"
    fi
}
for test_source in test/unit/test_*.c; do
    run_unit_test "$(basename "$test_source" .c)"
done

# ---------------------------------------------------------------- fuzzing
if ! command -v clang >/dev/null 2>&1; then
    echo "# skip fuzz: clang not installed"
    exit "$failed"
fi

fuzz_ok=1
if ! clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -Isrc -o "$work/fuzz_definitions" test/unit/fuzz_definitions.c \
        src/decimal_text.c src/definitions.c 2>"$work/fuzz-build.err"; then
    cat "$work/fuzz-build.err" >&2
    fuzz_ok=0
else
    mkdir -p "$work/corpus" "$work/artifacts"
    cp test/unit/fuzz_corpus/* "$work/corpus/"
    fuzz_rc=0
    ASAN_OPTIONS="detect_leaks=$leaks" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$work/fuzz_definitions" -runs="$FUZZ_RUNS" -max_len=512 -detect_leaks="$leaks" \
        -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
        "$work/corpus" >"$work/fuzz.log" 2>&1 || fuzz_rc=$?
    if ((fuzz_rc != 0)); then
        fuzz_ok=0
        tail -n 60 "$work/fuzz.log" >&2
        for a in "$work"/artifacts/*; do
            [[ -e "$a" ]] || continue
            echo "# crashing input ($(basename "$a")), hex:" >&2
            od -An -tx1 -v "$a" | head -n 20 >&2
        done
    else
        grep -E '^stat::number_of_executed_units' "$work/fuzz.log" | sed 's/^/# /' || true
    fi
fi

if ((fuzz_ok)); then
    echo "ok - fuzz_definitions: $FUZZ_RUNS runs without a crash"
else
    echo "not ok - fuzz_definitions: $FUZZ_RUNS runs without a crash"
    failed=1
fi

exit "$failed"
