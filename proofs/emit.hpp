// Counterexamples as trace fixtures (R101): a model Z3 found, written as a full trace set of a
// memspec configuration (every chip of the chip set, padded to power-of-two heights, range
// checker multiplicities counted), plus the names of the constraints the weakened AIR lacked.
// `memspec check --traces F` must reject such a set with the sound AIR; when the problem
// balanced the memory bus, `memspec check --traces F --without NAME...` (the weakened AIR) must
// accept it. Z3-free.
#pragma once

#include <string>
#include <vector>

#include <optional>

#include "spec/air/trace.hpp"
#include "proofs/outcome.hpp"
#include "proofs/problem.hpp"
#include "spec/vocabulary/error.hpp"

namespace memspec::proofs {

// Computed in the child next to the model: the configuration whose chip set has every block's
// chip, what each block's AIR lacks, the public values; nullopt when a block is no memspec chip
// (gadget problems).
std::optional<FixtureInfo> fixture_info(const Problem& p, const Assignment& a);

struct Fixture {
    air::TraceSet traces;
    std::vector<std::string> without;  // constraint / interaction names the weakened AIR lacks
    bool balanced = false;             // the problem balanced the memory bus: the weak AIR accepts
    bool completeness = false;         // an honest trace the weakened AIR rejects: the sound one accepts
};
// Builds the trace set from a counterexample's rows and fixture info.
Result<Fixture> make_fixture(const Counterexample& c);

// R343: the same counterexample as a trace set of another chip-set variant of the same chunk (OpenVM
// v1.6.0's or v1.7.0's chips for a v1.0 counterexample): allowed when every chip the counterexample
// has rows for exists there with the same columns, so its rows mean the same; the chips it has no
// rows for are that variant's. Untraceable otherwise, naming the first chip that differs.
Result<FixtureInfo> retarget(const FixtureInfo& info, air::Variant variant);

// R288: the honest trace set of an OpenVM v2.0 run with no operation (R213's configuration, chunk 8):
// its Merkle side touches leaf 0 artificially (R230), so its memory_merkle, persistent_boundary and
// poseidon2_compression rows are a valid tree where all-zero rows are not. A v2.0 fixture takes every
// chip the counterexample has no rows for from it.
Result<air::TraceSet> empty_v2_run_traces();

// The chip set of the fixture's config and chunk without the named constraints / interactions.
std::vector<air::Air> weakened_airs(const air::TraceSet& traces, const std::vector<std::string>& without);

}  // namespace memspec::proofs
