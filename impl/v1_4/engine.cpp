#include "impl/v1_4/engine.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>
#include <vector>

#include "impl/paged.hpp"
#include "spec/vocabulary/profiles/openvm_v1_4.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::impl::v1_4 {

namespace {

using memspec::v1_4::MAX_BLOCK_SIZE;
// R262: the table's address spaces 1..8 (index 0 unused, as in OpenVM's table).
constexpr std::uint32_t SPACES = (1u << memspec::v1_4::AS_HEIGHT) + 1;

// One cell's metadata, kept per cell so that one page layout serves minimum blocks 1 and 4: at a
// block's first cell its size and timestamp, at its other cells the distance back to the first.
// Size 0 at distance 0: never touched.
struct Meta {
    std::uint32_t timestamp;
    std::uint8_t size;
    std::uint8_t back;
};

struct Page {
    std::array<BabyBear, PAGE_CELLS> values;
    std::array<Meta, PAGE_CELLS> meta;
};

class TracingMemoryImpl final : public Engine {
public:
    explicit TracingMemoryImpl(const Setup& setup) : setup_(setup), image_(setup.initial_memory.cells()) {
        for (std::uint32_t as = 1; as < SPACES; ++as)
            min_[as] = memspec::v1_4::address_space(as, setup.config.legacy_v1_3_mem_align).min_block_size;
    }

    Status step(const Op& op, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        switch (op.kind) {
            case OpKind::Read: {
                if (auto st = memspec::v1_4::check_read(setup_.config, op.address_space, op.pointer, op.len, clock_); !st) return st;
                const auto as = static_cast<std::uint32_t>(op.address_space);
                const auto ptr = static_cast<std::uint32_t>(op.pointer);
                const auto len = static_cast<std::uint32_t>(op.len);
                load(as, ptr, len, cur_.data());
                const std::uint32_t prev = prev_access_time(as, ptr, len, sink);
                sink.access({AccessKind::Read, as, ptr, clock_, prev, std::span<const BabyBear>(cur_.data(), len), {}});
                ++clock_;
                return {};
            }
            case OpKind::Write: {
                if (auto st = memspec::v1_4::check_write(setup_.config, op.address_space, op.pointer, op.data, clock_); !st) return st;
                const auto as = static_cast<std::uint32_t>(op.address_space);
                const auto ptr = static_cast<std::uint32_t>(op.pointer);
                const auto len = static_cast<std::uint32_t>(op.data.size());
                load(as, ptr, len, cur_.data());
                const std::uint32_t prev = prev_access_time(as, ptr, len, sink);
                for (std::uint32_t i = 0; i < len; ++i) {
                    written_[i] = BabyBear::from_canonical(static_cast<std::uint32_t>(op.data[i]));
                    page(as, ptr + i).values[(ptr + i) & PAGE_MASK] = written_[i];
                }
                sink.access({AccessKind::Write, as, ptr, clock_, prev, std::span<const BabyBear>(written_.data(), len),
                             std::span<const BabyBear>(cur_.data(), len)});
                ++clock_;
                return {};
            }
            case OpKind::Tick: {
                if (auto st = memspec::v1_4::check_tick(setup_.config, op.by, clock_); !st) return st;
                clock_ += static_cast<std::uint32_t>(op.by);
                return {};
            }
        }
        return {};
    }

