#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The search planner and long runs as a user meets them: --timeout answers in part, a huge
# answer is announced before the search, a mistyped command gets the nearest one, and
# --help shows defaults.
#   planner.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$(realpath "$1")
cd "$(realpath "$2")" || exit 1
source tests/cli/lib/common.bash

# 20 free inputs, each copied: 2^20 fixed points, far more than a second lists.
python3 -c "
print('targets, factors')
for i in range(20): print(f'i{i}, i{i}')
for i in range(20): print(f'c{i}, i{i} & !c{(i + 1) % 20} | c{i}')
" >"$work/inputs.bnet"
# The same with 380 latches: the synchronous SAT search's sampling lists about 10^5 of the
# small network's attractors a second, its limit, so the time limit would not be what stops it.
python3 -c "
print('targets, factors')
for i in range(20): print(f'i{i}, i{i}')
for j in range(380): print(f'c{j}, i{j % 20} & !c{(j + 1) % 380} | c{j}')
" >"$work/wide.bnet"
start=$(date +%s)
expect 0 -- "$BITSIG" attractors "$work/wide.bnet" --method sat --timeout 1 --format json
[ $(($(date +%s) - start)) -le 20 ] || fail "--timeout 1 took $(($(date +%s) - start)) s"
python3 -c "
import json, sys
j = json.load(open('$work/out'))
ok = j['complete'] is False and j.get('timed_out') is True and len(j['attractors']) > 0
ok = ok and any('stopped at the time limit' in n for n in j['notes'])
sys.exit(0 if ok else 1)" || fail "--timeout: JSON should be incomplete, timed out, with what was found"
grep -qx "warning: at least 1,048,576 attractors: each of the 2^20 combinations of the 20 free inputs holds one; hold inputs with --fix or --context, count them with \`bitsig fixed-points\`, or bound the run with --timeout" "$work/err" ||
  fail "huge-answer warning: $(cat "$work/err")"
expect 0 -- "$BITSIG" fixed-points "$work/inputs.bnet" --timeout 1 --max-fixed-points 100000000 --count-seconds 0
grep -q "^inputs: [0-9,]* fixed points (sat, NOT complete: more fixed points may exist)" "$work/out" || fail "fixed-points --timeout text: $(head -2 "$work/out")"
expect 2 -- "$BITSIG" attractors "$work/inputs.bnet" --timeout -1

# A typo in the command.
expect 2 -- "$BITSIG" atractors "$work/inputs.bnet"
[ "$(cat "$work/err")" == "error: unknown command 'atractors'
note: did you mean 'attractors'?" ] || fail "unknown command: $(cat "$work/err")"
[ -s "$work/out" ] && fail "unknown command printed on stdout"

# Defaults in --help.
expect 0 -- "$BITSIG" attractors --help
grep -q -- "--samples UINT=4096" "$work/out" || fail "--help should show the default of --samples"
grep -q -- "--update TEXT:{sync,async,synchronous,asynchronous}=sync" "$work/out" || fail "--help should show the default of --update"

# The same --update spellings on every command that takes one.
TOY=tests/data/models/toy_her2.yaml
for spelling in sync synchronous async asynchronous; do
  expect 0 -- "$BITSIG" attractors "$TOY" --update "$spelling"
  expect 0 -- "$BITSIG" compare "$TOY" --base "context=pten_loss" --with "context=pten_loss drug=trastuzumab" --update "$spelling"
  expect 0 -- "$BITSIG" screen "$TOY" --drugs all --goal Proliferation=0 --update "$spelling"
  expect 0 -- "$BITSIG" draw "$TOY" --update "$spelling" -o "$work/d.svg"
  expect 0 -- "$BITSIG" respond "$TOY" --to "drug=trastuzumab" --update "$spelling"
  expect 0 -- "$BITSIG" report "$TOY" --update "$spelling" --no-diagrams -o "$work/rep"
done
expect 2 -- "$BITSIG" draw "$TOY" --update sideways -o "$work/d.svg"
grep -q "sideways not in {sync,async,synchronous,asynchronous}" "$work/err" || fail "draw --update sideways: $(cat "$work/err")"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "planner: all checks passed"
