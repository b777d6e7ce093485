#include "explain/story.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "spec/air/messages.hpp"

namespace memspec::explain {

using namespace memspec::air;  // the story is told in the AIR's words

std::int64_t signed_count(BabyBear net) { return signed_multiplicity(net); }

namespace {

void collect(const Node& n, std::set<std::pair<std::uint32_t, bool>>& out) {
    switch (n.kind) {
    case NodeKind::Local: out.insert({n.index, false}); break;
    case NodeKind::Next: out.insert({n.index, true}); break;
    case NodeKind::Add:
    case NodeKind::Sub:
    case NodeKind::Mul:
        collect(*n.lhs, out);
        collect(*n.rhs, out);
        break;
    default: break;
    }
}

std::string values_text(const std::vector<std::uint32_t>& v) {
    std::ostringstream os;
    os << "(";
    for (std::size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
    os << ")";
    return os.str();
}

std::string block_text(const MemoryMessageView& m) {
    std::ostringstream os;
    os << "address space " << m.address_space << ", cell" << (m.values.size() == 1 ? " " : "s ") << m.pointer;
    if (m.values.size() > 1) os << ".." << (static_cast<std::uint64_t>(m.pointer) + m.values.size() - 1);
    return os.str();
}

// A timestamp as a reader sees it: above p/2 it can only have come around the field (R250).
std::string timestamp_text(std::uint32_t ts) {
    const std::int64_t s = signed_count(BabyBear::from_canonical(ts));
    if (s >= 0) return std::to_string(ts);
    return std::to_string(ts) + " (= p - " + std::to_string(-s) + ", wrapped around the field)";
}

const Air* find_air(const std::vector<Air>& airs, const std::string& name) {
    for (const auto& a : airs)
        if (a.name == name) return &a;
    return nullptr;
}
const Trace* find_trace(const std::vector<Trace>& traces, const std::string& name) {
    for (const auto& t : traces)
        if (t.chip == name) return &t;
    return nullptr;
}

// The value of column `name` on `row` of `chip`, when the chip has that column and row.
std::optional<std::uint32_t> cell(const std::vector<Air>& airs, const std::vector<Trace>& traces,
                                  const std::string& chip, std::size_t row, std::string_view name) {
    const Air* a = find_air(airs, chip);
    const Trace* t = find_trace(traces, chip);
    if (!a || !t) return std::nullopt;
    auto c = a->column(name);
    if (!c || row >= t->height || *c >= t->width) return std::nullopt;
    return t->at(row, *c).v;
}

std::string place_text(const BusPlace& p) {
    std::ostringstream os;
    os << (p.direction == Direction::Send ? "sent by " : "received by ") << p.chip << " row " << p.row << " ("
       << p.interaction << ", " << p.rule << ", count " << signed_count(p.count) << ")";
    return os.str();
}

void tell_constraint(const std::vector<Air>& airs, const std::vector<Trace>& traces, const Rejection& r,
                     std::vector<std::string>& out) {
    const Air* a = find_air(airs, r.chip);
    const Trace* t = find_trace(traces, r.chip);
    const Constraint* c = a ? a->find_constraint(r.constraint) : nullptr;
    if (!a || !t || !c || !r.row || *r.row >= t->height) return;
    std::ostringstream os;
    os << r.chip << " row " << *r.row << " breaks " << c->name << " (" << c->rule << ", " << to_string(c->scope)
       << "): " << to_string(c->expr, a->columns, a->public_values) << " != 0; it reads";
    const std::size_t next_row = (*r.row + 1) % t->height;
    bool first = true;
    for (const ColumnRef& ref : columns_read(c->expr)) {
        if (ref.column >= t->width) continue;
        os << (first ? " " : ", ") << a->columns[ref.column] << (ref.next ? "'" : "") << " = "
           << t->at(ref.next ? next_row : *r.row, ref.column).v;
        first = false;
    }
    out.push_back(os.str());
}

}  // namespace

std::vector<ColumnRef> columns_read(const Expr& e) {
    std::set<std::pair<std::uint32_t, bool>> refs;
    if (e.node) collect(*e.node, refs);
    std::vector<ColumnRef> out;
    for (auto [c, n] : refs) out.push_back({c, n});
    return out;
}

MemoryMessageView memory_message(const std::vector<BabyBear>& message) {
    using L = MemoryMessageLayout;
    MemoryMessageView m;
    if (message.size() < L::PARTS_BESIDE_VALUES) return m;
    m.address_space = message[L::ADDRESS_SPACE].v;
    m.pointer = message[L::POINTER].v;
    for (std::size_t i = 0; i < L::value_count(message.size()); ++i) m.values.push_back(message[L::value(i)].v);
    m.timestamp = message[L::timestamp(message.size())].v;
    return m;
}

std::vector<std::string> memory_story(const std::vector<Air>& airs, const std::vector<Trace>& traces,
                                      const Verdict& verdict, std::size_t limit) {
    std::vector<std::string> out;
    if (verdict.accepted || !verdict.reason) return out;
    const Rejection& r = *verdict.reason;
    if (r.kind == RejectionKind::Constraint) tell_constraint(airs, traces, r, out);
    if (r.kind == RejectionKind::Shape) return out;  // the traces are not of these chips: no memory to tell

    auto unbalanced = bus_entries(airs, traces, false);
    // The reads come first: a message an access row received and nobody sent is the memory story's
    // subject (R300); what it leaves unbalanced elsewhere follows.
    std::stable_partition(unbalanced.begin(), unbalanced.end(), [&](const BusEntry& e) {
        return e.bus == MEMORY_BUS && std::any_of(e.places.begin(), e.places.end(), [&](const BusPlace& p) {
                   return p.direction == Direction::Receive && cell(airs, traces, p.chip, p.row, "prev_timestamp");
               });
    });
    std::optional<std::vector<BusEntry>> all;  // every memory-bus message, computed once when needed
    std::size_t told = 0;
    for (const BusEntry& e : unbalanced) {
        if (told == limit) {
            out.push_back("... and " + std::to_string(unbalanced.size() - told) + " more unbalanced messages");
            break;
        }
        ++told;
        const std::int64_t n = signed_count(e.net);
        if (e.bus != MEMORY_BUS) {
            std::ostringstream os;
            os << bus_name(e.bus) << " bus message [";
            for (std::size_t i = 0; i < e.message.size(); ++i) os << (i ? ", " : "") << e.message[i].v;
            os << "] nets " << n << (n < 0 ? ": received more often than sent" : ": sent more often than received");
            for (const auto& p : e.places) os << "; " << place_text(p);
            out.push_back(os.str());
            continue;
        }
        const MemoryMessageView m = memory_message(e.message);
        std::ostringstream os;
        os << "memory-bus message: " << block_text(m) << " holding " << values_text(m.values) << " at timestamp "
           << timestamp_text(m.timestamp) << " nets " << n
           << (n < 0 ? " (consumed more often than produced)" : " (produced more often than consumed)");
        out.push_back(os.str());
        std::optional<std::uint32_t> access_time;
        for (const BusPlace& p : e.places) {
            out.push_back("  " + place_text(p));
            // R300: a receive by an access row is a read of what memory held: tell it as that read.
            auto ts = cell(airs, traces, p.chip, p.row, "timestamp");
            auto prev = cell(airs, traces, p.chip, p.row, "prev_timestamp");
            if (p.direction == Direction::Receive && ts && prev && !access_time) {
                access_time = ts;
                const auto is_write = cell(airs, traces, p.chip, p.row, "is_write");
                std::ostringstream s;
                s << "  the access at timestamp " << *ts << " (" << p.chip << " row " << p.row << ", a "
                  << (is_write && *is_write ? "write" : "read") << ") found " << values_text(m.values) << " in "
                  << block_text(m) << ", last written at timestamp " << timestamp_text(m.timestamp);
                out.push_back(s.str());
            }
        }
        if (n > 0) continue;
        // The write it should have seen: another block of the same cells that was produced, the
        // latest one before the access (or, with no access row, the latest one).
        if (!all) all = bus_entries(airs, traces, true);
        const BusEntry* best = nullptr;
        MemoryMessageView best_m;
        for (const BusEntry& o : *all) {
            if (o.bus != MEMORY_BUS || o.message == e.message || o.message.size() != e.message.size()) continue;
            const MemoryMessageView om = memory_message(o.message);
            if (om.address_space != m.address_space || om.pointer != m.pointer) continue;
            const bool sent = std::any_of(o.places.begin(), o.places.end(),
                                          [](const BusPlace& p) { return p.direction == Direction::Send; });
            if (!sent || signed_count(BabyBear::from_canonical(om.timestamp)) < 0) continue;
            if (access_time && om.timestamp >= *access_time) continue;
            if (!best || om.timestamp > best_m.timestamp) best = &o, best_m = om;
        }
        if (!best) {
            out.push_back("  no other block of these cells was produced before it: nothing wrote what it read");
            continue;
        }
        std::string by;
        for (const BusPlace& p : best->places)
            if (p.direction == Direction::Send) {
                by = p.chip + " row " + std::to_string(p.row);
                break;
            }
        out.push_back("  it should have seen " + values_text(best_m.values) + ", written at timestamp " +
                      std::to_string(best_m.timestamp) + " (sent by " + by + ")");
    }
    return out;
}

}  // namespace memspec::explain
