#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bitsig against BoolNet (R package, Debian r-cran-boolnet), an independent SBML-qual reader
# and writer and the reference for attractor order. For each model:
#   - BoolNet's loadSBML of the file bitsig writes has the same transition function (every
#     state's synchronous successor) as BoolNet's loadNetwork of the .bnet bitsig writes;
#   - bitsig reads the file BoolNet's toSBML writes back to the same function;
#   - `bitsig attractors --order boolnet` and `fixed-points --order boolnet` list exactly
#     what getAttractors lists, in the same order.
# The hand-written SBML-qual files are read by both and compared the same way.
# Exits 77 (ctest: skipped) with a message when R or BoolNet is missing.
#   boolnet_interop.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$(realpath "$1")
SRC=$2
SHARED=$3
cd "$SRC" || exit 1
if ! command -v Rscript >/dev/null 2>&1; then
  echo "skipped: Rscript not found (apt-get install r-cran-boolnet)"
  exit 77
fi
if ! Rscript -e 'suppressMessages(library(BoolNet))' >/dev/null 2>&1; then
  echo "skipped: the R package BoolNet is not installed (apt-get install r-cran-boolnet)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
checked=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cat >"$work/boolnet.R" <<'EOF'
# Rscript boolnet.R PAIRS: PAIRS has lines "KIND_A A KIND_B B [toSBML OUT ATTRACTORS]".
# For each line: the two networks must have the same genes and the same synchronous
# successor for every state (KIND is bnet or sbml); with the optional fields, also writes A
# with toSBML to OUT and A's getAttractors list (one attractor a line, state codes) to
# ATTRACTORS. Prints "FAIL: ..." lines. R starts once per pass: that is most of its cost.
suppressMessages(library(BoolNet))
load <- function(path, kind) suppressWarnings(if (kind == "sbml") loadSBML(path) else loadNetwork(path))
same <- function(a, b) {
  if (length(a$genes) != length(b$genes) || any(a$genes != b$genes))
    return(paste("genes differ:", paste(a$genes, collapse = " "), "|", paste(b$genes, collapse = " ")))
  n <- length(a$genes)
  for (code in 0:(2^n - 1)) {
    s <- as.integer(intToBits(code))[1:n]
    if (!identical(as.integer(stateTransition(a, s)), as.integer(stateTransition(b, s))))
      return(paste("successors differ at state", paste(s, collapse = "")))
  }
  ""
}
for (line in readLines(commandArgs(trailingOnly = TRUE)[1])) {
  f <- strsplit(line, " ")[[1]]
  problem <- tryCatch({
    a <- load(f[2], f[1])
    b <- load(f[4], f[3])
    if (length(f) >= 7) {
      invisible(toSBML(a, f[6]))
      att <- getAttractors(a)
      writeLines(sapply(att$attractors, function(x) paste(c(x$involvedStates, ""), collapse = " ")), f[7])
    }
    same(a, b)
  }, error = function(e) conditionMessage(e))
  if (problem != "") cat("FAIL:", f[2], "vs", f[4], ":", problem, "\n")
}
EOF

# bitsig's list as BoolNet codes (first variable = lowest bit), one attractor a line.
codes() {
  python3 -c "
import json, sys
for a in json.load(open(sys.argv[1]))['attractors']:
    print(' '.join(str(int(s[::-1], 2)) for s in a['states']), '')" "$1"
}

# Models as .bnet: a YAML model's input defaults have no .bnet form, so both sides start
# from the rules alone.
names=()
add_model() {  # MODEL NAME
  "$BITSIG" convert "$1" "$work/$2.bnet" 2>/dev/null || { fail "$2: convert to .bnet"; return; }
  "$BITSIG" convert "$work/$2.bnet" "$work/$2.sbml" 2>/dev/null || { fail "$2: convert to .sbml"; return; }
  echo "bnet $work/$2.bnet sbml $work/$2.sbml toSBML $work/$2.boolnet.sbml $work/$2.boolnet.txt" >>"$work/pass1"
  names+=("$2")
}
add_model networks/faure2006_cell_cycle.yaml faure2006
add_model tests/data/models/toy_her2.yaml toy_her2
for id in 007 031 095; do
  for f in "$SHARED"/models/bbm/${id}_*.bnet; do
    [ -e "$f" ] && add_model "$f" "bbm_$id"
  done
done
# Hand-written SBML-qual: BoolNet's reader and bitsig's must agree.
for f in tests/data/sbml/*.sbml; do
  name=$(basename "$f" .sbml)
  "$BITSIG" convert "$f" "$work/$name.hand.bnet" 2>/dev/null || { fail "$name: bitsig cannot read it"; continue; }
  echo "sbml $f bnet $work/$name.hand.bnet" >>"$work/pass1"
  checked=$((checked + 1))
done

# Pass 1: BoolNet reads bitsig's SBML as the same network; toSBML and getAttractors.
Rscript "$work/boolnet.R" "$work/pass1" >"$work/log" 2>&1 || fail "Rscript failed: $(cat "$work/log")"
if grep '^FAIL' "$work/log"; then failures=$((failures + $(grep -c '^FAIL' "$work/log"))); fi

: >"$work/pass2"
for name in "${names[@]}"; do
  checked=$((checked + 1))
  "$BITSIG" convert "$work/$name.boolnet.sbml" "$work/$name.back.bnet" 2>"$work/err" ||
    { fail "$name: bitsig cannot read BoolNet's SBML: $(cat "$work/err")"; continue; }
  echo "bnet $work/$name.bnet bnet $work/$name.back.bnet" >>"$work/pass2"
  "$BITSIG" attractors "$work/$name.bnet" --order boolnet --format json >"$work/ours.json" 2>/dev/null ||
    { fail "$name: bitsig attractors failed"; continue; }
  codes "$work/ours.json" >"$work/ours.txt"
  cmp -s "$work/$name.boolnet.txt" "$work/ours.txt" ||
    fail "$name: attractor lists differ (--- BoolNet, +++ bitsig --order boolnet):
$(diff -u "$work/$name.boolnet.txt" "$work/ours.txt" | tail -n +3)"
  # Fixed points: BoolNet's attractors of one state, in its order.
  awk 'NF == 1' "$work/$name.boolnet.txt" >"$work/boolnet_fp.txt"
  "$BITSIG" fixed-points "$work/$name.bnet" --order boolnet --format json >"$work/fp.json" 2>/dev/null ||
    { fail "$name: bitsig fixed-points failed"; continue; }
  codes "$work/fp.json" >"$work/fp.txt"
  cmp -s "$work/boolnet_fp.txt" "$work/fp.txt" || fail "$name: fixed points differ from BoolNet's"
done

# Pass 2: bitsig reads BoolNet's SBML as the same network.
Rscript "$work/boolnet.R" "$work/pass2" >"$work/log" 2>&1 || fail "Rscript failed: $(cat "$work/log")"
if grep '^FAIL' "$work/log"; then failures=$((failures + $(grep -c '^FAIL' "$work/log"))); fi

echo "boolnet_interop: $checked models, $failures failed"
[ "$failures" -eq 0 ]
