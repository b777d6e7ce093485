// A chip's trace: a row-major matrix of BabyBear values plus the chip's public values (R66, R67).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/field.hpp"

namespace memspec::air {

// Which AIR a trace set is a trace of (R251). OpenVmV1_0 is the chips as OpenVM v1.0 writes them;
// FixedAdapter adds to every AccessAdapterAir<N> a range check of the parent timestamp (R251), the
// fix of the adapter time loop (R250). OpenVmV2_0 is OpenVM v2.0's chips (R223-R230): 4-cell accesses,
// no adapters, the persistent boundary with one timestamp per 4-cell half, and its Merkle side.
// OpenVmV1_6 and OpenVmV1_7 are v1.0's chips with the persistent boundary and the Merkle chip of
// OpenVM v1.6.0 (root rows labelled 0, R310) or v1.7.0 (also parent_height_inv: v2.0's Merkle chip,
// R311). Trace sets say which (the JSON key "variant", R69).
enum class Variant { OpenVmV1_0, FixedAdapter, OpenVmV2_0, OpenVmV1_6, OpenVmV1_7 };
// "openvm-v1.0", "fixed-adapter", "openvm-v2.0", "openvm-v1.6", "openvm-v1.7"
std::string_view to_string(Variant v);
std::optional<Variant> parse_variant(std::string_view name);

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
    std::uint32_t chunk = 1;  // 1: volatile boundary, 8: persistent boundary (always 8 under OpenVmV2_0)
    Variant variant = Variant::OpenVmV1_0;
    std::vector<Trace> traces;
    // R307: the range checker's trace was not in the file ("range_checker": "derived") and was
    // rebuilt from the other chips' range-bus requests; a weakened AIR re-derives it (R101).
    bool range_checker_derived = false;

    Trace* find(std::string_view chip);
    const Trace* find(std::string_view chip) const;
    friend bool operator==(const TraceSet&, const TraceSet&) = default;
};

}  // namespace memspec::air
