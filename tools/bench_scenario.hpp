// `memspec bench --scenario FILE`: the whole path a user meets, timed phase by phase (parse,
// engine, print) in the code `memspec run` uses, beside the engines alone; each measurement in a
// child process so that its peak memory is its own. `is_stream`: FILE is JSON Lines (R38), timed
// as `memspec run --stream` does it.
#pragma once

#include <string>

namespace memspec::cli {

// Prints a table, or JSON with `json`; returns the exit status.
int bench_scenario(const std::string& path, bool json, bool is_stream, bool with_oracle = true);

}  // namespace memspec::cli
