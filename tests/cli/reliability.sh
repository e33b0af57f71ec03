#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Regression tests for inputs that used to crash bitsig, lose a user's files or be blamed on
# bitsig itself (issue 11): each pins the exact exit code and message.
#   reliability.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$(realpath "$1")
SRC=$(realpath "$2")
cd "$SRC" || exit 1
TOY=tests/data/models/toy_her2.yaml
source tests/cli/lib/common.bash

stderr_is() {  # exact stderr
  [ "$(cat "$work/err")" == "$1" ] || fail "stderr was: $(cat "$work/err") -- expected: $1"
}

# 1. The feedback-loop census: a 50,000-variable chain used to overflow the stack, and a
# 5,000-variable one took 21 s. Now linear; a complete graph stops at its time limit.
python3 - "$work" <<'EOF'
import sys
work = sys.argv[1]
with open(f"{work}/chain.bnet", "w") as f:
    f.write("targets, factors\nx0, x0\n")
    for i in range(1, 50000):
        f.write(f"x{i}, x{i-1}\n")
with open(f"{work}/ring.bnet", "w") as f:
    f.write("targets, factors\nx0, x4999\n")
    for i in range(1, 5000):
        f.write(f"x{i}, x{i-1}\n")
with open(f"{work}/complete.bnet", "w") as f:
    f.write("targets, factors\n")
    for v in range(14):
        f.write(f"x{v}, " + " | ".join(f"x{u}" for u in range(14) if u != v) + "\n")
EOF
expect 0 -- timeout 60 "$BITSIG" info "$work/chain.bnet"
grep -qx "feedback loops: 0 (0 positive, 0 negative, 0 dual)" "$work/out" || fail "chain: $(grep feedback "$work/out")"
expect 0 -- timeout 60 "$BITSIG" info "$work/ring.bnet" --format json
python3 -c "import json,sys; l=json.load(open('$work/out'))['feedback_loops']; sys.exit(0 if l['positive']==1 and l['complete'] and len(l['listed'][0]['variables'])==5000 else 1)" ||
  fail "ring: one positive loop of 5,000 variables expected"
expect 0 -- timeout 60 "$BITSIG" info "$work/complete.bnet"
grep -qE "^feedback loops: at least [0-9,]+ \([0-9,]+ positive, 0 negative, 0 dual; counting stopped at 100,000 loops\)$" "$work/out" ||
  fail "complete graph: $(grep feedback "$work/out")"
expect 0 -- timeout 60 "$BITSIG" info "$work/complete.bnet" --format json
python3 -c "import json,sys; l=json.load(open('$work/out'))['feedback_loops']; sys.exit(0 if not l['complete'] and l['stopped']=='count_limit' else 1)" ||
  fail "complete graph JSON should say the census stopped at its count limit"

# 2. report -o never removes what bitsig did not write.
mkdir -p "$work/theirs" && echo "x" >"$work/theirs/index.html" && echo "mine" >"$work/theirs/notes.txt"
expect 2 -- "$BITSIG" report "$TOY" -o "$work/theirs" --no-diagrams
stderr_is "$work/theirs: error: cannot write: the folder is not empty and was not written by bitsig (it has no .bitsig-report marker)
note: choose a new or empty folder; bitsig never removes files it did not write"
[ "$(cat "$work/theirs/notes.txt")" = mine ] && [ "$(cat "$work/theirs/index.html")" = x ] || fail "a refused report touched the folder"
expect 0 -- "$BITSIG" report "$TOY" -o "$work/ours" --no-diagrams
[ -f "$work/ours/.bitsig-report" ] || fail "report folder has no marker"
echo "keep" >"$work/ours/notes.txt"
expect 0 -- "$BITSIG" report "$TOY" -o "$work/ours" --no-diagrams --scenario sensitive
[ "$(cat "$work/ours/notes.txt" 2>/dev/null)" = keep ] || fail "rewriting a report removed the user's notes.txt"
[ -f "$work/ours/attractors_scenario_sensitive.json" ] || fail "rewritten report lacks the new scenario file"
ls -a "$work/ours" "$work" | grep -q 'bitsig-tmp' && fail "staging folder left behind"
echo "user's" >"$work/ours/check.md.bak"
expect 0 -- "$BITSIG" report "$TOY" -o "$work/ours" --no-diagrams
[ -f "$work/ours/attractors_scenario_sensitive.json" ] && fail "a file of the previous report that is no longer written should go"
[ -f "$work/ours/check.md.bak" ] || fail "a user's file in a report folder was removed"
# A user's file where ours would go is never overwritten.
mkdir -p "$work/clash" && "$BITSIG" report "$TOY" -o "$work/clash" --no-diagrams 2>/dev/null
grep -v '^report.md$' "$work/clash/.bitsig-report" >"$work/marker" && mv "$work/marker" "$work/clash/.bitsig-report"
echo "my report.md" >"$work/clash/report.md"
expect 2 -- "$BITSIG" report "$TOY" -o "$work/clash" --no-diagrams
stderr_is "$work/clash/report.md: error: cannot write: a file of this name exists and was not written by bitsig
note: move it away or choose another folder"
[ "$(cat "$work/clash/report.md")" = "my report.md" ] || fail "a user's report.md was overwritten"
# -o . is the current folder: refused when it holds other files, written when empty.
mkdir -p "$work/busy" && touch "$work/busy/data.csv"
(cd "$work/busy" && "$BITSIG" report "$SRC/$TOY" -o . --no-diagrams >/dev/null 2>"$work/err"; echo $? >"$work/code")
[ "$(cat "$work/code")" = 2 ] || fail "report -o . in a busy folder exited $(cat "$work/code")"
stderr_is ".: error: cannot write: the folder is not empty and was not written by bitsig (it has no .bitsig-report marker)
note: choose a new or empty folder; bitsig never removes files it did not write"
mkdir -p "$work/empty" && (cd "$work/empty" && "$BITSIG" report "$SRC/$TOY" -o . --no-diagrams >/dev/null 2>&1; echo $? >"$work/code")
[ "$(cat "$work/code")" = 0 ] && [ -f "$work/empty/index.html" ] || fail "report -o . in an empty folder"
touch "$work/plainfile"
expect 2 -- "$BITSIG" report "$TOY" -o "$work/plainfile" --no-diagrams
stderr_is "$work/plainfile: error: cannot write: exists and is not a folder
note: choose a folder for -o"

