/*
 * memspec.h: the C ABI of memspec, an executable specification of the OpenVM v1.0 memory system.
 *
 * Two ways in, both through the same engines as the `memspec` CLI (spec/vocabulary/engine.hpp, R37):
 *   - memspec_run_json: a whole scenario document in, the bytes `memspec run` prints out;
 *   - the step API (memspec_memory_*): set up a memory from a config and an initial image (or a
 *     JSON Lines stream header), then read, write, tick and finalize one call at a time, pulling
 *     the records each call makes.
 *
 * The contract, in full in include/memspec/README.md:
 *   - Pure C99; every function has C linkage and no C++ exception ever leaves it: an allocation
 *     that fails becomes MEMSPEC_OUT_OF_MEMORY, any other exception MEMSPEC_INTERNAL.
 *   - Every argument is checked before anything is read through a pointer, copied or allocated.
 *   - What each status leaves behind:
 *       MEMSPEC_OK: the call was made.
 *       An error kind (MEMSPEC_PARSE_ERROR ... MEMSPEC_OUTPUT_ERROR) or MEMSPEC_INVALID_ARGUMENT:
 *         nothing changed — not the memory, its clock, its pending records, nor any output
 *         buffer; only the handle's message (memspec_memory_last_error) says why. The handle
 *         goes on as if the call had not been made.
 *       MEMSPEC_OUT_OF_MEMORY or MEMSPEC_INTERNAL: a handle the call was made on is broken (the
 *         engine may have stopped half-way): every later call on it returns MEMSPEC_INTERNAL;
 *         free it. A constructor makes no handle; memspec_run_json gives no output.
 *     No call frees a handle except memspec_memory_free.
 *   - Every object the library hands out has a free function, and freeing NULL does nothing.
 *   - A NULL pointer where one is required is MEMSPEC_INVALID_ARGUMENT, never a crash. Buffers
 *     are the caller's to size: a buffer shorter than the length passed with it is undefined
 *     behaviour, as with memcpy — except that a length the checks refuse is never used to read
 *     or write a buffer, nor to size an allocation.
 *   - Thread safety: the library has no global mutable state. Distinct handles may be used from
 *     distinct threads at the same time; one handle must not be used by two threads at once
 *     (serialise the calls, including the const ones). memspec_run_json, memspec_status_name,
 *     memspec_version, memspec_abi_version and memspec_config_default may be called from any
 *     thread at any time.
 *   - Values are BabyBear field elements in canonical form (integers below p = 2013265921). A
 *     value >= p is rejected with MEMSPEC_INVALID_VALUE, never reduced (R1).
 */
#ifndef MEMSPEC_MEMSPEC_H
#define MEMSPEC_MEMSPEC_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define MEMSPEC_API __attribute__((visibility("default")))
#else
#define MEMSPEC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version: the number in the library's SONAME (libmemspec.so.1). It changes whenever a
 * declaration in this header changes incompatibly. */
#define MEMSPEC_ABI_VERSION 1

/* ----------------------------------------------------------------------------------------------
 * Status codes. One per memspec::ErrorKind (spec/vocabulary/error.hpp; the names of spec/interchange.md),
 * plus MEMSPEC_OK, MEMSPEC_INVALID_ARGUMENT (the caller broke this header's rules: a NULL
 * pointer, an unknown engine or profile, a length no buffer can have) and MEMSPEC_INTERNAL (a
 * defect of memspec). After each, the handle is as the contract above says.
 */
typedef int32_t memspec_status;
enum {
    MEMSPEC_OK = 0,
    MEMSPEC_PARSE_ERROR = 1,
    MEMSPEC_INVALID_CONFIG = 2,
    MEMSPEC_INVALID_ADDRESS_SPACE = 3,
    MEMSPEC_SIZE_NOT_POWER_OF_TWO = 4,
    MEMSPEC_OUT_OF_BOUNDS = 5,
    MEMSPEC_UNALIGNED_ACCESS = 6,
    MEMSPEC_INVALID_VALUE = 7,
    MEMSPEC_TIMESTAMP_VIOLATION = 8,
    MEMSPEC_UNTRACEABLE = 9,
    MEMSPEC_LIMIT_EXCEEDED = 10, /* an input larger than a documented cap */
    MEMSPEC_INPUT_ERROR = 11,    /* reading an input failed */
    MEMSPEC_OUTPUT_ERROR = 12,   /* writing an output failed */
    MEMSPEC_OUT_OF_MEMORY = 13,  /* an allocation failed: the handle is broken, or none was made */
    MEMSPEC_INVALID_ARGUMENT = 100,
    MEMSPEC_INTERNAL = 101
};

