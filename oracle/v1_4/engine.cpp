#include "oracle/v1_4/engine.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "spec/vocabulary/profiles/openvm_v1_4.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::oracle::v1_4 {

namespace {

using Address = std::pair<std::uint32_t, std::uint32_t>;  // (address space, pointer)

// R262: a block of the partition: its size and the timestamp of its last access.
struct Block {
    std::uint32_t size;
    std::uint32_t timestamp;
};

// R269: one adapter record as OpenVM's arena holds it, before it becomes rows: a split of a block of
// `size` cells into pieces of `lowest` cells at one timestamp, or a merge of pieces of `lowest`
// cells, each with its own timestamp, into a block of `size` cells.
struct ArenaRecord {
    AdapterKind kind;
    std::uint32_t address_space;
    std::uint32_t pointer;
    std::uint32_t size;
    std::uint32_t lowest;
    std::vector<BabyBear> data;             // the block's `size` values
    std::vector<std::uint32_t> timestamps;  // split: one; merge: one per piece
};

class TracingMemoryOracle final : public Engine {
public:
    explicit TracingMemoryOracle(const Setup& setup) : setup_(setup) {
        for (const MemoryImage::Cell& c : setup.initial_memory.cells()) cells_[{c.address_space, c.pointer}] = c.value;
    }

