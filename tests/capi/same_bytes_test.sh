#!/usr/bin/env bash
# memspec_run_json is `memspec run`: for every conformance vector scenario, every built-in workload
# (at a small size) and a set of malformed and failing documents, on both engines, capi_run (the C
# ABI) prints the same bytes and exits with the same status as the CLI.
#   tests/capi/same_bytes_test.sh MEMSPEC CAPI_RUN VECTORS_DIR
set -u
memspec=${1:?usage: same_bytes_test.sh MEMSPEC CAPI_RUN VECTORS_DIR}
capi=${2:?}
vectors=${3:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

compare() {  # compare FILE: both engines
  local file=$1 engine
  for engine in impl oracle; do
    "$memspec" run --engine "$engine" "$file" > "$tmp/cli" 2>/dev/null; local rc_cli=$?
    "$capi" --engine "$engine" "$file" > "$tmp/capi" 2>/dev/null; local rc_capi=$?
    if [ "$rc_cli" = "$rc_capi" ] && cmp -s "$tmp/cli" "$tmp/capi"; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
      echo "FAIL $(basename "$file") ($engine): memspec run exit $rc_cli, capi_run exit $rc_capi"
      cmp "$tmp/cli" "$tmp/capi" | head -n 1
    fi
  done
}

# Every scenario of the vector files (their ScenarioTests and RootTests), written out as a document.
mkdir "$tmp/v"
python3 - "$vectors" "$tmp/v" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    stem = os.path.basename(path)[:-5]
    for group in json.load(open(path))["testGroups"]:
        for t in group["tests"] if group["type"] in ("ScenarioTest", "RootTest") else []:
            text = t["scenarioText"] if "scenarioText" in t else json.dumps(t["scenario"], separators=(",", ":"))
            with open(os.path.join(sys.argv[2], f"{stem}_{t['tcId']}.json"), "w") as f:
                f.write(text)
PY
shopt -s nullglob
scenarios=("$tmp"/v/*.json)
[ "${#scenarios[@]}" -gt 0 ] || { echo "no vector scenarios found in $vectors"; exit 1; }
for f in "${scenarios[@]}"; do compare "$f"; done

workloads=$("$memspec" run --list-workloads | awk '{print $1}')
for w in $workloads; do
  "$memspec" run --workload "$w" --accesses 2000 --print-scenario > "$tmp/$w.json" && compare "$tmp/$w.json"
done

# Documents that fail at each stage (R28, R29): malformed, unknown key, config, setup, an op; and
# documents under the OpenVM profiles (R3a), whose persistent results carry the roots (R75a).
i=0
while IFS= read -r doc; do
  i=$((i + 1))
  printf '%s' "$doc" > "$tmp/bad$i.json"
  compare "$tmp/bad$i.json"
done <<'DOCS'
{"ops":[}
{"ops":[{"op":"read","as":1,"ptr":0,"len":1}],"colour":3}
{"version":2}
{"config":{"as_height":29}}
{"config":{"decomp":4294967296}}
{"initial_block_size":3}
{"initial_memory":[{"as":1,"ptr":0,"value":1}],"finalize_chunk":1}
{"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2]},{"op":"read","as":1,"ptr":0,"len":3}]}
{"config":{"clk_max_bits":3},"ops":[{"op":"tick","by":7}]}
{"ops":[{"op":"read","as":0,"ptr":2013265921,"len":1}]}
{"profile":"openvm-v1.0-persistent","initial_block_size":8,"initial_memory":[{"as":2,"ptr":3,"value":5}],"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2,3,4]}],"finalize_chunk":8}
{"profile":"openvm-v1.0-persistent","initial_block_size":8,"ops":[{"op":"read","as":1,"ptr":0,"len":2}]}
{"profile":"openvm-v1.0-volatile","ops":[{"op":"write","as":1,"ptr":0,"data":[7]}],"finalize_chunk":1}
{"profile":"openvm-v1.0-volatile","config":{"decomp":10}}

[]
DOCS

echo "same bytes: $pass passed, $fail failed"
# Vacuous success is failure: the vectors and the workloads must have been found.
if [ "$pass" -lt 60 ]; then echo "only $pass comparisons ran: vectors or workloads not found"; exit 1; fi
[ "$fail" -eq 0 ]
