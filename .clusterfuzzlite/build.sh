#!/bin/bash -eu
# ClusterFuzzLite/OSS-Fuzz build: CC/CXX/CXXFLAGS carry the sanitizer and coverage flags of the
# requested build, $LIB_FUZZING_ENGINE the driver. Produces in $OUT every target listed in
# build/fuzz/targets.txt, its dictionary and its seed corpus (fuzz/corpus/<target>).
cd "$SRC/memspec"
cmake -S . -B build-cflite -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMEMSPEC_BUILD_FUZZ=ON -DMEMSPEC_FUZZ_INSTRUMENT=OFF -DMEMSPEC_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" \
  -DMEMSPEC_BUILD_TESTS=OFF -DMEMSPEC_BUILD_TOOLS=OFF -DMEMSPEC_BUILD_BENCH=OFF
cmake --build build-cflite -j"$(nproc)"

while read -r target; do
  [ -n "$target" ] || continue
  cp "build-cflite/fuzz/$target" "$OUT/"
  case "$target" in
    scenario_parser) cp fuzz/dict/scenario.dict "$OUT/$target.dict" ;;
    *) if [ -f "fuzz/dict/$target.dict" ]; then cp "fuzz/dict/$target.dict" "$OUT/$target.dict"; fi ;;
  esac
  if [ -d "fuzz/corpus/$target" ]; then
    (cd "fuzz/corpus/$target" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  fi
done < build-cflite/fuzz/targets.txt
