// memspec CLI: JSON in, JSON out, so other implementations can use memspec as an oracle.
// Each subcommand lives in its own tools/cmd_*.cpp and registers itself (tools/command.hpp).
#include <exception>
#include <functional>
#include <iostream>
#include <new>
#include <stdexcept>

#include "spec/interchange/interchange.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"
#include "tools/version.hpp"

namespace {

int run(int argc, char** argv) {
    CLI::App app{"memspec: executable specification of the OpenVM v1.0 memory system"};
    app.require_subcommand(1);
    // R242: the version (and the git describe of the build), exit status 0.
    app.set_version_flag("--version", memspec::cli::version_line(), "print memspec's version and exit");
    std::vector<std::pair<CLI::App*, std::function<int()>>> actions;
    for (auto& cmd : memspec::cli::registry()) {
        auto before = app.get_subcommands({}).size();
        auto action = cmd.setup(app);
        auto subs = app.get_subcommands({});
        if (subs.size() > before) actions.emplace_back(subs.back(), std::move(action));
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? 0 : memspec::cli::EXIT_BAD_INPUT;
    }
    try {
        for (auto& [sub, action] : actions)
            if (sub->parsed()) return action();
    } catch (const std::bad_alloc&) {
        // Its own status (5), never a ParseError: the input may be fine.
        return memspec::cli::print_error(memspec::make_error(memspec::ErrorKind::OutOfMemory, "out of memory"));
    } catch (const std::length_error&) {  // an allocation larger than the address space
        return memspec::cli::print_error(memspec::make_error(memspec::ErrorKind::OutOfMemory, "out of memory"));
    } catch (const std::exception& e) {
        // Never a crash on bad input: anything unexpected still answers in the error format.
        return memspec::cli::print_error(memspec::make_error(memspec::ErrorKind::ParseError, e.what()));
    }
    return memspec::cli::EXIT_OK;
}

}  // namespace

int main(int argc, char** argv) {
    // Every command's output goes through one checked stdout, and its final flush and close are
    // checked here: an output that failed is exit 3 with its cause on stderr, whatever the command
    // had decided (README "Exit statuses").
    memspec::cli::guard_standard_streams();
    const int status = run(argc, argv);
    return memspec::cli::finish_stdout(status);
}
