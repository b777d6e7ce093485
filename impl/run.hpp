// impl's end-to-end run of a scenario through the one engine interface (R37): exactly
// oracle::run's Result (R70).
#pragma once

#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::impl {

// run_to_result with impl's engine.
Result<RunResult> run(const Scenario& scenario, const ProgressFn& progress = {});

}  // namespace memspec::impl
