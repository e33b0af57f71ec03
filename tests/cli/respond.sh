#!/usr/bin/env bash
# Command-line behaviour of respond: the JSON contract, the text table, CSV/Markdown,
# atomic -o, and bad input (exit 2 with the exact located message).
#   respond.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
cd "$SRC" || exit 1
TOY=tests/data/models/toy_her2.yaml
TOGGLE=tests/data/models/toggle_response.yaml
FLAGSHIP=networks/her2_trastuzumab.yaml
source tests/cli/lib/common.bash

stderr_is() {  # the exact stderr
  printf '%s\n' "$1" | diff -u - "$work/err" >/dev/null || fail "stderr differs: $(cat "$work/err")"
}

# JSON contract: keys, ATTRACTOR objects as `attractors --format json` writes them, indices.
expect 0 -- "$BITSIG" respond "$TOY" --to "drug=trastuzumab" --format json
json_check "all(k in j for k in ['model','nodes','update','complete','probabilities_exact','steps','start','attractors','responses'])"
json_check "j['model']=='toy_her2' and j['nodes']==['Trastuzumab','PTEN','HER2','PI3K','AKT'] and j['update']=='asynchronous'"
json_check "j['complete'] is True and j['probabilities_exact'] is True and j['steps']==['drug=trastuzumab']"
json_check "len(j['start'])==2 and len(j['attractors'])==1 and j['attractors'][0]['states']==['11000']"
json_check "all(set(a)>={'kind','states','phenotypes'} for a in j['start']+j['attractors'])"
json_check "j['responses']==[{'start':0,'reachable':[0],'probabilities':[1.0]},{'start':1,'reachable':[0],'probabilities':[1.0]}]"
"$BITSIG" attractors "$TOY" --update async --format json >"$work/att.json" 2>/dev/null
python3 -c "
import json,sys
r=json.load(open('$work/out')); a=json.load(open('$work/att.json'))
strip=lambda x: {k:v for k,v in x.items() if k!='basin_size'}
sys.exit(0 if [strip(x) for x in r['start']]==[strip(x) for x in a['attractors']] else 1)" ||
  fail "start attractors differ from 'attractors --update async --format json'"

# Probabilities: the toggle from 11 splits evenly (asynchronous), cycles (synchronous).
expect 0 -- "$BITSIG" respond "$TOGGLE" --to "" --initial "011" --format json
json_check "j['responses'][0]['reachable']==[0,1] and j['responses'][0]['probabilities']==[0.5,0.5] and j['initial']=='011'"
expect 0 -- "$BITSIG" respond "$TOGGLE" --to "" --initial "A=1 B=1" --update sync --format json
json_check "j['update']=='synchronous' and j['attractors'][0]['kind']=='cycle' and j['responses'][0]['probabilities']==[1.0]"
# Two steps: the drug resets every start to Dying, which it keeps when the drug is removed.
expect 0 -- "$BITSIG" respond "$TOGGLE" --to "drug=reset" --then "" --format json
json_check "j['steps']==['drug=reset',''] and len(j['intermediate'])==1 and [a['states'] for a in j['attractors']]==[['001']]"

# Text table: from attractor (phenotypes) -> to attractor (phenotypes): probability.
expect 0 -- "$BITSIG" respond "$TOGGLE" --to "" --initial "011"
grep -qF "initial state (Alive Dying) → attractor 1 (Dying): 0.500000" "$work/out" || fail "text table row"
expect 0 -- "$BITSIG" respond "$FLAGSHIP" --from "context=pten_loss" --to "context=pten_loss drug=trastuzumab"
grep -qF "start 1 (Proliferation Stemness) → attractor 1 (Proliferation Stemness): 1.000000" "$work/out" ||
  fail "flagship text row"
expect 0 -- "$BITSIG" respond "$TOGGLE" --to "" --initial "011" --format csv
head -1 "$work/out" | grep -qx "start,attractor,probability,standard_error,start_phenotypes,attractor_phenotypes" || fail "CSV header"
grep -qx "1,2,0.500000,,Alive Dying,Alive" "$work/out" || fail "CSV row"
expect 0 -- "$BITSIG" respond "$TOGGLE" --to "" --initial "011" --format md
grep -qF "| initial state (Alive Dying) | attractor 1 (Dying) | 0.500000 |" "$work/out" || fail "markdown row"

