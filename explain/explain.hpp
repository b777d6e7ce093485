// `memspec explain` (R305, R306): what an input is, and its page. The input is told by its own
// keys: a trace set ("format": "memspec-traces", R69), a vector file ("schema" memspec-vectors,
// R130), `memspec prove --json` output ("properties"), otherwise a scenario document (R29).
#pragma once

#include <string>
#include <string_view>

#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/op_source.hpp"

namespace memspec::explain {

enum class InputKind { Scenario, Traces, Vectors, Proof };
std::string_view to_string(InputKind k);

struct ExplainOptions {
    std::string title;          // the page's title (the input's name)
    std::string base_directory;  // where else a proof outcome's emitted trace sets are looked for (the input's folder)
};

// The page for `text`; a ParseError (with what was expected) when it is none of the kinds or is
// not valid as its kind. A vector test that cannot be drawn is drawn as a note, not an error.
Result<std::string> explain_page(std::string_view text, const ExplainOptions& options);
// R342: the page of a scenario read from `source` (a JSON Lines stream, R38) as its ops arrive.
Result<std::string> explain_scenario_page(OpSource& source, const ExplainOptions& options);
// What explain_page would draw the input as, without drawing it.
Result<InputKind> input_kind(std::string_view text);

}  // namespace memspec::explain
