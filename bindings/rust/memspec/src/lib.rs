//! Safe Rust bindings of libmemspec, the C ABI of memspec: an executable specification of the
//! OpenVM v1.0 memory system (online memory, offline memory with access adapters, finalize).
//!
//! Use it as an oracle for your own memory implementation: step a [`Memory`] with the same
//! reads, writes and ticks as yours and compare values, timestamps and records access by access
//! (`tests/differential.rs` is a worked example), or run whole scenario documents with
//! [`run_json`] and compare the JSON `memspec run` prints.
//!
//! ```no_run
//! use memspec::{Config, Engine, Memory, Record};
//! let mut mem = Memory::new(&Config::default(), &[], Engine::Impl).unwrap();
//! let prev = mem.write(1, 0, &[1, 2, 3, 4]).unwrap();
//! assert_eq!(prev, vec![0, 0, 0, 0]);
//! assert_eq!(mem.read(1, 0, 2).unwrap(), vec![1, 2]);
//! mem.finalize(1).unwrap();
//! for record in mem.records() {
//!     match record.unwrap() {
//!         Record::Access(a) => println!("{:?} at {}", a.kind, a.timestamp),
//!         Record::Adapter(a) => println!("{:?} of {} cells", a.kind, a.n),
//!         Record::FinalBlock(b) => println!("final ({}, {}) = {:?}", b.address_space, b.pointer, b.values),
//!     }
//! }
//! ```
//!
//! Every call that fails returns an [`Error`] and changes nothing, so a caller may go on after it
//! (R28) — except [`ErrorKind::OutOfMemory`] and [`ErrorKind::Internal`], after which the
//! [`Memory`] is broken: every later call on it fails with `Internal`; drop it
//! (include/memspec/README.md, "What each status leaves"). The library is found at build time
//! through `MEMSPEC_LIB_DIR` or pkg-config (build.rs).

pub mod ffi;

use std::ffi::CStr;
use std::fmt;
use std::os::raw::c_char;
use std::ptr::{self, NonNull};

/// Which memspec implementation runs the memory; both give identical results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Engine {
    /// The fast implementation (impl/).
    Impl,
    /// The literal reference model (oracle/).
    Oracle,
}

impl Engine {
    fn raw(self) -> ffi::memspec_engine {
        match self {
            Engine::Impl => ffi::MEMSPEC_ENGINE_IMPL,
            Engine::Oracle => ffi::MEMSPEC_ENGINE_ORACLE,
        }
    }
}

/// The kind of an error: memspec's error kinds (spec/interchange.md), plus `InvalidArgument` (a
/// misuse of the C ABI these wrappers should never make) and `Internal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    ParseError,
    InvalidConfig,
    InvalidAddressSpace,
    SizeNotPowerOfTwo,
    OutOfBounds,
    UnalignedAccess,
    InvalidValue,
    TimestampViolation,
    Untraceable,
    /// An input larger than a documented cap.
    LimitExceeded,
    /// Reading an input failed.
    InputError,
    /// Writing an output failed.
    OutputError,
    /// An allocation failed. A [`Memory`] it came from is broken: drop it.
    OutOfMemory,
    InvalidArgument,
    /// A defect of memspec. A [`Memory`] it came from is broken: drop it.
    Internal,
}

impl ErrorKind {
    fn from_status(status: ffi::memspec_status) -> ErrorKind {
        match status {
            ffi::MEMSPEC_PARSE_ERROR => ErrorKind::ParseError,
            ffi::MEMSPEC_INVALID_CONFIG => ErrorKind::InvalidConfig,
            ffi::MEMSPEC_INVALID_ADDRESS_SPACE => ErrorKind::InvalidAddressSpace,
            ffi::MEMSPEC_SIZE_NOT_POWER_OF_TWO => ErrorKind::SizeNotPowerOfTwo,
            ffi::MEMSPEC_OUT_OF_BOUNDS => ErrorKind::OutOfBounds,
            ffi::MEMSPEC_UNALIGNED_ACCESS => ErrorKind::UnalignedAccess,
            ffi::MEMSPEC_INVALID_VALUE => ErrorKind::InvalidValue,
            ffi::MEMSPEC_TIMESTAMP_VIOLATION => ErrorKind::TimestampViolation,
            ffi::MEMSPEC_UNTRACEABLE => ErrorKind::Untraceable,
            ffi::MEMSPEC_LIMIT_EXCEEDED => ErrorKind::LimitExceeded,
            ffi::MEMSPEC_INPUT_ERROR => ErrorKind::InputError,
            ffi::MEMSPEC_OUTPUT_ERROR => ErrorKind::OutputError,
            ffi::MEMSPEC_OUT_OF_MEMORY => ErrorKind::OutOfMemory,
            ffi::MEMSPEC_INVALID_ARGUMENT => ErrorKind::InvalidArgument,
            // MEMSPEC_INTERNAL, and any code a newer library might add.
            _ => ErrorKind::Internal,
        }
    }

    /// The name spec/interchange.md uses ("ParseError", ...), as `memspec_status_name` gives it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ParseError => "ParseError",
            ErrorKind::InvalidConfig => "InvalidConfig",
            ErrorKind::InvalidAddressSpace => "InvalidAddressSpace",
            ErrorKind::SizeNotPowerOfTwo => "SizeNotPowerOfTwo",
            ErrorKind::OutOfBounds => "OutOfBounds",
            ErrorKind::UnalignedAccess => "UnalignedAccess",
            ErrorKind::InvalidValue => "InvalidValue",
            ErrorKind::TimestampViolation => "TimestampViolation",
            ErrorKind::Untraceable => "Untraceable",
            ErrorKind::LimitExceeded => "LimitExceeded",
            ErrorKind::InputError => "InputError",
            ErrorKind::OutputError => "OutputError",
            ErrorKind::OutOfMemory => "OutOfMemory",
            ErrorKind::InvalidArgument => "InvalidArgument",
            ErrorKind::Internal => "Internal",
        }
    }
}

/// A failed call: its kind, and memspec's message (for people; compare kinds, not messages).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for Error {}

