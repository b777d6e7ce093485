// The JSON interchange format v1 (R29): the strict scenario parser, the result parser, round
// trips, and the exact documented key order of the output. The scenario_parser fuzz target
// checks the round trips on arbitrary inputs; these tests pin the individual rules.
#include <gtest/gtest.h>

#include <string>

#include "spec/interchange/interchange.hpp"
#include "tests/support/scenario_helpers.hpp"

using namespace memspec;
using memspec::testing::bb;

namespace {


// The parse must fail with exactly this kind.
void expect_error(const std::string& text, ErrorKind kind) {
    auto r = parse_scenario(text);
    ASSERT_FALSE(r.ok()) << "accepted: " << text;
    EXPECT_EQ(r.error().kind, kind) << text << " -> " << r.error().message;
    EXPECT_FALSE(r.error().message.empty()) << text;
    EXPECT_FALSE(r.error().op_index.has_value()) << "a parse error belongs to no op: " << text;
}

void expect_parse_error(const std::string& text) { expect_error(text, ErrorKind::ParseError); }

Scenario parse_ok(const std::string& text) {
    auto r = parse_scenario(text);
    EXPECT_TRUE(r.ok()) << text << " -> " << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : Scenario{};
}

// A scenario with every field away from its default.
Scenario rich_scenario() {
    Scenario sc;
    sc.config = MemoryConfig{2, 3, 20, 21, 11, 16, 7, true};
    sc.initial_block_size = 4;
    sc.initial_memory = {{3, 0, 9}, {4, 17, BabyBear::P - 1}};
    sc.ops = {Op::write(3, 8, {1, 2, 3, 4}), Op::read(0, 5, 1), Op::tick(0), Op::read(6, 8, 2), Op::tick(12345),
              Op::write(3, 1, {})};
    sc.finalize_chunk = 8;
    return sc;
}

// A result with every kind of entry, built by hand so the expected text does not depend on
// either engine.
RunResult rich_result() {
    RunResult r;
    r.reads = {bb({7, 8})};
    r.records = {AccessRecord{AccessKind::Write, 1, 2, 1, 0, bb({7, 8}), bb({0, 0})},
                 AccessRecord{AccessKind::Read, 1, 2, 2, 1, bb({7, 8}), {}}};
    r.adapter_records = {AccessAdapterRecord{2, AdapterKind::Split, 1, 2, 0, 0, bb({0, 0})},
                         AccessAdapterRecord{4, AdapterKind::Merge, 1, 0, 0, 2, bb({0, 0, 7, 8})}};
    r.final_memory = TimestampedEquipartition{4, {FinalBlock{1, 0, 2, bb({0, 0, 7, 8})}}};
    r.final_timestamp = 3;
    return r;
}

}  // namespace

TEST(Interchange, R29_malformed_json_is_parse_error) {
    for (const char* text : {"", " ", "{", "}", "{\"ops\": [],}", "{\"ops\": [", "nul", "{'ops': []}", "{\"ops\" []}",
                             "{\"ops\": []} {}", "{\"ops\": []} x", "/* c */ {}", "{\"ops\": [] // c\n}"})
        expect_parse_error(text);
}

TEST(Interchange, R29_top_level_must_be_an_object) {
    for (const char* text : {"[]", "1", "\"scenario\"", "null", "true"}) expect_parse_error(text);
}

TEST(Interchange, R29_wrong_types_are_parse_errors) {
    for (const char* text : {
             R"({"ops": {}})",
             R"({"ops": [1]})",
             R"({"ops": [{"op": 3, "by": 1}]})",
             R"({"ops": [{"op": "jump", "by": 1}]})",
             R"({"ops": [{"op": "read", "as": "1", "ptr": 0, "len": 1}]})",
             R"({"ops": [{"op": "read", "as": 1, "ptr": true, "len": 1}]})",
             R"({"ops": [{"op": "write", "as": 1, "ptr": 0, "data": 5}]})",
             R"({"ops": [{"op": "write", "as": 1, "ptr": 0, "data": ["5"]}]})",
             R"({"ops": [{"op": "write", "as": 1, "ptr": 0, "data": [null]}]})",
             R"({"ops": [{"op": "tick", "by": null}]})",
             R"({"config": []})",
             R"({"config": {"as_height": "3"}})",
             R"({"config": {"strict_alignment": 1}})",
             R"({"config": {"strict_alignment": "true"}})",
             R"({"initial_block_size": "1"})",
             R"({"initial_memory": {}})",
             R"({"initial_memory": [[1, 0, 5]]})",
             R"({"finalize_chunk": null})",
             R"({"version": "1"})",
         })
        expect_parse_error(text);
}

