// `memspec profiles [--json]`: every registered profile (R210), in registry order, as the registry
// states it: its name, the OpenVM releases it describes, its semantics, its chip set, the block size
// it fixes and the records its runs emit. Scripts iterate over it, so a profile added to the
// registry joins every matrix of tests that reads this list (tests/explain/profile_matrix.py).
#include <iostream>

#include <nlohmann/json.hpp>

#include "spec/vocabulary/profiles/registry.hpp"
#include "tools/command.hpp"

namespace memspec::cli {
namespace {

// A short key for the chip set, stable for scripts (chip_set_name is the sentence for people).
std::string_view chip_set_key(ChipSetId chips) {
    switch (chips) {
    case ChipSetId::openvm_v1_0_by_chunk: return "openvm-v1.0";
    case ChipSetId::openvm_v2_0: return "openvm-v2.0";
    case ChipSetId::openvm_v1_6: return "openvm-v1.6";  // R310
    case ChipSetId::openvm_v1_7: return "openvm-v1.7";  // R311
    case ChipSetId::none: return "none";
    }
    return "unknown";
}

Register reg{{[](CLI::App& app) -> std::function<int()> {
    auto json = std::make_shared<bool>(false);
    auto* sub = app.add_subcommand("profiles", "List every profile: its name, OpenVM releases, semantics and chip set");
    sub->add_flag("--json", *json, "one JSON array, an object per profile");
    return [json]() -> int {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const ProfileEntry& e : profile_registry()) {
            nlohmann::ordered_json p;
            p["name"] = std::string(e.name);
            nlohmann::ordered_json tags = nlohmann::ordered_json::array();
            for (std::string_view t : e.openvm_tags) tags.push_back(std::string(t));
            p["openvm_tags"] = std::move(tags);
            p["semantics"] = std::string(semantics_name(e.semantics));
            p["chips"] = std::string(chip_set_key(e.chips));
            p["chunk"] = e.chunk ? nlohmann::ordered_json(*e.chunk) : nlohmann::ordered_json(nullptr);
            p["adapter_records"] = e.records.adapter;
            p["roots"] = e.result_roots;
            p["summary"] = std::string(e.summary);
            list.push_back(std::move(p));
        }
        if (*json) {
            std::cout << list.dump() << "\n";
            return EXIT_OK;
        }
        for (const auto& p : list)
            std::cout << p["name"].get<std::string>() << ": " << p["summary"].get<std::string>() << "\n";
        return EXIT_OK;
    };
}}};

}  // namespace
}  // namespace memspec::cli
