#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Reports the functions longer than a limit in C++ sources.

Usage: long_functions.py [--limit N] DIR_OR_FILE...
A definition starts on a line outside any function (at namespace or class scope) whose text
up to the first '{' or ';' outside parentheses holds a '(' and no '=' before it, and which
does not open with a control keyword: from there the braces are matched, with comments,
strings and character literals blanked first. Member functions are named without their class. Prints one line per
function over the limit, 'LINES file:line name', longest first; with --check, exits 1 when
there is one (CI's architecture stage), else 0.
"""
import os
import re
import sys

import cpp_text

SKIP = ("#", "}", "namespace", "struct ", "class ", "enum ", "union ", "template", "using ",
        "typedef ", "extern ", "static_assert", "TEST_SUITE", "//", "public:", "private:", "protected:")
CONTROL = {"if", "for", "while", "switch", "catch", "else", "do", "return", "case", "default:"}


def functions(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = cpp_text.blank(f.read())
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    found = []
    row = 0
    while row < len(lines):
        line = lines[row]
        code = line.lstrip()
        first_word = (code.split("(")[0].split() or [""])[0]
        if not code or code.startswith(SKIP) or first_word in CONTROL:
            row += 1
            continue
        # Up to the first '{' or ';' outside parentheses.
        pos, depth, open_at = starts[row], 0, -1
        while pos < len(text):
            ch = text[pos]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth < 0:  # the line continues a declaration begun above
                    break
            elif depth == 0 and ch in "{;":
                open_at = pos if ch == "{" else -1
                break
            pos += 1
        head = text[starts[row]:pos]
        if open_at < 0 or "(" not in head or re.search(r"[^=!<>]=[^=]", head.split("(")[0]):
            row += 1
            continue
        depth, pos = 0, open_at
        while pos < len(text):
            if text[pos] == "{":
                depth += 1
            elif text[pos] == "}":
                depth -= 1
                if depth == 0:
                    break
            pos += 1
        end_row = text.count("\n", 0, pos)
        name = re.findall(r"([~\w:]+)\s*\(", head)
        found.append((end_row - row + 1, row + 1, name[0] if name else head.strip()[:40]))
        row = end_row + 1
    return found


def main():
    args = sys.argv[1:]
    limit = 100
    check = False
    if args[:1] == ["--check"]:
        check, args = True, args[1:]
    if args[:1] == ["--limit"]:
        limit, args = int(args[1]), args[2:]
    rows = []
    paths = []
    for top in args:
        if os.path.isfile(top):
            paths.append(top)
        for root, _, names in os.walk(top):
            paths += [os.path.join(root, name) for name in sorted(names) if name.endswith((".cpp", ".hpp"))]
    for path in paths:
        rows += [(n, f"{path}:{line}", fn) for n, line, fn in functions(path) if n > limit]
    rows.sort(key=lambda r: (-r[0], r[1]))
    for n, where, fn in rows:
        print(f"{n:5d} {where} {fn}")
    print(f"{len(rows)} functions over {limit} lines")
    return 1 if check and rows else 0


if __name__ == "__main__":
    sys.exit(main())
