#!/usr/bin/env python3
"""Fills tests/data/conform/good/*.json: small vector files (spec/interchange.md "Vector files") that
exercise `memspec conform` itself — every result kind, a multiset-compared finalize, a duplicate key
that must reach the program byte for byte (scenarioText), TraceTests of both kinds — and give each
planted bug of tests/wrong_impls/openvm_memory.py a test carrying its flag.

    python3 tests/data/conform/make_vectors.py build/default/tools/memspec [OUT_DIR]

The expected values are memspec's oracle's (`memspec run --engine oracle`); the conformance suite
proper is vectors/. Regenerating must give identical bytes (the conform_data_is_regenerated ctest).
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))

NOTES = {
    "Basic": ("BASIC", "An ordinary run: accesses, records, finalize.", "Anything may differ.", ["R16", "R17", "R23"]),
    "MergeTimestamp": ("EDGE_CASE", "A merge whose halves have different timestamps.",
                       "A merge that keeps the earlier timestamp gives later accesses a stale prev_timestamp.", ["R19"]),
    "SplitOrder": ("EDGE_CASE", "A boundary inside a block two or more levels up: a chain of splits.",
                   "Splits emitted innermost first put AccessAdapterAir rows out of order.", ["R18", "R20"]),
    "WritePrevData": ("BASIC", "A write over cells that already hold values.",
                      "prev_data read after the store equals data: the bus consumes the wrong values.", ["R11", "R16"]),
    "FinalizePartialChunk": ("EDGE_CASE", "A chunk touched in pieces smaller than CHUNK at finalize.",
                             "A finalize that skips it leaves the chunk out of the final memory.", ["R22", "R23", "R24"]),
    "ClockLimit": ("EDGE_CASE", "Operations at the last timestamps below 2^clk_max_bits.",
                   "Accepting an operation that brings the clock to 2^clk_max_bits lets a timestamp reach the limit.", ["R9"]),
    "MissingCheck": ("MISSING_CHECK", "An input the spec rejects with a typed error.",
                     "Accepting it executes an operation OpenVM cannot prove (or panics on).", ["R27", "R28"]),
    "DuplicateKey": ("MISSING_CHECK", "A scenario document with a duplicate key.",
                     "A lenient parser picks one value and runs something the author did not write.", ["R29"]),
    "FinalizeOrder": ("DEVIATION", "Finalize visits touched chunks in ascending (as, ptr) order: memspec fixes the order "
                      "OpenVM leaves to a hash set, under the generalized profile only.",
                      "Another order gives the same multiset of records in another sequence.", ["R23"]),
    "ForgedFinalValue": ("SOUNDNESS", "A trace set whose final boundary value was changed after trace generation.",
                         "A verifier that accepts it lets a proof claim a final memory the program never wrote.", ["R62"]),
    "HonestTraceSet": ("BASIC", "The honest trace set an exploit was forged from.",
                       "A verifier that rejects it, or rejects everything, is not complete.", ["R160"]),
}

V = "openvm-v1.0-volatile"
PERS = "openvm-v1.0-persistent"
GEN = "generalized"
# Volatile, small clock: decomp 2 < clk_max_bits 4 <= 2*decomp; one address space (1 bit); 4 pointer bits.
SMALL_CLOCK = {"as_height": 0, "pointer_max_bits": 4, "clk_max_bits": 4, "decomp": 2}


def w(ptr, data, a=1):
    return {"op": "write", "as": a, "ptr": ptr, "data": data}


def r(ptr, n, a=1):
    return {"op": "read", "as": a, "ptr": ptr, "len": n}


def tick(by):
    return {"op": "tick", "by": by}


FILES = {
    "volatile.json": (V, ["Runs under OpenVM v1.0's volatile memory (CHUNK 1), one planted-bug class per test."], [
        ("Merge of halves written at different times: the parent takes the later timestamp",
         ["MergeTimestamp"], {"ops": [w(0, [1, 2]), w(1, [3]), r(0, 2)], "finalize_chunk": 1}),
        ("A 1-cell read inside a 4-cell block: splits 4 then 2, outermost first",
         ["SplitOrder"], {"ops": [w(0, [1, 2, 3, 4]), r(1, 1)], "finalize_chunk": 1}),
        ("Second write of a cell: prev_data is the first write's value",
         ["WritePrevData"], {"ops": [w(5, [7]), w(5, [9])], "finalize_chunk": 1}),
        ("The clock reaches 2^clk_max_bits - 1 and stops there",
         ["ClockLimit"], {"config": SMALL_CLOCK, "ops": [tick(13), r(0, 1)], "finalize_chunk": 1}),
        ("An access that would bring the clock to 2^clk_max_bits is a TimestampViolation",
         ["ClockLimit"], {"config": SMALL_CLOCK, "ops": [tick(14), r(0, 1)], "finalize_chunk": 1}),
        ("Immediates, ticks and no finalize",
         ["Basic"], {"ops": [r(7, 1, a=0), tick(3), w(2, [1, 1]), r(2, 1)]}),
    ]),
    "persistent.json": (PERS, ["Runs under OpenVM v1.0's persistent memory (CHUNK 8): finalize merges chunks "
                               "touched in pieces, in an order OpenVM leaves to a hash set."], [
        ("One cell written in a fresh chunk: finalize merges the pieces back into one block",
         ["FinalizePartialChunk"], {"initial_block_size": 8, "ops": [w(0, [5])], "finalize_chunk": 8}),
        ("Two chunks touched in pieces, one with an initial value: finalize merges both",
         ["FinalizePartialChunk", "MergeTimestamp"],
         {"initial_block_size": 8, "initial_memory": [{"as": 1, "ptr": 9, "value": 4}],
          "ops": [w(1, [6]), r(9, 1), w(10, [2, 3])],
          "finalize_chunk": 8}),
        ("A whole-chunk write and read: no adapter records",
         ["Basic"], {"initial_block_size": 8, "ops": [w(8, [1, 2, 3, 4, 5, 6, 7, 8]), r(8, 8)], "finalize_chunk": 8}),
    ]),
    "generalized.json": (GEN, ["The generalized profile: inputs the spec rejects, each with its kind and op_index "
                               "(R27, R28), and finalize's fixed order."], [
        ("The access runs past the end of the address space", ["MissingCheck"],
         {"config": {"pointer_max_bits": 4}, "ops": [w(0, [1]), r(14, 4)]}),
        ("Address space 0 cannot be written", ["MissingCheck"], {"ops": [w(3, [1], a=0)]}),
        ("A 3-cell read", ["MissingCheck"], {"ops": [tick(1), r(0, 3)]}),
        ("A value that is not a BabyBear element", ["MissingCheck"], {"ops": [w(0, [2013265921])]}),
        ("A duplicate key: the document is rejected before anything runs", ["DuplicateKey"],
         '{"profile":"generalized","ops":[],"ops":[{"op":"read","as":1,"ptr":0,"len":1}]}'),
        ("strict_alignment: an aligned access is fine", ["Basic"],
         {"config": {"strict_alignment": True}, "ops": [w(4, [1, 2, 3, 4]), r(6, 2)], "finalize_chunk": 2}),
        ("Two chunks merged at finalize, in ascending order", ["FinalizeOrder"],
         {"ops": [w(0, [1]), w(4, [2])], "finalize_chunk": 2}),
    ]),
}


def memspec_run(memspec, text):
    p = subprocess.run([memspec, "run", "--engine", "oracle", "-"], input=text.encode(), capture_output=True)
    return json.loads(p.stdout), p.returncode


def scenario_text(profile, sc):
    if isinstance(sc, str):
        return sc
    return json.dumps({"profile": profile, **sc}, separators=(",", ":"))


def make_test(memspec, tc_id, profile, comment, flags, sc):
    text = scenario_text(profile, sc)
    out, rc = memspec_run(memspec, text)
    test = {"tcId": tc_id, "comment": comment, "flags": flags}
    # A slip in a scenario must not quietly turn a test into an error test (or back).
    meant_invalid = bool({"MissingCheck", "DuplicateKey"} & set(flags)) or "TimestampViolation" in comment
    if meant_invalid != (rc == 2):
        sys.exit(f"make_vectors.py: tcId {tc_id} ({comment}): memspec answered {json.dumps(out)[:200]}")
    if rc == 2:
        err = {"kind": out["error"]["kind"]}
        if "op_index" in out["error"]:
            err["op_index"] = out["error"]["op_index"]
        if isinstance(sc, str):  # interchange.md: an input that is not a JSON object goes as scenarioText
            test.update({"result": "invalid", "scenarioText": sc, "expected": {"error": err}})
            return test, None
        test.update({"result": "invalid", "scenario": "@RAW@", "expected": {"error": err}})
        return test, text
    # R23: under an OpenVM profile finalize's records may come in any order (hash-set order).
    finalize = 0
    if profile != GEN and not isinstance(sc, str) and sc.get("finalize_chunk"):
        without = {k: v for k, v in sc.items() if k != "finalize_chunk"}
        before, _ = memspec_run(memspec, scenario_text(profile, without))
        finalize = len(out["adapter_records"]) - len(before["adapter_records"])
        k = len(before["adapter_records"])
    if finalize >= 2:
        test.update({"result": "acceptable", "mayVary": {"finalizeOrder": k}})
    else:
        test["result"] = "valid"
    test.update({"scenario": "@RAW@", "expected": out})
    return test, text


def dump_file(doc, raws):
    # Scenarios are spliced in as their exact text, so a duplicate key survives.
    text = json.dumps(doc, indent=1)
    for raw in raws:
        text = text.replace('"@RAW@"', raw, 1)
    return text + "\n"


def main():
    memspec = sys.argv[1]
    out_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "good")
    os.makedirs(out_dir, exist_ok=True)
    for name, (profile, header, tests) in FILES.items():
        used, made, raws = [], [], []
        for i, (comment, flags, sc) in enumerate(tests, start=1):
            test, raw = make_test(memspec, i, profile, comment, flags, sc)
            made.append(test)
            if raw is not None:
                raws.append(raw)
            used += [f for f in flags if f not in used]
        doc = {
            "schema": {"name": "memspec-vectors", "version": 1},
            "profile": profile,
            "numberOfTests": len(made),
            "header": header,
            "notes": {f: {"bugType": NOTES[f][0], "description": NOTES[f][1], "effect": NOTES[f][2],
                          "rules": NOTES[f][3], "links": []} for f in used},
            "testGroups": [{"type": "ScenarioTest", "comment": header[0],
                            "provenance": {"method": "transcribed",
                                           "source": "tests/data/conform/make_vectors.py (memspec run --engine oracle)"},
                            "tests": made}],
        }
        with open(os.path.join(out_dir, name), "w") as f:
            f.write(dump_file(doc, raws))
    # A TraceTest file: the forged trace set of tests/data/air (final value changed after tracing),
    # and the honest trace set it was forged from (R160: a verifier that rejects everything fails it).
    traces = {}
    for name in ("small_persistent.forged_final", "small_persistent"):
        with open(os.path.join(ROOT, "tests", "data", "air", f"{name}.traces.json")) as f:
            traces[name] = f.read().strip()
    used = ["ForgedFinalValue", "HonestTraceSet"]
    doc = {
        "schema": {"name": "memspec-vectors", "version": 1},
        "profile": PERS,
        "numberOfTests": 2,
        "header": ["Trace sets: an exploit a sound verifier rejects, and the honest trace set it was forged from, "
                   "which a complete verifier accepts."],
        "notes": {f: {"bugType": NOTES[f][0], "description": NOTES[f][1], "effect": NOTES[f][2], "rules": NOTES[f][3],
                      "links": []} for f in used},
        "testGroups": [{"type": "TraceTest", "comment": "A final boundary value changed after trace generation",
                        "provenance": {"method": "transcribed",
                                       "source": "tests/data/air/small_persistent.forged_final.traces.json (forged by hand)"},
                        "tests": [{"tcId": 1, "comment": "final value of cell (1, 0) changed", "flags": ["ForgedFinalValue"],
                                   "result": "invalid", "traces": "@RAW@", "expected": {"verdict": "rejected"}}]},
                       {"type": "TraceTest", "comment": "The honest trace set tcId 1 was forged from",
                        "provenance": {"method": "transcribed",
                                       "source": "tests/data/air/small_persistent.traces.json (memspec trace)"},
                        "tests": [{"tcId": 2, "comment": "small_persistent.json's trace set, untampered",
                                   "flags": ["HonestTraceSet"], "result": "valid", "traces": "@RAW@",
                                   "expected": {"verdict": "accepted"}}]}],
    }
    with open(os.path.join(out_dir, "traces.json"), "w") as f:
        f.write(dump_file(doc, [traces["small_persistent.forged_final"], traces["small_persistent"]]))


if __name__ == "__main__":
    main()
