// `memspec run`: execute a scenario (file or stdin) and print the result JSON (R29), or run a
// built-in workload and print a readable summary (--json for the full result). Either engine:
// impl (fast, the default) or oracle (the literal model); both give the same output.
#include <chrono>
#include <iostream>
#include <memory>

#include "spec/interchange.hpp"
#include "spec/workloads.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"
#include "tools/summary.hpp"

namespace memspec::cli {
namespace {

struct RunOptions {
    std::string scenario;
    std::string engine = "impl";
    std::string workload;
    std::uint64_t accesses = 0;
    bool json = false;
    bool list = false;
    bool print_scenario = false;
    int indent = -1;
};

int list_workloads() {
    for (const auto& w : workloads()) std::cout << w.name << "  (" << w.default_accesses << " accesses)  " << w.description << "\n";
    return EXIT_OK;
}

int run_workload(const RunOptions& o) {
    auto scenario = make_workload(o.workload, o.accesses);
    if (!scenario) return print_error(scenario.error());
    if (o.print_scenario) {
        std::cout << to_json(*scenario, o.indent) << std::endl;
        return EXIT_OK;
    }
    ProgressBar bar("run " + o.workload + " (" + o.engine + ")");
    const auto start = std::chrono::steady_clock::now();
    auto result = run_engine(o.engine, *scenario, [&](std::size_t done, std::size_t total) { bar.update(done, total); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!result) return print_error(result.error());
    if (o.json) std::cout << to_json(*result, o.indent) << std::endl;
    else std::cout << summarize(o.workload + " (engine " + o.engine + ")", *scenario, *result, seconds);
    return EXIT_OK;
}

int run_scenario(const RunOptions& o) {
    auto scenario = load_scenario(o.scenario);
    if (!scenario) return print_error(scenario.error());
    auto result = run_engine(o.engine, *scenario);
    if (!result) return print_error(result.error());
    std::cout << to_json(*result, o.indent) << std::endl;
    return EXIT_OK;
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto o = std::make_shared<RunOptions>();
    auto* sub = app.add_subcommand("run", "Run a scenario (prints the result JSON) or a built-in workload (prints a summary)");
    sub->add_option("scenario", o->scenario, "scenario JSON file, or - for stdin");
    add_engine_option(*sub, o->engine);
    auto* wl = sub->add_option("--workload,-w", o->workload, "run a built-in workload instead (see --list-workloads)");
    sub->add_option("--accesses,-n", o->accesses, "workload size in accesses (default: the workload's own)")->needs(wl);
    sub->add_flag("--json", o->json, "with --workload: print the full result JSON instead of the summary");
    sub->add_flag("--list-workloads", o->list, "list the built-in workloads");
    sub->add_flag("--print-scenario", o->print_scenario, "with --workload: print the workload's scenario JSON instead of running it")->needs(wl);
    sub->add_option("--indent", o->indent, "pretty-print the JSON with this indent");
    return [o]() -> int {
        if (o->list) return list_workloads();
        if (!o->workload.empty()) {
            if (!o->scenario.empty())
                return print_error(make_error(ErrorKind::ParseError, "give either a scenario file or --workload, not both"));
            return run_workload(*o);
        }
        if (o->scenario.empty())
            return print_error(make_error(ErrorKind::ParseError, "run needs a scenario file, - for stdin, or --workload NAME"));
        return run_scenario(*o);
    };
}}};

}  // namespace
}  // namespace memspec::cli
