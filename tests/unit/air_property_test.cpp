// Property (R40-R66): every valid generated run traces to an accepted trace set, and
// corrupting any single nonzero memory-bus value of the boundary is rejected. RapidCheck
// picks the configuration and the seed of the scenario generator; shrinking reports the
// smallest failing seed/config.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

// Covers R66.
RC_GTEST_PROP(AirProperty, R66_valid_runs_accepted_and_boundary_corruption_rejected, ()) {
    const auto log_n = *rc::gen::inRange<std::uint32_t>(1, 6);
    const std::uint32_t max_n = 1u << log_n;
    const std::uint32_t chunk = max_n >= 8 && *rc::gen::arbitrary<bool>() ? 8 : 1;
    const auto decomp = *rc::gen::inRange<std::uint32_t>(3, 9);
    const auto clk = *rc::gen::inRange<std::uint32_t>(8, 30);
    const std::uint32_t ibs = 1u << *rc::gen::inRange<std::uint32_t>(0, log_n + 1);
    const auto seed = *rc::gen::arbitrary<std::uint64_t>();
    Rng rng{seed};
    Scenario sc = random_scenario(rng, max_n, chunk, decomp, clk, ibs);
    std::string why;
    auto t = run_and_trace(sc, &why);
    RC_ASSERT(t.has_value());
    auto v = air::check(t->traces);
    RC_ASSERT(v.accepted);

    // Change one final value on the boundary: the memory bus must notice. (A run that only
    // reads immediates and ticks touches no cell and has no boundary row to corrupt.)
    if (t->result.final_memory->blocks.empty()) return;
    air::TraceSet forged = t->traces;
    if (chunk == 1) {
        auto& vb = *forged.find("volatile_boundary");
        vb.at(0, t->chips.volatile_boundary.final_data) += BabyBear::from_canonical(1);
    } else {
        auto& pb = *forged.find("persistent_boundary");
        pb.at(1, t->chips.persistent_boundary.values[0]) += BabyBear::from_canonical(1);  // row 1: a final row
    }
    auto vf = air::check(forged);
    RC_ASSERT(!vf.accepted);
    RC_ASSERT(vf.reason->kind == air::RejectionKind::Bus);
    RC_ASSERT(vf.reason->bus == air::MEMORY_BUS);
}
