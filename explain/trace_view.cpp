#include "explain/trace_view.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "explain/story.hpp"
#include "spec/air/chips.hpp"
#include "spec/air/check.hpp"
#include "spec/air/trace_io.hpp"

namespace memspec::explain {
namespace {

// R341: no message and no row is left out, whatever the set's size: the page draws them a page at a
// time (html_page.cpp). To keep a page of 10^5 rows small, a message is an array, not an object,
// and a row keeps only its nonzero cells (the page fills in the zeros).

nlohmann::json field_values(const std::vector<BabyBear>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const BabyBear& x : v) a.push_back(x.v);
    return a;
}

}  // namespace

Result<std::vector<air::Air>> airs_without(const air::TraceSet& set, const std::vector<std::string>& without) {
    if (auto s = air::traceable(set.config, set.chunk, set.variant); !s) return s.error();
    auto airs = air::make_chip_set(set.config, set.chunk, set.variant).airs();
    for (const auto& name : without) {
        bool found = false;
        for (auto& a : airs) {
            const std::size_t before = a.constraints.size() + a.interactions.size();
            std::erase_if(a.constraints, [&](const air::Constraint& c) { return c.name == name; });
            std::erase_if(a.interactions, [&](const air::Interaction& i) { return i.name == name; });
            found = found || a.constraints.size() + a.interactions.size() != before;
        }
        if (!found) return make_error(ErrorKind::ParseError, "without: no constraint or interaction " + name);
    }
    return airs;
}

