#!/usr/bin/env bash
# Command-line behaviour of trap-spaces: the JSON contract, text and CSV, --limit making
# complete false, conditions, atomic output, and exact messages for bad flags and names.
#   trap_spaces.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
SHARED=$3
cd "$SRC" || exit 1
TOY=tests/data/models/toy_her2.yaml
FLAGSHIP=networks/her2_trastuzumab.yaml
source tests/cli/lib/common.bash

# JSON contract: exactly these keys, strings over 0 1 * in node order, sorted.
expect 0 -- "$BITSIG" trap-spaces "$TOY" --format json
json_check "sorted(j.keys())==['complete','kind','limit','model','nodes','trap_spaces']"
json_check "j['model']=='toy_her2' and j['nodes']==['Trastuzumab','PTEN','HER2','PI3K','AKT'] and j['kind']=='minimal'"
json_check "j['complete'] is True and j['limit']==10000 and j['trap_spaces']==['01110','01111']"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --min --format json
json_check "j['kind']=='minimal' and j['trap_spaces']==['01110','01111']"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --max --format json
json_check "j['kind']=='maximal' and j['complete'] is True and j['trap_spaces']==['*1***','0****']"
# Conditions as in attractors: a knockout of AKT leaves one minimal trap space with AKT off.
expect 0 -- "$BITSIG" trap-spaces "$TOY" --ko AKT --format json
json_check "j['trap_spaces']==['01110']"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --free-inputs --format json
json_check "j['complete'] is True and all(len(s)==5 and set(s)<=set('01*') for s in j['trap_spaces'])"
json_check "j['trap_spaces']==sorted(j['trap_spaces']) and len(j['trap_spaces'])>2"

# --limit: fewer listed than exist makes complete false; exactly as many is complete.
expect 0 -- "$BITSIG" trap-spaces "$FLAGSHIP" --free-inputs --limit 3 --format json
json_check "j['complete'] is False and j['limit']==3 and len(j['trap_spaces'])==3"
json_check "j['trap_spaces']==sorted(j['trap_spaces']) and all(len(s)==len(j['nodes']) for s in j['trap_spaces'])"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --limit 2 --format json
json_check "j['complete'] is True and len(j['trap_spaces'])==2"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --limit 1 --format json
json_check "j['complete'] is False and len(j['trap_spaces'])==1"

# Text for people, CSV a row per trap space.
expect 0 -- "$BITSIG" trap-spaces "$TOY"
head -1 "$work/out" | grep -qx "toy_her2: 2 minimal trap spaces (complete)" || fail "text headline"
grep -qx "  on:  PTEN, HER2, PI3K" "$work/out" || fail "text lists fixed variables"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --limit 1
head -1 "$work/out" | grep -qx "toy_her2: 1 minimal trap space (NOT complete: more exist beyond --limit 1)" ||
  fail "text says incomplete"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --max --format csv
[ "$(head -1 "$work/out")" = "trap_space,kind,free,Trastuzumab,PTEN,HER2,PI3K,AKT" ] || fail "CSV header"
[ "$(sed -n 2p "$work/out")" = "*1***,maximal,4,*,1,*,*,*" ] || fail "CSV row"
[ "$(wc -l <"$work/out")" -eq 3 ] || fail "CSV has one row per trap space"

# -o is atomic and writes nothing on error.
expect 0 -- "$BITSIG" trap-spaces "$TOY" --format json -o "$work/spaces.json"
python3 -c "import json; json.load(open('$work/spaces.json'))" || fail "-o did not write JSON"
expect 2 -- "$BITSIG" trap-spaces "$TOY" --ko NOPE -o "$work/none.json"
[ -e "$work/none.json" ] && fail "output written despite an error"

# Bad flags and names: exit 2 with the exact message.
expect 2 -- "$BITSIG" trap-spaces "$TOY" --ko NOPE
grep -qx "error: unknown variable 'NOPE'" "$work/err" || fail "unknown variable message: $(cat "$work/err")"
expect 2 -- "$BITSIG" trap-spaces "$TOY" --drug nosuchdrug
grep -qx "error: unknown drug 'nosuchdrug'" "$work/err" || fail "unknown drug message: $(cat "$work/err")"
expect 2 -- "$BITSIG" trap-spaces "$TOY" --min --max
grep -qx "error: --min and --max exclude each other" "$work/err" || fail "min/max message: $(cat "$work/err")"
expect 2 -- "$BITSIG" trap-spaces "$TOY" --limit -1
grep -qx "error: --limit expects a count of 0 or more, got -1" "$work/err" || fail "limit message: $(cat "$work/err")"
expect 0 -- "$BITSIG" trap-spaces "$TOY" --format md  # every table command takes md (formats.sh)
expect 2 -- "$BITSIG" trap-spaces "$TOY" --format xml
expect 2 -- "$BITSIG" trap-spaces
expect 2 -- "$BITSIG" trap-spaces does/not/exist.bnet

# The shared collection's largest rules (ERBB: 27+ regulators; NSP14: 57) work from the CLI.
if [ -d "$SHARED/models/bbm" ]; then
  for model in 004_ERBB-RECEPTOR-SIGNALING 122_NSP14; do
    expect 0 -- "$BITSIG" trap-spaces "$SHARED/models/bbm/$model.bnet" --limit 20 --format json
    json_check "j['complete'] is False and len(j['trap_spaces'])==20 and j['trap_spaces']==sorted(j['trap_spaces'])"
    expect 0 -- "$BITSIG" trap-spaces "$SHARED/models/bbm/$model.bnet" --max --format json
    json_check "j['complete'] is True and len(j['trap_spaces'])>0 and '*'*len(j['nodes']) not in j['trap_spaces']"
  done
else
  echo "skipped the shared-model checks: $SHARED/models/bbm not found"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "trap_spaces.sh: all checks passed"
