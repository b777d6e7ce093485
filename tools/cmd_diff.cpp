// `memspec diff --cmd PROGRAM [--seed S] [--count N] [--profile P]` (R134): N random scenarios from
// seed S, each run by memspec (impl, in process) and by PROGRAM. The first divergence is shrunk to a
// minimal scenario and printed as a ready vector test with the localized difference (exit 1);
// no divergence: a summary (exit 0). Bad usage: exit 2.
#include <iostream>
#include <string>
#include <vector>

#include "conform/capabilities.hpp"
#include "conform/diff.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "tools/command.hpp"
#include "tools/version.hpp"

namespace memspec::cli {
namespace {

struct DiffArgs {
    std::string command;
    std::uint64_t seed = 1;
    std::uint64_t count = 100;
    std::string profile;
    double timeout = 30;
    std::size_t max_shrink_runs = 2000;
    bool json = false;
    std::string capabilities;  // R245: generate only inside the implementation's declared scope
};

std::string count(std::size_t n, const std::string& what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

int run(const DiffArgs& a) {
    using namespace memspec::conform;
    DiffOptions o;
    o.command = a.command;
    o.seed = a.seed;
    o.count = a.count;
    o.max_shrink_runs = a.max_shrink_runs;
    if (!(a.timeout > 0)) {
        std::cerr << "memspec diff: --timeout must be positive\n";
        return EXIT_BAD_INPUT;
    }
    o.limits.timeout = std::chrono::milliseconds(static_cast<long long>(a.timeout * 1000));
    // R210: the profiles the generator knows (their registry entries have a config hook), in
    // registry order; --profile picks one of them.
    std::string known;
    std::vector<Profile> generated;
    for (const ProfileEntry& e : profile_registry()) {
        if (!e.random_config) continue;
        generated.push_back(e.id);
        known += known.empty() ? "" : ", ";
        known += e.name;
    }
    if (const auto last = known.rfind(", "); last != std::string::npos) known.replace(last, 2, " or ");
    if (a.profile.empty()) {
        o.profiles = generated;
    } else if (auto p = profile_from_name(a.profile); p && profile_entry(*p).random_config) {
        o.profiles = {*p};
    } else {
        std::cerr << "memspec diff: " << (p ? "no scenario generator for profile '" : "unknown profile '") << a.profile << "' (" << known << ")\n";
        return EXIT_BAD_INPUT;
    }
    if (!a.capabilities.empty()) {
        // R245: the declared profiles narrow the generated ones; its access sizes and whether it
        // reports errors narrow what is generated (conform/scenario_gen.hpp).
        auto loaded = load_capabilities(a.capabilities);
        if (auto* e = std::get_if<LoadError>(&loaded)) {
            std::cerr << "memspec diff: --capabilities " << e->message << "\n";
            return e->read_failed ? EXIT_INPUT_FAILED : EXIT_BAD_INPUT;
        }
        const Scope& scope = std::get<Capabilities>(loaded).scope;
        if (scope.profiles)
            std::erase_if(o.profiles, [&](Profile p) { return !scope.profiles->count(std::string(profile_name(p))); });
        if (o.profiles.empty()) {
            std::cerr << "memspec diff: none of the profiles diff generates (" << known << ") is among the capabilities' profiles\n";
            return EXIT_BAD_INPUT;
        }
        if (scope.access_sizes) o.access_sizes = *scope.access_sizes;
        o.reports_errors = scope.reports_errors;
    }
    const DiffSummary s = run_diff(o);
    std::string reproduce = "memspec diff --cmd " + shell_quote(a.command) + " --seed " + std::to_string(a.seed);
    if (!a.profile.empty()) reproduce += " --profile " + a.profile;
    if (!a.capabilities.empty()) reproduce += " --capabilities " + shell_quote(a.capabilities);
    if (a.json) {
        Json j = Json::object();
        j["memspec"] = version_json();  // R242
        j["ok"] = !s.divergence;
        j["seed"] = a.seed;
        j["scenarios"] = s.run;
        if (!a.capabilities.empty()) j["out_of_scope"] = s.out_of_scope;
        j["per_profile"] = Json::object();
        for (const auto& [name, n] : s.per_profile) j["per_profile"][name] = n;
        j["memspec_errors"] = Json::object();
        for (const auto& [kind, n] : s.errors) j["memspec_errors"][kind] = n;
        if (const auto& d = s.divergence) {
            j["scenario_index"] = d->index;
            j["reproduce"] = reproduce + " --count " + std::to_string(d->index + 1);
            j["original"] = {{"ops", d->original.ops.size()}, {"initial_memory", d->original.initial_memory.size()}};
            j["minimal"] = {{"ops", d->minimal.ops.size()}, {"initial_memory", d->minimal.initial_memory.size()}};
            j["shrink_runs"] = d->shrink_runs;
            j["difference"] = d->difference.to_json();
            j["vector"] = d->vector;
            j["notes"] = {{FOUND_BY_DIFF, found_by_diff_note()}};
        }
        std::cout << j.dump(2) << "\n";
        return s.divergence ? EXIT_REJECTED : EXIT_OK;
    }
    if (!s.divergence) {
        std::cout << "memspec diff: " << s.run << " scenarios (seed " << a.seed << "), no divergence from memspec\n  profiles:";
        for (const auto& [name, n] : s.per_profile) std::cout << " " << name << " " << n;
        std::uint64_t errors = 0;
        for (const auto& [kind, n] : s.errors) errors += n;
        std::cout << "\n  " << errors << " ended in an error memspec reports";
        if (errors) {
            std::cout << " (";
            bool first = true;
            for (const auto& [kind, n] : s.errors) std::cout << (first ? "" : ", ") << kind << " " << n, first = false;
            std::cout << ")";
        }
        std::cout << ", " << s.run - errors << " ran to the end\n";
        return EXIT_OK;
    }
    const Divergence& d = *s.divergence;
    std::cout << "memspec diff: the program diverges from memspec on scenario " << d.index << " of seed " << a.seed << " ("
              << profile_name(d.original.profile) << ")\n"
              << "shrunk from " << count(d.original.ops.size(), "op") << " and " << count(d.original.initial_memory.size(), "initial cell")
              << " to " << count(d.minimal.ops.size(), "op") << " and " << count(d.minimal.initial_memory.size(), "initial cell") << " ("
              << count(d.shrink_runs, "run") << " of the program)\n"
              << "first difference on the minimal scenario:\n"
              << d.difference.text("  ") << "reproduce: " << reproduce << " --count " << d.index + 1 << "\n"
              << "vector test (memspec's expected values):\n"
              << pretty_vector(d.vector) << "\n"
              << "its flag, for the vector file's \"notes\" (vectors/fillers/flags.json):\n"
              << Json(FOUND_BY_DIFF).dump() << ": " << found_by_diff_note().dump() << "\n";
    return EXIT_REJECTED;
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto a = std::make_shared<DiffArgs>();
    auto* sub = app.add_subcommand("diff", "Compare another implementation with memspec on random scenarios; shrink the first divergence");
    sub->add_option("--cmd", a->command, "the implementation: run with /bin/sh -c, a scenario on stdin, the result JSON on stdout")->required();
    sub->add_option("--seed", a->seed, "seed of the scenarios (default 1); the same seed gives the same scenarios");
    sub->add_option("--count", a->count, "how many scenarios (default 100)");
    sub->add_option("--profile", a->profile, "only this profile (default: the three in turn)");
    sub->add_option("--timeout", a->timeout, "seconds each run of the program may take (default 30)");
    sub->add_option("--max-shrink-runs", a->max_shrink_runs, "program runs the shrinking may spend (default 2000)");
    sub->add_flag("--json", a->json, "print a machine-readable report (the vector under \"vector\")");
    sub->add_option("--capabilities", a->capabilities,
                    "the implementation's capabilities file (as for conform): only its profiles, access sizes and, unless it reports "
                    "errors, scenarios memspec runs to the end");
    return [a] { return run(*a); };
}}};

}  // namespace
}  // namespace memspec::cli
