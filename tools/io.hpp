// Input/output helpers shared by the subcommands.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "spec/air/trace.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/error.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::cli {

// Whole file (a `kind` of file, for messages: "traces file"), or stdin for "-", within
// MAX_READ_BYTES (spec/interchange/input.hpp): a failed read is InputError, never a short input.
Result<std::string> read_input(const std::string& path, const std::string& kind);
// `--engine impl|oracle` (impl by default): which implementation runs the scenario.
void add_engine_option(CLI::App& sub, std::string& engine);
// The named engine's factory (R37).
EngineFactory engine_factory(const std::string& engine);
// Runs `scenario` on the named engine, keeping every record.
Result<RunResult> run_engine(const std::string& engine, const Scenario& scenario, const ProgressFn& progress = {});

// Loads a scenario, runs it on `engine` and generates every chip's trace (spec/memory.md §11).
// `variant` chooses the chips (R251).
Result<air::TraceSet> trace_scenario(const std::string& path, const std::string& engine,
                                     air::Variant variant = air::Variant::OpenVmV1_0);
// `--variant openvm-v1.0|fixed-adapter|openvm-v2.0|openvm-v1.6|openvm-v1.7` (R251, R310, R311), for check and trace.
void add_variant_option(CLI::App& sub, std::string& variant);

// The exit status of a command that ends with `e` (README "Exit statuses"): bad input (2) unless
// the input could not be read (4), the output could not be written (3) or memory ran out (5).
int exit_status(const MemoryError& e);
// Prints {"error":{...}} on stdout and returns exit_status(e).
int print_error(const MemoryError& e);

}  // namespace memspec::cli
