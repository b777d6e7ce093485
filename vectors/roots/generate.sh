#!/usr/bin/env bash
# Fills vectors/roots/expected/ with `memspec root --json --engine oracle`. The roots rest on
# Poseidon2's known answers (tests/unit/poseidon2_test.cpp) and on the hand-built and dense-tree
# checks of tests/unit/merkle_test.cpp; regenerate only after a reviewed change to R71-R75.
#   vectors/roots/generate.sh path/to/memspec
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: generate.sh path/to/memspec}
mkdir -p "$here/expected"
for scenario in "$here"/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  "$bin" root --json --engine oracle "$scenario" > "$here/expected/$name.json" || true
done
echo "wrote $(ls "$here/expected" | wc -l) expected roots"
