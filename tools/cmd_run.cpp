// `memspec run`: execute a scenario (file or stdin) and print the result JSON (R29).
#include <iostream>

#include "impl/run.hpp"
#include "oracle/run.hpp"
#include "spec/interchange.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct RunOptions {
    std::string scenario;
    std::string engine = "impl";
    int indent = -1;
};

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<RunOptions>();
    auto* sub = app.add_subcommand("run", "Run a scenario and print the result as JSON");
    sub->add_option("scenario", opts->scenario, "scenario JSON file, or - for stdin");
    sub->add_option("--engine", opts->engine, "impl (fast, default) or oracle (literal reference model); "
                                              "both give the same output")
        ->check(CLI::IsMember({"impl", "oracle"}));
    sub->add_option("--indent", opts->indent, "pretty-print the JSON with this indent");
    return [opts]() -> int {
        if (opts->scenario.empty()) return print_error(make_error(ErrorKind::ParseError, "run needs a scenario file or -"));
        auto scenario = load_scenario(opts->scenario);
        if (!scenario) return print_error(scenario.error());
        auto result = opts->engine == "oracle" ? oracle::run(*scenario) : impl::run(*scenario);
        if (!result) return print_error(result.error());
        std::cout << to_json(*result, opts->indent) << std::endl;
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
