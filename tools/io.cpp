#include "tools/io.hpp"

#include <iostream>

#include "spec/air/tracegen.hpp"
#include "engines/engines.hpp"
#include "spec/interchange/input.hpp"
#include "spec/interchange/interchange.hpp"
#include "tools/command.hpp"

namespace memspec::cli {

std::vector<Command>& registry() {
    static std::vector<Command> commands;
    return commands;
}

Result<std::string> read_input(const std::string& path, const std::string& kind) { return read_whole(path, kind); }

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

void add_variant_option(CLI::App& sub, std::string& variant) {
    sub.add_option("--variant", variant,
                   "the chips: openvm-v1.0 (OpenVM v1.0's, the default), fixed-adapter (every adapter's parent "
                   "timestamp range-checked, R251), openvm-v2.0 (OpenVM v2.0's, R223; a v2.0 scenario's own), "
                   "openvm-v1.6 or openvm-v1.7 (v1.0's with OpenVM v1.6.0's or v1.7.0's Merkle chip, R310, R311; "
                   "an openvm-v1.6-persistent or openvm-v1.7-persistent scenario's own)")
        ->check(CLI::IsMember({"openvm-v1.0", "fixed-adapter", "openvm-v2.0", "openvm-v1.6", "openvm-v1.7"}));
}

Result<air::TraceSet> trace_scenario(const std::string& path, const std::string& engine, air::Variant variant) {
    auto scenario = load_scenario(path);
    if (!scenario) return scenario.error();
    auto setup = validate_setup(*scenario);
    if (!setup) return setup.error();
    auto result = run_engine(engine, *scenario);
    if (!result) return result.error();
    return air::generate_traces(*setup, *result, variant);
}

int exit_status(const MemoryError& e) {
    switch (e.kind) {
        case ErrorKind::InputError: return EXIT_INPUT_FAILED;
        case ErrorKind::OutputError: return EXIT_OUTPUT_FAILED;
        case ErrorKind::OutOfMemory: return EXIT_OUT_OF_MEMORY;
        default: return EXIT_BAD_INPUT;
    }
}

int print_error(const MemoryError& e) {
    std::cout << to_json(e) << std::endl;
    return exit_status(e);
}

}  // namespace memspec::cli
