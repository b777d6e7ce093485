// Observable state of the oracle's engines, to prove that a failing operation changes nothing (R28).
#pragma once

#include <vector>

#include <memspec/oracle/access_adapter_inventory.hpp>
#include <memspec/oracle/memory.hpp>
#include <memspec/oracle/offline_memory.hpp>

namespace memspec::testing {

struct OnlineSnapshot {
    std::uint32_t timestamp;
    std::vector<MemoryLogEntry> log;
    std::vector<BabyBear> cells;  // address spaces 1..2, pointers 0..63
    friend bool operator==(const OnlineSnapshot&, const OnlineSnapshot&) = default;
};

inline OnlineSnapshot snapshot(const oracle::Memory& m) {
    OnlineSnapshot s{m.timestamp(), m.log(), {}};
    for (std::uint32_t as = 1; as <= 2; ++as)
        for (std::uint32_t p = 0; p < 64; ++p) s.cells.push_back(m.get(as, p));
    return s;
}

struct OfflineSnapshot {
    std::uint32_t timestamp;
    std::vector<AccessRecord> records;
    std::size_t adapter_records;
    std::vector<BabyBear> cells;
    std::vector<oracle::OfflineMemory::Block> blocks;  // the block of each cell
    friend bool operator==(const OfflineSnapshot&, const OfflineSnapshot&) = default;
};

inline OfflineSnapshot snapshot(const oracle::OfflineMemory& m, const oracle::AccessAdapterInventory& a) {
    OfflineSnapshot s{m.timestamp(), m.records(), a.total_records(), {}, {}};
    for (std::uint32_t as = 1; as <= 2; ++as)
        for (std::uint32_t p = 0; p < 64; ++p) {
            s.cells.push_back(m.get(as, p));
            s.blocks.push_back(m.block_containing(as, p));
        }
    return s;
}

}  // namespace memspec::testing
