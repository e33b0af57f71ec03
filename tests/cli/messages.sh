#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Exact texts of catalogue messages (engine/core/error.cpp) that no other test pins: the
# exit code and the whole stderr of each. Models without a file of their own are written
# to the scratch folder.
#   messages.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
cd "$SRC" || exit 1
TOY=tests/data/models/toy_her2.yaml
source tests/cli/lib/common.bash

stderr_is() {  # the exact stderr
  printf '%s\n' "$1" | diff -u - "$work/err" >/dev/null || fail "stderr differs: $(cat "$work/err")"
}

# Inputs only (x = x): every state is free, nothing percolates.
inputs() {
  { echo "targets, factors"; for ((i = 0; i < $1; i++)); do echo "x$i, x$i"; done; } >"$work/inputs$1.bnet"
}
inputs 11
inputs 33

# Requests a command refuses before any work.
expect 2 -- "$BITSIG" check tests/data/bad_cfg/model.bnd
stderr_is "tests/data/bad_cfg/model.bnd: error: the model has no scenarios to check"
expect 2 -- "$BITSIG" simulate "$TOY" --max-time 0
stderr_is "error: --max-time must be a positive number"
expect 2 -- "$BITSIG" simulate "$TOY" --cfg tests/data/bad_cfg/positive.cfg
stderr_is "tests/data/bad_cfg/positive.cfg: error: a MaBoSS .cfg goes with a MaBoSS .bnd model, and '$TOY' is not one"
expect 2 -- "$BITSIG" convert "$TOY" "$work/out.bnd"
stderr_is "$work/out.bnd: error: bitsig reads MaBoSS .bnd files but does not write them: expected .yaml, .yml, .bnet or .sbml"
[ -e "$work/out.bnd" ] && fail "convert wrote a .bnd"
expect 2 -- "$BITSIG" draw "$TOY" -o "$work/one.svg" --attractor 9
stderr_is "error: --attractor 9: these conditions have 2 attractor(s)"

# Refusals (exit 3) with their advice.
expect 3 -- "$BITSIG" draw "$work/inputs11.bnet" --states -o "$work/graph.svg"
stderr_is "error: the state transition graph has 2^11 states (11 free variables after fixing held values); drawing is limited to 10 free variables: fix inputs or knock out variables, or draw the wiring diagram instead"
for update in sync async; do
  expect 3 -- "$BITSIG" attractors "$work/inputs33.bnet" --method exhaustive --update $update
  case $update in
  sync) want="error: exhaustive synchronous search over 33 free variables (2^33 states) is beyond the limit of 32; fix inputs or use --method sat (exact, large networks)" ;;
  async) want="error: exhaustive asynchronous search over 33 free variables (2^33 states) is beyond the limit of 32; fix inputs or use --method sat for fixed points or --method sample" ;;
  esac
  tail -n 1 "$work/err" | grep -qxF -- "$want" || fail "exhaustive $update refusal: $(cat "$work/err")"
done

# A MaBoSS node without a logic is an input, with a warning that names it.
printf 'Node A {\n  logic = B;\n  rate_up = @logic ? 1 : 0;\n  rate_down = @logic ? 0 : 1;\n}\nNode B {\n  rate_up = 0;\n  rate_down = 0;\n}\n' >"$work/nologic.bnd"
expect 0 -- "$BITSIG" info "$work/nologic.bnd"
stderr_is "$work/nologic.bnd: warning: 1 node(s) have no logic and are treated as inputs (their rule is themselves): B"

echo "messages: $failures failed"
[ "$failures" -eq 0 ]
