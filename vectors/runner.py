#!/usr/bin/env python3
"""Runs the conformance vector files (vectors/*.json, spec/interchange.md "Vector files") through an
implementation (R105, R106).

  runner.py 'COMMAND' [FILE...]             each ScenarioTest's scenario is written to a file whose
                                            path is appended to COMMAND; the output is compared
  runner.py --stream 'COMMAND' [FILE...]    the scenario is fed as JSON Lines on stdin (R38) and the
                                            JSON Lines printed are read back into the v1 result
  runner.py --traces 'COMMAND' [FILE...]    each TraceTest's trace set is written to a file whose
                                            path is appended to COMMAND (a verifier printing the
                                            `memspec check --json` verdict); an exploit (invalid)
                                            must be rejected, an honest trace set (valid) accepted
  runner.py --traces --weakened 'COMMAND'   also replays each trace set with `--without NAME` for
                                            the test's `without` names: that weakened AIR must
                                            accept it (the vector is not vacuous; memspec only)

Without FILE arguments every vectors/*.json is run. Prints one line per failing test and
"vectors: N passed, M failed"; exit status 1 if any failed. Comparison, by `result`:
  valid       exit 0 and the output equal to `expected` as JSON;
  acceptable  exit 0 and equal except what `mayVary` allows ({"finalizeOrder": k}: the adapter
              records from index k on are compared as a multiset);
  invalid     exit 2 and an {"error":…} whose kind and op_index equal `expected` (messages are
              not compared); for a TraceTest, exit 1 and a rejected verdict whose kind, chip and
              bus equal those `expected` gives.
A valid TraceTest (an honest trace set, R160) needs exit 0 and {"verdict":"accepted"}: the exit
status and the verdict on stdout must agree, so a verifier that crashes (exit 1, no verdict) passes
no TraceTest of either kind.
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import jsonl  # noqa: E402  (the JSON Lines framing, shared with check.sh's users)


def vector_files():
    return sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".json"))


def canonical(x):
    return json.dumps(x, sort_keys=True, separators=(",", ":"))


def first_difference(expected, actual, path="$"):
    """The first place two JSON values differ, as 'path: expected X, got Y'."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k in expected:
            if k not in actual:
                return f"{path}.{k}: missing"
            d = first_difference(expected[k], actual[k], f"{path}.{k}")
            if d:
                return d
        for k in actual:
            if k not in expected:
                return f"{path}.{k}: unexpected key"
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        for i, (e, a) in enumerate(zip(expected, actual)):
            d = first_difference(e, a, f"{path}[{i}]")
            if d:
                return d
        if len(expected) != len(actual):
            return f"{path}: expected {len(expected)} items, got {len(actual)}"
        return None
    if expected != actual or type(expected) is not type(actual):
        return f"{path}: expected {json.dumps(expected)[:200]}, got {json.dumps(actual)[:200]}"
    return None


def compare_scenario_output(test, rc, text):
    """None if the output conforms to the test, else a one-line reason."""
    try:
        actual = json.loads(text)
    except json.JSONDecodeError as e:
        return f"output is not JSON ({e}): {text.strip()[:200]!r}"
    expected = test["expected"]
    if test["result"] == "invalid":
        if rc != 2:
            return f"expected exit status 2 for an error, got {rc}"
        if not isinstance(actual, dict) or not isinstance(actual.get("error"), dict):
            return f"expected error {expected['error']['kind']}, got a result"
        for key in ("kind", "op_index"):
            if expected["error"].get(key) != actual["error"].get(key):
                return f"error {key}: expected {expected['error'].get(key)!r}, got {actual['error'].get(key)!r}"
        return None
    if rc != 0:
        return f"expected exit status 0, got {rc}: {text.strip()[:300]}"
    if test["result"] == "valid":
        return first_difference(expected, actual)
    # acceptable: everything equal except the records finalize emits, which form a multiset.
    k = test["mayVary"]["finalizeOrder"]
    if not isinstance(actual, dict) or not isinstance(actual.get("adapter_records"), list):
        return "output has no adapter_records"
    exp_rest = {key: v for key, v in expected.items() if key != "adapter_records"}
    act_rest = {key: v for key, v in actual.items() if key != "adapter_records"}
    d = first_difference(exp_rest, act_rest)
    if d:
        return d
    d = first_difference(expected["adapter_records"][:k], actual["adapter_records"][:k], "$.adapter_records")
    if d:
        return d
    if sorted(map(canonical, expected["adapter_records"][k:])) != sorted(map(canonical, actual["adapter_records"][k:])):
        return f"$.adapter_records[{k}:]: the records finalize emits differ as a multiset"
    return None


