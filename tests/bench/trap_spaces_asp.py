#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Minimal trap spaces: bitsig against an answer-set program solved by clingo, same run.

    tests/bench/trap_spaces_asp.py BITSIG [MODEL_DIR] [--limit N] [--timeout S] [--slowest K]

For every .bnet model: the first N (1000) minimal trap spaces by `bitsig trap-spaces` and by
clingo on the ASP encoding below, each timed as a whole process (wall clock, parsing
included). Then the K (10) models where clingo is slowest, with the ratio clingo / bitsig
on each and in total. When both listings are complete they must be the same set (checked).

The ASP encoding is the dual-rail (siphon) view of trap spaces, written here from the
definition: s(V,B) means "variable V may take value B in the subspace"; each rule is put
in negation normal form and evaluated three-valued, m(E,B) meaning "subformula E may be
B": a conjunction may be 1 when all its parts may and 0 when one may, dually for a
disjunction. A variable fixed to B needs a rule that may not take the other value, i.e.
m(root,B) -> s(V,B). Subset-minimal answer sets over s/2 (clingo's domain heuristic with
sign false on the shown atoms and --enum-mode=domRec) are the minimal trap spaces.
Three-valued evaluation is exact only for rules that are unate as written, so models with
a rule mentioning a variable under both signs are timed but not compared, and marked.
Needs clingo (Debian package gringo).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.setrecursionlimit(100000)
TOKEN = re.compile(r"\s*([A-Za-z0-9_.]+|[&|!()])")


def tokenize(text):
    pos, out = 0, []
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            raise ValueError("cannot read rule near: " + text[pos:pos + 20])
        out.append(m.group(1))
        pos = m.end()
    return out


def parse(tokens):
    """Tuples: ('var', name), ('const', bool), ('not', e), ('and', [..]), ('or', [..])."""
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def disjunction():
        parts = [conjunction()]
        while peek() == "|":
            take()
            parts.append(conjunction())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def conjunction():
        parts = [unary()]
        while peek() == "&":
            take()
            parts.append(unary())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def unary():
        t = take()
        if t == "!":
            return ("not", unary())
        if t == "(":
            e = disjunction()
            take()  # ')'
            return e
        if t in ("0", "false", "False"):
            return ("const", False)
        if t in ("1", "true", "True"):
            return ("const", True)
        return ("var", t)

    return disjunction()


def nnf(e, negated=False):
    kind = e[0]
    if kind == "var":
        return ("lit", e[1], not negated)
    if kind == "const":
        return ("const", e[1] != negated)
    if kind == "not":
        return nnf(e[1], not negated)
    op = kind if not negated else ("or" if kind == "and" else "and")
    return (op, [nnf(x, negated) for x in e[1]])


def read_bnet(path):
    rules, order = {}, []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line or line.startswith("targets"):
                continue
            target, rule = line.split(",", 1)
            target = target.strip()
            order.append(target)
            rules[target] = nnf(parse(tokenize(rule)))
    # Variables read but never defined are inputs, after the defined ones, as bitsig does.
    def names(e, out):
        if e[0] == "lit":
            out.append(e[1])
        elif e[0] in ("and", "or"):
            for x in e[1]:
                names(x, out)
    for t in list(order):
        found = []
        names(rules[t], found)
        for n in found:
            if n not in rules:
                rules[n] = ("lit", n, True)
                order.append(n)
    return order, rules


def asp_program(order, rules):
    index = {name: i for i, name in enumerate(order)}
    lines = ["{ s(V,0); s(V,1) } :- node(V).", ":- node(V), not s(V,0), not s(V,1)."]
    lines += ["node(%d)." % i for i in range(len(order))]
    counter = [0]
    unate = True

    def emit(e, signs):
        nonlocal unate
        kind = e[0]
        if kind == "lit":
            v = index[e[1]]
            key = (v, e[2])
            if (v, not e[2]) in signs:
                unate = False
            signs.add(key)
            # "may be 1" of a positive literal is s(v,1); of a negative one s(v,0).
            return ("s(%d,%d)" % (v, 1 if e[2] else 0), "s(%d,%d)" % (v, 0 if e[2] else 1))
        if kind == "const":
            return ("#true", "#false") if e[1] else ("#false", "#true")
        parts = [emit(x, signs) for x in e[1]]
        counter[0] += 1
        g = counter[0]
        one, zero = "m(%d,1)" % g, "m(%d,0)" % g
        all_of, any_of = (0, 1) if kind == "and" else (1, 0)
        lines.append("%s :- %s." % ((one, zero)[all_of], ", ".join(p[all_of] for p in parts)))
        for p in parts:
            lines.append("%s :- %s." % ((one, zero)[any_of], p[any_of]))
        return (one, zero)

    for name in order:
        v = index[name]
        rule = rules[name]
        if rule == ("lit", name, True):
            continue  # an input keeps its value: no condition
        one, zero = emit(rule, set())
        lines.append("s(%d,1) :- %s." % (v, one))
        lines.append("s(%d,0) :- %s." % (v, zero))
    lines.append("#show s/2.")
    return "\n".join(lines) + "\n", unate


