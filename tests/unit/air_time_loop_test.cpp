// The adapter time loop (R250) and its fix (R251), on whole trace sets.
//
// The honest run writes 0 to (1, 1) at timestamp 2 and nothing else. The forger adds one read of
// (1, 1) at timestamp 4 that returns 7, and six AccessAdapter<2> rows (three merge+split pairs over
// cells (1, 0), (1, 1)) that carry the read's own output message (1, 1, 7, 4) forward by
// D = 2^29 - 1 three times, to t3 = 4 + 3D = p - 402653184. The read consumes (1, 1, 7, t3): the
// bridge checks prev_timestamp < timestamp as "timestamp - prev_timestamp - 1 decomposes into
// 29 bits", and 4 - t3 - 1 = 402653187 (mod p) does. The loop is a cycle of messages with no
// source: the value 7 is never written by any row, and the write of 0 at 2 is the only write.
//
// Why no honest execution returns 7 (the strong witness of R250): the access rows of a trace set
// are its accesses, and here they are the write of 0 to (1, 1) at 2 and the read of (1, 1) at 4.
// In any execution (R8, R10) a read returns the value of the latest earlier write to the cell,
// else its initial value; the latest write to (1, 1) before 4 is the one at 2, of 0, whatever the
// initial image (free under the volatile profile, bound by the Merkle root under the persistent
// one). So 7 is no honest read, under either profile.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/trace_io.hpp"
#include "spec/air/tracegen.hpp"
#include "oracle/engine.hpp"
#include "spec/vocabulary/engine.hpp"
#include "tests/unit/air_fixtures.hpp"

