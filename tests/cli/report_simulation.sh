#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `report --simulate`: every section's page gets a line chart of the readouts over time
# (a well-formed SVG with axes, ticks and a legend, also written alone) and the final
# probabilities; scenarios with a `simulate:` block show their bounds against the estimates.
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
# Simulated bounds on the scenario pages, with the margin; the front page lists them.
grep -q "a bound fails only when the estimate is more than 3 standard errors beyond it" "$work/r/scenario_untreated_proliferates.html" || fail "bounds margin"
grep -q "<td>P(Proliferation) &ge; 0.8</td><td>0.304</td><td>0.007274</td><td class=\"FAIL\">FAILS</td>" "$work/r/scenario_untreated_proliferates.html" || fail "failing bound row"
grep -q "simulated P(Proliferation)&gt;=0.8" "$work/r/index.html" || fail "front page expectation"

# without --simulate: no charts, bounds still shown
expect 0 -- "$BITSIG" report "$MODEL" -o "$work/s" --all-scenarios --no-diagrams
ls "$work/s" | grep -q "^simulation_" && fail "charts without --simulate"
grep -q "<h2>Simulated expectations</h2>" "$work/s/scenario_pten_loss_proliferates.html" || fail "bounds without --simulate"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "report_simulation: all checks passed"
