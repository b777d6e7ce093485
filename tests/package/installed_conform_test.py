#!/usr/bin/env python3
"""An installed memspec as a CI gate (spec/memory.md R243, R247): its `memspec conform`, on the
vectors it installed, against the independent Python model (tests/wrong_impls/openvm_memory.py)
in batch mode, scoped to the model's profiles, writes JUnit XML and HTML whose counts match what
the installed vector files say, worked out here; the HTML is counted in headless Chromium.

    installed_conform_test.py INSTALLED_MEMSPEC
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODEL = f"{sys.executable} {ROOT}/tests/wrong_impls/openvm_memory.py --batch"
PAGE = os.path.join(ROOT, "tests/browser/chromium_page.py")
PROFILES = ["generalized", "openvm-v1.0-volatile", "openvm-v1.0-persistent"]  # the model's (its PROFILES)


def fail(why, out=""):
    print(f"installed_conform_test.py: {why}\n{out}", file=sys.stderr)
    sys.exit(1)


def main():
    memspec = os.path.abspath(sys.argv[1])
    vectors = os.path.join(os.path.dirname(os.path.dirname(memspec)), "share", "memspec", "vectors")
    files = sorted(f for f in os.listdir(vectors) if f.endswith(".json"))
    if not files:
        fail(f"no vectors installed in {vectors}")
    status, cells = {}, {}
    for name in files:
        doc = json.load(open(os.path.join(vectors, name)))
        for g in doc["testGroups"]:
            for t in g["tests"]:
                sc = t.get("scenario")
                profile = sc.get("profile") if isinstance(sc, dict) and isinstance(sc.get("profile"), str) else doc["profile"]
                s = "passed" if g["type"] == "ScenarioTest" and profile in PROFILES else "skipped"
                status[(name, t["tcId"])] = s
                for flag in t["flags"] or ["(no flag)"]:
                    cells.setdefault((name, flag), set()).add(s)
    n = {s: sum(1 for v in status.values() if v == s) for s in ("passed", "skipped")}
    with tempfile.TemporaryDirectory() as tmp:
        junit, page = os.path.join(tmp, "conform.xml"), os.path.join(tmp, "conform.html")
        p = subprocess.run([memspec, "conform", "--batch", "--cmd", MODEL, "--profile", ",".join(PROFILES), "-j", "2",
                            "--junit", junit, "--html", page, "--json"], capture_output=True, text=True, timeout=900)
        if p.returncode != 0:
            fail(f"the installed memspec conform: exit {p.returncode}", p.stdout[-3000:] + p.stderr)
        report = json.loads(p.stdout)
        t = report["totals"]
        if (t["tests"], t["passed"], t["failed"], t["skipped"]) != (len(status), n["passed"], 0, n["skipped"]):
            fail(f"totals {t}, expected {len(status)} tests, {n}")
        root = ET.parse(junit).getroot()
        cases = root.findall("./testsuite/testcase")
        skipped = sum(1 for c in cases if c.find("skipped") is not None)
        failed = sum(1 for c in cases if c.find("failure") is not None)
        if len(cases) != len(status) or skipped != n["skipped"] or failed != 0:
            fail(f"JUnit: {len(cases)} testcases, {skipped} skipped, {failed} failed; expected {len(status)}, {n['skipped']}, 0")
        classes = {k: "passed" if "passed" in v else "skipped" for k, v in cells.items()}
        expects = ["--expect", f"tr.file={len(files)}", "--expect", "tr.failure=0", "--expect", f"tr.skip={n['skipped']}",
                   "--expect", f"td.passed={sum(1 for c in classes.values() if c == 'passed')}",
                   "--expect", f"td.skipped={sum(1 for c in classes.values() if c == 'skipped')}",
                   "--expect", "td.failed=0", "--expect-text", "PASSED"]
        r = subprocess.run([sys.executable, PAGE, page] + expects, capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            fail(f"the HTML report in Chromium (exit {r.returncode})", r.stdout + r.stderr)
    print(f"installed memspec conform, batch mode: {len(status)} tests, {n['passed']} passed, {n['skipped']} skipped; JUnit and HTML as expected")


if __name__ == "__main__":
    main()
