#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The `--version`, `info` and `convert` commands as a user runs them: exact text output,
# valid JSON, conversions that keep every rule, atomic `-o`, and exit code 2 for every
# usage error. Fixtures are written into a scratch folder, so the test does not depend on
# the models in networks/ (which are only smoke-tested at the end).
# Usage: info_convert.sh BITSIG SOURCE_DIR SHARED_DIR
set -u

bitsig=$(realpath "$1")
source_dir=$(realpath "$2")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 2

failures=0
checks=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run CMD...: runs bitsig with the arguments, leaving stdout, stderr and code behind.
run() {
    checks=$((checks + 1))
    "$bitsig" "$@" >stdout 2>stderr
    code=$?
}

expect_code() {
    if [ "$code" -ne "$1" ]; then
        fail "bitsig $2: exit code $code, expected $1; stderr:"
        sed 's/^/    /' stderr
    fi
}

# same_text FILE EXPECTED_TEXT WHAT: FILE holds exactly EXPECTED_TEXT (plus a final newline).
same_text() {
    printf '%s\n' "$2" >expected
    if ! cmp -s expected "$1"; then
        fail "$3 (--- expected, +++ actual):"
        diff -u --label expected --label actual expected "$1" | sed 's/^/    /'
    fi
}

empty() {
    if [ -s "$1" ]; then
        fail "$2: $1 is not empty:"
        sed 's/^/    /' "$1"
    fi
}

cat >toy.yaml <<'EOF'
format: bitsig-network/1
name: toy
description: "A three-variable negative loop driven by a signal."
variables:
  S:
    default: 1
    description: "the signal"
  A:
    rule: "S & !C"
    refs: ["textbook p. 1"]
    module: core
  B:
    rule: "A"
    module: core
  C:
    rule: "B"
    module: core
  K:
    rule: "1"
drugs:
  blocker:
    aliases: [blk]
    sets: {A: 0}
contexts:
  no_signal:
    sets: {S: 0}
readouts:
  Out:
    rule: "B & !C"
    description: "the pulse"
scenarios:
  blocked:
    drugs: [blocker]
    expect: {Out: 0}
EOF

cat >toy.bnet <<'EOF'
# a comment
targets, factors
A, S & !C
B, A | X
C, B ^ A
S, S
K, 0
EOF

# --- --version ----------------------------------------------------------------------------
run --version
expect_code 0 "--version"
grep -Eqx 'bitsig [0-9]+\.[0-9]+\.[0-9]+' stdout || fail "--version printed '$(cat stdout)'"
empty stderr "--version"

# --- info, text -----------------------------------------------------------------------------
run info toy.yaml
expect_code 0 "info toy.yaml"
same_text stdout "model: toy (toy.yaml)
variables: 5 (1 inputs, 1 constant)
inputs: S=1
regulations: 4 (3 activation, 1 inhibition, 0 dual, 0 non-functional)
strongly connected components: 3 (1 with more than one variable, sizes 3)
feedback loops: 1 (0 positive, 1 negative, 0 dual)
  - A -> B -> C -> A
readouts: Out
drugs: blocker
contexts: no_signal
scenarios: 1" "info toy.yaml text output"
empty stderr "info toy.yaml"

# Implicit inputs (X) are reported on stderr; the summary still goes to stdout.
run info toy.bnet
expect_code 0 "info toy.bnet"
same_text stdout "model: toy (toy.bnet)
variables: 6 (2 inputs, 1 constant)
inputs: S X
regulations: 6 (3 activation, 1 inhibition, 2 dual, 0 non-functional)
strongly connected components: 4 (1 with more than one variable, sizes 3)
feedback loops: 2 (0 positive, 0 negative, 2 dual)
  ~ A -> B -> C -> A
  ~ A -> C -> A" "info toy.bnet text output"
same_text stderr "toy.bnet: warning: 1 variable(s) have no rule line and are treated as inputs (they keep their value): X" \
    "info toy.bnet warning"

# --- info, JSON -----------------------------------------------------------------------------
cat >json_check.py <<'EOF'
import json, sys
j = json.load(sys.stdin)
for key in ("model", "variables", "inputs", "edges", "scc_sizes", "feedback_loops", "readouts", "drugs"):
    assert key in j, f"missing key {key!r}"
