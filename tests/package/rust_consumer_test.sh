#!/usr/bin/env bash
# R244: a fresh Rust program with the crate bindings/rust/memspec as a path dependency and no build
# script of its own builds offline and runs — started directly, with no LD_LIBRARY_PATH — against
# the libmemspec of MEMSPEC_LIB_DIR (the crate records its path at build time and loads it itself).
#   MEMSPEC_LIB_DIR=DIR tests/package/rust_consumer_test.sh CARGO CRATE_DIR
set -eu
cargo=${1:?usage: rust_consumer_test.sh CARGO CRATE_DIR}
crate=$(cd "${2:?usage: rust_consumer_test.sh CARGO CRATE_DIR}" && pwd)
: "${MEMSPEC_LIB_DIR:?MEMSPEC_LIB_DIR must name the directory of libmemspec.so.1}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/app/src"
cat > "$tmp/app/Cargo.toml" <<TOML
[package]
name = "memspec-consumer"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
memspec = { path = "$crate" }
TOML
cat > "$tmp/app/src/main.rs" <<'RUST'
use memspec::{Config, Engine, Memory};

fn main() {
    let out = memspec::run_json(br#"{"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2]},{"op":"read","as":1,"ptr":0,"len":2}]}"#, Engine::Impl)
        .expect("run_json");
    assert!(out.error.is_none(), "{}", out.json);
    let mut m = Memory::new(&Config::default(), &[], Engine::Oracle).expect("Memory::new");
    m.write(1, 4, &[7]).expect("write");
    assert_eq!(m.read(1, 4, 1).expect("read"), vec![7]);
    println!("libmemspec {}: {}", memspec::version(), out.json.trim());
}
RUST
(cd "$tmp/app" && CARGO_TARGET_DIR="$tmp/target" CARGO_TERM_COLOR=never "$cargo" build --offline --quiet) || {
  echo "the consumer did not build"; exit 1; }
bin="$tmp/target/debug/memspec-consumer"
# Started from another directory, with neither LD_LIBRARY_PATH nor MEMSPEC_LIB_DIR.
out=$(cd / && env -u LD_LIBRARY_PATH -u MEMSPEC_LIB_DIR "$bin") || { echo "the consumer did not run: $out"; exit 1; }
echo "$out" | grep -q '"reads":\[\[1,2\]\]' || { echo "unexpected output: $out"; exit 1; }
echo "rust consumer: $out"