def scenario_bytes(test):
    if "scenarioText" in test:
        return test["scenarioText"]
    return json.dumps(test["scenario"], separators=(",", ":"))


def run_scenario_test(cmd, test, stream, tmp):
    path = os.path.join(tmp, "scenario.json")
    with open(path, "w") as f:
        f.write(scenario_bytes(test))
    argv = shlex.split(cmd)
    if stream:
        feed = jsonl.scenario_lines(scenario_bytes(test))
        p = subprocess.run(argv, input=feed, capture_output=True, text=True)
        text = jsonl.result_from_lines(p.stdout.splitlines())
    else:
        p = subprocess.run(argv + [path], capture_output=True, text=True)
        text = p.stdout
    return compare_scenario_output(test, p.returncode, text)


def run_trace_test(cmd, test, weakened, tmp):
    path = os.path.join(tmp, "traces.json")
    with open(path, "w") as f:
        json.dump(test["traces"], f, separators=(",", ":"))
    argv = shlex.split(cmd) + [path]
    p = subprocess.run(argv, capture_output=True, text=True)
    try:
        verdict = json.loads(p.stdout)
    except json.JSONDecodeError:
        return f"verifier output is not JSON (exit {p.returncode}): {p.stdout.strip()[:200]!r} {p.stderr.strip()[:200]!r}"
    if test["result"] == "valid":
        if p.returncode != 0 or not isinstance(verdict, dict) or verdict.get("verdict") != "accepted":
            return f"a complete verifier must accept this honest trace set; got exit {p.returncode}: {p.stdout.strip()[:300]}"
        return None
    if p.returncode != 1 or not isinstance(verdict, dict) or verdict.get("verdict") != "rejected":
        return f"a sound verifier must reject this trace set; got exit {p.returncode}: {p.stdout.strip()[:300]}"
    reason = verdict.get("reason", {})
    for key, want in test["expected"].items():
        if key == "verdict":
            continue
        if reason.get(key) != want:
            return f"rejection {key}: expected {want!r}, got {reason.get(key)!r} ({reason.get('constraint')})"
    if weakened and test.get("without"):
        extra = [a for name in test["without"] for a in ("--without", name)]
        q = subprocess.run(argv + extra, capture_output=True, text=True)
        if q.returncode != 0:
            return f"not shown non-vacuous: without {test['without']} the trace set is still rejected: {q.stdout.strip()[:300]}"
    return None


def main(argv):
    stream = traces = weakened = False
    args = list(argv)
    while args and args[0].startswith("--"):
        flag = args.pop(0)
        if flag == "--stream":
            stream = True
        elif flag == "--traces":
            traces = True
        elif flag == "--weakened":
            weakened = True
        else:
            sys.exit(f"unknown option {flag}\n{__doc__}")
    if not args:
        sys.exit(__doc__)
    cmd, files = args[0], args[1:] or vector_files()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            with open(path) as f:
                doc = json.load(f)
            name = os.path.basename(path)
            for group in doc["testGroups"]:
                if (group["type"] == "TraceTest") != traces:
                    continue
                for test in group["tests"]:
                    if traces:
                        why = run_trace_test(cmd, test, weakened, tmp)
                    else:
                        why = run_scenario_test(cmd, test, stream, tmp)
                    if why:
                        failed += 1
                        print(f"FAIL {name} tcId {test['tcId']} ({test['comment'][:60]}): {why}")
                    else:
                        passed += 1
    print(f"vectors: {passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
