#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Robustness of the flagship's conclusions, measured with the bitsig CLI.

For every scenario of the model (a conclusion: a claim of the review encoded with its
expectation) this measures whether it survives
  1. the other update scheme: `bitsig check` evaluates each scenario under synchronous and
     asynchronous updating (update: any), so the two columns come from one run;
  2. single-edge cuts: for every regulation A -> X of the model, X's rule reads A as 0 (what
     `--cut A->X` does), and `bitsig check` is re-run on the cut model: a conclusion survives
     when no cut makes it fail;
  3. rate changes: `bitsig simulate` (MaBoSS semantics) under the unit rates and under changed
     rate_up/rate_down (three random log-uniform draws in [0.1, 10] per variable, and every
     signalling variable ten times faster or slower than the cell-fate layer); a conclusion
     survives when every expected readout ends at >= 0.95 (expected 1) or <= 0.05 (expected
     0) at max_time. Scenarios with history (from/initial/steps) are checked by `check` only
     (simulate has no steps), and "some" expectations are not simulated.

Output: a markdown table, one row per claim, written to stdout, to --out FILE, or between
the markers `<!-- flagship-robustness:begin -->` / `<!-- flagship-robustness:end -->` of the
file given with --readme. Deterministic: fixed seeds, so the same model and binary give the
same table. About 200 bitsig runs; one to four minutes (one thread each).

    python3 tests/bench/flagship_robustness.py build/cli/bitsig networks/her2_trastuzumab.yaml \
        --readme README.md
"""
import argparse
import collections
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile

import yaml

SIGNALLING_MODULES = {"receptors", "pi3k", "mapk"}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
KEYWORDS = {"and", "or", "not", "true", "false"}


def run_check(bitsig, model_path, workdir):
    out = os.path.join(workdir, "check.json")
    proc = subprocess.run([bitsig, "check", model_path, "--threads", "1", "--format", "json", "-o", out],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"bitsig check {model_path}: exit {proc.returncode}: {proc.stderr.strip()}")
    with open(out, encoding="utf-8") as f:
        return {s["scenario"]: s for s in json.load(f)["scenarios"]}


def passes(entry):
    """A scenario's own verdict, known disagreements counted by whether they still disagree."""
    return entry["verdict"] in ("pass", "known disagreement")


def edges_of(model):
    variables = model["variables"]
    for target, body in variables.items():
        rule = body.get("rule")
        if rule is None:
            continue
        sources = []
        for name in NAME.findall(str(rule)):
            if name in variables and name != target and name.lower() not in KEYWORDS and name not in sources:
                sources.append(name)
        for source in sources:
            yield source, target


def cut_model(model, source, target):
    cut = json.loads(json.dumps(model))
    rule = str(cut["variables"][target]["rule"])
    cut["variables"][target]["rule"] = re.sub(rf"\b{re.escape(source)}\b", "0", rule)
    return cut


def write_yaml(model, path):
    with open(path, "w", encoding="utf-8") as f:
        yaml.safe_dump(model, f, sort_keys=False, allow_unicode=True, width=100000)


def rate_sets(model):
    names = [n for n, b in model["variables"].items() if "rule" in b]
    sets = {}
    for seed in (1, 2, 3):
        rng = random.Random(seed)
        sets[f"random{seed}"] = {n: (10 ** rng.uniform(-1, 1), 10 ** rng.uniform(-1, 1)) for n in names}
    signalling = [n for n in names if model["variables"][n].get("module") in SIGNALLING_MODULES]
    sets["signalling x10"] = {n: (10.0, 10.0) for n in signalling}
    sets["signalling x0.1"] = {n: (0.1, 0.1) for n in signalling}
    return sets


def with_rates(model, rates):
    m = json.loads(json.dumps(model))
    for name, (up, down) in rates.items():
        m["variables"][name]["rate_up"] = round(up, 4)
        m["variables"][name]["rate_down"] = round(down, 4)
    return m


def simulate_holds(bitsig, model_path, scenario, expect, workdir, samples, max_time):
    out = os.path.join(workdir, "sim.json")
    proc = subprocess.run([bitsig, "simulate", model_path, "--scenario", scenario, "--samples", str(samples),
                           "--max-time", str(max_time), "--time-tick", str(max_time / 10), "--seed", "7",
                           "--threads", "1", "--format", "json", "-o", out], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"bitsig simulate --scenario {scenario}: exit {proc.returncode}: {proc.stderr.strip()}")
    with open(out, encoding="utf-8") as f:
        final = json.load(f)["final"]
    return all((final[k] >= 0.95) if v == 1 else (final[k] <= 0.05) for k, v in expect.items())