/* Which implementation runs the memory: the fast one (impl/) or the literal reference model
 * (oracle/). Both give identical results (R70). */
typedef int32_t memspec_engine;
enum { MEMSPEC_ENGINE_IMPL = 0, MEMSPEC_ENGINE_ORACLE = 1 };

/* MEMSPEC_ABI_VERSION of the library actually loaded (compare with the header's). */
MEMSPEC_API uint32_t memspec_abi_version(void);

/* memspec's version, "MAJOR.MINOR.PATCH". Static storage: never free it. */
MEMSPEC_API const char* memspec_version(void);

/* The name of a status: "OK", the error kind as spec/interchange.md spells it ("ParseError",
 * "InvalidConfig", ...), "InvalidArgument", "Internal", or "Unknown" for any other number.
 * Static storage: never free it. */
MEMSPEC_API const char* memspec_status_name(memspec_status status);

/* ----------------------------------------------------------------------------------------------
 * Whole scenarios (spec/interchange.md).
 */

/* Runs the scenario document `scenario` (`scenario_len` bytes of JSON, not necessarily
 * NUL-terminated) on `engine` and returns the exact bytes `memspec run --engine ENGINE FILE`
 * prints for it: the compact v1 result and a newline, or `{"error":{...}}` and a newline.
 *
 * Returns MEMSPEC_OK with the result, or the error kind's status with the error object (so the
 * status is the JSON's "kind"). In both cases `*out` receives a newly allocated, NUL-terminated
 * buffer of `*out_len` bytes (the terminator not counted) that the caller frees with
 * memspec_string_free. On MEMSPEC_INVALID_ARGUMENT (NULL `out` or `out_len`, NULL `scenario` with
 * a non-zero length, unknown engine), MEMSPEC_OUT_OF_MEMORY or MEMSPEC_INTERNAL there is no
 * output: `*out` is set to NULL and `*out_len` to 0 when those pointers are not NULL.
 *
 * Reentrant: no state is kept between calls. */
MEMSPEC_API memspec_status memspec_run_json(const char* scenario, size_t scenario_len, memspec_engine engine, char** out,
                                            size_t* out_len);

/* Frees a string returned by memspec_run_json or through an `out_message` parameter. NULL: no-op. */
MEMSPEC_API void memspec_string_free(char* string);

/* ----------------------------------------------------------------------------------------------
 * The step API.
 */

/* Profiles (R3a, spec/interchange.md "Profiles"): which configurations are valid. Under an OpenVM
 * profile a config OpenVM v1.0 cannot build is MEMSPEC_INVALID_CONFIG naming the assertion it
 * breaks, the initial block size and the finalize chunk are fixed (1 and 1, or 8 and 8), and the
 * volatile profile takes no initial image. GENERALIZED is what a document without "profile" means. */
