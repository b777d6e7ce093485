//! The declarations of include/memspec/memspec.h, written by hand (no bindgen: no dependencies).
//! The struct layouts are asserted in the tests below against the same numbers the C test
//! (tests/capi/capi_test.c, `test_layout`) asserts for the C compiler's layout.
#![allow(non_camel_case_types)]

use std::os::raw::c_char;

pub type memspec_status = i32;
pub type memspec_engine = i32;
pub type memspec_record_tag = i32;
pub type memspec_profile = i32;

pub const MEMSPEC_OK: memspec_status = 0;
pub const MEMSPEC_PARSE_ERROR: memspec_status = 1;
pub const MEMSPEC_INVALID_CONFIG: memspec_status = 2;
pub const MEMSPEC_INVALID_ADDRESS_SPACE: memspec_status = 3;
pub const MEMSPEC_SIZE_NOT_POWER_OF_TWO: memspec_status = 4;
pub const MEMSPEC_OUT_OF_BOUNDS: memspec_status = 5;
pub const MEMSPEC_UNALIGNED_ACCESS: memspec_status = 6;
pub const MEMSPEC_INVALID_VALUE: memspec_status = 7;
pub const MEMSPEC_TIMESTAMP_VIOLATION: memspec_status = 8;
pub const MEMSPEC_UNTRACEABLE: memspec_status = 9;
pub const MEMSPEC_LIMIT_EXCEEDED: memspec_status = 10;
pub const MEMSPEC_INPUT_ERROR: memspec_status = 11;
pub const MEMSPEC_OUTPUT_ERROR: memspec_status = 12;
pub const MEMSPEC_OUT_OF_MEMORY: memspec_status = 13;
pub const MEMSPEC_INVALID_ARGUMENT: memspec_status = 100;
pub const MEMSPEC_INTERNAL: memspec_status = 101;

pub const MEMSPEC_ENGINE_IMPL: memspec_engine = 0;
pub const MEMSPEC_ENGINE_ORACLE: memspec_engine = 1;

pub const MEMSPEC_PROFILE_GENERALIZED: memspec_profile = 0;
pub const MEMSPEC_PROFILE_OPENVM_V1_0_VOLATILE: memspec_profile = 1;
pub const MEMSPEC_PROFILE_OPENVM_V1_0_PERSISTENT: memspec_profile = 2;
pub const MEMSPEC_PROFILE_OPENVM_V2_0: memspec_profile = 3;
pub const MEMSPEC_PROFILE_OPENVM_V1_4_VOLATILE: memspec_profile = 4;
pub const MEMSPEC_PROFILE_OPENVM_V1_4_PERSISTENT: memspec_profile = 5;
pub const MEMSPEC_PROFILE_OPENVM_V1_6_PERSISTENT: memspec_profile = 6;
pub const MEMSPEC_PROFILE_OPENVM_V1_7_PERSISTENT: memspec_profile = 7;

pub const MEMSPEC_RECORD_NONE: memspec_record_tag = 0;
pub const MEMSPEC_RECORD_READ: memspec_record_tag = 1;
pub const MEMSPEC_RECORD_WRITE: memspec_record_tag = 2;
pub const MEMSPEC_RECORD_SPLIT: memspec_record_tag = 3;
pub const MEMSPEC_RECORD_MERGE: memspec_record_tag = 4;
pub const MEMSPEC_RECORD_FINAL_BLOCK: memspec_record_tag = 5;