namespace memspec {
namespace {

constexpr std::uint64_t P = BabyBear::P;
constexpr std::uint64_t D = (std::uint64_t{1} << 29) - 1;  // the largest move one merge makes
constexpr std::uint64_t READ_TS = 4, FORGED_VALUE = 7;

// The honest run: tick to 2, write 0 to (1, 1) at 2, tick to 5 (the forged read at 4 lies inside
// [1, final_timestamp)). Volatile: OpenVM's default limbs (29-bit timestamps, 17-bit limbs);
// persistent: a small tree, the same limbs.
Scenario honest_scenario(bool persistent) {
    Scenario sc;
    sc.ops = {Op::tick(1), Op::write(1, 1, {0}), Op::tick(2)};
    if (persistent) {
        sc.profile = Profile::openvm_v1_0_persistent;
        sc.config.as_height = 1;
        sc.config.pointer_max_bits = 6;
        sc.config.max_access_adapter_n = 8;
        sc.initial_block_size = 8;
        sc.finalize_chunk = 8;
    } else {
        sc.profile = Profile::openvm_v1_0_volatile;
        sc.config.max_access_adapter_n = 4;
        sc.finalize_chunk = 1;
    }
    return sc;
}

air::TraceSet honest_traces(bool persistent, air::Variant variant) {
    const Scenario sc = honest_scenario(persistent);
    auto setup = validate_setup(sc);
    EXPECT_TRUE(setup.ok()) << setup.error().message;
    auto result = run_to_result(EngineFactory(oracle::make_engine), sc);
    EXPECT_TRUE(result.ok()) << result.error().message;
    auto traces = air::generate_traces(*setup, *result, variant);
    EXPECT_TRUE(traces.ok()) << traces.error().message;
    return *traces;
}

// Appends `extra` zero rows after the valid ones of `chip`, padding to a power of two (R67), and
// returns the index of the first appended row.
std::size_t append_rows(air::Trace& t, const air::Air& a, std::size_t extra) {
    const std::uint32_t valid = *a.column("is_valid");
    std::size_t used = 0;
    while (used < t.height && t.at(used, valid) != BabyBear{}) ++used;
    air::Trace grown = air::empty_trace(a, used + extra);
    std::copy(t.cells.begin(), t.cells.begin() + static_cast<std::ptrdiff_t>(used * t.width), grown.cells.begin());
    grown.public_values = t.public_values;
    t = std::move(grown);
    return used;
}

void put(air::Trace& t, const air::Air& a, std::size_t r, const std::string& c, std::uint64_t v) {
    t.at(r, *a.column(c)) = BabyBear::reduce(v);
}

// The forger's rows (see the file comment), added to an honest trace set of either variant. Under
// the fixed variant the forger also fills the parent-timestamp limbs with the base-2^decomp digits
// of the parent timestamp, the top one left as wide as it must be (no 29-bit limbs sum to a
// timestamp >= 2^29).
air::TraceSet time_loop(bool persistent, air::Variant variant) {
    air::TraceSet set = honest_traces(persistent, variant);
    const air::ChipSet chips = air::make_chip_set(set.config, set.chunk, variant);
    const std::uint32_t decomp = set.config.decomp;

    const air::AccessChip& acc = chips.access;
    air::Trace& at = *set.find(acc.air.name);
    const std::size_t r = append_rows(at, acc.air, 1);
    const std::uint64_t t3 = READ_TS + 3 * D;
    put(at, acc.air, r, "is_valid", 1);
    put(at, acc.air, r, "size_flag[0]", 1);
    put(at, acc.air, r, "address_space", 1);
    put(at, acc.air, r, "pointer", 1);
    put(at, acc.air, r, "timestamp", READ_TS);
    put(at, acc.air, r, "prev_timestamp", t3);
    put(at, acc.air, r, "data[0]", FORGED_VALUE);
    put(at, acc.air, r, "prev_data[0]", FORGED_VALUE);
    put(at, acc.air, r, "access.is_immediate.inv", 1);
    // timestamp - prev_timestamp - 1 (mod p): what the bridge's AssertLessThan decomposes.
    air::fill_decomposition(at.row(r), acc.ts_lt.lower_decomp, (READ_TS + P - t3 - 1) % P, decomp);

    const air::AdapterChip& ad = chips.adapters[0];  // N = 2
    air::Trace& tt = *set.find(ad.air.name);
    const std::size_t first = append_rows(tt, ad.air, 6);
    auto row = [&](std::size_t k, bool split, std::uint64_t left, std::uint64_t right) {
        put(tt, ad.air, k, "is_valid", 1);
        put(tt, ad.air, k, "is_split", split);
        put(tt, ad.air, k, "address_space", 1);
        put(tt, ad.air, k, "pointer", 0);
        put(tt, ad.air, k, "values[1]", FORGED_VALUE);
        put(tt, ad.air, k, "left_timestamp", left);
        put(tt, ad.air, k, "right_timestamp", right);
        // is_right_larger = 0: the IsLessThan's lower = right - left + 2^29 - 1 (mod p), < 2^29.
        air::fill_decomposition(tt.row(k), ad.lt.lower_decomp, (right + P - left + D) % P, decomp);
        if (!ad.parent_ts_limbs.empty()) air::fill_decomposition(tt.row(k), ad.parent_ts_limbs, left, decomp);
    };
    for (std::uint64_t k = 0; k < 3; ++k) {
        const std::uint64_t from = READ_TS + k * D, to = READ_TS + (k + 1) * D;
        row(first + 2 * k, false, to, from);   // merge: consumes (1,0,[0],to) and (1,1,[7],from), sends the block at `to`
        row(first + 2 * k + 1, true, to, to);  // split: gives (1,0,[0],to) back and sends (1,1,[7],to)
    }
    air::fill_range_counts(chips.airs(), set);
    return set;
}

std::string describe(const air::Verdict& v) { return v.accepted ? "accepted" : air::to_text(*v.reason); }

TEST(AirTimeLoop, R250_arithmetic_of_the_loop) {
    // Each move is at most 2^29 - 1 (IsLessThan's lower must stay below 2^29), three of them put the
    // read's message in NEG = [p - 2^29, p), and from there the bridge reads it as earlier than 4.
    const std::uint64_t t3 = READ_TS + 3 * D;
    EXPECT_EQ(P, 2013265921u);
    EXPECT_EQ(t3, 1610612737u);
    EXPECT_GE(t3, P - (std::uint64_t{1} << 29));
    EXPECT_LT(t3, P);
    EXPECT_EQ((READ_TS + P - t3 - 1) % P, 402653187u);
    EXPECT_LT((READ_TS + P - t3 - 1) % P, std::uint64_t{1} << 29);
    // Two moves do not suffice: 4 + 2D is outside NEG and the bridge's difference would not fit.
    EXPECT_GE((READ_TS + P - (READ_TS + 2 * D) - 1) % P, std::uint64_t{1} << 29);
}

TEST(AirTimeLoop, R250_honest_run_accepted_by_both_variants) {
    for (bool persistent : {false, true})
        for (air::Variant v : {air::Variant::OpenVmV1_0, air::Variant::FixedAdapter}) {
            auto verdict = air::check(honest_traces(persistent, v));
            EXPECT_TRUE(verdict.accepted) << persistent << " " << air::to_string(v) << ": " << describe(verdict);
        }
}

// The finding: OpenVM v1.0's chips as memspec writes them accept a read of 7 from a cell whose
// only write wrote 0.
TEST(AirTimeLoop, R250_openvm_v1_0_accepts_a_read_of_a_value_never_written_volatile) {
    auto v = air::check(time_loop(false, air::Variant::OpenVmV1_0));
    EXPECT_TRUE(v.accepted) << describe(v);
}

TEST(AirTimeLoop, R250_openvm_v1_0_accepts_a_read_of_a_value_never_written_persistent) {
    auto v = air::check(time_loop(true, air::Variant::OpenVmV1_0));
    EXPECT_TRUE(v.accepted) << describe(v);
}

// The fix: the same rows are rejected on the range bus, by the parent-timestamp range check and
// nothing else (without it, the fixed chips accept them too).
void expect_fixed_rejects(bool persistent) {
    air::TraceSet set = time_loop(persistent, air::Variant::FixedAdapter);
    auto v = air::check(set);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Bus) << describe(v);
    EXPECT_EQ(v.reason->bus, air::RANGE_BUS) << describe(v);
    auto airs = air::make_chip_set(set.config, set.chunk, air::Variant::FixedAdapter).airs();
    std::size_t removed = 0;
    for (auto& a : airs)
        removed += std::erase_if(a.interactions, [](const air::Interaction& i) {
            return i.name.find(".parent_timestamp_range[") != std::string::npos;
        });
    EXPECT_GT(removed, 0u);
    // The forger serves the weakened AIR's range requests, as for any exploit vector (R106).
    air::TraceSet served = set;
    air::fill_range_counts(airs, served);
    auto weak = air::check(airs, served.traces);
    EXPECT_TRUE(weak.accepted) << describe(weak);
}

TEST(AirTimeLoop, R251_fixed_adapter_rejects_the_time_loop_volatile) { expect_fixed_rejects(false); }
TEST(AirTimeLoop, R251_fixed_adapter_rejects_the_time_loop_persistent) { expect_fixed_rejects(true); }

// R251: the fix costs, per adapter row, limb_count(29, decomp) columns and as many range-check
// interactions, and one constraint; nothing else changes.
TEST(AirTimeLoop, R251_fixed_adapter_cost_per_row) {
    MemoryConfig c;  // decomp 17, clk_max_bits 29: limbs of 17 and 12 bits
    for (std::uint32_t n = 2; n <= 8; n *= 2) {
        const air::Air v1 = air::make_adapter_chip(c, n).air;
        const air::Air fixed = air::make_adapter_chip(c, n, air::Variant::FixedAdapter).air;
        EXPECT_EQ(fixed.width(), v1.width() + 2);
        EXPECT_EQ(fixed.interactions.size(), v1.interactions.size() + 2);
        EXPECT_EQ(fixed.constraints.size(), v1.constraints.size() + 1);
        for (std::size_t i = 0; i < v1.width(); ++i) EXPECT_EQ(fixed.columns[i], v1.columns[i]);
    }
}

// R251: the fixed adapters accept every honest run: random runs of every N, both boundaries and
// several limb widths, traced for the fixed chips (with adapter rows of every N among them).
TEST(AirTimeLoop, R251_random_runs_accepted_by_the_fixed_adapters) {
    airtest::Rng rng{20261205};
    int adapter_rows = 0;
    for (std::uint32_t max_n : {2u, 8u, 32u})
        for (std::uint32_t chunk : {1u, 8u}) {
            if (chunk > max_n) continue;
            for (auto [decomp, clk] : {std::pair{5u, 12u}, std::pair{17u, 29u}})
                for (int i = 0; i < 6; ++i) {
                    Scenario sc = airtest::random_scenario(rng, max_n, chunk, decomp, clk);
                    auto setup = validate_setup(sc);
                    ASSERT_TRUE(setup.ok()) << setup.error().message;
                    auto result = run_to_result(EngineFactory(oracle::make_engine), sc);
                    ASSERT_TRUE(result.ok()) << result.error().message;
                    auto traces = air::generate_traces(*setup, *result, air::Variant::FixedAdapter);
                    ASSERT_TRUE(traces.ok()) << traces.error().message;
                    EXPECT_EQ(traces->variant, air::Variant::FixedAdapter);
                    adapter_rows += static_cast<int>(result->adapter_records.size());
                    auto v = air::check(*traces);
                    ASSERT_TRUE(v.accepted) << "max_n " << max_n << " chunk " << chunk << " decomp " << decomp << "\n"
                                            << describe(v);
                }
        }
    EXPECT_GT(adapter_rows, 0);
}

// R253: memspec's model of OpenVM v1.0's AccessAdapterAir (crates/vm/src/system/memory/adapter/
// air.rs at v1.0.0 ... v1.7.0) range-checks only the IsLessThan's limbs, never a timestamp column,
// and has no constraint that bounds left_timestamp or right_timestamp on its own.
TEST(AirTimeLoop, R253_openvm_v1_0_adapter_range_checks_no_timestamp) {
    MemoryConfig c;
    for (std::uint32_t n = 2; n <= 32; n *= 2) {
        const air::AdapterChip chip = air::make_adapter_chip(c, n);
        EXPECT_TRUE(chip.parent_ts_limbs.empty());
        const std::string name = air::adapter_chip_name(n);
        std::size_t range = 0;
        for (const auto& it : chip.air.interactions) {
            if (it.bus != air::RANGE_BUS) continue;
            ++range;
            EXPECT_TRUE(it.name.starts_with(name + ".timestamp_lt.range[")) << it.name;
        }
        EXPECT_EQ(range, chip.lt.lower_decomp.size());
        for (const auto& k : chip.air.constraints)
            EXPECT_EQ(k.name.find("parent_timestamp"), std::string::npos) << k.name;
    }
}

// R251, R69: a trace set of the fixed adapters says so in its JSON, and reads back as one.
TEST(AirTimeLoop, R251_trace_sets_name_their_variant) {
    EXPECT_EQ(air::parse_variant("fixed-adapter"), air::Variant::FixedAdapter);
    EXPECT_EQ(air::parse_variant("openvm-v1.0"), air::Variant::OpenVmV1_0);
    EXPECT_FALSE(air::parse_variant("fixed"));
    for (air::Variant v : {air::Variant::OpenVmV1_0, air::Variant::FixedAdapter}) {
        const air::TraceSet set = honest_traces(false, v);
        const std::string json = air::traces_to_json(set);
        EXPECT_EQ(json.find("\"variant\":\"fixed-adapter\"") != std::string::npos, v == air::Variant::FixedAdapter);
        EXPECT_EQ(json.find("\"variant\"") != std::string::npos, v == air::Variant::FixedAdapter);
        auto back = air::parse_traces(json);
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(*back, set);
    }
    // A trace set of one variant is no trace set of the other: the columns differ (R67).
    std::string fixed = air::traces_to_json(honest_traces(false, air::Variant::FixedAdapter));
    const std::string key = ",\"variant\":\"fixed-adapter\"";
    fixed.erase(fixed.find(key), key.size());
    auto mismatched = air::parse_traces(fixed);
    EXPECT_FALSE(mismatched.ok());
}

}  // namespace
}  // namespace memspec
