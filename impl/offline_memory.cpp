#include "impl/offline_memory.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <string>

#include "util/parallel.hpp"
#include "spec/vocabulary/preconditions.hpp"

namespace memspec::impl {

namespace {
constexpr std::uint64_t RESERVE_CAP = std::uint64_t{1} << 22;  // records reserved at most up front
// Finalize work per touched cell, in run_tasks' units (a chunk visit costs several evaluations).
constexpr std::size_t PARALLEL_FINALIZE_SCALE = 4;
}  // namespace

TimestampedEquipartition FlatEquipartition::to_spec() const {
    TimestampedEquipartition out{chunk, {}};
    out.blocks.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto* d = values.data() + i * chunk;
        out.blocks.push_back({rows[i].address_space, rows[i].pointer, rows[i].timestamp, std::vector<BabyBear>(d, d + chunk)});
    }
    return out;
}

OfflineMemory::OfflineMemory(const MemoryImage& initial, std::uint32_t initial_block_size, const MemoryConfig& config,
                             std::uint64_t expected_accesses, std::uint64_t expected_values)
    : config_(config),
      initial_block_size_(initial_block_size),
      initial_lsz_(log2_exact(initial_block_size)),
      memory_size_(config.memory_size()) {
    for (const auto& cell : initial.cells()) page(mem_.space(cell.address_space), cell.pointer).cells[cell.pointer & PAGE_MASK].value = cell.value;
    // A caller that knows the program (run) passes its size; otherwise access_capacity is only a
    // hint (R2) and a modest reservation keeps short-lived engines cheap. Arenas grow anyway.
    const std::uint64_t n = expected_accesses ? std::min(expected_accesses, RESERVE_CAP)
                                              : std::min<std::uint64_t>(config.access_capacity, 1u << 16);
    records_.reserve(static_cast<std::size_t>(n));
    record_values_.reserve(static_cast<std::size_t>(std::min(expected_values ? expected_values : 2 * n, 8 * RESERVE_CAP)));
}

// A fresh page holds the initial partition (R14): aligned blocks of initial_block_size at
// timestamp 0, none materialised. Pages start at multiples of 4096, which initial_block_size
// (<= 32) divides, so no initial block crosses a page.
OfflineMemory::Page& OfflineMemory::page(Space& sp, std::uint32_t p) {
    return sp.get(p >> PAGE_BITS, [this](Page& pg, std::uint32_t) {
        const std::uint32_t mask = initial_block_size_ - 1;
        for (std::uint32_t i = 0; i < PAGE_CELLS; ++i)
            pg.cells[i] = Cell{BabyBear{}, 0, static_cast<std::uint8_t>(i & mask), static_cast<std::uint8_t>(initial_lsz_), 0, 0};
    });
}

// Walks [start, start+n) as runs within one page, calling f(page, index in page, i): a block
// that does not start at a multiple of its size (only without strict_alignment) may cross a page.
template <class F>
void OfflineMemory::for_cells(Space& sp, std::uint32_t start, std::uint32_t n, F&& f) {
    for (std::uint32_t i = 0; i < n;) {
        const std::uint32_t p = start + i;
        Page& pg = page(sp, p);
        const std::uint32_t idx = p & PAGE_MASK;
        const std::uint32_t m = std::min<std::uint32_t>(n - i, PAGE_CELLS - idx);
        for (std::uint32_t k = 0; k < m; ++k) f(pg, idx + k, i + k);
        i += m;
    }
}

