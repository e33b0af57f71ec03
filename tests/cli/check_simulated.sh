#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Scenarios that bound simulated probabilities (`simulate:` in a scenario): a passing and a
# failing one on a small model, the margin stated in the output, the same answer whatever
# the thread count, the block kept by `convert`, and bad blocks located.
#   check_simulated.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
cd "$SRC" || exit 1
MODEL=tests/data/models/toy_simulated.yaml
source tests/cli/lib/common.bash

# one scenario passes, one fails: exit 1, the margin said
expect 1 -- "$BITSIG" check "$MODEL"
grep -q "^pten_loss_proliferates: simulated to t = 10 (4000 trajectories, seed 1); a bound fails only when the estimate is more than 3 standard errors beyond it$" "$work/out" || fail "margin line"
grep -q "^    P(Proliferation) >= 0.8: estimate 0.304 (standard error 0.00727387), FAILS$" "$work/out" || fail "failing bound line"
grep -q "^untreated_proliferates .* FAIL$" "$work/out" || fail "verdict FAIL"
grep -q "^pten_loss_proliferates .* pass$" "$work/out" || fail "verdict pass"

# JSON: bounds, estimates, margin; the same bytes with 1 and 2 threads
expect 1 -- "$BITSIG" check "$MODEL" --format json --threads 1
cp "$work/out" "$work/one.json"
json_check "[s['verdict'] for s in j['scenarios']]==['pass','FAIL']"
json_check "j['scenarios'][0]['simulate']['margin_standard_errors']==3 and j['scenarios'][0]['simulate']['expect']['HER2']=={'at_least':0.99,'at_most':1}"
json_check "abs(j['scenarios'][1]['simulate']['estimates']['Proliferation']['probability']-0.304)<1e-12 and not j['scenarios'][1]['simulate']['holds']"
expect 1 -- "$BITSIG" check "$MODEL" --format json --threads 2
cmp -s "$work/out" "$work/one.json" || fail "1 and 2 threads differ"

# convert keeps the block
expect 0 -- "$BITSIG" convert "$MODEL" "$work/copy.yaml"
expect 1 -- "$BITSIG" check "$work/copy.yaml" --format json --threads 1
python3 - "$work/out" "$work/one.json" <<'EOF_PY' || fail "convert changed the simulated checks"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
sys.exit(0 if [s['simulate'] for s in a['scenarios']] == [s['simulate'] for s in b['scenarios']] else 1)
EOF_PY

# bad blocks: located errors, exit 2
sed 's/      samples: 4000/      samples: 0/' "$MODEL" >"$work/zero.yaml"
expect 2 -- "$BITSIG" check "$work/zero.yaml"
grep -q "zero.yaml:20:16: error: expected at least 1 for 'samples' in 'simulate' of scenario 'pten_loss_proliferates'" "$work/err" || fail "samples 0: $(head -1 "$work/err")"
sed 's/      seed: 1/      sed: 1/' "$MODEL" >"$work/key.yaml"
expect 2 -- "$BITSIG" check "$work/key.yaml"
grep -q "key.yaml:22:7: error: unknown key 'sed' in 'simulate' of scenario 'pten_loss_proliferates'" "$work/err" || fail "unknown key: $(head -1 "$work/err")"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "check_simulated: all checks passed"
