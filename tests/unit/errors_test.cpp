// R27, R28 and every error kind: a scenario that triggers it, and — for operation errors — proof
// that both online and offline memory are unchanged by the failing operation, on each engine.
#include <gtest/gtest.h>

#include "spec/interchange/interchange.hpp"
#include "tests/support/engine_parts.hpp"
#include "tests/support/engines.hpp"
#include "tests/support/scenario_helpers.hpp"
#include "tests/support/snapshots.hpp"

using namespace memspec;
using namespace memspec::testing;

// The TEST_Ps run each engine: its whole runs (failure) or its online and offline memory directly
// (Engines<E>); the TESTs check the scenario reader alone.
class RunsToFailure : public EachEngine {
protected:
    // Runs a scenario that must fail; returns the error.
    MemoryError failure(std::string_view json) const {
        auto r = run(scenario(json));
        EXPECT_FALSE(r.ok()) << "expected an error for " << json;
        return r.ok() ? MemoryError{ErrorKind::ParseError, "no error", std::nullopt} : r.error();
    }
};
class ErrorKinds : public RunsToFailure {};
MEMSPEC_ON_EACH_ENGINE(ErrorKinds);
class Atomicity : public RunsToFailure {};
MEMSPEC_ON_EACH_ENGINE(Atomicity);

namespace {

// A small config so that every bound is reachable: pointers < 64, clock < 2^6, adapters up to 8.
MemoryConfig small_config(bool strict = false) {
    MemoryConfig c;
    c.pointer_max_bits = 6;
    c.clk_max_bits = 6;
    c.decomp = 3;
    c.max_access_adapter_n = 8;
    c.strict_alignment = strict;
    return c;
}

// Prepares an engine's online and offline memory (its parts E) with a little history, applies
// `bad` to both, checks the error kind and that the observable state did not move; then checks
// both still work.
template <class E>
struct Engines {
    MemoryConfig config;
    typename E::Memory online;
    typename E::OfflineMemory offline;
    typename E::AccessAdapterInventory adapters;

    explicit Engines(const MemoryConfig& c) : config(c), online(c, MemoryImage{}), offline(MemoryImage{}, 1, c) {
        const auto v = bb({5, 6, 7, 8});
        EXPECT_TRUE(online.write(1, 0, v).ok());
        EXPECT_TRUE(offline.write(1, 0, v, adapters).ok());
        EXPECT_TRUE(online.read(1, 2, 2).ok());
        EXPECT_TRUE(offline.read(1, 2, 2, adapters).ok());
    }
};

template <class E>
void expect_unchanged_after_read(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::uint64_t len,
                                 ErrorKind kind) {
    Engines<E> e(c);
    const auto on = snapshot(e.online);
    const auto off = snapshot(e.offline, e.adapters);
    auto r1 = e.online.read(as, ptr, len);
    ASSERT_FALSE(r1.ok());
    EXPECT_EQ(r1.error().kind, kind) << r1.error().message;
    auto r2 = e.offline.read(as, ptr, len, e.adapters);
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.error().kind, kind);
    EXPECT_EQ(snapshot(e.online), on);
    EXPECT_EQ(snapshot(e.offline, e.adapters), off);
}

template <class E>
void expect_unchanged_after_write(const MemoryConfig& c, std::uint64_t as, std::uint64_t ptr, std::vector<BabyBear> v,
                                  ErrorKind kind) {
    Engines<E> e(c);
    const auto on = snapshot(e.online);
    const auto off = snapshot(e.offline, e.adapters);
    auto r1 = e.online.write(as, ptr, v);
    ASSERT_FALSE(r1.ok());
    EXPECT_EQ(r1.error().kind, kind) << r1.error().message;
    auto r2 = e.offline.write(as, ptr, v, e.adapters);
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.error().kind, kind);
    EXPECT_EQ(snapshot(e.online), on);
    EXPECT_EQ(snapshot(e.offline, e.adapters), off);
}

}  // namespace

