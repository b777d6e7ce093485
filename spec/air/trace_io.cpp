#include "spec/air/trace_io.hpp"

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "spec/air/chips.hpp"
#include "spec/air/tracegen.hpp"
#include "spec/interchange/interchange.hpp"
#include "spec/vocabulary/strict_json.hpp"

namespace memspec::air {

using ojson = nlohmann::ordered_json;

namespace {
// One JSON form for configs everywhere: the interchange format's (spec/interchange/interchange.hpp).
ojson config_json(const MemoryConfig& c) { return ojson::parse(to_json(c)); }

struct Fail {
    std::string msg;
};
[[noreturn]] void fail(std::string msg) { throw Fail{std::move(msg)}; }

void only_keys(const nlohmann::json& j, const std::set<std::string>& keys, const std::string& where) {
    if (!j.is_object()) fail(where + " must be an object");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!keys.count(it.key())) fail(where + " has unknown key '" + it.key() + "'");
}
std::uint64_t get_u64(const nlohmann::json& j, const std::string& where) {
    if (!j.is_number_unsigned()) fail(where + " must be a non-negative integer");
    return j.get<std::uint64_t>();
}
std::uint32_t get_u32(const nlohmann::json& j, const std::string& where) {
    std::uint64_t v = get_u64(j, where);
    if (v > 0xFFFFFFFFull) fail(where + " does not fit in 32 bits");
    return static_cast<std::uint32_t>(v);
}
BabyBear get_value(const nlohmann::json& j, const std::string& where) {
    auto v = BabyBear::from_u64(get_u64(j, where));
    if (!v) fail(where + " is not below p = 2013265921 (R1)");
    return *v;
}
const nlohmann::json& need(const nlohmann::json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) fail(where + " lacks '" + key + "'");
    return j[key];
}
}  // namespace

std::string traces_to_json(const TraceSet& set, int indent, RangeTable range_table) {
    ChipSet chips = make_chip_set(set.config, set.chunk, set.variant);
    ojson out{{"format", "memspec-traces"}, {"version", 1}, {"config", config_json(set.config)}, {"chunk", set.chunk}};
    // R251: only a trace set of another variant than OpenVM v1.0's names it, so v1.0 files keep their bytes.
    if (set.variant != Variant::OpenVmV1_0) out["variant"] = std::string(to_string(set.variant));
    // R307: a derived table is named, never silently missing.
    const bool derived = range_table == RangeTable::Derived;
    if (derived) out["range_checker"] = "derived";
    ojson arr = ojson::array();
    for (const Air& air : chips.airs()) {
        const Trace* t = set.find(air.name);
        if (!t || (derived && air.name == "range_checker")) continue;
        ojson pv = ojson::object();
        for (std::size_t i = 0; i < air.public_values.size() && i < t->public_values.size(); ++i)
            pv[air.public_values[i]] = t->public_values[i].v;
        ojson rows = ojson::array();
        for (std::size_t r = 0; r < t->height; ++r) {
            ojson row = ojson::array();
            for (std::size_t c = 0; c < t->width; ++c) row.push_back(t->at(r, c).v);
            rows.push_back(std::move(row));
        }
        arr.push_back(ojson{{"name", air.name}, {"columns", air.columns}, {"public_values", pv}, {"rows", rows}});
    }
    out["chips"] = std::move(arr);
    return out.dump(indent);
}

