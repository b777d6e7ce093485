// A chip's trace: a row-major matrix of BabyBear values plus the chip's public values (R66, R67).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/field.hpp"

namespace memspec::air {

struct Trace {
    std::string chip;  // the name of the AIR it is a trace of
    std::size_t width = 0;
    std::size_t height = 0;
    std::vector<BabyBear> cells;  // height * width, row-major
    std::vector<BabyBear> public_values;

    BabyBear* row(std::size_t r) { return cells.data() + r * width; }
    const BabyBear* row(std::size_t r) const { return cells.data() + r * width; }
    BabyBear& at(std::size_t r, std::size_t c) { return cells[r * width + c]; }
    BabyBear at(std::size_t r, std::size_t c) const { return cells[r * width + c]; }

    friend bool operator==(const Trace&, const Trace&) = default;
};

// Every chip's trace of one run, with what is needed to rebuild the AIRs (R69).
struct TraceSet {
    MemoryConfig config;
    std::uint32_t chunk = 1;  // 1: volatile boundary, 8: persistent boundary
    std::vector<Trace> traces;

    Trace* find(std::string_view chip);
    const Trace* find(std::string_view chip) const;
    friend bool operator==(const TraceSet&, const TraceSet&) = default;
};

}  // namespace memspec::air
