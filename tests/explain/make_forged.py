#!/usr/bin/env python3
"""Writes the two forged trace sets of the explain tests from forged_read_scenario.json's honest one.

    make_forged.py HONEST.traces.json OUT_DIR

HONEST is `memspec trace forged_read_scenario.json --format json` (a write of 0 to cell 3 of address
space 1 at timestamp 1, a read of it at timestamp 2, finalize). forged_read.traces.json changes the
read's row of the access chip to have read 7 (its data and prev_data, which a read keeps equal);
failing_constraint.traces.json changes the write's is_write from 1 to 2. Nothing else changes, so
what the checker finds is exactly what the tests in tests/CMakeLists.txt count by hand. Both are
written with the range checker's table derived (R307): the forgeries touch no range-checked column, so
the reader rebuilds the table the honest set had, and each file stays a few kilobytes.
"""
import json
import sys


def access_rows(traces):
    chip = next(c for c in traces["chips"] if c["name"] == "access")
    col = {n: i for i, n in enumerate(chip["columns"])}
    return chip, col


def derived_range_table(traces):
    traces["chips"] = [c for c in traces["chips"] if c["name"] != "range_checker"]
    traces["range_checker"] = "derived"


def main():
    honest, out = sys.argv[1], sys.argv[2]
    with open(honest) as f:
        base = json.load(f)
    forged = json.loads(json.dumps(base))
    chip, col = access_rows(forged)
    read = next(r for r in chip["rows"] if r[col["is_valid"]] == 1 and r[col["is_write"]] == 0)
    read[col["data[0]"]] = 7
    read[col["prev_data[0]"]] = 7
    derived_range_table(forged)
    with open(f"{out}/forged_read.traces.json", "w") as f:
        json.dump(forged, f)
        f.write("\n")
    bad = json.loads(json.dumps(base))
    chip, col = access_rows(bad)
    write = next(r for r in chip["rows"] if r[col["is_valid"]] == 1 and r[col["is_write"]] == 1)
    write[col["is_write"]] = 2
    derived_range_table(bad)
    with open(f"{out}/failing_constraint.traces.json", "w") as f:
        json.dump(bad, f)
        f.write("\n")


if __name__ == "__main__":
    main()
