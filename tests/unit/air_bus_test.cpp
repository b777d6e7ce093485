// Bus balance (R41): each bus has an unbalanced-message test, and a forged read cannot be made
// consistent by editing the access chip's row alone (R48, R50, R51).
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

namespace {

Scenario small_volatile() {
    return small_volatile_scenario({Op::write(1, 0, {7, 8}), Op::read(1, 0, 2), Op::write(1, 1, {9})});
}
std::vector<BabyBear> msg(std::initializer_list<std::int64_t> xs) {
    std::vector<BabyBear> v;
    for (auto x : xs) v.push_back(f(x));
    return v;
}
}  // namespace

// Covers R41, R59.
TEST(AirBus, R41_R59_memory_bus_unbalanced_final_value_is_reported_with_places) {
    auto t = run_and_trace(small_volatile());
    ASSERT_TRUE(t);
    auto airs = t->chips.airs();
    auto& vb = *t->traces.find("volatile_boundary");
    const auto& vair = t->chips.volatile_boundary;
    // Row 0 is cell (1, 0): final value 7 at timestamp 2 (the read). Claim 70 instead.
    ASSERT_EQ(vb.at(0, vair.final_data), f(7));
    ASSERT_EQ(vb.at(0, vair.final_timestamp), f(2));
    vb.at(0, vair.final_data) = f(70);
    auto v = air::check(airs, t->traces.traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus);
    EXPECT_EQ(v.reason->bus, air::MEMORY_BUS);
    EXPECT_EQ(v.reason->rule, "R41");
    auto unbalanced = air::bus_entries(airs, t->traces.traces, false);
    ASSERT_EQ(unbalanced.size(), 2u);
    // Sorted by (bus, message): [1,0,7,2] (produced by the split of the read block, never
    // consumed) then [1,0,70,2] (consumed by the boundary, never produced).
    EXPECT_EQ(unbalanced[0].message, msg({1, 0, 7, 2}));
    EXPECT_EQ(unbalanced[0].net, f(1));
    EXPECT_EQ(unbalanced[1].message, msg({1, 0, 70, 2}));
    EXPECT_EQ(unbalanced[1].net, f(-1));
    ASSERT_EQ(unbalanced[1].places.size(), 1u);
    EXPECT_EQ(unbalanced[1].places[0].chip, "volatile_boundary");
    EXPECT_EQ(unbalanced[1].places[0].row, 0u);
    EXPECT_EQ(unbalanced[1].places[0].interaction, "volatile_boundary.receive_final");
    EXPECT_EQ(unbalanced[1].places[0].direction, air::Direction::Receive);
}

// Covers R41, R63.
TEST(AirBus, R41_R63_range_bus_table_multiplicity_off_by_one) {
    auto t = run_and_trace(small_volatile());
    ASSERT_TRUE(t);
    auto& rc = *t->traces.find("range_checker");
    const auto& c = t->chips.range_checker;
    const std::uint64_t row = air::range_table_row(3, 5);
    ASSERT_EQ(rc.at(row, c.value), f(3));
    ASSERT_EQ(rc.at(row, c.bits), f(5));
    rc.at(row, c.mult) += f(1);
    auto v = air::check(t->traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus);
    EXPECT_EQ(v.reason->bus, air::RANGE_BUS);
    EXPECT_EQ(v.reason->message, msg({3, 5}));
    EXPECT_EQ(v.reason->net, f(-1));
    EXPECT_EQ(v.reason->chip, "range_checker");
    EXPECT_EQ(v.reason->row, row);
}

// Covers R43, R46.
TEST(AirBus, R43_R46_range_request_outside_the_table_is_unbalanced) {
    auto t = run_and_trace(small_volatile());
    ASSERT_TRUE(t);
    auto airs = t->chips.airs();
    auto& at = *t->traces.find("access");
    const auto& c = t->chips.access;
    // Row 1 (read, ts 2, prev 1): lower = 0 in limbs [0, 0, 0]. Re-split as [32, -1, 0]: the
    // composition is unchanged (32 - 32 = 0), so only the range bus can notice.
    at.at(1, c.ts_lt.lower_decomp[0]) = f(32);
    at.at(1, c.ts_lt.lower_decomp[1]) = f(-1);
    EXPECT_TRUE(air::failing_constraints(c.air, at).empty());
    air::fill_range_counts(airs, t->traces);
    auto v = air::check(airs, t->traces.traces);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus);
    EXPECT_EQ(v.reason->bus, air::RANGE_BUS);
    EXPECT_EQ(v.reason->chip, "access");
    EXPECT_EQ(v.reason->row, 1u);
    EXPECT_EQ(v.reason->constraint.rfind("access.timestamp_lt.range[", 0), 0u) << v.reason->constraint;
}

// Covers R48, R51.
TEST(AirBus, R48_R51_forged_read_cannot_be_fixed_in_the_access_row_alone) {
    auto t = run_and_trace(small_volatile());
    ASSERT_TRUE(t);
    auto airs = t->chips.airs();
    const auto& c = t->chips.access;
    // Row 1 reads [7, 8] at (1, 0), timestamp 2, previous timestamp 1. Forge value 5 in every
    // way the row allows: data only, data + prev_data, and with any earlier prev_timestamp
    // (re-witnessed honestly) or a later timestamp.
    int tried = 0;
    for (int variant = 0; variant < 2; ++variant)
        for (std::uint32_t prev_ts = 0; prev_ts < 2; ++prev_ts)
            for (std::uint32_t ts : {2u, 3u, 4u}) {
                air::TraceSet forged = t->traces;
                auto& at = *forged.find("access");
                at.at(1, c.data[0]) = f(5);
                if (variant == 1) at.at(1, c.prev_data[0]) = f(5);
                at.at(1, c.prev_timestamp) = f(prev_ts);
                at.at(1, c.timestamp) = f(ts);
                air::fill_assert_less_than(at.row(1), c.ts_lt, prev_ts, ts);
                air::fill_range_counts(airs, forged);
                auto v = air::check(airs, forged.traces);
                EXPECT_FALSE(v.accepted) << "variant " << variant << " prev_ts " << prev_ts << " ts " << ts;
                if (variant == 0) {
                    EXPECT_EQ(v.reason->constraint, "access.read_keeps_data[0]");
                } else {
                    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus);
                    EXPECT_EQ(v.reason->bus, air::MEMORY_BUS);
                }
                ++tried;
            }
    EXPECT_EQ(tried, 12);
}
