#!/usr/bin/env python3
"""A deliberately partial implementation for `memspec conform`'s scope (spec/memory.md R245): the
independent model (tests/wrong_impls/openvm_memory.py) behind a gate that refuses, with an
{"error":{"kind":"Unsupported"}} answer, every scenario holding a read or write of more than one
cell. Declared with one_cell.capabilities.json it passes; without, those refusals are failures.

    one_cell.py            one scenario on stdin, its answer on stdout
    one_cell.py --batch    the batch protocol (R246): {"scenario":"<document>"} per line in, one answer per line out
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "wrong_impls"))
import openvm_memory  # noqa: E402


def too_wide(raw):
    try:
        doc = json.loads(raw)
    except ValueError:
        return False
    ops = doc.get("ops") if isinstance(doc, dict) else None
    if not isinstance(ops, list):
        return False
    for op in ops:
        if not isinstance(op, dict):
            continue
        if isinstance(op.get("len"), int) and op["len"] > 1:
            return True
        if isinstance(op.get("data"), list) and len(op["data"]) > 1:
            return True
    return False


def answer(raw):
    if too_wide(raw):
        return json.dumps({"error": {"kind": "Unsupported", "message": "accesses of one cell only"}}), 2
    return openvm_memory.answer(raw, set(), False)


def main():
    if sys.argv[1:] == ["--batch"]:
        for request in sys.stdin.buffer:
            line, _ = answer(json.loads(request)["scenario"].encode())
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        return 0
    line, status = answer(sys.stdin.buffer.read())
    print(line)
    return status


if __name__ == "__main__":
    sys.exit(main())
