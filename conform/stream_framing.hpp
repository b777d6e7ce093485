// The JSON Lines framing of spec/interchange.md ("JSON Lines", R38) as conform needs it to judge a
// program in stream mode (R201): a vector's scenario document turned into the stream a program
// reads, and the stream of records the program prints turned back into the v1 result its vector
// expects. Both directions live here, on conform's side, so that the judge stays the one of R131:
// a stream is judged by the same comparison as a document once it is framed back.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "conform/vector_file.hpp"

namespace memspec::conform {

// The document as a stream: a header line (the object's members but "ops", each spelt byte for
// byte as the document spells it) and then one line per element of "ops", in order. The bytes of
// each value are kept, so that how a number or a string is written reaches the program as the
// vector wrote it; line breaks between tokens become spaces. Input that is not a JSON object, or
// whose "ops" is not an array, cannot be framed: it goes as one line (its line breaks made
// spaces), which a conforming reader rejects as it rejects the document (interchange.md: every
// vector has the same answer in both framings).
std::string scenario_as_stream(std::string_view document);

// The v1 result a JSON Lines result stands for: the records in order (`reads` being the data of
// the read records), `final_memory` present iff a `{"final_block":…}` or `{"finalize_chunk":…}`
// line came, the roots and `final_timestamp`; or, when the stream ends with `{"error":…}`, that
// object. `problem` says why the lines are not such a stream (a line that is not a one-key object
// of a known kind, a line after the last one, no last line): the output was cut short or is wrong.
struct StreamResult {
    Json value;            // the result or the error object; null when `problem` is set
    std::string problem;   // empty when the stream is well-formed
};
StreamResult result_from_stream(std::string_view lines);

}  // namespace memspec::conform
