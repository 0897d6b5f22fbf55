#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) with libFuzzer for SECONDS each (default 30)
# and prints how many inputs each one ran. A crash, a failed check or a hang (an input
# taking over 10 s) fails the script and leaves the input in fuzz/artifacts/TARGET/;
# turn it into a regression test before fixing it.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# cargo fuzz needs unstable compiler flags (sanitizers, coverage instrumentation). The
# machine has only the stable toolchain, so RUSTC_BOOTSTRAP=1 lets it accept them. When
# cargo-fuzz is missing it is installed; when nothing can build the targets the script
# says SKIPPED loudly and, under CI=true, fails.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    targets=(signals_query signals_body encode mode_parse macro_attr)
fi

skip() {
    printf '\n!!!!!!!! SKIPPED: fuzzing: %s !!!!!!!!\n\n' "$*" >&2
    if [ "${CI:-}" = "true" ]; then exit 1; fi
    exit 0
}

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed; installing it (a few minutes)"
    cargo install cargo-fuzz --locked || skip "cargo-fuzz could not be installed"
fi

export RUSTC_BOOTSTRAP=1
# AddressSanitizer where the toolchain has its runtime, plain libFuzzer where it has not.
sanitizer=address
if ! cargo fuzz build -s address >/tmp/fuzz-build.log 2>&1; then
    sanitizer=none
    echo "note: the build with AddressSanitizer failed; fuzzing without it" >&2
    cargo fuzz build -s none >/tmp/fuzz-build.log 2>&1 || {
        tail -n 30 /tmp/fuzz-build.log >&2
        skip "the fuzz targets do not build with this toolchain (see above)"
    }
fi

declare -A runs
failed=()
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus" "fuzz/artifacts/$target"
    dirs=("$corpus")
    [ -d "fuzz/seeds/$target" ] && dirs+=("fuzz/seeds/$target")
    log="${TMPDIR:-/tmp}/datastar-fuzz-$target.log"
    printf '\n==== fuzz %s for %s s (sanitizer: %s) ====\n' "$target" "$seconds" "$sanitizer"
    status=0
    cargo fuzz run -s "$sanitizer" "$target" "${dirs[@]}" -- \
        -max_total_time="$seconds" -timeout=10 -print_final_stats=1 >"$log" 2>&1 || status=$?
    executed="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    runs[$target]="${executed:-?}"
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        grep -E "panicked|ERROR|SUMMARY|Test unit written|artifact" "$log" | head -n 20 >&2 || true
    else
        grep -E "^Done [0-9]+ runs" "$log" || true
    fi
done

printf '\n%-16s %14s\n' target executions
for target in "${targets[@]}"; do
    printf '%-16s %14s\n' "$target" "${runs[$target]}"
done
if [ "${#failed[@]}" -gt 0 ]; then
    printf '\nFAILED: %s (inputs in fuzz/artifacts/)\n' "${failed[*]}" >&2
    exit 1
fi