// Covers R29.
TEST(ErrorKinds, R29_parse_error) {
    auto sc = parse_scenario(R"({"ops":[{"op":"tick","by":-1}]})");
    ASSERT_FALSE(sc.ok());
    EXPECT_EQ(sc.error().kind, ErrorKind::ParseError);
    EXPECT_EQ(parse_scenario("{").error().kind, ErrorKind::ParseError);
    EXPECT_EQ(parse_scenario(R"({"opz":[]})").error().kind, ErrorKind::ParseError);
}

// Covers R3.
TEST_P(ErrorKinds, R3_invalid_config) {
    EXPECT_EQ(failure(R"({"config":{"clk_max_bits":30}})").kind, ErrorKind::InvalidConfig);
    EXPECT_EQ(failure(R"({"config":{"max_access_adapter_n":64}})").kind, ErrorKind::InvalidConfig);
    EXPECT_EQ(failure(R"({"config":{"pointer_max_bits":30}})").kind, ErrorKind::InvalidConfig);
    EXPECT_EQ(failure(R"({"config":{"as_height":29}})").kind, ErrorKind::InvalidConfig);
    EXPECT_EQ(parse_scenario(R"({"config":{"clk_max_bits":4294967296}})").error().kind, ErrorKind::InvalidConfig);
}

// Covers R13.
TEST_P(ErrorKinds, R13_volatile_initial_memory_is_invalid_config) {
    EXPECT_EQ(failure(R"({"initial_memory":[{"as":1,"ptr":0,"value":0}],"finalize_chunk":1})").kind, ErrorKind::InvalidConfig);
    // The same image with the persistent profile, or without finalize, is fine.
    EXPECT_TRUE(run(scenario(R"({"initial_memory":[{"as":1,"ptr":0,"value":3}],"finalize_chunk":8})")).ok());
    EXPECT_TRUE(run(scenario(R"({"initial_memory":[{"as":1,"ptr":0,"value":3}]})")).ok());
}

// Covers R13.
TEST_P(ErrorKinds, R13_initial_cells_are_validated) {
    EXPECT_EQ(failure(R"({"initial_memory":[{"as":0,"ptr":0,"value":1}]})").kind, ErrorKind::InvalidAddressSpace);
    EXPECT_EQ(failure(R"({"initial_memory":[{"as":9,"ptr":0,"value":1}]})").kind, ErrorKind::InvalidAddressSpace);
    EXPECT_EQ(failure(R"({"config":{"pointer_max_bits":4},"initial_memory":[{"as":1,"ptr":16,"value":1}]})").kind,
              ErrorKind::OutOfBounds);
    EXPECT_EQ(failure(R"({"initial_memory":[{"as":1,"ptr":0,"value":2013265921}]})").kind, ErrorKind::InvalidValue);
    EXPECT_EQ(failure(R"({"initial_memory":[{"as":1,"ptr":0,"value":1},{"as":1,"ptr":0,"value":2}]})").kind,
              ErrorKind::ParseError);
}

// Covers R15.
TEST_P(ErrorKinds, R15_initial_block_size) {
    EXPECT_EQ(failure(R"({"initial_block_size":3})").kind, ErrorKind::SizeNotPowerOfTwo);
    EXPECT_EQ(failure(R"({"initial_block_size":0})").kind, ErrorKind::SizeNotPowerOfTwo);
    EXPECT_EQ(failure(R"({"initial_block_size":64})").kind, ErrorKind::OutOfBounds);
    EXPECT_EQ(failure(R"({"config":{"pointer_max_bits":2},"initial_block_size":8})").kind, ErrorKind::OutOfBounds);
}