def claim_key(entry):
    claim = entry.get("claim") or "-"
    m = re.fullmatch(r"C(\d+)", claim)
    return (0, int(m.group(1)), claim) if m else (1, 0, claim)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bitsig", nargs="?", default="build/cli/bitsig")
    ap.add_argument("model", nargs="?", default="networks/her2_trastuzumab.yaml")
    ap.add_argument("--samples", type=int, default=400)
    ap.add_argument("--max-time", type=float, default=200.0)
    ap.add_argument("--out")
    ap.add_argument("--readme")
    args = ap.parse_args()

    with open(args.model, encoding="utf-8") as f:
        model = yaml.safe_load(f)
    scenarios = model["scenarios"]
    with tempfile.TemporaryDirectory() as work:
        base = run_check(args.bitsig, args.model, work)

        edges = list(edges_of(model))
        broken_by = collections.defaultdict(list)  # scenario -> cuts that break it
        cut_path = os.path.join(work, "cut.yaml")
        for source, target in edges:
            write_yaml(cut_model(model, source, target), cut_path)
            result = run_check(args.bitsig, cut_path, work)
            for name, entry in result.items():
                if passes(base[name]) and not passes(entry):
                    broken_by[name].append(f"{source}->{target}")

        sets = rate_sets(model)
        rate_ok = {}  # scenario -> (sets passed, sets tried), None when not simulated
        simulable = {n: s for n, s in scenarios.items()
                     if not ({"from", "initial", "steps"} & set(s)) and s.get("expect") and not s.get("known_disagreement")}
        paths = {"unit rates": args.model}
        for label, rates in sets.items():
            paths[label] = os.path.join(work, f"rates_{len(paths)}.yaml")
            write_yaml(with_rates(model, rates), paths[label])
        for name, s in simulable.items():
            expect = s["expect"]
            ok = [simulate_holds(args.bitsig, paths[label], name, expect, work, args.samples, args.max_time)
                  for label in paths]
            rate_ok[name] = (sum(ok[1:]), len(ok) - 1, ok[0])

    assumed = {x for x, b in model["variables"].items() if any(str(r).startswith("assumption:") for r in b.get("refs", []))}
    by_claim = collections.defaultdict(list)
    for name, entry in base.items():
        by_claim[entry.get("claim") or "-"].append(name)
    rows = [f"| claim | scenarios | sync | async | cuts breaking a scenario (of {len(edges)}; fewest-most) "
            "| breaking cuts into a rule carrying an assumption label | rate changes (5 sets) |",
            "|---|---|---|---|---|---|---|"]
    totals = collections.Counter()
    for claim in sorted(by_claim, key=lambda c: claim_key({"claim": c})):
        names = by_claim[claim]
        n = len(names)
        sync_n = [x for x in names if "synchronous" in base[x]]
        asyn_n = [x for x in names if "asynchronous" in base[x]]
        sync = sum(1 for x in sync_n if base[x]["synchronous"]["holds"])
        asyn = sum(1 for x in asyn_n if base[x]["asynchronous"]["holds"])
        counts = sorted(len(broken_by.get(x, [])) for x in names)
        assumption_cuts = sorted({e for x in names for e in broken_by.get(x, []) if e.split("->")[1] in assumed})
        simulated = [rate_ok[x] for x in names if x in rate_ok]
        if simulated:
            full = sum(1 for p, t, unit in simulated if p == t and unit)
            rate_cell = f"{full}/{len(simulated)}"
            unsettled = sum(1 for _, _, u in simulated if not u)
            if unsettled:
                rate_cell += f" ({unsettled} not settled at unit rates)"
        else:
            rate_cell = "—"
        known = sum(1 for x in names if base[x]["verdict"] == "known disagreement")
        label = claim + (f" ({known} known disagreement)" if known else "")
        spread = f"{counts[0]}" if counts[0] == counts[-1] else f"{counts[0]}-{counts[-1]}"
        rows.append(f"| {label} | {n} | {sync}/{len(sync_n)} | {asyn}/{len(asyn_n)} | {spread} | "
                    + (", ".join(f"`{e}`" for e in assumption_cuts) or "—") + f" | {rate_cell} |")
        totals.update(n=n, sim=len(simulated), rates=sum(1 for p, t, unit in simulated if p == t and unit),
                      sync=sync, sync_n=len(sync_n), asyn=asyn, asyn_n=len(asyn_n))
    used = {e for x in broken_by for e in broken_by[x]}
    idle = [f"{a}->{b}" for a, b in edges if f"{a}->{b}" not in used]
    fragile = collections.Counter(e for x in broken_by for e in broken_by[x])
    summary = (f"Over {totals['n']} scenarios: {totals['sync']}/{totals['sync_n']} hold under synchronous and "
               f"{totals['asyn']}/{totals['asyn_n']} under asynchronous updating (known disagreements count as "
               f"not holding); {totals['rates']}/{totals['sim']} simulated scenarios hold under every rate set. "
               f"{len(edges) - len(idle)} of {len(edges)} edges are needed by at least one scenario (their cut "
               "breaks it); the cuts that break the most scenarios are "
               + ", ".join(f"`{e}` ({c})" for e, c in fragile.most_common(6))
               + f". {len(idle)} edges break no scenario when cut: "
               + ", ".join(f"`{e}`" for e in idle) + ".")
    text = "\n".join(rows) + "\n\n" + summary + "\n"

    if args.readme:
        with open(args.readme, encoding="utf-8") as f:
            readme = f.read()
        begin, end = "<!-- flagship-robustness:begin -->", "<!-- flagship-robustness:end -->"
        if begin not in readme or end not in readme:
            sys.exit(f"{args.readme}: markers {begin} ... {end} not found")
        head, rest = readme.split(begin, 1)
        _, tail = rest.split(end, 1)
        with open(args.readme, "w", encoding="utf-8") as f:
            f.write(head + begin + "\n" + text + end + tail)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    if not args.readme and not args.out:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
