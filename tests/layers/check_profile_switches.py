#!/usr/bin/env python3
"""R210: shared code never asks which profile it runs; it asks the profile's registry entry.

Fails (exit 1, each hit printed as FILE:LINE) when a C/C++ source outside the registry
(spec/vocabulary/profiles/), the engine selector (engines/) and the profiles' own enum file
(spec/vocabulary/profile.hpp) compares a Profile against one of its enumerators:
  `== Profile::x`, `!= Profile::x`, `Profile::x ==`, `Profile::x !=`, or `case Profile::x:`
(with or without `memspec::`). Naming an enumerator to build a value (a test scenario's
`sc.profile = Profile::x`, a default member) is not a comparison and stays allowed; tests/ may
compare (a test states what a profile must do). Exit 2 when it checks too few files to mean
anything.

  check_profile_switches.py [--root DIR] [--extra FILE:LINE]...
--extra adds LINE to FILE before checking, to show the check fails (the ctest
profile_switches_reject_a_comparison).
"""
import argparse
import os
import re
import sys

SOURCE_EXT = ('.cpp', '.hpp', '.c', '.h', '.cc')
SKIP_DIRS = {'.git', 'build', 'target', 'node_modules', '__pycache__'}
ALLOWED = ('spec/vocabulary/profiles/', 'engines/', 'tests/')
ALLOWED_FILES = {'spec/vocabulary/profile.hpp'}
ENUM = r'(?:memspec::)?Profile::[A-Za-z_][A-Za-z_0-9]*'
COMPARISON = re.compile(r'(?:[!=]=\s*' + ENUM + r'\b)|(?:\b' + ENUM + r'\s*[!=]=)|(?:\bcase\s+' + ENUM + r'\s*:)')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', default=os.path.join(os.path.dirname(__file__), '..', '..'))
    ap.add_argument('--extra', action='append', default=[])
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    extra = {}
    for e in args.extra:
        f, _, line = e.partition(':')
        extra.setdefault(f, []).append(line)
    hits, checked = [], 0
    for d, dirs, files in os.walk(root):
        dirs[:] = [x for x in dirs if x not in SKIP_DIRS and not x.startswith('build')]
        for name in files:
            if not name.endswith(SOURCE_EXT):
                continue
            path = os.path.relpath(os.path.join(d, name), root).replace(os.sep, '/')
            if path.startswith(ALLOWED) or path in ALLOWED_FILES:
                continue
            checked += 1
            with open(os.path.join(d, name), encoding='utf-8', errors='replace') as fh:
                lines = fh.read().splitlines() + extra.get(path, [])
            for i, line in enumerate(lines, 1):
                code = line.split('//', 1)[0]
                if COMPARISON.search(code):
                    hits.append(f'{path}:{i}: compares against a Profile enumerator; ask its registry entry (R210): {line.strip()}')
    if checked < 50:
        print(f'check_profile_switches: only {checked} files checked; expected the whole tree', file=sys.stderr)
        return 2
    for h in sorted(hits):
        print(h)
    print(f'check_profile_switches: {checked} files, {len(hits)} comparisons against a Profile enumerator')
    return 1 if hits else 0


if __name__ == '__main__':
    sys.exit(main())
