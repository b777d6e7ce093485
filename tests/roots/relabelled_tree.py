#!/usr/bin/env python3
"""R282: the relabelled-tree forgery. OpenVM v1.0's MemoryMerkleAir (memspec's model of it) leaves
the root rows' labels free, so a prover can present the committed tree under other labels: the
root's address-space label X = 1/2 (mod p) makes its children's labels 2X = 1 and 2X + 1 = 2, and
the committed subtree of address space 1 (label 0) then answers for address space 2 (label 1).

Honest scenario: address space 1 holds v = 1..8 at pointers 0..7 (the image), address space 2 is
zero; a tick, then a read of (1, 0..7), finalized with chunk 8 (as_height 1, pointer_max_bits 6,
29-bit timestamps). The forger takes its trace set and moves the read, the boundary rows and the
Merkle rows below the root to address space 2, and sets both root rows' address-space label to
1/2. The public roots stay those of the image. The result is a trace set whose read of (2, 0..7)
returns v, while the initial root commits address space 2 to zero; and whose final root commits
v at address space 1, not at 2, where the memory bus leaves it.

Usage: relabelled_tree.py MEMSPEC [OUT.traces.json] [--profile P] [--without NAME]...
Prints `memspec check --json --traces`'s verdict of the forgery (the ctest expects accepted) after
checking what the forgery shows; exits 1 if the honest trace set is not what the forgery needs.

R313: with --profile openvm-v1.4-persistent, openvm-v1.6-persistent or openvm-v1.7-persistent the
honest run is the same under OpenVM v1.4's table (as_height 3, pointer_max_bits 29; the read's
8-cell block is split and merged by the access adapters, whose rows move with it), and the
address-space section has three levels: the root's label is 1/8, the rows below it 1/4 and 1/2, so
the leaf level's label is again 1. The trace set is traced with that profile's chips: v1.4's
(v1.0's Merkle chip) accept the forgery, v1.6.0's and v1.7.0's reject it (root labels 0, R310, R311).
Each --without NAME is passed to `memspec check`: without the two root-label constraints the v1.6
and v1.7 chips accept it, so those constraints alone reject it.
"""
import json
import os
import subprocess
import sys
import tempfile

P = 2013265921  # BabyBear (R1)
INV2 = (P + 1) // 2
V = [1 + i for i in range(8)]
SCENARIO = {
    "profile": "openvm-v1.0-persistent",
    "config": {"as_height": 1, "pointer_max_bits": 6, "clk_max_bits": 29, "decomp": 15, "max_access_adapter_n": 8},
    "initial_block_size": 8,
    "initial_memory": [{"as": 1, "ptr": i, "value": V[i]} for i in range(8)],
    "ops": [{"op": "tick", "by": 1}, {"op": "read", "as": 1, "ptr": 0, "len": 8}],
    "finalize_chunk": 8,
}
# R313: the v1.4 family's persistent profiles fix OpenVM v1.4's default table (R261).
V1_4_FAMILY = ("openvm-v1.4-persistent", "openvm-v1.6-persistent", "openvm-v1.7-persistent")
V1_4_CONFIG = {"as_height": 3, "pointer_max_bits": 29, "clk_max_bits": 29, "decomp": 15, "max_access_adapter_n": 8}


def as_label_of_row(height, address_height):
    """The forged address-space label of a Merkle row at parent height `height`: in the address-space
    section (height > address_height) 1 / 2^(height - address_height), so that the root's label X gives
    the leaf level 2^as_height * X = 1; in the pointer section 1 (address space 2's label)."""
    if height > address_height:
        return pow(2 ** (height - address_height), P - 2, P)
    return 1


