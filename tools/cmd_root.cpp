// `memspec root <scenario> [--json] [--engine impl|oracle]`: the Merkle roots of persistent
// memory (R73-R75): the initial root of the scenario's initial image and the final root after
// its operations. A scenario without ops is a memory image: both roots are then equal.
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "spec/vocabulary/merkle.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct RootOptions {
    std::string scenario;
    std::string engine = "impl";
    bool json = false;
};

nlohmann::ordered_json digest_json(const merkle::Digest& d) {
    auto a = nlohmann::ordered_json::array();
    for (auto x : d) a.push_back(x.v);
    return a;
}

std::string digest_text(const merkle::Digest& d) {
    std::ostringstream os;
    os << "[";
    for (std::size_t i = 0; i < d.size(); ++i) os << (i ? ", " : "") << d[i].v;
    os << "]";
    return os.str();
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<RootOptions>();
    auto* sub = app.add_subcommand("root", "Print the initial and final Merkle roots of a scenario's memory (R73-R75)");
    sub->add_option("scenario", opts->scenario, "scenario JSON file (an image is a scenario without ops), or - for stdin");
    add_engine_option(*sub, opts->engine);
    sub->add_flag("--json", opts->json, "print the roots as JSON");
    return [opts]() -> int {
        if (opts->scenario.empty()) return print_error(make_error(ErrorKind::ParseError, "root needs a scenario file or -"));
        auto scenario = load_scenario(opts->scenario);
        if (!scenario) return print_error(scenario.error());
        // R75: the final memory comes from finalize. A scenario that finalizes nothing is run with
        // the persistent CHUNK 8, or the largest power of two below it that R26 admits; the final
        // values do not depend on the chunk.
        Scenario sc = *scenario;
        // R228: a profile that fixes its block size (openvm-v2.0: 4) finalizes to it.
        if (!sc.finalize_chunk && profile_entry(sc.profile).chunk) sc.finalize_chunk = *profile_entry(sc.profile).chunk;
        if (!sc.finalize_chunk) {
            std::uint64_t chunk = 8;
            while (chunk > 1 && (chunk > sc.config.max_access_adapter_n ||
                                 (sc.config.pointer_max_bits < 3 && chunk > (std::uint64_t{1} << sc.config.pointer_max_bits))))
                chunk /= 2;
            sc.finalize_chunk = chunk;
        }
        auto setup = validate_setup(sc);
        if (!setup) return print_error(setup.error());
        auto initial = merkle::root(setup->config, setup->initial_memory);
        if (!initial) return print_error(initial.error());
        auto result = run_engine(opts->engine, sc);
        if (!result) return print_error(result.error());
        auto final_root = merkle::updated_root(setup->config, setup->initial_memory, *result->final_memory);
        if (!final_root) return print_error(final_root.error());
        if (opts->json) {
            nlohmann::ordered_json out{{"initial_root", digest_json(*initial)}, {"final_root", digest_json(*final_root)}};
            std::cout << out.dump() << std::endl;
        } else {
            std::cout << "initial_root " << digest_text(*initial) << "\nfinal_root   " << digest_text(*final_root) << "\n";
        }
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
