// The audit bug classes that concern inputs (B2, B3, B7, B11: spec/memory.md §13 "Audit classes against the lemmas", and the flags of vectors/*.json).
// Each shows memspec rejecting the input with the right error rather than accepting it.
#include <gtest/gtest.h>

#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using namespace memspec::testing;

class Audit : public EachEngine {
protected:
    Result<RunResult> run_json(std::string_view json) const { return run(scenario(json)); }
};
MEMSPEC_ON_EACH_ENGINE(Audit);

// B2: the initial timestamp must be pinned — memory starts at 0, the clock at 1 (R9), and no tick
// can carry the clock around the field.
TEST_P(Audit, B2_clock_starts_at_one_and_cannot_wrap) {
    auto r = run_json(R"({"ops":[{"op":"read","as":1,"ptr":7,"len":1}]})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->records[0].timestamp, 1u);
    EXPECT_EQ(r->records[0].prev_timestamp, 0u);
    auto wrap = run_json(R"({"ops":[{"op":"tick","by":2013265920},{"op":"read","as":1,"ptr":7,"len":1}]})");
    ASSERT_FALSE(wrap.ok());
    EXPECT_EQ(wrap.error().kind, ErrorKind::TimestampViolation);
    EXPECT_EQ(wrap.error().op_index, 0u);
}

// B3: the timestamp itself must stay below 2^clk_max_bits, not only the differences.
TEST_P(Audit, B3_final_timestamp_stays_below_2_pow_29) {
    // 1 + (2^29 - 3) = 2^29 - 2; one read then makes it 2^29 - 1: the last allowed value.
    auto ok = run_json(R"({"ops":[{"op":"tick","by":536870909},{"op":"read","as":1,"ptr":0,"len":1}],"finalize_chunk":1})");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->final_timestamp, (1u << 29) - 1);
    EXPECT_EQ(ok->records[0].timestamp, (1u << 29) - 2);
    auto over = run_json(R"({"ops":[{"op":"tick","by":536870909},{"op":"read","as":1,"ptr":0,"len":1},
                                    {"op":"read","as":1,"ptr":0,"len":1}]})");
    ASSERT_FALSE(over.ok());
    EXPECT_EQ(over.error().kind, ErrorKind::TimestampViolation);
    EXPECT_EQ(over.error().op_index, 2u);
}

// B7: OpenVM bounds only the start pointer; ptr + N past the end must be rejected too.
TEST_P(Audit, B7_pointer_overflow_of_the_range) {
    // Start pointer 2^29 - 2 passes OpenVM's start check; the range runs 2 cells past the end.
    auto r = run_json(R"({"ops":[{"op":"write","as":1,"ptr":536870910,"data":[1,2,3,4]}]})");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::OutOfBounds);
    auto edge = run_json(R"({"ops":[{"op":"write","as":1,"ptr":536870908,"data":[1,2,3,4]}],"finalize_chunk":4})");
    ASSERT_TRUE(edge.ok());
    ASSERT_EQ(edge->final_memory->blocks.size(), 1u);
    EXPECT_EQ(edge->final_memory->blocks[0].pointer, 536870908u);
}

// B11: address spaces are [0, 1 + 2^as_height) — the last one is usable, the next is not.
TEST_P(Audit, B11_address_space_width) {
    auto last = run_json(R"({"config":{"as_height":2},"ops":[{"op":"write","as":4,"ptr":0,"data":[1]}]})");
    EXPECT_TRUE(last.ok());
    auto next = run_json(R"({"config":{"as_height":2},"ops":[{"op":"write","as":5,"ptr":0,"data":[1]}]})");
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.error().kind, ErrorKind::InvalidAddressSpace);
    auto shifted = run_json(R"({"config":{"as_height":2,"as_offset":3},"ops":[{"op":"write","as":6,"ptr":0,"data":[1]},
                                {"op":"write","as":7,"ptr":0,"data":[1]}]})");
    ASSERT_FALSE(shifted.ok());
    EXPECT_EQ(shifted.error().op_index, 1u);
}
