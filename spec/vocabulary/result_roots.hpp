// R75a: under the openvm-v1.0-persistent profile a result carries the memory's Merkle roots — the
// root of the initial image, and after finalize the root of the final memory — the two public
// values OpenVM v1.0's continuations chain from segment to segment.
#pragma once

#include <optional>
#include <vector>

#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/merkle.hpp"
#include "spec/vocabulary/scenario.hpp"  // ResultRoots, profile_has_roots

namespace memspec {

// A sink between an engine and the caller's sink: forwards every record unchanged and, when the
// profile has roots, keeps the final blocks, from which `roots` computes the final root (R75).
// The driver (run_source, spec/vocabulary/engine.hpp) puts one in front of every sink, so every
// way of running a scenario reports the same roots.
class RootsTap final : public RecordSink {
public:
    RootsTap(RecordSink& inner, Profile profile) : inner_(inner), keep_(profile_has_roots(profile)) {}
    void access(const AccessRecordView& r) override { inner_.access(r); }
    void adapter(const AdapterRecordView& r) override { inner_.adapter(r); }
    void final_block(const FinalBlockView& b) override;

    // The roots of a run from `setup` (nullopt when its profile has none); `finalized`: whether
    // finalize ran (else no final root).
    Result<std::optional<ResultRoots>> roots(const Setup& setup, bool finalized) const;

private:
    RecordSink& inner_;
    bool keep_;
    TimestampedEquipartition final_memory_;
};

}  // namespace memspec
