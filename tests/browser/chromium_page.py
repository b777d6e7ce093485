#!/usr/bin/env python3
"""Loads a self-contained HTML page in headless Chromium and checks its rendered DOM.

Every page memspec writes (`memspec explain`, `memspec conform --html`) is tested the same way:
Chromium runs the page's inlined scripts, `--dump-dom` prints the DOM after they ran, and this
script counts the elements that match simple selectors and reads the console. A page that throws
or logs an error fails, whatever its DOM says.

    chromium_page.py PAGE.html [--expect SELECTOR=N ...] [--expect-min SELECTOR=N ...]
                     [--expect-text TEXT ...] [--screenshot OUT.png] [--size WxH] [--fragment F]

A SELECTOR is one compound selector with no combinators: an optional tag, then any of `.class`,
`#id`, `[attr]` and `[attr=value]` (for example `tr.access`, `g[data-bus=memory]`,
`[data-unbalanced]`). --fragment F loads PAGE.html#F (a page that reads its address, such as a trace
set's `#messages-page=N&row=CHIP:ROW`). Exit status: 0 when every expectation holds and the console is clean,
1 when one does not, 2 when Chromium cannot be run (missing, crashed, timed out).
"""
import argparse
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile

# The flags that let Chromium start on a machine with no network and no GPU, as root: without the
# background-networking ones it keeps trying to reach Google's hosts.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
]


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def parse_selector(text):
    """`tag.cls#id[attr=value]` into (tag, classes, id, attrs); None if it is not that form."""
    m = re.fullmatch(r"([a-zA-Z][a-zA-Z0-9-]*)?((?:[.#][A-Za-z0-9_-]+|\[[A-Za-z0-9_-]+(?:=[^\]]*)?\])*)",
                     text)
    if not m or not text:
        return None
    tag = (m.group(1) or "").lower() or None
    classes, ident, attrs = [], None, []
    for part in re.findall(r"[.#][A-Za-z0-9_-]+|\[[^\]]+\]", m.group(2)):
        if part[0] == ".":
            classes.append(part[1:])
        elif part[0] == "#":
            ident = part[1:]
        else:
            name, _, value = part[1:-1].partition("=")
            attrs.append((name.lower(), value.strip("\"'") if "=" in part else None))
    return tag, classes, ident, attrs


class Counter(html.parser.HTMLParser):
    """Counts start tags matching each selector, and gathers the page's text."""

    def __init__(self, selectors):
        super().__init__(convert_charrefs=True)
        self.selectors = selectors
        self.counts = {s: 0 for s in selectors}
        self.text = []

    def handle_starttag(self, tag, attrs):
        amap = {k.lower(): (v if v is not None else "") for k, v in attrs}
        classes = amap.get("class", "").split()
        for sel, (stag, sclasses, sid, sattrs) in self.selectors.items():
            if stag and stag != tag:
                continue
            if any(c not in classes for c in sclasses):
                continue
            if sid and amap.get("id") != sid:
                continue
            if any(n not in amap or (v is not None and amap[n] != v) for n, v in sattrs):
                continue
            self.counts[sel] += 1

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def run_chromium(chromium, page, extra, timeout, fragment=None):
    """Runs Chromium on PAGE (#FRAGMENT) with EXTRA flags; returns (stdout, console error lines)."""
    with tempfile.TemporaryDirectory(prefix="memspec-chromium-") as profile:
        cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
               "--v=0", *extra, "file://" + os.path.abspath(page) + ("#" + fragment if fragment else "")]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    # Chromium reports the page's console, uncaught exceptions included, as `CONSOLE:line] "message",
    # source: ...`; its own noise (dbus, GPU) has no CONSOLE tag. The log level it prints does not
    # tell console.error from console.log, so a page must not write to the console at all.
    console = [line for line in proc.stderr.splitlines() if ":CONSOLE" in line]
    if proc.returncode != 0:
        raise RuntimeError(f"chromium exited {proc.returncode}: {proc.stderr[-2000:]}")
    return proc.stdout, console


def pairs(values, what):
    out = []
    for item in values:
        sel, sep, n = item.rpartition("=")
        parsed = parse_selector(sel) if sep else None
        if parsed is None or not n.isdigit():
            raise SystemExit(f"chromium_page.py: bad {what} '{item}' (want SELECTOR=N)")
        out.append((sel, parsed, int(n)))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("page")
    ap.add_argument("--expect", action="append", default=[], help="SELECTOR=N: exactly N elements")
    ap.add_argument("--expect-min", action="append", default=[], help="SELECTOR=N: at least N")
    ap.add_argument("--expect-text", action="append", default=[], help="text the page must show")
    ap.add_argument("--screenshot", help="also write a PNG of the page here")
    ap.add_argument("--size", default="1280x900", help="window size for the screenshot")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--fragment", help="load the page at PAGE#FRAGMENT")
    args = ap.parse_args()

    exact = pairs(args.expect, "--expect")
    at_least = pairs(args.expect_min, "--expect-min")
    chromium = find_chromium()
    if chromium is None:
        print("chromium_page.py: no chromium on PATH (scripts/bootstrap.sh installs Debian's)",
              file=sys.stderr)
        return 2
    if not os.path.isfile(args.page):
        print(f"chromium_page.py: no page at {args.page}", file=sys.stderr)
        return 2
    try:
        dom, console = run_chromium(chromium, args.page, ["--dump-dom"], args.timeout, args.fragment)
        if args.screenshot:
            w, _, h = args.size.partition("x")
            run_chromium(chromium, args.page, [f"--screenshot={os.path.abspath(args.screenshot)}",
                                               f"--window-size={w},{h}", "--hide-scrollbars"],
                         args.timeout, args.fragment)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
        print(f"chromium_page.py: {e}", file=sys.stderr)
        return 2

    counter = Counter({sel: parsed for sel, parsed, _ in exact + at_least})
    counter.feed(dom)
    text = " ".join(" ".join(counter.text).split())
    failures = []
    for line in console:
        failures.append(f"console: {line.strip()}")
    for sel, _, n in exact:
        if counter.counts[sel] != n:
            failures.append(f"{sel}: {counter.counts[sel]} elements, expected {n}")
    for sel, _, n in at_least:
        if counter.counts[sel] < n:
            failures.append(f"{sel}: {counter.counts[sel]} elements, expected at least {n}")
    for t in args.expect_text:
        if " ".join(t.split()) not in text:
            failures.append(f"text not shown: {t!r}")
    if not dom.strip():
        failures.append("chromium printed no DOM")
    for f in failures:
        print(f"chromium_page.py: {args.page}: {f}", file=sys.stderr)
    if not failures:
        print(f"chromium_page.py: {args.page}: "
              + ", ".join(f"{s}={counter.counts[s]}" for s in counter.counts) or "loaded")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
