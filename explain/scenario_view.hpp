// A scenario as `memspec explain` draws it (R302): every access with the adapter records that came
// before it (R17-R20), grouped by address space on the page, and finalize's records and blocks
// (R23, R24). The run goes through the one driver with the profile's own engine (R190, R210), so
// every profile is drawn, openvm-v2.0 (no adapter records) included.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/op_source.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::explain {

// {"kind":"scenario","profile","config","accesses":[[op, as, ptr, ts, prev_ts, data, prev_data,
//  first_adapter, adapter_count]...],"adapters":[[kind, n, as, ptr, left_ts, right_ts, data]...],
//  "finalize":{"first_adapter","adapter_count","blocks":[[as, ptr, ts, values]...]},"error"?}.
// op 0 is a read and 1 a write; kind 0 a split and 1 a merge. An op that fails ends the run: the
// records before it are drawn, and "error" says which op failed and why (R27).
Result<nlohmann::json> scenario_view(const Scenario& scenario);
// The same from any op source (R342: a JSON Lines stream, read as its lines arrive, so the scenario
// is never held whole; only its records are kept for the page).
Result<nlohmann::json> scenario_view(OpSource& source);

}  // namespace memspec::explain
