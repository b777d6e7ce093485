// The mutations and the memory-consistency oracle of the fuzz target `trace_mutation`
// (fuzz/trace_mutation.cpp), in a header so that tests/unit/trace_mutation_test.cpp checks them
// in the ordinary build: a pair mutation must keep its pair balanced, and the oracle must accept
// valid traces and catch an inconsistent one.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spec/air/air.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/expr.hpp"
#include "spec/air/trace.hpp"

namespace memspec::fuzz {

// Every row's evaluated interactions, chip by chip: what the traces claim on the buses.
struct RowInteraction {
    std::size_t air, row, interaction;
    BabyBear count;
    std::vector<BabyBear> message;
    friend bool operator==(const RowInteraction&, const RowInteraction&) = default;
};


inline std::vector<RowInteraction> interactions(const std::vector<air::Air>& airs, const air::TraceSet& set) {
    std::vector<RowInteraction> out;
    for (std::size_t a = 0; a < airs.size(); ++a) {
        const air::Trace* t = set.find(airs[a].name);
        if (!t) continue;
        for (std::size_t r = 0; r < t->height; ++r) {
            const air::RowView view{t->row(r), t->row((r + 1) % t->height), t->public_values.data(), t->width,
                                    t->public_values.size()};
            for (std::size_t i = 0; i < airs[a].interactions.size(); ++i) {
                const auto& it = airs[a].interactions[i];
                RowInteraction ri{a, r, i, air::eval(it.count, view), {}};
                if (ri.count.is_zero()) continue;  // a zero count says nothing
                for (const auto& m : it.message) ri.message.push_back(air::eval(m, view));
                out.push_back(std::move(ri));
            }
        }
    }
    return out;
}

// The column a message field reads, when the field is a plain local column.
inline std::optional<std::uint32_t> column_of(const air::Expr& e) {
    if (e->kind == air::NodeKind::Local) return e->index;
    return std::nullopt;
}

// Changes one field of a message sent by a row of `t` (from row `row` on, the first row that
// sends) and of a row receiving the same message, by `delta` on both sides. false when no such
// pair with plain-column fields exists.
inline bool mutate_pair(const std::vector<air::Air>& airs, air::TraceSet& set, std::size_t t, std::size_t row,
                 std::uint8_t field_pick, std::uint8_t send_pick, BabyBear delta) {
    const std::vector<RowInteraction> all = interactions(airs, set);
    std::size_t a = airs.size();
    for (std::size_t i = 0; i < airs.size(); ++i)
        if (airs[i].name == set.traces[t].chip) a = i;
    if (a == airs.size()) return false;
    const auto is_send = [&](const RowInteraction& ri) {
        return airs[ri.air].interactions[ri.interaction].direction == air::Direction::Send;
    };
    // The producer: the first row at or after `row` (cyclically) of this chip that sends.
    const std::size_t height = set.traces[t].height;
    std::vector<const RowInteraction*> sends;
    for (std::size_t k = 0; k < height && sends.empty(); ++k)
        for (const RowInteraction& ri : all)
            if (ri.air == a && ri.row == (row + k) % height && is_send(ri)) sends.push_back(&ri);
    if (sends.empty()) return false;
    const RowInteraction& producer = *sends[send_pick % sends.size()];
    const air::Interaction& pi = airs[producer.air].interactions[producer.interaction];
    // The consumer: a row receiving the same message on the same bus, another row if possible.
    const RowInteraction* consumer = nullptr;
    for (const RowInteraction& ri : all) {
        const air::Interaction& ci = airs[ri.air].interactions[ri.interaction];
        if (is_send(ri) || ci.bus != pi.bus || ri.message != producer.message) continue;
        if (!consumer || (ri.air != producer.air || ri.row != producer.row)) consumer = &ri;
        if (ri.air != producer.air || ri.row != producer.row) break;
    }
    if (!consumer) return false;
    const air::Interaction& ci = airs[consumer->air].interactions[consumer->interaction];
    const std::size_t n = pi.message.size();
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t f = (field_pick + k) % n;
        const auto pc = column_of(pi.message[f]), cc = column_of(ci.message[f]);
        if (!pc || !cc) continue;
        air::Trace* pt = set.find(airs[producer.air].name);
        air::Trace* ct = set.find(airs[consumer->air].name);
        pt->at(producer.row, *pc) = pt->at(producer.row, *pc) + delta;
        if (pt != ct || producer.row != consumer->row || *pc != *cc)
            ct->at(consumer->row, *cc) = ct->at(consumer->row, *cc) + delta;
        return true;
    }
    return false;
}

// R10, R11, R48, R51 read back from an access trace: in timestamp order, every access's
// prev_data equals the data the latest earlier access to the same cell left there. A cell's first
// access defines its initial value (the boundary's, which this does not re-derive). Returns a
// description of the first violation, or an empty string (also when two accesses share a
// timestamp).
inline std::string memory_inconsistency(const air::AccessChip& chip, const air::Trace& t) {
    struct Row {
        std::uint32_t timestamp;
        std::size_t row;
    };
    std::vector<Row> rows;
    for (std::size_t r = 0; r < t.height; ++r)
        if (t.at(r, chip.is_valid) == BabyBear::from_canonical(1) && t.at(r, chip.is_immediate).is_zero())
            rows.push_back({t.at(r, chip.timestamp).v, r});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) { return x.timestamp < y.timestamp; });
    // Two accesses at one timestamp leave their order open (a self-cancelling pair is harmless,
    // spec/memory.md §13); this check then says nothing rather than guess.
    for (std::size_t i = 1; i < rows.size(); ++i)
        if (rows[i].timestamp == rows[i - 1].timestamp) return {};
    std::map<std::pair<std::uint32_t, std::uint64_t>, BabyBear> memory;
    for (const Row& x : rows) {
        std::size_t size = 0;
        for (std::size_t j = 0; j < chip.size_flag.size(); ++j)
            if (t.at(x.row, chip.size_flag[j]) == BabyBear::from_canonical(1)) size = std::size_t{1} << j;
        const std::uint32_t as = t.at(x.row, chip.address_space).v;
        const std::uint64_t ptr = t.at(x.row, chip.pointer).v;
        for (std::size_t i = 0; i < size; ++i) {
            auto [it, fresh] = memory.try_emplace({as, ptr + i}, t.at(x.row, chip.prev_data[i]));
            if (!fresh && !(it->second == t.at(x.row, chip.prev_data[i])))
                return "access row " + std::to_string(x.row) + " (timestamp " + std::to_string(x.timestamp) + ") finds " +
                       std::to_string(t.at(x.row, chip.prev_data[i]).v) + " at (" + std::to_string(as) + ", " +
                       std::to_string(ptr + i) + ") where the latest earlier access left " + std::to_string(it->second.v);
            it->second = t.at(x.row, chip.data[i]);
        }
    }
    return {};
}

}  // namespace memspec::fuzz