std::string traces_to_csv(const TraceSet& set) {
    ChipSet chips = make_chip_set(set.config, set.chunk, set.variant);
    std::ostringstream os;
    const ojson cfg = config_json(set.config);
    os << "# config";
    for (auto it = cfg.begin(); it != cfg.end(); ++it) os << "," << it.key() << "=" << it.value().dump();
    os << ",chunk=" << set.chunk;
    if (set.variant != Variant::OpenVmV1_0) os << ",variant=" << to_string(set.variant);
    os << "\n";
    for (const Air& air : chips.airs()) {
        const Trace* t = set.find(air.name);
        if (!t) continue;
        os << "# chip," << air.name << ",height=" << t->height << "\n";
        if (!air.public_values.empty()) {
            os << "# public_values";
            for (std::size_t i = 0; i < air.public_values.size(); ++i)
                os << "," << air.public_values[i] << "=" << t->public_values[i].v;
            os << "\n";
        }
        os << "row";
        for (const auto& c : air.columns) os << "," << c;
        os << "\n";
        for (std::size_t r = 0; r < t->height; ++r) {
            os << r;
            for (std::size_t c = 0; c < t->width; ++c) os << "," << t->at(r, c).v;
            os << "\n";
        }
    }
    return os.str();
}

Result<TraceSet> parse_traces(std::string_view text) {
    // R150: a chip's rows given twice, a duplicate public value or chunk, bytes after the document:
    // refused here, before any key is looked at (nlohmann's own parse would keep the last value).
    auto parsed = parse_json_strict(text);
    if (!parsed) return make_error(ErrorKind::ParseError, "traces: " + parsed.error().message);
    const nlohmann::json& j = *parsed;
    try {
        only_keys(j, {"format", "version", "config", "chunk", "variant", "range_checker", "chips"}, "traces");
        if (need(j, "format", "traces") != "memspec-traces") fail("traces.format must be \"memspec-traces\"");
        if (get_u64(need(j, "version", "traces"), "traces.version") != 1) fail("traces.version must be 1");
        TraceSet set;
        const auto& cj = need(j, "config", "traces");
        auto config = parse_config(cj.dump());
        if (!config) return config.error();
        set.config = *config;
        set.chunk = get_u32(need(j, "chunk", "traces"), "traces.chunk");
        if (j.contains("variant")) {
            const auto& vj = j["variant"];
            auto v = vj.is_string() ? parse_variant(vj.get<std::string>()) : std::nullopt;
            if (!v) fail("traces.variant must be \"openvm-v1.0\", \"fixed-adapter\" (R251) or \"openvm-v2.0\" (R231)");
            set.variant = *v;
        }
        if (auto s = traceable(set.config, set.chunk, set.variant); !s) return s.error();
        if (j.contains("range_checker")) {
            if (j["range_checker"] != "derived")
                fail("traces.range_checker must be \"derived\" (R307): the only other choice is to give its trace in chips");
            set.range_checker_derived = true;
        }
        ChipSet chips = make_chip_set(set.config, set.chunk, set.variant);
        auto airs = chips.airs();
        const auto& arr = need(j, "chips", "traces");
        if (!arr.is_array()) fail("traces.chips must be an array");
        for (const auto& cj2 : arr) {
            only_keys(cj2, {"name", "columns", "public_values", "rows"}, "chip");
            const auto& nm = need(cj2, "name", "chip");
            if (!nm.is_string()) fail("chip.name must be a string");
            Trace t;
            t.chip = nm.get<std::string>();
            const Air* air = nullptr;
            for (const auto& a : airs)
                if (a.name == t.chip) air = &a;
            if (!air) fail("no AIR named '" + t.chip + "' for this config and chunk");
            if (set.find(t.chip)) fail("chip '" + t.chip + "' appears twice");
            if (set.range_checker_derived && t.chip == "range_checker")
                fail("chip range_checker is given although traces.range_checker is \"derived\" (R307): give one or the other");
            const std::string where = "chip " + t.chip;
            if (cj2.contains("columns")) {
                const auto& cols = cj2["columns"];
                if (!cols.is_array() || cols.size() != air->columns.size()) fail(where + ": columns differ from the AIR's");
                for (std::size_t i = 0; i < cols.size(); ++i)
                    if (!cols[i].is_string() || cols[i].get<std::string>() != air->columns[i])
                        fail(where + ": column " + std::to_string(i) + " is not '" + air->columns[i] + "'");
            }
            t.width = air->width();
            t.public_values.assign(air->public_values.size(), BabyBear{});
            if (cj2.contains("public_values")) {
                const auto& pv = cj2["public_values"];
                if (!pv.is_object()) fail(where + ": public_values must be an object");
                for (auto it = pv.begin(); it != pv.end(); ++it) {
                    bool found = false;
                    for (std::size_t i = 0; i < air->public_values.size(); ++i)
                        if (air->public_values[i] == it.key()) {
                            t.public_values[i] = get_value(it.value(), where + " public value " + it.key());
                            found = true;
                        }
                    if (!found) fail(where + ": unknown public value '" + it.key() + "'");
                }
            }
            const auto& rows = need(cj2, "rows", where);
            if (!rows.is_array()) fail(where + ": rows must be an array");
            t.height = rows.size();
            t.cells.reserve(t.height * t.width);
            for (std::size_t r = 0; r < rows.size(); ++r) {
                if (!rows[r].is_array() || rows[r].size() != t.width)
                    fail(where + ": row " + std::to_string(r) + " must have " + std::to_string(t.width) + " values");
                for (const auto& v : rows[r]) t.cells.push_back(get_value(v, where + " row " + std::to_string(r)));
            }
            set.traces.push_back(std::move(t));
        }
        if (set.range_checker_derived) {
            // R307: the fixed table with zero multiplicities, then every other chip's requests counted.
            Trace rc = empty_trace(chips.range_checker.air, range_table_height(set.config.decomp));
            for (const FixedColumn& f : chips.range_checker.air.fixed)
                for (std::size_t r = 0; r < rc.height; ++r) rc.at(r, f.column) = f.values[r];
            set.traces.push_back(std::move(rc));
            fill_range_counts(airs, set);
        }
        return set;
    } catch (const Fail& e) {
        return make_error(ErrorKind::ParseError, "traces: " + e.msg);
    } catch (const nlohmann::json::exception& e) {
        return make_error(ErrorKind::ParseError, std::string("traces: ") + e.what());
    }
}

