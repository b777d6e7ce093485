// Shared helpers for the AIR tests: a deterministic scenario generator and run+trace glue.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "spec/air/check.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/tracegen.hpp"
#include "oracle/engine.hpp"
#include "spec/vocabulary/engine.hpp"

namespace memspec::airtest {

// A field element from a signed integer (negative values wrap mod p), for writing forged rows.
inline BabyBear f(std::int64_t x) { return BabyBear::from_i64(x); }

// A volatile-boundary scenario with small limbs (decomp 5, 12-bit timestamps: 3 limbs) and
// max_access_adapter_n 4, so that every chip stays small enough to mutate cell by cell.
inline Scenario small_volatile_scenario(std::vector<Op> ops) {
    Scenario sc;
    sc.config.max_access_adapter_n = 4;
    sc.config.decomp = 5;
    sc.config.clk_max_bits = 12;
    sc.config.pointer_max_bits = 10;
    sc.config.as_height = 2;
    sc.finalize_chunk = 1;
    sc.ops = std::move(ops);
    return sc;
}

// SplitMix64: a fixed generator, so the sweep is the same on every machine.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

struct Traced {
    Setup setup;
    RunResult result;
    air::TraceSet traces;
    air::ChipSet chips;
};

// The scenario run on `make`'s engine, then traced.
inline std::optional<Traced> run_and_trace(const EngineFactory& make, const Scenario& sc, std::string* why = nullptr) {
    auto setup = validate_setup(sc);
    if (!setup) {
        if (why) *why = setup.error().message;
        return std::nullopt;
    }
    auto result = run_to_result(make, sc);
    if (!result) {
        if (why) *why = result.error().message;
        return std::nullopt;
    }
    auto traces = air::generate_traces(*setup, *result);
    if (!traces) {
        if (why) *why = traces.error().message;
        return std::nullopt;
    }
    Traced t{*setup, *result, *traces, air::make_chip_set(setup->config, traces->chunk, traces->variant)};
    return t;
}

// The same on the oracle: the AIR tests need a valid run's records to trace and forge; which
// engine made them is AirAccept's question (it runs each engine).
inline std::optional<Traced> run_and_trace(const Scenario& sc, std::string* why = nullptr) {
    return run_and_trace(EngineFactory(oracle::make_engine), sc, why);
}

// A random valid scenario: small pointers so that blocks collide, sizes up to
// max_access_adapter_n, AS 0 reads, ticks, and (chunk 8) an initial image.
inline Scenario random_scenario(Rng& rng, std::uint32_t max_n, std::uint32_t chunk, std::uint32_t decomp,
                                std::uint32_t clk_max_bits, std::uint32_t initial_block_size = 0) {
    Scenario sc;
    sc.config.max_access_adapter_n = max_n;
    sc.config.decomp = decomp;
    sc.config.clk_max_bits = clk_max_bits;
    sc.config.pointer_max_bits = 10;
    sc.config.as_height = 2;
    sc.initial_block_size = initial_block_size ? initial_block_size : chunk;
    sc.finalize_chunk = chunk;
    const std::uint64_t as_end = sc.config.as_end();
    if (chunk != 1)
        for (std::uint64_t i = 0; i < 6; ++i)  // distinct cells (R13)
            sc.initial_memory.push_back({1 + rng.below(as_end - 1), i * 13 + rng.below(13), rng.below(BabyBear::P)});
    const int ops = 1 + static_cast<int>(rng.below(14));
    for (int i = 0; i < ops; ++i) {
        std::uint64_t kind = rng.below(10);
        std::uint64_t len = std::uint64_t{1} << rng.below(log2_exact(max_n) + 1);
        std::uint64_t as = 1 + rng.below(as_end - 1);
        // Mostly aligned, sometimes not (OpenVM v1.0 allows unaligned accesses).
        std::uint64_t ptr = rng.below(4) == 0 ? rng.below(64) : rng.below(64 / len + 1) * len;
        if (kind < 4) {
            std::vector<std::uint64_t> data;
            for (std::uint64_t k = 0; k < len; ++k) data.push_back(rng.below(1000));
            sc.ops.push_back(Op::write(as, ptr, data));
        } else if (kind < 8) {
            sc.ops.push_back(Op::read(as, ptr, len));
        } else if (kind == 8) {
            sc.ops.push_back(Op::read(0, rng.below(BabyBear::P), 1));
        } else {
            sc.ops.push_back(Op::tick(1 + rng.below(3)));
        }
    }
    return sc;
}

inline std::string describe(const air::Verdict& v) { return v.reason ? air::to_text(*v.reason) : "accepted"; }

// A run traced with its own profile's chip set (the trace set's variant: R212, R223, R274), on the
// engine named `engine`, with the AIRs in the chip set's order; the tests of each version's chips
// find a chip by name (air_named) and read a cell by column name (cell).
struct TracedAirs {
    Setup setup;
    RunResult result;
    air::TraceSet traces;
    std::vector<air::Air> airs;
};

inline std::optional<TracedAirs> trace_run(const EngineFactory& make, const Scenario& sc, std::string* why = nullptr) {
    auto t = run_and_trace(make, sc, why);
    if (!t) return std::nullopt;
    return TracedAirs{t->setup, t->result, t->traces, t->chips.airs()};
}

inline const air::Air& air_named(const std::vector<air::Air>& airs, const std::string& name) {
    for (const auto& a : airs)
        if (a.name == name) return a;
    throw std::runtime_error("no air " + name);
}

inline BabyBear cell(const air::Trace& t, const air::Air& a, std::size_t row, const std::string& col) {
    auto c = a.column(col);
    if (!c) throw std::runtime_error("no column " + col + " in " + a.name);
    return t.at(row, *c);
}

}  // namespace memspec::airtest
