// The oracle's end-to-end run of a scenario: online execution, offline replay, finalize (R28),
// through the one engine interface (R37).
#pragma once

#include <vector>

#include "oracle/access_adapter_inventory.hpp"
#include "oracle/offline_memory.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/records.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::oracle {

// R12: replays the online log into offline memory, in order.
Status replay(const std::vector<MemoryLogEntry>& log, OfflineMemory& offline, AccessAdapterInventory& adapters);

// run_to_result with the oracle's engine.
Result<RunResult> run(const Scenario& scenario, const ProgressFn& progress = {});

}  // namespace memspec::oracle
