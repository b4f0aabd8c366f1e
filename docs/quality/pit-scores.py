#!/usr/bin/env python3
"""Per-package mutation scores from PIT's mutations.csv (detected = KILLED, TIMED_OUT, MEMORY_ERROR,
RUN_ERROR; the denominator counts every mutant, NO_COVERAGE included, as PIT's own score does).
Usage: python3 docs/quality/pit-scores.py theory/target/pit-reports/mutations.csv [...]"""
import csv, sys
from collections import defaultdict

DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}
for path in sys.argv[1:]:
    per = defaultdict(lambda: [0, 0, 0])  # detected, survived, no coverage
    for row in csv.reader(open(path)):
        if len(row) < 6:
            continue  # a partially written last line
        cls, status = row[1], row[5]
        pkg = cls.rsplit(".", 1)[0].split("$")[0]
        if status in DETECTED:
            per[pkg][0] += 1
        elif status == "NO_COVERAGE":
            per[pkg][2] += 1
        else:
            per[pkg][1] += 1
    tot = [sum(v[i] for v in per.values()) for i in range(3)]
    print(f"{path}")
    print(f"| package | mutants | killed | survived | no coverage | score |")
    print(f"|---|---|---|---|---|---|")
    for pkg in sorted(per):
        d, s, n = per[pkg]
        print(f"| {pkg} | {d+s+n} | {d} | {s} | {n} | {100*d/(d+s+n):.1f}% |")
    d, s, n = tot
    print(f"| **total** | {d+s+n} | {d} | {s} | {n} | **{100*d/(d+s+n):.1f}%** |")
