#!/usr/bin/env bash
# R195 at the benchmark sizes of bench/RESULTS.md: the bytes `memspec run` prints for the four
# benchmark workloads (summary, result, digest, the scenario as a document and as JSON Lines, the
# stream through --stream), pinned in bench/run_output_digests_full.txt. The ctest
# `identical_outputs` pins the same at `memspec bench --quick` sizes (and every conformance vector);
# this runs the full sizes, which take minutes, against a release build:
#
#   bench/identical_outputs.sh [MEMSPEC] [--update]     # MEMSPEC: build/release/tools/memspec
#
# Exit 1 naming every case whose bytes or exit status changed. --update rewrites the file (only
# for a change of output that is meant, in the same commit).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
memspec=$here/../build/release/tools/memspec
if [[ $# -gt 0 && $1 != --* ]]; then
  memspec=$1
  shift
fi
exec nice -n 5 python3 "$here/../tests/cli/identical_outputs.py" "$memspec" "$here/run_output_digests_full.txt" --full "$@"
