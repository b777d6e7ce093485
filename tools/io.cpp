#include "io.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <memspec/air/tracegen.hpp>
#include <memspec/engines/engines.hpp>
#include <memspec/interchange/interchange.hpp>
#include "command.hpp"

namespace memspec::cli {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

std::optional<std::string> read_input(const std::string& path) {
    std::ostringstream ss;
    if (path == "-") {
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::ifstream f(path, std::ios::binary);
    if (!f) return std::nullopt;
    ss << f.rdbuf();
    return ss.str();
}

void add_engine_option(CLI::App& sub, std::string& engine) {
    std::vector<std::string> names;
    for (const engines::NamedEngine& e : engines::all()) names.emplace_back(e.name);
    sub.add_option("--engine", engine, "impl (fast, the default) or oracle (the literal reference model); both give the same output")
        ->check(CLI::IsMember(names));
}

// add_engine_option admits only engines' names.
EngineFactory engine_factory(const std::string& engine) { return engines::by_name(engine).value(); }

Result<RunResult> run_engine(const std::string& engine, const Scenario& scenario, const ProgressFn& progress) {
    return run_to_result(engine_factory(engine), scenario, progress);
}

Result<air::TraceSet> trace_scenario(const std::string& path, const std::string& engine) {
    auto scenario = load_scenario(path);
    if (!scenario) return scenario.error();
    auto setup = validate_setup(*scenario);
    if (!setup) return setup.error();
    auto result = run_engine(engine, *scenario);
    if (!result) return result.error();
    return air::generate_traces(*setup, *result);
}

int print_error(const MemoryError& e) {
    std::cout << to_json(e) << std::endl;
    return EXIT_BAD_INPUT;
}

}  // namespace memspec::cli
