#!/usr/bin/env bash
# Installs what memspec needs on Debian 12, as root. Safe to run again: apt-get skips what is there.
set -euo pipefail
# chromium: the ctests that load memspec's HTML pages (tests/browser/chromium_page.py).
packages=(
  cmake g++ make ninja-build pkg-config git python3 python3-jsonschema dpkg-dev
  libgtest-dev libgmock-dev librapidcheck-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libsimdjson-dev libssl-dev libtbb-dev libz3-dev
  clang-14 libclang-rt-14-dev
  chromium
)
# The Rust crate's tests need cargo (offline: the crates have no dependencies). A rustup install
# (~/.cargo/bin) counts; only a machine with no cargo at all gets Debian's.
if ! command -v cargo > /dev/null 2>&1 && [ ! -x "${HOME:-/root}/.cargo/bin/cargo" ]; then
  packages+=(cargo)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
