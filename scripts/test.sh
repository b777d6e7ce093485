#!/usr/bin/env bash
# The test command, written once: README.md's second set-up line and .ci/run both call it.
#
#   scripts/test.sh           build the default preset and run every ctest test
#   scripts/test.sh --ci      the same, then every libFuzzer target for FUZZ_SECONDS (default 30)
#                             under ASan+UBSan (fuzz/run.sh), then mutation testing
#                             (tests/mutation/run.py --ci --in-place: a fixed representative subset of
#                             faults, rebuilt incrementally in build/default)
#
# It ends with one plain line, `N passed, N failed`, counting real results: each ctest test, each
# fuzz target, each mutant (killed = passed). A step that runs nothing or does not report its
# counts is a failure, never a silent pass: ctest runs with --no-tests=error and its summary line
# must be found, fuzz/run.sh must report every target it built, run.py must print its score.
# Exit status 0 only when nothing failed and something passed.
set -uo pipefail
cd "$(dirname "$0")/.."

ci=0
for arg in "$@"; do
  case "$arg" in
    --ci) ci=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "test.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

passed=0
failed=0
ctest_clean=0  # 1 when ctest reported its summary with no failed test and exited 0
log_dir=build/test-logs
mkdir -p "$log_dir"

# step NAME COMMAND...: runs a command, echoing it and teeing its output to $log_dir/NAME.log.
step() {
  local name=$1; shift
  echo "+ $*"
  "$@" 2>&1 | tee "$log_dir/$name.log"
  return "${PIPESTATUS[0]}"
}

# 1. Build and ctest. A build failure counts as one failure (no test could run).
if step configure cmake --preset default && step build cmake --build --preset default; then
  step ctest ctest --preset default --no-tests=error
  rc=$?
  # "100% tests passed, 0 tests failed out of 123" (ctest's own summary).
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log_dir/ctest.log" | tail -n 1)
  if [[ -z "$summary" ]]; then
    echo "test.sh: ctest printed no summary (exit $rc); counted as one failure" >&2
    failed=$((failed + 1))
  else
    total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$summary")
    bad=$(sed -E 's/^[0-9]+% tests passed, ([0-9]+) tests? failed.*/\1/' <<<"$summary")
    passed=$((passed + total - bad))
    failed=$((failed + bad))
    [[ $rc == 0 && $bad == 0 ]] && ctest_clean=1
    if [[ $rc != 0 && $bad == 0 ]]; then
      echo "test.sh: ctest exited $rc with no failed test; counted as one failure" >&2
      failed=$((failed + 1))
    fi
  fi
else
  echo "test.sh: the default build failed; counted as one failure" >&2
  failed=$((failed + 1))
fi

if [[ $ci == 1 ]]; then
  # 2. Every fuzz target: run.sh prints `fuzz: TARGET passed|failed` per target it built.
  FUZZ_SECONDS="${FUZZ_SECONDS:-30}" step fuzz bash fuzz/run.sh
  rc=$?
  p=$(grep -cE '^fuzz: [a-z_]+ passed$' "$log_dir/fuzz.log")
  f=$(grep -cE '^fuzz: [a-z_]+ failed$' "$log_dir/fuzz.log")
  passed=$((passed + p))
  failed=$((failed + f))
  if [[ $((p + f)) == 0 || ($rc != 0 && $f == 0) ]]; then
    echo "test.sh: fuzz/run.sh exited $rc after reporting $p passed, $f failed targets; counted as one failure" >&2
    failed=$((failed + 1))
  fi

  # 3. Mutation testing: `mutation score: K/T killed, S survived, X stale`.
  # ctest has just run the unmutated suites in build/default: run.py need not run them again.
  baseline=0
  [[ $ctest_clean == 1 ]] && baseline=1
  MEMSPEC_MUTATION_BASELINE_PASSED=$baseline step mutation python3 tests/mutation/run.py --ci --in-place
  rc=$?
  score=$(grep -E '^mutation score: [0-9]+/[0-9]+ killed' "$log_dir/mutation.log" | tail -n 1)
  if [[ -z "$score" ]]; then
    echo "test.sh: tests/mutation/run.py printed no score (exit $rc); counted as one failure" >&2
    failed=$((failed + 1))
  else
    killed=$(sed -E 's/^mutation score: ([0-9]+)\/.*/\1/' <<<"$score")
    total=$(sed -E 's/^mutation score: [0-9]+\/([0-9]+).*/\1/' <<<"$score")
    passed=$((passed + killed))
    failed=$((failed + total - killed))
    if [[ $rc != 0 && $killed == "$total" ]]; then
      echo "test.sh: run.py exited $rc with every mutant killed; counted as one failure" >&2
      failed=$((failed + 1))
    fi
  fi
fi

echo "$passed passed, $failed failed"
[[ $failed == 0 && $passed -gt 0 ]]
