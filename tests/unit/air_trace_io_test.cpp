// Trace interchange (R69): JSON round trip, strict parsing, verdict JSON.
#include <nlohmann/json.hpp>

#include "spec/air/trace_io.hpp"
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

namespace {
Scenario small() {
    Scenario sc;
    sc.config.decomp = 3;
    sc.config.clk_max_bits = 8;
    sc.config.pointer_max_bits = 6;
    sc.config.as_height = 1;
    sc.config.max_access_adapter_n = 4;
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 0, {3, 4}), Op::read(1, 1, 1), Op::read(0, 9, 1)};
    return sc;
}
}  // namespace

// Covers R69.
TEST(AirTraceIo, R69_json_round_trip_is_identity_and_still_accepted) {
    auto t = run_and_trace(small());
    ASSERT_TRUE(t);
    std::string text = air::traces_to_json(t->traces);
    auto back = air::parse_traces(text);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_TRUE(*back == t->traces);
    EXPECT_TRUE(air::check(*back).accepted);
}

// Covers R69.
TEST(AirTraceIo, R69_strict_parser_rejects_bad_values_columns_and_keys) {
    auto t = run_and_trace(small());
    ASSERT_TRUE(t);
    auto j = nlohmann::json::parse(air::traces_to_json(t->traces));
    auto expect_parse_error = [](const nlohmann::json& doc, const std::string& fragment) {
        auto r = air::parse_traces(doc.dump());
        ASSERT_FALSE(r.ok()) << fragment;
        EXPECT_EQ(r.error().kind, ErrorKind::ParseError);
        EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
    };
    auto bad = j;
    bad["chips"][0]["rows"][0][0] = BabyBear::P;  // R1: not a field element
    expect_parse_error(bad, "not below p");
    bad = j;
    bad["chips"][0]["columns"][0] = "valid";
    expect_parse_error(bad, "column 0");
    bad = j;
    bad["extra"] = 1;
    expect_parse_error(bad, "unknown key 'extra'");
    bad = j;
    bad["chips"][0]["rows"][0].erase(0);
    expect_parse_error(bad, "must have");
    bad = j;
    bad["chips"].push_back(j["chips"][0]);
    expect_parse_error(bad, "appears twice");
    bad = j;
    bad["chunk"] = 4;
    auto r = air::parse_traces(bad.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::Untraceable);
}

// Covers R68.
TEST(AirTraceIo, R68_verdict_json_names_the_failure) {
    auto t = run_and_trace(small());
    ASSERT_TRUE(t);
    EXPECT_EQ(air::verdict_to_json(air::check(t->traces)), R"({"verdict":"accepted"})");
    auto& at = *t->traces.find("access");
    at.at(0, t->chips.access.is_write) = BabyBear::from_canonical(2);
    auto j = nlohmann::json::parse(air::verdict_to_json(air::check(t->traces)));
    EXPECT_EQ(j["verdict"], "rejected");
    EXPECT_EQ(j["reason"]["kind"], "constraint");
    EXPECT_EQ(j["reason"]["chip"], "access");
    EXPECT_EQ(j["reason"]["row"], 0);
    EXPECT_EQ(j["reason"]["constraint"], "access.is_write_bool");
    EXPECT_EQ(j["reason"]["rule"], "R47");
}

// R307: "range_checker": "derived" leaves the table out of the file; the reader rebuilds it equal to
// the table trace generation wrote, and the set is accepted as the full one is.
TEST(AirTraceIo, R307_derived_range_table_is_rebuilt_equal_to_the_written_one) {
    auto t = run_and_trace(small());
    ASSERT_TRUE(t);
    const std::string lean = air::traces_to_json(t->traces, -1, air::RangeTable::Derived);
    const std::string full = air::traces_to_json(t->traces);
    auto j = nlohmann::json::parse(lean);
    EXPECT_EQ(j["range_checker"], "derived");
    for (const auto& c : j["chips"]) EXPECT_NE(c["name"], "range_checker");
    EXPECT_FALSE(nlohmann::json::parse(full).contains("range_checker"));
    EXPECT_LT(lean.size(), full.size());
    auto back = air::parse_traces(lean);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_TRUE(back->range_checker_derived);
    const air::Trace* rebuilt = back->find("range_checker");
    const air::Trace* written = t->traces.find("range_checker");
    ASSERT_NE(rebuilt, nullptr);
    ASSERT_NE(written, nullptr);
    EXPECT_TRUE(*rebuilt == *written);
    // Hand-worked: decomp 3 gives 2^(3+1) = 16 rows; row 2^3 + 5 = 13 holds value 5, bits 3.
    EXPECT_EQ(rebuilt->height, 16u);
    EXPECT_EQ(rebuilt->at(13, 0).v, 5u);
    EXPECT_EQ(rebuilt->at(13, 1).v, 3u);
    EXPECT_TRUE(air::check(*back).accepted);
    // Written back without the marker, the rebuilt set is the full file byte for byte.
    EXPECT_EQ(air::traces_to_json(*back), full);
}

// R307: without the marker a missing range checker trace is still the checker's shape error (R67),
// and the marker beside an explicit table, or any other marker value, is a ParseError.
TEST(AirTraceIo, R307_missing_table_without_marker_and_marker_with_table_are_errors) {
    auto t = run_and_trace(small());
    ASSERT_TRUE(t);
    auto lean = nlohmann::json::parse(air::traces_to_json(t->traces, -1, air::RangeTable::Derived));
    auto no_marker = lean;
    no_marker.erase("range_checker");
    auto parsed = air::parse_traces(no_marker.dump());
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_FALSE(parsed->range_checker_derived);
    EXPECT_EQ(parsed->find("range_checker"), nullptr);
    const air::Verdict v = air::check(*parsed);
    ASSERT_FALSE(v.accepted);
    EXPECT_EQ(v.reason->kind, air::RejectionKind::Shape);
    EXPECT_EQ(v.reason->chip, "range_checker");
    EXPECT_EQ(v.reason->constraint, "missing_trace");
    EXPECT_EQ(v.reason->rule, "R67");

    auto both = nlohmann::json::parse(air::traces_to_json(t->traces));
    both["range_checker"] = "derived";
    auto r = air::parse_traces(both.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::ParseError);
    EXPECT_NE(r.error().message.find("chip range_checker is given"), std::string::npos) << r.error().message;

    auto other = lean;
    other["range_checker"] = "computed";
    r = air::parse_traces(other.dump());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::ParseError);
    EXPECT_NE(r.error().message.find("traces.range_checker must be \"derived\""), std::string::npos) << r.error().message;
}
