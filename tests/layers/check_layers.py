#!/usr/bin/env python3
"""Checks memspec's layering from the #include lines (README.md, "Layers").

The rules are the table in README.md's "Layers" section, read from there so that they are written
once: each row names a layer, the folders it owns, and the layers it may include. For every C/C++
source file of the repository this script finds its layer (the longest folder prefix) and checks
  - every `#include <memspec/L/...>` names the file's own layer or one it may include, and the
    header exists in that layer's folder;
  - every `#include "..."` resolves inside the file's own layer, relative to the file's folder or
    to the layer's quote root (tests/ for the tests): never from the repository root;
  - every source file belongs to a layer, so a new folder must be entered in the table.
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
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def read_table(readme):
    """Rows of the Layers table: {name: {'folders': [...], 'may': [...], 'quote_root': str|None}}."""
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
        quote_root = None
        qm = re.search(r'quoted from `([^`]+/)`', cells[1])
        if qm:
            quote_root = qm.group(1).rstrip('/')
            folders = [f for f in folders if f != quote_root] or [quote_root]
        layers[name] = {'folders': folders, 'may': may, 'quote_root': quote_root}
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


def header_folder(layer_name, layers):
    """The folder that <memspec/LAYER/...> maps to: the layer's first folder."""
    return layers[layer_name]['folders'][0]


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
                parts = target.split('/')
                if parts[0] != 'memspec':
                    continue  # the standard library and Debian's libraries
                includes += 1
                if len(parts) == 2:
                    name = 'c-abi'  # <memspec/memspec.h>
                    header = os.path.join('include', target)
                else:
                    name = parts[1] if parts[1] in layers else None
                    if name is None:
                        violations.append(f'{rel}:{no}: <{target}> names no layer')
                        continue
                    header = os.path.join(header_folder(name, layers), *parts[2:])
                if name != own and name not in layers[own]['may']:
                    violations.append(f'{rel}:{no}: {own} may not include {name} (<{target}>); '
                                      f'it may include: {", ".join(layers[own]["may"]) or "nothing"}')
                elif not os.path.isfile(os.path.join(root, header)):
                    violations.append(f'{rel}:{no}: <{target}> does not exist ({header})')
            else:
                includes += 1
                here = os.path.normpath(os.path.join(os.path.dirname(rel), target))
                candidates = [here]
                if layers[own]['quote_root']:
                    candidates.append(os.path.normpath(os.path.join(layers[own]['quote_root'], target)))
                found = [c for c in candidates if os.path.isfile(os.path.join(root, c))]
                if not found:
                    violations.append(f'{rel}:{no}: "{target}" is not a file next to it; another layer\'s header '
                                      f'is included as <memspec/LAYER/...>, never from the repository root')
                elif layer_of(found[0], layers) != own:
                    violations.append(f'{rel}:{no}: "{target}" reaches into {layer_of(found[0], layers)}; '
                                      f'include it as <memspec/...> if {own} may use it')
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
