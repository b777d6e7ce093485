#!/usr/bin/env python3
"""R333: the rule-by-rule table of what changed from OpenVM v1.0 through v1.4 to v2.0 and the
cross-version vectors agree.

  check_what_changed.py [--spec spec/memory.md] [--vectors vectors/]

The table is the one under **R333** in the spec: one row per rule that differs, whose last column
names the cross-version tests that show it as `tcId N`. The cross-version vectors are the files
vectors/cross_version_openvm_*.json, one per OpenVM profile, holding the same tcIds for the same
operations. Checked: the five files exist, hold the same tcIds with the same operations; every row
names at least one tcId and each named tcId exists; every tcId is named by some row; and each named
tcId shows a difference (its result or expected output is not the same in all five files: a test on
which every version agrees shows no change). Exit 1 with each problem printed, else 0.
"""
import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROFILES = ("openvm-v1.0-volatile", "openvm-v1.0-persistent", "openvm-v1.4-volatile", "openvm-v1.4-persistent", "openvm-v2.0")


def file_of(profile):
    return "cross_version_" + profile.replace("-", "_").replace(".", "_") + ".json"


def table_rows(spec_text):
    """The data rows of the table that follows the line starting **R333."""
    lines = spec_text.splitlines()
    start = next((i for i, l in enumerate(lines) if l.startswith("**R333")), None)
    if start is None:
        return None
    rows, in_table = [], False
    for line in lines[start + 1:]:
        if line.startswith("|"):
            in_table = True
            rows.append(line)
        elif in_table:
            break
    # Drop the header and its |---| separator.
    return [r for r in rows[2:]] if len(rows) >= 2 else []


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--spec", default=os.path.join(ROOT, "spec", "memory.md"))
    ap.add_argument("--vectors", default=os.path.join(ROOT, "vectors"))
    args = ap.parse_args(argv)
    problems = []

    tests = {}  # profile -> {tcId: ops}
    outcomes = {}  # tcId -> {profile: its result and expected output}
    for profile in PROFILES:
        path = os.path.join(args.vectors, file_of(profile))
        if not os.path.exists(path):
            problems.append(f"{file_of(profile)}: missing")
            continue
        with open(path) as f:
            doc = json.load(f)
        if doc.get("profile") != profile:
            problems.append(f"{file_of(profile)}: profile {doc.get('profile')!r}, not {profile}")
        tests[profile] = {t["tcId"]: t["scenario"]["ops"] for g in doc["testGroups"] for t in g["tests"]}
        for g in doc["testGroups"]:
            for t in g["tests"]:
                outcomes.setdefault(t["tcId"], {})[profile] = json.dumps([t["result"], t.get("expected")], sort_keys=True)
    ids = set()
    if tests:
        first = next(iter(tests.values()))
        ids = set(first)
        for profile, by_id in tests.items():
            if set(by_id) != ids:
                problems.append(f"{file_of(profile)}: tcIds {sorted(set(by_id) ^ ids)} are not in every cross-version file")
            for tc in sorted(set(by_id) & ids):
                if by_id[tc] != first[tc]:
                    problems.append(f"{file_of(profile)}: tcId {tc} runs other operations than the other files")

    with open(args.spec) as f:
        rows = table_rows(f.read())
    if rows is None:
        problems.append("no **R333 rule in the spec")
        rows = []
    if not rows:
        problems.append("R333's table has no rows")
    named = set()
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        # "tcId 6" or "tcIds 2, 3, 4, 7": every number of such a list.
        refs = set()
        for numbers in re.findall(r"tcIds? (\d+(?:, \d+)*)", cells[-1]):
            refs |= {int(n) for n in numbers.split(", ")}
        if not refs:
            problems.append(f"R333 row '{cells[0]}' names no cross-version tcId")
        for n in sorted(refs - ids):
            problems.append(f"R333 row '{cells[0]}' names tcId {n}, which no cross-version file holds")
        for n in sorted(refs & ids):
            if len(set(outcomes.get(n, {}).values())) <= 1:
                problems.append(f"R333 row '{cells[0]}' names tcId {n}, on which every version agrees")
        named |= refs
    for n in sorted(ids - named):
        problems.append(f"cross-version tcId {n} is named by no row of R333's table")

    for p in problems:
        print(p)
    print(f"R333: {len(rows)} rows, {len(ids)} cross-version tests, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
