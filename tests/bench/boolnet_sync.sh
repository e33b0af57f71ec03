#!/usr/bin/env bash
# Synchronous exhaustive attractors with basins: bitsig vs BoolNet on BoolNet's own random
# N-K networks, measured in the same run. Also a differential check: attractor sets and
# basin sizes must be identical.
#
#   tests/bench/boolnet_sync.sh BITSIG [SIZES] [KS]
#   e.g. tests/bench/boolnet_sync.sh build/cli/bitsig "20 22 24 26" "2 3"
#
# Needs R with BoolNet (Debian: r-cran-boolnet) and python3; skips with a message otherwise.
# BoolNet time is getAttractors() inside R (loading excluded); bitsig time is the whole
# process (load, search, JSON output).
set -euo pipefail
BITSIG=${1:?usage: boolnet_sync.sh BITSIG [SIZES] [KS]}
SIZES=${2:-"20 22 24 26"}
KS=${3:-"2 3"}
source "$(dirname "$0")/boolnet_common.sh"
printf "%-4s %-2s %-6s %10s %10s %10s %8s %8s  %s\n" n k seed boolnet_s bitsig_s nopeel_s ratio attrs agree
for n in $SIZES; do
  for k in $KS; do
    seed=$((n * 10 + k))
    boolnet_network "$n" "$k" "$seed" "$work/net.bnet" "$(cat <<'EOF_R'
t <- system.time(a <- getAttractors(net, type = "synchronous", method = "exhaustive"))[["elapsed"]]
out <- file(file.path(args[5], "boolnet.txt"), "w")
writeLines(sprintf("%.3f", t), out)
for (att in a$attractors) {
  states <- att$involvedStates
  writeLines(paste(c(att$basinSize, apply(states, 2, function(col) paste(col, collapse = ":"))), collapse = " "), out)
}
close(out)
EOF_R
)" >/dev/null 2>"$work/r.err" || { echo "BoolNet failed at n=$n"; cat "$work/r.err"; continue; }
    s=$(date +%s.%N)
    "$BITSIG" attractors "$work/net.bnet" --method exhaustive --format json -o "$work/bitsig.json" 2>/dev/null
    e=$(date +%s.%N)
    "$BITSIG" attractors "$work/net.bnet" --method exhaustive --no-peel --format json -o "$work/nopeel.json" 2>/dev/null
    e2=$(date +%s.%N)
    python3 - "$work" "$n" "$k" "$seed" "$s" "$e" "$e2" <<'EOF_PY'
import json, sys
work, n, k, seed, s, e, e2 = sys.argv[1:]
n = int(n)
lines = open(f"{work}/boolnet.txt").read().split("\n")
boolnet_t = float(lines[0])
expected = set()
for line in lines[1:]:
    if not line.strip():
        continue
    parts = line.split()
    basin = int(parts[0])
    cycle = []
    for col in parts[1:]:
        # BoolNet stores a state as 32-bit integer chunks, gene 1 in the lowest bit.
        chunks = [int(float(c)) & 0xFFFFFFFF for c in col.split(":")]
        x = 0
        for i, c in enumerate(chunks):
            x |= c << (32 * i)
        cycle.append("".join("1" if (x >> g) & 1 else "0" for g in range(n)))
    expected.add((basin, frozenset(cycle)))
got = set()
for path in ("bitsig.json", "nopeel.json"):
    j = json.load(open(f"{work}/{path}"))
    got_one = {(a["basin_size"], frozenset(a["states"])) for a in j["attractors"]}
    if path == "bitsig.json":
        got = got_one
    elif got_one != got:
        print("MISMATCH between peeled and unpeeled searches")
bitsig_t = float(e) - float(s)
nopeel_t = float(e2) - float(e)
agree = "yes" if got == expected else "NO"
print(f"{n:<4} {k:<2} {seed:<6} {boolnet_t:10.3f} {bitsig_t:10.3f} {nopeel_t:10.3f} {boolnet_t / bitsig_t:8.1f} {len(got):8}  {agree}")
EOF_PY
  done
done
