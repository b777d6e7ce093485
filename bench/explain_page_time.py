#!/usr/bin/env python3
"""How long a `memspec explain` page of a large scenario takes to open (R302, R305).

    bench/explain_page_time.py MEMSPEC [--accesses N] [--traces] [--keep DIR]

Writes a scenario of N accesses (default 100000: writes of 1, 2 and 4 cells over a sliding window of
address space 1 and reads of what they wrote, so rows carry splits and merges), runs
`memspec explain` on it, then loads the page in headless Chromium with --dump-dom and reports: the
page's size, explain's wall time, Chromium's whole wall time (start, parse, scripts, DOM dump, exit)
and on an empty page (Chromium's own start and exit), and the time the page's own script spent drawing (performance.now, written by the page into
`body[data-render-ms]`), and the time from the navigation's start until the page is drawn
(`body[data-open-ms]`): the time a reader waits for the page to open. With --traces the page is
instead that of the trace set of N one-cell writes (generalized, chunk 1: N access rows, N boundary
rows, 2N memory-bus messages; `memspec trace`, its range table derived, R307, R341). A measurement, not a test: it prints and exits 0 unless a step failed.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "browser"))
import chromium_page  # noqa: E402  (the flags and the browser lookup the page tests use)


def scenario(n):
    ops = []
    for i in range(n):
        size = (1, 2, 4)[i % 3]
        ptr = (i * 4) % 4096
        if i % 2 == 0:
            ops.append({"op": "write", "as": 1, "ptr": ptr, "data": [(i + k) % 1000 for k in range(size)]})
        else:
            ops.append({"op": "read", "as": 1, "ptr": ptr, "len": size})
    return {"profile": "generalized", "ops": ops, "finalize_chunk": 4}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("memspec")
    ap.add_argument("--accesses", type=int, default=100000)
    ap.add_argument("--traces", action="store_true")
    ap.add_argument("--keep")
    a = ap.parse_args()
    d = a.keep or tempfile.mkdtemp()
    src, page = os.path.join(d, "big.json"), os.path.join(d, "big.html")
    with open(src, "w") as f:
        json.dump(scenario(a.accesses), f)
    if a.traces:
        ops = [{"op": "write", "as": 1, "ptr": i, "data": [i]} for i in range(a.accesses)]
        with open(src, "w") as f:
            json.dump({"profile": "generalized", "initial_block_size": 1, "finalize_chunk": 1, "ops": ops}, f)
        traced = subprocess.run([a.memspec, "trace", src, "--format", "json"], check=True, capture_output=True)
        doc = json.loads(traced.stdout)
        doc["chips"] = [c for c in doc["chips"] if c["name"] != "range_checker"]
        doc["range_checker"] = "derived"
        src = os.path.join(d, "big.traces.json")
        with open(src, "w") as f:
            json.dump(doc, f)
    t = time.monotonic()
    subprocess.run([a.memspec, "explain", src, "-o", page], check=True, capture_output=True)
    explain_s = time.monotonic() - t
    browser = chromium_page.find_chromium()
    if not browser:
        print("no chromium", file=sys.stderr)
        return 2
    def dump(path):
        with tempfile.TemporaryDirectory() as profile:
            t = time.monotonic()
            out = subprocess.run([browser] + chromium_page.CHROMIUM_FLAGS +
                                 [f"--user-data-dir={profile}", "--dump-dom", "file://" + os.path.abspath(path)],
                                 capture_output=True, text=True, timeout=120)
            return out, time.monotonic() - t

    # Chromium's own start and exit, measured on an empty page, is not the page's opening time.
    empty = os.path.join(d, "empty.html")
    with open(empty, "w") as f:
        f.write("<!DOCTYPE html><title>empty</title>")
    _, baseline_s = dump(empty)
    out, chromium_s = dump(page)
    m = re.search(r'data-render-ms="([0-9.]+)"', out.stdout)
    o = re.search(r'data-open-ms="([0-9.]+)"', out.stdout)
    rows = len(re.findall(r'<tr class="(?:access|message)', out.stdout))
    print(f"{'trace set of writes' if a.traces else 'accesses'} {a.accesses}  page {os.path.getsize(page) / 1e6:.1f} MB  explain {explain_s:.2f} s  "
          f"chromium open+draw+dump {chromium_s:.2f} s (an empty page {baseline_s:.2f} s)  page script {float(m.group(1)) / 1000 if m else float('nan'):.2f} s  "
          f"navigation start to drawn {float(o.group(1)) / 1000 if o else float('nan'):.2f} s  "
          f"rows drawn {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
