// `memspec bench`: accesses per second of the oracle, impl (alone, and gathering the records as
// `memspec run` does) and the record-appending baseline on one workload of bench/workloads.hpp.
// A measurement, never a test: no thresholds. The CLI (tools/cmd_bench.cpp) prints the rates.
#pragma once

#include <cstdint>
#include <string>

#include "bench/workloads.hpp"

namespace memspec::bench {

struct WorkloadRates {
    std::string name;
    std::uint64_t accesses = 0, oracle_accesses = 0;
    double oracle_per_s = 0, impl_per_s = 0, impl_run_per_s = 0, baseline_per_s = 0, bytes_per_access = 0;
};

// `quick`: the workload's quick size, one repetition; else its full size, best of three. The
// oracle runs a smaller instance of the same workload unless `oracle_full` (rates are per access).
// Throws std::runtime_error when an engine rejects the workload or the two engines disagree on it:
// the numbers only mean something if both compute the same thing.
WorkloadRates measure(const Workload& w, bool quick, bool oracle_full);

}  // namespace memspec::bench
