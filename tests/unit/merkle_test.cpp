// The memory Merkle tree and its roots (R73-R75). Expected roots are built here by hand from
// poseidon2::hash / compress (checked against known answers in poseidon2_test.cpp), or by the
// dense reference tree; the sparse tree and the path-update computation are checked against them.
#include <gtest/gtest.h>

#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/merkle.hpp"
#include "tests/support/engines.hpp"

using namespace memspec;
using merkle::Digest;

// The TEST_Ps take the final memory or the roots of a run on each engine; the TESTs build trees alone.
class Merkle : public memspec::testing::EachEngine {};
MEMSPEC_ON_EACH_ENGINE(Merkle);
class Roots : public memspec::testing::EachEngine {};
MEMSPEC_ON_EACH_ENGINE(Roots);

namespace {

BabyBear bb(std::uint32_t x) { return BabyBear::from_canonical(x); }
Digest leaf(std::initializer_list<std::uint32_t> v) {
    Digest d{};
    std::size_t i = 0;
    for (auto x : v) d[i++] = bb(x);
    return d;
}
Digest H(const Digest& v) { return poseidon2::hash(v); }
Digest C(const Digest& l, const Digest& r) { return poseidon2::compress(l, r); }

MemoryConfig small(std::uint32_t as_height, std::uint32_t pmb) {
    MemoryConfig c;
    c.as_height = as_height;
    c.pointer_max_bits = pmb;
    return c;
}

TEST(Merkle, R73_dimensions_follow_openvm) {
    auto d = merkle::dimensions(MemoryConfig{});
    ASSERT_TRUE(d);
    EXPECT_EQ(d->as_height, 3u);
    EXPECT_EQ(d->address_height, 26u);  // 29 - log2(8)
    EXPECT_EQ(d->overall_height(), 29u);
    // (as - as_offset) << address_height, plus the chunk label.
    EXPECT_EQ(d->leaf_index(1, 0), 0u);
    EXPECT_EQ(d->leaf_index(1, 5), 5u);
    EXPECT_EQ(d->leaf_index(3, 7), (std::uint64_t{2} << 26) + 7);
    EXPECT_EQ(merkle::dimensions(small(0, 2)).error().kind, ErrorKind::InvalidConfig);
}

TEST(Merkle, R74_single_leaf_tree_is_the_leaf_hash) {
    MemoryImage img;
    EXPECT_EQ(*merkle::root(small(0, 3), img), H(Digest{}));
    img.insert(1, 2, bb(7));
    EXPECT_EQ(*merkle::root(small(0, 3), img), H(leaf({0, 0, 7})));
}

TEST(Merkle, R74_roots_by_hand_on_small_trees) {
    // as_height 1, pointer_max_bits 4: two address spaces of two chunks; leaves (1,0),(1,1),(2,0),(2,1).
    MemoryConfig c = small(1, 4);
    Digest z = H(Digest{});
    MemoryImage img;
    img.insert(1, 9, bb(5));   // chunk 1 of AS 1, cell 1
    img.insert(2, 0, bb(3));   // chunk 0 of AS 2, cell 0
    img.insert(2, 7, bb(4));   // same chunk, cell 7
    Digest expected = C(C(z, H(leaf({0, 5}))), C(H(leaf({3, 0, 0, 0, 0, 0, 0, 4})), z));
    EXPECT_EQ(*merkle::root(c, img), expected);
    EXPECT_EQ(*merkle::dense_root(c, img), expected);
}

TEST(Merkle, R74_empty_memory_root_is_the_default_digest_of_the_full_height) {
    Digest d = H(Digest{});
    for (int h = 0; h < 29; ++h) d = C(d, d);
    EXPECT_EQ(*merkle::root(MemoryConfig{}, MemoryImage{}), d);
    auto defaults = merkle::default_digests(*merkle::dimensions(MemoryConfig{}));
    ASSERT_EQ(defaults.size(), 30u);
    EXPECT_EQ(defaults[29], d);
}

TEST(Merkle, R74_high_pointer_in_the_default_config) {
    // The last cell of the last address space: leaf index 2^29 - 1, the rightmost path.
    MemoryImage img;
    img.insert(8, (1u << 29) - 1, bb(42));
    auto defaults = merkle::default_digests(*merkle::dimensions(MemoryConfig{}));
    Digest d = H(leaf({0, 0, 0, 0, 0, 0, 0, 42}));
    for (int h = 0; h < 29; ++h) d = C(defaults[h], d);
    EXPECT_EQ(*merkle::root(MemoryConfig{}, img), d);
}

TEST(Merkle, R74_sparse_equals_dense_on_small_configs) {
    std::uint64_t s = 12345;
    auto next = [&] { s = s * 6364136223846793005ull + 1442695040888963407ull; return s >> 33; };
    for (std::uint32_t as_height = 0; as_height <= 2; ++as_height)
        for (std::uint32_t pmb = 3; pmb <= 7; ++pmb)
            for (int trial = 0; trial < 4; ++trial) {
                MemoryConfig c = small(as_height, pmb);
                MemoryImage img;
                int cells = static_cast<int>(next() % 12);
                for (int i = 0; i < cells; ++i)
                    img.insert(1 + static_cast<std::uint32_t>(next() % (1u << as_height)),
                               static_cast<std::uint32_t>(next() % (1u << pmb)), bb(static_cast<std::uint32_t>(next() % BabyBear::P)));
                EXPECT_EQ(*merkle::root(c, img), *merkle::dense_root(c, img)) << as_height << " " << pmb << " " << trial;
            }
}

TEST(Merkle, R74_bad_images_are_typed_errors) {
    MemoryImage img;
    img.insert(3, 0, bb(1));  // as_height 1: address spaces 1 and 2 only
    EXPECT_EQ(merkle::root(small(1, 4), img).error().kind, ErrorKind::InvalidAddressSpace);
    MemoryImage far;
    far.insert(1, 16, bb(1));  // pointer_max_bits 4: pointers below 16
    EXPECT_EQ(merkle::root(small(1, 4), far).error().kind, ErrorKind::OutOfBounds);
    EXPECT_EQ(merkle::dense_root(MemoryConfig{}, MemoryImage{}).error().kind, ErrorKind::InvalidConfig);
}

// OpenVM's merkle tests (crates/vm/src/system/memory/merkle/tests/mod.rs) compare the chip's
// final root, computed by updating the initial tree at the touched labels, with
// tree_from_memory(final memory). Here: the path-update computation against the sparse root of
// the overlaid image and the dense tree, after real runs.
TEST_P(Merkle, R75_final_root_equals_root_of_initial_overlaid_with_final_memory) {
    Scenario sc;
    sc.config = small(1, 6);
    sc.config.max_access_adapter_n = 8;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.initial_memory = {{1, 3, 33}, {2, 60, 9}, {1, 40, 1}};
    sc.ops = {Op::write(1, 2, {4, 5}), Op::read(1, 8, 4), Op::write(2, 56, {1, 2, 3, 4, 5, 6, 7, 8}), Op::read(0, 9, 1)};
    auto result = run(sc);
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_TRUE(result->final_memory);
    auto setup = validate_setup(sc);
    ASSERT_TRUE(setup);
    const MemoryImage& initial = setup->initial_memory;
    MemoryImage final_image = merkle::overlay(initial, *result->final_memory);
    EXPECT_EQ(final_image.get(1, 2), bb(4));
    EXPECT_EQ(final_image.get(2, 60), bb(5));
    EXPECT_EQ(final_image.get(1, 40), bb(1));  // untouched chunk keeps its initial value
    Digest updated = *merkle::updated_root(sc.config, initial, *result->final_memory);
    EXPECT_EQ(updated, *merkle::root(sc.config, final_image));
    EXPECT_EQ(updated, *merkle::dense_root(sc.config, final_image));
    EXPECT_NE(updated, *merkle::root(sc.config, initial));
}

TEST(Merkle, R75_update_with_unchanged_values_keeps_the_root) {
    MemoryConfig c = small(2, 5);
    MemoryImage img;
    img.insert(2, 9, bb(11));
    TimestampedEquipartition same{8, {{2, 8, 3, {bb(0), bb(11), bb(0), bb(0), bb(0), bb(0), bb(0), bb(0)}}}};
    EXPECT_EQ(*merkle::updated_root(c, img, same), *merkle::root(c, img));
    TimestampedEquipartition bad{8, {{2, 6, 3, {bb(0), bb(1), bb(2), bb(3), bb(4), bb(5), bb(6), bb(7)}}}};
    EXPECT_EQ(merkle::updated_root(c, img, bad).error().kind, ErrorKind::OutOfBounds);
}

}  // namespace

