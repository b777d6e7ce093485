// Variable-size access (R32, spec/memory.md §9): a size is rounded up to the next power of two and
// read in one access; 0 and sizes past max_access_adapter_n (32) are typed errors, never a panic.
#include "spec/workloads/patterns.hpp"
#include "example.hpp"

int main() {
    memspec::Scenario sc;
    memspec::patterns::sequential_write(sc.ops, 1, 0, std::vector<std::uint64_t>{10, 11, 12, 13, 14, 15, 16, 17});
    const std::size_t first_read = sc.ops.size();
    std::vector<std::uint64_t> read_sizes;  // the sizes that became a read, in order
    for (std::uint64_t size : {1, 3, 5, 8, 17, 33, 0}) {
        auto st = memspec::patterns::variable_size_read(sc.ops, sc.config, 1, 0, size);
        if (st) read_sizes.push_back(size);
        else std::cout << "size " << size << " -> " << memspec::to_string(st.error().kind) << ": " << st.error().message << "\n";
    }
    const auto r = example::run(sc);
    for (std::size_t i = first_read; i < sc.ops.size(); ++i) {
        const auto& values = r.reads[i - first_read];
        std::cout << "size " << read_sizes[i - first_read] << " -> read of " << values.size() << " cells at (1, 0): " << example::join(values)
                  << "\n";
    }
}
