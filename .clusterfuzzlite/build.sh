#!/bin/bash -eu
# ClusterFuzzLite/OSS-Fuzz build: CC/CXX/CXXFLAGS carry the sanitizer and coverage flags of the
# requested build, $LIB_FUZZING_ENGINE the driver. Produces in $OUT every target listed in
# build/fuzz/targets.txt, its dictionary and its seed corpus (fuzz/corpus/<target>).
# Only the libraries the targets link are configured: no tests, tools, benchmarks or proofs/ (Z3 is
# not in the image). tests/cflite/configure_test.sh runs this script with MEMSPEC_CFLITE_STEP=configure
# on every ctest run, so a dependency the image lacks shows up before the hosted job does.
cd "$SRC/memspec"
BUILD_DIR="${MEMSPEC_CFLITE_BUILD_DIR:-build-cflite}"
cmake -S . -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMEMSPEC_BUILD_FUZZ=ON -DMEMSPEC_FUZZ_INSTRUMENT=OFF -DMEMSPEC_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" \
  -DMEMSPEC_BUILD_TESTS=OFF -DMEMSPEC_BUILD_TOOLS=OFF -DMEMSPEC_BUILD_BENCH=OFF -DMEMSPEC_BUILD_PROOFS=OFF
if [ "${MEMSPEC_CFLITE_STEP:-all}" = configure ]; then exit 0; fi
cmake --build "$BUILD_DIR" -j"$(nproc)"

while read -r target; do
  [ -n "$target" ] || continue
  cp "$BUILD_DIR/fuzz/$target" "$OUT/"
  case "$target" in
    scenario_parser) cp fuzz/dict/scenario.dict "$OUT/$target.dict" ;;
    *) if [ -f "fuzz/dict/$target.dict" ]; then cp "fuzz/dict/$target.dict" "$OUT/$target.dict"; fi ;;
  esac
  if [ -d "fuzz/corpus/$target" ]; then
    (cd "fuzz/corpus/$target" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  fi
done < "$BUILD_DIR/fuzz/targets.txt"
