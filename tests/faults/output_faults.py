#!/usr/bin/env python3
"""Output fault injection (spec/memory.md R135): every memspec command and output mode against a
stdout that fails.

One case is one (command, fault) pair, named COMMAND.FAULT (see --list). Each case first runs the
command with stdout on a regular file (the reference: its status and every byte), then again under
the fault, and asserts:
  - a fault that loses output (a full disk, a closed stdout, a closed pipe, EIO) ends with exit 3
    and one line on stderr naming the cause, and what reached stdout is a strict prefix of the
    reference: no partial result presented as complete, nothing written after the failure;
  - a fault that only slows the output down (short writes, EAGAIN, EINTR, a slow reader, a
    non-blocking pipe) ends with the reference's status and delivers every byte of it.
Usage: output_faults.py --memspec BIN --shim LIB [--no-prove] [--case NAME]... | --list [--no-prove]
"""
import argparse
import fcntl
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXIT_OUTPUT_FAILED = 3

# Command name -> (arguments, whether its output differs from run to run in timings only).
# {m} is memspec, {w} the work directory (set up by make_inputs), {src} the source tree. The
# outputs are made larger than a pipe's buffer and memspec's 64 KiB stdout buffer where the
# command can print that much, so that a fault meets the middle of the output.
COMMANDS = {
    "run_json": (["run", "--workload", "rand1", "-n", "20000", "--json"], False),
    "run_file": (["run", "{w}/scenario.json"], False),
    "run_indent": (["run", "{w}/small.json", "--indent", "2"], False),
    "run_stream": (["run", "--stream", "{w}/scenario.jsonl"], False),
    "run_digest": (["run", "--digest", "{w}/scenario.json"], False),
    "run_error": (["run", "{w}/bad.json"], False),
    "run_summary": (["run", "--workload", "rand1", "-n", "2000"], True),
    "run_list_workloads": (["run", "--list-workloads"], False),
    "print_scenario": (["run", "--print-scenario", "--workload", "rand1", "-n", "20000"], False),
    "print_scenario_jsonl": (["run", "--print-scenario", "--jsonl", "--workload", "rand1", "-n", "20000"], False),
    "trace": (["trace", "{w}/small.json"], False),
    "trace_csv": (["trace", "{w}/small.json", "--format", "csv"], False),
    "check": (["check", "{w}/small.json"], False),
    "check_json": (["check", "{w}/small.json", "--json"], False),
    "root": (["root", "--json", "{src}/tests/data/roots/persistent_image.json"], False),
    "air": (["air"], False),
    "conform_json": (["conform", "--cmd", "env -u LD_PRELOAD {m} run -", "--vectors", "{src}/vectors/split_merge.json",
                      "--json"], True),
    "diff_json": (["diff", "--cmd", "env -u LD_PRELOAD {m} run -", "--seed", "1", "--count", "3", "--json"], True),
    "prove_json": (["prove", "--json", "--filter", "without_access_timestamp_lt"], True),
    "help": (["--help"], False),
}

# Fault name -> whether it loses output (exit 3 expected) or only delays it.
FAULTS = {
    "dev_full": True,
    "closed_stdout": True,
    "closed_pipe_sigpipe_ignored": True,
    "eio": True,
    "enospc_at_start": True,
    "short_writes": False,
    "eagain": False,
    "eintr": False,
    "slow_reader": False,
    "nonblocking_pipe": False,
}
# With SIGPIPE at its default the process dies of it: not a success either. One command suffices.
EXTRA_CASES = ["run_json.closed_pipe_sigpipe_default"]
# prove --emit writes files: one it cannot write (a path under /dev/full) is exit 3 as well.
EXTRA_CASES += ["prove_emit.unwritable_file"]

STRERROR = {
    "dev_full": "No space left on device",
    "closed_stdout": "Bad file descriptor",
    "closed_pipe_sigpipe_ignored": "Broken pipe",
    "eio": "Input/output error",
    "enospc_at_start": "No space left on device",
}


def all_cases(with_prove=True):
    cases = [f"{c}.{f}" for c in COMMANDS for f in FAULTS] + EXTRA_CASES
    return [c for c in cases if with_prove or not c.startswith("prove")]