def run(argv, stdin=None):
    p = subprocess.run(argv, input=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout


class Chip:
    def __init__(self, traces, name):
        self.chip = next(c for c in traces["chips"] if c["name"] == name)
        self.index = {n: i for i, n in enumerate(self.chip["columns"])}

    def rows(self):
        return self.chip["rows"]

    def get(self, r, name):
        return self.chip["rows"][r][self.index[name]]

    def set(self, r, name, value):
        self.chip["rows"][r][self.index[name]] = value % P


def fail(msg):
    print("relabelled_tree: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    global SCENARIO
    args = sys.argv[1:]
    profile = None
    if "--profile" in args:
        i = args.index("--profile")
        profile = args[i + 1]
        del args[i : i + 2]
        if profile not in V1_4_FAMILY + (SCENARIO["profile"],):
            fail("--profile: one of " + ", ".join(V1_4_FAMILY + (SCENARIO["profile"],)))
        if profile != SCENARIO["profile"]:
            SCENARIO = dict(SCENARIO, profile=profile, config=V1_4_CONFIG)
    without = []
    while "--without" in args:
        i = args.index("--without")
        without += ["--without", args[i + 1]]
        del args[i : i + 2]
    sys.argv = sys.argv[:1] + args
    memspec = sys.argv[1]
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "scenario.json")
        with open(path, "w") as f:
            json.dump(SCENARIO, f)
        code, out = run([memspec, "trace", "--engine", "oracle", "--format", "json", path])
        if code != 0:
            fail("memspec trace failed: " + out[:300])
        t = json.loads(out)
        code, out = run([memspec, "root", "--json", "--engine", "oracle", path])
        if code != 0:
            fail("memspec root failed: " + out[:300])
        roots = json.loads(out)
        # The root of the memory the forged read claims to see (v in address space 2, address
        # space 1 zero) is another digest: the public initial root does not commit it.
        claimed = dict(SCENARIO, initial_memory=[{"as": 2, "ptr": i, "value": V[i]} for i in range(8)], ops=[])
        claimed.pop("finalize_chunk")
        with open(path, "w") as f:
            json.dump(claimed, f)
        code, out = run([memspec, "root", "--json", "--engine", "oracle", path])
        if code != 0:
            fail("memspec root failed: " + out[:300])
        claimed_root = json.loads(out)["initial_root"]
    if claimed_root == roots["initial_root"]:
        fail("the image with v in address space 2 has the same root")

    access, boundary, merkle = Chip(t, "access"), Chip(t, "persistent_boundary"), Chip(t, "memory_merkle")
    reads = [r for r in range(len(access.rows())) if access.get(r, "is_valid") == 1]
    if len(reads) != 1 or [access.get(reads[0], f"data[{i}]") for i in range(8)] != V:
        fail("the honest trace set has no single read of v")
    r = reads[0]
    access.set(r, "address_space", 2)
    access.set(r, "access.is_immediate.inv", INV2)  # 1 / address_space
    live = [b for b in range(len(boundary.rows())) if boundary.get(b, "expand_direction") != 0]
    if len(live) != 2 or any(boundary.get(b, "address_space") != 1 for b in live):
        fail("the honest boundary is not one initial and one final row of address space 1")
    for b in live:
        boundary.set(b, "address_space", 2)
    # R313: v1.4's accesses split and merge the read's initial block; those adapter rows move too.
    for name in [c["name"] for c in t["chips"] if c["name"].startswith("access_adapter_")]:
        adapter = Chip(t, name)
        for a in range(len(adapter.rows())):
            if adapter.get(a, "is_valid") == 1:
                if adapter.get(a, "address_space") != 1:
                    fail("an adapter row outside address space 1")
                adapter.set(a, "address_space", 2)
    address_height = SCENARIO["config"]["pointer_max_bits"] - 3
    for m in range(len(merkle.rows())):
        if merkle.get(m, "expand_direction") == 0:
            continue
        merkle.set(m, "parent_as_label", as_label_of_row(merkle.get(m, "parent_height"), address_height))

    # What the forgery shows, computed here from the scenario (not by memspec): the committed
    # initial memory of address space 2 is zero, and the read of (2, 0..7) returns v.
    if [access.get(r, f"data[{i}]") for i in range(8)] != V or access.get(r, "address_space") != 2:
        fail("the forged read does not return v from address space 2")
    # The public roots are those of the image (memspec root computes them from the scenario, R74,
    # R75): the forgery changes no hash and no public value.
    pv = merkle.chip["public_values"]
    for key in ("initial_root", "final_root"):
        if [pv[f"{key}[{i}]"] for i in range(8)] != roots[key]:
            fail(f"the public {key} is not the root memspec root computes for the image")

    text = json.dumps(t)
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            f.write(text + "\n")
    code, out = run([memspec, "check", "--json", "--traces", "-"] + without, stdin=text)
    sys.stdout.write(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