    Status finalize(std::uint64_t chunk_arg, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        if (auto st = check_setup_finalize(setup_.profile, setup_.config, chunk_arg, setup_.initial_memory.empty()); !st) return st;
        finalized_ = true;
        const auto chunk = static_cast<std::uint32_t>(chunk_arg);
        // R270: collect the touched blocks in (address space, pointer) order first: the final
        // blocks follow all of finalize's adapter records.
        struct Touched {
            std::uint32_t as, ptr, size, timestamp;
        };
        std::vector<Touched> blocks;
        for (std::uint32_t as = 1; as < SPACES; ++as)
            spaces_[as].for_each_page([&](std::uint32_t index, Page& p) {
                for (std::uint32_t i = 0; i < PAGE_CELLS; ++i)
                    if (p.meta[i].size != 0 && p.meta[i].back == 0) blocks.push_back({as, index * PAGE_CELLS + i, p.meta[i].size, p.meta[i].timestamp});
            });
        struct Final {
            std::uint32_t as, ptr, timestamp;
            std::array<BabyBear, memspec::v1_4::CHUNK> values;
        };
        std::vector<Final> finals;
        std::uint32_t count = 0, at_as = 0, at_ptr = 0, pieces = 0;
        std::array<BabyBear, memspec::v1_4::CHUNK> acc{};
        std::array<std::uint32_t, memspec::v1_4::CHUNK> acc_ts{};
        for (const Touched& b : blocks) {
            const std::uint32_t min = min_[b.as];
            load(b.as, b.ptr, b.size, cur_.data());
            if (b.size > min) emit_split(b.as, b.ptr, b.size, min, b.timestamp, cur_.data(), sink);
            if (min > chunk) {
                for (std::uint32_t i = 0; i < b.size; i += min) emit_split(b.as, b.ptr + i, min, chunk, b.timestamp, cur_.data() + i, sink);
                for (std::uint32_t i = 0; i < b.size; i += chunk) {
                    Final f{b.as, b.ptr + i, b.timestamp, {}};
                    std::copy_n(cur_.data() + i, chunk, f.values.begin());
                    finals.push_back(f);
                }
                continue;
            }
            for (std::uint32_t i = 0; i < b.size; ++i) {
                if (count == 0) at_as = b.as, at_ptr = b.ptr + i, pieces = 0;
                if (count % min == 0) acc_ts[pieces++] = b.timestamp;
                acc[count++] = cur_[i];
                if (count == chunk) {
                    if (chunk > min) emit_merge(at_as, at_ptr, chunk, min, acc.data(), acc_ts.data(), sink);
                    Final f{at_as, at_ptr, *std::max_element(acc_ts.begin(), acc_ts.begin() + pieces), {}};
                    std::copy_n(acc.begin(), chunk, f.values.begin());
                    finals.push_back(f);
                    count = 0;
                }
            }
        }
        for (const Final& f : finals) sink.final_block({f.as, f.ptr, f.timestamp, std::span<const BabyBear>(f.values.data(), chunk)});
        return {};
    }

    std::uint32_t timestamp() const override { return clock_; }
    // R197: the cells held by blocks, counted as each cell first joins one.
    std::uint64_t touched_cells() const override { return touched_; }

private:
    Page& page(std::uint32_t as, std::uint32_t ptr) {
        return spaces_[as].get(ptr >> PAGE_BITS, [&](Page& p, std::uint32_t index) {
            p.values.fill(BabyBear{});
            p.meta.fill(Meta{0, 0, 0});
            const std::uint32_t base = index * PAGE_CELLS;
            auto it = std::lower_bound(image_.begin(), image_.end(), std::pair{as, base},
                                       [](const MemoryImage::Cell& c, const std::pair<std::uint32_t, std::uint32_t>& key) {
                                           return std::pair{c.address_space, c.pointer} < key;
                                       });
            for (; it != image_.end() && it->address_space == as && it->pointer < base + PAGE_CELLS; ++it) p.values[it->pointer - base] = it->value;
        });
    }
    Meta& meta(std::uint32_t as, std::uint32_t ptr) { return page(as, ptr).meta[ptr & PAGE_MASK]; }

    void load(std::uint32_t as, std::uint32_t ptr, std::uint32_t len, BabyBear* out) {
        for (std::uint32_t i = 0; i < len; ++i) out[i] = page(as, ptr + i).values[(ptr + i) & PAGE_MASK];
    }

    // The first cell of the block holding `ptr` and its metadata (size 0: never touched).
    std::pair<std::uint32_t, Meta> block_at(std::uint32_t as, std::uint32_t ptr) {
        const Meta m = meta(as, ptr);
        if (m.back == 0) return {ptr, m};
        return {ptr - m.back, meta(as, ptr - m.back)};
    }

    // set_meta_block: [ptr, ptr + size) becomes one block at `ts`.
    void set_block(std::uint32_t as, std::uint32_t ptr, std::uint32_t size, std::uint32_t ts) {
        for (std::uint32_t i = 0; i < size; ++i) {
            Meta& m = meta(as, ptr + i);
            if (m.size == 0 && m.back == 0) ++touched_;
            m = i == 0 ? Meta{ts, static_cast<std::uint8_t>(size), 0} : Meta{0, 0, static_cast<std::uint8_t>(i)};
        }
    }

    // R266: split_by_meta — the block becomes minimum pieces at its timestamp.
    void split_block(std::uint32_t as, std::uint32_t ptr, std::uint32_t size, std::uint32_t ts, RecordSink& sink) {
        const std::uint32_t min = min_[as];
        if (size == min) return;
        std::array<BabyBear, MAX_BLOCK_SIZE> data{};
        load(as, ptr, size, data.data());
        for (std::uint32_t i = 0; i < size; i += min) set_block(as, ptr + i, min, ts);
        emit_split(as, ptr, size, min, ts, data.data(), sink);
    }