# Sampling says so.
expect 0 -- "$BITSIG" respond "$TOGGLE" --to "" --initial "011" --method sample --samples 2000 --format json
json_check "j['probabilities_exact'] is False and j['complete'] is False and j['method']=='sample' and 'standard_errors' in j['responses'][0]"
json_check "all(abs(p-0.5)<0.05 for p in j['responses'][0]['probabilities'])"

# Beyond the exact limits: refused with advice (exit 3), or sampled under --method auto.
expect 3 -- "$BITSIG" respond "$FLAGSHIP" --to "drug=trastuzumab" --initial "HER2=1" --method exact
stderr_is "error: exact response: the initial state leaves 59 variables free (2^59 start states, the limit is 2^20); give more of them in --initial, or use --method sample"
expect 0 -- "$BITSIG" respond "$FLAGSHIP" --to "drug=trastuzumab" --initial "HER2=1" --samples 200 --format json
json_check "j['method']=='sample' and j['probabilities_exact'] is False and j['complete'] is False and j['start'][0]['truncated'] is True"

# -o is atomic; nothing is written on error.
expect 0 -- "$BITSIG" respond "$TOY" --to "drug=trastuzumab" --format json -o "$work/r.json"
python3 -c "import json; json.load(open('$work/r.json'))" || fail "-o output is not JSON"
expect 2 -- "$BITSIG" respond "$TOY" --to "drug=nope" -o "$work/none.json"
[ ! -e "$work/none.json" ] || fail "-o wrote a file on error"

# Bad input: exit 2, exact located messages with the nearest name.
expect 2 -- "$BITSIG" respond "$TOY" --to "drug=trastuzumb"
stderr_is "--to:1:6: error: unknown drug 'trastuzumb'
    1 | drug=trastuzumb
      |      ^~~~~~~~~~
note: did you mean 'trastuzumab'?
known drugs: trastuzumab, herceptin"
expect 2 -- "$BITSIG" respond "$TOY" --from "context=pten" --to ""
stderr_is "--from:1:9: error: unknown context 'pten'
    1 | context=pten
      |         ^~~~
note: did you mean 'pten_loss'?
known contexts: pten_loss"
expect 2 -- "$BITSIG" respond "$TOY" --to "" --then "fix=PTN=1"
stderr_is "--then:1:5: error: unknown variable 'PTN'
    1 | fix=PTN=1
      |     ^~~
note: did you mean 'PTEN'?
known variables: Trastuzumab, PTEN, HER2, PI3K, AKT"
expect 2 -- "$BITSIG" respond "$TOY" --to "ko=PTEN oe=PTEN"
stderr_is "--to:1:4: error: conflicting perturbations: --ko PTEN holds 'PTEN' at 0 but --oe PTEN holds it at 1
    1 | ko=PTEN oe=PTEN
      |    ^~~~"
# A conflict points at the first condition's name (a drug as written, alias or not; a
# context), or at the variable when that condition names it; a name the text does not hold
# (a scenario's drug) leaves the column out.
expect 2 -- "$BITSIG" respond "$TOY" --to "drug=herceptin ko=Trastuzumab"
stderr_is "--to:1:6: error: conflicting perturbations: drug 'herceptin' holds 'Trastuzumab' at 1 but --ko Trastuzumab holds it at 0
    1 | drug=herceptin ko=Trastuzumab
      |      ^~~~~~~~~"
expect 2 -- "$BITSIG" respond "$TOY" --from "context=pten_loss fix=PTEN=1" --to ""
stderr_is "--from:1:9: error: conflicting perturbations: context 'pten_loss' holds 'PTEN' at 0 but --fix PTEN=1 holds it at 1
    1 | context=pten_loss fix=PTEN=1
      |         ^~~~~~~~~"
expect 2 -- "$BITSIG" respond "$TOY" --to "fix=PTEN=1 ko=PTEN"
stderr_is "--to:1:5: error: conflicting perturbations: --ko PTEN holds 'PTEN' at 0 but --fix PTEN=1 holds it at 1
    1 | fix=PTEN=1 ko=PTEN
      |     ^~~~"