typedef int32_t memspec_profile;
enum {
    MEMSPEC_PROFILE_GENERALIZED = 0,          /* "generalized" */
    MEMSPEC_PROFILE_OPENVM_V1_0_VOLATILE = 1, /* "openvm-v1.0-volatile" */
    MEMSPEC_PROFILE_OPENVM_V1_0_PERSISTENT = 2, /* "openvm-v1.0-persistent" */
    /* "openvm-v2.0" (R211-R221, R238): initial_block_size and finalize chunk 4, as_offset 1,
     * as_height 3, pointer_max_bits 29, two timestamp limbs; reads and writes are aligned 4-cell
     * blocks of address spaces 1-8 (1: 128 u8 cells, 2: 2^29 u8, 3: 32 u8, 4: 2^14 field, 5-8: none),
     * an immediate is a tick of 1; no adapter records. */
    MEMSPEC_PROFILE_OPENVM_V2_0 = 3,
    /* "openvm-v1.4-volatile" and "openvm-v1.4-persistent" (OpenVM v1.4.0-v1.7.0, R260-R271, R323):
     * initial_block_size and finalize chunk 1 (volatile, no image) or 8 (persistent); as_offset 1,
     * as_height 3, pointer_max_bits 29, two timestamp limbs; reads and writes of address spaces 1-8
     * (1: 128 u8 cells, 2: 2^29 u8, 3: 32 u8, each in whole aligned blocks of 4; 4: 2^29 field
     * cells, blocks of 1; 5-8: none), powers of two up to 32; an immediate is a tick of 1; adapter
     * records as AccessAdapterAir<n> rows (R269). The legacy-v1-3-mem-align switch (address space
     * 2's minimum block 1, R262) is not a memspec_config field: give it in a header,
     * {"config":{"legacy_v1_3_mem_align":true}}, to memspec_memory_from_header. The values after
     * 7 are left for the profiles of later OpenVM versions. */
    MEMSPEC_PROFILE_OPENVM_V1_4_VOLATILE = 4,
    MEMSPEC_PROFILE_OPENVM_V1_4_PERSISTENT = 5,
    /* "openvm-v1.6-persistent" (OpenVM v1.6.0) and "openvm-v1.7-persistent" (v1.7.0), R309: the
     * memory of OPENVM_V1_4_PERSISTENT exactly (their Merkle chips differ, which this interface
     * does not draw), so every rule above holds for them too. */
    MEMSPEC_PROFILE_OPENVM_V1_6_PERSISTENT = 6,
    MEMSPEC_PROFILE_OPENVM_V1_7_PERSISTENT = 7
};

/* MemoryConfig (R2), the initial block size (R15) and the profile (R3a). Integers, so that a bad
 * value reaches memspec's validation (R3, R3a, R15) and comes back as MEMSPEC_INVALID_CONFIG
 * etc., as it would from a scenario file; a profile outside the enum is
 * MEMSPEC_INVALID_ARGUMENT. */
typedef struct memspec_config {
    uint32_t as_height;            /* R2, OpenVM default 3 */
    uint32_t as_offset;            /* default 1 */
    uint32_t pointer_max_bits;     /* default 29 */
    uint32_t clk_max_bits;         /* default 29 */
    uint32_t decomp;               /* default 17 */
    uint32_t max_access_adapter_n; /* default 32 */
    uint64_t access_capacity;      /* default 2^24; a capacity hint, never a bound */
    uint32_t strict_alignment;     /* R8: 0 = false (default), any other value = true */
    uint32_t initial_block_size;   /* R15, default 1 */
    memspec_profile profile;       /* R3a, default MEMSPEC_PROFILE_GENERALIZED */
} memspec_config;

/* Fills `*config` with the defaults above (OpenVM v1.0's MemoryConfig::default(), initial block
 * size 1, the generalized profile). NULL: no-op. */
MEMSPEC_API void memspec_config_default(memspec_config* config);

/* One cell of the initial memory (R13). */
typedef struct memspec_cell {
    uint32_t address_space;
    uint32_t pointer;
    uint32_t value;
} memspec_cell;

/* A memory being stepped: one engine, its pending records, and the message of its last call.
 * Opaque; created by memspec_memory_new or memspec_memory_from_header, freed by
 * memspec_memory_free. */
typedef struct memspec_memory memspec_memory;

