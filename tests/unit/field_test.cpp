// R1: BabyBear arithmetic and canonical parsing.
#include <gtest/gtest.h>

#include "spec/vocabulary/field.hpp"

using memspec::BabyBear;

// Covers R1.
TEST(Field, R1_modulus_is_babybear) {
    EXPECT_EQ(BabyBear::P, 15u * (1u << 27) + 1u);
    EXPECT_EQ(BabyBear::P, 2013265921u);
}

// Covers R1.
TEST(Field, R1_add_sub_wrap_modulo_p) {
    const BabyBear top = BabyBear::from_canonical(BabyBear::P - 1);
    EXPECT_EQ((top + BabyBear::from_canonical(1)).v, 0u);
    EXPECT_EQ((top + top).v, BabyBear::P - 2);
    EXPECT_EQ((BabyBear::from_canonical(0) - BabyBear::from_canonical(1)).v, BabyBear::P - 1);
    EXPECT_EQ((-BabyBear::from_canonical(5)).v, BabyBear::P - 5);
}

// Covers R1.
TEST(Field, R1_mul_and_inverse) {
    const BabyBear a = BabyBear::from_canonical(123456789);
    // (p-1)^2 = 1 mod p
    const BabyBear m1 = BabyBear::from_canonical(BabyBear::P - 1);
    EXPECT_EQ((m1 * m1).v, 1u);
    EXPECT_EQ((a * a.inverse()).v, 1u);
    EXPECT_EQ(BabyBear::from_canonical(2).inverse().v, (BabyBear::P + 1) / 2);
    EXPECT_EQ(BabyBear{}.inverse().v, 0u);
    // 2^27 * 15 = p - 1
    EXPECT_EQ((BabyBear::from_canonical(1u << 27) * BabyBear::from_canonical(15)).v, BabyBear::P - 1);
}

// Covers R1.
TEST(Field, R1_parsing_rejects_non_canonical) {
    EXPECT_TRUE(BabyBear::from_u64(BabyBear::P - 1).has_value());
    EXPECT_FALSE(BabyBear::from_u64(BabyBear::P).has_value());
    EXPECT_FALSE(BabyBear::from_u64(~0ull).has_value());
    EXPECT_EQ(BabyBear::from_i64(-1).v, BabyBear::P - 1);
    EXPECT_EQ(BabyBear::reduce(2ull * BabyBear::P + 3).v, 3u);
}
