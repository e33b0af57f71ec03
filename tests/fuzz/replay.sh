#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ctest entry: replays the seed corpus and every committed regression input of one fuzzer
# through its harness (built without libFuzzer). Any crash, sanitizer report or uncaught
# exception fails the test.
# Usage: replay.sh REPLAY_EXE NAME SOURCE_DIR [SHARED_DIR]
set -euo pipefail
exe=$1
name=$2
source_dir=$3
shared_dir=${4:-}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 "$source_dir/tests/fuzz/corpus.py" "$name" "$scratch/seeds" "$source_dir" "$shared_dir"
inputs=("$scratch/seeds")
[ -d "$source_dir/tests/fuzz/regress/$name" ] && inputs+=("$source_dir/tests/fuzz/regress/$name")
"$exe" "${inputs[@]}" 2>"$scratch/log" || { tail -n 20 "$scratch/log"; exit 1; }
