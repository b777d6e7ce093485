#include "spec/vocabulary/engine.hpp"

#include "spec/vocabulary/result_roots.hpp"

#include <bit>
#include <utility>

namespace memspec {

namespace {

// Keeps every record, in the spec's vocabulary (for callers that want a RunResult).
class ResultSink final : public RecordSink {
public:
    RunResult result;
    TimestampedEquipartition final_memory;

    void access(const AccessRecordView& r) override {
        AccessRecord rec{r.op, r.address_space, r.pointer, r.timestamp, r.prev_timestamp,
                         {r.data.begin(), r.data.end()}, {r.prev_data.begin(), r.prev_data.end()}};
        if (r.op == AccessKind::Read) result.reads.push_back(rec.data);
        result.records.push_back(std::move(rec));
    }
    void adapter(const AdapterRecordView& r) override {
        result.adapter_records.push_back(
            {r.n, r.kind, r.address_space, r.pointer, r.left_timestamp, r.right_timestamp, {r.data.begin(), r.data.end()}});
    }
    void final_block(const FinalBlockView& b) override {
        final_memory.blocks.push_back({b.address_space, b.pointer, b.timestamp, {b.values.begin(), b.values.end()}});
    }
};

// R197: counts the records on their way to the caller's sink, which gets each one unchanged.
class CountingTap final : public RecordSink {
public:
    CountingTap(RecordSink& inner, RunCounts& counts) : inner_(inner), counts_(counts) {}
    void access(const AccessRecordView& r) override {
        ++(r.op == AccessKind::Read ? counts_.reads : counts_.writes);
        inner_.access(r);
    }
    void adapter(const AdapterRecordView& r) override {
        ++counts_.adapter_records;
        AdapterCounts& c = counts_.adapters_by_log_n[std::countr_zero(r.n) & 31];
        ++(r.kind == AdapterKind::Split ? c.splits : c.merges);
        inner_.adapter(r);
    }
    void final_block(const FinalBlockView& b) override {
        ++counts_.final_blocks;
        inner_.final_block(b);
    }

private:
    RecordSink& inner_;
    RunCounts& counts_;
};

}  // namespace

Status Lookahead::push(const Op& op, std::size_t index) {
    if (size_ == DEPTH)
        if (auto st = step_oldest(); !st) return st;
    Op& slot = ring_[(head_ + size_) % DEPTH];
    slot.kind = op.kind;
    slot.address_space = op.address_space;
    slot.pointer = op.pointer;
    slot.len = op.len;
    slot.data.assign(op.data.begin(), op.data.end());  // keeps the slot's capacity
    slot.by = op.by;
    index_[(head_ + size_) % DEPTH] = index;
    ++size_;
    engine_.prefetch(slot);
    return {};
}

Status Lookahead::step_oldest() {
    const Op& op = ring_[head_];
    const std::size_t index = index_[head_];
    head_ = (head_ + 1) % DEPTH;
    --size_;
    if (auto st = engine_.step(op, sink_); !st) {
        size_ = 0;
        return at_op(st.error(), index);
    }
    return {};
}

Status Lookahead::drain() {
    while (size_ > 0)
        if (auto st = step_oldest(); !st) return st;
    return {};
}

Result<RunEnd> run_scenario(const EngineFactory& make, const Scenario& sc, RecordSink& out, const ProgressFn& progress) {
    auto setup = validate_setup(sc);
    if (!setup) return setup.error();
    std::unique_ptr<Engine> engine = make(*setup);
    RunCounts counts;
    CountingTap counted(out, counts);
    RootsTap sink(counted, setup->profile);
    // The program is known in advance: tell the engine about the op a few steps ahead, so that a
    // random access's cache miss overlaps the work of the ops before it.
    constexpr std::size_t LOOKAHEAD = 8;
    const std::size_t n = sc.ops.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (progress && i % 65536 == 0) progress(i, n);
        if (i + LOOKAHEAD < n) engine->prefetch(sc.ops[i + LOOKAHEAD]);
        if (auto st = engine->step(sc.ops[i], sink); !st) return at_op(st.error(), i);
        counts.ticks += sc.ops[i].kind == OpKind::Tick;
    }
    if (progress) progress(n, n);
    if (setup->finalize_chunk)
        if (auto st = engine->finalize(*setup->finalize_chunk, sink); !st) return st.error();
    auto roots = sink.roots(*setup, setup->finalize_chunk.has_value());
    if (!roots) return roots.error();
    counts.touched_cells = engine->touched_cells();
    return RunEnd{engine->timestamp(), *roots, counts};
}

Result<RunResult> run_to_result(const EngineFactory& make, const Scenario& sc, const ProgressFn& progress) {
    ResultSink sink;
    auto end = run_scenario(make, sc, sink, progress);
    if (!end) return end.error();
    sink.result.final_timestamp = end->final_timestamp;
    sink.result.roots = end->roots;
    if (sc.finalize_chunk) {
        sink.final_memory.chunk = static_cast<std::uint32_t>(*sc.finalize_chunk);
        sink.result.final_memory = std::move(sink.final_memory);
    }
    return std::move(sink.result);
}

}  // namespace memspec