// Covers R26.
TEST_P(ErrorKinds, R26_finalize_chunk) {
    EXPECT_EQ(failure(R"({"finalize_chunk":6})").kind, ErrorKind::SizeNotPowerOfTwo);
    EXPECT_EQ(failure(R"({"finalize_chunk":0})").kind, ErrorKind::SizeNotPowerOfTwo);
    EXPECT_EQ(failure(R"({"config":{"max_access_adapter_n":8},"finalize_chunk":16})").kind, ErrorKind::OutOfBounds);
}

// Covers R5.
TEST_P(ErrorKinds, R5_address_space_zero) {
    with_parts(GetParam(), []<class E>() {
        const MemoryConfig c = small_config();
        expect_unchanged_after_write<E>(c, 0, 0, bb({1}), ErrorKind::InvalidAddressSpace);
        expect_unchanged_after_read<E>(c, 0, 0, 2, ErrorKind::InvalidAddressSpace);
        // An immediate is not bounded by 2^pointer_max_bits, only by p.
        Engines<E> e(c);
        auto ok = e.online.read(0, 1000, 1);
        ASSERT_TRUE(ok.ok());
        EXPECT_EQ(*ok, bb({1000}));
        expect_unchanged_after_read<E>(c, 0, BabyBear::P, 1, ErrorKind::InvalidValue);
    });
}

// Covers R4.
TEST_P(ErrorKinds, R4_address_space_out_of_range) {
    with_parts(GetParam(), []<class E>() {
        const MemoryConfig c = small_config();
        expect_unchanged_after_read<E>(c, 9, 0, 1, ErrorKind::InvalidAddressSpace);
        expect_unchanged_after_write<E>(c, 9, 0, bb({1}), ErrorKind::InvalidAddressSpace);
        expect_unchanged_after_read<E>(c, 1ull << 40, 0, 1, ErrorKind::InvalidAddressSpace);
    });
}

// Covers R7.
TEST_P(ErrorKinds, R7_size_not_power_of_two_and_too_large) {
    with_parts(GetParam(), []<class E>() {
        const MemoryConfig c = small_config();
        expect_unchanged_after_read<E>(c, 1, 0, 3, ErrorKind::SizeNotPowerOfTwo);
        expect_unchanged_after_read<E>(c, 1, 0, 0, ErrorKind::SizeNotPowerOfTwo);
        expect_unchanged_after_write<E>(c, 1, 0, bb({1, 2, 3}), ErrorKind::SizeNotPowerOfTwo);
        expect_unchanged_after_write<E>(c, 1, 0, {}, ErrorKind::SizeNotPowerOfTwo);
        expect_unchanged_after_read<E>(c, 1, 0, 16, ErrorKind::OutOfBounds);  // max_access_adapter_n = 8
    });
}

// Covers R6.
TEST_P(ErrorKinds, R6_range_past_end) {
    with_parts(GetParam(), []<class E>() {
        const MemoryConfig c = small_config();  // 64 cells
        expect_unchanged_after_read<E>(c, 1, 60, 8, ErrorKind::OutOfBounds);
        expect_unchanged_after_read<E>(c, 1, 64, 1, ErrorKind::OutOfBounds);
        expect_unchanged_after_write<E>(c, 1, 63, bb({1, 2}), ErrorKind::OutOfBounds);
        Engines<E> e(c);
        EXPECT_TRUE(e.online.read(1, 56, 8).ok());  // ending exactly at 2^pointer_max_bits is fine
    });
}

// Covers R8.
TEST_P(ErrorKinds, R8_unaligned_strict) {
    with_parts(GetParam(), []<class E>() {
        expect_unchanged_after_read<E>(small_config(true), 1, 2, 4, ErrorKind::UnalignedAccess);
        expect_unchanged_after_write<E>(small_config(true), 1, 1, bb({1, 2}), ErrorKind::UnalignedAccess);
        Engines<E> lax(small_config(false));
        EXPECT_TRUE(lax.online.read(1, 2, 4).ok());  // R8: accepted by default, as in OpenVM
    });
}

