#!/usr/bin/env python3
"""`memspec run --list-workloads` says what a run of each workload does at its default size: its ops,
accesses (reads and writes, immediates included) and ticks, counted here from the scenario memspec
prints for it (`--print-scenario --jsonl`, one op per line) — not taken from the listing's code — and
checked against the summary of the run itself.

    list_workloads_test.py path/to/memspec [NAME...]

Without names: the workloads small enough to print quickly (default and the pattern-based ones).
Exit status 1 on any failure."""
import json
import re
import subprocess
import sys

LINE = re.compile(r"^(\S+)  \((\d+) ops: (\d+) accesses, (\d+) ticks\)  \S")
SUMMARY = re.compile(r"^accesses +(\d+) \(\d+ reads, \d+ writes\), (\d+) ticks$", re.M)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    memspec = argv[1]
    names = argv[2:] or ["default", "allocation", "program", "buffered", "variable"]
    listing = subprocess.run([memspec, "run", "--list-workloads"], capture_output=True, text=True, check=True).stdout
    listed = {}
    failures = []
    for line in listing.splitlines():
        m = LINE.match(line)
        if not m:
            failures.append(f"a line of the listing does not say ops, accesses and ticks: {line!r}")
            continue
        name, ops, accesses, ticks = m.group(1), *map(int, m.groups()[1:])
        listed[name] = (ops, accesses, ticks)
        if accesses + ticks != ops:
            failures.append(f"{name}: {accesses} accesses and {ticks} ticks are not {ops} ops")
    for name in names:
        if name not in listed:
            failures.append(f"{name}: not listed")
            continue
        stream = subprocess.run([memspec, "run", "--workload", name, "--print-scenario", "--jsonl"], capture_output=True, text=True, check=True)
        lines = stream.stdout.splitlines()[1:]  # the header, then one op per line
        kinds = [json.loads(x)["op"] for x in lines]
        counted = (len(kinds), sum(k in ("read", "write") for k in kinds), kinds.count("tick"))
        if listed[name] != counted:
            failures.append(f"{name}: listed {listed[name]} (ops, accesses, ticks), its scenario has {counted}")
        summary = subprocess.run([memspec, "run", "--workload", name], capture_output=True, text=True, check=True).stdout
        m = SUMMARY.search(summary)
        if not m or (int(m.group(1)), int(m.group(2))) != counted[1:]:
            failures.append(f"{name}: the run's summary says {m.group(0) if m else summary[:200]!r}, the scenario has {counted[1:]}")
    for f in failures:
        print("FAIL", f)
    print(f"list_workloads_test: {len(names)} workloads counted, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
