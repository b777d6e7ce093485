// Fuzz target `capi_steps` (R28, R37; include/memspec/README.md): the C ABI against the C++
// engines it wraps, on bytes -> Scenario (fuzz/fuzzed_data.hpp). capi/memspec.cpp is compiled into
// this executable (fuzz/CMakeLists.txt), so the ABI runs instrumented like the libraries.
// - The step API, on each engine: memspec_memory_new from the config struct and image cells, then
//   every op as memspec_memory_read/_write/_tick and the finalize the scenario asks for, pulling
//   every record each call makes. Each call is compared with Engine::step / Engine::finalize of the
//   same engine made from the same Setup: the status is the error kind's (or MEMSPEC_OK), the
//   message is the engine's, the pulled records are the engine's records in emission order, the
//   values read and overwritten are the access record's. Steps go on after a failing op, as the
//   contract says the handle does.
// - A failing call changes nothing: the clock, the pending records and the output buffer are as
//   before, and the following calls still agree with the engine.
// - The records pulled up to the first failing op, rebuilt into a RunResult, equal run_to_result
//   on the scenario; a failing setup or op gives the same error kind at the same op.
// - NULL handles and pointers are MEMSPEC_INVALID_ARGUMENT and change nothing; freeing NULL is a
//   no-op; read, write, tick and finalize after finalize are MEMSPEC_INVALID_CONFIG.
// - memspec_run_json on the scenario's JSON (to_json) returns, byte for byte and with the error
//   kind's status, what `memspec run FILE` prints for it (DocumentSource through run_source, write_result, a newline).
// The C ABI takes 32-bit fields: a scenario field that does not fit (an 8-byte literal) ends the
// ops compared there (the step part is skipped when the setup does not fit). A read longer than
// MAX_READ_LEN cells ends them too: the output buffer must hold `len` values, and any read longer
// than max_access_adapter_n <= 32 fails anyway (R7). Buffers are never shorter than their length.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engines/engines.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/record_store.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "include/memspec/memspec.h"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "spec/vocabulary/scenario.hpp"
#include "fuzz/check.hpp"
#include "fuzz/fuzzed_data.hpp"
#include "fuzz/mem_file.hpp"

using namespace memspec;

