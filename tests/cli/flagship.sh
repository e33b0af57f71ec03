#!/usr/bin/env bash
# The flagship networks (second edition): every scenario holds on both files (at least 80
# each), every rule carries a citation and every assumption a reason, the extended file is
# what its generator writes, and the second edition's contexts, drugs, readouts and nodes
# behave as the review says when posed from the command line.
#   flagship.sh BITSIG SOURCE_DIR SHARED_DIR
set -uo pipefail
BITSIG=$1
SRC=$2
cd "$SRC" || exit 1
CORE=networks/her2_trastuzumab.yaml
IMMUNE=networks/her2_immune.yaml
source tests/cli/lib/common.bash

# In every attractor of `attractors --format json`, readout or node NAME is V (a node must not
# oscillate in the attractor).
all_attractors() {  # NAME V
  python3 - "$work/out" "$1" "$2" <<'EOF_PY' || fail "not $2 in every attractor: $1"
import json, sys
j, name, want = json.load(open(sys.argv[1])), sys.argv[2], int(sys.argv[3])
def value(a):
    if name in a["phenotypes"]: return a["phenotypes"][name]
    k = j["nodes"].index(name)
    seen = {s[k] for s in a["states"]}
    return int(seen.pop()) if len(seen) == 1 else -1
sys.exit(0 if j["attractors"] and all(value(a) == want for a in j["attractors"]) else 1)
EOF_PY
}

# 1. check: exit 0 on both files, at least 80 scenarios, none failing.
for model in "$CORE" "$IMMUNE"; do
  expect 0 -- "$BITSIG" check "$model" --format json
  json_check "len(j['scenarios'])>=80 and all(s['verdict'] in ('pass','known disagreement') for s in j['scenarios'])"
done
expect 0 -- "$BITSIG" check "$CORE" --format json
json_check "sum(s['verdict']=='known disagreement' for s in j['scenarios'])<=2"

# 2. Citations: every rule has refs; an 'assumption:' ref gives its reason.
python3 - "$CORE" "$IMMUNE" <<'EOF_PY' || fail "citations"
import sys, yaml
bad = []
for path in sys.argv[1:]:
    m = yaml.safe_load(open(path, encoding="utf-8"))
    for name, body in m["variables"].items():
        refs = body.get("refs") or []
        if "rule" in body and not refs: bad.append(f"{path}: {name} has a rule but no refs")
        for r in refs:
            if r.startswith("assumption:") and "reason:" not in r: bad.append(f"{path}: {name}: assumption without reason")
    for name, s in m["scenarios"].items():
        if s.get("known_disagreement") and len(s["known_disagreement"]) < 80: bad.append(f"{path}: {name}: bare disagreement")
if bad: print("\n".join(bad)); sys.exit(1)
EOF_PY

# 3. The extended network is exactly what its generator writes from the core.
if python3 -c "import yaml" 2>/dev/null; then
  python3 networks/make_her2_immune.py "$work/immune.yaml" || fail "generator failed"
  cmp -s "$work/immune.yaml" "$IMMUNE" || fail "$IMMUNE differs from networks/make_her2_immune.py's output (re-run it)"
else
  echo "skipped: generator check (python3-yaml missing)"
fi

# 4. The second edition's names, from the command line.
# Vascular mimicry (review §3.1): hypoxia gives VM and resistance; CD144 blockade does not
# restore sensitivity; salinomycin suppresses VM.
expect 0 -- "$BITSIG" attractors "$CORE" --context hypoxia --drug trastuzumab --update async --format json
all_attractors VascularMimicry 1; all_attractors Proliferation 1
expect 0 -- "$BITSIG" attractors "$CORE" --context hypoxia --drug trastuzumab --ko VECAD --format json
all_attractors VascularMimicry 0; all_attractors Proliferation 1
expect 0 -- "$BITSIG" attractors "$CORE" --context hypoxia --drug trastuzumab --drug salinomycin --format json
all_attractors VascularMimicry 0; all_attractors Stemness 0
expect 0 -- "$BITSIG" attractors "$CORE" --drug trastuzumab --format json
all_attractors VascularMimicry 0
# Metabolic escape (§3.3): the PTEN-null resistant cell runs on OXPHOS, oligomycin A kills it;
# cerulenin stops the EGF-bypass cell unless CD36 brings lipids in.
expect 0 -- "$BITSIG" attractors "$CORE" --context pten_loss --drug trastuzumab --update async --format json
all_attractors Proliferation 1; all_attractors OXPHOS 1
expect 0 -- "$BITSIG" attractors "$CORE" --context pten_loss --drug trastuzumab --drug oligomycin_a --update async --format json
all_attractors Apoptosis 1; all_attractors Proliferation 0
expect 0 -- "$BITSIG" attractors "$CORE" --context egf --drug trastuzumab --drug cerulenin --format json
all_attractors Proliferation 0; all_attractors FASN 0
expect 0 -- "$BITSIG" attractors "$CORE" --context egf --context cd36_high --drug trastuzumab --drug cerulenin --format json
all_attractors Proliferation 1
# lncRNA (§3.2): MSCs -> AGAP2-AS1 -> CPT1/FAO -> stemness and survival under trastuzumab;
# imetelstat added to that resistant cell kills it with probability 1 (history).
expect 0 -- "$BITSIG" attractors "$CORE" --context msc_coculture --drug trastuzumab --format json
all_attractors Stemness 1; all_attractors Apoptosis 0; all_attractors FAO 1
expect 0 -- "$BITSIG" respond "$CORE" --from "context=msc_coculture drug=trastuzumab" \
  --to "context=msc_coculture drug=trastuzumab drug=imetelstat" --format json
