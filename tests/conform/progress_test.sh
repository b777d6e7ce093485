#!/usr/bin/env bash
# R246: memspec conform shows its progress on standard error when that is a terminal (here a
# pseudo-terminal from util-linux's script), "memspec conform: N/M tests" rewritten in place up to
# the last test, and prints nothing there when it is not (a CI log), nor with --no-progress.
#   tests/conform/progress_test.sh MEMSPEC PYTHON3 SOURCE_DIR
set -u
ms=${1:?usage: progress_test.sh MEMSPEC PYTHON3 SOURCE_DIR}
py=${2:?}
src=${3:?}
vectors=$src/tests/data/conform/good/volatile.json
total=$("$py" -c "import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(g['tests']) for g in d['testGroups']))" "$vectors")
run="'$ms' conform --batch --cmd '$py $src/tests/wrong_impls/openvm_memory.py --batch' --vectors '$vectors'"
tty=$(script -qec "$run >/dev/null" /dev/null) || { echo "conform failed on a terminal: $tty"; exit 1; }
case "$tty" in
  *"memspec conform: $total/$total tests"*) ;;
  *) echo "no progress up to $total/$total on a terminal: $(printf '%s' "$tty" | od -c | head -5)"; exit 1 ;;
esac
quiet=$(script -qec "$run --no-progress >/dev/null" /dev/null)
[ -z "$quiet" ] || { echo "--no-progress still printed: $quiet"; exit 1; }
log=$(eval "$run" 2>&1 >/dev/null)
[ -z "$log" ] || { echo "progress printed to a standard error that is no terminal: $log"; exit 1; }
echo "progress: $total/$total on a terminal, nothing otherwise"
