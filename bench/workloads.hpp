// Deterministic benchmark workloads, shared by bench/ (Google Benchmark) and `memspec bench`.
// Header-only so that the CLI can measure without linking Google Benchmark.
#pragma once

#include <ctime>
#include <stdexcept>
#include <cstdint>
#include <string>
#include <vector>

#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/scenario.hpp"
#include "spec/workloads/workloads.hpp"

namespace memspec::bench {

// The workloads themselves are spec/workloads/workloads.hpp's (one definition of each name for `memspec run
// --workload`, the benchmarks and the vectors); here only their sizes are chosen.
template <const char* Name>
Scenario make(std::uint64_t accesses) {
    auto sc = make_workload(Name, accesses);
    if (!sc) throw std::runtime_error(sc.error().message);
    return std::move(*sc);
}
inline constexpr char SEQ8[] = "seq8";
inline constexpr char RAND1[] = "rand1";
inline constexpr char MIXED[] = "mixed";
inline constexpr char PINGPONG[] = "pingpong";

inline std::uint64_t accesses(const Scenario& sc) {
    std::uint64_t n = 0;
    for (const Op& op : sc.ops) n += op.kind != OpKind::Tick;
    return n;
}

struct Workload {
    std::string name;
    Scenario (*make)(std::uint64_t);
    std::uint64_t full;      // accesses in the full run
    std::uint64_t quick;     // size for --quick
    std::uint64_t oracle;    // the oracle's size in the full run (it is scaled: rates are per access)
};

inline std::vector<Workload> workloads() {
    return {
        {"seq8", make<SEQ8>, std::uint64_t{1} << 20, std::uint64_t{1} << 16, std::uint64_t{1} << 17},
        {"rand1", make<RAND1>, std::uint64_t{1} << 20, std::uint64_t{1} << 16, std::uint64_t{1} << 17},
        {"mixed", make<MIXED>, std::uint64_t{1} << 20, std::uint64_t{1} << 16, std::uint64_t{1} << 16},
        // 2^18 rounds of 33 accesses (one 32-cell write, 32 single-cell reads).
        {"pingpong", make<PINGPONG>, std::uint64_t{33} << 18, std::uint64_t{33} << 12, std::uint64_t{33} << 12},
    };
}

// The floor any engine must pay: one fixed-size record appended per access to a preallocated
// array (kind, address space, pointer, clock, length, first value), nothing else.
struct BaselineRecord {
    std::uint32_t kind, address_space, pointer, timestamp, len, first;
};

inline std::uint64_t run_baseline(const Scenario& sc, std::vector<BaselineRecord>& out) {
    out.clear();
    std::uint32_t clock = 1;
    for (const Op& op : sc.ops) {
        if (op.kind == OpKind::Tick) continue;
        const bool w = op.kind == OpKind::Write;
        out.push_back({w ? 1u : 0u, static_cast<std::uint32_t>(op.address_space), static_cast<std::uint32_t>(op.pointer), clock++,
                       static_cast<std::uint32_t>(w ? op.data.size() : op.len), w ? static_cast<std::uint32_t>(op.data[0]) : 0u});
    }
    return out.size();
}

// CPU time of this process, not wall time: the engines are single-threaded, and on a shared
// machine wall time mostly measures the other processes.
inline double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

template <class F>
double seconds(F&& f) {
    const double t0 = cpu_now();
    f();
    return cpu_now() - t0;
}

}  // namespace memspec::bench