# 4. Encoding problems are the user's, located; a file name that is not UTF-8 is still shown.
printf 'format: bitsig-network/1\nname: latin1\ndescription: "caf\xe9"\nvariables:\n  A: {rule: "A"}\n' >"$work/latin1.yaml"
expect 2 -- "$BITSIG" info "$work/latin1.yaml" --format json
stderr_is "$work/latin1.yaml:3:18: error: invalid UTF-8 (byte 0xE9): model files must be UTF-8 text
note: re-save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)"
cp "$TOY" "$work/n"$'\xff'".yaml"
expect 0 -- "$BITSIG" info "$work/n"$'\xff'".yaml" --format json
python3 -c "import json; j=json.load(open('$work/out', encoding='utf-8')); assert j['file'].endswith('n\ufffd.yaml'), j['file']" ||
  fail "a non-UTF-8 file name should be written with U+FFFD"
expect 2 -- "$BITSIG" attractors "$TOY" -o "$work/no/such/dir/out.json"
stderr_is "$work/no/such/dir/out.json: error: cannot write: No such file or directory"

# Full and read-only filesystems: exit 2 with the system's reason, no file left behind.
if [ "$(id -u)" -eq 0 ] && mkdir -p "$work/full" "$work/ro" && mount -t tmpfs -o size=16k tmpfs "$work/full" 2>/dev/null; then
  mount -t tmpfs -o ro tmpfs "$work/ro"
  expect 2 -- "$BITSIG" report networks/her2_trastuzumab.yaml -o "$work/full/rep" --no-diagrams
  grep -q "error: cannot write: No space left on device" "$work/err" || fail "full filesystem: $(cat "$work/err")"
  [ -z "$(ls -A "$work/full")" ] || fail "a failed report left files on the full filesystem: $(ls -A "$work/full")"
  python3 -c "print('targets, factors'); [print(f'x{i}, x{i}') for i in range(16)]" >"$work/wide.bnet"
  expect 2 -- "$BITSIG" attractors "$work/wide.bnet" --format json -o "$work/full/out.json"
  stderr_is "$work/full/out.json: error: cannot write: No space left on device"
  [ -z "$(ls -A "$work/full")" ] || fail "a failed -o left files on the full filesystem: $(ls -A "$work/full")"
  expect 2 -- "$BITSIG" report "$TOY" -o "$work/ro/rep" --no-diagrams
  stderr_is "$work/ro/rep: error: cannot write: Read-only file system"
  expect 2 -- "$BITSIG" attractors "$TOY" -o "$work/ro/out.json"
  stderr_is "$work/ro/out.json: error: cannot write: Read-only file system"
  umount "$work/full" "$work/ro"
else
  echo "skipped full/read-only filesystem checks: they mount a tmpfs and need root"
fi

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "reliability: all checks passed"
