// `memspec conform [--cmd PROGRAM] [--stream] [--check-cmd VERIFIER] [--root-cmd ROOTS]
// [--vectors PATH]... [--json] [--waive FLAG]...` (R130, R131, R200-R202): runs every vector test
// through the command for its kind — ScenarioTests through PROGRAM (a scenario on its stdin, its
// result on its stdout, spec/interchange.md; as JSON Lines both ways with --stream), TraceTests
// through VERIFIER, RootTests through ROOTS — and reports per file, per flag and per failure, each
// failure with its first difference localized. Exit 0 when everything judged passed or was waived
// and something was judged, 1 otherwise, 2 when the vectors cannot be read or the command line is
// wrong (no command at all, say).
#include <iostream>

#include "conform/conform.hpp"
#include "tools/command.hpp"
#include "tools/version.hpp"

namespace memspec::cli {
namespace {

struct ConformArgs {
    std::string command;
    std::string check_command;
    std::string root_command;
    bool stream = false;
    std::vector<std::string> vectors;
    std::vector<std::string> waive;
    bool json = false;
    double timeout = 30;
    unsigned jobs = 1;
};

int usage_error(const std::string& message) {
    std::cerr << "memspec conform: " << message << "\n";
    return EXIT_BAD_INPUT;
}

int run(const ConformArgs& a) {
    using namespace memspec::conform;
    // R202: every kind of test has its command; with none there is nothing to judge.
    if (a.command.empty() && a.check_command.empty() && a.root_command.empty())
        return usage_error("give at least one of --cmd (ScenarioTests), --check-cmd (TraceTests), --root-cmd (RootTests)");
    if (a.stream && a.command.empty()) return usage_error("--stream says how --cmd reads and answers; give --cmd");
    std::vector<std::string> paths = a.vectors;
    if (paths.empty()) {
        auto dir = default_vectors_dir();
        if (!dir)
            return usage_error("no vectors found: neither share/memspec/vectors beside this memspec's bin/ nor, for a binary of the "
                               "build tree, the source tree's vectors/; give --vectors PATH");
        paths.push_back(*dir);
    }
    auto expanded = expand_vector_paths(paths);
    if (auto* e = std::get_if<LoadError>(&expanded)) return usage_error(e->message);
    std::vector<VectorFile> files;
    for (const auto& path : std::get<std::vector<std::string>>(expanded)) {
        auto loaded = load_vector_file(path);
        if (auto* e = std::get_if<LoadError>(&loaded)) {
            if (e->read_failed) {
                std::cerr << "memspec conform: " << e->message << "\n";
                return EXIT_INPUT_FAILED;
            }
            return usage_error("bad vector file " + e->message);
        }
        files.push_back(std::move(std::get<VectorFile>(loaded)));
    }
    ConformOptions options;
    options.command = a.command;
    options.check_command = a.check_command;
    options.root_command = a.root_command;
    options.stream = a.stream;
    options.jobs = a.jobs;
    if (!(a.timeout > 0)) return usage_error("--timeout must be positive");
    options.limits.timeout = std::chrono::milliseconds(static_cast<long long>(a.timeout * 1000));
    for (const auto& flag : a.waive) {
        // A waiver naming no flag of the suite is a typo that would silently waive nothing.
        bool known = false;
        for (const auto& f : files) known |= f.notes.count(flag) > 0;
        if (!known) return usage_error("--waive " + flag + ": no vector file describes this flag in its notes");
        options.waivers.insert(flag);
    }
    const ConformReport report = run_conform(files, options);
    if (a.json) {
        // R242: a report says which memspec made it, first.
        Json j = Json::object();
        j["memspec"] = version_json();
        Json body = report_json(files, report, options);
        for (auto& [key, value] : body.items()) j[key] = std::move(value);
        std::cout << j.dump(2) << "\n";
    }
    else std::cout << report_text(files, report, options);
    return report.ok() ? EXIT_OK : EXIT_REJECTED;
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto a = std::make_shared<ConformArgs>();
    auto* sub = app.add_subcommand("conform", "Run every conformance vector through another implementation and report what differs");
    sub->add_option("--cmd", a->command, "the implementation for ScenarioTests: run with /bin/sh -c, a scenario on stdin, the result JSON on stdout");
    sub->add_flag("--stream", a->stream, "feed --cmd each scenario as JSON Lines and read its answer as JSON Lines (R38)");
    sub->add_option("--root-cmd", a->root_command,
                    "the implementation for RootTests: a scenario on stdin, {\"initial_root\":[…],\"final_root\":[…]} on stdout "
                    "(as memspec root --json -)");
    sub->add_option("--vectors", a->vectors, "vector files or directories of them (default: share/memspec/vectors of an installed memspec, or the source tree's vectors/)");
    sub->add_flag("--json", a->json, "print a machine-readable report");
    sub->add_option("--waive", a->waive, "accept failures of tests carrying this flag (known deviations); listed in the report");
    sub->add_option("--check-cmd", a->check_command,
                    "the verifier for TraceTests: a trace set on stdin; its verdict is exit status 0 with {\"verdict\":\"accepted\"} "
                    "or exit status 1 with {\"verdict\":\"rejected\"} on stdout (R160): exploits must be rejected, honest trace sets accepted");
    sub->add_option("--timeout", a->timeout, "seconds each test may take (default 30)");
    sub->add_option("--jobs,-j", a->jobs, "tests to run at once (default 1)")->check(CLI::Range(1u, 256u));
    return [a] { return run(*a); };
}}};

}  // namespace
}  // namespace memspec::cli