// Makes [start, start + 2^lsz) one block at `ts`. Every block written here is materialised (R22).
void OfflineMemory::set_block(Space& sp, std::uint32_t start, std::uint32_t lsz, std::uint32_t ts) {
    const std::uint32_t n = 1u << lsz;
    Page& first = page(sp, start);
    const std::uint32_t s0 = start & PAGE_MASK;
    if (s0 + n <= PAGE_CELLS) {
        for (std::uint32_t i = 0; i < n; ++i) first.cells[s0 + i].off = static_cast<std::uint8_t>(i);
        first.mark_touched(s0, n);
    } else {
        for_cells(sp, start, n, [](Page& pg, std::uint32_t c, std::uint32_t i) {
            pg.cells[c].off = static_cast<std::uint8_t>(i);
            pg.mark_touched(c, 1);
        });
    }
    first.cells[start & PAGE_MASK].lsz = static_cast<std::uint8_t>(lsz);
    first.cells[start & PAGE_MASK].ts = ts;
}

void OfflineMemory::copy_values(Space& sp, std::uint32_t start, std::uint32_t n, BabyBear* out) {
    if ((start & PAGE_MASK) + n <= PAGE_CELLS) {
        const Cell* cells = page(sp, start).cells + (start & PAGE_MASK);
        for (std::uint32_t i = 0; i < n; ++i) out[i] = cells[i].value;
        return;
    }
    for_cells(sp, start, n, [out](Page& pg, std::uint32_t c, std::uint32_t i) { out[i] = pg.cells[c].value; });
}

void OfflineMemory::emit(AccessAdapterInventory& adapters, Space& sp, AdapterKind kind, std::uint32_t as,
                         std::uint32_t start, std::uint32_t lsz, std::uint32_t lts, std::uint32_t rts) {
    copy_values(sp, start, 1u << lsz, adapters.add(kind, lsz, as, start, lts, rts));
}

// R18: if `query` is inside a block, split that block in halves, one Split record per level
// (values at the time of the split, both timestamps the parent's), descending toward `query`
// until it starts a block. The end of the address space is always a boundary.
void OfflineMemory::split_to_make_boundary(Space& sp, std::uint32_t as, std::uint32_t query, AccessAdapterInventory& adapters) {
    if (query == memory_size_) return;
    const std::uint32_t off = page(sp, query).cells[query & PAGE_MASK].off;
    if (off == 0) return;
    std::uint32_t start = query - off;
    const Page& first = page(sp, start);
    std::uint32_t lsz = first.cells[start & PAGE_MASK].lsz;
    const std::uint32_t ts = first.cells[start & PAGE_MASK].ts;
    for (;;) {
        emit(adapters, sp, AdapterKind::Split, as, start, lsz, ts, ts);
        --lsz;
        const std::uint32_t right = start + (1u << lsz);
        if (query == right) {
            set_block(sp, start, lsz, ts);
            set_block(sp, right, lsz, ts);
            return;
        }
        // Only the half away from `query` is final at this level; the other is split again
        // below, and its pieces cover it entirely (same partition, half the writes).
        if (query > right) {
            set_block(sp, start, lsz, ts);
            start = right;
        } else {
            set_block(sp, right, lsz, ts);
        }
    }
}

// R19: the block at `ptr` and its equal-sized right neighbour become one block with the later
// timestamp; the record keeps both halves' timestamps.
void OfflineMemory::merge_block_with_next(Space& sp, std::uint32_t as, std::uint32_t ptr, AccessAdapterInventory& adapters) {
    const Page& lp = page(sp, ptr);
    const std::uint32_t lsz = lp.cells[ptr & PAGE_MASK].lsz;
    const std::uint32_t lts = lp.cells[ptr & PAGE_MASK].ts;
    const std::uint32_t rptr = ptr + (1u << lsz);
    const std::uint32_t rts = page(sp, rptr).cells[rptr & PAGE_MASK].ts;
    set_block(sp, ptr, lsz + 1, std::max(lts, rts));
    emit(adapters, sp, AdapterKind::Merge, as, ptr, lsz + 1, lts, rts);
}