    Status step(const Op& op, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        switch (op.kind) {
            case OpKind::Read: {
                if (auto st = memspec::v1_4::check_read(setup_.config, op.address_space, op.pointer, op.len, clock_); !st) return st;
                const auto as = static_cast<std::uint32_t>(op.address_space);
                const auto ptr = static_cast<std::uint32_t>(op.pointer);
                const auto len = static_cast<std::uint32_t>(op.len);
                const std::vector<BabyBear> values = values_of(as, ptr, len);
                const std::uint32_t prev = prev_access_time(as, ptr, len, values, sink);
                const std::uint32_t at = clock_;
                clock_ += 1;  // R264
                sink.access({AccessKind::Read, as, ptr, at, prev, values, {}});
                return {};
            }
            case OpKind::Write: {
                if (auto st = memspec::v1_4::check_write(setup_.config, op.address_space, op.pointer, op.data, clock_); !st) return st;
                const auto as = static_cast<std::uint32_t>(op.address_space);
                const auto ptr = static_cast<std::uint32_t>(op.pointer);
                const auto len = static_cast<std::uint32_t>(op.data.size());
                const std::vector<BabyBear> prev_values = values_of(as, ptr, len);
                const std::uint32_t prev = prev_access_time(as, ptr, len, prev_values, sink);
                std::vector<BabyBear> values;
                for (std::uint32_t i = 0; i < len; ++i) {
                    values.push_back(BabyBear::from_canonical(static_cast<std::uint32_t>(op.data[i])));
                    cells_[{as, ptr + i}] = values.back();
                }
                const std::uint32_t at = clock_;
                clock_ += 1;  // R264
                sink.access({AccessKind::Write, as, ptr, at, prev, values, prev_values});
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

    // R270: every touched block in (address space, pointer) order, brought to the chunk.
    Status finalize(std::uint64_t chunk_arg, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        if (auto st = check_setup_finalize(setup_.profile, setup_.config, chunk_arg, setup_.initial_memory.empty()); !st) return st;
        finalized_ = true;
        const auto chunk = static_cast<std::uint32_t>(chunk_arg);
        std::vector<FinalBlock> finals;
        // The chunk being assembled from pieces of the minimum block size (min <= chunk).
        Address start{0, 0};
        std::vector<BabyBear> values;
        std::vector<std::uint32_t> piece_timestamps;
        for (const auto& [addr, block] : blocks_) {
            const auto [as, ptr] = addr;
            const std::uint32_t min = min_block(as);
            const std::vector<BabyBear> block_values = values_of(as, ptr, block.size);
            if (block.size > min) emit(split(as, ptr, block.size, min, block.timestamp), sink);
            if (min > chunk) {
                // Each minimum piece is split again down to the chunk, and every chunk is final.
                for (std::uint32_t i = 0; i < block.size; i += min) emit(split(as, ptr + i, min, chunk, block.timestamp), sink);
                for (std::uint32_t i = 0; i < block.size; i += chunk)
                    finals.push_back({as, ptr + i, block.timestamp, values_of(as, ptr + i, chunk)});
                continue;
            }
            for (std::uint32_t i = 0; i < block.size; ++i) {
                if (values.empty()) start = Address{as, ptr + i};
                if (values.size() % min == 0) piece_timestamps.push_back(block.timestamp);
                values.push_back(block_values[i]);
                if (values.size() == chunk) {
                    const std::uint32_t ts = *std::max_element(piece_timestamps.begin(), piece_timestamps.end());
                    if (chunk > min) emit(ArenaRecord{AdapterKind::Merge, start.first, start.second, chunk, min, values, piece_timestamps}, sink);
                    finals.push_back({start.first, start.second, ts, values});
                    values.clear();
                    piece_timestamps.clear();
                }
            }
        }
        for (const FinalBlock& b : finals) sink.final_block(view(b));
        return {};
    }

    std::uint32_t timestamp() const override { return clock_; }
    std::uint64_t touched_cells() const override {
        std::uint64_t n = 0;
        for (const auto& [addr, block] : blocks_) n += block.size;
        return n;
    }

private:
    std::uint32_t min_block(std::uint32_t as) const {
        return memspec::v1_4::address_space(as, setup_.config.legacy_v1_3_mem_align).min_block_size;
    }

    BabyBear cell(std::uint32_t as, std::uint32_t ptr) const {
        const auto it = cells_.find({as, ptr});
        return it == cells_.end() ? BabyBear{} : it->second;
    }

    std::vector<BabyBear> values_of(std::uint32_t as, std::uint32_t ptr, std::uint32_t len) const {
        std::vector<BabyBear> v;
        for (std::uint32_t i = 0; i < len; ++i) v.push_back(cell(as, ptr + i));
        return v;
    }

    // The block that holds cell (as, ptr), if any cell of it was touched.
    std::optional<std::pair<std::uint32_t, Block>> block_holding(std::uint32_t as, std::uint32_t ptr) const {
        auto it = blocks_.upper_bound({as, ptr});
        if (it == blocks_.begin()) return std::nullopt;
        --it;
        if (it->first.first != as || it->first.second + it->second.size <= ptr) return std::nullopt;
        return std::pair{it->first.second, it->second};
    }

    // R266: a block becomes pieces of `lowest` cells at its timestamp; the record holds its values.
    ArenaRecord split(std::uint32_t as, std::uint32_t ptr, std::uint32_t size, std::uint32_t lowest, std::uint32_t ts) const {
        return ArenaRecord{AdapterKind::Split, as, ptr, size, lowest, values_of(as, ptr, size), {ts}};
    }

    void split_in_partition(std::uint32_t as, std::uint32_t ptr, std::uint32_t size, std::uint32_t ts, RecordSink& sink) {
        const std::uint32_t min = min_block(as);
        if (size == min) return;  // split_by_meta does nothing then (memory/online.rs:681)
        for (std::uint32_t i = 0; i < size; i += min) blocks_[{as, ptr + i}] = Block{min, ts};
        emit(split(as, ptr, size, min, ts), sink);
    }

    // R267: a never-touched minimum piece: cut out of its initial block at timestamp 0, or, when
    // the initial block is smaller than the piece (volatile memory), merged from initial cells of
    // value 0 at timestamp 0 — a merge that leaves the piece untouched in the partition.
    void initialize_piece(std::uint32_t as, std::uint32_t ptr, RecordSink& sink) {
        const std::uint32_t min = min_block(as);
        const std::uint32_t initial = setup_.initial_block_size;
        if (initial >= min) {
            split_in_partition(as, ptr - ptr % initial, initial, 0, sink);
        } else if (min > initial) {
            emit(ArenaRecord{AdapterKind::Merge, as, ptr, min, initial, std::vector<BabyBear>(min), std::vector<std::uint32_t>(min / initial, 0)},
                 sink);
        }
    }

    // R265-R268: the timestamp the access [ptr, ptr + len) of address space `as` returns, and the
    // adapter records that make it one block; afterwards it is one block at the current clock.
    std::uint32_t prev_access_time(std::uint32_t as, std::uint32_t ptr, std::uint32_t len, const std::vector<BabyBear>& values, RecordSink& sink) {
        const std::uint32_t min = min_block(as);
        std::uint32_t prev = 0;
        const auto held = block_holding(as, ptr);
        if (held && held->first == ptr && held->second.size == len) {
            prev = held->second.timestamp;  // R265: exactly one existing block: no records
        } else {
            // R266: every touched block overlapping the access and larger than the minimum, in order.
            std::vector<std::pair<std::uint32_t, Block>> to_split;
            for (std::uint32_t p = ptr; p < ptr + len;) {
                const auto b = block_holding(as, p);
                if (!b) {
                    p += min;
                    continue;
                }
                if (b->second.size > min) to_split.push_back(*b);
                p = b->first + b->second.size;
            }
            for (const auto& [start, block] : to_split) split_in_partition(as, start, block.size, block.timestamp, sink);
            // R267, R268: each minimum piece's timestamp, initializing the untouched ones.
            std::vector<std::uint32_t> piece_timestamps;
            for (std::uint32_t p = ptr; p < ptr + len; p += min) {
                auto b = block_holding(as, p);
                if (!b) {
                    initialize_piece(as, p, sink);
                    piece_timestamps.push_back(0);
                } else {
                    piece_timestamps.push_back(b->second.timestamp);
                }
            }
            prev = *std::max_element(piece_timestamps.begin(), piece_timestamps.end());
            if (len > min) emit(ArenaRecord{AdapterKind::Merge, as, ptr, len, min, values, piece_timestamps}, sink);
        }
        // set_meta_block: the access is one block at the current clock (memory/online.rs:798).
        for (auto it = blocks_.lower_bound({as, ptr}); it != blocks_.end() && it->first.first == as && it->first.second < ptr + len;)
            it = blocks_.erase(it);
        blocks_[{as, ptr}] = Block{len, clock_};
        return prev;
    }

    // R269: an arena record becomes AccessAdapterAir rows, level by level from the smallest
    // (n = 2 * lowest) up to n = size, and within a level from the lowest pointer; a merge row's
    // halves carry the latest timestamp of the pieces they cover.
    static void emit(const ArenaRecord& r, RecordSink& sink) {
        for (std::uint32_t n = 2 * r.lowest; n <= r.size; n *= 2) {
            for (std::uint32_t j = 0; j < r.size / n; ++j) {
                std::uint32_t left = r.timestamps[0], right = r.timestamps[0];
                if (r.kind == AdapterKind::Merge) {
                    const std::uint32_t per_half = n / 2 / r.lowest;
                    const auto first = r.timestamps.begin() + j * 2 * per_half;
                    left = *std::max_element(first, first + per_half);
                    right = *std::max_element(first + per_half, first + 2 * per_half);
                }
                const std::vector<BabyBear> data(r.data.begin() + j * n, r.data.begin() + (j + 1) * n);
                sink.adapter({n, r.kind, r.address_space, r.pointer + j * n, left, right, data});
            }
        }
    }

    Setup setup_;
    std::map<Address, BabyBear> cells_;
    std::map<Address, Block> blocks_;  // R262: block start -> block
    std::uint32_t clock_ = 1;          // R264: INITIAL_TIMESTAMP + 1
    bool finalized_ = false;
};

}  // namespace

std::unique_ptr<Engine> make_engine(const Setup& setup) { return std::make_unique<TracingMemoryOracle>(setup); }

}  // namespace memspec::oracle::v1_4