// Covers R1.
TEST_P(ErrorKinds, R1_value_not_field_element) {
    auto e = failure(R"({"ops":[{"op":"write","as":1,"ptr":0,"data":[1]},{"op":"write","as":1,"ptr":0,"data":[2013265921]}]})");
    EXPECT_EQ(e.kind, ErrorKind::InvalidValue);
    EXPECT_EQ(e.op_index, 1u);
    EXPECT_EQ(failure(R"({"ops":[{"op":"read","as":0,"ptr":2013265921,"len":1}]})").kind, ErrorKind::InvalidValue);
}

// Covers R9.
TEST_P(ErrorKinds, R9_timestamp_violation) {
    with_parts(GetParam(), []<class E>() {
        const MemoryConfig c = small_config();  // clock < 64
        Engines<E> e(c);                            // clock is 3 now
        ASSERT_TRUE(e.online.increment_timestamp_by(60).ok());
        ASSERT_TRUE(e.offline.increment_timestamp_by(60).ok());
        EXPECT_EQ(e.online.timestamp(), 63u);
        const auto on = snapshot(e.online);
        const auto off = snapshot(e.offline, e.adapters);
        EXPECT_EQ(e.online.read(1, 0, 1).error().kind, ErrorKind::TimestampViolation);
        EXPECT_EQ(e.offline.read(1, 0, 1, e.adapters).error().kind, ErrorKind::TimestampViolation);
        EXPECT_EQ(e.online.read(0, 5, 1).error().kind, ErrorKind::TimestampViolation);  // immediates take time too
        EXPECT_EQ(e.online.increment_timestamp_by(1).error().kind, ErrorKind::TimestampViolation);
        EXPECT_EQ(e.offline.increment_timestamp_by(1).error().kind, ErrorKind::TimestampViolation);
        EXPECT_TRUE(e.online.increment_timestamp_by(0).ok());
        EXPECT_EQ(snapshot(e.online).timestamp, on.timestamp);
        EXPECT_EQ(snapshot(e.offline, e.adapters), off);
    });
}

// Covers R27.
TEST_P(ErrorKinds, R27_precedence_address_space_zero_before_size) {
    EXPECT_EQ(failure(R"({"ops":[{"op":"read","as":0,"ptr":0,"len":3}]})").kind, ErrorKind::InvalidAddressSpace);
    EXPECT_EQ(failure(R"({"ops":[{"op":"write","as":0,"ptr":0,"data":[2013265921,1,1]}]})").kind, ErrorKind::InvalidAddressSpace);
}

// Covers R27.
TEST_P(ErrorKinds, R27_precedence_address_space_range_before_size) {
    EXPECT_EQ(failure(R"({"ops":[{"op":"read","as":99,"ptr":0,"len":3}]})").kind, ErrorKind::InvalidAddressSpace);
}

// Covers R27.
TEST_P(ErrorKinds, R27_precedence_power_of_two_before_size_limit) {
    EXPECT_EQ(failure(R"({"ops":[{"op":"read","as":1,"ptr":0,"len":48}]})").kind, ErrorKind::SizeNotPowerOfTwo);
}

// Covers R27.
TEST_P(ErrorKinds, R27_precedence_size_limit_before_bounds) {
    auto e = failure(R"({"config":{"pointer_max_bits":4},"ops":[{"op":"read","as":1,"ptr":15,"len":64}]})");
    EXPECT_EQ(e.kind, ErrorKind::OutOfBounds);
    EXPECT_NE(e.message.find("max_access_adapter_n"), std::string::npos) << e.message;
}

// Covers R27.
TEST_P(ErrorKinds, R27_precedence_bounds_before_alignment) {
    auto e = failure(R"({"config":{"pointer_max_bits":4,"strict_alignment":true},"ops":[{"op":"read","as":1,"ptr":14,"len":4}]})");
    EXPECT_EQ(e.kind, ErrorKind::OutOfBounds);
}

