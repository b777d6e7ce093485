// impl's online memory (R9-R12): the oracle's interface over paged flat values, with the access
// log kept as fixed-size entries plus one value arena (no allocation per operation).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "impl/paged.hpp"
#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/image.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::impl {

class Memory {
public:
    // Preconditions as the oracle's: `config` passed validate() and `initial` is in bounds
    // (validate_setup guarantees both).
    Memory(const MemoryConfig& config, const MemoryImage& initial);

    // R10 (R5 for address space 0).
    Result<std::vector<BabyBear>> read(std::uint64_t address_space, std::uint64_t pointer, std::uint64_t len);
    // R11: returns the replaced values.
    Result<std::vector<BabyBear>> write(std::uint64_t address_space, std::uint64_t pointer, std::span<const BabyBear> values);
    // R9.
    Status increment_timestamp_by(std::uint64_t k);

    std::uint32_t timestamp() const { return timestamp_; }
    // R12: the log in the spec's vocabulary, built from the flat entries on demand.
    std::vector<MemoryLogEntry> log() const;
    BabyBear get(std::uint32_t address_space, std::uint32_t pointer) const;

private:
    struct Page {
        BabyBear values[PAGE_CELLS];
    };
    struct FlatLog {
        LogKind kind;
        std::uint32_t address_space;
        std::uint32_t pointer;
        std::uint32_t len;       // Read and Write
        std::uint32_t by;        // IncrementTimestampBy
        std::uint64_t data_off;  // Write: into data_
    };

    MemoryConfig config_;
    PagedMemory<Page> cells_;
    std::uint32_t timestamp_ = 1;  // R9
    std::vector<FlatLog> log_;
    std::vector<BabyBear> data_;
};

}  // namespace memspec::impl
