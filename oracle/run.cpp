#include "oracle/run.hpp"

#include "oracle/memory.hpp"
#include "spec/checks.hpp"

namespace memspec::oracle {

Status replay(const std::vector<MemoryLogEntry>& log, OfflineMemory& offline, AccessAdapterInventory& adapters) {
    for (const MemoryLogEntry& e : log) {
        Status st;
        switch (e.kind) {
            case LogKind::Read: st = offline.read(e.address_space, e.pointer, e.len, adapters); break;
            case LogKind::Write: st = offline.write(e.address_space, e.pointer, e.data, adapters); break;
            case LogKind::IncrementTimestampBy: st = offline.increment_timestamp_by(e.by); break;
        }
        if (!st) return st;
    }
    return {};
}

Result<RunResult> run(const Scenario& sc, const ProgressFn& progress) {
    auto setup = validate_setup(sc);
    if (!setup) return setup.error();
    const MemoryConfig& config = setup->config;

    Memory memory(config, setup->initial_memory);
    RunResult result;
    const std::size_t total = 2 * sc.ops.size();
    for (std::size_t i = 0; i < sc.ops.size(); ++i) {
        if (progress && i % 4096 == 0) progress(i, total);
        const Op& op = sc.ops[i];
        switch (op.kind) {
            case OpKind::Read: {
                auto values = memory.read(op.address_space, op.pointer, op.len);
                if (!values) return at_op(values.error(), i);
                result.reads.push_back(std::move(*values));
                break;
            }
            case OpKind::Write: {
                // Raw values are checked in R27's order before they become field elements.
                if (auto st = check_write(config, op.address_space, op.pointer, std::span<const std::uint64_t>(op.data),
                                          memory.timestamp());
                    !st)
                    return at_op(st.error(), i);
                std::vector<BabyBear> values;
                for (std::uint64_t v : op.data) values.push_back(BabyBear::from_canonical(static_cast<std::uint32_t>(v)));
                auto prev = memory.write(op.address_space, op.pointer, values);
                if (!prev) return at_op(prev.error(), i);
                break;
            }
            case OpKind::Tick:
                if (auto st = memory.increment_timestamp_by(op.by); !st) return at_op(st.error(), i);
                break;
        }
    }

    OfflineMemory offline(setup->initial_memory, setup->initial_block_size, config);
    AccessAdapterInventory adapters;
    if (progress) progress(sc.ops.size(), total);
    if (auto st = replay(memory.log(), offline, adapters); !st) return st.error();
    if (progress) progress(total, total);
    result.records = offline.records();
    if (setup->finalize_chunk) {
        auto final_memory = offline.finalize(*setup->finalize_chunk, adapters);
        if (!final_memory) return final_memory.error();
        result.final_memory = std::move(*final_memory);
    }
    result.adapter_records = std::move(adapters.records);
    result.final_timestamp = memory.timestamp();
    return result;
}

}  // namespace memspec::oracle
