// The forged two-initial-rows trace, exploit B9 (R62, R76, R78): on the persistent side, address
// uniqueness and initial values come from the Merkle side. This test builds the forgery from an
// honest trace, as well as a forger can (right leaf hashes, a compression lookup serving every
// request), and shows that the Merkle bus rejects it while the memory-bus side alone accepts it.
#include "spec/air/trace_io.hpp"
#include "spec/vocabulary/poseidon2.hpp"
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;
using air::Trace;

namespace {

// One chunk (1, 0..8) with initial values v; a full-chunk write of w at timestamp 1 and a
// full-chunk read at timestamp 2. Honestly the read returns w.
Scenario two_access_scenario() {
    Scenario sc;
    sc.config.max_access_adapter_n = 8;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;
    sc.config.pointer_max_bits = 10;
    sc.config.as_height = 2;
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    for (std::uint64_t i = 0; i < 8; ++i) sc.initial_memory.push_back({1, i, 1 + i});
    sc.ops = {Op::write(1, 0, {10, 11, 12, 13, 14, 15, 16, 17}), Op::read(1, 0, 8)};
    return sc;
}

// The forgery: the boundary creates chunk (1, 0) twice, once with v and once with v' at
// timestamp 0; the write consumes (v, 0); the read consumes (v', 0) and returns v'; the two final
// rows consume (w, 1) and (v', 2). Every memory-bus message balances.
air::TraceSet forge(const Traced& t, const std::vector<std::uint32_t>& v_prime) {
    air::TraceSet set = t.traces;
    const auto& ac = t.chips.access;
    Trace& access = *set.find("access");
    // Row 1 is the read at timestamp 2 (row 0 the write at timestamp 1).
    EXPECT_EQ(access.at(1, ac.is_write), f(0));
    EXPECT_EQ(access.at(1, ac.timestamp), f(2));
    for (std::size_t i = 0; i < 8; ++i) {
        access.at(1, ac.prev_data[i]) = f(v_prime[i]);
        access.at(1, ac.data[i]) = f(v_prime[i]);
    }
    access.at(1, ac.prev_timestamp) = f(0);
    // R50 witness for 0 < 2: y - x - 1 = 1 in the lowest limb.
    for (std::size_t i = 0; i < ac.ts_lt.lower_decomp.size(); ++i) access.at(1, ac.ts_lt.lower_decomp[i]) = f(i == 0 ? 1 : 0);

    const auto& pc = t.chips.persistent_boundary;
    Trace b = air::empty_trace(pc.air, 4);
    auto row = [&](std::size_t r, std::int64_t e, const std::vector<std::uint32_t>& vals, std::uint32_t ts) {
        b.at(r, pc.expand_direction) = f(e);
        b.at(r, pc.address_space) = f(1);
        b.at(r, pc.leaf_label) = f(0);
        for (std::size_t i = 0; i < 8; ++i) b.at(r, pc.values[i]) = f(vals[i]);
        b.at(r, pc.timestamp) = f(ts);
    };
    row(0, 1, {1, 2, 3, 4, 5, 6, 7, 8}, 0);
    row(1, 1, v_prime, 0);
    row(2, -1, {10, 11, 12, 13, 14, 15, 16, 17}, 1);
    row(3, -1, v_prime, 2);
    // Each row's leaf hash is right (R76), so the compression lookup can serve it.
    for (std::size_t r = 0; r < 4; ++r) {
        poseidon2::Digest values;
        for (std::size_t i = 0; i < 8; ++i) values[i] = b.at(r, pc.values[i]);
        auto h = poseidon2::hash(values);
        for (std::size_t i = 0; i < 8; ++i) b.at(r, pc.hash[i]) = h[i];
    }
    *set.find("persistent_boundary") = b;
    air::fill_range_counts(t.chips.airs(), set);
    air::fill_compression_table(t.chips.airs(), set);
    return set;
}

// The AIRs of the memory-bus side only: the boundary without its Merkle-side interactions and
// without MemoryMerkleAir and the compression lookup (memspec before R76-R78).
std::vector<air::Air> memory_bus_side(const air::ChipSet& chips) {
    std::vector<air::Air> out;
    for (auto a : chips.airs()) {
        if (a.name == "memory_merkle" || a.name == "poseidon2_compression") continue;
        if (a.name == "persistent_boundary")
            a = *air::without_interaction(*air::without_interaction(a, "persistent_boundary.merkle_leaf"),
                                          "persistent_boundary.compress_leaf");
        out.push_back(a);
    }
    return out;
}
std::vector<air::Trace> without_merkle_traces(const air::TraceSet& set) {
    std::vector<air::Trace> out;
    for (const auto& t : set.traces)
        if (t.chip != "memory_merkle" && t.chip != "poseidon2_compression") out.push_back(t);
    return out;
}

TEST(AirPersistentForgery, R62_R78_honest_trace_is_accepted_with_nothing_left_unchecked) {
    auto t = run_and_trace(two_access_scenario());
    ASSERT_TRUE(t);
    air::Verdict v = air::check(t->traces);
    EXPECT_TRUE(v.accepted) << (v.reason ? air::to_text(*v.reason) : "");
    EXPECT_TRUE(v.not_checked.empty());
    EXPECT_EQ(air::verdict_to_json(v, -1), "{\"verdict\":\"accepted\"}");
}

TEST(AirPersistentForgery, R62_R76_two_initial_rows_forgery_is_rejected_on_the_merkle_bus) {
    auto t = run_and_trace(two_access_scenario());
    ASSERT_TRUE(t);
    // The honest read returns w.
    ASSERT_EQ(t->result.reads.size(), 1u);
    EXPECT_EQ(t->result.reads[0][0], f(10));
    std::vector<std::uint32_t> v_prime{70, 71, 72, 73, 74, 75, 76, 77};
    air::TraceSet forged = forge(*t, v_prime);
    air::Verdict v = air::check(forged);
    ASSERT_FALSE(v.accepted);
    EXPECT_TRUE(v.not_checked.empty());
    ASSERT_EQ(v.reason->kind, air::RejectionKind::Bus) << air::to_text(*v.reason);
    EXPECT_EQ(v.reason->bus, air::MERKLE_BUS) << air::to_text(*v.reason);
    EXPECT_NE(air::to_text(*v.reason).find("MerkleBus(2) message ["), std::string::npos) << air::to_text(*v.reason);
    // Every unbalanced message is on the Merkle bus: the forger served the memory bus, the range
    // bus and the compression lookup correctly.
    auto chips = t->chips.airs();
    for (const auto& e : air::bus_entries(chips, forged.traces, false)) EXPECT_EQ(e.bus, air::MERKLE_BUS);
}

// Without the Merkle side the same forgery balances and passes every constraint: the gap the
// verdict had to name before R76-R78 (R62).
TEST(AirPersistentForgery, R62_forgery_passes_the_memory_bus_side_alone_and_the_gap_is_named) {
    auto t = run_and_trace(two_access_scenario());
    ASSERT_TRUE(t);
    air::TraceSet forged = forge(*t, {70, 71, 72, 73, 74, 75, 76, 77});
    auto airs = memory_bus_side(t->chips);
    air::Verdict v = air::check(airs, without_merkle_traces(forged));
    EXPECT_TRUE(v.accepted) << (v.reason ? air::to_text(*v.reason) : "");
    auto gap = air::not_checked_by(airs, 8);
    ASSERT_EQ(gap.size(), 1u);
    EXPECT_EQ(gap[0].rule, "R62");
    EXPECT_NE(gap[0].what.find("address uniqueness and initial values"), std::string::npos);
    v.not_checked = gap;
    EXPECT_NE(air::to_text(v).find("accepted\n  not checked (R62): "), std::string::npos);
    EXPECT_NE(air::verdict_to_json(v, -1).find("{\"verdict\":\"accepted\",\"not_checked\":[{\"rule\":\"R62\""),
              std::string::npos);
    // With the Merkle side's chips present, nothing is left unchecked.
    EXPECT_TRUE(air::not_checked_by(t->chips.airs(), 8).empty());
}

TEST(AirPersistentForgery, R62_volatile_verdicts_have_no_gap) {
    auto t = run_and_trace(small_volatile_scenario({Op::write(1, 0, {1, 2}), Op::read(1, 0, 2)}));
    ASSERT_TRUE(t);
    air::Verdict v = air::check(t->traces);
    EXPECT_TRUE(v.accepted);
    EXPECT_TRUE(v.not_checked.empty());
    EXPECT_EQ(air::verdict_to_json(v, -1), "{\"verdict\":\"accepted\"}");
}

}  // namespace
