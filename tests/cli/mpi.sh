#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# screen, check and simulate over 2 MPI ranks write the same bytes as one process (text,
# json, csv; a JSON/CSV screen also with its ranking spilled to disk); a failing rank gives a clear error on rank 0 and a non-zero exit, never a
# hang; Ctrl-C on mpirun leaves no output. Skipped (77) without mpirun. Against a
# sanitized binary (make sanitize: every run ~3x slower, and CI must stay short) it runs
# one screen format (a short screen), one simulation and the failure cases; Release runs all.
#   mpi.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$(realpath "$1")
cd "$(realpath "$2")" || exit 1
if ! command -v mpirun >/dev/null; then
  echo "skipped: mpirun is not installed (apt-get install openmpi-bin libopenmpi-dev)"
  exit 77
fi
FLAGSHIP=networks/her2_trastuzumab.yaml
source tests/cli/lib/common.bash
# As root in a container: --allow-run-as-root; 2 ranks on any core count: --oversubscribe.
# A hang is a failure, not a stuck CI: every run has a time limit.
MPIRUN=(timeout -k 5 60 mpirun --allow-run-as-root --oversubscribe)
# Under AddressSanitizer (make sanitize): Open MPI's own leaks are suppressed by library
# (tests/lsan.supp), which needs its plugins kept loaded (unloaded ones have no name) and
# full stacks (its libraries have no frame pointers for the fast unwinder).
export OMPI_MCA_mca_base_component_disable_dlclose=1
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
# Sanitized: linked to the shared libasan (GCC) or carrying the runtime itself (clang's
# static one); the environment alone could be set for another reason.
sanitized=false
if ldd "$BITSIG" 2>/dev/null | grep -q libasan || grep -qaF __asan_init "$BITSIG"; then sanitized=true; fi

# expect CODE -- command...: stdout in $work/out, stderr in $work/err.
expect() {
  local want=$1; shift; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || fail "'$*' exited $got, expected $want: $(head -c 600 "$work/err")"
}
# same_bytes NAME ARGS...: one process, then 2 ranks; outputs must be identical.
same_bytes() {
  local name=$1; shift
  expect 0 -- "$BITSIG" "$@"
  cp "$work/out" "$work/$name.one"
  expect 0 -- "${MPIRUN[@]}" -np 2 "$BITSIG" "$@"
  cmp -s "$work/out" "$work/$name.one" || fail "$name: 2 ranks wrote other bytes than one process"
  [ -s "$work/$name.one" ] || fail "$name: empty output"
}

SCREEN=(screen "$FLAGSHIP" --context pten_loss --drug trastuzumab --targets PI3K,AKT,MTOR,ERK,PTEN,EGFR,HER3
        --drugs all --max-size 2 --goal Proliferation=0,Apoptosis=1)
# Text with a short --top: rank 0 keeps only the best rows (and the shares of the singles,
# the parts of the pairs). Fewer targets when sanitized.
targets=PI3K,AKT,MTOR,ERK,PTEN,EGFR,HER3
$sanitized && targets=PI3K,AKT,MTOR,ERK
SMALL_SCREEN=(screen "$FLAGSHIP" --context pten_loss --drug trastuzumab --targets "$targets"
              --max-size 2 --goal Proliferation=0,Apoptosis=1 --top 5)
same_bytes screen.top.text "${SMALL_SCREEN[@]}" --format text
grep -qE "^top 5 of [0-9]+ combinations, after the base alone; [0-9]+ redundant" "$work/screen.top.text.one" ||
  fail "the short screen's heading changed: $(sed -n 3p "$work/screen.top.text.one")"
if ! $sanitized; then
  same_bytes screen.top.md "${SMALL_SCREEN[@]}" --format md
  for format in text json csv; do same_bytes "screen.$format" "${SCREEN[@]}" --format "$format"; done
fi
# JSON and CSV stream their rows: with BITSIG_SCREEN_SPILL_ROWS=8, rank 0 holds at most 8
# rows of the ranking at once and the others go to sorted runs on disk, merged as the
# output is written. The bytes are those of one process holding every row, and the bound
# is pinned by what BITSIG_SCREEN_STATS reports (rows held at once), not by timing. One
# format when sanitized.
spill_formats=(json csv)
$sanitized && spill_formats=(csv)
for format in "${spill_formats[@]}"; do
  expect 0 -- "$BITSIG" "${SMALL_SCREEN[@]}" --format "$format"
  cp "$work/out" "$work/whole.$format"
  for launch in alone ranks; do
    runner=()
    [ "$launch" = ranks ] && runner=("${MPIRUN[@]}" -np 2)
    expect 0 -- env BITSIG_SCREEN_SPILL_ROWS=8 BITSIG_SCREEN_STATS=1 "${runner[@]}" "$BITSIG" "${SMALL_SCREEN[@]}" \
      --format "$format" -o "$work/spilled.$format"
    cmp -s "$work/spilled.$format" "$work/whole.$format" || fail "$format spilled ($launch): other bytes than in memory"
    stats=$(grep -E "^bitsig screen: [0-9]+ rows, at most [0-9]+ held in memory at once, [0-9]+ sorted runs" "$work/err")
    read -r rows held runs < <(sed -E 's/^bitsig screen: ([0-9]+) rows, at most ([0-9]+) held.*, ([0-9]+) sorted runs.*/\1 \2 \3/' <<<"$stats")
    [ -n "$stats" ] && [ "$held" -le 8 ] && [ "$runs" -gt 0 ] && [ "$rows" -ge 30 ] ||
      fail "$format spilled ($launch): not a bounded ranking: ${stats:-no stats: $(head -c 300 "$work/err")}"
  done
