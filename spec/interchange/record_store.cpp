#include "spec/interchange/record_store.hpp"

#include <algorithm>
#include <new>

namespace memspec {

void RecordStore::access(const AccessRecordView& r) {
    accesses.push_back({r.address_space, r.pointer, r.timestamp, r.prev_timestamp, static_cast<std::uint32_t>(r.data.size()),
                        r.op == AccessKind::Write});
    access_values.insert(access_values.end(), r.data.begin(), r.data.end());
    if (r.op == AccessKind::Write) access_values.insert(access_values.end(), r.prev_data.begin(), r.prev_data.end());
}

void RecordStore::adapter(const AdapterRecordView& r) {
    adapters.push_back({r.n, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp, r.kind});
    adapter_values.insert(adapter_values.end(), r.data.begin(), r.data.end());
}

void RecordStore::final_block(const FinalBlockView& b) {
    chunk = static_cast<std::uint32_t>(b.values.size());
    finals.push_back({b.address_space, b.pointer, b.timestamp});
    final_values.insert(final_values.end(), b.values.begin(), b.values.end());
}

void RecordStore::reserve(std::size_t ops) {
    // Only a hint: capped, and dropped if the address space cannot be had (a machine with strict
    // overcommit); the arrays then grow as records come.
    ops = std::min<std::size_t>(ops, std::size_t{1} << 26);
    try {
        accesses.reserve(ops);
        access_values.reserve(4 * ops);
        adapters.reserve(2 * ops);
        adapter_values.reserve(16 * ops);
    } catch (const std::bad_alloc&) {
    }
}

std::size_t RecordStore::bytes() const {
    return accesses.capacity() * sizeof(AccessRow) + adapters.capacity() * sizeof(AdapterRow) + finals.capacity() * sizeof(FinalRow) +
           (access_values.capacity() + adapter_values.capacity() + final_values.capacity()) * sizeof(BabyBear);
}

}  // namespace memspec
