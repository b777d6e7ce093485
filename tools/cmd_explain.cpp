// `memspec explain INPUT -o PAGE.html`: one self-contained HTML page that draws a scenario, a trace
// set's verdict, a proof's counterexamples or a vector file (R305, R306). Exit 0 when the page was
// written, 2 bad input (nothing written), 3 when the page could not be written, 4 unreadable input.
// With --stream the input is a JSON Lines scenario (R38, R342), run as its lines are read.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "explain/explain.hpp"
#include "spec/interchange/scenario_reader.hpp"
#include "tools/checked_stdout.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct ExplainCliOptions {
    std::string input;
    std::string output;
    bool stream = false;
};

// R342: a JSON Lines scenario from a file or standard input, never read whole.
Result<std::string> stream_page(const std::string& input, const explain::ExplainOptions& options) {
    const int fd = input == "-" ? 0 : ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return make_error(ErrorKind::ParseError, "cannot open scenario file '" + input + "': " + std::strerror(errno));
    Result<std::string> page = make_error(ErrorKind::OutOfMemory, "out of memory while drawing the stream");
    try {
        StreamSource source(fd);
        page = explain::explain_scenario_page(source, options);
    } catch (const std::bad_alloc&) {
    }
    if (fd > 0) ::close(fd);
    return page;
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<ExplainCliOptions>();
    auto* sub = app.add_subcommand("explain",
                                   "Draw a scenario, a trace set, `prove --json` output or a vector file as one HTML page");
    sub->add_option("input", opts->input, "scenario, trace set, `memspec prove --json` output or vector file; - for stdin")
        ->required();
    sub->add_option("-o,--output", opts->output, "the page to write (- for stdout)")->required();
    sub->add_flag("--stream", opts->stream, "the input is a JSON Lines scenario (a header line, then one op per line, R38)");
    return [opts]() -> int {
        explain::ExplainOptions options;
        options.title = opts->input == "-" ? "stdin" : std::filesystem::path(opts->input).filename().string();
        if (opts->input != "-") options.base_directory = std::filesystem::path(opts->input).parent_path().string();
        std::optional<std::string> text;
        Result<std::string> page = make_error(ErrorKind::ParseError, "");
        if (opts->stream) {
            page = stream_page(opts->input, options);
        } else {
            auto whole = read_input(opts->input, "input");
            if (!whole) return print_error(whole.error());
            text = std::move(*whole);
            page = explain::explain_page(*text, options);
        }
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
        const std::string_view kind = text ? explain::to_string(*explain::input_kind(*text)) : "scenario, JSON Lines";
        std::cout << "wrote " << opts->output << " (" << kind << ", " << page->size() << " bytes)\n";
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
