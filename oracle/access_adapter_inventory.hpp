// The oracle's AccessAdapterInventory: every split/merge record in emission order (R20).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "spec/vocabulary/records.hpp"

namespace memspec::oracle {

struct AccessAdapterInventory {
    std::vector<AccessAdapterRecord> records;  // emission order across all N

    void add_record(AccessAdapterRecord r) { records.push_back(std::move(r)); }
    std::size_t total_records() const { return records.size(); }
};

}  // namespace memspec::oracle
