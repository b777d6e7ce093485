#include "spec/air/check.hpp"

#include <map>
#include <sstream>

#include "spec/air/chips.hpp"
#include "util/parallel.hpp"

namespace memspec::air {

std::string_view to_string(RejectionKind k) {
    switch (k) {
        case RejectionKind::Shape: return "shape";
        case RejectionKind::Constraint: return "constraint";
        case RejectionKind::Bus: return "bus";
    }
    return "?";
}

namespace {
constexpr std::size_t MAX_PLACES = 8;

RowView view(const Trace& t, std::size_t r) {
    // R40: next is cyclic, as on the STARK's trace domain.
    return RowView{t.row(r), t.row((r + 1) % t.height), t.public_values.data(), t.width, t.public_values.size()};
}

Rejection shape(const std::string& chip, std::string what, std::string detail) {
    Rejection r;
    r.kind = RejectionKind::Shape;
    r.chip = chip;
    r.constraint = std::move(what);
    r.rule = "R67";
    r.detail = std::move(detail);
    return r;
}

std::optional<Rejection> check_shape(const Air& air, const Trace* t) {
    if (!t) return shape(air.name, "missing_trace", "no trace for chip " + air.name);
    if (t->width != air.width())
        return shape(air.name, "width", "trace has " + std::to_string(t->width) + " columns, the AIR " +
                                            std::to_string(air.width()));
    if (t->height == 0 || !is_power_of_two(t->height))
        return shape(air.name, "height", "trace height " + std::to_string(t->height) + " is not a power of two");
    if (t->cells.size() != t->width * t->height) return shape(air.name, "cells", "cell count != width * height");
    if (t->public_values.size() != air.public_values.size())
        return shape(air.name, "public_values", "expected " + std::to_string(air.public_values.size()) + " public values");
    for (const BabyBear& v : t->cells)
        if (v.v >= BabyBear::P) return shape(air.name, "non_canonical", "a cell is not a canonical BabyBear value (R1)");
    for (const FixedColumn& f : air.fixed) {
        if (f.values.size() != t->height)
            return shape(air.name, "fixed_height", "the preprocessed table has " + std::to_string(f.values.size()) +
                                                       " rows, the trace " + std::to_string(t->height));
        for (std::size_t r = 0; r < t->height; ++r)
            if (t->at(r, f.column) != f.values[r]) {
                auto rej = shape(air.name, "fixed_column", "column " + air.columns[f.column] +
                                                               " differs from the preprocessed table");
                rej.row = r;
                return rej;
            }
    }
    return std::nullopt;
}

// R77: whether row r of a computed table holds (multiplicity 0, or outputs = function(inputs)).
bool computed_row_holds(const ComputedTable& c, const Trace& t, std::size_t r) {
    if (t.at(r, c.multiplicity).is_zero()) return true;
    std::vector<BabyBear> in;
    for (auto col : c.inputs) in.push_back(t.at(r, col));
    std::vector<BabyBear> out = c.function(in);
    for (std::size_t i = 0; i < c.outputs.size(); ++i)
        if (i >= out.size() || t.at(r, c.outputs[i]) != out[i]) return false;
    return true;
}

std::optional<Rejection> check_constraints(const Air& air, const Trace& t) {
    for (std::size_t r = 0; r < t.height; ++r) {
        for (const ComputedTable& c : air.computed) {
            if (computed_row_holds(c, t, r)) continue;
            Rejection rej;
            rej.kind = RejectionKind::Constraint;
            rej.chip = air.name;
            rej.row = r;
            rej.constraint = c.name;
            rej.rule = c.rule;
            rej.detail = c.name + " fails on row " + std::to_string(r) + " of " + air.name +
                         ": the output columns are not the computed function of the input columns";
            return rej;
        }
        RowView v = view(t, r);
        for (const Constraint& c : air.constraints) {
            if (!applies(c.scope, r, t.height)) continue;
            BabyBear value = eval(c.expr, v);
            if (value.is_zero()) continue;
            Rejection rej;
            rej.kind = RejectionKind::Constraint;
            rej.chip = air.name;
            rej.row = r;
            rej.constraint = c.name;
            rej.rule = c.rule;
            rej.detail = c.name + " evaluates to " + std::to_string(value.v) + " on row " + std::to_string(r) +
                         " of " + air.name + ": " + to_string(c.expr, air.columns, air.public_values);
            return rej;
        }
    }
    return std::nullopt;
}
}  // namespace

std::vector<std::pair<std::string, std::size_t>> failing_constraints(const Air& air, const Trace& t) {
    std::vector<std::pair<std::string, std::size_t>> out;
    if (t.width != air.width()) return out;
    for (const ComputedTable& c : air.computed)
        for (std::size_t r = 0; r < t.height; ++r)
            if (!computed_row_holds(c, t, r)) {
                out.emplace_back(c.name, r);
                break;
            }
    for (const Constraint& c : air.constraints)
        for (std::size_t r = 0; r < t.height; ++r)
            if (applies(c.scope, r, t.height) && !eval(c.expr, view(t, r)).is_zero()) {
                out.emplace_back(c.name, r);
                break;
            }
    return out;
}

std::vector<BusEntry> bus_entries(const std::vector<Air>& airs, const std::vector<Trace>& traces, bool keep_balanced) {
    // Key: bus id, then the exact message (its length included): bus id is part of the
    // message's identity (audit class B8).
    std::map<std::pair<std::uint32_t, std::vector<std::uint32_t>>, BusEntry> acc;
    for (const Air& air : airs) {
        const Trace* t = nullptr;
        for (const auto& tr : traces)
            if (tr.chip == air.name) t = &tr;
        if (!t || t->width != air.width() || t->height == 0) continue;
        for (std::size_t r = 0; r < t->height; ++r) {
            RowView v = view(*t, r);
            for (const Interaction& it : air.interactions) {
                BabyBear count = eval(it.count, v);
                if (count.is_zero()) continue;
                std::vector<std::uint32_t> key;
                std::vector<BabyBear> msg;
                for (const Expr& e : it.message) {
                    msg.push_back(eval(e, v));
                    key.push_back(msg.back().v);
                }
                BusEntry& entry = acc[{it.bus, key}];
                entry.bus = it.bus;
                entry.message = msg;
                entry.net += it.direction == Direction::Send ? count : -count;
                if (entry.places.size() < MAX_PLACES)
                    entry.places.push_back(BusPlace{air.name, r, it.name, it.rule, it.direction, count});
            }
        }
    }
    std::vector<BusEntry> out;
    for (auto& [k, e] : acc)
        if (keep_balanced || !e.net.is_zero()) out.push_back(std::move(e));
    return out;
}

std::uint64_t logup_interaction_count(const std::vector<Air>& airs, const std::vector<Trace>& traces) {
    std::uint64_t total = 0;
    for (const Air& air : airs)
        for (const auto& t : traces)
            if (t.chip == air.name) total += static_cast<std::uint64_t>(t.height) * air.interactions.size();
    return total;
}

Verdict check(const std::vector<Air>& airs, const std::vector<Trace>& traces) {
    auto find = [&](const std::string& name) -> const Trace* {
        for (const auto& t : traces)
            if (t.chip == name) return &t;
        return nullptr;
    };
    for (const Air& air : airs)
        if (auto rej = check_shape(air, find(air.name))) return Verdict{false, rej, {}};
    for (const auto& t : traces) {
        bool known = false;
        for (const Air& air : airs) known = known || air.name == t.chip;
        if (!known) return Verdict{false, shape(t.chip, "unknown_chip", "no AIR named " + t.chip), {}};
    }
    // R41a: beyond p interactions a multiplicity can wrap (B4) and balance proves nothing.
    if (const std::uint64_t n = logup_interaction_count(airs, traces); !within_logup_bound(n)) {
        Rejection rej = shape("all", "logup_bound",
                              "Σ height × interactions = " + std::to_string(n) + " reaches p = " + std::to_string(BabyBear::P) +
                                  ": bus balance no longer implies multiset equality (R41a)");
        rej.rule = "R41a";
        return Verdict{false, rej, {}};
    }
    // Constraints chip by chip, in parallel for large traces (chips are independent); the verdict
    // is still the first failure in AIR order, whatever thread found it.
    std::vector<std::optional<Rejection>> failures(airs.size());
    std::vector<std::function<void()>> tasks;
    std::size_t work = 0;
    for (std::size_t i = 0; i < airs.size(); ++i) {
        work += find(airs[i].name)->cells.size() * (airs[i].constraints.size() + 1);
        tasks.push_back([&, i] { failures[i] = check_constraints(airs[i], *find(airs[i].name)); });
    }
    run_tasks(tasks, work);
    for (auto& f : failures)
        if (f) return Verdict{false, std::move(f), {}};
    auto unbalanced = bus_entries(airs, traces, false);
    if (!unbalanced.empty()) {
        const BusEntry& e = unbalanced.front();
        Rejection rej;
        rej.kind = RejectionKind::Bus;
        rej.rule = "R41";
        rej.bus = e.bus;
        rej.message = e.message;
        rej.net = e.net;
        rej.places = e.places;
        if (!e.places.empty()) {
            rej.chip = e.places.front().chip;
            rej.row = e.places.front().row;
            rej.constraint = e.places.front().interaction;
        }
        std::ostringstream os;
        os << bus_name(e.bus) << " message [";
        for (std::size_t i = 0; i < e.message.size(); ++i) os << (i ? ", " : "") << e.message[i].v;
        // R301: the count as a signed integer (p - 1 is -1), with its field value beside it.
        os << "] has net multiplicity " << signed_multiplicity(e.net) << " (sends minus receives; " << e.net.v
           << " mod p)";
        rej.detail = os.str();
        return Verdict{false, rej, {}};
    }
    return Verdict{true, std::nullopt, {}};
}

std::vector<Unchecked> not_checked_by(const std::vector<Air>& airs, std::uint32_t chunk) {
    if (chunk == 1) return {};
    // R62: on the persistent side OpenVM gets address uniqueness and the initial values from the
    // Merkle bus (the boundary's leaves against the committed initial root). Without a chip on
    // that bus two e = +1 rows for one chunk balance, so say so rather than let "accepted" stand
    // for memory consistency.
    for (const Air& a : airs)
        for (const Interaction& it : a.interactions)
            if (it.bus == MERKLE_BUS) return {};
    return {Unchecked{"R62",
                      "persistent boundary: address uniqueness and initial values rest on the Merkle side "
                      "(Merkle bus, Poseidon2 compression, initial root), which is not modelled; "
                      "two initial rows for one chunk with different values are not rejected"}};
}

Verdict check(const TraceSet& traces) {
    if (auto s = traceable(traces.config, traces.chunk, traces.variant); !s)
        return Verdict{false, shape("config", "config", s.error().message), {}};
    auto airs = make_chip_set(traces.config, traces.chunk, traces.variant).airs();
    Verdict v = check(airs, traces.traces);
    v.not_checked = not_checked_by(airs, traces.chunk);
    return v;
}

std::string to_text(const Verdict& v) {
    std::string out = v.accepted ? std::string("accepted\n") : to_text(*v.reason);
    for (const auto& u : v.not_checked) out += "  not checked (" + u.rule + "): " + u.what + "\n";
    return out;
}

std::int64_t signed_multiplicity(BabyBear count) {
    const std::int64_t v = count.v;
    return v > static_cast<std::int64_t>(BabyBear::P / 2) ? v - static_cast<std::int64_t>(BabyBear::P) : v;
}

std::string to_text(const Rejection& r) {
    std::ostringstream os;
    os << "rejected (" << to_string(r.kind) << ", " << r.rule << "): " << r.chip;
    if (r.row) os << " row " << *r.row;
    if (!r.constraint.empty()) os << " " << r.constraint;
    os << "\n  " << r.detail << "\n";
    for (const auto& p : r.places)
        os << "  " << to_string(p.direction) << " by " << p.chip << " row " << p.row << " (" << p.interaction << ", "
           << p.rule << ") count " << signed_multiplicity(p.count) << "\n";
    return os.str();
}

}  // namespace memspec::air