done
leftovers=$(find "$work" -name '.*' -newer "$work/whole.${spill_formats[0]}")
[ -z "$leftovers" ] || fail "temporary files left beside the output: $leftovers"
$sanitized || same_bytes check.json check "$FLAGSHIP" --format json
# 5 blocks of trajectories (3 when sanitized): both ranks simulate some.
formats=(json csv)
samples=20000
$sanitized && formats=(json) && samples=9000
for format in "${formats[@]}"; do
  same_bytes "simulate.$format" simulate "$FLAGSHIP" --samples "$samples" --max-time 5 --seed 7 --format "$format"
done
if ! $sanitized; then
  # -o FILE: rank 0 writes it, the same file as one process.
  expect 0 -- "$BITSIG" check "$FLAGSHIP" -o "$work/check.text.one"
  expect 0 -- "${MPIRUN[@]}" -np 2 "$BITSIG" check "$FLAGSHIP" -o "$work/check.text.two"
  cmp -s "$work/check.text.one" "$work/check.text.two" || fail "check -o over 2 ranks differs from one process"
fi

# The failure cases check a small model: its scenarios take no time, the failures do.
TOY=tests/data/models/toy_her2.yaml
# A rank that fails during the work: rank 0 names it, every rank stops, no output.
expect 70 -- env BITSIG_FAIL_RANK=1 "${MPIRUN[@]}" -np 2 "$BITSIG" check "$TOY" --format json
grep -qxF "internal error: MPI rank 1 of 2: failure injected on this rank (BITSIG_FAIL_RANK)" "$work/err" ||
  fail "no clear error for a failing rank: $(head -c 400 "$work/err")"
[ -s "$work/out" ] && fail "a failing rank still produced output"
# The same for a streamed JSON screen: its output file was open from the start, and is gone.
expect 70 -- env BITSIG_FAIL_RANK=1 BITSIG_SCREEN_SPILL_ROWS=3 "${MPIRUN[@]}" -np 2 "$BITSIG" screen "$TOY" \
  --context pten_loss --targets PI3K,HER2 --drugs all --goal Proliferation=0 --format json -o "$work/failed.json"
grep -qxF "internal error: MPI rank 1 of 2: failure injected on this rank (BITSIG_FAIL_RANK)" "$work/err" ||
  fail "no clear error for a failing rank of a screen: $(head -c 400 "$work/err")"
[ -n "$(find "$work" -name '*failed.json*')" ] && fail "a failing rank left a screen output: $(find "$work" -name '*failed.json*')"
# Ranks given different work (an MPMD launch with other arguments) refuse to mix results.
first_scenario=$(awk '/^scenarios:/ { inside = 1; next } inside && /^  [^ ]/ { sub(/:.*/, ""); print $1; exit }' "$TOY")
[ -n "$first_scenario" ] || fail "no scenario found in $TOY"
expect 2 -- "${MPIRUN[@]}" -np 1 "$BITSIG" check "$TOY" : -np 1 "$BITSIG" check "$TOY" --scenario "$first_scenario"
grep -q "^error: MPI rank 1 has 1 work items (scenarios) where rank 0 has " "$work/err" ||
  fail "no mismatch error: $(head -c 400 "$work/err")"
# A rank that fails before any distributed work: the job stops (no hang), non-zero, no output.
"${MPIRUN[@]}" -np 1 "$BITSIG" check "$TOY" : -np 1 "$BITSIG" check "$work/missing.yaml" >"$work/out" 2>"$work/err"
code=$?
[ "$code" -ne 0 ] && [ "$code" -ne 124 ] && [ "$code" -ne 137 ] || fail "early failure of one rank: exit $code"
[ -s "$work/out" ] && fail "an early failure of one rank still produced output"

# Ctrl-C on mpirun: every rank stops, the output file is not written (or the run had
# already finished and wrote all of it).
"${MPIRUN[@]}" -np 2 "$BITSIG" screen "$FLAGSHIP" --context pten_loss --drug trastuzumab --targets all --max-size 2 \
  --goal Proliferation=0,Apoptosis=1 --format json -o "$work/interrupted.json" 2>"$work/err" &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
code=$?
if [ "$code" -eq 0 ]; then
  python3 -c "import json; json.load(open('$work/interrupted.json'))" || fail "finished run left a broken file"
else
  [ -e "$work/interrupted.json" ] && fail "an interrupted run wrote its output"
  [ "$code" -eq 124 ] && fail "mpirun did not stop after Ctrl-C"
fi
# mpirun returns once it has signalled the ranks; on a loaded machine (or under ASan) they
# may need a few seconds to unwind, so wait for them, within a bound.
for _ in $(seq 1 30); do
  pgrep -f "$work/interrupted.json" >/dev/null || break
  sleep 0.5
done
pgrep -f "$work/interrupted.json" >/dev/null && fail "a rank outlived Ctrl-C by 15 s"

[ "$failures" -eq 0 ] && echo "mpi: all passed"
exit $((failures > 0))