TEST(Interchange, R29_unknown_keys_are_parse_errors_at_every_level) {
    for (const char* text : {
             R"({"opz": []})",
             R"({"config": {"as_heigth": 3}})",
             R"({"ops": [{"op": "read", "as": 1, "ptr": 0, "len": 1, "data": [1]}]})",
             R"({"ops": [{"op": "write", "as": 1, "ptr": 0, "data": [1], "len": 1}]})",
             R"({"ops": [{"op": "tick", "by": 1, "as": 1}]})",
             R"({"initial_memory": [{"as": 1, "ptr": 0, "value": 5, "timestamp": 0}]})",
         })
        expect_parse_error(text);
}

TEST(Interchange, R29_duplicate_keys_are_parse_errors_at_every_level) {
    for (const char* text : {
             R"({"ops": [], "ops": []})",
             R"({"config": {"as_height": 3, "as_height": 3}})",
             R"({"ops": [{"op": "read", "as": 1, "as": 2, "ptr": 0, "len": 1}]})",
             R"({"ops": [{"op": "tick", "op": "tick", "by": 1}]})",
             R"({"initial_memory": [{"as": 1, "ptr": 0, "ptr": 0, "value": 5}]})",
         })
        expect_parse_error(text);
    // The same key in sibling objects is not a duplicate.
    parse_ok(R"({"ops": [{"op": "tick", "by": 1}, {"op": "tick", "by": 2}]})");
}

TEST(Interchange, R29_missing_fields_are_parse_errors) {
    for (const char* text : {
             R"({"ops": [{"as": 1, "ptr": 0, "len": 1}]})",
             R"({"ops": [{"op": "read", "ptr": 0, "len": 1}]})",
             R"({"ops": [{"op": "read", "as": 1, "len": 1}]})",
             R"({"ops": [{"op": "read", "as": 1, "ptr": 0}]})",
             R"({"ops": [{"op": "write", "as": 1, "ptr": 0}]})",
             R"({"ops": [{"op": "tick"}]})",
             R"({"initial_memory": [{"as": 1, "ptr": 0}]})",
         })
        expect_parse_error(text);
}

TEST(Interchange, R29_every_top_level_field_is_optional) {
    EXPECT_EQ(parse_ok("{}"), Scenario{});
    EXPECT_EQ(parse_ok(R"({"version": 1})"), Scenario{});
    expect_parse_error(R"({"version": 2})");
    expect_parse_error(R"({"version": 0})");
}

TEST(Interchange, R29_negative_numbers_are_parse_errors) {
    for (const char* text : {
             R"({"ops": [{"op": "tick", "by": -1}]})",
             R"({"ops": [{"op": "read", "as": 1, "ptr": -4, "len": 1}]})",
             R"({"ops": [{"op": "write", "as": 1, "ptr": 0, "data": [-1]}]})",
             R"({"initial_block_size": -1})",
             R"({"config": {"clk_max_bits": -29}})",
         })
        expect_parse_error(text);
}

TEST(Interchange, R29_fractional_and_exponent_numbers_are_parse_errors) {
    for (const char* text : {
             R"({"ops": [{"op": "tick", "by": 1.0}]})",
             R"({"ops": [{"op": "tick", "by": 0.5}]})",
             R"({"ops": [{"op": "tick", "by": 1e3}]})",
             R"({"ops": [{"op": "read", "as": 1, "ptr": 0, "len": 1E0}]})",
             R"({"config": {"as_height": 3.0}})",
             R"({"finalize_chunk": 8.0})",
         })
        expect_parse_error(text);
}