/// Which configurations are valid (R3a; spec/interchange.md, "Profiles"). Under an OpenVM profile
/// a config OpenVM v1.0 cannot build is `InvalidConfig`, and the initial block size and the
/// finalize chunk are fixed (1 and 1, or 8 and 8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Profile {
    /// memspec's generalization (other block sizes, other limb counts); what a document without
    /// "profile" means.
    Generalized,
    /// "openvm-v1.0-volatile": chunks and initial blocks of 1 cell, no initial image.
    OpenVmV1_0Volatile,
    /// "openvm-v1.0-persistent": chunks and initial blocks of 8 cells.
    OpenVmV1_0Persistent,
    /// "openvm-v2.0" (spec/memory.md R211-R221): aligned 4-cell accesses over OpenVM v2.0's
    /// address-space table, initial blocks and chunk of 4, no adapter records.
    OpenVmV2_0,
    /// "openvm-v1.4-volatile" (spec/memory.md R260-R271, R323): OpenVM v1.4.0-v1.7.0's volatile
    /// memory; accesses of whole minimum blocks of its address-space table, initial blocks and
    /// chunk of 1, no initial image. The legacy-v1-3-mem-align switch is a header's
    /// (`Memory::from_header`), not a `Config` field.
    OpenVmV1_4Volatile,
    /// "openvm-v1.4-persistent": the same accesses, initial blocks and chunk of 8.
    OpenVmV1_4Persistent,
    /// "openvm-v1.6-persistent" (spec/memory.md R309): OpenVM v1.6.0's persistent memory, which
    /// runs as v1.4's (only its Merkle chip differs).
    OpenVmV1_6Persistent,
    /// "openvm-v1.7-persistent" (R309): OpenVM v1.7.0's, likewise.
    OpenVmV1_7Persistent,
}

impl Profile {
    /// The name the interchange format uses.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Generalized => "generalized",
            Profile::OpenVmV1_0Volatile => "openvm-v1.0-volatile",
            Profile::OpenVmV1_0Persistent => "openvm-v1.0-persistent",
            Profile::OpenVmV2_0 => "openvm-v2.0",
            Profile::OpenVmV1_4Volatile => "openvm-v1.4-volatile",
            Profile::OpenVmV1_4Persistent => "openvm-v1.4-persistent",
            Profile::OpenVmV1_6Persistent => "openvm-v1.6-persistent",
            Profile::OpenVmV1_7Persistent => "openvm-v1.7-persistent",
        }
    }

    fn raw(self) -> ffi::memspec_profile {
        match self {
            Profile::Generalized => ffi::MEMSPEC_PROFILE_GENERALIZED,
            Profile::OpenVmV1_0Volatile => ffi::MEMSPEC_PROFILE_OPENVM_V1_0_VOLATILE,
            Profile::OpenVmV1_0Persistent => ffi::MEMSPEC_PROFILE_OPENVM_V1_0_PERSISTENT,
            Profile::OpenVmV2_0 => ffi::MEMSPEC_PROFILE_OPENVM_V2_0,
            Profile::OpenVmV1_4Volatile => ffi::MEMSPEC_PROFILE_OPENVM_V1_4_VOLATILE,
            Profile::OpenVmV1_4Persistent => ffi::MEMSPEC_PROFILE_OPENVM_V1_4_PERSISTENT,
            Profile::OpenVmV1_6Persistent => ffi::MEMSPEC_PROFILE_OPENVM_V1_6_PERSISTENT,
            Profile::OpenVmV1_7Persistent => ffi::MEMSPEC_PROFILE_OPENVM_V1_7_PERSISTENT,
        }
    }

    fn from_raw(raw: ffi::memspec_profile) -> Profile {
        match raw {
            ffi::MEMSPEC_PROFILE_OPENVM_V1_0_VOLATILE => Profile::OpenVmV1_0Volatile,
            ffi::MEMSPEC_PROFILE_OPENVM_V1_0_PERSISTENT => Profile::OpenVmV1_0Persistent,
            ffi::MEMSPEC_PROFILE_OPENVM_V2_0 => Profile::OpenVmV2_0,
            ffi::MEMSPEC_PROFILE_OPENVM_V1_4_VOLATILE => Profile::OpenVmV1_4Volatile,
            ffi::MEMSPEC_PROFILE_OPENVM_V1_4_PERSISTENT => Profile::OpenVmV1_4Persistent,
            ffi::MEMSPEC_PROFILE_OPENVM_V1_6_PERSISTENT => Profile::OpenVmV1_6Persistent,
            ffi::MEMSPEC_PROFILE_OPENVM_V1_7_PERSISTENT => Profile::OpenVmV1_7Persistent,
            _ => Profile::Generalized,
        }
    }
}

/// OpenVM v1.0's `MemoryConfig` (R2), the initial block size (R15) and the profile (R3a).
/// `Default` is OpenVM's `MemoryConfig::default()` with initial block size 1 and the generalized
/// profile, taken from the library itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub as_height: u32,
    pub as_offset: u32,
    pub pointer_max_bits: u32,
    pub clk_max_bits: u32,
    pub decomp: u32,
    pub max_access_adapter_n: u32,
    pub access_capacity: u64,
    pub strict_alignment: bool,
    pub initial_block_size: u32,
    pub profile: Profile,
}

impl Default for Config {
    fn default() -> Config {
        let mut raw = ffi::memspec_config::default();
        // SAFETY: `raw` is a valid, writable memspec_config.
        unsafe { ffi::memspec_config_default(&mut raw) };
        Config {
            as_height: raw.as_height,
            as_offset: raw.as_offset,
            pointer_max_bits: raw.pointer_max_bits,
            clk_max_bits: raw.clk_max_bits,
            decomp: raw.decomp,
            max_access_adapter_n: raw.max_access_adapter_n,
            access_capacity: raw.access_capacity,
            strict_alignment: raw.strict_alignment != 0,
            initial_block_size: raw.initial_block_size,
            profile: Profile::from_raw(raw.profile),
        }
    }
}

impl Config {
    fn raw(&self) -> ffi::memspec_config {
        ffi::memspec_config {
            as_height: self.as_height,
            as_offset: self.as_offset,
            pointer_max_bits: self.pointer_max_bits,
            clk_max_bits: self.clk_max_bits,
            decomp: self.decomp,
            max_access_adapter_n: self.max_access_adapter_n,
            access_capacity: self.access_capacity,
            strict_alignment: u32::from(self.strict_alignment),
            initial_block_size: self.initial_block_size,
            profile: self.profile.raw(),
        }
    }
}

