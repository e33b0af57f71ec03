#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Fails when engine/ folders include each other in a cycle: the layers must stay a DAG so
# that a module can be read, tested and replaced without the ones above it.
#   include_cycles.py ENGINE_DIR
import pathlib
import re
import sys

engine = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "engine")
folders = sorted(p.name for p in engine.iterdir() if p.is_dir())
include = re.compile(r'^\s*#\s*include\s+"([a-z_0-9]+)/', re.M)
edges = {f: {} for f in folders}  # folder -> {included folder: first file that does it}
for f in folders:
    for src in sorted((engine / f).rglob("*")):
        if src.suffix not in (".hpp", ".cpp", ".h"):
            continue
        for target in include.findall(src.read_text(errors="replace")):
            if target != f and target in edges:
                edges[f].setdefault(target, str(src))

# Depth-first search for a back edge; report the cycle with the files responsible.
state = {f: 0 for f in folders}  # 0 unseen, 1 on the path, 2 done
path = []


def visit(f):
    state[f] = 1
    path.append(f)
    for g in sorted(edges[f]):
        if state[g] == 1:
            cycle = path[path.index(g):] + [g]
            print("include cycle between engine/ folders: " + " -> ".join(cycle), file=sys.stderr)
            for a, b in zip(cycle, cycle[1:]):
                print(f"  {edges[a][b]} includes {b}/", file=sys.stderr)
            return True
        if state[g] == 0 and visit(g):
            return True
    path.pop()
    state[f] = 2
    return False


for f in folders:
    if state[f] == 0 and visit(f):
        sys.exit(1)
print(f"no include cycle among {len(folders)} engine folders")