// Covers R27.
TEST_P(ErrorKinds, R27_precedence_alignment_before_values) {
    auto e = failure(R"({"config":{"strict_alignment":true},"ops":[{"op":"write","as":1,"ptr":1,"data":[2013265921,0]}]})");
    EXPECT_EQ(e.kind, ErrorKind::UnalignedAccess);
}

// Covers R27.
TEST_P(ErrorKinds, R27_precedence_values_before_timestamp) {
    auto e = failure(R"({"config":{"clk_max_bits":1,"decomp":1},"ops":[{"op":"write","as":1,"ptr":0,"data":[2013265921]}]})");
    EXPECT_EQ(e.kind, ErrorKind::InvalidValue);
    auto e2 = failure(R"({"config":{"clk_max_bits":1,"decomp":1},"ops":[{"op":"read","as":0,"ptr":2013265921,"len":1}]})");
    EXPECT_EQ(e2.kind, ErrorKind::InvalidValue);
    auto e3 = failure(R"({"config":{"clk_max_bits":1,"decomp":1},"ops":[{"op":"write","as":1,"ptr":0,"data":[5]}]})");
    EXPECT_EQ(e3.kind, ErrorKind::TimestampViolation);
}

// Covers R28.
TEST_P(Atomicity, R28_setup_is_validated_before_any_op) {
    // A bad config wins over a bad first op; a bad block size over a bad image; ops never run.
    EXPECT_EQ(failure(R"({"config":{"clk_max_bits":30},"ops":[{"op":"write","as":0,"ptr":0,"data":[1]}]})").kind,
              ErrorKind::InvalidConfig);
    EXPECT_EQ(failure(R"({"initial_block_size":3,"initial_memory":[{"as":0,"ptr":0,"value":1}]})").kind,
              ErrorKind::SizeNotPowerOfTwo);
    EXPECT_EQ(failure(R"({"finalize_chunk":3,"initial_memory":[{"as":0,"ptr":0,"value":1}]})").kind,
              ErrorKind::SizeNotPowerOfTwo);
}

// Covers R28.
TEST_P(Atomicity, R28_first_failing_op_wins_and_is_indexed) {
    auto e = failure(R"({"ops":[{"op":"write","as":1,"ptr":0,"data":[1]},{"op":"tick","by":2},
                                {"op":"read","as":9,"ptr":0,"len":1},{"op":"read","as":1,"ptr":0,"len":3}]})");
    EXPECT_EQ(e.kind, ErrorKind::InvalidAddressSpace);
    ASSERT_TRUE(e.op_index.has_value());
    EXPECT_EQ(*e.op_index, 2u);
    EXPECT_NE(to_json(e).find("\"op_index\":2"), std::string::npos);
}

// Covers R28.
TEST_P(Atomicity, R28_failed_op_then_valid_ops_match_a_run_without_it) {
    with_parts(GetParam(), []<class E>() {
        Engines<E> with_error(small_config());
        Engines<E> clean(small_config());
        EXPECT_FALSE(with_error.online.write(1, 60, bb({1, 2, 3, 4, 5, 6, 7, 8})).ok());
        EXPECT_FALSE(with_error.offline.write(1, 60, bb({1, 2, 3, 4, 5, 6, 7, 8}), with_error.adapters).ok());
        for (Engines<E>* e : {&with_error, &clean}) {
            ASSERT_TRUE(e->online.write(1, 1, bb({9, 9})).ok());
            ASSERT_TRUE(e->offline.write(1, 1, bb({9, 9}), e->adapters).ok());
        }
        EXPECT_EQ(snapshot(with_error.online), snapshot(clean.online));
        EXPECT_EQ(snapshot(with_error.offline, with_error.adapters), snapshot(clean.offline, clean.adapters));
        EXPECT_EQ(adapter_records(with_error.adapters), adapter_records(clean.adapters));
    });
}
