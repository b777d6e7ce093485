// Choosing an engine by name, written once (R37): the CLI's --engine, the C ABI's memspec_engine,
// the fuzz targets and the tests that run every rule on both engines all take their factories
// from here. It sees both the oracle and impl but holds no behaviour of its own, so the two
// engines still share no code (and neither may include it: README.md, "Layers").
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "impl/engine.hpp"
#include "oracle/engine.hpp"
#include "spec/vocabulary/engine.hpp"

namespace memspec::engines {

// One engine: the name that selects it (`--engine NAME`, test name suffixes) and its factory.
struct NamedEngine {
    std::string_view name;
    EngineFactory make;
};

// Every engine, the literal oracle first, then the fast impl.
inline const std::array<NamedEngine, 2>& all() {
    static const std::array<NamedEngine, 2> engines = {
        NamedEngine{"oracle", EngineFactory(oracle::make_engine)},
        NamedEngine{"impl", EngineFactory(impl::make_engine)},
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
