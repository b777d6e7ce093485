#!/usr/bin/env python3
"""Mutation testing of impl/: applies each fault of mutations.py to a copy of the tree, rebuilds,
and runs the differential properties (memspec_properties, 10^4 cases per property, their ctest
budget). A mutant is killed when the properties fail, crash or time out. Prints one line per
mutant and the mutation score; exits 1 if any mutant survives or is stale.

    tests/mutation/run.py [--ci | --only NAME ...] [--keep]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mutations import CI_SUBSET, MUTATIONS  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 300  # seconds per properties run; a mutant that loops is killed by it


def sh(cmd, cwd, timeout=None, env=None):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=timeout, env=env)


def copy_tree(dest):
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, stdout=subprocess.PIPE, check=True).stdout.split(b"\0")
    for f in files:
        if not f:
            continue
        src = os.path.join(ROOT, f.decode())
        dst = os.path.join(dest, f.decode())
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)


def build(tree):
    r = sh(["cmake", "--build", "build", "--target", "memspec_properties", "-j2"], tree)
    return r.returncode == 0, r.stdout


def properties(tree):
    env = dict(os.environ, RC_PARAMS="max_success=10000")
    try:
        r = sh([os.path.join(tree, "build", "tests", "memspec_properties")], tree, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return "timeout"
    if r.returncode == 0:
        return "passed"
    failed = [l.split("]")[-1].split(" (")[0].strip() for l in r.stdout.splitlines()
              if l.startswith("[  FAILED  ]") and "." in l]
    return "failed: " + (", ".join(sorted(set(failed))) if failed else f"exit {r.returncode}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--ci", action="store_true", help="only the representative subset CI runs (mutations.CI_SUBSET)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary tree")
    args = ap.parse_args()
    only = args.only or (CI_SUBSET if args.ci else None)
    todo = [m for m in MUTATIONS if not only or m[0] in only]
    if only and len(todo) != len(set(only)):
        print("unknown mutation names: " + ", ".join(sorted(set(only) - {m[0] for m in MUTATIONS})))
        return 2

    tree = tempfile.mkdtemp(prefix="memspec-mutation-")
    try:
        copy_tree(tree)
        r = sh(["cmake", "-S", ".", "-B", "build", "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DMEMSPEC_BUILD_BENCH=OFF",
                "-DMEMSPEC_BUILD_TOOLS=OFF"], tree)
        if r.returncode != 0:
            print(r.stdout)
            return 2
        ok, log = build(tree)
        if not ok or properties(tree) != "passed":
            print("the unmutated tree does not pass; fix that first\n" + log[-2000:])
            return 2
        killed = survived = stale = 0
        for name, path, old, new, what in todo:
            target = os.path.join(tree, path)
            text = open(target).read()
            if text.count(old) != 1:
                print(f"STALE    {name}: the original text occurs {text.count(old)} times in {path}")
                stale += 1
                continue
            open(target, "w").write(text.replace(old, new))
            start = time.time()
            ok, log = build(tree)
            verdict = properties(tree) if ok else "build failed"
            open(target, "w").write(text)
            secs = time.time() - start
            if verdict == "passed":
                survived += 1
                print(f"SURVIVED {name} ({what})")
            elif verdict == "build failed":
                stale += 1
                print(f"STALE    {name}: does not compile\n{log[-1500:]}")
            else:
                killed += 1
                print(f"KILLED   {name} [{secs:.0f} s] {verdict} ({what})")
            sys.stdout.flush()
        total = killed + survived + stale
        print(f"mutation score: {killed}/{total} killed, {survived} survived, {stale} stale")
        return 0 if killed == total else 1
    finally:
        if args.keep:
            print("tree kept at", tree)
        else:
            shutil.rmtree(tree, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
