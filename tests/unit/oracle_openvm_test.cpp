// OpenVM v1.0's own offline-memory unit tests (crates/vm/src/system/memory/offline.rs),
// re-expressed as scenarios and run through the oracle (R16-R19, R23).
#include <gtest/gtest.h>

#include "oracle/run.hpp"

using namespace memspec;

namespace {
std::vector<BabyBear> bb(std::initializer_list<std::uint32_t> xs) {
    std::vector<BabyBear> v;
    for (auto x : xs) v.push_back(BabyBear::from_canonical(x));
    return v;
}
}  // namespace

TEST(OracleOpenVM, R16_R19_records_initial_block_len_1) {
    Scenario sc;
    sc.ops = {Op::write(1, 0, {1, 2, 3, 4}), Op::read(1, 0, 4), Op::write(1, 0, {10, 11}), Op::read(1, 0, 4)};
    auto r = oracle::run(sc);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const auto& a = r->adapter_records;
    ASSERT_EQ(a.size(), 5u);
    EXPECT_EQ(a[0], (AccessAdapterRecord{2, AdapterKind::Merge, 1, 0, 0, 0, bb({0, 0})}));
    EXPECT_EQ(a[1], (AccessAdapterRecord{2, AdapterKind::Merge, 1, 2, 0, 0, bb({0, 0})}));
    EXPECT_EQ(a[2], (AccessAdapterRecord{4, AdapterKind::Merge, 1, 0, 0, 0, bb({0, 0, 0, 0})}));
    EXPECT_EQ(a[3], (AccessAdapterRecord{4, AdapterKind::Split, 1, 0, 2, 2, bb({1, 2, 3, 4})}));
    EXPECT_EQ(a[4], (AccessAdapterRecord{4, AdapterKind::Merge, 1, 0, 3, 2, bb({10, 11, 3, 4})}));
    ASSERT_EQ(r->records.size(), 4u);
    EXPECT_EQ(r->records[0], (AccessRecord{AccessKind::Write, 1, 0, 1, 0, bb({1, 2, 3, 4}), bb({0, 0, 0, 0})}));
    EXPECT_EQ(r->records[1], (AccessRecord{AccessKind::Read, 1, 0, 2, 1, bb({1, 2, 3, 4}), {}}));
    EXPECT_EQ(r->records[2], (AccessRecord{AccessKind::Write, 1, 0, 3, 2, bb({10, 11}), bb({1, 2})}));
    EXPECT_EQ(r->records[3], (AccessRecord{AccessKind::Read, 1, 0, 4, 3, bb({10, 11, 3, 4}), {}}));
    EXPECT_EQ(r->final_timestamp, 5u);
}
