// User chips on the memory bus (R102): a chip written by a user in a small JSON form, turned into
// an spec/air Air and checked like memspec's own chips. Z3-free.
//
// {
//   "name": "custom_memory",
//   "columns": ["is_active", "timestamp", ...],
//   "constraints": [{"name": "is_active_bool", "expr": "is_active * (is_active - 1)"}],
//   "range_checks": [{"name": "ts_low", "value": "ts_limb0", "bits": 17, "count": "is_active"}],
//   "interactions": [{"name": "read", "bus": "memory", "direction": "receive",
//                     "message": ["addr_space", "pointer", "value", "timestamp"], "count": "is_active"}]
// }
// Expressions: integers, column names, + - * and parentheses, evaluated in BabyBear on one row.
// Memory messages use memspec's layout [address_space, pointer, data..., timestamp].
#pragma once

#include <string>
#include <string_view>

#include "proofs/catalogue.hpp"
#include "spec/vocabulary/error.hpp"

namespace memspec::proofs {

Result<air::Expr> parse_expr(std::string_view text, const std::vector<std::string>& columns);
Result<air::Air> parse_user_chip(std::string_view json_text);

// The properties a user chip must satisfy (R102):
// - user.<name>.access_lemma: every row is silent on the memory bus, or receives one message and
//   sends one message of count 1 each, at the same address, with received timestamp < sent
//   timestamp < 2^clk_max_bits, whenever what it receives is below 2^clk_max_bits (lemma L2 of
//   spec/memory.md, which the unbounded argument needs from every access-like chip);
// - user.<name>.bus_consistency: next to memspec's chips in a 2-cell instance (write both cells
//   at timestamp 1, read cell 0 at timestamp 4, 2 symbolic user rows), every read returns the
//   latest value written before it, by the access chip or by a user row's send;
// - its .vacuity: a balanced trace of that instance exists.
std::vector<Property> user_chip_properties(const air::Air& chip);

}  // namespace memspec::proofs