void rederive_range_table(const std::vector<Air>& airs, TraceSet& set) {
    if (set.range_checker_derived) fill_range_counts(airs, set);
}

namespace {
// R62: the gaps of a verdict, as an array of {rule, what}; omitted when there are none.
void add_not_checked(ojson& out, const Verdict& v) {
    if (v.not_checked.empty()) return;
    ojson a = ojson::array();
    for (const auto& u : v.not_checked) a.push_back(ojson{{"rule", u.rule}, {"what", u.what}});
    out["not_checked"] = a;
}
}  // namespace

std::string verdict_to_json(const Verdict& v, int indent) {
    if (v.accepted) {
        ojson out{{"verdict", "accepted"}};
        add_not_checked(out, v);
        return out.dump(indent);
    }
    const Rejection& r = *v.reason;
    ojson reason{{"kind", std::string(to_string(r.kind))}, {"chip", r.chip}};
    reason["row"] = r.row ? ojson(*r.row) : ojson(nullptr);
    reason["constraint"] = r.constraint;
    reason["rule"] = r.rule;
    reason["detail"] = r.detail;
    if (r.kind == RejectionKind::Bus) {
        reason["bus"] = r.bus;
        reason["bus_name"] = bus_name(r.bus);
        ojson m = ojson::array();
        for (auto x : r.message) m.push_back(x.v);
        reason["message"] = m;
        reason["net"] = r.net.v;
        ojson places = ojson::array();
        for (const auto& p : r.places)
            places.push_back(ojson{{"chip", p.chip},
                                   {"row", p.row},
                                   {"interaction", p.interaction},
                                   {"rule", p.rule},
                                   {"direction", std::string(to_string(p.direction))},
                                   {"count", p.count.v}});
        reason["places"] = places;
    }
    ojson out{{"verdict", "rejected"}, {"reason", reason}};
    add_not_checked(out, v);
    return out.dump(indent);
}

}  // namespace memspec::air
