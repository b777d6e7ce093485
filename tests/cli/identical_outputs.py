#!/usr/bin/env python3
"""Pins the bytes `memspec run` prints: every output mode, for every scenario of the conformance
vectors and for the benchmark workloads, as SHA-256 digests kept in a data file. A refactoring that
must not change any output (R195) shows it by this test passing unchanged.

  identical_outputs.py MEMSPEC DIGESTS [--full] [--update] [--jobs N]

MEMSPEC is the `memspec` binary; DIGESTS the data file, one line per case:
`<sha256 of stdout> <exit status> <case>`, where <case> names the input and the command
(`vectors/split_merge.json#3 run --indent 2 S`: S is the scenario file, `-` stdin).
Without --update the cases are run and compared with DIGESTS; every case whose bytes or exit
status differ is named, and so is a case missing from DIGESTS or no longer produced; exit 1
then. With --update DIGESTS is rewritten from this binary's outputs (only when a change of
output is intended, and said so in the commit).

Sizes: the workloads run at their `memspec bench --quick` sizes by default (tests/data/
run_output_digests.txt, the ctest `identical_outputs`); --full runs them at the benchmark sizes
of bench/RESULTS.md (bench/run_output_digests_full.txt, through bench/identical_outputs.sh on a
release build), and leaves out the vectors and the modes that build a whole document in memory
(--indent, the oracle).

The summary `run --workload W` prints is pinned without its `time` line, the one figure that is
measured rather than derived.
"""
import concurrent.futures
import contextlib
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "vectors"))
import jsonl  # noqa: E402  (the JSON Lines framing the vector runner feeds --stream with)

WORKLOADS = ["seq8", "rand1", "mixed", "pingpong"]
# The other named workloads (address space 0, ticks, images), small at their own sizes: summary and
# result only.
OTHER_WORKLOADS = ["default", "allocation", "program", "buffered", "variable"]
# memspec bench's sizes (bench/workloads.hpp): quick, and the full benchmark runs.
QUICK = {"seq8": 1 << 16, "rand1": 1 << 16, "mixed": 1 << 16, "pingpong": 33 << 12}
FULL = {"seq8": 1 << 20, "rand1": 1 << 20, "mixed": 1 << 20, "pingpong": 33 << 18}


class Case:
    """One command: argv after `memspec`, the bytes the argument S stands for (a file), the bytes on
    stdin (or `stdin_of`: a case whose output is this one's stdin), and whether the summary's time
    line is dropped before hashing."""

    def __init__(self, name, argv, scenario=None, stdin=b"", summary=False, stdin_of=None):
        self.name, self.argv, self.scenario, self.stdin, self.summary = name, argv, scenario, stdin, summary
        self.stdin_of = stdin_of


def vector_cases():
    """Every ScenarioTest of vectors/*.json, its scenario as compact JSON (the bytes pinned since the first
    pin; the judge, conform, feeds the scenario's own bytes). Six
    modes each, to keep the test within a minute; the oracle, --indent 0 and a digested stream are
    pinned on the workloads below (the vectors_oracle ctest runs the oracle on every vector)."""
    for path in sorted(f for f in os.listdir(os.path.join(ROOT, "vectors")) if f.endswith(".json")):
        with open(os.path.join(ROOT, "vectors", path)) as f:
            doc = json.load(f)
        for group in doc["testGroups"]:
            if group["type"] == "TraceTest":
                continue
            for test in group["tests"]:
                text = test["scenarioText"] if "scenarioText" in test else json.dumps(test["scenario"], separators=(",", ":"))
                data = text.encode()
                lines = jsonl.scenario_lines(text).encode()
                base = f"vectors/{path}#{test['tcId']}"
                yield Case(f"{base} run S", ["run", "S"], data)
                yield Case(f"{base} run --digest S", ["run", "--digest", "S"], data)
                yield Case(f"{base} run --indent 2 S", ["run", "--indent", "2", "S"], data)
                yield Case(f"{base} run --stream -", ["run", "--stream", "-"], stdin=lines)
                yield Case(f"{base} run --print-scenario S", ["run", "--print-scenario", "S"], data)
                yield Case(f"{base} run --print-scenario --jsonl S", ["run", "--print-scenario", "--jsonl", "S"], data)


