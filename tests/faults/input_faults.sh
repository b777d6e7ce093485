#!/usr/bin/env bash
# Every input path tells the end of its input from a failed read, holds its size caps and reports
# running out of memory as such (design "Nothing lost"; spec/interchange.md "Limits" and "Exit
# statuses"): read faults are injected with the LD_PRELOAD shim of this folder, memory is capped
# with `ulimit -v`.
#   tests/faults/input_faults.sh path/to/memspec path/to/libmemspec_fault_shim.so
set -u
bin=${1:?usage: input_faults.sh path/to/memspec path/to/fault_shim.so}
shim=${2:?usage: input_faults.sh path/to/memspec path/to/fault_shim.so}
pass=0 fail=0
check() {  # check NAME EXPECTED_RC COMMAND... ; stdout is kept in $out
  local name=$1 want=$2; shift 2
  out=$("$@" 2>/dev/null); local rc=$?
  if [ "$rc" -eq "$want" ]; then pass=$((pass + 1)); else echo "FAIL $name: exit $rc, wanted $want; output: ${out:0:300}"; fail=$((fail + 1)); fi
}
contains() {  # contains NAME NEEDLE
  if printf '%s' "$out" | grep -qF -- "$2"; then pass=$((pass + 1)); else echo "FAIL $1: output lacks '$2': ${out:0:300}"; fail=$((fail + 1)); fi
}
lacks() {  # lacks NAME NEEDLE
  if printf '%s' "$out" | grep -qF -- "$2"; then echo "FAIL $1: output has '$2': ${out:0:300}"; fail=$((fail + 1)); else pass=$((pass + 1)); fi
}
last_line() {  # last_line NAME NEEDLE: the output's last line holds NEEDLE
  if printf '%s\n' "$out" | tail -n 1 | grep -qF -- "$2"; then pass=$((pass + 1)); else echo "FAIL $1: last line lacks '$2': $(printf '%s\n' "$out" | tail -n 1 | head -c 300)"; fail=$((fail + 1)); fi
}
same() {  # same NAME FILE: the output is FILE's content
  if [ "$out" = "$(cat "$2")" ]; then pass=$((pass + 1)); else echo "FAIL $1: output differs from $2: ${out:0:300}"; fail=$((fail + 1)); fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# A stream of a header and six ops, and the same scenario as a document; their outputs without faults.
printf '%s\n' '{"initial_block_size":1}' \
  '{"op":"write","as":1,"ptr":0,"data":[1,2,3,4]}' '{"op":"read","as":1,"ptr":0,"len":2}' \
  '{"op":"write","as":1,"ptr":2,"data":[100]}' '{"op":"read","as":1,"ptr":0,"len":4}' \
  '{"op":"write","as":2,"ptr":8,"data":[5,6]}' '{"op":"read","as":2,"ptr":8,"len":2}' > "$tmp/s.jsonl"
printf '%s' '{"initial_block_size":1,"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2,3,4]},{"op":"read","as":1,"ptr":0,"len":2},' \
  '{"op":"write","as":1,"ptr":2,"data":[100]},{"op":"read","as":1,"ptr":0,"len":4},' \
  '{"op":"write","as":2,"ptr":8,"data":[5,6]},{"op":"read","as":2,"ptr":8,"len":2}]}' > "$tmp/s.json"
check "stream without faults" 0 "$bin" run --stream "$tmp/s.jsonl"
printf '%s\n' "$out" > "$tmp/s.out.jsonl"
last_line "stream without faults ends with its final line" '{"final_timestamp":'
check "document without faults" 0 "$bin" run "$tmp/s.json"
printf '%s\n' "$out" > "$tmp/s.out.json"
contains "document without faults reads" '"reads":[[1,2],[1,2,100,4],[5,6]]'

faulted() {  # faulted VAR=VALUE... -- COMMAND...: COMMAND with the shim preloaded, faulting stdin
  local env=(LD_PRELOAD="$shim" MEMSPEC_FAULT_READ_FD=0)
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  env "${env[@]}" "$@"
}

# A non-blocking stdin fed slowly: EAGAIN means "not yet", never the end.
cat > "$tmp/slow.py" <<'PY'
import fcntl, os, subprocess, sys, time
data = open(sys.argv[1], "rb").read()
r, w = os.pipe()
fcntl.fcntl(r, fcntl.F_SETFL, fcntl.fcntl(r, fcntl.F_GETFL) | os.O_NONBLOCK)
p = subprocess.Popen(sys.argv[2:], stdin=r, stdout=subprocess.PIPE)
os.close(r)
for i in range(0, len(data), 40):
    os.write(w, data[i:i + 40])
    time.sleep(0.02)
os.close(w)
out = p.stdout.read()
sys.stdout.buffer.write(out)
sys.exit(p.wait())
PY
check "non-blocking slow stdin, stream" 0 python3 "$tmp/slow.py" "$tmp/s.jsonl" "$bin" run --stream -
same "non-blocking slow stdin, stream output" "$tmp/s.out.jsonl"
check "non-blocking slow stdin, document" 0 python3 "$tmp/slow.py" "$tmp/s.json" "$bin" run -
same "non-blocking slow stdin, document output" "$tmp/s.out.json"

# Short reads, interrupted reads and EAGAIN change nothing.
check "short reads, stream" 0 faulted MEMSPEC_FAULT_READ_MAX=3 -- "$bin" run --stream - < "$tmp/s.jsonl"
same "short reads, stream output" "$tmp/s.out.jsonl"
check "short reads, piped document" 0 bash -c "cat '$tmp/s.json' | env LD_PRELOAD='$shim' MEMSPEC_FAULT_READ_FD=0 MEMSPEC_FAULT_READ_MAX=3 '$bin' run -"
same "short reads, piped document output" "$tmp/s.out.json"
for e in EINTR EAGAIN; do
  check "$e on every other read, stream" 0 faulted MEMSPEC_FAULT_READ_EVERY=2 MEMSPEC_FAULT_READ_EVERY_ERRNO=$e MEMSPEC_FAULT_READ_MAX=16 -- "$bin" run --stream - < "$tmp/s.jsonl"
  same "$e on every other read, stream output" "$tmp/s.out.jsonl"
  check "$e on every other read, piped document" 0 bash -c "cat '$tmp/s.json' | env LD_PRELOAD='$shim' MEMSPEC_FAULT_READ_FD=0 MEMSPEC_FAULT_READ_EVERY=2 MEMSPEC_FAULT_READ_EVERY_ERRNO=$e MEMSPEC_FAULT_READ_MAX=16 '$bin' run -"
  same "$e on every other read, piped document output" "$tmp/s.out.json"
done

# EIO after the header and three op lines: the records of those three ops, then the error line as
# the last line, exit 4; never the final line of a complete stream.
after=$(head -n 4 "$tmp/s.jsonl" | wc -c)
check "EIO mid-stream exits 4" 4 faulted MEMSPEC_FAULT_READ_FAIL_AFTER="$after" -- "$bin" run --stream - < "$tmp/s.jsonl"
last_line "EIO mid-stream: the last line is the error" '{"error":{"kind":"InputError","message":"line 5: reading the stream: Input/output error"'
lacks "EIO mid-stream: no final line" '"final_timestamp"'
if [ "$(printf '%s\n' "$out" | grep -c '^{"record":')" -eq 3 ]; then pass=$((pass + 1)); else echo "FAIL EIO mid-stream: wanted the 3 access records read before the error: ${out:0:300}"; fail=$((fail + 1)); fi
check "EIO before the header exits 4" 4 faulted MEMSPEC_FAULT_READ_FAIL_AFTER=0 -- "$bin" run --stream - < "$tmp/s.jsonl"
contains "EIO before the header is no empty stream" '"kind":"InputError"'
lacks "EIO before the header is not 'empty'" 'empty'
check "EIO in a piped document exits 4" 4 bash -c "cat '$tmp/s.json' | env LD_PRELOAD='$shim' MEMSPEC_FAULT_READ_FD=0 MEMSPEC_FAULT_READ_FAIL_AFTER=100 '$bin' run -"
contains "EIO in a piped document" '{"error":{"kind":"InputError","message":"reading standard input: Input/output error"}}'
check "EIO in a piped document, digest" 4 bash -c "cat '$tmp/s.json' | env LD_PRELOAD='$shim' MEMSPEC_FAULT_READ_FD=0 MEMSPEC_FAULT_READ_FAIL_AFTER=100 '$bin' run --digest -"
check "EIO reading traces exits 4" 4 bash -c "echo '{}' | env LD_PRELOAD='$shim' MEMSPEC_FAULT_READ_FD=0 MEMSPEC_FAULT_READ_FAIL_AFTER=1 '$bin' check --traces -"
contains "EIO reading traces" '"kind":"InputError"'
check "EIO reading a scenario for check exits 4" 4 bash -c "cat '$tmp/s.json' | env LD_PRELOAD='$shim' MEMSPEC_FAULT_READ_FD=0 MEMSPEC_FAULT_READ_FAIL_AFTER=10 '$bin' check -"
contains "EIO reading a scenario for check" '"kind":"InputError"'
# The first file a command opens is descriptor 3 once 3-9 are closed (a test runner may pass some
# on): a vector file for conform, a chip for prove --air.
here=$(cd "$(dirname "$0")" && pwd)
low_fds_closed() { "$@" 3<&- 4<&- 5<&- 6<&- 7<&- 8<&- 9<&-; }
check "EIO reading a vector file exits 4" 4 bash -c "exec 3<&- 4<&- 5<&- 6<&- 7<&- 8<&- 9<&-; env LD_PRELOAD='$shim' MEMSPEC_FAULT_READ_FD=3 MEMSPEC_FAULT_READ_FAIL_AFTER=10 '$bin' conform --cmd true --vectors '$here/../../vectors/end_of_space.json' 2>&1"
contains "EIO reading a vector file" "reading vector file '$here/../../vectors/end_of_space.json': Input/output error"
# conform reads each tested program's output through a pipe; a failed read of it is reported as
# such and the test fails, never judged on the bytes read so far. The pipe's descriptor number
# depends on what conform opened before it, so every low descriptor is tried: at least one must be
# that pipe, and it must give the failure (R161).
seen_read_failure=0
for fd in 3 4 5 6 7 8 9 10 11 12; do
  got=$(exec 3<&- 4<&- 5<&- 6<&- 7<&- 8<&- 9<&-; env LD_PRELOAD="$shim" MEMSPEC_FAULT_READ_FD=$fd MEMSPEC_FAULT_READ_FAIL_AFTER=0 \
        "$bin" conform --cmd "'$bin' run -" --vectors "$here/../../vectors/end_of_space.json" 2>&1)
  if printf '%s' "$got" | grep -qF "output could not be read: reading its standard output: Input/output error"; then
    seen_read_failure=1
    out=$got
    contains "a failed read of a program's output fails its test" " 0 passed"
  fi
done
if [ "$seen_read_failure" = 1 ]; then pass=$((pass + 1)); else echo "FAIL no descriptor gave conform's read failure of a program's output"; fail=$((fail + 1)); fi
if "$bin" prove --help > /dev/null 2>&1; then  # a build without proofs/ has no prove
  echo '{}' > "$tmp/chip.json"
  check "EIO reading a chip file exits 4" 4 low_fds_closed faulted MEMSPEC_FAULT_READ_FD=3 MEMSPEC_FAULT_READ_FAIL_AFTER=1 -- "$bin" prove --air "$tmp/chip.json"
  contains "EIO reading a chip file" '"kind":"InputError"'
fi

# A directory is a read error (EISDIR), in every reader; a missing file stays bad input (exit 2).
mkdir "$tmp/dir"
check "directory as a stream exits 4" 4 "$bin" run --stream "$tmp/dir"
contains "directory as a stream" '"kind":"InputError","message":"line 1: reading the stream: Is a directory"'
check "directory as a document exits 4" 4 "$bin" run "$tmp/dir"
contains "directory as a document" "\"kind\":\"InputError\",\"message\":\"reading scenario file '$tmp/dir': Is a directory\""
check "directory as traces exits 4" 4 "$bin" check --traces "$tmp/dir"
contains "directory as traces" '"kind":"InputError"'
check "directory as a root scenario exits 4" 4 "$bin" root "$tmp/dir"
check "missing file is bad input" 2 "$bin" run --stream "$tmp/nope.jsonl"
contains "missing file names the cause" 'No such file or directory'

# Caps (LimitExceeded, exit 2): a stream's op line is at most 1 MiB, a document from a pipe at most
# 1 GiB, a document file at most 4 GiB (refused from its size, before reading), other files 1 GiB.
pad_line() {  # pad_line BYTES: a valid op line padded with spaces to BYTES bytes, newline excluded
  local op='{"op":"read","as":1,"ptr":0,"len":1'
  printf '%s' "$op"; head -c $(($1 - ${#op} - 1)) /dev/zero | tr '\0' ' '; printf '}\n'
}
{ echo '{}'; pad_line 1048576; } > "$tmp/at_cap.jsonl"
{ echo '{}'; pad_line 1048577; } > "$tmp/over_cap.jsonl"
check "a 1 MiB op line is read" 0 "$bin" run --stream "$tmp/at_cap.jsonl"
last_line "a 1 MiB op line runs to the end" '{"final_timestamp":2}'
check "a 1 MiB + 1 byte op line exits 2" 2 "$bin" run --stream "$tmp/over_cap.jsonl"
contains "a 1 MiB + 1 byte op line" '{"error":{"kind":"LimitExceeded","message":"line 2: a stream line is limited to 1 MiB'
check "an endless op line exits 2" 2 bash -c "{ printf '{}\n{\"op\":\"'; head -c 100000000 /dev/zero; } | '$bin' run --stream -"
contains "an endless op line" '"kind":"LimitExceeded"'
check "a piped document over 1 GiB exits 2" 2 bash -c "{ printf '{\"ops\":['; head -c 1073741824 /dev/zero; } | '$bin' run -"
contains "a piped document over 1 GiB" '{"error":{"kind":"LimitExceeded","message":"standard input is limited to 1 GiB'
truncate -s 4294967232 "$tmp/huge.json"  # MAX_DOCUMENT_BYTES + 1, sparse: nothing is read
check "a document file over 4 GiB exits 2" 2 "$bin" run "$tmp/huge.json"
contains "a document file over 4 GiB" "is limited to 4 GiB"
truncate -s 1073741825 "$tmp/huge.traces.json"
check "a traces file over 1 GiB exits 2" 2 "$bin" check --traces "$tmp/huge.traces.json"
contains "a traces file over 1 GiB" '"kind":"LimitExceeded"'

# Out of memory is its own error (exit 5, OutOfMemory), never a ParseError. ulimit -v caps the
# address space: the same limit runs a small scenario, so the failure is the size's.
if ldd "$bin" 2>/dev/null | grep -q 'libasan\|libtsan'; then
  echo "skipping the ulimit -v cases: a sanitized binary reserves more address space than they allow"
else
  check "small run under the memory cap" 0 bash -c "ulimit -v 300000; '$bin' run '$tmp/s.json'"
  truncate -s 2147483648 "$tmp/two_gb.json"  # sparse: the index (4 bytes a byte) is refused first
  check "a 2 GB document beyond the memory cap exits 5" 5 bash -c "ulimit -v 4000000; '$bin' run '$tmp/two_gb.json'"
  contains "a 2 GB document beyond the memory cap" '{"error":{"kind":"OutOfMemory"'
  check "a workload beyond the memory cap exits 5" 5 bash -c "ulimit -v 300000; '$bin' run --workload rand1 -n 100000000 --json"
  contains "a workload beyond the memory cap" '{"error":{"kind":"OutOfMemory"'
  check "a stream header beyond the memory cap exits 5" 5 bash -c "ulimit -v 300000; { printf '{\"initial_memory\":['; head -c 400000000 /dev/zero | tr '\\0' ' '; printf ']}\n'; } | '$bin' run --stream -"
  last_line "a stream header beyond the memory cap" '{"error":{"kind":"OutOfMemory"'
fi

echo "input_faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
