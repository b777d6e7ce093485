#include "conform/diff.hpp"

#include <algorithm>
#include <map>

#include "conform/scenario_gen.hpp"
#include "conform/shrink.hpp"
#include "engines/engines.hpp"
#include "spec/interchange/output.hpp"
#include "spec/interchange/result_format.hpp"
#include "spec/interchange/scenario_writer.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec::conform {

namespace {

// Counts adapter records by who emitted them: everything after the last access record is
// finalize's (R37).
class CountingSink final : public RecordSink {
public:
    std::size_t adapters = 0, before_last_access = 0;
    void adapter(const AdapterRecordView&) override { ++adapters; }
    void access(const AccessRecordView&) override { before_last_access = adapters; }
    void final_block(const FinalBlockView&) override {}
};

// The coarse shape of a divergence, kept while shrinking so that a minimal scenario shows the
// same failure and not another one met on the way (a crash in place of a wrong record).
std::string divergence_class(const Difference& d, const MemspecAnswer& a) {
    if (d.path.empty()) return d.summary.rfind("the program", 0) == 0 ? "process" : "output";
    if (a.result == Expectation::Invalid) return d.path == "error" ? "accepted_invalid" : "wrong_error";
    if (d.path == "error") return "rejected_valid";
    return "result";
}

// The scenario as a vector shows it: keys at their defaults left out (interchange.md: an absent
// key is its default), so the minimal scenario reads as what matters. The profile stays.
Json compact_scenario(const std::string& text) {
    Json sc = Json::parse(text);
    const Json defaults = Json::parse(scenario_text(Scenario{}));
    if (sc.contains("config")) {
        Json& c = sc["config"];
        for (auto it = defaults["config"].begin(); it != defaults["config"].end(); ++it)
            if (c.contains(it.key()) && c[it.key()] == *it) c.erase(it.key());
        if (c.empty()) sc.erase("config");
    }
    for (const char* key : {"version", "initial_block_size", "initial_memory"})
        if (sc.contains(key) && defaults.contains(key) && sc[key] == defaults[key]) sc.erase(key);
    return sc;
}

}  // namespace

std::string scenario_text(const Scenario& scenario) {
    StringSink sink;
    {
        TextWriter w(sink);
        write_scenario(w, scenario);
    }
    return sink.text;
}

MemspecAnswer memspec_answer(const Scenario& scenario) {
    MemspecAnswer a;
    auto result = run_to_result(*engines::by_name("impl"), scenario);
    if (!result) {
        a.result = Expectation::Invalid;
        Json err = {{"kind", std::string(to_string(result.error().kind))}};
        if (result.error().op_index) err["op_index"] = *result.error().op_index;
        a.expected = Json{{"error", err}};
        a.error_kind = std::string(to_string(result.error().kind));
        return a;
    }
    StringSink sink;
    {
        TextWriter w(sink);
        write_result(w, *result);
    }
    a.expected = Json::parse(sink.text);
    // R23: the OpenVM profiles leave finalize's visiting order to a hash set.
    if (profile_entry(scenario.profile).finalize_order_free && scenario.finalize_chunk) {
        CountingSink counts;
        (void)run_scenario(*engines::by_name("impl"), scenario, counts);
        if (counts.adapters - counts.before_last_access >= 2) {
            a.result = Expectation::Acceptable;
            a.finalize_order = counts.before_last_access;
        }
    }
    return a;
}

namespace {

void pretty(const Json& v, int depth, const std::string& indent, std::string& out) {
    const std::string inner = indent + "  ";
    const bool nested = v.is_object() && std::any_of(v.begin(), v.end(), [](const Json& e) { return e.is_structured(); });
    if (v.is_object() && (depth == 0 || (depth == 1 && nested))) {
        out += "{\n";
        std::size_t i = 0;
        for (auto it = v.begin(); it != v.end(); ++it, ++i) {
            out += inner + Json(it.key()).dump() + ": ";
            pretty(*it, depth + 1, inner, out);
            out += i + 1 < v.size() ? ",\n" : "\n";
        }
        out += indent + "}";
        return;
    }
    const bool has_object = v.is_array() && std::any_of(v.begin(), v.end(), [](const Json& e) { return e.is_object(); });
    if (has_object && depth < 3) {
        out += "[\n";
        for (std::size_t i = 0; i < v.size(); ++i) out += inner + v[i].dump() + (i + 1 < v.size() ? ",\n" : "\n");
        out += indent + "]";
        return;
    }
    out += v.dump();
}

}  // namespace

