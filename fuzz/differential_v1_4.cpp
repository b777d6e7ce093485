// Fuzz target `differential_v1_4` (R265-R271, R324): bytes -> an OpenVM v1.4 scenario of either
// profile (fuzz/v1_4_scenario_decoder.hpp: every switch of R261 and R262, every check of R263, the
// clock's last values, images) -> the v1.4 family's literal oracle and fast impl, through the one
// driver, must return the same Result: equal RunResults or equal errors (kind, message and op
// index). Any difference prints both results and the scenario JSON, then traps.
#include <cstddef>
#include <cstdint>

#include "engines/engines.hpp"
#include "fuzz/check.hpp"
#include "fuzz/fuzzed_data.hpp"
#include "fuzz/v1_4_scenario_decoder.hpp"
#include "spec/vocabulary/engine.hpp"

using namespace memspec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzedData in(data, size);
    const Scenario sc = fuzz::V14ScenarioDecoder(in).scenario();

    const Result<RunResult> expected = run_to_result(EngineFactory(engines::make_oracle), sc);
    const Result<RunResult> actual = run_to_result(EngineFactory(engines::make_impl), sc);

    bool same = expected.ok() == actual.ok();
    if (same && expected.ok()) same = expected.value() == actual.value();
    if (same && !expected.ok()) same = expected.error() == actual.error();
    if (!same)
        fuzz::fail("v1.4 oracle and impl disagree; first difference: " + fuzz::first_difference(expected, actual), sc,
                   "oracle:\n" + fuzz::describe(expected) + "\nimpl:\n" + fuzz::describe(actual));
    return 0;
}
