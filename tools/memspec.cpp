// memspec CLI: JSON in, JSON out, so other implementations can use memspec as an oracle.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "oracle/run.hpp"
#include "spec/interchange.hpp"

namespace {

int fail(const memspec::MemoryError& e) {
    std::cout << memspec::to_json(e) << "\n";
    return 2;
}

bool read_input(const std::string& path, std::string& out) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        out = ss.str();
        return true;
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::ostringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"memspec: executable specification of the OpenVM v1.0 memory system"};
    app.require_subcommand(1);

    std::string scenario_path;
    int indent = -1;
    auto* run = app.add_subcommand("run", "Run a scenario and print the result JSON");
    run->add_option("scenario", scenario_path, "scenario JSON file, or - for stdin")->required();
    run->add_option("--indent", indent, "pretty-print with this indent");

    CLI11_PARSE(app, argc, argv);

    if (*run) {
        std::string text;
        if (!read_input(scenario_path, text))
            return fail(memspec::make_error(memspec::ErrorKind::ParseError, "cannot read " + scenario_path));
        auto scenario = memspec::parse_scenario(text);
        if (!scenario) return fail(scenario.error());
        auto result = memspec::oracle::run(*scenario);
        if (!result) return fail(result.error());
        std::cout << memspec::to_json(*result, indent) << "\n";
        return 0;
    }
    return 0;
}
