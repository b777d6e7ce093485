// The random access pattern (R36, spec/memory.md §9): one 1-cell read per address. With the volatile
// profile (blocks of one cell) a 1-cell read never needs an adapter, and the first read of a cell
// sees timestamp 0.
#include "spec/workloads/patterns.hpp"
#include "example.hpp"

int main() {
    // 16 distinct cells in a scattered order: i * 37 mod 64 visits every pointer below 64 once.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> addresses;
    for (std::uint32_t i = 0; i < 16; ++i) addresses.push_back({1 + i % 3, i * 37 % 64});
    addresses.push_back(addresses.front());  // read a cell twice: the second sees the first's timestamp
    memspec::Scenario sc;
    memspec::patterns::random_reads(sc.ops, addresses);
    const auto r = example::run(sc);
    std::cout << r.reads.size() << " reads, " << r.records.size() << " access records, " << r.adapter_records.size()
              << " adapter records\n";
    const auto& last = r.records.back();
    std::cout << "second read of (" << last.address_space << ", " << last.pointer << ") at timestamp " << last.timestamp
              << " has prev_timestamp " << last.prev_timestamp << "\n";
}
