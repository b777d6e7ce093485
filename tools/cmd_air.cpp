// `memspec air [chip]`: print the AIRs (columns, constraints with rule numbers, interactions)
// of a configuration: the default MemoryConfig, or a scenario's config with --scenario.
#include <iostream>

#include "spec/air/chips.hpp"
#include "spec/air/tracegen.hpp"
#include "spec/vocabulary/profiles/registry.hpp"
#include "tools/command.hpp"
#include "tools/io.hpp"

namespace memspec::cli {
namespace {

struct AirOptions {
    std::string chip;
    std::string scenario;
};

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto opts = std::make_shared<AirOptions>();
    auto* sub = app.add_subcommand("air", "Print the AIR of one chip, or of all chips");
    sub->add_option("chip", opts->chip, "chip name, e.g. access, access_adapter_4, volatile_boundary");
    sub->add_option("--scenario", opts->scenario, "take the config from this scenario file");
    return [opts]() -> int {
        MemoryConfig config;
        // R223: a scenario's profile names its chip set; OpenVM v2.0's has only the persistent boundary.
        std::uint32_t chunk = 1;
        air::Variant variant = air::Variant::OpenVmV1_0;
        if (!opts->scenario.empty()) {
            auto scenario = load_scenario(opts->scenario);
            if (!scenario) return print_error(scenario.error());
            config = scenario->config;
            const ChipSetId chip_set = profile_entry(scenario->profile).chips;
            if (chip_set == ChipSetId::openvm_v2_0) {
                chunk = air::PERSISTENT_CHUNK;
                variant = air::Variant::OpenVmV2_0;
            }
            // R310, R311: OpenVM v1.6.0's and v1.7.0's chips are v1.0's with their own Merkle chip.
            if (chip_set == ChipSetId::openvm_v1_6 || chip_set == ChipSetId::openvm_v1_7) {
                chunk = air::PERSISTENT_CHUNK;
                variant = chip_set == ChipSetId::openvm_v1_6 ? air::Variant::OpenVmV1_6 : air::Variant::OpenVmV1_7;
            }
        }
        if (auto s = air::traceable(config, chunk, variant); !s) return print_error(s.error());
        air::ChipSet chips = air::make_chip_set(config, chunk, variant);
        // Both boundaries, and the persistent side's Merkle chip and compression lookup (R76-R78).
        const std::vector<air::Air> airs = chips.every_air();
        bool printed = false;
        for (const auto& a : airs)
            if (opts->chip.empty() || a.name == opts->chip) {
                std::cout << air::to_text(a) << "\n";
                printed = true;
            }
        if (!printed) {
            std::string names;
            for (const auto& a : airs) names += (names.empty() ? "" : ", ") + a.name;
            return print_error(make_error(ErrorKind::ParseError, "no chip '" + opts->chip + "'; chips: " + names));
        }
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
