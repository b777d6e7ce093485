// Every valid run's traces are accepted (R40-R66): a deterministic sweep over generated
// scenarios covering every adapter size, chunk 1 and 8, several limb counts, run on each engine.
#include "tests/support/engines.hpp"
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

class AirAccept : public memspec::testing::EachEngine {
protected:
    std::optional<Traced> run_and_trace(const Scenario& sc, std::string* why = nullptr) const {
        return airtest::run_and_trace(make(), sc, why);
    }
};
MEMSPEC_ON_EACH_ENGINE(AirAccept);

// Covers R66.
TEST_P(AirAccept, R66_sweep_all_N_both_chunks_accepted) {
    Rng rng{20261125};
    int traced = 0;
    std::array<int, 6> adapter_rows_seen{};  // index log2(N)
    for (std::uint32_t max_n : {2u, 4u, 8u, 16u, 32u})
        for (std::uint32_t chunk : {1u, 8u}) {
            if (chunk > max_n) continue;  // R15: initial blocks of 8 need AccessAdapterAir<8>
            // decomp 5 with clk 12 gives 3 limbs, decomp 8 with clk 29 gives 4: never a fixed 2.
            for (auto [decomp, clk] : {std::pair{5u, 12u}, std::pair{8u, 29u}, std::pair{6u, 16u}})
                for (int i = 0; i < 8; ++i) {
                    Scenario sc = random_scenario(rng, max_n, chunk, decomp, clk);
                    std::string why;
                    auto t = run_and_trace(sc, &why);
                    ASSERT_TRUE(t.has_value()) << why;
                    ++traced;
                    for (const auto& rec : t->result.adapter_records) ++adapter_rows_seen[log2_exact(rec.n)];
                    auto v = air::check(t->traces);
                    ASSERT_TRUE(v.accepted) << "max_n " << max_n << " chunk " << chunk << " decomp " << decomp << "\n"
                                            << describe(v);
                }
        }
    EXPECT_EQ(traced, (5 + 3) * 3 * 8);
    for (std::uint32_t j = 1; j <= 5; ++j) EXPECT_GT(adapter_rows_seen[j], 0) << "no adapter rows for N = " << (1u << j);
}

// Initial blocks of every size against both boundaries: OpenVM's pairings (1/1, 8/8) and the
// timestamp-0 adapter rows memspec adds for the others (R66).
// Covers R66.
TEST_P(AirAccept, R66_every_initial_block_size_with_both_chunks_accepted) {
    Rng rng{7};
    int traced = 0;
    for (std::uint32_t chunk : {1u, 8u})
        for (std::uint32_t ibs = 1; ibs <= 32; ibs *= 2)
            for (int i = 0; i < 6; ++i) {
                Scenario sc = random_scenario(rng, 32, chunk, 5, 12, ibs);
                std::string why;
                auto t = run_and_trace(sc, &why);
                ASSERT_TRUE(t.has_value()) << why;
                ++traced;
                auto v = air::check(t->traces);
                ASSERT_TRUE(v.accepted) << "chunk " << chunk << " ibs " << ibs << "\n" << describe(v);
            }
    EXPECT_EQ(traced, 2 * 6 * 6);
}