// R17: boundaries at both ends, then, unless [ptr, ptr+size) is already one block, the two
// halves recursively and a merge. The recursion (depth <= 5) mirrors the rule so that records
// come out in R20's order.
void OfflineMemory::access(Space& sp, std::uint32_t as, std::uint32_t ptr, std::uint32_t size, AccessAdapterInventory& adapters) {
    {
        // Already one block: both boundaries exist, so the rule below would do nothing.
        const Page& pg = page(sp, ptr);
        const std::uint32_t idx = ptr & PAGE_MASK;
        if (pg.cells[idx].off == 0 && (1u << pg.cells[idx].lsz) == size) return;
    }
    split_to_make_boundary(sp, as, ptr, adapters);
    split_to_make_boundary(sp, as, ptr + size, adapters);
    const Page& pg = page(sp, ptr);
    const std::uint32_t idx = ptr & PAGE_MASK;
    if (pg.cells[idx].off == 0 && (1u << pg.cells[idx].lsz) == size) return;
    const std::uint32_t half = size / 2;
    access(sp, as, ptr, half, adapters);
    access(sp, as, ptr + half, half, adapters);
    merge_block_with_next(sp, as, ptr, adapters);
}

// R16: the block [ptr, ptr+size) is now materialised (R22) and takes the clock as timestamp.
std::uint32_t OfflineMemory::access_updating_timestamp(Space& sp, std::uint32_t as, std::uint32_t ptr, std::uint32_t size,
                                                       AccessAdapterInventory& adapters) {
    access(sp, as, ptr, size, adapters);
    Page& pg = page(sp, ptr);
    const std::uint32_t idx = ptr & PAGE_MASK;
    // A block is materialised as a whole, so its first cell tells for all of it.
    if (!pg.is_touched(idx)) for_cells(sp, ptr, size, [](Page& p, std::uint32_t c, std::uint32_t) { p.mark_touched(c, 1); });
    const std::uint32_t prev = pg.cells[idx].ts;
    pg.cells[idx].ts = timestamp_;
    return prev;
}

Status OfflineMemory::read(std::uint64_t as, std::uint64_t ptr, std::uint64_t len, AccessAdapterInventory& adapters) {
    if (auto st = check_read(config_, as, ptr, len, timestamp_); !st) return st;
    const auto as32 = static_cast<std::uint32_t>(as);
    const auto ptr32 = static_cast<std::uint32_t>(ptr);
    if (as == 0) {
        // R21: an immediate: no block, no adapter, prev_timestamp 0, data [ptr].
        records_.push_back({0, ptr32, timestamp_, 0, 1, false});
        record_values_.push_back(BabyBear::from_canonical(ptr32));
    } else {
        const auto len32 = static_cast<std::uint32_t>(len);
        Space& sp = mem_.space(as32);
        const std::uint32_t prev = access_updating_timestamp(sp, as32, ptr32, len32, adapters);
        records_.push_back({as32, ptr32, timestamp_, prev, static_cast<std::uint8_t>(len32), false});
        copy_values(sp, ptr32, len32, record_values_.grow(len32));
    }
    timestamp_ += 1;  // R9
    return {};
}

void OfflineMemory::write_unchecked(std::uint32_t as, std::uint32_t ptr, std::uint32_t len, const BabyBear* data,
                                    const std::uint64_t* raw, AccessAdapterInventory& adapters) {
    Space& sp = mem_.space(as);
    const std::uint32_t prev = access_updating_timestamp(sp, as, ptr, len, adapters);
    records_.push_back({as, ptr, timestamp_, prev, static_cast<std::uint8_t>(len), true});
    BabyBear* out = record_values_.grow(2 * std::size_t{len});
    // R16: prev_data are the values after this access's splits and merges, just before the write.
    copy_values(sp, ptr, len, out + len);
    if (data) {
        std::memcpy(out, data, len * sizeof(BabyBear));
    } else {
        for (std::uint32_t i = 0; i < len; ++i) out[i] = BabyBear::from_canonical(static_cast<std::uint32_t>(raw[i]));
    }
    if ((ptr & PAGE_MASK) + len <= PAGE_CELLS) {
        Cell* cells = page(sp, ptr).cells + (ptr & PAGE_MASK);
        for (std::uint32_t i = 0; i < len; ++i) cells[i].value = out[i];
    } else {
        for_cells(sp, ptr, len, [out](Page& pg, std::uint32_t c, std::uint32_t i) { pg.cells[c].value = out[i]; });
    }
    timestamp_ += 1;  // R9
}