/* Sets up a memory: the config, initial block size and profile from `*config`, the `cell_count`
 * cells of `cells` as initial memory (R13; NULL allowed when cell_count is 0), on `engine`.
 * Validation is a scenario's (R28): config (R3), initial_block_size (R15), the profile (R3a), the
 * volatile profile's empty image (R13), then each cell in order (R4, R6, R1, a repeated cell is
 * MEMSPEC_PARSE_ERROR); no cell is read before the checks that do not need the cells have passed.
 * Under the generalized profile a non-empty image is allowed here; finalizing it with chunk 1 is
 * then refused (R13). Under an OpenVM profile finalize takes only its chunk. MEMSPEC_INVALID_ARGUMENT:
 * NULL `out` or `config`, NULL `cells` with a non-zero count, a count above
 * PTRDIFF_MAX / sizeof(memspec_cell) (no buffer holds that many), an unknown engine or profile.
 *
 * On MEMSPEC_OK, `*out` owns a new handle (free it with memspec_memory_free). On any failure
 * `*out` is set to NULL. `out_message` may be NULL; otherwise `*out_message` receives NULL on
 * success, or on failure a newly allocated NUL-terminated message (free with
 * memspec_string_free) — none when `out` itself is NULL or memory ran out even for the
 * message. */
MEMSPEC_API memspec_status memspec_memory_new(const memspec_config* config, const memspec_cell* cells, size_t cell_count,
                                              memspec_engine engine, memspec_memory** out, char** out_message);

/* Sets up a memory from a JSON Lines stream header (spec/interchange.md, "JSON Lines"): a
 * scenario object without "ops" — `version`, `profile`, `config`, `initial_block_size`,
 * `initial_memory`, `finalize_chunk`, all optional — in `header_len` bytes (it may span lines). Parsed and validated
 * exactly as `memspec run --stream` reads its first line (R28, R38): an "ops" key is a
 * MEMSPEC_PARSE_ERROR. A `finalize_chunk` in the header is validated (R26, R13) and reported by
 * memspec_memory_declared_finalize_chunk; nothing is finalized until memspec_memory_finalize.
 * `out` and `out_message` as for memspec_memory_new. */
MEMSPEC_API memspec_status memspec_memory_from_header(const char* header, size_t header_len, memspec_engine engine,
                                                      memspec_memory** out, char** out_message);

/* Frees the handle, its pending records and its messages. NULL: no-op. */
MEMSPEC_API void memspec_memory_free(memspec_memory* memory);

/* The message of the last call made on `memory` that takes a non-const handle (read, write,
 * tick, finalize, next_record, clear_records): "" when it succeeded. Owned by the handle; valid
 * until the next such call or memspec_memory_free. NULL handle: a static message saying so.
 * After MEMSPEC_OUT_OF_MEMORY or MEMSPEC_INTERNAL the handle is broken — the engine may have been
 * stopped half-way — and every later call on it returns MEMSPEC_INTERNAL (its message says the
 * handle is broken); free it. */
MEMSPEC_API const char* memspec_memory_last_error(const memspec_memory* memory);

/* R10, R16: reads `len` cells at (address_space, pointer) into out_values[0..len). Address space
 * 0 reads the immediate `pointer` (R5). Checks in R27's order; on failure out_values is untouched,
 * so a `len` they refuse (say 2^32 + 1) needs no buffer of that length. `out_values` may be NULL
 * only when `len` is 0 (which is MEMSPEC_SIZE_NOT_POWER_OF_TWO). */
MEMSPEC_API memspec_status memspec_memory_read(memspec_memory* memory, uint32_t address_space, uint32_t pointer, size_t len,
                                               uint32_t* out_values);

/* R11, R16: writes values[0..len) at (address_space, pointer). When `out_prev` is not NULL it
 * receives the `len` values overwritten (the access record's prev_data). `values` may be NULL
 * only when `len` is 0. Nothing is read from `values` before the access has passed R37 (not
 * finalized) and R27's checks 1-6 (address space, size, bounds, alignment): a `len` they refuse
 * is reported without reading or copying a value. On failure out_prev is untouched. */
MEMSPEC_API memspec_status memspec_memory_write(memspec_memory* memory, uint32_t address_space, uint32_t pointer,
                                                const uint32_t* values, size_t len, uint32_t* out_prev);

/* R9: advances the clock by `by` (0 allowed). */
MEMSPEC_API memspec_status memspec_memory_tick(memspec_memory* memory, uint32_t by);

