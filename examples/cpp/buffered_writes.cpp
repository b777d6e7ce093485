// Buffered writes (R31, spec/memory.md §9). A naive buffer keeps pending writes in a map keyed by start
// address and flushes them sorted: an earlier write that starts later is then applied after a
// later write it overlaps, and the final memory is wrong. memspec's WriteBuffer flushes before
// accepting an overlapping write, so sorting never reorders writes that touch the same cells.
#include <map>

#include "spec/workloads/patterns.hpp"
#include "example.hpp"

namespace {

// Cells 0..3 of address space 1 after `ops`, with the volatile profile.
std::string cells_0_to_3(const std::vector<memspec::Op>& ops) {
    memspec::Scenario sc;
    sc.ops = ops;
    sc.ops.push_back(memspec::Op::read(1, 0, 4));
    return example::join(example::run(sc).reads.back());
}

}  // namespace

int main() {
    // Program order: first [1, 1] at 2, then [7, 7, 7, 7] at 0 — cells 0..3 must end as 7 7 7 7.
    const std::vector<std::pair<std::uint32_t, std::vector<std::uint64_t>>> writes = {{2, {1, 1}}, {0, {7, 7, 7, 7}}};

    // The naive buffer: a map from start address to values, flushed in address order.
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<std::uint64_t>> seed_buffer;
    for (const auto& [ptr, values] : writes) seed_buffer[{1, ptr}] = values;
    std::vector<memspec::Op> seed_ops;
    for (const auto& [key, values] : seed_buffer) seed_ops.push_back(memspec::Op::write(key.first, key.second, values));

    memspec::patterns::WriteBuffer buffer(16);
    std::vector<memspec::Op> ops;
    for (const auto& [ptr, values] : writes) buffer.buffered_write(ops, 1, ptr, values);
    buffer.flush(ops);

    std::cout << "writes in program order: [1 1] at (1, 2), then [7 7 7 7] at (1, 0)\n";
    std::cout << "seed buffer (sorted map): cells 0..3 = " << cells_0_to_3(seed_ops) << "\n";
    std::cout << "memspec WriteBuffer: cells 0..3 = " << cells_0_to_3(ops) << " (" << ops.size() << " writes, flushed early on overlap)\n";
}
