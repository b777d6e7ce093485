// Observable state of an engine's online and offline memory (either engine's parts,
// support/engine_parts.hpp), to prove that a failing operation changes nothing (R28).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::testing {

struct OnlineSnapshot {
    std::uint32_t timestamp;
    std::vector<MemoryLogEntry> log;
    std::vector<BabyBear> cells;  // address spaces 1..2, pointers 0..63
    friend bool operator==(const OnlineSnapshot&, const OnlineSnapshot&) = default;
};

template <class Memory>
OnlineSnapshot snapshot(const Memory& m) {
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
    std::vector<std::array<std::uint32_t, 3>> blocks;  // the block of each cell: pointer, size, timestamp
    friend bool operator==(const OfflineSnapshot&, const OfflineSnapshot&) = default;
};

template <class OfflineMemory, class AccessAdapterInventory>
OfflineSnapshot snapshot(const OfflineMemory& m, const AccessAdapterInventory& a) {
    OfflineSnapshot s{m.timestamp(), m.records(), a.total_records(), {}, {}};
    for (std::uint32_t as = 1; as <= 2; ++as)
        for (std::uint32_t p = 0; p < 64; ++p) {
            s.cells.push_back(m.get(as, p));
            const auto b = m.block_containing(as, p);
            s.blocks.push_back({b.pointer, b.size, b.timestamp});
        }
    return s;
}

}  // namespace memspec::testing