assert j["model"] == "toy", j["model"]
names = [v["name"] for v in j["variables"]]
if sys.argv[1] == "toy.yaml":
    assert names == ["S", "A", "B", "C", "K"], names
    assert j["inputs"] == ["S"], j["inputs"]
    assert j["variables"][0]["default"] == 1
    assert j["variables"][1]["rule"] == "S & !C"
    assert j["variables"][1]["module"] == "core"
    assert j["variables"][4]["constant"] is True
    assert sorted(j["scc_sizes"]) == [1, 1, 3], j["scc_sizes"]
    assert j["feedback_loops"]["negative"] == 1 and j["feedback_loops"]["total"] == 1
    assert j["feedback_loops"]["complete"] is True
    assert j["readouts"] == [{"name": "Out", "rule": "B & !C"}], j["readouts"]
    assert j["drugs"] == ["blocker"] and j["contexts"] == ["no_signal"] and j["scenarios"] == ["blocked"]
    edges = {(e["source"], e["target"]): e["sign"] for e in j["edges"]}
    assert edges == {("S", "A"): "activation", ("C", "A"): "inhibition", ("A", "B"): "activation",
                     ("B", "C"): "activation"}, edges
else:
    assert names == ["A", "B", "C", "S", "K", "X"], names
    assert j["inputs"] == ["S", "X"], j["inputs"]
    assert j["feedback_loops"]["dual"] == 2, j["feedback_loops"]
EOF
for model in toy.yaml toy.bnet; do
    run info "$model" --format json
    expect_code 0 "info $model --format json"
    if ! python3 -c 'import json, sys; json.load(sys.stdin)' <stdout; then
        fail "info $model --format json is not valid JSON"
        continue
    fi
    python3 json_check.py "$model" <stdout >json_check.log 2>&1 ||
        fail "info $model --format json content: $(cat json_check.log)"
done

# --- convert --------------------------------------------------------------------------------
# YAML -> .bnet -> YAML keeps every rule (annotations cannot live in .bnet, and we say so).
run convert toy.yaml toy_out.bnet
expect_code 0 "convert toy.yaml toy_out.bnet"
empty stdout "convert toy.yaml toy_out.bnet"
same_text stderr "toy_out.bnet: warning: .bnet holds only rules; input defaults, drugs, contexts, readouts and scenarios are not written" \
    "convert toy.yaml toy_out.bnet warning"
