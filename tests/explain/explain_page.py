#!/usr/bin/env python3
"""Writes a `memspec explain` page and checks it in headless Chromium (R302-R306).

    explain_page.py MEMSPEC INPUT OUT.html [--accesses N | --traces-of-writes N | --prove FILTER | --stream]
                    -- CHROMIUM_PAGE_ARGS...

Runs `MEMSPEC explain INPUT -o OUT.html`, which must exit 0 and leave a non-empty page, then
tests/browser/chromium_page.py OUT.html with the arguments after `--`. With --accesses N, INPUT is
ignored and a scenario of N one-cell writes to address space 1 (ptr i, value i) is explained
instead, read from standard input. With --traces-of-writes N, INPUT is ignored and the trace set of
that scenario's run (generalized, initial block size and finalize_chunk 1), as `memspec trace --format
json` writes it with its range table left out (R307), is explained from a file beside OUT.html. With
--stream, INPUT (a JSON Lines scenario, R38) is explained with `memspec explain --stream`. With --prove FILTER, INPUT is ignored and the output of
`MEMSPEC prove --json --filter FILTER --emit DIR` (DIR beside OUT.html) is explained. Exit status: chromium_page.py's, or 1 when explain failed.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM_PAGE = os.path.join(HERE, "..", "browser", "chromium_page.py")


def main():
    argv = sys.argv[1:]
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    own, page_args = argv[:split], argv[split + 1:]
    accesses = None
    if "--accesses" in own:
        i = own.index("--accesses")
        accesses = int(own[i + 1])
        del own[i:i + 2]
    prove = None
    if "--prove" in own:
        i = own.index("--prove")
        prove = own[i + 1]
        del own[i:i + 2]
    traces_of = None
    if "--traces-of-writes" in own:
        i = own.index("--traces-of-writes")
        traces_of = int(own[i + 1])
        del own[i:i + 2]
    stream = "--stream" in own
    if stream:
        own.remove("--stream")
    memspec, source, out = own
    stdin = None
    if prove is not None:
        emit = os.path.abspath(out) + ".emitted"
        run = subprocess.run([memspec, "prove", "--json", "--filter", prove, "--emit", emit], capture_output=True)
        if run.returncode != 0:
            print(f"explain_page.py: memspec prove exited {run.returncode}\n{run.stderr.decode()}", file=sys.stderr)
            return 1
        stdin = run.stdout
        source = "-"
    if accesses is not None:
        ops = [{"op": "write", "as": 1, "ptr": i, "data": [i]} for i in range(accesses)]
        stdin = json.dumps({"profile": "generalized", "ops": ops}).encode()
        source = "-"
    if traces_of is not None:
        ops = [{"op": "write", "as": 1, "ptr": i, "data": [i]} for i in range(traces_of)]
        doc = {"profile": "generalized", "initial_block_size": 1, "finalize_chunk": 1, "ops": ops}
        traced = subprocess.run([memspec, "trace", "-", "--format", "json"], input=json.dumps(doc).encode(), capture_output=True)
        if traced.returncode != 0:
            print(f"explain_page.py: memspec trace exited {traced.returncode}\n{traced.stderr.decode()}", file=sys.stderr)
            return 1
        traces = json.loads(traced.stdout)
        traces["chips"] = [c for c in traces["chips"] if c["name"] != "range_checker"]
        traces["range_checker"] = "derived"
        source = os.path.abspath(out) + ".traces.json"
        with open(source, "w") as f:
            json.dump(traces, f)
    command = [memspec, "explain", source, "-o", out] + (["--stream"] if stream else [])
    run = subprocess.run(command, input=stdin, capture_output=True)
    if run.returncode != 0 or not os.path.exists(out) or os.path.getsize(out) == 0:
        print(f"explain_page.py: memspec explain exited {run.returncode}\n{run.stdout.decode()}{run.stderr.decode()}",
              file=sys.stderr)
        return 1
    return subprocess.run([sys.executable, CHROMIUM_PAGE, out] + page_args).returncode


if __name__ == "__main__":
    sys.exit(main())
