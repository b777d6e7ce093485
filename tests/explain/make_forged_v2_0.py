#!/usr/bin/env python3
"""Writes forged_read_v2_0.traces.json, the explain tests' OpenVM v2.0 rejection, from
scenario_v2_0.json's honest trace set.

    make_forged_v2_0.py HONEST.traces.json OUT_DIR

HONEST is `memspec trace scenario_v2_0.json --format json` (a 4-cell write of (1, 2, 3, 4) to cells
8..11 of address space 2 at timestamp 1, a 4-cell read of them at timestamp 2, finalize with chunk
8). The read's row of the access chip is changed to have read 7 in its first cell (data[0] and
prev_data[0], which a read keeps equal); nothing else changes. The range checker's table (2^18 rows
under the default config) is left out and marked derived (R307): the reader rebuilds it.
"""
import json
import sys


def main():
    honest, out = sys.argv[1], sys.argv[2]
    with open(honest) as f:
        doc = json.load(f)
    chip = next(c for c in doc["chips"] if c["name"] == "access")
    col = {n: i for i, n in enumerate(chip["columns"])}
    read = next(r for r in chip["rows"] if r[col["is_valid"]] == 1 and r[col["is_write"]] == 0)
    read[col["data[0]"]] = 7
    read[col["prev_data[0]"]] = 7
    doc["chips"] = [c for c in doc["chips"] if c["name"] != "range_checker"]
    doc["range_checker"] = "derived"
    with open(f"{out}/forged_read_v2_0.traces.json", "w") as f:
        json.dump(doc, f)
        f.write("\n")


if __name__ == "__main__":
    main()
