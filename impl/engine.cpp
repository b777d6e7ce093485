#include "impl/engine.hpp"

#include "impl/access_adapter_inventory.hpp"
#include "impl/offline_memory.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::impl {

namespace {

class ImplEngine final : public Engine {
public:
    explicit ImplEngine(const Setup& setup)
        : profile_(setup.profile), config_(setup.config), image_empty_(setup.initial_memory.empty()),
          // The record arenas hold one operation's records at a time: a small start suffices.
          mem_(setup.initial_memory, setup.initial_block_size, setup.config, 64, 256) {}

    Status step(const Op& op, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        Status st;
        // The online pass and the offline replay are fused: both apply the same checks at the
        // same clock, so an op that passes online passes offline (R70).
        switch (op.kind) {
            case OpKind::Read: st = mem_.read(op.address_space, op.pointer, op.len, adapters_); break;
            case OpKind::Write: st = mem_.write(op.address_space, op.pointer, std::span<const std::uint64_t>(op.data), adapters_); break;
            case OpKind::Tick: st = mem_.increment_timestamp_by(op.by); break;
        }
        if (!st) return st;
        emit_adapters(sink);
        const auto& rows = mem_.record_rows();
        if (rows.size() != 0) {
            const auto& r = rows[0];
            const BabyBear* v = mem_.record_values().data();
            sink.access({r.is_write ? AccessKind::Write : AccessKind::Read, r.address_space, r.pointer, r.timestamp, r.prev_timestamp,
                         {v, r.len}, r.is_write ? std::span<const BabyBear>(v + r.len, r.len) : std::span<const BabyBear>{}});
            mem_.clear_records();
        }
        return {};
    }

    Status finalize(std::uint64_t chunk, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        if (auto st = check_setup_finalize(profile_, config_, chunk, image_empty_); !st) return st;
        auto final_memory = mem_.finalize_flat(chunk, adapters_);
        if (!final_memory) return final_memory.error();
        finalized_ = true;
        emit_adapters(sink);
        const BabyBear* v = final_memory->values.data();
        for (const auto& row : final_memory->rows) {
            sink.final_block({row.address_space, row.pointer, row.timestamp, {v, final_memory->chunk}});
            v += final_memory->chunk;
        }
        return {};
    }

    std::uint32_t timestamp() const override { return mem_.timestamp(); }
    std::uint64_t touched_cells() const override { return mem_.touched_cells(); }

    void prefetch(const Op& op) override {
        if (op.kind == OpKind::Tick) return;
        if (const void* cell = mem_.cell_address(op.address_space, op.pointer)) __builtin_prefetch(cell, 0, 3);
    }

private:
    void emit_adapters(RecordSink& sink) {
        const BabyBear* v = adapters_.values.data();
        for (const auto& r : adapters_.rows) {
            const std::uint32_t n = 1u << r.log_n;
            sink.adapter({n, r.kind, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp, {v, n}});
            v += n;
        }
        adapters_.rows.clear();
        adapters_.values.clear();
    }

    Profile profile_;
    MemoryConfig config_;
    bool image_empty_;
    OfflineMemory mem_;
    AccessAdapterInventory adapters_;
    bool finalized_ = false;
};

}  // namespace

std::unique_ptr<Engine> make_engine(const Setup& setup) { return std::make_unique<ImplEngine>(setup); }

}  // namespace memspec::impl
