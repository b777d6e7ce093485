// impl's end-to-end run of a scenario: exactly oracle::run's Result, computed in one pass.
#pragma once

#include <cstddef>
#include <optional>

#include "impl/access_adapter_inventory.hpp"
#include "impl/offline_memory.hpp"
#include "spec/error.hpp"
#include "spec/scenario.hpp"

namespace memspec::impl {

// Everything a run produced, still in flat arenas.
struct Execution {
    OfflineMemory offline;
    AccessAdapterInventory adapters;
    std::optional<FlatEquipartition> final_memory;

    RunResult to_result() const;
    std::size_t bytes() const;
};

// R28: validate_setup, then the ops in order (the first failing one's error carries its index),
// then finalize when finalize_chunk is given. The online pass and the offline replay of the
// oracle are fused: both apply the same checks at the same clock, so an op that passes online
// passes offline, and offline memory holds the same values as online memory at every step.
Result<Execution> execute(const Scenario& scenario);

Result<RunResult> run(const Scenario& scenario);

}  // namespace memspec::impl
