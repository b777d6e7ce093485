// R150 for user chips (R102): the chip file is read as strictly as every other input. Each bad
// chip below is the good one with one change; a duplicate repeats a value the chip already has, so
// "the last one wins" would read the good chip.
#include <gtest/gtest.h>

#include <string>

#include "proofs/user_chip.hpp"

using namespace memspec;
using namespace memspec::proofs;

namespace {

const std::string GOOD = R"({"name":"x","columns":["a","b"],"constraints":[{"name":"c","expr":"a * b"}],)"
                         R"("range_checks":[{"name":"r","value":"a","bits":4,"count":1}],)"
                         R"("interactions":[{"name":"i","bus":"memory","direction":"send","message":["a","b","a","b"],"count":"a"}]})";

std::string replace_first(std::string text, const std::string& what, const std::string& with) {
    const auto at = text.find(what);
    EXPECT_NE(at, std::string::npos) << what;
    if (at != std::string::npos) text.replace(at, what.size(), with);
    return text;
}

void expect_parse_error(const std::string& chip, const std::string& fragment) {
    auto r = parse_user_chip(chip);
    ASSERT_FALSE(r.ok()) << "accepted: " << chip;
    EXPECT_EQ(r.error().kind, ErrorKind::ParseError);
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

}  // namespace

// Covers R150, R102.
TEST(UserChipStrict, R150_duplicate_keys_are_refused) {
    ASSERT_TRUE(parse_user_chip(GOOD).ok()) << parse_user_chip(GOOD).error().message;
    expect_parse_error(replace_first(GOOD, R"("expr":"a * b")", R"("expr":"a * b","expr":"a * b")"),
                       "duplicate key \"expr\" at constraints[0]");
    expect_parse_error(replace_first(GOOD, R"("name":"x",)", R"("name":"x","name":"x",)"), "duplicate key \"name\" at the top level");
    expect_parse_error(replace_first(GOOD, R"("bits":4,)", R"("bits":4,"bits":4,)"), "duplicate key \"bits\" at range_checks[0]");
}

// Covers R150, R102.
TEST(UserChipStrict, R150_unknown_keys_at_any_level_and_trailing_bytes_are_refused) {
    expect_parse_error(replace_first(GOOD, R"("expr":"a * b")", R"("expr":"a * b","rule":"R1")"), "constraints[0]: unknown key \"rule\"");
    expect_parse_error(replace_first(GOOD, R"("bits":4,)", R"("bits":4,"limbs":2,)"), "range_checks[0]: unknown key \"limbs\"");
    expect_parse_error(replace_first(GOOD, R"("count":"a")", R"("count":"a","multiplicity":1)"), "interactions[0]: unknown key \"multiplicity\"");
    expect_parse_error(replace_first(GOOD, R"("name":"x",)", R"("name":"x","colums":[],)"), "unknown key \"colums\"");
    expect_parse_error(replace_first(GOOD, R"([{"name":"c")", R"([1,{"name":"c")"), "constraints[0] must be an object");
    expect_parse_error(GOOD + "}", "content after the top-level value");
}
