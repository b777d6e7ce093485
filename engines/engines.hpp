// Choosing an engine, written once (R37, R210): the CLI's --engine, the C ABI's memspec_engine,
// the fuzz targets and the tests that run every rule on both engines all take their factories
// from here. An engine is a pair (the profile's semantics family, from the registry in
// spec/vocabulary/profiles/; the engine's name, oracle or impl): each family has its own literal
// oracle and fast impl, and the factory under a name picks the family's from the Setup's profile.
// This file sees both the oracle and impl but holds no behaviour of its own, so the two engines
// still share no code (and neither may include it: README.md, "Layers").
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string_view>

#include "impl/engine.hpp"
#include "impl/v1_4/engine.hpp"
#include "impl/v2_0/engine.hpp"
#include "oracle/engine.hpp"
#include "oracle/v1_4/engine.hpp"
#include "oracle/v2_0/engine.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/profiles/registry.hpp"

namespace memspec::engines {

// One engine of one semantics family.
struct FamilyEngine {
    Semantics semantics;
    std::string_view name;  // "oracle" or "impl"
    std::unique_ptr<Engine> (*make)(const Setup&);
};

// Every (family, engine) pair: a family's literal oracle first, then its fast impl.
inline const std::array<FamilyEngine, 6>& by_family() {
    static const std::array<FamilyEngine, 6> engines = {
        FamilyEngine{Semantics::openvm_v1_0, "oracle", oracle::make_engine},
        FamilyEngine{Semantics::openvm_v1_0, "impl", impl::make_engine},
        FamilyEngine{Semantics::openvm_v2_0, "oracle", oracle::v2_0::make_engine},
        FamilyEngine{Semantics::openvm_v2_0, "impl", impl::v2_0::make_engine},
        FamilyEngine{Semantics::openvm_v1_4, "oracle", oracle::v1_4::make_engine},
        FamilyEngine{Semantics::openvm_v1_4, "impl", impl::v1_4::make_engine},
    };
    return engines;
}

// The engine called `name` of the family `semantics`; nothing when that pair has none.
inline std::unique_ptr<Engine> (*family_engine(Semantics semantics, std::string_view name))(const Setup&) {
    for (const FamilyEngine& e : by_family())
        if (e.semantics == semantics && e.name == name) return e.make;
    return nullptr;
}

// One engine as callers choose it: the name that selects it (`--engine NAME`, test name
// suffixes) and its factory, which serves every profile through the profile's family.
struct NamedEngine {
    std::string_view name;
    EngineFactory make;
};

// The oracle, and the impl, of the setup's profile's family: the factories every caller that runs
// scenarios of any profile uses. Every registered profile's family has both engines
// (tests/unit/profile_registry_test.cpp).
inline std::unique_ptr<Engine> make_oracle(const Setup& setup) {
    return family_engine(profile_entry(setup.profile).semantics, "oracle")(setup);
}
inline std::unique_ptr<Engine> make_impl(const Setup& setup) {
    return family_engine(profile_entry(setup.profile).semantics, "impl")(setup);
}

// Every engine, the literal oracle first, then the fast impl.
inline const std::array<NamedEngine, 2>& all() {
    static const std::array<NamedEngine, 2> engines = {
        NamedEngine{"oracle", EngineFactory(make_oracle)},
        NamedEngine{"impl", EngineFactory(make_impl)},
    };
    return engines;
}

// The factory of the engine called `name`; nothing for a name no engine has.
inline std::optional<EngineFactory> by_name(std::string_view name) {
    for (const NamedEngine& e : all())
        if (e.name == name) return e.make;
    return std::nullopt;
}

}  // namespace memspec::engines
