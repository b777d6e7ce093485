// `memspec check <scenario> [--json]`: run the oracle, generate traces, check them (R66-R68).
// `memspec check --traces <file> [--json]`: check traces given in the trace JSON form (R69);
// `--without NAME` (repeatable) checks them against a weakened AIR instead (R101).
// `--variant fixed-adapter` traces a scenario for the fixed adapters (R251); a trace set names its own.
// Exit 0 accepted, 1 rejected, 2 bad input (unparsable, failing op, untraceable).
#include <iostream>

#include <nlohmann/json.hpp>

#include "explain/story.hpp"
#include "explain/trace_view.hpp"
#include "spec/air/check.hpp"
#include "spec/air/trace_io.hpp"
#include "spec/air/tracegen.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct CheckOptions {
    std::string scenario;
    std::string engine = "impl";
    std::string traces;
    std::vector<std::string> without;
    std::string variant;
    bool json = false;
};

// A rejection in text is followed by its memory story (R300): which access read which values at
// which timestamp, the signed count of each unbalanced message, the failing row's columns.
int report(const air::Verdict& v, bool json, const std::vector<air::Air>& airs, const std::vector<air::Trace>& traces) {
    if (json) {
        if (v.accepted) {
            std::cout << air::verdict_to_json(v) << std::endl;
        } else {
            // R300: the story as one more field, "story", after the verdict's own (ordered_json
            // keeps their order, so the verdict's bytes are unchanged up to it).
            auto j = nlohmann::ordered_json::parse(air::verdict_to_json(v));
            j["story"] = explain::memory_story(airs, traces, v);
            std::cout << j.dump() << std::endl;
        }
    } else {
        std::cout << air::to_text(v);
        const auto story = explain::memory_story(airs, traces, v);
        if (!story.empty()) std::cout << "memory story:\n";
        for (const auto& line : story) std::cout << "  " << line << "\n";
    }
    return v.accepted ? EXIT_OK : EXIT_REJECTED;
}

int report(const air::TraceSet& set, bool json) {
    const air::Verdict v = air::check(set);
    auto airs = explain::airs_without(set, {});
    return report(v, json, airs ? *airs : std::vector<air::Air>{}, set.traces);
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<CheckOptions>();
    auto* sub = app.add_subcommand("check", "Trace a scenario (or read traces) and check every constraint and bus");
    sub->add_option("scenario", opts->scenario, "scenario JSON file, or - for stdin");
    add_engine_option(*sub, opts->engine);
    sub->add_option("--traces", opts->traces, "check traces in the `memspec trace --format json` form instead");
    sub->add_option("--without", opts->without,
                    "with --traces: check against the AIR without this constraint or interaction (repeatable; "
                    "a weakened AIR, to replay `memspec prove --emit` fixtures, R101)");
    add_variant_option(*sub, opts->variant);
    sub->add_flag("--json", opts->json, "print the verdict as JSON");
    return [opts]() -> int {
        if (!opts->traces.empty()) {
            if (!opts->scenario.empty())
                return print_error(make_error(ErrorKind::ParseError, "give either a scenario or --traces, not both"));
            auto text = read_input(opts->traces, "traces file");
            if (!text) return print_error(text.error());
            auto set = air::parse_traces(*text);
            if (!set) return print_error(set.error());
            // R251: a trace set is a trace of the chips its "variant" names; --variant may only repeat it.
            if (!opts->variant.empty() && air::parse_variant(opts->variant) != set->variant)
                return print_error(make_error(ErrorKind::ParseError, "--variant " + opts->variant + ": the trace set is for " +
                                                                         std::string(air::to_string(set->variant)) +
                                                                         " (its \"variant\" key)"));
            if (!opts->without.empty()) {
                if (auto s = air::traceable(set->config, set->chunk, set->variant); !s) return print_error(s.error());
                auto airs = air::make_chip_set(set->config, set->chunk, set->variant).airs();
                for (const auto& name : opts->without) {
                    bool found = false;
                    for (auto& a : airs) {
                        const std::size_t before = a.constraints.size() + a.interactions.size();
                        std::erase_if(a.constraints, [&](const air::Constraint& c) { return c.name == name; });
                        std::erase_if(a.interactions, [&](const air::Interaction& i) { return i.name == name; });
                        found = found || a.constraints.size() + a.interactions.size() != before;
                    }
                    if (!found)
                        return print_error(make_error(ErrorKind::ParseError, "--without: no constraint or interaction " + name));
                }
                air::rederive_range_table(airs, *set);  // R307: the weakened AIR's requests, as prove counted them
                return report(air::check(airs, set->traces), opts->json, airs, set->traces);
            }
            return report(*set, opts->json);
        }
        if (opts->scenario.empty())
            return print_error(make_error(ErrorKind::ParseError, "check needs a scenario file, - or --traces FILE"));
        auto set = trace_scenario(opts->scenario, opts->engine,
                                  air::parse_variant(opts->variant).value_or(air::Variant::OpenVmV1_0));
        if (!set) return print_error(set.error());
        return report(*set, opts->json);
    };
}}};

}  // namespace
}  // namespace memspec::cli
