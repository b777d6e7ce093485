#include "explain/explain.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "explain/html_page.hpp"
#include "explain/scenario_view.hpp"
#include "explain/trace_view.hpp"
#include "spec/air/trace_io.hpp"
#include "spec/interchange/scenario_reader.hpp"

namespace memspec::explain {

std::string_view to_string(InputKind k) {
    switch (k) {
    case InputKind::Scenario: return "scenario";
    case InputKind::Traces: return "traces";
    case InputKind::Vectors: return "vectors";
    case InputKind::Proof: return "proof";
    }
    return "scenario";
}

namespace {

Result<nlohmann::json> parse_json(std::string_view text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    // R342: a JSON Lines scenario is several JSON documents, one a line: it is read with --stream.
    if (j.is_discarded())
        return make_error(ErrorKind::ParseError, "explain: the input is not JSON (a JSON Lines scenario is read with --stream)");
    return j;
}

InputKind kind_of(const nlohmann::json& j) {
    if (j.is_object()) {
        if (j.contains("format") && j["format"] == "memspec-traces") return InputKind::Traces;
        if (j.contains("schema") && j["schema"].is_object() && j["schema"].value("name", "") == "memspec-vectors")
            return InputKind::Vectors;
        if (j.contains("properties") && j["properties"].is_array()) return InputKind::Proof;
    }
    return InputKind::Scenario;
}

Result<nlohmann::json> scenario_item(std::string_view text) {
    auto sc = parse_scenario(text);
    if (!sc) return sc.error();
    return scenario_view(*sc);
}

Result<nlohmann::json> traces_item(std::string_view text, const std::vector<std::string>& without) {
    auto set = air::parse_traces(text);
    if (!set) return set.error();
    return trace_view(*set, without);
}

// R306: every test of a vector file, scenarios and trace sets drawn, the others noted.
nlohmann::json vector_items(const nlohmann::json& file) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& group : file.value("testGroups", nlohmann::json::array())) {
        const std::string type = group.value("type", "");
        for (const auto& test : group.value("tests", nlohmann::json::array())) {
            Result<nlohmann::json> view = make_error(ErrorKind::ParseError, "");
            nlohmann::json note;
            if (type == "ScenarioTest" && test.contains("scenario")) {
                view = scenario_item(test["scenario"].dump());
            } else if (type == "TraceTest" && test.contains("traces")) {
                std::vector<std::string> without;
                if (test.contains("without") && test["without"].is_array())
                    for (const auto& w : test["without"]) if (w.is_string()) without.push_back(w);
                view = traces_item(test["traces"].dump(), without);
            } else {
                note = {{"kind", "note"}, {"note", "a " + type + " is not drawn: it has no scenario or trace set"}};
            }
            nlohmann::json item = note.is_null() ? (view ? *view : nlohmann::json{{"kind", "note"}, {"error", view.error().message}})
                                                 : note;
            item["title"] = "test " + std::to_string(test.value("tcId", 0)) + " (" + type + ", expected " +
                            test.value("result", std::string("?")) + ")";
            item["comment"] = test.value("comment", "");
            items.push_back(std::move(item));
        }
    }
    return items;
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

// R304: the properties with a counterexample; an emitted trace set (`prove --emit`) is drawn with them.
Result<nlohmann::json> proof_items(const nlohmann::json& outcome, const ExplainOptions& options) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& p : outcome["properties"]) {
        if (!p.is_object() || !p.contains("counterexample") || !p["counterexample"].is_array()) continue;
        nlohmann::json item{{"kind", "proof"}, {"title", p.value("name", "") + " (" + p.value("rule", "") + ")"},
                            {"status", p.value("status", "")}, {"detail", p.value("detail", "")},
                            {"rows", p["counterexample"]}};
        for (const auto& r : item["rows"])
            if (!r.is_object() || !r.contains("chip") || !r.contains("cells") || !r["cells"].is_object())
                return make_error(ErrorKind::ParseError, "explain: a counterexample row needs \"chip\", \"row\" and \"cells\"");
        if (p.contains("story") && p["story"].is_array()) item["story"] = p["story"];
        const std::string emitted = p.value("emitted", "");
        if (!emitted.empty()) {
            item["emitted"] = emitted;
            // "emitted DIR/NAME.traces.json: ..." names the fixture the property wrote.
            const std::string prefix = "emitted ";
            const auto end = emitted.find(".traces.json");
            if (emitted.rfind(prefix, 0) == 0 && end != std::string::npos) {
                const std::string path = emitted.substr(prefix.size(), end + 12 - prefix.size());
                // As written (relative to where prove ran, usually here), else beside the input.
                auto text = read_file(path);
                if (!text && !options.base_directory.empty() && path.front() != '/')
                    text = read_file(options.base_directory + "/" + path);
                if (text) {
                    auto view = traces_item(*text, {});
                    if (view) item["traces"] = *view;
                }
            }
        }
        items.push_back(std::move(item));
    }
    if (items.empty()) return make_error(ErrorKind::ParseError, "explain: the prove output has no counterexample to draw");
    return items;
}

}  // namespace

Result<InputKind> input_kind(std::string_view text) {
    auto j = parse_json(text);
    if (!j) return j.error();
    return kind_of(*j);
}

Result<std::string> explain_scenario_page(OpSource& source, const ExplainOptions& options) {
    auto v = scenario_view(source);
    if (!v) return v.error();
    (*v)["title"] = "scenario";
    nlohmann::json data{{"title", "memspec explain: " + options.title}, {"items", nlohmann::json::array({std::move(*v)})}};
    return html_page("memspec explain: " + options.title, data);
}

Result<std::string> explain_page(std::string_view text, const ExplainOptions& options) {
    auto j = parse_json(text);
    if (!j) return j.error();
    nlohmann::json items = nlohmann::json::array();
    switch (kind_of(*j)) {
    case InputKind::Scenario: {
        auto v = scenario_item(text);
        if (!v) return v.error();
        items.push_back(std::move(*v));
        items.back()["title"] = "scenario";
        break;
    }
    case InputKind::Traces: {
        auto v = traces_item(text, {});
        if (!v) return v.error();
        items.push_back(std::move(*v));
        items.back()["title"] = "trace set";
        break;
    }
    case InputKind::Vectors: items = vector_items(*j); break;
    case InputKind::Proof: {
        auto v = proof_items(*j, options);
        if (!v) return v.error();
        items = std::move(*v);
        break;
    }
    }
    nlohmann::json data{{"title", "memspec explain: " + options.title}, {"items", std::move(items)}};
    return html_page("memspec explain: " + options.title, data);
}

}  // namespace memspec::explain
