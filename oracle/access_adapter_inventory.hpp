// The oracle's AccessAdapterInventory: every split/merge record in emission order (R20).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "spec/records.hpp"

namespace memspec::oracle {

struct AccessAdapterInventory {
    std::vector<AccessAdapterRecord> records;  // emission order across all N

    void add_record(AccessAdapterRecord r) { records.push_back(std::move(r)); }
    std::size_t total_records() const { return records.size(); }
    // The rows of AccessAdapterAir<n>, in emission order (OpenVM keeps one list per n).
    std::vector<AccessAdapterRecord> records_for_n(std::uint32_t n) const {
        std::vector<AccessAdapterRecord> out;
        for (const auto& r : records)
            if (r.n == n) out.push_back(r);
        return out;
    }
};

}  // namespace memspec::oracle
