// R29, R105: each engine reproduces every conformance vector (the ScenarioTests of vectors/*.json),
// in-process, compared as `memspec conform` judges them (conform/judge.cpp, R131). The test keeps
// the name it had when only the oracle ran it, which spec/memory.md cites. ctest's vectors_oracle
// runs the same vectors through the CLI and conform; this copy needs no CLI, so that mutation testing of the oracle (tests/mutation)
// has the vectors as killers without building tools/. valid: equal JSON; acceptable: equal except
// that the adapter records from mayVary.finalizeOrder on form a multiset; invalid: the same error
// kind and op_index (messages are for people).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "spec/interchange/interchange.hpp"
#include "tests/support/engines.hpp"

using namespace memspec;

namespace {
std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string> dumps(const nlohmann::json& records, std::size_t from) {
    std::vector<std::string> out;
    for (std::size_t i = from; i < records.size(); ++i) out.push_back(records[i].dump());
    std::sort(out.begin(), out.end());
    return out;
}

// The output of the engine for one test, compared by its result kind; an empty string if it conforms.
std::string compare(const nlohmann::json& test, const EngineFactory& make) {
    const std::string text = test.contains("scenarioText") ? test["scenarioText"].get<std::string>() : test["scenario"].dump();
    const auto& expected = test["expected"];
    const std::string result = test["result"];
    auto sc = parse_scenario(text);
    Result<RunResult> run = sc ? run_to_result(make, *sc) : Result<RunResult>(sc.error());
    if (result == "invalid") {
        if (run.ok()) return "expected " + expected.dump() + ", got a result";
        if (std::string(to_string(run.error().kind)) != expected["error"]["kind"].get<std::string>())
            return "expected " + expected.dump() + ", got " + std::string(to_string(run.error().kind)) + ": " + run.error().message;
        if (expected["error"].contains("op_index") != run.error().op_index.has_value() ||
            (run.error().op_index && *run.error().op_index != expected["error"]["op_index"].get<std::size_t>()))
            return "expected " + expected.dump() + ", got another op_index: " + run.error().message;
        return "";
    }
    if (!run.ok()) return "expected a result, got " + run.error().message;
    auto actual = nlohmann::json::parse(to_json(*run));
    if (result == "valid") return actual == expected ? "" : "expected " + expected.dump() + "\nactual   " + actual.dump();
    const std::size_t k = test["mayVary"]["finalizeOrder"].get<std::size_t>();
    auto rest = [](nlohmann::json j) {
        j.erase("adapter_records");
        return j;
    };
    const auto& ea = expected["adapter_records"];
    const auto& aa = actual["adapter_records"];
    const bool same_prefix = aa.size() >= k && ea.size() >= k &&
                             std::equal(ea.begin(), ea.begin() + static_cast<std::ptrdiff_t>(k), aa.begin());
    if (rest(actual) != rest(expected) || !same_prefix || dumps(ea, k) != dumps(aa, k))
        return "expected " + expected.dump() + "\nactual   " + actual.dump();
    return "";
}
}  // namespace

class Vectors : public memspec::testing::EachEngine {};
MEMSPEC_ON_EACH_ENGINE(Vectors);

// Covers R29, R105 and R108: the engine reproduces every file, the hand-transcribed OpenVM tests included.
TEST_P(Vectors, R29_R105_oracle_reproduces_every_conformance_vector) {
    const auto root = std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "vectors";
    ASSERT_TRUE(std::filesystem::is_directory(root)) << root;
    std::size_t files = 0, by_result[3] = {0, 0, 0};
    for (const auto& e : std::filesystem::directory_iterator(root)) {
        if (e.path().extension() != ".json") continue;
        ++files;
        const auto doc = nlohmann::json::parse(slurp(e.path()));
        for (const auto& group : doc["testGroups"]) {
            if (group["type"] != "ScenarioTest") continue;
            for (const auto& test : group["tests"]) {
                const std::string why = compare(test, make());
                EXPECT_EQ(why, "") << e.path().filename() << " tcId " << test["tcId"] << ": " << test["comment"];
                const std::string r = test["result"];
                ++by_result[r == "valid" ? 0 : r == "acceptable" ? 1 : 2];
            }
        }
    }
    EXPECT_GE(files, 10u);
    EXPECT_GE(by_result[0], 150u);  // valid
    EXPECT_GE(by_result[1], 20u);   // acceptable
    EXPECT_GE(by_result[2], 100u);  // invalid
}
