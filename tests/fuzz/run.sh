#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs every libFuzzer executable of a BITSIG_FUZZ build for a bounded time under ASan and
# UBSan and fails on any finding (crash, sanitizer report, uncaught exception, timeout,
# leak). The working corpus lives in the build folder and grows from run to run; it starts
# from seeds made from the project's models (corpus.py). Findings are left in
# BUILD/fuzz-findings/NAME/; each one becomes a file in tests/fuzz/regress/NAME/ once fixed.
# Inputs are cut at 8 KB: a network of a few variables reaches every reader path, and the
# 44 KB flagship models would slow every execution tenfold.
# Usage: run.sh BUILD_DIR TOTAL_SECONDS SOURCE_DIR [SHARED_DIR [NAME...]]
#   TOTAL_SECONDS is shared evenly between the fuzzers (at least 5 s each).
set -uo pipefail
build=$(realpath "$1")
total=$2
source_dir=$(realpath "$3")
shared_dir=${4:-}
shift $(($# < 4 ? $# : 4))

if [ $# -gt 0 ]; then
    names=("$@")
else
    names=()
    for exe in "$build"/tests/fuzz/fuzz_*; do
        [ -x "$exe" ] && [[ "$exe" != *fuzz_replay_* ]] && names+=("$(basename "$exe" | sed 's/^fuzz_//')")
    done
fi
[ ${#names[@]} -gt 0 ] || { echo "no fuzzers in $build/tests/fuzz: build the 'fuzzers' target first" >&2; exit 2; }
each=$((total / ${#names[@]}))
[ "$each" -ge 5 ] || each=5

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export LSAN_OPTIONS=suppressions=$source_dir/tests/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=0
for name in "${names[@]}"; do
    corpus=$build/fuzz-corpus/$name
    findings=$build/fuzz-findings/$name
    mkdir -p "$corpus" "$findings"
    python3 "$source_dir/tests/fuzz/corpus.py" "$name" "$corpus" "$source_dir" "$shared_dir"
    dirs=("$corpus")
    [ -d "$source_dir/tests/fuzz/regress/$name" ] && dirs+=("$source_dir/tests/fuzz/regress/$name")
    log=$build/fuzz-findings/$name.log
    "$build/tests/fuzz/fuzz_$name" -max_total_time="$each" -timeout=20 -max_len=8192 -print_final_stats=1 \
        -artifact_prefix="$findings/" "${dirs[@]}" >"$log" 2>&1
    code=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ $code -ne 0 ]; then
        echo "fuzz_$name: FINDING (exit $code) after ${execs:-?} executions; log $log, inputs in $findings/"
        grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$log" | head -n 5
        failed=1
    else
        echo "fuzz_$name: ${execs:-?} executions in ${each} s, no finding"
    fi
done
exit $failed
