#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `bitsig simulate`: the JSON contract, the CSV header, --cfg with flags overriding it,
# thread-count independence, MaBoSS inputs as models elsewhere, and bad input (exit 2 with
# the exact message; every tests/data/bad_cfg/*.cfg against bad_cfg/model.bnd).
#   simulate.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
cd "$SRC" || exit 1
TOY=tests/data/models/toy_her2.yaml
CC=tests/data/maboss/cell_cycle
source tests/cli/lib/common.bash

# JSON contract: every variable and readout in probabilities and final
expect 0 -- "$BITSIG" simulate "$TOY" --samples 2000 --max-time 2 --time-tick 0.5 --seed 3 --format json
json_check "j['model']=='toy_her2' and j['nodes']==['Trastuzumab','PTEN','HER2','PI3K','AKT']"
json_check "j['samples']==2000 and j['max_time']==2 and j['time_tick']==0.5 and j['seed']==3 and j['times']==[0,0.5,1,1.5]"
json_check "sorted(j['probabilities'])==sorted(j['nodes']+['Proliferation']) and all(len(v)==4 for v in j['probabilities'].values())"
json_check "sorted(j['final'])==sorted(j['nodes']+['Proliferation']) and all(0<=p<=1 for p in j['final'].values())"
json_check "all(set(s)=={'state','probability','standard_error'} and len(s['state'])==5 for s in j['final_states'])"
json_check "len(j['final_states'])<=20 and abs(sum(s['probability'] for s in j['final_states'])-1)<1e-9"
json_check "j['final']['Trastuzumab']==0 and j['final']['PTEN']==1"   # input defaults hold
json_check "'standard_errors' in j and 'final_standard_errors' in j"
cp "$work/out" "$work/one.json"

# the same bytes whatever the thread count
expect 0 -- "$BITSIG" simulate "$TOY" --samples 9000 --max-time 2 --time-tick 0.5 --seed 3 --format json --threads 1 -o "$work/t1.json"
expect 0 -- "$BITSIG" simulate "$TOY" --samples 9000 --max-time 2 --time-tick 0.5 --seed 3 --format json --threads 2 -o "$work/t2.json"
cmp -s "$work/t1.json" "$work/t2.json" || fail "1 and 2 threads differ"

# conditions apply: the drug holds Trastuzumab at 1 and HER2 decays
expect 0 -- "$BITSIG" simulate "$TOY" --drug trastuzumab --samples 2000 --max-time 20 --format json
json_check "j['final']['Trastuzumab']==1 and j['final']['HER2']<0.01"

# CSV: a column per variable and readout, a row per window
expect 0 -- "$BITSIG" simulate "$TOY" --samples 500 --max-time 1 --time-tick 0.25 --format csv
[ "$(head -1 "$work/out")" = "time,Trastuzumab,PTEN,HER2,PI3K,AKT,Proliferation" ] || fail "CSV header: $(head -1 "$work/out")"
[ "$(wc -l <"$work/out")" -eq 5 ] || fail "CSV rows"

# SVG chart of the readouts: well-formed, one line per readout, axes and legend
expect 0 -- "$BITSIG" simulate "$TOY" --samples 500 --max-time 2 --svg "$work/chart.svg"
python3 - "$work/chart.svg" <<'EOF_PY' || fail "SVG chart"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
lines = [p for p in root.iter(ns + "polyline") if p.find(ns + "title") is not None]
texts = [t.text for t in root.iter(ns + "text")]
assert [p.find(ns + "title").text for p in lines] == ["Proliferation"], lines
assert "time" in texts and "Proliferation" in texts and "0" in texts and "1" in texts, texts
assert len(lines[0].get("points").split()) == 20
EOF_PY

# text
expect 0 -- "$BITSIG" simulate "$TOY" --samples 500 --max-time 1
grep -q "most frequent final states" "$work/out" || fail "text output"

# --initial
expect 0 -- "$BITSIG" simulate "$TOY" --samples 500 --max-time 0.1 --time-tick 0.1 --initial "HER2=1 PI3K=0 AKT=0" --format json
json_check "j['probabilities']['HER2'][0]>0.85 and j['final']['AKT']<0.05"
expect 2 -- "$BITSIG" simulate "$TOY" --initial "HER3=1"
[ "$(head -1 "$work/err")" = "--initial: error: unknown variable 'HER3'" ] || fail "--initial message: $(cat "$work/err")"

