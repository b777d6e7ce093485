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

namespace {

// Steps ops a few behind the source that produces them, telling the engine about each op as it is
// queued (Engine::prefetch), so that a random access's cache miss overlaps the ops before it. The
// queue holds pointers: an op read into one of the queue's slots, or one the source keeps.
class Lookahead {
public:
    static constexpr std::size_t DEPTH = 8;
    Lookahead(Engine& engine, RecordSink& sink) : engine_(engine), sink_(sink) {}
    // Storage for the next op, untouched until that op is stepped.
    Op& free_slot() { return slots_[(head_ + size_) & MASK]; }
    // Queues op number `index` and steps the oldest when more than DEPTH are queued. An error is
    // that op's, with its index (R28); afterwards nothing more is stepped.
    Status push(const Op* op, std::size_t index) {
        const std::size_t at = (head_ + size_) & MASK;
        ring_[at] = op;
        index_[at] = index;
        ++size_;
        engine_.prefetch(*op);
        return size_ > DEPTH ? step_oldest() : Status{};
    }
    // Steps what is queued.
    Status drain() {
        while (size_ > 0)
            if (auto st = step_oldest(); !st) return st;
        return {};
    }

private:
    static constexpr std::size_t CAPACITY = 2 * DEPTH;  // a power of two, above DEPTH + 1
    static constexpr std::size_t MASK = CAPACITY - 1;
    Status step_oldest() {
        const Op& op = *ring_[head_];
        const std::size_t index = index_[head_];
        head_ = (head_ + 1) & MASK;
        --size_;
        if (auto st = engine_.step(op, sink_); !st) {
            size_ = 0;
            return at_op(st.error(), index);
        }
        return {};
    }

    Engine& engine_;
    RecordSink& sink_;
    Op slots_[CAPACITY];
    const Op* ring_[CAPACITY] = {};
    std::size_t index_[CAPACITY] = {};
    std::size_t head_ = 0, size_ = 0;
};

}  // namespace

Result<RunEnd> run_source(const EngineFactory& make, OpSource& source, RecordSink& out, const DriveOptions& options) {
    auto head = source.head();
    if (!head) return head.error();
    const Scenario& sc = **head;
    const bool in_sequence = source.error_order() == ErrorOrder::in_sequence;

    // R28: the setup. In sequence, all of it before the first op. A document's may be completed
    // after its ops (finalize_chunk), so only its head is checked now; an invalid head runs no op,
    // and the whole setup is checked, in R28's order, once the document has been read.
    std::optional<Setup> setup;
    std::optional<MemoryImage> image;
    std::unique_ptr<Engine> engine;
    if (in_sequence) {
        auto valid = validate_setup(sc);
        if (!valid) return valid.error();
        setup = std::move(*valid);
        engine = make(*setup);
    } else if (check_setup_head(sc.profile, sc.config, sc.initial_block_size)) {
        if (auto built = build_image(sc.profile, sc.config, sc.initial_memory)) {
            image = std::move(*built);
            engine = make(setup_of(sc, *image, false));
        }
    }
    // R197: the records are counted on their way to the caller's sink.
    RunEnd end;
    CountingTap counted(out, end.counts);
    RootsTap sink(counted, sc.profile);
    std::optional<Lookahead> ahead;
    if (engine) ahead.emplace(*engine, sink);

    std::optional<MemoryError> op_error;  // document_first: held until the document is read whole
    Op unused_slot;
    std::size_t i = 0;
    for (;; ++i) {
        if (options.progress && i % 65536 == 0) {
            const SourcePosition at = source.position();
            options.progress(at.done, at.total);
        }
        auto op = source.next(ahead ? ahead->free_slot() : unused_slot);
        if (!op) {
            // In sequence, the ops before the bad input are stepped first: an op error among them wins.
            if (in_sequence && !op_error)
                if (auto st = ahead->drain(); !st) return st.error();
            return op.error();
        }
        if (!*op) break;
        end.counts.ticks += (*op)->kind == OpKind::Tick;
        if (!ahead || op_error) continue;  // the outcome is decided: read on for the document's errors
        if (auto st = ahead->push(*op, i); !st) {
            if (in_sequence) return st.error();
            op_error = st.error();
        }
    }
    if (ahead && !op_error)
        if (auto st = ahead->drain(); !st) {
            if (in_sequence) return st.error();
            op_error = st.error();
        }
    if (options.progress) {
        const SourcePosition at = source.position();
        options.progress(at.done, at.total);
    }

    auto whole = source.reread();
    if (!whole) return whole.error();
    if (*whole) {
        // The ops ran under a setup the document changed after them: start over with all of it.
        if (options.restart) options.restart();
        ScenarioSource again(**whole);
        return run_source(make, again, out);  // which counts the run it makes (R197)
    }

    if (!in_sequence) {
        // R28: the setup's errors in their order, then the first failing op.
        if (auto st = check_setup_head(sc.profile, sc.config, sc.initial_block_size); !st) return st.error();
        if (auto st = check_setup_finalize(sc.profile, sc.config, sc.finalize_chunk, sc.initial_memory.empty()); !st) return st.error();
        if (!image) {
            auto built = build_image(sc.profile, sc.config, sc.initial_memory);
            if (!built) return built.error();
            image = std::move(*built);
        }
        if (op_error) return *op_error;
        setup = setup_of(sc, std::move(*image));
        if (!engine) engine = make(*setup);  // no ops at all
    }
    // A stream's closing finalize_chunk line (R38) is in the head by now; the engine checks it (R26).
    end.finalize_chunk = sc.finalize_chunk;
    if (end.finalize_chunk)
        if (auto st = engine->finalize(*end.finalize_chunk, sink); !st) return st.error();
    auto roots = sink.roots(*setup, end.finalize_chunk.has_value());
    if (!roots) return roots.error();
    end.final_timestamp = engine->timestamp();
    end.roots = *roots;
    end.counts.touched_cells = engine->touched_cells();
    return end;
}

Result<RunEnd> run_scenario(const EngineFactory& make, const Scenario& sc, RecordSink& out, const ProgressFn& progress) {
    ScenarioSource source(sc);
    return run_source(make, source, out, {progress, {}});
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
