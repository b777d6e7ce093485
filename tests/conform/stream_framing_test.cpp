// conform's JSON Lines framing (R201, spec/interchange.md "JSON Lines"): a vector's document becomes
// the stream a program reads, byte for byte per value, and the stream a program prints becomes the
// v1 result its vector expects, or the reason it is not one. The expected texts are written out by
// hand from interchange.md, not produced by the code under test.
#include <gtest/gtest.h>

#include "conform/conform.hpp"
#include "conform/stream_framing.hpp"

namespace memspec::conform {
namespace {

TEST(StreamFraming, R201_a_document_becomes_a_header_and_one_line_per_op) {
    // Line breaks inside the document, a key spelt with an escape, numbers as the document spells
    // them (1.0, 1e0: the program must see those bytes to reject them as it would in a document).
    const std::string doc =
        "{\n  \"config\": {\"decomp\": 17},\n  \"o\\u0070s\": [\n    {\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[1,2]},\n"
        "    {\"op\": \"read\", \"as\": 1.0, \"ptr\": 1e0, \"len\": 1}\n  ],\n  \"finalize_chunk\": 1\n}\n";
    EXPECT_EQ(scenario_as_stream(doc),
              "{\"config\":{\"decomp\": 17},\"finalize_chunk\":1}\n"
              "{\"op\":\"write\",\"as\":1,\"ptr\":0,\"data\":[1,2]}\n"
              "{\"op\": \"read\", \"as\": 1.0, \"ptr\": 1e0, \"len\": 1}\n");
    EXPECT_EQ(scenario_as_stream("{\"ops\":[]}"), "{}\n");
    EXPECT_EQ(scenario_as_stream("{}"), "{}\n");
    // A string holding brackets and commas does not split an op.
    EXPECT_EQ(scenario_as_stream("{\"ops\":[{\"op\":\"x,]}[\"},{\"op\":\"tick\",\"by\":1}]}"),
              "{}\n{\"op\":\"x,]}[\"}\n{\"op\":\"tick\",\"by\":1}\n");
}

TEST(StreamFraming, R201_input_that_is_not_an_object_with_an_ops_array_goes_as_one_line) {
    EXPECT_EQ(scenario_as_stream("{\"ops\":[1,\n2"), "{\"ops\":[1, 2\n");                    // malformed
    EXPECT_EQ(scenario_as_stream("{\"ops\":[],\"ops\":[]}"), "{\"ops\":[],\"ops\":[]}\n");  // a duplicate key
    EXPECT_EQ(scenario_as_stream("[1]"), "[1]\n");
    EXPECT_EQ(scenario_as_stream("{\"ops\":{}}"), "{\"ops\":{}}\n");
    EXPECT_EQ(scenario_as_stream(""), "\n");
}

TEST(StreamFraming, R201_a_result_stream_becomes_the_v1_result) {
    const std::string lines =
        "{\"adapter_record\":{\"n\":2,\"kind\":\"merge\"}}\n"
        "{\"record\":{\"op\":\"write\",\"timestamp\":1}}\r\n"
        "\n"
        "{\"record\":{\"op\":\"read\",\"timestamp\":2,\"data\":[5]}}\n"
        "{\"adapter_record\":{\"n\":2,\"kind\":\"split\"}}\n"
        "{\"final_block\":{\"as\":1,\"ptr\":0}}\n"
        "{\"finalize_chunk\":1}\n"
        "{\"initial_root\":[1]}\n"
        "{\"final_root\":[2]}\n"
        "{\"final_timestamp\":3}\n";
    const StreamResult r = result_from_stream(lines);
    ASSERT_EQ(r.problem, "");
    EXPECT_EQ(r.value, Json::parse(R"({"reads":[[5]],
        "records":[{"op":"write","timestamp":1},{"op":"read","timestamp":2,"data":[5]}],
        "adapter_records":[{"n":2,"kind":"merge"},{"n":2,"kind":"split"}],
        "final_memory":[{"as":1,"ptr":0}],"final_timestamp":3,"initial_root":[1],"final_root":[2]})"));
    // A finalize that leaves no block still makes final_memory, empty; no finalize makes none.
    EXPECT_EQ(result_from_stream("{\"finalize_chunk\":8}\n{\"final_timestamp\":0}\n").value,
              Json::parse(R"({"reads":[],"records":[],"adapter_records":[],"final_memory":[],"final_timestamp":0})"));
    EXPECT_EQ(result_from_stream("{\"final_timestamp\":0}").value,
              Json::parse(R"({"reads":[],"records":[],"adapter_records":[],"final_timestamp":0})"));
    // An error ends the stream: it is the answer, whatever came before it.
    EXPECT_EQ(result_from_stream("{\"record\":{\"op\":\"read\"}}\n{\"error\":{\"kind\":\"OutOfBounds\",\"op_index\":1}}\n").value,
              Json::parse(R"({"error":{"kind":"OutOfBounds","op_index":1}})"));
}

TEST(StreamFraming, R201_a_stream_cut_short_or_with_a_line_of_another_kind_is_no_result) {
    auto problem = [](const std::string& lines) { return result_from_stream(lines).problem; };
    EXPECT_NE(problem("{\"record\":{}}\n"), "");                                 // no last line
    EXPECT_NE(problem(""), "");
    EXPECT_NE(problem("{\"final_timestamp\":1}\n{\"record\":{}}\n"), "");        // after the last line
    EXPECT_NE(problem("{\"error\":{}}\n{\"final_timestamp\":1}\n"), "");
    EXPECT_NE(problem("{\"reads\":[],\"final_timestamp\":1}\n"), "");            // a document, not lines
    EXPECT_NE(problem("{\"recrod\":{}}\n{\"final_timestamp\":1}\n"), "");        // an unknown kind
    EXPECT_NE(problem("{\"record\":{},\"record\":{}}\n{\"final_timestamp\":1}\n"), "");  // a key twice
    EXPECT_NE(problem("{\"record\":\n{\"final_timestamp\":1}\n"), "");           // not JSON
    EXPECT_EQ(problem("{\"record\":\n{\"final_timestamp\":1}\n").substr(0, 7), "line 1:");
}

}  // namespace
}  // namespace memspec::conform
