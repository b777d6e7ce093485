// The oracle's end-to-end run of a scenario: online execution, offline replay, finalize (R28),
// through the one engine interface (R37).
#pragma once

#include <vector>

#include <memspec/oracle/access_adapter_inventory.hpp>
#include <memspec/oracle/offline_memory.hpp>
#include <memspec/vocabulary/engine.hpp>
#include <memspec/vocabulary/error.hpp>
#include <memspec/vocabulary/records.hpp>
#include <memspec/vocabulary/scenario.hpp>

namespace memspec::oracle {

// R12: replays the online log into offline memory, in order.
Status replay(const std::vector<MemoryLogEntry>& log, OfflineMemory& offline, AccessAdapterInventory& adapters);

// run_to_result with the oracle's engine.
Result<RunResult> run(const Scenario& scenario, const ProgressFn& progress = {});

}  // namespace memspec::oracle
