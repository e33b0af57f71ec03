#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Command-line interop: SBML-qual and BooleanNet accepted wherever a model is, convert to and
# from SBML-qual, BooleanNet refused as an output, and --order boolnet on attractor lists.
#   interop.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$(realpath "$1")
SRC=$2
cd "$SRC" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
runs=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect CODE -- command...: runs it, keeps stdout/stderr in $work/out, $work/err.
expect() {
  local want=$1; shift; shift
  runs=$((runs + 1))
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want: $(head -c 400 "$work/err")"
}
same_text() {  # FILE TEXT WHAT
  [ "$(cat "$work/$1")" = "$2" ] || fail "$3: got '$(cat "$work/$1")', expected '$2'"
}

FAURE=networks/faure2006_cell_cycle.yaml
HAND=tests/data/sbml/faure2006_cell_cycle_ginsim_style.sbml

# YAML -> SBML -> .bnet keeps the rules; the SBML reads like any model.
expect 0 -- "$BITSIG" convert "$FAURE" "$work/faure.sbml"
same_text err "$work/faure.sbml: warning: SBML-qual holds only rules and input defaults; drugs, contexts, readouts and scenarios are not written" \
  "convert to SBML warns about annotations"
expect 0 -- "$BITSIG" convert "$work/faure.sbml" "$work/faure.bnet"
expect 0 -- "$BITSIG" convert "$FAURE" "$work/direct.bnet"
cmp -s "$work/faure.bnet" "$work/direct.bnet" || fail "YAML -> SBML -> .bnet differs from YAML -> .bnet"
# .bnet -> SBML -> .bnet is the identity on the text bitsig writes.
expect 0 -- "$BITSIG" convert "$work/direct.bnet" "$work/again.xml"
[ -s "$work/err" ] && fail "convert .bnet -> .xml printed: $(cat "$work/err")"
expect 0 -- "$BITSIG" convert "$work/again.xml" "$work/again.bnet"
cmp -s "$work/again.bnet" "$work/direct.bnet" || fail ".bnet -> .xml -> .bnet changed the text"

# A hand-written SBML-qual file gives the published dynamics: the 7-state cycle with CycD on.
expect 0 -- "$BITSIG" attractors "$HAND" --format json
python3 -c "
import json, sys
j = json.load(open('$work/out'))
sizes = sorted(len(a['states']) for a in j['attractors'])
sys.exit(0 if j['model'] == 'faure2006_cell_cycle' and sizes == [1, 7] else 1)" ||
  fail "attractors of the hand-written Faure SBML: $(head -c 300 "$work/out")"
expect 0 -- "$BITSIG" info "$HAND"
grep -q "variables: 10 (1 inputs, 0 constant)" "$work/out" || fail "info on SBML: $(cat "$work/out")"

# BooleanNet in, never out.
cat >"$work/toggle.booleannet" <<'EOF'
# toggle switch with a signal
S = True
A = B = False
A* = S and not B
B* = not A
EOF
expect 0 -- "$BITSIG" fixed-points "$work/toggle.booleannet" --format json
python3 -c "
import json, sys
j = json.load(open('$work/out'))
sys.exit(0 if j['nodes'] == ['S', 'A', 'B'] and sorted(a['states'][0] for a in j['attractors']) == ['101', '110'] else 1)" ||
  fail "toggle.booleannet fixed points: $(head -c 300 "$work/out")"
same_text err "$work/toggle.booleannet: warning: 2 initial value(s) of variables with update rules ignored: bitsig searches every state" \
  "BooleanNet initial values warning"
expect 0 -- "$BITSIG" convert "$work/toggle.booleannet" "$work/toggle.yaml"
grep -q "default: 1" "$work/toggle.yaml" || fail "the signal's initial value is not its default: $(cat "$work/toggle.yaml")"
expect 2 -- "$BITSIG" convert "$FAURE" "$work/out.booleannet"
same_text err "$work/out.booleannet: error: BooleanNet is read only: write .bnet, .yaml or .sbml" "convert to BooleanNet"
[ -e "$work/out.booleannet" ] && fail "convert to BooleanNet wrote a file"

# A .bnet file misnamed .bn is refused at its first line, not misread.
cp "$work/direct.bnet" "$work/misnamed.bn"
expect 2 -- "$BITSIG" info "$work/misnamed.bn"
head -1 "$work/err" | grep -q "misnamed.bn:1:1: error: expected an update rule 'A\* = B and not C' or an initial value 'A = True'" ||
  fail "misnamed .bn: $(head -1 "$work/err")"

# --order boolnet: BoolNet's getAttractors lists these fixed points as 4 1 2 3 5 6 7 (codes,
# first variable the lowest bit; checked with BoolNet 2.1.7, see boolnet_interop.sh).
printf 'targets, factors\nA, A\nB, B\nC, !A & !B | C\n' >"$work/fp.bnet"
for cmd in attractors fixed-points; do
  expect 0 -- "$BITSIG" "$cmd" "$work/fp.bnet" --order boolnet --format json
  python3 -c "
import json, sys
codes = [int(a['states'][0][::-1], 2) for a in json.load(open('$work/out'))['attractors']]
sys.exit(0 if codes == [4, 1, 2, 3, 5, 6, 7] else 1)" || fail "$cmd --order boolnet: $(head -c 300 "$work/out")"
done
expect 0 -- "$BITSIG" fixed-points "$work/fp.bnet" --format json
python3 -c "
import json, sys
states = [a['states'][0] for a in json.load(open('$work/out'))['attractors']]
sys.exit(0 if states == sorted(states) else 1)" || fail "default order is not the canonical one"
expect 2 -- "$BITSIG" attractors "$work/fp.bnet" --order sorted
grep -q -- "--order: sorted not in {file,boolnet}" "$work/err" || fail "bad --order message: $(cat "$work/err")"

echo "interop: $runs runs, $failures failed"
[ "$failures" -eq 0 ]