class Failure(Exception):
    pass


def make_inputs(memspec, work, cases):
    """The input files the cases' commands read, and only those (each case is its own ctest)."""
    named = " ".join(" ".join(COMMANDS[c.split(".")[0]][0]) for c in cases if c.split(".")[0] in COMMANDS)

    def save(args, name):
        if "{w}/" + name in named:
            with open(f"{work}/{name}", "wb") as out:
                subprocess.run([memspec] + args, stdout=out, check=True)

    save(["run", "--print-scenario", "--workload", "rand1", "-n", "20000"], "scenario.json")
    save(["run", "--print-scenario", "--jsonl", "--workload", "rand1", "-n", "20000"], "scenario.jsonl")
    save(["run", "--print-scenario", "--workload", "rand1", "-n", "200"], "small.json")
    with open(f"{work}/bad.json", "w") as f:
        f.write('{"config": 1}')


def argv_of(command, memspec, work):
    args, _ = COMMANDS[command]
    return [memspec] + [a.format(m=memspec, w=work, src=SOURCE) for a in args]


def run_to(argv, stdout, env=None, preexec=None, timeout=300):
    """Runs argv with the given stdout; returns (status, stderr text). status < 0: killed by -status."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.run(argv, stdout=stdout, stderr=err, env=env, preexec_fn=preexec, timeout=timeout,
                           restore_signals=False)
        err.seek(0)
        return p.returncode, err.read().decode(errors="replace")


def run_to_file(argv, work, env=None):
    path = f"{work}/out"
    with open(path, "wb") as out:
        status, err = run_to(argv, out, env=env)
    with open(path, "rb") as f:
        return status, f.read(), err


def run_into_pipe(argv, nonblocking, slow):
    """stdout is a pipe that this process reads, slowly (so the pipe fills) when `slow`."""
    r, w = os.pipe()
    if nonblocking:
        fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
    err = tempfile.TemporaryFile()
    p = subprocess.Popen(argv, stdout=w, stderr=err, restore_signals=False)
    os.close(w)
    chunks = []
    while True:
        chunk = os.read(r, 8192)
        if not chunk:
            break
        chunks.append(chunk)
        if slow:
            time.sleep(0.001)
    os.close(r)
    status = p.wait(timeout=300)
    err.seek(0)
    return status, b"".join(chunks), err.read().decode(errors="replace")


def ignore_sigpipe():
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)


def default_sigpipe():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def run_into_closed_pipe(argv, preexec):
    r, w = os.pipe()
    os.close(r)  # no reader at all, before memspec starts: every write meets EPIPE
    try:
        status, err = run_to(argv, w, preexec=preexec)
    finally:
        os.close(w)
    return status, None, err


def close_stdout():
    os.close(1)


def shim_env(shim, **faults):
    env = dict(os.environ)
    env["LD_PRELOAD"] = shim
    env["MEMSPEC_FAULT_WRITE_FD"] = "1"
    for k, v in faults.items():
        env["MEMSPEC_FAULT_WRITE_" + k.upper()] = str(v)
    return env


def normalized(data, volatile):
    if not volatile:
        return data
    return re.sub(rb"[0-9]+\.[0-9]+(e[-+][0-9]+)?", b"#", data)


def run_unwritable_emit(memspec):
    argv = [memspec, "prove", "--filter", "without_access_timestamp_lt", "--emit", "/dev/full/fixtures"]
    with tempfile.TemporaryFile() as out:
        status, err = run_to(argv, out)
    if status != EXIT_OUTPUT_FAILED:
        raise Failure(f"exit {status}, expected {EXIT_OUTPUT_FAILED}; stderr {err!r}")
    if not re.search(r"^memspec prove: cannot write /dev/full/fixtures/\S+: Not a directory$", err, re.M):
        raise Failure(f"stderr does not name the file and the cause: {err!r}")


def run_case(name, memspec, shim, work):
    command, fault = name.split(".")
    if name == "prove_emit.unwritable_file":
        return run_unwritable_emit(memspec)
    argv = argv_of(command, memspec, work)
    volatile = COMMANDS[command][1]
    ref_status, ref, ref_err = run_to_file(argv, work)
    if ref_status not in (0, 1, 2) or not ref:
        raise Failure(f"reference run: exit {ref_status}, {len(ref)} bytes, stderr {ref_err!r}")

    if fault == "dev_full":
        with open("/dev/full", "wb") as full:
            status, err = run_to(argv, full)
        out = None
    elif fault == "closed_stdout":
        status, err = run_to(argv, None, preexec=close_stdout)
        out = None
    elif fault == "closed_pipe_sigpipe_ignored":
        status, out, err = run_into_closed_pipe(argv, ignore_sigpipe)
    elif fault == "closed_pipe_sigpipe_default":
        status, out, err = run_into_closed_pipe(argv, default_sigpipe)
        if status not in (-signal.SIGPIPE, EXIT_OUTPUT_FAILED):
            raise Failure(f"into a closed pipe: exit {status}, expected death by SIGPIPE or {EXIT_OUTPUT_FAILED}")
        return
    elif fault == "eio":
        limit = len(ref) // 2
        status, out, err = run_to_file(argv, work, env=shim_env(shim, fail_after=limit, errno="EIO"))
        if len(out) > limit:
            raise Failure(f"{len(out)} bytes on stdout, more than the {limit} the shim let through")
    elif fault == "enospc_at_start":
        status, out, err = run_to_file(argv, work, env=shim_env(shim, fail_after=0, errno="ENOSPC"))
    elif fault == "short_writes":
        status, out, err = run_to_file(argv, work, env=shim_env(shim, max=7))
    elif fault == "eagain":
        status, out, err = run_to_file(argv, work, env=shim_env(shim, every=2, every_errno="EAGAIN", max=4096))
    elif fault == "eintr":
        status, out, err = run_to_file(argv, work, env=shim_env(shim, every=2, every_errno="EINTR", max=4096))
    elif fault == "slow_reader":
        status, out, err = run_into_pipe(argv, nonblocking=False, slow=True)
    elif fault == "nonblocking_pipe":
        status, out, err = run_into_pipe(argv, nonblocking=True, slow=True)
    else:
        raise Failure(f"unknown fault {fault}")

    if FAULTS[fault]:
        if status != EXIT_OUTPUT_FAILED:
            raise Failure(f"exit {status}, expected {EXIT_OUTPUT_FAILED} (output failed); stderr {err!r}")
        lines = err.splitlines()
        want = re.compile(r"^memspec: cannot (write the output to|close) stdout.*: " + re.escape(STRERROR[fault]) +
                          r"; the output is incomplete$")
        if not lines or not want.match(lines[-1]):
            raise Failure(f"stderr does not end with the cause ({STRERROR[fault]}): {err!r}")
        if sum(1 for l in lines if l.startswith("memspec: cannot")) != 1:
            raise Failure(f"the failure is reported more than once: {err!r}")
        if out is not None and (out == ref or not ref.startswith(out)):
            raise Failure(f"stdout ({len(out)} bytes) is not a strict prefix of the full output ({len(ref)} bytes)")
    else:
        if status != ref_status:
            raise Failure(f"exit {status}, expected the reference's {ref_status}; stderr {err!r}")
        if "cannot write" in err:
            raise Failure(f"a write failure was reported: {err!r}")
        if normalized(out, volatile) != normalized(ref, volatile):
            raise Failure(f"{len(out)} bytes arrived, the full output is {len(ref)} bytes, and they differ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--memspec")
    ap.add_argument("--shim")
    ap.add_argument("--case", action="append", default=[])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--no-prove", action="store_true", help="leave out `memspec prove` (a build without proofs/)")
    a = ap.parse_args()
    if a.list:
        print("\n".join(all_cases(not a.no_prove)))
        return 0
    cases = a.case or all_cases(not a.no_prove)
    unknown = [c for c in cases if c not in all_cases()]
    if unknown:
        print(f"unknown case(s): {unknown}", file=sys.stderr)
        return 2
    failed = 0
    with tempfile.TemporaryDirectory() as work:
        make_inputs(a.memspec, work, cases)
        for case in cases:
            try:
                run_case(case, a.memspec, a.shim, work)
                print(f"ok   {case}")
            except (Failure, subprocess.TimeoutExpired) as e:
                failed += 1
                print(f"FAIL {case}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