def run_clingo(program_path, n_vars, limit, timeout):
    cmd = ["clingo", program_path, "-n", str(limit), "--enum-mode=domRec", "--heuristic=Domain",
           "--dom-mod=false,show", "--outf=2"]
    start = time.perf_counter()
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout).stdout
    except subprocess.TimeoutExpired:
        return None, None, timeout
    seconds = time.perf_counter() - start
    result = json.loads(out)
    spaces = set()
    for call in result.get("Call", []):
        for w in call.get("Witnesses", []):
            text = ["*"] * n_vars
            allowed = [set() for _ in range(n_vars)]
            for atom in w["Value"]:
                v, b = map(int, atom[2:-1].split(","))
                allowed[v].add(b)
            for v in range(n_vars):
                if allowed[v] == {0}:
                    text[v] = "0"
                elif allowed[v] == {1}:
                    text[v] = "1"
            spaces.add("".join(text))
    complete = result.get("Models", {}).get("More", "no") == "no"
    return spaces, complete, seconds


def run_bitsig(bitsig, model, limit, timeout):
    start = time.perf_counter()
    try:
        out = subprocess.run([bitsig, "trap-spaces", model, "--limit", str(limit), "--format", "json"],
                             capture_output=True, text=True, timeout=timeout, check=True).stdout
    except subprocess.TimeoutExpired:
        return None, None, timeout
    seconds = time.perf_counter() - start
    j = json.loads(out)
    return set(j["trap_spaces"]), j["complete"], seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bitsig")
    ap.add_argument("models", nargs="?", default=os.path.join(os.path.dirname(__file__), "../../../shared/models/bbm"))
    ap.add_argument("--limit", type=int, default=1000)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--slowest", type=int, default=10)
    args = ap.parse_args()
    if not shutil.which("clingo"):
        print("skipped: clingo not found (apt-get install gringo)")
        return 0
    if not os.path.isdir(args.models):
        print("skipped: %s not found" % args.models)
        return 0
    rows, mismatches = [], 0
    work = tempfile.mkdtemp()
    for name in sorted(f for f in os.listdir(args.models) if f.endswith(".bnet")):
        path = os.path.join(args.models, name)
        order, rules = read_bnet(path)
        program, unate = asp_program(order, rules)
        lp = os.path.join(work, "model.lp")
        with open(lp, "w") as f:
            f.write(program)
        asp, asp_complete, asp_s = run_clingo(lp, len(order), args.limit, args.timeout)
        ours, our_complete, our_s = run_bitsig(args.bitsig, path, args.limit, args.timeout)
        same = ""
        if unate and asp_complete and our_complete and asp is not None and ours is not None:
            same = "same" if asp == ours else "DIFFERENT"
            mismatches += asp != ours
        print("%-50s asp %8.3f s (%5s)  bitsig %7.3f s (%5s)  %s%s" % (
            name, asp_s, "?" if asp is None else len(asp), our_s, "?" if ours is None else len(ours),
            same, "" if unate else " (mixed-sign rules: not compared)"), flush=True)
        rows.append((asp_s, our_s, name))
    shutil.rmtree(work)
    rows.sort(reverse=True)
    top = rows[:args.slowest]
    print("\nthe %d models where clingo is slowest (first %d minimal trap spaces):" % (len(top), args.limit))
    for asp_s, our_s, name in top:
        print("  %-50s clingo %8.3f s  bitsig %7.3f s  ratio %6.1fx" % (name, asp_s, our_s, asp_s / our_s))
    ta, tb = sum(r[0] for r in top), sum(r[1] for r in top)
    print("total on those: clingo %.2f s, bitsig %.2f s, clingo / bitsig = %.1fx" % (ta, tb, ta / tb))
    print("all %d models: clingo %.2f s, bitsig %.2f s" % (len(rows), sum(r[0] for r in rows), sum(r[1] for r in rows)))
    if mismatches:
        print("%d models where complete listings differ" % mismatches)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
