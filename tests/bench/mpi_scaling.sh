#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Strong scaling of `bitsig screen` (flagship knockout pairs) and `bitsig simulate` from 1
# to 2 MPI ranks (one thread per rank), and a weak-scaling estimate for 64 ranks from the
# bytes each work item sends to rank 0 and rank 0's time merging them. Runs alternate
# 1 rank / 2 ranks so that load from other processes hits both alike; the best of REPEATS
# runs of each is used (the least disturbed), and the outputs of 1 and 2 ranks must be
# the same bytes.
#   mpi_scaling.sh BITSIG [REPEATS] [BANDWIDTH_GB_S] [LATENCY_US]
set -euo pipefail
BITSIG=$(realpath "$1")
REPEATS=${2:-5}
BANDWIDTH=${3:-1.25}  # GB/s into rank 0 (10 Gbit/s Ethernet; InfiniBand is 10x more)
LATENCY=${4:-5}       # microseconds per message hop
cd "$(dirname "$0")/../.."
FLAGSHIP=networks/her2_trastuzumab.yaml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
MPIRUN=(mpirun --allow-run-as-root --oversubscribe)

SCREEN=(screen "$FLAGSHIP" --context pten_loss --drug trastuzumab --targets all --max-size 2
        --goal Proliferation=0,Apoptosis=1 --format json --threads 1)
SIMULATE=(simulate "$FLAGSHIP" --samples 200000 --max-time 10 --seed 1 --format json --threads 1)

seconds() { python3 -c 'import sys,time; print(f"{time.time():.6f}")'; }

# measure NAME ARGS...: best wall time of 1 and of 2 ranks, stats of the 2-rank run.
measure() {
  local name=$1; shift
  local best1=1e9 best2=1e9
  for ((i = 0; i < REPEATS; i++)); do
    for np in 1 2; do
      local t0 t1
      t0=$(seconds)
      BITSIG_MPI_STATS=1 "${MPIRUN[@]}" -np $np "$BITSIG" "$@" >"$work/$name.$np.out" 2>"$work/$name.$np.err"
      t1=$(seconds)
      local t
      t=$(python3 -c "print($t1 - $t0)")
      if [ $np -eq 1 ]; then best1=$(python3 -c "print(min($best1, $t))"); else best2=$(python3 -c "print(min($best2, $t))"); fi
    done
  done
  cmp -s "$work/$name.1.out" "$work/$name.2.out" || { echo "$name: 1 and 2 ranks wrote different bytes" >&2; exit 1; }
  python3 - "$name" "$best1" "$best2" "$work/$name.2.err" "$BANDWIDTH" "$LATENCY" <<'PY'
import re, sys, math
name, t1, t2, err, bandwidth, latency = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
runs = [tuple(float(x) for x in m) for m in re.findall(r"(\d+) items in (\d+) rounds over \d+ ranks, (\d+) bytes gathered, ([0-9.]+) s merging", open(err).read())]
items = sum(r[0] for r in runs); rounds = sum(r[1] for r in runs); nbytes = sum(r[2] for r in runs); merge = sum(r[3] for r in runs)
per_item_bytes = nbytes / items
per_item_merge = merge / items
per_item_compute = t1 / items  # one rank, one thread, launch included
# Weak scaling to P ranks: each rank keeps the 1-rank run's items (t1 of work); rank 0
# receives P times the items and merges them alone, one gather + broadcast per round.
P = 64
extra = P * items * (per_item_bytes / (bandwidth * 1e9) + per_item_merge) + rounds * 2 * math.log2(P) * latency * 1e-6
print(f"{name:9s} {int(items):7d} items  1 rank {t1:7.2f} s  2 ranks {t2:7.2f} s  speed-up {t1 / t2:4.2f}  "
      f"{per_item_bytes:8.0f} B/item  merge {per_item_merge * 1e6:7.2f} us/item  compute {per_item_compute * 1e3:7.3f} ms/item  "
      f"weak-scaling efficiency at {P} ranks ~{t1 / (t1 + extra):.3f}")
PY
}

echo "bitsig $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $REPEATS repeats, best of each; machine load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure screen "${SCREEN[@]}"
measure simulate "${SIMULATE[@]}"
