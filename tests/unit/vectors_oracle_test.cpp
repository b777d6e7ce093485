// R29: the oracle reproduces every conformance vector (vectors/scenarios, vectors/expected),
// in-process, compared as JSON. ctest's vectors_oracle runs the same vectors through the CLI; this copy needs no
// CLI, so that mutation testing of the oracle (tests/mutation) has the vectors as killers without
// building tools/. Results must be equal JSON; errors must agree in kind and op_index (the messages
// are for people, as in vectors/compare.py).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "oracle/run.hpp"
#include "spec/interchange.hpp"

using namespace memspec;

namespace {
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}
}  // namespace

TEST(Vectors, R29_oracle_reproduces_every_conformance_vector) {
    const auto root = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "vectors";
    ASSERT_TRUE(std::filesystem::is_directory(root / "scenarios")) << root;
    int results = 0, errors = 0;
    for (const auto& e : std::filesystem::directory_iterator(root / "scenarios")) {
        const std::string name = e.path().filename().string();
        const auto expected_path = root / "expected" / name;
        ASSERT_TRUE(std::filesystem::exists(expected_path)) << name;
        const std::string expected_text = slurp(expected_path);
        const auto expected = nlohmann::json::parse(expected_text);
        auto sc = parse_scenario(slurp(e.path()));
        if (!sc) {
            ASSERT_TRUE(expected.contains("error")) << name;
            EXPECT_EQ(std::string(to_string(sc.error().kind)), expected["error"]["kind"].get<std::string>()) << name;
            ++errors;
            continue;
        }
        const auto actual = oracle::run(*sc);
        if (expected.contains("error")) {
            ASSERT_FALSE(actual.ok()) << name << ": expected " << expected["error"]["kind"] << ", got a result";
            EXPECT_EQ(std::string(to_string(actual.error().kind)), expected["error"]["kind"].get<std::string>()) << name;
            if (expected["error"].contains("op_index")) {
                ASSERT_TRUE(actual.error().op_index.has_value()) << name;
                EXPECT_EQ(*actual.error().op_index, expected["error"]["op_index"].get<std::size_t>()) << name;
            } else {
                EXPECT_FALSE(actual.error().op_index.has_value()) << name;
            }
            ++errors;
        } else {
            ASSERT_TRUE(actual.ok()) << name << ": " << actual.error().message;
            // Equal as JSON, as vectors/compare.py compares (an empty final memory has no chunk).
            EXPECT_EQ(nlohmann::json::parse(to_json(*actual)), expected) << name << "\nexpected " << expected_text
                                                                          << "\nactual   " << to_json(*actual);
            ++results;
        }
    }
    EXPECT_GE(results, 15);
    EXPECT_GE(errors, 10);
}
