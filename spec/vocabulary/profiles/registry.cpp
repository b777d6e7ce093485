// The registry (R210): the one list of profiles. Registering a profile is one line here.
#include "spec/vocabulary/profiles/registry.hpp"

#include <array>
#include <string>

namespace memspec {

std::string_view semantics_name(Semantics semantics) {
    switch (semantics) {
        case Semantics::openvm_v1_0: return "openvm-v1.0";
        case Semantics::openvm_v2_0: return "openvm-v2.0";
        case Semantics::openvm_v1_4: return "openvm-v1.4";
    }
    return "unknown";
}

std::string_view chip_set_name(ChipSetId chips) {
    switch (chips) {
        case ChipSetId::openvm_v1_0_by_chunk: return "openvm-v1.0 (boundary by finalize_chunk)";
        case ChipSetId::openvm_v2_0: return "openvm-v2.0 (persistent boundary with a timestamp per 4-cell half)";
        case ChipSetId::openvm_v1_6: return "openvm-v1.6 (v1.0's chips, Merkle root rows labelled 0)";
        case ChipSetId::openvm_v1_7: return "openvm-v1.7 (v1.0's chips, Merkle root rows labelled 0, parent_height_inv)";
        case ChipSetId::none: return "none";
    }
    return "unknown";
}

// The order `memspec diff` runs them in and error messages list them in.
std::span<const ProfileEntry> profile_registry() {
    static const std::array list = {
        openvm_v1_0_volatile_profile(),
        openvm_v1_0_persistent_profile(),
        generalized_profile(),
        openvm_v2_0_profile(),
        openvm_v1_4_volatile_profile(),
        openvm_v1_4_persistent_profile(),
        openvm_v1_6_persistent_profile(),
        openvm_v1_7_persistent_profile(),
    };
    return list;
}

const ProfileEntry& profile_entry(Profile profile) {
    for (const ProfileEntry& e : profile_registry())
        if (e.id == profile) return e;
    // Unreachable for a registered enumerator (tests/unit/profile_registry_test.cpp checks every
    // one); an unregistered value falls back to the interchange default rather than failing.
    return generalized_profile();
}

const ProfileEntry* profile_entry_named(std::string_view name) {
    for (const ProfileEntry& e : profile_registry())
        if (e.name == name) return &e;
    return nullptr;
}

std::string profile_names_quoted() {
    std::string out;
    const auto list = profile_registry();
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i > 0) out += i + 1 == list.size() ? " or " : ", ";
        out += "\"" + std::string(list[i].name) + "\"";
    }
    return out;
}

}  // namespace memspec
