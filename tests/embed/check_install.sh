#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the build to a temporary prefix, builds tests/embed against it twice (CMake
# find_package and pkg-config), runs both on the Faure 2006 cell cycle and checks the answer:
# two attractors, the quiescent fixed point and the 7-state cycle; with CycD knocked out,
# only the fixed point.
#   check_install.sh BUILD_DIR SOURCE_DIR CXX [EXTRA_CXX_FLAGS]
set -uo pipefail
build=$1
src=$2
cxx=$3
flags=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
for f in bin/bitsig lib/libbitsig_engine.a include/bitsig/model/network.hpp include/bitsig/io/sbml.hpp \
         lib/cmake/bitsig/bitsigConfig.cmake lib/pkgconfig/bitsig.pc; do
  [ -e "$work/prefix/$f" ] || fail "not installed: $f"
done
[ -e "$work/prefix/include/bitsig/io/sbml.cpp" ] && fail "sources installed with the headers"

cmake -S "$src/tests/embed" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >"$work/log" 2>&1 &&
  cmake --build "$work/cmake-build" >>"$work/log" 2>&1 || { fail "find_package build failed:"; tail -30 "$work/log"; }

# shellcheck disable=SC2046,SC2086
PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" "$cxx" -std=c++20 $flags -o "$work/pc_embed" \
  "$src/tests/embed/embed_attractors.cpp" $(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --cflags --libs bitsig) \
  >"$work/pc.log" 2>&1 || { fail "pkg-config build failed:"; tail -30 "$work/pc.log"; }

expected="faure2006_cell_cycle: 2 attractors (complete)
fixed_point: 0100010100
cycle: 1000001110 1010000110 1011000100 1011100100 1001100000 1000100011 1000101011"
expected_ko="faure2006_cell_cycle: 1 attractors (complete)
fixed_point: 0100010100"
for program in "$work/cmake-build/embed_attractors" "$work/pc_embed"; do
  [ -x "$program" ] || continue
  out=$("$program" "$src/networks/faure2006_cell_cycle.yaml" 2>&1)
  [ "$out" = "$expected" ] || fail "$program: got
$out"
  out=$("$program" "$src/networks/faure2006_cell_cycle.yaml" CycD 2>&1)
  [ "$out" = "$expected_ko" ] || fail "$program CycD: got
$out"
  out=$("$program" "$src/networks/faure2006_cell_cycle.yaml" CycX 2>&1)
  [ $? -eq 0 ] && fail "$program: an unknown knockout did not fail"
  case "$out" in *"unknown"*"CycX"*) ;; *) fail "$program: unknown knockout message: $out" ;; esac
done
# The Python module, when this build has one, imports from where it was installed.
module=$(find "$work/prefix" -name 'bitsig*.so' | head -1)
if [ -n "$module" ]; then
  imported=""
  for python in /usr/bin/python3 python3; do
    command -v "$python" >/dev/null || continue
    out=$(PYTHONPATH=$(dirname "$module") "$python" -c "import bitsig; print(len(bitsig.load('$src/networks/faure2006_cell_cycle.yaml').attractors()['attractors']))" 2>&1) || continue
    imported=$python
    [ "$out" = 2 ] || fail "installed Python module: $out"
    break
  done
  [ -n "$imported" ] || fail "no python3 imports the installed module $module"
fi
echo "embed: $failures failed"
[ "$failures" -eq 0 ]
