// The trace interchange (R69): every chip's trace with its column names and the config, as JSON
// (read and written) or CSV (written), and verdicts as JSON. nlohmann-json stays in the .cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/check.hpp"
#include "spec/air/trace.hpp"
#include "spec/vocabulary/error.hpp"

namespace memspec::air {

// R307: whether a written trace set carries the range checker's table (Written) or leaves it out
// and says so with "range_checker": "derived" (Derived): the reader rebuilds it.
enum class RangeTable { Written, Derived };

// {"format":"memspec-traces","version":1,"config":{...},"chunk":c,["range_checker":"derived",]
//  "chips":[{"name","columns":[...],"public_values":{name: v},"rows":[[...],...]}]}
std::string traces_to_json(const TraceSet& traces, int indent = -1, RangeTable range_table = RangeTable::Written);
std::string traces_to_csv(const TraceSet& traces);
// Strict: duplicate keys, bytes after the document (R150), unknown keys, non-integers, values
// >= p, ragged rows and column names that differ from the AIR's are ParseError. R307: with
// "range_checker": "derived" the range checker's trace must be absent and is rebuilt (its fixed
// table, multiplicities counted from the sound AIR's requests: fill_range_counts), and the set's
// range_checker_derived is true; a "range_checker" value other than "derived" is ParseError.
Result<TraceSet> parse_traces(std::string_view text);

// R307: the AIRs a derived set is checked against (a weakened AIR, R101) count its multiplicities:
// recounts them with `airs` when the set's range_checker_derived is true; otherwise does nothing.
void rederive_range_table(const std::vector<Air>& airs, TraceSet& set);

// {"verdict":"accepted"} or {"verdict":"rejected","reason":{kind, chip, row, constraint, rule,
// detail, bus?, message?, net?, places?}}
std::string verdict_to_json(const Verdict& v, int indent = -1);

}  // namespace memspec::air
