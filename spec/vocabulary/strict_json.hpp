// R150: the one JSON parse every document-tree reader uses — traces (R69), results and configs
// (R29), vector files (R130), user chips (R102), and the JSON memspec hands between its own
// processes. Input that could mean two things is refused: a duplicate key (nlohmann's own parse
// keeps the last value silently), anything but whitespace after the value, malformed JSON — each
// a ParseError, the duplicate named with its place ("duplicate key \"rows\" at chips[0]").
//
// It lives in the vocabulary because that is the lowest layer every reader may include: air,
// conform and tools could reach interchange, but proofs (user chips, solver outcomes) may include
// only vocabulary, air and util, and util knows no MemoryError. Scenario documents and streams do
// not come here: they are read by simdjson without a tree (R29, R38), with the same three refusals.
//
// Linear in the input: one SAX pass (nlohmann's callback parser re-scans the parent array at each
// object's end, quadratic on a big trace). Which keys an object may hold is the reader's to say;
// `unknown_key` is the shared check.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "spec/vocabulary/error.hpp"

namespace memspec {

Result<nlohmann::json> parse_json_strict(std::string_view text);
// The same, keeping the document's key order (for readers that print values back as written).
Result<nlohmann::ordered_json> parse_ordered_json_strict(std::string_view text);

// The first key of `object` that is not in `allowed`, if any (object must be a JSON object).
template <class Json>
std::optional<std::string> unknown_key(const Json& object, std::initializer_list<std::string_view> allowed) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        bool ok = false;
        for (std::string_view a : allowed) ok = ok || it.key() == a;
        if (!ok) return it.key();
    }
    return std::nullopt;
}

}  // namespace memspec
