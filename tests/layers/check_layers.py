#!/usr/bin/env python3
"""Checks memspec's layering from the #include lines (README.md, "Layers").

The rules are the table in README.md's "Layers" section, read from there so that they are written
once: each row names a layer, the folders it owns, and the layers it may include. For every C/C++
source file of the repository this script finds its layer (the longest folder prefix) and checks
  - every memspec header is included as `#include "PATH"`, PATH its path from the repository root
    (the one include root, so that a reader can follow any include to its file without a build);
    a path relative to the including file's folder, or the installed form `<memspec/...>`, is a
    violation;
  - the header's layer is the file's own layer or one it may include;
  - every source file belongs to a layer, so a new folder must be entered in the table.
Files under tests/package/ and examples/ are downstream code built against the installed tree,
where the C ABI's header is `<memspec/memspec.h>` and the C++ headers keep their repository paths
under include/memspec/; they may include those and their own header beside them.
Exit status: 0 clean, 1 violations (each printed with file, line and the rule it breaks), 2 when
the table cannot be read or checks too little to mean anything.

  check_layers.py [--root DIR] [--extra FILE:LINE]...
--extra adds LINE to FILE before checking (what a forbidden include would do; the ctest
layers_reject_* cases use it to show the check can fail).
"""
import argparse
import os
import re
import sys

SOURCE_EXT = ('.cpp', '.hpp', '.c', '.h', '.cc')
SKIP_DIRS = {'.git', 'build', 'target', 'node_modules', '__pycache__'}
# Downstream code, built against the installed tree (tests/package/ always, examples/cpp/ in the
# package test): the C ABI header is included as installed, and a consumer's own header beside it.
CONSUMERS = ('tests/package/', 'examples/')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_table(readme):
    """Rows of the Layers table: {name: {'folders': [...], 'may': [...]}}."""
    text = open(readme, encoding='utf-8').read()
    m = re.search(r'^## Layers\b.*?$(.*?)(?=^## )', text, re.S | re.M)
    if not m:
        raise SystemExit('check_layers: README.md has no "## Layers" section')
    layers = {}
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip('|').split('|')]
        if len(cells) < 4 or not cells[0].startswith('`'):
            continue
        name = re.findall(r'`([^`]+)`', cells[0])[0].split('::')[-1]  # memspec::air -> air
        folders = [f.rstrip('/') for f in re.findall(r'`([^`]+/)`', cells[1])]
        may = re.findall(r'`([^`]+)`', cells[-1])
        layers[name] = {'folders': folders, 'may': may}
    if len(layers) < 8:
        raise SystemExit(f'check_layers: the Layers table has {len(layers)} rows; expected the whole table')
    for name, row in layers.items():
        for dep in row['may']:
            if dep not in layers:
                raise SystemExit(f'check_layers: layer {name} may include unknown layer {dep}')
    return layers


def layer_of(path, layers):
    best, best_len = None, -1
    for name, row in layers.items():
        for f in row['folders']:
            if (path == f or path.startswith(f + '/')) and len(f) > best_len:
                best, best_len = name, len(f)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--root', default=os.path.join(os.path.dirname(__file__), '..', '..'))
    ap.add_argument('--extra', action='append', default=[])
    args = ap.parse_args()
    root = os.path.realpath(args.root)
    layers = read_table(os.path.join(root, 'README.md'))

    extra = {}
    for e in args.extra:
        f, _, line = e.partition(':')
        extra.setdefault(f, []).append(line)

    files = []
    for d, dirs, names in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS and not x.startswith('build'))
        for n in sorted(names):
            if n.endswith(SOURCE_EXT):
                files.append(os.path.relpath(os.path.join(d, n), root))
    violations, includes = [], 0
    for rel in files:
        own = layer_of(rel, layers)
        if own is None:
            violations.append(f'{rel}: belongs to no layer of the README table (add its folder to a row)')
            continue
        lines = open(os.path.join(root, rel), encoding='utf-8', errors='replace').read().splitlines()
        lines += extra.get(rel, [])
        for no, line in enumerate(lines, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            kind, target = m.groups()
            if kind == '<':
                if target.split('/')[0] != 'memspec':
                    continue  # the standard library and Debian's libraries
                includes += 1
                if rel.startswith(CONSUMERS) and target == 'memspec/memspec.h':
                    continue  # the installed C ABI header, as a downstream project includes it
                violations.append(f'{rel}:{no}: <{target}> is the installed form; in the tree a memspec header '
                                  f'is included by its path from the repository root')
                continue
            includes += 1
            beside = os.path.normpath(os.path.join(os.path.dirname(rel), target))
            if (rel.startswith(CONSUMERS) and '/' not in target
                    and os.path.isfile(os.path.join(root, beside))):
                continue  # a downstream project's own header, next to the file
            if not os.path.isfile(os.path.join(root, target)):
                near = os.path.normpath(os.path.join(os.path.dirname(rel), target))
                hint = f' (did you mean "{near}"?)' if os.path.isfile(os.path.join(root, near)) else ''
                violations.append(f'{rel}:{no}: "{target}" is not a path from the repository root{hint}')
                continue
            name = layer_of(os.path.normpath(target), layers)
            if name is None:
                violations.append(f'{rel}:{no}: "{target}" belongs to no layer')
            elif name != own and name not in layers[own]['may']:
                violations.append(f'{rel}:{no}: {own} may not include {name} ("{target}"); '
                                  f'it may include: {", ".join(layers[own]["may"]) or "nothing"}')
    for f in extra:
        if f not in files:
            raise SystemExit(f'check_layers: --extra names {f}, which is not a source file')
    if len(files) < 100 or includes < 300:
        print(f'check_layers: only {len(files)} files and {includes} includes found under {root}', file=sys.stderr)
        return 2
    for v in violations:
        print(v)
    print(f'check_layers: {len(files)} files, {includes} memspec includes, {len(layers)} layers, '
          f'{len(violations)} violations')
    return 1 if violations else 0


if __name__ == '__main__':
    sys.exit(main())
