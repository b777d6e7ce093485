// `memspec trace <scenario> --format csv|json`: every chip's trace, with column names and the
// config (R66, R69). The JSON form is what `memspec check --traces` reads.
#include <iostream>

#include "spec/air/trace_io.hpp"
#include "spec/air/tracegen.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct TraceOptions {
    std::string scenario;
    std::string engine = "impl";
    std::string format = "json";
    std::string variant;
    int indent = -1;
};

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<TraceOptions>();
    auto* sub = app.add_subcommand("trace", "Run a scenario and print every chip's trace");
    sub->add_option("scenario", opts->scenario, "scenario JSON file, or - for stdin");
    add_engine_option(*sub, opts->engine);
    sub->add_option("--format", opts->format, "json or csv")->check(CLI::IsMember({"json", "csv"}));
    sub->add_option("--indent", opts->indent, "pretty-print JSON with this indent");
    add_variant_option(*sub, opts->variant);
    return [opts]() -> int {
        if (opts->scenario.empty()) return print_error(make_error(ErrorKind::ParseError, "trace needs a scenario file or -"));
        auto set = trace_scenario(opts->scenario, opts->engine,
                                  air::parse_variant(opts->variant).value_or(air::Variant::OpenVmV1_0));
        if (!set) return print_error(set.error());
        if (opts->format == "csv")
            std::cout << air::traces_to_csv(*set);
        else
            std::cout << air::traces_to_json(*set, opts->indent) << std::endl;
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