expect 2 -- "$BITSIG" respond "$TOY" --to "scenario=sensitive fix=Trastuzumab=0"
stderr_is "--to:1: error: conflicting perturbations: drug 'trastuzumab' holds 'Trastuzumab' at 1 but --fix Trastuzumab=0 holds it at 0"
# Malformed fixes and cuts point at the whole word, a cut outside the rule at its regulator.
expect 2 -- "$BITSIG" respond "$TOY" --to "fix=PTEN=2"
stderr_is "--to:1:5: error: --fix expects NAME=0 or NAME=1, got 'PTEN=2'
    1 | fix=PTEN=2
      |     ^~~~~~"
expect 2 -- "$BITSIG" respond "$TOY" --to "cut=HER2"
stderr_is "--to:1:5: error: --cut expects REGULATOR->TARGET, got 'HER2'
    1 | cut=HER2
      |     ^~~~"
expect 2 -- "$BITSIG" respond "$TOY" --to "ko=HER2" --then "cut=PTEN->HER2"
stderr_is "--then:1:5: error: --cut PTEN->HER2: 'PTEN' does not appear in the rule of 'HER2'
    1 | cut=PTEN->HER2
      |     ^~~~"
expect 2 -- "$BITSIG" respond "$TOY" --to "scenario=sensitiv"
stderr_is "--to:1:10: error: unknown scenario 'sensitiv'
    1 | scenario=sensitiv
      |          ^~~~~~~~
note: did you mean 'sensitive'?
known scenarios: sensitive, resistant_untreated, wrong_on_purpose"
expect 2 -- "$BITSIG" respond "$TOY" --to "" --initial 0101
stderr_is "--initial:1:5: error: initial state has 4 characters but the model has 5 variables
    1 | 0101
      |     ^
note: one character per variable, in model order (bitsig info lists them)"
expect 2 -- "$BITSIG" respond "$TOY" --to "" --initial 01021
stderr_is "--initial:1:4: error: initial state: character '2' at position 4 is not 0 or 1
    1 | 01021
      |    ^"
expect 2 -- "$BITSIG" respond "$TOY" --to "" --initial "AKT=1 PTEM=0"
stderr_is "--initial:1:7: error: unknown variable 'PTEM' in --initial
    1 | AKT=1 PTEM=0
      |       ^~~~
note: did you mean 'PTEN'?"
expect 2 -- "$BITSIG" respond "$TOY" --from "drug=trastuzumab" --to "" --initial 00000
stderr_is "error: --initial and --from both give the start; use one of them"
expect 2 -- "$BITSIG" respond "$TOY"
grep -q "to is required" "$work/err" || fail "missing --to: $(cat "$work/err")"

# Beyond the whole-space limit (49 variables): symbolic, every attractor exact.
BIG="$3/models/bbm/176_MYELOFIBROTIC-MICROENVIRONMENT.bnet"
if [ -f "$BIG" ]; then
  expect 0 -- "$BITSIG" respond "$BIG" --initial "$(printf '0%.0s' $(seq 1 49))" --to "" --format json
  json_check "j['method']=='symbolic' and j['complete'] is True and j['probabilities_exact'] is True"
  json_check "j['explored_states'] > 2**28 and len(j['responses'])==1 and abs(sum(j['responses'][0]['probabilities'])-1) < 1e-9"
else
  echo "skipped: $BIG not found"
fi

# Text on a model too wide to print states in the description: kind words, not enum names.
{
  echo "targets, factors"
  for i in $(seq 1 41); do echo "X$i, X$i"; done
  echo "Y, X1 & !Y"
} >"$work/wide.bnet"
expect 0 -- "$BITSIG" respond "$work/wide.bnet" --initial "$(printf '1%.0s' $(seq 1 41))0" --to "ko=X1"
grep -q '^  attractor 1: fixed point 0111' "$work/out" || fail "wide model's attractor line: $(grep 'attractor 1' "$work/out")"
grep -q 'fixed_point\| 1 states' "$work/out" && fail "enum name or '1 states' in the text: $(cat "$work/out")"

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "respond CLI tests passed"
