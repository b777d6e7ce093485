#!/usr/bin/env python3
"""The differences between OpenVM v1.0 and v1.4 are the ones spec/memory.md's what-changed table names (R273, R322).

    what_changed_diff.py --memspec BIN --spec spec/memory.md --profile openvm-v1.4-volatile \
                         --seed N --count N [--drop-row ASPECT]

It runs `memspec diff --profile openvm-v1.4-… --cmd '<this script> --serve …'`: memspec generates
v1.4 scenarios, and for each the served command runs the same operations under both versions with
`memspec run` — the scenario as given, and the scenario with its profile replaced by v1.0's of the
same memory (openvm-v1.0-volatile or openvm-v1.0-persistent) — classifies each difference between the
two results into an aspect (a row of the table), records it, and answers with the v1.4 result, so
that diff itself sees no divergence and runs every scenario. Then the set of aspects found must be
exactly the table's rows whose v1.0 and v1.4 cells differ, less the rows no result can show
(`execution` and `chips`, which must still be rows): an aspect found that the table does not name
fails (an undocumented difference), and so does a documented one never found (a table that claims
more than the engines do, or a generator that no longer reaches it). --drop-row removes one row from
the table as read, which must then fail: the check can fail.

How a difference is classified (the first difference of the two results decides):
  - setup: a config one version refuses and the other takes -> config; an image cell v1.4's table
    has no cell for -> bounds; one its u8 cell cannot hold -> values. (After a config only v1.0
    refuses — the legacy switch, or its volatile boundary's limbs, R3a, under v1.4's 29 pointer
    bits — v1.0 runs again without the switch and, if need be, with decomp 15 and clk_max_bits 29,
    which changes no timestamp; a v1.4 run that reached its clock's limit is then not compared.)
  - an operation refused by one version only, or by both with different errors, at the earlier
    index: address space 0 -> address space 0; v1.4's OutOfBounds for an access within its size
    limits -> bounds, above them -> sizes; v1.4's UnalignedAccess for a size that is not whole
    minimum blocks -> sizes, for a pointer -> alignment; v1.4's InvalidValue -> values.
  - the same access records, different adapter records: operation by operation (prefixes of the
    scenario), the first operation whose rows differ is classified: the same rows in another
    order -> adapter records; an access none of whose cells (nor of the initial blocks around them)
    were touched before -> untouched cells; otherwise -> an access not one block.
  - the operations' rows all the same, finalize's rows or final blocks different -> finalize.
  - anything else (reads, access records, the final timestamp) -> an unclassified difference, which
    the table cannot name, so the test fails.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys

NOT_IN_A_RESULT = {"execution", "chips"}  # table rows that no run's result can show
# Rows one memory cannot show: a volatile untouched access is merged from cells in both versions,
# the same rows (v1.0 pairwise as it recurses, v1.4 each minimum piece, then one merge) in another
# order at most — which is the row "adapter records".
NOT_IN_MEMORY = {"openvm-v1.4-volatile": {"untouched cells"}, "openvm-v1.4-persistent": set()}
V1_0_OF = {"openvm-v1.4-volatile": "openvm-v1.0-volatile", "openvm-v1.4-persistent": "openvm-v1.0-persistent"}


def table_rows(spec_path, drop=None):
    """R273's table: aspect -> (v1.0 cell, v1.4 cell), by the header's column names."""
    text = open(spec_path, encoding="utf-8").read()
    start = text.index("**R273")
    lines = text[start:].splitlines()
    rows, header = {}, None
    for line in lines[1:]:
        if not line.startswith("|"):
            if header is not None:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        rows[cells[0]] = dict(zip(header, cells))
    v10 = next(h for h in header if h.startswith("v1.0"))
    v14 = next(h for h in header if h.startswith("v1.4"))
    out = {a: (r[v10], r[v14]) for a, r in rows.items() if a != drop}
    return out


def run(memspec, scenario):
    p = subprocess.run([memspec, "run", "-"], input=json.dumps(scenario).encode(), capture_output=True)
    try:
        return json.loads(p.stdout)
    except ValueError:
        raise SystemExit(f"what_changed_diff.py: memspec run printed no JSON: {p.stdout[:200]!r} {p.stderr[:200]!r}")


def minimum(op_as, legacy):  # R262, by hand
    return 1 if op_as == 4 or (op_as == 2 and legacy) or op_as >= 5 else 4


def op_size(op):
    return op["len"] if op["op"] == "read" else len(op.get("data", []))


def classify_error(sc, e10, e14):
    """The aspect of a difference in errors; None when both say the same (kind and op_index, the
    contract: messages name each version's rule)."""
    same = lambda e: None if e is None else (e.get("kind"), e.get("op_index"))
    if same(e10) == same(e14):
        return None
    i10 = (e10 or {}).get("op_index")
    i14 = (e14 or {}).get("op_index")
    setup10 = e10 is not None and i10 is None
    setup14 = e14 is not None and i14 is None
    if setup14 or setup10:
        kind = (e14 if setup14 else e10)["kind"]
        if kind == "InvalidConfig":
            return "config"  # a config one version takes and the other refuses (R3a against R261)
        if setup14 and kind == "OutOfBounds":
            return "bounds"
        if setup14 and kind == "InvalidValue":
            return "values"
        return "unclassified setup error " + json.dumps([e10, e14])
    idx = min(i for i in (i10, i14) if i is not None)
    op = sc["ops"][idx]
    if op["op"] != "tick" and op["as"] == 0:
        return "address space 0"
    if i14 == idx:
        kind, legacy = e14["kind"], sc.get("config", {}).get("legacy_v1_3_mem_align", False)
        n = op_size(op)
        if kind == "OutOfBounds":
            cap = min(32, sc.get("config", {}).get("max_access_adapter_n", 32))
            return "sizes" if n > cap else "bounds"
        if kind == "UnalignedAccess":
            return "sizes" if n % minimum(op["as"], legacy) else "alignment"
        if kind == "InvalidValue":
            return "values"
    return "unclassified operation error " + json.dumps([op, e10, e14])


def touched_before(sc, idx):
    """Cells (as, ptr) of the initial blocks any access before op idx touched."""
    ibs = sc.get("initial_block_size", 1)
    cells = set()
    for op in sc["ops"][:idx]:
        if op["op"] == "tick":
            continue
        lo, hi = op["ptr"] - op["ptr"] % ibs, op["ptr"] + op_size(op)
        hi += -hi % ibs
        cells.update((op["as"], p) for p in range(lo, hi))
    return cells


def classify_rows(memspec, sc, sc10):
    """Op by op, the first operation whose adapter rows differ; None if none does."""
    before10 = before14 = []
    for i in range(len(sc["ops"])):
        p14 = dict(sc, ops=sc["ops"][:i + 1])
        p10 = dict(sc10, ops=sc10["ops"][:i + 1])
        p14.pop("finalize_chunk", None)
        p10.pop("finalize_chunk", None)
        r14, r10 = run(memspec, p14), run(memspec, p10)
        rows14, rows10 = r14["adapter_records"][len(before14):], r10["adapter_records"][len(before10):]
        if rows14 != rows10:
            op = sc["ops"][i]
            key = lambda r: json.dumps(r, sort_keys=True)
            if sorted(rows14, key=key) == sorted(rows10, key=key):
                return "adapter records"
            ibs = sc.get("initial_block_size", 1)
            lo, hi = op["ptr"] - op["ptr"] % ibs, op["ptr"] + op_size(op)
            hi += -hi % ibs
            if not {(op["as"], p) for p in range(lo, hi)} & touched_before(sc, i):
                return "untouched cells"
            return "an access not one block"
        before14, before10 = r14["adapter_records"], r10["adapter_records"]
    return None


def classify(memspec, sc):
    found = []
    sc10 = dict(sc, profile=V1_0_OF[sc["profile"]])
    r14, r10 = run(memspec, sc), run(memspec, sc10)
    cfg = sc.get("config", {})
    refused = lambda r: "error" in r and r["error"]["kind"] == "InvalidConfig" and "op_index" not in r["error"]
    setup_ok14 = "error" not in r14 or "op_index" in r14["error"]
    if refused(r10) and (setup_ok14 or cfg.get("legacy_v1_3_mem_align")):
        # A config v1.4 takes and v1.0 refuses: the legacy switch v1.0 does not have (R262), or
        # v1.0's volatile boundary limbs (R3a) under v1.4's fixed 29 pointer bits. Then the
        # operations are compared under a config v1.0 takes: without the switch, and if need be
        # with decomp 15 and clk_max_bits 29 — which changes no timestamp, only the clock's
        # limit, so a v1.4 run that reached the limit is not compared.
        found.append("config")
        sc10["config"] = {k: v for k, v in cfg.items() if k != "legacy_v1_3_mem_align"}
        r10 = run(memspec, sc10)
        if refused(r10):
            if r14.get("error", {}).get("kind") == "TimestampViolation":
                return found
            sc10["config"] = dict(sc10["config"], decomp=15, clk_max_bits=29)
            r10 = run(memspec, sc10)
            if refused(r10):
                return found
    e14, e10 = r14.get("error"), r10.get("error")
    if e14 or e10:
        aspect = classify_error(sc, e10, e14)
        if aspect:
            found.append(aspect)
        return found
    for key in ("reads", "records", "final_timestamp"):
        if r14.get(key) != r10.get(key):
            found.append(f"unclassified {key} difference")
    if r14["adapter_records"] != r10["adapter_records"] or r14.get("final_memory") != r10.get("final_memory"):
        aspect = classify_rows(memspec, sc, sc10)
        if aspect:
            found.append(aspect)
        # Finalize on its own: its rows (those after the operations' rows) and the final blocks.
        if "finalize_chunk" in sc:
            o14 = run(memspec, {k: v for k, v in sc.items() if k != "finalize_chunk"})
            o10 = run(memspec, {k: v for k, v in sc10.items() if k != "finalize_chunk"})
            tail14 = r14["adapter_records"][len(o14["adapter_records"]):]
            tail10 = r10["adapter_records"][len(o10["adapter_records"]):]
            if tail14 != tail10 or r14.get("final_memory") != r10.get("final_memory"):
                found.append("finalize")
        elif not aspect:
            found.append("unclassified adapter records difference")
    return found


def serve(memspec, log):
    """One scenario on standard input (memspec diff's program interface): classify, record, answer as v1.4."""
    raw = sys.stdin.buffer.read()
    sc = json.loads(raw)
    p = subprocess.run([memspec, "run", "-"], input=raw, capture_output=True)
    with open(log, "a", encoding="utf-8") as f:
        for aspect in classify(memspec, sc):
            f.write(json.dumps({"aspect": aspect, "scenario": sc}) + "\n")
    sys.stdout.buffer.write(p.stdout)
    return p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--memspec", required=True)
    ap.add_argument("--spec")
    ap.add_argument("--profile", choices=sorted(V1_0_OF))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--drop-row")
    ap.add_argument("--serve", metavar="LOG")
    a = ap.parse_args()
    if a.serve:
        return serve(a.memspec, a.serve)
    rows = table_rows(a.spec, a.drop_row)
    for must in NOT_IN_A_RESULT:
        if must not in rows and must != a.drop_row:
            print(f"FAIL: R273's table has no row {must!r}")
            return 1
    documented = {aspect for aspect, (v10, v14) in rows.items() if v10 != v14}
    expected = documented - NOT_IN_A_RESULT - NOT_IN_MEMORY[a.profile]
    log = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"what_changed_{os.getpid()}.jsonl")
    open(log, "w").close()
    me = f"{shlex.quote(sys.executable)} {shlex.quote(os.path.abspath(__file__))}"
    cmd = f"{me} --memspec {shlex.quote(a.memspec)} --serve {shlex.quote(log)}"
    d = subprocess.run([a.memspec, "diff", "--cmd", cmd, "--profile", a.profile, "--seed", str(a.seed),
                        "--count", str(a.count), "--json"], capture_output=True, text=True)
    try:
        summary = json.loads(d.stdout)
    except ValueError:
        print(f"FAIL: memspec diff printed no JSON (exit {d.returncode}): {d.stdout[:500]} {d.stderr[:500]}")
        return 1
    examples, counts = {}, {}
    with open(log, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            examples.setdefault(entry["aspect"], entry["scenario"])
            counts[entry["aspect"]] = counts.get(entry["aspect"], 0) + 1
    os.unlink(log)
    found = set(examples)
    print(f"{a.profile} against {V1_0_OF[a.profile]}: {summary.get('scenarios')} scenarios of seed {a.seed}")
    print(f"documented in R273 (v1.0 and v1.4 cells differ, visible in a result): {sorted(expected)}")
    print(f"found: {sorted(found)}")
    print("scenarios per aspect: " + ", ".join(f"{a} {counts[a]}" for a in sorted(counts)))
    status = 0
    if summary.get("ok") is not True:
        print("FAIL: memspec diff reported a divergence from memspec's own v1.4 answer")
        status = 1
    for aspect in sorted(found - expected):
        print(f"FAIL: an undocumented difference {aspect!r}, e.g. {json.dumps(examples[aspect])}")
        status = 1
    for aspect in sorted(expected - found):
        print(f"FAIL: R273 names {aspect!r} but no generated scenario showed it")
        status = 1
    if status == 0:
        print("ok: the differences found are exactly the kinds R273 names")
    return status


if __name__ == "__main__":
    sys.exit(main())