# MaBoSS: the cfg's settings, flags override them
expect 0 -- "$BITSIG" simulate "$CC.bnd" --cfg "$CC.cfg" --format json
json_check "j['samples']==20000 and j['max_time']==3 and j['time_tick']==0.5 and j['seed']==7 and len(j['nodes'])==10"
json_check "j['final']['CycD']==1"
expect 0 -- "$BITSIG" simulate "$CC.bnd" --cfg "$CC.cfg" --samples 1000 --max-time 1 --seed 9 --format json
json_check "j['samples']==1000 and j['max_time']==1 and j['time_tick']==0.5 and j['seed']==9"
expect 2 -- "$BITSIG" simulate "$CC.bnd" --samples 100   # no cfg: its parameters are undefined
[ "$(head -1 "$work/err")" = "$CC.bnd:9:22: error: undefined parameter '\$u_Rb'" ] || fail "no cfg: $(head -1 "$work/err")"

# is_internal: those nodes stay in probabilities/final and leave the final states
{ cat "$CC.cfg"; echo "Rb.is_internal = 1; p27.is_internal = TRUE;"; } >"$work/internal.cfg"
expect 0 -- "$BITSIG" simulate "$CC.bnd" --cfg "$work/internal.cfg" --samples 2000 --format json
json_check "j['internal']==['Rb','p27'] and 'Rb' in j['final'] and 'p27' in j['probabilities']"
json_check "j['state_nodes']==[n for n in j['nodes'] if n not in ('Rb','p27')] and all(len(s['state'])==8 for s in j['final_states'])"
expect 0 -- "$BITSIG" simulate "$CC.bnd" --cfg "$work/internal.cfg" --samples 2000
grep -q "^final state (8 variables in model order: CycD E2F CycE CycA Cdc20 Cdh1 UbcH10 CycB; internal ones left out)" "$work/out" || fail "internal: text header"

# conditions apply to MaBoSS models too: knocked-out nuclear Mdm2 leaves p53 on
expect 0 -- "$BITSIG" simulate tests/data/maboss/p53_mdm2.bnd --cfg tests/data/maboss/p53_mdm2.cfg --ko Mdm2N --format json
json_check "j['final']['Mdm2N']==0 and j['final']['p53']>0.95 and j['conditions']=='Mdm2N knocked out'"

# a .bnd is a model everywhere; convert warns that rates are dropped
expect 0 -- "$BITSIG" info "$CC.bnd"
expect 0 -- "$BITSIG" attractors "$CC.bnd" --update async --format json
expect 0 -- "$BITSIG" convert "$CC.bnd" "$work/cc.bnet"
grep -q "warning: only the logic is converted" "$work/err" || fail "convert .bnd warning"
expect 2 -- "$BITSIG" convert "$TOY" "$work/toy.bnd"
grep -q "does not write them" "$work/err" || fail "convert to .bnd message"

# rate_up / rate_down in YAML survive a round trip
cat >"$work/rates.yaml" <<'EOF_YAML'
format: bitsig-network/1
name: rates
variables:
  A: {rule: "!B", rate_up: 2.5, rate_down: 0.5}
  B: {rule: "A"}
EOF_YAML
expect 0 -- "$BITSIG" convert "$work/rates.yaml" "$work/rates2.yaml"
grep -q "rate_up: 2.5" "$work/rates2.yaml" || fail "rate_up not written back"
sed 's/rate_up: 2.5/rate_up: fast/' "$work/rates.yaml" >"$work/bad_rate.yaml"
expect 2 -- "$BITSIG" simulate "$work/bad_rate.yaml"
grep -q "error: expected a rate (a number >= 0) for 'rate_up', found 'fast'" "$work/err" || fail "bad rate message: $(cat "$work/err")"

# bad settings and inputs
expect 2 -- "$BITSIG" simulate "$TOY" --samples 0
[ "$(cat "$work/err")" = "error: --samples must be at least 1" ] || fail "samples 0 message: $(cat "$work/err")"
expect 2 -- "$BITSIG" simulate "$TOY" --cfg "$CC.cfg"
grep -q "a MaBoSS .cfg goes with a MaBoSS .bnd model" "$work/err" || fail "cfg without bnd"
expect 2 -- "$BITSIG" simulate "$TOY" --drug nosuch -o "$work/none.json"
[ -e "$work/none.json" ] && fail "output written despite an error"
for cfg in tests/data/bad_cfg/*.cfg; do
  expect 2 -- "$BITSIG" simulate tests/data/bad_cfg/model.bnd --cfg "$cfg"
  [ -s "$work/out" ] && fail "$cfg: stdout not empty"
  cmp -s "$work/err" "$cfg.expected" || fail "$cfg: stderr differs: $(diff "$cfg.expected" "$work/err")"
done

# Ctrl-C: exit 130, nothing written
"$BITSIG" simulate "$TOY" --samples 100000000 --max-time 50 --threads 1 -o "$work/long.json" 2>"$work/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
code=$?
[ "$code" -eq 130 ] || fail "Ctrl-C exit code $code, expected 130"
grep -q "interrupted: no output written" "$work/err" || fail "interrupt message"
[ -e "$work/long.json" ] && fail "interrupted run left output"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "simulate: all checks passed"