Status OfflineMemory::write(std::uint64_t as, std::uint64_t ptr, std::span<const BabyBear> data, AccessAdapterInventory& adapters) {
    if (auto st = check_write(config_, as, ptr, data, timestamp_); !st) return st;
    write_unchecked(static_cast<std::uint32_t>(as), static_cast<std::uint32_t>(ptr), static_cast<std::uint32_t>(data.size()),
                    data.data(), nullptr, adapters);
    return {};
}

Status OfflineMemory::write(std::uint64_t as, std::uint64_t ptr, std::span<const std::uint64_t> raw, AccessAdapterInventory& adapters) {
    if (auto st = check_write(config_, as, ptr, raw, timestamp_); !st) return st;
    write_unchecked(static_cast<std::uint32_t>(as), static_cast<std::uint32_t>(ptr), static_cast<std::uint32_t>(raw.size()),
                    nullptr, raw.data(), adapters);
    return {};
}

Status OfflineMemory::increment_timestamp_by(std::uint64_t k) {
    if (auto st = check_tick(config_, k, timestamp_); !st) return st;
    timestamp_ += static_cast<std::uint32_t>(k);
    return {};
}

void OfflineMemory::finalize_space(std::uint32_t as, Space& sp, std::uint32_t chunk, AccessAdapterInventory& adapters,
                                   FlatEquipartition& out) {
    sp.for_each_page([&](std::uint32_t page_index, Page& pg) {
        for (std::uint32_t c = 0; c < PAGE_CELLS; c += chunk) {
            bool any = false;
            for (std::uint32_t k = 0; k < chunk; ++k) any |= pg.cells[c + k].touched != 0;
            if (!any) continue;
            const std::uint32_t ptr = (page_index << PAGE_BITS) | c;
            if (pg.cells[c].off != 0 || (1u << pg.cells[c].lsz) != chunk) access(sp, as, ptr, chunk, adapters);
            out.rows.push_back({as, ptr, pg.cells[c].ts});
            BabyBear* v = out.values.grow(chunk);
            for (std::uint32_t k = 0; k < chunk; ++k) v[k] = pg.cells[c + k].value;
        }
    });
}

