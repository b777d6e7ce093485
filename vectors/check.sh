#!/usr/bin/env bash
# Runs every conformance vector file (vectors/*.json) through an implementation that speaks
# spec/interchange.md (R105):
#   vectors/check.sh 'path/to/memspec run'         (or any command taking the scenario path last)
#   vectors/check.sh --stream 'path/to/memspec run --stream -'
#                    (R38: each scenario is fed as JSON Lines on stdin; the JSON Lines printed are
#                    read back into the v1 result and compared the same way)
#   vectors/check.sh --traces 'path/to/memspec check --json --traces'
#                    (R106: the exploit vectors; each trace set is a file whose path is appended,
#                    and a sound verifier must reject it, while the honest trace sets beside them
#                    must be accepted, R160; add --weakened before the command to also check that
#                    memspec's weakened AIR accepts each exploit)
# Prints one line per failing test and "vectors: N passed, M failed"; vectors/runner.py does the work.
set -u
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/runner.py" "$@"
