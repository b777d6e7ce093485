// The C ABI (include/memspec/memspec.h): a thin layer over the one engine interface (R37) and the
// CLI's own reading and printing code, so that what a C, Rust or Go caller gets is what `memspec
// run` prints, not a second rendering of it.
//
// Every entry point is noexcept in effect: its body runs inside guard(), which turns
// std::bad_alloc into MEMSPEC_OUT_OF_MEMORY and any other C++ exception into MEMSPEC_INTERNAL,
// because an exception unwinding into a C frame is undefined behaviour. Every argument is checked
// before anything is allocated or copied — an access's length against R27's checks before its
// values are read — and outputs are written only once the call has succeeded, so that a failing
// call changes nothing (R28). What each status leaves behind is include/memspec/README.md's table;
// with_memory() is the one place that makes a handle broken.
#include "include/memspec/memspec.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/engines.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/preconditions.hpp"
#include "spec/vocabulary/profile.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "spec/vocabulary/scenario.hpp"

#ifndef MEMSPEC_VERSION_STRING
#error "capi/CMakeLists.txt defines MEMSPEC_VERSION_STRING from the project version"
#endif

namespace {

using memspec::ErrorKind;
using memspec::MemoryError;

memspec_status status_of(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::ParseError: return MEMSPEC_PARSE_ERROR;
        case ErrorKind::InvalidConfig: return MEMSPEC_INVALID_CONFIG;
        case ErrorKind::InvalidAddressSpace: return MEMSPEC_INVALID_ADDRESS_SPACE;
        case ErrorKind::SizeNotPowerOfTwo: return MEMSPEC_SIZE_NOT_POWER_OF_TWO;
        case ErrorKind::OutOfBounds: return MEMSPEC_OUT_OF_BOUNDS;
        case ErrorKind::UnalignedAccess: return MEMSPEC_UNALIGNED_ACCESS;
        case ErrorKind::InvalidValue: return MEMSPEC_INVALID_VALUE;
        case ErrorKind::TimestampViolation: return MEMSPEC_TIMESTAMP_VIOLATION;
        case ErrorKind::Untraceable: return MEMSPEC_UNTRACEABLE;
        case ErrorKind::LimitExceeded: return MEMSPEC_LIMIT_EXCEEDED;
        case ErrorKind::InputError: return MEMSPEC_INPUT_ERROR;
        case ErrorKind::OutputError: return MEMSPEC_OUTPUT_ERROR;
        case ErrorKind::OutOfMemory: return MEMSPEC_OUT_OF_MEMORY;
    }
    // A kind added to spec/vocabulary/error.hpp without a status here: say so rather than misreport it.
    return MEMSPEC_INTERNAL;
}

bool valid_engine(memspec_engine engine) { return engine == MEMSPEC_ENGINE_IMPL || engine == MEMSPEC_ENGINE_ORACLE; }

// R210: each profile's memspec_profile value is data of its registry entry (-1: not in the C ABI).
memspec_profile c_profile(memspec::Profile profile) {
    return static_cast<memspec_profile>(memspec::profile_entry(profile).c_abi_code);
}

std::optional<memspec::Profile> profile_of(memspec_profile profile) {
    for (const memspec::ProfileEntry& e : memspec::profile_registry())
        if (e.c_abi_code >= 0 && e.c_abi_code == static_cast<int>(profile)) return e.id;
    return std::nullopt;
}

memspec::EngineFactory factory(memspec_engine engine) {
    return *memspec::engines::by_name(engine == MEMSPEC_ENGINE_ORACLE ? "oracle" : "impl");
}

// A malloc'd NUL-terminated copy (the C side frees it with memspec_string_free, i.e. free()).
// nullptr when memory is exhausted: callers treat that as "no message", never as an error of
// their own, because the status already says what happened.
char* c_string(std::string_view text) {
    char* p = static_cast<char*>(std::malloc(text.size() + 1));
    if (!p) return nullptr;
    if (!text.empty()) std::memcpy(p, text.data(), text.size());
    p[text.size()] = '\0';
    return p;
}

// The output of memspec_run_json, formatted straight into the malloc'd buffer handed to the
// caller (no second copy of a possibly large result); freed here unless released.
class MallocSink final : public memspec::ByteSink {
public:
    MallocSink() = default;
    MallocSink(const MallocSink&) = delete;
    MallocSink& operator=(const MallocSink&) = delete;
    ~MallocSink() override { std::free(data_); }