Json found_by_diff_note() {
    Json note = Json::object();
    note["bugType"] = "EDGE_CASE";
    note["description"] =
        "A scenario on which `memspec diff` found an implementation diverging from memspec, shrunk to a minimal one (R134); "
        "its comment names the seed and the field that differed. The flag diff prints on the vector test it makes: add the "
        "flags of the rules the test exercises once they are known.";
    note["effect"] = "The divergence diff found returns unnoticed.";
    note["rules"] = Json::array({"R134"});
    note["links"] = Json::array();
    return note;
}

std::string pretty_vector(const Json& vector) {
    std::string out;
    pretty(vector, 0, "", out);
    return out;
}

DiffSummary run_diff(const DiffOptions& o) {
    DiffSummary summary;
    std::map<std::string, std::uint64_t> per_profile, errors;
    for (std::uint64_t i = 0; i < o.count; ++i) {
        const Profile profile = o.profiles[i % o.profiles.size()];
        const Scenario sc = restrict_to_access_sizes(random_scenario(o.seed, i, profile), o.access_sizes);
        const MemspecAnswer answer = memspec_answer(sc);
        if (!o.reports_errors && answer.error_kind) {
            ++summary.out_of_scope;
            continue;
        }
        ++summary.run;
        ++per_profile[std::string(profile_name(profile))];
        if (answer.error_kind) ++errors[*answer.error_kind];
        const std::string text = scenario_text(sc);
        auto diff = judge_scenario(Expect{answer.result, &answer.expected, answer.finalize_order}, run_program(o.command, text, o.limits), text);
        if (!diff) continue;
        // Shrink, keeping the class of the divergence.
        const std::string cls = divergence_class(*diff, answer);
        // The difference of the scenario last kept: the one the minimal scenario showed.
        Difference last = *diff;
        auto diverges = [&](const Scenario& c) {
            const MemspecAnswer a = memspec_answer(c);
            // R245: a smaller scenario outside the scope is no smaller divergence.
            if ((!o.reports_errors && a.error_kind) || !(restrict_to_access_sizes(c, o.access_sizes) == c)) return false;
            const std::string t = scenario_text(c);
            auto d = judge_scenario(Expect{a.result, &a.expected, a.finalize_order}, run_program(o.command, t, o.limits), t);
            if (!d || divergence_class(*d, a) != cls) return false;
            last = std::move(*d);
            return true;
        };
        ShrinkStats stats;
        Divergence dv;
        dv.index = i;
        dv.original = sc;
        dv.minimal = shrink(sc, diverges, o.max_shrink_runs, stats);
        dv.shrink_runs = stats.runs;
        dv.answer = memspec_answer(dv.minimal);
        dv.difference = std::move(last);
        const std::string minimal_text = scenario_text(dv.minimal);
        Json v = Json::object();
        v["tcId"] = 1;
        const std::size_t n = dv.minimal.ops.size();
        v["comment"] = "found by memspec diff --seed " + std::to_string(o.seed) + " (scenario " + std::to_string(i) + ", " +
                       std::string(profile_name(profile)) + "), shrunk from " + std::to_string(sc.ops.size()) + " ops to " +
                       std::to_string(n) + (n == 1 ? " op" : " ops") +
                       (dv.difference.path.empty() ? std::string() : ": " + dv.difference.path + " differs");
        v["flags"] = Json::array({FOUND_BY_DIFF});
        v["result"] = std::string(to_string(dv.answer.result));
        if (dv.answer.finalize_order) v["mayVary"] = Json{{"finalizeOrder", *dv.answer.finalize_order}};
        v["scenario"] = compact_scenario(minimal_text);
        v["expected"] = dv.answer.expected;
        dv.vector = std::move(v);
        summary.divergence = std::move(dv);
        break;
    }
    summary.per_profile.assign(per_profile.begin(), per_profile.end());
    summary.errors.assign(errors.begin(), errors.end());
    return summary;
}

}  // namespace memspec::conform
