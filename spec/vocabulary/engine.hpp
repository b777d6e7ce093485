// The one engine interface (R37): both models of the memory system — the oracle and impl — are
// driven through it, by the CLI, the benchmarks, the fuzz targets, the properties and the C ABI.
// An engine is set up from a validated Setup (R28), executes one operation per `step` and hands
// each record to a RecordSink the moment it exists, so that nothing on the path has to hold the
// whole run unless the sink chooses to (streaming, digests). Below it, the one driver that runs an
// engine over any OpSource (R190).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/op_source.hpp"
#include "spec/vocabulary/record_sink.hpp"
#include "spec/vocabulary/run_counts.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

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

// R37: what step or finalize returns after finalize.
inline MemoryError finalized_engine_error() {
    return make_error(ErrorKind::InvalidConfig, "the engine was finalized: it takes no further operation (R37)");
}

// How a driver makes an engine; oracle::make_engine and impl::make_engine have this shape.
using EngineFactory = std::function<std::unique_ptr<Engine>(const Setup&)>;

// Progress of a long run: `done` of `total` operations.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// How a run ended: the final clock (R9, R25), the finalize_chunk it finalized with (a document's or
// stream's may come after the ops), under the persistent profile the roots (R75a), and what the run
// did (R197).
struct RunEnd {
    std::uint32_t final_timestamp = 1;
    std::optional<ResultRoots> roots;
    std::optional<std::uint64_t> finalize_chunk;
    RunCounts counts;
};

// R190: the one driver, the only op loop of memspec. It validates the source's setup (R28), builds
// the engine with `make`, steps each op a few behind the source, telling the engine about each op as
// it arrives (Engine::prefetch) so that a random access's cache miss overlaps the ops before it
// (the error of the first failing op carries its index), finalizes when the scenario has a
// finalize_chunk, and computes the roots (RootsTap, R75a); which error wins is the source's
// ErrorOrder. Records stream into `sink`. `restart` is called before a source's reread() scenario
// runs from its start (the caller drops what `sink` received). `progress` gets the source's
// position now and then.
struct DriveOptions {
    ProgressFn progress;
    std::function<void()> restart;
};
Result<RunEnd> run_source(const EngineFactory& make, OpSource& source, RecordSink& sink, const DriveOptions& options = {});

// run_source over a scenario in memory (ScenarioSource).
Result<RunEnd> run_scenario(const EngineFactory& make, const Scenario& scenario, RecordSink& sink,
                            const ProgressFn& progress = {});

// The same with every record kept, as a RunResult.
Result<RunResult> run_to_result(const EngineFactory& make, const Scenario& scenario, const ProgressFn& progress = {});

}  // namespace memspec
