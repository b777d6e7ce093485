#!/usr/bin/env python3
"""R282: what the exploit vector vectors/exploits_merkle_root_labels.json shows, checked from its
trace set and its filler's scenario rather than from memspec's verdict. tcId 1's accesses read
address space 2 and return the image that the scenario puts at address space 1; its boundary rows
sit at address space 2; its public initial root is the root `memspec root` computes for the
scenario's image, and the image with those values at address space 2 instead has another root, so
the public root does not commit what the forged reads return. The root rows' as_label is
1/2^as_height (mod p) and every hash is the honest trace set's (tcId 2).

Usage: root_labels_vector.py MEMSPEC REPO_ROOT  (exit 0 and "ok" when every check holds)
"""
import json
import os
import subprocess
import sys
import tempfile

P = 2013265921  # BabyBear (R1)


def chip(traces, name):
    c = next(c for c in traces["chips"] if c["name"] == name)
    index = {n: i for i, n in enumerate(c["columns"])}
    return c, index


def fail(msg):
    print("root_labels_vector: " + msg)
    sys.exit(1)


def root_of(memspec, scenario):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(scenario, f)
        path = f.name
    try:
        p = subprocess.run([memspec, "root", "--json", "--engine", "oracle", path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if p.returncode != 0:
        fail("memspec root failed: " + p.stdout[:300])
    return json.loads(p.stdout)["initial_root"]


def main():
    memspec, root = sys.argv[1], sys.argv[2]
    vec = json.load(open(os.path.join(root, "vectors/exploits_merkle_root_labels.json")))
    filler = json.load(open(os.path.join(root, "vectors/fillers/exploits_merkle_root_labels.json")))
    tests = {t["tcId"]: t for g in vec["testGroups"] for t in g["tests"]}
    scenario = next(t["scenario"] for g in filler["testGroups"] for t in g["tests"] if t["tcId"] == 1)
    forged, honest = tests[1]["traces"], tests[2]["traces"]
    image = {(c["as"], c["ptr"]): c["value"] for c in scenario["initial_memory"]}
    if {a for a, _ in image} != {1}:
        fail("the scenario's image is not in address space 1 alone")

    # The forged reads: address space 2, returning the image of address space 1.
    acc, ai = chip(forged, "access")
    reads = [r for r in acc["rows"] if r[ai["is_valid"]] == 1 and r[ai["is_write"]] == 0]
    if not reads:
        fail("no read in the forged trace set")
    width = sum(1 for n in ai if n.startswith("data["))
    for r in reads:
        if r[ai["address_space"]] != 2:
            fail("a forged read is not at address space 2")
        want = [image.get((1, r[ai["pointer"]] + i), 0) for i in range(width)]
        if [r[ai[f"data[{i}]"]] for i in range(width)] != want or not any(want):
            fail("a forged read does not return address space 1's image")
    b, bi = chip(forged, "persistent_boundary")
    if any(r[bi["address_space"]] != 2 for r in b["rows"] if r[bi["expand_direction"]] != 0):
        fail("a live boundary row is not at address space 2")

    # The roots: the public initial root is the image's; the image moved to address space 2 has another.
    m, mi = chip(forged, "memory_merkle")
    public = [m["public_values"][f"initial_root[{i}]"] for i in range(8)]
    if public != root_of(memspec, dict(scenario, ops=[])):
        fail("the public initial root is not the root of the scenario's image")
    moved = dict(scenario, ops=[], initial_memory=[{"as": 2, "ptr": p, "value": v} for (_, p), v in image.items()])
    if root_of(memspec, moved) == public:
        fail("the image at address space 2 has the same root: the vector would show nothing")

    # The relabelling: root rows at 1/2^as_height, and no hash changed from the honest trace set.
    shift = pow(pow(2, forged["config"]["as_height"], P), P - 2, P)
    roots = [r for r in m["rows"] if r[mi["is_root"]] == 1]
    if len(roots) != 2 or any(r[mi["parent_as_label"]] != shift for r in roots):
        fail("the root rows' as_label is not 1/2^as_height")
    hm, hmi = chip(honest, "memory_merkle")
    hashes = [n for n in mi if "hash" in n]
    if [[r[mi[n]] for n in hashes] for r in m["rows"]] != [[r[hmi[n]] for n in hashes] for r in hm["rows"]]:
        fail("the forgery changed a hash")
    if m["public_values"] != hm["public_values"]:
        fail("the forgery changed a public value")
    print("ok")


if __name__ == "__main__":
    main()
