#!/usr/bin/env python3
"""Summarises libFuzzer's -print_coverage=1 report (the COVERED_FUNC / UNCOVERED_FUNC lines at
the end of a run's log) as edges covered per part of memspec, for fuzz/README.md.

    fuzz/coverage_summary.py build/fuzz/artifacts/<target>.log ...          per part
    fuzz/coverage_summary.py --files build/fuzz/artifacts/<target>.log ...  per file

Only code under this repository counts (system headers, the standard library and the fuzz
target itself are left out); a function's edges are libFuzzer's instrumented PCs.
"""
import collections
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
LINE = re.compile(r"^(COVERED|UNCOVERED)_FUNC: hits: \d+ edges: (\d+)/(\d+) .* (\S+):\d+$")
# The layers a fuzz target can reach (README.md, "Layers").
PARTS = ["impl/", "oracle/", "spec/air/", "spec/vocabulary/", "spec/interchange/", "spec/workloads/", "util/"]


def part_of(path):
    path = os.path.normpath(path)
    if not path.startswith(ROOT + os.sep):
        return None
    rel = os.path.relpath(path, ROOT)
    for p in PARTS:
        if rel.startswith(p):
            return p
    return None


def summarise(log, by_file=False):
    covered = collections.Counter()
    total = collections.Counter()
    for line in open(log, errors="replace"):
        m = LINE.match(line.strip())
        if not m:
            continue
        part = part_of(m.group(4))
        if part is None:
            continue
        key = os.path.relpath(os.path.normpath(m.group(4)), ROOT) if by_file else part
        covered[key] += int(m.group(2))
        total[key] += int(m.group(3))
    return covered, total


def per_file(logs):
    results = {log: summarise(log, by_file=True) for log in logs}
    files = sorted({f for _, total in results.values() for f in total})
    print("| file | " + " | ".join(f"`{os.path.basename(l)[:-4]}`" for l in logs) + " |")
    print("|---|" + "---|" * len(logs))
    for f in files:
        cells = []
        for log in logs:
            covered, total = results[log]
            cells.append(f"{covered[f]}/{total[f]}" if total[f] else "—")
        print(f"| `{f}` | " + " | ".join(cells) + " |")
    return 0


def main():
    if sys.argv[1:2] == ["--files"]:
        return per_file(sys.argv[2:])
    print("| target | " + " | ".join(f"`{p}` edges" for p in PARTS) + " |")
    print("|---|" + "---|" * len(PARTS))
    for log in sys.argv[1:]:
        covered, total = summarise(log)
        if not total:
            print(f"{log}: no -print_coverage report found", file=sys.stderr)
            return 1
        cells = []
        for p in PARTS:
            cells.append(f"{covered[p]}/{total[p]} ({100.0 * covered[p] / total[p]:.0f}%)" if total[p] else "—")
        print(f"| `{os.path.basename(log)[:-4]}` | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
