#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds the seed corpus of one fuzzer from the project's own models and fixtures (and the
small models of the shared BBM collection when it is there), so no copies are committed.
Seeds are named by content hash, so a seed found twice is stored once.

Usage: corpus.py NAME OUT_DIR SOURCE_DIR [SHARED_DIR]
  NAME is the harness name without 'fuzz_' (rule, yaml, bnet, maboss, sbml, ...).
"""
import hashlib
import pathlib
import re
import sys

# Which files seed which harness; a harness not listed is seeded by files named *.NAME.
EXTENSIONS = {
    "yaml": ["yaml", "yml"],
    "sbml": ["sbml", "xml"],
    "maboss": ["bnd", "cfg"],
    "booleannet": ["booleannet", "txt"],
}
SMALL = 8 * 1024  # a large seed raises libFuzzer's input length and slows every run
MAX_RULES = 1500


def model_files(source, shared, extensions):
    roots = [source / "networks", source / "tests" / "data"]
    found = []
    for ext in extensions:
        for root in roots:
            found += root.rglob(f"*.{ext}")
        if shared and (shared / "models").is_dir():
            found += [p for p in (shared / "models").rglob(f"*.{ext}") if p.stat().st_size <= SMALL]
    return sorted(p for p in found if p.is_file())


def rules(source, shared):
    """One seed per rule: `rule:` values of YAML models, right sides of .bnet lines."""
    out = []
    for f in model_files(source, shared, ["yaml"]):
        for line in f.read_bytes().splitlines():
            m = re.match(rb'\s*rule:\s*"?(.*?)"?\s*$', line)
            if m and m.group(1):
                out.append(m.group(1))
    for f in model_files(source, shared, ["bnet"]):
        for line in f.read_bytes().splitlines():
            if b"," in line and not line.lstrip().startswith(b"#"):
                out.append(line.split(b",", 1)[1].strip())
    distinct = sorted(set(out))
    return distinct[:: max(1, len(distinct) // MAX_RULES)]  # an even spread, not the first in order


def main():
    name, out = sys.argv[1], pathlib.Path(sys.argv[2])
    source = pathlib.Path(sys.argv[3])
    shared = pathlib.Path(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
    if name == "rule":
        seeds = rules(source, shared)
    else:
        seeds = [f.read_bytes() for f in model_files(source, shared, EXTENSIONS.get(name, [name]))]
    seeds = [s for s in seeds if s] or [b"x"]  # every fuzzer starts from something
    out.mkdir(parents=True, exist_ok=True)
    for s in seeds:
        (out / hashlib.sha1(s).hexdigest()).write_bytes(s)


if __name__ == "__main__":
    main()
