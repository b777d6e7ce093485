// A trace set as `memspec explain` draws it (R303): chips as boxes, the buses between them, every
// unbalanced message with its signed count and the rows that produce it, the memory-bus messages
// with their sends and receives, the failing constraints on their rows with the columns they
// read, and the memory story (story.hpp).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "spec/air/air.hpp"
#include "spec/air/trace.hpp"
#include "spec/vocabulary/error.hpp"

namespace memspec::explain {

// The chips of the set's config, chunk and variant without the named constraints or interactions
// (a weakened AIR, R101); an unknown name is a ParseError, so a typo cannot weaken nothing.
Result<std::vector<air::Air>> airs_without(const air::TraceSet& set, const std::vector<std::string>& without);

// Judged with the sound AIR (R303); with `without`, the weakened AIR's verdict is added as
// "weakened_verdict_text".
// {"kind":"traces","variant","chunk","without","verdict":{...},"story":[...],"chips":[...],
//  "buses":[{id,name,messages,unbalanced}],"messages":[[bus, values, net, unbalanced, forged, places]],
//  "failures":[...],"rows":{chip:{row:[column, value, ...]}}} (R341: every message, a row's nonzero cells)
Result<nlohmann::json> trace_view(const air::TraceSet& set, const std::vector<std::string>& without = {});

}  // namespace memspec::explain
