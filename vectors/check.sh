#!/usr/bin/env bash
# Runs every conformance vector through an implementation that speaks spec/interchange.md:
#   vectors/check.sh 'path/to/memspec run'        (or any command taking the scenario path last)
#   vectors/check.sh --stream 'path/to/memspec run --stream -'
#                    (R38: each scenario is fed as JSON Lines on stdin; the JSON Lines printed are
#                    read back into the v1 result and compared the same way)
# Prints one line per failing vector and "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
stream=0
if [ "${1:-}" = "--stream" ]; then stream=1; shift; fi
cmd=${1:?usage: check.sh [--stream] 'COMMAND' (the scenario path is appended, or fed on stdin with --stream)}
pass=0 fail=0
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT
for scenario in "$here"/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  expected="$here/expected/$name.json"
  [ -f "$expected" ] || { echo "FAIL $name: no expected output"; fail=$((fail + 1)); continue; }
  if [ "$stream" -eq 1 ]; then
    out=$(python3 "$here/jsonl.py" scenario "$scenario" | $cmd 2>/dev/null > "$tmp"; rc=$?; python3 "$here/jsonl.py" result < "$tmp"; exit $rc); rc=$?
  else
    out=$($cmd "$scenario" 2>/dev/null); rc=$?
  fi
  if msg=$(printf '%s' "$out" | python3 "$here/compare.py" "$expected" "$rc"); then
    pass=$((pass + 1))
  else
    echo "FAIL $name: $msg"; fail=$((fail + 1))
  fi
done
echo "vectors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
