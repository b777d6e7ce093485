#include "spec/vocabulary/profiles/openvm_v2_0_boundary.hpp"

#include <map>
#include <utility>

#include "spec/vocabulary/profiles/openvm_v2_0.hpp"

namespace memspec::v2_0 {

std::vector<BoundaryRow> boundary_rows(const MemoryImage& image, const std::vector<FinalBlock>& final_blocks) {
    // R222: group the touched 4-cell blocks by (address space, chunk label); the map keeps the
    // order OpenVM's sort gives (group_touched_memory_by_chunk).
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<const FinalBlock*>> chunks;
    for (const FinalBlock& b : final_blocks) chunks[{b.address_space, b.pointer / CHUNK}].push_back(&b);
    std::vector<BoundaryRow> rows;
    rows.reserve(2 * chunks.size());
    for (const auto& [key, blocks] : chunks) {
        const auto [as, label] = key;
        BoundaryRow initial{+1, as, label, {}, {0, 0}};
        for (std::uint32_t i = 0; i < CHUNK; ++i) initial.values[i] = image.get(as, label * CHUNK + i);
        BoundaryRow final_row{-1, as, label, initial.values, {0, 0}};
        for (const FinalBlock* b : blocks) {
            const std::uint32_t half = (b->pointer % CHUNK) / BLOCK_SIZE;
            final_row.timestamps[half] = b->timestamp;
            for (std::uint32_t i = 0; i < BLOCK_SIZE && i < b->values.size(); ++i) final_row.values[half * BLOCK_SIZE + i] = b->values[i];
        }
        rows.push_back(initial);
        rows.push_back(final_row);
    }
    return rows;
}

}  // namespace memspec::v2_0
