#!/usr/bin/env python3
"""Rewrites a JSON Lines scenario of a built-in workload (`memspec run -w W -n N --print-scenario
--jsonl`) as the same workload under openvm-v2.0, for bench/RESULTS.md's v1.0/v2.0 comparison:
each access of n cells at (as, ptr) becomes the ceil(n/4) consecutive aligned 4-cell accesses of
address space 2 that cover it, as OpenVM v2.0's RV32 adapters split a wide operand (spec/memory.md
R216); byte-sized values are kept below 256 (R217); ticks are kept. The header gets the profile,
initial_block_size 4 and, when it finalizes, finalize_chunk 4 (R213); its image is dropped.

    v2_0_workload.py < v1.jsonl > v2.jsonl      (prints the number of v2.0 accesses on stderr)
"""
import json
import sys


def main():
    lines = iter(sys.stdin)
    header = json.loads(next(lines))
    out = {"version": 1, "profile": "openvm-v2.0", "initial_block_size": 4}
    if "finalize_chunk" in header:
        out["finalize_chunk"] = 4
    w = sys.stdout.write
    w(json.dumps(out, separators=(",", ":")) + "\n")
    accesses = 0
    for line in lines:
        op = json.loads(line)
        if op["op"] == "tick":
            w(line if line.endswith("\n") else line + "\n")
            continue
        n = op["len"] if op["op"] == "read" else len(op["data"])
        start, end = op["ptr"] - op["ptr"] % 4, op["ptr"] + n
        for ptr in range(start, end, 4):
            if op["op"] == "read":
                w('{"op":"read","as":2,"ptr":%d,"len":4}\n' % ptr)
            else:
                vals = [(op["data"][i - op["ptr"]] if 0 <= i - op["ptr"] < n else 0) & 255 for i in range(ptr, ptr + 4)]
                w('{"op":"write","as":2,"ptr":%d,"data":[%d,%d,%d,%d]}\n' % (ptr, *vals))
            accesses += 1
    print(accesses, file=sys.stderr)


if __name__ == "__main__":
    main()
