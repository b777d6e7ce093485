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
here=$(cd "$(dirname "$0")" && pwd)

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
contains "bench phases" '"phase":"parse"'
contains "bench end to end" '"measure":"impl end-to-end"'
contains "bench engine alone" '"measure":"oracle engine alone"'
check "engines agree" 0 bash -c "diff <('$bin' run --engine oracle '$tmp/s.json') <('$bin' run --engine impl '$tmp/s.json')"
check "bad engine" 2 "$bin" run --engine nope "$tmp/s.json"
check "unknown subcommand" 2 "$bin" frobnicate

# R38: JSON Lines in and out; the same records as the whole document.
check "R38 print scenario as JSON Lines" 0 bash -c "'$bin' run --workload default -n 3000 --print-scenario --jsonl > '$tmp/d.jsonl'"
check "R38 print scenario as a document" 0 bash -c "'$bin' run --workload default -n 3000 --print-scenario > '$tmp/d.json'"
check "R38 stream run" 0 bash -c "'$bin' run --stream - < '$tmp/d.jsonl' > '$tmp/d.out.jsonl'"
check "R38 stream equals document" 0 bash -c "diff <(python3 '$here/jsonl.py' result < '$tmp/d.out.jsonl' | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))') <('$bin' run '$tmp/d.json' | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))')"
check "R38 stream on the oracle" 0 bash -c "diff <('$bin' run --stream --engine oracle '$tmp/d.jsonl') '$tmp/d.out.jsonl'"
check "R38 file to JSON Lines and back" 0 bash -c "'$bin' run --print-scenario --jsonl '$tmp/d.json' | cmp - '$tmp/d.jsonl'"
check "R38 stream error exits 2" 2 bash -c "printf '{}\n{\"op\":\"write\",\"as\":0,\"ptr\":0,\"data\":[1]}\n' | '$bin' run --stream -"
contains "R38 stream error line" '{"error":{"kind":"InvalidAddressSpace"'
contains "R38 stream error op_index" '"op_index":0'
check "R38 stream parse error names the line" 2 bash -c "printf '{}\n{\"op\":\"tick\",\"by\":1}\n{\"op\":\n' | '$bin' run --stream -"
contains "R38 line number" 'line 3'

# R39: --digest is sha256sum of what would be printed, whole or streamed, result or error.
check "R39 digest" 0 bash -c "[ \"\$('$bin' run --digest '$tmp/d.json')\" = \"\$('$bin' run '$tmp/d.json' | sha256sum | cut -d' ' -f1)\" ]"
check "R39 stream digest" 0 bash -c "[ \"\$('$bin' run --stream --digest '$tmp/d.jsonl')\" = \"\$(sha256sum < '$tmp/d.out.jsonl' | cut -d' ' -f1)\" ]"
check "R39 error digest" 2 bash -c "'$bin' run --digest '$tmp/nope.json'"
check "R39 workload digest" 0 bash -c "[ \"\$('$bin' run -w rand1 -n 5000 --digest)\" = \"\$('$bin' run -w rand1 -n 5000 --json | sha256sum | cut -d' ' -f1)\" ]"

# R29: malformed input at size gets exit 2 and a ParseError, never a crash (MEMSPEC_CLI_BIG=0 skips).
if [ "${MEMSPEC_CLI_BIG:-1}" = 1 ]; then
  check "R29 1 GB unterminated string" 2 bash -c "{ printf '{\"ops\":\"'; head -c 1000000000 /dev/zero | tr '\\0' a; } | '$bin' run -"
  contains "R29 1 GB unterminated string kind" '"kind":"ParseError"'
  check "R38 1 GB unterminated line" 2 bash -c "{ printf '{}\n{\"op\":\"'; head -c 1000000000 /dev/zero | tr '\\0' a; } | '$bin' run --stream -"
  contains "R38 1 GB unterminated line kind" '"kind":"LimitExceeded"'  # R136: past the 1 MiB op line cap
  check "R29 10^6-deep nesting" 2 bash -c "python3 -c \"print('{\\\"ops\\\":' + '[' * 10**6)\" | '$bin' run -"
  contains "R29 10^6-deep nesting kind" '"kind":"ParseError"'
  check "R29 10^8-element data array" 2 bash -c "{ printf '{\"ops\":[{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[0'; yes ',0' | head -n 99999999 | tr -d '\\n'; printf ']}]}'; } | '$bin' run -"
  contains "R29 10^8-element data array kind" '"kind":"SizeNotPowerOfTwo"'
fi
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
