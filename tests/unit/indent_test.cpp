// R196: one writer per format. The indented form of a result, a scenario, a config or an error is
// the compact form's bytes laid out, and nothing else: checked against nlohmann-json's own layout
// of the same document (an independent printer), and by taking the layout away again.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "engines/engines.hpp"
#include "spec/interchange/indent.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/result_format.hpp"
#include "tests/property/generators.hpp"

using namespace memspec;

namespace {

// nlohmann's layout of `compact`, keys in their order.
std::string reference_layout(const std::string& compact, int indent) { return nlohmann::ordered_json::parse(compact).dump(indent); }

// `text` without the whitespace outside strings.
std::string without_layout(const std::string& text) {
    std::string out;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            out += c;
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            out += c;
            in_string = true;
        } else if (c != ' ' && c != '\n') {
            out += c;
        }
    }
    return out;
}

std::string written_string(std::string_view s) {
    StringSink out;
    {
        TextWriter w(out);
        write_string(w, s);
    }
    return out.text;
}

}  // namespace

RC_GTEST_PROP(Indent, R196_indented_is_the_compact_form_laid_out, ()) {
    const Scenario sc = *gen::scenario(gen::Mix{true, true});
    const int indent = *rc::gen::inRange(0, 5);
    const auto result = run_to_result(engines::all()[1].make, sc);
    for (const std::string& compact : {to_json(sc), result.ok() ? to_json(*result) : to_json(result.error()), to_json(sc.config)}) {
        const std::string indented = reindent(compact, indent);
        RC_ASSERT(indented == reference_layout(compact, indent));
        RC_ASSERT(without_layout(indented) == compact);
    }
    RC_ASSERT(to_json(sc, indent) == reindent(to_json(sc), indent));
    if (result.ok()) RC_ASSERT(to_json(*result, indent) == reindent(to_json(*result), indent));
}

// Empty objects and arrays stay on their line, strings pass untouched (brackets, commas and
// colons in them included), and a new line after the top-level value is kept.
TEST(Indent, R196_layout_by_hand) {
    EXPECT_EQ(reindent(R"({"a":[],"b":{},"c":[1,{"d":"x,y:[z]{"}]})", 2),
              "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": \"x,y:[z]{\"\n    }\n  ]\n}");
    EXPECT_EQ(reindent(R"({"a":[1,2]})", 0), "{\n\"a\": [\n1,\n2\n]\n}");
    EXPECT_EQ(reindent("{\"s\":\"q\\\"[\"}\n", 1), "{\n \"s\": \"q\\\"[\"\n}\n");
    // Fed a byte at a time, as a sink may be, the layout is the same.
    StringSink out;
    {
        IndentSink sink(out, 2);
        for (char c : std::string(R"({"a":[],"b":[1]})")) sink.write(&c, 1);
    }
    EXPECT_EQ(out.text, "{\n  \"a\": [],\n  \"b\": [\n    1\n  ]\n}");
}

// R196: the one string writer escapes as the common JSON printers do (checked against nlohmann's
// for valid UTF-8), and never prints invalid UTF-8: such a byte becomes U+FFFD.
TEST(Indent, R196_strings_escape_and_stay_utf8) {
    for (const std::string& s : {std::string("plain"), std::string("q\"b\\s/"), std::string("\b\f\n\r\t\x01\x1f\x7f"),
                                std::string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), std::string("\0x", 2)})
        EXPECT_EQ(written_string(s), nlohmann::json(s).dump()) << s;
    EXPECT_EQ(written_string("a\xff" "b"), "\"a\xef\xbf\xbd" "b\"");
    EXPECT_EQ(written_string("\xc3"), "\"\xef\xbf\xbd\"");               // cut
    EXPECT_EQ(written_string("\xed\xa0\x80"), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");  // a surrogate
    EXPECT_EQ(written_string("\xc0\xaf"), "\"\xef\xbf\xbd\xef\xbf\xbd\"");  // overlong
}

// The error line is the same object however it is asked for.
TEST(Indent, R196_error_object) {
    MemoryError e = make_error(ErrorKind::OutOfBounds, "ptr \"7\" out of bounds");
    e.op_index = 3;
    EXPECT_EQ(to_json(e), R"({"error":{"kind":"OutOfBounds","message":"ptr \"7\" out of bounds","op_index":3}})");
    EXPECT_EQ(to_json(e, 2), reference_layout(to_json(e), 2));
}
