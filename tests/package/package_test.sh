#!/usr/bin/env bash
# Installs the build into a temporary prefix and uses it as a downstream team would: the installed
# CLI runs `memspec conform` on the installed vectors with memspec itself as the implementation
# (R243); consumers build against the libraries: the C++ package (find_package(memspec)), the C ABI
# through CMake (memspec::c, also from a C-only project that must not need the C++ layers'
# dependencies, R244) and through pkg-config with a bare C compiler, and the C++ examples built
# standalone from examples/cpp.
#   tests/package/package_test.sh BUILD_DIR [SOURCE_DIR]
set -eu
build=${1:?usage: package_test.sh BUILD_DIR [SOURCE_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
source_dir=${2:-$(cd "$here/../.." && pwd)}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null

# R243: the CLI, the vectors and the schemas, and an installed conform that finds its own vectors
# (no --vectors: share/memspec/vectors beside bin/memspec), passing memspec itself.
if [ -x "$tmp/prefix/bin/memspec" ]; then
  ms="$tmp/prefix/bin/memspec"
  for f in share/memspec/vectors/errors_and_order.json share/memspec/schemas/vectors.schema.json; do
    [ -f "$tmp/prefix/$f" ] || { echo "not installed: $f"; exit 1; }
  done
  out=$("$ms" conform --cmd "'$ms' run -" --check-cmd "'$ms' check --traces - --json" --root-cmd "'$ms' root --json -" -j 2) || {
    echo "installed memspec conform failed:"; echo "$out" | tail -n 20; exit 1; }
  echo "$out" | grep -q "$tmp/prefix/share/memspec/vectors/errors_and_order.json" || {
    echo "installed memspec conform did not use the installed vectors:"; echo "$out" | head -n 20; exit 1; }
  echo "$out" | grep -Eq " 0 failed, 0 waived, 0 skipped" || { echo "$out" | tail -n 5; exit 1; }
  echo "installed memspec conform: passed on the installed vectors"
fi
cmake -S "$here" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" > /dev/null
cmake --build "$tmp/build" > /dev/null
"$tmp/build/consumer"

# The C ABI, when this build has it: the CMake consumer, then pkg-config and cc alone.
if [ -f "$tmp/build/c_consumer" ]; then
  "$tmp/build/c_consumer"
  pc=$(dirname "$(find "$tmp/prefix" -name memspec.pc | head -n 1)")
  [ -n "$pc" ] || { echo "no memspec.pc installed"; exit 1; }
  flags=$(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs memspec)
  libdir=$(PKG_CONFIG_PATH="$pc" pkg-config --variable=libdir memspec)
  # shellcheck disable=SC2086  # the flags are words
  cc -std=c99 -Wall -Werror "$here/c_consumer.c" -o "$tmp/c_consumer_pc" $flags -Wl,-rpath,"$libdir"
  "$tmp/c_consumer_pc"
  # R244: a C-only project finds memspec::c with none of the C++ layers' dependencies findable, asking
  # for the component c and asking for nothing.
  nodeps=(-DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=TRUE -DCMAKE_DISABLE_FIND_PACKAGE_simdjson=TRUE
          -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=TRUE -DCMAKE_DISABLE_FIND_PACKAGE_Threads=TRUE)
  for components in c ""; do
    rm -rf "$tmp/c_only"
    cmake -S "$here/c_only" -B "$tmp/c_only" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DMEMSPEC_COMPONENTS="$components" "${nodeps[@]}" > "$tmp/c_only.log" 2>&1 || {
      echo "C-only consumer (components '$components') failed to configure:"; cat "$tmp/c_only.log"; exit 1; }
    cmake --build "$tmp/c_only" > /dev/null
    "$tmp/c_only/c_only_consumer" > /dev/null
  done
  echo "C-only consumer: built and ran with no C++ dependency findable"
  # The installed header is plain C99 and C++-includable on its own.
  echo '#include <memspec/memspec.h>' | cc -std=c99 -pedantic -Wall -Werror -x c -fsyntax-only -I"$tmp/prefix/include" -
  echo '#include <memspec/memspec.h>' | c++ -std=c++11 -Wall -Werror -x c++ -fsyntax-only -I"$tmp/prefix/include" -
fi

# The examples need nothing but the installed package: build them from examples/cpp against it.
if [ -d "$source_dir/examples/cpp" ]; then
  cmake -S "$source_dir/examples/cpp" -B "$tmp/examples" -DCMAKE_PREFIX_PATH="$tmp/prefix" > /dev/null
  cmake --build "$tmp/examples" -j2 > /dev/null
  "$tmp/examples/example_sequential_write" | grep -qx 'final chunk (1, 112): 17 18 19 20 0 0 0 0'
  echo "examples: built and ran against the installed package"
fi
