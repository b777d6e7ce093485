#include "oracle/offline_memory.hpp"

#include <algorithm>
#include <set>

#include "spec/vocabulary/preconditions.hpp"

namespace memspec::oracle {

OfflineMemory::OfflineMemory(const MemoryImage& initial, std::uint32_t initial_block_size, const MemoryConfig& config)
    : config_(config), initial_block_size_(initial_block_size) {
    for (const auto& cell : initial.cells()) cells_[{cell.address_space, cell.pointer}] = cell.value;
}

BabyBear OfflineMemory::get(std::uint32_t as, std::uint32_t ptr) const {
    auto it = cells_.find({as, ptr});
    return it == cells_.end() ? BabyBear{} : it->second;
}

std::vector<BabyBear> OfflineMemory::values(std::uint32_t as, std::uint32_t ptr, std::uint32_t len) const {
    std::vector<BabyBear> out;
    for (std::uint32_t i = 0; i < len; ++i) out.push_back(get(as, ptr + i));
    return out;
}

// R14: an explicit block covering the cell if there is one, else the initial block
// [ptr - ptr % initial_block_size, +initial_block_size) at timestamp 0. Explicit blocks always
// tile whole initial blocks (R22), so the two never overlap.
OfflineMemory::Block OfflineMemory::block_containing(std::uint32_t as, std::uint32_t ptr) const {
    auto it = blocks_.upper_bound({as, ptr});
    if (it != blocks_.begin()) {
        --it;
        const auto& [key, block] = *it;
        if (key.first == as && block.pointer <= ptr && ptr - block.pointer < block.size) return block;
    }
    return Block{ptr - ptr % initial_block_size_, initial_block_size_, 0};
}

OfflineMemory::Block OfflineMemory::get_block(std::uint32_t as, std::uint32_t ptr) {
    Block b = block_containing(as, ptr);
    if (!blocks_.count({as, b.pointer})) set_block(as, b);  // R22: materialise the initial block
    return b;
}

void OfflineMemory::set_block(std::uint32_t as, Block block) {
    // Replace every explicit block that starts inside the new one.
    blocks_.erase(blocks_.lower_bound({as, block.pointer}), blocks_.lower_bound({as, block.pointer + block.size}));
    blocks_[{as, block.pointer}] = block;
}

// R18: split `block` in halves (one record per level) until `query` starts a block. Both halves
// keep the parent's timestamp; the records carry the values at the time of the split.
void OfflineMemory::split_toward(std::uint32_t as, Block block, std::uint32_t query, AccessAdapterInventory& adapters) {
    adapters.add_record({block.size, AdapterKind::Split, as, block.pointer, block.timestamp, block.timestamp,
                         values(as, block.pointer, block.size)});
    const std::uint32_t half = block.size / 2;
    const Block left{block.pointer, half, block.timestamp};
    const Block right{block.pointer + half, half, block.timestamp};
    set_block(as, left);
    set_block(as, right);
    if (query == right.pointer) return;
    split_toward(as, query < right.pointer ? left : right, query, adapters);
}

// R18: make `query` the first cell of some block. The end of the address space is always a
// boundary.
void OfflineMemory::split_to_make_boundary(std::uint32_t as, std::uint32_t query, AccessAdapterInventory& adapters) {
    if (query == config_.memory_size()) return;
    const Block block = block_containing(as, query);
    if (block.pointer == query) return;
    split_toward(as, block, query, adapters);
}

// R19: merge the block at `ptr` with its equal-sized right neighbour. The parent takes the later
// timestamp; the record carries both halves' timestamps and the current values.
void OfflineMemory::merge_block_with_next(std::uint32_t as, std::uint32_t ptr, AccessAdapterInventory& adapters) {
    const Block left = get_block(as, ptr);
    const Block right = get_block(as, ptr + left.size);
    const Block parent{ptr, 2 * left.size, std::max(left.timestamp, right.timestamp)};
    set_block(as, parent);
    adapters.add_record({parent.size, AdapterKind::Merge, as, ptr, left.timestamp, right.timestamp,
                         values(as, ptr, parent.size)});
}

// R17: make [ptr, ptr+size) one block: boundaries at both ends by splitting, then, if it is
// still not one block, the left half, the right half, and a merge of the two.
void OfflineMemory::access(std::uint32_t as, std::uint32_t ptr, std::uint32_t size, AccessAdapterInventory& adapters) {
    split_to_make_boundary(as, ptr, adapters);
    split_to_make_boundary(as, ptr + size, adapters);
    const Block block = block_containing(as, ptr);
    if (block.pointer == ptr && block.size == size) return;
    const std::uint32_t half = size / 2;  // size > 1 here: a 1-cell range with both boundaries is a block
    access(as, ptr, half, adapters);
    access(as, ptr + half, half, adapters);
    merge_block_with_next(as, ptr, adapters);
}

// R16: the accessed block's previous timestamp, which the access then replaces with the clock.
std::uint32_t OfflineMemory::access_updating_timestamp(std::uint32_t as, std::uint32_t ptr, std::uint32_t size,
                                                       AccessAdapterInventory& adapters) {
    access(as, ptr, size, adapters);
    Block block = get_block(as, ptr);
    const std::uint32_t prev = block.timestamp;
    block.timestamp = timestamp_;
    set_block(as, block);
    return prev;
}

Status OfflineMemory::read(std::uint64_t as, std::uint64_t ptr, std::uint64_t len, AccessAdapterInventory& adapters) {
    if (auto st = check_read(config_, as, ptr, len, timestamp_); !st) return st;
    const auto as32 = static_cast<std::uint32_t>(as);
    const auto ptr32 = static_cast<std::uint32_t>(ptr);
    if (as == 0) {
        // R21: an immediate: no block, no adapter; prev_timestamp 0 and data [ptr].
        records_.push_back({AccessKind::Read, 0, ptr32, timestamp_, 0, {BabyBear::from_canonical(ptr32)}, {}});
    } else {
        const std::uint32_t prev = access_updating_timestamp(as32, ptr32, static_cast<std::uint32_t>(len), adapters);
        records_.push_back({AccessKind::Read, as32, ptr32, timestamp_, prev, values(as32, ptr32, static_cast<std::uint32_t>(len)), {}});
    }
    timestamp_ += 1;
    return {};
}

Status OfflineMemory::write(std::uint64_t as, std::uint64_t ptr, std::span<const BabyBear> data,
                            AccessAdapterInventory& adapters) {
    if (auto st = check_write(config_, as, ptr, data, timestamp_); !st) return st;
    const auto as32 = static_cast<std::uint32_t>(as);
    const auto ptr32 = static_cast<std::uint32_t>(ptr);
    const auto len = static_cast<std::uint32_t>(data.size());
    const std::uint32_t prev = access_updating_timestamp(as32, ptr32, len, adapters);
    // R16: prev_data are the values just before the write, after any split/merge of this access.
    std::vector<BabyBear> prev_data = values(as32, ptr32, len);
    for (std::uint32_t i = 0; i < len; ++i) cells_[{as32, ptr32 + i}] = data[i];
    records_.push_back({AccessKind::Write, as32, ptr32, timestamp_, prev, std::vector<BabyBear>(data.begin(), data.end()),
                        std::move(prev_data)});
    timestamp_ += 1;
    return {};
}

Status OfflineMemory::increment_timestamp_by(std::uint64_t k) {
    if (auto st = check_tick(config_, k, timestamp_); !st) return st;
    timestamp_ += static_cast<std::uint32_t>(k);
    return {};
}

std::uint64_t OfflineMemory::touched_cells() const {
    std::uint64_t n = 0;
    for (const auto& [key, block] : blocks_) n += block.size;
    return n;
}

Result<TimestampedEquipartition> OfflineMemory::finalize(std::uint64_t chunk64, AccessAdapterInventory& adapters) {
    if (auto st = check_finalize_chunk(config_, chunk64); !st) return st.error();
    const auto chunk = static_cast<std::uint32_t>(chunk64);
    // R22: the touched chunks are those holding a cell of some explicit block. R23: memspec
    // visits them in ascending (address space, pointer) order; OpenVM's order is a hash order.
    std::set<Cell> to_access;
    for (const auto& [key, block] : blocks_)
        for (std::uint32_t i = 0; i < block.size; ++i) {
            const std::uint32_t p = block.pointer + i;
            to_access.insert({key.first, p - p % chunk});
        }
    for (const auto& [as, ptr] : to_access) {
        const Block block = get_block(as, ptr);
        if (block.pointer != ptr || block.size != chunk) access(as, ptr, chunk, adapters);
    }
    TimestampedEquipartition out{chunk, {}};
    for (const auto& [as, ptr] : to_access)
        out.blocks.push_back({as, ptr, get_block(as, ptr).timestamp, values(as, ptr, chunk)});
    return out;  // R25: the clock is unchanged
}

}  // namespace memspec::oracle
