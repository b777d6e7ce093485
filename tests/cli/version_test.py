#!/usr/bin/env python3
"""R242: `memspec --version` prints the project version of CMakeLists.txt (read here from the file,
not from the build) and exits 0; the JSON reports — conform, diff and, when built, prove — start with
the same under "memspec"; a run's result carries no such key (its bytes are the interchange format's).

    version_test.py path/to/memspec SOURCE_DIR [--with-prove]
Exit status 1 on any failure."""
import json
import os
import re
import shlex
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    memspec, source = os.path.abspath(argv[1]), argv[2]
    with open(os.path.join(source, "CMakeLists.txt")) as f:
        want = re.search(r"project\(memspec VERSION ([0-9.]+)", f.read()).group(1)
    failures = []
    p = subprocess.run([memspec, "--version"], capture_output=True, text=True)
    m = re.fullmatch(r"memspec ([0-9.]+)(?: \(git ([A-Za-z0-9._+-]+)\))?\n", p.stdout)
    if p.returncode != 0 or not m or m.group(1) != want:
        failures.append(f"--version: exit {p.returncode}, {p.stdout!r}; expected 'memspec {want}' and exit 0")
    expected = {"version": want}
    if m and m.group(2):
        expected["git"] = m.group(2)
    q = shlex.quote(memspec)
    vectors = os.path.join(source, "tests", "data", "conform", "good", "volatile.json")
    reports = {
        "conform --json": [memspec, "conform", "--cmd", f"{q} run -", "--vectors", vectors, "--json"],
        "diff --json": [memspec, "diff", "--cmd", f"{q} run -", "--count", "3", "--json"],
    }
    if "--with-prove" in argv:
        reports["prove --json"] = [memspec, "prove", "--json", "--filter", "adapter.row.N2", "--rlimit", "1000"]
    for name, cmd in reports.items():
        out = subprocess.run(cmd, capture_output=True, text=True).stdout
        try:
            doc = json.loads(out)
        except json.JSONDecodeError:
            failures.append(f"{name}: not JSON: {out[:200]!r}")
            continue
        if not doc or next(iter(doc)) != "memspec" or doc["memspec"] != expected:
            failures.append(f"{name}: first key {next(iter(doc), None)!r} = {doc.get('memspec')!r}, expected 'memspec' = {expected}")
    run = subprocess.run([memspec, "run", "-"], input='{"ops":[{"op":"tick","by":1}]}', capture_output=True, text=True)
    if run.returncode != 0 or "memspec" in json.loads(run.stdout):
        failures.append(f"run: {run.stdout!r} (a result has no version key)")
    for f in failures:
        print("FAIL", f)
    print(f"version_test: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