TEST(Interchange, R29_numbers_beyond_64_bits_are_parse_errors_and_64_bit_ones_parse) {
    expect_parse_error(R"({"ops": [{"op": "tick", "by": 18446744073709551616}]})");
    expect_parse_error(R"({"ops": [{"op": "read", "as": 1, "ptr": 100000000000000000000000, "len": 1}]})");
    // 2^64 - 1 parses: range checks belong to the op (R27), not to the parser.
    Scenario sc = parse_ok(R"({"ops": [{"op": "read", "as": 18446744073709551615, "ptr": 18446744073709551615, "len": 1}]})");
    ASSERT_EQ(sc.ops.size(), 1u);
    EXPECT_EQ(sc.ops[0], Op::read(UINT64_MAX, UINT64_MAX, 1));
    // Values >= p parse too; InvalidValue comes from the op (R1, R27).
    sc = parse_ok(R"({"ops": [{"op": "write", "as": 1, "ptr": 0, "data": [2013265921, 4294967296]}]})");
    EXPECT_EQ(sc.ops[0].data, (std::vector<std::uint64_t>{2013265921u, 4294967296u}));
}

TEST(Interchange, R29_R3_config_values_beyond_u32_are_invalid_config) {
    for (const char* key : {"as_height", "as_offset", "pointer_max_bits", "clk_max_bits", "decomp", "max_access_adapter_n"}) {
        const std::string k(key);
        expect_error(R"({"config": {")" + k + R"(": 4294967296}})", ErrorKind::InvalidConfig);
        expect_error(R"({"config": {")" + k + R"(": 18446744073709551615}})", ErrorKind::InvalidConfig);
        // u32 max itself is representable; validate_setup rejects it later (R3), not the parser.
        parse_ok(R"({"config": {")" + k + R"(": 4294967295}})");
    }
    // access_capacity is only a capacity hint and holds 64 bits.
    EXPECT_EQ(parse_ok(R"({"config": {"access_capacity": 18446744073709551615}})").config.access_capacity, UINT64_MAX);
    // A bad type still beats the size check: it is a ParseError.
    expect_parse_error(R"({"config": {"as_height": 4294967296.5}})");
}

TEST(Interchange, R29_fields_parse_into_the_scenario) {
    Scenario sc = parse_ok(R"({"version": 1,
        "config": {"as_height": 2, "as_offset": 3, "pointer_max_bits": 20, "clk_max_bits": 21, "decomp": 11,
                   "max_access_adapter_n": 16, "access_capacity": 7, "strict_alignment": true},
        "initial_block_size": 4,
        "initial_memory": [{"as": 3, "ptr": 0, "value": 9}, {"as": 4, "ptr": 17, "value": 2013265920}],
        "ops": [{"op": "write", "as": 3, "ptr": 8, "data": [1, 2, 3, 4]}, {"op": "read", "as": 0, "ptr": 5, "len": 1},
                {"op": "tick", "by": 0}, {"op": "read", "as": 6, "ptr": 8, "len": 2}, {"op": "tick", "by": 12345},
                {"op": "write", "as": 3, "ptr": 1, "data": []}],
        "finalize_chunk": 8})");
    EXPECT_EQ(sc, rich_scenario());
}

TEST(Interchange, R29_scenario_round_trips_through_json) {
    for (const Scenario& sc : {Scenario{}, rich_scenario()}) {
        for (int indent : {-1, 0, 2}) {
            const std::string text = to_json(sc, indent);
            auto back = parse_scenario(text);
            ASSERT_TRUE(back.ok()) << text << " -> " << back.error().message;
            EXPECT_EQ(*back, sc) << text;
            EXPECT_EQ(to_json(*back, indent), text);
        }
    }
}

TEST(Interchange, R29_scenario_output_key_order) {
    Scenario sc = rich_scenario();
    sc.ops = {Op::read(1, 2, 4), Op::write(1, 3, {5}), Op::tick(6)};
    sc.initial_memory = {{1, 2, 3}};
    EXPECT_EQ(to_json(sc),
              R"({"profile":"generalized","config":{"as_height":2,"as_offset":3,"pointer_max_bits":20,"clk_max_bits":21,"decomp":11,)"
              R"("max_access_adapter_n":16,"access_capacity":7,"strict_alignment":true},"initial_block_size":4,)"
              R"("initial_memory":[{"as":1,"ptr":2,"value":3}],)"
              R"("ops":[{"op":"read","as":1,"ptr":2,"len":4},{"op":"write","as":1,"ptr":3,"data":[5]},{"op":"tick","by":6}],)"
              R"("finalize_chunk":8})");
    sc.finalize_chunk.reset();  // absent, not null
    EXPECT_EQ(to_json(sc).find("finalize_chunk"), std::string::npos);
}