Result<nlohmann::json> trace_view(const air::TraceSet& set, const std::vector<std::string>& without) {
    // R303: the page judges with the sound AIR, whatever the input's `without`: an exploit that a
    // weakened AIR accepts is drawn with what the sound AIR finds in it, and the weakened verdict beside.
    auto weakened = airs_without(set, without);
    if (!weakened) return weakened.error();
    auto airs = airs_without(set, {});
    if (!airs) return airs.error();
    const air::Verdict verdict = air::check(set);
    nlohmann::json j{{"kind", "traces"},
                     {"variant", std::string(air::to_string(set.variant))},
                     {"chunk", set.chunk},
                     {"without", without},
                     {"verdict", nlohmann::json::parse(air::verdict_to_json(verdict))},
                     {"verdict_text", air::to_text(verdict)},
                     {"story", memory_story(*airs, set.traces, verdict)}};
    if (!without.empty()) {
        air::TraceSet weak_set = set;
        air::rederive_range_table(*weakened, weak_set);  // R307: a derived table counts the weakened AIR's requests
        j["weakened_verdict_text"] = air::to_text(air::check(*weakened, weak_set.traces));
    }
    if (!verdict.accepted && verdict.reason && verdict.reason->kind == air::RejectionKind::Shape) return j;

    std::map<std::string, std::set<std::size_t>> wanted_rows;
    nlohmann::json chips = nlohmann::json::array();
    std::set<std::uint32_t> buses;
    // A place names its chip and interaction by index: (chip, interaction name) -> (chip index, its index).
    std::map<std::string, std::size_t> chip_index;
    std::map<std::pair<std::string, std::string>, std::size_t> interaction_index;
    for (const air::Air& a : *airs) {
        const air::Trace* t = set.find(a.name);
        nlohmann::json inter = nlohmann::json::array();
        for (const auto& i : a.interactions) {
            interaction_index.emplace(std::pair{a.name, i.name}, inter.size());
            inter.push_back({{"name", i.name}, {"bus", i.bus}, {"rule", i.rule},
                             {"direction", std::string(air::to_string(i.direction))}});
            buses.insert(i.bus);
        }
        chip_index.emplace(a.name, chips.size());
        chips.push_back({{"name", a.name}, {"columns", a.columns}, {"height", t ? t->height : 0},
                         {"interactions", std::move(inter)}});
    }
    j["chips"] = std::move(chips);

    // R301: every unbalanced message, with its signed count, and every balanced memory-bus message,
    // so the page shows how blocks move between the chips (R341: all of them, a page at a time).
    // Each message is [bus, values, net, unbalanced, forged, places], a place
    // [chip index, row, 0 send / 1 receive, signed count, interaction index].
    std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> per_bus;  // bus -> (messages, unbalanced)
    nlohmann::json messages = nlohmann::json::array();
    std::size_t balanced_total = 0;
    for (const air::BusEntry& e : air::bus_entries(*airs, set.traces, true)) {
        const bool unbalanced = e.net.v != 0;
        auto& counts = per_bus[e.bus];
        ++counts.first;
        if (unbalanced) ++counts.second;
        if (!unbalanced) {
            if (e.bus != air::MEMORY_BUS) continue;
            ++balanced_total;
        }
        nlohmann::json places = nlohmann::json::array();
        for (const air::BusPlace& p : e.places) {
            const auto ci = chip_index.find(p.chip);
            const auto ii = interaction_index.find({p.chip, p.interaction});
            places.push_back({ci == chip_index.end() ? 0 : ci->second, p.row, p.direction == air::Direction::Send ? 0 : 1,
                              signed_count(p.count), ii == interaction_index.end() ? 0 : ii->second});
            wanted_rows[p.chip].insert(p.row);
        }
        // R304: a timestamp above p/2 came around the field: the message is forged (R250).
        const bool forged = e.bus == air::MEMORY_BUS &&
                            signed_count(BabyBear::from_canonical(memory_message(e.message).timestamp)) < 0;
        messages.push_back({e.bus, field_values(e.message), signed_count(e.net), unbalanced ? 1 : 0, forged ? 1 : 0,
                            std::move(places)});
    }
    nlohmann::json bus_list = nlohmann::json::array();
    for (std::uint32_t b : buses)
        bus_list.push_back({{"id", b}, {"name", air::bus_name(b)}, {"messages", per_bus[b].first},
                            {"unbalanced", per_bus[b].second}});
    j["buses"] = std::move(bus_list);
    j["messages"] = std::move(messages);
    j["balanced_memory_messages"] = balanced_total;

    // R300: every failing constraint (first failing row each) with the columns it reads.
    nlohmann::json failures = nlohmann::json::array();
    for (const air::Air& a : *airs) {
        const air::Trace* t = set.find(a.name);
        if (!t || t->width != a.width()) continue;
        for (const auto& [name, row] : air::failing_constraints(a, *t)) {
            const air::Constraint* c = a.find_constraint(name);
            nlohmann::json reads = nlohmann::json::array();
            if (c)
                for (const ColumnRef& ref : columns_read(c->expr))
                    reads.push_back({{"column", a.columns[ref.column]}, {"next", ref.next},
                                     {"value", t->at(ref.next ? (row + 1) % t->height : row, ref.column).v}});
            failures.push_back({{"chip", a.name}, {"row", row}, {"constraint", name}, {"rule", c ? c->rule : ""},
                                {"expr", c ? air::to_string(c->expr, a.columns, a.public_values) : ""},
                                {"reads", std::move(reads)}});
            wanted_rows[a.name].insert(row);
        }
    }
    j["failures"] = std::move(failures);

    nlohmann::json rows = nlohmann::json::object();
    for (const auto& [chip, set_rows] : wanted_rows) {
        const air::Trace* t = set.find(chip);
        if (!t) continue;
        for (std::size_t r : set_rows) {
            if (r >= t->height) continue;
            // R341: a row as its nonzero cells, [column, value, column, value, ...]: most of a
            // wide chip's cells are 0 (an access row's unused data lanes).
            nlohmann::json v = nlohmann::json::array();
            for (std::size_t c = 0; c < t->width; ++c)
                if (t->at(r, c).v != 0) {
                    v.push_back(c);
                    v.push_back(t->at(r, c).v);
                }
            rows[chip][std::to_string(r)] = std::move(v);
        }
    }
    j["rows"] = std::move(rows);
    return j;
}

}  // namespace memspec::explain
