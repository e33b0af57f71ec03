#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Memory of a JSON/CSV screen on rank 0 against the rows it holds: one screen of a random
# 40-variable model (every knockout and overexpression, up to triples: 85,401 conditions,
# fixed points only so that each condition is quick) written with the whole ranking in
# memory (BITSIG_SCREEN_SPILL_ROWS above the row count: what every JSON/CSV screen did
# before the ranking could spill), with the default limit and with small ones. Prints the
# peak resident memory (GNU time's %M), wall and user time, and the rows held and runs
# written (BITSIG_SCREEN_STATS); every output must be the same bytes.
#   screen_memory.sh BITSIG [FORMAT=csv] [MAX_SIZE=3]
set -euo pipefail
BITSIG=$(realpath "$1")
FORMAT=${2:-csv}
MAX_SIZE=${3:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/r40.bnet" <<'PY'
import random, sys
rng = random.Random(11)
n = 40
with open(sys.argv[1], "w") as f:
    f.write("targets, factors\n")
    for v in range(n):
        a, b, c = rng.sample(range(n), 3)
        f.write(f"x{v}, ({'!' if rng.random() < 0.4 else ''}x{a} & x{b}) | {'!' if rng.random() < 0.3 else ''}x{c}\n")
PY
run() {
  local label=$1 rows=$2
  BITSIG_SCREEN_SPILL_ROWS=$rows BITSIG_SCREEN_STATS=1 /usr/bin/time -f "%M %e %U" -o "$work/time" \
    "$BITSIG" screen "$work/r40.bnet" --targets all --max-size "$MAX_SIZE" --goal x0=1 --method fixed-points \
    --threads 2 --format "$FORMAT" -o "$work/$label.$FORMAT" 2>"$work/err"
  read -r kb wall user <"$work/time"
  printf '%-22s peak %7.1f MB  wall %6.1f s  user %6.1f s  %s\n' "$label" "$(echo "$kb / 1024" | bc -l)" "$wall" "$user" \
    "$(grep '^bitsig screen:' "$work/err" | sed 's/^bitsig screen: //')"
}
run in-memory 1000000000
run default ""
run limit-10000 10000
run limit-1000 1000
for f in default limit-10000 limit-1000; do
  cmp -s "$work/in-memory.$FORMAT" "$work/$f.$FORMAT" || { echo "FAIL: $f wrote other bytes"; exit 1; }
done
echo "outputs identical ($(wc -c <"$work/in-memory.$FORMAT") bytes)"
