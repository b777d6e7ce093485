#include "oracle/engine.hpp"

#include <vector>

#include "oracle/access_adapter_inventory.hpp"
#include "oracle/memory.hpp"
#include "oracle/offline_memory.hpp"
#include "oracle/run.hpp"
#include "spec/vocabulary/preconditions.hpp"

namespace memspec::oracle {

namespace {

class OracleEngine final : public Engine {
public:
    explicit OracleEngine(const Setup& setup)
        : profile_(setup.profile), config_(setup.config), image_empty_(setup.initial_memory.empty()), online_(setup.config, setup.initial_memory), offline_(setup.initial_memory, setup.initial_block_size, setup.config) {}

    Status step(const Op& op, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        if (auto st = execute_online(op); !st) return st;
        // R12: the entry just logged is replayed at once; offline memory applies the same checks
        // at the same clock, so it cannot fail where online memory succeeded.
        if (auto st = replay(online_.take_log(), offline_, adapters_); !st) return st;
        emit(sink);
        return {};
    }

    Status finalize(std::uint64_t chunk, RecordSink& sink) override {
        if (finalized_) return finalized_engine_error();
        if (auto st = check_setup_finalize(profile_, config_, chunk, image_empty_); !st) return st;
        auto final_memory = offline_.finalize(chunk, adapters_);
        if (!final_memory) return final_memory.error();
        finalized_ = true;
        emit(sink);
        for (const FinalBlock& b : final_memory->blocks) sink.final_block(view(b));
        return {};
    }

    std::uint32_t timestamp() const override { return online_.timestamp(); }
    std::uint64_t touched_cells() const override { return offline_.touched_cells(); }

private:
    // R10, R11, R9 on online memory; raw write values are checked in R27's order first.
    Status execute_online(const Op& op) {
        switch (op.kind) {
            case OpKind::Read: {
                auto values = online_.read(op.address_space, op.pointer, op.len);
                if (!values) return values.error();
                return {};
            }
            case OpKind::Write: {
                if (auto st = check_write(config_, op.address_space, op.pointer, std::span<const std::uint64_t>(op.data),
                                          online_.timestamp());
                    !st)
                    return st;
                std::vector<BabyBear> values;
                for (std::uint64_t v : op.data) values.push_back(BabyBear::from_canonical(static_cast<std::uint32_t>(v)));
                auto prev = online_.write(op.address_space, op.pointer, values);
                if (!prev) return prev.error();
                return {};
            }
            case OpKind::Tick: return online_.increment_timestamp_by(op.by);
        }
        return {};
    }

    // Adapter records first, then the access record (the order spec/vocabulary/engine.hpp fixes).
    void emit(RecordSink& sink) {
        for (const AccessAdapterRecord& a : adapters_.records) sink.adapter(view(a));
        adapters_.records.clear();
        for (const AccessRecord& r : offline_.take_records()) sink.access(view(r));
    }

    Profile profile_;
    MemoryConfig config_;
    bool image_empty_;
    Memory online_;
    OfflineMemory offline_;
    AccessAdapterInventory adapters_;
    bool finalized_ = false;
};

}  // namespace

std::unique_ptr<Engine> make_engine(const Setup& setup) { return std::make_unique<OracleEngine>(setup); }

}  // namespace memspec::oracle
