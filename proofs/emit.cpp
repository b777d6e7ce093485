#include "proofs/emit.hpp"

#include <algorithm>

#include "proofs/props_util.hpp"
#include "spec/air/tracegen.hpp"

namespace memspec::proofs {

namespace {

struct Candidate {
    MemoryConfig config;
    std::uint32_t chunk;
};

// The configuration whose chip set has every block's chip (same name, same width).
std::optional<Candidate> config_of(const std::vector<std::pair<std::string, std::size_t>>& chips) {
    bool persistent = false;
    for (const auto& [n, w] : chips) persistent = persistent || n == "persistent_boundary";
    const std::uint32_t chunk = persistent ? 8 : 1;
    for (const MemoryConfig& cfg : {detail::small_config(), MemoryConfig{}}) {
        auto airs = air::make_chip_set(cfg, chunk).airs();
        bool all = true;
        for (const auto& [n, w] : chips) {
            auto it = std::find_if(airs.begin(), airs.end(), [&](const air::Air& a) { return a.name == n; });
            all = all && it != airs.end() && it->width() == w;
        }
        if (all) return Candidate{cfg, chunk};
    }
    return std::nullopt;
}

std::vector<std::string> removed(const air::Air& sound, const air::Air& weak) {
    std::vector<std::string> out;
    for (const auto& c : sound.constraints)
        if (!weak.find_constraint(c.name)) out.push_back(c.name);
    for (const auto& i : sound.interactions)
        if (!weak.find_interaction(i.name)) out.push_back(i.name);
    return out;
}

}  // namespace

nlohmann::json fixture_info(const Problem& p, const Assignment& a) {
    std::vector<std::pair<std::string, std::size_t>> chips;
    for (const auto& b : p.blocks) chips.emplace_back(b.air.name, b.air.width());
    auto cand = config_of(chips);
    if (!cand) return nullptr;
    auto airs = air::make_chip_set(cand->config, cand->chunk).airs();
    nlohmann::json info{{"balanced", p.memory_bus_balanced},
                        {"completeness", p.air_role == AirRole::Goal},
                        {"publics", nlohmann::json::object()}};
    nlohmann::json blocks = nlohmann::json::array();
    for (std::uint32_t b = 0; b < p.blocks.size(); ++b) {
        const air::Air& weak = p.blocks[b].air;
        const air::Air& sound = *std::find_if(airs.begin(), airs.end(), [&](const air::Air& x) { return x.name == weak.name; });
        blocks.push_back({{"chip", weak.name}, {"without", removed(sound, weak)}});
        std::vector<std::uint32_t> pv;
        for (const auto& v : a.publics[b]) pv.push_back(v.v);
        if (!pv.empty()) info["publics"][weak.name] = pv;
    }
    info["blocks"] = blocks;
    info["max_access_adapter_n"] = cand->config.max_access_adapter_n;
    info["chunk"] = cand->chunk;
    return info;
}

std::vector<air::Air> weakened_airs(const air::TraceSet& traces, const std::vector<std::string>& without) {
    auto airs = air::make_chip_set(traces.config, traces.chunk).airs();
    for (auto& a : airs) {
        std::erase_if(a.constraints, [&](const air::Constraint& c) {
            return std::find(without.begin(), without.end(), c.name) != without.end();
        });
        std::erase_if(a.interactions, [&](const air::Interaction& i) {
            return std::find(without.begin(), without.end(), i.name) != without.end();
        });
    }
    return airs;
}

memspec::Result<Fixture> make_fixture(const nlohmann::json& rows, const nlohmann::json& info) {
    if (info.is_null() || !info.contains("blocks"))
        return make_error(ErrorKind::Untraceable, "the problem's chips are no memspec chip set (a gadget on its own AIR)");
    Fixture f;
    MemoryConfig cfg = detail::small_config();
    cfg.max_access_adapter_n = info["max_access_adapter_n"];
    f.traces.config = cfg;
    f.traces.chunk = info["chunk"];
    f.balanced = info["balanced"];
    f.completeness = info.value("completeness", false);
    for (const auto& b : info["blocks"])
        for (const auto& n : b["without"]) f.without.push_back(n);
    const auto airs = weakened_airs(f.traces, f.without);
    for (const air::Air& a : airs) {
        std::vector<const nlohmann::json*> mine;
        for (const auto& r : rows)
            if (r["chip"] == a.name) mine.push_back(&r);
        air::Trace t = air::empty_trace(a, mine.size());
        if (a.name == "range_checker") {
            t = air::empty_trace(a, air::range_table_height(cfg.decomp));
            for (const auto& fc : a.fixed)
                for (std::size_t r = 0; r < t.height; ++r) t.at(r, fc.column) = fc.values[r];
        }
        for (std::size_t r = 0; r < mine.size(); ++r)
            for (std::size_t c = 0; c < a.width(); ++c)
                t.at(r, c) = BabyBear::from_canonical((*mine[r])["cells"].at(a.columns[c]).get<std::uint32_t>());
        t.public_values.assign(a.public_values.size(), BabyBear{});
        if (info["publics"].contains(a.name)) {
            const auto& pv = info["publics"][a.name];
            for (std::size_t i = 0; i < pv.size() && i < t.public_values.size(); ++i)
                t.public_values[i] = BabyBear::from_canonical(pv[i].get<std::uint32_t>());
        } else if (a.name == "system") {
            // Not part of the problem: the honest system row of a run that ends at timestamp 1.
            t.public_values = {BabyBear::from_canonical(1), BabyBear::from_canonical(1)};
            t.at(0, 0) = BabyBear::from_canonical(1);
        }
        f.traces.traces.push_back(std::move(t));
    }
    air::fill_range_counts(airs, f.traces);
    return f;
}

}  // namespace memspec::proofs
