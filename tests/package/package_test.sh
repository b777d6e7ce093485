#!/usr/bin/env bash
# Installs the built libraries into a temporary prefix and builds and runs consumers against them:
# the C++ package (find_package(memspec)), the C ABI through CMake (memspec::c) and through
# pkg-config with a bare C compiler, and the C++ examples built standalone from examples/cpp.
#   tests/package/package_test.sh BUILD_DIR [SOURCE_DIR]
set -eu
build=${1:?usage: package_test.sh BUILD_DIR [SOURCE_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
source_dir=${2:-$(cd "$here/../.." && pwd)}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
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
