// Input/output helpers shared by the subcommands.
#pragma once

#include <optional>
#include <string>

#include "spec/error.hpp"
#include "spec/scenario.hpp"

namespace memspec::cli {

// Whole file, or stdin for "-"; nullopt when it cannot be read.
std::optional<std::string> read_input(const std::string& path);
// Reads and parses a scenario; errors are ParseError or whatever the parser reports.
Result<Scenario> load_scenario(const std::string& path);
// Prints {"error":{...}} on stdout and returns EXIT_BAD_INPUT.
int print_error(const MemoryError& e);

}  // namespace memspec::cli
