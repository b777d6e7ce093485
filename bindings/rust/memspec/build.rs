//! Finds libmemspec (the C ABI of memspec) and links it.
//!
//! Where from, first match wins:
//! 1. `MEMSPEC_LIB_DIR`: the directory holding `libmemspec.so` (a build tree or an install's lib/);
//! 2. `pkg-config --variable=libdir memspec` (the `memspec.pc` an install puts in lib/pkgconfig);
//! 3. otherwise the linker's default paths, with a warning.
//!
//! The directory found is also written into this crate's tests and examples as an rpath, so that
//! `cargo test` runs against that library without LD_LIBRARY_PATH, and passed to dependent crates'
//! build scripts as `DEP_MEMSPEC_LIB_DIR` (through `links = "memspec"`).
use std::env;
use std::path::Path;
use std::process::Command;

fn pkg_config_libdir() -> Option<String> {
    let output = Command::new("pkg-config").args(["--variable=libdir", "memspec"]).output().ok()?;
    if !output.status.success() {
        return None;
    }
    let dir = String::from_utf8(output.stdout).ok()?.trim().to_string();
    if dir.is_empty() {
        None
    } else {
        Some(dir)
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=MEMSPEC_LIB_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    println!("cargo:rerun-if-changed=build.rs");
    let dir = match env::var("MEMSPEC_LIB_DIR") {
        Ok(d) if !d.is_empty() => Some(d),
        _ => pkg_config_libdir(),
    };
    match dir {
        Some(d) => {
            if !Path::new(&d).join("libmemspec.so").exists() {
                println!("cargo:warning=memspec: no libmemspec.so in {} (from MEMSPEC_LIB_DIR or pkg-config)", d);
            }
            println!("cargo:rustc-link-search=native={}", d);
            println!("cargo:rustc-link-arg=-Wl,-rpath,{}", d);
            println!("cargo:lib_dir={}", d);
        }
        None => {
            println!("cargo:warning=memspec: set MEMSPEC_LIB_DIR to the directory of libmemspec.so (or install memspec.pc); trying the linker's default paths");
        }
    }
    println!("cargo:rustc-link-lib=dylib=memspec");
}
