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

# CSV: the run's settings and, per bound, the estimate and its standard error, exactly those
# of `bitsig simulate` under the scenario's conditions with the same samples, time and seed
# (the final probabilities do not depend on the windows); another seed, other estimates.
expect 1 -- "$BITSIG" check "$MODEL" --format csv
cp "$work/out" "$work/check.csv"
head -1 "$work/check.csv" | grep -q "^scenario,claim,expected,synchronous,asynchronous,verdict,simulated_samples,simulated_max_time,simulated_seed,simulated_margin_standard_errors,simulated_expected,simulated_probability,simulated_standard_error$" || fail "CSV header"
grep -q '^untreated_proliferates,,"sim P(Proliferation)>=0.8","","",FAIL,4000,10,1,3,"P(Proliferation)>=0.8","P(Proliferation)=0.304","P(Proliferation)=0.007273872923472522"$' "$work/check.csv" || fail "CSV row of the failing scenario"
for scenario in pten_loss_proliferates untreated_proliferates; do
  expect 0 -- "$BITSIG" simulate "$MODEL" --scenario "$scenario" --samples 4000 --max-time 10 --time-tick 0.5 --seed 1 --format json
  cp "$work/out" "$work/sim_$scenario.json"
done
sed 's/      seed: 1/      seed: 2/' "$MODEL" >"$work/seed2.yaml"
expect 1 -- "$BITSIG" check "$work/seed2.yaml" --format csv
cp "$work/out" "$work/check2.csv"
expect 0 -- "$BITSIG" simulate "$MODEL" --scenario untreated_proliferates --samples 4000 --max-time 10 --seed 2 --format json
cp "$work/out" "$work/sim2.json"
python3 - "$work" <<'EOF_PY' || fail "CSV estimates are not the simulation's"
import csv, json, re, sys
work = sys.argv[1]
def items(cell):  # "P(X)=0.3 P(Y)=1" -> [("X", 0.3), ("Y", 1.0)]
    return [(m.group(1), float(m.group(2))) for m in re.finditer(r'P\((\w+)\)[<>=]*=?([0-9.e+-]+)', cell)]
rows = {r['scenario']: r for r in csv.DictReader(open(f'{work}/check.csv'))}
for name, row in rows.items():
    sim = json.load(open(f'{work}/sim_{name}.json'))
    assert (int(row['simulated_samples']), float(row['simulated_max_time']), int(row['simulated_seed'])) == (4000, 10, 1), row
    assert float(row['simulated_margin_standard_errors']) == 3, row
    bounds, estimates, errors = (items(row[k]) for k in ('simulated_expected', 'simulated_probability', 'simulated_standard_error'))
    assert len(bounds) == len(estimates) == len(errors) > 0, row
    for (b, _), (e, p), (s, se) in zip(bounds, estimates, errors):
        assert b == e == s, row
        assert p == sim['final'][e] and se == sim['final_standard_errors'][e], (e, p, se, sim['final'][e])
row2 = {r['scenario']: r for r in csv.DictReader(open(f'{work}/check2.csv'))}['untreated_proliferates']
sim2 = json.load(open(f'{work}/sim2.json'))
p2 = items(row2['simulated_probability'])[0][1]
assert row2['simulated_seed'] == '2' and p2 == sim2['final']['Proliferation'], (row2, sim2['final'])
assert p2 != items(rows['untreated_proliferates']['simulated_probability'])[0][1], p2
EOF_PY
# a scenario without `simulate:` leaves the simulated cells empty
sed '/^  untreated_proliferates:/,$d' "$MODEL" >"$work/plain.yaml"
cat >>"$work/plain.yaml" <<'EOF_YAML'
  pten_loss_attractors:
    contexts: [pten_loss]
    expect: {Proliferation: 1}
EOF_YAML
expect 0 -- "$BITSIG" check "$work/plain.yaml" --format csv --scenario pten_loss_attractors
grep -q '^pten_loss_attractors,,"Proliferation=1","Proliferation=1","Proliferation=1",pass,,,,,"","",""$' "$work/out" || fail "CSV row without simulation: $(tail -1 "$work/out")"

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
