// The memory story (R300): a rejected trace set told as memory, in words. For an unbalanced
// memory-bus message: which access read which values at which timestamp, the signed count it nets
// (-1, never p - 1), and the write it should have seen; for a failing constraint: its chip, row,
// rule and only the columns the constraint reads. `memspec check`, `memspec prove` and
// `memspec explain` print the same lines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/check.hpp"
#include "spec/air/trace.hpp"

namespace memspec::explain {

// R301: a multiplicity as a signed integer: values above p/2 are the negative ones (p - 1 is -1).
std::int64_t signed_count(BabyBear net);

// The columns an expression reads, in column order: (index, primed) where primed is the next row.
struct ColumnRef {
    std::uint32_t column = 0;
    bool next = false;
    friend bool operator==(const ColumnRef&, const ColumnRef&) = default;
};
std::vector<ColumnRef> columns_read(const air::Expr& e);

// One unbalanced memory-bus message as memory: the block it names and who sent and received it.
struct MemoryMessageView {
    std::uint32_t address_space = 0;
    std::uint32_t pointer = 0;
    std::vector<std::uint32_t> values;
    std::uint32_t timestamp = 0;
};
MemoryMessageView memory_message(const std::vector<BabyBear>& message);

// R300: the story of `verdict` over `traces` checked against `airs`, one sentence a line; empty
// when the verdict accepted. At most `limit` unbalanced messages are told.
std::vector<std::string> memory_story(const std::vector<air::Air>& airs, const std::vector<air::Trace>& traces,
                                      const air::Verdict& verdict, std::size_t limit = 8);

}  // namespace memspec::explain
