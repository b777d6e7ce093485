#!/usr/bin/env python3
"""Every path of this repository that a vector file's prose names exists in the tree: the header,
group and test comments, and notes of vectors/*.json, vectors/fillers/*.json and the development
vector files of tests/data/conform/ (a comment pointing at a file that moved away sends a reader
nowhere).

    vector_paths_test.py [REPO_ROOT]

A path is a word of the form top/…, whose first part is a top-level directory of the repository
(vectors/, spec/, tests/, …); paths inside links (https://…) and OpenVM's own paths (crates/…,
docs/…) are not this repository's and are left alone. A path with a glob (*) must match something.
Exit status 1 naming each missing path, its file and where it stands."""
import glob
import json
import os
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOP = {d for d in os.listdir(ROOT) if os.path.isdir(os.path.join(ROOT, d)) and not d.startswith(".") and not d.startswith("build")}
# A word starting a path: at the start, after a space or an opening bracket or quote; never inside a link.
WORD = re.compile(r"(?:(?<=^)|(?<=[\s(\[\"'`]))([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.*-]+)+)")


def prose(doc, where=""):
    """(place, text) for every string a person reads: header, comments, notes; never scenarios."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k in ("scenario", "scenarioText", "traces", "expected"):
                continue
            yield from prose(v, f"{where}.{k}" if where else k)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from prose(v, f"{where}[{i}]")
    elif isinstance(doc, str):
        yield where, doc


def missing_paths(text):
    for m in WORD.finditer(text):
        path = m.group(1).rstrip(".,;:")
        if path.split("/")[0] not in TOP:
            continue
        full = os.path.join(ROOT, path)
        if "*" in path:
            if not glob.glob(full):
                yield path
        elif not os.path.exists(full):
            yield path


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "vectors", "*.json")) + glob.glob(os.path.join(ROOT, "vectors", "fillers", "*.json")) +
                   glob.glob(os.path.join(ROOT, "tests", "data", "conform", "good", "*.json")))
    problems, checked = [], 0
    for f in files:
        with open(f) as fh:
            doc = json.load(fh)
        for where, text in prose(doc):
            for path in missing_paths(text):
                checked += 1
                problems.append(f"{os.path.relpath(f, ROOT)}: {where}: names {path}, which does not exist")
    for p in problems:
        print("FAIL", p)
    print(f"vector_paths_test: {len(files)} files, {len(problems)} missing paths")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
