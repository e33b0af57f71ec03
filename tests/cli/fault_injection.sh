#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fault injection: SIGINT or SIGTERM at random moments of long commands. Whatever the
# moment, the command exits 0 (it had finished) or 130/143, an existing output is either
# intact (old contents) or wholly replaced, no temporary file is left beside it, and no
# process of it (the fixed-point counter's child included) outlives it. The moments are
# drawn from a fixed seed, so a failure can be replayed.
#   fault_injection.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$(realpath "$1")
cd "$(realpath "$2")" || exit 1
SHARED=$3
FLAGSHIP=networks/her2_trastuzumab.yaml
work=$(mktemp -d)
trap 'pkill -KILL -f "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
RANDOM=20261201

# A random synchronous network of 23 variables: an exhaustive search of a few seconds.
python3 - "$work/random23.bnet" <<'EOF'
import random, sys
rng = random.Random(7)
n = 23
with open(sys.argv[1], "w") as f:
    f.write("targets, factors\n")
    for v in range(n):
        a, b = rng.sample(range(n), 2)
        op = rng.choice(["&", "|", "^"])
        f.write(f"x{v}, {'!' if rng.random() < 0.4 else ''}x{a} {op} x{b}\n")
EOF

commands=(
  "screen $FLAGSHIP --context pten_loss --drug trastuzumab --targets all --max-size 2 --goal Proliferation=0,Apoptosis=1 --format json -o OUT.json"
  "attractors $work/random23.bnet --method exhaustive --format json -o OUT.json"
  "check $FLAGSHIP --format json -o OUT.json"
  "report $FLAGSHIP --all-scenarios -o OUT.dir"
)
if [ -f "$SHARED/models/bbm/261_SARS-COV-2-HOST-INTERACTION.bnet" ]; then
  commands+=("fixed-points $SHARED/models/bbm/261_SARS-COV-2-HOST-INTERACTION.bnet --count-seconds 60 --format json -o OUT.json")
else
  echo "skipped the background-count case: $SHARED/models/bbm is absent"
fi

trial=0
stopped=0
for round in 1 2; do
  for cmd in "${commands[@]}"; do
    trial=$((trial + 1))
    dir="$work/t$trial"
    mkdir -p "$dir"
    out="$dir/OUT.json"
    case "$cmd" in *OUT.dir*) out="$dir/OUT.dir" ;; esac
    # An earlier output that an interrupted run must leave as it was.
    if [ "${out##*.}" = dir ]; then
      "$BITSIG" report tests/data/models/toy_her2.yaml -o "$out" --no-diagrams 2>/dev/null
      before=$(cat "$out/index.html" | md5sum)
    else
      echo '{"old": true}' >"$out"
      before=$(md5sum <"$out")
    fi
    signal=$([ $((RANDOM % 2)) -eq 0 ] && echo INT || echo TERM)
    delay=$(printf '0.%02d' $((2 + RANDOM % 38)))
    [ "$round" -eq 2 ] && delay=$((1 + RANDOM % 2)).$((RANDOM % 10))
    # shellcheck disable=SC2086
    "$BITSIG" ${cmd//OUT/$dir/OUT} >/dev/null 2>"$dir/err" &
    pid=$!
    sleep "$delay"
    kill -s "$signal" "$pid" 2>/dev/null
    wait "$pid"
    code=$?
    what="trial $trial (SIG$signal after ${delay}s): bitsig ${cmd%% *}"
    case "$code" in
      0) # finished first: the output is the new one, whole
        if [ "${out##*.}" = dir ]; then
          [ -s "$out/index.html" ] && grep -q '</html>' "$out/index.html" || fail "$what: exit 0 but the report is not whole"
        else
          python3 -c "import json; json.load(open('$out'))" 2>/dev/null || fail "$what: exit 0 but $out is not whole JSON"
        fi ;;
      130 | 143)
        stopped=$((stopped + 1))
        [ "$code" -eq $([ "$signal" = INT ] && echo 130 || echo 143) ] || fail "$what: exit $code does not match the signal"
        # A signal before bitsig installs its handler (slow start under ASan) kills it at once:
        # no message then, and still no output.
        [ ! -s "$dir/err" ] || grep -q "interrupted: no output written" "$dir/err" ||
          fail "$what: no interruption message: $(head -c 300 "$dir/err")"
        if [ "${out##*.}" = dir ]; then
          [ "$(cat "$out/index.html" | md5sum)" = "$before" ] || fail "$what: the old report was changed"
        else
          [ "$(md5sum <"$out")" = "$before" ] || fail "$what: the old output was changed"
        fi ;;
      *) fail "$what: exit $code: $(head -c 300 "$dir/err")" ;;
    esac
    leftovers=$(ls -A "$dir" | grep -E 'tmp' || true)
    [ -z "$leftovers" ] || fail "$what: temporary files left: $leftovers"
    sleep 0.2
    if pgrep -f "$dir/" >/dev/null; then
      fail "$what: a process outlived the command: $(pgrep -af "$dir/")"
      pkill -KILL -f "$dir/"
    fi
  done
done

if [ "$failures" -ne 0 ]; then echo "$failures failure(s) in $trial trials"; exit 1; fi
echo "fault injection: $trial trials passed ($stopped interrupted, $((trial - stopped)) finished first)"
# Trials that all finish first test nothing: the delays are chosen so that most do not.
[ "$stopped" -ge $((trial / 4)) ] || { echo "FAIL: only $stopped of $trial trials were interrupted"; exit 1; }
