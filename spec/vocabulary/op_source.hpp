// Where a run's ops come from (R190): a scenario in memory, a document read as its bytes are parsed,
// a JSON Lines stream read as its lines arrive. A source only produces the setup and the ops; the
// one driver (run_source, spec/vocabulary/engine.hpp) validates the setup, builds the engine, steps
// the ops, finalizes and computes the roots, the same way for every source.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

// R190: which error a run reports when the source and the run both have one.
enum class ErrorOrder {
    // A scenario in memory, a stream (R38): the setup is validated before the first op (R28), and
    // errors come in the order they happen: the ops read before a bad line are stepped first, and
    // an op's error ends the run.
    in_sequence,
    // A document (R29): it is the scenario, so its outcome is the parsed scenario's: an error of
    // the document anywhere outranks a setup error, which outranks an op error. The setup is
    // validated once the document has been read whole; ops run as they are read while it can
    // still succeed.
    document_first,
};

// How far a source has been read, for a progress bar: `done` of `total` units (ops or bytes;
// total 0 when unknown).
struct SourcePosition {
    std::uint64_t done = 0;
    std::uint64_t total = 0;
};

class OpSource {
public:
    virtual ~OpSource() = default;
    // The scenario as far as it is known before its first op (its `ops` are not read from it). The
    // source may complete it while it reads on: a finalize_chunk that comes after the ops is set
    // in it by the time next() has returned the end. Valid as long as the source.
    virtual Result<const Scenario*> head() = 0;
    // The next op, or nullptr after the last. The source may read it into `slot` (storage the
    // driver owns and does not touch until the op has been stepped) or point at an op it keeps
    // itself until it is destroyed. An error is the source's own (it names its line or key).
    virtual Result<const Op*> next(Op& slot) = 0;
    virtual ErrorOrder error_order() const = 0;
    virtual SourcePosition position() const = 0;
    // After next() returned the end: nullopt, or, when keys of the setup came after the ops (a
    // document may order its keys so; the ops then ran under an incomplete setup), the whole
    // scenario read again, which the driver then runs from its start.
    virtual Result<std::optional<Scenario>> reread() { return std::optional<Scenario>{}; }
};

// A scenario in memory: its ops are handed out in place, never copied.
class ScenarioSource final : public OpSource {
public:
    explicit ScenarioSource(const Scenario& scenario) : scenario_(scenario) {}
    Result<const Scenario*> head() override { return &scenario_; }
    Result<const Op*> next(Op&) override {
        if (next_ == scenario_.ops.size()) return static_cast<const Op*>(nullptr);
        return &scenario_.ops[next_++];
    }
    ErrorOrder error_order() const override { return ErrorOrder::in_sequence; }
    SourcePosition position() const override { return {next_, scenario_.ops.size()}; }

private:
    const Scenario& scenario_;
    std::size_t next_ = 0;
};

}  // namespace memspec
