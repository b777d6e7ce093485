#include "explain/scenario_view.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "engines/engines.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/op_source.hpp"
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

    void reset() {
        accesses = nlohmann::json::array();
        adapters = nlohmann::json::array();
        blocks = nlohmann::json::array();
        pending_from = 0;
    }

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

// Passes a source through to the driver and keeps the profile and config of its head, which a
// stream does not hand out twice (R342: the page names them after the run).
class HeadTap final : public OpSource {
public:
    explicit HeadTap(OpSource& source) : source_(source) {}
    std::string profile;  // its name
    MemoryConfig config;

    Result<const Scenario*> head() override {
        auto h = source_.head();
        if (h) keep(**h);
        return h;
    }
    Result<const Op*> next(Op& slot) override { return source_.next(slot); }
    ErrorOrder error_order() const override { return source_.error_order(); }
    SourcePosition position() const override { return source_.position(); }
    Result<std::optional<Scenario>> reread() override {
        auto again = source_.reread();
        if (again && *again) keep(**again);
        return again;
    }

private:
    void keep(const Scenario& s) {
        profile = std::string(profile_name(s.profile));
        config = s.config;
    }
    OpSource& source_;
};

}  // namespace

Result<nlohmann::json> scenario_view(const Scenario& scenario) {
    ScenarioSource source(scenario);
    return scenario_view(source);
}

Result<nlohmann::json> scenario_view(OpSource& source) {
    ViewSink sink;
    HeadTap tap(source);
    DriveOptions options;
    // A document read again whole (its setup keys came after its ops) runs from its start.
    options.restart = [&sink] { sink.reset(); };
    auto end = run_source(EngineFactory(engines::make_impl), tap, sink, options);
    nlohmann::json j{{"kind", "scenario"},
                     {"profile", tap.profile},
                     {"config", nlohmann::json::parse(to_json(tap.config))}};
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