Result<FlatEquipartition> OfflineMemory::finalize_flat(std::uint64_t chunk64, AccessAdapterInventory& adapters) {
    if (auto st = check_finalize_chunk(config_, chunk64); !st) return st.error();
    const auto chunk = static_cast<std::uint32_t>(chunk64);
    FlatEquipartition out;
    out.chunk = chunk;
    // R22: a chunk is touched iff one of its cells belongs to a materialised block; walking
    // spaces and pages in order visits them in R23's ascending (address space, pointer) order.
    // chunk <= 32 divides the page size. One pass suffices, although the oracle fixes the list
    // before accessing any chunk: accessing a touched chunk only splits blocks that straddle
    // its ends, and such a block is materialised already (an initial block straddling a chunk
    // end would cover the whole chunk, which could then not be touched), so no chunk becomes
    // touched on the way; and a chunk already made one block is never changed again (later
    // accesses only split blocks straddling their own ends), so reading it right away is exact.
    // Address spaces never share a block, a page or a record, so each is finalized on its own
    // (on its own thread when there are several) into its own inventory and rows; appending them
    // in address-space order gives exactly the sequential result.
    std::vector<std::pair<std::uint32_t, Space*>> spaces;
    std::size_t pages = 0;
    mem_.for_each_space([&](std::uint32_t as, Space& sp) {
        spaces.push_back({as, &sp});
        pages += sp.page_count();
    });
    std::vector<AccessAdapterInventory> space_adapters(spaces.size());
    std::vector<FlatEquipartition> parts(spaces.size());
    std::vector<std::function<void()>> tasks;
    for (std::size_t i = 0; i < spaces.size(); ++i)
        tasks.push_back([&, i] { finalize_space(spaces[i].first, *spaces[i].second, chunk, space_adapters[i], parts[i]); });
    run_tasks(tasks, spaces.size() < 2 ? 0 : pages * PAGE_CELLS * PARALLEL_FINALIZE_SCALE);
    for (std::size_t i = 0; i < spaces.size(); ++i) {
        for (std::size_t k = 0; k < space_adapters[i].rows.size(); ++k) adapters.rows.push_back(space_adapters[i].rows[k]);
        if (const std::size_t n = space_adapters[i].values.size())
            std::memcpy(adapters.values.grow(n), space_adapters[i].values.data(), n * sizeof(BabyBear));
        for (std::size_t k = 0; k < parts[i].rows.size(); ++k) out.rows.push_back(parts[i].rows[k]);
        if (const std::size_t n = parts[i].values.size()) std::memcpy(out.values.grow(n), parts[i].values.data(), n * sizeof(BabyBear));
    }
    return out;  // R25: the clock is unchanged
}

Result<TimestampedEquipartition> OfflineMemory::finalize(std::uint64_t chunk, AccessAdapterInventory& adapters) {
    auto flat = finalize_flat(chunk, adapters);
    if (!flat) return flat.error();
    return flat->to_spec();
}

BabyBear OfflineMemory::get(std::uint32_t as, std::uint32_t ptr) const {
    const Space* sp = mem_.find_space(as);
    const Page* pg = sp ? sp->find(ptr >> PAGE_BITS) : nullptr;
    return pg ? pg->cells[ptr & PAGE_MASK].value : BabyBear{};
}

OfflineMemory::Block OfflineMemory::block_containing(std::uint32_t as, std::uint32_t ptr) const {
    const Space* sp = mem_.find_space(as);
    const Page* pg = sp ? sp->find(ptr >> PAGE_BITS) : nullptr;
    if (!pg) return Block{ptr - ptr % initial_block_size_, initial_block_size_, 0};
    const std::uint32_t start = ptr - pg->cells[ptr & PAGE_MASK].off;
    const Page* fp = sp->find(start >> PAGE_BITS);  // exists: a block's cells were all written
    return Block{start, 1u << fp->cells[start & PAGE_MASK].lsz, fp->cells[start & PAGE_MASK].ts};
}

std::vector<AccessRecord> OfflineMemory::records() const {
    std::vector<AccessRecord> out;
    out.reserve(records_.size());
    const BabyBear* d = record_values_.data();
    for (const RecordRow& r : records_) {
        AccessRecord rec{r.is_write ? AccessKind::Write : AccessKind::Read, r.address_space, r.pointer, r.timestamp,
                         r.prev_timestamp, std::vector<BabyBear>(d, d + r.len), {}};
        d += r.len;
        if (r.is_write) {
            rec.prev_data.assign(d, d + r.len);
            d += r.len;
        }
        out.push_back(std::move(rec));
    }
    return out;
}

std::uint64_t OfflineMemory::touched_cells() const {
    std::uint64_t n = 0;
    mem_.for_each_space([&](std::uint32_t, const Space& sp) {
        sp.for_each_page([&](std::uint32_t, const Page& pg) {
            for (const Cell& c : pg.cells) n += c.touched;
        });
    });
    return n;
}

std::size_t OfflineMemory::bytes() const {
    return mem_.bytes() + records_.capacity() * sizeof(RecordRow) + record_values_.capacity() * sizeof(BabyBear);
}

}  // namespace memspec::impl