// The reconciliation rows of a persistent run with initial blocks of 2: one 8-block split into
// two 4-blocks, each split into two 2-blocks, all at timestamp 0 with the initial values.
// Covers R66.
TEST_P(AirAccept, R66_initial_blocks_smaller_than_chunk_get_timestamp_zero_splits) {
    Scenario sc;
    sc.initial_block_size = 2;
    sc.finalize_chunk = 8;
    sc.initial_memory = {{1, 3, 30}};
    sc.ops = {Op::write(1, 0, {1, 2})};
    auto setup = validate_setup(sc);
    ASSERT_TRUE(setup.ok()) << setup.error().message;
    auto result = run(sc);
    ASSERT_TRUE(result.ok());
    auto rows = air::reconcile_initial_blocks(*setup, result->final_memory->blocks);
    ASSERT_TRUE(rows.ok());
    auto v = [](std::initializer_list<std::uint32_t> xs) {
        std::vector<BabyBear> out;
        for (auto x : xs) out.push_back(BabyBear::from_canonical(x));
        return out;
    };
    std::vector<AccessAdapterRecord> expected = {
        {8, AdapterKind::Split, 1, 0, 0, 0, v({0, 0, 0, 30, 0, 0, 0, 0})},
        {4, AdapterKind::Split, 1, 0, 0, 0, v({0, 0, 0, 30})},
        {4, AdapterKind::Split, 1, 4, 0, 0, v({0, 0, 0, 0})},
    };
    EXPECT_EQ(*rows, expected);
    auto t = run_and_trace(sc);
    ASSERT_TRUE(t);
    EXPECT_TRUE(air::check(t->traces).accepted);
}

// Covers R66.
TEST_P(AirAccept, R66_default_config_decomp_17_accepted) {
    Scenario sc;
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 0, {1, 2, 3, 4}), Op::read(1, 0, 4), Op::write(1, 0, {10, 11}), Op::read(1, 0, 4),
              Op::read(0, 77, 1), Op::tick(5), Op::write(2, 40, {9, 9, 9, 9, 9, 9, 9, 9})};
    std::string why;
    auto t = run_and_trace(sc, &why);
    ASSERT_TRUE(t.has_value()) << why;
    // 29-bit timestamps in 17-bit limbs: 2 limbs (17 + 12 bits).
    EXPECT_EQ(t->chips.access.ts_lt.lower_decomp.size(), 2u);
    auto v = air::check(t->traces);
    EXPECT_TRUE(v.accepted) << describe(v);
}

// Covers R66.
TEST_P(AirAccept, R66_untraceable_runs_are_typed_errors) {
    Scenario sc;
    sc.ops = {Op::write(1, 0, {1})};
    std::string why;
    EXPECT_FALSE(run_and_trace(sc, &why).has_value());  // no finalize_chunk
    EXPECT_NE(why.find("finalize_chunk"), std::string::npos);
    sc.finalize_chunk = 4;
    sc.initial_block_size = 4;
    auto setup = validate_setup(sc);
    ASSERT_TRUE(setup.ok());
    auto result = run(sc);
    ASSERT_TRUE(result.ok());
    auto traces = air::generate_traces(*setup, *result);
    ASSERT_FALSE(traces.ok());
    EXPECT_EQ(traces.error().kind, ErrorKind::Untraceable);
}

// Trace generation accepts any engine's RunResult, so malformed ones are typed errors (R66).
// Covers R66.
TEST_P(AirAccept, R66_malformed_run_results_are_untraceable) {
    Scenario sc;
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 0, {1, 2})};
    auto setup = validate_setup(sc);
    auto result = run(sc);
    ASSERT_TRUE(setup.ok() && result.ok());
    auto expect_untraceable = [&](RunResult r, const std::string& fragment) {
        auto t = air::generate_traces(*setup, r);
        ASSERT_FALSE(t.ok()) << fragment;
        EXPECT_EQ(t.error().kind, ErrorKind::Untraceable);
        EXPECT_NE(t.error().message.find(fragment), std::string::npos) << t.error().message;
    };
    RunResult bad = *result;
    bad.records[0].data.push_back(BabyBear{});  // 3 cells
    expect_untraceable(bad, "access record");
    bad = *result;
    bad.adapter_records.push_back({64, AdapterKind::Split, 1, 0, 0, 0, std::vector<BabyBear>(64)});
    expect_untraceable(bad, "adapter record of size 64");
    bad = *result;
    bad.final_memory->blocks[0].pointer = 0xFFFFFFFFu;
    expect_untraceable(bad, "not a chunk of memory");
}
