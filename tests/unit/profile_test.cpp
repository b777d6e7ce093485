// R3a: profiles. Each OpenVM v1.0 assertion a profile enforces, on both sides of its bound, read
// through the whole path a user takes (document -> setup validation -> engine). Both engines share
// the setup checks (spec/vocabulary/scenario.cpp); the engine properties compare impl with the oracle.
#include <gtest/gtest.h>

#include <string>

#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/profile.hpp"
#include "tests/support/engines.hpp"

// Not `using namespace memspec`: the suite's fixture is called Profile, as memspec::Profile is.
using memspec::ErrorKind;
using memspec::parse_scenario;
using memspec::profile_from_name;
using memspec::profile_name;
using memspec::Result;
using memspec::RunResult;
using memspec::testing::EachEngine;

namespace {

// A volatile-profile document with this config (a JSON object's members) and a write of one cell.
std::string volatile_doc(const std::string& config) {
    return R"({"profile":"openvm-v1.0-volatile","config":{)" + config +
           R"(},"initial_block_size":1,"ops":[{"op":"write","as":1,"ptr":0,"data":[5]}],"finalize_chunk":1})";
}
std::string persistent_doc(const std::string& config, const std::string& image = "[]") {
    return R"({"profile":"openvm-v1.0-persistent","config":{)" + config + R"(},"initial_block_size":8,"initial_memory":)" + image +
           R"(,"ops":[{"op":"write","as":1,"ptr":0,"data":[5]}],"finalize_chunk":8})";
}

}  // namespace

// The TEST_Ps run documents on each engine; the TESTs check names and writers alone.
class Profile : public EachEngine {
protected:
    Result<RunResult> run_doc(const std::string& json) const {
        auto sc = parse_scenario(json);
        if (!sc) return sc.error();
        return run(*sc);
    }
    void expect_invalid_config(const std::string& json, const std::string& message_part) {
        auto r = run_doc(json);
        ASSERT_FALSE(r.ok()) << json;
        EXPECT_EQ(r.error().kind, ErrorKind::InvalidConfig) << json;
        EXPECT_NE(r.error().message.find(message_part), std::string::npos) << r.error().message;
    }
    void expect_ok(const std::string& json) {
        auto r = run_doc(json);
        EXPECT_TRUE(r.ok()) << json << ": " << (r.ok() ? "" : r.error().message);
    }
};
MEMSPEC_ON_EACH_ENGINE(Profile);

TEST(Profile, R3a_names_round_trip_and_unknown_is_parse_error) {
    for (memspec::Profile p : {memspec::Profile::generalized, memspec::Profile::openvm_v1_0_volatile, memspec::Profile::openvm_v1_0_persistent})
        EXPECT_EQ(profile_from_name(profile_name(p)), p);
    EXPECT_EQ(profile_name(memspec::Profile::openvm_v1_0_volatile), "openvm-v1.0-volatile");
    EXPECT_EQ(profile_name(memspec::Profile::openvm_v1_0_persistent), "openvm-v1.0-persistent");
    EXPECT_EQ(parse_scenario(R"({"profile":"openvm-v1.1-volatile"})").error().kind, ErrorKind::ParseError);
    EXPECT_EQ(parse_scenario(R"({"profile":7})").error().kind, ErrorKind::ParseError);
    // "Which error": profile ranks after version and before config.
    auto e = parse_scenario(R"({"config":{"decomp":"x"},"profile":"nope"})");
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("profile"), std::string::npos) << e.error().message;
    auto v = parse_scenario(R"({"profile":"nope","version":2})");
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("version"), std::string::npos) << v.error().message;
}

TEST_P(Profile, R3a_absent_profile_is_generalized_and_keeps_old_meaning) {
    auto sc = parse_scenario(R"({"initial_block_size":4,"finalize_chunk":2})");
    ASSERT_TRUE(sc.ok());
    EXPECT_EQ(sc->profile, memspec::Profile::generalized);
    expect_ok(R"({"config":{"strict_alignment":true,"clk_max_bits":8,"decomp":2},"initial_block_size":4,"finalize_chunk":2})");
}

TEST_P(Profile, R3a_openvm_defaults_build) {
    expect_ok(volatile_doc(""));
    expect_ok(persistent_doc(""));
    expect_ok(persistent_doc("", R"([{"as":1,"ptr":9,"value":3}])"));
}

TEST_P(Profile, R3a_two_timestamp_limbs) {
    // AUX_LEN = 2: decomp < clk_max_bits <= 2*decomp.
    expect_ok(volatile_doc(R"("clk_max_bits":16,"decomp":8,"pointer_max_bits":16)"));
    expect_invalid_config(volatile_doc(R"("clk_max_bits":17,"decomp":8,"pointer_max_bits":16)"), "AUX_LEN = 2");
    expect_ok(volatile_doc(R"("clk_max_bits":9,"decomp":8,"pointer_max_bits":16)"));
    expect_invalid_config(volatile_doc(R"("clk_max_bits":8,"decomp":8,"pointer_max_bits":16)"), "AUX_LEN = 2");
    expect_invalid_config(persistent_doc(R"("clk_max_bits":29,"decomp":14)"), "AUX_LEN = 2");
    // generalized keeps memspec's extension: any number of limbs.
    expect_ok(R"({"config":{"clk_max_bits":29,"decomp":4}})");
}