/// One cell of the initial memory (R13).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cell {
    pub address_space: u32,
    pub pointer: u32,
    pub value: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AccessKind {
    Read,
    Write,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AdapterKind {
    Split,
    Merge,
}

/// R16: the record of one read or write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessRecord {
    pub kind: AccessKind,
    pub address_space: u32,
    pub pointer: u32,
    pub timestamp: u32,
    pub prev_timestamp: u32,
    /// Values read, or values written.
    pub data: Vec<u32>,
    /// Writes: the values overwritten. Reads: empty.
    pub prev_data: Vec<u32>,
}

/// R18, R19: one row of `AccessAdapterAir<n>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdapterRecord {
    pub kind: AdapterKind,
    /// The parent block's size.
    pub n: u32,
    pub address_space: u32,
    pub pointer: u32,
    pub left_timestamp: u32,
    pub right_timestamp: u32,
    pub data: Vec<u32>,
}

/// R24: one block of the final memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinalBlock {
    pub address_space: u32,
    pub pointer: u32,
    pub timestamp: u32,
    pub values: Vec<u32>,
}

/// A record, in the engine's emission order (R37).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Access(AccessRecord),
    Adapter(AdapterRecord),
    FinalBlock(FinalBlock),
}

/// Copies `len` values from a pointer the library handed out (NULL when `len` is 0).
///
/// # Safety
/// `data` must point at `len` readable u32 when `len` is not 0.
unsafe fn copy_values(data: *const u32, len: usize) -> Vec<u32> {
    if len == 0 || data.is_null() {
        Vec::new()
    } else {
        std::slice::from_raw_parts(data, len).to_vec()
    }
}

/// Takes ownership of a message string the library allocated.
///
/// # Safety
/// `message` is NULL or a NUL-terminated string from the library, not yet freed.
unsafe fn take_message(message: *mut c_char) -> String {
    if message.is_null() {
        return String::new();
    }
    let text = CStr::from_ptr(message).to_string_lossy().into_owned();
    ffi::memspec_string_free(message);
    text
}

/// R3: no config has `max_access_adapter_n` above 32, so a longer access always fails (R7, or an
/// earlier check of R27) and the library writes no value for it (memspec.h: a length the checks
/// refuse is never used to read or write a buffer). Such an access is passed on without a buffer
/// of its length, so that `read(1, 0, usize::MAX)` is the library's `SizeNotPowerOfTwo`, not an
/// allocation that aborts the process.
const LONGEST_ACCESS: usize = 32;

/// A memory being stepped, on one engine. Not `Sync`: one handle serves one thread at a time
/// (the C ABI's rule); it may move between threads (`Send`).
pub struct Memory {
    raw: NonNull<ffi::memspec_memory>,
}

// SAFETY: the handle has no thread affinity (no thread-local state in the library); &mut self on
// every mutating call and the absence of Sync keep two threads from using it at once.
unsafe impl Send for Memory {}

impl Memory {
    /// Sets up a memory from a config and an initial image (R13), validated as a scenario is
    /// (R28): bad config, initial block size or cell is an `Err` naming the first problem.
    pub fn new(config: &Config, image: &[Cell], engine: Engine) -> Result<Memory, Error> {
        let raw_config = config.raw();
        let cells: Vec<ffi::memspec_cell> = image
            .iter()
            .map(|c| ffi::memspec_cell { address_space: c.address_space, pointer: c.pointer, value: c.value })
            .collect();
        let mut out: *mut ffi::memspec_memory = ptr::null_mut();
        let mut message: *mut c_char = ptr::null_mut();
        // SAFETY: every pointer is valid for the call; `cells` holds `cells.len()` cells.
        let status = unsafe {
            ffi::memspec_memory_new(&raw_config, cells.as_ptr(), cells.len(), engine.raw(), &mut out, &mut message)
        };
        Memory::adopt(status, out, message)
    }

    /// Sets up a memory from a JSON Lines stream header (spec/interchange.md): a scenario object
    /// without "ops". Its `finalize_chunk`, if any, is [`Memory::declared_finalize_chunk`].
    pub fn from_header(header: &str, engine: Engine) -> Result<Memory, Error> {
        let mut out: *mut ffi::memspec_memory = ptr::null_mut();
        let mut message: *mut c_char = ptr::null_mut();
        // SAFETY: `header` is valid for `header.len()` bytes (no NUL terminator needed).
        let status = unsafe {
            ffi::memspec_memory_from_header(
                header.as_ptr() as *const c_char,
                header.len(),
                engine.raw(),
                &mut out,
                &mut message,
            )
        };
        Memory::adopt(status, out, message)
    }

    fn adopt(status: ffi::memspec_status, out: *mut ffi::memspec_memory, message: *mut c_char) -> Result<Memory, Error> {
        // SAFETY: `message` came from the call just made.
        let text = unsafe { take_message(message) };
        if status != ffi::MEMSPEC_OK {
            return Err(Error { kind: ErrorKind::from_status(status), message: text });
        }
        match NonNull::new(out) {
            Some(raw) => Ok(Memory { raw }),
            None => Err(Error { kind: ErrorKind::Internal, message: "the library returned OK without a handle".to_string() }),
        }
    }

    fn check(&self, status: ffi::memspec_status) -> Result<(), Error> {
        if status == ffi::MEMSPEC_OK {
            return Ok(());
        }
        // SAFETY: the handle is live; the message is copied before any other call.
        let message = unsafe { CStr::from_ptr(ffi::memspec_memory_last_error(self.raw.as_ptr())) }
            .to_string_lossy()
            .into_owned();
        Err(Error { kind: ErrorKind::from_status(status), message })
    }

    /// R10: reads `len` cells at (address_space, pointer); address space 0 gives `[pointer]` (R5).
    pub fn read(&mut self, address_space: u32, pointer: u32, len: usize) -> Result<Vec<u32>, Error> {
        if len > LONGEST_ACCESS {
            // SAFETY: the handle is live. The read is refused before anything is written (see
            // LONGEST_ACCESS), so the dangling, non-NULL pointer is never dereferenced.
            let status = unsafe {
                ffi::memspec_memory_read(self.raw.as_ptr(), address_space, pointer, len, NonNull::<u32>::dangling().as_ptr())
            };
            self.check(status)?;
            return Err(Error {
                kind: ErrorKind::Internal,
                message: format!("the library accepted a read of {} cells, longer than any access (R3, R7)", len),
            });
        }
        let mut values = vec![0u32; len];
        self.read_into(address_space, pointer, &mut values)?;
        Ok(values)
    }

