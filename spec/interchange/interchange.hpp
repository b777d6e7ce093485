// The JSON interchange format v1 (R29; documented in spec/interchange.md). nlohmann-json stays
// inside interchange.cpp so that spec headers need only the standard library.
#pragma once

#include <string>
#include <string_view>

#include "spec/interchange/scenario_reader.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

inline constexpr int INTERCHANGE_VERSION = 1;

// Scenarios are read by spec/interchange/scenario_reader.hpp (parse_scenario, load_scenario, streams).
// Strict like them: unknown or duplicate keys, wrong types, missing fields, negative or
// fractional numbers are ParseError. Linear in the input.
Result<RunResult> parse_result(std::string_view text);
// R38: a JSON Lines result (what `memspec run --stream` prints) as the RunResult it frames; an
// {"error":…} line is returned as that error.
Result<RunResult> parse_result_jsonl(std::string_view text);

// R2, R29: a MemoryConfig as the JSON object scenarios and trace files carry. Parsing is as strict
// as for a scenario's "config" and checks types only (bounds are validate()'s, R3).
Result<MemoryConfig> parse_config(std::string_view text);
std::string to_json(const MemoryConfig& config, int indent = -1);

// indent < 0: compact one-line output.
std::string to_json(const Scenario& scenario, int indent = -1);
std::string to_json(const RunResult& result, int indent = -1);
std::string to_json(const MemoryError& error, int indent = -1);

}  // namespace memspec