// R75a: a persistent-profile result carries the roots; they are the root of the initial image
// and the root of the image after the run, the latter computed here from the final memory by the
// dense reference tree (not by the path updates the driver uses).
TEST_P(Roots, R75a_persistent_result_carries_initial_and_final_root) {
    Scenario sc;
    sc.profile = Profile::openvm_v1_0_persistent;
    sc.config = small(1, 6);
    sc.config.decomp = 6;
    sc.config.clk_max_bits = 12;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    sc.initial_memory = {{1, 3, 33}, {2, 60, 9}};
    sc.ops = {Op::write(1, 2, {4, 5}), Op::read(2, 56, 8), Op::write(1, 17, {7})};
    auto result = run(sc);
    ASSERT_TRUE(result) << result.error().message;
    ASSERT_TRUE(result->roots);
    auto setup = validate_setup(sc);
    ASSERT_TRUE(setup);
    EXPECT_EQ(result->roots->initial_root, *merkle::dense_root(sc.config, setup->initial_memory));
    ASSERT_TRUE(result->roots->final_root);
    const MemoryImage after = merkle::overlay(setup->initial_memory, *result->final_memory);
    EXPECT_EQ(*result->roots->final_root, *merkle::dense_root(sc.config, after));
    EXPECT_NE(*result->roots->final_root, result->roots->initial_root);
    // Printed after final_timestamp, as 8 values each (interchange.md).
    const std::string text = to_json(*result);
    const auto at = text.find(R"(,"final_timestamp":)");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(text.find(R"(,"initial_root":[)", at), std::string::npos) << text;
    EXPECT_NE(text.find(R"(,"final_root":[)", at), std::string::npos) << text;
    auto back = parse_result(text);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(*back, *result);
}

TEST_P(Roots, R75a_no_final_root_without_finalize_and_no_roots_in_other_profiles) {
    Scenario sc;
    sc.profile = Profile::openvm_v1_0_persistent;
    sc.initial_block_size = 8;
    sc.initial_memory = {{1, 0, 5}};
    sc.ops = {Op::write(1, 0, {6})};
    auto unfinalized = run(sc);
    ASSERT_TRUE(unfinalized) << unfinalized.error().message;
    ASSERT_TRUE(unfinalized->roots);
    EXPECT_FALSE(unfinalized->roots->final_root);
    auto setup = validate_setup(sc);
    ASSERT_TRUE(setup);
    EXPECT_EQ(unfinalized->roots->initial_root, *merkle::root(sc.config, setup->initial_memory));
    // The same run under generalized: the result is exactly as before profiles existed.
    sc.profile = Profile::generalized;
    sc.finalize_chunk = 8;
    auto generalized = run(sc);
    ASSERT_TRUE(generalized);
    EXPECT_FALSE(generalized->roots);
    EXPECT_EQ(to_json(*generalized).find("root"), std::string::npos);
}
