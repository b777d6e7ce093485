#!/usr/bin/env python3
"""Prints, in OpenVM v1.0's trace layout, the trace set of one TraceTest of a vector file whose
trace sets are for the fixed adapters (spec/memory.md R251, R254): the "variant" key and the
adapters' parent_timestamp_limbs columns removed, the range checker's multiplicities lowered by
the requests those limbs made. What is left is a trace set of memspec's model of OpenVM v1.0's
chips, the same rows a prover of OpenVM v1.0 would commit to.

usage: openvm_layout.py VECTOR_FILE TCID > traces.json
"""

import json
import sys

LIMBS = "parent_timestamp_limbs["


def limb_bits(clk_max_bits, decomp):
    """R46: limbs of decomp bits, the last one what is left."""
    out, left = [], clk_max_bits
    while left > 0:
        out.append(min(decomp, left))
        left -= decomp
    return out


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    with open(argv[1]) as f:
        doc = json.load(f)
    want = int(argv[2])
    test = next((t for g in doc["testGroups"] for t in g["tests"] if t["tcId"] == want), None)
    if test is None or "traces" not in test:
        sys.exit(f"{argv[1]}: no TraceTest with tcId {want}")
    traces = test["traces"]
    if traces.get("variant") != "fixed-adapter":
        sys.exit(f"{argv[1]} tcId {want}: not a trace set of the fixed adapters")
    del traces["variant"]
    cfg = traces["config"]
    widths = limb_bits(cfg["clk_max_bits"], cfg["decomp"])
    unserved = set(test.get("without", []))
    requests = {}  # (value, bits) -> count the limb range checks made
    for chip in traces["chips"]:
        cols = chip["columns"]
        keep = [i for i, c in enumerate(cols) if not c.startswith(LIMBS)]
        limbs = [i for i, c in enumerate(cols) if c.startswith(LIMBS)]
        if limbs:
            valid = cols.index("is_valid")
            for row in chip["rows"]:
                if row[valid]:
                    for k, i in enumerate(limbs):
                        if f"{chip['name']}.parent_timestamp_range[{k}]" in unserved:
                            continue
                        requests[(row[i], widths[k])] = requests.get((row[i], widths[k]), 0) + 1
        chip["columns"] = [cols[i] for i in keep]
        chip["rows"] = [[row[i] for i in keep] for row in chip["rows"]]
    table = next(c for c in traces["chips"] if c["name"] == "range_checker")
    v, b, m = (table["columns"].index(n) for n in ("value", "bits", "mult"))
    for row in table["rows"]:
        n = requests.pop((row[v], row[b]), 0)
        row[m] -= n
        if row[m] < 0:
            sys.exit("a range-checker row served fewer requests than the limbs made")
    if requests:
        sys.exit(f"limb requests no range-checker row served: {sorted(requests)[:3]}")
    json.dump(traces, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
