// Printing scenarios directly (R29, R38), in both framings: the v1 document and JSON Lines (a
// header line, then one op per line). Byte-identical to the compact form of spec/interchange.md.
#pragma once

#include "spec/interchange/output.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec {

void write_config(TextWriter& w, const MemoryConfig& c);
void write_op(TextWriter& w, const Op& op);
// The v1 document (no trailing newline).
void write_scenario(TextWriter& w, const Scenario& sc);
// R38: the header line (the scenario without its ops) and its newline; ops follow, one
// `write_op` and a newline each.
void write_stream_header(TextWriter& w, const Scenario& sc);

}  // namespace memspec
