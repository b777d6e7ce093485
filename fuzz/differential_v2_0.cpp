// Fuzz target `differential_v2_0` (R216, R220, R239): bytes -> an OpenVM v2.0 scenario
// (fuzz/fuzzed_data.hpp, V2ScenarioDecoder: every address space of the table and beyond it, each
// space's start, end and one past it, AS2's and AS4's page boundaries, every check of R217, the
// clock's last values) -> the v2.0 family's literal oracle and fast impl, through the one driver,
// must return the same Result: equal RunResults or equal errors (kind, message and op index). Any
// difference prints both results and the scenario JSON, then traps.
#include <cstddef>
#include <cstdint>

#include "engines/engines.hpp"
#include "fuzz/check.hpp"
#include "fuzz/fuzzed_data.hpp"
#include "spec/vocabulary/engine.hpp"

using namespace memspec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzedData in(data, size);
    const Scenario sc = fuzz::V2ScenarioDecoder(in).scenario();

    const Result<RunResult> expected = run_to_result(EngineFactory(engines::make_oracle), sc);
    const Result<RunResult> actual = run_to_result(EngineFactory(engines::make_impl), sc);

    bool same = expected.ok() == actual.ok();
    if (same && expected.ok()) same = expected.value() == actual.value();
    if (same && !expected.ok()) same = expected.error() == actual.error();
    if (!same)
        fuzz::fail("v2.0 oracle and impl disagree; first difference: " + fuzz::first_difference(expected, actual), sc,
                   "oracle:\n" + fuzz::describe(expected) + "\nimpl:\n" + fuzz::describe(actual));
    return 0;
}
