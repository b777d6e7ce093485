// R150: every reader is equally strict. The one parse (spec/vocabulary/strict_json.hpp) refuses a
// duplicate key at any depth, bytes after the document and malformed JSON; each reader refuses
// keys its objects do not have. The duplicates below are built so that "the last one wins" would
// read a valid document: only the duplicate itself can make them fail.
#include "spec/air/trace_io.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/strict_json.hpp"
#include "tests/unit/air_fixtures.hpp"

using namespace memspec;
using namespace memspec::airtest;

namespace {

// `text` with `what` inserted before the first occurrence of `anchor`.
std::string insert_before(const std::string& text, const std::string& anchor, const std::string& what) {
    const auto at = text.find(anchor);
    EXPECT_NE(at, std::string::npos) << "no " << anchor;
    if (at == std::string::npos) return text;
    return text.substr(0, at) + what + text.substr(at);
}

template <class T>
void expect_parse_error(const Result<T>& r, const std::string& fragment) {
    ASSERT_FALSE(r.ok()) << "accepted; expected an error with: " << fragment;
    EXPECT_EQ(r.error().kind, ErrorKind::ParseError) << r.error().message;
    EXPECT_NE(r.error().message.find(fragment), std::string::npos) << r.error().message;
}

Scenario small() {
    Scenario sc;
    sc.config.decomp = 3;
    sc.config.clk_max_bits = 8;
    sc.config.pointer_max_bits = 6;
    sc.config.as_height = 1;
    sc.config.max_access_adapter_n = 4;
    sc.finalize_chunk = 1;
    sc.ops = {Op::write(1, 0, {3, 4}), Op::read(1, 1, 1)};
    return sc;
}

std::string small_traces() {
    auto t = run_and_trace(small());
    EXPECT_TRUE(t);
    return t ? air::traces_to_json(t->traces) : std::string();
}

const char* const RESULT = R"({"reads":[[0]],"records":[{"op":"read","as":1,"ptr":0,"timestamp":1,"prev_timestamp":0,"data":[0]}],)"
                           R"("adapter_records":[],"final_timestamp":2})";

}  // namespace

// Covers R150: a duplicate key is refused at any depth and named with its place.
TEST(StrictReaders, R150_duplicate_key_is_named_with_its_place) {
    expect_parse_error(parse_json_strict(R"({"a":1,"a":1})"), "duplicate key \"a\" at the top level");
    expect_parse_error(parse_json_strict(R"({"x":[{"b":1},{"b":2,"b":2}]})"), "duplicate key \"b\" at x[1]");
    expect_parse_error(parse_json_strict(R"([{"a":{"c":1,"c":1}}])"), "duplicate key \"c\" at [0].a");
    expect_parse_error(parse_ordered_json_strict(R"({"k":{"z":[],"z":[]}})"), "duplicate key \"z\" at k");
    // The same key in sibling objects, or once per level, is no duplicate.
    auto ok = parse_json_strict(R"([{"a":1},{"a":2,"b":{"a":3}}])");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ((*ok)[1]["b"]["a"], 3);
}

// Covers R150: after the value only whitespace; malformed JSON is a ParseError, never an exception.
TEST(StrictReaders, R150_trailing_bytes_and_malformed_json_are_parse_errors) {
    for (const char* text : {"{} x", "{}{}", "1 2", "[1]]", "{\"a\":1}\n,"})
        expect_parse_error(parse_json_strict(text), "content after the top-level value");
    for (const char* text : {"", " ", "{", "{\"a\":}", "[1,]", "{'a':1}", "nul", "\"\xff\""})
        expect_parse_error(parse_json_strict(text), "malformed JSON");
    // Nesting: 1024 levels are read, one more is malformed (as in the scenario reader).
    EXPECT_TRUE(parse_json_strict(std::string(1024, '[') + std::string(1024, ']')).ok());
    expect_parse_error(parse_json_strict(std::string(1025, '[') + std::string(1025, ']')), "nesting deeper than 1024 levels");
    auto ok = parse_json_strict(" {\"a\":[1,2]} \n\t\r ");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ((*ok)["a"].size(), 2u);
}

// Covers R150: the ordered form keeps the document's key order.
TEST(StrictReaders, R150_ordered_parse_keeps_key_order) {
    auto j = parse_ordered_json_strict(R"({"b":1,"a":{"y":2,"x":3}})");
    ASSERT_TRUE(j.ok()) << j.error().message;
    EXPECT_EQ(j->dump(), R"({"b":1,"a":{"y":2,"x":3}})");
}

