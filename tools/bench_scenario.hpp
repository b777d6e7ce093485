// `memspec bench --scenario FILE`: both engines timed on one given scenario, stage by stage, each
// in a child process so that its peak memory is its own.
#pragma once

#include <string>

namespace memspec::cli {

// Prints a table, or JSON with `json`; returns the exit status.
int bench_scenario(const std::string& path, bool json);

}  // namespace memspec::cli