TEST_P(Profile, R3a_no_strict_alignment) {
    expect_invalid_config(volatile_doc(R"("strict_alignment":true)"), "strict_alignment");
    expect_invalid_config(persistent_doc(R"("strict_alignment":true)"), "strict_alignment");
}

TEST_P(Profile, R3a_volatile_boundary_limbs) {
    // Address spaces in one limb of decomp bits: as_offset + 2^as_height <= 2^decomp.
    expect_ok(volatile_doc(R"("clk_max_bits":16,"decomp":8,"pointer_max_bits":16,"as_height":7)"));  // 1 + 128 -> 8 bits
    expect_invalid_config(volatile_doc(R"("clk_max_bits":16,"decomp":8,"pointer_max_bits":16,"as_height":8)"), "NUM_AS_LIMBS");
    // Pointers in two limbs: pointer_max_bits <= 2*decomp.
    expect_ok(volatile_doc(R"("clk_max_bits":20,"decomp":10,"pointer_max_bits":20)"));
    expect_invalid_config(volatile_doc(R"("clk_max_bits":20,"decomp":10,"pointer_max_bits":21)"), "pointer_max_bits");
    // The persistent profile has no volatile boundary: 21 pointer bits with decomp 10 build.
    expect_ok(persistent_doc(R"("clk_max_bits":20,"decomp":10,"pointer_max_bits":21)"));
}

TEST_P(Profile, R3a_persistent_tree_bounds) {
    expect_invalid_config(persistent_doc(R"("as_offset":2)"), "as_offset == 1");
    expect_ok(R"({"profile":"openvm-v1.0-volatile","config":{"as_offset":2},"ops":[{"op":"write","as":2,"ptr":0,"data":[5]}]})");  // OpenVM asserts it for persistent memory only
    expect_invalid_config(persistent_doc(R"("as_height":0)"), "as_height > 0");
    expect_ok(persistent_doc(R"("as_height":1)"));
    expect_invalid_config(persistent_doc(R"("pointer_max_bits":3)"), "address_height");
    expect_ok(persistent_doc(R"("pointer_max_bits":4)"));
}

TEST_P(Profile, R3a_block_sizes_are_fixed) {
    expect_invalid_config(
        R"({"profile":"openvm-v1.0-volatile","initial_block_size":2,"ops":[{"op":"read","as":1,"ptr":0,"len":1}]})",
        "initial_block_size = 2");
    expect_invalid_config(R"({"profile":"openvm-v1.0-volatile","finalize_chunk":2})", "finalize_chunk = 2");
    // Given, another block size is refused; absent, it is the profile's 8 (R240, profile_default_test.cpp).
    expect_invalid_config(R"({"profile":"openvm-v1.0-persistent","initial_block_size":1,"finalize_chunk":8})", "initial_block_size = 1");
    expect_invalid_config(R"({"profile":"openvm-v1.0-persistent","initial_block_size":8,"finalize_chunk":1})",
                          "finalize_chunk = 1");
    // Absent finalize_chunk: nothing is finalized, in any profile.
    auto r = run_doc(R"({"profile":"openvm-v1.0-persistent","initial_block_size":8,"ops":[{"op":"read","as":1,"ptr":0,"len":1}]})");
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->final_memory.has_value());
}

TEST_P(Profile, R3a_R13_volatile_image_empty_even_without_finalize) {
    expect_invalid_config(R"({"profile":"openvm-v1.0-volatile","initial_memory":[{"as":1,"ptr":0,"value":1}]})",
                          "Cannot set initial memory for volatile memory");
    // generalized: only the volatile boundary (finalize_chunk = 1) needs the empty image.
    expect_ok(R"({"initial_memory":[{"as":1,"ptr":0,"value":1}]})");
}

TEST_P(Profile, R3a_order_generic_bounds_first) {
    // R3's own bound wins over the profile's (clk_max_bits 30 breaks R3 and AUX_LEN alike).
    auto r = run_doc(volatile_doc(R"("clk_max_bits":30)"));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("(R3"), std::string::npos) << r.error().message;
    // R15's SizeNotPowerOfTwo comes before the profile's fixed block size.
    auto s = run_doc(R"({"profile":"openvm-v1.0-volatile","initial_block_size":3})");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::SizeNotPowerOfTwo);
}

TEST(Profile, R3a_writers_print_the_profile_first) {
    auto sc = parse_scenario(R"({"profile":"openvm-v1.0-persistent","initial_block_size":8})");
    ASSERT_TRUE(sc.ok());
    const std::string text = to_json(*sc);
    EXPECT_EQ(text.rfind(R"({"profile":"openvm-v1.0-persistent","config":)", 0), 0u) << text;
    auto back = parse_scenario(text);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, *sc);
}
