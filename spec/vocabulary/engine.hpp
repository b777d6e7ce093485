// The one engine interface (R37): both models of the memory system — the oracle and impl — are
// driven through it, by the CLI, the benchmarks, the fuzz targets, the properties and the C ABI.
// An engine is set up from a validated Setup (R28), executes one operation per `step` and hands
// each record to a RecordSink the moment it exists, so that nothing on the path has to hold the
// whole run unless the sink chooses to (streaming, digests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>

#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/records.hpp"
#include "spec/vocabulary/run_counts.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

// Records as borrowed views: an engine keeps the values in its own storage, valid only during the
// sink call, so emitting a record never allocates.
struct AccessRecordView {
    AccessKind op;
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t timestamp;
    std::uint32_t prev_timestamp;
    std::span<const BabyBear> data;       // values read, or values written
    std::span<const BabyBear> prev_data;  // writes only
};

struct AdapterRecordView {
    std::uint32_t n;
    AdapterKind kind;
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t left_timestamp;
    std::uint32_t right_timestamp;
    std::span<const BabyBear> data;
};

struct FinalBlockView {
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t timestamp;
    std::span<const BabyBear> values;
};

inline AccessRecordView view(const AccessRecord& r) {
    return {r.op, r.address_space, r.pointer, r.timestamp, r.prev_timestamp, r.data, r.prev_data};
}
inline AdapterRecordView view(const AccessAdapterRecord& r) {
    return {r.n, r.kind, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp, r.data};
}
inline FinalBlockView view(const FinalBlock& b) { return {b.address_space, b.pointer, b.timestamp, b.values}; }

// Where records go, in the order the engine produces them: for each step, its adapter records
// (R17-R20) and then its access record (R16); for finalize, its adapter records, then the final
// blocks in (address space, pointer) order (R23, R24).
class RecordSink {
public:
    virtual ~RecordSink() = default;
    virtual void access(const AccessRecordView& record) = 0;
    virtual void adapter(const AdapterRecordView& record) = 0;
    virtual void final_block(const FinalBlockView& block) = 0;
};

// A sink that drops everything (for timing the engine alone, and for callers that only want
// the final state).
class NullSink final : public RecordSink {
public:
    void access(const AccessRecordView&) override {}
    void adapter(const AdapterRecordView&) override {}
    void final_block(const FinalBlockView&) override {}
};

class Engine {
public:
    virtual ~Engine() = default;
    // R27, R28: one operation. On error nothing changed and nothing was emitted; the engine can go
    // on with the next operation. The error carries no op_index: the driver knows the index.
    virtual Status step(const Op& op, RecordSink& sink) = 0;
    // R23, R24: brings every touched chunk to one block of `chunk` cells, emitting the adapter
    // records and then the final blocks. Checks `chunk` (R26) first; afterwards the engine
    // accepts no further operation (a second finalize or a step is InvalidConfig).
    virtual Status finalize(std::uint64_t chunk, RecordSink& sink) = 0;
    // R9: the clock.
    virtual std::uint32_t timestamp() const = 0;
    // R22: how many cells are touched so far (finalize's included, once it ran), counted from the
    // blocks the engine holds.
    virtual std::uint64_t touched_cells() const = 0;
    // A hint that `op` comes soon (the program is known ahead): an engine may start loading the
    // memory it touches. No effect on results.
    virtual void prefetch(const Op&) {}
};

// Steps ops a few behind the reader that produces them, telling the engine about each op as it
// arrives (Engine::prefetch), so that a random access's cache miss overlaps the ops before it —
// what run_scenario does with a scenario in memory, for ops read one at a time (R37, R38).
class Lookahead {
public:
    static constexpr std::size_t DEPTH = 8;
    Lookahead(Engine& engine, RecordSink& sink) : engine_(engine), sink_(sink) {}
    // Queues a copy of op number `index`; steps the oldest queued op when the queue is full. An
    // error is that op's, with its index (R28); afterwards nothing more is stepped.
    Status push(const Op& op, std::size_t index);
    // Steps what is queued.
    Status drain();

private:
    Status step_oldest();
    Engine& engine_;
    RecordSink& sink_;
    Op ring_[DEPTH];
    std::size_t index_[DEPTH] = {};
    std::size_t head_ = 0, size_ = 0;
};

// R37: what step or finalize returns after finalize.
inline MemoryError finalized_engine_error() {
    return make_error(ErrorKind::InvalidConfig, "the engine was finalized: it takes no further operation (R37)");
}

// How a driver makes an engine; oracle::make_engine and impl::make_engine have this shape.
using EngineFactory = std::function<std::unique_ptr<Engine>(const Setup&)>;

// Progress of a long run: `done` of `total` operations.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// How a run ended: the final clock (R9, R25), under the persistent profile the roots (R75a), and
// what the run did (R197).
struct RunEnd {
    std::uint32_t final_timestamp = 1;
    std::optional<ResultRoots> roots;
    RunCounts counts;
};

// R28: the driver every whole-scenario run goes through: setup validation, then the ops in order
// (the first failing one's error carries its index), then finalize when finalize_chunk is given.
// Records stream into `sink`; the final clock (and roots) are returned. The one op loop of memspec.
Result<RunEnd> run_scenario(const EngineFactory& make, const Scenario& scenario, RecordSink& sink,
                                   const ProgressFn& progress = {});

// The same with every record kept, as a RunResult.
Result<RunResult> run_to_result(const EngineFactory& make, const Scenario& scenario, const ProgressFn& progress = {});

}  // namespace memspec
