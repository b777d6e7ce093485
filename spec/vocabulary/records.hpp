// Records: what online and offline memory emit (R12, R16, R18-R20, R24).
#pragma once

#include <compare>
#include <cstdint>
#include <string_view>
#include <vector>

#include "spec/vocabulary/field.hpp"

namespace memspec {

// R12: one online log entry per operation, ticks included (their index is OpenVM's RecordId).
enum class LogKind { Read, Write, IncrementTimestampBy };

struct MemoryLogEntry {
    LogKind kind;
    std::uint32_t address_space = 0;
    std::uint32_t pointer = 0;
    std::uint32_t len = 0;          // Read
    std::vector<BabyBear> data;     // Write
    std::uint32_t by = 0;           // IncrementTimestampBy

    friend bool operator==(const MemoryLogEntry&, const MemoryLogEntry&) = default;
};

enum class AccessKind { Read, Write };

constexpr std::string_view to_string(AccessKind k) { return k == AccessKind::Read ? "read" : "write"; }

// R16: one per read or write, in operation order.
struct AccessRecord {
    AccessKind op;
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t timestamp;
    std::uint32_t prev_timestamp;
    std::vector<BabyBear> data;       // values read, or values written
    std::vector<BabyBear> prev_data;  // writes only: the values overwritten; empty for reads

    friend bool operator==(const AccessRecord&, const AccessRecord&) = default;
};

enum class AdapterKind { Split, Merge };

constexpr std::string_view to_string(AdapterKind k) { return k == AdapterKind::Split ? "split" : "merge"; }

// R18, R19: one row of AccessAdapterAir<n>.
struct AccessAdapterRecord {
    std::uint32_t n;  // size of the parent block
    AdapterKind kind;
    std::uint32_t address_space;
    std::uint32_t pointer;          // first cell of the parent block
    std::uint32_t left_timestamp;   // split: the block's timestamp; merge: the left half's
    std::uint32_t right_timestamp;  // split: the block's timestamp; merge: the right half's
    std::vector<BabyBear> data;     // the n cell values at the time of the split or merge

    // The parent block's timestamp: a split keeps it, a merge takes the later half's (R19).
    std::uint32_t timestamp() const { return left_timestamp > right_timestamp ? left_timestamp : right_timestamp; }

    friend bool operator==(const AccessAdapterRecord&, const AccessAdapterRecord&) = default;
};

// R24: one CHUNK-aligned block of the final memory.
struct FinalBlock {
    std::uint32_t address_space;
    std::uint32_t pointer;  // first cell; a multiple of the chunk
    std::uint32_t timestamp;
    std::vector<BabyBear> values;  // chunk values

    friend bool operator==(const FinalBlock&, const FinalBlock&) = default;
};

// R23, R24: finalize::<chunk>'s result, sorted by (address_space, pointer).
struct TimestampedEquipartition {
    std::uint32_t chunk = 0;
    std::vector<FinalBlock> blocks;

    friend bool operator==(const TimestampedEquipartition&, const TimestampedEquipartition&) = default;
};

}  // namespace memspec
