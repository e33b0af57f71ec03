#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `report --simulate`: every section's page gets a line chart of the readouts over time
# (a well-formed SVG with axes, ticks and a legend, also written alone) and the final
# probabilities; the front page shows every chart; report.json carries each simulation; scenarios
# with a `simulate:` block show their bounds against the estimates.
#   report_simulation.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
cd "$SRC" || exit 1
MODEL=tests/data/models/toy_simulated.yaml
source tests/cli/lib/common.bash

expect 0 -- "$BITSIG" report "$MODEL" -o "$work/r" --all-scenarios --no-diagrams --simulate --simulate-samples 2000 --simulate-max-time 10
for id in baseline scenario_pten_loss_proliferates scenario_untreated_proliferates; do
  [ -f "$work/r/simulation_$id.svg" ] || fail "no simulation_$id.svg"
  grep -q "<h2>Probabilities over time</h2>" "$work/r/$id.html" || fail "$id.html: no chart section"
done
# The chart parses and is a real chart: axes, ticks, a legend entry and a line per readout.
python3 - "$work/r/simulation_scenario_pten_loss_proliferates.svg" "$work/r/scenario_pten_loss_proliferates.html" <<'EOF_PY' || fail "simulation chart"
import re, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = '{http://www.w3.org/2000/svg}'
texts = [t.text or '' for t in root.iter(ns + 'text')]
lines = [e for e in root.iter() if e.tag in (ns + 'polyline', ns + 'path')]
assert 'Proliferation' in texts, texts            # legend
assert 'time' in texts, texts                     # x axis label
assert any(t in texts for t in ('0', '0.0')) and '1' in texts, texts   # y ticks of [0, 1]
assert lines, 'no data line'
page = open(sys.argv[2]).read()
# final probability of Proliferation under pten_loss: close to 1 (cf. check_simulated.sh)
m = re.search(r'<tr><td>Proliferation</td><td>([0-9.e-]+)</td><td>([0-9.e-]+)</td></tr>', page)
assert m and float(m.group(1)) > 0.95, m
assert '<svg' in page   # inlined
EOF_PY
# report.json: each section's simulation is the JSON `bitsig simulate` writes under the same
# conditions, samples, windows and seed; the scenario checks carry the simulated estimates of
# `check --format json`, and check.csv is `check --format csv`.
expect 0 -- "$BITSIG" simulate "$MODEL" --scenario pten_loss_proliferates --samples 2000 --max-time 10 --time-tick 0.2 --seed 1 --format json
cp "$work/out" "$work/sim_pten.json"
expect 0 -- "$BITSIG" simulate "$MODEL" --samples 2000 --max-time 10 --time-tick 0.2 --seed 1 --format json
cp "$work/out" "$work/sim_baseline.json"
expect 1 -- "$BITSIG" check "$MODEL" --format json
cp "$work/out" "$work/check.json"
expect 1 -- "$BITSIG" check "$MODEL" --format csv
cmp -s "$work/out" "$work/r/check.csv" || fail "report's check.csv differs from check --format csv"
python3 - "$work" <<'EOF_PY' || fail "report.json simulations"
import json, sys
work = sys.argv[1]
report = json.load(open(f'{work}/r/report.json'))
sections = {c['id']: c for c in report['conditions']}
for sid, sim_file in (('scenario_pten_loss_proliferates', 'sim_pten.json'), ('baseline', 'sim_baseline.json')):
    got, want = sections[sid]['simulation'], json.load(open(f'{work}/{sim_file}'))
    for key in ('model', 'nodes', 'samples', 'max_time', 'time_tick', 'seed', 'times', 'probabilities',
                'standard_errors', 'final', 'final_standard_errors', 'transitions'):
        assert got[key] == want[key], (sid, key)
    assert got['final']['Proliferation'] > 0.95 if sid != 'baseline' else got['final']['Proliferation'] < 0.5, got['final']
check = json.load(open(f'{work}/check.json'))
assert [s['simulate'] for s in report['check']['scenarios']] == [s['simulate'] for s in check['scenarios']]
estimate = report['check']['scenarios'][1]['simulate']['estimates']['Proliferation']
assert estimate == {'probability': 0.304, 'standard_error': 0.007273872923472522}, estimate
EOF_PY
# Simulated bounds on the scenario pages, with the margin; the front page lists them.
grep -q "a bound fails only when the estimate is more than 3 standard errors beyond it" "$work/r/scenario_untreated_proliferates.html" || fail "bounds margin"
grep -q "<td>P(Proliferation) &ge; 0.8</td><td>0.304</td><td>0.007274</td><td class=\"FAIL\">FAILS</td>" "$work/r/scenario_untreated_proliferates.html" || fail "failing bound row"
grep -q "simulated P(Proliferation)&gt;=0.8" "$work/r/index.html" || fail "front page expectation"

# The front page shows every simulated section's chart, the very chart of its file, linked to its page.
python3 - "$work/r" <<'EOF_PY' || fail "front page charts"
import sys, xml.etree.ElementTree as ET
d = sys.argv[1]
page = open(f'{d}/index.html').read()
assert '<a href="#simulations">Probabilities over time</a>' in page
part = page[page.index('<h2 id="simulations">'):]
for sid in ('baseline', 'scenario_pten_loss_proliferates', 'scenario_untreated_proliferates'):
    svg = open(f'{d}/simulation_{sid}.svg').read()
    chart = svg[svg.index('<svg'):]
    assert f'<a href="{sid}.html">' in part, sid
    assert chart in part, sid
    ET.fromstring(chart)
assert part.count('<svg') == 3, part.count('<svg')
EOF_PY

# without --simulate: no charts, bounds still shown
expect 0 -- "$BITSIG" report "$MODEL" -o "$work/s" --all-scenarios --no-diagrams
ls "$work/s" | grep -q "^simulation_" && fail "charts without --simulate"
grep -q 'id="simulations"' "$work/s/index.html" && fail "front page charts without --simulate"
python3 -c "import json,sys; sys.exit(any('simulation' in c for c in json.load(open('$work/s/report.json'))['conditions']))" || fail "report.json has simulations without --simulate"
grep -q "<h2>Simulated expectations</h2>" "$work/s/scenario_pten_loss_proliferates.html" || fail "bounds without --simulate"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "report_simulation: all checks passed"