    void write(const char* bytes, std::size_t size) override {
        if (size == 0) return;
        reserve(size);
        std::memcpy(data_ + len_, bytes, size);
        len_ += size;
    }
    // Drops what was written (the result gives way to an error line).
    void clear() { len_ = 0; }
    // NUL-terminates and hands the buffer over (the caller frees it with memspec_string_free).
    char* release(std::size_t& len) {
        reserve(1);
        data_[len_] = '\0';
        char* p = data_;
        len = len_;
        data_ = nullptr;
        len_ = cap_ = 0;
        return p;
    }

private:
    void reserve(std::size_t more) {
        if (cap_ - len_ >= more + 1) return;
        std::size_t cap = cap_ ? cap_ : 4096;
        while (cap - len_ < more + 1) {
            if (cap > SIZE_MAX / 2) throw std::bad_alloc();
            cap *= 2;
        }
        char* p = static_cast<char*>(std::realloc(data_, cap));
        if (!p) throw std::bad_alloc();
        data_ = p;
        cap_ = cap;
    }

    char* data_ = nullptr;
    std::size_t len_ = 0, cap_ = 0;
};

// Runs `body` (returning memspec_status) and converts every exception into a status: an
// allocation that failed is MEMSPEC_OUT_OF_MEMORY, anything else MEMSPEC_INTERNAL. `on_exception`
// (which must not throw) is called with that status first.
template <class Body, class OnException>
memspec_status guard(Body&& body, OnException&& on_exception) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        on_exception(MEMSPEC_OUT_OF_MEMORY);
        return MEMSPEC_OUT_OF_MEMORY;
    } catch (...) {
        on_exception(MEMSPEC_INTERNAL);
        return MEMSPEC_INTERNAL;
    }
}

// A record waiting in a handle, with its own copy of its values (data, then prev_data).
struct PendingRecord {
    memspec_record_tag tag = MEMSPEC_RECORD_NONE;
    std::uint32_t address_space = 0, pointer = 0, timestamp = 0, prev_timestamp = 0;
    std::uint32_t n = 0, left_timestamp = 0, right_timestamp = 0;
    std::vector<std::uint32_t> values;
    std::size_t data_len = 0;  // values[0, data_len) is data, the rest prev_data
};

void append_values(std::vector<std::uint32_t>& out, std::span<const memspec::BabyBear> values) {
    for (const memspec::BabyBear& v : values) out.push_back(v.v);
}

// Collects one call's records in emission order. The engine emits only when its call succeeds
// (R37), and even so the records reach the handle's queue only after the call has returned OK.
class StagingSink final : public memspec::RecordSink {
public:
    std::vector<PendingRecord> records;

    void access(const memspec::AccessRecordView& r) override {
        PendingRecord p;
        p.tag = r.op == memspec::AccessKind::Read ? MEMSPEC_RECORD_READ : MEMSPEC_RECORD_WRITE;
        p.address_space = r.address_space;
        p.pointer = r.pointer;
        p.timestamp = r.timestamp;
        p.prev_timestamp = r.prev_timestamp;
        p.values.reserve(r.data.size() + r.prev_data.size());
        append_values(p.values, r.data);
        p.data_len = r.data.size();
        append_values(p.values, r.prev_data);
        records.push_back(std::move(p));
    }
    void adapter(const memspec::AdapterRecordView& r) override {
        PendingRecord p;
        p.tag = r.kind == memspec::AdapterKind::Split ? MEMSPEC_RECORD_SPLIT : MEMSPEC_RECORD_MERGE;
        p.address_space = r.address_space;
        p.pointer = r.pointer;
        p.timestamp = r.left_timestamp > r.right_timestamp ? r.left_timestamp : r.right_timestamp;  // R19
        p.n = r.n;
        p.left_timestamp = r.left_timestamp;
        p.right_timestamp = r.right_timestamp;
        append_values(p.values, r.data);
        p.data_len = r.data.size();
        records.push_back(std::move(p));
    }
    void final_block(const memspec::FinalBlockView& b) override {
        PendingRecord p;
        p.tag = MEMSPEC_RECORD_FINAL_BLOCK;
        p.address_space = b.address_space;
        p.pointer = b.pointer;
        p.timestamp = b.timestamp;
        append_values(p.values, b.values);
        p.data_len = b.values.size();
        records.push_back(std::move(p));
    }
};

