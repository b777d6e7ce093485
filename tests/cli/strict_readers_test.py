#!/usr/bin/env python3
"""R150 end to end: every command that reads a JSON file refuses a duplicate key, an unknown key
and bytes after the document, with exit status 2 and a message naming the defect.

    strict_readers_test.py MEMSPEC SOURCE_DIR [--with-prove]

Each bad input is a good file from the tree with one change. A duplicate repeats a key with the
value the file already has, so "the last one wins" would read the good file and the command would
succeed: only the duplicate can make it fail. Before each group the good file itself is run, so a
case cannot pass because the base was already refused.
"""
import json
import os
import subprocess
import sys
import tempfile


class Obj(list):
    """A JSON object as its list of (key, value) pairs, so that a key may appear twice."""


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=Obj)


def dump(v):
    if isinstance(v, Obj):
        return "{" + ",".join(json.dumps(k) + ":" + dump(x) for k, x in v) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dump(x) for x in v) + "]"
    return json.dumps(v)


def get(obj, key):
    for k, v in obj:
        if k == key:
            return v
    raise KeyError(key)


def repeat(obj, key):
    """Puts a second `key` with the same value before the first."""
    obj.insert(0, (key, get(obj, key)))


failures = []
passes = 0


def run(name, argv, want_exit, needles=()):
    global passes
    p = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    out = p.stdout + p.stderr
    why = []
    if p.returncode != want_exit:
        why.append(f"exit {p.returncode}, wanted {want_exit}")
    for n in needles:
        if n not in out:
            why.append(f"output lacks {n!r}")
    if why:
        failures.append(name)
        print(f"FAIL {name}: {'; '.join(why)}\n  {' '.join(argv)}\n  {out[:500]}")
    else:
        passes += 1


def main():
    memspec, src = sys.argv[1], sys.argv[2]
    with_prove = "--with-prove" in sys.argv[3:]
    with tempfile.TemporaryDirectory() as tmp:
        cases(memspec, src, with_prove, tmp)
    print(f"{passes} passed, {len(failures)} failed")
    return 1 if failures else 0


