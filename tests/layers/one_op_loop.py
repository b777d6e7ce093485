#!/usr/bin/env python3
"""Checks that memspec has one op loop (spec/memory.md, R190).

Every run of a scenario — in memory, a document, a JSON Lines stream — goes through the one driver,
run_source in spec/vocabulary/engine.cpp: it validates the setup, steps the ops a few behind their
source (with Engine::prefetch), finalizes and computes the roots. This script scans the C/C++
sources (comments and string literals removed) and fails when
  - a file other than the driver calls `step(` or `prefetch(` through `.` or `->` (stepping an
    engine, or a lookahead of its own), unless it is in ALLOWED below with the reason it steps one
    op at a time; an ALLOWED file that no longer steps anything is reported too, so the list stays
    exact;
  - a file of spec/interchange/ (the readers and writers, which only parse and print) includes
    the engine header or names the engine or the driver;
  - the driver itself is missing (the check would be vacuous).
Exit status: 0 clean, 1 violations (each with file, line and what it breaks).

  one_op_loop.py [--root DIR] [--extra FILE:LINE]...
--extra adds LINE to FILE before checking (the ctests one_op_loop_rejects_* plant a loop or an
include with it to show the check can fail).
"""
import argparse
import os
import re
import sys

SOURCE_EXT = ('.cpp', '.hpp', '.c', '.h', '.cc')
SKIP_DIRS = {'.git', 'build', 'target', 'node_modules', '__pycache__'}
DRIVER = 'spec/vocabulary/engine.cpp'
READERS = 'spec/interchange/'

# Files that step an engine (or a model) one op per call rather than running a scenario, and why.
ALLOWED = {
    'capi/memspec.cpp': "the C ABI's single-step entry points: each call of memspec_memory_read/write/tick steps one op",
    'fuzz/capi_steps.cpp': 'the reference engine stepped beside each C ABI call, to compare the two call by call',
    'fuzz/online_memory.cpp': "steps the oracle's online and offline memories themselves (not an Engine), checking invariants after each op",
    'tests/property/engine_properties.cpp': 'R37: the engine interface itself, a failing step changes nothing',
    'tests/unit/v2_0_test.cpp': "R220: a failing step of a v2.0 engine changes nothing, shown on the engine interface call by call",
}

STEP_CALL = re.compile(r'(?:\.|->)\s*(step|prefetch)\s*\(')
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
ENGINE_HEADER = 'spec/vocabulary/engine.hpp'
# What a reader may not name: the engine, how one is made, the driver and its parts.
DRIVER_NAMES = re.compile(r'\b(Engine|EngineFactory|make_engine|run_source|run_scenario|run_to_result|RootsTap|Lookahead)\b')


def strip_code(text):
    """The text with comments and string/char literals blanked, line breaks kept."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append('\n' * text.count('\n', i, j))
            i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            end = ')' + (m.group(1) if m else '') + '"'
            j = text.find(end, i)
            j = n if j < 0 else j + len(end)
            out.append('""' + '\n' * text.count('\n', i, j))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def sources(root):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith('build'))
        for name in sorted(filenames):
            if name.endswith(SOURCE_EXT):
                path = os.path.join(dirpath, name)
                yield os.path.relpath(path, root).replace(os.sep, '/'), path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', default=os.path.join(os.path.dirname(__file__), '..', '..'))
    ap.add_argument('--extra', action='append', default=[], metavar='FILE:LINE')
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    extra = {}
    for item in args.extra:
        rel, _, line = item.partition(':')
        extra.setdefault(rel, []).append(line)

    problems = []
    stepping = set()
    driver_steps = False
    for rel, path in sources(root):
        with open(path, encoding='utf-8', errors='replace') as f:
            raw = f.read()
        if rel in extra:
            raw = raw + '\n' + '\n'.join(extra[rel]) + '\n'
        if rel.startswith(READERS):
            for lineno, line in enumerate(raw.split('\n'), 1):
                inc = INCLUDE.match(line)
                if inc and inc.group(1) == ENGINE_HEADER:
                    problems.append(f'{rel}:{lineno}: a reader includes {ENGINE_HEADER}: spec/interchange/ only parses '
                                    'and hands ops to the driver (R190)')
        code = strip_code(raw)
        for lineno, line in enumerate(code.split('\n'), 1):
            for m in STEP_CALL.finditer(line):
                if rel == DRIVER:
                    driver_steps = True
                    continue
                stepping.add(rel)
                if rel not in ALLOWED:
                    problems.append(f'{rel}:{lineno}: calls {m.group(1)}( outside the driver: run the ops through '
                                    f'run_source ({DRIVER}), the one op loop (R190)')
            if rel.startswith(READERS):
                m = DRIVER_NAMES.search(line)
                if m:
                    problems.append(f'{rel}:{lineno}: a reader names {m.group(1)}: spec/interchange/ only parses and '
                                    'hands ops to the driver (R190)')
    if not driver_steps:
        problems.append(f'{DRIVER}: the driver steps no engine: the check has nothing to compare against')
    for rel in sorted(set(ALLOWED) - stepping):
        problems.append(f'{rel}: listed as stepping one op at a time, but it steps nothing: remove it from ALLOWED')
    for p in problems:
        print(p)
    if problems:
        print(f'one_op_loop: {len(problems)} problem(s)')
        return 1
    print(f'one_op_loop: one op loop ({DRIVER}); {len(ALLOWED)} single-step callers, each with its reason')
    return 0


if __name__ == '__main__':
    sys.exit(main())
