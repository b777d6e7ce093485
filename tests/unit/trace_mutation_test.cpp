// The fuzz target trace_mutation's own machinery (fuzz/trace_mutation.hpp), checked in the
// ordinary build: the memory-consistency oracle accepts valid traces and catches a read that
// returns a value nobody wrote (R10, R11, R48, R51); a bus-preserving pair mutation changes the
// producer and the consumer of one message alike, so that message still balances, and the
// checker still rejects the traces through a constraint or another message.
#include <gtest/gtest.h>

#include <string>

#include "fuzz/trace_mutation.hpp"
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

namespace {

Scenario write_then_read(std::uint64_t chunk) {
    Scenario sc;
    sc.config.pointer_max_bits = 6;
    sc.config.max_access_adapter_n = 8;
    sc.config.decomp = 8;
    sc.config.clk_max_bits = 12;
    sc.initial_block_size = 1;
    sc.finalize_chunk = chunk;
    sc.ops = {Op::write(1, 4, {11, 12}), Op::read(1, 4, 2), Op::tick(3), Op::write(1, 5, {13}), Op::read(1, 4, 2),
              Op::read(0, 9, 1)};
    return sc;
}

}  // namespace

TEST(TraceMutation, R48_R51_consistency_oracle_accepts_valid_runs_and_catches_a_forged_read) {
    for (const std::uint64_t chunk : {1u, 8u}) {
        std::string why;
        auto t = run_and_trace(write_then_read(chunk), &why);
        ASSERT_TRUE(t.has_value()) << why;
        const air::Trace* access = t->traces.find("access");
        ASSERT_NE(access, nullptr);
        EXPECT_EQ(fuzz::memory_inconsistency(t->chips.access, *access), "") << "chunk " << chunk;

        // Rows follow the records: write, read, write, read, immediate. The second read (row 3)
        // returns 13 at cell 5 (written by row 2): make it return 14, in data and prev_data
        // alike, as R48 demands of a read.
        air::TraceSet forged = t->traces;
        air::Trace& a = *forged.find("access");
        ASSERT_EQ(a.at(3, t->chips.access.data[1]), BabyBear::from_canonical(13));
        a.at(3, t->chips.access.data[1]) = BabyBear::from_canonical(14);
        a.at(3, t->chips.access.prev_data[1]) = BabyBear::from_canonical(14);
        const std::string why_not = fuzz::memory_inconsistency(t->chips.access, a);
        EXPECT_NE(why_not.find("finds 14"), std::string::npos) << why_not;
        EXPECT_FALSE(air::check(forged).accepted);
    }
}

TEST(TraceMutation, R41_pair_mutation_keeps_its_message_balanced_and_is_still_rejected) {
    std::string why;
    auto t = run_and_trace(write_then_read(1), &why);
    ASSERT_TRUE(t.has_value()) << why;
    const std::vector<air::Air> airs = t->chips.airs();
    const auto before = fuzz::interactions(airs, t->traces);
    std::size_t access_index = 0;
    while (t->traces.traces[access_index].chip != "access") ++access_index;

    int mutated = 0;
    for (std::uint8_t field = 0; field < 8; ++field) {
        air::TraceSet m = t->traces;
        // Row 0 (the first write) sends (as, ptr, data..., timestamp); some later row receives it.
        if (!fuzz::mutate_pair(airs, m, access_index, 0, field, 0, BabyBear::from_canonical(5))) continue;
        ++mutated;
        EXPECT_NE(m, t->traces);
        // The producer's and the consumer's message changed alike: some changed message is sent
        // and received equally often (other interactions of the same rows may change too).
        const auto after = fuzz::interactions(airs, m);
        ASSERT_EQ(after.size(), before.size());
        bool balanced_pair = false;
        for (std::size_t i = 0; i < after.size(); ++i) {
            if (after[i] == before[i]) continue;
            int sends = 0, receives = 0;
            for (const auto& ri : after)
                if (ri.message == after[i].message)
                    (airs[ri.air].interactions[ri.interaction].direction == air::Direction::Send ? sends : receives) += 1;
            balanced_pair |= sends >= 1 && sends == receives;
        }
        EXPECT_TRUE(balanced_pair) << "field " << int(field);
        const air::Verdict v = air::check(airs, m.traces);
        EXPECT_FALSE(v.accepted) << "field " << int(field);
        if (v.accepted) EXPECT_EQ(fuzz::memory_inconsistency(t->chips.access, *m.find("access")), "");
    }
    EXPECT_GT(mutated, 0);
}
