// impl's AccessAdapterInventory: split/merge records in emission order (R20) as fixed-size rows
// plus one value arena, converted to the spec's AccessAdapterRecord only when asked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "impl/arena.hpp"
#include "spec/vocabulary/records.hpp"

namespace memspec::impl {

struct AccessAdapterInventory {
    // 20 bytes: a busy program emits several rows per access. A row's values are not indexed:
    // rows and values are appended in the same order, so row i's n values follow row i-1's.
    struct Row {
        std::uint32_t address_space;
        std::uint32_t pointer;
        std::uint32_t left_timestamp;
        std::uint32_t right_timestamp;
        std::uint8_t log_n;  // n = 2^log_n, the parent block's size
        AdapterKind kind;
    };
    Arena<Row> rows;
    Arena<BabyBear> values;

    // Appends a row and returns where its 2^log_n values go (the caller writes them).
    BabyBear* add(AdapterKind kind, std::uint32_t log_n, std::uint32_t address_space, std::uint32_t pointer,
                  std::uint32_t left_timestamp, std::uint32_t right_timestamp) {
        rows.push_back({address_space, pointer, left_timestamp, right_timestamp, static_cast<std::uint8_t>(log_n), kind});
        return values.grow(std::size_t{1} << log_n);
    }

    std::size_t total_records() const { return rows.size(); }
    // All records in emission order (R20), or only the rows of AccessAdapterAir<n> (n = 0: all).
    std::vector<AccessAdapterRecord> records(std::uint32_t only_n = 0) const {
        std::vector<AccessAdapterRecord> out;
        if (only_n == 0) out.reserve(rows.size());
        const BabyBear* d = values.data();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Row& r = rows[i];
            const std::uint32_t n = 1u << r.log_n;
            if (only_n == 0 || n == only_n)
                out.push_back({n, r.kind, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp,
                               std::vector<BabyBear>(d, d + n)});
            d += n;
        }
        return out;
    }
    std::size_t bytes() const { return rows.capacity() * sizeof(Row) + values.capacity() * sizeof(BabyBear); }
};

}  // namespace memspec::impl
