#!/usr/bin/env bash
# End-to-end checks of the memspec CLI's contract: exit codes, stdin, errors as JSON, workloads.
#   tests/cli/cli_test.sh path/to/memspec
set -u
bin=${1:?usage: cli_test.sh path/to/memspec}
pass=0 fail=0
check() {  # check NAME EXPECTED_RC COMMAND... ; stdout is kept in $out
  local name=$1 want=$2; shift 2
  out=$("$@" 2>/dev/null); local rc=$?
  if [ "$rc" -eq "$want" ]; then pass=$((pass + 1)); else echo "FAIL $name: exit $rc, wanted $want; output: ${out:0:300}"; fail=$((fail + 1)); fi
}
contains() {  # contains NAME NEEDLE
  if printf '%s' "$out" | grep -qF -- "$2"; then pass=$((pass + 1)); else echo "FAIL $1: output lacks '$2': ${out:0:300}"; fail=$((fail + 1)); fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

echo '{"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2,3,4]},{"op":"read","as":1,"ptr":0,"len":2},{"op":"write","as":1,"ptr":2,"data":[100]},{"op":"read","as":1,"ptr":0,"len":4}]}' > "$tmp/s.json"
check "R29 run from file" 0 "$bin" run "$tmp/s.json"
contains "R10 reads" '"reads":[[1,2],[1,2,100,4]]'
check "R29 run from stdin" 0 bash -c "'$bin' run - < '$tmp/s.json'"
contains "R9 final timestamp" '"final_timestamp":5'
check "R28 error exit 2" 2 bash -c "echo '{\"ops\":[{\"op\":\"write\",\"as\":0,\"ptr\":0,\"data\":[1]}]}' | '$bin' run -"
contains "R28 error kind" '{"error":{"kind":"InvalidAddressSpace"'
contains "R28 op_index" '"op_index":0'
check "R29 malformed JSON" 2 bash -c "echo '{\"ops\":' | '$bin' run -"
contains "R29 parse error kind" '"kind":"ParseError"'
check "R29 empty input" 2 bash -c "'$bin' run - < /dev/null"
check "R29 binary garbage" 2 bash -c "head -c 256 /dev/urandom | '$bin' run -"
check "missing file" 2 "$bin" run "$tmp/nope.json"
contains "missing file message" '"kind":"ParseError"'
check "no scenario" 2 "$bin" run
check "unknown workload" 2 "$bin" run --workload nope
contains "unknown workload lists known" 'default'
check "workload summary" 0 "$bin" run --workload default --accesses 500
contains "summary accesses" 'accesses'
contains "summary adapters" 'AccessAdapter<'
contains "summary final blocks" 'final blocks'
check "workload json" 0 "$bin" run --workload pingpong --accesses 66 --json
contains "workload json result" '"adapter_records":['
check "workload scenario" 0 "$bin" run --workload rand1 --accesses 10 --print-scenario
contains "workload scenario json" '"ops":['
check "list workloads" 0 "$bin" run --list-workloads
contains "list has seq8" 'seq8'
check "bench on a scenario" 0 "$bin" bench --scenario "$tmp/s.json" --json
contains "bench stages" '"online_s":'
contains "bench engines" '"engine":"impl"'
check "engines agree" 0 bash -c "diff <('$bin' run --engine oracle '$tmp/s.json') <('$bin' run --engine impl '$tmp/s.json')"
check "bad engine" 2 "$bin" run --engine nope "$tmp/s.json"
check "unknown subcommand" 2 "$bin" frobnicate
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