constexpr const char* BROKEN_MESSAGE =
    "the handle is broken by an earlier MEMSPEC_OUT_OF_MEMORY or MEMSPEC_INTERNAL (the engine may have stopped "
    "half-way): free it";
constexpr const char* INTERNAL_MESSAGE = "internal error (a defect of memspec)";
constexpr const char* OUT_OF_MEMORY_MESSAGE = "out of memory";
constexpr const char* MESSAGE_LOST = "(the error's message could not be kept: out of memory)";
constexpr const char* UNKNOWN_ENGINE = "unknown engine (MEMSPEC_ENGINE_IMPL or MEMSPEC_ENGINE_ORACLE)";

}  // namespace

struct memspec_memory {
    std::unique_ptr<memspec::Engine> engine;
    // The engine's config, for the checks a write makes before it copies its values (R27).
    memspec::MemoryConfig config;
    // Mirrors the engine's own state (R37): set once finalize has succeeded.
    bool finalized = false;
    // The op a write hands the engine; its data holds max_access_adapter_n values from the start,
    // so that a write that passed R27's checks copies its values without allocating.
    memspec::Op write_op;
    std::uint32_t declared_finalize_chunk = 0;
    std::deque<PendingRecord> pending;
    PendingRecord pulled;  // the record last handed out: its values back the pointers the caller holds
    StagingSink staging;
    // The last call's message: `fixed` when set (static text, so that reporting an internal error
    // cannot itself fail), else `message`.
    std::string message;
    const char* fixed = nullptr;
    bool broken = false;

    const char* last_error() const { return fixed ? fixed : message.c_str(); }
    void clear_message() noexcept {
        message.clear();  // keeps the capacity: never throws
        fixed = nullptr;
    }
    memspec_status fail(memspec_status status, const char* text) noexcept {
        message.clear();
        fixed = text;
        return status;
    }
    // The error's status. Keeping its message may itself run out of memory; the error is still
    // the error (the handle is unchanged), so its message then gives way to a fixed one.
    memspec_status fail(const MemoryError& e) noexcept {
        try {
            message = e.message;
            fixed = nullptr;
        } catch (...) {
            message.clear();
            fixed = MESSAGE_LOST;
        }
        return status_of(e.kind);
    }
    // An engine broke its contract after changing its state (with_memory marks the handle broken).
    memspec_status defect(const char* text) noexcept { return fail(MEMSPEC_INTERNAL, text); }
    void on_exception(memspec_status status) noexcept {
        message.clear();
        fixed = status == MEMSPEC_OUT_OF_MEMORY ? OUT_OF_MEMORY_MESSAGE : INTERNAL_MESSAGE;
    }
};

