// The trace interchange (R69): every chip's trace with its column names and the config, as JSON
// (read and written) or CSV (written), and verdicts as JSON. nlohmann-json stays in the .cpp.
#pragma once

#include <string>
#include <string_view>

#include "spec/air/check.hpp"
#include "spec/air/trace.hpp"
#include "spec/vocabulary/error.hpp"

namespace memspec::air {

// {"format":"memspec-traces","version":1,"config":{...},"chunk":c,
//  "chips":[{"name","columns":[...],"public_values":{name: v},"rows":[[...],...]}]}
std::string traces_to_json(const TraceSet& traces, int indent = -1);
std::string traces_to_csv(const TraceSet& traces);
// Strict: duplicate keys, bytes after the document (R150), unknown keys, non-integers, values
// >= p, ragged rows and column names that differ from the AIR's are ParseError.
Result<TraceSet> parse_traces(std::string_view text);

// {"verdict":"accepted"} or {"verdict":"rejected","reason":{kind, chip, row, constraint, rule,
// detail, bus?, message?, net?, places?}}
std::string verdict_to_json(const Verdict& v, int indent = -1);

}  // namespace memspec::air
