#!/usr/bin/env python3
"""memspec conform's scope (spec/memory.md R245): a deliberately partial implementation
(tests/conform/impls/one_cell.py, which refuses reads and writes wider than one cell) passes with
its capabilities file, the skipped tests counted exactly and each with its reason; without the file
it fails. The expected skips are worked out here from the vector files themselves, not taken from
memspec. Also: the capabilities file is valid against spec/schemas/capabilities.schema.json, a
malformed one is bad usage (exit 2), and --file/--tc-id/--only-flags select what they name.

    scope_test.py MEMSPEC VECTORS_DIR
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
IMPL = f"{sys.executable} {HERE}/impls/one_cell.py"
CAPS = f"{HERE}/impls/one_cell.capabilities.json"
FILES = ["unaligned.json", "split_merge.json", "end_of_space.json", "openvm_v2_0.json", "merkle_roots.json"]


def fail(why, out=""):
    print(f"scope_test.py: {why}\n{out}", file=sys.stderr)
    sys.exit(1)


def conform(memspec, *args):
    p = subprocess.run([memspec, "conform", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


SCENARIO_TESTS = set()


def expected_skips(paths, caps):
    """(file, tcId) -> the kind of reason, from the files alone."""
    skips = {}
    SCENARIO_TESTS.clear()
    for path in paths:
        doc = json.load(open(path))
        for group in doc["testGroups"]:
            for t in group["tests"]:
                key = (path, t["tcId"])
                if group["type"] == "ScenarioTest":
                    SCENARIO_TESTS.add(key)
                # The scope first (a TraceTest's input is a trace set: only its file's profile
                # counts), then the command its kind needs: only --cmd is given.
                if group["type"] == "TraceTest":
                    sc = None
                elif "scenario" in t:
                    sc = t["scenario"]
                else:
                    try:
                        sc = json.loads(t["scenarioText"])
                    except ValueError:
                        sc = None
                profile = sc.get("profile") if isinstance(sc, dict) and isinstance(sc.get("profile"), str) else doc["profile"]
                if profile not in caps["profiles"]:
                    skips[key] = "profile"
                    continue
                ops = sc.get("ops") if isinstance(sc, dict) else None
                for op in ops if isinstance(ops, list) else []:
                    if not isinstance(op, dict):
                        continue
                    size = op["len"] if isinstance(op.get("len"), int) and op["len"] >= 0 else \
                        len(op["data"]) if isinstance(op.get("data"), list) else None
                    if size is not None and size not in caps["access_sizes"]:
                        skips[key] = "access"
                        break
                if key not in skips and group["type"] != "ScenarioTest":
                    skips[key] = "need"
    return skips


def main():
    memspec, vectors = sys.argv[1], sys.argv[2]
    paths = [os.path.join(vectors, f) for f in FILES]
    caps = json.load(open(CAPS))

    # The capabilities file against its schema (python3-jsonschema, as tests/schemas/validate.py).
    import jsonschema
    schema = json.load(open(os.path.join(ROOT, "spec/schemas/capabilities.schema.json")))
    jsonschema.Draft202012Validator(schema).validate(caps)

    want = expected_skips(paths, caps)
    n_access = sum(1 for v in want.values() if v == "access")
    n_need = sum(1 for v in want.values() if v == "need")
    n_profile = sum(1 for v in want.values() if v == "profile")
    if n_access == 0 or n_profile == 0 or n_need == 0:
        fail(f"the chosen vector files must hold tests of every kind of skip (access {n_access}, profile {n_profile}, need {n_need})")

    # With its capabilities (batch declared there): exit 0, exactly the expected skips.
    code, out, err = conform(memspec, "--cmd", IMPL + " --batch", "--capabilities", CAPS, "--vectors", *paths, "--json", "-j", "2")
    if code != 0:
        fail(f"with its capabilities the partial implementation must pass (exit {code})", out + err)
    report = json.loads(out)
    if report["totals"]["skipped"] != len(want):
        fail(f"skipped {report['totals']['skipped']}, expected {len(want)} ({n_access} wider than one cell, {n_profile} of another profile)", out)
    got = {(s["file"], s["tcId"]): s["reason"] for s in report["skipped"]}
    if set(got) != set(want):
        fail(f"skipped tests differ: extra {sorted(set(got) - set(want))}, missing {sorted(set(want) - set(got))}", out)
    for key, kind in want.items():
        words = {"need": "need --", "profile": "profile ", "access": "access of "}[kind]
        if words not in got[key]:
            fail(f"{key}: reason {got[key]!r} should say {words!r}", out)
    if report["totals"]["failed"] != 0 or report["totals"]["passed"] == 0 or report.get("batch") is not True:
        fail("expected passes, no failure, and the batch framing reported", out)
    if report["totals"]["tests"] != report["totals"]["passed"] + len(want):
        fail("the totals do not add up", out)

    # The text report lists each scope skip with its reason.
    code, out, err = conform(memspec, "--cmd", IMPL + " --batch", "--capabilities", CAPS, "--vectors", *paths, "-j", "2")
    scope_lines = [l for l in out.splitlines() if l.startswith("SKIP ")]
    if code != 0 or len(scope_lines) != n_access + n_profile:
        fail(f"text report: exit {code}, {len(scope_lines)} SKIP lines, expected {n_access + n_profile}", out + err)

    # Without them the refusals are failures.
    code, out, err = conform(memspec, "--cmd", IMPL, "--vectors", *paths, "--json", "-j", "2")
    report = json.loads(out)
    failed = {(f["file"], f["tcId"]) for f in report["failures"]}
    if code != 1 or not {k for k, v in want.items() if v == "access" and k in SCENARIO_TESTS} <= failed:
        fail(f"without capabilities every wide access must fail (exit {code})", out + err)

    # Selection: one file, one tcId: one test in the report.
    code, out, err = conform(memspec, "--cmd", IMPL, "--vectors", vectors, "--file", "unaligned.json", "--tc-id", "3", "--json")
    report = json.loads(out)
    if report["totals"]["tests"] != 1 or [f["path"] for f in report["files"]] != [os.path.join(vectors, "unaligned.json")]:
        fail("--file unaligned.json --tc-id 3 must select exactly one test", out + err)
    # --only-flags: every judged test carries the flag, the others are skipped.
    doc = json.load(open(paths[1]))
    flag = next(iter(doc["notes"]))
    carrying = sum(1 for g in doc["testGroups"] for t in g["tests"] if flag in t["flags"])
    code, out, err = conform(memspec, "--cmd", IMPL, "--vectors", paths[1], "--only-flags", flag, "--skip-flags", "NoSuchFlagAnywhere", "--json")
    if code != 2 or "NoSuchFlagAnywhere" not in err:
        fail("an unknown flag in --skip-flags must be bad usage (exit 2)", out + err)
    code, out, err = conform(memspec, "--cmd", f"{sys.executable} {ROOT}/tests/wrong_impls/openvm_memory.py", "--vectors", paths[1],
                             "--only-flags", flag, "--json")
    report = json.loads(out)
    if code != 0 or report["totals"]["passed"] != carrying or report["totals"]["skipped"] != report["totals"]["tests"] - carrying:
        fail(f"--only-flags {flag}: {carrying} tests carry it", out + err)

    # A malformed capabilities file is bad usage, naming the key.
    bad = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"memspec_scope_test_{os.getpid()}.json")
    with open(bad, "w") as f:
        json.dump({"acces_sizes": [1]}, f)
    try:
        code, out, err = conform(memspec, "--cmd", IMPL, "--capabilities", bad, "--vectors", paths[0])
    finally:
        os.unlink(bad)
    if code != 2 or "unknown key \"acces_sizes\"" not in err:
        fail(f"an unknown key must be bad usage (exit {code})", out + err)
    print(f"scope: {len(want)} skipped ({n_access} wider than one cell, {n_profile} of another profile), the rest passed")


if __name__ == "__main__":
    main()
