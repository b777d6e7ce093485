#!/usr/bin/env python3
"""Every kind of `memspec explain` page for every profile (R302-R304, R340), drawn in headless Chromium.

    profile_matrix.py MEMSPEC OUT_DIR KIND [--profile NAME]

The profiles are those `MEMSPEC profiles --json` lists, so a profile added to the registry joins
the matrix without an edit here. KIND is one of:

  scenario       the scenario below, run under the profile (R302);
  traces         its trace set (`memspec trace --format json`), accepted (R303);
  rejected       the same trace set with the read forged to 7, rejected with the unbalanced messages
                 marked (R303, R301, R300);
  counterexample a counterexample of the proof catalogue whose emitted trace set could be one of
                 the profile's: the chunk and variant of the profile's trace set above, and a config
                 the profile accepts (`memspec run` of no ops under it exits 0), drawn with that set
                 (R304, R340); for a later tag's chip set (openvm-v1.6, openvm-v1.7) the counterexample
                 is written for it (`prove --emit-variant`, R343); a profile that no counterexample of
                 CANDIDATES matches fails: every profile with
                 chips has a counterexample page.

Every count a page is checked against is worked out here from the input files (the scenario's ops,
the trace file's chips, the prove output's rows), never read from a page. The scenario, for a
profile of block size C (its fixed chunk; 1 when the profile leaves it free):

  write (1, 2, 3, 4) to cells 8..11 of address space 2   timestamp 1
  read cells 8..11 of address space 2                     timestamp 2
  write (5, 6, 7, 8) to cells 4..7 of address space 1     timestamp 3
  finalize with chunk C (initial_block_size C)

Forging the read's first cell to 7 unbalances exactly four memory-bus messages, whatever the
profile: the read receives a block nobody sent (-1) and sends on a block nobody receives (+1); the
write's block is never received (+1), and whoever receives the read's honest block afterwards (the
boundary, or an adapter that merges it for the boundary) finds nobody sent it (-1). The story says
the read should have seen (1, 2, 3, 4), written at timestamp 1.

Exit status 0 when every page of every profile holds, 1 when one does not (each failure printed).
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CHROMIUM_PAGE = os.path.join(HERE, "..", "browser", "chromium_page.py")

# Counterexample properties with the volatile boundary (chunk 1) and with the persistent boundary
# (chunk 8). A profile gets the first whose emitted set could be one of its own.
# Each candidate with whether the sound chips accept its emitted trace set, stated by hand: the audit
# entries remove a constraint (rejected, R97); R285's v2.0 lemma removes nothing and drops only the
# assumption L4, so its trace set is accepted (R288).
CANDIDATES = {"audit.B1.boundary_without_limb_range_checks": False,
              "audit.B2.persistent_boundary_without_initial_at_zero": False,
              "lemma.v2_0.L5.read_before_any_write": True}

OPS = [
    {"op": "write", "as": 2, "ptr": 8, "data": [1, 2, 3, 4]},
    {"op": "read", "as": 2, "ptr": 8, "len": 4},
    {"op": "write", "as": 1, "ptr": 4, "data": [5, 6, 7, 8]},
]


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def chunk_of(profile):
    return profile["chunk"] if profile["chunk"] is not None else 1


def scenario(profile):
    c = chunk_of(profile)
    return {"profile": profile["name"], "initial_block_size": c, "finalize_chunk": c, "ops": OPS}


def cells(op):
    n = len(op["data"]) if op["op"] == "write" else op["len"]
    return [(op["as"], op["ptr"] + k) for k in range(n)]


class Matrix:
    def __init__(self, memspec, out):
        self.memspec, self.out = memspec, out
        self.failures = []
        os.makedirs(out, exist_ok=True)

    def fail(self, profile, what):
        self.failures.append(f"{profile['name']}: {what}")

    def path(self, profile, suffix):
        return os.path.join(self.out, profile["name"] + suffix)

    def page(self, profile, source, html, expectations, stdin=None):
        """Explains `source` into `html` and checks the page; False (and a failure) when either fails."""
        r = run([self.memspec, "explain", source, "-o", html], input=stdin)
        if r.returncode != 0:
            self.fail(profile, f"memspec explain {source} exited {r.returncode}: {r.stdout.decode()}{r.stderr.decode()}")
            return False
        c = run([sys.executable, CHROMIUM_PAGE, html] + expectations)
        sys.stdout.write(c.stdout.decode())
        if c.returncode != 0:
            self.fail(profile, f"{html}: {c.stderr.decode().strip()}")
            return False
        return True

    def scenario_file(self, profile):
        path = self.path(profile, ".scenario.json")
        with open(path, "w") as f:
            json.dump(scenario(profile), f)
        return path

    def trace_file(self, profile):
        """The profile's honest trace set, its range table derived (R307) so the file stays small."""
        path = self.path(profile, ".traces.json")
        r = run([self.memspec, "trace", self.scenario_file(profile), "--format", "json"])
        if r.returncode != 0:
            self.fail(profile, f"memspec trace exited {r.returncode}: {r.stdout.decode()}{r.stderr.decode()}")
            return None, None
        doc = json.loads(r.stdout)
        doc["chips"] = [c for c in doc["chips"] if c["name"] != "range_checker"]
        doc["range_checker"] = "derived"
        with open(path, "w") as f:
            json.dump(doc, f)
        return path, doc

    # R302: one tab per address space; the first (lowest) drawn; one final block per chunk touched.
    def check_scenario(self, profile):
        spaces = sorted({op["as"] for op in OPS})
        first = [op for op in OPS if op["as"] == spaces[0]]
        c = chunk_of(profile)
        blocks = {(a, cell // c) for op in OPS for a, cell in cells(op)}
        writes = [op for op in first if op["op"] == "write"]
        exp = ["--expect", f"button.as-tab={len(spaces)}", "--expect", f"tr.access={len(first)}",
               "--expect", f"tr[data-kind=write]={len(writes)}", "--expect", f"tr.final-block={len(blocks)}",
               "--expect-text", f"{len(OPS)} accesses", "--expect-text", f"profile {profile['name']}",
               "--expect-text", f"final blocks"]
        for a in spaces:
            exp += ["--expect", f"button[data-as={a}]=1"]
        if not profile["adapter_records"]:
            exp += ["--expect", "span[data-record=adapter]=0"]
        self.page(profile, self.scenario_file(profile), self.path(profile, ".scenario.html"), exp)

    # R303: the honest set accepted: every chip a box (the file's chips and the derived range table).
    def check_traces(self, profile):
        path, doc = self.trace_file(profile)
        if not path:
            return
        chips = len(doc["chips"]) + 1
        self.page(profile, path, self.path(profile, ".traces.html"),
                  ["--expect", "div[data-accepted=true]=1", "--expect", "div[data-accepted=false]=0",
                   "--expect", f"g.chip={chips}", "--expect", "tr.unbalanced=0", "--expect-min", "tr.message=1",
                   "--expect", "div.failure=0"])

    # R303, R301, R300: the read forged; four messages unbalanced, two each way, the memory bus marked.
    def check_rejected(self, profile):
        path, doc = self.trace_file(profile)
        if not path:
            return
        access = next(c for c in doc["chips"] if c["name"] == "access")
        col = {n: i for i, n in enumerate(access["columns"])}
        reads = [r for r in access["rows"] if r[col["is_valid"]] == 1 and r[col["is_write"]] == 0]
        if len(reads) != 1:
            self.fail(profile, f"the trace set has {len(reads)} read rows, the scenario one")
            return
        reads[0][col["data[0]"]] = 7
        reads[0][col["prev_data[0]"]] = 7
        forged = self.path(profile, ".forged.traces.json")
        with open(forged, "w") as f:
            json.dump(doc, f)
        self.page(profile, forged, self.path(profile, ".forged.html"),
                  ["--expect", "div[data-accepted=false]=1", "--expect", "tr.unbalanced=4",
                   "--expect", "tr[data-unbalanced=-1]=2", "--expect", "tr[data-unbalanced=1]=2",
                   "--expect", "g[data-unbalanced=4]=1", "--expect", f"g.chip={len(doc['chips']) + 1}",
                   "--expect-text", "it should have seen (1, 2, 3, 4), written at timestamp 1"])

    def candidates(self):
        return list(CANDIDATES)

    def emitted(self, name, variant=None):
        """`prove --json --emit` of one property, cached: (its JSON output, its trace set) or None.
        With a variant, written for that chip set (`--emit-variant`, R343)."""
        cache = getattr(self, "_emitted", {})
        self._emitted = cache
        key = (name, variant)
        if key not in cache:
            d = os.path.join(self.out, "emitted" + ("-" + variant if variant else ""))
            cmd = [self.memspec, "prove", "--json", "--filter", name, "--emit", d]
            if variant:
                cmd += ["--emit-variant", variant]
            r = run(cmd)
            path = os.path.join(d, name + ".traces.json")
            if r.returncode != 0 or not os.path.exists(path):
                cache[key] = None
            else:
                with open(path) as f:
                    cache[key] = (r.stdout, json.load(f))
        return cache[key]

    def accepts(self, profile, config, chunk):
        """Does the profile accept this config (a run of no ops succeeds)? Its blocks are the
        profile's fixed block size where it has one (v2.0's 4, whose trace sets have Merkle chunks of
        8, R213), else the trace set's chunk."""
        block = profile.get("chunk") or chunk
        doc = {"profile": profile["name"], "config": config, "initial_block_size": block, "finalize_chunk": block, "ops": []}
        return run([self.memspec, "run", "-"], input=json.dumps(doc).encode()).returncode == 0

    # R304, R340: a counterexample whose trace set could be one of the profile's.
    def check_counterexample(self, profile, names):
        _, doc = self.trace_file(profile)
        if doc is None:
            return
        key = (doc["chunk"], doc.get("variant", "openvm-v1.0"))
        # R343: a later tag's chip set (v1.6.0's, v1.7.0's) has the counterexamples of v1.0's chips
        # whose chips it keeps unchanged, written for it with --emit-variant.
        retarget = key[1] if key[1] not in ("openvm-v1.0", "openvm-v2.0") else None
        for name in names:
            got = self.emitted(name, retarget)
            if not got:
                continue
            outcome, fixture = got
            if (fixture["chunk"], fixture.get("variant", "openvm-v1.0")) != key:
                continue
            if not self.accepts(profile, fixture["config"], fixture["chunk"]):
                continue
            prop = next(p for p in json.loads(outcome)["properties"] if p["name"] == name)
            rows = prop["counterexample"]
            src = self.path(profile, ".prove.json")
            with open(src, "wb") as f:
                f.write(outcome)
            print(f"{profile['name']}: counterexample {name}")
            self.page(profile, src, self.path(profile, ".counterexample.html"),
                      ["--expect", "section[data-kind=proof]=1",
                       "--expect", f"div.cx-chip={len({r['chip'] for r in rows})}",
                       "--expect", f"tr.cx-row={len(rows)}",
                       "--expect", f"div[data-accepted={'true' if CANDIDATES[name] else 'false'}]=1",
                       "--expect", f"g.chip={len(fixture['chips']) + (1 if fixture.get('range_checker') == 'derived' else 0)}"])
            return
        self.failures.append(f"{profile['name']}: no counterexample in the catalogue could be one of its trace sets")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("memspec")
    ap.add_argument("out")
    ap.add_argument("kind", choices=["scenario", "traces", "rejected", "counterexample"])
    ap.add_argument("--profile")
    a = ap.parse_args()
    m = Matrix(a.memspec, os.path.join(a.out, a.kind))  # each kind its own files: the kinds run in parallel
    r = run([a.memspec, "profiles", "--json"])
    if r.returncode != 0:
        print(f"profile_matrix.py: memspec profiles --json exited {r.returncode}", file=sys.stderr)
        return 1
    profiles = [p for p in json.loads(r.stdout) if not a.profile or p["name"] == a.profile]
    if not profiles:
        print("profile_matrix.py: no profile", file=sys.stderr)
        return 1
    names = m.candidates() if a.kind == "counterexample" else []
    for p in profiles:
        if p["chips"] == "none" and a.kind != "scenario":
            print(f"{p['name']}: no chip set, so no trace set or counterexample (R212)")
            continue
        if a.kind == "scenario":
            m.check_scenario(p)
        elif a.kind == "traces":
            m.check_traces(p)
        elif a.kind == "rejected":
            m.check_rejected(p)
        else:
            m.check_counterexample(p, names)
    for f in m.failures:
        print(f"profile_matrix.py: {f}", file=sys.stderr)
    print(f"profile_matrix.py: {a.kind}: {len(profiles)} profiles, {len(m.failures)} failures")
    return 1 if m.failures else 0


if __name__ == "__main__":
    sys.exit(main())
