#!/usr/bin/env python3
"""memspec conform's CI reports (spec/memory.md R247). One run of a batch implementation that
fails the tests with a tick (tests/conform/impls/faulty_batch.py exit), with one flag skipped,
writes JUnit XML and HTML; the counts expected are worked out here from the vector file alone:

- JUnit: one <testcase> per test, <failure> for exactly the failing tests, each with its localized
  difference and a reproduce command naming its tcId; <skipped> with the reason; the totals.
- every failure's reproduce command, run as printed (the text and JSON reports' too), judges that
  one test alone and fails it;
- HTML, rendered in headless Chromium (tests/browser/chromium_page.py): the files × flags cells by
  status, one row per failure with expected and actual, one per skipped test;
- a report file that cannot be written is exit status 3.

    reports_test.py MEMSPEC [--installed]   (the memspec under test: a build's or an installed one)
"""
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VECTORS = os.path.join(ROOT, "tests/data/conform/good/volatile.json")
PAGE = os.path.join(ROOT, "tests/browser/chromium_page.py")
IMPL = f"{sys.executable} {HERE}/impls/faulty_batch.py exit"
SKIP = "SplitOrder"


def fail(why, out=""):
    print(f"reports_test.py: {why}\n{out}", file=sys.stderr)
    sys.exit(1)


def main():
    memspec = sys.argv[1]
    doc = json.load(open(VECTORS))
    tests = [t for g in doc["testGroups"] for t in g["tests"]]
    status = {}
    for t in tests:
        text = json.dumps(t.get("scenario", t.get("scenarioText")))
        status[t["tcId"]] = "skipped" if SKIP in t["flags"] else "failed" if "tick" in text else "passed"
    n = {s: sum(1 for v in status.values() if v == s) for s in ("passed", "failed", "skipped")}
    assert all(n.values()), n
    # The matrix's cells: one file, one cell per flag, the class of its worst status.
    cells = {}
    for t in tests:
        for flag in t["flags"] or ["(no flag)"]:
            cells.setdefault(flag, set()).add(status[t["tcId"]])
    cell_class = {f: "failed" if "failed" in s else "passed" if "passed" in s else "skipped" for f, s in cells.items()}

    with tempfile.TemporaryDirectory() as tmp:
        junit, page = os.path.join(tmp, "report.xml"), os.path.join(tmp, "report.html")
        p = subprocess.run([memspec, "conform", "--batch", "--cmd", IMPL, "--vectors", VECTORS, "--skip-flags", SKIP,
                            "--junit", junit, "--html", page, "--json"], capture_output=True, text=True, timeout=300)
        if p.returncode != 1:
            fail(f"exit {p.returncode}, expected 1", p.stdout + p.stderr)
        report = json.loads(p.stdout)

        # JUnit.
        root = ET.parse(junit).getroot()
        if root.tag != "testsuites" or int(root.get("tests")) != len(tests) or int(root.get("failures")) != n["failed"] \
                or int(root.get("skipped")) != n["skipped"]:
            fail(f"<testsuites> totals {root.attrib}, expected {len(tests)} tests, {n}")
        cases = root.findall("./testsuite/testcase")
        if len(cases) != len(tests):
            fail(f"{len(cases)} testcases, expected {len(tests)}")
        for case in cases:
            tc = int(re.match(r"tcId (\d+)", case.get("name")).group(1))
            got = "failed" if case.find("failure") is not None else "skipped" if case.find("skipped") is not None else "passed"
            if got != status[tc]:
                fail(f"testcase tcId {tc} is {got}, expected {status[tc]}")
            if got == "failed":
                body = case.find("failure").text
                if "exit status 3" not in body or f"--tc-id {tc}" not in body or "reproduce: memspec conform" not in body:
                    fail(f"tcId {tc}: the failure lacks its difference or reproduce command: {body!r}")
            if got == "skipped" and SKIP not in case.find("skipped").get("message"):
                fail(f"tcId {tc}: the skip does not say why")

        # Reproduce commands: JSON's and the text report's, each run alone.
        commands = [f["reproduce"] for f in report["failures"]]
        text = subprocess.run([memspec, "conform", "--batch", "--cmd", IMPL, "--vectors", VECTORS, "--skip-flags", SKIP],
                              capture_output=True, text=True, timeout=300).stdout
        text_commands = re.findall(r"^    reproduce: (.*)$", text, re.M)
        if sorted(commands) != sorted(text_commands) or len(commands) != n["failed"]:
            fail("the text and JSON reports must give the same reproduce command for each failure", text)
        for cmd in commands:
            argv = shlex.split(cmd)
            if argv[:2] != ["memspec", "conform"]:
                fail(f"a reproduce command starts with memspec conform: {cmd}")
            r = subprocess.run([memspec] + argv[1:] + ["--json"], capture_output=True, text=True, timeout=120)
            alone = json.loads(r.stdout)
            if r.returncode != 1 or alone["totals"]["tests"] != 1 or alone["totals"]["failed"] != 1:
                fail(f"{cmd} must judge its test alone and fail it (exit {r.returncode})", r.stdout + r.stderr)

        # HTML in Chromium.
        expects = ["--expect", f"tr.failure={n['failed']}", "--expect", f"tr.skip={n['skipped']}",
                   "--expect", f"tr.reproduce={n['failed']}", "--expect", "tr.file=1",
                   "--expect-text", "reproduce: memspec conform", "--expect-text", f"{len(tests)} tests"]
        for cls in ("passed", "failed", "skipped"):
            expects += ["--expect", f"td.{cls}={sum(1 for c in cell_class.values() if c == cls)}"]
        r = subprocess.run([sys.executable, PAGE, page] + expects, capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            fail(f"the HTML report in Chromium (exit {r.returncode})", r.stdout + r.stderr)

        # A report that cannot be written: exit 3.
        r = subprocess.run([memspec, "conform", "--batch", "--cmd", IMPL, "--vectors", VECTORS, "--junit", os.path.join(tmp, "no/such/dir.xml")],
                           capture_output=True, text=True, timeout=300)
        if r.returncode != 3 or "cannot write" not in r.stderr:
            fail(f"an unwritable --junit must be exit 3 (got {r.returncode})", r.stderr)
    print(f"reports: {len(tests)} tests ({n}), JUnit, reproduce commands and HTML as expected")


if __name__ == "__main__":
    main()
