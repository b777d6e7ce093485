// R18 at the end of an address space, worked out by hand: the end 2^pointer_max_bits is always a
// block boundary, and the cell just before it is not — a 1-cell access to the last cell of an
// 8-cell space with initial blocks of 8 splits 8@0, 4@4, 2@6 toward it. (A fault taking the last
// cell for the end survived mutation testing before this test: nothing accessed the last cell
// inside a larger block.)
#include <gtest/gtest.h>

#include "tests/support/engine_parts.hpp"
#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using namespace memspec::testing;

class EndOfSpace : public EachEngine {};
MEMSPEC_ON_EACH_ENGINE(EndOfSpace);

TEST_P(EndOfSpace, R18_last_cell_inside_a_larger_block_is_split_toward) {
    with_parts(GetParam(), []<class E>() {
        using Block = typename E::OfflineMemory::Block;
        MemoryConfig c;
        c.pointer_max_bits = 3;  // 8 cells: [0, 8)
        c.max_access_adapter_n = 8;
        MemoryImage image;
        for (std::uint32_t i = 0; i < 8; ++i) image.insert(1, i, BabyBear::from_canonical(10 + i));
        typename E::OfflineMemory m(image, 8, c);
        typename E::AccessAdapterInventory a;
        ASSERT_TRUE(m.read(1, 7, 1, a).ok());
        const std::vector<AccessAdapterRecord> expected = {
            split_rec(8, 1, 0, 0, bb({10, 11, 12, 13, 14, 15, 16, 17})), split_rec(4, 1, 4, 0, bb({14, 15, 16, 17})),
            split_rec(2, 1, 6, 0, bb({16, 17}))};
        EXPECT_EQ(adapter_records(a), expected);
        EXPECT_EQ(m.records().back(), (AccessRecord{AccessKind::Read, 1, 7, 1, 0, bb({17}), {}}));
        EXPECT_EQ(m.block_containing(1, 7), (Block{7, 1, 1}));
        EXPECT_EQ(m.block_containing(1, 6), (Block{6, 1, 0}));
    });
}

TEST_P(EndOfSpace, R18_access_ending_at_the_end_needs_no_split_there) {
    with_parts(GetParam(), []<class E>() {
        MemoryConfig c;
        c.pointer_max_bits = 3;
        c.max_access_adapter_n = 8;
        typename E::OfflineMemory m(MemoryImage{}, 2, c);
        typename E::AccessAdapterInventory a;
        // [6, 8) is an initial block and ends at the end of the space: no split, no merge.
        ASSERT_TRUE(m.write(1, 6, bb({1, 2}), a).ok());
        EXPECT_TRUE(adapter_records(a).empty());
        // [4, 8): both ends are boundaries already; one merge of 2@4 and 2@6.
        ASSERT_TRUE(m.read(1, 4, 4, a).ok());
        ASSERT_EQ(adapter_records(a).size(), 1u);
        EXPECT_EQ(adapter_records(a)[0].kind, AdapterKind::Merge);
        EXPECT_EQ(adapter_records(a)[0].pointer, 4u);
        EXPECT_EQ(adapter_records(a)[0].n, 4u);
    });
}