namespace {

// The common frame of the calls that take a non-const handle: NULL check, broken handle, guard,
// message reset. The handle's state after each status (include/memspec/README.md, "What each
// status leaves"): MEMSPEC_OUT_OF_MEMORY and MEMSPEC_INTERNAL break it, whichever path they came
// from — an allocation can fail inside the engine after it began changing its state, and the
// caller cannot tell where it failed — so they do so here, once; every other status leaves it as
// it was (the bodies fail before they change anything).
template <class Body>
memspec_status with_memory(memspec_memory* m, Body&& body) noexcept {
    if (!m) return MEMSPEC_INVALID_ARGUMENT;
    if (m->broken) return m->fail(MEMSPEC_INTERNAL, BROKEN_MESSAGE);
    m->clear_message();
    const memspec_status status =
        guard([&]() -> memspec_status { return body(*m); }, [&](memspec_status s) noexcept { m->on_exception(s); });
    if (status == MEMSPEC_OUT_OF_MEMORY || status == MEMSPEC_INTERNAL) m->broken = true;
    return status;
}

// One step: staged records reach the queue only when the engine accepted the op.
memspec_status run_step(memspec_memory& m, const memspec::Op& op) {
    m.staging.records.clear();
    if (auto st = m.engine->step(op, m.staging); !st) {
        m.staging.records.clear();
        return m.fail(st.error());
    }
    return MEMSPEC_OK;
}

// The access record a successful read or write staged last (R37), checked to have the shape the
// caller's buffers were sized for: a defect of an engine must not become a buffer overrun here.
const PendingRecord* staged_access(const memspec_memory& m, memspec_record_tag tag, std::size_t len) {
    if (m.staging.records.empty()) return nullptr;
    const PendingRecord& r = m.staging.records.back();
    const std::size_t values = tag == MEMSPEC_RECORD_WRITE ? 2 * len : len;
    if (r.tag != tag || r.data_len != len || r.values.size() != values) return nullptr;
    return &r;
}

void enqueue_staged(memspec_memory& m) {
    for (PendingRecord& r : m.staging.records) m.pending.push_back(std::move(r));
    m.staging.records.clear();
}

void set_message(char** out_message, std::string_view text) noexcept {
    if (out_message) *out_message = c_string(text);
}

memspec_status invalid_argument(char** out_message, const char* text) noexcept {
    set_message(out_message, text);
    return MEMSPEC_INVALID_ARGUMENT;
}

// A constructor's exception: whatever message was set is replaced by the status's own.
void exception_message(char** out_message, memspec_status status) noexcept {
    if (!out_message) return;
    std::free(*out_message);
    *out_message = c_string(status == MEMSPEC_OUT_OF_MEMORY ? OUT_OF_MEMORY_MESSAGE : INTERNAL_MESSAGE);
}

memspec_status setup_error(const MemoryError& e, char** out_message) {
    set_message(out_message, e.message);
    return status_of(e.kind);
}

// A handle for a validated setup; `*out` is set only when everything it needs was allocated.
memspec_status make_memory(const memspec::Setup& setup, memspec_engine engine, memspec_memory** out) {
    auto m = std::make_unique<memspec_memory>();
    m->config = setup.config;
    m->declared_finalize_chunk = setup.finalize_chunk.value_or(0);
    m->write_op.kind = memspec::OpKind::Write;
    m->write_op.data.reserve(setup.config.max_access_adapter_n);
    m->engine = factory(engine)(setup);
    *out = m.release();
    return MEMSPEC_OK;
}

memspec_status make_memory(const memspec::Scenario& scenario, memspec_engine engine, memspec_memory** out, char** out_message) {
    auto setup = memspec::validate_setup(scenario);
    if (!setup) return setup_error(setup.error(), out_message);
    return make_memory(*setup, engine, out);
}

}  // namespace

