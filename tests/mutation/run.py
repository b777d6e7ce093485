#!/usr/bin/env python3
"""Mutation testing: applies each fault of mutations.py to a copy of the tree, rebuilds, and runs
the tests that must kill it. A mutant is killed when those tests fail, crash or time out.

Which tests, by the file the fault is in:
  impl/v2_0/                 the v2.0 differential properties (memspec_v2_properties, 5000 cases as in ctest):
                             impl against the v2.0 oracle and a naive model
  impl/v1_4/                 the v1.4 differential properties (memspec_v1_4_properties, 3000 cases as in
                             ctest): impl against the v1.4 oracle and a naive model
  impl/, util/parallel.hpp   the differential properties (memspec_properties, 10^4 cases per
                             property, their ctest budget): impl against the oracle and naive models
  oracle/, spec/vocabulary/preconditions.cpp   the unit tests (memspec_unittests): OpenVM-derived expectations, the
                             conformance vectors in-process, R27's order restated independently —
                             never the differential properties, which compare the oracle with impl
                             and cannot see a fault in the checks both engines share

Prints one line per mutant, a score per file, and the total as `mutation score: K/T killed, S
survived, X stale`; exits 1 if any mutant survives or is stale (its original text no longer
occurs exactly once, or it does not compile).

    tests/mutation/run.py [--ci | --only NAME ...] [--in-place] [--list] [--keep]

--ci runs mutations.CI_SUBSET, a fixed representative subset (see RESULTS.md for its runtime).
By default the tracked tree is copied to a temporary directory and built there from scratch.
--in-place (what scripts/test.sh --ci uses, right after building build/default) mutates the
checked-out files themselves and rebuilds only the affected targets in build/default, restoring
each file right after its mutant is tested, and on any exit, including SIGTERM and Ctrl-C.
"""
import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mutations import CI_SUBSET, MUTATIONS  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TIMEOUT = 900  # seconds per test run (a shared 2-core machine can be slow); a mutant that loops is killed by it

# suite name -> (CMake target, binary, RC_PARAMS)
SUITES = {
    "properties": ("memspec_properties", "memspec_properties", "max_success=10000"),
    "unit": ("memspec_unittests", "memspec_unittests", "max_success=2000"),
    # R237: OpenVM v2.0's impl against its oracle and a naive model (tests/property/v2_0_properties.cpp).
    "v2_properties": ("memspec_v2_properties", "memspec_v2_properties", "max_success=5000"),
    # R325: OpenVM v1.4's impl against its oracle and a naive model (tests/property/v1_4_properties.cpp).
    "v1_4_properties": ("memspec_v1_4_properties", "memspec_v1_4_properties", "max_success=3000"),
}


def suite_of(path):
    if path.startswith("impl/v2_0/"):
        return "v2_properties"
    if path.startswith("impl/v1_4/"):
        return "v1_4_properties"
    if path.startswith("impl/") or path == "util/parallel.hpp":
        return "properties"
    if path.startswith("oracle/") or path == "spec/vocabulary/preconditions.cpp":
        return "unit"
    raise ValueError(f"no test suite is assigned to faults in {path}")


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
        if not os.path.isfile(src):
            continue  # deleted in the work tree but still in the index
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)


BUILD = "build"  # the build directory, relative to the tree (build/default with --in-place)


def build(tree, suite):
    r = sh(["cmake", "--build", BUILD, "--target", SUITES[suite][0], "-j2"], tree)
    return r.returncode == 0, r.stdout


