#!/usr/bin/env bash
# Regenerates vectors/expected/ from the oracle. Run only after a deliberate, reviewed change to the
# spec: the expected outputs are the spec's answer, and every change to them must be explained in
# the commit that makes it. The hand-derived unit tests (tests/unit/) and the differential
# properties (impl vs oracle) are what keep these outputs honest.
#   vectors/generate.sh path/to/memspec
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: generate.sh path/to/memspec}
mkdir -p "$here/expected"
for scenario in "$here"/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  "$bin" run --engine oracle "$scenario" > "$here/expected/$name.json" || true
done
echo "wrote $(ls "$here/expected" | wc -l) expected outputs"
