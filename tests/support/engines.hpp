// Every rule test on every engine, as one value-parameterized fixture: a test written once as
// TEST_P(Suite, R…) against `run`/`make` runs on the oracle and on impl, and its name says which
// (`Engines/Finalize.R23_ascending_order/impl`), so a failure names the engine that broke the rule.
// The `Engines/` prefix keeps the engine tests' suite apart from the TEST(Suite, …) beside them
// that run no engine (the vocabulary, the readers, the workload generators), which run once.
//
//   class Finalize : public memspec::testing::EachEngine {};
//   MEMSPEC_ON_EACH_ENGINE(Finalize);
//   TEST_P(Finalize, R23_…) { auto r = run(scenario(…)); … }
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "engines/engines.hpp"
#include "spec/vocabulary/engine.hpp"
#include "spec/vocabulary/scenario.hpp"

namespace memspec::engines {
// gtest prints a parameter with its test's failures: the engine's name, not its bytes.
inline void PrintTo(const NamedEngine& engine, std::ostream* os) { *os << engine.name; }
}  // namespace memspec::engines

namespace memspec::testing {

class EachEngine : public ::testing::TestWithParam<engines::NamedEngine> {
protected:
    // The engine under test, for what a test drives itself (the driver, Merkle roots, traces).
    const EngineFactory& make() const { return GetParam().make; }
    // The scenario through the one driver (R37) on the engine under test.
    Result<RunResult> run(const Scenario& sc, const ProgressFn& progress = {}) const { return run_to_result(make(), sc, progress); }
};

// The name suffix of a test instance: the engine's name.
inline std::string engine_name(const ::testing::TestParamInfo<engines::NamedEngine>& info) { return std::string(info.param.name); }

}  // namespace memspec::testing

// Instantiates every TEST_P of `Suite` once per engine (engines::all()): the names read
// `Engines/Suite.Test/oracle` and `Engines/Suite.Test/impl`.
#define MEMSPEC_ON_EACH_ENGINE(Suite) \
    INSTANTIATE_TEST_SUITE_P(Engines, Suite, ::testing::ValuesIn(::memspec::engines::all()), ::memspec::testing::engine_name)
