#include "proofs/outcome_json.hpp"

namespace memspec::proofs {

namespace {

ProofStatus status_from_string(const std::string& s) {
    return s == "proved"           ? ProofStatus::Proved
           : s == "counterexample" ? ProofStatus::Counterexample
           : s == "resource_limit" ? ProofStatus::ResourceLimit
                                   : ProofStatus::Error;
}

nlohmann::json to_json(const FixtureInfo& f) {
    nlohmann::json blocks = nlohmann::json::array();
    for (const auto& b : f.blocks) blocks.push_back({{"chip", b.chip}, {"without", b.without}});
    nlohmann::json publics = nlohmann::json::object();
    for (const auto& [chip, values] : f.publics) publics[chip] = values;
    return {{"balanced", f.balanced},
            {"completeness", f.completeness},
            {"max_access_adapter_n", f.max_access_adapter_n},
            {"chunk", f.chunk},
            {"variant", f.variant},
            {"blocks", blocks},
            {"publics", publics}};
}

FixtureInfo fixture_from_json(const nlohmann::json& j) {
    FixtureInfo f;
    f.balanced = j.at("balanced");
    f.completeness = j.at("completeness");
    f.max_access_adapter_n = j.at("max_access_adapter_n");
    f.chunk = j.at("chunk");
    f.variant = j.at("variant");
    for (const auto& b : j.at("blocks")) f.blocks.push_back({b.at("chip"), b.at("without")});
    for (const auto& [chip, values] : j.at("publics").items()) f.publics[chip] = values.get<std::vector<std::uint32_t>>();
    return f;
}

std::vector<CounterexampleRow> rows_from_json(const nlohmann::json& j) {
    std::vector<CounterexampleRow> rows;
    for (const auto& r : j) {
        CounterexampleRow row{r.at("chip"), r.at("row"), {}};
        for (const auto& [column, value] : r.at("cells").items()) row.cells[column] = value;
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

nlohmann::json to_json(const std::vector<CounterexampleRow>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
        nlohmann::json cells = nlohmann::json::object();
        for (const auto& [column, value] : r.cells) cells[column] = value;
        out.push_back({{"chip", r.chip}, {"row", r.row}, {"cells", cells}});
    }
    return out;
}

nlohmann::json to_json(const Outcome& o) {
    nlohmann::json j{{"status", std::string(to_string(o.status))},
                     {"seconds", o.seconds},
                     {"cpu_seconds", o.cpu_seconds},
                     {"rlimit", o.rlimit},
                     {"rlimit_used", o.rlimit_used},
                     {"wall_guard_seconds", o.wall_guard_seconds},
                     {"detail", o.detail}};
    if (o.counterexample) {
        const Counterexample& c = *o.counterexample;
        j["counterexample"] = {{"text", c.text},
                               {"rows", to_json(c.rows)},
                               {"fixture", c.fixture ? to_json(*c.fixture) : nlohmann::json()}};
    } else {
        j["counterexample"] = nullptr;
    }
    return j;
}

Outcome outcome_from_json(const nlohmann::json& j) {
    Outcome o;
    o.status = status_from_string(j.value("status", "error"));
    o.seconds = j.value("seconds", 0.0);
    o.cpu_seconds = j.value("cpu_seconds", 0.0);
    o.rlimit = j.value("rlimit", std::uint64_t{0});
    o.rlimit_used = j.value("rlimit_used", std::uint64_t{0});
    o.wall_guard_seconds = j.value("wall_guard_seconds", 0.0);
    o.detail = j.value("detail", "");
    if (j.contains("counterexample") && !j["counterexample"].is_null()) {
        const auto& c = j["counterexample"];
        Counterexample cx{c.at("text"), rows_from_json(c.at("rows")), std::nullopt};
        if (!c.at("fixture").is_null()) cx.fixture = fixture_from_json(c["fixture"]);
        o.counterexample = std::move(cx);
    }
    return o;
}

}  // namespace memspec::proofs
