#!/usr/bin/env python3
"""R307: `memspec prove --emit` leaves the range checker's table out and marks it derived; with
--emit-range-table it writes the table. Both files replay with `memspec check --traces` (sound AIR,
and the weakened AIR of the emitted command's --without names) to the same verdict and reason.

    prove_emit_lean.py MEMSPEC FILTER WORKDIR

Exit 0 when every expectation holds, 1 with the first that fails."""
import json
import os
import re
import shutil
import subprocess
import sys

LEAN_LIMIT = 100 * 1024  # bytes: a one-row counterexample is a few KB without the table


def fail(msg):
    print("prove_emit_lean.py: " + msg, file=sys.stderr)
    sys.exit(1)


def prove(memspec, flt, out, extra):
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.run([memspec, "prove", "--json", "--filter", flt, "--emit", out] + extra, capture_output=True)
    if run.returncode != 0:
        fail(f"prove {' '.join(extra)} exited {run.returncode}: {run.stderr.decode()}")
    emitted = {}
    for p in json.loads(run.stdout)["properties"]:
        if p.get("emitted", "").startswith("emitted "):
            path = os.path.join(out, p["name"] + ".traces.json")
            emitted[p["name"]] = (path, re.findall(r"--without '([^']*)'", p["emitted"]))
    if not emitted:
        fail(f"prove --filter {flt} emitted no counterexample")
    return emitted


def check(memspec, path, without):
    cmd = [memspec, "check", "--traces", path, "--json"]
    for w in without:
        cmd += ["--without", w]
    run = subprocess.run(cmd, capture_output=True)
    if run.returncode not in (0, 1):
        fail(f"{' '.join(cmd)} exited {run.returncode}: {run.stderr.decode()}")
    # The verdict and its reason must agree; the story may not: the written table counts the
    # weakened AIR's requests, so under the sound AIR it may also leave range-bus messages unbalanced
    # that a table derived over the sound AIR balances.
    v = json.loads(run.stdout.decode().splitlines()[0])
    return run.returncode, v["verdict"], json.dumps(v.get("reason"), sort_keys=True)


def main():
    memspec, flt, work = sys.argv[1:4]
    lean = prove(memspec, flt, os.path.join(work, "lean"), [])
    full = prove(memspec, flt, os.path.join(work, "full"), ["--emit-range-table"])
    if sorted(lean) != sorted(full):
        fail(f"the two runs emitted different properties: {sorted(lean)} vs {sorted(full)}")
    for name, (path, without) in lean.items():
        size = os.path.getsize(path)
        if size >= LEAN_LIMIT:
            fail(f"{path} is {size} bytes, not below {LEAN_LIMIT}")
        doc = json.load(open(path))
        if doc.get("range_checker") != "derived":
            fail(f"{path} lacks \"range_checker\": \"derived\"")
        if any(c["name"] == "range_checker" for c in doc["chips"]):
            fail(f"{path} carries the range checker's table")
        fpath = full[name][0]
        fdoc = json.load(open(fpath))
        if "range_checker" in fdoc:
            fail(f"{fpath} is marked derived although --emit-range-table was given")
        tables = [c for c in fdoc["chips"] if c["name"] == "range_checker"]
        if len(tables) != 1 or len(tables[0]["rows"]) != 2 ** (fdoc["config"]["decomp"] + 1):
            fail(f"{fpath} lacks the range checker's table of 2^(decomp+1) rows")
        if os.path.getsize(fpath) <= size:
            fail(f"{fpath} ({os.path.getsize(fpath)} bytes) is not larger than the lean {path} ({size})")
        for w in ([], without) if without else ([],):
            a, b = check(memspec, path, w), check(memspec, fpath, w)
            if a != b:
                fail(f"check --traces {' --without '.join([''] + w)}: lean {a} but full {b}")
            print(f"{name}: {size} vs {os.path.getsize(fpath)} bytes; without {w}: {a[1]} both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
