// `memspec bench --scenario FILE`: the whole path a user meets, timed phase by phase (parse,
// engine, print) in the code `memspec run` uses, beside the engines alone; each measurement in a
// child process (util/isolated.hpp), so that its peak memory is its own. A measurement, never a
// test: no thresholds. The CLI (tools/cmd_bench.cpp) prints what this returns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace memspec::bench {

// One measured phase: wall and CPU seconds (all threads, user and system: on a shared machine the
// CPU time is what the work costs, where wall time also measures the neighbours) and the measuring
// process's peak RSS when it ended.
struct Phase {
    std::string name;
    double seconds = 0;
    double cpu_seconds = 0;
    long peak_rss_kib = 0;
};

// One measurement: what was measured, the accesses it covered, its phases, or why it stopped.
struct Measure {
    std::string what;
    std::uint64_t accesses = 0;
    std::vector<Phase> phases;
    std::string error;  // empty when it completed
};

// `is_stream`: FILE is JSON Lines (R38), timed as `memspec run --stream` does it; otherwise the
// document end to end (read and run in one pass, then printed), parsing alone, impl alone and,
// with `with_oracle`, the oracle alone.
std::vector<Measure> time_scenario(const std::string& path, bool is_stream, bool with_oracle);

}  // namespace memspec::bench