def cases(memspec, src, with_prove, tmp):

    def write(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    # --- memspec check --traces (R69) ---
    base = os.path.join(src, "tests/data/air/small_persistent.traces.json")
    run("traces: the base is accepted", [memspec, "check", "--traces", base], 0)
    check = lambda name, doc, needles: run(  # noqa: E731
        "traces: " + name, [memspec, "check", "--traces", write(name.replace(" ", "_") + ".json", doc)], 2,
        ('"kind":"ParseError"',) + needles)
    t = load(base)
    repeat(get(t, "chips")[0], "rows")
    check("a chip's rows twice", dump(t), ('duplicate key \\"rows\\" at chips[0]',))
    t = load(base)
    repeat(t, "chunk")
    check("the chunk twice", dump(t), ('duplicate key \\"chunk\\" at the top level',))
    t = load(base)
    merkle = next(c for c in get(t, "chips") if get(c, "name") == "memory_merkle")
    repeat(get(merkle, "public_values"), "initial_root[0]")
    check("a public value twice", dump(t), ('duplicate key \\"initial_root[0]\\" at chips[', '].public_values'))
    t = load(base)
    repeat(get(t, "config"), "decomp")
    check("a config field twice", dump(t), ('duplicate key \\"decomp\\" at config',))
    t = load(base)
    get(t, "chips")[0].append(("comment", "x"))
    check("an unknown key in a chip", dump(t), ("unknown key 'comment'",))
    t = load(base)
    t.append(("chip", []))
    check("an unknown key at the top", dump(t), ("unknown key 'chip'",))
    check("bytes after the document", dump(load(base)) + "\n}", ("content after the top-level value",))

    # --- memspec conform --vectors (R130) ---
    base = os.path.join(src, "tests/data/conform/good/volatile.json")
    # `true` prints nothing, so every test fails (exit 1), but the file is read (not exit 2).
    run("vectors: the base is read", [memspec, "conform", "--cmd", "true", "--vectors", base], 1)

    def vectors(name, doc, needles):
        path = write(name.replace(" ", "_") + ".json", doc)
        run("vectors: " + name, [memspec, "conform", "--cmd", "true", "--vectors", path], 2, ("bad vector file",) + needles)

    v = load(base)
    repeat(get(get(v, "testGroups")[0], "tests")[0], "result")
    vectors("a test's result twice", dump(v), ('duplicate key "result" at testGroups[0].tests[0]',))
    v = load(base)
    repeat(get(get(get(v, "testGroups")[0], "tests")[1], "scenario"), "ops")
    vectors("a duplicate key inside a scenario", dump(v), ('duplicate key "ops" at testGroups[0].tests[1].scenario',))
    v = load(base)
    repeat(v, "profile")
    vectors("the profile twice", dump(v), ('duplicate key "profile" at the top level',))
    v = load(base)
    v.append(("generator", "x"))
    vectors("an unknown key at the top", dump(v), ('unknown key "generator"',))
    v = load(base)
    get(v, "schema").append(("variant", 2))
    vectors("an unknown key in the schema", dump(v), ('schema: unknown key "variant"',))
    v = load(base)
    get(v, "testGroups")[0].append(("flags", []))
    vectors("an unknown key in a group", dump(v), ('testGroups[0]: unknown key "flags"',))
    v = load(base)
    get(get(v, "testGroups")[0], "tests")[0].append(("comments", "x"))
    vectors("an unknown key in a test", dump(v), ('testGroups[0].tests[0]: unknown key "comments"',))
    v = load(base)
    get(get(get(v, "testGroups")[0], "tests")[0], "expected").append(("final_timestamps", 1))
    vectors("an unknown key in a result expected", dump(v), ('testGroups[0].tests[0].expected: unknown key "final_timestamps"',))
    v = load(base)
    next(iter(get(v, "notes")))[1].append(("link", []))
    vectors("an unknown key in a note", dump(v), ('unknown key "link"',))
    vectors("bytes after the file", dump(load(base)) + " []", ("content after the top-level value",))

    # --- memspec root (scenario documents, R29): the reader the others now match ---
    base = os.path.join(src, "tests/data/roots/persistent_image.json")
    run("root: the base is read", [memspec, "root", base], 0)
    s = load(base)
    repeat(s, "finalize_chunk")
    run("root: a key twice", [memspec, "root", write("root_dup.json", dump(s))], 2, ('"kind":"ParseError"', "duplicate"))
    s = load(base)
    s.append(("opps", []))
    run("root: an unknown key", [memspec, "root", write("root_unknown.json", dump(s))], 2, ('"kind":"ParseError"', "opps"))
    run("root: bytes after the document", [memspec, "root", write("root_trailing.json", dump(load(base)) + "x")], 2,
        ('"kind":"ParseError"',))

    # --- memspec prove --air (R102) ---
    if with_prove:
        base = os.path.join(src, "proofs/examples/custom_memory_air_fixed.json")
        run("prove --air: the base is read", [memspec, "prove", "--air", base, "--list"], 0)

        def chip(name, doc, needles):
            path = write(name.replace(" ", "_") + ".json", doc)
            run("prove --air: " + name, [memspec, "prove", "--air", path, "--list"], 2, ('"kind":"ParseError"',) + needles)

        c = load(base)
        repeat(get(c, "constraints")[0], "expr")
        chip("a constraint's expr twice", dump(c), ('duplicate key \\"expr\\" at constraints[0]',))
        c = load(base)
        get(c, "range_checks")[0].append(("limbs", 2))
        chip("an unknown key in a range check", dump(c), ('range_checks[0]: unknown key \\"limbs\\"',))
        c = load(base)
        get(c, "interactions")[1].append(("multiplicity", 1))
        chip("an unknown key in an interaction", dump(c), ('interactions[1]: unknown key \\"multiplicity\\"',))
        chip("bytes after the chip", dump(load(base)) + ",", ("content after the top-level value",))


if __name__ == "__main__":
    sys.exit(main())
