#!/usr/bin/env python3
"""R241: `memspec conform` refuses a vector file that breaks spec/schemas/vectors.schema.json, with an
error naming the file, the test and the offending key.

    vector_schema_test.py path/to/memspec

Each case breaks one constraint of the schema in a copy of a schema-valid file
(tests/data/conform/good/): python3-jsonschema must reject the copy (so the case really breaks the
schema; memspec's own reader is not the judge of that), and `memspec conform --vectors COPY` must exit
2 with "bad vector file COPY: PLACE…KEY". The unbroken files must pass both. Exit status 1 on any
failure."""
import copy
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "cli"))
from schemas import ROOT, Schemas  # noqa: E402

GOOD = os.path.join(ROOT, "tests", "data", "conform", "good")


def at(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def first_test(doc, pred):
    for g, group in enumerate(doc["testGroups"]):
        for t, test in enumerate(group["tests"]):
            if pred(test):
                return g, t, test["tcId"]
    raise AssertionError("no test fits the case")


def cases(scen, trace):
    """(name, base document, mutation, words the error must contain)."""
    flag = next(iter(scen["notes"]))
    g, t, tc = first_test(scen, lambda x: x["result"] == "valid")
    gi, ti, tci = first_test(scen, lambda x: x["result"] == "invalid" and "scenario" in x)
    test = ["testGroups", g, "tests", t]
    place = f"tcId {tc} at testGroups[{g}].tests[{t}]"
    iplace = f"tcId {tci} at testGroups[{gi}].tests[{ti}]"
    gv, tv, tcv = first_test(trace, lambda x: x["result"] == "valid")
    gx, tx, tcx = first_test(trace, lambda x: x["result"] == "invalid")

    def set_(path, value):
        return lambda d: at(d, path[:-1]).__setitem__(path[-1], value)

    def del_(path):
        return lambda d: at(d, path[:-1]).pop(path[-1])

    return [
        ("test without flags", scen, del_(test + ["flags"]), [place, '"flags"']),
        ("empty flags (minItems)", scen, set_(test + ["flags"], []), [place, '"flags"']),
        ("flag name against the pattern", scen, set_(test + ["flags"], ["lower_case"]), [place, '"flags"', "lower_case"]),
        ("a flag twice (uniqueItems)", scen, set_(test + ["flags"], [flag, flag]), [place, '"flags"', flag]),
        ("empty comment (minLength)", scen, set_(test + ["comment"], ""), [place, '"comment"']),
        ("test without comment", scen, del_(test + ["comment"]), [place, '"comment"']),
        ("tcId 0 (minimum)", scen, set_(test + ["tcId"], 0), [f"testGroups[{g}].tests[{t}]", '"tcId"']),
        ("result not in the enum", scen, set_(test + ["result"], "maybe"), [place, '"result"', "maybe"]),
        ("error kind not in the enum", scen, set_(["testGroups", gi, "tests", ti, "expected", "error", "kind"], "NoSuchKind"),
         [iplace, '"kind"', "NoSuchKind"]),
        ("no header", scen, del_(["header"]), ['"header"']),
        ("header not an array", scen, set_(["header"], "text"), ['"header"']),
        ("bugType not in the enum", scen, set_(["notes", flag, "bugType"], "TYPO"), [f"notes.{flag}", '"bugType"', "TYPO"]),
        ("note without rules (minItems)", scen, set_(["notes", flag, "rules"], []), [f"notes.{flag}", '"rules"']),
        ("rule against the pattern", scen, set_(["notes", flag, "rules"], ["12"]), [f"notes.{flag}", '"rules"']),
        ("link that is not https", scen, set_(["notes", flag, "links"], ["http://example.org"]), [f"notes.{flag}", '"links"']),
        ("empty description", scen, set_(["notes", flag, "description"], ""), [f"notes.{flag}", '"description"']),
        ("note without effect", scen, del_(["notes", flag, "effect"]), [f"notes.{flag}", '"effect"']),
        ("group without provenance", scen, del_(["testGroups", g, "provenance"]), [f"testGroups[{g}]", '"provenance"']),
        ("generated provenance, bad version", scen,
         set_(["testGroups", g, "provenance"], {"method": "generated", "generator": "vectors/generate", "memspecVersion": "1.0",
                                                 "specCommit": "0" * 40}), [f"testGroups[{g}].provenance", '"memspecVersion"']),
        ("generated provenance, bad commit", scen,
         set_(["testGroups", g, "provenance"], {"method": "generated", "generator": "vectors/generate", "memspecVersion": "1.0.0",
                                                 "specCommit": "ABC"}), [f"testGroups[{g}].provenance", '"specCommit"']),
        ("generated provenance, another generator", scen,
         set_(["testGroups", g, "provenance"], {"method": "generated", "generator": "by hand", "memspecVersion": "1.0.0",
                                                 "specCommit": "0" * 40}), [f"testGroups[{g}].provenance", '"generator"']),
        ("transcribed provenance without source", scen, set_(["testGroups", g, "provenance"], {"method": "transcribed"}),
         [f"testGroups[{g}].provenance", '"source"']),
        ("group without comment", scen, del_(["testGroups", g, "comment"]), [f"testGroups[{g}]", '"comment"']),
        ("no test groups (minItems)", scen, set_(["testGroups"], []), ["testGroups"]),
        ("a group without tests (minItems)", scen, set_(["testGroups", g, "tests"], []), [f"testGroups[{g}]", '"tests"']),
        ("unknown profile", scen, set_(["profile"], "openvm-v0.9-volatile"), ["profile", "openvm-v0.9-volatile"]),
        ("trace verdict kind not in the enum", trace, set_(["testGroups", gx, "tests", tx, "expected", "kind"], "other"),
         [f"tcId {tcx} at testGroups[{gx}].tests[{tx}]", '"kind"']),
        ("honest trace set with without", trace, set_(["testGroups", gv, "tests", tv, "without"], ["x"]),
         [f"tcId {tcv} at testGroups[{gv}].tests[{tv}]", '"without"']),
        ("exploit with an empty without (minItems)", trace, set_(["testGroups", gx, "tests", tx, "without"], []),
         [f"tcId {tcx} at testGroups[{gx}].tests[{tx}]", '"without"']),
    ]


def conform(memspec, path):
    return subprocess.run([memspec, "conform", "--cmd", "true", "--vectors", path], capture_output=True, text=True)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    memspec = os.path.abspath(argv[1])
    schemas = Schemas()
    docs = {}
    failures = []
    for name in ("volatile.json", "traces.json"):
        with open(os.path.join(GOOD, name)) as f:
            docs[name] = json.load(f)
        if schemas.errors("vectors", docs[name]):
            failures.append(f"{name}: the unbroken file does not validate: {schemas.errors('vectors', docs[name])[:2]}")
    with tempfile.TemporaryDirectory() as tmp:
        for name, doc in docs.items():
            p = conform(memspec, os.path.join(GOOD, name))
            if "bad vector file" in p.stderr:
                failures.append(f"{name}: conform refuses the unbroken file: {p.stderr.strip()}")
        for i, (what, base, mutate, words) in enumerate(cases(docs["volatile.json"], docs["traces.json"])):
            doc = copy.deepcopy(base)
            mutate(doc)
            if not schemas.errors("vectors", doc):
                failures.append(f"{what}: the schema accepts the broken file (the case breaks nothing)")
                continue
            path = os.path.join(tmp, f"case{i}.json")
            with open(path, "w") as f:
                json.dump(doc, f, indent=1)
            p = conform(memspec, path)
            err = p.stderr
            if p.returncode != 2:
                failures.append(f"{what}: conform exited {p.returncode}, expected 2; stderr: {err.strip()[:300]}")
                continue
            missing = [w for w in [f"bad vector file {path}: "] + words if w not in err]
            if missing:
                failures.append(f"{what}: the error lacks {missing}: {err.strip()[:300]}")
        total = len(cases(docs["volatile.json"], docs["traces.json"]))
    for f in failures:
        print("FAIL", f)
    print(f"vector_schema_test: {total} broken files, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
