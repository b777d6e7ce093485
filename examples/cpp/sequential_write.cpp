// The sequential access pattern (R30, spec/memory.md §9): data written as consecutive 8-cell chunks,
// the last one padded with zeros. With OpenVM's persistent profile (initial blocks and chunks of 8) and
// chunk-aligned writes, no access needs an adapter.
#include <numeric>

#include "spec/workloads/patterns.hpp"
#include "example.hpp"

int main() {
    memspec::Scenario sc;
    sc.profile = memspec::Profile::openvm_v1_0_persistent;  // R3a: OpenVM's persistent memory
    sc.initial_block_size = 8;
    sc.finalize_chunk = 8;
    std::vector<std::uint64_t> data(20);
    std::iota(data.begin(), data.end(), 1);  // 1..20
    memspec::patterns::sequential_write(sc.ops, 1, 96, data);

    const auto r = example::run(sc);
    std::cout << "sequential_write: " << data.size() << " values from (1, 96) in chunks of 8 -> " << sc.ops.size() << " writes\n";
    for (const auto& rec : r.records)
        std::cout << "  write at (" << rec.address_space << ", " << rec.pointer << ") timestamp " << rec.timestamp << ": "
                  << example::join(rec.data) << "\n";
    for (const auto& b : r.final_memory->blocks)
        std::cout << "final chunk (" << b.address_space << ", " << b.pointer << "): " << example::join(b.values) << "\n";
    std::cout << "adapter records: " << r.adapter_records.size() << "\n";
}
