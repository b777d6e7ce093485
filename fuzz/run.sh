#!/usr/bin/env bash
# Builds the fuzz preset and runs every fuzz target this configuration built
# (build/fuzz/fuzz/targets.txt), one after the other, for a fixed time each.
#
#   fuzz/run.sh            short CI run: FUZZ_SECONDS (default 30) per target; runs them all, then
#                          exits non-zero if any found a crash, sanitizer report, leak, timeout
#                          or oracle/impl divergence.
#   fuzz/run.sh --long     long run: FUZZ_SECONDS (default 3600) per target, then merges into
#                          fuzz/corpus/<target>/ (-merge=1) the inputs that add coverage, to commit.
#   fuzz/run.sh TARGET...  only these targets (either mode).
# Each target ends with a line `fuzz: TARGET passed` or `fuzz: TARGET failed` (scripts/test.sh
# counts them).
#
# Environment: FUZZ_SECONDS (per target), FUZZ_NO_BUILD=1 (use the existing build),
# FUZZ_ARGS (extra libFuzzer flags). New inputs go to fuzz/corpus-work/<target>/ (ignored by
# git); logs and crash/leak/timeout inputs go to build/fuzz/artifacts/. Reproduce one with
#   build/fuzz/fuzz/<target> build/fuzz/artifacts/<file>
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

long=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --long) long=1 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
  esac
done
if [[ $long == 1 ]]; then seconds="${FUZZ_SECONDS:-3600}"; else seconds="${FUZZ_SECONDS:-30}"; fi

bindir=build/fuzz/fuzz
if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
  cmake --preset fuzz >/dev/null
  # Only the fuzz targets (configure wrote their list), not everything the preset could build.
  mapfile -t built < <(grep -v '^$' "$bindir/targets.txt")
  cmake --build --preset fuzz --target "${built[@]/#/fuzz_}"
fi
if [[ ${#targets[@]} == 0 ]]; then mapfile -t targets < <(grep -v '^$' "$bindir/targets.txt"); fi

# The dictionary of a target, if it has one (ClusterFuzzLite's build.sh uses the same mapping).
dict_for() {
  case "$1" in
    scenario_parser) echo fuzz/dict/scenario.dict ;;
    *) [[ -f fuzz/dict/$1.dict ]] && echo "fuzz/dict/$1.dict" || true ;;
  esac
}

# Leaks are findings; sanitizer reports stop the run (the code is built with
# -fno-sanitize-recover=all as well).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

mkdir -p build/fuzz/artifacts
failed=()
for t in "${targets[@]}"; do
  if [[ ! -x "$bindir/$t" ]]; then echo "run.sh: no target $t in $bindir" >&2; exit 2; fi
  mkdir -p "fuzz/corpus-work/$t" "fuzz/corpus/$t"
  # -timeout=30: an input is a finding if it runs 30 s; the slowest legitimate ones (trace_mutation
  # at decomp 17) take about 1 s of CPU, which a loaded shared machine can stretch tenfold.
  args=(-max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="build/fuzz/artifacts/$t-")
  d="$(dict_for "$t")"
  [[ -n "$d" ]] && args+=(-dict="$d")
  # shellcheck disable=SC2206
  args+=(${FUZZ_ARGS:-})
  echo "=== $t: ${seconds}s ==="
  # The first corpus directory receives new inputs; the committed corpus is only read here.
  set +e
  "$bindir/$t" "${args[@]}" "fuzz/corpus-work/$t" "fuzz/corpus/$t" >"build/fuzz/artifacts/$t.log" 2>&1
  rc=$?
  set -e
  grep -E '^#[0-9]+ +(INITED|DONE)|^stat::number_of_executed_units|^stat::peak_rss' "build/fuzz/artifacts/$t.log" || true
  if [[ $rc != 0 ]]; then
    tail -n 60 "build/fuzz/artifacts/$t.log" >&2
    echo "=== $t FAILED with status $rc (log: build/fuzz/artifacts/$t.log)" >&2
    echo "fuzz: $t failed"
    failed+=("$t")
    continue
  fi
  echo "fuzz: $t passed"
  if [[ $long == 1 ]]; then
    # Adds to the committed corpus only the inputs that bring new coverage; the named seeds stay.
    "$bindir/$t" -merge=1 "fuzz/corpus/$t" "fuzz/corpus-work/$t" >"build/fuzz/artifacts/$t.merge.log" 2>&1
    echo "=== $t: corpus now $(ls "fuzz/corpus/$t" | wc -l) files; commit fuzz/corpus/$t to keep them"
  fi
done

if [[ ${#failed[@]} != 0 ]]; then
  echo "run.sh: findings in: ${failed[*]}" >&2
  exit 1
fi
echo "run.sh: all targets clean"
