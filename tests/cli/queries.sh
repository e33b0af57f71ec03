#!/usr/bin/env bash
# Command-line behaviour of attractors, fixed-points, check, compare, screen and draw:
# exit codes, the JSON contract, atomic output, and errors for bad names.
#   queries.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
SHARED=$3
cd "$SRC" || exit 1
TOY=tests/data/models/toy_her2.yaml
FLAGSHIP=networks/her2_trastuzumab.yaml
source tests/cli/lib/common.bash

# attractors: text, JSON contract, CSV, Markdown
expect 0 -- "$BITSIG" attractors "$TOY"
grep -q "Proliferation" "$work/out" || fail "text output lacks the readout"
expect 0 -- "$BITSIG" attractors "$TOY" --context pten_loss --format json
json_check "j['model']=='toy_her2' and j['nodes']==['Trastuzumab','PTEN','HER2','PI3K','AKT'] and j['update']=='synchronous'"
json_check "j['complete'] is True and j['perturbations']=={'PTEN':0} and j['contexts']==['pten_loss']"
json_check "all(a['kind'] in ('fixed_point','cycle','complex') and 'phenotypes' in a and 'basin_size' in a for a in j['attractors'])"
json_check "all(len(s)==5 and set(s)<=set('01') for a in j['attractors'] for s in a['states'])"
expect 0 -- "$BITSIG" attractors "$TOY" --drug herceptin --update async --format json
json_check "j['update']=='asynchronous' and j['drugs']==['trastuzumab'] and all(a['phenotypes']['Proliferation']==0 for a in j['attractors'])"
expect 0 -- "$BITSIG" attractors "$TOY" --format csv
head -1 "$work/out" | grep -q "^attractor,kind,state,basin_size,Trastuzumab,PTEN,HER2,PI3K,AKT,Proliferation$" || fail "CSV header"
expect 0 -- "$BITSIG" attractors "$TOY" --format md
grep -q "^| # | kind |" "$work/out" || fail "markdown table"
for method in exhaustive sat sample; do
  expect 0 -- "$BITSIG" attractors "$TOY" --method $method --format json
  json_check "j['method'].startswith('$method')"
done

# -o is atomic and creates nothing on error
expect 0 -- "$BITSIG" attractors "$TOY" -o "$work/result.json" --format json
[ -s "$work/result.json" ] || fail "-o did not write"
expect 2 -- "$BITSIG" attractors "$TOY" --drug nosuchdrug -o "$work/none.json"
[ -e "$work/none.json" ] && fail "output written despite an error"
ls -a "$work" | grep -q '\.tmp' && fail "temporary file left behind"

# bad names: exit 2, nearest match and known names
expect 2 -- "$BITSIG" attractors "$TOY" --drug trastuzamab
grep -q "error: unknown drug 'trastuzamab'" "$work/err" || fail "unknown drug message"
grep -q "did you mean 'trastuzumab'?" "$work/err" || fail "drug suggestion"
grep -q "known drugs: trastuzumab, herceptin" "$work/err" || fail "known drug list"
expect 2 -- "$BITSIG" attractors "$TOY" --context pten_los
grep -q "did you mean 'pten_loss'?" "$work/err" || fail "context suggestion"
expect 2 -- "$BITSIG" attractors "$TOY" --ko AKTT
grep -q "error: unknown variable 'AKTT'" "$work/err" || fail "unknown variable"
expect 2 -- "$BITSIG" attractors "$TOY" --fix AKT=2
grep -q "error: --fix expects NAME=0 or NAME=1, got 'AKT=2'" "$work/err" || fail "bad --fix"
expect 2 -- "$BITSIG" attractors "$TOY" --ko AKT --oe AKT
grep -q "conflicting perturbations" "$work/err" || fail "conflict message"
expect 2 -- "$BITSIG" attractors "$TOY" --cut PTEN-\>HER2
grep -q "does not appear in the rule of 'HER2'" "$work/err" || fail "bad cut"
expect 2 -- "$BITSIG" attractors "$TOY" --update sideways
expect 2 -- "$BITSIG" attractors "$TOY" --scenario nope
grep -q "unknown scenario 'nope'" "$work/err" || fail "unknown scenario"

