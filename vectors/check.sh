#!/usr/bin/env bash
# Runs every conformance vector through an implementation that speaks spec/interchange.md:
#   vectors/check.sh 'path/to/memspec run'        (or any command taking the scenario path last)
# Prints one line per failing vector and "N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:?usage: check.sh 'COMMAND' (the scenario path is appended)}
pass=0 fail=0
for scenario in "$here"/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  expected="$here/expected/$name.json"
  [ -f "$expected" ] || { echo "FAIL $name: no expected output"; fail=$((fail + 1)); continue; }
  out=$($cmd "$scenario" 2>/dev/null); rc=$?
  if msg=$(printf '%s' "$out" | python3 "$here/compare.py" "$expected" "$rc"); then
    pass=$((pass + 1))
  else
    echo "FAIL $name: $msg"; fail=$((fail + 1))
  fi
done
echo "vectors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
