#!/usr/bin/env python3
"""Merges a baseline PIT mutations.csv with a re-run over a subset of classes: rows of every class
that the re-run mutated replace the baseline rows of that class. Writes the merged CSV to stdout.
Usage: python3 docs/quality/pit-merge.py baseline.csv rerun.csv > merged.csv"""
import csv, sys

base, rerun = sys.argv[1], sys.argv[2]
rows_rerun = [r for r in csv.reader(open(rerun)) if len(r) >= 6]
classes = {r[1].split("$")[0] for r in rows_rerun}
out = csv.writer(sys.stdout)
for r in csv.reader(open(base)):
    if len(r) >= 6 and r[1].split("$")[0] not in classes:
        out.writerow(r)
for r in rows_rerun:
    out.writerow(r)