# resource refusal: exit 3 with advice
ERBB="$SHARED/models/bbm/004_ERBB-RECEPTOR-SIGNALING.bnet"
if [ -f "$ERBB" ]; then
  expect 3 -- "$BITSIG" attractors "$ERBB" --method exhaustive
  grep -q "use --method sat" "$work/err" || fail "refusal advice"
  expect 3 -- "$BITSIG" draw "$ERBB" --states -o "$work/big.svg"
  [ -e "$work/big.svg" ] && fail "refused drawing left a file"
else
  echo "skipped shared-model refusals: $SHARED/models/bbm not found"
fi

# fixed points
expect 0 -- "$BITSIG" fixed-points "$TOY" --free-inputs --format json
json_check "j['method']=='sat' and j['complete'] and j['fixed_point_count']==len(j['attractors']) and all(a['kind']=='fixed_point' for a in j['attractors'])"
cp "$work/out" "$work/enumerated.json"
expect 0 -- "$BITSIG" fixed-points "$TOY" --free-inputs --exact-count --format json
json_check "j['method']=='bdd' and j['complete'] and j['attractors']==json.load(open('$work/enumerated.json'))['attractors']"
# more fixed points than listed: the exact total, and the first ones in canonical order
printf 'targets, factors\n' > "$work/wide.bnet"
for i in $(seq 0 19); do printf 'I%d, I%d\n' "$i" "$i" >> "$work/wide.bnet"; done
printf 'Y, I0 & !I1\n' >> "$work/wide.bnet"
expect 0 -- "$BITSIG" fixed-points "$work/wide.bnet" --exact-count --max-fixed-points 5 --format json
json_check "j['fixed_point_count']==2**20 and not j['complete'] and len(j['attractors'])==5 and j['attractors'][0]['states']==['0'*21]"
expect 0 -- "$BITSIG" fixed-points "$work/wide.bnet" --exact-count --max-fixed-points 5
grep -q "1,048,576 fixed points" "$work/out" || fail "text output should give the exact total: $(head -3 "$work/out")"
# without --exact-count the enumeration stops at the limit and the total comes from the
# diagram built alongside it; --count-seconds 0 leaves it uncounted
expect 0 -- "$BITSIG" fixed-points "$work/wide.bnet" --max-fixed-points 5 --format json
json_check "j['method']=='sat' and j['fixed_point_count']==2**20 and not j['complete'] and len(j['attractors'])==5"
expect 0 -- "$BITSIG" fixed-points "$work/wide.bnet" --max-fixed-points 5 --count-seconds 0 --format json
json_check "'fixed_point_count' not in j and not j['complete'] and len(j['attractors'])==5"
expect 2 -- "$BITSIG" fixed-points "$work/wide.bnet" --count-seconds -1
grep -q "^--count-seconds: Value -1 not in range 0.000000 to 3600.000000$" "$work/err" || fail "bad --count-seconds: $(cat "$work/err")"

# check: 0 when only documented disagreements fail, 1 otherwise
expect 0 -- "$BITSIG" check "$TOY"
grep -q "2 pass, 0 FAIL, 1 known disagreements" "$work/out" || fail "check summary"
expect 1 -- "$BITSIG" check tests/data/models/toy_failing.yaml
expect 0 -- "$BITSIG" check "$TOY" --format json
json_check "len(j['scenarios'])==3 and j['scenarios'][0]['verdict']=='pass'"

# compare
expect 0 -- "$BITSIG" compare "$TOY" --base "context=pten_loss" --with "context=pten_loss drug=trastuzumab"
grep -q "^AKT  *1  *0" "$work/out" || fail "compare shows AKT going 1 -> 0"
expect 2 -- "$BITSIG" compare "$TOY" --base "contxt=pten_loss" --with "drug=trastuzumab"
grep -q "did you mean 'context'?" "$work/err" || fail "compare key suggestion"

# "method" keeps its contracted value; "algorithm" tells the two SAT searches apart
expect 0 -- "$BITSIG" attractors "$TOY" --method sat --format json
json_check "j['method']=='sat' and j['algorithm']=='sat-cycles'"
expect 0 -- "$BITSIG" fixed-points "$TOY" --format json
json_check "j['method'] in ('sat','bdd') and j['algorithm'] in ('sat-fixed-points','bdd-fixed-points')"

