#!/usr/bin/env python3
"""The JSON Lines framing of spec/interchange.md (R38), written a second time and apart from memspec
(the cli ctest checks `memspec run --stream` against it, and `memspec conform --stream` frames
vectors with conform/stream_framing.cpp), for implementation-independent checks.

  jsonl.py scenario FILE    prints the scenario as a stream: a header line, then one op per line
  jsonl.py result           reads a streamed result on stdin, prints it as the v1 result object
                            (or the {"error":…} line it ends with)
"""
import json
import sys


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def scenario_lines(text: str) -> str:
    """The scenario document `text` as a stream: a header line, then one op per line."""
    try:
        doc = json.loads(text, object_pairs_hook=no_duplicates)
    except ValueError:
        # Not a valid document: its header line is the same bytes on one line, and a conforming
        # reader rejects it as the document reader does (ParseError).
        return " ".join(text.split("\n")) + "\n"
    if not isinstance(doc, dict) or not isinstance(doc.get("ops", []), list):
        return json.dumps(doc, separators=(",", ":")) + "\n"
    ops = doc.pop("ops", [])
    lines = [json.dumps(doc, separators=(",", ":"))] + [json.dumps(op, separators=(",", ":")) for op in ops]
    return "\n".join(lines) + "\n"


def scenario(path: str) -> None:
    with open(path) as f:
        sys.stdout.write(scenario_lines(f.read()))


def result_from_lines(lines) -> str:
    """The v1 result object (or the {"error":…} line it ends with) of a streamed result."""
    out = {"reads": [], "records": [], "adapter_records": []}
    final_memory = None
    roots = {}  # R75a: persistent profile only, printed after final_timestamp
    for line in lines:
        if not line.strip():
            continue
        obj = json.loads(line)
        (key, value), = obj.items()
        if key == "error":
            return json.dumps(obj, separators=(",", ":"))
        if key == "record":
            out["records"].append(value)
            if value["op"] == "read":
                out["reads"].append(value["data"])
        elif key == "adapter_record":
            out["adapter_records"].append(value)
        elif key == "final_block":
            final_memory = (final_memory or []) + [value]
        elif key == "finalize_chunk":
            final_memory = final_memory or []
        elif key in ("initial_root", "final_root"):
            roots[key] = value
        elif key == "final_timestamp":
            out["final_memory"] = final_memory
            out["final_timestamp"] = value
            out.update(roots)
    if out.get("final_memory") is None:
        out.pop("final_memory", None)
    return json.dumps(out, separators=(",", ":"))


def result() -> None:
    print(result_from_lines(sys.stdin))


if __name__ == "__main__":
    if sys.argv[1:2] == ["scenario"]:
        scenario(sys.argv[2])
    elif sys.argv[1:2] == ["result"]:
        result()
    else:
        sys.exit(__doc__)
