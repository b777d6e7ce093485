// `memspec explain INPUT -o PAGE.html`: one self-contained HTML page that draws a scenario, a trace
// set's verdict, a proof's counterexamples or a vector file (R305, R306). Exit 0 when the page was
// written, 2 bad input (nothing written), 3 when the page could not be written, 4 unreadable input.
#include <cstring>
#include <filesystem>
#include <iostream>

#include "explain/explain.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct ExplainCliOptions {
    std::string input;
    std::string output;
};

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<ExplainCliOptions>();
    auto* sub = app.add_subcommand("explain",
                                   "Draw a scenario, a trace set, `prove --json` output or a vector file as one HTML page");
    sub->add_option("input", opts->input, "scenario, trace set, `memspec prove --json` output or vector file; - for stdin")
        ->required();
    sub->add_option("-o,--output", opts->output, "the page to write (- for stdout)")->required();
    return [opts]() -> int {
        auto text = read_input(opts->input, "input");
        if (!text) return print_error(text.error());
        explain::ExplainOptions options;
        options.title = opts->input == "-" ? "stdin" : std::filesystem::path(opts->input).filename().string();
        if (opts->input != "-") options.base_directory = std::filesystem::path(opts->input).parent_path().string();
        auto page = explain::explain_page(*text, options);
        if (!page) return print_error(page.error());
        if (opts->output == "-") {
            std::cout << *page;
            return EXIT_OK;
        }
        // A page that could not be written whole is an error of its own, never a success (R305).
        if (const int error = write_file(opts->output, *page); error != 0) {
            std::cerr << "memspec explain: cannot write " << opts->output << ": " << std::strerror(error) << "\n";
            return EXIT_OUTPUT_FAILED;
        }
        auto kind = explain::input_kind(*text);
        std::cout << "wrote " << opts->output << " (" << explain::to_string(*kind) << ", " << page->size() << " bytes)\n";
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
