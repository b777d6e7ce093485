#!/usr/bin/env python3
"""Runs one command and asserts on what it did, for the conform and diff ctests (R130-R134).

    expect.py [--exit N] [--re REGEX]... [--not-re REGEX]... [--json-path PATH=VALUE]... [--json-at-least PATH=N]...
              [--diff-max-ops N] [--diff-path REGEX] [--memspec BIN] [--max-rss-mib N] -- COMMAND...

--re / --not-re: a Python regular expression that must (must not) be found in standard output or
  standard error.
--json-path: standard output is JSON; a dotted path (list indices as numbers) must hold VALUE
  (compared as JSON when VALUE parses as JSON, else as a string).
--json-at-least: the same, for a number that must be at least N (a count of tests judged, which
  grows as vectors are added but must never fall: a run that judges nothing fails).
--diff-max-ops: standard output is `memspec diff --json` and holds a divergence whose minimal
  scenario has at most N ops, printed as a complete vector test; with --memspec, the vector's
  expected values are checked to be memspec's answer to its scenario (a vector that does not
  reproduce would send an implementer after the wrong thing); --diff-path: the localized
  difference's path matches REGEX.
--max-rss-mib: the peak resident set of the command and everything it waited for (getrusage of
  the children) stays under N MiB.
On failure it prints why and the command's output, and exits 1.
"""
import json
import re
import resource
import subprocess
import sys


def fail(why, out):
    print(f"expect.py: {why}\n--- output ---\n{out}", file=sys.stderr)
    sys.exit(1)


def at(doc, path):
    for part in path.split("."):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def check_vector(d, max_ops, path_re, memspec, out):
    if d.get("ok") is not False or "vector" not in d:
        fail("no divergence reported", out)
    v = d["vector"]
    for key in ("tcId", "comment", "flags", "result", "scenario", "expected"):
        if key not in v:
            fail(f"the vector lacks {key!r}", out)
    ops = v["scenario"].get("ops", [])
    if len(ops) > max_ops or d["minimal"]["ops"] != len(ops):
        fail(f"the minimal scenario has {len(ops)} ops (at most {max_ops} expected)", out)
    if path_re and not re.search(path_re, d["difference"].get("path", "")):
        fail(f"the difference's path {d['difference'].get('path')!r} does not match {path_re!r}", out)
    if memspec:
        p = subprocess.run([memspec, "run", "-"], input=json.dumps(v["scenario"]).encode(), capture_output=True)
        got = json.loads(p.stdout)
        if v["result"] == "invalid":
            want = v["expected"]["error"]
            ok = p.returncode == 2 and all(got["error"].get(k) == want.get(k) for k in ("kind", "op_index"))
        else:
            ok = p.returncode == 0 and got == v["expected"]
        if not ok:
            fail(f"memspec run on the vector's scenario gives {p.stdout.decode()[:300]}", out)


def main(argv):
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    opts, cmd = argv[:split], argv[split + 1:]
    want_exit, res, not_res, paths, floors = None, [], [], [], []
    max_ops, path_re, memspec, max_rss = None, None, None, None
    it = iter(opts)
    for o in it:
        if o == "--exit":
            want_exit = int(next(it))
        elif o == "--re":
            res.append(next(it))
        elif o == "--not-re":
            not_res.append(next(it))
        elif o == "--json-path":
            paths.append(next(it))
        elif o == "--json-at-least":
            floors.append(next(it))
        elif o == "--diff-max-ops":
            max_ops = int(next(it))
        elif o == "--diff-path":
            path_re = next(it)
        elif o == "--memspec":
            memspec = next(it)
        elif o == "--max-rss-mib":
            max_rss = int(next(it))
        else:
            print(f"expect.py: unknown option {o}", file=sys.stderr)
            return 2
    p = subprocess.run(cmd, capture_output=True)
    out = p.stdout.decode(errors="replace") + ("\n--- stderr ---\n" + p.stderr.decode(errors="replace") if p.stderr else "")
    # ru_maxrss of the children: KiB on Linux, the largest process among those waited for
    # (directly or, once reaped by them, their descendants).
    rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if max_rss is not None and rss_mib >= max_rss:
        fail(f"peak RSS {rss_mib:.0f} MiB, expected under {max_rss} MiB", out)
    if want_exit is not None and p.returncode != want_exit:
        fail(f"exit status {p.returncode}, expected {want_exit}", out)
    text = p.stdout.decode(errors="replace")
    for r in res:
        if not re.search(r, out, re.M):
            fail(f"no match for {r!r}", out)
    for r in not_res:
        if re.search(r, out, re.M):
            fail(f"unexpected match for {r!r}", out)
    if paths or floors or max_ops is not None:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as e:
            fail(f"output is not JSON: {e}", out)
        for spec in paths:
            path, _, value = spec.partition("=")
            try:
                want = json.loads(value)
            except json.JSONDecodeError:
                want = value
            try:
                got = at(doc, path)
            except (KeyError, IndexError, TypeError):
                fail(f"no {path} in the output", out)
            if got != want:
                fail(f"{path} is {got!r}, expected {want!r}", out)
        for spec in floors:
            path, _, value = spec.partition("=")
            try:
                got = at(doc, path)
            except (KeyError, IndexError, TypeError):
                fail(f"no {path} in the output", out)
            if not isinstance(got, int) or got < int(value):
                fail(f"{path} is {got!r}, expected at least {value}", out)
        if max_ops is not None:
            check_vector(doc, max_ops, path_re, memspec, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
