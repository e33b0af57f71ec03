# SPDX-License-Identifier: MIT
# What every CLI test script shares: a scratch folder removed on exit, a failure count, and
# `expect` / `json_check`. Sourced (not run) after the script has cd'ed to the source tree:
#   source tests/cli/lib/common.bash
# Lives in lib/ so that tests/CMakeLists.txt's glob over tests/cli/*.sh does not run it.

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# fail MESSAGE...: counts a failure and says what failed; the script goes on.
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE -- command...: runs it, keeps stdout/stderr in $work/out, $work/err.
expect() {
  local want=$1; shift; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want: $(head -c 400 "$work/err")"
}

# json_check EXPR: a Python expression over `j` (the JSON in $work/out) that must be true.
json_check() {
  python3 -c "import json,sys; j=json.load(open('$work/out')); sys.exit(0 if ($1) else 1)" ||
    fail "JSON check failed: $1"
}
