#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The simulation code of this tree against that of an earlier revision, in the same run:
# simulate_bench.cpp of this tree is compiled a second time with engine/simulate/ (sources
# and headers) taken from REV, linked with BUILD's engine library for everything else, and
# the two benches run in turns, ROUNDS times each, on the 10-variable workloads (--small).
# The machine may be shared: compare the rows of neighbouring runs, and take the best.
#   bash tests/bench/simulate_before_after.sh BUILD REV [ROUNDS=3]
set -euo pipefail
BUILD=$(cd "$1" && pwd)
REV=$2
ROUNDS=${3:-3}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
NEW=$BUILD/tests/bench/simulate_bench
[ -x "$NEW" ] || { echo "build $NEW first (cmake --build $1 --target simulate_bench)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/include/simulate"
for f in $(git -C "$SRC" ls-tree --name-only "$REV" engine/simulate/); do
  case $f in
    *.hpp) git -C "$SRC" show "$REV:$f" >"$tmp/include/simulate/$(basename "$f")" ;;
    *.cpp) git -C "$SRC" show "$REV:$f" >"$tmp/$(basename "$f")" ;;
  esac
done
# The flags and libraries CMake uses for the bench.
flags=$(sed -n 's/^CXX_FLAGS = //p; s/^CXX_DEFINES = //p' "$BUILD/tests/bench/CMakeFiles/simulate_bench.dir/flags.make" | tr '\n' ' ')
libs=$(sed 's/.* -o simulate_bench //' "$BUILD/tests/bench/CMakeFiles/simulate_bench.dir/link.txt" | sed "s| \.\./\.\./| $BUILD/|g")
objects=()
for cpp in "$SRC/tests/bench/simulate_bench.cpp" "$tmp"/*.cpp; do
  obj="$tmp/$(basename "$cpp" .cpp).o"
  eval c++ $flags -Wno-error -I"$tmp/include" -I"$SRC/engine" -c "$cpp" -o "$obj"
  objects+=("$obj")
done
# The objects of REV come first, so the library's own engine/simulate objects are not used.
(cd "$BUILD/tests/bench" && eval c++ -O3 "${objects[@]}" -o "$tmp/simulate_bench_rev" $libs)
for round in $(seq "$ROUNDS"); do
  echo "=== round $round: $REV"
  "$tmp/simulate_bench_rev" --small
  echo "=== round $round: this tree"
  "$NEW" --small
done
