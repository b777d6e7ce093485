#!/usr/bin/env python3
"""Writes a `memspec explain` page and checks it in headless Chromium (R302-R306).

    explain_page.py MEMSPEC INPUT OUT.html [--accesses N | --prove FILTER] -- CHROMIUM_PAGE_ARGS...

Runs `MEMSPEC explain INPUT -o OUT.html`, which must exit 0 and leave a non-empty page, then
tests/browser/chromium_page.py OUT.html with the arguments after `--`. With --accesses N, INPUT is
ignored and a scenario of N one-cell writes to address space 1 (ptr i, value i) is explained
instead, read from standard input. With --prove FILTER, INPUT is ignored and the output of
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
    run = subprocess.run([memspec, "explain", source, "-o", out], input=stdin, capture_output=True)
    if run.returncode != 0 or not os.path.exists(out) or os.path.getsize(out) == 0:
        print(f"explain_page.py: memspec explain exited {run.returncode}\n{run.stdout.decode()}{run.stderr.decode()}",
              file=sys.stderr)
        return 1
    return subprocess.run([sys.executable, CHROMIUM_PAGE, out] + page_args).returncode


if __name__ == "__main__":
    sys.exit(main())
