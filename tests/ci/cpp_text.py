# SPDX-License-Identifier: MIT
"""C++ source with comments and literals blanked, for the CI's line-based checks.

Both checks (long_functions.py, message_sites.py) read code with regular expressions, which
must not see a brace in a comment or a quote in a string. Every character keeps its
position and every newline stays, so offsets and line numbers in the blanked text are those
of the file.
"""
import re


def _digit_separator(text, i):
    # 1'000 or 0xFF'FF: a quote between digits is not a character literal.
    return (0 < i < len(text) - 1 and re.match(r"[0-9a-fA-F]", text[i - 1]) is not None
            and re.match(r"[0-9]", text[i + 1]) is not None)


def blank(text, keep_quotes=False):
    """Comments become spaces. String and character literals become spaces too or, with
    keep_quotes, keep their quotes around 'x's (so a '"' left in code always opens a literal)."""
    def literal(span):
        inner = re.sub(r"[^\n]", "x" if keep_quotes else " ", span[1:-1])
        return (span[0] + inner + span[-1]) if keep_quotes else " " + inner + " "

    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            k = text.find("(", i + 2)
            delim = ")" + text[i + 2:k] + '"'
            j = text.find(delim, k)
            j = n if j < 0 else j + len(delim)
            out.append(" " + literal(text[i + 1:j]))
            i = j
        elif c in "\"'":
            if c == "'" and _digit_separator(text, i):
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if j < n and text[j] == c:
                out.append(literal(text[i:j + 1]))
                i = j + 1
            else:  # unterminated: blank up to the newline, which stays
                out.append(" " * (min(j, n) - i))
                i = min(j, n)
        else:
            out.append(c)
            i += 1
    return "".join(out)
