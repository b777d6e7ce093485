// `memspec conform [--cmd PROGRAM] [--stream] [--check-cmd VERIFIER] [--root-cmd ROOTS]
// [--vectors PATH]... [--json] [--waive FLAG]...` (R130, R131, R200-R202): runs every vector test
// through the command for its kind — ScenarioTests through PROGRAM (a scenario on its stdin, its
// result on its stdout, spec/interchange.md; as JSON Lines both ways with --stream), TraceTests
// through VERIFIER, RootTests through ROOTS — and reports per file, per flag and per failure, each
// failure with its first difference localized. Exit 0 when everything judged passed or was waived
// and something was judged, 1 otherwise, 2 when the vectors cannot be read or the command line is
// wrong (no command at all, say).
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "conform/capabilities.hpp"
#include "conform/conform.hpp"
#include "conform/reports.hpp"
#include "tools/checked_stdout.hpp"
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
    // R245: the scope, from a capabilities file and the command line (which overrides it).
    std::string capabilities;
    std::vector<std::string> profiles, only_flags, skip_flags, files;
    std::vector<std::int64_t> tc_ids;
    bool batch = false;
    bool no_progress = false;
    std::string junit, html;  // R247: report files for a CI runner
};

// "A,B" and "C" given as --only-flags A,B --only-flags C: {A, B, C}.
std::set<std::string> split_list(const std::vector<std::string>& values) {
    std::set<std::string> out;
    for (const auto& v : values) {
        std::stringstream ss(v);
        for (std::string item; std::getline(ss, item, ',');)
            if (!item.empty()) out.insert(item);
    }
    return out;
}

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
    conform::Capabilities caps;
    if (!a.capabilities.empty()) {
        auto loaded = load_capabilities(a.capabilities);
        if (auto* e = std::get_if<LoadError>(&loaded)) {
            if (e->read_failed) {
                std::cerr << "memspec conform: --capabilities " << e->message << "\n";
                return EXIT_INPUT_FAILED;
            }
            return usage_error("--capabilities " + e->message);
        }
        caps = std::get<conform::Capabilities>(loaded);
    }
    const bool batch = a.batch || caps.batch;
    if (batch && a.command.empty()) return usage_error("--batch says how --cmd answers; give --cmd");
    if (batch && a.stream) return usage_error("--batch and --stream are two framings; give one");
    std::vector<std::string> paths = a.vectors;
    if (paths.empty()) {
        auto dir = default_vectors_dir();
        if (!dir && a.files.empty())
            return usage_error("no vectors found: neither share/memspec/vectors beside this memspec's bin/ nor, for a binary of the "
                               "build tree, the source tree's vectors/; give --vectors PATH");
        if (dir) paths.push_back(*dir);
    }
    auto expanded = paths.empty() ? std::variant<std::vector<std::string>, LoadError>(std::vector<std::string>{}) : expand_vector_paths(paths);
    if (auto* e = std::get_if<LoadError>(&expanded)) return usage_error(e->message);
    if (!a.files.empty()) {
        // R245: --file selects vector files: a path, or the name of a file among the vectors.
        std::vector<std::string> chosen;
        for (const auto& want : a.files) {
            std::error_code ec;
            if (std::filesystem::is_regular_file(want, ec)) {
                chosen.push_back(want);
                continue;
            }
            bool found = false;
            for (const auto& have : std::get<std::vector<std::string>>(expanded))
                if (std::filesystem::path(have).filename() == want) chosen.push_back(have), found = true;
            if (!found) return usage_error("--file " + want + ": neither a file nor the name of one of the vector files");
        }
        expanded = chosen;
    }
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
    options.batch = batch;
    options.scope = caps.scope;
    if (!a.profiles.empty()) options.scope.profiles = split_list(a.profiles);
    if (!a.only_flags.empty()) options.scope.only_flags = split_list(a.only_flags);
    for (const auto& f : split_list(a.skip_flags)) options.scope.skip_flags.insert(f);
    options.tc_ids.insert(a.tc_ids.begin(), a.tc_ids.end());
    // A flag no file describes is a typo that would select (or skip) nothing, as with --waive.
    auto described = [&](const std::string& flag) {
        for (const auto& f : files)
            if (f.notes.count(flag)) return true;
        return false;
    };
    for (const auto* set : {&options.scope.skip_flags, options.scope.only_flags ? &*options.scope.only_flags : nullptr})
        if (set)
            for (const auto& flag : *set)
                if (!described(flag)) return usage_error("flag " + flag + ": no vector file describes this flag in its notes");
    // Progress only for a person watching: on a terminal, one line rewritten in place.
    if (!a.no_progress && ::isatty(STDERR_FILENO)) {
        options.progress = [](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "\rmemspec conform: %zu/%zu tests", done, total);
            if (done == total) std::fprintf(stderr, "\n");
            std::fflush(stderr);
        };
    }
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
    // R247: the report files first; one that cannot be written is an output failure (exit 3),
    // never a verdict a CI job would read as the suite's.
    for (const auto& [path, text] : {std::pair{a.junit, a.junit.empty() ? std::string() : report_junit(files, report, options)},
                                     std::pair{a.html, a.html.empty() ? std::string() : report_html(files, report, options)}}) {
        if (path.empty()) continue;
        if (const int error = write_file(path, text); error != 0) {
            std::cerr << "memspec conform: cannot write " << path << ": " << std::strerror(error) << "\n";
            return EXIT_OUTPUT_FAILED;
        }
    }
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
    sub->add_option("--capabilities", a->capabilities,
                    "a JSON file declaring what the implementation supports (spec/schemas/capabilities.schema.json): tests outside it "
                    "are skipped with the reason, never failed");
    sub->add_option("--profile", a->profiles, "only tests of these profiles (comma-separated or repeated; overrides the capabilities)");
    sub->add_option("--only-flags", a->only_flags, "only tests carrying one of these flags (comma-separated or repeated)");
    sub->add_option("--skip-flags", a->skip_flags, "skip tests carrying one of these flags (comma-separated or repeated)");
    sub->add_option("--file", a->files, "only these vector files: a path, or the name of one of the vector files (repeatable)");
    sub->add_option("--tc-id", a->tc_ids, "only the tests with this tcId (repeatable); other tests are left out of the report");
    sub->add_flag("--batch", a->batch,
                  "one process of --cmd answers every scenario: a line {\"scenario\":\"<text>\"} in, one result line out "
                  "(conform/README.md)");
    sub->add_option("--junit", a->junit, "also write a JUnit XML report to this file: one testcase per vector test");
    sub->add_option("--html", a->html, "also write a self-contained HTML report to this file: files × flags, each failure side by side");
    sub->add_flag("--no-progress", a->no_progress, "no progress line on standard error (printed only when it is a terminal)");
    return [a] { return run(*a); };
}}};

}  // namespace
}  // namespace memspec::cli
