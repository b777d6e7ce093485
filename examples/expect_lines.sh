#!/usr/bin/env bash
# Runs an example and checks its output: exit status 0, and every line of EXPECTED (an extended
# regular expression each) matching a whole line of what it printed.
#   examples/expect_lines.sh EXPECTED COMMAND [ARGS...]
set -u
expected=${1:?usage: expect_lines.sh EXPECTED COMMAND [ARGS...]}
shift
out=$("$@" 2>&1); rc=$?
printf '%s\n' "$out"
status=0
[ "$rc" -eq 0 ] || { echo "FAIL: exit status $rc"; status=1; }
n=0
while IFS= read -r pattern; do
  [ -n "$pattern" ] || continue
  n=$((n + 1))
  printf '%s\n' "$out" | grep -Eqx -- "$pattern" || { echo "FAIL: no line matches: $pattern"; status=1; }
done < "$expected"
[ "$n" -gt 0 ] || { echo "FAIL: $expected lists no line"; status=1; }
exit $status
