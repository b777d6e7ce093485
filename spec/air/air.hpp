// An AIR (R40): named columns, named constraints with a scope, and bus interactions (R41).
// Plain data: the checker (spec/air/check.hpp) evaluates it, the printer renders it, proofs/
// translates it. Weakened variants for audit experiments are ordinary copies with a named
// constraint or interaction removed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "spec/air/expr.hpp"

namespace memspec::air {

// Where a constraint must evaluate to zero.
enum class Scope {
    EveryRow,    // every row, padding included
    Transition,  // every (row, row + 1) pair; the last row has no transition
    FirstRow,
    LastRow,
};
std::string_view to_string(Scope s);
// R40: whether a constraint of scope `s` is checked on row `row` of a trace of `height` rows.
bool applies(Scope s, std::size_t row, std::size_t height);

struct Constraint {
    std::string name;  // "<chip>.<what>", unique within its AIR
    std::string rule;  // spec rule, e.g. "R53"
    Scope scope = Scope::EveryRow;
    Expr expr;         // holds iff expr == 0
};

// R41: a send adds `count` copies of the message to its bus, a receive adds `-count`.
enum class Direction { Send, Receive };
std::string_view to_string(Direction d);

// Bus ids as in OpenVM v1.0's default system configuration.
inline constexpr std::uint32_t MEMORY_BUS = 0;
inline constexpr std::uint32_t RANGE_BUS = 1;
// The persistent side's buses (R71-R79): Merkle tree nodes, and Poseidon2 compression lookups.
inline constexpr std::uint32_t MERKLE_BUS = 2;
inline constexpr std::uint32_t COMPRESSION_BUS = 3;
std::string bus_name(std::uint32_t bus);

struct Interaction {
    std::string name;  // unique within its AIR
    std::string rule;
    std::uint32_t bus = 0;
    Direction direction = Direction::Send;
    std::vector<Expr> message;
    Expr count;  // multiplicity; evaluated on every row (padding rows must make it vanish)
};

// A column whose values are fixed by the AIR itself (OpenVM: a preprocessed trace), such as the
// range checker's (value, bits) table. The checker compares the trace against it (R63, R67).
struct FixedColumn {
    std::uint32_t column = 0;
    std::vector<BabyBear> values;
};

// A table whose rows memspec computes instead of constraining them (R77): on every row with a
// non-zero multiplicity the output columns must equal `function` of the input columns. It stands
// for a chip whose own AIR memspec does not model (OpenVM's Poseidon2 periphery chip, whose
// Poseidon2SubAir constrains the permutation round by round); the checker evaluates the function.
struct ComputedTable {
    std::string name;  // "<chip>.<what>", reported like a constraint name
    std::string rule;
    std::vector<std::uint32_t> inputs, outputs;
    std::uint32_t multiplicity = 0;
    std::function<std::vector<BabyBear>(const std::vector<BabyBear>&)> function;
};

struct Air {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::string> public_values;
    std::vector<Constraint> constraints;
    std::vector<Interaction> interactions;
    std::vector<FixedColumn> fixed;
    std::vector<ComputedTable> computed;

    std::uint32_t width() const { return static_cast<std::uint32_t>(columns.size()); }
    std::optional<std::uint32_t> column(std::string_view name) const;
    const Constraint* find_constraint(std::string_view name) const;
    const Interaction* find_interaction(std::string_view name) const;
};

// Construction helper used by chips and gadgets: appends columns and constraints in order.
struct AirBuilder {
    Air air;

    std::uint32_t add_column(std::string name);
    std::vector<std::uint32_t> add_columns(const std::string& name, std::size_t n);  // name[0], name[1], ...
    void constrain(std::string name, std::string rule, Expr expr, Scope scope = Scope::EveryRow);
    void interact(std::string name, std::string rule, std::uint32_t bus, Direction d, std::vector<Expr> message,
                  Expr count);
    // R46: a range-check request "value < 2^bits" on the range bus.
    void range_check(std::string name, std::string rule, Expr value, std::uint32_t bits, Expr count);
};

// Weakened variants (audit experiments): copies without the named constraint / interaction.
// Returns nullopt when no such name exists, so a typo cannot silently weaken nothing.
std::optional<Air> without_constraint(const Air& air, std::string_view name);
std::optional<Air> without_interaction(const Air& air, std::string_view name);

// Readable rendering of a whole AIR.
std::string to_text(const Air& air);

}  // namespace memspec::air
