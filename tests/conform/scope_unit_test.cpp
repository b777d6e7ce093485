// R245: the capabilities reader is strict, and out_of_scope gives each test's reason in a fixed
// order; R246: a batch request carries the document's bytes as one JSON string line.
#include <gtest/gtest.h>

#include "conform/batch.hpp"
#include "conform/capabilities.hpp"
#include "conform/scope.hpp"

namespace memspec::conform {
namespace {

VectorTest scenario_test(std::string input, std::vector<std::string> flags, Expectation result = Expectation::Valid) {
    VectorTest t;
    t.input = std::move(input);
    t.flags = std::move(flags);
    t.result = result;
    return t;
}

std::string error_of(std::string_view text) {
    auto r = parse_capabilities(text, "caps.json");
    auto* e = std::get_if<LoadError>(&r);
    return e ? e->message : std::string();
}

TEST(Capabilities, R245_every_key_is_read) {
    auto r = parse_capabilities(R"({"profiles":["generalized"],"access_sizes":[1,4],"reports_errors":false,
                                    "only_flags":["A"],"skip_flags":["B"],"batch":true,"comment":"x"})",
                                "caps.json");
    ASSERT_TRUE(std::holds_alternative<Capabilities>(r));
    const Capabilities& c = std::get<Capabilities>(r);
    EXPECT_EQ(*c.scope.profiles, std::set<std::string>{"generalized"});
    EXPECT_EQ(*c.scope.access_sizes, (std::set<std::size_t>{1, 4}));
    EXPECT_FALSE(c.scope.reports_errors);
    EXPECT_EQ(*c.scope.only_flags, std::set<std::string>{"A"});
    EXPECT_EQ(c.scope.skip_flags, std::set<std::string>{"B"});
    EXPECT_TRUE(c.batch);
}

TEST(Capabilities, R245_strict) {
    EXPECT_NE(error_of(R"({"acces_sizes":[1]})").find("unknown key \"acces_sizes\""), std::string::npos);
    EXPECT_NE(error_of(R"({"access_sizes":[]})").find("non-empty array of positive integers"), std::string::npos);
    EXPECT_NE(error_of(R"({"access_sizes":[0]})").find("positive integers"), std::string::npos);
    EXPECT_NE(error_of(R"({"batch":"yes"})").find("\"batch\" must be true or false"), std::string::npos);
    EXPECT_NE(error_of(R"({"profiles":"generalized"})").find("\"profiles\" must be an array"), std::string::npos);
    EXPECT_NE(error_of("[1]").find("a JSON object"), std::string::npos);
    EXPECT_NE(error_of("{").find("not JSON"), std::string::npos);
}

TEST(Scope, R245_reasons_in_order) {
    VectorFile f;
    f.profile = "openvm-v1.0-volatile";
    Scope s;
    const auto wide = scenario_test(R"({"ops":[{"op":"read","as":1,"ptr":0,"len":4}]})", {"A"});
    EXPECT_FALSE(out_of_scope(f, wide, s));
    s.access_sizes = std::set<std::size_t>{1};
    EXPECT_EQ(*out_of_scope(f, wide, s), "access of 4 cells; supported sizes: 1");
    const auto write2 = scenario_test(R"({"ops":[{"op":"write","as":1,"ptr":0,"data":[1,2]}]})", {"A"});
    EXPECT_EQ(*out_of_scope(f, write2, s), "access of 2 cells; supported sizes: 1");
    // Not JSON: no sizes to read, so inside the scope on that count.
    EXPECT_FALSE(out_of_scope(f, scenario_test("{\"ops\":[", {"A"}), s));
    s.profiles = std::set<std::string>{"generalized"};
    EXPECT_EQ(*out_of_scope(f, wide, s), "profile openvm-v1.0-volatile is not supported (generalized)");
    // The scenario's own profile wins over the file's.
    EXPECT_FALSE(out_of_scope(f, scenario_test(R"({"profile":"generalized","ops":[]})", {"A"}), s));
    s.only_flags = std::set<std::string>{"C"};
    EXPECT_EQ(*out_of_scope(f, wide, s), "no flag among the selected ones (C)");
    s.skip_flags = {"A"};
    EXPECT_EQ(*out_of_scope(f, wide, s), "flag A is skipped");
}

TEST(Scope, R245_errors_not_reported) {
    VectorFile f;
    f.profile = "generalized";
    Scope s;
    s.reports_errors = false;
    EXPECT_EQ(*out_of_scope(f, scenario_test("{}", {"A"}, Expectation::Invalid), s), "expects an error; the implementation reports none");
    EXPECT_FALSE(out_of_scope(f, scenario_test("{}", {"A"}, Expectation::Valid), s));
}

TEST(Batch, R246_request_is_one_line_with_the_bytes) {
    const std::string doc = "{\"ops\":[],\n \"ops\":[]}";  // a duplicate key and a line break, kept
    const std::string line = batch_request(doc);
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    EXPECT_EQ(Json::parse(line)["scenario"].get<std::string>(), doc);
}

}  // namespace
}  // namespace memspec::conform