namespace {

constexpr std::uint64_t U32_MAX = 0xFFFFFFFFu;
constexpr std::uint64_t MAX_READ_LEN = 1024;
constexpr std::uint32_t SENTINEL = 0xA5A5A5A5u;  // what an untouched output buffer holds

bool fits(std::uint64_t v) { return v <= U32_MAX; }

// The header's table (memspec.h, "Status codes"), written out again rather than taken from
// capi/memspec.cpp, so that a wrong entry there is a finding.
memspec_status expected_status(ErrorKind kind) {
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
    return MEMSPEC_INTERNAL;
}

std::string status_text(memspec_status s) { return std::string(memspec_status_name(s)) + " (" + std::to_string(s) + ")"; }

// One record in the C ABI's shape, with its own copy of the values.
struct Rec {
    memspec_record_tag tag = MEMSPEC_RECORD_NONE;
    std::uint32_t as = 0, ptr = 0, ts = 0, prev_ts = 0, n = 0, left = 0, right = 0;
    std::vector<std::uint32_t> data, prev;
    friend bool operator==(const Rec&, const Rec&) = default;
};

std::string describe(const Rec& r) {
    std::string s = "{tag " + std::to_string(r.tag) + " as " + std::to_string(r.as) + " ptr " + std::to_string(r.ptr) + " ts " +
                    std::to_string(r.ts) + " prev_ts " + std::to_string(r.prev_ts) + " n " + std::to_string(r.n) + " left " +
                    std::to_string(r.left) + " right " + std::to_string(r.right) + " data [";
    for (auto v : r.data) s += std::to_string(v) + ",";
    s += "] prev [";
    for (auto v : r.prev) s += std::to_string(v) + ",";
    return s + "]}";
}

std::string describe(const std::vector<Rec>& rs) {
    std::string s;
    for (const Rec& r : rs) s += describe(r) + "\n";
    return s.empty() ? "(none)\n" : s;
}

std::vector<std::uint32_t> values(std::span<const BabyBear> v) {
    std::vector<std::uint32_t> out;
    for (const BabyBear& x : v) out.push_back(x.v);
    return out;
}

// What the C++ engine emits, in the shape the header documents for memspec_record.
class Collect final : public RecordSink {
public:
    std::vector<Rec> recs;
    void access(const AccessRecordView& r) override {
        Rec x;
        x.tag = r.op == AccessKind::Read ? MEMSPEC_RECORD_READ : MEMSPEC_RECORD_WRITE;
        x.as = r.address_space, x.ptr = r.pointer, x.ts = r.timestamp, x.prev_ts = r.prev_timestamp;
        x.data = values(r.data), x.prev = values(r.prev_data);
        recs.push_back(std::move(x));
    }
    void adapter(const AdapterRecordView& r) override {
        Rec x;
        x.tag = r.kind == AdapterKind::Split ? MEMSPEC_RECORD_SPLIT : MEMSPEC_RECORD_MERGE;
        x.as = r.address_space, x.ptr = r.pointer, x.n = r.n, x.left = r.left_timestamp, x.right = r.right_timestamp;
        x.ts = std::max(r.left_timestamp, r.right_timestamp);  // R19: the parent block's
        x.data = values(r.data);
        recs.push_back(std::move(x));
    }
    void final_block(const FinalBlockView& b) override {
        Rec x;
        x.tag = MEMSPEC_RECORD_FINAL_BLOCK;
        x.as = b.address_space, x.ptr = b.pointer, x.ts = b.timestamp;
        x.data = values(b.values);
        recs.push_back(std::move(x));
    }
};

// The scenario as far as the C ABI can express it: ops up to the first that does not fit, the
// finalize only when every op fits and its chunk does. nullopt: the setup itself does not fit.
std::optional<Scenario> expressible(const Scenario& sc) {
    if (!fits(sc.initial_block_size)) return std::nullopt;
    for (const InitialCell& c : sc.initial_memory)
        if (!fits(c.address_space) || !fits(c.pointer) || !fits(c.value)) return std::nullopt;
    Scenario rep = sc;
    rep.ops.clear();
    bool all = true;
    for (const Op& op : sc.ops) {
        bool ok = true;
        switch (op.kind) {
            case OpKind::Read: ok = fits(op.address_space) && fits(op.pointer) && op.len <= MAX_READ_LEN; break;
            case OpKind::Write:
                ok = fits(op.address_space) && fits(op.pointer);
                for (std::uint64_t v : op.data) ok = ok && fits(v);
                break;
            case OpKind::Tick: ok = fits(op.by); break;
        }
        if (!ok) {
            all = false;
            break;
        }
        rep.ops.push_back(op);
    }
    if (!all || (rep.finalize_chunk && !fits(*rep.finalize_chunk))) rep.finalize_chunk.reset();
    return rep;
}

memspec_config c_config(const Scenario& sc) {
    memspec_config c;
    memspec_config_default(&c);
    c.as_height = sc.config.as_height;
    c.as_offset = sc.config.as_offset;
    c.pointer_max_bits = sc.config.pointer_max_bits;
    c.clk_max_bits = sc.config.clk_max_bits;
    c.decomp = sc.config.decomp;
    c.max_access_adapter_n = sc.config.max_access_adapter_n;
    c.access_capacity = sc.config.access_capacity;
    c.strict_alignment = sc.config.strict_alignment ? 1 : 0;
    c.initial_block_size = static_cast<std::uint32_t>(sc.initial_block_size);
    c.profile = static_cast<memspec_profile>(profile_entry(sc.profile).c_abi_code);  // R210: the entry's C ABI value
    return c;
}

std::uint32_t clock_of(const Scenario& sc, const memspec_memory* m) {
    std::uint32_t t = 0;
    if (memspec_memory_timestamp(m, &t) != MEMSPEC_OK) fuzz::fail("memspec_memory_timestamp failed on a live handle", sc);
    return t;
}

// Pulls every pending record (the count must be what pending_records said), checking the record
// pointers and lengths on the way.
std::vector<Rec> pull(const Scenario& sc, memspec_memory* m) {
    const std::size_t pending = memspec_memory_pending_records(m);
    std::vector<Rec> out;
    for (;;) {
        memspec_record r;
        std::memset(&r, 0x5A, sizeof r);
        if (memspec_memory_next_record(m, &r) != MEMSPEC_OK) fuzz::fail("memspec_memory_next_record failed", sc);
        if (r.tag == MEMSPEC_RECORD_NONE) {
            if (r.data || r.prev_data || r.data_len || r.prev_data_len || r.address_space || r.pointer || r.timestamp || r.n)
                fuzz::fail("MEMSPEC_RECORD_NONE with fields that are not 0", sc);
            break;
        }
        if ((r.data_len != 0) != (r.data != nullptr) || (r.prev_data_len != 0) != (r.prev_data != nullptr))
            fuzz::fail("a record's data pointer and length disagree", sc);
        Rec x;
        x.tag = r.tag, x.as = r.address_space, x.ptr = r.pointer, x.ts = r.timestamp, x.prev_ts = r.prev_timestamp;
        x.n = r.n, x.left = r.left_timestamp, x.right = r.right_timestamp;
        if (r.data_len) x.data.assign(r.data, r.data + r.data_len);
        if (r.prev_data_len) x.prev.assign(r.prev_data, r.prev_data + r.prev_data_len);
        out.push_back(std::move(x));
    }
    if (out.size() != pending)
        fuzz::fail("pending_records said " + std::to_string(pending) + ", " + std::to_string(out.size()) + " were pulled", sc);
    if (memspec_memory_pending_records(m) != 0) fuzz::fail("records still pending after MEMSPEC_RECORD_NONE", sc);
    return out;
}

// Rebuilds run_to_result's RunResult from pulled records (the ops before the first failure).
struct Rebuilt {
    RunResult result;
    void add(const std::vector<Rec>& recs, std::optional<std::uint32_t> chunk) {
        for (const Rec& r : recs) {
            std::vector<BabyBear> data, prev;
            for (auto v : r.data) data.push_back(BabyBear::from_canonical(v));
            for (auto v : r.prev) prev.push_back(BabyBear::from_canonical(v));
            switch (r.tag) {
                case MEMSPEC_RECORD_READ:
                    result.reads.push_back(data);
                    result.records.push_back({AccessKind::Read, r.as, r.ptr, r.ts, r.prev_ts, data, prev});
                    break;
                case MEMSPEC_RECORD_WRITE:
                    result.records.push_back({AccessKind::Write, r.as, r.ptr, r.ts, r.prev_ts, data, prev});
                    break;
                case MEMSPEC_RECORD_SPLIT:
                case MEMSPEC_RECORD_MERGE:
                    result.adapter_records.push_back(
                        {r.n, r.tag == MEMSPEC_RECORD_SPLIT ? AdapterKind::Split : AdapterKind::Merge, r.as, r.ptr, r.left, r.right, data});
                    break;
                case MEMSPEC_RECORD_FINAL_BLOCK:
                    if (!result.final_memory) result.final_memory = TimestampedEquipartition{chunk.value_or(0), {}};
                    result.final_memory->blocks.push_back({r.as, r.ptr, r.ts, data});
                    break;
                default: break;
            }
        }
    }
};

// Calls with NULL arguments on a live handle: each is MEMSPEC_INVALID_ARGUMENT and leaves the
// clock and the pending records alone (the steps that follow check the memory itself).
void null_arguments(const Scenario& sc, memspec_memory* m) {
    const std::uint32_t clock = clock_of(sc, m);
    const std::size_t pending = memspec_memory_pending_records(m);
    std::uint32_t one = 0, out = SENTINEL;
    auto expect = [&](memspec_status got, const char* call) {
        if (got != MEMSPEC_INVALID_ARGUMENT) fuzz::fail(std::string(call) + " returned " + status_text(got) + ", not InvalidArgument", sc);
    };
    expect(memspec_memory_read(nullptr, 1, 0, 1, &out), "read(NULL handle)");
    expect(memspec_memory_read(m, 1, 0, 1, nullptr), "read(out_values NULL, len 1)");
    expect(memspec_memory_write(nullptr, 1, 0, &one, 1, &out), "write(NULL handle)");
    expect(memspec_memory_write(m, 1, 0, nullptr, 1, &out), "write(values NULL, len 1)");
    expect(memspec_memory_tick(nullptr, 1), "tick(NULL handle)");
    expect(memspec_memory_finalize(nullptr, 1), "finalize(NULL handle)");
    expect(memspec_memory_timestamp(nullptr, &out), "timestamp(NULL handle)");
    expect(memspec_memory_timestamp(m, nullptr), "timestamp(out NULL)");
    expect(memspec_memory_declared_finalize_chunk(m, nullptr), "declared_finalize_chunk(out NULL)");
    expect(memspec_memory_next_record(nullptr, nullptr), "next_record(NULL handle)");
    expect(memspec_memory_next_record(m, nullptr), "next_record(out NULL)");
    expect(memspec_memory_clear_records(nullptr), "clear_records(NULL handle)");
    if (out != SENTINEL) fuzz::fail("a call returning InvalidArgument wrote its output", sc);
    if (memspec_memory_pending_records(nullptr) != 0) fuzz::fail("pending_records(NULL) is not 0", sc);
    if (memspec_memory_last_error(nullptr) == nullptr) fuzz::fail("last_error(NULL) is NULL", sc);
    memspec_memory_free(nullptr);
    memspec_string_free(nullptr);
    if (clock_of(sc, m) != clock || memspec_memory_pending_records(m) != pending)
        fuzz::fail("a call returning InvalidArgument changed the clock or the pending records", sc);
}

// The constructors' argument checks: *out is NULL afterwards, and a message when asked for.
void constructor_arguments(const Scenario& sc, const memspec_config& config) {
    static int placeholder;  // a non-NULL *out that each failing constructor must overwrite
    memspec_memory* const set = reinterpret_cast<memspec_memory*>(&placeholder);
    memspec_memory* m = set;
    char* msg = nullptr;
    auto expect = [&](memspec_status got, const char* call) {
        if (got != MEMSPEC_INVALID_ARGUMENT) fuzz::fail(std::string(call) + " returned " + status_text(got) + ", not InvalidArgument", sc);
        if (m != nullptr) fuzz::fail(std::string(call) + " left *out set", sc);
        memspec_string_free(msg);
        msg = nullptr;
        m = set;
    };
    expect(memspec_memory_new(nullptr, nullptr, 0, MEMSPEC_ENGINE_IMPL, &m, &msg), "memory_new(config NULL)");
    expect(memspec_memory_new(&config, nullptr, 1, MEMSPEC_ENGINE_IMPL, &m, &msg), "memory_new(cells NULL, count 1)");
    expect(memspec_memory_new(&config, nullptr, 0, 2, &m, &msg), "memory_new(engine 2)");
    memspec_config bad = config;
    bad.profile = 99;
    expect(memspec_memory_new(&bad, nullptr, 0, MEMSPEC_ENGINE_ORACLE, &m, nullptr), "memory_new(profile 99)");
    if (memspec_memory_new(&config, nullptr, 0, MEMSPEC_ENGINE_IMPL, nullptr, &msg) != MEMSPEC_INVALID_ARGUMENT)
        fuzz::fail("memory_new(out NULL) is not InvalidArgument", sc);
    memspec_string_free(msg);
    char* text = reinterpret_cast<char*>(&placeholder);
    std::size_t len = 7;
    if (memspec_run_json(nullptr, 1, MEMSPEC_ENGINE_IMPL, &text, &len) != MEMSPEC_INVALID_ARGUMENT || text || len)
        fuzz::fail("run_json(scenario NULL, len 1) is not InvalidArgument with *out NULL and *out_len 0", sc);
    if (memspec_run_json("{}", 2, MEMSPEC_ENGINE_IMPL, nullptr, &len) != MEMSPEC_INVALID_ARGUMENT)
        fuzz::fail("run_json(out NULL) is not InvalidArgument", sc);
}

// The step API on `engine`, against the C++ engine of the same kind made from the same Setup.
void steps(const Scenario& sc, memspec_engine engine, const EngineFactory& make, bool with_argument_checks) {
    const memspec_config config = c_config(sc);
    std::vector<memspec_cell> cells;
    for (const InitialCell& c : sc.initial_memory)
        cells.push_back({static_cast<std::uint32_t>(c.address_space), static_cast<std::uint32_t>(c.pointer), static_cast<std::uint32_t>(c.value)});
    if (with_argument_checks) constructor_arguments(sc, config);

    const Result<RunResult> whole = run_to_result(make, sc);
    // memspec_memory_new takes no finalize chunk: its checks (R26, R13) come at memspec_memory_finalize.
    Scenario head = sc;
    head.finalize_chunk.reset();
    const auto setup = validate_setup(head);
    memspec_memory* m = nullptr;
    char* msg = nullptr;
    const memspec_status made = memspec_memory_new(&config, cells.empty() ? nullptr : cells.data(), cells.size(), engine, &m, &msg);
    if (!setup) {
        const std::string got_msg = msg ? msg : "";
        memspec_string_free(msg);
        if (made != expected_status(setup.error().kind) || m != nullptr)
            fuzz::fail("memory_new returned " + status_text(made) + " for a setup the engine rejects with " +
                           std::string(to_string(setup.error().kind)),
                       sc);
        if (got_msg != setup.error().message) fuzz::fail("memory_new's message differs", sc, "want: " + setup.error().message + "\ngot:  " + got_msg);
        // The whole run checks finalize_chunk before the image (R28), so its kind may differ.
        const auto full_setup = validate_setup(sc);
        if (full_setup || whole.ok() || whole.error().kind != full_setup.error().kind || whole.error().op_index)
            fuzz::fail("run_to_result disagrees with validate_setup", sc, fuzz::describe(whole));
        return;
    }
    if (made != MEMSPEC_OK || !m || msg) fuzz::fail("memory_new returned " + status_text(made) + " for a valid setup", sc);
    std::uint32_t declared = SENTINEL;
    if (memspec_memory_declared_finalize_chunk(m, &declared) != MEMSPEC_OK || declared != 0)
        fuzz::fail("declared_finalize_chunk of memory_new is not 0", sc);

    auto ref = make(*setup);
    Rebuilt rebuilt;
    std::optional<std::size_t> first_failure;
    std::optional<MemoryError> first_error, finalize_error;
    if (clock_of(sc, m) != ref->timestamp()) fuzz::fail("initial clock differs", sc);
    if (with_argument_checks) null_arguments(sc, m);

    // One call on both sides: same status, message, records, clock; a failure changes nothing.
    auto compare = [&](const std::string& what, const Status& want, memspec_status got, const Collect& emitted,
                       std::uint32_t clock_before) {
        const memspec_status want_status = want ? MEMSPEC_OK : expected_status(want.error().kind);
        if (got != want_status)
            fuzz::fail(what + ": C ABI returned " + status_text(got) + ", the engine " + status_text(want_status), sc,
                       want ? "" : "engine: " + want.error().message);
        const std::string want_msg = want ? "" : want.error().message;
        if (memspec_memory_last_error(m) != want_msg)
            fuzz::fail(what + ": last_error differs", sc, "want: " + want_msg + "\ngot:  " + memspec_memory_last_error(m));
        if (!want && memspec_memory_pending_records(m) != 0) fuzz::fail(what + ": a failing call queued records", sc);
        const std::vector<Rec> got_recs = pull(sc, m);
        if (got_recs != emitted.recs)
            fuzz::fail(what + ": records differ", sc, "engine:\n" + describe(emitted.recs) + "C ABI:\n" + describe(got_recs));
        const std::uint32_t clock = clock_of(sc, m);
        if (clock != ref->timestamp()) fuzz::fail(what + ": clock differs", sc);
        if (!want && clock != clock_before) fuzz::fail(what + ": a failing call moved the clock", sc);
        return got_recs;
    };

    for (std::size_t i = 0; i < sc.ops.size(); ++i) {
        const Op& op = sc.ops[i];
        const std::string what = "op " + std::to_string(i);
        const std::uint32_t before = clock_of(sc, m);
        Collect emitted;
        const Status want = ref->step(op, emitted);
        memspec_status got = MEMSPEC_INTERNAL;
        std::vector<std::uint32_t> out;
        switch (op.kind) {
            case OpKind::Read:
                out.assign(op.len, SENTINEL);
                got = memspec_memory_read(m, static_cast<std::uint32_t>(op.address_space), static_cast<std::uint32_t>(op.pointer), op.len,
                                          out.empty() ? nullptr : out.data());
                break;
            case OpKind::Write: {
                std::vector<std::uint32_t> vals(op.data.begin(), op.data.end());
                out.assign(vals.size(), SENTINEL);
                got = memspec_memory_write(m, static_cast<std::uint32_t>(op.address_space), static_cast<std::uint32_t>(op.pointer),
                                           vals.empty() ? nullptr : vals.data(), vals.size(), out.empty() ? nullptr : out.data());
                break;
            }
            case OpKind::Tick: got = memspec_memory_tick(m, static_cast<std::uint32_t>(op.by)); break;
        }
        const std::vector<Rec> recs = compare(what, want, got, emitted, before);
        if (!want) {
            for (auto v : out)
                if (v != SENTINEL) fuzz::fail(what + ": a failing call wrote its output buffer", sc);
            if (!first_failure) first_failure = i, first_error = want.error();
            continue;
        }
        if (op.kind != OpKind::Tick) {
            // The output buffer is the access record's data (read) or prev_data (write).
            if (recs.empty() || (recs.back().tag != MEMSPEC_RECORD_READ && recs.back().tag != MEMSPEC_RECORD_WRITE))
                fuzz::fail(what + ": no access record last", sc);
            const auto& expected = op.kind == OpKind::Read ? recs.back().data : recs.back().prev;
            if (out != expected) fuzz::fail(what + ": the output buffer is not the access record's values", sc);
        }
        if (!first_failure) rebuilt.add(recs, std::nullopt);
    }

    bool finalized = false;
    if (sc.finalize_chunk) {
        const std::uint32_t chunk = static_cast<std::uint32_t>(*sc.finalize_chunk);
        const std::uint32_t before = clock_of(sc, m);
        Collect emitted;
        const Status want = ref->finalize(chunk, emitted);
        const auto recs = compare("finalize", want, memspec_memory_finalize(m, chunk), emitted, before);
        finalized = want.ok();
        if (!want) finalize_error = want.error();
        if (!first_failure && want) {
            rebuilt.add(recs, chunk);
            if (!rebuilt.result.final_memory) rebuilt.result.final_memory = TimestampedEquipartition{chunk, {}};
        }
    }
    if (finalized) {
        // R37: nothing more is taken; the clock and the records still are.
        const std::uint32_t before = clock_of(sc, m);
        std::uint32_t out = SENTINEL, one = 1;
        Collect none;
        const Status want = ref->step(Op::read(1, 0, 1), none);
        compare("read after finalize", want, memspec_memory_read(m, 1, 0, 1, &out), none, before);
        compare("write after finalize", ref->step(Op::write(1, 0, {1}), none), memspec_memory_write(m, 1, 0, &one, 1, &out), none, before);
        compare("tick after finalize", ref->step(Op::tick(0), none), memspec_memory_tick(m, 0), none, before);
        compare("second finalize", ref->finalize(1, none), memspec_memory_finalize(m, 1), none, before);
        if (want || expected_status(want.error().kind) != MEMSPEC_INVALID_CONFIG || out != SENTINEL || !none.recs.empty())
            fuzz::fail("a step after finalize was not InvalidConfig with nothing changed", sc);
    }

    // The whole run: the records up to the first failure are run_to_result's. A finalize chunk
    // the setup rejects (R26, R13) fails the whole run before any op, and memspec_memory_finalize
    // with the same kind.
    rebuilt.result.final_timestamp = clock_of(sc, m);
    const auto full_setup = validate_setup(sc);
    std::optional<MemoryError> want_error = !full_setup ? std::optional(full_setup.error()) : first_error ? first_error : finalize_error;
    if (!full_setup && (!finalize_error || finalize_error->kind != full_setup.error().kind))
        fuzz::fail("a finalize chunk the setup rejects was not rejected with the same kind by memspec_memory_finalize", sc);
    if (whole.ok() == want_error.has_value()) fuzz::fail("run_to_result and the steps disagree on success", sc, fuzz::describe(whole));
    if (want_error) {
        const std::optional<std::size_t> index = full_setup ? first_failure : std::nullopt;
        if (whole.error().kind != want_error->kind || whole.error().op_index != index)
            fuzz::fail("run_to_result's error is not the first failing call's", sc, fuzz::describe(whole));
    } else {
        RunResult want = whole.value();
        want.roots.reset();  // the step API gives no roots (R75a is memspec_run_json's)
        if (!(want == rebuilt.result))
            fuzz::fail("records pulled through the C ABI differ from run_to_result; first difference: " +
                           fuzz::first_difference(Result<RunResult>(want), Result<RunResult>(rebuilt.result)),
                       sc, "run_to_result:\n" + to_json(want) + "\nC ABI:\n" + to_json(rebuilt.result));
    }
    memspec_memory_free(m);
}

using fuzz::MemFile;  // mem_file.hpp

// What `memspec run --engine ENGINE FILE` prints (tools/cmd_run.cpp, run_file), and its status.
std::string cli_output(const MemFile& doc, const EngineFactory& make, memspec_status& status) {
    RecordStore store;
    DocumentSource source(doc.path());
    auto run = run_source(make, source, store, {{}, [&] { store = RecordStore{}; }});
    if (!run) {
        status = expected_status(run.error().kind);
        return to_json(run.error()) + "\n";
    }
    status = MEMSPEC_OK;
    StringSink out;
    write_result(out, store, run->finalize_chunk.has_value(), run->final_timestamp, run->roots);
    return out.text + "\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzedData in(data, size);
    const Scenario sc = fuzz::ScenarioDecoder(in).scenario();

    const std::string json = to_json(sc);
    MemFile doc(json);
    for (const memspec_engine engine : {MEMSPEC_ENGINE_IMPL, MEMSPEC_ENGINE_ORACLE}) {
        const EngineFactory make = *engines::by_name(engine == MEMSPEC_ENGINE_IMPL ? "impl" : "oracle");
        memspec_status want_status = MEMSPEC_INTERNAL;
        const std::string want = cli_output(doc, make, want_status);
        char* out = nullptr;
        std::size_t len = 0;
        const memspec_status got_status = memspec_run_json(json.data(), json.size(), engine, &out, &len);
        if (!out) fuzz::fail("memspec_run_json returned no buffer (" + status_text(got_status) + ")", sc);
        const std::string got(out, len);
        const bool terminated = out[len] == '\0';
        memspec_string_free(out);
        if (!terminated) fuzz::fail("memspec_run_json's buffer is not NUL-terminated", sc);
        if (got != want || got_status != want_status)
            fuzz::fail("memspec_run_json differs from `memspec run` (" + status_text(got_status) + " vs " + status_text(want_status) + ")", sc,
                       "want: " + want + "got:  " + got);

        if (const auto rep = expressible(sc)) steps(*rep, engine, make, engine == MEMSPEC_ENGINE_IMPL);
    }
    return 0;
}
