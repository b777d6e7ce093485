#!/usr/bin/env bash
# R243: the packages CPack makes from this build. The .tar.gz, unpacked into a scratch directory,
# is a working memspec: its bin/memspec finds its own share/memspec/vectors and passes them with
# itself as the implementation (TraceTests skipped: cmake_package runs those on an installed tree).
# The .deb names memspec, its version and maintainer, depends on the libraries its binaries need,
# and installs /usr/bin/memspec and /usr/share/memspec/vectors.
#   tests/package/cpack_test.sh BUILD_DIR VERSION
set -eu
build=${1:?usage: cpack_test.sh BUILD_DIR VERSION}
version=${2:?usage: cpack_test.sh BUILD_DIR VERSION}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && cpack -G "TGZ;DEB" --config "$build/CPackConfig.cmake" -B "$tmp/out" > "$tmp/cpack.log" 2>&1) || {
  echo "cpack failed:"; tail -n 30 "$tmp/cpack.log"; exit 1; }
tgz=$(ls "$tmp"/out/memspec-"$version"-*.tar.gz 2>/dev/null | head -n 1)
deb=$(ls "$tmp"/out/memspec_"$version"_*.deb 2>/dev/null | head -n 1)
[ -n "$tgz" ] || { echo "no memspec-$version-*.tar.gz made:"; ls "$tmp/out"; exit 1; }
[ -n "$deb" ] || { echo "no memspec_${version}_*.deb made:"; ls "$tmp/out"; exit 1; }

mkdir "$tmp/unpacked"
tar -xzf "$tgz" -C "$tmp/unpacked"
ms=$(find "$tmp/unpacked" -path '*/bin/memspec' -type f | head -n 1)
[ -x "$ms" ] || { echo "the tarball has no bin/memspec"; tar -tzf "$tgz" | head; exit 1; }
"$ms" --version | grep -qx "memspec $version\( (git .*)\)\?" || { echo "unexpected --version: $("$ms" --version)"; exit 1; }
out=$("$ms" conform --cmd "'$ms' run -" -j 2) || { echo "the unpacked memspec conform failed:"; echo "$out" | tail -n 20; exit 1; }
echo "$out" | grep -q "$(dirname "$(dirname "$ms")")/share/memspec/vectors/" || {
  echo "the unpacked memspec conform did not use its own vectors:"; echo "$out" | head -n 10; exit 1; }
echo "$out" | grep -Eq " 0 failed, 0 waived" || { echo "$out" | tail -n 5; exit 1; }
echo "tarball: unpacked, its memspec conform passed on its own vectors"

info=$(dpkg-deb --info "$deb")
for field in "Package: memspec" "Version: $version" "Maintainer: " "Depends: .*libc6" "Description: "; do
  echo "$info" | grep -Eq "^ $field" || { echo "the .deb's control lacks '$field':"; echo "$info"; exit 1; }
done
files=$(dpkg-deb -c "$deb")
for path in ./usr/bin/memspec ./usr/share/memspec/vectors/errors_and_order.json ./usr/share/memspec/schemas/vectors.schema.json; do
  echo "$files" | grep -q " $path\$" || { echo "the .deb does not install $path"; echo "$files" | head -n 20; exit 1; }
done
echo "deb: $(basename "$deb"): control and file list as expected"
