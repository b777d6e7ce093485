//! The memspec crate's build script finds libmemspec and passes its directory on as
//! DEP_MEMSPEC_LIB_DIR (`links = "memspec"`); written into these programs as an rpath, so they
//! run without LD_LIBRARY_PATH.
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_MEMSPEC_LIB_DIR");
    if let Ok(dir) = std::env::var("DEP_MEMSPEC_LIB_DIR") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir);
    }
}
