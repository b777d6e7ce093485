// Subcommand registry: each tools/cmd_*.cpp registers one subcommand, so commands stay one
// concept per file and main() never needs to know them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace memspec::cli {

// Exit codes shared by every subcommand (README "Exit statuses"). Each failure that is not about
// the input's content has its own status, so a caller never mistakes a lost output for a verdict.
inline constexpr int EXIT_OK = 0;
inline constexpr int EXIT_REJECTED = 1;        // a verdict, e.g. `check` rejected the traces
inline constexpr int EXIT_BAD_INPUT = 2;       // a typed error about the input ({"error":…} on stdout)
inline constexpr int EXIT_OUTPUT_FAILED = 3;   // a write, flush or close of the output failed
inline constexpr int EXIT_INPUT_FAILED = 4;    // reading the input failed (not its end)
inline constexpr int EXIT_OUT_OF_MEMORY = 5;   // an allocation failed

struct Command {
    // Adds the subcommand to `app`; returns the callback to run when it is selected.
    std::function<std::function<int()>(CLI::App& app)> setup;
};

std::vector<Command>& registry();

struct Register {
    explicit Register(Command c) { registry().push_back(std::move(c)); }
};

}  // namespace memspec::cli