# screen
expect 0 -- "$BITSIG" screen "$TOY" --context pten_loss --targets PI3K,HER2 --drugs all --goal Proliferation=0 --format csv -o "$work/screen.csv"
head -1 "$work/screen.csv" | grep -q "^rank,added,size,goal_basin_fraction" || fail "screen CSV header"
[ "$(wc -l < "$work/screen.csv")" -eq 15 ] || fail "screen rows: $(wc -l < "$work/screen.csv")"
expect 2 -- "$BITSIG" screen "$TOY" --drugs all --goal Prolif=0
# a stable-states-only screen: same fixed points under both schemes, so no re-check column
expect 0 -- "$BITSIG" screen "$TOY" --context pten_loss --targets PI3K,HER2 --drugs all --goal Proliferation=0 --method fixed-points --format json
json_check "j['search_method']=='fixed-points' and len(j['entries'])==14 and all(not e['complete'] and 'other_update_agrees' not in e for e in j['entries'])"
json_check "j['entries'][0]['added']==[] and j['entries'][0]['goal_attractor_fraction']==0 and j['entries'][1]['goal_attractor_fraction']==1"
expect 0 -- "$BITSIG" screen "$TOY" --context pten_loss --targets PI3K --goal Proliferation=0 --method fixed-points
grep -q "share of fixed points" "$work/out" || fail "fixed-points screen text should say what it ranks by"
grep -q "async" "$work/out" && fail "fixed-points screen text should have no re-check column"
expect 2 -- "$BITSIG" screen "$TOY" --targets PI3K --goal Proliferation=0 --method bdd
expect 0 -- "$BITSIG" attractors "$TOY" --method fixed-points --format json
json_check "j['complete'] is False and any('fixed points only' in n for n in j['notes']) and all(a['kind']=='fixed_point' for a in j['attractors'])"
expect 2 -- "$BITSIG" screen "$TOY" --goal Proliferation=0
# a misspelt candidate: screen and report --screen-drugs refuse it with the same message
expect 2 -- "$BITSIG" screen "$TOY" --drugs trastuzumabb --goal Proliferation=0
head -1 "$work/err" | grep -qx "error: unknown drug 'trastuzumabb'" || fail "screen: unknown candidate drug message"
cp "$work/err" "$work/screen_err"
expect 2 -- "$BITSIG" report "$TOY" --screen-goal Proliferation=0 --screen-drugs trastuzumabb -o "$work/report_bad"
cmp -s "$work/err" "$work/screen_err" || fail "report --screen-drugs: different message from screen: $(cat "$work/err")"
[ -e "$work/report_bad" ] && fail "report with a bad screen candidate wrote its folder"

# draw
for ext in svg dot png; do
  expect 0 -- "$BITSIG" draw "$TOY" --context pten_loss -o "$work/toy.$ext"
  [ -s "$work/toy.$ext" ] || fail "draw .$ext"
done
grep -q "<svg" "$work/toy.svg" || fail "SVG content"
expect 0 -- "$BITSIG" draw "$TOY" --states -o "$work/states.svg"
expect 2 -- "$BITSIG" draw "$TOY" -o "$work/toy.jpg"
expect 2 -- "$BITSIG" draw "$TOY" -o "$work/x.svg" --layout nonsense

# Ctrl-C: a long search stops cleanly with exit 130 and writes nothing
python3 - "$work/big.bnet" <<'EOF_PY'
import random, sys
random.seed(7)
n = 29
with open(sys.argv[1], "w") as f:
    f.write("targets, factors\n")
    for i in range(n):
        a, b = random.sample(range(n), 2)
        f.write(f"x{i}, x{a} & !x{b} | !x{a} & x{b} | x{(i + 1) % n}\n")
EOF_PY
"$BITSIG" attractors "$work/big.bnet" --method exhaustive --no-peel -o "$work/big.json" 2>"$work/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
code=$?
[ "$code" -eq 130 ] || fail "Ctrl-C exit code $code, expected 130"
grep -q "interrupted: no output written" "$work/err" || fail "interrupt message"
[ -e "$work/big.json" ] && fail "interrupted run left output"

# Faure et al. 2006: with CycD free, one fixed point (CycD=0) and one 7-state cycle (CycD=1)
expect 0 -- "$BITSIG" attractors networks/faure2006_cell_cycle.yaml --free-inputs --format json
json_check "sorted((a['kind'], a['size']) for a in j['attractors']) == [('cycle', 7), ('fixed_point', 1)]"
expect 0 -- "$BITSIG" check networks/faure2006_cell_cycle.yaml

# the flagship: every scenario reproduced or documented
expect 0 -- "$BITSIG" check "$FLAGSHIP"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "queries: all checks passed"
