#!/usr/bin/env python3
"""R251: every honest run is accepted by the fixed adapters. Runs each valid ScenarioTest of
VECTORS_DIR/*.json that has a boundary (finalize_chunk 1 or 8) through
`memspec check --variant fixed-adapter -` and through `memspec check -` (OpenVM v1.0's chips):
both must accept (exit 0), or both must refuse to trace it (exit 2, e.g. decomp above what memspec
traces). Prints each failure; exit status 1 if any, or if fewer than MIN_ACCEPTED were checked.

usage: honest_vectors_fixed.py MEMSPEC VECTORS_DIR
"""

import json
import os
import subprocess
import sys

MIN_ACCEPTED = 100
# R312: these profiles are traced only with their own tag's chips (v1.0's with OpenVM v1.6.0's or
# v1.7.0's Merkle chip); fixed-adapter is v1.0's chips and is refused for them (R212), as it is for
# openvm-v2.0 (whose finalize_chunk 4 is skipped below anyway).
OWN_CHIPS = ("openvm-v1.6-persistent", "openvm-v1.7-persistent")


def check(memspec, text, variant):
    argv = [memspec, "check", "--json", "-"] + (["--variant", variant] if variant else [])
    p = subprocess.run(argv, input=text, capture_output=True, text=True)
    return p.returncode, p.stdout.strip()


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    memspec, root = argv[1], argv[2]
    accepted, untraceable, failures = 0, 0, []
    for name in sorted(f for f in os.listdir(root) if f.endswith(".json")):
        with open(os.path.join(root, name)) as f:
            doc = json.load(f)
        for g in doc["testGroups"]:
            if g["type"] != "ScenarioTest":
                continue
            for t in g["tests"]:
                sc = t.get("scenario")
                if t["result"] == "invalid" or not isinstance(sc, dict) or sc.get("finalize_chunk") not in (1, 8):
                    continue
                if sc.get("profile") in OWN_CHIPS:
                    continue
                text = json.dumps(sc)
                fixed, out_fixed = check(memspec, text, "fixed-adapter")
                plain, out_plain = check(memspec, text, None)
                where = f"{name} tcId {t['tcId']}"
                if fixed == 0 and plain == 0:
                    accepted += 1
                elif fixed == 2 and plain == 2:
                    untraceable += 1
                else:
                    failures.append(f"{where}: fixed-adapter exit {fixed} {out_fixed[:200]}; openvm-v1.0 exit {plain}")
    for f in failures:
        print("FAIL", f)
    print(f"{accepted} runs accepted by both variants, {untraceable} untraceable by both, {len(failures)} failures")
    return 1 if failures or accepted < MIN_ACCEPTED else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
