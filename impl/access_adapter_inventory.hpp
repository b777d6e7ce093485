// impl's AccessAdapterInventory: split/merge records in emission order (R20) as fixed-size rows
// plus one value arena, converted to the spec's AccessAdapterRecord only when asked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "impl/arena.hpp"
#include "spec/records.hpp"

namespace memspec::impl {

struct AccessAdapterInventory {
    struct Row {
        std::uint32_t n;
        AdapterKind kind;
        std::uint32_t address_space;
        std::uint32_t pointer;
        std::uint32_t left_timestamp;
        std::uint32_t right_timestamp;
        std::uint64_t data_off;  // n values at values[data_off..]
    };
    Arena<Row> rows;
    Arena<BabyBear> values;

    std::size_t total_records() const { return rows.size(); }
    AccessAdapterRecord record(std::size_t i) const {
        const Row& r = rows[i];
        const auto* d = values.data() + r.data_off;
        return {r.n, r.kind, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp,
                std::vector<BabyBear>(d, d + r.n)};
    }
    std::vector<AccessAdapterRecord> records() const {
        std::vector<AccessAdapterRecord> out;
        out.reserve(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) out.push_back(record(i));
        return out;
    }
    // The rows of AccessAdapterAir<n>, in emission order.
    std::vector<AccessAdapterRecord> records_for_n(std::uint32_t n) const {
        std::vector<AccessAdapterRecord> out;
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (rows[i].n == n) out.push_back(record(i));
        return out;
    }
    std::size_t bytes() const { return rows.capacity() * sizeof(Row) + values.capacity() * sizeof(BabyBear); }
};

}  // namespace memspec::impl
