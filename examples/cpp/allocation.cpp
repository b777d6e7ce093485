// Per-address-space allocation (R33, spec/memory.md §9): Program = 1, Stack = 2, Heap = 3, Global = 4,
// a bump pointer per space, each allocation zero-filled with 1-cell writes.
#include "spec/workloads/patterns.hpp"
#include "example.hpp"

using memspec::patterns::AddressSpace;

int main() {
    memspec::Scenario sc;
    sc.config.pointer_max_bits = 16;
    memspec::patterns::Allocator alloc;
    const std::pair<AddressSpace, std::uint64_t> requests[] = {
        {AddressSpace::Stack, 16}, {AddressSpace::Heap, 8}, {AddressSpace::Stack, 4}, {AddressSpace::Global, 1u << 17}, {AddressSpace::Heap, 2}};
    const char* names[] = {"", "Program", "Stack", "Heap", "Global"};
    for (const auto& [space, size] : requests) {
        auto ptr = alloc.allocate(sc.ops, sc.config, space, size);
        std::cout << "allocate(" << names[static_cast<int>(space)] << ", " << size << ") -> ";
        if (ptr) std::cout << *ptr << "\n";
        else std::cout << memspec::to_string(ptr.error().kind) << " (nothing allocated)\n";
    }
    const auto r = example::run(sc);
    std::cout << r.records.size() << " zero-filling writes, clock now " << r.final_timestamp << "\n";
}
