// Deterministic benchmark workloads, shared by bench/ (Google Benchmark) and `memspec bench`.
// Header-only so that the CLI can measure without linking Google Benchmark.
#pragma once

#include <ctime>
#include <cstdint>
#include <string>
#include <vector>

#include "spec/field.hpp"
#include "spec/scenario.hpp"

namespace memspec::bench {

// splitmix64: a fixed, seedable generator, so every run builds the same scenario.
struct SplitMix {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

inline Scenario base_scenario(std::uint64_t initial_block_size, std::uint64_t chunk, std::uint64_t ops) {
    Scenario sc;
    sc.config.access_capacity = ops;
    sc.initial_block_size = initial_block_size;
    sc.finalize_chunk = chunk;
    sc.ops.reserve(ops);
    return sc;
}

// seq8: n sequential 8-cell writes in address space 1 (initial_block_size 8, chunk 8): every
// access hits exactly one initial block, so no adapters; the per-access floor.
inline Scenario seq8(std::uint64_t n) {
    Scenario sc = base_scenario(8, 8, n);
    for (std::uint64_t i = 0; i < n; ++i) {
        std::vector<std::uint64_t> d(8);
        for (std::uint64_t k = 0; k < 8; ++k) d[k] = (8 * i + k) % BabyBear::P;
        sc.ops.push_back(Op::write(1, 8 * i, std::move(d)));
    }
    return sc;
}

// rand1: n random 1-cell accesses, half reads and half writes, over 2^20 cells (ibs 1, chunk 1).
inline Scenario rand1(std::uint64_t n) {
    Scenario sc = base_scenario(1, 1, n);
    SplitMix rng{1};
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t ptr = rng.below(std::uint64_t{1} << 20);
        if (i % 2 == 0) sc.ops.push_back(Op::write(1, ptr, {rng.below(BabyBear::P)}));
        else sc.ops.push_back(Op::read(1, ptr, 1));
    }
    return sc;
}

// mixed: n aligned accesses of sizes 1..32 (powers of two) within 2^16 cells (ibs 8, chunk 8):
// constant splitting and merging.
inline Scenario mixed(std::uint64_t n) {
    Scenario sc = base_scenario(8, 8, n);
    SplitMix rng{2};
    for (std::uint64_t i = 0; i < n; ++i) {
        const std::uint64_t len = std::uint64_t{1} << rng.below(6);
        const std::uint64_t ptr = rng.below((std::uint64_t{1} << 16) / len) * len;
        if (rng.below(2) == 0) {
            std::vector<std::uint64_t> d(len);
            for (auto& v : d) v = rng.below(BabyBear::P);
            sc.ops.push_back(Op::write(1, ptr, std::move(d)));
        } else {
            sc.ops.push_back(Op::read(1, ptr, len));
        }
    }
    return sc;
}

// pingpong: `rounds` rounds of one 32-cell write to alternating halves of a 64-cell region,
// then 1-cell reads of each written cell (ibs 1, chunk 1): every round merges 32 cells into one
// block and splits it back down to cells.
inline Scenario pingpong(std::uint64_t rounds) {
    Scenario sc = base_scenario(1, 1, rounds * 33);
    for (std::uint64_t r = 0; r < rounds; ++r) {
        const std::uint64_t base = (r % 2) * 32;
        std::vector<std::uint64_t> d(32);
        for (std::uint64_t k = 0; k < 32; ++k) d[k] = (r * 32 + k) % BabyBear::P;
        sc.ops.push_back(Op::write(1, base, std::move(d)));
        for (std::uint64_t k = 0; k < 32; ++k) sc.ops.push_back(Op::read(1, base + k, 1));
    }
    return sc;
}

inline std::uint64_t accesses(const Scenario& sc) {
    std::uint64_t n = 0;
    for (const Op& op : sc.ops) n += op.kind != OpKind::Tick;
    return n;
}

struct Workload {
    std::string name;
    Scenario (*make)(std::uint64_t);
    std::uint64_t full;      // size parameter for the full run (ops, or rounds for pingpong)
    std::uint64_t quick;     // size for --quick
    std::uint64_t oracle;    // the oracle's size in the full run (it is scaled: rates are per access)
};

inline std::vector<Workload> workloads() {
    return {
        {"seq8", seq8, std::uint64_t{1} << 20, std::uint64_t{1} << 16, std::uint64_t{1} << 17},
        {"rand1", rand1, std::uint64_t{1} << 20, std::uint64_t{1} << 16, std::uint64_t{1} << 17},
        {"mixed", mixed, std::uint64_t{1} << 20, std::uint64_t{1} << 16, std::uint64_t{1} << 16},
        {"pingpong", pingpong, std::uint64_t{1} << 18, std::uint64_t{1} << 12, std::uint64_t{1} << 12},
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
