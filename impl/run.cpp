#include "impl/run.hpp"

#include <string>

namespace memspec::impl {

Result<Execution> execute(const Scenario& sc) {
    auto setup = validate_setup(sc);
    if (!setup) return setup.error();

    // Arenas sized from the op count alone (one record per op at most, a few values each; they
    // grow if needed): a counting pass over the ops would cost as much as reserving generously.
    const std::uint64_t ops = sc.ops.size();
    Execution ex{OfflineMemory(setup->initial_memory, setup->initial_block_size, setup->config, ops + 1, 4 * ops + 1), {}, std::nullopt};
    ex.adapters.rows.reserve(64);
    OfflineMemory& mem = ex.offline;
    // Random access patterns are bound by memory latency: start loading the cell of an op a few
    // ops ahead (the program is known in advance), so that its cache miss overlaps this op.
    constexpr std::size_t LOOKAHEAD = 8;
    for (std::size_t i = 0; i < sc.ops.size(); ++i) {
        if (i + LOOKAHEAD < sc.ops.size()) {
            const Op& next = sc.ops[i + LOOKAHEAD];
            if (next.kind != OpKind::Tick)
                if (const void* cell = mem.cell_address(next.address_space, next.pointer)) __builtin_prefetch(cell, 0, 3);
        }
        const Op& op = sc.ops[i];
        Status st;
        switch (op.kind) {
            case OpKind::Read: st = mem.read(op.address_space, op.pointer, op.len, ex.adapters); break;
            case OpKind::Write: st = mem.write(op.address_space, op.pointer, std::span<const std::uint64_t>(op.data), ex.adapters); break;
            case OpKind::Tick: st = mem.increment_timestamp_by(op.by); break;
        }
        if (!st) return at_op(st.error(), i);
    }
    if (setup->finalize_chunk) {
        auto final_memory = mem.finalize_flat(*setup->finalize_chunk, ex.adapters);
        if (!final_memory) return final_memory.error();
        ex.final_memory = std::move(*final_memory);
    }
    return ex;
}

RunResult Execution::to_result() const {
    RunResult r;
    r.records = offline.records();
    for (const AccessRecord& rec : r.records)
        if (rec.op == AccessKind::Read) r.reads.push_back(rec.data);
    r.adapter_records = adapters.records();
    if (final_memory) r.final_memory = final_memory->to_spec();
    r.final_timestamp = offline.timestamp();
    return r;
}

std::size_t Execution::bytes() const {
    std::size_t b = offline.bytes() + adapters.bytes();
    if (final_memory)
        b += final_memory->rows.capacity() * sizeof(FlatEquipartition::Row) + final_memory->values.capacity() * sizeof(BabyBear);
    return b;
}

Result<RunResult> run(const Scenario& sc) {
    auto ex = execute(sc);
    if (!ex) return ex.error();
    return ex->to_result();
}

}  // namespace memspec::impl
