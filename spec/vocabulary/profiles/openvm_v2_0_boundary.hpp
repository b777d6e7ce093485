// R222: OpenVM v2.0's persistent boundary rows, derived from a run's final blocks and its initial
// image (OpenVM v2.0.0, crates/vm/src/system/memory/persistent.rs:160-186, 217-261, 286-306).
// memspec derives them for readers and tests; a result does not carry them (R211), and the chip
// that constrains them is not modelled (R212). The rows' hash column is left out.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/image.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::v2_0 {

struct BoundaryRow {
    int expand_direction;  // +1: the chunk's initial state; -1: its final state
    std::uint32_t address_space;
    std::uint32_t label;  // the chunk's pointer / 8
    std::array<BabyBear, 8> values;
    std::array<std::uint32_t, 2> timestamps;  // one per 4-cell half; 0 on the initial row
    friend bool operator==(const BoundaryRow&, const BoundaryRow&) = default;
};

// Per touched 8-cell chunk, sorted by (address space, label): its initial row (the image's values,
// timestamps 0), then its final row (the image's values overwritten by the touched halves' final
// values, each half's last-access timestamp, 0 for an untouched half). `final_blocks` are R219's.
std::vector<BoundaryRow> boundary_rows(const MemoryImage& image, const std::vector<FinalBlock>& final_blocks);

}  // namespace memspec::v2_0
