#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Fails when a user-facing message is worded at its raise site instead of in the catalogue.

Usage: message_sites.py DIR_OR_FILE...
Every wording a user reads lives in engine/core/error.cpp (namespace bitsig::errors), so that
the front ends agree and tests can pin the text. This check looks, in the C++ sources given
(comments blanked, engine/core/error.cpp skipped), for a string literal in the message of
  - errors::general / in_file / located / warning_in_file (the message and note arguments),
  - ResourceError(...) (any argument),
  - a reader's local raise helper: fail, fail_at, file_error, cannot_write, error or NAME_error (any argument;
    std::runtime_error and the like, written with '::', are internal errors and are not counted,
    nor are declarations such as `static Type input_error(m, "InputError")`),
  - throw SomethingError("...") and `.message = ...` / `.note += ...` assignments.
A literal inside a catalogue call (errors::expected_value("0 or 1", ...)) or a subscript
(node["samples"]) is an argument of the wording, not the wording, and is allowed. Prints
'file:line: ...' per finding and exits 1 when there is one, else 0.
"""
import os
import re
import sys

import cpp_text

SKIPPED = os.path.join("engine", "core", "error.cpp")

# Which arguments of the generic shapes hold wording (0-based).
SHAPES = {"general": (0, 1), "in_file": (1, 2), "located": (1, 4), "warning_in_file": (1,)}

SHAPE_CALL = re.compile(r"\berrors::(general|in_file|located|warning_in_file)\s*\(")
RESOURCE_CALL = re.compile(r"\bResourceError\s*\(")
HELPER_CALL = re.compile(r"(?<![\w:])(fail|fail_at|file_error|cannot_write|error|[A-Za-z]\w*_error)\s*\(")
THROW_LITERAL = re.compile(r"\bthrow\s+[\w:]*Error\s*\(\s*\"")
FIELD_ASSIGN = re.compile(r"\.(message|note)\s*\+?=(?!=)")
CATALOGUE_CALL = re.compile(r"\berrors::\w+\s*\(")


def closing(text, open_at):
    """Index of the bracket that closes the one at open_at (or len(text))."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for i in range(open_at, len(text)):
        c = text[i]
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return i
    return len(text)


def arguments(text, open_at):
    """(start, end) spans of the top-level arguments of the call whose '(' is at open_at."""
    end = closing(text, open_at)
    spans, depth, start = [], 0, open_at + 1
    for i in range(open_at + 1, end):
        c = text[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            spans.append((start, i))
            start = i + 1
    if text[start:end].strip():
        spans.append((start, end))
    return spans


def literal_outside_arguments_of_wordings(text, start, end):
    """Offset of a string literal in text[start:end] that is not inside a catalogue call or a
    subscript, or None."""
    i = start
    while i < end:
        m = CATALOGUE_CALL.match(text, i)
        if m:
            i = closing(text, m.end() - 1) + 1
            continue
        if text[i] == "[":
            i = closing(text, i) + 1
            continue
        if text[i] == '"':
            return i
        i += 1
    return None


def declares(text, at):
    """Whether the name at `at` is declared there (`void fail(...)`, `Type<T> error(m, "x")`)
    rather than called: a type name or '>' comes right before it."""
    i = at - 1
    while i >= 0 and text[i] in " \t\n":
        i -= 1
    if i < 0 or text[i] == ">":
        return i >= 0
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] == "_"):
        j -= 1
    word = text[j + 1:i + 1]
    return word != "" and word not in ("else", "return", "throw", "do", "case")


def findings(path):
    text = cpp_text.blank(open(path, encoding="utf-8", errors="replace").read(), keep_quotes=True)

    def line(offset):
        return text.count("\n", 0, offset) + 1

    found = []

    def check(spans, what, call_at):
        for s, e in spans:
            hit = literal_outside_arguments_of_wordings(text, s, e)
            if hit is not None:
                found.append((line(hit), "a literal message passed to " + what))
                return

    for m in SHAPE_CALL.finditer(text):
        spans = arguments(text, m.end() - 1)
        check([spans[k] for k in SHAPES[m.group(1)] if k < len(spans)], "errors::" + m.group(1), m.start())
    for m in RESOURCE_CALL.finditer(text):
        check(arguments(text, m.end() - 1), "ResourceError", m.start())
    for m in HELPER_CALL.finditer(text):
        if not declares(text, m.start()):
            check(arguments(text, m.end() - 1), "the raise helper " + m.group(1), m.start())
    for m in THROW_LITERAL.finditer(text):
        found.append((line(m.end() - 1), "a literal message thrown directly"))
    for m in FIELD_ASSIGN.finditer(text):
        stop = text.find(";", m.end())
        hit = literal_outside_arguments_of_wordings(text, m.end(), len(text) if stop < 0 else stop)
        if hit is not None:
            found.append((line(hit), "a literal assigned to a diagnostic's " + m.group(1)))
    first = {}
    for line_number, what in found:
        first.setdefault(line_number, what)  # one report per line
    return sorted(first.items())


def sources(roots):
    for root in roots:
        if os.path.isfile(root):
            yield root
            continue
        for folder, _, files in os.walk(root):
            for name in sorted(files):
                if name.endswith((".cpp", ".hpp")):
                    yield os.path.join(folder, name)


def main(argv):
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failures = 0
    for path in sources(argv):
        if os.path.normpath(path).endswith(SKIPPED):
            continue
        for line, what in findings(path):
            print(f"{path}:{line}: {what}: word it in engine/core/error.cpp (namespace bitsig::errors)")
            failures += 1
    if failures:
        print(f"message_sites: {failures} message(s) worded outside the catalogue", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