    /// [`Memory::read`] into a caller's buffer: reads `out.len()` cells. On error `out` is untouched.
    pub fn read_into(&mut self, address_space: u32, pointer: u32, out: &mut [u32]) -> Result<(), Error> {
        // SAFETY: `out` is writable for `out.len()` values; a 0-length read passes a dangling but
        // non-NULL pointer that the library never dereferences.
        let status = unsafe {
            ffi::memspec_memory_read(self.raw.as_ptr(), address_space, pointer, out.len(), out.as_mut_ptr())
        };
        self.check(status)
    }

    /// R11: writes `values` at (address_space, pointer) and returns the values they replaced.
    pub fn write(&mut self, address_space: u32, pointer: u32, values: &[u32]) -> Result<Vec<u32>, Error> {
        // No buffer for the overwritten values of a write that cannot succeed (LONGEST_ACCESS).
        let mut prev = if values.len() > LONGEST_ACCESS { Vec::new() } else { vec![0u32; values.len()] };
        let out_prev = if prev.is_empty() { ptr::null_mut() } else { prev.as_mut_ptr() };
        // SAFETY: `values` is readable for `values.len()` values; `out_prev` is NULL (allowed) or
        // `prev`, writable for as many.
        let status = unsafe {
            ffi::memspec_memory_write(
                self.raw.as_ptr(),
                address_space,
                pointer,
                values.as_ptr(),
                values.len(),
                out_prev,
            )
        };
        self.check(status)?;
        if prev.len() != values.len() {
            return Err(Error {
                kind: ErrorKind::Internal,
                message: format!("the library accepted a write of {} cells, longer than any access (R3, R7)", values.len()),
            });
        }
        Ok(prev)
    }

    /// R9: advances the clock by `by`.
    pub fn tick(&mut self, by: u32) -> Result<(), Error> {
        // SAFETY: the handle is live.
        let status = unsafe { ffi::memspec_memory_tick(self.raw.as_ptr(), by) };
        self.check(status)
    }

    /// R23, R24: finalizes to `chunk`-cell blocks; the adapter records and the final blocks are
    /// then pending. Afterwards every read, write, tick or finalize is `InvalidConfig` (R37).
    pub fn finalize(&mut self, chunk: u32) -> Result<(), Error> {
        // SAFETY: the handle is live.
        let status = unsafe { ffi::memspec_memory_finalize(self.raw.as_ptr(), chunk) };
        self.check(status)
    }

    /// R9: the clock (1 before the first access).
    pub fn timestamp(&self) -> u32 {
        let mut ts = 0u32;
        // SAFETY: the handle is live and `ts` writable. The only failure is a handle broken by an
        // internal error, whose clock is then reported as 0.
        let status = unsafe { ffi::memspec_memory_timestamp(self.raw.as_ptr(), &mut ts) };
        if status == ffi::MEMSPEC_OK {
            ts
        } else {
            0
        }
    }

    /// The `finalize_chunk` of the header the memory was made from, if it had one.
    pub fn declared_finalize_chunk(&self) -> Option<u32> {
        let mut chunk = 0u32;
        // SAFETY: the handle is live and `chunk` writable.
        let status = unsafe { ffi::memspec_memory_declared_finalize_chunk(self.raw.as_ptr(), &mut chunk) };
        if status == ffi::MEMSPEC_OK && chunk != 0 {
            Some(chunk)
        } else {
            None
        }
    }

    /// How many records wait to be pulled.
    pub fn pending_records(&self) -> usize {
        // SAFETY: the handle is live.
        unsafe { ffi::memspec_memory_pending_records(self.raw.as_ptr()) }
    }

    /// Drops the pending records (they otherwise accumulate until pulled).
    pub fn clear_records(&mut self) -> Result<(), Error> {
        // SAFETY: the handle is live.
        let status = unsafe { ffi::memspec_memory_clear_records(self.raw.as_ptr()) };
        self.check(status)
    }

    /// The oldest pending record, copied out of the library, or `None`.
    pub fn next_record(&mut self) -> Result<Option<Record>, Error> {
        let mut r = ffi::memspec_record::default();
        // SAFETY: the handle is live and `r` writable.
        let status = unsafe { ffi::memspec_memory_next_record(self.raw.as_ptr(), &mut r) };
        self.check(status)?;
        // SAFETY: the record's pointers are valid until the next pull on this handle, and we copy
        // the values before returning (&mut self prevents another pull meanwhile).
        let (data, prev_data) = unsafe { (copy_values(r.data, r.data_len), copy_values(r.prev_data, r.prev_data_len)) };
        let record = match r.tag {
            ffi::MEMSPEC_RECORD_NONE => return Ok(None),
            ffi::MEMSPEC_RECORD_READ | ffi::MEMSPEC_RECORD_WRITE => Record::Access(AccessRecord {
                kind: if r.tag == ffi::MEMSPEC_RECORD_READ { AccessKind::Read } else { AccessKind::Write },
                address_space: r.address_space,
                pointer: r.pointer,
                timestamp: r.timestamp,
                prev_timestamp: r.prev_timestamp,
                data,
                prev_data,
            }),
            ffi::MEMSPEC_RECORD_SPLIT | ffi::MEMSPEC_RECORD_MERGE => Record::Adapter(AdapterRecord {
                kind: if r.tag == ffi::MEMSPEC_RECORD_SPLIT { AdapterKind::Split } else { AdapterKind::Merge },
                n: r.n,
                address_space: r.address_space,
                pointer: r.pointer,
                left_timestamp: r.left_timestamp,
                right_timestamp: r.right_timestamp,
                data,
            }),
            ffi::MEMSPEC_RECORD_FINAL_BLOCK => Record::FinalBlock(FinalBlock {
                address_space: r.address_space,
                pointer: r.pointer,
                timestamp: r.timestamp,
                values: data,
            }),
            other => {
                return Err(Error { kind: ErrorKind::Internal, message: format!("unknown record tag {}", other) });
            }
        };
        Ok(Some(record))
    }

