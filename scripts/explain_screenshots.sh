#!/usr/bin/env bash
# Regenerates the screenshots of `memspec explain` pages shown in README.md (explain/screenshots/),
# each drawn by headless Chromium through tests/browser/chromium_page.py, which also checks that the
# page logs nothing.
#
#   scripts/explain_screenshots.sh BUILD_DIR
#
# BUILD_DIR holds tools/memspec. The proof page is `memspec prove --json --emit` of audit.B2 (a
# persistent boundary row created at a timestamp that is not 0), so it takes the few seconds Z3 needs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
memspec="$(cd "$1" && pwd)/tools/memspec"
shots="$root/explain/screenshots"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

shot() {  # NAME INPUT WxH
    "$memspec" explain "$2" -o "$work/$1.html" > /dev/null
    python3 "$root/tests/browser/chromium_page.py" "$work/$1.html" --screenshot "$shots/$1.png" --size "$3"
}

shot scenario "$root/tests/explain/scenario_finalize.json" 1000x460
shot scenario_v2_0 "$root/tests/explain/scenario_v2_0.json" 1000x460
shot traces "$root/tests/explain/forged_read.traces.json" 1000x800
(cd "$work" && "$memspec" prove --json --filter audit.B2.persistent_boundary_without_initial_at_zero --emit emitted > proof.json)
shot proof "$work/proof.json" 1000x620
shot time_loop "$root/vectors/exploits_time_loop_volatile.json" 1000x620
