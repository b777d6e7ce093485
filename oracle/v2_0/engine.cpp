#include "oracle/v2_0/engine.hpp"

#include <array>
#include <map>
#include <utility>
#include <vector>

#include "spec/vocabulary/profiles/openvm_v2_0.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::oracle::v2_0 {

namespace {

using memspec::v2_0::BLOCK_SIZE;
using Address = std::pair<std::uint32_t, std::uint32_t>;  // (address space, pointer)

class TracingMemoryOracle final : public Engine {
public:
    explicit TracingMemoryOracle(const Setup& setup) : setup_(setup) {
        // R214: the initial image; every other cell of the table is 0.
        for (const MemoryImage::Cell& c : setup.initial_memory.cells()) cells_[{c.address_space, c.pointer}] = c.value;
    }

    Status step(const Op& op, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        switch (op.kind) {
            case OpKind::Read: return read(op, sink);
            case OpKind::Write: return write(op, sink);
            case OpKind::Tick: return tick(op);
        }
        return {};
    }

    Status finalize(std::uint64_t chunk, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        if (auto st = check_setup_finalize(setup_.profile, setup_.config, chunk, setup_.initial_memory.empty()); !st) return st;
        finalized_ = true;
        // R219: the touched blocks, in (address space, pointer) order — the map's own order.
        for (const auto& [block, timestamp] : last_access_) {
            const auto values = block_values(block.first, block.second * BLOCK_SIZE);
            sink.final_block({block.first, block.second * BLOCK_SIZE, timestamp, values});
        }
        return {};
    }

    std::uint32_t timestamp() const override { return clock_; }
    // R197: the cells of the blocks accessed so far, one entry each in last_access_ (R219).
    std::uint64_t touched_cells() const override { return last_access_.size() * BLOCK_SIZE; }

private:
    // R214: a cell never written holds its initial value, or 0.
    BabyBear cell(std::uint32_t as, std::uint32_t ptr) const {
        const auto it = cells_.find({as, ptr});
        return it == cells_.end() ? BabyBear{} : it->second;
    }

    std::array<BabyBear, BLOCK_SIZE> block_values(std::uint32_t as, std::uint32_t ptr) const {
        std::array<BabyBear, BLOCK_SIZE> v{};
        for (std::uint32_t i = 0; i < BLOCK_SIZE; ++i) v[i] = cell(as, ptr + i);
        return v;
    }

    // R216: the block's last-access timestamp (0: never accessed), replaced by the current clock.
    std::uint32_t swap_last_access(std::uint32_t as, std::uint32_t ptr) {
        std::uint32_t& slot = last_access_[{as, ptr / BLOCK_SIZE}];  // inserted as 0 when new
        const std::uint32_t prev = slot;
        slot = clock_;
        return prev;
    }

    // R215: one access takes one tick of the clock.
    void advance_clock(std::uint32_t by) { clock_ += by; }

    // R216: a read returns the block's values and its previous timestamp.
    Status read(const Op& op, RecordSink& sink) {
        if (auto st = memspec::v2_0::check_read(setup_.config, op.address_space, op.pointer, op.len, clock_); !st) return st;
        const auto as = static_cast<std::uint32_t>(op.address_space);
        const auto ptr = static_cast<std::uint32_t>(op.pointer);
        const auto values = block_values(as, ptr);
        const std::uint32_t at = clock_;
        const std::uint32_t prev = swap_last_access(as, ptr);
        advance_clock(1);
        sink.access({AccessKind::Read, as, ptr, at, prev, values, {}});
        return {};
    }

    // R216: a write returns the block's previous values and previous timestamp, then stores.
    Status write(const Op& op, RecordSink& sink) {
        if (auto st = memspec::v2_0::check_write(setup_.config, op.address_space, op.pointer, op.data, clock_); !st) return st;
        const auto as = static_cast<std::uint32_t>(op.address_space);
        const auto ptr = static_cast<std::uint32_t>(op.pointer);
        const auto prev_values = block_values(as, ptr);
        std::array<BabyBear, BLOCK_SIZE> values{};
        for (std::uint32_t i = 0; i < BLOCK_SIZE; ++i) values[i] = BabyBear::from_canonical(static_cast<std::uint32_t>(op.data[i]));
        const std::uint32_t at = clock_;
        const std::uint32_t prev = swap_last_access(as, ptr);
        for (std::uint32_t i = 0; i < BLOCK_SIZE; ++i) cells_[{as, ptr + i}] = values[i];
        advance_clock(1);
        sink.access({AccessKind::Write, as, ptr, at, prev, values, prev_values});
        return {};
    }

    // R218: a tick (an immediate, a phantom instruction) only advances the clock.
    Status tick(const Op& op) {
        if (auto st = memspec::v2_0::check_tick(setup_.config, op.by, clock_); !st) return st;
        advance_clock(static_cast<std::uint32_t>(op.by));
        return {};
    }

    Setup setup_;
    std::map<Address, BabyBear> cells_;
    std::map<Address, std::uint32_t> last_access_;  // (address space, pointer / 4) -> timestamp
    std::uint32_t clock_ = 1;                        // R215: INITIAL_TIMESTAMP + 1
    bool finalized_ = false;
};

}  // namespace

std::unique_ptr<Engine> make_engine(const Setup& setup) { return std::make_unique<TracingMemoryOracle>(setup); }

}  // namespace memspec::oracle::v2_0