    /// Pulls the pending records one by one, oldest first.
    pub fn records(&mut self) -> Records<'_> {
        Records { memory: self }
    }
}

impl Drop for Memory {
    fn drop(&mut self) {
        // SAFETY: the handle is owned by this value and freed exactly once.
        unsafe { ffi::memspec_memory_free(self.raw.as_ptr()) }
    }
}

/// Iterator over a memory's pending records ([`Memory::records`]); ends when none is left, or
/// after yielding an error.
pub struct Records<'a> {
    memory: &'a mut Memory,
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.memory.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}

/// What [`run_json`] returns: exactly the bytes `memspec run` prints (the compact result and a
/// newline, or `{"error":{...}}` and a newline), and the error kind when it is an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutput {
    pub error: Option<ErrorKind>,
    pub json: String,
}

/// Runs a whole scenario document (spec/interchange.md) as `memspec run --engine ENGINE` does.
/// `Err` only for what is not a scenario's outcome (`InvalidArgument`, `Internal`).
pub fn run_json(scenario: &[u8], engine: Engine) -> Result<RunOutput, Error> {
    let mut out: *mut c_char = ptr::null_mut();
    let mut len = 0usize;
    // SAFETY: `scenario` is readable for its length; `out` and `len` are writable.
    let status = unsafe {
        ffi::memspec_run_json(scenario.as_ptr() as *const c_char, scenario.len(), engine.raw(), &mut out, &mut len)
    };
    if out.is_null() {
        return Err(Error {
            kind: ErrorKind::from_status(status),
            message: "memspec_run_json produced no output".to_string(),
        });
    }
    // SAFETY: `out` holds `len` bytes, freed right after the copy.
    let bytes = unsafe { std::slice::from_raw_parts(out as *const u8, len).to_vec() };
    unsafe { ffi::memspec_string_free(out) };
    let json = String::from_utf8(bytes)
        .map_err(|_| Error { kind: ErrorKind::Internal, message: "memspec_run_json output is not UTF-8".to_string() })?;
    let error = if status == ffi::MEMSPEC_OK { None } else { Some(ErrorKind::from_status(status)) };
    Ok(RunOutput { error, json })
}

