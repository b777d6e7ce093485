// The oracle's end-to-end run of a scenario: online execution, offline replay, finalize (R28).
#pragma once

#include <vector>

#include "oracle/access_adapter_inventory.hpp"
#include "oracle/offline_memory.hpp"
#include "spec/error.hpp"
#include "spec/records.hpp"
#include "spec/scenario.hpp"

namespace memspec::oracle {

// R12: replays the online log into offline memory, in order.
Status replay(const std::vector<MemoryLogEntry>& log, OfflineMemory& offline, AccessAdapterInventory& adapters);

// Validates the scenario's static part, executes its ops (stopping at the first failing one,
// whose index the error carries), replays, and finalizes when finalize_chunk is given.
Result<RunResult> run(const Scenario& scenario, const ProgressFn& progress = {});

}  // namespace memspec::oracle
