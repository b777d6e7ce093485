#!/usr/bin/env bash
# Runs tests/capi/oom_test.c under a virtual memory limit, so that the library's allocations fail
# for real (include/memspec/README.md, "What each status leaves").
#   tests/capi/oom_test.sh BINARY
# The limit leaves room for the test's own image and document and none for what the library
# builds from them: CELLS image cells (12 bytes each here; a copy, a set and the engine's pages
# there) and OPS document ops (about 100 bytes each; a page, blocks and records per op there).
set -u
binary=${1:?usage: oom_test.sh BINARY}
limit_kib=$((128 * 1024))
cells=1500000
ops=60000
ulimit -v "$limit_kib" || { echo "FAIL: cannot set ulimit -v $limit_kib"; exit 1; }
exec "$binary" "$cells" "$ops"
