#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every file in tests/data/bad/ is a mistake a user can make. `bitsig info FILE` must exit
# with 2, print nothing on stdout, and print exactly FILE.expected on stderr (location,
# source line with caret, note). Runs from the source folder with relative paths so that
# the messages are the same on every machine.
# Usage: bad_input.sh BITSIG SOURCE_DIR SHARED_DIR
set -u

bitsig=$(realpath "$1")
cd "$2" || exit 2
bad=tests/data/bad
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

failures=0
checked=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run_info TARGET EXPECTED_FILE: checks exit code 2, empty stdout, stderr == expected.
run_info() {
    local target=$1 expected=$2
    checked=$((checked + 1))
    "$bitsig" info "$target" >"$scratch/stdout" 2>"$scratch/stderr"
    local code=$?
    if [ "$code" -ne 2 ]; then
        fail "bitsig info $target: exit code $code, expected 2"
    fi
    if [ -s "$scratch/stdout" ]; then
        fail "bitsig info $target: stdout is not empty:"
        sed 's/^/    /' "$scratch/stdout"
    fi
    if ! cmp -s "$expected" "$scratch/stderr"; then
        fail "bitsig info $target: stderr differs from $expected (--- expected, +++ actual):"
        diff -u --label expected --label actual "$expected" "$scratch/stderr" | sed 's/^/    /'
    fi
}

shopt -s nullglob
files=("$bad"/*)
if [ ${#files[@]} -eq 0 ]; then
    fail "no files in $bad"
fi
for file in "${files[@]}"; do
    case "$file" in
    *.expected)
        [ -e "${file%.expected}" ] || fail "$file has no input file ${file%.expected}"
        continue
        ;;
    esac
    if [ ! -f "$file.expected" ]; then
        fail "$file has no $file.expected"
        continue
    fi
    run_info "$file" "$file.expected"
done

# Not files at all: a folder and a path that does not exist.
printf '%s\n' "$bad: error: is a directory: expected a model file" >"$scratch/dir.expected"
run_info "$bad" "$scratch/dir.expected"
printf '%s\n' "$bad/no_such_model.yaml: error: no such file" >"$scratch/missing.expected"
run_info "$bad/no_such_model.yaml" "$scratch/missing.expected"

echo "bad_input: $checked cases, $failures failed"
[ "$failures" -eq 0 ]
