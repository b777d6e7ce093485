// A RecordSink that keeps a whole run compactly (fixed-size rows plus value arrays) until it is
// printed: the v1 result lists reads, then access records, then adapter records, so a
// whole-result printer must hold them; this is the only copy it holds (R29).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "spec/vocabulary/record_sink.hpp"

namespace memspec {

class RecordStore final : public RecordSink {
public:
    struct AccessRow {
        std::uint32_t address_space, pointer, timestamp, prev_timestamp;
        std::uint32_t len;  // values: len for a read, 2 * len (data, then prev_data) for a write
        bool is_write;
    };
    struct AdapterRow {
        std::uint32_t n, address_space, pointer, left_timestamp, right_timestamp;
        AdapterKind kind;
    };
    struct FinalRow {
        std::uint32_t address_space, pointer, timestamp;
    };

    void access(const AccessRecordView& r) override;
    void adapter(const AdapterRecordView& r) override;
    void final_block(const FinalBlockView& b) override;

    std::vector<AccessRow> accesses;
    std::vector<BabyBear> access_values;
    std::vector<AdapterRow> adapters;
    std::vector<BabyBear> adapter_values;
    std::uint32_t chunk = 0;  // the final blocks' size (0 before any)
    std::vector<FinalRow> finals;
    std::vector<BabyBear> final_values;

    std::size_t bytes() const;
    // Reserves room for the records of about `ops` operations (address space only: pages are
    // touched as records arrive), so that the arrays rarely move while they grow.
    void reserve(std::size_t ops);
};

}  // namespace memspec
