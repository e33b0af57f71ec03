#!/usr/bin/env bash
# Synchronous attractors of BoolNet's large random N-K networks by SAT: does
# `bitsig attractors --update sync --method sat` finish, complete, within the time limit?
# Issue 14's goal is N = 100 and 200 (k = 2) in under 60 s each.
#
#   tests/bench/boolnet_sync_sat.sh BITSIG [SIZES] [SEEDS] [TIMEOUT]
#   e.g. tests/bench/boolnet_sync_sat.sh build/cli/bitsig "100 200" "1 2 3 4 5" 60
#
# Each network is generateRandomNKNetwork(N, 2) after set.seed(SEED), written with
# saveNetwork (so it is made at bench time, never committed). Prints per network: the
# variables left after percolation and leaf peeling and the largest strongly connected
# component among them (the wiring the search works on), the wall-clock time of the whole
# bitsig process, whether the answer is complete, the number of attractors and the
# longest cycle, and bitsig's notes (why it stopped). Needs R with BoolNet
# (r-cran-boolnet) and python3; skips with a message otherwise.
set -euo pipefail
BITSIG=${1:?usage: boolnet_sync_sat.sh BITSIG [SIZES] [SEEDS] [TIMEOUT]}
SIZES=${2:-"100 200"}
SEEDS=${3:-"1 2 3 4 5"}
TIMEOUT=${4:-60}
source "$(dirname "$0")/boolnet_common.sh"
printf "%-4s %-4s %5s %5s %8s %8s %6s %8s  %s\n" n seed core scc time_s complete attrs longest notes
for n in $SIZES; do
  for seed in $SEEDS; do
    net="$work/n${n}_s${seed}.bnet"
    boolnet_network "$n" 2 "$seed" "$net" >/dev/null 2>"$work/r.err" || { echo "BoolNet failed"; cat "$work/r.err"; continue; }
    s=$(date +%s.%N)
    "$BITSIG" attractors "$net" --update sync --method sat --timeout "$TIMEOUT" --format json -o "$work/out.json" \
      2>/dev/null || true
    e=$(date +%s.%N)
    python3 - "$net" "$work/out.json" "$n" "$seed" "$s" "$e" <<'EOF_PY'
import json, re, sys
net, out, n, seed, s, e = sys.argv[1:]
# The wiring the search sees: variables read by another variable, repeatedly (leaf peeling),
# and the largest strongly connected component among them (iterative Tarjan).
lines = [l for l in open(net).read().splitlines()[1:] if "," in l]
names = {l.split(",", 1)[0].strip() for l in lines}
regs = {}
for line in lines:
    target, rule = line.split(",", 1)
    regs[target.strip()] = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rule)) & names
alive = set(regs)
while True:
    read = {u for v in alive for u in regs[v] if u != v and u in alive}
    if read == alive:
        break
    alive = read
index, low, on, stack, largest, counter = {}, {}, set(), [], 0, [0]
for root in alive:
    if root in index:
        continue
    work = [(root, iter(sorted(regs[root] & alive)))]
    index[root] = low[root] = counter[0]; counter[0] += 1; stack.append(root); on.add(root)
    while work:
        v, it = work[-1]
        advanced = False
        for u in it:
            if u not in index:
                index[u] = low[u] = counter[0]; counter[0] += 1; stack.append(u); on.add(u)
                work.append((u, iter(sorted(regs[u] & alive))))
                advanced = True
                break
            if u in on:
                low[v] = min(low[v], index[u])
        if advanced:
            continue
        work.pop()
        if work:
            low[work[-1][0]] = min(low[work[-1][0]], low[v])
        if low[v] == index[v]:
            size = 0
            while True:
                w = stack.pop(); on.discard(w); size += 1
                if w == v:
                    break
            largest = max(largest, size)
try:
    d = json.load(open(out))
    complete = str(d.get("complete"))
    attrs = len(d["attractors"])
    longest = max((a.get("size", len(a["states"])) for a in d["attractors"]), default=0)
    notes = "; ".join(d.get("notes", []))
except Exception:
    complete, attrs, longest, notes = "error", 0, 0, "no output"
print(f"{n:<4} {seed:<4} {len(alive):>5} {largest:>5} {float(e) - float(s):>8.2f} {complete:>8} {attrs:>6} {longest:>8}  {notes[:110]}")
EOF_PY
  done
done
