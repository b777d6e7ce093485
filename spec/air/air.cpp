#include "spec/air/air.hpp"

#include <sstream>

namespace memspec::air {

std::string_view to_string(Scope s) {
    switch (s) {
        case Scope::EveryRow: return "every row";
        case Scope::Transition: return "transition";
        case Scope::FirstRow: return "first row";
        case Scope::LastRow: return "last row";
    }
    return "?";
}

bool applies(Scope s, std::size_t row, std::size_t height) {
    switch (s) {
        case Scope::EveryRow: return true;
        case Scope::Transition: return row + 1 < height;
        case Scope::FirstRow: return row == 0;
        case Scope::LastRow: return row + 1 == height;
    }
    return true;
}

std::string_view to_string(Direction d) { return d == Direction::Send ? "send" : "receive"; }

std::string bus_name(std::uint32_t bus) {
    if (bus == MEMORY_BUS) return "MemoryBus(0)";
    if (bus == RANGE_BUS) return "VariableRangeCheckerBus(1)";
    if (bus == MERKLE_BUS) return "MerkleBus(2)";
    if (bus == COMPRESSION_BUS) return "Poseidon2CompressionBus(3)";
    return "bus(" + std::to_string(bus) + ")";
}

std::optional<std::uint32_t> Air::column(std::string_view n) const {
    for (std::uint32_t i = 0; i < columns.size(); ++i)
        if (columns[i] == n) return i;
    return std::nullopt;
}
const Constraint* Air::find_constraint(std::string_view n) const {
    for (const auto& c : constraints)
        if (c.name == n) return &c;
    return nullptr;
}
const Interaction* Air::find_interaction(std::string_view n) const {
    for (const auto& i : interactions)
        if (i.name == n) return &i;
    return nullptr;
}

std::uint32_t AirBuilder::add_column(std::string name) {
    air.columns.push_back(std::move(name));
    return static_cast<std::uint32_t>(air.columns.size() - 1);
}
std::vector<std::uint32_t> AirBuilder::add_columns(const std::string& name, std::size_t n) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(add_column(name + "[" + std::to_string(i) + "]"));
    return out;
}
void AirBuilder::constrain(std::string name, std::string rule, Expr expr, Scope scope) {
    air.constraints.push_back(Constraint{std::move(name), std::move(rule), scope, std::move(expr)});
}
void AirBuilder::interact(std::string name, std::string rule, std::uint32_t bus, Direction d,
                          std::vector<Expr> message, Expr count) {
    air.interactions.push_back(
        Interaction{std::move(name), std::move(rule), bus, d, std::move(message), std::move(count)});
}
void AirBuilder::range_check(std::string name, std::string rule, Expr value, std::uint32_t bits, Expr count) {
    // OpenVM's VariableRangeCheckerBus message is [value, bits] (R46, R63).
    interact(std::move(name), std::move(rule), RANGE_BUS, Direction::Send, {std::move(value), Expr(static_cast<int>(bits))},
             std::move(count));
}

std::optional<Air> without_constraint(const Air& air, std::string_view name) {
    Air out = air;
    auto before = out.constraints.size();
    std::erase_if(out.constraints, [&](const Constraint& c) { return c.name == name; });
    if (out.constraints.size() == before) return std::nullopt;
    return out;
}
std::optional<Air> without_interaction(const Air& air, std::string_view name) {
    Air out = air;
    auto before = out.interactions.size();
    std::erase_if(out.interactions, [&](const Interaction& i) { return i.name == name; });
    if (out.interactions.size() == before) return std::nullopt;
    return out;
}

std::string to_text(const Air& air) {
    std::ostringstream os;
    os << "AIR " << air.name << " (" << air.columns.size() << " columns)\n";
    os << "  columns:";
    for (std::size_t i = 0; i < air.columns.size(); ++i) os << (i ? ", " : " ") << air.columns[i];
    os << "\n";
    if (!air.public_values.empty()) {
        os << "  public values:";
        for (std::size_t i = 0; i < air.public_values.size(); ++i) os << (i ? ", " : " ") << air.public_values[i];
        os << "\n";
    }
    for (const auto& f : air.fixed)
        os << "  fixed column " << air.columns[f.column] << " (" << f.values.size() << " rows, preprocessed)\n";
    os << "  constraints (each expression must be 0):\n";
    for (const auto& c : air.constraints)
        os << "    [" << c.rule << "] " << c.name << " (" << to_string(c.scope) << ", degree "
           << degree(c.expr) << "): " << to_string(c.expr, air.columns, air.public_values) << "\n";
    os << "  interactions:\n";
    for (const auto& it : air.interactions) {
        os << "    [" << it.rule << "] " << it.name << ": " << to_string(it.direction) << " on "
           << bus_name(it.bus) << " [";
        for (std::size_t i = 0; i < it.message.size(); ++i)
            os << (i ? ", " : "") << to_string(it.message[i], air.columns, air.public_values);
        os << "] count " << to_string(it.count, air.columns, air.public_values) << "\n";
    }
    for (const auto& c : air.computed) {
        // R77: not a polynomial constraint; the checker computes the function on every used row.
        os << "  computed (checked by evaluation on rows with " << air.columns[c.multiplicity] << " != 0):\n"
           << "    [" << c.rule << "] " << c.name << ": (";
        for (std::size_t i = 0; i < c.outputs.size(); ++i) os << (i ? ", " : "") << air.columns[c.outputs[i]];
        os << ") = f(";
        for (std::size_t i = 0; i < c.inputs.size(); ++i) os << (i ? ", " : "") << air.columns[c.inputs[i]];
        os << ")\n";
    }
    return os.str();
}

}  // namespace memspec::air