extern "C" {

MEMSPEC_API uint32_t memspec_abi_version(void) { return MEMSPEC_ABI_VERSION; }

MEMSPEC_API const char* memspec_version(void) { return MEMSPEC_VERSION_STRING; }

MEMSPEC_API const char* memspec_status_name(memspec_status status) {
    switch (status) {
        case MEMSPEC_OK: return "OK";
        case MEMSPEC_PARSE_ERROR: return "ParseError";
        case MEMSPEC_INVALID_CONFIG: return "InvalidConfig";
        case MEMSPEC_INVALID_ADDRESS_SPACE: return "InvalidAddressSpace";
        case MEMSPEC_SIZE_NOT_POWER_OF_TWO: return "SizeNotPowerOfTwo";
        case MEMSPEC_OUT_OF_BOUNDS: return "OutOfBounds";
        case MEMSPEC_UNALIGNED_ACCESS: return "UnalignedAccess";
        case MEMSPEC_INVALID_VALUE: return "InvalidValue";
        case MEMSPEC_TIMESTAMP_VIOLATION: return "TimestampViolation";
        case MEMSPEC_UNTRACEABLE: return "Untraceable";
        case MEMSPEC_LIMIT_EXCEEDED: return "LimitExceeded";
        case MEMSPEC_INPUT_ERROR: return "InputError";
        case MEMSPEC_OUTPUT_ERROR: return "OutputError";
        case MEMSPEC_OUT_OF_MEMORY: return "OutOfMemory";
        case MEMSPEC_INVALID_ARGUMENT: return "InvalidArgument";
        case MEMSPEC_INTERNAL: return "Internal";
        default: return "Unknown";
    }
}

MEMSPEC_API memspec_status memspec_run_json(const char* scenario, size_t scenario_len, memspec_engine engine, char** out,
                                            size_t* out_len) {
    if (out) *out = nullptr;
    if (out_len) *out_len = 0;
    if (!out || !out_len || (!scenario && scenario_len != 0) || !valid_engine(engine)) return MEMSPEC_INVALID_ARGUMENT;
    const memspec_status status = guard(
        [&]() -> memspec_status {
            // What `memspec run FILE` does (tools/cmd_run.cpp, run_file): the document's outcome is
            // the driver's on the parsed scenario (R37), printed directly (R29).
            MallocSink text;
            memspec_status status = MEMSPEC_OK;
            auto print_error = [&](const MemoryError& e) {
                text.clear();
                const std::string line = memspec::to_json(e) + '\n';
                text.write(line.data(), line.size());
                status = status_of(e.kind);
            };
            auto parsed = memspec::parse_scenario(std::string_view(scenario ? scenario : "", scenario_len));
            if (!parsed) {
                print_error(parsed.error());
            } else {
                memspec::RecordStore store;
                store.reserve(parsed->ops.size());
                auto end = memspec::run_scenario(factory(engine), *parsed, store);
                if (!end) {
                    print_error(end.error());
                } else {
                    const bool with_final = parsed->finalize_chunk.has_value();
                    parsed = memspec::Scenario{};  // the ops are done with: free them before printing
                    // Under openvm-v1.0-persistent the roots follow final_timestamp (R75a).
                    memspec::write_result(text, store, with_final, end->final_timestamp, end->roots);
                    text.write("\n", 1);
                }
            }
            *out = text.release(*out_len);
            return status;
        },
        [](memspec_status) noexcept {});
    // The header's rule for these two, whichever path they came from: no output (a typed
    // OutOfMemory error from a reader included, so that the status alone says what *out holds).
    if ((status == MEMSPEC_OUT_OF_MEMORY || status == MEMSPEC_INTERNAL) && *out) {
        std::free(*out);
        *out = nullptr;
        *out_len = 0;
    }
    return status;
}

MEMSPEC_API void memspec_string_free(char* string) { std::free(string); }

MEMSPEC_API void memspec_config_default(memspec_config* config) {
    if (!config) return;
    const memspec::MemoryConfig d;
    config->as_height = d.as_height;
    config->as_offset = d.as_offset;
    config->pointer_max_bits = d.pointer_max_bits;
    config->clk_max_bits = d.clk_max_bits;
    config->decomp = d.decomp;
    config->max_access_adapter_n = d.max_access_adapter_n;
    config->access_capacity = d.access_capacity;
    config->strict_alignment = d.strict_alignment ? 1 : 0;
    config->initial_block_size = static_cast<uint32_t>(memspec::Scenario{}.initial_block_size);
    config->profile = c_profile(memspec::Scenario{}.profile);  // the interchange default (generalized)
}

MEMSPEC_API memspec_status memspec_memory_new(const memspec_config* config, const memspec_cell* cells, size_t cell_count,
                                              memspec_engine engine, memspec_memory** out, char** out_message) {
    if (out) *out = nullptr;
    if (out_message) *out_message = nullptr;
    if (!out) return MEMSPEC_INVALID_ARGUMENT;
    if (!config) return invalid_argument(out_message, "config is NULL");
    if (!cells && cell_count != 0) return invalid_argument(out_message, "cells is NULL but cell_count is not 0");
    // No buffer is larger than PTRDIFF_MAX bytes: such a count cannot be the length of `cells`.
    if (cell_count > PTRDIFF_MAX / sizeof(memspec_cell))
        return invalid_argument(out_message, "cell_count is larger than any buffer of cells can be");
    if (!valid_engine(engine)) return invalid_argument(out_message, UNKNOWN_ENGINE);
    const auto profile = profile_of(config->profile);
    if (!profile) return invalid_argument(out_message, "unknown profile (MEMSPEC_PROFILE_GENERALIZED, _OPENVM_V1_0_VOLATILE, _OPENVM_V1_0_PERSISTENT, _OPENVM_V2_0, "
                                                       "_OPENVM_V1_4_VOLATILE, _OPENVM_V1_4_PERSISTENT, _OPENVM_V1_6_PERSISTENT or "
                                                       "_OPENVM_V1_7_PERSISTENT)");
    return guard(
        [&]() -> memspec_status {
            // Built as a scenario without ops, so that validation is exactly a scenario's (R28):
            // validate_setup's three steps in its order, the two that do not need the cells (the
            // head; the volatile-empty-image rule, R13) before a cell is read or copied.
            memspec::Scenario scenario;
            scenario.profile = *profile;
            scenario.config.as_height = config->as_height;
            scenario.config.as_offset = config->as_offset;
            scenario.config.pointer_max_bits = config->pointer_max_bits;
            scenario.config.clk_max_bits = config->clk_max_bits;
            scenario.config.decomp = config->decomp;
            scenario.config.max_access_adapter_n = config->max_access_adapter_n;
            scenario.config.access_capacity = config->access_capacity;
            scenario.config.strict_alignment = config->strict_alignment != 0;
            scenario.initial_block_size = config->initial_block_size;
            if (auto st = memspec::check_setup_head(scenario.profile, scenario.config, scenario.initial_block_size); !st)
                return setup_error(st.error(), out_message);
            if (auto st = memspec::check_setup_finalize(scenario.profile, scenario.config, std::nullopt, cell_count == 0); !st)
                return setup_error(st.error(), out_message);
            // A count no vector of cells can hold, however much memory there was.
            if (cell_count > scenario.initial_memory.max_size()) throw std::bad_alloc();
            scenario.initial_memory.reserve(cell_count);
            for (size_t i = 0; i < cell_count; ++i)
                scenario.initial_memory.push_back({cells[i].address_space, cells[i].pointer, cells[i].value});
            auto image = memspec::build_image(scenario.profile, scenario.config, scenario.initial_memory);
            if (!image) return setup_error(image.error(), out_message);
            scenario.initial_memory = {};  // copied into the image: free it before the engine is built
            return make_memory(memspec::setup_of(scenario, std::move(*image)), engine, out);
        },
        [&](memspec_status s) noexcept { exception_message(out_message, s); });
}

MEMSPEC_API memspec_status memspec_memory_from_header(const char* header, size_t header_len, memspec_engine engine,
                                                      memspec_memory** out, char** out_message) {
    if (out) *out = nullptr;
    if (out_message) *out_message = nullptr;
    if (!out) return MEMSPEC_INVALID_ARGUMENT;
    if (!header && header_len != 0) return invalid_argument(out_message, "header is NULL but header_len is not 0");
    if (!valid_engine(engine)) return invalid_argument(out_message, UNKNOWN_ENGINE);
    return guard(
        [&]() -> memspec_status {
            auto scenario = memspec::parse_stream_header(std::string_view(header ? header : "", header_len));
            if (!scenario) {
                set_message(out_message, scenario.error().message);
                return status_of(scenario.error().kind);
            }
            return make_memory(*scenario, engine, out, out_message);
        },
        [&](memspec_status s) noexcept { exception_message(out_message, s); });
}

MEMSPEC_API void memspec_memory_free(memspec_memory* memory) {
    // Destructors of the engines and containers do not throw; delete of NULL is a no-op.
    delete memory;
}

MEMSPEC_API const char* memspec_memory_last_error(const memspec_memory* memory) {
    if (!memory) return "memory is NULL";
    return memory->last_error();
}

MEMSPEC_API memspec_status memspec_memory_read(memspec_memory* memory, uint32_t address_space, uint32_t pointer, size_t len,
                                               uint32_t* out_values) {
    return with_memory(memory, [&](memspec_memory& m) -> memspec_status {
        if (!out_values && len != 0) return m.fail(MEMSPEC_INVALID_ARGUMENT, "out_values is NULL but len is not 0");
        if (auto st = run_step(m, memspec::Op::read(address_space, pointer, len)); st != MEMSPEC_OK) return st;
        // The access record is the step's last record (R37); its data are the values read.
        const PendingRecord* access = staged_access(m, MEMSPEC_RECORD_READ, len);
        if (!access) return m.defect("the engine accepted the read but emitted no access record of its length");
        if (len) std::memcpy(out_values, access->values.data(), len * sizeof(uint32_t));
        enqueue_staged(m);
        return MEMSPEC_OK;
    });
}

MEMSPEC_API memspec_status memspec_memory_write(memspec_memory* memory, uint32_t address_space, uint32_t pointer,
                                                const uint32_t* values, size_t len, uint32_t* out_prev) {
    return with_memory(memory, [&](memspec_memory& m) -> memspec_status {
        if (!values && len != 0) return m.fail(MEMSPEC_INVALID_ARGUMENT, "values is NULL but len is not 0");
        // The engine takes the values as a copy in its op. Before anything is read from `values`:
        // the engine's first check (R37: a finalized engine takes no op), then R27's checks 1-6,
        // the same function the engines call (spec/vocabulary/preconditions.cpp), so that the
        // error is the one the engine would give. After them len <= max_access_adapter_n, which
        // write_op.data was reserved for: the copy neither allocates nor reads past a short
        // buffer whatever len said.
        if (m.finalized) return m.fail(memspec::finalized_engine_error());
        if (auto st = memspec::check_access_shape(m.config, /*is_write=*/true, address_space, pointer, len); !st)
            return m.fail(st.error());
        m.write_op.address_space = address_space;
        m.write_op.pointer = pointer;
        m.write_op.data.assign(values, values + len);
        if (auto st = run_step(m, m.write_op); st != MEMSPEC_OK) return st;
        const PendingRecord* access = staged_access(m, MEMSPEC_RECORD_WRITE, len);
        if (!access) return m.defect("the engine accepted the write but emitted no access record of its length");
        if (out_prev && len) std::memcpy(out_prev, access->values.data() + len, len * sizeof(uint32_t));
        enqueue_staged(m);
        return MEMSPEC_OK;
    });
}

MEMSPEC_API memspec_status memspec_memory_tick(memspec_memory* memory, uint32_t by) {
    return with_memory(memory, [&](memspec_memory& m) -> memspec_status {
        if (auto st = run_step(m, memspec::Op::tick(by)); st != MEMSPEC_OK) return st;
        enqueue_staged(m);
        return MEMSPEC_OK;
    });
}

MEMSPEC_API memspec_status memspec_memory_finalize(memspec_memory* memory, uint32_t chunk) {
    return with_memory(memory, [&](memspec_memory& m) -> memspec_status {
        m.staging.records.clear();
        if (auto st = m.engine->finalize(chunk, m.staging); !st) {
            m.staging.records.clear();
            return m.fail(st.error());
        }
        m.finalized = true;
        enqueue_staged(m);
        return MEMSPEC_OK;
    });
}

MEMSPEC_API memspec_status memspec_memory_timestamp(const memspec_memory* memory, uint32_t* out_timestamp) {
    if (!memory || !out_timestamp) return MEMSPEC_INVALID_ARGUMENT;
    if (memory->broken) return MEMSPEC_INTERNAL;
    *out_timestamp = memory->engine->timestamp();
    return MEMSPEC_OK;
}

MEMSPEC_API memspec_status memspec_memory_declared_finalize_chunk(const memspec_memory* memory, uint32_t* out_chunk) {
    if (!memory || !out_chunk) return MEMSPEC_INVALID_ARGUMENT;
    if (memory->broken) return MEMSPEC_INTERNAL;
    *out_chunk = memory->declared_finalize_chunk;
    return MEMSPEC_OK;
}

MEMSPEC_API memspec_status memspec_memory_next_record(memspec_memory* memory, memspec_record* out) {
    return with_memory(memory, [&](memspec_memory& m) -> memspec_status {
        if (!out) return m.fail(MEMSPEC_INVALID_ARGUMENT, "out is NULL");
        *out = memspec_record{};
        if (m.pending.empty()) return MEMSPEC_OK;
        // Moving (not copying) the values keeps their address: the caller's pointers stay valid
        // while later steps add to the queue.
        m.pulled = std::move(m.pending.front());
        m.pending.pop_front();
        const PendingRecord& r = m.pulled;
        out->tag = r.tag;
        out->address_space = r.address_space;
        out->pointer = r.pointer;
        out->timestamp = r.timestamp;
        out->prev_timestamp = r.prev_timestamp;
        out->n = r.n;
        out->left_timestamp = r.left_timestamp;
        out->right_timestamp = r.right_timestamp;
        out->data_len = r.data_len;
        out->data = r.data_len ? r.values.data() : nullptr;
        out->prev_data_len = r.values.size() - r.data_len;
        out->prev_data = out->prev_data_len ? r.values.data() + r.data_len : nullptr;
        return MEMSPEC_OK;
    });
}

// A broken handle's queue may hold part of a call's records: none is reported.
MEMSPEC_API size_t memspec_memory_pending_records(const memspec_memory* memory) {
    return memory && !memory->broken ? memory->pending.size() : 0;
}

MEMSPEC_API memspec_status memspec_memory_clear_records(memspec_memory* memory) {
    return with_memory(memory, [&](memspec_memory& m) -> memspec_status {
        m.pending.clear();
        m.pulled = PendingRecord{};
        return MEMSPEC_OK;
    });
}

}  // extern "C"
