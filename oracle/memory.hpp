// Online memory, the oracle's literal model (R9-R12): a map from cells to values, a clock and
// the access log that OfflineMemory replays.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "spec/vocabulary/config.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/field.hpp"
#include "spec/vocabulary/image.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::oracle {

class Memory {
public:
    // Preconditions: `config` passed validate() and `initial` holds only cells in bounds
    // (validate_setup guarantees both).
    Memory(const MemoryConfig& config, const MemoryImage& initial);

    // R10: the current values of [ptr, ptr+len); an address-space-0 read returns [ptr] (R5).
    Result<std::vector<BabyBear>> read(std::uint64_t address_space, std::uint64_t pointer, std::uint64_t len);
    // R11: stores `values` at [ptr, ptr+len) and returns the values they replace.
    Result<std::vector<BabyBear>> write(std::uint64_t address_space, std::uint64_t pointer, std::span<const BabyBear> values);
    // R9: advances the clock by k.
    Status increment_timestamp_by(std::uint64_t k);

    std::uint32_t timestamp() const { return timestamp_; }
    const std::vector<MemoryLogEntry>& log() const { return log_; }
    // Hands the log over to the caller and starts a new one (the engine replays each entry as soon
    // as it exists, so a long run never holds its whole log).
    std::vector<MemoryLogEntry> take_log() { return std::exchange(log_, {}); }
    BabyBear get(std::uint32_t address_space, std::uint32_t pointer) const;

private:
    MemoryConfig config_;
    std::map<std::pair<std::uint32_t, std::uint32_t>, BabyBear> cells_;  // absent = 0
    std::uint32_t timestamp_ = 1;                                        // R9: INITIAL_TIMESTAMP + 1
    std::vector<MemoryLogEntry> log_;
};

}  // namespace memspec::oracle