json_check "j['probabilities_exact'] and all(sum(p for k,p in zip(r['reachable'],r['probabilities']) if j['attractors'][k]['phenotypes']['Apoptosis']==1)>0.999999 for r in j['responses'])"
# beta2-AR autocrine loop (§3.4): on in the HER2-signalling cell, off under trastuzumab; added
# catecholamines mask the epitope through MUC4.
expect 0 -- "$BITSIG" attractors "$CORE" --format json
all_attractors B2AR 1; all_attractors EPINEPHRINE 1
expect 0 -- "$BITSIG" attractors "$CORE" --drug trastuzumab --format json
all_attractors B2AR 0
expect 0 -- "$BITSIG" attractors "$CORE" --context catecholamines --drug trastuzumab --format json
all_attractors MUC4 1; all_attractors Tz_bound 0; all_attractors Proliferation 1
# HER2 level: a HER2-normal ER+ cell binds trastuzumab without benefit; T-DM1 delivers no payload.
expect 0 -- "$BITSIG" attractors "$CORE" --context her2_normal --context er_positive --drug trastuzumab --format json
all_attractors Tz_bound 1; all_attractors Proliferation 1; all_attractors Apoptosis 0
expect 0 -- "$BITSIG" attractors "$CORE" --context her2_normal --context er_positive --drug t_dm1 --format json
all_attractors DM1 0; all_attractors Apoptosis 0
# Rules of the first edition that the review contradicted: PIK3CA mutation and heregulin now
# keep AKT on under trastuzumab with PTEN intact; PTEN loss + lapatinib no longer oscillates.
expect 0 -- "$BITSIG" attractors "$CORE" --context pik3ca_mutation --drug trastuzumab --update async --format json
all_attractors AKT 1; all_attractors PTEN 1
expect 0 -- "$BITSIG" attractors "$CORE" --context nrg1 --drug trastuzumab --format json
all_attractors AKT 1
expect 0 -- "$BITSIG" attractors "$CORE" --context pten_loss --drug lapatinib --update async --format json
json_check "all(a['kind']=='fixed_point' for a in j['attractors'])"
all_attractors Apoptosis 1
# Palbociclib arrests a cycling cell whatever its phase (no CDK2 -| RB memory).
expect 0 -- "$BITSIG" attractors "$CORE" --drug palbociclib --update async --format json
all_attractors Proliferation 0
# Proliferation and Apoptosis are never on together under T-DM1 or chemotherapy.
for cond in "--drug t_dm1" "--drug t_dm1 --context pik3ca_mutation" "--drug chemotherapy --drug trastuzumab --context er_positive"; do
  # shellcheck disable=SC2086
  expect 0 -- "$BITSIG" attractors "$CORE" $cond --format json
  json_check "not any(a['phenotypes']['Proliferation']!=0 and a['phenotypes']['Apoptosis']!=0 for a in j['attractors'])"
done
# Complement (§3.7): CD46/CD55/CD59 block CDC by trastuzumab + pertuzumab; neutralizing them restores it.
expect 0 -- "$BITSIG" attractors "$IMMUNE" --context complement --context complement_regulators_high \
  --drug trastuzumab --drug pertuzumab --format json
all_attractors CDC 0; all_attractors TumorControl 0
expect 0 -- "$BITSIG" attractors "$IMMUNE" --context complement --context complement_regulators_high \
  --drug trastuzumab --drug pertuzumab --drug anti_complement_regulators --format json
all_attractors CDC 1; all_attractors TumorControl 1
# Immune suppression lowers TumorControl: CCL5/Tregs against NK cells; PD-L1 against T cells.
expect 0 -- "$BITSIG" attractors "$IMMUNE" --context nk_cells --drug trastuzumab --format json
all_attractors TumorControl 1
expect 0 -- "$BITSIG" attractors "$IMMUNE" --context nk_cells --context ccl5_high --drug trastuzumab --format json
all_attractors TumorControl 0
expect 0 -- "$BITSIG" attractors "$IMMUNE" --context fcgr_loss --context pdl1_positive --drug t_dm1 --format json
all_attractors TumorControl 0
expect 0 -- "$BITSIG" attractors "$IMMUNE" --context fcgr_loss --context pdl1_positive --drug t_dm1 --drug pembrolizumab --format json
all_attractors TumorControl 1
# A name of the second edition misspelt: exit 2 with the nearest name.
expect 2 -- "$BITSIG" attractors "$CORE" --context hypoxya
grep -q "did you mean 'hypoxia'" "$work/err" || fail "no suggestion for hypoxya: $(cat "$work/err")"

# A history scenario the engine cannot answer (the immune network's hypoxic start leaves 71
# free variables, beyond response sampling): exit 3, and the message names the scenario.
python3 - "$IMMUNE" "$work/history.yaml" <<'EOF_PY' || fail "writing the history fixture"
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
d["scenarios"] = {"H1_history": {"description": "hypoxic start, then trastuzumab", "from": {"contexts": ["hypoxia"]},
                                 "drugs": ["trastuzumab"], "expect_some": {"Proliferation": 0}}}
yaml.safe_dump(d, open(sys.argv[2], "w"), sort_keys=False)
EOF_PY
expect 3 -- "$BITSIG" check "$work/history.yaml"
grep -q "^error: scenario H1_history (synchronous updating): response sampling packs at most 64 free variables" "$work/err" ||
  fail "unanswerable history scenario not named: $(cat "$work/err")"

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "flagship: all checks passed"
