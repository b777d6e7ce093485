// R70 at OpenVM's limb width: impl's traces are accepted with decomp 17, the setting of OpenVM
// v1.0 (R_ACCESS_TIMESTAMP_LT's limbs, a 2^18-row range-checker table). The RapidCheck property
// R70_impl_traces_are_accepted uses it in about 1 case in 64 (the rest at most 8, so that 10^4
// cases stay fast); this test samples the same all-valid generator with fixed seeds, a few hundred
// times, at decomp 17 — including the
// generator's page-crossing, spread (parallel finalize) and near-limit-clock scenarios.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "spec/air/check.hpp"
#include "spec/air/tracegen.hpp"
#include "impl/run.hpp"
#include "spec/interchange/interchange.hpp"
#include "tests/property/generators.hpp"

using namespace memspec;

TEST(Reach, R70_impl_traces_are_accepted_at_decomp_17) {
    constexpr int CASES = 240;
    int traced = 0;
    for (int i = 0; i < CASES; ++i) {
        const auto chunk = i % 2 == 0 ? gen::Chunk::One : gen::Chunk::AboveOne;
        Scenario sc = gen::scenario(gen::Mix{false, false, false}, chunk)(rc::Random(0x64313700u + i), i % 101).value();
        sc.finalize_chunk = sc.finalize_chunk == 1u ? 1u : 8u;
        if (sc.config.max_access_adapter_n < 8 || sc.config.pointer_max_bits < 3) sc.finalize_chunk = 1u;
        if (sc.finalize_chunk == 1u) sc.initial_memory.clear();
        sc.config.decomp = 17;
        const auto setup = validate_setup(sc);
        if (!setup.ok()) continue;
        const auto result = impl::run(sc);
        if (!result.ok()) continue;
        const auto traces = air::generate_traces(*setup, *result);
        ASSERT_TRUE(traces.ok()) << to_json(sc);
        const air::Verdict verdict = air::check(*traces);
        ASSERT_TRUE(verdict.accepted) << air::to_text(*verdict.reason) << "\n" << to_json(sc);
        ++traced;
    }
    // Most generated scenarios run to the end (Mix without faults); a generator change that
    // made them fail would leave this test checking nothing.
    EXPECT_GE(traced, CASES * 3 / 4);
}
