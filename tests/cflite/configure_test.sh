#!/usr/bin/env bash
# Configures the fuzz build exactly as ClusterFuzzLite does: .clusterfuzzlite/build.sh itself, with
# the environment the OSS-Fuzz base image gives it (SRC, OUT, CC/CXX, sanitizer CXXFLAGS,
# LIB_FUZZING_ENGINE), stopped after configure (MEMSPEC_CFLITE_STEP=configure). pkg-config is
# pointed at an empty directory, so Z3 (found only through pkg-config) is out of reach as in the
# image: configuring succeeds only while the fuzz build needs nothing from proofs/.
#   tests/cflite/configure_test.sh REPO_ROOT
set -eu
repo=$(cd "${1:?usage: configure_test.sh REPO_ROOT}" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/out" "$tmp/pkgconfig-empty"
ln -s "$repo" "$tmp/src/memspec"
export SRC="$tmp/src" OUT="$tmp/out" CC=clang-14 CXX=clang++-14
export CFLAGS="-fsanitize=address,fuzzer-no-link" CXXFLAGS="-fsanitize=address,fuzzer-no-link"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
export PKG_CONFIG_LIBDIR="$tmp/pkgconfig-empty" PKG_CONFIG_PATH=""
export MEMSPEC_CFLITE_STEP=configure MEMSPEC_CFLITE_BUILD_DIR="$tmp/build"
bash "$repo/.clusterfuzzlite/build.sh" > "$tmp/configure.log" 2>&1 || { cat "$tmp/configure.log"; echo "FAIL: build.sh could not configure"; exit 1; }
grep -q '^MEMSPEC_BUILD_PROOFS:BOOL=OFF$' "$tmp/build/CMakeCache.txt" || { echo "FAIL: proofs/ is configured"; exit 1; }
if grep -q 'memspec_proofs' "$tmp/build/build.ninja"; then echo "FAIL: the fuzz build has a proofs target"; exit 1; fi
# At least the scenario parser target is configured (the list itself is written at generate time).
grep -q 'fuzz_scenario_parser' "$tmp/build/build.ninja" || { echo "FAIL: no fuzz target configured"; exit 1; }
echo "cflite configure: ok (no proofs/, no Z3, fuzz targets configured)"
