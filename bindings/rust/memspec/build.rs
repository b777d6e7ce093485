//! Finds libmemspec (the C ABI of memspec) and records where, for the crate to load it.
//!
//! Where from, first match wins:
//! 1. `MEMSPEC_LIB_DIR`: the directory holding `libmemspec.so.1` (a build tree or an install's lib/);
//! 2. `pkg-config --variable=libdir memspec` (the `memspec.pc` an install puts in lib/pkgconfig);
//! 3. otherwise the loader's own search for `libmemspec.so.1` at run time, with a warning.
//!
//! The file found is compiled into the crate as `MEMSPEC_LIBRARY`, which `src/ffi.rs` opens with
//! dlopen on first use. Nothing is linked: a dependency's build script cannot give the programs
//! that use it an rpath (Cargo applies `rustc-link-arg` to the crate's own targets only), so a
//! linked libmemspec in a custom prefix would stop every such program at start. The directory is
//! still passed to dependent crates' build scripts as `DEP_MEMSPEC_LIB_DIR` (`links = "memspec"`).
use std::env;
use std::path::Path;
use std::process::Command;

/// The SONAME of ABI version 1 (MEMSPEC_ABI_VERSION of include/memspec/memspec.h).
const SONAME: &str = "libmemspec.so.1";

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
    let library = match dir {
        Some(d) => {
            // Absolute, so that the program finds it from any working directory; the SONAME's
            // symlink is kept, not resolved, so that a rebuilt library of the same ABI is used.
            let absolute = std::fs::canonicalize(&d).unwrap_or_else(|_| Path::new(&d).to_path_buf());
            let file = absolute.join(SONAME);
            if !file.exists() {
                println!("cargo:warning=memspec: no {} in {} (from MEMSPEC_LIB_DIR or pkg-config)", SONAME, d);
            }
            println!("cargo:rerun-if-changed={}", file.display());
            println!("cargo:lib_dir={}", d);
            file.display().to_string()
        }
        None => {
            println!("cargo:warning=memspec: set MEMSPEC_LIB_DIR to the directory of {} (or install memspec.pc); the loader's search paths will be used at run time", SONAME);
            SONAME.to_string()
        }
    };
    println!("cargo:rustc-env=MEMSPEC_LIBRARY={}", library);
    // dlopen and dlsym: in libc from glibc 2.34, in libdl before.
    println!("cargo:rustc-link-lib=dylib=dl");
}
