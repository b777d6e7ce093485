#include "proofs/emit.hpp"

#include <algorithm>

#include "spec/air/tracegen.hpp"
#include "spec/vocabulary/profile.hpp"
#include "spec/vocabulary/scenario.hpp"
#include "proofs/props_util.hpp"

namespace memspec::proofs {

namespace {

struct Candidate {
    MemoryConfig config;
    std::uint32_t chunk;
    air::Variant variant;
};

const air::Air* find_air(const std::vector<air::Air>& airs, const std::string& name) {
    auto it = std::find_if(airs.begin(), airs.end(), [&](const air::Air& a) { return a.name == name; });
    return it == airs.end() ? nullptr : &*it;
}

// The configuration whose chip set has every block's chip (same name, same width).
std::optional<Candidate> config_of(const std::vector<std::pair<std::string, std::size_t>>& chips) {
    bool persistent = false;
    for (const auto& [n, w] : chips) persistent = persistent || n == "persistent_boundary";
    const std::uint32_t chunk = persistent ? 8 : 1;
    auto fits = [&](const Candidate& cand) {
        auto airs = air::make_chip_set(cand.config, cand.chunk, cand.variant).airs();
        bool all = true;
        for (const auto& [n, w] : chips) {
            const air::Air* a = find_air(airs, n);
            all = all && a && a->width() == w;
        }
        return all;
    };
    // R15, R340: a persistent set's initial blocks are chunks of 8, which only a config with an
    // adapter of 8 cells may split, so a config whose adapters stop at 4 is no persistent profile's
    // (no run has it). Tried first, a config with adapters up to the chunk makes the fixture a trace
    // set every persistent profile's runs could have; the others as before, for chips whose width
    // depends on the adapters.
    MemoryConfig up_to_chunk = detail::small_config();
    up_to_chunk.max_access_adapter_n = std::max(up_to_chunk.max_access_adapter_n, chunk);
    for (const MemoryConfig& cfg : {up_to_chunk, detail::small_config(), MemoryConfig{}})
        if (Candidate c{cfg, chunk, air::Variant::OpenVmV1_0}; fits(c)) return c;
    // R288: OpenVM v2.0's chips (R223): chunk 8 always, R213's configuration (OpenVM's defaults).
    if (Candidate c{MemoryConfig{}, air::PERSISTENT_CHUNK, air::Variant::OpenVmV2_0}; fits(c)) return c;
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

std::optional<FixtureInfo> fixture_info(const Problem& p, const Assignment& a) {
    std::vector<std::pair<std::string, std::size_t>> chips;
    for (const auto& b : p.blocks) chips.emplace_back(b.air.name, b.air.width());
    auto cand = config_of(chips);
    if (!cand) return std::nullopt;
    auto airs = air::make_chip_set(cand->config, cand->chunk, cand->variant).airs();
    FixtureInfo info;
    info.balanced = p.memory_bus_balanced;
    info.completeness = p.air_role == AirRole::Goal;
    for (std::uint32_t b = 0; b < p.blocks.size(); ++b) {
        const air::Air& weak = p.blocks[b].air;
        info.blocks.push_back({weak.name, removed(*find_air(airs, weak.name), weak)});
        std::vector<std::uint32_t> pv;
        for (const auto& v : a.publics[b]) pv.push_back(v.v);
        if (!pv.empty()) info.publics[weak.name] = pv;
    }
    info.max_access_adapter_n = cand->config.max_access_adapter_n;
    info.chunk = cand->chunk;
    info.variant = std::string(air::to_string(cand->variant));
    return info;
}

Result<FixtureInfo> retarget(const FixtureInfo& info, air::Variant variant) {
    auto from = air::parse_variant(info.variant);
    if (!from) return make_error(ErrorKind::Untraceable, "the counterexample names no chip-set variant: " + info.variant);
    if ((*from == air::Variant::OpenVmV2_0) != (variant == air::Variant::OpenVmV2_0))
        return make_error(ErrorKind::Untraceable, "OpenVM v2.0's chips and v1.x's are different chip sets (R223)");
    MemoryConfig cfg = detail::small_config();
    cfg.max_access_adapter_n = info.max_access_adapter_n;
    const auto have = air::make_chip_set(cfg, info.chunk, *from).airs();
    const auto want = air::make_chip_set(cfg, info.chunk, variant).airs();
    for (const auto& b : info.blocks) {
        const air::Air* a = find_air(have, b.chip);
        const air::Air* w = find_air(want, b.chip);
        if (!a || !w || a->columns != w->columns)
            return make_error(ErrorKind::Untraceable, "chip " + b.chip + " is not the same in " + std::string(air::to_string(variant)) +
                                                          "'s chip set, so the counterexample's rows are not one of its traces");
    }
    FixtureInfo out = info;
    out.variant = std::string(air::to_string(variant));
    return out;
}

Result<air::TraceSet> empty_v2_run_traces() {
    Scenario sc;
    sc.profile = *profile_from_name("openvm-v2.0");
    sc.initial_block_size = 4;
    sc.finalize_chunk = 4;
    auto setup = validate_setup(sc);
    if (!setup) return setup.error();
    RunResult run;
    run.final_memory = TimestampedEquipartition{4, {}};
    run.final_timestamp = 1;
    return air::generate_traces(*setup, run, air::Variant::OpenVmV2_0);
}

std::vector<air::Air> weakened_airs(const air::TraceSet& traces, const std::vector<std::string>& without) {
    auto airs = air::make_chip_set(traces.config, traces.chunk, traces.variant).airs();
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

Result<Fixture> make_fixture(const Counterexample& c) {
    if (!c.fixture)
        return make_error(ErrorKind::Untraceable, "the problem's chips are no memspec chip set (a gadget on its own AIR)");
    const FixtureInfo& info = *c.fixture;
    Fixture f;
    MemoryConfig cfg = detail::small_config();
    cfg.max_access_adapter_n = info.max_access_adapter_n;
    f.traces.config = cfg;
    f.traces.chunk = info.chunk;
    auto variant = air::parse_variant(info.variant);
    if (!variant) return make_error(ErrorKind::Untraceable, "the counterexample names no chip-set variant: " + info.variant);
    f.traces.variant = *variant;
    f.balanced = info.balanced;
    f.completeness = info.completeness;
    for (const auto& b : info.blocks) f.without.insert(f.without.end(), b.without.begin(), b.without.end());
    std::optional<air::TraceSet> base;
    if (f.traces.variant == air::Variant::OpenVmV2_0) {
        auto b = empty_v2_run_traces();
        if (!b) return b.error();
        base = std::move(*b);
        cfg = base->config;
        f.traces.config = cfg;
    }
    const auto airs = weakened_airs(f.traces, f.without);
    for (const air::Air& a : airs) {
        std::vector<const CounterexampleRow*> mine;
        for (const auto& r : c.rows)
            if (r.chip == a.name) mine.push_back(&r);
        if (base && mine.empty() && a.name != "range_checker") {
            // R288: a chip the counterexample does not name keeps the empty run's honest rows.
            auto it = std::find_if(base->traces.begin(), base->traces.end(), [&](const air::Trace& t) { return t.chip == a.name; });
            if (it == base->traces.end()) return make_error(ErrorKind::Untraceable, "the empty v2.0 run has no chip " + a.name);
            f.traces.traces.push_back(*it);
            continue;
        }
        air::Trace t = air::empty_trace(a, mine.size());
        if (a.name == "range_checker") {
            t = air::empty_trace(a, air::range_table_height(cfg.decomp));
            for (const auto& fc : a.fixed)
                for (std::size_t r = 0; r < t.height; ++r) t.at(r, fc.column) = fc.values[r];
        }
        for (std::size_t r = 0; r < mine.size(); ++r)
            for (std::size_t col = 0; col < a.width(); ++col)
                t.at(r, col) = BabyBear::from_canonical(mine[r]->cells.at(a.columns[col]));
        t.public_values.assign(a.public_values.size(), BabyBear{});
        if (auto pv = info.publics.find(a.name); pv != info.publics.end()) {
            for (std::size_t i = 0; i < pv->second.size() && i < t.public_values.size(); ++i)
                t.public_values[i] = BabyBear::from_canonical(pv->second[i]);
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
