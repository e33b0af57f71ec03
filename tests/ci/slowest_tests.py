#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Prints the slowest tests of a ctest run, from the build's CTestCostData.txt.

Usage: slowest_tests.py COST_DATA [COUNT]
Each line of that file before its '---' is 'NAME RUNS SECONDS' (a doctest name may hold
spaces), the average wall time of the test over its runs in that build folder.
"""
import sys


def main():
    path = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    rows = []
    with open(path, encoding="utf-8", errors="replace") as cost_data:
        for line in cost_data:
            if line.startswith("---"):
                break
            fields = line.rsplit(None, 2)
            if len(fields) == 3:
                try:
                    rows.append((float(fields[2]), fields[0]))
                except ValueError:
                    continue
    rows.sort(reverse=True)
    for seconds, name in rows[:count]:
        print(f"{seconds:8.1f} s  {name}")
    print(f"{sum(s for s, _ in rows):8.1f} s  in all, {len(rows)} tests")


if __name__ == "__main__":
    main()
