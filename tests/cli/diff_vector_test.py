#!/usr/bin/env python3
"""R134: the vector test `memspec diff` prints "ready to paste" is one: pasted with the note diff
prints for its flag into a vector file, the file validates against spec/schemas/vectors.schema.json
(python3-jsonschema, not memspec's own reader), its flag's note is the catalogue's
(vectors/fillers/flags.json), and `memspec conform` runs it, passing memspec itself.

    diff_vector_test.py path/to/memspec

Two programs diverging from memspec: one prints a wrong final_timestamp (a `valid` test, whose
expected value is a result), one prints a result where memspec reports an error (an `invalid` test,
whose expected value is the error's kind and op_index). Exit status 1 on any failure."""
import json
import os
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from schemas import ROOT, Schemas  # noqa: E402

MARK = "vector test (memspec's expected values):\n"
NOTE_MARK = "its flag, for the vector file's \"notes\" (vectors/fillers/flags.json):\n"


def pasted(out):
    """The vector test and the note exactly as a person copies them from diff's text report."""
    if MARK not in out or NOTE_MARK not in out:
        raise AssertionError(f"diff printed no vector test and note:\n{out}")
    vector_text, note_text = out.split(MARK, 1)[1].split(NOTE_MARK, 1)
    vector = json.loads(vector_text)
    note = json.loads("{" + note_text.strip() + "}")
    return vector, note


def check(memspec, program, want_result, schemas, catalogue):
    p = subprocess.run([memspec, "diff", "--cmd", program, "--seed", "1", "--count", "30"], capture_output=True, text=True)
    if p.returncode != 1:
        return [f"diff exited {p.returncode}, expected 1 (a divergence):\n{p.stdout}{p.stderr}"]
    vector, notes = pasted(p.stdout)
    problems = []
    if vector.get("result") not in want_result:
        problems.append(f"the divergence gave a {vector.get('result')!r} test, this case wants {want_result!r}")
    if not vector.get("flags"):
        problems.append("the vector test has no flag")
    for flag in vector.get("flags", []):
        if flag not in notes:
            problems.append(f"flag {flag} has no note printed beside the test")
        elif catalogue.get(flag) != notes[flag]:
            problems.append(f"the note diff prints for {flag} differs from vectors/fillers/flags.json's")
    profile = vector.get("scenario", {}).get("profile", "generalized")
    doc = {
        "schema": {"name": "memspec-vectors", "version": 1},
        "profile": profile,
        "numberOfTests": 1,
        "header": ["what memspec diff found"],
        "notes": notes,
        "testGroups": [{"type": "ScenarioTest", "comment": "pasted from memspec diff",
                        "provenance": {"method": "transcribed", "source": "memspec diff"}, "tests": [vector]}],
    }
    problems += [f"vectors.schema.json: {e}" for e in schemas.errors("vectors", doc)]
    problems += [f"scenario.schema.json: {e}" for e in schemas.errors("scenario", vector.get("scenario"))]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "pasted.json")
        with open(path, "w") as f:
            json.dump(doc, f, indent=1)
        c = subprocess.run([memspec, "conform", "--cmd", f"{shlex.quote(memspec)} run -", "--vectors", path], capture_output=True, text=True)
        if c.returncode != 0:
            problems.append(f"memspec conform on the pasted file exited {c.returncode}:\n{c.stdout}{c.stderr}")
    return [f"[{program[:60]}…] {x}" for x in problems]


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    memspec = os.path.abspath(argv[1])
    schemas = Schemas()
    with open(os.path.join(ROOT, "vectors", "fillers", "flags.json")) as f:
        catalogue = json.load(f)
    q = shlex.quote(memspec)
    wrong_clock = f"{q} run - | sed -e 's/\"final_timestamp\":/\"final_timestamp\":1/'"
    result_for_error = (f"out=$({q} run -); case \"$out\" in *'\"error\"'*) "
                        "echo '{\"reads\":[],\"records\":[],\"adapter_records\":[],\"final_timestamp\":1}';; *) printf '%s\\n' \"$out\";; esac")
    problems = check(memspec, wrong_clock, ("valid", "acceptable"), schemas, catalogue)
    problems += check(memspec, result_for_error, ("invalid",), schemas, catalogue)
    for p in problems:
        print(p)
    print(f"diff_vector_test: {'FAILED' if problems else 'ok'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
