#!/usr/bin/env bash
# One `--format` for every command that prints a table (text|json|csv|md, same words, same
# error), and one number format: text and Markdown group counts by thousands (4,096),
# JSON and CSV write plain digits.
#   formats.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
cd "$2" || exit 1
source tests/cli/lib/common.bash
TOY=tests/data/models/toy_her2.yaml

# A model with 12 free inputs: 4,096 fixed points, basins of 1 state, thousands of transitions.
{
  echo "targets, factors"
  for i in $(seq 1 12); do echo "a$i, a$i"; done
  echo "x, a1 & a2"
  echo "y, x | a3"
} >"$work/wide.bnet"
WIDE=$work/wide.bnet

# Every table command, every format: the same four words work, anything else is the same error.
commands=(
  "attractors $TOY"
  "fixed-points $TOY"
  "check $TOY"
  "screen $TOY --drugs all --goal Proliferation=0"
  "respond $TOY --to drug=trastuzumab"
  "trap-spaces $TOY"
  "simulate $TOY --samples 50 --max-time 2"
  "compare $TOY --base context=pten_loss --with drug=trastuzumab"
)
for c in "${commands[@]}"; do
  read -r -a args <<<"$c"
  for format in text json csv md; do
    "$BITSIG" "${args[@]}" --format $format >"$work/out" 2>"$work/err"
    code=$?
    [ $code -eq 0 ] || fail "$c --format $format exited $code: $(head -c 300 "$work/err")"
    [ -s "$work/out" ] || fail "$c --format $format wrote nothing"
    case $format in
      json) python3 -c "import json,sys; json.load(open('$work/out'))" 2>/dev/null || fail "$c --format json is not JSON" ;;
      md) grep -q '^|.*|$' "$work/out" && grep -q '^|---|' "$work/out" || fail "$c --format md has no Markdown table" ;;
      csv) head -1 "$work/out" | grep -q ',' || fail "$c --format csv has no CSV header" ;;
    esac
  done
  expect 2 -- "$BITSIG" "${args[@]}" --format xml
  [ "$(head -1 "$work/err")" = "--format: xml not in {text,json,csv,md}" ] ||
    fail "$c --format xml: $(head -1 "$work/err")"
done
# compare's CSV: one row per cell group, plain numbers, a column per compared condition.
expect 0 -- "$BITSIG" compare "$TOY" --base "context=pten_loss" --with "context=pten_loss drug=trastuzumab" --format csv
python3 - "$work/out" <<'EOF_PY' || fail "compare --format csv rows"
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0] == ["section", "name", "base", "with"], rows[0]
cells = {(r[0], r[1]): r[2:] for r in rows[1:]}
assert cells[("conditions", "")] == ["context pten_loss", "context pten_loss + drug trastuzumab"], cells
assert cells[("attractors", "")] == ["1", "1"], cells
assert cells[("readout", "Proliferation")] == ["1", "0"], cells
assert cells[("variable", "AKT")] == ["1", "0"], cells
EOF_PY
# Commands whose answer is not a table say which words they take, in the same words.
expect 2 -- "$BITSIG" info "$TOY" --format csv
[ "$(head -1 "$work/err")" = "--format: csv not in {text,json}" ] || fail "info --format csv: $(head -1 "$work/err")"
expect 0 -- "$BITSIG" attractors "$TOY" --help
grep -q -- '--format TEXT:{text,json,csv,md}=text' "$work/out" || fail "--help does not show the formats and default"

# Numbers: no stand-alone count of 4+ digits without separators in text or md (state
# strings of 0/1 are not counts), and none with separators in JSON or CSV.
ungrouped() {  # prints offending tokens of file $1
  python3 - "$1" <<'EOF_PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = [m.group(0) for m in re.finditer(r"(?<![\w.,^])\d{4,}(?![\w]|[.,]\d)", text) if set(m.group(0)) - set("01") or len(m.group(0)) < 8]
print(" ".join(bad[:5]))
EOF_PY
}
wide_runs=(
  "attractors $WIDE"
  "fixed-points $WIDE"
  "info $WIDE"
  "trap-spaces $WIDE"
  "simulate $WIDE --samples 2000 --max-time 5"
)
for c in "${wide_runs[@]}"; do
  read -r -a args <<<"$c"
  for format in text md; do
    [ "${args[0]}" = info ] && [ $format = md ] && continue
    "$BITSIG" "${args[@]}" --format $format >"$work/out" 2>"$work/err" || fail "$c --format $format exited $?"
    bad=$(ungrouped "$work/out")
    [ -z "$bad" ] || fail "$c --format $format: counts without separators: $bad"
  done
done
"$BITSIG" attractors "$WIDE" >"$work/out" 2>/dev/null
grep -q '^wide: 4,096 attractors' "$work/out" || fail "attractor count not grouped: $(head -1 "$work/out")"
"$BITSIG" simulate "$WIDE" --samples 2000 --max-time 5 >"$work/out" 2>/dev/null
grep -q '^model wide: 2,000 trajectories' "$work/out" || fail "simulate count not grouped: $(head -1 "$work/out")"
"$BITSIG" attractors "$WIDE" --format csv >"$work/out" 2>/dev/null
[ "$(tail -1 "$work/out" | cut -d, -f1)" = 4096 ] || fail "CSV attractor numbers are not plain: $(tail -1 "$work/out" | cut -c1-40)"
"$BITSIG" simulate "$WIDE" --samples 2000 --max-time 5 --format json >"$work/out" 2>/dev/null
python3 -c "import json; j=json.load(open('$work/out')); assert j['samples']==2000 and isinstance(j['transitions'], int)" ||
  fail "simulate JSON counts are not plain numbers"

# Free text in cells (a claim with a comma, a quote and a pipe) keeps CSV rows and Markdown
# table rows whole.
python3 - "$TOY" "$work/claims.yaml" <<'EOF_PY'
import sys, yaml
model = yaml.safe_load(open(sys.argv[1]))
model["scenarios"]["sensitive"]["claim"] = 'HER2 "addiction", trastuzumab | lapatinib'
yaml.safe_dump(model, open(sys.argv[2], "w"), sort_keys=False)
EOF_PY
expect 0 -- "$BITSIG" check "$work/claims.yaml" --format csv
python3 - "$work/out" <<'EOF_PY' || fail "a claim with a comma or quote broke the check CSV"
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
assert len({len(r) for r in rows}) == 1, "rows of different lengths"
claims = {r[0]: r[1] for r in rows[1:]}
assert claims["sensitive"] == 'HER2 "addiction", trastuzumab | lapatinib', claims
EOF_PY
expect 0 -- "$BITSIG" check "$work/claims.yaml" --format md
grep -qF '| sensitive | HER2 "addiction", trastuzumab \| lapatinib |' "$work/out" ||
  fail "a claim with a pipe broke the check Markdown: $(grep sensitive "$work/out")"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "formats: all checks passed"