def workload_cases(sizes, full):
    yield Case("run --list-workloads", ["run", "--list-workloads"])
    for w in OTHER_WORKLOADS:
        yield Case(f"run --workload {w}", ["run", "--workload", w], summary=True)
        yield Case(f"run --workload {w} --json", ["run", "--workload", w, "--json"])
    for w in WORKLOADS:
        wl = ["--workload", w, "-n", str(sizes[w])]
        base = f"run {' '.join(wl)}"
        yield Case(base, ["run", *wl], summary=True)
        yield Case(f"{base} --json", ["run", *wl, "--json"])
        yield Case(f"{base} --digest", ["run", *wl, "--digest"])
        yield Case(f"{base} --print-scenario", ["run", *wl, "--print-scenario"])
        lines = Case(f"{base} --print-scenario --jsonl", ["run", *wl, "--print-scenario", "--jsonl"])
        yield lines
        # The stream of this workload, as --print-scenario --jsonl prints it, through --stream.
        yield Case(f"{lines.name} | run --stream -", ["run", "--stream", "-"], stdin_of=lines)
        yield Case(f"{lines.name} | run --stream --digest -", ["run", "--stream", "--digest", "-"], stdin_of=lines)
        if not full:
            yield Case(f"{base} --json --indent 2", ["run", *wl, "--json", "--indent", "2"])
            yield Case(f"{base} --json --indent 0", ["run", *wl, "--json", "--indent", "0"])
            yield Case(f"{base} --print-scenario --indent 2", ["run", *wl, "--print-scenario", "--indent", "2"])
            yield Case(f"{base} --json --engine oracle", ["run", *wl, "--json", "--engine", "oracle"])


def run(memspec, argv, stdin, cwd, out):
    """Runs memspec with `stdin` (a file object) and feeds its stdout, as it comes, to `out`
    (a function of bytes): outputs of any size, in constant memory. Returns the exit status."""
    p = subprocess.Popen([memspec, *argv], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd)
    while chunk := p.stdout.read(1 << 20):
        out(chunk)
    p.stdout.close()
    return p.wait()


def run_case(memspec, tmp, index, case, saved):
    argv = list(case.argv)
    if case.scenario is not None:
        # A relative path in a fixed working directory: no output can depend on where tmp is.
        name = f"s{index}.json"
        with open(os.path.join(tmp, name), "wb") as f:
            f.write(case.scenario)
        argv = [name if a == "S" else a for a in argv]
    digest = hashlib.sha256()
    kept = []
    keep = case.summary
    save = saved.get(case.name)  # this output is another case's stdin: kept in a file
    with tempfile.TemporaryFile() as stdin:
        if case.stdin_of is not None:
            stdin.close()
            stdin = open(saved[case.stdin_of.name], "rb")
        else:
            stdin.write(case.stdin)
            stdin.seek(0)
        with stdin, (open(save, "wb") if save else contextlib.nullcontext()) as copy:
            def out(chunk):
                if copy:
                    copy.write(chunk)
                if keep:
                    kept.append(chunk)
                else:
                    digest.update(chunk)
            status = run(memspec, argv, stdin, tmp, out)
    if keep:
        text = b"".join(kept)
        digest.update(b"".join(line for line in text.splitlines(keepends=True) if not line.startswith(b"time ")))
    if case.scenario is not None:
        os.remove(os.path.join(tmp, f"s{index}.json"))
    return f"{digest.hexdigest()} {status} {case.name}"


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    full, update = "--full" in argv, "--update" in argv
    jobs = 2
    if "--jobs" in argv:
        jobs = int(argv[argv.index("--jobs") + 1])
        args.remove(str(jobs))
    if len(args) != 2:
        sys.exit(__doc__)
    memspec, digests = os.path.abspath(args[0]), args[1]
    cases = list(workload_cases(FULL if full else QUICK, full))
    if not full:
        cases = list(vector_cases()) + cases
    names = [c.name for c in cases]
    assert len(set(names)) == len(names), "two cases with one name"
    with tempfile.TemporaryDirectory() as tmp:
        # A case whose output feeds others runs first, alone, its output kept in a file.
        feeders = {c.stdin_of.name for c in cases if c.stdin_of is not None}
        saved = {name: os.path.join(tmp, f"feed{i}.out") for i, name in enumerate(sorted(feeders))}
        results = {}
        first = [(i, c) for i, c in enumerate(cases) if c.name in feeders]
        rest = [(i, c) for i, c in enumerate(cases) if c.name not in feeders]
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            for batch in (first, rest):
                for (i, _), line in zip(batch, pool.map(lambda ic: run_case(memspec, tmp, ic[0], ic[1], saved), batch)):
                    results[i] = line
        lines = [results[i] for i in range(len(cases))]
    if update:
        with open(digests, "w") as f:
            f.write("".join(line + "\n" for line in lines))
        print(f"identical_outputs: wrote {len(lines)} cases to {digests}")
        return 0
    with open(digests) as f:
        pinned = {line.split(" ", 2)[2]: line for line in f.read().splitlines() if line}
    failed = 0
    for line in lines:
        name = line.split(" ", 2)[2]
        want = pinned.pop(name, None)
        if want is None:
            failed += 1
            print(f"NEW  {name}: not in {digests} (pin it with --update if the case is meant to be added)")
        elif want != line:
            failed += 1
            w, g = want.split(" ", 2), line.split(" ", 2)
            print(f"DIFF {name}: pinned sha256 {w[0]} exit {w[1]}, now sha256 {g[0]} exit {g[1]}")
    for name in pinned:
        failed += 1
        print(f"GONE {name}: pinned in {digests} but no longer run")
    print(f"identical_outputs: {len(lines) - failed} of {len(lines)} cases identical, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
