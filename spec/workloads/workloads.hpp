// Built-in workloads: deterministic scenarios for `memspec run --workload` and the benchmarks.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

struct WorkloadInfo {
    std::string name;
    std::string description;
    std::uint64_t default_accesses;  // how many accesses at scale 1
};

const std::vector<WorkloadInfo>& workloads();

// The named workload with about `accesses` memory accesses (0: its default). Deterministic: the
// same name and size always give the same scenario. Unknown names are ParseError.
Result<Scenario> make_workload(std::string_view name, std::uint64_t accesses = 0);

// The same workload in two parts, so that a large one never has to be held (R38): its scenario
// without ops, and its ops handed to `emit` one by one, in order.
Result<Scenario> workload_head(std::string_view name, std::uint64_t accesses = 0);
Status for_each_workload_op(std::string_view name, std::uint64_t accesses, const std::function<void(Op&&)>& emit);

}  // namespace memspec