same_text toy_out.bnet "targets, factors
S, S
A, S & !C
B, A
C, B
K, 1" "toy.yaml as .bnet"
run convert toy_out.bnet toy_back.yaml
expect_code 0 "convert toy_out.bnet toy_back.yaml"
empty stderr "convert toy_out.bnet toy_back.yaml"
rules() { "$bitsig" info "$1" --format json | python3 -c '
import json, sys
for v in json.load(sys.stdin)["variables"]:
    print(v["name"], v.get("rule", "(input)"))'; }
edges() { "$bitsig" info "$1" --format json | python3 -c '
import json, sys
for e in json.load(sys.stdin)["edges"]:
    print(e["source"], e["target"], e["sign"])'; }
if [ "$(rules toy.yaml)" != "$(rules toy_back.yaml)" ]; then
    fail "rules changed in toy.yaml -> .bnet -> .yaml:"
    diff <(rules toy.yaml) <(rules toy_back.yaml) | sed 's/^/    /'
fi

# YAML -> YAML keeps every annotation: a second conversion changes nothing.
run convert toy.yaml toy_1.yaml
expect_code 0 "convert toy.yaml toy_1.yaml"
run convert toy_1.yaml toy_2.yml
expect_code 0 "convert toy_1.yaml toy_2.yml"
cmp -s toy_1.yaml toy_2.yml || fail "YAML -> YAML is not stable: $(diff toy_1.yaml toy_2.yml)"
grep -q 'description: the pulse' toy_1.yaml || fail "readout description lost in toy_1.yaml"
grep -q 'aliases: \[blk\]' toy_1.yaml || fail "drug alias lost in toy_1.yaml"

# .bnet -> YAML -> .bnet gives the same file as .bnet -> .bnet.
run convert toy.bnet toy_b.yaml
expect_code 0 "convert toy.bnet toy_b.yaml"
run convert toy_b.yaml toy_b.bnet
expect_code 0 "convert toy_b.yaml toy_b.bnet"
empty stderr "convert toy_b.yaml toy_b.bnet"
run convert toy.bnet toy_direct.bnet
expect_code 0 "convert toy.bnet toy_direct.bnet"
cmp -s toy_b.bnet toy_direct.bnet || fail ".bnet -> YAML -> .bnet differs from .bnet -> .bnet: $(diff toy_b.bnet toy_direct.bnet)"
# YAML keeps the text of rules read from .bnet ('^' has no .bnet spelling, so the way back
# expands it and only the signed wiring can be compared).
if [ "$(rules toy.bnet 2>/dev/null)" != "$(rules toy_b.yaml)" ]; then
    fail "rules changed in toy.bnet -> .yaml"
fi
if [ "$(edges toy.bnet 2>/dev/null)" != "$(edges toy_b.bnet)" ]; then
    fail "signed edges changed in toy.bnet -> .yaml -> .bnet"
fi

# An n-ary exclusive-or has no .bnet spelling and doubles per operand when expanded: a
# 30-operand one (tens of GB) is refused at once with exit 3, and nothing is written.
{
    printf 'format: bitsig-network/1\nname: xor30\nvariables:\n  Y:\n    rule: "'
    for i in $(seq 1 29); do printf 'x%d ^ ' "$i"; done
    printf 'x30"\n'
    for i in $(seq 1 30); do printf '  x%d:\n' "$i"; done
} >xor30.yaml
run convert xor30.yaml xor30.bnet
expect_code 3 "convert xor30.yaml xor30.bnet"
same_text stderr "error: cannot write 'Y' as .bnet: .bnet has no '^', and expanding the exclusive-or in its rule into '&', '|' and '!' would take 11 GB (a rule may grow by at most 1 MB); write YAML instead (.yaml keeps '^')" \
    "convert of a 30-operand exclusive-or to .bnet"
[ -e xor30.bnet ] && fail "a refused convert created xor30.bnet"

# --- -o writes atomically, and not at all on error -----------------------------------------
mkdir out
run info toy.yaml -o out/info.txt
expect_code 0 "info toy.yaml -o out/info.txt"
empty stdout "info toy.yaml -o out/info.txt"
"$bitsig" info toy.yaml >direct.txt
cmp -s direct.txt out/info.txt || fail "info -o wrote something else than stdout shows"
[ "$(ls -A out)" = "info.txt" ] || fail "info -o left other files behind: $(ls -A out)"
[ "$(stat -c %a out/info.txt)" = "644" ] || fail "info -o file mode is $(stat -c %a out/info.txt)"

printf 'format: bitsig-network/1\nname: bad\nvariables:\n  A:\n    rule: "B &"\n  B:\n' >bad.yaml
run info bad.yaml -o out/bad.txt
expect_code 2 "info bad.yaml -o out/bad.txt"
[ -e out/bad.txt ] && fail "info with a bad model created out/bad.txt"
echo "old contents" >out/keep.txt
run info bad.yaml -o out/keep.txt
expect_code 2 "info bad.yaml -o out/keep.txt"
[ "$(cat out/keep.txt)" = "old contents" ] || fail "info with a bad model changed an existing -o file"
run convert bad.yaml out/bad.bnet
expect_code 2 "convert bad.yaml out/bad.bnet"
[ -e out/bad.bnet ] && fail "convert with a bad model created out/bad.bnet"
run convert toy.yaml out/toy.txt
expect_code 2 "convert toy.yaml out/toy.txt"
same_text stderr "out/toy.txt: error: unknown model format '.txt': expected .yaml, .yml, .bnet, .bnd, .sbml, .xml, .booleannet or .bn" "convert to .txt"
[ -e out/toy.txt ] && fail "convert to an unknown format created out/toy.txt"
run convert toy.yaml no/such/dir/toy.bnet
expect_code 2 "convert toy.yaml no/such/dir/toy.bnet"
grep -q '^no/such/dir/toy.bnet: error: cannot write: ' stderr || fail "convert into a missing folder: $(cat stderr)"
[ "$(ls -A out)" = "$(printf 'info.txt\nkeep.txt')" ] || fail "failed runs left files behind: $(ls -A out)"

# --- usage errors exit 2 with a message on stderr and nothing on stdout --------------------
usage_cases=(
    ""
    "frobnicate"
    "info"
    "info toy.yaml extra"
    "info toy.yaml --format xml"
    "info toy.yaml --no-such-flag"
    "info --format"
    "convert toy.yaml"
    "convert"
    "--no-such-flag"
)
for args in "${usage_cases[@]}"; do
    # shellcheck disable=SC2086  # word splitting is the point
    run $args
    expect_code 2 "$args"
    empty stdout "bitsig $args"
    [ -s stderr ] || fail "bitsig $args: nothing on stderr"
done

# --- the shared models in networks/ load and convert ---------------------------------------
for model in "$source_dir"/networks/*.yaml; do
    [ -e "$model" ] || continue
    name=$(basename "$model" .yaml)
    run info "$model"
    expect_code 0 "info $model"
    run convert "$model" "$name.yaml"
    expect_code 0 "convert $model $name.yaml"
    run convert "$name.yaml" "$name.bnet"
    expect_code 0 "convert $name.yaml $name.bnet"
    run convert "$name.bnet" "${name}_back.yaml"
    expect_code 0 "convert $name.bnet ${name}_back.yaml"
    if [ "$(edges "$model")" != "$(edges "${name}_back.yaml")" ]; then
        fail "signed edges of $model changed through .bnet"
    fi
done

echo "info_convert: $checks runs, $failures failed"
[ "$failures" -eq 0 ]
