#!/usr/bin/env bash
# Root vectors (R74, R75): runs `memspec root --json` (or any command printing
# {"initial_root":[8 values],"final_root":[8 values]} for the scenario path appended) on every
# scenario here and compares with expected/. Prints failures and "roots: N passed, M failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:?usage: check.sh 'COMMAND' (the scenario path is appended)}
pass=0 fail=0
for scenario in "$here"/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  expected="$here/expected/$name.json"
  [ -f "$expected" ] || { echo "FAIL $name: no expected output"; fail=$((fail + 1)); continue; }
  out=$($cmd "$scenario" 2>/dev/null); rc=$?
  if msg=$(printf '%s' "$out" | python3 "$here/../compare.py" "$expected" "$rc"); then
    pass=$((pass + 1))
  else
    echo "FAIL $name: $msg"; fail=$((fail + 1))
  fi
done
echo "roots: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
