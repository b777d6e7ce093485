// Fuzz target `differential` (R70): bytes -> Scenario (fuzz/fuzzed_data.hpp) -> the literal
// oracle and the fast impl must return the same Result: equal RunResults (reads, access records,
// adapter records in emission order, final memory, final timestamp) or equal errors (kind,
// message and op index). Any difference prints both results and the scenario JSON, then traps.
// MEMSPEC_DIFF_IGNORE_MESSAGES=1 compares errors by kind and op index only, as the conformance
// vectors do (conform/judge.cpp), for an engine whose messages are its own.
// Built only when the CMake target memspec_impl exists (fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "impl/run.hpp"
#include "oracle/run.hpp"
#include "fuzz/check.hpp"
#include "fuzz/fuzzed_data.hpp"

using namespace memspec;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::FuzzedData in(data, size);
    const Scenario sc = fuzz::ScenarioDecoder(in).scenario();

    const Result<RunResult> expected = oracle::run(sc);
    const Result<RunResult> actual = impl::run(sc);

    static const bool ignore_messages = std::getenv("MEMSPEC_DIFF_IGNORE_MESSAGES") != nullptr;
    bool same = expected.ok() == actual.ok();
    if (same && expected.ok()) same = expected.value() == actual.value();
    if (same && !expected.ok())
        same = ignore_messages ? expected.error().kind == actual.error().kind && expected.error().op_index == actual.error().op_index
                               : expected.error() == actual.error();
    if (!same)
        fuzz::fail("oracle and impl disagree; first difference: " + fuzz::first_difference(expected, actual), sc,
                   "oracle:\n" + fuzz::describe(expected) + "\nimpl:\n" + fuzz::describe(actual));
    return 0;
}
