#!/usr/bin/env bash
# R243, R247: the CPack tarball, unpacked into a scratch prefix, is a CI gate on its own: its
# bin/memspec conform runs the independent Python model in batch mode on its own vectors and writes
# JUnit and HTML reports that tests/package/installed_conform_test.py counts (the HTML in Chromium).
#   tests/package/cpack_conform_test.sh BUILD_DIR VERSION
set -eu
build=${1:?usage: cpack_conform_test.sh BUILD_DIR VERSION}
version=${2:?usage: cpack_conform_test.sh BUILD_DIR VERSION}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cpack -G TGZ --config "$build/CPackConfig.cmake" -B "$tmp/out" > "$tmp/cpack.log" 2>&1) || {
  echo "cpack failed:"; tail -n 30 "$tmp/cpack.log"; exit 1; }
tgz=$(ls "$tmp"/out/memspec-"$version"-*.tar.gz 2>/dev/null | head -n 1)
[ -n "$tgz" ] || { echo "no memspec-$version-*.tar.gz made:"; ls "$tmp/out"; exit 1; }
mkdir "$tmp/prefix"
tar -xzf "$tgz" -C "$tmp/prefix"
ms=$(find "$tmp/prefix" -path '*/bin/memspec' -type f | head -n 1)
[ -x "$ms" ] || { echo "the tarball has no bin/memspec"; exit 1; }
python3 "$here/installed_conform_test.py" "$ms"
