#!/usr/bin/env python3
"""Compares an implementation's output with an expected output file (R29); vectors/roots/check.sh
uses it for the root vectors (the vector files of vectors/*.json are run by vectors/runner.py).

A result must be equal as JSON. An error must have the same kind and op_index; messages are for
people and are not compared."""
import json
import sys


def main() -> int:
    expected_path, actual_text, exit_code = sys.argv[1], sys.stdin.read(), int(sys.argv[2])
    with open(expected_path) as f:
        expected = json.load(f)
    try:
        actual = json.loads(actual_text)
    except json.JSONDecodeError as e:
        print(f"output is not JSON: {e}")
        return 1
    if "error" in expected:
        if exit_code != 2:
            print(f"expected exit status 2 for an error, got {exit_code}")
            return 1
        if not isinstance(actual, dict) or "error" not in actual:
            print(f"expected error {expected['error']['kind']}, got a result")
            return 1
        for key in ("kind", "op_index"):
            if expected["error"].get(key) != actual["error"].get(key):
                print(f"error {key}: expected {expected['error'].get(key)!r}, got {actual['error'].get(key)!r}")
                return 1
        return 0
    if exit_code != 0:
        print(f"expected exit status 0, got {exit_code}: {actual_text.strip()[:300]}")
        return 1
    if actual != expected:
        for key in expected:
            if actual.get(key) != expected[key]:
                print(f"'{key}' differs: expected {json.dumps(expected[key])[:300]} got {json.dumps(actual.get(key))[:300]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
