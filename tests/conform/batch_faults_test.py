#!/usr/bin/env python3
"""memspec conform --batch (spec/memory.md R246): a batch process that crashes, hangs, exits, floods
its output or prints garbage fails the test it was answering, with that cause and that test named;
the other tests are judged by a fresh process and pass. The tests with a tick in
tests/data/conform/good/volatile.json (tcIds 4, 5, 6, read from the file here) are the faulty ones.

    batch_faults_test.py MEMSPEC
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VECTORS = os.path.join(ROOT, "tests/data/conform/good/volatile.json")
CAUSES = {
    "crash": "killed by signal 11 (SIGSEGV)",
    "hang": "timed out after",
    "exit": "exit status 3",
    "flood": "output exceeded 67108864 bytes",
    "noise": "is not JSON: not json",
}


def main():
    memspec = sys.argv[1]
    doc = json.load(open(VECTORS))
    tests = [t for g in doc["testGroups"] for t in g["tests"]]
    faulty = {t["tcId"] for t in tests if "tick" in json.dumps(t.get("scenario", t.get("scenarioText")))}
    assert faulty and len(faulty) < len(tests)
    for mode, cause in CAUSES.items():
        cmd = f"{sys.executable} {HERE}/impls/faulty_batch.py {mode}"
        p = subprocess.run([memspec, "conform", "--batch", "--cmd", cmd, "--vectors", VECTORS,
                            "--timeout", "1" if mode == "hang" else "30", "--json"],
                           capture_output=True, text=True, timeout=120)
        report = json.loads(p.stdout)
        failed = {f["tcId"]: f for f in report["failures"]}
        problems = []
        if p.returncode != 1:
            problems.append(f"exit {p.returncode}, expected 1")
        if set(failed) != faulty:
            problems.append(f"failed tcIds {sorted(failed)}, expected {sorted(faulty)}")
        if report["totals"]["passed"] != len(tests) - len(faulty):
            problems.append(f"{report['totals']['passed']} passed, expected {len(tests) - len(faulty)}")
        for tc, f in failed.items():
            words = json.dumps(f["difference"])
            if cause not in words:
                problems.append(f"tcId {tc}: the difference does not say {cause!r}: {words}")
            if f"--tc-id {tc}" not in f.get("reproduce", "") or "--batch" not in f.get("reproduce", ""):
                problems.append(f"tcId {tc}: no reproduce command naming it: {f.get('reproduce')!r}")
        if problems:
            print(f"batch_faults_test.py: {mode}: " + "; ".join(problems) + "\n" + p.stdout + p.stderr, file=sys.stderr)
            return 1
        print(f"{mode}: tcIds {sorted(faulty)} failed with {cause!r}, the others passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
