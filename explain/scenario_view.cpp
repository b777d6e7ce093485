#include "explain/scenario_view.hpp"

#include <nlohmann/json.hpp>

#include "engines/engines.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/profile.hpp"

namespace memspec::explain {
namespace {

nlohmann::json values(std::span<const BabyBear> v) {
    nlohmann::json a = nlohmann::json::array();
    for (const BabyBear& x : v) a.push_back(x.v);
    return a;
}

// Keeps every record compactly, each adapter record attached to the access (or finalize) it
// belongs to: a step emits its adapter records, then its access record (R37's sink order).
class ViewSink final : public RecordSink {
public:
    nlohmann::json accesses = nlohmann::json::array();
    nlohmann::json adapters = nlohmann::json::array();
    nlohmann::json blocks = nlohmann::json::array();
    std::size_t pending_from = 0;  // first adapter record not yet attached to an access

    void access(const AccessRecordView& r) override {
        const std::size_t count = adapters.size() - pending_from;
        accesses.push_back({r.op == AccessKind::Write ? 1 : 0, r.address_space, r.pointer, r.timestamp,
                            r.prev_timestamp, values(r.data), values(r.prev_data), pending_from, count});
        pending_from = adapters.size();
    }
    void adapter(const AdapterRecordView& r) override {
        adapters.push_back({r.kind == AdapterKind::Merge ? 1 : 0, r.n, r.address_space, r.pointer, r.left_timestamp,
                            r.right_timestamp, values(r.data)});
    }
    void final_block(const FinalBlockView& b) override {
        blocks.push_back({b.address_space, b.pointer, b.timestamp, values(b.values)});
    }
};

}  // namespace

Result<nlohmann::json> scenario_view(const Scenario& scenario) {
    ViewSink sink;
    auto end = run_scenario(EngineFactory(engines::make_impl), scenario, sink);
    nlohmann::json j{{"kind", "scenario"},
                     {"profile", std::string(profile_name(scenario.profile))},
                     {"config", nlohmann::json::parse(to_json(scenario.config))}};
    if (!end) {
        // R28: a setup that is not valid draws nothing; an op that fails is drawn as where the run stopped.
        if (!end.error().op_index) return end.error();
        j["error"] = {{"op_index", *end.error().op_index}, {"message", end.error().message}};
    }
    j["finalize"] = {{"first_adapter", sink.pending_from},
                     {"adapter_count", sink.adapters.size() - sink.pending_from},
                     {"blocks", std::move(sink.blocks)},
                     {"ran", end && end->finalize_chunk.has_value()}};
    if (end) j["final_timestamp"] = end->final_timestamp;
    j["accesses"] = std::move(sink.accesses);
    j["adapters"] = std::move(sink.adapters);
    return j;
}

}  // namespace memspec::explain
