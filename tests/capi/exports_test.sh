#!/usr/bin/env bash
# libmemspec.so exports exactly the functions include/memspec/memspec.h declares — nothing of the
# C++ inside (spec/, impl/, oracle/, simdjson, the std:: instantiations) — and carries its
# versioned SONAME.
#   tests/capi/exports_test.sh LIBRARY HEADER
set -u
lib=${1:?usage: exports_test.sh LIBRARY HEADER}
header=${2:?}
exported=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TWDBRV]$/ {print $3}' | sed 's/@.*//' | sort -u)
declared=$(grep -oE 'MEMSPEC_API [^(]*\b(memspec_[a-z_0-9]+)\(' "$header" | grep -oE 'memspec_[a-z_0-9]+\($' | tr -d '(' | sort -u)
status=0
if [ -z "$declared" ] || [ -z "$exported" ]; then echo "FAIL: nothing declared or nothing exported"; exit 1; fi
extra=$(comm -23 <(echo "$exported") <(echo "$declared"))
missing=$(comm -13 <(echo "$exported") <(echo "$declared"))
[ -z "$extra" ] || { echo "FAIL: exported but not in the header:"; echo "$extra" | head -n 20; status=1; }
[ -z "$missing" ] || { echo "FAIL: declared but not exported:"; echo "$missing"; status=1; }
abi=$(sed -nE 's/^#define MEMSPEC_ABI_VERSION ([0-9]+)$/\1/p' "$header")
soname=$(readelf -d "$lib" | sed -nE 's/.*\(SONAME\).*\[(.*)\]/\1/p')
[ "$soname" = "libmemspec.so.$abi" ] || { echo "FAIL: SONAME is '$soname', expected libmemspec.so.$abi"; status=1; }
echo "exports: $(echo "$exported" | wc -l) symbols, all declared; SONAME $soname"
exit $status