/// The library's version ("MAJOR.MINOR.PATCH").
pub fn version() -> String {
    // SAFETY: a static NUL-terminated string.
    unsafe { CStr::from_ptr(ffi::memspec_version()) }.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [Engine; 2] = [Engine::Impl, Engine::Oracle];

    // OpenVM v1.0 offline.rs test_records_initial_block_len_1 (R16-R20), expected records written
    // by hand from that test.
    #[test]
    fn openvm_records_initial_block_len_1() {
        for &engine in BOTH.iter() {
            let mut mem = Memory::new(&Config::default(), &[], engine).unwrap();
            assert_eq!(mem.timestamp(), 1);
            assert_eq!(mem.write(1, 0, &[1, 2, 3, 4]).unwrap(), vec![0, 0, 0, 0]);
            assert_eq!(mem.read(1, 0, 4).unwrap(), vec![1, 2, 3, 4]);
            assert_eq!(mem.write(1, 0, &[10, 11]).unwrap(), vec![1, 2]);
            assert_eq!(mem.read(1, 0, 4).unwrap(), vec![10, 11, 3, 4]);
            assert_eq!(mem.timestamp(), 5);
            let records: Vec<Record> = mem.records().map(|r| r.unwrap()).collect();
            let merge = |n: u32, pointer: u32, l: u32, r: u32, data: Vec<u32>| {
                Record::Adapter(AdapterRecord {
                    kind: AdapterKind::Merge,
                    n,
                    address_space: 1,
                    pointer,
                    left_timestamp: l,
                    right_timestamp: r,
                    data,
                })
            };
            let access = |kind, timestamp, prev_timestamp, data: Vec<u32>, prev_data: Vec<u32>| {
                Record::Access(AccessRecord { kind, address_space: 1, pointer: 0, timestamp, prev_timestamp, data, prev_data })
            };
            let expected = vec![
                merge(2, 0, 0, 0, vec![0, 0]),
                merge(2, 2, 0, 0, vec![0, 0]),
                merge(4, 0, 0, 0, vec![0, 0, 0, 0]),
                access(AccessKind::Write, 1, 0, vec![1, 2, 3, 4], vec![0, 0, 0, 0]),
                access(AccessKind::Read, 2, 1, vec![1, 2, 3, 4], vec![]),
                Record::Adapter(AdapterRecord {
                    kind: AdapterKind::Split,
                    n: 4,
                    address_space: 1,
                    pointer: 0,
                    left_timestamp: 2,
                    right_timestamp: 2,
                    data: vec![1, 2, 3, 4],
                }),
                access(AccessKind::Write, 3, 2, vec![10, 11], vec![1, 2]),
                merge(4, 0, 3, 2, vec![10, 11, 3, 4]),
                access(AccessKind::Read, 4, 3, vec![10, 11, 3, 4], vec![]),
            ];
            assert_eq!(records, expected);
            assert_eq!(mem.pending_records(), 0);
        }
    }

    #[test]
    fn errors_are_typed_and_change_nothing() {
        for &engine in BOTH.iter() {
            let mut mem = Memory::new(&Config::default(), &[], engine).unwrap();
            mem.write(1, 0, &[7]).unwrap();
            mem.clear_records().unwrap();
            let cases: Vec<(Result<Vec<u32>, Error>, ErrorKind)> = vec![
                (mem.read(9, 0, 1), ErrorKind::InvalidAddressSpace),
                (mem.read(1, 0, 3), ErrorKind::SizeNotPowerOfTwo),
                (mem.read(1, 0, 64), ErrorKind::OutOfBounds),
                (mem.write(0, 0, &[1]), ErrorKind::InvalidAddressSpace),
                (mem.write(1, 0, &[2013265921]), ErrorKind::InvalidValue),
            ];
            for (result, kind) in cases {
                let e = result.unwrap_err();
                assert_eq!(e.kind, kind);
                assert!(!e.message.is_empty());
                assert!(e.to_string().starts_with(kind.name()));
            }
            assert_eq!(mem.tick(1 << 29).unwrap_err().kind, ErrorKind::TimestampViolation);
            assert_eq!(mem.timestamp(), 2);
            assert_eq!(mem.pending_records(), 0);
            assert_eq!(mem.read(1, 0, 1).unwrap(), vec![7]);
        }
    }

    // Every status of memspec.h, its kind and its name, written out here: a status the crate
    // does not know would come back as Internal, and a name would differ from the library's.
    #[test]
    fn every_status_is_its_kind() {
        let table = [
            (ffi::MEMSPEC_PARSE_ERROR, 1, ErrorKind::ParseError, "ParseError"),
            (ffi::MEMSPEC_INVALID_CONFIG, 2, ErrorKind::InvalidConfig, "InvalidConfig"),
            (ffi::MEMSPEC_INVALID_ADDRESS_SPACE, 3, ErrorKind::InvalidAddressSpace, "InvalidAddressSpace"),
            (ffi::MEMSPEC_SIZE_NOT_POWER_OF_TWO, 4, ErrorKind::SizeNotPowerOfTwo, "SizeNotPowerOfTwo"),
            (ffi::MEMSPEC_OUT_OF_BOUNDS, 5, ErrorKind::OutOfBounds, "OutOfBounds"),
            (ffi::MEMSPEC_UNALIGNED_ACCESS, 6, ErrorKind::UnalignedAccess, "UnalignedAccess"),
            (ffi::MEMSPEC_INVALID_VALUE, 7, ErrorKind::InvalidValue, "InvalidValue"),
            (ffi::MEMSPEC_TIMESTAMP_VIOLATION, 8, ErrorKind::TimestampViolation, "TimestampViolation"),
            (ffi::MEMSPEC_UNTRACEABLE, 9, ErrorKind::Untraceable, "Untraceable"),
            (ffi::MEMSPEC_LIMIT_EXCEEDED, 10, ErrorKind::LimitExceeded, "LimitExceeded"),
            (ffi::MEMSPEC_INPUT_ERROR, 11, ErrorKind::InputError, "InputError"),
            (ffi::MEMSPEC_OUTPUT_ERROR, 12, ErrorKind::OutputError, "OutputError"),
            (ffi::MEMSPEC_OUT_OF_MEMORY, 13, ErrorKind::OutOfMemory, "OutOfMemory"),
            (ffi::MEMSPEC_INVALID_ARGUMENT, 100, ErrorKind::InvalidArgument, "InvalidArgument"),
            (ffi::MEMSPEC_INTERNAL, 101, ErrorKind::Internal, "Internal"),
        ];
        for &(status, number, kind, name) in table.iter() {
            assert_eq!(status, number, "{}", name);
            assert_eq!(ErrorKind::from_status(status), kind, "{}", name);
            assert_eq!(kind.name(), name);
            // SAFETY: a static NUL-terminated string.
            let library_name = unsafe { CStr::from_ptr(ffi::memspec_status_name(status)) }.to_str().unwrap();
            assert_eq!(library_name, name);
        }
    }

    // A length far beyond any access is the library's error for it, with no buffer of that length
    // (which could not be allocated), and the memory goes on unchanged.
    #[test]
    fn huge_lengths_are_the_length_error() {
        for &engine in BOTH.iter() {
            let mut mem = Memory::new(&Config::default(), &[], engine).unwrap();
            mem.write(1, 0, &[7, 8]).unwrap();
            mem.clear_records().unwrap();
            assert_eq!(mem.read(1, 0, usize::MAX).unwrap_err().kind, ErrorKind::SizeNotPowerOfTwo);
            assert_eq!(mem.read(1, 0, (1usize << 32) + 1).unwrap_err().kind, ErrorKind::SizeNotPowerOfTwo);
            assert_eq!(mem.read(1, 0, 1usize << 40).unwrap_err().kind, ErrorKind::OutOfBounds);
            assert_eq!(mem.read(0, 0, 1usize << 40).unwrap_err().kind, ErrorKind::InvalidAddressSpace); // R5 first
            assert_eq!(mem.read(1, 0, 33).unwrap_err().kind, ErrorKind::SizeNotPowerOfTwo);
            assert_eq!(mem.read(1, 0, 64).unwrap_err().kind, ErrorKind::OutOfBounds);
            assert_eq!(mem.write(1, 0, &[1u32; 64]).unwrap_err().kind, ErrorKind::OutOfBounds);
            assert_eq!(mem.write(0, 0, &[1u32; 64]).unwrap_err().kind, ErrorKind::InvalidAddressSpace);
            assert_eq!(mem.timestamp(), 2);
            assert_eq!(mem.pending_records(), 0);
            assert_eq!(mem.read(1, 0, 2).unwrap(), vec![7, 8]);
            assert_eq!(mem.write(1, 0, &[1u32; 32]).unwrap(), [vec![7, 8], vec![0; 30]].concat());
        }
    }

    #[test]
    fn construction_errors() {
        let c = Config { as_height: 29, ..Config::default() };
        let e = Memory::new(&c, &[], Engine::Impl).err().unwrap();
        assert_eq!(e.kind, ErrorKind::InvalidConfig);
        assert!(!e.message.is_empty());
        let twice = [Cell { address_space: 1, pointer: 0, value: 1 }, Cell { address_space: 1, pointer: 0, value: 2 }];
        assert_eq!(Memory::new(&Config::default(), &twice, Engine::Oracle).err().unwrap().kind, ErrorKind::ParseError);
        assert_eq!(Memory::from_header("{\"ops\":[]}", Engine::Impl).err().unwrap().kind, ErrorKind::ParseError);
    }

    #[test]
    fn profiles_fix_block_sizes_and_chunks() {
        assert_eq!(Config::default().profile, Profile::Generalized);
        let persistent = Config { profile: Profile::OpenVmV1_0Persistent, ..Config::default() };
        let e = Memory::new(&persistent, &[], Engine::Impl).err().unwrap();
        assert_eq!(e.kind, ErrorKind::InvalidConfig); // initial blocks must be 8 (R3a)
        assert!(e.message.contains("R3a"));
        let mut mem = Memory::new(&Config { initial_block_size: 8, ..persistent }, &[], Engine::Oracle).unwrap();
        assert_eq!(mem.finalize(1).unwrap_err().kind, ErrorKind::InvalidConfig);
        mem.finalize(8).unwrap();
        let volatile = Config { profile: Profile::OpenVmV1_0Volatile, ..Config::default() };
        let image = [Cell { address_space: 1, pointer: 0, value: 1 }];
        assert_eq!(Memory::new(&volatile, &image, Engine::Impl).err().unwrap().kind, ErrorKind::InvalidConfig);
        assert_eq!(Profile::OpenVmV1_0Volatile.name(), "openvm-v1.0-volatile");
    }

    // R238: OpenVM v2.0 through the crate, worked by hand from spec/memory.md R213-R219.
    #[test]
    fn openvm_v2_0_blocks_of_four() {
        assert_eq!(Profile::OpenVmV2_0.name(), "openvm-v2.0");
        let v1_blocks = Config { profile: Profile::OpenVmV2_0, ..Config::default() };
        let e = Memory::new(&v1_blocks, &[], Engine::Impl).err().unwrap();
        assert_eq!(e.kind, ErrorKind::InvalidConfig); // initial_block_size 1 is v1.0's (R213)
        assert!(e.message.contains("R213"));
        let config = Config { initial_block_size: 4, ..v1_blocks };
        for &engine in BOTH.iter() {
            let image = [Cell { address_space: 2, pointer: 9, value: 7 }];
            let mut mem = Memory::new(&config, &image, engine).unwrap();
            assert_eq!(mem.write(1, 4, &[1, 2, 3, 4]).unwrap(), vec![0, 0, 0, 0]); // at 1
            mem.tick(1).unwrap(); // an immediate (R218)
            assert_eq!(mem.read(2, 8, 4).unwrap(), vec![0, 7, 0, 0]); // at 3
            assert_eq!(mem.read(1, 4, 4).unwrap(), vec![1, 2, 3, 4]); // at 4, previous 1
            assert_eq!(mem.read(1, 4, 8).unwrap_err().kind, ErrorKind::OutOfBounds); // R217: only 4 cells
            assert_eq!(mem.read(1, 6, 4).unwrap_err().kind, ErrorKind::UnalignedAccess);
            assert_eq!(mem.read(1, 128, 4).unwrap_err().kind, ErrorKind::OutOfBounds);
            assert_eq!(mem.write(3, 0, &[256, 0, 0, 0]).unwrap_err().kind, ErrorKind::InvalidValue);
            assert_eq!(mem.timestamp(), 5);
            assert_eq!(mem.finalize(8).unwrap_err().kind, ErrorKind::InvalidConfig);
            mem.finalize(4).unwrap();
            let records: Vec<Record> = mem.records().map(|r| r.unwrap()).collect();
            let access = |kind, address_space, pointer, timestamp, prev_timestamp, data: &[u32], prev_data: &[u32]| {
                Record::Access(AccessRecord {
                    kind,
                    address_space,
                    pointer,
                    timestamp,
                    prev_timestamp,
                    data: data.to_vec(),
                    prev_data: prev_data.to_vec(),
                })
            };
            assert_eq!(
                records,
                vec![
                    access(AccessKind::Write, 1, 4, 1, 0, &[1, 2, 3, 4], &[0, 0, 0, 0]),
                    access(AccessKind::Read, 2, 8, 3, 0, &[0, 7, 0, 0], &[]),
                    access(AccessKind::Read, 1, 4, 4, 1, &[1, 2, 3, 4], &[]),
                    // R219: the touched blocks by (as, ptr), no adapter record.
                    Record::FinalBlock(FinalBlock { address_space: 1, pointer: 4, timestamp: 4, values: vec![1, 2, 3, 4] }),
                    Record::FinalBlock(FinalBlock { address_space: 2, pointer: 8, timestamp: 3, values: vec![0, 7, 0, 0] }),
                ]
            );
        }
    }

    // R323: OpenVM v1.4 through the crate, worked by hand from spec/memory.md R261-R270: the
    // persistent memory's initial 8-block cut at timestamp 0, an exact block emitting no row,
    // finalize's merge of the chunk from pieces at 2 and 0; R263's checks; the legacy switch.
    #[test]
    fn openvm_v1_4_minimum_blocks() {
        assert_eq!(Profile::OpenVmV1_4Persistent.name(), "openvm-v1.4-persistent");
        assert_eq!(Profile::OpenVmV1_4Volatile.name(), "openvm-v1.4-volatile");
        let ibs1 = Config { profile: Profile::OpenVmV1_4Persistent, ..Config::default() };
        let e = Memory::new(&ibs1, &[], Engine::Impl).err().unwrap();
        assert_eq!(e.kind, ErrorKind::InvalidConfig); // initial_block_size 1 is the volatile memory's (R261)
        assert!(e.message.contains("R261"));
        let config = Config { initial_block_size: 8, ..ibs1 };
        for &engine in BOTH.iter() {
            let mut mem = Memory::new(&config, &[], engine).unwrap();
            assert_eq!(mem.write(1, 0, &[1, 2, 3, 4]).unwrap(), vec![0, 0, 0, 0]); // at 1
            assert_eq!(mem.read(1, 0, 4).unwrap(), vec![1, 2, 3, 4]); // at 2
            assert_eq!(mem.read(0, 0, 1).unwrap_err().kind, ErrorKind::InvalidAddressSpace); // R263 1
            assert_eq!(mem.read(1, 0, 2).unwrap_err().kind, ErrorKind::UnalignedAccess); // 5: not whole blocks of 4
            assert_eq!(mem.read(1, 6, 4).unwrap_err().kind, ErrorKind::UnalignedAccess); // 6
            assert_eq!(mem.read(1, 128, 4).unwrap_err().kind, ErrorKind::OutOfBounds); // 7
            assert_eq!(mem.write(3, 0, &[256, 0, 0, 0]).unwrap_err().kind, ErrorKind::InvalidValue); // 8
            assert_eq!(mem.timestamp(), 3);
            assert_eq!(mem.finalize(1).unwrap_err().kind, ErrorKind::InvalidConfig);
            mem.finalize(8).unwrap();
            let records: Vec<Record> = mem.records().map(|r| r.unwrap()).collect();
            let adapter = |kind, n, left_timestamp, right_timestamp, data: &[u32]| {
                Record::Adapter(AdapterRecord {
                    kind,
                    n,
                    address_space: 1,
                    pointer: 0,
                    left_timestamp,
                    right_timestamp,
                    data: data.to_vec(),
                })
            };
            let access = |kind, timestamp, prev_timestamp, prev_data: &[u32]| {
                Record::Access(AccessRecord {
                    kind,
                    address_space: 1,
                    pointer: 0,
                    timestamp,
                    prev_timestamp,
                    data: vec![1, 2, 3, 4],
                    prev_data: prev_data.to_vec(),
                })
            };
            assert_eq!(
                records,
                vec![
                    adapter(AdapterKind::Split, 8, 0, 0, &[0; 8]), // R267
                    access(AccessKind::Write, 1, 0, &[0, 0, 0, 0]),
                    access(AccessKind::Read, 2, 1, &[]), // R265: no row
                    adapter(AdapterKind::Merge, 8, 2, 0, &[1, 2, 3, 4, 0, 0, 0, 0]), // R270
                    Record::FinalBlock(FinalBlock { address_space: 1, pointer: 0, timestamp: 2, values: vec![1, 2, 3, 4, 0, 0, 0, 0] }),
                ]
            );
            // R262: the legacy switch from a header gives address space 2 blocks of 1.
            let legacy = r#"{"profile":"openvm-v1.4-volatile","config":{"legacy_v1_3_mem_align":true}}"#;
            let mut mem = Memory::from_header(legacy, engine).unwrap();
            assert_eq!(mem.write(2, 1, &[5, 6]).unwrap(), vec![0, 0]);
            let mut plain = Memory::from_header(r#"{"profile":"openvm-v1.4-volatile"}"#, engine).unwrap();
            assert_eq!(plain.write(2, 1, &[5, 6]).unwrap_err().kind, ErrorKind::UnalignedAccess);
        }
    }
    // R309, R323: OpenVM v1.6.0's and v1.7.0's persistent memory through the crate is v1.4's: the
    // same setup rule and the same reads, worked by hand (spec/memory.md R261, R263).
    #[test]
    fn openvm_v1_6_and_v1_7_run_v1_4s_memory() {
        assert_eq!(Profile::OpenVmV1_6Persistent.name(), "openvm-v1.6-persistent");
        assert_eq!(Profile::OpenVmV1_7Persistent.name(), "openvm-v1.7-persistent");
        for &profile in [Profile::OpenVmV1_6Persistent, Profile::OpenVmV1_7Persistent].iter() {
            let ibs1 = Config { profile, ..Config::default() };
            assert_eq!(Memory::new(&ibs1, &[], Engine::Impl).err().unwrap().kind, ErrorKind::InvalidConfig);
            let config = Config { initial_block_size: 8, ..ibs1 };
            for &engine in BOTH.iter() {
                let mut mem = Memory::new(&config, &[], engine).unwrap();
                assert_eq!(mem.write(1, 0, &[1, 2, 3, 4]).unwrap(), vec![0, 0, 0, 0]);
                assert_eq!(mem.read(1, 0, 4).unwrap(), vec![1, 2, 3, 4]);
                assert_eq!(mem.read(1, 2, 4).unwrap_err().kind, ErrorKind::UnalignedAccess);
                assert_eq!(mem.timestamp(), 3);
                mem.finalize(8).unwrap();
            }
        }
    }

    #[test]
    fn header_image_and_finalize() {
        for &engine in BOTH.iter() {
            let header = r#"{"initial_block_size":8,"initial_memory":[{"as":2,"ptr":9,"value":5}],"finalize_chunk":8}"#;
            let mut mem = Memory::from_header(header, engine).unwrap();
            assert_eq!(mem.declared_finalize_chunk(), Some(8));
            assert_eq!(mem.read(2, 8, 2).unwrap(), vec![0, 5]);
            mem.clear_records().unwrap();
            mem.finalize(8).unwrap();
            let records: Vec<Record> = mem.records().map(|r| r.unwrap()).collect();
            assert_eq!(
                records,
                vec![
                    // R23: the chunk at 8 holds [8,10) at timestamp 1 and [10,16) at 0: rebuilt by
                    // merges up to 8 cells (2+2, 4+4), as the access algorithm does (R17).
                    Record::Adapter(AdapterRecord {
                        kind: AdapterKind::Merge,
                        n: 4,
                        address_space: 2,
                        pointer: 8,
                        left_timestamp: 1,
                        right_timestamp: 0,
                        data: vec![0, 5, 0, 0],
                    }),
                    Record::Adapter(AdapterRecord {
                        kind: AdapterKind::Merge,
                        n: 8,
                        address_space: 2,
                        pointer: 8,
                        left_timestamp: 1,
                        right_timestamp: 0,
                        data: vec![0, 5, 0, 0, 0, 0, 0, 0],
                    }),
                    Record::FinalBlock(FinalBlock { address_space: 2, pointer: 8, timestamp: 1, values: vec![0, 5, 0, 0, 0, 0, 0, 0] }),
                ]
            );
            assert_eq!(mem.read(2, 8, 1).unwrap_err().kind, ErrorKind::InvalidConfig);
        }
    }

    #[test]
    fn run_json_prints_what_memspec_run_prints() {
        let out = run_json(br#"{"ops":[{"op":"write","as":1,"ptr":0,"data":[5]},{"op":"read","as":1,"ptr":0,"len":1}],"finalize_chunk":1}"#, Engine::Impl).unwrap();
        assert_eq!(out.error, None);
        assert_eq!(
            out.json,
            concat!(
                r#"{"reads":[[5]],"records":[{"op":"write","as":1,"ptr":0,"timestamp":1,"prev_timestamp":0,"data":[5],"prev_data":[0]},"#,
                r#"{"op":"read","as":1,"ptr":0,"timestamp":2,"prev_timestamp":1,"data":[5]}],"adapter_records":[],"#,
                r#""final_memory":[{"as":1,"ptr":0,"timestamp":2,"values":[5]}],"final_timestamp":3}"#,
                "\n"
            )
        );
        let bad = run_json(br#"{"ops":[{"op":"read","as":1,"ptr":0,"len":3}]}"#, Engine::Oracle).unwrap();
        assert_eq!(bad.error, Some(ErrorKind::SizeNotPowerOfTwo));
        assert!(bad.json.starts_with(r#"{"error":{"kind":"SizeNotPowerOfTwo","#));
        assert!(bad.json.ends_with(",\"op_index\":0}}\n"));
    }

    #[test]
    fn version_is_the_package_version() {
        assert_eq!(version().split('.').count(), 3);
    }
}
