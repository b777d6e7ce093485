#include "oracle/run.hpp"

#include "oracle/engine.hpp"

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

Result<RunResult> run(const Scenario& sc, const ProgressFn& progress) { return run_to_result(make_engine, sc, progress); }

}  // namespace memspec::oracle