/// The header's MEMSPEC_ABI_VERSION these declarations were written against.
pub const MEMSPEC_ABI_VERSION: u32 = 1;

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct memspec_config {
    pub as_height: u32,
    pub as_offset: u32,
    pub pointer_max_bits: u32,
    pub clk_max_bits: u32,
    pub decomp: u32,
    pub max_access_adapter_n: u32,
    pub access_capacity: u64,
    pub strict_alignment: u32,
    pub initial_block_size: u32,
    pub profile: memspec_profile,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct memspec_cell {
    pub address_space: u32,
    pub pointer: u32,
    pub value: u32,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct memspec_record {
    pub tag: memspec_record_tag,
    pub address_space: u32,
    pub pointer: u32,
    pub timestamp: u32,
    pub prev_timestamp: u32,
    pub n: u32,
    pub left_timestamp: u32,
    pub right_timestamp: u32,
    pub data: *const u32,
    pub data_len: usize,
    pub prev_data: *const u32,
    pub prev_data_len: usize,
}

impl Default for memspec_record {
    fn default() -> Self {
        memspec_record {
            tag: MEMSPEC_RECORD_NONE,
            address_space: 0,
            pointer: 0,
            timestamp: 0,
            prev_timestamp: 0,
            n: 0,
            left_timestamp: 0,
            right_timestamp: 0,
            data: std::ptr::null(),
            data_len: 0,
            prev_data: std::ptr::null(),
            prev_data_len: 0,
        }
    }
}

/// Opaque handle.
#[repr(C)]
pub struct memspec_memory {
    _private: [u8; 0],
}

// libmemspec is loaded with dlopen on first use, from the path build.rs found
// (MEMSPEC_LIBRARY, compiled in), else by the loader's search for its SONAME. Nothing is linked at
// link time, so a program depending on this crate has no DT_NEEDED entry the loader could fail on
// at start, and needs neither LD_LIBRARY_PATH nor an rpath of its own (Cargo does not pass a
// dependency's `rustc-link-arg` to the programs that use it).
use std::os::raw::{c_int, c_void};
use std::sync::Once;

extern "C" {
    fn dlopen(filename: *const c_char, flag: c_int) -> *mut c_void;
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn dlerror() -> *const c_char;
}
const RTLD_NOW: c_int = 2;

/// The file build.rs found, or the SONAME alone when it found none.
pub const LIBRARY: &str = env!("MEMSPEC_LIBRARY");
/// The SONAME: what the loader searches for when LIBRARY is not there.
pub const SONAME: &str = "libmemspec.so.1";

fn last_dl_error() -> String {
    let e = unsafe { dlerror() };
    if e.is_null() {
        "unknown error".to_string()
    } else {
        unsafe { std::ffi::CStr::from_ptr(e) }.to_string_lossy().into_owned()
    }
}

fn open(path: &str) -> Result<*mut c_void, String> {
    let c = std::ffi::CString::new(path).map_err(|_| format!("{:?}: a path with a NUL byte", path))?;
    let handle = unsafe { dlopen(c.as_ptr(), RTLD_NOW) };
    if handle.is_null() {
        Err(last_dl_error())
    } else {
        Ok(handle)
    }
}

macro_rules! c_api {
    ($( fn $name:ident ( $($arg:ident : $ty:ty),* ) $(-> $ret:ty)? ; )*) => {
        #[allow(non_snake_case)]
        struct Api {
            $( $name: unsafe extern "C" fn($($ty),*) $(-> $ret)?, )*
        }

        impl Api {
            fn load() -> Result<Api, String> {
                let handle = match open(LIBRARY) {
                    Ok(h) => h,
                    Err(first) => open(SONAME).map_err(|second| {
                        format!("memspec: cannot load libmemspec: {} ({}); {} ({}); build with MEMSPEC_LIB_DIR set to \
                                 the directory of libmemspec.so, or install memspec where the loader finds it",
                                LIBRARY, first, SONAME, second)
                    })?,
                };
                Ok(Api {
                    $( $name: {
                        let symbol = unsafe { dlsym(handle, concat!(stringify!($name), "\0").as_ptr() as *const c_char) };
                        if symbol.is_null() {
                            return Err(format!("memspec: libmemspec has no {}: {}", stringify!($name), last_dl_error()));
                        }
                        unsafe { std::mem::transmute::<*mut c_void, unsafe extern "C" fn($($ty),*) $(-> $ret)?>(symbol) }
                    }, )*
                })
            }
        }

        $(
            /// The C function of the same name (include/memspec/memspec.h).
            ///
            /// # Safety
            /// As the C function's contract (include/memspec/README.md).
            pub unsafe fn $name($($arg: $ty),*) $(-> $ret)? {
                (api().$name)($($arg),*)
            }
        )*
    };
}

c_api! {
    fn memspec_abi_version() -> u32;
    fn memspec_version() -> *const c_char;
    fn memspec_status_name(status: memspec_status) -> *const c_char;
    fn memspec_run_json(scenario: *const c_char, scenario_len: usize, engine: memspec_engine, out: *mut *mut c_char, out_len: *mut usize) -> memspec_status;
    fn memspec_string_free(string: *mut c_char);
    fn memspec_config_default(config: *mut memspec_config);
    fn memspec_memory_new(config: *const memspec_config, cells: *const memspec_cell, cell_count: usize, engine: memspec_engine, out: *mut *mut memspec_memory, out_message: *mut *mut c_char) -> memspec_status;
    fn memspec_memory_from_header(header: *const c_char, header_len: usize, engine: memspec_engine, out: *mut *mut memspec_memory, out_message: *mut *mut c_char) -> memspec_status;
    fn memspec_memory_free(memory: *mut memspec_memory);
    fn memspec_memory_last_error(memory: *const memspec_memory) -> *const c_char;
    fn memspec_memory_read(memory: *mut memspec_memory, address_space: u32, pointer: u32, len: usize, out_values: *mut u32) -> memspec_status;
    fn memspec_memory_write(memory: *mut memspec_memory, address_space: u32, pointer: u32, values: *const u32, len: usize, out_prev: *mut u32) -> memspec_status;
    fn memspec_memory_tick(memory: *mut memspec_memory, by: u32) -> memspec_status;
    fn memspec_memory_finalize(memory: *mut memspec_memory, chunk: u32) -> memspec_status;
    fn memspec_memory_timestamp(memory: *const memspec_memory, out_timestamp: *mut u32) -> memspec_status;
    fn memspec_memory_declared_finalize_chunk(memory: *const memspec_memory, out_chunk: *mut u32) -> memspec_status;
    fn memspec_memory_next_record(memory: *mut memspec_memory, out: *mut memspec_record) -> memspec_status;
    fn memspec_memory_pending_records(memory: *const memspec_memory) -> usize;
    fn memspec_memory_clear_records(memory: *mut memspec_memory) -> memspec_status;
}

static LOAD: Once = Once::new();
static mut API: Option<Result<Api, String>> = None;

// The table, loaded once; a library that cannot be loaded is a panic naming both places looked in
// (no call can go on without it, as no program could start without a linked one).
fn api() -> &'static Api {
    // SAFETY: API is written once, inside call_once, before any read; reads happen after it.
    LOAD.call_once(|| unsafe { *std::ptr::addr_of_mut!(API) = Some(Api::load()) });
    match unsafe { (*std::ptr::addr_of!(API)).as_ref() } {
        Some(Ok(api)) => api,
        Some(Err(message)) => panic!("{}", message),
        None => unreachable!("loaded in call_once"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::size_of;

    // Field offsets without offset_of! (stable only since 1.77): the address of a field of a
    // value, minus the address of the value.
    macro_rules! offset {
        ($value:expr, $field:ident) => {
            (&$value.$field as *const _ as usize) - (&$value as *const _ as usize)
        };
    }

    #[test]
    fn layouts_match_the_c_header() {
        assert_eq!(size_of::<memspec_config>(), 48);
        let c = memspec_config::default();
        assert_eq!(offset!(c, access_capacity), 24);
        assert_eq!(offset!(c, strict_alignment), 32);
        assert_eq!(offset!(c, initial_block_size), 36);
        assert_eq!(offset!(c, profile), 40);
        assert_eq!(size_of::<memspec_cell>(), 12);
        assert_eq!(size_of::<memspec_record>(), 64);
        let r = memspec_record::default();
        assert_eq!(offset!(r, data), 32);
        assert_eq!(offset!(r, data_len), 40);
        assert_eq!(offset!(r, prev_data), 48);
        assert_eq!(offset!(r, prev_data_len), 56);
    }

    #[test]
    fn the_loaded_library_has_this_abi() {
        assert_eq!(unsafe { memspec_abi_version() }, MEMSPEC_ABI_VERSION);
    }
}