// Covers R150, R69: a trace file with a chip's rows, the chunk, a public value or a config field
// given twice is refused (before, the last value won and `check --traces` accepted the file).
TEST(StrictReaders, R150_traces_refuse_duplicate_keys) {
    const std::string text = small_traces();
    ASSERT_TRUE(air::parse_traces(text).ok());
    expect_parse_error(air::parse_traces(insert_before(text, "\"rows\":", "\"rows\":[],")), "duplicate key \"rows\" at chips[0]");
    auto t = run_and_trace(small());
    ASSERT_TRUE(t);
    const std::string chunk = "\"chunk\":" + std::to_string(t->traces.chunk) + ",";
    expect_parse_error(air::parse_traces(insert_before(text, "\"chunk\":", chunk)), "duplicate key \"chunk\" at the top level");
    const auto pv = air::parse_traces(insert_before(text, "\"final_timestamp\":", "\"final_timestamp\":0,"));
    expect_parse_error(pv, "duplicate key \"final_timestamp\" at chips[");
    if (!pv.ok()) {
        EXPECT_NE(pv.error().message.find("].public_values"), std::string::npos) << pv.error().message;
    }
    expect_parse_error(air::parse_traces(insert_before(text, "\"decomp\":", "\"decomp\":3,")), "duplicate key \"decomp\" at config");
}

// Covers R150, R69: unknown keys at every level of a trace file, and bytes after it.
TEST(StrictReaders, R150_traces_refuse_unknown_keys_and_trailing_bytes) {
    const std::string text = small_traces();
    expect_parse_error(air::parse_traces(insert_before(text, "\"chips\":", "\"chip\":[],")), "unknown key 'chip'");
    expect_parse_error(air::parse_traces(insert_before(text, "\"rows\":", "\"row\":[],")), "unknown key 'row'");
    expect_parse_error(air::parse_traces(insert_before(text, "\"final_timestamp\":", "\"end_timestamp\":0,")),
                       "unknown public value 'end_timestamp'");
    expect_parse_error(air::parse_traces(insert_before(text, "\"decomp\":", "\"decmop\":3,")), "unknown key \"decmop\"");
    expect_parse_error(air::parse_traces(text + " x"), "content after the top-level value");
    expect_parse_error(air::parse_traces(text + text), "content after the top-level value");
    EXPECT_TRUE(air::parse_traces(text + "\n").ok());
}

// Covers R150, R29: configs read alone are as strict as the scenario reader.
TEST(StrictReaders, R150_configs_refuse_duplicates_unknown_keys_and_trailing_bytes) {
    ASSERT_TRUE(parse_config(R"({"decomp":3})").ok());
    expect_parse_error(parse_config(R"({"decomp":3,"decomp":3})"), "duplicate key \"decomp\"");
    expect_parse_error(parse_config(R"({"decmop":3})"), "unknown key \"decmop\"");
    expect_parse_error(parse_config(R"({"decomp":3} x)"), "content after the top-level value");
}

// Covers R150, R29, R38: results, whole or as JSON Lines.
TEST(StrictReaders, R150_results_refuse_duplicates_unknown_keys_and_trailing_bytes) {
    const std::string text = RESULT;
    ASSERT_TRUE(parse_result(text).ok()) << parse_result(text).error().message;
    expect_parse_error(parse_result(insert_before(text, "\"data\":", "\"data\":[0],")), "duplicate key \"data\" at records[0]");
    expect_parse_error(parse_result(insert_before(text, "\"final_timestamp\":", "\"final_timestamp\":2,")),
                       "duplicate key \"final_timestamp\" at the top level");
    expect_parse_error(parse_result(insert_before(text, "\"final_timestamp\":", "\"final_timestamps\":2,")),
                       "unknown key \"final_timestamps\"");
    expect_parse_error(parse_result(text + "]"), "content after the top-level value");

    const std::string lines = "{\"record\":{\"op\":\"read\",\"as\":1,\"ptr\":0,\"timestamp\":1,\"prev_timestamp\":0,\"data\":[0]}}\n"
                              "{\"final_timestamp\":2}\n";
    ASSERT_TRUE(parse_result_jsonl(lines).ok());
    expect_parse_error(parse_result_jsonl(insert_before(lines, "\"ptr\":", "\"ptr\":0,")), "duplicate key \"ptr\" at record");
    expect_parse_error(parse_result_jsonl(insert_before(lines, "\"ptr\":", "\"pointer\":0,")), "unknown key \"pointer\"");
    expect_parse_error(parse_result_jsonl(lines + "{\"final_timestamp\":2} x\n"), "content after the top-level value");
}
