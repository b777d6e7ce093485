#!/usr/bin/env python3
"""Validates every JSON file of the interchange formats against spec/schemas/ (R107), with the
python3-jsonschema Debian 12 ships (4.10; newer versions work too).

  tests/schemas/validate.py [--memspec path/to/memspec]

- vectors/*.json against vectors.schema.json, and what a schema cannot say: numberOfTests, unique
  tcIds, every flag in notes and every note used, notes equal to vectors/fillers/flags.json, each
  scenario's profile the file's (ParseError tests excepted), mayVary within the adapter records;
- every embedded scenario against scenario.schema.json, except those whose test expects a
  ParseError: those the schema must reject, unless their error is one no JSON Schema can see (a
  repeated initial-memory cell);
- every expected result: valid and acceptable ones against result.schema.json's result, invalid
  ones against the vector form of an error (kind and op_index; part of vectors.schema.json); a
  RootTest's (R200) against result.schema.json's roots, through vectors.schema.json;
- tests/data/air: *.traces.json against traces.schema.json, the other files against scenario.schema.json;
- with --memspec: every fuzz/seeds/*.json that memspec reads as a scenario (any outcome but
  ParseError) against scenario.schema.json, and memspec's own output for every vector's scenario
  (results and errors, messages included; `memspec root --json` for a RootTest) against
  result.schema.json.
Prints one line per problem and a summary; exit status 1 if there is any.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import warnings

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VECTORS = os.path.join(ROOT, "vectors")
SCHEMAS = os.path.join(ROOT, "spec", "schemas")


def load(path):
    with open(path) as f:
        return json.load(f)


class Schemas:
    def __init__(self):
        self.docs = {name: load(os.path.join(SCHEMAS, f"{name}.schema.json")) for name in ("scenario", "result", "traces", "vectors")}
        for doc in self.docs.values():
            jsonschema.Draft202012Validator.check_schema(doc)
        self.cache = {}

    def validator(self, name, pointer=""):
        """A validator for schema `name`, or for its subschema at `pointer` ("#/$defs/x")."""
        key = (name, pointer)
        if key not in self.cache:
            doc = self.docs[name]
            schema = {"$ref": doc["$id"] + pointer} if pointer else doc
            try:
                from referencing import Registry, Resource  # jsonschema >= 4.18
                registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in self.docs.values())
                self.cache[key] = jsonschema.Draft202012Validator(schema, registry=registry)
            except ImportError:  # Debian 12's jsonschema 4.10
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    resolver = jsonschema.RefResolver.from_schema(doc, store={d["$id"]: d for d in self.docs.values()})
                    self.cache[key] = jsonschema.Draft202012Validator(schema, resolver=resolver)
        return self.cache[key]

    def errors(self, name, instance, pointer=""):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            errs = sorted(self.validator(name, pointer).iter_errors(instance), key=lambda e: list(e.absolute_path))
        out = []
        for e in errs:
            while e.context:  # oneOf and friends: an error of the alternative with the fewest errors
                alternatives = {}
                for c in e.context:
                    alternatives.setdefault(c.relative_schema_path[0], []).append(c)
                fewest = min(alternatives.values(), key=len)
                e = max(fewest, key=lambda c: len(c.absolute_path))
            out.append(f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:200]}")
        return out


def repeated_image_cell(scenario):
    cells = [(c.get("as"), c.get("ptr")) for c in scenario.get("initial_memory", []) if isinstance(c, dict)]
    return len(cells) != len(set(cells))


class Report:
    def __init__(self):
        self.problems = 0
        self.checked = {}

    def count(self, what):
        self.checked[what] = self.checked.get(what, 0) + 1

    def fail(self, where, errors):
        for e in errors[:5]:
            print(f"{where}: {e}")
        self.problems += 1


def check_vector_file(path, s, catalogue, report):
    name = os.path.relpath(path, ROOT)
    doc = load(path)
    errs = s.errors("vectors", doc)
    report.count("vector files")
    if errs:
        report.fail(name, errs)
        return
    tests = [(g, t) for g in doc["testGroups"] for t in g["tests"]]
    ids = [t["tcId"] for _, t in tests]
    used = {f for _, t in tests for f in t["flags"]}
    if doc["numberOfTests"] != len(tests):
        report.fail(name, [f"numberOfTests {doc['numberOfTests']} but {len(tests)} tests"])
    if len(set(ids)) != len(ids):
        report.fail(name, ["a tcId appears twice"])
    if used != set(doc["notes"]):
        report.fail(name, [f"flags without a note {sorted(used - set(doc['notes']))}, notes without a test {sorted(set(doc['notes']) - used)}"])
    for flag, note in doc["notes"].items():
        if catalogue.get(flag) != note:
            report.fail(name, [f"note {flag} differs from vectors/fillers/flags.json"])
    for group, t in tests:
        where = f"{name} tcId {t['tcId']}"
        if group["type"] == "TraceTest":
            report.count("trace sets")
            continue
        if group["type"] == "RootTest":
            report.count("root tests")
            if t["result"] == "invalid":
                continue
            errs = s.errors("scenario", t["scenario"])
            if errs:
                report.fail(where, errs)
            if t["scenario"].get("profile", "generalized") != doc["profile"]:
                report.fail(where, [f"scenario profile {t['scenario'].get('profile')} in a {doc['profile']} file"])
            continue
        parse_error = t["result"] == "invalid" and t["expected"]["error"]["kind"] == "ParseError"
        report.count(f"expected {t['result']} results")
        if t["result"] == "acceptable" and t["mayVary"]["finalizeOrder"] > len(t["expected"]["adapter_records"]):
            report.fail(where, ["mayVary.finalizeOrder is past the adapter records"])
        if "scenario" not in t:
            continue
        sc = t["scenario"]
        scenario_errs = s.errors("scenario", sc)
        if parse_error:
            report.count("ParseError scenarios")
            if not scenario_errs and not repeated_image_cell(sc):
                report.fail(where, ["the scenario schema admits a scenario that is a ParseError"])
            continue
        report.count("embedded scenarios")
        if scenario_errs:
            report.fail(where, scenario_errs)
        if sc.get("profile", "generalized") != doc["profile"]:
            report.fail(where, [f"scenario profile {sc.get('profile')} in a {doc['profile']} file"])


def main(argv):
    memspec = None
    if argv[:1] == ["--memspec"] and len(argv) == 2:
        memspec = os.path.abspath(argv[1])
    elif argv:
        sys.exit(__doc__)
    s = Schemas()
    report = Report()
    catalogue = load(os.path.join(VECTORS, "fillers", "flags.json"))
    for path in sorted(glob.glob(os.path.join(VECTORS, "*.json"))):
        check_vector_file(path, s, catalogue, report)
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "air", "*.json"))):
        kind = "traces" if path.endswith(".traces.json") else "scenario"
        report.count(f"tests/data/air {kind} files")
        errs = s.errors(kind, load(path))
        if errs:
            report.fail(os.path.relpath(path, ROOT), errs)
    if memspec:
        for path in sorted(glob.glob(os.path.join(ROOT, "fuzz", "seeds", "*.json"))):
            p = subprocess.run([memspec, "run", "--engine", "oracle", path], capture_output=True, text=True)
            try:
                out = json.loads(p.stdout)
            except json.JSONDecodeError:
                report.fail(os.path.relpath(path, ROOT), [f"memspec printed no JSON (exit {p.returncode})"])
                continue
            if out.get("error", {}).get("kind") == "ParseError":
                report.count("fuzz seeds that are ParseErrors (not checked)")
                continue
            report.count("fuzz seeds read as scenarios")
            errs = s.errors("scenario", load(path))
            if errs:
                report.fail(os.path.relpath(path, ROOT), errs)
        with tempfile.TemporaryDirectory() as tmp:
            scenario = os.path.join(tmp, "scenario.json")
            for path in sorted(glob.glob(os.path.join(VECTORS, "*.json"))):
                for group in load(path)["testGroups"]:
                    for t in group["tests"] if group["type"] in ("ScenarioTest", "RootTest") else []:
                        with open(scenario, "w") as f:
                            f.write(t["scenarioText"] if "scenarioText" in t else json.dumps(t["scenario"]))
                        command = ["run"] if group["type"] == "ScenarioTest" else ["root", "--json"]
                        p = subprocess.run([memspec, *command, "--engine", "oracle", scenario], capture_output=True, text=True)
                        report.count("memspec outputs")
                        out = json.loads(p.stdout)
                        if group["type"] == "RootTest":
                            errs = s.errors("result", out, "#/$defs/error" if "error" in out else "#/$defs/roots")
                        else:
                            errs = s.errors("result", out)
                        if errs:
                            report.fail(f"memspec's output for {os.path.basename(path)} tcId {t['tcId']}", errs)
    summary = ", ".join(f"{n} {what}" for what, n in report.checked.items())
    print(f"schemas: {summary}; {report.problems} problems")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
