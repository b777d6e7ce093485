// The fuzz targets' byte decoder (fuzz/fuzzed_data.hpp), checked in the ordinary test build so
// that a change to it cannot silently break the seed corpora or its biased tables.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz/fuzzed_data.hpp"
#include "spec/interchange/interchange.hpp"
#include "tests/support/engines.hpp"

using namespace memspec;

namespace {

Scenario decode(const std::vector<std::uint8_t>& bytes) {
    fuzz::FuzzedData in(bytes.data(), bytes.size());
    return fuzz::ScenarioDecoder(in).scenario();
}

void expect_round_trip(const Scenario& sc, const std::string& what) {
    auto bytes = fuzz::ScenarioEncoder::encode(sc);
    ASSERT_TRUE(bytes.has_value()) << what;
    EXPECT_EQ(decode(*bytes), sc) << what << "\n" << to_json(sc);
}

}  // namespace

// The TEST_Ps run decoded scenarios on each engine; the TESTs check the decoder alone.
class FuzzDecoder : public memspec::testing::EachEngine {};
MEMSPEC_ON_EACH_ENGINE(FuzzDecoder);

TEST(FuzzDecoder, encoder_is_the_inverse_of_the_decoder_on_edge_values) {
    Scenario sc;
    sc.config = MemoryConfig{4294967295u, 0, 255, 256, 0, 3, UINT64_MAX, true, false, {}};
    sc.initial_block_size = 0;
    sc.finalize_chunk = UINT64_MAX;
    sc.initial_memory = {{0, UINT64_MAX, BabyBear::P}, {1, 0, 0}};
    sc.ops = {Op::read(UINT64_MAX, 0xFF, 0x100), Op::write(0xFFFFFFFF, 0x100000000, {}),
              Op::write(1, 2, std::vector<std::uint64_t>(fuzz::MAX_WRITE_LEN, 0xFD)), Op::tick(0), Op::tick(UINT64_MAX)};
    expect_round_trip(sc, "edge values");
    expect_round_trip(Scenario{}, "default scenario");
}

TEST(FuzzDecoder, every_conformance_vector_round_trips) {
    // The scenarios of the vector files (vectors/*.json, R105) that parse and fit the encoder's
    // limits (a few workloads and images are larger: they feed the parser corpus only). The byte
    // format carries no profile (the byte targets run generalized scenarios), so it is cleared first,
    // with the config keys that belong to a profile.
    const auto dir = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "vectors";
    ASSERT_TRUE(std::filesystem::is_directory(dir)) << dir;
    int checked = 0, beyond_limits = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() != ".json") continue;
        std::ifstream in(e.path());
        const auto doc = nlohmann::json::parse(in);
        for (const auto& group : doc["testGroups"]) {
            if (group["type"] != "ScenarioTest") continue;
            for (const auto& test : group["tests"]) {
                if (!test.contains("scenario")) continue;  // scenarioText: not a JSON object
                auto sc = parse_scenario(test["scenario"].dump());
                if (!sc) continue;  // the ParseError vectors
                sc->profile = Profile::generalized;
                sc->config.legacy_v1_3_mem_align = false;  // a switch of the openvm-v1.4 profiles only (R262)
                sc->config.num_cells.clear();              // openvm-v2.0's table only (R330)
                if (!fuzz::ScenarioEncoder::encode(*sc)) {
                    ++beyond_limits;
                    continue;
                }
                expect_round_trip(*sc, e.path().filename().string() + " tcId " + test["tcId"].dump());
                ++checked;
            }
        }
    }
    EXPECT_GE(checked, 250);
    EXPECT_LE(beyond_limits, 10);
}

TEST(FuzzDecoder, scenarios_beyond_the_limits_are_not_encoded) {
    Scenario sc;
    sc.ops.assign(fuzz::MAX_OPS + 1, Op::tick(1));
    EXPECT_FALSE(fuzz::ScenarioEncoder::encode(sc).has_value());
    sc.ops = {Op::write(1, 0, std::vector<std::uint64_t>(fuzz::MAX_WRITE_LEN + 1, 0))};
    EXPECT_FALSE(fuzz::ScenarioEncoder::encode(sc).has_value());
}

TEST_P(FuzzDecoder, short_inputs_decode_and_run_without_crashing) {
    // Every input of at most 2 bytes, and the empty one: a missing byte reads as 0.
    std::vector<std::vector<std::uint8_t>> inputs{{}};
    for (int a = 0; a < 256; ++a) {
        inputs.push_back({static_cast<std::uint8_t>(a)});
        for (int b = 0; b < 256; b += 7) inputs.push_back({static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b)});
    }
    int ran = 0;
    for (const auto& bytes : inputs) {
        const Scenario sc = decode(bytes);
        EXPECT_LE(sc.ops.size(), fuzz::MAX_OPS);
        auto r = run(sc);
        if (r.ok()) ++ran;
    }
    EXPECT_GT(ran, 0) << "the small-config branch must produce runnable scenarios";
}

TEST_P(FuzzDecoder, R9_tick_table_reaches_the_last_legal_clock) {
    // Small config byte m = 0 (as_height 0, pointer_max_bits 2), n = 0 (clk_max_bits 3,
    // max_access_adapter_n 2), d = 0 (decomp 17); block size tag 0 -> 1; no finalize; no cells;
    // then a tick with tag 2 (the last legal advance: 2^3 - 1 - 1 = 6) and a read of address space 0.
    const std::vector<std::uint8_t> bytes{0, 0, 0, 0, 0, 0, /*tick*/ 2, 2, /*read*/ 0, /*as 0*/ 0, /*len 1*/ 0, /*ptr*/ 0};
    const Scenario sc = decode(bytes);
    ASSERT_EQ(sc.ops.size(), 2u);
    EXPECT_EQ(sc.ops[0], Op::tick(6));
    EXPECT_EQ(sc.ops[1].kind, OpKind::Read);
    auto r = run(sc);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::TimestampViolation);
    EXPECT_EQ(r.error().op_index, std::optional<std::size_t>(1));
}

TEST(FuzzDecoder, R6_R5_pointer_and_address_space_tables_hit_the_edges) {
    // Small config (pointer_max_bits 2: 4 cells), then reads whose tags pick: address space
    // tag 4 = one past the last; pointer tag 3 = the last fitting pointer; pointer tag 5 = past
    // the end; pointer tag 6 = an immediate p - 2.
    auto read_op = [](std::uint8_t as_tag, std::uint8_t len_tag, std::uint8_t ptr_tag) {
        const std::vector<std::uint8_t> bytes{0, 0, 0, 0, 0, 0, 0, as_tag, len_tag, ptr_tag};
        const Scenario sc = decode(bytes);
        EXPECT_EQ(sc.ops.size(), 1u);
        return sc.ops.empty() ? Op{} : sc.ops[0];
    };
    EXPECT_EQ(read_op(4, 0, 0).address_space, 2u);               // as_offset 1 + 2^0
    EXPECT_EQ(read_op(1, 8, 3), Op::read(1, 2, 2));              // len tag 8 -> 2; 4 - 2
    EXPECT_EQ(read_op(1, 0, 5).pointer, 4u);                     // one past the end
    EXPECT_EQ(read_op(0, 0, 6), Op::read(0, BabyBear::P - 2, 1));
}