    // R265-R268.
    std::uint32_t prev_access_time(std::uint32_t as, std::uint32_t ptr, std::uint32_t len, RecordSink& sink) {
        const std::uint32_t min = min_[as];
        std::uint32_t prev = 0;
        const auto [start, m] = block_at(as, ptr);
        if (start == ptr && m.size == len) {
            prev = m.timestamp;
        } else {
            std::array<std::pair<std::uint32_t, Meta>, MAX_BLOCK_SIZE> splits{};
            std::uint32_t n_splits = 0;
            for (std::uint32_t p = ptr; p < ptr + len;) {
                const auto [s, bm] = block_at(as, p);
                if (bm.size == 0) {
                    p += min;
                    continue;
                }
                if (bm.size > min) splits[n_splits++] = {s, bm};
                p = s + bm.size;
            }
            for (std::uint32_t i = 0; i < n_splits; ++i) split_block(as, splits[i].first, splits[i].second.size, splits[i].second.timestamp, sink);
            std::array<std::uint32_t, MAX_BLOCK_SIZE> ts{};
            std::uint32_t pieces = 0;
            for (std::uint32_t p = ptr; p < ptr + len; p += min) {
                const Meta pm = meta(as, p);  // after the splits every touched piece starts at p
                if (pm.size == 0) {
                    initialize(as, p, sink);
                    ts[pieces++] = 0;
                } else {
                    ts[pieces++] = pm.timestamp;
                }
                prev = std::max(prev, ts[pieces - 1]);
            }
            if (len > min) emit_merge(as, ptr, len, min, cur_.data(), ts.data(), sink);
        }
        set_block(as, ptr, len, clock_);
        return prev;
    }

    // R267: handle_uninitialized_memory.
    void initialize(std::uint32_t as, std::uint32_t p, RecordSink& sink) {
        const std::uint32_t min = min_[as];
        const std::uint32_t initial = setup_.initial_block_size;
        if (initial >= min) {
            split_block(as, p & ~(initial - 1), initial, 0, sink);
        } else {
            static constexpr std::array<BabyBear, MAX_BLOCK_SIZE> ZEROS{};
            static constexpr std::array<std::uint32_t, MAX_BLOCK_SIZE> AT_ZERO{};
            emit_merge(as, p, min, initial, ZEROS.data(), AT_ZERO.data(), sink);
        }
    }

    // R269: one arena record's rows, smallest level first.
    static void emit_split(std::uint32_t as, std::uint32_t ptr, std::uint32_t size, std::uint32_t lowest, std::uint32_t ts, const BabyBear* data,
                           RecordSink& sink) {
        for (std::uint32_t n = 2 * lowest; n <= size; n <<= 1)
            for (std::uint32_t off = 0; off < size; off += n)
                sink.adapter({n, AdapterKind::Split, as, ptr + off, ts, ts, std::span<const BabyBear>(data + off, n)});
    }
    static void emit_merge(std::uint32_t as, std::uint32_t ptr, std::uint32_t size, std::uint32_t lowest, const BabyBear* data,
                           const std::uint32_t* ts, RecordSink& sink) {
        for (std::uint32_t n = 2 * lowest; n <= size; n <<= 1)
            for (std::uint32_t off = 0; off < size; off += n) {
                const std::uint32_t half = n / 2 / lowest, first = off / lowest;
                const std::uint32_t left = *std::max_element(ts + first, ts + first + half);
                const std::uint32_t right = *std::max_element(ts + first + half, ts + first + 2 * half);
                sink.adapter({n, AdapterKind::Merge, as, ptr + off, left, right, std::span<const BabyBear>(data + off, n)});
            }
    }

    Setup setup_;
    std::vector<MemoryImage::Cell> image_;  // sorted (MemoryImage::cells)
    std::array<PagedSpace<Page>, SPACES> spaces_;
    std::array<std::uint32_t, SPACES> min_{};
    std::array<BabyBear, MAX_BLOCK_SIZE> cur_{};      // the access's values before it
    std::array<BabyBear, MAX_BLOCK_SIZE> written_{};  // a write's values
    std::uint64_t touched_ = 0;
    std::uint32_t clock_ = 1;  // R264: INITIAL_TIMESTAMP + 1
    bool finalized_ = false;
};

}  // namespace

std::unique_ptr<Engine> make_engine(const Setup& setup) { return std::make_unique<TracingMemoryImpl>(setup); }

}  // namespace memspec::impl::v1_4