/* R23, R24, R26: finalizes to chunks of `chunk` cells, queueing the adapter records and then one
 * MEMSPEC_RECORD_FINAL_BLOCK per touched chunk in (address space, pointer) order. Afterwards
 * read, write, tick and a second finalize are MEMSPEC_INVALID_CONFIG (R37); pulling records,
 * the clock and freeing still work. */
MEMSPEC_API memspec_status memspec_memory_finalize(memspec_memory* memory, uint32_t chunk);

/* R9: the clock (1 before the first access; unchanged by finalize, R25). MEMSPEC_INTERNAL on a
 * broken handle. */
MEMSPEC_API memspec_status memspec_memory_timestamp(const memspec_memory* memory, uint32_t* out_timestamp);

/* The `finalize_chunk` of the header the memory was made from (memspec_memory_from_header), or 0
 * when it had none or the memory was made by memspec_memory_new. MEMSPEC_INTERNAL on a broken
 * handle. */
MEMSPEC_API memspec_status memspec_memory_declared_finalize_chunk(const memspec_memory* memory, uint32_t* out_chunk);

/* ----------------------------------------------------------------------------------------------
 * Records, pulled one at a time in the engine's emission order (R37): for each read or write,
 * its adapter records (R17-R20) and then its access record (R16); for finalize, its adapter
 * records, then the final blocks (R23, R24). A tick makes none. Records wait in the handle until
 * pulled or cleared.
 */
typedef int32_t memspec_record_tag;
enum {
    MEMSPEC_RECORD_NONE = 0,       /* no record was pending */
    MEMSPEC_RECORD_READ = 1,       /* access record of a read */
    MEMSPEC_RECORD_WRITE = 2,      /* access record of a write */
    MEMSPEC_RECORD_SPLIT = 3,      /* adapter record, kind split (R18) */
    MEMSPEC_RECORD_MERGE = 4,      /* adapter record, kind merge (R19) */
    MEMSPEC_RECORD_FINAL_BLOCK = 5 /* one block of the TimestampedEquipartition (R24) */
};

/* One record. Fields that do not apply to the tag are 0 (pointers NULL). The field names are
 * those of spec/interchange.md's result objects. */
typedef struct memspec_record {
    memspec_record_tag tag;
    uint32_t address_space;   /* "as" */
    uint32_t pointer;         /* "ptr": the access's first cell, the parent block's, the chunk's */
    uint32_t timestamp;       /* READ/WRITE: the access's; FINAL_BLOCK: the block's;
                                 SPLIT/MERGE: the parent block's, max(left, right) (R19) */
    uint32_t prev_timestamp;  /* READ/WRITE */
    uint32_t n;               /* SPLIT/MERGE: the parent block's size */
    uint32_t left_timestamp;  /* SPLIT/MERGE */
    uint32_t right_timestamp; /* SPLIT/MERGE */
    const uint32_t* data;     /* READ: values read; WRITE: values written; SPLIT/MERGE: the n values;
                                 FINAL_BLOCK: the chunk's values ("values") */
    size_t data_len;
    const uint32_t* prev_data; /* WRITE: the values overwritten */
    size_t prev_data_len;
} memspec_record;

/* Moves the oldest pending record into `*out` (tag MEMSPEC_RECORD_NONE and all fields 0 when
 * none is pending). `data` and `prev_data` point into the handle and stay valid until the next
 * memspec_memory_next_record or memspec_memory_clear_records call on it, or memspec_memory_free;
 * other calls (read, write, ...) do not disturb them. */
MEMSPEC_API memspec_status memspec_memory_next_record(memspec_memory* memory, memspec_record* out);

/* How many records are pending (0 for a NULL or broken handle). */
MEMSPEC_API size_t memspec_memory_pending_records(const memspec_memory* memory);

/* Drops every pending record (for callers that want only values: records otherwise accumulate). */
MEMSPEC_API memspec_status memspec_memory_clear_records(memspec_memory* memory);

#ifdef __cplusplus
}
#endif

#endif /* MEMSPEC_MEMSPEC_H */