def run_suite(tree, suite):
    _, binary, rc_params = SUITES[suite]
    # Stop at the first failing test: a killed mutant needs no more evidence.
    env = dict(os.environ, RC_PARAMS=rc_params, GTEST_FAIL_FAST="1")
    try:
        r = sh([os.path.join(tree, BUILD, "tests", binary)], tree, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return "timeout"
    if r.returncode == 0:
        return "passed"
    failed = [l.split("]")[-1].split(" (")[0].strip() for l in r.stdout.splitlines()
              if l.startswith("[  FAILED  ]") and "." in l]
    return "failed: " + (", ".join(sorted(set(failed))) if failed else f"exit {r.returncode} (crash)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--ci", action="store_true", help="only the representative subset CI runs (mutations.CI_SUBSET)")
    ap.add_argument("--list", action="store_true", help="list the mutants and their suites, run nothing")
    ap.add_argument("--keep", action="store_true", help="keep the temporary tree")
    ap.add_argument("--in-place", action="store_true", help="mutate the checked-out tree and use build/default")
    args = ap.parse_args()
    only = args.only or (CI_SUBSET if args.ci else None)
    todo = [m for m in MUTATIONS if not only or m[0] in only]
    if only and len(todo) != len(set(only)):
        print("unknown mutation names: " + ", ".join(sorted(set(only) - {m[0] for m in MUTATIONS})))
        return 2
    if args.list:
        for name, path, _, _, what in todo:
            print(f"{name:45} {path:28} {suite_of(path):10} {what}")
        return 0
    suites = sorted({suite_of(m[1]) for m in todo})

    global BUILD
    started = time.time()
    restore = {}  # path -> original text, while a mutant is applied
    # SIGTERM (a CI timeout) must not leave a mutant in the checked-out tree, nor a temporary
    # tree behind: turn it into an exception so that the finally below cleans up.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
    if args.in_place:
        tree = ROOT
        BUILD = os.path.join("build", "default")
    else:
        tree = tempfile.mkdtemp(prefix="memspec-mutation-")
    try:
        if args.in_place:
            r = sh(["cmake", "--preset", "default"], tree)
        else:
            copy_tree(tree)
            r = sh(["cmake", "-S", ".", "-B", BUILD, "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DMEMSPEC_BUILD_BENCH=OFF",
                    "-DMEMSPEC_BUILD_TOOLS=OFF", "-DMEMSPEC_BUILD_PROOFS=OFF"], tree)
        if r.returncode != 0:
            print(r.stdout)
            return 2
        # scripts/test.sh --ci sets MEMSPEC_MUTATION_BASELINE_PASSED=1 when ctest has just passed
        # these very binaries in build/default (same case counts): then the baseline is built,
        # not run again.
        trusted = args.in_place and os.environ.get("MEMSPEC_MUTATION_BASELINE_PASSED") == "1"
        for suite in suites:
            ok, log = build(tree, suite)
            verdict = ("passed" if trusted else run_suite(tree, suite)) if ok else "build failed"
            if verdict != "passed":
                print(f"the unmutated tree does not pass its {suite} suite ({verdict}); fix that first\n" + log[-2000:])
                return 2
        print(f"unmutated tree built and passing in {time.time() - started:.0f} s")
        sys.stdout.flush()
        killed = survived = stale = 0
        per_file = collections.OrderedDict()
        for name, path, old, new, what in todo:
            suite = suite_of(path)
            score = per_file.setdefault(path, [0, 0])
            score[1] += 1
            target = os.path.join(tree, path)
            text = open(target).read()
            if text.count(old) != 1:
                print(f"STALE    {name}: the original text occurs {text.count(old)} times in {path}")
                stale += 1
                continue
            restore[target] = text
            open(target, "w").write(text.replace(old, new))
            start = time.time()
            ok, log = build(tree, suite)
            verdict = run_suite(tree, suite) if ok else "build failed"
            open(target, "w").write(text)
            del restore[target]
            secs = time.time() - start
            if verdict == "passed":
                survived += 1
                print(f"SURVIVED {name} [{path}] ({what})")
            elif verdict == "build failed":
                stale += 1
                print(f"STALE    {name}: does not compile\n{log[-1500:]}")
            else:
                killed += 1
                score[0] += 1
                print(f"KILLED   {name} [{path}, {suite}, {secs:.0f} s] {verdict} ({what})")
            sys.stdout.flush()
        for path, (k, n) in per_file.items():
            print(f"file {path}: {k}/{n} killed")
        total = killed + survived + stale
        print(f"mutation run took {time.time() - started:.0f} s")
        print(f"mutation score: {killed}/{total} killed, {survived} survived, {stale} stale")
        return 0 if killed == total else 1
    finally:
        for target, text in restore.items():
            open(target, "w").write(text)
        if args.in_place:
            # Rebuild what the last mutant left compiled, so build/default matches the sources.
            for suite in suites:
                build(tree, suite)
        elif args.keep:
            print("tree kept at", tree)
        else:
            shutil.rmtree(tree, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
