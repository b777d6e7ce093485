// The page `memspec explain` writes (R305): one self-contained HTML file, its style and its script
// inlined and its data embedded as JSON, so it opens from disk with no network. The script draws
// the data with plain DOM and SVG, a page of rows at a time, so a run of any length opens at once.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace memspec::explain {

// The page for `data` (an "items" list of scenario, trace-set and proof views, explain.hpp).
std::string html_page(std::string_view title, const nlohmann::json& data);

}  // namespace memspec::explain