TEST(Interchange, R29_result_output_has_the_documented_key_order) {
    // Top level: reads, records, adapter_records, final_memory, final_timestamp. Records: op, as,
    // ptr, timestamp, prev_timestamp, data, prev_data (writes only). Adapter records: n, kind, as,
    // ptr, left_timestamp, right_timestamp, data. Final blocks: as, ptr, timestamp, values.
    EXPECT_EQ(to_json(rich_result()),
              R"({"reads":[[7,8]],)"
              R"("records":[{"op":"write","as":1,"ptr":2,"timestamp":1,"prev_timestamp":0,"data":[7,8],"prev_data":[0,0]},)"
              R"({"op":"read","as":1,"ptr":2,"timestamp":2,"prev_timestamp":1,"data":[7,8]}],)"
              R"("adapter_records":[{"n":2,"kind":"split","as":1,"ptr":2,"left_timestamp":0,"right_timestamp":0,"data":[0,0]},)"
              R"({"n":4,"kind":"merge","as":1,"ptr":0,"left_timestamp":0,"right_timestamp":2,"data":[0,0,7,8]}],)"
              R"("final_memory":[{"as":1,"ptr":0,"timestamp":2,"values":[0,0,7,8]}],)"
              R"("final_timestamp":3})");
    RunResult no_final = rich_result();
    no_final.final_memory.reset();  // absent when nothing was finalized
    EXPECT_EQ(to_json(no_final).find("final_memory"), std::string::npos);
    EXPECT_NE(to_json(no_final).find(R"("adapter_records":[)"), std::string::npos);
}

TEST(Interchange, R29_error_output) {
    MemoryError e{ErrorKind::OutOfBounds, "too far", 4};
    EXPECT_EQ(to_json(e), R"({"error":{"kind":"OutOfBounds","message":"too far","op_index":4}})");
    e.op_index.reset();
    EXPECT_EQ(to_json(e), R"({"error":{"kind":"OutOfBounds","message":"too far"}})");
}

TEST(Interchange, R29_result_round_trips_through_parse_result) {
    const RunResult r = rich_result();
    for (int indent : {-1, 2}) {
        auto back = parse_result(to_json(r, indent));
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(*back, r);
    }
    RunResult empty;
    auto back = parse_result(to_json(empty));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, empty);
}

TEST(Interchange, R29_parse_result_is_strict) {
    const std::string good = to_json(rich_result());
    ASSERT_TRUE(parse_result(good).ok());
    auto replaced = [&](const std::string& from, const std::string& to) {
        std::string s = good;
        s.replace(s.find(from), from.size(), to);
        return s;
    };
    for (const std::string& text : {
             replaced(R"("final_timestamp":3)", R"("final_timestamp":-3)"),
             replaced(R"(,"final_timestamp":3)", ""),                                    // missing key
             replaced(R"("reads":)", R"("reads":[],"reads":)"),                         // duplicate key
             replaced(R"("kind":"split")", R"("kind":"splat")"),
             replaced(R"("op":"read")", R"("op":"read","prev_data":[])"),              // reads have no prev_data
             replaced(R"("prev_data":[0,0])", R"("prev_data":[0,0],"extra":1)"),
             replaced(R"("timestamp":1,)", R"("timestamp":4294967296,)"),             // records hold u32
             replaced(R"("left_timestamp":0,)", R"("left_timestamp":0.0,)"),
         }) {
        auto r = parse_result(text);
        ASSERT_FALSE(r.ok()) << text;
        EXPECT_EQ(r.error().kind, ErrorKind::ParseError) << text << " -> " << r.error().message;
    }
    // R1: a value that is not a field element is InvalidValue, not silently reduced.
    auto r = parse_result(replaced(R"("reads":[[7,8]])", R"("reads":[[7,2013265921]])"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::InvalidValue);
}
