#!/usr/bin/env python3
"""Prints, in OpenVM v1.0's trace layout, the trace set of one TraceTest of a vector file whose
trace sets are for the fixed adapters (spec/memory.md R251, R254): the "variant" key and the
adapters' parent_timestamp_limbs columns removed, the range checker's multiplicities lowered by
the requests those limbs made. What is left is a trace set of memspec's model of OpenVM v1.0's
chips, the same rows a prover of OpenVM v1.0 would commit to.

With a third argument, openvm-v1.6 or openvm-v1.7, the trace set is made one of that tag's chip
set instead (spec/memory.md R310, R311): the same adapter, bridge and boundary chips as v1.0's,
whose Merkle chip adds the root-label constraints (v1.6.0; the honest tree's root rows are labelled
0 already) and, at v1.7.0, the column parent_height_inv (the inverse of parent_height on every row
with a direction, 0 elsewhere), so R253's releases are shown by running the loop under each.

usage: openvm_layout.py VECTOR_FILE TCID [openvm-v1.6|openvm-v1.7] > traces.json
"""

import json
import sys

LIMBS = "parent_timestamp_limbs["
P = 2013265921  # BabyBear


def limb_bits(clk_max_bits, decomp):
    """R46: limbs of decomp bits, the last one what is left."""
    out, left = [], clk_max_bits
    while left > 0:
        out.append(min(decomp, left))
        left -= decomp
    return out


def main(argv):
    if len(argv) not in (3, 4) or (len(argv) == 4 and argv[3] not in ("openvm-v1.6", "openvm-v1.7")):
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
    if len(argv) == 4:
        traces["variant"] = argv[3]
        merkle = next((c for c in traces["chips"] if c["name"] == "memory_merkle"), None)
        if merkle is None:
            sys.exit(f"{argv[1]} tcId {want}: no Merkle chip; the later tags differ from v1.0 only there")
        if argv[3] == "openvm-v1.7":
            cols = merkle["columns"]
            at, e = cols.index("parent_height") + 1, cols.index("expand_direction")
            for row in merkle["rows"]:
                h = row[at - 1]
                row.insert(at, pow(h, P - 2, P) if row[e] % P and h % P else 0)
            cols.insert(at, "parent_height_inv")
    json.dump(traces, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
